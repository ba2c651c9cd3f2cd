//go:build !linux

package peakrss

import "runtime/debug"

func reset() { debug.FreeOSMemory() }

func peak() float64 { return heapMB() }
