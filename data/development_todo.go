package data

import (
	"context"
	"fmt"
	"strings"
)

// The 发展党员 module on the 工作台 and in 统计 (issue 13): each
// candidate's next step when it is due soon or late, probation ending
// (转正 due) for the 预备党员 with a development file, and the pipeline by
// stage. 预备党员 on the roster without a development file keep the
// roster-based "probation" provider (todo_store.go), which skips those with
// a file so nobody is reminded twice.

// DevSoonDays is how long before a step's deadline it turns "due soon"
// (the 谈话 within a month, the half-yearly 考察, the 3-month approvals);
// the probation steps use ProbationSoonDays, as the roster's reminder does.
const DevSoonDays = 14

func init() {
	RegisterReminders("development", devReminders)
	RegisterStats("development", devStats)
}

// DevStatStages are the stages the pipeline counts, in table order: the
// candidates still on the way (a file closed by 转正 is on the roster as
// 正式党员 and counted there).
var DevStatStages = []string{DevStageApplicant, DevStageActivist, DevStageCandidate, DevStageProbationary}

// DevTodo is the reminder of one development file as of asOf under p, and
// false when nothing is due soon or late: the next step with its deadline
// (the 转正 discussion from the end of probation), and any step whose
// deadline has passed while it is still not recorded (CheckDevelopment's
// "late" warnings; one done late is history, shown in the file, not here).
// One item per candidate, overdue when anything is late.
func DevTodo(p DevProcess, c DevCandidate, steps []DevStepRecord, asOf Date) (TodoItem, bool) {
	f := newDevFile(c, steps)
	if f.cancelled() {
		return TodoItem{}, false
	}
	stage := DevStageOf(c, steps)
	next := p.Next(c, steps, asOf)
	due, lead := next.Due, DevSoonDays
	// A 预备党员 whose oath or probation steps are not recorded yet: the
	// end of probation still comes, and the 转正 application with it.
	if stage == DevStageProbationary && next.Step > 0 && next.Step < DevStepFullApply && due.IsZero() {
		next = DevNext{Step: DevStepFullApply, Name: p.Step(DevStepFullApply).Name, Due: f.probationEnd()}
		due = next.Due
	}
	if due.IsZero() && next.Step == DevStepFullVote {
		due = next.NotBefore // probation ends: the 支部大会 should decide
	}
	if next.Step == DevStepFullApply || next.Step == DevStepFullVote {
		lead = ProbationSoonDays
	}
	sev := ""
	if !due.IsZero() {
		sev = todoSeverity(due, asOf, lead)
	}
	var parts []string
	if sev == SeverityOverdue || sev == SeveritySoon {
		parts = append(parts, devTodoText(next, due, asOf, sev))
	} else {
		sev = ""
	}
	// Deadlines passed for steps still not recorded, other than the next one.
	late := map[int]bool{}
	for _, w := range p.Check(c, steps, asOf) {
		if w.Kind != DevWarnLate || f.done(w.Step) || w.Step == next.Step || late[w.Step] {
			continue
		}
		late[w.Step] = true
		d := devLateDeadline(f, w.Step)
		if d.IsZero() {
			d = asOf
		}
		parts = append(parts, fmt.Sprintf("第 %d 步“%s”应于 %s 前完成，已逾期 %d 天", w.Step, p.Step(w.Step).Name, d.Chinese(), d.DaysUntil(asOf)))
		if sev != SeverityOverdue || d.Before(due) {
			due = d
		}
		sev = SeverityOverdue
	}
	// The 上级党委's approvals (steps 17 and 24) have deadlines while the
	// steps before them carry none: due soon ahead of them too.
	pending := map[int]bool{
		DevStepApproval:     !f.vote().IsZero() && f.highest() < DevStepApproval,
		DevStepFullApproval: f.highest() >= DevStepApproval && f.fullApproved().IsZero(),
	}
	for _, n := range []int{DevStepApproval, DevStepFullApproval} {
		d := devLateDeadline(f, n)
		if !pending[n] || n == next.Step || late[n] || d.IsZero() || todoSeverity(d, asOf, DevSoonDays) != SeveritySoon {
			continue
		}
		parts = append(parts, fmt.Sprintf("第 %d 步“%s”应于 %s 前完成", n, p.Step(n).Name, d.Chinese()))
		if sev == "" {
			sev, due = SeveritySoon, d
		}
	}
	if sev == "" {
		return TodoItem{}, false
	}
	return TodoItem{Kind: TodoDevelopment, Title: stage + " " + c.Name + "：" + strings.Join(parts, "；"),
		BranchID: c.BranchID, Due: due, Severity: sev, Ref: TodoRef{Entity: EntityDevCandidate, ID: c.ID}}, true
}

// devTodoText words the next step's reminder.
func devTodoText(next DevNext, due, asOf Date, sev string) string {
	step := fmt.Sprintf("第 %d 步“%s”", next.Step, next.Name)
	switch {
	case next.Step == DevStepFullVote && sev == SeverityOverdue:
		return fmt.Sprintf("预备期已于 %s 届满，应及时召开支部大会讨论转正（%s）", due.Chinese(), step)
	case next.Step == DevStepFullVote:
		return fmt.Sprintf("预备期将于 %s 届满，请准备讨论转正（%s）", due.Chinese(), step)
	case sev == SeverityOverdue:
		return fmt.Sprintf("%s应于 %s 前完成，已逾期 %d 天", step, due.Chinese(), due.DaysUntil(asOf))
	}
	return fmt.Sprintf("%s应于 %s 前完成", step, due.Chinese())
}

// devLateDeadline is the deadline of a step checkMissing reports late.
func devLateDeadline(f devFile, step int) Date {
	switch step {
	case DevStepTalk:
		if !f.apply.IsZero() {
			return DevTalkDeadline(f.apply)
		}
	case DevStepApproval:
		if v := f.vote(); !v.IsZero() {
			return DevApprovalDeadline(v)
		}
	case DevStepFullApproval:
		if end := f.probationEnd(); !end.IsZero() {
			return DevFullApprovalDeadline(end)
		}
	}
	return Date{}
}

// devReminders: DevTodo for every file the asking role sees.
func devReminders(ctx context.Context, q TodoQuery) ([]TodoItem, error) {
	var filter DevCandidateFilter
	if !q.Role.Office {
		filter.BranchID = q.Role.BranchID
	}
	p, err := q.Store.DevProcess(ctx)
	if err != nil {
		return nil, err
	}
	files, err := q.Store.DevFiles(ctx, filter)
	if err != nil {
		return nil, err
	}
	var out []TodoItem
	for _, f := range files {
		if it, ok := DevTodo(p, f.Candidate, f.Steps, q.AsOf); ok {
			out = append(out, it)
		}
	}
	return out, nil
}

// DevStageOn is where a candidate stood on day: the file as it was then
// (steps dated after day left out), "" when they had not applied yet or
// their 预备党员 status had been cancelled.
func DevStageOn(c DevCandidate, steps []DevStepRecord, day Date) string {
	var then []DevStepRecord
	for _, r := range steps {
		if !r.Date.IsZero() && !r.Date.After(day) {
			then = append(then, r)
		}
	}
	f := newDevFile(c, then)
	if f.apply.IsZero() || f.apply.After(day) || f.cancelled() {
		return ""
	}
	return DevStageOf(c, then)
}

// devStats fills the development pipeline: candidates by stage as of the
// day, for the scope and per branch.
func devStats(ctx context.Context, s *Store, st *Stats) error {
	files, err := s.DevFiles(ctx, DevCandidateFilter{BranchID: st.BranchID})
	if err != nil {
		return err
	}
	all := newStatTally(DevStatStages, true)
	per := map[int64]*statTally{}
	for _, f := range files {
		stage := DevStageOn(f.Candidate, f.Steps, st.AsOf)
		if stage == "" || stage == DevStageFull {
			continue
		}
		all.add(stage)
		t := per[f.Candidate.BranchID]
		if t == nil {
			t = newStatTally(DevStatStages, true)
			per[f.Candidate.BranchID] = t
		}
		t.add(stage)
	}
	st.ByStage = all.counts()
	for i := range st.Branches {
		if t := per[st.Branches[i].BranchID]; t != nil {
			st.Branches[i].ByStage = t.counts()
		} else {
			st.Branches[i].ByStage = newStatTally(DevStatStages, true).counts()
		}
	}
	return nil
}
