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
}

// Store is the SQLite-backed store. Writes go through one connection in
// immediate transactions (one writer, never a mid-transaction lock upgrade);
// reads use a small pool of their own so a long report never holds up a save.
type Store struct {
	path string
	opt  Options
	lock *writerLock

	// mu guards the pools: Restore swaps the file under them and takes it
	// exclusively; everything else holds it shared while it works.
	mu sync.RWMutex
	w  *sql.DB
	r  *sql.DB

	opMu     sync.Mutex
	operator string
	named    bool // operator is a name entered by a person
}

func dsn(path string, readOnly bool) string {
	q := []string{
		"_pragma=busy_timeout(5000)",
		"_pragma=journal_mode(WAL)",
		"_pragma=synchronous(FULL)",
		"_pragma=foreign_keys(1)",
	}
	if readOnly {
		q = append(q, "_pragma=query_only(1)")
	} else {
		q = append(q, "_txlock=immediate")
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
	abs, err := filepath.Abs(path)
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
	if opt.ReadOnly {
		if _, err := os.Stat(abs); err != nil {
			return nil, fmt.Errorf("数据库文件不存在：%s", abs)
		}
	} else {
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			return nil, fmt.Errorf("无法创建数据目录 %s：%w", filepath.Dir(abs), err)
		}
		if s.lock, err = acquireWriterLock(abs, opt.Program); err != nil {
			return nil, err
		}
	}
	if err := s.openPools(); err != nil {
		s.lock.release()
		return nil, err
	}
	if err := s.migrate(context.Background()); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.loadOperator(); err != nil {
		s.Close()
		return nil, err
	}
	if !opt.ReadOnly {
		if err := s.Write(context.Background(), func(tx *Tx) error { return tx.seedMeetings() }); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
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
	if s.r, err = sql.Open("sqlite", dsn(s.path, true)); err != nil {
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

func (s *Store) now() time.Time { return s.opt.Now() }

// Today is the store's calendar day (its clock can be fixed in tests), the
// day validation and previews should agree on.
func (s *Store) Today() Date { return DateOf(s.now()) }

// read runs fn with the read pool, holding the pools steady.
func (s *Store) read(fn func(db *sql.DB) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
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
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return fmt.Errorf("数据库正被其他程序占用，请稍后再试（%w）", err)
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("数据库文件已损坏或不是数据库文件，请从备份恢复（%w）", err)
		case sqlite3.SQLITE_READONLY:
			return fmt.Errorf("数据库文件只读，无法保存：请检查文件权限（%w）", err)
		case sqlite3.SQLITE_FULL:
			return fmt.Errorf("磁盘已满，无法保存（%w）", err)
		case sqlite3.SQLITE_CANTOPEN:
			return fmt.Errorf("无法打开数据库文件，请检查路径和权限（%w）", err)
		}
	}
	return err
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
	return fmt.Errorf("完整性检查未通过：%s", strings.Join(msgs, "；"))
}

// IntegrityCheck checks the open database.
func (s *Store) IntegrityCheck() error {
	return s.read(integrityCheck)
}
