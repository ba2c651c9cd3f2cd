package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/jobs"
)

// orgScreen is 组织架构: the tree on the left, the selected unit's card and
// committee on the right, 换届 reminders above the tree.
type orgScreen struct {
	sh    *Shell
	roots []*data.OrgNode
	byID  map[int64]*data.OrgNode
	warn  int // 换届 reminder lead time, months

	search   *widget.Entry
	tree     *widget.Tree
	alerts   *fyne.Container
	addBt    *widget.Button
	detail   *fyne.Container
	ed       *unitEditor
	selected int64
	obj      fyne.CanvasObject
}

func newOrgScreen(sh *Shell) *orgScreen {
	o := &orgScreen{sh: sh, byID: map[int64]*data.OrgNode{}}
	o.search = widget.NewEntry()
	o.search.SetPlaceHolder("查找组织（Ctrl+F）")
	o.search.OnChanged = func(string) { o.tree.Refresh(); o.tree.OpenAllBranches() }
	o.tree = widget.NewTree(o.childIDs, o.isBranch, o.newItem, o.updateItem)
	o.tree.OnSelected = func(uid widget.TreeNodeID) {
		if id := unitIDOf(uid); id != 0 && (id != o.selected || o.ed == nil || o.ed.unit.ID != id) {
			o.leaveTo(func() { o.selectUnit(id) })
		}
	}
	o.alerts = container.NewVBox()
	o.addBt = widget.NewButtonWithIcon("新增", theme.ContentAddIcon(), func() { o.leaveTo(o.addChild) })
	printBt := widget.NewButtonWithIcon("打印组织架构表", theme.DocumentPrintIcon(), o.print)
	tools := container.NewGridWithColumns(2, o.addBt, printBt)
	left := container.NewBorder(container.NewVBox(o.search, o.alerts), tools, nil, nil, o.tree)
	o.detail = container.NewStack()
	split := container.NewHSplit(left, container.NewPadded(o.detail))
	split.Offset = 0.32
	o.obj = split
	return o
}

func (o *orgScreen) title() string             { return "组织架构" }
func (o *orgScreen) icon() fyne.Resource       { return theme.StorageIcon() }
func (o *orgScreen) object() fyne.CanvasObject { return o.obj }
func (o *orgScreen) focusSearch()              { o.sh.win.Canvas().Focus(o.search) }

// activeEditor is the open unit card, for the shell's unsaved-changes guard.
func (o *orgScreen) activeEditor() dirtyEditor {
	if o.ed == nil {
		return nil
	}
	return o.ed
}

// leaveTo runs next once the open card's changes are saved or discarded;
// if the user stays, the tree selection goes back to the card's unit.
func (o *orgScreen) leaveTo(next func()) {
	o.sh.guard(next, func() {
		if o.ed == nil || o.ed.unit.ID == 0 {
			o.tree.UnselectAll()
			return
		}
		o.tree.Select(unitUID(o.ed.unit.ID))
	})
}

func (o *orgScreen) save() {
	if o.ed != nil {
		o.ed.save()
	}
}

// mayEdit tells whether this copy may change u: the office every unit, a
// branch secretary only the own branch and its groups (data refuses the
// rest too; the card does not offer it).
func (o *orgScreen) mayEdit(u data.OrgUnit) bool {
	r := o.sh.store.Role(o.sh.ctx)
	if r.Office {
		return true
	}
	if u.ID != 0 && u.ID == r.BranchID {
		return true
	}
	return u.Level == data.LevelGroup && u.ParentID == r.BranchID
}

func (o *orgScreen) shown() {
	o.reload()
	own := o.sh.store.Role(o.sh.ctx).BranchID
	switch {
	case o.selected != 0 && o.byID[o.selected] != nil:
		o.selectUnit(o.selected)
	case own != 0 && o.byID[own] != nil:
		// A branch secretary's copy opens on the own branch.
		o.selectUnit(own)
	case len(o.roots) > 0:
		o.selectUnit(o.roots[0].Unit.ID)
	default:
		o.showEmpty()
	}
}

// reload reads the tree from the store.
func (o *orgScreen) reload() {
	roots, err := o.sh.store.OrgTree(o.sh.ctx)
	if err != nil {
		o.sh.showError(err)
		return
	}
	o.roots = roots
	o.warn = o.sh.store.TermWarnMonths(o.sh.ctx)
	o.byID = map[int64]*data.OrgNode{}
	for _, r := range roots {
		r.Walk(func(n *data.OrgNode, _ int) { o.byID[n.Unit.ID] = n })
	}
	o.tree.Refresh()
	o.tree.OpenAllBranches()
	o.refreshAlerts()
	o.refreshAddButton()
}

func (o *orgScreen) refreshAlerts() {
	o.alerts.RemoveAll()
	today := o.sh.store.Today()
	for _, r := range o.roots {
		r.Walk(func(n *data.OrgNode, _ int) {
			if msg := termShort(n.Unit, today, o.warn); msg != "" {
				id := n.Unit.ID
				b := widget.NewButtonWithIcon(n.Unit.Name()+"："+msg, theme.WarningIcon(), func() { o.leaveTo(func() { o.selectUnit(id) }) })
				b.Importance = widget.WarningImportance
				b.Alignment = widget.ButtonAlignLeading
				o.alerts.Add(b)
			}
		})
	}
}

// termShort is the reminder as it fits on the narrow alert button.
func termShort(u data.OrgUnit, today data.Date, warn int) string {
	switch u.TermStatus(today, warn) {
	case data.TermDueSoon:
		return u.TermEnd().Chinese() + " 任期届满"
	case data.TermOverdue:
		return "任期已届满，应换届"
	}
	return ""
}

// Tree plumbing. Node IDs are "u<unit id>"; "" is the invisible root.
func unitUID(id int64) string { return "u" + strconv.FormatInt(id, 10) }

func unitIDOf(uid string) int64 {
	id, _ := strconv.ParseInt(strings.TrimPrefix(uid, "u"), 10, 64)
	return id
}

func (o *orgScreen) childIDs(uid widget.TreeNodeID) []widget.TreeNodeID {
	var list []*data.OrgNode
	if uid == "" {
		list = o.roots
	} else if n := o.byID[unitIDOf(uid)]; n != nil {
		list = n.Children
	}
	var out []string
	for _, c := range list {
		if o.visible(c) {
			out = append(out, unitUID(c.Unit.ID))
		}
	}
	return out
}

// visible: with a search text, a node shows when it or a descendant matches.
func (o *orgScreen) visible(n *data.OrgNode) bool {
	q := strings.TrimSpace(o.search.Text)
	if q == "" || strings.Contains(n.Unit.FullName, q) || strings.Contains(n.Unit.ShortName, q) {
		return true
	}
	for _, c := range n.Children {
		if o.visible(c) {
			return true
		}
	}
	return false
}

func (o *orgScreen) isBranch(uid widget.TreeNodeID) bool {
	if uid == "" {
		return true
	}
	n := o.byID[unitIDOf(uid)]
	return n != nil && len(n.Children) > 0
}

func (o *orgScreen) newItem(bool) fyne.CanvasObject {
	return container.NewHBox(widget.NewIcon(theme.FolderIcon()), widget.NewLabel("第一车队党支部第一党小组（00 人）"))
}

func (o *orgScreen) updateItem(uid widget.TreeNodeID, _ bool, obj fyne.CanvasObject) {
	n := o.byID[unitIDOf(uid)]
	if n == nil {
		return
	}
	box := obj.(*fyne.Container)
	icon := box.Objects[0].(*widget.Icon)
	label := box.Objects[1].(*widget.Label)
	switch {
	case n.Unit.TermNote(o.sh.store.Today(), o.warn) != "":
		icon.SetResource(theme.NewWarningThemedResource(theme.WarningIcon()))
	case n.Unit.Level == data.LevelGroup:
		icon.SetResource(theme.AccountIcon())
	default:
		icon.SetResource(theme.FolderIcon())
	}
	label.SetText(fmt.Sprintf("%s（%d 人）", n.Unit.Name(), n.TotalMembers()))
}

func (o *orgScreen) refreshAddButton() {
	switch {
	case len(o.roots) == 0:
		o.addBt.SetText("新建党总支")
		o.addBt.Enable()
	case o.selected == 0 || o.byID[o.selected] == nil:
		o.addBt.SetText("新增")
		o.addBt.Disable()
	default:
		sel := o.byID[o.selected].Unit
		child := sel.Level.ChildLevel()
		switch {
		case child == "":
			o.addBt.SetText("党小组下不设组织")
			o.addBt.Disable()
		case !o.mayEdit(data.OrgUnit{Level: child, ParentID: sel.ID}):
			o.addBt.SetText("新增" + child.Label())
			o.addBt.Disable()
		default:
			o.addBt.SetText("新增" + child.Label())
			o.addBt.Enable()
		}
	}
}

func (o *orgScreen) showEmpty() {
	o.selected = 0
	o.ed = nil
	msg := widget.NewLabel("尚未建立组织。请先点击左下角“新建党总支”，填写党总支的全称（与印章一致）等信息；\n之后选中党总支即可新增党支部，选中党支部即可新增党小组。")
	msg.Wrapping = fyne.TextWrapWord
	o.detail.Objects = []fyne.CanvasObject{container.NewVBox(msg)}
	o.detail.Refresh()
	o.refreshAddButton()
}

func (o *orgScreen) selectUnit(id int64) {
	n := o.byID[id]
	if n == nil {
		o.showEmpty()
		return
	}
	o.selected = id
	// The card first, so the tree's selection callback finds it open.
	o.ed = newUnitEditor(o, n.Unit, n)
	o.detail.Objects = []fyne.CanvasObject{o.ed.obj}
	o.detail.Refresh()
	o.tree.Select(unitUID(id))
	o.tree.ScrollTo(unitUID(id))
	o.refreshAddButton()
}

// addChild opens an empty card for a new unit under the selection (or the
// general branch itself on an empty database).
func (o *orgScreen) addChild() {
	u := data.OrgUnit{Level: data.LevelGeneral}
	if len(o.roots) > 0 {
		p := o.byID[o.selected]
		if p == nil || p.Unit.Level.ChildLevel() == "" {
			return
		}
		u = data.OrgUnit{Level: p.Unit.Level.ChildLevel(), ParentID: p.Unit.ID}
	}
	u.Kind = u.Level.Kinds()[0]
	o.tree.UnselectAll()
	o.ed = newUnitEditor(o, u, nil)
	o.detail.Objects = []fyne.CanvasObject{o.ed.obj}
	o.detail.Refresh()
	o.sh.win.Canvas().Focus(o.ed.fullName)
}

func (o *orgScreen) print() {
	if len(o.roots) == 0 {
		o.sh.showHint("打印组织架构表", "还没有建立组织，没有可打印的内容。请先点“新建党总支”。")
		return
	}
	sh := o.sh
	sh.printJob("组织架构表", func(out string, p jobs.Progress) (jobs.Done, error) {
		return jobs.PrintOrgChart(sh.ctx, sh.store, jobs.Options{Out: out}, p)
	})
}

// deleteUnit asks, then soft-deletes; the store refuses units that still
// have children or members and says why.
func (o *orgScreen) deleteUnit(u data.OrgUnit) {
	msg := fmt.Sprintf("确定删除“%s”吗？\n删除后它不再显示，但其记录和历史仍保留在数据库和操作日志中。", u.FullName)
	dialog.ShowConfirm("删除组织", msg, func(ok bool) {
		if !ok {
			return
		}
		if err := o.sh.store.DeleteUnit(o.sh.ctx, o.sh.role(), u.ID); err != nil {
			o.sh.showError(err)
			return
		}
		o.sh.notify("已删除 " + u.FullName)
		o.selected = u.ParentID
		o.shown()
	}, o.sh.win)
}
