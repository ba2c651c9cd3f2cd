package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"dangjian/data"
)

var planHeader = []any{"序号", "工作方面", "任务内容", "责任支部", "完成时限", "分值", "工作要求"}

// writePlan saves a task list .xlsx with a title row above the header.
func writePlan(t *testing.T, name string, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "党建工作任务清单")
	for r, row := range append([][]any{planHeader}, rows...) {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+2)
			f.SetCellValue("Sheet1", ref, v)
		}
	}
	path := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// withStore opens the database for writing, runs fn, and closes it again
// before the CLI runs.
func withStore(t *testing.T, db string, fn func(s *data.Store, units map[string]int64)) {
	t.Helper()
	s, err := data.Open(db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	units := map[string]int64{}
	list, err := s.OrgUnits(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range list {
		units[u.Name()] = u.ID
	}
	fn(s, units)
}

func taskCount(t *testing.T, db string, year int) int {
	t.Helper()
	n := 0
	withStore(t, db, func(s *data.Store, _ map[string]int64) {
		tasks, err := s.Tasks(context.Background(), year)
		if err != nil {
			t.Fatal(err)
		}
		n = len(tasks)
	})
	return n
}

func TestImportTasksExitCodesAndJSON(t *testing.T) {
	db := meetingsDB(t)
	year := data.Today().Y
	y := strconv.Itoa(year)
	good := writePlan(t, "任务清单.xlsx", [][]any{
		{1, "一、组织建设", "按期完成支部委员会换届选举", "第一车队党支部", "6月底", 5, "选举结果报党总支批复"},
		{2, nil, "规范“三会一课”记录，按月报送", "各党支部", "年底", 3, ""},
		{3, "二、作风建设", "开展调查研究，形成调研报告", "机关党支部、第一车队", "第三季度末", 2.5, ""},
	})
	code, out, errs := cli(t, "--db", db, "import", "tasks", good, "--year", y, "--json")
	r := importJSONOf(t, out)
	if code != exitOK || r.Imported != 3 || len(r.Rejected) != 0 || len(r.CreatedBranches) != 0 || len(r.Warnings) != 3 {
		t.Fatalf("good plan: %d %+v %s", code, r, errs)
	}
	if !strings.Contains(out, `"unchanged": 0`) || !strings.Contains(out, `"skipped": [`) || !strings.Contains(out, "按 "+y+"年6月30日") {
		t.Errorf("JSON shape of the imports expected:\n%s", out)
	}
	// Again (--year= form, flags first): all on file, still 0.
	code, out, _ = cli(t, "--db", db, "import", "tasks", "--json", "--year="+y, good)
	if r := importJSONOf(t, out); code != exitOK || r.Imported != 0 || !strings.Contains(out, `"unchanged": 3`) || !strings.Contains(out, "已存在") {
		t.Errorf("re-import: %d %s", code, out)
	}
	// Without --year: this year's plan, the same tasks.
	if code, out, _ := cli(t, "--db", db, "import", "tasks", good, "--json"); code != exitOK || !strings.Contains(out, `"unchanged": 3`) {
		t.Errorf("default year: %d %s", code, out)
	}
	// The plan of last year is another plan: its 6月底 is last year's.
	prev := strconv.Itoa(year - 1)
	code, out, _ = cli(t, "--db", db, "import", "tasks", good, "--year", prev)
	if code != exitOK || !strings.Contains(out, "（"+prev+" 年度督办任务）：新增任务 3 项") || !strings.Contains(out, prev+"年6月30日") {
		t.Errorf("last year: %d %s", code, out)
	}
	if n := taskCount(t, db, year-1); n != 3 {
		t.Errorf("%d tasks in %d", n, year-1)
	}

	mixed := writePlan(t, "混合.xlsx", [][]any{
		{1, "纪律建设", "开展警示教育", "机关党支部", "5月底", 2, ""},
		{2, "纪律建设", "签订责任书", "第九车队党支部、后勤党支部", "3月底", 2, ""},
		{3, "纪律建设", "开展廉洁提醒", "第一党小组", "尽快", "两分", ""},
	})
	// All-or-nothing with bad rows: 2, nothing written.
	code, out, _ = cli(t, "--db", db, "import", "tasks", mixed, "--year", y, "--mode", "all-or-nothing", "--json")
	r = importJSONOf(t, out)
	if code != exitError || r.Imported != 0 || rowsOfJSON(r) != 2 || r.Error == "" {
		t.Fatalf("all-or-nothing: %d %+v", code, r)
	}
	if n := taskCount(t, db, year); n != 3 {
		t.Errorf("all-or-nothing wrote: %d tasks", n)
	}
	for _, is := range r.Rejected {
		if is.Row == 4 && !strings.Contains(is.Reason, "“第九车队党支部”、“后勤党支部”") {
			t.Errorf("rejection %+v", is)
		}
	}
	// Valid-only: the good row goes in, 1; the text lists the rest.
	code, out, _ = cli(t, "--db", db, "import", "tasks", mixed, "--year", y)
	if code != exitPartial || !strings.Contains(out, "新增任务 1 项") || !strings.Contains(out, "第 4 行【责任支部】") ||
		!strings.Contains(out, "是党小组") || !strings.Contains(out, "2 行未导入") {
		t.Errorf("valid-only: %d\n%s", code, out)
	}
	// Nothing importable: 2.
	bad := writePlan(t, "坏.xlsx", [][]any{{1, "纪律建设", "签订责任书", "第九车队党支部", "3月底", 2, ""}})
	if code, out, _ := cli(t, "--db", db, "import", "tasks", bad, "--json"); code != exitError || importJSONOf(t, out).Imported != 0 {
		t.Errorf("bad plan: %d %s", code, out)
	}
	// Not a plan, a missing file, a bad mode, a bad year: 2 with the error in the JSON.
	ledger := writeLedger(t, "台账.xlsx", fullYear(2025))
	for _, args := range [][]string{
		{"import", "tasks", ledger, "--json"},
		{"import", "tasks", filepath.Join(t.TempDir(), "没有.xlsx"), "--json"},
		{"import", "tasks", good, "--mode", "some", "--json"},
		{"import", "tasks", good, "--year", "26", "--json"},
		{"import", "tasks", good, "--json", "--year"},
		{"import", "tasks", "--json"},
	} {
		code, out, _ := cli(t, append([]string{"--db", db}, args...)...)
		if r := importJSONOf(t, out); code != exitError || r.Error == "" {
			t.Errorf("%v: %d %s", args, code, out)
		}
	}
}

func rowsOfJSON(r importOut) int {
	rows := map[int]bool{}
	for _, is := range r.Rejected {
		rows[is.Row] = true
	}
	return len(rows)
}

type remindersOut struct {
	Year    int `json:"year"`
	Overdue []struct {
		Task   string `json:"task"`
		Branch string `json:"branch"`
		Due    string `json:"due"`
		Status string `json:"status"`
	} `json:"overdue"`
	DueSoon []struct {
		Task   string `json:"task"`
		Branch string `json:"branch"`
		Due    string `json:"due"`
		Status string `json:"status"`
	} `json:"due_soon"`
}

func remindersOf(t *testing.T, out string) remindersOut {
	t.Helper()
	var r remindersOut
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if !strings.Contains(out, `"overdue": [`) || !strings.Contains(out, `"due_soon": [`) {
		t.Errorf("overdue/due_soon must be lists:\n%s", out)
	}
	return r
}

func TestCheckTasksExitCodesAndJSON(t *testing.T) {
	db := meetingsDB(t)
	today := data.Today()
	y := strconv.Itoa(today.Y)
	// Nothing assigned: nothing overdue, 0.
	code, out, errs := cli(t, "--db", db, "check", "tasks", "--json")
	if r := remindersOf(t, out); code != exitOK || len(r.Overdue) != 0 || len(r.DueSoon) != 0 || r.Year != today.Y {
		t.Fatalf("empty: %d %s %s", code, out, errs)
	}
	var late int64
	withStore(t, db, func(s *data.Store, units map[string]int64) {
		ctx := context.Background()
		add := func(title string, due data.Date, branches ...string) data.Task {
			var ids []int64
			for _, b := range branches {
				ids = append(ids, units[b])
			}
			task, err := s.SaveTask(ctx, data.RoleOffice, data.Task{Year: today.Y, Aspect: "组织建设", Title: title, Due: due, Points: 20, RemindDays: 7, Branches: ids})
			if err != nil {
				t.Fatal(err)
			}
			return task
		}
		overdue := add("报送半年工作总结", today.AddDays(-1), "机关党支部")
		add("开展主题党日活动", today, "第一车队党支部")
		add("完成支部换届", today.AddDays(7), "机关党支部")
		add("开展年度述职评议", today.AddDays(8), "机关党支部", "第一车队党支部")
		list, _ := s.Assignments(ctx, data.TaskFilter{})
		for _, a := range list {
			if a.Task.ID == overdue.ID {
				late = a.ID
			}
		}
		// The branch reported: the office has not reviewed it yet.
		if _, err := s.ActOnTask(ctx, late, data.Role{Office: true}, data.TaskAction{Action: data.StepReport, Text: "已报送总结"}); err != nil {
			t.Fatal(err)
		}
	})
	code, out, _ = cli(t, "--db", db, "check", "tasks", "--year", y, "--json")
	r := remindersOf(t, out)
	if code != exitPartial || len(r.Overdue) != 1 || len(r.DueSoon) != 2 {
		t.Fatalf("reminders: %d %s", code, out)
	}
	if o := r.Overdue[0]; o.Task != "报送半年工作总结" || o.Branch != "机关党支部" || o.Due != today.AddDays(-1).String() || o.Status != "已报送" {
		t.Errorf("overdue entry %+v", o)
	}
	if d := r.DueSoon[0]; d.Task != "开展主题党日活动" || d.Branch != "第一车队党支部" || d.Due != today.String() || d.Status != "待办" {
		t.Errorf("due-soon entry %+v", d)
	}
	if d := r.DueSoon[1]; d.Task != "完成支部换届" {
		t.Errorf("second due-soon entry %+v", d)
	}
	// Readable text, same exit code.
	code, out, _ = cli(t, "--db", db, "check", "tasks")
	if code != exitPartial || !strings.Contains(out, "已逾期（1 项）") || !strings.Contains(out, "逾期 1 天") ||
		!strings.Contains(out, "即将到期（2 项）") || !strings.Contains(out, "今天到期") || !strings.Contains(out, "还有 7 天") {
		t.Errorf("text: %d\n%s", code, out)
	}
	// The office passes the overdue task: the loop is closed, 0.
	withStore(t, db, func(s *data.Store, _ map[string]int64) {
		if _, err := s.ActOnTask(context.Background(), late, data.Role{Office: true}, data.TaskAction{Action: data.StepPass, Score: 20}); err != nil {
			t.Fatal(err)
		}
	})
	if code, out, _ := cli(t, "--db", db, "check", "tasks", "--json"); code != exitOK || len(remindersOf(t, out).Overdue) != 0 {
		t.Errorf("after review: %d %s", code, out)
	}
	if code, out, _ := cli(t, "--db", db, "check", "tasks"); code != exitOK || !strings.Contains(out, "没有逾期未完成的任务") {
		t.Errorf("text after review: %d %s", code, out)
	}
	// Another year has nothing; a bad year or argument is 2.
	if code, out, _ := cli(t, "--db", db, "check", "tasks", "--year", strconv.Itoa(today.Y-1), "--json"); code != exitOK ||
		len(remindersOf(t, out).DueSoon) != 0 {
		t.Errorf("last year: %d %s", code, out)
	}
	for _, args := range [][]string{{"--year", "1800"}, {"--year", "x"}, {"extra"}} {
		if code, _, _ := cli(t, append([]string{"--db", db, "check", "tasks"}, args...)...); code != exitError {
			t.Errorf("%v: %d", args, code)
		}
	}
}

type scoreOut struct {
	Year     int  `json:"year"`
	Closed   bool `json:"closed"`
	Branches []struct {
		Branch     string  `json:"branch"`
		Score      float64 `json:"score"`
		Max        float64 `json:"max"`
		Rank       int     `json:"rank"`
		Dimensions []struct {
			Name  string  `json:"name"`
			Score float64 `json:"score"`
			Max   float64 `json:"max"`
		} `json:"dimensions"`
		Tasks     float64 `json:"tasks"`
		Total     float64 `json:"total"`
		TotalMax  float64 `json:"total_max"`
		TotalRank int     `json:"total_rank"`
	} `json:"branches"`
}

func TestChecklistScoreJSON(t *testing.T) {
	db := meetingsDB(t)
	year := data.Today().Y - 1 // a whole year, every period closed
	y := strconv.Itoa(year)
	var want map[string]data.Points
	withStore(t, db, func(s *data.Store, units map[string]int64) {
		ctx := context.Background()
		// Two more branches, alike in everything: they tie.
		root := units["中共示范公交公司总支部委员会"]
		for _, name := range []string{"第二车队党支部", "第三车队党支部"} {
			if _, err := s.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root, FullName: name, Founded: data.MustDate("2020-01-01")}); err != nil {
				t.Fatal(err)
			}
		}
		evs, err := s.Evaluate(ctx, year, nil)
		if err != nil {
			t.Fatal(err)
		}
		// A reviewer's 2.5 for 机关党支部 on a manual item.
		for _, it := range evs[0].Items {
			if !it.Auto && !it.Item.Bonus {
				if err := s.SetManualScore(ctx, data.RoleOffice, it.Item.ID, units["机关党支部"], 25, "议事规则健全"); err != nil {
					t.Fatal(err)
				}
				break
			}
		}
		_, err = s.SaveTask(ctx, data.RoleOffice, data.Task{Year: year, Aspect: "组织建设", Title: "完成换届", Due: data.NewDate(year, 6, 30), Points: 50,
			Branches: []int64{units["第一车队党支部"]}})
		if err != nil {
			t.Fatal(err)
		}
		list, _ := s.Assignments(ctx, data.TaskFilter{Year: year})
		for _, act := range []data.TaskAction{{Action: data.StepReport, Text: "已完成"}, {Action: data.StepPass, Score: 40}} {
			if _, err := s.ActOnTask(ctx, list[0].ID, data.Role{Office: true}, act); err != nil {
				t.Fatal(err)
			}
		}
		evs, _ = s.Evaluate(ctx, year, nil)
		want = map[string]data.Points{}
		for _, ev := range evs {
			want[ev.Branch] = ev.Score
		}
	})
	code, out, errs := cli(t, "--db", db, "checklist", "score", "--year", y, "--json")
	if code != exitOK {
		t.Fatalf("%d %s", code, errs)
	}
	var r scoreOut
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if r.Year != year || r.Closed || len(r.Branches) != 4 {
		t.Fatalf("scores: %s", out)
	}
	for _, key := range []string{`"branch"`, `"score"`, `"max"`, `"rank"`, `"dimensions"`, `"name"`, `"tasks"`, `"total"`, `"total_max"`} {
		if !strings.Contains(out, key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
	byName := map[string]int{}
	for i, b := range r.Branches {
		byName[b.Branch] = i
		if b.Score != float64(want[b.Branch])/10 || b.Max != 100 {
			t.Errorf("%s: score %v max %v, want %s", b.Branch, b.Score, b.Max, want[b.Branch])
		}
		// Ranked by the checklist score, ties sharing: 1 + those above.
		above := 0
		for _, o := range r.Branches {
			if o.Score > b.Score {
				above++
			}
		}
		if b.Rank != above+1 {
			t.Errorf("%s: rank %d, %d branches score higher", b.Branch, b.Rank, above)
		}
		if i > 0 && r.Branches[i-1].Score < b.Score {
			t.Errorf("not in rank order: %s after %s", b.Branch, r.Branches[i-1].Branch)
		}
		var dims float64
		for _, d := range b.Dimensions {
			dims += d.Score
		}
		if fmt.Sprintf("%.1f", dims) != fmt.Sprintf("%.1f", b.Score) || len(b.Dimensions) != 7 || b.Dimensions[0].Name != "组织设置与班子建设" {
			t.Errorf("%s dimensions %+v", b.Branch, b.Dimensions)
		}
	}
	two, three := r.Branches[byName["第二车队党支部"]], r.Branches[byName["第三车队党支部"]]
	if two.Rank != three.Rank || two.Score != three.Score {
		t.Errorf("alike branches: %+v %+v", two, three)
	}
	// Points as people write them (86.5), not tenths.
	office := r.Branches[byName["机关党支部"]]
	if !strings.Contains(out, fmt.Sprintf(`"score": %s,`, data.Points(want["机关党支部"]).String())) {
		t.Errorf("机关党支部 score %v not written as %s:\n%s", office.Score, want["机关党支部"], out)
	}
	fleet := r.Branches[byName["第一车队党支部"]]
	if fleet.Tasks != 4 || math.Abs(fleet.Total-fleet.Score-4) > 1e-9 || fleet.TotalMax != 105 || office.TotalMax != 100 {
		t.Errorf("tasks and totals: %+v / %+v", fleet, office)
	}
	// The text: a table and the note on ranking.
	code, out, _ = cli(t, "--db", db, "checklist", "score", "--year", y)
	if code != exitOK || !strings.Contains(out, "名次按标准化考评得分排列") || !strings.Contains(out, "机关党支部") || !strings.Contains(out, "各维度得分") {
		t.Errorf("text: %d\n%s", code, out)
	}
	for _, args := range [][]string{{"--year", "1999"}, {"--year", strconv.Itoa(year + 3)}, {"x"}} {
		if code, _, _ := cli(t, append([]string{"--db", db, "checklist", "score"}, args...)...); code != exitError {
			t.Errorf("%v: %d", args, code)
		}
	}
}

func TestExportChecklistAndTasks(t *testing.T) {
	db := meetingsDB(t)
	dir := t.TempDir()
	y := strconv.Itoa(data.Today().Y)
	isPDF := func(path string) bool {
		b, err := os.ReadFile(path)
		return err == nil && len(b) > 1000 && strings.HasPrefix(string(b), "%PDF")
	}
	all := filepath.Join(dir, "考评结果.pdf")
	if code, out, errs := cli(t, "--db", db, "export", "checklist", "--year", y, "--out", all); code != exitOK || !isPDF(all) ||
		!strings.Contains(out, "2 个党支部") {
		t.Fatalf("ranking: %d %s %s", code, out, errs)
	}
	one := filepath.Join(dir, "机关.pdf")
	if code, out, errs := cli(t, "--db", db, "export", "checklist", "--year", y, "--branch", "机关党支部", "--out", one); code != exitOK || !isPDF(one) ||
		!strings.Contains(out, "机关党支部") {
		t.Fatalf("one branch: %d %s %s", code, out, errs)
	}
	for _, args := range [][]string{
		{"--year", y, "--branch", "第九车队", "--out", filepath.Join(dir, "x.pdf")},
		{"--year", y, "--branch", "第一党小组", "--out", filepath.Join(dir, "x.pdf")},
		{"--year", y},
		{"--out", filepath.Join(dir, "x.pdf")},
	} {
		if code, _, _ := cli(t, append([]string{"--db", db, "export", "checklist"}, args...)...); code != exitError {
			t.Errorf("export checklist %v: %d", args, code)
		}
	}
	ledger := filepath.Join(dir, "督办台账.pdf")
	if code, _, errs := cli(t, "--db", db, "export", "tasks", "--year", y, "--out", ledger); code != exitError || !strings.Contains(errs, "没有督办任务") {
		t.Errorf("no tasks: %d %s", code, errs)
	}
	plan := writePlan(t, "任务.xlsx", [][]any{
		{1, "组织建设", "按期完成支部委员会换届选举", "第一车队党支部", "6月底", 5, ""},
		{2, "组织建设", "规范“三会一课”记录", "各党支部", "年底", 3, ""},
	})
	if code, _, errs := cli(t, "--db", db, "import", "tasks", plan); code != exitOK {
		t.Fatalf("import: %d %s", code, errs)
	}
	if code, out, errs := cli(t, "--db", db, "export", "tasks", "--year", y, "--out", ledger); code != exitOK || !isPDF(ledger) ||
		!strings.Contains(out, "任务 2 项，承办 3 项") {
		t.Errorf("ledger: %d %s %s", code, out, errs)
	}
}

// On a branch copy (issue 11 item 4) `import meetings` files only that
// branch's minutes, as drafts, and `import tasks` is refused.
func TestImportsOnBranchCopy(t *testing.T) {
	db := meetingsDB(t)
	withStore(t, db, func(s *data.Store, units map[string]int64) {
		if err := s.SetRole(context.Background(), data.RoleOffice, data.Role{BranchID: units["机关党支部"]}); err != nil {
			t.Fatal(err)
		}
	})
	rows := fullYear(2025)[:3]
	other := append([]any{}, rows[2]...)
	other[1], other[3] = "第一车队党支部", "第一车队主题党日"
	rows = append(rows, other)
	code, out, _ := cli(t, "--db", db, "import", "meetings", writeLedger(t, "台账.xlsx", rows), "--json")
	if code != exitPartial || !strings.Contains(out, `"imported": 3`) || !strings.Contains(out, "不能导入") {
		t.Fatalf("import meetings on a branch copy: exit %d\n%s", code, out)
	}
	withStore(t, db, func(s *data.Store, units map[string]int64) {
		ms, err := s.Meetings(context.Background(), data.MeetingFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.Status != data.StatusDraft || m.UnitID != units["机关党支部"] {
				t.Errorf("filed %s of unit %d as %s", m.Topic, m.UnitID, m.Status)
			}
		}
	})
	plan := writePlan(t, "任务清单.xlsx", [][]any{{1, "一、组织建设", "按期完成换届选举", "第一车队党支部", "6月底", 5, ""}})
	code, _, errs := cli(t, "--db", db, "import", "tasks", plan, "--year", strconv.Itoa(data.Today().Y))
	if code != exitError || !strings.Contains(errs, "党总支办公室") {
		t.Fatalf("import tasks on a branch copy: exit %d, %s", code, errs)
	}
	if n := taskCount(t, db, data.Today().Y); n != 0 {
		t.Fatalf("a branch copy imported %d tasks", n)
	}
}
