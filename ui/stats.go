package ui

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/jobs"
	"dangjian/report"
)

// statsScreen is 统计: the 党内统计 as of a chosen day for the whole
// organisation or one branch — the tables (report.StatsTables, the same
// the PDF and the xlsx print) on the left, the charts on the right, and
// the export to PDF and Excel through jobs.ExportStats.
type statsScreen struct {
	sh *Shell

	asOf      *dateEntry
	branch    *widget.Select
	branchIDs []int64
	msg       *widget.Label
	tables    *fyne.Container
	charts    *fyne.Container
	stats     data.Stats
	obj       fyne.CanvasObject

	gen     atomic.Int64
	loading sync.WaitGroup
}

func newStatsScreen(sh *Shell) *statsScreen {
	s := &statsScreen{sh: sh}
	s.asOf = newDateEntry()
	s.asOf.OnSubmitted = func(string) { s.reload() }
	s.branch = newSelect(nil, func(string) { s.reload() })
	today := widget.NewButton("今天", func() { s.asOf.setDate(s.sh.store.Today()); s.reload() })
	yearEnd := widget.NewButton("上年末", func() {
		s.asOf.setDate(data.NewDate(s.sh.store.Today().Y-1, 12, 31))
		s.reload()
	})
	yearEnd.Importance = widget.LowImportance
	today.Importance = widget.LowImportance
	refresh := widget.NewButtonWithIcon("统计", theme.ViewRefreshIcon(), s.reload)
	refresh.Importance = widget.HighImportance
	pdfBt := widget.NewButtonWithIcon("打印党内统计表", theme.DocumentPrintIcon(), s.print)
	xlsxBt := widget.NewButtonWithIcon("导出 Excel…", theme.DownloadIcon(), s.exportExcel)
	s.msg = widget.NewLabel("")
	s.msg.Wrapping = fyne.TextWrapWord
	bar := container.NewHBox(widget.NewLabel("统计截至"), sized(s.asOf, 130), today, yearEnd,
		widget.NewLabel("范围"), sized(s.branch, 170), refresh, layout.NewSpacer(), pdfBt, xlsxBt)
	s.tables = container.NewVBox()
	s.charts = container.NewVBox()
	split := container.NewHSplit(container.NewVScroll(s.tables), container.NewVScroll(s.charts))
	split.Offset = 0.42
	s.obj = container.NewBorder(container.NewVBox(bar, s.msg), nil, nil, nil, split)
	return s
}

func (s *statsScreen) title() string             { return "统计" }
func (s *statsScreen) icon() fyne.Resource       { return theme.GridIcon() }
func (s *statsScreen) object() fyne.CanvasObject { return s.obj }
func (s *statsScreen) print()                    { s.printPDF() }

func (s *statsScreen) shown() {
	if strings.TrimSpace(s.asOf.Text) == "" {
		s.asOf.setDate(s.sh.store.Today())
	}
	role := s.sh.store.Role(s.sh.ctx)
	roots, err := s.sh.store.OrgStructure(s.sh.ctx)
	if s.sh.readFailed(err, "组织架构") {
		return
	}
	names := []string{}
	s.branchIDs = nil
	if role.Office {
		names, s.branchIDs = append(names, "全部（党总支）"), append(s.branchIDs, 0)
	}
	for _, r := range roots {
		for _, b := range r.Children {
			if b.Unit.Level == data.LevelBranch && (role.Office || b.Unit.ID == role.BranchID) {
				names = append(names, b.Unit.Name())
				s.branchIDs = append(s.branchIDs, b.Unit.ID)
			}
		}
	}
	cur := s.branch.SelectedIndex()
	s.branch.Options = names
	if cur < 0 || cur >= len(names) {
		cur = 0
	}
	if len(names) > 0 {
		s.branch.Selected = names[cur]
		s.branch.Refresh()
	}
	s.reload()
}

// options are the day and scope chosen, or an error for a bad date.
func (s *statsScreen) options() (data.StatsOptions, error) {
	d, err := data.ParseDateLoose(s.asOf.Text)
	if err != nil || d.IsZero() {
		return data.StatsOptions{}, fmt.Errorf("统计截至日期：请写成 2026-12-31 的形式")
	}
	o := data.StatsOptions{AsOf: d}
	if i := s.branch.SelectedIndex(); i >= 0 && i < len(s.branchIDs) {
		o.BranchID = s.branchIDs[i]
	}
	return o, nil
}

// reload computes the statistics in the background and shows them.
func (s *statsScreen) reload() {
	o, err := s.options()
	if err != nil {
		s.msg.SetText(err.Error())
		s.msg.Importance = widget.DangerImportance
		s.msg.Refresh()
		return
	}
	s.msg.Importance = widget.MediumImportance
	s.msg.SetText("正在统计……")
	gen := s.gen.Add(1)
	s.loading.Add(1)
	s.sh.background(func() {
		defer s.loading.Done()
		st, err := s.sh.store.Stats(s.sh.ctx, o)
		var imgs []image.Image
		var charts []report.StatsChart
		if err == nil {
			charts = report.StatsCharts(st)
			for _, c := range charts {
				b, cerr := c.PNG(1200)
				if cerr != nil {
					err = cerr
					break
				}
				img, cerr := png.Decode(bytes.NewReader(b))
				if cerr != nil {
					err = cerr
					break
				}
				imgs = append(imgs, img)
			}
		}
		fyne.Do(func() {
			if s.gen.Load() != gen {
				return
			}
			if err != nil {
				s.msg.SetText("")
				s.sh.readFailed(err, "统计数据")
				return
			}
			s.show(st, charts, imgs)
		})
	})
}

func (s *statsScreen) show(st data.Stats, charts []report.StatsChart, imgs []image.Image) {
	s.stats = st
	s.msg.SetText(fmt.Sprintf("%s：在册党员 %d 名（女 %d 名，少数民族 %d 名，预备党员 %d 名），统计截至 %s。已转出、去世、出党、停止党籍的不计；截至日以后入党或转入的不计。",
		st.Scope, st.Total, st.Female, st.Minority, st.ByStanding.Of(data.StandingProbationary), st.AsOf.Chinese()))
	var objs []fyne.CanvasObject
	for _, tb := range report.StatsTables(st) {
		objs = append(objs, statsTableView(tb))
	}
	s.tables.Objects = objs
	s.tables.Refresh()
	var cs []fyne.CanvasObject
	for i, c := range charts {
		img := canvas.NewImageFromImage(imgs[i])
		img.FillMode = canvas.ImageFillContain
		b := imgs[i].Bounds()
		w := float32(600)
		img.SetMinSize(fyne.NewSize(w, w*float32(b.Dy())/float32(b.Dx())))
		title := widget.NewLabelWithStyle(c.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		cs = append(cs, title, img)
	}
	s.charts.Objects = cs
	s.charts.Refresh()
}

// statsTableView shows one table as a grid of labels: a heading line, the
// column titles, the rows (category lines in bold across the table).
func statsTableView(tb report.StatsTable) fyne.CanvasObject {
	n := len(tb.Columns)
	grid := container.New(layout.NewGridLayoutWithColumns(n))
	cell := func(text string, bold bool, align fyne.TextAlign) {
		l := widget.NewLabelWithStyle(text, align, fyne.TextStyle{Bold: bold})
		l.Truncation = fyne.TextTruncateEllipsis
		grid.Add(l)
	}
	for i, c := range tb.Columns {
		align := fyne.TextAlignTrailing
		if i == 0 || c == "党支部" {
			align = fyne.TextAlignLeading
		}
		cell(c, true, align)
	}
	for i, r := range tb.Rows {
		if tb.Group[i] {
			cell(r[0], true, fyne.TextAlignLeading)
			for j := 1; j < n; j++ {
				cell("", false, fyne.TextAlignLeading)
			}
			continue
		}
		for j, v := range r {
			align := fyne.TextAlignTrailing
			if j == 0 || tb.Columns[j] == "党支部" {
				align = fyne.TextAlignLeading
			}
			cell(v, j == 0 && (v == "党员总数" || v == "合计"), align)
		}
	}
	objs := []fyne.CanvasObject{widget.NewLabelWithStyle(tb.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), grid}
	if tb.Note != "" {
		note := widget.NewLabel("注：" + tb.Note)
		note.Wrapping = fyne.TextWrapWord
		note.Importance = widget.LowImportance
		objs = append(objs, note)
	}
	objs = append(objs, widget.NewSeparator())
	return container.NewVBox(objs...)
}

func (s *statsScreen) jobOptions(out string) (jobs.Options, error) {
	o, err := s.options()
	if err != nil {
		return jobs.Options{}, err
	}
	return jobs.Options{Out: out, AsOf: o.AsOf, BranchID: o.BranchID}, nil
}

// printPDF prints the 党内统计表 into the print folder and opens it.
func (s *statsScreen) printPDF() {
	if _, err := s.jobOptions(""); err != nil {
		s.sh.showError(err)
		return
	}
	s.sh.printJob("党内统计表", func(out string, p jobs.Progress) (jobs.Done, error) {
		o, _ := s.jobOptions(out)
		return jobs.ExportStats(s.sh.ctx, s.sh.store, o, p)
	})
}

// exportExcel saves the same tables as an .xlsx where the user chooses.
func (s *statsScreen) exportExcel() {
	if _, err := s.jobOptions(""); err != nil {
		s.sh.showError(err)
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if !strings.HasSuffix(strings.ToLower(path), ".xlsx") {
			path += ".xlsx"
		}
		o, _ := s.jobOptions(path)
		s.sh.runJob("导出党内统计", func(p jobs.Progress) (jobs.Done, error) {
			return jobs.ExportStats(s.sh.ctx, s.sh.store, o, p)
		}, func(d jobs.Done) { s.sh.notify(d.Message) })
	}, s.sh.win)
	d.SetFileName("党内统计-" + time.Now().Format("20060102") + ".xlsx")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	setStartFolder(d, "")
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}
