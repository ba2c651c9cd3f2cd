package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// How the 操作日志 reads: each changed field as "标签：旧值 → 新值" with the
// registry's label and format. The screen and `audit list` both print
// through AuditNames, so they say the same thing.

// AuditNames resolves references (a branch's ID, a member's ID) to names
// for the log. A nil *AuditNames shows references by number. It is safe
// for use by several goroutines (the 操作日志 formats pages in the
// background while the detail pane reads on the UI thread).
type AuditNames struct {
	mu    sync.Mutex
	names map[string]map[int64]string // entity → id → name; "" = none
	// lookup reads one name from the store when names lacks it.
	lookup func(entity string, id int64) (string, bool)
}

// NewAuditNames makes a lookup from given names, for tests and callers
// that already hold them: entity → id → name.
func NewAuditNames(names map[string]map[int64]string) *AuditNames {
	return &AuditNames{names: names}
}

// AuditNames resolves the names of the records the log refers to,
// deleted ones included (old rows still name them). Each is read from the
// store when first asked for and then kept: a log of 100,000 members'
// rows shows a page at a time, and reading every name of every entity up
// front took longer than the page.
func (s *Store) AuditNames(ctx context.Context) (*AuditNames, error) {
	queries := map[string]string{}
	for _, e := range registry() {
		if e.nameSQL != "" {
			// Every nameSQL lists id first; SQLite flattens the subquery,
			// so this is a lookup by primary key.
			queries[e.Key] = "SELECT * FROM (" + e.nameSQL + ") WHERE id = ?"
		}
	}
	n := &AuditNames{names: map[string]map[int64]string{}}
	n.lookup = func(entity string, id int64) (string, bool) {
		q, ok := queries[entity]
		if !ok {
			return "", false
		}
		var name sql.NullString
		err := s.read(func(db *sql.DB) error {
			var got int64
			return db.QueryRowContext(ctx, q, id).Scan(&got, &name)
		})
		return name.String, err == nil || errors.Is(err, sql.ErrNoRows)
	}
	// The store must be readable: fail here rather than at every name.
	err := s.read(func(db *sql.DB) error {
		var one int
		return db.QueryRowContext(ctx, "SELECT 1").Scan(&one)
	})
	return n, err
}

// refName is the name of record id (as text) of an entity, "" for none.
func (n *AuditNames) refName(entity, id string) string {
	v, err := strconv.ParseInt(strings.TrimSpace(id), 10, 64)
	if err != nil || v == 0 {
		return ""
	}
	return n.name(entity, v)
}

func (n *AuditNames) name(entity string, id int64) string {
	if n != nil {
		n.mu.Lock()
		s, ok := n.names[entity][id]
		if !ok && n.lookup != nil {
			if s, ok = n.lookup(entity, id); ok {
				if n.names[entity] == nil {
					n.names[entity] = map[int64]string{}
				}
				n.names[entity][id] = s
			}
		}
		n.mu.Unlock()
		if s != "" {
			return s
		}
	}
	return fmt.Sprintf("%s（编号 %d）", EntityLabel(entity), id)
}

// auditParsed is an audit row's JSON decoded once: the listing hands each
// entry one to fill on first use, so the name, the summary and the detail
// of a row do not each decode it again.
type auditParsed struct {
	once          sync.Once
	before, after map[string]any // numbers as json.Number
	keys          []string       // both images' keys in the record's order (imageKeys.merge)
}

// parse decodes e's images, once for an entry from the listing.
func (e AuditEntry) parse() *auditParsed {
	p := e.parsed
	if p == nil {
		p = new(auditParsed)
	}
	p.once.Do(func() {
		var ka, kb []string
		p.after, ka = decodeOrdered(e.After)
		p.before, kb = decodeOrdered(e.Before)
		p.keys = imageKeysOf(e.Entity).merge(ka, kb)
	})
	return p
}

// decodeOrdered reads a JSON object keeping numbers exact, with its
// top-level keys in document order (a Go map would lose it). Whatever
// does not decode reads as an empty object.
func decodeOrdered(js string) (map[string]any, []string) {
	m := map[string]any{}
	if js == "" {
		return m, nil
	}
	dec := json.NewDecoder(strings.NewReader(js))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return m, nil
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			break
		}
		k, _ := t.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			break
		}
		keys = append(keys, k)
		m[k] = v
	}
	return m, keys
}

// fieldText is fmtJSONValue for a value decoded with numbers kept as
// json.Number, reading them as a float64 would.
func fieldText(v any) string {
	if x, ok := v.(json.Number); ok {
		if f, err := x.Float64(); err == nil {
			return strconv.FormatFloat(f, 'f', -1, 64)
		}
		return x.String()
	}
	return fmtJSONValue(v)
}

// AuditLine is one field of an audit row, labelled and formatted.
type AuditLine struct {
	Key, Label    string
	Before, After string // formatted; "" when empty
	Internal      bool   // bookkeeping: shown in the detail only
	Long          bool   // long text: the summary shortens it
}

// Lines lists the fields an audit row changes (for an insert: every
// field it fills), labelled by the row's entity, in the record's order.
func (n *AuditNames) Lines(e AuditEntry) []AuditLine {
	ent := EntityOf(e.Entity)
	p := e.parse()
	b, a := p.before, p.after
	var out []AuditLine
	for _, k := range p.keys {
		if k == "id" {
			continue
		}
		f, ok := Field{}, false
		if ent != nil && ent.fieldFor != nil {
			f, ok = ent.fieldFor(e.RecordID, k)
		}
		if !ok {
			f, ok = ent.Field(k)
		}
		if !ok {
			f = Field{Key: k, Label: k}
		}
		bv, av := n.FormatValue(f, b[k]), n.FormatValue(f, a[k])
		if bv == av {
			continue
		}
		out = append(out, AuditLine{Key: k, Label: f.Label, Before: bv, After: av,
			Internal: f.Kind == KindInternal, Long: f.Kind == KindLongText || f.Kind == KindList})
	}
	return out
}

// FormatValue shows one stored value as the field's kind reads.
func (n *AuditNames) FormatValue(f Field, v any) string {
	if v == nil {
		return ""
	}
	if f.format != nil {
		return f.format(v, n)
	}
	switch f.Kind {
	case KindTime:
		s := fmtJSONValue(v)
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return t.Local().Format("2006-01-02 15:04")
		}
		return s
	case KindMoney:
		if x, ok := intOf(v); ok {
			if x == 0 {
				return ""
			}
			return FormatMoney(x)
		}
	case KindEnum:
		s := fmtJSONValue(v)
		for _, c := range f.Choices {
			if c.Value == s {
				return c.Label
			}
		}
		return s
	case KindBool:
		switch x := v.(type) {
		case bool:
			if x {
				return "是"
			}
			return "否"
		case json.Number:
			if x.String() == "0" {
				return "否"
			}
			return "是"
		}
	case KindPoints:
		if x, ok := intOf(v); ok {
			return Points(x).String() + " 分"
		}
	case KindCount:
		if x, ok := intOf(v); ok {
			if f.Unit == "" {
				return strconv.FormatInt(x, 10)
			}
			return strconv.FormatInt(x, 10) + " " + f.Unit
		}
	case KindRef:
		if x, ok := intOf(v); ok {
			if x == 0 {
				return ""
			}
			return n.name(f.Ref, x)
		}
	case KindRefs:
		if list, ok := v.([]any); ok {
			var names []string
			for _, item := range list {
				if x, ok := intOf(item); ok {
					names = append(names, n.name(f.Ref, x))
				}
			}
			return strings.Join(names, "、")
		}
	case KindBytes:
		if x, ok := intOf(v); ok {
			return formatBytes(x)
		}
	case KindList:
		if list, ok := v.([]any); ok {
			return fmt.Sprintf("%d 条", len(list))
		}
	}
	return fmtJSONValue(v)
}

func intOf(v any) (int64, bool) {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i, true
		}
		if f, err := x.Float64(); err == nil {
			return int64(f), true
		}
	case float64:
		return int64(x), true
	case string:
		if i, err := strconv.ParseInt(x, 10, 64); err == nil {
			return i, true
		}
	}
	return 0, false
}

func formatBytes(b int64) string {
	switch {
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(b)/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(b)/(1<<10))
	}
	return fmt.Sprintf("%d 字节", b)
}

// formatAttendance sums up a meeting's attendance: the count per state
// and the names of those not present.
func formatAttendance(v any, _ *AuditNames) string {
	list, _ := v.([]any)
	if len(list) == 0 {
		return ""
	}
	var present int
	var leave, absent []string
	for _, item := range list {
		m, _ := item.(map[string]any)
		name := fmtJSONValue(m["name"])
		switch fmtJSONValue(m["state"]) {
		case Present:
			present++
		case OnLeave:
			leave = append(leave, name)
		case Absent:
			absent = append(absent, name)
		}
	}
	s := fmt.Sprintf("出席 %d 人", present)
	if len(leave) > 0 {
		s += "，请假：" + strings.Join(leave, "、")
	}
	if len(absent) > 0 {
		s += "，缺席：" + strings.Join(absent, "、")
	}
	return s
}

// formatSteps shows a task's handling record by its latest step.
func formatSteps(v any, _ *AuditNames) string {
	list, _ := v.([]any)
	if len(list) == 0 {
		return ""
	}
	last, _ := list[len(list)-1].(map[string]any)
	s := fmtJSONValue(last["action"])
	if op := fmtJSONValue(last["operator"]); op != "" {
		s += "（" + op + "）"
	}
	if t := fmtJSONValue(last["text"]); t != "" {
		s += "：" + t
	}
	return fmt.Sprintf("共 %d 步，最近一步%s", len(list), s)
}

// RecordName says which record an audit row is about, by name.
func (n *AuditNames) RecordName(e AuditEntry) string {
	ent := EntityOf(e.Entity)
	if ent != nil && ent.name != nil {
		if s := ent.name(e, n); s != "" {
			return s
		}
	}
	for _, key := range []string{"full_name", "name", "title", "file_name"} {
		if v := e.Field(key); v != "" {
			return v
		}
	}
	return "编号 " + e.RecordID
}

const summaryWidth = 24 // characters of a long value in the one-line summary

// Summary is the one-line account of a row: each changed field's old and
// new value, or the first few fields of a new record.
func (n *AuditNames) Summary(e AuditEntry) string {
	var parts []string
	name := n.RecordName(e) // a new record's name is not repeated
	for _, l := range n.Lines(e) {
		if e.Action == ActionInsert && l.After != "" && shorten(l.After, 30) == name {
			continue
		}
		if l.Internal || (l.Key == "deleted" && e.Action != ActionUpdate) {
			continue
		}
		before, after := shortenPair(l.Before, l.After, summaryWidth)
		if e.Action == ActionInsert {
			if after != "" && len(parts) < 4 {
				parts = append(parts, l.Label+"："+after)
			}
			continue
		}
		if e.Action == ActionDelete && l.After == "" && e.After != "" {
			continue // a deletion's after image may leave fields out
		}
		parts = append(parts, fmt.Sprintf("%s：%s → %s", l.Label, orNone(before), orNone(after)))
	}
	if len(parts) == 0 {
		switch e.Action {
		case ActionDelete:
			return "删除记录"
		case ActionRestore:
			return "恢复记录"
		}
	}
	return strings.Join(parts, "；")
}

// Detail is the full account of a row, one field a line.
func (n *AuditNames) Detail(e AuditEntry) string {
	var b strings.Builder
	fmt.Fprintf(&b, "第 %d 条　%s　%s %s%s　%s\n", e.ID, e.At.Local().Format("2006-01-02 15:04:05"),
		e.Operator, ActionLabel(e.Action), EntityLabel(e.Entity), n.RecordName(e))
	for _, l := range n.Lines(e) {
		if e.Action == ActionInsert {
			if l.After != "" {
				fmt.Fprintf(&b, "%s：%s\n", l.Label, l.After)
			}
			continue
		}
		fmt.Fprintf(&b, "%s：%s → %s\n", l.Label, orNone(l.Before), orNone(l.After))
	}
	fmt.Fprintf(&b, "校验值：%s", e.Hash)
	return b.String()
}

// shortenPair shortens an old and a new value for the summary so that
// where they differ shows: a long common beginning becomes "…".
func shortenPair(before, after string, n int) (string, string) {
	b := []rune(strings.Join(strings.Fields(before), " "))
	a := []rune(strings.Join(strings.Fields(after), " "))
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	const keep = 6 // characters of context before the first difference
	if p > n-keep && len(a) > 0 && len(b) > 0 {
		a, b = append([]rune("…"), a[p-keep:]...), append([]rune("…"), b[p-keep:]...)
	}
	return shorten(string(b), n), shorten(string(a), n)
}

func orNone(s string) string {
	if s == "" {
		return "（空）"
	}
	return s
}
