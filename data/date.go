package data

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date with no time of day and no time zone. Party records
// speak in dates (入党 2010-07-01), and a time.Time would shift them by a day
// the moment anyone formats them in another zone.
type Date struct {
	Y int
	M time.Month
	D int
}

// NewDate builds a Date; it does not normalise (use Valid to check).
func NewDate(y int, m time.Month, d int) Date { return Date{y, m, d} }

// DateOf takes the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Today is the local calendar date.
func Today() Date { return DateOf(time.Now()) }

// IsZero reports an unset date.
func (d Date) IsZero() bool { return d.Y == 0 && d.M == 0 && d.D == 0 }

// Valid reports whether d names a real day of the Gregorian calendar.
func (d Date) Valid() bool {
	if d.Y < 1 || d.Y > 9999 || d.M < 1 || d.M > 12 || d.D < 1 {
		return false
	}
	return d.D <= daysIn(d.Y, d.M)
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func (d Date) t() time.Time { return time.Date(d.Y, d.M, d.D, 0, 0, 0, 0, time.UTC) }

// String formats as YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if d.Y >= 0 && d.Y <= 9999 && d.M >= 1 && d.M <= 12 && d.D >= 0 && d.D <= 99 {
		// What Sprintf below writes, without its cost: every stored
		// date goes through here (an import of 100,000 rows binds
		// 700,000 of them).
		m, y := int(d.M), d.Y
		b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
			byte('0' + m/10), byte('0' + m%10), '-', byte('0' + d.D/10), byte('0' + d.D%10)}
		return string(b[:])
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Y, int(d.M), d.D)
}

// Chinese formats as 2010年7月1日, the way printed forms write dates.
func (d Date) Chinese() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Y, int(d.M), d.D)
}

// Before reports d < e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports d > e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or 1.
func (d Date) Compare(e Date) int {
	switch {
	case d.Y != e.Y:
		return cmpInt(d.Y, e.Y)
	case d.M != e.M:
		return cmpInt(int(d.M), int(e.M))
	default:
		return cmpInt(d.D, e.D)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// AddDays moves by n days.
func (d Date) AddDays(n int) Date { return DateOf(d.t().AddDate(0, 0, n)) }

// AddMonths moves by n calendar months, clamping to the month's last day
// (2024-01-31 + 1 month = 2024-02-29), which is how terms and deadlines are
// counted on paper; time.AddDate would roll over into March.
func (d Date) AddMonths(n int) Date {
	total := d.Y*12 + int(d.M) - 1 + n
	y, m := total/12, time.Month(total%12+1)
	day := d.D
	if dim := daysIn(y, m); day > dim {
		day = dim
	}
	return Date{y, m, day}
}

// AddYears moves by n years, clamping 02-29 to 02-28.
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * n) }

// DaysUntil counts days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int {
	return int(e.t().Sub(d.t()).Hours() / 24)
}

// YearsBetween counts whole years from d to e (age, 党龄).
func YearsBetween(from, to Date) int {
	n := to.Y - from.Y
	if to.M < from.M || (to.M == from.M && to.D < from.D) {
		n--
	}
	return n
}

// ParseDate reads YYYY-MM-DD; the empty string is the zero date.
func ParseDate(s string) (Date, error) {
	// The stored form YYYY-MM-DD without allocating (dates are read by the
	// ten thousand); anything else the general way below.
	if y, md, ok := statYMD(s); ok {
		if d := (Date{y, time.Month(md / 100), md % 100}); d.Valid() {
			return d, nil
		}
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	parts := strings.Split(s, "-")
	if len(parts) != 3 {
		return Date{}, fmt.Errorf("日期“%s”格式应为 年-月-日，例如 2010-07-01", s)
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return Date{}, fmt.Errorf("日期“%s”格式应为 年-月-日，例如 2010-07-01", s)
		}
		n[i] = v
	}
	d := Date{n[0], time.Month(n[1]), n[2]}
	if !d.Valid() {
		return Date{}, fmt.Errorf("日期“%s”不存在", s)
	}
	return d, nil
}

// MustDate is ParseDate for literals in tests and seed data.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Value stores a date as TEXT YYYY-MM-DD, or NULL when unset.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads TEXT or NULL.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case string:
		p, err := ParseDate(v)
		*d = p
		return err
	case []byte:
		p, err := ParseDate(string(v))
		*d = p
		return err
	case time.Time:
		*d = DateOf(v)
		return nil
	}
	return fmt.Errorf("cannot scan %T into Date", src)
}

// MarshalJSON writes "YYYY-MM-DD" or null.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	p, err := ParseDate(s)
	*d = p
	return err
}
