package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
)

const unitCols = `id, coalesce(parent_id, 0), level, kind, full_name, short_name, founded, liaison, phone,
	term_start, term_years, sort_order, deleted_at IS NOT NULL`

func scanUnit(sc interface{ Scan(...any) error }) (OrgUnit, error) {
	var u OrgUnit
	err := sc.Scan(&u.ID, &u.ParentID, &u.Level, &u.Kind, &u.FullName, &u.ShortName, &u.Founded,
		&u.Liaison, &u.Phone, &u.TermStart, &u.TermYears, &u.SortOrder, &u.Deleted)
	return u, err
}

const postCols = `id, unit_id, title, holder, coalesce(member_id, 0), start, end, note, deleted_at IS NOT NULL`

func scanPost(sc interface{ Scan(...any) error }) (Post, error) {
	var p Post
	err := sc.Scan(&p.ID, &p.UnitID, &p.Title, &p.Holder, &p.MemberID, &p.Start, &p.End, &p.Note, &p.Deleted)
	return p, err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// OrgUnits lists the active units in tree order (parents before children,
// siblings by sort order then id).
func (s *Store) OrgUnits(ctx context.Context) ([]OrgUnit, error) {
	roots, err := s.orgTree(ctx, false)
	if err != nil {
		return nil, err
	}
	var out []OrgUnit
	for _, r := range roots {
		r.Walk(func(n *OrgNode, _ int) { out = append(out, n.Unit) })
	}
	return out, nil
}

// OrgStructure is OrgTree without the member counts (Members stays 0):
// what screens that only list or choose units read, since counting
// 100,000 members takes a tenth of a second each time.
func (s *Store) OrgStructure(ctx context.Context) ([]*OrgNode, error) { return s.orgTree(ctx, false) }

// OrgUnit reads one unit, deleted or not.
func (s *Store) OrgUnit(ctx context.Context, id int64) (OrgUnit, error) {
	var u OrgUnit
	err := s.read(func(db *sql.DB) error {
		var err error
		u, err = scanUnit(db.QueryRowContext(ctx, "SELECT "+unitCols+" FROM org_units WHERE id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		return err
	})
	return u, err
}

// OrgTree builds the active tree with every unit's posts (current first,
// then history, newest first) and member counts.
func (s *Store) OrgTree(ctx context.Context) ([]*OrgNode, error) { return s.orgTree(ctx, true) }

// orgTree is OrgTree; without counts it skips the scan of every member
// (what compliance and statistics over 100,000 members do not need).
func (s *Store) orgTree(ctx context.Context, counts bool) ([]*OrgNode, error) {
	nodes := map[int64]*OrgNode{}
	var order []*OrgNode
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, "SELECT "+unitCols+" FROM org_units WHERE deleted_at IS NULL ORDER BY sort_order, id")
		if err != nil {
			return err
		}
		for rows.Next() {
			u, err := scanUnit(rows)
			if err != nil {
				rows.Close()
				return err
			}
			n := &OrgNode{Unit: u}
			nodes[u.ID] = n
			order = append(order, n)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = db.QueryContext(ctx, "SELECT "+postCols+" FROM org_posts WHERE deleted_at IS NULL")
		if err != nil {
			return err
		}
		for rows.Next() {
			p, err := scanPost(rows)
			if err != nil {
				rows.Close()
				return err
			}
			if n := nodes[p.UnitID]; n != nil {
				n.Posts = append(n.Posts, p)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if !counts {
			return nil
		}
		// Members are counted where they sit: in their group when they have
		// one, else directly in their branch, so totals add up without
		// counting anyone twice.
		rows, err = db.QueryContext(ctx, `SELECT coalesce(group_id, branch_id), count(*) FROM members
			WHERE deleted_at IS NULL AND status NOT IN (`+historyStatusList+`) GROUP BY 1`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id sql.NullInt64
			var c int
			if err := rows.Scan(&id, &c); err != nil {
				return err
			}
			if n := nodes[id.Int64]; n != nil {
				n.Members += c
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	var roots []*OrgNode
	for _, n := range order {
		sortPosts(n)
		if p := nodes[n.Unit.ParentID]; p != nil {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	return roots, nil
}

// sortPosts puts current tenures first in the level's post order, then the
// history, most recent first.
func sortPosts(n *OrgNode) {
	rank := map[string]int{}
	for i, t := range n.Unit.Level.Posts() {
		rank[t] = i + 1
	}
	r := func(t string) int {
		if v, ok := rank[t]; ok {
			return v
		}
		return len(rank) + 1
	}
	sort.SliceStable(n.Posts, func(i, j int) bool {
		a, b := n.Posts[i], n.Posts[j]
		if a.End.IsZero() != b.End.IsZero() {
			return a.End.IsZero()
		}
		if a.End.IsZero() {
			if r(a.Title) != r(b.Title) {
				return r(a.Title) < r(b.Title)
			}
			return a.Start.Before(b.Start)
		}
		return b.End.Before(a.End)
	})
}

// loadUnit reads an active unit for change; a deleted one is ErrNotFound.
func (tx *Tx) loadUnit(id int64) (OrgUnit, error) {
	u, err := scanUnit(tx.queryRow("SELECT "+unitCols+" FROM org_units WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && u.Deleted) {
		return u, ErrNotFound
	}
	return u, err
}

// loadPost reads an active tenure for change; a deleted one is ErrNotFound.
func (tx *Tx) loadPost(id int64) (Post, error) {
	p, err := scanPost(tx.queryRow("SELECT "+postCols+" FROM org_posts WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && p.Deleted) {
		return p, ErrNotFound
	}
	return p, err
}

// normalizeUnit trims text and fills defaults before validation.
func normalizeUnit(u *OrgUnit) {
	u.FullName = strings.TrimSpace(u.FullName)
	u.ShortName = strings.TrimSpace(u.ShortName)
	u.Kind = strings.TrimSpace(u.Kind)
	u.Liaison = strings.TrimSpace(u.Liaison)
	u.Phone = NormalizePhone(u.Phone)
	if u.Kind == "" {
		if k := u.Level.Kinds(); len(k) > 0 {
			u.Kind = k[0]
		}
	}
	if u.Level == LevelGroup {
		u.TermStart, u.TermYears = Date{}, 0
	} else if !u.TermStart.IsZero() && u.TermYears == 0 {
		u.TermYears = DefaultTermYears(u.Kind)
	}
}

// checkUnit applies the rules that need the rest of the tree.
func (tx *Tx) checkUnit(u OrgUnit, old *OrgUnit) error {
	today := tx.today
	var is Issues
	if u.FullName == "" {
		is.Err("full_name", "请填写全称（与印章一致）")
	} else if runeLen(u.FullName) > 60 {
		is.Err("full_name", "全称不能超过 60 个字")
	}
	if runeLen(u.ShortName) > 20 {
		is.Err("short_name", "简称不能超过 20 个字")
	}
	switch u.Level {
	case LevelGeneral, LevelBranch, LevelGroup:
	default:
		is.Err("level", "组织层级无效")
	}
	if old != nil && old.Level != u.Level {
		is.Err("level", "不能更改组织层级（%s）", old.Level.Label())
	}
	checkPastDate(&is, "founded", "成立日期", u.Founded, today)
	checkPastDate(&is, "term_start", "本届任期开始日期", u.TermStart, today)
	if u.TermYears < 0 || u.TermYears > 10 {
		is.Err("term_years", "任期年限应在 1 至 10 年之间")
	}
	checkPhone(&is, "phone", u.Phone)
	if runeLen(u.Liaison) > 20 {
		is.Err("liaison", "党建联络人姓名不能超过 20 个字")
	}

	if u.ParentID == 0 {
		if u.Level != LevelGeneral && u.Level != "" {
			is.Err("parent_id", "%s必须隶属于上级组织", u.Level.Label())
		}
		if u.Level == LevelGeneral {
			var other string
			err := tx.queryRow("SELECT full_name FROM org_units WHERE parent_id IS NULL AND deleted_at IS NULL AND id <> ? LIMIT 1", u.ID).Scan(&other)
			if err == nil {
				is.Err("level", "已有党总支“%s”，一个数据库只管理一个党总支", other)
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
	} else {
		parent, err := tx.loadUnit(u.ParentID)
		switch {
		case errors.Is(err, ErrNotFound):
			is.Err("parent_id", "上级组织不存在或已删除")
		case err != nil:
			return err
		case parent.Level.ChildLevel() != u.Level:
			is.Err("parent_id", "%s不能设在%s“%s”之下", u.Level.Label(), parent.Level.Label(), parent.Name())
		case u.ID != 0 && parent.ID == u.ID:
			is.Err("parent_id", "上级组织不能是它自己")
		}
	}
	if u.FullName != "" {
		var n int
		if err := tx.queryRow("SELECT count(*) FROM org_units WHERE full_name = ? AND deleted_at IS NULL AND id <> ?",
			u.FullName, u.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			is.Err("full_name", "已有名为“%s”的组织", u.FullName)
		}
	}
	capRecord(&is, EntityOrgUnit, &u)
	return is.AsError()
}

// SaveUnit inserts (ID 0) or updates a unit and returns it as stored. A
// branch copy (role) keeps its own branch and adds or edits its groups;
// branches and the 党总支 are the office's.
func (tx *Tx) SaveUnit(role Role, u OrgUnit) (OrgUnit, error) {
	cleanRecord(EntityOrgUnit, &u)
	normalizeUnit(&u)
	u.Deleted = false
	if err := tx.canWriteUnit(role, u); err != nil {
		return u, err
	}
	if u.ID == 0 {
		if err := tx.checkUnit(u, nil); err != nil {
			return u, err
		}
		res, err := tx.exec(`INSERT INTO org_units(parent_id, level, kind, full_name, short_name, founded, liaison, phone,
			term_start, term_years, sort_order, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			nullID(u.ParentID), u.Level, u.Kind, u.FullName, u.ShortName, u.Founded, u.Liaison, u.Phone,
			u.TermStart, u.TermYears, u.SortOrder, tx.at, tx.at)
		if err != nil {
			return u, err
		}
		if u.ID, err = res.LastInsertId(); err != nil {
			return u, err
		}
		return u, tx.audit(EntityOrgUnit, u.ID, ActionInsert, nil, u)
	}
	old, err := tx.loadUnit(u.ID)
	if err != nil {
		return u, err
	}
	if err := tx.checkUnit(u, &old); err != nil {
		return u, err
	}
	if old == u {
		return u, nil
	}
	if _, err := tx.exec(`UPDATE org_units SET parent_id=?, kind=?, full_name=?, short_name=?, founded=?, liaison=?, phone=?,
		term_start=?, term_years=?, sort_order=?, updated_at=? WHERE id=?`,
		nullID(u.ParentID), u.Kind, u.FullName, u.ShortName, u.Founded, u.Liaison, u.Phone,
		u.TermStart, u.TermYears, u.SortOrder, tx.at, u.ID); err != nil {
		return u, err
	}
	return u, tx.audit(EntityOrgUnit, u.ID, ActionUpdate, old, u)
}

// SaveUnit saves one unit in its own transaction.
func (s *Store) SaveUnit(ctx context.Context, role Role, u OrgUnit) (OrgUnit, error) {
	var out OrgUnit
	err := s.Write(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.SaveUnit(role, u)
		return err
	})
	return out, err
}

// DeleteUnit soft-deletes a unit that has no active children and no active
// members; its posts and history stay in the database.
func (s *Store) DeleteUnit(ctx context.Context, role Role, id int64) error {
	return s.Write(ctx, func(tx *Tx) error {
		old, err := tx.loadUnit(id)
		if err != nil {
			return err
		}
		if old.Level != LevelGroup {
			if err := role.OfficeOnly("删除党支部、党总支须由党总支办公室进行"); err != nil {
				return err
			}
		} else if err := role.OwnBranch(old.ParentID, "删除党小组"); err != nil {
			return err
		}
		var children, members int
		if err := tx.queryRow("SELECT count(*) FROM org_units WHERE parent_id = ? AND deleted_at IS NULL", id).Scan(&children); err != nil {
			return err
		}
		if err := tx.queryRow(`SELECT count(*) FROM members WHERE (branch_id = ? OR group_id = ?)
			AND deleted_at IS NULL AND status NOT IN (`+historyStatusList+`)`, id, id).Scan(&members); err != nil {
			return err
		}
		var reasons []string
		if children > 0 {
			reasons = append(reasons, fmt.Sprintf("下设 %d 个%s", children, old.Level.ChildLevel().Label()))
		}
		if members > 0 {
			reasons = append(reasons, fmt.Sprintf("还有 %d 名党员", members))
		}
		if len(reasons) > 0 {
			return fmt.Errorf("“%s”%s，不能删除：请先把它们转到其他组织", old.Name(), strings.Join(reasons, "、"))
		}
		if _, err := tx.exec("UPDATE org_units SET deleted_at = ?, updated_at = ? WHERE id = ?", tx.at, tx.at, id); err != nil {
			return err
		}
		after := old
		after.Deleted = true
		return tx.audit(EntityOrgUnit, id, ActionDelete, old, after)
	})
}

// singleHolder titles are held by one person at a time.
func singleHolder(title string) bool { return title == "书记" || title == "组长" }

func normalizePost(p *Post) {
	p.Title = strings.TrimSpace(p.Title)
	p.Holder = strings.TrimSpace(p.Holder)
	p.Note = strings.TrimSpace(p.Note)
}

func checkPost(p Post, today Date) error {
	var is Issues
	if p.Title == "" {
		is.Err("title", "请选择或填写职务")
	}
	if p.Holder == "" {
		is.Err("holder", "请填写任职人姓名")
	} else if runeLen(p.Holder) > 20 {
		is.Err("holder", "姓名不能超过 20 个字")
	}
	if p.Start.IsZero() {
		is.Err("start", "请填写任职日期")
	}
	checkPastDate(&is, "start", "任职日期", p.Start, today)
	if !p.End.IsZero() && !p.Start.IsZero() && p.End.Before(p.Start) {
		is.Err("end", "离任日期不能早于任职日期")
	}
	checkPastDate(&is, "end", "离任日期", p.End, today)
	capRecord(&is, EntityPost, &p)
	return is.AsError()
}

// SavePost inserts (ID 0) or updates a tenure. Appointing a new holder of a
// single-holder post (书记, 组长) ends the current holder's tenure on the new
// start date, in the same transaction: that is what a succession is.
func (tx *Tx) SavePost(role Role, p Post) (Post, error) {
	cleanRecord(EntityPost, &p)
	normalizePost(&p)
	p.Deleted = false
	unit := p.UnitID
	if p.ID != 0 {
		if old, err := tx.loadPost(p.ID); err == nil {
			unit = old.UnitID
		}
	}
	if err := role.OwnBranch(tx.branchOf(unit), "维护委员会职务"); err != nil {
		return p, err
	}
	if err := checkPost(p, tx.today); err != nil {
		return p, err
	}
	if _, err := tx.loadUnit(p.UnitID); errors.Is(err, ErrNotFound) {
		return p, &ValidationError{Errors: []FieldIssue{{"unit_id", "所属组织不存在或已删除"}}}
	} else if err != nil {
		return p, err
	}
	if p.ID == 0 {
		if singleHolder(p.Title) && p.End.IsZero() {
			if err := tx.endCurrent(p.UnitID, p.Title, p.Start); err != nil {
				return p, err
			}
		}
		res, err := tx.exec(`INSERT INTO org_posts(unit_id, title, holder, member_id, start, end, note, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?)`, p.UnitID, p.Title, p.Holder, nullID(p.MemberID), p.Start, p.End, p.Note, tx.at, tx.at)
		if err != nil {
			return p, err
		}
		if p.ID, err = res.LastInsertId(); err != nil {
			return p, err
		}
		return p, tx.audit(EntityPost, p.ID, ActionInsert, nil, p)
	}
	old, err := tx.loadPost(p.ID)
	if err != nil {
		return p, err
	}
	p.UnitID = old.UnitID
	if old == p {
		return p, nil
	}
	if _, err := tx.exec(`UPDATE org_posts SET title=?, holder=?, member_id=?, start=?, end=?, note=?, updated_at=? WHERE id=?`,
		p.Title, p.Holder, nullID(p.MemberID), p.Start, p.End, p.Note, tx.at, p.ID); err != nil {
		return p, err
	}
	return p, tx.audit(EntityPost, p.ID, ActionUpdate, old, p)
}

// endCurrent ends every current tenure of title in unit on day ("" = all titles).
func (tx *Tx) endCurrent(unitID int64, title string, day Date) error {
	q := "SELECT " + postCols + " FROM org_posts WHERE unit_id = ? AND end IS NULL AND deleted_at IS NULL"
	args := []any{unitID}
	if title != "" {
		q += " AND title = ?"
		args = append(args, title)
	}
	rows, err := tx.query(q, args...)
	if err != nil {
		return err
	}
	var cur []Post
	for rows.Next() {
		p, err := scanPost(rows)
		if err != nil {
			rows.Close()
			return err
		}
		cur = append(cur, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, old := range cur {
		p := old
		p.End = day
		if p.End.Before(p.Start) {
			p.End = p.Start
		}
		if _, err := tx.exec("UPDATE org_posts SET end = ?, updated_at = ? WHERE id = ?", p.End, tx.at, p.ID); err != nil {
			return err
		}
		if err := tx.audit(EntityPost, p.ID, ActionUpdate, old, p); err != nil {
			return err
		}
	}
	return nil
}

// SavePost saves one tenure in its own transaction.
func (s *Store) SavePost(ctx context.Context, role Role, p Post) (Post, error) {
	var out Post
	err := s.Write(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.SavePost(role, p)
		return err
	})
	return out, err
}

// DeletePost soft-deletes a tenure entered by mistake. A tenure that simply
// ended is not deleted but given an end date, so the history stays true.
func (s *Store) DeletePost(ctx context.Context, role Role, id int64) error {
	return s.Write(ctx, func(tx *Tx) error {
		old, err := tx.loadPost(id)
		if err != nil {
			return err
		}
		if err := role.OwnBranch(tx.branchOf(old.UnitID), "删除委员会职务"); err != nil {
			return err
		}
		if _, err := tx.exec("UPDATE org_posts SET deleted_at = ?, updated_at = ? WHERE id = ?", tx.at, tx.at, id); err != nil {
			return err
		}
		after := old
		after.Deleted = true
		return tx.audit(EntityPost, id, ActionDelete, old, after)
	})
}

// Renew records a 换届: the committee elected on start serves years; every
// current tenure of the old committee ends on start. The new committee's
// posts are then added one by one.
func (s *Store) Renew(ctx context.Context, role Role, unitID int64, start Date, years int) error {
	return s.Write(ctx, func(tx *Tx) error {
		u, err := tx.loadUnit(unitID)
		if err != nil {
			return err
		}
		if err := role.OwnBranch(tx.branchOf(unitID), "办理换届"); err != nil {
			return err
		}
		if u.Level == LevelGroup {
			return &ValidationError{Errors: []FieldIssue{{"term_start", "党小组不设委员会，无需换届"}}}
		}
		if start.IsZero() {
			return &ValidationError{Errors: []FieldIssue{{"term_start", "请填写换届选举日期"}}}
		}
		if !u.TermStart.IsZero() && !start.After(u.TermStart) {
			return &ValidationError{Errors: []FieldIssue{{"term_start", "换届日期应晚于本届任期开始日期 " + u.TermStart.Chinese()}}}
		}
		if err := tx.endCurrent(unitID, "", start); err != nil {
			return err
		}
		u.TermStart, u.TermYears = start, years
		_, err = tx.SaveUnit(role, u)
		return err
	})
}

// UnitNames maps every unit ever created, deleted ones included, to its
// display name, so old audit rows and history can name what they refer to.
func (s *Store) UnitNames(ctx context.Context) (map[int64]string, error) {
	out := map[int64]string{}
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, "SELECT id, full_name, short_name FROM org_units")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var full, short string
			if err := rows.Scan(&id, &full, &short); err != nil {
				return err
			}
			out[id] = OrgUnit{FullName: full, ShortName: short}.Name()
		}
		return rows.Err()
	})
	return out, err
}

// MemberCounts are the store's members by roster: Active (在册党员, the
// members the organisation tree counts: not deleted, not on the 历史党员
// roster) and History (those who have left).
type MemberCounts struct {
	Active  int `json:"active"`
	History int `json:"history"`
}

// CountMembers counts the members on each roster. Every "党员 N 名" the
// program shows (status line, demo summary, tree totals) means Active.
func (s *Store) CountMembers(ctx context.Context) (MemberCounts, error) {
	var c MemberCounts
	err := s.read(func(db *sql.DB) error {
		return db.QueryRowContext(ctx, `SELECT
			count(*) FILTER (WHERE status NOT IN (`+historyStatusList+`)),
			count(*) FILTER (WHERE status IN (`+historyStatusList+`))
			FROM members WHERE deleted_at IS NULL`).Scan(&c.Active, &c.History)
	})
	return c, err
}

// canWriteUnit is the role rule for saving u: the office saves any unit; a
// branch copy saves its own branch and adds or edits its groups, never
// another branch, a new branch or the 党总支.
func (tx *Tx) canWriteUnit(role Role, u OrgUnit) error {
	if role.Office {
		return nil
	}
	if u.ID != 0 {
		old, err := tx.loadUnit(u.ID)
		if err != nil {
			return err
		}
		if err := role.OwnBranch(tx.branchOf(old.ID), "修改组织信息"); err != nil {
			return err
		}
		if old.Level != LevelGroup {
			return nil
		}
	} else if u.Level != LevelGroup {
		return role.OfficeOnly("新建党支部、党总支须由党总支办公室进行")
	}
	return role.OwnBranch(u.ParentID, "新建或调整党小组")
}
