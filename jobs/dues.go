package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"dangjian/data"
	"dangjian/data/duesimport"
	"dangjian/data/sheet"
	"dangjian/report"
)

// PreviewDues reads a 党费收缴登记表 and plans its import as year's.
func PreviewDues(ctx context.Context, s *data.Store, path string, year int, p Progress) (*sheet.Sheet, *duesimport.Plan, error) {
	sh, err := duesimport.ReadFile(path, p.fraction("读取党费收缴登记表"))
	if err != nil {
		return nil, nil, err
	}
	plan, err := duesimport.PlanImport(ctx, s, sh, year)
	return sh, plan, err
}

// ApplyDues imports a 登记表 read by PreviewDues.
func ApplyDues(ctx context.Context, s *data.Store, sh *sheet.Sheet, year int, mode sheet.Mode, p Progress) (sheet.Result, error) {
	return duesimport.Apply(ctx, s, sh, year, mode, p.fraction("正在导入党费记录"))
}

// ImportDues reads a 登记表 and imports it as year's.
func ImportDues(ctx context.Context, s *data.Store, path string, year int, mode sheet.Mode, p Progress) (sheet.Result, error) {
	sh, err := duesimport.ReadFile(path, p.fraction("读取党费收缴登记表"))
	if err != nil {
		return sheet.EmptyResult(), err
	}
	return ApplyDues(ctx, s, sh, year, mode, p)
}

// duesSetup is what every dues printout needs.
func duesSetup(ctx context.Context, s *data.Store, o Options) (*data.DuesBook, []int64, report.DuesOptions, error) {
	var ro report.DuesOptions
	if o.Year == 0 {
		return nil, nil, ro, errors.New("请指定年度")
	}
	book, err := s.DuesYearBook(ctx, o.Year, o.BranchID)
	if err != nil {
		return nil, nil, ro, err
	}
	org, err := OrgName(ctx, s)
	if err != nil {
		return nil, nil, ro, err
	}
	name, err := unitNames(ctx, s, false)
	if err != nil {
		return nil, nil, ro, err
	}
	var branches []int64
	if o.BranchID != 0 {
		branches = []int64{o.BranchID}
	} else {
		units, err := s.OrgUnits(ctx)
		if err != nil {
			return nil, nil, ro, err
		}
		for _, u := range units {
			if u.Level == data.LevelBranch && !u.Deleted {
				branches = append(branches, u.ID)
			}
		}
	}
	upTo := data.MonthOf(o.Year, time.December)
	if asOf := o.asOf(s); asOf.Y == o.Year {
		upTo = data.MonthOfDate(asOf) - 1 // the month running is not owed yet
	}
	return book, branches, report.DuesOptions{Year: o.Year, Org: org, UnitName: name, UpTo: upTo}, nil
}

// PrintDuesLedger prints the year's 党费收缴台账 (o.Year, o.Out): o.BranchID's,
// or every branch's after the general branch's summary.
func PrintDuesLedger(ctx context.Context, s *data.Store, o Options, p Progress) (Done, error) {
	p.step(0, 2, "读取党费记录")
	book, branches, ro, err := duesSetup(ctx, s, o)
	if err != nil {
		return Done{}, err
	}
	if len(branches) == 0 {
		return Done{}, errors.New("还没有党支部，无法打印党费台账")
	}
	ro.Summary = o.BranchID == 0
	if err := write(o, p, 1, 2, func(w io.Writer) error { return report.DuesLedger(w, book, branches, ro) }); err != nil {
		return Done{}, err
	}
	what := "各党支部"
	if o.BranchID != 0 {
		what = ro.UnitName(o.BranchID)
	}
	return Done{Path: o.Out, Count: len(branches),
		Message: fmt.Sprintf("已打印%s %d 年度党费收缴台账：%s", what, o.Year, o.Out)}, nil
}

// PrintDuesSheet prints a branch's collection sheet for month (o.BranchID, o.Out).
func PrintDuesSheet(ctx context.Context, s *data.Store, month data.Month, o Options, p Progress) (Done, error) {
	if o.BranchID == 0 {
		return Done{}, errors.New("请选择党支部")
	}
	o.Year = month.Year()
	p.step(0, 2, "读取党费记录")
	book, _, ro, err := duesSetup(ctx, s, o)
	if err != nil {
		return Done{}, err
	}
	if err := write(o, p, 1, 2, func(w io.Writer) error {
		return report.DuesCollectionSheet(w, book, o.BranchID, month, ro)
	}); err != nil {
		return Done{}, err
	}
	return Done{Path: o.Out, Count: len(book.Month(month, o.BranchID)),
		Message: fmt.Sprintf("已打印%s %s党费收缴表：%s", ro.UnitName(o.BranchID), month.Chinese(), o.Out)}, nil
}

// PrintDuesReceipt prints a member's 党费缴纳凭证 for o.Year (o.Out).
func PrintDuesReceipt(ctx context.Context, s *data.Store, memberID int64, o Options, p Progress) (Done, error) {
	if o.Year == 0 {
		o.Year = s.Today().Y
	}
	p.step(0, 2, "读取党费记录")
	book, err := s.DuesBook(ctx, data.DuesQuery{From: data.MonthOf(o.Year, time.January), To: data.MonthOf(o.Year, time.December), MemberID: memberID})
	if err != nil {
		return Done{}, err
	}
	org, err := OrgName(ctx, s)
	if err != nil {
		return Done{}, err
	}
	name, err := unitNames(ctx, s, false)
	if err != nil {
		return Done{}, err
	}
	ro := report.DuesOptions{Year: o.Year, Org: org, UnitName: name}
	m := book.Member(memberID)
	if m == nil {
		return Done{}, data.ErrNotFound
	}
	if err := write(o, p, 1, 2, func(w io.Writer) error { return report.DuesReceipt(w, book, memberID, ro) }); err != nil {
		return Done{}, err
	}
	return Done{Path: o.Out, Count: 1, Message: fmt.Sprintf("已打印%s的 %d 年党费缴纳凭证：%s", m.Name, o.Year, o.Out)}, nil
}
