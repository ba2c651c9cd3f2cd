package workplan

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"dangjian/data"
	"dangjian/data/sheet"
)

// clean trims what spreadsheets leave around a value, and the apostrophe
// this program's exports put before = + - @.
func clean(s string) string {
	s = strings.Trim(s, " \t\r\n\u3000\u00a0\u200b\ufeff")
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@", rune(s[1])) {
		s = s[1:]
	}
	return s
}

// compact is fold without any spaces.
func compact(s string) string {
	return strings.Join(strings.Fields(sheet.Fold(clean(s))), "")
}

var (
	// numberingRe is the numbering plans put before aspects and tasks:
	// 一、 （一） (1) 1. 1、 1．
	numberingRe = regexp.MustCompile(`^\s*(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,3}\s*[、.．)）])\s*`)
	// pointsNoteRe is a trailing (20分) after an aspect.
	pointsNoteRe = regexp.MustCompile(`\s*[（(]\s*(?:共|计)?\s*\d+(?:\.\d+)?\s*分\s*[)）]$`)
)

// stripNumbering removes a leading 一、 or 1. — but not the 1 of "1.5万".
func stripNumbering(s string) string {
	loc := numberingRe.FindStringIndex(s)
	if loc == nil {
		return s
	}
	rest := s[loc[1]:]
	if r := []rune(strings.TrimSpace(s[:loc[1]])); len(r) > 0 && (r[len(r)-1] == '.' || r[len(r)-1] == '．') {
		if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return s
		}
	}
	if rest == "" {
		return s
	}
	return rest
}

// normAspect is an aspect as it is kept: 一、政治建设（20分） → 政治建设.
func normAspect(s string) string {
	s = clean(s)
	s = strings.TrimSpace(pointsNoteRe.ReplaceAllString(stripNumbering(s), ""))
	return clean(s)
}

// normTitle is a task title without its list numbering.
func normTitle(s string) string {
	return clean(stripNumbering(clean(s)))
}

// footerRe recognises the lines under a plan: totals, signatures, notes.
var footerRe = regexp.MustCompile(`^(合计|总计|小计|共计|填表人|填报人|制表人|制表|审核人|审批人|负责人|` +
	`填表日期|填报日期|制表日期|报送日期|填报单位|说明[:：]|注[:：\d一二三、.]|以下空白|以下无|此页无正文)`)

func isFooter(s string) bool {
	return s != "" && footerRe.MatchString(compact(s))
}

// ---- 完成时限 ----

var cnDigits = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
	"十一": 11, "十二": 12, "两": 2}

// monthNumber reads 6, 06, 六, 十二.
func monthNumber(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 1 && n <= 12
	}
	n, ok := cnDigits[s]
	return n, ok && n <= 12
}

var (
	yearPrefixRe = regexp.MustCompile(`^(\d{4})\s*年(?:度)?`)
	monthRe      = regexp.MustCompile(`^(\d{1,2}|十[一二]?|[一二三四五六七八九])月份?(底|末|中旬|上旬|下旬|初|中)?$`)
	monthDayRe   = regexp.MustCompile(`^(\d{1,2}|十[一二]?|[一二三四五六七八九])月(\d{1,2})[日号]?$`)
	quarterRe    = regexp.MustCompile(`^(?:第)?([一二三四1-4])季度?(末|底|内)?$|^q([1-4])$`)
	halfRe       = regexp.MustCompile(`^(上|下)半年(末|底|内)?$`)
	// digitRuns finds the numbers of a date.
	digitRuns = regexp.MustCompile(`\d+`)
)

// yearEndWords all mean "by the end of the year".
var yearEndWords = map[string]string{
	"": "年底", "底": "年底", "末": "年底", "终": "年底", "内": "年内", "年底": "年底", "年末": "年底", "年终": "年底",
	"全年": "全年", "年内": "年内", "本年": "年内", "本年度": "年内", "年度内": "年内", "当年": "年内", "本年内": "年内",
	"年度": "年内", "度": "年内",
	"长期": "长期", "长期坚持": "长期", "持续": "持续", "持续推进": "持续", "持续开展": "持续", "常态化": "常态化",
	"常态化开展": "常态化", "常年": "常年", "经常性": "经常性", "随时": "随时", "每月": "每月", "每季度": "每季度",
	"按月": "每月", "按季度": "每季度", "每半年": "每半年", "按年度": "年内",
}

// parseDue reads 完成时限: an Excel serial date, a date in any shape
// data.ParseDateLoose knows, or a deadline as people write it — 6月底,
// 2026年6月底, 6月30日, 第二季度末, 上半年, 年底, 长期坚持 — resolved to the
// last day of that month, quarter, half or year of the plan's year. warn
// says what was inferred.
func parseDue(raw string, year int, date1904 bool) (d data.Date, warn string, err error) {
	orig := clean(raw)
	s := compact(orig)
	if s == "" {
		return d, "", fmt.Errorf("未填写完成时限")
	}
	inferred := func(d data.Date, how string) (data.Date, string, error) {
		if !d.Valid() {
			return data.Date{}, "", fmt.Errorf("完成时限“%s”不是有效的日期", orig)
		}
		return d, fmt.Sprintf("完成时限“%s”%s按 %s 导入", orig, how, d.Chinese()), nil
	}
	// An Excel serial (a date cell), possibly with a time of day.
	if sheet.IsNumber(s) {
		intPart, _, _ := strings.Cut(s, ".")
		n, _ := strconv.Atoi(intPart)
		switch {
		case len(intPart) == 8:
			d, err = data.ParseDateLoose(intPart)
			return d, "", err
		case len(intPart) == 6:
			if d, err = data.ParseDateLoose(intPart); err != nil {
				return d, "", err
			}
			return inferred(monthEnd(d.Y, int(d.M)), "只写到月份，")
		case len(intPart) == 4 && n >= 1900 && n <= 2100 && !strings.Contains(s, "."):
			return inferred(monthEnd(n, 12), "只写了年份，")
		case len(intPart) <= 5 && n > 2100:
			return sheet.SerialDate(n, date1904), "", nil
		}
		return d, "", fmt.Errorf("完成时限“%s”不是日期，请写成 2026-06-30、6月底、第二季度末或年底的形式", orig)
	}
	// "… 前", "… 完成": the deadline itself is what matters.
	for changed := true; changed; {
		changed = false
		for _, suf := range []string{"完成", "之前", "以前", "前", "为止", "止"} {
			if strings.HasSuffix(s, suf) && len(s) > len(suf) {
				s, changed = strings.TrimSuffix(s, suf), true
			}
		}
	}
	// A span (3月至6月, 2026年3月—6月): its end.
	span := false
	for _, sep := range []string{"至", "到", "—", "–", "~"} {
		if i := strings.LastIndex(s, sep); i > 0 {
			first, last := s[:i], s[i+len(sep):]
			if m := yearPrefixRe.FindStringSubmatch(first); m != nil && !yearPrefixRe.MatchString(last) {
				last = m[0] + last
			}
			s, span = last, true
			break
		}
	}
	if !span && strings.Contains(s, "-") && strings.ContainsAny(s, "月季年") {
		if i := strings.LastIndex(s, "-"); i > 0 {
			first, last := s[:i], s[i+1:]
			if m := yearPrefixRe.FindStringSubmatch(first); m != nil && !yearPrefixRe.MatchString(last) {
				last = m[0] + last
			}
			s, span = last, true
		}
	}
	how := ""
	if span {
		how = "取结束时间，"
	}
	// A whole date: no inference unless it stops at the month.
	if !strings.ContainsAny(s, "底末旬初中季半内终度") && !strings.HasSuffix(s, "份") {
		pd, perr := data.ParseDateLoose(s)
		if perr != nil && numericDate(s) {
			return data.Date{}, "", fmt.Errorf("完成时限：%s", perr.Error())
		}
		if perr == nil {
			runs := digitRuns.FindAllString(s, -1)
			if len(runs) >= 3 || (len(runs) == 1 && len(runs[0]) == 8) {
				if span {
					return inferred(pd, how)
				}
				return pd, "", nil
			}
			return inferred(monthEnd(pd.Y, int(pd.M)), how+"只写到月份，")
		}
	}
	y, rest := year, s
	if m := yearPrefixRe.FindStringSubmatch(s); m != nil {
		y, _ = strconv.Atoi(m[1])
		rest = s[len(m[0]):]
	}
	switch {
	case monthRe.MatchString(rest):
		m := monthRe.FindStringSubmatch(rest)
		mo, ok := monthNumber(m[1])
		if !ok {
			return data.Date{}, "", fmt.Errorf("完成时限“%s”中的月份不存在", orig)
		}
		switch m[2] {
		case "上旬", "初":
			return inferred(data.NewDate(y, time.Month(mo), 10), how)
		case "中旬", "中":
			return inferred(data.NewDate(y, time.Month(mo), 20), how)
		}
		return inferred(monthEnd(y, mo), how)
	case monthDayRe.MatchString(rest):
		m := monthDayRe.FindStringSubmatch(rest)
		mo, ok := monthNumber(m[1])
		if !ok {
			return data.Date{}, "", fmt.Errorf("完成时限“%s”中的月份不存在", orig)
		}
		day, _ := strconv.Atoi(m[2])
		d := data.NewDate(y, time.Month(mo), day)
		if rest == s {
			return inferred(d, how+"未写年份，")
		}
		if span {
			return inferred(d, how)
		}
		if !d.Valid() {
			return data.Date{}, "", fmt.Errorf("完成时限“%s”不是有效的日期", orig)
		}
		return d, "", nil
	case quarterRe.MatchString(strings.ToLower(rest)):
		m := quarterRe.FindStringSubmatch(strings.ToLower(rest))
		q := m[1] + m[3]
		n, ok := cnDigits[q]
		if !ok {
			n, _ = strconv.Atoi(q)
		}
		return inferred(monthEnd(y, 3*n), how)
	case rest == "年中":
		return inferred(monthEnd(y, 6), how)
	case halfRe.MatchString(rest):
		if strings.HasPrefix(rest, "上") {
			return inferred(monthEnd(y, 6), how)
		}
		return inferred(monthEnd(y, 12), how)
	}
	if word, ok := yearEndWords[rest]; ok {
		note := how
		switch word {
		case "长期", "持续", "常态化", "常年", "经常性", "随时", "每月", "每季度", "每半年":
			note += "是经常性工作，"
		}
		return inferred(monthEnd(y, 12), note)
	}
	return data.Date{}, "", fmt.Errorf("完成时限“%s”无法识别，请写成 2026-06-30、6月底、第二季度末或年底的形式", orig)
}

func monthEnd(y, m int) data.Date {
	return data.NewDate(y, time.Month(m), 1).AddMonths(1).AddDays(-1)
}

// ---- 责任支部 ----

// allWords mean every branch.
var allWords = map[string]bool{"全部": true, "全部支部": true, "全部党支部": true, "各支部": true, "各党支部": true,
	"各基层党支部": true, "各基层支部": true, "所有支部": true, "所有党支部": true, "全体支部": true, "全体党支部": true,
	"各支部委员会": true, "各党支部委员会": true, "全体": true, "各单位": true, "各基层党组织": true}

var (
	bracketRe   = regexp.MustCompile(`[（(【\[][^（(【\[）)】\]]*[）)】\]]`)
	branchSepRe = regexp.MustCompile(`[、，,；;/／\s]+`)
)

// splitBranches reads a 责任支部 cell: names separated by 、，; spaces or
// line breaks, notes in brackets dropped (机关党支部（牵头）); all is set
// when it says every branch (全部, 各支部, 各党支部 …).
func splitBranches(cell string) (names []string, all bool) {
	s := bracketRe.ReplaceAllString(clean(cell), " ")
	seen := map[string]bool{}
	for _, part := range branchSepRe.Split(s, -1) {
		part = clean(part)
		if part == "" {
			continue
		}
		key := compact(part)
		if allWords[key] {
			all = true
			continue
		}
		if !seen[key] {
			seen[key] = true
			names = append(names, part)
		}
	}
	return names, all
}

// ---- 分值, 提醒天数 ----

// parsePoints reads 分值 as data.ParsePoints does, and the floats a
// formula leaves (2.4999999999 is 2.5).
func parsePoints(raw string) (data.Points, error) {
	p, err := data.ParsePoints(raw)
	if err == nil {
		return p, nil
	}
	s := strings.TrimSpace(strings.TrimSuffix(compact(raw), "分"))
	if v, ferr := strconv.ParseFloat(s, 64); ferr == nil && v >= 0 && v <= 100 {
		if t := math.Round(v * 10); math.Abs(v*10-t) < 1e-6 {
			return data.Points(t), nil
		}
	}
	return 0, err
}

func parseRemind(raw string) (int, error) {
	s := strings.TrimSuffix(strings.TrimSuffix(compact(raw), "天"), "日")
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 90 {
		return 0, fmt.Errorf("提前提醒天数“%s”应为 0 至 90 之间的整数", clean(raw))
	}
	return n, nil
}

// numericDate reports a date written with numbers only (2026-02-30,
// 2026年2月30日): year, month and day, whatever the separators.
func numericDate(s string) bool {
	if len(digitRuns.FindAllString(s, -1)) < 3 {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) && !strings.ContainsRune("-./年月日号 ", r) {
			return false
		}
	}
	return true
}
