package data

import (
	"database/sql"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// The audit row's JSON, written without encoding/json's reflection for the
// flat records that make up bulk writes (an import's members): the bytes
// json.Marshal gives for the record with its empty texts and dates left
// out — a test compares the two on every kind of value — at a fraction of
// the cost.
// Strings with anything but plain text, quotes and backslashes, and
// records of shapes not listed below, go through encoding/json itself.

// flatField is one field of a flat record.
type flatField struct {
	index     int
	key       []byte // `"name":`
	kind      reflect.Kind
	date      bool
	omitEmpty bool
}

var (
	flatTypes sync.Map // reflect.Type → []flatField, or nil when not flat
	dateType  = reflect.TypeOf(Date{})
)

// flatFields describes t when every field is an exported string, integer,
// bool or Date with a plain json tag; nil otherwise.
func flatFields(t reflect.Type) []flatField {
	if v, ok := flatTypes.Load(t); ok {
		f, _ := v.([]flatField)
		return f
	}
	var out []flatField
	ok := t.Kind() == reflect.Struct
	for i := 0; ok && i < t.NumField(); i++ {
		sf := t.Field(i)
		tag, has := sf.Tag.Lookup("json")
		name, opts, _ := strings.Cut(tag, ",")
		if !has || !sf.IsExported() || sf.Anonymous || name == "" || name == "-" || (opts != "" && opts != "omitempty") ||
			!plainJSON(name) {
			ok = false
			break
		}
		f := flatField{index: i, key: []byte(`"` + name + `":`), kind: sf.Type.Kind(), omitEmpty: opts == "omitempty"}
		switch f.kind {
		case reflect.Struct:
			f.date = sf.Type == dateType
			ok = f.date && !f.omitEmpty
		case reflect.String, reflect.Int64, reflect.Int, reflect.Bool:
			// A named type must not marshal itself.
			for _, m := range []reflect.Type{marshalerType, textMarshalerType} {
				if sf.Type.Implements(m) || reflect.PointerTo(sf.Type).Implements(m) {
					ok = false
				}
			}
		default:
			ok = false
		}
		out = append(out, f)
	}
	if !ok {
		out = nil
	}
	flatTypes.Store(t, out)
	return out
}

var (
	marshalerType     = reflect.TypeOf((*json.Marshaler)(nil)).Elem()
	textMarshalerType = reflect.TypeOf((*interface{ MarshalText() ([]byte, error) })(nil)).Elem()
)

// marshalAudit is json.Marshal(v), faster for flat records, which it
// writes compactly: an empty text or date is left out, as if tagged
// omitempty. The log reads a key left out as the field's empty value
// (replay, AuditNames.Lines), and a bulk import's sparse records — an
// 11-column roster fills a quarter of a member's fields — would otherwise
// store every empty field's name in every audit row: the rows' bytes were
// most of the audited write's cost beyond the unaudited one. Logs written
// before keep their full images; both read the same.
func marshalAudit(v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem() // a bulk writer's record, passed without a copy
	}
	if !rv.IsValid() || rv.Kind() != reflect.Struct {
		return json.Marshal(v)
	}
	fields := flatFields(rv.Type())
	if fields == nil {
		return json.Marshal(v)
	}
	b := make([]byte, 0, flatSize(rv, fields))
	b = append(b, '{')
	first := true
	for _, f := range fields {
		fv := rv.Field(f.index)
		if (f.omitEmpty || f.kind == reflect.String || f.date) && fv.IsZero() {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, f.key...)
		switch {
		case f.date:
			// Read field by field: Interface would allocate a copy.
			d := Date{Y: int(fv.Field(0).Int()), M: time.Month(fv.Field(1).Int()), D: int(fv.Field(2).Int())}
			if d.IsZero() {
				b = append(b, "null"...)
			} else {
				b = appendJSONString(b, d.String())
			}
		case f.kind == reflect.String:
			b = appendJSONString(b, fv.String())
		case f.kind == reflect.Bool:
			b = strconv.AppendBool(b, fv.Bool())
		default:
			b = strconv.AppendInt(b, fv.Int(), 10)
		}
	}
	return append(b, '}'), nil
}

// plainJSON reports whether json.Marshal writes s between quotes as it is.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// appendJSONString appends s as json.Marshal writes it.
func appendJSONString(b []byte, s string) []byte {
	start := len(b)
	b = append(b, '"')
	run := 0 // s[run:i] is plain and not yet appended
	for i := 0; i < len(s); i++ {
		c := s[i]
		if jsonPlain[c] {
			continue
		}
		if c >= utf8.RuneSelf {
			// Multi-byte text is copied as it is when it is valid
			// UTF-8 other than U+2028 or U+2029, which json.Marshal
			// escapes: checked rune by rune in the same pass.
			r, size := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && size == 1) || r == '\u2028' || r == '\u2029' {
				return slowJSONString(b[:start], s)
			}
			i += size - 1
			continue
		}
		if c != '"' && c != '\\' {
			return slowJSONString(b[:start], s)
		}
		b = append(b, s[run:i]...)
		b = append(b, '\\', c)
		run = i + 1
	}
	b = append(b, s[run:]...)
	return append(b, '"')
}

// jsonPlain marks the ASCII bytes json.Marshal copies as they are.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

func slowJSONString(b []byte, s string) []byte {
	q, _ := json.Marshal(s)
	return append(b, q...)
}

// auditContent is json.Marshal([]any{id, at, operator, entity, recordID,
// action, before, after}) with null for an invalid before or after: what
// auditHash hashes.
func auditContent(id int64, at, operator, entity, recordID, action string, before, after sql.NullString) []byte {
	b := make([]byte, 0, 128+len(before.String)+len(before.String)/4+len(after.String)+len(after.String)/4)
	return appendAuditContent(b, id, at, operator, entity, recordID, action, before, after)
}

// appendAuditContent appends auditContent's bytes to b (a writer reuses
// one buffer for all its rows).
func appendAuditContent(b []byte, id int64, at, operator, entity, recordID, action string, before, after sql.NullString) []byte {
	b = append(b, '[')
	b = strconv.AppendInt(b, id, 10)
	for _, s := range []string{at, operator, entity, recordID, action} {
		b = append(b, ',')
		b = appendJSONString(b, s)
	}
	for _, s := range []sql.NullString{before, after} {
		b = append(b, ',')
		if s.Valid {
			b = appendJSONString(b, s.String)
		} else {
			b = append(b, "null"...)
		}
	}
	return append(b, ']')
}

// flatSize is about the compact JSON's length, so the buffer is allocated
// once and not much larger than the text it holds.
func flatSize(rv reflect.Value, fields []flatField) int {
	n := 2
	for _, f := range fields {
		switch {
		case f.date:
			n += len(f.key) + 13
		case f.kind == reflect.String:
			if l := rv.Field(f.index).Len(); l > 0 {
				n += len(f.key) + l + 3
			}
		default:
			n += len(f.key) + 21
		}
	}
	return n
}
