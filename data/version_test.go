package data

import (
	"os"
	"regexp"
	"testing"
)

// FyneApp.toml feeds `fyne package` (installer metadata); it must carry the
// same version the programs report.
func TestFyneAppVersionMatches(t *testing.T) {
	b, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Version\s*=\s*"([^"]+)"`).FindSubmatch(b)
	if m == nil || string(m[1]) != AppVersion {
		t.Fatalf("FyneApp.toml version %q, AppVersion %q", m, AppVersion)
	}
	if !regexp.MustCompile(`(?m)^fyneDo\s*=\s*true`).Match(b) {
		t.Error("FyneApp.toml lacks the fyneDo migration")
	}
}
