package data

import (
	"database/sql"
	"errors"
	"fmt"
)

// 标准化党支部考评 in the exchange: the office's items go down; a branch's
// row of an item travels both ways — its 佐证说明 and evidence files up,
// the office's score and comment down. A score row's local id is
// ChecklistEvidenceKey(item, branch), as its attachments are owned.

var xchgChecklistItems = &xchgHandler{
	entity: EntityChecklistItem, down: true,
	scope: func(x *xchg) ([]int64, error) {
		return x.tx.ids("SELECT id FROM checklist_items ORDER BY year, sort_order, id")
	},
	form: func(x *xchg, id int64) (map[string]any, bool, error) {
		it, err := scanChecklistItem(x.tx.queryRow(checklistSelect+" WHERE id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, false, nil
		} else if err != nil {
			return nil, false, err
		}
		m, err := toMap(it)
		if err != nil {
			return nil, false, err
		}
		delete(m, "id")
		return m, true, nil
	},
	apply: func(x *xchg, id int64, data map[string]any) (int64, error) {
		var it ChecklistItem
		if err := fromMap(data, &it); err != nil {
			return 0, err
		}
		if id == 0 {
			// The same item this copy seeded itself for the year (from the
			// shipped defaults) becomes the office's.
			err := x.tx.queryRow(`SELECT c.id FROM checklist_items c WHERE c.year = ? AND c.dimension = ? AND c.item = ? AND c.deleted_at IS NULL
				AND NOT EXISTS (SELECT 1 FROM xchg_records r WHERE r.entity = ? AND r.local_id = c.id) ORDER BY c.id LIMIT 1`,
				it.Year, it.Dimension, it.Item, EntityChecklistItem).Scan(&id)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return 0, err
			}
		}
		if id == 0 {
			if it.Deleted {
				return 0, nil
			}
			out, err := x.tx.insertChecklistItem(it)
			return out.ID, err
		}
		old, err := scanChecklistItem(x.tx.queryRow(checklistSelect+" WHERE id = ?", id))
		if err != nil {
			return 0, err
		}
		it.ID = id
		if old == it {
			return id, nil
		}
		var deleted any
		if it.Deleted {
			deleted = x.tx.at
		}
		if _, err := x.tx.exec(`UPDATE checklist_items SET year=?, dimension=?, item=?, points=?, evidence=?, rule=?, bonus=?, sort_order=?, updated_at=?, deleted_at=?
			WHERE id=?`, it.Year, it.Dimension, it.Item, it.Points, it.Evidence, it.Rule, it.Bonus, it.SortOrder, x.tx.at, deleted, id); err != nil {
			return 0, err
		}
		action := ActionUpdate
		if it.Deleted && !old.Deleted {
			action = ActionDelete
		}
		return id, x.tx.audit(EntityChecklistItem, id, action, old, it)
	},
	name: func(d map[string]any) string { return shorten(mapStr(d, "item"), 30) },
}

func (tx *Tx) loadScoreRow(itemID, branchID int64) (scoreRow, bool, error) {
	r := scoreRow{ItemID: itemID, BranchID: branchID}
	err := tx.queryRow(`SELECT score, reason, evidence, comment, scored_by FROM checklist_scores WHERE item_id = ? AND branch_id = ?`,
		itemID, branchID).Scan(&r.Score, &r.Reason, &r.Evidence, &r.Comment, &r.By)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	if r.Score.Valid {
		v := r.Score.Int64
		r.ScoreV = &v
	}
	return r, err == nil, err
}

var xchgChecklistScores = &xchgHandler{
	entity: EntityChecklistScore, down: true, up: true,
	scope: func(x *xchg) ([]int64, error) {
		return x.tx.ids(`SELECT item_id * 100000 + branch_id FROM checklist_scores WHERE branch_id = ?
			UNION SELECT owner_id FROM attachments WHERE owner_entity = ? AND owner_id % 100000 = ? AND deleted_at IS NULL`,
			x.branchID, EntityChecklistScore, x.branchID)
	},
	form: func(x *xchg, key int64) (map[string]any, bool, error) {
		item, branch := key/100000, key%100000
		r, ok, err := x.tx.loadScoreRow(item, branch)
		if err != nil {
			return nil, false, err
		}
		files, err := x.tx.ownerFiles(EntityChecklistScore, key)
		if err != nil || (!ok && len(files) == 0) {
			return nil, false, err
		}
		m, err := toMap(r)
		if err != nil {
			return nil, false, err
		}
		if err := x.refOut(m, "item_id", EntityChecklistItem); err != nil {
			return nil, false, err
		}
		if err := x.refOut(m, "branch_id", EntityOrgUnit); err != nil {
			return nil, false, err
		}
		var title string
		x.tx.queryRow("SELECT item FROM checklist_items WHERE id = ?", item).Scan(&title)
		m["item_title"] = title
		return m, true, x.addFiles(m, EntityChecklistScore, key)
	},
	refuse: func(x *xchg, localID int64, local, in map[string]any) error {
		if x.fromOffice {
			return nil
		}
		b, _ := x.tx.localOf(EntityOrgUnit, mapStr(in, "branch_id"))
		if b != x.branchID {
			return notTheBranch(b, "考评佐证不属于发出此包的党支部")
		}
		for _, k := range []string{"score", "reason", "comment", "scored_by"} {
			if mapStr(in, k) != mapStr(local, k) {
				return forbidden("考评评分须由党总支办公室进行，支部只能填写佐证")
			}
		}
		return nil
	},
	apply: func(x *xchg, key int64, data map[string]any) (int64, error) {
		d := cloneMap(data)
		if err := x.refIn(d, "item_id", EntityChecklistItem); err != nil {
			return 0, err
		}
		if err := x.refIn(d, "branch_id", EntityOrgUnit); err != nil {
			return 0, err
		}
		files := filesOf(d)
		delete(d, "attachments")
		delete(d, "item_title")
		var next scoreRow
		if err := fromMap(d, &next); err != nil {
			return 0, err
		}
		if next.ScoreV != nil {
			next.Score = sql.NullInt64{Int64: *next.ScoreV, Valid: true}
		}
		key = ChecklistEvidenceKey(next.ItemID, next.BranchID)
		var year int
		if err := x.tx.queryRow("SELECT year FROM checklist_items WHERE id = ?", next.ItemID).Scan(&year); err != nil {
			return 0, err
		}
		if closed, err := x.tx.yearClosed(year); err != nil {
			return 0, err
		} else if closed && !x.fromOffice {
			return 0, errYearClosed(year)
		}
		old, exists, err := x.tx.loadScoreRow(next.ItemID, next.BranchID)
		if err != nil {
			return 0, err
		}
		if !exists || jsonText(old) != jsonText(next) || old.Score != next.Score {
			if _, err := x.tx.exec(`INSERT INTO checklist_scores(item_id, branch_id, score, reason, evidence, comment, scored_by, scored_at)
				VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(item_id, branch_id) DO UPDATE SET score=excluded.score, reason=excluded.reason,
				evidence=excluded.evidence, comment=excluded.comment, scored_by=excluded.scored_by, scored_at=excluded.scored_at`,
				next.ItemID, next.BranchID, next.Score, next.Reason, next.Evidence, next.Comment, next.By, x.tx.at); err != nil {
				return 0, err
			}
			rk := fmt.Sprintf("%d/%d", next.ItemID, next.BranchID)
			if !exists {
				err = x.tx.auditKey(EntityChecklistScore, rk, ActionInsert, nil, next)
			} else {
				err = x.tx.auditKey(EntityChecklistScore, rk, ActionUpdate, old, next)
			}
			if err != nil {
				return 0, err
			}
		}
		return key, x.syncFiles(EntityChecklistScore, key, files)
	},
	name: func(d map[string]any) string { return shorten(mapStr(d, "item_title"), 30) },
}
