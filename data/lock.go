package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"
)

// writerLock keeps a second copy of the program from writing the same
// database. It is an OS lock on a separate file next to the database: never
// the database file itself, because opening and closing a descriptor of the
// database inside the process would drop SQLite's own POSIX locks. The OS
// releases the lock when the process dies, so a crash leaves nothing stale.
type writerLock struct {
	f *os.File
}

func lockPath(dbPath string) string { return dbPath + ".lock" }

// acquireWriterLock takes the lock or returns a *LockedError describing the holder.
func acquireWriterLock(dbPath, program string) (*writerLock, error) {
	f, err := os.OpenFile(lockPath(dbPath), os.O_RDWR|os.O_CREATE, 0o644)
	if errors.Is(err, fs.ErrPermission) {
		// A lock file left by another user: it can still be locked when it
		// can be read (flock needs no write access); only the holder note
		// cannot be written.
		f, err = os.Open(lockPath(dbPath))
	}
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return nil, &LockFileError{Path: lockPath(dbPath), Err: err}
		}
		return nil, fmt.Errorf("无法创建锁文件 %s：%w", lockPath(dbPath), err)
	}
	if err := lockFile(f); err != nil {
		holder := readHolder(f)
		f.Close()
		return nil, &LockedError{Path: dbPath, Holder: holder}
	}
	// Tell a refused second copy who holds the database. Best effort: the
	// lock itself is what protects the data.
	info := fmt.Sprintf("%s（进程号 %d，%s 起）", program, os.Getpid(), time.Now().Format("2006-01-02 15:04"))
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(info), 0)
		f.Sync()
	}
	return &writerLock{f: f}, nil
}

func readHolder(f *os.File) string {
	buf := make([]byte, 512)
	n, _ := f.ReadAt(buf, 0)
	return strings.TrimSpace(string(buf[:n]))
}

func (l *writerLock) release() {
	if l == nil || l.f == nil {
		return
	}
	l.f.Truncate(0)
	unlockFile(l.f)
	l.f.Close()
	l.f = nil
}

// canWrite tells whether the process may write a file or folder; tests
// replace it to play a user without write rights.
var canWrite = canWriteOS
