package ui

import (
	"cmp"
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// textTable is a read-only, virtualised table of text with a header row;
// only the visible cells exist, so long lists stay smooth.
//
// Its columns are sized from their content at the theme's current text
// size (so 字号 较大 widens them), measured whenever the rows or the text
// size change; a free-text column may be capped (setCap) and one column may
// take the spare width (setFlex). Dragging a header sideways widens or
// narrows its column, and that width is kept until the list is rebuilt.
type textTable struct {
	widget.Table
	headers []string
	rows    [][]string
	// count and text, when set (setSource), give the cells instead of rows,
	// for lists whose cells are computed as they are shown.
	count func() int
	text  func(row, col int) string
	// headerText, when set, titles the header (e.g. with a sort arrow);
	// onHeaderTap makes the header a button.
	headerText  func(col int) string
	onHeaderTap func(col int)
	// headerExtra is measured after each header title: room for the sort
	// arrow of a sortable list.
	headerExtra string

	// OnSelect gets the data row index (header excluded); -1 on unselect.
	OnSelect func(row int)
	selected int

	empty     *widget.Label
	emptyText string

	minW     []float32 // minimum widths at the standard text size
	free     map[int]bool
	maxEm    map[int]float32
	flex     int
	natural  []float32
	measured float32 // text size natural was measured at
	user     map[int]float32
	avail    float32
	applied  []float32
}

func newTextTable(headers []string, widths []float32) *textTable {
	t := &textTable{headers: headers, selected: -1, minW: widths, flex: -1, free: map[int]bool{}, maxEm: map[int]float32{}, user: map[int]float32{}}
	t.Length = func() (int, int) { return t.rowCount(), len(t.headers) }
	t.CreateCell = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		// A label lays its text out again on every SetText: skip the cells
		// whose text a refresh leaves as it was (most of a list's cells
		// when a search narrows it). And a label that may truncate shapes
		// its whole text afresh each time to find where the ellipsis goes;
		// a text that fits its column (most: columns are sized from their
		// content) needs no truncation, which the cached measurement says.
		l, text := o.(*widget.Label), t.cellText(id.Row, id.Col)
		trunc := fyne.TextTruncateEllipsis
		if t.fits(text, id.Col) {
			trunc = fyne.TextTruncateOff
		}
		if l.Text != text || l.Truncation != trunc {
			l.Truncation = trunc
			l.SetText(text)
		}
	}
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject { return newHeaderCell(t) }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 && id.Col < len(t.headers) {
			h := o.(*headerCell)
			h.col = id.Col
			if title := t.headerTitle(id.Col); h.label.Text != title {
				h.label.SetText(title)
			}
		}
	}
	t.ExtendBaseWidget(t)
	t.Table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < t.rowCount() {
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
	t.fit()
	return t
}

// setSource makes the table read its cells from count and text; call
// refit when what they return changes.
func (t *textTable) setSource(count func() int, text func(row, col int) string) {
	t.count, t.text = count, text
}

// setFlex gives column col the width the other columns leave free.
func (t *textTable) setFlex(col int) { t.flex = col }

// setFreeText makes column col a free-text column (a summary, a reason, a
// title, which a detail pane shows whole): it takes the width the other
// columns leave, at least freeTextEm wide, and ends in an ellipsis when its
// text is longer, rather than be cut at the list's edge.
func (t *textTable) setFreeText(col int) {
	t.free[col] = true
	t.flex = col
}

// setMaxEm limits column col to em text heights: for a long name that a
// detail pane shows whole.
func (t *textTable) setMaxEm(col int, em float32) { t.maxEm[col] = em }

// freeTextEm is the narrowest a free-text column gets, in text heights.
const freeTextEm = 4

func (t *textTable) rowCount() int {
	if t.count != nil {
		return t.count()
	}
	return len(t.rows)
}

func (t *textTable) cellText(row, col int) string {
	if t.text != nil {
		if row < t.rowCount() {
			return t.text(row, col)
		}
		return ""
	}
	if row < len(t.rows) && col < len(t.rows[row]) {
		return t.rows[row][col]
	}
	return ""
}

func (t *textTable) headerTitle(col int) string {
	if t.headerText != nil {
		return t.headerText(col)
	}
	return t.headers[col]
}

// setRows replaces the content, clears the selection and sizes the columns.
func (t *textTable) setRows(rows [][]string) {
	t.rows = rows
	t.selected = -1
	t.UnselectAll()
	t.fit()
	t.Refresh()
	t.refreshEmpty()
}

// cell returns the text at (row, col), for tests and copy.
func (t *textTable) cell(row, col int) string {
	return t.cellText(row, col)
}

// Resize lays the columns out for the new width.
func (t *textTable) Resize(s fyne.Size) {
	// The table does not work out its visible cells again when it only
	// shrinks: cells of columns now out of view would stay (and Fyne's
	// software painter, used for screenshots, draws them beside the
	// list). Refresh when the width changes.
	changed := s.Width != t.Size().Width
	t.Table.Resize(s)
	t.avail = s.Width
	t.apply()
	if changed {
		t.Table.Refresh()
	}
}

// Refresh measures again when the text size changed (系统设置 → 字号).
func (t *textTable) Refresh() {
	if theme.TextSize() != t.measured {
		t.fit()
	}
	t.Table.Refresh()
}

// fits says whether text shows whole in column col (with the label's
// padding), measured by Fyne's cache of text sizes.
func (t *textTable) fits(text string, col int) bool {
	if text == "" {
		return true
	}
	w := t.columnWidth(col)
	return w > 0 && fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width+cellPadding() <= w
}

// cellPadding is the room a Label takes around its text.
func cellPadding() float32 { return 2*theme.InnerPadding() + 2 }

// fit measures every column's content at the current text size and lays
// the columns out.
func (t *textTable) fit() {
	size := theme.TextSize()
	t.setNatural(t.measure(t.rowCount(), t.cellText, size), size)
}

// measure is the natural width of each column (content, title and
// padding) over rows rows of text at the text size. It reads only the
// table's titles, so it may run in the background over rows about to be
// shown (setNatural then lays them out).
func (t *textTable) measure(rows int, text func(row, col int) string, size float32) []float32 {
	n := len(t.headers)
	natural := make([]float32, n)
	bold := fyne.TextStyle{Bold: true}
	texts := make([]string, rows)
	for c := 0; c < n; c++ {
		for r := 0; r < rows; r++ {
			texts[r] = text(r, c)
		}
		w := widestText(texts, size, fyne.TextStyle{})
		w = max(w, fyne.MeasureText(t.headers[c]+t.headerExtra, size, bold).Width)
		natural[c] = w + cellPadding()
	}
	return natural
}

// setNatural lays the columns out for natural widths measured at the text
// size (see measure). A search that only hides rows keeps them: what fits
// every row fits any of them.
func (t *textTable) setNatural(natural []float32, size float32) {
	t.natural, t.measured = natural, size
	t.apply()
}

// widths are the column widths: each column's content (at least its
// minimum), or the width the user dragged it to; the flex column gets the
// spare width, and a free-text column whatever the others leave.
func (t *textTable) widths() []float32 {
	size := theme.TextSize()
	scale := size / theme.DefaultTheme().Size(theme.SizeNameText)
	out := make([]float32, len(t.natural))
	var others float32 // width of the columns other than the flex one
	for c, w := range t.natural {
		if c < len(t.minW) {
			w = max(w, t.minW[c]*scale)
		}
		if em, ok := t.maxEm[c]; ok {
			w = min(w, em*size)
		}
		if u, ok := t.user[c]; ok {
			w = u
		}
		out[c] = w
		if c != t.flex {
			others += w
		}
		others += theme.Padding()
	}
	f := t.flex
	if f < 0 || f >= len(out) || t.avail <= 0 {
		return out
	}
	if _, ok := t.user[f]; ok {
		return out
	}
	// Room for the scroll bar, so the last column is not under it.
	left := t.avail - others - theme.ScrollBarSize()
	switch {
	case t.free[f]:
		out[f] = max(left, freeTextEm*size)
	case left > out[f]:
		out[f] = left
	}
	return out
}

func (t *textTable) apply() {
	ws := t.widths()
	for c, w := range ws {
		if c < len(t.applied) && t.applied[c] == w {
			continue
		}
		t.SetColumnWidth(c, w)
	}
	t.applied = ws
}

// setUserWidth keeps a width the user dragged a header to.
func (t *textTable) setUserWidth(col int, w float32) {
	t.user[col] = max(w, 2*theme.TextSize())
	t.apply()
}

// columnWidth is the column's current width.
func (t *textTable) columnWidth(col int) float32 {
	if col < len(t.applied) {
		return t.applied[col]
	}
	return 0
}

// widestText is the width of the widest of texts. Each text's width is
// first bounded by the sum of its characters' widths (each character
// measured once; shaping only narrows a text, by kerning or ligatures);
// the texts are then measured widest bound first, and measuring stops when
// no bound left is wider than the widest text measured. So 100,000 rows
// are sized with a few measurements rather than one per distinct text.
func widestText(texts []string, size float32, style fyne.TextStyle) float32 {
	var ascii [128]float32
	other := map[rune]float32{}
	runeWidth := func(r rune) float32 {
		if r >= 0 && r < 128 {
			if ascii[r] == 0 {
				ascii[r] = max(fyne.MeasureText(string(r), size, style).Width, 0.001)
			}
			return ascii[r]
		}
		w, ok := other[r]
		if !ok {
			w = fyne.MeasureText(string(r), size, style).Width
			other[r] = w
		}
		return w
	}
	bound := make([]float32, len(texts))
	order := make([]int, 0, len(texts))
	for i, s := range texts {
		if s == "" {
			continue
		}
		var w float32
		for _, r := range s {
			w += runeWidth(r)
		}
		bound[i] = w
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(bound[b], bound[a]) })
	var best float32
	seen := map[string]bool{}
	for _, i := range order {
		if bound[i] <= best+0.5 {
			break
		}
		if s := texts[i]; !seen[s] {
			seen[s] = true
			best = max(best, fyne.MeasureText(s, size, style).Width)
		}
	}
	return best
}

// headerCell is a column title: bold, tappable when the list sorts, and
// draggable sideways to widen or narrow its column.
type headerCell struct {
	widget.BaseWidget
	t        *textTable
	col      int
	label    *widget.Label
	startW   float32
	drag     float32
	nearEdge bool
}

func newHeaderCell(t *textTable) *headerCell {
	h := &headerCell{t: t, col: -1, label: widget.NewLabel("")}
	h.label.TextStyle.Bold = true
	h.label.Truncation = fyne.TextTruncateEllipsis
	h.ExtendBaseWidget(h)
	return h
}

func (h *headerCell) CreateRenderer() fyne.WidgetRenderer {
	return &headerRenderer{WidgetRenderer: widget.NewSimpleRenderer(h.label), h: h}
}

// headerRenderer lays the title out again only when the text size
// changed: the table refreshes its headers on every refresh (each search
// keystroke), and a new title lays itself out in SetText.
type headerRenderer struct {
	fyne.WidgetRenderer
	h    *headerCell
	size float32
}

func (r *headerRenderer) Refresh() {
	if size := theme.TextSize(); size != r.size {
		r.size = size
		r.WidgetRenderer.Refresh()
	}
}

// Tapped sorts by this column, on lists that sort.
func (h *headerCell) Tapped(*fyne.PointEvent) {
	if h.t.onHeaderTap != nil && h.col >= 0 {
		h.t.onHeaderTap(h.col)
	}
}

// Dragged widens (to the right) or narrows the column.
func (h *headerCell) Dragged(e *fyne.DragEvent) {
	if h.col < 0 {
		return
	}
	if h.drag == 0 && h.startW == 0 {
		h.startW = h.t.columnWidth(h.col)
	}
	h.drag += e.Dragged.DX
	h.t.setUserWidth(h.col, h.startW+h.drag)
}

func (h *headerCell) DragEnd() { h.startW, h.drag = 0, 0 }

// Cursor shows that the header's right edge can be dragged.
func (h *headerCell) Cursor() desktop.Cursor {
	if h.nearEdge {
		return desktop.HResizeCursor
	}
	return desktop.DefaultCursor
}

func (h *headerCell) MouseIn(e *desktop.MouseEvent)    { h.MouseMoved(e) }
func (h *headerCell) MouseMoved(e *desktop.MouseEvent) { h.nearEdge = e.Position.X > h.Size().Width-12 }
func (h *headerCell) MouseOut()                        { h.nearEdge = false }

// withEmptyNote puts the table in a stack with a note shown under the
// header while the list is empty: how to start, or that nothing matches.
func (t *textTable) withEmptyNote() fyne.CanvasObject {
	t.empty = widget.NewLabel("")
	t.empty.Wrapping = fyne.TextWrapWord
	t.empty.Alignment = fyne.TextAlignCenter
	t.empty.Importance = widget.MediumImportance
	t.empty.Hide()
	// Below the header row, across the table.
	top := canvas.NewRectangle(color.Transparent)
	top.SetMinSize(fyne.NewSize(0, 3*theme.TextSize()))
	return container.NewStack(t, container.NewBorder(top, nil, nil, nil, container.NewVBox(t.empty)))
}

// setEmptyText sets the note shown while the list is empty.
func (t *textTable) setEmptyText(s string) {
	t.emptyText = s
	t.refreshEmpty()
}

func (t *textTable) refreshEmpty() {
	if t.empty == nil {
		return
	}
	if t.rowCount() == 0 && t.emptyText != "" {
		t.empty.SetText(t.emptyText)
		t.empty.Show()
	} else {
		t.empty.Hide()
	}
}

// masterDetail shows a list alone, using the whole width, until a record
// is open; then the list and the record side by side. The record gets at
// least the width it needs, the list the rest.
type masterDetail struct {
	obj    *fyne.Container // what to place on screen
	list   fyne.CanvasObject
	detail fyne.CanvasObject
	split  *container.Split
	open   bool
}

func newMasterDetail(list, detail fyne.CanvasObject, offset float64) *masterDetail {
	m := &masterDetail{list: list, detail: detail}
	m.split = container.NewHSplit(list, detail)
	m.split.Offset = offset
	m.obj = container.NewStack(list)
	return m
}

// showDetail opens (true) or closes the detail pane.
func (m *masterDetail) showDetail(on bool) {
	if on == m.open {
		return
	}
	m.open = on
	if on {
		m.split.Leading = m.list
		m.obj.Objects = []fyne.CanvasObject{m.split}
		m.split.Refresh()
	} else {
		m.obj.Objects = []fyne.CanvasObject{m.list}
	}
	m.obj.Refresh()
}
