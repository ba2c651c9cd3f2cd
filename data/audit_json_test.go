package data

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// jsonNasty are strings that take every path of appendJSONString.
var jsonNasty = []string{"", "张三", "plain ascii", `"quoted" and \back\slash`, "a & b < c > d", "line\nbreak\r\ttab",
	"\x00\x01\x1f control", "\u2028 line sep \u2029", "bad utf8 \xff\xfe here", "emoji 😀", "\u3000全角", "\x7f del",
	`{"name":"张三","remarks":"\u003c"}`, "_x000D_", "'apos'", "中文\"混合\\", "张三\xff", "张\u2029三", "\"张\"\u2028",
	"\xe5\xbc", "张\xe5"}

// TestAuditJSONIsEncodingJSON: the audit rows' JSON and the hashed
// content are byte for byte what encoding/json writes — for a flat record,
// with its empty texts and dates left out — for records with every kind
// of value and for records the fast path does not take.
func TestAuditJSONIsEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	str := func() string { return jsonNasty[rng.IntN(len(jsonNasty))] }
	date := func() Date {
		if rng.IntN(3) == 0 {
			return Date{}
		}
		return MustDate("1990-01-02").AddDays(rng.IntN(20000))
	}
	for i := 0; i < 300; i++ {
		var m Member
		v := reflect.ValueOf(&m).Elem()
		for f := 0; f < v.NumField(); f++ {
			switch fv := v.Field(f); fv.Kind() {
			case reflect.String:
				fv.SetString(str())
			case reflect.Int64, reflect.Int:
				fv.SetInt([]int64{0, 1, -7, 1 << 40, -1 << 62}[rng.IntN(5)])
			case reflect.Bool:
				fv.SetBool(rng.IntN(2) == 0)
			default:
				fv.Set(reflect.ValueOf(date()))
			}
		}
		u := OrgUnit{ID: int64(i), ParentID: int64(rng.IntN(2)), Level: LevelBranch, FullName: str(), Founded: date(), TermYears: rng.IntN(2) * 3}
		for _, rec := range []any{m, &m, u, map[string]any{"deleted": true}, []int{1}, nil, struct {
			A []string `json:"a"`
		}{[]string{str()}}} {
			want, err := json.Marshal(rec)
			if err != nil {
				t.Fatal(err)
			}
			if rv := reflect.Indirect(reflect.ValueOf(rec)); rv.IsValid() && rv.Kind() == reflect.Struct && flatFields(rv.Type()) != nil {
				want = withoutEmpty(t, want)
			}
			got, err := marshalAudit(rec)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("%T:\nfast %s\njson %s (%v)", rec, got, want, err)
			}
		}
		if flatFields(reflect.TypeOf(m)) == nil || flatFields(reflect.TypeOf(u)) == nil {
			t.Fatal("Member and OrgUnit should take the fast path")
		}
		after, _ := jsonOrNull(m)
		before := sql.NullString{String: str(), Valid: rng.IntN(2) == 0}
		args := []string{str(), str(), str(), str(), str()}
		want, _ := json.Marshal([]any{int64(i) * 977, args[0], args[1], args[2], args[3], args[4], nullAny(before), nullAny(after)})
		got := auditContent(int64(i)*977, args[0], args[1], args[2], args[3], args[4], before, after)
		if !bytes.Equal(got, want) {
			t.Fatalf("content:\nfast %s\njson %s", got, want)
		}
		h := sha256.New()
		h.Write([]byte(genesisHash))
		h.Write(want)
		if auditHash(genesisHash, int64(i)*977, args[0], args[1], args[2], args[3], args[4], before, after) != hex.EncodeToString(h.Sum(nil)) {
			t.Fatal("auditHash differs from the hash of encoding/json's content")
		}
	}
}

// withoutEmpty is a JSON object with its "" and null members left out,
// every other byte as it was.
func withoutEmpty(t *testing.T, js []byte) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(js))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", js)
	}
	out := []byte{'{'}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			t.Fatal(err)
		}
		if string(raw) == `""` || string(raw) == "null" {
			continue
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		key, _ := json.Marshal(tok.(string))
		out = append(append(append(out, key...), ':'), raw...)
	}
	return append(out, '}')
}

func nullAny(s sql.NullString) any {
	if !s.Valid {
		return nil
	}
	return s.String
}

// TestDateStringIsSprintf: the fast Date.String writes what Sprintf did,
// inside its range and out of it.
func TestDateStringIsSprintf(t *testing.T) {
	for _, d := range []Date{{1, 1, 1}, {999, 12, 31}, {1949, 10, 1}, {2026, 12, 4}, {9999, 12, 31}, {10000, 1, 1},
		{-5, 3, 4}, {2020, 2, 30}, {2020, 13, 1}, {2020, 0, 5}, {2020, 5, 0}, {2020, 5, 100}} {
		if got, want := d.String(), fmt.Sprintf("%04d-%02d-%02d", d.Y, int(d.M), d.D); got != want {
			t.Errorf("%#v: %q, want %q", d, got, want)
		}
	}
}
