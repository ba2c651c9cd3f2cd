package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// formDialog is a modal dialog with 保存/取消 that stays open while its save
// fails, so a rejected entry is never lost.
type formDialog struct {
	d      *dialog.CustomDialog
	body   *fyne.Container
	saveBt *widget.Button
	form   *fieldForm
}

// showDialog shows body; onSave shows its own messages and returns an error
// to keep the dialog open.
func showDialog(win fyne.Window, title, saveLabel string, body fyne.CanvasObject, intro string, onSave func() error) *formDialog {
	fd := &formDialog{}
	cancel := widget.NewButton("取消", func() { fd.d.Hide() })
	fd.saveBt = widget.NewButton(saveLabel, func() {
		if onSave() == nil {
			fd.d.Hide()
		}
	})
	fd.saveBt.Importance = widget.HighImportance
	var top fyne.CanvasObject = layout.NewSpacer()
	if intro != "" {
		l := widget.NewLabel(intro)
		l.Wrapping = fyne.TextWrapWord
		top = l
	}
	fd.body = container.NewBorder(top, container.NewHBox(layout.NewSpacer(), cancel, fd.saveBt), nil, nil, body)
	fd.d = dialog.NewCustomWithoutButtons(title, fd.body, win)
	fd.fit()
	fd.d.Show()
	return fd
}

// fit sizes the dialog to its content after messages appear or fields change.
func (fd *formDialog) fit() {
	fd.body.Refresh()
	fd.d.Resize(fyne.NewSize(540, fd.body.MinSize().Height+80))
}

// showFormDialog shows a fieldForm; the save's error is shown at its fields.
func showFormDialog(win fyne.Window, title, saveLabel string, form *fieldForm, intro string, onSave func() error) *formDialog {
	var fd *formDialog
	fd = showDialog(win, title, saveLabel, form.object(), intro, func() error {
		err := onSave()
		form.show(err)
		return err
	})
	fd.form = form
	form.onChange = fd.fit
	return fd
}
