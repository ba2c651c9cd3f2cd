package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"dangjian/data"
)

// ChecklistOptions set up the printed 标准化党支部 evaluation.
type ChecklistOptions struct {
	Year int    // 0 means the year of the items (or of AsOf)
	Org  string // 党总支 name for the running header and under the titles
	// AsOf is the 统计截至 date printed under the titles; zero means today.
	AsOf data.Date
	// Scores, when given, put the general branch's annual ranking (table,
	// bar chart of the totals, scores per dimension) before the branches'
	// forms, in the order given (data.Store.Scores ranks them). Each
	// branch's form also says its task score, total and rank.
	Scores  []data.BranchScore
	Created time.Time // PDF creation stamp; zero means now
}

func (o ChecklistOptions) withDefaults(evals []data.BranchEvaluation) ChecklistOptions {
	if o.AsOf.IsZero() {
		o.AsOf = data.Today()
	}
	if o.Year == 0 {
		o.Year = o.AsOf.Y
		for _, ev := range evals {
			if len(ev.Items) > 0 && ev.Items[0].Item.Year != 0 {
				o.Year = ev.Items[0].Item.Year
				break
			}
		}
	}
	return o
}

// RankingTitle is the title of the annual ranking report.
func RankingTitle(year int) string {
	return fmt.Sprintf("%d年度标准化党支部建设考评结果", year)
}

// EvaluationTitle is the title of a branch's evaluation form.
func EvaluationTitle(branch string, year int) string {
	return fmt.Sprintf("%s标准化建设考评表（%d年度）", branch, year)
}

// ChecklistReport prints the year's 标准化党支部 evaluation, A4 portrait.
//
// With opts.Scores it begins with the general branch's annual ranking:
// the title "<年份>年度标准化党支部建设考评结果", a ranking table (名次,
// 党支部, 考评得分, 任务得分, 总分 each with its maximum, and what is still
// open), a bar chart of the totals with the first places darker, and a
// table of the scores per dimension, then the lines it is signed on.
//
// Then every evaluation in evals gets its form from a new page: the title
// "<支部>标准化建设考评表（<年份>年度）", a summary, and a ruled table of
// the items grouped by dimension (each dimension's row carries its
// subtotal): 序号, 考评内容, 分值, 得分 (待评 on a grey ground when no
// reviewer has scored it), 评分依据/说明 (the automatic rule's reason, or
// the reviewer's comment and name), 佐证材料 (the branch's note); a 合计
// row; and the lines 考评人, 审核人 and 日期. The outline has the ranking's
// sections and an entry per branch.
func ChecklistReport(w io.Writer, evals []data.BranchEvaluation, opts ChecklistOptions) error {
	opts = opts.withDefaults(evals)
	title := fmt.Sprintf("%d年度标准化党支部建设考评表", opts.Year)
	switch {
	case len(opts.Scores) > 0:
		title = RankingTitle(opts.Year)
	case len(evals) == 1:
		title = EvaluationTitle(evals[0].Branch, opts.Year)
	}
	meta := Meta{Title: title, Org: opts.Org, Created: opts.Created,
		Subject: title + "（统计截至" + opts.AsOf.Chinese() + "）", Keywords: "标准化党支部 考评 排名"}
	var chart []byte
	if len(opts.Scores) > 0 {
		var err error
		if chart, err = rankingChart(opts.Scores, 0); err != nil {
			return err
		}
	}
	_, err := Render(w, Portrait, meta, func(d *Doc) error {
		cr := checklistReport{d: d, opts: opts, chart: chart}
		if len(opts.Scores) == 0 && len(evals) == 0 {
			d.Title(title)
			subLine(d, orgLine(opts.Org), "统计截至："+opts.AsOf.Chinese())
			d.Space(6)
			d.Text("没有可打印的考评结果。", TextStyle{Size: SizeXiaoSi, Align: AlignCenter})
			return nil
		}
		if len(opts.Scores) > 0 {
			if err := cr.ranking(); err != nil {
				return err
			}
		}
		for i, ev := range evals {
			cr.evaluation(ev, i, len(evals))
		}
		return nil
	})
	return err
}

func orgLine(org string) string {
	if org == "" {
		return ""
	}
	return "党总支：" + org
}

type checklistReport struct {
	d     *Doc
	opts  ChecklistOptions
	chart []byte // PNG of the totals
}

// Geometry of the checklist pages, in mm.
const (
	ckSize   = SizeXiaoWu
	ckSeqW   = 10
	ckPtsW   = 10
	ckScoreW = 11
	ckEvidW  = 27
	ckItemW  = 48
	ckRankW  = 12
	ckNameW  = 36
	ckPairW  = 24
	ckStrong = 215 // grey of what must stand out: 待评
)

// Chart geometry: pixels per mm of the printed chart.
const chartPxPerMM = 1600.0 / 165

// rankingChart draws the totals; heightMM > 0 squeezes it into that height.
func rankingChart(scores []data.BranchScore, heightMM float64) ([]byte, error) {
	bars := make([]Bar, len(scores))
	top := 1
	if len(scores) >= 6 {
		top = 3
	}
	for i, s := range scores {
		bars[i] = Bar{Label: s.Branch, Value: float64(s.Total) / 10, Max: float64(s.Max) / 10,
			Highlight: s.Rank > 0 && s.Rank <= top}
	}
	note := "第一名"
	if top == 3 {
		note = "前三名"
	}
	opts := ChartOptions{Width: 1600, Unit: "分", HighlightNote: note}
	if heightMM > 0 {
		opts.Height = int(heightMM * chartPxPerMM)
	}
	return BarChartPNG(bars, opts)
}

// scorePair is "score / max", or — when nothing could be scored.
func scorePair(score, maxPts data.Points) string { return data.ScorePair(score, maxPts) }

func (cr *checklistReport) ranking() error {
	d, o := cr.d, cr.opts
	scores := slices.Clone(o.Scores)
	slices.SortStableFunc(scores, func(a, b data.BranchScore) int {
		if a.Rank == 0 || b.Rank == 0 {
			return 0
		}
		return a.Rank - b.Rank
	})
	title := RankingTitle(o.Year)
	d.Bookmark(title, 0)
	d.Title(title)
	subLine(d, orgLine(o.Org), "统计截至："+o.AsOf.Chinese())

	unscored, open := 0, 0
	for _, s := range scores {
		unscored += s.Unscored
		open += s.OpenTasks
	}
	s := fmt.Sprintf("参加考评的党支部 %d 个。总分为标准化建设考评得分与督办任务得分之和，总分相同者名次并列。", len(scores))
	switch {
	case unscored > 0 && open > 0:
		s += fmt.Sprintf("尚有 %d 个考评项目待评、%d 项任务未办结，得分可能变化。", unscored, open)
	case unscored > 0:
		s += fmt.Sprintf("尚有 %d 个考评项目待评，得分可能变化。", unscored)
	case open > 0:
		s += fmt.Sprintf("尚有 %d 项任务未办结，得分可能变化。", open)
	}
	d.Text(s, TextStyle{Size: SizeWu, Leading: 1.6})

	d.Heading("一、考评结果排名", 1, 20)
	t := d.NewTable([]Column{
		{Title: "名次", Width: ckRankW, Align: AlignCenter},
		{Title: "党支部", Width: ckNameW},
		{Title: "考评得分\n/ 满分", Width: ckPairW, Align: AlignCenter},
		{Title: "任务得分\n/ 满分", Width: ckPairW, Align: AlignCenter},
		{Title: "总分\n/ 满分", Width: ckPairW, Align: AlignCenter},
		{Title: "备注", Align: AlignLeft},
	}, TableStyle{Size: SizeWu, MinRowHeight: 8})
	for _, s := range scores {
		var note []string
		if s.Unscored > 0 {
			note = append(note, fmt.Sprintf("待评 %d 项", s.Unscored))
		}
		if s.OpenTasks > 0 {
			note = append(note, fmt.Sprintf("未办结任务 %d 项", s.OpenTasks))
		}
		rank := ""
		if s.Rank > 0 {
			rank = fmt.Sprint(s.Rank)
		}
		t.RowCells(Cell{Text: rank, Bold: s.Rank == 1}, Cell{Text: s.Branch},
			Cell{Text: scorePair(s.Checklist, s.ChecklistMax)}, Cell{Text: scorePair(s.Tasks, s.TasksMax)},
			Cell{Text: scorePair(s.Total, s.Max), Bold: true}, Cell{Text: strings.Join(note, "；")})
	}
	t.End()

	// The chart, as wide as the text; squeezed when the bars would not fit
	// on a page under the caption.
	cw := d.ContentWidth()
	chart := cr.chart
	ih, err := pngHeightMM(chart, cw)
	if err != nil {
		return err
	}
	capH := SizeXiaoSi*ptMM*1.5 + 3
	if room := d.bodyHeight() - capH - 2; ih > room {
		if chart, err = rankingChart(scores, room); err != nil {
			return err
		}
		ih = room
	}
	d.Heading("二、总分对比图", 1, ih+2)
	y := d.Y()
	if !d.ImagePNG(chart, marginLeft, y, cw, ih) {
		return errChartImage
	}
	d.pdf.SetXY(marginLeft, y+ih)

	cr.dimensions(scores)
	closing(d, nil, "制表人：", "审核人：", "日期：")
	return nil
}

// pngHeightMM is the height of a PNG drawn w mm wide.
func pngHeightMM(b []byte, w float64) (float64, error) {
	cfg, err := pngConfig(b)
	if err != nil {
		return 0, err
	}
	return w * float64(cfg.Height) / float64(cfg.Width), nil
}

// dimensions is the table of scores per dimension: a column per dimension
// with its maximum, a row per branch in rank order.
func (cr *checklistReport) dimensions(scores []data.BranchScore) {
	var dims []data.DimScore
	seen := map[string]bool{}
	for _, s := range scores {
		for _, dm := range s.Dimensions {
			if !seen[dm.Name] {
				seen[dm.Name] = true
				dims = append(dims, dm)
			}
		}
	}
	if len(dims) == 0 {
		return
	}
	d := cr.d
	cols := []Column{{Title: "名次", Width: ckRankW - 2, Align: AlignCenter}, {Title: "党支部", Width: ckNameW - 6}}
	for _, dm := range dims {
		cols = append(cols, Column{Title: dm.Name + "\n（" + dm.Max.String() + "分）", Align: AlignCenter})
	}
	t := d.NewTable(cols, TableStyle{Size: ckSize, MinRowHeight: 7})
	var rows [][]Cell
	for _, s := range scores {
		row := []Cell{{Text: rankText(s.Rank)}, {Text: s.Branch}}
		for _, dm := range dims {
			i := slices.IndexFunc(s.Dimensions, func(x data.DimScore) bool { return x.Name == dm.Name })
			if i < 0 {
				row = append(row, Cell{Text: "—"})
				continue
			}
			row = append(row, Cell{Text: s.Dimensions[i].Score.String()})
		}
		rows = append(rows, row)
	}
	// Whole on one page when it fits one, else at least begun with two rows.
	keep := t.Height(rows...)
	if keep > d.bodyHeight()-20 {
		keep = t.Height(rows[:min(2, len(rows))]...)
	}
	d.Heading("三、各维度得分", 1, keep)
	// The last two rows go with the signature lines that follow.
	tail := max(len(rows)-2, 0)
	for _, r := range rows[:tail] {
		t.RowCells(r...)
	}
	t.KeepRows(closingHeight(d, nil), rows[tail:]...)
	t.End()
}

func rankText(r int) string {
	if r <= 0 {
		return ""
	}
	return fmt.Sprint(r)
}

// dimGroup is one dimension's items of an evaluation.
type dimGroup struct {
	name       string
	items      []data.ItemScore
	score, max data.Points
	bonus      bool // every item is a bonus
	unscored   int
}

func groupItems(items []data.ItemScore) []*dimGroup {
	var out []*dimGroup
	by := map[string]*dimGroup{}
	for _, sc := range items {
		g := by[sc.Item.Dimension]
		if g == nil {
			g = &dimGroup{name: sc.Item.Dimension, bonus: true}
			by[g.name] = g
			out = append(out, g)
		}
		g.items = append(g.items, sc)
		g.score += sc.Score
		g.max += sc.Item.Points
		g.bonus = g.bonus && sc.Item.Bonus
		if !sc.Scored {
			g.unscored++
		}
	}
	return out
}

func (cr *checklistReport) evaluation(ev data.BranchEvaluation, index, count int) {
	d, o := cr.d, cr.opts
	title := EvaluationTitle(ev.Branch, o.Year)
	if len(o.Scores) > 0 || index > 0 {
		d.RunningTitle(title)
		d.NewPage()
	}
	level := 0
	if len(o.Scores) > 0 || count > 1 {
		if index == 0 {
			d.Bookmark(fmt.Sprintf("各党支部考评表（%d 个）", count), 0)
		}
		level = 1
	}
	d.Bookmark(ev.Branch, level)
	d.Title(title)
	subLine(d, orgLine(o.Org), "统计截至："+o.AsOf.Chinese())

	groups := groupItems(ev.Items)
	auto, manual := 0, 0
	var bonusMax, bonusScore data.Points
	for _, sc := range ev.Items {
		switch {
		case sc.Auto:
			auto++
		case sc.Scored:
			manual++
		}
		if sc.Item.Bonus {
			bonusMax += sc.Item.Points
			bonusScore += sc.Score
		}
	}
	s := fmt.Sprintf("考评得分 %s 分（满分 %s 分", ev.Score, ev.Max)
	if bonusMax > 0 {
		s += fmt.Sprintf("，另设加分 %s 分", bonusMax)
	}
	s += fmt.Sprintf("）。按记录自动评分 %d 项，审核人评分 %d 项", auto, manual)
	if ev.Unscored > 0 {
		s += fmt.Sprintf("，待评 %d 项（未计入得分）", ev.Unscored)
	}
	s += "。"
	if i := slices.IndexFunc(o.Scores, func(b data.BranchScore) bool {
		return (ev.BranchID != 0 && b.BranchID == ev.BranchID) || (ev.BranchID == 0 && b.Branch == ev.Branch)
	}); i >= 0 {
		b := o.Scores[i]
		s += fmt.Sprintf("督办任务得分 %s 分（满分 %s 分），总分 %s 分", b.Tasks, b.TasksMax, b.Total)
		if b.Rank > 0 {
			s += fmt.Sprintf("，在 %d 个党支部中排名第 %d", len(o.Scores), b.Rank)
		}
		s += "。"
	}
	d.Text(s, TextStyle{Size: SizeWu, Leading: 1.6})
	d.Space(1.5)

	t := d.NewTable([]Column{
		{Title: "序号", Width: ckSeqW, Align: AlignCenter},
		{Title: "考评内容", Width: ckItemW},
		{Title: "分值", Width: ckPtsW, Align: AlignCenter},
		{Title: "得分", Width: ckScoreW, Align: AlignCenter},
		{Title: "评分依据/说明"},
		{Title: "佐证材料", Width: ckEvidW},
	}, TableStyle{Size: ckSize, MinRowHeight: 7})
	var notes []string
	if bonusScore > 0 {
		notes = append(notes, fmt.Sprintf("含加分 %s 分", bonusScore))
	}
	if ev.Unscored > 0 {
		notes = append(notes, fmt.Sprintf("待评 %d 项，未计入得分", ev.Unscored))
	}
	total := []Cell{{Text: "合计", Span: 2, Align: AlignCenter}, {Text: ev.Max.String()}, {Text: ev.Score.String()},
		{Text: strings.Join(notes, "；")}, {}}
	closingNotes := []string{"注：佐证材料为“系统自动评分”的项目由系统根据会议记录、组织架构和党员档案自动评分；其余项目由审核人根据党支部提交的佐证材料评分。"}
	// The last rows, the 合计 and the signature lines stay on one page.
	after := t.RowsHeight(total) + closingHeight(d, closingNotes)
	n := 0
	for gi, g := range groups {
		label := chineseNumeral(gi+1) + "、" + g.name
		switch {
		case g.bonus && strings.Contains(g.name, "加分"):
			label += "（不计入满分）"
		case g.bonus:
			label += "（加分项，不计入满分）"
		}
		note := ""
		if g.unscored > 0 {
			note = fmt.Sprintf("待评 %d 项", g.unscored)
		}
		shade := func(c Cell) Cell { c.Bold, c.Fill = true, shadeGroup; return c }
		rows := [][]Cell{{
			shade(Cell{Text: label, Span: 2, Align: AlignLeft}), shade(Cell{Text: g.max.String()}), shade(Cell{Text: g.score.String()}),
			shade(Cell{Text: note}), shade(Cell{}),
		}}
		if gi == len(groups)-1 {
			// The last dimension: its last rows go with the total.
			keep := max(len(g.items)-ckKeepRows, 1)
			for i, sc := range g.items {
				n++
				row := itemRow(n, sc, !g.bonus)
				if i == 0 {
					rows = append(rows, row)
					if len(g.items) <= ckKeepRows {
						continue
					}
					keepTogether(t, rows)
					for _, r := range rows {
						t.RowCells(r...)
					}
					rows = nil
					continue
				}
				if i < keep {
					t.RowCells(row...)
					continue
				}
				rows = append(rows, row)
			}
			t.KeepRows(after, rows...)
			continue
		}
		// A dimension's row is kept with its first item.
		for i, sc := range g.items {
			n++
			row := itemRow(n, sc, !g.bonus)
			if i == 0 {
				rows = append(rows, row)
				keepTogether(t, rows)
				for _, r := range rows {
					t.RowCells(r...)
				}
				continue
			}
			t.RowCells(row...)
		}
		if len(g.items) == 0 {
			t.RowCells(rows[0]...)
		}
	}
	t.Keep(after) // a last row too tall to take along
	t.Total(total...)
	t.End()
	closing(d, closingNotes, "考评人：", "审核人：", "日期：")
}

// ckKeepRows is how many of its last rows a branch's form keeps with the
// 合计 row and the signature lines.
const ckKeepRows = 2

// closingHeight is the height closing takes for notes.
func closingHeight(d *Doc, notes []string) float64 {
	st := TextStyle{Size: ckSize, Leading: 1.6}
	h := 2.0
	for _, n := range notes {
		h += d.TextHeight(n, st)
	}
	return h + 8 + SizeXiaoSi*ptMM*1.6
}

// closing writes notes under a table and the lines the document is signed
// on, kept together on one page.
func closing(d *Doc, notes []string, labels ...string) {
	st := TextStyle{Size: ckSize, Leading: 1.6}
	h := closingHeight(d, notes)
	d.Space(2)
	d.KeepTogether(h - 2)
	for _, n := range notes {
		d.Text(n, st)
	}
	d.Space(8)
	signLines(d, labels...)
}

// itemRow is one item of a branch's form.
func itemRow(n int, sc data.ItemScore, markBonus bool) []Cell {
	it := sc.Item
	content := it.Item
	if it.Bonus && markBonus && !strings.Contains(content, "加分") {
		content += "（加分项）"
	}
	score := Cell{Text: sc.Score.String()}
	var reason string
	switch {
	case sc.Auto:
		reason = sc.Reason
	case !sc.Scored:
		score = Cell{Text: "待评", Bold: true, Fill: ckStrong}
		reason = "待审核人评分"
	default:
		comment := strings.TrimSpace(sc.Reason)
		if comment == "" {
			comment = strings.TrimSpace(sc.Comment)
		}
		switch {
		case comment != "" && sc.ScoredBy != "":
			reason = comment + "（评分人：" + sc.ScoredBy + "）"
		case sc.ScoredBy != "":
			reason = "评分人：" + sc.ScoredBy
		default:
			reason = comment
		}
	}
	evidence := strings.TrimSpace(sc.Evidence)
	if evidence == "" {
		if sc.Auto {
			evidence = "系统自动评分"
		} else {
			evidence = "未提交"
		}
	}
	return []Cell{{Text: fmt.Sprint(n)}, {Text: content}, {Text: it.Points.String()}, score, {Text: reason}, {Text: evidence}}
}

// signLines writes the labels of the lines a form is signed on, side by
// side, each followed by a rule; kept on the page of what they sign.
func signLines(d *Doc, labels ...string) {
	p := d.pdf
	d.setSize(SizeXiaoSi)
	lh := SizeXiaoSi * ptMM * 1.6
	d.EnsureSpace(lh)
	y := d.Y()
	gap := 14.0
	sum := 0.0
	for _, l := range labels {
		sum += p.GetStringWidth(l)
	}
	rule := min(40, (d.ContentWidth()-sum-gap*float64(len(labels)-1))/float64(len(labels)))
	x := float64(marginLeft)
	for _, lbl := range labels {
		w := p.GetStringWidth(lbl)
		d.writeLine(x, y, w, lh, lbl, AlignLeft, false)
		p.SetLineWidth(lineThin)
		p.Line(x+w, y+lh-1, x+w+rule, y+lh-1)
		x += w + rule + gap
	}
	p.SetXY(marginLeft, y+lh)
}
