package data

import (
	"bytes"
	"database/sql"
	"strings"
	"sync"

	"github.com/mozillazg/go-pinyin"
)

// surnameReadings are the readings of characters whose surname reading
// differs from the common one that go-pinyin gives (单 → shan, not dan):
// people type either, so both are indexed.
var surnameReadings = map[rune][]string{
	'单': {"shan", "dan"}, '曾': {"zeng", "ceng"}, '解': {"xie", "jie"}, '仇': {"qiu", "chou"},
	'区': {"ou", "qu"}, '查': {"zha", "cha"}, '朴': {"piao", "pu"}, '盖': {"ge", "gai"},
	'乐': {"yue", "le"}, '覃': {"qin", "tan"}, '翟': {"zhai", "di"}, '缪': {"miao", "mou"},
	'召': {"shao", "zhao"}, '繁': {"po", "fan"}, '种': {"chong", "zhong"}, '秘': {"bi", "mi"},
	'尉': {"yu", "wei"}, '员': {"yun", "yuan"}, '宁': {"ning"}, '柏': {"bai", "bo"},
	'纪': {"ji"}, '任': {"ren"}, '沈': {"shen"}, '薄': {"bo"}, '褚': {"chu", "zhu"},
}

var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Style = pinyin.Normal
	return a
}()

// syllables gives each character of a name its readings: Han characters
// their pinyin (the surname's alternatives too), anything else itself.
func syllables(name string) [][]string {
	var out [][]string
	for i, r := range []rune(name) {
		if alts, ok := surnameReadings[r]; ok && i == 0 {
			out = append(out, alts)
			continue
		}
		if py := reading(r); py != nil {
			out = append(out, py)
			continue
		}
		out = append(out, []string{strings.ToLower(string(r))})
	}
	return out
}

// readings keeps each Han character's pinyin once spelt: go-pinyin strips
// the tone marks with a regular expression on every call, which was a
// tenth of a bulk import's member write. Only characters that have a
// reading are kept, so the map is bounded by the dictionary, whatever
// text an import brings.
var readings sync.Map // rune → []string

// reading is r's pinyin (one reading), nil when it has none.
func reading(r rune) []string {
	if v, ok := readings.Load(r); ok {
		return v.([]string)
	}
	py := pinyin.Pinyin(string(r), pinyinArgs)
	if len(py) != 1 || len(py[0]) == 0 {
		return nil
	}
	out := py[0][:1:1] // shared by every caller: no room to append into
	readings.Store(r, out)
	return out
}

// The stored keys (migration 0009): every write of a member's name stores
// them beside it, so a search or a sorted list reads them instead of
// spelling 100,000 names on every call.
//
//	name_pinyin        each reading of the name, syllables joined by "'",
//	                   readings by " ": 单雄信 → "shan'xiong'xin dan'xiong'xin"
//	name_initials      the same as initials: "sxx dxx"
//	name_sort_pinyin   pinyinKey, 0x00, strokeKey: a BLOB that sorts as
//	                   the 拼音 name order does (then by name, id)
//	name_sort_strokes  strokeKey: sorts as the 笔画 order does
//
// A syllable that is no pinyin (a digit, "·") is stored as "?": a latin
// query cannot match it anyway, and no name can break the separators.
type memberKeys struct {
	pinyin, initials        string
	sortPinyin, sortStrokes []byte
}

// memberKeyColumns are the stored key columns, in the order of memberKeys.args.
var memberKeyColumns = []string{"name_pinyin", "name_initials", "name_sort_pinyin", "name_sort_strokes"}

func (k memberKeys) equal(o memberKeys) bool {
	return k.pinyin == o.pinyin && k.initials == o.initials && bytes.Equal(k.sortPinyin, o.sortPinyin) &&
		bytes.Equal(k.sortStrokes, o.sortStrokes)
}

func (k memberKeys) args() []any {
	return []any{k.pinyin, k.initials, k.sortPinyin, k.sortStrokes}
}

// keysOf computes the stored keys of a name.
func keysOf(name string) memberKeys {
	sy := syllables(strings.TrimSpace(name))
	var k memberKeys
	if len(sy) > 0 {
		var full, ini []string
		for _, first := range sy[0] {
			var f, i strings.Builder
			for j, alts := range sy {
				r := alts[0]
				if j == 0 {
					r = first
				}
				if !isLatin(r) || r == "" {
					r = "?"
				}
				if j > 0 {
					f.WriteByte('\'')
				}
				f.WriteString(r)
				i.WriteByte(r[0])
			}
			full, ini = append(full, f.String()), append(ini, i.String())
		}
		k.pinyin, k.initials = strings.Join(full, " "), strings.Join(ini, " ")
	}
	k.sortStrokes = strokeKey(name)
	k.sortPinyin = append(append([]byte(pinyinKey(name)), 0), k.sortStrokes...)
	if k.sortStrokes == nil {
		k.sortStrokes = []byte{}
	}
	return k
}

// fillMemberKeys stores the keys of every member that has none: the rows
// there were before migration 0009, and rows written by set-based SQL.
func fillMemberKeys(tx *sql.Tx) error {
	return spellMemberKeys(tx, "WHERE name_sort_pinyin IS NULL")
}

// spellMemberKeys spells the keys of the members where selects (all of
// them when it is empty) and stores those that differ from the stored ones.
func spellMemberKeys(tx *sql.Tx, where string) error {
	rows, err := tx.Query("SELECT id, name, " + strings.Join(memberKeyColumns, ", ") + " FROM members " + where)
	if err != nil {
		return err
	}
	type change struct {
		id   int64
		keys memberKeys
	}
	var stale []change
	for rows.Next() {
		var id int64
		var name string
		var py, ini sql.NullString
		var have memberKeys
		if err := rows.Scan(&id, &name, &py, &ini, &have.sortPinyin, &have.sortStrokes); err != nil {
			rows.Close()
			return err
		}
		have.pinyin, have.initials = py.String, ini.String
		k := keysOf(name)
		if !py.Valid || !ini.Valid || have.sortPinyin == nil || have.sortStrokes == nil || !k.equal(have) {
			stale = append(stale, change{id, k})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(stale) == 0 {
		return nil
	}
	st, err := tx.Prepare("UPDATE members SET " + strings.Join(memberKeyColumns, " = ?, ") + " = ? WHERE id = ?")
	if err != nil {
		return err
	}
	defer st.Close()
	for _, c := range stale {
		if _, err := st.Exec(append(c.keys.args(), c.id)...); err != nil {
			return err
		}
	}
	return nil
}

// FillMemberKeys stores the search and sort keys of members written
// without them (by set-based SQL: generators, bulk loads). InsertMember and
// SaveMember store them themselves.
func (tx *Tx) FillMemberKeys() error { return fillMemberKeys(tx.tx) }

// matchPinyinKey reports whether q spells consecutive characters of a name
// whose stored name_pinyin is key, each by a prefix of its reading: "zsf",
// "zhangsf", "sanfeng" all find 张三丰 ("zhang'san'feng").
func matchPinyinKey(key, q string) bool {
	if q == "" {
		return true
	}
	for key != "" {
		variant := key
		if i := strings.IndexByte(key, ' '); i >= 0 {
			variant, key = key[:i], key[i+1:]
		} else {
			key = ""
		}
		for start := variant; ; {
			if matchSyllables(start, q) {
				return true
			}
			i := strings.IndexByte(start, '\'')
			if i < 0 {
				break
			}
			start = start[i+1:]
		}
	}
	return false
}

// matchSyllables: q (not empty) is spelt by prefixes of the syllables of
// s ("zhang'san'feng") from its first on.
func matchSyllables(s, q string) bool {
	syl, rest, more := strings.Cut(s, "'")
	for k := min(len(syl), len(q)); k >= 1; k-- {
		if syl[:k] == q[:k] && (k == len(q) || more && matchSyllables(rest, q[k:])) {
			return true
		}
	}
	return false
}

// SearchIndex finds members by name, pinyin (full or initials, mixed: 张三丰
// is found by zsf, zhangsanfeng, zhangsf, sanfeng), ID number digits, phone
// and 工号, as SearchQuery does. It spells each name when built: lists of
// the database's members use SearchMembers or MemberRows instead, which
// read the stored keys.
type SearchIndex struct {
	rows []MemberRow
}

// NewSearchIndex indexes the given members.
func NewSearchIndex(ms []Member) *SearchIndex {
	ix := &SearchIndex{rows: make([]MemberRow, len(ms))}
	for i, m := range ms {
		ix.rows[i] = MemberRow{ID: m.ID, Name: m.Name, FormerName: m.FormerName, IDNumber: m.IDNumber, Phone: m.Phone,
			StaffNo: m.StaffNo, pinyin: keysOf(m.Name).pinyin}
		ix.rows[i].prepare()
	}
	return ix
}

// Match returns the IDs matching q, in index order. An empty query matches all.
func (ix *SearchIndex) Match(q string) []int64 {
	sq := ParseSearch(q)
	out := make([]int64, 0, len(ix.rows))
	for i := range ix.rows {
		if sq.Match(&ix.rows[i]) {
			out = append(out, ix.rows[i].ID)
		}
	}
	return out
}

func isLatin(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
