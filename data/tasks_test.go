package data

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestCheckTaskActionMatrix(t *testing.T) {
	day := MustDate("2026-11-27")
	const own, other = 10, 11
	roles := map[string]Role{"office": {Office: true}, "own": {BranchID: own}, "other": {BranchID: other}}
	acts := map[string]TaskAction{
		StepReport:    {Action: StepReport, Text: "已召开专题会议"},
		StepPass:      {Action: StepPass, Score: 40},
		StepReturn:    {Action: StepReturn, Text: "请补充会议照片"},
		StepSupervise: {Action: StepSupervise, Due: day.AddDays(7), Text: "请抓紧"},
	}
	allowed := func(action, state, role string) bool {
		switch action {
		case StepReport:
			return role != "other" && (state == TaskOpen || state == TaskReturned)
		case StepPass, StepReturn:
			return role == "office" && state == TaskReported
		case StepSupervise:
			return role == "office" && state != TaskDone
		}
		return false
	}
	n := 0
	for action, act := range acts {
		for _, state := range []string{TaskOpen, TaskReported, TaskReturned, TaskDone} {
			for rname, role := range roles {
				a := Assignment{BranchID: own, Status: state, Task: Task{Points: 50}}
				err := CheckTaskAction(role, a, act, day)
				if want := allowed(action, state, rname); (err == nil) != want {
					t.Errorf("%s on %s by %s: %v, want allowed=%v", action, state, rname, err, want)
				}
				n++
			}
		}
	}
	if n != 48 {
		t.Fatalf("%d combinations", n)
	}
	// What each step needs.
	office, branch := roles["office"], roles["own"]
	open := Assignment{BranchID: own, Status: TaskOpen, Task: Task{Points: 50}}
	reported := open
	reported.Status = TaskReported
	var ve *ValidationError
	for _, c := range []struct {
		name  string
		role  Role
		a     Assignment
		act   TaskAction
		field string
	}{
		{"report without text", branch, open, TaskAction{Action: StepReport, Text: "  "}, "text"},
		{"pass above the points", office, reported, TaskAction{Action: StepPass, Score: 51}, "score"},
		{"pass below zero", office, reported, TaskAction{Action: StepPass, Score: -1}, "score"},
		{"return without a comment", office, reported, TaskAction{Action: StepReturn}, "text"},
		{"supervise without a date", office, open, TaskAction{Action: StepSupervise}, "due"},
		{"supervise to the past", office, open, TaskAction{Action: StepSupervise, Due: day.AddDays(-1)}, "due"},
	} {
		err := CheckTaskAction(c.role, c.a, c.act, day)
		if !errors.As(err, &ve) || ve.Errors[0].Field != c.field {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	for _, ok := range []TaskAction{{Action: StepPass, Score: 50}, {Action: StepPass, Score: 0}} {
		if err := CheckTaskAction(office, reported, ok, day); err != nil {
			t.Errorf("pass %s: %v", ok.Score, err)
		}
	}
	if err := CheckTaskAction(office, open, TaskAction{Action: StepSupervise, Due: day}, day); err != nil {
		t.Errorf("supervise to today: %v", err)
	}
	if err := CheckTaskAction(office, open, TaskAction{Action: "完成"}, day); err == nil {
		t.Error("unknown action accepted")
	}
}

func mustTask(t *testing.T, s *Store, task Task) Task {
	t.Helper()
	out, err := s.SaveTask(ctx, RoleOffice, task)
	if err != nil {
		t.Fatalf("task %s: %v", task.Title, err)
	}
	return out
}

func assignmentOf(t *testing.T, s *Store, taskID, branchID int64) Assignment {
	t.Helper()
	list, err := s.Assignments(ctx, TaskFilter{WithSteps: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		if a.Task.ID == taskID && a.BranchID == branchID {
			return a
		}
	}
	t.Fatalf("no assignment of task %d to branch %d", taskID, branchID)
	return Assignment{}
}

func TestTaskClosedLoop(t *testing.T) {
	o := newClOrg(t)
	s := o.s
	task := mustTask(t, s, Task{Year: 2026, Aspect: "组织建设", Title: "开展支部书记述职评议", Requirement: "形成述职报告",
		Due: MustDate("2026-12-20"), Points: 50, Branches: []int64{o.b1.ID, o.b2.ID}})
	a1, a2 := assignmentOf(t, s, task.ID, o.b1.ID), assignmentOf(t, s, task.ID, o.b2.ID)
	if a1.Status != TaskOpen || a1.Due != task.Due || a1.Task.Title != task.Title || a1.Task.RemindDays != 7 {
		t.Fatalf("new assignment %+v", a1)
	}
	office, b1, b2 := Role{Office: true}, Role{BranchID: o.b1.ID}, Role{BranchID: o.b2.ID}
	act := func(op string, id int64, role Role, a TaskAction) (Assignment, error) {
		t.Helper()
		if err := s.SetOperator(ctx, op); err != nil {
			t.Fatal(err)
		}
		return s.ActOnTask(ctx, id, role, a)
	}
	mustAct := func(op string, id int64, role Role, a TaskAction) Assignment {
		t.Helper()
		out, err := act(op, id, role, a)
		if err != nil {
			t.Fatalf("%s %s: %v", op, a.Action, err)
		}
		return out
	}
	// Nothing closes without a report and the office's review; a branch
	// reviews nothing, nor reports for another branch.
	for name, err := range map[string]error{
		"office passes an unreported task": func() error {
			_, err := act("王办公室", a1.ID, office, TaskAction{Action: StepPass, Score: 50})
			return err
		}(),
		"branch passes its own": func() error {
			_, err := act("赵书记", a1.ID, b1, TaskAction{Action: StepPass, Score: 50})
			return err
		}(),
		"branch supervises": func() error {
			_, err := act("赵书记", a1.ID, b1, TaskAction{Action: StepSupervise, Due: MustDate("2026-12-30")})
			return err
		}(),
		"other branch reports": func() error {
			_, err := act("吴书记", a1.ID, b2, TaskAction{Action: StepReport, Text: "完成"})
			return err
		}(),
		"unknown assignment": func() error {
			_, err := act("王办公室", 9999, office, TaskAction{Action: StepReport, Text: "x"})
			return err
		}(),
	} {
		if err == nil {
			t.Errorf("%s: allowed", name)
		}
	}
	got := mustAct("赵书记", a1.ID, b1, TaskAction{Action: StepReport, Text: " 已召开述职评议会 "})
	if got.Status != TaskReported || got.Progress != "已召开述职评议会" {
		t.Errorf("reported: %+v", got)
	}
	if _, err := act("赵书记", a1.ID, b1, TaskAction{Action: StepReport, Text: "再报"}); err == nil {
		t.Error("reported twice before review")
	}
	if _, err := act("赵书记", a1.ID, b1, TaskAction{Action: StepReturn, Text: "自己退回"}); err == nil {
		t.Error("branch returned its own report")
	}
	// Returned: back to the branch, which reports again.
	got = mustAct("王办公室", a1.ID, office, TaskAction{Action: StepReturn, Text: "请补充述职报告"})
	if got.Status != TaskReturned || got.Comment != "请补充述职报告" {
		t.Errorf("returned: %+v", got)
	}
	if a := assignmentOf(t, s, task.ID, o.b1.ID); a.Status != TaskReturned {
		t.Errorf("stored status after return: %s", a.Status)
	}
	if _, err := act("王办公室", a1.ID, office, TaskAction{Action: StepPass, Score: 50}); err == nil {
		t.Error("passed a returned task without a new report")
	}
	mustAct("赵书记", a1.ID, b1, TaskAction{Action: StepReport, Text: "已补充述职报告"})
	if _, err := act("王办公室", a1.ID, office, TaskAction{Action: StepPass, Score: 55}); err == nil {
		t.Error("score above the task's points")
	}
	got = mustAct("王办公室", a1.ID, office, TaskAction{Action: StepPass, Score: 45, Text: "完成较好"})
	if got.Status != TaskDone || got.Score == nil || *got.Score != 45 {
		t.Errorf("passed: %+v", got)
	}
	for _, a := range []TaskAction{{Action: StepReport, Text: "x"}, {Action: StepSupervise, Due: MustDate("2026-12-30")},
		{Action: StepReturn, Text: "x"}, {Action: StepPass, Score: 50}} {
		if _, err := act("王办公室", a1.ID, office, a); err == nil {
			t.Errorf("%s on a closed task", a.Action)
		}
	}
	// The history, in order, with who did what.
	a1 = assignmentOf(t, s, task.ID, o.b1.ID)
	want := []struct{ action, op, text string }{
		{StepReport, "赵书记", "已召开述职评议会"}, {StepReturn, "王办公室", "请补充述职报告"},
		{StepReport, "赵书记", "已补充述职报告"}, {StepPass, "王办公室", "完成较好"},
	}
	if len(a1.Steps) != len(want) {
		t.Fatalf("steps %+v", a1.Steps)
	}
	for i, w := range want {
		st := a1.Steps[i]
		if st.Action != w.action || st.Operator != w.op || st.Text != w.text || st.At == "" {
			t.Errorf("step %d: %+v, want %v", i, st, w)
		}
	}
	if sc := a1.Steps[3].Score; sc == nil || *sc != 45 || a1.Steps[0].Score != nil || !a1.Steps[0].Due.IsZero() {
		t.Errorf("step scores/dates: %+v", a1.Steps)
	}

	// 督办 of 第二支部's report: a new due date, back to 待办, reported again.
	mustAct("吴书记", a2.ID, b2, TaskAction{Action: StepReport, Text: "正在准备"})
	if _, err := act("王办公室", a2.ID, office, TaskAction{Action: StepSupervise, Due: MustDate("2026-11-26")}); err == nil {
		t.Error("supervised to a date already past")
	}
	got = mustAct("王办公室", a2.ID, office, TaskAction{Action: StepSupervise, Due: MustDate("2027-01-10"), Text: "请于1月10日前完成"})
	if got.Status != TaskOpen || got.Due != MustDate("2027-01-10") || got.Task.Due != task.Due {
		t.Errorf("supervised: %+v", got)
	}
	a2 = assignmentOf(t, s, task.ID, o.b2.ID)
	if last := a2.Steps[len(a2.Steps)-1]; last.Action != StepSupervise || last.Due != MustDate("2027-01-10") || a2.Due != last.Due {
		t.Errorf("督办 step: %+v, due %s", last, a2.Due)
	}
	mustAct("吴书记", a2.ID, b2, TaskAction{Action: StepReport, Text: "已完成"})
	// Every step has its audit row.
	rows, err := s.AuditEntries(ctx, AuditFilter{Entity: EntityAssignment})
	if err != nil {
		t.Fatal(err)
	}
	steps := 0
	for _, r := range rows {
		if r.Action == ActionUpdate {
			steps++
		}
	}
	// Two inserts (one per branch the task names), then one per step.
	if steps != 7 || len(rows) != 9 {
		t.Errorf("%d audit rows, %d for 7 steps", len(rows), steps)
	}
	if r, err := s.VerifyAuditReport(ctx, VerifyOptions{}); err != nil || !r.OK() {
		t.Errorf("log and tables disagree after a closed loop: %v %s", err, r.Summary())
	}
}

func TestSaveTaskRulesAndEdits(t *testing.T) {
	o := newClOrg(t)
	s := o.s
	var ve *ValidationError
	for name, bad := range map[string]Task{
		"no branch":    {Year: 2026, Aspect: "a", Title: "b", Due: MustDate("2026-06-30")},
		"a group":      {Year: 2026, Aspect: "a", Title: "b", Due: MustDate("2026-06-30"), Branches: []int64{o.g1.ID}},
		"the root":     {Year: 2026, Aspect: "a", Title: "b", Due: MustDate("2026-06-30"), Branches: []int64{o.root.ID}},
		"no title":     {Year: 2026, Aspect: "a", Due: MustDate("2026-06-30"), Branches: []int64{o.b1.ID}},
		"no due":       {Year: 2026, Aspect: "a", Title: "b", Branches: []int64{o.b1.ID}},
		"remind 91":    {Year: 2026, Aspect: "a", Title: "b", Due: MustDate("2026-06-30"), RemindDays: 91, Branches: []int64{o.b1.ID}},
		"points 100.1": {Year: 2026, Aspect: "a", Title: "b", Due: MustDate("2026-06-30"), Points: 1001, Branches: []int64{o.b1.ID}},
	} {
		if _, err := s.SaveTask(ctx, RoleOffice, bad); !errors.As(err, &ve) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Year from the due date; a due date outside the year is a warning only.
	task := mustTask(t, s, Task{Aspect: " 思想建设 ", Title: "开展主题教育", Due: MustDate("2026-06-30"), Points: 30,
		Branches: []int64{o.b1.ID, o.b2.ID}})
	if task.Year != 2026 || task.Aspect != "思想建设" || task.RemindDays != 7 {
		t.Errorf("saved %+v", task)
	}
	if is := CheckTask(&Task{Year: 2026, Aspect: "a", Title: "b", Due: MustDate("2028-01-31"), Branches: []int64{1}}); len(is.Errors) != 0 || len(is.Warnings) != 1 {
		t.Errorf("due two years on: %+v", is)
	}
	// 督办 moves 第二支部's date; then the plan's date moves: 第一支部 follows,
	// 第二支部 keeps the date it was given.
	a2 := assignmentOf(t, s, task.ID, o.b2.ID)
	if _, err := s.ActOnTask(ctx, a2.ID, Role{Office: true}, TaskAction{Action: StepSupervise, Due: MustDate("2026-12-31")}); err != nil {
		t.Fatal(err)
	}
	task.Due = MustDate("2026-07-31")
	task = mustTask(t, s, task)
	if a := assignmentOf(t, s, task.ID, o.b1.ID); a.Due != MustDate("2026-07-31") {
		t.Errorf("第一支部 due %s after the plan moved", a.Due)
	}
	if a := assignmentOf(t, s, task.ID, o.b2.ID); a.Due != MustDate("2026-12-31") {
		t.Errorf("第二支部 due %s, 督办 gave 2026-12-31", a.Due)
	}
	// A branch taken off a task it never acted on goes; one with history stays.
	other := mustTask(t, s, Task{Year: 2026, Aspect: "作风建设", Title: "开展调查研究", Due: MustDate("2026-09-30"),
		Branches: []int64{o.b1.ID, o.b2.ID}})
	other.Branches = []int64{o.b2.ID}
	other = mustTask(t, s, other)
	list, _ := s.Assignments(ctx, TaskFilter{Year: 2026})
	for _, a := range list {
		if a.Task.ID == other.ID && a.BranchID == o.b1.ID {
			t.Error("第一支部 still assigned after being taken off")
		}
	}
	task.Branches = []int64{o.b1.ID}
	task = mustTask(t, s, task)
	if got := assignmentOf(t, s, task.ID, o.b2.ID); len(got.Steps) != 1 {
		t.Errorf("第二支部's history lost: %+v", got)
	}
	// Deleting a task hides it and its assignments; history stays in the audit.
	if err := s.DeleteTask(ctx, RoleOffice, other.ID); err != nil {
		t.Fatal(err)
	}
	list, _ = s.Assignments(ctx, TaskFilter{Year: 2026})
	for _, a := range list {
		if a.Task.ID == other.ID {
			t.Error("deleted task listed")
		}
	}
	if err := s.DeleteTask(ctx, RoleOffice, other.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if rows, _ := s.AuditEntries(ctx, AuditFilter{Entity: EntityTask, RecordID: fmt.Sprint(other.ID)}); len(rows) != 3 {
		t.Errorf("task audit rows: %d", len(rows))
	}
}

func TestTaskRemindersEdges(t *testing.T) {
	o := newClOrg(t)
	s := o.s // today 2026-11-27
	add := func(title, due string, remind int) Task {
		return mustTask(t, s, Task{Year: 2026, Aspect: "组织建设", Title: title, Due: MustDate(due), RemindDays: remind, Points: 10,
			Branches: []int64{o.b1.ID}})
	}
	add("昨天到期", "2026-11-26", 7)
	add("今天到期", "2026-11-27", 7)
	add("七天后到期", "2026-12-04", 7)
	add("八天后到期", "2026-12-05", 7)
	add("八天后到期提前八天", "2026-12-05", 8)
	add("年初到期", "2026-01-31", 7)
	done := add("已完成的逾期任务", "2026-11-01", 7)
	a := assignmentOf(t, s, done.ID, o.b1.ID)
	for _, act := range []TaskAction{{Action: StepReport, Text: "完成"}, {Action: StepPass, Score: 10}} {
		if _, err := s.ActOnTask(ctx, a.ID, Role{Office: true}, act); err != nil {
			t.Fatal(err)
		}
	}
	mustTask(t, s, Task{Year: 2025, Aspect: "组织建设", Title: "去年的任务", Due: MustDate("2025-12-31"), Branches: []int64{o.b1.ID}})
	overdue, soon, err := s.TaskReminders(ctx, 2026, s.Today())
	if err != nil {
		t.Fatal(err)
	}
	titles := func(list []Assignment) string {
		var out []string
		for _, a := range list {
			out = append(out, a.Task.Title)
		}
		return strings.Join(out, ",")
	}
	if got := titles(overdue); got != "年初到期,昨天到期" {
		t.Errorf("overdue: %s", got)
	}
	if got := titles(soon); got != "今天到期,七天后到期,八天后到期提前八天" {
		t.Errorf("due soon: %s", got)
	}
	// The methods themselves at the edges.
	x := Assignment{Status: TaskReturned, Due: MustDate("2026-11-27"), Task: Task{RemindDays: 0}}
	if x.Overdue(MustDate("2026-11-27")) || !x.Overdue(MustDate("2026-11-28")) || !x.DueSoon(MustDate("2026-11-27")) ||
		x.DueSoon(MustDate("2026-11-26")) || x.DueSoon(MustDate("2026-11-28")) {
		t.Error("Overdue/DueSoon edges with no lead time")
	}
	x.Status = TaskDone
	if x.Overdue(MustDate("2027-01-01")) || x.DueSoon(MustDate("2026-11-27")) {
		t.Error("a closed task is neither overdue nor due")
	}
}
