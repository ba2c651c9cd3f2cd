package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

// newTestShell opens a fresh store and builds the workbench in a test
// window; printed files are recorded instead of opened.
func newTestShell(t *testing.T) (*Shell, *[]string) {
	t.Helper()
	test.NewTempApp(t)
	s, err := data.Open(filepath.Join(t.TempDir(), "ui.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 760))
	// 工作台's counts load at once, not beside the test (see newBackground).
	defer func(old func(func())) { newBackground = old }(newBackground)
	newBackground = func(f func()) { f() }
	sh := Create(fyne.CurrentApp(), w, s)
	sh.waitHome()
	var opened []string
	sh.OpenFile = func(p string) error { opened = append(opened, p); return nil }
	sh.background = func(f func()) { f() }
	// The tests below start from the organisation tree; 工作台 comes first.
	sh.Show("组织架构")
	return sh, &opened
}

func orgOf(t *testing.T, sh *Shell) *orgScreen {
	t.Helper()
	o, ok := sh.current.(*orgScreen)
	if !ok {
		t.Fatalf("current screen is %T", sh.current)
	}
	return o
}

func typeInto(e *widget.Entry, s string) {
	e.SetText("")
	test.Type(e, s)
}

func TestOrgCreateEditThroughUI(t *testing.T) {
	sh, opened := newTestShell(t)
	o := orgOf(t, sh)
	ctx := context.Background()

	// Empty database: the only action is to create the general branch.
	if o.addBt.Text != "新建党总支" || o.addBt.Disabled() {
		t.Fatalf("add button = %q disabled=%v", o.addBt.Text, o.addBt.Disabled())
	}
	test.Tap(o.addBt)
	ed := o.ed
	if ed == nil || ed.unit.Level != data.LevelGeneral {
		t.Fatal("no editor for the new general branch")
	}
	// Saving without a name is refused with a message at the field.
	test.Tap(ed.saveBt)
	if msg := ed.form.message("full_name"); !strings.Contains(msg, "请填写全称") {
		t.Fatalf("full_name message = %q", msg)
	}
	typeInto(ed.fullName, "中共示范公交公司总支部委员会")
	typeInto(ed.shortName, "公司党总支")
	typeInto(&ed.founded.Entry, "1998年7月1日")
	test.Tap(ed.saveBt)
	roots, err := sh.store.OrgTree(ctx)
	if err != nil || len(roots) != 1 {
		t.Fatalf("roots = %v, %v", roots, err)
	}
	root := roots[0].Unit
	if root.FullName != "中共示范公交公司总支部委员会" || root.ShortName != "公司党总支" || root.Founded != data.MustDate("1998-07-01") {
		t.Fatalf("stored root = %+v", root)
	}

	// With the root selected, add a branch; a bad phone is refused and
	// everything typed stays in place.
	if o.selected != root.ID || o.addBt.Text != "新增党支部" {
		t.Fatalf("selection %d, add button %q", o.selected, o.addBt.Text)
	}
	test.Tap(o.addBt)
	ed = o.ed
	typeInto(ed.fullName, "中共示范公交公司第一车队支部委员会")
	typeInto(ed.shortName, "第一车队党支部")
	typeInto(ed.liaison, "陈晓燕")
	typeInto(ed.phone, "8765")
	typeInto(&ed.termStart.Entry, "2024.3.15")
	test.Tap(ed.saveBt)
	if msg := ed.form.message("phone"); !strings.Contains(msg, "格式不正确") {
		t.Fatalf("phone message = %q; general %q; status %q", msg, ed.form.general.Text, sh.msgLabel.Text)
	}
	if ed.fullName.Text != "中共示范公交公司第一车队支部委员会" || ed.liaison.Text != "陈晓燕" || ed.termStart.Text != "2024.3.15" {
		t.Fatal("typed text lost after a rejected save")
	}
	if roots, _ := sh.store.OrgTree(ctx); len(roots[0].Children) != 0 {
		t.Fatal("rejected branch was stored")
	}
	typeInto(ed.phone, "0571-87654321")
	test.Tap(ed.saveBt)
	roots, _ = sh.store.OrgTree(ctx)
	if len(roots[0].Children) != 1 {
		t.Fatal("branch not stored")
	}
	br := roots[0].Children[0].Unit
	if br.Phone != "0571-87654321" || br.Liaison != "陈晓燕" || br.TermStart != data.MustDate("2024-03-15") || br.TermYears != 3 {
		t.Fatalf("stored branch = %+v", br)
	}

	// Edit through the card: the change is saved and audited.
	if o.selected != br.ID {
		t.Fatalf("selection after save = %d, want %d", o.selected, br.ID)
	}
	typeInto(o.ed.shortName, "一车队")
	test.Tap(o.ed.saveBt)
	u, _ := sh.store.OrgUnit(ctx, br.ID)
	if u.ShortName != "一车队" {
		t.Fatalf("short name = %q", u.ShortName)
	}
	es, _ := sh.store.AuditEntries(ctx, data.AuditFilter{Entity: data.EntityOrgUnit, RecordID: "2"})
	if len(es) != 2 || es[0].Action != data.ActionUpdate {
		t.Fatalf("audit = %+v", es)
	}

	// Appoint a 书记 through the committee dialog.
	n := o.byID[br.ID]
	cv := newCommitteeView(o, n)
	fd := cv.editPost(data.Post{UnitID: br.ID})
	typeInto(&fd.form.fields["title"].input.(*widget.SelectEntry).Entry, "书记")
	typeInto(&fd.form.fields["holder"].input.(*widget.SelectEntry).Entry, "张建国")
	start := fd.form.fields["start"].input.(*dateEntry)
	typeInto(&start.Entry, "2024-03-15")
	test.Tap(fd.saveBt)
	if msg := fd.form.general.Text; msg != "" {
		t.Fatalf("post save failed: %s", msg)
	}
	roots, _ = sh.store.OrgTree(ctx)
	if h := roots[0].Children[0].Head(data.Today()); h != "张建国" {
		t.Fatalf("head after appointment = %q", h)
	}

	// Ctrl+P prints the 组织架构表 and hands it to the viewer.
	o.print()
	if len(*opened) != 1 || !strings.HasSuffix((*opened)[0], ".pdf") {
		t.Fatalf("printed = %v", *opened)
	}
}

func TestOrgDeleteRefusedShowsReason(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	root, err := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "总支"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一支部"}); err != nil {
		t.Fatal(err)
	}
	o := orgOf(t, sh)
	o.shown()
	if err := sh.store.DeleteUnit(ctx, data.RoleOffice, root.ID); err == nil || !strings.Contains(err.Error(), "不能删除") {
		t.Fatalf("delete root with child: %v", err)
	}
}
