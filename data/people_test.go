package data

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func init() {
	// Cheap parameters keep the suite fast; VerifyPassword reads the
	// parameters from each hash, so the code paths are the same.
	argonParams.time, argonParams.memory, argonParams.threads = 1, 64, 1
	scryptWorkFactor = 10
}

func TestPasswordHashVerify(t *testing.T) {
	h, err := HashPassword("正确的密码123")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q lacks its parameters", h)
	}
	h2, _ := HashPassword("正确的密码123")
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	for _, tc := range []struct {
		hash, pw string
		want     bool
	}{
		{h, "正确的密码123", true},
		{h, "正确的密码124", false},
		{h, "", false},
		{h2, "正确的密码123", true},
		{"$argon2id$v=19$m=64,t=1,p=1$bad$bad", "x", false},
		{"plain", "plain", false},
		{"", "", false},
	} {
		if got := VerifyPassword(tc.hash, tc.pw); got != tc.want {
			t.Errorf("VerifyPassword(%q, %q) = %v", tc.hash, tc.pw, got)
		}
	}
}

// signIn opens a store whose operators 王芳 (password) and 李强 (none)
// exist, and reopens it, so the password is asked as at a real start.
func passwordStore(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.db")
	s, err := Open(path, Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddOperator(ctx, "王芳", "wangfang-pw"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddOperator(ctx, "李强", ""); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path, Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func TestOperatorsAndSignIn(t *testing.T) {
	s, _ := passwordStore(t)
	if !s.PasswordRequired() || s.SignedIn() {
		t.Fatalf("reopened: required=%v signedIn=%v", s.PasswordRequired(), s.SignedIn())
	}
	// No write before a sign-in.
	if _, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelGeneral, FullName: "中共某某总支部委员会"}); !errors.Is(err, ErrNotSignedIn) {
		t.Fatalf("write before sign-in: %v", err)
	}
	for _, tc := range []struct{ name, pw string }{
		{"王芳", "wrong-password"}, {"王芳", ""}, {"无此人", "wangfang-pw"}, {"李强", "x"},
	} {
		if err := s.SignIn(ctx, tc.name, tc.pw); !errors.Is(err, ErrWrongPassword) {
			t.Errorf("SignIn(%s, %s) = %v", tc.name, tc.pw, err)
		}
	}
	if s.SignedIn() {
		t.Fatal("signed in after wrong passwords")
	}
	if err := s.SignIn(ctx, "王芳", "wangfang-pw"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelGeneral, FullName: "中共某某总支部委员会"}); err != nil {
		t.Fatal(err)
	}
	// The audit row names the signed-in operator, not the OS account.
	es, err := s.AuditEntries(ctx, AuditFilter{Entity: EntityOrgUnit})
	if err != nil || len(es) == 0 {
		t.Fatalf("audit: %v %v", es, err)
	}
	if es[len(es)-1].Operator != "王芳" && es[0].Operator != "王芳" {
		t.Errorf("audit operator = %q, want 王芳", es[0].Operator)
	}
	// Locked: writes refused again until someone signs in; 李强 has no password.
	s.Lock()
	if err := s.SetSetting(ctx, SettingBackupKeep, "3"); !errors.Is(err, ErrNotSignedIn) {
		t.Fatalf("write while locked: %v", err)
	}
	if err := s.SignIn(ctx, "李强", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, SettingBackupKeep, "3"); err != nil {
		t.Fatal(err)
	}
	// An operator without a password works but cannot change the guarded
	// settings (here: 王芳's password).
	ops, _ := s.Operators(ctx)
	if err := s.SetOperatorPassword(ctx, ops[0].ID, ""); !errors.Is(err, ErrForbidden) {
		t.Errorf("password-less operator cleared a password: %v", err)
	}
	if err := s.ConfirmPassword(ctx, ""); !errors.Is(err, ErrNoOwnPassword) {
		t.Errorf("password-less confirmation: %v", err)
	}
	es, _ = s.AuditEntries(ctx, AuditFilter{Entity: EntitySetting})
	found := false
	for _, e := range es {
		found = found || (e.RecordID == SettingBackupKeep && e.Operator == "李强")
	}
	if !found {
		t.Error("the 李强 change is not in the log under his name")
	}
}

func TestGuardedChangesNeedPassword(t *testing.T) {
	s, _ := passwordStore(t)
	if err := s.SignIn(ctx, "王芳", "wangfang-pw"); err != nil {
		t.Fatal(err)
	}
	// The sign-in counts as a confirmation for a few minutes.
	ops, _ := s.Operators(ctx)
	if len(ops) != 2 || !ops[0].HasPassword || ops[1].HasPassword {
		t.Fatalf("operators: %+v", ops)
	}
	if err := s.RenameOperator(ctx, ops[1].ID, "李强强"); err != nil {
		t.Fatal(err)
	}
	// Later, without a confirmation, every guarded change is refused.
	later := fixedNow.Add(10 * time.Minute)
	s.opt.Now = func() time.Time { return later }
	guarded := map[string]func() error{
		"add":        func() error { _, err := s.AddOperator(ctx, "赵六", ""); return err },
		"rename":     func() error { return s.RenameOperator(ctx, ops[1].ID, "李四") },
		"password":   func() error { return s.SetOperatorPassword(ctx, ops[0].ID, "another-pw") },
		"deactivate": func() error { return s.DeactivateOperator(ctx, ops[1].ID) },
		"role":       func() error { return s.SetRole(ctx, RoleOffice, RoleOffice) },
		"passphrase": func() error { return s.SetBackupPassphrase(ctx, "backup-passphrase") },
	}
	for name, f := range guarded {
		if err := f(); !errors.Is(err, ErrForbidden) {
			t.Errorf("%s without confirmation: %v", name, err)
		}
	}
	if err := s.ConfirmPassword(ctx, "wrong-password"); !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("confirm with a wrong password: %v", err)
	}
	if err := s.ConfirmPassword(ctx, "wangfang-pw"); err != nil {
		t.Fatal(err)
	}
	for name, f := range guarded {
		if err := f(); err != nil {
			t.Errorf("%s after confirmation: %v", name, err)
		}
	}
	ops, _ = s.Operators(ctx)
	if ops[1].Name != "李四" || ops[1].Active {
		t.Errorf("李四 = %+v, want renamed and deactivated", ops[1])
	}
	// The generic setter cannot go around the guard.
	for _, key := range []string{SettingRole, SettingBackupPassphrase, "operators.1"} {
		if err := s.SetSetting(ctx, key, "x"); !errors.Is(err, ErrForbidden) {
			t.Errorf("SetSetting(%s): %v", key, err)
		}
	}
	if err := s.DeactivateOperator(ctx, ops[0].ID); err == nil {
		t.Error("the signed-in operator deactivated themselves")
	}
	// A deactivated operator cannot sign in; nothing was deleted.
	if err := s.SignIn(ctx, "李四", ""); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("deactivated sign-in: %v", err)
	}
	if len(ops) != 3 {
		t.Errorf("%d operators, want 3 (none deleted)", len(ops))
	}
	// Duplicate names and short passwords are refused at their field.
	if _, err := s.AddOperator(ctx, "王芳", ""); err == nil {
		t.Error("duplicate operator name accepted")
	}
	if err := s.SetOperatorPassword(ctx, ops[0].ID, "123"); err == nil {
		t.Error("a 3-character password accepted")
	}
}

func TestFirstOperatorBecomesCurrent(t *testing.T) {
	s := openTest(t)
	if _, err := s.AddOperator(ctx, "周敏", ""); err != nil {
		t.Fatal(err)
	}
	if s.Operator() != "周敏" || s.PasswordRequired() {
		t.Fatalf("operator %q, required %v", s.Operator(), s.PasswordRequired())
	}
	// Setting the first password keeps the one who set it signed in.
	ops, _ := s.Operators(ctx)
	if err := s.SetOperatorPassword(ctx, ops[0].ID, "zhoumin-pw"); err != nil {
		t.Fatal(err)
	}
	if !s.PasswordRequired() || !s.SignedIn() {
		t.Fatalf("after first password: required %v signedIn %v", s.PasswordRequired(), s.SignedIn())
	}
	if err := s.SetOperator(ctx, "别人"); err == nil {
		t.Error("SetOperator bypassed the sign-in")
	}
}

func TestEncryptedBackupRoundTripAndWrongPassphrase(t *testing.T) {
	s := seedAudit(t)
	dir := t.TempDir()
	got, err := s.BackupWith(ctx, filepath.Join(dir, "加密备份.db"), BackupOptions{Passphrase: "correct horse"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(got, ".db.age") || !IsEncrypted(got) {
		t.Fatalf("backup %s is not an age file", got)
	}
	raw, _ := os.ReadFile(got)
	if strings.Contains(string(raw), "第一车队党支部") || strings.Contains(string(raw), "SQLite format") {
		t.Fatal("the encrypted backup shows its content")
	}
	roots, _ := s.OrgTree(ctx)
	if _, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelBranch, ParentID: roots[0].Unit.ID, FullName: "第二车队党支部"}); err != nil {
		t.Fatal(err)
	}
	before, _ := s.AuditEntries(ctx, AuditFilter{})
	for _, pass := range []string{"", "wrong horse"} {
		_, err := s.RestoreWith(ctx, got, pass, nil)
		want := ErrWrongPassphrase
		if pass == "" {
			want = ErrPassphraseNeeded
		}
		if !errors.Is(err, want) {
			t.Fatalf("restore with %q: %v", pass, err)
		}
		if !strings.ContainsAny(err.Error(), "口令") {
			t.Errorf("message not in Chinese: %v", err)
		}
		after, _ := s.AuditEntries(ctx, AuditFilter{})
		roots, _ = s.OrgTree(ctx)
		if len(after) != len(before) || len(roots[0].Children) != 2 {
			t.Fatalf("a refused restore changed the database")
		}
	}
	if leftovers, _ := filepath.Glob(s.Path() + ".restore*"); len(leftovers) > 0 {
		t.Errorf("left behind: %v", leftovers)
	}
	res, err := s.RestoreWith(ctx, got, "correct horse", nil)
	if err != nil {
		t.Fatal(err)
	}
	roots, _ = s.OrgTree(ctx)
	if len(roots[0].Children) != 1 {
		t.Fatalf("after restore: %d branches, want 1", len(roots[0].Children))
	}
	if res.KeptOld == "" {
		t.Error("no pre-restore backup")
	}
	list, _ := s.Backups()
	if len(list) == 0 {
		t.Error("backup list is empty")
	}
}

func TestAutoBackupEncryptedWhenPasswordSet(t *testing.T) {
	s := openTest(t)
	if _, err := s.AddOperator(ctx, "周敏", "zhoumin-pw"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AutoBackup(ctx); !errors.Is(err, ErrNoBackupPassphrase) {
		t.Fatalf("auto backup without 备份口令: %v", err)
	}
	if err := s.SetBackupPassphrase(ctx, "short"); err == nil {
		t.Error("short 备份口令 accepted")
	}
	if err := s.SetBackupPassphrase(ctx, "daily backup key"); err != nil {
		t.Fatal(err)
	}
	p, err := s.AutoBackup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(p, ".db.age") || !IsEncrypted(p) {
		t.Fatalf("automatic backup %s not encrypted", p)
	}
	if p2, err := s.AutoBackup(ctx); err != nil || p2 != "" {
		t.Errorf("second automatic backup of the day: %q %v", p2, err)
	}
	// The 备份口令 never shows in the 操作日志.
	es, _ := s.AuditEntries(ctx, AuditFilter{Entity: EntitySetting})
	names, err := s.AuditNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if txt := names.Detail(e); strings.Contains(txt, "daily backup key") {
			t.Errorf("log shows the 备份口令: %s", txt)
		}
	}
}

func TestFilesOwnerOnly(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows: files under the user's profile are private by its ACL")
	}
	s := seedAudit(t)
	src := filepath.Join(t.TempDir(), "scan.txt")
	os.WriteFile(src, []byte("扫描件"), 0o644)
	a, err := s.AddAttachment(ctx, RoleOffice, EntityMember, 1, src)
	if err != nil {
		t.Fatal(err)
	}
	bk := filepath.Join(t.TempDir(), "b.db")
	if err := s.Backup(ctx, bk, nil); err != nil {
		t.Fatal(err)
	}
	enc, err := s.BackupWith(ctx, filepath.Join(t.TempDir(), "e.db"), BackupOptions{Passphrase: "passphrase"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	auto, err := s.AutoBackup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		want os.FileMode
	}{
		{s.Path(), 0o600}, {s.Path() + "-wal", 0o600}, {bk, 0o600}, {enc, 0o600}, {auto, 0o600},
		{s.AttachmentPath(a), 0o600}, {s.AttachmentDir(), 0o700}, {s.BackupDir(), 0o700},
	} {
		fi, err := os.Stat(tc.path)
		if err != nil {
			t.Errorf("%s: %v", tc.path, err)
			continue
		}
		if got := fi.Mode().Perm(); got != tc.want {
			t.Errorf("%s: mode %o, want %o", filepath.Base(tc.path), got, tc.want)
		}
	}
	// An older database created 0644 is narrowed when opened.
	old := filepath.Join(t.TempDir(), "old.db")
	o, err := Open(old, Options{})
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	os.Chmod(old, 0o644)
	o, err = Open(old, Options{})
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	if fi, _ := os.Stat(old); fi.Mode().Perm() != 0o600 {
		t.Errorf("reopened database mode %o", fi.Mode().Perm())
	}
}

func TestUpgradeBackupEncryptedWhenPasswordSet(t *testing.T) {
	path := filepath.Join(t.TempDir(), "u.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddOperator(ctx, "周敏", "zhoumin-pw"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetBackupPassphrase(ctx, "upgrade passphrase"); err != nil {
		t.Fatal(err)
	}
	dir := s.BackupDir()
	s.Close()
	withExtraMigration(t, "CREATE TABLE extra_test (id INTEGER PRIMARY KEY);")
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	got, _ := filepath.Glob(filepath.Join(dir, "升级前备份-*"))
	if len(got) != 1 || !strings.HasSuffix(got[0], ".db.age") || !IsEncrypted(got[0]) {
		t.Fatalf("upgrade backups: %v", got)
	}
}
