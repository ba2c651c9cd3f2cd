package main

import (
	"context"
	"database/sql"
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
