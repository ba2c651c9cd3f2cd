package data

import (
	"bytes"
	"compress/zlib"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A hand-made PDF with a ToUnicode map (bfchar and bfrange), a Flate
// content stream with a hex TJ array and an escaped literal string.
func TestLibraryPDFText(t *testing.T) {
	cmap := "/CIDInit /ProcSet findresource begin\nbegincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n" +
		"2 beginbfchar\n<0001> <515A>\n<0002> <8D39>\nendbfchar\n1 beginbfrange\n<0010> <0012> <7EC4>\nendbfrange\nendcmap\n"
	// 0010-0012 → 组 (7EC4) 组+1 组+2; 0001 党 0002 费.
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte("BT /F1 12 Tf 72 700 Td [<00010002> -120 <0010>] TJ ET\nBT 72 680 Td (\\(Hi\\) a\\\\b) Tj ET\n"))
	w.Close()
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n1 0 obj\n<</Length " + strconv.Itoa(len(cmap)) + ">>\nstream\n" + cmap + "endstream\nendobj\n")
	b.WriteString("2 0 obj\n<</Filter /FlateDecode /Length " + strconv.Itoa(z.Len()) + ">>\nstream\n")
	b.Write(z.Bytes())
	b.WriteString("\nendstream\nendobj\n%%EOF\n")
	p := filepath.Join(t.TempDir(), "a.pdf")
	os.WriteFile(p, b.Bytes(), 0o600)
	got, err := ExtractLibraryText(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := "党费组\n (Hi) a\\b"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	s := openTest(t)
	if _, err := s.AddLibraryFile(context.Background(), RoleOffice, LibraryDoc{Title: "文件", Category: "学习资料"}, p); err != nil {
		t.Fatal(err)
	}
	if found, _ := s.SearchLibrary(context.Background(), "党费"); len(found) != 1 {
		t.Errorf("PDF text not searched: %d", len(found))
	}
	if !strings.Contains(got, "党费") {
		t.Error("no 党费")
	}
}
