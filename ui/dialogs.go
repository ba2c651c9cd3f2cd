package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// formDialog shows form in a modal dialog with 保存/取消. It stays open
// while onSave returns an error (shown in the form, next to the field), so
// a rejected entry is never lost.
type formDialog struct {
	d      *dialog.CustomDialog
	form   *fieldForm
	saveBt *widget.Button
}

func showFormDialog(win fyne.Window, title, saveLabel string, form *fieldForm, intro string, onSave func() error) *formDialog {
	fd := &formDialog{form: form}
	cancel := widget.NewButton("取消", func() { fd.d.Hide() })
	fd.saveBt = widget.NewButton(saveLabel, func() {
		if err := onSave(); err != nil {
			form.show(err)
			return
		}
		fd.d.Hide()
	})
	fd.saveBt.Importance = widget.HighImportance
	var top fyne.CanvasObject = layout.NewSpacer()
	if intro != "" {
		l := widget.NewLabel(intro)
		l.Wrapping = fyne.TextWrapWord
		top = l
	}
	body := container.NewBorder(top, container.NewHBox(layout.NewSpacer(), cancel, fd.saveBt), nil, nil, form.object())
	fd.d = dialog.NewCustomWithoutButtons(title, body, win)
	fit := func() { fd.d.Resize(fyne.NewSize(520, body.MinSize().Height+80)) }
	form.onChange = func() { body.Refresh(); fit() }
	fit()
	fd.d.Show()
	return fd
}
