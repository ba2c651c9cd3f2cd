package data

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Meeting kinds (三会一课 and organisational life).
const (
	KindGeneralMeeting = "支部党员大会"
	KindCommittee      = "支部委员会会议"
	KindGroupMeeting   = "党小组会"
	KindLesson         = "党课"
	KindThemeDay       = "主题党日"
	KindLifeMeeting    = "组织生活会"
	KindAppraisal      = "民主评议党员"
	KindOther          = "其他"
)

// MeetingKinds lists the kinds in menu order.
var MeetingKinds = []string{KindGeneralMeeting, KindCommittee, KindGroupMeeting, KindLesson, KindThemeDay,
	KindLifeMeeting, KindAppraisal, KindOther}

// Meeting forms.
var MeetingForms = []string{"线下", "视频会议", "线上线下结合"}

// Review states of minutes: 草稿 → 已提交 → 已审核, or 退回 to the branch.
const (
	StatusDraft     = "草稿"
	StatusSubmitted = "已提交"
	StatusApproved  = "已审核"
	StatusReturned  = "退回"
)

// Attendance states.
const (
	Present = "出席"
	OnLeave = "请假"
	Absent  = "缺席"
)

// Attendance is one member's presence at a meeting, as it was that day.
type Attendance struct {
	MemberID  int64  `json:"member_id"`
	Name      string `json:"name"`
	Standing  string `json:"standing"`  // 党籍状态 on the day: only 正式党员 vote
	Committee bool   `json:"committee"` // on the branch committee that day
	State     string `json:"state"`
	Reason    string `json:"reason,omitempty"`
}

// Meeting is one set of minutes.
type Meeting struct {
	ID         int64        `json:"id"`
	UnitID     int64        `json:"unit_id"` // branch, or group for 党小组会
	Kind       string       `json:"kind"`
	Topic      string       `json:"topic"`
	Date       Date         `json:"date"`
	StartTime  string       `json:"start_time"` // "14:30"
	EndTime    string       `json:"end_time"`
	Place      string       `json:"place"`
	Form       string       `json:"form"`
	Host       string       `json:"host"`
	Recorder   string       `json:"recorder"`
	Expected   int          `json:"expected"` // 应到
	Present    int          `json:"present"`  // 实到
	OnLeave    int          `json:"on_leave"`
	Absent     int          `json:"absent"`
	LeaveText  string       `json:"leave_text"`  // 请假人员 (imported minutes without a roster)
	AbsentText string       `json:"absent_text"` // 缺席人员及原因 (likewise)
	Guests     string       `json:"guests"`      // 列席人员
	Agenda     string       `json:"agenda"`
	Content    string       `json:"content"`
	Resolution string       `json:"resolution"`
	Status     string       `json:"status"`
	Comment    string       `json:"review_comment"`
	SubmitBy   string       `json:"submitted_by"`
	SubmitAt   string       `json:"submitted_at"`
	ReviewBy   string       `json:"reviewed_by"`
	ReviewAt   string       `json:"reviewed_at"`
	Attendance []Attendance `json:"attendance"`
	Deleted    bool         `json:"deleted,omitempty"`
}

// Tally is a meeting's attendance counted: 实到/请假/缺席, and the numbers
// the quorum rules need.
type Tally struct {
	Present, OnLeave, Absent int
	VotingExpected           int // 正式党员 on the list: 应到 with voting rights
	VotingPresent            int // of them, present
	Committee                int // committee members on the list
	CommitteePresent         int // of them, present
}

// Tally counts the attendance rows.
func (m Meeting) Tally() Tally {
	var t Tally
	for _, a := range m.Attendance {
		if a.Committee {
			t.Committee++
		}
		if a.Standing == StandingFull {
			t.VotingExpected++
		}
		switch a.State {
		case Present:
			t.Present++
			if a.Standing == StandingFull {
				t.VotingPresent++
			}
			if a.Committee {
				t.CommitteePresent++
			}
		case OnLeave:
			t.OnLeave++
		case Absent:
			t.Absent++
		}
	}
	return t
}

// Quorum checks a meeting's attendance against the rules of domain.md §5:
// a 支部党员大会 needs more than half of 应到 (the branch's 正式党员) present
// with voting rights; a 支委会 needs more than half of the committee. The
// denominator is always who should come, never who came. It returns "" when
// the meeting is quorate or the kind has no rule.
func Quorum(kind string, expected, votingPresent, committee, committeePresent int) string {
	switch kind {
	case KindGeneralMeeting:
		if expected > 0 && 2*votingPresent <= expected {
			return fmt.Sprintf("有表决权的到会党员 %d 名，未超过应到 %d 名的半数，会议不能作出决定", votingPresent, expected)
		}
	case KindCommittee:
		if committee > 0 && 2*committeePresent <= committee {
			return fmt.Sprintf("到会支委 %d 名，未超过支委会 %d 名委员的半数", committeePresent, committee)
		}
	}
	return ""
}

// VotePasses is the branch vote rule (domain.md §4): yes votes must exceed
// half of 应到 — never half of those present.
func VotePasses(yes, expected int) bool {
	return expected > 0 && 2*yes > expected
}

// Role is who is using this copy of the program: the general-branch office
// (reviews every branch) or one branch's secretary (records its own).
type Role struct {
	Office   bool
	BranchID int64
}

// Label names the role for the status line.
func (r Role) Label(unitName func(int64) string) string {
	if r.Office {
		return "党总支办公室"
	}
	return unitName(r.BranchID) + "书记"
}

// CanEdit reports whether role may change minutes of a unit in a state.
// Submitted and approved minutes are locked; returned ones go back to the
// branch to be corrected.
func (r Role) CanEdit(m Meeting, branchOf func(unitID int64) int64) error {
	switch m.Status {
	case StatusSubmitted:
		return fmt.Errorf("纪要已提交，等待审核，不能修改；如需修改请由党总支退回")
	case StatusApproved:
		return fmt.Errorf("纪要已审核，不能再修改")
	}
	if !r.Office && branchOf(m.UnitID) != r.BranchID {
		return forbidden("只能修改本支部的会议记录")
	}
	return nil
}

// Transition checks a review step: the branch (or the office on its
// behalf) submits drafts and returned minutes; only the office approves or
// returns, and a return needs a comment.
func (r Role) Transition(m Meeting, to, comment string, branchOf func(int64) int64) error {
	if err := r.transition(m, to, branchOf); err != nil {
		return err
	}
	if to == StatusReturned && strings.TrimSpace(comment) == "" {
		return &ValidationError{Errors: []FieldIssue{{"review_comment", "退回时请写明退回意见，便于支部修改"}}}
	}
	return nil
}

// transition is Transition's rule of who and from which state, without
// the comment a return needs.
func (r Role) transition(m Meeting, to string, branchOf func(int64) int64) error {
	own := r.Office || branchOf(m.UnitID) == r.BranchID
	switch {
	case to == StatusSubmitted && (m.Status == StatusDraft || m.Status == StatusReturned):
		if !own {
			return forbidden("只能提交本支部的会议记录")
		}
		return nil
	case (to == StatusApproved || to == StatusReturned) && m.Status == StatusSubmitted:
		if !r.Office {
			return forbidden("审核由党总支办公室进行，党支部不能审核或退回")
		}
		return nil
	}
	return fmt.Errorf("“%s”的纪要不能改为“%s”", m.Status, to)
}

// Period is a compliance period: a month, a quarter or a year.
type Period struct {
	Kind  string // month | quarter | year
	Year  int
	Index int // month 1–12, quarter 1–4, 0 for a year
}

// String is YYYY-MM, YYYY-Qn or YYYY, the CLI's contract.
func (p Period) String() string {
	switch p.Kind {
	case "month":
		return fmt.Sprintf("%04d-%02d", p.Year, p.Index)
	case "quarter":
		return fmt.Sprintf("%04d-Q%d", p.Year, p.Index)
	}
	return fmt.Sprintf("%04d", p.Year)
}

// Label is the period in Chinese: 3月, 第一季度, 2026年.
func (p Period) Label() string {
	switch p.Kind {
	case "month":
		return fmt.Sprintf("%d月", p.Index)
	case "quarter":
		return "第" + []string{"", "一", "二", "三", "四"}[p.Index] + "季度"
	}
	return fmt.Sprintf("%d年", p.Year)
}

// Start and End are the first and last day of the period.
func (p Period) Start() Date {
	switch p.Kind {
	case "month":
		return Date{p.Year, time.Month(p.Index), 1}
	case "quarter":
		return Date{p.Year, time.Month(3*p.Index - 2), 1}
	}
	return Date{p.Year, 1, 1}
}

func (p Period) End() Date {
	switch p.Kind {
	case "month":
		return p.Start().AddMonths(1).AddDays(-1)
	case "quarter":
		return p.Start().AddMonths(3).AddDays(-1)
	}
	return Date{p.Year, 12, 31}
}

// Contains reports whether d falls in the period.
func (p Period) Contains(d Date) bool { return !d.Before(p.Start()) && !d.After(p.End()) }

// PeriodOf is the period of kind containing d.
func PeriodOf(kind string, d Date) Period {
	switch kind {
	case "month":
		return Period{kind, d.Y, int(d.M)}
	case "quarter":
		return Period{kind, d.Y, (int(d.M)-1)/3 + 1}
	}
	return Period{"year", d.Y, 0}
}

// PeriodsOf lists the periods of kind in a year.
func PeriodsOf(kind string, year int) []Period {
	switch kind {
	case "month":
		out := make([]Period, 12)
		for i := range out {
			out[i] = Period{kind, year, i + 1}
		}
		return out
	case "quarter":
		return []Period{{kind, year, 1}, {kind, year, 2}, {kind, year, 3}, {kind, year, 4}}
	case "year":
		return []Period{{kind, year, 0}}
	}
	return nil
}

// MeetingRule is the required frequency of a kind.
type MeetingRule struct {
	Kind   string `json:"kind"`
	Period string `json:"period"` // month | quarter | year | none
	Times  int    `json:"times"`
}

// PeriodLabel is the rule's frequency in Chinese.
func (r MeetingRule) PeriodLabel() string {
	switch r.Period {
	case "month":
		return fmt.Sprintf("每月 %d 次", r.Times)
	case "quarter":
		return fmt.Sprintf("每季度 %d 次", r.Times)
	case "year":
		return fmt.Sprintf("每年 %d 次", r.Times)
	}
	return "不作要求"
}

// MeetingTemplate pre-fills new minutes of a kind.
type MeetingTemplate struct {
	ID         int64  `json:"id"`
	Kind       string `json:"kind"`
	Name       string `json:"name"`
	Agenda     string `json:"agenda"`
	Content    string `json:"content"`
	Resolution string `json:"resolution"`
	Deleted    bool   `json:"deleted,omitempty"`
}

// Apply starts minutes from the template: agenda, content outline and
// resolution are filled only where still empty, so nothing typed is lost.
func (t MeetingTemplate) Apply(m Meeting) Meeting {
	if m.Kind == "" {
		m.Kind = t.Kind
	}
	if strings.TrimSpace(m.Agenda) == "" {
		m.Agenda = t.Agenda
	}
	if strings.TrimSpace(m.Content) == "" {
		m.Content = t.Content
	}
	if strings.TrimSpace(m.Resolution) == "" {
		m.Resolution = t.Resolution
	}
	return m
}

// sortTemplates orders templates by kind as MeetingKinds lists them
// (unknown kinds last), the kind's own template (its name starts with the
// kind) first, then by name.
func sortTemplates(ts []MeetingTemplate) {
	rank := func(kind string) int {
		for i, k := range MeetingKinds {
			if k == kind {
				return i
			}
		}
		return len(MeetingKinds)
	}
	sort.SliceStable(ts, func(i, j int) bool {
		a, b := ts[i], ts[j]
		if ra, rb := rank(a.Kind), rank(b.Kind); ra != rb {
			return ra < rb
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if da, db := strings.HasPrefix(a.Name, a.Kind), strings.HasPrefix(b.Name, b.Kind); da != db {
			return da
		}
		return a.Name < b.Name
	})
}

var timeRe = regexp.MustCompile(`^([01]?\d|2[0-3])[:：][0-5]\d$`)

// CheckMeeting applies the minutes rules. A draft needs only its unit,
// kind and date; submitting needs the full record. Quorum problems are
// warnings: the minutes record what happened, and say so.
func CheckMeeting(m *Meeting, submitting bool, today Date) Issues {
	warns := cleanRecord(EntityMeeting, m)
	is := checkMeeting(m, submitting, today)
	is.Warnings = append(warns, is.Warnings...)
	capRecord(&is, EntityMeeting, m)
	return is
}

func checkMeeting(m *Meeting, submitting bool, today Date) Issues {
	var is Issues
	for _, p := range []*string{&m.Topic, &m.Place, &m.Host, &m.Recorder, &m.StartTime, &m.EndTime, &m.Guests} {
		*p = strings.TrimSpace(*p)
	}
	m.StartTime = strings.ReplaceAll(m.StartTime, "：", ":")
	m.EndTime = strings.ReplaceAll(m.EndTime, "：", ":")
	if m.UnitID == 0 {
		is.Err("unit_id", "请选择召开会议的党支部或党小组")
	}
	if !validKind(m.Kind) {
		is.Err("kind", "请选择会议类型")
	}
	if m.Date.IsZero() {
		is.Err("date", "请填写会议日期")
	}
	if m.StartTime != "" && !timeRe.MatchString(m.StartTime) {
		is.Err("start_time", "时间应写成 14:30 的形式")
	}
	if m.EndTime != "" && !timeRe.MatchString(m.EndTime) {
		is.Err("end_time", "时间应写成 16:00 的形式")
	}
	if m.StartTime != "" && m.EndTime != "" && timeRe.MatchString(m.StartTime) && timeRe.MatchString(m.EndTime) &&
		pad(m.EndTime) <= pad(m.StartTime) {
		is.Err("end_time", "结束时间应晚于开始时间")
	}
	if m.Form == "" {
		m.Form = MeetingForms[0]
	}
	if len(m.Attendance) > 0 {
		t := m.Tally()
		m.Present, m.OnLeave, m.Absent = t.Present, t.OnLeave, t.Absent
		m.Expected = len(m.Attendance)
		seen := map[int64]bool{}
		for _, a := range m.Attendance {
			if seen[a.MemberID] {
				is.Err("attendance", "%s在出席名单中出现了两次", a.Name)
			}
			seen[a.MemberID] = true
			if a.State != Present && strings.TrimSpace(a.Reason) == "" {
				is.Warn("attendance", "%s%s，未写原因", a.Name, a.State)
			}
		}
	}
	if m.Present+m.OnLeave+m.Absent > m.Expected && m.Expected > 0 {
		is.Err("expected", "实到、请假、缺席人数之和（%d）超过应到人数（%d）", m.Present+m.OnLeave+m.Absent, m.Expected)
	}
	if msg := m.QuorumProblem(); msg != "" {
		is.Warn("attendance", "%s", msg)
	}
	if submitting {
		if m.Date.After(today) {
			is.Err("date", "会议日期晚于今天，会后再提交")
		}
		need := []struct{ field, label, v string }{
			{"topic", "主题", m.Topic}, {"place", "地点", m.Place}, {"host", "主持人", m.Host},
			{"recorder", "记录人", m.Recorder}, {"content", "主要内容", strings.TrimSpace(m.Content)},
		}
		for _, n := range need {
			if n.v == "" {
				is.Err(n.field, "提交前请填写%s", n.label)
			}
		}
		if m.Expected == 0 && len(m.Attendance) == 0 {
			is.Err("attendance", "提交前请登记出席情况")
		}
	}
	return is
}

// QuorumProblem applies Quorum to the meeting's own attendance.
func (m Meeting) QuorumProblem() string {
	if len(m.Attendance) == 0 {
		return Quorum(m.Kind, m.Expected, m.Present, 0, 0)
	}
	t := m.Tally()
	return Quorum(m.Kind, t.VotingExpected, t.VotingPresent, t.Committee, t.CommitteePresent)
}

func pad(t string) string {
	if len(t) == 4 {
		return "0" + t
	}
	return t
}

func validKind(k string) bool {
	for _, v := range MeetingKinds {
		if v == k {
			return true
		}
	}
	return false
}
