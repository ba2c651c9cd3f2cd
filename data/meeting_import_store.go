package data

import (
	"context"
	"database/sql"
	"strings"
	"unicode"
)

// TopicKey makes a 主题 comparable when looking for minutes already on
// file: no spaces anywhere, ASCII forms of full-width digits and letters,
// lower case.
func TopicKey(s string) string {
	return strings.ToLower(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, normalizeDigits(s)))
}

// MeetingExists is Tx.MeetingExists on the read side, for an import's preview.
func (s *Store) MeetingExists(ctx context.Context, unitID int64, day Date, kind, topic string) (bool, error) {
	var found bool
	err := s.read(func(db *sql.DB) error {
		var err error
		found, err = meetingExists(ctx, db, unitID, day, kind, topic)
		return err
	})
	return found, err
}

// MeetingExists reports whether minutes of the unit, day and kind with the
// same topic (compared by TopicKey) are on file: the same meeting, which an
// import must not add twice.
func (tx *Tx) MeetingExists(unitID int64, day Date, kind, topic string) (bool, error) {
	return meetingExists(tx.ctx, tx.tx, unitID, day, kind, topic)
}

func meetingExists(ctx context.Context, q querier, unitID int64, day Date, kind, topic string) (bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT topic FROM meetings WHERE unit_id = ? AND date = ? AND kind = ? AND deleted_at IS NULL`,
		unitID, day, kind)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	key := TopicKey(topic)
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return false, err
		}
		if TopicKey(t) == key {
			return true, nil
		}
	}
	return false, rows.Err()
}

// ImportMeeting stores minutes read from a historical ledger. They pass
// through SaveMeeting like any minutes (same rules, same audit row) and,
// when approve is set, are then filed as 已审核 by the operator with the
// comment as review note: records that were filed on paper years ago are
// not sent through submission again. The filing is a second audit row, so
// the trail shows both the record and who filed it by import. Only the
// office files as 已审核; a branch copy imports its own minutes as drafts.
func (tx *Tx) ImportMeeting(role Role, m Meeting, approve bool, comment string) (Meeting, []FieldIssue, error) {
	m.ID = 0
	if approve {
		if err := role.CanFileApproved(); err != nil {
			return m, nil, err
		}
	}
	saved, warns, err := tx.SaveMeeting(role, m)
	if err != nil || !approve {
		return saved, warns, err
	}
	old := saved
	saved.Status, saved.ReviewBy, saved.ReviewAt, saved.Comment = StatusApproved, tx.operator, tx.at, strings.TrimSpace(comment)
	if _, err := tx.exec(`UPDATE meetings SET status=?, review_comment=?, reviewed_by=?, reviewed_at=?, updated_at=? WHERE id=?`,
		saved.Status, saved.Comment, saved.ReviewBy, saved.ReviewAt, tx.at, saved.ID); err != nil {
		return saved, warns, err
	}
	return saved, warns, tx.audit(EntityMeeting, saved.ID, ActionUpdate, old, saved)
}
