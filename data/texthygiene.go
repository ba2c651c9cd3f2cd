package data

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"unicode"
)

// Input hygiene, in one place: every text field of a record being saved is
// cleaned (control characters, bidirectional overrides and invisible
// format characters removed: ESC, BEL, U+202E, U+200B …) and held to a
// length its registry field allows. Typed input, pasted text and imported
// cells all pass here; the sheet reader cleans cells once more so an
// import can warn per row.

// Default caps, in characters, by field kind; Field.Max overrides.
const (
	MaxTextLen     = 200   // one line: titles, topics, places
	MaxLongTextLen = 20000 // several lines: minutes, remarks
)

// MaxLen is the most characters the field takes.
func (f Field) MaxLen() int {
	switch {
	case f.Max > 0:
		return f.Max
	case f.Kind == KindLongText:
		return MaxLongTextLen
	}
	return MaxTextLen
}

// invisible tells the characters removed from every text: C0 and C1
// controls (tab and line breaks are handled apart), and format characters
// (category Cf): bidirectional marks and overrides (U+200E, U+202A–U+202E,
// U+2066–U+2069), zero-width spaces and joiners (U+200B–U+200D, U+2060,
// U+FEFF), the soft hyphen.
func invisible(r rune) bool {
	if r == '\t' || r == '\n' || r == '\r' {
		return false
	}
	return unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) || r == unicode.ReplacementChar
}

// CleanText removes invisible characters from s. A multi-line text keeps
// its line breaks (CR LF and lone CR become LF) and tabs; a one-line text
// has line breaks and tabs turned into spaces. removed counts what was
// taken out (line breaks turned into spaces not included).
func CleanText(s string, multiline bool) (out string, removed int) {
	clean := true
	for _, r := range s {
		if invisible(r) || r == '\r' || r == '\u2028' || r == '\u2029' || (!multiline && (r == '\n' || r == '\t')) {
			clean = false
			break
		}
	}
	if clean {
		return s, 0
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\r':
			if i+1 < len(rs) && rs[i+1] == '\n' {
				continue // CR LF: the LF follows
			}
			r = '\n'
		case r == '\u2028' || r == '\u2029':
			r = '\n'
		case r == 0x1b: // a terminal escape sequence goes whole
			removed++
			i = skipEscape(rs, i)
			continue
		case invisible(r):
			removed++
			continue
		}
		if !multiline && (r == '\n' || r == '\t') {
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String(), removed
}

// skipEscape returns the index of the last rune of the escape sequence
// starting at rs[i] (ESC): CSI "ESC [ … final" and OSC "ESC ] … BEL or
// ESC \\"; a lone ESC is just itself.
func skipEscape(rs []rune, i int) int {
	if i+1 >= len(rs) {
		return i
	}
	switch rs[i+1] {
	case '[':
		for j := i + 2; j < len(rs) && j < i+40; j++ {
			if rs[j] >= 0x40 && rs[j] <= 0x7e {
				return j
			}
			if rs[j] < 0x20 || rs[j] > 0x3f {
				return i // not a CSI after all
			}
		}
	case ']':
		for j := i + 2; j < len(rs) && j < i+200; j++ {
			if rs[j] == 0x07 {
				return j
			}
			if rs[j] == 0x1b && j+1 < len(rs) && rs[j+1] == '\\' {
				return j + 1
			}
		}
	}
	return i
}

// FormulaLike reports a text a spreadsheet would run as a formula: one
// starting with = + - @. Names of people and units must not.
func FormulaLike(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && strings.ContainsRune("=+-@＝＋－＠", []rune(s)[0])
}

// cleanRecord cleans every string field of the record rec points to (a
// struct whose JSON keys are entity's registered fields), list elements
// included, and returns a warning for each field something was removed
// from.
func cleanRecord(entity string, rec any) []FieldIssue {
	var out []FieldIssue
	walkText(EntityOf(entity), reflect.ValueOf(rec), "", func(f Field, key string, v reflect.Value) {
		s, n := CleanText(v.String(), f.Kind == KindLongText)
		if s != v.String() {
			v.SetString(s)
		}
		if n > 0 {
			out = append(out, FieldIssue{key, fmt.Sprintf("“%s”中有 %d 个控制字符或不可见的文字方向、零宽字符，已去掉", f.Label, n)})
		}
	})
	return out
}

// capRecord records an error for each text field longer than its field
// allows, and for a name that reads as a spreadsheet formula; fields that
// already have an error are left to it.
func capRecord(is *Issues, entity string, rec any) {
	has := map[string]bool{}
	for _, e := range is.Errors {
		has[e.Field] = true
	}
	walkText(EntityOf(entity), reflect.ValueOf(rec), "", func(f Field, key string, v reflect.Value) {
		if has[key] {
			return
		}
		s := v.String()
		if n, max := runeLen(s), f.MaxLen(); n > max {
			is.Err(key, "%s最多 %d 个字，现有 %d 个字，请删减", f.Label, max, n)
		} else if f.Name && FormulaLike(s) {
			is.Err(key, "%s“%s”以 = + - @ 开头，像是表格公式，请改正", f.Label, Clip(s, 20))
		}
	})
}

// Clip shortens s to n characters with an ellipsis, for quoting in a message.
func Clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// walkText calls fn for every settable string field of v (a pointer to a
// struct) that ent registers, and descends into list fields' elements.
func walkText(ent *Entity, v reflect.Value, prefix string, fn func(f Field, key string, v reflect.Value)) {
	if ent == nil {
		return
	}
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return
	}
	for _, tf := range textFieldsOf(ent, v.Type()) {
		fv := v.Field(tf.index)
		switch {
		case fv.Kind() == reflect.String && fv.CanSet():
			fn(tf.f, prefix+tf.key, fv)
		case tf.f.Kind == KindList && fv.Kind() == reflect.Slice:
			sub := &Entity{Fields: tf.f.Sub}
			for j := 0; j < fv.Len(); j++ {
				walkText(sub, fv.Index(j).Addr(), prefix, fn)
			}
		}
	}
}

// textField is a struct field walkText looks at, with its registered field.
type textField struct {
	index int
	key   string
	f     Field
}

type textFieldsKey struct {
	t      reflect.Type
	fields *Field // the entity's field list, by its first element
	n      int
}

// textFieldsCache holds, per struct type and field list, the fields
// walkText visits: an import checks every row's record, and finding each
// field's registration afresh cost more than the checks themselves.
var textFieldsCache sync.Map // textFieldsKey → []textField

func textFieldsOf(ent *Entity, t reflect.Type) []textField {
	var key textFieldsKey
	cacheable := len(ent.Fields) > 0
	if cacheable {
		key = textFieldsKey{t, &ent.Fields[0], len(ent.Fields)}
		if v, ok := textFieldsCache.Load(key); ok {
			return v.([]textField)
		}
	}
	var out []textField
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		k, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if k == "" || k == "-" {
			continue
		}
		f, ok := ent.Field(k)
		if !ok || f.Kind == KindInternal || f.Kind == KindTime {
			continue
		}
		out = append(out, textField{i, k, f})
	}
	if cacheable {
		textFieldsCache.Store(key, out)
	}
	return out
}

// cleanFileName keeps an attachment's shown name to one clean line.
func cleanFileName(s string) string {
	s, _ = CleanText(s, false)
	return Clip(s, MaxTextLen)
}
