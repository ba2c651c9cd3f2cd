package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"dangjian/data/sheet"
)

// importPreview is what an import shows before anything is written: a
// summary, the rows it would add, the rows it refuses with their reasons,
// its warnings and the rows it skips; and the choice of mode.
type importPreview struct {
	title    string
	summary  string
	adds     *textTable
	nAdds    int
	rejected []sheet.Issue
	warnings []sheet.Issue
	skipped  []sheet.Issue
	apply    func(mode sheet.Mode)
}

func showImportPreview(win fyne.Window, p importPreview) {
	head := widget.NewLabel(p.summary)
	head.Wrapping = fyne.TextWrapWord
	tabs := container.NewAppTabs(
		container.NewTabItem(fmt.Sprintf("可导入（%d）", p.nAdds), p.adds),
		container.NewTabItem(fmt.Sprintf("不能导入（%d）", len(p.rejected)), issueTable(p.rejected)),
		container.NewTabItem(fmt.Sprintf("提示（%d）", len(p.warnings)), issueTable(p.warnings)),
		container.NewTabItem(fmt.Sprintf("跳过（%d）", len(p.skipped)), issueTable(p.skipped)),
	)
	if len(p.rejected) > 0 {
		tabs.SelectIndex(1)
	}
	mode := widget.NewRadioGroup([]string{"只导入没有问题的行", "全部行都没有问题才导入"}, nil)
	mode.Horizontal = true
	mode.SetSelected(mode.Options[0])
	var d *dialog.CustomDialog
	apply := widget.NewButton("确认导入", func() {
		m := sheet.ValidOnly
		if mode.Selected == mode.Options[1] {
			m = sheet.AllOrNothing
		}
		d.Hide()
		p.apply(m)
	})
	apply.Importance = widget.HighImportance
	if p.nAdds == 0 {
		apply.Disable()
	}
	cancel := widget.NewButton("取消", func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(p.title, container.NewBorder(head,
		container.NewVBox(mode, container.NewHBox(layout.NewSpacer(), cancel, apply)), nil, nil, tabs), win)
	d.Resize(fyne.NewSize(920, 600))
	d.Show()
}
