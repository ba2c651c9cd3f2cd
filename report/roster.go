package report

import (
	"cmp"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"dangjian/data"
)

// RosterOptions set up the printed 党员花名册.
type RosterOptions struct {
	AsOf     data.Date             // 截至日期 under the title; zero means today
	Title    string                // "" means 党员花名册 (历史党员名册 for History), e.g. 第一车队党支部党员花名册
	Org      string                // 党总支 name for the running header and under the title
	UnitName func(id int64) string // names of branches and groups; nil prints none
	Branches []int64               // branch order (tree order); members of other branches follow in order of appearance
	// History prints the 历史党员 roster: instead of 党小组 and 手机 it has
	// the 党员状态 and the date the member left (from Events), and 备注
	// says where to (转出) or why.
	History bool
	Events  map[int64][]data.MemberEvent // optional, History only: when and where members left
	// Note is what the 备注 column shows; nil means the 党员状态 when it is
	// not 正常 and the 党内职务. The dossier's own 备注 is narrative too
	// long for a register line; it is printed on the 登记表.
	Note    func(m data.Member) string
	Created time.Time // PDF creation stamp; zero means now
	// NameOrder orders the members within each branch; "" means by
	// strokes (按姓氏笔画), as rosters are filed.
	NameOrder data.NameOrder
}

func (o RosterOptions) withDefaults() RosterOptions {
	if o.AsOf.IsZero() {
		o.AsOf = data.Today()
	}
	if o.Title == "" {
		o.Title = "党员花名册"
		if o.History {
			o.Title = "历史党员名册"
		}
	}
	if o.UnitName == nil {
		o.UnitName = func(int64) string { return "" }
	}
	return o
}

// Roster prints the 党员花名册: A4 landscape, a ruled register with its
// header repeated on every page, members grouped by branch in
// opts.Branches order under a shaded line with the branch's count (repeated
// with "（续）" on the pages a branch continues on), the totals at the end
// with at least the last few rows, "第 x 页 / 共 y 页" on every page, and
// the lines it is signed on. Within a branch members are 按姓氏笔画
// (opts.NameOrder); 序号 runs through the whole roster. Dates are written
// 1980.05.03, as registers write them, so that every column fits a
// landscape page.
func Roster(w io.Writer, ms []data.Member, opts RosterOptions) error {
	opts = opts.withDefaults()
	meta := Meta{Title: opts.Title, Org: opts.Org, Created: opts.Created,
		Subject: fmt.Sprintf("%s（%d 名，截至%s）", opts.Title, len(ms), opts.AsOf.Chinese())}
	groups := rosterGroups(ms, opts.Branches)
	order := cmp.Or(opts.NameOrder, data.OrderStrokes)
	for _, g := range groups {
		data.SortMembers(g.members, order)
	}
	_, err := Render(w, Landscape, meta, func(d *Doc) error {
		r := roster{d: d, opts: opts}
		r.build(groups, len(ms))
		return nil
	})
	return err
}

type rosterGroup struct {
	branch  int64
	members []data.Member
}

func plainCells(texts []string) []Cell {
	cells := make([]Cell, len(texts))
	for i, s := range texts {
		cells[i] = Cell{Text: s}
	}
	return cells
}

// rosterGroups sorts members into their branches: the listed branches in
// order, then others as they first appear, then those without a branch.
func rosterGroups(ms []data.Member, order []int64) []rosterGroup {
	byBranch := map[int64][]data.Member{}
	var seen []int64
	for _, m := range ms {
		if _, ok := byBranch[m.BranchID]; !ok {
			seen = append(seen, m.BranchID)
		}
		byBranch[m.BranchID] = append(byBranch[m.BranchID], m)
	}
	var out []rosterGroup
	done := map[int64]bool{}
	add := func(id int64) {
		if done[id] || len(byBranch[id]) == 0 {
			return
		}
		done[id] = true
		out = append(out, rosterGroup{id, byBranch[id]})
	}
	for _, id := range order {
		if id != 0 {
			add(id)
		}
	}
	for _, id := range seen {
		if id != 0 {
			add(id)
		}
	}
	add(0)
	return out
}

type roster struct {
	d    *Doc
	opts RosterOptions
}

// Roster geometry: 小五 with narrow padding, so that an 18-character ID
// number, an 11-digit phone number and a date each fit on one line and the
// four-character titles in their columns.
const (
	rosterSize    = SizeXiaoWu
	rosterPadX    = 1.2
	rosterMinH    = 7
	rosterDateW   = 18.4
	rosterJobW    = 26
	rosterSignGap = 6
	rosterSignH   = rosterSignGap + SizeWu*ptMM*1.6 // the signature lines below the table
	// rosterKeepRows is how many rows the last page holds at least, with
	// the total and the signature lines (fewer when the roster is shorter).
	rosterKeepRows = 5
)

func (r *roster) columns() []Column {
	cols := []Column{
		{Title: "序号", Width: 9, Align: AlignCenter},
		{Title: "姓名", Width: 15.5, Align: AlignCenter},
		{Title: "性别", Width: 9, Align: AlignCenter},
		{Title: "民族", Width: 12, Align: AlignCenter},
		{Title: "出生日期", Width: rosterDateW, Align: AlignCenter},
		{Title: "公民身份号码", Width: 34, Align: AlignCenter},
		{Title: "学历", Width: 15.5, Align: AlignCenter},
		{Title: "入党日期", Width: rosterDateW, Align: AlignCenter},
		{Title: "转正日期", Width: rosterDateW, Align: AlignCenter},
		{Title: "党籍状态", Width: 15.5, Align: AlignCenter},
	}
	if r.opts.History {
		cols = append(cols,
			Column{Title: "党员状态", Width: 15.5, Align: AlignCenter},
			Column{Title: "离开日期", Width: rosterDateW, Align: AlignCenter})
	} else {
		cols = append(cols, Column{Title: "党小组", Width: 18.5, Align: AlignCenter})
	}
	cols = append(cols, Column{Title: "单位/岗位", Width: rosterJobW})
	if !r.opts.History {
		cols = append(cols, Column{Title: "手机", Width: 22, Align: AlignCenter})
	}
	return append(cols, Column{Title: "备注"})
}

func (r *roster) build(groups []rosterGroup, total int) {
	d, opts := r.d, r.opts
	d.Title(opts.Title)
	left := ""
	if opts.Org != "" {
		left = "党组织：" + opts.Org
	}
	subLine(d, left, "截至日期："+opts.AsOf.Chinese())

	cols := r.columns()
	t := d.NewTable(cols, TableStyle{Size: rosterSize, PadX: rosterPadX, MinRowHeight: rosterMinH, RepeatGroup: true})
	full, prob := 0, 0
	for _, g := range groups {
		for _, m := range g.members {
			switch m.Standing {
			case data.StandingFull:
				full++
			case data.StandingProbationary:
				prob++
			}
		}
	}
	text := fmt.Sprintf("共 %d 名：正式党员 %d 名，预备党员 %d 名", total, full, prob)
	if other := total - full - prob; other > 0 {
		text += fmt.Sprintf("，党籍状态未填 %d 名", other)
	}
	sum := []Cell{{Text: "合计", Span: 2, Align: AlignCenter}, {Text: text, Span: len(cols) - 2, Align: AlignLeft}}
	_, sumH := t.layout(row{cells: sum, kind: rowTotal})

	seq := 0
	for gi, g := range groups {
		name := "未分配党支部"
		if g.branch != 0 {
			if name = opts.UnitName(g.branch); name == "" {
				name = fmt.Sprintf("党支部（编号 %d）", g.branch)
			}
		}
		d.Bookmark(fmt.Sprintf("%s（%d 人）", name, len(g.members)), 0)
		t.Group(fmt.Sprintf("%s（%d 人）", name, len(g.members)))
		// The last rows go with the total and the signature lines, so that
		// the last page is never one row and neither the total nor the
		// signatures start a page alone.
		tail := len(g.members)
		if gi == len(groups)-1 {
			tail = max(len(g.members)-rosterKeepRows, 0)
		}
		var kept [][]Cell
		for i, m := range g.members {
			seq++
			cells := plainCells(r.row(seq, m))
			if i < tail {
				t.RowCells(cells...)
				continue
			}
			kept = append(kept, cells)
		}
		if len(kept) > 0 {
			t.KeepRows(sumH+rosterSignH, kept...)
		}
	}
	// A last row too tall to take along: the total and signatures still
	// stay together.
	t.Keep(sumH + rosterSignH)
	t.Total(sum...)
	t.End()
	r.signatures()
}

// ymd writes a date as registers do: 1980.05.03.
func ymd(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d.%02d.%02d", d.Y, int(d.M), d.D)
}

func (r *roster) row(seq int, m data.Member) []string {
	opts := r.opts
	cells := []string{strconv.Itoa(seq), m.Name, m.Sex, m.Ethnicity, ymd(m.BirthDate), m.IDNumber, m.Education,
		ymd(m.JoinDate), ymd(m.FullDate), m.Standing}
	if opts.History {
		left, where := leaving(m, opts.Events[m.ID])
		cells = append(cells, m.Status, ymd(left), r.job(m), joinNonEmpty("；", where, r.note(m)))
		return cells
	}
	return append(cells, unitOf(opts.UnitName, m.GroupID), r.job(m), m.Phone, r.note(m))
}

// job is the 单位/岗位 cell: "第一车队/驾驶员" when that fits the column,
// else the unit and the post each on lines of their own rather than cut
// anywhere, unless that takes more lines.
func (r *roster) job(m data.Member) string {
	unit, post := strings.TrimSpace(m.WorkUnit), strings.TrimSpace(m.JobPost)
	s := joinNonEmpty("/", unit, post)
	if unit == "" || post == "" {
		return s
	}
	r.d.setSize(rosterSize)
	w, measure := rosterJobW-2*rosterPadX, r.d.pdf.GetStringWidth
	plain := len(BreakLines(clean(s), w, measure))
	split := unit + "/\n" + post
	if plain > 1 && len(BreakLines(clean(split), w, measure)) <= plain {
		return split
	}
	return s
}

func (r *roster) note(m data.Member) string {
	if r.opts.Note != nil {
		return r.opts.Note(m)
	}
	status := ""
	if m.Status != data.StatusNormal && !(r.opts.History && data.InHistory(m.Status)) {
		status = m.Status
	}
	return joinNonEmpty("；", status, m.PartyPost)
}

// leaving finds when and where a member on the history roster left: the
// latest event that gave the present status (a 组织关系转出 for 转出, a
// status change otherwise), else the latest that left for any reason.
func leaving(m data.Member, evs []data.MemberEvent) (data.Date, string) {
	evs = liveEvents(evs)
	var found *data.MemberEvent
	exact := false
	for i := range evs {
		e := &evs[i]
		left := e.Kind == data.EventTransferOut || (e.Kind == data.EventStatus && data.InHistory(e.Status))
		if !left {
			continue
		}
		match := (e.Kind == data.EventTransferOut && m.Status == data.StatusOut) ||
			(e.Kind == data.EventStatus && e.Status == m.Status)
		if match || !exact {
			found, exact = e, match
		}
	}
	if found == nil {
		return data.Date{}, ""
	}
	if found.Kind == data.EventTransferOut {
		where := ""
		if found.To != "" {
			where = "转往" + found.To
		}
		return found.Date, joinNonEmpty("；", where, found.Note)
	}
	return found.Date, found.Note
}

// signatures draws the lines a filed roster is signed on, kept on the page
// of the table's end.
func (r *roster) signatures() {
	d := r.d
	p := d.pdf
	lh := rosterSignH - rosterSignGap
	d.Space(rosterSignGap)
	d.EnsureSpace(lh)
	d.setSize(SizeWu)
	y := d.Y()
	x := float64(marginLeft)
	for _, lbl := range []string{"制表人：", "审核人：", "党组织（盖章）："} {
		w := p.GetStringWidth(lbl)
		d.writeLine(x, y, w, lh, lbl, AlignLeft, false)
		p.SetLineWidth(lineThin)
		p.Line(x+w, y+lh-1, x+w+35, y+lh-1)
		x += w + 35 + 15
	}
	d.writeLine(x, y, d.pageW-marginRight-x, lh, "制表日期："+r.opts.AsOf.Chinese(), AlignRight, false)
	p.SetXY(marginLeft, y+lh)
}
