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
	cells map[string]map[string]*data.ComplianceSummary
	data  []data.ComplianceCell
	asOf  data.Date
	obj   fyne.CanvasObject
}

func newComplianceView(sh *Shell) *complianceView {
	v := &complianceView{sh: sh}
	y := sh.store.Today().Y
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
	note := widget.NewLabel("每格：截至今天已结束各期的应开、已开次数（同一期多开的不抵其他期）；“缺”列出未按要求召开的月份或季度；本期尚未结束的记为“进行中”，不算缺。与打印的落实情况表一致。")
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
	l.SetText(complianceCellText(c))
	switch {
	case c == nil:
		l.Importance = widget.LowImportance
	case c.Short():
		l.Importance = widget.DangerImportance
	case c.InProgress() || c.Required == 0:
		l.Importance = widget.MediumImportance
	default:
		l.Importance = widget.SuccessImportance
	}
}

// complianceCellText is a branch × kind cell's text: data's, the same the
// printed matrix writes; "—" where the kind is not required of the branch.
func complianceCellText(c *data.ComplianceSummary) string {
	if c == nil {
		return "—"
	}
	return c.Text()
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
	today := v.sh.store.Today()
	cells, err := v.sh.store.Compliance(v.sh.ctx, year, only, today)
	if err != nil {
		v.sh.showError(err)
		return
	}
	v.data, v.asOf = cells, today
	v.cells = map[string]map[string]*data.ComplianceSummary{}
	v.rows = nil
	for _, sum := range data.SummarizeCompliance(cells, today) {
		if v.cells[sum.Branch] == nil {
			v.cells[sum.Branch] = map[string]*data.ComplianceSummary{}
			v.rows = append(v.rows, sum.Branch)
		}
		v.cells[sum.Branch][sum.Kind] = &sum
	}
	var due []string
	for _, c := range cells {
		if c.Due(today) {
			due = append(due, fmt.Sprintf("%s：%s（%s，还差 %d 次）", c.Branch, c.Kind, c.Period.Label(), c.Required-c.Held))
		}
	}
	// Columns as wide as their longest line, rows as tall as their most
	// lines, at the current font size: no cell text is cut or wrapped.
	measure := widget.NewLabel("")
	size := func(text string) fyne.Size {
		measure.SetText(text)
		return measure.MinSize()
	}
	for i, k := range v.kinds {
		w := max(size(k.Kind).Width, size(k.PeriodLabel()).Width)
		for _, b := range v.rows {
			for _, line := range strings.Split(complianceCellText(v.cells[b][k.Kind]), "\n") {
				w = max(w, size(line).Width)
			}
		}
		v.table.SetColumnWidth(i+1, w+4)
	}
	v.table.Refresh()
	for i, b := range v.rows {
		h := size(b).Height
		for _, k := range v.kinds {
			h = max(h, size(complianceCellText(v.cells[b][k.Kind])).Height)
		}
		v.table.SetRowHeight(i, h)
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
