package workplan

import (
	"context"
	"errors"
	"fmt"

	"dangjian/data"
	"dangjian/data/roster"
)

// Result is what Apply wrote, in the other imports' shape (and JSON):
// Imported tasks added; Unchanged those already on file (listed in Skipped
// as 已存在); Updated and the created units are always zero/empty, since
// an import never changes tasks on file nor creates branches.
type Result = roster.Result

// Apply imports sh as the work plan of year (0: this year). The plan is
// computed again inside one write transaction, against the tasks on file
// at that moment, and the tasks are stored (tx.SaveTask, each with its
// audit row and one assignment per responsible branch) in that same
// transaction: an error, a cancelled ctx or a crash leaves the database as
// it was. In AllOrNothing mode a rejected row stops everything (the error
// wraps roster.ErrRejected).
func Apply(ctx context.Context, s *data.Store, sh *roster.Sheet, year int, mode roster.Mode, progress data.Progress) (Result, error) {
	res := Result{CreatedBranches: []string{}, CreatedGroups: []string{}, Rejected: []roster.Issue{},
		Warnings: []roster.Issue{}, Skipped: []roster.Issue{}}
	year = Year(s, year)
	if err := checkYear(year); err != nil {
		return res, err
	}
	if sh == nil || len(sh.Rows) == 0 {
		return res, errors.New("表格是空的，没有可导入的内容")
	}
	report := func(f float64) {
		if progress != nil {
			progress(f)
		}
	}
	report(0)
	// Units are read before the transaction (the read pool is not used
	// inside a write); tx.SaveTask refuses a branch deleted since, and
	// the row is then refused.
	units, err := s.OrgUnits(ctx)
	if err != nil {
		return res, err
	}
	var out Result
	err = s.Write(ctx, func(tx *data.Tx) error {
		out = res
		tasks, err := tx.Tasks(year)
		if err != nil {
			return err
		}
		p, err := plan(ctx, sh, year, world{units: units, tasks: tasks}, func(f float64) { report(0.3 * f) })
		if err != nil {
			return err
		}
		out.Rejected = append(out.Rejected, p.Rejected...)
		out.Skipped = append(out.Skipped, p.Skipped...)
		out.Unchanged = p.Existing
		if mode == roster.AllOrNothing && len(p.Rejected) > 0 {
			out.Warnings = append(out.Warnings, p.Warnings...)
			return roster.ErrRejected
		}
		for _, w := range p.Warnings {
			if w.Row == p.Header {
				out.Warnings = append(out.Warnings, w)
			}
		}
		for i, a := range p.Adds {
			_, err := tx.SaveTask(a.Task)
			var ve *data.ValidationError
			if errors.As(err, &ve) {
				// The store refused what the plan let through (a
				// branch deleted meanwhile): the row is refused on its own.
				out.Rejected = append(out.Rejected, roster.Issue{Row: a.Row, Reason: ve.Error()})
				if mode == roster.AllOrNothing {
					return roster.ErrRejected
				}
				continue
			}
			if err != nil {
				return fmt.Errorf("第 %d 行：%w", a.Row, err)
			}
			out.Imported++
			out.Warnings = append(out.Warnings, a.Warnings...)
			if (i+1)%50 == 0 {
				report(0.3 + 0.7*float64(i+1)/float64(len(p.Adds)))
				if err := ctx.Err(); err != nil {
					return err
				}
			}
		}
		sortIssues(out.Rejected)
		return ctx.Err()
	})
	if err != nil {
		if errors.Is(err, roster.ErrRejected) {
			out.Imported, out.Unchanged = 0, 0
			sortIssues(out.Rejected)
			return out, fmt.Errorf("有 %d 行不能导入；按“全部行都没有问题才导入”的方式，未写入任何数据：%w",
				countRows(out.Rejected), roster.ErrRejected)
		}
		return res, err
	}
	report(1)
	return out, nil
}
