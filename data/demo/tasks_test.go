package demo

import (
	"testing"

	"dangjian/data"
)

func TestTasks(t *testing.T) { forConfigs(t, checkTasks) }

// checkTasks: the 督办 list is AsOf's year, 100 points per branch, and
// every assignment's state is what its history says.
func checkTasks(t *testing.T, l *loaded) {
	if len(l.tasks) < 24 || len(l.tasks) > 32 {
		t.Errorf("%d tasks", len(l.tasks))
	}
	aspects := map[string]bool{}
	for _, tk := range l.tasks {
		aspects[tk.Aspect] = true
		if tk.Year != l.asOf.Y || tk.Due.Y != l.asOf.Y || len(tk.Branches) == 0 {
			t.Errorf("task %+v", tk)
		}
	}
	if len(aspects) != 6 {
		t.Errorf("%d aspects", len(aspects))
	}
	perBranch := map[int64]data.Points{}
	status := map[string]int{}
	supervised, steps := 0, 0
	for _, a := range l.asg {
		perBranch[a.BranchID] += a.Task.Points
		status[a.Status]++
		steps += len(a.Steps)
		want := data.TaskOpen
		if n := len(a.Steps); n > 0 {
			switch last := a.Steps[n-1]; last.Action {
			case data.StepReport:
				want = data.TaskReported
			case data.StepPass:
				want = data.TaskDone
			case data.StepReturn:
				want = data.TaskReturned
			case data.StepSupervise:
				supervised++
				if !a.Due.After(l.asOf) || a.Due != last.Due {
					t.Errorf("督办 to %s (step %s), AsOf %s", a.Due, last.Due, l.asOf)
				}
			}
		}
		if a.Status != want {
			t.Errorf("%s %q: status %s after %+v", a.Task.Title, a.Status, want, a.Steps)
		}
		if (a.Status == data.TaskDone) != (a.Score != nil) || (a.Score != nil && (*a.Score < 0 || *a.Score > a.Task.Points)) {
			t.Errorf("%q: status %s score %v of %s", a.Task.Title, a.Status, a.Score, a.Task.Points)
		}
		if a.Status == data.TaskDone && a.Due.Before(l.asOf) && len(a.Steps) < 2 {
			t.Errorf("%q closed without review", a.Task.Title)
		}
	}
	if len(perBranch) != l.res.Branches {
		t.Errorf("tasks for %d of %d branches", len(perBranch), l.res.Branches)
	}
	for b, p := range perBranch {
		if p != 1000 {
			t.Errorf("branch %d: tasks worth %s points", b, p)
		}
	}
	// Audit: an insert per task, an update per step.
	var ins, upd int
	for _, e := range l.audit {
		switch {
		case e.Entity == data.EntityTask && e.Action == data.ActionInsert:
			ins++
		case e.Entity == data.EntityAssignment && e.Action == data.ActionUpdate:
			upd++
		}
	}
	if ins != len(l.tasks) || upd != steps {
		t.Errorf("audit: %d task inserts for %d tasks, %d updates for %d steps", ins, len(l.tasks), upd, steps)
	}
	if l.asOf.M < 7 {
		return // early in the year little is due yet
	}
	for _, st := range []string{data.TaskOpen, data.TaskReported, data.TaskReturned, data.TaskDone} {
		if status[st] == 0 {
			t.Errorf("no assignment %s: %v", st, status)
		}
	}
	if supervised != 1 || status[data.TaskReturned] > 2 {
		t.Errorf("%d supervised, %v", supervised, status)
	}
	overdue, _, err := l.s.TaskReminders(ctx, l.asOf.Y, l.asOf)
	if err != nil || len(overdue) == 0 {
		t.Errorf("reminders: %d overdue, %v", len(overdue), err)
	}
	scores, err := l.s.Scores(ctx, l.asOf.Y)
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range scores {
		if sc.Tasks <= 0 || sc.TasksMax != 1000 {
			t.Errorf("%s: tasks %s of %s", sc.Branch, sc.Tasks, sc.TasksMax)
		}
	}
	t.Logf("%d tasks, %d assignments %v, %d steps", len(l.tasks), len(l.asg), status, steps)
}
