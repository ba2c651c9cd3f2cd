// Package peakrss measures a job's peak memory inside a benchmark: the
// issue's goals are stated as the process's peak resident size, which the
// Go heap statistics alone understate (SQLite's page cache, mmap'd files).
package peakrss

// Reset starts a new measurement: on Linux it clears the kernel's
// high-water mark of this process's resident size (VmHWM), so Peak reports
// the highest point since this call rather than since the process began.
func Reset() { reset() }

// PeakMB is the peak resident size in MiB since the last Reset (on
// systems without /proc, the Go runtime's total obtained memory).
func PeakMB() float64 { return peak() }
