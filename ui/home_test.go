package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

func homeOf(t *testing.T, sh *Shell) *homeScreen {
	t.Helper()
	if !sh.Show("工作台") {
		t.Fatal("no 工作台 screen")
	}
	h, ok := sh.current.(*homeScreen)
	if !ok {
		t.Fatalf("current screen is %T", sh.current)
	}
	return h
}

// rowOf finds the to-do line whose text contains want.
func rowOf(t *testing.T, h *homeScreen, want string) int {
	t.Helper()
	for i, r := range h.rows {
		if r.heading == "" && strings.Contains(h.items[r.item].Title, want) {
			return i
		}
	}
	var all []string
	for _, it := range h.items {
		all = append(all, it.Title)
	}
	t.Fatalf("no to-do line with %q among %v", want, all)
	return -1
}

func TestHomeIsFirstAndShowsFirstRunSteps(t *testing.T) {
	sh, _ := newTestShell(t)
	if sh.Titles()[0] != "工作台" {
		t.Fatalf("first screen %v", sh.Titles())
	}
	h := homeOf(t, sh)
	if len(h.firstRun.Objects) == 0 {
		t.Fatal("no first-run steps on an empty database")
	}
	if got := firstRunMarks(h); got != "○○○○" {
		t.Errorf("steps on an empty database: %s", got)
	}
	ctx := context.Background()
	root, err := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "中共示范公交公司总支部委员会"})
	if err != nil {
		t.Fatal(err)
	}
	h.shown()
	if got := firstRunMarks(h); got != "✓○○○" {
		t.Errorf("steps after the general branch: %s", got)
	}
	b, err := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一支部"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := sh.store.SaveMember(ctx, data.RoleOffice, data.Member{Name: "张三", Sex: "男", Standing: data.StandingFull, BranchID: b.ID}); err != nil {
		t.Fatal(err)
	}
	h.shown()
	if len(h.firstRun.Objects) != 0 {
		t.Errorf("first-run steps still shown: %s", firstRunMarks(h))
	}
}

func firstRunMarks(h *homeScreen) string {
	out := ""
	for _, o := range h.firstRun.Objects {
		if b, ok := o.(*widget.Button); ok {
			out += strings.Fields(b.Text)[0]
		}
	}
	return out
}

func findButtonIn(t *testing.T, card fyne.CanvasObject) *widget.Button {
	t.Helper()
	b, ok := card.(*fyne.Container).Objects[0].(*widget.Button)
	if !ok {
		t.Fatalf("card %T has no button", card)
	}
	return b
}

// TestHomeOpensRecordsFromTheToDoList: one click on a line opens the
// record it names — a 预备党员 whose probation has ended opens the dossier,
// submitted minutes open the minutes, an overdue task selects the task.
func TestHomeOpensRecordsFromTheToDoList(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	st := sh.store
	today := st.Today()
	root, _ := st.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "中共示范公交公司总支部委员会"})
	b, err := st.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"})
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := st.SaveMember(ctx, data.RoleOffice, data.Member{Name: "李预备", Sex: "女", Standing: data.StandingProbationary, BranchID: b.ID,
		JoinDate: today.AddYears(-1).AddDays(-3), BirthDate: data.MustDate("1995-03-01")})
	if err != nil {
		t.Fatal(err)
	}
	roster, err := st.RosterOn(ctx, b.ID, today.AddDays(-2))
	if err != nil || len(roster) == 0 {
		t.Fatalf("roster %v %d", err, len(roster))
	}
	for i := range roster {
		roster[i].State = data.Present
	}
	mt, _, err := st.SaveMeeting(ctx, data.RoleOffice, data.Meeting{UnitID: b.ID, Kind: data.KindGeneralMeeting, Date: today.AddDays(-2), Attendance: roster,
		Topic: "研究发展党员工作", Place: "会议室", Host: "书记", Recorder: "委员", StartTime: "14:00", EndTime: "15:00",
		Content: "会议研究了发展党员工作。"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Review(ctx, mt.ID, data.RoleOffice, data.StatusSubmitted, ""); err != nil {
		t.Fatal(err)
	}
	_, err = st.SaveTask(ctx, data.RoleOffice, data.Task{Year: today.Y, Aspect: "组织建设", Title: "整理党员档案", Due: today.AddDays(-1),
		Points: 10, RemindDays: 7, Branches: []int64{b.ID}})
	if err != nil {
		t.Fatal(err)
	}

	if err := st.SetSetting(ctx, data.SettingOnboarded, "demo"); err != nil {
		t.Fatal(err)
	}
	h := homeOf(t, sh)
	if !h.badge.Visible() {
		t.Error("no 演示数据 badge on the demo")
	}
	if len(h.items) < 3 || h.rows[0].heading == "" || !strings.Contains(h.rows[0].heading, "已逾期") {
		t.Fatalf("to-do rows %+v", h.rows)
	}
	if !strings.Contains(h.summary.Text, "已逾期") {
		t.Errorf("summary %q", h.summary.Text)
	}

	// The dossier.
	h.list.Select(rowOf(t, h, "李预备"))
	ms, ok := sh.current.(*membersScreen)
	if !ok || ms.editor == nil || ms.editor.member.ID != m.ID {
		t.Fatalf("dossier not opened: %T", sh.current)
	}
	// The minutes (waiting for the office's review).
	h = homeOf(t, sh)
	h.list.Select(rowOf(t, h, "研究发展党员工作"))
	mts, ok := sh.current.(*meetingsScreen)
	if !ok || mts.editor == nil || mts.editor.m.ID != mt.ID {
		t.Fatalf("minutes not opened: %T", sh.current)
	}
	// The task.
	h = homeOf(t, sh)
	h.list.Select(rowOf(t, h, "整理党员档案"))
	as, ok := sh.current.(*assessScreen)
	if !ok {
		t.Fatalf("task screen not opened: %T", sh.current)
	}
	if a, ok := as.selectedTask(); !ok || a.Task.Title != "整理党员档案" {
		t.Errorf("task not selected: %+v", a)
	}
	// A count card opens the filtered list.
	h = homeOf(t, sh)
	test.Tap(findButtonIn(t, h.cards.Objects[2]))
	ms = sh.current.(*membersScreen)
	if ms.standing.Selected != data.StandingProbationary || len(ms.rows) != 1 {
		t.Errorf("预备党员 card: %q, %d rows", ms.standing.Selected, len(ms.rows))
	}
}

// TestHomeBranchCopySeesItsOwnBranch: on a branch secretary's copy the
// counts and the to-do list are that branch's only.
func TestHomeBranchCopySeesItsOwnBranch(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	st := sh.store
	today := st.Today()
	root, _ := st.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "中共示范公交公司总支部委员会"})
	var branches []data.OrgUnit
	for _, name := range []string{"第一车队党支部", "第二车队党支部"} {
		b, err := st.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: name})
		if err != nil {
			t.Fatal(err)
		}
		branches = append(branches, b)
		if _, _, err := st.SaveMember(ctx, data.RoleOffice, data.Member{Name: name[:6] + "预备", Sex: "男", Standing: data.StandingProbationary,
			BranchID: b.ID, JoinDate: today.AddYears(-1).AddDays(-3), BirthDate: data.MustDate("1990-01-01")}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetRole(ctx, data.RoleOffice, data.Role{BranchID: branches[1].ID}); err != nil {
		t.Fatal(err)
	}
	h := homeOf(t, sh)
	if len(h.items) == 0 {
		t.Fatal("no items")
	}
	for _, it := range h.items {
		if it.BranchID != branches[1].ID {
			t.Errorf("branch copy sees %s: %s", it.Branch, it.Title)
		}
	}
	if !strings.Contains(h.who.Text, "第二车队党支部书记") {
		t.Errorf("who %q", h.who.Text)
	}
	// The 党支部 card counts one branch, the 预备党员 card one member.
	if n := h.cards.Objects[0].(*fyne.Container).Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*canvas.Text).Text; n != "1" {
		t.Errorf("党支部 card %s", n)
	}
}

// TestHomeOpensDevelopmentAndDues: a development line opens the 发展党员
// screen on that candidate; a dues line opens 党费管理's 欠缴情况 on the branch.
func TestHomeOpensDevelopmentAndDues(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	st := sh.store
	today := st.Today()
	root, _ := st.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "中共示范公交公司总支部委员会"})
	var br []data.OrgUnit
	for _, name := range []string{"第一车队党支部", "第二车队党支部"} {
		b, err := st.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: name})
		if err != nil {
			t.Fatal(err)
		}
		br = append(br, b)
	}
	// Two candidates; the second (in the second branch) has its 谈话 overdue.
	if _, _, err := st.SaveDevCandidate(ctx, data.RoleOffice, data.DevCandidate{Name: "周刚申请", BranchID: br[0].ID, ApplyDate: today}); err != nil {
		t.Fatal(err)
	}
	c, _, err := st.SaveDevCandidate(ctx, data.RoleOffice, data.DevCandidate{Name: "吴逾期", BranchID: br[1].ID, ApplyDate: today.AddDays(-40)})
	if err != nil {
		t.Fatal(err)
	}
	// A member of the second branch who paid two months ago, not last month.
	m, _, err := st.SaveMember(ctx, data.RoleOffice, data.Member{Name: "郑欠缴", Sex: "男", Standing: data.StandingFull, BranchID: br[1].ID,
		JoinDate: data.MustDate("2000-07-01"), FullDate: data.MustDate("2001-07-01"), BirthDate: data.MustDate("1975-03-01"), DuesBase: 400000})
	if err != nil {
		t.Fatal(err)
	}
	paid := data.MonthOfDate(today) - 2
	if err := st.RecordDues(ctx, data.RoleOffice, []data.DuesPayment{{MemberID: m.ID, Month: paid, BranchID: br[1].ID, Due: 4000, Paid: 4000,
		PaidDate: paid.First().AddDays(4), Method: data.PayCash}}); err != nil {
		t.Fatal(err)
	}

	h := homeOf(t, sh)
	h.list.Select(rowOf(t, h, "吴逾期"))
	d, ok := sh.current.(*developmentScreen)
	if !ok {
		t.Fatalf("发展党员 not opened: %T", sh.current)
	}
	if f := d.file(); f == nil || f.Candidate.ID != c.ID {
		t.Fatalf("candidate not selected: %+v", f)
	}

	h = homeOf(t, sh)
	h.list.Select(rowOf(t, h, "郑欠缴"))
	ds, ok := sh.current.(*duesScreen)
	if !ok {
		t.Fatalf("党费管理 not opened: %T", sh.current)
	}
	if ds.tabs.Selected().Text != "欠缴情况" || ds.branchID() != br[1].ID || ds.yearN() != (data.MonthOfDate(today)-1).Year() {
		t.Fatalf("tab %s branch %d year %d", ds.tabs.Selected().Text, ds.branchID(), ds.yearN())
	}
	if len(ds.arrears.list) != 1 || ds.arrears.list[0].MemberID != m.ID {
		t.Errorf("arrears %+v", ds.arrears.list)
	}
}
