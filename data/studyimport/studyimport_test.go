package studyimport

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"dangjian/data"
	"dangjian/data/sheet"
)

var ctx = context.Background()

func idOf(birth, seq string) string {
	first := "110101" + birth + seq
	c, err := data.IDCheckChar(first)
	if err != nil {
		panic(err)
	}
	return first + string(c)
}

// fixture: 第一支部 with 王建国, 李红 and two 张伟 (one without an ID
// number), 第二支部 with 赵强, and 钱多 who moved away (转出).
type fixture struct {
	s      *data.Store
	b1, b2 data.OrgUnit
	m      map[string]data.Member
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "t.db"), data.Options{
		Now: func() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f := &fixture{s: s, m: map[string]data.Member{}}
	err = s.Write(ctx, func(tx *data.Tx) error {
		root, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "中共示范公司总支部委员会"})
		if err != nil {
			return err
		}
		if f.b1, err = tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一支部"}); err != nil {
			return err
		}
		if f.b2, err = tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第二支部"}); err != nil {
			return err
		}
		for _, c := range []struct {
			name, id, status string
			branch           int64
		}{
			{"王建国", idOf("19700101", "011"), data.StatusNormal, f.b1.ID},
			{"李红", idOf("19700102", "022"), data.StatusNormal, f.b1.ID},
			{"张伟", idOf("19700103", "011"), data.StatusNormal, f.b1.ID},
			{"张伟", "", data.StatusNormal, f.b1.ID},
			{"赵强", idOf("19700104", "011"), data.StatusNormal, f.b2.ID},
			{"钱多", idOf("19700105", "011"), data.StatusOut, f.b1.ID},
		} {
			m, _, err := tx.SaveMember(data.RoleOffice, data.Member{Name: c.name, IDNumber: c.id, BranchID: c.branch, Standing: data.StandingFull,
				Status: c.status, JoinDate: data.MustDate("2000-07-01"), FullDate: data.MustDate("2001-07-01")})
			if err != nil {
				return err
			}
			if c.id != "" || f.m[c.name].ID == 0 {
				f.m[c.name] = m
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

var head = []any{"序号", "姓名", "身份证号码", "学习日期", "学习内容", "学时", "学习形式"}

func ledger(t *testing.T, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.SetSheetRow(sh, "A1", &[]any{"2026年第一支部党员学习台账"})
	f.SetSheetRow(sh, "A2", &head)
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		f.SetSheetRow(sh, cell, &r)
	}
	path := filepath.Join(t.TempDir(), "学习台账.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportMatchesAndRejects(t *testing.T) {
	f := newFixture(t)
	rows := [][]any{
		{1, "王建国", f.m["王建国"].IDNumber, "2026-11-02", "学习党章", 2, "集中学习"},    // 3: by ID
		{2, "李红", "", "2026年11月3日", "自学党史", "1.5", "个人自学"},                  // 4: by name
		{3, "王建国", "", 46332, "线上课程", "0.5学时", "学习强国"},                      // 5: by name, serial date 2026-11-06
		{4, "张伟", "", "2026-11-02", "学习党章", 2, "集中学习"},                      // 6: two 张伟
		{5, "孙无名", "", "2026-11-02", "学习党章", 2, "集中学习"},                     // 7: unknown
		{6, "王某", idOf("19990101", "011"), "2026-11-02", "学习党章", 2, "集中学习"}, // 8: unknown ID
		{7, "钱多", f.m["钱多"].IDNumber, "2026-11-02", "学习党章", 2, "集中学习"},      // 9: left
		{8, "李红", "", "2026-11-02", "", 2, "集中学习"},                          // 10: no content
		{9, "李红", "", "2026-11-02", "学习党章", "三", "集中学习"},                    // 11: bad hours
		{10, "李红", "", "2026-11-02", "学习党章", 2, "开会"},                       // 12: bad form
		{11, "王建国", f.m["王建国"].IDNumber, "2026-11-02", "学习党章", 2, "集中学习"},   // 13: twice in the file
		{12, "王大国", f.m["王建国"].IDNumber, "2026-11-09", "学习条例", 1, ""},       // 14: name differs, no form: warnings
		{"合计", "", "", "", "", 9.5, ""},                                     // 15: footer
	}
	path := ledger(t, rows)
	sh, err := ReadFile(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlanImport(ctx, f.s, sh)
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[int]string{}
	for _, is := range p.Rejected {
		reasons[is.Row] += is.Reason
	}
	for row, want := range map[int]string{6: "2 名党员叫“张伟”", 7: "没有“孙无名”", 8: "没有身份证号码为", 9: "已不在党员名册",
		10: "缺少学习内容", 11: "学时", 12: "学习形式“开会”"} {
		if !strings.Contains(reasons[row], want) {
			t.Errorf("row %d: %q, want it to say %q", row, reasons[row], want)
		}
	}
	if len(reasons) != 7 {
		t.Errorf("rejected rows: %v", reasons)
	}
	if len(p.Adds) != 4 {
		t.Fatalf("adds: %+v", p.Adds)
	}
	want := []struct {
		name, date, form string
		hours            data.Hours
	}{{"王建国", "2026-11-02", data.StudyGroup, 20}, {"李红", "2026-11-03", data.StudySelf, 15},
		{"王建国", "2026-11-06", data.StudyOnline, 5}, {"王建国", "2026-11-09", data.StudySelf, 10}}
	for i, w := range want {
		r := p.Adds[i].Record
		if r.Name != w.name || r.Date.String() != w.date || r.Form != w.form || r.Hours != w.hours {
			t.Errorf("add %d: %+v, want %+v", i, r, w)
		}
	}
	if len(p.Adds[3].Warnings) != 2 {
		t.Errorf("row 14 warnings: %+v", p.Adds[3].Warnings)
	}

	// Apply: all-or-nothing writes nothing; valid-only the four rows; again adds nothing.
	if _, err := Apply(ctx, f.s, sh, sheet.AllOrNothing, nil); !errors.Is(err, sheet.ErrRejected) {
		t.Fatalf("all-or-nothing: %v", err)
	}
	if list, _ := f.s.StudyRecords(ctx, data.StudyFilter{}); len(list) != 0 {
		t.Fatalf("all-or-nothing wrote %d records", len(list))
	}
	res, err := Apply(ctx, f.s, sh, sheet.ValidOnly, nil)
	if err != nil || res.Imported != 4 || sheet.CountRows(res.Rejected) != 7 {
		t.Fatalf("valid-only: %+v %v", res, err)
	}
	list, _ := f.s.StudyRecords(ctx, data.StudyFilter{MemberID: f.m["王建国"].ID})
	if len(list) != 3 || list[0].Source != data.SourceImport || !strings.Contains(list[0].SourceRef, "第 14 行") {
		t.Fatalf("王建国's records: %+v", list)
	}
	res, err = Apply(ctx, f.s, sh, sheet.ValidOnly, nil)
	if err != nil || res.Imported != 0 || res.Unchanged != 4 {
		t.Fatalf("second import: %+v %v", res, err)
	}
}

func TestImportByBranchCopy(t *testing.T) {
	f := newFixture(t)
	if err := f.s.SetRole(ctx, data.RoleOffice, data.Role{BranchID: f.b1.ID}); err != nil {
		t.Fatal(err)
	}
	sh, err := ReadFile(ledger(t, [][]any{
		{1, "李红", "", "2026-11-02", "学习党章", 2, "集中学习"},
		{2, "赵强", "", "2026-11-02", "学习党章", 2, "集中学习"},
	}), nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Apply(ctx, f.s, sh, sheet.ValidOnly, nil)
	if err != nil || res.Imported != 1 || len(res.Rejected) != 1 || !strings.Contains(res.Rejected[0].Reason, "不是本支部党员") {
		t.Fatalf("branch copy: %+v %v", res, err)
	}
}

func TestNoHeader(t *testing.T) {
	_, err := ReadBytes("x.csv", []byte("甲,乙\n1,2\n"))
	if err == nil || !strings.Contains(err.Error(), "学习台账的表头") {
		t.Fatalf("no header: %v", err)
	}
}
