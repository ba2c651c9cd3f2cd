package data

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Settings holding this copy's exchange identity. The private key is kept
// in the database (docs/exchange.md says so): whoever has the database
// file can sign packages as this copy.
const (
	SettingXchgOrgID      = "exchange.org_id"
	SettingXchgOrgName    = "exchange.org_name"
	SettingXchgCopyID     = "exchange.copy_id"
	SettingXchgKind       = "exchange.kind"
	SettingXchgBranch     = "exchange.branch_id"
	SettingXchgPublicKey  = "exchange.public_key"
	SettingXchgPrivateKey = "exchange.private_key"
	SettingXchgTrustCode  = "exchange.trust_code" // a branch copy's one-time code, until the office confirms
)

// Audited entities of the exchange.
const (
	EntityXchgCopy     = "xchg_copy"
	EntityXchgPackage  = "xchg_package"
	EntityXchgRecord   = "xchg_record"
	EntityXchgSync     = "xchg_sync"
	EntityXchgPending  = "xchg_pending"
	EntityXchgConflict = "xchg_conflict"
)

func isXchgSetting(key string) bool { return strings.HasPrefix(key, "exchange.") }

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// ---- identity ----

type identityKeys struct {
	CopyIdentity
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
}

func (tx *Tx) setting(key string) (string, error) {
	var v string
	err := tx.queryRow("SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

func (tx *Tx) identity() (identityKeys, error) {
	var id identityKeys
	get := func(k string) string {
		v, _ := tx.setting(k)
		return v
	}
	id.OrgID, id.OrgName, id.CopyID, id.Kind = get(SettingXchgOrgID), get(SettingXchgOrgName), get(SettingXchgCopyID), get(SettingXchgKind)
	id.BranchID, _ = strconv.ParseInt(get(SettingXchgBranch), 10, 64)
	if id.Kind == CopyOffice {
		if n := tx.rootName(); n != "" {
			id.OrgName = n // the office's tree names the organisation as it is now
		}
	}
	if pub, err := base64.StdEncoding.DecodeString(get(SettingXchgPublicKey)); err == nil && len(pub) == ed25519.PublicKeySize {
		id.pub = pub
		id.Fingerprint = fingerprint(pub)
	}
	if seed, err := base64.StdEncoding.DecodeString(get(SettingXchgPrivateKey)); err == nil && len(seed) == ed25519.SeedSize {
		id.priv = ed25519.NewKeyFromSeed(seed)
	}
	if id.BranchID != 0 {
		if u, err := scanUnit(tx.queryRow("SELECT "+unitCols+" FROM org_units WHERE id = ?", id.BranchID)); err == nil {
			id.BranchName = u.Name()
		}
	}
	if id.Kind == CopyBranch {
		if p, err := tx.peerWhere("kind = 'office' AND deleted_at IS NULL"); err == nil {
			id.OfficeCopyID = p.CopyID
			if pub, err := base64.StdEncoding.DecodeString(p.PublicKey); err == nil {
				id.OfficeFingerprint = fingerprint(pub)
			}
		}
	}
	return id, nil
}

// newIdentity writes a fresh identity (copy id and key pair) of kind.
func (tx *Tx) newIdentity(orgID, orgName, kind string) (identityKeys, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return identityKeys{}, err
	}
	for _, kv := range [][2]string{
		{SettingXchgOrgID, orgID}, {SettingXchgOrgName, orgName}, {SettingXchgCopyID, randomHex(8)}, {SettingXchgKind, kind},
		{SettingXchgPublicKey, base64.StdEncoding.EncodeToString(pub)},
		{SettingXchgPrivateKey, base64.StdEncoding.EncodeToString(priv.Seed())},
	} {
		if err := tx.SetSetting(kv[0], kv[1]); err != nil {
			return identityKeys{}, err
		}
	}
	return tx.identity()
}

// Identity is this copy's exchange identity; a zero CopyIdentity (IsSet
// false) until the office's first package is made or a branch package
// imported.
func (s *Store) Identity(ctx context.Context) (CopyIdentity, error) {
	var out CopyIdentity
	err := s.readTx(ctx, func(tx *Tx) error {
		id, err := tx.identity()
		out = id.CopyIdentity
		return err
	})
	return out, err
}

// readTx runs fn in a read-only transaction of the read pool, with a Tx so
// the exchange's helpers serve reads and writes alike.
func (s *Store) readTx(ctx context.Context, fn func(tx *Tx) error) error {
	return s.read(func(db *sql.DB) error {
		sqlTx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return err
		}
		defer sqlTx.Rollback()
		now := s.now()
		return fn(&Tx{tx: sqlTx, ctx: ctx, at: now.UTC().Format(time.RFC3339Nano), today: DateOf(now), operator: s.Operator()})
	})
}

// EnsureOfficeIdentity makes this copy the office's: a new organisation
// id, copy id and key pair, unless it has an identity already (then it is
// returned unchanged; a branch copy is refused). Office role only. The
// first-start choice "党总支办公室" calls it; ExportForBranch does too.
func (s *Store) EnsureOfficeIdentity(ctx context.Context, role Role) (CopyIdentity, error) {
	if err := role.OfficeOnly("建立党总支办公室的交换身份"); err != nil {
		return CopyIdentity{}, err
	}
	var out CopyIdentity
	err := s.Write(ctx, func(tx *Tx) error {
		id, err := tx.identity()
		if err != nil {
			return err
		}
		if id.IsSet() {
			if id.Kind != CopyOffice {
				return forbidden("本机是%s，不能作为党总支办公室制作交换包", id.Label())
			}
			out = id.CopyIdentity
			return nil
		}
		id, err = tx.newIdentity(randomHex(8), tx.rootName(), CopyOffice)
		out = id.CopyIdentity
		return err
	})
	return out, err
}

func (tx *Tx) rootName() string {
	var n string
	tx.queryRow("SELECT full_name FROM org_units WHERE parent_id IS NULL AND deleted_at IS NULL ORDER BY id LIMIT 1").Scan(&n)
	return n
}

// CanBecomeBranchCopy says (nil) whether this database is empty enough to
// become a branch copy by importing a branch package: no identity, no
// org units, members or minutes. The error says why not, in Chinese.
func (s *Store) CanBecomeBranchCopy(ctx context.Context) error {
	return s.readTx(ctx, func(tx *Tx) error { return tx.emptyForBranch() })
}

func (tx *Tx) emptyForBranch() error {
	id, err := tx.identity()
	if err != nil {
		return err
	}
	if id.IsSet() {
		return fmt.Errorf("本机已是%s，不能再导入支部初始包建立新的支部副本", id.Label())
	}
	for _, c := range []struct{ table, what string }{{"org_units", "组织"}, {"members", "党员"}, {"meetings", "会议记录"}} {
		var n int
		if err := tx.queryRow("SELECT count(*) FROM " + c.table).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("本机数据库已有%s数据，支部初始包只能导入新建的空白数据库（请另建一个数据库文件）", c.what)
		}
	}
	return nil
}

// ---- peers ----

type xchgPeer struct {
	ID        int64  `json:"id"`
	CopyID    string `json:"copy_id"`
	Kind      string `json:"kind"`
	BranchID  int64  `json:"branch_id"`
	Name      string `json:"name"`
	PublicKey string `json:"public_key"`
	TrustCode string `json:"trust_code"`
	PinnedAt  string `json:"pinned_at"`
}

func (tx *Tx) peerWhere(where string, args ...any) (xchgPeer, error) {
	var p xchgPeer
	err := tx.queryRow("SELECT id, copy_id, kind, branch_id, name, public_key, trust_code, pinned_at FROM xchg_copies WHERE "+where+" ORDER BY id LIMIT 1", args...).
		Scan(&p.ID, &p.CopyID, &p.Kind, &p.BranchID, &p.Name, &p.PublicKey, &p.TrustCode, &p.PinnedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	return p, err
}

func (tx *Tx) savePeer(p xchgPeer) (xchgPeer, error) {
	if p.ID == 0 {
		res, err := tx.exec(`INSERT INTO xchg_copies(copy_id, kind, branch_id, name, public_key, trust_code, pinned_at, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?)`, p.CopyID, p.Kind, p.BranchID, p.Name, p.PublicKey, p.TrustCode, p.PinnedAt, tx.at, tx.at)
		if err != nil {
			return p, err
		}
		if p.ID, err = res.LastInsertId(); err != nil {
			return p, err
		}
		return p, tx.audit(EntityXchgCopy, p.ID, ActionInsert, nil, p)
	}
	old, err := tx.peerWhere("id = ?", p.ID)
	if err != nil {
		return p, err
	}
	if old == p {
		return p, nil
	}
	if _, err := tx.exec(`UPDATE xchg_copies SET copy_id=?, kind=?, branch_id=?, name=?, public_key=?, trust_code=?, pinned_at=?, updated_at=?
		WHERE id=?`, p.CopyID, p.Kind, p.BranchID, p.Name, p.PublicKey, p.TrustCode, p.PinnedAt, tx.at, p.ID); err != nil {
		return p, err
	}
	return p, tx.audit(EntityXchgCopy, p.ID, ActionUpdate, old, p)
}

func (tx *Tx) lastNumber(direction string, peer int64) (int, error) {
	var n sql.NullInt64
	err := tx.queryRow("SELECT max(number) FROM xchg_packages WHERE direction = ? AND peer = ?", direction, peer).Scan(&n)
	return int(n.Int64), err
}

// ---- global ids and change capture ----

// gidOf is the global id of a local record, made on first use as
// <this copy>/<entity>/<local id>.
func (x *xchg) gidOf(entity string, id int64) (string, error) {
	var g string
	err := x.tx.queryRow("SELECT gid FROM xchg_records WHERE entity = ? AND local_id = ?", entity, id).Scan(&g)
	if err == nil {
		return g, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	g = x.me.CopyID + "/" + entity + "/" + strconv.FormatInt(id, 10)
	return g, x.tx.mapGID(entity, g, id)
}

type xchgRecordRow struct {
	ID      int64  `json:"id"`
	GID     string `json:"gid"`
	Entity  string `json:"entity"`
	LocalID int64  `json:"local_id"`
}

func (tx *Tx) mapGID(entity, gid string, id int64) error {
	res, err := tx.exec("INSERT INTO xchg_records(gid, entity, local_id) VALUES (?,?,?)", gid, entity, id)
	if err != nil {
		return err
	}
	rid, err := res.LastInsertId()
	if err != nil {
		return err
	}
	return tx.audit(EntityXchgRecord, rid, ActionInsert, nil, xchgRecordRow{rid, gid, entity, id})
}

// localOf is the local id of a global id, 0 when this copy has no such record.
func (tx *Tx) localOf(entity, gid string) (int64, error) {
	var id int64
	err := tx.queryRow("SELECT local_id FROM xchg_records WHERE gid = ? AND entity = ?", gid, entity).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// xchgSyncRow is the change capture's state of one record towards one
// peer: base_hash is the version both agree on ("!…": the office insists
// on its version after rejecting a proposal), sent_hash the version sent
// in package sent_number and not yet confirmed.
type xchgSyncRow struct {
	ID         int64  `json:"id"`
	Peer       int64  `json:"peer"`
	GID        string `json:"gid"`
	BaseHash   string `json:"base_hash"`
	SentHash   string `json:"sent_hash"`
	SentNumber int    `json:"sent_number"`
	Refused    bool   `json:"refused"`
}

func (tx *Tx) syncRow(peer int64, gid string) (xchgSyncRow, error) {
	r := xchgSyncRow{Peer: peer, GID: gid}
	err := tx.queryRow("SELECT id, base_hash, sent_hash, sent_number, refused FROM xchg_sync WHERE peer = ? AND gid = ?", peer, gid).
		Scan(&r.ID, &r.BaseHash, &r.SentHash, &r.SentNumber, &r.Refused)
	if errors.Is(err, sql.ErrNoRows) {
		return r, nil
	}
	return r, err
}

func (tx *Tx) putSync(r xchgSyncRow) error {
	if r.ID == 0 {
		res, err := tx.exec("INSERT INTO xchg_sync(peer, gid, base_hash, sent_hash, sent_number, refused) VALUES (?,?,?,?,?,?)",
			r.Peer, r.GID, r.BaseHash, r.SentHash, r.SentNumber, r.Refused)
		if err != nil {
			return err
		}
		if r.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return tx.audit(EntityXchgSync, r.ID, ActionInsert, nil, r)
	}
	old, err := tx.syncRow(r.Peer, r.GID)
	if err != nil {
		return err
	}
	if old == r {
		return nil
	}
	if _, err := tx.exec("UPDATE xchg_sync SET base_hash = ?, sent_hash = ?, sent_number = ?, refused = ? WHERE id = ?",
		r.BaseHash, r.SentHash, r.SentNumber, r.Refused, r.ID); err != nil {
		return err
	}
	return tx.audit(EntityXchgSync, r.ID, ActionUpdate, old, r)
}

// confirm applies an acknowledgement: everything sent to peer in packages
// up to number ack is now the agreed version.
func (tx *Tx) confirm(peer int64, ack int) error {
	if ack < 1 {
		return nil
	}
	rows, err := tx.query("SELECT gid FROM xchg_sync WHERE peer = ? AND sent_number BETWEEN 1 AND ?", peer, ack)
	if err != nil {
		return err
	}
	var gids []string
	for rows.Next() {
		var g string
		if err := rows.Scan(&g); err != nil {
			rows.Close()
			return err
		}
		gids = append(gids, g)
	}
	rows.Close()
	for _, g := range gids {
		r, err := tx.syncRow(peer, g)
		if err != nil {
			return err
		}
		r.BaseHash, r.SentHash, r.SentNumber = r.SentHash, "", 0
		if err := tx.putSync(r); err != nil {
			return err
		}
	}
	return nil
}

// refusedGIDs are the peer's records this copy refused (to be sent again).
func (tx *Tx) refusedGIDs(peer int64) ([]string, error) {
	rows, err := tx.query("SELECT gid FROM xchg_sync WHERE peer = ? AND refused = 1 ORDER BY id", peer)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var g string
		if err := rows.Scan(&g); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// xchg is one package being made or applied.
type xchg struct {
	s          *Store
	tx         *Tx
	me         identityKeys
	peer       xchgPeer
	branchID   int64 // the branch concerned (local id)
	fromOffice bool  // the package is (or comes) from the office
	pkg        *openedPackage
	preview    bool
	note       string // a package made: its note in the history
}

func (x *xchg) formHash(h *xchgHandler, id int64) (map[string]any, string, error) {
	data, ok, err := h.form(x, id)
	if err != nil || !ok {
		return nil, "", err
	}
	b, err := canonJSON(data)
	if err != nil {
		return nil, "", err
	}
	return data, hashHex(b), nil
}

// changedRecords is the change capture: every record concerning the
// branch whose version differs from the one agreed with the peer (or
// that the office insists on), marked as sent in package number.
// Records with an open conflict wait until it is decided.
func (x *xchg) changedRecords(number int) ([]xRecord, []xFile, error) {
	var recs []xRecord
	var files []xFile
	seenFile := map[string]bool{}
	for _, h := range xchgHandlers() {
		if (x.fromOffice && !h.down) || (!x.fromOffice && !h.up) {
			continue
		}
		ids, err := h.scope(x)
		if err != nil {
			return nil, nil, err
		}
		more, err := x.tx.ids(`SELECT r.local_id FROM xchg_sync s JOIN xchg_records r ON r.gid = s.gid
			WHERE s.peer = ? AND r.entity = ? ORDER BY r.local_id`, x.peer.ID, h.entity)
		if err != nil {
			return nil, nil, err
		}
		seen := map[int64]bool{}
		for _, id := range append(ids, more...) {
			if seen[id] {
				continue
			}
			seen[id] = true
			data, hash, err := x.formHash(h, id)
			if err != nil {
				return nil, nil, err
			}
			if data == nil {
				continue
			}
			gid, err := x.gidOf(h.entity, id)
			if err != nil {
				return nil, nil, err
			}
			row, err := x.tx.syncRow(x.peer.ID, gid)
			if err != nil {
				return nil, nil, err
			}
			if hash == row.BaseHash {
				continue
			}
			if row.BaseHash == "" && row.SentHash == "" && (data["deleted"] == true || (h.leaveOut != nil && h.leaveOut(data))) {
				continue // never sent: a deleted record or a draft stays here
			}
			var open int
			if err := x.tx.queryRow("SELECT count(*) FROM xchg_conflicts WHERE peer = ? AND gid = ? AND status = ?",
				x.peer.ID, gid, ConflictOpen).Scan(&open); err != nil {
				return nil, nil, err
			}
			if open > 0 {
				continue
			}
			b, _ := canonJSON(data)
			recs = append(recs, xRecord{Entity: h.entity, GID: gid, Hash: hash, Force: strings.HasPrefix(row.BaseHash, "!"), Data: b})
			row.SentHash, row.SentNumber = hash, number
			if err := x.tx.putSync(row); err != nil {
				return nil, nil, err
			}
			for _, f := range recordFiles(data) {
				if seenFile[f.SHA256] {
					continue
				}
				seenFile[f.SHA256] = true
				fr, err := x.tx.syncRow(x.peer.ID, "file:"+f.SHA256)
				if err != nil {
					return nil, nil, err
				}
				if fr.BaseHash == f.SHA256 {
					continue // the peer confirmed having it
				}
				files = append(files, f)
				fr.SentHash, fr.SentNumber = f.SHA256, number
				if err := x.tx.putSync(fr); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	sortFiles(files)
	return recs, files, nil
}

// ---- export ----

type xchgPackageRow struct {
	ID        int64  `json:"id"`
	Direction string `json:"direction"`
	Peer      int64  `json:"peer"`
	Number    int    `json:"number"`
	Kind      string `json:"kind"`
	Manifest  string `json:"manifest"`
	FileName  string `json:"file_name"`
	SHA256    string `json:"sha256"`
	Carried   string `json:"carried"`
	Pending   int    `json:"pending"`
	Conflicts int    `json:"conflicts"`
	Note      string `json:"note"`
}

func (tx *Tx) insertPackage(p xchgPackageRow) (xchgPackageRow, error) {
	res, err := tx.exec(`INSERT INTO xchg_packages(direction, peer, number, kind, manifest, file_name, sha256, carried, pending, conflicts, note, created_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`, p.Direction, p.Peer, p.Number, p.Kind, p.Manifest, p.FileName, p.SHA256, p.Carried,
		p.Pending, p.Conflicts, p.Note, tx.at)
	if err != nil {
		return p, err
	}
	if p.ID, err = res.LastInsertId(); err != nil {
		return p, err
	}
	return p, tx.audit(EntityXchgPackage, p.ID, ActionInsert, nil, p)
}

func (tx *Tx) updatePackage(old, p xchgPackageRow) error {
	if old == p {
		return nil
	}
	if _, err := tx.exec(`UPDATE xchg_packages SET carried = ?, pending = ?, conflicts = ?, note = ? WHERE id = ?`,
		p.Carried, p.Pending, p.Conflicts, p.Note, p.ID); err != nil {
		return err
	}
	return tx.audit(EntityXchgPackage, p.ID, ActionUpdate, old, p)
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// ExportForBranch writes the office's next package for one branch to path
// (the file is complete or absent): the initial package (org tree, the
// branch's roster and minutes, the office's public key and a one-time
// trust code) while the branch's copy has not answered yet, later only
// what changed since the branch last confirmed. Office only.
func (s *Store) ExportForBranch(ctx context.Context, role Role, branchID int64, path string) (PackageInfo, error) {
	if err := role.OfficeOnly("为党支部制作交换包须由党总支办公室进行"); err != nil {
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
		peer, err := tx.branchPeer(branchID)
		if errors.Is(err, ErrNotFound) {
			peer = xchgPeer{Kind: CopyBranch, BranchID: branchID, Name: u.Name()}
		} else if err != nil {
			return err
		}
		out, err = s.exportForBranchTx(tx, me, u, peer, path, "")
		return err
	})
	if err != nil && out.SHA256 != "" {
		os.Remove(path) // written, but its number was not recorded
		out = PackageInfo{}
	}
	return out, err
}

// branchPeer is the office's current link to a branch: its pinned copy
// if it has one (also while a re-issued initial package waits for a new
// copy), else the invitation waiting for the branch's first package.
func (tx *Tx) branchPeer(branchID int64) (xchgPeer, error) {
	p, err := tx.peerWhere("kind = 'branch' AND branch_id = ? AND copy_id <> '' AND deleted_at IS NULL", branchID)
	if errors.Is(err, ErrNotFound) {
		return tx.peerWhere("kind = 'branch' AND branch_id = ? AND deleted_at IS NULL", branchID)
	}
	return p, err
}

// exportForBranchTx writes the office's next package for branch u to
// peer: the initial package while peer has no pinned copy (with its trust
// code, made here if it has none), else an update.
func (s *Store) exportForBranchTx(tx *Tx, me identityKeys, u OrgUnit, peer xchgPeer, path, note string) (PackageInfo, error) {
	kind := PackageUpdate
	if peer.CopyID == "" {
		kind = PackageBranchInit
		if peer.TrustCode == "" {
			peer.TrustCode = randomHex(16)
		}
	}
	peer.Name = u.Name()
	peer, err := tx.savePeer(peer)
	if err != nil {
		return PackageInfo{}, err
	}
	// This year's checklist goes with the package even if nobody has
	// opened it yet (items are made on first use).
	if err := tx.ensureYear(tx.today.Y); err != nil {
		return PackageInfo{}, err
	}
	x := &xchg{s: s, tx: tx, me: me, peer: peer, branchID: u.ID, fromOffice: true, note: note}
	bgid, err := x.gidOf(EntityOrgUnit, u.ID)
	if err != nil {
		return PackageInfo{}, err
	}
	content := xContent{BranchGID: bgid}
	if kind == PackageBranchInit {
		content.TrustCode = peer.TrustCode
	}
	return x.export(kind, peer.CopyID, peer.Name, u.Name(), content, path)
}

// ExportForOffice writes a branch copy's next package for the office to
// path: its minutes (submitted or reviewed) with attendance and
// attachments, proposed member changes — what changed since the office
// last confirmed. Branch copy only.
func (s *Store) ExportForOffice(ctx context.Context, role Role, path string) (PackageInfo, error) {
	var out PackageInfo
	err := s.Write(ctx, func(tx *Tx) error {
		me, err := tx.identity()
		if err != nil {
			return err
		}
		if me.Kind != CopyBranch {
			return &ValidationError{Errors: []FieldIssue{{"kind", "本机不是支部副本：党总支办公室请选择党支部制作交换包"}}}
		}
		if err := role.OwnBranch(me.BranchID, "制作交换包"); err != nil {
			return err
		}
		peer, err := tx.peerWhere("kind = 'office' AND deleted_at IS NULL")
		if err != nil {
			return err
		}
		x := &xchg{s: s, tx: tx, me: me, peer: peer, branchID: me.BranchID}
		bgid, err := x.gidOf(EntityOrgUnit, me.BranchID)
		if err != nil {
			return err
		}
		code, err := tx.setting(SettingXchgTrustCode)
		if err != nil {
			return err
		}
		out, err = x.export(PackageUpdate, peer.CopyID, peer.Name, me.BranchName, xContent{BranchGID: bgid, TrustCode: code}, path)
		return err
	})
	if err != nil && out.SHA256 != "" {
		os.Remove(path) // written, but its number was not recorded
		out = PackageInfo{}
	}
	return out, err
}

func (x *xchg) export(kind, to, toName, branch string, content xContent, path string) (PackageInfo, error) {
	tx := x.tx
	number, err := tx.lastNumber(PackageSent, x.peer.ID)
	if err != nil {
		return PackageInfo{}, err
	}
	number++
	ack, err := tx.lastNumber(PackageReceived, x.peer.ID)
	if err != nil {
		return PackageInfo{}, err
	}
	recs, files, err := x.changedRecords(number)
	if err != nil {
		return PackageInfo{}, err
	}
	counts := map[string]int{}
	for _, r := range recs {
		counts[r.Entity]++
	}
	if len(files) > 0 {
		counts["files"] = len(files)
	}
	fromName := "党总支办公室"
	if x.me.Kind == CopyBranch {
		fromName = x.me.BranchName
	}
	orgName := x.me.OrgName
	if x.me.Kind == CopyOffice {
		if n := tx.rootName(); n != "" {
			orgName = n
		}
	}
	made, _ := time.Parse(time.RFC3339Nano, tx.at)
	man := Manifest{Format: xchgFormat, Kind: kind, OrgID: x.me.OrgID, OrgName: orgName, From: x.me.CopyID, FromName: fromName,
		FromKind: x.me.Kind, To: to, ToName: toName, Branch: branch, Number: number, Ack: ack, Made: made.Truncate(time.Second), Counts: counts}
	content.OrgID = x.me.OrgID
	content.PublicKey = base64.StdEncoding.EncodeToString(x.me.pub)
	content.Records, content.Files = recs, files
	if content.Refused, err = x.tx.refusedGIDs(x.peer.ID); err != nil {
		return PackageInfo{}, err
	}
	if content.Records == nil {
		content.Records = []xRecord{}
	}
	if content.Files == nil {
		content.Files = []xFile{}
	}
	if x.me.priv == nil {
		return PackageInfo{}, errors.New("本机的签名密钥缺失，无法制作交换包")
	}
	sum, err := writePackage(path, man, content, x.me.priv, func(sha string) (string, error) {
		var stored string
		err := tx.queryRow("SELECT stored_name FROM attachments WHERE sha256 = ? ORDER BY deleted_at IS NOT NULL, id LIMIT 1", sha).Scan(&stored)
		if err != nil {
			return "", fmt.Errorf("附件文件 %s 在本机找不到", shortHash(sha))
		}
		return filepath.Join(x.s.AttachmentDir(), stored), nil
	})
	if err != nil {
		return PackageInfo{}, err
	}
	row, err := tx.insertPackage(xchgPackageRow{Direction: PackageSent, Peer: x.peer.ID, Number: number, Kind: kind,
		Manifest: jsonText(man), FileName: filepath.Base(path), SHA256: sum, Carried: jsonText(counts), Note: x.note})
	if err != nil {
		os.Remove(path)
		return PackageInfo{}, err
	}
	return PackageInfo{ID: row.ID, Direction: PackageSent, Manifest: man, At: made, File: row.FileName, SHA256: sum,
		Carried: counts, Note: x.note, Operator: tx.operator}, nil
}

// NextPackageFileName is the suggested file name of the next package
// this copy makes: on the office for branch branchID, on a branch copy
// for the office (branchID is then ignored).
func (s *Store) NextPackageFileName(ctx context.Context, branchID int64) (string, error) {
	var out string
	err := s.readTx(ctx, func(tx *Tx) error {
		me, err := tx.identity()
		if err != nil {
			return err
		}
		var peer xchgPeer
		from, to := "党总支办公室", ""
		if me.Kind == CopyBranch {
			from, to = me.BranchName, "党总支办公室"
			peer, err = tx.peerWhere("kind = 'office' AND deleted_at IS NULL")
		} else {
			u, uerr := tx.loadUnit(branchID)
			if uerr != nil {
				return uerr
			}
			to = u.Name()
			peer, err = tx.branchPeer(branchID)
		}
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		n, err := tx.lastNumber(PackageSent, peer.ID)
		out = packageFileName(from, to, n+1)
		return err
	})
	return out, err
}

// ---- import ----

var errPreviewDone = errors.New("preview: roll back")

// PreviewPackage reads and checks a package and says exactly what
// ImportPackage would change, changing nothing. A package that would be
// refused comes back with Refused set (and a nil error); the error is for
// a file that cannot be read at all.
func (s *Store) PreviewPackage(ctx context.Context, path string) (ImportPreview, error) {
	p, err := openPackage(path)
	if err != nil {
		if r := RefusalReason(err); r != "" {
			return ImportPreview{Refused: r}, nil
		}
		return ImportPreview{}, err
	}
	defer p.Close()
	prev, _, err := s.importTx(ctx, s.Role(ctx), p, true)
	if r := RefusalReason(err); r != "" {
		return ImportPreview{Manifest: p.man, Refused: r}, nil
	}
	return prev, err
}

// ImportPackage applies a package all or nothing, in one transaction. A
// refused package returns a *PackageRefusedError (errors.Is
// ErrPackageRefused) and changes nothing; a package imported before
// changes nothing and comes back with DuplicatePackage. An initial branch
// package into an empty database makes this a branch copy.
func (s *Store) ImportPackage(ctx context.Context, role Role, path string) (ImportResult, error) {
	p, err := openPackage(path)
	if err != nil {
		return ImportResult{}, err
	}
	defer p.Close()
	prev, _, err := s.importTx(ctx, role, p, true)
	if err != nil {
		return ImportResult{}, err
	}
	if prev.DuplicatePackage {
		return ImportResult{Applied: map[string]int{}, Conflicts: []ConflictSummary{}, DuplicatePackage: true, Manifest: p.man,
			Gap: prev.Gap}, nil
	}
	// Attachment files go into storage first (named by content: a file
	// left by an interrupted import is harmless and reused).
	for _, r := range p.content.Records {
		data, err := decodeMap(r.Data)
		if err != nil {
			continue
		}
		for _, f := range recordFileNames(data) {
			dest := filepath.Join(s.AttachmentDir(), f[1])
			if fileExists(dest) || !p.hasFile(f[0]) {
				continue
			}
			if err := p.extractFile(f[0], dest); err != nil {
				return ImportResult{}, err
			}
		}
	}
	_, res, err := s.importTx(ctx, role, p, false)
	res.Files = prev.Files
	return res, err
}

// importTx checks and applies p in one write transaction; a preview rolls
// it back.
func (s *Store) importTx(ctx context.Context, role Role, p *openedPackage, preview bool) (ImportPreview, ImportResult, error) {
	prev := ImportPreview{Manifest: p.man, Changes: []EntityChange{}, Conflicts: []ConflictSummary{}, Refusals: []Refusal{}, Items: []PreviewItem{}}
	res := ImportResult{Applied: map[string]int{}, Conflicts: []ConflictSummary{}, Manifest: p.man}
	err := s.Write(ctx, func(tx *Tx) error {
		x := &xchg{s: s, tx: tx, pkg: p, preview: preview}
		if err := x.checkAndApply(role, &prev, &res); err != nil {
			return err
		}
		if preview {
			return errPreviewDone
		}
		return nil
	})
	if errors.Is(err, errPreviewDone) {
		err = nil
	}
	return prev, res, err
}

func (x *xchg) checkAndApply(role Role, prev *ImportPreview, res *ImportResult) error {
	tx, man, content := x.tx, x.pkg.man, x.pkg.content
	me, err := tx.identity()
	if err != nil {
		return err
	}
	x.me = me
	become := false
	keyText := base64.StdEncoding.EncodeToString(x.pkg.pub)
	switch {
	case man.Kind == PackageBranchInit && !me.IsSet():
		if err := tx.emptyForBranch(); err != nil {
			return refused("%s", err.Error())
		}
		if man.FromKind != CopyOffice {
			return refused("支部初始包只能由党总支办公室发出")
		}
		become = true
	case man.Kind != PackageBranchInit && man.Kind != PackageUpdate:
		return refused("交换包类型“%s”不受支持", man.Kind)
	case !me.IsSet():
		return refused("本机尚未建立数据交换身份：党支部的新数据库须先导入党总支办公室发来的支部初始包")
	case man.OrgID != me.OrgID:
		return refused("此交换包属于另一个组织（%s），与本机所属组织（%s）不符，不能导入", orDash(man.OrgName), orDash(me.OrgName))
	case man.Kind == PackageBranchInit && me.Kind == CopyOffice:
		return refused("这是发给党支部的初始交换包，应在党支部的电脑上导入新建的数据库，不能导入党总支办公室的数据库")
	case man.From == me.CopyID:
		return refused("这是本机自己发出的交换包，应在对方电脑上导入")
	case man.Kind == PackageUpdate && man.To != me.CopyID:
		return refused("此交换包是发给“%s”（副本 %s）的，不是发给本机（副本 %s）的", orDash(man.ToName), orDash(man.To), me.CopyID)
	case me.Kind == CopyOffice && man.FromKind != CopyBranch, me.Kind == CopyBranch && man.FromKind != CopyOffice:
		return refused("此交换包来自“%s”，本机只接收%s发来的交换包", orDash(man.FromName), map[bool]string{true: "党支部", false: "党总支办公室"}[me.Kind == CopyOffice])
	}
	if become {
		id, err := tx.newIdentity(man.OrgID, man.OrgName, CopyBranch)
		if err != nil {
			return err
		}
		x.me = id
		if content.TrustCode != "" {
			if err := tx.SetSetting(SettingXchgTrustCode, content.TrustCode); err != nil {
				return err
			}
		}
		if x.peer, err = tx.savePeer(xchgPeer{CopyID: man.From, Kind: CopyOffice, Name: man.FromName, PublicKey: keyText, PinnedAt: tx.at}); err != nil {
			return err
		}
		prev.BecomesBranch, res.BecameBranch = true, true
	} else {
		peer, err := tx.peerWhere("copy_id = ? AND deleted_at IS NULL", man.From)
		if errors.Is(err, ErrNotFound) && me.Kind == CopyOffice {
			// A branch copy the office replaced (a re-issued initial package).
			if why, rerr := tx.replacedCopyReason(man.From); rerr != nil {
				return rerr
			} else if why != "" {
				return refused("%s", why)
			}
		}
		switch {
		case err == nil:
			if peer.PublicKey != keyText {
				return refused("“%s”（副本 %s）的签名密钥与本机登记的不符（包中指纹 %s，登记 %s），可能是伪造的交换包",
					orDash(man.FromName), man.From, fingerprint(x.pkg.pub), peerFingerprint(peer))
			}
		case errors.Is(err, ErrNotFound) && me.Kind == CopyOffice && content.TrustCode != "":
			// A branch copy's first package: pinned by the one-time code of
			// its initial package.
			bid, err := tx.localOf(EntityOrgUnit, content.BranchGID)
			if err != nil {
				return err
			}
			peer, err = tx.peerWhere("kind = 'branch' AND branch_id = ? AND copy_id = '' AND trust_code = ? AND deleted_at IS NULL", bid, content.TrustCode)
			if errors.Is(err, ErrNotFound) {
				return refused("来自未登记的副本（%s，副本 %s）：信任码不符或已使用，本机不接收", orDash(man.FromName), man.From)
			} else if err != nil {
				return err
			}
			peer.CopyID, peer.PublicKey, peer.TrustCode, peer.PinnedAt = man.From, keyText, "", tx.at
			if peer, err = tx.savePeer(peer); err != nil {
				return err
			}
			// A re-issued initial package: the new copy replaces the old.
			if prev.ReplacedCopy, err = tx.retireBranchCopies(peer); err != nil {
				return err
			}
			res.ReplacedCopy = prev.ReplacedCopy
		case errors.Is(err, ErrNotFound):
			return refused("来自未登记的副本（%s，副本 %s），本机不认识，不能导入", orDash(man.FromName), man.From)
		default:
			return err
		}
		x.peer = peer
	}
	x.fromOffice = man.FromKind == CopyOffice
	if me.Kind == CopyOffice {
		x.branchID = x.peer.BranchID
		if bid, _ := tx.localOf(EntityOrgUnit, content.BranchGID); bid != x.branchID {
			return refused("交换包所属的党支部与发出副本登记的党支部不符")
		}
	} else if !become {
		x.branchID = me.BranchID
	}
	// The role: the office imports at the office; a branch copy as itself.
	if me.Kind == CopyOffice {
		if err := role.OfficeOnly("导入党支部的交换包"); err != nil {
			return err
		}
	} else if me.Kind == CopyBranch {
		if err := role.OwnBranch(me.BranchID, "导入交换包"); err != nil {
			return err
		}
	}
	// Numbering.
	last, err := tx.lastNumber(PackageReceived, x.peer.ID)
	if err != nil {
		return err
	}
	var have int
	if err := tx.queryRow("SELECT count(*) FROM xchg_packages WHERE direction = 'received' AND peer = ? AND number = ?", x.peer.ID, man.Number).Scan(&have); err != nil {
		return err
	}
	if have > 0 || man.Number <= last {
		prev.DuplicatePackage, res.DuplicatePackage = true, true
		return nil
	}
	if man.Number > last+1 {
		skipped := strconv.Itoa(last + 1)
		if man.Number > last+2 {
			skipped += " 至 " + strconv.Itoa(man.Number-1)
		}
		prev.Gap = fmt.Sprintf("缺少%s发来的第 %s 号交换包（本机已导入至第 %d 号）；本包已包含对方尚未确认收到的全部内容，缺少的包无需补导", orDash(man.FromName), skipped, last)
		res.Gap = prev.Gap
	}
	// Every applied change is logged with its origin.
	tx.operator = fmt.Sprintf("%s（交换包：%s 副本 %s 第 %d 号）", tx.operator, man.FromName, man.From, man.Number)
	if err := tx.confirm(x.peer.ID, man.Ack); err != nil {
		return err
	}
	// What the peer refused goes again with the next package.
	for _, g := range content.Refused {
		r, err := tx.syncRow(x.peer.ID, g)
		if err != nil {
			return err
		}
		if r.ID != 0 && r.SentHash == "" && r.BaseHash != "" {
			r.BaseHash = ""
			if err := tx.putSync(r); err != nil {
				return err
			}
		}
	}
	if x.me.Kind == CopyBranch && man.Ack >= 1 {
		if err := tx.SetSetting(SettingXchgTrustCode, ""); err != nil {
			return err
		}
	}
	row, err := tx.insertPackage(xchgPackageRow{Direction: PackageReceived, Peer: x.peer.ID, Number: man.Number, Kind: man.Kind,
		Manifest: string(x.pkg.manBytes), FileName: x.pkg.name, SHA256: x.pkg.sha, Carried: "{}", Note: prev.Gap})
	if err != nil {
		return err
	}
	res.PackageID = row.ID
	if err := x.applyRecords(row.ID, prev, res); err != nil {
		return err
	}
	if become {
		bid, err := tx.localOf(EntityOrgUnit, content.BranchGID)
		if err != nil {
			return err
		}
		if bid == 0 {
			return refused("支部初始包中缺少本支部的组织信息")
		}
		x.me.BranchID = bid
		if err := tx.SetSetting(SettingXchgBranch, strconv.FormatInt(bid, 10)); err != nil {
			return err
		}
		if err := tx.SetSetting(SettingRole, "branch:"+strconv.FormatInt(bid, 10)); err != nil {
			return err
		}
		if err := tx.SetSetting(SettingXchgOrgName, man.OrgName); err != nil {
			return err
		}
	}
	newRow := row
	newRow.Carried, newRow.Pending, newRow.Conflicts = jsonText(res.Applied), res.Pending, len(res.Conflicts)
	if prev.ReplacedCopy != "" {
		newRow.Note = strings.TrimPrefix(newRow.Note+"；新副本，替换了旧副本 "+prev.ReplacedCopy, "；")
	}
	return tx.updatePackage(row, newRow)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func peerFingerprint(p xchgPeer) string {
	pub, _ := base64.StdEncoding.DecodeString(p.PublicKey)
	return fingerprint(pub)
}

// applyRecords applies each record by the merge rules (docs/exchange.md).
func (x *xchg) applyRecords(packageID int64, prev *ImportPreview, res *ImportResult) error {
	tx := x.tx
	changes := map[string]*EntityChange{}
	change := func(entity string) *EntityChange {
		c := changes[entity]
		if c == nil {
			c = &EntityChange{Entity: entity, Label: EntityLabel(entity)}
			changes[entity] = c
		}
		return c
	}
	filesNew := map[string]bool{}
	for _, rec := range x.pkg.content.Records {
		h := xchgHandlerOf(rec.Entity)
		data, err := decodeMap(rec.Data)
		if err != nil {
			return refused("交换包中的记录无法读取")
		}
		cb, _ := canonBytes(rec.Data)
		if hashHex(cb) != rec.Hash {
			return refused("交换包中的记录与其校验值不符")
		}
		if h == nil || (x.fromOffice && !h.down) || (!x.fromOffice && !h.up) {
			prev.Refusals = append(prev.Refusals, Refusal{Entity: rec.Entity, Name: rec.GID, Reason: "本机不接收对方发来的此类数据"})
			prev.Items = append(prev.Items, PreviewItem{Entity: rec.Entity, Label: EntityLabel(rec.Entity), Name: rec.GID, Action: ItemRefused, Detail: "本机不接收对方发来的此类数据"})
			continue
		}
		name := h.name(data)
		item := func(action, detail string) {
			prev.Items = append(prev.Items, PreviewItem{Entity: h.entity, Label: EntityLabel(h.entity), Name: name, Action: action, Detail: detail})
		}
		localID, err := tx.localOf(h.entity, rec.GID)
		if err != nil {
			return err
		}
		if localID == 0 && h.adopt != nil && !(h.entity == EntityMember && !x.fromOffice) {
			if localID, err = h.adopt(x, data); err != nil {
				return err
			}
			if localID != 0 {
				if err := tx.mapGID(h.entity, rec.GID, localID); err != nil {
					return err
				}
			}
		}
		var local map[string]any
		L := ""
		if localID != 0 {
			if local, L, err = x.formHash(h, localID); err != nil {
				return err
			}
		}
		row, err := tx.syncRow(x.peer.ID, rec.GID)
		if err != nil {
			return err
		}
		I, B := rec.Hash, row.BaseHash
		// A refusal that may resolve is named in this copy's next package,
		// and the sender sends the record again; one that cannot change
		// (forbidden by the rules of the direction) is acknowledged like
		// any record received, so it is not sent again until it changes.
		refuse := func(why string, final bool) error {
			prev.Refusals = append(prev.Refusals, Refusal{Entity: h.entity, Name: name, Reason: why, Final: final})
			if final {
				item(ItemRefused, why+finalNote)
			} else {
				item(ItemRefused, why)
			}
			row.Refused = !final
			return tx.putSync(row)
		}
		setBase := func() error {
			row.BaseHash, row.SentHash, row.SentNumber, row.Refused = I, "", 0, false
			return tx.putSync(row)
		}
		// A branch's member changes wait at the office, one by one.
		if (h.entity == EntityMember || h.entity == EntityEvent) && !x.fromOffice {
			if I == L || I == B {
				prev.Duplicates++
				item(ItemDuplicate, "")
				continue
			}
			if err := x.propose(packageID, h.entity, rec.GID, localID, name, rec.Data); err != nil {
				return err
			}
			prev.Pending++
			detail := "新党员"
			if h.entity == EntityEvent {
				detail = "新登记的事项"
			} else if localID != 0 {
				var fields []string
				for _, f := range changedOnly(fieldPairs(h.entity, tx.localForm(h.entity, local), tx.localForm(h.entity, data), nil)) {
					fields = append(fields, f.Label)
				}
				detail = "变更：" + strings.Join(fields, "、")
			}
			item(ItemPending, detail)
			continue
		}
		// An open conflict takes the newer incoming version.
		var cid int64
		err = tx.queryRow("SELECT id FROM xchg_conflicts WHERE peer = ? AND gid = ? AND status = ?", x.peer.ID, rec.GID, ConflictOpen).Scan(&cid)
		if err == nil {
			if err := x.updateConflict(cid, rec); err != nil {
				return err
			}
			prev.Conflicts = append(prev.Conflicts, ConflictSummary{h.entity, EntityLabel(h.entity), name})
			item(ItemConflict, "此记录已有未处理的冲突，更新其中交换包的版本")
			continue
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if h.refuse != nil && I != L {
			if why := h.refuse(x, localID, local, data); why != nil {
				if err := refuse(why.Error(), errors.Is(why, ErrForbidden)); err != nil {
					return err
				}
				continue
			}
		}
		authoritative := rec.Force || (x.fromOffice && h.entity == EntityOrgUnit) || (!x.fromOffice && h.branchAuthoritative)
		switch {
		case I == L:
			prev.Duplicates++
			item(ItemDuplicate, "")
			if err := setBase(); err != nil {
				return err
			}
			continue
		case localID != 0 && L != B && !authoritative && I == B:
			prev.Duplicates++ // the peer resent the agreed version; ours travels back
			item(ItemDuplicate, "本机的修改将随下一个交换包发回")
			continue
		case localID != 0 && L != B && !authoritative:
			if err := x.newConflict(packageID, h, rec, localID, name, local); err != nil {
				return err
			}
			prev.Conflicts = append(prev.Conflicts, ConflictSummary{h.entity, EntityLabel(h.entity), name})
			item(ItemConflict, "双方都修改过，两个版本都保留，等待处理")
			continue
		}
		// Apply, inside a savepoint so a refused record leaves nothing.
		missing := ""
		for _, f := range recordFileNames(data) {
			if fileExists(filepath.Join(x.s.AttachmentDir(), f[1])) {
				continue
			}
			if x.preview && x.pkg.hasFile(f[0]) {
				filesNew[f[0]] = true
				continue
			}
			missing = f[1]
		}
		if missing != "" {
			if err := refuse("附件文件缺失（"+shortHash(missing)+"），请让对方重新制作交换包", false); err != nil {
				return err
			}
			continue
		}
		if _, err := tx.exec("SAVEPOINT xchg_record"); err != nil {
			return err
		}
		newID, err := h.apply(x, localID, data)
		if err == nil && localID == 0 && newID != 0 {
			err = tx.mapGID(h.entity, rec.GID, newID)
		}
		if err == nil {
			err = setBase()
		}
		if err != nil {
			if _, rerr := tx.exec("ROLLBACK TO xchg_record"); rerr != nil {
				return rerr
			}
			tx.exec("RELEASE xchg_record")
			if IsFileError(friendly(err)) || tx.ctx.Err() != nil {
				return err
			}
			why := err.Error()
			var ve *ValidationError
			var ur errUnknownRef
			var fe *ForbiddenError
			if !errors.As(err, &ve) && !errors.As(err, &ur) && !errors.As(err, &fe) && !errors.Is(err, ErrNotFound) {
				why = "无法写入本机：" + why
			}
			if err := refuse(why, errors.As(err, &fe)); err != nil {
				return err
			}
			continue
		}
		if _, err := tx.exec("RELEASE xchg_record"); err != nil {
			return err
		}
		detail := ""
		if st := mapStr(data, "status"); h.entity == EntityMeeting && local != nil && mapStr(local, "status") != st {
			detail = mapStr(local, "status") + " → " + st
			if c := mapStr(data, "review_comment"); c != "" && st == StatusReturned {
				detail += "（" + shorten(c, 30) + "）"
			}
		}
		if localID == 0 {
			if newID != 0 {
				change(h.entity).New++
				item(ItemNew, detail)
			}
		} else {
			change(h.entity).Updated++
			item(ItemUpdate, detail)
		}
	}
	for _, h := range xchgHandlers() {
		if c := changes[h.entity]; c != nil {
			prev.Changes = append(prev.Changes, *c)
			res.Applied[h.entity] = c.New + c.Updated
		}
	}
	prev.Files = len(filesNew)
	res.Pending, res.Conflicts, res.Duplicates, res.Refusals = prev.Pending, prev.Conflicts, prev.Duplicates, prev.Refusals
	return nil
}
