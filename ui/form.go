package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

// fieldForm lays out labelled inputs in two columns and shows validation
// messages right under the input they concern. It never clears what the
// user typed: a rejected save leaves every input as it was.
type fieldForm struct {
	rows    []fyne.CanvasObject
	fields  map[string]*formField
	general *widget.Label // messages that belong to no single field
	box     *fyne.Container
	// onChange runs after messages appear or vanish, so whoever holds the
	// form can lay out again (a label's Show does not reach its ancestors).
	onChange func()
}

type formField struct {
	label *widget.Label
	input fyne.CanvasObject
	msg   *widget.Label
}

func newFieldForm() *fieldForm {
	g := widget.NewLabel("")
	g.Wrapping = fyne.TextWrapWord
	g.Importance = widget.DangerImportance
	g.Hide()
	return &fieldForm{fields: map[string]*formField{}, general: g}
}

// add appends a row; key is the record's field name used in FieldIssue.
func (f *fieldForm) add(key, label string, input fyne.CanvasObject) {
	l := widget.NewLabel(label)
	l.Alignment = fyne.TextAlignTrailing
	m := widget.NewLabel("")
	m.Wrapping = fyne.TextWrapWord
	m.Hide()
	f.fields[key] = &formField{label: l, input: input, msg: m}
	f.rows = append(f.rows, l, container.NewVBox(input, m))
}

// object is the laid-out form; when some labels end in " *" a note says
// those must be filled.
func (f *fieldForm) object() fyne.CanvasObject {
	grid := container.New(layout.NewFormLayout(), f.rows...)
	f.box = container.NewVBox(f.general, grid)
	for _, ff := range f.fields {
		if ff.label != nil && strings.HasSuffix(ff.label.Text, " *") {
			note := widget.NewLabel("带 * 的项目必须填写")
			note.SizeName = theme.SizeNameCaptionText
			f.box.Add(note)
			break
		}
	}
	return f.box
}

// readOnlyView shows the form's labels with what its inputs hold, as
// plain text: for records this copy may see but not change (greyed-out
// inputs are hard to read).
func (f *fieldForm) readOnlyView() fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for i := 0; i+1 < len(f.rows); i += 2 {
		l, ok := f.rows[i].(*widget.Label)
		if !ok {
			continue
		}
		var input fyne.CanvasObject
		for _, ff := range f.fields {
			if ff.label == l {
				input = ff.input
			}
		}
		name := widget.NewLabel(strings.TrimSuffix(l.Text, " *"))
		name.Alignment = fyne.TextAlignTrailing
		v := widget.NewLabel(inputText(input))
		v.Wrapping = fyne.TextWrapWord
		rows = append(rows, name, v)
	}
	return container.New(layout.NewFormLayout(), rows...)
}

// inputText is what an input shows, as text.
func inputText(o fyne.CanvasObject) string {
	switch x := o.(type) {
	case *widget.Label:
		return x.Text
	case *widget.Entry:
		return x.Text
	case *dateEntry:
		return x.Text
	case *widget.SelectEntry:
		return x.Text
	case *widget.Select:
		return x.Selected
	}
	return ""
}

// relayout makes room for messages that appeared or went away: showing a
// label does not by itself re-lay its parents out.
func (f *fieldForm) relayout() {
	if f.box != nil {
		f.box.Refresh()
	}
	if f.onChange != nil {
		f.onChange()
	}
}

// clear hides every message.
func (f *fieldForm) clear() {
	for _, ff := range f.fields {
		ff.msg.SetText("")
		ff.msg.Hide()
	}
	f.general.SetText("")
	f.general.Hide()
	f.relayout()
}

// show puts err's messages next to their fields. Warnings show in amber,
// errors in red; anything without a known field goes to the top.
func (f *fieldForm) show(err error) {
	f.clear()
	if err == nil {
		return
	}
	var ve *data.ValidationError
	if !errors.As(err, &ve) {
		f.general.SetText(userMessage(err))
		f.general.Show()
		f.relayout()
		return
	}
	byField := map[string][]string{}
	level := map[string]widget.Importance{}
	var general []string
	put := func(issues []data.FieldIssue, imp widget.Importance) {
		for _, is := range issues {
			if _, ok := f.fields[is.Field]; !ok {
				general = append(general, is.Msg)
				continue
			}
			byField[is.Field] = append(byField[is.Field], is.Msg)
			if _, set := level[is.Field]; !set {
				level[is.Field] = imp
			}
		}
	}
	put(ve.Errors, widget.DangerImportance)
	put(ve.Warnings, widget.WarningImportance)
	for key, msgs := range byField {
		ff := f.fields[key]
		ff.msg.Importance = level[key]
		ff.msg.SetText(strings.Join(msgs, "；"))
		ff.msg.Show()
	}
	if len(general) > 0 {
		f.general.SetText(strings.Join(general, "；"))
		f.general.Show()
	}
	f.relayout()
}

// message returns the text shown under a field ("" when none).
func (f *fieldForm) message(key string) string {
	if ff, ok := f.fields[key]; ok && ff.msg.Visible() {
		return ff.msg.Text
	}
	return ""
}

// dateEntry is a text entry for dates that accepts the shapes people type
// (2010.7.1, 2010年7月1日, 20100701) and tidies them to 2010-07-01 when
// the value is read. Fyne's DateEntry follows the system locale's format
// and English month names, which is wrong for these users.
//
// A calendar button inside the entry opens a month view to pick from.
type dateEntry struct {
	widget.Entry
	calBt *widget.Button
	cal   *calendar
	popup *widget.PopUp
}

func newDateEntry() *dateEntry {
	e := &dateEntry{}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("例：2010-07-01")
	e.calBt = widget.NewButtonWithIcon("", theme.CalendarIcon(), e.openCalendar)
	e.calBt.Importance = widget.LowImportance
	e.ActionItem = e.calBt
	return e
}

// openCalendar shows the month of the typed date (or this month) under
// the entry; a day tapped fills the entry.
func (e *dateEntry) openCalendar() {
	if e.Disabled() {
		return
	}
	d, err := data.ParseDateLoose(e.Text)
	if err != nil {
		d = data.Date{}
	}
	e.cal = newCalendar(d, data.Today(), func(p data.Date) {
		if e.popup != nil {
			e.popup.Hide()
		}
		e.SetText(p.String())
	})
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	e.popup = widget.NewPopUp(e.cal.obj, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	e.popup.ShowAtPosition(pos.Add(fyne.NewPos(0, e.Size().Height)))
}

// Disable also turns the calendar button off.
func (e *dateEntry) Disable() {
	e.Entry.Disable()
	e.calBt.Disable()
}

// Enable turns the entry and its calendar button on.
func (e *dateEntry) Enable() {
	e.Entry.Enable()
	e.calBt.Enable()
}

// FocusLost tidies a recognisable date; an unrecognisable one is left as
// typed so the message on save can point at it.
func (e *dateEntry) FocusLost() {
	if d, err := data.ParseDateLoose(e.Text); err == nil && !d.IsZero() && d.String() != e.Text {
		e.SetText(d.String())
	}
	e.Entry.FocusLost()
}

// date parses the entry; field names the record field for the message.
func (e *dateEntry) date(field, label string, is *data.Issues) data.Date {
	d, err := data.ParseDateLoose(e.Text)
	if err != nil {
		is.Err(field, "%s：%s", label, err.Error())
	}
	return d
}

func (e *dateEntry) setDate(d data.Date) { e.SetText(d.String()) }

// showAcross spreads one validation result over several forms (the tabs of
// the member dossier): each shows the messages for its own fields; the
// shared label says how many problems there are and on which tabs, so an
// error on a tab out of sight is never missed, and lists what belongs to
// no field. tabs, when given, are the forms' tab items: a tab holding an
// error gets a mark. It returns the index of the first form holding an
// error, so the caller can bring that tab forward, or -1.
func showAcross(forms []*fieldForm, general *widget.Label, err error, tabs ...*container.TabItem) int {
	first := -1
	general.SetText("")
	general.Hide()
	markTabs := func(counts []int) {
		for i, t := range tabs {
			if i >= len(forms) {
				break
			}
			want := fyne.Resource(nil)
			if counts != nil && counts[i] > 0 {
				want = theme.ErrorIcon()
			}
			t.Icon = want
		}
	}
	var ve *data.ValidationError
	if err != nil && !errors.As(err, &ve) {
		for _, f := range forms {
			f.clear()
		}
		markTabs(nil)
		general.SetText(userMessage(err))
		general.Importance = widget.DangerImportance
		general.Show()
		return -1
	}
	if ve == nil {
		ve = &data.ValidationError{}
	}
	owned := map[string]bool{}
	counts := make([]int, len(forms))
	for i, f := range forms {
		own := &data.ValidationError{}
		for _, is := range ve.Errors {
			if _, ok := f.fields[is.Field]; ok {
				own.Errors = append(own.Errors, is)
				owned[is.Field] = true
			}
		}
		for _, is := range ve.Warnings {
			if _, ok := f.fields[is.Field]; ok {
				own.Warnings = append(own.Warnings, is)
				owned[is.Field] = true
			}
		}
		if len(own.Errors)+len(own.Warnings) == 0 {
			f.clear()
		} else {
			f.show(own)
		}
		counts[i] = len(own.Errors)
		if first < 0 && len(own.Errors) > 0 {
			first = i
		}
	}
	markTabs(counts)
	var lines []string
	if n := len(ve.Errors); n > 0 {
		line := fmt.Sprintf("有 %d 处需要修改，未保存", n)
		if len(tabs) > 0 {
			var where []string
			for i, c := range counts {
				if c > 0 && i < len(tabs) {
					where = append(where, fmt.Sprintf("“%s” %d 处", tabs[i].Text, c))
				}
			}
			if len(where) > 0 {
				line += "：" + strings.Join(where, "，") + "（已在标签上标出）"
			}
		}
		lines = append(lines, line+"。")
	}
	var rest []string
	for _, is := range append(append([]data.FieldIssue{}, ve.Errors...), ve.Warnings...) {
		if !owned[is.Field] {
			rest = append(rest, is.Msg)
		}
	}
	if len(rest) > 0 {
		lines = append(lines, strings.Join(rest, "；"))
	}
	if len(lines) > 0 {
		general.SetText(strings.Join(lines, "\n"))
		general.Importance = widget.DangerImportance
		if len(ve.Errors) == 0 {
			general.Importance = widget.WarningImportance
		}
		general.Show()
	}
	return first
}

// withRules adds to the typing errors of a form (values that could not be
// read, such as a date) the errors the record's rules find in the other
// fields, so one save reports every problem, not one at a time. Fields
// already flagged keep their typing message.
func withRules(typing error, rules data.Issues) error {
	var ve *data.ValidationError
	if !errors.As(typing, &ve) {
		return typing
	}
	flagged := map[string]bool{}
	for _, is := range ve.Errors {
		flagged[is.Field] = true
	}
	all := &data.ValidationError{Errors: append([]data.FieldIssue{}, ve.Errors...), Warnings: ve.Warnings}
	for _, is := range rules.Errors {
		if !flagged[is.Field] {
			all.Errors = append(all.Errors, is)
		}
	}
	return all
}

// newSelect is widget.NewSelect with a Chinese placeholder: Fyne's own
// "(Select one)" is not translatable.
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = "（请选择）"
	return s
}
