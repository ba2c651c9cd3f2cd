package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Anchors: the hash chain proves nothing on its own, since whoever can
// rewrite the file can recompute it. What can be proven is that the log
// still contains a head (row count + hash) that left the file earlier: a
// backup file, a printed record's footer (校验码), a receipt kept in the
// office's files. The store remembers the anchors it gave out (a setting
// per anchor, audited like every write), and audit verify checks the chain
// against each of them, and against any backup or typed code it is given.

// AuditHead is the chain's end: how many rows, and the last row's hash.
type AuditHead struct {
	Count int64  `json:"count"`
	Hash  string `json:"hash"`
}

// codeLen is how many hex digits of the hash a printed 校验码 shows.
const codeLen = 8

// Code is the short printed form, "日志 1234 条 · a1b2c3d4".
func (h AuditHead) Code() string {
	return fmt.Sprintf("日志 %d 条 · %s", h.Count, h.short())
}

func (h AuditHead) short() string {
	if len(h.Hash) < codeLen {
		return h.Hash
	}
	return h.Hash[:codeLen]
}

var codeRE = regexp.MustCompile(`(\d[\d,，]*)\s*条?\D*?([0-9a-fA-F]{8,64})`)

// ParseAuditCode reads a 校验码 as printed or typed: "日志 1234 条 ·
// a1b2c3d4", "1234 a1b2c3d4", "1,234:a1b2c3d4…".
func ParseAuditCode(s string) (AuditHead, error) {
	m := codeRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return AuditHead{}, fmt.Errorf("“%s”不是校验码：应为“日志 1234 条 · a1b2c3d4”这样的条数和 8 位校验值", s)
	}
	n, err := strconv.ParseInt(strings.NewReplacer(",", "", "，", "").Replace(m[1]), 10, 64)
	if err != nil {
		return AuditHead{}, fmt.Errorf("校验码中的条数“%s”不对", m[1])
	}
	return AuditHead{Count: n, Hash: strings.ToLower(m[2])}, nil
}

// AuditAnchor is a head seen outside the file: when, and where it went.
type AuditAnchor struct {
	AuditHead
	At     time.Time `json:"at"`
	Source string    `json:"source"` // 备份文件名、打印的记录、校验码回执 …
}

// Describe names the anchor in a sentence: "2026-11-20 打印的会议记录".
func (a AuditAnchor) Describe() string {
	when := ""
	if !a.At.IsZero() {
		when = a.At.Local().Format("2006-01-02") + " "
	}
	return when + a.Source
}

// SettingAnchorPrefix + the row count keys an anchor in the settings.
const SettingAnchorPrefix = "audit.anchor."

type anchorValue struct {
	Hash   string `json:"hash"`
	At     string `json:"at"`
	Source string `json:"source"`
}

// auditHead reads the head through q (a DB or a Tx).
func auditHead(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (AuditHead, error) {
	var h AuditHead
	err := q.QueryRowContext(ctx, "SELECT count, last_hash FROM audit_head WHERE id = 1").Scan(&h.Count, &h.Hash)
	if err == sql.ErrNoRows {
		return AuditHead{Hash: genesisHash}, nil
	}
	return h, err
}

// AuditHead is the chain's current end, for a footer or a receipt.
func (s *Store) AuditHead(ctx context.Context) (AuditHead, error) {
	var h AuditHead
	err := s.read(func(db *sql.DB) error {
		var err error
		h, err = auditHead(ctx, db)
		return err
	})
	return h, err
}

// BackupAuditHead reads the chain's end recorded in a backup file.
func BackupAuditHead(ctx context.Context, path string) (AuditHead, error) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs // the file: URI needs an absolute path
	}
	if !fileExists(path) {
		return AuditHead{}, fmt.Errorf("找不到备份文件“%s”", path)
	}
	db, err := openSnapshot(path)
	if err != nil {
		return AuditHead{}, err
	}
	defer db.Close()
	var appID int64
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil || appID != AppID {
		return AuditHead{}, &ForeignFileError{Path: path, Reason: "无法读取其中的操作日志"}
	}
	h, err := auditHead(ctx, db)
	if err != nil {
		return AuditHead{}, &ForeignFileError{Path: path, Reason: "无法读取其中的操作日志：" + friendly(err).Error()}
	}
	return h, nil
}

// RecordAnchor remembers that head left the file (a backup, a print, a
// receipt), so that audit verify checks the chain still holds it. A
// read-only store remembers nothing: the anchor still exists outside. An
// anchor already known for that row count is kept as first recorded.
func (s *Store) RecordAnchor(ctx context.Context, head AuditHead, source string) error {
	if s.opt.ReadOnly || head.Count == 0 {
		return nil
	}
	key := SettingAnchorPrefix + strconv.FormatInt(head.Count, 10)
	return s.Write(ctx, func(tx *Tx) error {
		// When nothing but an anchor was written since the last anchor,
		// that one already vouches for everything before it: printing
		// twice does not grow the log twice.
		var lastEntity, lastRecord string
		err := tx.queryRow("SELECT entity, record_id FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&lastEntity, &lastRecord)
		if err == nil && lastEntity == EntitySetting && strings.HasPrefix(lastRecord, SettingAnchorPrefix) {
			return nil
		}
		var old string
		err = tx.queryRow("SELECT value FROM settings WHERE key = ?", key).Scan(&old)
		if err == nil {
			return nil
		} else if err != sql.ErrNoRows {
			return err
		}
		b, _ := json.Marshal(anchorValue{Hash: head.Hash, At: tx.at, Source: source})
		return tx.SetSetting(key, string(b))
	})
}

// AuditAnchors lists the anchors this copy remembers, oldest chain first.
func (s *Store) AuditAnchors(ctx context.Context) ([]AuditAnchor, error) {
	var out []AuditAnchor
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, "SELECT key, value FROM settings WHERE key LIKE ? ESCAPE '\\'",
			strings.ReplaceAll(SettingAnchorPrefix, "_", "\\_")+"%")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				return err
			}
			n, err := strconv.ParseInt(strings.TrimPrefix(k, SettingAnchorPrefix), 10, 64)
			var av anchorValue
			if err != nil || json.Unmarshal([]byte(v), &av) != nil {
				continue
			}
			a := AuditAnchor{AuditHead: AuditHead{Count: n, Hash: av.Hash}, Source: av.Source}
			a.At, _ = time.Parse(time.RFC3339Nano, av.At)
			out = append(out, a)
		}
		return rows.Err()
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Count < out[j].Count })
	return out, err
}

// anchorField labels an anchor setting in the 操作日志.
func anchorField(key string) (Field, bool) {
	n, ok := strings.CutPrefix(key, SettingAnchorPrefix)
	if !ok {
		return Field{}, false
	}
	return Field{Key: key, Label: "日志校验码", format: func(v any, _ *AuditNames) string {
		var av anchorValue
		if json.Unmarshal([]byte(fmtJSONValue(v)), &av) != nil {
			return fmtJSONValue(v)
		}
		c, _ := strconv.ParseInt(n, 10, 64)
		return AuditHead{Count: c, Hash: av.Hash}.Code() + "（" + av.Source + "）"
	}}, true
}
