//go:build !windows

package main

// Elsewhere the window manager places the window; Fyne keeps its size.
func nativeRestore(uintptr, string)  {}
func nativePlacement(uintptr) string { return "" }
