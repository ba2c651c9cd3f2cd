package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"dangjian/data"
)

// Every error is reported at once; one on a tab out of sight is named and
// its tab marked.
func TestMemberFormReportsAllErrorsAndNamesTabs(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	root, _ := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "总支"})
	sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"})
	ms := membersOf(t, sh)
	ms.addNew()
	ed := ms.editor

	tabOf := func(key string) int {
		for i, f := range ed.forms {
			if _, ok := f.fields[key]; ok {
				return i
			}
		}
		t.Fatalf("no field %s", key)
		return -1
	}
	nameTab, joinTab := tabOf("name"), tabOf("join_date")
	if nameTab == joinTab {
		t.Skip("name and join date on one tab")
	}
	// No name (tab 1), an unreadable 入党日期 (another tab).
	typeInto(ed.entries["join_date"], "去年七月")
	ed.tabs.SelectIndex(len(ed.forms) - 1)
	test.Tap(ed.saveBt)

	if msg := ed.forms[nameTab].message("name"); !strings.Contains(msg, "姓名") {
		t.Errorf("name message = %q", msg)
	}
	if msg := ed.forms[joinTab].message("join_date"); msg == "" {
		t.Errorf("join_date message missing")
	}
	g := ed.general.Text
	for _, want := range []string{ed.tabs.Items[nameTab].Text, ed.tabs.Items[joinTab].Text, "处需要修改"} {
		if !strings.Contains(g, want) {
			t.Errorf("general %q lacks %q", g, want)
		}
	}
	if ed.tabs.Items[nameTab].Icon == nil || ed.tabs.Items[joinTab].Icon == nil {
		t.Error("tabs with errors are not marked")
	}
	for i, it := range ed.tabs.Items {
		if i != nameTab && i != joinTab && it.Icon != nil {
			t.Errorf("tab %q marked without an error", it.Text)
		}
	}
	if ed.tabs.SelectedIndex() != nameTab {
		t.Errorf("selected tab %d, want the first with an error %d", ed.tabs.SelectedIndex(), nameTab)
	}
	// Fixing them clears the marks.
	typeInto(ed.entries["name"], "张三")
	typeInto(ed.entries["join_date"], "2006-07-01")
	ed.selects["standing"].SetSelected(data.StandingFull)
	typeInto(ed.entries["full_date"], "2007-07-01")
	ed.branch.SetSelected("第一车队党支部")
	test.Tap(ed.saveBt)
	if ms.editor == nil {
		t.Fatal("no editor after save")
	}
	for _, it := range ms.editor.tabs.Items {
		if it.Icon != nil {
			t.Errorf("tab %q still marked after a save (general %q)", it.Text, ms.editor.general.Text)
		}
	}
}

// withRules keeps typing messages and adds the rules' errors elsewhere.
func TestWithRulesReportsEveryField(t *testing.T) {
	var typing data.Issues
	typing.Err("due", "无法识别日期“下月底”")
	var rules data.Issues
	rules.Err("due", "请填写完成时限")
	rules.Err("title", "请填写任务内容")
	rules.Err("branches", "请选择责任支部")
	err := withRules(typing.AsError(), rules)
	ve, ok := err.(*data.ValidationError)
	if !ok || len(ve.Errors) != 3 {
		t.Fatalf("merged = %v", err)
	}
	if got := ve.For("due"); len(got) != 1 || !strings.Contains(got[0], "下月底") {
		t.Fatalf("due = %v", got)
	}
	if len(ve.For("title")) != 1 || len(ve.For("branches")) != 1 {
		t.Fatalf("merged = %+v", ve)
	}
}

// The task dialog reports an unreadable deadline and the empty fields in
// one go.
func TestTaskDialogReportsAllErrors(t *testing.T) {
	sh, _ := newTestShell(t)
	twoBranches(t, sh)
	sh.Show("考评督办")
	as := sh.current.(*assessScreen)
	as.editTask(data.Task{Year: data.Today().Y, Points: 30, RemindDays: 7})
	list := modalEditors[sh.win]
	fd := list[len(list)-1].(*formDialog)
	typeInto(&fd.form.fields["due"].input.(*dateEntry).Entry, "下月底")
	fd.Save()
	for _, f := range []string{"due", "title", "aspect", "branches"} {
		if fd.form.message(f) == "" {
			t.Errorf("no message at %s", f)
		}
	}
	if !fd.open {
		t.Fatal("dialog closed on a refusal")
	}
}
