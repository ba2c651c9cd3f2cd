package data

import (
	"context"
	"database/sql"
	"encoding/json"
)

// RecordEvent applies an event to its member and stores both, with audit
// rows, in one transaction. The updated dossier and its warnings come back.
// A branch copy (role) records events of its own branch's members only.
func (s *Store) RecordEvent(ctx context.Context, role Role, e MemberEvent) (Member, []FieldIssue, error) {
	var out Member
	var warns []FieldIssue
	cleanRecord(EntityEvent, &e)
	var capped Issues
	if capRecord(&capped, EntityEvent, &e); len(capped.Errors) > 0 {
		return Member{}, nil, capped.AsError()
	}
	err := s.Write(ctx, func(tx *Tx) error {
		m, err := tx.loadMember(e.MemberID)
		if err != nil {
			return err
		}
		if err := role.OwnBranch(m.BranchID, "登记党员事项"); err != nil {
			return err
		}
		if e.Date.After(tx.today) {
			return &ValidationError{Errors: []FieldIssue{{"date", "日期不能晚于今天"}}}
		}
		if e.Kind == EventTransferOut && e.ValidDays == 0 {
			e.ValidDays = DefaultLetterValidDays
		}
		if e.Kind == EventFull && m.FullBranch == "" {
			if b, err := tx.loadUnit(m.BranchID); err == nil {
				m.FullBranch = b.FullName
			}
		}
		next, err := ApplyEvent(m, e)
		if err != nil {
			return err
		}
		if out, warns, err = tx.SaveMember(role, next); err != nil {
			return err
		}
		e.Deleted = false
		details, _ := json.Marshal(e)
		res, err := tx.exec("INSERT INTO member_events(member_id, kind, date, details, note, created_at) VALUES (?,?,?,?,?,?)",
			e.MemberID, e.Kind, e.Date, string(details), e.Note, tx.at)
		if err != nil {
			return err
		}
		if e.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return tx.audit(EntityEvent, e.ID, ActionInsert, nil, e)
	})
	return out, warns, err
}

// MemberEvents lists a member's history, oldest first.
func (s *Store) MemberEvents(ctx context.Context, memberID int64) ([]MemberEvent, error) {
	return s.events(ctx, "member_id = ?", memberID)
}

// EventsOf returns the histories of several members at once (the history
// roster prints each leaver's 离开日期 and 去向).
func (s *Store) EventsOf(ctx context.Context, ids []int64) (map[int64][]MemberEvent, error) {
	want := make(map[int64]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	all, err := s.events(ctx, "1 = 1")
	if err != nil {
		return nil, err
	}
	out := map[int64][]MemberEvent{}
	for _, e := range all {
		if want[e.MemberID] {
			out[e.MemberID] = append(out[e.MemberID], e)
		}
	}
	return out, nil
}

func (s *Store) events(ctx context.Context, where string, args ...any) ([]MemberEvent, error) {
	var out []MemberEvent
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, `SELECT id, details FROM member_events
			WHERE `+where+` AND deleted_at IS NULL ORDER BY date, id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var details string
			if err := rows.Scan(&id, &details); err != nil {
				return err
			}
			var e MemberEvent
			if err := json.Unmarshal([]byte(details), &e); err != nil {
				return err
			}
			e.ID = id
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}
