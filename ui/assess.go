package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
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
	chart     *canvas.Raster
	rankSplit *container.Split
	bars      []report.Bar
	scores    []data.BranchScore

	obj fyne.CanvasObject
}

func newAssessScreen(sh *Shell) *assessScreen {
	s := &assessScreen{sh: sh, taskBtns: map[string]*widget.Button{}, itemBtns: map[string]*widget.Button{}}
	y := sh.store.Today().Y
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
	units, err := s.sh.store.UnitNames(s.sh.ctx)
	if s.sh.readFailed(err, "组织名称") {
		return
	}
	s.units = units
	s.role = s.sh.store.Role(s.sh.ctx)
	roots, err := s.sh.store.OrgStructure(s.sh.ctx)
	if s.sh.readFailed(err, "组织架构") {
		return
	}
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
