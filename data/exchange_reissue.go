package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"time"
)

// Re-issuing a branch's initial package (a lost, broken or reinstalled
// branch laptop; docs/exchange.md, “重新制作支部初始包”).
//
// The office makes a new initial package for the branch with a new
// one-time trust code, for a new, empty database. Until the new copy's
// first package arrives the pinned copy stays the branch's copy (a
// reinstalled laptop may still send its last package); when it arrives,
// the new copy is pinned and the old one retired: its row in xchg_copies
// is soft-deleted, and every later package from it is refused
// (“该支部副本已被替换……”). Nothing the office holds changes: records the
// old copy sent stay, with their global ids, and the new copy starts from
// the office's current data for the branch (a new link has no agreed
// versions, so everything concerning the branch travels).

// ReissueBranchPackage writes a new initial package for branch branchID to
// path, with a new one-time trust code: an earlier initial package the
// branch has not answered yet stops working (its code is forgotten). The
// branch's current copy, if any, keeps exchanging until the new copy's
// first package arrives and replaces it. Office only; audited.
func (s *Store) ReissueBranchPackage(ctx context.Context, role Role, branchID int64, path string) (PackageInfo, error) {
	if err := role.OfficeOnly("重新制作支部初始包须由党总支办公室进行"); err != nil {
		return PackageInfo{}, err
	}
	if _, err := s.EnsureOfficeIdentity(ctx, role); err != nil {
		return PackageInfo{}, err
	}
	var out PackageInfo
	err := s.Write(ctx, func(tx *Tx) error {
		me, err := tx.identity()
		if err != nil {
			return err
		}
		u, err := tx.loadUnit(branchID)
		if errors.Is(err, ErrNotFound) || (err == nil && u.Level != LevelBranch) {
			return &ValidationError{Errors: []FieldIssue{{"branch", "请选择一个党支部"}}}
		} else if err != nil {
			return err
		}
		// Forget every invitation still waiting (its initial package may
		// be the lost one); the new link starts with nothing agreed.
		waiting, err := tx.ids("SELECT id FROM xchg_copies WHERE kind = 'branch' AND branch_id = ? AND copy_id = '' AND deleted_at IS NULL", branchID)
		if err != nil {
			return err
		}
		for _, id := range waiting {
			if err := tx.softDelete(EntityXchgCopy, "xchg_copies", id); err != nil {
				return err
			}
		}
		peer := xchgPeer{Kind: CopyBranch, BranchID: branchID, Name: u.Name(), TrustCode: randomHex(16)}
		out, err = s.exportForBranchTx(tx, me, u, peer, path, "重新制作的支部初始包（供新的支部副本）")
		return err
	})
	if err != nil && out.SHA256 != "" {
		os.Remove(path) // written, but its number was not recorded
		out = PackageInfo{}
	}
	return out, err
}

// retireBranchCopies retires the branch's other copies once its new copy
// (peer, just pinned) has sent its first package, and names the one it
// replaced ("" if none: the branch's first copy).
func (tx *Tx) retireBranchCopies(peer xchgPeer) (string, error) {
	rows, err := tx.query("SELECT id, copy_id, public_key FROM xchg_copies WHERE kind = 'branch' AND branch_id = ? AND id <> ? AND deleted_at IS NULL ORDER BY id",
		peer.BranchID, peer.ID)
	if err != nil {
		return "", err
	}
	type old struct {
		id       int64
		copy, pk string
	}
	var olds []old
	for rows.Next() {
		var o old
		if err := rows.Scan(&o.id, &o.copy, &o.pk); err != nil {
			rows.Close()
			return "", err
		}
		olds = append(olds, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", err
	}
	named := ""
	for _, o := range olds {
		if err := tx.softDelete(EntityXchgCopy, "xchg_copies", o.id); err != nil {
			return "", err
		}
		if o.copy != "" {
			named = copyText(o.copy, o.pk)
		}
	}
	return named, nil
}

func copyText(copyID, publicKey string) string {
	return fmt.Sprintf("副本 %s，指纹 %s", copyID, peerFingerprint(xchgPeer{PublicKey: publicKey}))
}

// replacedCopyReason is why a package from copyID is refused when the
// office replaced that branch copy ("" if it did not).
func (tx *Tx) replacedCopyReason(copyID string) (string, error) {
	if copyID == "" {
		return "", nil
	}
	var old xchgPeer
	var at string
	err := tx.queryRow("SELECT id, branch_id, name, public_key, coalesce(deleted_at, '') FROM xchg_copies WHERE copy_id = ? AND kind = 'branch' AND deleted_at IS NOT NULL ORDER BY id DESC LIMIT 1",
		copyID).Scan(&old.ID, &old.BranchID, &old.Name, &old.PublicKey, &at)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return "", nil
		}
		return "", err
	}
	name := old.Name
	if u, err := tx.loadUnit(old.BranchID); err == nil {
		name = u.Name()
	}
	when := at
	if t, err := time.Parse(time.RFC3339Nano, at); err == nil {
		when = t.Local().Format("2006-01-02")
	}
	cur, err := tx.peerWhere("kind = 'branch' AND branch_id = ? AND copy_id <> '' AND deleted_at IS NULL", old.BranchID)
	now := "新的支部副本"
	if err == nil {
		now = "新的支部副本（密钥指纹 " + peerFingerprint(cur) + "）"
	}
	return fmt.Sprintf("该支部副本已被替换：党总支办公室为%s重新制作了支部初始包，%s 起改用%s。本副本（副本 %s，密钥指纹 %s）发来的交换包不再接收；本副本中尚未送达的记录，请在新副本中重新录入",
		orDash(name), when, now, copyID, peerFingerprint(old)), nil
}
