package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var ctx = context.Background()

// fixedNow is the clock of test stores: 2026-11-27 10:00 local.
var fixedNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local)

func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "t.db"), Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		failOnShapeMismatch(t)
		// Every store test doubles as a check that each write logs exactly
		// what it stores: the log replayed must match every table.
		if !t.Failed() && !tamperedStores[s] && s.w != nil {
			if r, err := s.VerifyAuditReport(context.Background(), VerifyOptions{}); err != nil || r.DataTotal > 0 || r.Chain != nil {
				t.Errorf("log and tables disagree at the end of the test: %v\n%s", err, r.Summary())
			}
		}
		s.Close()
	})
	return s
}

// tamperedStores are stores a test changed behind the program's back, on
// purpose: their log is not expected to match.
var tamperedStores = map[*Store]bool{}

func markTampered(s *Store) { tamperedStores[s] = true }

func TestMigrationsFromEmptyAndRerun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.AppliedMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != SchemaVersion() || got[0] != 1 {
		t.Fatalf("applied %v, want 1..%d", got, SchemaVersion())
	}
	if v, _ := s.Pragma("user_version"); v != itoa(SchemaVersion()) {
		t.Errorf("user_version = %s", v)
	}
	if v, _ := s.Pragma("application_id"); v != itoa(AppID) {
		t.Errorf("application_id = %s", v)
	}
	s.Close()
	// Re-open: nothing applied twice, no pre-migration backup made.
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got2, _ := s.AppliedMigrations()
	if len(got2) != len(got) {
		t.Fatalf("re-open changed migrations: %v → %v", got, got2)
	}
	if list, _ := s.Backups(); len(list) != 0 {
		t.Errorf("unexpected backups on re-open: %v", list)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestPragmasInForce(t *testing.T) {
	s := openTest(t)
	want := map[string]string{
		"journal_mode": "wal",
		"synchronous":  "2", // FULL
		"foreign_keys": "1",
		"busy_timeout": "5000",
	}
	for p, w := range want {
		if got, err := s.Pragma(p); err != nil || got != w {
			t.Errorf("PRAGMA %s = %q (%v), want %q", p, got, err, w)
		}
	}
	// The reader pool has the same settings, and refuses writes.
	err := s.read(func(db *sql.DB) error {
		for p, w := range want {
			var got string
			if err := db.QueryRow("PRAGMA " + p).Scan(&got); err != nil || got != w {
				t.Errorf("reader PRAGMA %s = %q (%v), want %q", p, got, err, w)
			}
		}
		_, err := db.Exec("INSERT INTO settings(key, value) VALUES ('x', 'y')")
		if err == nil {
			t.Error("reader pool accepted a write")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.mu.RLock()
	_, err = s.w.Exec("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, 'future', 'x')", SchemaVersion()+1)
	s.mu.RUnlock()
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(path, Options{})
	var tooNew *SchemaTooNewError
	if !errors.As(err, &tooNew) {
		t.Fatalf("err = %v, want SchemaTooNewError", err)
	}
	if !strings.Contains(err.Error(), "更新版本") {
		t.Errorf("message not in Chinese: %v", err)
	}
}

func TestForeignDatabaseRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE customers(id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = Open(path, Options{})
	var foreign *ForeignFileError
	if !errors.As(err, &foreign) {
		t.Fatalf("err = %v, want ForeignFileError", err)
	}
}

func TestSecondWriterRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock.db")
	s, err := Open(path, Options{Program: "测试程序"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(path, Options{})
	var locked *LockedError
	if !errors.As(err, &locked) {
		t.Fatalf("second writer: err = %v, want LockedError", err)
	}
	if !strings.Contains(err.Error(), "另一个党建工作台程序正在使用") || !strings.Contains(err.Error(), "测试程序") {
		t.Errorf("message = %q", err)
	}
	// A reader may still open it beside the writer.
	r, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("reader beside writer: %v", err)
	}
	if err := r.SetSetting(ctx, "x", "y"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only store wrote: %v", err)
	}
	r.Close()
	s.Close()
	// Once the first is closed, a writer gets in.
	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("after close: %v", err)
	}
	s2.Close()
}

func TestReadOnlyMissingFile(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "none.db"), Options{ReadOnly: true})
	if err == nil || !strings.Contains(err.Error(), "不存在") {
		t.Fatalf("err = %v", err)
	}
}

func TestOperatorDefaultsAndSet(t *testing.T) {
	s := openTest(t)
	if s.Operator() == "" {
		t.Fatal("operator empty before it is set")
	}
	if err := s.SetOperator(ctx, "  "); err == nil {
		t.Error("blank operator accepted")
	}
	if err := s.SetOperator(ctx, "王秀英"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelGeneral, FullName: "中共某公司总支部委员会"}); err != nil {
		t.Fatal(err)
	}
	es, err := s.AuditEntries(ctx, AuditFilter{Entity: EntityOrgUnit})
	if err != nil || len(es) != 1 {
		t.Fatalf("entries %v %v", es, err)
	}
	if es[0].Operator != "王秀英" {
		t.Errorf("operator in log = %q", es[0].Operator)
	}
}

func TestFriendlyPathErrors(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, []byte("x"), 0o644)
	_, err := Open(filepath.Join(blocker, "sub", "x.db"), Options{})
	if err == nil || !strings.Contains(err.Error(), "无法创建数据目录") {
		t.Fatalf("err = %v", err)
	}
}

// withExtraMigration makes the program believe it knows one more schema
// version than the embedded files, for the duration of the test.
func withExtraMigration(t *testing.T, sqlText string) {
	t.Helper()
	m := fstest.MapFS{}
	entries, _ := fs.ReadDir(embeddedMigrations, "migrations")
	for _, e := range entries {
		b, _ := fs.ReadFile(embeddedMigrations, "migrations/"+e.Name())
		m["migrations/"+e.Name()] = &fstest.MapFile{Data: b}
	}
	next := fmt.Sprintf("migrations/%04d_test_extra.sql", len(entries)+1)
	m[next] = &fstest.MapFile{Data: []byte(sqlText)}
	old := migrationFS
	migrationFS = m
	t.Cleanup(func() { migrationFS = old })
}

func TestUpgradeBacksUpFirstAndAppliesOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "up.db")
	s, err := Open(path, Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelGeneral, FullName: "总支"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := SchemaVersion()

	withExtraMigration(t, "CREATE TABLE upgrade_probe (id INTEGER PRIMARY KEY);")
	s, err = Open(path, Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.AppliedMigrations()
	if len(got) != before+1 {
		t.Fatalf("applied %v", got)
	}
	list, _ := s.Backups()
	if len(list) != 1 || !strings.Contains(list[0].Name, fmt.Sprintf("升级前备份-v%d", before)) {
		t.Fatalf("backups %v", list)
	}
	// The backup holds the database as it was before the upgrade.
	if err := CheckBackupFile(ctx, list[0].Path); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("re-open after upgrade: %v", err)
	}
	if list, _ := s.Backups(); len(list) != 1 {
		t.Errorf("re-open made another backup: %v", list)
	}
	s.Close()
}

func TestFailedMigrationLeavesDatabaseAsItWas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	withExtraMigration(t, "CREATE TABLE half_done (id INTEGER); THIS IS NOT SQL;")
	if _, err := Open(path, Options{}); err == nil || !strings.Contains(err.Error(), "数据库保持原样") {
		t.Fatalf("err = %v", err)
	}
	migrationFS = embeddedMigrations
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	s.read(func(db *sql.DB) error {
		return db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").Scan(&n)
	})
	if n != 0 {
		t.Error("half of a failed migration was kept")
	}
}
