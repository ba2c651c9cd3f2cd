package jobs

import (
	"context"
	"fmt"

	"dangjian/data"
	"dangjian/data/sheet"
	"dangjian/data/studyimport"
)

// PreviewStudy reads a 学习台账 and plans its import.
func PreviewStudy(ctx context.Context, s *data.Store, path string, p Progress) (*sheet.Sheet, *studyimport.Plan, error) {
	sh, err := studyimport.ReadFile(path, p.fraction("读取学习台账"))
	if err != nil {
		return nil, nil, err
	}
	plan, err := studyimport.PlanImport(ctx, s, sh)
	return sh, plan, err
}

// ApplyStudy imports a ledger read by PreviewStudy.
func ApplyStudy(ctx context.Context, s *data.Store, sh *sheet.Sheet, mode sheet.Mode, p Progress) (sheet.Result, error) {
	return studyimport.Apply(ctx, s, sh, mode, p.fraction("正在导入学习记录"))
}

// ImportStudy reads a 学习台账 and imports it.
func ImportStudy(ctx context.Context, s *data.Store, path string, mode sheet.Mode, p Progress) (sheet.Result, error) {
	sh, err := studyimport.ReadFile(path, p.fraction("读取学习台账"))
	if err != nil {
		return sheet.EmptyResult(), err
	}
	return ApplyStudy(ctx, s, sh, mode, p)
}

// PointsRanking is the 综合排名 and 学习排名 of a period, for one branch
// (named as people name it) or, with branch "", everyone on the roster.
func PointsRanking(ctx context.Context, s *data.Store, period data.RankPeriod, branch string) (data.Rankings, error) {
	var id int64
	if branch != "" {
		u, err := FindBranch(ctx, s, branch)
		if err != nil {
			return data.Rankings{}, err
		}
		if u.Level != data.LevelBranch {
			return data.Rankings{}, fmt.Errorf("“%s”不是党支部", branch)
		}
		id = u.ID
	}
	return s.Rankings(ctx, period, id)
}
