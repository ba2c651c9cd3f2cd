package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

// The 操作日志 shows the newest auditMaxRows rows that match, read in
// pages in the background: the first page small, so that it shows at
// once, the rest larger.
const (
	auditMaxRows   = 2000
	auditFirstPage = 50
	auditPageSize  = 500
)

// auditScreen is 操作日志: every change, filterable by date, operator and
// entity, with the before/after of the selected row and a chain check.
type auditScreen struct {
	sh      *Shell
	from    *dateEntry
	to      *dateEntry
	op      *widget.Select
	entity  *widget.Select
	table   *textTable
	entries []data.AuditEntry
	detail  *widget.Label
	count   *widget.Label
	form    *fieldForm
	names   *data.AuditNames // references shown by name
	obj     fyne.CanvasObject
	gen     int // the query the pages belong to; a newer query drops older pages
}

const allLabel = "全部"

func newAuditScreen(sh *Shell) *auditScreen {
	a := &auditScreen{sh: sh, form: newFieldForm()}
	a.from = newDateEntry()
	a.to = newDateEntry()
	a.op = newSelect([]string{allLabel}, nil)
	a.op.SetSelected(allLabel)
	ents := []string{allLabel}
	for _, e := range data.Entities() {
		ents = append(ents, data.EntityLabel(e))
	}
	a.entity = newSelect(ents, nil)
	a.entity.SetSelected(allLabel)
	query := widget.NewButtonWithIcon("查询", theme.SearchIcon(), a.load)
	query.Importance = widget.HighImportance
	verify := widget.NewButtonWithIcon("校验日志完整性", theme.ConfirmIcon(), a.verify)

	a.table = newTextTable([]string{"序号", "时间", "操作员", "操作", "对象", "记录", "内容摘要"}, auditWidths())
	// A record's name and the summary can be long; the pane below shows
	// them whole.
	a.table.setMaxEm(5, 20)
	a.table.setFreeText(6)
	a.table.OnSelect = a.showDetail
	a.detail = widget.NewLabel("选中一条记录，可在此查看修改前后的内容。")
	a.detail.Wrapping = fyne.TextWrapWord
	a.count = widget.NewLabel("")

	// Wide enough for the hint and the calendar button at any 字号.
	dateW := fyne.MeasureText("例：2010-07-01", theme.TextSize(), fyne.TextStyle{}).Width +
		theme.IconInlineSize() + 6*theme.InnerPadding()
	filters := container.NewHBox(
		widget.NewLabel("起始日期"), sized(a.from, dateW),
		widget.NewLabel("截止日期"), sized(a.to, dateW),
		widget.NewLabel("操作员"), sized(a.op, 150),
		widget.NewLabel("对象"), sized(a.entity, 160),
		query, layout.NewSpacer(), verify,
	)
	top := container.NewVBox(a.form.object(), filters)
	split := container.NewVSplit(a.table, container.NewVScroll(a.detail))
	split.Offset = 0.7
	a.obj = container.NewBorder(top, a.count, nil, nil, split)
	return a
}

// auditWidths are the list's least column widths (at the standard text
// size), wide enough for what the columns usually hold, so that the
// columns keep their widths as the pages arrive: each width that changes
// makes the table lay out and shape every visible cell again, which was
// most of the time the first page took to show.
func auditWidths() []float32 {
	std := theme.DefaultTheme().Size(theme.SizeNameText)
	w := func(s string) float32 { return fyne.MeasureText(s, std, fyne.TextStyle{}).Width + cellPadding() }
	entity := ""
	for _, e := range data.Entities() {
		if l := data.EntityLabel(e); len([]rune(l)) > len([]rune(entity)) {
			entity = l
		}
	}
	return []float32{w("0000000"), w("2006-01-02 15:04:05"), w("root（系统账户）"), w("修改"), w(entity), 14*std + cellPadding()}
}

// sized gives an input a fixed width inside an HBox.
func sized(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}

func (a *auditScreen) title() string             { return "操作日志" }
func (a *auditScreen) icon() fyne.Resource       { return theme.HistoryIcon() }
func (a *auditScreen) object() fyne.CanvasObject { return a.obj }
func (a *auditScreen) focusSearch()              { a.sh.win.Canvas().Focus(a.from) }

// shown starts reading the log; the screen appears at once and fills as
// pages arrive.
func (a *auditScreen) shown() {
	names, err := a.sh.store.AuditNames(a.sh.ctx)
	if err != nil {
		a.sh.showError(err)
	}
	a.names = names
	a.load()
	a.sh.background(func() {
		ops, err := a.sh.store.AuditOperators(a.sh.ctx)
		if err != nil {
			return
		}
		fyne.Do(func() {
			a.op.Options = append([]string{allLabel}, ops...)
			a.op.Refresh()
		})
	})
}

func (a *auditScreen) filter() (data.AuditFilter, error) {
	var is data.Issues
	f := data.AuditFilter{}
	f.From = a.from.date("from", "起始日期", &is)
	f.To = a.to.date("to", "截止日期", &is)
	if err := is.AsError(); err != nil {
		return f, err
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return f, errors.New("截止日期不能早于起始日期")
	}
	if a.op.Selected != allLabel {
		f.Operator = a.op.Selected
	}
	if e, ok := data.EntityByLabel(a.entity.Selected); ok {
		f.Entity = e
	}
	return f, nil
}

// load runs the query: the list empties and the pages follow, each read
// and formatted in the background and added on the UI thread.
func (a *auditScreen) load() {
	f, err := a.filter()
	if err != nil {
		a.form.show(err)
		return
	}
	a.form.clear()
	a.gen++
	a.entries = nil
	a.table.setRows(nil)
	a.count.SetText("正在读取……")
	a.detail.SetText("选中一条记录，可在此查看修改前后的内容。")
	f.Limit = auditFirstPage
	a.page(a.gen, f)
}

// page reads the rows of f in the background and shows them, then asks
// for the next page until auditMaxRows are listed or the log ends.
func (a *auditScreen) page(gen int, f data.AuditFilter) {
	names, store, ctx := a.names, a.sh.store, a.sh.ctx
	a.sh.background(func() {
		entries, err := store.AuditEntries(ctx, f)
		var rows [][]string
		if err == nil {
			rows = make([][]string, len(entries))
			for i, e := range entries {
				rows[i] = []string{fmt.Sprint(e.ID), e.At.Local().Format("2006-01-02 15:04:05"), e.Operator,
					data.ActionLabel(e.Action), data.EntityLabel(e.Entity), names.RecordName(e), names.Summary(e)}
			}
		}
		fyne.Do(func() {
			if gen != a.gen {
				return // a newer query runs
			}
			if err != nil {
				a.count.SetText("")
				a.sh.showError(err)
				return
			}
			a.add(entries, rows)
			more := len(entries) == f.Limit && len(a.entries) < auditMaxRows
			switch {
			case more:
				a.count.SetText(fmt.Sprintf("已显示 %d 条，正在读取更早的记录……", len(a.entries)))
				f.Below = entries[len(entries)-1].ID
				f.Limit = min(auditPageSize, auditMaxRows-len(a.entries))
				a.page(gen, f)
			case len(a.entries) >= auditMaxRows:
				a.count.SetText(fmt.Sprintf("显示最新的 %d 条；请缩小日期范围查看更早的记录", auditMaxRows))
			default:
				a.count.SetText(fmt.Sprintf("共 %d 条", len(a.entries)))
			}
		})
	})
}

// add appends a page to the list. The columns are sized by the first
// page (the newest rows); later pages keep the widths and the selection.
func (a *auditScreen) add(entries []data.AuditEntry, rows [][]string) {
	first := len(a.entries) == 0
	a.entries = append(a.entries, entries...)
	if first {
		a.table.setRows(rows)
		return
	}
	a.table.rows = append(a.table.rows, rows...)
	a.table.Table.Refresh()
}

func (a *auditScreen) showDetail(row int) {
	if row < 0 || row >= len(a.entries) {
		return
	}
	a.detail.SetText(a.names.Detail(a.entries[row]))
}

func orNone(s string) string {
	if s == "" {
		return "（空）"
	}
	return s
}

func (a *auditScreen) verify() {
	n, err := a.sh.store.VerifyAudit(a.sh.ctx)
	if err != nil {
		a.sh.showError(err)
		return
	}
	msg := fmt.Sprintf("共 %d 条操作记录，校验链完整，各数据表与日志一致，未发现改动。", n)
	if head, err := a.sh.store.AuditHead(a.sh.ctx); err == nil {
		msg += "\n当前校验码：" + head.Code()
	}
	dialog.ShowInformation("日志完好", msg, a.sh.win)
}
