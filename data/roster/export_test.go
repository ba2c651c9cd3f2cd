package roster

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"dangjian/data"
)

func openXLSX(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestExportIsFormulaSafeAndKeepsIDNumbersAsText(t *testing.T) {
	id := idFor(t, "1990-03-07", 123)
	ms := []data.Member{
		{ID: 1, Name: "=1+1", IDNumber: id, BranchID: 7, Remarks: "+SUM(A1:A9)", Phone: "13800138000", DuesBase: 520050,
			BirthDate: data.MustDate("1990-03-07"), Standing: data.StandingFull, FullDate: data.MustDate("2015-07-01")},
		{ID: 2, Name: "-2", Remarks: "@cmd|' /C calc'!A0", Address: "\t=HYPERLINK(\"http://x\")", JobPost: "\r=1"},
		{ID: 3, Name: "张三", Remarks: "正常的备注 = 不是公式", StaffNo: "00123"},
	}
	cols := []Column{{"name", "姓名"}, {"id_number", ""}, {"branch", "所在支部"}, {"remarks", "备注"}, {"address", ""},
		{"job_post", ""}, {"phone", "手机"}, {"dues_base", ""}, {"age", ""}, {"party_years", ""}, {"staff_no", ""}}
	var buf bytes.Buffer
	today := data.MustDate("2026-11-27")
	if err := ExportMembers(&buf, cols, ms, func(id int64) string { return map[int64]string{7: "第一车队党支部"}[id] }, today); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, buf.Bytes())
	sheet := f.GetSheetName(0)
	head, _ := f.GetRows(sheet)
	if got := strings.Join(head[0], "|"); got != "姓名|公民身份号码|所在支部|备注|家庭住址|岗位|手机|党费基数（元/月）|年龄|党龄|工号" {
		t.Errorf("header %q", got)
	}
	cellIs := func(ref, want string) {
		t.Helper()
		v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		if err != nil || v != want {
			t.Errorf("%s = %q, want %q (%v)", ref, v, want, err)
		}
		if fm, _ := f.GetCellFormula(sheet, ref); fm != "" {
			t.Errorf("%s holds a formula %q", ref, fm)
		}
	}
	// Risky text is written as it is — no visible apostrophe — as a text
	// cell in a Text-formatted column: never a formula.
	cellIs("A2", "=1+1")
	cellIs("D2", "+SUM(A1:A9)")
	cellIs("A3", "-2")
	cellIs("D3", "@cmd|' /C calc'!A0")
	cellIs("E3", "\t=HYPERLINK(\"http://x\")")
	cellIs("F3", "\r=1")
	for _, ref := range []string{"A2", "D2", "A3", "D3", "E3", "F3"} {
		if typ, _ := f.GetCellType(sheet, ref); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("%s is stored as %v, not text", ref, typ)
		}
		st, _ := f.GetCellStyle(sheet, ref)
		if style, err := f.GetStyle(st); err != nil || style.NumFmt != 49 {
			t.Errorf("%s not text-formatted: %+v %v", ref, style, err)
		}
	}
	cellIs("D4", "正常的备注 = 不是公式")
	cellIs("B2", id)
	cellIs("C2", "第一车队党支部")
	cellIs("G2", "13800138000")
	cellIs("H2", "5200.50")
	cellIs("I2", "36")
	cellIs("J2", "11")
	cellIs("K4", "00123")
	for _, ref := range []string{"B2", "G2", "K4"} {
		if typ, _ := f.GetCellType(sheet, ref); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("%s is stored as %v, not text", ref, typ)
		}
	}
	if panes, err := f.GetPanes(sheet); err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
	st, _ := f.GetCellStyle(sheet, "A1")
	if style, err := f.GetStyle(st); err != nil || style.Font == nil || !style.Font.Bold {
		t.Errorf("header not bold: %+v %v", style, err)
	}
	st, _ = f.GetCellStyle(sheet, "B2")
	if style, err := f.GetStyle(st); err != nil || style.NumFmt != 49 {
		t.Errorf("ID cell not text-formatted: %+v %v", style, err)
	}

	// Imported back, the escaped values are what was exported.
	sh := mustRead(t, "export.xlsx", buf.Bytes())
	if got := cleanText(sh.Rows[1][0]); got != "=1+1" {
		t.Errorf("round trip of =1+1: %q", got)
	}
	if err := ExportMembers(&buf, []Column{{"nonsense", "x"}}, ms, nil, today); err == nil {
		t.Error("an unknown column was accepted")
	}
}

// TestExportImportRoundTrip exports the demo roster and imports it into
// an empty database, then into the database it came from.
func TestExportImportRoundTrip(t *testing.T) {
	file := demoRoster(t, 300)
	s := openStore(t)
	sh := mustRead(t, "花名册.xlsx", file)
	p := mustPlan(t, s, sh)
	if len(p.Rejected) != 0 || len(p.Adds) != 300 || !p.NewGeneral || len(p.NewBranches) < 5 || len(p.Unknown) != 0 {
		t.Fatalf("adds %d, rejected %+v, branches %q, unknown %q", len(p.Adds), first(p.Rejected), p.NewBranches, p.Unknown)
	}
	res, err := Apply(ctx, s, sh, AllOrNothing, nil)
	if err != nil || res.Imported != 300 {
		t.Fatalf("%+v %v", res.Imported, err)
	}
	// Exported again from the new database, the file reads the same.
	ms, _ := s.Members(ctx, data.MemberFilter{Roster: data.RosterAll})
	names, _ := s.UnitNames(ctx)
	var again bytes.Buffer
	if err := ExportMembers(&again, DefaultColumns(), ms, func(id int64) string { return names[id] }, data.Today()); err != nil {
		t.Fatal(err)
	}
	a, b := rowSet(mustRead(t, "a.xlsx", file)), rowSet(mustRead(t, "b.xlsx", again.Bytes()))
	if len(a) != len(b) {
		t.Fatalf("%d vs %d rows", len(a), len(b))
	}
	for row := range a {
		if !b[row] {
			t.Errorf("row lost in the round trip: %s", row)
			break
		}
	}
	// And into the same database it changes nothing.
	p = mustPlan(t, s, sh)
	if p.Unchanged != 300 || len(p.Updates) != 0 || len(p.Adds) != 0 {
		t.Errorf("re-import: unchanged %d, updates %d (%q), adds %d", p.Unchanged, len(p.Updates), firstFields(p.Updates), len(p.Adds))
	}
}

func rowSet(sh *Sheet) map[string]bool {
	out := map[string]bool{}
	for _, r := range sh.Rows[1:] {
		out[strings.Join(r, "|")] = true
	}
	return out
}

func firstFields(us []Update) [][]string {
	var out [][]string
	for _, u := range us[:min(3, len(us))] {
		out = append(out, u.Fields)
	}
	return out
}

func TestRejectionsFileCanBeFixedAndImported(t *testing.T) {
	m := newMessy(t)
	s, ids := orgStore(t)
	seedZhou(t, s, ids, m)
	p := mustPlan(t, s, mustRead(t, "messy.xlsx", m.file))
	var buf bytes.Buffer
	if err := WriteRejections(&buf, p); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, buf.Bytes())
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "不能导入的行" || got[1] != "问题明细" {
		t.Fatalf("sheets %q", got)
	}
	rows, err := f.GetRows("不能导入的行")
	if err != nil || len(rows) != 3 {
		t.Fatalf("rows %q %v", rows, err)
	}
	if strings.Join(rows[0][:6], "|") != "行号|列|原因|序号|姓  名|性别" {
		t.Errorf("header %q", rows[0])
	}
	if rows[1][0] != "8" || rows[1][1] != "身份证号码（必填）" || !strings.Contains(rows[1][2], "科学计数法") || rows[1][4] != "赵六" || rows[1][8] != "1.10105E+17" {
		t.Errorf("row for sheet row 8: %q", rows[1])
	}
	if rows[2][0] != "9" || rows[2][4] != "钱七" || rows[2][7] != "1975-04-12" && rows[2][7] != "" {
		t.Errorf("row for sheet row 9: %q", rows[2])
	}
	detail, _ := f.GetRows("问题明细")
	if len(detail) != 3 || detail[1][0] != "8" {
		t.Errorf("detail %q", detail)
	}

	// The office corrects 赵六's number and imports the file as it is.
	fixed := idFor(t, "1990-01-01", 51)
	if err := f.SetCellStr("不能导入的行", "I2", fixed); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr("不能导入的行", "I3", idFor(t, "1985-05-05", 71)); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	p2 := mustPlan(t, s, mustRead(t, "fixed.xlsx", out.Bytes()))
	if len(p2.Adds) != 2 || len(p2.Rejected) != 0 || !strings.Contains(strings.Join(p2.Columns, ";"), "行号 → 不导入") {
		t.Errorf("re-import: adds %d rejected %+v columns %q", len(p2.Adds), p2.Rejected, p2.Columns)
	}
}
