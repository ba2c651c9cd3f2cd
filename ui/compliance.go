package ui

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/jobs"
)

// complianceView is 落实情况: branch × kind, held against required for a
// year, the missing periods named, and what is still due this month.
type complianceView struct {
	sh    *Shell
	year  *widget.Select
	table *widget.Table
	due   *widget.Label
	kinds []data.MeetingRule
	rows  []string // branch names
	cells map[string]map[string]*cellSum
	data  []data.ComplianceCell
	obj   fyne.CanvasObject
}

// cellSum is one branch × kind over the year.
type cellSum struct {
	required, held int
	missing        []string
	open           bool
}

func newComplianceView(sh *Shell) *complianceView {
	v := &complianceView{sh: sh}
	y := data.Today().Y
	var years []string
	for i := y; i >= y-10; i-- {
		years = append(years, strconv.Itoa(i))
	}
	v.year = newSelect(years, func(string) { v.load() })
	v.year.Selected = years[0]
	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.rows), len(v.kinds) + 1 },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Wrapping = fyne.TextWrapWord
			return l
		},
		v.updateCell)
	v.table.ShowHeaderColumn = false
	v.table.CreateHeader = func() fyne.CanvasObject {
		// Two unwrapped lines (kind, frequency): the header row takes the
		// height of its template, so it must hold both lines from the start.
		l := widget.NewLabel("支部委员会会议\n每月 1 次")
		l.TextStyle.Bold = true
		return l
	}
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		switch {
		case id.Col == 0:
			l.SetText("党支部")
		case id.Col-1 < len(v.kinds):
			r := v.kinds[id.Col-1]
			l.SetText(r.Kind + "\n" + r.PeriodLabel())
		}
	}
	v.table.SetColumnWidth(0, 140)
	v.due = widget.NewLabel("")
	v.due.Wrapping = fyne.TextWrapWord
	printBt := widget.NewButtonWithIcon("打印落实情况表", theme.DocumentPrintIcon(), v.print)
	note := widget.NewLabel("每格：已开次数 / 应开次数；“缺”列出未开的月份或季度；本期尚未结束的不算缺。")
	note.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(container.NewHBox(widget.NewLabel("年度"), sized(v.year, 110), layout.NewSpacer(), printBt), note)
	split := container.NewVSplit(v.table, container.NewVScroll(v.due))
	split.Offset = 0.8
	v.obj = container.NewBorder(top, nil, nil, nil, split)
	return v
}

func (v *complianceView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(v.rows) {
		return
	}
	branch := v.rows[id.Row]
	if id.Col == 0 {
		l.SetText(branch)
		l.Importance = widget.MediumImportance
		return
	}
	c := v.cells[branch][v.kinds[id.Col-1].Kind]
	if c == nil {
		l.SetText("—")
		l.Importance = widget.LowImportance
		return
	}
	text := fmt.Sprintf("%d / %d", c.held, c.required)
	l.Importance = widget.SuccessImportance
	if len(c.missing) > 0 {
		text += "\n缺：" + strings.Join(c.missing, "、")
		l.Importance = widget.DangerImportance
	} else if c.open && c.held < c.required {
		text += "\n进行中"
		l.Importance = widget.MediumImportance
	}
	l.SetText(text)
}

func (v *complianceView) load() {
	year, _ := strconv.Atoi(v.year.Selected)
	rules, err := v.sh.store.MeetingRules(v.sh.ctx)
	if err != nil {
		v.sh.showError(err)
		return
	}
	v.kinds = v.kinds[:0]
	for _, r := range rules {
		if r.Period != "none" {
			v.kinds = append(v.kinds, r)
		}
	}
	role := v.sh.store.Role(v.sh.ctx)
	var only []int64
	if !role.Office {
		only = []int64{role.BranchID}
	}
	today := data.Today()
	cells, err := v.sh.store.Compliance(v.sh.ctx, year, only, today)
	if err != nil {
		v.sh.showError(err)
		return
	}
	v.data = cells
	v.cells = map[string]map[string]*cellSum{}
	v.rows = nil
	var due []string
	for _, c := range cells {
		if v.cells[c.Branch] == nil {
			v.cells[c.Branch] = map[string]*cellSum{}
			v.rows = append(v.rows, c.Branch)
		}
		sum := v.cells[c.Branch][c.Kind]
		if sum == nil {
			sum = &cellSum{}
			v.cells[c.Branch][c.Kind] = sum
		}
		sum.required += c.Required
		sum.held += c.Held
		if c.Gap() {
			sum.missing = append(sum.missing, c.Period.Label())
		}
		if c.Open {
			sum.open = true
			if c.Held < c.Required && c.Period.Contains(today) {
				due = append(due, fmt.Sprintf("%s：%s（%s，还差 %d 次）", c.Branch, c.Kind, c.Period.Label(), c.Required-c.Held))
			}
		}
	}
	for i := range v.kinds {
		v.table.SetColumnWidth(i+1, 120)
	}
	v.table.Refresh()
	for i := range v.rows {
		v.table.SetRowHeight(i, 64)
	}
	sort.Strings(due)
	if len(due) == 0 {
		v.due.SetText("本期应开的会议均已召开。")
	} else {
		v.due.SetText("本月（本季、本年）尚待召开：\n" + strings.Join(due, "\n"))
	}
}

func (v *complianceView) print() {
	year, _ := strconv.Atoi(v.year.Selected)
	sh := v.sh
	o := jobs.Options{Year: year}
	if role := sh.store.Role(sh.ctx); !role.Office {
		o.BranchID = role.BranchID
	}
	sh.printJob(fmt.Sprintf("%d年度组织生活落实情况", year), func(out string, p jobs.Progress) (jobs.Done, error) {
		o.Out = out
		return jobs.PrintCompliance(sh.ctx, sh.store, o, p)
	})
}
