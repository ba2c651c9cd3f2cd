package report

import (
	"fmt"
	"io"
	"slices"
	"time"

	"dangjian/data"
)

// ComplianceOptions set up the printed 组织生活落实情况 matrix.
type ComplianceOptions struct {
	Year    int                // 0 means the year of the cells (or of AsOf)
	Org     string             // 党总支 name for the running header and under the title
	AsOf    data.Date          // 统计截至; zero means today
	Rules   []data.MeetingRule // the required frequencies, in menu order; nil derives the kinds from the cells
	Created time.Time          // PDF creation stamp; zero means now
}

func (o ComplianceOptions) withDefaults(cells []data.ComplianceCell) ComplianceOptions {
	if o.AsOf.IsZero() {
		o.AsOf = data.Today()
	}
	if o.Year == 0 {
		o.Year = o.AsOf.Y
		if len(cells) > 0 {
			o.Year = cells[0].Period.Year
		}
	}
	return o
}

// ComplianceReport prints the year's 三会一课 compliance as a landscape
// report for the office wall: first a summary with a row per branch and a
// column per kind of meeting (its required frequency in the heading) giving
// the meetings due and held so far, the periods missed ("缺：3月、8月",
// bold on a grey ground) and the period under way ("7月进行中", not a gap);
// then a table per frequency with a column per month, quarter or year,
// marking each period √ (held), 缺 (missed), 进行中 (not over yet), blank
// (still to come) or — (not required of that branch); then notes on how it
// was counted and the lines it is signed on.
//
// cells are data.Store.Compliance's: branches and kinds print in the order
// they come in (the organisation tree's), kinds in the order of Rules.
func ComplianceReport(w io.Writer, cells []data.ComplianceCell, opts ComplianceOptions) error {
	opts = opts.withDefaults(cells)
	title := fmt.Sprintf("%d年度“三会一课”等组织生活落实情况", opts.Year)
	meta := Meta{Title: title, Org: opts.Org, Created: opts.Created,
		Subject: title + "（统计截至" + opts.AsOf.Chinese() + "）", Keywords: "三会一课 组织生活 落实情况"}
	cr := newComplianceMatrix(cells, opts)
	_, err := Render(w, Landscape, meta, func(d *Doc) error {
		cr.d = d
		cr.build(title)
		return nil
	})
	return err
}

// ckind is a kind of meeting with its required frequency.
type ckind struct {
	kind   string
	period string // month | quarter | year
	label  string // 每月 1 次
}

type cbranch struct {
	id   int64
	name string
}

type ckey struct {
	branch int64
	kind   string
}

type complianceMatrix struct {
	d        *Doc
	opts     ComplianceOptions
	kinds    []ckind
	branches []cbranch
	sums     map[ckey]data.ComplianceSummary
}

func newComplianceMatrix(cells []data.ComplianceCell, opts ComplianceOptions) *complianceMatrix {
	cm := &complianceMatrix{opts: opts, sums: map[ckey]data.ComplianceSummary{}}
	seen := map[int64]bool{}
	var year []data.ComplianceCell
	for _, c := range cells {
		if c.Period.Year != opts.Year {
			continue
		}
		year = append(year, c)
		if !seen[c.BranchID] {
			seen[c.BranchID] = true
			cm.branches = append(cm.branches, cbranch{c.BranchID, c.Branch})
		}
	}
	for _, sum := range data.SummarizeCompliance(year, opts.AsOf) {
		cm.sums[ckey{sum.BranchID, sum.Kind}] = sum
	}
	has := map[string]bool{}
	for _, r := range opts.Rules {
		if r.Times <= 0 || has[r.Kind] || data.PeriodsOf(r.Period, opts.Year) == nil {
			continue
		}
		has[r.Kind] = true
		cm.kinds = append(cm.kinds, ckind{r.Kind, r.Period, r.PeriodLabel()})
	}
	// Kinds in the cells but not in the rules (none given, or a rule
	// changed since): their frequency from the periods.
	for _, c := range cells {
		if !has[c.Kind] && c.Period.Year == opts.Year {
			has[c.Kind] = true
			cm.kinds = append(cm.kinds, ckind{c.Kind, c.Period.Kind, map[string]string{"month": "每月", "quarter": "每季度", "year": "每年"}[c.Period.Kind]})
		}
	}
	return cm
}

// Type and geometry: 小五 throughout, as dense registers are printed.
const (
	cmSize    = SizeXiaoWu
	cmSeqW    = 10
	cmNameW   = 29
	cmTotalW  = 16
	cmKindW   = 30
	cmSumW    = 30
	cmGapFill = 215 // darker than the labels' grey: a gap shows from across the room
)

// tally is data's summary of one branch × kind (zero when none is owed).
func (cm *complianceMatrix) tally(b cbranch, k ckind) data.ComplianceSummary {
	return cm.sums[ckey{b.id, k.kind}]
}

func (cm *complianceMatrix) build(title string) {
	d := cm.d
	d.Title(title)
	left := "党总支：" + cm.opts.Org
	if cm.opts.Org == "" {
		left = ""
	}
	subLine(d, left, "统计截至："+cm.opts.AsOf.Chinese())
	if len(cm.branches) == 0 || len(cm.kinds) == 0 {
		d.Space(6)
		d.Text("没有需要统计的党支部或会议类型。", TextStyle{Size: SizeXiaoSi, Align: AlignCenter})
		return
	}
	cm.overview()
	cm.summaryTable()
	cm.periodTable("month")
	cm.periodTable("quarter")
	cm.notes()
}

// overview is one sentence on the whole: due, held, missed, and where.
func (cm *complianceMatrix) overview() {
	due, done, missing := 0, 0, 0
	var short []string
	for _, b := range cm.branches {
		bm := 0
		for _, k := range cm.kinds {
			t := cm.tally(b, k)
			due += t.Required
			done += t.Held
			bm += t.Missing
		}
		missing += bm
		if bm > 0 {
			short = append(short, b.name)
		}
	}
	s := fmt.Sprintf("%d 个党支部截至统计日应召开会议 %d 次，已按要求召开 %d 次", len(cm.branches), due, done)
	switch {
	case len(short) == 1:
		s += fmt.Sprintf("，缺 %d 次，均在%s。", missing, short[0])
	case missing > 0:
		s += fmt.Sprintf("，缺 %d 次，%d 个党支部有缺项。", missing, len(short))
	default:
		s += "，全部按期完成。"
	}
	d := cm.d
	d.Text(s, TextStyle{Size: SizeWu, Leading: 1.6})
	d.Space(1.5)
}

// legend explains the marks of the period tables.
const legend = "图例：√ 已按要求召开　　缺 已过期未召开或次数不足（加粗、灰底）　　进行中 本期尚未结束　　空白 尚未开始　　— 不作要求"

func (cm *complianceMatrix) summaryTable() {
	d := cm.d
	cols := []Column{{Title: "序号", Width: cmSeqW, Align: AlignCenter}, {Title: "党支部", Width: cmNameW, Align: AlignCenter}}
	for _, k := range cm.kinds {
		cols = append(cols, Column{Title: k.kind + "\n" + k.label, Align: AlignCenter})
	}
	cols = append(cols, Column{Title: "缺项\n合计", Width: cmTotalW, Align: AlignCenter})
	t := d.NewTable(cols, TableStyle{Size: cmSize, MinRowHeight: 8})
	totals := make([]int, len(cm.kinds))
	for i, b := range cm.branches {
		row := []Cell{{Text: fmt.Sprint(i + 1)}, {Text: b.name}}
		sum := 0
		for j, k := range cm.kinds {
			tl := cm.tally(b, k)
			gap := tl.Short()
			c := Cell{Text: tl.Text(), Bold: gap}
			if gap {
				c.Fill = cmGapFill
			}
			row = append(row, c)
			sum += tl.Missing
			totals[j] += tl.Missing
		}
		row = append(row, missingCell(sum))
		t.RowCells(row...)
	}
	total := []Cell{{Text: "合计", Span: 2, Align: AlignCenter}}
	sum := 0
	for _, n := range totals {
		total = append(total, Cell{Text: missingText(n)})
		sum += n
	}
	t.Total(append(total, Cell{Text: missingText(sum)})...)
	t.End()
}

func missingText(n int) string {
	if n == 0 {
		return "无"
	}
	return fmt.Sprintf("缺 %d 次", n)
}

func missingCell(n int) Cell {
	if n == 0 {
		return Cell{Text: missingText(n)}
	}
	return Cell{Text: missingText(n), Bold: true, Fill: cmGapFill}
}

// periodTable is the table of the kinds required per period ("month", or
// "quarter" with the yearly ones, whose one period spans the quarters): a
// shaded line per branch, a row per kind, a column per period.
func (cm *complianceMatrix) periodTable(period string) {
	var kinds []ckind
	quarterly, yearly := false, false
	for _, k := range cm.kinds {
		switch {
		case k.period == period:
			quarterly = quarterly || period == "quarter"
		case period == "quarter" && k.period == "year":
			yearly = true
		default:
			continue
		}
		kinds = append(kinds, k)
	}
	if len(kinds) == 0 {
		return
	}
	heading := "按月召开的会议"
	switch {
	case quarterly && yearly:
		heading = "按季度、年度召开的会议"
	case quarterly:
		heading = "按季度召开的会议"
	case yearly:
		heading = "按年度召开的会议"
	}
	d := cm.d
	periods := data.PeriodsOf(period, cm.opts.Year)
	cols := []Column{{Title: "会议类型", Width: cmKindW, Align: AlignLeft}}
	for _, p := range periods {
		cols = append(cols, Column{Title: data.PeriodName(p), Align: AlignCenter})
	}
	cols = append(cols, Column{Title: "完成情况", Width: cmSumW, Align: AlignCenter})
	t := d.NewTable(cols, TableStyle{Size: cmSize, MinRowHeight: 7})
	cap := TextStyle{Size: SizeXiaoSi, Bold: true, Leading: 1.6}
	d.Space(5)
	d.EnsureSpace(cap.lineHeight() + 5 + t.Height(make([]Cell, 1), make([]Cell, 1)) + 2)
	d.Bookmark(heading, 0)
	d.Text(heading, cap)
	d.Text(legend, TextStyle{Size: cmSize, Leading: 1.6})
	d.Space(1)
	for _, b := range cm.branches {
		var rows [][]Cell
		for _, k := range kinds {
			tl := cm.tally(b, k)
			cs := tl.Cells
			if len(cs) == 0 {
				continue
			}
			row := []Cell{{Text: k.kind}}
			if k.period == period {
				for _, p := range periods {
					row = append(row, cm.periodCell(cs, p, false))
				}
			} else {
				c := cm.periodCell(cs, data.Period{Kind: "year", Year: cm.opts.Year}, true)
				c.Span = len(periods)
				row = append(row, c)
			}
			sum := "未到期"
			if tl.Required > 0 {
				sum = fmt.Sprintf("应开 %d，已开 %d", tl.Required, tl.Held)
			}
			row = append(row, Cell{Text: sum, Bold: tl.Missing > 0})
			rows = append(rows, row)
		}
		if len(rows) > 0 {
			t.GroupRows(b.name, rows...)
		}
	}
	t.End()
}

// periodCell marks one period of a kind for a branch; a yearly one, spanning
// the quarters, in words.
func (cm *complianceMatrix) periodCell(cs []data.ComplianceCell, p data.Period, year bool) Cell {
	i := slices.IndexFunc(cs, func(c data.ComplianceCell) bool { return c.Period == p })
	if i < 0 {
		return Cell{Text: "—"}
	}
	c := cs[i]
	met := c.Held >= c.Required
	word := func(short, long string) string {
		if year {
			return long
		}
		return short
	}
	switch {
	case c.Open && c.Period.Start().After(cm.opts.AsOf):
		return Cell{}
	case c.Open && !met:
		return Cell{Text: word("进行中", "进行中（年底前召开）")}
	case met:
		return Cell{Text: word("√", fmt.Sprintf("√（已召开 %d 次）", c.Held))}
	case c.Required > 1:
		return Cell{Text: fmt.Sprintf("缺%d", c.Required-c.Held), Bold: true, Fill: cmGapFill}
	}
	return Cell{Text: word("缺", "缺（全年未召开）"), Bold: true, Fill: cmGapFill}
}

// notes explain the counting and leave the lines the report is signed on.
func (cm *complianceMatrix) notes() {
	d := cm.d
	notes := []string{
		"说明：",
		"1. 统计截至" + cm.opts.AsOf.Chinese() + "。尚未结束的月份、季度和年度记为“进行中”，不计为缺项；“应开”“已开”只计已结束的周期，同一周期多开的次数不抵其他周期。",
		"2. 支部委员会会议只统计设有支部委员会（委员 2 名以上）的党支部；党小组会按党支部所属党小组的个数计算应开次数。",
		"3. 党支部成立以前的周期不作要求；按年度召开的会议，第四季度成立的党支部当年不作要求。",
	}
	st := TextStyle{Size: cmSize, Leading: 1.6}
	d.Space(4)
	d.setSize(st.size())
	h := 0.0
	for _, n := range notes {
		h += float64(len(BreakLines(n, d.ContentWidth(), d.pdf.GetStringWidth))) * st.lineHeight()
	}
	d.EnsureSpace(h + 20)
	for _, n := range notes {
		d.Text(n, st)
	}
	d.Space(10)
	p := d.pdf
	d.setSize(SizeXiaoSi)
	lh := SizeXiaoSi * ptMM * 1.6
	y := d.Y()
	x := float64(marginLeft)
	for _, lbl := range []string{"制表人：", "审核人：", "日期："} {
		w := p.GetStringWidth(lbl)
		d.writeLine(x, y, w, lh, lbl, AlignLeft, false)
		p.SetLineWidth(lineThin)
		p.Line(x+w, y+lh-1, x+w+40, y+lh-1)
		x += w + 40 + 20
	}
	p.SetXY(marginLeft, y+lh)
}
