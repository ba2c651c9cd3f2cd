package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Data against the log: every write logs the record's values after it, so
// replaying the log gives what every audited table must hold. replayCheck
// compares the two, table by table, streaming both sides in key order (a
// merge join), so neither is held in memory whole: a row that differs, a
// logged record that is missing, and a row the log never mentions are each
// reported, with the field's Chinese label and both values.

// DataProblem is one place where a table does not hold what the log says.
type DataProblem struct {
	Entity   string `json:"entity"`
	Table    string `json:"table"`
	RecordID string `json:"record_id"`
	Name     string `json:"name,omitempty"`  // the record's name, as logged or stored
	Field    string `json:"field,omitempty"` // the field's Chinese label; "" for a whole record
	Logged   string `json:"logged,omitempty"`
	Stored   string `json:"stored,omitempty"`
	// Kind: "differs", "missing" (logged, not stored), "unlogged" (stored,
	// never logged), "deleted" (logged as deleted, still stored).
	Kind string `json:"kind"`

	record string // the record as JSON (logged or stored), to name it by
}

func (p DataProblem) String() string {
	who := EntityLabel(p.Entity)
	if p.Name != "" {
		who += "“" + p.Name + "”"
	}
	who += "（编号 " + p.RecordID + "）"
	switch p.Kind {
	case "missing":
		return who + "：操作日志中有记载，数据库中却没有这条记录"
	case "unlogged":
		return who + "：数据库中有这条记录，操作日志中却没有任何记载（可能是在程序之外添加的）"
	case "deleted":
		return who + "：操作日志记载已删除，数据库中却仍然存在"
	}
	return fmt.Sprintf("%s的“%s”：日志记载为“%s”，数据库中为“%s”", who, p.Field, orEmpty(p.Logged), orEmpty(p.Stored))
}

func orEmpty(s string) string {
	if s == "" {
		return "（空）"
	}
	return s
}

// replayKey says how an entity's audit record_id maps to its table's rows.
type replayKey struct {
	expr    string // SQL expression giving the record_id of a row
	numeric bool   // record ids are integers (order numerically)
	where   string // only rows matching this hold a live record
}

func replayKeyOf(entity string) replayKey {
	switch entity {
	case EntityRule:
		return replayKey{expr: "kind"}
	case EntitySetting:
		return replayKey{expr: "key"}
	case EntityChecklistScore:
		return replayKey{expr: "item_id || '/' || branch_id"}
	case EntityChecklistYear:
		return replayKey{expr: "year", numeric: true}
	case EntityDevStepEdit: // the office's edit of a step, keyed by its number
		return replayKey{expr: "step", numeric: true}
	case EntityPointsRule:
		return replayKey{expr: "kind"}
	case EntityNoticeRead:
		return replayKey{expr: "notice_id || '/' || branch_id"}
	case EntityPhoto: // one live photo per member; replaced ones are kept, marked
		return replayKey{expr: "member_id", numeric: true, where: "deleted_at IS NULL"}
	}
	return replayKey{expr: "id", numeric: true}
}

// maxDataProblems bounds the problems listed; the rest are only counted.
const maxDataProblems = 200

// replayResult collects the problems found.
type replayResult struct {
	list  []DataProblem
	total int
}

func (r *replayResult) add(p DataProblem) {
	r.total++
	if len(r.list) < maxDataProblems {
		r.list = append(r.list, p)
	}
}

// replayCheck compares every audited table with the log, inside one read
// transaction so both sides are the same moment.
func replayCheck(ctx context.Context, db *sql.DB) (*replayResult, error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	res := &replayResult{}
	for _, e := range registry() {
		if err := replayEntity(ctx, tx, e, res); err != nil {
			return nil, fmt.Errorf("核对%s：%w", e.Label, err)
		}
	}
	return res, nil
}

// loggedState is one record as the log leaves it: its fields' last logged
// values, and whether its last word was a removal.
type loggedState struct {
	id     string
	fields map[string]json.RawMessage
	gone   bool // deleted with no after image: no live row expected
	any    bool
	// emptyIfMissing are the keys the last image, a whole flat record,
	// left out because empty (its texts and dates); nil otherwise.
	emptyIfMissing map[string]bool
}

// auditCursor streams an entity's audit rows grouped by record, in the
// table's key order.
type auditCursor struct {
	rows    *sql.Rows
	numeric bool
	peekID  string
	peekAct string
	peekAft sql.NullString
	keys    *imageKeys // the entity's flat record, if it is one
	ok      bool
	err     error
}

func (c *auditCursor) advance() {
	c.ok = c.rows.Next()
	if c.ok {
		c.err = c.rows.Scan(&c.peekID, &c.peekAct, &c.peekAft)
		if c.err != nil {
			c.ok = false
		}
	} else {
		c.err = c.rows.Err()
	}
}

// next merges every row of the next record into one state.
func (c *auditCursor) next() (loggedState, bool) {
	if !c.ok {
		return loggedState{}, false
	}
	st := loggedState{id: c.peekID, fields: map[string]json.RawMessage{}}
	for c.ok && c.peekID == st.id {
		st.any = true
		if c.peekAft.Valid {
			var m map[string]json.RawMessage
			if json.Unmarshal([]byte(c.peekAft.String), &m) == nil {
				// A whole record replaces what came before (a key left
				// out by omitempty means its zero value); a bare
				// {"deleted": true} only marks the record.
				if _, only := m["deleted"]; !(only && len(m) == 1) {
					st.fields = map[string]json.RawMessage{}
					st.emptyIfMissing = nil
					if c.keys.whole(func(k string) bool { _, ok := m[k]; return ok }) {
						st.emptyIfMissing = c.keys.omittable
					}
				}
				for k, v := range m {
					st.fields[k] = v
				}
			}
			st.gone = false
		} else if c.peekAct == ActionDelete {
			st.gone = true
		}
		c.advance()
	}
	return st, true
}

// storedRow is one table row: its record id and column values as text.
type storedRow struct {
	id   string
	vals map[string]sql.NullString
}

func compareIDs(a, b string, numeric bool) int {
	if numeric {
		x, _ := strconv.ParseInt(a, 10, 64)
		y, _ := strconv.ParseInt(b, 10, 64)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	return strings.Compare(a, b)
}

func replayEntity(ctx context.Context, tx *sql.Tx, e *Entity, res *replayResult) error {
	key := replayKeyOf(e.Key)
	cols, err := txColumns(ctx, tx, e.Table)
	if err != nil {
		return err
	}
	colFields := make([][]Field, len(cols))
	for i, c := range cols {
		colFields[i] = fieldsFor(e, c.name)
	}
	sel := make([]string, 0, len(cols)+1)
	sel = append(sel, "CAST("+key.expr+" AS TEXT)")
	for _, c := range cols {
		if c.blob {
			sel = append(sel, "length("+quoteIdent(c.name)+")")
		} else {
			sel = append(sel, "CAST("+quoteIdent(c.name)+" AS TEXT)")
		}
	}
	q := "SELECT " + strings.Join(sel, ", ") + " FROM " + quoteIdent(e.Table)
	if key.where != "" {
		q += " WHERE " + key.where
	}
	order := "record_id, id"
	if key.numeric {
		order = "CAST(record_id AS INTEGER), id"
		q += " ORDER BY " + key.expr
	} else {
		q += " ORDER BY CAST(" + key.expr + " AS TEXT)"
	}
	logRows, err := tx.QueryContext(ctx, "SELECT record_id, action, after FROM audit_log WHERE entity = ? ORDER BY "+order, e.Key)
	if err != nil {
		return err
	}
	defer logRows.Close()
	cur := &auditCursor{rows: logRows, numeric: key.numeric, keys: imageKeysOf(e.Key)}
	cur.advance()
	tabRows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer tabRows.Close()
	dest := make([]sql.NullString, len(cols)+1)
	ptrs := make([]any, len(dest))
	for i := range dest {
		ptrs[i] = &dest[i]
	}
	nextRow := func() (storedRow, bool, error) {
		if !tabRows.Next() {
			return storedRow{}, false, tabRows.Err()
		}
		if err := tabRows.Scan(ptrs...); err != nil {
			return storedRow{}, false, err
		}
		r := storedRow{id: dest[0].String, vals: make(map[string]sql.NullString, len(cols))}
		for i, c := range cols {
			r.vals[c.name] = dest[i+1]
		}
		return r, true, nil
	}
	st, haveSt := cur.next()
	row, haveRow, err := nextRow()
	if err != nil {
		return err
	}
	for haveSt || haveRow {
		if err := ctx.Err(); err != nil {
			return err
		}
		c := 0
		switch {
		case !haveSt:
			c = 1
		case !haveRow:
			c = -1
		default:
			c = compareIDs(st.id, row.id, key.numeric)
		}
		switch {
		case c < 0: // logged, not stored
			if !st.gone {
				res.add(DataProblem{Entity: e.Key, Table: e.Table, RecordID: st.id, Name: loggedName(e, st), Kind: "missing", record: loggedJSON(st)})
			}
			st, haveSt = cur.next()
		case c > 0: // stored, never logged
			res.add(DataProblem{Entity: e.Key, Table: e.Table, RecordID: row.id, Name: storedName(e, row), Kind: "unlogged", record: storedJSON(row)})
			if row, haveRow, err = nextRow(); err != nil {
				return err
			}
		default:
			if st.gone {
				res.add(DataProblem{Entity: e.Key, Table: e.Table, RecordID: row.id, Name: loggedName(e, st), Kind: "deleted", record: loggedJSON(st)})
			} else if err := compareRecord(ctx, tx, e, key, cols, colFields, st, row, res); err != nil {
				return err
			}
			if row, haveRow, err = nextRow(); err != nil {
				return err
			}
			st, haveSt = cur.next()
		}
	}
	return cur.err
}

type columnInfo struct {
	name string
	blob bool
}

func txColumns(ctx context.Context, tx *sql.Tx, table string) ([]columnInfo, error) {
	rows, err := tx.QueryContext(ctx, "SELECT name, upper(type) FROM pragma_table_info(?)", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []columnInfo
	for rows.Next() {
		var c columnInfo
		var typ string
		if err := rows.Scan(&c.name, &typ); err != nil {
			return nil, err
		}
		c.blob = typ == "BLOB"
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("缺少数据表 %s", table)
	}
	return out, rows.Err()
}

func loggedJSON(st loggedState) string {
	b, _ := json.Marshal(st.fields)
	return string(b)
}

func loggedName(e *Entity, st loggedState) string { return recordName(e, loggedJSON(st)) }

func storedJSON(r storedRow) string {
	m := map[string]any{}
	for k, v := range r.vals {
		if n, err := strconv.ParseInt(v.String, 10, 64); err == nil && v.String != "" {
			m[k] = n
		} else {
			m[k] = v.String
		}
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func storedName(e *Entity, r storedRow) string { return recordName(e, storedJSON(r)) }

// nameProblems names each listed problem's record with names, which
// resolve references (a branch by its name, not "组织（编号 22）").
func nameProblems(list []DataProblem, names *AuditNames) {
	for i := range list {
		if list[i].record == "" {
			continue
		}
		a := AuditEntry{Entity: list[i].Entity, RecordID: list[i].RecordID, After: list[i].record}
		if s := names.RecordName(a); s != "" && s != "编号 "+list[i].RecordID {
			list[i].Name = shorten(s, 30)
		}
	}
}

func recordName(e *Entity, after string) string {
	a := AuditEntry{Entity: e.Key, After: after}
	if e.name != nil {
		if s := e.name(a, nil); s != "" {
			return shorten(s, 20)
		}
	}
	for _, k := range []string{"full_name", "name", "title", "file_name"} {
		if v := a.Field(k); v != "" {
			return shorten(v, 20)
		}
	}
	return ""
}

// compareRecord compares each stored column that the log gives a value
// for, a compact image's left-out text or date as empty.
func compareRecord(ctx context.Context, tx *sql.Tx, e *Entity, key replayKey, cols []columnInfo, colFields [][]Field, st loggedState, row storedRow, res *replayResult) error {
	for i, c := range cols {
		if c.name == key.expr {
			continue
		}
		for _, f := range colFields[i] {
			raw, ok := st.fields[f.Key]
			if !ok && f.Key == "deleted" {
				raw, ok = json.RawMessage("false"), true // never deleted
			}
			if !ok {
				if !st.emptyIfMissing[f.Key] {
					continue
				}
				raw = json.RawMessage("null") // a compact image's empty text or date
			}
			logged, stored := normLogged(f, c.name, raw), normStored(f, c.name, row.vals[c.name])
			if logged != stored {
				res.add(DataProblem{Entity: e.Key, Table: e.Table, RecordID: st.id, Name: loggedName(e, st),
					Field: f.Label, Logged: logged, Stored: stored, Kind: "differs", record: loggedJSON(st)})
			}
		}
	}
	for _, f := range e.Fields {
		raw, ok := st.fields[f.Key]
		if f.Kind != KindList || !ok {
			continue
		}
		if err := compareList(ctx, tx, e, f, st, raw, res); err != nil {
			return err
		}
	}
	return nil
}

// fieldsFor lists the fields whose value a column stores: the one keyed
// by it and any stored in it (deleted → deleted_at).
func fieldsFor(e *Entity, col string) []Field {
	var out []Field
	for _, list := range [][]Field{e.Fields, stampFields} {
		for _, f := range list {
			if f.Key == col || slices.Contains(f.Columns, col) {
				out = append(out, f)
			}
		}
	}
	return out
}

// normLogged reads a logged JSON value as the text compared with the row.
func normLogged(f Field, col string, raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	var v any
	switch {
	case len(raw) == 0:
		return ""
	case raw[0] == '"' && len(raw) >= 2 && bytes.IndexByte(raw, '\\') < 0:
		v = string(raw[1 : len(raw)-1]) // no escapes: the text as it is
	case raw[0] == '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return string(raw)
		}
		v = s
	case raw[0] == '-' || (raw[0] >= '0' && raw[0] <= '9'):
		v = json.Number(raw)
	case string(raw) == "true":
		v = true
	case string(raw) == "false":
		v = false
	case string(raw) == "null":
		v = nil
	default:
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if dec.Decode(&v) != nil {
			return string(raw)
		}
	}
	if m, ok := v.(map[string]any); ok {
		if sub, spread := strings.CutPrefix(col, f.Key+"_"); spread && f.Key != col {
			v = m[sub] // a nested record spread over columns (vote → vote_yes …)
		} else {
			v = m["id"] // a nested record stored by its id
		}
	}
	if f.Key != col && f.Kind == KindBool { // a flag stored as a timestamp
		if b, _ := v.(bool); b {
			return "是"
		}
		return "否"
	}
	var s string
	switch x := v.(type) {
	case nil:
		s = ""
	case bool:
		s = "0"
		if x {
			s = "1"
		}
	case json.Number:
		s = x.String()
	case string:
		s = x
	default:
		b, _ := json.Marshal(x)
		s = string(b)
	}
	return normCommon(f, s)
}

// normStored reads a stored column the same way.
func normStored(f Field, col string, v sql.NullString) string {
	if f.Key != col && f.Kind == KindBool {
		if v.Valid && v.String != "" {
			return "是"
		}
		return "否"
	}
	return normCommon(f, v.String)
}

func normCommon(f Field, s string) string {
	switch f.Kind {
	case KindRef:
		if s == "0" {
			return ""
		}
	case KindTime:
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return t.UTC().Format(time.RFC3339Nano)
		}
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil && strings.ContainsAny(s, ".eE") {
		return strconv.FormatFloat(n, 'f', -1, 64)
	}
	return s
}

// listParent names the column of a list table that points at its record.
func listParent(table string) string {
	switch table {
	case "meeting_attendance":
		return "meeting_id"
	case "task_steps":
		return "assignment_id"
	}
	return ""
}

// compareList compares a list field's logged elements with its table's
// rows, as multisets of their fields.
func compareList(ctx context.Context, tx *sql.Tx, e *Entity, f Field, st loggedState, raw json.RawMessage, res *replayResult) error {
	parent := listParent(f.Table)
	if parent == "" {
		return nil
	}
	var logged []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &logged); err != nil && string(raw) != "null" {
		return nil
	}
	var cols []string
	for _, sf := range f.Sub {
		if sf.Key != parent {
			cols = append(cols, sf.Key)
		}
	}
	sel := make([]string, len(cols))
	for i, c := range cols {
		sel[i] = "CAST(" + quoteIdent(c) + " AS TEXT)"
	}
	rows, err := tx.QueryContext(ctx, "SELECT "+strings.Join(sel, ", ")+" FROM "+quoteIdent(f.Table)+" WHERE "+parent+" = ?", st.id)
	if err != nil {
		return err
	}
	defer rows.Close()
	sub := &Entity{Fields: f.Sub}
	var stored []string
	dest := make([]sql.NullString, len(cols))
	ptrs := make([]any, len(cols))
	for i := range dest {
		ptrs[i] = &dest[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		parts := make([]string, len(cols))
		for i, c := range cols {
			sf, _ := sub.Field(c)
			parts[i] = normStored(sf, c, dest[i])
		}
		stored = append(stored, strings.Join(parts, "\x1f"))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	want := make([]string, 0, len(logged))
	for _, el := range logged {
		parts := make([]string, len(cols))
		for i, c := range cols {
			sf, _ := sub.Field(c)
			if v, ok := el[c]; ok {
				parts[i] = normLogged(sf, c, v)
			} else {
				parts[i] = normStored(sf, c, sql.NullString{})
			}
		}
		want = append(want, strings.Join(parts, "\x1f"))
	}
	sort.Strings(stored)
	sort.Strings(want)
	if strings.Join(stored, "\x1e") == strings.Join(want, "\x1e") {
		return nil
	}
	p := DataProblem{Entity: e.Key, Table: e.Table, RecordID: st.id, Name: loggedName(e, st), Field: f.Label, Kind: "differs",
		Logged: fmt.Sprintf("%d 条", len(want)), Stored: fmt.Sprintf("%d 条", len(stored)), record: loggedJSON(st)}
	if len(want) == len(stored) {
		for i := range want {
			if want[i] != stored[i] {
				p.Logged = strings.ReplaceAll(want[i], "\x1f", " ")
				p.Stored = strings.ReplaceAll(stored[i], "\x1f", " ")
				break
			}
		}
	}
	res.add(p)
	return nil
}
