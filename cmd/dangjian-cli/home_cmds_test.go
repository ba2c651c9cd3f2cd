package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"dangjian/data"
)

func TestTodoCommand(t *testing.T) {
	db := demoDB(t)
	code, out, errs := cli(t, "--db", db, "todo", "--as-of", "2026-11-27", "--json")
	if code != exitOK {
		t.Fatalf("todo: %d %s", code, errs)
	}
	var got struct {
		AsOf  string           `json:"as_of"`
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.AsOf != "2026-11-27" || len(got.Items) == 0 {
		t.Fatalf("%s", out)
	}
	kinds := map[string]bool{}
	for _, it := range got.Items {
		for _, k := range []string{"kind", "title", "branch", "due", "severity", "ref"} {
			if _, ok := it[k]; !ok {
				t.Fatalf("item without %s: %v", k, it)
			}
		}
		kinds[it["kind"].(string)] = true
		switch it["severity"] {
		case data.SeverityOverdue, data.SeveritySoon, data.SeverityInfo:
		default:
			t.Errorf("severity %v", it["severity"])
		}
	}
	for _, k := range []string{data.TodoMeeting, data.TodoTask} {
		if !kinds[k] {
			t.Errorf("no %s item in the demo: %v", k, kinds)
		}
	}
	// --branch narrows to one branch.
	_, out, _ = cli(t, "--db", db, "todo", "--as-of", "2026-11-27", "--json", "--branch", "机关党支部")
	got.Items = nil
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Items) == 0 {
		t.Fatal("no items for 机关党支部")
	}
	for _, it := range got.Items {
		if it["branch"] != "机关党支部" {
			t.Errorf("other branch: %v", it)
		}
	}
	// Text: grouped by severity, exit 0 even with items.
	code, out, _ = cli(t, "--db", db, "todo", "--as-of", "2026-11-27")
	if code != exitOK || !strings.Contains(out, "【已逾期】") || !strings.Contains(out, "待办事项") {
		t.Errorf("%d %s", code, out)
	}
	if code, _, errs := cli(t, "--db", db, "todo", "--as-of", "2026-13-01"); code != exitError || !strings.Contains(errs, "--as-of") {
		t.Errorf("bad date: %d %s", code, errs)
	}
	if code, _, errs := cli(t, "--db", db, "todo", "--branch", "不存在的支部"); code != exitError || errs == "" {
		t.Errorf("bad branch: %d %s", code, errs)
	}
}

func TestStatsCommandAndExport(t *testing.T) {
	db := demoDB(t)
	code, out, errs := cli(t, "--db", db, "stats", "--as-of", "2026-12-31", "--json")
	if code != exitOK {
		t.Fatalf("stats: %d %s", code, errs)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	total := int(got["total"].(float64))
	for _, k := range []string{"by_branch", "by_sex", "by_age_band", "by_education", "by_party_age_band", "by_standing", "by_stage"} {
		m, ok := got[k].(map[string]any)
		if !ok {
			t.Fatalf("%s missing: %s", k, out)
		}
		if k == "by_stage" {
			continue
		}
		sum := 0
		for _, v := range m {
			sum += int(v.(float64))
		}
		if sum != total {
			t.Errorf("%s sums to %d, total %d", k, sum, total)
		}
	}
	if _, ok := got["by_age_band"].(map[string]any)["30岁及以下"]; !ok {
		t.Errorf("age bands keyed by label: %v", got["by_age_band"])
	}
	// The total equals the active roster listed by `members list`.
	_, list, _ := cli(t, "--db", db, "members", "list", "--json")
	var ms []map[string]any
	if err := json.Unmarshal([]byte(list), &ms); err != nil {
		t.Fatal(err)
	}
	if total != len(ms) || total == 0 {
		t.Errorf("stats total %d, members list %d", total, len(ms))
	}
	// One branch.
	_, out, _ = cli(t, "--db", db, "stats", "--as-of", "2026-12-31", "--json", "--branch", "机关党支部")
	var one map[string]any
	if err := json.Unmarshal([]byte(out), &one); err != nil {
		t.Fatal(err)
	}
	if one["scope"] != "机关党支部" || int(one["total"].(float64)) >= total {
		t.Errorf("branch: %v %v", one["scope"], one["total"])
	}
	// Text tables.
	if code, out, _ := cli(t, "--db", db, "stats", "--as-of", "2026-12-31"); code != exitOK || !strings.Contains(out, "表一　党员基本情况") {
		t.Errorf("%d %s", code, out)
	}
	// Export: PDF and xlsx through the job.
	dir := t.TempDir()
	for _, f := range []string{"统计.pdf", "统计.xlsx"} {
		p := filepath.Join(dir, f)
		if code, out, errs := cli(t, "--db", db, "export", "stats", "--as-of", "2026-12-31", "--out", p); code != exitOK || !strings.Contains(out, "已导出") {
			t.Fatalf("export %s: %d %s %s", f, code, out, errs)
		}
		if fi, err := os.Stat(p); err != nil || fi.Size() < 1000 {
			t.Errorf("%s: %v", f, err)
		}
	}
	x, err := excelize.OpenFile(filepath.Join(dir, "统计.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows("党内统计")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if len(r) >= 2 && r[0] == "党员总数" {
			found = r[1] == strconv.Itoa(total)
		}
	}
	if !found {
		t.Errorf("xlsx lacks 党员总数 %d: %v", total, rows[:6])
	}
	if code, _, errs := cli(t, "--db", db, "export", "stats", "--out", filepath.Join(dir, "x.doc")); code != exitError || !strings.Contains(errs, ".pdf") {
		t.Errorf("bad extension: %d %s", code, errs)
	}
}
