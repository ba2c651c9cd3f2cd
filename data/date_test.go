package data

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParseDateLoose(t *testing.T) {
	cases := []struct {
		in, want string
		bad      bool
	}{
		{"", "", false},
		{"2010-07-01", "2010-07-01", false},
		{"2010.07.01", "2010-07-01", false},
		{"2010/7/1", "2010-07-01", false},
		{"2010年7月1日", "2010-07-01", false},
		{"2010年07月01号", "2010-07-01", false},
		{" 2010 - 7 - 1 ", "2010-07-01", false},
		{"２０１０．７．１", "2010-07-01", false},
		{"20100701", "2010-07-01", false},
		{"201007", "2010-07-01", false},
		{"2010-07", "2010-07-01", false},
		{"2010年7月", "2010-07-01", false},
		{"2024-02-29", "2024-02-29", false},
		{"2023-02-29", "", true},
		{"2010-13-01", "", true},
		{"10-07-01", "", true},
		{"七月一日", "", true},
		{"2010-07-01-03", "", true},
		{"1800-01-01", "", true},
		{"abc", "", true},
	}
	for _, c := range cases {
		d, err := ParseDateLoose(c.in)
		if c.bad {
			if err == nil {
				t.Errorf("%q: accepted as %v", c.in, d)
			}
			continue
		}
		if err != nil || d.String() != c.want {
			t.Errorf("%q: %v %v, want %s", c.in, d, err, c.want)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	cases := []struct {
		from   string
		months int
		want   string
	}{
		{"2024-01-31", 1, "2024-02-29"},
		{"2023-01-31", 1, "2023-02-28"},
		{"2024-02-29", 12, "2025-02-28"},
		{"2024-11-15", 3, "2025-02-15"},
		{"2024-03-31", -1, "2024-02-29"},
		{"2024-01-15", -1, "2023-12-15"},
	}
	for _, c := range cases {
		if got := MustDate(c.from).AddMonths(c.months).String(); got != c.want {
			t.Errorf("%s %+d months = %s, want %s", c.from, c.months, got, c.want)
		}
	}
	if n := YearsBetween(MustDate("2000-02-29"), MustDate("2026-02-28")); n != 25 {
		t.Errorf("years = %d", n)
	}
	if n := MustDate("2026-01-01").DaysUntil(MustDate("2026-03-01")); n != 59 {
		t.Errorf("days = %d", n)
	}
}

func TestDateJSONAndSQL(t *testing.T) {
	type rec struct {
		D Date `json:"d"`
		Z Date `json:"z"`
	}
	b, _ := json.Marshal(rec{D: MustDate("2010-07-01")})
	if string(b) != `{"d":"2010-07-01","z":null}` {
		t.Fatalf("json %s", b)
	}
	var r rec
	if err := json.Unmarshal(b, &r); err != nil || r.D != MustDate("2010-07-01") || !r.Z.IsZero() {
		t.Fatalf("round trip %+v %v", r, err)
	}
	v, _ := Date{}.Value()
	if v != nil {
		t.Errorf("zero date stored as %v", v)
	}
}

func TestIDNumber(t *testing.T) {
	today := MustDate("2026-11-27")
	cases := []struct {
		in      string
		ok      bool
		sex     string
		birth   string
		wantErr string
	}{
		{"11010519491231002X", true, "女", "1949-12-31", ""},
		{"11010519491231002x", true, "女", "1949-12-31", ""},
		{"110105194912310010", false, "", "", "校验位"},
		{"440524188001010014", false, "", "", "不存在"}, // before 1900: implausible
		{"11010519491231002", false, "", "", "18 位"},
		{"11010519491231002XX", false, "", "", "18 位"},
		{"11010519A91231002X", false, "", "", "前 17 位"},
		{"110105194902300021", false, "", "", "不存在"},
		{"110105203001010011", false, "", "", "晚于今天"},
	}
	for _, c := range cases {
		info, err := ParseIDNumber(c.in, today)
		if c.ok {
			if err != nil {
				t.Errorf("%s: %v", c.in, err)
				continue
			}
			if info.Sex != c.sex || info.Birth.String() != c.birth || info.Number[17] != c.in[17]&^0x20 {
				t.Errorf("%s: %+v", c.in, info)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.wantErr) {
			t.Errorf("%s: err %v, want %q", c.in, err, c.wantErr)
		}
	}
}
