package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

const maxSearchRows = 1000

// meetingsScreen is 三会一课: the minutes of every branch, filterable and
// searchable, the selected minutes on the right; and the compliance view.
type meetingsScreen struct {
	sh    *Shell
	units map[int64]string
	role  data.Role

	unitIDs []int64 // filter choices (0 = all)
	unit    *widget.Select
	kind    *widget.Select
	status  *widget.Select
	year    *widget.Select
	search  *widget.Entry
	list    *textTable
	rows    []data.Meeting
	count   *widget.Label
	detail  *fyne.Container
	editor  *meetingEditor
	tabs    *container.AppTabs
	comp    *complianceView
	reviewB *widget.Button
	closeBt *widget.Button
	body    *masterDetail
	obj     fyne.CanvasObject
}

func newMeetingsScreen(sh *Shell) *meetingsScreen {
	s := &meetingsScreen{sh: sh}
	reload := func(string) { s.reload() }
	s.unit = newSelect(nil, reload)
	s.kind = newSelect(append([]string{filterAll}, data.MeetingKinds...), reload)
	s.kind.SetSelected(filterAll)
	s.status = newSelect([]string{filterAll, data.StatusDraft, data.StatusSubmitted, data.StatusApproved, data.StatusReturned}, reload)
	s.status.SetSelected(filterAll)
	year := sh.store.Today().Y
	var years []string
	for y := year; y >= year-10; y-- {
		years = append(years, strconv.Itoa(y))
	}
	s.year = newSelect(append([]string{filterAll}, years...), reload)
	s.year.SetSelected(strconv.Itoa(year))
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("全文查找主题、主要内容、决议（Ctrl+F），如：党费、组织生活会")
	s.search.OnSubmitted = func(string) { s.reload() }
	s.search.OnChanged = func(t string) {
		if strings.TrimSpace(t) == "" {
			s.reload()
		}
	}
	// 状态 before 主题: the topic is the one column that may be long, so it
	// comes last, takes the width left and, beside an open record, ends in
	// an ellipsis rather than be cut mid-character.
	s.list = newTextTable([]string{"日期", "党组织", "会议类型", "状态", "主题"}, nil)
	s.list.setFreeText(4)
	s.list.OnSelect = func(row int) {
		if row >= 0 && row < len(s.rows) {
			id := s.rows[row].ID
			if s.editor != nil && s.editor.m.ID == id {
				return
			}
			s.sh.guard(func() {
				s.open(id)
				// A save on the way may have reloaded the list.
				s.selectRowOf(id)
			}, s.keepSelection)
		}
	}
	s.count = widget.NewLabel("")

	newBt := widget.NewButtonWithIcon("新建会议记录", theme.ContentAddIcon(), func() { s.sh.guard(s.newMeeting, s.keepSelection) })
	newBt.Importance = widget.HighImportance
	s.reviewB = widget.NewButtonWithIcon("待审核", theme.MailComposeIcon(), s.showWaiting)
	importBt := widget.NewButtonWithIcon("导入台账…", theme.UploadIcon(), s.importLedger)
	bookBt := widget.NewButtonWithIcon("打印会议记录本", theme.DocumentPrintIcon(), s.printBook)
	tplBt := widget.NewButtonWithIcon("会议模板…", theme.DocumentIcon(), s.manageTemplates)
	// Fixed columns, not a wrapping grid: a wrapping grid's height is
	// guessed before its width is known and leaves empty bands in a VBox.
	s.closeBt = widget.NewButtonWithIcon("收起记录", theme.NavigateBackIcon(), s.closeRecord)
	s.closeBt.Hide()
	tools := container.NewGridWithColumns(3, newBt, s.reviewB, importBt, bookBt, tplBt, s.closeBt)
	pair := func(t string, sel *widget.Select) fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewLabel(t), nil, sel)
	}
	filters := container.NewGridWithColumns(2,
		pair("组织", s.unit), pair("类型", s.kind), pair("状态", s.status), pair("年度", s.year))
	left := container.NewBorder(container.NewVBox(tools, s.search, filters), s.count, nil, nil, s.list.withEmptyNote())
	s.detail = container.NewStack()
	// The minutes take room only while a meeting is open.
	s.body = newMasterDetail(left, s.detail, 0.5)

	s.comp = newComplianceView(sh)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("会议记录", theme.DocumentIcon(), s.body.obj),
		container.NewTabItemWithIcon("落实情况", theme.GridIcon(), s.comp.obj),
	)
	s.tabs.OnSelected = func(t *container.TabItem) {
		if t.Text == "落实情况" {
			s.comp.load()
		}
	}
	s.obj = s.tabs
	return s
}

func (s *meetingsScreen) title() string              { return "三会一课" }
func (s *meetingsScreen) tabsOf() *container.AppTabs { return s.tabs }
func (s *meetingsScreen) icon() fyne.Resource        { return theme.DocumentIcon() }
func (s *meetingsScreen) object() fyne.CanvasObject  { return s.obj }
func (s *meetingsScreen) focusSearch()               { s.sh.win.Canvas().Focus(s.search) }

func (s *meetingsScreen) save() {
	if s.editor != nil {
		s.editor.save(false)
	}
}

func (s *meetingsScreen) print() {
	if s.tabs.SelectedIndex() == 1 {
		s.comp.print()
		return
	}
	if s.editor != nil && s.editor.m.ID != 0 {
		s.editor.print()
	}
}

// activeEditor is the open minutes, for the shell's unsaved-changes guard.
func (s *meetingsScreen) activeEditor() dirtyEditor {
	if s.editor == nil {
		return nil
	}
	return s.editor
}

// keepSelection puts the list selection back on the minutes being edited
// after the user chose to stay in them.
func (s *meetingsScreen) keepSelection() {
	if s.editor == nil {
		s.selectRowOf(0)
		return
	}
	s.selectRowOf(s.editor.m.ID)
}

// selectRowOf selects the meeting's row, or nothing when it is not listed.
func (s *meetingsScreen) selectRowOf(id int64) {
	for i, m := range s.rows {
		if id != 0 && m.ID == id {
			s.list.Select(widget.TableCellID{Row: i, Col: 0})
			return
		}
	}
	s.list.UnselectAll()
}

// flush saves a draft being edited; called when leaving the screen or
// closing the window, so nothing typed is lost.
func (s *meetingsScreen) flush() {
	if s.editor != nil {
		s.editor.autosave()
	}
}

func (s *meetingsScreen) unitName(id int64) string { return s.units[id] }

func (s *meetingsScreen) shown() {
	units, err := s.sh.store.UnitNames(s.sh.ctx)
	if err != nil {
		s.sh.showError(err)
		return
	}
	// Groups are called 第一党小组 in every branch: name them with their
	// branch so the list and the titles are unambiguous.
	roots, err := s.sh.store.OrgStructure(s.sh.ctx)
	s.sh.readFailed(err, "组织架构")
	for _, r := range roots {
		r.Walk(func(n *data.OrgNode, _ int) {
			if n.Unit.Level == data.LevelGroup {
				units[n.Unit.ID] = units[n.Unit.ParentID] + n.Unit.Name()
			}
		})
	}
	s.units = units
	s.role = s.sh.store.Role(s.sh.ctx)
	if s.role.Office {
		s.reviewB.Show()
	} else {
		s.reviewB.Hide()
	}
	s.refreshUnits()
	s.reload()
	if s.editor == nil {
		s.showHint()
	}
}

// refreshUnits fills the organisation filter: a branch's secretary sees
// their own branch and its groups; the office sees all. The caller
// reloads the list.
func (s *meetingsScreen) refreshUnits() {
	roots, err := s.sh.store.OrgStructure(s.sh.ctx)
	s.sh.readFailed(err, "组织架构")
	names := []string{filterAll}
	s.unitIDs = []int64{0}
	for _, r := range roots {
		for _, b := range r.Children {
			if !s.role.Office && b.Unit.ID != s.role.BranchID {
				continue
			}
			names = append(names, b.Unit.Name())
			s.unitIDs = append(s.unitIDs, b.Unit.ID)
			for _, g := range b.Children {
				names = append(names, "　"+b.Unit.Name()+" "+g.Unit.Name())
				s.unitIDs = append(s.unitIDs, g.Unit.ID)
			}
		}
	}
	cur := s.unit.SelectedIndex()
	s.unit.Options = names
	if cur < 0 || cur >= len(names) {
		cur = 0
	}
	// Set without its reload: shown reloads once after this (the list of a
	// year of 100,000 members' meetings is read once, not twice).
	s.unit.Selected = names[cur]
	s.unit.Refresh()
}

// filter builds the store filter: a branch means the branch and its groups.
func (s *meetingsScreen) filter() data.MeetingFilter {
	var f data.MeetingFilter
	if i := s.unit.SelectedIndex(); i > 0 && i < len(s.unitIDs) {
		f.UnitIDs = s.withGroups(s.unitIDs[i])
	} else if !s.role.Office {
		f.UnitIDs = s.withGroups(s.role.BranchID)
	}
	if s.kind.Selected != filterAll {
		f.Kind = s.kind.Selected
	}
	if s.status.Selected != filterAll && s.status.Selected != "" {
		f.Status = s.status.Selected
	}
	if y, err := strconv.Atoi(s.year.Selected); err == nil {
		f.From, f.To = data.NewDate(y, 1, 1), data.NewDate(y, 12, 31)
	}
	return f
}

func (s *meetingsScreen) withGroups(unitID int64) []int64 {
	out := []int64{unitID}
	roots, err := s.sh.store.OrgStructure(s.sh.ctx)
	s.sh.readFailed(err, "党小组")
	for _, r := range roots {
		r.Walk(func(n *data.OrgNode, _ int) {
			if n.Unit.ParentID == unitID && n.Unit.Level == data.LevelGroup {
				out = append(out, n.Unit.ID)
			}
		})
	}
	return out
}

func (s *meetingsScreen) reload() {
	if s.list == nil || s.unit.SelectedIndex() < 0 {
		return
	}
	f := s.filter()
	if q := strings.TrimSpace(s.search.Text); q != "" {
		ids, err := s.sh.store.SearchMeetings(s.sh.ctx, q)
		if err != nil {
			s.sh.showError(err)
			return
		}
		// Best matches first; a word found in thousands of minutes needs a
		// narrower query, not a longer list.
		if len(ids) > maxSearchRows {
			ids = ids[:maxSearchRows]
		}
		f.IDs = ids
	}
	rows, err := s.sh.store.Meetings(s.sh.ctx, f)
	if err != nil {
		s.sh.showError(err)
		return
	}
	s.rows = rows
	cells := make([][]string, len(rows))
	for i, m := range rows {
		topic := m.Topic
		if topic == "" {
			topic = "（未填主题）"
		}
		cells[i] = []string{m.Date.String(), s.unitName(m.UnitID), m.Kind, m.Status, topic}
	}
	s.list.setRows(cells)
	msg := fmt.Sprintf("共 %d 次会议", len(rows))
	if s.role.Office {
		// The count is always on the button, 0 included, so the office
		// sees at a glance whether anything waits.
		n, err := s.sh.store.CountMeetings(s.sh.ctx, data.MeetingFilter{Status: data.StatusSubmitted})
		if err != nil {
			s.sh.showError(err)
		}
		if n > 0 {
			msg += fmt.Sprintf("　｜　%d 份纪要待审核", n)
		}
		s.reviewB.SetText(fmt.Sprintf("待审核（%d）", n))
	}
	s.count.SetText(msg)
	s.list.setEmptyText(s.emptyText(f))
}

// showWaiting lists every meeting waiting for review, of any year and
// organisation, and closes the record open beside the list (after saving
// its draft), so the list is not shown beside an unrelated record.
func (s *meetingsScreen) showWaiting() {
	s.closeRecord()
	s.search.SetText("")
	s.kind.SetSelected(filterAll)
	s.unit.SetSelectedIndex(0)
	s.year.SetSelected(filterAll)
	s.status.SetSelected(data.StatusSubmitted)
	s.reload()
}

// closeRecord saves a draft being edited and gives the list the whole width.
func (s *meetingsScreen) closeRecord() {
	s.flush()
	s.list.UnselectAll()
	s.showHint()
}

// emptyText says why the list is empty and how to go on.
func (s *meetingsScreen) emptyText(f data.MeetingFilter) string {
	switch {
	case len(s.rows) > 0:
		return ""
	case f.Status == data.StatusSubmitted:
		return "没有待审核的会议记录。支部提交审核后会列在这里。"
	case strings.TrimSpace(s.search.Text) != "":
		return "没有找到包含“" + strings.TrimSpace(s.search.Text) + "”的会议记录。"
	}
	if all, err := s.sh.store.Meetings(s.sh.ctx, data.MeetingFilter{UnitIDs: f.UnitIDs}); err == nil && len(all) == 0 {
		return "还没有会议记录。点击“新建会议记录”开始记录一次会议，或点击“导入台账…”导入已有的会议台账。"
	}
	return "没有符合条件的会议记录。请把年度、类型或状态改回“全部”查看。"
}

func (s *meetingsScreen) showHint() {
	s.editor = nil
	msg := widget.NewLabel("选择左侧的一次会议查看或修改记录；或点击“新建会议记录”。\n\n" +
		"新建时选择会议类型和模板，议程和内容提纲会自动填好；出席情况从党员名册中勾选，应到人数按会议当天的名册计算。\n" +
		"草稿会自动保存。写好后“提交审核”，党总支办公室审核通过或退回修改。")
	msg.Wrapping = fyne.TextWrapWord
	s.detail.Objects = []fyne.CanvasObject{container.NewPadded(msg)}
	s.detail.Refresh()
	s.showDetail(false)
}

// showDetail gives the open minutes their pane, or the whole width back to
// the list.
func (s *meetingsScreen) showDetail(on bool) {
	s.body.showDetail(on)
	if on {
		s.closeBt.Show()
	} else {
		s.closeBt.Hide()
	}
}

func (s *meetingsScreen) open(id int64) {
	if s.editor != nil && s.editor.m.ID == id {
		return
	}
	s.flush()
	m, err := s.sh.store.Meeting(s.sh.ctx, id)
	if err != nil {
		s.sh.showError(err)
		return
	}
	s.setEditor(newMeetingEditor(s, m))
}

func (s *meetingsScreen) setEditor(e *meetingEditor) {
	s.editor = e
	s.detail.Objects = []fyne.CanvasObject{e.obj}
	s.detail.Refresh()
	s.showDetail(true)
}

// afterSave refreshes the list and keeps the meeting open.
func (s *meetingsScreen) afterSave(id int64) {
	s.reload()
	for i, m := range s.rows {
		if m.ID == id {
			s.list.Select(widget.TableCellID{Row: i, Col: 0})
		}
	}
}
