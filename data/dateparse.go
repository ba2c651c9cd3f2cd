package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// ParseDateLoose reads a date the way people write them in forms and
// spreadsheets: 2010-07-01, 2010.07.01, 2010/7/1, 2010年7月1日, 20100701,
// and year-month only (2010-07, 2010年7月, 201007 — taken as the 1st, as
// paper records often give only the month). Full-width digits and stray
// spaces are fine. The empty string is the zero date.
func ParseDateLoose(s string) (Date, error) {
	d, _, err := ParseDateLooseMonth(s)
	return d, err
}

// ParseDateLooseMonth is ParseDateLoose that also tells whether the text
// gave only a year and month (the date is then the 1st of that month).
func ParseDateLooseMonth(s string) (d Date, monthOnly bool, err error) {
	orig := s
	s = normalizeDigits(strings.TrimSpace(s))
	if s == "" {
		return Date{}, false, nil
	}
	s = strings.TrimSuffix(s, "日")
	s = strings.TrimSuffix(s, "号")
	// Replace every separator by '-' and collapse runs.
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '-' || r == '.' || r == '/' || r == '年' || r == '月' || r == '－' || r == '．' || r == '／' || unicode.IsSpace(r):
			if str := b.String(); str != "" && !strings.HasSuffix(str, "-") {
				b.WriteByte('-')
			}
		default:
			return Date{}, false, fmt.Errorf("无法识别日期“%s”，请写成 2010-07-01 的形式", strings.TrimSpace(orig))
		}
	}
	norm := strings.TrimSuffix(b.String(), "-")
	parts := strings.Split(norm, "-")
	var y, m, day int
	switch {
	case len(parts) == 1 && len(norm) == 8:
		y, m, day = atoi(norm[:4]), atoi(norm[4:6]), atoi(norm[6:])
	case len(parts) == 1 && len(norm) == 6:
		y, m, day = atoi(norm[:4]), atoi(norm[4:]), 1
		monthOnly = true
	case len(parts) == 2:
		y, m, day = num(parts[0]), num(parts[1]), 1
		monthOnly = true
	case len(parts) == 3:
		y, m, day = num(parts[0]), num(parts[1]), num(parts[2])
	default:
		return Date{}, false, fmt.Errorf("无法识别日期“%s”，请写成 2010-07-01 的形式", strings.TrimSpace(orig))
	}
	if y < 100 && len(parts) >= 2 && len(parts[0]) == 2 {
		return Date{}, false, fmt.Errorf("日期“%s”的年份请写满四位", strings.TrimSpace(orig))
	}
	dt := Date{y, time.Month(m), day}
	if !dt.Valid() {
		return Date{}, false, fmt.Errorf("日期“%s”不存在", strings.TrimSpace(orig))
	}
	if y < 1900 {
		return Date{}, false, fmt.Errorf("日期“%s”早于 1900 年，请核对年份", strings.TrimSpace(orig))
	}
	return dt, monthOnly, nil
}

func num(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// normalizeDigits turns full-width digits and letters into ASCII.
func normalizeDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r >= 'Ａ' && r <= 'Ｚ':
			return 'A' + (r - 'Ａ')
		case r >= 'ａ' && r <= 'ｚ':
			return 'a' + (r - 'ａ')
		case r == '\u3000':
			return ' '
		}
		return r
	}, s)
}
