package data

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"
)

// Operators and the optional password.
//
// A copy may have several operators (操作员), each with a name and an
// optional password. While no active operator has a password the program
// opens as it always did and the audit log names the configured operator
// (SettingOperator). Once any active operator has a password, every write
// needs a signed-in operator (SignIn), the audit log names that operator,
// and changing 本机身份, the operators, the passwords or the 备份口令 needs
// the password confirmed within the last few minutes (ConfirmPassword; a
// sign-in counts).
//
// Operators live in the settings table, one key per operator
// ("operators.<id>", a JSON value), so they travel with backups and are
// audited like every other setting. Nothing is ever deleted: an operator is
// deactivated. Passwords are stored as argon2id hashes with their salt and
// parameters; the password itself is never stored.

// SettingOperatorPrefix is the settings key prefix of the operators:
// "operators.1", "operators.2" ….
const SettingOperatorPrefix = "operators."

// SettingLockMinutes is how many idle minutes lock the workbench when a
// password is set; SettingBackupPassphrase is the 备份口令 the automatic
// backups are encrypted with when a password is set.
const (
	SettingLockMinutes      = "security.lock_minutes"
	SettingBackupPassphrase = "backup.passphrase"
)

// DefaultLockMinutes is the idle time before the lock screen.
const DefaultLockMinutes = 15

// MinPasswordLen and MinPassphraseLen are the shortest accepted password
// and 备份口令.
const (
	MinPasswordLen   = 6
	MinPassphraseLen = 8
)

// confirmWindow is how long a sign-in or password confirmation allows the
// guarded changes.
const confirmWindow = 5 * time.Minute

// ErrNotSignedIn refuses a write while a password is set and no operator
// has signed in.
var ErrNotSignedIn = errors.New("已设置登录密码：请先以操作员身份登录后再修改数据")

// ErrWrongPassword refuses a sign-in or confirmation.
var ErrWrongPassword = errors.New("操作员或密码不正确")

// ErrNoOwnPassword refuses a guarded change to an operator who has no
// password while others have one.
var ErrNoOwnPassword = &ForbiddenError{Msg: "当前操作员没有设置密码，不能修改本机身份、操作员、密码或备份口令；请由设有密码的操作员登录后进行"}

// ErrConfirmPassword refuses a guarded change (本机身份, operators,
// passwords, 备份口令) without a recent password confirmation.
var ErrConfirmPassword = &ForbiddenError{Msg: "修改本机身份、操作员、密码或备份口令前，请先输入当前操作员的密码确认"}

// Operator is one person who works with this copy.
type Operator struct {
	ID          int64
	Name        string
	HasPassword bool
	Active      bool
}

type operatorRecord struct {
	Name     string `json:"name"`
	Password string `json:"password,omitempty"` // argon2id encoded hash, "" for none
	Active   bool   `json:"active"`
}

// argon2id parameters; tests lower them.
var argonParams = struct {
	time, memory uint32
	threads      uint8
}{3, 64 * 1024, 2}

// HashPassword returns the argon2id hash of pw with a fresh salt, encoded
// with its parameters: $argon2id$v=19$m=65536,t=3,p=2$salt$hash.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	p := argonParams
	key := argon2.IDKey([]byte(pw), salt, p.time, p.memory, p.threads, 32)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.memory, p.time, p.threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// VerifyPassword reports whether pw matches the encoded hash, comparing in
// constant time with the parameters stored in the hash.
func VerifyPassword(encoded, pw string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || t == 0 || p == 0 || m > 1<<21 || t > 64 {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := enc.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// Operators lists every operator, deactivated ones included, in the order
// they were added.
func (s *Store) Operators(ctx context.Context) ([]Operator, error) {
	recs, err := s.operatorRecords(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Operator, 0, len(recs))
	for _, r := range recs {
		out = append(out, r.Operator)
	}
	return out, nil
}

type opRow struct {
	Operator
	hash string
}

func (s *Store) operatorRecords(ctx context.Context) ([]opRow, error) {
	var out []opRow
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, "SELECT key, value FROM settings WHERE key LIKE 'operators.%'")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				return err
			}
			if r, ok := parseOperator(k, v); ok {
				out = append(out, r)
			}
		}
		return rows.Err()
	})
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, err
}

func parseOperator(key, value string) (opRow, bool) {
	id, err := strconv.ParseInt(strings.TrimPrefix(key, SettingOperatorPrefix), 10, 64)
	if err != nil || id <= 0 {
		return opRow{}, false
	}
	var rec operatorRecord
	if json.Unmarshal([]byte(value), &rec) != nil {
		return opRow{}, false
	}
	return opRow{Operator{ID: id, Name: rec.Name, HasPassword: rec.Password != "", Active: rec.Active}, rec.Password}, true
}

func operatorKey(id int64) string { return SettingOperatorPrefix + strconv.FormatInt(id, 10) }

func (tx *Tx) putOperator(id int64, rec operatorRecord) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	return tx.SetSetting(operatorKey(id), string(b))
}

func checkOperatorName(name string, others []opRow, self int64) (string, error) {
	name = strings.TrimSpace(name)
	bad := func(msg string) error { return &ValidationError{Errors: []FieldIssue{{"name", msg}}} }
	switch {
	case name == "":
		return "", bad("操作员姓名不能为空")
	case len([]rune(name)) > 20:
		return "", bad("操作员姓名不能超过 20 个字")
	case strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return "", bad("操作员姓名不能含控制字符")
	}
	for _, o := range others {
		if o.ID != self && o.Name == name {
			return "", bad("已有名为“" + name + "”的操作员")
		}
	}
	return name, nil
}

func checkPassword(pw string) error {
	if pw != "" && len([]rune(pw)) < MinPasswordLen {
		return &ValidationError{Errors: []FieldIssue{{"password", fmt.Sprintf("密码至少 %d 位", MinPasswordLen)}}}
	}
	return nil
}

// AddOperator adds an operator, with a password unless password is "".
// The first operator of a copy also becomes its configured operator (the
// name the audit log records while no password is set), so a first-start
// dialog needs only this call.
func (s *Store) AddOperator(ctx context.Context, name, password string) (Operator, error) {
	if err := s.checkGuarded(ctx); err != nil {
		return Operator{}, err
	}
	recs, err := s.operatorRecords(ctx)
	if err != nil {
		return Operator{}, err
	}
	if name, err = checkOperatorName(name, recs, 0); err != nil {
		return Operator{}, err
	}
	if err := checkPassword(password); err != nil {
		return Operator{}, err
	}
	hash := ""
	if password != "" {
		if hash, err = HashPassword(password); err != nil {
			return Operator{}, err
		}
	}
	op := Operator{ID: 1, Name: name, HasPassword: hash != "", Active: true}
	if n := len(recs); n > 0 {
		op.ID = recs[n-1].ID + 1
	}
	first := true
	for _, r := range recs {
		first = first && !r.Active
	}
	cur, _ := s.Setting(ctx, SettingOperator)
	err = s.Write(ctx, func(tx *Tx) error {
		if err := tx.putOperator(op.ID, operatorRecord{Name: name, Password: hash, Active: true}); err != nil {
			return err
		}
		if first && cur == "" {
			return tx.SetSetting(SettingOperator, name)
		}
		return nil
	})
	if err != nil {
		return Operator{}, err
	}
	if first && cur == "" {
		s.setSessionOperator(name)
	}
	return op, s.refreshPasswordState(ctx, true)
}

// RenameOperator renames an operator; the audit rows already written keep
// the old name.
func (s *Store) RenameOperator(ctx context.Context, id int64, name string) error {
	return s.changeOperator(ctx, id, func(rec *operatorRecord, recs []opRow) error {
		n, err := checkOperatorName(name, recs, id)
		rec.Name = n
		return err
	})
}

// SetOperatorPassword sets (or, with "", clears) an operator's password.
func (s *Store) SetOperatorPassword(ctx context.Context, id int64, password string) error {
	if err := checkPassword(password); err != nil {
		return err
	}
	hash := ""
	if password != "" {
		var err error
		if hash, err = HashPassword(password); err != nil {
			return err
		}
	}
	return s.changeOperator(ctx, id, func(rec *operatorRecord, _ []opRow) error {
		rec.Password = hash
		return nil
	})
}

// DeactivateOperator stops an operator from signing in; the record stays.
// The signed-in operator cannot deactivate themselves.
func (s *Store) DeactivateOperator(ctx context.Context, id int64) error {
	return s.changeOperator(ctx, id, func(rec *operatorRecord, _ []opRow) error {
		if s.SignedIn() && rec.Name == s.Operator() {
			return &ValidationError{Errors: []FieldIssue{{"active", "不能停用当前登录的操作员"}}}
		}
		rec.Active = false
		return nil
	})
}

// ReactivateOperator lets a deactivated operator sign in again.
func (s *Store) ReactivateOperator(ctx context.Context, id int64) error {
	return s.changeOperator(ctx, id, func(rec *operatorRecord, _ []opRow) error {
		rec.Active = true
		return nil
	})
}

func (s *Store) changeOperator(ctx context.Context, id int64, change func(rec *operatorRecord, recs []opRow) error) error {
	if err := s.checkGuarded(ctx); err != nil {
		return err
	}
	recs, err := s.operatorRecords(ctx)
	if err != nil {
		return err
	}
	var rec *operatorRecord
	for _, r := range recs {
		if r.ID == id {
			rec = &operatorRecord{Name: r.Name, Password: r.hash, Active: r.Active}
		}
	}
	if rec == nil {
		return ErrNotFound
	}
	old := rec.Name
	if err := change(rec, recs); err != nil {
		return err
	}
	cur, _ := s.Setting(ctx, SettingOperator)
	err = s.Write(ctx, func(tx *Tx) error {
		if err := tx.putOperator(id, *rec); err != nil {
			return err
		}
		if old != rec.Name && cur == old {
			return tx.SetSetting(SettingOperator, rec.Name)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if old != rec.Name && s.Operator() == old {
		s.setSessionOperator(rec.Name)
	}
	return s.refreshPasswordState(ctx, true)
}

// PasswordRequired reports whether any active operator has a password, so
// the program must ask for operator and password.
func (s *Store) PasswordRequired() bool {
	s.opMu.Lock()
	defer s.opMu.Unlock()
	return s.pwRequired
}

// SignedIn reports whether an operator signed in with a password.
func (s *Store) SignedIn() bool {
	s.opMu.Lock()
	defer s.opMu.Unlock()
	return s.signedIn
}

// SignIn checks name and password against the active operators; the audit
// log then names this operator. An operator without a password signs in
// with "" (when another has one).
func (s *Store) SignIn(ctx context.Context, name, password string) error {
	recs, err := s.operatorRecords(ctx)
	if err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	for _, r := range recs {
		if r.Active && r.Name == name {
			ok := r.hash == "" && password == ""
			if r.hash != "" {
				ok = VerifyPassword(r.hash, password)
			}
			if !ok {
				break
			}
			s.opMu.Lock()
			s.operator, s.signedIn, s.confirmedAt = name, true, time.Time{}
			if r.hash != "" {
				// Only a password counts as a confirmation: an operator
				// without one may work but not change the guarded settings.
				s.confirmedAt = s.now()
			}
			s.opMu.Unlock()
			return nil
		}
	}
	if !s.PasswordRequired() && password == "" {
		// No password anywhere: a name not (or no longer) on the list
		// just names who works now, as SetOperator's name does.
		if _, err := checkOperatorName(name, nil, 0); err != nil {
			return err
		}
		s.setSessionOperator(name)
		return nil
	}
	return ErrWrongPassword
}

// Lock forgets the sign-in (the idle lock screen): writes are refused
// until someone signs in again.
func (s *Store) Lock() {
	s.opMu.Lock()
	defer s.opMu.Unlock()
	if s.pwRequired {
		s.signedIn = false
	}
}

// ConfirmPassword checks the signed-in operator's password again before a
// guarded change (本机身份, operators, passwords, 备份口令).
func (s *Store) ConfirmPassword(ctx context.Context, password string) error {
	if !s.PasswordRequired() {
		return nil
	}
	if !s.SignedIn() {
		return ErrNotSignedIn
	}
	recs, err := s.operatorRecords(ctx)
	if err != nil {
		return err
	}
	name := s.Operator()
	for _, r := range recs {
		if r.Active && r.Name == name && r.hash == "" {
			return ErrNoOwnPassword
		}
		if r.Active && r.Name == name && r.hash != "" && VerifyPassword(r.hash, password) {
			s.opMu.Lock()
			s.confirmedAt = s.now()
			s.opMu.Unlock()
			return nil
		}
	}
	return ErrWrongPassword
}

// checkGuarded refuses a guarded change without a recent confirmation.
func (s *Store) checkGuarded(ctx context.Context) error {
	s.opMu.Lock()
	defer s.opMu.Unlock()
	if !s.pwRequired {
		return nil
	}
	if !s.signedIn {
		return ErrNotSignedIn
	}
	if s.now().Sub(s.confirmedAt) > confirmWindow {
		return ErrConfirmPassword
	}
	return nil
}

// checkSignedIn refuses a write while a password is set and nobody has
// signed in.
func (s *Store) checkSignedIn() error {
	s.opMu.Lock()
	defer s.opMu.Unlock()
	if s.guardWrites && s.pwRequired && !s.signedIn {
		return ErrNotSignedIn
	}
	return nil
}

func (s *Store) setSessionOperator(name string) {
	s.opMu.Lock()
	s.operator = name
	s.opMu.Unlock()
}

// refreshPasswordState recomputes whether a password is required. When a
// change made now sets the first password, the operator who made it stays
// signed in.
func (s *Store) refreshPasswordState(ctx context.Context, inSession bool) error {
	recs, err := s.operatorRecords(ctx)
	if err != nil {
		return err
	}
	req := false
	for _, r := range recs {
		req = req || (r.Active && r.hash != "")
	}
	s.opMu.Lock()
	defer s.opMu.Unlock()
	if req && !s.pwRequired && inSession {
		s.signedIn, s.confirmedAt = true, s.now()
	}
	if !req {
		s.signedIn = false
	}
	s.pwRequired = req
	return nil
}

// LockMinutes is the idle time before the lock screen (0: never).
func (s *Store) LockMinutes(ctx context.Context) int {
	n := s.intSetting(ctx, SettingLockMinutes, DefaultLockMinutes)
	if n < 0 || n > 240 {
		return DefaultLockMinutes
	}
	return n
}

// SetLockMinutes sets the idle time before the lock screen, 1 to 240
// minutes, or 0 for never.
func (s *Store) SetLockMinutes(ctx context.Context, n int) error {
	if n < 0 || n > 240 {
		return &ValidationError{Errors: []FieldIssue{{SettingLockMinutes, "自动锁定时间应为 0（不锁定）到 240 分钟"}}}
	}
	return s.SetSetting(ctx, SettingLockMinutes, strconv.Itoa(n))
}

// BackupPassphraseSet reports whether a 备份口令 is set.
func (s *Store) BackupPassphraseSet(ctx context.Context) bool {
	v, _ := s.Setting(ctx, SettingBackupPassphrase)
	return v != ""
}

// SetBackupPassphrase sets (or, with "", clears) the 备份口令 the
// automatic backups are encrypted with when a password is set. It is kept
// in the database, since the automatic backup runs unattended: it protects
// the copies that leave this computer, not the database itself.
func (s *Store) SetBackupPassphrase(ctx context.Context, passphrase string) error {
	if err := s.checkGuarded(ctx); err != nil {
		return err
	}
	if passphrase != "" && len([]rune(passphrase)) < MinPassphraseLen {
		return &ValidationError{Errors: []FieldIssue{{SettingBackupPassphrase, fmt.Sprintf("备份口令至少 %d 位", MinPassphraseLen)}}}
	}
	return s.setSetting(ctx, SettingBackupPassphrase, passphrase)
}

// autoBackupPassphrase is what automatic and pre-restore backups are
// encrypted with: the 备份口令 when a password is set, else none.
func (s *Store) autoBackupPassphrase(ctx context.Context) (string, bool) {
	if !s.PasswordRequired() {
		return "", true
	}
	v, _ := s.Setting(ctx, SettingBackupPassphrase)
	return v, v != ""
}

// storedBackupPassphrase reads, straight from a database not yet opened
// as a store (before an upgrade), the 备份口令 when a password is set, so
// the pre-upgrade backup is encrypted like the automatic ones; "" otherwise.
func storedBackupPassphrase(ctx context.Context, db *sql.DB) string {
	var pass string
	if db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", SettingBackupPassphrase).Scan(&pass) != nil || pass == "" {
		return ""
	}
	rows, err := db.QueryContext(ctx, "SELECT key, value FROM settings WHERE key LIKE 'operators.%'")
	if err != nil {
		return ""
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if rows.Scan(&k, &v) == nil {
			if r, ok := parseOperator(k, v); ok && r.Active && r.hash != "" {
				return pass
			}
		}
	}
	return ""
}
