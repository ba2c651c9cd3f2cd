package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

const noticeSelect = `SELECT n.id, n.title, n.body, n.sender, n.publish_date, n.branches,
	coalesce((SELECT group_concat(branch_id) FROM notice_reads r WHERE r.notice_id = n.id), '') FROM notices n`

func scanNotice(sc interface{ Scan(...any) error }) (Notice, error) {
	var n Notice
	var branches, reads string
	err := sc.Scan(&n.ID, &n.Title, &n.Body, &n.Sender, &n.PublishDate, &branches, &reads)
	if err != nil {
		return n, err
	}
	json.Unmarshal([]byte(branches), &n.Branches)
	if n.Branches == nil {
		n.Branches = []int64{}
	}
	for _, f := range strings.Split(reads, ",") {
		if id, err := strconv.ParseInt(f, 10, 64); err == nil {
			n.ReadBy = append(n.ReadBy, id)
		}
	}
	return n, nil
}

// Notices lists the notices, newest first: every notice for the office, a
// branch copy those addressed to its branch and published by today.
func (s *Store) Notices(ctx context.Context, role Role) ([]Notice, error) {
	today := s.Today()
	var out []Notice
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, noticeSelect+" WHERE n.deleted_at IS NULL ORDER BY n.publish_date DESC, n.id DESC")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			n, err := scanNotice(rows)
			if err != nil {
				return err
			}
			if !role.Office && (!n.For(role.BranchID) || n.PublishDate.After(today)) {
				continue
			}
			out = append(out, n)
		}
		return rows.Err()
	})
	return out, err
}

// UnreadNotices are the published notices addressed to a branch copy's
// branch that it has not marked read (the office: none), newest first —
// what the home screen lists.
func (s *Store) UnreadNotices(ctx context.Context, role Role) ([]Notice, error) {
	if role.Office {
		return nil, nil
	}
	all, err := s.Notices(ctx, role)
	if err != nil {
		return nil, err
	}
	var out []Notice
	for _, n := range all {
		if !n.ReadByBranch(role.BranchID) {
			out = append(out, n)
		}
	}
	return out, nil
}

// SaveNotice validates and stores a notice (ID 0 inserts); the office
// publishes notices.
func (s *Store) SaveNotice(ctx context.Context, role Role, n Notice) (Notice, error) {
	if err := role.OfficeOnly("通知公告由党总支办公室发布"); err != nil {
		return n, err
	}
	n.Title, n.Body, n.Sender = strings.TrimSpace(n.Title), strings.TrimSpace(n.Body), strings.TrimSpace(n.Sender)
	if n.Branches == nil {
		n.Branches = []int64{}
	}
	n.ReadBy = nil
	if is := ValidateNotice(n); len(is) > 0 {
		return n, &ValidationError{Errors: is}
	}
	err := s.Write(ctx, func(tx *Tx) error {
		for _, b := range n.Branches {
			if u, err := tx.loadUnit(b); err != nil || u.Level != LevelBranch {
				return &ValidationError{Errors: []FieldIssue{{"branches", "发送对象中有不存在的党支部"}}}
			}
		}
		br, _ := json.Marshal(n.Branches)
		if n.ID == 0 {
			res, err := tx.exec(`INSERT INTO notices(title, body, sender, publish_date, branches, created_at, updated_at)
				VALUES (?,?,?,?,?,?,?)`, n.Title, n.Body, n.Sender, n.PublishDate, string(br), tx.at, tx.at)
			if err != nil {
				return err
			}
			n.ID, _ = res.LastInsertId()
			return tx.audit(EntityNotice, n.ID, ActionInsert, nil, n)
		}
		old, err := scanNotice(tx.queryRow(noticeSelect+" WHERE n.id = ? AND n.deleted_at IS NULL", n.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		old.ReadBy = nil
		if _, err := tx.exec("UPDATE notices SET title = ?, body = ?, sender = ?, publish_date = ?, branches = ?, updated_at = ? WHERE id = ?",
			n.Title, n.Body, n.Sender, n.PublishDate, string(br), tx.at, n.ID); err != nil {
			return err
		}
		return tx.audit(EntityNotice, n.ID, ActionUpdate, old, n)
	})
	return n, err
}

// DeleteNotice withdraws a notice (office only; it stays, marked deleted).
func (s *Store) DeleteNotice(ctx context.Context, role Role, id int64) error {
	if err := role.OfficeOnly("通知公告由党总支办公室发布"); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		old, err := scanNotice(tx.queryRow(noticeSelect+" WHERE n.id = ? AND n.deleted_at IS NULL", id))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		old.ReadBy = nil
		if _, err := tx.exec("UPDATE notices SET deleted_at = ?, updated_at = ? WHERE id = ?", tx.at, tx.at, id); err != nil {
			return err
		}
		return tx.audit(EntityNotice, id, ActionDelete, old, map[string]any{"deleted": true}) // kept, marked deleted
	})
}

// MarkNoticeRead marks a notice read for the branch copy's branch; the
// office reads without marking (its copy is not a branch's). Marking twice
// changes nothing.
func (s *Store) MarkNoticeRead(ctx context.Context, role Role, id int64) error {
	if role.Office || role.BranchID == 0 {
		return forbidden("“已读”由各党支部在本支部的工作台上标记")
	}
	return s.Write(ctx, func(tx *Tx) error {
		n, err := scanNotice(tx.queryRow(noticeSelect+" WHERE n.id = ? AND n.deleted_at IS NULL", id))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if !n.For(role.BranchID) {
			return forbidden("这则通知不是发给本支部的")
		}
		if n.ReadByBranch(role.BranchID) {
			return nil
		}
		r := NoticeRead{NoticeID: id, BranchID: role.BranchID, ReadBy: tx.operator}
		if _, err := tx.exec("INSERT INTO notice_reads(notice_id, branch_id, read_at, read_by) VALUES (?,?,?,?)",
			id, role.BranchID, tx.at, tx.operator); err != nil {
			return err
		}
		return tx.auditKey(EntityNoticeRead, strconv.FormatInt(id, 10)+"/"+strconv.FormatInt(role.BranchID, 10), ActionInsert, nil, r)
	})
}
