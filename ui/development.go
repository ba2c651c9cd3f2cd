package ui

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/data/devimport"
	"dangjian/data/sheet"
	"dangjian/jobs"
	"dangjian/report"
)

// developmentScreen is 发展党员: the pipeline (how many candidates stand at
// each stage in each branch), the candidate list with what each needs next
// and by when, and one candidate's timeline of the 25 steps with done,
// due and late steps, warnings and materials. A branch copy sees and
// records its own branch only.
type developmentScreen struct {
	sh    *Shell
	role  data.Role
	units map[int64]string
	proc  data.DevProcess
	today data.Date

	branch    *widget.Select
	branchIDs []int64 // parallel to branch.Options; 0 = all
	tabs      *container.AppTabs

	pipeline *textTable
	planInfo *widget.Label

	files    []data.DevFile
	list     *textTable
	cur      int // index in files, -1 none
	info     *widget.Label
	nextInfo *widget.Label
	timeline *textTable
	tlSteps  []int // step number of each timeline row
	tlSel    int
	notes    *widget.RichText // the file's warnings, then its materials
	detail   *fyne.Container
	hint     *widget.Label

	editor *devStepEditor // the open step editor, for tests

	newBt, editBt, stepBt, delBt, wordBt, matBt, openBt, importBt, printBt *widget.Button

	obj fyne.CanvasObject
}

func newDevelopmentScreen(sh *Shell) *developmentScreen {
	s := &developmentScreen{sh: sh, cur: -1, tlSel: -1}
	s.branch = newSelect(nil, func(string) { s.reload() })

	s.pipeline = newTextTable(append(append([]string{"党支部"}, data.DevStageNames...), "合计", "有提醒"),
		[]float32{220, 90, 110, 90, 90, 90, 70, 70})
	s.planInfo = widget.NewLabel("")
	s.planInfo.Wrapping = fyne.TextWrapWord
	pipeTab := container.NewBorder(s.planInfo, nil, nil, nil, s.pipeline)

	s.list = newTextTable([]string{"姓名", "党支部", "阶段", "下一步", "期限", "提醒"}, []float32{64, 124, 100, 130, 100, 44})
	s.list.OnSelect = func(i int) { s.select_(i) }
	s.info = widget.NewLabel("")
	s.info.Wrapping = fyne.TextWrapWord
	s.nextInfo = widget.NewLabel("")
	s.nextInfo.Wrapping = fyne.TextWrapWord
	s.nextInfo.TextStyle.Bold = true
	s.timeline = newTextTable([]string{"步", "名称", "日期", "状态", "人员与表决", "提醒"}, []float32{36, 176, 136, 140, 220, 360})
	s.timeline.OnSelect = func(i int) { s.tlSel = i; s.updateButtons() }
	s.notes = widget.NewRichText()
	s.notes.Wrapping = fyne.TextWrapWord

	s.newBt = widget.NewButtonWithIcon("新增入党申请人", theme.ContentAddIcon(), func() { s.editCandidate(data.DevCandidate{}) })
	s.editBt = widget.NewButtonWithIcon("基本信息", theme.DocumentCreateIcon(), func() {
		if f := s.file(); f != nil {
			s.editCandidate(f.Candidate)
		}
	})
	s.stepBt = widget.NewButtonWithIcon("登记步骤", theme.ConfirmIcon(), func() { s.recordStep() })
	s.stepBt.Importance = widget.HighImportance
	s.delBt = widget.NewButtonWithIcon("删除步骤", theme.DeleteIcon(), func() { s.deleteStep() })
	s.wordBt = widget.NewButtonWithIcon("步骤设置", theme.SettingsIcon(), func() { s.editStepWording() })
	s.matBt = widget.NewButtonWithIcon("添加材料", theme.FileIcon(), func() { s.addMaterial() })
	s.openBt = widget.NewButtonWithIcon("打开材料", theme.FolderOpenIcon(), func() { s.openMaterials() })
	s.importBt = widget.NewButtonWithIcon("导入台账", theme.UploadIcon(), func() { s.importLedger() })
	s.printBt = widget.NewButtonWithIcon("打印", theme.DocumentPrintIcon(), func() { s.print() })

	s.hint = widget.NewLabel("在左侧选择一名入党申请人，查看其发展全过程。")
	tools := container.NewHBox(s.editBt, s.stepBt, s.matBt, s.openBt, s.delBt, s.wordBt)
	top := container.NewVBox(s.info, s.nextInfo, tools)
	// The warnings and materials scroll under the timeline: wrapped
	// labels of any length never push it off the screen.
	notes := container.NewVSplit(s.timeline, container.NewVScroll(s.notes))
	notes.Offset = 0.7
	s.detail = container.NewBorder(top, nil, nil, nil, notes)
	right := container.NewStack(s.hint, s.detail)
	s.detail.Hide()
	split := container.NewHSplit(s.list, right)
	split.Offset = 0.5

	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("发展对象", theme.AccountIcon(), split),
		container.NewTabItemWithIcon("发展流程统计", theme.GridIcon(), pipeTab),
	)
	bar := container.NewHBox(widget.NewLabel("党支部"), sized(s.branch, 220), s.newBt, s.importBt, s.printBt)
	s.obj = container.NewBorder(bar, nil, nil, nil, s.tabs)
	return s
}

func (s *developmentScreen) title() string             { return "发展党员" }
func (s *developmentScreen) icon() fyne.Resource       { return theme.AccountIcon() }
func (s *developmentScreen) object() fyne.CanvasObject { return s.obj }
func (s *developmentScreen) unitName(id int64) string  { return s.units[id] }

func (s *developmentScreen) shown() {
	ctx := s.sh.ctx
	s.units, _ = s.sh.store.UnitNames(ctx)
	s.role = s.sh.store.Role(ctx)
	s.proc, _ = s.sh.store.DevProcess(ctx)
	s.today = s.sh.store.Today()
	roots, _ := s.sh.store.OrgStructure(ctx)
	var names []string
	s.branchIDs = nil
	if s.role.Office {
		names, s.branchIDs = []string{"全部党支部"}, []int64{0}
	}
	for _, r := range roots {
		for _, b := range r.Children {
			if b.Unit.Level != data.LevelBranch || (!s.role.Office && b.Unit.ID != s.role.BranchID) {
				continue
			}
			names = append(names, b.Unit.Name())
			s.branchIDs = append(s.branchIDs, b.Unit.ID)
		}
	}
	cur := s.branch.SelectedIndex()
	s.branch.Options = names
	if cur < 0 || cur >= len(names) {
		cur = 0
	}
	if len(names) > 0 {
		s.branch.SetSelectedIndex(cur) // reloads
	} else {
		s.reload()
	}
	for _, b := range []*widget.Button{s.importBt, s.wordBt} {
		if s.role.Office {
			b.Show()
		} else {
			b.Hide()
		}
	}
}

// branchID is the chosen branch (0: all, office only).
func (s *developmentScreen) branchID() int64 {
	if i := s.branch.SelectedIndex(); i >= 0 && i < len(s.branchIDs) {
		return s.branchIDs[i]
	}
	if !s.role.Office {
		return s.role.BranchID
	}
	return 0
}

func (s *developmentScreen) file() *data.DevFile {
	if s.cur >= 0 && s.cur < len(s.files) {
		return &s.files[s.cur]
	}
	return nil
}

func (s *developmentScreen) reload() {
	if s.units == nil {
		return
	}
	keep := int64(0)
	if f := s.file(); f != nil {
		keep = f.Candidate.ID
	}
	filter := data.DevCandidateFilter{BranchID: s.branchID()}
	if !s.role.Office {
		filter.BranchID = s.role.BranchID // a branch copy never sees another branch
	}
	files, err := s.sh.store.DevFiles(s.sh.ctx, filter)
	if err != nil {
		s.sh.showError(err)
		return
	}
	// Those needing attention first: by stage, then by due date.
	stageIdx := map[string]int{}
	for i, n := range data.DevStageNames {
		stageIdx[n] = i
	}
	type keyed struct {
		f     data.DevFile
		stage string
		next  data.DevNext
		warns []data.DevWarning
	}
	var ks []keyed
	for _, f := range files {
		ks = append(ks, keyed{f, data.DevStageOf(f.Candidate, f.Steps), s.proc.Next(f.Candidate, f.Steps, s.today),
			s.proc.Check(f.Candidate, f.Steps, s.today)})
	}
	sort.SliceStable(ks, func(i, j int) bool {
		if a, b := stageIdx[ks[i].stage], stageIdx[ks[j].stage]; a != b {
			return a < b
		}
		return ks[i].f.Candidate.ApplyDate.Before(ks[j].f.Candidate.ApplyDate)
	})
	s.files = nil
	var rows [][]string
	type counts struct {
		by          map[string]int
		total, warn int
	}
	perBranch := map[int64]*counts{}
	var order []int64
	sel := -1
	for i, k := range ks {
		s.files = append(s.files, k.f)
		if k.f.Candidate.ID == keep {
			sel = i
		}
		due := ""
		if !k.next.Due.IsZero() {
			due = k.next.Due.String()
			if k.next.Due.Before(s.today) {
				due += " 已逾期"
			}
		} else if !k.next.NotBefore.IsZero() {
			due = k.next.NotBefore.String() + " 起"
		}
		next := "已完成"
		if k.next.Step > 0 {
			next = fmt.Sprintf("%d %s", k.next.Step, k.next.Name)
		}
		nw := ""
		if n := devTimingWarnings(k.warns); n > 0 {
			nw = strconv.Itoa(n) // lateness, order, people …; missing papers are listed in the file
		}
		rows = append(rows, []string{k.f.Candidate.Name, s.unitName(k.f.Candidate.BranchID), k.stage, next, due, nw})
		b := k.f.Candidate.BranchID
		c := perBranch[b]
		if c == nil {
			c = &counts{by: map[string]int{}}
			perBranch[b] = c
			order = append(order, b)
		}
		if !data.DevCancelled(k.f.Steps) {
			c.by[k.stage]++
			c.total++
		}
		if devTimingWarnings(k.warns) > 0 {
			c.warn++
		}
	}
	s.list.setRows(rows)
	// The pipeline.
	treeIdx := map[int64]int{} // branches in the organisation's order
	for i, id := range s.branchIDs {
		treeIdx[id] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return treeIdx[order[i]] < treeIdx[order[j]] })
	var prow [][]string
	sum := counts{by: map[string]int{}}
	for _, b := range order {
		c := perBranch[b]
		r := []string{s.unitName(b)}
		for _, st := range data.DevStageNames {
			r = append(r, strconv.Itoa(c.by[st]))
			sum.by[st] += c.by[st]
		}
		sum.total += c.total
		sum.warn += c.warn
		prow = append(prow, append(r, strconv.Itoa(c.total), strconv.Itoa(c.warn)))
	}
	if len(order) > 1 {
		r := []string{"合计"}
		for _, st := range data.DevStageNames {
			r = append(r, strconv.Itoa(sum.by[st]))
		}
		prow = append(prow, append(r, strconv.Itoa(sum.total), strconv.Itoa(sum.warn)))
	}
	s.pipeline.setRows(prow)
	joined := 0
	for _, f := range s.files {
		st := data.DevStageOf(f.Candidate, f.Steps)
		if d := data.DevJoinDate(f.Steps); d.Y == s.today.Y && (st == data.DevStageProbationary || st == data.DevStageFull) {
			joined++
		}
	}
	s.planInfo.SetText(fmt.Sprintf("%d 年：已接收预备党员 %d 名；在培养的入党积极分子 %d 名、发展对象 %d 名。"+
		"下表按党支部统计各阶段人数（已取消预备党员资格的不计）。", s.today.Y, joined, sum.by[data.DevStageActivist], sum.by[data.DevStageCandidate]))
	s.cur = -1
	if sel < 0 && keep == 0 && len(s.files) > 0 {
		sel = 0 // the first file needing attention is shown at once
	}
	if sel >= 0 {
		s.list.Select(widget.TableCellID{Row: sel, Col: 0})
		s.select_(sel)
	} else {
		s.showDetail()
	}
}

func (s *developmentScreen) select_(i int) {
	if i < 0 || i >= len(s.files) {
		return // keep showing the last one: unselecting happens on reload
	}
	s.cur = i
	s.tlSel = -1
	s.showDetail()
}

// showDetail fills the right side for the selected candidate.
func (s *developmentScreen) showDetail() {
	f := s.file()
	if f == nil {
		s.detail.Hide()
		s.hint.Show()
		if len(s.files) == 0 {
			s.hint.SetText("还没有发展党员档案。点“新增入党申请人”登记，或由党总支办公室“导入台账”。")
		} else {
			s.hint.SetText("在左侧选择一名入党申请人，查看其发展全过程。")
		}
		s.updateButtons()
		return
	}
	s.hint.Hide()
	s.detail.Show()
	c := f.Candidate
	stage := data.DevStageOf(c, f.Steps)
	parts := []string{c.Name, c.Sex, s.unitName(c.BranchID), "当前阶段：" + stage}
	if c.IDNumber != "" {
		parts = append(parts, "身份证 "+c.IDNumber)
	}
	if c.MemberID != 0 {
		parts = append(parts, "已列入党员名册")
	}
	if data.DevCancelled(f.Steps) {
		parts = append(parts, "已取消预备党员资格")
	}
	s.info.SetText(joinNonEmpty("　", parts...))
	next := s.proc.Next(c, f.Steps, s.today)
	switch {
	case next.Step == 0:
		s.nextInfo.SetText("发展程序已全部完成。")
	case !next.Due.IsZero() && next.Due.Before(s.today):
		s.nextInfo.SetText(fmt.Sprintf("下一步：第 %d 步 %s，应于 %s 前完成，已逾期 %d 天", next.Step, next.Name, next.Due.Chinese(), devDays(next.Due, s.today)))
	case !next.Due.IsZero():
		s.nextInfo.SetText(fmt.Sprintf("下一步：第 %d 步 %s，应于 %s 前完成", next.Step, next.Name, next.Due.Chinese()))
	case !next.NotBefore.IsZero():
		s.nextInfo.SetText(fmt.Sprintf("下一步：第 %d 步 %s，%s 起可进行", next.Step, next.Name, next.NotBefore.Chinese()))
	default:
		s.nextInfo.SetText(fmt.Sprintf("下一步：第 %d 步 %s", next.Step, next.Name))
	}
	warns := s.proc.Check(c, f.Steps, s.today)
	byStep := map[int][]string{}
	var all, papers []string
	for _, w := range warns {
		byStep[w.Step] = append(byStep[w.Step], w.Message)
		if w.Kind == data.DevWarnMaterials {
			papers = append(papers, w.Message)
		} else {
			all = append(all, "！"+w.Message)
		}
	}
	recs := map[int][]data.DevStepRecord{}
	for _, r := range f.Steps {
		recs[r.Step] = append(recs[r.Step], r)
	}
	var rows [][]string
	s.tlSteps = nil
	for _, st := range s.proc.Steps {
		rs := recs[st.Number]
		status, date, who := "", "", ""
		var dates, people []string
		for _, r := range rs {
			dates = append(dates, r.Date.String())
			for _, p := range r.People {
				people = append(people, p.Role+" "+p.Name)
			}
			if r.Vote != nil {
				res, err := data.DevVote(r.Vote.Expected, r.Vote.Present, r.Vote.Yes, r.Vote.No, r.Vote.Abstain)
				v := fmt.Sprintf("应到%d 实到%d 赞成%d", r.Vote.Expected, r.Vote.Present, r.Vote.Yes)
				if err == nil && res.Passed {
					v += " 通过"
				}
				people = append(people, v)
			}
			if r.Outcome != "" {
				o := r.Outcome
				if r.ExtendMonths > 0 {
					o += fmt.Sprintf(" %d 个月", r.ExtendMonths)
				}
				people = append(people, o)
			}
		}
		switch {
		case len(dates) == 1:
			date = dates[0]
		case len(dates) > 1:
			date = fmt.Sprintf("%s 等 %d 次", dates[len(dates)-1], len(dates)) // the latest: f.Steps is by date
		}
		who = strings.Join(people, "；")
		switch {
		case len(rs) > 0 && len(byStep[st.Number]) > 0:
			status = "已完成（有提醒）"
		case len(rs) > 0:
			status = "已完成"
		case next.Step == st.Number && !next.Due.IsZero() && next.Due.Before(s.today):
			status = "已逾期"
		case next.Step == st.Number && !next.Due.IsZero():
			status = next.Due.String() + " 前"
		case next.Step == st.Number:
			status = "下一步"
		case len(byStep[st.Number]) > 0:
			status = "未记录"
		}
		rows = append(rows, []string{strconv.Itoa(st.Number), st.Name, date, status, who, strings.Join(byStep[st.Number], "；")})
		s.tlSteps = append(s.tlSteps, st.Number)
	}
	s.timeline.setRows(rows)
	s.tlSel = -1
	var segs []widget.RichTextSegment
	para := func(text string, color fyne.ThemeColorName) {
		segs = append(segs, &widget.TextSegment{Text: text, Style: widget.RichTextStyle{ColorName: color}},
			&widget.TextSegment{Style: widget.RichTextStyleParagraph})
	}
	if len(all) == 0 {
		para("没有时限、顺序或人员方面的提醒。", theme.ColorNameSuccess)
	} else {
		para(fmt.Sprintf("提醒 %d 条（不影响保存）：", len(all)), theme.ColorNameWarning)
		for _, w := range all {
			para(w, theme.ColorNameWarning)
		}
	}
	if len(papers) > 0 {
		para("缺少材料："+strings.Join(papers, "；"), theme.ColorNameForeground)
	}
	var mats []string
	for _, r := range f.Steps {
		files, _ := s.sh.store.DevMaterials(s.sh.ctx, r.ID)
		var names []string
		for _, a := range files {
			names = append(names, a.FileName)
		}
		if len(r.Materials) > 0 || len(names) > 0 {
			m := fmt.Sprintf("第 %d 步：%s", r.Step, strings.Join(r.Materials, "、"))
			if len(names) > 0 {
				m += "（文件：" + strings.Join(names, "、") + "）"
			}
			mats = append(mats, m)
		}
	}
	if len(mats) == 0 {
		para("材料：尚无", theme.ColorNameForeground)
	} else {
		para("材料："+strings.Join(mats, "；"), theme.ColorNameForeground)
	}
	s.notes.Segments = segs
	s.notes.Refresh()
	s.updateButtons()
}

func (s *developmentScreen) updateButtons() {
	has := s.file() != nil
	for _, b := range []*widget.Button{s.editBt, s.stepBt, s.matBt, s.openBt} {
		if has {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	s.delBt.Disable()
	if has && s.tlSel >= 0 && s.tlSel < len(s.tlSteps) {
		s.stepBt.SetText(fmt.Sprintf("登记第 %d 步", s.tlSteps[s.tlSel]))
		if s.latest(s.tlSteps[s.tlSel]) != nil {
			s.stepBt.SetText(fmt.Sprintf("修改第 %d 步", s.tlSteps[s.tlSel]))
			s.delBt.Enable()
		}
	} else {
		s.stepBt.SetText("登记下一步")
	}
}

// devRepeats: 培养教育考察 (6) recurs every half-year, and 22–24 again
// after an extension; as the next step they are recorded anew.
func devRepeats(n int) bool {
	return n == data.DevStepReview || (n >= data.DevStepFullApply && n <= data.DevStepFullApproval)
}

// latest is the last record of step n in the selected file, or nil.
func (s *developmentScreen) latest(n int) *data.DevStepRecord {
	f := s.file()
	if f == nil {
		return nil
	}
	var out *data.DevStepRecord
	for i := range f.Steps {
		if f.Steps[i].Step == n {
			out = &f.Steps[i]
		}
	}
	return out
}

// deleteStep takes the selected step's last record off the file (it stays
// in the database, marked deleted, and in the 操作日志).
func (s *developmentScreen) deleteStep() {
	if s.tlSel < 0 || s.tlSel >= len(s.tlSteps) {
		return
	}
	r := s.latest(s.tlSteps[s.tlSel])
	if r == nil {
		return
	}
	rec, name := *r, s.file().Candidate.Name
	msg := fmt.Sprintf("确定删除%s第 %d 步 %s（%s）的登记吗？删除记录保留在操作日志中；已列入党员名册的，党员档案不受影响。",
		name, rec.Step, s.proc.Step(rec.Step).Name, rec.Date)
	dialog.ShowConfirm("删除步骤", msg, func(ok bool) {
		if !ok {
			return
		}
		if err := s.sh.store.DeleteDevStep(s.sh.ctx, s.role, rec.ID); err != nil {
			s.sh.showError(err)
			return
		}
		s.afterSave(fmt.Sprintf("已删除%s第 %d 步的登记", name, rec.Step))
	}, s.sh.win)
}

// stepToRecord is the timeline's selected step, else the next one.
func (s *developmentScreen) stepToRecord() int {
	if s.tlSel >= 0 && s.tlSel < len(s.tlSteps) {
		return s.tlSteps[s.tlSel]
	}
	f := s.file()
	if f == nil {
		return 0
	}
	n := s.proc.Next(f.Candidate, f.Steps, s.today).Step
	if n == 0 {
		n = data.DevStepArchive
	}
	return n
}

func (s *developmentScreen) recordStep() {
	f := s.file()
	if f == nil {
		return
	}
	n := s.stepToRecord()
	rec := data.DevStepRecord{CandidateID: f.Candidate.ID, Step: n}
	if r := s.latest(n); r != nil && (s.tlSel >= 0 || !devRepeats(n)) {
		rec = *r // a step chosen in the timeline, or done once, is corrected
	}
	s.editor = newDevStepEditor(s, f.Candidate, rec)
}

// afterSave reloads and shows what the save left to warn about.
func (s *developmentScreen) afterSave(msg string) {
	s.reload()
	s.sh.notify(msg)
}

func (s *developmentScreen) editCandidate(c data.DevCandidate) {
	sh := s.sh
	form := newFieldForm()
	name := widget.NewEntry()
	name.SetText(c.Name)
	sex := newSelect(data.Sexes, nil)
	sex.Selected = c.Sex
	id := widget.NewEntry()
	id.SetText(c.IDNumber)
	id.SetPlaceHolder("18 位；出生日期和性别可据此自动填写")
	var bnames []string
	var bids []int64
	for i, b := range s.branchIDs {
		if b != 0 {
			bnames = append(bnames, s.branch.Options[i])
			bids = append(bids, b)
		}
	}
	branch := newSelect(bnames, nil)
	for i, b := range bids {
		if b == c.BranchID || (c.BranchID == 0 && b == s.branchID()) {
			branch.SetSelectedIndex(i)
		}
	}
	if c.BranchID == 0 && branch.SelectedIndex() < 0 && len(bids) == 1 {
		branch.SetSelectedIndex(0)
	}
	phone := widget.NewEntry()
	phone.SetText(c.Phone)
	edu := widget.NewSelectEntry(data.Educations)
	edu.SetText(c.Education)
	job := widget.NewEntry()
	job.SetText(c.Job)
	apply := newDateEntry()
	apply.setDate(c.ApplyDate)
	form.add("name", "姓名", name)
	form.add("id_number", "公民身份号码", id)
	form.add("sex", "性别", sex)
	form.add("branch_id", "所在党支部", branch)
	form.add("apply_date", "递交入党申请书日期", apply)
	form.add("phone", "手机", phone)
	form.add("education", "学历", edu)
	form.add("job", "单位及岗位", job)
	title := "新增入党申请人"
	if c.ID != 0 {
		title = c.Name + " 的基本信息"
	}
	showFormDialog(sh.win, title, "保存", form, "", func() error {
		var is data.Issues
		c.Name, c.Sex, c.IDNumber, c.Phone, c.Education, c.Job = name.Text, sex.Selected, id.Text, phone.Text, edu.Text, job.Text
		c.ApplyDate = apply.date("apply_date", "递交入党申请书日期", &is)
		if i := branch.SelectedIndex(); i >= 0 {
			c.BranchID = bids[i]
		}
		if err := is.AsError(); err != nil {
			return err
		}
		saved, _, err := sh.store.SaveDevCandidate(sh.ctx, s.role, c)
		if err != nil {
			return err
		}
		// A new file starts with its application as step 1.
		if c.ID == 0 {
			p := s.proc.Step(data.DevStepApply)
			if _, _, err := sh.store.SaveDevStep(sh.ctx, s.role, data.DevStepRecord{CandidateID: saved.ID,
				Step: data.DevStepApply, Date: saved.ApplyDate, Materials: p.Materials}); err != nil {
				sh.showError(err)
			}
		}
		s.cur = -1
		s.reload()
		for i, f := range s.files {
			if f.Candidate.ID == saved.ID {
				s.list.Select(widget.TableCellID{Row: i})
				s.select_(i)
			}
		}
		sh.notify("已保存 " + saved.Name + " 的发展党员档案")
		return nil
	})
}

func (s *developmentScreen) addMaterial() {
	f := s.file()
	if f == nil {
		return
	}
	sh := s.sh
	n := s.stepToRecord()
	var rec *data.DevStepRecord
	for i := range f.Steps {
		if f.Steps[i].Step == n {
			rec = &f.Steps[i]
		}
	}
	if rec == nil {
		sh.showError(fmt.Errorf("第 %d 步 %s 尚未登记，请先登记该步骤，再添加它的材料", n, s.proc.Step(n).Name))
		return
	}
	names := append(append([]string{}, s.proc.Step(n).Materials...), "其他材料")
	pick := newSelect(names, nil)
	pick.SetSelectedIndex(0)
	dialog.ShowCustomConfirm(fmt.Sprintf("第 %d 步 %s：添加材料", n, s.proc.Step(n).Name), "选择文件", "取消",
		container.NewVBox(widget.NewLabel("材料名称"), pick), func(ok bool) {
			if !ok {
				return
			}
			sh.chooseOpen(fileChoice{title: "选择材料文件"}, func(path string) {
				mat := pick.Selected
				if mat == "其他材料" {
					mat = ""
				}
				if _, err := sh.store.AddDevMaterial(sh.ctx, s.role, rec.ID, mat, path); err != nil {
					sh.showError(err)
					return
				}
				s.afterSave("已添加材料 " + filepath.Base(path))
			})
		}, sh.win)
}

func (s *developmentScreen) openMaterials() {
	f := s.file()
	if f == nil {
		return
	}
	var files []data.Attachment
	var labels []string
	for _, r := range f.Steps {
		list, _ := s.sh.store.DevMaterials(s.sh.ctx, r.ID)
		for _, a := range list {
			files = append(files, a)
			labels = append(labels, fmt.Sprintf("第 %d 步 %s", r.Step, a.FileName))
		}
	}
	if len(files) == 0 {
		dialog.ShowInformation("材料", f.Candidate.Name+" 还没有保存材料文件。", s.sh.win)
		return
	}
	pick := newSelect(labels, nil)
	pick.SetSelectedIndex(0)
	dialog.ShowCustomConfirm("打开材料", "打开", "取消", pick, func(ok bool) {
		if ok && pick.SelectedIndex() >= 0 {
			if err := s.sh.OpenFile(s.sh.store.AttachmentPath(files[pick.SelectedIndex()])); err != nil {
				s.sh.showError(err)
			}
		}
	}, s.sh.win)
}

func (s *developmentScreen) importLedger() {
	s.sh.chooseOpen(fileChoice{title: "选择要导入的发展党员工作台账", kind: "Excel 或 CSV 表格", exts: []string{".xlsx", ".csv"}}, s.previewImport)
}

func (s *developmentScreen) previewImport(path string) {
	sh := s.sh
	var book *sheet.Sheet
	var p *devimport.Plan
	sh.runJob("读取发展党员台账 "+filepath.Base(path), func(pr jobs.Progress) (jobs.Done, error) {
		var err error
		book, p, err = jobs.PreviewDevelopment(sh.ctx, sh.store, path, pr)
		return jobs.Done{}, err
	}, func(jobs.Done) { s.showPreview(path, book, p) })
}

// showPreview lists what the import would do before anything is written.
func (s *developmentScreen) showPreview(path string, book *sheet.Sheet, p *devimport.Plan) {
	sh := s.sh
	adds := newTextTable([]string{"行号", "姓名", "党支部", "阶段", "已有步骤", "提醒"}, []float32{60, 90, 180, 110, 80, 60})
	var rows [][]string
	for _, a := range p.Adds {
		rows = append(rows, []string{strconv.Itoa(a.Row), a.Candidate.Name, s.unitName(a.Candidate.BranchID),
			data.DevStageOf(a.Candidate, a.Steps), strconv.Itoa(len(a.Steps)), strconv.Itoa(len(a.Warnings))})
	}
	adds.setRows(rows)
	showImportPreview(sh.win, importPreview{
		title: "导入发展党员工作台账（预览，尚未写入）",
		summary: fmt.Sprintf("文件：%s\n可导入 %d 名，已存在 %d 名，不能导入 %d 行。步骤迟了、早了、缺了或顺序颠倒的照实导入，并在“提示”中列出。",
			filepath.Base(path), len(p.Adds), p.Existing, p.RejectedRows()),
		adds: adds, nAdds: len(p.Adds), rejected: p.Rejected, warnings: p.Warnings, skipped: p.Skipped,
		apply: func(m sheet.Mode) {
			sh.applyImport("发展党员档案", func(pr jobs.Progress) (sheet.Result, error) {
				return jobs.ApplyDevelopment(sh.ctx, sh.store, book, m, pr)
			}, func(res sheet.Result) {
				dialog.ShowInformation("导入完成", fmt.Sprintf("已导入 %d 名入党申请人的发展档案。", res.Imported), sh.win)
				s.reload()
			})
		},
	})
}

// print prints the selected candidate's 纪实表 on the list tab, else the
// year's 台账 of the chosen branch (or all).
func (s *developmentScreen) print() {
	sh := s.sh
	o := jobs.Options{AsOf: s.today, Year: s.today.Y, BranchID: s.branchID()}
	if f := s.file(); f != nil && s.tabs.SelectedIndex() == 0 {
		file := *f
		sh.printJob(file.Candidate.Name+"-发展党员纪实表", func(out string, p jobs.Progress) (jobs.Done, error) {
			o.Out = out
			return jobs.PrintDevRecord(sh.ctx, sh.store, file, o, p)
		})
		return
	}
	sh.printJob(report.DevLedgerTitle(o.Year), func(out string, p jobs.Progress) (jobs.Done, error) {
		o.Out = out
		return jobs.PrintDevLedger(sh.ctx, sh.store, o, p)
	})
}

// devFileButton is the dossier's link to the development file that brought
// the member onto the roster, or nil when there is none.
func devFileButton(sh *Shell, memberID int64) *widget.Button {
	f, err := sh.store.MemberDevelopment(sh.ctx, memberID)
	if err != nil {
		return nil
	}
	id := f.Candidate.ID
	return widget.NewButtonWithIcon("发展档案", theme.AccountIcon(), func() {
		for _, sc := range sh.screens {
			if d, ok := sc.(*developmentScreen); ok && sh.Show(d.title()) {
				d.openCandidate(id)
			}
		}
	})
}

// openCandidate shows one candidate's file, widening the branch filter
// to all branches when it hides them.
func (s *developmentScreen) openCandidate(id int64) {
	s.tabs.SelectIndex(0)
	find := func() bool {
		for i, f := range s.files {
			if f.Candidate.ID == id {
				s.list.Select(widget.TableCellID{Row: i})
				s.select_(i)
				return true
			}
		}
		return false
	}
	if !find() && s.role.Office && len(s.branch.Options) > 0 {
		s.branch.SetSelectedIndex(0) // 全部党支部
		find()
	}
}

// editStepWording lets the office reword the selected step (else the next
// one): its name, who acts, the required materials and the description.
// The numbering, stage and rules stay as shipped.
func (s *developmentScreen) editStepWording() {
	sh := s.sh
	n := s.stepToRecord()
	if n == 0 {
		n = 1
	}
	st := s.proc.Step(n)
	form := newFieldForm()
	name, actor, mats, desc := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewMultiLineEntry()
	name.SetText(st.Name)
	actor.SetText(st.Actor)
	mats.SetText(strings.Join(st.Materials, "、"))
	mats.SetPlaceHolder("用顿号分隔，如：入党申请书、谈话记录")
	desc.SetText(st.Description)
	desc.SetMinRowsVisible(3)
	desc.Wrapping = fyne.TextWrapWord
	form.add("name", "步骤名称", name)
	form.add("actor", "实施主体", actor)
	form.add("materials", "应有材料", mats)
	form.add("description", "说明", desc)
	intro := fmt.Sprintf("第 %d 步（%s）。可修改名称、实施主体、应有材料和说明；步骤编号、所属阶段和时限规则不变。", n, s.proc.StageOfStep(n).Name)
	showFormDialog(sh.win, "发展党员步骤设置", "保存", form, intro, func() error {
		var list []string
		for _, m := range strings.FieldsFunc(mats.Text, func(r rune) bool { return strings.ContainsRune("、，,；;\n", r) }) {
			if m = strings.TrimSpace(m); m != "" {
				list = append(list, m)
			}
		}
		if _, err := sh.store.SaveDevStepEdit(sh.ctx, s.role, data.DevStep{Number: n, Name: name.Text, Actor: actor.Text,
			Materials: list, Description: desc.Text}); err != nil {
			return err
		}
		// The edit is saved; a failed re-read keeps the steps shown and says so.
		if proc, err := sh.store.DevProcess(sh.ctx); !sh.readFailed(err, "发展党员步骤设置") {
			s.proc = proc
		}
		s.afterSave(fmt.Sprintf("已保存第 %d 步的设置", n))
		return nil
	})
}

// devTimingWarnings counts the warnings other than missing materials: an
// imported ledger has dates but no papers, and lateness must stand out.
func devTimingWarnings(ws []data.DevWarning) int {
	n := 0
	for _, w := range ws {
		if w.Kind != data.DevWarnMaterials {
			n++
		}
	}
	return n
}
