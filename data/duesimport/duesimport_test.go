package duesimport

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"dangjian/data"
	"dangjian/data/sheet"
)

var ctx = context.Background()

func fixID(first17 string) string {
	c, _ := data.IDCheckChar(first17)
	return first17 + string(c)
}

type fixture struct {
	s      *data.Store
	b1, b2 data.OrgUnit
	ids    map[string]data.Member
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local)
	s, err := data.Open(filepath.Join(t.TempDir(), "t.db"), data.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f := &fixture{s: s, ids: map[string]data.Member{}}
	root, _ := s.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "总支"})
	f.b1, _ = s.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一支部"})
	f.b2, _ = s.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第二支部"})
	for i, p := range []struct {
		name   string
		branch int64
	}{{"张三", f.b1.ID}, {"李四", f.b1.ID}, {"王五", f.b2.ID}, {"赵六", f.b1.ID}, {"赵六", f.b2.ID}} {
		m := data.Member{Name: p.name, IDNumber: fixID(fmt.Sprintf("11010519800517%03d", i+1)), BranchID: p.branch,
			Standing: data.StandingFull, Status: data.StatusNormal, JoinDate: data.MustDate("2000-07-01"), DuesBase: 400000}
		m, _, err := s.SaveMember(ctx, data.RoleOffice, m)
		if err != nil {
			t.Fatal(err)
		}
		f.ids[fmt.Sprint(i+1)] = m
	}
	return f
}

// book writes an .xlsx with a title row above the header.
func book(t *testing.T, rows [][]any) string {
	t.Helper()
	x := excelize.NewFile()
	x.SetCellValue("Sheet1", "A1", "2026年度党费收缴登记表")
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			x.SetCellValue("Sheet1", cell, v)
		}
	}
	path := filepath.Join(t.TempDir(), "dues.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

var header = []any{"序号", "姓名", "身份证号码", "缴费基数", "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", "合计"}

func year(vals ...any) []any {
	out := make([]any, 12)
	for i := range out {
		out[i] = ""
	}
	copy(out, vals)
	return out
}

func row(n int, name, id, base string, months []any) []any {
	return append(append([]any{n, name, id, base}, months...), "")
}

func TestImportDues(t *testing.T) {
	f := newFixture(t)
	path := book(t, [][]any{
		header,
		row(1, "张三", f.ids["1"].IDNumber, "4000", year(40, 40, 40, 20)), // April short
		row(2, "李四", "", "6000.00", year("90", "90", "免缴")),             // by name; new base → 1.5%
		row(3, "王五", f.ids["3"].IDNumber, "", year("abc")),              // bad amount: whole row refused
		row(4, "赵六", "", "", year(40)),                                  // two 赵六, no ID
		row(5, "钱七", fixID("11010519800517099"), "", year(40)),          // not on the roster
		row(6, "王五", f.ids["1"].IDNumber, "", year(40)),                 // name differs from the ID's
		{"", "合计", "", "", 210},
	})
	sh, err := ReadFile(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlanImport(ctx, f.s, sh, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Adds) != 2 || p.RejectedRows() != 4 {
		t.Fatalf("adds %d rejected %v", len(p.Adds), p.Rejected)
	}
	want := map[int]string{5: "不是有效的数字", 6: "请填写身份证号码以区分", 7: "不在党员名册中", 8: "不符"}
	for _, is := range p.Rejected {
		if !strings.Contains(is.Reason, want[is.Row]) {
			t.Errorf("row %d: %q, want %q", is.Row, is.Reason, want[is.Row])
		}
	}
	// All or nothing: nothing written.
	if _, err := Apply(ctx, f.s, sh, 2026, sheet.AllOrNothing, nil); !errors.Is(err, sheet.ErrRejected) {
		t.Fatalf("all-or-nothing: %v", err)
	}
	if b, _ := f.s.DuesYearBook(ctx, 2026, 0); b.Line(b.Member(f.ids["1"].ID), data.MonthOf(2026, 1)).Row != nil {
		t.Fatal("all-or-nothing wrote a row")
	}
	res, err := Apply(ctx, f.s, sh, 2026, sheet.ValidOnly, nil)
	if err != nil || res.Imported != 2 {
		t.Fatalf("valid-only: %+v %v", res, err)
	}
	b, _ := f.s.DuesYearBook(ctx, 2026, 0)
	line := func(id string, mon int) data.DuesLine {
		return b.Line(b.Member(f.ids[id].ID), data.MonthOf(2026, time.Month(mon)))
	}
	if l := line("1", 4); l.State() != data.DuesShort || l.Paid() != 2000 || l.Due != 4000 {
		t.Errorf("张三 April: %+v %s", l.Row, l.State())
	}
	if l := line("2", 1); l.Due != 9000 || l.State() != data.DuesPaid {
		t.Errorf("李四 January with the new base: %+v", l.Row)
	}
	if l := line("2", 3); l.State() != data.DuesExempted {
		t.Errorf("李四 March: %s", l.State())
	}
	if l := line("3", 1); l.Row != nil {
		t.Error("王五's refused row was half-applied")
	}
	hist, _ := f.s.DuesBaseHistory(ctx, f.ids["2"].ID)
	if len(hist) != 1 || hist[0].Base != 600000 {
		t.Errorf("李四 base history %+v", hist)
	}
	// The same file again: the imported rows read as on file.
	res, err = Apply(ctx, f.s, sh, 2026, sheet.ValidOnly, nil)
	if err != nil || res.Imported != 0 || res.Unchanged != 2 {
		t.Errorf("again: %+v %v", res, err)
	}
	// A branch copy may import only its own members.
	f.s.SetRole(ctx, data.RoleOffice, data.Role{BranchID: f.b2.ID})
	p, err = PlanImport(ctx, f.s, sh, 2026)
	if err != nil {
		t.Fatal(err)
	}
	var rows []int
	for _, is := range p.Rejected {
		rows = append(rows, is.Row)
	}
	if !slices.Contains(rows, 3) {
		t.Errorf("branch 2 may import 张三 of branch 1: %v", p.Rejected)
	}
}

func TestMonthHeaders(t *testing.T) {
	for h, want := range map[string]int{"1月": 1, "01月": 1, "十二月": 12, "2026年3月": 3, "3月份": 3, "5": 5} {
		if n, ok := monthOf(h); !ok || n != want {
			t.Errorf("%q → %d %v", h, n, ok)
		}
	}
	if _, ok := monthOf("13月"); ok {
		t.Error("13月 accepted")
	}
}

// A 支部 column tells two members of the same name apart; a CSV works as
// the .xlsx does; a second row for the same member is refused.
func TestImportDuesByNameAndBranch(t *testing.T) {
	f := newFixture(t)
	csv := "党费收缴登记表\n姓名,所在支部,缴费基数,1月,2月\n赵六,第二支部,,40,40\n赵六,第一支部,,40,\n赵六,第二支部,,40,40\n"
	sh, err := ReadBytes("dues.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlanImport(ctx, f.s, sh, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Adds) != 2 || p.RejectedRows() != 1 || p.Rejected[0].Row != 5 || !strings.Contains(p.Rejected[0].Reason, "第 3 行已经出现过") {
		t.Fatalf("adds %d rejected %+v", len(p.Adds), p.Rejected)
	}
	if p.Adds[0].MemberID != f.ids["5"].ID || p.Adds[1].MemberID != f.ids["4"].ID || len(p.Adds[1].Payments) != 1 {
		t.Errorf("matched %+v", p.Adds)
	}
	if len(p.Warnings) == 0 || !strings.Contains(p.Warnings[0].Reason, "按姓名匹配") {
		t.Errorf("no warning about matching by name: %+v", p.Warnings)
	}
}
