package data

// 发展党员 (domain.md §4): the 25 steps as data, the date rules as pure
// functions, a checker that turns a candidate's file into warnings (never
// errors: real files contain late steps that must still be recorded), and
// the branch vote helper. Nothing here touches the database.
//
// Counting months and years. Every interval "N months after D" is
// D.AddMonths(N) counted from the rule's anchor, never chained: a day that
// does not exist in the target month clamps to that month's last day, so
// one month after 01-31 is 02-28 (02-29 in a leap year), one month after
// 03-31 is 04-30, one year after 02-29 is 02-28, and the second half-year
// review after 08-31 is due on 08-31 again (not 08-28). A deadline counts
// its own day: a talk on exactly apply+1 month is on time, a day later is
// 1 day late. "No earlier than" counts its own day too: 发展对象 on exactly
// activist+1 year is allowed.
//
// Age is the exception: it is counted in whole years like Member.Age
// (YearsBetween), so someone born on 02-29 turns 18 on 03-01 in a year
// without 02-29 — the dossier and the checker then never disagree.

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Candidate stages as the CLI and the pipeline report them.
const (
	DevStageApplicant    = "申请入党"
	DevStageActivist     = "入党积极分子"
	DevStageCandidate    = "发展对象"
	DevStageProbationary = StandingProbationary // 预备党员
	DevStageFull         = StandingFull         // 正式党员
)

// DevStageNames lists the candidate stages in order.
var DevStageNames = []string{DevStageApplicant, DevStageActivist, DevStageCandidate, DevStageProbationary, DevStageFull}

// Step numbers the rules refer to. The numbering is domain.md §4's and is
// fixed: the office may rename steps but never renumber them.
const (
	DevStepApply        = 1
	DevStepTalk         = 2
	DevStepActivist     = 3
	DevStepCultivators  = 5
	DevStepReview       = 6
	DevStepCandidate    = 7
	DevStepIntroducers  = 9
	DevStepPolitical    = 10
	DevStepTraining     = 11
	DevStepVolunteer    = 14
	DevStepVote         = 15
	DevStepApproval     = 17
	DevStepOath         = 20
	DevStepProbation    = 21
	DevStepFullApply    = 22
	DevStepFullVote     = 23
	DevStepFullApproval = 24
	DevStepArchive      = 25
	DevStepCount        = 25
)

// Rule keys of the steps file: which date or people rule applies to a step.
const (
	DevRuleAge18         = "age_18"
	DevRuleTalk          = "talk_within_1_month"
	DevRuleCultivators   = "cultivators_1_to_2"
	DevRuleReview        = "review_every_6_months"
	DevRuleCandidate     = "candidate_after_1_year"
	DevRuleIntroducers   = "two_full_member_introducers"
	DevRulePolitical     = "political_review"
	DevRuleTraining      = "training_3_days_or_24_hours"
	DevRuleVote          = "branch_vote"
	DevRuleApproval      = "approval_within_3_months"
	DevRuleProbation     = "probation_1_year"
	DevRuleFullApply     = "apply_when_probation_ends"
	DevRuleProbationVote = "probation_decision"
	DevRuleFullApproval  = "full_approval_within_3_months"
)

// devRuleSteps is where each rule must sit: the checker implements the
// rules by step number, so a steps file that moved one would be wrong.
var devRuleSteps = map[string]int{
	DevRuleAge18:         DevStepApply,
	DevRuleTalk:          DevStepTalk,
	DevRuleCultivators:   DevStepCultivators,
	DevRuleReview:        DevStepReview,
	DevRuleCandidate:     DevStepCandidate,
	DevRuleIntroducers:   DevStepIntroducers,
	DevRulePolitical:     DevStepPolitical,
	DevRuleTraining:      DevStepTraining,
	DevRuleApproval:      DevStepApproval,
	DevRuleProbation:     DevStepProbation,
	DevRuleFullApply:     DevStepFullApply,
	DevRuleProbationVote: DevStepFullVote,
	DevRuleFullApproval:  DevStepFullApproval,
}

// Outcomes of the 转正 decision (step 23).
const (
	DevOutcomeFull   = "按期转正"
	DevOutcomeExtend = "延长预备期"
	DevOutcomeCancel = "取消预备党员资格"
)

// DevOutcomes lists the step-23 outcomes in display order.
var DevOutcomes = []string{DevOutcomeFull, DevOutcomeExtend, DevOutcomeCancel}

// Roles of the people recorded on a step.
const (
	DevRoleCultivator = "培养联系人"
	DevRoleIntroducer = "入党介绍人"
)

// Warning kinds, so screens can style or filter them.
const (
	DevWarnLate      = "late"      // done (or still not done) after its deadline
	DevWarnEarly     = "early"     // done before the rule allows
	DevWarnOrder     = "order"     // dated before an earlier-numbered step
	DevWarnMissing   = "missing"   // a required step skipped although later ones are done
	DevWarnPeople    = "people"    // 培养联系人 / 入党介绍人 count or 党籍
	DevWarnMaterials = "materials" // required materials missing on a done step
	DevWarnAge       = "age"       // applicant under 18, or age unknown
	DevWarnVote      = "vote"      // impossible counts, no quorum, not passed
	DevWarnTraining  = "training"  // less than 3 days and 24 class hours
	DevWarnReview    = "review"    // a half-year without a review
	DevWarnProbation = "probation" // extension or outcome problems
	DevWarnMismatch  = "mismatch"  // the file disagrees with itself
)

// DevStage is one of the five stages of the process.
type DevStage struct {
	Number int    `json:"number"`
	Name   string `json:"name"`  // short: 申请入党, 入党积极分子 …
	Title  string `json:"title"` // as in the regulation: 入党申请人的申请 …
}

// DevStep is one of the 25 steps. Number, Stage, Rule and Required are
// fixed; Name, Actor, Materials and Description are the office's to edit.
type DevStep struct {
	Number int    `json:"number"`
	Stage  int    `json:"stage"`
	Name   string `json:"name"`
	Actor  string `json:"actor"` // who acts: 申请人, 党支部, 支委会, 上级党委 …
	Rule   string `json:"rule"`  // a DevRule… key, or ""
	// Required: once a later step is done, this one missing is a warning.
	// Steps that a file often records only as a material (志愿书, 转正申请)
	// or only in passing (备案, 编入党小组) are not required, so an imported
	// ledger is not buried in warnings.
	Required    bool     `json:"required"`
	Materials   []string `json:"materials"` // required materials, by name
	Description string   `json:"description"`
}

// DevProcess is the loaded list of stages and steps.
type DevProcess struct {
	Stages []DevStage `json:"stages"`
	Steps  []DevStep  `json:"steps"`
}

//go:embed defaults/development_steps.json
var defaultDevStepsJSON []byte

var (
	defaultDevOnce sync.Once
	defaultDev     DevProcess
	defaultDevErr  error
)

// LoadDevProcess parses and validates a steps file.
func LoadDevProcess(b []byte) (DevProcess, error) {
	var p DevProcess
	if err := json.Unmarshal(b, &p); err != nil {
		return DevProcess{}, fmt.Errorf("发展党员步骤文件格式错误：%v", err)
	}
	if err := p.Validate(); err != nil {
		return DevProcess{}, err
	}
	return p, nil
}

// DefaultDevProcess is the shipped list (a fresh copy each call).
func DefaultDevProcess() DevProcess {
	defaultDevOnce.Do(func() { defaultDev, defaultDevErr = LoadDevProcess(defaultDevStepsJSON) })
	if defaultDevErr != nil {
		panic(defaultDevErr) // the embedded file is tested; this is a build error
	}
	return defaultDev.clone()
}

func (p DevProcess) clone() DevProcess {
	q := DevProcess{Stages: append([]DevStage(nil), p.Stages...), Steps: append([]DevStep(nil), p.Steps...)}
	for i := range q.Steps {
		q.Steps[i].Materials = append([]string{}, q.Steps[i].Materials...)
	}
	return q
}

// Validate checks what the rules rely on: stages numbered 1..5, steps
// numbered 1..25 in order with non-decreasing stages covering every stage,
// names present, rule keys known and at their steps.
func (p DevProcess) Validate() error {
	if len(p.Stages) != 5 {
		return fmt.Errorf("发展党员应有 5 个阶段，文件中有 %d 个", len(p.Stages))
	}
	for i, s := range p.Stages {
		if s.Number != i+1 {
			return fmt.Errorf("第 %d 个阶段的编号是 %d，应为 %d", i+1, s.Number, i+1)
		}
		if strings.TrimSpace(s.Name) == "" {
			return fmt.Errorf("第 %d 阶段没有名称", s.Number)
		}
	}
	if len(p.Steps) != DevStepCount {
		return fmt.Errorf("发展党员应有 %d 个步骤，文件中有 %d 个", DevStepCount, len(p.Steps))
	}
	seen := map[int]bool{}
	prevStage := 1
	for i, s := range p.Steps {
		if s.Number != i+1 {
			return fmt.Errorf("第 %d 个步骤的编号是 %d，应为 %d（步骤须按 1 至 %d 顺序编号）", i+1, s.Number, i+1, DevStepCount)
		}
		if s.Stage < prevStage || s.Stage > prevStage+1 || (i == 0 && s.Stage != 1) {
			return fmt.Errorf("第 %d 步的阶段 %d 不对：阶段须从 1 到 5 依次排列", s.Number, s.Stage)
		}
		prevStage = s.Stage
		seen[s.Stage] = true
		if strings.TrimSpace(s.Name) == "" {
			return fmt.Errorf("第 %d 步没有名称", s.Number)
		}
		if s.Rule != "" && s.Rule != DevRuleVote {
			at, ok := devRuleSteps[s.Rule]
			if !ok {
				return fmt.Errorf("第 %d 步的规则“%s”未知", s.Number, s.Rule)
			}
			if at != s.Number {
				return fmt.Errorf("规则“%s”应属于第 %d 步，不能放在第 %d 步", s.Rule, at, s.Number)
			}
		}
	}
	if prevStage != 5 || len(seen) != 5 {
		return fmt.Errorf("步骤没有覆盖全部 5 个阶段")
	}
	if p.Steps[DevStepVote-1].Rule != DevRuleVote {
		return fmt.Errorf("第 %d 步应为支部大会表决（规则 %s）", DevStepVote, DevRuleVote)
	}
	return nil
}

// Step returns step n (1-based), or a zero DevStep outside 1..25.
func (p DevProcess) Step(n int) DevStep {
	if n < 1 || n > len(p.Steps) {
		return DevStep{}
	}
	return p.Steps[n-1]
}

// StageOfStep names the stage step n belongs to.
func (p DevProcess) StageOfStep(n int) DevStage {
	s := p.Step(n)
	if s.Stage < 1 || s.Stage > len(p.Stages) {
		return DevStage{}
	}
	return p.Stages[s.Stage-1]
}

// label is "第 N 步 名称" for messages.
func (p DevProcess) label(n int) string {
	if s := p.Step(n); s.Name != "" {
		return fmt.Sprintf("第 %d 步 %s", n, s.Name)
	}
	return fmt.Sprintf("第 %d 步", n)
}

// MergeStepEdits lays the office's edits over the defaults: names, actors,
// descriptions and required materials come from edited (blank names and
// actors are ignored; materials are trimmed and de-duplicated); number,
// stage, rule and the required flag always stay the defaults'. Edits of
// numbers that do not exist are dropped, so the result is always the
// default numbering.
func MergeStepEdits(defaults, edited []DevStep) []DevStep {
	byNum := map[int]DevStep{}
	for _, e := range edited {
		byNum[e.Number] = e
	}
	out := make([]DevStep, len(defaults))
	for i, d := range defaults {
		s := d
		s.Materials = append([]string{}, d.Materials...)
		if e, ok := byNum[d.Number]; ok {
			if n := strings.TrimSpace(e.Name); n != "" {
				s.Name = n
			}
			if a := strings.TrimSpace(e.Actor); a != "" {
				s.Actor = a
			}
			if e.Description != "" {
				s.Description = strings.TrimSpace(e.Description)
			}
			if e.Materials != nil {
				s.Materials = devCleanNames(e.Materials)
			}
		}
		out[i] = s
	}
	return out
}

func devCleanNames(in []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, n := range in {
		n = strings.TrimSpace(n)
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	return out
}

// ---- The date rules ----

// DevAdultDate is the day someone born on birth turns 18, counted like
// Member.Age: 02-29 births turn 18 on 03-01 when that year has no 02-29.
func DevAdultDate(birth Date) Date {
	d := birth.AddYears(18)
	if birth.M == 2 && birth.D == 29 && d.D == 28 {
		d = d.AddDays(1)
	}
	return d
}

// DevAdultOn reports whether someone born on birth is at least 18 on day.
func DevAdultOn(birth, day Date) bool { return YearsBetween(birth, day) >= 18 }

// DevTalkDeadline is the last day for the talk (step 2): 1 month after the
// application.
func DevTalkDeadline(apply Date) Date { return apply.AddMonths(1) }

// DevCandidateEarliest is the first day someone may be made a 发展对象
// (step 7): 1 year after becoming 积极分子.
func DevCandidateEarliest(activist Date) Date { return activist.AddYears(1) }

// DevPeriod is one half-year of cultivation: a review is due in
// [From, To] for the first period and in (From, To] for later ones.
type DevPeriod struct {
	From Date `json:"from"`
	To   Date `json:"to"`
}

// devMaxPeriods bounds the half-year loop (50 years of cultivation).
const devMaxPeriods = 100

func devPeriod(activist Date, k int) DevPeriod {
	return DevPeriod{activist.AddMonths(6 * k), activist.AddMonths(6 * (k + 1))}
}

func (p DevPeriod) contains(k int, d Date) bool {
	if d.After(p.To) {
		return false
	}
	if k == 0 {
		return !d.Before(p.From)
	}
	return d.After(p.From)
}

func devReviewed(p DevPeriod, k int, reviews []Date) bool {
	for _, r := range reviews {
		if !r.IsZero() && p.contains(k, r) {
			return true
		}
	}
	return false
}

// DevMissingReviews lists the half-years of cultivation that have ended by
// asOf (their last day is before asOf) without a review (step 6). Periods
// count from the activist date (each end computed from it, not chained);
// cultivation stops at until (the 发展对象 date, step 7), so a period
// ending after until is not required. A zero until means still running.
func DevMissingReviews(activist, until Date, reviews []Date, asOf Date) []DevPeriod {
	if activist.IsZero() {
		return nil
	}
	var out []DevPeriod
	for k := 0; k < devMaxPeriods; k++ {
		p := devPeriod(activist, k)
		if !p.To.Before(asOf) || (!until.IsZero() && p.To.After(until)) {
			break
		}
		if !devReviewed(p, k, reviews) {
			out = append(out, p)
		}
	}
	return out
}

// DevNextReviewDue is the last day of the earliest half-year, not yet
// over on asOf, that has no review — when the next review is due.
func DevNextReviewDue(activist Date, reviews []Date, asOf Date) Date {
	if activist.IsZero() {
		return Date{}
	}
	for k := 0; k < devMaxPeriods; k++ {
		p := devPeriod(activist, k)
		if p.To.Before(asOf) {
			continue
		}
		if !devReviewed(p, k, reviews) {
			return p.To
		}
	}
	return Date{}
}

// DevTrainingEnough is the training rule (step 11): at least 3 days or at
// least 24 class hours.
func DevTrainingEnough(days, hours int) bool { return days >= 3 || hours >= 24 }

// DevTrainingBeforeVote reports whether the training ended in time for the
// 支部大会 vote (step 15): on the vote day at the latest, the same
// "not after" the order check applies to every pair of steps.
func DevTrainingBeforeVote(trainingEnd, vote Date) bool {
	return !trainingEnd.IsZero() && !trainingEnd.After(vote)
}

// DevApprovalDeadline is the last day for the higher committee's approval
// (step 17): 3 months after the 支部大会 vote.
func DevApprovalDeadline(vote Date) Date { return vote.AddMonths(3) }

// DevProbationEnd is the day probation ends: 1 year after the 支部大会
// vote, or 1 year plus an extension of 6 to 12 months (0 = none), counted
// from the vote. Other extensions are an error.
func DevProbationEnd(vote Date, extendMonths int) (Date, error) {
	if vote.IsZero() {
		return Date{}, fmt.Errorf("没有支部大会讨论接收的日期，无法计算预备期")
	}
	if extendMonths != 0 && (extendMonths < 6 || extendMonths > 12) {
		return vote.AddYears(1), fmt.Errorf("延长预备期应为 6 至 12 个月，现为 %d 个月", extendMonths)
	}
	return vote.AddMonths(12 + extendMonths), nil
}

// DevCheckExtensions checks the extensions of one probation (the months
// of each 延长预备期 decision): at most one, of 6 to 12 months.
func DevCheckExtensions(months []int) error {
	if len(months) > 1 {
		return fmt.Errorf("预备期只能延长一次，现记录了 %d 次", len(months))
	}
	for _, m := range months {
		if m < 6 || m > 12 {
			return fmt.Errorf("延长预备期应为 6 至 12 个月，现为 %d 个月", m)
		}
	}
	return nil
}

// DevFullApprovalDeadline is the last day for approving 转正 (step 24): 3
// months after probation ended.
func DevFullApprovalDeadline(probationEnd Date) Date { return probationEnd.AddMonths(3) }

// ---- Candidates and their files ----

// DevCandidate is someone on the way to membership, not yet on the roster
// (MemberID is set once step 17 has put them there).
type DevCandidate struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Sex       string `json:"sex"`
	IDNumber  string `json:"id_number"`
	BirthDate Date   `json:"birth_date"`
	BranchID  int64  `json:"branch_id"`
	Phone     string `json:"phone"`
	Education string `json:"education"`
	Job       string `json:"job"` // 单位及岗位
	ApplyDate Date   `json:"apply_date"`
	MemberID  int64  `json:"member_id,omitempty"`
}

// NormalizeDevCandidate tidies typed text as NormalizeMember does.
func NormalizeDevCandidate(c *DevCandidate) {
	for _, p := range []*string{&c.Sex, &c.Education, &c.Job} {
		*p = strings.TrimSpace(*p)
	}
	c.Name = strings.Join(strings.Fields(c.Name), "")
	c.IDNumber = strings.ToUpper(strings.ReplaceAll(normalizeDigits(strings.TrimSpace(c.IDNumber)), " ", ""))
	c.Phone = NormalizePhone(c.Phone)
}

// CheckDevCandidate applies the roster's rules to a candidate's basic
// fields: name, sex, the ID number (filling 出生日期 and 性别 from it when
// blank), phone, branch and application date. Errors block saving.
func CheckDevCandidate(c *DevCandidate, today Date) Issues {
	var is Issues
	if c.Name == "" {
		is.Err("name", "请填写姓名")
	} else if runeLen(c.Name) > 20 {
		is.Err("name", "姓名不能超过 20 个字")
	}
	if c.Sex != "" && c.Sex != "男" && c.Sex != "女" {
		is.Err("sex", "性别应为“男”或“女”")
	}
	m := Member{IDNumber: c.IDNumber, BirthDate: c.BirthDate, Sex: c.Sex}
	checkIDNumber(&is, &m, today)
	c.IDNumber, c.BirthDate, c.Sex = m.IDNumber, m.BirthDate, m.Sex
	checkPastDate(&is, "birth_date", "出生日期", c.BirthDate, today)
	checkPhone(&is, "phone", c.Phone)
	if c.BranchID == 0 {
		is.Err("branch_id", "请选择所在党支部")
	}
	if c.ApplyDate.IsZero() {
		is.Err("apply_date", "请填写递交入党申请书的日期")
	} else {
		checkPastDate(&is, "apply_date", "递交入党申请书日期", c.ApplyDate, today)
	}
	return is
}

// DevPerson is someone named on a step: a 培养联系人 or 入党介绍人, with
// their 党籍状态 on the roster ("" when not found there).
type DevPerson struct {
	MemberID int64  `json:"member_id,omitempty"`
	Name     string `json:"name"`
	Role     string `json:"role"`     // DevRole…
	Standing string `json:"standing"` // 正式党员 / 预备党员 / ""
}

// DevVoteCount is a 支部大会 vote (steps 15 and 23).
type DevVoteCount struct {
	Expected int `json:"expected"` // 应到: the branch's 正式党员 with voting rights
	Present  int `json:"present"`  // 实到 with voting rights
	Yes      int `json:"yes"`
	No       int `json:"no"`
	Abstain  int `json:"abstain"`
}

// DevStepRecord is one step as done for one candidate. Step 6 (a review)
// repeats every half-year; steps 22–24 repeat after an extension.
type DevStepRecord struct {
	ID            int64         `json:"id"`
	CandidateID   int64         `json:"candidate_id"`
	Step          int           `json:"step"`
	Date          Date          `json:"date"`
	People        []DevPerson   `json:"people,omitempty"`
	Note          string        `json:"note"`
	Vote          *DevVoteCount `json:"vote,omitempty"`          // steps 15, 23
	Outcome       string        `json:"outcome,omitempty"`       // step 23: DevOutcome…; "" = 按期转正
	ExtendMonths  int           `json:"extend_months,omitempty"` // step 23 with 延长预备期
	TrainingDays  int           `json:"training_days,omitempty"` // step 11
	TrainingHours int           `json:"training_hours,omitempty"`
	Materials     []string      `json:"materials,omitempty"` // names of the materials on file
}

// DevWarning is one finding about a file. It never blocks saving.
type DevWarning struct {
	Step    int    `json:"step"`
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// DevNext is what a candidate needs next: the step, and by when (Due) or
// from when (NotBefore); zero dates when no rule gives one. Step 0 means
// nothing is left (the file is closed).
type DevNext struct {
	Step      int    `json:"step"`
	Name      string `json:"name"`
	Due       Date   `json:"due"`
	NotBefore Date   `json:"not_before"`
}

// devFile indexes a candidate's records for the rules.
type devFile struct {
	recs  []DevStepRecord // dated records, by date then step
	all   []DevStepRecord // every record as given
	first map[int]Date    // first date of each done step
	apply Date
}

func newDevFile(c DevCandidate, steps []DevStepRecord) devFile {
	f := devFile{first: map[int]Date{}, all: steps}
	for _, r := range steps {
		if r.Date.IsZero() || r.Step < 1 || r.Step > DevStepCount {
			continue
		}
		f.recs = append(f.recs, r)
		if d, ok := f.first[r.Step]; !ok || r.Date.Before(d) {
			f.first[r.Step] = r.Date
		}
	}
	sort.SliceStable(f.recs, func(i, j int) bool {
		if c := f.recs[i].Date.Compare(f.recs[j].Date); c != 0 {
			return c < 0
		}
		return f.recs[i].Step < f.recs[j].Step
	})
	f.apply = f.first[DevStepApply]
	if f.apply.IsZero() {
		f.apply = c.ApplyDate
		if !f.apply.IsZero() {
			f.first[DevStepApply] = f.apply
		}
	}
	return f
}

func (f devFile) done(n int) bool { return !f.first[n].IsZero() }

// highest is the highest-numbered done step (0 when none).
func (f devFile) highest() int {
	h := 0
	for n := range f.first {
		if n > h {
			h = n
		}
	}
	return h
}

func (f devFile) dated(n int) []DevStepRecord {
	var out []DevStepRecord
	for _, r := range f.recs {
		if r.Step == n {
			out = append(out, r)
		}
	}
	return out
}

func (f devFile) vote() Date { return f.first[DevStepVote] }

// extension is the months of the first 延长预备期 decision (0 = none) and
// its date.
func (f devFile) extension() (int, Date) {
	for _, r := range f.dated(DevStepFullVote) {
		if r.Outcome == DevOutcomeExtend {
			return r.ExtendMonths, r.Date
		}
	}
	return 0, Date{}
}

// probationEnd is the end in force: extended when a valid extension was
// decided, otherwise vote + 1 year.
func (f devFile) probationEnd() Date {
	months, _ := f.extension()
	end, err := DevProbationEnd(f.vote(), months)
	if err != nil {
		if f.vote().IsZero() {
			return Date{}
		}
		return f.vote().AddYears(1)
	}
	return end
}

// baseEnd is the unextended end: vote + 1 year.
func (f devFile) baseEnd() Date {
	if f.vote().IsZero() {
		return Date{}
	}
	return f.vote().AddYears(1)
}

// endAt is the probation end that applies to a decision on day: the
// extended end once an extension was decided before day.
func (f devFile) endAt(day Date) Date {
	if _, at := f.extension(); !at.IsZero() && at.Before(day) {
		return f.probationEnd()
	}
	return f.baseEnd()
}

// governing is the latest step-23 decision on or before day.
func (f devFile) governing(day Date) (DevStepRecord, bool) {
	var g DevStepRecord
	ok := false
	for _, r := range f.dated(DevStepFullVote) {
		if !r.Date.After(day) {
			g, ok = r, true
		}
	}
	return g, ok
}

func devIsFull(outcome string) bool { return outcome == "" || outcome == DevOutcomeFull }

// lastOutcome is the latest step-23 outcome ("" when none or blank).
func (f devFile) lastOutcome() (string, bool) {
	v := f.dated(DevStepFullVote)
	if len(v) == 0 {
		return "", false
	}
	return v[len(v)-1].Outcome, true
}

// fullApproved is the date of the step-24 record that approved 转正.
func (f devFile) fullApproved() Date {
	for _, r := range f.dated(DevStepFullApproval) {
		g, ok := f.governing(r.Date)
		if !ok || devIsFull(g.Outcome) {
			return r.Date
		}
	}
	return Date{}
}

func (f devFile) cancelled() bool {
	o, ok := f.lastOutcome()
	return ok && o == DevOutcomeCancel
}

// DevStageOf is where the candidate stands: 正式党员 once 转正 is approved,
// 预备党员 once step 17 (or anything after it) is done, 发展对象 from step
// 7, 入党积极分子 from step 3, else 申请入党. A 预备党员 whose status was
// cancelled stays 预备党员 here; DevCancelled tells.
func DevStageOf(c DevCandidate, steps []DevStepRecord) string {
	f := newDevFile(c, steps)
	if !f.fullApproved().IsZero() {
		return DevStageFull
	}
	switch h := f.highest(); {
	case h >= DevStepApproval:
		return DevStageProbationary
	case h >= DevStepCandidate:
		return DevStageCandidate
	case h >= DevStepActivist:
		return DevStageActivist
	}
	return DevStageApplicant
}

// DevCancelled reports whether the latest 转正 decision cancelled the
// 预备党员's status.
func DevCancelled(steps []DevStepRecord) bool { return newDevFile(DevCandidate{}, steps).cancelled() }

// DevJoinDate is 入党时间: the date of the 支部大会 that accepted the
// 预备党员 (step 15), or zero.
func DevJoinDate(steps []DevStepRecord) Date { return newDevFile(DevCandidate{}, steps).vote() }

// DevFullDate is 转正时间 once 转正 is approved: the day probation ended
// (vote + 1 year, or the extended end), not the approval date. Zero when
// not (yet) 正式党员.
func DevFullDate(steps []DevStepRecord) Date {
	f := newDevFile(DevCandidate{}, steps)
	if f.fullApproved().IsZero() {
		return Date{}
	}
	return f.probationEnd()
}

// CheckDevelopment checks a file against the shipped steps.
func CheckDevelopment(c DevCandidate, steps []DevStepRecord, today Date) []DevWarning {
	return DefaultDevProcess().Check(c, steps, today)
}

// NextDevStep is what the candidate needs next under the shipped steps.
func NextDevStep(c DevCandidate, steps []DevStepRecord, today Date) DevNext {
	return DefaultDevProcess().Next(c, steps, today)
}

type devWarnings struct {
	p   DevProcess
	out []DevWarning
}

func (w *devWarnings) add(step int, kind, format string, args ...any) {
	w.out = append(w.out, DevWarning{step, kind, w.p.label(step) + "：" + fmt.Sprintf(format, args...)})
}

// Check lists what is wrong with a candidate's file as of today: late,
// early and inverted steps, skipped required steps, introducers and
// cultivators, missing materials, the applicant's age, votes, training,
// reviews and the probation. Warnings come sorted by step.
func (p DevProcess) Check(c DevCandidate, steps []DevStepRecord, today Date) []DevWarning {
	f := newDevFile(c, steps)
	w := &devWarnings{p: p}
	p.checkApplication(w, c, f, steps)
	p.checkOrder(w, f)
	p.checkMissing(w, f, today)
	p.checkTimes(w, f)
	p.checkPeople(w, f)
	p.checkVotes(w, f)
	p.checkProbation(w, f)
	p.checkMaterials(w, f)
	sort.SliceStable(w.out, func(i, j int) bool { return w.out[i].Step < w.out[j].Step })
	return w.out
}

func (p DevProcess) checkApplication(w *devWarnings, c DevCandidate, f devFile, steps []DevStepRecord) {
	if d := f.first[DevStepApply]; !c.ApplyDate.IsZero() && !d.IsZero() && d != c.ApplyDate {
		w.add(DevStepApply, DevWarnMismatch, "记录的日期 %s 与基本信息中的申请日期 %s 不一致", d, c.ApplyDate)
	}
	if f.apply.IsZero() {
		return
	}
	birth := c.BirthDate
	if birth.IsZero() && c.IDNumber != "" {
		if info, err := ParseIDNumber(c.IDNumber, f.apply.AddYears(200)); err == nil {
			birth = info.Birth
		}
	}
	if birth.IsZero() {
		w.add(DevStepApply, DevWarnAge, "没有出生日期（也无法从身份证号码得出），无法核对申请时是否年满 18 岁")
		return
	}
	if !DevAdultOn(birth, f.apply) {
		w.add(DevStepApply, DevWarnAge, "申请人应年满 18 岁，%s 递交申请时只有 %d 岁（%s 年满 18 岁）",
			f.apply, YearsBetween(birth, f.apply), DevAdultDate(birth))
	}
}

// checkOrder flags each record dated before a lower-numbered step (the
// first date of each step counts, so repeated reviews and a second 转正
// round do not trip it).
func (p DevProcess) checkOrder(w *devWarnings, f devFile) {
	for _, r := range f.recs {
		worst, worstDate := 0, Date{}
		for n := 1; n < r.Step; n++ {
			if d := f.first[n]; !d.IsZero() && r.Date.Before(d) && (worst == 0 || d.After(worstDate)) {
				worst, worstDate = n, d
			}
		}
		if worst != 0 {
			w.add(r.Step, DevWarnOrder, "日期 %s 早于前面的%s（%s），顺序颠倒", r.Date, p.label(worst), worstDate)
		}
	}
}

// checkMissing flags required steps skipped although a later step is done,
// and deadlines passed for steps not yet done.
func (p DevProcess) checkMissing(w *devWarnings, f devFile, today Date) {
	h := f.highest()
	for _, s := range p.Steps {
		if !s.Required || f.done(s.Number) || s.Number >= h {
			continue
		}
		later := 0
		for n := s.Number + 1; n <= DevStepCount; n++ {
			if f.done(n) {
				later = n
				break
			}
		}
		undated := false
		for _, r := range f.all {
			undated = undated || r.Step == s.Number
		}
		switch {
		case undated:
			w.add(s.Number, DevWarnMissing, "已有记录但没有填写日期（已记录%s）", p.label(later))
		case s.Number == DevStepPolitical:
			w.add(s.Number, DevWarnMissing, "没有记录，政治审查是必经程序，未经政治审查不能发展入党（已记录%s）", p.label(later))
		case s.Number == DevStepTraining:
			w.add(s.Number, DevWarnMissing, "没有记录，发展对象须经集中培训方能提交支部大会讨论（已记录%s）", p.label(later))
		default:
			w.add(s.Number, DevWarnMissing, "没有记录，但已记录%s", p.label(later))
		}
	}
	overdue := func(step int, deadline Date, rule string) {
		if deadline.IsZero() || !deadline.Before(today) {
			return
		}
		w.add(step, DevWarnLate, "%s（最迟 %s），至 %s 仍未记录，已逾期 %d 天", rule, deadline, today, deadline.DaysUntil(today))
	}
	if !f.done(DevStepTalk) && h < DevStepTalk && !f.apply.IsZero() {
		overdue(DevStepTalk, DevTalkDeadline(f.apply), "应在收到入党申请书后 1 个月内进行")
	}
	if act := f.first[DevStepActivist]; !act.IsZero() {
		var reviews []Date
		for _, r := range f.dated(DevStepReview) {
			reviews = append(reviews, r.Date)
		}
		for _, per := range DevMissingReviews(act, f.first[DevStepCandidate], reviews, today) {
			w.add(DevStepReview, DevWarnReview, "应每半年考察一次，%s 至 %s 期间没有考察记录", per.From, per.To)
		}
	}
	if v := f.vote(); !v.IsZero() && !f.done(DevStepApproval) && h < DevStepApproval {
		overdue(DevStepApproval, DevApprovalDeadline(v), "上级党委应在支部大会讨论后 3 个月内审批")
	}
	if h >= DevStepApproval && f.fullApproved().IsZero() && !f.cancelled() {
		if end := f.probationEnd(); !end.IsZero() {
			overdue(DevStepFullApproval, DevFullApprovalDeadline(end), "转正应在预备期满后 3 个月内审批")
		}
	}
}

// checkTimes applies the interval rules to the steps that are done.
func (p DevProcess) checkTimes(w *devWarnings, f devFile) {
	late := func(step int, deadline, actual Date, rule string) {
		if actual.After(deadline) {
			w.add(step, DevWarnLate, "%s（最迟 %s），实际 %s，晚了 %d 天", rule, deadline, actual, deadline.DaysUntil(actual))
		}
	}
	early := func(step int, earliest, actual Date, rule string) {
		if actual.Before(earliest) {
			w.add(step, DevWarnEarly, "%s（%s 起），实际 %s，早了 %d 天", rule, earliest, actual, actual.DaysUntil(earliest))
		}
	}
	if d := f.first[DevStepTalk]; !d.IsZero() && !f.apply.IsZero() {
		late(DevStepTalk, DevTalkDeadline(f.apply), d, "应在收到入党申请书后 1 个月内进行")
	}
	if d, act := f.first[DevStepCandidate], f.first[DevStepActivist]; !d.IsZero() && !act.IsZero() {
		early(DevStepCandidate, DevCandidateEarliest(act), d, "应在确定为入党积极分子满 1 年后确定")
	}
	for _, r := range f.dated(DevStepTraining) {
		if (r.TrainingDays > 0 || r.TrainingHours > 0) && !DevTrainingEnough(r.TrainingDays, r.TrainingHours) {
			w.add(DevStepTraining, DevWarnTraining, "集中培训应不少于 3 天或 24 个学时，记录为 %d 天、%d 学时", r.TrainingDays, r.TrainingHours)
		}
	}
	if d, v := f.first[DevStepApproval], f.vote(); !d.IsZero() && !v.IsZero() {
		late(DevStepApproval, DevApprovalDeadline(v), d, "上级党委应在支部大会讨论后 3 个月内审批")
	}
	for _, r := range f.dated(DevStepFullVote) {
		if end := f.endAt(r.Date); !end.IsZero() && devIsFull(r.Outcome) {
			early(DevStepFullVote, end, r.Date, "应在预备期满后讨论转正")
		}
	}
	for _, r := range f.dated(DevStepFullApproval) {
		if g, ok := f.governing(r.Date); ok && !devIsFull(g.Outcome) {
			continue // approves an extension or a cancellation
		}
		end := f.endAt(r.Date)
		if end.IsZero() {
			continue
		}
		early(DevStepFullApproval, end, r.Date, "转正应在预备期满后审批")
		late(DevStepFullApproval, DevFullApprovalDeadline(end), r.Date, "转正应在预备期满后 3 个月内审批")
	}
}

// checkPeople checks the 培养联系人 (1–2 正式党员) and the 入党介绍人 (two
// 正式党员; a 预备党员 is a warning).
func (p DevProcess) checkPeople(w *devWarnings, f devFile) {
	check := func(step int, role string, min, max int, what string) {
		var people []DevPerson
		recorded := false
		for _, r := range f.all {
			if r.Step != step {
				continue
			}
			recorded = true
			for _, x := range r.People {
				if x.Role == role && strings.TrimSpace(x.Name) != "" {
					people = append(people, x)
				}
			}
		}
		if !recorded {
			return // a missing step is reported by checkMissing
		}
		if len(people) < min || len(people) > max {
			w.add(step, DevWarnPeople, "%s，现有 %d 名", what, len(people))
		}
		for _, x := range people {
			switch x.Standing {
			case StandingFull:
			case StandingProbationary:
				w.add(step, DevWarnPeople, "%s %s 是预备党员，%s应为正式党员", role, x.Name, role)
			default:
				w.add(step, DevWarnPeople, "%s %s 的党籍未能核实（不在花名册中？），%s应为正式党员", role, x.Name, role)
			}
		}
	}
	check(DevStepCultivators, DevRoleCultivator, 1, 2, "应指定 1 至 2 名正式党员作培养联系人")
	check(DevStepIntroducers, DevRoleIntroducer, 2, 2, "应有 2 名正式党员作入党介绍人")
}

// checkVotes applies DevVote to the recorded 支部大会 votes.
func (p DevProcess) checkVotes(w *devWarnings, f devFile) {
	for _, r := range f.all {
		if (r.Step != DevStepVote && r.Step != DevStepFullVote) || r.Vote == nil {
			continue
		}
		v := r.Vote
		res, err := DevVote(v.Expected, v.Present, v.Yes, v.No, v.Abstain)
		switch {
		case err != nil:
			w.add(r.Step, DevWarnVote, "表决票数有误：%v", err)
		case !res.Passed:
			w.add(r.Step, DevWarnVote, "%s", res.Message)
		}
	}
}

// checkProbation checks the step-23 outcomes: known values, one extension
// of 6–12 months at most.
func (p DevProcess) checkProbation(w *devWarnings, f devFile) {
	var months []int
	for _, r := range f.all {
		if r.Step != DevStepFullVote {
			continue
		}
		switch r.Outcome {
		case "", DevOutcomeFull, DevOutcomeCancel:
			if r.ExtendMonths != 0 {
				w.add(r.Step, DevWarnProbation, "决定为“%s”，却填写了延长 %d 个月", devOutcomeLabel(r.Outcome), r.ExtendMonths)
			}
		case DevOutcomeExtend:
			if r.ExtendMonths == 0 {
				w.add(r.Step, DevWarnProbation, "决定延长预备期，但没有填写延长几个月（6 至 12 个月）")
				continue
			}
			months = append(months, r.ExtendMonths)
		default:
			w.add(r.Step, DevWarnProbation, "决定“%s”不是按期转正、延长预备期或取消预备党员资格", r.Outcome)
		}
	}
	if err := DevCheckExtensions(months); err != nil {
		w.add(DevStepFullVote, DevWarnProbation, "%v", err)
	}
}

func devOutcomeLabel(o string) string {
	if o == "" {
		return DevOutcomeFull
	}
	return o
}

// checkMaterials lists, per done step, the required materials not on file.
func (p DevProcess) checkMaterials(w *devWarnings, f devFile) {
	have := map[int]map[string]bool{}
	for _, r := range f.all {
		if have[r.Step] == nil {
			have[r.Step] = map[string]bool{}
		}
		for _, m := range r.Materials {
			have[r.Step][strings.TrimSpace(m)] = true
		}
	}
	for _, s := range p.Steps {
		if !f.done(s.Number) {
			continue
		}
		var missing []string
		for _, m := range s.Materials {
			if !have[s.Number][m] {
				missing = append(missing, m)
			}
		}
		if len(missing) > 0 {
			w.add(s.Number, DevWarnMaterials, "缺少材料：%s", strings.Join(missing, "、"))
		}
	}
}

// Next is what the candidate needs next: the step after the highest one
// done, with its deadline (or earliest day) where a rule gives one. While
// the cultivation year runs, the next half-year review is the next step.
func (p DevProcess) Next(c DevCandidate, steps []DevStepRecord, today Date) DevNext {
	f := newDevFile(c, steps)
	next := func(n int, due, notBefore Date) DevNext {
		return DevNext{Step: n, Name: p.Step(n).Name, Due: due, NotBefore: notBefore}
	}
	if f.cancelled() {
		return DevNext{}
	}
	if !f.fullApproved().IsZero() {
		if f.done(DevStepArchive) {
			return DevNext{}
		}
		return next(DevStepArchive, Date{}, Date{})
	}
	if o, ok := f.lastOutcome(); ok && o == DevOutcomeExtend {
		last := f.dated(DevStepFullVote)
		at := last[len(last)-1].Date
		approved := false
		for _, r := range f.dated(DevStepFullApproval) {
			if !r.Date.Before(at) {
				approved = true
			}
		}
		if !approved {
			return next(DevStepFullApproval, Date{}, Date{})
		}
		return next(DevStepFullApply, f.probationEnd(), Date{})
	}
	h := f.highest()
	if h >= DevStepCount {
		return DevNext{}
	}
	n := h + 1
	act := f.first[DevStepActivist]
	var reviews []Date
	for _, r := range f.dated(DevStepReview) {
		reviews = append(reviews, r.Date)
	}
	switch n {
	case DevStepTalk:
		return next(n, DevTalkDeadline(f.apply), Date{})
	case DevStepReview:
		return next(n, DevNextReviewDue(act, reviews, today), Date{})
	case DevStepCandidate:
		if act.IsZero() {
			return next(n, Date{}, Date{})
		}
		earliest := DevCandidateEarliest(act)
		if due := DevNextReviewDue(act, reviews, today); today.Before(earliest) && !due.IsZero() && !due.After(earliest) {
			return next(DevStepReview, due, Date{})
		}
		return next(n, Date{}, earliest)
	case DevStepApproval:
		return next(n, DevApprovalDeadline(f.vote()), Date{})
	case DevStepFullApply:
		return next(n, f.probationEnd(), Date{})
	case DevStepFullVote:
		return next(n, Date{}, f.probationEnd())
	case DevStepFullApproval:
		if end := f.probationEnd(); !end.IsZero() {
			return next(n, DevFullApprovalDeadline(end), Date{})
		}
	}
	return next(n, Date{}, Date{})
}

// ---- The branch vote ----

// VoteResult is the outcome of a 支部大会 vote under domain.md §4.
type VoteResult struct {
	Quorum  bool   `json:"quorum"`
	Passed  bool   `json:"passed"`
	Message string `json:"message"`
}

// DevVote applies the branch vote rule (steps 15 and 23): the members with
// voting rights present must exceed half of 应到, and the motion passes only
// when yes votes exceed half of 应到 (VotePasses) — never half of those
// present. Impossible counts are an error with a Chinese message.
func DevVote(expected, present, yes, no, abstain int) (VoteResult, error) {
	switch {
	case expected < 0 || present < 0 || yes < 0 || no < 0 || abstain < 0:
		return VoteResult{}, fmt.Errorf("人数和票数不能为负数")
	case expected == 0:
		return VoteResult{}, fmt.Errorf("应到会有表决权的党员人数应大于 0")
	case present > expected:
		return VoteResult{}, fmt.Errorf("实到 %d 名，多于应到 %d 名", present, expected)
	case yes+no+abstain > present:
		return VoteResult{}, fmt.Errorf("赞成 %d 票、反对 %d 票、弃权 %d 票，合计 %d 票，多于实到的 %d 名", yes, no, abstain, yes+no+abstain, present)
	}
	need := expected/2 + 1
	if msg := Quorum(KindGeneralMeeting, expected, present, 0, 0); msg != "" {
		return VoteResult{Message: msg}, nil
	}
	head := fmt.Sprintf("应到会有表决权的党员 %d 名，实到 %d 名；赞成 %d 票，反对 %d 票，弃权 %d 票。", expected, present, yes, no, abstain)
	if VotePasses(yes, expected) {
		return VoteResult{Quorum: true, Passed: true,
			Message: head + fmt.Sprintf("赞成票超过应到会有表决权党员的半数（至少 %d 票），表决通过", need)}, nil
	}
	return VoteResult{Quorum: true,
		Message: head + fmt.Sprintf("赞成票未超过应到会有表决权党员的半数（需至少 %d 票），表决未通过", need)}, nil
}
