package data

import (
	"bytes"
	"context"
	"database/sql"
	"strings"
)

// MemberRow is a member as lists and searches show them: the columns of
// the 党员档案 list and of `members search`, read without the rest of the
// dossier (issue 17: 100,000 full records take seconds and hundreds of MB).
type MemberRow struct {
	ID, BranchID, GroupID int64
	Name, FormerName      string
	Sex, IDNumber, Phone  string
	StaffNo, Standing     string
	Status, Category      string
	Education             string
	BirthDate, JoinDate   Date
	// NameKey sorts (bytes.Compare) as the 姓名排序 setting orders names.
	NameKey []byte

	pinyin  string // the stored name_pinyin
	text    string // name, former name, ID number, phone, 工号: lower-case, joined by 0
	letters uint32 // the letters a–z in pinyin and text: a latin query needs all of its own
}

// prepare fills what the in-memory match reads.
func (r *MemberRow) prepare() {
	r.text = searchText(r.Name, r.FormerName, r.IDNumber, r.Phone, r.StaffNo)
	r.letters = letterMask(r.pinyin) | letterMask(r.text)
}

func letterMask(s string) uint32 {
	var m uint32
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			m |= 1 << (c - 'a')
		}
	}
	return m
}

// memberRowSelect reads a MemberRow; the sort key column is added per order.
const memberRowSelect = `SELECT id, coalesce(branch_id, 0), coalesce(group_id, 0), name, former_name, sex, id_number, phone,
	staff_no, standing, status, category, education, birth_date, join_date, coalesce(name_pinyin, ''), `

func searchText(fields ...string) string {
	return strings.ToLower(strings.Join(fields, "\x00"))
}

// nameSortColumn is the stored key that sorts names in order o.
func nameSortColumn(o NameOrder) string {
	if o == OrderStrokes {
		return "name_sort_strokes"
	}
	return "name_sort_pinyin"
}

// memberOrderBy orders members as lists show them: by branch, then by name
// in order o (the stored key), then by name and id, as SortMembers does.
func memberOrderBy(o NameOrder) string {
	return " ORDER BY branch_id, " + nameSortColumn(o) + ", name, id"
}

// where turns the filter into SQL conditions and their arguments.
func (f MemberFilter) where() (string, []any) {
	where := []string{"deleted_at IS NULL"}
	var args []any
	switch f.Roster {
	case RosterActive:
		where = append(where, "status NOT IN ("+historyStatusList+")")
	case RosterHistory:
		where = append(where, "status IN ("+historyStatusList+")")
	}
	add := func(cond string, v any) {
		where = append(where, cond)
		args = append(args, v)
	}
	if f.BranchID != 0 {
		add("branch_id = ?", f.BranchID)
	}
	if f.GroupID != 0 {
		add("group_id = ?", f.GroupID)
	}
	if f.Standing != "" {
		add("standing = ?", f.Standing)
	}
	if f.Status != "" {
		add("status = ?", f.Status)
	}
	if f.Category != "" {
		add("category = ?", f.Category)
	}
	if f.Sex != "" {
		add("sex = ?", f.Sex)
	}
	return strings.Join(where, " AND "), args
}

// MemberRows lists the members matching f as list rows, in the order of
// Members; limit > 0 reads only the first limit rows (a list's first page).
func (s *Store) MemberRows(ctx context.Context, f MemberFilter, limit int) ([]MemberRow, error) {
	return s.SearchMembers(ctx, f, "", limit)
}

// SearchMembers lists the members matching f whose name, former name, ID
// number, phone or 工号 contains query, or whose name query spells in
// pinyin (see SearchQuery), in the order of Members. The database does the
// work with the stored keys: only the listed columns of the matching rows
// are read. limit > 0 stops after that many.
func (s *Store) SearchMembers(ctx context.Context, f MemberFilter, query string, limit int) ([]MemberRow, error) {
	q := ParseSearch(query)
	where, whereArgs := f.where()
	sure, cond := "1", ""
	var sureArgs, condArgs []any
	if !q.Empty() {
		like := "%" + escapeLike(q.q) + "%"
		var text []string
		for _, c := range []string{"name", "former_name", "id_number", "phone", "staff_no"} {
			text = append(text, c+` LIKE ? ESCAPE '\'`)
			condArgs = append(condArgs, like)
		}
		cond = strings.Join(text, " OR ")
		if q.latin {
			// Initials are a sure match; a full or mixed spelling is
			// looked for as its letters in order (zhangsf: z…h…a…s…f)
			// and checked syllable by syllable below.
			sure = "(" + cond + " OR instr(name_initials, ?) > 0)"
			sureArgs = append(append(sureArgs, condArgs...), q.q)
			cond += " OR name_pinyin LIKE ?"
			condArgs = append(condArgs, "%"+strings.Join(strings.Split(q.q, ""), "%")+"%")
		}
		cond = " AND (" + cond + ")"
	}
	o := s.NameOrder(ctx)
	sel := memberRowSelect + nameSortColumn(o) + ", " + sure + " FROM members WHERE " + where + cond + memberOrderBy(o)
	args := append(append(sureArgs, whereArgs...), condArgs...)
	var out []MemberRow
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, sel, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if limit > 0 && len(out) >= limit {
				break
			}
			var r MemberRow
			var ok bool
			if err := rows.Scan(&r.ID, &r.BranchID, &r.GroupID, &r.Name, &r.FormerName, &r.Sex, &r.IDNumber, &r.Phone,
				&r.StaffNo, &r.Standing, &r.Status, &r.Category, &r.Education, &r.BirthDate, &r.JoinDate, &r.pinyin,
				&r.NameKey, &ok); err != nil {
				return err
			}
			if !ok && !matchPinyinKey(r.pinyin, q.q) {
				continue
			}
			r.NameKey = bytes.Clone(r.NameKey)
			r.prepare()
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// SearchQuery is a search as typed, prepared for matching rows in memory:
// the 党员档案 list filters its loaded rows on every keystroke with it.
type SearchQuery struct {
	q       string // lower-case, digits half-width, without spaces
	latin   bool   // only a–z: may be pinyin
	letters uint32 // its letters
}

// ParseSearch prepares a query.
func ParseSearch(s string) SearchQuery {
	q := strings.ToLower(strings.Join(strings.Fields(normalizeDigits(s)), ""))
	return SearchQuery{q: q, latin: q != "" && isLatin(q), letters: letterMask(q)}
}

// Empty reports whether the query matches everything.
func (q SearchQuery) Empty() bool { return q.q == "" }

// Narrows reports whether q can only match rows prev matched (it extends
// it), so a list may filter prev's hits instead of every row.
func (q SearchQuery) Narrows(prev SearchQuery) bool { return strings.HasPrefix(q.q, prev.q) }

// Match reports whether the row is found by the query: its name, former
// name, ID number, phone or 工号 contains it, or it spells consecutive
// characters of the name in pinyin, each by a prefix of its reading (张三丰
// by zsf, zhangsanfeng, zhangsf, sanfeng; a surname by either reading).
func (q SearchQuery) Match(r *MemberRow) bool {
	if r.letters&q.letters != q.letters {
		return false // a letter the row has nowhere
	}
	return q.q == "" || strings.Contains(r.text, q.q) || (q.latin && matchPinyinKey(r.pinyin, q.q))
}

// MembersByID reads the full dossiers of ids, in that order (the list's
// members, for printing and export); deleted or unknown ids are left out.
func (s *Store) MembersByID(ctx context.Context, ids []int64) ([]Member, error) {
	byID := make(map[int64]Member, len(ids))
	err := s.read(func(db *sql.DB) error {
		const chunk = 500
		for start := 0; start < len(ids); start += chunk {
			part := ids[start:min(start+chunk, len(ids))]
			args := make([]any, len(part))
			for i, id := range part {
				args[i] = id
			}
			rows, err := db.QueryContext(ctx, memberSelect+" WHERE deleted_at IS NULL AND id IN (?"+strings.Repeat(", ?", len(part)-1)+")", args...)
			if err != nil {
				return err
			}
			for rows.Next() {
				m, err := scanMember(rows)
				if err != nil {
					rows.Close()
					return err
				}
				byID[m.ID] = m
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]Member, 0, len(ids))
	for _, id := range ids {
		if m, ok := byID[id]; ok {
			out = append(out, m)
		}
	}
	return out, nil
}
