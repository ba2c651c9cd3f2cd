package data

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// The dues store: standards with their months, members' bases with their
// history, and the ledger (one row per member per month, with the branch
// that collected it). Every write is audited and checked against the role.

func scanMonth(s string) Month {
	if len(s) == 7 && s[4] == '-' { // the stored form, read without allocating
		y, m := 0, 0
		for _, c := range s[:4] {
			y = y*10 + int(c-'0')
		}
		m = int(s[5]-'0')*10 + int(s[6]-'0')
		if m >= 1 && m <= 12 {
			return Month(y*12 + m - 1)
		}
	}
	m, _ := ParseMonth(s)
	return m
}

// DuesRuleBook is every office change of the standards, oldest first.
func (s *Store) DuesRuleBook(ctx context.Context) (DuesRuleBook, error) {
	var out DuesRuleBook
	err := s.read(func(db *sql.DB) error {
		var err error
		out, err = duesRuleBook(ctx, db)
		return err
	})
	return out, err
}

func duesRuleBook(ctx context.Context, q querier) (DuesRuleBook, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, effective, rules, note FROM dues_rules WHERE deleted_at IS NULL ORDER BY effective")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out DuesRuleBook
	for rows.Next() {
		var id int64
		var eff, js, note string
		if err := rows.Scan(&id, &eff, &js, &note); err != nil {
			return nil, err
		}
		var r DuesRules
		if err := json.Unmarshal([]byte(js), &r); err != nil {
			return nil, fmt.Errorf("党费标准（%s）已损坏：%w", eff, err)
		}
		r.ID, r.Effective, r.Note = id, scanMonth(eff), note
		out = append(out, r)
	}
	return out, rows.Err()
}

type duesRulesAudit struct {
	Effective string `json:"effective"`
	Rules     string `json:"rules"`
	Note      string `json:"note"`
	Deleted   bool   `json:"deleted,omitempty"`
}

func rulesJSON(r DuesRules) string {
	b, _ := json.Marshal(struct {
		InService []DuesTier       `json:"in_service"`
		Retired   []DuesTier       `json:"retired"`
		Fixed     map[string]int64 `json:"fixed_fen"`
		RoundFen  int64            `json:"round_fen"`
	}{r.InService, r.Retired, r.Fixed, r.RoundFen})
	return string(b)
}

// SaveDuesRules stores a version of the standards applying from its month
// on (replacing the version of the same month); office only. Months before
// keep the standards they had.
func (s *Store) SaveDuesRules(ctx context.Context, role Role, r DuesRules) (DuesRules, error) {
	if err := role.OfficeOnly("党费标准由党总支办公室制定"); err != nil {
		return r, err
	}
	if r.RoundFen == 0 {
		r.RoundFen = 1
	}
	if err := CheckDuesRules(r); err != nil {
		return r, err
	}
	err := s.Write(ctx, func(tx *Tx) error {
		after := duesRulesAudit{r.Effective.String(), rulesJSON(r), r.Note, false}
		var id int64
		var before duesRulesAudit
		err := tx.queryRow("SELECT id, effective, rules, note FROM dues_rules WHERE effective = ? AND deleted_at IS NULL",
			r.Effective.String()).Scan(&id, &before.Effective, &before.Rules, &before.Note)
		switch {
		case err == sql.ErrNoRows:
			res, err := tx.exec("INSERT INTO dues_rules(effective, rules, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
				after.Effective, after.Rules, after.Note, tx.at, tx.at)
			if err != nil {
				return err
			}
			r.ID, _ = res.LastInsertId()
			return tx.audit(EntityDuesRule, r.ID, ActionInsert, nil, after)
		case err != nil:
			return err
		}
		r.ID = id
		if before == after {
			return nil
		}
		if _, err := tx.exec("UPDATE dues_rules SET rules = ?, note = ?, updated_at = ? WHERE id = ?", after.Rules, after.Note, tx.at, id); err != nil {
			return err
		}
		return tx.audit(EntityDuesRule, id, ActionUpdate, before, after)
	})
	return r, err
}

// DeleteDuesRules withdraws an office change of the standards; office only.
func (s *Store) DeleteDuesRules(ctx context.Context, role Role, id int64) error {
	if err := role.OfficeOnly("党费标准由党总支办公室制定"); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		var before duesRulesAudit
		err := tx.queryRow("SELECT effective, rules, note FROM dues_rules WHERE id = ? AND deleted_at IS NULL", id).
			Scan(&before.Effective, &before.Rules, &before.Note)
		if err == sql.ErrNoRows {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if _, err := tx.exec("UPDATE dues_rules SET deleted_at = ?, updated_at = ? WHERE id = ?", tx.at, tx.at, id); err != nil {
			return err
		}
		after := before
		after.Deleted = true
		return tx.audit(EntityDuesRule, id, ActionDelete, before, after)
	})
}

// DuesBaseHistory is a member's base records, oldest first.
func (s *Store) DuesBaseHistory(ctx context.Context, memberID int64) ([]DuesBase, error) {
	var out []DuesBase
	err := s.read(func(db *sql.DB) error {
		m, err := duesBases(ctx, db, "member_id = ?", memberID)
		out = m[memberID]
		return err
	})
	return out, err
}

func duesBases(ctx context.Context, q querier, where string, args ...any) (map[int64][]DuesBase, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, member_id, effective, category, base, reason FROM dues_bases WHERE deleted_at IS NULL AND "+
		where+" ORDER BY member_id, effective", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]DuesBase{}
	for rows.Next() {
		var b DuesBase
		var eff string
		if err := rows.Scan(&b.ID, &b.MemberID, &eff, &b.Category, &b.Base, &b.Reason); err != nil {
			return nil, err
		}
		b.Effective = scanMonth(eff)
		out[b.MemberID] = append(out[b.MemberID], b)
	}
	return out, rows.Err()
}

// memberBranch is the branch a member's records belong to now.
func (tx *Tx) memberBranch(memberID int64) (int64, string, error) {
	var branch int64
	var name string
	err := tx.queryRow("SELECT coalesce(branch_id, 0), name FROM members WHERE id = ? AND deleted_at IS NULL", memberID).Scan(&branch, &name)
	if err == sql.ErrNoRows {
		return 0, "", ErrNotFound
	}
	return branch, name, err
}

// SaveDuesBase records a member's base and category from a month on (the
// record of the same month is replaced). A branch copy writes only for
// members of its own branch.
func (s *Store) SaveDuesBase(ctx context.Context, role Role, b DuesBase) (DuesBase, error) {
	err := s.Write(ctx, func(tx *Tx) error {
		var err error
		b, err = tx.saveDuesBase(role, b)
		return err
	})
	return b, err
}

// SaveDuesBase is SaveDuesBase inside a caller's transaction (imports).
func (tx *Tx) SaveDuesBase(role Role, b DuesBase) error {
	_, err := tx.saveDuesBase(role, b)
	return err
}

func (tx *Tx) saveDuesBase(role Role, b DuesBase) (DuesBase, error) {
	b.Reason = strings.TrimSpace(b.Reason)
	if err := CheckDuesBase(b); err != nil {
		return b, err
	}
	branch, _, err := tx.memberBranch(b.MemberID)
	if err != nil {
		return b, err
	}
	if err := role.OwnBranch(branch, "党员登记党费基数"); err != nil {
		return b, err
	}
	var before DuesBase
	var eff string
	err = tx.queryRow("SELECT id, member_id, effective, category, base, reason FROM dues_bases WHERE member_id = ? AND effective = ? AND deleted_at IS NULL",
		b.MemberID, b.Effective.String()).Scan(&before.ID, &before.MemberID, &eff, &before.Category, &before.Base, &before.Reason)
	before.Effective = scanMonth(eff)
	switch {
	case err == sql.ErrNoRows:
		res, err := tx.exec("INSERT INTO dues_bases(member_id, effective, category, base, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			b.MemberID, b.Effective.String(), b.Category, b.Base, b.Reason, tx.at, tx.at)
		if err != nil {
			return b, err
		}
		b.ID, _ = res.LastInsertId()
		return b, tx.audit(EntityDuesBase, b.ID, ActionInsert, nil, b)
	case err != nil:
		return b, err
	}
	b.ID = before.ID
	if before == b {
		return b, nil
	}
	if _, err := tx.exec("UPDATE dues_bases SET category = ?, base = ?, reason = ?, updated_at = ? WHERE id = ?",
		b.Category, b.Base, b.Reason, tx.at, b.ID); err != nil {
		return b, err
	}
	return b, tx.audit(EntityDuesBase, b.ID, ActionUpdate, before, b)
}

const duesSelect = "SELECT id, member_id, month, branch_id, due, paid, paid_date, method, exempt_reason, note FROM dues_ledger"

func scanDues(sc interface{ Scan(...any) error }) (DuesPayment, error) {
	var p DuesPayment
	var month string
	err := sc.Scan(&p.ID, &p.MemberID, &month, &p.BranchID, &p.Due, &p.Paid, &p.PaidDate, &p.Method, &p.ExemptReason, &p.Note)
	p.Month = scanMonth(month)
	return p, err
}

// RecordDues stores ledger rows in one transaction: each replaces the
// member's row of that month, or is added. A branch copy writes only rows
// of its own branch, and never changes a row another branch collected.
func (s *Store) RecordDues(ctx context.Context, role Role, rows []DuesPayment) error {
	return s.Write(ctx, func(tx *Tx) error { return tx.RecordDues(role, rows) })
}

// RecordDues is RecordDues inside a caller's transaction (imports).
func (tx *Tx) RecordDues(role Role, rows []DuesPayment) error {
	for _, p := range rows {
		p.ExemptReason, p.Note, p.Method = strings.TrimSpace(p.ExemptReason), strings.TrimSpace(p.Note), strings.TrimSpace(p.Method)
		if err := CheckDuesPayment(p); err != nil {
			return err
		}
		if err := role.OwnBranch(p.BranchID, "登记党费"); err != nil {
			return err
		}
		before, err := scanDues(tx.queryRow(duesSelect+" WHERE member_id = ? AND month = ? AND deleted_at IS NULL", p.MemberID, p.Month.String()))
		switch {
		case err == sql.ErrNoRows:
			if !role.Office {
				// A branch records the months of its own members only.
				branch, name, err := tx.memberBranch(p.MemberID)
				if err != nil {
					return err
				}
				if err := role.OwnBranch(branch, "党员登记党费（"+name+"不在本支部）"); err != nil {
					return err
				}
			}
			res, err := tx.exec(`INSERT INTO dues_ledger(member_id, month, branch_id, due, paid, paid_date, method, exempt_reason, note, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				p.MemberID, p.Month.String(), p.BranchID, p.Due, p.Paid, p.PaidDate, p.Method, p.ExemptReason, p.Note, tx.at, tx.at)
			if err != nil {
				return err
			}
			p.ID, _ = res.LastInsertId()
			if err := tx.audit(EntityDuesPayment, p.ID, ActionInsert, nil, p); err != nil {
				return err
			}
			continue
		case err != nil:
			return err
		}
		if err := role.OwnBranch(before.BranchID, "修改党费记录（该月由其他支部收缴）"); err != nil {
			return err
		}
		p.ID = before.ID
		if before == p {
			continue
		}
		if _, err := tx.exec(`UPDATE dues_ledger SET branch_id = ?, due = ?, paid = ?, paid_date = ?, method = ?, exempt_reason = ?, note = ?, updated_at = ?
			WHERE id = ?`, p.BranchID, p.Due, p.Paid, p.PaidDate, p.Method, p.ExemptReason, p.Note, tx.at, p.ID); err != nil {
			return err
		}
		if err := tx.audit(EntityDuesPayment, p.ID, ActionUpdate, before, p); err != nil {
			return err
		}
	}
	return nil
}

// DeleteDuesPayment withdraws a ledger row (the month reads 未缴 again).
func (s *Store) DeleteDuesPayment(ctx context.Context, role Role, id int64) error {
	return s.Write(ctx, func(tx *Tx) error {
		before, err := scanDues(tx.queryRow(duesSelect+" WHERE id = ? AND deleted_at IS NULL", id))
		if err == sql.ErrNoRows {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if err := role.OwnBranch(before.BranchID, "撤销党费记录"); err != nil {
			return err
		}
		if _, err := tx.exec("UPDATE dues_ledger SET deleted_at = ?, updated_at = ? WHERE id = ?", tx.at, tx.at, id); err != nil {
			return err
		}
		after := before
		after.Deleted = true
		return tx.audit(EntityDuesPayment, id, ActionDelete, before, after)
	})
}

// DuesMember is what the ledger needs of a member: who, where now, from
// which month they owe and from which they no longer do, and their base
// history (the dossier's 党费基数 and 人员类别 stand where none is kept).
type DuesMember struct {
	ID       int64
	Name     string
	IDNumber string
	BranchID int64 // the branch now
	Standing string
	Start    Month // owes from this month (the vote, or the transfer in); 0: always
	Leave    Month // owes no more from this month; 0: still a member
	Dossier  DuesBase
	Bases    []DuesBase
	// PaidTo is the dossier's 党费交至年月 (from the roster or a transfer
	// letter): months up to it that come before the member's first ledger
	// row (FirstRow) were paid before the ledger was kept here.
	PaidTo   Month
	FirstRow Month
}

// PaidBefore reports a month paid before the ledger was kept here.
func (m *DuesMember) PaidBefore(month Month) bool {
	return m.PaidTo != 0 && month <= m.PaidTo && (m.FirstRow == 0 || month < m.FirstRow)
}

// BaseAt is the member's base and category in force in a month.
func (m *DuesMember) BaseAt(month Month) DuesBase {
	b := m.Dossier
	for _, v := range m.Bases {
		if v.Effective <= month {
			b = v
		}
	}
	return b
}

// Owes reports whether the member owes dues for a month at all.
func (m *DuesMember) Owes(month Month) bool {
	return (m.Start == 0 || month >= m.Start) && (m.Leave == 0 || month < m.Leave)
}

// DuesBook is the ledger of a range of months with everything needed to
// read it: the standards, the members and their rows.
type DuesBook struct {
	From, To Month
	Rules    DuesRuleBook
	Members  []DuesMember // in roster order
	rows     map[int64][]DuesPayment
	index    map[int64]int
}

// DuesLine is one member's month as the ledger reads it.
type DuesLine struct {
	Member   *DuesMember
	Month    Month
	BranchID int64 // the row's branch, or the member's branch now
	Owed     bool  // the member owes dues this month
	Due      int64 // the row's 应缴, or as computed now
	Rate     int64 // basis points, 0 for fixed amounts
	Category string
	Row      *DuesPayment // nil: nothing recorded
	// PaidBefore: nothing recorded, but the month was paid before the
	// ledger was kept here (DuesMember.PaidBefore).
	PaidBefore bool
}

// State is the line's 缴纳状态.
func (l DuesLine) State() string {
	if l.Row != nil {
		return l.Row.State()
	}
	if !l.Owed || l.Due == 0 {
		return DuesNotOwed
	}
	if l.PaidBefore {
		return DuesPaidEarlier
	}
	return DuesUnpaid
}

// Paid is the amount paid for the month.
func (l DuesLine) Paid() int64 {
	if l.Row == nil {
		return 0
	}
	return l.Row.Paid
}

// Expected is the month's 应缴 for a member from the standards and base
// in force that month.
func (b *DuesBook) Expected(m *DuesMember, month Month) (due, rate int64, category string) {
	base := m.BaseAt(month)
	due, rate = b.Rules.At(month).Monthly(base.Category, base.Base)
	return due, rate, base.Category
}

// Line reads a member's month.
func (b *DuesBook) Line(m *DuesMember, month Month) DuesLine {
	l := DuesLine{Member: m, Month: month, BranchID: m.BranchID, Owed: m.Owes(month)}
	l.Due, l.Rate, l.Category = b.Expected(m, month)
	for i := range b.rows[m.ID] {
		if r := &b.rows[m.ID][i]; r.Month == month {
			l.Row, l.BranchID, l.Due = r, r.BranchID, r.Due
			break
		}
	}
	if !l.Owed && l.Row == nil {
		l.Due = 0
	}
	l.PaidBefore = l.Row == nil && m.PaidBefore(month)
	return l
}

// Member finds a member of the book.
func (b *DuesBook) Member(id int64) *DuesMember {
	if i, ok := b.index[id]; ok {
		return &b.Members[i]
	}
	return nil
}

// Month is a branch's month: one line per member who owes it or paid it
// there (branchID 0: every branch).
func (b *DuesBook) Month(month Month, branchID int64) []DuesLine {
	var out []DuesLine
	for i := range b.Members {
		l := b.Line(&b.Members[i], month)
		if (l.Owed || l.Row != nil) && (branchID == 0 || l.BranchID == branchID) {
			out = append(out, l)
		}
	}
	return out
}

// DuesQuery selects a book: a range of months and optionally one branch
// (its members now, and whoever has rows it collected in the range) or
// one member.
type DuesQuery struct {
	From, To Month
	BranchID int64
	MemberID int64
}

// DuesBook loads the ledger of a range of months.
func (s *Store) DuesBook(ctx context.Context, q DuesQuery) (*DuesBook, error) {
	order := s.NameOrder(ctx)
	var b *DuesBook
	err := s.read(func(db *sql.DB) error {
		var err error
		b, err = loadDuesBook(ctx, db, q, order)
		return err
	})
	return b, err
}

// DuesBook is DuesBook inside a write transaction (imports plan against it).
func (tx *Tx) DuesBook(q DuesQuery) (*DuesBook, error) {
	return loadDuesBook(tx.ctx, tx.tx, q, OrderPinyin)
}

type queryRower interface {
	querier
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func loadDuesBook(ctx context.Context, db queryRower, q DuesQuery, order NameOrder) (*DuesBook, error) {
	if q.To < q.From {
		q.From, q.To = q.To, q.From
	}
	b := &DuesBook{From: q.From, To: q.To, rows: map[int64][]DuesPayment{}, index: map[int64]int{}}
	left := map[int64]int{} // member → index, for those who have left
	var err error
	if b.Rules, err = duesRuleBook(ctx, db); err != nil {
		return nil, err
	}
	where, args := "deleted_at IS NULL", []any{}
	rowWhere, rowArgs := "deleted_at IS NULL AND month >= ? AND month <= ?", []any{q.From.String(), q.To.String()}
	switch {
	case q.MemberID != 0:
		where += " AND id = ?"
		args = append(args, q.MemberID)
		rowWhere += " AND member_id = ?"
		rowArgs = append(rowArgs, q.MemberID)
	case q.BranchID != 0:
		where += " AND (branch_id = ? OR id IN (SELECT member_id FROM dues_ledger WHERE " + rowWhere + " AND branch_id = ?))"
		args = append(args, q.BranchID)
		args = append(args, rowArgs...)
		args = append(args, q.BranchID)
		rowWhere += " AND member_id IN (SELECT id FROM members WHERE " + where + ")"
		rowArgs = append(rowArgs, args...)
	}
	rows, err := db.QueryContext(ctx, `SELECT id, name, id_number, coalesce(branch_id, 0), standing, status,
		join_date, transfer_in_date, category, dues_base, dues_paid_to FROM members WHERE `+where+
		// By branch, then in name order by the stored keys, as SortByName
		// would order them (spelling a branch's names costs more than the
		// rest of the book).
		" ORDER BY coalesce(branch_id, 0), "+nameSortColumn(order)+", name, id", args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var m DuesMember
		var status, category, paidTo string
		var join, in Date
		if err := rows.Scan(&m.ID, &m.Name, &m.IDNumber, &m.BranchID, &m.Standing, &status, &join, &in, &category, &m.Dossier.Base, &paidTo); err != nil {
			rows.Close()
			return nil, err
		}
		m.Start = max(MonthOfDate(join), MonthOfDate(in))
		if paidTo != "" {
			m.PaidTo, _ = ParseMonth(paidTo)
		}
		m.Dossier.MemberID = m.ID
		m.Dossier.Category = CategoryFromMember(Member{Category: category})
		if InHistory(status) {
			left[m.ID] = len(b.Members)
			m.Leave = q.From // until a dated event says otherwise
		}
		b.Members = append(b.Members, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	bases, err := duesBases(ctx, db, "member_id IN (SELECT id FROM members WHERE "+where+")", args...)
	if err != nil {
		return nil, err
	}
	for i := range b.Members {
		b.Members[i].Bases = bases[b.Members[i].ID]
	}
	// Each member's first ledger month, whatever the range: 党费交至 counts
	// only before it.
	first := map[int64]Month{}
	fr, err := db.QueryContext(ctx, "SELECT member_id, min(month) FROM dues_ledger WHERE deleted_at IS NULL AND member_id IN (SELECT id FROM members WHERE "+
		where+") GROUP BY member_id", args...)
	if err != nil {
		return nil, err
	}
	for fr.Next() {
		var id int64
		var mo string
		if err := fr.Scan(&id, &mo); err != nil {
			fr.Close()
			return nil, err
		}
		first[id] = scanMonth(mo)
	}
	fr.Close()
	if err := fr.Err(); err != nil {
		return nil, err
	}
	for i := range b.Members {
		b.Members[i].FirstRow = first[b.Members[i].ID]
	}
	// A year of the whole ledger reads fastest in table order (a scan,
	// not an index walk with a lookup per row); sorted below.
	sel := duesSelect
	if q.MemberID == 0 && q.BranchID == 0 {
		sel += " NOT INDEXED"
	}
	lr, err := db.QueryContext(ctx, sel+" WHERE "+rowWhere, rowArgs...)
	if err != nil {
		return nil, err
	}
	for lr.Next() {
		p, err := scanDues(lr)
		if err != nil {
			lr.Close()
			return nil, err
		}
		b.rows[p.MemberID] = append(b.rows[p.MemberID], p)
	}
	lr.Close()
	if err := lr.Err(); err != nil {
		return nil, err
	}
	if len(left) > 0 {
		// The month a member left: the latest 转出 or leaving status change.
		ev, err := db.QueryContext(ctx, `SELECT member_id, date FROM member_events WHERE deleted_at IS NULL AND (kind = ?
			OR (kind = ? AND json_extract(details, '$.status') IN (`+historyStatusList+`))) ORDER BY member_id, date, id`,
			EventTransferOut, EventStatus)
		if err != nil {
			return nil, err
		}
		for ev.Next() {
			var id int64
			var d Date
			if err := ev.Scan(&id, &d); err != nil {
				ev.Close()
				return nil, err
			}
			if i, ok := left[id]; ok {
				b.Members[i].Leave = MonthOfDate(d)
			}
		}
		ev.Close()
		if err := ev.Err(); err != nil {
			return nil, err
		}
	}
	for _, rs := range b.rows {
		slices.SortFunc(rs, func(x, y DuesPayment) int { return cmp.Compare(x.Month, y.Month) })
	}
	for i := range b.Members {
		b.index[b.Members[i].ID] = i
	}
	return b, nil
}
