package data

// A small PDF text reader for the library's search: no pure-Go PDF reader
// is available to this build, so this reads what PDFs like the app's own
// (gofpdf with an embedded TrueType subset, Identity-H, a ToUnicode map)
// hold: the strings shown by Tj/TJ/'/" in Flate or plain content streams,
// decoded through the file's ToUnicode maps (two-byte codes), else as
// single bytes. Encrypted PDFs, object streams holding the content and
// fonts with clashing code maps are not read (their text is then garbled
// or empty, and the document is found by its title, tags and description).

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf16"
)

// pdfText extracts the text of the PDF at path.
func pdfText(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var streams [][]byte
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("stream"))
		if j < 0 {
			break
		}
		start := i + j + len("stream")
		if i+j >= 3 && string(b[i+j-3:i+j]) == "end" { // "endstream"
			i = start
			continue
		}
		if start < len(b) && b[start] == '\r' {
			start++
		}
		if start < len(b) && b[start] == '\n' {
			start++
		}
		end := bytes.Index(b[start:], []byte("endstream"))
		if end < 0 {
			break
		}
		dict := b[max(0, i+j-300) : i+j]
		if k := bytes.LastIndex(dict, []byte("obj")); k >= 0 {
			dict = dict[k:]
		}
		raw := b[start : start+end]
		if bytes.Contains(dict, []byte("/FlateDecode")) {
			if z, err := zlib.NewReader(bytes.NewReader(raw)); err == nil {
				if d, err := io.ReadAll(io.LimitReader(z, 64<<20)); err == nil || len(d) > 0 {
					raw = d
				}
			}
		} else if bytes.Contains(dict, []byte("/Filter")) {
			raw = nil // another filter (images, DCT): not text
		}
		if raw != nil {
			streams = append(streams, raw)
		}
		i = start + end + len("endstream")
	}
	cmap := map[uint32]string{}
	for _, s := range streams {
		if bytes.Contains(s, []byte("begincmap")) {
			parseToUnicode(s, cmap)
		}
	}
	var out strings.Builder
	for _, s := range streams {
		if bytes.Contains(s, []byte("begincmap")) || !bytes.Contains(s, []byte("BT")) {
			continue
		}
		pdfContentText(s, cmap, &out)
	}
	return strings.TrimSpace(out.String()), nil
}

// parseToUnicode reads bfchar and bfrange entries of a ToUnicode CMap.
func parseToUnicode(s []byte, m map[uint32]string) {
	toks := pdfTokens(s)
	for i := 0; i < len(toks); i++ {
		switch toks[i].op {
		case "beginbfchar":
			for i++; i+1 < len(toks) && toks[i].op != "endbfchar"; i += 2 {
				if toks[i].hex && toks[i+1].hex {
					m[codeOf(toks[i].s)] = utf16Text(toks[i+1].s)
				}
			}
		case "beginbfrange":
			for i++; i+2 < len(toks) && toks[i].op != "endbfrange"; i += 3 {
				lo, hi, dst := toks[i], toks[i+1], toks[i+2]
				if !lo.hex || !hi.hex || !dst.hex || codeOf(hi.s) < codeOf(lo.s) || codeOf(hi.s)-codeOf(lo.s) > 0xffff {
					continue
				}
				base := []rune(utf16Text(dst.s))
				if len(base) == 0 {
					continue
				}
				for c := codeOf(lo.s); c <= codeOf(hi.s); c++ {
					r := append([]rune(nil), base...)
					r[len(r)-1] += rune(c - codeOf(lo.s))
					m[c] = string(r)
				}
			}
		}
	}
}

func codeOf(b []byte) uint32 {
	var c uint32
	for _, x := range b {
		c = c<<8 | uint32(x)
	}
	return c
}

func utf16Text(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}

// pdfContentText writes the strings a content stream shows, a line per
// text object (BT … ET).
func pdfContentText(s []byte, cmap map[uint32]string, out *strings.Builder) {
	var pending [][]byte
	for _, t := range pdfTokens(s) {
		switch {
		case t.str:
			pending = append(pending, t.s)
		case t.op == "Tj" || t.op == "TJ" || t.op == "'" || t.op == `"`:
			for _, p := range pending {
				out.WriteString(decodePDFString(p, cmap))
			}
			pending = pending[:0]
		case t.op == "ET":
			out.WriteString("\n")
			pending = pending[:0]
		case t.op != "" && t.op != "[" && t.op != "]":
			if t.op == "Td" || t.op == "TD" || t.op == "T*" || t.op == "Tm" {
				out.WriteString(" ")
			}
			pending = pending[:0]
		}
	}
}

// decodePDFString maps two-byte codes through the ToUnicode map when the
// file has one, else reads the bytes as Latin-1 (also a string of plain
// ASCII whose pairs the map does not know: a simple font's text).
func decodePDFString(b []byte, cmap map[uint32]string) string {
	if len(cmap) > 0 && len(b)%2 == 0 && !(plainASCII(b) && !allMapped(b, cmap)) {
		var sb strings.Builder
		for i := 0; i+1 < len(b); i += 2 {
			c := uint32(b[i])<<8 | uint32(b[i+1])
			if t, ok := cmap[c]; ok {
				sb.WriteString(t)
			} else {
				sb.WriteRune(rune(c))
			}
		}
		return sb.String()
	}
	r := make([]rune, len(b))
	for i, x := range b {
		r[i] = rune(x)
	}
	return string(r)
}

type pdfToken struct {
	s        []byte // a string's bytes
	str, hex bool
	op       string // an operator or other bare word; "" for numbers, names and strings
}

// pdfTokens splits a content stream or CMap into strings (literal and hex)
// and operators; numbers and names are skipped.
func pdfTokens(s []byte) []pdfToken {
	var out []pdfToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '(':
			var b []byte
			depth := 1
			i++
			for i < len(s) && depth > 0 {
				c := s[i]
				switch {
				case c == '\\' && i+1 < len(s):
					i++
					e := s[i]
					switch e {
					case 'n':
						b = append(b, '\n')
					case 'r':
						b = append(b, '\r')
					case 't':
						b = append(b, '\t')
					case 'b':
						b = append(b, '\b')
					case 'f':
						b = append(b, '\f')
					case '\r', '\n': // a line continuation
						if e == '\r' && i+1 < len(s) && s[i+1] == '\n' {
							i++
						}
					default:
						if e >= '0' && e <= '7' {
							n := 0
							k := 0
							for ; k < 3 && i+k < len(s) && s[i+k] >= '0' && s[i+k] <= '7'; k++ {
								n = n*8 + int(s[i+k]-'0')
							}
							b = append(b, byte(n))
							i += k - 1
						} else {
							b = append(b, e)
						}
					}
				case c == '(':
					depth++
					b = append(b, c)
				case c == ')':
					depth--
					if depth > 0 {
						b = append(b, c)
					}
				default:
					b = append(b, c)
				}
				i++
			}
			out = append(out, pdfToken{s: b, str: true})
		case c == '<' && i+1 < len(s) && s[i+1] == '<', c == '>' && i+1 < len(s) && s[i+1] == '>':
			i += 2
		case c == '<':
			j := bytes.IndexByte(s[i:], '>')
			if j < 0 {
				return out
			}
			h := strings.Map(func(r rune) rune {
				if strings.ContainsRune("0123456789abcdefABCDEF", r) {
					return r
				}
				return -1
			}, string(s[i+1:i+j]))
			if len(h)%2 == 1 {
				h += "0"
			}
			b := make([]byte, len(h)/2)
			for k := range b {
				v, _ := strconv.ParseUint(h[2*k:2*k+2], 16, 8)
				b[k] = byte(v)
			}
			out = append(out, pdfToken{s: b, str: true, hex: true})
			i += j + 1
		case c == '[' || c == ']':
			out = append(out, pdfToken{op: string(c)})
			i++
		case c == '/':
			i++
			for i < len(s) && !pdfDelim(s[i]) {
				i++
			}
		case c == '%':
			for i < len(s) && s[i] != '\n' && s[i] != '\r' {
				i++
			}
		case pdfDelim(c):
			i++
		default:
			j := i
			for j < len(s) && !pdfDelim(s[j]) {
				j++
			}
			w := string(s[i:j])
			if _, err := strconv.ParseFloat(w, 64); err != nil {
				out = append(out, pdfToken{op: w})
			}
			i = j
		}
	}
	return out
}

func pdfDelim(c byte) bool {
	return strings.IndexByte(" \t\r\n\f\x00()<>[]{}/%", c) >= 0
}

func plainASCII(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

func allMapped(b []byte, cmap map[uint32]string) bool {
	for i := 0; i+1 < len(b); i += 2 {
		if _, ok := cmap[uint32(b[i])<<8|uint32(b[i+1])]; !ok {
			return false
		}
	}
	return true
}
