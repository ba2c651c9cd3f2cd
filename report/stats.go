package report

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"dangjian/data"
)

// 党内统计: the statistics of data.Stats as the tables an office copies
// into its annual report (as of 12-31), and charts of the main shares.
// StatsTables is the one layout: the PDF prints it, the xlsx export
// writes it, the 统计 screen shows it — so the three cannot differ.

// StatsTable is one table: a title, column titles and rows of text. A row
// whose first cell starts with "▸" is a group line (a category heading);
// Total marks the last row as the total line.
type StatsTable struct {
	Title   string
	Columns []string
	Rows    [][]string
	// Group[i] is true when Rows[i] is a category heading spanning the table.
	Group []bool
	Note  string // a sentence under the table, "" for none
}

func (t *StatsTable) row(cells ...string) {
	t.Rows = append(t.Rows, cells)
	t.Group = append(t.Group, false)
}

func (t *StatsTable) group(text string) {
	t.Rows = append(t.Rows, []string{text})
	t.Group = append(t.Group, true)
}

// StatsPercent is n of total as "12.5" (one decimal), "—" when total is 0.
func StatsPercent(n, total int) string {
	if total <= 0 {
		return "—"
	}
	return strconv.FormatFloat(float64(n)*100/float64(total), 'f', 1, 64)
}

// StatsTables lays out the statistics.
func StatsTables(st data.Stats) []StatsTable {
	var out []StatsTable
	total := st.Total

	// 党员基本情况.
	t := StatsTable{Title: "党员基本情况", Columns: []string{"项目", "人数", "占党员总数（%）"}}
	t.row("党员总数", strconv.Itoa(total), StatsPercent(total, total))
	part := func(title string, cs data.StatCounts) {
		t.group(title)
		for _, c := range cs {
			t.row("　"+c.Label, strconv.Itoa(c.N), StatsPercent(c.N, total))
		}
	}
	part("党籍", st.ByStanding)
	part("性别", st.BySex)
	t.group("民族")
	t.row("　汉族", strconv.Itoa(st.ByEthnicity.Of("汉族")), StatsPercent(st.ByEthnicity.Of("汉族"), total))
	t.row("　少数民族", strconv.Itoa(st.Minority), StatsPercent(st.Minority, total))
	for _, c := range st.ByEthnicity {
		if c.Label != "汉族" && c.Label != data.StatUnknown && c.N > 0 {
			t.row("　　其中："+c.Label, strconv.Itoa(c.N), StatsPercent(c.N, total))
		}
	}
	if n := st.ByEthnicity.Of(data.StatUnknown); n > 0 {
		t.row("　"+data.StatUnknown, strconv.Itoa(n), StatsPercent(n, total))
	}
	part("年龄（按统计截至日计算）", st.ByAgeBand)
	part("学历", st.ByEducation)
	part("党龄（自转正之日起计算）", st.ByPartyAgeBand)
	part("人员类别", st.ByCategory)
	out = append(out, t)

	// 组织情况.
	o := StatsTable{Title: "组织情况", Columns: []string{"项目", "数量"}}
	o.row("党支部（个）", strconv.Itoa(st.Org.Branches))
	for _, c := range st.Org.ByKind {
		o.row("　其中："+c.Label, strconv.Itoa(c.N))
	}
	o.row("党小组（个）", strconv.Itoa(st.Org.Groups))
	o.row("设立支部委员会的党支部（个）", strconv.Itoa(st.Org.Committees))
	o.row("任期届满应换届的党组织（个）", strconv.Itoa(st.Org.TermsDue))

	// A row per branch: the layout of the annual report's unit tables.
	if len(st.Branches) > 0 {
		b := StatsTable{Title: "各党支部党员基本情况", Columns: []string{"党支部", "党员总数", "正式党员", "预备党员", "女", "少数民族", "大专及以上"}}
		var sum data.BranchStat
		for _, r := range st.Branches {
			b.row(r.Branch, strconv.Itoa(r.Total), strconv.Itoa(r.Full), strconv.Itoa(r.Probationary), strconv.Itoa(r.Female),
				strconv.Itoa(r.Minority), strconv.Itoa(r.College))
			sum.Total += r.Total
			sum.Full += r.Full
			sum.Probationary += r.Probationary
			sum.Female += r.Female
			sum.Minority += r.Minority
			sum.College += r.College
		}
		b.row("合计", strconv.Itoa(sum.Total), strconv.Itoa(sum.Full), strconv.Itoa(sum.Probationary), strconv.Itoa(sum.Female),
			strconv.Itoa(sum.Minority), strconv.Itoa(sum.College))
		out = append(out, b)

		a := StatsTable{Title: "各党支部党员年龄结构", Columns: append([]string{"党支部", "党员总数"}, data.AgeBands...)}
		sums := make([]int, len(data.AgeBands))
		for _, r := range st.Branches {
			cells := []string{r.Branch, strconv.Itoa(r.Total)}
			for i, band := range data.AgeBands {
				n := r.ByAgeBand.Of(band)
				sums[i] += n
				cells = append(cells, strconv.Itoa(n))
			}
			a.row(cells...)
		}
		cells := []string{"合计", strconv.Itoa(sum.Total)}
		for _, n := range sums {
			cells = append(cells, strconv.Itoa(n))
		}
		a.row(cells...)
		if n := st.ByAgeBand.Of(data.StatUnknown); n > 0 {
			a.Note = fmt.Sprintf("另有 %d 名党员未填写出生日期，不在各年龄段中。", n)
		}
		out = append(out, a)
	}

	out = append(out, o)

	// 发展党员情况.
	d := StatsTable{Title: "发展党员情况", Columns: []string{"项目", "人数"}}
	for _, c := range st.ByStage {
		d.row(c.Label, strconv.Itoa(c.N))
	}
	if len(st.ByStage) == 0 {
		d.row("预备党员", strconv.Itoa(st.ByStanding.Of(data.StandingProbationary)))
		d.Note = "入党申请人、入党积极分子和发展对象的人数在启用“发展党员”功能后统计。"
	} else {
		d.row("合计", strconv.Itoa(st.ByStage.Sum()))
		d.Note = "按发展党员档案统计截至统计日所处的阶段；已取消预备党员资格的不计入，没有发展档案的预备党员见表一。"
	}
	out = append(out, d)
	if len(st.ByStage) > 0 && len(st.Branches) > 1 {
		stages := make([]string, len(st.ByStage))
		for i, c := range st.ByStage {
			stages[i] = c.Label
		}
		bd := StatsTable{Title: "各党支部发展党员情况", Columns: append(append([]string{"党支部"}, stages...), "合计")}
		sums := make([]int, len(stages)+1)
		for _, r := range st.Branches {
			cells := []string{r.Branch}
			for i, l := range stages {
				n := r.ByStage.Of(l)
				sums[i] += n
				cells = append(cells, strconv.Itoa(n))
			}
			sums[len(stages)] += r.ByStage.Sum()
			bd.row(append(cells, strconv.Itoa(r.ByStage.Sum()))...)
		}
		cells := []string{"合计"}
		for _, n := range sums {
			cells = append(cells, strconv.Itoa(n))
		}
		bd.row(cells...)
		out = append(out, bd)
	}

	// 组织生活.
	m := StatsTable{Title: "“三会一课”等组织生活开展情况", Columns: []string{"会议类型", "应开（次）", "已开（次）", "缺（次）", "落实率"},
		Note: "应开、已开按统计截至日已经结束的月份、季度、年度计算，进行中的不计入。"}
	for _, k := range st.Meetings {
		m.row(k.Kind, strconv.Itoa(k.Required), strconv.Itoa(k.Held), strconv.Itoa(k.Missing), data.MeetingRateText(k))
	}
	out = append(out, m)

	// 党费.
	if st.Dues != nil {
		p := StatsTable{Title: "党费收缴情况", Columns: []string{"项目", "金额（元）"}}
		p.row("应交", statsYuan(st.Dues.Due))
		p.row("实交", statsYuan(st.Dues.Collected))
		p.row("收缴率", statsDuesRate(st.Dues.Collected, st.Dues.Due))
		p.row("连续 6 个月以上未交党费的党员（人）", strconv.Itoa(st.Dues.Alarms))
		p.Note = statsDuesNote(st)
		out = append(out, p)
		if len(st.Dues.Branches) > 1 {
			bp := StatsTable{Title: "各党支部党费收缴情况", Columns: []string{"党支部", "应交（元）", "实交（元）", "收缴率", "连续 6 个月以上未交（人）"},
				Note: p.Note}
			var sum data.BranchDues
			for _, b := range st.Dues.Branches {
				bp.row(b.Branch, statsYuan(b.Due), statsYuan(b.Collected), statsDuesRate(b.Collected, b.Due), strconv.Itoa(b.Alarms))
				sum.Due += b.Due
				sum.Collected += b.Collected
				sum.Alarms += b.Alarms
			}
			bp.row("合计", statsYuan(sum.Due), statsYuan(sum.Collected), statsDuesRate(sum.Collected, sum.Due), strconv.Itoa(sum.Alarms))
			out = append(out, bp)
		}
	}

	// 考评得分.
	if len(st.Scores) > 0 {
		s := StatsTable{Title: fmt.Sprintf("%d 年度考评得分", st.AsOf.Y),
			Columns: []string{"名次", "党支部", "考评得分 / 满分", "任务得分 / 满分", "总分 / 满分"}}
		for _, sc := range st.Scores {
			rank := ""
			if sc.Rank > 0 {
				rank = strconv.Itoa(sc.Rank)
			}
			s.row(rank, sc.Branch, data.ScorePair(sc.Checklist, sc.ChecklistMax), data.ScorePair(sc.Tasks, sc.TasksMax),
				data.ScorePair(sc.Total, sc.Max))
		}
		out = append(out, s)
	}
	for i := range out {
		out[i].Title = "表" + chineseNumeral(i+1) + "　" + out[i].Title
	}
	return out
}

// statsDuesRate is collected / due in percent with one decimal, "—" when nothing was due.
func statsDuesRate(collected, due int64) string {
	if due <= 0 {
		return "—"
	}
	return strconv.FormatFloat(float64(collected)*100/float64(due), 'f', 1, 64) + "%"
}

// statsDuesNote says which months the dues tables count.
func statsDuesNote(st data.Stats) string {
	m, err := data.ParseMonth(st.Dues.UpTo)
	if st.Dues.UpTo == "" || err != nil {
		return fmt.Sprintf("%d 年还没有结束的月份。", st.AsOf.Y)
	}
	if m.Num() == 1 {
		return fmt.Sprintf("按党费收缴台账统计 %d 年 1 月；实交含补缴，此后月份预交的党费计入应交和实交。", m.Year())
	}
	return fmt.Sprintf("按党费收缴台账统计 %d 年 1 月至 %d 月；实交含补缴，此后月份预交的党费计入应交和实交。", m.Year(), m.Num())
}

func statsYuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s%d.%02d", sign, fen/100, fen%100)
}

// StatsCharts are the charts of the statistics, each a title and bars (or
// slices): the screen draws them, the PDF prints them.
type StatsChart struct {
	Title string
	Pie   bool
	Bars  []Bar
}

// Charts of the statistics, in print order.
func StatsCharts(st data.Stats) []StatsChart {
	bars := func(cs data.StatCounts) []Bar {
		out := make([]Bar, 0, len(cs))
		for _, c := range cs {
			out = append(out, Bar{Label: c.Label, Value: float64(c.N)})
		}
		return out
	}
	out := []StatsChart{
		{Title: "党籍构成", Pie: true, Bars: bars(st.ByStanding)},
		{Title: "性别构成", Pie: true, Bars: bars(st.BySex)},
		{Title: "年龄结构", Bars: bars(st.ByAgeBand)},
		{Title: "学历结构", Pie: true, Bars: bars(st.ByEducation)},
		{Title: "党龄结构", Bars: bars(st.ByPartyAgeBand)},
	}
	if len(st.ByBranch) > 1 {
		out = append(out, StatsChart{Title: "各党支部党员人数", Bars: bars(st.ByBranch)})
	}
	if st.ByStage.Sum() > 0 {
		out = append(out, StatsChart{Title: "发展党员各阶段人数", Bars: bars(st.ByStage)})
	}
	return out
}

// PNG draws the chart width pixels wide (0: print width).
func (c StatsChart) PNG(width int) ([]byte, error) {
	opts := ChartOptions{Width: width, Unit: "人"}
	if c.Pie {
		return PieChartPNG(c.Bars, opts)
	}
	return BarChartPNG(c.Bars, opts)
}

// StatsOptions set up the printed statistics.
type StatsOptions struct {
	Org     string    // the organisation's name for the running header
	Created time.Time // PDF creation stamp; zero means now
}

// StatsTitle is the printed title: "党内统计表（2026年12月31日）", with the
// branch's name for one branch.
func StatsTitle(st data.Stats) string {
	scope := ""
	if st.BranchID != 0 {
		scope = st.Scope
	}
	return fmt.Sprintf("%s党内统计表", scope)
}

var errStatsChart = errors.New("统计图无法放入 PDF")

// StatsReport prints the statistics: the tables, then the charts, then
// the lines it is signed on.
func StatsReport(w io.Writer, st data.Stats, opts StatsOptions) error {
	title := StatsTitle(st)
	meta := Meta{Title: title, Org: opts.Org, Created: opts.Created,
		Subject: title + "（统计截至" + st.AsOf.Chinese() + "）", Keywords: "党内统计 党员 统计"}
	tables := StatsTables(st)
	charts := StatsCharts(st)
	pngs := make([][]byte, len(charts))
	for i, c := range charts {
		b, err := c.PNG(1600)
		if err != nil {
			return err
		}
		pngs[i] = b
	}
	_, err := Render(w, Portrait, meta, func(d *Doc) error {
		d.Title(title)
		scope := opts.Org
		if st.BranchID != 0 {
			scope = st.Scope
		}
		subLine(d, orgLine(scope), "统计截至："+st.AsOf.Chinese())
		d.Text(fmt.Sprintf("统计范围：在册党员（不含已转出、去世、出党、停止党籍的党员；统计截至日以后入党或转入的不计）。党员总数 %d 名，其中女党员 %d 名，少数民族党员 %d 名，预备党员 %d 名。",
			st.Total, st.Female, st.Minority, st.ByStanding.Of(data.StandingProbationary)), TextStyle{Size: SizeWu, Leading: 1.6})
		for _, tb := range tables {
			printStatsTable(d, tb)
		}
		d.Heading("统计图", 1, 60)
		cw := d.ContentWidth()
		for i, c := range charts {
			ih, err := pngHeightMM(pngs[i], cw*0.8)
			if err != nil {
				return err
			}
			d.Heading(c.Title, 2, ih+2)
			y := d.Y()
			if !d.ImagePNG(pngs[i], marginLeft+cw*0.1, y, cw*0.8, ih) {
				return errStatsChart
			}
			d.pdf.SetXY(marginLeft, y+ih)
		}
		closing(d, nil, "制表人：", "审核人：", "日期：")
		return nil
	})
	return err
}

func printStatsTable(d *Doc, tb StatsTable) {
	cols := make([]Column, len(tb.Columns))
	for i, c := range tb.Columns {
		cols[i] = Column{Title: c, Align: AlignCenter}
		if i == 0 || (i == 1 && tb.Columns[0] == "名次") {
			cols[i].Align = AlignLeft
		}
	}
	switch len(cols) {
	case 2:
		cols[1].Width = 40
	case 3:
		cols[1].Width, cols[2].Width = 30, 40
	}
	if tb.Columns[0] == "名次" {
		cols[0].Width, cols[0].Align = 14, AlignCenter
	}
	size := SizeWu
	if len(cols) > 5 {
		size = SizeXiaoWu
		cols[0].Width = 32
	}
	d.Heading(tb.Title, 1, 24)
	t := d.NewTable(cols, TableStyle{Size: size, MinRowHeight: 7})
	for i, r := range tb.Rows {
		if tb.Group[i] {
			t.Group(r[0])
			continue
		}
		cells := make([]Cell, len(r))
		for j, s := range r {
			cells[j] = Cell{Text: s, Bold: j == 0 && (s == "党员总数" || s == "合计")}
		}
		if r[0] == "合计" && i == len(tb.Rows)-1 {
			t.Total(cells...)
			continue
		}
		t.RowCells(cells...)
	}
	t.End()
	if tb.Note != "" {
		d.Text("注："+tb.Note, TextStyle{Size: SizeXiaoWu, Leading: 1.5})
	}
}
