package data

import (
	"archive/zip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeDocx writes a minimal .docx whose paragraphs are paras, each split
// into runs where a word processor would (mid-word).
func writeDocx(t *testing.T, path string, paras ...string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(f)
	w, _ := z.Create("word/document.xml")
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, p := range paras {
		r := []rune(p)
		h := len(r) / 2
		b.WriteString(`<w:p><w:r><w:t>` + string(r[:h]) + `</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">` + string(r[h:]) + `</w:t></w:r></w:p>`)
	}
	b.WriteString(`</w:body></w:document>`)
	w.Write([]byte(b.String()))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func libraryTitles(docs []LibraryDoc) string {
	var out []string
	for _, d := range docs {
		out = append(out, d.Title)
	}
	return strings.Join(out, ",")
}

func TestLibrarySearchDocxTxtAndTitles(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	dir := t.TempDir()
	docx := filepath.Join(dir, "条例.docx")
	writeDocx(t, docx, "第一条 为了严格党的组织生活制度", "党员应当按期交纳党费")
	txt := filepath.Join(dir, "清单.txt")
	os.WriteFile(txt, []byte("\xef\xbb\xbf每月召开支部委员会会议"), 0o600)
	pdf := filepath.Join(dir, "学习.pdf")
	os.WriteFile(pdf, []byte("%PDF-1.4\n%%EOF\n"), 0o600)

	d1, err := s.AddLibraryFile(ctx, RoleOffice, LibraryDoc{Title: "组织工作条例", Category: "制度规定", Tags: "条例，组织"}, docx)
	if err != nil {
		t.Fatal(err)
	}
	if d1.Tags != "条例,组织" || !strings.Contains(d1.Content, "交纳党费") || d1.Size == 0 {
		t.Fatalf("stored %+v", d1)
	}
	if _, err := os.Stat(s.LibraryPath(d1)); err != nil {
		t.Fatalf("file not in storage: %v", err)
	}
	if _, err := s.AddLibraryFile(ctx, RoleOffice, LibraryDoc{Title: "月度工作清单", Category: "工作清单"}, txt); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddLibraryFile(ctx, RoleOffice, LibraryDoc{Title: "理论学习汇编", Category: "学习资料", Description: "二〇二六年"}, pdf); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ q, want string }{
		{"党费", "组织工作条例"},     // two characters inside the .docx text, across runs
		{"生活", "组织工作条例"},     // split between two runs of one paragraph
		{"组织生活制度", "组织工作条例"}, // a phrase
		{"委员", "月度工作清单"},     // .txt text
		{"汇编", "理论学习汇编"},     // PDF: title only
		{"条例 党费", "组织工作条例"},  // every word
		{"党费 委员", ""},        // no document has both
		{"费", "组织工作条例"},      // one character: the LIKE path
		{"会", "月度工作清单"},
		{"组织", "组织工作条例"}, // title, tag and text
		{"党员应当按期交纳", "组织工作条例"},
		{"没有", ""},
	} {
		got, err := s.SearchLibrary(ctx, c.q)
		if err != nil {
			t.Fatal(c.q, err)
		}
		if g := libraryTitles(got); g != c.want {
			t.Errorf("search %q = %q, want %q", c.q, g, c.want)
		}
	}
	// Edit keeps the text; delete hides it from the list and the search.
	d1.Title = "党章学习"
	if _, err := s.SaveLibraryDoc(ctx, RoleOffice, d1); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.SearchLibrary(ctx, "党费"); libraryTitles(got) != "党章学习" {
		t.Errorf("after edit: %q", libraryTitles(got))
	}
	if err := s.DeleteLibraryDoc(ctx, RoleOffice, d1.ID); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"党费", "费"} {
		if got, _ := s.SearchLibrary(ctx, q); len(got) != 0 {
			t.Errorf("deleted still found by %q", q)
		}
	}
	if list, _ := s.LibraryDocs(ctx, "制度规定"); len(list) != 0 {
		t.Errorf("deleted still listed: %+v", list)
	}
	if list, _ := s.LibraryDocs(ctx, ""); len(list) != 2 {
		t.Errorf("list %d", len(list))
	}
}

func TestLibraryRulesAndValidation(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	txt := filepath.Join(t.TempDir(), "a.txt")
	os.WriteFile(txt, []byte("abc"), 0o600)
	if _, err := s.AddLibraryFile(ctx, Role{BranchID: 3}, LibraryDoc{Title: "x", Category: "学习资料"}, txt); !errors.Is(err, ErrForbidden) {
		t.Errorf("branch add: %v", err)
	}
	_, err := s.AddLibraryFile(ctx, RoleOffice, LibraryDoc{Title: "x", Category: "其他"}, txt)
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Errors[0].Field != "category" {
		t.Errorf("bad category: %v", err)
	}
	d, err := s.AddLibraryFile(ctx, RoleOffice, LibraryDoc{Category: "学习资料"}, txt)
	if err != nil || d.Title != "a" || d.Date != s.Today() {
		t.Errorf("defaults: %+v %v", d, err)
	}
	if err := s.DeleteLibraryDoc(ctx, Role{BranchID: 3}, d.ID); !errors.Is(err, ErrForbidden) {
		t.Errorf("branch delete: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "b.docx")
	os.WriteFile(bad, []byte("not a zip"), 0o600)
	if _, err := s.AddLibraryFile(ctx, RoleOffice, LibraryDoc{Title: "b", Category: "学习资料"}, bad); err == nil {
		t.Error("a broken .docx was accepted")
	}
}

// TestLibraryFileTravelsWithBackup: the stored file is in the backup and
// comes back with a restore.
func TestLibraryFileTravelsWithBackup(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	src := filepath.Join(t.TempDir(), "规定.txt")
	os.WriteFile(src, []byte("支部每月开展主题党日"), 0o600)
	d, err := s.AddLibraryFile(ctx, RoleOffice, LibraryDoc{Title: "主题党日规定", Category: "制度规定"}, src)
	if err != nil {
		t.Fatal(err)
	}
	bak := filepath.Join(t.TempDir(), "b.db")
	if err := s.Backup(ctx, bak, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(s.LibraryPath(d)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Restore(ctx, bak, nil); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(s.LibraryPath(d))
	if err != nil || string(b) != "支部每月开展主题党日" {
		t.Errorf("file after restore: %q %v", b, err)
	}
	if got, _ := s.SearchLibrary(ctx, "党日"); len(got) != 1 {
		t.Errorf("search after restore: %d", len(got))
	}
}
