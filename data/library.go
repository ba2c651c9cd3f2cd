package data

// 资料库: documents (PDF, Word .docx, images, text) kept in the app's
// attachment folder with a title, a category, tags and a date, found by
// words of their title, tags, description and — for .pdf, .docx and .txt
// files — their text (PDF: library_pdf.go; images and old .doc files are
// found by title, tags and description only).

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// EntityLibraryDoc is the audit entity of a library document.
const EntityLibraryDoc = "library_doc"

// Library categories.
var LibraryCategories = []string{"学习资料", "制度规定", "会议模板", "工作清单"}

// LibraryDoc is one document of the library.
type LibraryDoc struct {
	ID          int64  `json:"id"`
	Title       string `json:"title"`
	Category    string `json:"category"`
	Tags        string `json:"tags"` // comma-separated, as normalised by SaveLibraryDoc
	Date        Date   `json:"date"`
	Description string `json:"description"`
	FileName    string `json:"file_name"`
	StoredName  string `json:"stored_name"`
	SHA256      string `json:"sha256"`
	Size        int64  `json:"size"`
	// Content is the text extracted from a .pdf, .docx or .txt file (""
	// for images and other kinds).
	Content string `json:"content"`
}

// TagList splits Tags.
func (d LibraryDoc) TagList() []string {
	var out []string
	for _, t := range strings.Split(d.Tags, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// TextIndexed says whether the file's own text is searched (.pdf, .docx, .txt).
func (d LibraryDoc) TextIndexed() bool { return LibraryTextIndexed(d.FileName) }

// LibraryTextIndexed says whether a file of this name has its text searched.
func LibraryTextIndexed(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx", ".txt", ".pdf":
		return true
	}
	return false
}

// normTags normalises a tag list typed with commas (ASCII or Chinese),
// 、 or spaces: trimmed, duplicates dropped, joined by ",".
func normTags(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ' ' || r == '\t' })
	var out []string
	seen := map[string]bool{}
	for _, t := range f {
		if t = strings.TrimSpace(t); t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return strings.Join(out, ",")
}

// ValidateLibraryDoc lists what keeps a document from being saved.
func ValidateLibraryDoc(d LibraryDoc) []FieldIssue {
	var out []FieldIssue
	if strings.TrimSpace(d.Title) == "" {
		out = append(out, FieldIssue{"title", "请填写标题"})
	}
	ok := false
	for _, c := range LibraryCategories {
		ok = ok || c == d.Category
	}
	if !ok {
		out = append(out, FieldIssue{"category", "请选择分类：" + strings.Join(LibraryCategories, " / ")})
	}
	if d.Date.IsZero() || !d.Date.Valid() {
		out = append(out, FieldIssue{"date", "请填写日期"})
	}
	return out
}

// maxLibraryText caps the stored extracted text of one document.
const maxLibraryText = 2 << 20

// ExtractLibraryText is the searchable text of a file: the paragraphs of a
// .docx's word/document.xml, the shown strings of a PDF, a .txt as is
// (UTF-8); "" for other kinds.
func ExtractLibraryText(path string) (string, error) {
	var text string
	switch strings.ToLower(filepath.Ext(path)) {
	case ".docx":
		t, err := docxText(path)
		if err != nil {
			return "", err
		}
		text = t
	case ".pdf":
		t, err := pdfText(path)
		if err != nil {
			return "", err
		}
		text = t
	case ".txt":
		b, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		if !utf8.Valid(b) {
			b = []byte(strings.ToValidUTF8(string(b), ""))
		}
		text = string(b)
	}
	if len(text) > maxLibraryText {
		text = strings.ToValidUTF8(text[:maxLibraryText], "")
	}
	return text, nil
}

// docxText reads the text runs (w:t) of word/document.xml, a paragraph
// (w:p) a line, a tab or break a space.
func docxText(path string) (string, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return "", err
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return "", err
		}
		defer rc.Close()
		dec := xml.NewDecoder(io.LimitReader(rc, 64<<20))
		var b strings.Builder
		inText := false
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				return "", err
			}
			switch t := tok.(type) {
			case xml.StartElement:
				switch t.Name.Local {
				case "t":
					inText = true
				case "tab", "br":
					b.WriteString(" ")
				}
			case xml.EndElement:
				switch t.Name.Local {
				case "t":
					inText = false
				case "p":
					b.WriteString("\n")
				}
			case xml.CharData:
				if inText {
					b.Write(t)
				}
			}
		}
		return strings.TrimSpace(b.String()), nil
	}
	return "", os.ErrNotExist
}
