package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"dangjian/data"
	"dangjian/data/demo"
)

func membersOf(t *testing.T, sh *Shell) *membersScreen {
	t.Helper()
	if !sh.Show("党员档案") {
		t.Fatal("no 党员档案 screen")
	}
	return sh.current.(*membersScreen)
}

func TestMemberAddRejectEditThroughUI(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	root, _ := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "总支"})
	b1, _ := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"})
	b2, _ := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "机关党支部"})
	ms := membersOf(t, sh)

	ms.addNew()
	ed := ms.editor
	typeInto(ed.entries["name"], "张三丰")
	typeInto(ed.entries["id_number"], "110105198005170010") // wrong check character
	typeInto(ed.entries["join_date"], "2006.7.1")
	typeInto(ed.entries["full_date"], "2007年7月1日")
	typeInto(ed.entries["phone"], "138 0013 8000")
	typeInto(ed.entries["remarks"], "驾驶员，2019 年获评安全标兵。")
	ed.branch.SetSelected("第一车队党支部")
	ed.selects["standing"].SetSelected(data.StandingFull)
	test.Tap(ed.saveBt)

	// Refused: the message sits under the ID number, its tab is in front,
	// and everything typed is still there.
	if msg := ed.forms[0].message("id_number"); !strings.Contains(msg, "校验位") {
		t.Fatalf("id message = %q (general %q)", msg, ed.general.Text)
	}
	if ed.tabs.SelectedIndex() != 0 {
		t.Errorf("tab with the error not selected: %d", ed.tabs.SelectedIndex())
	}
	if ed.entries["remarks"].Text != "驾驶员，2019 年获评安全标兵。" || ed.entries["join_date"].Text != "2006.7.1" {
		t.Fatal("typed text lost after a rejected save")
	}
	if n, _ := sh.store.Members(ctx, data.MemberFilter{}); len(n) != 0 {
		t.Fatal("rejected member stored")
	}

	typeInto(ed.entries["id_number"], "110105198005170017")
	test.Tap(ed.saveBt)
	list, _ := sh.store.Members(ctx, data.MemberFilter{})
	if len(list) != 1 {
		t.Fatalf("stored %d members; general %q", len(list), ed.general.Text)
	}
	m := list[0]
	if m.BirthDate != data.MustDate("1980-05-17") || m.Sex != "男" || m.Phone != "13800138000" ||
		m.JoinDate != data.MustDate("2006-07-01") || m.BranchID != b1.ID {
		t.Fatalf("stored %+v", m)
	}
	if ms.selected != m.ID || ms.editor.member.ID != m.ID {
		t.Fatal("saved member not selected")
	}

	// Find by pinyin initials, then move to another branch via 登记事项.
	typeInto(ms.search, "zsf")
	if len(ms.rows) != 1 {
		t.Fatalf("search zsf: %d rows", len(ms.rows))
	}
	typeInto(ms.search, "lisi")
	if len(ms.rows) != 0 {
		t.Fatalf("search lisi: %d rows", len(ms.rows))
	}
	ms.open(m.ID)
	if !ms.editor.branch.Disabled() {
		t.Error("branch editable on a saved dossier: moves must go through 调整支部")
	}
	// …and shown as plain, readable text rather than a greyed choice.
	if bt := ms.editor.branchText; bt == nil || bt.Text != "第一车队党支部" || ms.editor.branch.Visible() {
		t.Errorf("branch shown as %v", bt)
	}
	ev := ms.editor.recordEvent()
	ev.kind.SetSelected(data.EventMove)
	test.Tap(ev.saveBt) // no branch chosen: refused, dialog stays
	if msg := ev.current().message("branch_id"); !strings.Contains(msg, "请选择调入的党支部") {
		t.Fatalf("move without branch: %q", msg)
	}
	ev.branch.SetSelected("机关党支部")
	typeInto(&ev.date.Entry, "2026.11.1")
	test.Tap(ev.saveBt)
	evs, _ := sh.store.MemberEvents(ctx, m.ID)
	if len(evs) != 1 || evs[0].Kind != data.EventMove || evs[0].BranchID != b2.ID || evs[0].Date != data.MustDate("2026-11-01") {
		t.Fatalf("events %+v", evs)
	}
	if ms.editor.branch.Selected != "机关党支部" {
		t.Errorf("editor shows branch %q after the move", ms.editor.branch.Selected)
	}
	typeInto(ms.editor.entries["phone"], "0531-88776655")
	test.Tap(ms.editor.saveBt)
	got, _ := sh.store.Member(ctx, m.ID)
	if got.Phone != "0531-88776655" || got.BranchID != b2.ID {
		t.Fatalf("after edit %+v", got)
	}
}

func TestMemberListFiltersSortAndSearch(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, sh.store, demo.Options{Members: 300, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	ms := membersOf(t, sh)
	total := len(ms.rows)
	if total < 280 {
		t.Fatalf("list has %d rows", total)
	}
	ms.standing.SetSelected(data.StandingProbationary)
	prob := len(ms.rows)
	if prob == 0 || prob >= total {
		t.Fatalf("预备党员 filter: %d of %d", prob, total)
	}
	for _, r := range ms.rows {
		if ms.all[r].Standing != data.StandingProbationary {
			t.Fatal("filter let a 正式党员 through")
		}
	}
	ms.standing.SetSelected(filterAll)
	ms.roster.SetSelected("历史党员")
	for _, r := range ms.rows {
		if !data.InHistory(ms.all[r].Status) {
			t.Fatal("history roster shows an active member")
		}
	}
	ms.roster.SetSelected("在册党员")
	// Sort by 出生日期 ascending, then descending.
	birth := -1
	for i, c := range ms.cols {
		if c.key == "birth_date" {
			birth = i
		}
	}
	ms.sortBy(birth)
	first := ms.all[ms.rows[0]].BirthDate
	last := ms.all[ms.rows[len(ms.rows)-1]].BirthDate
	if first.After(last) {
		t.Error("not ascending")
	}
	ms.sortBy(birth)
	if ms.all[ms.rows[0]].BirthDate.Before(ms.all[ms.rows[len(ms.rows)-1]].BirthDate) {
		t.Error("not descending")
	}
	// Type the first letters of someone's name.
	someone := ms.all[ms.rows[10]]
	typeInto(ms.search, someone.IDNumber[10:16])
	found := false
	for _, r := range ms.rows {
		found = found || ms.all[r].ID == someone.ID
	}
	if !found {
		t.Fatalf("ID digits did not find %s", someone.Name)
	}
}
