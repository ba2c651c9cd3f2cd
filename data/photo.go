package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // accepted photo formats
	"image/jpeg"
	_ "image/png"
	"strings"

	_ "golang.org/x/image/bmp"
	"golang.org/x/image/draw"
)

// EntityPhoto is the audit entity for member photos.
const EntityPhoto = "member_photo"

// Photo geometry: a 1-inch ID photo (25 × 35 mm) at about 240 dpi, which
// prints sharply on the 登记表 and stays small in the database and PDFs.
const (
	PhotoWidth    = 240
	PhotoHeight   = 336
	maxPhotoBytes = 20 << 20
)

// PreparePhoto decodes a JPEG, PNG, GIF or BMP image, crops it to the ID
// photo's 5:7 shape around the centre, scales it and re-encodes it as JPEG.
func PreparePhoto(raw []byte) ([]byte, error) {
	if len(raw) > maxPhotoBytes {
		return nil, fmt.Errorf("照片文件过大（%d MB），请选择 20 MB 以内的图片", len(raw)>>20)
	}
	src, _, err := image.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("无法识别照片文件，请选择 JPG、PNG、BMP 或 GIF 格式的图片")
	}
	b := src.Bounds()
	if b.Dx() < 40 || b.Dy() < 40 {
		return nil, fmt.Errorf("照片太小（%d×%d 像素），请选择更清晰的照片", b.Dx(), b.Dy())
	}
	// Crop to 5:7 around the centre, then scale.
	crop := b
	if b.Dx()*PhotoHeight > b.Dy()*PhotoWidth {
		w := b.Dy() * PhotoWidth / PhotoHeight
		crop.Min.X += (b.Dx() - w) / 2
		crop.Max.X = crop.Min.X + w
	} else {
		h := b.Dx() * PhotoHeight / PhotoWidth
		crop.Min.Y += (b.Dy() - h) / 2
		crop.Max.Y = crop.Min.Y + h
	}
	dst := image.NewRGBA(image.Rect(0, 0, PhotoWidth, PhotoHeight))
	draw.Draw(dst, dst.Bounds(), &image.Uniform{color.White}, image.Point{}, draw.Src)
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, crop, draw.Over, nil)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: 82}); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

type photoAudit struct {
	SHA256 string `json:"sha256"`
	Bytes  int    `json:"bytes"`
}

// SetMemberPhoto stores a new photo for a member; the previous one is kept,
// marked replaced.
func (s *Store) SetMemberPhoto(ctx context.Context, role Role, memberID int64, raw []byte) error {
	jpg, err := PreparePhoto(raw)
	if err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		if err := tx.ownMember(role, memberID, "更换党员照片"); err != nil {
			return err
		}
		return tx.setMemberPhoto(memberID, jpg)
	})
}

// ownMember refuses a branch copy (role) writing for another branch's member.
func (tx *Tx) ownMember(role Role, memberID int64, what string) error {
	if role.Office {
		return nil
	}
	m, err := tx.loadMember(memberID)
	if err != nil {
		return err
	}
	return role.OwnBranch(m.BranchID, what)
}

func (tx *Tx) setMemberPhoto(memberID int64, jpg []byte) error {
	if _, err := tx.loadMember(memberID); err != nil {
		return err
	}
	sum := sha256.Sum256(jpg)
	after := photoAudit{hex.EncodeToString(sum[:]), len(jpg)}
	var before *photoAudit
	var oldID int64
	var old photoAudit
	err := tx.queryRow("SELECT id, sha256, length(jpeg) FROM member_photos WHERE member_id = ? AND deleted_at IS NULL",
		memberID).Scan(&oldID, &old.SHA256, &old.Bytes)
	switch {
	case err == nil:
		if old.SHA256 == after.SHA256 {
			return nil
		}
		before = &old
		if _, err := tx.exec("UPDATE member_photos SET deleted_at = ? WHERE id = ?", tx.at, oldID); err != nil {
			return err
		}
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	if _, err := tx.exec("INSERT INTO member_photos(member_id, jpeg, sha256, created_at) VALUES (?, ?, ?, ?)",
		memberID, jpg, after.SHA256, tx.at); err != nil {
		return err
	}
	action := ActionInsert
	if before != nil {
		action = ActionUpdate
	}
	return tx.audit(EntityPhoto, memberID, action, before, after)
}

// RemoveMemberPhoto takes the current photo off the dossier (kept, marked).
func (s *Store) RemoveMemberPhoto(ctx context.Context, role Role, memberID int64) error {
	return s.Write(ctx, func(tx *Tx) error {
		if err := tx.ownMember(role, memberID, "删除党员照片"); err != nil {
			return err
		}
		var id int64
		var old photoAudit
		err := tx.queryRow("SELECT id, sha256, length(jpeg) FROM member_photos WHERE member_id = ? AND deleted_at IS NULL",
			memberID).Scan(&id, &old.SHA256, &old.Bytes)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		if _, err := tx.exec("UPDATE member_photos SET deleted_at = ? WHERE id = ?", tx.at, id); err != nil {
			return err
		}
		return tx.audit(EntityPhoto, memberID, ActionDelete, old, nil)
	})
}

// MemberPhoto returns the current photo (JPEG) or nil when there is none.
func (s *Store) MemberPhoto(ctx context.Context, memberID int64) ([]byte, error) {
	var jpg []byte
	err := s.read(func(db *sql.DB) error {
		err := db.QueryRowContext(ctx, "SELECT jpeg FROM member_photos WHERE member_id = ? AND deleted_at IS NULL", memberID).Scan(&jpg)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return jpg, err
}

// MemberPhotos returns the current photos of the given members, for
// printing many forms at once. Only those members' photos are read (a few
// hundred at a time through the member index), so a print that asks for
// each chunk of forms' photos in turn holds no more than that chunk's.
func (s *Store) MemberPhotos(ctx context.Context, ids []int64) (map[int64][]byte, error) {
	out := map[int64][]byte{}
	const batch = 500 // well under SQLite's limit on bound parameters
	err := s.read(func(db *sql.DB) error {
		for from := 0; from < len(ids); from += batch {
			part := ids[from:min(from+batch, len(ids))]
			args := make([]any, len(part))
			for i, id := range part {
				args[i] = id
			}
			q := "SELECT member_id, jpeg FROM member_photos WHERE deleted_at IS NULL AND member_id IN (?" +
				strings.Repeat(",?", len(part)-1) + ")"
			rows, err := db.QueryContext(ctx, q, args...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var id int64
				var jpg []byte
				if err := rows.Scan(&id, &jpg); err != nil {
					rows.Close()
					return err
				}
				out[id] = jpg
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}
