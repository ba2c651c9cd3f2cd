package main

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"dangjian/data"
)

func meetingListOf(t *testing.T, out string) []map[string]any {
	t.Helper()
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, out)
	}
	for _, m := range list {
		if len(m) != 6 {
			t.Errorf("fields %v, want exactly id, branch, kind, date, topic, status", m)
		}
		for _, k := range []string{"id", "branch", "kind", "date", "topic", "status"} {
			if _, ok := m[k]; !ok {
				t.Errorf("entry lacks %q: %v", k, m)
			}
		}
	}
	return list
}

// fleetRows are minutes of 第一车队党支部 and its group, and one of 机关党支部.
var fleetRows = [][]any{
	{1, "第一车队党支部", "支委会", "研究发展党员", "2024-03-08", "车队会议室", "书记甲", "组织委员甲", 3, 3, "", "", "", "", "研究了发展对象。", "同意"},
	{2, "第一党小组", "党小组会", "学习交流", "2024-03-12", "车队会议室", "书记甲", "组织委员甲", 5, 4, "", "", "", "", "学习了党章。", ""},
	{3, "机关党支部", "支委会", "研究机关工作", "2024-03-09", "三楼会议室", "周书记", "吴委员", 3, 3, "", "", "", "", "研究了工作。", ""},
}

func TestMeetingsList(t *testing.T) {
	db := meetingsDB(t)
	if code, _, errs := cli(t, "--db", db, "import", "meetings", writeLedger(t, "2023.xlsx", fullYear(2023))); code != exitOK {
		t.Fatalf("import: %d %s", code, errs)
	}
	if code, _, errs := cli(t, "--db", db, "import", "meetings", writeLedger(t, "车队.xlsx", fleetRows)); code != exitOK {
		t.Fatalf("import: %d %s", code, errs)
	}
	code, out, _ := cli(t, "--db", db, "meetings", "list", "--json")
	all := meetingListOf(t, out)
	if code != exitOK || len(all) != 25 {
		t.Fatalf("all: %d, %d entries", code, len(all))
	}
	// Newest first; the group's minutes under its branch.
	if all[0]["date"] != "2024-03-12" || all[0]["branch"] != "第一车队党支部" || all[0]["kind"] != "党小组会" ||
		all[0]["topic"] != "学习交流" || all[0]["status"] != data.StatusApproved {
		t.Errorf("first entry %v", all[0])
	}
	tests := []struct {
		args []string
		n    int
		want func(m map[string]any) bool
	}{
		{[]string{"--branch", "第一车队党支部"}, 2, func(m map[string]any) bool { return m["branch"] == "第一车队党支部" }},
		{[]string{"--branch", "第一党小组"}, 1, func(m map[string]any) bool { return m["kind"] == "党小组会" }},
		{[]string{"--branch", "机关党支部", "--year", "2023"}, 22, func(m map[string]any) bool { return strings.HasPrefix(m["date"].(string), "2023-") }},
		{[]string{"--year", "2024"}, 3, func(m map[string]any) bool { return strings.HasPrefix(m["date"].(string), "2024-") }},
		{[]string{"--status", "草稿"}, 0, nil},
		{[]string{"--status", "已审核", "--year", "2022"}, 0, nil},
	}
	for _, tc := range tests {
		code, out, errs := cli(t, append([]string{"--db", db, "meetings", "list", "--json"}, tc.args...)...)
		list := meetingListOf(t, out)
		if code != exitOK || len(list) != tc.n {
			t.Errorf("%v: %d, %d entries (want %d) %s", tc.args, code, len(list), tc.n, errs)
		}
		for _, m := range list {
			if !tc.want(m) {
				t.Errorf("%v: unexpected %v", tc.args, m)
			}
		}
	}
	// Text: a table with a header and the count.
	code, out, _ = cli(t, "--db", db, "meetings", "list", "--branch", "第一车队党支部")
	if code != exitOK || !strings.Contains(out, "会议类型") || !strings.Contains(out, "第一车队党支部 / 第一党小组") || !strings.Contains(out, "共 2 次") {
		t.Errorf("text: %d\n%s", code, out)
	}
	// Bad input: exit 2 with a Chinese reason.
	for _, args := range [][]string{{"--status", "通过"}, {"--branch", "第九车队"}, {"--year", "99"}, {"多余"}} {
		code, _, errs := cli(t, append([]string{"--db", db, "meetings", "list"}, args...)...)
		if code != exitError || errs == "" {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
}

// On a branch copy `import meetings` takes that branch's rows (its groups'
// included), as drafts, and rejects the other branches' rows with a reason.
func TestImportMeetingsOnBranchCopy(t *testing.T) {
	db := fleetCopyDB(t)
	code, out, _ := cli(t, "--db", db, "import", "meetings", writeLedger(t, "车队.xlsx", fleetRows), "--json")
	r := importJSONOf(t, out)
	if code != exitPartial || r.Imported != 2 || len(r.Rejected) != 1 {
		t.Fatalf("branch copy import: %d %s", code, out)
	}
	if is := r.Rejected[0]; is.Row != 6 || !strings.Contains(is.Reason, "本机身份为党支部，不能导入“机关党支部”的会议记录") {
		t.Errorf("rejection %+v", is)
	}
	code, out, _ = cli(t, "--db", db, "meetings", "list", "--json")
	list := meetingListOf(t, out)
	if code != exitOK || len(list) != 2 {
		t.Fatalf("after: %d %s", code, out)
	}
	for _, m := range list {
		if m["branch"] != "第一车队党支部" || m["status"] != data.StatusDraft {
			t.Errorf("imported on the branch copy: %v", m)
		}
	}
	// All-or-nothing refuses the whole ledger for the other branch's row.
	rows := [][]any{
		{1, "第一车队党支部", "支委会", "研究四月工作", "2024-04-08", "", "", "", 3, 3, "", "", "", "", "", ""},
		{2, "机关党支部", "支委会", "研究机关四月工作", "2024-04-09", "", "", "", 3, 3, "", "", "", "", "", ""},
	}
	code, _, _ = cli(t, "--db", db, "import", "meetings", writeLedger(t, "四月.xlsx", rows), "--mode", "all-or-nothing", "--json")
	if n := meetingCount(t, db); code != exitError || n != 2 {
		t.Errorf("all-or-nothing on a branch copy: %d, %d meetings", code, n)
	}
}

// fleetCopyDB is a meetings database whose 本机身份 is 第一车队党支部's copy.
func fleetCopyDB(t *testing.T) string {
	t.Helper()
	db := meetingsDB(t)
	s, err := data.Open(db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	units, _ := s.OrgUnits(ctx)
	fleet, err := data.FindUnit(units, "第一车队党支部")
	if err == nil {
		err = s.SetRole(ctx, data.RoleOffice, data.Role{BranchID: fleet.ID})
	}
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// `meetings review` obeys the review rules: a branch copy submits its own
// minutes but cannot approve them; the office approves, and returns only
// with a comment.
func TestMeetingsReview(t *testing.T) {
	db := fleetCopyDB(t)
	if code, _, errs := cli(t, "--db", db, "import", "meetings", writeLedger(t, "车队.xlsx", fleetRows[:2])); code != exitOK {
		t.Fatalf("import: %d %s", code, errs)
	}
	_, out, _ := cli(t, "--db", db, "meetings", "list", "--json")
	list := meetingListOf(t, out)
	if len(list) != 2 {
		t.Fatalf("drafts: %s", out)
	}
	id := func(i int) string { return strconv.FormatFloat(list[i]["id"].(float64), 'f', 0, 64) }
	status := func(i int) string {
		_, out, _ := cli(t, "--db", db, "meetings", "list", "--json")
		for _, m := range meetingListOf(t, out) {
			if m["id"] == list[i]["id"] {
				return m["status"].(string)
			}
		}
		return ""
	}
	steps := []struct {
		office bool
		args   []string
		code   int
		i      int
		want   string
	}{
		{false, []string{"--id", id(0), "--action", "submit"}, exitOK, 0, data.StatusSubmitted},
		{false, []string{"--id", id(1), "--action", "submit"}, exitOK, 1, data.StatusSubmitted},
		{false, []string{"--id", id(0), "--action", "approve"}, exitError, 0, data.StatusSubmitted},
		{false, []string{"--id", id(0), "--action", "publish"}, exitError, 0, data.StatusSubmitted},
		{true, []string{"--id", id(0), "--action", "approve"}, exitOK, 0, data.StatusApproved},
		{true, []string{"--id", id(1), "--action", "return"}, exitError, 1, data.StatusSubmitted},
		{true, []string{"--id", id(1), "--action", "return", "--comment", "出席情况请补全"}, exitOK, 1, data.StatusReturned},
	}
	for _, st := range steps {
		if st.office {
			ctx := context.Background()
			s, err := data.Open(db, data.Options{})
			if err != nil {
				t.Fatal(err)
			}
			err = s.SetRole(ctx, data.RoleOffice, data.RoleOffice) // the office takes the file back
			s.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
		code, _, errs := cli(t, append([]string{"--db", db, "meetings", "review"}, st.args...)...)
		if code != st.code || (code == exitError && errs == "") {
			t.Errorf("%v (office %v): exit %d, want %d %s", st.args, st.office, code, st.code, errs)
		}
		if got := status(st.i); got != st.want {
			t.Errorf("%v: status %s, want %s", st.args, got, st.want)
		}
	}
}
