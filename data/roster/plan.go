package roster

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"dangjian/data"
	"dangjian/data/sheet"
)

// Row is a person the import adds.
type Row struct {
	Row    int
	Member data.Member // BranchID/GroupID < 0 name units the import creates
	// Warnings are shown but do not stop the row.
	Warnings   []Issue
	BranchName string
	GroupName  string
}

// Update is an existing person (matched on 公民身份号码) whose dossier the
// import changes. Blank cells never erase what is known.
type Update struct {
	Row           int
	Before, After data.Member
	Fields        []string // JSON keys of the fields that change, in form order
	Warnings      []Issue
	BranchName    string
	GroupName     string
}

// Plan is what an import would do, computed without writing anything.
type Plan struct {
	Header      int      // row number of the header
	Columns     []string // recognised columns: "身份证号 → 公民身份号码"
	Unknown     []string // header cells not recognised; those columns are ignored
	Adds        []Row
	Updates     []Update
	Unchanged   int
	NewBranches []string // branches to create under the general branch
	NewGroups   []string // groups to create, as "支部 / 小组"
	NewGeneral  bool     // no organisation yet: a 党总支 is created first
	// DefaultBranch is where rows with a blank 所在支部 go, when it could
	// be told (Sheet.DefaultBranch, a branch named in the title rows, or
	// the only branch there is).
	DefaultBranch string
	Rejected      []Issue // one or more per rejected row
	Warnings      []Issue // for rows that are imported, and for the sheet as a whole
	Skipped       []Issue // footer, repeated header and section title rows
	Total         int     // data rows considered

	sheet   *Sheet
	header  int // index of the header in sheet.Rows
	pending []pendingUnit
}

// GeneralName is the 党总支 created on an empty database; the office
// renames it to the name on its seal afterwards.
const GeneralName = "党总支"

// pendingUnit is a unit the import creates; rows refer to it by the
// negative ID -(index+1) until it exists.
type pendingUnit struct {
	level       data.OrgLevel
	parent      int64 // 0: the general branch
	full, short string
	used        bool
}

func pendingID(i int) int64 { return -int64(i + 1) }

// RejectedRows counts the distinct rows that cannot be imported.
func (p *Plan) RejectedRows() int { return countRows(p.Rejected) }

// world is what a plan is computed against: a snapshot for the preview,
// the open transaction for Apply.
type world struct {
	today  data.Date
	units  []data.OrgUnit
	lookup func(idNumber string) (data.Member, bool, error)
	names  map[string][]data.Member // every dossier by name, for rows without an ID number
}

// PlanImport computes what importing sh would do. It reads the store and
// writes nothing.
func PlanImport(ctx context.Context, s *data.Store, sh *Sheet) (*Plan, error) {
	if sh == nil || len(sh.Rows) == 0 {
		return nil, errors.New("表格是空的，没有可导入的内容")
	}
	units, err := s.OrgUnits(ctx)
	if err != nil {
		return nil, err
	}
	ms, err := s.Members(ctx, data.MemberFilter{Roster: data.RosterAll})
	if err != nil {
		return nil, err
	}
	w := world{today: data.Today(), units: units, names: byName(ms), lookup: mapLookup(byIDNumber(ms))}
	return plan(ctx, sh, w, nil)
}

func byName(ms []data.Member) map[string][]data.Member {
	out := map[string][]data.Member{}
	for _, m := range ms {
		out[m.Name] = append(out[m.Name], m)
	}
	return out
}

// planner holds the state of one planning pass.
type planner struct {
	w     world
	sh    *Sheet
	p     *Plan
	cols  []column
	keyAt []string          // column index → key ("" when not recognised)
	colOf map[string]string // column key → header of its first column

	root     int64 // the general branch, 0 when there is none yet
	branches []data.OrgUnit
	groups   map[int64][]data.OrgUnit
	byKey    map[string]data.OrgUnit // every unit by full and short name key
	fullKeys map[string]bool

	branchCache map[string]unitRef
	pendingKey  map[string]int64
	seen        map[string]int // ID number → first row with it

	defBranch   string
	defNoted    bool
	section     string // branch named by the last section title row
	problemRows map[int]string
	fatal       error
	onAdd       func(*Plan, Row) error // see planRows
}

type unitRef struct {
	id   int64
	name string
	err  string
}

// footerRe recognises the lines under a roster: totals, signatures, notes.
var footerRe = regexp.MustCompile(`^(合计|总计|小计|共计|填表人|填报人|制表人|制表|审核人|审核|审批人|审批|负责人|` +
	`填表日期|填报日期|制表日期|报送日期|填报单位|说明|注[:：\d一二三、.]|以下空白|以下无|此页无正文)`)

func plan(ctx context.Context, sh *Sheet, w world, progress data.Progress) (*Plan, error) {
	return planRows(ctx, sh, w, progress, nil)
}

// planRows is plan; when onAdd is set, each person to add is handed to it
// as soon as the row is planned rather than kept in Plan.Adds (an import
// writes them at once, so the plan of a big sheet is not held in memory
// beside the sheet). An error from onAdd stops the plan.
func planRows(ctx context.Context, sh *Sheet, w world, progress data.Progress, onAdd func(*Plan, Row) error) (*Plan, error) {
	header, ok := findHeader(sh.Rows)
	if !ok {
		return nil, noHeader(sh.Name)
	}
	p := &Plan{Header: header + 1, sheet: sh, header: header}
	if onAdd == nil {
		// Room for every row at once: growing the list by appending
		// would, at 100,000 rows, hold the old and the new array together.
		p.Adds = make([]Row, 0, len(sh.Rows)-header-1)
	}
	pl := &planner{w: w, sh: sh, p: p, colOf: map[string]string{}, groups: map[int64][]data.OrgUnit{},
		byKey: map[string]data.OrgUnit{}, fullKeys: map[string]bool{}, branchCache: map[string]unitRef{},
		pendingKey: map[string]int64{}, seen: map[string]int{}, problemRows: map[int]string{}, onAdd: onAdd}
	pl.cols, p.Unknown = mapColumns(sh.Rows[header])
	pl.keyAt = make([]string, len(sh.Rows[header]))
	for _, c := range pl.cols {
		pl.keyAt[c.idx] = c.key
	}
	for _, c := range pl.cols {
		if _, dup := pl.colOf[c.key]; !dup {
			pl.colOf[c.key] = c.title
		}
		p.Columns = append(p.Columns, c.title+" → "+keyLabel(c.key))
	}
	for _, u := range w.units {
		switch u.Level {
		case data.LevelGeneral:
			if u.ParentID == 0 && pl.root == 0 {
				pl.root = u.ID
			}
		case data.LevelBranch:
			pl.branches = append(pl.branches, u)
		case data.LevelGroup:
			pl.groups[u.ParentID] = append(pl.groups[u.ParentID], u)
		}
		for _, n := range []string{u.FullName, u.ShortName} {
			if k := unitKey(n); k != "" {
				if _, ok := pl.byKey[k]; !ok {
					pl.byKey[k] = u
				}
			}
		}
		pl.fullKeys[unitKey(u.FullName)] = true
	}
	for _, pr := range sh.Problems {
		pl.problemRows[pr.Row] = pr.Reason
	}
	pl.defaultBranch()

	rows := sh.Rows
	for i := header + 1; i < len(rows); i++ {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if progress != nil {
				progress(float64(i) / float64(len(rows)))
			}
		}
		pl.row(i+1, rows[i])
		if pl.fatal != nil {
			return nil, pl.fatal
		}
	}
	// Problems past the last row read (a CSV that broke off) still count.
	for _, pr := range sh.Problems {
		if pr.Row > len(rows) {
			p.Total++
			p.Rejected = append(p.Rejected, Issue{Row: pr.Row, Reason: pr.Reason})
		}
	}
	for _, u := range p.pending {
		if !u.used {
			continue
		}
		if u.level == data.LevelBranch {
			p.NewBranches = append(p.NewBranches, u.full)
		} else {
			p.NewGroups = append(p.NewGroups, pl.unitName(u.parent)+" / "+u.short)
		}
	}
	p.NewGeneral = pl.root == 0 && len(p.NewBranches) > 0
	return p, nil
}

// defaultBranch decides where rows with a blank 所在支部 go.
func (pl *planner) defaultBranch() {
	p := pl.p
	if name := strings.TrimSpace(pl.sh.DefaultBranch); name != "" {
		pl.defBranch, p.DefaultBranch = name, name
		return
	}
	// A roster kept per branch says whose it is in its title.
	found := map[int64]data.OrgUnit{}
	for _, cells := range pl.sh.Rows[:pl.p.header] {
		for _, c := range cells {
			k := unitKey(c)
			if k == "" {
				continue
			}
			for _, b := range pl.branches {
				// "第一车队党员花名册" names 第一车队党支部 by its core.
				for _, n := range []string{b.FullName, b.ShortName} {
					bk := unitKey(n)
					for _, cand := range []string{bk, stripBranch(bk)} {
						if len([]rune(cand)) >= 3 && strings.Contains(k, cand) {
							found[b.ID] = b
						}
					}
				}
			}
		}
	}
	if len(found) == 1 {
		for _, b := range found {
			pl.defBranch, p.DefaultBranch = b.Name(), b.Name()
		}
		return
	}
	if len(found) == 0 && len(pl.branches) == 1 {
		pl.defBranch, p.DefaultBranch = pl.branches[0].Name(), pl.branches[0].Name()
	}
}

// rowCtx collects what one row says and what is wrong with it.
type rowCtx struct {
	sheet.RowCtx
	badField map[string]bool // fields whose cell could not be read
}

type value struct {
	key string
	v   any
}

func (pl *planner) cell(cells []string, c column) string {
	if c.idx < len(cells) {
		return cleanText(cells[c.idx])
	}
	return ""
}

// classify sorts out rows that are not people. It returns false when the
// row is to be skipped (and records why, unless it is simply blank).
func (pl *planner) classify(n int, cells []string) bool {
	// first is the first filled cell; same counts the cells equal to it;
	// mixed says another value occurs too.
	var first string
	same, mixed, firstAt := 0, false, 0
	for i, c := range cells {
		switch v := cleanText(c); {
		case v == "":
		case first == "":
			first, same, firstAt = v, 1, i
		case v == first:
			same++
		default:
			mixed = true
		}
	}
	if first == "" {
		return false
	}
	skip := func(reason string) bool {
		pl.p.Skipped = append(pl.p.Skipped, Issue{Row: n, Column: "", Reason: reason})
		return false
	}
	name := ""
	for _, c := range pl.cols {
		if c.key == "name" {
			if name = pl.cell(cells, c); name != "" {
				break
			}
		}
	}
	if isFooter(first) || isFooter(name) {
		return skip("合计、签名或说明行（“" + clip(first, 20) + "”），不是党员，已跳过")
	}
	// Only a row whose name cell reads 姓名 can repeat the header; scoring
	// every data row would cost more than the rest of the plan.
	if k, _, _ := headerKey(name); k == "name" {
		if score, hasName := scoreHeader(cells); hasName && score >= 3 {
			return skip("重复的表头行，已跳过")
		}
	}
	switch {
	case pl.onlyIn(cells, keyIgnore):
		return false // a pre-numbered blank line of the template
	case pl.onlyIn(cells, keyIgnore, keyBranch, keyGroup) && name == "":
		// An unused template line under a 所在支部 cell merged downwards.
		return false
	case !pl.anyData(cells):
		return skip("此行没有可导入的内容（“" + clip(first, 20) + "”），已跳过")
	}
	// A line merged across the sheet ("第一车队党支部（58人）"), or a lone
	// text in the 序号 column or outside the table's columns, heads the
	// members below it; a lone name or ID number is a person.
	lone := ""
	if firstAt < len(pl.keyAt) {
		lone = pl.keyAt[firstAt]
	}
	if !mixed && (same > 1 || lone == "" || lone == keyIgnore) {
		title := sheet.StripNote(first)
		if strings.Contains(title, "支部") {
			pl.section = strings.TrimSpace(title)
			return skip("分组标题行，以下未填所在支部的党员归入“" + pl.section + "”")
		}
		return skip("标题或说明行（“" + clip(first, 20) + "”），已跳过")
	}
	return true
}

// onlyIn reports whether every filled cell is in a column of the keys.
func (pl *planner) onlyIn(cells []string, keys ...string) bool {
	for i, c := range cells {
		k := ""
		if i < len(pl.keyAt) {
			k = pl.keyAt[i]
		}
		if (k == "" || !slices.Contains(keys, k)) && cleanText(c) != "" {
			return false
		}
	}
	return true
}

// footerStarts are the first characters of footerRe's words, to spare the
// regular expression on ordinary rows.
const footerStarts = "合总小共填制审负报说注以此"

func isFooter(s string) bool {
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !strings.ContainsRune(footerStarts, r) {
		return false
	}
	return footerRe.MatchString(compact(s))
}

// anyData reports whether a recognised, imported column is filled.
func (pl *planner) anyData(cells []string) bool {
	for _, c := range pl.cols {
		if c.key != keyIgnore && pl.cell(cells, c) != "" {
			return true
		}
	}
	return false
}

// row plans one sheet row; n is its Excel row number.
func (pl *planner) row(n int, cells []string) {
	p := pl.p
	if reason, bad := pl.problemRows[n]; bad {
		p.Total++
		p.Rejected = append(p.Rejected, Issue{Row: n, Reason: reason})
		return
	}
	if !pl.classify(n, cells) {
		return
	}
	p.Total++
	defer func() {
		// A row that trips over something unforeseen is rejected on its
		// own; the other rows are not lost with it.
		if r := recover(); r != nil {
			p.Rejected = append(p.Rejected, Issue{Row: n, Reason: fmt.Sprintf("此行无法处理（%v），请检查内容", r)})
		}
	}()
	rc := &rowCtx{RowCtx: sheet.RowCtx{Row: n, Warns: pl.sh.RowWarnings(n)}, badField: map[string]bool{}}
	vals, branchName, groupName := pl.parseCells(rc, cells)

	var id string
	for _, v := range vals {
		if v.key == "id_number" {
			id = v.v.(string)
		}
	}
	var existing data.Member
	found := false
	if id != "" {
		if first, dup := pl.seen[id]; dup {
			rc.Err(pl.colTitle("id_number"), "公民身份号码 %s 与第 %d 行相同：同一人在表中只能出现一次，请删去重复的一行", id, first)
		} else {
			pl.seen[id] = n
			m, ok, err := pl.w.lookup(id)
			if err != nil {
				// The database failing is not the row's fault: the
				// whole plan stops.
				pl.fatal = err
				return
			}
			existing, found = m, ok
		}
	}

	m := data.Member{}
	if found {
		m = existing
	}
	for _, v := range vals {
		setField(&m, v.key, v.v)
	}
	if found && existing.Name != "" && m.Name != existing.Name {
		rc.Warn(pl.colTitle("name"), "公民身份号码 %s 属于已有党员“%s”，将更新其档案，姓名改为“%s”，请核对", id, existing.Name, m.Name)
	}

	// 所在支部 and 党小组, by name.
	branchTitle := pl.colTitle("branch_id")
	if branchName == "" && !found {
		switch {
		case pl.section != "":
			branchName = pl.section
		case pl.defBranch != "":
			branchName = pl.defBranch
			if _, hasCol := pl.colOf[keyBranch]; hasCol {
				rc.Warn(branchTitle, "未填写所在支部，按%s归入“%s”", pl.defReason(), branchName)
			} else if !pl.defNoted {
				pl.defNoted = true
				p.Warnings = append(p.Warnings, Issue{Row: p.Header, Column: "所在支部",
					Reason: fmt.Sprintf("表中没有“所在支部”列，按%s，全部归入“%s”", pl.defReason(), branchName)})
			}
		}
	}
	branchDisplay := pl.unitName(m.BranchID)
	if branchName != "" {
		ref := pl.branch(branchName)
		if ref.err != "" {
			rc.Err(branchTitle, "%s", ref.err)
			rc.badField["branch_id"] = true
		} else {
			if ref.id != m.BranchID {
				m.BranchID = ref.id
				m.GroupID = 0 // the old group belongs to the old branch
			}
			branchDisplay = ref.name
		}
	}
	groupDisplay := pl.unitName(m.GroupID)
	if groupName != "" && !rc.badField["branch_id"] {
		if m.BranchID == 0 {
			rc.Err(pl.colTitle("group_id"), "填写了党小组“%s”，但没有所在支部", groupName)
		} else if ref := pl.group(m.BranchID, branchDisplay, groupName); ref.err != "" {
			rc.Err(pl.colTitle("group_id"), "%s", ref.err)
		} else {
			m.GroupID, groupDisplay = ref.id, ref.name
		}
	}

	data.NormalizeMember(&m)
	is := data.CheckMember(&m, pl.w.today)
	for _, e := range is.Errors {
		if rc.badField[e.Field] {
			continue
		}
		reason := e.Msg
		if e.Field == "id_number" && strings.HasSuffix(m.IDNumber, "000") && len(m.IDNumber) == 18 {
			reason += "。号码以 000 结尾，多半是 Excel 把它当成数字、只保留了前 15 位：请把该列设为“文本”格式后重新填写"
		}
		if e.Field == "name" && m.Name == "" && !found && id == "" {
			reason = "没有姓名，也没有公民身份号码，无法导入"
		}
		rc.Err(pl.colTitle(e.Field), "%s", reason)
	}
	for _, w := range is.Warnings {
		if rc.badField[w.Field] {
			continue
		}
		rc.Warn(pl.colTitle(w.Field), "%s", w.Msg)
	}
	if m.IDNumber == "" && !found && m.Name != "" {
		if same := pl.w.names[m.Name]; len(same) > 0 {
			rc.Warn(pl.colTitle("id_number"), "没有公民身份号码，无法与已有档案比对；数据库中已有同名党员“%s”（%d 人），导入后可能重复", m.Name, len(same))
		}
	}

	if len(rc.Errs) > 0 {
		p.Rejected = append(p.Rejected, rc.Errs...)
		return
	}
	pl.use(m.BranchID)
	pl.use(m.GroupID)
	if found {
		fields := diff(existing, m)
		if len(fields) == 0 {
			p.Unchanged++
			return
		}
		p.Updates = append(p.Updates, Update{Row: n, Before: existing, After: m, Fields: fields, Warnings: rc.Warns,
			BranchName: branchDisplay, GroupName: groupDisplay})
	} else if add := (Row{Row: n, Member: m, Warnings: rc.Warns, BranchName: branchDisplay, GroupName: groupDisplay}); pl.onAdd != nil {
		if err := pl.onAdd(p, add); err != nil {
			pl.fatal = err
			return
		}
	} else {
		p.Adds = append(p.Adds, add)
	}
	p.Warnings = append(p.Warnings, rc.Warns...)
}

func (pl *planner) defReason() string {
	switch {
	case pl.sh.DefaultBranch != "":
		return "导入时的选择"
	case len(pl.branches) == 1 && pl.p.DefaultBranch == pl.branches[0].Name():
		return "数据库中唯一的党支部"
	}
	return "表格标题"
}

// parseCells reads the recognised cells of a row into typed values. When
// two columns feed one field (手机 and 联系电话), the first filled wins.
func (pl *planner) parseCells(rc *rowCtx, cells []string) (vals []value, branch, group string) {
	have := map[string]bool{}
	var introducers []string
	introTitle, birthRaw := "", ""
	for _, c := range pl.cols {
		raw := pl.cell(cells, c)
		if raw == "" || c.key == keyIgnore {
			continue
		}
		switch c.key {
		case keyIntroducers, "introducer1", "introducer2":
			introducers = append(introducers, splitNames(raw)...)
			if introTitle == "" {
				introTitle = c.title
			}
			continue
		}
		if have[c.key] {
			continue
		}
		have[c.key] = true
		var v any
		var err error
		var warn string
		switch c.key {
		case keyBranch:
			branch = raw
			continue
		case keyGroup:
			group = raw
			continue
		case "birth_date", "work_start", "apply_date", "activist_date", "candidate_date", "join_date", "full_date", "transfer_in_date":
			if c.key == "birth_date" {
				birthRaw = raw
			}
			var d data.Date
			d, warn, err = parseDate(raw, pl.sh.Date1904)
			v = d
		case "id_number":
			v, warn, err = parseIDNumber(raw)
		case "phone":
			v, err = parsePhone(raw)
		case "staff_no":
			v = strings.TrimSuffix(strings.TrimPrefix(compact(raw), "'"), ".0")
		case "dues_base":
			v, err = parseMoney(raw, c.cents)
		case "dues_paid_to":
			v, err = parseYearMonth(raw, pl.sh.Date1904)
		case "sex":
			v = normSex(raw)
		case "standing":
			v = normStanding(raw)
		case "status":
			v = normStatus(raw)
		case "category":
			v = normCategory(raw)
		case "ethnicity":
			v = normEthnicity(raw)
		default:
			v = raw
		}
		if err != nil {
			rc.Err(c.title, "%s", err.Error())
			rc.badField[c.key] = true
			continue
		}
		if warn != "" {
			rc.Warn(c.title, "%s", warn)
		}
		vals = append(vals, value{c.key, v})
	}
	vals = birthFromIDNumber(vals, birthRaw, pl.w.today)
	if len(introducers) > 0 {
		vals = append(vals, value{"introducer1", introducers[0]})
		if len(introducers) > 1 {
			vals = append(vals, value{"introducer2", introducers[1]})
		}
		if len(introducers) > 2 {
			rc.Warn(introTitle, "入党介绍人写了 %d 人（%s），只导入前两人", len(introducers), strings.Join(introducers, "、"))
		}
	}
	return vals, branch, group
}

// colTitle names the sheet column a field came from, for messages.
func (pl *planner) colTitle(field string) string {
	k := field
	switch field {
	case "branch_id":
		k = keyBranch
	case "group_id":
		k = keyGroup
	case "introducer1", "introducer2":
		if t, ok := pl.colOf[field]; ok {
			return t
		}
		k = keyIntroducers
	}
	if t, ok := pl.colOf[k]; ok {
		return t
	}
	if field == "dues_base" {
		return "党费基数"
	}
	return data.FieldLabel(field)
}

// unitKey makes unit names comparable: no spaces, ASCII forms.
func unitKey(s string) string {
	return data.UnitKey(cleanText(s))
}

// stripBranch reduces a branch name to its distinctive part (see
// data.StripBranch).
func stripBranch(k string) string { return data.StripBranch(k) }

func stripGroup(k string) string {
	for _, s := range []string{"党小组", "小组", "组"} {
		if strings.HasSuffix(k, s) {
			return strings.TrimSuffix(k, s)
		}
	}
	return k
}

// branch resolves a branch name: an existing branch by full name, short
// name or their distinctive part, else a new branch under the general
// branch.
func (pl *planner) branch(name string) unitRef {
	key := unitKey(name)
	if ref, ok := pl.branchCache[key]; ok {
		return ref
	}
	ref := pl.resolveBranch(name, key)
	pl.branchCache[key] = ref
	return ref
}

func (pl *planner) resolveBranch(name, key string) unitRef {
	match := func(same func(b data.OrgUnit) bool) []data.OrgUnit {
		var hits []data.OrgUnit
		for _, b := range pl.branches {
			if same(b) {
				hits = append(hits, b)
			}
		}
		return hits
	}
	hits := match(func(b data.OrgUnit) bool { return unitKey(b.FullName) == key || unitKey(b.ShortName) == key })
	core := stripBranch(key)
	if len(hits) == 0 && core != "" {
		hits = match(func(b data.OrgUnit) bool {
			return stripBranch(unitKey(b.FullName)) == core || (b.ShortName != "" && stripBranch(unitKey(b.ShortName)) == core)
		})
	}
	if len(hits) == 0 && len([]rune(core)) >= 2 {
		hits = match(func(b data.OrgUnit) bool {
			return strings.HasSuffix(stripBranch(unitKey(b.FullName)), core) ||
				(b.ShortName != "" && strings.HasSuffix(stripBranch(unitKey(b.ShortName)), core))
		})
	}
	switch len(hits) {
	case 1:
		return unitRef{id: hits[0].ID, name: hits[0].Name()}
	case 0:
	default:
		var names []string
		for _, h := range hits {
			names = append(names, h.Name())
		}
		return unitRef{err: fmt.Sprintf("支部“%s”与多个党支部相符（%s），请写出支部全称", name, strings.Join(names, "、"))}
	}
	if u, ok := pl.byKey[key]; ok {
		return unitRef{err: fmt.Sprintf("“%s”是%s，不是党支部，请填写所在党支部的名称", name, u.Level.Label())}
	}
	full := compact(cleanText(name))
	if data.FormulaLike(full) {
		return unitRef{err: fmt.Sprintf("支部名称“%s”以 = + - @ 开头，像是表格公式，不能据此新建党支部，请改正", clip(name, 30))}
	}
	if !strings.Contains(full, "支部") && !strings.HasSuffix(full, "委员会") {
		full += "党支部"
	}
	if len([]rune(full)) > 60 {
		return unitRef{err: fmt.Sprintf("支部名称“%s”超过 60 个字，请核对", clip(name, 30))}
	}
	if pl.fullKeys[unitKey(full)] {
		return unitRef{err: fmt.Sprintf("已有名为“%s”的组织，但不是党支部", full)}
	}
	if id, ok := pl.pendingKey["b:"+unitKey(full)]; ok {
		return unitRef{id: id, name: full}
	}
	pl.p.pending = append(pl.p.pending, pendingUnit{level: data.LevelBranch, parent: pl.root, full: full})
	id := pendingID(len(pl.p.pending) - 1)
	pl.pendingKey["b:"+unitKey(full)] = id
	return unitRef{id: id, name: full}
}

// group resolves a 党小组 within a branch, creating it when it is new.
func (pl *planner) group(branchID int64, branchName, name string) unitRef {
	key := unitKey(name)
	ck := fmt.Sprintf("g:%d:%s", branchID, key)
	if id, ok := pl.pendingKey[ck]; ok {
		return unitRef{id: id, name: pl.unitName(id)}
	}
	core := stripGroup(key)
	var hits []data.OrgUnit
	for _, g := range pl.groups[branchID] {
		full, short := unitKey(g.FullName), unitKey(g.ShortName)
		if full == key || short == key || (core != "" && (stripGroup(short) == core || strings.HasSuffix(stripGroup(full), core))) {
			hits = append(hits, g)
		}
	}
	if len(hits) == 1 {
		return unitRef{id: hits[0].ID, name: hits[0].Name()}
	}
	if len(hits) > 1 {
		return unitRef{err: fmt.Sprintf("党小组“%s”与本支部多个党小组相符，请写出全称", name)}
	}
	short := compact(cleanText(name))
	if data.FormulaLike(short) {
		return unitRef{err: fmt.Sprintf("党小组名称“%s”以 = + - @ 开头，像是表格公式，不能据此新建党小组，请改正", clip(name, 30))}
	}
	if !strings.Contains(short, "组") {
		short += "党小组"
	}
	full := short
	if prefix := compact(branchName); !strings.HasPrefix(full, prefix) {
		full = prefix + short
	}
	if len([]rune(full)) > 60 || len([]rune(short)) > 20 {
		return unitRef{err: fmt.Sprintf("党小组名称“%s”过长，请核对", clip(name, 30))}
	}
	if pl.fullKeys[unitKey(full)] {
		return unitRef{err: fmt.Sprintf("新建党小组的全称“%s”与已有组织重名，请核对党小组名称", full)}
	}
	pl.p.pending = append(pl.p.pending, pendingUnit{level: data.LevelGroup, parent: branchID, full: full, short: short})
	id := pendingID(len(pl.p.pending) - 1)
	pl.pendingKey[ck] = id
	return unitRef{id: id, name: short}
}

// use marks a unit the import creates as needed by an accepted row.
func (pl *planner) use(id int64) {
	if id >= 0 {
		return
	}
	u := &pl.p.pending[-id-1]
	u.used = true
	pl.use(u.parent)
}

// unitName names a unit by ID, pending ones included.
func (pl *planner) unitName(id int64) string {
	switch {
	case id < 0:
		u := pl.p.pending[-id-1]
		if u.short != "" {
			return u.short
		}
		return u.full
	case id == 0:
		return ""
	}
	for _, u := range pl.w.units {
		if u.ID == id {
			return u.Name()
		}
	}
	return ""
}

// dateKeys are the columns holding dates.
var dateKeys = map[string]bool{"birth_date": true, "work_start": true, "apply_date": true, "activist_date": true,
	"candidate_date": true, "join_date": true, "full_date": true, "transfer_in_date": true}

// fieldOrder is data.Member's JSON keys in form order, for diffs.
var fieldOrder = func() []string {
	var out []string
	for k := range memberFields {
		if k != "id" && k != "deleted" {
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool { return memberFields[out[i]] < memberFields[out[j]] })
	return out
}()

func diff(a, b data.Member) []string {
	if a == b {
		return nil
	}
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	var out []string
	for _, k := range fieldOrder {
		i := memberFields[k]
		if va.Field(i).Interface() != vb.Field(i).Interface() {
			out = append(out, k)
		}
	}
	return out
}

func setField(m *data.Member, key string, v any) {
	reflect.ValueOf(m).Elem().Field(memberFields[key]).Set(reflect.ValueOf(v))
}

// birthFromIDNumber completes a 出生年月 given only as a month (1985.03)
// from the ID number when its birth date falls in that month: rosters often
// keep just the month, and the ID number then holds the whole date. A
// different month is left as typed, for the usual mismatch warning.
func birthFromIDNumber(vals []value, birthRaw string, today data.Date) []value {
	if birthRaw == "" || !monthOnlyDate(birthRaw) {
		return vals
	}
	bi, id := -1, ""
	for i, v := range vals {
		switch v.key {
		case "birth_date":
			bi = i
		case "id_number":
			id, _ = v.v.(string)
		}
	}
	if bi < 0 || id == "" {
		return vals
	}
	info, err := data.ParseIDNumber(id, today)
	if err != nil {
		return vals
	}
	if d, ok := vals[bi].v.(data.Date); ok && d.Y == info.Birth.Y && d.M == info.Birth.M {
		vals[bi].v = info.Birth
	}
	return vals
}

// monthOnlyDate tells whether a date cell gives a year and month but no
// day: 1985.03 (text or number), 1985-3, 1985年3月, 198503.
func monthOnlyDate(raw string) bool {
	s := strings.TrimPrefix(compactKeepSep(raw), "'")
	if sheet.IsNumber(s) {
		intPart, frac, _ := strings.Cut(s, ".")
		return (len(intPart) == 4 && frac != "") || (len(intPart) == 6 && frac == "")
	}
	_, monthOnly, err := data.ParseDateLooseMonth(s)
	return err == nil && monthOnly
}
