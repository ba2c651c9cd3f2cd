package data

import (
	"fmt"
	"strconv"
	"strings"
)

// Money is kept in integer 分. These convert to and from the 元 amounts
// people type and read, with string arithmetic so 0.1 + 0.2 never happens.

// FormatYuan writes 分 as 元 with two decimals: 450000 → "4500.00".
func FormatYuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s%d.%02d", sign, fen/100, fen%100)
}

// ParseYuan reads an amount in 元 ("4500", "4,500.5", "４５００．００",
// "4500元") into 分. More than two decimals is an error, not a rounding.
func ParseYuan(s string) (int64, error) {
	orig := s
	s = normalizeDigits(strings.TrimSpace(s))
	s = strings.NewReplacer(",", "", "，", "", "．", ".", "元", "", " ", "", "¥", "", "￥", "").Replace(s)
	if s == "" {
		return 0, nil
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" {
		whole = "0"
	}
	if hasDot && (len(frac) == 0 || len(frac) > 2) {
		return 0, fmt.Errorf("金额“%s”格式不正确：最多两位小数", strings.TrimSpace(orig))
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err1 := strconv.ParseInt(whole, 10, 64)
	f, err2 := strconv.ParseInt(frac, 10, 64)
	if err1 != nil || err2 != nil || w > 1e12 {
		return 0, fmt.Errorf("金额“%s”不是有效的数字", strings.TrimSpace(orig))
	}
	v := w*100 + f
	if neg {
		v = -v
	}
	return v, nil
}
