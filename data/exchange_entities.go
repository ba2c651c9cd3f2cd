package data

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// What travels, entity by entity. Each exchanged entity says which of its
// records concern a branch (scope), how a record reads in a package
// (form: its fields, with references by global id instead of local ids)
// and how a package's record is written here (apply). The change capture
// in exchange.go compares forms by hash; nothing here knows about
// packages or peers beyond the branch concerned.

type xchgHandler struct {
	entity string
	down   bool // office → branch
	up     bool // branch → office
	// scope lists the local records concerning the branch (deleted ones too).
	scope func(x *xchg) ([]int64, error)
	// form is the record as exchanged; ok false when it does not exist.
	form func(x *xchg, id int64) (data map[string]any, ok bool, err error)
	// apply writes data as local record id (0: a new record) and returns its id.
	apply func(x *xchg, id int64, data map[string]any) (int64, error)
	// adopt finds a record this copy made itself that is the same as an
	// incoming one it has no global id for (the same member and month);
	// the two are then compared like any other pair.
	adopt func(x *xchg, data map[string]any) (int64, error)
	// leaveOut: a record not (yet) to send (a branch's draft minutes).
	leaveOut func(data map[string]any) bool
	// refuse: why an incoming record may not be applied here (nil if it
	// may): a *ForbiddenError (forbidden) when the refusal cannot change —
	// it breaks the rules of the direction it came (a branch approving its
	// own minutes, another branch's record) and is acknowledged, not sent
	// again; any other error (mayResolve) when it may resolve later, and
	// the sender sends the record again.
	refuse func(x *xchg, localID int64, local, in map[string]any) error
	// name of a record for people.
	name func(data map[string]any) string
	// branchAuthoritative: a branch's version is applied at the office even
	// over the office's own edit (no conflict): 学习记录.
	branchAuthoritative bool
}

// xchgHandlers in the order a package carries them (references first).
func xchgHandlers() []*xchgHandler {
	return []*xchgHandler{xchgOrgUnits, xchgMembers, xchgEvents, xchgMeetings, xchgTasks, xchgAssignments, xchgChecklistItems, xchgChecklistScores, xchgTemplates, xchgNotices, xchgNoticeReads, xchgDues, xchgDevCandidates, xchgDevSteps, xchgStudy}
}

func xchgHandlerOf(entity string) *xchgHandler {
	for _, h := range xchgHandlers() {
		if h.entity == entity {
			return h
		}
	}
	return nil
}

// toMap turns a record into its generic JSON form (numbers kept as written).
func toMap(v any) (map[string]any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return decodeMap(b)
}

func decodeMap(b []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	return m, nil
}

func fromMap(m map[string]any, v any) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func mapStr(m map[string]any, k string) string {
	switch v := m[k].(type) {
	case string:
		return v
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

func mapInt(m map[string]any, k string) int64 {
	switch v := m[k].(type) {
	case json.Number:
		n, _ := v.Int64()
		return n
	case float64:
		return int64(v)
	case int64:
		return v
	}
	return 0
}

// refOut replaces the local id under key k by the referenced record's
// global id ("" for none).
func (x *xchg) refOut(m map[string]any, k, entity string) error {
	id := mapInt(m, k)
	if id == 0 {
		m[k] = ""
		return nil
	}
	g, err := x.gidOf(entity, id)
	if err != nil {
		return err
	}
	m[k] = g
	return nil
}

// errUnknownRef: a record refers to one this copy does not have.
type errUnknownRef struct{ entity string }

// mayResolve is a refusal of an incoming record that may resolve later
// (a reference this copy lacks yet): the sender sends the record again.
func mayResolve(why string) error { return errors.New(why) }

// notTheBranch refuses a record of another branch than the sender's: for
// good when this copy knows that branch (b ≠ 0), else it may resolve.
func notTheBranch(b int64, why string) error {
	if b == 0 {
		return mayResolve(why)
	}
	return forbidden("%s", why)
}

func (e errUnknownRef) Error() string { return "所引用的" + EntityLabel(e.entity) + "本机没有" }

// refIn replaces the global id under key k by the local id.
func (x *xchg) refIn(m map[string]any, k, entity string) error {
	g := mapStr(m, k)
	if g == "" {
		m[k] = 0
		return nil
	}
	id, err := x.tx.localOf(entity, g)
	if err != nil {
		return err
	}
	if id == 0 {
		return errUnknownRef{entity}
	}
	m[k] = id
	return nil
}

// branchUnits are the branch and its groups (deleted too).
func (x *xchg) branchUnits() ([]int64, error) {
	return x.tx.ids("SELECT id FROM org_units WHERE id = ? OR parent_id = ? ORDER BY id", x.branchID, x.branchID)
}

func (tx *Tx) ids(q string, args ...any) ([]int64, error) {
	rows, err := tx.query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// softDelete marks a record deleted, audited as the house does.
func (tx *Tx) softDelete(entity, table string, id int64) error {
	res, err := tx.exec("UPDATE "+table+" SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL", tx.at, tx.at, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	return tx.audit(entity, id, ActionDelete, nil, map[string]bool{"deleted": true})
}

// ---- 组织 (office → branch: the whole tree) ----

var xchgOrgUnits = &xchgHandler{
	entity: EntityOrgUnit, down: true,
	scope: func(x *xchg) ([]int64, error) {
		// Parents before children: by depth, then id.
		return x.tx.ids(`SELECT id FROM org_units ORDER BY CASE level WHEN 'general' THEN 0 WHEN 'branch' THEN 1 ELSE 2 END, id`)
	},
	form: func(x *xchg, id int64) (map[string]any, bool, error) {
		u, err := scanUnit(x.tx.queryRow("SELECT "+unitCols+" FROM org_units WHERE id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, false, nil
		} else if err != nil {
			return nil, false, err
		}
		m, err := toMap(u)
		if err != nil {
			return nil, false, err
		}
		delete(m, "id")
		if _, ok := m["parent_id"]; !ok {
			m["parent_id"] = json.Number("0")
		}
		return m, true, x.refOut(m, "parent_id", EntityOrgUnit)
	},
	apply: func(x *xchg, id int64, data map[string]any) (int64, error) {
		if err := x.refIn(data, "parent_id", EntityOrgUnit); err != nil {
			return 0, err
		}
		var u OrgUnit
		if err := fromMap(data, &u); err != nil {
			return 0, err
		}
		u.ID = id
		if u.Deleted {
			if id == 0 {
				return 0, nil // never had it: nothing to delete
			}
			return id, x.tx.softDelete(EntityOrgUnit, "org_units", id)
		}
		if id != 0 {
			if _, err := x.tx.exec("UPDATE org_units SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL", id); err != nil {
				return 0, err
			}
		}
		out, err := x.tx.SaveUnit(RoleOffice, u)
		return out.ID, err
	},
	name: func(d map[string]any) string {
		if s := mapStr(d, "short_name"); s != "" {
			return s
		}
		return mapStr(d, "full_name")
	},
}

// ---- 党员 (office → branch: the roster; branch → office: proposals) ----

var xchgMembers = &xchgHandler{
	entity: EntityMember, down: true, up: true,
	scope: func(x *xchg) ([]int64, error) {
		return x.tx.ids("SELECT id FROM members WHERE branch_id = ? ORDER BY id", x.branchID)
	},
	form: func(x *xchg, id int64) (map[string]any, bool, error) {
		mem, err := scanMember(x.tx.queryRow(memberSelect+" WHERE id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, false, nil
		} else if err != nil {
			return nil, false, err
		}
		m, err := toMap(mem)
		if err != nil {
			return nil, false, err
		}
		delete(m, "id")
		if err := x.refOut(m, "branch_id", EntityOrgUnit); err != nil {
			return nil, false, err
		}
		return m, true, x.refOut(m, "group_id", EntityOrgUnit)
	},
	apply: func(x *xchg, id int64, data map[string]any) (int64, error) {
		d := cloneMap(data)
		if err := x.refIn(d, "branch_id", EntityOrgUnit); err != nil {
			return 0, err
		}
		if err := x.refIn(d, "group_id", EntityOrgUnit); err != nil {
			return 0, err
		}
		var m Member
		if err := fromMap(d, &m); err != nil {
			return 0, err
		}
		m.ID = id
		if m.Deleted {
			if id == 0 {
				return 0, nil
			}
			return id, x.tx.softDelete(EntityMember, "members", id)
		}
		if id != 0 {
			if _, err := x.tx.exec("UPDATE members SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL", id); err != nil {
				return 0, err
			}
		}
		out, _, err := x.tx.SaveMember(RoleOffice, m)
		return out.ID, err
	},
	name: func(d map[string]any) string { return mapStr(d, "name") },
}

// ---- 会议记录 (both ways: minutes up, review results down) ----

var xchgMeetings = &xchgHandler{
	entity: EntityMeeting, down: true, up: true,
	scope: func(x *xchg) ([]int64, error) {
		units, err := x.branchUnits()
		if err != nil || len(units) == 0 {
			return nil, err
		}
		ph := strings.TrimSuffix(strings.Repeat("?,", len(units)), ",")
		args := make([]any, len(units))
		for i, u := range units {
			args[i] = u
		}
		return x.tx.ids("SELECT id FROM meetings WHERE unit_id IN ("+ph+") ORDER BY id", args...)
	},
	form: func(x *xchg, id int64) (map[string]any, bool, error) {
		mt, err := scanMeeting(x.tx.queryRow(meetingSelect+" WHERE id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, false, nil
		} else if err != nil {
			return nil, false, err
		}
		if mt.Attendance, err = loadAttendance(x.tx.ctx, x.tx.tx, id); err != nil {
			return nil, false, err
		}
		m, err := toMap(mt)
		if err != nil {
			return nil, false, err
		}
		delete(m, "id")
		if err := x.refOut(m, "unit_id", EntityOrgUnit); err != nil {
			return nil, false, err
		}
		att, _ := m["attendance"].([]any)
		for _, a := range att {
			if am, ok := a.(map[string]any); ok {
				if err := x.refOut(am, "member_id", EntityMember); err != nil {
					return nil, false, err
				}
			}
		}
		if err := x.addFiles(m, EntityMeeting, id); err != nil {
			return nil, false, err
		}
		return m, true, nil
	},
	leaveOut: func(d map[string]any) bool { return mapStr(d, "status") == StatusDraft },
	refuse: func(x *xchg, localID int64, local, in map[string]any) error {
		if x.fromOffice {
			return nil
		}
		// From a branch: only its own units, and never a review it made itself.
		unit, err := x.tx.localOf(EntityOrgUnit, mapStr(in, "unit_id"))
		if err != nil || unit == 0 {
			return mayResolve("会议记录不属于发出此包的党支部")
		}
		if x.tx.branchOf(unit) != x.branchID {
			return forbidden("会议记录不属于发出此包的党支部")
		}
		st := mapStr(in, "status")
		if st == StatusApproved || st == StatusReturned {
			if local == nil || mapStr(local, "status") != st || mapStr(local, "reviewed_at") != mapStr(in, "reviewed_at") {
				return forbidden("审核须由党总支办公室进行，支部副本不能自行审核会议记录")
			}
		}
		return nil
	},
	apply: func(x *xchg, id int64, data map[string]any) (int64, error) {
		d := cloneMap(data)
		if err := x.refIn(d, "unit_id", EntityOrgUnit); err != nil {
			return 0, err
		}
		att, _ := d["attendance"].([]any)
		for i, a := range att {
			am, ok := a.(map[string]any)
			if !ok {
				continue
			}
			am = cloneMap(am)
			if err := x.refIn(am, "member_id", EntityMember); err != nil {
				return 0, err
			}
			att[i] = am
		}
		var files []Attachment
		if raw, err := json.Marshal(d["attachments"]); err == nil {
			json.Unmarshal(raw, &files)
		}
		delete(d, "attachments")
		var m Meeting
		if err := fromMap(d, &m); err != nil {
			return 0, err
		}
		m.ID = id
		var before any
		action := ActionInsert
		if id != 0 {
			old, err := scanMeeting(x.tx.queryRow(meetingSelect+" WHERE id = ?", id))
			if err != nil {
				return 0, err
			}
			if old.Attendance, err = loadAttendance(x.tx.ctx, x.tx.tx, id); err != nil {
				return 0, err
			}
			before, action = old, ActionUpdate
			if old.Deleted && !m.Deleted {
				action = ActionRestore
			}
		}
		var deletedAt any
		if m.Deleted {
			deletedAt = x.tx.at
		}
		if id == 0 {
			cols := append(append([]string{}, meetingCols...), "created_at", "updated_at", "deleted_at")
			res, err := x.tx.exec("INSERT INTO meetings("+strings.Join(cols, ", ")+") VALUES (?"+strings.Repeat(", ?", len(cols)-1)+")",
				append(m.ptrs(), x.tx.at, x.tx.at, deletedAt)...)
			if err != nil {
				return 0, err
			}
			if m.ID, err = res.LastInsertId(); err != nil {
				return 0, err
			}
		} else {
			if _, err := x.tx.exec("UPDATE meetings SET "+strings.Join(meetingCols, " = ?, ")+" = ?, updated_at = ?, deleted_at = ? WHERE id = ?",
				append(m.ptrs(), x.tx.at, deletedAt, id)...); err != nil {
				return 0, err
			}
			if _, err := x.tx.exec("DELETE FROM meeting_attendance WHERE meeting_id = ?", id); err != nil {
				return 0, err
			}
		}
		for _, a := range m.Attendance {
			if _, err := x.tx.exec(`INSERT INTO meeting_attendance(meeting_id, member_id, name, standing, committee, state, reason)
				VALUES (?,?,?,?,?,?,?)`, m.ID, a.MemberID, a.Name, a.Standing, a.Committee, a.State, a.Reason); err != nil {
				return 0, err
			}
		}
		if m.Deleted {
			if _, err := x.tx.exec("DELETE FROM meeting_search WHERE rowid = ?", m.ID); err != nil {
				return 0, err
			}
		} else if err := x.tx.indexMeeting(m); err != nil {
			return 0, err
		}
		if m.Deleted && action != ActionInsert {
			action = ActionDelete
		}
		if err := x.tx.audit(EntityMeeting, m.ID, action, before, m); err != nil {
			return 0, err
		}
		return m.ID, x.syncFiles(EntityMeeting, m.ID, files)
	},
	name: func(d map[string]any) string {
		return joinNonEmpty(" ", mapStr(d, "date"), mapStr(d, "kind"), shorten(mapStr(d, "topic"), 20))
	},
}

// addFiles puts a record's attachments into its form.
func (x *xchg) addFiles(m map[string]any, entity string, id int64) error {
	files, err := x.tx.ownerFiles(entity, id)
	if err != nil {
		return err
	}
	list := make([]any, len(files))
	for i, f := range files {
		list[i] = map[string]any{"file_name": f.FileName, "sha256": f.SHA256, "size": json.Number(fmt.Sprint(f.Size))}
	}
	m["attachments"] = list
	return nil
}

// filesOf reads the attachments of a form.
func filesOf(d map[string]any) []Attachment {
	var files []Attachment
	if raw, err := json.Marshal(d["attachments"]); err == nil {
		json.Unmarshal(raw, &files)
	}
	return files
}

func cloneMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// meetingFiles are a meeting's live attachments in a stable order.
func (tx *Tx) meetingFiles(id int64) ([]Attachment, error) { return tx.ownerFiles(EntityMeeting, id) }

// ownerFiles are a record's live attachments in a stable order.
func (tx *Tx) ownerFiles(entity string, id int64) ([]Attachment, error) {
	rows, err := tx.query(`SELECT id, owner_entity, owner_id, file_name, stored_name, sha256, size FROM attachments
		WHERE owner_entity = ? AND owner_id = ? AND deleted_at IS NULL`, entity, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		var a Attachment
		if err := rows.Scan(&a.ID, &a.Entity, &a.OwnerID, &a.FileName, &a.StoredName, &a.SHA256, &a.Size); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].SHA256 != out[j].SHA256 {
			return out[i].SHA256 < out[j].SHA256
		}
		return out[i].FileName < out[j].FileName
	})
	return out, rows.Err()
}

// syncFiles makes a record's live attachments the listed ones: missing
// ones are added (their files are in storage already, see
// importer.placeFiles), others removed (soft), each audited.
func (x *xchg) syncFiles(entity string, owner int64, want []Attachment) error {
	have, err := x.tx.ownerFiles(entity, owner)
	if err != nil {
		return err
	}
	key := func(a Attachment) string { return a.SHA256 + "/" + a.FileName }
	wanted := map[string]bool{}
	for _, a := range want {
		wanted[key(a)] = true
	}
	got := map[string]bool{}
	for _, a := range have {
		if !wanted[key(a)] || got[key(a)] {
			if _, err := x.tx.exec("UPDATE attachments SET deleted_at = ? WHERE id = ?", x.tx.at, a.ID); err != nil {
				return err
			}
			if err := x.tx.audit(EntityAttachment, a.ID, ActionDelete, nil, map[string]bool{"deleted": true}); err != nil {
				return err
			}
			continue
		}
		got[key(a)] = true
	}
	for _, a := range want {
		if got[key(a)] {
			continue
		}
		got[key(a)] = true
		a.ID, a.Entity, a.OwnerID = 0, entity, owner
		a.FileName = cleanFileName(a.FileName)
		a.StoredName = a.SHA256 + strings.ToLower(filepath.Ext(a.FileName))
		res, err := x.tx.exec(`INSERT INTO attachments(owner_entity, owner_id, file_name, stored_name, sha256, size, created_at)
			VALUES (?,?,?,?,?,?,?)`, a.Entity, a.OwnerID, a.FileName, a.StoredName, a.SHA256, a.Size, x.tx.at)
		if err != nil {
			return err
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := x.tx.audit(EntityAttachment, a.ID, ActionInsert, nil, a); err != nil {
			return err
		}
	}
	return nil
}

// recordFiles lists the attachment files a record's form names.
func recordFiles(data map[string]any) []xFile {
	list, _ := data["attachments"].([]any)
	var out []xFile
	for _, a := range list {
		if m, ok := a.(map[string]any); ok && mapStr(m, "sha256") != "" {
			out = append(out, xFile{SHA256: mapStr(m, "sha256"), Size: mapInt(m, "size")})
		}
	}
	return out
}

// recordFileNames lists (sha256, stored name) pairs a record's form needs.
func recordFileNames(data map[string]any) [][2]string {
	list, _ := data["attachments"].([]any)
	var out [][2]string
	for _, a := range list {
		if m, ok := a.(map[string]any); ok && mapStr(m, "sha256") != "" {
			sha := mapStr(m, "sha256")
			out = append(out, [2]string{sha, sha + strings.ToLower(filepath.Ext(cleanFileName(mapStr(m, "file_name"))))})
		}
	}
	return out
}
