package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

// unitEditor is the card of one unit: its fields and, for saved units with
// a committee, the posts and their history.
type unitEditor struct {
	o    *orgScreen
	unit data.OrgUnit  // as stored; ID 0 while new
	node *data.OrgNode // nil while new

	form      *fieldForm
	kind      *widget.Select
	parent    *widget.Select // groups may move between branches
	parentIDs []int64
	fullName  *widget.Entry
	shortName *widget.Entry
	founded   *dateEntry
	liaison   *widget.Entry
	phone     *widget.Entry
	termStart *dateEntry
	termYears *widget.Select

	saveBt   *widget.Button
	readOnly bool   // another unit on a branch secretary's copy
	clean    string // the inputs as loaded, to tell unsaved changes
	obj      fyne.CanvasObject
}

func newUnitEditor(o *orgScreen, u data.OrgUnit, n *data.OrgNode) *unitEditor {
	e := &unitEditor{o: o, unit: u, node: n, form: newFieldForm()}
	e.kind = newSelect(u.Level.Kinds(), nil)
	e.fullName = widget.NewEntry()
	e.fullName.SetPlaceHolder("与印章一致，如：中共××公司第一车队支部委员会")
	e.shortName = widget.NewEntry()
	e.founded = newDateEntry()
	e.liaison = widget.NewEntry()
	e.phone = widget.NewEntry()
	e.phone.SetPlaceHolder("手机或带区号的固定电话")
	e.termStart = newDateEntry()
	e.termYears = newSelect([]string{"3 年", "5 年"}, nil)

	if u.Level == data.LevelGroup {
		for _, r := range o.roots {
			for _, b := range r.Children {
				e.parentIDs = append(e.parentIDs, b.Unit.ID)
			}
		}
		var names []string
		for _, id := range e.parentIDs {
			names = append(names, o.byID[id].Unit.Name())
		}
		e.parent = newSelect(names, nil)
	}

	e.form.add("level", "层级", widget.NewLabel(u.Level.Label()))
	if e.parent != nil {
		e.form.add("parent_id", "所属党支部", e.parent)
	}
	e.form.add("kind", "类型", e.kind)
	e.form.add("full_name", "全称 *", e.fullName)
	e.form.add("short_name", "简称", e.shortName)
	e.form.add("founded", "成立日期", e.founded)
	e.form.add("liaison", "党建联络人", e.liaison)
	e.form.add("phone", "联系电话", e.phone)
	if u.Level != data.LevelGroup {
		e.form.add("term_start", "本届任期开始", e.termStart)
		e.form.add("term_years", "任期年限", e.termYears)
	}
	e.load()
	e.clean = e.form.state()

	e.saveBt = widget.NewButtonWithIcon("保存（Ctrl+S）", theme.DocumentSaveIcon(), e.save)
	e.saveBt.Importance = widget.HighImportance
	revert := widget.NewButtonWithIcon("撤销修改", theme.ContentUndoIcon(), e.Discard)
	buttons := container.NewHBox(e.saveBt, revert, layout.NewSpacer())
	role := o.sh.store.Role(o.sh.ctx)
	switch {
	case u.ID == 0:
		cancel := widget.NewButton("取消新增", func() { o.shown() })
		buttons.Add(cancel)
	case role.Office || u.Level == data.LevelGroup:
		// A branch is set up and removed by the office; a secretary
		// keeps the own branch's details and groups.
		del := widget.NewButtonWithIcon("删除", theme.DeleteIcon(), func() { o.deleteUnit(e.unit) })
		del.Importance = widget.DangerImportance
		buttons.Add(del)
	}
	top := container.NewVBox()
	if o.mayEdit(u) {
		top.Add(e.form.object())
		top.Add(buttons)
	} else {
		// Another unit on a branch secretary's copy: its details as
		// plain, readable text, and no 保存 or 删除.
		e.readOnly = true
		l := widget.NewLabel("本机由" + role.Label(func(id int64) string {
			if n := o.byID[id]; n != nil {
				return n.Unit.Name()
			}
			return ""
		}) + "使用，本支部以外的组织只能查看；如需修改，请联系党总支办公室。")
		l.Wrapping = fyne.TextWrapWord
		top.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, l))
		top.Add(e.form.readOnlyView())
	}
	info := container.NewVScroll(top)

	header := e.header()
	e.form.onChange = info.Refresh
	if n == nil {
		e.obj = container.NewBorder(header, nil, nil, nil, info)
		return e
	}
	tabs := container.NewAppTabs(
		container.NewTabItem("基本信息", info),
		container.NewTabItem(committeeTitle(u.Level), newCommitteeView(o, n).obj),
	)
	e.obj = container.NewBorder(header, nil, nil, nil, tabs)
	return e
}

func committeeTitle(l data.OrgLevel) string {
	if l == data.LevelGroup {
		return "组长与任职历史"
	}
	return "委员会与任期"
}

func (e *unitEditor) header() fyne.CanvasObject {
	u := e.unit
	if u.ID == 0 {
		t := widget.NewLabel("新增" + u.Level.Label())
		t.SizeName = theme.SizeNameHeadingText
		return container.NewVBox(t, widget.NewSeparator())
	}
	title := widget.NewLabel(u.FullName)
	title.SizeName = theme.SizeNameSubHeadingText
	title.TextStyle.Bold = true
	title.Wrapping = fyne.TextWrapWord
	today := e.o.sh.store.Today()
	facts := []string{u.Level.Label(), fmt.Sprintf("党员 %d 名", e.node.TotalMembers())}
	if h := e.node.Head(today); h != "" {
		facts = append(facts, u.Level.Posts()[0]+"："+h)
	}
	if !u.TermEnd().IsZero() {
		facts = append(facts, "本届任期 "+u.TermStart.Chinese()+" 至 "+u.TermEnd().Chinese())
	}
	sub := widget.NewLabel(strings.Join(facts, "　｜　"))
	box := container.NewVBox(title, sub)
	if note := u.TermNote(today, e.o.warn); note != "" {
		w := widget.NewLabelWithStyle("⚠ "+note, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		w.Importance = widget.WarningImportance
		box.Add(w)
	}
	box.Add(widget.NewSeparator())
	return box
}

// load puts the stored values into the inputs.
func (e *unitEditor) load() {
	u := e.unit
	e.kind.SetSelected(u.Kind)
	e.fullName.SetText(u.FullName)
	e.shortName.SetText(u.ShortName)
	e.founded.setDate(u.Founded)
	e.liaison.SetText(u.Liaison)
	e.phone.SetText(u.Phone)
	e.termStart.setDate(u.TermStart)
	years := u.TermYears
	if years == 0 {
		years = data.DefaultTermYears(u.Kind)
	}
	e.termYears.SetSelected(fmt.Sprintf("%d 年", years))
	if e.parent != nil {
		for i, id := range e.parentIDs {
			if id == u.ParentID {
				e.parent.SetSelectedIndex(i)
			}
		}
	}
}

// collect reads the inputs into a unit; date typos become field issues.
func (e *unitEditor) collect() (data.OrgUnit, error) {
	var is data.Issues
	u := e.unit
	u.Kind = e.kind.Selected
	u.FullName = e.fullName.Text
	u.ShortName = e.shortName.Text
	u.Founded = e.founded.date("founded", "成立日期", &is)
	u.Liaison = e.liaison.Text
	u.Phone = e.phone.Text
	if u.Level != data.LevelGroup {
		u.TermStart = e.termStart.date("term_start", "本届任期开始", &is)
		// Without a term start there is no term to count; the years
		// choice only matters once the election date is known.
		u.TermYears = 0
		if y, err := strconv.Atoi(strings.TrimSuffix(e.termYears.Selected, " 年")); err == nil && !u.TermStart.IsZero() {
			u.TermYears = y
		}
	}
	if e.parent != nil && e.parent.SelectedIndex() >= 0 {
		u.ParentID = e.parentIDs[e.parent.SelectedIndex()]
	}
	return u, is.AsError()
}

// Dirty: an input differs from the stored unit.
func (e *unitEditor) Dirty() bool { return e.form.state() != e.clean }

// Discard puts the stored values back into the inputs.
func (e *unitEditor) Discard() {
	e.load()
	e.clean = e.form.state()
	e.form.clear()
	e.o.sh.clearUnsavedNote()
}

func (e *unitEditor) save() {
	if !e.readOnly {
		e.Save()
	}
}

// Save stores the unit; a refusal shows its messages at the fields and
// returns the error, leaving the inputs as typed.
func (e *unitEditor) Save() error {
	u, err := e.collect()
	if err == nil {
		u, err = e.o.sh.store.SaveUnit(e.o.sh.ctx, e.o.sh.role(), u)
	}
	if err != nil {
		e.form.show(err)
		e.o.sh.notify("未保存：" + userMessage(err))
		return err
	}
	e.form.clear()
	e.clean = e.form.state()
	e.o.sh.notify("已保存 " + u.FullName)
	e.o.selected = u.ID
	e.o.shown()
	return nil
}
