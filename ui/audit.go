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

const auditPageSize = 2000

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

	a.table = newTextTable([]string{"序号", "时间", "操作员", "操作", "对象", "记录", "内容摘要"}, nil)
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

// sized gives an input a fixed width inside an HBox.
func sized(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}

func (a *auditScreen) title() string             { return "操作日志" }
func (a *auditScreen) icon() fyne.Resource       { return theme.HistoryIcon() }
func (a *auditScreen) object() fyne.CanvasObject { return a.obj }
func (a *auditScreen) focusSearch()              { a.sh.win.Canvas().Focus(a.from) }

func (a *auditScreen) shown() {
	names, err := a.sh.store.AuditNames(a.sh.ctx)
	if err != nil {
		a.sh.showError(err)
	}
	a.names = names
	ops, err := a.sh.store.AuditOperators(a.sh.ctx)
	if err == nil {
		a.op.Options = append([]string{allLabel}, ops...)
		a.op.Refresh()
	}
	a.load()
}

func (a *auditScreen) filter() (data.AuditFilter, error) {
	var is data.Issues
	f := data.AuditFilter{Limit: auditPageSize}
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

func (a *auditScreen) load() {
	f, err := a.filter()
	if err != nil {
		a.form.show(err)
		return
	}
	a.form.clear()
	a.entries, err = a.sh.store.AuditEntries(a.sh.ctx, f)
	if err != nil {
		a.sh.showError(err)
		return
	}
	rows := make([][]string, len(a.entries))
	for i, e := range a.entries {
		rows[i] = []string{fmt.Sprint(e.ID), e.At.Local().Format("2006-01-02 15:04:05"), e.Operator,
			data.ActionLabel(e.Action), data.EntityLabel(e.Entity), a.names.RecordName(e), a.names.Summary(e)}
	}
	a.table.setRows(rows)
	msg := fmt.Sprintf("共 %d 条", len(rows))
	if len(rows) == auditPageSize {
		msg = fmt.Sprintf("显示最新的 %d 条；请缩小日期范围查看更早的记录", auditPageSize)
	}
	a.count.SetText(msg)
	a.detail.SetText("选中一条记录，可在此查看修改前后的内容。")
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
