package data

import (
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

// 通知公告 and 会议模板 in the exchange: the office's notices addressed to
// the branch (with their files) and its meeting templates go down; a
// branch's 已读 marks go up.

var xchgNotices = &xchgHandler{
	entity: EntityNotice, down: true,
	scope: func(x *xchg) ([]int64, error) {
		rows, err := x.tx.query(noticeSelect + " ORDER BY n.id")
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []int64
		for rows.Next() {
			n, err := scanNotice(rows)
			if err != nil {
				return nil, err
			}
			if n.For(x.branchID) {
				out = append(out, n.ID)
			}
		}
		return out, rows.Err()
	},
	form: func(x *xchg, id int64) (map[string]any, bool, error) {
		n, err := scanNotice(x.tx.queryRow(noticeSelect+" WHERE n.id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, false, nil
		} else if err != nil {
			return nil, false, err
		}
		var deleted bool
		if err := x.tx.queryRow("SELECT deleted_at IS NOT NULL FROM notices WHERE id = ?", id).Scan(&deleted); err != nil {
			return nil, false, err
		}
		m := map[string]any{"title": n.Title, "body": n.Body, "sender": n.Sender, "publish_date": n.PublishDate.String()}
		// Each copy sees the notice addressed to all or to its own branch.
		branches := []any{}
		if len(n.Branches) > 0 && n.For(x.branchID) {
			g, err := x.gidOf(EntityOrgUnit, x.branchID)
			if err != nil {
				return nil, false, err
			}
			branches = append(branches, g)
		}
		m["branches"] = branches
		if deleted {
			m["deleted"] = true
		}
		if err := x.addFiles(m, EntityNotice, id); err != nil {
			return nil, false, err
		}
		return canonMap(m)
	},
	apply: func(x *xchg, id int64, data map[string]any) (int64, error) {
		var branches []int64
		list, _ := data["branches"].([]any)
		for _, g := range list {
			s, _ := g.(string)
			b, err := x.tx.localOf(EntityOrgUnit, s)
			if err != nil {
				return 0, err
			}
			if b == 0 {
				return 0, errUnknownRef{EntityOrgUnit}
			}
			branches = append(branches, b)
		}
		if branches == nil {
			branches = []int64{}
		}
		n := Notice{ID: id, Title: mapStr(data, "title"), Body: mapStr(data, "body"), Sender: mapStr(data, "sender"), Branches: branches}
		var err error
		if n.PublishDate, err = ParseDate(mapStr(data, "publish_date")); err != nil {
			return 0, err
		}
		br, _ := json.Marshal(n.Branches)
		deleted := data["deleted"] == true
		if id == 0 {
			if deleted {
				return 0, nil
			}
			res, err := x.tx.exec(`INSERT INTO notices(title, body, sender, publish_date, branches, created_at, updated_at) VALUES (?,?,?,?,?,?,?)`,
				n.Title, n.Body, n.Sender, n.PublishDate, string(br), x.tx.at, x.tx.at)
			if err != nil {
				return 0, err
			}
			n.ID, _ = res.LastInsertId()
			if err := x.tx.audit(EntityNotice, n.ID, ActionInsert, nil, n); err != nil {
				return 0, err
			}
		} else {
			old, err := scanNotice(x.tx.queryRow(noticeSelect+" WHERE n.id = ?", id))
			if err != nil {
				return 0, err
			}
			old.ReadBy = nil
			var wasDeleted bool
			x.tx.queryRow("SELECT deleted_at IS NOT NULL FROM notices WHERE id = ?", id).Scan(&wasDeleted)
			switch {
			case deleted && !wasDeleted:
				if _, err := x.tx.exec("UPDATE notices SET deleted_at = ?, updated_at = ? WHERE id = ?", x.tx.at, x.tx.at, id); err != nil {
					return 0, err
				}
				if err := x.tx.audit(EntityNotice, id, ActionDelete, old, map[string]any{"deleted": true}); err != nil {
					return 0, err
				}
			case !deleted:
				if _, err := x.tx.exec("UPDATE notices SET title = ?, body = ?, sender = ?, publish_date = ?, branches = ?, updated_at = ?, deleted_at = NULL WHERE id = ?",
					n.Title, n.Body, n.Sender, n.PublishDate, string(br), x.tx.at, id); err != nil {
					return 0, err
				}
				action := ActionUpdate
				if wasDeleted {
					action = ActionRestore
				}
				if err := x.tx.audit(EntityNotice, id, action, old, n); err != nil {
					return 0, err
				}
			}
		}
		return n.ID, x.syncFiles(EntityNotice, n.ID, filesOf(data))
	},
	name: func(d map[string]any) string { return shorten(mapStr(d, "title"), 30) },
}

// canonMap turns a hand-built form into the generic shape forms have.
func canonMap(m map[string]any) (map[string]any, bool, error) {
	out, err := toMap(m)
	return out, err == nil, err
}

var xchgNoticeReads = &xchgHandler{
	entity: EntityNoticeRead, up: true,
	scope: func(x *xchg) ([]int64, error) {
		return x.tx.ids("SELECT notice_id * 100000 + branch_id FROM notice_reads WHERE branch_id = ? ORDER BY notice_id", x.branchID)
	},
	form: func(x *xchg, key int64) (map[string]any, bool, error) {
		var r NoticeRead
		err := x.tx.queryRow("SELECT notice_id, branch_id, read_by FROM notice_reads WHERE notice_id = ? AND branch_id = ?", key/100000, key%100000).
			Scan(&r.NoticeID, &r.BranchID, &r.ReadBy)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, false, nil
		} else if err != nil {
			return nil, false, err
		}
		m, err := toMap(r)
		if err != nil {
			return nil, false, err
		}
		var title string
		x.tx.queryRow("SELECT title FROM notices WHERE id = ?", r.NoticeID).Scan(&title)
		m["title"] = title
		if err := x.refOut(m, "notice_id", EntityNotice); err != nil {
			return nil, false, err
		}
		return m, true, x.refOut(m, "branch_id", EntityOrgUnit)
	},
	refuse: func(x *xchg, localID int64, local, in map[string]any) error {
		if b, _ := x.tx.localOf(EntityOrgUnit, mapStr(in, "branch_id")); b != x.branchID {
			return notTheBranch(b, "已读标记不属于发出此包的党支部")
		}
		return nil
	},
	apply: func(x *xchg, _ int64, data map[string]any) (int64, error) {
		d := cloneMap(data)
		if err := x.refIn(d, "notice_id", EntityNotice); err != nil {
			return 0, err
		}
		if err := x.refIn(d, "branch_id", EntityOrgUnit); err != nil {
			return 0, err
		}
		delete(d, "title")
		var r NoticeRead
		if err := fromMap(d, &r); err != nil {
			return 0, err
		}
		key := r.NoticeID*100000 + r.BranchID
		res, err := x.tx.exec("INSERT INTO notice_reads(notice_id, branch_id, read_at, read_by) VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
			r.NoticeID, r.BranchID, x.tx.at, r.ReadBy)
		if err != nil {
			return 0, err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return key, nil
		}
		return key, x.tx.auditKey(EntityNoticeRead, strconv.FormatInt(r.NoticeID, 10)+"/"+strconv.FormatInt(r.BranchID, 10), ActionInsert, nil, r)
	},
	name: func(d map[string]any) string { return shorten(mapStr(d, "title"), 30) },
}

var xchgTemplates = &xchgHandler{
	entity: EntityTemplate, down: true,
	scope: func(x *xchg) ([]int64, error) { return x.tx.ids("SELECT id FROM meeting_templates ORDER BY id") },
	form: func(x *xchg, id int64) (map[string]any, bool, error) {
		var t MeetingTemplate
		err := x.tx.queryRow(`SELECT id, kind, name, agenda, content, resolution, deleted_at IS NOT NULL FROM meeting_templates WHERE id = ?`, id).
			Scan(&t.ID, &t.Kind, &t.Name, &t.Agenda, &t.Content, &t.Resolution, &t.Deleted)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, false, nil
		} else if err != nil {
			return nil, false, err
		}
		m, err := toMap(t)
		if err != nil {
			return nil, false, err
		}
		delete(m, "id")
		return m, true, nil
	},
	apply: func(x *xchg, id int64, data map[string]any) (int64, error) {
		var t MeetingTemplate
		if err := fromMap(data, &t); err != nil {
			return 0, err
		}
		if id == 0 {
			// The same shipped template this copy seeded itself.
			err := x.tx.queryRow(`SELECT t.id FROM meeting_templates t WHERE t.kind = ? AND t.name = ? AND t.deleted_at IS NULL
				AND NOT EXISTS (SELECT 1 FROM xchg_records r WHERE r.entity = ? AND r.local_id = t.id) ORDER BY t.id LIMIT 1`,
				t.Kind, strings.TrimSpace(t.Name), EntityTemplate).Scan(&id)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return 0, err
			}
		}
		if t.Deleted {
			if id == 0 {
				return 0, nil
			}
			return id, x.tx.softDelete(EntityTemplate, "meeting_templates", id)
		}
		if id != 0 {
			if _, err := x.tx.exec("UPDATE meeting_templates SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL", id); err != nil {
				return 0, err
			}
		}
		t.ID = id
		out, err := x.tx.SaveTemplate(t)
		return out.ID, err
	},
	name: func(d map[string]any) string { return mapStr(d, "name") },
}
