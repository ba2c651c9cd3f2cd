// Package minutes imports historical meeting minutes from the ledgers
// (会议记录台账) branches kept in Excel before this program: one row per
// meeting with 支部, 会议类型, 主题, 会议时间, 地点, 主持人, 记录人, 应到/实到
// 人数, 请假 and 缺席 people, 列席人员, 议程, 主要内容 and 决议.
//
// It works like the member import in package roster, whose Sheet, Issue
// and Mode it shares: read the file (ReadFile), preview (PlanImport: writes
// nothing), apply (Apply: planned again inside one transaction, so the
// database takes the whole import or none of it). Meetings never create
// branches: a row naming a branch the organisation does not have is
// refused.
package minutes

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"dangjian/data"
	"dangjian/data/roster"
)

// headerScan: the header must be within the first rows.
const headerScan = 15

// ReadFile reads a minutes ledger, .xlsx or .csv (UTF-8 with or without
// BOM, GB18030/GBK as Excel on Chinese Windows saves it, or UTF-16
// "Unicode 文本"), into the same raw Sheet the member import reads: rows as
// Excel numbers them, merged cells filled from their top-left value, dates
// as serial numbers. The worksheet taken is the first (active one first)
// with a ledger header in its top rows.
//
// roster.ReadFile cannot be used for ledgers: it looks for a roster header
// (姓名 and other dossier columns) and refuses files without one.
func ReadFile(path string, progress data.Progress) (*roster.Sheet, error) {
	base := filepath.Base(path)
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("找不到文件“%s”，请确认文件还在原来的位置", path)
	case err != nil:
		return nil, fmt.Errorf("无法读取文件“%s”：%v", path, err)
	case st.IsDir():
		return nil, fmt.Errorf("“%s”是文件夹，请选择会议记录台账文件（.xlsx 或 .csv）", path)
	case st.Size() > roster.MaxFileBytes:
		return nil, tooBig(base, st.Size())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取文件“%s”：%v", path, err)
	}
	return read(base, b, progress)
}

// ReadBytes is ReadFile for a file already in memory; name (its base
// name) decides the format when the content does not.
func ReadBytes(name string, b []byte) (*roster.Sheet, error) {
	return read(filepath.Base(name), b, nil)
}

func tooBig(name string, size int64) error {
	return fmt.Errorf("文件“%s”有 %.1f MB，超过导入上限 %d MB。会议记录台账通常只有几百 KB，"+
		"请确认选对了文件，或删去其中的图片后再导入", name, float64(size)/(1<<20), roster.MaxFileBytes>>20)
}

var (
	zipMagic       = []byte("PK\x03\x04")
	oleMagic       = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
)

func read(name string, b []byte, progress data.Progress) (sh *roster.Sheet, err error) {
	// The parsers are fed whatever file the user picked: a panic in them
	// becomes an error, not a crash.
	defer func() {
		if r := recover(); r != nil {
			sh, err = nil, fmt.Errorf("“%s”已损坏或格式无法识别，无法读取（%v）", name, r)
		}
	}()
	if int64(len(b)) > roster.MaxFileBytes {
		return nil, tooBig(name, int64(len(b)))
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, fmt.Errorf("“%s”是空文件，没有任何内容", name)
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(b, oleMagic):
		if bytes.Contains(b, encryptionInfo) {
			return nil, fmt.Errorf("“%s”设置了打开密码（文件已加密），本程序无法读取。请在 Excel 中清空密码并保存后再导入", name)
		}
		return nil, fmt.Errorf("“%s”是旧版 Excel 97-2003 格式（.xls），请在 Excel 中“另存为 → Excel 工作簿（.xlsx）”后再导入", name)
	case bytes.HasPrefix(b, zipMagic):
		sh, err = readXLSX(name, b, progress)
	case ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || ext == ".et" || ext == ".wps":
		if head := bytes.ToLower(bytes.TrimSpace(b[:min(len(b), 512)])); bytes.HasPrefix(head, []byte("<")) {
			return nil, fmt.Errorf("“%s”其实是网页（HTML）格式，不是真正的 Excel 文件。请用 Excel 打开它，"+
				"“另存为 → Excel 工作簿（.xlsx）”后再导入", name)
		}
		return nil, fmt.Errorf("“%s”不是有效的 Excel 工作簿（.xlsx），可能已损坏或只是改了扩展名", name)
	case bytes.IndexByte(b[:min(len(b), 8192)], 0) >= 0 && !bytes.HasPrefix(b, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return nil, fmt.Errorf("“%s”不是 Excel 表格（.xlsx）或 CSV 文件，无法导入", name)
	default:
		sh, err = readCSV(name, b)
	}
	if err != nil {
		return nil, err
	}
	if progress != nil {
		progress(1)
	}
	return sh, nil
}

func readXLSX(name string, b []byte, progress data.Progress) (*roster.Sheet, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		UnzipSizeLimit:    roster.MaxUnzipBytes,
		UnzipXMLSizeLimit: 128 << 20,
		RawCellValue:      true, // serial numbers for dates, whatever the display format
	})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size") {
			return nil, fmt.Errorf("“%s”解压后超过 %d MB 的上限，不像是会议记录台账，未导入", name, roster.MaxUnzipBytes>>20)
		}
		return nil, fmt.Errorf("“%s”不是有效的 Excel 工作簿（.xlsx），可能已损坏：%v", name, err)
	}
	defer f.Close()
	if progress != nil {
		progress(0.3)
	}
	sh := &roster.Sheet{}
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		sh.Date1904 = *p.Date1904
	}
	list := f.GetSheetList()
	if len(list) == 0 {
		return nil, fmt.Errorf("“%s”中没有工作表，它可能不是 Excel 文件", name)
	}
	if a := f.GetActiveSheetIndex(); a > 0 && a < len(list) {
		list = append([]string{list[a]}, append(append([]string{}, list[:a]...), list[a+1:]...)...)
	}
	anyData := false
	for _, sheet := range list {
		rows, hasData, problems, err := sheetRows(f, sheet)
		if err != nil {
			return nil, fmt.Errorf("读取工作表“%s”出错：%v", sheet, err)
		}
		anyData = anyData || hasData
		if rows == nil {
			continue
		}
		sh.Name, sh.Rows, sh.Problems = sheet, rows, problems
		fillMerged(f, sheet, sh)
		return sh, nil
	}
	if !anyData {
		return nil, fmt.Errorf("“%s”的工作表都是空的，没有可导入的内容", name)
	}
	return nil, noHeader(name)
}

// sheetRows reads a sheet row by row; nil rows when none of its first
// rows is a ledger header.
func sheetRows(f *excelize.File, sheet string) (rows [][]string, hasData bool, problems []roster.Issue, err error) {
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, false, nil, err
	}
	defer it.Close()
	found := false
	for it.Next() {
		n := len(rows) + 1
		if n > roster.MaxRows {
			return nil, true, nil, fmt.Errorf("工作表超过导入上限 %d 行", roster.MaxRows)
		}
		cells, err := columns(it)
		if err != nil {
			problems = append(problems, roster.Issue{Row: n, Reason: "此行无法读取：" + err.Error()})
			cells = nil
		}
		if len(cells) > roster.MaxColumns {
			cells = cells[:roster.MaxColumns]
		}
		hasData = hasData || !blank(cells)
		rows = append(rows, cells)
		if !found {
			if _, ok := findHeader(rows); ok {
				found = true
			} else if n >= headerScan {
				return nil, hasData, nil, nil
			}
		}
	}
	if err := it.Error(); err != nil {
		return nil, hasData, nil, err
	}
	if !found {
		return nil, hasData, nil, nil
	}
	return rows, hasData, problems, nil
}

func columns(it *excelize.Rows) (cells []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			cells, err = nil, fmt.Errorf("%v", r)
		}
	}()
	return it.Columns()
}

// fillMerged copies each merged range's top-left value into its other
// cells, as people read a 支部 cell merged down its meetings.
func fillMerged(f *excelize.File, sheet string, sh *roster.Sheet) {
	merged, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return
	}
	maxCol := 0
	for _, r := range sh.Rows {
		maxCol = max(maxCol, len(r))
	}
	budget := 4 * roster.MaxRows
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r1 > len(sh.Rows) || c1 > maxCol || r2 < r1 || c2 < c1 {
			continue
		}
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

func readCSV(name string, b []byte) (*roster.Sheet, error) {
	text, err := decodeText(b)
	if err != nil {
		return nil, fmt.Errorf("无法识别“%s”的文字编码：%v", name, err)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sniffDelimiter(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	sh := &roster.Sheet{Name: strings.TrimSuffix(name, filepath.Ext(name))}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			sh.Problems = append(sh.Problems, roster.Issue{Row: len(sh.Rows) + 1, Reason: "此行及以后无法按 CSV 读取：" + err.Error()})
			break
		}
		if len(sh.Rows) >= roster.MaxRows {
			return nil, fmt.Errorf("“%s”超过导入上限 %d 行", name, roster.MaxRows)
		}
		if len(rec) > roster.MaxColumns {
			rec = rec[:roster.MaxColumns]
		}
		sh.Rows = append(sh.Rows, rec)
	}
	empty := true
	for _, row := range sh.Rows {
		empty = empty && blank(row)
	}
	if empty {
		return nil, fmt.Errorf("“%s”中没有任何数据", name)
	}
	if _, ok := findHeader(sh.Rows); !ok {
		return nil, noHeader(name)
	}
	return sh, nil
}

// decodeText turns CSV bytes into UTF-8: BOM-marked UTF-8 or UTF-16, plain
// UTF-8, else GB18030 (GBK's superset, what Chinese Excel saves as "CSV").
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

func sniffDelimiter(text string) rune {
	head := text[:min(len(text), 4096)]
	best, n := ',', strings.Count(head, ",")
	for _, c := range []rune{'\t', ';'} {
		if k := strings.Count(head, string(c)); k > n {
			best, n = c, k
		}
	}
	return best
}

func noHeader(name string) error {
	return fmt.Errorf("在“%s”的前 %d 行中没有找到会议记录台账的表头。表头行应包含“会议时间”（或“日期”），"+
		"以及“支部”“会议类型”“主题”等列中的至少两个。请检查表头是否写错，或删去表头上方多余的行后再导入", name, headerScan)
}

func blank(cells []string) bool {
	for _, c := range cells {
		if clean(c) != "" {
			return false
		}
	}
	return true
}
