package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// textTable is a read-only, virtualised table of text with a header row;
// only the visible cells exist, so long lists stay smooth.
type textTable struct {
	*widget.Table
	headers []string
	rows    [][]string
	// OnSelect gets the data row index (header excluded); -1 on unselect.
	OnSelect func(row int)
	selected int
}

func newTextTable(headers []string, widths []float32) *textTable {
	t := &textTable{headers: headers, selected: -1}
	t.Table = widget.NewTableWithHeaders(
		func() (int, int) { return len(t.rows), len(t.headers) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row < len(t.rows) && id.Col < len(t.rows[id.Row]) {
				l.SetText(t.rows[id.Row][id.Col])
			} else {
				l.SetText("")
			}
		},
	)
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 && id.Col < len(t.headers) {
			o.(*widget.Label).SetText(t.headers[id.Col])
		}
	}
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
	t.Table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(t.rows) {
			t.selected = id.Row
			if t.OnSelect != nil {
				t.OnSelect(id.Row)
			}
		}
	}
	t.Table.OnUnselected = func(widget.TableCellID) {
		t.selected = -1
		if t.OnSelect != nil {
			t.OnSelect(-1)
		}
	}
	return t
}

// setRows replaces the content and clears the selection.
func (t *textTable) setRows(rows [][]string) {
	t.rows = rows
	t.selected = -1
	t.UnselectAll()
	t.Refresh()
}

// cell returns the text at (row, col), for tests and copy.
func (t *textTable) cell(row, col int) string {
	if row < len(t.rows) && col < len(t.rows[row]) {
		return t.rows[row][col]
	}
	return ""
}
