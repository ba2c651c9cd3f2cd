package data

import (
	"errors"
	"fmt"
)

// Who may write what. Every write a role may not do is refused here, in
// data, with the role passed in, so the GUI and the CLI obey one rule:
//   - the 党总支 office publishes tasks, edits checklist items, scores,
//     reviews and closes the year;
//   - a branch copy reports its own tasks, writes evidence for its own
//     branch, and keeps (and imports) minutes of its own branch and its
//     groups, which it can submit but never file as 已审核.
//
// The screens ask the same functions which buttons to offer
// (AllowedTaskActions, AllowedReviewActions, AllowedChecklistActions).

// ErrForbidden is what every refusal on account of the role wraps:
// errors.Is(err, ErrForbidden) tells a permission refusal from bad input.
var ErrForbidden = errors.New("当前身份无权进行此操作")

// RoleOffice is the 党总支 office, the role of the CLI and the demo by
// default and of a copy whose 本机身份 is not set.
var RoleOffice = Role{Office: true}

// ForbiddenError is a refusal in Chinese that names what the role may not do.
type ForbiddenError struct{ Msg string }

func (e *ForbiddenError) Error() string { return e.Msg }

// Unwrap makes errors.Is(err, ErrForbidden) hold.
func (e *ForbiddenError) Unwrap() error { return ErrForbidden }

func forbidden(format string, args ...any) error {
	return &ForbiddenError{Msg: fmt.Sprintf(format, args...)}
}

// OfficeOnly refuses a branch copy what only the office does (what: "督办任务由党总支办公室发布").
func (r Role) OfficeOnly(what string) error {
	if r.Office {
		return nil
	}
	return forbidden("%s，党支部不能进行此操作", what)
}

// OwnBranch refuses a branch copy writing for another branch (what:
// "填写佐证说明").
func (r Role) OwnBranch(branchID int64, what string) error {
	if r.Office || (r.BranchID != 0 && r.BranchID == branchID) {
		return nil
	}
	return forbidden("只能为本支部%s", what)
}

// CanSaveMeeting is the rule for writing minutes of a unit (a branch or
// one of its groups): the office writes any; a branch copy only its own
// branch's and its groups'.
func (r Role) CanSaveMeeting(unitID int64, branchOf func(unitID int64) int64) error {
	if r.Office || (r.BranchID != 0 && branchOf(unitID) == r.BranchID) {
		return nil
	}
	return forbidden("只能保存本支部（含所属党小组）的会议记录")
}

// CanFileApproved is the rule for filing minutes as 已审核 without the
// review step (an import of records filed on paper): office only.
func (r Role) CanFileApproved() error {
	return r.OfficeOnly("会议记录按“已审核”归档须由党总支办公室进行")
}

// AllowedReviewActions lists the review states role may move minutes m
// to: 已提交 for the branch (or the office on its behalf), 已审核 and 退回
// for the office. A return still needs a comment (Transition checks it).
func AllowedReviewActions(role Role, m Meeting, branchOf func(int64) int64) []string {
	var out []string
	for _, to := range []string{StatusSubmitted, StatusApproved, StatusReturned} {
		if role.transition(m, to, branchOf) == nil {
			out = append(out, to)
		}
	}
	return out
}

// AllowedTaskActions lists the steps of the closed loop role may take on
// assignment a on day today (报送, 通过, 退回, 督办), by the same rule
// ActOnTask enforces; what the step then needs (a text, a score, a date)
// is checked when it is taken.
func AllowedTaskActions(role Role, a Assignment, today Date) []string {
	var out []string
	for _, act := range []string{StepReport, StepPass, StepReturn, StepSupervise} {
		if taskActionAllowed(role, a, act) == nil {
			out = append(out, act)
		}
	}
	return out
}

// Checklist actions a screen offers on one item × branch.
const (
	ChecklistEvidence = "佐证说明"
	ChecklistScore    = "评分"
	ChecklistEdit     = "编辑细则"
	ChecklistClose    = "年度归档"
)

// AllowedChecklistActions lists what role may do with a branch's score
// of an item in a year that is (or is not) closed. A nil sc asks about the
// year only (editing items, closing).
func AllowedChecklistActions(role Role, sc *ItemScore, closed bool) []string {
	if closed {
		return nil
	}
	var out []string
	if sc != nil {
		if role.OwnBranch(sc.BranchID, "填写佐证说明") == nil {
			out = append(out, ChecklistEvidence)
		}
		if role.Office && !sc.Auto {
			out = append(out, ChecklistScore)
		}
	}
	if role.Office {
		out = append(out, ChecklistEdit, ChecklistClose)
	}
	return out
}

// Has reports whether list holds action: AllowedXActions(…) read as a set.
func Has(list []string, action string) bool {
	for _, a := range list {
		if a == action {
			return true
		}
	}
	return false
}
