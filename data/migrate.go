package data

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var embeddedMigrations embed.FS

// migrationFS is where migrations are read from; tests swap in a set with
// an extra version to exercise upgrades.
var migrationFS fs.FS = embeddedMigrations

type migration struct {
	version int
	name    string
	sql     string
}

// migrations are the embedded files NNNN_name.sql in version order.
func migrations() []migration {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		panic(err)
	}
	var out []migration
	for _, e := range entries {
		base := strings.TrimSuffix(e.Name(), ".sql")
		num, name, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if err != nil {
			panic("migration file without a number: " + e.Name())
		}
		b, err := fs.ReadFile(migrationFS, "migrations/"+e.Name())
		if err != nil {
			panic(err)
		}
		out = append(out, migration{v, name, string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			panic(fmt.Sprintf("migrations must be numbered 1, 2, 3…: found %d at position %d", m.version, i+1))
		}
	}
	return out
}

// SchemaVersion is the newest schema this program knows.
func SchemaVersion() int { return len(migrations()) }

// schemaState reads what the file says about itself: its application id and
// the migrations applied. A file with tables but no mark of ours is foreign.
func schemaState(ctx context.Context, db *sql.DB, path string) (applied int, err error) {
	var appID int64
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return 0, friendly(err)
	}
	var tables int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&tables); err != nil {
		return 0, friendly(err)
	}
	switch {
	case appID == 0 && tables == 0:
		return 0, nil // a new, empty file
	case appID != AppID:
		return 0, &ForeignFileError{Path: path, Reason: "文件标识不符（可能是其他软件的数据库）"}
	}
	var has int
	db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_migrations'").Scan(&has)
	if has == 0 {
		return 0, &ForeignFileError{Path: path, Reason: "缺少版本记录"}
	}
	var v sql.NullInt64
	if err := db.QueryRowContext(ctx, "SELECT max(version) FROM schema_migrations").Scan(&v); err != nil {
		return 0, friendly(err)
	}
	return int(v.Int64), nil
}

// migrate applies the pending migrations, each once, in its own transaction,
// recorded in schema_migrations. An existing database is backed up first.
func (s *Store) migrate(ctx context.Context) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	db := s.w
	if db == nil {
		db = s.r
	}
	applied, err := schemaState(ctx, db, s.path)
	if err != nil {
		return err
	}
	all := migrations()
	if applied > len(all) {
		return &SchemaTooNewError{Have: applied, Known: len(all)}
	}
	if applied == len(all) {
		return nil
	}
	if s.w == nil {
		return &NeedsUpgradeError{Have: applied, Want: len(all)}
	}
	if applied > 0 {
		pass := storedBackupPassphrase(ctx, s.w)
		ext := ".db"
		if pass != "" {
			ext += EncryptedExt
		}
		dest := uniqueName(s.opt.BackupDir, fmt.Sprintf("升级前备份-v%d-%s", applied, s.now().Format("20060102-150405")), ext)
		if err := backupTo(ctx, s.w, dest, s.AttachmentDir(), false, pass, nil); err != nil {
			return fmt.Errorf("升级数据结构前的自动备份失败，未做任何修改：%w", err)
		}
	}
	for _, m := range all[applied:] {
		if err := s.apply(ctx, m); err != nil {
			return fmt.Errorf("数据结构升级到版本 %d（%s）失败，数据库保持原样：%w", m.version, m.name, err)
		}
	}
	return nil
}

// migrationStatements are what applying m runs (before recording it); the
// restore check replays them to know the schema a version must have.
func migrationStatements(m migration) []string {
	return []string{
		fmt.Sprintf("PRAGMA application_id = %d", AppID),
		`CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER PRIMARY KEY,
			name       TEXT NOT NULL,
			applied_at TEXT NOT NULL)`,
		m.sql,
	}
}

// migrationFills are steps SQL cannot do, run in a migration's transaction
// after its statements: 0009 spells the names already stored.
var migrationFills = map[int]func(tx *sql.Tx) error{
	9: fillMemberKeys,
}

func (s *Store) apply(ctx context.Context, m migration) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return friendly(err)
	}
	defer tx.Rollback()
	for _, q := range migrationStatements(m) {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return friendly(err)
		}
	}
	if fill := migrationFills[m.version]; fill != nil {
		if err := fill(tx); err != nil {
			return friendly(err)
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
		m.version, m.name, s.nowText()); err != nil {
		return friendly(err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return friendly(err)
	}
	return friendly(tx.Commit())
}

// AppliedMigrations lists the versions recorded in the database.
func (s *Store) AppliedMigrations() ([]int, error) {
	var out []int
	err := s.read(func(db *sql.DB) error {
		rows, err := db.Query("SELECT version FROM schema_migrations ORDER BY version")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var v int
			if err := rows.Scan(&v); err != nil {
				return err
			}
			out = append(out, v)
		}
		return rows.Err()
	})
	return out, err
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
