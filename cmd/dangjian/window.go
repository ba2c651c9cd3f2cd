package main

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// Preference keys for the main window between runs (Fyne's preferences
// of the app ID, not the database: the window belongs to the machine).
const (
	prefWidth     = "window.width"
	prefHeight    = "window.height"
	prefPlacement = "window.placement" // Windows: "show left top right bottom"
)

// defaultSize fits a 1366×768 laptop with the Windows taskbar (about
// 1366×705 usable) where the window cannot be maximised natively.
var defaultSize = fyne.NewSize(1280, 700)

// restoreWindow sizes w as it was when last closed. The first time it
// opens maximised where the platform allows (Windows), else at a size
// that fits a laptop screen. Fyne 2.7 has no maximise or position API, so
// Windows uses the native window handle.
func restoreWindow(a fyne.App, w fyne.Window) {
	p := a.Preferences()
	if wd, ht := p.Float(prefWidth), p.Float(prefHeight); wd >= 400 && ht >= 300 {
		w.Resize(fyne.NewSize(float32(wd), float32(ht)))
	} else {
		w.Resize(defaultSize)
	}
	placement := p.String(prefPlacement)
	a.Lifecycle().SetOnStarted(func() {
		// Queued, so it runs once the window is on screen.
		fyne.Do(func() {
			withHandle(w, func(hwnd uintptr) { nativeRestore(hwnd, placement) })
		})
	})
}

// rememberWindow stores w's size (and, on Windows, its position and
// maximised state) for the next start.
func rememberWindow(a fyne.App, w fyne.Window) {
	p := a.Preferences()
	s := w.Canvas().Size()
	if s.Width >= 400 && s.Height >= 300 {
		p.SetFloat(prefWidth, float64(s.Width))
		p.SetFloat(prefHeight, float64(s.Height))
	}
	withHandle(w, func(hwnd uintptr) {
		if pl := nativePlacement(hwnd); pl != "" {
			p.SetString(prefPlacement, pl)
		}
	})
}

// withHandle runs f with the native window handle where there is one.
func withHandle(w fyne.Window, f func(hwnd uintptr)) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return
	}
	nw.RunNative(func(ctx any) {
		if c, ok := ctx.(driver.WindowsWindowContext); ok && c.HWND != 0 {
			f(c.HWND)
		}
	})
}

// placement is a window's restored rectangle and show state.
type placement struct {
	show                     int
	left, top, right, bottom int
}

func (p placement) String() string {
	return fmt.Sprintf("%d %d %d %d %d", p.show, p.left, p.top, p.right, p.bottom)
}

// parsePlacement reads what String wrote; ok is false for anything not
// a sensible window (too small, or garbage).
func parsePlacement(s string) (p placement, ok bool) {
	if _, err := fmt.Sscanf(s, "%d %d %d %d %d", &p.show, &p.left, &p.top, &p.right, &p.bottom); err != nil {
		return p, false
	}
	return p, p.right-p.left >= 400 && p.bottom-p.top >= 300
}
