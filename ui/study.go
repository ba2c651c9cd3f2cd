package ui

// 学习积分: study records per branch and member — entered for a whole
// branch at once, generated from a recorded meeting's attendance, or
// imported from a 学习台账 — and the points rankings (综合排名, 学习排名)
// of a month, a year or all time, per branch or overall. A branch copy
// sees and records its own branch only.

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/data/sheet"
	"dangjian/data/studyimport"
	"dangjian/jobs"
)

type studyScreen struct {
	sh    *Shell
	role  data.Role
	units map[int64]string
	tree  []*data.OrgNode
	today data.Date
	quiet bool // no reloads while the choices are being set up

	branch    *widget.Select
	branchIDs []int64 // parallel to branch.Options; 0 = all
	year      *widget.Select
	month     *widget.Select
	tabs      *container.AppTabs

	recs    []data.StudyRecord
	list    *textTable
	sel     int // index in recs, -1 none
	total   *widget.Label
	ranks   data.Rankings
	rankGen int           // the last rankings asked for (loadRankings)
	rankMsg *widget.Label // 正在计算积分排名 while they load
	overall *textTable
	study   *textTable
	rules   *widget.Label

	addBt, meetingBt, importBt, delBt, printBt, rulesBt, activityBt *widget.Button

	batch    *studyBatchDialog   // the open 登记集中学习 dialog, for tests
	fromMtg  *studyMeetingDialog // the open 从会议记录生成 dialog, for tests
	quiz     quizTab
	rulesDlg *pointsRulesDialog // the open 积分规则 dialog, for tests
	actDlg   *activityDialog    // the open 讲党课/志愿服务 dialog, for tests

	obj fyne.CanvasObject
}

func newStudyScreen(sh *Shell) *studyScreen {
	s := &studyScreen{sh: sh, sel: -1}
	s.branch = newSelect(nil, func(string) { s.reload() })
	s.year = newSelect(nil, func(string) { s.periodChanged() })
	months := []string{"全年"}
	for m := 1; m <= 12; m++ {
		months = append(months, fmt.Sprintf("%d月", m))
	}
	s.month = newSelect(months, func(string) { s.reload() })

	s.list = newTextTable([]string{"日期", "姓名", "学习内容", "学时", "学习形式", "组织者", "来源"},
		[]float32{100, 70, 280, 50, 80, 120, 80})
	s.list.setFreeText(2)
	s.list.OnSelect = func(i int) { s.sel = i; s.updateButtons() }
	s.total = widget.NewLabel("")
	s.addBt = widget.NewButtonWithIcon("登记集中学习", theme.ContentAddIcon(), func() { s.openBatch() })
	s.addBt.Importance = widget.HighImportance
	s.meetingBt = widget.NewButtonWithIcon("从会议记录生成", theme.ListIcon(), func() { s.openFromMeeting() })
	s.importBt = widget.NewButtonWithIcon("导入学习台账", theme.UploadIcon(), func() { s.importLedger() })
	s.delBt = widget.NewButtonWithIcon("删除记录", theme.DeleteIcon(), func() { s.deleteRecord() })
	s.printBt = widget.NewButtonWithIcon("打印", theme.DocumentPrintIcon(), func() { s.print() })
	s.activityBt = widget.NewButtonWithIcon("登记讲党课、志愿服务", theme.ContentAddIcon(), func() { s.openActivity() })
	s.rulesBt = widget.NewButtonWithIcon("积分规则", theme.SettingsIcon(), func() { s.openRules() })
	recTools := container.NewHBox(s.addBt, s.meetingBt, s.activityBt, s.importBt, s.delBt)
	recTab := container.NewBorder(container.NewVBox(recTools, s.total), nil, nil, nil, s.list)

	s.overall = newTextTable([]string{"名次", "姓名", "党支部", "积分"}, []float32{50, 80, 160, 70})
	s.study = newTextTable([]string{"名次", "姓名", "党支部", "学习积分", "学时"}, []float32{50, 80, 160, 80, 60})
	s.rules = widget.NewLabel("")
	s.rules.Wrapping = fyne.TextWrapWord
	left := container.NewBorder(bold("综合排名（全部积分）"), nil, nil, nil, s.overall)
	right := container.NewBorder(bold("学习排名（学习学时和知识竞赛积分）"), nil, nil, nil, s.study)
	split := container.NewHSplit(left, right)
	split.Offset = 0.5
	s.rankMsg = widget.NewLabel("")
	s.rankMsg.Hide()
	rankTab := container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, s.rulesBt, s.rules), s.rankMsg), nil, nil, nil, split)

	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("学习记录", theme.DocumentIcon(), recTab),
		container.NewTabItemWithIcon("积分排名", theme.GridIcon(), rankTab),
		container.NewTabItemWithIcon("知识竞赛", theme.QuestionIcon(), s.buildQuiz()),
	)
	s.tabs.OnSelected = func(*container.TabItem) { s.updateButtons() }
	bar := container.NewHBox(widget.NewLabel("党支部"), sized(s.branch, 220), widget.NewLabel("期间"), sized(s.year, 130),
		sized(s.month, 100), s.printBt)
	s.obj = container.NewBorder(bar, nil, nil, nil, s.tabs)
	return s
}

func bold(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func (s *studyScreen) title() string             { return "学习积分" }
func (s *studyScreen) icon() fyne.Resource       { return theme.DocumentIcon() }
func (s *studyScreen) object() fyne.CanvasObject { return s.obj }

func (s *studyScreen) shown() {
	ctx := s.sh.ctx
	s.units, _ = s.sh.store.UnitNames(ctx)
	s.role = s.sh.store.Role(ctx)
	s.today = s.sh.store.Today()
	s.tree, _ = s.sh.store.OrgStructure(ctx)
	var names []string
	s.branchIDs = nil
	if s.role.Office {
		names, s.branchIDs = []string{"全部党支部"}, []int64{0}
	}
	for _, r := range s.tree {
		for _, b := range r.Children {
			if b.Unit.Level != data.LevelBranch || (!s.role.Office && b.Unit.ID != s.role.BranchID) {
				continue
			}
			names = append(names, b.Unit.Name())
			s.branchIDs = append(s.branchIDs, b.Unit.ID)
		}
	}
	years := []string{"全部时间"}
	for y := s.today.Y; y > s.today.Y-6; y-- {
		years = append(years, fmt.Sprintf("%d年", y))
	}
	if len(s.year.Options) == 0 {
		// Chosen without a reload each: the branch choice below reloads once.
		s.quiet = true
		s.year.Options = years
		s.year.SetSelected(years[1]) // this year
		s.month.SetSelected("全年")
		s.quiet = false
	}
	for _, b := range []*widget.Button{s.importBt, s.rulesBt} {
		if s.role.Office {
			b.Show()
		} else {
			b.Hide()
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
}

// branchID is the chosen branch (0: all, office only).
func (s *studyScreen) branchID() int64 {
	if i := s.branch.SelectedIndex(); i >= 0 && i < len(s.branchIDs) {
		return s.branchIDs[i]
	}
	if !s.role.Office {
		return s.role.BranchID
	}
	return 0
}

// period is the chosen month, year or all time.
func (s *studyScreen) period() data.RankPeriod {
	y, err := strconv.Atoi(strings.TrimSuffix(s.year.Selected, "年"))
	if err != nil {
		return data.RankPeriod{}
	}
	m, _ := strconv.Atoi(strings.TrimSuffix(s.month.Selected, "月"))
	return data.RankPeriod{Year: y, Month: m}
}

func (s *studyScreen) periodChanged() {
	if s.period().Year == 0 {
		s.month.Selected = "全年"
		s.month.Refresh()
		s.month.Disable()
	} else {
		s.month.Enable()
	}
	s.reload()
}

func (s *studyScreen) reload() {
	if s.units == nil || s.quiet {
		return
	}
	ctx := s.sh.ctx
	from, to := s.period().Span()
	recs, err := s.sh.store.StudyRecords(ctx, data.StudyFilter{BranchID: s.branchID(), From: from, To: to})
	if err != nil {
		s.sh.showError(err)
		return
	}
	s.recs = recs
	rows := make([][]string, len(recs))
	var hours data.Hours
	members := map[int64]bool{}
	for i, r := range recs {
		rows[i] = []string{r.Date.String(), r.Name, r.Content, r.Hours.String(), r.Form, r.Organiser, data.SourceLabel(r.Source)}
		hours += r.Hours
		members[r.MemberID] = true
	}
	s.list.setRows(rows)
	s.list.UnselectAll()
	s.sel = -1
	s.total.SetText(fmt.Sprintf("%s：学习记录 %d 条，%d 名党员，合计 %s 学时。", s.period(), len(recs), len(members), hours))

	s.loadRankings()
	s.loadQuiz()
	rules, err := s.sh.store.PointsRules(ctx)
	if err == nil {
		s.rules.SetText("积分规则：" + data.RulesText(rules) + "。积分相同的名次并列；已转出、停止党籍等不在册的党员不参加排名，其记录保留。")
	}
	s.updateButtons()
}

// loadRankings ranks every member on the roster in the background (at
// 100,000 members it takes a good part of a second): the screen shows at
// once, the rankings when they are ready, unless the choice moved on.
func (s *studyScreen) loadRankings() {
	ctx, period, branch := s.sh.ctx, s.period(), s.branchID()
	s.rankGen++
	gen := s.rankGen
	s.ranks = data.Rankings{}
	s.overall.setRows(nil)
	s.study.setRows(nil)
	s.rankMsg.SetText("正在计算积分排名……")
	s.rankMsg.Show()
	s.sh.background(func() {
		ranks, err := s.sh.store.Rankings(ctx, period, branch)
		var ov, st [][]string
		if err == nil {
			ov = make([][]string, len(ranks.Overall))
			for i, r := range ranks.Overall {
				ov[i] = []string{strconv.Itoa(r.Rank), r.Name, r.Branch, r.Points.String()}
			}
			st = make([][]string, len(ranks.Study))
			for i, r := range ranks.Study {
				st[i] = []string{strconv.Itoa(r.Rank), r.Name, r.Branch, r.Points.String(), r.Hours.String()}
			}
		}
		fyne.Do(func() {
			if gen != s.rankGen {
				return
			}
			if err != nil {
				s.rankMsg.SetText("")
				s.rankMsg.Hide()
				s.sh.readFailed(err, "积分排名")
				return
			}
			s.ranks = ranks
			s.overall.setRows(ov)
			s.study.setRows(st)
			s.rankMsg.Hide()
		})
	})
}

func (s *studyScreen) updateButtons() {
	if s.sel >= 0 && s.sel < len(s.recs) && s.role.OwnBranch(s.recs[s.sel].BranchID, "") == nil {
		s.delBt.Enable()
	} else {
		s.delBt.Disable()
	}
	if s.tabs.SelectedIndex() == 1 {
		s.printBt.SetText("打印积分排名")
	} else if s.sel >= 0 && s.sel < len(s.recs) {
		s.printBt.SetText("打印" + s.recs[s.sel].Name + "的学习档案")
	} else {
		s.printBt.SetText("打印积分排名")
	}
}

// branchUnits are the chosen branch and its groups (nil: all).
func (s *studyScreen) branchUnits() []int64 {
	id := s.branchID()
	if id == 0 {
		return nil
	}
	ids := []int64{id}
	for _, r := range s.tree {
		for _, b := range r.Children {
			if b.Unit.ID == id {
				for _, g := range b.Children {
					ids = append(ids, g.Unit.ID)
				}
			}
		}
	}
	return ids
}

// needBranch tells the office to choose a branch first.
func (s *studyScreen) needBranch() bool {
	if s.branchID() != 0 {
		return false
	}
	dialog.ShowInformation("请选择党支部", "请先在上方选择一个党支部，再为它的党员登记学习。", s.sh.win)
	return true
}

// ---- 登记集中学习: one study for several members of the branch ----

type studyBatchDialog struct {
	fd        *formDialog
	form      *fieldForm
	date      *dateEntry
	content   *widget.Entry
	hours     *widget.Entry
	form_     *widget.Select
	organiser *widget.Entry
	people    *memberPicker
	ids       map[string]int64 // check label → member
}

func (s *studyScreen) openBatch() {
	if s.needBranch() {
		return
	}
	ms, err := s.sh.store.Members(s.sh.ctx, data.MemberFilter{Roster: data.RosterActive, BranchID: s.branchID()})
	if err != nil {
		s.sh.showError(err)
		return
	}
	d := &studyBatchDialog{form: newFieldForm(), date: newDateEntry(), content: widget.NewEntry(), hours: widget.NewEntry(),
		form_: newSelect(data.StudyForms, nil), organiser: widget.NewEntry(), ids: map[string]int64{}}
	d.date.setDate(s.today)
	d.hours.SetText("2")
	d.form_.SetSelected(data.StudyGroup)
	d.organiser.SetText(s.units[s.branchID()])
	d.content.SetPlaceHolder("如：学习《中国共产党章程》")
	var labels []string
	for _, m := range ms {
		label := m.Name
		if _, dup := d.ids[label]; dup {
			label = fmt.Sprintf("%s（%s）", m.Name, strings.TrimSpace(m.IDNumber[max(0, len(m.IDNumber)-4):]))
		}
		d.ids[label] = m.ID
		labels = append(labels, label)
	}
	d.people = newMemberPicker(labels)
	d.people.SetSelected(labels)
	all := widget.NewButton("全选", func() { d.people.SetSelected(labels) })
	none := widget.NewButton("全不选", func() { d.people.SetSelected(nil) })
	scroll := container.NewVScroll(d.people.box)
	scroll.SetMinSize(fyne.NewSize(480, 150))
	d.form.add("date", "学习日期", d.date)
	d.form.add("content", "学习内容", d.content)
	d.form.add("hours", "学时", d.hours)
	d.form.add("form", "学习形式", d.form_)
	d.form.add("organiser", "组织者", d.organiser)
	d.form.add("member_id", "参加党员", container.NewBorder(container.NewHBox(all, none), nil, nil, nil, scroll))
	s.batch = d
	d.fd = showFormDialog(s.sh.win, "登记集中学习（"+s.units[s.branchID()]+"）", "保存", d.form,
		"为勾选的党员各登记一条学习记录；未参加的请取消勾选。", func() error { return s.saveBatch(d) })
}

func (s *studyScreen) saveBatch(d *studyBatchDialog) error {
	var is data.Issues
	date := d.date.date("date", "学习日期", &is)
	hours, err := data.ParseHours(d.hours.Text)
	if err != nil {
		is.Err("hours", "%s", err.Error())
	}
	if err := is.AsError(); err != nil {
		return err
	}
	var ids []int64
	for _, l := range d.people.Selected() {
		ids = append(ids, d.ids[l])
	}
	r := data.StudyRecord{Date: date, Content: d.content.Text, Hours: hours, Form: d.form_.Selected, Organiser: d.organiser.Text}
	if len(ids) > 0 {
		// The record's own fields are checked once, before any member.
		r.MemberID = ids[0]
		if bad := data.ValidateStudy(r); len(bad) > 0 {
			return &data.ValidationError{Errors: bad}
		}
	}
	saved, err := s.sh.store.AddStudyForMembers(s.sh.ctx, s.role, r, ids)
	if err != nil {
		return err
	}
	s.reload()
	s.sh.notify(fmt.Sprintf("已为 %d 名党员登记学习记录。", len(saved)))
	return nil
}

// ---- 从会议记录生成 ----

type studyMeetingDialog struct {
	fd       *formDialog
	form     *fieldForm
	meeting  *widget.Select
	hours    *widget.Entry
	meetings []data.Meeting
}

func (s *studyScreen) openFromMeeting() {
	ctx := s.sh.ctx
	from, to := s.period().Span()
	ms, err := s.sh.store.Meetings(ctx, data.MeetingFilter{UnitIDs: s.branchUnits(), From: from, To: to, WithRows: true})
	if err != nil {
		s.sh.showError(err)
		return
	}
	d := &studyMeetingDialog{form: newFieldForm(), hours: widget.NewEntry()}
	var labels []string
	for _, m := range ms {
		present := 0
		for _, a := range m.Attendance {
			if a.State == data.Present && a.MemberID != 0 {
				present++
			}
		}
		if present == 0 || (!s.role.Office && s.sh.store.BranchOf(ctx, m.UnitID) != s.role.BranchID) {
			continue
		}
		d.meetings = append(d.meetings, m)
		labels = append(labels, fmt.Sprintf("%s %s %s（%s，出席 %d 人）", m.Date, m.Kind, sheet.Clip(m.Topic, 18), s.units[m.UnitID], present))
	}
	if len(labels) == 0 {
		dialog.ShowInformation("从会议记录生成", s.period().String()+"没有登记了出席人员的会议记录。请先在“三会一课”中记录会议和出席情况，或换一个期间。", s.sh.win)
		return
	}
	d.meeting = newSelect(labels, func(string) {
		if i := d.meeting.SelectedIndex(); i >= 0 {
			d.hours.SetText(data.StudyHoursOfMeeting(d.meetings[i].Kind).String())
		}
	})
	d.hours.SetText("1")
	d.form.add("meeting", "会议记录", d.meeting)
	d.form.add("hours", "学时", d.hours)
	s.fromMtg = d
	d.fd = showFormDialog(s.sh.win, "从会议记录生成学习记录", "生成", d.form,
		"为所选会议的每名出席党员登记一条学习记录（日期、内容取自会议记录；党课记为“党课”，其他会议记为“集中学习”）。已生成过的不会重复登记。",
		func() error { return s.saveFromMeeting(d) })
}

func (s *studyScreen) saveFromMeeting(d *studyMeetingDialog) error {
	i := d.meeting.SelectedIndex()
	if i < 0 {
		return &data.ValidationError{Errors: []data.FieldIssue{{Field: "meeting", Msg: "请选择会议记录"}}}
	}
	hours, err := data.ParseHours(d.hours.Text)
	if err != nil {
		return &data.ValidationError{Errors: []data.FieldIssue{{Field: "hours", Msg: err.Error()}}}
	}
	added, err := s.sh.store.StudyFromMeeting(s.sh.ctx, s.role, d.meetings[i].ID, hours)
	if err != nil {
		return err
	}
	s.reload()
	if len(added) == 0 {
		s.sh.notify("该会议的出席党员都已有这次会议的学习记录，没有新增。")
	} else {
		s.sh.notify(fmt.Sprintf("已为 %d 名出席党员生成学习记录。", len(added)))
	}
	return nil
}

// ---- delete, import, print ----

func (s *studyScreen) deleteRecord() {
	if s.sel < 0 || s.sel >= len(s.recs) {
		return
	}
	r := s.recs[s.sel]
	dialog.ShowConfirm("删除学习记录", fmt.Sprintf("删除%s %s 的学习记录“%s”？删除会记入操作日志。", r.Name, r.Date, sheet.Clip(r.Content, 20)),
		func(ok bool) {
			if !ok {
				return
			}
			if err := s.sh.store.DeleteStudyRecord(s.sh.ctx, s.role, r.ID); err != nil {
				s.sh.showError(err)
				return
			}
			s.reload()
		}, s.sh.win)
}

func (s *studyScreen) importLedger() { chooseSheet(s.sh, s.previewImport) }

// chooseSheet asks for an .xlsx or .csv file and hands its path on.
func chooseSheet(sh *Shell, then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		then(path)
	}, sh.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv", ".XLSX", ".CSV"}))
	setStartFolder(d, "")
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

func (s *studyScreen) previewImport(path string) {
	sh := s.sh
	var book *sheet.Sheet
	var p *studyimport.Plan
	sh.runJob("读取学习台账 "+filepath.Base(path), func(pr jobs.Progress) (jobs.Done, error) {
		var err error
		book, p, err = jobs.PreviewStudy(sh.ctx, sh.store, path, pr)
		return jobs.Done{}, err
	}, func(jobs.Done) { s.showPreview(path, book, p) })
}

func (s *studyScreen) showPreview(path string, book *sheet.Sheet, p *studyimport.Plan) {
	sh := s.sh
	adds := newTextTable([]string{"行号", "姓名", "学习日期", "学习内容", "学时", "学习形式"}, []float32{60, 80, 100, 260, 60, 90})
	var rows [][]string
	for _, a := range p.Adds {
		r := a.Record
		rows = append(rows, []string{strconv.Itoa(a.Row), r.Name, r.Date.String(), r.Content, r.Hours.String(), r.Form})
	}
	adds.setRows(rows)
	showImportPreview(sh.win, importPreview{
		title: "导入学习台账（预览，尚未写入）",
		summary: fmt.Sprintf("文件：%s\n可导入 %d 条，已存在 %d 条，不能导入 %d 行。按身份证号码（未填时按姓名）对应党员名册。",
			filepath.Base(path), len(p.Adds), p.Existing, p.RejectedRows()),
		adds: adds, nAdds: len(p.Adds), rejected: p.Rejected, warnings: p.Warnings, skipped: p.Skipped,
		apply: func(m sheet.Mode) {
			sh.applyImport("学习记录", func(pr jobs.Progress) (sheet.Result, error) {
				return jobs.ApplyStudy(sh.ctx, sh.store, book, m, pr)
			}, func(res sheet.Result) {
				dialog.ShowInformation("导入完成", fmt.Sprintf("已导入 %d 条学习记录。", res.Imported), sh.win)
				s.reload()
			})
		},
	})
}

// print prints the selected member's 学习档案 on the records tab, else the
// 积分排名 of the chosen branch (or all) and period.
func (s *studyScreen) print() {
	sh := s.sh
	if s.tabs.SelectedIndex() == 0 && s.sel >= 0 && s.sel < len(s.recs) {
		r := s.recs[s.sel]
		sh.printJob(r.Name+"-学习档案", func(out string, p jobs.Progress) (jobs.Done, error) {
			return jobs.PrintStudyFile(sh.ctx, sh.store, r.MemberID, out, p)
		})
		return
	}
	period, branch := s.period(), s.branchID()
	sh.printJob("积分排名-"+period.String(), func(out string, p jobs.Progress) (jobs.Done, error) {
		return jobs.PrintPointsRanking(sh.ctx, sh.store, period, branch, out, p)
	})
}

// tabsOf lets the shell open a tab by name ("学习积分/积分排名").
func (s *studyScreen) tabsOf() *container.AppTabs { return s.tabs }

// memberPicker is a wrapping grid of check boxes, one per member: a
// branch of forty fits in a few rows (a CheckGroup is one row or one column).
type memberPicker struct {
	labels []string
	checks []*widget.Check
	box    *fyne.Container
}

func newMemberPicker(labels []string) *memberPicker {
	p := &memberPicker{labels: labels}
	var objs []fyne.CanvasObject
	w := float32(0)
	for _, l := range labels {
		c := widget.NewCheck(l, nil)
		p.checks = append(p.checks, c)
		objs = append(objs, c)
		w = max(w, c.MinSize().Width)
	}
	p.box = container.NewGridWrap(fyne.NewSize(max(w, 90), widget.NewCheck("甲", nil).MinSize().Height), objs...)
	return p
}

// Selected lists the ticked labels in order.
func (p *memberPicker) Selected() []string {
	var out []string
	for i, c := range p.checks {
		if c.Checked {
			out = append(out, p.labels[i])
		}
	}
	return out
}

// SetSelected ticks exactly the labels given.
func (p *memberPicker) SetSelected(labels []string) {
	on := map[string]bool{}
	for _, l := range labels {
		on[l] = true
	}
	for i, c := range p.checks {
		c.SetChecked(on[p.labels[i]])
	}
}

// ---- 积分规则 (office only) ----

type pointsRulesDialog struct {
	fd     *formDialog
	form   *fieldForm
	kinds  []string
	points []*widget.Entry
	caps   []*widget.Entry
}

func (s *studyScreen) openRules() {
	rules, err := s.sh.store.PointsRules(s.sh.ctx)
	if err != nil {
		s.sh.showError(err)
		return
	}
	d := &pointsRulesDialog{form: newFieldForm()}
	for _, r := range rules {
		p, c := widget.NewEntry(), widget.NewEntry()
		p.SetText(r.Points.String())
		c.SetText(r.MonthlyCap.String())
		c.SetPlaceHolder("0 为不设上限")
		d.kinds, d.points, d.caps = append(d.kinds, r.Kind), append(d.points, p), append(d.caps, c)
		row := container.NewGridWithColumns(4, widget.NewLabel(data.PointsRuleUnit(r.Kind)), p, widget.NewLabel("分，每月至多"), c)
		d.form.add(r.Kind, data.PointsRuleLabel(r.Kind), row)
	}
	s.rulesDlg = d
	d.fd = showFormDialog(s.sh.win, "积分规则", "保存", d.form,
		"积分按规则从学习记录、会议出席和活动记录算出；修改规则后，各时期的积分和排名随之重算。每月上限为 0 表示不设上限。",
		func() error { return s.saveRules(d) })
}

func (s *studyScreen) saveRules(d *pointsRulesDialog) error {
	var is data.Issues
	var rules []data.PointsRule
	for i, k := range d.kinds {
		p, err := data.ParsePoints(d.points[i].Text)
		if err != nil {
			is.Err(k, "分值：%s", err.Error())
			continue
		}
		c := data.Points(0)
		if t := strings.TrimSpace(d.caps[i].Text); t != "" {
			if c, err = data.ParsePoints(t); err != nil {
				is.Err(k, "每月上限：%s", err.Error())
				continue
			}
		}
		rules = append(rules, data.PointsRule{Kind: k, Points: p, MonthlyCap: c})
	}
	if err := is.AsError(); err != nil {
		return err
	}
	if err := s.sh.store.SavePointsRules(s.sh.ctx, s.role, rules); err != nil {
		return err
	}
	s.reload()
	s.sh.notify("积分规则已保存，积分和排名已按新规则重算。")
	return nil
}

// ---- 讲党课, 志愿服务 ----

type activityDialog struct {
	fd      *formDialog
	form    *fieldForm
	member  *widget.Select
	ids     []int64
	kind    *widget.Select
	date    *dateEntry
	content *widget.Entry
	hours   *widget.Entry
}

func (s *studyScreen) openActivity() {
	if s.needBranch() {
		return
	}
	ms, err := s.sh.store.Members(s.sh.ctx, data.MemberFilter{Roster: data.RosterActive, BranchID: s.branchID()})
	if err != nil {
		s.sh.showError(err)
		return
	}
	d := &activityDialog{form: newFieldForm(), kind: newSelect(data.ActivityKinds, nil), date: newDateEntry(),
		content: widget.NewEntry(), hours: widget.NewEntry()}
	var names []string
	for _, m := range ms {
		names = append(names, m.Name)
		d.ids = append(d.ids, m.ID)
	}
	d.member = newSelect(names, nil)
	d.kind.OnChanged = func(k string) {
		if k == data.ActivityLesson {
			d.hours.Disable()
		} else {
			d.hours.Enable()
		}
	}
	d.kind.SetSelected(data.ActivityLesson)
	d.date.setDate(s.today)
	d.form.add("member_id", "党员", d.member)
	d.form.add("kind", "活动类型", d.kind)
	d.form.add("date", "日期", d.date)
	d.form.add("content", "内容", d.content)
	d.form.add("hours", "志愿服务时长（小时）", d.hours)
	s.actDlg = d
	d.fd = showFormDialog(s.sh.win, "登记讲党课、志愿服务（"+s.units[s.branchID()]+"）", "保存", d.form,
		"讲党课按次、志愿服务按小时计入综合积分（见“积分排名”中的积分规则）。", func() error { return s.saveActivity(d) })
}

func (s *studyScreen) saveActivity(d *activityDialog) error {
	var is data.Issues
	a := data.Activity{Kind: d.kind.Selected, Content: d.content.Text}
	if i := d.member.SelectedIndex(); i >= 0 {
		a.MemberID = d.ids[i]
	}
	a.Date = d.date.date("date", "日期", &is)
	if a.Kind == data.ActivityVolunteer {
		h, err := data.ParseHours(d.hours.Text)
		if err != nil {
			is.Err("hours", "%s", strings.ReplaceAll(err.Error(), "学时", "时长"))
		}
		a.Hours = h
	}
	if err := is.AsError(); err != nil {
		return err
	}
	if _, err := s.sh.store.SaveActivity(s.sh.ctx, s.role, a); err != nil {
		return err
	}
	s.reload()
	s.sh.notify("已登记" + d.member.Selected + "的" + a.Kind + "。")
	return nil
}
