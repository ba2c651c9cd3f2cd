package data

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// ensureYear gives a year its template: a copy of the latest earlier year
// the office edited, or the shipped default. Later edits of one year never
// touch another.
func (tx *Tx) ensureYear(year int) error {
	var n int
	if err := tx.queryRow("SELECT count(*) FROM checklist_items WHERE year = ?", year).Scan(&n); err != nil || n > 0 {
		return err
	}
	items, err := yearTemplate(tx.ctx, tx.tx, year)
	if err != nil {
		return err
	}
	for _, it := range items {
		if _, err := tx.insertChecklistItem(it); err != nil {
			return err
		}
	}
	return nil
}

// yearTemplate is what a year without items of its own starts as: the
// latest earlier year's items, or the shipped default, renumbered for the
// year and not yet stored (ID 0).
func yearTemplate(ctx context.Context, q querier, year int) ([]ChecklistItem, error) {
	var items []ChecklistItem
	rows, err := q.QueryContext(ctx, checklistSelect+` WHERE deleted_at IS NULL AND year =
		(SELECT max(year) FROM checklist_items WHERE year < ? AND deleted_at IS NULL) ORDER BY sort_order, id`, year)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		it, err := scanChecklistItem(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(items) == 0 {
		var def struct {
			Items []struct {
				Dimension, Item, Evidence, Rule string
				Points                          float64
				Bonus                           bool
			} `json:"items"`
		}
		if err := json.Unmarshal(defaultChecklistJSON, &def); err != nil {
			return nil, err
		}
		for _, d := range def.Items {
			items = append(items, ChecklistItem{Dimension: d.Dimension, Item: d.Item, Evidence: d.Evidence, Rule: d.Rule,
				Points: Points(d.Points*10 + 0.5), Bonus: d.Bonus})
		}
	}
	for i := range items {
		items[i].ID, items[i].Year, items[i].SortOrder = 0, year, i
	}
	return items, nil
}

func (tx *Tx) insertChecklistItem(it ChecklistItem) (ChecklistItem, error) {
	res, err := tx.exec(`INSERT INTO checklist_items(year, dimension, item, points, evidence, rule, bonus, sort_order, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?)`, it.Year, it.Dimension, it.Item, it.Points, it.Evidence, it.Rule, it.Bonus, it.SortOrder, tx.at, tx.at)
	if err != nil {
		return it, err
	}
	if it.ID, err = res.LastInsertId(); err != nil {
		return it, err
	}
	return it, tx.audit(EntityChecklistItem, it.ID, ActionInsert, nil, it)
}

// YearClosed reports whether a year's checklist is closed.
func (tx *Tx) yearClosed(year int) (bool, error) {
	var at string
	err := tx.queryRow("SELECT closed_at FROM checklist_years WHERE year = ?", year).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return at != "", err
}

// ChecklistItems returns a year's template, creating it on first use.
func (s *Store) ChecklistItems(ctx context.Context, year int) ([]ChecklistItem, error) {
	if !s.opt.ReadOnly {
		if err := s.Write(ctx, func(tx *Tx) error { return tx.ensureYear(year) }); err != nil {
			return nil, err
		}
	}
	var out []ChecklistItem
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, checklistSelect+" WHERE year = ? AND deleted_at IS NULL ORDER BY sort_order, id", year)
		if err != nil {
			return err
		}
		for rows.Next() {
			it, err := scanChecklistItem(rows)
			if err != nil {
				rows.Close()
				return err
			}
			out = append(out, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(out) == 0 && s.opt.ReadOnly {
			// A reader (the CLI beside the GUI) cannot store the year's
			// template: it sees the one the year will get.
			var n int
			if err := db.QueryRowContext(ctx, "SELECT count(*) FROM checklist_items WHERE year = ?", year).Scan(&n); err != nil || n > 0 {
				return err
			}
			out, err = yearTemplate(ctx, db, year)
		}
		return err
	})
	return out, err
}

// ChecklistClosed reports whether the year is closed.
func (s *Store) ChecklistClosed(ctx context.Context, year int) (bool, error) {
	var closed bool
	err := s.read(func(db *sql.DB) error {
		var at string
		err := db.QueryRowContext(ctx, "SELECT closed_at FROM checklist_years WHERE year = ?", year).Scan(&at)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		closed = at != ""
		return err
	})
	return closed, err
}

// SaveChecklistItem inserts or edits an item of a year not yet closed; office only.
func (s *Store) SaveChecklistItem(ctx context.Context, role Role, it ChecklistItem) (ChecklistItem, error) {
	if err := role.OfficeOnly("考评细则由党总支办公室制定"); err != nil {
		return it, err
	}
	err := s.Write(ctx, func(tx *Tx) error {
		if closed, err := tx.yearClosed(it.Year); err != nil {
			return err
		} else if closed {
			return errYearClosed(it.Year)
		}
		var is Issues
		cleanRecord(EntityChecklistItem, &it)
		capRecord(&is, EntityChecklistItem, &it)
		it.Dimension, it.Item = strings.TrimSpace(it.Dimension), strings.TrimSpace(it.Item)
		if it.Dimension == "" {
			is.Err("dimension", "请填写考评维度")
		}
		if it.Item == "" {
			is.Err("item", "请填写考评内容")
		}
		if it.Points <= 0 || it.Points > 1000 {
			is.Err("points", "分值应大于 0 且不超过 100")
		}
		if it.Rule != "" && AutoRuleLabel(it.Rule) == "" {
			is.Err("rule", "未知的自动评分规则")
		}
		if err := is.AsError(); err != nil {
			return err
		}
		if err := tx.ensureYear(it.Year); err != nil {
			return err
		}
		if it.ID == 0 {
			var err error
			it, err = tx.insertChecklistItem(it)
			return err
		}
		old, err := scanChecklistItem(tx.queryRow(checklistSelect+" WHERE id = ?", it.ID))
		if errors.Is(err, sql.ErrNoRows) || (err == nil && old.Deleted) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if old.Year != it.Year {
			return fmt.Errorf("细则不能改到其他年度")
		}
		if old == it {
			return nil
		}
		if _, err := tx.exec(`UPDATE checklist_items SET dimension=?, item=?, points=?, evidence=?, rule=?, bonus=?, sort_order=?, updated_at=?
			WHERE id=?`, it.Dimension, it.Item, it.Points, it.Evidence, it.Rule, it.Bonus, it.SortOrder, tx.at, it.ID); err != nil {
			return err
		}
		return tx.audit(EntityChecklistItem, it.ID, ActionUpdate, old, it)
	})
	return it, err
}

// DeleteChecklistItem soft-deletes an item of an open year; office only.
func (s *Store) DeleteChecklistItem(ctx context.Context, role Role, id int64) error {
	if err := role.OfficeOnly("考评细则由党总支办公室制定"); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		old, err := scanChecklistItem(tx.queryRow(checklistSelect+" WHERE id = ?", id))
		if errors.Is(err, sql.ErrNoRows) || (err == nil && old.Deleted) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if closed, err := tx.yearClosed(old.Year); err != nil {
			return err
		} else if closed {
			return errYearClosed(old.Year)
		}
		if _, err := tx.exec("UPDATE checklist_items SET deleted_at = ? WHERE id = ?", tx.at, id); err != nil {
			return err
		}
		after := old
		after.Deleted = true
		return tx.audit(EntityChecklistItem, id, ActionDelete, old, after)
	})
}

// SetEvidence records the branch's evidence note for an item: the office
// for any branch, a branch copy (role) for its own.
func (s *Store) SetEvidence(ctx context.Context, role Role, itemID, branchID int64, note string) error {
	if err := role.OwnBranch(branchID, "填写佐证说明"); err != nil {
		return err
	}
	return s.scoreRow(ctx, itemID, branchID, false, func(sc *scoreRow) { sc.Evidence = strings.TrimSpace(note) })
}

// SetManualScore records a reviewer's score and comment for an item
// without an automatic rule; office only.
func (s *Store) SetManualScore(ctx context.Context, role Role, itemID, branchID int64, score Points, comment string) error {
	if err := role.OfficeOnly("考评评分由党总支办公室进行"); err != nil {
		return err
	}
	return s.scoreRow(ctx, itemID, branchID, true, func(sc *scoreRow) {
		sc.Score = sql.NullInt64{Int64: int64(score), Valid: true}
		sc.Comment = strings.TrimSpace(comment)
	})
}

// scoreRow changes a branch's row of an item. scoring: the change is a
// reviewer's score, checked against the item and signed by the operator;
// otherwise (evidence) the score and its signature stay as they were.
func (s *Store) scoreRow(ctx context.Context, itemID, branchID int64, scoring bool, change func(*scoreRow)) error {
	return s.Write(ctx, func(tx *Tx) error {
		it, err := scanChecklistItem(tx.queryRow(checklistSelect+" WHERE id = ?", itemID))
		if errors.Is(err, sql.ErrNoRows) || (err == nil && it.Deleted) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if closed, err := tx.yearClosed(it.Year); err != nil {
			return err
		} else if closed {
			return errYearClosed(it.Year)
		}
		if u, err := tx.loadUnit(branchID); errors.Is(err, ErrNotFound) || (err == nil && u.Level != LevelBranch) {
			return &ValidationError{Errors: []FieldIssue{{"branch_id", "考评按党支部进行，所选组织不是党支部或已删除"}}}
		} else if err != nil {
			return err
		}
		old := scoreRow{ItemID: itemID, BranchID: branchID}
		err = tx.queryRow(`SELECT score, reason, evidence, comment, scored_by FROM checklist_scores WHERE item_id = ? AND branch_id = ?`,
			itemID, branchID).Scan(&old.Score, &old.Reason, &old.Evidence, &old.Comment, &old.By)
		exists := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		next := old
		change(&next)
		cleanRecord(EntityChecklistScore, &next)
		var capped Issues
		if capRecord(&capped, EntityChecklistScore, &next); len(capped.Errors) > 0 {
			return capped.AsError()
		}
		if exists && next == old {
			return nil
		}
		if scoring {
			if it.Rule != "" {
				return &ValidationError{Errors: []FieldIssue{{"score", "该项按记录自动评分，不需要人工打分"}}}
			}
			if next.Score.Int64 < 0 || Points(next.Score.Int64) > it.Points {
				return &ValidationError{Errors: []FieldIssue{{"score", fmt.Sprintf("得分应在 0 至 %s 分之间", it.Points)}}}
			}
			next.By = tx.signer
		}
		for _, r := range []*scoreRow{&old, &next} {
			if r.Score.Valid {
				v := r.Score.Int64
				r.ScoreV = &v
			}
		}
		if _, err := tx.exec(`INSERT INTO checklist_scores(item_id, branch_id, score, reason, evidence, comment, scored_by, scored_at)
			VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(item_id, branch_id) DO UPDATE SET score=excluded.score, reason=excluded.reason,
			evidence=excluded.evidence, comment=excluded.comment, scored_by=excluded.scored_by, scored_at=excluded.scored_at`,
			itemID, branchID, next.Score, next.Reason, next.Evidence, next.Comment, next.By, tx.at); err != nil {
			return err
		}
		key := fmt.Sprintf("%d/%d", itemID, branchID)
		if !exists {
			return tx.auditKey(EntityChecklistScore, key, ActionInsert, nil, next)
		}
		return tx.auditKey(EntityChecklistScore, key, ActionUpdate, old, next)
	})
}

// CloseYear freezes a year: its template and every branch's scores,
// automatic ones included, as computed today; office only.
func (s *Store) CloseYear(ctx context.Context, role Role, year int) error {
	if err := role.OfficeOnly("考评年度归档由党总支办公室进行"); err != nil {
		return err
	}
	evals, err := s.Evaluate(ctx, year, nil)
	if err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		if closed, err := tx.yearClosed(year); err != nil {
			return err
		} else if closed {
			return errYearClosed(year)
		}
		for _, ev := range evals {
			for _, sc := range ev.Items {
				if !sc.Auto {
					continue
				}
				old := scoreRow{ItemID: sc.Item.ID, BranchID: ev.BranchID}
				err := tx.queryRow(`SELECT score, reason, evidence, comment, scored_by FROM checklist_scores WHERE item_id = ? AND branch_id = ?`,
					sc.Item.ID, ev.BranchID).Scan(&old.Score, &old.Reason, &old.Evidence, &old.Comment, &old.By)
				exists := err == nil
				if err != nil && err != sql.ErrNoRows {
					return err
				}
				if _, err := tx.exec(`INSERT INTO checklist_scores(item_id, branch_id, score, reason, scored_by, scored_at)
					VALUES (?,?,?,?,?,?) ON CONFLICT(item_id, branch_id) DO UPDATE SET score=excluded.score, reason=excluded.reason,
					scored_by=excluded.scored_by, scored_at=excluded.scored_at`,
					sc.Item.ID, ev.BranchID, sc.Score, sc.Reason, "自动评分（归档）", tx.at); err != nil {
					return err
				}
				// The frozen score is a write like any other: logged.
				next := old
				v := int64(sc.Score)
				next.ScoreV, next.Reason, next.By = &v, sc.Reason, "自动评分（归档）"
				if old.Score.Valid {
					ov := old.Score.Int64
					old.ScoreV = &ov
				}
				key := fmt.Sprintf("%d/%d", sc.Item.ID, ev.BranchID)
				if !exists {
					err = tx.auditKey(EntityChecklistScore, key, ActionInsert, nil, next)
				} else {
					err = tx.auditKey(EntityChecklistScore, key, ActionUpdate, old, next)
				}
				if err != nil {
					return err
				}
			}
		}
		if _, err := tx.exec(`INSERT INTO checklist_years(year, closed_at, closed_by) VALUES (?,?,?)
			ON CONFLICT(year) DO UPDATE SET closed_at=excluded.closed_at, closed_by=excluded.closed_by`, year, tx.at, tx.signer); err != nil {
			return err
		}
		return tx.auditKey(EntityChecklistYear, fmt.Sprint(year), ActionUpdate, nil,
			map[string]any{"year": year, "closed": true, "closed_by": tx.signer})
	})
}

// ChecklistAttachments lists a branch's evidence files for an item.
func (s *Store) ChecklistAttachments(ctx context.Context, itemID, branchID int64) ([]Attachment, error) {
	return s.Attachments(ctx, EntityChecklistScore, ChecklistEvidenceKey(itemID, branchID))
}

// AddChecklistAttachment attaches an evidence file for a branch's item:
// the office for any branch, a branch copy (role) for its own.
func (s *Store) AddChecklistAttachment(ctx context.Context, role Role, itemID, branchID int64, src string) (Attachment, error) {
	if err := role.OwnBranch(branchID, "添加佐证附件"); err != nil {
		return Attachment{}, err
	}
	return s.addAttachment(ctx, EntityChecklistScore, ChecklistEvidenceKey(itemID, branchID), src)
}
