//go:build !windows

package data

import (
	"os"
	"syscall"
)

// flock locks belong to the open file description, so even a second Open in
// the same process is refused — which is what lets tests check the refusal.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

func unlockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}

// canWrite tells whether this process may write path (a file or a folder).
func canWriteOS(path string) bool {
	return syscall.Access(path, 2 /* W_OK */) == nil
}
