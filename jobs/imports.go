package jobs

import (
	"context"

	"dangjian/data"
	"dangjian/data/minutes"
	"dangjian/data/roster"
	"dangjian/data/sheet"
	"dangjian/data/workplan"
)

// The three spreadsheet imports, each in two steps as the workbench runs
// them — Preview (read the file and plan: nothing is written) and Apply
// (planned again and written in one transaction) — and in one step as the
// command line runs them (Import: read and apply).

// PreviewMembers reads a member roster and plans its import.
func PreviewMembers(ctx context.Context, s *data.Store, path string, p Progress) (*sheet.Sheet, *roster.Plan, error) {
	sh, err := roster.ReadFile(path, p.fraction("读取花名册"))
	if err != nil {
		return nil, nil, err
	}
	p.step(1000, 1000, "核对花名册")
	plan, err := roster.PlanImport(ctx, s, sh)
	return sh, plan, err
}

// ApplyMembers imports a roster read by PreviewMembers.
func ApplyMembers(ctx context.Context, s *data.Store, sh *sheet.Sheet, mode sheet.Mode, p Progress) (sheet.Result, error) {
	return roster.Apply(ctx, s, sh, mode, p.fraction("正在导入党员档案"))
}

// ImportMembers reads a member roster and imports it.
func ImportMembers(ctx context.Context, s *data.Store, path string, mode sheet.Mode, p Progress) (sheet.Result, error) {
	sh, err := roster.ReadFile(path, p.fraction("读取花名册"))
	if err != nil {
		return sheet.EmptyResult(), err
	}
	return ApplyMembers(ctx, s, sh, mode, p)
}

// PreviewMeetings reads a minutes ledger and plans its import.
func PreviewMeetings(ctx context.Context, s *data.Store, path string, p Progress) (*sheet.Sheet, *minutes.Plan, error) {
	sh, err := minutes.ReadFile(path, p.fraction("读取会议记录台账"))
	if err != nil {
		return nil, nil, err
	}
	plan, err := minutes.PlanImport(ctx, s, sh)
	return sh, plan, err
}

// ApplyMeetings imports a ledger read by PreviewMeetings.
func ApplyMeetings(ctx context.Context, s *data.Store, sh *sheet.Sheet, mode sheet.Mode, p Progress) (sheet.Result, error) {
	return minutes.Apply(ctx, s, sh, mode, p.fraction("正在导入会议记录"))
}

// ImportMeetings reads a minutes ledger and imports it.
func ImportMeetings(ctx context.Context, s *data.Store, path string, mode sheet.Mode, p Progress) (sheet.Result, error) {
	sh, err := minutes.ReadFile(path, p.fraction("读取会议记录台账"))
	if err != nil {
		return sheet.EmptyResult(), err
	}
	return ApplyMeetings(ctx, s, sh, mode, p)
}

// PreviewTasks reads a year's task list and plans its import.
func PreviewTasks(ctx context.Context, s *data.Store, path string, year int, p Progress) (*sheet.Sheet, *workplan.Plan, error) {
	sh, err := workplan.ReadFile(path, p.fraction("读取任务清单"))
	if err != nil {
		return nil, nil, err
	}
	plan, err := workplan.PlanImport(ctx, s, sh, year)
	return sh, plan, err
}

// ApplyTasks imports a task list read by PreviewTasks, as year's.
func ApplyTasks(ctx context.Context, s *data.Store, sh *sheet.Sheet, year int, mode sheet.Mode, p Progress) (sheet.Result, error) {
	return workplan.Apply(ctx, s, sh, year, mode, p.fraction("正在导入督办任务"))
}

// ImportTasks reads a task list and imports it as year's.
func ImportTasks(ctx context.Context, s *data.Store, path string, year int, mode sheet.Mode, p Progress) (sheet.Result, error) {
	sh, err := workplan.ReadFile(path, p.fraction("读取任务清单"))
	if err != nil {
		return sheet.EmptyResult(), err
	}
	return ApplyTasks(ctx, s, sh, year, mode, p)
}
