package ui

// 考评督办: importing the year's task list.

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"dangjian/data/sheet"
	"dangjian/data/workplan"
	"dangjian/jobs"
)

// importTasks loads the year's work plan from a spreadsheet, with a preview.
func (s *assessScreen) importTasks() {
	sh := s.sh
	year := s.yearN()
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		var book *sheet.Sheet
		var plan *workplan.Plan
		sh.runJob("读取任务清单", func(p jobs.Progress) (jobs.Done, error) {
			var err error
			book, plan, err = jobs.PreviewTasks(sh.ctx, sh.store, path, year, p)
			return jobs.Done{}, err
		}, func(jobs.Done) { s.previewTasks(path, book, plan, year) })
	}, sh.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv", ".XLSX", ".CSV"}))
	setStartFolder(d, "")
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

func (s *assessScreen) previewTasks(path string, book *sheet.Sheet, p *workplan.Plan, year int) {
	sh := s.sh
	adds := newTextTable([]string{"行号", "方面", "任务", "责任支部", "完成时限", "分值"}, []float32{60, 110, 300, 200, 100, 50})
	var rows [][]string
	for _, a := range p.Adds {
		var names []string
		for _, b := range a.Task.Branches {
			names = append(names, s.unitName(b))
		}
		rows = append(rows, []string{fmt.Sprint(a.Row), a.Task.Aspect, a.Task.Title, strings.Join(names, "、"), a.Task.Due.String(), a.Task.Points.String()})
	}
	adds.setRows(rows)
	showImportPreview(sh.win, importPreview{
		title: "导入督办任务（预览，尚未写入）",
		summary: fmt.Sprintf("文件：%s（%d 年度）\n可导入 %d 项任务，已存在 %d 项，不能导入 %d 行。",
			filepath.Base(path), year, len(p.Adds), p.Existing, rejectedRows(p.Rejected)),
		adds: adds, nAdds: len(p.Adds), rejected: p.Rejected, warnings: p.Warnings, skipped: p.Skipped,
		apply: func(m sheet.Mode) {
			var res sheet.Result
			sh.runJob("正在导入督办任务", func(p jobs.Progress) (jobs.Done, error) {
				var err error
				if res, err = jobs.ApplyTasks(sh.ctx, sh.store, book, year, m, p); err != nil {
					return jobs.Done{}, fmt.Errorf("未导入任何任务：%w", err)
				}
				return jobs.Done{}, nil
			}, func(jobs.Done) {
				dialog.ShowInformation("导入完成", fmt.Sprintf("已导入 %d 项任务。", res.Imported), sh.win)
				s.loadTasks()
			})
		},
	})
}
