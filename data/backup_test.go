package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestBackupRestoreRoundTrip(t *testing.T) {
	s := seedAudit(t)
	dest := filepath.Join(t.TempDir(), "备份 1.db")
	var last float64
	if err := s.Backup(ctx, dest, func(f float64) { last = f }); err != nil {
		t.Fatal(err)
	}
	if last != 1 {
		t.Errorf("progress ended at %v", last)
	}
	// Change the live database after the backup…
	roots, _ := s.OrgTree(ctx)
	if _, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelBranch, ParentID: roots[0].Unit.ID, FullName: "第二车队党支部"}); err != nil {
		t.Fatal(err)
	}
	// …then restore: the change is gone, the replaced database was kept.
	res, err := s.Restore(ctx, dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	kept := res.KeptOld
	roots, _ = s.OrgTree(ctx)
	if n := len(roots[0].Children); n != 1 {
		t.Fatalf("after restore: %d branches, want 1", n)
	}
	if _, err := s.VerifyAudit(ctx); err != nil {
		t.Fatalf("audit after restore: %v", err)
	}
	if s.Operator() != "李敏" {
		t.Errorf("operator after restore = %q", s.Operator())
	}
	if err := CheckBackupFile(ctx, kept); err != nil {
		t.Fatalf("kept copy: %v", err)
	}
	// The kept copy holds the state just before the restore.
	k, err := Open(kept, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	kr, _ := k.OrgTree(ctx)
	if n := len(kr[0].Children); n != 2 {
		t.Errorf("kept copy has %d branches, want 2", n)
	}
	// And the store still writes.
	if err := s.SetSetting(ctx, "after", "restore"); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreRefusesForeignAndCorrupt(t *testing.T) {
	s := seedAudit(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	if err := s.Backup(ctx, good, nil); err != nil {
		t.Fatal(err)
	}
	text := filepath.Join(dir, "notes.db")
	os.WriteFile(text, []byte(strings.Repeat("这不是数据库。", 200)), 0o644)

	corrupt := filepath.Join(dir, "corrupt.db")
	b, _ := os.ReadFile(good)
	// Keep the header (so it still looks like ours) but scramble later pages.
	for i := 4096; i < len(b); i += 7 {
		b[i] ^= 0x5a
	}
	os.WriteFile(corrupt, b, 0o644)

	foreign := filepath.Join(dir, "other.db")
	o, err := Open(foreign, Options{})
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	tamperFile(t, foreign, "PRAGMA application_id = 12345")

	for _, c := range []struct{ name, path string }{
		{"text file", text}, {"corrupt", corrupt}, {"foreign app id", foreign},
		{"missing", filepath.Join(dir, "missing.db")},
	} {
		t.Run(c.name, func(t *testing.T) {
			before, _ := s.OrgTree(ctx)
			if _, err := s.Restore(ctx, c.path, nil); err == nil {
				t.Fatal("restore accepted it")
			} else if !strings.ContainsAny(err.Error(), "不是损坏无法") {
				t.Errorf("message not helpful: %v", err)
			}
			after, err := s.OrgTree(ctx)
			if err != nil || len(after[0].Children) != len(before[0].Children) {
				t.Fatalf("database changed by a refused restore: %v", err)
			}
		})
	}
}

func tamperFile(t *testing.T, path, q string) {
	t.Helper()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tamper(t, s, q)
}

func TestAutoBackupOncePerDayAndPrunes(t *testing.T) {
	s := seedAudit(t)
	if err := s.SetSetting(ctx, SettingBackupKeep, "3"); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 1, 9, 0, 0, 0, time.Local)
	for i := 0; i < 5; i++ {
		s.opt.Now = func() time.Time { return day.AddDate(0, 0, i) }
		p, err := s.AutoBackup(ctx)
		if err != nil || p == "" {
			t.Fatalf("day %d: %q %v", i, p, err)
		}
		// A second start the same day makes none.
		if p2, err := s.AutoBackup(ctx); err != nil || p2 != "" {
			t.Fatalf("second backup same day: %q %v", p2, err)
		}
	}
	list, _ := s.Backups()
	var names []string
	for _, b := range list {
		if b.Auto {
			names = append(names, b.Name)
		}
	}
	want := "自动备份-20261105.db 自动备份-20261104.db 自动备份-20261103.db"
	if strings.Join(names, " ") != want {
		t.Fatalf("kept %v", names)
	}
}

func TestBackupWhileReaderOpen(t *testing.T) {
	s := seedAudit(t)
	r, err := Open(s.Path(), Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	dest := filepath.Join(t.TempDir(), "ro.db")
	if err := r.Backup(ctx, dest, nil); err != nil {
		t.Fatalf("backup from a read-only store: %v", err)
	}
	if err := CheckBackupFile(ctx, dest); err != nil {
		t.Fatal(err)
	}
}
