// Package report prints domain records as A4 PDF documents that look like the
// paper forms they replace: layout primitives (pages with running header and
// "第 x 页 / 共 y 页" footer, paragraphs, ruled tables, bookmarks) and one file
// per printed form.
//
// All text goes through BreakLines and is written one line at a time with
// CellFormat: gofpdf's own MultiCell and SplitText drop a Chinese character
// at every automatic line break and know no Chinese line-breaking rules.
package report

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"dangjian/assets"

	"github.com/jung-kurt/gofpdf"
)

// Creator names the application in PDF metadata.
const Creator = "党建工作台"

// Orientation of an A4 page.
type Orientation int

const (
	Portrait Orientation = iota
	Landscape
)

// Align is horizontal text alignment. Justified text is deliberately absent:
// gofpdf justifies by stretching spaces, which Chinese lines do not have.
type Align int

const (
	AlignDefault Align = iota // left for text, the column's alignment for table cells
	AlignLeft
	AlignCenter
	AlignRight
)

func (a Align) or(def Align) Align {
	if a == AlignDefault {
		return def
	}
	return a
}

func (a Align) pdf() string {
	switch a {
	case AlignCenter:
		return "C"
	case AlignRight:
		return "R"
	}
	return "L"
}

// Meta describes a document: the running header shows Title and Org, and all
// fields go into the PDF's document information (UTF-8 safe).
type Meta struct {
	Title    string // 文档标题, e.g. 组织架构表
	Org      string // 单位名称 printed at the right of the running header
	Subject  string
	Author   string // defaults to Creator
	Keywords string
	// Created stamps the document; zero means now. Fixing it makes output
	// reproducible byte for byte.
	Created time.Time
	// Cover: the first page is a cover (卷皮) and carries no running header
	// or footer; it still counts as page 1.
	Cover bool
	// Seal is printed small at the right of every footer: the 操作日志's
	// 校验码 when the record was printed ("日志 1234 条 · a1b2c3d4"), so
	// the paper in the office's files anchors the log. Set by Sealed.
	Seal string
}

// Sealed wraps w so that a document rendered into it carries seal in every
// page footer (Meta.Seal), whichever form is printed.
func Sealed(w io.Writer, seal string) io.Writer { return sealedWriter{w, seal} }

type sealedWriter struct {
	io.Writer
	seal string
}

// Chinese type sizes in points, named as offices name them.
const (
	SizeXiaoWu = 9    // 小五: dense tables
	SizeWu     = 10.5 // 五号: tables and forms
	SizeXiaoSi = 12   // 小四: body text
	SizeSi     = 14   // 四号: headings
	SizeSan    = 16   // 三号
	SizeXiaoEr = 18   // 小二: document titles
)

// Page geometry in mm. The left margin is wider for binding (装订) in a file
// folder; the header and footer sit inside the top and bottom margins.
const (
	marginLeft   = 25
	marginRight  = 20
	marginTop    = 22
	marginBottom = 20
	headerY      = 10
	footerY      = 10 // distance of the footer's top from the bottom edge
	lineThin     = 0.2
	lineBold     = 0.5
	ptMM         = 25.4 / 72
)

// fontFamily is the name the font is registered under. gofpdf names the
// embedded font "utf8"+family, which lacks the subset tag (ABCDEF+) that the
// PDF specification requires for subset fonts and that tools use to tell a
// subset from a full embed; finish renames it, so the family must have
// exactly the length of the name put in its place.
const (
	fontFamily = "wqy-micro-hei-subset"
	fontPDF    = "utf8" + fontFamily
	fontTagged = "AAAAAA+WenQuanYiMicroHei"
)

// maxPasses bounds the layout passes. The first counts pages and records
// marks; the next uses them. A third is needed only when printing the page
// numbers changed the layout, which real forms do not do.
const maxPasses = 4

// Doc is a document being laid out. Build functions receive one from Render
// and write into it top to bottom; the methods start new pages as needed.
// Errors are remembered and returned by Render.
type Doc struct {
	pdf     *gofpdf.Fpdf
	meta    Meta
	pageW   float64
	pageH   float64
	pass    int
	total   int            // pages counted by the previous pass; 0 in the first
	prev    map[string]int // marks of the previous pass
	marks   map[string]int
	bmLvl   int        // level of the last bookmark, to keep the outline well formed
	wm      string     // watermark of the pages started from now on
	wmPage  int        // last page the watermark was drawn on
	running string     // running header title replacing meta.Title; "" for none
	numIdx  int        // numbering runs started by RestartPageNumbers
	numFrom int        // first page of the current numbering run
	chunk   bool       // a chunk of a streamed document: bookmarks collected in outline
	outline []bookmark // the bookmarks of a chunk
	err     error
}

// Render lays out a document with build and writes the PDF to w, returning
// its page count. build runs more than once (normally twice): the first run
// counts pages and records marks, so that the final run can print
// "共 y 页" and page references (Doc.PageOf) exactly. build must therefore
// produce the same content on every run and have no effects outside d.
func Render(w io.Writer, orient Orientation, meta Meta, build func(d *Doc) error) (int, error) {
	pages, _, err := render(w, orient, meta, build, renderOptions{})
	return pages, err
}

// renderOptions change how render lays out and writes a document.
type renderOptions struct {
	// chunk renders a part of a streamed document (see stream.go): the
	// bookmarks are returned rather than written, and the page content is
	// left uncompressed for the joiner to compress.
	chunk bool
	// guess, when not nil, is what the first pass is expected to find (the
	// marks, with the page count under guessPages): the first pass then
	// prints with them, and when it finds them right it is the only pass.
	guess map[string]int
}

// fontCopies are copies of the font for chunks rendered side by side.
var fontCopies = sync.Pool{New: func() any { return slices.Clone(assets.FontTTF) }}

// guessPages is the key of the page count in renderOptions.guess.
const guessPages = "\x00pages"

func render(w io.Writer, orient Orientation, meta Meta, build func(d *Doc) error, ro renderOptions) (int, []bookmark, error) {
	if sw, ok := w.(sealedWriter); ok && meta.Seal == "" {
		meta.Seal = sw.seal
	}
	total, marks := 0, map[string]int{}
	first := 1
	if ro.guess != nil {
		// Printed as a second pass would print it, with the guess as the
		// first pass's findings.
		first = 2
		marks = maps.Clone(ro.guess)
		total = marks[guessPages]
		delete(marks, guessPages)
	}
	var font []byte
	if ro.chunk {
		// gofpdf pads the font's tables in place as it cuts the subset, so
		// chunks rendered side by side each use their own copy.
		font = fontCopies.Get().([]byte)
		defer fontCopies.Put(font)
	}
	for pass := first; pass <= maxPasses; pass++ {
		d := newDoc(orient, meta, pass, total, marks, ro.chunk, font)
		if err := build(d); err != nil {
			return 0, nil, err
		}
		if d.err != nil {
			if strings.HasPrefix(d.err.Error(), "report: ") {
				// A layout mistake of ours, not the user's data.
				return 0, nil, fmt.Errorf("生成 PDF 时出错（%w），请把这份记录的内容报告给维护人员", d.err)
			}
			return 0, nil, d.err
		}
		if err := d.pdf.Error(); err != nil {
			return 0, nil, fmt.Errorf("生成 PDF 时出错（%w），请把这份记录的内容报告给维护人员", err)
		}
		pages := d.pdf.PageNo()
		if pass > 1 && pages == total && maps.Equal(d.marks, marks) {
			var buf bytes.Buffer
			if err := d.pdf.Output(&buf); err != nil {
				return 0, nil, fmt.Errorf("生成 PDF 时出错（%w），请把这份记录的内容报告给维护人员", err)
			}
			_, err := w.Write(tagSubset(buf.Bytes()))
			return pages, d.outline, err
		}
		total, marks = pages, d.marks
	}
	return 0, nil, errors.New("这份记录的分页无法确定（页码反复变化），请把这份记录的内容报告给维护人员")
}

// RenderFile is Render into a file, replaced atomically.
func RenderFile(path string, orient Orientation, meta Meta, build func(d *Doc) error) (int, error) {
	var pages int
	err := WriteFileAtomic(path, func(w io.Writer) error {
		var err error
		pages, err = Render(w, orient, meta, build)
		return err
	})
	return pages, err
}

// WriteFileAtomic writes a file through write into a temporary file in the
// same directory and renames it into place, so a failed or interrupted print
// never leaves a truncated PDF where a good one was. A new file is readable
// by its owner only (0600): printed records and exports hold personal data.
func WriteFileAtomic(path string, write func(w io.Writer) error) (err error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("“%s”是一个文件夹，不能写成文件：请在它后面加上文件名，如 %s", path, filepath.Join(path, "输出.pdf"))
	}
	defer func() {
		if err != nil {
			err = fileProblem(path, err)
		}
	}()
	mode := os.FileMode(0o600)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriter(f)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp, mode); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// fileProblem says in Chinese what went wrong writing path and what to do;
// an error from the document itself is returned as it is.
func fileProblem(path string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	if !errors.As(err, &pe) && !errors.As(err, &le) {
		return err
	}
	dir := filepath.Dir(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && fileExists(dir):
		return fmt.Errorf("无法在文件夹“%s”中建立文件“%s”：请换一个位置", dir, filepath.Base(path))
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("文件夹“%s”不存在，无法写入“%s”：请先建立这个文件夹，或换一个位置", dir, filepath.Base(path))
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return fmt.Errorf("没有权限写入“%s”：请换一个可以写入的文件夹（如“文档”或桌面），或关闭正在打开这个文件的程序后重试", path)
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("磁盘已满，无法写入“%s”：请腾出空间或换一个磁盘", path)
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("无法替换“%s”：那里已有同名的文件夹或被占用的文件，请换一个文件名", path)
	}
	return fmt.Errorf("无法写入“%s”，请换一个位置或文件名后重试（%v）", path, errors.Unwrap(err))
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// newDoc starts a document. font is the TrueType font's bytes, nil for
// assets.FontTTF.
func newDoc(orient Orientation, meta Meta, pass, total int, prev map[string]int, chunk bool, font []byte) *Doc {
	o := "P"
	if orient == Landscape {
		o = "L"
	}
	pdf := gofpdf.New(o, "mm", "A4", "")
	d := &Doc{pdf: pdf, meta: meta, pass: pass, total: total, prev: prev, marks: map[string]int{}, numFrom: 1, chunk: chunk}
	if chunk {
		pdf.SetCompression(false) // the joiner compresses, with one compressor for all pages
	}
	d.pageW, d.pageH = pdf.GetPageSize()
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetAutoPageBreak(false, marginBottom) // breaks are ours: tables must control them
	pdf.SetCellMargin(0)                      // padding is ours too, so widths are exact
	if font == nil {
		font = assets.FontTTF
	}
	pdf.AddUTF8FontFromBytes(fontFamily, "", font)
	pdf.SetFont(fontFamily, "", SizeWu)

	author := meta.Author
	if author == "" {
		author = Creator
	}
	// gofpdf writes an empty field as a bare byte-order mark; leave it out.
	for _, f := range []struct {
		set func(string, bool)
		s   string
	}{{pdf.SetTitle, meta.Title}, {pdf.SetSubject, meta.Subject}, {pdf.SetAuthor, author}, {pdf.SetKeywords, meta.Keywords}} {
		if f.s != "" {
			f.set(clean(f.s), true)
		}
	}
	pdf.SetCreator(Creator, true)
	pdf.SetProducer(Creator+"（gofpdf）", true)
	if !meta.Created.IsZero() {
		pdf.SetCreationDate(meta.Created)
		pdf.SetModificationDate(meta.Created)
	}
	pdf.SetHeaderFuncMode(d.header, true)
	pdf.SetFooterFunc(d.footer)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetTextColor(0, 0, 0)
	pdf.SetLineWidth(lineThin)
	pdf.AddPage()
	return d
}

func (d *Doc) header() {
	p := d.pdf
	if d.wm != "" {
		d.drawWatermark()
	}
	if d.meta.Cover && p.PageNo() == 1 {
		return
	}
	title, org := clean(d.meta.Title), clean(d.meta.Org)
	if d.running != "" {
		title = clean(d.running)
	}
	if title == "" && org == "" {
		return
	}
	w := d.ContentWidth()
	size := 9.0
	d.setSize(size)
	// A running head is one line: shrink rather than wrap or cut.
	if need := p.GetStringWidth(title) + p.GetStringWidth(org) + 10; need > w {
		size *= w / need
		d.setSize(size)
	}
	p.SetTextColor(64, 64, 64)
	h := 5.0
	p.SetXY(marginLeft, headerY)
	p.CellFormat(w, h, title, "", 0, "L", false, 0, "")
	p.SetXY(marginLeft, headerY)
	p.CellFormat(w, h, org, "", 0, "R", false, 0, "")
	p.SetLineWidth(0.3)
	p.Line(marginLeft, headerY+h+1, d.pageW-marginRight, headerY+h+1)
}

func (d *Doc) footer() {
	p := d.pdf
	if d.meta.Cover && p.PageNo() == 1 {
		return
	}
	d.setSize(9)
	p.SetTextColor(64, 64, 64)
	page, total := d.numbering()
	p.SetXY(marginLeft, d.pageH-footerY-5)
	p.CellFormat(d.ContentWidth(), 5, fmt.Sprintf("第 %d 页 / 共 %d 页", page, total), "", 0, "C", false, 0, "")
	if seal := clean(d.meta.Seal); seal != "" {
		d.setSize(7.5)
		p.SetTextColor(96, 96, 96)
		p.SetXY(marginLeft, d.pageH-footerY-5)
		p.CellFormat(d.ContentWidth(), 5, "校验码 "+seal, "", 0, "R", false, 0, "")
	}
}

// numbering is the current page's number and the page count of its
// numbering run: the whole document unless RestartPageNumbers split it.
func (d *Doc) numbering() (page, total int) {
	page = d.PageNo() - d.numFrom + 1
	last := d.total
	if next := d.prev[numKey(d.numIdx+1)]; next > 0 {
		last = next - 1
	}
	total = last - d.numFrom + 1
	if total < page { // first pass: not known yet, and not printed
		total = page
	}
	return page, total
}

func numKey(i int) string { return "\x00numbering-" + fmt.Sprint(i) }

// RestartPageNumbers starts a new page numbering run at the current page,
// which must be fresh (call it just after NewPage): its footers count from
// "第 1 页" and "共 y 页" counts the pages up to the next run, so that each
// member's form in a batch is numbered on its own.
func (d *Doc) RestartPageNumbers() {
	d.numIdx++
	d.numFrom = d.PageNo()
	d.marks[numKey(d.numIdx)] = d.PageNo()
}

// Watermark sets a word printed large, faint and aslant across every page
// started from now on, under the text, such as 草稿 on minutes not yet
// approved; "" stops it. The current page gets it too when nothing has
// been written on it yet, so a document's first page is covered when build
// sets the watermark before writing, and a section that starts on a new page
// sets it just before calling NewPage.
func (d *Doc) Watermark(text string) {
	d.wm = clean(strings.ReplaceAll(text, "\n", " "))
	if d.wm != "" && d.atTop() && d.wmPage != d.PageNo() {
		d.drawWatermark()
	}
}

func (d *Doc) drawWatermark() {
	p := d.pdf
	d.wmPage = p.PageNo()
	x, y := p.GetXY()
	size, _ := p.GetFontSize()
	// As large as fits along the page's diagonal band, at most 110 pt.
	pt := 110.0
	d.setSize(pt)
	if w := p.GetStringWidth(d.wm); w > d.pageW*0.9 {
		pt *= d.pageW * 0.9 / w
		d.setSize(pt)
	}
	w, h := p.GetStringWidth(d.wm), pt*ptMM
	cx, cy := d.pageW/2, d.pageH/2
	r, g, b := p.GetTextColor()
	p.SetTextColor(228, 228, 228)
	p.TransformBegin()
	p.TransformRotate(35, cx, cy)
	p.SetXY(cx-w/2, cy-h/2)
	p.CellFormat(w, h, d.wm, "", 0, "C", false, 0, "")
	p.TransformEnd()
	p.SetTextColor(r, g, b)
	d.setSize(size)
	p.SetXY(x, y)
}

// RunningTitle replaces Meta.Title in the running header of the pages
// started from now on, so that each page of a volume of many records says
// whose it is; "" goes back to Meta.Title. The document's metadata keep
// Meta.Title.
func (d *Doc) RunningTitle(title string) { d.running = title }

// Pass is the layout pass, from 1. Build functions rarely need it: PageOf and
// TotalPages already hide the difference.
func (d *Doc) Pass() int { return d.pass }

// PageNo is the current page, from 1.
func (d *Doc) PageNo() int { return d.pdf.PageNo() }

// TotalPages is the document's page count as laid out by the previous pass,
// or 0 during the first pass.
func (d *Doc) TotalPages() int { return d.total }

// Mark records that key is on the current page, for PageOf in the next pass
// (a table of contents printed before the sections it lists).
func (d *Doc) Mark(key string) { d.marks[key] = d.PageNo() }

// PageOf is the page key was marked on in the previous pass, or 0 during the
// first pass. Content that prints it must take the same space whatever the
// number, or the layout may not settle.
func (d *Doc) PageOf(key string) int { return d.prev[key] }

// ContentWidth is the width between the margins, in mm.
func (d *Doc) ContentWidth() float64 { return d.pageW - marginLeft - marginRight }

// Y is the current vertical position, in mm from the top edge.
func (d *Doc) Y() float64 { return d.pdf.GetY() }

// Remaining is the height left on the current page above the bottom margin.
func (d *Doc) Remaining() float64 { return d.bottom() - d.pdf.GetY() }

func (d *Doc) bottom() float64 { return d.pageH - marginBottom }

// bodyHeight is the usable height of a whole page.
func (d *Doc) bodyHeight() float64 { return d.bottom() - marginTop }

func (d *Doc) atTop() bool { return d.pdf.GetY() <= marginTop+eps }

// KeepTogether starts a new page unless h mm fit on this one, so that a
// block of that height (a signature block, a note and what it annotates)
// is not split. A block taller than a whole page is left to flow: a new
// page would not hold it either. It reports whether it broke the page.
func (d *Doc) KeepTogether(h float64) bool {
	if d.Remaining() < h-eps && !d.atTop() && h <= d.bodyHeight()+eps {
		d.NewPage()
		return true
	}
	return false
}

// TextHeight is the height Text takes for text in st, when no page break
// falls inside it.
func (d *Doc) TextHeight(text string, st TextStyle) float64 {
	return float64(len(d.textLines(text, st))) * st.lineHeight()
}

// TextKeep writes text as Text does, but keeps its last lines (at least
// last of them) on one page with next mm of what follows, so that what
// follows, such as the lines a record is signed on, never starts a page
// alone: when they do not fit, the page breaks before those lines. A text
// of no more than last lines moves whole.
func (d *Doc) TextKeep(text string, st TextStyle, last int, next float64) {
	lines := d.textLines(text, st)
	cut := max(len(lines)-max(last, 1), 0)
	// A page break just before the kept lines leaves the lines above it
	// where they are; the kept lines and next then open the next page.
	d.writeLines(lines[:cut], st, 0)
	d.KeepTogether(float64(len(lines)-cut)*st.lineHeight() + next)
	d.writeLines(lines[cut:], st, cut)
}

// NewPage ends the current page.
func (d *Doc) NewPage() {
	d.pdf.AddPage()
	d.pdf.SetXY(marginLeft, marginTop)
}

// EnsureSpace starts a new page unless h mm are left on this one. On a fresh
// page it does nothing: a new page would not have more room.
func (d *Doc) EnsureSpace(h float64) {
	if d.Remaining() < h-eps && !d.atTop() {
		d.NewPage()
	}
}

// Space moves down h mm, at most to the bottom margin; it is not carried onto
// a new page, whose top stays clean.
func (d *Doc) Space(h float64) {
	if d.atTop() {
		return
	}
	d.pdf.SetY(min(d.pdf.GetY()+h, d.bottom()))
}

// fail remembers the first error; Render returns it.
func (d *Doc) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

// Bookmark adds an entry to the PDF outline (the reader's sidebar) pointing
// at the current position. Level 0 is the top; a level deeper than one below
// the previous entry is raised, as the outline cannot skip levels.
func (d *Doc) Bookmark(title string, level int) {
	if level < 0 {
		level = 0
	}
	if level > d.bmLvl+1 {
		level = d.bmLvl + 1
	}
	d.bmLvl = level
	title = clean(strings.ReplaceAll(title, "\n", " "))
	if d.chunk {
		// Written by the joiner, as gofpdf would: at the current position.
		d.outline = append(d.outline, bookmark{title: title, level: level, page: d.PageNo(),
			destY: (d.pageH - d.pdf.GetY()) * d.pdf.GetConversionRatio()})
		return
	}
	d.pdf.Bookmark(title, level, -1)
}

// TextStyle shapes a block of text.
type TextStyle struct {
	Size        float64 // points; 0 means 五号 (10.5)
	Align       Align   // left by default
	Indent      float64 // mm from the left margin, every line
	FirstIndent float64 // mm more on the first line; Chinese paragraphs indent two characters
	Leading     float64 // line height as a multiple of Size; 0 means 1.5
	Bold        bool    // the font has no bold face: drawn with a thin outline
}

func (st TextStyle) size() float64 {
	if st.Size <= 0 {
		return SizeWu
	}
	return st.Size
}

func (st TextStyle) lineHeight() float64 {
	l := st.Leading
	if l <= 0 {
		l = 1.5
	}
	return st.size() * ptMM * l
}

// Text writes a block of text from the current position, wrapping it with
// BreakLines and starting new pages as needed.
func (d *Doc) Text(text string, st TextStyle) {
	d.writeLines(d.textLines(text, st), st, 0)
}

// textLines breaks text into the lines Text writes.
func (d *Doc) textLines(text string, st TextStyle) []string {
	d.setSize(st.size())
	w := d.ContentWidth() - st.Indent
	return breakLines(clean(text), w-st.FirstIndent, w, d.pdf.GetStringWidth)
}

// writeLines writes lines broken by textLines, from line first of the
// text (line 0 takes the first-line indent), starting pages as needed.
func (d *Doc) writeLines(lines []string, st TextStyle, first int) {
	p := d.pdf
	d.setSize(st.size())
	w := d.ContentWidth() - st.Indent
	lh := st.lineHeight()
	for j, l := range lines {
		i := first + j
		if d.Remaining() < lh-eps && !d.atTop() {
			d.NewPage()
		}
		d.setSize(st.size())
		x, lw := marginLeft+st.Indent, w
		if i == 0 {
			x += st.FirstIndent
			lw -= st.FirstIndent
		}
		y := p.GetY()
		d.writeLine(x, y, lw, lh, l, st.Align.or(AlignLeft), st.Bold)
		p.SetXY(marginLeft, y+lh)
	}
}

// Paragraph writes body text: 小四, first line indented two characters.
func (d *Doc) Paragraph(text string) {
	d.Text(text, TextStyle{Size: SizeXiaoSi, FirstIndent: 2 * SizeXiaoSi * ptMM, Leading: 1.6})
	d.Space(1.5)
}

// Title writes a document title: centred, 小二, bold, with space below.
func (d *Doc) Title(text string) {
	d.Text(text, TextStyle{Size: SizeXiaoEr, Align: AlignCenter, Bold: true, Leading: 1.4})
	d.Space(2)
}

// Heading writes a section heading and bookmarks it at level. It is kept with
// at least keep mm of what follows, so a heading never ends a page alone.
func (d *Doc) Heading(text string, level int, keep float64) {
	d.heading(text, level, keep, 0)
}

// heading is Heading indented by indent mm, for nested sections whose
// content is indented too.
func (d *Doc) heading(text string, level int, keep, indent float64) {
	st := TextStyle{Size: SizeSi, Bold: true, Leading: 1.5, Indent: indent}
	switch {
	case level == 1:
		st.Size = SizeXiaoSi
	case level >= 2:
		st.Size = SizeWu
	}
	d.Space(2)
	d.setSize(st.size())
	w := d.ContentWidth() - indent
	n := len(breakLines(clean(text), w, w, d.pdf.GetStringWidth))
	d.EnsureSpace(float64(n)*st.lineHeight() + keep)
	d.Bookmark(text, level)
	d.Text(text, st)
	d.Space(1)
}

// setSize selects a type size in points. gofpdf writes a font operator into
// the page on every call; measuring alone must not fill pages with them.
func (d *Doc) setSize(pt float64) {
	if cur, _ := d.pdf.GetFontSize(); cur != pt {
		d.pdf.SetFontSize(pt)
	}
}

// writeLine writes one line of text (no wrapping) in a box at (x, y).
func (d *Doc) writeLine(x, y, w, h float64, s string, a Align, bold bool) {
	p := d.pdf
	p.SetXY(x, y)
	if bold {
		lw := p.GetLineWidth()
		size, _ := p.GetFontSize()
		p.SetLineWidth(size * 0.025 * ptMM)
		p.SetTextRenderingMode(2)
		p.CellFormat(w, h, s, "", 0, a.pdf(), false, 0, "")
		p.SetTextRenderingMode(0)
		p.SetLineWidth(lw)
		return
	}
	p.CellFormat(w, h, s, "", 0, a.pdf(), false, 0, "")
}

// Image draws a JPEG fitted into the box at (x, y), w × h mm: as large as
// the box allows with its aspect kept, centred. It reports whether it drew:
// bytes that are not a JPEG a PDF can hold (grey, RGB or CMYK) draw nothing,
// so a damaged photo leaves its box empty instead of failing the print.
//
// The same bytes drawn again, on any page, are embedded once. The first
// layout pass only measures, and its output is never written, so it skips
// the embedding (copying and hashing the image), the expensive part.
//
// gofpdf writes images in map order, so a document with more than one image
// is not reproducible byte for byte even with Meta.Created fixed.
func (d *Doc) Image(jpg []byte, x, y, w, h float64) bool {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(jpg))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || w <= 0 || h <= 0 {
		return false
	}
	switch cfg.ColorModel {
	case color.GrayModel, color.YCbCrModel, color.CMYKModel:
	default:
		return false
	}
	d.placeImage(jpg, "JPG", cfg.Width, cfg.Height, x, y, w, h)
	return true
}

// ImagePNG draws a PNG as Image draws a JPEG: fitted and centred in the box,
// embedded once however often drawn. It draws nothing for bytes that are
// not a PNG a PDF can hold as it is (8 bits per channel, not interlaced),
// such as a chart from BarChartPNG.
func (d *Doc) ImagePNG(pngData []byte, x, y, w, h float64) bool {
	cfg, err := png.DecodeConfig(bytes.NewReader(pngData))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || w <= 0 || h <= 0 {
		return false
	}
	switch cfg.ColorModel.(type) {
	case color.Palette:
	default:
		switch cfg.ColorModel {
		case color.GrayModel, color.RGBAModel, color.NRGBAModel:
		default:
			return false
		}
	}
	// The IHDR chunk's last byte, at offset 28, is the interlace method.
	if len(pngData) < 29 || pngData[28] != 0 {
		return false
	}
	d.placeImage(pngData, "PNG", cfg.Width, cfg.Height, x, y, w, h)
	return true
}

// placeImage draws image bytes of a kind gofpdf reads (JPG, PNG) of
// pw × ph pixels, fitted into the box; see Image.
func (d *Doc) placeImage(b []byte, kind string, pw, ph int, x, y, w, h float64) {
	iw, ih := w, w*float64(ph)/float64(pw)
	if ih > h {
		iw, ih = h*float64(pw)/float64(ph), h
	}
	if d.pass == 1 {
		return
	}
	sum := sha256.Sum256(b)
	name := strings.ToLower(kind) + "-" + hex.EncodeToString(sum[:16])
	opt := gofpdf.ImageOptions{ImageType: kind}
	d.pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(b))
	d.pdf.ImageOptions(name, x+(w-iw)/2, y+(h-ih)/2, iw, ih, false, opt, 0, "")
}

// missing stands in for a character gofpdf cannot print: 〓 is what Chinese
// typesetters have always used for a missing glyph.
const missing = '〓'

// clean makes text safe for gofpdf, whose UTF-16 conversion garbles invalid
// UTF-8 and characters beyond the Basic Multilingual Plane (and indexes past
// its width table on them). Those become 〓 so the gap is visible; tabs become
// spaces; other control characters, which have no glyph, are dropped. Line
// breaks stay for the line breaker.
func clean(s string) string {
	ok := true
	for _, r := range s {
		if r == utf8.RuneError || r > 0xFFFF || (unicode.IsControl(r) && r != '\n' && r != '\r') {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1, r > 0xFFFF:
			b.WriteRune(missing)
		case r == '\t':
			b.WriteByte(' ')
		case r == '\n' || r == '\r' || !unicode.IsControl(r):
			b.WriteRune(r)
		}
		i += n
	}
	return b.String()
}

// tagSubset gives the embedded font a subset tag derived from the document,
// as the PDF specification asks of subset fonts; see fontFamily. The name is
// replaced by one of equal length, in place, so no offset in the file moves.
// Anything unexpected leaves the file as it is.
func tagSubset(pdf []byte) []byte {
	old := []byte("/" + fontPDF)
	if len(fontPDF) != len(fontTagged) || bytes.Count(pdf, old) != 3 {
		return pdf
	}
	sum := sha256.Sum256(pdf)
	name := []byte(fontTagged)
	for i := 0; i < 6; i++ {
		name[i] = 'A' + sum[i]%26
	}
	for rest := pdf; ; {
		i := bytes.Index(rest, old)
		if i < 0 {
			return pdf
		}
		copy(rest[i+1:], name)
		rest = rest[i+len(old):]
	}
}
