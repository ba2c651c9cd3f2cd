package ui

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/data/sheet"
	"dangjian/data/workplan"
	"dangjian/jobs"
	"dangjian/report"
)

// assessScreen is 考评督办: the year's tasks with their closed loop, each
// branch's 标准化 checklist, and the ranking with its chart.
type assessScreen struct {
	sh    *Shell
	role  data.Role
	units map[int64]string
	year  *widget.Select
	tabs  *container.AppTabs

	// 任务督办
	taskTab   *fyne.Container
	tasks     []data.Assignment
	taskTable *textTable
	reminders *widget.Label
	taskInfo  *widget.Label
	taskBtns  map[string]*widget.Button

	// 支部考评
	branch    *widget.Select
	branchIDs []int64
	eval      *data.BranchEvaluation
	itemTable *textTable
	itemInfo  *widget.Label
	itemBtns  map[string]*widget.Button
	evalSum   *widget.Label
	closedLbl *widget.Label

	// 排名
	rankTable *textTable
	chart     *canvas.Image
	scores    []data.BranchScore

	obj fyne.CanvasObject
}

func newAssessScreen(sh *Shell) *assessScreen {
	s := &assessScreen{sh: sh, taskBtns: map[string]*widget.Button{}, itemBtns: map[string]*widget.Button{}}
	y := data.Today().Y
	var years []string
	for i := y + 1; i >= y-5; i-- {
		years = append(years, strconv.Itoa(i))
	}
	s.year = newSelect(years, func(string) { s.reload() })
	s.year.Selected = strconv.Itoa(y)

	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("任务督办", theme.ListIcon(), s.buildTasks()),
		container.NewTabItemWithIcon("支部考评", theme.DocumentIcon(), s.buildChecklist()),
		container.NewTabItemWithIcon("排名", theme.GridIcon(), s.buildRanking()),
	)
	s.tabs.OnSelected = func(*container.TabItem) { s.reload() }
	top := container.NewHBox(widget.NewLabel("年度"), sized(s.year, 100))
	s.obj = container.NewBorder(top, nil, nil, nil, s.tabs)
	return s
}

func (s *assessScreen) title() string              { return "考评督办" }
func (s *assessScreen) tabsOf() *container.AppTabs { return s.tabs }
func (s *assessScreen) icon() fyne.Resource        { return theme.ConfirmIcon() }
func (s *assessScreen) object() fyne.CanvasObject  { return s.obj }

func (s *assessScreen) yearN() int {
	y, _ := strconv.Atoi(s.year.Selected)
	return y
}

func (s *assessScreen) unitName(id int64) string { return s.units[id] }

func (s *assessScreen) shown() {
	s.units, _ = s.sh.store.UnitNames(s.sh.ctx)
	s.role = s.sh.store.Role(s.sh.ctx)
	roots, _ := s.sh.store.OrgTree(s.sh.ctx)
	var names []string
	s.branchIDs = nil
	for _, r := range roots {
		for _, b := range r.Children {
			if !s.role.Office && b.Unit.ID != s.role.BranchID {
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
		s.branch.SetSelectedIndex(cur)
	}
	for _, k := range []string{"new", "import", "pass", "return", "supervise"} {
		if b := s.taskBtns[k]; b != nil {
			if s.role.Office {
				b.Show()
			} else {
				b.Hide()
			}
		}
	}
	s.reload()
}

func (s *assessScreen) reload() {
	if s.units == nil {
		return
	}
	switch s.tabs.SelectedIndex() {
	case 0:
		s.loadTasks()
	case 1:
		s.loadEvaluation()
	case 2:
		s.loadRanking()
	}
}

func (s *assessScreen) print() {
	switch s.tabs.SelectedIndex() {
	case 0:
		s.printTasks()
	case 1:
		s.printEvaluation(false)
	default:
		s.printEvaluation(true)
	}
}

// ---- 任务督办 ----

func (s *assessScreen) buildTasks() fyne.CanvasObject {
	s.reminders = widget.NewLabel("")
	s.reminders.Wrapping = fyne.TextWrapWord
	s.taskTable = newTextTable([]string{"方面", "任务", "责任支部", "完成时限", "分值", "状态", "得分"},
		[]float32{110, 300, 130, 100, 50, 90, 50})
	s.taskInfo = widget.NewLabel("选择一项任务查看要求、完成情况和办理记录。")
	s.taskInfo.Wrapping = fyne.TextWrapWord
	s.taskTable.OnSelect = func(int) { s.showTask() }
	mk := func(key, label string, icon fyne.Resource, fn func()) *widget.Button {
		b := widget.NewButtonWithIcon(label, icon, fn)
		s.taskBtns[key] = b
		return b
	}
	newB := mk("new", "新增任务…", theme.ContentAddIcon(), func() { s.editTask(data.Task{Year: s.yearN(), Points: 30, RemindDays: 7}) })
	newB.Importance = widget.HighImportance
	tools := container.NewGridWithColumns(7,
		newB,
		mk("import", "导入任务…", theme.UploadIcon(), s.importTasks),
		mk("report", "报送…", theme.MailSendIcon(), func() { s.act(data.StepReport) }),
		mk("pass", "通过…", theme.ConfirmIcon(), func() { s.act(data.StepPass) }),
		mk("return", "退回…", theme.MailReplyIcon(), func() { s.act(data.StepReturn) }),
		mk("supervise", "督办…", theme.WarningIcon(), func() { s.act(data.StepSupervise) }),
		mk("print", "打印台账", theme.DocumentPrintIcon(), s.printTasks),
	)
	split := container.NewVSplit(s.taskTable, container.NewVScroll(s.taskInfo))
	split.Offset = 0.7
	s.taskTab = container.NewBorder(container.NewVBox(tools, s.reminders), nil, nil, nil, split)
	return s.taskTab
}

func (s *assessScreen) loadTasks() {
	f := data.TaskFilter{Year: s.yearN(), WithSteps: true}
	if !s.role.Office {
		f.BranchID = s.role.BranchID
	}
	list, err := s.sh.store.Assignments(s.sh.ctx, f)
	if err != nil {
		s.sh.showError(err)
		return
	}
	s.tasks = list
	today := data.Today()
	rows := make([][]string, len(list))
	var overdue, soon []string
	for i, a := range list {
		status := a.Status
		switch {
		case a.Overdue(today):
			status = "逾期·" + a.Status
			overdue = append(overdue, fmt.Sprintf("%s：%s（%s 到期）", s.unitName(a.BranchID), a.Task.Title, a.Due))
		case a.DueSoon(today):
			status = "将到期·" + a.Status
			soon = append(soon, fmt.Sprintf("%s：%s（%s 到期）", s.unitName(a.BranchID), a.Task.Title, a.Due))
		}
		score := ""
		if a.Score != nil {
			score = a.Score.String()
		}
		rows[i] = []string{a.Task.Aspect, a.Task.Title, s.unitName(a.BranchID), a.Due.String(), a.Task.Points.String(), status, score}
	}
	s.taskTable.setRows(rows)
	var text []string
	if len(overdue) > 0 {
		text = append(text, fmt.Sprintf("⚠ 逾期未完成 %d 项：%s", len(overdue), strings.Join(firstN(overdue, 3), "；")))
	}
	if len(soon) > 0 {
		text = append(text, fmt.Sprintf("即将到期 %d 项：%s", len(soon), strings.Join(firstN(soon, 3), "；")))
	}
	if len(list) == 0 {
		text = append(text, "本年度还没有督办任务。党总支办公室可“新增任务”或从 Excel“导入任务”（列：方面、任务、责任支部、完成时限、分值、要求）。")
	} else if len(text) == 0 {
		text = append(text, "没有逾期或即将到期的任务。")
	}
	s.reminders.SetText(strings.Join(text, "\n"))
	s.reminders.Importance = widget.MediumImportance
	if len(overdue) > 0 {
		s.reminders.Importance = widget.DangerImportance
	}
	// The reminder's height changes with its text: lay the tab out again.
	s.taskTab.Refresh()
	s.showTask()
}

func firstN(list []string, n int) []string {
	if len(list) > n {
		return append(append([]string{}, list[:n]...), fmt.Sprintf("等 %d 项", len(list)))
	}
	return list
}

func (s *assessScreen) selectedTask() (data.Assignment, bool) {
	i := s.taskTable.selected
	if i < 0 || i >= len(s.tasks) {
		return data.Assignment{}, false
	}
	return s.tasks[i], true
}

func (s *assessScreen) showTask() {
	a, ok := s.selectedTask()
	var allowed []string
	if ok {
		allowed = data.AllowedTaskActions(s.role, a, s.sh.store.Today())
	}
	for k, action := range map[string]string{"report": data.StepReport, "pass": data.StepPass, "return": data.StepReturn,
		"supervise": data.StepSupervise} {
		if b := s.taskBtns[k]; data.Has(allowed, action) {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if !ok {
		s.taskInfo.SetText("选择一项任务查看要求、完成情况和办理记录。")
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s｜%s\n责任支部：%s　完成时限：%s　分值：%s　状态：%s\n", a.Task.Aspect, a.Task.Title,
		s.unitName(a.BranchID), a.Due.Chinese(), a.Task.Points, a.Status)
	if a.Task.Requirement != "" {
		fmt.Fprintf(&b, "要求：%s\n", a.Task.Requirement)
	}
	if a.Progress != "" {
		fmt.Fprintf(&b, "完成情况：%s\n", a.Progress)
	}
	if a.Comment != "" {
		fmt.Fprintf(&b, "意见：%s\n", a.Comment)
	}
	if len(a.Steps) > 0 {
		b.WriteString("办理记录：\n")
		for _, st := range a.Steps {
			line := fmt.Sprintf("　%s %s %s", shortTime(st.At), st.Operator, st.Action)
			if !st.Due.IsZero() {
				line += "，新时限 " + st.Due.String()
			}
			if st.Score != nil {
				line += "，得分 " + data.Points(*st.Score).String()
			}
			if st.Text != "" {
				line += "：" + st.Text
			}
			b.WriteString(line + "\n")
		}
	}
	s.taskInfo.SetText(b.String())
}

// act opens the dialog of one step of the loop.
func (s *assessScreen) act(action string) *formDialog {
	a, ok := s.selectedTask()
	if !ok {
		return nil
	}
	sh := s.sh
	form := newFieldForm()
	text := widget.NewMultiLineEntry()
	text.SetMinRowsVisible(4)
	text.Wrapping = fyne.TextWrapWord
	score := widget.NewEntry()
	due := newDateEntry()
	intro := a.Task.Title + "（" + s.unitName(a.BranchID) + "）"
	switch action {
	case data.StepReport:
		text.SetText(a.Progress)
		form.add("text", "完成情况", text)
	case data.StepPass:
		score.SetText(a.Task.Points.String())
		form.add("score", fmt.Sprintf("得分（满分 %s）", a.Task.Points), score)
		form.add("text", "审核意见", text)
	case data.StepReturn:
		form.add("text", "退回意见", text)
	case data.StepSupervise:
		due.setDate(data.Today().AddDays(14))
		form.add("due", "新的完成时限 *", due)
		form.add("text", "督办意见", text)
	}
	return showFormDialog(sh.win, action, "确定", form, intro, func() error {
		var is data.Issues
		act := data.TaskAction{Action: action, Text: text.Text}
		if action == data.StepPass {
			p, err := data.ParsePoints(score.Text)
			if err != nil {
				is.Err("score", "%s", err.Error())
			}
			act.Score = p
		}
		if action == data.StepSupervise {
			act.Due = due.date("due", "完成时限", &is)
		}
		if err := is.AsError(); err != nil {
			return err
		}
		if _, err := sh.store.ActOnTask(sh.ctx, a.ID, s.role, act); err != nil {
			return err
		}
		sh.notify(fmt.Sprintf("%s：%s %s", action, s.unitName(a.BranchID), a.Task.Title))
		sel := s.taskTable.selected
		s.loadTasks()
		if sel >= 0 && sel < len(s.tasks) {
			s.taskTable.Select(widget.TableCellID{Row: sel, Col: 0})
		}
		return nil
	})
}

// editTask adds a task (office) with its responsible branches.
func (s *assessScreen) editTask(t data.Task) *aspectChoice {
	sh := s.sh
	form := newFieldForm()
	aspect := newAspectChoice(s.yearAspects(t.Year), t.Aspect)
	title := widget.NewEntry()
	title.SetText(t.Title)
	req := widget.NewMultiLineEntry()
	req.SetMinRowsVisible(3)
	req.SetText(t.Requirement)
	due := newDateEntry()
	due.setDate(t.Due)
	points := widget.NewEntry()
	points.SetText(t.Points.String())
	remind := widget.NewEntry()
	remind.SetText(strconv.Itoa(t.RemindDays))
	var names []string
	roots, _ := sh.store.OrgTree(sh.ctx)
	var ids []int64
	for _, r := range roots {
		for _, b := range r.Children {
			names = append(names, b.Unit.Name())
			ids = append(ids, b.Unit.ID)
		}
	}
	branches := widget.NewCheckGroup(names, nil)
	branches.Horizontal = true
	all := widget.NewButton("全部支部", func() { branches.SetSelected(names) })
	form.add("aspect", "方面 *", aspect.obj)
	form.add("title", "任务 *", title)
	form.add("requirement", "要求", req)
	form.add("due", "完成时限 *", due)
	form.add("points", "分值", points)
	form.add("remind_days", "提前提醒（天）", remind)
	form.add("branches", "责任支部 *", container.NewVBox(branches, container.NewHBox(all)))
	fd := showFormDialog(sh.win, "新增督办任务", "保存", form, "", func() error {
		var is data.Issues
		t.Aspect, t.Title, t.Requirement = aspect.value(), title.Text, req.Text
		t.Due = due.date("due", "完成时限", &is)
		p, err := data.ParsePoints(points.Text)
		if err != nil {
			is.Err("points", "%s", err.Error())
		}
		t.Points = p
		if n, err := strconv.Atoi(strings.TrimSpace(remind.Text)); err == nil {
			t.RemindDays = n
		} else {
			is.Err("remind_days", "请填写天数")
		}
		t.Branches = nil
		for i, n := range names {
			for _, sel := range branches.Selected {
				if sel == n {
					t.Branches = append(t.Branches, ids[i])
				}
			}
		}
		if err := is.AsError(); err != nil {
			check := t
			return withRules(err, data.CheckTask(&check))
		}
		if _, err := sh.store.SaveTask(sh.ctx, s.role, t); err != nil {
			return err
		}
		sh.notify("已保存任务：" + t.Title)
		s.loadTasks()
		return nil
	})
	aspect.onChange = fd.fit
	return aspect
}

// yearAspects are the 方面 of the year's tasks, in their order.
func (s *assessScreen) yearAspects(year int) []string {
	tasks, err := s.sh.store.Tasks(s.sh.ctx, year)
	if err != nil {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, t := range tasks {
		if a := strings.TrimSpace(t.Aspect); a != "" && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// newAspectLabel is the choice that opens a box for a 方面 not yet used.
const newAspectLabel = "（新的方面…）"

// aspectChoice picks a task's 方面 among the year's, so the same aspect is
// not typed in two ways and the 督办台账 groups tasks as meant; a new one
// is typed only after choosing 新的方面.
type aspectChoice struct {
	sel      *widget.Select
	entry    *widget.Entry
	obj      fyne.CanvasObject
	onChange func()
}

func newAspectChoice(aspects []string, current string) *aspectChoice {
	a := &aspectChoice{entry: widget.NewEntry()}
	a.entry.SetPlaceHolder("新方面的名称，如 基层组织建设")
	a.sel = newSelect(append(append([]string{}, aspects...), newAspectLabel), func(v string) {
		if v == newAspectLabel {
			a.entry.Show()
		} else {
			a.entry.Hide()
		}
		if a.onChange != nil {
			a.onChange()
		}
	})
	a.entry.Hide()
	known := false
	for _, x := range aspects {
		known = known || x == current
	}
	switch {
	case known:
		a.sel.SetSelected(current)
	case current != "" || len(aspects) == 0:
		a.sel.SetSelected(newAspectLabel)
		a.entry.SetText(current)
	}
	a.obj = container.NewVBox(a.sel, a.entry)
	return a
}

// value is the chosen or typed 方面.
func (a *aspectChoice) value() string {
	if a.sel.Selected == newAspectLabel {
		return strings.TrimSpace(a.entry.Text)
	}
	return a.sel.Selected
}

func (s *assessScreen) printTasks() {
	sh := s.sh
	if len(s.tasks) == 0 {
		sh.showHint("打印督办台账", "本年度还没有督办任务，没有可打印的内容。请先在“督办任务”中新建或导入任务。")
		return
	}
	o := jobs.Options{Year: s.yearN()}
	if !s.role.Office {
		o.BranchID = s.role.BranchID
	}
	sh.printJob(fmt.Sprintf("%d年度党建工作任务督办台账", o.Year), func(out string, p jobs.Progress) (jobs.Done, error) {
		o.Out = out
		return jobs.PrintTasks(sh.ctx, sh.store, o, p)
	})
}

// ---- 支部考评 ----

func (s *assessScreen) buildChecklist() fyne.CanvasObject {
	s.branch = newSelect(nil, func(string) { s.loadEvaluation() })
	s.itemTable = newTextTable([]string{"维度", "考评内容", "分值", "得分", "评分依据 / 说明"}, []float32{120, 260, 50, 50, 420})
	s.itemTable.OnSelect = func(int) { s.showItem() }
	s.itemInfo = widget.NewLabel("")
	s.itemInfo.Wrapping = fyne.TextWrapWord
	s.evalSum = widget.NewLabel("")
	s.evalSum.Wrapping = fyne.TextWrapWord
	s.closedLbl = widget.NewLabel("")
	s.closedLbl.Importance = widget.WarningImportance
	mk := func(key, label string, icon fyne.Resource, fn func()) *widget.Button {
		b := widget.NewButtonWithIcon(label, icon, fn)
		s.itemBtns[key] = b
		return b
	}
	tools := container.NewHBox(widget.NewLabel("党支部"), sized(s.branch, 170),
		mk("evidence", "佐证说明…", theme.DocumentCreateIcon(), s.editEvidence),
		mk("score", "评分…", theme.ConfirmIcon(), s.scoreItem),
		mk("items", "编辑细则…", theme.SettingsIcon(), s.editItems),
		mk("close", "年度归档", theme.StorageIcon(), s.closeYear),
		mk("print", "打印考评表", theme.DocumentPrintIcon(), func() { s.printEvaluation(false) }),
		layout.NewSpacer())
	split := container.NewVSplit(s.itemTable, container.NewVScroll(s.itemInfo))
	split.Offset = 0.72
	return container.NewBorder(container.NewVBox(tools, s.evalSum, s.closedLbl), nil, nil, nil, split)
}

func (s *assessScreen) loadEvaluation() {
	i := s.branch.SelectedIndex()
	if i < 0 || i >= len(s.branchIDs) {
		return
	}
	evals, err := s.sh.store.Evaluate(s.sh.ctx, s.yearN(), []int64{s.branchIDs[i]})
	if err != nil || len(evals) == 0 {
		if err != nil {
			s.sh.showError(err)
		}
		return
	}
	ev := evals[0]
	s.eval = &ev
	rows := make([][]string, len(ev.Items))
	for j, it := range ev.Items {
		score := "待评"
		if it.Scored {
			score = it.Score.String()
		}
		why := it.Reason
		if it.Auto {
			why = "【自动】" + why
		} else if it.Scored {
			why = "【" + it.ScoredBy + "评】" + why
		}
		dim := it.Item.Dimension
		if it.Item.Bonus {
			dim += "（加分）"
		}
		rows[j] = []string{dim, it.Item.Item, it.Item.Points.String(), score, why}
	}
	s.itemTable.setRows(rows)
	var dims []string
	for _, d := range ev.Dimensions {
		dims = append(dims, d.Name+" "+data.ScorePair(d.Score, d.Max))
	}
	sum := fmt.Sprintf("%s：考评得分 %s", ev.Branch, data.ScorePair(ev.Score, ev.Max))
	if ev.Unscored > 0 {
		sum += fmt.Sprintf("（另有 %d 项待审核人评分）", ev.Unscored)
	}
	s.evalSum.SetText(sum + "\n" + strings.Join(dims, "　｜　"))
	closed, _ := s.sh.store.ChecklistClosed(s.sh.ctx, s.yearN())
	if closed {
		s.closedLbl.SetText(fmt.Sprintf("%d 年度考评已归档：细则和得分保持归档时的样子，不能再修改。", s.yearN()))
		s.closedLbl.Show()
	} else {
		s.closedLbl.Hide()
	}
	yearActs := data.AllowedChecklistActions(s.role, nil, closed)
	for k, action := range map[string]string{"items": data.ChecklistEdit, "close": data.ChecklistClose} {
		if data.Has(yearActs, action) {
			s.itemBtns[k].Show()
		} else {
			s.itemBtns[k].Hide()
		}
	}
	s.showItem()
}

func (s *assessScreen) selectedItem() (data.ItemScore, bool) {
	if s.eval == nil {
		return data.ItemScore{}, false
	}
	i := s.itemTable.selected
	if i < 0 || i >= len(s.eval.Items) {
		return data.ItemScore{}, false
	}
	return s.eval.Items[i], true
}

func (s *assessScreen) showItem() {
	it, ok := s.selectedItem()
	closed, _ := s.sh.store.ChecklistClosed(s.sh.ctx, s.yearN())
	var allowed []string
	if ok {
		allowed = data.AllowedChecklistActions(s.role, &it, closed)
	}
	for key, action := range map[string]string{"evidence": data.ChecklistEvidence, "score": data.ChecklistScore} {
		if data.Has(allowed, action) {
			s.itemBtns[key].Enable()
		} else {
			s.itemBtns[key].Disable()
		}
	}
	if !ok {
		s.itemInfo.SetText("选择一项查看评分依据。自动项按会议、党员、组织记录计算；其余项由支部填写佐证说明，党总支评分。")
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s｜%s（%s 分）\n应提供的佐证：%s\n", it.Item.Dimension, it.Item.Item, it.Item.Points, it.Item.Evidence)
	if it.Item.Rule != "" {
		fmt.Fprintf(&b, "自动评分规则：%s\n", data.AutoRuleLabel(it.Item.Rule))
	}
	if it.Scored {
		fmt.Fprintf(&b, "得分：%s　依据：%s\n", it.Score, it.Reason)
	}
	if it.Evidence != "" {
		fmt.Fprintf(&b, "支部佐证说明：%s\n", it.Evidence)
	}
	if it.Comment != "" && !it.Auto {
		fmt.Fprintf(&b, "审核意见（%s）：%s\n", it.ScoredBy, it.Comment)
	}
	if s.eval != nil {
		atts, err := s.sh.store.ChecklistAttachments(s.sh.ctx, it.Item.ID, it.BranchID)
		if err != nil {
			fmt.Fprintf(&b, "附件：无法读取（%s）\n", err)
		}
		for _, a := range atts {
			fmt.Fprintf(&b, "附件：%s\n", a.FileName)
		}
	}
	s.itemInfo.SetText(b.String())
}

func (s *assessScreen) editEvidence() {
	it, ok := s.selectedItem()
	if !ok {
		return
	}
	sh := s.sh
	form := newFieldForm()
	note := widget.NewMultiLineEntry()
	note.SetMinRowsVisible(4)
	note.Wrapping = fyne.TextWrapWord
	note.SetText(it.Evidence)
	form.add("evidence", "佐证说明", note)
	attach := widget.NewButton("添加附件…", func() {
		sh.chooseOpen(fileChoice{title: "添加佐证附件"}, func(path string) {
			if _, err := sh.store.AddChecklistAttachment(sh.ctx, s.role, it.Item.ID, it.BranchID, path); err != nil {
				sh.showError(err)
				return
			}
			sh.notify("已添加佐证附件")
			s.showItem()
		})
	})
	form.add("attachments", "附件", attach)
	showFormDialog(sh.win, "佐证说明 — "+it.Item.Item, "保存", form, "应提供："+it.Item.Evidence, func() error {
		if err := sh.store.SetEvidence(sh.ctx, s.role, it.Item.ID, it.BranchID, note.Text); err != nil {
			return err
		}
		s.reloadKeepItem()
		return nil
	})
}

func (s *assessScreen) scoreItem() {
	it, ok := s.selectedItem()
	if !ok {
		return
	}
	sh := s.sh
	form := newFieldForm()
	score := widget.NewEntry()
	if it.Scored {
		score.SetText(it.Score.String())
	}
	comment := widget.NewMultiLineEntry()
	comment.SetMinRowsVisible(3)
	comment.SetText(it.Comment)
	form.add("score", fmt.Sprintf("得分（0 至 %s）", it.Item.Points), score)
	form.add("comment", "评分说明", comment)
	intro := "支部佐证说明：" + orNone(it.Evidence)
	showFormDialog(sh.win, "评分 — "+it.Item.Item, "保存", form, intro, func() error {
		p, err := data.ParsePoints(score.Text)
		if err != nil {
			return &data.ValidationError{Errors: []data.FieldIssue{{Field: "score", Msg: err.Error()}}}
		}
		if err := sh.store.SetManualScore(sh.ctx, s.role, it.Item.ID, it.BranchID, p, comment.Text); err != nil {
			return err
		}
		s.reloadKeepItem()
		return nil
	})
}

func (s *assessScreen) reloadKeepItem() {
	sel := s.itemTable.selected
	s.loadEvaluation()
	if sel >= 0 {
		s.itemTable.Select(widget.TableCellID{Row: sel, Col: 0})
	}
}

// editItems lists the year's checklist items for the office to edit.
func (s *assessScreen) editItems() {
	sh := s.sh
	year := s.yearN()
	t := newTextTable([]string{"维度", "考评内容", "分值", "自动评分"}, []float32{130, 300, 50, 170})
	var items []data.ChecklistItem
	load := func() {
		items, _ = sh.store.ChecklistItems(sh.ctx, year)
		rows := make([][]string, len(items))
		for i, it := range items {
			rows[i] = []string{it.Dimension, it.Item, it.Points.String(), data.AutoRuleLabel(it.Rule)}
		}
		t.setRows(rows)
	}
	load()
	var d *dialog.CustomDialog
	add := widget.NewButton("新增", func() { s.editItem(data.ChecklistItem{Year: year, SortOrder: len(items)}, load) })
	edit := widget.NewButton("修改", func() {
		if t.selected >= 0 {
			s.editItem(items[t.selected], load)
		}
	})
	del := widget.NewButton("删除", func() {
		if t.selected < 0 {
			return
		}
		it := items[t.selected]
		dialog.ShowConfirm("删除细则", "确定删除“"+it.Item+"”吗？", func(ok bool) {
			if ok {
				if err := sh.store.DeleteChecklistItem(sh.ctx, s.role, it.ID); err != nil {
					sh.showError(err)
				}
				load()
			}
		}, sh.win)
	})
	closeBt := widget.NewButton("关闭", func() {
		d.Hide()
		s.loadEvaluation()
	})
	intro := widget.NewLabel(fmt.Sprintf("%d 年度考评细则。修改只影响本年度，往年已有的细则和得分不变。", year))
	d = dialog.NewCustomWithoutButtons("编辑考评细则", container.NewBorder(intro, container.NewHBox(add, edit, del, layout.NewSpacer(), closeBt), nil, nil, t), sh.win)
	d.Resize(fyne.NewSize(760, 560))
	d.Show()
}

func (s *assessScreen) editItem(it data.ChecklistItem, done func()) {
	sh := s.sh
	form := newFieldForm()
	dim := widget.NewSelectEntry([]string{"组织设置与班子建设", "组织生活", "党员队伍", "制度建设与台账", "阵地建设", "工作保障", "加分项"})
	dim.SetText(it.Dimension)
	item := widget.NewEntry()
	item.SetText(it.Item)
	points := widget.NewEntry()
	points.SetText(it.Points.String())
	evidence := widget.NewEntry()
	evidence.SetText(it.Evidence)
	ruleNames := []string{"（人工评分）"}
	ruleKeys := []string{""}
	for _, r := range data.AutoRules() {
		ruleKeys = append(ruleKeys, r[0])
		ruleNames = append(ruleNames, r[1])
	}
	rule := newSelect(ruleNames, nil)
	rule.SetSelectedIndex(0)
	for i, k := range ruleKeys {
		if k == it.Rule {
			rule.SetSelectedIndex(i)
		}
	}
	bonus := widget.NewCheck("加分项（不计入满分）", nil)
	bonus.SetChecked(it.Bonus)
	form.add("dimension", "维度 *", dim)
	form.add("item", "考评内容 *", item)
	form.add("points", "分值", points)
	form.add("evidence", "佐证材料", evidence)
	form.add("rule", "自动评分", rule)
	form.add("bonus", "", bonus)
	showFormDialog(sh.win, "考评细则", "保存", form, "", func() error {
		p, err := data.ParsePoints(points.Text)
		if err != nil {
			return &data.ValidationError{Errors: []data.FieldIssue{{Field: "points", Msg: err.Error()}}}
		}
		it.Dimension, it.Item, it.Points, it.Evidence, it.Bonus = dim.Text, item.Text, p, evidence.Text, bonus.Checked
		it.Rule = ruleKeys[max(rule.SelectedIndex(), 0)]
		if _, err := sh.store.SaveChecklistItem(sh.ctx, s.role, it); err != nil {
			return err
		}
		done()
		return nil
	})
}

func (s *assessScreen) closeYear() {
	year := s.yearN()
	msg := fmt.Sprintf("归档 %d 年度考评后，细则和各支部得分（含自动评分）按当前结果固定，不能再修改。确定归档吗？", year)
	dialog.ShowConfirm("年度归档", msg, func(ok bool) {
		if !ok {
			return
		}
		if err := s.sh.store.CloseYear(s.sh.ctx, s.role, year); err != nil {
			s.sh.showError(err)
			return
		}
		s.sh.notify(fmt.Sprintf("%d 年度考评已归档", year))
		s.loadEvaluation()
	}, s.sh.win)
}

func (s *assessScreen) printEvaluation(ranking bool) {
	sh := s.sh
	o := jobs.Options{Year: s.yearN()}
	if !ranking {
		if i := s.branch.SelectedIndex(); i >= 0 && i < len(s.branchIDs) {
			o.BranchID = s.branchIDs[i]
		}
	}
	name := fmt.Sprintf("%d年度标准化党支部考评表", o.Year)
	if ranking {
		name = fmt.Sprintf("%d年度标准化党支部建设考评结果", o.Year)
	}
	sh.printJob(name, func(out string, p jobs.Progress) (jobs.Done, error) {
		o.Out = out
		return jobs.PrintChecklist(sh.ctx, sh.store, o, ranking, p)
	})
}

// ---- 排名 ----

func (s *assessScreen) buildRanking() fyne.CanvasObject {
	s.rankTable = newTextTable([]string{"名次", "党支部", "考评得分", "任务得分", "总分", "待评项", "未结任务"},
		[]float32{50, 130, 90, 90, 95, 60, 84})
	s.chart = canvas.NewImageFromResource(nil)
	s.chart.FillMode = canvas.ImageFillContain
	s.chart.SetMinSize(fyne.NewSize(420, 260))
	printBt := widget.NewButtonWithIcon("打印考评结果（含图表）", theme.DocumentPrintIcon(), func() { s.printEvaluation(true) })
	note := widget.NewLabel("总分 = 标准化考评得分 + 督办任务得分；总分相同的名次并列。")
	split := container.NewHSplit(s.rankTable, s.chart)
	split.Offset = 0.6
	return container.NewBorder(container.NewHBox(printBt, note), nil, nil, nil, split)
}

func (s *assessScreen) loadRanking() {
	scores, err := s.sh.store.Scores(s.sh.ctx, s.yearN())
	if err != nil {
		s.sh.showError(err)
		return
	}
	s.scores = scores
	rows := make([][]string, len(scores))
	bars := make([]report.Bar, len(scores))
	for i, sc := range scores {
		rows[i] = []string{strconv.Itoa(sc.Rank), sc.Branch, data.ScorePair(sc.Checklist, sc.ChecklistMax),
			data.ScorePair(sc.Tasks, sc.TasksMax), data.ScorePair(sc.Total, sc.Max), strconv.Itoa(sc.Unscored), strconv.Itoa(sc.OpenTasks)}
		bars[i] = report.Bar{Label: sc.Branch, Value: float64(sc.Total) / 10, Max: float64(sc.Max) / 10, Highlight: sc.Rank == 1}
	}
	s.rankTable.setRows(rows)
	img, err := report.BarChart(bars, report.ChartOptions{Title: fmt.Sprintf("%d 年度各党支部总分", s.yearN()), Width: 900, Height: 560, Unit: "分"})
	if err == nil {
		s.chart.Image = img
		s.chart.Refresh()
	}
}

// importTasks loads the year's work plan from a spreadsheet, with a preview.
func (s *assessScreen) importTasks() {
	sh := s.sh
	year := s.yearN()
	sh.chooseOpen(fileChoice{title: "选择要导入的任务清单", kind: "Excel 或 CSV 表格", exts: []string{".xlsx", ".csv"}}, func(path string) {
		var book *sheet.Sheet
		var plan *workplan.Plan
		sh.runJob("读取任务清单", func(p jobs.Progress) (jobs.Done, error) {
			var err error
			book, plan, err = jobs.PreviewTasks(sh.ctx, sh.store, path, year, p)
			return jobs.Done{}, err
		}, func(jobs.Done) { s.previewTasks(path, book, plan, year) })
	})
}

func (s *assessScreen) previewTasks(path string, book *sheet.Sheet, p *workplan.Plan, year int) {
	sh := s.sh
	adds := newTextTable([]string{"行号", "方面", "任务", "责任支部", "完成时限", "分值"}, []float32{60, 110, 300, 200, 100, 50})
	var rows [][]string
	for _, a := range p.Adds {
		var names []string
		for _, b := range a.Task.Branches {
			names = append(names, s.unitName(b))
		}
		rows = append(rows, []string{fmt.Sprint(a.Row), a.Task.Aspect, a.Task.Title, strings.Join(names, "、"), a.Task.Due.String(), a.Task.Points.String()})
	}
	adds.setRows(rows)
	showImportPreview(sh.win, importPreview{
		title: "导入督办任务（预览，尚未写入）",
		summary: fmt.Sprintf("文件：%s（%d 年度）\n可导入 %d 项任务，已存在 %d 项，不能导入 %d 行。",
			filepath.Base(path), year, len(p.Adds), p.Existing, rejectedRows(p.Rejected)),
		adds: adds, nAdds: len(p.Adds), rejected: p.Rejected, warnings: p.Warnings, skipped: p.Skipped,
		apply: func(m sheet.Mode) {
			var res sheet.Result
			sh.runJob("正在导入督办任务", func(p jobs.Progress) (jobs.Done, error) {
				var err error
				if res, err = jobs.ApplyTasks(sh.ctx, sh.store, book, year, m, p); err != nil {
					return jobs.Done{}, fmt.Errorf("未导入任何任务：%w", err)
				}
				return jobs.Done{}, nil
			}, func(jobs.Done) {
				dialog.ShowInformation("导入完成", fmt.Sprintf("已导入 %d 项任务。", res.Imported), sh.win)
				s.loadTasks()
			})
		},
	})
}
