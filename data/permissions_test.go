package data

import (
	"errors"
	"slices"
	"testing"
)

// Every role-restricted write is refused in data for a role that may not
// do it, with an error that errors.Is(ErrForbidden), and allowed for one
// that may.
func TestRoleRestrictedWrites(t *testing.T) {
	o := newClOrg(t)
	s := o.s
	own, other := Role{BranchID: o.b1.ID}, Role{BranchID: o.b2.ID}
	ev := evalOf(t, s, 2026, o.b1.ID)
	manual := itemOf(t, ev, "")
	draft, _, err := s.SaveMeeting(ctx, RoleOffice, Meeting{UnitID: o.b1.ID, Kind: KindCommittee, Date: MustDate("2026-03-10"), Topic: "研究工作"})
	if err != nil {
		t.Fatal(err)
	}
	task := Task{Year: 2026, Aspect: "组织建设", Title: "换届", Due: MustDate("2026-06-30"), Points: 10, Branches: []int64{o.b1.ID}}
	writes := map[string]func(Role) error{
		"SaveTask": func(r Role) error { _, err := s.SaveTask(ctx, r, task); return err },
		"SaveChecklistItem": func(r Role) error {
			_, err := s.SaveChecklistItem(ctx, r, ChecklistItem{Year: 2026, Dimension: "工作保障", Item: "经费有保障", Points: 5})
			return err
		},
		"DeleteChecklistItem": func(r Role) error { return s.DeleteChecklistItem(ctx, r, ev.Items[len(ev.Items)-1].Item.ID) },
		"SetManualScore":      func(r Role) error { return s.SetManualScore(ctx, r, manual.Item.ID, o.b1.ID, 1, "") },
		"SetEvidence b1":      func(r Role) error { return s.SetEvidence(ctx, r, manual.Item.ID, o.b1.ID, "照片") },
		"SaveMeeting b1": func(r Role) error {
			_, _, err := s.SaveMeeting(ctx, r, Meeting{UnitID: o.b1.ID, Kind: KindLesson, Date: MustDate("2026-04-10"), Topic: "党课"})
			return err
		},
		"SaveMeeting g1": func(r Role) error {
			_, _, err := s.SaveMeeting(ctx, r, Meeting{UnitID: o.g1.ID, Kind: KindGroupMeeting, Date: MustDate("2026-04-11"), Topic: "学习"})
			return err
		},
		"SaveMeeting edit b1": func(r Role) error { _, _, err := s.SaveMeeting(ctx, r, draft); return err },
		"ImportMeeting draft": func(r Role) error {
			return s.Write(ctx, func(tx *Tx) error {
				_, _, err := tx.ImportMeeting(r, Meeting{UnitID: o.b1.ID, Kind: KindThemeDay, Date: MustDate("2026-05-10"), Topic: "主题党日"}, false, "")
				return err
			})
		},
		"ImportMeeting approved": func(r Role) error {
			return s.Write(ctx, func(tx *Tx) error {
				_, _, err := tx.ImportMeeting(r, Meeting{UnitID: o.b1.ID, Kind: KindThemeDay, Date: MustDate("2026-06-10"), Topic: "主题党日"}, true, "")
				return err
			})
		},
		"CloseYear": func(r Role) error { return s.CloseYear(ctx, r, 2026) },
	}
	// Who may: o = office, b = branch 1 (own), x = branch 2 (other).
	may := map[string]string{
		"SaveTask": "o", "SaveChecklistItem": "o", "DeleteChecklistItem": "o", "SetManualScore": "o",
		"SetEvidence b1": "ob", "SaveMeeting b1": "ob", "SaveMeeting g1": "ob", "SaveMeeting edit b1": "ob",
		"ImportMeeting draft": "ob", "ImportMeeting approved": "o", "CloseYear": "o",
	}
	roles := []struct {
		key  string
		role Role
	}{{"x", other}, {"b", own}, {"o", RoleOffice}} // office last: CloseYear ends the year
	names := make([]string, 0, len(writes))
	for n := range writes {
		names = append(names, n)
	}
	slices.Sort(names)
	slices.SortStableFunc(names, func(a, b string) int { // CloseYear after every other write
		return map[bool]int{true: 1}[a == "CloseYear"] - map[bool]int{true: 1}[b == "CloseYear"]
	})
	for _, r := range roles {
		for _, n := range names {
			allowed := slices.Contains([]byte(may[n]), r.key[0])
			err := writes[n](r.role)
			switch {
			case allowed && err != nil:
				t.Errorf("%s as %s: refused: %v", n, r.key, err)
			case !allowed && !errors.Is(err, ErrForbidden):
				t.Errorf("%s as %s: want ErrForbidden, got %v", n, r.key, err)
			case !allowed && err.Error() == ErrForbidden.Error():
				t.Errorf("%s as %s: the refusal does not say what is forbidden", n, r.key)
			}
		}
	}
	// The other branch may not delete branch 1's draft; its own branch may.
	if err := s.DeleteMeeting(ctx, other, draft.ID); !errors.Is(err, ErrForbidden) {
		t.Errorf("DeleteMeeting by another branch: %v", err)
	}
	if err := s.DeleteMeeting(ctx, own, draft.ID); err != nil {
		t.Errorf("DeleteMeeting by its branch: %v", err)
	}
	tk := mustTask(t, s, Task{Year: 2027, Aspect: "组织建设", Title: "学习", Due: MustDate("2027-06-30"), Points: 10, Branches: []int64{o.b1.ID}})
	if err := s.DeleteTask(ctx, own, tk.ID); !errors.Is(err, ErrForbidden) {
		t.Errorf("DeleteTask by a branch: %v", err)
	}
}

func TestAllowedTaskActions(t *testing.T) {
	day := MustDate("2026-05-01")
	task := Task{Points: 10, Due: MustDate("2026-06-30")}
	office, own, other := RoleOffice, Role{BranchID: 1}, Role{BranchID: 2}
	cases := []struct {
		role   Role
		status string
		want   []string
	}{
		{office, TaskOpen, []string{StepReport, StepSupervise}},
		{office, TaskReported, []string{StepPass, StepReturn, StepSupervise}},
		{office, TaskReturned, []string{StepReport, StepSupervise}},
		{office, TaskDone, nil},
		{own, TaskOpen, []string{StepReport}},
		{own, TaskReported, nil},
		{own, TaskReturned, []string{StepReport}},
		{own, TaskDone, nil},
		{other, TaskOpen, nil},
		{other, TaskReturned, nil},
	}
	for _, c := range cases {
		a := Assignment{BranchID: 1, Status: c.status, Task: task, Due: task.Due}
		got := AllowedTaskActions(c.role, a, day)
		if !slices.Equal(got, c.want) {
			t.Errorf("%+v %s: %v, want %v", c.role, c.status, got, c.want)
		}
		// The list agrees with the rule ActOnTask enforces, for a step
		// carrying what it needs.
		for _, act := range []TaskAction{{Action: StepReport, Text: "已完成"}, {Action: StepPass, Score: 5},
			{Action: StepReturn, Text: "补材料"}, {Action: StepSupervise, Due: day.AddDays(10)}} {
			if ok := CheckTaskAction(c.role, a, act, day) == nil; ok != Has(got, act.Action) {
				t.Errorf("%+v %s %s: CheckTaskAction ok=%v but allowed list %v", c.role, c.status, act.Action, ok, got)
			}
		}
	}
}

func TestAllowedReviewActions(t *testing.T) {
	branchOf := func(id int64) int64 {
		if id == 11 { // a group of branch 1
			return 1
		}
		return id
	}
	office, own, other := RoleOffice, Role{BranchID: 1}, Role{BranchID: 2}
	cases := []struct {
		role   Role
		unit   int64
		status string
		want   []string
	}{
		{office, 1, StatusDraft, []string{StatusSubmitted}},
		{office, 1, StatusSubmitted, []string{StatusApproved, StatusReturned}},
		{office, 1, StatusApproved, nil},
		{office, 1, StatusReturned, []string{StatusSubmitted}},
		{own, 1, StatusDraft, []string{StatusSubmitted}},
		{own, 11, StatusReturned, []string{StatusSubmitted}},
		{own, 1, StatusSubmitted, nil},
		{other, 1, StatusDraft, nil},
		{other, 11, StatusSubmitted, nil},
		{office, 1, "", nil}, // not saved yet
	}
	for _, c := range cases {
		got := AllowedReviewActions(c.role, Meeting{UnitID: c.unit, Status: c.status}, branchOf)
		if !slices.Equal(got, c.want) {
			t.Errorf("%+v unit %d %s: %v, want %v", c.role, c.unit, c.status, got, c.want)
		}
	}
	// A refusal by role is ErrForbidden; by state it is not.
	if err := own.Transition(Meeting{UnitID: 1, Status: StatusSubmitted}, StatusApproved, "", branchOf); !errors.Is(err, ErrForbidden) {
		t.Errorf("branch approving: %v", err)
	}
	if err := office.Transition(Meeting{UnitID: 1, Status: StatusApproved}, StatusSubmitted, "", branchOf); err == nil || errors.Is(err, ErrForbidden) {
		t.Errorf("approved → submitted: %v", err)
	}
}

func TestAllowedChecklistActions(t *testing.T) {
	manual := &ItemScore{BranchID: 1}
	auto := &ItemScore{BranchID: 1, Auto: true}
	office, own, other := RoleOffice, Role{BranchID: 1}, Role{BranchID: 2}
	cases := []struct {
		role   Role
		sc     *ItemScore
		closed bool
		want   []string
	}{
		{office, manual, false, []string{ChecklistEvidence, ChecklistScore, ChecklistEdit, ChecklistClose}},
		{office, auto, false, []string{ChecklistEvidence, ChecklistEdit, ChecklistClose}},
		{office, nil, false, []string{ChecklistEdit, ChecklistClose}},
		{office, manual, true, nil},
		{own, manual, false, []string{ChecklistEvidence}},
		{own, manual, true, nil},
		{other, manual, false, nil},
		{own, nil, false, nil},
	}
	for _, c := range cases {
		if got := AllowedChecklistActions(c.role, c.sc, c.closed); !slices.Equal(got, c.want) {
			t.Errorf("%+v %+v closed=%v: %v, want %v", c.role, c.sc, c.closed, got, c.want)
		}
	}
}
