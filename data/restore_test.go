package data

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// addMembers writes n members in one transaction.
func addMembers(t *testing.T, s *Store, from, n int) {
	t.Helper()
	err := s.Write(ctx, func(tx *Tx) error {
		for i := from; i < from+n; i++ {
			if _, err := tx.InsertMember(RoleOffice, Member{Name: "测试" + strconv.Itoa(i), StaffNo: strconv.Itoa(i),
				Remarks: strings.Repeat("备注", 40)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func memberCount(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.read(func(db *sql.DB) error { return db.QueryRow("SELECT count(*) FROM members").Scan(&n) }); err != nil {
		t.Fatal(err)
	}
	return n
}

// attach stores a small file with the given content as an attachment.
func attach(t *testing.T, s *Store, content string) Attachment {
	t.Helper()
	src := filepath.Join(t.TempDir(), "扫描件.txt")
	if err := os.WriteFile(src, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := s.AddAttachment(ctx, RoleOffice, EntityMeeting, 1, src)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// storedFiles lists the attachment folder.
func storedFiles(t *testing.T, s *Store) []string {
	t.Helper()
	entries, err := os.ReadDir(s.AttachmentDir())
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

// TestRestoreOverDamagedDatabase is issue 11's first reproduction: random
// bytes in a page of the live database made restore refuse to run, while
// every other command said to restore from a backup.
func TestRestoreOverDamagedDatabase(t *testing.T) {
	s := seedAudit(t)
	addMembers(t, s, 0, 1500)
	good := filepath.Join(t.TempDir(), "good.db")
	if err := s.Backup(ctx, good, nil); err != nil {
		t.Fatal(err)
	}
	addMembers(t, s, 1500, 10)
	path := s.Path()
	s.Close()

	// dd if=/dev/urandom of=d.db bs=1 count=32 seek=$((4096*page)) conv=notrunc
	st, _ := os.Stat(path)
	page := st.Size() / 4096 * 3 / 4
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	junk := make([]byte, 32)
	rng := rand.New(rand.NewPCG(7, 11))
	for i := range junk {
		junk[i] = byte(rng.IntN(256))
	}
	f.WriteAt(junk, page*4096)
	f.Close()
	damaged, _ := os.ReadFile(path)

	s, err = Open(path, Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatalf("open damaged: %v", err)
	}
	defer s.Close()
	if err := s.IntegrityCheck(); err == nil {
		t.Fatal("the damage did not show; pick another page")
	}
	res, err := s.Restore(ctx, good, nil)
	if err != nil {
		t.Fatalf("restore over a damaged database: %v", err)
	}
	if !res.Damaged || !strings.Contains(res.Summary("good.db"), "已损坏") || !strings.Contains(res.Summary("good.db"), res.KeptOld) {
		t.Errorf("the user is not told: %+v / %s", res, res.Summary("good.db"))
	}
	if err := s.IntegrityCheck(); err != nil {
		t.Fatalf("after restore: %v", err)
	}
	if n := memberCount(t, s); n != 1500 {
		t.Errorf("members after restore = %d, want 1500", n)
	}
	// The damaged file is kept as it was, under a clear name.
	if !strings.HasPrefix(filepath.Base(res.KeptOld), "损坏的数据库-") {
		t.Errorf("kept as %s", res.KeptOld)
	}
	kept, err := os.ReadFile(res.KeptOld)
	if err != nil || !bytes.Equal(kept, damaged) {
		t.Errorf("damaged file not kept as-is (%v)", err)
	}
	if err := s.SetSetting(ctx, "after", "restore"); err != nil {
		t.Fatal(err)
	}
}

// tamperedBackup makes a backup of s and changes it with q, as someone with
// a SQLite browser would.
func tamperedBackup(t *testing.T, s *Store, q string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "tampered.db")
	if err := s.Backup(ctx, p, nil); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", p)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(q); err != nil {
		t.Fatal(err)
	}
	return p
}

// emptyShell is a file with the application id and the migration rows but
// no tables (issue 11: accepted, then "no such table: settings").
func emptyShell(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "shell.db")
	db, err := sql.Open("sqlite", p)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := []string{
		fmt.Sprintf("PRAGMA application_id = %d", AppID),
		"CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
	}
	for _, m := range migrations() {
		stmts = append(stmts, fmt.Sprintf("INSERT INTO schema_migrations VALUES (%d, '%s', '2026-01-01')", m.version, m.name))
	}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// TestRestoreRefusesTamperedSchema: a backup must not carry code, nor lack
// what the program needs. Each is refused, named, and the live database
// stays as it was.
func TestRestoreRefusesTamperedSchema(t *testing.T) {
	s := seedAudit(t)
	addMembers(t, s, 0, 3)
	cases := []struct {
		name, q, want string
	}{
		{"trigger rewriting names", `CREATE TRIGGER e AFTER INSERT ON members BEGIN UPDATE members SET name='篡改'||new.name WHERE id=new.id; END`,
			"触发器 e（表 members）"},
		{"trigger blocking the audit log", `CREATE TRIGGER block BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'no'); END`,
			"触发器 block（表 audit_log）"},
		{"view", `CREATE VIEW v AS SELECT name FROM members`, "视图 v"},
		{"extra column", `ALTER TABLE members ADD COLUMN x TEXT`, "表 members 多出程序不认识的列 x"},
		{"extra table", `CREATE TABLE spare (x)`, "表 spare"},
		{"extra index", `CREATE INDEX members_x ON members(name)`, "索引 members_x"},
		{"missing table", `DROP TABLE settings`, "缺少表 settings"},
		{"unknown migration row", `UPDATE schema_migrations SET name = 'other' WHERE version = 1`, "版本记录"},
	}
	var audit bool
	s.read(func(db *sql.DB) error {
		var n int
		db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'audit_log'").Scan(&n)
		audit = n == 1
		return nil
	})
	if !audit {
		t.Fatal("audit table is not called audit_log; fix the test")
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := tamperedBackup(t, s, c.q)
			checkRefused(t, s, p, c.want)
		})
	}
	t.Run("tables missing behind app id and migrations", func(t *testing.T) {
		checkRefused(t, s, emptyShell(t), "缺少")
	})
}

func checkRefused(t *testing.T, s *Store, p, want string) {
	t.Helper()
	before := memberCount(t, s)
	backups, _ := s.Backups()
	if err := CheckBackupFile(ctx, p); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("check: err = %v, want it to name %q", err, want)
	}
	_, err := s.Restore(ctx, p, nil)
	if err == nil {
		t.Fatal("restore accepted it")
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("restore: err = %v, want it to name %q", err, want)
	}
	if n := memberCount(t, s); n != before {
		t.Errorf("live database changed: %d members, had %d", n, before)
	}
	if after, _ := s.Backups(); len(after) != len(backups) {
		t.Errorf("a refused restore left files in the backup folder")
	}
	if err := s.IntegrityCheck(); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, "still", "writes"); err != nil {
		t.Fatal(err)
	}
}

// TestRestoreSwapsBackOnFailureAfterSwap: if the restored database cannot
// be used, the previous database and attachments are put back.
func TestRestoreSwapsBackOnFailureAfterSwap(t *testing.T) {
	s := seedAudit(t)
	attach(t, s, "第一份")
	good := filepath.Join(t.TempDir(), "good.db")
	if err := s.Backup(ctx, good, nil); err != nil {
		t.Fatal(err)
	}
	addMembers(t, s, 0, 5)
	attach(t, s, "第二份")
	files := storedFiles(t, s)

	testHookAfterSwap = func() error { return errors.New("模拟的故障") }
	defer func() { testHookAfterSwap = nil }()
	_, err := s.Restore(ctx, good, nil)
	if err == nil || !strings.Contains(err.Error(), "已换回") || !strings.Contains(err.Error(), "模拟的故障") {
		t.Fatalf("err = %v", err)
	}
	if n := memberCount(t, s); n != 5 {
		t.Errorf("members = %d after swap-back, want 5", n)
	}
	if got := storedFiles(t, s); strings.Join(got, " ") != strings.Join(files, " ") {
		t.Errorf("attachments after swap-back %v, want %v", got, files)
	}
	if err := s.IntegrityCheck(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.VerifyAudit(ctx); err != nil {
		t.Fatal(err)
	}
	addMembers(t, s, 5, 1)
	// Nothing set aside is left next to the database.
	left, _ := filepath.Glob(s.Path() + ".*")
	for _, l := range left {
		if !strings.HasSuffix(l, ".lock") {
			t.Errorf("left behind: %s", l)
		}
	}
	// And a restore without the fault works.
	testHookAfterSwap = nil
	if _, err := s.Restore(ctx, good, nil); err != nil {
		t.Fatal(err)
	}
	if n := memberCount(t, s); n != 0 {
		t.Errorf("members = %d after restore, want 0", n)
	}
}

// TestPreRestoreBackupsUniqueNames: 12 quick restores within one second
// used to leave 10 files.
func TestPreRestoreBackupsUniqueNames(t *testing.T) {
	s := seedAudit(t) // its clock stands still
	good := filepath.Join(t.TempDir(), "good.db")
	if err := s.Backup(ctx, good, nil); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i := 0; i < 12; i++ {
		res, err := s.Restore(ctx, good, nil)
		if err != nil {
			t.Fatal(err)
		}
		if seen[res.KeptOld] {
			t.Fatalf("restore %d reused %s", i, res.KeptOld)
		}
		seen[res.KeptOld] = true
	}
	list, _ := s.Backups()
	n := 0
	for _, b := range list {
		if strings.HasPrefix(b.Name, "恢复前备份-") {
			n++
		}
	}
	if n != 12 {
		t.Errorf("%d pre-restore backups, want 12", n)
	}
}

// TestLeftoversCleanedAtStart: a killed backup or restore leaves *.part
// files (and their -wal/-shm/-journal) that are invisible in the list.
func TestLeftoversCleanedAtStart(t *testing.T) {
	s := seedAudit(t)
	path, dir := s.Path(), s.BackupDir()
	s.Close()
	os.MkdirAll(dir, 0o755)
	leftovers := []string{
		filepath.Join(dir, "恢复前备份-20261204-101010.db.part"),
		filepath.Join(dir, "恢复前备份-20261204-101010.db.part-wal"),
		filepath.Join(dir, "恢复前备份-20261204-101010.db.part-shm"),
		filepath.Join(dir, "自动备份-20261204.db.part-journal"),
		path + ".restore", path + ".restore-journal",
	}
	kept := []string{filepath.Join(dir, "备注.txt"), filepath.Join(dir, "自动备份-20261203.db")}
	for _, p := range append(leftovers, kept...) {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, p := range leftovers {
		if fileExists(p) {
			t.Errorf("left: %s", filepath.Base(p))
		}
	}
	for _, p := range kept {
		if !fileExists(p) {
			t.Errorf("removed a file that is not a leftover: %s", filepath.Base(p))
		}
	}
	// A read-only opener never deletes anything.
	os.WriteFile(leftovers[0], []byte("x"), 0o644)
	r, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	if !fileExists(leftovers[0]) {
		t.Error("a reader cleaned the backup folder")
	}
}

func TestBackupRefusesToOverwrite(t *testing.T) {
	s := seedAudit(t)
	dest := filepath.Join(t.TempDir(), "out.db")
	os.WriteFile(dest, []byte("我的论文"), 0o644)
	err := s.Backup(ctx, dest, nil)
	var ex *BackupExistsError
	if !errors.As(err, &ex) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(dest); string(b) != "我的论文" {
		t.Fatal("the existing file was overwritten")
	}
	if err := s.BackupReplacing(ctx, dest, nil); err != nil {
		t.Fatal(err)
	}
	if err := CheckBackupFile(ctx, dest); err != nil {
		t.Fatal(err)
	}
}

// TestBackupFailureLeavesNoPartialFile: a full disk while the backup is
// written leaves neither a .part nor its -journal.
func TestBackupFailureLeavesNoPartialFile(t *testing.T) {
	s := seedAudit(t)
	attach(t, s, "附件内容")
	dir := t.TempDir()
	testHookBackupFiles = func() error { return errors.New("disk full") }
	defer func() { testHookBackupFiles = nil }()
	if err := s.Backup(ctx, filepath.Join(dir, "b.db"), nil); err == nil {
		t.Fatal("backup succeeded")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestBackupRestoreWithAttachments: one backup file holds the database and
// the attachments; a restore brings both back and keeps the current ones
// with the pre-restore backup.
func TestBackupRestoreWithAttachments(t *testing.T) {
	s := seedAudit(t)
	a := attach(t, s, "会议记录扫描件（一）")
	addMembers(t, s, 0, 1)
	var id int64
	s.read(func(db *sql.DB) error { return db.QueryRow("SELECT id FROM members").Scan(&id) })
	photo := testPhoto(t)
	if err := s.SetMemberPhoto(ctx, RoleOffice, id, photo); err != nil {
		t.Fatal(err)
	}
	wantPhoto, _ := s.MemberPhoto(ctx, id)
	backup := filepath.Join(t.TempDir(), "full.db")
	if err := s.Backup(ctx, backup, nil); err != nil {
		t.Fatal(err)
	}
	before := storedFiles(t, s)

	// Afterwards: one file lost, another added, the photo removed.
	os.Remove(s.AttachmentPath(a))
	b := attach(t, s, "会议记录扫描件（二）")
	s.RemoveMemberPhoto(ctx, RoleOffice, id)

	res, err := s.Restore(ctx, backup, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 1 || res.OldFormat {
		t.Errorf("result %+v", res)
	}
	if got := storedFiles(t, s); strings.Join(got, " ") != strings.Join(before, " ") {
		t.Errorf("attachments %v, want %v", got, before)
	}
	if got, _ := os.ReadFile(s.AttachmentPath(a)); string(got) != "会议记录扫描件（一）" {
		t.Errorf("attachment content %q", got)
	}
	if got, _ := s.MemberPhoto(ctx, id); !bytes.Equal(got, wantPhoto) {
		t.Error("photo not restored")
	}
	// The pre-restore backup holds what was replaced, attachment (二) included.
	if _, err := s.Restore(ctx, res.KeptOld, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.AttachmentPath(b)); err != nil {
		t.Errorf("the replaced attachment did not come back: %v", err)
	}
	if fileExists(s.AttachmentPath(a)) {
		t.Error("restoring the pre-restore backup kept an attachment it did not have")
	}
	// No attachment table in the live database.
	var n int
	s.read(func(db *sql.DB) error {
		return db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = ?", backupFilesTable).Scan(&n)
	})
	if n != 0 {
		t.Error("the live database carries the backup's attachment table")
	}
}

func testPhoto(t *testing.T) []byte {
	t.Helper()
	// A 60×80 PNG, made by the standard library.
	var buf bytes.Buffer
	if err := encodeTestPNG(&buf, 60, 80); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRestoreOldPlainBackup: backups from before attachments were carried
// (a plain copy of the database) still restore, leaving the attachments.
func TestRestoreOldPlainBackup(t *testing.T) {
	s := seedAudit(t)
	old := filepath.Join(t.TempDir(), "old.db")
	tamper(t, s, "VACUUM INTO ?", old) // how backups were made before they carried attachments
	attach(t, s, "现有附件")
	files := storedFiles(t, s)
	addMembers(t, s, 0, 2)
	res, err := s.Restore(ctx, old, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.OldFormat || !strings.Contains(res.Summary("old.db"), "旧格式") {
		t.Errorf("result %+v", res)
	}
	if n := memberCount(t, s); n != 0 {
		t.Errorf("members %d", n)
	}
	if got := storedFiles(t, s); strings.Join(got, " ") != strings.Join(files, " ") {
		t.Errorf("attachments %v, want %v", got, files)
	}
}

// TestRestoreOlderVersionUpgrades: a backup made before a schema upgrade
// is accepted (its schema matches its own version) and brought up to date.
func TestRestoreOlderVersionUpgrades(t *testing.T) {
	s := seedAudit(t)
	old := filepath.Join(t.TempDir(), "v-old.db")
	if err := s.Backup(ctx, old, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	withExtraMigration(t, "CREATE TABLE upgrade_probe (id INTEGER PRIMARY KEY);")
	s, err := Open(s.Path(), Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Restore(ctx, old, nil); err != nil {
		t.Fatalf("older backup refused: %v", err)
	}
	got, _ := s.AppliedMigrations()
	if len(got) != SchemaVersion() {
		t.Errorf("after restore: migrations %v", got)
	}
	// A backup of the older version with a probe table it should not have
	// is refused: the reference is per version.
	bad := tamperedBackupFile(t, old, "CREATE TABLE upgrade_probe (id INTEGER PRIMARY KEY)")
	if _, err := s.Restore(ctx, bad, nil); err == nil || !strings.Contains(err.Error(), "upgrade_probe") {
		t.Errorf("err = %v", err)
	}
}

func tamperedBackupFile(t *testing.T, src, q string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "t.db")
	if err := copyFile(src, p); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", p)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(q); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestWriterLockFollowsSymlinks: through a symbolic link, a second writer
// ran beside the first and its rows were lost.
func TestWriterLockFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real", "d.db")
	os.MkdirAll(filepath.Dir(real), 0o755)
	s, err := Open(real, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fileLink := filepath.Join(dir, "link.db")
	dirLink := filepath.Join(dir, "linkdir")
	if err := os.Symlink(real, fileLink); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	os.Symlink(filepath.Dir(real), dirLink)
	for _, p := range []string{fileLink, filepath.Join(dirLink, "d.db")} {
		o, err := Open(p, Options{})
		var le *LockedError
		if !errors.As(err, &le) {
			if o != nil {
				o.Close()
			}
			t.Errorf("second writer through %s: err = %v", p, err)
		}
	}
}

// TestReadOnlyFolderStillReads plays a user without write rights to the
// folder (the test may run as root, who has them all): readers work, a
// writer is told why not, and the GUI's open falls back to read-only.
func TestReadOnlyFolderStillReads(t *testing.T) {
	s := seedAudit(t)
	path := s.Path()
	s.Close()
	ro := filepath.Dir(path)
	canWrite = func(p string) bool { return !strings.HasPrefix(p, ro) }
	defer func() { canWrite = canWriteOS }()

	r, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	roots, err := r.OrgTree(ctx)
	if err != nil || len(roots) != 1 {
		t.Fatalf("org tree: %v %v", roots, err)
	}
	if _, err := r.VerifyAudit(ctx); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "copy.db")
	if err := r.Backup(ctx, out, nil); err != nil {
		t.Fatalf("backup from a read-only folder: %v", err)
	}
	r.Close()

	_, err = Open(path, Options{})
	var rf *ReadOnlyFileError
	if !errors.As(err, &rf) || !strings.Contains(err.Error(), "只读") {
		t.Fatalf("writer: err = %v", err)
	}
	g, err := Open(path, Options{FallbackReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if !g.ReadOnly() || g.ReadOnlyReason() == "" {
		t.Errorf("fallback: read-only %v, reason %q", g.ReadOnly(), g.ReadOnlyReason())
	}
	if err := g.SetSetting(ctx, "x", "y"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("write: %v", err)
	}
}

func encodeTestPNG(w io.Writer, wd, ht int) error {
	img := image.NewRGBA(image.Rect(0, 0, wd, ht))
	for x := 0; x < wd; x++ {
		for y := 0; y < ht; y++ {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 3), 90, 255})
		}
	}
	return png.Encode(w, img)
}

// TestRestoreWhenDatabaseCannotOpen: damage in the schema page makes every
// command fail with "请从备份恢复" — restore included, unless it opens the
// store ForRestore.
func TestRestoreWhenDatabaseCannotOpen(t *testing.T) {
	s := seedAudit(t)
	good := filepath.Join(t.TempDir(), "good.db")
	if err := s.Backup(ctx, good, nil); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	f, _ := os.OpenFile(path, os.O_RDWR, 0)
	f.WriteAt(bytes.Repeat([]byte{0xa5}, 32), 100) // the schema page's b-tree header
	f.Close()
	if _, err := Open(path, Options{}); err == nil || !strings.Contains(err.Error(), "请从备份恢复") {
		t.Fatalf("open: %v", err)
	}
	s, err := Open(path, Options{ForRestore: true})
	if err != nil {
		t.Fatalf("open for restore: %v", err)
	}
	defer s.Close()
	res, err := s.Restore(ctx, good, nil)
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	if !res.Damaged || !fileExists(res.KeptOld) {
		t.Errorf("result %+v", res)
	}
	if roots, err := s.OrgTree(ctx); err != nil || len(roots) != 1 {
		t.Fatalf("after restore: %v %v", roots, err)
	}
	if s.Operator() != "李敏" {
		t.Errorf("operator %q", s.Operator())
	}
}

// TestBackupCopiedByHandOverTheDatabase: an office that restores by copying
// the backup file over the database gets the attachments too.
func TestBackupCopiedByHandOverTheDatabase(t *testing.T) {
	s := seedAudit(t)
	a := attach(t, s, "手工恢复的附件")
	bk := filepath.Join(t.TempDir(), "b.db")
	if err := s.Backup(ctx, bk, nil); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	os.RemoveAll(s.AttachmentDir())
	if err := copyFile(bk, path); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if b, err := os.ReadFile(s.AttachmentPath(a)); err != nil || string(b) != "手工恢复的附件" {
		t.Errorf("attachment: %q %v", b, err)
	}
	var n int
	s.read(func(db *sql.DB) error {
		return db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = ?", backupFilesTable).Scan(&n)
	})
	if n != 0 {
		t.Error("attachment table kept in the live database")
	}
	if err := s.Backup(ctx, filepath.Join(t.TempDir(), "again.db"), nil); err != nil {
		t.Fatal(err)
	}
}

// TestRestoreOverTamperedLiveDatabase: a RAISE(ABORT) trigger planted in
// the live database blocks every write; restoring a good backup must still
// work (the pre-restore copy keeps the evidence) and remove it.
func TestRestoreOverTamperedLiveDatabase(t *testing.T) {
	s := seedAudit(t)
	good := filepath.Join(t.TempDir(), "good.db")
	if err := s.Backup(ctx, good, nil); err != nil {
		t.Fatal(err)
	}
	tamper(t, s, `CREATE TRIGGER block BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, '篡改'); END`)
	if err := s.SetSetting(ctx, "x", "y"); err == nil {
		t.Fatal("the planted trigger did not block")
	}
	res, err := s.Restore(ctx, good, nil)
	if err != nil {
		t.Fatalf("restore over a tampered database: %v", err)
	}
	if err := s.SetSetting(ctx, "x", "y"); err != nil {
		t.Fatalf("after restore: %v", err)
	}
	if err := CheckBackupFile(ctx, res.KeptOld); err == nil || !strings.Contains(err.Error(), "触发器 block") {
		t.Errorf("the kept copy should show the trigger when checked: %v", err)
	}
}
