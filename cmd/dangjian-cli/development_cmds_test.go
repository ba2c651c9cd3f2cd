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

// devID builds a valid ID number from a birth date and a sequence.
func devID(birth, seq string) string {
	first := "110101" + birth + seq
	c, err := data.IDCheckChar(first)
	if err != nil {
		panic(err)
	}
	return first + string(c)
}

// devDB is a database with two branches, three 正式党员 in 第一车队党支部
// and two candidates there: 孙小明 on time, 周晚 whose talk came late; and
// one in 机关党支部 approved, on the roster.
func devDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "dev.db")
	s, err := data.Open(db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	office := data.Role{Office: true}
	var fleet, org data.OrgUnit
	err = s.Write(ctx, func(tx *data.Tx) error {
		root, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "中共示范公交公司总支部委员会"})
		if err != nil {
			return err
		}
		if fleet, err = tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"}); err != nil {
			return err
		}
		org, err = tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "中共示范公交公司机关支部委员会", ShortName: "机关党支部"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var full []int64
	for i, name := range []string{"王建国", "李红", "赵强"} {
		m, _, err := s.SaveMember(ctx, data.RoleOffice, data.Member{Name: name, IDNumber: devID("1970010"+string(rune('1'+i)), "011"),
			BranchID: org.ID, Standing: data.StandingFull, Status: data.StatusNormal, JoinDate: data.MustDate("2000-07-01"),
			FullDate: data.MustDate("2001-07-01")})
		if err != nil {
			t.Fatal(err)
		}
		full = append(full, m.ID)
	}
	cand := func(name, id string, branch int64, apply string) data.DevCandidate {
		c, _, err := s.SaveDevCandidate(ctx, office, data.DevCandidate{Name: name, IDNumber: id, BranchID: branch, ApplyDate: data.MustDate(apply)})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	step := func(c data.DevCandidate, n int, date string, edit func(r *data.DevStepRecord)) {
		r := data.DevStepRecord{CandidateID: c.ID, Step: n, Date: data.MustDate(date), Materials: data.DefaultDevProcess().Step(n).Materials}
		if edit != nil {
			edit(&r)
		}
		if _, _, err := s.SaveDevStep(ctx, office, r); err != nil {
			t.Fatalf("step %d: %v", n, err)
		}
	}
	good := cand("孙小明", devID("19950101", "123"), fleet.ID, "2026-01-05")
	step(good, 1, "2026-01-05", nil)
	step(good, 2, "2026-01-20", nil)
	late := cand("周晚", devID("19960202", "234"), fleet.ID, "2026-01-05")
	step(late, 1, "2026-01-05", nil)
	step(late, 2, "2026-03-01", nil)
	joined := cand("吴入党", devID("19900303", "345"), org.ID, "2023-03-01")
	for _, x := range []struct {
		n    int
		date string
	}{{1, "2023-03-01"}, {2, "2023-03-20"}, {3, "2023-06-01"}, {5, "2023-06-10"}, {6, "2023-12-01"}, {6, "2024-06-01"},
		{7, "2024-06-15"}, {9, "2024-06-20"}, {10, "2024-07-01"}, {11, "2024-07-10"}, {12, "2024-07-20"}, {13, "2024-07-25"},
		{14, "2024-08-01"}, {15, "2024-09-01"}, {16, "2024-09-20"}, {17, "2024-10-15"}} {
		step(joined, x.n, x.date, func(r *data.DevStepRecord) {
			switch r.Step {
			case 5:
				r.People = []data.DevPerson{{MemberID: full[0], Role: data.DevRoleCultivator}}
			case 9:
				r.People = []data.DevPerson{{MemberID: full[1], Role: data.DevRoleIntroducer}, {MemberID: full[2], Role: data.DevRoleIntroducer}}
			case 11:
				r.TrainingDays = 3
			case 15:
				r.Vote = &data.DevVoteCount{Expected: 3, Present: 3, Yes: 3}
			}
		})
	}
	return db
}

func TestDevCheckDevelopmentJSON(t *testing.T) {
	db := devDB(t)
	code, out, errs := cli(t, "--db", db, "check", "development", "--as-of", "2026-03-10", "--json")
	if code != exitPartial {
		t.Fatalf("exit %d, want 1 (a late talk): %s %s", code, out, errs)
	}
	var got devCheckJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	by := map[string]devCandidateJSON{}
	for _, c := range got.Candidates {
		by[c.Name] = c
	}
	if len(by) != 3 {
		t.Fatalf("%d candidates: %s", len(by), out)
	}
	good, late, joined := by["孙小明"], by["周晚"], by["吴入党"]
	if good.Stage != "申请入党" || len(good.Warnings) != 0 || good.Next.Step != 3 || good.Branch != "第一车队党支部" ||
		good.IDNumber != devID("19950101", "123") || good.ID == 0 {
		t.Errorf("on time: %+v", good)
	}
	if late.Stage != "申请入党" || len(late.Warnings) != 1 || late.Warnings[0].Step != 2 || !strings.Contains(late.Warnings[0].Message, "1 个月") {
		t.Errorf("late: %+v", late)
	}
	if joined.Stage != "预备党员" || joined.Branch != "机关党支部" {
		t.Errorf("joined: %+v", joined)
	}
	// The raw JSON has the contract's keys.
	var raw map[string][]map[string]any
	json.Unmarshal([]byte(out), &raw)
	for _, k := range []string{"id", "name", "id_number", "branch", "stage", "warnings", "next"} {
		if _, ok := raw["candidates"][0][k]; !ok {
			t.Errorf("key %s missing", k)
		}
	}
	next, _ := raw["candidates"][0]["next"].(map[string]any)
	for _, k := range []string{"step", "name", "due"} {
		if _, ok := next[k]; !ok {
			t.Errorf("next.%s missing", k)
		}
	}
}

func TestDevCheckDevelopmentBranchTextAndErrors(t *testing.T) {
	db := devDB(t)
	code, out, errs := cli(t, "--db", db, "check", "development", "--as-of", "2025-01-10", "--branch", "机关党支部", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	var got devCheckJSON
	json.Unmarshal([]byte(out), &got)
	if len(got.Candidates) != 1 || got.Candidates[0].Name != "吴入党" || len(got.Candidates[0].Warnings) != 0 {
		t.Errorf("%s", out)
	}
	code, out, _ = cli(t, "--db", db, "check", "development", "--as-of", "2026-03-10")
	if code != exitPartial || !strings.Contains(out, "周晚") || !strings.Contains(out, "第 2 步") || !strings.Contains(out, "共 3 名，2 名有提醒") {
		t.Errorf("text: %d\n%s", code, out)
	}
	for _, args := range [][]string{
		{"--as-of", "昨天"}, {"--branch", "没有这个支部"}, {"多余"},
	} {
		code, _, errs := cli(t, append([]string{"--db", db, "check", "development"}, args...)...)
		if code != exitError || errs == "" {
			t.Errorf("%v: exit %d %q", args, code, errs)
		}
	}
}

func TestDevImportDevelopmentCLI(t *testing.T) {
	db := devDB(t)
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.SetSheetRow(sh, "A1", &[]any{"姓名", "身份证号码", "所在党支部", "递交入党申请书时间", "谈话时间", "确定为入党积极分子时间"})
	f.SetSheetRow(sh, "A2", &[]any{"韩新", devID("19990909", "678"), "第一车队党支部", "2025-01-05", "2025-03-20", "2025-06-01"})
	f.SetSheetRow(sh, "A3", &[]any{"重复", devID("19990909", "678"), "第一车队党支部", "2025-01-05", "", ""})
	path := filepath.Join(t.TempDir(), "台账.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	code, out, errs := cli(t, "--db", db, "import", "development", path, "--mode", "all-or-nothing", "--json")
	if code != exitError || !strings.Contains(out, `"rejected"`) {
		t.Fatalf("all-or-nothing: %d %s %s", code, out, errs)
	}
	code, out, errs = cli(t, "--db", db, "import", "development", path, "--json")
	var res importJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != exitPartial || res.Imported != 1 || len(res.Rejected) != 1 ||
		res.Rejected[0].Row != 3 {
		t.Fatalf("valid-only: %d %s %s %v", code, out, errs, err)
	}
	if !strings.Contains(out, "1 个月") { // the late talk is reported on its row
		t.Errorf("late talk not warned: %s", out)
	}
	code, out, _ = cli(t, "--db", db, "import", "development", path)
	if code != exitPartial || !strings.Contains(out, "已存在 1 份") {
		t.Errorf("again: %d %s", code, out)
	}
	if code, _, _ := cli(t, "--db", db, "import", "development"); code != exitError {
		t.Errorf("no file: %d", code)
	}
}

func TestDevExportDevelopmentCLI(t *testing.T) {
	db := devDB(t)
	dir := t.TempDir()
	rec := filepath.Join(dir, "纪实表.pdf")
	code, out, errs := cli(t, "--db", db, "export", "development", "--name", "吴入党", "--out", rec)
	if code != exitOK || !strings.Contains(out, "发展党员工作全程纪实表") {
		t.Fatalf("record: %d %s %s", code, out, errs)
	}
	led := filepath.Join(dir, "台账.pdf")
	code, out, errs = cli(t, "--db", db, "export", "development", "--year", "2024", "--branch", "机关党支部", "--out", led)
	if code != exitOK || !strings.Contains(out, "2024年度发展党员工作台账（1 名）") {
		t.Fatalf("ledger: %d %s %s", code, out, errs)
	}
	for _, f := range []string{rec, led} {
		if b, err := os.ReadFile(f); err != nil || !strings.HasPrefix(string(b), "%PDF") {
			t.Errorf("%s: %v", f, err)
		}
	}
	for _, args := range [][]string{
		{"--name", "没有这个人", "--out", rec},
		{"--name", "吴入党", "--year", "2024", "--out", rec},
		{"--name", "吴入党"},
		{"--year", "1999", "--out", led},
	} {
		if code, _, errs := cli(t, append([]string{"--db", db, "export", "development"}, args...)...); code != exitError || errs == "" {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
}
