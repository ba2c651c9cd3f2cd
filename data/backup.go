package data

import (
	"context"
	"database/sql"
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

// backupTo copies the database behind db to dest with SQLite's online backup
// API: a consistent snapshot even while the program keeps working, copied a
// slice of pages at a time so progress can be shown. The copy is written to a
// temporary file, checked with integrity_check, and only then renamed into
// place, so dest is either a good backup or absent.
func backupTo(ctx context.Context, db *sql.DB, dest string, progress Progress) error {
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return fmt.Errorf("无法创建备份目录：%w", err)
	}
	tmp := dest + ".part"
	os.Remove(tmp)
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
				progress.report(0.9 * float64(total-b.Remaining()) / float64(total))
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
		os.Remove(tmp)
		return fmt.Errorf("备份失败：%w", friendly(err))
	}
	if err := checkOurFile(ctx, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("备份文件校验失败：%w", err)
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("备份文件无法保存到 %s：%w", dest, err)
	}
	progress.report(1)
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

// checkOurFile opens path read-only and checks that it is a sound database
// made by this program with a schema this program can read.
func checkOurFile(ctx context.Context, path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("无法读取文件“%s”：%w", path, err)
	}
	if st.IsDir() || st.Size() < 512 {
		return &ForeignFileError{Path: path, Reason: "文件过小或不是数据库文件"}
	}
	db, err := sql.Open("sqlite", path+"?_pragma=query_only(1)&_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := schemaState(ctx, db, path)
	if err != nil {
		if _, ok := err.(*ForeignFileError); ok {
			return err
		}
		return &ForeignFileError{Path: path, Reason: "无法读取（" + err.Error() + "）"}
	}
	if v == 0 {
		return &ForeignFileError{Path: path, Reason: "文件是空的"}
	}
	if v > SchemaVersion() {
		return &SchemaTooNewError{Have: v, Known: SchemaVersion()}
	}
	if err := integrityCheck(db); err != nil {
		return &ForeignFileError{Path: path, Reason: err.Error()}
	}
	return nil
}

// CheckBackupFile tells whether path could be restored.
func CheckBackupFile(ctx context.Context, path string) error { return checkOurFile(ctx, path) }

// Backup writes a checked, consistent copy of the open database to dest.
func (s *Store) Backup(ctx context.Context, dest string, progress Progress) error {
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
	if abs == s.path {
		return fmt.Errorf("备份文件不能覆盖正在使用的数据库")
	}
	return backupTo(ctx, db, abs, progress)
}

// Restore replaces the open database with the backup at src. The file must be
// one of ours, intact, and not from a newer version. The current database is
// first saved into the backup folder (the returned path), then the new file
// is copied beside it and renamed over it, so at every instant the database
// path holds either the old or the new database, never half of one.
func (s *Store) Restore(ctx context.Context, src string, progress Progress) (keptOld string, err error) {
	if s.opt.ReadOnly {
		return "", ErrReadOnly
	}
	srcAbs, err := filepath.Abs(src)
	if err != nil {
		return "", err
	}
	if srcAbs == s.path {
		return "", fmt.Errorf("不能用正在使用的数据库恢复自己")
	}
	if err := checkOurFile(ctx, srcAbs); err != nil {
		return "", err
	}
	progress.report(0.1)
	keptOld = filepath.Join(s.opt.BackupDir, "恢复前备份-"+s.now().Format("20060102-150405")+".db")
	if err := s.Backup(ctx, keptOld, func(f float64) { progress.report(0.1 + 0.4*f) }); err != nil {
		return "", fmt.Errorf("恢复前无法备份当前数据库，未做任何修改：%w", err)
	}
	staged := s.path + ".restore"
	if err := copyFile(srcAbs, staged); err != nil {
		os.Remove(staged)
		return "", fmt.Errorf("无法复制备份文件：%w", err)
	}
	progress.report(0.7)

	if err := s.swapIn(staged); err != nil {
		return "", err
	}
	progress.report(0.85)
	if err := s.migrate(ctx); err != nil {
		return keptOld, err
	}
	if err := s.loadOperator(); err != nil {
		return keptOld, err
	}
	progress.report(1)
	return keptOld, nil
}

// swapIn renames staged over the database file with the pools closed.
func (s *Store) swapIn(staged string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closePools()
	// Closing the last connection checkpointed the WAL into the old file
	// (already saved by Restore); leftovers must not replay into the new one.
	os.Remove(s.path + "-wal")
	os.Remove(s.path + "-shm")
	renameErr := os.Rename(staged, s.path)
	if renameErr != nil {
		os.Remove(staged)
	}
	if err := s.openPools(); err != nil {
		return fmt.Errorf("恢复后无法打开数据库：%w", err)
	}
	if renameErr != nil {
		return fmt.Errorf("无法替换数据库文件，数据库保持原样：%w", renameErr)
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
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

const autoPrefix = "自动备份-"

// AutoBackup makes the day's automatic backup unless one exists already, and
// prunes older automatic backups beyond the configured number. It returns the
// path written, or "" when today's backup was already there.
func (s *Store) AutoBackup(ctx context.Context) (string, error) {
	day := s.now().Format("20060102")
	dest := filepath.Join(s.opt.BackupDir, autoPrefix+day+".db")
	if fileExists(dest) {
		return "", nil
	}
	if err := s.Backup(ctx, dest, nil); err != nil {
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
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".db") {
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
