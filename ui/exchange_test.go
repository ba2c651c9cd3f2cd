package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"dangjian/data"
	"dangjian/data/demo"
)

// exchangeOf shows 数据交换 and returns it.
func exchangeOf(t *testing.T, sh *Shell) *exchangeScreen {
	t.Helper()
	if !sh.Show("数据交换") {
		t.Fatal("no 数据交换 screen")
	}
	x, ok := sh.current.(*exchangeScreen)
	if !ok {
		t.Fatalf("current screen is %T", sh.current)
	}
	return x
}

// pickPath makes the shell's file dialogs answer path.
func pickPath(sh *Shell, path string) {
	sh.pickFile = func(save bool, c fileChoice, pick func(string)) { pick(path) }
}

// branchMinutes saves and submits minutes of unit on a branch copy.
func branchMinutes(t *testing.T, s *data.Store, role data.Role, unit int64, topic string, day data.Date) data.Meeting {
	t.Helper()
	ctx := context.Background()
	m, _, err := s.SaveMeeting(ctx, role, data.Meeting{UnitID: unit, Kind: data.KindCommittee, Topic: topic, Date: day,
		StartTime: "14:30", EndTime: "16:00", Place: "车队会议室", Host: "书记", Recorder: "组织委员", Expected: 5, Present: 5,
		Content: topic + "：会议研究了有关事项。"})
	if err != nil {
		t.Fatal(err)
	}
	if m, err = s.Review(ctx, m.ID, role, data.StatusSubmitted, ""); err != nil {
		t.Fatal(err)
	}
	return m
}

// The round trip through the screens: the office makes a branch package,
// a new copy becomes that branch's from the first-start dialog (preview,
// 导入), records and submits minutes, sends them; the office previews the
// package — the sentence says what changes — imports it and holds the
// minutes; it approves one and returns another, and the branch sees both
// after importing the reply.
func TestExchangeRoundTripThroughScreens(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	office, _ := newTestShell(t)
	if _, err := demo.Load(ctx, office.store, demo.Options{Members: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	office.store.SetOperator(ctx, "王芳")
	ox := exchangeOf(t, office)
	if len(ox.branchSel.Options) == 0 || !ox.branchSel.Visible() {
		t.Fatalf("office: no branch to choose: %v", ox.branchSel.Options)
	}
	branchName := ox.branchSel.Options[0]
	ox.branchSel.SetSelected(branchName)
	initPkg := filepath.Join(dir, "init.djx")
	pickPath(office, initPkg)
	test.Tap(ox.exportBt)
	if !fileExists(initPkg) {
		t.Fatalf("no branch package written; status %q", office.msgLabel.Text)
	}
	if len(ox.packages) != 1 || ox.packages[0].Direction != data.PackageSent {
		t.Fatalf("office history: %+v", ox.packages)
	}

	// A new copy: the first-start dialog, 党支部, the package.
	branch, _ := newTestShell(t)
	wd := branch.Welcome()
	typeInto(wd.operator.entry, "李书记")
	wd.role.SetSelected(roleBranch)
	pickPath(branch, initPkg)
	test.Tap(wd.branchPkg)
	pp := branch.lastPreview
	if pp == nil || !pp.prev.BecomesBranch {
		t.Fatalf("no branch preview; refusal %q", branch.lastRefusal)
	}
	if n, _ := branch.store.OrgTree(ctx); len(n) != 0 {
		t.Fatal("the preview wrote the org tree")
	}
	test.Tap(pp.importBt)
	role := branch.store.Role(ctx)
	if role.Office || role.BranchID == 0 {
		t.Fatalf("after the branch package the role is %+v", role)
	}
	if id, err := branch.store.Identity(ctx); err != nil || !id.IsBranch() {
		t.Fatalf("branch identity %+v %v", id, err)
	}
	if branch.NeedsWelcome() {
		t.Fatal("welcome asked again on the branch copy")
	}

	// Minutes recorded on the branch copy travel to the office.
	today := branch.store.Today()
	m1 := branchMinutes(t, branch.store, role, role.BranchID, "研究发展党员工作", today.AddDays(-3))
	m2 := branchMinutes(t, branch.store, role, role.BranchID, "研究年度考评", today.AddDays(-2))
	// A proposed change of a member's phone, decided at the office.
	bms, err := branch.store.Members(ctx, data.MemberFilter{})
	if err != nil || len(bms) == 0 {
		t.Fatalf("branch roster: %d %v", len(bms), err)
	}
	mem := bms[0]
	mem.Phone = "13900001111"
	if _, _, err := branch.store.SaveMember(ctx, role, mem); err != nil {
		t.Fatal(err)
	}
	bx := exchangeOf(t, branch)
	if bx.branchBox.Visible() || !strings.Contains(bx.exportBt.Text, "党总支") {
		t.Fatalf("branch export button %q", bx.exportBt.Text)
	}
	if len(bx.tabs.Items) != 2 {
		t.Errorf("a branch copy has no 待确认 tab: %d tabs", len(bx.tabs.Items))
	}
	up := filepath.Join(dir, "up.djx")
	pickPath(branch, up)
	test.Tap(bx.exportBt)
	if !fileExists(up) {
		t.Fatalf("no package for the office; status %q", branch.msgLabel.Text)
	}

	// The office previews: nothing is written until 导入.
	before, _ := office.store.MeetingList(ctx, data.MeetingListFilter{Status: data.StatusSubmitted})
	pickPath(office, up)
	ox = exchangeOf(t, office)
	test.Tap(ox.importBt)
	pp = office.lastPreview
	if pp == nil {
		t.Fatalf("no preview at the office; refusal %q", office.lastRefusal)
	}
	if sum := pp.summary.Text; !strings.Contains(sum, "新增会议记录 2 条") || !strings.Contains(sum, "待确认党员信息变更 1 条") {
		t.Errorf("preview summary %q", sum)
	}
	if len(pp.tabs.Items) == 0 {
		t.Error("preview without a table")
	}
	if now, _ := office.store.MeetingList(ctx, data.MeetingListFilter{Status: data.StatusSubmitted}); len(now) != len(before) {
		t.Fatal("the preview imported")
	}
	test.Tap(pp.importBt)
	got := map[string]data.MeetingListItem{}
	after, _ := office.store.MeetingList(ctx, data.MeetingListFilter{Status: data.StatusSubmitted})
	for _, it := range after {
		got[it.Topic] = it
	}
	a, b := got[m1.Topic], got[m2.Topic]
	if a.ID == 0 || b.ID == 0 || a.Branch != branchName {
		t.Fatalf("office holds after import: %+v", after)
	}
	if len(ox.packages) != 2 {
		t.Errorf("office history after import: %d packages", len(ox.packages))
	}
	// The member change waits at the office until accepted there.
	if len(ox.pending) != 1 || !strings.Contains(ox.pendTab.Text, "（1）") {
		t.Fatalf("office pending: %+v, tab %q", ox.pending, ox.pendTab.Text)
	}
	officeMember := func() data.Member {
		ms, _ := office.store.Members(ctx, data.MemberFilter{})
		for _, m := range ms {
			if m.IDNumber == mem.IDNumber {
				return m
			}
		}
		t.Fatalf("office has no member %s", mem.Name)
		return data.Member{}
	}
	if officeMember().Phone == "13900001111" {
		t.Fatal("the proposed change was applied before it was accepted")
	}
	ox.tabs.Select(ox.pendTab)
	ox.pendList.OnSelect(0)
	if ox.acceptBt.Disabled() || len(ox.pendFields.rows) == 0 {
		t.Fatalf("pending change not shown: accept disabled %v, %d fields", ox.acceptBt.Disabled(), len(ox.pendFields.rows))
	}
	test.Tap(ox.acceptBt)
	if got := officeMember().Phone; got != "13900001111" {
		t.Fatalf("after 接受 the office's phone is %q", got)
	}
	if len(ox.pending) != 0 {
		t.Errorf("still pending after 接受: %+v", ox.pending)
	}
	// Importing the same package again changes nothing: the preview says so.
	test.Tap(ox.importBt)
	if pp = office.lastPreview; !pp.prev.DuplicatePackage || !pp.importBt.Disabled() {
		t.Errorf("second import: duplicate %v, 导入 enabled %v", pp.prev.DuplicatePackage, !pp.importBt.Disabled())
	}
	hideOverlays(office.win)

	// The office approves one and returns the other; the reply reaches the branch.
	if _, err := office.store.Review(ctx, a.ID, data.RoleOffice, data.StatusApproved, "同意"); err != nil {
		t.Fatal(err)
	}
	if _, err := office.store.Review(ctx, b.ID, data.RoleOffice, data.StatusReturned, "请补充考评细则"); err != nil {
		t.Fatal(err)
	}
	down := filepath.Join(dir, "down.djx")
	ox.branchSel.SetSelected(branchName)
	pickPath(office, down)
	test.Tap(ox.exportBt)
	pickPath(branch, down)
	bx = exchangeOf(t, branch)
	test.Tap(bx.importBt)
	if pp = branch.lastPreview; pp == nil || !strings.Contains(pp.summary.Text, "会议记录") {
		t.Fatalf("branch preview of the reply: %+v refusal %q", pp, branch.lastRefusal)
	}
	test.Tap(pp.importBt)
	r1, err1 := branch.store.Meeting(ctx, m1.ID)
	r2, err2 := branch.store.Meeting(ctx, m2.ID)
	if err1 != nil || err2 != nil || r1.Status != data.StatusApproved || r2.Status != data.StatusReturned || r2.Comment != "请补充考评细则" {
		t.Fatalf("branch after the reply: %s %s %q (%v %v)", r1.Status, r2.Status, r2.Comment, err1, err2)
	}

	// Both sides edit the returned minutes before they meet again: the
	// branch's screen shows both versions side by side; 采用对方 takes the office's.
	sendUp := filepath.Join(dir, "up2.djx")
	pickPath(branch, sendUp)
	test.Tap(bx.exportBt) // confirms the reply
	pickPath(office, sendUp)
	test.Tap(ox.importBt)
	test.Tap(office.lastPreview.importBt)
	r2.Content = "支部的修改：补充了讨论情况。"
	if _, _, err := branch.store.SaveMeeting(ctx, role, r2); err != nil {
		t.Fatal(err)
	}
	om, _ := office.store.Meeting(ctx, b.ID)
	om.Content = "办公室的修改：更正了地点。"
	if _, _, err := office.store.SaveMeeting(ctx, data.RoleOffice, om); err != nil {
		t.Fatal(err)
	}
	down2 := filepath.Join(dir, "down2.djx")
	ox.branchSel.SetSelected(branchName)
	pickPath(office, down2)
	test.Tap(ox.exportBt)
	pickPath(branch, down2)
	test.Tap(bx.importBt)
	if pp = branch.lastPreview; len(pp.prev.Conflicts) != 1 || !strings.Contains(pp.summary.Text, "冲突 1 条") {
		t.Fatalf("preview of a conflicting edit: %q %+v", pp.summary.Text, pp.prev.Conflicts)
	}
	test.Tap(pp.importBt)
	if got, _ := branch.store.Meeting(ctx, m2.ID); got.Content != r2.Content {
		t.Fatal("the conflict overwrote the branch's version")
	}
	if !strings.Contains(bx.confTab.Text, "（1）") || len(bx.conflicts) != 1 || bx.takeIncomingBt.Disabled() {
		t.Fatalf("conflict tab %q, %d conflicts", bx.confTab.Text, len(bx.conflicts))
	}
	var both bool
	for _, row := range bx.confFields.rows {
		if strings.HasPrefix(row[0], "≠") && row[1] == r2.Content && row[2] == om.Content {
			both = true
		}
	}
	if !both {
		t.Fatalf("the two versions are not side by side: %v", bx.confFields.rows)
	}
	if dir := os.Getenv("DANGJIAN_SHOTS"); dir != "" {
		os.MkdirAll(dir, 0o755)
		branch.win.Resize(fyne.NewSize(1366, 705))
		hideOverlays(branch.win)
		branch.Show("数据交换/冲突")
		shootTo(t, branch.win, dir, "数据交换-支部-冲突")
	}
	test.Tap(bx.takeIncomingBt)
	if got, _ := branch.store.Meeting(ctx, m2.ID); got.Content != om.Content {
		t.Fatalf("after 采用对方 the branch holds %q", got.Content)
	}
	if len(bx.conflicts) != 0 {
		t.Errorf("conflict still open: %+v", bx.conflicts)
	}
}

// A package that is not one is refused with a Chinese reason, and the
// database is unchanged.
func TestExchangeRefusedPackage(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	bad := filepath.Join(t.TempDir(), "bad.djx")
	if err := os.WriteFile(bad, []byte("这不是交换包"), 0o600); err != nil {
		t.Fatal(err)
	}
	x := exchangeOf(t, sh)
	pickPath(sh, bad)
	test.Tap(x.importBt)
	if sh.lastPreview != nil {
		t.Fatal("a preview of a broken package")
	}
	top := sh.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("nothing said about a refused package")
	}
	if n, err := sh.store.OrgTree(ctx); err != nil || len(n) != 0 {
		t.Fatalf("a refused package changed the database: %d units, %v", len(n), err)
	}
}
