// Package devimport imports the office's 发展党员工作台账: one row per
// candidate, with their basic fields and the date of each step done
// (递交入党申请书时间, 谈话时间, 确定为入党积极分子时间, 培养联系人,
// 确定为发展对象时间, 入党介绍人 — two names in one cell —, 政治审查结论,
// 集中培训结业时间, 支部大会讨论接收时间, 上级党委审批时间, 入党宣誓时间,
// 转正讨论时间, 转正批准时间 …), under the names real ledgers use.
//
// It works like the member, minutes and work-plan imports, whose Sheet,
// Issue, Mode and Result it shares: read (ReadFile), preview (PlanImport:
// writes nothing, gives per-row reasons), apply (Apply: planned again
// inside one transaction, so the database takes the whole import or none of
// it). Late, early, missing or inverted steps are recorded as they are and
// reported as warnings on their row, never refused: real ledgers contain
// them. A candidate past step 17 joins the roster (data.Tx.SaveDevStep does
// it). A duplicate ID number in the file is refused; a candidate already
// on file is left as it is and counted as existing.
package devimport

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"dangjian/data"
	"dangjian/data/sheet"
)

// Result is what Apply wrote, in the other imports' shape (and JSON).
type Result = sheet.Result

// Column keys besides the step dates ("step:N").
const (
	colName        = "name"
	colSex         = "sex"
	colIDNumber    = "id_number"
	colBirth       = "birth_date"
	colBranch      = "branch"
	colPhone       = "phone"
	colEducation   = "education"
	colJob         = "job"
	colCultivators = "cultivators"
	colIntroducers = "introducers"
	colPolitical   = "political"
	colTrainDays   = "training_days"
	colTrainHours  = "training_hours"
	colOutcome     = "outcome"
	colNote        = "note"
	colIgnore      = "-"
)

func stepCol(n int) string { return "step:" + strconv.Itoa(n) }

// synonyms maps a normalised header to its column.
var synonyms = func() map[string]string {
	m := map[string]string{}
	add := func(key string, names ...string) {
		for _, n := range names {
			m[sheet.NormHeader(n)] = key
		}
	}
	add(colName, "姓名", "名字", "申请人姓名", "申请人", "发展对象姓名")
	add(colSex, "性别")
	add(colIDNumber, "身份证号码", "身份证号", "公民身份号码", "身份证", "身份证件号码")
	add(colBirth, "出生日期", "出生年月", "出生年月日")
	add(colBranch, "所在党支部", "党支部", "所在支部", "支部", "支部名称", "所属党支部", "所属支部")
	add(colPhone, "联系电话", "手机", "手机号码", "电话", "联系方式")
	add(colEducation, "学历", "文化程度")
	add(colJob, "单位及岗位", "工作单位及职务", "工作岗位", "单位及职务", "工作单位", "岗位", "职务")
	add(stepCol(1), "递交入党申请书时间", "递交入党申请书日期", "申请入党时间", "入党申请时间", "递交申请书时间",
		"提交入党申请书时间", "入党申请书递交时间", "申请时间", "申请入党日期")
	add(stepCol(2), "谈话时间", "谈话日期", "派人谈话时间", "组织谈话时间", "党组织谈话时间")
	add(stepCol(3), "确定为入党积极分子时间", "确定入党积极分子时间", "列为入党积极分子时间", "确定积极分子时间",
		"入党积极分子确定时间", "积极分子时间", "确定为积极分子时间")
	add(stepCol(4), "积极分子备案时间", "入党积极分子备案时间")
	add(stepCol(5), "指定培养联系人时间", "确定培养联系人时间")
	add(colCultivators, "培养联系人", "培养人", "联系人")
	add(stepCol(7), "确定为发展对象时间", "确定发展对象时间", "列为发展对象时间", "发展对象确定时间", "发展对象时间")
	add(stepCol(8), "发展对象备案时间")
	add(stepCol(9), "确定入党介绍人时间")
	add(colIntroducers, "入党介绍人", "介绍人")
	add(stepCol(10), "政治审查时间", "政审时间", "政治审查日期")
	add(colPolitical, "政治审查结论", "政审结论", "政治审查情况", "政治审查")
	add(stepCol(11), "集中培训结业时间", "培训结业时间", "集中培训时间", "参加集中培训时间", "培训时间", "结业时间")
	add(colTrainDays, "培训天数", "集中培训天数")
	add(colTrainHours, "培训学时", "集中培训学时", "学时")
	add(stepCol(12), "支委会审查时间", "支部委员会审查时间")
	add(stepCol(13), "上级党委预审时间", "预审时间", "党委预审时间")
	add(stepCol(14), "填写入党志愿书时间", "入党志愿书填写时间")
	add(stepCol(15), "支部大会讨论接收时间", "支部大会讨论时间", "支部大会通过时间", "接收预备党员时间",
		"支部大会讨论接收预备党员时间", "入党时间", "接收为预备党员时间")
	add(stepCol(16), "上级党委谈话时间", "党委谈话时间")
	add(stepCol(17), "上级党委审批时间", "党委审批时间", "审批时间", "上级党委批准时间", "批准为预备党员时间")
	add(stepCol(18), "再上一级党委备案时间", "预备党员备案时间")
	add(stepCol(20), "入党宣誓时间", "宣誓时间")
	add(stepCol(22), "转正申请时间", "提出转正申请时间", "递交转正申请书时间")
	add(stepCol(23), "转正讨论时间", "支部大会讨论转正时间", "讨论转正时间")
	add(colOutcome, "转正情况", "转正结论", "转正决定")
	add(stepCol(24), "转正批准时间", "转正审批时间", "批准转正时间", "上级党委审批转正时间")
	add(stepCol(25), "材料归档时间", "归档时间")
	add(colNote, "备注", "说明")
	add(colIgnore, "序号", "编号", "民族", "籍贯", "转正时间", "党龄", "年龄")
	return m
}()

// headerHints are the columns named in the "no header found" message.
var headerHints = []string{"姓名", "身份证号码", "所在党支部", "递交入党申请书时间", "确定为入党积极分子时间",
	"确定为发展对象时间", "支部大会讨论接收时间", "上级党委审批时间"}

func headerKey(raw string) (string, bool) { return sheet.MatchHeader(raw, synonyms) }

// findHeader: the row naming 姓名 and at least two step dates, the one
// naming the most columns among the first rows.
func findHeader(rows [][]string) (int, bool) {
	best, bestN := -1, 0
	for i := 0; i < len(rows) && i < sheet.HeaderScan; i++ {
		seen := map[string]bool{}
		steps := 0
		for _, c := range rows[i] {
			k, ok := headerKey(c)
			if !ok || k == colIgnore || seen[k] {
				continue
			}
			seen[k] = true
			if strings.HasPrefix(k, "step:") {
				steps++
			}
		}
		if seen[colName] && steps >= 2 && len(seen) > bestN {
			best, bestN = i, len(seen)
		}
	}
	return best, best >= 0
}

var headerRule = sheet.HeaderRule{Find: findHeader, Noun: "发展党员工作台账",
	NotFound: func(name string) error {
		return fmt.Errorf("在“%s”的前 %d 行中没有找到发展党员台账的表头。表头行应包含“姓名”和至少两个步骤的时间；"+
			"常用的列名有：%s。请检查表头是否写错，或删去表头上方多余的行后再导入",
			name, sheet.HeaderScan, strings.Join(headerHints, "、"))
	}}

// ReadFile reads a ledger, .xlsx or .csv, into the raw Sheet the other
// imports read.
func ReadFile(path string, progress data.Progress) (*sheet.Sheet, error) {
	return sheet.ReadFile(path, progress, headerRule)
}

// ReadBytes is ReadFile for a file already in memory.
func ReadBytes(name string, b []byte) (*sheet.Sheet, error) {
	return sheet.ReadBytes(name, b, headerRule)
}

// Row is a candidate the import adds, with the steps of their file.
type Row struct {
	Row        int
	Candidate  data.DevCandidate
	Steps      []data.DevStepRecord
	Warnings   []sheet.Issue
	BranchName string
}

// Plan is what an import would do, computed without writing anything.
type Plan struct {
	Header   int
	Columns  []string // recognised columns: "入党时间 → 第 15 步 支部大会讨论"
	Unknown  []string // header cells not recognised; ignored
	Adds     []Row
	Existing int // candidates already on file (by ID number), left alone
	Rejected []sheet.Issue
	Warnings []sheet.Issue
	Skipped  []sheet.Issue
}

// RejectedRows counts the rows refused.
func (p *Plan) RejectedRows() int {
	rows := map[int]bool{}
	for _, is := range p.Rejected {
		rows[is.Row] = true
	}
	return len(rows)
}

// world is what the plan checks rows against.
type world struct {
	units   []data.OrgUnit
	known   func(idNumber string) (cand bool, member data.Member, err error)
	members []data.Member
	proc    data.DevProcess
	today   data.Date
}

// PlanImport previews an import: nothing is written.
func PlanImport(ctx context.Context, s *data.Store, sh *sheet.Sheet) (*Plan, error) {
	units, err := s.OrgUnits(ctx)
	if err != nil {
		return nil, err
	}
	members, err := s.Members(ctx, data.MemberFilter{Roster: data.RosterActive})
	if err != nil {
		return nil, err
	}
	cands, err := s.DevCandidates(ctx, data.DevCandidateFilter{})
	if err != nil {
		return nil, err
	}
	proc, err := s.DevProcess(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[string]bool{}
	for _, c := range cands {
		byID[c.IDNumber] = true
	}
	all, err := s.Members(ctx, data.MemberFilter{Roster: data.RosterAll})
	if err != nil {
		return nil, err
	}
	memberByID := map[string]data.Member{}
	for _, m := range all {
		if m.IDNumber != "" {
			memberByID[m.IDNumber] = m
		}
	}
	w := world{units: units, members: members, proc: proc, today: s.Today(),
		known: func(id string) (bool, data.Member, error) { return byID[id], memberByID[id], nil }}
	return plan(ctx, sh, w, nil)
}

// Apply imports sh: planned again inside one write transaction against
// what is on file then, and every candidate and step stored (audited) in
// that same transaction. In AllOrNothing mode a rejected row stops
// everything (the error wraps sheet.ErrRejected).
func Apply(ctx context.Context, s *data.Store, sh *sheet.Sheet, mode sheet.Mode, progress data.Progress) (Result, error) {
	members, err := s.Members(ctx, data.MemberFilter{Roster: data.RosterActive})
	if err != nil {
		return Result{}, err
	}
	proc, err := s.DevProcess(ctx)
	if err != nil {
		return Result{}, err
	}
	office := data.Role{Office: true}
	return sheet.Write(ctx, s, sh, mode, progress, sheet.Writer[Row]{
		Plan: func(tx *data.Tx, units []data.OrgUnit, progress data.Progress) (sheet.Planned[Row], error) {
			w := world{units: units, members: members, proc: proc, today: tx.Today(),
				known: func(id string) (bool, data.Member, error) {
					_, err := tx.DevCandidateByIDNumber(id)
					cand := err == nil
					if err != nil && err != data.ErrNotFound {
						return false, data.Member{}, err
					}
					m, err := tx.MemberByIDNumber(id)
					if err != nil && err != data.ErrNotFound {
						return false, m, err
					}
					return cand, m, nil
				}}
			p, err := plan(ctx, sh, w, progress)
			if err != nil {
				return sheet.Planned[Row]{}, err
			}
			return sheet.Planned[Row]{Header: p.Header, Existing: p.Existing, Adds: p.Adds,
				Rejected: p.Rejected, Warnings: p.Warnings, Skipped: p.Skipped}, nil
		},
		Save: func(tx *data.Tx, a Row) (int, []sheet.Issue, error) {
			c, _, err := tx.SaveDevCandidate(office, a.Candidate)
			if err != nil {
				return a.Row, nil, err
			}
			for _, r := range a.Steps {
				r.CandidateID = c.ID
				if _, _, err := tx.SaveDevStep(office, proc, r); err != nil {
					// The candidate is written already: refusing this row
					// alone would leave it half imported, so the whole
					// import stops (the plan checks what can be checked,
					// joining the roster included, before this point).
					return a.Row, nil, fmt.Errorf("%s第 %d 步：%s", c.Name, r.Step, err.Error())
				}
			}
			return a.Row, a.Warnings, nil
		},
		Every: 20,
		Sort: func(list []sheet.Issue) {
			sort.SliceStable(list, func(i, j int) bool { return list[i].Row < list[j].Row })
		},
	})
}

type column = sheet.Column

func plan(ctx context.Context, sh *sheet.Sheet, w world, progress data.Progress) (*Plan, error) {
	if sh == nil || len(sh.Rows) == 0 {
		return nil, fmt.Errorf("表格是空的，没有可导入的内容")
	}
	h, ok := findHeader(sh.Rows)
	if !ok {
		return nil, headerRule.NotFound(sh.Name)
	}
	p := &Plan{Header: h + 1}
	cols, unknown := sheet.MapColumns(sh.Rows[h], headerKey, colIgnore)
	p.Unknown = append(p.Unknown, unknown...)
	for _, c := range cols {
		p.Columns = append(p.Columns, c.Title+" → "+keyLabel(w.proc, c.Key))
	}
	if len(p.Unknown) > 0 {
		p.Warnings = append(p.Warnings, sheet.Issue{Row: p.Header, Reason: "以下列未能识别，没有导入：" + strings.Join(p.Unknown, "、")})
	}
	for _, is := range sh.Problems {
		p.Rejected = append(p.Rejected, is)
	}
	ids := map[string]int{} // ID number → first row
	rows := sh.Rows[h+1:]
	for i, cells := range rows {
		n := h + 2 + i
		if progress != nil && i%50 == 0 {
			progress(float64(i) / float64(len(rows)))
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		get := func(key string) string {
			for _, c := range cols {
				if c.Key == key && c.Idx < len(cells) {
					return strings.TrimSpace(cells[c.Idx])
				}
			}
			return ""
		}
		titleOf := func(key string) string {
			for _, c := range cols {
				if c.Key == key {
					return c.Title
				}
			}
			return keyLabel(w.proc, key)
		}
		blank := true
		for _, c := range cols {
			if c.Idx < len(cells) && strings.TrimSpace(cells[c.Idx]) != "" && c.Key != colNote {
				blank = false
			}
		}
		if blank {
			continue
		}
		name := get(colName)
		if name == "" || isFooter(name) {
			if name != "" || get(colIDNumber) == "" {
				p.Skipped = append(p.Skipped, sheet.Issue{Row: n, Reason: "没有姓名，按合计或说明行跳过"})
				continue
			}
		}
		var rej []sheet.Issue
		reject := func(key, format string, args ...any) {
			rej = append(rej, sheet.Issue{Row: n, Column: titleOf(key), Reason: fmt.Sprintf(format, args...)})
		}
		var warns []sheet.Issue
		warn := func(key, format string, args ...any) {
			warns = append(warns, sheet.Issue{Row: n, Column: titleOf(key), Reason: fmt.Sprintf(format, args...)})
		}
		if name == "" {
			reject(colName, "缺少姓名")
		}
		c := data.DevCandidate{Name: name, Sex: normSex(get(colSex)), Phone: get(colPhone), Education: get(colEducation),
			Job: get(colJob)}
		id := strings.ToUpper(strings.Join(strings.Fields(sheet.Fold(get(colIDNumber))), ""))
		id = strings.TrimPrefix(id, "'")
		if strings.Contains(id, "E+") {
			reject(colIDNumber, "身份证号码“%s”被 Excel 显示成了科学计数法，后几位已丢失；请把该列设为文本格式后重新填写", id)
			id = ""
		}
		c.IDNumber = id
		if d, err := cellDate(get(colBirth), sh.Date1904); err != nil {
			reject(colBirth, "%v", err)
		} else {
			c.BirthDate = d
		}
		// Branch.
		bname := get(colBranch)
		if bname == "" {
			if b, ok := onlyBranch(w.units); ok {
				c.BranchID, bname = b.ID, b.Name()
			} else {
				reject(colBranch, "缺少所在党支部")
			}
		} else if u, err := data.FindUnit(w.units, bname); err != nil {
			reject(colBranch, "%v", err)
		} else if u.Level != data.LevelBranch {
			reject(colBranch, "“%s”不是党支部", bname)
		} else {
			c.BranchID = u.ID
		}
		// Steps.
		var steps []data.DevStepRecord
		dates := map[int]data.Date{}
		for n := 1; n <= data.DevStepCount; n++ {
			raw := get(stepCol(n))
			if raw == "" {
				continue
			}
			d, err := cellDate(raw, sh.Date1904)
			if err != nil {
				reject(stepCol(n), "%v", err)
				continue
			}
			if d.After(w.today) {
				reject(stepCol(n), "日期 %s 晚于今天", d)
				continue
			}
			dates[n] = d
		}
		c.ApplyDate = dates[data.DevStepApply]
		if c.ApplyDate.IsZero() && get(stepCol(1)) == "" {
			reject(stepCol(1), "缺少递交入党申请书时间")
		}
		people := func(key string, role string) []data.DevPerson {
			var out []data.DevPerson
			for _, nm := range splitNames(get(key)) {
				out = append(out, person(w, c.BranchID, nm, role))
			}
			return out
		}
		cult, intro := people(colCultivators, data.DevRoleCultivator), people(colIntroducers, data.DevRoleIntroducer)
		if len(cult) > 0 && dates[data.DevStepCultivators].IsZero() {
			if d := dates[data.DevStepActivist]; !d.IsZero() {
				dates[data.DevStepCultivators] = d
			} else {
				warn(colCultivators, "没有确定为入党积极分子的时间，培养联系人未登记")
			}
		}
		if len(intro) > 0 && dates[data.DevStepIntroducers].IsZero() {
			if d := dates[data.DevStepCandidate]; !d.IsZero() {
				dates[data.DevStepIntroducers] = d
			} else {
				warn(colIntroducers, "没有确定为发展对象的时间，入党介绍人未登记")
			}
		}
		political := get(colPolitical)
		if political != "" && dates[data.DevStepPolitical].IsZero() {
			if d := dates[data.DevStepCandidate]; !d.IsZero() {
				dates[data.DevStepPolitical] = d
				warn(colPolitical, "政治审查没有写日期，按确定为发展对象的时间（%s）登记，请核对", d)
			} else {
				warn(colPolitical, "政治审查没有写日期，未登记")
			}
		}
		days, derr := count(get(colTrainDays))
		if derr != nil {
			reject(colTrainDays, "培训天数“%s”应为整数", get(colTrainDays))
		}
		hours, herr := count(get(colTrainHours))
		if herr != nil {
			reject(colTrainHours, "培训学时“%s”应为整数", get(colTrainHours))
		}
		outcome, extend := parseOutcome(get(colOutcome))
		if get(colOutcome) != "" && outcome == "" {
			reject(colOutcome, "转正情况“%s”应为按期转正、延长预备期（几个月）或取消预备党员资格", get(colOutcome))
		}
		for n := 1; n <= data.DevStepCount; n++ {
			d, ok := dates[n]
			if !ok {
				continue
			}
			r := data.DevStepRecord{Step: n, Date: d}
			switch n {
			case data.DevStepCultivators:
				r.People = cult
			case data.DevStepIntroducers:
				r.People = intro
			case data.DevStepPolitical:
				r.Note = political
			case data.DevStepTraining:
				r.TrainingDays, r.TrainingHours = days, hours
			case data.DevStepFullVote:
				r.Outcome, r.ExtendMonths = outcome, extend
			}
			steps = append(steps, r)
		}
		if note := get(colNote); note != "" && len(steps) > 0 {
			steps[0].Note = strings.TrimSpace(steps[0].Note + " " + note)
		}
		// The candidate's own fields, as the store will check them.
		cc := c
		data.NormalizeDevCandidate(&cc)
		is := data.CheckDevCandidate(&cc, w.today)
		for _, e := range is.Errors {
			col := titleOf(fieldKey(e.Field))
			already := false
			for _, r := range rej {
				already = already || r.Column == col
			}
			if !already { // one reason per cell: the sheet's, not the form's
				reject(fieldKey(e.Field), "%s", e.Msg)
			}
		}
		for _, e := range is.Warnings {
			warn(fieldKey(e.Field), "%s", e.Msg)
		}
		c = cc
		if c.IDNumber != "" && len(rej) == 0 {
			if first, dup := ids[c.IDNumber]; dup {
				reject(colIDNumber, "身份证号码 %s 与第 %d 行重复", c.IDNumber, first)
			} else {
				ids[c.IDNumber] = n
				cand, m, err := w.known(c.IDNumber)
				if err != nil {
					return nil, err
				}
				switch {
				case cand:
					p.Existing++
					p.Skipped = append(p.Skipped, sheet.Issue{Row: n, Column: titleOf(colIDNumber),
						Reason: fmt.Sprintf("%s（%s）的发展党员档案已存在，未重复导入", c.Name, c.IDNumber)})
					continue
				case m.ID != 0 && dates[data.DevStepApproval].IsZero():
					reject(colIDNumber, "身份证号码 %s 已属于党员%s，但台账中没有上级党委审批时间", c.IDNumber, m.Name)
				case m.ID != 0:
					c.MemberID = m.ID
					warn(colIDNumber, "%s已在党员名册中，发展档案将与其党员档案关联", m.Name)
				}
			}
		}
		// Past step 17 the candidate joins the roster (and past step 24
		// becomes 正式党员): the dossier must pass the roster's rules.
		if len(rej) == 0 && !dates[data.DevStepApproval].IsZero() && c.MemberID == 0 {
			m := data.DevMemberOf(c, steps)
			if full := data.DevFullDate(steps); !dates[data.DevStepFullApproval].IsZero() && !data.DevCancelled(steps) && !full.IsZero() {
				m.Standing, m.FullDate = data.StandingFull, full
			}
			data.NormalizeMember(&m)
			mi := data.CheckMember(&m, w.today)
			for _, e := range mi.Errors {
				reject(stepCol(data.DevStepApproval), "已经上级党委审批，但不能列入党员名册：%s", e.Msg)
			}
		}
		if len(rej) > 0 {
			p.Rejected = append(p.Rejected, rej...)
			continue
		}
		// Timing, order and missing steps: recorded as they are, reported.
		for _, x := range w.proc.Check(c, steps, w.today) {
			if x.Kind == data.DevWarnMaterials {
				continue // a ledger lists dates, not the papers on file
			}
			warns = append(warns, sheet.Issue{Row: n, Column: w.proc.Step(x.Step).Name, Reason: x.Message})
		}
		if !dates[data.DevStepApproval].IsZero() && c.MemberID == 0 {
			warns = append(warns, sheet.Issue{Row: n, Column: titleOf(stepCol(data.DevStepApproval)),
				Reason: fmt.Sprintf("已经上级党委审批，%s将作为预备党员列入党员名册", c.Name)})
		}
		p.Warnings = append(p.Warnings, warns...)
		p.Adds = append(p.Adds, Row{Row: n, Candidate: c, Steps: steps, Warnings: warns, BranchName: bname})
	}
	if progress != nil {
		progress(1)
	}
	return p, nil
}

func keyLabel(p data.DevProcess, k string) string {
	if s, ok := strings.CutPrefix(k, "step:"); ok {
		n, _ := strconv.Atoi(s)
		return fmt.Sprintf("第 %d 步 %s", n, p.Step(n).Name)
	}
	return map[string]string{colName: "姓名", colSex: "性别", colIDNumber: "公民身份号码", colBirth: "出生日期",
		colBranch: "所在党支部", colPhone: "手机", colEducation: "学历", colJob: "单位及岗位",
		colCultivators: "培养联系人", colIntroducers: "入党介绍人", colPolitical: "政治审查结论",
		colTrainDays: "培训天数", colTrainHours: "培训学时", colOutcome: "转正情况", colNote: "备注"}[k]
}

func fieldKey(f string) string {
	switch f {
	case "apply_date":
		return stepCol(1)
	case "branch_id":
		return colBranch
	}
	return f
}

func onlyBranch(units []data.OrgUnit) (data.OrgUnit, bool) {
	var found []data.OrgUnit
	for _, u := range units {
		if u.Level == data.LevelBranch {
			found = append(found, u)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return data.OrgUnit{}, false
}

// person finds a named 培养联系人 or 入党介绍人 on the roster: in the
// candidate's branch first, then anywhere if the name is unique there.
func person(w world, branchID int64, name, role string) data.DevPerson {
	p := data.DevPerson{Name: name, Role: role}
	var here, all []data.Member
	for _, m := range w.members {
		if m.Name != name {
			continue
		}
		all = append(all, m)
		if m.BranchID == branchID {
			here = append(here, m)
		}
	}
	switch {
	case len(here) == 1:
		p.MemberID, p.Standing = here[0].ID, here[0].Standing
	case len(here) == 0 && len(all) == 1:
		p.MemberID, p.Standing = all[0].ID, all[0].Standing
	}
	return p
}

// splitNames splits "张三、李四" (or with ，, ; / or spaces).
func splitNames(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune("、，,；;/／\\ \u3000\t\r\n和", r)
	})
}

func normSex(s string) string {
	switch strings.TrimSpace(s) {
	case "男", "男性", "M", "m":
		return "男"
	case "女", "女性", "F", "f":
		return "女"
	}
	return strings.TrimSpace(s)
}

func count(s string) (int, error) {
	s = strings.TrimSpace(sheet.Fold(s))
	for _, suf := range []string{"天", "学时", "课时", "小时"} {
		s = strings.TrimSuffix(s, suf)
	}
	if s == "" {
		return 0, nil
	}
	return strconv.Atoi(strings.TrimSpace(s))
}

// parseOutcome reads 转正情况: 按期转正, 延长预备期（6 个月）, 取消预备党员资格.
func parseOutcome(s string) (string, int) {
	s = strings.TrimSpace(sheet.Fold(s))
	switch {
	case s == "":
		return "", 0
	case strings.Contains(s, "取消"):
		return data.DevOutcomeCancel, 0
	case strings.Contains(s, "延长"):
		n := 0
		for _, r := range s {
			if r >= '0' && r <= '9' {
				n = n*10 + int(r-'0')
			}
		}
		if strings.Contains(s, "一年") {
			n = 12
		} else if strings.Contains(s, "半年") {
			n = 6
		}
		return data.DevOutcomeExtend, n
	case strings.Contains(s, "转正"):
		return data.DevOutcomeFull, 0
	}
	return "", 0
}

func isFooter(s string) bool {
	for _, w := range []string{"合计", "总计", "填表人", "制表", "说明：", "注："} {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// cellDate reads a date cell as the roster import does: an Excel serial
// number, or text in any shape data.ParseDateLoose knows (2010-07-01,
// 2010.07.01, 2010年7月1日, 2010/7/1, 20100701), full-width digits and a
// time of day tolerated.
func cellDate(s string, date1904 bool) (data.Date, error) {
	s = strings.TrimPrefix(strings.TrimSpace(sheet.Fold(s)), "'")
	if s == "" {
		return data.Date{}, nil
	}
	if i := strings.IndexAny(s, " T"); i > 0 && strings.Contains(s[i:], ":") {
		s = s[:i]
	}
	if n, err := strconv.Atoi(s); err == nil && n > 2100 && n < 100000 && len(s) <= 5 {
		if date1904 {
			return data.NewDate(1904, 1, 1).AddDays(n), nil
		}
		return data.NewDate(1899, 12, 30).AddDays(n), nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 2100 && f < 100000 && strings.Contains(s, ".") {
		n := int(f)
		if date1904 {
			return data.NewDate(1904, 1, 1).AddDays(n), nil
		}
		return data.NewDate(1899, 12, 30).AddDays(n), nil
	}
	d, err := data.ParseDateLoose(s)
	if err != nil || d.IsZero() {
		return data.Date{}, fmt.Errorf("日期“%s”无法识别，请写成 2024-07-01 的形式", s)
	}
	return d, nil
}
