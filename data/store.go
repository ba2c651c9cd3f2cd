// Package data holds the domain types, the rules that govern them (pure
// functions) and the SQLite store. It knows nothing of the UI or of printing.
package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// AppID marks every database this program creates (PRAGMA application_id),
// so restore can refuse files that are not ours: "DJWB".
const AppID = 0x444A5742

// Options tune Open.
type Options struct {
	// ReadOnly opens without taking the writer lock, for commands that only
	// read (listing, audit verification, backup) and may run beside the GUI.
	ReadOnly bool
	// Program names the opener in the lock file ("党建工作台", "dangjian-cli").
	Program string
	// BackupDir is where automatic and pre-migration backups go; default
	// "backups" next to the database.
	BackupDir string
	// Now replaces the clock in tests.
	Now func() time.Time
	// FallbackReadOnly lets a writer (the GUI) open a database it may not
	// write — a read-only file or folder, a CD, a share without write
	// rights — read-only instead of failing; ReadOnlyReason then says why.
	FallbackReadOnly bool
	// ForRestore opens a database that is about to be replaced by a
	// restore: when it is too damaged to open, Open still succeeds (with
	// the writer lock) and the store can do nothing but Restore.
	ForRestore bool
}

// Store is the SQLite-backed store. Writes go through one connection in
// immediate transactions (one writer, never a mid-transaction lock upgrade);
// reads use a small pool of their own so a long report never holds up a save.
type Store struct {
	path string
	opt  Options
	lock *writerLock
	// snapshot: the file or its folder cannot be written, so it is read
	// as an immutable snapshot (SQLite could not create its -shm file).
	snapshot bool
	roReason string
	// damaged: opened with ForRestore, the file could not be opened or read.
	damaged error

	// mu guards the pools: Restore swaps the file under them and takes it
	// exclusively; everything else holds it shared while it works.
	mu sync.RWMutex
	w  *sql.DB
	r  *sql.DB

	opMu     sync.Mutex
	operator string
	named    bool // operator is a name entered by a person
	// pwRequired: an active operator has a password; signedIn: one signed
	// in (SignIn) at confirmedAt or confirmed the password then;
	// guardWrites: Open is done, so writes need the sign-in.
	pwRequired, signedIn, guardWrites bool
	confirmedAt                       time.Time
}

func dsn(path string, readOnly bool) string {
	q := []string{
		"_pragma=busy_timeout(5000)",
		"_pragma=journal_mode(WAL)",
		"_pragma=synchronous(FULL)",
		"_pragma=foreign_keys(1)",
	}
	if readOnly {
		// Readers map the file (up to 256 MB): full scans of the roster for
		// the statistics and the to-do list then read pages without a system
		// call each (a third of their time on 100,000 members). The live file
		// never shrinks (only a staged restore copy is vacuumed), which
		// Windows requires of a mapped file.
		q = append(q, "_pragma=query_only(1)", "_pragma=mmap_size(268435456)")
	} else {
		// The one writer connection keeps up to 32 MB of pages: a big
		// transaction (a 100,000-row import adds to eight indexes at
		// once) otherwise outgrows the default 2 MB cache, spills dirty
		// pages to the WAL mid-transaction and reads them back (a third
		// of the import's writing time). Pages are cached only as used.
		q = append(q, "_txlock=immediate", "_pragma=cache_size(-32768)")
	}
	// No "file:" prefix: the driver then passes the path through untouched,
	// so Windows paths and Chinese folder names need no URI escaping.
	return path + "?" + strings.Join(q, "&")
}

// Open opens (creating when needed) the database at path, takes the writer
// lock unless read-only, and brings the schema up to date.
func Open(path string, opt Options) (*Store, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Program == "" {
		opt.Program = "党建工作台"
	}
	abs, err := realPath(path)
	if err != nil {
		return nil, err
	}
	if strings.ContainsAny(abs, "?#") {
		return nil, fmt.Errorf("数据库路径不能包含“?”或“#”：%s", abs)
	}
	if opt.BackupDir == "" {
		opt.BackupDir = filepath.Join(filepath.Dir(abs), "backups")
	}
	s := &Store{path: abs, opt: opt}
	exists := fileExists(abs)
	if exists && (!canWrite(abs) || !canWrite(filepath.Dir(abs))) {
		what := "数据库文件"
		if canWrite(abs) {
			what = "数据库所在的文件夹"
		}
		if !opt.ReadOnly && !opt.FallbackReadOnly {
			return nil, &ReadOnlyFileError{Path: abs, What: what}
		}
		s.opt.ReadOnly, s.snapshot = true, true
		where := abs
		if what != "数据库文件" {
			where = filepath.Dir(abs)
		}
		s.roReason = what + "只读：" + where
		if fi, err := os.Stat(abs + "-wal"); err == nil && fi.Size() > 0 {
			// Read as a snapshot, the main file is read without its WAL.
			s.roReason += "；旁边的 -wal 日志无法合并，最近的修改可能看不到"
		}
	}
	if s.opt.ReadOnly {
		if !exists {
			return nil, fmt.Errorf("数据库文件不存在：%s", abs)
		}
	} else {
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			return nil, fmt.Errorf("无法创建数据目录 %s：%w", filepath.Dir(abs), err)
		}
		if s.lock, err = acquireWriterLock(abs, opt.Program); err != nil {
			return nil, err
		}
		s.cleanLeftovers()
		if exists {
			makePrivate(abs)
		} else if err := createPrivate(abs); err != nil {
			s.lock.release()
			return nil, fmt.Errorf("无法创建数据库文件 %s：%w", abs, err)
		}
	}
	// A damaged database opened only to be restored over: the store is
	// returned without pools, and Restore keeps the file aside as it is.
	damaged := func(err error) bool {
		if !opt.ForRestore || s.opt.ReadOnly || !isDamaged(err) {
			return false
		}
		s.closePools()
		s.damaged = err
		return true
	}
	if err := s.openPools(); err != nil {
		s.w, s.r = nil, nil
		if damaged(err) {
			return s, nil
		}
		s.lock.release()
		return nil, err
	}
	if err := s.migrate(context.Background()); err != nil {
		if damaged(err) {
			return s, nil
		}
		s.Close()
		return nil, err
	}
	if err := s.checkTables(context.Background()); err != nil {
		if damaged(err) {
			return s, nil
		}
		s.Close()
		return nil, err
	}
	if err := s.loadOperator(); err != nil {
		if damaged(err) {
			return s, nil
		}
		s.Close()
		return nil, err
	}
	if !s.opt.ReadOnly {
		if err := s.adoptBackupFiles(context.Background()); err != nil {
			if damaged(err) {
				return s, nil
			}
			s.Close()
			return nil, fmt.Errorf("数据库中带有备份的附件，但无法取出：%w", err)
		}
		if err := s.Write(context.Background(), func(tx *Tx) error {
			if err := tx.respellMemberKeys(); err != nil {
				return err
			}
			if err := tx.seedMeetings(); err != nil {
				return err
			}
			if err := tx.seedWorklist(); err != nil {
				return err
			}
			return tx.seedPointsRules()
		}); err != nil {
			if damaged(err) {
				return s, nil
			}
			s.Close()
			return nil, err
		}
	}
	s.opMu.Lock()
	s.guardWrites = true
	s.opMu.Unlock()
	return s, nil
}

// readDSN opens the file for reading as the read pool does.
func (s *Store) readDSN() string {
	if s.snapshot {
		return fileURI(s.path, "mode=ro&immutable=1&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=query_only(1)")
	}
	return dsn(s.path, true)
}

func (s *Store) openPools() error {
	var err error
	if !s.opt.ReadOnly {
		if s.w, err = sql.Open("sqlite", dsn(s.path, false)); err != nil {
			return err
		}
		s.w.SetMaxOpenConns(1)
		s.w.SetConnMaxIdleTime(0)
		// Touch the file now so a bad path fails here with a clear message.
		if err := s.w.Ping(); err != nil {
			s.w.Close()
			return friendly(fmt.Errorf("无法打开数据库 %s：%w", s.path, err))
		}
	}
	if s.r, err = sql.Open("sqlite", s.readDSN()); err != nil {
		return err
	}
	s.r.SetMaxOpenConns(4)
	if err := s.r.Ping(); err != nil {
		s.r.Close()
		if s.w != nil {
			s.w.Close()
		}
		return friendly(fmt.Errorf("无法打开数据库 %s：%w", s.path, err))
	}
	return nil
}

func (s *Store) closePools() {
	if s.r != nil {
		s.r.Close()
		s.r = nil
	}
	if s.w != nil {
		// A clean close checkpoints the WAL back into the main file.
		s.w.Close()
		s.w = nil
	}
}

// Close releases the database and the writer lock.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closePools()
	s.lock.release()
	return nil
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// BackupDir is where automatic backups go.
func (s *Store) BackupDir() string { return s.opt.BackupDir }

// ReadOnly reports whether writes are refused.
func (s *Store) ReadOnly() bool { return s.opt.ReadOnly }

// ReadOnlyReason is, for a store that was asked to write but found its file
// or folder read-only (Options.FallbackReadOnly), a line for a banner; ""
// otherwise.
func (s *Store) ReadOnlyReason() string {
	if s.opt.FallbackReadOnly {
		return s.roReason
	}
	return ""
}

// realPath is the absolute path of the database file with symbolic links
// resolved, so that every way of naming the file leads to the same lock.
// For a file not yet created, its folder is resolved.
func realPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r, nil
	}
	if fi, err := os.Lstat(abs); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		// A link to a file that does not exist yet: follow it by hand.
		if t, err := os.Readlink(abs); err == nil {
			if !filepath.IsAbs(t) {
				t = filepath.Join(filepath.Dir(abs), t)
			}
			return realPath(t)
		}
	}
	if d, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(d, filepath.Base(abs)), nil
	}
	return abs, nil
}

func (s *Store) now() time.Time { return s.opt.Now() }

// Today is the store's calendar day (its clock can be fixed in tests), the
// day validation and previews should agree on.
func (s *Store) Today() Date { return DateOf(s.now()) }

// read runs fn with the read pool, holding the pools steady.
func (s *Store) read(fn func(db *sql.DB) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.r == nil {
		return errors.New("数据库已关闭")
	}
	return friendly(fn(s.r))
}

// Pragma reads a pragma on the writer (or, read-only, the reader) connection;
// tests use it to check the settings are really in force.
func (s *Store) Pragma(name string) (string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	db := s.w
	if db == nil {
		db = s.r
	}
	var v string
	err := db.QueryRow("PRAGMA " + name).Scan(&v)
	return v, err
}

// friendly turns SQLite's lock and corruption codes into messages a user can
// act on; anything else passes through.
func friendly(err error) error {
	if err == nil {
		return nil
	}
	var fe *FileError
	if errors.As(err, &fe) {
		return err // already said
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		msg := ""
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			msg = "数据库正被其他程序占用，请稍后再试"
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			msg = "数据库文件已损坏或不是数据库文件，请从备份恢复"
		case sqlite3.SQLITE_READONLY:
			msg = "数据库文件只读，无法保存：请检查数据库文件和所在文件夹的权限（或把数据库复制到可写的文件夹），然后重试"
		case sqlite3.SQLITE_FULL:
			msg = "磁盘已满，无法保存：请腾出磁盘空间后重试"
		case sqlite3.SQLITE_CANTOPEN:
			msg = "无法打开数据库文件，请检查路径和权限"
		case sqlite3.SQLITE_IOERR:
			msg = "读写数据库文件出错（磁盘或 U 盘可能已拔出或损坏），请检查后重试"
		case sqlite3.SQLITE_ERROR:
			if strings.Contains(se.Error(), "no such table") || strings.Contains(se.Error(), "no such column") {
				msg = "数据库不完整（缺少数据表或字段），文件被改动过或已损坏：请从备份恢复"
			}
		}
		if msg != "" {
			return &FileError{Msg: msg, Err: err}
		}
	}
	return err
}

// FileError is a problem with the database file itself (read-only, full
// disk, damaged, in use), not with the record being saved: its message
// says what to do, in Chinese; the driver's own text stays behind Unwrap.
type FileError struct {
	Msg string
	Err error
}

func (e *FileError) Error() string { return e.Msg }
func (e *FileError) Unwrap() error { return e.Err }

// IsFileError tells whether err is about the database file rather than
// about the data: an import must not blame one of its rows for it.
func IsFileError(err error) bool {
	var fe *FileError
	if errors.As(err, &fe) {
		return true
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB,
			sqlite3.SQLITE_READONLY, sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR:
			return true
		}
	}
	return false
}

// nowText is the store's timestamp format: UTC, so stored values sort and
// compare the same wherever the laptop travels.
func (s *Store) nowText() string { return s.now().UTC().Format(time.RFC3339Nano) }

// integrityCheck runs PRAGMA integrity_check on db and returns nil when "ok".
func integrityCheck(db *sql.DB) error {
	rows, err := db.Query("PRAGMA integrity_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return err
		}
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(msgs) == 1 && msgs[0] == "ok" {
		return nil
	}
	return &integrityError{msgs}
}

// integrityError is a failed PRAGMA integrity_check.
type integrityError struct{ msgs []string }

func (e *integrityError) Error() string {
	m := e.msgs
	if len(m) > 5 {
		m = append(m[:5:5], fmt.Sprintf("…共 %d 处", len(e.msgs)))
	}
	return "完整性检查未通过：" + strings.Join(m, "；")
}

// IntegrityCheck checks the open database.
func (s *Store) IntegrityCheck() error {
	return s.read(func(*sql.DB) error { return s.freshIntegrityCheck() })
}

// freshIntegrityCheck runs the check on a connection of its own: a
// connection that has read the full-text index keeps its structure cached,
// and FTS5's part of the check then reports a "checksum mismatch" after
// writes made through the other connection although the file is sound.
// Called with s.mu held.
func (s *Store) freshIntegrityCheck() error {
	db, err := sql.Open("sqlite", s.readDSN())
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	return friendly(integrityCheck(db))
}
