package ui

// 考评督办, tab 排名: the year's ranking with its chart.

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/report"
)

func (s *assessScreen) buildRanking() fyne.CanvasObject {
	s.rankTable = newTextTable([]string{"名次", "党支部", "考评得分", "任务得分", "总分", "待评项", "未结任务"}, nil)
	// Drawn at the size it is shown, with labels at the list's text size.
	s.chart = canvas.NewRaster(s.drawChart)
	s.chart.SetMinSize(fyne.NewSize(360, 260))
	printBt := widget.NewButtonWithIcon("打印考评结果（含图表）", theme.DocumentPrintIcon(), func() { s.printEvaluation(true) })
	note := widget.NewLabel("总分 = 标准化考评得分 + 督办任务得分；总分相同的名次并列。")
	split := container.NewHSplit(s.rankTable, s.chart)
	split.Offset = 0.5
	s.rankSplit = split
	return container.NewBorder(container.NewHBox(printBt, note), nil, nil, nil, split)
}

func (s *assessScreen) loadRanking() {
	scores, err := s.sh.store.Scores(s.sh.ctx, s.yearN())
	if err != nil {
		s.sh.showError(err)
		return
	}
	s.scores = scores
	rows := make([][]string, len(scores))
	bars := make([]report.Bar, len(scores))
	for i, sc := range scores {
		rows[i] = []string{strconv.Itoa(sc.Rank), sc.Branch, data.ScorePair(sc.Checklist, sc.ChecklistMax),
			data.ScorePair(sc.Tasks, sc.TasksMax), data.ScorePair(sc.Total, sc.Max), strconv.Itoa(sc.Unscored), strconv.Itoa(sc.OpenTasks)}
		bars[i] = report.Bar{Label: sc.Branch, Value: float64(sc.Total) / 10, Max: float64(sc.Max) / 10, Highlight: sc.Rank == 1}
	}
	s.rankTable.setRows(rows)
	s.fitRankSplit()
	s.bars = bars
	s.chart.Refresh()
}

// fitRankSplit gives the ranking table the width of its columns, the
// chart the rest (the split keeps the chart's minimum).
func (s *assessScreen) fitRankSplit() {
	total := s.rankSplit.Size().Width
	if total <= 0 {
		return
	}
	need := theme.ScrollBarSize() + theme.Padding()
	for c := range s.rankTable.headers {
		need += s.rankTable.columnWidth(c) + theme.Padding()
	}
	s.rankSplit.SetOffset(float64(min(max(need/total, 0.3), 0.7)))
}

// chartOptions are the ranking chart's options for an image of w×h pixels
// shown at scale pixels per Fyne unit: its labels are the size of the
// list's text.
func (s *assessScreen) chartOptions(w, h int, scale float32) report.ChartOptions {
	return report.ChartOptions{Title: fmt.Sprintf("%d 年度各党支部总分", s.yearN()), Width: w, Height: h, Unit: "分",
		TextPx: float64(theme.TextSize() * scale)}
}

// drawChart renders the ranking chart at the raster's pixel size.
func (s *assessScreen) drawChart(w, h int) image.Image {
	scale := float32(1)
	if sz := s.chart.Size(); sz.Width > 0 {
		scale = float32(w) / sz.Width
	}
	// A pane too small for the bars at the list's text size gets smaller
	// text rather than no chart.
	opts := s.chartOptions(w, h, scale)
	img, err := report.BarChart(s.bars, opts)
	for err != nil && opts.TextPx > 9 {
		opts.TextPx *= 0.85
		img, err = report.BarChart(s.bars, opts)
	}
	if err != nil { // too small to draw: leave it blank
		blank := image.NewRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
		draw.Draw(blank, blank.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
		return blank
	}
	return img
}
