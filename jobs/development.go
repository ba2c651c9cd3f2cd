package jobs

import (
	"context"
	"fmt"
	"io"
	"strings"

	"dangjian/data"
	"dangjian/data/devimport"
	"dangjian/data/sheet"
	"dangjian/report"
)

// PreviewDevelopment reads a 发展党员工作台账 and plans its import.
func PreviewDevelopment(ctx context.Context, s *data.Store, path string, p Progress) (*sheet.Sheet, *devimport.Plan, error) {
	sh, err := devimport.ReadFile(path, p.fraction("读取发展党员台账"))
	if err != nil {
		return nil, nil, err
	}
	plan, err := devimport.PlanImport(ctx, s, sh)
	return sh, plan, err
}

// ApplyDevelopment imports a ledger read by PreviewDevelopment.
func ApplyDevelopment(ctx context.Context, s *data.Store, sh *sheet.Sheet, mode sheet.Mode, p Progress) (sheet.Result, error) {
	return devimport.Apply(ctx, s, sh, mode, p.fraction("正在导入发展党员档案"))
}

// ImportDevelopment reads a 发展党员工作台账 and imports it.
func ImportDevelopment(ctx context.Context, s *data.Store, path string, mode sheet.Mode, p Progress) (sheet.Result, error) {
	sh, err := devimport.ReadFile(path, p.fraction("读取发展党员台账"))
	if err != nil {
		return sheet.EmptyResult(), err
	}
	return ApplyDevelopment(ctx, s, sh, mode, p)
}

// devPrinting is what both development prints need.
type devPrinting struct {
	org   string
	proc  data.DevProcess
	names func(int64) string
}

func devSetup(ctx context.Context, s *data.Store) (devPrinting, error) {
	org, err := OrgName(ctx, s)
	if err != nil {
		return devPrinting{}, err
	}
	names, err := unitNames(ctx, s, false)
	if err != nil {
		return devPrinting{}, err
	}
	proc, err := s.DevProcess(ctx)
	if err != nil {
		return devPrinting{}, err
	}
	return devPrinting{org, proc, names}, nil
}

// FindDevCandidate picks one development file by its id, or else by the
// candidate's name; two candidates of one name are refused with their ids.
func FindDevCandidate(ctx context.Context, s *data.Store, id int64, name string) (data.DevFile, error) {
	files, err := s.DevFiles(ctx, data.DevCandidateFilter{})
	if err != nil {
		return data.DevFile{}, err
	}
	name = strings.TrimSpace(name)
	var picked []data.DevFile
	for _, f := range files {
		if (id != 0 && f.Candidate.ID == id) || (id == 0 && f.Candidate.Name == name) {
			picked = append(picked, f)
		}
	}
	switch len(picked) {
	case 1:
		return picked[0], nil
	case 0:
		what := name
		if id != 0 {
			what = fmt.Sprintf("编号 %d", id)
		}
		return data.DevFile{}, fmt.Errorf("没有找到发展党员档案：%s", what)
	}
	names, err := s.UnitNames(ctx)
	if err != nil {
		return data.DevFile{}, err
	}
	var ids []string
	for _, f := range picked {
		ids = append(ids, fmt.Sprintf("%d（%s）", f.Candidate.ID, names[f.Candidate.BranchID]))
	}
	return data.DevFile{}, fmt.Errorf("有 %d 名“%s”，请用 --id 指定：%s", len(picked), name, strings.Join(ids, "、"))
}

// PrintDevRecord prints one candidate's 发展党员工作全程纪实表 (o.Out, o.AsOf).
func PrintDevRecord(ctx context.Context, s *data.Store, file data.DevFile, o Options, p Progress) (Done, error) {
	p.step(0, 2, "读取发展党员档案")
	dp, err := devSetup(ctx, s)
	if err != nil {
		return Done{}, err
	}
	var readErr error
	opts := report.DevRecordOptions{Org: dp.org, Process: dp.proc, UnitName: dp.names, AsOf: o.asOf(s),
		Materials: func(stepID int64) []string {
			list, err := s.DevMaterials(ctx, stepID)
			if err != nil && readErr == nil {
				readErr = err
			}
			var out []string
			for _, a := range list {
				out = append(out, a.FileName)
			}
			return out
		}}
	if err := write(o, p, 1, 2, func(w io.Writer) error {
		if err := report.DevRecord(w, []data.DevFile{file}, opts); err != nil {
			return err
		}
		return readErr
	}); err != nil {
		return Done{}, err
	}
	return Done{Path: o.Out, Count: 1, Message: fmt.Sprintf("已打印 %s 的%s：%s", file.Candidate.Name, report.DevRecordTitle, o.Out)}, nil
}

// PrintDevLedger prints the year's 发展党员台账 (o.Year; o.BranchID or every
// branch; o.Out, o.AsOf).
func PrintDevLedger(ctx context.Context, s *data.Store, o Options, p Progress) (Done, error) {
	p.step(0, 2, "读取发展党员档案")
	dp, err := devSetup(ctx, s)
	if err != nil {
		return Done{}, err
	}
	files, err := s.DevFiles(ctx, data.DevCandidateFilter{BranchID: o.BranchID})
	if err != nil {
		return Done{}, err
	}
	n := 0
	for _, f := range files {
		if report.DevInYear(f, o.Year) {
			n++
		}
	}
	if n == 0 {
		return Done{}, fmt.Errorf("%d 年度没有发展党员档案（可先导入发展党员工作台账）", o.Year)
	}
	branch := ""
	if o.BranchID != 0 {
		branch = dp.names(o.BranchID)
	}
	opts := report.DevLedgerOptions{Year: o.Year, Org: dp.org, Branch: branch, Process: dp.proc, UnitName: dp.names, AsOf: o.asOf(s)}
	if err := write(o, p, 1, 2, func(w io.Writer) error { return report.DevLedger(w, files, opts) }); err != nil {
		return Done{}, err
	}
	return Done{Path: o.Out, Count: n, Message: fmt.Sprintf("已打印 %s（%d 名）：%s", report.DevLedgerTitle(o.Year), n, o.Out)}, nil
}
