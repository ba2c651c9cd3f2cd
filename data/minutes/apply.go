package minutes

import (
	"context"
	"errors"
	"fmt"

	"dangjian/data"
	"dangjian/data/roster"
)

// Result is what Apply wrote, in the member import's shape (and JSON):
// Imported meetings added; Unchanged those already on file (listed in
// Skipped as 已存在); Updated and the created units are always zero/empty,
// since an import never changes minutes on file nor creates branches.
type Result = roster.Result

// ImportComment is the review note of minutes filed by an import.
const ImportComment = "历史纪要导入"

// Apply imports sh. The plan is computed again inside one write
// transaction, against the minutes on file at that moment, and the
// meetings are stored in that same transaction: an error, a cancelled ctx
// or a crash leaves the database as it was. In AllOrNothing mode a
// rejected row stops everything (the error wraps roster.ErrRejected).
//
// Imported minutes are filed as 已审核 by the operator, with the review
// note "历史纪要导入（sheet 第 N 行）": they are records of meetings held
// and archived years ago, which the review flow (submission needs 地点,
// 主持人, 记录人, 主要内容 and attendance that old ledgers often lack) would
// otherwise leave as drafts for ever. A ledger with a 审核状态 column can
// keep rows as drafts (草稿, 未审核, 待审核).
func Apply(ctx context.Context, s *data.Store, sh *roster.Sheet, mode roster.Mode, progress data.Progress) (Result, error) {
	res := Result{CreatedBranches: []string{}, CreatedGroups: []string{}, Rejected: []roster.Issue{},
		Warnings: []roster.Issue{}, Skipped: []roster.Issue{}}
	if sh == nil || len(sh.Rows) == 0 {
		return res, errors.New("表格是空的，没有可导入的内容")
	}
	report := func(f float64) {
		if progress != nil {
			progress(f)
		}
	}
	report(0)
	// Units are read before the transaction (the read pool must not be
	// used inside a write); tx.SaveMeeting refuses a unit deleted since,
	// and the whole import then rolls back.
	units, err := s.OrgUnits(ctx)
	if err != nil {
		return res, err
	}
	var out Result
	err = s.Write(ctx, func(tx *data.Tx) error {
		out = res
		w := world{today: tx.Today(), units: units, exists: tx.MeetingExists}
		p, err := plan(ctx, sh, w, func(f float64) { report(0.3 * f) })
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
			approve := a.Meeting.Status == data.StatusApproved
			note := fmt.Sprintf("%s（%s 第 %d 行）", ImportComment, sh.Name, a.Row)
			_, _, err := tx.ImportMeeting(a.Meeting, approve, note)
			var ve *data.ValidationError
			if errors.As(err, &ve) {
				// The store refused what the plan let through (a unit
				// deleted meanwhile): the row is refused on its own.
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
			if (i+1)%100 == 0 {
				report(0.3 + 0.7*float64(i+1)/float64(len(p.Adds)))
				if err := ctx.Err(); err != nil {
					return err
				}
			}
		}
		return ctx.Err()
	})
	if err != nil {
		if errors.Is(err, roster.ErrRejected) {
			out.Imported, out.Unchanged = 0, 0
			return out, fmt.Errorf("有 %d 行不能导入；按“全部行都没有问题才导入”的方式，未写入任何数据：%w",
				countRows(out.Rejected), roster.ErrRejected)
		}
		return res, err
	}
	report(1)
	return out, nil
}
