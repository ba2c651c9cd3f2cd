package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

// labelsIn lists the label texts reachable through containers.
func labelsIn(o fyne.CanvasObject) []string {
	var out []string
	walkObjects(o, func(c fyne.CanvasObject) {
		if l, ok := c.(*widget.Label); ok && l.Text != "" {
			out = append(out, l.Text)
		}
	})
	return out
}

func twoBranches(t *testing.T, sh *Shell) (root, b1, b2 data.OrgUnit) {
	t.Helper()
	ctx := context.Background()
	var err error
	if root, err = sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "中共示范公交公司总支部委员会", ShortName: "公司党总支"}); err != nil {
		t.Fatal(err)
	}
	if b1, err = sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "中共第一车队支部委员会", ShortName: "第一车队党支部"}); err != nil {
		t.Fatal(err)
	}
	if b2, err = sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "中共机关支部委员会", ShortName: "机关党支部"}); err != nil {
		t.Fatal(err)
	}
	return
}

// A branch secretary's copy opens on its own branch; other units are
// shown without 保存 or 删除.
func TestBranchCopyOpensOnOwnBranch(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	root, b1, _ := twoBranches(t, sh)
	if err := sh.store.SetRole(ctx, data.RoleOffice, data.Role{BranchID: b1.ID}); err != nil {
		t.Fatal(err)
	}
	o := orgOf(t, sh)
	o.selected = 0
	o.shown()
	if o.ed == nil || o.ed.unit.ID != b1.ID {
		t.Fatalf("opened on %+v, want the own branch", o.ed.unit)
	}
	if o.ed.readOnly || !o.ed.saveBt.Visible() || o.ed.fullName.Disabled() {
		t.Fatal("own branch not editable")
	}
	if o.addBt.Disabled() || o.addBt.Text != "新增党小组" {
		t.Fatalf("add = %q disabled=%v", o.addBt.Text, o.addBt.Disabled())
	}
	o.selectUnit(root.ID)
	if !o.ed.readOnly || hasText(labelsIn(o.ed.obj), "保存") {
		t.Fatal("the 党总支 card is editable on a branch copy")
	}
	var buttons []string
	var visible func(c fyne.CanvasObject)
	visible = func(c fyne.CanvasObject) {
		if c == nil || !c.Visible() {
			return
		}
		switch v := c.(type) {
		case *widget.Button:
			buttons = append(buttons, v.Text)
		case *fyne.Container:
			for _, x := range v.Objects {
				visible(x)
			}
		case *container.Scroll:
			visible(v.Content)
		case *container.AppTabs:
			for _, it := range v.Items {
				visible(it.Content)
			}
		case *container.Split:
			visible(v.Leading)
			visible(v.Trailing)
		}
	}
	visible(o.ed.obj)
	if hasText(buttons, "保存") || hasText(buttons, "删除") {
		t.Fatalf("buttons on the 党总支 card: %v", buttons)
	}
	if !hasText(labelsIn(o.ed.obj), "中共示范公交公司总支部委员会") {
		t.Fatalf("full name not shown as text: %v", labelsIn(o.ed.obj))
	}
	if !o.addBt.Disabled() {
		t.Fatal("a branch copy may add branches")
	}
	before, _ := sh.store.OrgUnit(ctx, root.ID)
	o.save() // Ctrl+S does nothing here
	if after, _ := sh.store.OrgUnit(ctx, root.ID); after != before {
		t.Fatal("Ctrl+S changed the 党总支")
	}
	// The office's copy still opens on the root with everything.
	if err := sh.store.SetRole(ctx, data.RoleOffice, data.Role{Office: true}); err != nil {
		t.Fatal(err)
	}
	o.selected = 0
	o.shown()
	if o.ed.unit.ID != root.ID || o.ed.readOnly || !o.ed.saveBt.Visible() {
		t.Fatal("office copy not on an editable root")
	}
}

// An open meeting is titled without doubling 支部, and its time boxes are
// labelled.
func TestMeetingTitleAndTimeLabels(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	_, b1, _ := twoBranches(t, sh)
	m, _, err := sh.store.SaveMeeting(ctx, data.Role{Office: true}, data.Meeting{UnitID: b1.ID, Kind: data.MeetingKinds[0], Date: data.MustDate("2026-03-12"), Topic: "学习"})
	if err != nil {
		t.Fatal(err)
	}
	if !sh.Show("三会一课") {
		t.Fatal("no meetings screen")
	}
	s := sh.current.(*meetingsScreen)
	s.open(m.ID)
	texts := labelsIn(s.editor.obj)
	want := "第一车队党支部" + data.MeetingKinds[0][len("支部"):]
	if data.MeetingKinds[0][:len("支部")] != "支部" {
		want = "第一车队党支部" + data.MeetingKinds[0]
	}
	if !hasText(texts, want) || hasText(texts, "党支部支部") || hasText(texts, "党支部 支部") {
		t.Fatalf("title: want %q in %v", want, texts)
	}
	if !hasText(texts, "开始") || !hasText(texts, "结束") {
		t.Fatalf("time boxes unlabelled: %v", texts)
	}
}

// 方面 is picked from the year's aspects; a new one is typed only after
// choosing 新的方面.
func TestTaskAspectIsAChoice(t *testing.T) {
	cases := []struct {
		aspects  []string
		current  string
		sel      string
		entryVis bool
	}{
		{[]string{"组织建设", "作风建设"}, "", "", false},
		{[]string{"组织建设", "作风建设"}, "作风建设", "作风建设", false},
		{[]string{"组织建设"}, "品牌建设", newAspectLabel, true},
		{nil, "", newAspectLabel, true},
	}
	newTestShell(t)
	for _, c := range cases {
		a := newAspectChoice(c.aspects, c.current)
		if a.sel.Selected != c.sel || a.entry.Visible() != c.entryVis || a.value() != c.current {
			t.Errorf("%v %q: sel %q entry %v value %q", c.aspects, c.current, a.sel.Selected, a.entry.Visible(), a.value())
		}
		if len(a.sel.Options) != len(c.aspects)+1 {
			t.Errorf("options %v", a.sel.Options)
		}
	}
	a := newAspectChoice([]string{"组织建设"}, "")
	a.sel.SetSelected("组织建设")
	if a.value() != "组织建设" || a.entry.Visible() {
		t.Fatalf("picked: %q", a.value())
	}
	a.sel.SetSelected(newAspectLabel)
	typeInto(a.entry, " 品牌建设 ")
	if !a.entry.Visible() || a.value() != "品牌建设" {
		t.Fatalf("new: %q", a.value())
	}
}

// The calendar fills a date entry; typed dates keep working.
func TestDateEntryCalendar(t *testing.T) {
	newTestShell(t)
	w := fyne.CurrentApp().NewWindow("t")
	e := newDateEntry()
	w.SetContent(e)
	w.Resize(fyne.NewSize(400, 600))
	typeInto(&e.Entry, "2010.7.1")
	if d, _ := data.ParseDateLoose(e.Text); d != data.MustDate("2010-07-01") {
		t.Fatalf("typed date = %q", e.Text)
	}
	test.Tap(e.calBt)
	if e.cal == nil || e.popup == nil || !e.popup.Visible() {
		t.Fatal("no calendar")
	}
	if e.cal.year.Selected != "2010年" || e.cal.month.Selected != "7月" {
		t.Fatalf("calendar at %s %s", e.cal.year.Selected, e.cal.month.Selected)
	}
	if e.cal.dayButton(1).Importance != widget.HighImportance {
		t.Error("the entry's day is not marked")
	}
	// 2010-07-01 was a Thursday: three blanks after the weekday row.
	if _, ok := e.cal.days.Objects[7+3].(*widget.Button); !ok {
		t.Errorf("first day not under 四: %T", e.cal.days.Objects[7+3])
	}
	e.cal.year.SetSelected("1985年")
	e.cal.month.SetSelected("3月")
	test.Tap(e.cal.dayButton(12))
	if e.Text != "1985-03-12" || e.popup.Visible() {
		t.Fatalf("picked %q, popup visible %v", e.Text, e.popup.Visible())
	}
	// Next month from December crosses the year.
	typeInto(&e.Entry, "2026-12-31")
	test.Tap(e.calBt)
	e.cal.show(e.cal.shown.AddMonths(1))
	if e.cal.year.Selected != "2027年" || e.cal.month.Selected != "1月" {
		t.Fatalf("after December: %s %s", e.cal.year.Selected, e.cal.month.Selected)
	}
	e.Disable()
	if !e.calBt.Disabled() {
		t.Error("calendar button live on a disabled entry")
	}
}
