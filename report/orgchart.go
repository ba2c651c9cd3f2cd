package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"dangjian/data"
)

// OrgChartOptions set up the printed 组织架构表.
type OrgChartOptions struct {
	AsOf       data.Date // 截至日期: posts and terms as on this day; zero means today
	WarnMonths int       // 换届提醒 window in months; 0 means 6
	Title      string    // "" means 组织架构表
	Org        string    // running header; defaults to the full name of a single root
	Created    time.Time // PDF creation stamp; zero means now
}

func (o OrgChartOptions) withDefaults(roots []*data.OrgNode) OrgChartOptions {
	if o.AsOf.IsZero() {
		o.AsOf = data.Today()
	}
	if o.WarnMonths <= 0 {
		o.WarnMonths = 6
	}
	if o.Title == "" {
		o.Title = "组织架构表"
	}
	if o.Org == "" && len(roots) == 1 && roots[0] != nil {
		o.Org = fullName(roots[0].Unit)
	}
	return o
}

// OrgChart prints the 组织架构表: every unit depth first (党总支, each 党支部,
// its 党小组) as a ruled registration form with its current committee, a
// bookmark per unit, and the totals at the end. Portrait A4: the forms have
// four columns and read like the paper 登记表 they replace, which is filed in
// portrait binders.
func OrgChart(w io.Writer, roots []*data.OrgNode, opts OrgChartOptions) error {
	opts = opts.withDefaults(roots)
	meta := Meta{Title: opts.Title, Org: opts.Org, Subject: "党组织架构（截至" + opts.AsOf.Chinese() + "）", Created: opts.Created}
	_, err := Render(w, Portrait, meta, func(d *Doc) error {
		oc := orgChart{d: d, opts: opts}
		oc.build(roots)
		return nil
	})
	return err
}

type orgChart struct {
	d    *Doc
	opts OrgChartOptions
}

// Form geometry, mm: label and value columns of the registration form, and the
// committee register below it. Nested 党小组 forms are indented.
const (
	ocLabelW  = 26
	ocIndent  = 8
	ocGap     = 3
	ocSeqW    = 14
	ocTitleW  = 32
	ocHolderW = 30
	ocStartW  = 38
)

func (oc *orgChart) build(roots []*data.OrgNode) {
	d := oc.d
	d.Title(oc.opts.Title)
	d.Text("截至 "+oc.opts.AsOf.Chinese(), TextStyle{Size: SizeXiaoSi, Align: AlignCenter})
	d.Space(4)

	roots = live(roots)
	oc.overview(roots)
	// With one root (the usual 党总支) it heads the document unnumbered and its
	// children take the first numbering level.
	skip := 0
	if len(roots) == 1 {
		skip = 1
	}
	var walk func(n, parent *data.OrgNode, depth, index int)
	walk = func(n, parent *data.OrgNode, depth, index int) {
		oc.unit(n, parent, depth, numbering(depth-skip, index))
		for i, c := range live(n.Children) {
			walk(c, n, depth+1, i)
		}
	}
	for i, r := range roots {
		walk(r, nil, 0, i)
	}
	oc.summary(roots)
}

// overview prints the whole tree on the first page, one row per unit with
// its head, its members and its term, and then starts the units' forms on
// a new page.
func (oc *orgChart) overview(roots []*data.OrgNode) {
	d := oc.d
	if len(roots) == 0 {
		return
	}
	d.Bookmark("组织架构总览", 0)
	d.Text("组织架构总览", TextStyle{Size: SizeXiaoSi, Bold: true, Leading: 1.6})
	d.Space(1)
	var rows [][]Cell
	var walk func(n *data.OrgNode, depth int)
	walk = func(n *data.OrgNode, depth int) {
		u := n.Unit
		term := ""
		if !u.TermStart.IsZero() {
			term = ymd(u.TermEnd())
			switch u.TermStatus(oc.opts.AsOf, oc.opts.WarnMonths) {
			case data.TermDueSoon:
				term += "（将届满）"
			case data.TermOverdue:
				term += "（已届满）"
			}
		}
		sub := ""
		if depth == 0 || u.Level != data.LevelGroup {
			if sub = childSummary(n); sub == "无" {
				sub = ""
			}
		}
		rows = append(rows, []Cell{
			{Text: strings.Repeat("　", depth) + u.Name(), Bold: depth == 0},
			{Text: u.Level.Label()},
			{Text: n.Head(oc.opts.AsOf)},
			{Text: fmt.Sprintf("%d", n.TotalMembers())},
			{Text: sub},
			{Text: term},
		})
		for _, c := range live(n.Children) {
			walk(c, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	// Dense enough for a few dozen units on the page.
	t := d.NewTable([]Column{
		{Title: "组织名称"},
		{Title: "层级", Width: 16, Align: AlignCenter},
		{Title: "书记（组长）", Width: 24, Align: AlignCenter},
		{Title: "党员人数", Width: 17, Align: AlignCenter},
		{Title: "下属组织", Width: 22, Align: AlignCenter},
		{Title: "本届任期届满", Width: 36, Align: AlignCenter},
	}, TableStyle{Size: SizeXiaoWu, MinRowHeight: 6, PadX: 1.2})
	for _, r := range rows {
		t.RowCells(r...)
	}
	t.End()
	d.Space(2)
	d.Text("党员人数含下属组织的党员。各组织的详细情况见后页。", TextStyle{Size: SizeXiaoWu, Leading: 1.5})
	d.NewPage()
	d.Text("各组织登记表", TextStyle{Size: SizeXiaoSi, Bold: true, Leading: 1.6})
	d.Space(2)
}

// live drops nil and deleted nodes: a deleted unit stays in the database as
// history but is no longer part of the structure.
func live(nodes []*data.OrgNode) []*data.OrgNode {
	var out []*data.OrgNode
	for _, n := range nodes {
		if n != nil && !n.Unit.Deleted {
			out = append(out, n)
		}
	}
	return out
}

// numbering gives the heading number of the index-th item on a level, the
// way Chinese documents number nested sections: 一、 （一） 1. （1）.
func numbering(level, index int) string {
	switch {
	case level < 0:
		return ""
	case level == 0:
		return chineseNumeral(index+1) + "、"
	case level == 1:
		return "（" + chineseNumeral(index+1) + "）"
	case level == 2:
		return fmt.Sprintf("%d. ", index+1)
	}
	return fmt.Sprintf("（%d）", index+1)
}

// chineseNumeral writes 1–99 as 一 … 九十九; larger numbers in digits.
func chineseNumeral(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return fmt.Sprint(n)
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	}
	return digits[n/10] + "十" + digits[n%10]
}

func fullName(u data.OrgUnit) string {
	if u.FullName != "" {
		return u.FullName
	}
	return u.ShortName
}

func (oc *orgChart) unit(n, parent *data.OrgNode, depth int, number string) {
	d := oc.d
	indent := 0.0
	if n.Unit.Level == data.LevelGroup {
		indent = ocIndent
	}
	rows := oc.formRows(n, parent)
	form := d.NewTable([]Column{
		{Width: ocLabelW, Align: AlignCenter}, {}, {Width: ocLabelW, Align: AlignCenter}, {},
	}, TableStyle{NoHeader: true, Indent: indent})
	posts := currentPosts(n, oc.opts.AsOf)
	committee := d.NewTable([]Column{
		{Title: "序号", Width: ocSeqW, Align: AlignCenter},
		{Title: "职务", Width: ocTitleW, Align: AlignCenter},
		{Title: "姓名", Width: ocHolderW, Align: AlignCenter},
		{Title: "任职起始日期", Width: ocStartW, Align: AlignCenter},
		{Title: "备注"},
	}, TableStyle{Indent: indent})
	postRows := make([][]Cell, len(posts))
	for i, p := range posts {
		postRows[i] = []Cell{{Text: fmt.Sprint(i + 1)}, {Text: p.Title}, {Text: p.Holder}, {Text: p.Start.Chinese()}, {Text: p.Note}}
	}
	if len(posts) == 0 {
		postRows = [][]Cell{{{Text: "（无现任人员记录）", Span: 5, Align: AlignCenter}}}
	}
	caption := committeeCaption(n.Unit, len(posts))
	capStyle := TextStyle{Size: SizeWu, Bold: true, Indent: indent, Leading: 1.8}

	// Keep a unit on one page when it fits on one; else at least its form.
	formH := form.Height(rows...)
	whole := formH + ocGap + capStyle.lineHeight() + committee.Height(postRows...)
	keep := formH
	if whole+12 <= d.bodyHeight() {
		keep = whole
	}
	d.heading(number+n.Unit.Name(), depth, keep, indent)
	for _, r := range rows {
		form.RowCells(r...)
	}
	form.End()

	d.Space(ocGap)
	d.EnsureSpace(capStyle.lineHeight() + committee.Height(postRows[0]))
	d.Text(caption, capStyle)
	for _, r := range postRows {
		committee.RowCells(r...)
	}
	committee.End()
	d.Space(ocGap)
}

// formRows are the registration form of a unit: label, value, label, value.
func (oc *orgChart) formRows(n, parent *data.OrgNode) [][]Cell {
	u := n.Unit
	asOf := oc.opts.AsOf
	label := func(s string) Cell { return Cell{Text: s, Shade: true} }
	wide := func(s string) Cell { return Cell{Text: s, Span: 3} }
	val := func(s string) Cell { return Cell{Text: s} }

	members := fmt.Sprintf("%d 名", n.TotalMembers())
	if len(live(n.Children)) > 0 {
		members += "（含下属组织）"
	}
	var subLabel, sub string
	switch {
	case u.Level == data.LevelGroup && parent != nil:
		subLabel, sub = "所属支部", parent.Unit.Name()
	case u.Level == data.LevelGroup:
		subLabel = "所属支部"
	default:
		subLabel = "下属组织"
		sub = childSummary(n)
	}
	rows := [][]Cell{
		{label("全称"), wide(u.FullName)},
		{label("简称"), val(u.ShortName), label("类型"), val(u.Kind)},
		{label("成立日期"), val(u.Founded.Chinese()), label("党员人数"), val(members)},
		{label(headTitle(u.Level)), val(n.Head(asOf)), label("党建联络人"), val(u.Liaison)},
		{label("联系电话"), val(u.Phone), label(subLabel), val(sub)},
	}
	if u.Level != data.LevelGroup || !u.TermStart.IsZero() {
		term := ""
		if !u.TermStart.IsZero() {
			term = u.TermStart.Chinese() + " 至 " + u.TermEnd().Chinese()
			if u.TermYears > 0 {
				term += fmt.Sprintf("（任期 %d 年）", u.TermYears)
			}
		}
		rows = append(rows, []Cell{label("本届任期"), wide(term)})
	}
	if note := u.TermNote(asOf, oc.opts.WarnMonths); note != "" {
		rows = append(rows, []Cell{label("换届提示"), {Text: note, Span: 3, Bold: true}})
	}
	return rows
}

// headTitle is the label of a unit's head: 书记, or 组长 for a 党小组.
func headTitle(l data.OrgLevel) string { return l.Posts()[0] }

func committeeCaption(u data.OrgUnit, n int) string {
	var name string
	switch u.Level {
	case data.LevelGroup:
		name = "党小组负责人"
	case data.LevelBranch:
		name = "支部委员会"
	default:
		name = u.Kind
		if name == "" {
			name = u.Level.Label()
		}
		name += "委员会"
	}
	return fmt.Sprintf("%s（现任 %d 人）", name, n)
}

// childSummary counts a unit's children by level: "党支部 3 个".
func childSummary(n *data.OrgNode) string {
	counts := map[data.OrgLevel]int{}
	var order []data.OrgLevel
	for _, c := range live(n.Children) {
		if counts[c.Unit.Level] == 0 {
			order = append(order, c.Unit.Level)
		}
		counts[c.Unit.Level]++
	}
	var parts []string
	for _, l := range order {
		parts = append(parts, fmt.Sprintf("%s %d 个", l.Label(), counts[l]))
	}
	if len(parts) == 0 {
		return "无"
	}
	return strings.Join(parts, "，")
}

// currentPosts are the posts held on day in the order the level prints them
// (书记 first), then by start date. data.OrgNode.CurrentPosts keeps the stored
// order and includes deleted rows, so the order and filter are applied here.
func currentPosts(n *data.OrgNode, day data.Date) []data.Post {
	var out []data.Post
	for _, p := range n.CurrentPosts(day) {
		if !p.Deleted {
			out = append(out, p)
		}
	}
	order := n.Unit.Level.Posts()
	rank := func(title string) int {
		if i := slices.Index(order, title); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(out, func(a, b data.Post) int {
		if r := rank(a.Title) - rank(b.Title); r != 0 {
			return r
		}
		return a.Start.Compare(b.Start)
	})
	return out
}

func (oc *orgChart) summary(roots []*data.OrgNode) {
	d := oc.d
	counts := map[data.OrgLevel]int{}
	members, dueSoon, overdue := 0, 0, 0
	for _, r := range roots {
		members += r.TotalMembers()
		var visit func(n *data.OrgNode)
		visit = func(n *data.OrgNode) {
			counts[n.Unit.Level]++
			switch n.Unit.TermStatus(oc.opts.AsOf, oc.opts.WarnMonths) {
			case data.TermDueSoon:
				dueSoon++
			case data.TermOverdue:
				overdue++
			}
			for _, c := range live(n.Children) {
				visit(c)
			}
		}
		visit(r)
	}
	text := fmt.Sprintf("合计：党支部 %d 个，党小组 %d 个，党员 %d 名。",
		counts[data.LevelBranch], counts[data.LevelGroup], members)
	if dueSoon+overdue > 0 {
		text += fmt.Sprintf("其中本届任期 %d 个月内届满的 %d 个，已届满未换届的 %d 个。", oc.opts.WarnMonths, dueSoon, overdue)
	}
	st := TextStyle{Size: SizeXiaoSi, Bold: true, Leading: 1.6}
	d.Space(3)
	// The totals, the signatures and the seal stay together.
	d.KeepTogether(d.TextHeight(text, st) + 10 + ocSignH)
	d.Text(text, st)
	d.Space(10)
	oc.signatures()
}

// ocSignH is the height of the signature lines and the seal's place.
const ocSignH = SizeXiaoSi*ptMM*1.6*3 + ocSealH

// ocSealH is the room left above the 盖章 line for the seal (a round seal
// is 40–45 mm across; it may overlap the text, as seals do).
const ocSealH = 24

// signatures draws the blanks a filed form is signed on, and the place the
// organisation's seal and the date go, at the right as on paper.
func (oc *orgChart) signatures() {
	d := oc.d
	p := d.pdf
	d.setSize(SizeXiaoSi)
	y := d.Y()
	x := float64(marginLeft)
	lh := SizeXiaoSi * ptMM * 1.6
	for _, lbl := range []string{"制表人：", "审核人："} {
		w := p.GetStringWidth(lbl)
		d.writeLine(x, y, w, lh, lbl, AlignLeft, false)
		p.SetLineWidth(lineThin)
		p.Line(x+w, y+lh-1, x+w+35, y+lh-1)
		x += w + 35 + 15
	}
	right := d.pageW - marginRight
	w := 70.0
	y += lh + ocSealH
	d.writeLine(right-w, y, w, lh, "党组织（盖章）", AlignCenter, false)
	y += lh
	d.writeLine(right-w, y, w, lh, "年　　月　　日", AlignCenter, false)
	p.SetXY(marginLeft, y+lh)
}
