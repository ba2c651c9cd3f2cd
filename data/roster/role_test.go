package roster

import (
	"strings"
	"testing"

	"dangjian/data"
)

// TestBranchCopyImportsOnlyItsOwnMembers: on a branch copy, rows of other
// branches are refused one by one with the reason, its own are imported.
func TestBranchCopyImportsOnlyItsOwnMembers(t *testing.T) {
	s, ids := orgStore(t)
	if err := s.SetRole(ctx, data.RoleOffice, data.Role{BranchID: ids["机关党支部"]}); err != nil {
		t.Fatal(err)
	}
	file := buildXLSX(t, sheetSpec{rows: [][]cell{
		{"姓名", "性别", "身份证号", "所在支部", "党小组", "党籍状态", "入党日期", "转正日期"},
		{"张三", "男", idFor(t, "1980-01-02", 11), "第一车队党支部", "第一党小组", "正式党员", "2005-07-01", "2006-07-01"},
		{"王五", "男", idFor(t, "1984-03-04", 33), "机关党支部", "", "正式党员", "2016-07-01", "2017-07-01"},
	}})
	res, err := Apply(ctx, s, mustRead(t, "x.xlsx", file), ValidOnly, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Imported != 1 || len(res.Rejected) != 1 || res.Rejected[0].Row != 2 || !strings.Contains(res.Rejected[0].Reason, "本支部") {
		t.Fatalf("imported %d, rejected %+v", res.Imported, res.Rejected)
	}
	ms, _ := s.Members(ctx, data.MemberFilter{Roster: data.RosterAll})
	if len(ms) != 1 || ms[0].Name != "王五" {
		t.Fatalf("stored: %+v", ms)
	}
}
