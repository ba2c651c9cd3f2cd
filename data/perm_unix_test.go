//go:build unix

package data

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestPermissionsAsOtherUser checks, with real file permissions, what
// TestReadOnlyFolderStillReads plays with a hook: a database in a read-only
// folder can be read and backed up elsewhere, a writer is told why not, and
// a lock file owned by another user gets a message that says what to do.
// Root ignores permissions, so as root the checks run in a child process
// as the user nobody.
func TestPermissionsAsOtherUser(t *testing.T) {
	if os.Getenv("DANGJIAN_PERM_DIR") != "" {
		t.Skip("run by the parent")
	}
	base, err := os.MkdirTemp("", "dangjian-perm-")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		filepath.Walk(base, func(p string, _ os.FileInfo, _ error) error { os.Chmod(p, 0o777); return nil })
		os.RemoveAll(base)
	}()
	os.Chmod(base, 0o755)
	mk := func(dir string, mode os.FileMode) string {
		d := filepath.Join(base, dir)
		os.MkdirAll(d, 0o755)
		os.Chmod(d, mode)
		return d
	}
	newDB := func(path string) {
		s, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelGeneral, FullName: "中共示范公交公司总支部委员会"}); err != nil {
			t.Fatal(err)
		}
		attach(t, s, "只读目录里的附件")
		s.Close()
		os.Remove(path + ".lock")
	}
	ro := mk("只读", 0o755)
	newDB(filepath.Join(ro, "d.db"))
	// Everything readable, nothing writable (the attachments are private
	// to their owner, who would be the reader in real life).
	filepath.Walk(ro, func(p string, fi os.FileInfo, _ error) error {
		if fi.IsDir() {
			return os.Chmod(p, 0o555)
		}
		return os.Chmod(p, 0o444)
	})
	mk("out", 0o777)
	shared := mk("shared", 0o777)
	for _, name := range []string{"locked.db", "readable.db"} {
		p := filepath.Join(shared, name)
		newDB(p)
		os.Chmod(p, 0o666)
	}
	// Lock files left by another user: one nobody may read, one not.
	os.WriteFile(filepath.Join(shared, "locked.db.lock"), []byte("党建工作台（进程号 1）"), 0o600)
	os.WriteFile(filepath.Join(shared, "readable.db.lock"), nil, 0o644)

	if os.Geteuid() != 0 {
		if err := os.Chown(filepath.Join(shared, "locked.db.lock"), 0, 0); err != nil {
			t.Skip("cannot make a file owned by another user")
		}
		permissionChecks(t, base)
		return
	}
	bin := filepath.Join(base, "data.test")
	if err := copyFile(os.Args[0], bin); err != nil {
		t.Fatal(err)
	}
	os.Chmod(bin, 0o755)
	cmd := exec.Command(bin, "-test.run=^TestPermissionsChild$", "-test.v")
	cmd.Env = append(os.Environ(), "DANGJIAN_PERM_DIR="+base)
	cmd.Dir = base
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestPermissionsChild") {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
}

func TestPermissionsChild(t *testing.T) {
	base := os.Getenv("DANGJIAN_PERM_DIR")
	if base == "" {
		t.Skip("helper process for TestPermissionsAsOtherUser")
	}
	permissionChecks(t, base)
}

func permissionChecks(t *testing.T, base string) {
	ro := filepath.Join(base, "只读", "d.db")
	r, err := Open(ro, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("reader in a read-only folder: %v", err)
	}
	if roots, err := r.OrgTree(ctx); err != nil || len(roots) != 1 {
		t.Errorf("org tree: %v %v", roots, err)
	}
	if _, err := r.VerifyAudit(ctx); err != nil {
		t.Errorf("audit verify: %v", err)
	}
	out := filepath.Join(base, "out", "备份.db")
	if err := r.Backup(ctx, out, nil); err != nil {
		t.Errorf("backup to another folder: %v", err)
	} else if err := CheckBackupFile(ctx, out); err != nil {
		t.Error(err)
	}
	r.Close()

	_, err = Open(ro, Options{})
	var rf *ReadOnlyFileError
	if !errors.As(err, &rf) {
		t.Errorf("writer in a read-only folder: %v", err)
	}
	g, err := Open(ro, Options{FallbackReadOnly: true})
	if err != nil {
		t.Fatalf("GUI open of a read-only folder: %v", err)
	}
	if !g.ReadOnly() || !strings.Contains(g.ReadOnlyReason(), "只读") {
		t.Errorf("GUI open: read-only %v, %q", g.ReadOnly(), g.ReadOnlyReason())
	}
	g.Close()

	_, err = Open(filepath.Join(base, "shared", "locked.db"), Options{})
	var lf *LockFileError
	if !errors.As(err, &lf) || !strings.Contains(err.Error(), "删除这个锁文件") {
		t.Errorf("lock file of another user: %v", err)
	}
	w, err := Open(filepath.Join(base, "shared", "readable.db"), Options{})
	if err != nil {
		t.Fatalf("readable lock file of another user: %v", err)
	}
	defer w.Close()
	if err := w.SetSetting(ctx, "x", "y"); err != nil {
		t.Error(err)
	}
	// It still keeps a second writer out.
	if _, err := Open(filepath.Join(base, "shared", "readable.db"), Options{}); !errors.As(err, new(*LockedError)) {
		t.Errorf("second writer: %v", err)
	}
}
