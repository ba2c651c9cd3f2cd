package ui

import (
	"archive/zip"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestLibraryThroughUI: the office adds a .docx through the screen, finds
// it by a two-character word of its text, opens it; the 工作清单 tab lists
// the shipped items.
func TestLibraryThroughUI(t *testing.T) {
	sh, opened := newTestShell(t)
	docx := filepath.Join(t.TempDir(), "党费规定.docx")
	f, _ := os.Create(docx)
	z := zip.NewWriter(f)
	w, _ := z.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>党员应当按月交纳党费</w:t></w:r></w:p></w:body></w:document>`))
	z.Close()
	f.Close()
	sh.pickFile = func(_ bool, _ fileChoice, pick func(string)) { pick(docx) }
	if !sh.Show("资料库") {
		t.Fatal("no 资料库 screen")
	}
	s := sh.current.(*libraryScreen)
	test.Tap(s.addBt)
	if s.editor == nil || s.editor.title.Text != "党费规定" {
		t.Fatalf("editor %+v", s.editor)
	}
	s.editor.category.SetSelected("制度规定")
	s.editor.tags.SetText("党费，制度")
	if err := s.editor.fd.Save(); err != nil {
		t.Fatal(err)
	}
	if len(s.docs) != 1 {
		t.Fatalf("listed %d", len(s.docs))
	}
	for _, c := range []struct {
		q    string
		want int
	}{{"交纳", 1}, {"按月", 1}, {"会议", 0}} {
		s.query.SetText(c.q)
		s.reload()
		if len(s.docs) != c.want {
			t.Errorf("search %q: %d", c.q, len(s.docs))
		}
	}
	s.query.SetText("交纳")
	s.category.SetSelected("学习资料")
	if len(s.docs) != 0 {
		t.Errorf("category filter ignored: %d", len(s.docs))
	}
	s.category.SetSelected("制度规定")
	s.list.OnSelect(0)
	test.Tap(s.openBt)
	if len(*opened) != 1 || filepath.Dir((*opened)[0]) != sh.store.AttachmentDir() {
		t.Errorf("opened %v", *opened)
	}
	if !sh.Show("资料库/工作清单") || len(s.items) == 0 {
		t.Errorf("工作清单 tab: %d items", len(s.items))
	}
}
