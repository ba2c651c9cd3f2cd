package data

// The study store: study records (by hand, for a whole branch, from a
// meeting's attendance), activities, the points rules, and the points and
// rankings derived from them on read. Every write is audited, nothing is
// hard-deleted, and a branch copy writes its own branch's members only.

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"errors"
	"math"
	"strings"
)

//go:embed defaults/points_rules.json
var defaultPointsRulesJSON []byte

// DefaultPointsRules are the rules the app ships with.
func DefaultPointsRules() []PointsRule {
	var def struct {
		Rules []struct {
			Kind       string  `json:"kind"`
			Points     float64 `json:"points"`
			MonthlyCap float64 `json:"monthly_cap"`
		} `json:"rules"`
	}
	if err := json.Unmarshal(defaultPointsRulesJSON, &def); err != nil {
		panic("data/defaults/points_rules.json: " + err.Error())
	}
	out := make([]PointsRule, len(def.Rules))
	for i, r := range def.Rules {
		out[i] = PointsRule{Kind: r.Kind, Points: Points(math.Round(r.Points * 10)), MonthlyCap: Points(math.Round(r.MonthlyCap * 10))}
	}
	return out
}

// seedPointsRules loads the shipped rules into an empty table, once; the
// office then edits them as its own data.
func (tx *Tx) seedPointsRules() error {
	var n int
	if err := tx.queryRow("SELECT count(*) FROM points_rules").Scan(&n); err != nil || n > 0 {
		return err
	}
	for i, r := range DefaultPointsRules() {
		if _, err := tx.exec("INSERT INTO points_rules(kind, points, monthly_cap, sort_order, updated_at) VALUES (?,?,?,?,?)",
			r.Kind, r.Points, r.MonthlyCap, i, tx.at); err != nil {
			return err
		}
		if err := tx.auditKey(EntityPointsRule, r.Kind, ActionInsert, nil, r); err != nil {
			return err
		}
	}
	return nil
}

// PointsRules lists the office's rules in order.
func (s *Store) PointsRules(ctx context.Context) ([]PointsRule, error) {
	var out []PointsRule
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, "SELECT kind, points, monthly_cap FROM points_rules ORDER BY sort_order, kind")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r PointsRule
			if err := rows.Scan(&r.Kind, &r.Points, &r.MonthlyCap); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// SavePointsRule changes one rule; only the office sets the rules.
func (s *Store) SavePointsRule(ctx context.Context, role Role, r PointsRule) error {
	return s.SavePointsRules(ctx, role, []PointsRule{r})
}

// SavePointsRules changes several rules in one transaction (the rules
// dialog saves them together); only the office sets the rules. A rule
// refused refuses them all, its message naming the rule.
func (s *Store) SavePointsRules(ctx context.Context, role Role, rules []PointsRule) error {
	if err := role.OfficeOnly("积分规则由党总支办公室设置"); err != nil {
		return err
	}
	for _, r := range rules {
		if is := ValidatePointsRule(r); len(is) > 0 {
			for i := range is {
				is[i].Field = r.Kind + "." + is[i].Field
				is[i].Msg = PointsRuleLabel(r.Kind) + "：" + is[i].Msg
			}
			return &ValidationError{Errors: is}
		}
	}
	return s.Write(ctx, func(tx *Tx) error {
		for _, r := range rules {
			if err := tx.savePointsRule(r); err != nil {
				return err
			}
		}
		return nil
	})
}

func (tx *Tx) savePointsRule(r PointsRule) error {
	var old PointsRule
	err := tx.queryRow("SELECT kind, points, monthly_cap FROM points_rules WHERE kind = ?", r.Kind).Scan(&old.Kind, &old.Points, &old.MonthlyCap)
	if errors.Is(err, sql.ErrNoRows) {
		order := 0
		tx.queryRow("SELECT coalesce(max(sort_order), -1) + 1 FROM points_rules").Scan(&order)
		if _, err := tx.exec("INSERT INTO points_rules(kind, points, monthly_cap, sort_order, updated_at) VALUES (?,?,?,?,?)",
			r.Kind, r.Points, r.MonthlyCap, order, tx.at); err != nil {
			return err
		}
		return tx.auditKey(EntityPointsRule, r.Kind, ActionInsert, nil, r)
	} else if err != nil {
		return err
	}
	if old == r {
		return nil
	}
	if _, err := tx.exec("UPDATE points_rules SET points = ?, monthly_cap = ?, updated_at = ? WHERE kind = ?",
		r.Points, r.MonthlyCap, tx.at, r.Kind); err != nil {
		return err
	}
	return tx.auditKey(EntityPointsRule, r.Kind, ActionUpdate, old, r)
}

// ---- Study records ----

const studySelect = `SELECT s.id, s.member_id, m.name, s.branch_id, s.date, s.content, s.hours, s.form, s.organiser,
	s.source, coalesce(s.meeting_id, 0), s.source_ref FROM study_records s JOIN members m ON m.id = s.member_id`

func scanStudy(sc interface{ Scan(...any) error }) (StudyRecord, error) {
	var r StudyRecord
	err := sc.Scan(&r.ID, &r.MemberID, &r.Name, &r.BranchID, &r.Date, &r.Content, &r.Hours, &r.Form, &r.Organiser,
		&r.Source, &r.MeetingID, &r.SourceRef)
	return r, err
}

// StudyFilter narrows the study records; zero fields match all.
type StudyFilter struct {
	BranchID  int64
	MemberID  int64
	MeetingID int64
	From, To  Date // inclusive
}

// StudyRecords lists the records (not deleted), newest first.
func (s *Store) StudyRecords(ctx context.Context, f StudyFilter) ([]StudyRecord, error) {
	where, args := []string{"s.deleted_at IS NULL"}, []any{}
	if f.BranchID != 0 {
		where, args = append(where, "s.branch_id = ?"), append(args, f.BranchID)
	}
	if f.MemberID != 0 {
		where, args = append(where, "s.member_id = ?"), append(args, f.MemberID)
	}
	if f.MeetingID != 0 {
		where, args = append(where, "s.meeting_id = ?"), append(args, f.MeetingID)
	}
	if !f.From.IsZero() {
		where, args = append(where, "s.date >= ?"), append(args, f.From)
	}
	if !f.To.IsZero() {
		where, args = append(where, "s.date <= ?"), append(args, f.To)
	}
	var out []StudyRecord
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, studySelect+" WHERE "+strings.Join(where, " AND ")+" ORDER BY s.date DESC, s.id DESC", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanStudy(rows)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

func (tx *Tx) loadStudy(id int64) (StudyRecord, error) {
	r, err := scanStudy(tx.queryRow(studySelect+" WHERE s.id = ? AND s.deleted_at IS NULL", id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	return r, err
}

// studyMember loads the member a record is for and checks the role may
// write for them: the office for anyone, a branch copy its own members.
func (tx *Tx) studyMember(role Role, memberID int64) (Member, error) {
	m, err := tx.loadMember(memberID)
	if errors.Is(err, ErrNotFound) {
		return m, &ValidationError{Errors: []FieldIssue{{"member_id", "找不到该党员"}}}
	} else if err != nil {
		return m, err
	}
	return m, role.OwnBranch(m.BranchID, "党员登记学习记录")
}

// SaveStudyRecord validates and stores a record (ID 0 inserts).
func (s *Store) SaveStudyRecord(ctx context.Context, role Role, r StudyRecord) (StudyRecord, error) {
	var out StudyRecord
	err := s.Write(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.SaveStudyRecord(role, r)
		return err
	})
	return out, err
}

// SaveStudyRecord stores a record inside a transaction (imports use it).
func (tx *Tx) SaveStudyRecord(role Role, r StudyRecord) (StudyRecord, error) {
	r.Content, r.Organiser = strings.TrimSpace(r.Content), strings.TrimSpace(r.Organiser)
	if r.Source == "" {
		r.Source = SourceManual
	}
	if is := ValidateStudy(r); len(is) > 0 {
		return r, &ValidationError{Errors: is}
	}
	m, err := tx.studyMember(role, r.MemberID)
	if err != nil {
		return r, err
	}
	r.Name = m.Name
	if r.ID == 0 {
		r.BranchID = m.BranchID
		var mid any
		if r.MeetingID != 0 {
			mid = r.MeetingID
		}
		res, err := tx.exec(`INSERT INTO study_records(member_id, branch_id, date, content, hours, form, organiser, source,
			meeting_id, source_ref, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
			r.MemberID, r.BranchID, r.Date, r.Content, r.Hours, r.Form, r.Organiser, r.Source, mid, r.SourceRef, tx.at, tx.at)
		if err != nil {
			return r, err
		}
		r.ID, _ = res.LastInsertId()
		return r, tx.audit(EntityStudyRecord, r.ID, ActionInsert, nil, r)
	}
	old, err := tx.loadStudy(r.ID)
	if err != nil {
		return r, err
	}
	if err := role.OwnBranch(old.BranchID, "党员登记学习记录"); err != nil {
		return r, err
	}
	// Where it came from stays as it was.
	r.BranchID, r.Source, r.MeetingID, r.SourceRef = old.BranchID, old.Source, old.MeetingID, old.SourceRef
	if old == r {
		return r, nil
	}
	if _, err := tx.exec(`UPDATE study_records SET member_id = ?, date = ?, content = ?, hours = ?, form = ?, organiser = ?,
		updated_at = ? WHERE id = ?`, r.MemberID, r.Date, r.Content, r.Hours, r.Form, r.Organiser, tx.at, r.ID); err != nil {
		return r, err
	}
	return r, tx.audit(EntityStudyRecord, r.ID, ActionUpdate, old, r)
}

// DeleteStudyRecord marks a record deleted (it stays, audited).
func (s *Store) DeleteStudyRecord(ctx context.Context, role Role, id int64) error {
	return s.Write(ctx, func(tx *Tx) error {
		old, err := tx.loadStudy(id)
		if err != nil {
			return err
		}
		if err := role.OwnBranch(old.BranchID, "党员登记学习记录"); err != nil {
			return err
		}
		if _, err := tx.exec("UPDATE study_records SET deleted_at = ?, updated_at = ? WHERE id = ?", tx.at, tx.at, id); err != nil {
			return err
		}
		return tx.audit(EntityStudyRecord, id, ActionDelete, old, map[string]any{"deleted": true}) // kept, marked deleted
	})
}

// AddStudyForMembers records one study (date, content, hours, form,
// organiser of r) for each member listed, in one transaction: a branch's
// whole group study entered at once. Nothing is saved if one fails.
func (s *Store) AddStudyForMembers(ctx context.Context, role Role, r StudyRecord, memberIDs []int64) ([]StudyRecord, error) {
	if len(memberIDs) == 0 {
		return nil, &ValidationError{Errors: []FieldIssue{{"member_id", "请选择参加学习的党员"}}}
	}
	var out []StudyRecord
	err := s.Write(ctx, func(tx *Tx) error {
		seen := map[int64]bool{}
		for _, id := range memberIDs {
			if seen[id] {
				continue
			}
			seen[id] = true
			one := r
			one.ID, one.MemberID, one.Source, one.MeetingID = 0, id, SourceManual, 0
			saved, err := tx.SaveStudyRecord(role, one)
			if err != nil {
				return err
			}
			out = append(out, saved)
		}
		return nil
	})
	return out, err
}

// StudyFormOfMeeting is the study form a meeting's attendance is recorded
// as: a 党课 is 党课, every other meeting 集中学习.
func StudyFormOfMeeting(kind string) string {
	if kind == KindLesson {
		return StudyLesson
	}
	return StudyGroup
}

// StudyFromMeeting gives every attendee present at a meeting (出席 on its
// attendance list, with a dossier) a study record of hours: the meeting's
// date and topic, the form its kind implies, organised by its unit. Done
// twice it adds nothing: an attendee who already has a record of the
// meeting is skipped. It returns the records added.
func (s *Store) StudyFromMeeting(ctx context.Context, role Role, meetingID int64, hours Hours) ([]StudyRecord, error) {
	var out []StudyRecord
	err := s.Write(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.StudyFromMeeting(role, meetingID, hours)
		return err
	})
	return out, err
}

// StudyFromMeeting is Store.StudyFromMeeting inside a transaction.
func (tx *Tx) StudyFromMeeting(role Role, meetingID int64, hours Hours) ([]StudyRecord, error) {
	var out []StudyRecord
	m, err := tx.loadMeeting(meetingID)
	if err != nil {
		return nil, err
	}
	if err := role.OwnBranch(tx.branchOf(m.UnitID), "党员登记学习记录"); err != nil {
		return nil, err
	}
	if hours <= 0 || hours > 240 {
		return nil, &ValidationError{Errors: []FieldIssue{{"hours", "学时应大于 0 且不超过 24"}}}
	}
	unit, _ := tx.loadUnit(m.UnitID)
	content := strings.TrimSpace(m.Topic)
	if content == "" {
		content = m.Kind
	} else if !strings.Contains(content, m.Kind) {
		content = m.Kind + "：" + content
	}
	present := 0
	for _, a := range m.Attendance {
		if a.State != Present || a.MemberID == 0 {
			continue
		}
		present++
		var n int
		if err := tx.queryRow("SELECT count(*) FROM study_records WHERE meeting_id = ? AND member_id = ? AND deleted_at IS NULL",
			m.ID, a.MemberID).Scan(&n); err != nil {
			return nil, err
		}
		if n > 0 {
			continue
		}
		r, err := tx.SaveStudyRecord(role, StudyRecord{MemberID: a.MemberID, Date: m.Date, Content: content, Hours: hours,
			Form: StudyFormOfMeeting(m.Kind), Organiser: unit.Name(), Source: SourceMeeting, MeetingID: m.ID})
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if present == 0 {
		return nil, &ValidationError{Errors: []FieldIssue{{"attendance", "该会议记录没有出席人员，无法生成学习记录"}}}
	}
	return out, nil
}

// StudyHoursOfMeeting are the 学时 proposed for a meeting's attendees: 2
// for a 党课, 1 for any other meeting.
func StudyHoursOfMeeting(kind string) Hours {
	if kind == KindLesson {
		return 20
	}
	return 10
}

// StudyFromMeetings generates the study records of every recorded meeting
// of the kinds given that lists attendees present (StudyHoursOfMeeting
// each), as StudyFromMeeting does one: a catch-up after minutes were
// imported. Meetings already generated add nothing. It returns the number
// of records added.
func (tx *Tx) StudyFromMeetings(role Role, kinds []string) (int, error) {
	if len(kinds) == 0 {
		return 0, nil
	}
	ph := strings.TrimSuffix(strings.Repeat("?,", len(kinds)), ",")
	args := make([]any, len(kinds))
	for i, k := range kinds {
		args[i] = k
	}
	rows, err := tx.query(`SELECT id, kind FROM meetings m WHERE deleted_at IS NULL AND kind IN (`+ph+`)
		AND EXISTS (SELECT 1 FROM meeting_attendance a WHERE a.meeting_id = m.id AND a.state = '`+Present+`')
		ORDER BY date, id`, args...)
	if err != nil {
		return 0, err
	}
	type mk struct {
		id   int64
		kind string
	}
	var list []mk
	for rows.Next() {
		var x mk
		if err := rows.Scan(&x.id, &x.kind); err != nil {
			rows.Close()
			return 0, err
		}
		list = append(list, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	n := 0
	for _, x := range list {
		added, err := tx.StudyFromMeeting(role, x.id, StudyHoursOfMeeting(x.kind))
		if errors.Is(err, ErrForbidden) {
			continue // another branch's meeting
		} else if err != nil {
			return n, err
		}
		n += len(added)
	}
	return n, nil
}

// ---- Activities ----

const activitySelect = `SELECT a.id, a.member_id, m.name, a.branch_id, a.kind, a.date, a.content, a.hours
	FROM activities a JOIN members m ON m.id = a.member_id`

func scanActivity(sc interface{ Scan(...any) error }) (Activity, error) {
	var a Activity
	err := sc.Scan(&a.ID, &a.MemberID, &a.Name, &a.BranchID, &a.Kind, &a.Date, &a.Content, &a.Hours)
	return a, err
}

// SaveActivity validates and stores an activity (ID 0 inserts).
func (s *Store) SaveActivity(ctx context.Context, role Role, a Activity) (Activity, error) {
	var out Activity
	err := s.Write(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.SaveActivity(role, a)
		return err
	})
	if err != nil {
		return a, err
	}
	return out, nil
}

// SaveActivity stores an activity inside a transaction.
func (tx *Tx) SaveActivity(role Role, a Activity) (Activity, error) {
	a.Content = strings.TrimSpace(a.Content)
	if a.Kind == ActivityLesson {
		a.Hours = 0
	}
	if is := ValidateActivity(a); len(is) > 0 {
		return a, &ValidationError{Errors: is}
	}
	m, err := tx.studyMember(role, a.MemberID)
	if err != nil {
		return a, err
	}
	a.Name = m.Name
	if a.ID == 0 {
		a.BranchID = m.BranchID
		res, err := tx.exec(`INSERT INTO activities(member_id, branch_id, kind, date, content, hours, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?)`, a.MemberID, a.BranchID, a.Kind, a.Date, a.Content, a.Hours, tx.at, tx.at)
		if err != nil {
			return a, err
		}
		a.ID, _ = res.LastInsertId()
		return a, tx.audit(EntityActivity, a.ID, ActionInsert, nil, a)
	}
	old, err := scanActivity(tx.queryRow(activitySelect+" WHERE a.id = ? AND a.deleted_at IS NULL", a.ID))
	if errors.Is(err, sql.ErrNoRows) {
		return a, ErrNotFound
	} else if err != nil {
		return a, err
	}
	if err := role.OwnBranch(old.BranchID, "党员登记活动"); err != nil {
		return a, err
	}
	a.BranchID = old.BranchID
	if old == a {
		return a, nil
	}
	if _, err := tx.exec("UPDATE activities SET member_id = ?, kind = ?, date = ?, content = ?, hours = ?, updated_at = ? WHERE id = ?",
		a.MemberID, a.Kind, a.Date, a.Content, a.Hours, tx.at, a.ID); err != nil {
		return a, err
	}
	return a, tx.audit(EntityActivity, a.ID, ActionUpdate, old, a)
}

// Activities lists a member's (or, memberID 0, everyone's) activities, newest first.
func (s *Store) Activities(ctx context.Context, memberID int64) ([]Activity, error) {
	q, args := activitySelect+" WHERE a.deleted_at IS NULL", []any{}
	if memberID != 0 {
		q, args = q+" AND a.member_id = ?", append(args, memberID)
	}
	var out []Activity
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, q+" ORDER BY a.date DESC, a.id DESC", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a, err := scanActivity(rows)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// ---- Points ----

// PointSources lists every record that earns points (memberID 0: all
// members): study records, meetings attended (出席), quiz results, 党课
// given and volunteer service. Deleted records and deleted meetings earn nothing.
func (s *Store) PointSources(ctx context.Context, memberID int64) ([]PointSource, error) {
	var out []PointSource
	filter := func(col string) (string, []any) {
		if memberID == 0 {
			return "", nil
		}
		return " AND " + col + " = ?", []any{memberID}
	}
	err := s.read(func(db *sql.DB) error {
		each := func(q string, args []any, scan func(rows *sql.Rows) (PointSource, error)) error {
			rows, err := db.QueryContext(ctx, q, args...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				p, err := scan(rows)
				if err != nil {
					return err
				}
				out = append(out, p)
			}
			return rows.Err()
		}
		w, args := filter("member_id")
		err := each("SELECT id, member_id, date, content, hours FROM study_records WHERE deleted_at IS NULL"+w, args,
			func(rows *sql.Rows) (PointSource, error) {
				p := PointSource{Kind: RuleStudyHour, Entity: EntityStudyRecord}
				err := rows.Scan(&p.RecordID, &p.MemberID, &p.Date, &p.Title, &p.Amount)
				return p, err
			})
		if err != nil {
			return err
		}
		w, args = filter("a.member_id")
		err = each(`SELECT m.id, a.member_id, m.date, m.kind, m.topic FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id
			WHERE m.deleted_at IS NULL AND a.state = '`+Present+`'`+w, args,
			func(rows *sql.Rows) (PointSource, error) {
				p := PointSource{Kind: RuleMeeting, Entity: EntityMeeting, Amount: 10}
				var kind, topic string
				err := rows.Scan(&p.RecordID, &p.MemberID, &p.Date, &kind, &topic)
				p.Title = joinNonEmpty("：", kind, topic)
				return p, err
			})
		if err != nil {
			return err
		}
		w, args = filter("member_id")
		err = each("SELECT id, member_id, date, title, score, max_score FROM quiz_results WHERE deleted_at IS NULL"+w, args,
			func(rows *sql.Rows) (PointSource, error) {
				p := PointSource{Kind: RuleQuiz, Entity: EntityQuizResult}
				var score, maxScore Points
				err := rows.Scan(&p.RecordID, &p.MemberID, &p.Date, &p.Title, &score, &maxScore)
				p.Amount = quizAmount(score, maxScore)
				p.Title += "（" + score.String() + "/" + maxScore.String() + " 分）"
				return p, err
			})
		if err != nil {
			return err
		}
		return each("SELECT id, member_id, date, kind, content, hours FROM activities WHERE deleted_at IS NULL"+w, args,
			func(rows *sql.Rows) (PointSource, error) {
				p := PointSource{Entity: EntityActivity}
				var kind string
				var hours int
				err := rows.Scan(&p.RecordID, &p.MemberID, &p.Date, &kind, &p.Title, &hours)
				if kind == ActivityLesson {
					p.Kind, p.Amount = RuleLesson, 10
				} else {
					p.Kind, p.Amount = RuleVolunteer, hours
				}
				return p, err
			})
	})
	return out, err
}

// PointEntries are a member's (memberID 0: everyone's) points, each with
// its source record, as the rules and caps give them today.
func (s *Store) PointEntries(ctx context.Context, memberID int64) ([]PointEntry, error) {
	rules, err := s.PointsRules(ctx)
	if err != nil {
		return nil, err
	}
	src, err := s.PointSources(ctx, memberID)
	if err != nil {
		return nil, err
	}
	return ApplyRules(src, rules), nil
}

// Rankings ranks the members on the roster (those who left are not
// ranked; their records stay) of one branch (branchID 0: all) by their
// points in the period: 综合排名 and 学习排名.
func (s *Store) Rankings(ctx context.Context, period RankPeriod, branchID int64) (Rankings, error) {
	if err := period.Valid(); err != nil {
		return Rankings{}, err
	}
	entries, err := s.PointEntries(ctx, 0)
	if err != nil {
		return Rankings{}, err
	}
	var members []RankMember
	order := s.NameOrder(ctx)
	err = s.read(func(db *sql.DB) error {
		q := `SELECT m.id, m.name, m.branch_id, coalesce(CASE WHEN u.short_name <> '' THEN u.short_name ELSE u.full_name END, '')
			FROM members m LEFT JOIN org_units u ON u.id = m.branch_id
			WHERE m.deleted_at IS NULL AND m.status NOT IN (` + historyStatusList + `)`
		var args []any
		if branchID != 0 {
			q, args = q+" AND m.branch_id = ?", append(args, branchID)
		}
		// In name order, as BuildRankings sorts them (the stored keys).
		q += " ORDER BY m." + nameSortColumn(order) + ", m.name, m.id"
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m RankMember
			var b sql.NullInt64
			if err := rows.Scan(&m.ID, &m.Name, &b, &m.Branch); err != nil {
				return err
			}
			m.BranchID = b.Int64
			members = append(members, m)
		}
		return rows.Err()
	})
	if err != nil {
		return Rankings{}, err
	}
	return rankSorted(members, entries, period), nil
}

// StudyOnFile says whether the member has a record of that date and
// content already (an import run twice adds nothing).
func (tx *Tx) StudyOnFile(memberID int64, date Date, content string) (bool, error) {
	var n int
	err := tx.queryRow("SELECT count(*) FROM study_records WHERE member_id = ? AND date = ? AND content = ? AND deleted_at IS NULL",
		memberID, date, strings.TrimSpace(content)).Scan(&n)
	return n > 0, err
}
