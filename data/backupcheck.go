package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// A restore candidate is checked completely before it may replace the live
// database: it must be a sound SQLite file of ours, every migration it
// records must be one this program knows, and its schema must be exactly the
// schema those migrations produce. A backup is data, never code: an extra
// trigger or view (which would run on every later write) or a changed table
// is refused, and the refusal names what differs.

// backupFilesTable holds the attachments inside a backup file. It exists
// only in backups, never in the live database.
const backupFilesTable = "backup_attachments"

const backupFilesSQL = `CREATE TABLE backup_attachments (
	name   TEXT PRIMARY KEY,
	sha256 TEXT NOT NULL,
	size   INTEGER NOT NULL,
	data   BLOB NOT NULL)`

// backupInfo is what validation learned about a candidate.
type backupInfo struct {
	version  int
	hasFiles bool // carries the backup_attachments table (new-format backup)
}

// fileURI makes an SQLite "file:" URI for path, so SQLite's own mode and
// immutable parameters apply; the path is escaped, so "?" or "#" in folder
// names do no harm.
func fileURI(path string, params string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: file:///C:/…
	}
	return "file://" + (&url.URL{Path: p}).EscapedPath() + "?" + params
}

// openSnapshot opens a database file strictly read-only without locks or
// side files: the bytes on disk are exactly what is read, which suits a
// candidate that nothing else writes and a database on read-only media.
func openSnapshot(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", fileURI(path, "mode=ro&immutable=1"))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// validateBackup checks that path could replace the live database.
func validateBackup(ctx context.Context, path string) (backupInfo, error) {
	return validateFile(ctx, path, true)
}

// validateFile checks path as validateBackup does; without strict it checks
// only that the file is sound and ours, not its schema — for a backup being
// written, which must succeed even from a database someone tampered with
// (that is when the user needs to restore over it, keeping a copy first).
func validateFile(ctx context.Context, path string, strict bool) (backupInfo, error) {
	var info backupInfo
	st, err := os.Stat(path)
	if err != nil {
		if os.IsNotExist(err) {
			return info, fmt.Errorf("无法读取文件“%s”：文件不存在", path)
		}
		return info, fmt.Errorf("无法读取文件“%s”：%w", path, err)
	}
	if st.IsDir() || st.Size() < 512 {
		return info, &ForeignFileError{Path: path, Reason: "文件过小或不是数据库文件"}
	}
	db, err := openSnapshot(path)
	if err != nil {
		return info, err
	}
	defer db.Close()
	foreign := func(reason string) error { return &ForeignFileError{Path: path, Reason: reason} }
	refused := func(reason string) error { return &ForeignFileError{Path: path, Reason: reason, Refused: true} }
	v, err := schemaState(ctx, db, path)
	if err != nil {
		var fe *ForeignFileError
		if errors.As(err, &fe) {
			return info, err
		}
		return info, foreign("无法读取（" + err.Error() + "）")
	}
	if v == 0 {
		return info, foreign("文件是空的")
	}
	if v > SchemaVersion() {
		return info, &SchemaTooNewError{Have: v, Known: SchemaVersion()}
	}
	info.version = v
	if err := integrityCheck(db); err != nil {
		return info, foreign(err.Error())
	}
	if !strict {
		return info, nil
	}
	if err := checkMigrationRows(ctx, db, v); err != nil {
		return info, refused(err.Error())
	}
	have, err := readSchema(ctx, db)
	if err != nil {
		return info, foreign("无法读取数据结构（" + err.Error() + "）")
	}
	if o, ok := have[schemaKey{"table", backupFilesTable}]; ok {
		info.hasFiles = true
		if normSQL(o.sql) != normSQL(backupFilesSQL) {
			return info, refused("备份中的附件表结构与本程序不符，可能被篡改，已拒绝恢复")
		}
		delete(have, schemaKey{"table", backupFilesTable})
		delete(have, schemaKey{"index", "sqlite_autoindex_" + backupFilesTable + "_1"})
	}
	want, err := referenceSchema(ctx, v)
	if err != nil {
		return info, err
	}
	if msg := compareSchemas(want, have); msg != "" {
		return info, refused(msg)
	}
	// A test read of every table: each row, each column.
	for _, k := range sortedKeys(want) {
		if k.typ != "table" {
			continue
		}
		if err := readAll(ctx, db, k.name); err != nil {
			return info, foreign(fmt.Sprintf("表 %s 无法读取（%v）", k.name, err))
		}
	}
	if info.hasFiles {
		if err := readAll(ctx, db, backupFilesTable); err != nil {
			return info, foreign(fmt.Sprintf("备份中的附件无法读取（%v）", err))
		}
	}
	return info, nil
}

func readAll(ctx context.Context, db *sql.DB, table string) error {
	rows, err := db.QueryContext(ctx, "SELECT * FROM "+quoteIdent(table))
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	for i := range vals {
		vals[i] = new(sql.RawBytes)
	}
	for rows.Next() {
		if err := rows.Scan(vals...); err != nil {
			return err
		}
	}
	return rows.Err()
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// checkMigrationRows requires schema_migrations to list exactly the
// migrations 1…v under the names this program gives them.
func checkMigrationRows(ctx context.Context, db *sql.DB, v int) error {
	rows, err := db.QueryContext(ctx, "SELECT version, name FROM schema_migrations ORDER BY version")
	if err != nil {
		return fmt.Errorf("版本记录无法读取（%v）", err)
	}
	defer rows.Close()
	all := migrations()
	i := 0
	for rows.Next() {
		var ver int
		var name string
		if err := rows.Scan(&ver, &name); err != nil {
			return fmt.Errorf("版本记录无法读取（%v）", err)
		}
		if i >= len(all) || ver != all[i].version || name != all[i].name {
			return fmt.Errorf("版本记录中有本程序不认识的升级步骤（版本 %d “%s”），可能被篡改，已拒绝恢复", ver, name)
		}
		i++
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("版本记录无法读取（%v）", err)
	}
	if i != v {
		return fmt.Errorf("版本记录不完整（记录了 %d 个升级步骤，应为 %d 个），已拒绝恢复", i, v)
	}
	return nil
}

type schemaKey struct{ typ, name string }

type schemaObject struct {
	table   string // tbl_name
	sql     string
	columns []string // tables: one line per column from table_info
}

// readSchema reads every object of the schema. SQLite's own bookkeeping
// tables (sqlite_sequence, sqlite_stat*) and automatic indexes carry no
// code and differ with use, so they are left out; triggers and views are
// always read whatever they are called.
func readSchema(ctx context.Context, db *sql.DB) (map[schemaKey]schemaObject, error) {
	rows, err := db.QueryContext(ctx, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master")
	if err != nil {
		return nil, err
	}
	out := map[schemaKey]schemaObject{}
	for rows.Next() {
		var typ, name string
		var o schemaObject
		if err := rows.Scan(&typ, &name, &o.table, &o.sql); err != nil {
			rows.Close()
			return nil, err
		}
		internal := strings.HasPrefix(strings.ToLower(name), "sqlite_")
		if internal && ((typ == "table" && o.sql != "" && isBookkeeping(name)) || (typ == "index" && o.sql == "")) {
			continue
		}
		out[schemaKey{typ, name}] = o
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for k, o := range out {
		if k.typ != "table" {
			continue
		}
		cols, err := tableColumns(ctx, db, k.name)
		if err != nil {
			return nil, err
		}
		o.columns = cols
		out[k] = o
	}
	return out, nil
}

func isBookkeeping(name string) bool {
	switch strings.ToLower(name) {
	case "sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4":
		return true
	}
	return false
}

func tableColumns(ctx context.Context, db *sql.DB, table string) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name, type, \"notnull\", coalesce(dflt_value, ''), pk, hidden FROM pragma_table_xinfo(?)", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name, typ, dflt string
		var notnull, pk, hidden int
		if err := rows.Scan(&name, &typ, &notnull, &dflt, &pk, &hidden); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("%s\x00%s\x00%d\x00%s\x00%d\x00%d", name, strings.ToUpper(typ), notnull, dflt, pk, hidden))
	}
	return out, rows.Err()
}

// referenceSchema builds, in memory, the schema that migrations 1…v produce.
func referenceSchema(ctx context.Context, v int) (map[schemaKey]schemaObject, error) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	for _, m := range migrations()[:v] {
		for _, q := range migrationStatements(m) {
			if _, err := db.ExecContext(ctx, q); err != nil {
				return nil, fmt.Errorf("无法建立对照用的数据结构（版本 %d）：%w", m.version, err)
			}
		}
	}
	return readSchema(ctx, db)
}

var objectLabels = map[string]string{"table": "表", "index": "索引", "trigger": "触发器", "view": "视图"}

func objectLabel(typ string) string {
	if l, ok := objectLabels[typ]; ok {
		return l
	}
	return "对象"
}

// compareSchemas names the first difference between the schema the
// migrations produce (want) and the candidate's (have), or returns "".
func compareSchemas(want, have map[schemaKey]schemaObject) string {
	const refused = "，可能被篡改，已拒绝恢复"
	on := func(k schemaKey, o schemaObject) string {
		if k.typ == "table" || o.table == "" || o.table == k.name {
			return ""
		}
		return "（表 " + o.table + "）"
	}
	// Extra objects first: they are what could carry code.
	for _, k := range sortedKeys(have) {
		if _, ok := want[k]; !ok {
			return fmt.Sprintf("备份中有程序不认识的%s %s%s%s", objectLabel(k.typ), k.name, on(k, have[k]), refused)
		}
	}
	for _, k := range sortedKeys(want) {
		if _, ok := have[k]; !ok {
			return fmt.Sprintf("备份中缺少%s %s%s，文件不完整或被篡改，已拒绝恢复", objectLabel(k.typ), k.name, on(k, want[k]))
		}
	}
	for _, k := range sortedKeys(want) {
		w, h := want[k], have[k]
		if k.typ == "table" {
			if msg := compareColumns(k.name, w.columns, h.columns); msg != "" {
				return msg + refused
			}
		}
		if normSQL(w.sql) != normSQL(h.sql) || w.table != h.table {
			return fmt.Sprintf("备份中%s %s%s 的定义与本程序不符%s", objectLabel(k.typ), k.name, on(k, h), refused)
		}
	}
	return ""
}

func compareColumns(table string, want, have []string) string {
	name := func(c string) string { n, _, _ := strings.Cut(c, "\x00"); return n }
	wantBy := map[string]string{}
	for _, c := range want {
		wantBy[name(c)] = c
	}
	haveBy := map[string]string{}
	for _, c := range have {
		haveBy[name(c)] = c
	}
	for _, c := range have {
		if _, ok := wantBy[name(c)]; !ok {
			return fmt.Sprintf("备份中表 %s 多出程序不认识的列 %s", table, name(c))
		}
	}
	for _, c := range want {
		hc, ok := haveBy[name(c)]
		if !ok {
			return fmt.Sprintf("备份中表 %s 缺少列 %s", table, name(c))
		}
		if hc != c {
			return fmt.Sprintf("备份中表 %s 的列 %s 的类型或约束与本程序不符", table, name(c))
		}
	}
	if strings.Join(want, "\n") != strings.Join(have, "\n") {
		return fmt.Sprintf("备份中表 %s 的列顺序与本程序不符", table)
	}
	return ""
}

var (
	lineComment  = regexp.MustCompile(`--[^\n]*`)
	blockComment = regexp.MustCompile(`(?s)/\*.*?\*/`)
	spaces       = regexp.MustCompile(`\s+`)
	punctSpace   = regexp.MustCompile(`\s*([(),;=])\s*`)
)

// normSQL makes two CREATE statements comparable regardless of comments,
// line breaks and indentation.
func normSQL(q string) string {
	q = blockComment.ReplaceAllString(q, " ")
	q = lineComment.ReplaceAllString(q, " ")
	q = spaces.ReplaceAllString(q, " ")
	q = punctSpace.ReplaceAllString(q, "$1")
	return strings.TrimSpace(q)
}

func sortedKeys(m map[schemaKey]schemaObject) []schemaKey {
	out := make([]schemaKey, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	order := map[string]int{"trigger": 0, "view": 1, "table": 2, "index": 3}
	sort.Slice(out, func(i, j int) bool {
		if out[i].typ != out[j].typ {
			return order[out[i].typ] < order[out[j].typ]
		}
		return out[i].name < out[j].name
	})
	return out
}

// IsDamaged tells whether err says the database file is corrupt — the case
// for a restore (see Options.ForRestore).
func IsDamaged(err error) bool { return isDamaged(err) }

// isDamaged tells whether err says the database file itself is corrupt.
func isDamaged(err error) bool {
	var ie *integrityError
	if errors.As(err, &ie) {
		return true
	}
	var mt *MissingTablesError
	if errors.As(err, &mt) {
		return true
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return true
		}
	}
	return false
}

// MissingTablesError means the database lacks tables its migrations made:
// the file was cut down by hand or is damaged. Like a corrupt file, it can
// only be restored over.
type MissingTablesError struct {
	Path   string
	Tables []string
}

func (e *MissingTablesError) Error() string {
	list := e.Tables
	more := ""
	if len(list) > 5 {
		list, more = list[:5], fmt.Sprintf(" 等 %d 张表", len(e.Tables))
	}
	names := make([]string, len(list))
	for i, t := range list {
		names[i] = t
		for _, en := range registry() {
			if en.Table == t {
				names[i] = t + "（" + en.Label + "）"
				break
			}
		}
	}
	return fmt.Sprintf("数据库“%s”不完整：缺少数据表 %s，文件被改动过或已损坏。"+
		"请从备份恢复：在党建工作台中选择“从备份恢复”，或运行 dangjian-cli restore 备份文件", e.Path, strings.Join(names, "、")+more)
}

var (
	expectedTablesOnce sync.Once
	expectedTables     []string
	expectedTablesErr  error
)

// checkTables makes sure every table this program's migrations create is
// there, so a cut-down file is named as such instead of failing later
// with "no such table".
func (s *Store) checkTables(ctx context.Context) error {
	expectedTablesOnce.Do(func() {
		ref, err := referenceSchema(ctx, SchemaVersion())
		if err != nil {
			expectedTablesErr = err
			return
		}
		for k := range ref {
			if k.typ == "table" {
				expectedTables = append(expectedTables, k.name)
			}
		}
		sort.Strings(expectedTables)
	})
	if expectedTablesErr != nil {
		return expectedTablesErr
	}
	have := map[string]bool{}
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table'")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				return err
			}
			have[n] = true
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}
	var missing []string
	for _, t := range expectedTables {
		if !have[t] {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		return &MissingTablesError{Path: s.path, Tables: missing}
	}
	return nil
}
