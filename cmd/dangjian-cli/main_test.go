package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/data"

	_ "modernc.org/sqlite"
)

// cli runs the command in-process and returns exit code, stdout, stderr.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errw bytes.Buffer
	code := run(args, &out, &errw)
	return code, out.String(), errw.String()
}

func demoDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errs := cli(t, "--db", db, "demo", "--members", "120", "--seed", "7"); code != 0 {
		t.Fatalf("demo: %d %s", code, errs)
	}
	return db
}

func TestVersionAndUsage(t *testing.T) {
	code, out, _ := cli(t, "version")
	if code != 0 || !strings.Contains(out, data.AppVersion) {
		t.Fatalf("version: %d %q", code, out)
	}
	if code, _, errs := cli(t, "frobnicate"); code != exitError || !strings.Contains(errs, "未知命令") {
		t.Fatalf("unknown: %d %q", code, errs)
	}
	if code, _, _ := cli(t); code != exitError {
		t.Fatalf("no args: %d", code)
	}
}

func TestDemoRefusesNonEmptyAndIsDeterministic(t *testing.T) {
	db := demoDB(t)
	code, _, errs := cli(t, "--db", db, "demo")
	if code != exitError || !strings.Contains(errs, "已有数据") {
		t.Fatalf("second demo: %d %q", code, errs)
	}
	// --db may also follow the command; DANGJIAN_DB is the fallback.
	db2 := filepath.Join(t.TempDir(), "demo2.db")
	t.Setenv(data.EnvDB, db2)
	if code, _, errs := cli(t, "demo", "--members", "120", "--seed", "7"); code != 0 {
		t.Fatalf("demo via env: %s", errs)
	}
	_, a, _ := cli(t, "org", "list", "--json", "--db", db)
	_, b, _ := cli(t, "org", "list", "--json")
	if a != b || a == "" {
		t.Fatal("same seed gave different organisations")
	}
}

func TestOrgListJSON(t *testing.T) {
	db := demoDB(t)
	code, out, errs := cli(t, "--db", db, "org", "list", "--json")
	if code != 0 {
		t.Fatalf("%d %s", code, errs)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(list) < 7 || list[0]["level"] != "general" || list[0]["depth"].(float64) != 0 {
		t.Fatalf("unexpected list head: %v", list[0])
	}
	for _, key := range []string{"id", "full_name", "short_name", "kind", "secretary", "members", "term_status", "posts"} {
		if _, ok := list[1][key]; !ok {
			t.Errorf("missing field %q", key)
		}
	}
	statuses := map[string]bool{}
	for _, u := range list {
		statuses[u["term_status"].(string)] = true
	}
	if !statuses["due_soon"] || !statuses["overdue"] {
		t.Errorf("term statuses %v", statuses)
	}
	// Read-only commands never create a database that is not there.
	empty := filepath.Join(t.TempDir(), "empty.db")
	if code, _, errs := cli(t, "--db", empty, "org", "list"); code != exitError || !strings.Contains(errs, "不存在") {
		t.Fatalf("missing db: %d %q", code, errs)
	}
}

func TestAuditVerifyDetectsTampering(t *testing.T) {
	db := demoDB(t)
	if code, out, _ := cli(t, "--db", db, "audit", "verify"); code != 0 || !strings.Contains(out, "完好") {
		t.Fatalf("intact: %d %q", code, out)
	}
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("UPDATE audit_log SET operator = '伪造' WHERE id = 17"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	code, _, errs := cli(t, "--db", db, "audit", "verify")
	if code != exitPartial || !strings.Contains(errs, "第 17 条") {
		t.Fatalf("tampered: %d %q", code, errs)
	}
}

func TestBackupRestoreAndExport(t *testing.T) {
	db := demoDB(t)
	dir := t.TempDir()
	bk := filepath.Join(dir, "备份.db")
	if code, _, errs := cli(t, "--db", db, "backup", "--out", bk); code != 0 {
		t.Fatalf("backup: %s", errs)
	}
	if code, _, errs := cli(t, "--db", db, "backup"); code != exitError || !strings.Contains(errs, "--out") {
		t.Fatalf("backup without --out: %d %q", code, errs)
	}
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, bytes.Repeat([]byte("x"), 4096), 0o644)
	if code, _, errs := cli(t, "--db", db, "restore", junk); code != exitError || !strings.Contains(errs, "不是党建工作台的数据文件") {
		t.Fatalf("restore junk: %d %q", code, errs)
	}
	if code, out, errs := cli(t, "--db", db, "restore", bk); code != 0 || !strings.Contains(out, "已从") {
		t.Fatalf("restore: %d %s %s", code, out, errs)
	}
	pdf := filepath.Join(dir, "org.pdf")
	if code, _, errs := cli(t, "--db", db, "export", "org", "--out", pdf); code != 0 {
		t.Fatalf("export org: %s", errs)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		txt, err := exec.Command("pdftotext", pdf, "-").Output()
		if err != nil || !strings.Contains(string(txt), "组织架构表") || !strings.Contains(string(txt), "第一车队") {
			t.Fatalf("pdf text: %v %.200s", err, txt)
		}
	}
}

func TestWritingCommandRefusedWhileAnotherWriterHoldsTheDatabase(t *testing.T) {
	db := demoDB(t)
	s, err := data.Open(db, data.Options{Program: "党建工作台"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	code, _, errs := cli(t, "--db", db, "restore", db)
	if code != exitError || !strings.Contains(errs, "另一个党建工作台程序正在使用") {
		t.Fatalf("restore beside the GUI: %d %q", code, errs)
	}
	// Read-only commands still work beside it.
	if code, _, errs := cli(t, "--db", db, "audit", "verify"); code != 0 {
		t.Fatalf("verify beside the GUI: %s", errs)
	}
	if code, _, errs := cli(t, "--db", db, "backup", "--out", filepath.Join(t.TempDir(), "b.db")); code != 0 {
		t.Fatalf("backup beside the GUI: %s", errs)
	}
}

func TestExportMembers(t *testing.T) {
	db := demoDB(t)
	dir := t.TempDir()
	cases := []struct {
		format, file string
		extra        []string
		want         []string // text the PDF must contain
	}{
		{"xlsx", "m.xlsx", nil, nil},
		{"roster-pdf", "r.pdf", []string{"--branch", "第一车队"}, []string{"第一车队党支部党员花名册", "第 1 页"}},
		{"roster-pdf", "h.pdf", []string{"--history"}, []string{"历史党员名册"}},
		{"forms-pdf", "f.pdf", []string{"--branch", "机关党支部"}, []string{"党员基本信息登记表", "公民身份号码"}},
	}
	for _, c := range cases {
		out := filepath.Join(dir, c.file)
		args := append([]string{"--db", db, "export", "members", "--format", c.format, "--out", out}, c.extra...)
		code, stdout, errs := cli(t, args...)
		if code != 0 {
			t.Fatalf("%s: %d %s", c.format, code, errs)
		}
		if !strings.Contains(stdout, "已导出") {
			t.Errorf("%s: %q", c.format, stdout)
		}
		if len(c.want) == 0 {
			continue
		}
		if _, err := exec.LookPath("pdftotext"); err != nil {
			continue
		}
		txt, err := exec.Command("pdftotext", out, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		flat := strings.Join(strings.Fields(string(txt)), "")
		for _, w := range c.want {
			if !strings.Contains(flat, strings.ReplaceAll(w, " ", "")) {
				t.Errorf("%s: PDF lacks %q", c.file, w)
			}
		}
	}
	for _, bad := range [][]string{
		{"export", "members", "--format", "doc", "--out", filepath.Join(dir, "x")},
		{"export", "members", "--format", "xlsx"},
		{"export", "members", "--format", "xlsx", "--out", filepath.Join(dir, "y.xlsx"), "--branch", "不存在的支部"},
	} {
		if code, _, errs := cli(t, append([]string{"--db", db}, bad...)...); code != exitError || errs == "" {
			t.Errorf("%v: code %d, stderr %q", bad, code, errs)
		}
	}
}

// TestAuditListReadsAsChinese: audit list names each record and its
// changes in Chinese, filters by an entity's Chinese name or key, and
// refuses an unknown one with the list of choices.
func TestAuditListReadsAsChinese(t *testing.T) {
	db := demoDB(t)
	for _, c := range []struct {
		entity string
		want   []string
	}{
		{"组织", []string{"新增组织", "上级组织：", "层级：党支部"}},
		{"org_unit", []string{"新增组织"}},
		{"会议频次", []string{"新增会议频次", "周期：每月", "次数：1 次"}},
		{"督办任务", []string{"新增督办任务", "方面：", "完成期限："}},
		{"任务办理", []string{"修改任务办理", "办理状态："}},
	} {
		code, out, errs := cli(t, "--db", db, "audit", "list", "--entity", c.entity, "--limit", "500")
		if code != 0 || out == "" {
			t.Fatalf("%s: %d %q %q", c.entity, code, out, errs)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: output lacks %q:\n%.600s", c.entity, w, out)
			}
		}
		for _, bad := range []string{"parent_id", "level:", "points:", "党员状态", "#"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s: output has %q:\n%.600s", c.entity, bad, out)
			}
		}
	}
	code, _, errs := cli(t, "--db", db, "audit", "list", "--entity", "不存在的对象")
	if code != exitError || !strings.Contains(errs, "会议记录") {
		t.Errorf("unknown entity: %d %q", code, errs)
	}
}

// The progress line rewrites itself in place and is wiped at the end.
func TestLineProgress(t *testing.T) {
	var b bytes.Buffer
	p := lineProgress(&b)
	p(0, 4, "读取党员档案")
	p(1, 4, "整理")
	p(1, 4, "整理") // repeated: not written again
	p(4, 4, "完成")
	want := "\r[  0%] 读取党员档案" + "\r[ 25%] 整理" + strings.Repeat(" ", 8) + "\r" + strings.Repeat(" ", 11) + "\r"
	if b.String() != want {
		t.Errorf("progress line %q, want %q", b.String(), want)
	}
	if progress(&env{errw: &b}) != nil {
		t.Error("progress shown on a stderr that is not a terminal")
	}
}
