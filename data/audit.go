package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"strings"
	"time"
	"unsafe"
)

// Audit actions.
const (
	ActionInsert  = "insert"
	ActionUpdate  = "update"
	ActionDelete  = "delete" // soft delete: the row stays, marked deleted
	ActionRestore = "restore"
)

// ActionLabel is the action's Chinese name.
func ActionLabel(a string) string {
	switch a {
	case ActionInsert:
		return "新增"
	case ActionUpdate:
		return "修改"
	case ActionDelete:
		return "删除"
	case ActionRestore:
		return "恢复"
	}
	return a
}

// AuditEntry is one row of 数据留痕.
type AuditEntry struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	Operator string    `json:"operator"`
	Entity   string    `json:"entity"`
	RecordID string    `json:"record_id"`
	Action   string    `json:"action"`
	Before   string    `json:"before,omitempty"` // JSON of the record before, "" for inserts
	After    string    `json:"after,omitempty"`  // JSON after
	PrevHash string    `json:"prev_hash"`
	Hash     string    `json:"hash"`

	parsed *auditParsed // Before and After decoded once (audit_format.go)
}

// genesisHash is what the first row chains to.
var genesisHash = strings.Repeat("0", 64)

// auditHash is SHA-256 over the previous row's hash and this row's content.
// The content is a JSON array so that no field boundary is ambiguous.
func auditHash(prev string, id int64, at, operator, entity, recordID, action string, before, after sql.NullString) string {
	h := sha256.New()
	h.Write([]byte(prev))
	h.Write(auditContent(id, at, operator, entity, recordID, action, before, after))
	return hex.EncodeToString(h.Sum(nil))
}

func jsonOrNull(v any) (sql.NullString, error) {
	if v == nil {
		return sql.NullString{}, nil
	}
	b, err := marshalAudit(v)
	if err != nil || len(b) == 0 {
		return sql.NullString{String: string(b), Valid: err == nil}, err
	}
	// b is the encoder's own fresh buffer, never written again: the
	// string shares it instead of copying it.
	return sql.NullString{String: unsafe.String(&b[0], len(b)), Valid: true}, nil
}

// audit appends one hash-chained row in the caller's transaction, and moves
// the chain's head with it, so data and trail commit or vanish together.
func (tx *Tx) audit(entity string, recordID int64, action string, before, after any) error {
	return tx.auditKey(entity, strconv.FormatInt(recordID, 10), action, before, after)
}

// auditShapeCheck, set by the tests, sees every record written to the
// log: replay reads a flat record's left-out keys by its entity's
// registered shape (recordShapes), so each must be logged as that shape.
var auditShapeCheck func(entity string, records ...any)

func (tx *Tx) auditKey(entity, recordID, action string, before, after any) error {
	if auditShapeCheck != nil {
		auditShapeCheck(entity, before, after)
	}
	b, err := jsonOrNull(before)
	if err != nil {
		return err
	}
	a, err := jsonOrNull(after)
	if err != nil {
		return err
	}
	c := &tx.chain
	if !c.loaded {
		if err := tx.loadChain(); err != nil {
			return err
		}
	}
	// The row's ID is known before it is inserted (the next AUTOINCREMENT
	// value, kept by the transaction), so its hash goes in with it.
	id, at := c.nextID, tx.at
	hash := c.hash(c.prev, id, at, tx.operator, entity, recordID, action, b, a)
	// Values shared by many rows are boxed once (the time, operator,
	// entity and action of a run of rows — an exchange changes the
	// operator within its transaction — and each hash as this row's and
	// the next one's prev_hash).
	if c.prevArg == nil {
		c.prevArg = c.prev
	}
	c.atArg = boxed(c.atArg, at)
	c.opArg = boxed(c.opArg, tx.operator)
	c.entityArg = boxed(c.entityArg, entity)
	c.actionArg = boxed(c.actionArg, action)
	hashArg := any(hash)
	c.pending = append(c.pending, id, c.atArg, c.opArg, c.entityArg, recordID, c.actionArg, nullArg(b), nullArg(a), c.prevArg, hashArg)
	c.nextID, c.prev, c.prevArg, c.count, c.dirty = id+1, hash, hashArg, c.count+1, true
	if len(c.pending) >= auditBatch*auditCols {
		return tx.flushAudit()
	}
	return nil
}

// Audit rows are inserted auditBatch at a time, by one multi-row INSERT
// prepared once per transaction: a bulk write (an import) pays SQLite's
// per-statement cost once per batch instead of once per row. Rows still
// pending are inserted before the transaction commits and before any
// statement of the transaction that may read the log (flushAudit's
// callers in tx.go), so nothing in the transaction sees a log without them.
const (
	auditBatch = 32
	auditCols  = 10
)

const auditInsertHead = "INSERT INTO audit_log(id, at, operator, entity, record_id, action, before, after, prev_hash, hash) VALUES "
const auditInsertRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

var auditInsertBatch = auditInsertHead + auditInsertRow + strings.Repeat(", "+auditInsertRow, auditBatch-1)

// flushAudit inserts the pending audit rows: full batches by the
// multi-row statement, the rest one row at a time.
func (tx *Tx) flushAudit() error {
	c := &tx.chain
	if c.err != nil {
		return c.err
	}
	for len(c.pending) > 0 {
		q, n := auditInsertBatch, auditBatch*auditCols
		if len(c.pending) < n {
			q, n = auditInsertHead+auditInsertRow, auditCols
		}
		st, err := tx.prepared(q)
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(tx.ctx, c.pending[:n]...); err != nil {
			c.err = err
			return err
		}
		clear(c.pending[:n])
		c.pending = c.pending[n:]
	}
	c.pending = c.pending[:0:0]
	return nil
}

// boxed is s as an argument, reusing old when it holds the same text.
func boxed(old any, s string) any {
	if o, ok := old.(string); ok && o == s {
		return old
	}
	return s
}

// nullArg is s as a statement argument: its text, or NULL.
func nullArg(s sql.NullString) any {
	if !s.Valid {
		return nil
	}
	return s.String
}

// auditChain is the chain's end as the open transaction has moved it: read
// from audit_head at the transaction's first audit row, written back once
// before it commits (flushChain).
type auditChain struct {
	loaded, dirty bool
	nextID        int64  // the ID the next audit row takes
	prev          string // the last row's hash
	count         int64
	pending       []any // arguments of rows not yet inserted, auditCols a row
	err           error // a failed insert of pending rows: the transaction must not commit
	// The boxed arguments rows share (see auditKey).
	prevArg, atArg, opArg, entityArg, actionArg any

	hasher hash.Hash // SHA-256, reused for every row
	buf    []byte    // the content hashed, reused
}

// hash is auditHash through the transaction's own hasher and buffer.
func (c *auditChain) hash(prev string, id int64, at, operator, entity, recordID, action string, before, after sql.NullString) string {
	if c.hasher == nil {
		c.hasher = sha256.New()
	}
	h := c.hasher
	h.Reset()
	h.Write([]byte(prev))
	c.buf = appendAuditContent(c.buf[:0], id, at, operator, entity, recordID, action, before, after)
	h.Write(c.buf)
	var sum [sha256.Size]byte
	var out [2 * sha256.Size]byte
	hex.Encode(out[:], h.Sum(sum[:0]))
	return string(out[:])
}

func (tx *Tx) loadChain() error {
	c := auditChain{loaded: true, prev: genesisHash, hasher: tx.chain.hasher, buf: tx.chain.buf}
	var lastID int64
	err := tx.queryRow("SELECT last_id, last_hash, count FROM audit_head WHERE id = 1").Scan(&lastID, &c.prev, &c.count)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	// The ID AUTOINCREMENT would give: past the highest ever used.
	err = tx.queryRow(`SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0),
		coalesce((SELECT max(id) FROM audit_log), 0))`).Scan(&c.nextID)
	if err != nil {
		return err
	}
	c.nextID++
	tx.chain = c
	return nil
}

// flushChain inserts the pending audit rows and stores the chain's new end
// in audit_head, in the transaction about to commit, so data, trail and
// head commit or vanish together.
func (tx *Tx) flushChain() error {
	if err := tx.flushAudit(); err != nil {
		return err
	}
	c := &tx.chain
	if !c.dirty {
		return nil
	}
	_, err := tx.exec(`INSERT INTO audit_head(id, last_id, last_hash, count) VALUES (1, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash, count = excluded.count`,
		c.nextID-1, c.prev, c.count)
	if err == nil {
		c.dirty = false
	}
	return err
}

// AuditProblem names the first place the chain does not hold.
type AuditProblem struct {
	RowID  int64  // the first bad row, or 0 when the problem is at the end
	Reason string // in Chinese
}

func (p *AuditProblem) Error() string {
	if p.RowID == 0 {
		return "操作日志校验失败：" + p.Reason
	}
	return fmt.Sprintf("操作日志校验失败：第 %d 条记录%s", p.RowID, p.Reason)
}

// AuditFilter selects rows of the log; zero fields select everything.
type AuditFilter struct {
	From, To Date // inclusive local dates
	Operator string
	Entity   string
	RecordID string
	Limit    int // default 1000
	Offset   int
	// Below, when not zero, lists only rows older than row Below (with a
	// smaller ID): the next page after a page's last row, without the
	// cost of an OFFSET that counts through every newer row again.
	Below int64
}

// AuditEntries lists rows matching f, newest first.
func (s *Store) AuditEntries(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	var where []string
	var args []any
	if !f.From.IsZero() {
		where = append(where, "at >= ?")
		args = append(args, localDayStart(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "at < ?")
		args = append(args, localDayStart(f.To.AddDays(1)))
	}
	if f.Operator != "" {
		where = append(where, "operator = ?")
		args = append(args, f.Operator)
	}
	if f.Entity != "" {
		where = append(where, "entity = ?")
		args = append(args, f.Entity)
	}
	if f.RecordID != "" {
		where = append(where, "record_id = ?")
		args = append(args, f.RecordID)
	}
	if f.Below > 0 {
		where = append(where, "id < ?")
		args = append(args, f.Below)
	}
	q := "SELECT id, at, operator, entity, record_id, action, coalesce(before, ''), coalesce(after, ''), prev_hash, hash FROM audit_log"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	if f.Limit <= 0 {
		f.Limit = 1000
	}
	q += " ORDER BY id DESC LIMIT ? OFFSET ?"
	args = append(args, f.Limit, f.Offset)
	var out []AuditEntry
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e AuditEntry
			var at string
			if err := rows.Scan(&e.ID, &at, &e.Operator, &e.Entity, &e.RecordID, &e.Action, &e.Before, &e.After, &e.PrevHash, &e.Hash); err != nil {
				return err
			}
			e.At, _ = time.Parse(time.RFC3339Nano, at)
			e.parsed = new(auditParsed) // decoded when first read, then kept
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}

// AuditOperators lists every operator name that appears in the log. The
// log only grows, so the names are kept per store and only the rows added
// since are read again (see auditOps): the whole log of 100,000 members
// is hundreds of megabytes to scan for a few names.
func (s *Store) AuditOperators(ctx context.Context) ([]string, error) {
	return s.auditOperators(ctx)
}

// localDayStart is the UTC timestamp text at which local day d begins, so
// filters by date mean the user's calendar day.
func localDayStart(d Date) string {
	return time.Date(d.Y, d.M, d.D, 0, 0, 0, 0, time.Local).UTC().Format(time.RFC3339Nano)
}

// Field reads key from the record after the change (before it, for a
// deletion without an after image), as text.
func (e AuditEntry) Field(key string) string {
	p := e.parse()
	for _, m := range []map[string]any{p.after, p.before} {
		if v, ok := m[key]; ok && v != nil {
			return fieldText(v)
		}
	}
	return ""
}

// AuditChange is one field that differs between Before and After.
type AuditChange struct {
	Field, Before, After string
}

// Changes compares the before and after JSON objects field by field, in the
// order the record declares its fields, so the log view can show
// "姓名：张三 → 张三丰" in the order of the form.
func (e AuditEntry) Changes() []AuditChange {
	var b, a map[string]any
	json.Unmarshal([]byte(e.Before), &b)
	json.Unmarshal([]byte(e.After), &a)
	var out []AuditChange
	for _, k := range imageKeysOf(e.Entity).merge(jsonKeys(e.After), jsonKeys(e.Before)) {
		bv, av := fmtJSONValue(b[k]), fmtJSONValue(a[k])
		if bv != av {
			out = append(out, AuditChange{k, bv, av})
		}
	}
	return out
}

// jsonKeys lists a JSON object's top-level keys in document order (a Go map
// would lose it).
func jsonKeys(js string) []string {
	dec := json.NewDecoder(strings.NewReader(js))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return keys
		}
		k, _ := t.(string)
		keys = append(keys, k)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return keys
		}
	}
	return keys
}

func fmtJSONValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		if x {
			return "是"
		}
		return "否"
	}
	b, _ := json.Marshal(v)
	return string(b)
}
