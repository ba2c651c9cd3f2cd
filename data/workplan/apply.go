package workplan

import (
	"context"

	"dangjian/data"
	"dangjian/data/sheet"
)

// Result is what Apply wrote, in the other imports' shape (and JSON):
// Imported tasks added; Unchanged those already on file (listed in Skipped
// as 已存在); Updated and the created units are always zero/empty, since
// an import never changes tasks on file nor creates branches.
type Result = sheet.Result

// Apply imports sh as the work plan of year (0: this year). The plan is
// computed again inside one write transaction, against the tasks on file
// at that moment, and the tasks are stored (tx.SaveTask, each with its
// audit row and one assignment per responsible branch) in that same
// transaction: an error, a cancelled ctx or a crash leaves the database as
// it was. In AllOrNothing mode a rejected row stops everything (the error
// wraps sheet.ErrRejected).
func Apply(ctx context.Context, s *data.Store, sh *sheet.Sheet, year int, mode sheet.Mode, progress data.Progress) (Result, error) {
	res := Result{CreatedBranches: []string{}, CreatedGroups: []string{}, Rejected: []sheet.Issue{},
		Warnings: []sheet.Issue{}, Skipped: []sheet.Issue{}}
	year = Year(s, year)
	if err := checkYear(year); err != nil {
		return res, err
	}
	// tx.SaveTask refuses a branch deleted since the units were read, and
	// the row is then refused. Only the office publishes tasks: a branch
	// copy's import is refused as a whole.
	role := s.Role(ctx)
	if err := role.OfficeOnly("督办任务由党总支办公室发布"); err != nil {
		return res, err
	}
	return sheet.Write(ctx, s, sh, mode, progress, sheet.Writer[Row]{
		Plan: func(tx *data.Tx, units []data.OrgUnit, progress data.Progress) (sheet.Planned[Row], error) {
			tasks, err := tx.Tasks(year)
			if err != nil {
				return sheet.Planned[Row]{}, err
			}
			p, err := plan(ctx, sh, year, world{units: units, tasks: tasks}, progress)
			if err != nil {
				return sheet.Planned[Row]{}, err
			}
			return p.planned(), nil
		},
		Save: func(tx *data.Tx, a Row) (int, []sheet.Issue, error) {
			_, err := tx.SaveTask(role, a.Task)
			return a.Row, a.Warnings, err
		},
		Every: 50,
		Sort:  sortIssues,
	})
}

// planned is p as sheet.Write takes it.
func (p *Plan) planned() sheet.Planned[Row] {
	return sheet.Planned[Row]{Header: p.Header, Existing: p.Existing, Adds: p.Adds,
		Rejected: p.Rejected, Warnings: p.Warnings, Skipped: p.Skipped}
}
