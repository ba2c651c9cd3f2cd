package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// longText is real prose with numbers, dates, a phone number and every kind
// of punctuation the breaker has rules for, long enough to wrap many times.
const longText = "根据《中国共产党章程》和《中国共产党基层组织选举工作条例》的有关规定，" +
	"经党员大会选举，第一车队党支部委员会于2023年12月1日产生，任期3年，" +
	"至2026-12-01届满。支部现有党员12名（其中预备党员2名、流动党员1名），" +
	"党建联络人王小明，联系电话13800138000。请各支部“对照标准、逐项检查”，" +
	"于11月30日前将换届准备工作方案（含候选人初步人选、选举办法草案、" +
	"大会议程）报党总支审核；逾期未换届的，应书面说明原因并明确换届时间！" +
	"A4纸双面打印，页码居中；附件：1. 选举办法；2. 候选人名单。"

func TestRenderPageXofY(t *testing.T) {
	meta := Meta{Title: "测试文档", Org: "某某公交公司党总支", Subject: "分页测试"}
	path, pages := renderTest(t, "pages.pdf", Portrait, meta, func(d *Doc) error {
		d.Title("分页测试")
		for i := 1; i <= 40; i++ {
			d.Paragraph(fmt.Sprintf("第%d段。", i) + longText)
		}
		return nil
	})
	if pages < 3 {
		t.Fatalf("want several pages, got %d", pages)
	}
	info := poppler(t, "pdfinfo", path)
	if !regexp.MustCompile(`(?m)^Pages:\s+` + strconv.Itoa(pages) + `$`).MatchString(info) {
		t.Errorf("pdfinfo disagrees with %d pages:\n%s", pages, info)
	}
	for n := 1; n <= pages; n++ {
		txt := pageText(t, path, n)
		assertContains(t, fmt.Sprintf("page %d", n), txt,
			fmt.Sprintf("第 %d 页 / 共 %d 页", n, pages), "测试文档", "某某公交公司党总支")
	}
	// The running header and footer interrupt a paragraph that crosses a
	// page; take them out before looking for it whole.
	all := squash(pageText(t, path, 0))
	for n := 1; n <= pages; n++ {
		all = strings.Replace(all, squash(fmt.Sprintf("第 %d 页 / 共 %d 页", n, pages)+"测试文档某某公交公司党总支"), "", 1)
	}
	for i := 1; i <= 40; i++ {
		// Every paragraph whole, across line and page breaks.
		if !strings.Contains(all, squash(fmt.Sprintf("第%d段。", i)+longText)) {
			t.Errorf("paragraph %d not extracted whole", i)
		}
	}
}

func TestRenderMetadataAndFont(t *testing.T) {
	meta := Meta{Title: "组织架构表", Org: "某某党总支", Subject: "党组织架构", Keywords: "党建 组织"}
	path, _ := renderTest(t, "meta.pdf", Portrait, meta, func(d *Doc) error {
		d.Title("组织架构表")
		d.Paragraph(longText)
		return nil
	})
	info := poppler(t, "pdfinfo", path)
	for _, want := range []string{"Title:           组织架构表", "Subject:         党组织架构", "Author:          党建工作台", "Creator:         党建工作台", "Keywords:        党建 组织"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	fonts := poppler(t, "pdffonts", path)
	m := regexp.MustCompile(`(?m)^[A-Z]{6}\+WenQuanYiMicroHei\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes`).FindString(fonts)
	if m == "" {
		t.Errorf("font not embedded as a tagged subset:\n%s", fonts)
	}
	if n := strings.Count(fonts, "\n"); n != 3 {
		t.Errorf("want exactly one font:\n%s", fonts)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() > 100<<10 {
		t.Errorf("PDF is %d bytes: the whole font seems embedded", fi.Size())
	}
}

func TestRenderMarksSettle(t *testing.T) {
	// A table of contents printed before its sections: page numbers come
	// from the previous pass and must be right in the final one.
	var final map[string]int
	path, _ := renderTest(t, "toc.pdf", Portrait, Meta{Title: "目录测试"}, func(d *Doc) error {
		d.Title("目录")
		for i := 1; i <= 3; i++ {
			d.Text(fmt.Sprintf("第%d节 …… %d", i, d.PageOf(fmt.Sprint(i))), TextStyle{})
		}
		for i := 1; i <= 3; i++ {
			d.NewPage()
			d.Mark(fmt.Sprint(i))
			d.Heading(fmt.Sprintf("第%d节", i), 0, 10)
			for k := 0; k < i*8; k++ {
				d.Paragraph(longText)
			}
		}
		final = d.marks
		return nil
	})
	toc := pageText(t, path, 1)
	for i := 1; i <= 3; i++ {
		p := final[fmt.Sprint(i)]
		assertContains(t, "toc", toc, fmt.Sprintf("第%d节 …… %d", i, p))
		assertContains(t, fmt.Sprintf("page %d", p), pageText(t, path, p), fmt.Sprintf("第%d节", i))
	}
}

func TestRenderErrors(t *testing.T) {
	boom := errors.New("boom")
	if _, err := Render(io.Discard, Portrait, Meta{}, func(d *Doc) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("build error not returned: %v", err)
	}
	_, err := Render(io.Discard, Portrait, Meta{}, func(d *Doc) error {
		tb := d.NewTable([]Column{{Title: "甲", Width: 30}}, TableStyle{})
		tb.Row("一", "二")
		tb.End()
		return nil
	})
	if err == nil {
		t.Error("a row with more cells than columns must fail")
	}
	// A layout that never settles is reported, not printed wrong.
	_, err = Render(io.Discard, Portrait, Meta{}, func(d *Doc) error {
		for i := 0; i < d.Pass(); i++ {
			d.NewPage()
		}
		return nil
	})
	if err == nil {
		t.Error("unsettled layout must fail")
	}
}

func TestBookmarks(t *testing.T) {
	var buf bytes.Buffer
	_, err := Render(&buf, Portrait, Meta{Title: "书签"}, func(d *Doc) error {
		d.Heading("某某公交公司党总支", 0, 10)
		d.Heading("第一车队党支部（12人）", 1, 10)
		d.Heading("第一党小组", 2, 10)
		d.Heading("第二车队党支部", 1, 10)
		d.Heading("跳级的“书签”（括号）\\斜杠", 3, 10)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := readOutline(t, buf.Bytes())
	want := []outlineItem{
		{"某某公交公司党总支", 0},
		{"第一车队党支部（12人）", 1},
		{"第一党小组", 2},
		{"第二车队党支部", 1},
		{"跳级的“书签”（括号）\\斜杠", 2},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("outline = %v, want %v", got, want)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	err := WriteFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return errors.New("printer on fire")
	})
	if err == nil {
		t.Fatal("error lost")
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("failed write replaced the file: %q", b)
	}
	if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("file = %q", b)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v not kept", fi.Mode().Perm())
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("temporary files left: %v", ents)
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"党支部", "党支部"},
		{"a\tb", "a b"},
		{"a\x00b\x0bc", "abc"},
		{"行一\n行二\r\n", "行一\n行二\r\n"},
		{"\xff张", "〓张"},
		{"𠮷野", "〓野"},
		{"�", "�"},
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTextSurvivesOddInput(t *testing.T) {
	path, _ := renderTest(t, "odd.pdf", Portrait, Meta{}, func(d *Doc) error {
		d.Text("姓名：𠮷野\t张三\x00（曾用名）\n\n空行之后 ABC-123", TextStyle{})
		return nil
	})
	assertContains(t, "odd", pageText(t, path, 1), "姓名：〓野 张三（曾用名）", "空行之后 ABC-123")
}

// TestSealedFooter: a document written through Sealed carries the log's
// 校验码 in every footer, beside the page number; without it, none.
func TestSealedFooter(t *testing.T) {
	const seal = "日志 1234 条 · a1b2c3d4"
	build := func(d *Doc) error {
		d.Title("校验码测试")
		for i := 1; i <= 30; i++ {
			d.Paragraph(fmt.Sprintf("第%d段。", i) + longText)
		}
		return nil
	}
	meta := Meta{Title: "测试文档", Org: "某某公交公司党总支", Created: testTime}
	path := filepath.Join(t.TempDir(), "sealed.pdf")
	var pages int
	if err := WriteFileAtomic(path, func(w io.Writer) error {
		var err error
		pages, err = Render(Sealed(w, seal), Portrait, meta, build)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	keep(t, path, "sealed.pdf")
	if pages < 2 {
		t.Fatalf("want several pages, got %d", pages)
	}
	for n := 1; n <= pages; n++ {
		assertContains(t, fmt.Sprintf("page %d", n), pageText(t, path, n),
			fmt.Sprintf("第 %d 页 / 共 %d 页", n, pages), "校验码 "+seal)
	}
	plain, _ := renderTest(t, "plain.pdf", Portrait, meta, build)
	if txt := pageText(t, plain, 0); strings.Contains(txt, "a1b2c3d4") {
		t.Errorf("a document not sealed carries a 校验码:\n%s", txt)
	}
}

// TestWriteFileAtomicSaysWhatToDo: writing over a folder or into a missing
// folder is explained in Chinese, not "rename … file exists".
func TestWriteFileAtomicSaysWhatToDo(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "文件夹")
	if err := os.MkdirAll(filepath.Join(sub, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(w io.Writer) error { _, err := w.Write([]byte("%PDF")); return err }
	for _, c := range []struct {
		path, want string
	}{
		{sub, "是一个文件夹"},
		{filepath.Join(dir, "没有", "a.pdf"), "不存在"},
	} {
		err := WriteFileAtomic(c.path, write)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "rename") {
			t.Errorf("%s: %v, want %q", c.path, err, c.want)
		}
	}
}
