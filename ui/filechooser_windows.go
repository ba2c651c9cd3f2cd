//go:build windows

package ui

import (
	"os"
	"strings"
	"syscall"
	"unicode/utf16"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

var (
	comdlg32                 = syscall.NewLazyDLL("comdlg32.dll")
	procGetOpenFileNameW     = comdlg32.NewProc("GetOpenFileNameW")
	procGetSaveFileNameW     = comdlg32.NewProc("GetSaveFileNameW")
	procCommDlgExtendedError = comdlg32.NewProc("CommDlgExtendedError")
)

// Flags of OPENFILENAMEW.
const (
	ofnOverwritePrompt = 0x00000002
	ofnHideReadOnly    = 0x00000004
	ofnNoChangeDir     = 0x00000008
	ofnPathMustExist   = 0x00000800
	ofnFileMustExist   = 0x00001000
	ofnExplorer        = 0x00080000
)

// openFileName is Win32's OPENFILENAMEW.
type openFileName struct {
	structSize    uint32
	owner         uintptr
	instance      uintptr
	filter        *uint16
	customFilter  *uint16
	maxCustFilter uint32
	filterIndex   uint32
	file          *uint16
	maxFile       uint32
	fileTitle     *uint16
	maxFileTitle  uint32
	initialDir    *uint16
	title         *uint16
	flags         uint32
	fileOffset    uint16
	fileExtension uint16
	defExt        *uint16
	custData      uintptr
	hook          uintptr
	templateName  *uint16
	reserved      uintptr
	reserved2     uint32
	flagsEx       uint32
}

// nativeChoose shows Windows' own open or save dialog, which speaks the
// system's language and knows its places (桌面, 文档, U 盘 …). native is
// false when the dialog could not be shown, so Fyne's is used instead.
func nativeChoose(w fyne.Window, save bool, c fileChoice) (path string, ok, native bool) {
	var owner uintptr
	if nw, is := w.(driver.NativeWindow); is {
		nw.RunNative(func(ctx any) {
			if wc, is := ctx.(driver.WindowsWindowContext); is {
				owner = wc.HWND
			}
		})
	}
	if procGetOpenFileNameW.Find() != nil {
		return "", false, false
	}
	// The filter is pairs of NUL-terminated strings ending in a double NUL.
	var filter []uint16
	add := func(s string) { filter = append(append(filter, utf16.Encode([]rune(s))...), 0) }
	if len(c.exts) > 0 {
		var pats []string
		for _, e := range c.exts {
			pats = append(pats, "*"+strings.ToLower(e))
		}
		kind := c.kind
		if kind == "" {
			kind = "文件"
		}
		add(kind + "（" + strings.Join(pats, "、") + "）")
		add(strings.Join(pats, ";"))
	}
	add("所有文件（*.*）")
	add("*.*")
	filter = append(filter, 0)

	buf := make([]uint16, 4096)
	copy(buf[:len(buf)-1], utf16.Encode([]rune(c.name)))
	dir := c.dir
	if dir == "" {
		dir, _ = os.UserHomeDir()
	}
	dirPtr, _ := syscall.UTF16PtrFromString(dir)
	titlePtr, _ := syscall.UTF16PtrFromString(c.title)
	ofn := openFileName{
		owner:      owner,
		filter:     &filter[0],
		file:       &buf[0],
		maxFile:    uint32(len(buf)),
		initialDir: dirPtr,
		title:      titlePtr,
		flags:      ofnExplorer | ofnNoChangeDir | ofnHideReadOnly | ofnPathMustExist,
	}
	ofn.structSize = uint32(unsafe.Sizeof(ofn))
	proc := procGetOpenFileNameW
	if save {
		proc = procGetSaveFileNameW
		ofn.flags |= ofnOverwritePrompt
		if len(c.exts) > 0 {
			ofn.defExt, _ = syscall.UTF16PtrFromString(strings.TrimPrefix(c.exts[0], "."))
		}
	} else {
		ofn.flags |= ofnFileMustExist
	}
	r, _, _ := proc.Call(uintptr(unsafe.Pointer(&ofn)))
	if r == 0 {
		// Zero is a cancel unless the dialog reports an error; then fall
		// back to Fyne's dialog rather than doing nothing.
		if e, _, _ := procCommDlgExtendedError.Call(); e != 0 {
			return "", false, false
		}
		return "", false, true
	}
	return syscall.UTF16ToString(buf), true, true
}
