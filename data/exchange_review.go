package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"
)

// Pending member changes, conflicts and the package history: what an
// import kept for people to decide, and what travelled.

type xchgPendingRow struct {
	ID        int64  `json:"id"`
	PackageID int64  `json:"package_id"`
	Peer      int64  `json:"peer"`
	Entity    string `json:"entity"`
	GID       string `json:"gid"`
	MemberID  int64  `json:"member_id"`
	Name      string `json:"name"`
	Proposed  string `json:"proposed"`
	Status    string `json:"status"`
	Reason    string `json:"reason"`
	DecidedBy string `json:"decided_by"`
	DecidedAt string `json:"decided_at"`
}

const pendingCols = "id, package_id, peer, entity, gid, member_id, name, proposed, status, reason, decided_by, decided_at"

func scanPending(sc interface{ Scan(...any) error }) (xchgPendingRow, error) {
	var r xchgPendingRow
	err := sc.Scan(&r.ID, &r.PackageID, &r.Peer, &r.Entity, &r.GID, &r.MemberID, &r.Name, &r.Proposed, &r.Status, &r.Reason, &r.DecidedBy, &r.DecidedAt)
	return r, err
}

func (tx *Tx) savePending(old *xchgPendingRow, r xchgPendingRow) error {
	if old == nil {
		res, err := tx.exec(`INSERT INTO xchg_pending(package_id, peer, entity, gid, member_id, name, proposed, status, reason, decided_by, decided_at, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`, r.PackageID, r.Peer, r.Entity, r.GID, r.MemberID, r.Name, r.Proposed, r.Status, r.Reason, r.DecidedBy, r.DecidedAt, tx.at, tx.at)
		if err != nil {
			return err
		}
		if r.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return tx.audit(EntityXchgPending, r.ID, ActionInsert, nil, r)
	}
	if *old == r {
		return nil
	}
	if _, err := tx.exec(`UPDATE xchg_pending SET package_id=?, member_id=?, name=?, proposed=?, status=?, reason=?, decided_by=?, decided_at=?, updated_at=? WHERE id=?`,
		r.PackageID, r.MemberID, r.Name, r.Proposed, r.Status, r.Reason, r.DecidedBy, r.DecidedAt, tx.at, r.ID); err != nil {
		return err
	}
	return tx.audit(EntityXchgPending, r.ID, ActionUpdate, *old, r)
}

// propose keeps a branch's version of a member as a 待确认 change (one open
// change per member and branch: a newer proposal replaces the older).
func (x *xchg) propose(packageID int64, entity, gid string, memberID int64, name string, data json.RawMessage) error {
	old, err := scanPending(x.tx.queryRow("SELECT "+pendingCols+" FROM xchg_pending WHERE peer = ? AND gid = ? AND status = ?", x.peer.ID, gid, PendingOpen))
	if entity == EntityEvent {
		// An event's member, for the list (0: one this copy lacks).
		if d, err := decodeMap(data); err == nil {
			memberID, _ = x.tx.localOf(EntityMember, mapStr(d, "member_id"))
		}
	}
	r := xchgPendingRow{PackageID: packageID, Peer: x.peer.ID, Entity: entity, GID: gid, MemberID: memberID, Name: name,
		Proposed: string(data), Status: PendingOpen}
	if errors.Is(err, sql.ErrNoRows) {
		return x.tx.savePending(nil, r)
	} else if err != nil {
		return err
	}
	r.ID = old.ID
	return x.tx.savePending(&old, r)
}

type xchgConflictRow struct {
	ID           int64  `json:"id"`
	PackageID    int64  `json:"package_id"`
	Peer         int64  `json:"peer"`
	Entity       string `json:"entity"`
	GID          string `json:"gid"`
	LocalID      int64  `json:"local_id"`
	Name         string `json:"name"`
	Local        string `json:"local"`
	Incoming     string `json:"incoming"`
	IncomingHash string `json:"incoming_hash"`
	Status       string `json:"status"`
	Kept         string `json:"kept"`
	DecidedBy    string `json:"decided_by"`
	DecidedAt    string `json:"decided_at"`
}

const conflictCols = "id, package_id, peer, entity, gid, local_id, name, local, incoming, incoming_hash, status, kept, decided_by, decided_at"

func scanConflict(sc interface{ Scan(...any) error }) (xchgConflictRow, error) {
	var r xchgConflictRow
	err := sc.Scan(&r.ID, &r.PackageID, &r.Peer, &r.Entity, &r.GID, &r.LocalID, &r.Name, &r.Local, &r.Incoming, &r.IncomingHash, &r.Status, &r.Kept, &r.DecidedBy, &r.DecidedAt)
	return r, err
}

func (tx *Tx) saveConflict(old *xchgConflictRow, r xchgConflictRow) error {
	if old == nil {
		res, err := tx.exec(`INSERT INTO xchg_conflicts(package_id, peer, entity, gid, local_id, name, local, incoming, incoming_hash, status, kept, decided_by, decided_at, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, r.PackageID, r.Peer, r.Entity, r.GID, r.LocalID, r.Name, r.Local, r.Incoming, r.IncomingHash, r.Status, r.Kept, r.DecidedBy, r.DecidedAt, tx.at, tx.at)
		if err != nil {
			return err
		}
		if r.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return tx.audit(EntityXchgConflict, r.ID, ActionInsert, nil, r)
	}
	if *old == r {
		return nil
	}
	if _, err := tx.exec(`UPDATE xchg_conflicts SET package_id=?, name=?, local=?, incoming=?, incoming_hash=?, status=?, kept=?, decided_by=?, decided_at=?, updated_at=? WHERE id=?`,
		r.PackageID, r.Name, r.Local, r.Incoming, r.IncomingHash, r.Status, r.Kept, r.DecidedBy, r.DecidedAt, tx.at, r.ID); err != nil {
		return err
	}
	return tx.audit(EntityXchgConflict, r.ID, ActionUpdate, *old, r)
}

func (x *xchg) newConflict(packageID int64, h *xchgHandler, rec xRecord, localID int64, name string, local map[string]any) error {
	lb, err := canonJSON(local)
	if err != nil {
		return err
	}
	return x.tx.saveConflict(nil, xchgConflictRow{PackageID: packageID, Peer: x.peer.ID, Entity: h.entity, GID: rec.GID, LocalID: localID,
		Name: name, Local: string(lb), Incoming: string(rec.Data), IncomingHash: rec.Hash, Status: ConflictOpen})
}

func (x *xchg) updateConflict(id int64, rec xRecord) error {
	old, err := scanConflict(x.tx.queryRow("SELECT "+conflictCols+" FROM xchg_conflicts WHERE id = ?", id))
	if err != nil {
		return err
	}
	r := old
	r.Incoming, r.IncomingHash = string(rec.Data), rec.Hash
	return x.tx.saveConflict(&old, r)
}

func (tx *Tx) decider() string {
	if tx.signer != "" {
		return tx.signer
	}
	return tx.operator
}

// ---- reading for people ----

// localForm turns an exchanged form's references (global ids) into this
// copy's ids where it has the records, for showing by name.
func (tx *Tx) localForm(entity string, data map[string]any) map[string]any {
	e := EntityOf(entity)
	if e == nil {
		return data
	}
	out := cloneMap(data)
	var fix func(fields []Field, m map[string]any)
	fix = func(fields []Field, m map[string]any) {
		for _, f := range fields {
			switch f.Kind {
			case KindRef:
				if g, ok := m[f.Key].(string); ok {
					id, _ := tx.localOf(f.Ref, g)
					m[f.Key] = json.Number(formatInt(id))
				}
			case KindList:
				list, _ := m[f.Key].([]any)
				cp := make([]any, len(list))
				for i, el := range list {
					if em, ok := el.(map[string]any); ok {
						em = cloneMap(em)
						fix(f.Sub, em)
						cp[i] = em
					} else {
						cp[i] = el
					}
				}
				m[f.Key] = cp
			}
		}
	}
	fix(e.Fields, out)
	return out
}

func formatInt(n int64) string { return strconv.FormatInt(n, 10) }

// fieldPairs lists an entity's fields in two versions, labelled and
// formatted by the registry.
func fieldPairs(entity string, left, right map[string]any, names *AuditNames) []FieldPair {
	e := EntityOf(entity)
	if e == nil {
		return nil
	}
	var out []FieldPair
	add := func(key, label, l, r string) {
		out = append(out, FieldPair{Key: key, Label: label, Left: l, Right: r, Differs: l != r})
	}
	for _, f := range e.Fields {
		if f.Kind == KindInternal {
			continue
		}
		var l, r string
		if left != nil {
			l = names.FormatValue(f, left[f.Key])
		}
		if right != nil {
			r = names.FormatValue(f, right[f.Key])
		}
		add(f.Key, f.Label, l, r)
	}
	files := func(m map[string]any) string {
		list, _ := m["attachments"].([]any)
		var s []string
		for _, a := range list {
			if am, ok := a.(map[string]any); ok {
				s = append(s, mapStr(am, "file_name"))
			}
		}
		return strings.Join(s, "、")
	}
	if _, ok := right["attachments"]; ok {
		add("attachments", "附件", files(left), files(right))
	}
	del := func(m map[string]any) string {
		if m == nil {
			return ""
		}
		if m["deleted"] == true {
			return "是"
		}
		return "否"
	}
	if left != nil && right != nil && del(left) != del(right) {
		add("deleted", "已删除", del(left), del(right))
	}
	return out
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// PendingChanges lists member changes proposed by branches, with status
// ("" for all, PendingOpen for those waiting), newest first.
func (s *Store) PendingChanges(ctx context.Context, status string) ([]PendingChange, error) {
	names, err := s.AuditNames(ctx)
	if err != nil {
		return nil, err
	}
	var out []PendingChange
	err = s.readTx(ctx, func(tx *Tx) error {
		var list []xchgPendingRow
		var at []string
		err := tx.eachByStatus("xchg_pending", pendingCols, status, func(rows *sql.Rows) error {
			var r xchgPendingRow
			var created string
			if err := rows.Scan(&r.ID, &r.PackageID, &r.Peer, &r.Entity, &r.GID, &r.MemberID, &r.Name, &r.Proposed, &r.Status, &r.Reason, &r.DecidedBy, &r.DecidedAt, &created); err != nil {
				return err
			}
			list = append(list, r)
			at = append(at, created)
			return nil
		})
		if err != nil {
			return err
		}
		for i, r := range list {
			p := PendingChange{ID: r.ID, PackageID: r.PackageID, Entity: r.Entity, Label: EntityLabel(r.Entity), Name: r.Name,
				Status: r.Status, Reason: r.Reason, DecidedBy: r.DecidedBy, DecidedAt: parseTime(r.DecidedAt), At: parseTime(at[i])}
			if peer, err := tx.peerWhere("id = ?", r.Peer); err == nil {
				p.BranchName = peer.Name
			}
			proposed, err := decodeMap([]byte(r.Proposed))
			if err != nil {
				return err
			}
			if r.Entity == EntityEvent {
				p.MemberID, _ = tx.localOf(EntityMember, mapStr(proposed, "member_id"))
			} else {
				p.MemberID, _ = tx.localOf(EntityMember, r.GID)
			}
			var current map[string]any
			if p.MemberID != 0 && r.Entity == EntityMember {
				x := &xchg{tx: tx}
				if current, _, err = xchgMembers.form(x, p.MemberID); err != nil {
					return err
				}
				current = tx.localForm(EntityMember, current)
			}
			p.Fields = changedOnly(fieldPairs(r.Entity, current, tx.localForm(r.Entity, proposed), names))
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// changedOnly keeps the fields that differ (a proposal lists what changes).
func changedOnly(list []FieldPair) []FieldPair {
	var out []FieldPair
	for _, f := range list {
		if f.Differs {
			out = append(out, f)
		}
	}
	return out
}

func (tx *Tx) loadPending(id int64) (xchgPendingRow, error) {
	r, err := scanPending(tx.queryRow("SELECT "+pendingCols+" FROM xchg_pending WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	if err == nil && r.Status != PendingOpen {
		return r, &ValidationError{Errors: []FieldIssue{{"status", "此变更已" + strings.TrimPrefix(r.Status, "已") + "，不能再处理"}}}
	}
	return r, err
}

// AcceptPending applies one proposed member change to the office's
// record (audited, with the proposing copy named). Office only.
func (s *Store) AcceptPending(ctx context.Context, role Role, id int64) error {
	if err := role.OfficeOnly("党员信息变更须由党总支办公室确认"); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		r, err := tx.loadPending(id)
		if err != nil {
			return err
		}
		peer, err := tx.peerWhere("id = ?", r.Peer)
		if err != nil {
			return err
		}
		me, err := tx.identity()
		if err != nil {
			return err
		}
		data, err := decodeMap([]byte(r.Proposed))
		if err != nil {
			return err
		}
		tx.operator = tx.operator + "（确认" + peer.Name + "副本 " + peer.CopyID + " 提出的变更）"
		x := &xchg{s: s, tx: tx, me: me, peer: peer, branchID: peer.BranchID}
		local, err := tx.localOf(r.Entity, r.GID)
		if err != nil {
			return err
		}
		var newID int64
		if r.Entity == EntityEvent {
			if local != 0 {
				return &ValidationError{Errors: []FieldIssue{{"status", "此事项已登记"}}}
			}
			newID, err = x.acceptEvent(data)
		} else {
			newID, err = xchgMembers.apply(x, local, data)
		}
		if err != nil {
			return err
		}
		if local == 0 && newID != 0 {
			if err := tx.mapGID(r.Entity, r.GID, newID); err != nil {
				return err
			}
		}
		row, err := tx.syncRow(peer.ID, r.GID)
		if err != nil {
			return err
		}
		cb, _ := canonBytes([]byte(r.Proposed))
		row.BaseHash = hashHex(cb) // the branch holds this version already
		if err := tx.putSync(row); err != nil {
			return err
		}
		old := r
		if r.Entity == EntityMember {
			r.MemberID = newID
		}
		r.Status, r.DecidedBy, r.DecidedAt = PendingAccepted, tx.decider(), tx.at
		return tx.savePending(&old, r)
	})
}

// RejectPending turns one proposed change down (reason optional); the
// office's record stays, and the branch gets it back with the next package.
// Office only.
func (s *Store) RejectPending(ctx context.Context, role Role, id int64, reason string) error {
	if err := role.OfficeOnly("党员信息变更须由党总支办公室确认"); err != nil {
		return err
	}
	reason, _ = CleanText(reason, true)
	return s.Write(ctx, func(tx *Tx) error {
		r, err := tx.loadPending(id)
		if err != nil {
			return err
		}
		if r.MemberID != 0 && r.Entity == EntityMember {
			row, err := tx.syncRow(r.Peer, r.GID)
			if err != nil {
				return err
			}
			if !strings.HasPrefix(row.BaseHash, "!") {
				row.BaseHash = "!" + row.BaseHash // send the office's version back, insisting
			}
			if err := tx.putSync(row); err != nil {
				return err
			}
		}
		old := r
		r.Status, r.Reason, r.DecidedBy, r.DecidedAt = PendingRejected, reason, tx.decider(), tx.at
		return tx.savePending(&old, r)
	})
}

// Conflicts lists records both sides changed, with status ("" for all,
// ConflictOpen for undecided), newest first.
func (s *Store) Conflicts(ctx context.Context, status string) ([]Conflict, error) {
	names, err := s.AuditNames(ctx)
	if err != nil {
		return nil, err
	}
	var out []Conflict
	err = s.readTx(ctx, func(tx *Tx) error {
		var list []xchgConflictRow
		var at []string
		err := tx.eachByStatus("xchg_conflicts", conflictCols, status, func(rows *sql.Rows) error {
			var r xchgConflictRow
			var created string
			if err := rows.Scan(&r.ID, &r.PackageID, &r.Peer, &r.Entity, &r.GID, &r.LocalID, &r.Name, &r.Local, &r.Incoming, &r.IncomingHash, &r.Status, &r.Kept, &r.DecidedBy, &r.DecidedAt, &created); err != nil {
				return err
			}
			list = append(list, r)
			at = append(at, created)
			return nil
		})
		if err != nil {
			return err
		}
		for i, r := range list {
			l, err := decodeMap([]byte(r.Local))
			if err != nil {
				return err
			}
			in, err := decodeMap([]byte(r.Incoming))
			if err != nil {
				return err
			}
			if r.Status == ConflictOpen {
				// This copy's version as it is now (it may have moved on).
				if h := xchgHandlerOf(r.Entity); h != nil {
					if now, ok, err := h.form(&xchg{tx: tx}, r.LocalID); err == nil && ok {
						l = now
					}
				}
			}
			out = append(out, Conflict{ID: r.ID, PackageID: r.PackageID, Entity: r.Entity, Label: EntityLabel(r.Entity), RecordID: r.LocalID,
				Name: r.Name, Fields: fieldPairs(r.Entity, tx.localForm(r.Entity, l), tx.localForm(r.Entity, in), names),
				Status: r.Status, Kept: r.Kept, DecidedBy: r.DecidedBy, DecidedAt: parseTime(r.DecidedAt), At: parseTime(at[i])})
		}
		return nil
	})
	return out, err
}

// ResolveConflict decides one conflict: keep (KeepLocal) this copy's
// version, which then travels back with the next package, or take
// (KeepIncoming) the package's. The role must be allowed to write the
// record (a branch copy only its own branch's).
func (s *Store) ResolveConflict(ctx context.Context, role Role, id int64, keep string) error {
	if keep != KeepLocal && keep != KeepIncoming {
		return &ValidationError{Errors: []FieldIssue{{"kept", "请选择保留本机的版本或交换包的版本"}}}
	}
	return s.Write(ctx, func(tx *Tx) error {
		r, err := scanConflict(tx.queryRow("SELECT "+conflictCols+" FROM xchg_conflicts WHERE id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if r.Status != ConflictOpen {
			return &ValidationError{Errors: []FieldIssue{{"status", "此冲突已处理"}}}
		}
		if !role.Office {
			switch r.Entity {
			case EntityMeeting:
				var unit int64
				tx.queryRow("SELECT unit_id FROM meetings WHERE id = ?", r.LocalID).Scan(&unit)
				if err := role.CanSaveMeeting(unit, tx.branchOf); err != nil {
					return err
				}
			case EntityMember:
				m, err := tx.loadMember(r.LocalID)
				if err == nil {
					if err := role.OwnBranch(m.BranchID, "处理党员信息冲突"); err != nil {
						return err
					}
				}
			default:
				return role.OfficeOnly("此类冲突须由党总支办公室处理")
			}
		}
		peer, err := tx.peerWhere("id = ?", r.Peer)
		if err != nil {
			return err
		}
		me, err := tx.identity()
		if err != nil {
			return err
		}
		if keep == KeepIncoming {
			h := xchgHandlerOf(r.Entity)
			data, err := decodeMap([]byte(r.Incoming))
			if err != nil {
				return err
			}
			tx.operator = tx.operator + "（处理冲突：采用" + peer.Name + "副本 " + peer.CopyID + " 的版本）"
			x := &xchg{s: s, tx: tx, me: me, peer: peer, branchID: peer.BranchID, fromOffice: peer.Kind == CopyOffice}
			if me.Kind == CopyBranch {
				x.branchID = me.BranchID
			}
			if _, err := h.apply(x, r.LocalID, data); err != nil {
				return err
			}
		}
		row, err := tx.syncRow(peer.ID, r.GID)
		if err != nil {
			return err
		}
		row.BaseHash, row.SentHash, row.SentNumber = r.IncomingHash, "", 0
		if err := tx.putSync(row); err != nil {
			return err
		}
		old := r
		r.Status, r.Kept, r.DecidedBy, r.DecidedAt = ConflictSettled, keep, tx.decider(), tx.at
		return tx.saveConflict(&old, r)
	})
}

// Packages is the history of packages sent and received, newest first.
func (s *Store) Packages(ctx context.Context) ([]PackageInfo, error) {
	var out []PackageInfo
	err := s.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT p.id, p.direction, p.manifest, p.file_name, p.sha256, p.carried, p.pending, p.conflicts, p.note, p.created_at,
			coalesce((SELECT operator FROM audit_log a WHERE a.entity = ? AND a.record_id = CAST(p.id AS TEXT) ORDER BY a.id LIMIT 1), '')
			FROM xchg_packages p ORDER BY p.id DESC`, EntityXchgPackage)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p PackageInfo
			var man, carried, at string
			if err := rows.Scan(&p.ID, &p.Direction, &man, &p.File, &p.SHA256, &carried, &p.Pending, &p.Conflicts, &p.Note, &at, &p.Operator); err != nil {
				return err
			}
			json.Unmarshal([]byte(man), &p.Manifest)
			json.Unmarshal([]byte(carried), &p.Carried)
			if p.Carried == nil {
				p.Carried = map[string]int{}
			}
			p.At = parseTime(at)
			if i := strings.Index(p.Operator, "（交换包："); i > 0 {
				p.Operator = p.Operator[:i] // the importer, without the origin the log adds
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// BranchLinks lists, on the office copy, every branch with its exchange
// state, in org tree order.
func (s *Store) BranchLinks(ctx context.Context) ([]BranchLink, error) {
	var out []BranchLink
	err := s.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT u.id, CASE WHEN u.short_name <> '' THEN u.short_name ELSE u.full_name END FROM org_units u
			WHERE u.level = 'branch' AND u.deleted_at IS NULL ORDER BY u.sort_order, u.id`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var l BranchLink
			if err := rows.Scan(&l.BranchID, &l.BranchName); err != nil {
				rows.Close()
				return err
			}
			out = append(out, l)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		peers := make([]int64, len(out))
		for i := range out {
			l := &out[i]
			p, err := tx.branchPeer(l.BranchID)
			if errors.Is(err, ErrNotFound) {
				continue
			} else if err != nil {
				return err
			}
			peers[i] = p.ID
			l.Invited, l.CopyID = true, p.CopyID
			if p.PublicKey != "" {
				l.Fingerprint = peerFingerprint(p)
			}
			if p.CopyID != "" {
				waiting, err := tx.peerWhere("kind = 'branch' AND branch_id = ? AND copy_id = '' AND deleted_at IS NULL", l.BranchID)
				if err != nil && !errors.Is(err, ErrNotFound) {
					return err
				}
				l.Reissued = err == nil && waiting.ID != 0
			}
			if err := tx.queryRow("SELECT count(*) FROM xchg_copies WHERE kind = 'branch' AND branch_id = ? AND copy_id <> '' AND deleted_at IS NOT NULL",
				l.BranchID).Scan(&l.Replaced); err != nil {
				return err
			}
		}
		for i, peer := range peers {
			if peer == 0 {
				continue
			}
			for _, d := range []string{PackageSent, PackageReceived} {
				var n sql.NullInt64
				var at sql.NullString
				if err := tx.queryRow(`SELECT number, created_at FROM xchg_packages WHERE direction = ? AND peer = ? ORDER BY number DESC LIMIT 1`,
					d, peer).Scan(&n, &at); err != nil && !errors.Is(err, sql.ErrNoRows) {
					return err
				}
				if d == PackageSent {
					out[i].LastSent, out[i].LastSentAt = int(n.Int64), parseTime(at.String)
				} else {
					out[i].LastReceived, out[i].LastReceivedAt = int(n.Int64), parseTime(at.String)
				}
			}
		}
		return nil
	})
	return out, err
}

// eachByStatus scans the rows of an exchange review table (xchg_pending,
// xchg_conflicts) with status ("" for all), newest first, each with its
// created_at last. The rows are closed before it returns, so scan only
// collects: the transaction's one connection is free again afterwards.
func (tx *Tx) eachByStatus(table, cols, status string, scan func(rows *sql.Rows) error) error {
	q := "SELECT " + cols + ", created_at FROM " + table
	var args []any
	if status != "" {
		q += " WHERE status = ?"
		args = append(args, status)
	}
	rows, err := tx.query(q+" ORDER BY id DESC", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
