package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/data"
)

// passwordDB is a demo database whose operator 王芳 has a password.
func passwordDB(t *testing.T) string {
	t.Helper()
	db := demoDB(t)
	s, err := data.Open(db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddOperator(context.Background(), "王芳", "wangfang-pw"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return db
}

func TestCLISignInWithPassword(t *testing.T) {
	db := passwordDB(t)
	t.Setenv(envPassword, "")
	os.Unsetenv(envPassword)
	// No --operator: refused with what to do, before anything runs.
	if code, _, errs := cli(t, "--db", db, "org", "list"); code != exitError || !strings.Contains(errs, "--operator") {
		t.Fatalf("no operator: %d %q", code, errs)
	}
	// No terminal and no variable: refused, never hangs.
	if code, _, errs := cli(t, "--db", db, "--operator", "王芳", "org", "list"); code != exitError || !strings.Contains(errs, envPassword) {
		t.Fatalf("no password source: %d %q", code, errs)
	}
	t.Setenv(envPassword, "wrong-password")
	if code, _, errs := cli(t, "--db", db, "--operator", "王芳", "org", "list"); code != exitError || !strings.Contains(errs, "密码不正确") {
		t.Fatalf("wrong password: %d %q", code, errs)
	}
	t.Setenv(envPassword, "wangfang-pw")
	if code, _, errs := cli(t, "--db", db, "org", "list", "--operator=王芳"); code != exitOK {
		t.Fatalf("signed in: %d %q", code, errs)
	}
	// A write is logged under the signed-in operator.
	bk := filepath.Join(t.TempDir(), "b.db")
	if code, _, errs := cli(t, "--db", db, "--operator", "王芳", "backup", "--out", bk); code != exitOK {
		t.Fatalf("backup: %s", errs)
	}
	s, err := data.Open(db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SignIn(context.Background(), "王芳", "wangfang-pw"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(context.Background(), data.SettingBackupKeep, "5"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, out, errs := cli(t, "--db", db, "--operator", "王芳", "audit", "list", "--operator", "王芳", "--json")
	if code != exitOK || !strings.Contains(out, `"operator": "王芳"`) {
		t.Fatalf("audit list --operator: %d %q %q", code, out, errs)
	}
}

func TestCLIWithoutPasswordKeepsBehaviour(t *testing.T) {
	db := demoDB(t)
	if code, _, errs := cli(t, "--db", db, "org", "list"); code != exitOK {
		t.Fatalf("org list: %d %s", code, errs)
	}
	// --operator names who works now, without a password.
	if code, _, errs := cli(t, "--db", db, "--operator", "张三", "org", "list"); code != exitOK {
		t.Fatalf("org list --operator: %d %s", code, errs)
	}
}

func TestCLIEncryptedBackupAndExport(t *testing.T) {
	db := demoDB(t)
	dir := t.TempDir()
	t.Setenv(envPassphrase, "correct horse battery")
	code, out, errs := cli(t, "--db", db, "backup", "--out", filepath.Join(dir, "b.db"), "--encrypt")
	if code != exitOK || !strings.Contains(out, "b.db.age") {
		t.Fatalf("backup --encrypt: %d %q %q", code, out, errs)
	}
	bk := filepath.Join(dir, "b.db.age")
	if !data.IsEncrypted(bk) {
		t.Fatal("backup not encrypted")
	}
	before, _ := os.ReadFile(db)
	t.Setenv(envPassphrase, "wrong horse battery")
	if code, _, errs := cli(t, "--db", db, "restore", bk); code != exitError || !strings.Contains(errs, "口令不正确") {
		t.Fatalf("restore with a wrong passphrase: %d %q", code, errs)
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Error("a refused restore changed the database file")
	}
	t.Setenv(envPassphrase, "correct horse battery")
	if code, out, errs := cli(t, "--db", db, "restore", bk); code != exitOK || !strings.Contains(out, "已从") {
		t.Fatalf("restore: %d %q %q", code, out, errs)
	}
	// Short passphrase refused.
	t.Setenv(envPassphrase, "short")
	if code, _, errs := cli(t, "--db", db, "backup", "--out", filepath.Join(dir, "c.db"), "--encrypt"); code != exitError || !strings.Contains(errs, "口令至少") {
		t.Fatalf("short passphrase: %d %q", code, errs)
	}
	// An encrypted export opens with the passphrase and is an xlsx inside.
	t.Setenv(envPassphrase, "export passphrase")
	x := filepath.Join(dir, "名册.xlsx")
	if code, out, errs := cli(t, "--db", db, "export", "members", "--format", "xlsx", "--out", x, "--encrypt"); code != exitOK {
		t.Fatalf("export --encrypt: %d %q %q", code, out, errs)
	}
	raw, err := os.ReadFile(x + ".age")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(x); err == nil {
		t.Error("a plain copy was left beside the encrypted export")
	}
	if _, err := data.DecryptBytes(raw, "wrong"); err == nil {
		t.Error("wrong passphrase opened the export")
	}
	plain, err := data.DecryptBytes(raw, "export passphrase")
	if err != nil || !strings.HasPrefix(string(plain), "PK") {
		t.Fatalf("decrypted export: %v %.10q", err, plain)
	}
	if fi, _ := os.Stat(x + ".age"); fi.Mode().Perm() != 0o600 {
		t.Errorf("export mode %o", fi.Mode().Perm())
	}
	// A plain export and a plain backup are owner-only too.
	plainX := filepath.Join(dir, "plain.xlsx")
	if code, _, errs := cli(t, "--db", db, "export", "members", "--format", "xlsx", "--out", plainX); code != exitOK {
		t.Fatalf("export: %s", errs)
	}
	plainB := filepath.Join(dir, "plain.db")
	if code, _, errs := cli(t, "--db", db, "backup", "--out", plainB); code != exitOK {
		t.Fatalf("backup: %s", errs)
	}
	for _, p := range []string{plainX, plainB, bk, db} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v %v, want 0600", filepath.Base(p), fi.Mode().Perm(), err)
		}
	}
}
