package jobs

import (
	"context"
	"fmt"
	"io"

	"dangjian/data"
	"dangjian/data/sheet"
	"dangjian/data/studyimport"
	"dangjian/report"
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

// PrintStudyFile prints one member's 学习档案 into out.
func PrintStudyFile(ctx context.Context, s *data.Store, memberID int64, out string, p Progress) (Done, error) {
	p.step(0, 2, "读取学习记录")
	m, err := s.Member(ctx, memberID)
	if err != nil {
		return Done{}, err
	}
	recs, err := s.StudyRecords(ctx, data.StudyFilter{MemberID: memberID})
	if err != nil {
		return Done{}, err
	}
	entries, err := s.PointEntries(ctx, memberID)
	if err != nil {
		return Done{}, err
	}
	rules, err := s.PointsRules(ctx)
	if err != nil {
		return Done{}, err
	}
	org, err := OrgName(ctx, s)
	if err != nil {
		return Done{}, err
	}
	names, err := s.UnitNames(ctx)
	if err != nil {
		return Done{}, err
	}
	o := report.StudyFileOptions{Org: org, Name: m.Name, Branch: names[m.BranchID], Status: m.Status,
		Rules: data.RulesText(rules), AsOf: s.Today()}
	if err := write(Options{Out: out}, p, 1, 2, func(w io.Writer) error { return report.StudyFile(w, recs, entries, o) }); err != nil {
		return Done{}, err
	}
	return Done{Path: out, Count: len(recs), Message: fmt.Sprintf("已打印 %s 的%s：%s", m.Name, report.StudyFileTitle, out)}, nil
}

// PrintPointsRanking prints the 积分排名 of a period for one branch (0: everyone) into out.
func PrintPointsRanking(ctx context.Context, s *data.Store, period data.RankPeriod, branchID int64, out string, p Progress) (Done, error) {
	p.step(0, 2, "计算积分")
	r, err := s.Rankings(ctx, period, branchID)
	if err != nil {
		return Done{}, err
	}
	rules, err := s.PointsRules(ctx)
	if err != nil {
		return Done{}, err
	}
	org, err := OrgName(ctx, s)
	if err != nil {
		return Done{}, err
	}
	o := report.PointsRankingOptions{Org: org, Rules: data.RulesText(rules), AsOf: s.Today()}
	if branchID != 0 {
		names, err := s.UnitNames(ctx)
		if err != nil {
			return Done{}, err
		}
		o.Branch = names[branchID]
	}
	if err := write(Options{Out: out}, p, 1, 2, func(w io.Writer) error { return report.PointsRanking(w, r, o) }); err != nil {
		return Done{}, err
	}
	return Done{Path: out, Count: len(r.Overall), Message: fmt.Sprintf("已打印%s：%s", report.PointsRankingTitle(period), out)}, nil
}
