package data

import (
	"regexp"
	"strings"
)

var (
	mobileRe   = regexp.MustCompile(`^1[3-9]\d{9}$`)
	landlineRe = regexp.MustCompile(`^0\d{2,3}-?\d{7,8}(-\d{1,6})?$`)
)

// NormalizePhone trims spaces and turns full-width digits and dashes into
// ASCII, the shapes people type or paste from Word.
func NormalizePhone(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '０' && r <= '９':
			b.WriteRune('0' + (r - '０'))
		case r == '－' || r == '—' || r == '–':
			b.WriteRune('-')
		case r == ' ' || r == '\u3000':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ValidPhone accepts a mobile number (11 digits starting 13–19) or a
// landline with area code (0571-87654321, optional extension).
func ValidPhone(s string) bool {
	return mobileRe.MatchString(s) || landlineRe.MatchString(s)
}

// checkPhone records an error on field when a non-empty phone is malformed.
func checkPhone(is *Issues, field, phone string) {
	if phone != "" && !ValidPhone(phone) {
		is.Err(field, "电话号码“%s”格式不正确：手机为 11 位数字，固定电话须带区号，如 0571-87654321", phone)
	}
}

// checkPastDate records an error when d is set but invalid or after today.
func checkPastDate(is *Issues, field, label string, d, today Date) {
	if d.IsZero() {
		return
	}
	if !d.Valid() {
		is.Err(field, "%s不是有效日期", label)
	} else if d.After(today) {
		is.Err(field, "%s（%s）不能晚于今天", label, d.Chinese())
	}
}

func runeLen(s string) int { return len([]rune(s)) }
