package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dangjian/data"
	"dangjian/data/demo"
)

// pdfText extracts a PDF's text with pdftotext, in layout order.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// buildCLI builds cmd/dangjian-cli into dir, so the test runs the real
// command line, flags and all.
func buildCLI(t *testing.T, dir string) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the CLI with")
	}
	bin := filepath.Join(dir, "dangjian-cli")
	cmd := exec.Command(goBin, "build", "-o", bin, "dangjian/cmd/dangjian-cli")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the CLI: %v\n%s", err, out)
	}
	return bin
}

// TestGUIAndCLIPrintTheSameDocuments prints the 组织架构表, the 花名册 and
// a branch's 会议记录本 from the screens and with the command line, on the
// same database, and compares the PDFs' text: both go through package jobs,
// so they must not differ.
func TestGUIAndCLIPrintTheSameDocuments(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	sh, opened := newTestShell(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, sh.store, demo.Options{Members: 60, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cli := buildCLI(t, dir)
	runCLI := func(args ...string) string {
		t.Helper()
		out := filepath.Join(dir, strings.ReplaceAll(strings.Join(args[:2], "-"), " ", "")+".pdf")
		args = append([]string{"--db", sh.store.Path()}, append(args, "--out", out)...)
		if b, err := exec.Command(cli, args...).CombinedOutput(); err != nil {
			t.Fatalf("dangjian-cli %v: %v\n%s", args, err, b)
		}
		return out
	}
	printed := func(print func()) string {
		t.Helper()
		n := len(*opened)
		print()
		if len(*opened) != n+1 {
			t.Fatalf("nothing printed (opened %v)", *opened)
		}
		return (*opened)[n]
	}
	same := func(what, gui, cli string) {
		t.Helper()
		// The footer's 校验码 is the log's head at printing; the GUI's
		// print is itself remembered (one more row), so it may differ.
		seal := regexp.MustCompile(`校验码 日志 \d+ 条 · [0-9a-f]+`)
		// Its width moves pdftotext's columns by a space: compare words.
		spaces := regexp.MustCompile(`[ \t]+`)
		norm := func(s string) string { return spaces.ReplaceAllString(seal.ReplaceAllString(s, "校验码"), " ") }
		g, c := norm(pdfText(t, gui)), norm(pdfText(t, cli))
		if strings.TrimSpace(g) == "" {
			t.Fatalf("%s: the GUI's PDF has no text", what)
		}
		if g != c {
			gl, cl := strings.Split(g, "\n"), strings.Split(c, "\n")
			for i := 0; i < len(gl) && i < len(cl); i++ {
				if gl[i] != cl[i] {
					t.Fatalf("%s: GUI and CLI differ at line %d:\nGUI %q\nCLI %q", what, i+1, gl[i], cl[i])
				}
			}
			t.Fatalf("%s: GUI has %d lines, CLI %d", what, len(gl), len(cl))
		}
	}

	// 组织架构表.
	sh.Show("组织架构")
	o := orgOf(t, sh)
	o.shown()
	same("组织架构表", printed(o.print), runCLI("export", "org"))

	// 花名册 of every branch, and of one.
	sh.Show("党员档案")
	ms := sh.current.(*membersScreen)
	ms.shown()
	same("党员花名册", printed(ms.printRoster), runCLI("export", "members", "--format", "roster-pdf"))
	ms.branch.SetSelectedIndex(2)
	branchName := ms.branch.Selected
	same(branchName+"花名册", printed(ms.printRoster), runCLI("export", "members", "--format", "roster-pdf", "--branch", branchName))

	// 会议记录本 of a branch for the year of its meetings.
	sh.Show("三会一课")
	mt := sh.current.(*meetingsScreen)
	mt.shown()
	roots, err := sh.store.OrgTree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	branch := roots[0].Children[0].Unit
	list, err := sh.store.Meetings(ctx, data.MeetingFilter{UnitIDs: []int64{branch.ID}})
	if err != nil || len(list) == 0 {
		t.Fatalf("demo meetings of %s: %d %v", branch.Name(), len(list), err)
	}
	year := list[0].Date.Y
	for i, id := range mt.unitIDs {
		if id == branch.ID {
			mt.unit.SetSelectedIndex(i)
		}
	}
	mt.year.SetSelected(strconv.Itoa(year))
	if mt.year.Selected != strconv.Itoa(year) {
		t.Fatalf("year %d not offered: %v", year, mt.year.Options)
	}
	same("会议记录本", printed(mt.printBook), runCLI("export", "minutes", "--branch", branch.Name(), "--year", strconv.Itoa(year)))
	if _, err := os.Stat(filepath.Join(filepath.Dir(sh.store.Path()), "打印")); err != nil {
		t.Errorf("the GUI did not print into the print folder: %v", err)
	}
}
