package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// MeetingListItem is one line of a list of minutes: only what a listing
// shows (`meetings list`, the exchange's table of minutes), without the
// minutes' text or attendance.
type MeetingListItem struct {
	ID       int64
	UnitID   int64 // the unit the minutes are recorded under (a branch or one of its groups)
	BranchID int64 // the branch of UnitID (UnitID itself unless it is a group)
	Branch   string
	Unit     string // display name of UnitID
	Kind     string
	Date     Date
	Topic    string
	Status   string
}

// MeetingListFilter narrows MeetingList. Zero values do not filter.
type MeetingListFilter struct {
	UnitIDs []int64 // units (a branch and its groups)
	Year    int
	Status  string
}

// MeetingList lists minutes, newest first, reading only the columns a
// listing needs (joined with the unit and its branch for their names).
func (s *Store) MeetingList(ctx context.Context, f MeetingListFilter) ([]MeetingListItem, error) {
	where := []string{"m.deleted_at IS NULL"}
	var args []any
	if len(f.UnitIDs) > 0 {
		ph := make([]string, len(f.UnitIDs))
		for i, id := range f.UnitIDs {
			ph[i] = "?"
			args = append(args, id)
		}
		where = append(where, "m.unit_id IN ("+strings.Join(ph, ",")+")")
	}
	if f.Year != 0 {
		where = append(where, "m.date >= ? AND m.date <= ?")
		args = append(args, fmt.Sprintf("%04d-01-01", f.Year), fmt.Sprintf("%04d-12-31", f.Year))
	}
	if f.Status != "" {
		where = append(where, "m.status = ?")
		args = append(args, f.Status)
	}
	q := `SELECT m.id, m.unit_id, m.kind, m.date, m.topic, m.status,
		u.full_name, u.short_name, u.level,
		COALESCE(b.id, 0), COALESCE(b.full_name, ''), COALESCE(b.short_name, '')
		FROM meetings m
		JOIN org_units u ON u.id = m.unit_id
		LEFT JOIN org_units b ON b.id = u.parent_id AND u.level = 'group'
		WHERE ` + strings.Join(where, " AND ") + `
		ORDER BY m.date DESC, m.start_time DESC, m.id DESC`
	var out []MeetingListItem
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var it MeetingListItem
			var full, short, level, bFull, bShort string
			var bID int64
			if err := rows.Scan(&it.ID, &it.UnitID, &it.Kind, &it.Date, &it.Topic, &it.Status,
				&full, &short, &level, &bID, &bFull, &bShort); err != nil {
				return err
			}
			it.Unit = OrgUnit{FullName: full, ShortName: short}.Name()
			it.BranchID, it.Branch = it.UnitID, it.Unit
			if OrgLevel(level) == LevelGroup && bID != 0 {
				it.BranchID, it.Branch = bID, OrgUnit{FullName: bFull, ShortName: bShort}.Name()
			}
			out = append(out, it)
		}
		return rows.Err()
	})
	return out, err
}
