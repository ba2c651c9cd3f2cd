package data

import (
	"fmt"
	"strings"
)

// Audit entities of 督办.
const (
	EntityTask       = "task"
	EntityAssignment = "task_assignment"
)

// Task states of one branch's assignment. A task closes (已完成) only when
// the office has reviewed the branch's report: the loop is closed.
const (
	TaskOpen      = "待办"
	TaskReported  = "已报送"
	TaskReturned  = "退回"
	TaskDone      = "已完成"
	StepReport    = "报送"
	StepPass      = "通过"
	StepReturn    = "退回"
	StepSupervise = "督办"
)

// Task is one item of the year's work plan (方面 → 任务).
type Task struct {
	ID          int64   `json:"id"`
	Year        int     `json:"year"`
	Aspect      string  `json:"aspect"` // 方面
	Title       string  `json:"title"`
	Requirement string  `json:"requirement"`
	Due         Date    `json:"due"`
	Points      Points  `json:"points"`
	RemindDays  int     `json:"remind_days"` // reminder lead time
	SortOrder   int     `json:"sort_order"`
	Branches    []int64 `json:"branches"` // 责任支部
	Deleted     bool    `json:"deleted,omitempty"`
}

// TaskStep is one step of an assignment's history.
type TaskStep struct {
	Action   string `json:"action"`
	Text     string `json:"text"`
	Due      Date   `json:"due"`
	Score    *int64 `json:"score,omitempty"`
	Operator string `json:"operator"`
	At       string `json:"at"`
}

// Assignment is one branch's handling of a task.
type Assignment struct {
	ID       int64      `json:"id"`
	Task     Task       `json:"task"`
	BranchID int64      `json:"branch_id"`
	Status   string     `json:"status"`
	Due      Date       `json:"due"` // may be moved by 督办
	Progress string     `json:"progress"`
	Score    *Points    `json:"score,omitempty"`
	Comment  string     `json:"comment"`
	Steps    []TaskStep `json:"steps,omitempty"`
}

// Overdue reports an open assignment past its due date on day.
func (a Assignment) Overdue(day Date) bool { return a.Status != TaskDone && day.After(a.Due) }

// DueSoon reports an open assignment due within its reminder lead time.
func (a Assignment) DueSoon(day Date) bool {
	return a.Status != TaskDone && !day.After(a.Due) && !day.AddDays(a.Task.RemindDays).Before(a.Due)
}

// CheckTask validates a task.
func CheckTask(t *Task) Issues {
	warns := cleanRecord(EntityTask, t)
	is := checkTask(t)
	is.Warnings = append(warns, is.Warnings...)
	capRecord(&is, EntityTask, t)
	return is
}

func checkTask(t *Task) Issues {
	var is Issues
	t.Aspect, t.Title, t.Requirement = strings.TrimSpace(t.Aspect), strings.TrimSpace(t.Title), strings.TrimSpace(t.Requirement)
	if t.Aspect == "" {
		is.Err("aspect", "请填写工作方面")
	}
	if t.Title == "" {
		is.Err("title", "请填写任务内容")
	}
	if t.Due.IsZero() {
		is.Err("due", "请填写完成时限")
	} else if t.Year != 0 && t.Due.Y != t.Year && t.Due.Y != t.Year+1 {
		is.Warn("due", "完成时限 %s 不在 %d 年度", t.Due.Chinese(), t.Year)
	}
	if t.Points < 0 || t.Points > 1000 {
		is.Err("points", "分值应在 0 至 100 之间")
	}
	if len(t.Branches) == 0 {
		is.Err("branches", "请选择责任支部")
	}
	if t.RemindDays < 0 || t.RemindDays > 90 {
		is.Err("remind_days", "提前提醒天数应在 0 至 90 之间")
	}
	return is
}

const taskSelect = "SELECT id, year, aspect, title, requirement, due, points, remind_days, sort_order, deleted_at IS NOT NULL FROM tasks"

func scanTask(sc interface{ Scan(...any) error }) (Task, error) {
	var t Task
	err := sc.Scan(&t.ID, &t.Year, &t.Aspect, &t.Title, &t.Requirement, &t.Due, &t.Points, &t.RemindDays, &t.SortOrder, &t.Deleted)
	return t, err
}

// TaskFilter narrows the assignment list.
type TaskFilter struct {
	Year      int
	BranchID  int64
	Status    string
	Open      bool // only assignments not yet 已完成
	WithSteps bool
}

// TaskAction is one step taken on an assignment.
type TaskAction struct {
	Action string // 报送, 通过, 退回, 督办
	Text   string // progress report, review comment or 督办 note
	Score  Points // 通过: points awarded
	Due    Date   // 督办: the new due date
}

// CheckTaskAction is the closed-loop rule: who may take which step from
// which state. Branches report; the office passes (with a score no higher
// than the task's points), returns (with a comment) or supervises again
// (with a new due date). Nothing closes without the office's review.
// A refusal on account of the role wraps ErrForbidden.
func CheckTaskAction(role Role, a Assignment, act TaskAction, today Date) error {
	if err := taskActionAllowed(role, a, act.Action); err != nil {
		return err
	}
	switch act.Action {
	case StepReport:
		if strings.TrimSpace(act.Text) == "" {
			return &ValidationError{Errors: []FieldIssue{{"text", "请填写完成情况"}}}
		}
	case StepPass:
		if act.Score < 0 || act.Score > a.Task.Points {
			return &ValidationError{Errors: []FieldIssue{{"score", fmt.Sprintf("得分应在 0 至 %s 分之间", a.Task.Points)}}}
		}
	case StepReturn:
		if strings.TrimSpace(act.Text) == "" {
			return &ValidationError{Errors: []FieldIssue{{"text", "退回时请写明意见"}}}
		}
	case StepSupervise:
		if act.Due.IsZero() || act.Due.Before(today) {
			return &ValidationError{Errors: []FieldIssue{{"due", "请填写新的完成时限（不早于今天）"}}}
		}
	}
	return nil
}

// taskActionAllowed is the part of CheckTaskAction that depends on the
// role and the assignment's state only, not on what the step carries.
func taskActionAllowed(role Role, a Assignment, action string) error {
	own := role.Office || role.BranchID == a.BranchID
	switch action {
	case StepReport:
		if !own {
			return forbidden("只能报送本支部的任务")
		}
		if a.Status == TaskDone {
			return fmt.Errorf("任务已完成，无需再报送")
		}
		if a.Status == TaskReported {
			return fmt.Errorf("已报送，等待党总支审核")
		}
	case StepPass, StepReturn:
		if !role.Office {
			return forbidden("审核由党总支办公室进行")
		}
		if a.Status != TaskReported {
			return fmt.Errorf("只有已报送的任务才能审核（现为“%s”）", a.Status)
		}
	case StepSupervise:
		if !role.Office {
			return forbidden("督办由党总支办公室进行")
		}
		if a.Status == TaskDone {
			return fmt.Errorf("任务已完成，无需督办")
		}
	default:
		return fmt.Errorf("未知的操作“%s”", action)
	}
	return nil
}
