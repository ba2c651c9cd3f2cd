//go:build !linux

package main

import "os"

// noEcho: elsewhere the secret is read as typed (use the environment
// variables to avoid it).
func noEcho(*os.File) func() { return func() {} }

// stdinIsTerminal: a character device is taken for a console.
func stdinIsTerminal() bool { return isTerminal(os.Stdin) }
