package minutes

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"dangjian/data"
	"dangjian/data/sheet"
)

// kindWords maps what ledgers write to the meeting kinds, most specific
// first (支部委员会 before 支部, 党小组会 before 小组).
var kindWords = []struct{ word, kind string }{
	{"民主评议", data.KindAppraisal},
	{"组织生活会", data.KindLifeMeeting},
	{"主题党日", data.KindThemeDay},
	{"党日活动", data.KindThemeDay},
	{"党日", data.KindThemeDay},
	{"党课", data.KindLesson},
	{"支部委员会", data.KindCommittee},
	{"支委会", data.KindCommittee},
	{"支委扩大会", data.KindCommittee},
	{"支委会议", data.KindCommittee},
	{"支委", data.KindCommittee},
	{"党小组", data.KindGroupMeeting},
	{"小组会", data.KindGroupMeeting},
	{"党员大会", data.KindGeneralMeeting},
	{"支部大会", data.KindGeneralMeeting},
	{"党员会", data.KindGeneralMeeting},
}

// normKind reads 会议类型. Text naming no kind becomes 其他 with a warning;
// text naming two (支部党员大会暨党课) takes the first named, with a warning.
func normKind(raw string) (kind, warn string) {
	s := strings.Join(strings.Fields(sheet.Fold(raw)), "")
	if s == "" {
		return "", ""
	}
	for _, k := range data.MeetingKinds {
		if s == k {
			return k, ""
		}
	}
	at, found := len(s)+1, ""
	var named []string
	for _, w := range kindWords {
		i := strings.Index(s, w.word)
		if i < 0 {
			continue
		}
		dup := false
		for _, n := range named {
			dup = dup || n == w.kind
		}
		if !dup {
			named = append(named, w.kind)
		}
		if i < at {
			at, found = i, w.kind
		}
	}
	switch {
	case found == "":
		return data.KindOther, fmt.Sprintf("会议类型“%s”不是三会一课或组织生活的会议，按“其他”导入", clean(raw))
	case len(named) > 1:
		return found, fmt.Sprintf("“%s”同时是%s，一条记录只能算一种会议，按“%s”导入；如需两种都计入，请导入后另建一条", clean(raw),
			strings.Join(named, "和"), found)
	}
	return found, ""
}

// normForm reads 会议形式.
func normForm(raw string) string {
	s := sheet.Fold(raw)
	switch {
	case s == "":
		return ""
	case strings.Contains(s, "结合") || (strings.Contains(s, "线上") && strings.Contains(s, "线下")):
		return "线上线下结合"
	case strings.Contains(s, "视频") || strings.Contains(s, "线上") || strings.Contains(s, "网络") ||
		strings.Contains(s, "腾讯") || strings.Contains(s, "钉钉") || strings.Contains(s, "远程") || strings.Contains(s, "云"):
		return "视频会议"
	}
	return "线下"
}

// approvedStatus reads a 审核状态 cell: minutes the ledger marks as drafts
// or not yet reviewed stay drafts; anything else (已审核, 已归档, blank) is
// taken as filed.
func approvedStatus(raw string) bool {
	s := clean(raw)
	for _, w := range []string{"草稿", "未", "待", "退回", "暂存"} {
		if strings.Contains(s, w) {
			return false
		}
	}
	return true
}

var (
	// A date at the start of 会议时间: 2024-03-12, 2024.3.12, 2024/3/12,
	// 2024年3月12日, with the time of day after it.
	dateRe  = regexp.MustCompile(`^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*[日号]?`)
	date8Re = regexp.MustCompile(`^(\d{8})(?:\D|$)`)
	monthRe = regexp.MustCompile(`^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$`)
	// A weekday after the date: （星期二）, 周二, 星期日.
	weekdayRe = regexp.MustCompile(`^[（(]?\s*(星期|周|礼拜)[一二三四五六日天]\s*[）)]?`)
	// A time of day: 14:30, 14：30:00, 下午2:30, 下午2时30分, 2点半, 9时.
	clockRe = regexp.MustCompile(`(上午|下午|中午|晚上|早上|傍晚|凌晨|早晨|午后|晚)?\s*(\d{1,2})\s*(?:[:：]\s*(\d{2})(?:\s*[:：]\s*\d{2}(?:\.\d+)?)?|[时点]\s*(?:(\d{1,2})\s*分?|(半))?)`)
)

// parseWhen reads 会议时间: an Excel serial date (with a fraction for the
// time of day), or text with the date first and optionally a time or a
// span (2024-03-12 14:30, 2024年3月12日下午2:30-4:00). The date is read by
// data.ParseDateLoose, the time separately. warn notes what was not taken.
func parseWhen(raw string, date1904 bool) (d data.Date, start, end, warn string, err error) {
	s := strings.TrimPrefix(strings.TrimSpace(sheet.Fold(raw)), "'")
	if s == "" {
		return d, "", "", "", nil
	}
	if sheet.IsNumber(s) {
		intPart, frac, _ := strings.Cut(s, ".")
		n, _ := strconv.Atoi(intPart)
		switch {
		case len(intPart) == 8 && frac == "":
			d, err = data.ParseDateLoose(s)
			return d, "", "", "", err
		case len(intPart) <= 5 && n > 2100:
			d = sheet.SerialDate(n, date1904)
			if frac != "" {
				start = clockOfFraction(s)
			}
			return d, start, "", "", nil
		}
	}
	s = strings.Replace(s, "T", " ", 1)
	var datePart, rest string
	switch m := dateRe.FindStringSubmatch(s); {
	case m != nil:
		datePart, rest = m[1]+"-"+m[2]+"-"+m[3], s[len(m[0]):]
	case date8Re.MatchString(s):
		datePart, rest = s[:8], s[8:]
	case monthRe.MatchString(s):
		d, err = data.ParseDateLoose(s)
		if err == nil {
			warn = fmt.Sprintf("会议时间“%s”只写了年月，按当月 1 日导入，请核对", clean(raw))
		}
		return d, "", "", warn, err
	default:
		d, err = data.ParseDateLoose(s)
		if err != nil {
			err = fmt.Errorf("无法识别会议时间“%s”，请写成 2024-03-12 或 2024-03-12 14:30 的形式", clean(raw))
		}
		return d, "", "", "", err
	}
	if d, err = data.ParseDateLoose(datePart); err != nil {
		return d, "", "", "", err
	}
	rest = strings.TrimSpace(rest)
	rest = strings.TrimSpace(weekdayRe.ReplaceAllString(rest, ""))
	if rest == "" {
		return d, "", "", "", nil
	}
	start, end, ok := parseClock(rest)
	if !ok {
		warn = fmt.Sprintf("会议时间中的“%s”无法识别为时刻，只导入了日期", rest)
	}
	return d, start, end, warn, nil
}

// parseClock reads a time of day or a span of two ("14:30-16:00",
// "下午2点半至4点"). The part of day of the first applies to the second when
// it has none.
func parseClock(s string) (start, end string, ok bool) {
	s = strings.TrimSpace(sheet.Fold(s))
	if s == "" {
		return "", "", true
	}
	if sheet.IsNumber(s) && strings.HasPrefix(s, "0.") {
		return clockOfFraction(s), "", true // a time cell: a fraction of a day
	}
	ms := clockRe.FindAllStringSubmatch(s, 2)
	if len(ms) == 0 {
		return "", "", false
	}
	part := ""
	var mins []int
	for i, m := range ms {
		if m[1] != "" {
			part = m[1]
		} else if i == 0 {
			part = ""
		}
		h, _ := strconv.Atoi(m[2])
		mi := 0
		switch {
		case m[3] != "":
			mi, _ = strconv.Atoi(m[3])
		case m[4] != "":
			mi, _ = strconv.Atoi(m[4])
		case m[5] != "":
			mi = 30
		}
		switch part {
		case "下午", "晚上", "傍晚", "午后", "晚":
			if h < 12 {
				h += 12
			}
		case "中午":
			if h < 6 {
				h += 12
			}
		case "凌晨", "上午", "早上", "早晨":
			if h == 12 {
				h = 0
			}
		}
		if h > 23 || mi > 59 {
			return "", "", false
		}
		t := h*60 + mi
		if i == 1 && t <= mins[0] && h < 12 && t+720 > mins[0] {
			t += 720 // 2:30-4:30 in the afternoon
		}
		mins = append(mins, t)
	}
	start = fmt.Sprintf("%02d:%02d", mins[0]/60, mins[0]%60)
	if len(mins) > 1 && mins[1] > mins[0] {
		end = fmt.Sprintf("%02d:%02d", mins[1]/60, mins[1]%60)
	}
	return start, end, true
}

// clockOfFraction is the time of day of a serial date-time's fraction,
// to the nearest minute; "" at midnight.
func clockOfFraction(s string) string {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return ""
	}
	_, frac := math.Modf(f)
	m := int(math.Round(frac * 24 * 60))
	if m <= 0 || m >= 24*60 {
		return ""
	}
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// noneWords mean "nobody" in a 请假 or 缺席 cell.
var noneWords = map[string]bool{"无": true, "没有": true, "/": true, "-": true, "—": true, "——": true, "0": true,
	"无人": true, "全到": true, "全部出席": true, "全体出席": true, "无请假": true, "无缺席": true, "空": true, "\\": true}

// parseCount reads 应到/实到人数: 9, 9人, 9.0, ９名. Blank is 0 (unknown).
func parseCount(raw string) (int, error) {
	s := strings.Join(strings.Fields(sheet.Fold(raw)), "")
	if noneWords[s] {
		return 0, nil
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "人"), "名")
	s = strings.TrimPrefix(s, "共")
	s = strings.TrimSuffix(s, ".0")
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		if c, ok := chineseNumber(s); ok {
			return c, nil
		}
		return 0, fmt.Errorf("“%s”不是人数，请填写数字", clean(raw))
	}
	if n < 0 || n > 10000 {
		return 0, fmt.Errorf("人数“%s”不合理，请核对", clean(raw))
	}
	return n, nil
}

// chineseNumber reads small numbers written in characters: 三, 十二, 两.
func chineseNumber(s string) (int, bool) {
	digits := map[rune]int{'零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	r := []rune(s)
	switch {
	case len(r) == 1 && r[0] == '十':
		return 10, true
	case len(r) == 1:
		n, ok := digits[r[0]]
		return n, ok
	case len(r) == 2 && r[0] == '十':
		n, ok := digits[r[1]]
		return 10 + n, ok
	case len(r) == 2 && r[1] == '十':
		n, ok := digits[r[0]]
		return 10 * n, ok
	case len(r) == 3 && r[1] == '十':
		a, ok1 := digits[r[0]]
		b, ok2 := digits[r[2]]
		return 10*a + b, ok1 && ok2
	}
	return 0, false
}

var (
	bracketRe   = regexp.MustCompile(`[（(【\[][^）)】\]]*[）)】\]]`)
	etcRe       = regexp.MustCompile(`等\s*(\d+|[一二两三四五六七八九十]+)\s*[人名位]`)
	onlyCountRe = regexp.MustCompile(`^共?\s*(\d+|[一二两三四五六七八九十]+)\s*[人名位]$`)
	entrySep    = regexp.MustCompile(`[;；\n]+`)
	nameSep     = regexp.MustCompile(`[、,，/／\s]+|和|及`)
)

// reasonWords are what 缺席/请假 reasons are made of; a piece of the cell
// holding one is a reason, not a person.
var reasonWords = []string{"出差", "公差", "病假", "事假", "生病", "患病", "住院", "因公", "因病", "因事", "外出", "培训",
	"学习", "值班", "休假", "年假", "产假", "婚假", "丧假", "探亲", "出国", "开会", "会议", "工作", "请假", "身体", "有事",
	"外地", "不适", "在外", "执勤", "任务", "缺席", "未到", "家中", "私事", "公务", "陪护", "就医", "疗养", "援派", "挂职",
	"驻村", "流动", "异地", "联系不上", "失联", "无故", "原因", "上班", "加班", "调休", "离岗"}

// countPeople counts the people a 请假 or 缺席 cell names: 张三、李四; 张三
// （病假），李四（出差）; 王五：出差；赵六：住院; 张三等3人; 2人. ok is false
// when some piece is neither a name nor a reason; n is then unknown.
func countPeople(raw string) (n int, ok bool) {
	s := strings.TrimSpace(sheet.Fold(raw))
	if s == "" || noneWords[strings.Join(strings.Fields(s), "")] {
		return 0, true
	}
	if m := onlyCountRe.FindStringSubmatch(s); m != nil {
		return atoiOrChinese(m[1])
	}
	if m := etcRe.FindStringSubmatch(s); m != nil {
		return atoiOrChinese(m[1])
	}
	s = bracketRe.ReplaceAllString(s, " ")
	for _, entry := range entrySep.Split(s, -1) {
		// 王五：出差 — the name before the colon.
		if i := strings.IndexAny(entry, ":："); i >= 0 {
			entry = entry[:i]
		}
		for _, piece := range nameSep.Split(entry, -1) {
			piece = strings.Trim(piece, " .。")
			if piece == "" {
				continue
			}
			if name, isReason := stripReason(piece); isReason {
				if name != "" {
					n++
				}
				continue
			}
			if !nameLike(piece) {
				return 0, false
			}
			n++
		}
	}
	return n, true
}

// stripReason reports whether piece holds a reason, and the name glued
// before it (王五出差 → 王五).
func stripReason(piece string) (name string, isReason bool) {
	for _, w := range reasonWords {
		if i := strings.Index(piece, w); i >= 0 {
			head := strings.TrimSuffix(piece[:i], "因")
			if !nameLike(head) {
				head = ""
			}
			// A reason is short (因公出差, 在外地培训); a sentence is not.
			if utf8.RuneCountInString(piece)-utf8.RuneCountInString(head) > 8 {
				return "", false
			}
			return head, true
		}
	}
	return "", false
}

// nameLike: two to four Han characters, or a name with the middle dot of
// minority names (阿依古丽·买买提).
func nameLike(s string) bool {
	r := []rune(s)
	if strings.ContainsAny(s, "·•") {
		return len(r) >= 3 && len(r) <= 15
	}
	if len(r) < 2 || len(r) > 4 {
		return false
	}
	for _, c := range r {
		if !unicode.Is(unicode.Han, c) {
			return false
		}
	}
	return true
}

func atoiOrChinese(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	return chineseNumber(s)
}

// footerRe recognises the lines under a ledger: totals, signatures, notes.
var footerRe = regexp.MustCompile(`^(合计|总计|小计|共计|填表人|填报人|制表人|制表|审核人|审批人|负责人|` +
	`填表日期|填报日期|制表日期|报送日期|填报单位|说明|备注[:：]|注[:：\d一二三、.]|以下空白|以下无|此页无正文)`)

func isFooter(s string) bool {
	return s != "" && footerRe.MatchString(strings.Join(strings.Fields(sheet.Fold(s)), ""))
}
