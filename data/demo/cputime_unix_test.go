//go:build unix

package demo_test

import (
	"syscall"
	"time"
)

// cpuTime is the process's user+system CPU time so far: on a machine
// shared with other work, CPU per operation says more than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
