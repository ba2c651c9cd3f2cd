package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/user"
	"strconv"
	"strings"
)

// Setting keys. Values are text; typed accessors below give defaults.
const (
	SettingOperator       = "operator"             // 操作员姓名, written into the audit log
	SettingFontScale      = "ui.font_scale"        // 字号 multiplier, e.g. 1.0, 1.15
	SettingBackupKeep     = "backup.keep"          // automatic backups kept
	SettingTermWarnMonths = "org.term_warn_months" // 换届提醒 lead time
	SettingOnboarded      = "app.onboarded"        // first-start choice made
)

// Defaults for the typed settings.
const (
	DefaultBackupKeep     = 7
	DefaultTermWarnMonths = 6
	DefaultFontScale      = 1.0
)

// Setting reads a raw setting, "" when unset.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.read(func(db *sql.DB) error {
		err := db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return v, err
}

// SetSetting writes a setting inside tx, with its audit row.
func (tx *Tx) SetSetting(key, value string) error {
	value, _ = CleanText(value, false)
	if n := runeLen(value); n > MaxTextLen && !strings.HasPrefix(key, SettingAnchorPrefix) {
		return &ValidationError{Errors: []FieldIssue{{key, fmt.Sprintf("%s最多 %d 个字，现有 %d 个字", SettingLabel(key), MaxTextLen, n)}}}
	}
	var old sql.NullString
	if err := tx.queryRow("SELECT value FROM settings WHERE key = ?", key).Scan(&old); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if old.Valid && old.String == value {
		return nil
	}
	if _, err := tx.exec(`INSERT INTO settings(key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
		return err
	}
	var before any
	action := ActionInsert
	if old.Valid {
		before, action = map[string]string{"value": old.String}, ActionUpdate
	}
	return tx.auditKey(EntitySetting, key, action, before, map[string]string{"value": value})
}

// SetSetting writes one setting in its own transaction. 本机身份, the
// operators and the 备份口令 have their own guarded functions (SetRole,
// AddOperator …, SetBackupPassphrase) and are refused here.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	if key == SettingRole || key == SettingBackupPassphrase || strings.HasPrefix(key, SettingOperatorPrefix) || isXchgSetting(key) {
		return forbidden("“%s”须在系统设置中更改", SettingLabel(key))
	}
	return s.setSetting(ctx, key, value)
}

func (s *Store) setSetting(ctx context.Context, key, value string) error {
	return s.Write(ctx, func(tx *Tx) error { return tx.SetSetting(key, value) })
}

func (s *Store) intSetting(ctx context.Context, key string, def int) int {
	v, err := s.Setting(ctx, key)
	if err != nil || v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return def
	}
	return n
}

// BackupKeep is how many automatic backups to keep.
func (s *Store) BackupKeep(ctx context.Context) int {
	n := s.intSetting(ctx, SettingBackupKeep, DefaultBackupKeep)
	if n < 1 {
		return 1
	}
	return n
}

// TermWarnMonths is how long before a term ends the 换届 reminder appears.
func (s *Store) TermWarnMonths(ctx context.Context) int {
	n := s.intSetting(ctx, SettingTermWarnMonths, DefaultTermWarnMonths)
	if n < 0 {
		return DefaultTermWarnMonths
	}
	return n
}

// FontScale is the UI text size multiplier.
func (s *Store) FontScale(ctx context.Context) float64 {
	v, err := s.Setting(ctx, SettingFontScale)
	if err != nil || v == "" {
		return DefaultFontScale
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0.8 || f > 2 {
		return DefaultFontScale
	}
	return f
}

// Operator is the name written into the audit log for changes made now.
func (s *Store) Operator() string {
	s.opMu.Lock()
	defer s.opMu.Unlock()
	return s.operator
}

// SetOperator changes the operator name (系统设置 → 操作员).
// Once a password is set, the operator is whoever signs in instead.
func (s *Store) SetOperator(ctx context.Context, name string) error {
	if s.PasswordRequired() {
		return &ValidationError{Errors: []FieldIssue{{SettingOperator, "已设置登录密码：操作员由登录决定，请在“操作员”中管理"}}}
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return &ValidationError{Errors: []FieldIssue{{SettingOperator, "操作员姓名不能为空"}}}
	}
	if len([]rune(name)) > 20 {
		return &ValidationError{Errors: []FieldIssue{{SettingOperator, "操作员姓名不能超过 20 个字"}}}
	}
	if err := s.SetSetting(ctx, SettingOperator, name); err != nil {
		return err
	}
	s.opMu.Lock()
	s.operator, s.named = name, true
	s.opMu.Unlock()
	return nil
}

// signer is the entered operator name, "" when none was entered.
func (s *Store) signer() string {
	s.opMu.Lock()
	defer s.opMu.Unlock()
	if !s.named {
		return ""
	}
	return s.operator
}

// loadOperator reads the configured operator; until one is set, the
// computer's account name stands in, so no change is ever anonymous.
func (s *Store) loadOperator() error {
	v, err := s.Setting(context.Background(), SettingOperator)
	if err != nil {
		return err
	}
	named := v != ""
	if !named {
		v = systemUser()
	}
	s.opMu.Lock()
	if !s.signedIn {
		s.operator, s.named = v, named
	}
	s.opMu.Unlock()
	return s.refreshPasswordState(context.Background(), false)
}

func systemUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		name := u.Username
		if i := strings.LastIndexAny(name, `\/`); i >= 0 {
			name = name[i+1:]
		}
		return fmt.Sprintf("%s（系统账户）", name)
	}
	if h, err := os.Hostname(); err == nil {
		return h
	}
	return "未设置"
}

// SettingRole says who uses this copy: "office" (党总支办公室, the default)
// or "branch:<id>" (one branch's secretary).
const SettingRole = "app.role"

// Role reads who uses this copy of the program.
func (s *Store) Role(ctx context.Context) Role {
	// A branch copy of the exchange is its branch, whatever app.role says.
	if k, _ := s.Setting(ctx, SettingXchgKind); k == CopyBranch {
		v, _ := s.Setting(ctx, SettingXchgBranch)
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 0 {
			return Role{BranchID: n}
		}
	}
	v, _ := s.Setting(ctx, SettingRole)
	if id, ok := strings.CutPrefix(v, "branch:"); ok {
		if n, err := strconv.ParseInt(id, 10, 64); err == nil && n > 0 {
			return Role{BranchID: n}
		}
	}
	return Role{Office: true}
}

// SetRole stores who uses this copy (r), on behalf of the current role:
// a branch copy may change its 本机身份 only with a password set (and
// confirmed) — otherwise any branch could make itself the office.
func (s *Store) SetRole(ctx context.Context, role, r Role) error {
	if !role.Office && !s.PasswordRequired() && r != role {
		return forbidden("本机身份只能由党总支办公室更改；党支部的副本须先设置登录密码，凭密码更改")
	}
	if err := s.checkGuarded(ctx); err != nil {
		return err
	}
	if k, _ := s.Setting(ctx, SettingXchgKind); k == CopyBranch && r != s.Role(ctx) {
		return forbidden("本机是数据交换的支部副本，本机身份由支部初始包确定，不能更改")
	}
	v := "office"
	if !r.Office {
		if u, err := s.OrgUnit(ctx, r.BranchID); err != nil || u.Level != LevelBranch || u.Deleted {
			return &ValidationError{Errors: []FieldIssue{{SettingRole, "请选择一个党支部"}}}
		}
		v = "branch:" + strconv.FormatInt(r.BranchID, 10)
	}
	return s.setSetting(ctx, SettingRole, v)
}
