package sheet

import (
	"bytes"
	"errors"
	"html"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The worksheet reader below exists for speed alone. excelize's streaming
// Rows() decodes each cell through encoding/xml's reflection, which takes
// about 0.65 s for a 10,000-row roster — a third of the import's time
// budget. This reader walks the same in-memory XML that Rows() streams
// from, in a tenth of the time. It understands exactly the shapes a
// worksheet's cells take and gives up (errFallback) on anything else,
// and readXLSX then uses Rows(); a test checks that both agree on sheets
// of every kind excelize writes.

var errFallback = errors.New("worksheet shape not handled by the fast reader")

// xmlScan walks XML tags without building a tree, over XML in memory or
// streamed from a reader through a window of scanBufSize bytes (grown only
// for a single tag or text longer than that), so a worksheet of any size
// is read in bounded memory. The text and attributes next returns are
// valid until its next call.
type xmlScan struct {
	b   []byte
	i   int
	r   io.Reader // nil: b is the whole document
	err error     // the reader's error, io.EOF at the end
	// comments: skip comments, CDATA and declarations rather than stop
	// (outside the cells, where they mean nothing to the reader).
	comments bool
	// intern shares the text of short values that repeat (男, 汉族, a
	// branch's name) instead of holding one copy per cell.
	intern map[string]string
}

// tag is one tag as met: its local name (prefix dropped), whether it is
// an end tag, whether it closes itself, and its raw attribute text.
type tag struct {
	name        string
	end, closed bool
	attrs       []byte
}

// scanBufSize is the streaming window; a test lowers it so that every tag
// crosses a window's edge.
var scanBufSize = 256 << 10

func newStreamScan(r io.Reader) *xmlScan {
	return &xmlScan{r: r, b: make([]byte, 0, scanBufSize), intern: map[string]string{}}
}

// more keeps the unread bytes and reads more after them; false at the end.
func (s *xmlScan) more() bool {
	if s.r == nil || s.err != nil {
		return false
	}
	n := copy(s.b, s.b[s.i:])
	s.b, s.i = s.b[:n], 0
	if n == cap(s.b) {
		nb := make([]byte, n, 2*cap(s.b))
		copy(nb, s.b)
		s.b = nb
	}
	for {
		k, err := s.r.Read(s.b[n:cap(s.b)])
		s.b = s.b[:n+k]
		if err != nil {
			s.err = err
			return k > 0
		}
		if k > 0 {
			return true
		}
	}
}

// str makes a string of b, shared with earlier equal short values.
func (s *xmlScan) str(b []byte) string {
	if s.intern == nil || len(b) > 24 {
		return string(b)
	}
	if v, ok := s.intern[string(b)]; ok {
		return v
	}
	v := string(b)
	if len(s.intern) < 1<<16 {
		s.intern[v] = v
	}
	return v
}

// next moves to the next tag, returning the text before it.
func (s *xmlScan) next() (text []byte, t tag, ok bool) {
	for {
		j := bytes.IndexByte(s.b[s.i:], '<')
		if j < 0 {
			if s.more() {
				continue
			}
			return nil, tag{}, false
		}
		start := s.i + j
		rest := s.b[start+1:]
		skipTo := ""
		switch {
		case bytes.HasPrefix(rest, []byte("?")):
			skipTo = "?>"
		case len(rest) < 9 && s.r != nil && s.err == nil:
			// Too little left to tell a comment from a tag.
			if s.more() {
				continue
			}
			return nil, tag{}, false
		case bytes.HasPrefix(rest, []byte("!")):
			// Comments, CDATA and the like do not occur in the cells
			// Excel and the usual libraries write; the full parser has
			// them.
			if !s.comments {
				return nil, tag{}, false
			}
			switch {
			case bytes.HasPrefix(rest, []byte("!--")):
				skipTo = "-->"
			case bytes.HasPrefix(rest, []byte("![CDATA[")):
				skipTo = "]]>"
			default:
				skipTo = ">"
			}
		}
		if skipTo != "" {
			k := bytes.Index(rest, []byte(skipTo))
			if k < 0 {
				if s.more() {
					continue
				}
				return nil, tag{}, false
			}
			s.i = start + 1 + k + len(skipTo)
			continue
		}
		k := bytes.IndexByte(rest, '>')
		if k < 0 {
			if s.more() {
				continue
			}
			return nil, tag{}, false
		}
		text = s.b[s.i:start]
		body := rest[:k]
		s.i = start + 1 + k + 1
		if len(body) > 0 && body[0] == '/' {
			t.end = true
			body = body[1:]
		}
		if len(body) > 0 && body[len(body)-1] == '/' {
			t.closed = true
			body = body[:len(body)-1]
		}
		n := bytes.IndexAny(body, " \t\r\n")
		name := body
		if n >= 0 {
			name, t.attrs = body[:n], body[n:]
		}
		if c := bytes.IndexByte(name, ':'); c >= 0 {
			name = name[c+1:]
		}
		t.name = tagName(name)
		return text, t, true
	}
}

// tagName avoids a string per tag for the names a worksheet repeats.
func tagName(b []byte) string {
	switch string(b) {
	case "c":
		return "c"
	case "v":
		return "v"
	case "row":
		return "row"
	case "is":
		return "is"
	case "t":
		return "t"
	case "si":
		return "si"
	}
	return string(b)
}

// attr reads an attribute's value from raw attribute text.
func attr(attrs []byte, name string) (string, bool) {
	for len(attrs) > 0 {
		attrs = bytes.TrimLeft(attrs, " \t\r\n")
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return "", false
		}
		key := bytes.TrimSpace(attrs[:eq])
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return "", false
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return "", false
		}
		if string(key) == name {
			return xmlText(rest[1 : 1+end]), true
		}
		attrs = rest[1+end+1:]
	}
	return "", false
}

// xmlText decodes character data as an XML parser delivers it: entities
// resolved, line ends normalised to \n.
func xmlText(b []byte) string {
	s := string(b)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return s
}

// bstr decodes the _xHHHH_ escapes OOXML uses in strings for characters
// XML cannot hold (_x000D_ for a carriage return; _x005F_ is "_").
func bstr(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' && isHex(s[i+2:i+6]) {
			v, _ := strconv.ParseUint(s[i+2:i+6], 16, 32)
			if v == 0x5F {
				b.WriteByte('_')
			} else {
				b.WriteRune(rune(v))
			}
			i += 7
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// textOf decodes character data, sharing short values that repeat.
func (s *xmlScan) textOf(b []byte) string {
	if bytes.IndexByte(b, '&') >= 0 || bytes.IndexByte(b, '\r') >= 0 {
		return xmlText(b)
	}
	return s.str(b)
}

// stringItem reads the text of an <si> or <is> element up to its end tag:
// the <t> of the item and of its rich-text runs, not the phonetic <rPh>.
func (s *xmlScan) stringItem(endName string) (string, error) {
	var out string
	inT, skip := false, 0
	for {
		text, t, ok := s.next()
		if !ok {
			return "", errFallback
		}
		if inT && skip == 0 && len(text) > 0 {
			out += s.textOf(text)
		}
		switch {
		case t.name == endName && t.end:
			return bstr(out), nil
		case t.name == "rPh" && !t.closed:
			if t.end {
				skip--
			} else {
				skip++
			}
		case t.name == "t" && !t.closed:
			inT = !t.end
		}
	}
}

// fastSST reads the shared string table.
func fastSST(raw []byte) ([]string, error) { return (&xmlScan{b: raw}).sst() }

func (s *xmlScan) sst() ([]string, error) {
	var out []string
	for {
		_, t, ok := s.next()
		if !ok {
			if s.err != nil && s.err != io.EOF {
				return nil, s.err
			}
			return out, nil
		}
		if t.name == "si" && !t.end {
			if t.closed {
				out = append(out, "")
				continue
			}
			v, err := s.stringItem("si")
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
	}
}

// fastRows reads the cells of a worksheet's <sheetData> in memory as
// Rows() with RawCellValue does: Rows[i] is Excel row i+1, trailing blanks
// dropped.
func fastRows(raw []byte, sst []string, maxRows int) ([][]string, error) {
	var rows [][]string
	_, err := (&xmlScan{b: raw}).sheetRows(sst, maxRows, func(n int, cells []string) bool {
		for len(rows) < n-1 {
			rows = append(rows, nil)
		}
		rows = append(rows, cells)
		return true
	})
	if err != nil {
		return nil, err
	}
	return rows, nil
}

// errStopped: the caller of sheetRows wanted no more rows.
var errStopped = errors.New("stopped")

// sheetRows reads the cells of a worksheet's <sheetData> as Rows() with
// RawCellValue does, handing each row to emit with its number as Excel
// shows it (rows the sheet skips are not handed over), trailing blanks
// dropped, cells past MaxColumns left out; then it reads the merged
// ranges listed after the cells. emit returning false stops the reading
// (errStopped).
func (s *xmlScan) sheetRows(sst []string, maxRows int, emit func(n int, cells []string) bool) (merges []string, err error) {
	for {
		_, t, ok := s.next()
		if !ok {
			return nil, errFallback
		}
		if t.name == "sheetData" && !t.end {
			if t.closed {
				return s.mergeCells()
			}
			break
		}
	}
	var cur []string // the row being read; copied out at its end
	rowNum, col := 0, 0
	for {
		_, t, ok := s.next()
		if !ok {
			return nil, errFallback
		}
		switch {
		case t.name == "sheetData" && t.end:
			return s.mergeCells()
		case t.name == "row" && t.end:
			cells := trimRow(cur)
			var row []string
			if len(cells) > 0 {
				row = make([]string, len(cells))
				copy(row, cells)
			}
			if !emit(rowNum, row) {
				return nil, errStopped
			}
			cur = cur[:0]
		case t.name == "row":
			n := rowNum + 1
			if r, ok := attr(t.attrs, "r"); ok {
				v, err := strconv.Atoi(r)
				if err != nil || v <= rowNum {
					return nil, errFallback
				}
				n = v
			}
			if n > maxRows {
				return nil, errTooManyRows
			}
			rowNum, col, cur = n, 0, cur[:0]
			if t.closed && !emit(rowNum, nil) {
				return nil, errStopped
			}
		case t.name == "c" && !t.end:
			c := col + 1
			if r, ok := attr(t.attrs, "r"); ok {
				cc, rr, err := excelize.CellNameToCoordinates(r)
				if err != nil || rr != rowNum || cc <= col {
					return nil, errFallback
				}
				c = cc
			}
			col = c
			if c > MaxColumns {
				if !t.closed {
					if _, err := s.cellValue(nil, ""); err != nil {
						return nil, err
					}
				}
				continue
			}
			if t.closed {
				continue
			}
			typ, _ := attr(t.attrs, "t")
			v, err := s.cellValue(sst, typ)
			if err != nil {
				return nil, err
			}
			if v != "" {
				for len(cur) < c-1 {
					cur = append(cur, "")
				}
				cur = append(cur, v)
			}
		default:
			// Anything else inside sheetData is not a shape we know.
			return nil, errFallback
		}
	}
}

// mergeCells reads the rest of a worksheet after its cells for the
// merged ranges (<mergeCell ref="A1:C2"/>).
func (s *xmlScan) mergeCells() ([]string, error) {
	s.comments = true
	var refs []string
	for {
		_, t, ok := s.next()
		if !ok {
			if s.err != nil && s.err != io.EOF {
				return nil, s.err
			}
			return refs, nil
		}
		if t.name == "mergeCell" && !t.end {
			if ref, ok := attr(t.attrs, "ref"); ok {
				refs = append(refs, ref)
			}
		}
	}
}

var errTooManyRows = errors.New("too many rows")

// cellValue reads a <c> element's children up to </c>.
func (s *xmlScan) cellValue(sst []string, typ string) (string, error) {
	var v, inline string
	for {
		_, t, ok := s.next()
		if !ok {
			return "", errFallback
		}
		switch {
		case t.name == "c" && t.end:
			switch typ {
			case "s":
				if v == "" {
					return "", nil
				}
				if sst == nil {
					return "", errFallback
				}
				i, err := strconv.Atoi(strings.TrimSpace(v))
				if err != nil || i < 0 || i >= len(sst) {
					return "", errFallback
				}
				return sst[i], nil
			case "inlineStr":
				return inline, nil
			}
			return v, nil
		case t.end || t.closed:
			continue
		case t.name == "v":
			text, end, ok := s.next()
			if !ok || end.name != "v" || !end.end {
				return "", errFallback
			}
			v = s.textOf(text)
		case t.name == "is":
			var err error
			if inline, err = s.stringItem("is"); err != nil {
				return "", err
			}
		case t.name == "f" || t.name == "extLst":
			if err := s.skipTo(t.name); err != nil {
				return "", err
			}
		default:
			return "", errFallback
		}
	}
}

// skipTo moves past the end tag of the element just opened.
func (s *xmlScan) skipTo(name string) error {
	depth := 1
	for depth > 0 {
		_, t, ok := s.next()
		if !ok {
			return errFallback
		}
		if t.name == name && !t.closed {
			if t.end {
				depth--
			} else {
				depth++
			}
		}
	}
	return nil
}

func trimRow(cells []string) []string {
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	return cells
}
