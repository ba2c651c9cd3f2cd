package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/data/duesimport"
	"dangjian/data/sheet"
	"dangjian/jobs"
)

// duesScreen is 党费管理: a branch's month entered in one grid (按月收缴),
// who is behind (欠缴情况), members' bases and categories with their
// history (缴费基数), and the office's standards (党费标准).
type duesScreen struct {
	sh        *Shell
	obj       fyne.CanvasObject
	tabs      *container.AppTabs
	role      data.Role
	units     map[int64]string
	branchIDs []int64
	branch    *widget.Select
	year      *widget.Select

	last    *container.TabItem // the tab shown, whose editor counts until another is shown
	month   *duesMonth
	arrears *duesArrears
	bases   *duesBases
	rules   *duesRules
	loading bool
}

func newDuesScreen(sh *Shell) *duesScreen {
	s := &duesScreen{sh: sh}
	y := data.Today().Y
	var years []string
	for i := y + 1; i >= y-5; i-- {
		years = append(years, strconv.Itoa(i))
	}
	s.year = newSelect(years, func(string) { s.changed() })
	s.year.Selected = strconv.Itoa(y)
	s.branch = newSelect(nil, func(string) { s.changed() })
	s.month = newDuesMonth(s)
	s.arrears = newDuesArrears(s)
	s.bases = newDuesBases(s)
	s.rules = newDuesRules(s)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("按月收缴", theme.DocumentCreateIcon(), s.month.obj),
		container.NewTabItemWithIcon("欠缴情况", theme.WarningIcon(), s.arrears.obj),
		container.NewTabItemWithIcon("缴费基数", theme.AccountIcon(), s.bases.obj),
		container.NewTabItemWithIcon("党费标准", theme.SettingsIcon(), s.rules.obj),
	)
	s.last = s.tabs.Items[0]
	s.tabs.OnSelected = func(it *container.TabItem) {
		if it == s.last {
			return
		}
		// Leaving a tab with unsaved entries asks first, as leaving the
		// screen does.
		s.sh.guard(func() { s.last = it; s.reload() }, func() { s.tabs.Select(s.last) })
	}
	top := container.NewHBox(widget.NewLabel("党支部"), sized(s.branch, 200), widget.NewLabel("年度"), sized(s.year, 100))
	s.obj = container.NewBorder(top, nil, nil, nil, s.tabs)
	return s
}

func (s *duesScreen) title() string              { return "党费管理" }
func (s *duesScreen) icon() fyne.Resource        { return theme.StorageIcon() }
func (s *duesScreen) object() fyne.CanvasObject  { return s.obj }
func (s *duesScreen) tabsOf() *container.AppTabs { return s.tabs }

// activeEditor is the tab's editor holding changes, if any.
func (s *duesScreen) activeEditor() dirtyEditor {
	switch s.last.Text {
	case "按月收缴":
		return s.month
	case "缴费基数":
		return s.bases
	case "党费标准":
		return s.rules
	}
	return nil
}

func (s *duesScreen) save() {
	if e := s.activeEditor(); e != nil {
		e.Save()
	}
}

func (s *duesScreen) print() {
	switch s.tabs.Selected().Text {
	case "按月收缴":
		s.month.print()
	default:
		s.arrears.print(false)
	}
}

func (s *duesScreen) yearN() int {
	y, _ := strconv.Atoi(s.year.Selected)
	return y
}

// branchID is the branch chosen: 0 for 全部党支部 (the office only).
func (s *duesScreen) branchID() int64 {
	i := s.branch.SelectedIndex()
	if i < 0 || i >= len(s.branchIDs) {
		return 0
	}
	return s.branchIDs[i]
}

func (s *duesScreen) unitName(id int64) string { return s.units[id] }

func (s *duesScreen) shown() {
	s.units, _ = s.sh.store.UnitNames(s.sh.ctx)
	s.role = s.sh.store.Role(s.sh.ctx)
	roots, _ := s.sh.store.OrgStructure(s.sh.ctx)
	var names []string
	s.branchIDs = nil
	if s.role.Office {
		names, s.branchIDs = []string{"全部党支部"}, []int64{0}
	}
	for _, r := range roots {
		for _, b := range r.Children {
			if b.Unit.Level != data.LevelBranch || (!s.role.Office && b.Unit.ID != s.role.BranchID) {
				continue
			}
			names = append(names, b.Unit.Name())
			s.branchIDs = append(s.branchIDs, b.Unit.ID)
		}
	}
	cur := s.branch.SelectedIndex()
	s.loading = true
	s.branch.Options = names
	if cur < 0 || cur >= len(names) {
		cur = 0
		if s.role.Office && len(names) > 1 {
			cur = 1 // a branch's month is entered per branch
		}
	}
	if len(names) > 0 {
		s.branch.SetSelectedIndex(cur)
	}
	s.loading = false
	s.rules.setRole(s.role)
	s.reload()
}

// changed reloads after the branch or year changed, asking first about
// unsaved entries of the old one.
func (s *duesScreen) changed() {
	if s.loading {
		return
	}
	s.reload()
}

func (s *duesScreen) reload() {
	if s.units == nil {
		return
	}
	switch s.tabs.Selected().Text {
	case "按月收缴":
		s.month.load()
	case "欠缴情况":
		s.arrears.load()
	case "缴费基数":
		s.bases.load()
	case "党费标准":
		s.rules.load()
	}
}

// duesEdit is what the grid holds for one member's month.
type duesEdit struct {
	paid, method, date string
}

// duesMonth is 按月收缴: every member who owes the month in the branch,
// with 应缴, and what was paid, how and when; "全部按标准足额缴纳" fills
// every empty row with its standard amount, then the exceptions are typed.
type duesMonth struct {
	s       *duesScreen
	obj     fyne.CanvasObject
	month   *widget.Select
	date    *dateEntry
	method  *widget.Select
	fill    *widget.Button
	saveBt  *widget.Button
	summary *widget.Label
	message *widget.Label
	list    *widget.List

	book  *data.DuesBook
	m     data.Month
	lines []data.DuesLine
	orig  []duesEdit
	edits []duesEdit
	// loaded is the branch and month the grid holds, so a change of
	// selector asks about unsaved entries first.
	loadedBranch int64
	loadedMonth  data.Month
	gen          int // the last month asked for (load)
}

var monthNames = func() []string {
	out := make([]string, 12)
	for i := range out {
		out[i] = strconv.Itoa(i+1) + "月"
	}
	return out
}()

func newDuesMonth(s *duesScreen) *duesMonth {
	v := &duesMonth{s: s}
	v.month = newSelect(monthNames, func(string) { v.s.changed() })
	v.month.SetSelectedIndex(int(data.Today().M) - 1)
	v.date = newDuesDate()
	v.date.setDate(data.Today())
	v.method = newSelect(data.DuesMethods, nil)
	v.method.SetSelected(data.PayPayroll)
	v.fill = widget.NewButtonWithIcon("全部按标准足额缴纳", theme.ConfirmIcon(), v.fillAll)
	v.fill.Importance = widget.HighImportance
	v.saveBt = widget.NewButtonWithIcon("保存本月", theme.DocumentSaveIcon(), func() { v.Save() })
	printBt := widget.NewButtonWithIcon("打印收缴表", theme.DocumentPrintIcon(), v.print)
	receipt := widget.NewButtonWithIcon("导入登记表…", theme.UploadIcon(), s.importBook)
	v.summary = widget.NewLabel("")
	v.summary.Wrapping = fyne.TextWrapWord
	v.message = widget.NewLabel("")
	v.message.Wrapping = fyne.TextWrapWord
	v.message.Importance = widget.DangerImportance
	v.message.Hide()
	hint := widget.NewLabel("先点“全部按标准足额缴纳”，再改少数例外：实缴金额清空为未缴，写“免：原因”为该月免缴。缴纳日期晚于所缴月份的记为补缴。")
	hint.Wrapping = fyne.TextWrapWord
	bar := container.NewHBox(widget.NewLabel("月份"), sized(v.month, 90), widget.NewLabel("缴纳日期"), sized(v.date, 130),
		widget.NewLabel("方式"), sized(v.method, 90), v.fill, layout.NewSpacer(), v.saveBt, printBt, receipt)
	v.list = widget.NewList(func() int { return len(v.lines) }, v.newRow, v.updateRow)
	header := duesRowLayout(
		boldLabel("姓名"), boldLabel("类别 / 基数"), boldLabel("应缴（元）"), boldLabel("实缴（元）"),
		boldLabel("方式"), boldLabel("缴纳日期"), boldLabel("情况"))
	v.obj = container.NewBorder(container.NewVBox(bar, hint, v.summary, v.message, header), nil, nil, nil, v.list)
	return v
}

func boldLabel(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func newDuesDate() *dateEntry {
	e := newDateEntry()
	e.SetPlaceHolder("2026-03-10")
	return e
}

// duesRowLayout places one grid row's cells in fixed columns, so the rows
// line up under the header.
func duesRowLayout(objs ...fyne.CanvasObject) *fyne.Container {
	widths := []float32{100, 130, 90, 110, 90, 130}
	var cells []fyne.CanvasObject
	for i, o := range objs {
		if i < len(widths) {
			cells = append(cells, container.NewGridWrap(fyne.NewSize(widths[i], o.MinSize().Height), o))
		} else {
			cells = append(cells, o)
		}
	}
	return container.NewHBox(cells...)
}

func (v *duesMonth) newRow() fyne.CanvasObject {
	name := widget.NewLabel("")
	name.Truncation = fyne.TextTruncateEllipsis
	base := widget.NewLabel("")
	base.Truncation = fyne.TextTruncateEllipsis
	due := widget.NewLabel("")
	paid := widget.NewEntry()
	method := newSelect(data.DuesMethods, nil)
	method.PlaceHolder = "—"
	date := newDateEntry()
	date.SetPlaceHolder("")
	state := widget.NewLabel("")
	return duesRowLayout(name, base, due, paid, method, date, state)
}

// rowParts finds a row's widgets inside its layout.
func rowParts(o fyne.CanvasObject) (name, base, due *widget.Label, paid *widget.Entry, method *widget.Select, date *dateEntry, state *widget.Label) {
	cells := o.(*fyne.Container).Objects
	inner := func(i int) fyne.CanvasObject {
		if c, ok := cells[i].(*fyne.Container); ok && len(c.Objects) == 1 {
			return c.Objects[0]
		}
		return cells[i]
	}
	return inner(0).(*widget.Label), inner(1).(*widget.Label), inner(2).(*widget.Label), inner(3).(*widget.Entry),
		inner(4).(*widget.Select), inner(5).(*dateEntry), inner(6).(*widget.Label)
}

func (v *duesMonth) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.lines) {
		return
	}
	l, e := v.lines[id], v.edits[id]
	name, base, due, paid, method, date, state := rowParts(o)
	name.SetText(l.Member.Name)
	b := l.Member.BaseAt(l.Month)
	if l.Rate > 0 {
		base.SetText(fmt.Sprintf("%s %s", strings.TrimSuffix(data.FormatYuan(b.Base), ".00"), data.FormatRate(l.Rate)))
	} else {
		base.SetText(b.Category)
	}
	due.SetText(data.FormatYuan(l.Owing()))
	paid.OnChanged, method.OnChanged, date.OnChanged = nil, nil, nil
	paid.SetText(e.paid)
	method.SetSelected(e.method)
	date.SetText(e.date)
	text, imp := v.stateOf(id)
	state.SetText(text)
	state.Importance = imp
	state.Refresh()
	paid.OnChanged = func(t string) {
		v.edits[id].paid = t
		text, imp := v.stateOf(id)
		state.SetText(text)
		state.Importance = imp
		state.Refresh()
		v.showSummary()
	}
	method.OnChanged = func(t string) { v.edits[id].method = t }
	date.OnChanged = func(t string) {
		v.edits[id].date = t
		text, imp := v.stateOf(id)
		state.SetText(text)
		state.Importance = imp
		state.Refresh()
	}
}

// payment reads a row as a ledger row; nil when it records nothing.
func (v *duesMonth) payment(i int) (*data.DuesPayment, error) {
	l, e := v.lines[i], v.edits[i]
	text := strings.TrimSpace(e.paid)
	if text == "" {
		return nil, nil
	}
	p := &data.DuesPayment{MemberID: l.Member.ID, Month: v.m, BranchID: l.BranchID, Due: l.Due}
	if l.Row != nil {
		p.Note = l.Row.Note
	}
	if rest, ok := strings.CutPrefix(text, "免"); ok {
		reason := strings.TrimSpace(strings.TrimLeft(strings.TrimPrefix(rest, "缴"), ":： "))
		if reason == "" {
			return nil, fmt.Errorf("%s：免缴请写明原因，如“免：长期住院”", l.Member.Name)
		}
		p.ExemptReason = reason
		return p, nil
	}
	fen, err := data.ParseYuan(text)
	if err != nil {
		return nil, fmt.Errorf("%s：%v", l.Member.Name, err)
	}
	if fen < 0 {
		return nil, fmt.Errorf("%s：金额不能为负", l.Member.Name)
	}
	p.Paid, p.Method = fen, e.method
	if strings.TrimSpace(e.date) != "" {
		d, err := data.ParseDateLoose(e.date)
		if err != nil {
			return nil, fmt.Errorf("%s：缴纳日期%v", l.Member.Name, err)
		}
		p.PaidDate = d
	}
	return p, nil
}

// stateOf is a row's 情况 as typed: 未缴, 已缴, 少缴 x 元, 多缴 x 元, 补缴, 免缴.
func (v *duesMonth) stateOf(i int) (string, widget.Importance) {
	p, err := v.payment(i)
	switch {
	case err != nil:
		return "有误：" + strings.TrimPrefix(err.Error(), v.lines[i].Member.Name+"："), widget.DangerImportance
	case p == nil:
		if l := v.lines[i]; l.PaidBefore {
			return fmt.Sprintf("此前已缴（党费交至 %s）", l.Member.PaidTo), widget.LowImportance
		}
		if v.lines[i].Owing() == 0 {
			return "不需缴纳", widget.LowImportance
		}
		return "未缴", widget.WarningImportance
	}
	switch st := p.State(); st {
	case data.DuesShort:
		return fmt.Sprintf("少缴 %s 元", data.FormatYuan(p.Due-p.Paid)), widget.DangerImportance
	case data.DuesOver:
		return fmt.Sprintf("多缴 %s 元", data.FormatYuan(p.Paid-p.Due)), widget.WarningImportance
	case data.DuesUnpaid:
		return "未缴", widget.WarningImportance
	case data.DuesExempted:
		return "免缴：" + p.ExemptReason, widget.LowImportance
	default:
		return st, widget.SuccessImportance
	}
}

func editOf(l data.DuesLine) duesEdit {
	if l.Row == nil {
		return duesEdit{}
	}
	if l.Row.ExemptReason != "" {
		return duesEdit{paid: "免：" + l.Row.ExemptReason}
	}
	e := duesEdit{method: l.Row.Method}
	if l.Row.Paid > 0 {
		e.paid = data.FormatYuan(l.Row.Paid)
	}
	if !l.Row.PaidDate.IsZero() {
		e.date = l.Row.PaidDate.String()
	}
	return e
}

func (v *duesMonth) load() {
	s := v.s
	year := s.yearN()
	m := data.MonthOf(year, time.Month(v.month.SelectedIndex()+1))
	branch := s.branchID()
	if v.book != nil && (branch != v.loadedBranch || m != v.loadedMonth) && v.Dirty() {
		// The selectors moved with entries unsaved: ask, and put them back
		// on 取消.
		oldBranch, oldMonth := v.loadedBranch, v.loadedMonth
		s.sh.guard(func() { v.loadedBranch = -1; v.load() }, func() {
			s.loading = true
			for i, id := range s.branchIDs {
				if id == oldBranch {
					s.branch.SetSelectedIndex(i)
				}
			}
			s.year.SetSelected(strconv.Itoa(oldMonth.Year()))
			v.month.SetSelectedIndex(oldMonth.Num() - 1)
			s.loading = false
		})
		return
	}
	v.message.Hide()
	v.m, v.loadedBranch, v.loadedMonth = m, branch, m
	if branch == 0 {
		v.gen++ // a month still loading is not shown
		v.book, v.lines, v.orig, v.edits = nil, nil, nil, nil
		v.summary.SetText("请先在上方选择一个党支部，再逐月登记党费。")
		v.fill.Disable()
		v.saveBt.Disable()
		v.list.Refresh()
		return
	}
	// A branch's month is read in the background (a branch of 20,000
	// members takes a good part of a second): the grid stays empty, with
	// nothing to edit, until it is there, unless the choice moved on.
	v.gen++
	gen := v.gen
	v.book, v.lines, v.orig, v.edits = nil, nil, nil, nil
	v.fill.Disable()
	v.saveBt.Disable()
	v.summary.SetText("正在读取……")
	v.list.Refresh()
	ctx, store := s.sh.ctx, s.sh.store
	s.sh.background(func() {
		book, err := store.DuesBook(ctx, data.DuesQuery{From: m, To: m, BranchID: branch})
		var lines []data.DuesLine
		var orig []duesEdit
		if err == nil {
			lines = book.Month(m, branch)
			orig = make([]duesEdit, len(lines))
			for i, l := range lines {
				orig[i] = editOf(l)
			}
		}
		fyne.Do(func() {
			if gen != v.gen {
				return
			}
			if err != nil {
				v.summary.SetText("")
				s.sh.showError(err)
				return
			}
			v.book, v.lines, v.orig = book, lines, orig
			v.edits = append([]duesEdit(nil), orig...)
			v.fill.Enable()
			v.saveBt.Enable()
			v.list.Refresh()
			v.showSummary()
		})
	})
}

// showSummary totals the grid as typed.
func (v *duesMonth) showSummary() {
	var due, paid int64
	unpaid, short, over, entered := 0, 0, 0, 0
	for i, l := range v.lines {
		due += l.Owing()
		p, err := v.payment(i)
		if err != nil || p == nil {
			if l.Owing() > 0 {
				unpaid++
			}
			continue
		}
		entered++
		paid += p.Paid
		switch p.State() {
		case data.DuesShort:
			short++
		case data.DuesOver:
			over++
		case data.DuesUnpaid:
			unpaid++
		}
	}
	text := fmt.Sprintf("%s：应缴 %d 人 %s 元，已登记 %d 人，实缴 %s 元", v.m.Chinese(), len(v.lines), data.FormatYuan(due), entered, data.FormatYuan(paid))
	if unpaid > 0 {
		text += fmt.Sprintf("；未缴 %d 人", unpaid)
	}
	if short > 0 {
		text += fmt.Sprintf("；少缴 %d 人", short)
	}
	if over > 0 {
		text += fmt.Sprintf("；多缴 %d 人", over)
	}
	if v.Dirty() {
		text += "（有未保存的修改）"
	}
	v.summary.SetText(text)
}

// fillAll gives every empty row its standard amount, the date and the way
// chosen above; rows already typed are kept.
func (v *duesMonth) fillAll() {
	date := strings.TrimSpace(v.date.Text)
	if _, err := data.ParseDateLoose(date); err != nil || date == "" {
		v.message.SetText("请先填写正确的缴纳日期")
		v.message.Show()
		return
	}
	v.message.Hide()
	for i, l := range v.lines {
		if strings.TrimSpace(v.edits[i].paid) != "" || l.Owing() == 0 {
			continue
		}
		v.edits[i] = duesEdit{paid: data.FormatYuan(l.Owing()), method: v.method.Selected, date: date}
	}
	v.list.Refresh()
	v.showSummary()
}

// Dirty reports entries not yet saved.
func (v *duesMonth) Dirty() bool {
	for i := range v.edits {
		if v.edits[i] != v.orig[i] {
			return true
		}
	}
	return false
}

// Save stores the changed rows in one transaction (cleared rows are
// withdrawn); a refused save keeps everything typed and says why.
func (v *duesMonth) Save() error {
	if !v.Dirty() {
		return nil
	}
	var rows []data.DuesPayment
	var withdraw []int64
	var msgs []string
	for i := range v.edits {
		if v.edits[i] == v.orig[i] {
			continue
		}
		p, err := v.payment(i)
		switch {
		case err != nil:
			msgs = append(msgs, err.Error())
		case p == nil && v.lines[i].Row != nil:
			withdraw = append(withdraw, v.lines[i].Row.ID)
		case p != nil:
			rows = append(rows, *p)
		}
	}
	if len(msgs) > 0 {
		v.message.SetText("未保存：" + strings.Join(msgs, "；"))
		v.message.Show()
		return errNotSaved
	}
	sh := v.s.sh
	role := sh.store.Role(sh.ctx)
	err := sh.store.RecordDues(sh.ctx, role, rows)
	for _, id := range withdraw {
		if err == nil {
			err = sh.store.DeleteDuesPayment(sh.ctx, role, id)
		}
	}
	if err != nil {
		var ve *data.ValidationError
		msg := err.Error()
		if errors.As(err, &ve) {
			msg = ve.Error()
		}
		v.message.SetText("未保存：" + msg)
		v.message.Show()
		return errNotSaved
	}
	sh.notify(fmt.Sprintf("已保存%s %s党费：登记 %d 人", v.s.unitName(v.loadedBranch), v.m.Chinese(), len(rows)))
	v.loadedBranch = -1 // reload without asking
	v.orig = v.edits
	v.load()
	return nil
}

// Discard forgets the entries typed.
func (v *duesMonth) Discard() {
	v.edits = append([]duesEdit(nil), v.orig...)
	v.list.Refresh()
	v.showSummary()
}

func (v *duesMonth) print() {
	sh, branch, m := v.s.sh, v.s.branchID(), v.m
	if branch == 0 {
		sh.showError(errors.New("请先选择一个党支部"))
		return
	}
	sh.printJob(fmt.Sprintf("%s%s党费收缴表", v.s.unitName(branch), m.Chinese()), func(out string, p jobs.Progress) (jobs.Done, error) {
		return jobs.PrintDuesSheet(sh.ctx, sh.store, m, jobs.Options{BranchID: branch, Out: out}, p)
	})
}

// duesArrears is 欠缴情况: data.Store.DuesArrears as a table, the alarm
// first in its column.
type duesArrears struct {
	s     *duesScreen
	obj   fyne.CanvasObject
	note  *widget.Label
	table *textTable
	list  []data.DuesArrear
}

func newDuesArrears(s *duesScreen) *duesArrears {
	v := &duesArrears{s: s}
	v.note = widget.NewLabel("")
	v.note.Wrapping = fyne.TextWrapWord
	v.table = newTextTable([]string{"提醒", "姓名", "党支部", "未缴月份", "少缴月份", "尚欠（元）"},
		[]float32{190, 90, 150, 260, 120, 100})
	ledger := widget.NewButtonWithIcon("打印党费收缴台账", theme.DocumentPrintIcon(), func() { v.print(false) })
	imp := widget.NewButtonWithIcon("导入登记表…", theme.UploadIcon(), s.importBook)
	v.obj = container.NewBorder(container.NewBorder(nil, nil, nil, container.NewHBox(imp, ledger), v.note), nil, nil, nil, v.table)
	return v
}

func monthList(ms []int) string {
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = strconv.Itoa(m)
	}
	if len(s) == 0 {
		return ""
	}
	return strings.Join(s, "、") + "月"
}

func (v *duesArrears) load() {
	sh, year := v.s.sh, v.s.yearN()
	today := sh.store.Today()
	asOf := today
	if year < today.Y {
		asOf = data.Date{}
	}
	list, err := sh.store.DuesArrears(sh.ctx, year, asOf, v.s.branchID())
	if err != nil {
		sh.showError(err)
		return
	}
	// Alarms first, then as the roster orders them.
	var alarms, rest []data.DuesArrear
	for _, a := range list {
		if a.Alarm {
			alarms = append(alarms, a)
		} else {
			rest = append(rest, a)
		}
	}
	v.list = append(alarms, rest...)
	var rows [][]string
	var owed int64
	for _, a := range v.list {
		warn := ""
		if a.Alarm {
			warn = fmt.Sprintf("⚠ 已连续 %d 个月未缴", a.Streak)
		}
		rows = append(rows, []string{warn, a.Name, v.s.unitName(a.BranchID), monthList(a.Unpaid), monthList(a.Short), data.FormatYuan(a.Owed)})
		owed += a.Owed
	}
	v.table.setRows(rows)
	upTo := data.MonthOf(year, time.December)
	if !asOf.IsZero() {
		upTo = data.MonthOfDate(asOf) - 1
	}
	switch {
	case year > today.Y || upTo < data.MonthOf(year, time.January):
		v.note.SetText(fmt.Sprintf("%d 年还没有应缴的月份。", year))
	case len(v.list) == 0:
		v.note.SetText(fmt.Sprintf("截至 %s，没有欠缴或少缴党费的党员。", upTo.Chinese()))
	default:
		v.note.SetText(fmt.Sprintf("截至 %s：欠缴或少缴党费 %d 人，尚欠 %s 元；其中连续 %d 个月以上未缴 %d 人，请支部及时谈话提醒。",
			upTo.Chinese(), len(v.list), data.FormatYuan(owed), data.DuesAlarmMonths, len(alarms)))
	}
}

func (v *duesArrears) print(_ bool) {
	sh, year, branch := v.s.sh, v.s.yearN(), v.s.branchID()
	name := fmt.Sprintf("%d年度党费收缴台账", year)
	if branch != 0 {
		name = v.s.unitName(branch) + name
	}
	sh.printJob(name, func(out string, p jobs.Progress) (jobs.Done, error) {
		return jobs.PrintDuesLedger(sh.ctx, sh.store, jobs.Options{Year: year, BranchID: branch, Out: out}, p)
	})
}

// importBook loads a year's 党费收缴登记表, with a preview.
func (s *duesScreen) importBook() {
	sh, year := s.sh, s.yearN()
	sh.chooseOpen(fileChoice{title: "选择要导入的党费收缴登记表", kind: "Excel 或 CSV 表格", exts: []string{".xlsx", ".csv"}}, func(path string) {
		var book *sheet.Sheet
		var plan *duesimport.Plan
		sh.runJob("读取党费收缴登记表", func(p jobs.Progress) (jobs.Done, error) {
			var err error
			book, plan, err = jobs.PreviewDues(sh.ctx, sh.store, path, year, p)
			return jobs.Done{}, err
		}, func(jobs.Done) { s.previewBook(path, book, plan, year) })
	})
}

func (s *duesScreen) previewBook(path string, book *sheet.Sheet, p *duesimport.Plan, year int) {
	sh := s.sh
	adds := newTextTable([]string{"行号", "姓名", "新基数", "登记月份", "实缴合计（元）"}, []float32{60, 100, 110, 300, 120})
	var rows [][]string
	for _, a := range p.Adds {
		var months []int
		var paid int64
		for _, pay := range a.Payments {
			months = append(months, pay.Month.Num())
			paid += pay.Paid
		}
		base := ""
		if a.Base != nil {
			base = data.FormatYuan(a.Base.Base)
		}
		rows = append(rows, []string{strconv.Itoa(a.Row), a.Name, base, monthList(months), data.FormatYuan(paid)})
	}
	adds.setRows(rows)
	showImportPreview(sh.win, importPreview{
		title: "导入党费收缴登记表（预览，尚未写入）",
		summary: fmt.Sprintf("文件：%s（%d 年度）\n可登记 %d 人，已与表中一致 %d 人，不能导入 %d 行。",
			filepath.Base(path), year, len(p.Adds), p.Existing, rejectedRows(p.Rejected)),
		adds: adds, nAdds: len(p.Adds), rejected: p.Rejected, warnings: p.Warnings, skipped: p.Skipped,
		apply: func(m sheet.Mode) {
			var res sheet.Result
			sh.runJob("正在导入党费记录", func(pr jobs.Progress) (jobs.Done, error) {
				var err error
				if res, err = jobs.ApplyDues(sh.ctx, sh.store, book, year, m, pr); err != nil {
					return jobs.Done{}, fmt.Errorf("未导入任何党费记录：%w", err)
				}
				return jobs.Done{}, nil
			}, func(jobs.Done) {
				dialog.ShowInformation("导入完成", fmt.Sprintf("已登记 %d 人的党费。", res.Imported), sh.win)
				s.reload()
			})
		},
	})
}
