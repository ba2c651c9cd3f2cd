package data

import (
	"database/sql"
	"errors"
)

// 学习记录 in the exchange: a branch's study records travel up to the
// office (its points rankings count them); the branch is authoritative
// for its own branch's records — the office applies the branch's version,
// even over an edit of its own, and sends none down.

var xchgStudy = &xchgHandler{
	entity: EntityStudyRecord, up: true, branchAuthoritative: true,
	scope: func(x *xchg) ([]int64, error) {
		return x.tx.ids("SELECT id FROM study_records WHERE branch_id = ? ORDER BY id", x.branchID)
	},
	form: func(x *xchg, id int64) (map[string]any, bool, error) {
		r, err := scanStudy(x.tx.queryRow(studySelect+" WHERE s.id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, false, nil
		} else if err != nil {
			return nil, false, err
		}
		var deleted bool
		if err := x.tx.queryRow("SELECT deleted_at IS NOT NULL FROM study_records WHERE id = ?", id).Scan(&deleted); err != nil {
			return nil, false, err
		}
		m, err := toMap(r)
		if err != nil {
			return nil, false, err
		}
		delete(m, "id")
		m["member_name"] = m["name"]
		delete(m, "name")
		m["deleted"] = deleted
		m["meeting_id"] = r.MeetingID
		for k, e := range map[string]string{"member_id": EntityMember, "branch_id": EntityOrgUnit, "meeting_id": EntityMeeting} {
			if err := x.refOut(m, k, e); err != nil {
				return nil, false, err
			}
		}
		return m, true, nil
	},
	// A record the office generated itself from the same meeting for the
	// same member is the same record.
	adopt: func(x *xchg, data map[string]any) (int64, error) {
		member, err := x.tx.localOf(EntityMember, mapStr(data, "member_id"))
		if err != nil || member == 0 || mapStr(data, "meeting_id") == "" {
			return 0, err
		}
		meeting, err := x.tx.localOf(EntityMeeting, mapStr(data, "meeting_id"))
		if err != nil || meeting == 0 {
			return 0, err
		}
		var id int64
		err = x.tx.queryRow(`SELECT s.id FROM study_records s WHERE s.meeting_id = ? AND s.member_id = ? AND s.deleted_at IS NULL
			AND NOT EXISTS (SELECT 1 FROM xchg_records r WHERE r.entity = ? AND r.local_id = s.id)`, meeting, member, EntityStudyRecord).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		}
		return id, err
	},
	refuse: func(x *xchg, localID int64, local, in map[string]any) error {
		b, _ := x.tx.localOf(EntityOrgUnit, mapStr(in, "branch_id"))
		if b != x.branchID {
			return notTheBranch(b, "学习记录不属于发出此包的党支部")
		}
		return nil
	},
	apply: func(x *xchg, id int64, data map[string]any) (int64, error) {
		d := cloneMap(data)
		for k, e := range map[string]string{"member_id": EntityMember, "branch_id": EntityOrgUnit, "meeting_id": EntityMeeting} {
			if err := x.refIn(d, k, e); err != nil {
				return 0, err
			}
		}
		deleted := d["deleted"] == true
		delete(d, "deleted")
		delete(d, "member_name")
		var r StudyRecord
		if err := fromMap(d, &r); err != nil {
			return 0, err
		}
		if is := ValidateStudy(r); len(is) > 0 && !deleted {
			return 0, &ValidationError{Errors: is}
		}
		var mid any
		if r.MeetingID != 0 {
			mid = r.MeetingID
		}
		if err := x.tx.queryRow("SELECT name FROM members WHERE id = ?", r.MemberID).Scan(&r.Name); err != nil {
			return 0, errUnknownRef{EntityMember}
		}
		if id == 0 {
			if deleted {
				return 0, nil // deleted before it ever arrived
			}
			res, err := x.tx.exec(`INSERT INTO study_records(member_id, branch_id, date, content, hours, form, organiser, source,
				meeting_id, source_ref, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
				r.MemberID, r.BranchID, r.Date, r.Content, r.Hours, r.Form, r.Organiser, r.Source, mid, r.SourceRef, x.tx.at, x.tx.at)
			if err != nil {
				return 0, err
			}
			r.ID, _ = res.LastInsertId()
			return r.ID, x.tx.audit(EntityStudyRecord, r.ID, ActionInsert, nil, r)
		}
		before, err := scanStudy(x.tx.queryRow(studySelect+" WHERE s.id = ?", id))
		if err != nil {
			return 0, err
		}
		var wasDeleted bool
		if err := x.tx.queryRow("SELECT deleted_at IS NOT NULL FROM study_records WHERE id = ?", id).Scan(&wasDeleted); err != nil {
			return 0, err
		}
		r.ID = id
		var delAt any
		if deleted {
			delAt = x.tx.at
			if wasDeleted {
				delAt = nil
				x.tx.queryRow("SELECT deleted_at FROM study_records WHERE id = ?", id).Scan(&delAt)
			}
		}
		if _, err := x.tx.exec(`UPDATE study_records SET member_id = ?, branch_id = ?, date = ?, content = ?, hours = ?, form = ?, organiser = ?,
			source = ?, meeting_id = ?, source_ref = ?, updated_at = ?, deleted_at = ? WHERE id = ?`,
			r.MemberID, r.BranchID, r.Date, r.Content, r.Hours, r.Form, r.Organiser, r.Source, mid, r.SourceRef, x.tx.at, delAt, id); err != nil {
			return 0, err
		}
		switch {
		case deleted && !wasDeleted:
			return id, x.tx.audit(EntityStudyRecord, id, ActionDelete, before, map[string]any{"deleted": true})
		case deleted:
			return id, nil // stays deleted
		case wasDeleted:
			after, err := toMap(r)
			if err != nil {
				return 0, err
			}
			after["deleted"] = false
			return id, x.tx.audit(EntityStudyRecord, id, ActionRestore, before, after)
		}
		return id, x.tx.audit(EntityStudyRecord, id, ActionUpdate, before, r)
	},
	name: func(d map[string]any) string {
		return joinNonEmpty(" ", mapStr(d, "member_name"), mapStr(d, "date"), shorten(mapStr(d, "content"), 20))
	},
}
