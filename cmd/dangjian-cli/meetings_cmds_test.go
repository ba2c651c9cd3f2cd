package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"dangjian/data"
)

// meetingsDB is a database with a 党总支 and two branches:
// 机关党支部 (founded 2020, a 书记 only: no 支委会 owed, no groups) and
// 第一车队党支部 (with a committee and one group, 第一党小组).
func meetingsDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "meetings.db")
	s, err := data.Open(db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	err = s.Write(ctx, func(tx *data.Tx) error {
		root, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "中共示范公交公司总支部委员会"})
		if err != nil {
			return err
		}
		office, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "中共示范公交公司机关支部委员会",
			ShortName: "机关党支部", Founded: data.MustDate("2020-01-01")})
		if err != nil {
			return err
		}
		if _, err := tx.SavePost(data.RoleOffice, data.Post{UnitID: office.ID, Title: "书记", Holder: "周书记", Start: data.MustDate("2020-01-01")}); err != nil {
			return err
		}
		fleet, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"})
		if err != nil {
			return err
		}
		for _, title := range []string{"书记", "组织委员", "宣传委员"} {
			if _, err := tx.SavePost(data.RoleOffice, data.Post{UnitID: fleet.ID, Title: title, Holder: title + "甲", Start: data.MustDate("2020-01-01")}); err != nil {
				return err
			}
		}
		_, err = tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGroup, ParentID: fleet.ID, FullName: "第一车队第一党小组", ShortName: "第一党小组"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

var ledgerHead = []any{"序号", "支部", "会议类型", "主题", "会议时间", "地点", "主持人", "记录人", "应到人数", "实到人数",
	"请假人员", "缺席人员及原因", "列席人员", "议程", "主要内容", "决议"}

// fullYear is every meeting 机关党支部 owes in a year.
func fullYear(year int) [][]any {
	var rows [][]any
	add := func(kind, topic, when string) {
		rows = append(rows, []any{len(rows) + 1, "机关党支部", kind, topic, when, "三楼会议室", "周书记", "吴委员", 9, 8,
			"郑某（出差）", "", "", "一、学习\n二、讨论", topic + "：会议学习了有关文件，党员交流了体会。", ""})
	}
	for m := 1; m <= 12; m++ {
		add("主题党日", fmt.Sprintf("%d月主题党日", m), fmt.Sprintf("%d-%02d-10 14:30", year, m))
		if m%3 == 0 {
			add("支部党员大会", fmt.Sprintf("第%d季度党员大会", m/3), fmt.Sprintf("%d年%d月20日下午3点", year, m))
			add("党课", fmt.Sprintf("第%d季度党课", m/3), fmt.Sprintf("%d.%d.25", year, m))
		}
	}
	add("组织生活会", fmt.Sprintf("%d年度组织生活会", year), fmt.Sprintf("%d-12-26", year))
	add("民主评议党员", fmt.Sprintf("%d年度民主评议党员", year), fmt.Sprintf("%d-12-27", year))
	return rows
}

func writeLedger(t *testing.T, name string, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "会议记录台账")
	f.SetCellValue("Sheet1", "A2", "填报单位：机关党支部")
	for r, row := range append([][]any{ledgerHead}, rows...) {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+3)
			f.SetCellValue("Sheet1", ref, v)
		}
	}
	path := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

type checkOut struct {
	Year int    `json:"year"`
	AsOf string `json:"as_of"`
	Gaps []struct {
		Branch   string `json:"branch"`
		Kind     string `json:"kind"`
		Period   string `json:"period"`
		Required int    `json:"required"`
		Held     int    `json:"held"`
	} `json:"gaps"`
	Due []json.RawMessage `json:"due"`
}

func checkJSONOf(t *testing.T, out string) checkOut {
	t.Helper()
	var c checkOut
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if !strings.Contains(out, `"gaps": [`) || !strings.Contains(out, `"due": [`) {
		t.Errorf("gaps/due must be lists:\n%s", out)
	}
	return c
}

func meetingCount(t *testing.T, db string) int {
	t.Helper()
	s, err := data.Open(db, data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ms, err := s.Meetings(context.Background(), data.MeetingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(ms)
}

func TestImportMeetingsExitCodesAndJSON(t *testing.T) {
	db := meetingsDB(t)
	good := writeLedger(t, "2025台账.xlsx", fullYear(2025))
	mixed := writeLedger(t, "混合.xlsx", [][]any{
		{1, "第一车队", "支委会", "研究发展党员", "2024-03-08", "车队会议室", "书记甲", "组织委员甲", 3, 3, "", "", "", "", "研究了发展对象。", "同意"},
		{2, "第九车队党支部", "支委会", "研究四月工作", "2024-04-08", "", "", "", 3, 3, "", "", "", "", "", ""},
		{3, "第一党小组", "党小组会", "学习交流", "", "", "", "", 5, 4, "", "", "", "", "", ""},
	})

	// Everything good: 0.
	code, out, errs := cli(t, "--db", db, "import", "meetings", good, "--json")
	r := importJSONOf(t, out)
	if code != exitOK || r.Imported != 22 || r.Updated != 0 || len(r.CreatedBranches) != 0 || len(r.Rejected) != 0 {
		t.Fatalf("good ledger: %d %+v %s", code, r, errs)
	}
	if !strings.Contains(out, `"unchanged": 0`) || !strings.Contains(out, `"skipped": [`) {
		t.Errorf("JSON shape of import members expected:\n%s", out)
	}
	// Again: all 已存在, still 0.
	code, out, _ = cli(t, "--db", db, "import", "meetings", "--json", good)
	if r := importJSONOf(t, out); code != exitOK || r.Imported != 0 || !strings.Contains(out, `"unchanged": 22`) || !strings.Contains(out, "已存在") {
		t.Errorf("re-import: %d %s", code, out)
	}
	// All-or-nothing with bad rows: 2, nothing written.
	code, out, _ = cli(t, "--db", db, "import", "meetings", mixed, "--mode", "all-or-nothing", "--json")
	r = importJSONOf(t, out)
	if code != exitError || r.Imported != 0 || len(r.Rejected) != 2 || r.Error == "" {
		t.Fatalf("all-or-nothing: %d %+v", code, r)
	}
	if n := meetingCount(t, db); n != 22 {
		t.Errorf("all-or-nothing wrote: %d meetings", n)
	}
	for _, is := range r.Rejected {
		if (is.Row == 5 && !strings.Contains(is.Reason, "第九车队党支部")) || (is.Row == 6 && is.Column != "会议时间") {
			t.Errorf("rejection %+v", is)
		}
	}
	// Valid-only: the good row goes in, 1; text output lists the rest.
	code, out, _ = cli(t, "--db", db, "import", "meetings", mixed)
	if code != exitPartial || !strings.Contains(out, "新增会议记录 1 次") || !strings.Contains(out, "第 5 行【支部】") ||
		!strings.Contains(out, "未填写会议日期") {
		t.Errorf("valid-only: %d\n%s", code, out)
	}
	// Nothing importable: 2.
	bad := writeLedger(t, "坏.xlsx", [][]any{{1, "第九车队党支部", "支委会", "研究", "2024-04-08"}})
	if code, out, _ := cli(t, "--db", db, "import", "meetings", bad, "--json"); code != exitError || importJSONOf(t, out).Imported != 0 {
		t.Errorf("bad ledger: %d %s", code, out)
	}
	// Not a ledger, a missing file, a bad mode: 2 with the error in the JSON.
	roster := writeRoster(t, [][]any{rosterHeader, {1, "艾青松", "男", testID(t, "1980-01-02", 11), "机关党支部", "正式党员", "2005-07-01", "2006-07-01"}})
	for _, args := range [][]string{
		{"import", "meetings", roster, "--json"},
		{"import", "meetings", filepath.Join(t.TempDir(), "没有.xlsx"), "--json"},
		{"import", "meetings", good, "--mode", "some", "--json"},
	} {
		code, out, _ := cli(t, append([]string{"--db", db}, args...)...)
		if r := importJSONOf(t, out); code != exitError || r.Error == "" {
			t.Errorf("%v: %d %s", args, code, out)
		}
	}
}

func TestCheckMeetingsGapsAndExitCodes(t *testing.T) {
	db := meetingsDB(t)
	if code, _, errs := cli(t, "--db", db, "import", "meetings", writeLedger(t, "a.xlsx", fullYear(2025))); code != exitOK {
		t.Fatalf("import: %s", errs)
	}
	// 机关党支部 held everything in 2025: no gaps, 0.
	code, out, errs := cli(t, "--db", db, "check", "meetings", "--year", "2025", "--branch", "机关党支部", "--json")
	c := checkJSONOf(t, out)
	if code != exitOK || len(c.Gaps) != 0 || c.Year != 2025 {
		t.Fatalf("full year: %d %s %s", code, out, errs)
	}
	// 2024 for everyone: gaps, 1, with periods in the contract's shapes.
	code, out, _ = cli(t, "--db", db, "check", "meetings", "--year", "2024", "--json")
	c = checkJSONOf(t, out)
	if code != exitPartial || len(c.Gaps) == 0 {
		t.Fatalf("2024: %d %s", code, out)
	}
	seen := map[string]string{}
	for _, g := range c.Gaps {
		if g.Held >= g.Required || g.Branch == "" {
			t.Errorf("not a gap: %+v", g)
		}
		seen[g.Branch+"/"+g.Kind] = g.Period
	}
	for key, want := range map[string]string{
		"机关党支部/主题党日":      "2024-12",
		"机关党支部/支部党员大会":    "2024-Q4",
		"机关党支部/组织生活会":     "2024",
		"第一车队党支部/支部委员会会议": "2024-12",
		"第一车队党支部/党小组会":    "2024-12",
	} {
		if seen[key] != want {
			t.Errorf("%s: last gap %q, want %q", key, seen[key], want)
		}
	}
	if _, ok := seen["机关党支部/支部委员会会议"]; ok {
		t.Error("a branch without a committee owes 支委会")
	}
	// --branch narrows; a group or an unknown name is an error.
	code, out, _ = cli(t, "--db", db, "check", "meetings", "--year", "2024", "--branch", "第一车队", "--json")
	for _, g := range checkJSONOf(t, out).Gaps {
		if g.Branch != "第一车队党支部" {
			t.Errorf("--branch 第一车队: %+v", g)
		}
	}
	if code != exitPartial {
		t.Errorf("--branch: %d", code)
	}
	for _, name := range []string{"第一党小组", "第九车队"} {
		if code, _, errs := cli(t, "--db", db, "check", "meetings", "--year", "2024", "--branch", name, "--json"); code != exitError || errs == "" {
			t.Errorf("--branch %s: %d %s", name, code, errs)
		}
	}
	// Next year has not begun: nothing is a gap yet.
	next := fmt.Sprint(data.Today().Y + 1)
	if code, out, _ := cli(t, "--db", db, "check", "meetings", "--year", next, "--json"); code != exitOK || len(checkJSONOf(t, out).Gaps) != 0 {
		t.Errorf("next year: %d %s", code, out)
	}
	// Text: a table in Chinese.
	code, out, _ = cli(t, "--db", db, "check", "meetings", "--year", "2024")
	if code != exitPartial || !strings.Contains(out, "未按要求召开") || !strings.Contains(out, "第四季度 0/1") || !strings.Contains(out, "12月 0/1") || !strings.Contains(out, "全年 0/1") {
		t.Errorf("text: %d\n%s", code, out)
	}
	if code, _, _ := cli(t, "--db", db, "check", "meetings", "--year", "1066"); code != exitError {
		t.Errorf("year 1066: %d", code)
	}
}

func TestExportMinutesMeetingAndCompliance(t *testing.T) {
	db := meetingsDB(t)
	if code, _, errs := cli(t, "--db", db, "import", "meetings", writeLedger(t, "a.xlsx", fullYear(2025))); code != exitOK {
		t.Fatalf("import: %s", errs)
	}
	dir := t.TempDir()
	isPDF := func(path string) {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
			t.Errorf("%s: not a PDF (%v)", path, err)
		}
	}
	book := filepath.Join(dir, "会议记录本.pdf")
	code, out, errs := cli(t, "--db", db, "export", "minutes", "--branch", "机关党支部", "--year", "2025", "--out", book)
	if code != exitOK || !strings.Contains(out, "22 次会议") {
		t.Fatalf("export minutes: %d %s %s", code, out, errs)
	}
	isPDF(book)
	one := filepath.Join(dir, "一次会议.pdf")
	if code, _, errs := cli(t, "--db", db, "export", "meeting", "--id", "3", "--out", one); code != exitOK {
		t.Fatalf("export meeting: %s", errs)
	}
	isPDF(one)
	matrix := filepath.Join(dir, "落实情况.pdf")
	if code, _, errs := cli(t, "--db", db, "export", "compliance", "--year", "2025", "--out", matrix); code != exitOK {
		t.Fatalf("export compliance: %s", errs)
	}
	isPDF(matrix)
	for _, args := range [][]string{
		{"export", "minutes", "--branch", "第一车队党支部", "--year", "2025", "--out", filepath.Join(dir, "x.pdf")}, // no minutes
		{"export", "minutes", "--branch", "第九车队", "--year", "2025", "--out", filepath.Join(dir, "x.pdf")},
		{"export", "minutes", "--branch", "机关党支部", "--out", filepath.Join(dir, "x.pdf")},
		{"export", "meeting", "--id", "999", "--out", filepath.Join(dir, "x.pdf")},
		{"export", "meeting", "--id", "1"},
	} {
		if code, _, errs := cli(t, append([]string{"--db", db}, args...)...); code != exitError || errs == "" {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Error("a failed export left a file")
	}
}
