package questionimport

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

func newStore(t *testing.T) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "t.db"), data.Options{
		Now: func() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func bank(t *testing.T, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.SetSheetRow(sh, "A1", &[]any{"党章党规知识竞赛题库"})
	f.SetSheetRow(sh, "A2", &[]any{"序号", "题型", "题目", "选项A", "选项B", "选项C", "选项D", "答案", "分值", "类别", "解析"})
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		f.SetSheetRow(sh, cell, &r)
	}
	path := filepath.Join(t.TempDir(), "题库.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportQuestionsRejections(t *testing.T) {
	s := newStore(t)
	path := bank(t, [][]any{
		{1, "单选题", "党的最高领导机关是？", "全国代表大会", "中央委员会", "中央政治局", "", "a", 2, "党章"},    // 3 ok
		{2, "多选", "三会一课包括？", "支部党员大会", "支部委员会", "党小组会", "党课", "D、A、B、C", 4, "党章"}, // 4 ok
		{3, "判断", "预备党员有表决权。", "", "", "", "", "×", "", "党章"},                     // 5 ok, 1 分 by default
		{4, "单选", "党费按月交纳吗？", "是", "否", "", "", "C", 2, ""},                       // 6 answer not among options
		{5, "单选", "", "甲", "乙", "", "", "A", 2, ""},                               // 7 empty question
		{6, "单选", " 党的最高领导机关是？", "甲", "乙", "", "", "A", 2, ""},                    // 8 duplicate of row 3
		{7, "填空", "党的宗旨是______。", "", "", "", "", "全心全意为人民服务", 2, ""},             // 9 bad kind
		{8, "单选", "党员的党龄从何时算起？", "预备期满转为正式党员之日", "支部大会通过之日", "", "", "AB", 2, ""}, // 10 two answers to a 单选
		{9, "", "入党誓词共多少字？", "80", "90", "", "", "A", 2, "党章"},                    // 11 no kind: 单选, warning
		{10, "判断", "党员可以不交党费。", "", "", "", "", "也许", 2, ""},                      // 12 judge answer
	})
	sh, err := ReadFile(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlanImport(ctx, s, sh)
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[int]string{}
	for _, is := range p.Rejected {
		reasons[is.Row] += is.Column + ":" + is.Reason
	}
	for row, want := range map[int]string{6: "答案:答案“C”不在选项之中", 7: "题目:题目不能为空", 8: "与第 3 行的题目重复",
		9: "题型“填空”无法识别", 10: "单选题只能有一个答案", 12: "应为“对”或“错”"} {
		if !strings.Contains(reasons[row], want) {
			t.Errorf("row %d: %q, want %q", row, reasons[row], want)
		}
	}
	if len(reasons) != 6 {
		t.Errorf("rejected: %v", reasons)
	}
	if len(p.Adds) != 4 {
		t.Fatalf("adds: %+v", p.Adds)
	}
	multi := p.Adds[1].Question
	if multi.Kind != data.QuestionMulti || multi.Answer != "ABCD" || len(multi.Options) != 4 || multi.Points != 40 {
		t.Errorf("multi: %+v", multi)
	}
	judge := p.Adds[2].Question
	if judge.Answer != "错" || judge.Points != 10 || len(judge.Options) != 0 {
		t.Errorf("judge: %+v", judge)
	}
	if p.Adds[3].Question.Kind != data.QuestionSingle || len(p.Adds[3].Warnings) != 1 {
		t.Errorf("no kind: %+v", p.Adds[3])
	}
	if _, err := Apply(ctx, s, sh, sheet.AllOrNothing, nil); !errors.Is(err, sheet.ErrRejected) {
		t.Fatalf("all-or-nothing: %v", err)
	}
	if list, _ := s.Questions(ctx, ""); len(list) != 0 {
		t.Fatalf("all-or-nothing wrote %d", len(list))
	}
	res, err := Apply(ctx, s, sh, sheet.ValidOnly, nil)
	if err != nil || res.Imported != 4 {
		t.Fatalf("valid-only: %+v %v", res, err)
	}
	// Again: every question is in the bank now, each refused as a duplicate.
	res, err = Apply(ctx, s, sh, sheet.ValidOnly, nil)
	if err != nil || res.Imported != 0 || !strings.Contains(res.Rejected[0].Reason+res.Rejected[1].Reason, "题库中已有相同的题目") {
		t.Fatalf("second import: %+v %v", res, err)
	}
	// A branch copy may not import.
	var b data.OrgUnit
	s.Write(ctx, func(tx *data.Tx) error {
		root, _ := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "示范党总支"})
		b, err = tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一支部"})
		return err
	})
	if err := s.SetRole(ctx, data.RoleOffice, data.Role{BranchID: b.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(ctx, s, sh, sheet.ValidOnly, nil); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("branch import: %v", err)
	}
}

func TestOptionsInOneCell(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"A.全国代表大会 B.中央委员会 C．中央政治局", []string{"全国代表大会", "中央委员会", "中央政治局"}},
		{"A、甲\nB、乙", []string{"甲", "乙"}},
		{"甲\n乙\n丙", []string{"甲", "乙", "丙"}},
		{"", nil},
	} {
		got := splitOptions(c.in)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("splitOptions(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	sh, err := ReadBytes("q.csv", []byte("题目,选项,答案\n党的最高领导机关是？,A.全国代表大会 B.中央委员会,A\n"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlanImport(ctx, newStore(t), sh)
	if err != nil || len(p.Adds) != 1 || len(p.Adds[0].Question.Options) != 2 {
		t.Fatalf("one-cell options: %+v %v", p, err)
	}
}
