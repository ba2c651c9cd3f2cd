package roster

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"dangjian/data"
	"dangjian/data/sheet"
)

// cleanText trims what spreadsheets leave around a value: ordinary,
// full-width and non-breaking spaces, and the apostrophe this program's
// export puts before = + - @ (so an exported file imports back unchanged).
func cleanText(s string) string {
	if s == "" {
		return s
	}
	// Most cells need nothing done; Trim with a cutset is slow.
	if a, z := s[0], s[len(s)-1]; a > ' ' && a < 0x80 && a != '\'' && z > ' ' && z < 0x80 {
		return s
	}
	s = strings.Trim(s, " \t\r\n\u3000\u00a0\u200b\ufeff")
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		s = s[1:]
	}
	return s
}

// compact is fold without any spaces, for numbers people type with
// spaces in them ("110105 19900307 1234", "138 0013 8000").
func compact(s string) string {
	return strings.Join(strings.Fields(fold(s)), "")
}

var (
	numberRe = regexp.MustCompile(`^\d+(\.\d+)?$`)
	sciRe    = regexp.MustCompile(`(?i)^\d+(\.\d+)?e\+?\d+$`)
	timeRe   = regexp.MustCompile(`(T|\s+)\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$`)
)

// parseDate reads a date cell: an Excel serial number (what an .xlsx date
// cell holds whatever its display format), or text in any of the shapes
// data.ParseDateLoose knows, with a time of day tolerated after it. warn
// is set for values that are probably not what was meant.
func parseDate(s string, date1904 bool) (d data.Date, warn string, err error) {
	s = strings.TrimPrefix(compactKeepSep(s), "'")
	if s == "" {
		return data.Date{}, "", nil
	}
	if strings.ContainsAny(s, ":T") {
		s = timeRe.ReplaceAllString(s, "")
	}
	if sheet.IsNumber(s) {
		intPart, frac, _ := strings.Cut(s, ".")
		n, _ := strconv.Atoi(intPart)
		switch {
		case len(intPart) == 4 && n >= 1900 && n <= 2100 && frac != "":
			// 1985.07 typed into a number cell: year and month. Excel
			// drops the trailing zero of October (1985.10 → 1985.1).
			if frac == "1" {
				warn = fmt.Sprintf("“%s”按 %s 年 1 月导入；若原意是 10 月（Excel 会把 %s.10 显示成 %s.1），请改正", s, intPart, intPart, s)
			}
			d, err = data.ParseDateLoose(intPart + "-" + frac)
			return d, warn, err
		case (len(intPart) == 6 || len(intPart) == 8) && frac == "":
			d, err = data.ParseDateLoose(s) // 201007, 20100701
			return d, "", err
		case len(intPart) <= 5 && n > 2100:
			return sheet.SerialDate(n, date1904), "", nil
		}
	}
	d, err = data.ParseDateLoose(s)
	return d, "", err
}

// compactKeepSep folds full-width forms and trims, keeping inner spaces
// that may separate date parts ("2010 07 01").
func compactKeepSep(s string) string {
	return strings.TrimSpace(fold(s))
}

// parseYearMonth reads 党费交至: a month, written as a date of any shape.
func parseYearMonth(s string, date1904 bool) (string, error) {
	d, _, err := parseDate(s, date1904)
	if err != nil {
		return "", fmt.Errorf("党费交至“%s”无法识别，请写成 2026-10 的形式", cleanText(s))
	}
	return fmt.Sprintf("%04d-%02d", d.Y, int(d.M)), nil
}

// parseIDNumber tidies an ID number cell. Excel turns a long number typed
// into a General cell into 1.10105E+17 and keeps only 15 digits, so such a
// value is refused rather than guessed. A legacy 15-digit number is
// upgraded with a warning, as the rules require.
func parseIDNumber(s string) (id, warn string, err error) {
	s = strings.ToUpper(strings.TrimPrefix(compact(s), "'"))
	s = strings.TrimSuffix(s, ".0")
	if s == "" {
		return "", "", nil
	}
	if sciRe.MatchString(s) {
		return "", "", fmt.Errorf("公民身份号码“%s”已被 Excel 变成科学计数法，后几位数字已经丢失，无法恢复。"+
			"请把这一列设为“文本”格式后重新填写该号码", s)
	}
	if len(s) == 15 {
		if up, ok := data.UpgradeIDNumber15(s); ok {
			return up, fmt.Sprintf("15 位旧身份证号码 %s 已按国家标准升位为 18 位 %s，请与本人身份证核对", s, up), nil
		}
	}
	return s, "", nil
}

// parsePhone refuses phone numbers that Excel put into scientific
// notation; data.NormalizePhone does the rest.
func parsePhone(s string) (string, error) {
	s = strings.TrimSuffix(strings.TrimPrefix(compact(s), "'"), ".0")
	if sciRe.MatchString(s) {
		return "", fmt.Errorf("电话号码“%s”已被 Excel 变成科学计数法，后几位已丢失，请设为文本格式后重新填写", s)
	}
	return s, nil
}

// parseMoney reads an amount into 分 by string arithmetic: 5200.5 元 is
// 520050 分 exactly, never 520049 through a float. cents means the column
// is already in 分. Unlike data.ParseYuan, which refuses a third decimal
// typed into a form, it rounds half up: a spreadsheet cell may hold the
// float Excel computed (5200.3999999999996) rather than what was typed.
func parseMoney(s string, cents bool) (int64, error) {
	orig := cleanText(s)
	s = compact(s)
	for _, cut := range []string{"¥", "￥", "元", ",", "，", "RMB", "rmb"} {
		s = strings.ReplaceAll(s, cut, "")
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimSuffix(strings.TrimPrefix(s, "-"), ".")
	if !numberRe.MatchString(s) {
		return 0, fmt.Errorf("党费基数“%s”不是金额，请只填数字（单位：元），如 5200.50", orig)
	}
	intPart, frac, _ := strings.Cut(s, ".")
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > 10 {
		return 0, fmt.Errorf("党费基数“%s”过大，请核对", orig)
	}
	places := 2
	if cents {
		places = 0
	}
	digits := intPart + (frac + strings.Repeat("0", places+1))[:places+1]
	n, _ := strconv.ParseInt("0"+digits[:len(digits)-1], 10, 64)
	if digits[len(digits)-1] >= '5' {
		n++
	}
	if neg {
		n = -n
	}
	return n, nil
}

// splitNames splits 入党介绍人 "张三、李四" (or with ，, ; / or spaces).
func splitNames(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune("、，,；;/／\\ \u3000\t\r\n", r)
	})
}

func normSex(s string) string {
	switch compact(s) {
	case "男", "男性", "男士":
		return "男"
	case "女", "女性", "女士":
		return "女"
	}
	return s
}

func normStanding(s string) string {
	switch compact(s) {
	case "预备党员", "预备", "中共预备党员", "中国共产党预备党员":
		return data.StandingProbationary
	case "正式党员", "正式", "中共党员", "中国共产党党员", "党员":
		return data.StandingFull
	}
	return s
}

func normStatus(s string) string {
	switch compact(s) {
	case "正常", "在册", "在册党员":
		return data.StatusNormal
	case "流动", "流动党员":
		return data.StatusFloating
	}
	return s
}

func normCategory(s string) string {
	switch compact(s) {
	case "在岗", "在职", "在岗职工", "在职职工", "在职员工":
		return "在岗职工"
	case "退休", "离休", "离退休", "退休职工", "离退休人员", "退休人员":
		return "离退休"
	case "派遣", "劳务派遣", "劳务派遣工", "派遣工":
		return "劳务派遣"
	}
	return s
}

// normEthnicity completes 汉 to 汉族, as rosters often abbreviate.
func normEthnicity(s string) string {
	if !strings.HasSuffix(s, "族") && slices.Contains(data.Ethnicities, s+"族") {
		return s + "族"
	}
	return s
}
