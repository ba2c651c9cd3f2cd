package data

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// NameOrder is how lists of people are ordered: offices print rosters 按姓氏笔画
// (by the surname's strokes, then the following characters) and find people
// on screen by pinyin.
type NameOrder string

const (
	OrderStrokes NameOrder = "strokes" // 笔画: CLDR stroke collation
	OrderPinyin  NameOrder = "pinyin"  // 拼音: surname readings (单 shan, 曾 zeng)
)

// NameOrders are the choices, in menu order, with their labels.
var NameOrders = []NameOrder{OrderPinyin, OrderStrokes}

// Label names the order as the settings screen shows it.
func (o NameOrder) Label() string {
	if o == OrderStrokes {
		return "笔画"
	}
	return "拼音"
}

// NameOrderOf reads a label or a stored value; anything else is pinyin.
func NameOrderOf(s string) NameOrder {
	switch strings.TrimSpace(s) {
	case string(OrderStrokes), "笔画":
		return OrderStrokes
	}
	return OrderPinyin
}

// SettingNameOrder is the order of names in on-screen lists (姓名排序);
// printed rosters are always in stroke order.
const SettingNameOrder = "list.name_order"

// NameOrder is the order on-screen lists of people follow; pinyin unless
// set otherwise.
func (s *Store) NameOrder(ctx context.Context) NameOrder {
	v, err := s.Setting(ctx, SettingNameOrder)
	if err != nil {
		return OrderPinyin
	}
	return NameOrderOf(v)
}

// strokeCollator orders by strokes. A collate.Collator is not safe for
// concurrent use: it is created once and used under strokeMu.
var (
	strokeMu       sync.Mutex
	strokeCollator = collate.New(language.MustParse("zh-u-co-stroke"))
	strokeBuf      collate.Buffer
)

// strokeKey is a byte key that sorts names by surname strokes, then by the
// strokes of the following characters.
func strokeKey(name string) []byte {
	strokeMu.Lock()
	defer strokeMu.Unlock()
	k := strokeCollator.KeyFromString(&strokeBuf, strings.TrimSpace(name))
	out := bytes.Clone(k)
	strokeBuf.Reset()
	return out
}

// pinyinKey spells a name in pinyin, one syllable per character separated
// by a byte that sorts before every letter, so that li < lian; the surname
// takes its surname reading (单 shan, 曾 zeng, 解 xie, 仇 qiu, 区 ou).
func pinyinKey(name string) string {
	var b strings.Builder
	for i, r := range []rune(strings.TrimSpace(name)) {
		if i > 0 {
			b.WriteByte(1)
		}
		if alts, ok := surnameReadings[r]; ok && i == 0 {
			b.WriteString(alts[0])
			continue
		}
		if py := reading(r); py != nil {
			b.WriteString(py[0])
			continue
		}
		b.WriteString(strings.ToLower(string(r)))
	}
	return b.String()
}

// nameKey is what a name sorts by in an order: for pinyin the spelling,
// then strokes to part names spelt alike (张三 and 章三).
type nameKey struct {
	pinyin string
	stroke []byte
	name   string
}

func makeNameKey(name string, o NameOrder) nameKey {
	k := nameKey{stroke: strokeKey(name), name: name}
	if o != OrderStrokes {
		k.pinyin = pinyinKey(name)
	}
	return k
}

func (a nameKey) compare(b nameKey) int {
	if c := strings.Compare(a.pinyin, b.pinyin); c != 0 {
		return c
	}
	if c := bytes.Compare(a.stroke, b.stroke); c != 0 {
		return c
	}
	return strings.Compare(a.name, b.name)
}

// CompareNames compares two names in order o: negative when a comes first.
// Sorting many names is faster with SortNames or SortByName, which compute
// each name's key once.
func CompareNames(o NameOrder, a, b string) int {
	return makeNameKey(a, o).compare(makeNameKey(b, o))
}

// SortNames sorts names in order o, in place.
func SortNames(names []string, o NameOrder) {
	SortByName(names, func(s string) string { return s }, o)
}

// SortByStrokes sorts names 按姓氏笔画, in place.
func SortByStrokes(names []string) { SortNames(names, OrderStrokes) }

// SortByName sorts xs by the name name gives, in order o, keeping the
// order of equal names (stable).
func SortByName[T any](xs []T, name func(T) string, o NameOrder) {
	type keyed struct {
		k nameKey
		x T
	}
	ks := make([]keyed, len(xs))
	for i, x := range xs {
		ks[i] = keyed{makeNameKey(name(x), o), x}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return a.k.compare(b.k) })
	for i := range ks {
		xs[i] = ks[i].x
	}
}

// SortMembers sorts members by name in order o, keeping the order of equal
// names.
func SortMembers(ms []Member, o NameOrder) {
	SortByName(ms, func(m Member) string { return m.Name }, o)
}
