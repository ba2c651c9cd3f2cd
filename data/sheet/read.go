// Package sheet reads spreadsheets as offices really keep them — .xlsx
// with title rows, merged cells and several worksheets, CSV in any of the
// encodings Excel writes — into raw rows, and holds what every sheet
// importer shares: header matching, the row context that collects a row's
// problems, cell helpers, the import modes and results, and the
// one-transaction apply step (Write). The importers themselves (member
// rosters, meeting ledgers, work plans) live in their own packages.
package sheet

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"dangjian/data"
)

// Limits. A real 花名册 of a 党总支 is well under a megabyte; the caps only
// stop a wrong file (a photo archive renamed .xlsx, a zip bomb) from
// exhausting memory.
const (
	MaxFileBytes  = 64 << 20  // on disk
	MaxUnzipBytes = 512 << 20 // an .xlsx unpacked
	MaxRows       = 200000    // rows of the sheet, title rows included
	MaxColumns    = 512       // cells per row kept; further ones are dropped
	HeaderScan    = 15        // the header must be within the first rows
)

// Sheet is the file as read: raw cells, before interpretation.
type Sheet struct {
	Name string // the worksheet's name, or the file name for a CSV
	// Rows[i] is the row Excel shows as i+1 (blank rows included), with
	// merged cells filled from their top-left value. Dates read from an
	// .xlsx are the raw serial numbers whatever the cell's display format.
	Rows [][]string
	// Date1904 is set for workbooks that count serial dates from 1904
	// (old Mac Excel).
	Date1904 bool
	// Problems are rows the reader could not decode; they are rejected in
	// the plan rather than failing the whole file.
	Problems []Issue
	// Cleaned notes, per row, the cells from which control, direction or
	// zero-width characters were removed (data.CleanText): the importers
	// show them as the row's warnings (RowWarnings).
	Cleaned map[int][]Issue
	// DefaultBranch names the branch for rows whose branch cell is blank
	// (a 花名册 kept per branch often has no 支部 column). Empty: the plan
	// looks for a branch name in the title rows above the header.
	DefaultBranch string
}

// HeaderRule tells the reader which row is the header: each importer has
// its own.
type HeaderRule struct {
	// Find returns the index of the header row within rows, which are
	// the first HeaderScan rows of a sheet at most (fewer while an .xlsx
	// is still being read). A worksheet is taken only when Find accepts
	// it; the first one that way, the active sheet first.
	Find func(rows [][]string) (row int, ok bool)
	// NotFound is the error, in Chinese, for a file none of whose sheets
	// has a header; name is the file's base name.
	NotFound func(name string) error
	// Noun is what the file is called in error messages: "表格" when
	// empty.
	Noun string
}

// ReadFile reads an .xlsx or .csv file (UTF-8 with or without BOM,
// GB18030/GBK as Excel on Chinese Windows saves it, or UTF-16 "Unicode
// text") whose header rule says which row is its header. progress, which
// may be nil, receives the fraction read.
func ReadFile(path string, progress data.Progress, rule HeaderRule) (*Sheet, error) {
	rule = rule.withDefaults()
	base := filepath.Base(path)
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("找不到文件“%s”，请确认文件还在原来的位置", path)
	case err != nil:
		return nil, fmt.Errorf("无法读取文件“%s”：%v", path, err)
	case st.IsDir():
		return nil, fmt.Errorf("“%s”是文件夹，请选择%s文件（.xlsx 或 .csv）", path, rule.Noun)
	case st.Size() > MaxFileBytes:
		return nil, rule.tooBig(base, st.Size())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取文件“%s”：%v", path, err)
	}
	return read(base, b, progress, rule)
}

// ReadBytes is ReadFile for a file already in memory; name (its base name)
// decides the format when the content does not.
func ReadBytes(name string, b []byte, rule HeaderRule) (*Sheet, error) {
	return read(filepath.Base(name), b, nil, rule.withDefaults())
}

func (r HeaderRule) withDefaults() HeaderRule {
	if r.Noun == "" {
		r.Noun = "表格"
	}
	if r.Find == nil {
		r.Find = func([][]string) (int, bool) { return 0, false }
	}
	if r.NotFound == nil {
		noun := r.Noun
		r.NotFound = func(name string) error {
			return fmt.Errorf("在“%s”的前 %d 行中没有找到%s的表头，请检查表头是否写错，或删去表头上方多余的行后再导入", name, HeaderScan, noun)
		}
	}
	return r
}

// found reports whether rows, a sheet's first rows or all of them, hold a
// header near the top.
func (r HeaderRule) found(rows [][]string) bool {
	_, ok := r.Find(rows[:min(len(rows), HeaderScan)])
	return ok
}

func (r HeaderRule) tooBig(name string, size int64) error {
	return fmt.Errorf("文件“%s”有 %.1f MB，超过导入上限 %d MB。%s通常只有几百 KB，"+
		"请确认选对了文件，或删去其中的图片等内容后再导入", name, float64(size)/(1<<20), MaxFileBytes>>20, r.Noun)
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// An encrypted .xlsx is an OLE container holding an "EncryptionInfo"
	// stream; a legacy .xls holds "Workbook" instead. Names are UTF-16LE.
	encryptionInfo = utf16le("EncryptionInfo")
)

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}

func read(name string, b []byte, progress data.Progress, rule HeaderRule) (sh *Sheet, err error) {
	// The readers below are third-party parsers fed with whatever file the
	// user picked; a panic in them must become an error, not a crash.
	defer func() {
		if r := recover(); r != nil {
			sh, err = nil, fmt.Errorf("“%s”已损坏或格式无法识别，无法读取（%v）", name, r)
		}
	}()
	if int64(len(b)) > MaxFileBytes {
		return nil, rule.tooBig(name, int64(len(b)))
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, fmt.Errorf("“%s”是空文件，没有任何内容", name)
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(b, oleMagic):
		if bytes.Contains(b, encryptionInfo) {
			return nil, fmt.Errorf("“%s”设置了打开密码（文件已加密），本程序无法读取。请在 Excel 中打开它，"+
				"在“文件 → 信息 → 保护工作簿 → 用密码进行加密”中清空密码并保存后再导入", name)
		}
		return nil, fmt.Errorf("“%s”是旧版 Excel 97-2003 格式（.xls），请在 Excel 中“另存为 → Excel 工作簿（.xlsx）”后再导入", name)
	case bytes.HasPrefix(b, zipMagic):
		sh, err = readXLSX(name, b, progress, rule)
	case ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || ext == ".et" || ext == ".wps":
		if head := bytes.ToLower(bytes.TrimSpace(b[:min(len(b), 512)])); bytes.HasPrefix(head, []byte("<")) {
			// Web systems often hand out an HTML table named .xls.
			return nil, fmt.Errorf("“%s”其实是网页（HTML）格式，不是真正的 Excel 文件。请用 Excel 打开它，"+
				"“另存为 → Excel 工作簿（.xlsx）”后再导入", name)
		}
		return nil, fmt.Errorf("“%s”不是有效的 Excel 工作簿（.xlsx），可能已损坏或只是改了扩展名", name)
	case looksBinary(b):
		return nil, fmt.Errorf("“%s”不是 Excel 表格（.xlsx）或 CSV 文件，无法导入", name)
	default:
		sh, err = readCSV(name, b, rule)
	}
	if err != nil {
		return nil, err
	}
	sh.clean(rule)
	if progress != nil {
		progress(1)
	}
	return sh, nil
}

// clean removes invisible characters from every cell, once for every
// importer, and notes each cell it changed under its header's name.
func (sh *Sheet) clean(rule HeaderRule) {
	header, ok := rule.Find(sh.Rows[:min(len(sh.Rows), HeaderScan)])
	for i, row := range sh.Rows {
		for j, c := range row {
			s, n := data.CleanText(c, true)
			if s == c {
				continue
			}
			row[j] = s
			if n == 0 {
				continue // only line endings made uniform
			}
			col := fmt.Sprintf("第 %d 列", j+1)
			if ok && header < i && j < len(sh.Rows[header]) && strings.TrimSpace(sh.Rows[header][j]) != "" {
				col = strings.TrimSpace(sh.Rows[header][j])
			}
			if sh.Cleaned == nil {
				sh.Cleaned = map[int][]Issue{}
			}
			sh.Cleaned[i+1] = append(sh.Cleaned[i+1], Issue{Row: i + 1, Column: col,
				Reason: fmt.Sprintf("有 %d 个控制字符或不可见的文字方向、零宽字符，已去掉", n)})
		}
	}
}

// RowWarnings are the notes the reader made on row n (as Excel numbers
// it): each importer adds them to the row's warnings.
func (sh *Sheet) RowWarnings(n int) []Issue {
	if sh == nil {
		return nil
	}
	return sh.Cleaned[n]
}

// looksBinary reports NUL bytes or invalid text near the start, which no
// CSV has (UTF-16 text is recognised by its BOM before this is asked).
func looksBinary(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return false
	}
	head := b[:min(len(b), 8192)]
	return bytes.IndexByte(head, 0) >= 0
}

// unzipXMLLimit is the size up to which excelize, when it reads a
// workbook the fast reader cannot, holds a part in memory; bigger parts
// go to temporary files. A test lowers it.
var unzipXMLLimit int64 = 16 << 20

func readXLSX(name string, b []byte, progress data.Progress, rule HeaderRule) (*Sheet, error) {
	zb, err := openZipBook(name, b, rule)
	if err != nil && err != errFallback {
		return nil, err
	}
	if err == nil {
		if sh, ok, err := readZip(name, zb, progress, rule); ok {
			return sh, err
		}
	}
	return readExcelize(name, b, progress, rule)
}

// readExcelize reads a workbook with excelize's streaming reader.
func readExcelize(name string, b []byte, progress data.Progress, rule HeaderRule) (*Sheet, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		UnzipSizeLimit:    MaxUnzipBytes,
		UnzipXMLSizeLimit: unzipXMLLimit,
		// Raw values: a date cell gives its serial number whatever its
		// display format (07-01-10 is unreadable, 40360 is not), and a
		// long number its digits rather than 1.38E+10.
		RawCellValue: true,
	})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size") {
			return nil, fmt.Errorf("“%s”解压后超过 %d MB 的上限，不像是%s，未导入", name, MaxUnzipBytes>>20, rule.Noun)
		}
		return nil, fmt.Errorf("“%s”不是有效的 Excel 工作簿（.xlsx），可能已损坏：%v", name, err)
	}
	defer f.Close()
	if progress != nil {
		progress(0.3) // unzipping is most of the work before the rows
	}
	sh := &Sheet{}
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		sh.Date1904 = *p.Date1904
	}
	// The active sheet first, then the others in order: workbooks often
	// carry a 说明 or 统计 sheet beside the roster. The first with a header
	// near its top is taken.
	list := f.GetSheetList()
	if len(list) == 0 {
		return nil, fmt.Errorf("“%s”中没有工作表，它可能不是 Excel 文件", name)
	}
	active := f.GetActiveSheetIndex()
	if active > 0 && active < len(list) {
		list = append([]string{list[active]}, append(append([]string{}, list[:active]...), list[active+1:]...)...)
	}
	anyData := false
	for _, sheet := range list {
		rows, hasData, problems, err := streamSheet(f, sheet, progress, rule)
		if err != nil {
			return nil, fmt.Errorf("读取工作表“%s”出错：%v", sheet, err)
		}
		anyData = anyData || hasData
		if rows == nil {
			continue
		}
		sh.Name, sh.Rows, sh.Problems = sheet, rows, problems
		fillMerged(f, b, sheet, sh)
		return sh, nil
	}
	if !anyData {
		return nil, fmt.Errorf("“%s”的工作表都是空的，没有可导入的内容", name)
	}
	return nil, rule.NotFound(name)
}

// streamSheet reads a sheet row by row. It gives up after the first rows
// when none of them is a header (nil rows), so a big statistics sheet
// beside the roster costs little.
func streamSheet(f *excelize.File, sheet string, progress data.Progress, rule HeaderRule) (rows [][]string, hasData bool, problems []Issue, err error) {
	total := 0
	if dim, err := f.GetSheetDimension(sheet); err == nil {
		if i := strings.IndexByte(dim, ':'); i >= 0 {
			if _, r, err := excelize.CellNameToCoordinates(dim[i+1:]); err == nil {
				total = r
			}
		}
	}
	if total > MaxRows {
		return nil, true, nil, fmt.Errorf("工作表有 %d 行，超过导入上限 %d 行", total, MaxRows)
	}
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, false, nil, err
	}
	defer it.Close()
	var out [][]string
	found := false
	for it.Next() {
		n := len(out) + 1
		if n > MaxRows {
			return nil, true, nil, fmt.Errorf("工作表超过导入上限 %d 行", MaxRows)
		}
		cells, err := columns(it)
		if err != nil {
			problems = append(problems, Issue{Row: n, Reason: "此行无法读取：" + err.Error()})
			cells = nil
		}
		if len(cells) > MaxColumns {
			cells = cells[:MaxColumns]
		}
		hasData = hasData || !blank(cells)
		out = append(out, cells)
		if !found {
			if rule.found(out) {
				found = true
			} else if n >= HeaderScan {
				return nil, hasData, nil, nil
			}
		}
		if progress != nil && total > 0 && n%500 == 0 {
			progress(0.3 + 0.65*float64(n)/float64(total))
		}
	}
	if err := it.Error(); err != nil {
		return nil, hasData, nil, err
	}
	if !found {
		return nil, hasData, nil, nil
	}
	return out, hasData, problems, nil
}

// columns reads the current row; a malformed row becomes an error for
// that row instead of a panic that would lose the whole file.
func columns(it *excelize.Rows) (cells []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			cells, err = nil, fmt.Errorf("%v", r)
		}
	}()
	return it.Columns()
}

// fillMerged fills the merged cells of a sheet excelize read. The ranges
// are found by streaming the sheet's part (zipMergeRefs): excelize's
// GetMergeCells decodes the whole worksheet into memory for them.
func fillMerged(f *excelize.File, file []byte, sheet string, sh *Sheet) {
	var refs []string
	ok := false
	if path, found := sheetPath(f, sheet); found {
		refs, ok = zipMergeRefs(file, path)
	}
	if !ok {
		merged, err := f.GetMergeCells(sheet, true)
		if err != nil {
			return
		}
		for _, m := range merged {
			refs = append(refs, m.GetStartAxis()+":"+m.GetEndAxis())
		}
	}
	applyMerged(sh, refs)
}

// applyMerged copies each merged range's top-left value into the other
// cells, as people read a merged 所在支部 cell spanning its members.
func applyMerged(sh *Sheet, refs []string) {
	maxCol := 0
	for _, r := range sh.Rows {
		maxCol = max(maxCol, len(r))
	}
	// A crafted file could merge a huge range over padded rows; real
	// merges cover a title line or a branch cell down its members.
	budget := 4 * MaxRows
	for _, ref := range refs {
		a, b, _ := strings.Cut(ref, ":")
		if b == "" {
			b = a
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(a)
		c2, r2, err2 := excelize.CellNameToCoordinates(b)
		if err1 != nil || err2 != nil || r1 > len(sh.Rows) || c1 > maxCol || r2 < r1 || c2 < c1 {
			continue
		}
		// A range may reach far past the data (a whole column merged);
		// only cells that exist matter.
		r2, c2 = min(r2, len(sh.Rows)), min(c2, maxCol)
		if budget -= (r2 - r1 + 1) * (c2 - c1 + 1); budget < 0 {
			return
		}
		var v string
		if row := sh.Rows[r1-1]; c1-1 < len(row) {
			v = row[c1-1]
		}
		if v == "" {
			continue
		}
		for r := r1; r <= r2; r++ {
			row := sh.Rows[r-1]
			for len(row) < c2 {
				row = append(row, "")
			}
			for c := c1; c <= c2; c++ {
				if row[c-1] == "" {
					row[c-1] = v
				}
			}
			sh.Rows[r-1] = row
		}
	}
}

var mergeRe = regexp.MustCompile(`<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)"`)

// part reads a package part that excelize holds in memory (parts too big
// for that are spilled to temporary files; nil then).
func part(f *excelize.File, name string) []byte {
	v, ok := f.Pkg.Load(name)
	if !ok {
		return nil
	}
	b, _ := v.([]byte)
	return b
}

// workbookRel is one relationship of the workbook part.
type workbookRel struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

func (r workbookRel) path() string {
	if strings.HasPrefix(r.Target, "/") {
		return strings.TrimPrefix(r.Target, "/")
	}
	return "xl/" + r.Target
}

func workbookRels(f *excelize.File) []workbookRel {
	var rels struct {
		Rels []workbookRel `xml:"Relationship"`
	}
	if xml.Unmarshal(part(f, "xl/_rels/workbook.xml.rels"), &rels) != nil {
		return nil
	}
	return rels.Rels
}

// sheetPath finds the part holding a sheet through the workbook and its
// relationships, as excelize does internally.
func sheetPath(f *excelize.File, sheet string) (string, bool) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if xml.Unmarshal(part(f, "xl/workbook.xml"), &wb) != nil {
		return "", false
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range workbookRels(f) {
			if r.ID == s.ID {
				return r.path(), true
			}
		}
	}
	return "", false
}

func readCSV(name string, b []byte, rule HeaderRule) (*Sheet, error) {
	text, err := decodeText(b)
	if err != nil {
		return nil, fmt.Errorf("无法识别“%s”的文字编码：%v", name, err)
	}
	// Old Mac software ends lines with a lone CR, which encoding/csv
	// reads as part of a cell, merging two rows into one: every line
	// ending becomes LF first (inside quoted cells too, where it is a
	// line break all the same).
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sniffDelimiter(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	sh := &Sheet{Name: strings.TrimSuffix(name, filepath.Ext(name))}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// encoding/csv stops at the first broken quote; what was read
			// so far is kept and the rest reported.
			sh.Problems = append(sh.Problems, Issue{Row: len(sh.Rows) + 1, Reason: "此行及以后无法按 CSV 读取：" + err.Error()})
			break
		}
		if len(sh.Rows) >= MaxRows {
			return nil, fmt.Errorf("“%s”超过导入上限 %d 行", name, MaxRows)
		}
		if len(rec) > MaxColumns {
			rec = rec[:MaxColumns]
		}
		sh.Rows = append(sh.Rows, rec)
	}
	if len(sh.Rows) == 0 || allBlank(sh.Rows) {
		return nil, fmt.Errorf("“%s”中没有任何数据", name)
	}
	if !rule.found(sh.Rows) {
		return nil, rule.NotFound(name)
	}
	return sh, nil
}

func allBlank(rows [][]string) bool {
	for _, r := range rows {
		if !blank(r) {
			return false
		}
	}
	return true
}

// decodeText turns CSV bytes into UTF-8. Excel on Chinese Windows saves
// "CSV" in GBK (code page 936) and "Unicode 文本" in UTF-16LE with a BOM;
// newer versions offer "CSV UTF-8" with a BOM. Valid UTF-8 is taken as
// such; anything else is read as GB18030, GBK's superset.
func decodeText(b []byte) (string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return string(b[3:]), nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, _, err := transform.Bytes(dec, b)
		return string(out), err
	case utf8.Valid(b):
		return string(b), nil
	}
	out, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), b)
	return string(out), err
}

// sniffDelimiter picks tab for Excel's "Unicode 文本" and semicolon for
// files from European-locale Excel; comma otherwise.
func sniffDelimiter(text string) rune {
	// The first lines may be titles without any delimiter; look further.
	head := text[:min(len(text), 4096)]
	best, n := ',', strings.Count(head, ",")
	for _, c := range []rune{'\t', ';'} {
		if k := strings.Count(head, string(c)); k > n {
			best, n = c, k
		}
	}
	return best
}

// Blank reports whether a row has nothing but spaces.
func Blank(cells []string) bool { return blank(cells) }

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(strings.ReplaceAll(c, "\u3000", "")) != "" {
			return false
		}
	}
	return true
}
