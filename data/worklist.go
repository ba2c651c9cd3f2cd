package data

// 工作清单: what a branch should do each month (meetings, study, dues,
// reports), shipped as data/defaults/worklist.json, loaded into
// worklist_items on first run and edited by the office. The 工作台 turns
// this month's items into reminders.

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"
)

// EntityWorklistItem is the audit entity of a 工作清单 item.
const EntityWorklistItem = "worklist_item"

// WorklistCategories are the kinds of items.
var WorklistCategories = []string{"会议", "学习", "党费", "报表", "其他"}

// WorklistItem is one line of the monthly 工作清单.
type WorklistItem struct {
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	Category string `json:"category"`
	// Months it applies to (1-12); empty: every month.
	Months []int `json:"months"`
	// DueDay is the day of the month it is due by; past the month's end,
	// the month's last day.
	DueDay int `json:"due_day"`
	Order  int `json:"sort_order"`
}

// In says whether the item applies to month m.
func (w WorklistItem) In(m time.Month) bool {
	return len(w.Months) == 0 || slices.Contains(w.Months, int(m))
}

// DueIn is the item's due date in the month of d.
func (w WorklistItem) DueIn(d Date) Date {
	last := NewDate(d.Y, d.M, 1).AddMonths(1).AddDays(-1)
	day := w.DueDay
	if day < 1 || day > last.D {
		day = last.D
	}
	return NewDate(d.Y, d.M, day)
}

// ValidateWorklistItem lists what keeps an item from being saved.
func ValidateWorklistItem(w WorklistItem) []FieldIssue {
	var out []FieldIssue
	if strings.TrimSpace(w.Title) == "" {
		out = append(out, FieldIssue{"title", "请填写工作内容"})
	}
	if !slices.Contains(WorklistCategories, w.Category) {
		out = append(out, FieldIssue{"category", "请选择类别：" + strings.Join(WorklistCategories, " / ")})
	}
	for _, m := range w.Months {
		if m < 1 || m > 12 {
			out = append(out, FieldIssue{"months", "月份应为 1 至 12"})
			break
		}
	}
	if w.DueDay < 1 || w.DueDay > 31 {
		out = append(out, FieldIssue{"due_day", "截止日应为 1 至 31（31 表示月末）"})
	}
	return out
}

//go:embed defaults/worklist.json
var defaultWorklistJSON []byte

// DefaultWorklist is the 工作清单 the app ships with.
func DefaultWorklist() []WorklistItem {
	var def struct {
		Items []WorklistItem `json:"items"`
	}
	if err := json.Unmarshal(defaultWorklistJSON, &def); err != nil {
		panic("data/defaults/worklist.json: " + err.Error())
	}
	for i := range def.Items {
		def.Items[i].Order = i
		if def.Items[i].Months == nil {
			def.Items[i].Months = []int{}
		}
	}
	return def.Items
}

// seedWorklist loads the shipped list into an empty table, once (a list
// the office emptied stays empty: deleted rows remain).
func (tx *Tx) seedWorklist() error {
	var n int
	if err := tx.queryRow("SELECT count(*) FROM worklist_items").Scan(&n); err != nil || n > 0 {
		return err
	}
	for _, w := range DefaultWorklist() {
		if _, err := tx.insertWorklist(&w); err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) insertWorklist(w *WorklistItem) (int64, error) {
	months, _ := json.Marshal(w.Months)
	res, err := tx.exec(`INSERT INTO worklist_items(title, category, months, due_day, sort_order, created_at, updated_at) VALUES (?,?,?,?,?,?,?)`,
		w.Title, w.Category, string(months), w.DueDay, w.Order, tx.at, tx.at)
	if err != nil {
		return 0, err
	}
	w.ID, _ = res.LastInsertId()
	return w.ID, tx.audit(EntityWorklistItem, w.ID, ActionInsert, nil, *w)
}

const worklistSelect = "SELECT id, title, category, months, due_day, sort_order FROM worklist_items"

func scanWorklist(sc interface{ Scan(...any) error }) (WorklistItem, error) {
	var w WorklistItem
	var months string
	if err := sc.Scan(&w.ID, &w.Title, &w.Category, &months, &w.DueDay, &w.Order); err != nil {
		return w, err
	}
	json.Unmarshal([]byte(months), &w.Months)
	if w.Months == nil {
		w.Months = []int{}
	}
	return w, nil
}

// Worklist lists the 工作清单 in order.
func (s *Store) Worklist(ctx context.Context) ([]WorklistItem, error) {
	var out []WorklistItem
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, worklistSelect+" WHERE deleted_at IS NULL ORDER BY sort_order, id")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			w, err := scanWorklist(rows)
			if err != nil {
				return err
			}
			out = append(out, w)
		}
		return rows.Err()
	})
	return out, err
}

// SaveWorklistItem validates and stores an item (ID 0 adds it at the
// end). The office keeps the list.
func (s *Store) SaveWorklistItem(ctx context.Context, role Role, w WorklistItem) (WorklistItem, error) {
	if err := role.OfficeOnly("工作清单由党总支办公室维护"); err != nil {
		return w, err
	}
	w.Title = strings.TrimSpace(w.Title)
	if w.Months == nil {
		w.Months = []int{}
	}
	slices.Sort(w.Months)
	w.Months = slices.Compact(w.Months)
	if is := ValidateWorklistItem(w); len(is) > 0 {
		return w, &ValidationError{Errors: is}
	}
	err := s.Write(ctx, func(tx *Tx) error {
		if w.ID == 0 {
			if err := tx.queryRow("SELECT coalesce(max(sort_order), -1) + 1 FROM worklist_items").Scan(&w.Order); err != nil {
				return err
			}
			_, err := tx.insertWorklist(&w)
			return err
		}
		old, err := scanWorklist(tx.queryRow(worklistSelect+" WHERE id = ? AND deleted_at IS NULL", w.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		w.Order = old.Order
		months, _ := json.Marshal(w.Months)
		if _, err := tx.exec("UPDATE worklist_items SET title = ?, category = ?, months = ?, due_day = ?, updated_at = ? WHERE id = ?",
			w.Title, w.Category, string(months), w.DueDay, tx.at, w.ID); err != nil {
			return err
		}
		return tx.audit(EntityWorklistItem, w.ID, ActionUpdate, old, w)
	})
	return w, err
}

// DeleteWorklistItem removes an item from the list (office only; kept,
// marked deleted).
func (s *Store) DeleteWorklistItem(ctx context.Context, role Role, id int64) error {
	if err := role.OfficeOnly("工作清单由党总支办公室维护"); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		old, err := scanWorklist(tx.queryRow(worklistSelect+" WHERE id = ? AND deleted_at IS NULL", id))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if _, err := tx.exec("UPDATE worklist_items SET deleted_at = ?, updated_at = ? WHERE id = ?", tx.at, tx.at, id); err != nil {
			return err
		}
		return tx.audit(EntityWorklistItem, id, ActionDelete, old, map[string]any{"deleted": true})
	})
}

// worklistLead is how many days before its due date an item is 即将到期.
const worklistLead = 7

func init() { RegisterReminders("worklist", worklistReminders) }

// worklistReminders lists this month's 工作清单 items: for a branch copy
// its own branch's, for the office once for all branches. An item is 即将
// 到期 within a week of its due date, otherwise 提示; the app does not
// know whether it is done, so it is never 已逾期 and the next month's list
// replaces it.
func worklistReminders(ctx context.Context, q TodoQuery) ([]TodoItem, error) {
	items, err := q.Store.Worklist(ctx)
	if err != nil {
		return nil, err
	}
	var out []TodoItem
	for _, w := range items {
		if !w.In(q.AsOf.M) {
			continue
		}
		due := w.DueIn(q.AsOf)
		sev := SeverityInfo
		if d := q.AsOf.DaysUntil(due); d >= 0 && d <= worklistLead {
			sev = SeveritySoon
		}
		it := TodoItem{Kind: TodoWorklist, Title: "本月工作清单：" + w.Title, Due: due, Severity: sev,
			Ref: TodoRef{Screen: "资料库/工作清单"}}
		if !q.Role.Office {
			it.BranchID = q.Role.BranchID
		}
		out = append(out, it)
	}
	return out, nil
}
