package roster

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/xuri/excelize/v2"

	"dangjian/data"
)

// Column is one column of an export: Key is a data.Member JSON key, or
// "branch", "group" (unit names), "age" or "party_years" (党龄) as of the
// export day. Title defaults to the field's Chinese name.
type Column struct {
	Key, Title string
}

// DefaultColumns are the columns of the usual 党员花名册, titled by the
// member field list (ColumnTitle) so that the file imports back unchanged.
func DefaultColumns() []Column {
	keys := []string{"name", "sex", "ethnicity", "birth_date", "age", "id_number", "native_place", "education",
		"branch", "group", "standing", "status", "join_date", "full_date", "party_years",
		"work_start", "staff_no", "work_unit", "job_post", "admin_title", "pro_title", "category", "phone",
		"dues_base", "dues_paid_to", "address", "remarks"}
	out := make([]Column, len(keys))
	for i, k := range keys {
		out[i] = Column{k, ColumnTitle(k)}
	}
	return out
}

// ColumnTitle is an export column's header: the member field's heading
// (党费基数（元/月）), or 年龄 and 党龄 for the derived columns.
func ColumnTitle(key string) string {
	switch key {
	case "age":
		return "年龄"
	case "party_years":
		return "党龄"
	case "branch":
		key = "branch_id"
	case "group":
		key = "group_id"
	}
	if f, ok := data.MemberField(key); ok {
		return f.Heading()
	}
	return key
}

// Text that looks like a formula (= + - @ first) is written as it is, as
// an inline string cell (never a formula: excelize writes a formula only
// from Cell.Formula) in a Text-formatted ("@", NumFmt 49) cell, so Excel
// neither runs it nor turns it into a formula when the cell is edited,
// and the value shows without the apostrophe earlier versions put in
// front. The importer still removes such an apostrophe from old files.

// exportValue is what a member's cell holds: a string (always written as
// text, so 公民身份号码 never becomes 1.1E+17) or an int for ages.
func exportValue(key string, m *data.Member, unitName func(int64) string, today data.Date) (any, error) {
	name := func(id int64) string {
		if id == 0 {
			return ""
		}
		if unitName != nil {
			return unitName(id)
		}
		return fmt.Sprint(id)
	}
	switch key {
	case "branch", "branch_id":
		return name(m.BranchID), nil
	case "group", "group_id":
		return name(m.GroupID), nil
	case "age", "party_years":
		n := m.Age(today)
		if key == "party_years" {
			n = m.PartyYears(today)
		}
		if n < 0 {
			return "", nil
		}
		return n, nil
	case "dues_base":
		if m.DuesBase == 0 {
			return "", nil
		}
		return data.FormatYuan(m.DuesBase), nil
	case "deleted":
		if m.Deleted {
			return "是", nil
		}
		return "", nil
	}
	i, ok := memberFields[key]
	if !ok {
		return nil, fmt.Errorf("导出列“%s”无效", key)
	}
	switch v := reflect.ValueOf(m).Elem().Field(i).Interface().(type) {
	case string:
		return v, nil
	case data.Date:
		return v.String(), nil
	case int64:
		return v, nil
	default:
		return fmt.Sprint(v), nil
	}
}

// columnWidth is a readable default width (in characters) per key.
func columnWidth(key, title string) float64 {
	switch key {
	case "id_number":
		return 21
	case "branch", "branch_id", "work_unit", "school_major", "native_place", "birthplace":
		return 18
	case "address", "remarks", "rewards", "punishments", "police_station", "archive_location":
		return 30
	case "name", "phone", "staff_no", "group", "group_id":
		return 13
	case "sex", "age", "party_years", "ethnicity":
		return 7
	}
	if strings.HasSuffix(key, "_date") || key == "work_start" {
		return 12
	}
	return max(10, float64(len([]rune(title)))*2+2)
}

// sheetWriter wraps the streaming writer with the styles every sheet here
// uses: a bold, shaded, frozen header and text-formatted data cells.
type sheetWriter struct {
	f                 *excelize.File
	sw                *excelize.StreamWriter
	head, text, wrapT int
	row               int
}

func newSheetWriter(f *excelize.File, sheet string, titles []string, widths []float64) (*sheetWriter, error) {
	if _, err := f.NewSheet(sheet); err != nil {
		return nil, err
	}
	w := &sheetWriter{f: f}
	border := []excelize.Border{{Type: "left", Color: "A0A0A0", Style: 1}, {Type: "right", Color: "A0A0A0", Style: 1},
		{Type: "top", Color: "A0A0A0", Style: 1}, {Type: "bottom", Color: "A0A0A0", Style: 1}}
	var err error
	if w.head, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, NumFmt: 49,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8E8E8"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}); err != nil {
		return nil, err
	}
	// NumFmt 49 is "@", Text: a number typed into the cell later stays text.
	if w.text, err = f.NewStyle(&excelize.Style{NumFmt: 49, Border: border,
		Alignment: &excelize.Alignment{Vertical: "center"}}); err != nil {
		return nil, err
	}
	if w.wrapT, err = f.NewStyle(&excelize.Style{NumFmt: 49, Border: border,
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}); err != nil {
		return nil, err
	}
	if w.sw, err = f.NewStreamWriter(sheet); err != nil {
		return nil, err
	}
	if err := w.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return nil, err
	}
	for i, wd := range widths {
		if err := w.sw.SetColWidth(i+1, i+1, wd); err != nil {
			return nil, err
		}
	}
	cells := make([]any, len(titles))
	for i, t := range titles {
		cells[i] = excelize.Cell{StyleID: w.head, Value: t}
	}
	return w, w.add(cells)
}

func (w *sheetWriter) add(cells []any) error {
	w.row++
	cell, err := excelize.CoordinatesToCellName(1, w.row)
	if err != nil {
		return err
	}
	return w.sw.SetRow(cell, cells)
}

// textRow writes values as text cells (ints stay numbers).
func (w *sheetWriter) textRow(vals []any, wrap map[int]bool) error {
	cells := make([]any, len(vals))
	for i, v := range vals {
		style := w.text
		if wrap[i] {
			style = w.wrapT
		}
		cells[i] = excelize.Cell{StyleID: style, Value: v}
	}
	return w.add(cells)
}

// newBook makes a workbook whose first sheet is named first.
func newBook(first string) (*excelize.File, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", first); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// ExportMembers writes ms as an .xlsx with the given columns in order.
// unitName names branches and groups (nil: their IDs); today is the day
// ages and 党龄 are counted to.
func ExportMembers(w io.Writer, cols []Column, ms []data.Member, unitName func(int64) string, today data.Date) error {
	if len(cols) == 0 {
		return errors.New("没有选择要导出的列")
	}
	titles := make([]string, len(cols))
	widths := make([]float64, len(cols))
	wrap := map[int]bool{}
	for i, c := range cols {
		titles[i] = c.Title
		if titles[i] == "" {
			titles[i] = ColumnTitle(c.Key)
		}
		widths[i] = columnWidth(c.Key, titles[i])
		if c.Key == "remarks" || c.Key == "address" || c.Key == "rewards" || c.Key == "punishments" {
			wrap[i] = true
		}
		if _, err := exportValue(c.Key, &data.Member{}, nil, today); err != nil {
			return err
		}
	}
	f, err := newBook("党员名册")
	if err != nil {
		return err
	}
	defer f.Close()
	sw, err := newSheetWriter(f, "党员名册", titles, widths)
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	for i := range ms {
		for j, c := range cols {
			if vals[j], err = exportValue(c.Key, &ms[i], unitName, today); err != nil {
				return err
			}
		}
		if err := sw.textRow(vals, wrap); err != nil {
			return err
		}
	}
	if err := sw.sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// WriteRejections writes the rows a plan cannot import as an .xlsx: 行号,
// 列 and 原因 first, then the row's original cells under the sheet's own
// header, so the office can correct them in place and import this file
// again (the three leading columns are ignored on import). A second sheet
// lists each problem on its own line.
func WriteRejections(w io.Writer, p *Plan) error {
	if p == nil || p.sheet == nil {
		return errors.New("没有导入预览，无法保存不能导入的行")
	}
	var header []string
	if p.header < len(p.sheet.Rows) {
		header = p.sheet.Rows[p.header]
	}
	titles := append([]string{"行号", "列", "原因"}, header...)
	widths := []float64{7, 16, 60}
	for _, h := range header {
		k, _, _ := headerKey(h)
		widths = append(widths, columnWidth(k, h))
	}
	f, err := newBook("不能导入的行")
	if err != nil {
		return err
	}
	defer f.Close()
	sw, err := newSheetWriter(f, "不能导入的行", titles, widths)
	if err != nil {
		return err
	}
	// One line per row, its problems gathered, in sheet order.
	var order []int
	byRow := map[int][]Issue{}
	for _, is := range p.Rejected {
		if _, ok := byRow[is.Row]; !ok {
			order = append(order, is.Row)
		}
		byRow[is.Row] = append(byRow[is.Row], is)
	}
	wrap := map[int]bool{2: true}
	for _, n := range order {
		var cols, reasons []string
		for _, is := range byRow[n] {
			if is.Column != "" && !contains(cols, is.Column) {
				cols = append(cols, is.Column)
			}
			if is.Column != "" {
				reasons = append(reasons, is.Column+"："+is.Reason)
			} else {
				reasons = append(reasons, is.Reason)
			}
		}
		vals := []any{n, strings.Join(cols, "、"), strings.Join(reasons, "\n")}
		if n >= 1 && n <= len(p.sheet.Rows) {
			for i, c := range p.sheet.Rows[n-1] {
				vals = append(vals, p.shownCell(i, c))
			}
		}
		if err := sw.textRow(vals, wrap); err != nil {
			return err
		}
	}
	if err := sw.sw.Flush(); err != nil {
		return err
	}
	detail, err := newSheetWriter(f, "问题明细", []string{"行号", "列", "原因"}, []float64{7, 16, 80})
	if err != nil {
		return err
	}
	for _, is := range p.Rejected {
		if err := detail.textRow([]any{is.Row, is.Column, is.Reason}, wrap); err != nil {
			return err
		}
	}
	if err := detail.sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// shownCell is a cell as the office would recognise it: date columns of
// an .xlsx hold serial numbers, which are written back as dates.
func (p *Plan) shownCell(col int, raw string) string {
	if p.header >= len(p.sheet.Rows) || col >= len(p.sheet.Rows[p.header]) {
		return raw
	}
	k, _, _ := headerKey(p.sheet.Rows[p.header][col])
	if !dateKeys[k] || !numberRe.MatchString(strings.TrimSpace(raw)) {
		return raw
	}
	if d, _, err := parseDate(raw, p.sheet.Date1904); err == nil && !d.IsZero() {
		return d.String()
	}
	return raw
}
