package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"dangjian/data"
)

// studyDB: 第一支部 with 王建国, 李红, 赵强; 第二支部 with 孙丽. No points yet.
func studyDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "study.db")
	s, err := data.Open(db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	err = s.Write(ctx, func(tx *data.Tx) error {
		root, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "中共示范公司总支部委员会"})
		if err != nil {
			return err
		}
		b1, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一支部"})
		if err != nil {
			return err
		}
		b2, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第二支部"})
		if err != nil {
			return err
		}
		for i, c := range []struct {
			name   string
			branch int64
		}{{"王建国", b1.ID}, {"李红", b1.ID}, {"赵强", b1.ID}, {"孙丽", b2.ID}} {
			if _, _, err := tx.SaveMember(data.RoleOffice, data.Member{Name: c.name, IDNumber: devID("1970010"+string(rune('1'+i)), "011"),
				BranchID: c.branch, Standing: data.StandingFull, Status: data.StatusNormal,
				JoinDate: data.MustDate("2000-07-01"), FullDate: data.MustDate("2001-07-01")}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestImportStudyAndPointsRank(t *testing.T) {
	db := studyDB(t)
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	rows := [][]any{
		{"姓名", "身份证号码", "学习日期", "学习内容", "学时", "学习形式"},
		{"王建国", devID("19700101", "011"), "2026-11-02", "学习党章", 3, "集中学习"},
		{"李红", "", "2026-11-02", "学习党章", 3, "集中学习"},
		{"孙丽", "", "2026-11-05", "自学党史", 1.5, "自学"},
		{"赵强", "", "2026-10-05", "自学党史", 1, "自学"},
		{"无此人", "", "2026-11-05", "自学党史", 1, "自学"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow(sh, cell, &r)
	}
	path := filepath.Join(t.TempDir(), "学习台账.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	code, out, errs := cli(t, "--db", db, "import", "study", path, "--json")
	if code != exitPartial {
		t.Fatalf("import with a rejected row: %d %s %s", code, out, errs)
	}
	var res struct {
		Imported int `json:"imported"`
		Rejected []struct {
			Row    int    `json:"row"`
			Reason string `json:"reason"`
		} `json:"rejected"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if res.Imported != 4 || len(res.Rejected) != 1 || res.Rejected[0].Row != 6 || !strings.Contains(res.Rejected[0].Reason, "无此人") {
		t.Fatalf("import result: %+v", res)
	}

	// Default rules: 1 分 a 学时 (at most 20 a month).
	code, out, errs = cli(t, "--db", db, "points", "rank", "--year", "2026", "--month", "11", "--json")
	if code != exitOK {
		t.Fatalf("rank: %d %s", code, errs)
	}
	var r struct {
		Overall []map[string]any `json:"overall"`
		Study   []map[string]any `json:"study"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	type row struct {
		name   string
		points float64
		rank   int
	}
	got := func(list []map[string]any) []row {
		var out []row
		for _, x := range list {
			out = append(out, row{x["name"].(string), x["points"].(float64), int(x["rank"].(float64))})
		}
		return out
	}
	want := []row{{"李红", 3, 1}, {"王建国", 3, 1}, {"孙丽", 1.5, 3}, {"赵强", 0, 4}}
	if g := got(r.Overall); len(g) != 4 || g[0].points != 3 || g[1].points != 3 || g[0].rank != 1 || g[1].rank != 1 || g[2] != want[2] || g[3] != want[3] {
		t.Errorf("overall: %v, want %v", g, want)
	}
	if r.Study[2]["hours"].(float64) != 1.5 || r.Study[2]["branch"] != "第二支部" {
		t.Errorf("study: %v", r.Study)
	}
	if _, ok := r.Overall[0]["hours"]; ok {
		t.Errorf("overall carries hours: %v", r.Overall[0])
	}
	code, out, _ = cli(t, "--db", db, "points", "rank", "--branch", "第一支部")
	if code != exitOK || !strings.Contains(out, "综合排名") || strings.Contains(out, "孙丽") || !strings.Contains(out, "赵强") {
		t.Errorf("text, one branch: %d %s", code, out)
	}
	for _, args := range [][]string{{"--month", "3"}, {"--branch", "无此支部"}, {"--year", "2026", "--month", "13"}} {
		if code, _, errs := cli(t, append([]string{"--db", db, "points", "rank"}, args...)...); code != exitError || errs == "" {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
}

func TestImportQuestions(t *testing.T) {
	db := studyDB(t)
	path := filepath.Join(t.TempDir(), "题库.csv")
	csv := "题型,题目,选项A,选项B,选项C,答案,分值,类别\n" +
		"单选,党的最高领导机关是？,全国代表大会,中央委员会,中央政治局,A,2,党章\n" +
		"单选,党费按月交纳吗？,是,否,,C,2,党章\n" +
		"判断,预备党员有表决权。,,,,错,1,党章\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := cli(t, "--db", db, "import", "questions", path, "--json")
	if code != exitPartial {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	var res struct {
		Imported int `json:"imported"`
		Rejected []struct {
			Row    int    `json:"row"`
			Reason string `json:"reason"`
		} `json:"rejected"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if res.Imported != 2 || len(res.Rejected) != 1 || res.Rejected[0].Row != 3 || !strings.Contains(res.Rejected[0].Reason, "不在选项之中") {
		t.Fatalf("result: %+v", res)
	}
	if code, _, _ := cli(t, "--db", db, "import", "questions", path, "--mode", "all-or-nothing"); code == exitOK {
		t.Error("all-or-nothing with rejections exited 0")
	}
}

func TestExportQuiz(t *testing.T) {
	db := studyDB(t)
	out := filepath.Join(t.TempDir(), "quiz.pdf")
	if code, _, errs := cli(t, "--db", db, "export", "quiz", "--count", "2", "--out", out); code != exitError || !strings.Contains(errs, "题库是空的") {
		t.Fatalf("empty bank: %d %s", code, errs)
	}
	path := filepath.Join(t.TempDir(), "题库.csv")
	csv := "题型,题目,选项A,选项B,答案,分值,类别\n单选,党的最高领导机关是？,全国代表大会,中央委员会,A,2,党章\n" +
		"判断,预备党员有表决权。,,,错,1,党章\n单选,中国共产党成立于哪一年？,1921,1949,A,2,党史\n"
	os.WriteFile(path, []byte(csv), 0o644)
	if code, _, errs := cli(t, "--db", db, "import", "questions", path); code != exitOK {
		t.Fatalf("import: %d %s", code, errs)
	}
	code, stdout, errs := cli(t, "--db", db, "export", "quiz", "--count", "2", "--category", "党章", "--seed", "5", "--answers", "--out", out)
	if code != exitOK || !strings.Contains(stdout, "满分 3 分") {
		t.Fatalf("export: %d %s %s", code, stdout, errs)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("no PDF: %v", err)
	}
	if code, _, errs := cli(t, "--db", db, "export", "quiz", "--count", "3", "--category", "党章", "--out", out); code != exitError || !strings.Contains(errs, "只有 2 道题") {
		t.Errorf("too many: %d %s", code, errs)
	}
}
