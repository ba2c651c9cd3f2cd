package workplan

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"dangjian/data"
	"dangjian/data/sheet"
)

// Row is a task the import adds.
type Row struct {
	Row      int       // as Excel numbers it
	Task     data.Task // Year set, Branches the responsible branches' IDs
	Branches []string  // their names, as the organisation has them
	// Warnings are shown but do not stop the row.
	Warnings []sheet.Issue
}

// Plan is what an import would do, computed without writing anything.
type Plan struct {
	Year     int      // the plan's year: tasks are filed under it, 6月底 means its June
	Header   int      // row number of the header
	Columns  []string // recognised columns: "工作任务 → 任务"
	Unknown  []string // header cells not recognised; those columns are ignored
	Adds     []Row
	Existing int           // rows whose task (same year, aspect and title) is on file already (listed in Skipped)
	Rejected []sheet.Issue // one or more per rejected row
	Warnings []sheet.Issue // for rows that are imported, and for the sheet as a whole
	Skipped  []sheet.Issue // section, footer and repeated header rows, and tasks already on file
	Total    int           // data rows considered (section and footer rows not included)
}

// RejectedRows counts the distinct rows that cannot be imported.
func (p *Plan) RejectedRows() int { return countRows(p.Rejected) }

func countRows(list []sheet.Issue) int { return sheet.CountRows(list) }

// world is what a plan is computed against: the organisation and the
// year's tasks on file, read from the store for a preview and inside the
// transaction for Apply.
type world struct {
	units []data.OrgUnit
	tasks []data.Task
}

// Year is the plan's year: year itself, or the store's current year for 0.
func Year(s *data.Store, year int) int {
	if year == 0 {
		return s.Today().Y
	}
	return year
}

func checkYear(year int) error {
	if year < 2000 || year > 2100 {
		return fmt.Errorf("年度 %d 不合理，请写成 2026 这样的四位年份", year)
	}
	return nil
}

// PlanImport computes what importing sh as the work plan of year (0: this
// year) would do. It reads the store and writes nothing.
func PlanImport(ctx context.Context, s *data.Store, sh *sheet.Sheet, year int) (*Plan, error) {
	year = Year(s, year)
	if err := checkYear(year); err != nil {
		return nil, err
	}
	if err := s.Role(ctx).OfficeOnly("督办任务由党总支办公室发布"); err != nil {
		return nil, err
	}
	if sh == nil || len(sh.Rows) == 0 {
		return nil, errors.New("表格是空的，没有可导入的内容")
	}
	units, err := s.OrgUnits(ctx)
	if err != nil {
		return nil, err
	}
	tasks, err := s.Tasks(ctx, year)
	if err != nil {
		return nil, err
	}
	return plan(ctx, sh, year, world{units: units, tasks: tasks}, nil)
}

type planner struct {
	w       world
	sh      *sheet.Sheet
	p       *Plan
	year    int
	colOf   map[string]column // key → its first column
	reqCols []column          // 要求 columns (several are joined)
	ignore  map[int]bool      // column indexes not imported
	aspect  string            // the last aspect named, for rows that leave it blank
	seen    map[string]int    // task key → first row with it
	onFile  map[string]bool   // task keys of the year already stored
	order   int               // next sort order
	branch  []data.OrgUnit    // every branch, for 全部/各党支部
	cache   map[string]unitRef
	problem map[int]string

	otherNoted bool // the sheet's warning about OtherAspect is given
}

// OtherAspect is the aspect of tasks from a list without a 方面 column.
const OtherAspect = "其他工作"

type unitRef struct {
	unit data.OrgUnit
	err  string // why the name is refused
}

func taskKey(aspect, title string) string {
	return data.TopicKey(aspect) + "|" + data.TopicKey(title)
}

func plan(ctx context.Context, sh *sheet.Sheet, year int, w world, progress data.Progress) (*Plan, error) {
	header, ok := findHeader(sh.Rows)
	if !ok {
		return nil, noHeader(sh.Name)
	}
	p := &Plan{Year: year, Header: header + 1}
	pl := &planner{w: w, sh: sh, p: p, year: year, colOf: map[string]column{}, ignore: map[int]bool{},
		seen: map[string]int{}, onFile: map[string]bool{}, cache: map[string]unitRef{}, problem: map[int]string{}}
	cols, unknown := mapColumns(sh.Rows[header])
	p.Unknown = unknown
	for _, c := range cols {
		switch _, dup := pl.colOf[c.key]; {
		case c.key == colIgnore:
			pl.ignore[c.idx] = true
			p.Columns = append(p.Columns, c.title+" → 不导入")
		case c.key == colRequirement:
			pl.reqCols = append(pl.reqCols, c)
			p.Columns = append(p.Columns, c.title+" → 要求")
		case dup:
			pl.ignore[c.idx] = true
			p.Columns = append(p.Columns, c.title+" → "+keyLabels[c.key]+"（重复的列，不导入）")
		default:
			pl.colOf[c.key] = c
			p.Columns = append(p.Columns, c.title+" → "+keyLabels[c.key])
		}
	}
	for _, need := range []string{colBranches, colDue} {
		if _, has := pl.colOf[need]; !has {
			p.Warnings = append(p.Warnings, sheet.Issue{Row: p.Header, Column: keyLabels[need],
				Reason: fmt.Sprintf("表中没有“%s”列，各行都无法导入；请补上这一列", keyLabels[need])})
		}
	}
	for _, u := range w.units {
		if u.Level == data.LevelBranch {
			pl.branch = append(pl.branch, u)
		}
	}
	for _, t := range w.tasks {
		pl.onFile[taskKey(t.Aspect, t.Title)] = true
		pl.order = max(pl.order, t.SortOrder+1)
	}
	for _, pr := range sh.Problems {
		pl.problem[pr.Row] = pr.Reason
	}
	for i := header + 1; i < len(sh.Rows); i++ {
		if i%128 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if progress != nil {
				progress(float64(i) / float64(len(sh.Rows)))
			}
		}
		pl.row(i+1, sh.Rows[i])
	}
	for _, pr := range sh.Problems {
		if pr.Row > len(sh.Rows) {
			p.Total++
			p.Rejected = append(p.Rejected, sheet.Issue{Row: pr.Row, Reason: pr.Reason})
		}
	}
	return p, nil
}

// cell is the cleaned value of a row in a column.
func (pl *planner) cell(cells []string, key string) string {
	c, ok := pl.colOf[key]
	if !ok || c.idx >= len(cells) {
		return ""
	}
	return clean(cells[c.idx])
}

// title names the column of key, for messages.
func (pl *planner) title(key string) string {
	if c, ok := pl.colOf[key]; ok {
		return c.title
	}
	if key == colRequirement && len(pl.reqCols) > 0 {
		return pl.reqCols[0].title
	}
	return keyLabels[key]
}

// classify sorts out rows that are not tasks: blank rows (or rows with
// only a 序号) are passed over; footers, repeated headers and section rows
// (一、政治建设 across the row, or alone in the 方面 column — the aspect of
// the rows below) are listed as skipped. It reports whether the row is a
// task to plan.
func (pl *planner) classify(n int, cells []string) bool {
	var vals []string
	distinct := map[string]bool{}
	first := ""
	for i, c := range cells {
		v := clean(c)
		if first == "" {
			first = v // a footer's 合计 often stands in the 序号 column
		}
		if v == "" || pl.ignore[i] {
			continue
		}
		vals = append(vals, v)
		distinct[v] = true
	}
	skip := func(reason string) bool {
		pl.p.Skipped = append(pl.p.Skipped, sheet.Issue{Row: n, Reason: reason})
		return false
	}
	if isFooter(first) {
		return skip("表尾（" + sheet.Clip(first, 20) + "），不是任务")
	}
	if len(vals) == 0 {
		return false
	}
	if _, ok := scoreHeader(cells); ok {
		return skip("重复的表头行")
	}
	onlyAspect := len(vals) == 1 && pl.cell(cells, colAspect) == vals[0]
	if len(distinct) == 1 && (len(vals) > 1 || onlyAspect) {
		if a := normAspect(vals[0]); a != "" {
			pl.aspect = a
			return skip("分段标题（" + sheet.Clip(a, 20) + "），其下各行归入这一方面")
		}
	}
	return true
}

// rowCtx collects one row's problems.
type rowCtx = sheet.RowCtx

// fieldColumn maps data.CheckTask's fields to columns.
var fieldColumn = map[string]string{"aspect": colAspect, "title": colTitle, "due": colDue, "points": colPoints,
	"branches": colBranches, "remind_days": colRemind}

// row plans one sheet row; n is its Excel row number.
func (pl *planner) row(n int, cells []string) {
	p := pl.p
	if reason, bad := pl.problem[n]; bad {
		p.Total++
		p.Rejected = append(p.Rejected, sheet.Issue{Row: n, Reason: reason})
		return
	}
	if !pl.classify(n, cells) {
		return
	}
	p.Total++
	defer func() {
		// A row that trips over something unforeseen is refused on its
		// own; the other rows are not lost with it.
		if r := recover(); r != nil {
			p.Rejected = append(p.Rejected, sheet.Issue{Row: n, Reason: fmt.Sprintf("此行无法处理（%v），请检查内容", r)})
		}
	}()
	rc := &rowCtx{Row: n, Warns: pl.sh.RowWarnings(n)}
	get := func(key string) string { return pl.cell(cells, key) }
	t := data.Task{Year: pl.year}

	// 方面: a blank cell (a merged one, or left blank under the first
	// row of the aspect) takes the aspect of the rows above.
	if a := normAspect(get(colAspect)); a != "" {
		pl.aspect = a
	}
	t.Aspect = pl.aspect
	if _, has := pl.colOf[colAspect]; !has && t.Aspect == "" {
		// A flat list without aspects (and no section rows).
		t.Aspect = OtherAspect
		if !pl.otherNoted {
			pl.otherNoted = true
			p.Warnings = append(p.Warnings, sheet.Issue{Row: p.Header, Column: keyLabels[colAspect],
				Reason: fmt.Sprintf("表中没有“方面”列，未写明方面的任务归入“%s”", OtherAspect)})
		}
	}
	if t.Aspect == "" {
		rc.Err(pl.title(colAspect), "未填写工作方面（上面各行也没有）")
	}
	if t.Title = normTitle(get(colTitle)); t.Title == "" {
		rc.Err(pl.title(colTitle), "未填写任务内容")
	}

	// 责任支部.
	var names []string
	if _, has := pl.colOf[colBranches]; !has {
		rc.Err(keyLabels[colBranches], "表中没有“责任支部”列，无法确定由哪些支部承办")
	} else if raw := get(colBranches); raw == "" {
		rc.Err(pl.title(colBranches), "未填写责任支部")
	} else {
		t.Branches, names = pl.branches(rc, raw)
	}

	// 完成时限.
	if _, has := pl.colOf[colDue]; !has {
		rc.Err(keyLabels[colDue], "表中没有“完成时限”列")
	} else {
		d, w, err := parseDue(get(colDue), pl.year, pl.sh.Date1904)
		if err != nil {
			rc.Err(pl.title(colDue), "%s", err.Error())
		} else if w != "" {
			rc.Warn(pl.title(colDue), "%s", w)
		}
		t.Due = d
	}

	// 分值.
	if raw := get(colPoints); raw != "" {
		pts, err := parsePoints(raw)
		if err != nil {
			rc.Err(pl.title(colPoints), "%s", err.Error())
		}
		t.Points = pts
	} else if _, has := pl.colOf[colPoints]; has {
		rc.Warn(pl.title(colPoints), "未填写分值，按 0 分导入（不计入任务得分）")
	}

	// 要求 (several columns joined), 备注 after them.
	var req []string
	for _, c := range pl.reqCols {
		if c.idx < len(cells) {
			if v := clean(cells[c.idx]); v != "" {
				req = append(req, v)
			}
		}
	}
	if r := get(colRemarks); r != "" {
		if len(req) > 0 {
			r = "备注：" + r
		}
		req = append(req, r)
	}
	t.Requirement = strings.Join(req, "\n")

	if raw := get(colRemind); raw != "" {
		n, err := parseRemind(raw)
		if err != nil {
			rc.Err(pl.title(colRemind), "%s", err.Error())
		}
		t.RemindDays = n
	}

	if len(rc.Errs) == 0 {
		is := data.CheckTask(&t)
		for _, e := range is.Errors {
			rc.Err(pl.title(fieldColumn[e.Field]), "%s", e.Msg)
		}
		for _, w := range is.Warnings {
			rc.Warn(pl.title(fieldColumn[w.Field]), "%s", w.Msg)
		}
	}
	if len(rc.Errs) > 0 {
		p.Rejected = append(p.Rejected, rc.Errs...)
		return
	}

	// The same task twice in the sheet, or already on file.
	key := taskKey(t.Aspect, t.Title)
	what := fmt.Sprintf("%s：%s", t.Aspect, sheet.Clip(t.Title, 24))
	if first, dup := pl.seen[key]; dup {
		p.Rejected = append(p.Rejected, sheet.Issue{Row: n, Column: pl.title(colTitle),
			Reason: fmt.Sprintf("与第 %d 行是同一项任务（%s），请删去重复的一行", first, what)})
		return
	}
	pl.seen[key] = n
	if pl.onFile[key] {
		p.Existing++
		p.Skipped = append(p.Skipped, sheet.Issue{Row: n, Reason: fmt.Sprintf("已存在：%d 年度已有这项任务（%s），未重复导入", pl.year, what)})
		return
	}
	t.SortOrder = pl.order
	pl.order++
	p.Adds = append(p.Adds, Row{Row: n, Task: t, Branches: names, Warnings: rc.Warns})
	p.Warnings = append(p.Warnings, rc.Warns...)
}

// branches resolves a 责任支部 cell to branch IDs (in the organisation's
// order) and names. Unknown names are refused together, with the names.
func (pl *planner) branches(rc *rowCtx, raw string) ([]int64, []string) {
	col := pl.title(colBranches)
	names, all := splitBranches(raw)
	chosen := map[int64]bool{}
	if all {
		if len(pl.branch) == 0 {
			rc.Err(col, "“%s”指全部党支部，但组织架构中还没有党支部", raw)
			return nil, nil
		}
		for _, b := range pl.branch {
			chosen[b.ID] = true
		}
	}
	var unknown, refused []string
	for _, name := range names {
		ref := pl.unit(name)
		switch {
		case ref.err != "":
			refused = append(refused, ref.err)
		case ref.unit.ID == 0:
			unknown = append(unknown, name)
		default:
			chosen[ref.unit.ID] = true
		}
	}
	if len(unknown) > 0 {
		rc.Err(col, "组织架构中没有%s：请核对名称，或先在组织架构中建立该支部（导入任务不会新建支部）", quoteAll(unknown))
	}
	for _, r := range refused {
		rc.Err(col, "%s", r)
	}
	if len(chosen) == 0 && len(rc.Errs) == 0 {
		rc.Err(col, "未填写责任支部")
	}
	var ids []int64
	var out []string
	for _, b := range pl.branch {
		if chosen[b.ID] {
			ids = append(ids, b.ID)
			out = append(out, b.Name())
		}
	}
	return ids, out
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "“" + n + "”"
	}
	return strings.Join(q, "、")
}

// unit resolves a branch name through data.FindUnit (full name, short
// name or the distinctive part: 第一车队 for 第一车队党支部). An unknown name
// is a zero unit without error; a group or the general branch is refused.
func (pl *planner) unit(name string) unitRef {
	key := compact(name)
	if ref, ok := pl.cache[key]; ok {
		return ref
	}
	var ref unitRef
	u, err := data.FindUnit(pl.w.units, name)
	switch {
	case err != nil && strings.Contains(err.Error(), "多个"):
		ref.err = err.Error()
	case err != nil:
		// not found: ref stays zero
	case u.Level == data.LevelGroup:
		ref.err = fmt.Sprintf("“%s”是党小组，督办任务应落实到党支部", name)
	case u.Level == data.LevelGeneral:
		ref.err = fmt.Sprintf("“%s”是党总支，责任支部请写承办的党支部（全部支部可写“各党支部”）", name)
	default:
		ref.unit = u
	}
	pl.cache[key] = ref
	return ref
}

// sortIssues puts issues in row order (stable for the same row).
func sortIssues(list []sheet.Issue) {
	sort.SliceStable(list, func(i, j int) bool { return list[i].Row < list[j].Row })
}
