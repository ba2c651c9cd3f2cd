package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Attachment is a file kept in the application's storage for a record
// (minutes' photos and scans, evidence).
type Attachment struct {
	ID         int64  `json:"id"`
	Entity     string `json:"owner_entity"`
	OwnerID    int64  `json:"owner_id"`
	FileName   string `json:"file_name"` // as the user's file was called
	StoredName string `json:"stored_name"`
	SHA256     string `json:"sha256"`
	Size       int64  `json:"size"`
}

const maxAttachment = 200 << 20

// AttachmentDir is where attached files are kept: 附件 beside the database,
// named by content hash so the same file is stored once.
func (s *Store) AttachmentDir() string { return filepath.Join(filepath.Dir(s.path), "附件") }

// AttachmentPath is the stored file of a.
func (s *Store) AttachmentPath(a Attachment) string {
	return filepath.Join(s.AttachmentDir(), a.StoredName)
}

// AddAttachment copies the file at src into storage and records it for
// the owner. The copy is complete and synced before the row is written.
// A branch copy (role) attaches files only to its own branch's records.
func (s *Store) AddAttachment(ctx context.Context, role Role, entity string, ownerID int64, src string) (Attachment, error) {
	if err := s.Write(ctx, func(tx *Tx) error { return tx.ownAttachmentOwner(role, entity, ownerID, "添加附件") }); err != nil {
		return Attachment{}, err
	}
	return s.addAttachment(ctx, entity, ownerID, src)
}

// ownAttachmentOwner refuses a branch copy (role) writing files of another
// branch's record: a member's, a meeting's, a unit's, a checklist score's;
// files of anything else are the office's.
func (tx *Tx) ownAttachmentOwner(role Role, entity string, ownerID int64, what string) error {
	if role.Office {
		return nil
	}
	var branch int64
	switch entity {
	case EntityMember:
		m, err := tx.loadMember(ownerID)
		if err != nil {
			return err
		}
		branch = m.BranchID
	case EntityMeeting:
		var unit int64
		if err := tx.queryRow("SELECT unit_id FROM meetings WHERE id = ?", ownerID).Scan(&unit); err != nil {
			return ErrNotFound
		}
		branch = tx.branchOf(unit)
	case EntityOrgUnit:
		branch = tx.branchOf(ownerID)
	case EntityChecklistScore:
		branch = ownerID % 100000 // ChecklistEvidenceKey
	}
	return role.OwnBranch(branch, what)
}

func (s *Store) addAttachment(ctx context.Context, entity string, ownerID int64, src string) (Attachment, error) {
	f, err := os.Open(src)
	if err != nil {
		return Attachment{}, fmt.Errorf("无法读取文件：%w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Attachment{}, err
	}
	if st.Size() > maxAttachment {
		return Attachment{}, fmt.Errorf("文件过大（%d MB），附件不能超过 200 MB", st.Size()>>20)
	}
	if err := os.MkdirAll(s.AttachmentDir(), privateDir); err != nil {
		return Attachment{}, fmt.Errorf("无法创建附件目录：%w", err)
	}
	tmp, err := os.CreateTemp(s.AttachmentDir(), ".incoming-*")
	if err != nil {
		return Attachment{}, err
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), f)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Attachment{}, fmt.Errorf("复制附件失败：%w", err)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	a := Attachment{Entity: entity, OwnerID: ownerID, FileName: cleanFileName(filepath.Base(src)), SHA256: sum, Size: n,
		StoredName: sum + strings.ToLower(filepath.Ext(src))}
	dest := s.AttachmentPath(a)
	if !fileExists(dest) {
		if err := os.Rename(tmp.Name(), dest); err != nil {
			return Attachment{}, fmt.Errorf("保存附件失败：%w", err)
		}
	}
	err = s.Write(ctx, func(tx *Tx) error {
		res, err := tx.exec(`INSERT INTO attachments(owner_entity, owner_id, file_name, stored_name, sha256, size, created_at)
			VALUES (?,?,?,?,?,?,?)`, a.Entity, a.OwnerID, a.FileName, a.StoredName, a.SHA256, a.Size, tx.at)
		if err != nil {
			return err
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return tx.audit(EntityAttachment, a.ID, ActionInsert, nil, a)
	})
	return a, err
}

// Attachments lists the files of an owner.
func (s *Store) Attachments(ctx context.Context, entity string, ownerID int64) ([]Attachment, error) {
	var out []Attachment
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, `SELECT id, owner_entity, owner_id, file_name, stored_name, sha256, size FROM attachments
			WHERE owner_entity = ? AND owner_id = ? AND deleted_at IS NULL ORDER BY id`, entity, ownerID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a Attachment
			if err := rows.Scan(&a.ID, &a.Entity, &a.OwnerID, &a.FileName, &a.StoredName, &a.SHA256, &a.Size); err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// RemoveAttachment takes a file off its record; the file stays in storage.
func (s *Store) RemoveAttachment(ctx context.Context, role Role, id int64) error {
	return s.Write(ctx, func(tx *Tx) error {
		var entity string
		var owner int64
		if err := tx.queryRow("SELECT owner_entity, owner_id FROM attachments WHERE id = ? AND deleted_at IS NULL", id).Scan(&entity, &owner); err != nil {
			return ErrNotFound
		}
		if err := tx.ownAttachmentOwner(role, entity, owner, "删除附件"); err != nil {
			return err
		}
		res, err := tx.exec("UPDATE attachments SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", tx.at, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return tx.audit(EntityAttachment, id, ActionDelete, nil, map[string]bool{"deleted": true})
	})
}
