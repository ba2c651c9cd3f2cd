package data

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"errors"
	"strings"
)

// Audit entities of this module.
const (
	EntityMeeting    = "meeting"
	EntityTemplate   = "meeting_template"
	EntityRule       = "meeting_rule"
	EntityAttachment = "attachment"
)

//go:embed defaults/meetings.json
var defaultMeetingsJSON []byte

// place is where a member stood: branch, group and 党员状态.
type place struct {
	branch, group int64
	status        string
}

// seedMeetings loads the default frequencies and templates into empty
// tables, once: offices then edit them as their own data.
func (tx *Tx) seedMeetings() error {
	var n int
	if err := tx.queryRow("SELECT count(*) FROM meeting_rules").Scan(&n); err != nil || n > 0 {
		return err
	}
	var def struct {
		Rules     []MeetingRule     `json:"rules"`
		Templates []MeetingTemplate `json:"templates"`
	}
	if err := json.Unmarshal(defaultMeetingsJSON, &def); err != nil {
		return err
	}
	for i, r := range def.Rules {
		if _, err := tx.exec("INSERT INTO meeting_rules(kind, period, times, sort_order) VALUES (?,?,?,?)", r.Kind, r.Period, r.Times, i); err != nil {
			return err
		}
		if err := tx.auditKey(EntityRule, r.Kind, ActionInsert, nil, r); err != nil {
			return err
		}
	}
	for _, t := range def.Templates {
		if _, err := tx.SaveTemplate(t); err != nil {
			return err
		}
	}
	return nil
}

// MeetingRules lists the required frequencies in menu order.
func (s *Store) MeetingRules(ctx context.Context) ([]MeetingRule, error) {
	var out []MeetingRule
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, "SELECT kind, period, times FROM meeting_rules ORDER BY sort_order, kind")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r MeetingRule
			if err := rows.Scan(&r.Kind, &r.Period, &r.Times); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// SetMeetingRule changes a kind's required frequency (系统设置).
func (s *Store) SetMeetingRule(ctx context.Context, r MeetingRule) error {
	switch r.Period {
	case "month", "quarter", "year", "none":
	default:
		return &ValidationError{Errors: []FieldIssue{{"period", "频次应为每月、每季度、每年或不作要求"}}}
	}
	if r.Times < 0 || r.Times > 31 || (r.Period != "none" && r.Times == 0) {
		return &ValidationError{Errors: []FieldIssue{{"times", "次数应在 1 至 31 之间"}}}
	}
	return s.Write(ctx, func(tx *Tx) error {
		var old MeetingRule
		err := tx.queryRow("SELECT kind, period, times FROM meeting_rules WHERE kind = ?", r.Kind).Scan(&old.Kind, &old.Period, &old.Times)
		if errors.Is(err, sql.ErrNoRows) {
			return &ValidationError{Errors: []FieldIssue{{"kind", "没有“" + r.Kind + "”这种会议"}}}
		} else if err != nil {
			return err
		}
		if old == r {
			return nil
		}
		if _, err := tx.exec("UPDATE meeting_rules SET period = ?, times = ? WHERE kind = ?", r.Period, r.Times, r.Kind); err != nil {
			return err
		}
		return tx.auditKey(EntityRule, r.Kind, ActionUpdate, old, r)
	})
}

// Templates lists the templates (of one kind, or all) in the order of
// MeetingKinds; within a kind its default template (named after the kind)
// first, then by name.
func (s *Store) Templates(ctx context.Context, kind string) ([]MeetingTemplate, error) {
	var out []MeetingTemplate
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, `SELECT id, kind, name, agenda, content, resolution FROM meeting_templates
			WHERE deleted_at IS NULL AND (? = '' OR kind = ?) ORDER BY kind, id`, kind, kind)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t MeetingTemplate
			if err := rows.Scan(&t.ID, &t.Kind, &t.Name, &t.Agenda, &t.Content, &t.Resolution); err != nil {
				return err
			}
			out = append(out, t)
		}
		return rows.Err()
	})
	sortTemplates(out)
	return out, err
}

// SaveTemplate inserts or updates a template.
func (tx *Tx) SaveTemplate(t MeetingTemplate) (MeetingTemplate, error) {
	cleanRecord(EntityTemplate, &t)
	t.Name, t.Kind = strings.TrimSpace(t.Name), strings.TrimSpace(t.Kind)
	var is Issues
	capRecord(&is, EntityTemplate, &t)
	if t.Name == "" {
		is.Err("name", "请填写模板名称")
	}
	if t.Kind == "" {
		is.Err("kind", "请选择会议类型")
	}
	if err := is.AsError(); err != nil {
		return t, err
	}
	t.Deleted = false
	if t.ID == 0 {
		res, err := tx.exec(`INSERT INTO meeting_templates(kind, name, agenda, content, resolution, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?)`, t.Kind, t.Name, t.Agenda, t.Content, t.Resolution, tx.at, tx.at)
		if err != nil {
			return t, err
		}
		if t.ID, err = res.LastInsertId(); err != nil {
			return t, err
		}
		return t, tx.audit(EntityTemplate, t.ID, ActionInsert, nil, t)
	}
	var old MeetingTemplate
	err := tx.queryRow(`SELECT id, kind, name, agenda, content, resolution FROM meeting_templates WHERE id = ? AND deleted_at IS NULL`,
		t.ID).Scan(&old.ID, &old.Kind, &old.Name, &old.Agenda, &old.Content, &old.Resolution)
	if errors.Is(err, sql.ErrNoRows) {
		return t, ErrNotFound
	} else if err != nil {
		return t, err
	}
	if old == t {
		return t, nil
	}
	if _, err := tx.exec(`UPDATE meeting_templates SET kind=?, name=?, agenda=?, content=?, resolution=?, updated_at=? WHERE id=?`,
		t.Kind, t.Name, t.Agenda, t.Content, t.Resolution, tx.at, t.ID); err != nil {
		return t, err
	}
	return t, tx.audit(EntityTemplate, t.ID, ActionUpdate, old, t)
}

// SaveTemplate saves one template in its own transaction.
func (s *Store) SaveTemplate(ctx context.Context, t MeetingTemplate) (MeetingTemplate, error) {
	var out MeetingTemplate
	err := s.Write(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.SaveTemplate(t)
		return err
	})
	return out, err
}

// DeleteTemplate soft-deletes a template.
func (s *Store) DeleteTemplate(ctx context.Context, id int64) error {
	return s.Write(ctx, func(tx *Tx) error {
		res, err := tx.exec("UPDATE meeting_templates SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", tx.at, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return tx.audit(EntityTemplate, id, ActionDelete, nil, map[string]bool{"deleted": true})
	})
}

// RosterOn lists who should attend a meeting of unit on day: the members
// of the branch (or group) on that day, with their standing then and
// whether they sat on the branch committee. Members who have since left
// are included when they left after the day.
func (s *Store) RosterOn(ctx context.Context, unitID int64, day Date) ([]Attendance, error) {
	ms, err := s.Members(ctx, MemberFilter{Roster: RosterAll})
	if err != nil {
		return nil, err
	}
	unit, err := s.OrgUnit(ctx, unitID)
	if err != nil {
		return nil, err
	}
	branchID := unitID
	if unit.Level == LevelGroup {
		branchID = unit.ParentID
	}
	committee := map[int64]bool{}
	committeeNames := map[string]bool{}
	tree, err := s.OrgTree(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range tree {
		r.Walk(func(n *OrgNode, _ int) {
			if n.Unit.ID != branchID {
				return
			}
			for _, p := range n.Posts {
				if p.HeldOn(day) {
					committee[p.MemberID] = true
					committeeNames[p.Holder] = true
				}
			}
		})
	}
	// Where each member stood that day: the dossier as it is now, unless
	// a move, transfer or change of status dated after the day has since
	// changed it.
	past, err := s.placesOn(ctx, day)
	if err != nil {
		return nil, err
	}
	var out []Attendance
	for _, m := range ms {
		p, changed := past[m.ID]
		if !changed {
			p = place{m.BranchID, m.GroupID, m.Status}
			if !m.TransferInDate.IsZero() && m.TransferInDate.After(day) {
				continue // came from another organisation after the day
			}
		}
		inUnit := p.branch == unitID || (unit.Level == LevelGroup && p.group == unitID)
		if !inUnit || InHistory(p.status) {
			continue
		}
		if !m.JoinDate.IsZero() && m.JoinDate.After(day) {
			continue
		}
		standing := StandingProbationary
		if m.Standing == StandingFull && (m.FullDate.IsZero() || !m.FullDate.After(day)) {
			standing = StandingFull
		}
		onCommittee := committee[m.ID] || (committeeNames[m.Name] && m.ID != 0)
		out = append(out, Attendance{MemberID: m.ID, Name: m.Name, Standing: standing, Committee: onCommittee, State: Present})
	}
	// By name alone: a member who has since moved to another branch keeps
	// their place in the day's list.
	SortByName(out, func(a Attendance) string { return a.Name }, s.NameOrder(ctx))
	return out, nil
}

// placesOn works out, for the members whose unit or status events dated
// after day have changed, where they stood on day. The member's record
// before the first of those events was written is the starting point (the
// audit row of that change holds it); the events dated up to day are then
// replayed in date order. Members not in the map stand as their dossier says.
func (s *Store) placesOn(ctx context.Context, day Date) (map[int64]place, error) {
	evs, err := s.events(ctx, "kind IN (?, ?, ?, ?)", EventMove, EventTransferIn, EventTransferOut, EventStatus)
	if err != nil {
		return nil, err
	}
	byMember := map[int64][]MemberEvent{}
	for _, e := range evs {
		byMember[e.MemberID] = append(byMember[e.MemberID], e) // date order
	}
	out := map[int64]place{}
	for id, list := range byMember {
		if !list[len(list)-1].Date.After(day) {
			continue // nothing has changed since the day
		}
		first := list[0]
		for _, e := range list {
			if e.ID < first.ID {
				first = e
			}
		}
		before, err := s.memberBeforeEvent(ctx, first.ID)
		if err != nil {
			return nil, err
		}
		p := place{before.BranchID, before.GroupID, before.Status}
		if list[0].Kind == EventTransferIn {
			p.status = StatusOut // before coming in, they were elsewhere
		}
		for _, e := range list {
			if e.Date.After(day) {
				break
			}
			switch e.Kind {
			case EventMove:
				p.branch, p.group = e.BranchID, e.GroupID
			case EventTransferIn:
				p.branch, p.group, p.status = e.BranchID, e.GroupID, StatusNormal
			case EventTransferOut:
				p.status = StatusOut
			case EventStatus:
				p.status = e.Status
			}
		}
		out[id] = p
	}
	return out, nil
}

// memberBeforeEvent is the dossier as it was just before an event was
// recorded: RecordEvent saves the member and the event in one transaction,
// so the member's audit row with the event's timestamp holds it.
func (s *Store) memberBeforeEvent(ctx context.Context, eventID int64) (Member, error) {
	var m Member
	err := s.read(func(db *sql.DB) error {
		var before sql.NullString
		err := db.QueryRowContext(ctx, `SELECT a.before FROM member_events e
			JOIN audit_log a ON a.entity = ? AND a.record_id = CAST(e.member_id AS TEXT) AND a.at = e.created_at AND a.action = ?
			WHERE e.id = ? ORDER BY a.id LIMIT 1`, EntityMember, ActionUpdate, eventID).Scan(&before)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !before.Valid) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		return json.Unmarshal([]byte(before.String), &m)
	})
	if errors.Is(err, ErrNotFound) {
		// No trail (should not happen: RecordEvent writes both): take
		// the dossier as it is, on the roster, since events after the
		// day changed it.
		err = s.read(func(db *sql.DB) error {
			var id int64
			if err := db.QueryRowContext(ctx, "SELECT member_id FROM member_events WHERE id = ?", eventID).Scan(&id); err != nil {
				return err
			}
			m.ID = id
			return nil
		})
		if err != nil {
			return m, err
		}
		m, err = s.Member(ctx, m.ID)
		m.Status = StatusNormal
		return m, err
	}
	return m, err
}
