//go:build !unix

package data

import "time"

// processCPU is unknown here: the wall clock alone decides.
func processCPU() time.Duration { return -1 }
