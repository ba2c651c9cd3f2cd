package data

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestDevDefaultStepsLoad(t *testing.T) {
	p := DefaultDevProcess()
	if len(p.Steps) != 25 || len(p.Stages) != 5 {
		t.Fatalf("%d steps, %d stages", len(p.Steps), len(p.Stages))
	}
	// The stages of domain.md §4: 1–2, 3–6, 7–11, 12–18, 19–25.
	bounds := map[int]int{1: 1, 2: 1, 3: 2, 6: 2, 7: 3, 11: 3, 12: 4, 18: 4, 19: 5, 25: 5}
	for n, st := range bounds {
		if got := p.Step(n).Stage; got != st {
			t.Errorf("step %d in stage %d, want %d", n, got, st)
		}
	}
	wantNames := []string{"申请入党", "入党积极分子", "发展对象", "接收预备党员", "预备期和转正"}
	for i, s := range p.Stages {
		if s.Name != wantNames[i] || s.Title == "" {
			t.Errorf("stage %d = %+v", i+1, s)
		}
	}
	for _, c := range []struct {
		step     int
		name     string
		rule     string
		material string
	}{
		{1, "递交入党申请书", DevRuleAge18, "入党申请书"},
		{2, "谈话", DevRuleTalk, "谈话记录"},
		{10, "进行政治审查", DevRulePolitical, "政治审查结论"},
		{11, "开展集中培训", DevRuleTraining, "培训结业证明"},
		{14, "填写入党志愿书", "", "入党志愿书"},
		{15, "支部大会讨论", DevRuleVote, "支部大会决议"},
		{22, "提出转正申请", DevRuleFullApply, "转正申请书"},
		{23, "支部大会讨论转正", DevRuleProbationVote, "支部大会决议"},
	} {
		s := p.Step(c.step)
		if s.Name != c.name || s.Rule != c.rule || !strings.Contains(strings.Join(s.Materials, ","), c.material) || s.Actor == "" {
			t.Errorf("step %d = %+v", c.step, s)
		}
	}
	if !p.Step(10).Required || !p.Step(11).Required || p.Step(4).Required {
		t.Error("required flags")
	}
	if p.label(2) != "第 2 步 谈话" || p.StageOfStep(15).Name != "接收预备党员" || p.Step(26).Number != 0 {
		t.Error("lookups")
	}
	// A copy: changing it leaves the defaults alone.
	p.Steps[0].Materials[0] = "改"
	if DefaultDevProcess().Steps[0].Materials[0] != "入党申请书" {
		t.Error("DefaultDevProcess shares its slices")
	}
}

func TestDevProcessValidate(t *testing.T) {
	good := string(defaultDevStepsJSON)
	cases := []struct {
		name string
		edit func(p *DevProcess)
		want string
	}{
		{"ok", func(p *DevProcess) {}, ""},
		{"step missing", func(p *DevProcess) { p.Steps = p.Steps[:24] }, "25 个步骤"},
		{"renumbered", func(p *DevProcess) { p.Steps[4].Number = 6 }, "第 5 个步骤的编号是 6"},
		{"stage goes back", func(p *DevProcess) { p.Steps[7].Stage = 2 }, "阶段"},
		{"stage skipped", func(p *DevProcess) { p.Steps[2].Stage = 3 }, "阶段"},
		{"first stage not 1", func(p *DevProcess) { p.Steps[0].Stage = 2 }, "阶段"},
		{"four stages", func(p *DevProcess) { p.Stages = p.Stages[:4] }, "5 个阶段"},
		{"unnamed step", func(p *DevProcess) { p.Steps[3].Name = " " }, "第 4 步没有名称"},
		{"unknown rule", func(p *DevProcess) { p.Steps[3].Rule = "whenever" }, "未知"},
		{"rule moved", func(p *DevProcess) { p.Steps[2].Rule, p.Steps[1].Rule = DevRuleTalk, "" }, "应属于第 2 步"},
		{"vote rule removed", func(p *DevProcess) { p.Steps[14].Rule = "" }, "第 15 步应为支部大会表决"},
	}
	for _, c := range cases {
		var p DevProcess
		if err := json.Unmarshal([]byte(good), &p); err != nil {
			t.Fatal(err)
		}
		c.edit(&p)
		b, _ := json.Marshal(p)
		_, err := LoadDevProcess(b)
		if c.want == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	if _, err := LoadDevProcess([]byte("{")); err == nil || !strings.Contains(err.Error(), "格式错误") {
		t.Errorf("bad JSON: %v", err)
	}
}

func TestDevMergeStepEdits(t *testing.T) {
	defs := DefaultDevProcess().Steps
	edited := []DevStep{
		{Number: 2, Stage: 5, Name: " 党组织派人谈话 ", Rule: "", Required: false, Materials: []string{"谈话记录", " 谈话记录 ", "", "谈话人签字"}},
		{Number: 10, Name: "", Actor: "党委组织部门", Materials: []string{}},
		{Number: 26, Name: "多出来的一步"},
		{Number: 0, Name: "没有编号"},
	}
	got := MergeStepEdits(defs, edited)
	if len(got) != 25 {
		t.Fatalf("%d steps", len(got))
	}
	for i, s := range got {
		if s.Number != i+1 || s.Stage != defs[i].Stage || s.Rule != defs[i].Rule || s.Required != defs[i].Required {
			t.Errorf("step %d: fixed fields changed: %+v", i+1, s)
		}
	}
	if s := got[1]; s.Name != "党组织派人谈话" || strings.Join(s.Materials, "|") != "谈话记录|谈话人签字" || s.Actor != "党支部" {
		t.Errorf("step 2 = %+v", s)
	}
	if s := got[9]; s.Name != "进行政治审查" || s.Actor != "党委组织部门" || len(s.Materials) != 0 {
		t.Errorf("step 10 = %+v", s)
	}
	if got[2].Name != defs[2].Name || strings.Join(got[2].Materials, ",") != strings.Join(defs[2].Materials, ",") {
		t.Error("an unedited step changed")
	}
	if defs[1].Name != "谈话" {
		t.Error("defaults mutated")
	}
	if err := (DevProcess{Stages: DefaultDevProcess().Stages, Steps: got}).Validate(); err != nil {
		t.Errorf("merged list invalid: %v", err)
	}
}

// ---- date rules at their edges ----

func TestDevAdult(t *testing.T) {
	cases := []struct {
		birth, day string
		adult      bool
		adultDate  string
	}{
		{"2008-04-15", "2026-04-14", false, "2026-04-15"},
		{"2008-04-15", "2026-04-15", true, "2026-04-15"},
		// 02-29 births turn 18 on 03-01 when the year has no 02-29, as Member.Age counts.
		{"2008-02-29", "2026-02-28", false, "2026-03-01"},
		{"2008-02-29", "2026-03-01", true, "2026-03-01"},
		{"2010-02-28", "2028-02-27", false, "2028-02-28"},
		{"2010-02-28", "2028-02-28", true, "2028-02-28"},
		{"2007-12-31", "2025-12-31", true, "2025-12-31"},
		{"2007-12-31", "2025-12-30", false, "2025-12-31"},
	}
	for _, c := range cases {
		b, d := MustDate(c.birth), MustDate(c.day)
		if got := DevAdultOn(b, d); got != c.adult {
			t.Errorf("born %s, on %s adult=%v", c.birth, c.day, got)
		}
		ad := DevAdultDate(b)
		if ad.String() != c.adultDate {
			t.Errorf("born %s: 18 on %s, want %s", c.birth, ad, c.adultDate)
		}
		// Consistent with the age the dossier shows.
		if !DevAdultOn(b, ad) || DevAdultOn(b, ad.AddDays(-1)) || (Member{BirthDate: b}).Age(ad) != 18 {
			t.Errorf("born %s: adult date %s disagrees with the age", c.birth, ad)
		}
	}
}

// devDeadlineCase checks a "within N" or "no earlier than" rule: from → the
// rule's date, and that the date itself is allowed and the next day not.
type devDeadlineCase struct{ from, want string }

func runDevDeadlines(t *testing.T, name string, f func(Date) Date, cases []devDeadlineCase) {
	t.Helper()
	for _, c := range cases {
		if got := f(MustDate(c.from)).String(); got != c.want {
			t.Errorf("%s(%s) = %s, want %s", name, c.from, got, c.want)
		}
	}
}

func TestDevTalkDeadline(t *testing.T) {
	runDevDeadlines(t, "talk", DevTalkDeadline, []devDeadlineCase{
		{"2026-03-15", "2026-04-15"}, // exactly 1 month
		{"2026-01-31", "2026-02-28"}, // month end clamps
		{"2024-01-31", "2024-02-29"}, // leap year
		{"2024-01-30", "2024-02-29"},
		{"2024-02-29", "2024-03-29"}, // from a leap day
		{"2026-03-31", "2026-04-30"},
		{"2026-12-31", "2027-01-31"}, // across the year
	})
	// On the deadline is on time; the day after is 1 day late.
	c := DevCandidate{ApplyDate: MustDate("2026-01-31"), BirthDate: MustDate("1990-01-01")}
	for _, x := range []struct {
		talk string
		late int
	}{{"2026-02-28", 0}, {"2026-03-01", 1}, {"2026-03-31", 31}} {
		ws := CheckDevelopment(c, []DevStepRecord{devRec(1, "2026-01-31"), devRec(2, x.talk)}, MustDate("2026-04-01"))
		got := devKinds(ws)
		if x.late == 0 && got != "" {
			t.Errorf("talk %s: %v", x.talk, ws)
		}
		if x.late > 0 && (got != "2:late" || !strings.Contains(ws[0].Message, fmt.Sprintf("晚了 %d 天", x.late)) || !strings.Contains(ws[0].Message, "最迟 2026-02-28")) {
			t.Errorf("talk %s: %v", x.talk, ws)
		}
	}
}

func TestDevCandidateEarliest(t *testing.T) {
	runDevDeadlines(t, "candidate", DevCandidateEarliest, []devDeadlineCase{
		{"2025-03-01", "2026-03-01"}, // exactly 1 year
		{"2024-02-29", "2025-02-28"}, // leap day clamps
		{"2023-02-28", "2024-02-28"},
		{"2025-12-31", "2026-12-31"},
	})
}

func TestDevApprovalDeadlines(t *testing.T) {
	runDevDeadlines(t, "approval", DevApprovalDeadline, []devDeadlineCase{
		{"2026-01-15", "2026-04-15"}, // exactly 3 months
		{"2025-11-30", "2026-02-28"}, // month end
		{"2023-11-30", "2024-02-29"}, // leap year
		{"2026-10-31", "2027-01-31"},
	})
	runDevDeadlines(t, "full approval", DevFullApprovalDeadline, []devDeadlineCase{
		{"2026-07-01", "2026-10-01"},
		{"2025-11-30", "2026-02-28"},
		{"2024-05-31", "2024-08-31"},
	})
}

func TestDevTrainingEnough(t *testing.T) {
	for _, c := range []struct {
		days, hours int
		ok          bool
	}{
		{3, 0, true}, {2, 23, false}, {0, 24, true}, {2, 24, true}, {0, 0, false}, {5, 40, true}, {1, 8, false},
	} {
		if got := DevTrainingEnough(c.days, c.hours); got != c.ok {
			t.Errorf("%d days %d hours: %v", c.days, c.hours, got)
		}
	}
}

func TestDevTrainingBeforeVote(t *testing.T) {
	for _, c := range []struct {
		end, vote string
		ok        bool
	}{
		{"2026-03-01", "2026-03-02", true},
		{"2026-03-02", "2026-03-02", true},
		{"2026-03-03", "2026-03-02", false},
		{"", "2026-03-02", false},
		{"2024-02-29", "2024-03-01", true},
	} {
		end, _ := ParseDate(c.end)
		if got := DevTrainingBeforeVote(end, MustDate(c.vote)); got != c.ok {
			t.Errorf("training %q, vote %s: %v", c.end, c.vote, got)
		}
	}
}

func TestDevProbationEnd(t *testing.T) {
	for _, c := range []struct {
		vote   string
		months int
		want   string
		bad    bool
	}{
		{"2025-07-01", 0, "2026-07-01", false},
		{"2025-07-01", 6, "2027-01-01", false},
		{"2025-07-01", 12, "2027-07-01", false},
		{"2025-07-01", 5, "", true},
		{"2025-07-01", 13, "", true},
		{"2025-07-01", -6, "", true},
		{"2024-02-29", 0, "2025-02-28", false},  // leap day: 1 year clamps
		{"2024-02-29", 6, "2025-08-29", false},  // counted from the vote, not from 02-28
		{"2025-08-31", 6, "2027-02-28", false},  // month end
		{"2023-08-31", 6, "2025-02-28", false},  // 18 months
		{"2022-08-31", 6, "2024-02-29", false},  // into a leap February
		{"2025-01-31", 11, "2026-12-31", false}, // any month count 6..12
	} {
		got, err := DevProbationEnd(MustDate(c.vote), c.months)
		if c.bad {
			if err == nil || !strings.Contains(err.Error(), "6 至 12 个月") {
				t.Errorf("%s +%d: accepted %s", c.vote, c.months, got)
			}
			continue
		}
		if err != nil || got.String() != c.want {
			t.Errorf("%s +%d = %s %v, want %s", c.vote, c.months, got, err, c.want)
		}
	}
	if _, err := DevProbationEnd(Date{}, 0); err == nil {
		t.Error("no vote date accepted")
	}
	for _, c := range []struct {
		months []int
		ok     bool
	}{
		{nil, true}, {[]int{6}, true}, {[]int{12}, true}, {[]int{6, 6}, false}, {[]int{3}, false}, {[]int{13}, false},
	} {
		if err := DevCheckExtensions(c.months); (err == nil) != c.ok {
			t.Errorf("extensions %v: %v", c.months, err)
		}
	}
}

func TestDevMissingReviews(t *testing.T) {
	act := "2025-08-31" // a month end: periods end 2026-02-28, 2026-08-31, 2027-02-28
	cases := []struct {
		name    string
		reviews []string
		until   string
		asOf    string
		want    string // "from~to" joined by ","
	}{
		{"first period still running on its last day", nil, "", "2026-02-28", ""},
		{"first period over the day after", nil, "", "2026-03-01", "2025-08-31~2026-02-28"},
		{"review on the last day counts", []string{"2026-02-28"}, "", "2026-03-01", ""},
		{"review on the activist day counts", []string{"2025-08-31"}, "", "2026-03-01", ""},
		{"review the day after the period belongs to the next", []string{"2026-03-01"}, "", "2026-09-01", "2025-08-31~2026-02-28"},
		{"second period ends 08-31, not 08-28", []string{"2026-02-01"}, "", "2026-08-31", ""},
		{"second period missing", []string{"2026-02-01"}, "", "2026-09-01", "2026-02-28~2026-08-31"},
		{"two missing", nil, "", "2026-09-01", "2025-08-31~2026-02-28,2026-02-28~2026-08-31"},
		{"cultivation ended mid-period", nil, "2026-05-01", "2027-06-01", "2025-08-31~2026-02-28"},
		{"cultivation ended on a period's last day", []string{"2026-01-01"}, "2026-08-31", "2027-06-01", "2026-02-28~2026-08-31"},
		{"two reviews in one period do not cover the next", []string{"2025-10-01", "2026-01-01"}, "", "2026-09-01", "2026-02-28~2026-08-31"},
	}
	for _, c := range cases {
		var rs []Date
		for _, r := range c.reviews {
			rs = append(rs, MustDate(r))
		}
		var until Date
		if c.until != "" {
			until = MustDate(c.until)
		}
		var got []string
		for _, p := range DevMissingReviews(MustDate(act), until, rs, MustDate(c.asOf)) {
			got = append(got, p.From.String()+"~"+p.To.String())
		}
		if strings.Join(got, ",") != c.want {
			t.Errorf("%s: %v, want %s", c.name, got, c.want)
		}
	}
	if DevMissingReviews(Date{}, Date{}, nil, MustDate("2026-01-01")) != nil {
		t.Error("no activist date gave periods")
	}
	for _, c := range []struct {
		reviews []string
		asOf    string
		want    string
	}{
		{nil, "2025-09-10", "2026-02-28"},
		{[]string{"2026-01-10"}, "2026-01-11", "2026-08-31"},
		{nil, "2026-03-01", "2026-08-31"}, // an overdue period is reported by DevMissingReviews, not here
	} {
		var rs []Date
		for _, r := range c.reviews {
			rs = append(rs, MustDate(r))
		}
		if got := DevNextReviewDue(MustDate(act), rs, MustDate(c.asOf)); got.String() != c.want {
			t.Errorf("next review as of %s = %s, want %s", c.asOf, got, c.want)
		}
	}
}

// ---- the vote ----

func TestDevVote(t *testing.T) {
	cases := []struct {
		name                                string
		expected, present, yes, no, abstain int
		quorum, passed                      bool
		msg                                 string // substring of the message or error
		bad                                 bool
	}{
		// odd 应到 9: quorum needs 5 present, passing needs 5 yes
		{"9: 4 present", 9, 4, 4, 0, 0, false, false, "未超过应到 9 名的半数", false},
		{"9: 5 present, 5 yes", 9, 5, 5, 0, 0, true, true, "表决通过", false},
		{"9: 5 present, 4 yes", 9, 5, 4, 1, 0, true, false, "需至少 5 票", false},
		{"9: all present, 4 yes", 9, 9, 4, 3, 2, true, false, "表决未通过", false},
		// even 应到 10: quorum needs 6 present, passing needs 6 yes
		{"10: 5 present", 10, 5, 5, 0, 0, false, false, "未超过应到 10 名的半数", false},
		{"10: 6 present, 5 yes (majority of present)", 10, 6, 5, 1, 0, true, false, "需至少 6 票", false},
		{"10: 6 present, 6 yes", 10, 6, 6, 0, 0, true, true, "至少 6 票", false},
		{"1: 1 present, 1 yes", 1, 1, 1, 0, 0, true, true, "表决通过", false},
		{"2: 1 present", 2, 1, 1, 0, 0, false, false, "半数", false},
		{"blank ballots are allowed", 9, 7, 5, 0, 0, true, true, "赞成 5 票", false},
		// impossible counts
		{"more present than expected", 9, 10, 5, 0, 0, false, false, "实到 10 名，多于应到 9 名", true},
		{"more votes than present", 9, 6, 5, 1, 1, false, false, "合计 7 票，多于实到的 6 名", true},
		{"more yes than present", 9, 5, 6, 0, 0, false, false, "多于实到", true},
		{"negative", 9, 5, -1, 0, 0, false, false, "负数", true},
		{"no 应到", 0, 0, 0, 0, 0, false, false, "大于 0", true},
	}
	for _, c := range cases {
		res, err := DevVote(c.expected, c.present, c.yes, c.no, c.abstain)
		if c.bad {
			if err == nil || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("%s: %+v %v", c.name, res, err)
			}
			continue
		}
		if err != nil || res.Quorum != c.quorum || res.Passed != c.passed || !strings.Contains(res.Message, c.msg) {
			t.Errorf("%s: %+v %v", c.name, res, err)
		}
		// One rule: the same as the minutes' VotePasses whenever quorate.
		if res.Quorum && res.Passed != VotePasses(c.yes, c.expected) {
			t.Errorf("%s: disagrees with VotePasses", c.name)
		}
	}
}

// ---- the file checker ----

// devID builds a valid ID number.
func devID(birth, seq string) string {
	first := "110101" + birth + seq
	c, err := IDCheckChar(first)
	if err != nil {
		panic(err)
	}
	return first + string(c)
}

// devRec is a done step with its default materials.
func devRec(step int, date string) DevStepRecord {
	return DevStepRecord{Step: step, Date: MustDate(date), Materials: append([]string(nil), DefaultDevProcess().Step(step).Materials...)}
}

func devFull(names ...string) []DevPerson {
	var out []DevPerson
	for _, n := range names {
		out = append(out, DevPerson{Name: n, Standing: StandingFull})
	}
	return out
}

func devWithRole(role string, ps []DevPerson) []DevPerson {
	for i := range ps {
		ps[i].Role = role
	}
	return ps
}

// devCleanFile is a complete, on-time file (checked on 2026-01-10).
func devCleanFile() (DevCandidate, []DevStepRecord) {
	c := DevCandidate{Name: "赵六", IDNumber: devID("19980520", "123"), BranchID: 2, ApplyDate: MustDate("2023-03-15")}
	dates := map[int]string{
		1: "2023-03-15", 2: "2023-04-10", 3: "2023-06-01", 4: "2023-06-10", 5: "2023-06-10",
		7: "2024-06-03", 8: "2024-06-10", 9: "2024-06-15", 10: "2024-07-01", 11: "2024-07-10",
		12: "2024-08-01", 13: "2024-08-10", 14: "2024-08-20", 15: "2024-09-01", 16: "2024-09-15",
		17: "2024-10-20", 18: "2024-10-30", 19: "2024-11-01", 20: "2024-11-05", 21: "2024-11-05",
		22: "2025-08-20", 23: "2025-09-02", 24: "2025-10-10", 25: "2025-10-20",
	}
	var rs []DevStepRecord
	for n := 1; n <= 25; n++ {
		if n == 6 {
			rs = append(rs, devRec(6, "2023-11-30"), devRec(6, "2024-05-30"))
			continue
		}
		r := devRec(n, dates[n])
		switch n {
		case 5:
			r.People = devWithRole(DevRoleCultivator, devFull("张三"))
		case 9:
			r.People = devWithRole(DevRoleIntroducer, devFull("李四", "王五"))
		case 11:
			r.TrainingDays = 3
		case 15, 23:
			r.Vote = &DevVoteCount{Expected: 9, Present: 8, Yes: 7, No: 1}
		}
		if n == 23 {
			r.Outcome = DevOutcomeFull
		}
		rs = append(rs, r)
	}
	return c, rs
}

var devToday = MustDate("2026-01-10")

type devEdit func(c *DevCandidate, rs *[]DevStepRecord)

func devSet(step int, date string) devEdit {
	return func(c *DevCandidate, rs *[]DevStepRecord) {
		for i := range *rs {
			if (*rs)[i].Step == step {
				(*rs)[i].Date = MustDate(date)
				if step == 1 {
					c.ApplyDate = MustDate(date)
				}
				return
			}
		}
		*rs = append(*rs, devRec(step, date))
	}
}

func devDrop(steps ...int) devEdit {
	return func(c *DevCandidate, rs *[]DevStepRecord) {
		var out []DevStepRecord
	next:
		for _, r := range *rs {
			for _, s := range steps {
				if r.Step == s {
					continue next
				}
			}
			out = append(out, r)
		}
		*rs = out
	}
}

func devKeep(max int) devEdit {
	return func(c *DevCandidate, rs *[]DevStepRecord) {
		var out []DevStepRecord
		for _, r := range *rs {
			if r.Step <= max {
				out = append(out, r)
			}
		}
		*rs = out
	}
}

func devModify(step int, f func(r *DevStepRecord)) devEdit {
	return func(c *DevCandidate, rs *[]DevStepRecord) {
		for i := range *rs {
			if (*rs)[i].Step == step {
				f(&(*rs)[i])
				return
			}
		}
	}
}

func devKinds(ws []DevWarning) string {
	var s []string
	for _, w := range ws {
		s = append(s, fmt.Sprintf("%d:%s", w.Step, w.Kind))
	}
	return strings.Join(s, ",")
}

func TestDevCheckWarnings(t *testing.T) {
	cases := []struct {
		name  string
		edits []devEdit
		today string // default devToday
		want  string // step:kind list in order
		msgs  []string
	}{
		{"complete file on time", nil, "", "", nil},
		{"talk on the deadline", []devEdit{devSet(2, "2023-04-15")}, "", "", nil},
		{"talk a day late", []devEdit{devSet(2, "2023-04-16")}, "", "2:late",
			[]string{"第 2 步 谈话：应在收到入党申请书后 1 个月内进行（最迟 2023-04-15），实际 2023-04-16，晚了 1 天"}},
		{"talk 35 days late", []devEdit{devKeep(2), devSet(1, "2026-03-15"), devSet(2, "2026-05-20")}, "2026-05-21", "2:late",
			[]string{"（最迟 2026-04-15），实际 2026-05-20，晚了 35 天"}},
		{"talk not held, deadline today", []devEdit{devKeep(1), devSet(1, "2026-03-15")}, "2026-04-15", "", nil},
		{"talk not held, a day overdue", []devEdit{devKeep(1), devSet(1, "2026-03-15")}, "2026-04-16", "2:late",
			[]string{"至 2026-04-16 仍未记录，已逾期 1 天"}},
		{"applicant 17 (birth from the ID number)", []devEdit{func(c *DevCandidate, _ *[]DevStepRecord) {
			c.IDNumber = devID("20050316", "124")
		}}, "", "1:age", []string{"第 1 步 递交入党申请书：申请人应年满 18 岁，2023-03-15 递交申请时只有 17 岁（2023-03-16 年满 18 岁）"}},
		{"applicant 18 that day", []devEdit{func(c *DevCandidate, _ *[]DevStepRecord) { c.IDNumber, c.BirthDate = "", MustDate("2005-03-15") }}, "", "", nil},
		{"leap-day birth, day before 03-01", []devEdit{devKeep(2), devSet(1, "2022-02-28"), devSet(2, "2022-03-10"), func(c *DevCandidate, _ *[]DevStepRecord) {
			c.IDNumber, c.BirthDate = "", MustDate("2004-02-29")
		}}, "2022-04-01", "1:age", []string{"2022-03-01 年满 18 岁"}},
		{"no birth date at all", []devEdit{func(c *DevCandidate, _ *[]DevStepRecord) { c.IDNumber = "" }}, "", "1:age", []string{"无法核对"}},
		{"application dates disagree", []devEdit{func(c *DevCandidate, _ *[]DevStepRecord) { c.ApplyDate = MustDate("2023-03-01") }}, "", "1:mismatch", []string{"不一致"}},
		{"发展对象 exactly 1 year after", []devEdit{devSet(7, "2024-06-01")}, "", "", nil},
		{"发展对象 a day early", []devEdit{devSet(7, "2024-05-31")}, "", "7:early",
			[]string{"第 7 步 确定发展对象：应在确定为入党积极分子满 1 年后确定（2024-06-01 起），实际 2024-05-31，早了 1 天"}},
		{"a half-year without review", []devEdit{devDrop(6), devSet(6, "2023-11-30")}, "", "6:review",
			[]string{"2023-12-01 至 2024-06-01 期间没有考察记录"}},
		{"cultivation running, reviews missing", []devEdit{devKeep(5)}, "2024-06-02", "6:review,6:review", nil},
		{"three cultivators", []devEdit{devModify(5, func(r *DevStepRecord) {
			r.People = devWithRole(DevRoleCultivator, devFull("甲", "乙", "丙"))
		})}, "", "5:people", []string{"应指定 1 至 2 名正式党员作培养联系人，现有 3 名"}},
		{"an introducer is 预备党员", []devEdit{devModify(9, func(r *DevStepRecord) { r.People[1].Standing = StandingProbationary })}, "", "9:people",
			[]string{"第 9 步 确定入党介绍人：入党介绍人 王五 是预备党员，入党介绍人应为正式党员"}},
		{"one introducer, not on the roster", []devEdit{devModify(9, func(r *DevStepRecord) {
			r.People = []DevPerson{{Name: "钱七", Role: DevRoleIntroducer}}
		})}, "", "9:people,9:people", []string{"现有 1 名", "钱七 的党籍未能核实"}},
		{"vote without political review and training", []devEdit{devDrop(10, 11)}, "", "10:missing,11:missing",
			[]string{"第 10 步 进行政治审查：没有记录，政治审查是必经程序", "第 11 步 开展集中培训：没有记录"}},
		{"a skipped talk", []devEdit{devDrop(2)}, "", "2:missing", []string{"没有记录，但已记录第 3 步"}},
		{"training too short", []devEdit{devModify(11, func(r *DevStepRecord) { r.TrainingDays, r.TrainingHours = 2, 16 })}, "", "11:training",
			[]string{"记录为 2 天、16 学时"}},
		{"24 class hours are enough", []devEdit{devModify(11, func(r *DevStepRecord) { r.TrainingDays, r.TrainingHours = 0, 24 })}, "", "", nil},
		{"training after the vote", []devEdit{devSet(11, "2024-08-25"), devSet(12, "2024-08-26"), devSet(13, "2024-08-27"), devSet(14, "2024-08-28"),
			devSet(15, "2024-08-24")}, "", "15:order", []string{"第 15 步 支部大会讨论：日期 2024-08-24 早于前面的第 14 步 填写入党志愿书（2024-08-28），顺序颠倒"}},
		{"political review after the vote", []devEdit{devSet(10, "2024-09-05")}, "", "11:order,12:order,13:order,14:order,15:order",
			[]string{"早于前面的第 10 步 进行政治审查（2024-09-05）"}},
		{"approval on the deadline", []devEdit{devKeep(17), devSet(17, "2024-12-01")}, "2024-12-10", "", nil},
		{"approval a day late", []devEdit{devKeep(17), devSet(17, "2024-12-02")}, "2024-12-10", "17:late", []string{"晚了 1 天"}},
		{"approval pending, overdue", []devEdit{devKeep(16)}, "2024-12-02", "17:late", []string{"已逾期 1 天"}},
		{"approval pending, due today", []devEdit{devKeep(16)}, "2024-12-01", "", nil},
		{"vote without quorum", []devEdit{devModify(15, func(r *DevStepRecord) { r.Vote = &DevVoteCount{Expected: 9, Present: 4, Yes: 4} })}, "", "15:vote",
			[]string{"未超过应到 9 名的半数"}},
		{"vote with impossible counts", []devEdit{devModify(23, func(r *DevStepRecord) { r.Vote = &DevVoteCount{Expected: 9, Present: 6, Yes: 7} })}, "", "23:vote",
			[]string{"表决票数有误"}},
		{"转正 discussed before probation ended", []devEdit{devSet(23, "2025-08-31")}, "", "23:early", []string{"2025-09-01 起"}},
		{"转正 approved a day late", []devEdit{devKeep(24), devSet(24, "2025-12-02")}, "", "24:late", []string{"最迟 2025-12-01"}},
		{"转正 approval overdue", []devEdit{devKeep(23)}, "2025-12-02", "24:late", []string{"已逾期 1 天"}},
		{"转正 approval overdue, 17 not recorded", []devEdit{devKeep(20), devDrop(17)}, "2025-12-02", "17:missing,24:late", []string{"最迟 2025-12-01"}},
		{"extended probation, approval overdue", []devEdit{devKeep(24), devModify(23, func(r *DevStepRecord) { r.Outcome, r.ExtendMonths = DevOutcomeExtend, 6 })},
			"2026-06-02", "24:late", []string{"最迟 2026-06-01"}},
		{"extended probation, not yet due", []devEdit{devKeep(24), devModify(23, func(r *DevStepRecord) { r.Outcome, r.ExtendMonths = DevOutcomeExtend, 6 })},
			"2026-06-01", "", nil},
		{"missing materials", []devEdit{devModify(10, func(r *DevStepRecord) { r.Materials = nil }), devModify(15, func(r *DevStepRecord) { r.Materials = []string{"支部大会决议"} })},
			"", "10:materials,15:materials", []string{"第 10 步 进行政治审查：缺少材料：政治审查结论", "缺少材料：支部大会会议记录"}},
		// An invalid extension leaves the 1-year end in force, so 转正 approval is overdue too.
		{"extension of 3 months", []devEdit{devModify(23, func(r *DevStepRecord) { r.Outcome, r.ExtendMonths = DevOutcomeExtend, 3 })}, "", "23:probation,24:late", []string{"6 至 12 个月"}},
		{"extension without months", []devEdit{devModify(23, func(r *DevStepRecord) { r.Outcome = DevOutcomeExtend })}, "", "23:probation,24:late", []string{"没有填写延长几个月"}},
		{"months without extension", []devEdit{devModify(23, func(r *DevStepRecord) { r.ExtendMonths = 6 })}, "", "23:probation", []string{"却填写了延长 6 个月"}},
		{"unknown outcome", []devEdit{devModify(23, func(r *DevStepRecord) { r.Outcome = "待定" })}, "", "23:probation,24:late", nil},
	}
	for _, c := range cases {
		cand, rs := devCleanFile()
		for _, e := range c.edits {
			e(&cand, &rs)
		}
		today := devToday
		if c.today != "" {
			today = MustDate(c.today)
		}
		ws := CheckDevelopment(cand, rs, today)
		if got := devKinds(ws); got != c.want {
			t.Errorf("%s: got %s, want %s\n%v", c.name, got, c.want, ws)
			continue
		}
		all := ""
		for _, w := range ws {
			all += w.Message + "\n"
		}
		for _, m := range c.msgs {
			if !strings.Contains(all, m) {
				t.Errorf("%s: no %q in\n%s", c.name, m, all)
			}
		}
	}
}

func TestDevCheckExtendedProbation(t *testing.T) {
	cand, rs := devCleanFile()
	devKeep(22)(&cand, &rs)
	ext := devRec(23, "2025-09-02")
	ext.Outcome, ext.ExtendMonths = DevOutcomeExtend, 6
	fin := devRec(23, "2026-03-02")
	fin.Outcome = DevOutcomeFull
	rs = append(rs, ext, devRec(24, "2025-09-20"), devRec(22, "2026-02-20"), fin, devRec(24, "2026-03-20"), devRec(25, "2026-03-25"))
	if ws := CheckDevelopment(cand, rs, MustDate("2026-04-01")); len(ws) != 0 {
		t.Errorf("extended file: %v", ws)
	}
	// vote 2024-09-01 + 1 year + 6 months
	if got := DevFullDate(rs); got.String() != "2026-03-01" {
		t.Errorf("转正时间 %s", got)
	}
	if got := DevStageOf(cand, rs); got != DevStageFull {
		t.Errorf("stage %s", got)
	}
	// Approved late against the extended end; early against it.
	late := append(append([]DevStepRecord(nil), rs[:len(rs)-2]...), devRec(24, "2026-06-02"))
	if got := devKinds(CheckDevelopment(cand, late, MustDate("2026-07-01"))); got != "24:late" {
		t.Errorf("late after extension: %s", got)
	}
	early := append(append([]DevStepRecord(nil), rs[:len(rs)-3]...), func() DevStepRecord { r := fin; r.Date = MustDate("2026-02-27"); return r }())
	if got := devKinds(CheckDevelopment(cand, early, MustDate("2026-03-01"))); got != "23:early" {
		t.Errorf("decided before the extended end: %s", got)
	}
	// A second extension.
	twice := append(append([]DevStepRecord(nil), rs[:len(rs)-3]...), ext)
	twice[len(twice)-1].Date = MustDate("2026-03-02")
	ws := CheckDevelopment(cand, twice, MustDate("2026-03-10"))
	if got := devKinds(ws); got != "23:probation" || !strings.Contains(ws[0].Message, "只能延长一次") {
		t.Errorf("twice: %v", ws)
	}
}

// A file as imported from a ledger: no materials, a late talk, an early
// 发展对象, no political review, training after the vote.
func TestDevCheckLedgerFile(t *testing.T) {
	c := DevCandidate{Name: "孙八", IDNumber: devID("19950101", "222"), BranchID: 3, ApplyDate: MustDate("2024-03-01")}
	bare := func(step int, date string) DevStepRecord { return DevStepRecord{Step: step, Date: MustDate(date)} }
	rs := []DevStepRecord{
		bare(2, "2024-05-10"),
		bare(3, "2024-06-01"),
		{Step: 5, Date: MustDate("2024-06-01"), People: devWithRole(DevRoleCultivator, devFull("周九"))},
		bare(7, "2025-03-01"),
		{Step: 9, People: devWithRole(DevRoleIntroducer, []DevPerson{{Name: "吴十", Standing: StandingFull}, {Name: "郑一", Standing: StandingProbationary}})},
		bare(11, "2025-04-20"),
		bare(15, "2025-04-15"),
		bare(17, "2025-08-01"),
	}
	ws := CheckDevelopment(c, rs, MustDate("2025-09-01"))
	got := devKinds(ws)
	all := ""
	for _, w := range ws {
		all += w.Message + "\n"
	}
	if !strings.Contains(all, "第 9 步 确定入党介绍人：已有记录但没有填写日期") {
		t.Errorf("undated step 9: %v", ws)
	}
	for _, want := range []string{"2:late", "6:review", "7:early", "9:missing", "9:people", "10:missing", "15:order", "17:late", "1:materials", "11:materials"} {
		if !strings.Contains(","+got+",", ","+want+",") {
			t.Errorf("no %s in %s", want, got)
		}
	}
	for _, w := range ws {
		if !strings.HasPrefix(w.Message, fmt.Sprintf("第 %d 步 ", w.Step)) {
			t.Errorf("message does not name its step: %+v", w)
		}
	}
	for i := 1; i < len(ws); i++ {
		if ws[i].Step < ws[i-1].Step {
			t.Errorf("not sorted by step: %s", got)
		}
	}
	if DevStageOf(c, rs) != DevStageProbationary {
		t.Error("stage")
	}
	if DevJoinDate(rs).String() != "2025-04-15" || !DevFullDate(rs).IsZero() {
		t.Error("join/full dates")
	}
}

func TestDevStageOf(t *testing.T) {
	cases := []struct {
		name  string
		edits []devEdit
		want  string
	}{
		{"no application yet", []devEdit{devKeep(0), func(c *DevCandidate, _ *[]DevStepRecord) { c.ApplyDate = Date{} }}, DevStageApplicant},
		{"applied (candidate field only)", []devEdit{devKeep(0)}, DevStageApplicant},
		{"talked", []devEdit{devKeep(2)}, DevStageApplicant},
		{"activist", []devEdit{devKeep(3)}, DevStageActivist},
		{"in cultivation", []devEdit{devKeep(6)}, DevStageActivist},
		{"发展对象", []devEdit{devKeep(7)}, DevStageCandidate},
		{"voted, not yet approved", []devEdit{devKeep(16)}, DevStageCandidate},
		{"approved", []devEdit{devKeep(17)}, DevStageProbationary},
		{"approval missing but oath taken", []devEdit{devKeep(20), devDrop(17)}, DevStageProbationary},
		{"转正 decided, not approved", []devEdit{devKeep(23)}, DevStageProbationary},
		{"转正 approved", []devEdit{devKeep(24)}, DevStageFull},
		{"archived", nil, DevStageFull},
		{"extended and approved (the extension)", []devEdit{devKeep(24), devModify(23, func(r *DevStepRecord) { r.Outcome, r.ExtendMonths = DevOutcomeExtend, 6 })}, DevStageProbationary},
		{"cancelled", []devEdit{devKeep(24), devModify(23, func(r *DevStepRecord) { r.Outcome = DevOutcomeCancel })}, DevStageProbationary},
	}
	for _, c := range cases {
		cand, rs := devCleanFile()
		for _, e := range c.edits {
			e(&cand, &rs)
		}
		if got := DevStageOf(cand, rs); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

func TestDevJoinAndFullDates(t *testing.T) {
	cand, rs := devCleanFile()
	if DevJoinDate(rs).String() != "2024-09-01" || DevFullDate(rs).String() != "2025-09-01" {
		t.Errorf("join %s full %s", DevJoinDate(rs), DevFullDate(rs))
	}
	devKeep(23)(&cand, &rs)
	if !DevFullDate(rs).IsZero() {
		t.Error("full date before approval")
	}
	devModify(23, func(r *DevStepRecord) { r.Outcome = DevOutcomeCancel })(&cand, &rs)
	rs = append(rs, devRec(24, "2025-10-01"))
	if !DevCancelled(rs) || !DevFullDate(rs).IsZero() || DevStageOf(cand, rs) != DevStageProbationary {
		t.Error("cancelled file")
	}
	// Leap-day vote: probation ends 02-28.
	leap := []DevStepRecord{devRec(15, "2024-02-29"), devRec(17, "2024-04-01"), devRec(23, "2025-03-01"), devRec(24, "2025-03-10")}
	if DevFullDate(leap).String() != "2025-02-28" || DevJoinDate(leap).String() != "2024-02-29" {
		t.Errorf("leap: full %s", DevFullDate(leap))
	}
}

func TestDevNextStep(t *testing.T) {
	cases := []struct {
		name  string
		edits []devEdit
		today string
		want  string // "step name due not_before"
	}{
		{"applied", []devEdit{devKeep(1), devSet(1, "2026-03-15")}, "2026-03-20", "2 谈话 2026-04-15 -"},
		{"month-end application", []devEdit{devKeep(1), devSet(1, "2026-01-31")}, "2026-02-01", "2 谈话 2026-02-28 -"},
		{"talked", []devEdit{devKeep(2)}, "2023-05-01", "3 推荐和确定入党积极分子 - -"},
		{"cultivators named", []devEdit{devKeep(5)}, "2023-07-01", "6 培养教育考察 2023-12-01 -"},
		{"first review done, second due on the year mark", []devEdit{devKeep(6), devDrop(6), devSet(6, "2023-11-30")}, "2023-12-10", "6 培养教育考察 2024-06-01 -"},
		{"reviews done, wait for the year", []devEdit{devKeep(6)}, "2024-05-31", "7 确定发展对象 - 2024-06-01"},
		{"year over", []devEdit{devKeep(6)}, "2024-06-20", "7 确定发展对象 - 2024-06-01"},
		{"voted", []devEdit{devKeep(16)}, "2024-09-20", "17 上级党委审批 2024-12-01 -"},
		{"probation running", []devEdit{devKeep(21)}, "2025-01-01", "22 提出转正申请 2025-09-01 -"},
		{"applied for 转正", []devEdit{devKeep(22)}, "2025-08-25", "23 支部大会讨论转正 - 2025-09-01"},
		{"转正 decided", []devEdit{devKeep(23)}, "2025-09-05", "24 上级党委审批转正 2025-12-01 -"},
		{"approved", []devEdit{devKeep(24)}, "2025-10-15", "25 材料归档 - -"},
		{"done", nil, "2026-01-10", "0  - -"},
		{"cancelled", []devEdit{devKeep(23), devModify(23, func(r *DevStepRecord) { r.Outcome = DevOutcomeCancel })}, "2025-09-05", "0  - -"},
		{"extension to approve", []devEdit{devKeep(23), devModify(23, func(r *DevStepRecord) { r.Outcome, r.ExtendMonths = DevOutcomeExtend, 12 })}, "2025-09-05", "24 上级党委审批转正 - -"},
		{"extension approved", []devEdit{devKeep(24), devModify(23, func(r *DevStepRecord) { r.Outcome, r.ExtendMonths = DevOutcomeExtend, 12 })}, "2025-10-15", "22 提出转正申请 2026-09-01 -"},
	}
	dash := func(d Date) string {
		if d.IsZero() {
			return "-"
		}
		return d.String()
	}
	for _, c := range cases {
		cand, rs := devCleanFile()
		for _, e := range c.edits {
			e(&cand, &rs)
		}
		n := NextDevStep(cand, rs, MustDate(c.today))
		if got := fmt.Sprintf("%d %s %s %s", n.Step, n.Name, dash(n.Due), dash(n.NotBefore)); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestCheckDevCandidate(t *testing.T) {
	today := MustDate("2026-06-01")
	ok := DevCandidate{Name: " 赵 六 ", IDNumber: strings.ToLower(devID("19980520", "124")), BranchID: 2, Phone: "１３８００１３８０００", ApplyDate: MustDate("2026-05-01")}
	NormalizeDevCandidate(&ok)
	is := CheckDevCandidate(&ok, today)
	if len(is.Errors) != 0 || ok.Name != "赵六" || ok.BirthDate.String() != "1998-05-20" || ok.Sex != "女" || ok.Phone != "13800138000" {
		t.Errorf("valid candidate: %+v %+v", is, ok)
	}
	cases := []struct {
		name  string
		edit  func(c *DevCandidate)
		field string
	}{
		{"no name", func(c *DevCandidate) { c.Name = "" }, "name"},
		{"bad check digit", func(c *DevCandidate) { c.IDNumber = c.IDNumber[:17] + "0" }, "id_number"},
		{"short ID", func(c *DevCandidate) { c.IDNumber = "1101011998" }, "id_number"},
		{"bad phone", func(c *DevCandidate) { c.Phone = "12345" }, "phone"},
		{"no branch", func(c *DevCandidate) { c.BranchID = 0 }, "branch_id"},
		{"no application date", func(c *DevCandidate) { c.ApplyDate = Date{} }, "apply_date"},
		{"future application", func(c *DevCandidate) { c.ApplyDate = MustDate("2026-07-01") }, "apply_date"},
		{"bad sex", func(c *DevCandidate) { c.Sex = "M" }, "sex"},
	}
	for _, c := range cases {
		x := ok
		c.edit(&x)
		is := CheckDevCandidate(&x, today)
		err := is.AsError()
		var ve *ValidationError
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		ve = err.(*ValidationError)
		if len(ve.For(c.field)) == 0 {
			t.Errorf("%s: no message on %s: %v", c.name, c.field, err)
		}
	}
	// A sex that disagrees with the ID number is a warning, not an error.
	x := ok
	x.Sex = "男"
	if is := CheckDevCandidate(&x, today); len(is.Errors) != 0 || len(is.Warnings) == 0 {
		t.Errorf("sex mismatch: %+v", is)
	}
}
