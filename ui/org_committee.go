package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

// committeeView shows a unit's current posts and their history, with the
// actions 任命, 修改, 离任, 换届.
type committeeView struct {
	o       *orgScreen
	node    *data.OrgNode
	current []data.Post
	history []data.Post
	curT    *textTable
	histT   *textTable
	editBt  *widget.Button
	endBt   *widget.Button
	delBt   *widget.Button
	obj     fyne.CanvasObject
}

func newCommitteeView(o *orgScreen, n *data.OrgNode) *committeeView {
	v := &committeeView{o: o, node: n}
	today := o.sh.store.Today()
	for _, p := range n.Posts {
		if p.End.IsZero() || p.HeldOn(today) {
			v.current = append(v.current, p)
		} else {
			v.history = append(v.history, p)
		}
	}
	v.curT = newTextTable([]string{"职务", "姓名", "任职日期", "备注"}, nil)
	v.curT.setFlex(3)
	v.curT.setRows(postRows(v.current, false))
	v.histT = newTextTable([]string{"职务", "姓名", "任职日期", "离任日期", "备注"}, nil)
	v.histT.setFlex(4)
	v.histT.setRows(postRows(v.history, true))

	// Each action reloads the unit's card: unsaved edits on it are
	// settled (保存 / 不保存 / 取消) first.
	guarded := func(f func()) func() { return func() { o.sh.guard(f, nil) } }
	appoint := widget.NewButtonWithIcon("任命", theme.ContentAddIcon(), guarded(func() { v.editPost(data.Post{UnitID: n.Unit.ID}) }))
	appoint.Importance = widget.HighImportance
	v.editBt = widget.NewButtonWithIcon("修改", theme.DocumentCreateIcon(), guarded(func() { v.editPost(v.current[v.curT.selected]) }))
	v.endBt = widget.NewButtonWithIcon("离任", theme.LogoutIcon(), guarded(func() { v.endPost(v.current[v.curT.selected]) }))
	v.delBt = widget.NewButtonWithIcon("删除（录入有误）", theme.DeleteIcon(), guarded(func() { v.deletePost(v.current[v.curT.selected]) }))
	v.curT.OnSelect = func(int) { v.refreshButtons() }
	v.refreshButtons()
	tools := container.NewHBox(appoint, v.editBt, v.endBt, v.delBt, layout.NewSpacer())
	readOnly := !o.mayEdit(n.Unit)
	if readOnly {
		// Another unit on a branch secretary's copy: shown, not changed.
		tools.Hide()
	}

	var top []fyne.CanvasObject
	if n.Unit.Level != data.LevelGroup {
		term := "本届任期：未填写"
		if !n.Unit.TermStart.IsZero() {
			term = fmt.Sprintf("本届任期：%s 至 %s（%d 年）", n.Unit.TermStart.Chinese(), n.Unit.TermEnd().Chinese(), n.Unit.TermYears)
		}
		renew := widget.NewButtonWithIcon("换届", theme.ViewRefreshIcon(), guarded(v.renew))
		if readOnly {
			renew.Hide()
		}
		top = append(top, container.NewHBox(widget.NewLabel(term), layout.NewSpacer(), renew))
	}
	top = append(top, widget.NewLabelWithStyle("现任", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), tools)
	histTitle := widget.NewLabelWithStyle("任职历史", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	// The two tables share the height; each scrolls on its own.
	tables := container.NewGridWithRows(2,
		v.curT,
		container.NewBorder(histTitle, nil, nil, nil, v.histT))
	v.obj = container.NewBorder(container.NewVBox(top...), nil, nil, nil, tables)
	return v
}

func postRows(posts []data.Post, withEnd bool) [][]string {
	rows := make([][]string, 0, len(posts))
	for _, p := range posts {
		r := []string{p.Title, p.Holder, p.Start.String()}
		if withEnd {
			r = append(r, p.End.String())
		}
		rows = append(rows, append(r, p.Note))
	}
	return rows
}

func (v *committeeView) refreshButtons() {
	for _, b := range []*widget.Button{v.editBt, v.endBt, v.delBt} {
		if v.curT.selected >= 0 {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

func (v *committeeView) reloadAll() {
	v.o.shown()
}

// editPost opens the 任命 / 修改 dialog. The holder is picked from the
// unit's roster (or typed, for someone not on it).
func (v *committeeView) editPost(p data.Post) *formDialog {
	sh := v.o.sh
	form := newFieldForm()
	title := widget.NewSelectEntry(v.node.Unit.Level.Posts())
	title.SetText(p.Title)
	refs, err := sh.store.UnitMembers(sh.ctx, v.node.Unit.ID)
	if err != nil {
		sh.showError(err)
		return nil
	}
	var names []string
	for _, r := range refs {
		names = append(names, r.Name)
	}
	holder := widget.NewSelectEntry(names)
	holder.SetPlaceHolder("从本组织党员中选择，或直接输入")
	holder.SetText(p.Holder)
	start := newDateEntry()
	start.setDate(p.Start)
	if p.ID == 0 {
		start.setDate(v.o.sh.store.Today())
	}
	end := newDateEntry()
	end.setDate(p.End)
	end.SetPlaceHolder("在任则不填")
	note := widget.NewEntry()
	note.SetText(p.Note)
	form.add("title", "职务 *", title)
	form.add("holder", "姓名 *", holder)
	form.add("start", "任职日期 *", start)
	if p.ID != 0 {
		form.add("end", "离任日期", end)
	}
	form.add("note", "备注", note)

	intro := ""
	dlgTitle := "修改任职"
	if p.ID == 0 {
		dlgTitle = "任命 — " + v.node.Unit.Name()
		intro = "任命新的书记（或组长）时，原任者的任职自动于新任职日期结束，并记入任职历史。"
	}
	return showFormDialog(sh.win, dlgTitle, "保存", form, intro, func() error {
		var is data.Issues
		q := p
		q.Title, q.Holder, q.Note = title.Text, holder.Text, note.Text
		q.Start = start.date("start", "任职日期", &is)
		if p.ID != 0 {
			q.End = end.date("end", "离任日期", &is)
		}
		q.MemberID = 0
		for _, r := range refs {
			if r.Name == q.Holder {
				q.MemberID = r.ID
				break
			}
		}
		if err := is.AsError(); err != nil {
			return err
		}
		if _, err := sh.store.SavePost(sh.ctx, sh.role(), q); err != nil {
			return err
		}
		sh.notify("已保存 " + q.Title + " " + q.Holder)
		v.reloadAll()
		return nil
	})
}

// endPost records the day a holder left the post; the tenure moves to history.
func (v *committeeView) endPost(p data.Post) {
	sh := v.o.sh
	form := newFieldForm()
	end := newDateEntry()
	end.setDate(v.o.sh.store.Today())
	form.add("end", "离任日期", end)
	showFormDialog(sh.win, "离任 — "+p.Title+" "+p.Holder, "确定离任", form, "", func() error {
		var is data.Issues
		p.End = end.date("end", "离任日期", &is)
		if p.End.IsZero() {
			is.Err("end", "请填写离任日期")
		}
		if err := is.AsError(); err != nil {
			return err
		}
		if _, err := sh.store.SavePost(sh.ctx, sh.role(), p); err != nil {
			return err
		}
		sh.notify(p.Holder + " 已离任 " + p.Title)
		v.reloadAll()
		return nil
	})
}

func (v *committeeView) deletePost(p data.Post) {
	sh := v.o.sh
	msg := fmt.Sprintf("确定删除“%s %s”这条任职记录吗？\n仅用于删除录入错误的记录；正常卸任请用“离任”，以保留任职历史。", p.Title, p.Holder)
	dialog.ShowConfirm("删除任职记录", msg, func(ok bool) {
		if !ok {
			return
		}
		if err := sh.store.DeletePost(sh.ctx, sh.role(), p.ID); err != nil {
			sh.showError(err)
			return
		}
		v.reloadAll()
	}, sh.win)
}

// renew records a 换届 election.
func (v *committeeView) renew() {
	sh := v.o.sh
	u := v.node.Unit
	form := newFieldForm()
	start := newDateEntry()
	start.setDate(v.o.sh.store.Today())
	years := newSelect([]string{"3 年", "5 年"}, nil)
	years.SetSelected(fmt.Sprintf("%d 年", data.DefaultTermYears(u.Kind)))
	form.add("term_start", "换届选举日期", start)
	form.add("term_years", "任期年限", years)
	intro := "换届后，现任委员的任职将于选举日期结束并记入任职历史，请随后逐一“任命”新一届委员会成员。"
	showFormDialog(sh.win, "换届 — "+u.Name(), "确定换届", form, intro, func() error {
		var is data.Issues
		d := start.date("term_start", "换届选举日期", &is)
		if err := is.AsError(); err != nil {
			return err
		}
		y := 3
		if years.Selected == "5 年" {
			y = 5
		}
		if err := sh.store.Renew(sh.ctx, sh.role(), u.ID, d, y); err != nil {
			return err
		}
		sh.notify(u.Name() + " 已换届")
		v.reloadAll()
		return nil
	})
}
