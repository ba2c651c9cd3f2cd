package report

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"dangjian/data"
)

// streamSet is a batch of forms for the streaming tests: demo members,
// some with photos (one photo shared by several), and two whose forms run
// over several pages (a long 备注, many history events), so that a chunk's
// one-pass guess (every form one page) is wrong for some chunks.
func streamSet(t *testing.T) ([]data.Member, MemberFormOptions) {
	t.Helper()
	ds := loadDemo(t, 60, 5)
	ms := append([]data.Member(nil), ds.members[:22]...)
	photos := map[int64][]byte{}
	shared := testPhoto(t, 50)
	for i, m := range ms {
		switch i % 4 {
		case 1:
			photos[m.ID] = shared
		case 2:
			photos[m.ID] = testPhoto(t, i)
		}
	}
	var paras []string
	for i := 1; i <= 14; i++ {
		paras = append(paras, fmt.Sprintf("第%d段：", i)+longRemark)
	}
	ms[5].Remarks = strings.Join(paras, "\n")
	events := map[int64][]data.MemberEvent{}
	for i := range 40 {
		events[ms[13].ID] = append(events[ms[13].ID], data.MemberEvent{Kind: data.EventReward,
			Date: data.NewDate(1990+i%30, time.Month(1+i%12), 1+i%28), Content: fmt.Sprintf("第%d次获评优秀共产党员（集团公司党委表彰）", i+1)})
	}
	return ms, MemberFormOptions{AsOf: formAsOf, Org: ds.org, UnitName: ds.unitName, Photos: photos,
		Events: events, Created: testTime}
}

// oneDocument prints forms as they were printed before streaming: one
// gofpdf document, laid out in two passes, the whole of it in memory.
func oneDocument(w io.Writer, ms []data.Member, opts MemberFormOptions) error {
	opts = opts.withDefaults()
	ms = byBranchAndStrokes(ms)
	meta := Meta{Title: MemberFormTitle, Org: opts.Org, Created: opts.Created,
		Subject: fmt.Sprintf("党员基本信息登记表（%d 人，%s打印）", len(ms), opts.AsOf.Chinese())}
	_, err := Render(w, Portrait, meta, memberFormsBuild(ms, opts))
	return err
}

// pagesText is the text of every page, by pdftotext -raw.
func pagesText(t *testing.T, path string) []string {
	t.Helper()
	pages := strings.Split(poppler(t, "pdftotext", "-raw", "-enc", "UTF-8", path, "-"), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

// pdfInfo is pdfinfo's output as a map, without what differs between two
// prints of the same forms (the file's size).
func pdfInfo(t *testing.T, path string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, l := range strings.Split(poppler(t, "pdfinfo", path), "\n") {
		k, v, ok := strings.Cut(l, ":")
		if ok && k != "File size" {
			out[k] = strings.TrimSpace(v)
		}
	}
	return out
}

// checkFonts asserts that every font is embedded as a subset with a
// ToUnicode map (pdffonts: emb sub uni all yes), and returns how many.
func checkFonts(t *testing.T, path string) int {
	t.Helper()
	n := 0
	for _, l := range strings.Split(poppler(t, "pdffonts", path), "\n")[2:] {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n++
		if !regexp.MustCompile(`yes\s+yes\s+yes\s+\d+\s+\d+\s*$`).MatchString(l) {
			t.Errorf("font not embedded as a tagged subset with ToUnicode: %s", l)
		}
		if !regexp.MustCompile(`^[A-Z]{6}\+WenQuanYiMicroHei\s`).MatchString(l) {
			t.Errorf("font without subset tag: %s", l)
		}
	}
	return n
}

// qpdfCheck runs qpdf --check when qpdf is installed.
func qpdfCheck(t *testing.T, path string) {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		return
	}
	out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
	if err != nil || bytes.Contains(out, []byte("WARNING")) {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

func TestMemberFormsStreamedSameAsOneDocument(t *testing.T) {
	ms, opts := streamSet(t)
	const seal = "日志 1234 条 · a1b2c3d4"
	onePath, one := renderTo(t, "forms-one.pdf", func(w io.Writer) error { return oneDocument(Sealed(w, seal), ms, opts) })
	want := pagesText(t, onePath)
	wantInfo := pdfInfo(t, onePath)
	wantOutline := readOutline(t, one)
	if len(want) <= len(ms) {
		t.Fatalf("%d pages for %d forms: the set should have forms of several pages", len(want), len(ms))
	}
	for _, per := range []int{1, 3, 4, len(ms), 1000} {
		t.Run(fmt.Sprintf("per%d", per), func(t *testing.T) {
			o := opts
			o.perChunk = per
			path, pdf := renderTo(t, fmt.Sprintf("forms-streamed-%d.pdf", per), func(w io.Writer) error {
				return MemberForms(Sealed(w, seal), ms, o)
			})
			got := pagesText(t, path)
			if len(got) != len(want) {
				t.Fatalf("%d pages streamed, %d in one document", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("page %d differs:\nstreamed:\n%s\none document:\n%s", i+1, got[i], want[i])
				}
				if !strings.Contains(got[i], "校验码 "+seal) {
					t.Errorf("page %d lacks the 校验码 footer", i+1)
				}
			}
			info := pdfInfo(t, path)
			for k, v := range wantInfo {
				if info[k] != v {
					t.Errorf("pdfinfo %s: %q streamed, %q in one document", k, info[k], v)
				}
			}
			if n := pdfPages(t, pdf); n != len(want) {
				t.Errorf("page tree counts %d pages, want %d", n, len(want))
			}
			outline := readOutline(t, pdf)
			if fmt.Sprint(outline) != fmt.Sprint(wantOutline) {
				t.Errorf("outline differs:\nstreamed:     %v\none document: %v", outline, wantOutline)
			}
			chunks := (len(ms) + per - 1) / per
			if n := checkFonts(t, path); n != chunks {
				t.Errorf("%d fonts for %d chunks", n, chunks)
			}
			if per >= len(ms) {
				if n, w := imageCount(pdf), imageCount(one); n != w {
					t.Errorf("%d images in one chunk, %d in one document", n, w)
				}
			}
			qpdfCheck(t, path)
			if per == 4 {
				samePixels(t, onePath, path, len(want))
			}
		})
	}
}

// samePixels renders every page of two PDFs (pdftoppm, 40 dpi) and
// asserts the images are identical.
func samePixels(t *testing.T, a, b string, pages int) {
	t.Helper()
	dir := t.TempDir()
	poppler(t, "pdftoppm", "-png", "-r", "40", a, filepath.Join(dir, "a"))
	poppler(t, "pdftoppm", "-png", "-r", "40", b, filepath.Join(dir, "b"))
	for i := 1; i <= pages; i++ {
		pa, _ := filepath.Glob(filepath.Join(dir, fmt.Sprintf("a-*%d.png", i)))
		pb, _ := filepath.Glob(filepath.Join(dir, fmt.Sprintf("b-*%d.png", i)))
		name := func(ps []string) string {
			for _, p := range ps {
				if strings.TrimLeft(strings.TrimSuffix(filepath.Base(p)[2:], ".png"), "0") == fmt.Sprint(i) {
					return p
				}
			}
			return ""
		}
		ia, ib := name(pa), name(pb)
		if ia == "" || ib == "" {
			t.Fatalf("page %d not rendered", i)
		}
		ba, _ := os.ReadFile(ia)
		bb, _ := os.ReadFile(ib)
		if !bytes.Equal(ba, bb) {
			t.Errorf("page %d looks different streamed", i)
		}
	}
}

// TestStreamedOutlineTargets checks that each bookmark of a streamed print
// points at its form's first page, across chunks: the outline's
// destinations are the page objects, in page order.
func TestStreamedOutlineTargets(t *testing.T) {
	ms, opts := streamSet(t)
	opts.perChunk = 5
	_, pdf := renderTo(t, "forms-targets.pdf", func(w io.Writer) error { return MemberForms(w, ms, opts) })
	kids := regexp.MustCompile(`/Kids \[([^\]]*)\]`).FindSubmatch(pdf)
	if kids == nil {
		t.Fatal("no page tree")
	}
	page := map[string]int{}
	for i, f := range regexp.MustCompile(`(\d+) 0 R`).FindAllSubmatch(kids[1], -1) {
		page[string(f[1])] = i + 1
	}
	var firsts []int
	for _, d := range regexp.MustCompile(`/Dest \[(\d+) 0 R /XYZ 0 ([\d.]+) null\]`).FindAllSubmatch(pdf, -1) {
		p, ok := page[string(d[1])]
		if !ok {
			t.Fatalf("a bookmark points at object %s, not a page", d[1])
		}
		if string(d[2]) != "779.53" {
			t.Errorf("bookmark of page %d at y %s, want the top of the form (779.53)", p, d[2])
		}
		firsts = append(firsts, p)
	}
	if len(firsts) != len(ms) {
		t.Fatalf("%d bookmarks for %d forms", len(firsts), len(ms))
	}
	// Form i+1 starts after form i's pages: the footer says how many.
	path, _ := renderTo(t, "forms-targets-2.pdf", func(w io.Writer) error { return MemberForms(w, ms, opts) })
	text := pagesText(t, path)
	for i, p := range firsts {
		if !strings.Contains(text[p-1], "第 1 页 / 共") {
			t.Errorf("bookmark %d points at page %d, which is not a form's first page", i+1, p)
		}
	}
}

func TestRenumber(t *testing.T) {
	renum := []int{0, 1, 7, 8, 9}
	for _, c := range []struct{ in, want string }{
		{"<</Type /Page\n/Parent 1 0 R\n/Resources 2 0 R\n/Contents 4 0 R>>", "<</Type /Page\n/Parent 1 0 R\n/Resources 7 0 R\n/Contents 9 0 R>>"},
		{"<</Kids [2 0 R 3 0 R ]/Count 2>>", "<</Kids [7 0 R 8 0 R ]/Count 2>>"},
		{"<</Title (see 2 0 R \\(3 0 R\\)) /Next 3 0 R>>", "<</Title (see 2 0 R \\(3 0 R\\)) /Next 8 0 R>>"},
		{"<</A <32203020 52> /B 12 0 /C 4 0 R>>", "<</A <32203020 52> /B 12 0 /C 9 0 R>>"},
		{"[ 32 [ 260 269 ] 48 57 551 ]", "[ 32 [ 260 269 ] 48 57 551 ]"},
		{"<</W 2 0 Rx>>", "<</W 2 0 Rx>>"},
	} {
		got, err := renumber([]byte(c.in), renum)
		if err != nil || string(got) != c.want {
			t.Errorf("renumber(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	if _, err := renumber([]byte("<</P 6 0 R>>"), renum); err == nil {
		t.Error("a reference to an object not copied was not refused")
	}
}

func TestRenderChunksError(t *testing.T) {
	ms, opts := streamSet(t)
	opts.perChunk = 2
	calls := 0
	opts.LoadPhotos = func(ids []int64) (map[int64][]byte, error) {
		calls++
		if calls == 4 {
			return nil, fmt.Errorf("读取照片失败")
		}
		return nil, nil
	}
	var buf bytes.Buffer
	if err := MemberForms(&buf, ms, opts); err == nil || err.Error() != "读取照片失败" {
		t.Fatalf("error %v, want the photo loader's", err)
	}
	if calls > 4+chunkWorkers() {
		t.Errorf("the loader was called %d times after failing on the 4th", calls)
	}
}

// TestBoundHeap: a streamed print bounds the heap while it runs, prints
// side by side share the bound, and the program's own limit is restored
// (or left alone when it set one).
func TestBoundHeap(t *testing.T) {
	unset := debug.SetMemoryLimit(-1)
	if unset != math.MaxInt64 {
		t.Skip("a memory limit is set (GOMEMLIMIT)")
	}
	end1 := boundHeap(64 << 20)
	limit := debug.SetMemoryLimit(-1)
	if limit == math.MaxInt64 || limit < 64<<20 {
		t.Fatalf("limit during a print %d", limit)
	}
	end2 := boundHeap(64 << 20)
	if l := debug.SetMemoryLimit(-1); l != limit {
		t.Errorf("a second print changed the limit %d → %d", limit, l)
	}
	end1()
	if l := debug.SetMemoryLimit(-1); l != limit {
		t.Errorf("the limit was lifted while a print still runs: %d", l)
	}
	end2()
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("limit after the prints %d, want none", l)
	}
	debug.SetMemoryLimit(1 << 40)
	defer debug.SetMemoryLimit(math.MaxInt64)
	end := boundHeap(64 << 20)
	if l := debug.SetMemoryLimit(-1); l != 1<<40 {
		t.Errorf("the program's limit was replaced: %d", l)
	}
	end()
	if l := debug.SetMemoryLimit(-1); l != 1<<40 {
		t.Errorf("the program's limit was not kept: %d", l)
	}
}

// TestRenderChunksFailures: a chunk that panics or is not a PDF fails the
// print with a Chinese message, and nothing is left half written as if
// whole (the caller's atomic write discards it).
func TestRenderChunksFailures(t *testing.T) {
	for name, job := range map[string]chunkJob{
		"panic":   func() (chunk, error) { panic("boom") },
		"not pdf": func() (chunk, error) { return newChunk([]byte("%PDF-1.3\nnonsense"), nil) },
	} {
		for _, workers := range []int{1, 2} {
			err := renderChunks(io.Discard, 3, workers, func(i int) (chunkJob, error) { return job, nil })
			if err == nil || !strings.Contains(err.Error(), "生成 PDF 时出错") {
				t.Errorf("%s, %d workers: %v", name, workers, err)
			}
		}
	}
}
