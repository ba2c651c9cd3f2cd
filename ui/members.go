package ui

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/data/roster"
)

// memberColumn is one column of the member list (and of its Excel export),
// titled by the member field list. Columns are sized from their content.
type memberColumn struct {
	key   string // data.Member JSON key, or "branch" / "group"
	title string
	value func(ms *membersScreen, m *data.MemberRow) string
}

// memberColumns are in the order a secretary looks for: who, where, since
// when and how to reach them first, so they stay in view beside an open
// dossier.
func memberColumns() []memberColumn {
	str := func(get func(m *data.MemberRow) string) func(*membersScreen, *data.MemberRow) string {
		return func(_ *membersScreen, m *data.MemberRow) string { return get(m) }
	}
	col := func(key string, value func(*membersScreen, *data.MemberRow) string) memberColumn {
		return memberColumn{key, roster.ColumnTitle(key), value}
	}
	return []memberColumn{
		col("name", str(func(m *data.MemberRow) string { return m.Name })),
		col("sex", str(func(m *data.MemberRow) string { return m.Sex })),
		col("branch", func(s *membersScreen, m *data.MemberRow) string { return s.unitName(m.BranchID) }),
		col("group", func(s *membersScreen, m *data.MemberRow) string { return s.unitName(m.GroupID) }),
		col("standing", str(func(m *data.MemberRow) string { return m.Standing })),
		col("join_date", str(func(m *data.MemberRow) string { return m.JoinDate.String() })),
		col("phone", str(func(m *data.MemberRow) string { return m.Phone })),
		col("birth_date", str(func(m *data.MemberRow) string { return m.BirthDate.String() })),
		col("status", str(func(m *data.MemberRow) string { return m.Status })),
		col("id_number", str(func(m *data.MemberRow) string { return m.IDNumber })),
		col("staff_no", str(func(m *data.MemberRow) string { return m.StaffNo })),
		col("category", str(func(m *data.MemberRow) string { return m.Category })),
		col("education", str(func(m *data.MemberRow) string { return m.Education })),
	}
}

const filterAll = "全部"

// membersScreen is 党员档案: a searchable, filterable, sortable list of
// dossiers on the left and the selected dossier on the right.
type membersScreen struct {
	sh    *Shell
	cols  []memberColumn
	units map[int64]string

	// all are the list rows (narrow: the columns shown) for the store
	// filter; a first page is read at once, the rest in the background.
	all      []data.MemberRow
	complete bool             // all holds every row of the filter
	loadGen  int              // counts reloads: a background read of an older one is dropped
	rows     []int            // positions in all, searched and sorted
	query    data.SearchQuery // what rows were searched with
	sortCol  int
	sortAsc  bool

	search   *widget.Entry
	roster   *widget.Select
	branch   *widget.Select
	branchID []int64
	standing *widget.Select
	status   *widget.Select
	category *widget.Select
	sex      *widget.Select
	table    *textTable
	count    *widget.Label
	body     *masterDetail
	closeBt  *widget.Button
	detail   *fyne.Container
	editor   *memberEditor
	selected int64
	obj      fyne.CanvasObject
}

func newMembersScreen(sh *Shell) *membersScreen {
	s := &membersScreen{sh: sh, cols: memberColumns(), sortAsc: true, sortCol: -1}
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("查找：姓名、拼音（如 zsf）、身份证号、手机、工号（Ctrl+F）")
	s.search.OnChanged = func(string) { s.applySearch() }

	opts := func(list []string) []string { return append([]string{filterAll}, list...) }
	reload := func(string) { s.reload() }
	s.roster = newSelect([]string{"在册党员", "历史党员", "全部档案"}, reload)
	s.roster.SetSelected("在册党员")
	s.branch = newSelect([]string{filterAll}, reload)
	s.branch.SetSelected(filterAll)
	s.standing = newSelect(opts(data.Standings), reload)
	s.standing.SetSelected(filterAll)
	s.status = newSelect(opts(data.Statuses), reload)
	s.status.SetSelected(filterAll)
	s.category = newSelect(opts(data.Categories), reload)
	s.category.SetSelected(filterAll)
	s.sex = newSelect(opts(data.Sexes), reload)
	s.sex.SetSelected(filterAll)

	titles := make([]string, len(s.cols))
	for i, c := range s.cols {
		titles[i] = c.title
	}
	s.table = newTextTable(titles, nil)
	s.table.setSource(func() int { return len(s.rows) }, func(row, col int) string {
		return s.cols[col].value(s, &s.all[s.rows[row]])
	})
	s.table.headerExtra = " ↓"
	s.table.headerText = func(col int) string {
		title := s.cols[col].title
		if col == s.sortCol {
			if s.sortAsc {
				title += " ↑"
			} else {
				title += " ↓"
			}
		}
		return title
	}
	s.table.onHeaderTap = s.sortBy
	s.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(s.rows) {
			m := s.all[s.rows[id.Row]]
			if m.ID != s.selected {
				s.sh.guard(func() {
					s.open(m.ID)
					// A save on the way may have reloaded the list.
					s.selectRowOf(m.ID)
				}, s.keepSelection)
			}
		}
	}
	s.count = widget.NewLabel("")

	addBt := widget.NewButtonWithIcon("新增党员", theme.ContentAddIcon(), func() { s.sh.guard(s.addNew, s.keepSelection) })
	addBt.Importance = widget.HighImportance
	// An import reloads the open dossier: settle its edits first.
	importBt := widget.NewButtonWithIcon("导入…", theme.UploadIcon(), func() { s.sh.guard(s.importRoster, nil) })
	exportBt := widget.NewButtonWithIcon("导出 Excel…", theme.DownloadIcon(), s.exportExcel)
	rosterBt := widget.NewButtonWithIcon("打印花名册", theme.DocumentPrintIcon(), s.printRoster)
	formsBt := widget.NewButtonWithIcon("打印登记表", theme.DocumentPrintIcon(), s.printForms)

	// Label and select in pairs on two rows of fixed columns, so they fit a
	// 1366 px laptop screen; a wrapping grid's height is guessed before its
	// width is known and leaves empty bands in a VBox.
	pair := func(t string, sel *widget.Select) fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewLabel(t), nil, sel)
	}
	filters := container.NewGridWithColumns(3,
		pair("名册", s.roster), pair("支部", s.branch), pair("党籍", s.standing),
		pair("状态", s.status), pair("类别", s.category), pair("性别", s.sex))
	s.closeBt = widget.NewButtonWithIcon("收起档案", theme.NavigateBackIcon(), s.closeRecord)
	s.closeBt.Hide()
	tools := container.NewGridWithColumns(3, addBt, importBt, exportBt, rosterBt, formsBt, s.closeBt)
	top := container.NewVBox(tools, s.search, filters)
	left := container.NewBorder(top, s.count, nil, nil, s.table.withEmptyNote())
	s.detail = container.NewStack()
	// The dossier takes room only while one is open; the list keeps the
	// rest (at least 姓名 to 手机 on a 1366 px screen).
	s.body = newMasterDetail(left, s.detail, 0.6)
	s.obj = s.body.obj
	return s
}

func (s *membersScreen) title() string             { return "党员档案" }
func (s *membersScreen) icon() fyne.Resource       { return theme.AccountIcon() }
func (s *membersScreen) object() fyne.CanvasObject { return s.obj }
func (s *membersScreen) focusSearch()              { s.sh.win.Canvas().Focus(s.search) }

// activeEditor is the open dossier, for the shell's unsaved-changes guard.
func (s *membersScreen) activeEditor() dirtyEditor {
	if s.editor == nil {
		return nil
	}
	return s.editor
}

// keepSelection puts the list selection back on the dossier being edited
// (none while it is a new one) after the user chose to stay in it.
func (s *membersScreen) keepSelection() {
	if s.editor == nil {
		s.selectRowOf(0)
		return
	}
	s.selectRowOf(s.editor.member.ID)
}

// selectRowOf selects the member's row, or nothing when it is not listed.
func (s *membersScreen) selectRowOf(id int64) {
	for i, r := range s.rows {
		if id != 0 && s.all[r].ID == id {
			s.table.Select(widget.TableCellID{Row: i, Col: 0})
			return
		}
	}
	s.table.UnselectAll()
}

func (s *membersScreen) save() {
	if s.editor != nil {
		s.editor.save()
	}
}

func (s *membersScreen) print() {
	if s.editor != nil && s.editor.member.ID != 0 {
		s.editor.printForm()
		return
	}
	s.printRoster()
}

func (s *membersScreen) unitName(id int64) string {
	if id == 0 {
		return ""
	}
	return s.units[id]
}

func (s *membersScreen) shown() {
	units, err := s.sh.store.UnitNames(s.sh.ctx)
	if err != nil {
		s.sh.showError(err)
		return
	}
	s.units = units
	s.refreshBranchFilter()
	s.reload()
	if s.selected != 0 {
		s.open(s.selected)
	} else if s.editor == nil {
		s.showHint()
	}
}

func (s *membersScreen) refreshBranchFilter() {
	// The units without the member counts OrgTree adds (a scan of every
	// member): the roots' children, in tree order.
	units, err := s.sh.store.OrgUnits(s.sh.ctx)
	if err != nil {
		return
	}
	names := []string{filterAll}
	s.branchID = []int64{0}
	root := map[int64]bool{}
	for _, u := range units {
		if u.ParentID == 0 {
			root[u.ID] = true
		} else if root[u.ParentID] {
			names = append(names, u.Name())
			s.branchID = append(s.branchID, u.ID)
		}
	}
	cur := s.branch.Selected
	s.branch.Options = names
	s.branch.Refresh()
	found := false
	for _, n := range names {
		found = found || n == cur
	}
	if !found {
		s.branch.SetSelected(filterAll)
	}
}

// filter turns the selects into the store's filter.
func (s *membersScreen) filter() data.MemberFilter {
	pick := func(sel *widget.Select) string {
		if sel.Selected == filterAll {
			return ""
		}
		return sel.Selected
	}
	f := data.MemberFilter{Standing: pick(s.standing), Status: pick(s.status), Category: pick(s.category), Sex: pick(s.sex)}
	switch s.roster.Selected {
	case "历史党员":
		f.Roster = data.RosterHistory
	case "全部档案":
		f.Roster = data.RosterAll
	}
	if i := s.branch.SelectedIndex(); i > 0 && i < len(s.branchID) {
		f.BranchID = s.branchID[i]
	}
	return f
}

// membersFirstPage is how many rows the list shows before the rest load.
const membersFirstPage = 200

// reload reads the list for the current filter: a first page at once,
// every row in the background (100,000 rows take a while).
func (s *membersScreen) reload() {
	if s.table == nil || s.sh == nil {
		return
	}
	s.loadGen++
	gen, f, ctx, store := s.loadGen, s.filter(), s.sh.ctx, s.sh.store
	first, err := store.MemberRows(ctx, f, membersFirstPage+1)
	if err != nil {
		s.sh.showError(err)
		return
	}
	if len(first) <= membersFirstPage {
		s.setRows(first, true)
		s.table.fit()
		return
	}
	s.setRows(first[:membersFirstPage], false)
	s.table.fit()
	// The columns are sized over every row once, here in the background,
	// not on each keystroke: a search only hides rows, and what fits every
	// row fits any of them.
	snap := &membersScreen{units: s.units}
	s.sh.background(func() {
		all, err := store.MemberRows(ctx, f, 0)
		var natural []float32
		size := theme.TextSize()
		if err == nil {
			natural = s.table.measure(len(all), func(row, col int) string {
				return s.cols[col].value(snap, &all[row])
			}, size)
		}
		fyne.Do(func() {
			if gen != s.loadGen {
				return // the filter changed meanwhile
			}
			if err != nil {
				s.sh.showError(err)
				return
			}
			s.setRows(all, true)
			if size == theme.TextSize() {
				s.table.setNatural(natural, size)
			} else {
				s.table.fit()
			}
		})
	})
}

// setRows shows a newly read list.
func (s *membersScreen) setRows(all []data.MemberRow, complete bool) {
	s.all, s.complete = all, complete
	s.query = data.SearchQuery{}
	s.rows = s.rows[:0]
	for i := range all {
		s.rows = append(s.rows, i)
	}
	s.sortRows()
	s.applySearch()
}

// applySearch filters by the search box and sorts; runs on every
// keystroke. A query that extends the last one filters its hits only.
func (s *membersScreen) applySearch() {
	s.filterRows()
	s.table.UnselectAll()
	s.table.Refresh()
	count := fmt.Sprintf("共 %d 名（%s）", len(s.rows), s.roster.Selected)
	if !s.complete {
		count = fmt.Sprintf("已显示前 %d 名（%s），其余正在读取…", len(s.rows), s.roster.Selected)
	}
	s.count.SetText(count)
	s.table.setEmptyText(s.emptyText())
	for i, r := range s.rows {
		if s.all[r].ID == s.selected {
			s.table.Select(widget.TableCellID{Row: i, Col: 0})
			break
		}
	}
}

// filterRows sets rows to the loaded rows the search box finds, sorted.
func (s *membersScreen) filterRows() {
	q := data.ParseSearch(s.search.Text)
	narrowed := q.Narrows(s.query) && len(s.rows) <= len(s.all)
	if !narrowed {
		s.rows = s.rows[:0]
		for i := range s.all {
			s.rows = append(s.rows, i)
		}
	}
	kept := s.rows[:0]
	for _, r := range s.rows {
		if q.Match(&s.all[r]) {
			kept = append(kept, r)
		}
	}
	s.rows, s.query = kept, q
	if !narrowed { // filtering keeps the order of rows already sorted
		s.sortRows()
	}
}

func (s *membersScreen) sortBy(col int) {
	if s.sortCol == col {
		s.sortAsc = !s.sortAsc
	} else {
		s.sortCol, s.sortAsc = col, true
	}
	s.sortRows()
	s.table.Refresh()
}

func (s *membersScreen) sortRows() {
	if s.sortCol < 0 {
		return
	}
	c := s.cols[s.sortCol]
	dir := 1
	if !s.sortAsc {
		dir = -1
	}
	if c.key == "name" { // names sort as the 姓名排序 setting says (the stored key), not by code point
		slices.SortStableFunc(s.rows, func(a, b int) int { return dir * bytes.Compare(s.all[a].NameKey, s.all[b].NameKey) })
		return
	}
	keys := make([]string, len(s.all))
	for _, r := range s.rows {
		keys[r] = c.value(s, &s.all[r])
	}
	slices.SortStableFunc(s.rows, func(a, b int) int { return dir * strings.Compare(keys[a], keys[b]) })
}

// listedIDs are the ids of the members currently listed, in list order
// (the list holds only the columns it shows; a job reads the dossiers).
func (s *membersScreen) listedIDs() []int64 {
	ids := make([]int64, len(s.rows))
	for i, r := range s.rows {
		ids[i] = s.all[r].ID
	}
	return ids
}

func (s *membersScreen) showHint() {
	s.editor = nil
	msg := widget.NewLabel("在左侧列表中选择一名党员查看、修改档案；\n或点击“新增党员”“导入…”录入花名册。\n\n查找框支持姓名、拼音全拼或首字母（如 zsf）、身份证号、手机号和工号。")
	msg.Wrapping = fyne.TextWrapWord
	s.detail.Objects = []fyne.CanvasObject{container.NewPadded(msg)}
	s.detail.Refresh()
	s.showDetail(false)
}

// showDetail gives the open dossier its pane, or the whole width back to
// the list.
func (s *membersScreen) showDetail(on bool) {
	s.body.showDetail(on)
	if on {
		s.closeBt.Show()
	} else {
		s.closeBt.Hide()
	}
}

// closeRecord closes the open dossier and gives the list the whole width.
func (s *membersScreen) closeRecord() {
	// Closing the dossier is leaving its editor: ask before an edit is lost.
	s.sh.guard(func() {
		s.selected = 0
		s.table.UnselectAll()
		s.showHint()
	}, nil)
}

// emptyText says why the list is empty and how to go on.
func (s *membersScreen) emptyText() string {
	switch {
	case len(s.rows) > 0:
		return ""
	case len(s.all) > 0 || s.filter() != (data.MemberFilter{}):
		return "没有符合条件的党员。请换个查找词，或把筛选条件改回“全部”。"
	}
	return "还没有党员。点击“新增党员”逐个录入，或点击“导入…”导入花名册（Excel）开始。"
}

func (s *membersScreen) open(id int64) {
	m, err := s.sh.store.Member(s.sh.ctx, id)
	if err != nil {
		s.sh.showError(err)
		return
	}
	s.selected = id
	s.editor = newMemberEditor(s, m)
	s.detail.Objects = []fyne.CanvasObject{s.editor.obj}
	s.detail.Refresh()
	s.showDetail(true)
}

func (s *membersScreen) addNew() {
	m := data.Member{Standing: data.StandingFull, Status: data.StatusNormal}
	if f := s.filter(); f.BranchID != 0 {
		m.BranchID = f.BranchID
	}
	s.selected = 0
	s.table.UnselectAll()
	s.editor = newMemberEditor(s, m)
	s.detail.Objects = []fyne.CanvasObject{s.editor.obj}
	s.detail.Refresh()
	s.showDetail(true)
	s.sh.win.Canvas().Focus(s.editor.entries["name"])
}

// afterSave reloads the list and keeps the saved member selected.
func (s *membersScreen) afterSave(id int64) {
	s.selected = id
	s.reload()
	s.open(id)
}

// columnKeys are the list's columns for the Excel export, in order.
func (s *membersScreen) columnKeys() []string {
	out := make([]string, len(s.cols))
	for i, c := range s.cols {
		out[i] = c.key
	}
	return out
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
