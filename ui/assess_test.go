package ui

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/data/demo"
)

// The closed loop through the screens: the office assigns a task, the
// branch reports, the office returns it, the branch reports again, the
// office passes it with a score; the ranking counts it.
func TestTaskLoopThroughUI(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, sh.store, demo.Options{Seed: 5}); err != nil {
		t.Fatal(err)
	}
	roots, _ := sh.store.OrgTree(ctx)
	branch := roots[0].Children[1].Unit
	// Next year: the demo's own 督办 list is this year's.
	year := data.Today().Y + 1
	task, err := sh.store.SaveTask(ctx, data.RoleOffice, data.Task{Year: year, Aspect: "组织建设", Title: "完成支部委员会换届选举",
		Due: data.NewDate(year, 1, 31), Points: 500, Branches: []int64{branch.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if !sh.Show("考评督办") {
		t.Fatal("no 考评督办 screen")
	}
	s := sh.current.(*assessScreen)
	s.year.SetSelected(strconv.Itoa(year))
	pick := func() {
		t.Helper()
		s.loadTasks()
		if len(s.tasks) != 1 || s.tasks[0].Task.ID != task.ID {
			t.Fatalf("tasks %+v", s.tasks)
		}
		s.taskTable.Select(widget.TableCellID{Row: 0, Col: 0})
	}
	step := func(role data.Role, action string, fill func(fd *formDialog)) {
		t.Helper()
		if err := sh.store.SetRole(ctx, data.RoleOffice, role); err != nil {
			t.Fatal(err)
		}
		s.shown()
		pick()
		if s.taskBtns[map[string]string{data.StepReport: "report", data.StepPass: "pass", data.StepReturn: "return"}[action]].Disabled() {
			t.Fatalf("%s disabled for %+v in state %s", action, role, s.tasks[0].Status)
		}
		fd := s.act(action)
		fill(fd)
		test.Tap(fd.saveBt)
		// A refused step keeps its dialog open with the messages.
		if sh.win.Canvas().Overlays().Top() != nil {
			t.Fatalf("%s refused: %q %q %q", action, fd.form.general.Text, fd.form.message("text"), fd.form.message("score"))
		}
	}
	office, own := data.Role{Office: true}, data.Role{BranchID: branch.ID}
	text := func(v string) func(fd *formDialog) {
		return func(fd *formDialog) { typeInto(fd.form.fields["text"].input.(*widget.Entry), v) }
	}

	// The branch cannot pass its own task.
	sh.store.SetRole(ctx, data.RoleOffice, own)
	s.shown()
	pick()
	if s.taskBtns["pass"].Visible() && !s.taskBtns["pass"].Disabled() {
		t.Fatal("a branch may pass a task")
	}
	// A report without text is refused at the field and nothing changes.
	fd := s.act(data.StepReport)
	test.Tap(fd.saveBt)
	if !strings.Contains(fd.form.message("text"), "请填写完成情况") {
		t.Fatalf("empty report: %q", fd.form.message("text"))
	}
	hideOverlays(sh.win)

	step(own, data.StepReport, text("已于11月召开支部党员大会，选举产生新一届支委会。"))
	step(office, data.StepReturn, text("请补充选举结果批复文件"))
	if got, _ := sh.store.Assignments(ctx, data.TaskFilter{Year: year}); got[0].Status != data.TaskReturned {
		t.Fatalf("after return: %s", got[0].Status)
	}
	step(own, data.StepReport, text("已补充上级批复（附件）。"))
	step(office, data.StepPass, func(fd *formDialog) {
		typeInto(fd.form.fields["score"].input.(*widget.Entry), "45")
		typeInto(fd.form.fields["text"].input.(*widget.Entry), "材料齐全")
	})
	got, _ := sh.store.Assignments(ctx, data.TaskFilter{Year: year, WithSteps: true})
	if got[0].Status != data.TaskDone || got[0].Score == nil || *got[0].Score != 450 || len(got[0].Steps) != 4 {
		t.Fatalf("final %+v", got[0])
	}
	scores, _ := sh.store.Scores(ctx, year)
	for _, sc := range scores {
		if sc.BranchID == branch.ID && sc.Tasks != 450 {
			t.Errorf("ranking task score %v", sc.Tasks)
		}
	}
	// The checklist tab evaluates the branch with reasons.
	s.tabs.SelectIndex(1)
	s.loadEvaluation()
	if s.eval == nil || len(s.eval.Items) < 10 || !strings.Contains(s.evalSum.Text, "考评得分") {
		t.Fatalf("evaluation %+v", s.eval)
	}
}
