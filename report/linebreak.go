package report

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// noLineStart are characters that may not begin a line (行首禁则): closing
// brackets and quotes, sentence and clause punctuation, and the Latin
// equivalents that appear in mixed text.
const noLineStart = "。，、；：？！）」』》〉】〕］｝”’…‥·—～％‰℃" +
	".,;:?!)]}%"

// noLineEnd are characters that may not end a line (行尾禁则): opening brackets
// and quotes.
const noLineEnd = "（「『《〈【〔［｛“‘" + "([{"

func isCloser(r rune) bool { return strings.ContainsRune(noLineStart, r) }
func isOpener(r rune) bool { return strings.ContainsRune(noLineEnd, r) }

// isBreakSpace reports the characters a line may break at and that disappear
// at the break. The ideographic space U+3000 is deliberately not one: Chinese
// text uses it for indentation and it must survive.
func isBreakSpace(r rune) bool { return r == ' ' || r == '\t' }

// isWide reports characters that stand alone for line breaking: a line may
// break before or after each one (subject to the punctuation rules). Everything
// else that is not a space clings to its neighbours, so Latin words, numbers,
// dates such as 2010-07-01, phone numbers and codes such as A4 stay whole.
func isWide(r rune) bool {
	switch {
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo):
		return true
	case r >= 0x3000 && r <= 0x303F: // CJK symbols and punctuation
		return true
	case r >= 0xFF00 && r <= 0xFFEF: // full-width forms
		return true
	case r >= 0x2010 && r <= 0x2027: // dashes, curly quotes, ellipsis, middle dot
		return true
	case r == 0x00B7: // · as used between parts of a name
		return true
	}
	return false
}

// BreakLines splits text into lines no wider than width, as measured by
// measure, following Chinese line-breaking rules:
//
//   - "\n", "\r\n" and "\r" force a break; an empty paragraph yields an empty line;
//   - a line may break between any two Chinese characters, and at spaces;
//   - runs of non-Chinese characters (words, numbers, dates, phone numbers)
//     are kept whole unless one alone is wider than a line;
//   - a line never starts with closing punctuation such as 。，、）」 and never
//     ends with opening punctuation such as （「“: the character before is
//     carried to the next line with it, and only when a single unbreakable run
//     is wider than a line does a closing mark hang past the right edge.
//
// No character is lost or repeated: concatenating the lines gives back text
// less the line-break characters and the spaces at the points where lines were
// broken. Empty text yields one empty line, so callers can size a table cell
// from len(lines) without a special case.
//
// measure must be additive (the width of a string is the sum of the widths of
// its characters), which holds for PDF fonts without kerning.
func BreakLines(text string, width float64, measure func(string) float64) []string {
	return breakLines(text, width, width, measure)
}

// breakLines is BreakLines with a different width for the first line, which
// paragraphs with a first-line indent need.
func breakLines(text string, first, width float64, measure func(string) float64) []string {
	var out []string
	for {
		i := strings.IndexAny(text, "\r\n")
		if i < 0 {
			break
		}
		out = breakParagraph(out, text[:i], first, width, measure)
		first = width
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		text = text[i+1:]
	}
	return breakParagraph(out, text, first, width, measure)
}

// atom is a stretch of a paragraph that must not be broken except when it is
// wider than a whole line: a word or a Chinese character, together with the
// punctuation glued to it by the line-start and line-end rules.
type atom struct {
	start, end int // byte offsets in the paragraph
	sepStart   int // offset where the spaces before this atom begin (== start if none)
	w          float64
}

func breakParagraph(out []string, p string, first, width float64, measure func(string) float64) []string {
	atoms := splitAtoms(p)
	if len(atoms) == 0 {
		return append(out, "")
	}
	lineW := first
	lineStart := atoms[0].sepStart // leading spaces of a paragraph are indentation: keep them
	var used float64
	empty := true
	for i := range atoms {
		a := &atoms[i]
		a.w = measure(p[a.start:a.end])
		if empty {
			// Leading spaces (paragraph start only) count toward the width.
			a.w += measure(p[lineStart:a.start])
		}
		sep := 0.0
		if !empty {
			sep = measure(p[a.sepStart:a.start])
		}
		if !empty && used+sep+a.w <= lineW+eps {
			used += sep + a.w
			continue
		}
		if !empty {
			// Break before a: the spaces in between vanish.
			out = append(out, p[lineStart:atoms[i-1].end])
			lineW = width
			lineStart = a.start
			a.w = measure(p[a.start:a.end])
		}
		empty = false
		if a.w <= lineW+eps {
			used = a.w
			continue
		}
		// a alone is wider than a line: cut it by characters.
		pos := lineStart
		for {
			cut := forcedCut(p, pos, a.end, lineW, measure)
			if cut >= a.end {
				break
			}
			out = append(out, p[pos:cut])
			lineW = width
			pos = cut
		}
		lineStart = pos
		used = measure(p[pos:a.end])
	}
	return append(out, p[lineStart:atoms[len(atoms)-1].end])
}

const eps = 1e-9

// forcedCut returns where to end a line that starts at pos inside an
// unbreakable run ending at end: as many characters as fit, at least one. Any
// closing punctuation right after hangs past the edge (it may not start the
// next line); opening marks at the end are carried to the next line, or, when
// they are all the line holds, the line grows until it ends with something else.
func forcedCut(p string, pos, end int, width float64, measure func(string) float64) int {
	cut := pos
	used := 0.0
	for cut < end {
		_, n := utf8.DecodeRuneInString(p[cut:end])
		w := measure(p[cut : cut+n])
		if cut > pos && !(used+w <= width+eps) {
			break
		}
		used += w
		cut += n
	}
	grow := false
	for {
		for cut < end {
			r, n := utf8.DecodeRuneInString(p[cut:end])
			if !isCloser(r) && !isBreakSpace(r) {
				break
			}
			cut += n
		}
		if cut >= end {
			return end
		}
		if !grow {
			c := cut
			for {
				last, at := lastNonSpace(p[pos:c])
				if last < 0 || !isOpener(last) {
					break
				}
				c = pos + at
			}
			if c > pos {
				return c
			}
			grow = true
		}
		if last, _ := lastNonSpace(p[pos:cut]); last >= 0 && !isOpener(last) {
			return cut
		}
		_, n := utf8.DecodeRuneInString(p[cut:end])
		cut += n
	}
}

// lastNonSpace returns the last character of s that is not a break space and
// its byte offset, or -1.
func lastNonSpace(s string) (rune, int) {
	for i := len(s); i > 0; {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		i -= n
		if !isBreakSpace(r) {
			return r, i
		}
	}
	return -1, 0
}

// splitAtoms cuts a paragraph (no line breaks) into atoms. Spaces between
// atoms are break opportunities; spaces next to a closing or opening mark are
// not, so that "见 （附件）" cannot leave "（" alone at a line end.
func splitAtoms(p string) []atom {
	type unit struct{ start, end, sepStart int }
	var units []unit
	sepStart := 0
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRuneInString(p[i:])
		switch {
		case isBreakSpace(r):
			i += n
			continue
		case isWide(r):
			units = append(units, unit{i, i + n, sepStart})
			i += n
		default:
			j := i + n
			for j < len(p) {
				r2, n2 := utf8.DecodeRuneInString(p[j:])
				if isBreakSpace(r2) || isWide(r2) {
					break
				}
				j += n2
			}
			units = append(units, unit{i, j, sepStart})
			i = j
		}
		sepStart = i
	}
	var atoms []atom
	for k, u := range units {
		if k > 0 {
			prev := units[k-1]
			lastPrev, _ := utf8.DecodeLastRuneInString(p[prev.start:prev.end])
			firstCur, _ := utf8.DecodeRuneInString(p[u.start:u.end])
			if isCloser(firstCur) || isOpener(lastPrev) {
				atoms[len(atoms)-1].end = u.end
				continue
			}
		}
		atoms = append(atoms, atom{start: u.start, end: u.end, sepStart: u.sepStart})
	}
	return atoms
}
