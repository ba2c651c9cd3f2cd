package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"dangjian/data"
)

// TaskReportOptions set up the printed 督办台账.
type TaskReportOptions struct {
	Year int    // 0 means the year of the tasks (or of AsOf); tasks of other years are left out
	Org  string // 党总支 name for the running header and under the title
	// AsOf is the day overdue is judged on, printed as 统计截至; zero
	// means today.
	AsOf     data.Date
	UnitName func(id int64) string // branch names; nil prints 党支部（ID）
	Created  time.Time             // PDF creation stamp; zero means now
}

func (o TaskReportOptions) withDefaults(as []data.Assignment) TaskReportOptions {
	if o.AsOf.IsZero() {
		o.AsOf = data.Today()
	}
	if o.Year == 0 {
		o.Year = o.AsOf.Y
		for _, a := range as {
			if a.Task.Year != 0 {
				o.Year = a.Task.Year
				break
			}
		}
	}
	if o.UnitName == nil {
		o.UnitName = func(id int64) string { return fmt.Sprintf("党支部（%d）", id) }
	}
	return o
}

// TaskLedgerTitle is the title of the printed 督办台账.
func TaskLedgerTitle(year int) string {
	return fmt.Sprintf("%d年度党建工作任务督办台账", year)
}

// TaskReport prints the year's 督办 tasks as a ledger, A4 landscape: the
// title "<年份>年度党建工作任务督办台账", a summary (任务 N 项, how many
// branch assignments are done, overdue, waiting for review …), then one
// ruled table grouped by 方面 (a shaded row each, also an outline entry):
// under every task (its number and title in bold, then its 完成时限, 分值
// and 要求) a row per responsible branch with its 完成时限 (and the one it
// replaced, when a 督办 moved it), 状态 (逾期 in bold on a grey ground, as
// of AsOf; 即将到期 noted), 完成情况 (the branch's report), 得分 and
// 办理记录 (every step: "3月2日 报送 张三：…", one a line). A task's row
// stands on a page with its first two branches at least; when the rest
// runs onto the next page the task's row is repeated there, marked （续）.
// The lines 制表人, 审核人 and 日期 close it.
//
// Assignments print in the order given (data.Store.Assignments gives plan
// order); deleted tasks and tasks of other years are left out.
func TaskReport(w io.Writer, as []data.Assignment, opts TaskReportOptions) error {
	opts = opts.withDefaults(as)
	title := TaskLedgerTitle(opts.Year)
	meta := Meta{Title: title, Org: opts.Org, Created: opts.Created,
		Subject: title + "（统计截至" + opts.AsOf.Chinese() + "）", Keywords: "督办 台账 党建工作任务"}
	ledger := newTaskLedger(as, opts)
	_, err := Render(w, Landscape, meta, func(d *Doc) error {
		ledger.print(d, title)
		return nil
	})
	return err
}

type taskGroup struct {
	task data.Task
	rows []data.Assignment
}

type taskAspect struct {
	name  string
	tasks []*taskGroup
}

type taskLedger struct {
	opts    TaskReportOptions
	aspects []*taskAspect
}

func newTaskLedger(as []data.Assignment, opts TaskReportOptions) *taskLedger {
	l := &taskLedger{opts: opts}
	aspects := map[string]*taskAspect{}
	tasks := map[string]*taskGroup{}
	for _, a := range as {
		t := a.Task
		if t.Deleted || (t.Year != 0 && t.Year != opts.Year) {
			continue
		}
		name := strings.TrimSpace(t.Aspect)
		if name == "" {
			name = "其他"
		}
		asp := aspects[name]
		if asp == nil {
			asp = &taskAspect{name: name}
			aspects[name] = asp
			l.aspects = append(l.aspects, asp)
		}
		key := fmt.Sprintf("id:%d", t.ID)
		if t.ID == 0 {
			key = fmt.Sprintf("%s|%s|%s", name, t.Title, t.Due)
		}
		g := tasks[key]
		if g == nil {
			g = &taskGroup{task: t}
			tasks[key] = g
			asp.tasks = append(asp.tasks, g)
		}
		g.rows = append(g.rows, a)
	}
	return l
}

// Geometry of the ledger, in mm (landscape: 252 mm between the margins).
const (
	tlSize     = SizeXiaoWu
	tlSeqW     = 11
	tlBranchW  = 30
	tlDueW     = 25
	tlStatusW  = 21
	tlProgW    = 70
	tlScoreW   = 12
	tlAspect   = 225 // ground of a 方面's row
	tlTask     = 244 // ground of a task's row
	tlOverdue  = 205 // ground of 逾期
	tlTitleCol = 3   // columns the task's title spans after its number
)

// shortDate writes a date of the ledger's year as 3月31日, others in full.
func (l *taskLedger) shortDate(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	if d.Y == l.opts.Year {
		return fmt.Sprintf("%d月%d日", int(d.M), d.D)
	}
	return d.Chinese()
}

// stepDate is the local day of a step's timestamp.
func (l *taskLedger) stepDate(at string) string {
	// Stamps are stored in UTC (data.Tx); the office's day is local.
	for i, layout := range []string{time.RFC3339Nano, time.RFC3339, "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, at); err == nil {
			if i < 2 {
				t = t.In(time.Local)
			}
			return l.shortDate(data.DateOf(t))
		}
	}
	return at
}

// stepText is one step of the history: "3月2日 报送 张三：…".
func (l *taskLedger) stepText(s data.TaskStep) string {
	var b strings.Builder
	b.WriteString(l.stepDate(s.At))
	b.WriteString(" ")
	b.WriteString(s.Action)
	if s.Operator != "" {
		b.WriteString(" " + s.Operator)
	}
	switch {
	case s.Score != nil:
		b.WriteString("（得 " + data.Points(*s.Score).String() + " 分）")
	case !s.Due.IsZero():
		b.WriteString("（限 " + l.shortDate(s.Due) + " 前完成）")
	}
	if t := strings.TrimSpace(s.Text); t != "" {
		b.WriteString("：" + t)
	}
	return b.String()
}

// taskCounts are the ledger's totals.
type taskCounts struct {
	tasks, assigned, done, reported, returned, open, overdue, dueSoon int
}

func (l *taskLedger) counts() taskCounts {
	var c taskCounts
	for _, asp := range l.aspects {
		c.tasks += len(asp.tasks)
		for _, g := range asp.tasks {
			for _, a := range g.rows {
				c.assigned++
				switch a.Status {
				case data.TaskDone:
					c.done++
				case data.TaskReported:
					c.reported++
				case data.TaskReturned:
					c.returned++
				default:
					c.open++
				}
				switch {
				case a.Overdue(l.opts.AsOf):
					c.overdue++
				case a.DueSoon(l.opts.AsOf):
					c.dueSoon++
				}
			}
		}
	}
	return c
}

// Summary is the ledger's one-line account.
func (c taskCounts) summary() string {
	s := fmt.Sprintf("任务 %d 项（分派党支部 %d 个次），已完成 %d，逾期 %d", c.tasks, c.assigned, c.done, c.overdue)
	var rest []string
	if c.reported > 0 {
		rest = append(rest, fmt.Sprintf("已报送待审核 %d", c.reported))
	}
	if c.returned > 0 {
		rest = append(rest, fmt.Sprintf("退回待重报 %d", c.returned))
	}
	if c.open > 0 {
		rest = append(rest, fmt.Sprintf("待办 %d", c.open))
	}
	if c.dueSoon > 0 {
		rest = append(rest, fmt.Sprintf("即将到期 %d", c.dueSoon))
	}
	if len(rest) > 0 {
		s += "；" + strings.Join(rest, "，")
	}
	return s + "。"
}

func (l *taskLedger) print(d *Doc, title string) {
	o := l.opts
	d.Title(title)
	subLine(d, orgLine(o.Org), "统计截至："+o.AsOf.Chinese())
	if len(l.aspects) == 0 {
		d.Space(6)
		d.Text("本年度没有督办任务。", TextStyle{Size: SizeXiaoSi, Align: AlignCenter})
		return
	}
	d.Text(l.counts().summary(), TextStyle{Size: SizeWu, Leading: 1.6})
	d.Text("状态栏加粗灰底的为逾期：截至统计日已过完成时限而未办结（已报送待审核的亦计入）；完成时限因督办调整的，同时注明原定时限。",
		TextStyle{Size: tlSize, Leading: 1.6})
	d.Space(1.5)

	t := d.NewTable([]Column{
		{Title: "序号", Width: tlSeqW, Align: AlignCenter},
		{Title: "责任支部", Width: tlBranchW},
		{Title: "完成时限", Width: tlDueW, Align: AlignCenter},
		{Title: "状态", Width: tlStatusW, Align: AlignCenter},
		{Title: "完成情况", Width: tlProgW},
		{Title: "得分", Width: tlScoreW, Align: AlignCenter},
		{Title: "办理记录"},
	}, TableStyle{Size: tlSize, MinRowHeight: 7})
	n := 0
	for ai, asp := range l.aspects {
		label := fmt.Sprintf("%s、%s（%d 项任务）", chineseNumeral(ai+1), asp.name, len(asp.tasks))
		aspectRow := []Cell{{Text: label, Span: 7, Align: AlignLeft, Bold: true, Fill: tlAspect}}
		for ti, g := range asp.tasks {
			n++
			head := l.taskRow(n, g.task, false)
			rows := [][]Cell{head}
			if ti == 0 {
				rows = [][]Cell{aspectRow, head}
			}
			// A task's row stands with its first two branches; when the
			// rest runs onto another page, the task's row is repeated
			// there, marked （续）.
			var branches [][]Cell
			for _, a := range g.rows {
				branches = append(branches, l.assignmentRow(a))
			}
			lead := min(2, len(branches))
			if ai == len(l.aspects)-1 && ti == len(asp.tasks)-1 && len(branches) == lead {
				t.Keep(t.RowsHeight(append(rows, branches...)...) + closingHeight(d, nil))
			}
			keepTogether(t, append(rows, branches[:lead]...))
			if ti == 0 {
				d.Bookmark(label, 0)
			}
			for _, r := range append(rows, branches[:lead]...) {
				t.RowCells(r...)
			}
			last := ai == len(l.aspects)-1 && ti == len(asp.tasks)-1
			for bi, r := range branches[lead:] {
				need := 0.0
				if last && bi == len(branches[lead:])-1 {
					// The signature lines do not open a page alone.
					need = closingHeight(d, nil)
				}
				if _, h := t.layout(row{cells: r}); t.started && h+need > d.Remaining()+eps {
					t.pageBreak(false)
					t.RowCells(l.taskRow(n, g.task, true)...)
				}
				t.RowCells(r...)
			}
		}
	}
	t.End()
	closing(d, nil, "制表人：", "审核人：", "日期：")
}

// taskRow is a task's own row: its number and title in bold, then its
// due date, points and requirement; cont marks its repetition at the top
// of a page its branches run onto.
func (l *taskLedger) taskRow(n int, tk data.Task, cont bool) []Cell {
	var about []string
	if !tk.Due.IsZero() {
		about = append(about, "完成时限："+tk.Due.Chinese())
	}
	about = append(about, "分值："+tk.Points.String()+" 分")
	text := strings.Join(about, "　")
	if r := strings.TrimSpace(tk.Requirement); r != "" {
		text += "\n要求：" + r
	}
	title := tk.Title
	if cont {
		title += "（续）"
		text = strings.Join(about, "　")
	}
	return []Cell{
		{Text: fmt.Sprint(n), Bold: true, Fill: tlTask},
		{Text: title, Span: tlTitleCol, Bold: true, Fill: tlTask},
		{Text: text, Span: 7 - 1 - tlTitleCol, Fill: tlTask},
	}
}

func (l *taskLedger) assignmentRow(a data.Assignment) []Cell {
	asOf := l.opts.AsOf
	due := l.shortDate(a.Due)
	if !a.Task.Due.IsZero() && !a.Due.IsZero() && a.Due != a.Task.Due {
		due += "\n原定" + l.shortDate(a.Task.Due)
	}
	status := Cell{Text: a.Status}
	switch {
	case a.Overdue(asOf):
		status = Cell{Text: a.Status + "\n逾期 " + fmt.Sprint(a.Due.DaysUntil(asOf)) + " 天", Bold: true, Fill: tlOverdue}
	case a.DueSoon(asOf):
		if days := asOf.DaysUntil(a.Due); days == 0 {
			status.Text += "\n今日到期"
		} else {
			status.Text += fmt.Sprintf("\n%d 天后到期", days)
		}
	}
	progress := strings.TrimSpace(a.Progress)
	if progress == "" {
		progress = "未报送"
	}
	score := ""
	if a.Score != nil {
		score = a.Score.String()
	}
	var steps []string
	for _, s := range a.Steps {
		steps = append(steps, l.stepText(s))
	}
	return []Cell{{}, {Text: l.opts.UnitName(a.BranchID)}, {Text: due}, status, {Text: progress}, {Text: score},
		{Text: strings.Join(steps, "\n")}}
}

// keepTogether starts the next page (under the table's repeated header)
// when rows do not fit below what is drawn but would on a fresh page, as
// Table.GroupRows does for a group line; the caller then adds them.
func keepTogether(t *Table, rows [][]Cell) {
	if len(rows) > 0 {
		t.Keep(t.RowsHeight(rows...))
	}
}
