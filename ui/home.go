package ui

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

// homeScreen is 工作台, the first screen: who and what day it is, the
// counts that matter (each opening its list), the to-do list of every
// module grouped by urgency (each line opening its record), quick actions,
// and on an empty database the first steps to take. The header shows at
// once; counts and the list load in the background.
type homeScreen struct {
	sh *Shell

	today    *widget.Label
	who      *widget.Label
	backup   *widget.Label
	badge    *fyne.Container
	cards    *fyne.Container
	summary  *widget.Label
	list     *widget.List
	rows     []homeRow
	items    []data.TodoItem
	firstRun *fyne.Container
	body     *fyne.Container
	obj      fyne.CanvasObject

	gen      atomic.Int64 // the load in flight; older ones are dropped
	loading  sync.WaitGroup
	notified bool
}

// homeRow is a line of the to-do list: a group heading or an item.
type homeRow struct {
	heading string
	item    int // index in items when heading is ""
}

// homeCounts are the numbers of the cards, read in the background.
type homeCounts struct {
	stats    data.Stats
	meetings int
	open     int
	items    []data.TodoItem
	orgRoots int
	roleSet  bool
	err      error
}

func newHomeScreen(sh *Shell) *homeScreen {
	s := &homeScreen{sh: sh}
	s.today = widget.NewLabel("")
	s.today.TextStyle.Bold = true
	s.today.SizeName = theme.SizeNameSubHeadingText
	s.who = widget.NewLabel("")
	s.who.Truncation = fyne.TextTruncateEllipsis
	s.backup = widget.NewLabel("")
	badge := widget.NewLabelWithStyle("演示数据", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	badge.Importance = widget.WarningImportance
	s.badge = container.NewStack(canvas.NewRectangle(color.NRGBA{R: 0xff, G: 0xe8, B: 0xb0, A: 0xff}), badge)
	s.badge.Hide()
	head := container.NewBorder(nil, nil, s.today, container.NewHBox(s.badge, s.backup), s.who)

	s.cards = container.NewGridWithColumns(5)
	s.summary = widget.NewLabel("正在读取待办事项……")
	s.summary.TextStyle.Bold = true
	s.list = widget.NewList(func() int { return len(s.rows) }, s.newRow, s.updateRow)
	s.list.OnSelected = func(id widget.ListItemID) {
		s.list.UnselectAll()
		if id < 0 || id >= len(s.rows) || s.rows[id].heading != "" {
			return
		}
		s.sh.openRef(s.items[s.rows[id].item].Ref)
	}
	todo := container.NewBorder(s.summary, nil, nil, nil, s.list)

	s.firstRun = container.NewVBox()
	actions := s.quickActions()
	right := container.NewVBox(widget.NewLabelWithStyle("快捷操作", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), actions)
	s.body = container.NewBorder(nil, nil, nil, sized(right, 170), container.NewBorder(s.firstRun, nil, nil, nil, todo))
	s.obj = container.NewBorder(container.NewVBox(head, s.cards, widget.NewSeparator()), nil, nil, nil, s.body)
	return s
}

func (s *homeScreen) title() string             { return "工作台" }
func (s *homeScreen) icon() fyne.Resource       { return theme.HomeIcon() }
func (s *homeScreen) object() fyne.CanvasObject { return s.obj }

// shown draws the header at once and loads the rest in the background.
func (s *homeScreen) shown() {
	st := s.sh.store
	today := st.Today()
	s.today.SetText("今天是 " + today.Chinese() + " " + homeWeekday(today))
	names, err := st.UnitNames(s.sh.ctx)
	s.sh.readFailed(err, "组织名称")
	role := st.Role(s.sh.ctx)
	s.who.SetText("本机身份：" + role.Label(func(id int64) string { return names[id] }) + "　　操作员：" + s.sh.operatorText())
	s.backup.SetText(homeLastBackup(st, time.Now()))
	if v, err := st.Setting(s.sh.ctx, data.SettingOnboarded); err == nil && v == "demo" {
		s.badge.Show()
	} else {
		s.badge.Hide()
	}
	if len(s.cards.Objects) == 0 {
		s.setCards(nil)
	}
	gen := s.gen.Add(1)
	s.loading.Add(1)
	s.sh.background(func() {
		defer s.loading.Done()
		c := s.load(role, today)
		fyne.Do(func() {
			if s.gen.Load() != gen {
				return
			}
			s.show(c, role, today)
		})
	})
}

// load reads the counts and the to-do list (off the UI thread).
func (s *homeScreen) load(role data.Role, today data.Date) homeCounts {
	st, ctx := s.sh.store, s.sh.ctx
	var c homeCounts
	scope := int64(0)
	if !role.Office {
		scope = role.BranchID
	}
	if c.stats, c.err = st.Stats(ctx, data.StatsOptions{AsOf: today, BranchID: scope, NoScores: true}); c.err != nil {
		return c
	}
	f := data.MeetingFilter{From: data.NewDate(today.Y, 1, 1), To: today}
	if scope != 0 {
		f.UnitIDs = append([]int64{scope}, s.groupsOf(scope)...)
	}
	ms, err := st.Meetings(ctx, f)
	if c.err = err; err != nil {
		return c
	}
	c.meetings = len(ms)
	asg, err := st.Assignments(ctx, data.TaskFilter{Year: today.Y, BranchID: scope, Open: true})
	if c.err = err; err != nil {
		return c
	}
	c.open = len(asg)
	if c.items, c.err = st.Todo(ctx, role, today); c.err != nil {
		return c
	}
	roots, err := st.OrgStructure(ctx)
	if c.err = err; err != nil {
		return c
	}
	c.orgRoots = len(roots)
	v, _ := st.Setting(ctx, data.SettingRole)
	c.roleSet = v != ""
	return c
}

func (s *homeScreen) groupsOf(branch int64) []int64 {
	units, err := s.sh.store.OrgUnits(s.sh.ctx)
	if err != nil {
		return nil
	}
	var out []int64
	for _, u := range units {
		if u.ParentID == branch && u.Level == data.LevelGroup {
			out = append(out, u.ID)
		}
	}
	return out
}

// show puts the loaded numbers on screen (UI thread).
func (s *homeScreen) show(c homeCounts, role data.Role, today data.Date) {
	if c.err != nil {
		s.summary.SetText("读取待办事项时出错：" + c.err.Error())
		s.sh.readFailed(c.err, "工作台数据")
		return
	}
	s.setCards(&c)
	s.items = c.items
	s.rows = s.rows[:0]
	counts := data.CountBySeverity(c.items)
	last := ""
	for i, it := range c.items {
		if it.Severity != last {
			last = it.Severity
			s.rows = append(s.rows, homeRow{heading: fmt.Sprintf("%s（%d）", data.SeverityLabel(last), counts[last])})
		}
		s.rows = append(s.rows, homeRow{item: i})
	}
	s.list.Refresh()
	switch {
	case len(c.items) == 0:
		s.summary.SetText("待办事项：没有逾期或即将到期的事项。")
	default:
		s.summary.SetText(fmt.Sprintf("待办事项 %d 项：已逾期 %d，即将到期 %d，提示 %d（点击一行打开）", len(c.items),
			counts[data.SeverityOverdue], counts[data.SeveritySoon], counts[data.SeverityInfo]))
	}
	s.showFirstRun(c)
	if !s.notified {
		s.notified = true
		s.notifyOverdue(counts[data.SeverityOverdue], today)
	}
}

// notifyOverdue sends one desktop notification a day when something is overdue.
func (s *homeScreen) notifyOverdue(n int, today data.Date) {
	if n == 0 {
		return
	}
	prefs := s.sh.app.Preferences()
	const key = "home.notified_on"
	if prefs.String(key) == today.String() {
		return
	}
	prefs.SetString(key, today.String())
	s.sh.app.SendNotification(fyne.NewNotification("党建工作台", fmt.Sprintf("有 %d 项工作已逾期，请在“工作台”查看。", n)))
}

// setCards builds the count cards (c nil: placeholders while loading).
func (s *homeScreen) setCards(c *homeCounts) {
	val := func(f func(c *homeCounts) string) string {
		if c == nil {
			return "…"
		}
		return f(c)
	}
	cards := []fyne.CanvasObject{
		homeCard(val(func(c *homeCounts) string { return strconv.Itoa(c.stats.Org.Branches) }), "党支部", func() { s.sh.Show("组织架构") }),
		homeCard(val(func(c *homeCounts) string { return strconv.Itoa(c.stats.ByStanding.Of(data.StandingFull)) }), "正式党员",
			func() { s.sh.showMembersOf(data.StandingFull) }),
		homeCard(val(func(c *homeCounts) string { return strconv.Itoa(c.stats.ByStanding.Of(data.StandingProbationary)) }), "预备党员",
			func() { s.sh.showMembersOf(data.StandingProbationary) }),
		homeCard(val(func(c *homeCounts) string { return strconv.Itoa(c.meetings) }), "本年会议记录", func() { s.sh.Show("三会一课/会议记录") }),
		homeCard(val(func(c *homeCounts) string { return strconv.Itoa(c.open) }), "未办结督办任务", func() { s.sh.Show("考评督办/任务督办") }),
	}
	// Candidates appear once the 发展党员 module counts them.
	if c != nil && len(c.stats.ByStage) > 0 {
		n := 0
		for _, st := range c.stats.ByStage {
			if st.Label != data.StandingFull && st.Label != data.StandingProbationary {
				n += st.N
			}
		}
		cards = append(cards, homeCard(strconv.Itoa(n), "发展党员（在册档案）", func() { s.sh.Show("发展党员") }))
	}
	s.cards.Layout = layout.NewGridLayoutWithColumns(len(cards))
	s.cards.Objects = cards
	s.cards.Refresh()
}

// homeCard is a count with its caption that opens a list when clicked.
func homeCard(number, caption string, tap func()) fyne.CanvasObject {
	n := canvas.NewText(number, theme.Color(theme.ColorNamePrimary))
	n.TextSize = theme.TextSize() * 2
	n.TextStyle.Bold = true
	n.Alignment = fyne.TextAlignCenter
	l := widget.NewLabelWithStyle(caption, fyne.TextAlignCenter, fyne.TextStyle{})
	l.Truncation = fyne.TextTruncateEllipsis
	b := widget.NewButton("", tap)
	return container.NewStack(b, container.NewVBox(container.NewPadded(n), l))
}

func (s *homeScreen) newRow() fyne.CanvasObject {
	icon := widget.NewIcon(theme.WarningIcon())
	due := widget.NewLabel("2026-12-31")
	kind := widget.NewLabel("纪要审核")
	title := widget.NewLabel("")
	title.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, container.NewHBox(icon, due, sized(kind, 80)), nil, title)
}

func (s *homeScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.rows) {
		return
	}
	box := o.(*fyne.Container)
	title := box.Objects[0].(*widget.Label)
	left := box.Objects[1].(*fyne.Container)
	icon := left.Objects[0].(*widget.Icon)
	due := left.Objects[1].(*widget.Label)
	kind := left.Objects[2].(*fyne.Container).Objects[0].(*widget.Label)
	r := s.rows[id]
	if r.heading != "" {
		icon.SetResource(nil)
		due.SetText("")
		kind.SetText("")
		title.TextStyle.Bold = true
		title.Importance = widget.MediumImportance
		title.SetText(r.heading)
		relayout(left, box)
		return
	}
	it := s.items[r.item]
	switch it.Severity {
	case data.SeverityOverdue:
		icon.SetResource(theme.NewErrorThemedResource(theme.WarningIcon()))
		title.Importance = widget.DangerImportance
	case data.SeveritySoon:
		icon.SetResource(theme.NewWarningThemedResource(theme.HistoryIcon()))
		title.Importance = widget.WarningImportance
	default:
		icon.SetResource(theme.InfoIcon())
		title.Importance = widget.MediumImportance
	}
	due.SetText(it.Due.String())
	kind.SetText(data.TodoKindLabel(it.Kind))
	title.TextStyle.Bold = false
	branch := it.Branch
	if branch == "" {
		branch = "党总支"
	}
	title.SetText(branch + "　" + it.Title)
	relayout(left, box)
}

// relayout lays a recycled row out again: a heading's empty date and kind
// are narrower than an item's, and a row made for one and reused for the
// other otherwise keeps the old widths (its title drawn over the date).
func relayout(boxes ...*fyne.Container) {
	for _, b := range boxes {
		b.Refresh()
	}
}

// quickActions are the buttons for the everyday jobs, each reusing its
// screen's own function.
func (s *homeScreen) quickActions() fyne.CanvasObject {
	sh := s.sh
	btn := func(label string, icon fyne.Resource, fn func()) fyne.CanvasObject {
		b := widget.NewButtonWithIcon(label, icon, fn)
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	return container.NewVBox(
		btn("新建会议记录", theme.ContentAddIcon(), func() {
			if ms := screenOf[*meetingsScreen](sh); ms != nil && sh.Show("三会一课/会议记录") {
				sh.guard(ms.newMeeting, nil)
			}
		}),
		btn("新增党员", theme.AccountIcon(), func() {
			if ms := screenOf[*membersScreen](sh); ms != nil && sh.Show("党员档案") {
				sh.guard(ms.addNew, nil)
			}
		}),
		btn("导入花名册", theme.UploadIcon(), func() {
			if ms := screenOf[*membersScreen](sh); ms != nil && sh.Show("党员档案") {
				sh.guard(ms.importRoster, nil)
			}
		}),
		btn("打印花名册", theme.DocumentPrintIcon(), func() {
			if ms := screenOf[*membersScreen](sh); ms != nil && sh.Show("党员档案") {
				ms.printRoster()
			}
		}),
		btn("立即备份", theme.DownloadIcon(), func() {
			if ss := screenOf[*settingsScreen](sh); ss != nil && sh.Show("系统设置") {
				ss.backupNow()
			}
		}),
		btn("党内统计", theme.GridIcon(), func() { sh.Show("统计") }),
	)
}

// showFirstRun shows, on a database not yet set up, the steps to take,
// each ticked when done and opening where it is done.
func (s *homeScreen) showFirstRun(c homeCounts) {
	steps := []struct {
		label, screen string
		done          bool
	}{
		{"建立党总支", "组织架构", c.orgRoots > 0},
		{"新增党支部", "组织架构", c.stats.Org.Branches > 0},
		{"导入花名册", "党员档案", c.stats.Total > 0},
		{"设置本机身份（党总支办公室或某个党支部）", "系统设置", c.roleSet},
	}
	if steps[0].done && steps[1].done && steps[2].done {
		s.firstRun.Objects = nil
		s.firstRun.Refresh()
		return
	}
	objs := []fyne.CanvasObject{widget.NewLabelWithStyle("开始使用：按以下步骤建立数据", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	for i, st := range steps {
		mark := "○"
		if st.done {
			mark = "✓"
		}
		screen := st.screen
		b := widget.NewButton(fmt.Sprintf("%s  第%d步：%s", mark, i+1, st.label), func() {
			s.sh.Show(screen)
			if screen == "党员档案" {
				if ms := screenOf[*membersScreen](s.sh); ms != nil {
					s.sh.guard(ms.importRoster, nil)
				}
			}
		})
		b.Alignment = widget.ButtonAlignLeading
		if st.done {
			b.Importance = widget.LowImportance
		} else {
			b.Importance = widget.HighImportance
		}
		objs = append(objs, b)
	}
	objs = append(objs, widget.NewSeparator())
	s.firstRun.Objects = objs
	s.firstRun.Refresh()
}

// waitHome waits for the home screen's background load (tests: the load
// Create starts runs before they can make it synchronous).
func (sh *Shell) waitHome() {
	if h := screenOf[*homeScreen](sh); h != nil {
		h.loading.Wait()
	}
}

// screenOf finds the workbench's screen of type T.
func screenOf[T screen](sh *Shell) T {
	var zero T
	for _, sc := range sh.screens {
		if t, ok := sc.(T); ok {
			return t
		}
	}
	return zero
}

// showMembers opens 党员档案 listing the active members of one 党籍.
func (sh *Shell) showMembersOf(standing string) {
	ms := screenOf[*membersScreen](sh)
	if ms == nil || !sh.Show("党员档案") || sh.current != ms {
		return
	}
	ms.roster.SetSelected("在册党员")
	ms.standing.SetSelected(standing)
}

// openRef opens what a to-do item refers to: the record in its screen, or
// a screen with a filter. An unsaved edit on the way asks first; then the
// user clicks again.
func (sh *Shell) openRef(ref data.TodoRef) {
	switch ref.Entity {
	case data.EntityMeeting:
		if ms := screenOf[*meetingsScreen](sh); ms != nil && sh.Show("三会一课/会议记录") && sh.current == ms {
			ms.status.SetSelected(filterAll)
			ms.year.SetSelected(filterAll)
			sh.guard(func() { ms.open(ref.ID); ms.selectRowOf(ref.ID) }, nil)
		}
		return
	case data.EntityMember:
		if ms := screenOf[*membersScreen](sh); ms != nil && sh.Show("党员档案") && sh.current == ms {
			sh.guard(func() {
				if ms.selectRowOf(ref.ID); ms.selected != ref.ID {
					// Not on the filtered list (a member transferred out): show all.
					ms.roster.SetSelected("全部档案")
					ms.open(ref.ID)
					ms.selectRowOf(ref.ID)
				}
			}, nil)
		}
		return
	case data.EntityAssignment:
		if as := screenOf[*assessScreen](sh); as != nil && sh.Show("考评督办/任务督办") && sh.current == as {
			for i, a := range as.tasks {
				if a.ID == ref.ID {
					as.taskTable.Select(widget.TableCellID{Row: i, Col: 0})
					as.taskTable.ScrollTo(widget.TableCellID{Row: i, Col: 0})
					return
				}
			}
			// Another year's task: switch to its year.
			for y := sh.store.Today().Y - 1; y >= sh.store.Today().Y-5; y-- {
				as.year.SetSelected(strconv.Itoa(y))
				for i, a := range as.tasks {
					if a.ID == ref.ID {
						as.taskTable.Select(widget.TableCellID{Row: i, Col: 0})
						return
					}
				}
			}
		}
		return
	case data.EntityOrgUnit:
		if o := screenOf[*orgScreen](sh); o != nil && sh.Show("组织架构") && sh.current == o {
			o.selectUnit(ref.ID)
		}
		return
	case data.EntityNotice:
		if ns := screenOf[*noticesScreen](sh); ns != nil && sh.Show(ns.title()) && sh.current == ns {
			ns.selectNotice(ref.ID)
		}
		return
	case data.EntityDevCandidate:
		if d := screenOf[*developmentScreen](sh); d != nil && sh.Show(d.title()) && sh.current == d {
			d.openCandidate(ref.ID)
		}
		return
	}
	if ref.Screen == "" {
		return
	}
	sh.Show(ref.Screen)
	branch, _ := strconv.ParseInt(ref.Filter["branch"], 10, 64)
	switch sc := sh.current.(type) {
	case *membersScreen:
		if branch != 0 {
			for i, id := range sc.branchID {
				if id == branch {
					sc.branch.SetSelectedIndex(i)
				}
			}
		}
	case *duesScreen:
		if y := ref.Filter["year"]; y != "" && y != sc.year.Selected {
			sc.year.SetSelected(y)
		}
		for i, id := range sc.branchIDs {
			if id == branch && i != sc.branch.SelectedIndex() {
				sc.branch.SetSelectedIndex(i)
			}
		}
	case *meetingsScreen:
		if y := ref.Filter["year"]; y != "" {
			sc.comp.year.SetSelected(y)
		}
		name := sh.todoUnitName(branch)
		for i, r := range sc.comp.rows {
			if r == name {
				sc.comp.table.Select(widget.TableCellID{Row: i, Col: 0})
				sc.comp.table.ScrollTo(widget.TableCellID{Row: i, Col: 0})
			}
		}
	}
}

// unitName names a unit (its short name), "" when unknown.
func (sh *Shell) todoUnitName(id int64) string {
	if id == 0 {
		return ""
	}
	names, err := sh.store.UnitNames(sh.ctx)
	if err != nil {
		return ""
	}
	return names[id]
}

// homeLastBackup says when the newest backup was made.
func homeLastBackup(st *data.Store, now time.Time) string {
	list, err := st.Backups()
	if err != nil || len(list) == 0 {
		return "尚未备份"
	}
	t := list[0].ModTime.Local()
	switch {
	case data.DateOf(t) == data.DateOf(now):
		return "上次备份：今天 " + t.Format("15:04")
	case data.DateOf(t) == data.DateOf(now).AddDays(-1):
		return "上次备份：昨天 " + t.Format("15:04")
	}
	return "上次备份：" + t.Format("2006-01-02 15:04")
}

func homeWeekday(d data.Date) string {
	t := time.Date(d.Y, d.M, d.D, 12, 0, 0, 0, time.UTC)
	return "星期" + strings.Split("日一二三四五六", "")[t.Weekday()]
}
