package main

import (
	"time"
	"unsafe"

	"golang.org/x/sys/windows"

	"dangjian/ui"
)

// On Windows the idle lock uses the system's last-input time, so moving
// the mouse or scrolling counts as activity too.
var (
	idleUser32       = windows.NewLazySystemDLL("user32.dll")
	kernel32         = windows.NewLazySystemDLL("kernel32.dll")
	getLastInputInfo = idleUser32.NewProc("GetLastInputInfo")
	getTickCount     = kernel32.NewProc("GetTickCount")
)

type lastInputInfo struct {
	size uint32
	time uint32
}

func init() {
	ui.IdleProbe = func() time.Duration {
		info := lastInputInfo{size: uint32(unsafe.Sizeof(lastInputInfo{}))}
		if r, _, _ := getLastInputInfo.Call(uintptr(unsafe.Pointer(&info))); r == 0 {
			return 0
		}
		now, _, _ := getTickCount.Call()
		return time.Duration(uint32(now)-info.time) * time.Millisecond
	}
}
