package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dangjian/data/demo"
)

// widestText, which measures only the texts whose per-character bound
// could beat the widest so far, gives the width measuring every text does.
func TestWidestTextMatchesMeasuringEveryText(t *testing.T) {
	test.NewTempApp(t)
	cases := []struct {
		name  string
		texts []string
	}{
		{"empty", nil},
		{"blanks", []string{"", ""}},
		{"names", []string{"王芳", "欧阳秀英", "李", "司马相如", ""}},
		{"digits", []string{"13800000000", "18546804078", "11111111111"}},
		{"id numbers", []string{"37010319900507333X", "370104197312106514", "111111111111111111"}},
		{"latin", []string{"iiiiiiiiii", "WWWW", "AVAVAV", "Mm"}},
		{"mixed", []string{"第1支部", "第一车队党支部", "⚠ 已连续 3 个月未缴", "2024-01-01"}},
	}
	for _, size := range []float32{14, 16.1, 18.2} {
		for _, c := range cases {
			var want float32
			for _, s := range c.texts {
				want = max(want, fyne.MeasureText(s, size, fyne.TextStyle{}).Width)
			}
			if got := widestText(c.texts, size, fyne.TextStyle{}); got < want-0.5 || got > want+0.5 {
				t.Errorf("%s at %.1f: %.2f, measuring each gives %.2f", c.name, size, got, want)
			}
		}
	}
}

// A search keystroke does not measure the columns again (widths measured
// over the whole list fit any part of it), and every visible cell shows
// its row's text afterwards (cells whose text stays are skipped).
func TestMemberSearchKeepsWidthsAndShowsTheRowsFound(t *testing.T) {
	sh, _ := newTestShell(t)
	if _, err := demo.Load(context.Background(), sh.store, demo.Options{Members: 300, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	sh.win.Resize(fyne.NewSize(1366, 705))
	sh.Show("党员档案")
	ms := sh.current.(*membersScreen)
	tb := ms.table
	cells := map[widget.TableCellID]*widget.Label{}
	update := tb.UpdateCell
	tb.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		cells[id] = o.(*widget.Label)
		update(id, o)
	}
	tb.Refresh()
	var before []float32
	for c := range tb.headers {
		before = append(before, tb.columnWidth(c))
	}
	check := func(when string) {
		t.Helper()
		if len(cells) == 0 {
			t.Fatalf("%s: no cells drawn", when)
		}
		for id, l := range cells {
			if want := tb.cell(id.Row, id.Col); l.Text != want && id.Row < len(ms.rows) {
				t.Errorf("%s: cell %d,%d shows %q, its row has %q", when, id.Row, id.Col, l.Text, want)
			}
		}
	}
	check("before")
	name := ms.all[ms.rows[3]].Name
	for _, q := range []string{name, "", "cui", "c", ""} {
		clear(cells)
		ms.search.SetText(q)
		check("search " + q)
		for c := range tb.headers {
			if got := tb.columnWidth(c); got != before[c] {
				t.Errorf("search %q: column %s %.0f wide, %.0f before", q, tb.headers[c], got, before[c])
			}
		}
	}
	ms.search.SetText(name)
	if len(ms.rows) == 0 || len(ms.rows) == len(ms.all) || tb.cell(0, 0) != name {
		t.Errorf("searching %q: %d of %d rows, first %q", name, len(ms.rows), len(ms.all), tb.cell(0, 0))
	}
}

// A cell whose text is wider than its column ends in an ellipsis; one
// that fits is not truncated (and so not shaped afresh on each refresh);
// narrowing a column by dragging truncates what no longer fits.
func TestCellsTruncateOnlyWhatDoesNotFit(t *testing.T) {
	test.NewTempApp(t)
	tb := newTextTable([]string{"标题", "日期"}, nil)
	long := "关于召开二〇二六年度专题组织生活会和开展民主评议党员工作的通知"
	tb.setRows([][]string{{long, "2026-01-01"}, {"短标题", "2026-02-02"}})
	tb.setMaxEm(0, 6)
	tb.fit()
	w := test.NewTempWindow(t, tb)
	w.Resize(fyne.NewSize(800, 300))
	cells := map[widget.TableCellID]*widget.Label{}
	update := tb.UpdateCell
	tb.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		cells[id] = o.(*widget.Label)
		update(id, o)
	}
	tb.Refresh()
	want := map[widget.TableCellID]fyne.TextTruncation{
		{Row: 0, Col: 0}: fyne.TextTruncateEllipsis, {Row: 0, Col: 1}: fyne.TextTruncateOff,
		{Row: 1, Col: 0}: fyne.TextTruncateOff, {Row: 1, Col: 1}: fyne.TextTruncateOff,
	}
	for id, tr := range want {
		if l := cells[id]; l == nil || l.Truncation != tr {
			t.Errorf("cell %v: %+v, want truncation %v", id, l, tr)
		}
	}
	tb.setUserWidth(1, 30)
	tb.Refresh()
	if l := cells[widget.TableCellID{Row: 1, Col: 1}]; l == nil || l.Truncation != fyne.TextTruncateEllipsis {
		t.Errorf("a date in a 30 px column: %+v", l)
	}
}
