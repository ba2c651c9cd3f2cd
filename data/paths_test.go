package data

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// fakeExecutable makes the package believe the running program lives in
// dir for the rest of the test.
func fakeExecutable(t *testing.T, dir string, err error) {
	t.Helper()
	old := executableDir
	executableDir = func() (string, error) { return dir, err }
	t.Cleanup(func() { executableDir = old })
}

// perUserEnv points the per-user data folder at a temporary one and
// clears $DANGJIAN_DB; it returns the database path expected there.
func perUserEnv(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv(EnvDB, "")
	switch runtime.GOOS {
	case "windows":
		t.Setenv("APPDATA", home)
	case "darwin":
		t.Setenv("HOME", home)
		return filepath.Join(home, "Library", "Application Support", "dangjian", "dangjian.db")
	default:
		t.Setenv("XDG_DATA_HOME", home)
	}
	return filepath.Join(home, "dangjian", "dangjian.db")
}

func TestDefaultDBPathPerUserWithoutMarker(t *testing.T) {
	want := perUserEnv(t)
	exeDir := t.TempDir() // a program folder without portable.txt
	fakeExecutable(t, exeDir, nil)
	if got := PortableDir(); got != "" {
		t.Errorf("PortableDir() = %q without a marker, want \"\"", got)
	}
	if got := DefaultDBPath(); got != want {
		t.Errorf("DefaultDBPath() = %q, want %q", got, want)
	}
	if got := ResolveDBPath(""); got != want {
		t.Errorf("ResolveDBPath(\"\") = %q, want %q", got, want)
	}
}

func TestDefaultDBPathPortableWithMarker(t *testing.T) {
	perUserEnv(t)
	exeDir := filepath.Join(t.TempDir(), "U盘", "党建工作台")
	if err := os.MkdirAll(exeDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(exeDir, PortableMarker), []byte("便携模式"), 0o644); err != nil {
		t.Fatal(err)
	}
	fakeExecutable(t, exeDir, nil)

	want := filepath.Join(exeDir, "data", "dangjian.db")
	if got := DefaultDBPath(); got != want {
		t.Errorf("DefaultDBPath() = %q, want %q", got, want)
	}
	if got := ResolveDBPath(""); got != want {
		t.Errorf("ResolveDBPath(\"\") = %q, want %q", got, want)
	}
	if got := PortableDir(); got != filepath.Join(exeDir, "data") {
		t.Errorf("PortableDir() = %q", got)
	}

	// --db and $DANGJIAN_DB still win over portable mode.
	t.Setenv(EnvDB, filepath.Join(exeDir, "env.db"))
	if got := ResolveDBPath(""); got != filepath.Join(exeDir, "env.db") {
		t.Errorf("ResolveDBPath with %s = %q, want the environment's path", EnvDB, got)
	}
	if got := ResolveDBPath("flag.db"); got != "flag.db" {
		t.Errorf("ResolveDBPath(\"flag.db\") = %q, want the flag", got)
	}
}

// A portable database opens where it should: the data folder is created
// next to the program on first use.
func TestPortableStoreOpensNextToProgram(t *testing.T) {
	perUserEnv(t)
	exeDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(exeDir, PortableMarker), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	fakeExecutable(t, exeDir, nil)
	s, err := Open(ResolveDBPath(""), Options{Program: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := os.Stat(filepath.Join(exeDir, "data", "dangjian.db")); err != nil {
		t.Errorf("no database next to the program: %v", err)
	}
}

func TestPortableMarkerMustBeAFile(t *testing.T) {
	want := perUserEnv(t)
	exeDir := t.TempDir()
	if err := os.Mkdir(filepath.Join(exeDir, PortableMarker), 0o755); err != nil {
		t.Fatal(err)
	}
	fakeExecutable(t, exeDir, nil)
	if got := DefaultDBPath(); got != want {
		t.Errorf("a folder named %s switched on portable mode: %q", PortableMarker, got)
	}
}

func TestDefaultDBPathWhenExecutableUnknown(t *testing.T) {
	want := perUserEnv(t)
	fakeExecutable(t, "", errors.New("no executable"))
	if got := DefaultDBPath(); got != want {
		t.Errorf("DefaultDBPath() = %q, want %q", got, want)
	}
}
