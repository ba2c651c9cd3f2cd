package roster

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"dangjian/data"
	"dangjian/data/sheet"
)

// csvRoster is a small roster as text; the encodings below turn it into
// the bytes Excel writes for each "save as" choice.
func csvRoster(t testing.TB, sep string) string {
	rows := [][]string{
		{"第一车队党员花名册"},
		{"姓名", "性别", "身份证号码", "所在支部", "党籍状态", "入党时间", "转正时间", "备注"},
		{"张三", "男", idFor(t, "1980-01-02", 11), "第一车队党支部", "正式党员", "2005/7/1", "2006/7/1", "“优秀”党员，驾驶员"},
		{"李四", "女", idFor(t, "1982-02-03", 22), "机关党支部", "预备党员", "2026年5月1日", "", ""},
		{"合计", "2人"},
	}
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteString(sep)
			}
			if strings.ContainsAny(c, ",\"") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString("\r\n")
	}
	return b.String()
}

func TestCSVEncodings(t *testing.T) {
	text := csvRoster(t, ",")
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(csvRoster(t, "\t"))
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]byte{
		"UTF-8":                   []byte(text),
		"UTF-8 with BOM":          append([]byte{0xEF, 0xBB, 0xBF}, text...),
		"GBK (Excel, 中文 Windows)": []byte(gbk),
		"UTF-16 Unicode 文本":       []byte(utf16),
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			s, ids := orgStore(t)
			sh := mustRead(t, "花名册.csv", b)
			p := mustPlan(t, s, sh)
			if p.Header != 2 || len(p.Adds) != 2 || len(p.Rejected) != 0 || len(p.Skipped) != 1 {
				t.Fatalf("header %d adds %d rejected %+v skipped %+v", p.Header, len(p.Adds), p.Rejected, p.Skipped)
			}
			a := p.Adds[0].Member
			if a.Name != "张三" || a.BranchID != ids["第一车队党支部"] || a.JoinDate != data.MustDate("2005-07-01") || a.Remarks != "“优秀”党员，驾驶员" {
				t.Errorf("row 3: %+v", a)
			}
			if b := p.Adds[1].Member; b.Name != "李四" || b.JoinDate != data.MustDate("2026-05-01") || b.BranchID != ids["机关党支部"] {
				t.Errorf("row 4: %+v", b)
			}
		})
	}
}

func TestReadErrorsAreClearAndChinese(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "大.xlsx")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(sheet.MaxFileBytes + 1) // sparse: the size check must come before reading
	f.Close()
	if _, err := ReadFile(big, nil); err == nil || !strings.Contains(err.Error(), "超过导入上限") {
		t.Errorf("too big: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "没有.xlsx"), nil); err == nil || !strings.Contains(err.Error(), "找不到文件") {
		t.Errorf("missing: %v", err)
	}
	if _, err := ReadFile(dir, nil); err == nil || !strings.Contains(err.Error(), "文件夹") {
		t.Errorf("directory: %v", err)
	}
	// An OLE container (legacy .xls, or an encrypted .xlsx holding an
	// "EncryptionInfo" stream, its name in UTF-16LE).
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)
	var encryptionInfo []byte
	for _, r := range "EncryptionInfo" {
		encryptionInfo = append(encryptionInfo, byte(r), 0)
	}
	cases := []struct {
		name string
		b    []byte
		want string
	}{
		{"空.xlsx", nil, "空文件"},
		{"空.csv", []byte("\r\n  \r\n"), "空文件"},
		{"加密.xlsx", append(append(append([]byte{}, ole...), encryptionInfo...), 0, 0), "密码"},
		{"旧.xls", ole, ".xls"},
		{"照片.xlsx", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "不是有效的 Excel 工作簿"},
		{"照片.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "不是 Excel 表格"},
		{"坏.xlsx", []byte("PK\x03\x04 this is not a zip"), "不是有效的 Excel 工作簿"},
		{"无表头.csv", []byte("a,b,c\n1,2,3\n"), "没有找到表头"},
		{"只有标题.csv", []byte("第一车队党员花名册\n\n"), "公民身份号码"},
		{"空表.xlsx", buildXLSX(t, sheetSpec{}), "都是空的"},
		{"无表头.xlsx", buildXLSX(t, sheetSpec{rows: [][]cell{{"统计表"}, {"人数", 58}}}), "没有找到表头"},
	}
	for _, c := range cases {
		_, err := ReadBytes(c.name, c.b)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

func TestTheRosterSheetIsFoundAmongOthers(t *testing.T) {
	f := buildXLSX(t, sheetSpec{name: "说明", rows: [][]cell{{"填表说明：请勿修改表头"}, {"1. 日期写成 2010-07-01"}}})
	sh, err := ReadBytes("x.xlsx", f)
	if err == nil {
		t.Fatalf("a workbook without a roster was read: %+v", sh)
	}
	// Add the roster as a second sheet.
	b := addSheet(t, f, "花名册", [][]cell{{"姓名", "性别", "身份证号"}, {"张三", "男", idFor(t, "1980-01-02", 11)}})
	sh = mustRead(t, "x.xlsx", b)
	if sh.Name != "花名册" || len(sh.Rows) != 2 {
		t.Errorf("read sheet %q with %d rows", sh.Name, len(sh.Rows))
	}
}

func TestReadFileReportsProgress(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.xlsx")
	if err := os.WriteFile(path, demoRoster(t, 300), 0o644); err != nil {
		t.Fatal(err)
	}
	var last float64
	sh, err := ReadFile(path, func(f float64) { last = f })
	if err != nil || len(sh.Rows) < 301 || last != 1 {
		t.Fatalf("rows %d, last progress %v, %v", len(sh.Rows), last, err)
	}
}

func TestCSVBrokenQuoteKeepsTheRowsBefore(t *testing.T) {
	s, _ := orgStore(t)
	text := "姓名,身份证号,所在支部,党籍状态,入党日期,转正日期\n" +
		"张三," + idFor(t, "1980-01-02", 11) + ",机关党支部,正式党员,2005-07-01,2006-07-01\n" +
		"李四,\"" + idFor(t, "1980-01-02", 13) + ",机关党支部,正式党员\n"
	sh := mustRead(t, "x.csv", []byte(text))
	p := mustPlan(t, s, sh)
	if len(p.Adds) != 1 || p.RejectedRows() != 1 {
		t.Errorf("adds %d rejected %+v", len(p.Adds), p.Rejected)
	}
	res, err := Apply(ctx, s, sh, AllOrNothing, nil)
	if err == nil || res.Imported != 0 {
		t.Errorf("all-or-nothing with a broken row: %+v %v", res, err)
	}
}

func TestSemicolonAndBOMlessUTF8(t *testing.T) {
	text := strings.ReplaceAll(csvRoster(t, ";"), "“优秀”党员，驾驶员", "")
	sh := mustRead(t, "x.csv", []byte(text))
	if len(sh.Rows[1]) != 8 || sh.Rows[1][2] != "身份证号码" {
		t.Errorf("semicolon CSV: %q", sh.Rows[1])
	}
	if !bytes.Equal([]byte(sh.Rows[2][0]), []byte("张三")) {
		t.Errorf("%q", sh.Rows[2])
	}
}

// TestReadWithAnotherHeaderRule reads the same workbook with the roster's
// rule and with one looking for a 台账 header: each takes its own sheet,
// and the rule's message and noun are what the user sees.
func TestReadWithAnotherHeaderRule(t *testing.T) {
	var seen int
	ledger := sheet.HeaderRule{
		Find: func(rows [][]string) (int, bool) {
			seen = max(seen, len(rows))
			for i, r := range rows {
				if len(r) > 0 && r[0] == "会议时间" {
					return i, true
				}
			}
			return -1, false
		},
		NotFound: func(name string) error { return errors.New("没有台账表头：" + name) },
		Noun:     "会议记录台账",
	}
	f := buildXLSX(t, sheetSpec{name: "台账", rows: [][]cell{{"2024年会议记录台账"}, {"会议时间", "主题"}, {"2024-01-02", "学习"}}})
	b := addSheet(t, f, "花名册", [][]cell{{"姓名", "性别", "身份证号"}, {"张三", "男", idFor(t, "1980-01-02", 11)}})
	if sh := mustRead(t, "x.xlsx", b); sh.Name != "花名册" {
		t.Errorf("the roster rule took sheet %q", sh.Name)
	}
	sh, err := sheet.ReadBytes("x.xlsx", b, ledger)
	if err != nil || sh.Name != "台账" || len(sh.Rows) != 3 {
		t.Fatalf("the ledger rule: %+v %v", sh, err)
	}
	if _, err := sheet.ReadBytes("花名册.xlsx", addSheet(t, buildXLSX(t, sheetSpec{name: "说明", rows: [][]cell{{"说明"}}}), "花名册",
		[][]cell{{"姓名", "性别", "身份证号"}}), ledger); err == nil || err.Error() != "没有台账表头：花名册.xlsx" {
		t.Errorf("no ledger header: %v", err)
	}
	if _, err := sheet.ReadBytes("x.csv", []byte(csvRoster(t, ",")), ledger); err == nil || !strings.Contains(err.Error(), "没有台账表头") {
		t.Errorf("CSV without a ledger header: %v", err)
	}
	// The rule is shown the first sheet.HeaderScan rows at most.
	seen = 0
	long := "会议时间,主题\n" + strings.Repeat("2024-01-02,学习\n", 3*sheet.HeaderScan)
	if sh, err := sheet.ReadBytes("台账.csv", []byte(long), ledger); err != nil || len(sh.Rows) != 1+3*sheet.HeaderScan || seen != sheet.HeaderScan {
		t.Errorf("long CSV: %v, Find saw %d rows", err, seen)
	}
	dir := t.TempDir()
	if _, err := sheet.ReadFile(dir, nil, ledger); err == nil || !strings.Contains(err.Error(), "请选择会议记录台账文件") {
		t.Errorf("directory: %v", err)
	}
	if _, err := sheet.ReadBytes("大.xlsx", make([]byte, sheet.MaxFileBytes+1), ledger); err == nil || !strings.Contains(err.Error(), "会议记录台账通常只有几百 KB") {
		t.Errorf("too big: %v", err)
	}
}
