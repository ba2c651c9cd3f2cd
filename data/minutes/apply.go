package minutes

import (
	"context"
	"fmt"

	"dangjian/data"
	"dangjian/data/sheet"
)

// Result is what Apply wrote, in the member import's shape (and JSON):
// Imported meetings added; Unchanged those already on file (listed in
// Skipped as 已存在); Updated and the created units are always zero/empty,
// since an import never changes minutes on file nor creates branches.
type Result = sheet.Result

// ImportComment is the review note of minutes filed by an import.
const ImportComment = "历史纪要导入"

// Apply imports sh. The plan is computed again inside one write
// transaction, against the minutes on file at that moment, and the
// meetings are stored in that same transaction: an error, a cancelled ctx
// or a crash leaves the database as it was. In AllOrNothing mode a
// rejected row stops everything (the error wraps sheet.ErrRejected).
//
// Imported minutes are filed as 已审核 by the operator, with the review
// note "历史纪要导入（sheet 第 N 行）": they are records of meetings held
// and archived years ago, which the review flow (submission needs 地点,
// 主持人, 记录人, 主要内容 and attendance that old ledgers often lack) would
// otherwise leave as drafts for ever. A ledger with a 审核状态 column can
// keep rows as drafts (草稿, 未审核, 待审核).
func Apply(ctx context.Context, s *data.Store, sh *sheet.Sheet, mode sheet.Mode, progress data.Progress) (Result, error) {
	// tx.ImportMeeting refuses a unit deleted since the units were read,
	// and the row is then refused; it refuses too what the role may not
	// write (another branch's minutes, or filing as 已审核 on a branch copy).
	role := s.Role(ctx)
	return sheet.Write(ctx, s, sh, mode, progress, sheet.Writer[Row]{
		Plan: func(tx *data.Tx, units []data.OrgUnit, progress data.Progress) (sheet.Planned[Row], error) {
			w := world{today: tx.Today(), role: role, units: units, exists: tx.MeetingExists}
			p, err := plan(ctx, sh, w, progress)
			if err != nil {
				return sheet.Planned[Row]{}, err
			}
			return p.planned(), nil
		},
		Save: func(tx *data.Tx, a Row) (int, []sheet.Issue, error) {
			approve := a.Meeting.Status == data.StatusApproved
			note := fmt.Sprintf("%s（%s 第 %d 行）", ImportComment, sh.Name, a.Row)
			_, _, err := tx.ImportMeeting(role, a.Meeting, approve, note)
			return a.Row, a.Warnings, err
		},
		Every: 100,
	})
}

// planned is p as sheet.Write takes it.
func (p *Plan) planned() sheet.Planned[Row] {
	return sheet.Planned[Row]{Header: p.Header, Existing: p.Existing, Adds: p.Adds,
		Rejected: p.Rejected, Warnings: p.Warnings, Skipped: p.Skipped}
}
