package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// SaveTask inserts or edits a task and its responsible branches. A branch
// removed from a task keeps its history (its assignment is not deleted
// while it has steps). Only the office publishes tasks (role).
func (tx *Tx) SaveTask(role Role, t Task) (Task, error) {
	if err := role.OfficeOnly("督办任务由党总支办公室发布和修改"); err != nil {
		return t, err
	}
	if t.Year == 0 && !t.Due.IsZero() {
		t.Year = t.Due.Y
	}
	if t.RemindDays == 0 {
		t.RemindDays = 7
	}
	is := CheckTask(&t)
	for _, b := range t.Branches {
		u, err := tx.loadUnit(b)
		if errors.Is(err, ErrNotFound) || (err == nil && u.Level != LevelBranch) {
			is.Err("branches", "责任支部不存在")
		} else if err != nil {
			return t, err
		}
	}
	if err := is.AsError(); err != nil {
		return t, err
	}
	t.Deleted = false
	var before *Task
	if t.ID == 0 {
		res, err := tx.exec(`INSERT INTO tasks(year, aspect, title, requirement, due, points, remind_days, sort_order, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?,?)`, t.Year, t.Aspect, t.Title, t.Requirement, t.Due, t.Points, t.RemindDays, t.SortOrder, tx.at, tx.at)
		if err != nil {
			return t, err
		}
		if t.ID, err = res.LastInsertId(); err != nil {
			return t, err
		}
	} else {
		old, err := tx.loadTask(t.ID)
		if err != nil {
			return t, err
		}
		before = &old
		if _, err := tx.exec(`UPDATE tasks SET year=?, aspect=?, title=?, requirement=?, due=?, points=?, remind_days=?, sort_order=?, updated_at=?
			WHERE id=?`, t.Year, t.Aspect, t.Title, t.Requirement, t.Due, t.Points, t.RemindDays, t.SortOrder, tx.at, t.ID); err != nil {
			return t, err
		}
	}
	// Each branch's assignment changes with its own audit row, so the log
	// replays to exactly what task_assignments holds.
	if before != nil {
		// The plan's date moved: branches still on the old date follow;
		// one a 督办 gave its own date keeps it.
		if before.Due != t.Due {
			ids, err := tx.assignmentIDs(`SELECT id FROM task_assignments WHERE task_id = ? AND due = ?`, t.ID, before.Due)
			if err != nil {
				return t, err
			}
			for _, id := range ids {
				old, err := tx.assignmentWithSteps(id)
				if err != nil {
					return t, err
				}
				if _, err := tx.exec("UPDATE task_assignments SET due = ?, updated_at = ? WHERE id = ?", t.Due, tx.at, id); err != nil {
					return t, err
				}
				a := old
				a.Due = t.Due
				if err := tx.audit(EntityAssignment, id, ActionUpdate, old, a); err != nil {
					return t, err
				}
			}
		}
		// A branch taken off the task goes, unless it has acted on it.
		keep := map[int64]bool{}
		for _, b := range t.Branches {
			keep[b] = true
		}
		for _, b := range before.Branches {
			if keep[b] {
				continue
			}
			ids, err := tx.assignmentIDs(`SELECT id FROM task_assignments WHERE task_id = ? AND branch_id = ?
				AND NOT EXISTS (SELECT 1 FROM task_steps s WHERE s.assignment_id = task_assignments.id)`, t.ID, b)
			if err != nil {
				return t, err
			}
			for _, id := range ids {
				old, err := tx.assignmentWithSteps(id)
				if err != nil {
					return t, err
				}
				if _, err := tx.exec(`DELETE FROM task_assignments WHERE id = ?`, id); err != nil {
					return t, err
				}
				if err := tx.audit(EntityAssignment, id, ActionDelete, old, nil); err != nil {
					return t, err
				}
			}
		}
	}
	for _, b := range t.Branches {
		// A new branch starts at the task's due date; existing ones keep
		// theirs (a 督办 may have moved it).
		res, err := tx.exec(`INSERT INTO task_assignments(task_id, branch_id, status, due, updated_at) VALUES (?,?,?,?,?)
			ON CONFLICT(task_id, branch_id) DO NOTHING`, t.ID, b, TaskOpen, t.Due, tx.at)
		if err != nil {
			return t, err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue
		}
		var id int64
		if err := tx.queryRow("SELECT id FROM task_assignments WHERE task_id = ? AND branch_id = ?", t.ID, b).Scan(&id); err != nil {
			return t, err
		}
		a := Assignment{ID: id, Task: t, BranchID: b, Status: TaskOpen, Due: t.Due}
		if err := tx.audit(EntityAssignment, id, ActionInsert, nil, a); err != nil {
			return t, err
		}
	}
	if before == nil {
		return t, tx.audit(EntityTask, t.ID, ActionInsert, nil, t)
	}
	return t, tx.audit(EntityTask, t.ID, ActionUpdate, before, t)
}

// SaveTask saves a task in its own transaction.
func (s *Store) SaveTask(ctx context.Context, role Role, t Task) (Task, error) {
	var out Task
	err := s.Write(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.SaveTask(role, t)
		return err
	})
	return out, err
}

func (tx *Tx) loadTask(id int64) (Task, error) {
	t, err := scanTask(tx.queryRow(taskSelect+" WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && t.Deleted) {
		return t, ErrNotFound
	} else if err != nil {
		return t, err
	}
	rows, err := tx.query("SELECT branch_id FROM task_assignments WHERE task_id = ? ORDER BY branch_id", id)
	if err != nil {
		return t, err
	}
	defer rows.Close()
	for rows.Next() {
		var b int64
		if err := rows.Scan(&b); err != nil {
			return t, err
		}
		t.Branches = append(t.Branches, b)
	}
	return t, rows.Err()
}

// DeleteTask soft-deletes a task (its assignments and history stay); office only.
func (s *Store) DeleteTask(ctx context.Context, role Role, id int64) error {
	if err := role.OfficeOnly("督办任务由党总支办公室发布和删除"); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		old, err := tx.loadTask(id)
		if err != nil {
			return err
		}
		if _, err := tx.exec("UPDATE tasks SET deleted_at = ? WHERE id = ?", tx.at, id); err != nil {
			return err
		}
		after := old
		after.Deleted = true
		return tx.audit(EntityTask, id, ActionDelete, old, after)
	})
}

// Assignments lists branch assignments with their tasks, in plan order.
func (s *Store) Assignments(ctx context.Context, f TaskFilter) ([]Assignment, error) {
	var out []Assignment
	err := s.read(func(db *sql.DB) error {
		var err error
		out, err = assignments(ctx, db, f)
		return err
	})
	return out, err
}

// Assignments is Store.Assignments inside a transaction.
func (tx *Tx) Assignments(f TaskFilter) ([]Assignment, error) { return assignments(tx.ctx, tx.tx, f) }

func assignments(ctx context.Context, q querier, f TaskFilter) ([]Assignment, error) {
	where := []string{"t.deleted_at IS NULL"}
	var args []any
	if f.Year != 0 {
		where = append(where, "t.year = ?")
		args = append(args, f.Year)
	}
	if f.BranchID != 0 {
		where = append(where, "a.branch_id = ?")
		args = append(args, f.BranchID)
	}
	if f.Status != "" {
		where = append(where, "a.status = ?")
		args = append(args, f.Status)
	}
	if f.Open {
		where = append(where, "a.status <> ?")
		args = append(args, TaskDone)
	}
	rows, err := q.QueryContext(ctx, `SELECT a.id, a.branch_id, a.status, a.due, a.progress, a.score, a.comment,
		t.id, t.year, t.aspect, t.title, t.requirement, t.due, t.points, t.remind_days, t.sort_order
		FROM task_assignments a JOIN tasks t ON t.id = a.task_id WHERE `+strings.Join(where, " AND ")+`
		ORDER BY t.sort_order, t.id, a.branch_id`, args...)
	if err != nil {
		return nil, err
	}
	var out []Assignment
	for rows.Next() {
		var a Assignment
		var score sql.NullInt64
		if err := rows.Scan(&a.ID, &a.BranchID, &a.Status, &a.Due, &a.Progress, &score, &a.Comment,
			&a.Task.ID, &a.Task.Year, &a.Task.Aspect, &a.Task.Title, &a.Task.Requirement, &a.Task.Due, &a.Task.Points,
			&a.Task.RemindDays, &a.Task.SortOrder); err != nil {
			rows.Close()
			return nil, err
		}
		if score.Valid {
			p := Points(score.Int64)
			a.Score = &p
		}
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if !f.WithSteps {
		return out, nil
	}
	for i := range out {
		if out[i].Steps, err = loadSteps(ctx, q, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func loadSteps(ctx context.Context, q querier, id int64) ([]TaskStep, error) {
	rows, err := q.QueryContext(ctx, "SELECT action, text, due, score, operator, at FROM task_steps WHERE assignment_id = ? ORDER BY id", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TaskStep
	for rows.Next() {
		var st TaskStep
		var score sql.NullInt64
		if err := rows.Scan(&st.Action, &st.Text, &st.Due, &score, &st.Operator, &st.At); err != nil {
			return nil, err
		}
		if score.Valid {
			v := score.Int64
			st.Score = &v
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// ActOnTask takes one step of the loop and records it in the history.
func (s *Store) ActOnTask(ctx context.Context, assignmentID int64, role Role, act TaskAction) (Assignment, error) {
	var out Assignment
	err := s.Write(ctx, func(tx *Tx) error {
		a, err := tx.ActOnTask(assignmentID, role, act)
		if err != nil {
			return err
		}
		out = a
		return nil
	})
	return out, err
}

// ActOnTask is Store.ActOnTask inside a transaction.
func (tx *Tx) ActOnTask(assignmentID int64, role Role, act TaskAction) (Assignment, error) {
	act.Text, _ = CleanText(act.Text, true)
	if n := runeLen(act.Text); n > MaxLongTextLen {
		return Assignment{}, &ValidationError{Errors: []FieldIssue{{"text", fmt.Sprintf("内容最多 %d 个字，现有 %d 个字，请删减", MaxLongTextLen, n)}}}
	}
	a, err := tx.assignmentWithSteps(assignmentID)
	if err != nil {
		return a, err
	}
	if err := CheckTaskAction(role, a, act, tx.today); err != nil {
		return a, err
	}
	old := a
	var score *int64
	switch act.Action {
	case StepReport:
		a.Status, a.Progress = TaskReported, strings.TrimSpace(act.Text)
	case StepPass:
		p := act.Score
		a.Status, a.Score, a.Comment = TaskDone, &p, strings.TrimSpace(act.Text)
		v := int64(p)
		score = &v
	case StepReturn:
		a.Status, a.Comment = TaskReturned, strings.TrimSpace(act.Text)
	case StepSupervise:
		a.Status, a.Due, a.Comment = TaskOpen, act.Due, strings.TrimSpace(act.Text)
	}
	var sc any
	if a.Score != nil {
		sc = int64(*a.Score)
	}
	if _, err := tx.exec("UPDATE task_assignments SET status=?, due=?, progress=?, score=?, comment=?, updated_at=? WHERE id=?",
		a.Status, a.Due, a.Progress, sc, a.Comment, tx.at, a.ID); err != nil {
		return old, err
	}
	var due any
	if act.Action == StepSupervise {
		due = act.Due
	}
	if _, err := tx.exec("INSERT INTO task_steps(assignment_id, action, text, due, score, operator, at) VALUES (?,?,?,?,?,?,?)",
		a.ID, act.Action, strings.TrimSpace(act.Text), due, score, tx.signer, tx.at); err != nil {
		return old, err
	}
	step := TaskStep{Action: act.Action, Text: strings.TrimSpace(act.Text), Score: score, Operator: tx.signer, At: tx.at}
	if act.Action == StepSupervise {
		step.Due = act.Due
	}
	a.Steps = append(append([]TaskStep(nil), old.Steps...), step)
	return a, tx.audit(EntityAssignment, a.ID, ActionUpdate, old, a)
}

// assignmentIDs lists the ids a query selects.
func (tx *Tx) assignmentIDs(q string, args ...any) ([]int64, error) {
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

// assignmentWithSteps is an assignment with its steps, as the log records it.
func (tx *Tx) assignmentWithSteps(id int64) (Assignment, error) {
	a, err := tx.assignment(id)
	if err != nil {
		return a, err
	}
	a.Steps, err = loadSteps(tx.ctx, tx.tx, id)
	return a, err
}

func (tx *Tx) assignment(id int64) (Assignment, error) {
	var a Assignment
	var score sql.NullInt64
	err := tx.queryRow(`SELECT a.id, a.task_id, a.branch_id, a.status, a.due, a.progress, a.score, a.comment FROM task_assignments a
		JOIN tasks t ON t.id = a.task_id AND t.deleted_at IS NULL WHERE a.id = ?`, id).
		Scan(&a.ID, &a.Task.ID, &a.BranchID, &a.Status, &a.Due, &a.Progress, &score, &a.Comment)
	if errors.Is(err, sql.ErrNoRows) {
		return a, ErrNotFound
	} else if err != nil {
		return a, err
	}
	if score.Valid {
		p := Points(score.Int64)
		a.Score = &p
	}
	a.Task, err = tx.loadTask(a.Task.ID)
	return a, err
}

// TaskReminders lists the open assignments that are overdue or due soon on day.
func (s *Store) TaskReminders(ctx context.Context, year int, day Date) (overdue, dueSoon []Assignment, err error) {
	list, err := s.Assignments(ctx, TaskFilter{Year: year})
	if err != nil {
		return nil, nil, err
	}
	for _, a := range list {
		switch {
		case a.Overdue(day):
			overdue = append(overdue, a)
		case a.DueSoon(day):
			dueSoon = append(dueSoon, a)
		}
	}
	sort.SliceStable(overdue, func(i, j int) bool { return overdue[i].Due.Before(overdue[j].Due) })
	sort.SliceStable(dueSoon, func(i, j int) bool { return dueSoon[i].Due.Before(dueSoon[j].Due) })
	return overdue, dueSoon, nil
}

// Tasks lists a year's tasks (not deleted) in plan order, each with its
// responsible branches.
func (s *Store) Tasks(ctx context.Context, year int) ([]Task, error) {
	var out []Task
	err := s.read(func(db *sql.DB) error {
		var err error
		out, err = yearTasks(ctx, db, year)
		return err
	})
	return out, err
}

// Tasks is Store.Tasks inside a transaction (an import planned again
// against what is on file at that moment).
func (tx *Tx) Tasks(year int) ([]Task, error) { return yearTasks(tx.ctx, tx.tx, year) }

func yearTasks(ctx context.Context, q querier, year int) ([]Task, error) {
	rows, err := q.QueryContext(ctx, taskSelect+" WHERE year = ? AND deleted_at IS NULL ORDER BY sort_order, id", year)
	if err != nil {
		return nil, err
	}
	var out []Task
	idx := map[int64]int{}
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		idx[t.ID] = len(out)
		out = append(out, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT a.task_id, a.branch_id FROM task_assignments a JOIN tasks t ON t.id = a.task_id
		WHERE t.year = ? AND t.deleted_at IS NULL ORDER BY a.task_id, a.branch_id`, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var task, branch int64
		if err := rows.Scan(&task, &branch); err != nil {
			return nil, err
		}
		if i, ok := idx[task]; ok {
			out[i].Branches = append(out[i].Branches, branch)
		}
	}
	return out, rows.Err()
}
