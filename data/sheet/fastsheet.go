package sheet

import (
	"bytes"
	"errors"
	"html"
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

// xmlScan walks XML tags without building a tree.
type xmlScan struct {
	b []byte
	i int
}

// tag is one tag as met: its local name (prefix dropped), whether it is
// an end tag, whether it closes itself, and its raw attribute text.
type tag struct {
	name        string
	end, closed bool
	attrs       []byte
}

// next moves to the next tag, returning the text before it.
func (s *xmlScan) next() (text []byte, t tag, ok bool) {
	for {
		j := bytes.IndexByte(s.b[s.i:], '<')
		if j < 0 {
			return nil, tag{}, false
		}
		text = s.b[s.i : s.i+j]
		start := s.i + j
		rest := s.b[start+1:]
		switch {
		case bytes.HasPrefix(rest, []byte("?")):
			k := bytes.Index(rest, []byte("?>"))
			if k < 0 {
				return nil, tag{}, false
			}
			s.i = start + 1 + k + 2
			continue
		case bytes.HasPrefix(rest, []byte("!")):
			// Comments, CDATA and the like do not occur in what Excel
			// and the usual libraries write; the full parser has them.
			return nil, tag{}, false
		}
		k := bytes.IndexByte(rest, '>')
		if k < 0 {
			return nil, tag{}, false
		}
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
		t.name = string(name)
		return text, t, true
	}
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

// stringItem reads the text of an <si> or <is> element up to its end tag:
// the <t> of the item and of its rich-text runs, not the phonetic <rPh>.
func (s *xmlScan) stringItem(endName string) (string, error) {
	var b strings.Builder
	inT, skip := false, 0
	for {
		text, t, ok := s.next()
		if !ok {
			return "", errFallback
		}
		if inT && skip == 0 {
			b.WriteString(xmlText(text))
		}
		switch {
		case t.name == endName && t.end:
			return bstr(b.String()), nil
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
func fastSST(raw []byte) ([]string, error) {
	s := &xmlScan{b: raw}
	var out []string
	for {
		_, t, ok := s.next()
		if !ok {
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

// fastRows reads the cells of a worksheet's <sheetData> as Rows() with
// RawCellValue does: Rows[i] is Excel row i+1, trailing blanks dropped.
func fastRows(raw []byte, sst []string, maxRows int) ([][]string, error) {
	s := &xmlScan{b: raw}
	for {
		_, t, ok := s.next()
		if !ok {
			return nil, errFallback
		}
		if t.name == "sheetData" && !t.end {
			if t.closed {
				return nil, nil
			}
			break
		}
	}
	var rows [][]string
	var cur []string
	rowNum, col := 0, 0
	for {
		_, t, ok := s.next()
		if !ok {
			return nil, errFallback
		}
		switch {
		case t.name == "sheetData" && t.end:
			return rows, nil
		case t.name == "row" && t.end:
			rows = append(rows, trimRow(cur))
			cur = nil
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
			for len(rows) < n-1 {
				rows = append(rows, nil)
			}
			rowNum, col, cur = n, 0, nil
			if t.closed {
				rows = append(rows, nil)
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
			v = xmlText(text)
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
