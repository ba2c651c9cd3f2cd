package data

import (
	"database/sql"
	"errors"
)

// 党费缴纳 in the exchange: a branch's ledger rows travel both ways (the
// branch collects, the office may correct); the same member and month
// recorded on both sides before they met is a conflict to decide.

var xchgDues = &xchgHandler{
	entity: EntityDuesPayment, down: true, up: true,
	scope: func(x *xchg) ([]int64, error) {
		return x.tx.ids("SELECT id FROM dues_ledger WHERE branch_id = ? ORDER BY id", x.branchID)
	},
	form: func(x *xchg, id int64) (map[string]any, bool, error) {
		p, err := scanDues(x.tx.queryRow(duesSelect+" WHERE id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, false, nil
		} else if err != nil {
			return nil, false, err
		}
		if err := x.tx.queryRow("SELECT deleted_at IS NOT NULL FROM dues_ledger WHERE id = ?", id).Scan(&p.Deleted); err != nil {
			return nil, false, err
		}
		m, err := toMap(p)
		if err != nil {
			return nil, false, err
		}
		delete(m, "id")
		var name string
		x.tx.queryRow("SELECT name FROM members WHERE id = ?", p.MemberID).Scan(&name)
		m["member_name"] = name
		if err := x.refOut(m, "member_id", EntityMember); err != nil {
			return nil, false, err
		}
		return m, true, x.refOut(m, "branch_id", EntityOrgUnit)
	},
	adopt: func(x *xchg, data map[string]any) (int64, error) {
		member, err := x.tx.localOf(EntityMember, mapStr(data, "member_id"))
		if err != nil || member == 0 {
			return 0, err
		}
		var id int64
		err = x.tx.queryRow(`SELECT d.id FROM dues_ledger d WHERE d.member_id = ? AND d.month = ? AND d.deleted_at IS NULL
			AND NOT EXISTS (SELECT 1 FROM xchg_records r WHERE r.entity = ? AND r.local_id = d.id)`, member, mapStr(data, "month"), EntityDuesPayment).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		}
		return id, err
	},
	refuse: func(x *xchg, localID int64, local, in map[string]any) error {
		if x.fromOffice {
			return nil
		}
		if b, _ := x.tx.localOf(EntityOrgUnit, mapStr(in, "branch_id")); b != x.branchID {
			return notTheBranch(b, "党费记录不属于发出此包的党支部")
		}
		return nil
	},
	apply: func(x *xchg, id int64, data map[string]any) (int64, error) {
		d := cloneMap(data)
		if err := x.refIn(d, "member_id", EntityMember); err != nil {
			return 0, err
		}
		if err := x.refIn(d, "branch_id", EntityOrgUnit); err != nil {
			return 0, err
		}
		month, err := ParseMonth(mapStr(d, "month"))
		if err != nil {
			return 0, err
		}
		delete(d, "month")
		delete(d, "member_name")
		var p DuesPayment
		if err := fromMap(d, &p); err != nil {
			return 0, err
		}
		p.Month, p.ID = month, id
		if id == 0 {
			if p.Deleted {
				return 0, nil
			}
			res, err := x.tx.exec(`INSERT INTO dues_ledger(member_id, month, branch_id, due, paid, paid_date, method, exempt_reason, note, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				p.MemberID, p.Month.String(), p.BranchID, p.Due, p.Paid, p.PaidDate, p.Method, p.ExemptReason, p.Note, x.tx.at, x.tx.at)
			if err != nil {
				return 0, err
			}
			p.ID, _ = res.LastInsertId()
			return p.ID, x.tx.audit(EntityDuesPayment, p.ID, ActionInsert, nil, p)
		}
		before, err := scanDues(x.tx.queryRow(duesSelect+" WHERE id = ?", id))
		if err != nil {
			return 0, err
		}
		if err := x.tx.queryRow("SELECT deleted_at IS NOT NULL FROM dues_ledger WHERE id = ?", id).Scan(&before.Deleted); err != nil {
			return 0, err
		}
		var deleted any
		if p.Deleted {
			deleted = x.tx.at
		}
		if _, err := x.tx.exec(`UPDATE dues_ledger SET member_id = ?, month = ?, branch_id = ?, due = ?, paid = ?, paid_date = ?, method = ?, exempt_reason = ?, note = ?,
			updated_at = ?, deleted_at = ? WHERE id = ?`, p.MemberID, p.Month.String(), p.BranchID, p.Due, p.Paid, p.PaidDate, p.Method, p.ExemptReason, p.Note,
			x.tx.at, deleted, id); err != nil {
			return 0, err
		}
		action := ActionUpdate
		switch {
		case p.Deleted && !before.Deleted:
			action = ActionDelete
		case !p.Deleted && before.Deleted:
			action = ActionRestore
		}
		return id, x.tx.audit(EntityDuesPayment, id, action, before, p)
	},
	name: func(d map[string]any) string { return joinNonEmpty(" ", mapStr(d, "member_name"), mapStr(d, "month")) },
}
