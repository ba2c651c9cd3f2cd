package data

import (
	"database/sql"
	"encoding/json"
	"errors"
)

// 党员历史事项 in the exchange: the office's events of the branch's members
// go down as they are (the member's record travels beside them); a
// branch's events go up as 待确认 proposals, which the office accepts (the
// event is then recorded and applied to its member, as RecordEvent does)
// or rejects.

var xchgEvents = &xchgHandler{
	entity: EntityEvent, down: true, up: true,
	scope: func(x *xchg) ([]int64, error) {
		return x.tx.ids(`SELECT e.id FROM member_events e JOIN members m ON m.id = e.member_id WHERE m.branch_id = ? ORDER BY e.id`, x.branchID)
	},
	form: func(x *xchg, id int64) (map[string]any, bool, error) {
		var details string
		var deleted bool
		err := x.tx.queryRow("SELECT details, deleted_at IS NOT NULL FROM member_events WHERE id = ?", id).Scan(&details, &deleted)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, false, nil
		} else if err != nil {
			return nil, false, err
		}
		var e MemberEvent
		if err := json.Unmarshal([]byte(details), &e); err != nil {
			return nil, false, err
		}
		e.ID, e.Deleted = 0, deleted
		m, err := toMap(e)
		if err != nil {
			return nil, false, err
		}
		delete(m, "id")
		var name string
		x.tx.queryRow("SELECT name FROM members WHERE id = ?", e.MemberID).Scan(&name)
		m["member_name"] = name
		for k, ent := range map[string]string{"member_id": EntityMember, "branch_id": EntityOrgUnit, "group_id": EntityOrgUnit} {
			if _, ok := m[k]; !ok {
				m[k] = json.Number("0")
			}
			if err := x.refOut(m, k, ent); err != nil {
				return nil, false, err
			}
		}
		return m, true, nil
	},
	apply: func(x *xchg, id int64, data map[string]any) (int64, error) {
		e, err := x.eventIn(data)
		if err != nil {
			return 0, err
		}
		details, _ := json.Marshal(e)
		if id == 0 {
			if e.Deleted {
				return 0, nil
			}
			res, err := x.tx.exec("INSERT INTO member_events(member_id, kind, date, details, note, created_at) VALUES (?,?,?,?,?,?)",
				e.MemberID, e.Kind, e.Date, string(details), e.Note, x.tx.at)
			if err != nil {
				return 0, err
			}
			if e.ID, err = res.LastInsertId(); err != nil {
				return 0, err
			}
			return e.ID, x.tx.audit(EntityEvent, e.ID, ActionInsert, nil, e)
		}
		if e.Deleted {
			return id, x.tx.softDelete(EntityEvent, "member_events", id)
		}
		var oldDetails string
		if err := x.tx.queryRow("SELECT details FROM member_events WHERE id = ?", id).Scan(&oldDetails); err != nil {
			return 0, err
		}
		var old MemberEvent
		json.Unmarshal([]byte(oldDetails), &old)
		old.ID = id
		e.ID = id
		if _, err := x.tx.exec("UPDATE member_events SET member_id = ?, kind = ?, date = ?, details = ?, note = ?, deleted_at = NULL WHERE id = ?",
			e.MemberID, e.Kind, e.Date, string(details), e.Note, id); err != nil {
			return 0, err
		}
		return id, x.tx.audit(EntityEvent, id, ActionUpdate, old, e)
	},
	name: func(d map[string]any) string {
		return joinNonEmpty(" ", mapStr(d, "member_name"), mapStr(d, "kind"), mapStr(d, "date"))
	},
}

// eventIn is an event of a package with this copy's ids.
func (x *xchg) eventIn(data map[string]any) (MemberEvent, error) {
	d := cloneMap(data)
	for k, ent := range map[string]string{"member_id": EntityMember, "branch_id": EntityOrgUnit, "group_id": EntityOrgUnit} {
		if err := x.refIn(d, k, ent); err != nil {
			return MemberEvent{}, err
		}
	}
	delete(d, "member_name")
	var e MemberEvent
	err := fromMap(d, &e)
	return e, err
}

// acceptEvent records a branch's proposed event at the office and applies
// it to the member, as RecordEvent does.
func (x *xchg) acceptEvent(data map[string]any) (int64, error) {
	e, err := x.eventIn(data)
	if err != nil {
		return 0, err
	}
	e.ID, e.Deleted = 0, false
	m, err := x.tx.loadMember(e.MemberID)
	if err != nil {
		return 0, err
	}
	if e.Kind == EventFull && m.FullBranch == "" {
		if b, err := x.tx.loadUnit(m.BranchID); err == nil {
			m.FullBranch = b.FullName
		}
	}
	next, err := ApplyEvent(m, e)
	if err != nil {
		return 0, err
	}
	if _, _, err := x.tx.SaveMember(RoleOffice, next); err != nil {
		return 0, err
	}
	return xchgEvents.apply(x, 0, data)
}
