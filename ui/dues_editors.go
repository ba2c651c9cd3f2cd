package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/jobs"
)

// duesBases is 缴费基数: the branch's members with their base and
// category now; for the one selected, the history and a form recording a
// new base from a month on.
type duesBases struct {
	s       *duesScreen
	obj     fyne.CanvasObject
	members *textTable
	history *textTable
	who     *widget.Label
	form    *fieldForm
	from    *widget.Entry
	cat     *widget.Select
	base    *widget.Entry
	reason  *widget.Entry
	saveBt  *widget.Button
	receipt *widget.Button

	book  *data.DuesBook
	ids   []int64
	cur   int64 // the member whose form is open
	clean string
}

func newDuesBases(s *duesScreen) *duesBases {
	v := &duesBases{s: s}
	v.members = newTextTable([]string{"姓名", "类别", "缴费基数（元/月）", "月缴（元）"}, []float32{90, 80, 150, 90})
	v.members.OnSelect = func(row int) {
		if row < 0 || row >= len(v.ids) || v.ids[row] == v.cur {
			return
		}
		id := v.ids[row]
		s.sh.guard(func() { v.open(id) }, func() { v.reselect() })
	}
	v.history = newTextTable([]string{"起始月份", "类别", "缴费基数（元/月）", "说明"}, []float32{90, 80, 150, 260})
	v.who = widget.NewLabelWithStyle("请在左侧选择党员", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.from = widget.NewEntry()
	v.from.SetPlaceHolder("如 2026-01")
	v.cat = newSelect(data.DuesCategories, nil)
	v.base = widget.NewEntry()
	v.base.SetPlaceHolder("税后月收入或养老金，元")
	v.reason = widget.NewEntry()
	v.reason.SetPlaceHolder("调整原因；免缴须写明原因")
	v.form = newFieldForm()
	v.form.add("effective", "起始月份", v.from)
	v.form.add("category", "党费类别", v.cat)
	v.form.add("base", "缴费基数（元/月）", v.base)
	v.form.add("reason", "说明", v.reason)
	v.saveBt = widget.NewButtonWithIcon("保存基数", theme.DocumentSaveIcon(), func() { v.Save() })
	v.receipt = widget.NewButtonWithIcon("打印本年缴纳凭证", theme.DocumentPrintIcon(), v.printReceipt)
	note := widget.NewLabel("缴费基数一般每年核定一次；新基数从起始月份起计算党费，此前的月份不变。未登记时按党员档案中的“党费基数”和“人员类别”计算。")
	note.Wrapping = fyne.TextWrapWord
	right := container.NewBorder(
		container.NewVBox(v.who, v.form.object(), container.NewHBox(v.saveBt, v.receipt), note, widget.NewLabel("基数历史")),
		nil, nil, nil, v.history)
	split := container.NewHSplit(v.members, right)
	split.Offset = 0.45
	v.obj = split
	v.setEnabled(false)
	return v
}

func (v *duesBases) setEnabled(on bool) {
	for _, w := range []fyne.Disableable{v.from, v.cat, v.base, v.reason, v.saveBt, v.receipt} {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}

func (v *duesBases) reselect() {
	for i, id := range v.ids {
		if id == v.cur {
			v.members.Select(widget.TableCellID{Row: i, Col: 0})
		}
	}
}

func (v *duesBases) load() {
	sh, year := v.s.sh, v.s.yearN()
	book, err := sh.store.DuesBook(sh.ctx, data.DuesQuery{From: data.MonthOf(year, time.January), To: data.MonthOf(year, time.December),
		BranchID: v.s.branchID()})
	if err != nil {
		sh.showError(err)
		return
	}
	v.book, v.ids = book, nil
	now := data.MonthOfDate(sh.store.Today())
	if now.Year() != year {
		now = data.MonthOf(year, time.December)
	}
	var rows [][]string
	for i := range book.Members {
		m := &book.Members[i]
		if !m.Owes(now) && m.Leave != 0 {
			continue // left before: their bases are history
		}
		b := m.BaseAt(now)
		due, _, _ := book.Expected(m, now)
		rows = append(rows, []string{m.Name, b.Category, data.FormatYuan(b.Base), data.FormatYuan(due)})
		v.ids = append(v.ids, m.ID)
	}
	v.members.setRows(rows)
	if v.book.Member(v.cur) != nil {
		v.open(v.cur)
		v.reselect()
	} else {
		v.cur = 0
		v.who.SetText("请在左侧选择党员")
		v.history.setRows(nil)
		v.setEnabled(false)
		v.clean = v.state()
	}
}

func (v *duesBases) state() string { return inputState(v.from, v.cat, v.base, v.reason) }

// open shows a member's history and a form for a new base from this month.
func (v *duesBases) open(id int64) {
	m := v.book.Member(id)
	if m == nil {
		return
	}
	v.cur = id
	v.who.SetText(m.Name + " · " + v.s.unitName(m.BranchID))
	var rows [][]string
	if len(m.Bases) == 0 || m.Bases[0].Effective > v.book.From {
		rows = append(rows, []string{"（档案）", m.Dossier.Category, data.FormatYuan(m.Dossier.Base), "按党员档案的党费基数和人员类别"})
	}
	for _, b := range m.Bases {
		rows = append(rows, []string{b.Effective.String(), b.Category, data.FormatYuan(b.Base), b.Reason})
	}
	v.history.setRows(rows)
	now := data.MonthOfDate(v.s.sh.store.Today())
	cur := m.BaseAt(now)
	v.form.clear()
	v.from.SetText(now.String())
	v.cat.SetSelected(cur.Category)
	v.base.SetText(strings.TrimSuffix(data.FormatYuan(cur.Base), ".00"))
	v.reason.SetText("")
	v.setEnabled(true)
	v.clean = v.state()
}

// Dirty reports a base typed and not saved.
func (v *duesBases) Dirty() bool { return v.cur != 0 && v.state() != v.clean }

// Save records the base from its month on.
func (v *duesBases) Save() error {
	if v.cur == 0 {
		return nil
	}
	var is data.Issues
	b := data.DuesBase{MemberID: v.cur, Category: v.cat.Selected, Reason: v.reason.Text}
	m, err := data.ParseMonth(v.from.Text)
	if err != nil {
		is.Err("effective", "%v", err)
	}
	b.Effective = m
	if fen, err := data.ParseYuan(v.base.Text); err != nil {
		is.Err("base", "%v", err)
	} else {
		b.Base = fen
	}
	if err := is.AsError(); err != nil {
		v.form.show(err)
		return errNotSaved
	}
	sh := v.s.sh
	if _, err := sh.store.SaveDuesBase(sh.ctx, sh.store.Role(sh.ctx), b); err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) {
			v.form.show(err)
		} else {
			sh.showError(err)
		}
		return errNotSaved
	}
	sh.notify(fmt.Sprintf("已保存%s的党费基数（%s 起）", v.book.Member(v.cur).Name, b.Effective))
	v.clean = v.state()
	v.load()
	return nil
}

// Discard puts the member's current base back in the form.
func (v *duesBases) Discard() {
	if v.cur != 0 {
		v.open(v.cur)
	}
}

func (v *duesBases) printReceipt() {
	sh, year, id := v.s.sh, v.s.yearN(), v.cur
	m := v.book.Member(id)
	if m == nil {
		return
	}
	sh.printJob(fmt.Sprintf("%s%d年党费缴纳凭证", m.Name, year), func(out string, p jobs.Progress) (jobs.Done, error) {
		return jobs.PrintDuesReceipt(sh.ctx, sh.store, id, jobs.Options{Year: year, Out: out}, p)
	})
}

// duesRules is 党费标准: the versions of the standards and, for the
// office, a form for a new version from a month on. A branch copy reads.
type duesRules struct {
	s        *duesScreen
	obj      fyne.CanvasObject
	versions *textTable
	form     *fieldForm
	from     *widget.Entry
	inSvc    *widget.Entry
	retired  *widget.Entry
	fixed    map[string]*widget.Entry
	round    *widget.Select
	note     *widget.Entry
	saveBt   *widget.Button
	withdraw *widget.Button
	picked   int // the version row chosen in the list; -1 none
	calc     *widget.Label
	office   bool
	book     data.DuesRuleBook
	clean    string
}

var fixedCategories = []string{data.DuesStudent, data.DuesNoIncome, data.DuesLowIncome}

func newDuesRules(s *duesScreen) *duesRules {
	v := &duesRules{s: s, fixed: map[string]*widget.Entry{}}
	v.versions = newTextTable([]string{"起始月份", "在职党员", "离退休党员", "定额", "说明"}, []float32{80, 290, 150, 250, 200})
	v.picked = -1
	v.versions.OnSelect = func(row int) {
		v.picked = row
		v.enableWithdraw()
		if row >= 0 {
			s.sh.guard(func() { v.fill(v.versionAt(row)) }, nil)
		}
	}
	v.from = widget.NewEntry()
	v.from.SetPlaceHolder("如 2027-01")
	v.inSvc = widget.NewMultiLineEntry()
	v.inSvc.SetMinRowsVisible(4)
	v.retired = widget.NewMultiLineEntry()
	v.retired.SetMinRowsVisible(2)
	v.round = newSelect([]string{"到分", "到角"}, nil)
	v.note = widget.NewEntry()
	v.form = newFieldForm()
	v.form.add("effective", "起始月份", v.from)
	v.form.add("in_service", "在职党员（每行：上限 比例）", v.inSvc)
	v.form.add("retired", "离退休党员", v.retired)
	for _, c := range fixedCategories {
		e := widget.NewEntry()
		v.fixed[c] = e
		v.form.add("fixed_fen", c+"（元/月）", e)
	}
	v.form.add("round_fen", "四舍五入", v.round)
	v.form.add("note", "依据", v.note)
	v.saveBt = widget.NewButtonWithIcon("保存为新标准", theme.DocumentSaveIcon(), func() { v.Save() })
	v.withdraw = widget.NewButtonWithIcon("撤销所选标准", theme.DeleteIcon(), v.withdrawPicked)
	v.calc = widget.NewLabel("")
	v.calc.Wrapping = fyne.TextWrapWord
	left := container.NewBorder(widget.NewLabel("各时期的党费标准（点选一行可据此修改）"), container.NewHBox(v.withdraw), nil, nil, v.versions)
	right := container.NewVScroll(container.NewVBox(v.form.object(), container.NewHBox(layout.NewSpacer(), v.saveBt), v.calc))
	split := container.NewHSplit(left, right)
	split.Offset = 0.55
	v.obj = split
	v.clean = v.state()
	return v
}

func (v *duesRules) setRole(r data.Role) {
	v.office = r.Office
	for _, w := range []fyne.Disableable{v.from, v.inSvc, v.retired, v.round, v.note, v.saveBt} {
		if r.Office {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	for _, e := range v.fixed {
		if r.Office {
			e.Enable()
		} else {
			e.Disable()
		}
	}
}

func (v *duesRules) enableWithdraw() {
	if v.office && v.picked > 0 && v.picked <= len(v.book) {
		v.withdraw.Enable()
	} else {
		v.withdraw.Disable()
	}
}

// withdrawPicked withdraws the office change chosen (the months it covered
// fall back on the version before it), after asking.
func (v *duesRules) withdrawPicked() {
	if !v.office || v.picked <= 0 || v.picked > len(v.book) {
		return
	}
	r := v.book[v.picked-1]
	sh := v.s.sh
	dialog.ShowConfirm("撤销党费标准", fmt.Sprintf("撤销 %s 起执行的党费标准？此后尚未登记的月份将按前一个标准计算，已登记的月份不变。", r.Effective),
		func(ok bool) {
			if !ok {
				return
			}
			if err := sh.store.DeleteDuesRules(sh.ctx, sh.store.Role(sh.ctx), r.ID); err != nil {
				sh.showError(err)
				return
			}
			sh.notify(fmt.Sprintf("已撤销 %s 起执行的党费标准", r.Effective))
			v.load()
		}, sh.win)
}

func (v *duesRules) versionAt(row int) data.DuesRules {
	if row == 0 {
		return data.DefaultDuesRules()
	}
	return v.book[row-1]
}

func fixedText(r data.DuesRules) string {
	var parts []string
	for _, c := range fixedCategories {
		parts = append(parts, fmt.Sprintf("%s %s", c, data.FormatYuan(r.Fixed[c])))
	}
	return strings.Join(parts, "，")
}

func (v *duesRules) load() {
	sh := v.s.sh
	book, err := sh.store.DuesRuleBook(sh.ctx)
	if err != nil {
		sh.showError(err)
		return
	}
	v.book = book
	oneLine := func(t []data.DuesTier) string { return strings.ReplaceAll(data.FormatDuesTiers(t), "\n", "；") }
	def := data.DefaultDuesRules()
	rows := [][]string{{"（默认）", oneLine(def.InService), oneLine(def.Retired), fixedText(def), "随程序提供"}}
	for _, r := range book {
		rows = append(rows, []string{r.Effective.String(), oneLine(r.InService), oneLine(r.Retired), fixedText(r), r.Note})
	}
	v.versions.setRows(rows)
	v.picked = -1
	v.enableWithdraw()
	now := data.MonthOfDate(sh.store.Today())
	v.fill(book.At(now))
	v.from.SetText((now + 1).String())
	v.clean = v.state()
	base := int64(500000)
	in, rate := book.At(now).Monthly(data.DuesInService, base)
	v.calc.SetText(fmt.Sprintf("按本月标准：在职党员基数 5000 元，比例 %s，月缴 %s 元。百分比按基数乘比例后四舍五入。", data.FormatRate(rate), data.FormatYuan(in)))
	if !v.office {
		v.calc.SetText(v.calc.Text + "党费标准由党总支办公室制定，本机只能查看。")
	}
}

func (v *duesRules) fill(r data.DuesRules) {
	v.form.clear()
	if r.Effective != 0 {
		v.from.SetText(r.Effective.String())
	}
	v.inSvc.SetText(data.FormatDuesTiers(r.InService))
	v.retired.SetText(data.FormatDuesTiers(r.Retired))
	for _, c := range fixedCategories {
		v.fixed[c].SetText(data.FormatYuan(r.Fixed[c]))
	}
	if r.RoundFen == 10 {
		v.round.SetSelected("到角")
	} else {
		v.round.SetSelected("到分")
	}
	v.note.SetText(r.Note)
}

func (v *duesRules) state() string {
	objs := []fyne.CanvasObject{v.from, v.inSvc, v.retired, v.round, v.note}
	for _, c := range fixedCategories {
		objs = append(objs, v.fixed[c])
	}
	return inputState(objs...)
}

// Dirty reports a standard typed and not saved (the office only).
func (v *duesRules) Dirty() bool { return v.office && v.state() != v.clean }

// Save stores the form as the standards from its month on.
func (v *duesRules) Save() error {
	if !v.office {
		return nil
	}
	var is data.Issues
	r := data.DuesRules{Fixed: map[string]int64{}, RoundFen: 1, Note: strings.TrimSpace(v.note.Text)}
	var err error
	if r.Effective, err = data.ParseMonth(v.from.Text); err != nil {
		is.Err("effective", "%v", err)
	}
	if r.InService, err = data.ParseDuesTiers(v.inSvc.Text); err != nil {
		is.Err("in_service", "在职党员标准：%v", err)
	}
	if r.Retired, err = data.ParseDuesTiers(v.retired.Text); err != nil {
		is.Err("retired", "离退休党员标准：%v", err)
	}
	for _, c := range fixedCategories {
		fen, err := data.ParseYuan(v.fixed[c].Text)
		if err != nil {
			is.Err("fixed_fen", "%s：%v", c, err)
		}
		r.Fixed[c] = fen
	}
	if v.round.Selected == "到角" {
		r.RoundFen = 10
	}
	if err := is.AsError(); err != nil {
		v.form.show(err)
		return errNotSaved
	}
	sh := v.s.sh
	if _, err := sh.store.SaveDuesRules(sh.ctx, sh.store.Role(sh.ctx), r); err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) {
			v.form.show(err)
		} else {
			sh.showError(err)
		}
		return errNotSaved
	}
	sh.notify(fmt.Sprintf("已保存党费标准（%s 起执行）", r.Effective))
	v.load()
	return nil
}

// Discard reloads the standards in force.
func (v *duesRules) Discard() { v.load() }
