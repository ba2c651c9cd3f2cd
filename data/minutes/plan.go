package minutes

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"dangjian/data"
	"dangjian/data/sheet"
)

// Row is a meeting the import adds.
type Row struct {
	Row     int          // as Excel numbers it
	Meeting data.Meeting // Status 已审核 when it will be filed as reviewed, 草稿 otherwise
	Branch  string       // the branch or group it is recorded under, as named in the organisation
	// Warnings are shown but do not stop the row.
	Warnings []sheet.Issue
}

// Plan is what an import would do, computed without writing anything.
type Plan struct {
	Header   int      // row number of the header
	Columns  []string // recognised columns: "召开时间 → 会议时间"
	Unknown  []string // header cells not recognised; those columns are ignored
	Adds     []Row
	Existing int // rows whose meeting is already on file (listed in Skipped as 已存在)
	// DefaultBranch is where rows with a blank 支部 go, when it could be
	// told (Sheet.DefaultBranch, a unit named in the title rows or the
	// sheet name, or the only branch there is).
	DefaultBranch string
	Rejected      []sheet.Issue // one or more per rejected row
	Warnings      []sheet.Issue // for rows that are imported, and for the sheet as a whole
	Skipped       []sheet.Issue // footer, title and repeated header rows, and meetings already on file
	Total         int           // data rows considered
}

// RejectedRows counts the distinct rows that cannot be imported.
func (p *Plan) RejectedRows() int { return countRows(p.Rejected) }

func countRows(list []sheet.Issue) int { return sheet.CountRows(list) }

// world is what a plan is computed against: the store's read side for the
// preview, the open transaction for Apply.
type world struct {
	today  data.Date
	role   data.Role // who imports: a branch copy imports its own minutes only, as drafts
	units  []data.OrgUnit
	exists func(unitID int64, day data.Date, kind, topic string) (bool, error)
}

// PlanImport computes what importing sh would do. It reads the store and
// writes nothing.
func PlanImport(ctx context.Context, s *data.Store, sh *sheet.Sheet) (*Plan, error) {
	if sh == nil || len(sh.Rows) == 0 {
		return nil, errors.New("表格是空的，没有可导入的内容")
	}
	units, err := s.OrgUnits(ctx)
	if err != nil {
		return nil, err
	}
	w := world{today: s.Today(), role: s.Role(ctx), units: units, exists: func(unitID int64, day data.Date, kind, topic string) (bool, error) {
		return s.MeetingExists(ctx, unitID, day, kind, topic)
	}}
	return plan(ctx, sh, w, nil)
}

type planner struct {
	w      world
	sh     *sheet.Sheet
	p      *Plan
	cols   []column
	colOf  map[string]column // key → its first column
	keyAt  []string          // column index → key
	byID   map[int64]data.OrgUnit
	groups map[int64][]data.OrgUnit
	cache  map[string]unitRef
	seen   map[string]int // meeting key → first row with it

	defUnit    unitRef // for rows with a blank 支部
	defNoted   bool
	draftNoted bool   // the branch copy's "imported as drafts" note is out
	section    string // unit named by the last section title row
	problems   map[int]string
	fatal      error
}

type unitRef struct {
	unit data.OrgUnit
	err  string
}

func plan(ctx context.Context, sh *sheet.Sheet, w world, progress data.Progress) (*Plan, error) {
	header, ok := findHeader(sh.Rows)
	if !ok {
		return nil, noHeader(sh.Name)
	}
	p := &Plan{Header: header + 1}
	pl := &planner{w: w, sh: sh, p: p, colOf: map[string]column{}, byID: map[int64]data.OrgUnit{},
		groups: map[int64][]data.OrgUnit{}, cache: map[string]unitRef{}, seen: map[string]int{}, problems: map[int]string{}}
	pl.cols, p.Unknown = mapColumns(sh.Rows[header])
	pl.keyAt = make([]string, len(sh.Rows[header]))
	for i, c := range pl.cols {
		// 日期 and 时间 side by side: the second holds the time of day.
		if _, dup := pl.colOf[colWhen]; dup && c.key == colWhen {
			if _, has := pl.colOf[colStart]; !has {
				c.key = colStart
				pl.cols[i] = c
			}
		}
		pl.keyAt[c.idx] = c.key
		if _, dup := pl.colOf[c.key]; !dup {
			pl.colOf[c.key] = c
			p.Columns = append(p.Columns, c.title+" → "+keyLabels[c.key])
		} else {
			p.Columns = append(p.Columns, c.title+" → "+keyLabels[c.key]+"（重复的列，不导入）")
		}
	}
	for _, u := range w.units {
		pl.byID[u.ID] = u
		if u.Level == data.LevelGroup {
			pl.groups[u.ParentID] = append(pl.groups[u.ParentID], u)
		}
	}
	for _, pr := range sh.Problems {
		pl.problems[pr.Row] = pr.Reason
	}
	pl.defaultUnit(header)
	for i := header + 1; i < len(sh.Rows); i++ {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if progress != nil {
				progress(float64(i) / float64(len(sh.Rows)))
			}
		}
		pl.row(i+1, sh.Rows[i])
		if pl.fatal != nil {
			return nil, pl.fatal
		}
	}
	for _, pr := range sh.Problems {
		if pr.Row > len(sh.Rows) {
			p.Total++
			p.Rejected = append(p.Rejected, sheet.Issue{Row: pr.Row, Reason: pr.Reason})
		}
	}
	return p, nil
}

// defaultUnit decides where rows with a blank 支部 go: the importer's
// choice, else a unit named in the title rows or the sheet's name (a
// ledger kept per branch), else the only branch there is.
func (pl *planner) defaultUnit(header int) {
	if name := clean(pl.sh.DefaultBranch); name != "" {
		pl.defUnit = pl.unit(name)
		if pl.defUnit.err == "" {
			pl.p.DefaultBranch = pl.defUnit.unit.Name()
		}
		return
	}
	var texts []string
	for i := 0; i < header; i++ {
		texts = append(texts, pl.sh.Rows[i]...)
	}
	texts = append(texts, pl.sh.Name)
	var hit *data.OrgUnit
	best := 0
	for _, t := range texts {
		t = compact(t)
		if t == "" {
			continue
		}
		for _, u := range pl.w.units {
			if u.Level == data.LevelGeneral {
				continue
			}
			for _, n := range []string{u.FullName, u.ShortName} {
				n = compact(n)
				if len([]rune(n)) >= 2 && strings.Contains(t, n) && len(n) > best {
					u := u
					hit, best = &u, len(n)
				}
			}
		}
	}
	if hit == nil {
		var branches []data.OrgUnit
		for _, u := range pl.w.units {
			if u.Level == data.LevelBranch {
				branches = append(branches, u)
			}
		}
		if len(branches) == 1 {
			hit = &branches[0]
		}
	}
	if hit != nil {
		pl.defUnit = unitRef{unit: *hit}
		pl.p.DefaultBranch = hit.Name()
	}
}

func compact(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(sheet.Fold(clean(s))), ""))
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
	return keyLabels[key]
}

// classify sorts out rows that are not meetings: blank rows (or rows with
// only a 序号) are passed over, footers, title and section rows and
// repeated headers are listed as skipped. It reports whether the row is
// a meeting to plan.
func (pl *planner) classify(n int, cells []string) bool {
	var vals []string
	distinct := map[string]bool{}
	for i, c := range cells {
		v := clean(c)
		if v == "" || (i < len(pl.keyAt) && pl.keyAt[i] == colIgnore) {
			continue
		}
		vals = append(vals, v)
		distinct[v] = true
	}
	if len(vals) == 0 {
		return false
	}
	first := ""
	for _, c := range cells {
		if v := clean(c); v != "" {
			first = v
			break
		}
	}
	skip := func(reason string) bool {
		pl.p.Skipped = append(pl.p.Skipped, sheet.Issue{Row: n, Reason: reason})
		return false
	}
	if isFooter(first) {
		return skip("表尾（" + sheet.Clip(first, 20) + "），不是会议记录")
	}
	if n, ok := scoreHeader(cells); ok && n >= 3 {
		return skip("重复的表头行")
	}
	// A title or section row: one value, merged across the row or alone
	// in the 支部 column (第一党支部 above that branch's meetings).
	onlyBranch := len(vals) == 1 && pl.cell(cells, colBranch) == vals[0]
	if len(distinct) == 1 && (len(vals) > 1 || onlyBranch) {
		if ref := pl.unit(vals[0]); ref.err == "" {
			pl.section = vals[0]
			return skip("分段标题（" + ref.unit.Name() + "），其下各行记在该组织名下")
		}
		if len(vals) > 1 {
			return skip("标题行（" + sheet.Clip(vals[0], 20) + "）")
		}
	}
	return true
}

// rowCtx collects one row's problems.
type rowCtx = sheet.RowCtx

// fieldColumn maps data.CheckMeeting's fields to ledger columns.
var fieldColumn = map[string]string{"unit_id": colBranch, "kind": colKind, "topic": colTopic, "date": colWhen,
	"start_time": colWhen, "end_time": colWhen, "place": colPlace, "host": colHost, "recorder": colRecorder,
	"expected": colExpected, "attendance": colPresent, "content": colContent}

// row plans one sheet row; n is its Excel row number.
func (pl *planner) row(n int, cells []string) {
	p := pl.p
	if reason, bad := pl.problems[n]; bad {
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
	m := data.Meeting{Status: data.StatusApproved}
	get := func(key string) string { return pl.cell(cells, key) }

	// Kind first: where a meeting is recorded depends on it.
	if raw := get(colKind); raw == "" {
		rc.Err(pl.title(colKind), "未填写会议类型")
	} else {
		var w string
		m.Kind, w = normKind(raw)
		if w != "" {
			rc.Warn(pl.title(colKind), "%s", w)
		}
	}
	m.Topic = get(colTopic)
	if m.Kind == data.KindOther && m.Topic == "" {
		m.Topic = get(colKind)
	}
	unit, unitCol, ok := pl.unitOf(rc, get(colBranch), get(colGroup))
	if ok {
		unit = pl.fitUnit(rc, unit, m.Kind, unitCol)
		m.UnitID = unit.ID
		if err := pl.w.role.CanSaveMeeting(unit.ID, pl.branchOf); err != nil {
			rc.Err(pl.title(unitCol), "本机身份为党支部，不能导入“%s”的会议记录（只能导入本支部及所属党小组的）", unit.Name())
		}
	}

	// 会议时间, and the separate start and end columns when present.
	whenTitle := pl.title(colWhen)
	if raw := get(colWhen); raw == "" {
		rc.Err(whenTitle, "未填写会议日期")
	} else {
		d, start, end, w, err := parseWhen(raw, pl.sh.Date1904)
		switch {
		case err != nil:
			rc.Err(whenTitle, "%s", err.Error())
		case d.After(pl.w.today):
			rc.Err(whenTitle, "会议日期 %s 晚于今天，历史纪要的日期不能在今后，请核对", d.Chinese())
		}
		if w != "" {
			rc.Warn(whenTitle, "%s", w)
		}
		m.Date, m.StartTime, m.EndTime = d, start, end
	}
	for _, t := range []struct {
		key string
		dst *string
	}{{colStart, &m.StartTime}, {colEnd, &m.EndTime}} {
		raw := get(t.key)
		if raw == "" {
			continue
		}
		if s, e, ok := parseClock(raw); ok {
			*t.dst = s
			if t.key == colStart && e != "" && m.EndTime == "" {
				m.EndTime = e
			}
		} else {
			rc.Warn(pl.title(t.key), "“%s”无法识别为时刻，未导入", raw)
		}
	}

	m.Place, m.Host, m.Recorder, m.Guests = get(colPlace), get(colHost), get(colRecorder), get(colGuests)
	m.Form = normForm(get(colForm))
	m.Agenda, m.Content, m.Resolution = get(colAgenda), get(colContent), get(colResolution)
	if r := get(colRemarks); r != "" {
		if m.Content != "" {
			m.Content += "\n\n"
		}
		m.Content += "备注：" + r
	}
	if raw := get(colStatus); raw != "" && !approvedStatus(raw) {
		m.Status = data.StatusDraft
	} else if m.Status == data.StatusApproved && pl.w.role.CanFileApproved() != nil && !pl.draftNoted {
		// A branch copy files nothing as 已审核: its minutes go to the
		// office for review like any it types in.
		pl.draftNoted = true
		pl.p.Warnings = append(pl.p.Warnings, sheet.Issue{Row: pl.p.Header, Column: pl.title(colStatus),
			Reason: "本机身份为党支部：导入的会议记录均为草稿，请逐条提交党总支审核"})
	}
	if pl.w.role.CanFileApproved() != nil {
		m.Status = data.StatusDraft
	}

	// 应到, 实到, 请假, 缺席.
	counts := map[string]*int{colExpected: &m.Expected, colPresent: &m.Present, colLeaveN: &m.OnLeave, colAbsentN: &m.Absent}
	for _, key := range []string{colExpected, colPresent, colLeaveN, colAbsentN} {
		if raw := get(key); raw != "" {
			n, err := parseCount(raw)
			if err != nil {
				rc.Err(pl.title(key), "%s", err.Error())
			}
			*counts[key] = n
		}
	}
	m.LeaveText, m.AbsentText = get(colLeave), get(colAbsent)
	for _, t := range []struct {
		key, countKey, label string
		text                 *string
		n                    *int
	}{{colLeave, colLeaveN, "请假", &m.LeaveText, &m.OnLeave}, {colAbsent, colAbsentN, "缺席", &m.AbsentText, &m.Absent}} {
		if *t.text == "" {
			continue
		}
		k, ok := countPeople(*t.text)
		if noneWords[compact(*t.text)] {
			*t.text = ""
		}
		if get(t.countKey) != "" {
			if ok && k != *t.n && k > 0 {
				rc.Warn(pl.title(t.key), "%s人员写了 %d 人，%s为 %d，按人数列导入", t.label, k, pl.title(t.countKey), *t.n)
			}
			continue
		}
		if ok {
			*t.n = k
		} else {
			rc.Warn(pl.title(t.key), "无法从“%s”数出%s人数，%s人数未计，请导入后核对", sheet.Clip(*t.text, 30), t.label, t.label)
		}
	}
	if m.Expected > 0 && m.Present > m.Expected {
		rc.Err(pl.title(colPresent), "实到人数 %d 多于应到人数 %d，请核对", m.Present, m.Expected)
	} else if m.Expected > 0 && m.Present+m.OnLeave+m.Absent > m.Expected {
		rc.Err(pl.title(colExpected), "实到 %d 人、请假 %d 人、缺席 %d 人，合计 %d 人，多于应到人数 %d，请核对",
			m.Present, m.OnLeave, m.Absent, m.Present+m.OnLeave+m.Absent, m.Expected)
	} else if m.Expected == 0 && m.Present > 0 {
		rc.Warn(pl.title(colExpected), "未填写应到人数，无法判断到会是否过半")
	}

	// The minutes rules, as for minutes typed in.
	if len(rc.Errs) == 0 {
		is := data.CheckMeeting(&m, false, pl.w.today)
		for _, e := range is.Errors {
			rc.Err(pl.title(fieldColumn[e.Field]), "%s", e.Msg)
		}
		for _, w := range is.Warnings {
			rc.Warn(pl.title(fieldColumn[w.Field]), "历史记录：%s", w.Msg)
		}
	}
	if len(rc.Errs) > 0 {
		p.Rejected = append(p.Rejected, rc.Errs...)
		return
	}

	// The same meeting twice in the sheet, or already on file.
	key := fmt.Sprintf("%d|%s|%s|%s", m.UnitID, m.Date, m.Kind, data.TopicKey(m.Topic))
	what := fmt.Sprintf("%s %s %s“%s”", unit.Name(), m.Date, m.Kind, sheet.Clip(m.Topic, 20))
	if first, dup := pl.seen[key]; dup {
		p.Rejected = append(p.Rejected, sheet.Issue{Row: n, Column: pl.title(colTopic),
			Reason: fmt.Sprintf("与第 %d 行是同一次会议（%s），请删去重复的一行", first, what)})
		return
	}
	pl.seen[key] = n
	exists, err := pl.w.exists(m.UnitID, m.Date, m.Kind, m.Topic)
	if err != nil {
		pl.fatal = err
		return
	}
	if exists {
		p.Existing++
		p.Skipped = append(p.Skipped, sheet.Issue{Row: n, Reason: "已存在：数据库中已有这次会议（" + what + "），未重复导入"})
		return
	}
	p.Adds = append(p.Adds, Row{Row: n, Meeting: m, Branch: unit.Name(), Warnings: rc.Warns})
	p.Warnings = append(p.Warnings, rc.Warns...)
}

// branchOf maps a unit to its branch (a group's parent).
func (pl *planner) branchOf(id int64) int64 {
	if u, ok := pl.byID[id]; ok && u.Level == data.LevelGroup {
		return u.ParentID
	}
	return id
}

// unitOf finds the branch or group a row names (or the section or
// default one when its cell is blank). Meetings never create units.
func (pl *planner) unitOf(rc *rowCtx, branchText, groupText string) (data.OrgUnit, string, bool) {
	col := colBranch
	if branchText == "" && groupText != "" {
		branchText, groupText, col = groupText, "", colGroup
	}
	var ref unitRef
	switch {
	case branchText != "":
		ref = pl.unit(branchText)
	case pl.section != "":
		ref = pl.unit(pl.section)
	case pl.defUnit.unit.ID != 0:
		ref = pl.defUnit
		if _, has := pl.colOf[colBranch]; has {
			rc.Warn(pl.title(colBranch), "未填写支部，按%s记在“%s”名下", pl.defReason(), ref.unit.Name())
		} else if !pl.defNoted {
			pl.defNoted = true
			pl.p.Warnings = append(pl.p.Warnings, sheet.Issue{Row: pl.p.Header, Column: "支部",
				Reason: fmt.Sprintf("表中没有“支部”列，按%s，全部记在“%s”名下", pl.defReason(), ref.unit.Name())})
		}
	default:
		rc.Err(pl.title(colBranch), "未填写支部，无法确定是哪个党支部的会议")
		return data.OrgUnit{}, col, false
	}
	if ref.err != "" {
		rc.Err(pl.title(col), "%s", ref.err)
		return data.OrgUnit{}, col, false
	}
	u := ref.unit
	if groupText != "" {
		if u.Level != data.LevelBranch {
			rc.Err(pl.title(colGroup), "填写了党小组“%s”，但“%s”不是党支部", groupText, u.Name())
			return data.OrgUnit{}, colGroup, false
		}
		g, err := pl.groupIn(u, groupText)
		if err != "" {
			rc.Err(pl.title(colGroup), "%s", err)
			return data.OrgUnit{}, colGroup, false
		}
		return g, colGroup, true
	}
	return u, col, true
}

func (pl *planner) defReason() string {
	switch {
	case pl.sh.DefaultBranch != "":
		return "导入时的选择"
	}
	return "表格标题或工作表名称（或数据库中唯一的党支部）"
}

// unit resolves a branch or group name through data.FindUnit (full
// name, short name or the distinctive part), then a group's distinctive
// part when that is unique.
func (pl *planner) unit(name string) unitRef {
	key := compact(name) + "|" + pl.section // a group's name may depend on the section
	if ref, ok := pl.cache[key]; ok {
		return ref
	}
	ref := pl.resolve(name)
	pl.cache[key] = ref
	return ref
}

func (pl *planner) resolve(name string) unitRef {
	u, err := data.FindUnit(pl.w.units, name)
	if err == nil {
		if u.Level == data.LevelGeneral {
			return unitRef{err: fmt.Sprintf("“%s”是党总支，请填写召开会议的党支部或党小组", name)}
		}
		return unitRef{unit: u}
	}
	if strings.Contains(err.Error(), "多个") {
		// 第一党小组 in every branch: the one of the ledger's own branch
		// (a section row or the title) when there is one.
		for _, b := range []string{pl.section, pl.defUnit.unit.FullName} {
			if b == "" {
				continue
			}
			if bu, err := data.FindUnit(pl.w.units, b); err == nil && bu.Level == data.LevelBranch {
				if g, msg := pl.groupIn(bu, name); msg == "" {
					return unitRef{unit: g}
				}
			}
		}
		return unitRef{err: err.Error() + "（或另设“支部”列写明所在党支部）"}
	}
	var hits []data.OrgUnit
	core := stripGroup(compact(name))
	if len([]rune(core)) >= 2 {
		for _, g := range pl.w.units {
			if g.Level == data.LevelGroup && (stripGroup(compact(g.ShortName)) == core || stripGroup(compact(g.FullName)) == core) {
				hits = append(hits, g)
			}
		}
	}
	if len(hits) == 1 {
		return unitRef{unit: hits[0]}
	}
	if len(hits) > 1 {
		return unitRef{err: fmt.Sprintf("“%s”与多个党小组相符，请写出党小组全称，或另设“支部”列", name)}
	}
	return unitRef{err: fmt.Sprintf("组织架构中没有“%s”：请核对名称，或先在组织架构中建立该支部（导入会议记录不会新建支部）", name)}
}

// groupIn finds a group of branch b by name.
func (pl *planner) groupIn(b data.OrgUnit, name string) (data.OrgUnit, string) {
	key := compact(name)
	core := stripGroup(key)
	var hits []data.OrgUnit
	for _, g := range pl.groups[b.ID] {
		full, short := compact(g.FullName), compact(g.ShortName)
		if full == key || short == key || (core != "" && (stripGroup(short) == core || strings.HasSuffix(stripGroup(full), core))) {
			hits = append(hits, g)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], ""
	case 0:
		return data.OrgUnit{}, fmt.Sprintf("“%s”没有名为“%s”的党小组（导入会议记录不会新建党小组）", b.Name(), name)
	}
	return data.OrgUnit{}, fmt.Sprintf("党小组“%s”与“%s”的多个党小组相符，请写出全称", name, b.Name())
}

func stripGroup(k string) string {
	for _, s := range []string{"党小组", "小组", "组"} {
		if strings.HasSuffix(k, s) {
			return strings.TrimSuffix(k, s)
		}
	}
	return k
}

// fitUnit records a meeting where compliance looks for it: a 党小组会 under
// its group (the branch's only group when the row names the branch), a
// 支部党员大会 or 支委会 under the branch even when the row names a group.
func (pl *planner) fitUnit(rc *rowCtx, u data.OrgUnit, kind, col string) data.OrgUnit {
	switch {
	case kind == data.KindGroupMeeting && u.Level == data.LevelBranch:
		if gs := pl.groups[u.ID]; len(gs) == 1 {
			rc.Warn(pl.title(col), "党小组会未写明党小组，记在“%s”唯一的党小组“%s”名下", u.Name(), gs[0].Name())
			return gs[0]
		}
		rc.Warn(pl.title(col), "党小组会未写明是哪个党小组，记在“%s”名下；党小组会按党小组统计，请导入后改到相应党小组", u.Name())
	case (kind == data.KindGeneralMeeting || kind == data.KindCommittee) && u.Level == data.LevelGroup:
		if b, ok := pl.byID[u.ParentID]; ok {
			rc.Warn(pl.title(col), "%s是党支部的会议，记在“%s”所属的“%s”名下", kind, u.Name(), b.Name())
			return b
		}
	}
	return u
}
