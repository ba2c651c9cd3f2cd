//go:build windows

package data

import (
	"os"

	"golang.org/x/sys/windows"
)

// The locked byte lies far past the holder text so that a refused second
// copy can still read who holds the database (Windows locks are mandatory).
const lockOffset = 1 << 30

func lockFile(f *os.File) error {
	ol := &windows.Overlapped{Offset: lockOffset}
	return windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
}

func unlockFile(f *os.File) error {
	ol := &windows.Overlapped{Offset: lockOffset}
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, ol)
}

// canWrite tells whether this process may write path: a folder by creating
// a file in it, a file by its read-only attribute (never by opening it,
// which could drop SQLite's locks held elsewhere in the process).
func canWriteOS(path string) bool {
	fi, err := os.Stat(path)
	if err != nil {
		return false
	}
	if !fi.IsDir() {
		return fi.Mode().Perm()&0o200 != 0
	}
	f, err := os.CreateTemp(path, ".dangjian-write-test-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}
