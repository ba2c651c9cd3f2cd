package roster

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"dangjian/data"
)

// messy is a 花名册 as a branch office keeps it: two title rows merged
// across the sheet, a blank line, a header with spaces, notes and
// synonyms and one column nobody asked for; the branch cell merged down
// over its members; dates as Excel serials (in date-formatted cells) and
// as text in three shapes; full-width digits and stray spaces; a 15-digit
// ID; an ID that Excel turned into 1.10105E+17; the same ID twice; a branch
// and a group that do not exist yet; a person already on file; and the
// total, signature and note lines under the table.
type messy struct {
	file                          []byte
	idZhang, idLi, idWang, idSun  string
	idZhou, idWang15              string
	birthZhang                    data.Date
	joinLi                        data.Date
	zhouPhone, zhouAddr, zhouNote string
}

func newMessy(t *testing.T) messy {
	m := messy{
		idZhang: idFor(t, "1975-04-12", 131), idLi: idFor(t, "1988-03-05", 242),
		idSun: idFor(t, "1992-11-30", 88), idZhou: idFor(t, "1970-06-15", 17),
		idWang15: "110105650307123", birthZhang: data.MustDate("1975-04-12"), joinLi: data.MustDate("2026-05-01"),
	}
	m.idWang, _ = data.UpgradeIDNumber15(m.idWang15)
	serial := func(d data.Date) int { return data.NewDate(1899, 12, 30).DaysUntil(d) }
	rows := [][]cell{
		{"第一车队党员花名册"},
		{"填报单位：示范公司党总支        填报日期：2026年11月"},
		{},
		{"序号", "姓  名", "性别", "民族", "出生\n年月", "身份证号码（必填）", "所属支部", "党小组", "党员类别",
			"入党时间", "转正时间", "联系电话", "入党介绍人", "党费基数(元)", "政治生日", "备注"},
		{1, "张 三丰", "男", "汉", serial(m.birthZhang), m.idZhang, "第一车队党支部", "第一党小组", "正式党员",
			"2000.07.01", "2001年7月1日", "１３８００１３８０００", "李四、王五", "5200.50", "7月1日", " 老党员 "},
		{2, "李梅", "女性", "汉族", "1988/3/5", strings.ToLower(m.idLi), nil, "第二党小组", "预备党员",
			serial(m.joinLi), nil, "139 0000 1111", "张三丰，周九", 4800, nil, nil},
		{3, " 王建国", "男", "汉族", nil, m.idWang15, nil, nil, "正式党员",
			"198507", "19860701", "13700001111", nil, "6,100", nil, nil},
		{4, "赵六", "男", "汉族", "1990-01-01", "1.10105E+17", "机关党支部", nil, "正式党员",
			"2015-07-01", "2016-07-01", nil, nil, nil, nil, nil},
		{5, "钱七", "男", "汉族", nil, m.idZhang, "机关", nil, "正式党员", "2012-07-01", "2013-07-01", nil, nil, nil, nil, nil},
		{6, "孙八", "女", "满", nil, m.idSun, "第五车队", "第一组", "预备党员", "2025-10-01", nil, "15900001111", nil, nil, nil, nil},
		{7, "周九", nil, nil, nil, m.idZhou, "机关党支部", nil, "正式党员", nil, nil, "13911112222", nil, nil, nil, nil},
		{},
		{"合计：7人"},
		{"填表人：刘洋", nil, nil, nil, "审核人：陈静"},
		{"注：党费基数单位为元。"},
	}
	m.file = buildXLSX(t, sheetSpec{
		name: "花名册", rows: rows, dateCols: []int{5},
		merges: [][2]string{{"A1", "P1"}, {"A2", "P2"}, {"G5", "G7"}, {"A13", "P13"}},
	})
	m.zhouPhone, m.zhouAddr, m.zhouNote = "13700000000", "济南市历下区泉城路 1 号", "原有备注"
	return m
}

// seedZhou puts 周九 on file in 机关党支部 with an address and a note the
// sheet does not mention.
func seedZhou(t *testing.T, s *data.Store, ids map[string]int64, m messy) data.Member {
	t.Helper()
	zhou, _, err := s.SaveMember(ctx, data.RoleOffice, data.Member{Name: "周九", IDNumber: m.idZhou, BranchID: ids["机关党支部"],
		Standing: data.StandingFull, JoinDate: data.MustDate("1995-07-01"), FullDate: data.MustDate("1996-07-01"),
		Phone: m.zhouPhone, Address: m.zhouAddr, Remarks: m.zhouNote, Ethnicity: "汉族"})
	if err != nil {
		t.Fatal(err)
	}
	return zhou
}

func issueKeys(list []Issue) []string {
	var out []string
	for _, is := range list {
		out = append(out, fmt.Sprintf("%d %s", is.Row, is.Column))
	}
	return out
}

func findIssue(list []Issue, row int, col, text string) bool {
	for _, is := range list {
		if is.Row == row && is.Column == col && strings.Contains(is.Reason, text) {
			return true
		}
	}
	return false
}

func TestMessySheetPlan(t *testing.T) {
	m := newMessy(t)
	s, ids := orgStore(t)
	zhou := seedZhou(t, s, ids, m)
	sh := mustRead(t, "第一车队花名册.xlsx", m.file)
	if sh.Name != "花名册" {
		t.Errorf("sheet %q", sh.Name)
	}
	p := mustPlan(t, s, sh)

	if p.Header != 4 || p.Total != 7 {
		t.Errorf("header row %d, %d data rows; want 4, 7", p.Header, p.Total)
	}
	if !slices.Equal(p.Unknown, []string{"政治生日"}) {
		t.Errorf("unknown columns %q", p.Unknown)
	}
	for _, want := range []string{"身份证号码（必填） → 公民身份号码", "所属支部 → 所在支部", "出生\n年月 → 出生日期",
		"党员类别 → 党籍状态", "序号 → 不导入", "入党介绍人 → 入党介绍人（两人）"} {
		if !slices.Contains(p.Columns, want) {
			t.Errorf("column mapping lacks %q: %q", want, p.Columns)
		}
	}

	// Rejected: the ID Excel mangled, and the second use of an ID.
	if got := issueKeys(p.Rejected); !slices.Equal(got, []string{"8 身份证号码（必填）", "9 身份证号码（必填）"}) {
		t.Fatalf("rejected %v: %+v", got, p.Rejected)
	}
	if !findIssue(p.Rejected, 8, "身份证号码（必填）", "科学计数法") || !findIssue(p.Rejected, 9, "身份证号码（必填）", "与第 5 行相同") {
		t.Errorf("rejection reasons: %+v", p.Rejected)
	}
	// Skipped: the lines under the table (the blank row 12 silently).
	if got := issueKeys(p.Skipped); !slices.Equal(got, []string{"13 ", "14 ", "15 "}) {
		t.Errorf("skipped %v: %+v", got, p.Skipped)
	}
	// Warnings, exactly: the 15-digit ID, and the 1986 转正 that came a
	// year after 入党 only by the month given (no warning) — so just one.
	if got := issueKeys(p.Warnings); !slices.Equal(got, []string{"7 身份证号码（必填）"}) {
		t.Errorf("warnings %v: %+v", got, p.Warnings)
	}
	if !findIssue(p.Warnings, 7, "身份证号码（必填）", "15 位") {
		t.Errorf("15-digit warning: %+v", p.Warnings)
	}

	if p.DefaultBranch != "第一车队党支部" {
		t.Errorf("the title names 第一车队党支部, default %q", p.DefaultBranch)
	}
	if !slices.Equal(p.NewBranches, []string{"第五车队党支部"}) || !slices.Equal(p.NewGroups, []string{"第五车队党支部 / 第一组"}) || p.NewGeneral {
		t.Errorf("new units: %q %q %v", p.NewBranches, p.NewGroups, p.NewGeneral)
	}

	if len(p.Adds) != 4 {
		t.Fatalf("adds %d: %+v", len(p.Adds), p.Adds)
	}
	byRow := map[int]Row{}
	for _, a := range p.Adds {
		byRow[a.Row] = a
	}
	zhang := byRow[5].Member
	want := data.Member{Name: "张三丰", Sex: "男", Ethnicity: "汉族", BirthDate: m.birthZhang, IDNumber: m.idZhang,
		BranchID: ids["第一车队党支部"], GroupID: ids["第一党小组"], Standing: data.StandingFull, Status: data.StatusNormal,
		JoinDate: data.MustDate("2000-07-01"), FullDate: data.MustDate("2001-07-01"), Phone: "13800138000",
		Introducer1: "李四", Introducer2: "王五", DuesBase: 520050, Remarks: "老党员"}
	if zhang != want {
		t.Errorf("row 5:\n got %+v\nwant %+v", zhang, want)
	}
	if byRow[5].BranchName != "第一车队党支部" || byRow[5].GroupName != "第一党小组" {
		t.Errorf("row 5 names %q %q", byRow[5].BranchName, byRow[5].GroupName)
	}
	li := byRow[6].Member
	if li.Name != "李梅" || li.Sex != "女" || li.IDNumber != m.idLi || li.BranchID != ids["第一车队党支部"] ||
		li.GroupID != ids["第二党小组"] || li.JoinDate != m.joinLi || li.Standing != data.StandingProbationary ||
		li.Phone != "13900001111" || li.DuesBase != 480000 || li.BirthDate != data.MustDate("1988-03-05") || li.Introducer2 != "周九" {
		t.Errorf("row 6 (merged branch cell, serial 入党, lower-case x): %+v", li)
	}
	wang := byRow[7].Member
	if wang.Name != "王建国" || wang.IDNumber != m.idWang || wang.BirthDate != data.MustDate("1965-03-07") ||
		wang.JoinDate != data.MustDate("1985-07-01") || wang.FullDate != data.MustDate("1986-07-01") ||
		wang.BranchID != ids["第一车队党支部"] || wang.DuesBase != 610000 {
		t.Errorf("row 7 (15-digit ID, 198507): %+v", wang)
	}
	sun := byRow[10]
	if sun.Member.BranchID >= 0 || sun.Member.GroupID >= 0 || sun.BranchName != "第五车队党支部" || sun.GroupName != "第一组" ||
		sun.Member.Ethnicity != "满族" {
		t.Errorf("row 10 (new branch and group): %+v", sun)
	}

	if len(p.Updates) != 1 || p.Unchanged != 0 {
		t.Fatalf("updates %+v, unchanged %d", p.Updates, p.Unchanged)
	}
	u := p.Updates[0]
	if u.Row != 11 || u.Before != zhou || !slices.Equal(u.Fields, []string{"phone"}) {
		t.Errorf("update: row %d fields %q\nbefore %+v\nzhou   %+v", u.Row, u.Fields, u.Before, zhou)
	}
	if u.After.Phone != "13911112222" || u.After.Address != m.zhouAddr || u.After.Remarks != m.zhouNote ||
		u.After.JoinDate != zhou.JoinDate || u.After.Ethnicity != "汉族" {
		t.Errorf("blank cells erased known values: %+v", u.After)
	}
}

func TestMessySheetApply(t *testing.T) {
	m := newMessy(t)
	s, ids := orgStore(t)
	zhou := seedZhou(t, s, ids, m)
	sh := mustRead(t, "messy.xlsx", m.file)
	var steps []float64
	res, err := Apply(ctx, s, sh, ValidOnly, func(f float64) { steps = append(steps, f) })
	if err != nil {
		t.Fatal(err)
	}
	if res.Imported != 4 || res.Updated != 1 || !slices.Equal(res.CreatedBranches, []string{"第五车队党支部"}) ||
		!slices.Equal(res.CreatedGroups, []string{"第五车队党支部第一组"}) || countRows(res.Rejected) != 2 || len(res.Warnings) != 1 {
		t.Fatalf("result %+v", res)
	}
	if len(steps) < 2 || steps[0] != 0 || steps[len(steps)-1] != 1 {
		t.Errorf("progress %v", steps)
	}
	after, err := s.Member(ctx, zhou.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Phone != "13911112222" || after.Address != m.zhouAddr || after.Remarks != m.zhouNote || after.JoinDate != zhou.JoinDate {
		t.Errorf("周九 after import: %+v", after)
	}
	tree, err := s.OrgTree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var fifth *data.OrgNode
	for _, b := range tree[0].Children {
		if b.Unit.FullName == "第五车队党支部" {
			fifth = b
		}
	}
	if fifth == nil || len(fifth.Children) != 1 || fifth.Children[0].Unit.ShortName != "第一组" || fifth.Children[0].Members != 1 {
		t.Fatalf("new branch and group not created under the general branch: %+v", fifth)
	}
	ms, _ := s.Members(ctx, data.MemberFilter{})
	if len(ms) != 5 {
		t.Errorf("%d members", len(ms))
	}
	// The same file again changes nothing: the people are matched by ID.
	res, err = Apply(ctx, s, sh, ValidOnly, nil)
	if err != nil || res.Imported != 0 || res.Updated != 0 || res.Unchanged != 5 || len(res.CreatedBranches) != 0 {
		t.Errorf("second import: %+v, %v", res, err)
	}
}

func TestAllOrNothingWritesNothing(t *testing.T) {
	m := newMessy(t)
	s, ids := orgStore(t)
	seedZhou(t, s, ids, m)
	sh := mustRead(t, "messy.xlsx", m.file)
	members, audit := counts(t, s)
	units, _ := s.OrgUnits(ctx)
	res, err := Apply(ctx, s, sh, AllOrNothing, nil)
	if !errors.Is(err, ErrRejected) {
		t.Fatalf("err = %v", err)
	}
	if res.Imported != 0 || res.Updated != 0 || len(res.CreatedBranches) != 0 || countRows(res.Rejected) != 2 {
		t.Errorf("result %+v", res)
	}
	m2, a2 := counts(t, s)
	units2, _ := s.OrgUnits(ctx)
	if m2 != members || a2 != audit || len(units2) != len(units) {
		t.Errorf("all-or-nothing wrote: members %d→%d, audit %d→%d, units %d→%d", members, m2, audit, a2, len(units), len(units2))
	}
	zhou, _ := s.Members(ctx, data.MemberFilter{})
	if zhou[0].Phone != m.zhouPhone {
		t.Errorf("update applied: %+v", zhou[0])
	}
}

// TestApplyInterruptedLeavesNothing cancels an import halfway through its
// writes: the transaction rolls back as a crash would.
func TestApplyInterruptedLeavesNothing(t *testing.T) {
	file := demoRoster(t, 600)
	s := openStore(t)
	_, audit0 := counts(t, s)
	sh := mustRead(t, "demo.xlsx", file)
	c, cancel := contextWithCancel()
	res, err := Apply(c, s, sh, ValidOnly, func(f float64) {
		if f > 0.5 {
			cancel()
		}
	})
	if err == nil {
		t.Fatalf("cancelled import succeeded: %+v", res)
	}
	if members, audit := counts(t, s); members != 0 || audit != audit0 {
		t.Errorf("after a failed import: %d members, %d audit rows", members, audit)
	}
	if units, _ := s.OrgUnits(ctx); len(units) != 0 {
		t.Errorf("units left behind: %d", len(units))
	}
}

func TestEmptyDatabaseGetsAGeneralBranch(t *testing.T) {
	s := openStore(t)
	file := buildXLSX(t, sheetSpec{rows: [][]cell{
		{"姓名", "性别", "身份证号", "所在支部", "党小组", "党籍状态", "入党日期", "转正日期"},
		{"张三", "男", idFor(t, "1980-01-02", 11), "第一车队党支部", "第一党小组", "正式党员", "2005-07-01", "2006-07-01"},
		{"李四", "女", idFor(t, "1982-02-03", 22), "第一车队党支部", "第二党小组", "正式党员", "2006-07-01", "2007-07-01"},
		{"王五", "男", idFor(t, "1984-03-04", 33), "机关党支部", "", "预备党员", "2026-07-01", ""},
	}})
	sh := mustRead(t, "x.xlsx", file)
	p := mustPlan(t, s, sh)
	if !p.NewGeneral || !slices.Equal(p.NewBranches, []string{"第一车队党支部", "机关党支部"}) || len(p.NewGroups) != 2 || len(p.Adds) != 3 {
		t.Fatalf("plan on an empty database: general %v branches %q groups %q adds %d rejected %+v",
			p.NewGeneral, p.NewBranches, p.NewGroups, len(p.Adds), p.Rejected)
	}
	res, err := Apply(ctx, s, sh, AllOrNothing, nil)
	if err != nil || res.Imported != 3 || res.CreatedGeneral != GeneralName {
		t.Fatalf("%+v %v", res, err)
	}
	tree, _ := s.OrgTree(ctx)
	if len(tree) != 1 || tree[0].Unit.Level != data.LevelGeneral || len(tree[0].Children) != 2 || tree[0].TotalMembers() != 3 {
		t.Fatalf("tree: %+v", tree)
	}
}

func TestBranchMatchingAndDefaults(t *testing.T) {
	s, ids := orgStore(t)
	id := func(n int) string { return idFor(t, "1980-01-01", n) }
	rows := [][]cell{
		{"机关党支部党员花名册"}, // names the branch of rows without one
		{"姓名", "身份证号", "所在支部", "党小组", "党籍状态", "入党日期", "转正日期"},
		{"甲", id(1), "中共示范公司第一车队支部委员会", "", "正式党员", "2005-07-01", "2006-07-01"}, // full name
		{"乙", id(3), "第一车队 党支部", "二组", "正式党员", "2005-07-01", "2006-07-01"},      // spaces; group by its core
		{"丙", id(5), "第一车队", "第一党小组", "正式党员", "2005-07-01", "2006-07-01"},       // without 党支部
		{"丁", id(7), "", "", "正式党员", "2005-07-01", "2006-07-01"},                // from the title
		{"戊", id(9), "示范党总支", "", "正式党员", "2005-07-01", "2006-07-01"},           // not a branch
		{"己", id(11), "第一党小组", "", "正式党员", "2005-07-01", "2006-07-01"},          // a group, not a branch
	}
	sh := mustRead(t, "x.xlsx", buildXLSX(t, sheetSpec{rows: rows}))
	p := mustPlan(t, s, sh)
	got := map[int][2]int64{}
	for _, a := range p.Adds {
		got[a.Row] = [2]int64{a.Member.BranchID, a.Member.GroupID}
	}
	want := map[int][2]int64{
		3: {ids["第一车队党支部"], 0}, 4: {ids["第一车队党支部"], ids["第二党小组"]},
		5: {ids["第一车队党支部"], ids["第一党小组"]}, 6: {ids["机关党支部"], 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("branches %v, want %v (rejected %+v)", got, want, p.Rejected)
	}
	if p.DefaultBranch != "机关党支部" || !findIssue(p.Warnings, 6, "所在支部", "机关党支部") {
		t.Errorf("default branch %q, warnings %+v", p.DefaultBranch, p.Warnings)
	}
	if !findIssue(p.Rejected, 7, "所在支部", "是党总支") || !findIssue(p.Rejected, 8, "所在支部", "是党小组") {
		t.Errorf("rejected %+v", p.Rejected)
	}
	if len(p.NewBranches) != 0 {
		t.Errorf("new branches %q", p.NewBranches)
	}

	// A sheet with no 支部 column at all, for a database with one branch.
	s2 := openStore(t)
	if err := s2.Write(ctx, func(tx *data.Tx) error {
		root, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "某党总支"})
		if err != nil {
			return err
		}
		_, err = tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "唯一党支部"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	sh = mustRead(t, "y.xlsx", buildXLSX(t, sheetSpec{rows: [][]cell{
		{"姓名", "身份证号", "党籍状态", "入党日期", "转正日期"},
		{"甲", id(1), "正式党员", "2005-07-01", "2006-07-01"},
		{"乙", id(3), "正式党员", "2005-07-01", "2006-07-01"},
	}}))
	p = mustPlan(t, s2, sh)
	if len(p.Adds) != 2 || len(p.Warnings) != 1 || p.Warnings[0].Row != 1 || !strings.Contains(p.Warnings[0].Reason, "唯一党支部") {
		t.Errorf("adds %d warnings %+v rejected %+v", len(p.Adds), p.Warnings, p.Rejected)
	}
}

func TestSectionRowsRepeatedHeadersAndTemplateLines(t *testing.T) {
	s, ids := orgStore(t)
	id := func(n int) string { return idFor(t, "1980-01-01", n) }
	rows := [][]cell{
		{"序号", "姓名", "身份证号", "党籍状态", "入党日期", "转正日期"},
		{"第一车队党支部（2人）"},
		{1, "甲", id(1), "正式党员", "2005-07-01", "2006-07-01"},
		{2, "乙", id(3), "正式党员", "2005-07-01", "2006-07-01"},
		{"机关党支部"},
		{"序号", "姓名", "身份证号", "党籍状态", "入党日期", "转正日期"},
		{1, "丙", id(5), "正式党员", "2005-07-01", "2006-07-01"},
		{2}, {3}, {4}, // numbered lines of the template left empty
		{"以下空白"},
	}
	sh := mustRead(t, "x.xlsx", buildXLSX(t, sheetSpec{rows: rows, merges: [][2]string{{"A2", "F2"}, {"A5", "F5"}}}))
	p := mustPlan(t, s, sh)
	if len(p.Adds) != 3 || len(p.Rejected) != 0 {
		t.Fatalf("adds %d rejected %+v", len(p.Adds), p.Rejected)
	}
	if p.Adds[0].Member.BranchID != ids["第一车队党支部"] || p.Adds[2].Member.BranchID != ids["机关党支部"] {
		t.Errorf("section branches: %+v", p.Adds)
	}
	if got := issueKeys(p.Skipped); !slices.Equal(got, []string{"2 ", "5 ", "6 ", "11 "}) {
		t.Errorf("skipped %v %+v", got, p.Skipped)
	}
	if p.Total != 3 {
		t.Errorf("total %d", p.Total)
	}
}

func TestRowsWithErrorsNameTheirColumns(t *testing.T) {
	s, _ := orgStore(t)
	id := idFor(t, "1990-05-05", 21)
	bad := id[:17] + string("0123456789X"[(strings.IndexByte("0123456789X", id[17])+1)%11])
	rows := [][]cell{
		{"姓名", "性别", "身份证号", "所在支部", "党籍状态", "入党时间", "转正时间", "联系电话", "党费基数"},
		{"甲", "男", bad, "机关党支部", "正式党员", "2015-07-01", "2016-07-01", "", ""},
		{"乙", "男", idFor(t, "1990-05-05", 23), "机关党支部", "预备党员", "2015-07-01", "2016-07-01", "12345", "五千"},
		{"丙", "男", idFor(t, "1990-05-05", 25), "机关党支部", "正式党员", "2005-07-01", "", "", ""},
		{"", "男", "", "机关党支部", "正式党员", "", "", "", ""},
		{"丁", "男", "110105199005050000", "机关党支部", "正式党员", "2015-07-01", "2016-07-01", "", ""},
	}
	p := mustPlan(t, s, mustRead(t, "x.xlsx", buildXLSX(t, sheetSpec{rows: rows})))
	for _, c := range []struct {
		row       int
		col, text string
	}{
		{2, "身份证号", "校验位"},
		{3, "转正时间", "预备党员尚未转正"},
		{3, "联系电话", "格式不正确"},
		{3, "党费基数", "不是金额"},
		{4, "入党时间", "入党时应年满 18 周岁"},
		{5, "姓名", "没有姓名"},
		{6, "身份证号", "000 结尾"},
	} {
		if !findIssue(p.Rejected, c.row, c.col, c.text) {
			t.Errorf("no rejection of row %d at %s saying %q: %+v", c.row, c.col, c.text, p.Rejected)
		}
	}
	if p.RejectedRows() != 5 || len(p.Adds) != 0 {
		t.Errorf("%d rejected rows, %d adds", p.RejectedRows(), len(p.Adds))
	}
}

func TestUpdateNeverBlanksKnownValues(t *testing.T) {
	s, ids := orgStore(t)
	id := idFor(t, "1970-06-15", 17)
	orig, _, err := s.SaveMember(ctx, data.RoleOffice, data.Member{Name: "周九", IDNumber: id, BranchID: ids["第一车队党支部"], GroupID: ids["第一党小组"],
		Standing: data.StandingFull, JoinDate: data.MustDate("1995-07-01"), FullDate: data.MustDate("1996-07-01"),
		Phone: "13700000000", Address: "老地址", Remarks: "老备注", Education: "大学本科", DuesBase: 500000, Introducer1: "甲", Introducer2: "乙"})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		row    []cell
		fields []string
		check  func(m data.Member) bool
	}{
		{"all blank but the ID", []cell{"", id, "", "", "", "", "", "", ""}, nil,
			func(m data.Member) bool { return m == orig }},
		{"same values", []cell{"周九", id, "第一车队党支部", "第一党小组", "大学本科", "13700000000", "5000", "甲、乙", "1995-07-01"}, nil,
			func(m data.Member) bool { return m == orig }},
		{"name only, as on file", []cell{"周九", id, "", "", "", "", "", "", ""}, nil, nil},
		{"phone and education", []cell{"", id, "", "", "研究生", "13900000000", "", "", ""}, []string{"phone", "education"},
			func(m data.Member) bool {
				return m.Phone == "13900000000" && m.Education == "研究生" && m.Address == "老地址"
			}},
		{"move branch: the group goes too", []cell{"", id, "机关党支部", "", "", "", "", "", ""}, []string{"branch_id", "group_id"},
			func(m data.Member) bool { return m.BranchID == ids["机关党支部"] && m.GroupID == 0 }},
		{"move group within the branch", []cell{"", id, "", "第二党小组", "", "", "", "", ""}, []string{"group_id"},
			func(m data.Member) bool { return m.GroupID == ids["第二党小组"] }},
		{"dues in 元", []cell{"", id, "", "", "", "", "5200.5", "", ""}, []string{"dues_base"},
			func(m data.Member) bool { return m.DuesBase == 520050 }},
		{"one introducer replaced", []cell{"", id, "", "", "", "", "", "丙", ""}, []string{"introducer1"},
			func(m data.Member) bool { return m.Introducer1 == "丙" && m.Introducer2 == "乙" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows := [][]cell{{"姓名", "身份证号", "所在支部", "党小组", "学历", "手机", "党费基数", "入党介绍人", "入党日期"}, c.row}
			p := mustPlan(t, s, mustRead(t, "x.xlsx", buildXLSX(t, sheetSpec{rows: rows})))
			if len(p.Rejected) != 0 || len(p.Adds) != 0 {
				t.Fatalf("rejected %+v adds %+v", p.Rejected, p.Adds)
			}
			if c.fields == nil {
				if p.Unchanged != 1 || len(p.Updates) != 0 {
					t.Fatalf("unchanged %d, updates %+v", p.Unchanged, p.Updates)
				}
				return
			}
			if len(p.Updates) != 1 || !slices.Equal(p.Updates[0].Fields, c.fields) || !c.check(p.Updates[0].After) {
				t.Fatalf("updates %+v", p.Updates)
			}
		})
	}
}

// TestChangeBetweenReadAndWriteIsNotLost edits a person after Apply has
// read the records but before its transaction: the import must merge into
// the edited record, not overwrite the edit with what it read.
func TestChangeBetweenReadAndWriteIsNotLost(t *testing.T) {
	m := newMessy(t)
	s, ids := orgStore(t)
	zhou := seedZhou(t, s, ids, m)
	testHookBeforeWrite = func() {
		edited := zhou
		edited.Address = "刚刚改过的地址"
		if _, _, err := s.SaveMember(ctx, data.RoleOffice, edited); err != nil {
			t.Error(err)
		}
	}
	defer func() { testHookBeforeWrite = nil }()
	res, err := Apply(ctx, s, mustRead(t, "messy.xlsx", m.file), ValidOnly, nil)
	if err != nil || res.Updated != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	after, _ := s.Member(ctx, zhou.ID)
	if after.Address != "刚刚改过的地址" || after.Phone != "13911112222" {
		t.Errorf("after: address %q phone %q", after.Address, after.Phone)
	}
}

// TestIDTakenBetweenReadAndWrite adds, after Apply has read the records,
// someone with an ID number the sheet adds: the store's unique index
// refuses that row (valid-only) or the whole import (all-or-nothing).
func TestIDTakenBetweenReadAndWrite(t *testing.T) {
	for _, mode := range []Mode{ValidOnly, AllOrNothing} {
		t.Run(mode.String(), func(t *testing.T) {
			s, ids := orgStore(t)
			id1, id2 := idFor(t, "1980-01-01", 1), idFor(t, "1980-01-01", 3)
			file := buildXLSX(t, sheetSpec{rows: [][]cell{
				{"姓名", "身份证号", "所在支部", "党籍状态", "入党日期", "转正日期"},
				{"甲", id1, "机关党支部", "正式党员", "2005-07-01", "2006-07-01"},
				{"乙", id2, "机关党支部", "正式党员", "2005-07-01", "2006-07-01"},
			}})
			var m0 int
			var a0 int64
			testHookBeforeWrite = func() {
				if _, _, err := s.SaveMember(ctx, data.RoleOffice, data.Member{Name: "抢先", IDNumber: id2, BranchID: ids["机关党支部"], Standing: data.StandingProbationary}); err != nil {
					t.Error(err)
				}
				m0, a0 = counts(t, s)
			}
			defer func() { testHookBeforeWrite = nil }()
			res, err := Apply(ctx, s, mustRead(t, "x.xlsx", file), mode, nil)
			m1, a1 := counts(t, s)
			switch mode {
			case ValidOnly:
				if err != nil || res.Imported != 1 || len(res.Rejected) != 1 || res.Rejected[0].Row != 3 ||
					!strings.Contains(res.Rejected[0].Reason, "已属于") || m1 != m0+1 || a1 != a0+1 {
					t.Errorf("%+v %v; members %d→%d, audit %d→%d", res, err, m0, m1, a0, a1)
				}
			case AllOrNothing:
				if !errors.Is(err, ErrRejected) || res.Imported != 0 || m1 != m0 || a1 != a0 {
					t.Errorf("%+v %v; members %d→%d, audit %d→%d", res, err, m0, m1, a0, a1)
				}
			}
		})
	}
}

// A 出生年月 column that gives only the month takes the day from the ID
// number when the month agrees, silently; a different month still warns.
func TestBirthMonthTakesDayFromIDNumber(t *testing.T) {
	s, _ := orgStore(t)
	rows := [][]cell{
		{"姓名", "性别", "出生年月", "身份证号", "所在支部", "党籍状态", "入党时间", "转正时间"},
		{"甲", "男", "1985.03", idFor(t, "1985-03-12", 21), "机关党支部", "正式党员", "2015-07-01", "2016-07-01"},
		{"乙", "男", 1985.03, idFor(t, "1985-03-13", 23), "机关党支部", "正式党员", "2015-07-01", "2016-07-01"},
		{"丙", "男", "1985年3月", idFor(t, "1985-03-14", 25), "机关党支部", "正式党员", "2015-07-01", "2016-07-01"},
		{"丁", "男", "198503", idFor(t, "1985-03-15", 27), "机关党支部", "正式党员", "2015-07-01", "2016-07-01"},
		{"戊", "男", "1985.04", idFor(t, "1985-03-16", 29), "机关党支部", "正式党员", "2015-07-01", "2016-07-01"},
		{"己", "男", "1985-03-01", idFor(t, "1985-03-17", 31), "机关党支部", "正式党员", "2015-07-01", "2016-07-01"},
	}
	p := mustPlan(t, s, mustRead(t, "x.xlsx", buildXLSX(t, sheetSpec{rows: rows})))
	if len(p.Adds) != 6 {
		t.Fatalf("%d adds, rejected %+v", len(p.Adds), p.Rejected)
	}
	want := map[string]struct {
		birth string
		warns bool
	}{
		"甲": {"1985-03-12", false}, "乙": {"1985-03-13", false}, "丙": {"1985-03-14", false}, "丁": {"1985-03-15", false},
		"戊": {"1985-04-01", true}, // another month: kept as typed, flagged
		"己": {"1985-03-01", true}, // a full date that differs: flagged
	}
	for _, a := range p.Adds {
		w := want[a.Member.Name]
		if a.Member.BirthDate != data.MustDate(w.birth) {
			t.Errorf("%s: birth %s, want %s", a.Member.Name, a.Member.BirthDate, w.birth)
		}
		warned := false
		for _, is := range a.Warnings {
			if strings.Contains(is.Reason, "出生日期") {
				warned = true
			}
		}
		if warned != w.warns {
			t.Errorf("%s: birth warning %v, want %v (%+v)", a.Member.Name, warned, w.warns, a.Warnings)
		}
	}
}
