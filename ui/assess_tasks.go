package ui

// 考评督办, tab 任务督办: the year's tasks through their closed loop.

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/jobs"
)

func (s *assessScreen) buildTasks() fyne.CanvasObject {
	s.reminders = widget.NewLabel("")
	s.reminders.Wrapping = fyne.TextWrapWord
	s.taskTable = newTextTable([]string{"方面", "任务", "责任支部", "完成时限", "分值", "状态", "得分"}, nil)
	// A title longer than the room left ends in an ellipsis (the pane
	// below shows it whole) rather than push 状态 and 得分 off screen.
	s.taskTable.setFreeText(1)
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
	today := s.sh.store.Today()
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
		due.setDate(s.sh.store.Today().AddDays(14))
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
	roots, err := sh.store.OrgStructure(sh.ctx)
	if sh.readFailed(err, "组织架构") {
		return nil
	}
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
