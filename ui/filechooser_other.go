//go:build !windows

package ui

import "fyne.io/fyne/v2"

// nativeChoose is Windows only; elsewhere Fyne's dialog is used.
func nativeChoose(fyne.Window, bool, fileChoice) (path string, ok, native bool) {
	return "", false, false
}
