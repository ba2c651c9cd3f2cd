package ui

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

// packagePreview is the dialog that shows exactly what importing a
// package would change, before anything is written: the sentence
// (新增会议记录 5 条，更新 2 条，待确认党员信息变更 3 条，冲突 1 条), who sent
// it, and a table per entity; 导入 applies it, 取消 leaves everything as
// it is. Tests tap its buttons.
type packagePreview struct {
	d        *dialog.CustomDialog
	prev     data.ImportPreview
	summary  *widget.Label
	from     *widget.Label
	detail   *widget.Label // the selected record, whole
	tabs     *container.AppTabs
	importBt *widget.Button
	cancelBt *widget.Button
}

// choosePackage asks for a package file, previews it and, on 导入, imports
// it; done gets the result on the UI thread.
func (sh *Shell) choosePackage(title string, done func(data.ImportResult)) {
	sh.chooseOpen(fileChoice{title: title, kind: "交换包", exts: packageExts}, func(path string) {
		sh.previewPackageFile(path, done)
	})
}

// previewPackageFile previews the package at path; a refused package is
// said in Chinese with nothing changed.
func (sh *Shell) previewPackageFile(path string, done func(data.ImportResult)) {
	sh.readPackagePreviewOrRefusal(path, func(prev data.ImportPreview) {
		sh.lastPreview = sh.showPackagePreview(path, prev, done)
	})
}

// readPackagePreviewOrRefusal is readPackagePreview with refusals (an
// error or Refused) shown as the 交换包被拒收 message.
func (sh *Shell) readPackagePreviewOrRefusal(path string, then func(data.ImportPreview)) {
	sh.readPackagePreview(path, func(prev data.ImportPreview) {
		if prev.Refused != "" {
			sh.showRefusal(prev.Refused)
			return
		}
		then(prev)
	})
}

// showRefusal says why a package is refused, and that nothing changed.
func (sh *Shell) showRefusal(reason string) {
	advice := "请核对交换包是否是发给本机的、是否完整（可请对方重新制作一份）。"
	if strings.HasPrefix(reason, "该支部副本已被替换") {
		advice = "请告知该支部书记：以后只用新的支部副本制作交换包。"
	}
	l := widget.NewLabel(reason + "\n\n本机的数据没有任何改变。" + advice)
	l.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	ok := widget.NewButton("知道了", func() { d.Hide() })
	ok.Importance = widget.HighImportance
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), ok), widget.NewIcon(theme.ErrorIcon()), nil, l)
	d = dialog.NewCustomWithoutButtons("交换包被拒收", body, sh.win)
	d.Resize(fyne.NewSize(520, body.MinSize().Height+120))
	d.Show()
	sh.lastRefusal = reason
}

// manifestText says who made a package, for whom, when, and its number.
func manifestText(m data.Manifest) string {
	to := m.ToName
	if to == "" {
		to = m.Branch
	}
	s := fmt.Sprintf("来自：%s　发往：%s　第 %d 号", m.FromName, to, m.Number)
	if !m.Made.IsZero() {
		s += "　制作于 " + m.Made.Local().Format("2006-01-02 15:04")
	}
	return s
}

func (sh *Shell) showPackagePreview(path string, prev data.ImportPreview, done func(data.ImportResult)) *packagePreview {
	pp := &packagePreview{prev: prev}
	pp.summary = widget.NewLabelWithStyle(prev.Summary(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	pp.summary.Wrapping = fyne.TextWrapWord
	pp.summary.SizeName = theme.SizeNameSubHeadingText
	if prev.Gap != "" {
		pp.summary.Importance = widget.WarningImportance
	}
	pp.from = widget.NewLabel(manifestText(prev.Manifest) + "\n包内：" + prev.Manifest.CountsText())
	pp.from.Wrapping = fyne.TextWrapWord
	head := container.NewVBox(pp.summary, pp.from)
	if prev.BecomesBranch {
		l := widget.NewLabel(fmt.Sprintf("导入后本机成为“%s”的支部副本：组织架构、本支部党员名册、模板和年度任务来自党总支，本支部的会议记录在本机填写后制作交换包发给党总支审核。", prev.Manifest.Branch))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.HighImportance
		head.Add(l)
	}
	pp.tabs = container.NewAppTabs()
	pp.detail = widget.NewLabel("选中一行，在这里看它的全文。")
	pp.detail.Wrapping = fyne.TextWrapWord
	for _, t := range previewTables(pp, prev) {
		pp.tabs.Append(t)
	}
	var body fyne.CanvasObject = pp.tabs
	if len(pp.tabs.Items) == 0 {
		body = widget.NewLabel("")
	}
	pp.cancelBt = widget.NewButton("取消", func() { pp.d.Hide() })
	pp.importBt = widget.NewButtonWithIcon("导入", theme.DownloadIcon(), func() {
		pp.d.Hide()
		sh.importPackage(path, done)
	})
	pp.importBt.Importance = widget.HighImportance
	if prev.DuplicatePackage {
		pp.importBt.Disable()
	}
	pp.d = dialog.NewCustomWithoutButtons("导入交换包：预览", container.NewBorder(head,
		container.NewBorder(nil, nil, nil, container.NewHBox(pp.cancelBt, pp.importBt), pp.detail), nil, nil, body), sh.win)
	// As wide as the window allows (a return's comment is long), up to 1180.
	w := min(float32(1180), sh.win.Canvas().Size().Width-80)
	pp.d.Resize(fyne.NewSize(max(w, 760), 560))
	pp.d.Show()
	return pp
}

// previewTables are the preview's tables: what changes per entity, the
// conflicts, the records refused.
func previewTables(pp *packagePreview, prev data.ImportPreview) []*container.TabItem {
	var out []*container.TabItem
	byEntity := map[string][][]string{}
	var order []string
	items := previewItems(prev)
	for _, it := range items {
		if _, ok := byEntity[it.Label]; !ok {
			order = append(order, it.Label)
		}
		byEntity[it.Label] = append(byEntity[it.Label], []string{it.Action, it.Name, it.Detail})
	}
	// The entity with most records first (会议记录 before one member change).
	sort.SliceStable(order, func(i, j int) bool { return len(byEntity[order[i]]) > len(byEntity[order[j]]) })
	for _, label := range order {
		rows := byEntity[label]
		t := newTextTable([]string{"变更", "记录", "说明"}, []float32{70, 300, 200})
		t.setMaxEm(1, 26)
		t.setFreeText(2)
		t.setRows(rows)
		t.OnSelect = func(i int) {
			if i >= 0 && i < len(rows) {
				pp.detail.SetText(rows[i][0] + "：" + rows[i][1] + "\n" + rows[i][2])
			}
		}
		out = append(out, container.NewTabItem(fmt.Sprintf("%s（%d）", label, len(rows)), t))
	}
	if len(items) == 0 && len(prev.Changes) > 0 {
		var rows [][]string
		for _, c := range prev.Changes {
			rows = append(rows, []string{c.Label, strconv.Itoa(c.New), strconv.Itoa(c.Updated)})
		}
		t := newTextTable([]string{"类别", "新增", "更新"}, []float32{200, 80, 80})
		t.setRows(rows)
		out = append(out, container.NewTabItem("数据变更", t))
	}
	if len(prev.Conflicts) > 0 && !hasItemAction(items, data.ItemConflict) {
		var rows [][]string
		for _, c := range prev.Conflicts {
			rows = append(rows, []string{c.Label, c.Name})
		}
		t := newTextTable([]string{"类别", "记录（双方都修改过，两个版本都保留，待处理）"}, []float32{120, 480})
		t.setFlex(1)
		t.setRows(rows)
		out = append(out, container.NewTabItem(fmt.Sprintf("冲突（%d）", len(rows)), t))
	}
	if len(prev.Refusals) > 0 && !hasItemAction(items, data.ItemRefused) {
		var rows [][]string
		for _, r := range prev.Refusals {
			rows = append(rows, []string{data.EntityLabel(r.Entity), r.Name, r.Reason})
		}
		t := newTextTable([]string{"类别", "记录", "不导入的原因"}, []float32{100, 280, 320})
		t.setMaxEm(1, 22)
		t.setFreeText(2)
		t.setRows(rows)
		t.OnSelect = func(i int) {
			if i >= 0 && i < len(rows) {
				pp.detail.SetText(rows[i][1] + "\n不导入的原因：" + rows[i][2])
			}
		}
		out = append(out, container.NewTabItem(fmt.Sprintf("拒收（%d）", len(rows)), t))
	}
	return out
}

// previewItem is one record a package changes, as the preview lists it.
type previewItem = data.PreviewItem

// previewItems lists the records prev changes, per entity; records the
// copy already holds as carried (相同) are only counted in the sentence.
func previewItems(prev data.ImportPreview) []previewItem {
	var out []previewItem
	for _, it := range prev.Items {
		if it.Action != data.ItemDuplicate {
			out = append(out, it)
		}
	}
	return out
}

func hasItemAction(items []previewItem, action string) bool {
	for _, it := range items {
		if strings.Contains(it.Action, action) {
			return true
		}
	}
	return false
}
