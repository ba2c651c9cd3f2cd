package report

// Printing that streams. gofpdf keeps a whole document in memory until it
// writes it, so printing 100,000 登记表 in one gofpdf document takes
// gigabytes. A document made of parts that do not depend on each other's
// pages (each member's form is numbered on its own) is instead rendered in
// chunks of a few hundred parts, each a complete gofpdf document, by as
// many workers as there are cores; a small PDF writer (pdfJoiner) copies
// each chunk's objects into the one output file as the chunk arrives,
// renumbered, under one page tree, one outline, one catalog and one
// document information dictionary. Memory is bounded by the chunks in
// flight, whatever the number of parts.
//
// gofpdf also allocates a new zlib compressor (about 1 MB, zeroed) for
// every page it compresses, which was the largest single cost of a form
// page; chunks are rendered uncompressed and the worker that rendered a
// chunk compresses its content streams with a pooled compressor, at
// gofpdf's level (newChunk), so the joiner only renumbers and writes.
// A chunk of forms is laid out in one pass when every form fills one page
// (renderOptions.guess), not the two that "共 y 页" otherwise needs.
//
// Why a writer of our own: gofpdf's successors (go-pdf/fpdf) keep the same
// whole-document buffer; pdfcpu can merge files but reads each into memory
// and is not an approved release here; go-pdfium needs a native library.
// Joining gofpdf's own regular output (objects, an xref table, one page
// tree) needs only renumbering references in dictionaries, a few hundred
// lines that the tests check against the one-document print page by page.
//
// Each chunk keeps its own font subset (a subset of the characters its
// pages use, tagged as a subset); sharing one font object would need the
// union of every chunk's characters before the first page is written.

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
)

// bookmark is an outline entry collected while a chunk is laid out,
// written by the joiner into the whole document's outline.
type bookmark struct {
	title string
	level int
	page  int     // page in its chunk, from 1
	destY float64 // the position on the page, in points from the bottom
}

// chunk is one rendered part of a streamed document, ready to be copied:
// its objects in file order, their content compressed (see newChunk).
type chunk struct {
	version string // the header line
	objs    []chunkObj
	pages   []int  // the page objects in order
	box     []byte // the page tree's /MediaBox entry
	info    []byte // the document information dictionary
	marks   []bookmark
}

// chunkObj is one object of a chunk, as its number in the chunk, its
// dictionary (or whole value) and its stream data, if any.
type chunkObj struct {
	num    int
	value  []byte
	data   []byte
	stream bool
}

// chunkJob renders one chunk. It is made by the chunked document's prepare
// function, which runs in order on one goroutine (reading what the chunk
// needs, such as its photos), and run by a worker.
type chunkJob func() (chunk, error)

// renderChunk renders one chunk of a streamed document with build (see
// render and renderOptions.guess) and makes it ready to be joined.
func renderChunk(orient Orientation, meta Meta, build func(d *Doc) error, guess map[string]int) (chunk, error) {
	var out captureWriter
	_, marks, err := render(&out, orient, meta, build, renderOptions{chunk: true, guess: guess})
	if err != nil {
		return chunk{}, err
	}
	return newChunk(out.b, marks)
}

// captureWriter keeps what is written to it: the first write without
// copying (gofpdf writes its finished document in one write and never
// touches it again).
type captureWriter struct{ b []byte }

func (c *captureWriter) Write(p []byte) (int, error) {
	if c.b == nil {
		c.b = p
	} else {
		c.b = append(c.b, p...)
	}
	return len(p), nil
}

// chunkWorkers is how many chunks are rendered at once: every core, up to
// four (memory grows with the chunks in flight, speed no more).
func chunkWorkers() int { return max(1, min(runtime.GOMAXPROCS(0), 4)) }

// renderChunks renders n chunks, prepared in order by prepare and rendered
// by up to workers goroutines, and joins them into one PDF written to w.
// The chunks in flight are bounded, so memory does not grow with n.
func renderChunks(w io.Writer, n, workers int, prepare func(i int) (chunkJob, error)) (err error) {
	defer func() {
		if err != nil && strings.HasPrefix(err.Error(), "report: ") {
			// A mistake of ours, not the user's data (see render).
			err = fmt.Errorf("生成 PDF 时出错（%w），请把这份记录的内容报告给维护人员", err)
		}
	}()
	j := newJoiner(w)
	if n <= 0 {
		return errors.New("report: no chunks to render")
	}
	type result struct {
		c   chunk
		err error
	}
	run := func(job chunkJob) (r result) {
		defer func() {
			if p := recover(); p != nil {
				r.err = fmt.Errorf("report: panic while rendering: %v", p)
			}
		}()
		c, err := job()
		return result{c, err}
	}
	if n > 1 {
		defer boundHeap(streamHeapBudget)()
	}
	if workers <= 1 || n == 1 {
		for i := range n {
			job, err := prepare(i)
			if err != nil {
				return err
			}
			r := run(job)
			if r.err != nil {
				return r.err
			}
			if err := j.add(r.c); err != nil {
				return err
			}
		}
		return j.close()
	}
	// The queue holds the chunks being rendered beyond the one the joiner
	// waits for: workers chunks render at once, each in its own goroutine,
	// and the joiner takes them in order.
	queue := make(chan chan result, workers-1)
	stop := make(chan struct{})
	go func() {
		defer close(queue)
		for i := range n {
			// Queued first, prepared then: a chunk's photos are read only
			// when it can start.
			ch := make(chan result, 1)
			select {
			case queue <- ch:
			case <-stop:
				return
			}
			job, err := prepare(i)
			if err != nil {
				ch <- result{err: err}
				return
			}
			go func() { ch <- run(job) }()
		}
	}()
	for ch := range queue {
		r := <-ch
		if err == nil {
			err = r.err
			if err == nil {
				err = j.add(r.c)
			}
			if err != nil {
				close(stop)
			}
		}
	}
	if err != nil {
		return err
	}
	return j.close()
}

// streamHeapBudget is the heap a streamed print may take beyond what was
// live when it started: the chunks in flight and their garbage.
const streamHeapBudget = 160 << 20

var heapBound struct {
	sync.Mutex
	users int
	old   int64
}

// boundHeap sets a soft memory limit of what is live now plus budget, for
// as long as a streamed print runs, and returns what ends it. By default
// the garbage collector lets the heap grow to twice what is live, so a
// print beside 100,000 members held in memory would take twice their size
// again in garbage before collecting it; with the limit it collects
// sooner instead. A limit set by the program is left alone, as is one set
// by a print already running (prints side by side share it).
func boundHeap(budget int64) func() {
	heapBound.Lock()
	defer heapBound.Unlock()
	if heapBound.users == 0 {
		old := debug.SetMemoryLimit(-1)
		if old != math.MaxInt64 {
			return func() {}
		}
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/total:bytes"}}
		metrics.Read(sample)
		live := int64(sample[0].Value.Uint64())
		other := int64(sample[1].Value.Uint64()) - int64(sample[0].Value.Uint64())
		// The limit counts all the runtime's memory; what is not heap
		// (stacks, the runtime's own) stays about as it is.
		debug.SetMemoryLimit(live + max(other, 0)/2 + budget)
		heapBound.old = old
	}
	heapBound.users++
	return func() {
		heapBound.Lock()
		defer heapBound.Unlock()
		heapBound.users--
		if heapBound.users == 0 {
			debug.SetMemoryLimit(heapBound.old)
		}
	}
}

// pdfJoiner writes one PDF from the gofpdf documents given to add, in
// order: their pages become its pages.
type pdfJoiner struct {
	w        *bufio.Writer
	off      int64   // bytes written so far
	offsets  []int64 // by object number; 0 for object 0 and the page tree until close
	kids     []int   // page objects in order
	marks    []bookmark
	markPage []int // global page of each mark
	info     []byte
	mediaBox []byte
	version  string
	err      error
}

// joinPagesObj is the page tree's object number: pages name their parent
// before it is written.
const joinPagesObj = 1

func newJoiner(w io.Writer) *pdfJoiner {
	return &pdfJoiner{w: bufio.NewWriterSize(w, 256<<10), offsets: make([]int64, 2)}
}

func (j *pdfJoiner) write(b []byte) {
	if j.err != nil {
		return
	}
	n, err := j.w.Write(b)
	j.off += int64(n)
	j.err = err
}

func (j *pdfJoiner) printf(format string, a ...any) { j.write(fmt.Appendf(nil, format, a...)) }

// newObj starts the next object and returns its number.
func (j *pdfJoiner) newObj() int {
	j.offsets = append(j.offsets, j.off)
	n := len(j.offsets) - 1
	j.printf("%d 0 obj\n", n)
	return n
}

// src is a gofpdf document being read.
type src struct {
	pdf     []byte
	offsets []int // by object number, 0 when absent
	xref    int
	root    int
	info    int
}

func parseSrc(pdf []byte) (*src, error) {
	bad := func(what string) error { return fmt.Errorf("report: chunk PDF: %s", what) }
	i := bytes.LastIndex(pdf, []byte("startxref"))
	if i < 0 {
		return nil, bad("no startxref")
	}
	fs := bytes.Fields(pdf[i+len("startxref"):])
	if len(fs) == 0 {
		return nil, bad("no xref offset")
	}
	x, err := strconv.Atoi(string(fs[0]))
	if err != nil || x < 0 || x >= i {
		return nil, bad("bad xref offset")
	}
	s := &src{pdf: pdf, xref: x}
	lines := bytes.Split(pdf[x:i], []byte("\n"))
	if len(lines) < 3 || string(bytes.TrimSpace(lines[0])) != "xref" {
		return nil, bad("no xref table")
	}
	head := bytes.Fields(lines[1])
	if len(head) != 2 || string(head[0]) != "0" {
		return nil, bad("bad xref subsection")
	}
	count, err := strconv.Atoi(string(head[1]))
	if err != nil || count < 1 || len(lines) < 2+count {
		return nil, bad("bad xref size")
	}
	s.offsets = make([]int, count)
	for k := 1; k < count; k++ {
		f := bytes.Fields(lines[2+k])
		if len(f) != 3 {
			return nil, bad("bad xref entry")
		}
		if string(f[2]) != "n" {
			continue
		}
		o, err := strconv.Atoi(string(f[0]))
		if err != nil || o <= 0 || o >= x {
			return nil, bad("bad xref entry")
		}
		s.offsets[k] = o
	}
	trailer := pdf[x:i]
	if s.root, err = refAfter(trailer, "/Root"); err != nil {
		return nil, bad("no root")
	}
	if s.info, err = refAfter(trailer, "/Info"); err != nil {
		return nil, bad("no info")
	}
	return s, nil
}

// refAfter reads the "N 0 R" after key in b.
func refAfter(b []byte, key string) (int, error) {
	i := bytes.Index(b, []byte(key))
	if i < 0 {
		return 0, errors.New("missing " + key)
	}
	f := bytes.Fields(b[i+len(key):])
	if len(f) < 3 || string(f[2][:1]) != "R" {
		return 0, errors.New("bad " + key)
	}
	return strconv.Atoi(string(f[0]))
}

// body is the text of the object at start, up to end, between "k 0 obj"
// and "endobj".
func (s *src) body(k, end int) ([]byte, error) {
	b := s.pdf[s.offsets[k]:end]
	head := fmt.Appendf(nil, "%d 0 obj", k)
	if !bytes.HasPrefix(b, head) {
		return nil, fmt.Errorf("report: chunk PDF: object %d not at its offset", k)
	}
	b = b[len(head):]
	e := bytes.LastIndex(b, []byte("endobj"))
	if e < 0 {
		return nil, fmt.Errorf("report: chunk PDF: object %d has no end", k)
	}
	return bytes.TrimLeft(b[:e], "\r\n"), nil
}

// zlibPool holds compressors: gofpdf's own compression makes a new one,
// about a megabyte, for every page.
var zlibPool = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(io.Discard, zlib.BestSpeed)
	return w
}}

// newChunk reads a gofpdf document rendered for a streamed document (by
// render with renderOptions.chunk) and compresses its uncompressed
// streams, the page content, at gofpdf's level. It runs in the worker that
// rendered the chunk, and keeps nothing of pdf: the chunk's uncompressed
// text is dropped as soon as the chunk is ready.
func newChunk(pdf []byte, marks []bookmark) (chunk, error) {
	s, err := parseSrc(pdf)
	if err != nil {
		return chunk{}, err
	}
	v, _, _ := bytes.Cut(pdf, []byte("\n"))
	if !bytes.HasPrefix(v, []byte("%PDF-")) {
		return chunk{}, errors.New("report: chunk PDF: no header")
	}
	c := chunk{version: string(v), marks: marks}
	var order []int
	for k, o := range s.offsets {
		if o > 0 {
			order = append(order, k)
		}
	}
	slices.SortFunc(order, func(a, b int) int { return s.offsets[a] - s.offsets[b] })
	zw := zlibPool.Get().(*zlib.Writer)
	defer zlibPool.Put(zw)
	var zbuf bytes.Buffer
	for i, k := range order {
		end := s.xref
		if i+1 < len(order) {
			end = s.offsets[order[i+1]]
		}
		b, err := s.body(k, end)
		if err != nil {
			return chunk{}, err
		}
		switch k {
		case joinPagesObj:
			if c.pages, c.box, err = pageTree(b); err != nil {
				return chunk{}, err
			}
			continue
		case s.info:
			c.info = slices.Clone(b)
			continue
		case s.root:
			continue
		}
		o := chunkObj{num: k}
		end, err = valueEnd(b)
		if err != nil {
			return chunk{}, err
		}
		dict, rest := b[:end], bytes.TrimLeft(b[end:], " \r\n")
		if !bytes.HasPrefix(rest, []byte("stream")) {
			o.value = slices.Clone(b)
			c.objs = append(c.objs, o)
			continue
		}
		o.stream = true
		data := rest[len("stream"):]
		if bytes.HasPrefix(data, []byte("\r\n")) {
			data = data[2:]
		} else if bytes.HasPrefix(data, []byte("\n")) {
			data = data[1:]
		}
		length, err := intAfter(dict, "/Length")
		if err != nil || length < 0 || length > len(data) {
			return chunk{}, errors.New("report: chunk PDF: stream without a usable /Length")
		}
		data = data[:length]
		if bytes.Equal(dict, fmt.Appendf(nil, "<</Length %d>>", length)) {
			zbuf.Reset()
			zw.Reset(&zbuf)
			zw.Write(data)
			if err := zw.Close(); err != nil {
				return chunk{}, err
			}
			o.data = slices.Clone(zbuf.Bytes())
			o.value = fmt.Appendf(nil, "<</Filter /FlateDecode /Length %d>>", len(o.data))
		} else {
			o.value, o.data = slices.Clone(dict), slices.Clone(data)
		}
		c.objs = append(c.objs, o)
	}
	if c.pages == nil || c.info == nil {
		return chunk{}, errors.New("report: chunk PDF: no page tree or no document information")
	}
	return c, nil
}

// add copies a chunk's pages and what they use, renumbered, and remembers
// its bookmarks.
func (j *pdfJoiner) add(c chunk) error {
	if j.version == "" {
		j.version = c.version
		j.printf("%s\n", c.version)
		j.mediaBox = c.box
		j.info = c.info
	}
	// New numbers, in the order the objects are written; the page tree is
	// the joined document's.
	most := joinPagesObj
	for _, o := range c.objs {
		most = max(most, o.num)
	}
	renum := make([]int, most+1)
	renum[joinPagesObj] = joinPagesObj
	for i, o := range c.objs {
		if o.num == joinPagesObj || renum[o.num] != 0 {
			return fmt.Errorf("report: chunk PDF: object %d twice", o.num)
		}
		renum[o.num] = len(j.offsets) + i
	}
	for _, o := range c.objs {
		j.newObj()
		v, err := renumber(o.value, renum)
		if err != nil {
			return err
		}
		j.write(v)
		if o.stream {
			j.write([]byte("\nstream\n"))
			j.write(o.data)
			j.write([]byte("\nendstream"))
		}
		j.write([]byte("\nendobj\n"))
	}
	first := len(j.kids)
	for _, k := range c.pages {
		if k <= 0 || k >= len(renum) || renum[k] == 0 {
			return fmt.Errorf("report: chunk PDF: page %d is not an object", k)
		}
		j.kids = append(j.kids, renum[k])
	}
	for _, m := range c.marks {
		if m.page < 1 || m.page > len(c.pages) {
			return fmt.Errorf("report: bookmark %q on page %d of %d", m.title, m.page, len(c.pages))
		}
		j.marks = append(j.marks, m)
		j.markPage = append(j.markPage, first+m.page)
	}
	return j.err
}

// pageTree reads a gofpdf page tree: its pages and its media box.
func pageTree(b []byte) (kids []int, box []byte, err error) {
	i := bytes.Index(b, []byte("/Kids ["))
	if i < 0 {
		return nil, nil, errors.New("report: chunk PDF: page tree has no kids")
	}
	rest := b[i+len("/Kids ["):]
	e := bytes.IndexByte(rest, ']')
	if e < 0 {
		return nil, nil, errors.New("report: chunk PDF: page tree kids not closed")
	}
	f := bytes.Fields(rest[:e])
	if len(f)%3 != 0 {
		return nil, nil, errors.New("report: chunk PDF: bad page tree kids")
	}
	for k := 0; k < len(f); k += 3 {
		n, err := strconv.Atoi(string(f[k]))
		if err != nil || string(f[k+2]) != "R" {
			return nil, nil, errors.New("report: chunk PDF: bad page tree kids")
		}
		kids = append(kids, n)
	}
	if i := bytes.Index(b, []byte("/MediaBox [")); i >= 0 {
		if e := bytes.IndexByte(b[i:], ']'); e >= 0 {
			box = slices.Clone(b[i : i+e+1])
		}
	}
	return kids, box, nil
}

// intAfter reads the integer after key in a dictionary.
func intAfter(b []byte, key string) (int, error) {
	i := bytes.Index(b, []byte(key))
	if i < 0 {
		return 0, errors.New("missing " + key)
	}
	rest := b[i+len(key):]
	k := 0
	for k < len(rest) && (rest[k] == ' ' || rest[k] == '\n' || rest[k] == '\r') {
		k++
	}
	e := k
	for e < len(rest) && rest[e] >= '0' && rest[e] <= '9' {
		e++
	}
	return strconv.Atoi(string(rest[k:e]))
}

// isDelim reports whether c ends a PDF token.
func isDelim(c byte) bool {
	switch c {
	case ' ', '\n', '\r', '\t', '\f', 0, '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

// skipString returns the index just past the literal string opening at
// b[i] == '('.
func skipString(b []byte, i int) (int, error) {
	depth := 0
	for k := i; k < len(b); k++ {
		switch b[k] {
		case '\\':
			k++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return k + 1, nil
			}
		}
	}
	return 0, errors.New("report: chunk PDF: unterminated string")
}

// valueEnd is the end of the object's first value: a dictionary, array or
// anything else up to the next "stream" or the end.
func valueEnd(b []byte) (int, error) {
	depth := 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '(':
			e, err := skipString(b, i)
			if err != nil {
				return 0, err
			}
			i = e - 1
		case '<':
			if i+1 < len(b) && b[i+1] == '<' {
				depth++
				i++
			} else if e := bytes.IndexByte(b[i:], '>'); e >= 0 {
				i += e
			}
		case '>':
			if i+1 < len(b) && b[i+1] == '>' {
				depth--
				i++
				if depth == 0 {
					return i + 1, nil
				}
			}
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return i + 1, nil
			}
		}
	}
	return len(b), nil
}

// renumber rewrites every reference "N 0 R" in b (outside strings) to
// renum[N].
func renumber(b []byte, renum []int) ([]byte, error) {
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '(':
			e, err := skipString(b, i)
			if err != nil {
				return nil, err
			}
			out = append(out, b[i:e]...)
			i = e
			continue
		case c == '<' && i+1 < len(b) && b[i+1] == '<':
			out = append(out, "<<"...)
			i += 2
			continue
		case c == '<':
			e := bytes.IndexByte(b[i:], '>')
			if e < 0 {
				return nil, errors.New("report: chunk PDF: unterminated hex string")
			}
			out = append(out, b[i:i+e+1]...)
			i += e + 1
			continue
		case c >= '0' && c <= '9' && (i == 0 || isDelim(b[i-1])):
			if n, gen, end, ok := reference(b, i); ok {
				if n <= 0 || n >= len(renum) || renum[n] == 0 {
					return nil, fmt.Errorf("report: chunk PDF: reference to object %d, which is not copied", n)
				}
				out = strconv.AppendInt(out, int64(renum[n]), 10)
				out = append(out, ' ')
				out = strconv.AppendInt(out, int64(gen), 10)
				out = append(out, " R"...)
				i = end
				continue
			}
			// A number, not a reference: copy its digits.
			e := i
			for e < len(b) && !isDelim(b[e]) {
				e++
			}
			out = append(out, b[i:e]...)
			i = e
			continue
		}
		out = append(out, c)
		i++
	}
	return out, nil
}

// reference parses "N G R" at b[i:], followed by a delimiter or the end.
func reference(b []byte, i int) (n, gen, end int, ok bool) {
	num := func(k int) (int, int, bool) {
		e := k
		for e < len(b) && b[e] >= '0' && b[e] <= '9' {
			e++
		}
		if e == k || e-k > 9 {
			return 0, k, false
		}
		v, _ := strconv.Atoi(string(b[k:e]))
		return v, e, true
	}
	space := func(k int) (int, bool) {
		e := k
		for e < len(b) && isSpace(b[e]) {
			e++
		}
		return e, e > k
	}
	n, k, ok := num(i)
	if !ok {
		return
	}
	if k, ok = space(k); !ok {
		return
	}
	if gen, k, ok = num(k); !ok {
		return
	}
	if k, ok = space(k); !ok {
		return
	}
	if k >= len(b) || b[k] != 'R' || (k+1 < len(b) && !isDelim(b[k+1])) {
		return 0, 0, 0, false
	}
	return n, gen, k + 1, true
}

// pdfText is a PDF text string as gofpdf writes one: UTF-16BE with a
// byte-order mark, in a literal string.
func pdfText(s string) []byte {
	u := utf16.Encode([]rune(s))
	out := []byte{'(', 0xFE, 0xFF}
	for _, c := range u {
		for _, b := range []byte{byte(c >> 8), byte(c)} {
			switch b {
			case '\\', '(', ')':
				out = append(out, '\\', b)
			case '\r':
				out = append(out, '\\', 'r')
			default:
				out = append(out, b)
			}
		}
	}
	return append(out, ')')
}

// close writes the outline, the page tree, the document information, the
// catalog and the cross-reference table.
func (j *pdfJoiner) close() error {
	if j.version == "" {
		return errors.New("report: nothing was joined")
	}
	outlineRoot := j.putOutline()
	j.offsets[joinPagesObj] = j.off
	j.printf("%d 0 obj\n<</Type /Pages\n/Kids [", joinPagesObj)
	var buf []byte
	for i, k := range j.kids {
		buf = strconv.AppendInt(buf[:0], int64(k), 10)
		buf = append(buf, " 0 R "...)
		if i%16 == 15 {
			buf = append(buf, '\n')
		}
		j.write(buf)
	}
	j.printf("]\n/Count %d\n", len(j.kids))
	if j.mediaBox != nil {
		j.write(j.mediaBox)
		j.write([]byte("\n"))
	}
	j.write([]byte(">>\nendobj\n"))
	info := j.newObj()
	j.write(j.info)
	j.write([]byte("endobj\n"))
	root := j.newObj()
	j.printf("<<\n/Type /Catalog\n/Pages %d 0 R\n", joinPagesObj)
	if outlineRoot > 0 {
		j.printf("/Outlines %d 0 R\n/PageMode /UseOutlines\n", outlineRoot)
	}
	j.write([]byte(">>\nendobj\n"))
	xref := j.off
	j.printf("xref\n0 %d\n0000000000 65535 f \n", len(j.offsets))
	for _, o := range j.offsets[1:] {
		j.printf("%010d 00000 n \n", o)
	}
	j.printf("trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", len(j.offsets), root, info, xref)
	if j.err != nil {
		return j.err
	}
	return j.w.Flush()
}

// putOutline writes the bookmarks as gofpdf does (levels nest under the
// last entry one level up) and returns the outline's root object, or 0.
func (j *pdfJoiner) putOutline() int {
	nb := len(j.marks)
	if nb == 0 {
		return 0
	}
	type node struct{ parent, prev, next, first, last int }
	nodes := make([]node, nb)
	for i := range nodes {
		nodes[i] = node{-1, -1, -1, -1, -1}
	}
	lru := map[int]int{}
	level := 0
	for i, m := range j.marks {
		if m.level > 0 {
			parent := lru[m.level-1]
			nodes[i].parent = parent
			nodes[parent].last = i
			if m.level > level {
				nodes[parent].first = i
			}
		} else {
			nodes[i].parent = nb
		}
		if m.level <= level && i > 0 {
			prev := lru[m.level]
			nodes[prev].next = i
			nodes[i].prev = prev
		}
		lru[m.level] = i
		level = m.level
	}
	base := len(j.offsets)
	var buf []byte
	for i, m := range j.marks {
		j.newObj()
		o := nodes[i]
		buf = append(buf[:0], "<</Title "...)
		buf = append(buf, pdfText(m.title)...)
		buf = fmt.Appendf(buf, "\n/Parent %d 0 R\n", base+o.parent)
		if o.prev != -1 {
			buf = fmt.Appendf(buf, "/Prev %d 0 R\n", base+o.prev)
		}
		if o.next != -1 {
			buf = fmt.Appendf(buf, "/Next %d 0 R\n", base+o.next)
		}
		if o.first != -1 {
			buf = fmt.Appendf(buf, "/First %d 0 R\n", base+o.first)
		}
		if o.last != -1 {
			buf = fmt.Appendf(buf, "/Last %d 0 R\n", base+o.last)
		}
		buf = fmt.Appendf(buf, "/Dest [%d 0 R /XYZ 0 %.2f null]\n/Count 0>>\nendobj\n", j.kids[j.markPage[i]-1], m.destY)
		j.write(buf)
	}
	root := j.newObj()
	j.printf("<</Type /Outlines /First %d 0 R\n/Last %d 0 R>>\nendobj\n", base, base+lru[0])
	return root
}
