//go:build windows

package main

import (
	"syscall"
	"unsafe"
)

var (
	user32                 = syscall.NewLazyDLL("user32.dll")
	procShowWindow         = user32.NewProc("ShowWindow")
	procGetWindowPlacement = user32.NewProc("GetWindowPlacement")
	procSetWindowPlacement = user32.NewProc("SetWindowPlacement")
	procMonitorFromRect    = user32.NewProc("MonitorFromRect")
)

const (
	swShowNormal    = 1
	swShowMinimized = 2
	swMaximize      = 3
)

type winPoint struct{ X, Y int32 }
type winRect struct{ Left, Top, Right, Bottom int32 }

// windowPlacement is Win32's WINDOWPLACEMENT.
type windowPlacement struct {
	Length         uint32
	Flags          uint32
	ShowCmd        uint32
	MinPosition    winPoint
	MaxPosition    winPoint
	NormalPosition winRect
}

// nativeRestore puts the window where saved said, or maximises it when
// nothing (or a place on a monitor no longer attached) was saved.
func nativeRestore(hwnd uintptr, saved string) {
	p, ok := parsePlacement(saved)
	if ok {
		r := winRect{int32(p.left), int32(p.top), int32(p.right), int32(p.bottom)}
		// MONITOR_DEFAULTTONULL: 0 when the rectangle is on no monitor.
		if m, _, _ := procMonitorFromRect.Call(uintptr(unsafe.Pointer(&r)), 0); m == 0 {
			ok = false
		}
	}
	if !ok {
		procShowWindow.Call(hwnd, swMaximize)
		return
	}
	wp := windowPlacement{ShowCmd: uint32(p.show),
		NormalPosition: winRect{int32(p.left), int32(p.top), int32(p.right), int32(p.bottom)}}
	wp.Length = uint32(unsafe.Sizeof(wp))
	if wp.ShowCmd == swShowMinimized || wp.ShowCmd == 0 {
		wp.ShowCmd = swShowNormal
	}
	procSetWindowPlacement.Call(hwnd, uintptr(unsafe.Pointer(&wp)))
}

// nativePlacement reads the window's restored rectangle and whether it
// is maximised.
func nativePlacement(hwnd uintptr) string {
	var wp windowPlacement
	wp.Length = uint32(unsafe.Sizeof(wp))
	if r, _, _ := procGetWindowPlacement.Call(hwnd, uintptr(unsafe.Pointer(&wp))); r == 0 {
		return ""
	}
	n := wp.NormalPosition
	return placement{int(wp.ShowCmd), int(n.Left), int(n.Top), int(n.Right), int(n.Bottom)}.String()
}
