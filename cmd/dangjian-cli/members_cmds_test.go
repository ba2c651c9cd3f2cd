package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mozillazg/go-pinyin"
	"github.com/xuri/excelize/v2"

	"dangjian/data"
)

// testID builds a valid ID number from a region code no demo record uses.
func testID(t *testing.T, birth string, seq int) string {
	t.Helper()
	d := data.MustDate(birth)
	first := fmt.Sprintf("650102%04d%02d%02d%03d", d.Y, int(d.M), d.D, seq)
	c, err := data.IDCheckChar(first)
	if err != nil {
		t.Fatal(err)
	}
	return first + string(c)
}

// writeRoster saves rows (under a title row) as an .xlsx.
func writeRoster(t *testing.T, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "党员花名册")
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+2)
			f.SetCellValue("Sheet1", ref, v)
		}
	}
	path := filepath.Join(t.TempDir(), "花名册.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

var rosterHeader = []any{"序号", "姓名", "性别", "身份证号码", "所在支部", "党籍状态", "入党时间", "转正时间"}

// importOut is the contract of `import members --json`.
type importOut struct {
	Imported        int      `json:"imported"`
	Updated         int      `json:"updated"`
	CreatedBranches []string `json:"created_branches"`
	Rejected        []struct {
		Row    int    `json:"row"`
		Column string `json:"column"`
		Reason string `json:"reason"`
	} `json:"rejected"`
	Warnings []struct {
		Row    int    `json:"row"`
		Column string `json:"column"`
		Reason string `json:"reason"`
	} `json:"warnings"`
	Error string `json:"error"`
}

func importJSONOf(t *testing.T, out string) importOut {
	t.Helper()
	var r importOut
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, key := range []string{`"imported"`, `"updated"`, `"created_branches"`, `"rejected"`, `"warnings"`} {
		if !strings.Contains(out, key) {
			t.Errorf("JSON lacks %s:\n%s", key, out)
		}
	}
	return r
}

func memberCount(t *testing.T, db string) int {
	t.Helper()
	code, out, errs := cli(t, "--db", db, "members", "list", "--all", "--json")
	if code != 0 {
		t.Fatalf("members list: %d %s", code, errs)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	return len(list)
}

func TestImportMembersExitCodesAndJSON(t *testing.T) {
	good := writeRoster(t, [][]any{
		rosterHeader,
		{1, "艾青松", "男", testID(t, "1980-01-02", 11), "第一车队党支部", "正式党员", "2005-07-01", "2006-07-01"},
		{2, "白雪", "女", testID(t, "1982-02-03", 22), "第九车队党支部", "预备党员", "2026年5月1日", ""},
		{"合计", "2 人"},
	})
	mixed := writeRoster(t, [][]any{
		rosterHeader,
		{1, "常青", "男", testID(t, "1979-03-04", 31), "第一车队党支部", "正式党员", "2004.07.01", "2005.07.01"},
		{2, "邓林", "男", "1.10105E+17", "第一车队党支部", "正式党员", "2004-07-01", "2005-07-01"},
	})
	bad := writeRoster(t, [][]any{
		rosterHeader,
		{1, "邓林", "男", "1.10105E+17", "第一车队党支部", "正式党员", "2004-07-01", "2005-07-01"},
	})

	db := demoDB(t)
	before := memberCount(t, db)

	// All rows good: 0, with a new branch created.
	code, out, errs := cli(t, "--db", db, "import", "members", good, "--json")
	r := importJSONOf(t, out)
	if code != exitOK || r.Imported != 2 || r.Updated != 0 || !slices.Equal(r.CreatedBranches, []string{"第九车队党支部"}) || len(r.Rejected) != 0 {
		t.Fatalf("good file: %d %+v %s", code, r, errs)
	}
	if n := memberCount(t, db); n != before+2 {
		t.Errorf("members %d → %d", before, n)
	}
	// Again: the same people, nothing to do, still 0.
	if code, out, _ := cli(t, "--db", db, "import", "members", "--json", good); code != exitOK || importJSONOf(t, out).Imported != 0 {
		t.Errorf("re-import: %d %s", code, out)
	}

	// All-or-nothing with a bad row: 2, and nothing written.
	before = memberCount(t, db)
	code, out, _ = cli(t, "--db", db, "import", "members", mixed, "--mode", "all-or-nothing", "--json")
	r = importJSONOf(t, out)
	if code != exitError || r.Imported != 0 || len(r.Rejected) != 1 || r.Error == "" {
		t.Fatalf("all-or-nothing: %d %+v", code, r)
	}
	if n := memberCount(t, db); n != before {
		t.Errorf("all-or-nothing wrote: %d → %d", before, n)
	}
	// Valid-only: the good row goes in, 1.
	code, out, _ = cli(t, "--db", db, "import", "members", mixed, "--json")
	r = importJSONOf(t, out)
	if code != exitPartial || r.Imported != 1 || len(r.Rejected) != 1 {
		t.Fatalf("valid-only: %d %+v", code, r)
	}
	rej := r.Rejected[0]
	if rej.Row != 4 || rej.Column != "身份证号码" || !strings.Contains(rej.Reason, "科学计数法") {
		t.Errorf("rejection %+v", rej)
	}
	// Only bad rows: nothing imported, 2, the message on stderr; with
	// --json stdout holds the JSON alone, without it stdout is empty.
	if code, out, errs := cli(t, "--db", db, "import", "members", bad, "--json"); code != exitError ||
		importJSONOf(t, out).Imported != 0 || !strings.Contains(importJSONOf(t, out).Error, "没有导入任何行") ||
		!strings.Contains(errs, "没有导入任何行") {
		t.Errorf("bad file: %d %s / %s", code, out, errs)
	}
	if code, out, errs := cli(t, "--db", db, "import", "members", bad); code != exitError || out != "" ||
		!strings.Contains(errs, "没有导入任何行") || !strings.Contains(errs, "第 2 行") && !strings.Contains(errs, "第 3 行") && !strings.Contains(errs, "第 4 行") {
		t.Errorf("bad file, text: %d stdout %q stderr %q", code, out, errs)
	}

	// Errors before anything is read: 2, with JSON that says why.
	code, out, errs = cli(t, "--db", db, "import", "members", filepath.Join(t.TempDir(), "无此文件.xlsx"), "--json")
	if code != exitError || !strings.Contains(importJSONOf(t, out).Error, "找不到文件") || !strings.Contains(errs, "找不到文件") {
		t.Errorf("missing file: %d %s %s", code, out, errs)
	}
	if code, _, errs := cli(t, "--db", db, "import", "members", good, "--mode", "some"); code != exitError || !strings.Contains(errs, "valid-only") {
		t.Errorf("bad mode: %d %s", code, errs)
	}
	if code, _, errs := cli(t, "--db", db, "import", "members"); code != exitError || !strings.Contains(errs, "用法") {
		t.Errorf("no file: %d %s", code, errs)
	}
	notes := filepath.Join(t.TempDir(), "说明.csv")
	os.WriteFile(notes, []byte("这是说明\n没有表头\n"), 0o644)
	if code, _, errs := cli(t, "--db", db, "import", "members", notes); code != exitError || !strings.Contains(errs, "表头") {
		t.Errorf("no header: %d %s", code, errs)
	}
}

func TestImportMembersReadableSummary(t *testing.T) {
	db := demoDB(t)
	file := writeRoster(t, [][]any{
		rosterHeader,
		{1, "常青", "男", testID(t, "1979-03-04", 31), "第一车队党支部", "正式党员", "2004.07.01", "2005.07.01"},
		{2, "邓林", "男", "1.10105E+17", "第一车队党支部", "正式党员", "2004-07-01", "2005-07-01"},
		{3, "范文", "男", "650102790304033", "第一车队党支部", "正式党员", "2004-07-01", "2005-07-01"},
		{"填表人：王"},
	})
	code, out, _ := cli(t, "--db", db, "import", "members", file)
	if code != exitPartial {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, want := range []string{"新增 2 名", "1 行未导入", "第 4 行【身份证号码】", "科学计数法", "第 5 行【身份证号码】 15 位", "跳过的行", "第 6 行"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func TestMembersSearchAndList(t *testing.T) {
	db := demoDB(t)
	code, out, errs := cli(t, "--db", db, "members", "list", "--json")
	if code != 0 {
		t.Fatalf("list: %d %s", code, errs)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) == 0 {
		t.Fatalf("list JSON: %v %s", err, out)
	}
	for _, key := range []string{"id", "name", "branch", "id_number", "group", "standing", "status"} {
		if _, ok := list[0][key]; !ok {
			t.Errorf("list lacks %q: %v", key, list[0])
		}
	}
	target := list[len(list)/2]
	name, idNumber := target["name"].(string), target["id_number"].(string)

	search := func(q string) []map[string]any {
		t.Helper()
		code, out, errs := cli(t, "--db", db, "members", "search", q, "--json")
		if code != 0 {
			t.Fatalf("search %q: %d %s", q, code, errs)
		}
		var hits []map[string]any
		if err := json.Unmarshal([]byte(out), &hits); err != nil {
			t.Fatalf("search JSON: %v %s", err, out)
		}
		return hits
	}
	has := func(hits []map[string]any) bool {
		for _, h := range hits {
			if h["id"] == target["id"] {
				for _, key := range []string{"id", "name", "branch", "id_number"} {
					if _, ok := h[key]; !ok {
						t.Errorf("search result lacks %q", key)
					}
				}
				return true
			}
		}
		return false
	}
	a := pinyin.NewArgs()
	var initials strings.Builder
	for _, py := range pinyin.Pinyin(name, a) {
		initials.WriteByte(py[0][0])
	}
	for _, q := range []string{name, idNumber[10:], initials.String()} {
		if !has(search(q)) {
			t.Errorf("search %q did not find %s", q, name)
		}
	}
	if hits := search("不存在的人名字"); len(hits) != 0 {
		t.Errorf("nonsense found %v", hits)
	}
	if code, out, _ := cli(t, "--db", db, "members", "search", name); code != 0 || !strings.Contains(out, name) || !strings.Contains(out, "共") {
		t.Errorf("text search: %d %s", code, out)
	}
	if code, _, errs := cli(t, "--db", db, "members", "search"); code != exitError || !strings.Contains(errs, "用法") {
		t.Errorf("empty search: %d %s", code, errs)
	}

	// --branch by short name, by its core, and a group.
	branch := target["branch"].(string)
	core := strings.TrimSuffix(branch, "党支部")
	for _, b := range []string{branch, core} {
		code, out, errs := cli(t, "--db", db, "members", "list", "--branch", b, "--json")
		var sub []map[string]any
		if code != 0 || json.Unmarshal([]byte(out), &sub) != nil || len(sub) == 0 || len(sub) >= len(list) {
			t.Fatalf("--branch %s: %d %s", b, code, errs)
		}
		for _, m := range sub {
			if m["branch"] != branch {
				t.Errorf("--branch %s listed %v", b, m)
			}
		}
	}
	if code, _, errs := cli(t, "--db", db, "members", "list", "--branch", "不存在的支部"); code != exitError || !strings.Contains(errs, "没有名为") {
		t.Errorf("unknown branch: %d %s", code, errs)
	}
	code, out, _ = cli(t, "--db", db, "members", "list", "--history", "--json")
	var hist []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &hist) != nil {
		t.Fatalf("history: %d %s", code, out)
	}
	for _, m := range hist {
		if !data.InHistory(m["status"].(string)) {
			t.Errorf("history lists %v", m)
		}
	}
	if code, out, _ := cli(t, "--db", db, "members", "list"); code != 0 || !strings.Contains(out, "共 ") {
		t.Errorf("text list: %d %s", code, out)
	}
}
