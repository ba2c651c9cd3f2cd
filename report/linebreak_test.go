package report

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// em measures like a CJK font: Chinese characters and full-width punctuation
// one unit, everything else half, a space a quarter.
func em(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t':
			w += 0.25
		case isWide(r):
			w++
		default:
			w += 0.5
		}
	}
	return w
}

func TestBreakLines(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"empty", "", 10, []string{""}},
		{"fits", "党支部", 10, []string{"党支部"}},
		{"chinese wraps anywhere", "一二三四五六七八九十", 4, []string{"一二三四", "五六七八", "九十"}},
		{"period never starts a line", "一二三四。五六", 4, []string{"一二三", "四。五六"}},
		{"comma never starts a line", "一二三四，五六七", 4, []string{"一二三", "四，五六", "七"}},
		{"chain of closers moves together", "一二三四。」五", 4, []string{"一二三", "四。」五"}},
		{"opening bracket never ends a line", "一二三（四）五", 4, []string{"一二三", "（四）五"}},
		{"opening quote never ends a line", "一二三“四”", 4, []string{"一二三", "“四”"}},
		{"date kept whole", "入党日期2010-07-01已登记", 6, []string{"入党日期", "2010-07-01已", "登记"}},
		{"phone kept whole", "电话13800138000", 6, []string{"电话", "13800138000"}},
		{"A4 kept whole", "用A4纸打印", 3, []string{"用A4纸", "打印"}},
		{"percent stays with number", "完成率98.5%。", 4, []string{"完成率", "98.5%。"}},
		{"latin words break at spaces", "hello world foo", 3, []string{"hello", "world", "foo"}},
		{"several spaces vanish at a break", "ab   cd", 1, []string{"ab", "cd"}},
		{"spaces inside a line stay", "ab cd ef", 3, []string{"ab cd", "ef"}},
		{"word longer than line is cut", "abcdefghij", 2, []string{"abcd", "efgh", "ij"}},
		{"comma after long word hangs", "abcd,ef", 2, []string{"abcd,", "ef"}},
		{"closer hangs when nothing else works", "一。", 1, []string{"一。"}},
		{"hang inside glued run", "一二。」三", 2, []string{"一", "二。」", "三"}},
		{"opener alone takes its follower", "（一", 1, []string{"（一"}},
		{"openers carried in forced cut", "a（（b", 1.5, []string{"a", "（（b"}},
		{"newline", "一二\n三", 10, []string{"一二", "三"}},
		{"blank line kept", "a\n\nb", 10, []string{"a", "", "b"}},
		{"crlf", "a\r\nb\rc", 10, []string{"a", "b", "c"}},
		{"trailing newline", "abc\n", 10, []string{"abc", ""}},
		{"ideographic space indent kept", "　　第一段", 10, []string{"　　第一段"}},
		{"leading spaces kept", "  ab", 10, []string{"  ab"}},
		{"trailing spaces dropped", "ab  ", 10, []string{"ab"}},
		{"closer after space not alone", "一二三 ）", 3.5, []string{"一二", "三 ）"}},
		{"mixed", "第一车队党支部（12人）", 5, []string{"第一车队党", "支部（12", "人）"}},
		{"zero width still progresses", "一二", 0, []string{"一", "二"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := BreakLines(tt.text, tt.width, em)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("BreakLines(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
			}
			checkBreak(t, tt.text, tt.width, em)
		})
	}
}

func TestBreakLinesFirstLineWidth(t *testing.T) {
	got := breakLines("一二三四五六七八", 2, 4, em)
	want := []string{"一二", "三四五六", "七八"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestBreakLinesRealText(t *testing.T) {
	text := "根据《中国共产党章程》和《中国共产党基层组织选举工作条例》的规定，" +
		"第一车队党支部委员会于2023年12月1日经党员大会选举产生，任期3年。" +
		"支部现有党员12名（其中预备党员2名），联系电话13800138000，" +
		"请于2026-11-30前完成换届准备工作；逾期未换届的，应向党总支书面说明原因。"
	for w := 1.0; w <= 30; w += 0.5 {
		checkBreak(t, text, w, em)
	}
}

// checkBreak asserts the breaker's promises: nothing lost or repeated, no
// line starts with closing or ends with opening punctuation at a soft break,
// and lines stay within width whenever the text allows it.
func checkBreak(t *testing.T, text string, width float64, measure func(string) float64) {
	t.Helper()
	lines := BreakLines(text, width, measure)
	if err := reassemble(text, lines); err != nil {
		t.Fatalf("BreakLines(%q, %v) = %q: %v", text, width, lines, err)
	}
	paras := strings.Split(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\n")
	for _, p := range paras {
		pl := BreakLines(p, width, measure)
		for i, l := range pl {
			if i > 0 {
				if r, _ := utf8.DecodeRuneInString(l); isCloser(r) {
					t.Errorf("BreakLines(%q, %v): line %d %q starts with %q", p, width, i, l, r)
				}
			}
			if i < len(pl)-1 {
				if r, _ := lastNonSpace(l); r >= 0 && isOpener(r) {
					t.Errorf("BreakLines(%q, %v): line %d %q ends with %q", p, width, i, l, r)
				}
			}
			if measure(l) > width+eps && !overflowAllowed(l, width, measure) {
				t.Errorf("BreakLines(%q, %v): line %d %q is %v wide", p, width, i, l, measure(l))
			}
		}
	}
}

// overflowAllowed reports a line that may exceed the width: one that fits but
// for hanging closing marks, or that holds a single character after opening
// marks (which cannot end a line).
func overflowAllowed(l string, width float64, measure func(string) float64) bool {
	core := strings.TrimRightFunc(l, func(r rune) bool { return isCloser(r) || isBreakSpace(r) })
	if measure(core) <= width+eps {
		return true
	}
	core = strings.TrimLeftFunc(core, func(r rune) bool { return isOpener(r) || isBreakSpace(r) })
	return utf8.RuneCountInString(core) <= 1
}

// reassemble checks that lines, joined, give back text less line breaks and
// less spaces at the breaks: only spaces, tabs and line breaks may be skipped,
// and only between lines.
func reassemble(text string, lines []string) error {
	gap := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
	pos := 0
	for i, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			return fmt.Errorf("line %d %q contains a line break", i, l)
		}
		for !strings.HasPrefix(text[pos:], l) {
			if pos >= len(text) || !gap(text[pos]) {
				return fmt.Errorf("line %d %q not found at byte %d of %q", i, l, pos, text)
			}
			pos++
		}
		pos += len(l)
	}
	for ; pos < len(text); pos++ {
		if !gap(text[pos]) {
			return fmt.Errorf("text after byte %d lost: %q", pos, text[pos:])
		}
	}
	norm := strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	if want := strings.Count(norm, "\n") + 1; len(lines) < want {
		return fmt.Errorf("%d lines for %d paragraphs", len(lines), want)
	}
	return nil
}

func FuzzBreakLines(f *testing.F) {
	seeds := []string{
		"", "党支部", "一二三四。五六", "（一）第一车队党支部（12人）", "2010-07-01 13800138000 A4",
		"abc def\nghi", "“引号”、《书名号》；！？", "a（（b）", "  lead", "trail  ", "\r\n\r", "\xff\xfe中",
		"根据《中国共产党章程》规定，支部现有党员12名（其中预备党员2名）。",
	}
	for _, s := range seeds {
		for _, w := range []uint8{0, 1, 3, 4, 8, 40} {
			f.Add(s, w)
		}
	}
	f.Fuzz(func(t *testing.T, text string, w uint8) {
		width := float64(w) / 4
		lines := BreakLines(text, width, em)
		if err := reassemble(text, lines); err != nil {
			t.Fatalf("BreakLines(%q, %v) = %q: %v", text, width, lines, err)
		}
		checkBreak(t, text, width, em)
	})
}
