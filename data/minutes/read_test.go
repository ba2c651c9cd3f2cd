package minutes

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestReadTakesTheLedgerSheet: the ledger is found behind an active 说明
// sheet and a member roster, merged cells filled, whichever of roster's
// two xlsx readers takes the sheet.
func TestReadTakesTheLedgerSheet(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(xlsx(t, "机关党支部会议记录台账", [][]any{ledgerHeader,
		meetingRow(1, "机关党支部", "支委会", "研究六月工作", "2024-06-03", 5, 5, "", "")})))
	if err != nil {
		t.Fatal(err)
	}
	f.SetSheetName("Sheet1", "台账")
	f.NewSheet("花名册")
	f.SetSheetRow("花名册", "A1", &[]any{"序号", "姓名", "性别", "身份证号码", "所在支部"})
	i, _ := f.NewSheet("说明")
	f.SetCellValue("说明", "A1", "填表说明")
	f.SetActiveSheet(i)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	sh, err := ReadBytes("台账.xlsx", buf.Bytes())
	if err != nil || sh.Name != "台账" || len(sh.Rows) != 3 || sh.Rows[0][5] != "机关党支部会议记录台账" {
		t.Fatalf("%+v %v", sh, err)
	}
	// An XML comment in the cells makes the fast reader give up.
	g, _ := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	v, _ := g.Pkg.Load("xl/worksheets/sheet1.xml")
	g.Pkg.Store("xl/worksheets/sheet1.xml", bytes.Replace(v.([]byte), []byte("<sheetData>"), []byte("<sheetData><!-- 手工 -->"), 1))
	buf.Reset()
	g.Write(&buf)
	g.Close()
	slow, err := ReadBytes("台账.xlsx", buf.Bytes())
	if err != nil || slow.Name != sh.Name || !reflect.DeepEqual(slow.Rows, sh.Rows) {
		t.Fatalf("slow path: %+v %v", slow, err)
	}
}

func TestReadErrorsNameTheLedger(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadFile(dir, nil); err == nil || !strings.Contains(err.Error(), "请选择会议记录台账文件") {
		t.Errorf("directory: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "没有.xlsx"), nil); err == nil || !strings.Contains(err.Error(), "找不到文件") {
		t.Errorf("missing: %v", err)
	}
	if _, err := ReadBytes("台账.csv", []byte("机关党支部会议台账\n序号,姓名\n")); err == nil ||
		!strings.Contains(err.Error(), "前 15 行中没有找到会议记录台账的表头") {
		t.Errorf("no header: %v", err)
	}
	path := filepath.Join(dir, "台账.xlsx")
	if err := os.WriteFile(path, xlsx(t, "台账", [][]any{ledgerHeader, meetingRow(1, "机关党支部", "党课", "党课", "2024-06-03", 5, 5, "", "")}), 0o644); err != nil {
		t.Fatal(err)
	}
	var last float64
	if sh, err := ReadFile(path, func(f float64) { last = f }); err != nil || len(sh.Rows) != 3 || last != 1 {
		t.Errorf("read %+v, progress %v, %v", sh, last, err)
	}
}
