package data

import (
	"strings"
	"testing"
)

func TestFindUnit(t *testing.T) {
	units := []OrgUnit{
		{ID: 1, Level: LevelGeneral, FullName: "中共某公司党总支"},
		{ID: 2, Level: LevelBranch, ParentID: 1, FullName: "第一车队党支部", ShortName: "一队"},
		{ID: 3, Level: LevelBranch, ParentID: 1, FullName: "中共机关支部委员会"},
		{ID: 4, Level: LevelGroup, ParentID: 2, FullName: "第一党小组"},
		{ID: 5, Level: LevelBranch, ParentID: 1, FullName: "第二车队党支部", ShortName: "车队"},
		{ID: 6, Level: LevelBranch, ParentID: 1, FullName: "车队支部"},
	}
	for _, c := range []struct {
		name string
		id   int64
		err  string
	}{
		{"第一车队党支部", 2, ""},
		{" 第一车队党支部 ", 2, ""},
		{"一队", 2, ""},
		{"第一车队", 2, ""},
		{"第一车队支部", 2, ""},
		{"机关", 3, ""},
		{"机关党支部", 3, ""},
		{"第一党小组", 4, ""},
		{"ＡＢＣ", 0, "没有名为"},
		{"车队", 5, ""}, // exact short name wins over the distinctive part of 车队支部
		{"", 0, "请写出组织名称"},
		{"第三车队", 0, "没有名为“第三车队”"},
	} {
		u, err := FindUnit(units, c.name)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("FindUnit(%q) = %v, %v; want error %q", c.name, u.ID, err, c.err)
			}
			continue
		}
		if err != nil || u.ID != c.id {
			t.Errorf("FindUnit(%q) = %d, %v; want %d", c.name, u.ID, err, c.id)
		}
	}
	// Two branches sharing a distinctive part are ambiguous.
	two := []OrgUnit{{ID: 1, Level: LevelBranch, FullName: "机关党支部"}, {ID: 2, Level: LevelBranch, FullName: "中共机关支部委员会"}}
	if _, err := FindUnit(two, "机关"); err == nil || !strings.Contains(err.Error(), "与多个组织相符") {
		t.Errorf("ambiguous name: %v", err)
	}
	if got := FoldWidth("１２３ＡＢ（）\u3000x"); got != "123AB() x" {
		t.Errorf("FoldWidth = %q", got)
	}
}
