package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/data/demo"
)

// answerUnsaved checks that the 保存/不保存/取消 question is up and taps c.
func answerUnsaved(t *testing.T, sh *Shell, c unsavedChoice) {
	t.Helper()
	q := sh.asking
	if q == nil {
		t.Fatal("leaving with unsaved changes did not ask 保存/不保存/取消")
	}
	if q.save.Text != "保存" || q.discard.Text != "不保存" || q.cancel.Text != "取消" {
		t.Fatalf("question buttons %q %q %q", q.save.Text, q.discard.Text, q.cancel.Text)
	}
	switch c {
	case choiceSave:
		test.Tap(q.save)
	case choiceDiscard:
		test.Tap(q.discard)
	default:
		test.Tap(q.cancel)
	}
	if sh.asking != nil {
		t.Fatal("question still up after the answer")
	}
}

// trapClose makes closing the window record itself instead of closing.
func trapClose(sh *Shell) *bool {
	closed := false
	sh.SetOnClose(func() { closed = true })
	return &closed
}

// editorProbe drives one editor for leaveTests.
type editorProbe struct {
	open   func()            // shows the editor with its record loaded, unchanged
	edit   func(v string)    // types v into one field
	typed  func() string     // that field's text in the open editor
	stored func() string     // that field's value in the store
	ways   map[string]func() // ways of leaving the editor
	// stayed reports that the editor (and its list selection) is still
	// the one being edited after 取消.
	stayed func() bool
}

// leaveTests runs every way out with each answer: 取消 stays with the typed
// text, 不保存 leaves the store as it was, 保存 stores the value; leaving
// without a change asks nothing.
func leaveTests(t *testing.T, sh *Shell, p editorProbe) {
	closed := trapClose(sh)
	for name, leave := range p.ways {
		t.Run(name, func(t *testing.T) {
			p.open()
			before := p.stored()
			*closed = false
			leave()
			if sh.asking != nil {
				t.Fatal("asked although nothing was changed")
			}
			if name == "close" && !*closed {
				t.Fatal("window not closed although nothing was changed")
			}
			*closed = false

			p.open()
			p.edit("改动甲")
			leave()
			answerUnsaved(t, sh, choiceCancel)
			if got := p.typed(); got != "改动甲" {
				t.Fatalf("after 取消 the field holds %q", got)
			}
			if !p.stayed() {
				t.Fatal("after 取消 the editor or its selection was left")
			}
			if *closed {
				t.Fatal("window closed after 取消")
			}

			leave()
			answerUnsaved(t, sh, choiceDiscard)
			if got := p.stored(); got != before {
				t.Fatalf("after 不保存 the store holds %q, want %q", got, before)
			}
			if strings.Contains(sh.msgLabel.Text, "未保存") {
				t.Fatalf("stale status %q", sh.msgLabel.Text)
			}

			p.open()
			want := "改动乙" + name // differs from what earlier subtests stored
			p.edit(want)
			leave()
			answerUnsaved(t, sh, choiceSave)
			if got := p.stored(); got != want {
				t.Fatalf("after 保存 the store holds %q", got)
			}
			if name == "close" && !*closed {
				t.Fatal("window not closed after 保存")
			}
		})
	}
}

func TestMemberEditorAsksBeforeLeaving(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, sh.store, demo.Options{Members: demo.MinMembers, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	ms := membersOf(t, sh)
	first := ms.all[ms.rows[0]].ID
	// Table has no getter for its selection: watch what it selects.
	lastRow := -1
	onSel := ms.table.OnSelected
	ms.table.OnSelected = func(id widget.TableCellID) { lastRow = id.Row; onSel(id) }
	row := func(id int64) int {
		for i, r := range ms.rows {
			if ms.all[r].ID == id {
				return i
			}
		}
		return -1
	}
	leaveTests(t, sh, editorProbe{
		open: func() {
			sh.Show("党员档案")
			ms.table.Select(widget.TableCellID{Row: row(first), Col: 0})
			if ms.editor == nil || ms.editor.member.ID != first {
				t.Fatal("dossier not open")
			}
		},
		edit:  func(v string) { typeInto(ms.editor.entries["remarks"], v) },
		typed: func() string { return ms.editor.entries["remarks"].Text },
		stored: func() string {
			m, _ := sh.store.Member(ctx, first)
			return m.Remarks
		},
		ways: map[string]func(){
			"another row": func() { ms.table.Select(widget.TableCellID{Row: row(first) + 1, Col: 0}) },
			"module":      func() { sh.Show("组织架构") },
			"new record":  func() { sh.guard(ms.addNew, ms.keepSelection) },
			"close":       sh.requestClose,
		},
		stayed: func() bool {
			return sh.current == ms && ms.editor.member.ID == first && ms.selected == first && lastRow == row(first)
		},
	})

	// A refused save stays in the dossier with the text and the message.
	sh.Show("党员档案")
	ms.table.Select(widget.TableCellID{Row: row(first), Col: 0})
	typeInto(ms.editor.entries["id_number"], "110105198005170010")
	ms.table.Select(widget.TableCellID{Row: row(first) + 1, Col: 0})
	answerUnsaved(t, sh, choiceSave)
	if ms.editor.member.ID != first || ms.editor.entries["id_number"].Text != "110105198005170010" {
		t.Fatal("refused save left the dossier or lost the typed text")
	}
	if msg := ms.editor.forms[0].message("id_number"); !strings.Contains(msg, "校验位") {
		t.Fatalf("id message = %q", msg)
	}
	if lastRow != row(first) {
		t.Fatalf("list selection %d, want the edited row %d", lastRow, row(first))
	}
	// 不保存 afterwards clears the status line's "未保存" note.
	if !strings.Contains(sh.msgLabel.Text, "未保存") {
		t.Fatalf("status after refusal %q", sh.msgLabel.Text)
	}
	ms.table.Select(widget.TableCellID{Row: row(first) + 1, Col: 0})
	answerUnsaved(t, sh, choiceDiscard)
	if ms.editor.member.ID == first || strings.Contains(sh.msgLabel.Text, "未保存") {
		t.Fatalf("after 不保存: editor %d, status %q", ms.editor.member.ID, sh.msgLabel.Text)
	}
}

func TestUnitEditorAsksBeforeLeaving(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	root, _ := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "总支"})
	b1, _ := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一支部"})
	if _, err := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第二支部"}); err != nil {
		t.Fatal(err)
	}
	sh.Show("组织架构")
	o := orgOf(t, sh)
	o.shown()
	// Tree has no getter for its selection: watch what it selects.
	lastNode := ""
	onSel := o.tree.OnSelected
	o.tree.OnSelected = func(uid widget.TreeNodeID) { lastNode = uid; onSel(uid) }
	leaveTests(t, sh, editorProbe{
		open: func() {
			sh.Show("组织架构")
			o.tree.Select(unitUID(b1.ID))
			if o.ed == nil || o.ed.unit.ID != b1.ID {
				t.Fatal("unit card not open")
			}
		},
		edit:  func(v string) { typeInto(o.ed.liaison, v) },
		typed: func() string { return o.ed.liaison.Text },
		stored: func() string {
			u, _ := sh.store.OrgUnit(ctx, b1.ID)
			return u.Liaison
		},
		ways: map[string]func(){
			"another row": func() { o.tree.Select(unitUID(root.ID)) },
			"module":      func() { sh.Show("党员档案") },
			"new record":  func() { test.Tap(o.addBt) },
			"close":       sh.requestClose,
		},
		stayed: func() bool {
			return sh.current == o && o.ed.unit.ID == b1.ID && lastNode == unitUID(b1.ID)
		},
	})

	// A refused save keeps the card with the typed text and the message.
	sh.Show("组织架构")
	o.tree.Select(unitUID(b1.ID))
	typeInto(o.ed.phone, "8765")
	sh.Show("党员档案")
	answerUnsaved(t, sh, choiceSave)
	if sh.current != o || o.ed.phone.Text != "8765" || !strings.Contains(o.ed.form.message("phone"), "格式不正确") {
		t.Fatalf("after refused save: screen %T, phone %q, message %q", sh.current, o.ed.phone.Text, o.ed.form.message("phone"))
	}
}

func TestSettingsAskBeforeLeaving(t *testing.T) {
	sh, _ := newTestShell(t)
	sh.Show("系统设置")
	s := sh.current.(*settingsScreen)
	leaveTests(t, sh, editorProbe{
		open: func() {
			sh.Show("系统设置")
		},
		edit:   func(v string) { typeInto(s.operator, v) },
		typed:  func() string { return s.operator.Text },
		stored: func() string { return sh.store.Operator() },
		ways: map[string]func(){
			"module": func() { sh.Show("操作日志") },
			"close":  sh.requestClose,
		},
		stayed: func() bool { return sh.current == s && sh.nav.Length() > 0 && sh.screens[sh.navIdx] == s },
	})

	// The meeting frequencies are guarded too; a refused save stays.
	kind := data.MeetingKinds[0]
	sh.Show("系统设置")
	typeInto(s.ruleNum[kind], "两")
	sh.Show("操作日志")
	answerUnsaved(t, sh, choiceSave)
	if sh.current != s || s.ruleNum[kind].Text != "两" || s.ruleForm.message(kind) == "" {
		t.Fatalf("refused frequency save: screen %T, text %q", sh.current, s.ruleNum[kind].Text)
	}
	typeInto(s.ruleNum[kind], "5")
	sh.Show("操作日志")
	answerUnsaved(t, sh, choiceSave)
	rules, _ := sh.store.MeetingRules(context.Background())
	for _, r := range rules {
		if r.Kind == kind && r.Times != 5 {
			t.Fatalf("stored rule %+v", r)
		}
	}
	if _, ok := sh.current.(*auditScreen); !ok {
		t.Fatalf("after saving went to %T", sh.current)
	}
}

// The minutes save themselves when left; only a draft that cannot be
// saved (an unreadable date) is asked about.
func TestMeetingEditorSavesOrAsks(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, sh.store, demo.Options{Members: demo.MinMembers, Seed: 4}); err != nil {
		t.Fatal(err)
	}
	roots, _ := sh.store.OrgTree(ctx)
	branch := roots[0].Children[0].Unit
	if err := sh.store.SetRole(ctx, data.RoleOffice, data.Role{BranchID: branch.ID}); err != nil {
		t.Fatal(err)
	}
	day := data.Today().AddDays(-2)
	m, _, err := sh.store.SaveMeeting(ctx, data.RoleOffice, data.Meeting{UnitID: branch.ID, Kind: data.KindCommittee, Date: day,
		Topic: "原主题", Form: data.MeetingForms[0], Status: data.StatusDraft})
	if err != nil {
		t.Fatal(err)
	}
	s := meetingsOf(t, sh)
	s.shown()
	open := func() {
		sh.Show("三会一课")
		s.status.SetSelected(data.StatusDraft)
		for i, r := range s.rows {
			if r.ID == m.ID {
				s.list.Select(widget.TableCellID{Row: i, Col: 0})
			}
		}
		if s.editor == nil || s.editor.m.ID != m.ID {
			t.Fatal("minutes not open")
		}
	}
	stored := func() string {
		got, _ := sh.store.Meeting(ctx, m.ID)
		return got.Topic
	}

	// A readable change is saved on the way out without a question.
	open()
	typeInto(s.editor.topic, "自动保存的主题")
	sh.Show("操作日志")
	if sh.asking != nil || stored() != "自动保存的主题" {
		t.Fatalf("asked=%v stored=%q", sh.asking != nil, stored())
	}

	closed := trapClose(sh)
	for name, leave := range map[string]func(){
		"module":     func() { sh.Show("操作日志") },
		"new record": func() { sh.guard(func() { s.newMeeting(); hideOverlays(sh.win) }, s.keepSelection) },
		"close":      sh.requestClose,
	} {
		t.Run(name, func(t *testing.T) {
			*closed = false
			open()
			typeInto(s.editor.topic, "改动甲")
			typeInto(&s.editor.date.Entry, "2026-13-45")
			leave()
			answerUnsaved(t, sh, choiceCancel)
			if sh.current != s || s.editor.m.ID != m.ID || s.editor.topic.Text != "改动甲" || *closed {
				t.Fatal("取消 left the minutes")
			}
			leave()
			answerUnsaved(t, sh, choiceSave) // refused: the date is unreadable
			if s.editor.m.ID != m.ID || s.editor.date.Text != "2026-13-45" || s.editor.form.message("date") == "" {
				t.Fatalf("refused save: date %q message %q", s.editor.date.Text, s.editor.form.message("date"))
			}
			leave()
			answerUnsaved(t, sh, choiceDiscard)
			if got := stored(); got != "自动保存的主题" {
				t.Fatalf("after 不保存 stored %q", got)
			}
			if strings.Contains(sh.msgLabel.Text, "未保存") {
				t.Fatalf("stale status %q", sh.msgLabel.Text)
			}
		})
	}
}

// Form dialogs (committee posts, 登记事项, tasks, evidence, scores) are
// modal: the way out that loses their text is closing the window.
func TestDialogEditorsAskBeforeWindowCloses(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, sh.store, demo.Options{Members: demo.MinMembers, Seed: 6}); err != nil {
		t.Fatal(err)
	}
	year := data.Today().Y
	closed := trapClose(sh)
	var event *eventDialog
	var aspect *aspectChoice
	top := func() *formDialog {
		t.Helper()
		list := modalEditors[sh.win]
		if len(list) == 0 {
			t.Fatal("no dialog open")
		}
		return list[len(list)-1].(*formDialog)
	}
	entryOf := func(fd *formDialog, key string) *widget.Entry {
		if key == "" { // the 登记事项 dialog: its own content entry
			return event.content
		}
		switch x := fd.form.fields[key].input.(type) {
		case *widget.Entry:
			return x
		case *widget.SelectEntry:
			return &x.Entry
		case *dateEntry:
			return &x.Entry
		}
		t.Fatalf("field %s is %T", key, fd.form.fields[key].input)
		return nil
	}
	as := screenOf[*assessScreen](sh)
	roots, _ := sh.store.OrgTree(ctx)
	branch := roots[0].Children[0]
	manualItem := func() int {
		for i, it := range as.eval.Items {
			if !it.Auto {
				return i
			}
		}
		t.Fatal("no manual checklist item")
		return -1
	}
	evaluation := func() data.ItemScore {
		evs, _ := sh.store.Evaluate(ctx, year, []int64{branch.Unit.ID})
		return evs[0].Items[manualItem()]
	}
	openChecklist := func() {
		sh.Show("考评督办")
		as.tabs.SelectIndex(1)
		as.branch.SetSelectedIndex(0)
		as.loadEvaluation()
		as.itemTable.Select(widget.TableCellID{Row: manualItem(), Col: 0})
	}

	cases := []struct {
		name   string
		open   func() *formDialog
		field  string
		fill   func(fd *formDialog) // makes the rest of the dialog valid
		stored func() string
	}{
		{"member event", func() *formDialog {
			ms := membersOf(t, sh)
			ms.table.Select(widget.TableCellID{Row: 0, Col: 0})
			event = ms.editor.recordEvent()
			return event.formDialog
		}, "", nil, func() string {
			ms := sh.current.(*membersScreen)
			evs, _ := sh.store.MemberEvents(ctx, ms.selected)
			last := data.MemberEvent{}
			for _, ev := range evs {
				if ev.ID > last.ID {
					last = ev
				}
			}
			return last.Content
		}},
		{"committee post", func() *formDialog {
			sh.Show("组织架构")
			o := sh.current.(*orgScreen)
			o.shown()
			return newCommitteeView(o, o.byID[branch.Unit.ID]).editPost(data.Post{UnitID: branch.Unit.ID})
		}, "holder", func(fd *formDialog) { typeInto(entryOf(fd, "title"), "组织委员") }, func() string {
			// The newest tenure of the post.
			roots, _ := sh.store.OrgTree(ctx)
			var last data.Post
			for _, p := range roots[0].Children[0].Posts {
				if p.Title == "组织委员" && p.ID > last.ID {
					last = p
				}
			}
			return last.Holder
		}},
		{"task", func() *formDialog {
			sh.Show("考评督办")
			aspect = as.editTask(data.Task{Year: year + 1, Points: 30, RemindDays: 7})
			return top()
		}, "title", func(fd *formDialog) {
			// No task yet that year: the box for a new 方面 is open.
			typeInto(aspect.entry, "组织建设")
			typeInto(entryOf(fd, "due"), "2027-06-30")
			cg := fd.form.fields["branches"].input.(*fyne.Container).Objects[0].(*widget.CheckGroup)
			cg.SetSelected(cg.Options[:1])
		}, func() string {
			ts, _ := sh.store.Tasks(ctx, year+1)
			if len(ts) == 0 {
				return ""
			}
			return ts[0].Title
		}},
		{"evidence", func() *formDialog {
			openChecklist()
			as.editEvidence()
			return top()
		}, "evidence", nil, func() string { return evaluation().Evidence }},
		{"score comment", func() *formDialog {
			openChecklist()
			as.scoreItem()
			return top()
		}, "comment", func(fd *formDialog) { typeInto(entryOf(fd, "score"), "1") }, func() string { return evaluation().Comment }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			*closed = false
			fd := c.open()
			before := c.stored()
			sh.requestClose()
			if sh.asking != nil || !*closed {
				t.Fatal("an untouched dialog held up closing")
			}
			fd.hide()
			*closed = false

			fd = c.open()
			typeInto(entryOf(fd, c.field), "改动甲")
			sh.requestClose()
			answerUnsaved(t, sh, choiceCancel)
			if !fd.open || entryOf(fd, c.field).Text != "改动甲" || *closed {
				t.Fatal("取消 closed the dialog or the window")
			}
			sh.requestClose()
			answerUnsaved(t, sh, choiceDiscard)
			if fd.open || !*closed || c.stored() != before {
				t.Fatalf("不保存: open=%v closed=%v stored=%q", fd.open, *closed, c.stored())
			}

			*closed = false
			fd = c.open()
			typeInto(entryOf(fd, c.field), "改动乙")
			if c.fill != nil {
				c.fill(fd)
			}
			sh.requestClose()
			answerUnsaved(t, sh, choiceSave)
			if got := c.stored(); got != "改动乙" || fd.open || !*closed {
				t.Fatalf("保存: stored %q open=%v closed=%v; message %q %q %q", got, fd.open, *closed, fd.form.general.Text, fd.form.message("aspect"), fd.form.message("title"))
			}
		})
	}
}

// Actions that reload an editor from the store (a committee post on the
// unit card) settle the card's unsaved edits first.
func TestCommitteeActionAsksAboutTheCard(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	root, _ := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "总支"})
	b1, _ := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一支部"})
	o := orgOf(t, sh)
	o.shown()
	o.selectUnit(b1.ID)
	typeInto(o.ed.liaison, "陈晓燕")
	appoint := o.ed.obj.(*fyne.Container).Objects[0].(*container.AppTabs).Items[1].Content
	var bt *widget.Button
	var find func(obj fyne.CanvasObject)
	find = func(obj fyne.CanvasObject) {
		switch x := obj.(type) {
		case *widget.Button:
			if x.Text == "任命" && bt == nil {
				bt = x
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				find(c)
			}
		}
	}
	find(appoint)
	if bt == nil {
		t.Fatal("no 任命 button")
	}
	test.Tap(bt)
	answerUnsaved(t, sh, choiceSave)
	if u, _ := sh.store.OrgUnit(ctx, b1.ID); u.Liaison != "陈晓燕" {
		t.Fatalf("card not saved before the post dialog: %q", u.Liaison)
	}
	if len(modalEditors[sh.win]) == 0 {
		t.Fatal("post dialog not opened after the card was saved")
	}
}
