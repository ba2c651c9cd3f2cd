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

// PortableMarker is the file that switches on portable mode: when it sits
// next to the running program, the data lives in PortableDataDir beside the
// program instead of the per-user folder, so the workbench can be carried on
// a USB drive. Its content does not matter.
const PortableMarker = "portable.txt"

// PortableDataDir is the folder, next to the program, that holds the
// database (and so its backups/ and 打印/) in portable mode.
const PortableDataDir = "data"

// executableDir returns the folder of the running program. Tests replace it
// to pretend the program lives elsewhere.
var executableDir = func() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	return filepath.Dir(exe), nil
}

// PortableDir returns the data folder of portable mode when the marker file
// sits next to the running program, and "" otherwise.
func PortableDir() string {
	dir, err := executableDir()
	if err != nil || dir == "" {
		return ""
	}
	if fi, err := os.Stat(filepath.Join(dir, PortableMarker)); err != nil || !fi.Mode().IsRegular() {
		return ""
	}
	return filepath.Join(dir, PortableDataDir)
}

// DefaultDBPath is where the database lives when neither --db nor
// $DANGJIAN_DB names one. In portable mode (see PortableMarker) that is
// data\dangjian.db next to the program. Otherwise it is the per-user
// folder: %APPDATA%\dangjian on Windows, $XDG_DATA_HOME/dangjian
// (~/.local/share/dangjian) on Linux, ~/Library/Application Support/dangjian
// on macOS. Per-user folders need no administrator rights, which office PCs
// often lack.
func DefaultDBPath() string {
	if dir := PortableDir(); dir != "" {
		return filepath.Join(dir, "dangjian.db")
	}
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
// DefaultDBPath (portable or per-user).
func ResolveDBPath(flag string) string {
	if flag != "" {
		return flag
	}
	if env := os.Getenv(EnvDB); env != "" {
		return env
	}
	return DefaultDBPath()
}
