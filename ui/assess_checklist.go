package ui

// 考评督办, tab 支部考评: each branch's 标准化党支部 checklist.

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/jobs"
)

func (s *assessScreen) buildChecklist() fyne.CanvasObject {
	// Evaluated when this tab shows (the tabs reload), not each time the
	// screen is shown on another tab: a branch's evaluation reads its
	// members and meetings (a tenth of a second at 100k).
	s.branch = newSelect(nil, func(string) {
		if s.tabs != nil && s.tabs.SelectedIndex() == 1 {
			s.loadEvaluation()
		}
	})
	s.itemTable = newTextTable([]string{"维度", "考评内容", "分值", "得分", "评分依据 / 说明"}, nil)
	// The reason can be a paragraph; the pane below shows it whole.
	s.itemTable.setFreeText(4)
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
	closed, err := s.sh.store.ChecklistClosed(s.sh.ctx, s.yearN())
	if s.sh.readFailed(err, "考评年度") {
		closed = true // nothing is offered for editing on a failed read
	}
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
	closed, err := s.sh.store.ChecklistClosed(s.sh.ctx, s.yearN())
	if s.sh.readFailed(err, "考评年度") {
		closed = true // nothing is offered for editing on a failed read
	}
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
	t := newTextTable([]string{"维度", "考评内容", "分值", "自动评分"}, nil)
	t.setFlex(1)
	var items []data.ChecklistItem
	load := func() {
		var err error
		items, err = sh.store.ChecklistItems(sh.ctx, year)
		sh.readFailed(err, "考评细则")
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
