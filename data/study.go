package data

// 学习记录 and 积分 (domain.md §8): the types and pure rules. A study
// record is one member's study on a day; points are derived on read from
// the source records (study records, meeting attendance, activities) by the
// office's rules, each capped per member and month, so every point names
// the record it came from and no stored total can drift from its sources.
// The SQL is in study_store.go.

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Audit entities of the study module.
const (
	EntityStudyRecord = "study_record"
	EntityActivity    = "activity"
	EntityPointsRule  = "points_rule"
)

// Study forms (学习形式).
const (
	StudyGroup    = "集中学习"
	StudySelf     = "自学"
	StudyLesson   = "党课"
	StudyOnline   = "线上"
	StudyTraining = "专题培训"
)

// StudyForms lists the forms in menu order.
var StudyForms = []string{StudyGroup, StudySelf, StudyLesson, StudyOnline, StudyTraining}

// Where a study record came from.
const (
	SourceManual  = "manual"  // entered on screen
	SourceMeeting = "meeting" // generated from a meeting's attendance
	SourceImport  = "import"  // a row of an imported ledger
)

// SourceLabel is the Chinese name of a record's source.
func SourceLabel(s string) string {
	switch s {
	case SourceMeeting:
		return "会议记录"
	case SourceImport:
		return "导入"
	}
	return "手工登记"
}

// Hours are 学时 in tenths (1.5 学时 = 15), so halves stay exact.
type Hours int

// String shows hours as people write them: 2, 1.5.
func (h Hours) String() string { return Points(h).String() }

// ParseHours reads "2", "1.5", "１.５学时" into tenths; it must be more
// than 0 and at most 24 a record.
func ParseHours(s string) (Hours, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(t, "学时"), "小时"))
	if t == "" {
		return 0, fmt.Errorf("请填写学时")
	}
	p, err := ParsePoints(t)
	if err != nil {
		return 0, fmt.Errorf("学时“%s”应为数字，最多一位小数", s)
	}
	if p <= 0 || p > 240 {
		return 0, fmt.Errorf("学时“%s”应大于 0 且不超过 24", s)
	}
	return Hours(p), nil
}

// StudyRecord is one member's study on a day.
type StudyRecord struct {
	ID        int64  `json:"id"`
	MemberID  int64  `json:"member_id"`
	Name      string `json:"name"`      // the member's name (read only)
	BranchID  int64  `json:"branch_id"` // the member's branch when recorded
	Date      Date   `json:"date"`
	Content   string `json:"content"`
	Hours     Hours  `json:"hours"`
	Form      string `json:"form"`
	Organiser string `json:"organiser"`
	Source    string `json:"source"`
	MeetingID int64  `json:"meeting_id,omitempty"`
	SourceRef string `json:"source_ref,omitempty"` // an import's file and row
}

// ValidateStudy lists what keeps a record from being saved.
func ValidateStudy(r StudyRecord) []FieldIssue {
	var out []FieldIssue
	if r.MemberID == 0 {
		out = append(out, FieldIssue{"member_id", "请选择党员"})
	}
	if r.Date.IsZero() || !r.Date.Valid() {
		out = append(out, FieldIssue{"date", "请填写学习日期"})
	}
	if strings.TrimSpace(r.Content) == "" {
		out = append(out, FieldIssue{"content", "请填写学习内容"})
	}
	if r.Hours <= 0 || r.Hours > 240 {
		out = append(out, FieldIssue{"hours", "学时应大于 0 且不超过 24"})
	}
	if !containsString(StudyForms, r.Form) {
		out = append(out, FieldIssue{"form", "学习形式应为" + strings.Join(StudyForms, "、") + "之一"})
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Activity kinds that earn points besides study and meetings.
const (
	ActivityLesson    = "讲党课"
	ActivityVolunteer = "志愿服务"
)

// ActivityKinds lists them in menu order.
var ActivityKinds = []string{ActivityLesson, ActivityVolunteer}

// Activity is a member giving a 党课 or doing volunteer service (hours).
type Activity struct {
	ID       int64  `json:"id"`
	MemberID int64  `json:"member_id"`
	Name     string `json:"name"`
	BranchID int64  `json:"branch_id"`
	Kind     string `json:"kind"`
	Date     Date   `json:"date"`
	Content  string `json:"content"`
	Hours    Hours  `json:"hours"` // 志愿服务 hours; 0 for a 党课
}

// ValidateActivity lists what keeps an activity from being saved.
func ValidateActivity(a Activity) []FieldIssue {
	var out []FieldIssue
	if a.MemberID == 0 {
		out = append(out, FieldIssue{"member_id", "请选择党员"})
	}
	if !containsString(ActivityKinds, a.Kind) {
		out = append(out, FieldIssue{"kind", "活动类型应为" + strings.Join(ActivityKinds, "、") + "之一"})
	}
	if a.Date.IsZero() || !a.Date.Valid() {
		out = append(out, FieldIssue{"date", "请填写日期"})
	}
	if strings.TrimSpace(a.Content) == "" {
		out = append(out, FieldIssue{"content", "请填写内容"})
	}
	if a.Kind == ActivityVolunteer && (a.Hours <= 0 || a.Hours > 240) {
		out = append(out, FieldIssue{"hours", "志愿服务时长应大于 0 且不超过 24 小时"})
	}
	return out
}

// Points rule kinds: what a point is earned for.
const (
	RuleStudyHour = "study_hour" // per 学时 of study
	RuleMeeting   = "meeting"    // per meeting attended
	RuleLesson    = "lesson"     // per 党课 given
	RuleQuiz      = "quiz"       // per 100 quiz points scored
	RuleVolunteer = "volunteer"  // per hour of volunteer service
)

// PointsRuleKinds lists the kinds in order.
var PointsRuleKinds = []string{RuleStudyHour, RuleMeeting, RuleLesson, RuleQuiz, RuleVolunteer}

// StudyRuleKinds are the kinds 学习排名 counts; 综合排名 counts them all.
var StudyRuleKinds = []string{RuleStudyHour, RuleQuiz}

var ruleLabels = map[string][2]string{
	RuleStudyHour: {"学习学时", "每学时"},
	RuleMeeting:   {"参加会议", "每次"},
	RuleLesson:    {"讲党课", "每次"},
	RuleQuiz:      {"知识竞赛", "满分 100 分得"},
	RuleVolunteer: {"志愿服务", "每小时"},
}

// PointsRuleLabel is a kind's Chinese name ("学习学时").
func PointsRuleLabel(kind string) string {
	if l, ok := ruleLabels[kind]; ok {
		return l[0]
	}
	return kind
}

// PointsRuleUnit says what a rule's points are per ("每学时").
func PointsRuleUnit(kind string) string { return ruleLabels[kind][1] }

// PointsRule is the office's rule for one kind: points per unit and the
// most one member earns from the kind in a month (0: no cap).
type PointsRule struct {
	Kind       string `json:"kind"`
	Points     Points `json:"points"`
	MonthlyCap Points `json:"monthly_cap"`
}

// ValidatePointsRule checks a rule.
func ValidatePointsRule(r PointsRule) []FieldIssue {
	var out []FieldIssue
	if _, ok := ruleLabels[r.Kind]; !ok {
		out = append(out, FieldIssue{"kind", "未知的积分项目“" + r.Kind + "”"})
	}
	if r.Points < 0 || r.Points > 1000 {
		out = append(out, FieldIssue{"points", "分值应在 0 至 100 之间"})
	}
	if r.MonthlyCap < 0 || r.MonthlyCap > 10000 {
		out = append(out, FieldIssue{"monthly_cap", "每月上限应在 0 至 1000 之间（0 为不设上限）"})
	}
	return out
}

// PointSource is one record that earns points: a study record, a meeting
// attended, an activity. Amount is in the rule's unit: tenths of an hour
// (study, volunteer), 10 per meeting or 党课, the score in tenths for a quiz.
type PointSource struct {
	MemberID int64  `json:"member_id"`
	Date     Date   `json:"date"`
	Kind     string `json:"kind"`      // a Rule… kind
	Entity   string `json:"entity"`    // the audited entity of the source record
	RecordID int64  `json:"record_id"` // its id
	Title    string `json:"title"`     // what it was, for the 学习档案
	Amount   int    `json:"amount"`
}

// PointEntry is a source with the points it earned: Raw by the rule,
// Counted after the monthly cap (earlier records of the month count first).
type PointEntry struct {
	PointSource
	Raw     Points `json:"raw"`
	Counted Points `json:"counted"`
}

// rawPoints is what a source earns by its rule before the cap: the rule's
// points per unit times the amount (units of 10 tenths; a quiz per 100).
func rawPoints(r PointsRule, src PointSource) Points {
	if r.Kind == RuleQuiz {
		return Points(int(r.Points) * src.Amount / 1000)
	}
	return Points(int(r.Points) * src.Amount / 10)
}

// ApplyRules turns sources into entries: each earns its rule's points and
// a member's entries of one kind in one month stop counting at the cap.
// Within a month the earlier record counts first (then by entity and id,
// so the result does not depend on the input order). Sources of a kind
// without a rule earn nothing.
func ApplyRules(sources []PointSource, rules []PointsRule) []PointEntry {
	byKind := map[string]PointsRule{}
	for _, r := range rules {
		byKind[r.Kind] = r
	}
	out := make([]PointEntry, len(sources))
	for i, s := range sources {
		out[i].PointSource = s
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.MemberID != b.MemberID {
			return a.MemberID < b.MemberID
		}
		if c := a.Date.Compare(b.Date); c != 0 {
			return c < 0
		}
		if a.Entity != b.Entity {
			return a.Entity < b.Entity
		}
		return a.RecordID < b.RecordID
	})
	type key struct {
		member int64
		y, m   int
		kind   string
	}
	used := map[key]Points{}
	for i := range out {
		e := &out[i]
		r, ok := byKind[e.Kind]
		if !ok {
			continue
		}
		e.Raw = rawPoints(r, e.PointSource)
		e.Counted = e.Raw
		if r.MonthlyCap > 0 {
			k := key{e.MemberID, e.Date.Y, int(e.Date.M), e.Kind}
			left := max(r.MonthlyCap-used[k], 0)
			e.Counted = min(e.Raw, left)
			used[k] += e.Counted
		}
	}
	return out
}

// RankPeriod is a ranking's time span: a month (Year and Month), a year
// (Month 0) or all time (both 0).
type RankPeriod struct {
	Year  int `json:"year,omitempty"`
	Month int `json:"month,omitempty"`
}

// Contains says whether d falls in the period.
func (p RankPeriod) Contains(d Date) bool {
	if p.Year == 0 {
		return true
	}
	return d.Y == p.Year && (p.Month == 0 || int(d.M) == p.Month)
}

// Valid checks the period: a month needs its year.
func (p RankPeriod) Valid() error {
	if p.Month < 0 || p.Month > 12 {
		return fmt.Errorf("月份应为 1 至 12")
	}
	if p.Month != 0 && p.Year == 0 {
		return fmt.Errorf("按月排名须同时指定年份")
	}
	if p.Year != 0 && (p.Year < 1921 || p.Year > 9999) {
		return fmt.Errorf("年份“%d”无效", p.Year)
	}
	return nil
}

// String names the period: "2026年11月", "2026年度", "全部".
func (p RankPeriod) String() string {
	switch {
	case p.Year == 0:
		return "全部"
	case p.Month == 0:
		return fmt.Sprintf("%d年度", p.Year)
	}
	return fmt.Sprintf("%d年%d月", p.Year, p.Month)
}

// RankRow is one member's line of a ranking.
type RankRow struct {
	MemberID int64  `json:"member_id"`
	Name     string `json:"name"`
	BranchID int64  `json:"branch_id"`
	Branch   string `json:"branch"`
	Points   Points `json:"points"`
	Hours    Hours  `json:"hours"` // 学时 in the period
	Rank     int    `json:"rank"`
}

// Rankings are the two tables: 综合排名 (every kind) and 学习排名 (study
// kinds), best first.
type Rankings struct {
	Period  RankPeriod `json:"period"`
	Overall []RankRow  `json:"overall"`
	Study   []RankRow  `json:"study"`
}

// RankMember is a member on the ranking: those who left are not.
type RankMember struct {
	ID       int64
	Name     string
	BranchID int64
	Branch   string
}

// BuildRankings totals the counted points of entries in the period for
// each member listed (members not listed — those who left — are skipped,
// their records stay) and ranks them; ties share a rank (1, 1, 3), and a
// tie lists by name order (less(i, j) on names; nil: code point order).
func BuildRankings(members []RankMember, entries []PointEntry, period RankPeriod, less func(a, b string) bool) Rankings {
	if less == nil {
		less = func(a, b string) bool { return a < b }
	}
	sorted := slices.Clone(members)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Name != sorted[j].Name {
			return less(sorted[i].Name, sorted[j].Name)
		}
		return sorted[i].ID < sorted[j].ID
	})
	return rankSorted(sorted, entries, period)
}

// rankSorted ranks members listed in name order (ties by ID): Rankings
// reads them in that order by the stored sort keys, since spelling
// 100,000 names for a sort takes seconds.
func rankSorted(members []RankMember, entries []PointEntry, period RankPeriod) Rankings {
	type tot struct {
		all, study Points
		hours      Hours
	}
	sums := map[int64]*tot{}
	for _, m := range members {
		sums[m.ID] = &tot{}
	}
	for _, e := range entries {
		t, ok := sums[e.MemberID]
		if !ok || !period.Contains(e.Date) {
			continue
		}
		t.all += e.Counted
		if containsString(StudyRuleKinds, e.Kind) {
			t.study += e.Counted
		}
		if e.Kind == RuleStudyHour {
			t.hours += Hours(e.Amount)
		}
	}
	build := func(study bool) []RankRow {
		out := make([]RankRow, len(members))
		for i, m := range members {
			t := sums[m.ID]
			out[i] = RankRow{MemberID: m.ID, Name: m.Name, BranchID: m.BranchID, Branch: m.Branch, Points: t.all, Hours: t.hours}
			if study {
				out[i].Points = t.study
			}
		}
		rankBy(out, func(r RankRow) int { return int(r.Points) }, func(r *RankRow, n int) { r.Rank = n })
		return out
	}
	return Rankings{Period: period, Overall: build(false), Study: build(true)}
}

// Span is the period's first and last day (both zero for all time).
func (p RankPeriod) Span() (from, to Date) {
	switch {
	case p.Year == 0:
		return Date{}, Date{}
	case p.Month == 0:
		return NewDate(p.Year, 1, 1), NewDate(p.Year, 12, 31)
	}
	first := NewDate(p.Year, time.Month(p.Month), 1)
	return first, first.AddMonths(1).AddDays(-1)
}

// RulesText says the rules in one line: "学习学时每学时 1 分（每月至多 20 分）；…".
func RulesText(rules []PointsRule) string {
	var parts []string
	for _, r := range rules {
		t := PointsRuleLabel(r.Kind) + PointsRuleUnit(r.Kind) + " " + r.Points.String() + " 分"
		if r.MonthlyCap > 0 {
			t += "（每月至多 " + r.MonthlyCap.String() + " 分）"
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, "；")
}
