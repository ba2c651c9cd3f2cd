package main

import (
	"archive/zip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLibraryAddAndSearch(t *testing.T) {
	db := demoDB(t)
	dir := t.TempDir()
	docx := filepath.Join(dir, "纪律.docx")
	f, _ := os.Create(docx)
	z := zip.NewWriter(f)
	w, _ := z.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>严明政治纪律和政治规矩</w:t></w:r></w:p></w:body></w:document>`))
	z.Close()
	f.Close()
	if code, out, errs := cli(t, "--db", db, "library", "add", docx, "--title", "纪律规定", "--category", "制度规定", "--tags", "纪律,规矩"); code != 0 || !strings.Contains(out, "已加入资料库") {
		t.Fatalf("add: %d %q %q", code, out, errs)
	}
	if code, _, errs := cli(t, "--db", db, "library", "add", docx, "--category", "杂项"); code != exitError || !strings.Contains(errs, "分类") {
		t.Fatalf("bad category: %d %q", code, errs)
	}
	code, out, errs := cli(t, "--db", db, "library", "search", "规矩", "--json")
	if code != 0 {
		t.Fatalf("search: %d %q", code, errs)
	}
	var got []libraryDocJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) != 1 || got[0].Title != "纪律规定" || strings.Join(got[0].Tags, ",") != "纪律,规矩" {
		t.Fatalf("search json %q: %+v %v", out, got, err)
	}
	if _, err := os.Stat(got[0].Path); err != nil {
		t.Errorf("stored file: %v", err)
	}
	if code, out, _ := cli(t, "--db", db, "library", "search", "财务", "--json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("no match: %d %q", code, out)
	}
	if code, out, _ := cli(t, "--db", db, "library", "search", "政治"); code != 0 || !strings.Contains(out, "纪律规定") {
		t.Errorf("text: %d %q", code, out)
	}
}

// TestLibrarySearchInsideOwnPDF: a PDF printed by the app (gofpdf with an
// embedded font subset) is found by a two-character word of its text.
func TestLibrarySearchInsideOwnPDF(t *testing.T) {
	db := demoDB(t)
	pdf := filepath.Join(t.TempDir(), "stats.pdf")
	if code, _, errs := cli(t, "--db", db, "export", "stats", "--out", pdf); code != 0 {
		t.Fatalf("export: %d %s", code, errs)
	}
	if code, out, errs := cli(t, "--db", db, "library", "add", pdf, "--title", "年度报表", "--category", "工作清单"); code != 0 || strings.Contains(out, "只按标题") {
		t.Fatalf("add: %d %q %q", code, out, errs)
	}
	for _, q := range []string{"预备", "党籍", "女党员"} {
		code, out, _ := cli(t, "--db", db, "library", "search", q, "--json")
		var got []libraryDocJSON
		if code != 0 || json.Unmarshal([]byte(out), &got) != nil || len(got) != 1 || got[0].Title != "年度报表" {
			t.Errorf("search %q: %d %q", q, code, out)
		}
	}
}
