package main

import (
	"encoding/json"
	"strings"
	"testing"

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
