package ui

import (
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

// calendar is the month view a date entry's calendar button opens: year
// and month to choose (a birth date is decades back), the days in weeks
// from Monday, and 今天. Fyne's Calendar names months in English, so this
// one is ours. Typing a date keeps working; the calendar only fills the
// entry.
type calendar struct {
	year, month *widget.Select
	days        *fyne.Container
	shown       data.Date // the first of the month on show
	picked      data.Date // the entry's date, marked
	today       data.Date
	pick        func(data.Date)
	obj         fyne.CanvasObject
}

// calendarYears is the range offered: the oldest members' birth years to
// a few years ahead (task deadlines, terms).
func calendarYears(today data.Date) []string {
	var out []string
	for y := today.Y + 5; y >= 1920; y-- {
		out = append(out, strconv.Itoa(y)+"年")
	}
	return out
}

func newCalendar(picked, today data.Date, pick func(data.Date)) *calendar {
	c := &calendar{picked: picked, today: today, pick: pick}
	at := picked
	if !at.Valid() || at.IsZero() {
		at = today
	}
	c.shown = data.NewDate(at.Y, at.M, 1)
	var months []string
	for m := 1; m <= 12; m++ {
		months = append(months, strconv.Itoa(m)+"月")
	}
	c.year = widget.NewSelect(calendarYears(today), nil)
	c.month = widget.NewSelect(months, nil)
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.show(c.shown.AddMonths(-1)) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.show(c.shown.AddMonths(1)) })
	c.days = container.NewGridWithColumns(7)
	todayBt := widget.NewButton("今天", func() { c.pick(today) })
	head := container.NewHBox(prev, layout.NewSpacer(), c.year, c.month, layout.NewSpacer(), next)
	c.obj = container.NewVBox(head, c.days, container.NewHBox(layout.NewSpacer(), todayBt))
	c.show(c.shown)
	return c
}

// show puts the month of d on view.
func (c *calendar) show(d data.Date) {
	c.shown = data.NewDate(d.Y, d.M, 1)
	c.year.OnChanged, c.month.OnChanged = nil, nil
	c.year.SetSelected(strconv.Itoa(c.shown.Y) + "年")
	c.month.SetSelectedIndex(int(c.shown.M) - 1)
	c.year.OnChanged = func(string) { c.fromSelects() }
	c.month.OnChanged = func(string) { c.fromSelects() }

	c.days.Objects = nil
	for _, w := range []string{"一", "二", "三", "四", "五", "六", "日"} {
		c.days.Add(widget.NewLabelWithStyle(w, fyne.TextAlignCenter, fyne.TextStyle{Bold: true}))
	}
	first := time.Date(c.shown.Y, c.shown.M, 1, 0, 0, 0, 0, time.UTC)
	lead := (int(first.Weekday()) + 6) % 7 // Monday first
	for i := 0; i < lead; i++ {
		c.days.Add(layout.NewSpacer())
	}
	n := first.AddDate(0, 1, -1).Day()
	for day := 1; day <= n; day++ {
		d := data.NewDate(c.shown.Y, c.shown.M, day)
		b := widget.NewButton(strconv.Itoa(day), func() { c.pick(d) })
		b.Importance = widget.LowImportance
		switch d {
		case c.picked:
			b.Importance = widget.HighImportance
		case c.today:
			b.Importance = widget.MediumImportance
		}
		c.days.Add(b)
	}
	c.days.Refresh()
}

func (c *calendar) fromSelects() {
	var y int
	fmt.Sscanf(c.year.Selected, "%d", &y)
	m := c.month.SelectedIndex() + 1
	if y > 0 && m > 0 {
		c.show(data.NewDate(y, time.Month(m), 1))
	}
}

// dayButton finds the button of a day on show (for tests).
func (c *calendar) dayButton(day int) *widget.Button {
	for _, o := range c.days.Objects {
		if b, ok := o.(*widget.Button); ok && b.Text == strconv.Itoa(day) {
			return b
		}
	}
	return nil
}
