package report

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf16"
)

// testTime fixes the creation date so renders are reproducible.
var testTime = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// renderTest renders build into a file and returns its path and page count.
// With REPORT_KEEP=dir set, the file is also kept there under name, for
// looking at the pages (pdftoppm -png -r 80).
func renderTest(t *testing.T, name string, orient Orientation, meta Meta, build func(d *Doc) error) (string, int) {
	t.Helper()
	if meta.Created.IsZero() {
		meta.Created = testTime
	}
	path := filepath.Join(t.TempDir(), name)
	pages, err := RenderFile(path, orient, meta, build)
	if err != nil {
		t.Fatalf("render %s: %v", name, err)
	}
	keep(t, path, name)
	return path, pages
}

func keep(t *testing.T, path, name string) {
	t.Helper()
	dir := os.Getenv("REPORT_KEEP")
	if dir == "" {
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// poppler runs a poppler-utils tool, skipping the test when it is missing.
func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s not installed (poppler-utils)", tool)
	}
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

// pageText extracts the text of one page (all pages for page 0) in content
// order (-raw), which is the order the package writes: cell by cell, line by
// line, so a wrapped text reads back whole once whitespace is removed.
func pageText(t *testing.T, path string, page int) string {
	t.Helper()
	args := []string{"-raw", "-enc", "UTF-8"}
	if page > 0 {
		args = append(args, "-f", strconv.Itoa(page), "-l", strconv.Itoa(page))
	}
	return poppler(t, "pdftotext", append(args, path, "-")...)
}

// squash drops all white space, which pdftotext adds at line ends and
// between cells.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// assertContains checks that every want appears in text, white space aside.
func assertContains(t *testing.T, what, text string, want ...string) {
	t.Helper()
	s := squash(text)
	for _, w := range want {
		if !strings.Contains(s, squash(w)) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
	if t.Failed() {
		t.Logf("%s:\n%s", what, text)
	}
}

type outlineItem struct {
	Title string
	Level int
}

// readOutline parses the bookmarks of a PDF written by gofpdf (outline
// objects are not compressed) and returns titles with their nesting level.
func readOutline(t *testing.T, pdf []byte) []outlineItem {
	t.Helper()
	objStart := regexp.MustCompile(`(?m)^(\d+) 0 obj\s*`)
	type item struct {
		title  string
		parent int
	}
	items := map[int]item{}
	var order []int
	root := -1
	for _, m := range objStart.FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		body := pdf[m[1]:]
		if e := bytes.Index(body, []byte("endobj")); e >= 0 {
			body = body[:e]
		}
		if bytes.Contains(body, []byte("/Type /Outlines")) {
			root = n
			continue
		}
		if !bytes.HasPrefix(body, []byte("<</Title (")) {
			continue
		}
		title, rest := pdfString(body[len("<</Title ("):])
		pm := regexp.MustCompile(`/Parent (\d+) 0 R`).FindSubmatch(rest)
		if pm == nil {
			t.Fatalf("outline object %d has no parent", n)
		}
		parent, _ := strconv.Atoi(string(pm[1]))
		items[n] = item{title, parent}
		order = append(order, n)
	}
	var out []outlineItem
	for _, n := range order {
		lvl := 0
		for p := items[n].parent; p != root; p = items[p].parent {
			if _, ok := items[p]; !ok {
				t.Fatalf("outline object %d: parent %d is neither an item nor the root", n, p)
			}
			lvl++
		}
		out = append(out, outlineItem{items[n].title, lvl})
	}
	return out
}

// pdfString decodes a literal string whose opening parenthesis has been
// consumed, returning the text (UTF-16 with BOM decoded) and what follows.
func pdfString(b []byte) (string, []byte) {
	var raw []byte
	depth := 0
	i := 0
loop:
	for ; i < len(b); i++ {
		c := b[i]
		switch c {
		case '\\':
			i++
			if i >= len(b) {
				break loop
			}
			switch e := b[i]; e {
			case 'n':
				raw = append(raw, '\n')
			case 'r':
				raw = append(raw, '\r')
			case 't':
				raw = append(raw, '\t')
			case 'b':
				raw = append(raw, '\b')
			case 'f':
				raw = append(raw, '\f')
			default:
				if e >= '0' && e <= '7' {
					v, j := 0, 0
					for ; j < 3 && i+j < len(b) && b[i+j] >= '0' && b[i+j] <= '7'; j++ {
						v = v*8 + int(b[i+j]-'0')
					}
					raw = append(raw, byte(v))
					i += j - 1
				} else {
					raw = append(raw, e)
				}
			}
		case '(':
			depth++
			raw = append(raw, c)
		case ')':
			if depth == 0 {
				break loop
			}
			depth--
			raw = append(raw, c)
		default:
			raw = append(raw, c)
		}
	}
	rest := b[min(i+1, len(b)):]
	if len(raw) >= 2 && raw[0] == 0xFE && raw[1] == 0xFF {
		u := make([]uint16, (len(raw)-2)/2)
		for k := range u {
			u[k] = binary.BigEndian.Uint16(raw[2+2*k:])
		}
		return string(utf16.Decode(u)), rest
	}
	return string(raw), rest
}
