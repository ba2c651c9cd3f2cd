package report

import "fmt"

// Column is one column of a Table.
type Column struct {
	Title string
	Width float64 // mm; columns of width 0 share what the others leave
	Align Align   // of body cells; left by default. Titles are centred.
}

// TableStyle shapes a Table.
type TableStyle struct {
	Size         float64 // points; 0 means 五号 (10.5)
	NoHeader     bool    // forms (登记表) carry their labels in the body instead
	Indent       float64 // mm from the left margin; the table ends at the right margin
	MinRowHeight float64 // mm; 0 means 8, room to write in by hand as on paper
	PadX         float64 // mm between a cell's rules and its text, left and right; 0 means 1.5
	// RepeatGroup repeats the last Group line, marked "（续）", under the
	// header of every page the group's rows continue on, so that each page
	// of a register says whose rows it holds.
	RepeatGroup bool
}

// Cell is one cell of a table row.
type Cell struct {
	Text  string
	Span  int   // columns covered; 0 means 1
	Align Align // AlignDefault takes the column's
	Shade bool  // grey ground, for the labels of a form
	Bold  bool
	// Fill is the grey level (1–254) of the ground, overriding Shade: a
	// darker one marks what must stand out, such as a missed meeting.
	Fill int
}

// Table is a ruled table being written into a Doc, like the registers and
// forms offices keep on paper: thin black rules between cells, a heavier
// frame, a header row repeated at the top of every page. Rows are written as
// they are added; End closes the table.
type Table struct {
	d       *Doc
	cols    []Column
	widths  []float64
	x, w    float64
	st      TableStyle
	lh      float64
	started bool
	segTop  float64 // top of the table's part on the current page
	pending *row    // a group row waiting for the row it introduces
	group   string  // text of the last group row drawn, for RepeatGroup
	ended   bool
}

type rowKind int

const (
	rowBody rowKind = iota
	rowHeader
	rowGroup
	rowTotal
)

type row struct {
	cells []Cell
	kind  rowKind
}

type laidCell struct {
	x, w  float64
	lines []string
	align Align
	fill  int // grey level of the ground, 0 for none
	bold  bool
}

// Cell padding, rule colours and fills.
const (
	padX       = 1.5
	padY       = 1.2
	shadeHead  = 225
	shadeGroup = 238
	shadeLabel = 242
	// minSplitLines is the fewest lines of an over-tall row worth starting at
	// the bottom of a page; with less room the row starts on the next page.
	minSplitLines = 3
)

// NewTable starts a table at the current position. Nothing is drawn until the
// first row, so the header always stands on the same page as a row.
func (d *Doc) NewTable(cols []Column, st TableStyle) *Table {
	t := &Table{d: d, cols: cols, st: st, x: marginLeft + st.Indent, w: d.ContentWidth() - st.Indent}
	if st.Size <= 0 {
		t.st.Size = SizeWu
	}
	if st.MinRowHeight <= 0 {
		t.st.MinRowHeight = 8
	}
	if st.PadX <= 0 {
		t.st.PadX = padX
	}
	t.lh = t.st.Size * ptMM * 1.35
	t.widths = make([]float64, len(cols))
	fixed, free := 0.0, 0
	for i, c := range cols {
		t.widths[i] = c.Width
		fixed += c.Width
		if c.Width <= 0 {
			free++
		}
	}
	switch {
	case len(cols) == 0:
		d.fail(fmt.Errorf("report: table without columns"))
	case free > 0 && t.w-fixed < 10*float64(free):
		d.fail(fmt.Errorf("report: table columns %v leave no room for %d flexible columns in %.1f mm", t.widths, free, t.w))
	case free > 0:
		for i := range t.widths {
			if t.widths[i] <= 0 {
				t.widths[i] = (t.w - fixed) / float64(free)
			}
		}
	case fixed > t.w+eps:
		// Never run past the margin: narrow every column alike.
		for i := range t.widths {
			t.widths[i] *= t.w / fixed
		}
	default:
		t.w = fixed
	}
	return t
}

// Row adds a row of plain cells, one per column.
func (t *Table) Row(texts ...string) {
	cells := make([]Cell, len(texts))
	for i, s := range texts {
		cells[i] = Cell{Text: s}
	}
	t.add(row{cells: cells})
}

// RowCells adds a row of cells; spans must not exceed the columns, and
// missing cells at the end are left blank.
func (t *Table) RowCells(cells ...Cell) { t.add(row{cells: cells}) }

// Group adds a shaded full-width row that introduces the rows after it, such
// as "第一车队党支部（12人）". It is kept on the same page as the next row.
func (t *Table) Group(text string) {
	t.flushGroup()
	g := t.groupRow(text)
	t.pending = &g
}

func (t *Table) groupRow(text string) row {
	return row{cells: []Cell{{Text: text, Span: len(t.cols), Shade: true, Bold: true}}, kind: rowGroup}
}

// GroupRows adds a Group line and the rows it introduces, kept together:
// when they do not fit below what is drawn but fit on a page, they start
// the next page (under the repeated header) rather than split.
func (t *Table) GroupRows(text string, rows ...[]Cell) {
	t.flushGroup()
	if len(t.cols) > 0 && !t.ended {
		d := t.d
		_, h := t.layout(t.groupRow(text))
		for _, r := range rows {
			_, rh := t.layout(row{cells: r})
			h += rh
		}
		head := t.headerHeight()
		avail := d.Remaining()
		if !t.started {
			avail -= head
		}
		if h > avail+eps && h+head <= d.bodyHeight()+eps {
			if t.started {
				t.pageBreak(false)
			} else if !d.atTop() {
				d.NewPage()
			}
		}
	}
	t.Group(text)
	for _, r := range rows {
		t.RowCells(r...)
	}
}

// RowsHeight is the height the rows take, without the header.
func (t *Table) RowsHeight(rows ...[]Cell) float64 {
	h := 0.0
	for _, r := range rows {
		_, rh := t.layout(row{cells: r})
		h += rh
	}
	return h
}

// Keep continues the table on the next page (under its repeated header)
// unless h mm fit below what is drawn, so that the rows about to be added,
// measured with RowsHeight, stay together with what follows them. As
// Doc.KeepTogether, it does nothing for a block a fresh page would not
// hold either.
func (t *Table) Keep(h float64) {
	if len(t.cols) == 0 || t.ended {
		return
	}
	d := t.d
	if t.pending != nil {
		_, gh := t.layout(*t.pending)
		h += gh
	}
	head := t.headerHeight()
	avail := d.Remaining()
	if !t.started {
		avail -= head
	}
	if h > avail+eps && h+head <= d.bodyHeight()+eps {
		if t.started {
			t.pageBreak(t.pending == nil)
		} else if !d.atTop() {
			d.NewPage()
		}
	}
}

// KeepRows adds rows kept on one page together with next mm of what
// follows them (a 合计 row, the lines the table is signed on): the last
// rows of a register go with its total, and neither the total nor the
// signatures start a page alone.
func (t *Table) KeepRows(next float64, rows ...[]Cell) {
	t.Keep(t.RowsHeight(rows...) + next)
	for _, r := range rows {
		t.RowCells(r...)
	}
}

// Total adds a count or total row (合计), shaded and bold.
func (t *Table) Total(cells ...Cell) {
	for i := range cells {
		cells[i].Bold = true
		cells[i].Shade = true
	}
	t.add(row{cells: cells, kind: rowTotal})
}

// Height is the height the rows would take, with the header if the table has
// one: a caller keeps a short table whole with Doc.EnsureSpace(t.Height(…)).
func (t *Table) Height(rows ...[]Cell) float64 {
	h := 0.0
	if !t.st.NoHeader {
		_, h = t.layout(t.headerRow())
	}
	for _, r := range rows {
		_, rh := t.layout(row{cells: r})
		h += rh
	}
	return h
}

// End closes the table: draws its frame and leaves the position below it.
func (t *Table) End() {
	if t.ended || len(t.cols) == 0 {
		return
	}
	t.flushGroup()
	if !t.started {
		t.d.EnsureSpace(t.Height())
		t.startSegment()
	}
	t.closeSegment()
	t.ended = true
}

// flushGroup prints a waiting group row on its own: a group with no rows
// after it still shows.
func (t *Table) flushGroup() {
	if g := t.pending; g != nil {
		t.pending = nil
		t.add(*g)
	}
}

func (t *Table) headerRow() row {
	cells := make([]Cell, len(t.cols))
	for i, c := range t.cols {
		cells[i] = Cell{Text: c.Title, Align: AlignCenter, Shade: true, Bold: true}
	}
	return row{cells: cells, kind: rowHeader}
}

func (t *Table) headerHeight() float64 {
	if t.st.NoHeader {
		return 0
	}
	_, h := t.layout(t.headerRow())
	return h
}

// layout places r's cells and wraps their text; h is the row's height.
func (t *Table) layout(r row) (cells []laidCell, h float64) {
	p := t.d.pdf
	t.d.setSize(t.st.Size)
	col, x := 0, t.x
	maxLines := 1
	put := func(c Cell, span int) {
		w := 0.0
		for _, cw := range t.widths[col : col+span] {
			w += cw
		}
		a := c.Align.or(t.cols[col].Align).or(AlignLeft)
		if r.kind == rowGroup {
			a = c.Align.or(AlignLeft)
		}
		lines := BreakLines(clean(c.Text), w-2*t.st.PadX, p.GetStringWidth)
		maxLines = max(maxLines, len(lines))
		fill := 0
		switch {
		case r.kind == rowHeader:
			fill = shadeHead
		case r.kind == rowGroup:
			fill = shadeGroup
		case c.Shade || r.kind == rowTotal:
			fill = shadeLabel
		}
		if c.Fill > 0 && c.Fill < 255 {
			fill = c.Fill
		}
		cells = append(cells, laidCell{x: x, w: w, lines: lines, align: a, fill: fill, bold: c.Bold})
		x += w
		col += span
	}
	for _, c := range r.cells {
		span := max(c.Span, 1)
		if col+span > len(t.cols) {
			t.d.fail(fmt.Errorf("report: table row %q spans more than %d columns", rowText(r), len(t.cols)))
			span = len(t.cols) - col
			if span <= 0 {
				break
			}
		}
		put(c, span)
	}
	for col < len(t.cols) {
		put(Cell{}, 1)
	}
	h = max(float64(maxLines)*t.lh+2*padY, t.st.MinRowHeight)
	return cells, h
}

func rowText(r row) []string {
	var s []string
	for _, c := range r.cells {
		s = append(s, c.Text)
	}
	return s
}

func (t *Table) add(r row) {
	if t.ended {
		t.d.fail(fmt.Errorf("report: row %q added to an ended table", rowText(r)))
		return
	}
	if len(t.cols) == 0 {
		return // already failed in NewTable
	}
	d := t.d
	cells, h := t.layout(r)
	var group []laidCell
	gh := 0.0
	groupText := ""
	if t.pending != nil {
		group, gh = t.layout(*t.pending)
		groupText = t.pending.cells[0].Text
		t.pending = nil
	}
	need := gh + h
	avail := d.Remaining()
	if !t.started {
		avail -= t.headerHeight()
	}
	if need > avail+eps {
		room := d.bodyHeight() - t.headerHeight() // on a fresh page
		if t.st.RepeatGroup && group == nil && r.kind != rowGroup && t.group != "" {
			_, ch := t.layout(t.contRow()) // the "（续）" line it would open with
			room -= ch
		}
		minSplit := gh + float64(minSplitLines)*t.lh + 2*padY
		// Move to the next page, unless the row is too tall for any page and
		// enough of it fits here to be worth starting.
		if need <= room || avail < minSplit {
			if t.started {
				t.pageBreak(group == nil && r.kind != rowGroup)
			} else if !d.atTop() {
				d.NewPage()
			}
		}
	}
	if !t.started {
		t.startSegment()
	}
	if group != nil {
		t.draw(group, gh)
		t.group = groupText
	}
	if r.kind == rowGroup {
		t.group = r.cells[0].Text
	}
	if h <= d.Remaining()+eps {
		t.draw(cells, h)
		return
	}
	t.drawSplit(cells)
}

func (t *Table) startSegment() {
	t.started = true
	t.segTop = t.d.Y()
	if !t.st.NoHeader {
		cells, h := t.layout(t.headerRow())
		t.draw(cells, h)
	}
}

func (t *Table) closeSegment() {
	p := t.d.pdf
	y := t.d.Y()
	if y-t.segTop > eps {
		p.SetLineWidth(lineBold)
		p.Rect(t.x, t.segTop, t.w, y-t.segTop, "D")
		p.SetLineWidth(lineThin)
	}
	p.SetXY(marginLeft, y)
}

// pageBreak continues the table on a new page; cont repeats the current
// group line with "（续）" when the style asks for it (not when a new group
// is about to open the page).
func (t *Table) pageBreak(cont bool) {
	t.closeSegment()
	t.d.NewPage()
	t.startSegment()
	if cont && t.st.RepeatGroup && t.group != "" {
		cells, h := t.layout(t.contRow())
		t.draw(cells, h)
	}
}

func (t *Table) contRow() row { return t.groupRow(t.group + "（续）") }

// draw draws a row of height h at the current position, text centred
// vertically as on a printed form.
func (t *Table) draw(cells []laidCell, h float64) {
	y := t.d.Y()
	for _, c := range cells {
		off := (h - float64(len(c.lines))*t.lh) / 2
		t.drawCell(c, y, h, c.lines, off)
	}
	t.d.pdf.SetXY(marginLeft, y+h)
}

// drawSplit draws a row taller than a page in parts, one per page, each
// holding as many lines of every cell as fit, text from the top.
func (t *Table) drawSplit(cells []laidCell) {
	n := 0
	for _, c := range cells {
		n = max(n, len(c.lines))
	}
	for from := 0; from < n; {
		k := int((t.d.Remaining() - 2*padY + eps) / t.lh)
		if k < 1 {
			t.pageBreak(false)
			k = max(int((t.d.Remaining()-2*padY+eps)/t.lh), 1)
		}
		k = min(k, n-from)
		h := float64(k)*t.lh + 2*padY
		y := t.d.Y()
		for _, c := range cells {
			lo, hi := min(from, len(c.lines)), min(from+k, len(c.lines))
			t.drawCell(c, y, h, c.lines[lo:hi], padY)
		}
		t.d.pdf.SetXY(marginLeft, y+h)
		from += k
		if from < n {
			t.pageBreak(false)
		}
	}
}

func (t *Table) drawCell(c laidCell, y, h float64, lines []string, off float64) {
	p := t.d.pdf
	p.SetLineWidth(lineThin)
	style := "D"
	if c.fill > 0 {
		p.SetFillColor(c.fill, c.fill, c.fill)
		style = "FD"
	}
	p.Rect(c.x, y, c.w, h, style)
	t.d.setSize(t.st.Size)
	for i, l := range lines {
		t.d.writeLine(c.x+t.st.PadX, y+off+float64(i)*t.lh, c.w-2*t.st.PadX, t.lh, l, c.align, c.bold)
	}
}
