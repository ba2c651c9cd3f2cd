package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// Roster selects the active members or the 历史党员 (those who left).
type Roster int

const (
	RosterActive  Roster = iota // 在册党员
	RosterHistory               // 历史党员: 转出, 死亡, 出党, 停止党籍
	RosterAll
)

// MemberFilter narrows a member list; zero fields match everything.
type MemberFilter struct {
	Roster   Roster
	BranchID int64 // a branch includes its groups
	GroupID  int64
	Standing string
	Status   string
	Category string
	Sex      string
}

// Members lists the dossiers matching f, ordered by branch, then by name in
// the order the 姓名排序 setting chooses (pinyin unless set to strokes).
func (s *Store) Members(ctx context.Context, f MemberFilter) ([]Member, error) {
	where, args := f.where()
	// The stored sort keys order names as SortMembers does.
	order := memberOrderBy(s.NameOrder(ctx))
	var out []Member
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, memberSelect+" WHERE "+where+order, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			m, err := scanMember(rows)
			if err != nil {
				return err
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Member reads one dossier (deleted ones too, for history views).
func (s *Store) Member(ctx context.Context, id int64) (Member, error) {
	var m Member
	err := s.read(func(db *sql.DB) error {
		var err error
		m, err = scanMember(db.QueryRowContext(ctx, memberSelect+" WHERE id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		return err
	})
	return m, err
}

func (tx *Tx) loadMember(id int64) (Member, error) {
	m, err := scanMember(tx.queryRow(memberSelect+" WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && m.Deleted) {
		return m, ErrNotFound
	}
	return m, err
}

// MemberByIDNumber finds the dossier holding an ID number, or ErrNotFound.
func (tx *Tx) MemberByIDNumber(idNumber string) (Member, error) {
	// The extra id_number <> '' lets SQLite use the partial unique index
	// (a search, not a scan of every dossier on every save).
	m, err := scanMember(tx.queryRow(memberSelect+" WHERE id_number = ? AND id_number <> '' AND deleted_at IS NULL", idNumber))
	if errors.Is(err, sql.ErrNoRows) {
		return m, ErrNotFound
	}
	return m, err
}

// checkMemberInStore adds the rules that need the database: the branch and
// group exist and fit together, and the ID number is not someone else's.
func (tx *Tx) checkMemberInStore(m *Member, is *Issues) error {
	if m.BranchID != 0 {
		b, err := tx.loadUnit(m.BranchID)
		switch {
		case errors.Is(err, ErrNotFound):
			is.Err("branch_id", "所选党支部不存在或已删除")
		case err != nil:
			return err
		case b.Level != LevelBranch:
			is.Err("branch_id", "“%s”不是党支部", b.Name())
		}
	}
	if m.GroupID != 0 {
		g, err := tx.loadUnit(m.GroupID)
		switch {
		case errors.Is(err, ErrNotFound):
			is.Err("group_id", "所选党小组不存在或已删除")
		case err != nil:
			return err
		case g.Level != LevelGroup || g.ParentID != m.BranchID:
			is.Err("group_id", "党小组“%s”不属于所选党支部", g.Name())
		}
	}
	if m.IDNumber != "" {
		other, err := tx.MemberByIDNumber(m.IDNumber)
		switch {
		case err == nil && other.ID != m.ID:
			is.Err("id_number", "公民身份号码 %s 已属于%s（编号 %d）", m.IDNumber, other.Name, other.ID)
		case err != nil && !errors.Is(err, ErrNotFound):
			return err
		}
	}
	return nil
}

// SaveMember validates and stores a dossier (ID 0 inserts). Warnings come
// back beside the stored record; errors stop the save and are returned as a
// *ValidationError carrying the warnings too.
// A branch copy (role) keeps only its own branch's members.
func (tx *Tx) SaveMember(role Role, m Member) (Member, []FieldIssue, error) {
	NormalizeMember(&m)
	m.Deleted = false
	if m.ID != 0 {
		if old, err := tx.loadMember(m.ID); err == nil {
			if err := role.OwnBranch(old.BranchID, "维护党员档案"); err != nil {
				return m, nil, err
			}
		}
	}
	if err := role.OwnBranch(m.BranchID, "维护党员档案（党员在支部间转接由党总支办公室办理）"); err != nil {
		return m, nil, err
	}
	is := CheckMember(&m, tx.today)
	if err := tx.checkMemberInStore(&m, &is); err != nil {
		return m, nil, err
	}
	if err := is.AsError(); err != nil {
		return m, is.Warnings, err
	}
	if m.ID == 0 {
		out, err := tx.InsertMember(role, m)
		return out, is.Warnings, err
	}
	old, err := tx.loadMember(m.ID)
	if err != nil {
		return m, nil, err
	}
	if old == m {
		return m, is.Warnings, nil
	}
	cols, ptrs := m.memberCols()
	cols = append(cols, memberKeyColumns...)
	ptrs = append(ptrs, keysOf(m.Name).args()...)
	set := strings.Join(cols, " = ?, ") + " = ?, branch_id = ?, group_id = ?, updated_at = ?"
	args := append(ptrs, nullID(m.BranchID), nullID(m.GroupID), tx.at, m.ID)
	if _, err := tx.exec("UPDATE members SET "+set+" WHERE id = ?", args...); err != nil {
		if isUniqueViolation(err) {
			return m, nil, &ValidationError{Errors: []FieldIssue{{"id_number", "公民身份号码 " + m.IDNumber + " 已属于另一名党员"}}}
		}
		return m, nil, err
	}
	return m, is.Warnings, tx.audit(EntityMember, m.ID, ActionUpdate, old, m)
}

// SaveMember stores one dossier in its own transaction.
func (s *Store) SaveMember(ctx context.Context, role Role, m Member) (Member, []FieldIssue, error) {
	var out Member
	var warns []FieldIssue
	err := s.Write(ctx, func(tx *Tx) error {
		var err error
		out, warns, err = tx.SaveMember(role, m)
		return err
	})
	return out, warns, err
}

// DeleteMember soft-deletes a dossier entered by mistake (a duplicate, a
// test record). People who leave are not deleted: they get a 转出, 死亡 …
// event and move to the history roster.
func (s *Store) DeleteMember(ctx context.Context, role Role, id int64) error {
	return s.Write(ctx, func(tx *Tx) error {
		old, err := tx.loadMember(id)
		if err != nil {
			return err
		}
		if err := role.OwnBranch(old.BranchID, "删除党员档案"); err != nil {
			return err
		}
		if _, err := tx.exec("UPDATE members SET deleted_at = ?, updated_at = ? WHERE id = ?", tx.at, tx.at, id); err != nil {
			return err
		}
		after := old
		after.Deleted = true
		return tx.audit(EntityMember, id, ActionDelete, old, after)
	})
}
