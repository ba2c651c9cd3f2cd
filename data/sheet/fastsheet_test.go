package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/xuri/excelize/v2"
)

// slowRows reads a sheet the way excelize's streaming reader does.
func slowRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	it, err := f.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	var out [][]string
	for it.Next() {
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, trimRow(cells))
	}
	return trimRows(out)
}

func trimRows(rows [][]string) [][]string {
	for len(rows) > 0 && len(rows[len(rows)-1]) == 0 {
		rows = rows[:len(rows)-1]
	}
	for i := range rows {
		if len(rows[i]) == 0 {
			rows[i] = nil
		}
	}
	return rows
}

// nasty are values that exercise escaping in XML and in OOXML strings.
var nasty = []any{
	"张三", " 前后有空格 ", "a & b < c > d", `"引号" 'apos'`, "第一行\n第二行", "回车\r\n换行", "_x000D_ literal",
	"tab\tinside", "=1+1", "'quoted", "１２３", "😀 emoji", "\u3000全角空格", "", 0, 42, -3.5, 1.1e17, 110105199003071234,
	0.1 + 0.2, true, false, time.Date(2010, 7, 1, 0, 0, 0, 0, time.UTC), time.Date(1990, 1, 1, 12, 30, 0, 0, time.UTC),
	strings.Repeat("长", 300), "&amp; already escaped", "]]> cdata end", "\x01 control",
}

// TestFastReaderAgreesWithExcelize builds sheets of every kind of cell
// excelize writes — shared and inline strings, rich text, numbers,
// booleans, dates, formulas, merged and sparse cells, wide and empty rows
// — and checks that the fast reader returns what Rows() does.
func TestFastReaderAgreesWithExcelize(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 40; round++ {
		f := excelize.NewFile()
		sheet := "Sheet1"
		nRows, nCols := 1+rng.IntN(30), 1+rng.IntN(20)
		if round%4 == 3 {
			// Streamed sheets use inline strings.
			sw, err := f.NewStreamWriter(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for r := 1; r <= nRows; r += 1 + rng.IntN(3) {
				row := make([]any, nCols)
				for c := range row {
					if rng.IntN(3) > 0 {
						row[c] = nasty[rng.IntN(len(nasty))]
					}
				}
				ref, _ := excelize.CoordinatesToCellName(1+rng.IntN(2), r)
				if err := sw.SetRow(ref, row); err != nil {
					t.Fatal(err)
				}
			}
			if err := sw.Flush(); err != nil {
				t.Fatal(err)
			}
		} else {
			for r := 1; r <= nRows; r++ {
				for c := 1; c <= nCols; c++ {
					if rng.IntN(3) == 0 {
						continue
					}
					ref, _ := excelize.CoordinatesToCellName(c, r)
					switch rng.IntN(10) {
					case 0:
						f.SetCellFormula(sheet, ref, "1+1")
					case 1:
						f.SetCellRichText(sheet, ref, []excelize.RichTextRun{{Text: "粗", Font: &excelize.Font{Bold: true}}, {Text: "体 & <细>"}})
					case 2:
						f.SetCellStr(sheet, ref, fmt.Sprint(nasty[rng.IntN(len(nasty))]))
					default:
						f.SetCellValue(sheet, ref, nasty[rng.IntN(len(nasty))])
					}
				}
			}
			if round%3 == 0 {
				f.MergeCell(sheet, "A1", "C2")
			}
		}
		var buf bytes.Buffer
		if _, err := f.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		f.Close()
		g, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		want := slowRows(t, g, sheet)
		zb, err := openZipBook("t.xlsx", buf.Bytes(), HeaderRule{})
		if err != nil || len(zb.sheets) != 1 {
			t.Fatalf("round %d: open: %v", round, err)
		}
		raw := zipPart(t, buf.Bytes(), zb.sheets[0].path)
		got, err := fastRows(raw, zb.sst, MaxRows)
		if err != nil {
			t.Fatalf("round %d: fast reader: %v", round, err)
		}
		// Streamed a byte at a time through the smallest window, every
		// tag and text crosses the window's edge somewhere.
		if streamed := streamRows(t, raw, zb.sst); !reflect.DeepEqual(trimRows(streamed), trimRows(got)) {
			t.Fatalf("round %d: streamed %q\nin memory %q", round, streamed, got)
		}
		got = trimRows(got)
		if !reflect.DeepEqual(got, want) {
			for i := range max(len(got), len(want)) {
				var a, b []string
				if i < len(got) {
					a = got[i]
				}
				if i < len(want) {
					b = want[i]
				}
				if !reflect.DeepEqual(a, b) {
					t.Fatalf("round %d row %d:\nfast %q\nslow %q", round, i+1, a, b)
				}
			}
		}
		g.Close()
	}
}

func TestFastReaderGivesUpOnTheUnexpected(t *testing.T) {
	cases := []string{
		`<worksheet><sheetData><row r="2"><c r="A2"><v>1</v></c></row><row r="1"></row></sheetData></worksheet>`,      // rows out of order
		`<worksheet><sheetData><row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row></sheetData></worksheet>`, // cells out of order
		`<worksheet><sheetData><row r="1"><c r="A1"><v><![CDATA[x]]></v></c></row></sheetData></worksheet>`,
		`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>5</v></c></row></sheetData></worksheet>`, // no such string
		`<worksheet><sheetData><row r="1"><c r="A1"><v>1</v>`,                                         // cut off
		`<worksheet></worksheet>`,
	}
	for _, c := range cases {
		if rows, err := fastRows([]byte(c), []string{"a"}, MaxRows); err != errFallback {
			t.Errorf("%s: %q, %v", c, rows, err)
		}
	}
	rows, err := fastRows([]byte(`<?xml version="1.0"?><x:worksheet><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row><x:row/><x:row><x:c r="C3" t="s"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>`), []string{"乙"}, MaxRows)
	if err != nil || !reflect.DeepEqual(rows, [][]string{{"甲", "2"}, nil, {"", "", "乙"}}) {
		t.Errorf("prefixed, implicit references: %q %v", rows, err)
	}
}

// rewritePart returns the .xlsx with one part's content changed.
func rewritePart(t *testing.T, file []byte, name string, edit func([]byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if zf.Name == name {
			b = edit(b)
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// nameRule takes the first row whose first cell is 姓名 as the header.
var nameRule = HeaderRule{Find: func(rows [][]string) (int, bool) {
	for i, r := range rows {
		if len(r) > 0 && r[0] == "姓名" {
			return i, true
		}
	}
	return -1, false
}}

// mergedBook is a small roster-like workbook: a merged title, a header,
// and a branch cell merged down its members.
func mergedBook(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"第一车队党员花名册"},
		{},
		{"姓名", "性别", "出生日期", "所在支部", "备注"},
		{"张三", "男", 27498, "第一车队党支部", " 老党员 "},
		{"李梅", "女", "1988/3/5", nil, "a & b < c"},
		{"王建国", "男", nil, nil, nil},
	}
	for r, row := range rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			f.SetCellValue("Sheet1", ref, v)
		}
	}
	f.SetSheetName("Sheet1", "花名册")
	f.MergeCell("花名册", "A1", "E1")
	f.MergeCell("花名册", "D4", "D6")
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestFallbackReaderGivesTheSameSheet makes the fast reader give up (an
// XML comment in the cells, which Excel never writes) and checks that
// excelize's reader then yields the same sheet, merged cells included.
func TestFallbackReaderGivesTheSameSheet(t *testing.T) {
	file := mergedBook(t)
	odd := rewritePart(t, file, "xl/worksheets/sheet1.xml", func(b []byte) []byte {
		return bytes.Replace(b, []byte("<sheetData>"), []byte("<sheetData><!-- 手工编辑 -->"), 1)
	})
	zb, err := openZipBook("odd.xlsx", odd, nameRule)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := readZip("odd.xlsx", zb, nil, nameRule); ok {
		t.Fatalf("the fast reader did not give up: %v", err)
	}
	fast, err := ReadBytes("a.xlsx", file, nameRule)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := ReadBytes("b.xlsx", odd, nameRule)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(trimRows(fast.Rows), trimRows(slow.Rows)) || fast.Name != slow.Name {
		t.Fatalf("fast %q\nslow %q", fast.Rows, slow.Rows)
	}
	if slow.Rows[5][3] != "第一车队党支部" || slow.Rows[0][4] != "第一车队党员花名册" {
		t.Errorf("merged cells not filled on the slow path: %q", slow.Rows)
	}
}

func TestIsNumberAndSerialDate(t *testing.T) {
	for s, want := range map[string]bool{"0": true, "40360": true, "40360.5": true, "1.": false, ".5": false,
		"1.2.3": false, "": false, "1e5": false, "-1": false, "１２": false} {
		if IsNumber(s) != want {
			t.Errorf("IsNumber(%q) = %v", s, !want)
		}
	}
	if d := SerialDate(40360, false); d.String() != "2010-07-01" {
		t.Errorf("SerialDate 1900 = %s", d)
	}
	if d := SerialDate(38898, true); d.String() != "2010-07-01" {
		t.Errorf("SerialDate 1904 = %s", d)
	}
}

func TestMatchHeader(t *testing.T) {
	table := map[string]string{"姓名": "name", "应到人数": "expected", "党费基数(元)": "dues"}
	for raw, want := range map[string]string{"姓  名": "name", "姓名（必填）": "name", "*姓名：": "name",
		"应到人数（人）": "expected", "党费基数（元）": "dues", "党费基数": "", "（备注）": ""} {
		got, ok := MatchHeader(raw, table)
		if got != want || ok != (want != "") {
			t.Errorf("MatchHeader(%q) = %q %v, want %q", raw, got, ok, want)
		}
	}
}

// zipPart is one part of a zip file.
func zipPart(t *testing.T, file []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("no part %s", name)
	return nil
}

// streamRows reads a worksheet's rows one byte at a time through a
// window of 16 bytes.
func streamRows(t *testing.T, raw []byte, sst []string) [][]string {
	t.Helper()
	defer func(n int) { scanBufSize = n }(scanBufSize)
	scanBufSize = 16
	var rows [][]string
	_, err := newStreamScan(iotest.OneByteReader(bytes.NewReader(raw))).sheetRows(sst, MaxRows, func(n int, cells []string) bool {
		for len(rows) < n-1 {
			rows = append(rows, nil)
		}
		rows = append(rows, cells)
		return true
	})
	if err != nil {
		t.Fatalf("streamed: %v", err)
	}
	return rows
}

// bigMergedBook is mergedBook with n members under the header, a branch
// cell merged down each ten of them, and a merged footer.
func bigMergedBook(t *testing.T, n int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "花名册")
	f.NewSheet("说明")
	f.SetCellValue("说明", "A1", "本表由党总支办公室汇总")
	f.SetSheetRow("花名册", "A1", &[]any{"第一车队党员花名册"})
	f.SetSheetRow("花名册", "A3", &[]any{"姓名", "性别", "出生日期", "所在支部", "备注"})
	for i := 0; i < n; i++ {
		ref, _ := excelize.CoordinatesToCellName(1, 4+i)
		row := []any{fmt.Sprintf("党员%d", i), "男", 27498 + i, nil, "a & b < c"}
		if i%10 == 0 {
			row[3] = fmt.Sprintf("第%d党支部", i/10+1)
		}
		f.SetSheetRow("花名册", ref, &row)
	}
	for i := 0; i < n; i += 10 {
		f.MergeCell("花名册", fmt.Sprintf("D%d", 4+i), fmt.Sprintf("D%d", min(4+i+9, 3+n)))
	}
	f.MergeCell("花名册", "A1", "E1")
	f.SetCellValue("花名册", fmt.Sprintf("A%d", 5+n), "合计")
	f.MergeCell("花名册", fmt.Sprintf("A%d", 5+n), fmt.Sprintf("C%d", 5+n))
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestLargeSheetReadsAsSmall: a worksheet bigger than the window the
// reader streams through, and bigger than the size up to which excelize
// holds a part in memory (both lowered here rather than writing hundreds
// of megabytes), reads exactly as when everything fits — merged cells
// included — on the fast path and on excelize's.
func TestLargeSheetReadsAsSmall(t *testing.T) {
	file := bigMergedBook(t, 300)
	want, err := ReadBytes("a.xlsx", file, nameRule)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Rows) != 305 || want.Rows[12][3] != "第1党支部" || want.Rows[13][3] != "第2党支部" ||
		want.Rows[0][4] != "第一车队党员花名册" || want.Rows[304][2] != "合计" {
		t.Fatalf("merged cells not filled: %q %q %q", want.Rows[0], want.Rows[12], want.Rows[304])
	}
	defer func(n int, m int64) { scanBufSize, unzipXMLLimit = n, m }(scanBufSize, unzipXMLLimit)
	sheetSize := len(zipPart(t, file, "xl/worksheets/sheet1.xml"))
	scanBufSize, unzipXMLLimit = 64, 1024
	if sheetSize < 8*scanBufSize || int64(sheetSize) < 8*unzipXMLLimit {
		t.Fatalf("the sheet (%d bytes) is not larger than the limits", sheetSize)
	}
	// The cells in a shape only excelize reads (an XML comment).
	odd := rewritePart(t, file, "xl/worksheets/sheet1.xml", func(b []byte) []byte {
		return bytes.Replace(b, []byte("<sheetData>"), []byte("<sheetData><!-- 手工编辑 -->"), 1)
	})
	if refs, ok := zipMergeRefs(odd, "xl/worksheets/sheet1.xml"); !ok || len(refs) != 32 || refs[0] != "D4:D13" || refs[31] != "A305:C305" {
		t.Fatalf("merged ranges streamed from the zip: %v %q", ok, refs)
	}
	for name, f := range map[string][]byte{"streamed": file, "excelize": odd} {
		got, err := ReadBytes("b.xlsx", f, nameRule)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(trimRows(got.Rows), trimRows(want.Rows)) || got.Name != want.Name || got.Date1904 != want.Date1904 {
			for i := range min(len(got.Rows), len(want.Rows)) {
				if !reflect.DeepEqual(got.Rows[i], want.Rows[i]) {
					t.Fatalf("%s: row %d: %q, want %q", name, i+1, got.Rows[i], want.Rows[i])
				}
			}
			t.Fatalf("%s: %d rows %q, want %d %q", name, len(got.Rows), got.Name, len(want.Rows), want.Name)
		}
	}
}
