package data

import (
	"context"
	"database/sql"
	"strings"
	"unicode"
)

// bigrams turns text into FTS tokens: each run of Han characters becomes
// its overlapping two-character pieces ("组织生活会" → 组织 织生 生活 活会;
// a single character stays itself), other words stay whole and lower-case.
// A two-character query is then one token, a longer one a phrase.
func bigrams(text string) []string {
	var out []string
	var han []rune
	var word []rune
	flushHan := func() {
		switch len(han) {
		case 0:
		case 1:
			out = append(out, string(han))
		default:
			for i := 0; i+1 < len(han); i++ {
				out = append(out, string(han[i:i+2]))
			}
		}
		han = han[:0]
	}
	flushWord := func() {
		if len(word) > 0 {
			out = append(out, strings.ToLower(string(word)))
			word = word[:0]
		}
	}
	for _, r := range normalizeDigits(text) {
		switch {
		case unicode.Is(unicode.Han, r):
			flushWord()
			han = append(han, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			flushHan()
			word = append(word, r)
		default:
			flushHan()
			flushWord()
		}
	}
	flushHan()
	flushWord()
	return out
}

func (tx *Tx) indexMeeting(m Meeting) error {
	if _, err := tx.exec("DELETE FROM meeting_search WHERE rowid = ?", m.ID); err != nil {
		return err
	}
	body := strings.Join(bigrams(m.Topic+"\n"+m.Content+"\n"+m.Resolution), " ")
	_, err := tx.exec("INSERT INTO meeting_search(rowid, body) VALUES (?, ?)", m.ID, body)
	return err
}

// SearchMeetings finds minutes whose 主题, 主要内容 or 决议 contain every
// word of q (words separated by spaces), two-character words included.
// It returns meeting IDs, best match first.
func (s *Store) SearchMeetings(ctx context.Context, q string) ([]int64, error) {
	var terms []string
	for _, w := range strings.Fields(q) {
		if loneHan(w) {
			// One character is no token of the index (第3次: 第 and 次
			// stand alone in the query, but 次 is inside 次会 in the
			// text): scan instead.
			return s.searchLike(ctx, strings.Fields(q))
		}
		toks := bigrams(w)
		if len(toks) == 0 {
			continue
		}
		for i, t := range toks {
			toks[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
		}
		// Pieces of one word must follow each other: a phrase.
		terms = append(terms, "("+strings.Join(toks, " + ")+")")
	}
	if len(terms) == 0 {
		return nil, nil
	}
	var out []int64
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, "SELECT rowid FROM meeting_search WHERE meeting_search MATCH ? ORDER BY rank", strings.Join(terms, " AND "))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			out = append(out, id)
		}
		return rows.Err()
	})
	return out, err
}

// loneHan reports a run of exactly one Han character in w.
func loneHan(w string) bool {
	run := 0
	for _, r := range w + " " {
		if unicode.Is(unicode.Han, r) {
			run++
			continue
		}
		if run == 1 {
			return true
		}
		run = 0
	}
	return false
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)

// searchLike is the slow path for one-character words.
func (s *Store) searchLike(ctx context.Context, words []string) ([]int64, error) {
	where := []string{"deleted_at IS NULL"}
	var args []any
	for _, w := range words {
		where = append(where, `(topic || content || resolution) LIKE ? ESCAPE '\'`)
		args = append(args, "%"+likeEscaper.Replace(w)+"%")
	}
	var out []int64
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, "SELECT id FROM meetings WHERE "+strings.Join(where, " AND ")+" ORDER BY date DESC", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			out = append(out, id)
		}
		return rows.Err()
	})
	return out, err
}
