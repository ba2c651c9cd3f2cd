package jobs

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"dangjian/data"
	"dangjian/report"
)

// ExportStats writes the 党内统计 of o.AsOf (the whole organisation, or
// o.BranchID) to o.Out: a PDF with the tables and charts, or an .xlsx
// with the same tables, by the file's extension.
func ExportStats(ctx context.Context, s *data.Store, o Options, p Progress) (Done, error) {
	const total = 3
	ext := strings.ToLower(filepath.Ext(o.Out))
	if ext != ".pdf" && ext != ".xlsx" {
		return Done{}, fmt.Errorf("输出文件应为 .pdf 或 .xlsx：%s", o.Out)
	}
	p.step(0, total, "统计党员和组织情况")
	st, err := s.Stats(ctx, data.StatsOptions{AsOf: o.asOf(s), BranchID: o.BranchID})
	if err != nil {
		return Done{}, err
	}
	org, err := OrgName(ctx, s)
	if err != nil {
		return Done{}, err
	}
	render := func(w io.Writer) error { return report.StatsReport(w, st, report.StatsOptions{Org: org}) }
	if ext == ".xlsx" {
		render = func(w io.Writer) error { return writeStatsXLSX(w, st, org) }
	}
	if err := write(o, p, 1, total, render); err != nil {
		return Done{}, err
	}
	return Done{Path: o.Out, Count: st.Total,
		Message: fmt.Sprintf("已导出截至 %s 的党内统计（党员 %d 名）：%s", st.AsOf.Chinese(), st.Total, o.Out)}, nil
}

// writeStatsXLSX writes report.StatsTables one under another on one sheet,
// numbers as numbers, so the office can copy them into its own forms.
func writeStatsXLSX(w io.Writer, st data.Stats, org string) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "党内统计"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	border := []excelize.Border{{Type: "left", Color: "A0A0A0", Style: 1}, {Type: "right", Color: "A0A0A0", Style: 1},
		{Type: "top", Color: "A0A0A0", Style: 1}, {Type: "bottom", Color: "A0A0A0", Style: 1}}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8E8E8"}}, Alignment: &excelize.Alignment{Horizontal: "center"}})
	if err != nil {
		return err
	}
	group, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F4F4F4"}}})
	if err != nil {
		return err
	}
	cell, err := f.NewStyle(&excelize.Style{Border: border})
	if err != nil {
		return err
	}
	row := 1
	set := func(col, r int, v any, style int) error {
		name, err := excelize.CoordinatesToCellName(col, r)
		if err != nil {
			return err
		}
		if s, ok := v.(string); ok && s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
			v = "'" + s // never a formula
		}
		if err := f.SetCellValue(sheet, name, v); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, name, name, style)
	}
	if err := set(1, row, report.StatsTitle(st), bold); err != nil {
		return err
	}
	row++
	scope := org
	if st.BranchID != 0 {
		scope = st.Scope
	}
	if err := f.SetCellValue(sheet, "A"+strconv.Itoa(row), scope+"　统计截至："+st.AsOf.Chinese()); err != nil {
		return err
	}
	row += 2
	for _, tb := range report.StatsTables(st) {
		if err := set(1, row, tb.Title, bold); err != nil {
			return err
		}
		row++
		for i, c := range tb.Columns {
			if err := set(i+1, row, c, head); err != nil {
				return err
			}
		}
		row++
		for i, r := range tb.Rows {
			if tb.Group[i] {
				for c := range tb.Columns {
					v := ""
					if c == 0 {
						v = r[0]
					}
					if err := set(c+1, row, v, group); err != nil {
						return err
					}
				}
				row++
				continue
			}
			for c, v := range r {
				var val any = v
				if n, err := strconv.Atoi(v); err == nil && c > 0 {
					val = n
				} else if x, err := strconv.ParseFloat(v, 64); err == nil && c > 0 {
					val = x
				}
				if err := set(c+1, row, val, cell); err != nil {
					return err
				}
			}
			row++
		}
		if tb.Note != "" {
			if err := f.SetCellValue(sheet, "A"+strconv.Itoa(row), "注："+tb.Note); err != nil {
				return err
			}
			row++
		}
		row++
	}
	for col, wd := range map[string]float64{"A": 36, "B": 16, "C": 18, "D": 16, "E": 16} {
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}
