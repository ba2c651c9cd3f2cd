package devimport

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

func devID(birth, seq string) string {
	first := "110101" + birth + seq
	c, err := data.IDCheckChar(first)
	if err != nil {
		panic(err)
	}
	return first + string(c)
}

// store has two branches and, in 第一车队党支部, three 正式党员 to be named
// as 培养联系人 and 入党介绍人.
func store(t *testing.T) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "t.db"), data.Options{
		Now: func() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	err = s.Write(ctx, func(tx *data.Tx) error {
		root, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "中共示范公交公司总支部委员会"})
		if err != nil {
			return err
		}
		fleet, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"})
		if err != nil {
			return err
		}
		if _, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "中共示范公交公司机关支部委员会", ShortName: "机关党支部"}); err != nil {
			return err
		}
		for i, name := range []string{"王建国", "李红", "赵强"} {
			if _, _, err := tx.SaveMember(data.RoleOffice, data.Member{Name: name, IDNumber: devID("1970010"+string(rune('1'+i)), "011"),
				BranchID: fleet.ID, Standing: data.StandingFull, Status: data.StatusNormal,
				JoinDate: data.MustDate("2000-07-01"), FullDate: data.MustDate("2001-07-01")}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var ledgerHead = []any{"序号", "姓名", "性别", "身份证号码", "所在党支部", "递交入党申请书时间", "谈话时间", "确定为入党积极分子时间",
	"培养联系人", "确定为发展对象时间", "入党介绍人", "政治审查结论", "集中培训结业时间", "支部大会讨论接收时间",
	"上级党委审批时间", "入党宣誓时间", "转正讨论时间", "转正批准时间", "民族"}

// ledger writes a 台账 with a title row above the header; dates are in
// the shapes offices type, one as an Excel serial number.
func ledger(t *testing.T, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.SetSheetRow(sh, "A1", &[]any{"2025年度发展党员工作台账"})
	f.SetSheetRow(sh, "A2", &ledgerHead)
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		f.SetSheetRow(sh, cell, &r)
	}
	path := filepath.Join(t.TempDir(), "台账.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

var (
	idFull    = devID("19950101", "123")
	idLate    = devID("19960202", "234")
	idEarly   = devID("19970303", "345")
	idMissing = devID("19980404", "456")
	idInvert  = devID("19990505", "567")
)

func goodLedger() [][]any {
	return [][]any{
		// 1: the whole way to 转正, dates in mixed shapes (45000 = 2023-03-15).
		{1, "孙小明", "男", idFull, "第一车队党支部", "2022.03.01", "2022年3月20日", "20220601", "王建国", "2023-06-15",
			"李红、赵强", "合格", "2023-07-10", "2023-09-01", "2023-10-15", "2023-10-20", "2024-09-05", "2024-10-10", "汉族"},
		// 2: the talk two months after the application.
		{2, "周晚", "女", idLate, "第一车队党支部", "2026-01-05", "2026-03-10", "", "", "", "", "", "", "", "", "", "", "", ""},
		// 3: 发展对象 five months after 积极分子.
		{3, "郑早", "男", idEarly, "机关党支部", "2024-01-05", "2024-01-20", "2024-03-01", "王建国", "2024-08-01",
			"", "", "", "", "", "", "", "", ""},
		// 4: a 支部大会 vote without 政治审查 or 集中培训.
		{4, "冯缺", "女", idMissing, "第一车队党支部", "2022-01-05", "2022-01-20", "2022-03-01", "王建国", "2023-04-01",
			"李红 赵强", "", "", "2023-09-01", "", "", "", "", ""},
		// 5: the talk dated before the application (inverted).
		{5, "陈倒", "男", idInvert, "机关党支部", 45000, "2023-03-01", "", "", "", "", "", "", "", "", "", "", "", ""},
	}
}

func badRows() [][]any {
	return [][]any{
		{6, "孙小明二", "男", idFull, "第一车队党支部", "2022-03-01", "", "", "", "", "", "", "", "", "", "", "", "", ""},
		{7, "错日期", "男", devID("20000101", "111"), "第一车队党支部", "2024-13-45", "", "", "", "", "", "", "", "", "", "", "", "", ""},
		{8, "无支部", "女", devID("20000202", "222"), "第九车队党支部", "2024-01-01", "", "", "", "", "", "", "", "", "", "", "", "", ""},
		// Approved, but a minor when applying: cannot join the roster.
		{9, "少年", "男", devID("20080101", "333"), "第一车队党支部", "2024-03-01", "2024-03-10", "2024-06-01", "王建国", "2025-07-01",
			"李红、赵强", "合格", "2025-07-10", "2025-09-01", "2025-10-15", "", "", "", ""},
	}
}

func reasons(list []sheet.Issue, row int) string {
	var out []string
	for _, is := range list {
		if is.Row == row {
			out = append(out, is.Column+"："+is.Reason)
		}
	}
	return strings.Join(out, " | ")
}

func TestDevImportPlanReasons(t *testing.T) {
	s := store(t)
	sh, err := ReadFile(ledger(t, append(goodLedger(), badRows()...)), nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlanImport(ctx, s, sh)
	if err != nil {
		t.Fatal(err)
	}
	if p.Header != 2 || len(p.Adds) != 5 || p.RejectedRows() != 4 {
		t.Fatalf("header %d, %d adds, %d rejected: %+v", p.Header, len(p.Adds), p.RejectedRows(), p.Rejected)
	}
	for row, want := range map[int]string{8: "与第 3 行重复", 9: "无法识别", 10: "第九车队党支部", 11: "不能列入党员名册：申请入党时应年满 18 周岁"} {
		if got := reasons(p.Rejected, row); !strings.Contains(got, want) {
			t.Errorf("row %d rejected for %q, want %q", row, got, want)
		}
	}
	for row, want := range map[int][]string{
		4: {"谈话：", "1 个月"},
		5: {"确定发展对象：", "1 年"},
		6: {"进行政治审查：", "开展集中培训："},
		7: {"谈话："},
	} {
		got := reasons(p.Warnings, row)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("row %d warnings %q, want %q", row, got, w)
			}
		}
		if strings.Contains(got, "缺少材料") {
			t.Errorf("row %d: material warnings from a ledger: %q", row, got)
		}
	}
	if got := reasons(p.Warnings, 3); !strings.Contains(got, "列入党员名册") || strings.Contains(got, "逾期") {
		t.Errorf("row 3 (on time) warnings: %q", got)
	}
	// Row 3's file: dates in every shape, two introducers in one cell, found on the roster.
	a := p.Adds[0]
	if a.Candidate.ApplyDate != data.MustDate("2022-03-01") || len(a.Steps) != 13 {
		t.Fatalf("%+v %d steps", a.Candidate, len(a.Steps))
	}
	for _, r := range a.Steps {
		if r.Step == data.DevStepIntroducers && (len(r.People) != 2 || r.People[1].Name != "赵强" || r.People[1].Standing != data.StandingFull) {
			t.Errorf("introducers %+v", r.People)
		}
		if r.Step == data.DevStepTalk && r.Date != data.MustDate("2022-03-20") {
			t.Errorf("talk %s", r.Date)
		}
		if r.Step == data.DevStepActivist && r.Date != data.MustDate("2022-06-01") {
			t.Errorf("activist %s", r.Date)
		}
	}
	if p.Adds[4].Candidate.ApplyDate != data.MustDate("2023-03-15") {
		t.Errorf("serial date: %s", p.Adds[4].Candidate.ApplyDate)
	}
	// A preview writes nothing.
	if list, _ := s.DevCandidates(ctx, data.DevCandidateFilter{}); len(list) != 0 {
		t.Errorf("preview wrote %d", len(list))
	}
}

func TestDevImportApplyModesAndRoster(t *testing.T) {
	s := store(t)
	path := ledger(t, append(goodLedger(), badRows()...))
	sh, err := ReadFile(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Apply(ctx, s, sh, sheet.AllOrNothing, nil)
	if !errors.Is(err, sheet.ErrRejected) || res.Imported != 0 || len(res.Rejected) == 0 {
		t.Fatalf("all-or-nothing: %+v %v", res, err)
	}
	if list, _ := s.DevCandidates(ctx, data.DevCandidateFilter{}); len(list) != 0 {
		t.Fatalf("all-or-nothing wrote %d", len(list))
	}
	res, err = Apply(ctx, s, sh, sheet.ValidOnly, nil)
	if err != nil || res.Imported != 5 || (&Plan{Rejected: res.Rejected}).RejectedRows() != 4 || res.Rejected[2].Row != 10 {
		t.Fatalf("valid-only: %+v %v", res, err)
	}
	files, _ := s.DevFiles(ctx, data.DevCandidateFilter{})
	if len(files) != 5 { // the refused rows left nothing behind
		t.Fatalf("%d files", len(files))
	}
	var full data.DevFile
	for _, f := range files {
		if f.Candidate.IDNumber == idFull {
			full = f
		}
	}
	if full.Candidate.MemberID == 0 {
		t.Fatalf("past step 17 but not on the roster: %+v", full.Candidate)
	}
	m, _ := s.Member(ctx, full.Candidate.MemberID)
	if m.Standing != data.StandingFull || m.JoinDate != data.MustDate("2023-09-01") || m.FullDate != data.MustDate("2024-09-01") ||
		m.Introducer1 != "李红" || m.Introducer2 != "赵强" {
		t.Errorf("member %s join %s full %s %s/%s", m.Standing, m.JoinDate, m.FullDate, m.Introducer1, m.Introducer2)
	}
	// Importing again adds nothing: the candidates are on file.
	sh2, _ := ReadFile(ledger(t, goodLedger()), nil)
	res, err = Apply(ctx, s, sh2, sheet.ValidOnly, nil)
	if err != nil || res.Imported != 0 || res.Unchanged != 5 {
		t.Errorf("again: %+v %v", res, err)
	}
}

func TestDevImportHeaderAndCells(t *testing.T) {
	if _, err := ReadBytes("x.csv", []byte("名称,数量\n甲,1\n")); err == nil || !strings.Contains(err.Error(), "表头") {
		t.Errorf("no header: %v", err)
	}
	// Synonyms and a bracketed remark.
	sh, err := ReadBytes("x.csv", []byte("姓名,身份证号,支部,申请入党时间,谈话日期（必填）,入党时间\n"))
	if err != nil {
		t.Fatal(err)
	}
	h, ok := findHeader(sh.Rows)
	if !ok || h != 0 {
		t.Errorf("header %d %v", h, ok)
	}
	for _, c := range []struct {
		in   string
		want string
	}{{"2010-07-01", "2010-07-01"}, {"2010.07.01", "2010-07-01"}, {"2010年7月1日", "2010-07-01"}, {"2010/7/1", "2010-07-01"},
		{"20100701", "2010-07-01"}, {"２０１０－０７－０１", "2010-07-01"}, {"40360", "2010-07-01"}, {"2010-07-01 00:00:00", "2010-07-01"}} {
		d, err := cellDate(c.in, false)
		if err != nil || d.String() != c.want {
			t.Errorf("%q → %s %v", c.in, d, err)
		}
	}
	if _, err := cellDate("昨天", false); err == nil {
		t.Error("昨天 parsed")
	}
	for _, c := range []struct {
		in     string
		out    string
		months int
	}{{"按期转正", data.DevOutcomeFull, 0}, {"延长预备期6个月", data.DevOutcomeExtend, 6}, {"延长预备期一年", data.DevOutcomeExtend, 12},
		{"取消预备党员资格", data.DevOutcomeCancel, 0}} {
		if o, m := parseOutcome(c.in); o != c.out || m != c.months {
			t.Errorf("%s → %s %d", c.in, o, m)
		}
	}
	if got := splitNames("李红、赵强"); len(got) != 2 {
		t.Errorf("%q", got)
	}
}
