package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"modernc.org/sqlite"
)

// Progress receives a fraction in [0, 1] as long work goes on.
type Progress func(done float64)

func (p Progress) report(f float64) {
	if p != nil {
		p(f)
	}
}

// scaled maps a sub-task's progress onto [from, to] of p.
func (p Progress) scaled(from, to float64) Progress {
	return func(f float64) { p.report(from + (to-from)*f) }
}

// Test hooks: nil in the program. A test sets one to inject a failure at
// a point that is otherwise hard to reach (a full disk, a crash after the
// swap).
var (
	testHookBackupFiles func() error // while attachments are written into a backup
	testHookAfterSwap   func() error // after a restored database is in place
)

// BackupExistsError means a backup would replace a file that is already there.
type BackupExistsError struct{ Path string }

func (e *BackupExistsError) Error() string {
	return fmt.Sprintf("文件“%s”已存在，备份没有覆盖它。请换一个文件名，或确认要覆盖后再试", e.Path)
}

// removeSQLiteFiles removes p and the side files SQLite may leave beside it.
func removeSQLiteFiles(p string) {
	for _, suf := range []string{"", "-journal", "-wal", "-shm"} {
		os.Remove(p + suf)
	}
}

// backupTo copies the database behind db to dest with SQLite's online backup
// API: a consistent snapshot even while the program keeps working, copied a
// slice of pages at a time so progress can be shown. The attachments in
// filesDir are then added to the copy (table backup_attachments), so one
// file holds the whole record. The copy is written to a temporary file,
// validated exactly as a restore would, and only then put in place, so dest
// is either a good backup or absent — and nothing partial is left behind
// (no .part, no -journal) whatever fails, a full disk included. An existing
// dest is replaced only when overwrite is set.
//
// With a passphrase the checked copy is encrypted (age, scrypt) into dest,
// which should end in ".age"; the plain copy never leaves its .part name.
func backupTo(ctx context.Context, db *sql.DB, dest, filesDir string, overwrite bool, passphrase string, progress Progress) error {
	if !overwrite && fileExists(dest) {
		return &BackupExistsError{Path: dest}
	}
	if err := os.MkdirAll(filepath.Dir(dest), privateDir); err != nil {
		return fmt.Errorf("无法创建备份目录：%w", err)
	}
	tmp := dest + ".part"
	removeSQLiteFiles(tmp)
	if err := createPrivate(tmp); err != nil {
		return fmt.Errorf("备份失败：%w", err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return friendly(err)
	}
	err = conn.Raw(func(dc any) error {
		bk, ok := dc.(interface {
			NewBackup(string) (*sqlite.Backup, error)
		})
		if !ok {
			return fmt.Errorf("driver does not support online backup")
		}
		b, err := bk.NewBackup(tmp)
		if err != nil {
			return err
		}
		for {
			more, err := b.Step(256)
			if err != nil {
				b.Finish()
				return err
			}
			if total := b.PageCount(); total > 0 {
				progress.report(0.6 * float64(total-b.Remaining()) / float64(total))
			}
			if !more {
				break
			}
			if ctx.Err() != nil {
				b.Finish()
				return ctx.Err()
			}
		}
		return b.Finish()
	})
	conn.Close()
	if err != nil {
		removeSQLiteFiles(tmp)
		return fmt.Errorf("备份失败：%w", friendly(err))
	}
	if err := addBackupFiles(ctx, tmp, filesDir, progress.scaled(0.6, 0.85)); err != nil {
		removeSQLiteFiles(tmp)
		return fmt.Errorf("备份附件失败，未留下不完整的备份文件：%w", friendly(err))
	}
	if _, err := validateFile(ctx, tmp, false); err != nil {
		removeSQLiteFiles(tmp)
		return fmt.Errorf("备份文件校验失败：%w", err)
	}
	if err := syncFile(tmp); err != nil {
		removeSQLiteFiles(tmp)
		return err
	}
	if passphrase != "" {
		enc := dest + ".enc.part"
		err := encryptFile(tmp, enc, passphrase)
		removeSQLiteFiles(tmp)
		if err != nil {
			return fmt.Errorf("备份加密失败：%w", err)
		}
		tmp = enc
	}
	if err := placeFile(tmp, dest, overwrite); err != nil {
		removeSQLiteFiles(tmp)
		return err
	}
	progress.report(1)
	return nil
}

// placeFile renames tmp to dest. Without overwrite it links instead, which
// fails atomically when dest appeared meanwhile; where links are not
// supported (FAT USB drives) it checks and renames.
func placeFile(tmp, dest string, overwrite bool) error {
	if !overwrite {
		if err := os.Link(tmp, dest); err == nil {
			os.Remove(tmp)
			return nil
		}
		if fileExists(dest) {
			return &BackupExistsError{Path: dest}
		}
	}
	if err := os.Rename(tmp, dest); err != nil {
		return fmt.Errorf("备份文件无法保存到 %s：%w", dest, err)
	}
	return nil
}

// addBackupFiles writes the attachments in dir into the backup copy at
// path, in one transaction, and leaves the copy in rollback-journal mode so
// that it is a single self-contained file.
func addBackupFiles(ctx context.Context, path, dir string, progress Progress) error {
	db, err := sql.Open("sqlite", fileURI(path, "_pragma=busy_timeout(5000)&_pragma=journal_mode(DELETE)"))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		return err
	}
	var names []string
	if dir != "" {
		entries, err := os.ReadDir(dir)
		if err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("无法读取附件目录 %s：%w", dir, err)
		}
		for _, e := range entries {
			if e.Type().IsRegular() && validAttachmentName(e.Name()) {
				names = append(names, e.Name())
			}
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DROP TABLE IF EXISTS "+backupFilesTable); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, backupFilesSQL); err != nil {
		return err
	}
	for i, name := range names {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return fmt.Errorf("无法读取附件 %s：%w", name, err)
		}
		sum := sha256.Sum256(b)
		if _, err := tx.ExecContext(ctx, "INSERT INTO backup_attachments(name, sha256, size, data) VALUES (?,?,?,?)",
			name, hex.EncodeToString(sum[:]), len(b), b); err != nil {
			return err
		}
		if testHookBackupFiles != nil {
			if err := testHookBackupFiles(); err != nil {
				return err
			}
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		progress.report(float64(i+1) / float64(len(names)))
	}
	return tx.Commit()
}

// adoptBackupFiles handles a backup file copied by hand over the database
// (a restore done without the program): the attachments it carries are
// put into 附件 where missing, and its attachment table is dropped.
func (s *Store) adoptBackupFiles(ctx context.Context) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var n int
	if err := s.w.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
		backupFilesTable).Scan(&n); err != nil || n == 0 {
		return friendly(err)
	}
	dir := s.AttachmentDir()
	if err := os.MkdirAll(dir, privateDir); err != nil {
		return fmt.Errorf("无法创建附件目录：%w", err)
	}
	rows, err := s.w.QueryContext(ctx, "SELECT name, sha256, data FROM "+backupFilesTable)
	if err != nil {
		return friendly(err)
	}
	for rows.Next() {
		var name, sum string
		var b []byte
		if err := rows.Scan(&name, &sum, &b); err != nil {
			rows.Close()
			return friendly(err)
		}
		got := sha256.Sum256(b)
		dest := filepath.Join(dir, name)
		if !validAttachmentName(name) || hex.EncodeToString(got[:]) != sum || fileExists(dest) {
			continue
		}
		if err := writeSynced(dest+".part", string(b)); err != nil {
			os.Remove(dest + ".part")
			rows.Close()
			return fmt.Errorf("无法写出附件 %s：%w", name, err)
		}
		if err := os.Rename(dest+".part", dest); err != nil {
			rows.Close()
			return fmt.Errorf("无法写出附件 %s：%w", name, err)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return friendly(err)
	}
	_, err = s.w.ExecContext(ctx, "DROP TABLE "+backupFilesTable)
	return friendly(err)
}

// validAttachmentName accepts the plain file names the attachment store
// makes, and nothing that could climb out of the folder.
func validAttachmentName(name string) bool {
	return name != "" && len(name) <= 255 && !strings.HasPrefix(name, ".") &&
		!strings.ContainsAny(name, `/\:`) && filepath.Base(name) == name && filepath.IsLocal(name)
}

// extractBackupFiles writes the attachments held in the backup at path into
// a new folder dir, checking every name and checksum, and returns how many.
func extractBackupFiles(ctx context.Context, path, dir string) (int, error) {
	db, err := openSnapshot(path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	if err := os.MkdirAll(dir, privateDir); err != nil {
		return 0, fmt.Errorf("无法创建附件目录：%w", err)
	}
	rows, err := db.QueryContext(ctx, "SELECT name, sha256, size, data FROM backup_attachments ORDER BY name")
	if err != nil {
		return 0, friendly(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var name, sum string
		var size int64
		var b []byte
		if err := rows.Scan(&name, &sum, &size, &b); err != nil {
			return n, friendly(err)
		}
		got := sha256.Sum256(b)
		if !validAttachmentName(name) || int64(len(b)) != size || hex.EncodeToString(got[:]) != sum {
			return n, fmt.Errorf("备份中的附件“%s”名称不合规或内容与校验值不符，已拒绝恢复", name)
		}
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, privateFile)
		if err != nil {
			return n, fmt.Errorf("无法写出附件 %s：%w", name, err)
		}
		_, err = f.Write(b)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return n, fmt.Errorf("无法写出附件 %s：%w", name, err)
		}
		n++
	}
	return n, friendly(rows.Err())
}

// dropBackupFiles removes the attachment table from a staged restore copy,
// so the live database never carries it, and compacts the file.
func dropBackupFiles(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", fileURI(path, "_pragma=busy_timeout(5000)"))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, "DROP TABLE IF EXISTS "+backupFilesTable); err != nil {
		return friendly(err)
	}
	if _, err := db.ExecContext(ctx, "VACUUM"); err != nil {
		return friendly(err)
	}
	return nil
}

func syncFile(p string) error {
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// CheckBackupFile tells whether path could be restored: a sound file of
// ours, from this or an older version, whose schema is exactly what this
// program's migrations make.
func CheckBackupFile(ctx context.Context, path string) error {
	_, err := validateBackup(ctx, path)
	return err
}

// Backup writes a checked, consistent copy of the open database, with its
// attachments, to dest. An existing file at dest is refused.
func (s *Store) Backup(ctx context.Context, dest string, progress Progress) error {
	if err := s.backup(ctx, dest, false, "", progress); err != nil {
		return err
	}
	s.anchorBackup(ctx, dest, "")
	return nil
}

// BackupOptions: Overwrite an existing file; Passphrase, when not "",
// encrypts the backup (age, scrypt) into dest + ".age".
type BackupOptions struct {
	Overwrite  bool
	Passphrase string
}

// BackupWith is Backup with options; it returns the file written (with
// ".age" added when encrypted).
func (s *Store) BackupWith(ctx context.Context, dest string, o BackupOptions, progress Progress) (string, error) {
	if o.Passphrase != "" {
		dest = EncryptedName(dest)
	}
	if err := s.backup(ctx, dest, o.Overwrite, o.Passphrase, progress); err != nil {
		return dest, err
	}
	s.anchorBackup(ctx, dest, o.Passphrase)
	return dest, nil
}

// anchorBackup remembers the chain head the new backup carries, so that
// audit verify checks the live log still holds it. Best effort: the backup
// is made and carries its head whether or not this copy can note it. An
// encrypted backup cannot be read back without its passphrase: the live
// head, taken just after it was written, anchors the log instead.
func (s *Store) anchorBackup(ctx context.Context, dest, passphrase string) {
	h, err := BackupAuditHead(ctx, dest)
	if passphrase != "" {
		h, err = s.AuditHead(ctx)
	}
	if err == nil {
		s.RecordAnchor(ctx, h, "备份“"+filepath.Base(dest)+"”")
	}
}

// BackupReplacing is Backup for a destination the user has confirmed may be
// overwritten (the save dialog asked, or `backup --force`).
func (s *Store) BackupReplacing(ctx context.Context, dest string, progress Progress) error {
	if err := s.backup(ctx, dest, true, "", progress); err != nil {
		return err
	}
	s.anchorBackup(ctx, dest, "")
	return nil
}

func (s *Store) backup(ctx context.Context, dest string, overwrite bool, passphrase string, progress Progress) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	db := s.w
	if db == nil {
		db = s.r
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if abs == s.path || sameFile(abs, s.path) {
		return fmt.Errorf("备份文件不能覆盖正在使用的数据库")
	}
	return backupTo(ctx, db, abs, s.AttachmentDir(), overwrite, passphrase, progress)
}

func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

// uniqueName is dir/base+ext, or dir/base-2+ext, -3… when taken, so two
// backups made within the same second never overwrite each other.
func uniqueName(dir, base, ext string) string {
	p := filepath.Join(dir, base+ext)
	for i := 2; fileExists(p) || fileExists(p+".part"); i++ {
		p = filepath.Join(dir, fmt.Sprintf("%s-%d%s", base, i, ext))
	}
	return p
}

// RestoreResult says what a restore did with the database it replaced.
type RestoreResult struct {
	// KeptOld is the replaced database: a checked backup made just before
	// (with its attachments), or, when it was damaged, the file itself,
	// moved aside untouched.
	KeptOld string
	// Damaged: the replaced database failed its integrity check; Problem
	// says what the check found.
	Damaged bool
	Problem string
	// KeptFiles is where the replaced attachments were kept when they are
	// not inside KeptOld (damaged database).
	KeptFiles string
	// Files is how many attachments came back; OldFormat means the backup
	// predates attachments in backups, so the current ones were left as is.
	Files     int
	OldFormat bool
}

// Summary tells the user, in one message, what happened.
func (r RestoreResult) Summary(src string) string {
	var b strings.Builder
	if r.Damaged {
		fmt.Fprintf(&b, "当前数据库已损坏（%s），已原样保留为 %s（未删除，可交技术人员检查）", r.Problem, r.KeptOld)
		if r.KeptFiles != "" {
			fmt.Fprintf(&b, "，原附件保留在 %s", r.KeptFiles)
		}
		b.WriteString("。")
	}
	fmt.Fprintf(&b, "已从 %s 恢复", src)
	if r.OldFormat {
		b.WriteString("（旧格式备份，不含附件，现有附件保持不变）")
	} else {
		fmt.Fprintf(&b, "，含附件 %d 个", r.Files)
	}
	b.WriteString("。")
	if !r.Damaged {
		fmt.Fprintf(&b, "恢复前的数据库和附件已保存为 %s", r.KeptOld)
	}
	return b.String()
}

// attachStaging is the folder, beside the database, where a restore
// unpacks the backup's attachments before they replace 附件.
const attachStaging = "附件.恢复中"

// stagingComplete marks a staging folder whose attachments are all written.
const stagingComplete = ".complete"

// Restore replaces the open database and its attachments with the backup at
// src. The backup is validated completely first (see validateBackup); the
// current database is saved as a pre-restore backup — or, when it fails
// its integrity check, kept aside as it is and the restore goes ahead, since
// that is when a restore is needed most. The new file is renamed over the
// database, so at every instant the database path holds either the old or
// the new database, never half of one; if anything fails after the swap,
// the previous database and attachments are put back.
func (s *Store) Restore(ctx context.Context, src string, progress Progress) (RestoreResult, error) {
	return s.RestoreWith(ctx, src, "", progress)
}

// RestoreWith is Restore for a backup that may be encrypted: an age file
// is opened with passphrase first (ErrPassphraseNeeded without one,
// ErrWrongPassphrase for a wrong one — nothing is changed either way).
func (s *Store) RestoreWith(ctx context.Context, src, passphrase string, progress Progress) (RestoreResult, error) {
	if s.opt.ReadOnly {
		return RestoreResult{}, ErrReadOnly
	}
	if err := s.checkSignedIn(); err != nil {
		return RestoreResult{}, err
	}
	srcAbs, err := filepath.Abs(src)
	if err != nil {
		return RestoreResult{}, err
	}
	if !IsEncrypted(srcAbs) {
		return s.restore(ctx, srcAbs, progress)
	}
	if passphrase == "" {
		return RestoreResult{}, ErrPassphraseNeeded
	}
	plain := s.path + ".restore-src"
	removeSQLiteFiles(plain)
	defer removeSQLiteFiles(plain)
	if err := decryptFile(srcAbs, plain, passphrase); err != nil {
		return RestoreResult{}, err
	}
	return s.restore(ctx, plain, progress)
}

func (s *Store) restore(ctx context.Context, srcAbs string, progress Progress) (RestoreResult, error) {
	var res RestoreResult
	if srcAbs == s.path || sameFile(srcAbs, s.path) {
		return res, fmt.Errorf("不能用正在使用的数据库恢复自己")
	}
	if _, err := validateBackup(ctx, srcAbs); err != nil {
		return res, err
	}
	progress.report(0.1)
	if err := os.MkdirAll(s.opt.BackupDir, privateDir); err != nil {
		return res, fmt.Errorf("无法创建备份目录：%w", err)
	}
	stamp := s.now().Format("20060102-150405")
	if s.damaged != nil {
		res.Damaged, res.Problem = true, shortProblem(s.damaged)
	} else if cerr := s.IntegrityCheck(); cerr != nil {
		if !isDamaged(cerr) {
			return res, fmt.Errorf("恢复前无法检查当前数据库，未做任何修改：%w", cerr)
		}
		res.Damaged, res.Problem = true, shortProblem(cerr)
	} else {
		pass, _ := s.autoBackupPassphrase(ctx)
		ext := ".db"
		if pass != "" {
			ext = ".db" + EncryptedExt
		}
		res.KeptOld = uniqueName(s.opt.BackupDir, "恢复前备份-"+stamp, ext)
		if err := s.backup(ctx, res.KeptOld, false, pass, progress.scaled(0.1, 0.5)); err != nil {
			if !isDamaged(err) {
				return RestoreResult{}, fmt.Errorf("恢复前无法备份当前数据库，未做任何修改：%w", err)
			}
			res.KeptOld, res.Damaged, res.Problem = "", true, shortProblem(err)
		}
	}

	// Stage the candidate beside the database and validate the very bytes
	// that will go live.
	staged := s.path + ".restore"
	removeSQLiteFiles(staged)
	defer removeSQLiteFiles(staged)
	if err := copyFile(srcAbs, staged); err != nil {
		return RestoreResult{}, fmt.Errorf("无法复制备份文件，未做任何修改：%w", friendly(err))
	}
	info, err := validateBackup(ctx, staged)
	if err != nil {
		return RestoreResult{}, err
	}
	filesDir := ""
	if info.hasFiles {
		filesDir = filepath.Join(filepath.Dir(s.path), attachStaging)
		os.RemoveAll(filesDir)
		defer os.RemoveAll(filesDir)
		if res.Files, err = extractBackupFiles(ctx, staged, filesDir); err != nil {
			return RestoreResult{}, fmt.Errorf("无法取出备份中的附件，未做任何修改：%w", err)
		}
		if err := os.WriteFile(filepath.Join(filesDir, stagingComplete), nil, privateFile); err != nil {
			return RestoreResult{}, fmt.Errorf("无法取出备份中的附件，未做任何修改：%w", err)
		}
		if err := dropBackupFiles(ctx, staged); err != nil {
			return RestoreResult{}, fmt.Errorf("无法准备恢复用的数据库，未做任何修改：%w", err)
		}
	} else {
		res.OldFormat = true
	}
	progress.report(0.7)

	sw, err := s.swapIn(staged, filesDir, stamp)
	if err != nil {
		return RestoreResult{}, err
	}
	progress.report(0.85)
	err = s.migrate(ctx)
	if err == nil {
		err = s.loadOperator()
	}
	if err == nil && testHookAfterSwap != nil {
		err = testHookAfterSwap()
	}
	if err != nil {
		if berr := s.swapBack(sw); berr != nil {
			return RestoreResult{}, fmt.Errorf("恢复失败（%v），换回原数据库时也出错（%v）。原数据库文件保存在 %s，请勿删除", err, berr, sw.asideDB)
		}
		return RestoreResult{}, fmt.Errorf("恢复失败，已换回恢复前的数据库和附件，数据没有变化：%w", err)
	}
	s.finishSwap(sw, &res, stamp)
	s.damaged = nil
	progress.report(1)
	return res, nil
}

func shortProblem(err error) string {
	m := err.Error()
	var ie *integrityError
	var se *sqlite.Error
	if errors.As(err, &ie) {
		m = ie.Error()
	} else if errors.As(err, &se) {
		m = "文件无法正常读取：" + se.Error()
	}
	if r := []rune(m); len(r) > 160 {
		m = string(r[:160]) + "…"
	}
	return m
}

// swapState records what swapIn moved, so that it can be undone.
type swapState struct {
	asideDB    string // the replaced database file (a hard link or copy)
	asideWAL   bool   // its -wal moved beside it
	swapped    bool   // the new database is at the path
	asideFiles string // the replaced 附件 folder, "" if there was none
	filesIn    bool   // the restored attachments are in 附件
}

// swapIn puts staged in place of the database (and filesDir, when set, in
// place of the attachments folder) with the pools closed.
func (s *Store) swapIn(staged, filesDir, stamp string) (*swapState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closePools()
	sw := &swapState{asideDB: uniquePath(s.path + ".恢复前原文件-" + stamp)}
	dir := s.AttachmentDir()
	plannedFiles := ""
	if filesDir != "" {
		plannedFiles = uniquePath(dir + ".恢复前-" + stamp)
	}
	fail := func(msg string, err error) (*swapState, error) {
		s.undoSwap(sw)
		if oerr := s.openPools(); oerr != nil {
			return nil, fmt.Errorf("%s：%w；且无法重新打开数据库：%v", msg, err, oerr)
		}
		return nil, fmt.Errorf("%s：%w", msg, err)
	}
	if err := linkOrCopy(s.path, sw.asideDB); err != nil {
		os.Remove(sw.asideDB)
		return fail("无法保留当前数据库文件，未做任何修改", err)
	}
	// Closing the last connection normally checkpoints and removes the
	// WAL; if it could not (a damaged file), the WAL belongs to the old
	// database and moves with it.
	if fileExists(s.path + "-wal") {
		if err := os.Rename(s.path+"-wal", sw.asideDB+"-wal"); err != nil {
			return fail("无法保留当前数据库的日志文件，未做任何修改", err)
		}
		sw.asideWAL = true
	}
	os.Remove(s.path + "-shm")
	// A restore killed from here on is finished or undone at the next start
	// from this note (see cleanLeftovers).
	if err := writeSynced(restoreState(s.path), sw.asideDB+"\n"+filesDir+"\n"+plannedFiles); err != nil {
		return fail("无法开始恢复，数据库保持原样", err)
	}
	if err := os.Rename(staged, s.path); err != nil {
		return fail("无法替换数据库文件，数据库保持原样", err)
	}
	sw.swapped = true
	if filesDir != "" {
		if fileExists(dir) {
			sw.asideFiles = plannedFiles
			if err := os.Rename(dir, sw.asideFiles); err != nil {
				sw.asideFiles = ""
				return fail("无法替换附件目录（可能有附件正被其他程序打开），数据库保持原样", err)
			}
		}
		if err := os.Rename(filesDir, dir); err != nil {
			return fail("无法放入恢复的附件，数据库保持原样", err)
		}
		sw.filesIn = true
		os.Remove(filepath.Join(dir, stagingComplete))
	}
	if err := s.openPools(); err != nil {
		s.closePools()
		return fail("恢复后无法打开数据库，已换回原数据库", err)
	}
	return sw, nil
}

// undoSwap puts back what swapIn moved; the pools must be closed.
func (s *Store) undoSwap(sw *swapState) error {
	var first error
	keep := func(err error) {
		if err != nil && first == nil {
			first = err
		}
	}
	dir := s.AttachmentDir()
	if sw.filesIn {
		keep(os.RemoveAll(dir)) // the restored copies; the backup still holds them
		sw.filesIn = false
	}
	if sw.asideFiles != "" {
		keep(os.Rename(sw.asideFiles, dir))
		sw.asideFiles = ""
	}
	if sw.swapped {
		os.Remove(s.path + "-wal")
		os.Remove(s.path + "-shm")
		keep(os.Rename(sw.asideDB, s.path))
		sw.swapped = false
	} else {
		os.Remove(sw.asideDB)
	}
	if sw.asideWAL {
		keep(os.Rename(sw.asideDB+"-wal", s.path+"-wal"))
		sw.asideWAL = false
	}
	if first == nil {
		os.Remove(restoreState(s.path))
	}
	return first
}

func restoreState(dbPath string) string { return dbPath + ".restore-state" }

func writeSynced(p, text string) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// swapBack undoes a swap after the new database was found unusable.
func (s *Store) swapBack(sw *swapState) error {
	s.mu.Lock()
	s.closePools()
	err := s.undoSwap(sw)
	oerr := s.openPools()
	s.mu.Unlock()
	if err != nil {
		return err
	}
	if oerr != nil {
		return oerr
	}
	return s.loadOperator()
}

// finishSwap disposes of what a successful swap set aside: a sound old
// database is already in its pre-restore backup, so its aside copy goes; a
// damaged one is kept, as it is, in the backup folder.
func (s *Store) finishSwap(sw *swapState, res *RestoreResult, stamp string) {
	os.Remove(restoreState(s.path))
	if !res.Damaged {
		os.Remove(sw.asideDB)
		os.Remove(sw.asideDB + "-wal")
		if sw.asideFiles != "" {
			os.RemoveAll(sw.asideFiles)
		}
		return
	}
	res.KeptOld = sw.asideDB
	dest := uniqueName(s.opt.BackupDir, "损坏的数据库-"+stamp, ".db")
	if err := os.Rename(sw.asideDB, dest); err == nil {
		res.KeptOld = dest
		if sw.asideWAL {
			os.Rename(sw.asideDB+"-wal", dest+"-wal")
		}
	}
	if sw.asideFiles != "" && os.Remove(sw.asideFiles) != nil { // removes it only when empty
		res.KeptFiles = sw.asideFiles
	}
}

func uniquePath(p string) string {
	q := p
	for i := 2; fileExists(q); i++ {
		q = fmt.Sprintf("%s-%d", p, i)
	}
	return q
}

func linkOrCopy(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	return copyFile(src, dst)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_RDWR|os.O_CREATE|os.O_TRUNC, privateFile)
	if err != nil {
		return err
	}
	if _, err := out.ReadFrom(in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// finishKilledRestore completes a restore killed during its swap. The
// staged copy is renamed onto the database path in one step: while it still
// exists, the swap did not happen and the old attachments stay; once it is
// gone, the restored database is live and its attachments (unpacked and
// marked complete before the swap) are put in place. What was set aside is
// kept.
func (s *Store) finishKilledRestore() {
	b, err := os.ReadFile(restoreState(s.path))
	if err != nil {
		return
	}
	lines := strings.Split(string(b), "\n")
	for len(lines) < 3 {
		lines = append(lines, "")
	}
	aside, staging, planned := lines[0], lines[1], lines[2]
	swapped := !fileExists(s.path+".restore") && fileExists(aside)
	if swapped && staging != "" && fileExists(filepath.Join(staging, stagingComplete)) {
		dir := s.AttachmentDir()
		moved := !fileExists(dir)
		if !moved && planned != "" {
			moved = os.Rename(dir, uniquePath(planned)) == nil
		}
		if moved && os.Rename(staging, dir) == nil {
			os.Remove(filepath.Join(dir, stagingComplete))
		}
	}
	if !swapped && aside != "" && sameFile(aside, s.path) {
		os.Remove(aside)
	}
	os.Remove(restoreState(s.path))
}

// cleanLeftovers removes what a killed backup or restore left behind: the
// temporary *.part files (and their SQLite side files) in the backup
// folder, the staged restore copy, and a hard link to the live database
// made for a swap that never happened. A killed restore that had already
// swapped the database but not yet the attachments folder is completed.
// Called by the writer at start, under the writer lock.
func (s *Store) cleanLeftovers() {
	if entries, err := os.ReadDir(s.opt.BackupDir); err == nil {
		for _, e := range entries {
			n := e.Name()
			if e.Type().IsRegular() && (strings.HasSuffix(n, ".part") || strings.HasSuffix(n, ".part-journal") ||
				strings.HasSuffix(n, ".part-wal") || strings.HasSuffix(n, ".part-shm")) {
				os.Remove(filepath.Join(s.opt.BackupDir, n))
			}
		}
	}
	s.finishKilledRestore()
	removeSQLiteFiles(s.path + ".restore")
	removeSQLiteFiles(s.path + ".restore-src")
	dir := filepath.Dir(s.path)
	if asides, _ := filepath.Glob(filepath.Join(dir, filepath.Base(s.path)+".恢复前原文件-*")); len(asides) > 0 {
		for _, a := range asides {
			if sameFile(a, s.path) {
				os.Remove(a)
			}
		}
	}
	os.RemoveAll(filepath.Join(dir, attachStaging))
}

const autoPrefix = "自动备份-"

// ErrNoBackupPassphrase: a password is set, so automatic backups are
// encrypted, but no 备份口令 has been set yet; no backup was made.
var ErrNoBackupPassphrase = errors.New("已设置登录密码，自动备份须加密：请在“系统设置 → 操作员与密码”中设置备份口令，在此之前不进行自动备份")

// AutoBackup makes the day's automatic backup unless one exists already, and
// prunes older automatic backups beyond the configured number. It returns the
// path written, or "" when today's backup was already there.
func (s *Store) AutoBackup(ctx context.Context) (string, error) {
	if s.opt.ReadOnly {
		return "", nil // a database that cannot change needs no daily copy
	}
	day := s.now().Format("20060102")
	dest := filepath.Join(s.opt.BackupDir, autoPrefix+day+".db")
	if fileExists(dest) || fileExists(dest+EncryptedExt) {
		return "", nil
	}
	pass, ok := s.autoBackupPassphrase(ctx)
	if !ok {
		return "", ErrNoBackupPassphrase
	}
	if pass != "" {
		dest += EncryptedExt
	}
	if err := s.backup(ctx, dest, false, pass, nil); err != nil {
		return "", err
	}
	return dest, s.pruneAutoBackups(s.BackupKeep(ctx))
}

func (s *Store) pruneAutoBackups(keep int) error {
	list, err := s.Backups()
	if err != nil {
		return err
	}
	n := 0
	for _, b := range list {
		if !b.Auto {
			continue
		}
		n++
		if n > keep {
			if err := os.Remove(b.Path); err != nil {
				return err
			}
		}
	}
	return nil
}

// BackupFile is one file in the backup folder.
type BackupFile struct {
	Path    string
	Name    string
	Size    int64
	ModTime time.Time
	Auto    bool
}

// Backups lists the backup folder, newest first.
func (s *Store) Backups() ([]BackupFile, error) {
	entries, err := os.ReadDir(s.opt.BackupDir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []BackupFile
	for _, e := range entries {
		if e.IsDir() || !(strings.HasSuffix(e.Name(), ".db") || strings.HasSuffix(e.Name(), ".db"+EncryptedExt)) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, BackupFile{
			Path: filepath.Join(s.opt.BackupDir, e.Name()), Name: e.Name(),
			Size: info.Size(), ModTime: info.ModTime(), Auto: strings.HasPrefix(e.Name(), autoPrefix),
		})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Auto && out[j].Auto {
			return out[i].Name > out[j].Name // the date is in the name
		}
		return out[i].ModTime.After(out[j].ModTime)
	})
	return out, nil
}
