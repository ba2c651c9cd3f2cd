package sheet

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"dangjian/data"
)

// Issue is a problem with one row: Row is the row number as Excel shows
// it (title rows counted), Column the header as the sheet writes it (or
// the field's Chinese name when the value did not come from a column).
type Issue struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Reason string `json:"reason"`
}

// CountRows counts the distinct rows a list of issues is about.
func CountRows(list []Issue) int {
	rows := map[int]bool{}
	for _, is := range list {
		rows[is.Row] = true
	}
	return len(rows)
}

// RowCtx collects what is wrong with one row while it is read: errors
// refuse the row, warnings are shown with it.
type RowCtx struct {
	Row   int // the row number as Excel shows it
	Errs  []Issue
	Warns []Issue
}

// Err refuses the row for what the cell under col holds.
func (r *RowCtx) Err(col, format string, args ...any) {
	r.Errs = append(r.Errs, Issue{Row: r.Row, Column: col, Reason: fmt.Sprintf(format, args...)})
}

// Warn notes something to check in the cell under col; the row is kept.
func (r *RowCtx) Warn(col, format string, args ...any) {
	r.Warns = append(r.Warns, Issue{Row: r.Row, Column: col, Reason: fmt.Sprintf(format, args...)})
}

// Mode says what to do with the valid rows when some rows are rejected.
type Mode int

const (
	ValidOnly    Mode = iota // import the valid rows, list the rejected ones
	AllOrNothing             // import nothing unless every row is valid
)

// ParseMode reads the CLI spelling of a mode.
func ParseMode(s string) (Mode, error) {
	switch s {
	case "valid-only", "":
		return ValidOnly, nil
	case "all-or-nothing":
		return AllOrNothing, nil
	}
	return ValidOnly, fmt.Errorf("导入方式“%s”无效：应为 valid-only（只导入没有问题的行）或 all-or-nothing（全部没有问题才导入）", s)
}

func (m Mode) String() string {
	if m == AllOrNothing {
		return "all-or-nothing"
	}
	return "valid-only"
}

// Result is what an import's apply step wrote. In AllOrNothing mode with
// rejections it carries the rejections and nothing was written.
type Result struct {
	Imported        int      `json:"imported"`
	Updated         int      `json:"updated"`
	Unchanged       int      `json:"unchanged"`
	CreatedGeneral  string   `json:"created_general,omitempty"`
	CreatedBranches []string `json:"created_branches"`
	CreatedGroups   []string `json:"created_groups"`
	Rejected        []Issue  `json:"rejected"`
	Warnings        []Issue  `json:"warnings"`
	Skipped         []Issue  `json:"skipped"`
}

// EmptyResult is a Result with empty (not nil) lists, as JSON shows them.
func EmptyResult() Result {
	return Result{CreatedBranches: []string{}, CreatedGroups: []string{}, Rejected: []Issue{},
		Warnings: []Issue{}, Skipped: []Issue{}}
}

// ErrRejected is returned (wrapped) by an apply step in AllOrNothing mode
// when some rows cannot be imported; nothing was written.
var ErrRejected = errors.New("有不能导入的行")

// Clip shortens s to n characters (runes) with an ellipsis, for quoting a
// cell in a message.
func Clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// IsNumber reports digits with at most one decimal point inside: what an
// .xlsx number cell (a date's serial number among them) holds.
func IsNumber(s string) bool {
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0 && i < len(s)-1:
			dot = true
		default:
			return false
		}
	}
	return s != ""
}

// SerialDate converts an Excel serial day number. In the 1900 system day 1
// is 1900-01-01 and Excel counts a 1900-02-29 that never was, so from day
// 61 on the epoch is 1899-12-30; no record here is that old, and small
// numbers never reach here. The 1904 system (old Mac Excel) counts from
// 1904-01-01.
func SerialDate(n int, date1904 bool) data.Date {
	if date1904 {
		return data.NewDate(1904, 1, 1).AddDays(n)
	}
	return data.NewDate(1899, 12, 30).AddDays(n)
}

// Fold turns full-width ASCII forms and odd spaces into plain ASCII (see
// data.FoldWidth): for headers, numbers, dates and unit names, not for
// free text.
func Fold(s string) string { return data.FoldWidth(s) }

// noteRe matches a trailing remark in brackets: 姓名（必填）, 党费基数(元).
var noteRe = regexp.MustCompile(`[（(【\[<《][^（(【\[<《]*[）)】\]>》]$`)

// NormHeader makes header cells comparable: no spaces or line breaks
// (people align 姓  名 with spaces and wrap 出生\n年月), ASCII for
// full-width forms, lower case, no required-field markers (* ※ ★) nor
// trailing colon.
func NormHeader(s string) string {
	s = Fold(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '\t', '\r', '\n', '\u00a0', '\u200b', '*', '※', '★':
			continue
		}
		b.WriteRune(r)
	}
	out := strings.ToLower(b.String())
	return strings.TrimRight(out, ":：")
}

// MatchHeader recognises one header cell by its aliases: table maps a
// normalised header (NormHeader) to a column key. A trailing remark in
// brackets is dropped, one at a time, until a name matches: 应到人数（人）,
// 姓名（必填）. It is the header lookup of every sheet importer.
func MatchHeader(raw string, table map[string]string) (string, bool) {
	h := NormHeader(raw)
	for h != "" {
		if k, ok := table[h]; ok {
			return k, true
		}
		loc := noteRe.FindStringIndex(h)
		if loc == nil || loc[0] == 0 {
			break
		}
		h = h[:loc[0]]
	}
	return "", false
}

// StripNote drops one trailing remark in brackets: 第一支部（12人） →
// 第一支部. A text that is all remark is kept.
func StripNote(s string) string {
	if loc := noteRe.FindStringIndex(s); loc != nil && loc[0] > 0 {
		return s[:loc[0]]
	}
	return s
}

// Column is a recognised column of a sheet's header row.
type Column struct {
	Idx   int    // position in the row
	Key   string // what the column holds
	Title string // the header as written, for messages
}

// MapColumns reads a header row: each title is matched to a key by match;
// the first column of a key wins, columns keyed ignore are passed over, and
// titles that match nothing are returned as unknown (the preview lists them).
func MapColumns(header []string, match func(string) (string, bool), ignore string) (cols []Column, unknown []string) {
	seen := map[string]bool{}
	for i, raw := range header {
		title := strings.TrimSpace(raw)
		if title == "" {
			continue
		}
		k, ok := match(raw)
		if !ok {
			unknown = append(unknown, title)
			continue
		}
		if k == ignore || seen[k] {
			continue
		}
		seen[k] = true
		cols = append(cols, Column{Idx: i, Key: k, Title: title})
	}
	return cols, unknown
}
