package data

import (
	"strings"

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
		if py := pinyin.Pinyin(string(r), pinyinArgs); len(py) == 1 && len(py[0]) > 0 {
			out = append(out, py[0][:1])
			continue
		}
		out = append(out, []string{strings.ToLower(string(r))})
	}
	return out
}

// searchEntry is what one member can be found by.
type searchEntry struct {
	id    int64
	text  string     // name, former name, ID number, phone, 工号 — lower-case, joined
	sylls [][]string // pinyin readings of the name, per character
}

// SearchIndex finds members by name, pinyin (full or initials, mixed: 张三丰
// is found by zsf, zhangsanfeng, zhangsf, sanfeng), ID number digits, phone
// and 工号. It is built once per list and queried on every keystroke.
type SearchIndex struct {
	entries []searchEntry
}

// NewSearchIndex indexes the given members.
func NewSearchIndex(ms []Member) *SearchIndex {
	ix := &SearchIndex{entries: make([]searchEntry, len(ms))}
	for i, m := range ms {
		ix.entries[i] = searchEntry{
			id:    m.ID,
			text:  strings.ToLower(strings.Join([]string{m.Name, m.FormerName, m.IDNumber, m.Phone, m.StaffNo}, "\x00")),
			sylls: syllables(m.Name),
		}
	}
	return ix
}

// Match returns the IDs matching q, in index order. An empty query matches all.
func (ix *SearchIndex) Match(q string) []int64 {
	q = strings.ToLower(strings.Join(strings.Fields(normalizeDigits(q)), ""))
	out := make([]int64, 0, len(ix.entries))
	for _, e := range ix.entries {
		if q == "" || strings.Contains(e.text, q) || (isLatin(q) && pinyinMatch(e.sylls, q)) {
			out = append(out, e.id)
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

// pinyinMatch reports whether q spells consecutive characters of the name,
// each by a prefix of one of its readings: "zsf", "zhangsf", "sanfeng".
func pinyinMatch(sylls [][]string, q string) bool {
	for start := range sylls {
		if matchFrom(sylls[start:], q) {
			return true
		}
	}
	return false
}

func matchFrom(sylls [][]string, q string) bool {
	if q == "" {
		return true
	}
	if len(sylls) == 0 {
		return false
	}
	for _, reading := range sylls[0] {
		for k := min(len(reading), len(q)); k >= 1; k-- {
			if reading[:k] == q[:k] && matchFrom(sylls[1:], q[k:]) {
				return true
			}
		}
	}
	return false
}
