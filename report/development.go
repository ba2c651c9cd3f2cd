package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"dangjian/data"
)

// DevRecordOptions set up the printed 发展党员工作全程纪实表.
type DevRecordOptions struct {
	Org      string                // 党总支 name for the running header
	Process  data.DevProcess       // the steps as the office worded them; zero: the shipped ones
	UnitName func(id int64) string // branch names
	// Materials lists the stored files of a step record (by record ID);
	// nil prints none.
	Materials func(stepID int64) []string
	AsOf      data.Date // the day warnings are judged on; zero: today
	Created   time.Time
}

func (o *DevRecordOptions) defaults() {
	if len(o.Process.Steps) == 0 {
		o.Process = data.DefaultDevProcess()
	}
	if o.UnitName == nil {
		o.UnitName = func(id int64) string { return fmt.Sprintf("党支部（%d）", id) }
	}
	if o.AsOf.IsZero() {
		o.AsOf = data.Today()
	}
}

// DevRecordTitle is the title of the per-candidate record.
const DevRecordTitle = "发展党员工作全程纪实表"

// DevRecord prints one 发展党员工作全程纪实表 per file, A4 portrait, each
// starting on its own page: the candidate's particulars, then a ruled
// table of the 25 steps grouped by stage — each with its date, the people
// named on it, the vote counts and result (steps 15 and 23), the
// materials on file and the notes — and the warnings the file raises,
// closed by signature places for the 党支部书记 and the 上级党委.
func DevRecord(w io.Writer, files []data.DevFile, opts DevRecordOptions) error {
	opts.defaults()
	meta := Meta{Title: DevRecordTitle, Org: opts.Org, Created: opts.Created, Subject: DevRecordTitle, Keywords: "发展党员 纪实表"}
	_, err := Render(w, Portrait, meta, func(d *Doc) error {
		for i, f := range files {
			if i > 0 {
				d.NewPage()
			}
			devRecordPage(d, f, opts)
		}
		if len(files) == 0 {
			d.Title(DevRecordTitle)
			d.Text("没有发展党员档案。", TextStyle{Size: SizeXiaoSi, Align: AlignCenter})
		}
		return nil
	})
	return err
}

// DevStepText is what the record prints in a step's 情况 cell: people,
// vote, outcome, training, materials and note, one item a line.
func DevStepText(p data.DevProcess, rs []data.DevStepRecord, files func(int64) []string) string {
	var lines []string
	for _, r := range rs {
		var people []string
		for _, x := range r.People {
			s := x.Name
			if x.Standing != "" {
				s += "（" + x.Standing + "）"
			}
			people = append(people, s)
		}
		if len(people) > 0 && len(r.People) > 0 {
			lines = append(lines, r.People[0].Role+"："+strings.Join(people, "、"))
		}
		if v := r.Vote; v != nil {
			res, err := data.DevVote(v.Expected, v.Present, v.Yes, v.No, v.Abstain)
			s := fmt.Sprintf("应到 %d 人，实到 %d 人；赞成 %d 票，反对 %d 票，弃权 %d 票", v.Expected, v.Present, v.Yes, v.No, v.Abstain)
			switch {
			case err != nil:
				s += "（票数有误）"
			case res.Passed:
				s += "；表决通过"
			default:
				s += "；表决未通过"
			}
			lines = append(lines, s)
		}
		if r.Step == data.DevStepFullVote {
			o := r.Outcome
			if o == "" {
				o = data.DevOutcomeFull
			}
			if r.ExtendMonths > 0 {
				o += fmt.Sprintf(" %d 个月", r.ExtendMonths)
			}
			lines = append(lines, "决定："+o)
		}
		if r.TrainingDays > 0 || r.TrainingHours > 0 {
			var t []string
			if r.TrainingDays > 0 {
				t = append(t, fmt.Sprintf("%d 天", r.TrainingDays))
			}
			if r.TrainingHours > 0 {
				t = append(t, fmt.Sprintf("%d 学时", r.TrainingHours))
			}
			lines = append(lines, "培训："+strings.Join(t, "，"))
		}
		mats := append([]string{}, r.Materials...)
		if files != nil {
			for _, f := range files(r.ID) {
				mats = append(mats, "附件 "+f)
			}
		}
		if len(mats) > 0 {
			lines = append(lines, "材料："+strings.Join(mats, "、"))
		}
		if n := strings.TrimSpace(r.Note); n != "" {
			lines = append(lines, n)
		}
	}
	return strings.Join(lines, "\n")
}

func devRecordPage(d *Doc, f data.DevFile, o DevRecordOptions) {
	c := f.Candidate
	p := o.Process
	d.Title(DevRecordTitle)
	d.Bookmark(c.Name, 0)
	subLine(d, "党支部："+o.UnitName(c.BranchID), "当前阶段："+data.DevStageOf(c, f.Steps))
	d.Space(1)
	info := d.NewTable([]Column{{Width: 26}, {Width: 34}, {Width: 18}, {Width: 30}, {Width: 20}, {}}, TableStyle{NoHeader: true, MinRowHeight: 8})
	label := func(s string) Cell { return Cell{Text: s, Shade: true, Align: AlignCenter} }
	birth := ""
	if !c.BirthDate.IsZero() {
		birth = c.BirthDate.Chinese()
	}
	info.RowCells(label("姓名"), Cell{Text: c.Name}, label("性别"), Cell{Text: c.Sex}, label("出生日期"), Cell{Text: birth})
	info.RowCells(label("公民身份号码"), Cell{Text: c.IDNumber, Span: 3}, label("学历"), Cell{Text: c.Education})
	info.RowCells(label("单位及岗位"), Cell{Text: c.Job, Span: 3}, label("联系电话"), Cell{Text: c.Phone})
	join, full := data.DevJoinDate(f.Steps), data.DevFullDate(f.Steps)
	js, fs := "", ""
	if st := data.DevStageOf(c, f.Steps); st != data.DevStageProbationary && st != data.DevStageFull {
		join, full = data.Date{}, data.Date{} // not a member until the higher committee approves
	}
	if !join.IsZero() {
		js = join.Chinese()
	}
	if !full.IsZero() {
		fs = full.Chinese()
	}
	info.RowCells(label("入党时间"), Cell{Text: js}, label("转正时间"), Cell{Text: fs}, label("申请日期"), Cell{Text: c.ApplyDate.Chinese()})
	info.End()
	d.Space(2)

	recs := map[int][]data.DevStepRecord{}
	for _, r := range f.Steps {
		recs[r.Step] = append(recs[r.Step], r)
	}
	t := d.NewTable([]Column{
		{Title: "步骤", Width: 12, Align: AlignCenter},
		{Title: "内容", Width: 42},
		{Title: "日期", Width: 26, Align: AlignCenter},
		{Title: "人员、表决、材料及情况"},
	}, TableStyle{Size: SizeXiaoWu, MinRowHeight: 7})
	for _, stg := range p.Stages {
		t.Group(fmt.Sprintf("%s、%s", chineseNumeral(stg.Number), stg.Title))
		for _, st := range p.Steps {
			if st.Stage != stg.Number {
				continue
			}
			rs := recs[st.Number]
			var dates []string
			for _, r := range rs {
				dates = append(dates, r.Date.String())
			}
			t.Row(fmt.Sprint(st.Number), st.Name, strings.Join(dates, "\n"), DevStepText(p, rs, o.Materials))
		}
	}
	t.End()
	warns := p.Check(c, f.Steps, o.AsOf)
	if len(warns) > 0 {
		d.Space(2)
		d.Text(fmt.Sprintf("提醒（截至 %s，%d 条）：", o.AsOf.Chinese(), len(warns)), TextStyle{Size: SizeXiaoWu, Bold: true})
		for _, w := range warns {
			d.Text("· "+w.Message, TextStyle{Size: SizeXiaoWu, Indent: 3, Leading: 1.4})
		}
	}
	closing(d, nil, "党支部书记（签字）：", "上级党委（盖章）：", "日期：")
}

// DevLedgerOptions set up the printed 发展党员工作台账.
type DevLedgerOptions struct {
	Year     int // files with a step in this year; 0: all
	Org      string
	Branch   string // the branch printed, "" for all
	Process  data.DevProcess
	UnitName func(id int64) string
	AsOf     data.Date
	Created  time.Time
}

// DevLedgerTitle is the title of the ledger.
func DevLedgerTitle(year int) string {
	if year == 0 {
		return "发展党员工作台账"
	}
	return fmt.Sprintf("%d年度发展党员工作台账", year)
}

// devLedgerSteps are the ledger's date columns, as the office's 台账 has them.
var devLedgerSteps = []struct {
	step  int
	title string
}{
	{1, "递交申请书"}, {2, "谈话"}, {3, "确定积极分子"}, {7, "确定发展对象"}, {10, "政治审查"},
	{11, "集中培训"}, {15, "支部大会"}, {17, "上级审批"}, {20, "入党宣誓"}, {23, "转正讨论"}, {24, "转正批准"},
}

// DevInYear reports whether a file belongs to a year's ledger: a step
// dated in that year, or still open then.
func DevInYear(f data.DevFile, year int) bool {
	if year == 0 || f.Candidate.ApplyDate.Y == year { // the application is step 1
		return true
	}
	for _, r := range f.Steps {
		if r.Date.Y == year {
			return true
		}
	}
	return false
}

// DevLedger prints the 发展党员工作台账, A4 landscape: one row per
// candidate with a step in the year — 姓名, 支部, 培养联系人, 入党介绍人,
// the dates of the main steps, the stage, and the warnings of the file —
// grouped by branch, then the lines 制表人, 审核人, 日期.
func DevLedger(w io.Writer, files []data.DevFile, opts DevLedgerOptions) error {
	if len(opts.Process.Steps) == 0 {
		opts.Process = data.DefaultDevProcess()
	}
	if opts.UnitName == nil {
		opts.UnitName = func(id int64) string { return fmt.Sprintf("党支部（%d）", id) }
	}
	if opts.AsOf.IsZero() {
		opts.AsOf = data.Today()
	}
	title := DevLedgerTitle(opts.Year)
	meta := Meta{Title: title, Org: opts.Org, Created: opts.Created, Subject: title, Keywords: "发展党员 台账"}
	_, err := Render(w, Landscape, meta, func(d *Doc) error {
		d.Title(title)
		right := "统计截至：" + opts.AsOf.Chinese()
		left := orgLine(opts.Org)
		if opts.Branch != "" {
			left = "党支部：" + opts.Branch
		}
		subLine(d, left, right)
		var rows []data.DevFile
		for _, f := range files {
			if DevInYear(f, opts.Year) {
				rows = append(rows, f)
			}
		}
		if len(rows) == 0 {
			d.Space(6)
			d.Text("没有发展党员档案。", TextStyle{Size: SizeXiaoSi, Align: AlignCenter})
			return nil
		}
		d.Text(DevPipelineSummary(rows), TextStyle{Size: SizeWu, Leading: 1.6})
		d.Space(1)
		cols := []Column{{Title: "序号", Width: 8, Align: AlignCenter}, {Title: "姓名", Width: 14}, {Title: "培养联系人", Width: 15},
			{Title: "入党介绍人", Width: 15}}
		for _, s := range devLedgerSteps {
			cols = append(cols, Column{Title: s.title, Width: 11.5, Align: AlignCenter})
		}
		cols = append(cols, Column{Title: "阶段", Width: 14, Align: AlignCenter}, Column{Title: "提醒"})
		t := d.NewTable(cols, TableStyle{Size: 7.5, MinRowHeight: 7, PadX: 0.8})
		branch := int64(-1)
		n := 0
		for _, f := range rows {
			c := f.Candidate
			if c.BranchID != branch {
				branch = c.BranchID
				t.Group(opts.UnitName(branch))
			}
			n++
			cells := []string{fmt.Sprint(n), c.Name,
				strings.Join(devNames(f.Steps, data.DevStepCultivators), "\n"), strings.Join(devNames(f.Steps, data.DevStepIntroducers), "\n")}
			for _, s := range devLedgerSteps {
				cells = append(cells, devFirstDate(f.Steps, s.step))
			}
			var warns []string
			for _, w := range opts.Process.Check(c, f.Steps, opts.AsOf) {
				if w.Kind == data.DevWarnMaterials {
					continue
				}
				warns = append(warns, fmt.Sprintf("第%d步：%s", w.Step, devShortWarning(w.Message)))
			}
			cells = append(cells, data.DevStageOf(c, f.Steps), strings.Join(warns, "\n"))
			t.Row(cells...)
		}
		t.End()
		d.Space(1)
		d.Text("日期上行为年，下行为月.日；“提醒”列出各步骤逾期、过早、缺漏、顺序颠倒等情况（不含材料缺漏，材料见各人纪实表）。", TextStyle{Size: SizeXiaoWu})
		closing(d, nil, "制表人：", "审核人：", "日期：")
		return nil
	})
	return err
}

func devNames(steps []data.DevStepRecord, step int) []string {
	var out []string
	for _, r := range steps {
		if r.Step == step {
			for _, p := range r.People {
				out = append(out, p.Name)
			}
		}
	}
	return out
}

func devFirstDate(steps []data.DevStepRecord, step int) string {
	var d data.Date
	for _, r := range steps {
		if r.Step == step && (d.IsZero() || r.Date.Before(d)) {
			d = r.Date
		}
	}
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d\n%d.%d", d.Y, int(d.M), d.D) // year above month.day: 11 columns fit
}

// devShortWarning drops the "第 N 步 名称：" the checker puts in front.
func devShortWarning(s string) string {
	if _, rest, ok := strings.Cut(s, "："); ok && strings.HasPrefix(s, "第 ") {
		return rest
	}
	return s
}

// DevPipelineSummary counts files by stage: "共 5 名：申请入党 1 名，入党积极分子
// 2 名，…" (cancelled probations counted apart).
func DevPipelineSummary(files []data.DevFile) string {
	n := map[string]int{}
	cancelled := 0
	for _, f := range files {
		if data.DevCancelled(f.Steps) {
			cancelled++
			continue
		}
		n[data.DevStageOf(f.Candidate, f.Steps)]++
	}
	var parts []string
	for _, st := range data.DevStageNames {
		parts = append(parts, fmt.Sprintf("%s %d 名", st, n[st]))
	}
	s := fmt.Sprintf("共 %d 名：%s", len(files), strings.Join(parts, "，"))
	if cancelled > 0 {
		s += fmt.Sprintf("；取消预备党员资格 %d 名", cancelled)
	}
	return s + "。"
}
