package data

import (
	"os"
	"path/filepath"
	"runtime"
)

// AppVersion is the program version shown by `version` and in the About box;
// FyneApp.toml carries the same number (a test keeps them equal).
const AppVersion = "0.1.0"

// EnvDB overrides the database location when no --db flag is given.
const EnvDB = "DANGJIAN_DB"

// DefaultDBPath is the per-user database location: %APPDATA%\dangjian on
// Windows, $XDG_DATA_HOME/dangjian (~/.local/share/dangjian) on Linux,
// ~/Library/Application Support/dangjian on macOS. Per-user folders need no
// administrator rights, which office PCs often lack.
func DefaultDBPath() string {
	return filepath.Join(userDataDir(), "dangjian", "dangjian.db")
}

func userDataDir() string {
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("APPDATA"); d != "" {
			return d
		}
	case "darwin":
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, "Library", "Application Support")
		}
	default:
		if d := os.Getenv("XDG_DATA_HOME"); d != "" {
			return d
		}
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, ".local", "share")
		}
	}
	return "."
}

// ResolveDBPath picks the database: the --db flag, else $DANGJIAN_DB, else
// the per-user default.
func ResolveDBPath(flag string) string {
	if flag != "" {
		return flag
	}
	if env := os.Getenv(EnvDB); env != "" {
		return env
	}
	return DefaultDBPath()
}
