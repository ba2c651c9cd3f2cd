package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/data"
)

// The reproductions of issue 11 (recovery, backups that carry code, locks)
// as the office would meet them on the command line.

func TestBackupOutRefusesToOverwriteUnlessForced(t *testing.T) {
	db := demoDB(t)
	out := filepath.Join(t.TempDir(), "已有文件.db")
	os.WriteFile(out, []byte("重要的文件"), 0o644)
	code, _, errs := cli(t, "--db", db, "backup", "--out", out)
	if code != exitError || !strings.Contains(errs, "已存在") || !strings.Contains(errs, "--force") {
		t.Fatalf("backup over a file: %d %q", code, errs)
	}
	if b, _ := os.ReadFile(out); string(b) != "重要的文件" {
		t.Fatal("overwritten without --force")
	}
	if code, _, errs := cli(t, "--db", db, "backup", "--out", out, "--force"); code != 0 {
		t.Fatalf("backup --force: %s", errs)
	}
	if err := data.CheckBackupFile(context.Background(), out); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreOverDamagedDatabaseCLI(t *testing.T) {
	db := demoDB(t)
	good := filepath.Join(t.TempDir(), "good.db")
	if code, _, errs := cli(t, "--db", db, "backup", "--out", good); code != 0 {
		t.Fatal(errs)
	}
	// dd if=/dev/urandom of=d.db bs=1 count=32 seek=$((4096*page)) conv=notrunc
	st, _ := os.Stat(db)
	f, _ := os.OpenFile(db, os.O_RDWR, 0)
	f.WriteAt([]byte("0123456789abcdef0123456789abcdef"), st.Size()/4096*2/3*4096)
	f.Close()
	if code, _, _ := cli(t, "--db", db, "audit", "verify"); code == 0 {
		t.Skip("the damage did not show; pick another page")
	}
	code, out, errs := cli(t, "--db", db, "restore", good)
	if code != 0 || !strings.Contains(out, "当前数据库已损坏") || !strings.Contains(out, "损坏的数据库-") || !strings.Contains(out, "已从") {
		t.Fatalf("restore over a damaged database: %d %q %q", code, out, errs)
	}
	if code, _, errs := cli(t, "--db", db, "audit", "verify"); code != 0 {
		t.Fatalf("after restore: %s", errs)
	}
}

func TestRestoreRefusesBackupWithTrigger(t *testing.T) {
	db := demoDB(t)
	bk := filepath.Join(t.TempDir(), "b.db")
	if code, _, errs := cli(t, "--db", db, "backup", "--out", bk); code != 0 {
		t.Fatal(errs)
	}
	h, err := sql.Open("sqlite", bk)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Exec(`CREATE TRIGGER e AFTER INSERT ON members BEGIN UPDATE members SET name='篡改'||new.name WHERE id=new.id; END`); err != nil {
		t.Fatal(err)
	}
	h.Close()
	code, _, errs := cli(t, "--db", db, "restore", bk)
	if code != exitError || !strings.Contains(errs, "备份中有程序不认识的触发器 e（表 members），可能被篡改，已拒绝恢复") {
		t.Fatalf("restore with a trigger: %d %q", code, errs)
	}
}

func TestWriterThroughSymlinkRefused(t *testing.T) {
	db := demoDB(t)
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(db, link); err != nil {
		t.Skip(err)
	}
	s, err := data.Open(db, data.Options{Program: "党建工作台"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	code, _, errs := cli(t, "--db", link, "restore", db)
	if code != exitError || !strings.Contains(errs, "另一个党建工作台程序正在使用") {
		t.Fatalf("writer through a symlink beside the GUI: %d %q", code, errs)
	}
}

// TestAuditVerifyIssue11: the reproductions of issue 11 item 3 on a demo
// database — direct table edits, a wiped log, a rewritten history checked
// against a backup (--against) and a printed code (--code).
func TestAuditVerifyIssue11(t *testing.T) {
	db := demoDB(t)
	dir := t.TempDir()
	bk := filepath.Join(dir, "周五备份.db")
	if code, _, errs := cli(t, "--db", db, "backup", "--out", bk); code != 0 {
		t.Fatalf("backup: %s", errs)
	}
	code, out, _ := cli(t, "--db", db, "audit", "verify", "--against", bk, "--json")
	var rep struct {
		OK       bool     `json:"ok"`
		Count    int64    `json:"count"`
		Code     string   `json:"code"`
		Problems []string `json:"problems"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 0 || !rep.OK || rep.Count == 0 {
		t.Fatalf("intact: %d %v %q", code, err, out)
	}
	exec := func(path string, qs ...string) {
		t.Helper()
		raw, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		for _, q := range qs {
			if _, err := raw.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	}
	copyDB := func() string {
		t.Helper()
		p := filepath.Join(t.TempDir(), "copy.db")
		exec(db, "VACUUM INTO '"+p+"'")
		return p
	}

	// Direct edits to the data tables.
	p := copyDB()
	exec(p, "UPDATE members SET name = '篡改' WHERE id = 5", "DELETE FROM members WHERE id = 7", "UPDATE meetings SET status = '已审核'")
	code, _, errs := cli(t, "--db", p, "audit", "verify")
	for _, want := range []string{"（编号 5）的“姓名”", "数据库中为“篡改”", "（编号 7）：操作日志中有记载，数据库中却没有这条记录", "“审核状态”"} {
		if code != exitPartial || !strings.Contains(errs, want) {
			t.Errorf("direct edits: %d, stderr lacks %q:\n%.600s", code, want, errs)
		}
	}

	// All audit rows and the head deleted.
	p = copyDB()
	exec(p, "DELETE FROM audit_log", "DELETE FROM audit_head")
	code, out, errs = cli(t, "--db", p, "audit", "verify")
	if code != exitPartial || strings.Contains(out, "完好") || !strings.Contains(errs, "没有任何记载") {
		t.Errorf("wiped log: %d %q %.300q", code, out, errs)
	}
	t.Chdir(dir) // a backup named relative to the working folder, as people type it
	code, _, errs = cli(t, "--db", p, "audit", "verify", "--against", "周五备份.db")
	if code != exitPartial || !strings.Contains(errs, "周五备份.db") || !strings.Contains(errs, "日志被截断或清空") {
		t.Errorf("wiped log against the backup: %d %.400q", code, errs)
	}
	code, _, errs = cli(t, "--db", p, "audit", "verify", "--code", rep.Code)
	if code != exitPartial || !strings.Contains(errs, "输入的校验码") {
		t.Errorf("wiped log against the code %q: %d %.400q", rep.Code, code, errs)
	}
	if code, _, errs := cli(t, "--db", p, "audit", "verify", "--code", "没有数字"); code != exitError || !strings.Contains(errs, "不是校验码") {
		t.Errorf("bad code: %d %q", code, errs)
	}
}
