package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"io"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/jobs"
)

// Kinds of inputs in the dossier form.
const (
	inText = iota
	inDate
	inChoice    // fixed list
	inChoiceAny // list or free text
	inMulti     // several lines
	inYuan      // money in 元, stored in 分
)

type memberField struct {
	key, label string
	kind       int
	options    []string
	hint       string
}

// memberRequired are the dossier fields that must be filled (marked *):
// the ones data.CheckMember refuses when empty.
var memberRequired = map[string]bool{"name": true, "standing": true}

// memberTabs is the dossier form, grouped as on the paper 登记表: the
// member field list of package data (labels, kinds, choices, tabs).
var memberTabs = buildMemberTabs()

type memberTab struct {
	title  string
	fields []memberField
}

// has reports whether the tab holds the field.
func (t memberTab) has(key string) bool {
	for _, f := range t.fields {
		if f.key == key {
			return true
		}
	}
	return false
}

func buildMemberTabs() []memberTab {
	var tabs []memberTab
	for _, f := range data.MemberFields() {
		if f.Group == "" {
			continue // 所在支部, 党小组, 党员状态: placed by hand
		}
		fd := memberField{key: f.Key, label: f.Heading(), hint: f.Hint, options: f.ChoiceValues()}
		switch f.Kind {
		case data.KindDate:
			fd.kind = inDate
		case data.KindEnum:
			fd.kind = inChoice
			if f.Open {
				fd.kind = inChoiceAny
			}
		case data.KindLongText:
			fd.kind = inMulti
		case data.KindMoney:
			fd.kind = inYuan
		}
		if len(tabs) == 0 || tabs[len(tabs)-1].title != f.Group {
			tabs = append(tabs, memberTab{title: f.Group})
		}
		tabs[len(tabs)-1].fields = append(tabs[len(tabs)-1].fields, fd)
	}
	return tabs
}

// memberEditor is one dossier: photo and derived facts on top, the fields
// in tabs, the history of events, and the actions.
type memberEditor struct {
	ms     *membersScreen
	member data.Member // as stored (ID 0 while new)

	forms   []*fieldForm
	tabs    *container.AppTabs
	entries map[string]*widget.Entry
	selects map[string]*widget.Select
	branch  *widget.Select
	// branchText shows an existing member's branch, which changes only
	// through 调整支部.
	branchText *widget.Label
	group      *widget.Select
	groupIDs   []int64
	branches   []int64
	general    *widget.Label
	photo      *canvas.Image
	pending    []byte // photo chosen before the first save
	facts      *widget.Label
	saveBt     *widget.Button
	clean      string // the inputs as loaded, to tell unsaved changes
	obj        fyne.CanvasObject
}

func newMemberEditor(ms *membersScreen, m data.Member) *memberEditor {
	e := &memberEditor{ms: ms, member: m, entries: map[string]*widget.Entry{}, selects: map[string]*widget.Select{}}
	e.general = widget.NewLabel("")
	e.general.Wrapping = fyne.TextWrapWord
	e.general.Hide()

	e.branch = newSelect(nil, func(string) { e.refreshGroups() })
	e.group = newSelect(nil, nil)
	e.loadBranches()

	var items []*container.TabItem
	for _, tab := range memberTabs {
		f := newFieldForm()
		if tab.has("standing") {
			if m.ID != 0 {
				// A move between branches is a dated event (调整支部), so the
				// history shows when it happened; groups change freely. The
				// branch is shown as plain text, readable, not as a greyed
				// choice; the hidden choice still carries it into a save.
				e.branch.Disable()
				e.branch.Hide()
				e.branchText = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
				f.add("branch_id", data.FieldLabel("branch_id"), container.NewBorder(nil, nil, nil,
					widget.NewLabel("（调整请用“登记事项”）"), container.NewStack(e.branch, e.branchText)))
			} else {
				f.add("branch_id", data.FieldLabel("branch_id")+" *", e.branch)
			}
			f.add("group_id", data.FieldLabel("group_id"), e.group)
			status := widget.NewLabel(m.Status + "（通过“登记事项”变更）")
			f.add("status", data.FieldLabel("status"), status)
		}
		for _, fd := range tab.fields {
			label := fd.label
			if memberRequired[fd.key] {
				label += " *"
			}
			f.add(fd.key, label, e.input(fd))
		}
		e.forms = append(e.forms, f)
		scroll := container.NewVScroll(f.object())
		f.onChange = scroll.Refresh
		items = append(items, container.NewTabItem(tab.title, scroll))
	}
	if m.ID != 0 {
		items = append(items, container.NewTabItem("历史事项", newEventsView(e).obj))
		items = append(items, container.NewTabItem("活动记录", newActivityView(e)))
	}
	e.tabs = container.NewAppTabs(items...)
	e.load()
	e.clean = e.state()

	e.photo = canvas.NewImageFromResource(nil)
	e.photo.FillMode = canvas.ImageFillContain
	e.photo.SetMinSize(fyne.NewSize(84, 118))
	e.loadPhoto()
	e.facts = widget.NewLabel("")
	e.facts.Wrapping = fyne.TextWrapWord
	e.refreshFacts()

	title := widget.NewLabel("新增党员")
	if m.ID != 0 {
		title.SetText(m.Name)
	}
	title.SizeName = theme.SizeNameSubHeadingText
	photoBt := widget.NewButtonWithIcon("照片…", theme.FileImageIcon(), e.pickPhoto)
	actions := container.NewHBox(photoBt)
	if m.ID != 0 {
		// An event reloads the dossier: unsaved edits are settled first.
		actions.Add(widget.NewButtonWithIcon("登记事项…", theme.ContentAddIcon(), func() {
			ms.sh.guard(func() { e.recordEvent() }, nil)
		}))
		actions.Add(widget.NewButtonWithIcon("打印登记表", theme.DocumentPrintIcon(), e.printForm))
		if b := devFileButton(e.ms.sh, m.ID); b != nil {
			actions.Add(b)
		}
	}
	head := container.NewBorder(nil, nil, container.NewPadded(e.photo), nil,
		container.NewVBox(title, e.facts, actions))

	e.saveBt = widget.NewButtonWithIcon("保存（Ctrl+S）", theme.DocumentSaveIcon(), e.save)
	e.saveBt.Importance = widget.HighImportance
	revert := widget.NewButtonWithIcon("撤销修改", theme.ContentUndoIcon(), e.Discard)
	bottom := container.NewHBox(e.saveBt, revert, layout.NewSpacer())
	if m.ID != 0 {
		del := widget.NewButtonWithIcon("删除（误录）", theme.DeleteIcon(), e.deleteMember)
		del.Importance = widget.DangerImportance
		bottom.Add(del)
	}
	e.obj = container.NewBorder(container.NewVBox(head, e.general, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), bottom), nil, nil, e.tabs)
	return e
}

func (e *memberEditor) input(fd memberField) fyne.CanvasObject {
	switch fd.kind {
	case inDate:
		d := newDateEntry()
		e.entries[fd.key] = &d.Entry
		return d
	case inChoice:
		s := newSelect(fd.options, nil)
		e.selects[fd.key] = s
		return s
	case inChoiceAny:
		s := widget.NewSelectEntry(fd.options)
		e.entries[fd.key] = &s.Entry
		return s
	case inMulti:
		en := widget.NewMultiLineEntry()
		en.Wrapping = fyne.TextWrapWord
		en.SetMinRowsVisible(4)
		e.entries[fd.key] = en
		return en
	}
	en := widget.NewEntry()
	if fd.hint != "" {
		en.SetPlaceHolder(fd.hint)
	}
	e.entries[fd.key] = en
	return en
}

func (e *memberEditor) loadBranches() {
	roots, err := e.ms.sh.store.OrgTree(e.ms.sh.ctx)
	if e.ms.sh.readFailed(err, "组织架构") {
		return
	}
	var names []string
	e.branches = nil
	for _, r := range roots {
		for _, b := range r.Children {
			e.branches = append(e.branches, b.Unit.ID)
			names = append(names, b.Unit.Name())
		}
	}
	e.branch.Options = names
}

// selectedBranch is the branch ID chosen in sel (whose options are the
// editor's branches), or 0.
func (e *memberEditor) selectedBranch(sel *widget.Select) int64 {
	if i := sel.SelectedIndex(); i >= 0 && i < len(e.branches) {
		return e.branches[i]
	}
	return 0
}

// groupsOf lists 0 (no group) and the groups of a branch.
func (e *memberEditor) groupsOf(branchID int64) []int64 {
	out := []int64{0}
	if branchID == 0 {
		return out
	}
	roots, err := e.ms.sh.store.OrgTree(e.ms.sh.ctx)
	if e.ms.sh.readFailed(err, "党小组") {
		return out
	}
	for _, r := range roots {
		r.Walk(func(n *data.OrgNode, _ int) {
			if n.Unit.Level == data.LevelGroup && n.Unit.ParentID == branchID {
				out = append(out, n.Unit.ID)
			}
		})
	}
	return out
}

func (e *memberEditor) groupName(id int64) string {
	if id == 0 {
		return "（不属于党小组）"
	}
	return e.ms.unitName(id)
}

func (e *memberEditor) refreshGroups() {
	e.groupIDs = e.groupsOf(e.selectedBranch(e.branch))
	var names []string
	for _, id := range e.groupIDs {
		names = append(names, e.groupName(id))
	}
	e.group.Options = names
	e.group.SetSelectedIndex(0)
	e.group.Refresh()
}

// load puts the stored dossier into the inputs, through its JSON form so
// every field is handled by one mapping (the JSON names are the keys).
func (e *memberEditor) load() {
	m := e.member
	b, _ := json.Marshal(m)
	var vals map[string]any
	json.Unmarshal(b, &vals)
	for _, tab := range memberTabs {
		for _, fd := range tab.fields {
			v := ""
			switch x := vals[fd.key].(type) {
			case string:
				v = x
			}
			if fd.kind == inYuan {
				v = ""
				if m.DuesBase != 0 {
					v = data.FormatYuan(m.DuesBase)
				}
			}
			if s, ok := e.selects[fd.key]; ok {
				s.SetSelected(v)
			} else {
				e.entries[fd.key].SetText(v)
			}
		}
	}
	for i, id := range e.branches {
		if id == m.BranchID {
			e.branch.SetSelectedIndex(i)
		}
	}
	e.refreshGroups()
	for i, id := range e.groupIDs {
		if id == m.GroupID {
			e.group.SetSelectedIndex(i)
		}
	}
	if e.branchText != nil {
		text := e.branch.Selected
		if text == "" {
			text = "（无）"
		}
		e.branchText.SetText(text)
	}
}

// collect reads the inputs into a dossier. Unreadable dates and amounts
// become field errors; everything else is left to data.CheckMember.
func (e *memberEditor) collect() (data.Member, error) {
	var is data.Issues
	vals := map[string]any{}
	for _, tab := range memberTabs {
		for _, fd := range tab.fields {
			var text string
			if s, ok := e.selects[fd.key]; ok {
				text = s.Selected
			} else {
				text = e.entries[fd.key].Text
			}
			switch fd.kind {
			case inDate:
				d, err := data.ParseDateLoose(text)
				if err != nil {
					is.Err(fd.key, "%s", err.Error())
				}
				vals[fd.key] = d
			case inYuan:
				fen, err := data.ParseYuan(text)
				if err != nil {
					is.Err(fd.key, "%s", err.Error())
				}
				vals[fd.key] = fen
			default:
				vals[fd.key] = text
			}
		}
	}
	m := e.member
	b, _ := json.Marshal(vals)
	if err := json.Unmarshal(b, &m); err != nil {
		return m, err
	}
	m.BranchID, m.GroupID = 0, 0
	if i := e.branch.SelectedIndex(); i >= 0 {
		m.BranchID = e.branches[i]
	}
	if i := e.group.SelectedIndex(); i > 0 && i < len(e.groupIDs) {
		m.GroupID = e.groupIDs[i]
	}
	return m, is.AsError()
}

// state is what the inputs hold now (see inputState).
func (e *memberEditor) state() string {
	var b strings.Builder
	for _, f := range e.forms {
		b.WriteString(f.state())
	}
	return b.String()
}

// Dirty: an input differs from the stored dossier, or a photo waits.
func (e *memberEditor) Dirty() bool { return e.pending != nil || e.state() != e.clean }

// Discard puts the stored dossier back into the inputs.
func (e *memberEditor) Discard() {
	e.pending = nil
	e.load()
	e.loadPhoto()
	e.clean = e.state()
	showAcross(e.forms, e.general, nil, e.tabs.Items...)
	e.tabs.Refresh()
	e.relayout()
	e.ms.sh.clearUnsavedNote()
}

func (e *memberEditor) save() { e.Save() }

// Save stores the dossier; a refusal shows its messages at the fields,
// brings the first tab with an error forward and returns the error.
func (e *memberEditor) Save() error {
	sh := e.ms.sh
	m, err := e.collect()
	var warns []data.FieldIssue
	if err == nil {
		m, warns, err = sh.store.SaveMember(sh.ctx, sh.role(), m)
	} else {
		err = e.withRuleErrors(m, err)
	}
	if err != nil {
		e.tabs.Refresh()
		if tab := showAcross(e.forms, e.general, err, e.tabs.Items...); tab >= 0 {
			e.tabs.SelectIndex(tab)
		}
		e.tabs.Refresh()
		e.relayout()
		sh.notify("未保存：" + userMessage(err))
		return err
	}
	if e.pending != nil {
		if err := sh.store.SetMemberPhoto(sh.ctx, sh.role(), m.ID, e.pending); err != nil {
			sh.showError(err)
		}
		e.pending = nil
	}
	showAcross(e.forms, e.general, nil, e.tabs.Items...)
	e.tabs.Refresh()
	e.clean = e.state()
	sh.notify("已保存 " + m.Name)
	e.ms.afterSave(m.ID)
	if len(warns) > 0 && e.ms.editor != nil {
		// The new editor shows what deserves a second look.
		showAcross(e.ms.editor.forms, e.ms.editor.general, &data.ValidationError{Warnings: warns})
	}
	return nil
}

func (e *memberEditor) refreshFacts() {
	m := e.member
	if m.ID == 0 {
		e.facts.SetText("填写各页信息后保存。带“公民身份号码”时，出生日期和性别可自动填写。")
		return
	}
	today := e.ms.sh.store.Today()
	var parts []string
	if a := m.Age(today); a >= 0 {
		parts = append(parts, fmt.Sprintf("%d 岁", a))
	}
	if y := m.PartyYears(today); y >= 0 {
		parts = append(parts, fmt.Sprintf("党龄 %d 年", y))
	} else if m.Standing == data.StandingProbationary {
		parts = append(parts, "预备党员（尚无党龄）")
	}
	if d := m.PoliticalBirthday(today); !d.IsZero() {
		parts = append(parts, "政治生日 "+fmt.Sprintf("%d月%d日", int(d.M), d.D))
	}
	parts = append(parts, joinNonEmpty(" ", e.ms.unitName(m.BranchID), e.ms.unitName(m.GroupID)), m.Status)
	e.facts.SetText(strings.Join(parts, "　｜　"))
}

func (e *memberEditor) loadPhoto() {
	var jpg []byte
	if e.pending != nil {
		jpg = e.pending
	} else if e.member.ID != 0 {
		var err error
		jpg, err = e.ms.sh.store.MemberPhoto(e.ms.sh.ctx, e.member.ID)
		e.ms.sh.readFailed(err, "照片")
	}
	if jpg == nil {
		e.photo.Resource = theme.AccountIcon()
		e.photo.Image = nil
	} else if img, _, err := image.Decode(bytes.NewReader(jpg)); err == nil {
		e.photo.Resource = nil
		e.photo.Image = img
	}
	e.photo.Refresh()
}

func (e *memberEditor) pickPhoto() {
	sh := e.ms.sh
	sh.chooseOpen(fileChoice{title: "选择照片", kind: "图片", exts: []string{".jpg", ".jpeg", ".png", ".bmp", ".gif"}}, func(path string) {
		raw, err := readLimited(path, 25<<20)
		if err != nil {
			sh.showError(fmt.Errorf("无法读取照片文件：%w", err))
			return
		}
		jpg, err := data.PreparePhoto(raw)
		if err != nil {
			sh.showError(err)
			return
		}
		if e.member.ID == 0 {
			e.pending = jpg
			e.loadPhoto()
			sh.notify("照片将在保存档案时一并保存")
			return
		}
		if err := sh.store.SetMemberPhoto(sh.ctx, sh.role(), e.member.ID, raw); err != nil {
			sh.showError(err)
			return
		}
		e.loadPhoto()
		sh.notify("已更换 " + e.member.Name + " 的照片")
	})
}

func (e *memberEditor) printForm() {
	sh := e.ms.sh
	m := e.member
	if m.ID == 0 {
		sh.showHint("打印登记表", "这份档案还没有保存，登记表只能打印已保存的内容。请先点“保存”，再打印。")
		return
	}
	o := jobs.MembersOptions{Format: jobs.FormatFormsPDF, Members: []data.Member{m}, Events: true}
	sh.printJob("党员基本信息登记表-"+m.Name, func(out string, p jobs.Progress) (jobs.Done, error) {
		o.Out = out
		return jobs.ExportMembers(sh.ctx, sh.store, o, p)
	})
}

func (e *memberEditor) deleteMember() {
	sh := e.ms.sh
	m := e.member
	msg := fmt.Sprintf("确定删除“%s”的档案吗？\n\n仅用于删除误录、重复的档案。党员转出、去世、出党等请用“登记事项”，档案会转入历史党员名册并保留。", m.Name)
	dialog.ShowConfirm("删除档案", msg, func(ok bool) {
		if !ok {
			return
		}
		if err := sh.store.DeleteMember(sh.ctx, sh.role(), m.ID); err != nil {
			sh.showError(err)
			return
		}
		sh.notify("已删除 " + m.Name + " 的档案（可在操作日志中查到）")
		e.ms.selected = 0
		e.ms.reload()
		e.ms.showHint()
	}, sh.win)
}

// readLimited reads at most limit bytes of the file at path.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}

// withRuleErrors adds the dossier rules' errors to the typing errors.
func (e *memberEditor) withRuleErrors(m data.Member, typing error) error {
	data.NormalizeMember(&m)
	return withRules(typing, data.CheckMember(&m, e.ms.sh.store.Today()))
}

// relayout makes room for the message above the tabs, which appears and
// goes (showing a label does not lay its parents out again).
func (e *memberEditor) relayout() {
	if c, ok := e.obj.(*fyne.Container); ok {
		c.Refresh()
	}
}
