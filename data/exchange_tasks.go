package data

import (
	"database/sql"
	"errors"
)

// 督办任务 in the exchange: the office's tasks go down (each branch sees
// itself as the only 责任支部 in its copy); a branch's assignment travels
// both ways — its 报送 up, the office's 通过 / 退回 / 督办 (score, comment,
// moved date) down.

var xchgTasks = &xchgHandler{
	entity: EntityTask, down: true,
	scope: func(x *xchg) ([]int64, error) {
		return x.tx.ids("SELECT DISTINCT task_id FROM task_assignments WHERE branch_id = ? ORDER BY task_id", x.branchID)
	},
	form: func(x *xchg, id int64) (map[string]any, bool, error) {
		t, err := scanTask(x.tx.queryRow(taskSelect+" WHERE id = ?", id))
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
		var n int
		if err := x.tx.queryRow("SELECT count(*) FROM task_assignments WHERE task_id = ? AND branch_id = ?", id, x.branchID).Scan(&n); err != nil {
			return nil, false, err
		}
		branches := []any{}
		if n > 0 {
			g, err := x.gidOf(EntityOrgUnit, x.branchID)
			if err != nil {
				return nil, false, err
			}
			branches = append(branches, g)
		}
		m["branches"] = branches
		return m, true, nil
	},
	apply: func(x *xchg, id int64, data map[string]any) (int64, error) {
		d := cloneMap(data)
		list, _ := d["branches"].([]any)
		var ids []int64
		for _, g := range list {
			s, _ := g.(string)
			b, err := x.tx.localOf(EntityOrgUnit, s)
			if err != nil {
				return 0, err
			}
			if b == 0 {
				return 0, errUnknownRef{EntityOrgUnit}
			}
			ids = append(ids, b)
		}
		delete(d, "branches")
		var t Task
		if err := fromMap(d, &t); err != nil {
			return 0, err
		}
		t.ID, t.Branches = id, ids
		if t.Deleted {
			if id == 0 {
				return 0, nil
			}
			old, err := x.tx.loadTask(id)
			if errors.Is(err, ErrNotFound) {
				return id, nil
			} else if err != nil {
				return 0, err
			}
			if _, err := x.tx.exec("UPDATE tasks SET deleted_at = ? WHERE id = ?", x.tx.at, id); err != nil {
				return 0, err
			}
			after := old
			after.Deleted = true
			return id, x.tx.audit(EntityTask, id, ActionDelete, old, after)
		}
		out, err := x.tx.SaveTask(RoleOffice, t)
		return out.ID, err
	},
	name: func(d map[string]any) string { return shorten(mapStr(d, "title"), 30) },
}

var xchgAssignments = &xchgHandler{
	entity: EntityAssignment, down: true, up: true,
	scope: func(x *xchg) ([]int64, error) {
		return x.tx.ids("SELECT id FROM task_assignments WHERE branch_id = ? ORDER BY id", x.branchID)
	},
	form: func(x *xchg, id int64) (map[string]any, bool, error) {
		a, err := x.tx.assignmentWithSteps(id)
		if errors.Is(err, ErrNotFound) {
			return nil, false, nil
		} else if err != nil {
			return nil, false, err
		}
		m, err := toMap(a)
		if err != nil {
			return nil, false, err
		}
		delete(m, "id")
		g, err := x.gidOf(EntityTask, a.Task.ID)
		if err != nil {
			return nil, false, err
		}
		m["task"] = g
		m["task_title"] = a.Task.Title
		return m, true, x.refOut(m, "branch_id", EntityOrgUnit)
	},
	refuse: func(x *xchg, localID int64, local, in map[string]any) error {
		if x.fromOffice {
			return nil
		}
		// From a branch: only its own 报送; passing, returning, scoring and
		// 督办 are the office's.
		b, _ := x.tx.localOf(EntityOrgUnit, mapStr(in, "branch_id"))
		if b != x.branchID {
			return notTheBranch(b, "任务办理不属于发出此包的党支部")
		}
		if local == nil {
			return mayResolve("本机没有这项督办任务")
		}
		st := mapStr(in, "status")
		if (st != TaskReported && st != mapStr(local, "status")) || mapStr(in, "score") != mapStr(local, "score") ||
			mapStr(in, "comment") != mapStr(local, "comment") || mapStr(in, "due") != mapStr(local, "due") {
			return forbidden("任务的审核、评分和督办须由党总支办公室进行，支部只能报送")
		}
		ls, _ := local["steps"].([]any)
		is, _ := in["steps"].([]any)
		if len(is) < len(ls) {
			return mayResolve("支部的任务办理记录少于本机，不能导入")
		}
		for _, s := range is[len(ls):] {
			if m, ok := s.(map[string]any); !ok || mapStr(m, "action") != StepReport {
				return forbidden("任务的审核、评分和督办须由党总支办公室进行，支部只能报送")
			}
		}
		return nil
	},
	apply: func(x *xchg, id int64, data map[string]any) (int64, error) {
		d := cloneMap(data)
		task, err := x.tx.localOf(EntityTask, mapStr(d, "task"))
		if err != nil {
			return 0, err
		}
		if task == 0 {
			return 0, errUnknownRef{EntityTask}
		}
		if err := x.refIn(d, "branch_id", EntityOrgUnit); err != nil {
			return 0, err
		}
		delete(d, "task")
		delete(d, "task_title")
		var a Assignment
		if err := fromMap(d, &a); err != nil {
			return 0, err
		}
		if id == 0 {
			// The task's save made the branch's assignment already.
			err := x.tx.queryRow("SELECT id FROM task_assignments WHERE task_id = ? AND branch_id = ?", task, a.BranchID).Scan(&id)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return 0, err
			}
		}
		var score any
		if a.Score != nil {
			score = int64(*a.Score)
		}
		var before any
		action := ActionInsert
		if id == 0 {
			res, err := x.tx.exec(`INSERT INTO task_assignments(task_id, branch_id, status, due, progress, score, comment, updated_at) VALUES (?,?,?,?,?,?,?,?)`,
				task, a.BranchID, a.Status, a.Due, a.Progress, score, a.Comment, x.tx.at)
			if err != nil {
				return 0, err
			}
			if id, err = res.LastInsertId(); err != nil {
				return 0, err
			}
		} else {
			old, err := x.tx.assignmentWithSteps(id)
			if err != nil {
				return 0, err
			}
			before, action = old, ActionUpdate
			if _, err := x.tx.exec("UPDATE task_assignments SET status=?, due=?, progress=?, score=?, comment=?, updated_at=? WHERE id=?",
				a.Status, a.Due, a.Progress, score, a.Comment, x.tx.at, id); err != nil {
				return 0, err
			}
			if _, err := x.tx.exec("DELETE FROM task_steps WHERE assignment_id = ?", id); err != nil {
				return 0, err
			}
		}
		for _, s := range a.Steps {
			var due any
			if !s.Due.IsZero() {
				due = s.Due
			}
			if _, err := x.tx.exec("INSERT INTO task_steps(assignment_id, action, text, due, score, operator, at) VALUES (?,?,?,?,?,?,?)",
				id, s.Action, s.Text, due, s.Score, s.Operator, s.At); err != nil {
				return 0, err
			}
		}
		after, err := x.tx.assignmentWithSteps(id)
		if err != nil {
			return 0, err
		}
		return id, x.tx.audit(EntityAssignment, id, action, before, after)
	},
	name: func(d map[string]any) string { return shorten(mapStr(d, "task_title"), 30) },
}
