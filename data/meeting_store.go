package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

var meetingCols = []string{"unit_id", "kind", "topic", "date", "start_time", "end_time", "place", "form", "host", "recorder",
	"expected", "present", "on_leave", "absent", "leave_text", "absent_text", "guests", "agenda", "content", "resolution",
	"status", "review_comment", "submitted_by", "submitted_at", "reviewed_by", "reviewed_at"}

func (m *Meeting) ptrs() []any {
	return []any{&m.UnitID, &m.Kind, &m.Topic, &m.Date, &m.StartTime, &m.EndTime, &m.Place, &m.Form, &m.Host, &m.Recorder,
		&m.Expected, &m.Present, &m.OnLeave, &m.Absent, &m.LeaveText, &m.AbsentText, &m.Guests, &m.Agenda, &m.Content, &m.Resolution,
		&m.Status, &m.Comment, &m.SubmitBy, &m.SubmitAt, &m.ReviewBy, &m.ReviewAt}
}

var meetingSelect = "SELECT id, deleted_at IS NOT NULL, " + strings.Join(meetingCols, ", ") + " FROM meetings"

func scanMeeting(sc interface{ Scan(...any) error }) (Meeting, error) {
	var m Meeting
	err := sc.Scan(append([]any{&m.ID, &m.Deleted}, m.ptrs()...)...)
	return m, err
}

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

func loadAttendance(ctx context.Context, q querier, id int64) ([]Attendance, error) {
	rows, err := q.QueryContext(ctx, `SELECT member_id, name, standing, committee, state, reason FROM meeting_attendance
		WHERE meeting_id = ? ORDER BY rowid`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Attendance
	for rows.Next() {
		var a Attendance
		if err := rows.Scan(&a.MemberID, &a.Name, &a.Standing, &a.Committee, &a.State, &a.Reason); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Meeting reads one set of minutes with its attendance.
func (s *Store) Meeting(ctx context.Context, id int64) (Meeting, error) {
	var m Meeting
	err := s.read(func(db *sql.DB) error {
		var err error
		m, err = scanMeeting(db.QueryRowContext(ctx, meetingSelect+" WHERE id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		m.Attendance, err = loadAttendance(ctx, db, id)
		return err
	})
	return m, err
}

func (tx *Tx) loadMeeting(id int64) (Meeting, error) {
	m, err := scanMeeting(tx.queryRow(meetingSelect+" WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && m.Deleted) {
		return m, ErrNotFound
	} else if err != nil {
		return m, err
	}
	m.Attendance, err = loadAttendance(tx.ctx, tx.tx, id)
	return m, err
}

// MeetingFilter narrows a meeting list.
type MeetingFilter struct {
	UnitIDs  []int64 // units (a branch and its groups); empty = all
	Kind     string
	Status   string
	From, To Date
	IDs      []int64 // from a search
	WithRows bool    // load attendance too (printing)
}

// Meetings lists minutes, newest first unless Ascending.
func (s *Store) Meetings(ctx context.Context, f MeetingFilter) ([]Meeting, error) {
	where, args := meetingWhere(f)
	var out []Meeting
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, meetingSelect+" WHERE "+where+" ORDER BY date DESC, start_time DESC, id DESC", args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			m, err := scanMeeting(rows)
			if err != nil {
				rows.Close()
				return err
			}
			out = append(out, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if f.WithRows {
			for i := range out {
				if out[i].Attendance, err = loadAttendance(ctx, db, out[i].ID); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return out, err
}

// CountMeetings is len(Meetings(f)) without reading the meetings: the
// 待审核 count of every year is shown whenever the list reloads.
func (s *Store) CountMeetings(ctx context.Context, f MeetingFilter) (int, error) {
	where, args := meetingWhere(f)
	var n int
	err := s.read(func(db *sql.DB) error {
		return db.QueryRowContext(ctx, "SELECT count(*) FROM meetings WHERE "+where, args...).Scan(&n)
	})
	return n, err
}

// meetingWhere is the condition selecting f's meetings, with its arguments.
func meetingWhere(f MeetingFilter) (string, []any) {
	where := []string{"deleted_at IS NULL"}
	var args []any
	inList := func(col string, ids []int64) {
		ph := make([]string, len(ids))
		for i, id := range ids {
			ph[i] = "?"
			args = append(args, id)
		}
		where = append(where, col+" IN ("+strings.Join(ph, ",")+")")
	}
	if len(f.UnitIDs) > 0 {
		inList("unit_id", f.UnitIDs)
	}
	if f.IDs != nil {
		inList("id", append(f.IDs[:len(f.IDs):len(f.IDs)], -1)) // -1: an empty list matches nothing
	}
	if f.Kind != "" {
		where = append(where, "kind = ?")
		args = append(args, f.Kind)
	}
	if f.Status != "" {
		where = append(where, "status = ?")
		args = append(args, f.Status)
	}
	if !f.From.IsZero() {
		where = append(where, "date >= ?")
		args = append(args, f.From)
	}
	if !f.To.IsZero() {
		where = append(where, "date <= ?")
		args = append(args, f.To)
	}
	return strings.Join(where, " AND "), args
}

// SaveMeeting validates and stores minutes (ID 0 inserts) with their
// attendance and search index, audited as one record. Submitted and
// approved minutes cannot be changed here. A branch copy (role) saves
// only minutes of its own branch and its groups.
func (tx *Tx) SaveMeeting(role Role, m Meeting) (Meeting, []FieldIssue, error) {
	if m.Status == "" {
		m.Status = StatusDraft
	}
	if err := role.CanSaveMeeting(m.UnitID, tx.branchOf); err != nil {
		return m, nil, err
	}
	is := CheckMeeting(&m, false, tx.today)
	if m.UnitID != 0 {
		if _, err := tx.loadUnit(m.UnitID); errors.Is(err, ErrNotFound) {
			is.Err("unit_id", "所选组织不存在或已删除")
		} else if err != nil {
			return m, nil, err
		}
	}
	if err := is.AsError(); err != nil {
		return m, is.Warnings, err
	}
	m.Deleted = false
	var before any
	if m.ID == 0 {
		// New minutes start as a draft, whatever a copied record carried.
		m.Status, m.Comment, m.SubmitBy, m.SubmitAt, m.ReviewBy, m.ReviewAt = StatusDraft, "", "", "", "", ""
		cols := append(append([]string{}, meetingCols...), "created_at", "updated_at")
		res, err := tx.exec("INSERT INTO meetings("+strings.Join(cols, ", ")+") VALUES (?"+strings.Repeat(", ?", len(cols)-1)+")",
			append(m.ptrs(), tx.at, tx.at)...)
		if err != nil {
			return m, nil, err
		}
		if m.ID, err = res.LastInsertId(); err != nil {
			return m, nil, err
		}
	} else {
		old, err := tx.loadMeeting(m.ID)
		if err != nil {
			return m, nil, err
		}
		if err := role.CanSaveMeeting(old.UnitID, tx.branchOf); err != nil {
			return m, nil, err
		}
		if old.Status == StatusSubmitted || old.Status == StatusApproved {
			return m, nil, &ValidationError{Errors: []FieldIssue{{"status", "纪要已" + strings.TrimPrefix(old.Status, "已") + "，不能修改"}}}
		}
		// Review fields move only through Review.
		m.Status, m.Comment, m.SubmitBy, m.SubmitAt, m.ReviewBy, m.ReviewAt = old.Status, old.Comment, old.SubmitBy, old.SubmitAt, old.ReviewBy, old.ReviewAt
		if sameMeeting(old, m) {
			return m, is.Warnings, nil
		}
		before = old
		if _, err := tx.exec("UPDATE meetings SET "+strings.Join(meetingCols, " = ?, ")+" = ?, updated_at = ? WHERE id = ?",
			append(m.ptrs(), tx.at, m.ID)...); err != nil {
			return m, nil, err
		}
		if _, err := tx.exec("DELETE FROM meeting_attendance WHERE meeting_id = ?", m.ID); err != nil {
			return m, nil, err
		}
	}
	for _, a := range m.Attendance {
		if _, err := tx.exec(`INSERT INTO meeting_attendance(meeting_id, member_id, name, standing, committee, state, reason)
			VALUES (?,?,?,?,?,?,?)`, m.ID, a.MemberID, a.Name, a.Standing, a.Committee, a.State, strings.TrimSpace(a.Reason)); err != nil {
			return m, nil, err
		}
	}
	if err := tx.indexMeeting(m); err != nil {
		return m, nil, err
	}
	action := ActionInsert
	if before != nil {
		action = ActionUpdate
	}
	return m, is.Warnings, tx.audit(EntityMeeting, m.ID, action, before, m)
}

func sameMeeting(a, b Meeting) bool {
	// No attendance is no attendance, whether nil (as loaded) or empty (as
	// a form sends it): an autosave that changes nothing writes nothing.
	if len(a.Attendance) == 0 && len(b.Attendance) == 0 {
		a.Attendance, b.Attendance = nil, nil
	}
	ja, _ := jsonOrNull(a)
	jb, _ := jsonOrNull(b)
	return ja == jb
}

// SaveMeeting stores minutes in their own transaction.
func (s *Store) SaveMeeting(ctx context.Context, role Role, m Meeting) (Meeting, []FieldIssue, error) {
	var out Meeting
	var warns []FieldIssue
	err := s.Write(ctx, func(tx *Tx) error {
		var err error
		out, warns, err = tx.SaveMeeting(role, m)
		return err
	})
	return out, warns, err
}

// branchOf maps a unit to its branch (a group's parent).
func (tx *Tx) branchOf(unitID int64) int64 {
	u, err := tx.loadUnit(unitID)
	if err != nil {
		return 0
	}
	if u.Level == LevelGroup {
		return u.ParentID
	}
	return u.ID
}

// BranchOf maps a unit to its branch, for role checks in the UI.
func (s *Store) BranchOf(ctx context.Context, unitID int64) int64 {
	u, err := s.OrgUnit(ctx, unitID)
	if err != nil {
		return 0
	}
	if u.Level == LevelGroup {
		return u.ParentID
	}
	return u.ID
}

// Review moves minutes through 草稿 → 已提交 → 已审核 / 退回 as role allows;
// who and when go into the record and the audit log.
func (s *Store) Review(ctx context.Context, id int64, role Role, to, comment string) (Meeting, error) {
	comment, _ = CleanText(comment, true)
	if n := runeLen(comment); n > MaxLongTextLen {
		return Meeting{}, &ValidationError{Errors: []FieldIssue{{"review_comment", fmt.Sprintf("审核意见最多 %d 个字，现有 %d 个字，请删减", MaxLongTextLen, n)}}}
	}
	var out Meeting
	err := s.Write(ctx, func(tx *Tx) error {
		m, err := tx.loadMeeting(id)
		if err != nil {
			return err
		}
		if err := role.Transition(m, to, comment, tx.branchOf); err != nil {
			return err
		}
		if to == StatusSubmitted {
			check := m
			if is := CheckMeeting(&check, true, tx.today); len(is.Errors) > 0 {
				return is.AsError()
			}
		}
		old := m
		m.Status = to
		switch to {
		case StatusSubmitted:
			m.SubmitBy, m.SubmitAt, m.Comment = tx.signer, tx.at, ""
		case StatusApproved, StatusReturned:
			m.ReviewBy, m.ReviewAt, m.Comment = tx.signer, tx.at, strings.TrimSpace(comment)
		}
		if _, err := tx.exec(`UPDATE meetings SET status=?, review_comment=?, submitted_by=?, submitted_at=?, reviewed_by=?, reviewed_at=?,
			updated_at=? WHERE id=?`, m.Status, m.Comment, m.SubmitBy, m.SubmitAt, m.ReviewBy, m.ReviewAt, tx.at, id); err != nil {
			return err
		}
		out = m
		return tx.audit(EntityMeeting, id, ActionUpdate, old, m)
	})
	return out, err
}

// DeleteMeeting soft-deletes minutes that were never submitted; a branch
// copy (role) deletes only its own.
func (s *Store) DeleteMeeting(ctx context.Context, role Role, id int64) error {
	return s.Write(ctx, func(tx *Tx) error {
		m, err := tx.loadMeeting(id)
		if err != nil {
			return err
		}
		if err := role.CanSaveMeeting(m.UnitID, tx.branchOf); err != nil {
			return err
		}
		if m.Status == StatusSubmitted || m.Status == StatusApproved {
			return &ValidationError{Errors: []FieldIssue{{"status", "已提交或已审核的纪要不能删除"}}}
		}
		if _, err := tx.exec("UPDATE meetings SET deleted_at = ?, updated_at = ? WHERE id = ?", tx.at, tx.at, id); err != nil {
			return err
		}
		if _, err := tx.exec("DELETE FROM meeting_search WHERE rowid = ?", id); err != nil {
			return err
		}
		after := m
		after.Deleted = true
		return tx.audit(EntityMeeting, id, ActionDelete, m, after)
	})
}

// MemberRecord is one meeting in a member's 活动全记录.
type MemberRecord struct {
	Meeting Meeting
	State   string
	Reason  string
}

// MemberMeetings lists the meetings a member was on the roster of, with
// their attendance, between from and to (inclusive; zero = open), newest
// first, and the attendance rate (出席 / all listed; -1 with none).
func (s *Store) MemberMeetings(ctx context.Context, memberID int64, from, to Date) ([]MemberRecord, float64, error) {
	type row struct {
		id            int64
		state, reason string
	}
	var rows []row
	err := s.read(func(db *sql.DB) error {
		rs, err := db.QueryContext(ctx, `SELECT a.meeting_id, a.state, a.reason FROM meeting_attendance a
			JOIN meetings m ON m.id = a.meeting_id AND m.deleted_at IS NULL WHERE a.member_id = ?`, memberID)
		if err != nil {
			return err
		}
		defer rs.Close()
		for rs.Next() {
			var r row
			if err := rs.Scan(&r.id, &r.state, &r.reason); err != nil {
				return err
			}
			rows = append(rows, r)
		}
		return rs.Err()
	})
	if err != nil {
		return nil, -1, err
	}
	ids := make([]int64, len(rows))
	byID := map[int64]row{}
	for i, r := range rows {
		ids[i] = r.id
		byID[r.id] = r
	}
	ms, err := s.Meetings(ctx, MeetingFilter{IDs: ids, From: from, To: to})
	if err != nil {
		return nil, -1, err
	}
	out := make([]MemberRecord, len(ms))
	present := 0
	for i, m := range ms {
		r := byID[m.ID]
		out[i] = MemberRecord{Meeting: m, State: r.state, Reason: r.reason}
		if r.state == Present {
			present++
		}
	}
	if len(out) == 0 {
		return out, -1, nil
	}
	return out, float64(present) / float64(len(out)), nil
}
