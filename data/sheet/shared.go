package sheet

import (
	"context"
	"errors"
	"fmt"

	"dangjian/data"
)

// Planned is what a sheet importer's plan hands to Write: where its
// header is, what it found, and the rows to add.
type Planned[A any] struct {
	Header   int // row number of the header; its warnings are kept even for rows not added
	Existing int // rows already on file
	Adds     []A
	Rejected []Issue
	Warnings []Issue
	Skipped  []Issue
}

// Writer is one sheet importer's part in Write.
type Writer[A any] struct {
	// Plan plans the sheet inside the write transaction, against what is
	// on file then; progress runs from 0 to 1.
	Plan func(tx *data.Tx, units []data.OrgUnit, progress data.Progress) (Planned[A], error)
	// Save stores one row to add and tells its row number and warnings. A
	// *data.ValidationError refuses that row alone; any other error stops
	// the import.
	Save func(tx *data.Tx, a A) (row int, warnings []Issue, err error)
	// Every is how many rows go between progress reports and checks of ctx.
	Every int
	// Sort, if set, orders the rejections before they are returned.
	Sort func([]Issue)
}

// Write is the apply step of the sheet importers that only add (minutes,
// work plans): the plan is computed again inside one write transaction and
// its rows are stored in that same transaction, so an error, a cancelled
// ctx or a crash leaves the database as it was. In AllOrNothing mode a
// rejected row stops everything (the error wraps ErrRejected). Units are
// read before the transaction (the read pool is not used inside a write).
func Write[A any](ctx context.Context, s *data.Store, sh *Sheet, mode Mode, progress data.Progress, w Writer[A]) (Result, error) {
	res := EmptyResult()
	if sh == nil || len(sh.Rows) == 0 {
		return res, errors.New("表格是空的，没有可导入的内容")
	}
	report := func(f float64) {
		if progress != nil {
			progress(f)
		}
	}
	sortIssues := func(list []Issue) {
		if w.Sort != nil {
			w.Sort(list)
		}
	}
	report(0)
	units, err := s.OrgUnits(ctx)
	if err != nil {
		return res, err
	}
	var out Result
	err = s.Write(ctx, func(tx *data.Tx) error {
		out = res
		p, err := w.Plan(tx, units, func(f float64) { report(0.3 * f) })
		if err != nil {
			return err
		}
		out.Rejected = append(out.Rejected, p.Rejected...)
		out.Skipped = append(out.Skipped, p.Skipped...)
		out.Unchanged = p.Existing
		if mode == AllOrNothing && len(p.Rejected) > 0 {
			out.Warnings = append(out.Warnings, p.Warnings...)
			return ErrRejected
		}
		for _, w := range p.Warnings {
			if w.Row == p.Header {
				out.Warnings = append(out.Warnings, w)
			}
		}
		for i, a := range p.Adds {
			row, warns, err := w.Save(tx, a)
			var ve *data.ValidationError
			if errors.As(err, &ve) {
				// The store refused what the plan let through (a unit
				// deleted meanwhile): the row is refused on its own.
				out.Rejected = append(out.Rejected, Issue{Row: row, Reason: ve.Error()})
				if mode == AllOrNothing {
					return ErrRejected
				}
				continue
			}
			if err != nil && data.IsFileError(err) {
				return err // the file's problem, not the row's
			}
			if err != nil {
				return fmt.Errorf("第 %d 行：%w", row, err)
			}
			out.Imported++
			out.Warnings = append(out.Warnings, warns...)
			if (i+1)%w.Every == 0 {
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
		if errors.Is(err, ErrRejected) {
			out.Imported, out.Unchanged = 0, 0
			sortIssues(out.Rejected)
			return out, fmt.Errorf("有 %d 行不能导入；按“全部行都没有问题才导入”的方式，未写入任何数据：%w",
				CountRows(out.Rejected), ErrRejected)
		}
		return res, err
	}
	report(1)
	return out, nil
}
