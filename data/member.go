package data

import (
	"context"
	"database/sql"
	"slices"
	"strings"
)

// 党籍状态.
const (
	StandingProbationary = "预备党员"
	StandingFull         = "正式党员"
)

// 党员状态. The last four mean the person has left: they move to the 历史党员
// roster, and their record stays (nothing is hard-deleted).
const (
	StatusNormal   = "正常"
	StatusFloating = "流动党员"
	StatusLost     = "失联"
	StatusStopped  = "停止党籍"
	StatusExpelled = "出党"
	StatusDead     = "死亡"
	StatusOut      = "转出"
)

// Statuses lists every 党员状态 in display order.
var Statuses = []string{StatusNormal, StatusFloating, StatusLost, StatusStopped, StatusExpelled, StatusDead, StatusOut}

// HistoryStatuses are the 党员状态 that mean the person has left (the
// 历史党员 roster). The SQL filters are built from this list.
var HistoryStatuses = []string{StatusStopped, StatusExpelled, StatusDead, StatusOut}

// InHistory reports whether a status puts the member on the 历史党员 roster.
func InHistory(status string) bool { return slices.Contains(HistoryStatuses, status) }

// historyStatusList is HistoryStatuses as an SQL list: '停止党籍', '出党', …
var historyStatusList = sqlStringList(HistoryStatuses)

// sqlStringList quotes each string as an SQL literal, comma-separated.
func sqlStringList(list []string) string {
	q := make([]string, len(list))
	for i, v := range list {
		q[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	return strings.Join(q, ", ")
}

// 人员类别.
var Categories = []string{"在岗职工", "离退休", "劳务派遣", "其他"}

// Member is one person's dossier (党员档案) for the whole life cycle. JSON
// names equal the column names; the audit log stores this shape.
type Member struct {
	ID int64 `json:"id"`
	// 基本信息
	Name        string `json:"name"`
	FormerName  string `json:"former_name"`
	Sex         string `json:"sex"` // 男 / 女
	Ethnicity   string `json:"ethnicity"`
	BirthDate   Date   `json:"birth_date"`
	IDNumber    string `json:"id_number"`
	NativePlace string `json:"native_place"` // 籍贯
	Birthplace  string `json:"birthplace"`
	// 联系方式
	Phone         string `json:"phone"`
	Address       string `json:"address"`
	PoliceStation string `json:"police_station"` // 户籍所在地派出所
	// 学历与工作
	Education   string `json:"education"`
	Degree      string `json:"degree"`
	SchoolMajor string `json:"school_major"`
	WorkStart   Date   `json:"work_start"`
	StaffNo     string `json:"staff_no"`  // 工号
	WorkUnit    string `json:"work_unit"` // 单位/车队/部门
	JobPost     string `json:"job_post"`  // 岗位
	AdminTitle  string `json:"admin_title"`
	ProTitle    string `json:"pro_title"`
	Category    string `json:"category"` // 人员类别
	// 党籍信息
	BranchID        int64  `json:"branch_id"`
	GroupID         int64  `json:"group_id"`
	Standing        string `json:"standing"` // 党籍状态
	Status          string `json:"status"`   // 党员状态
	ApplyDate       Date   `json:"apply_date"`
	ActivistDate    Date   `json:"activist_date"`
	CandidateDate   Date   `json:"candidate_date"`
	JoinDate        Date   `json:"join_date"` // 入党（接收为预备党员）
	FullDate        Date   `json:"full_date"` // 转正
	TransferInDate  Date   `json:"transfer_in_date"`
	JoinBranch      string `json:"join_branch"`
	FullBranch      string `json:"full_branch"`
	Introducer1     string `json:"introducer1"`
	Introducer2     string `json:"introducer2"`
	Cultivator      string `json:"cultivator"`
	VolunteerNo     string `json:"volunteer_no"`
	PartyPost       string `json:"party_post"`
	Rewards         string `json:"rewards"`
	Punishments     string `json:"punishments"`
	DuesBase        int64  `json:"dues_base"` // 党费基数, 分 per month
	DuesPaidTo      string `json:"dues_paid_to"`
	ArchiveLocation string `json:"archive_location"`
	Remarks         string `json:"remarks"`
	Deleted         bool   `json:"deleted,omitempty"`
}

// memberCols pairs each stored column with its field, in one place, so the
// insert, update and select statements cannot drift apart.
func (m *Member) memberCols() ([]string, []any) {
	cols := []string{"name", "former_name", "sex", "ethnicity", "birth_date", "id_number", "native_place", "birthplace",
		"phone", "address", "police_station",
		"education", "degree", "school_major", "work_start", "staff_no", "work_unit", "job_post", "admin_title", "pro_title", "category",
		"standing", "status", "apply_date", "activist_date", "candidate_date", "join_date", "full_date", "transfer_in_date",
		"join_branch", "full_branch", "introducer1", "introducer2", "cultivator", "volunteer_no", "party_post",
		"rewards", "punishments", "dues_base", "dues_paid_to", "archive_location", "remarks"}
	ptrs := []any{&m.Name, &m.FormerName, &m.Sex, &m.Ethnicity, &m.BirthDate, &m.IDNumber, &m.NativePlace, &m.Birthplace,
		&m.Phone, &m.Address, &m.PoliceStation,
		&m.Education, &m.Degree, &m.SchoolMajor, &m.WorkStart, &m.StaffNo, &m.WorkUnit, &m.JobPost, &m.AdminTitle, &m.ProTitle, &m.Category,
		&m.Standing, &m.Status, &m.ApplyDate, &m.ActivistDate, &m.CandidateDate, &m.JoinDate, &m.FullDate, &m.TransferInDate,
		&m.JoinBranch, &m.FullBranch, &m.Introducer1, &m.Introducer2, &m.Cultivator, &m.VolunteerNo, &m.PartyPost,
		&m.Rewards, &m.Punishments, &m.DuesBase, &m.DuesPaidTo, &m.ArchiveLocation, &m.Remarks}
	return cols, ptrs
}

var memberSelect = func() string {
	var m Member
	cols, _ := m.memberCols()
	return "SELECT id, coalesce(branch_id, 0), coalesce(group_id, 0), deleted_at IS NOT NULL, " + strings.Join(cols, ", ") + " FROM members"
}()

func scanMember(sc interface{ Scan(...any) error }) (Member, error) {
	var m Member
	_, ptrs := m.memberCols()
	err := sc.Scan(append([]any{&m.ID, &m.BranchID, &m.GroupID, &m.Deleted}, ptrs...)...)
	return m, err
}

// Age is the member's age in whole years on day, or -1 when unknown.
func (m Member) Age(day Date) int {
	if m.BirthDate.IsZero() {
		return -1
	}
	return YearsBetween(m.BirthDate, day)
}

// PartyYears is 党龄 on day: whole years since 转正. A 预备党员 has none
// yet (-1), as has anyone without a 转正 date.
func (m Member) PartyYears(day Date) int {
	if m.Standing != StandingFull || m.FullDate.IsZero() || m.FullDate.After(day) {
		return -1
	}
	return YearsBetween(m.FullDate, day)
}

// PoliticalBirthday is the next anniversary of 入党 on or after day — the
// 政治生日 on which offices send greetings — or the zero date without one.
func (m Member) PoliticalBirthday(day Date) Date {
	if m.JoinDate.IsZero() {
		return Date{}
	}
	next := m.JoinDate.AddYears(day.Y - m.JoinDate.Y)
	if next.Before(day) {
		next = m.JoinDate.AddYears(day.Y - m.JoinDate.Y + 1)
	}
	return next
}

// InsertMember adds a dossier with its audit row. Validation of the full
// record lives with the member form; this is the storage step it ends in.
// A branch copy (role) adds members only to its own branch.
func (tx *Tx) InsertMember(role Role, m Member) (Member, error) {
	return tx.InsertMemberKeyed(role, m, NameKeys{})
}

// NameKeys are the stored search keys of a name, computed ahead of the
// write by KeysFor: an import computes them on its planning goroutine so
// the one writing goroutine does not (a tenth of its time).
type NameKeys struct {
	name string
	k    memberKeys
	ok   bool
}

// KeysFor computes name's search keys for InsertMemberKeyed.
func KeysFor(name string) NameKeys {
	return NameKeys{name: name, k: keysOf(name), ok: true}
}

// InsertMemberKeyed is InsertMember with m's name keys computed ahead;
// keys of another name (or none) are computed afresh, so the stored keys
// always fit the stored name.
func (tx *Tx) InsertMemberKeyed(role Role, m Member, keys NameKeys) (Member, error) {
	if err := role.OwnBranch(m.BranchID, "新增党员档案"); err != nil {
		return m, err
	}
	if strings.TrimSpace(m.Name) == "" {
		return m, &ValidationError{Errors: []FieldIssue{{"name", "请填写姓名"}}}
	}
	if m.Status == "" {
		m.Status = StatusNormal
	}
	m.Deleted = false
	if !keys.ok || keys.name != m.Name {
		keys = KeysFor(m.Name)
	}
	if err := tx.insertMemberRow(&m, keys.k); err != nil {
		if isUniqueViolation(err) {
			return m, &ValidationError{Errors: []FieldIssue{{"id_number", "公民身份号码 " + m.IDNumber + " 已属于另一名党员"}}}
		}
		return m, err
	}
	// By pointer: boxing the record would copy its kilobyte to the heap.
	return m, tx.audit(EntityMember, m.ID, ActionInsert, nil, &m)
}

var memberInsert = func() string {
	var m Member
	cols, _ := m.memberCols()
	cols = append(append(cols, memberKeyColumns...), "branch_id", "group_id", "created_at", "updated_at")
	return "INSERT INTO members(" + strings.Join(cols, ", ") + ") VALUES (?" + strings.Repeat(", ?", len(cols)-1) + ")"
}()

// insertMemberRow stores m's row with its search keys (no audit row) and
// sets m.ID, through a statement prepared once per transaction.
func (tx *Tx) insertMemberRow(m *Member, keys memberKeys) error {
	st, err := tx.prepared(memberInsert)
	if err != nil {
		return err
	}
	_, ptrs := m.memberCols()
	// The fields go by value: database/sql dereferences a pointer
	// argument by reflection, a fifth of a bulk import's allocations.
	for i, p := range ptrs {
		ptrs[i] = argValue(p)
	}
	args := append(append(ptrs, keys.args()...), nullID(m.BranchID), nullID(m.GroupID), tx.at, tx.at)
	res, err := st.ExecContext(tx.ctx, args...)
	if err != nil {
		return err
	}
	m.ID, err = res.LastInsertId()
	return err
}

// argValue is what database/sql would bind for the field pointer p,
// computed without reflection for the field types a member has; other
// pointers are passed on as they are.
func argValue(p any) any {
	switch v := p.(type) {
	case *string:
		return *v
	case *int64:
		return *v
	case *Date:
		if d, err := v.Value(); err == nil {
			return d
		}
	}
	return p
}

// CountMembers counts dossiers that are not deleted (history included).
func (tx *Tx) CountMembers() (int, error) {
	var n int
	err := tx.queryRow("SELECT count(*) FROM members WHERE deleted_at IS NULL").Scan(&n)
	return n, err
}

func isUniqueViolation(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// MemberRef names a member for pickers.
type MemberRef struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Standing string `json:"standing"`
}

// UnitMembers lists the active members of a branch or group (a branch
// includes its groups' members), ordered by name, for pickers such as the
// committee post holder.
func (s *Store) UnitMembers(ctx context.Context, unitID int64) ([]MemberRef, error) {
	var out []MemberRef
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, `SELECT id, name, standing FROM members
			WHERE (branch_id = ? OR group_id = ?) AND deleted_at IS NULL AND status NOT IN (`+historyStatusList+`)
			ORDER BY name, id`, unitID, unitID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m MemberRef
			if err := rows.Scan(&m.ID, &m.Name, &m.Standing); err != nil {
				return err
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	SortByName(out, func(m MemberRef) string { return m.Name }, s.NameOrder(ctx))
	return out, nil
}
