package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// formDialog is a modal dialog with 保存/取消 that stays open while its save
// fails, so a rejected entry is never lost.
type formDialog struct {
	d      *dialog.CustomDialog
	win    fyne.Window
	body   *fyne.Container
	saveBt *widget.Button
	form   *fieldForm
	input  fyne.CanvasObject // what the user edits, for change tracking
	clean  string            // input's state when shown
	onSave func() error
	open   bool
}

// showDialog shows body; onSave shows its own messages and returns an error
// to keep the dialog open.
func showDialog(win fyne.Window, title, saveLabel string, body fyne.CanvasObject, intro string, onSave func() error) *formDialog {
	fd := &formDialog{win: win, input: body, onSave: onSave}
	cancel := widget.NewButton("取消", fd.hide)
	fd.saveBt = widget.NewButton(saveLabel, func() { fd.Save() })
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
	fd.clean = inputState(fd.input)
	fd.open = true
	pushModal(win, fd)
	return fd
}

// hide closes the dialog and stops tracking it.
func (fd *formDialog) hide() {
	if fd.open {
		fd.open = false
		popModal(fd.win, fd)
	}
	fd.d.Hide()
}

// Dirty: something was typed or chosen since the dialog opened.
func (fd *formDialog) Dirty() bool { return fd.open && inputState(fd.input) != fd.clean }

// Save runs the dialog's save; a refusal keeps it open with its messages.
func (fd *formDialog) Save() error {
	if err := fd.onSave(); err != nil {
		return err
	}
	fd.hide()
	return nil
}

// Discard closes the dialog without saving.
func (fd *formDialog) Discard() { fd.hide() }

// unsavedChoice is the answer to askUnsaved.
type unsavedChoice int

const (
	choiceCancel unsavedChoice = iota
	choiceSave
	choiceDiscard
)

// unsavedDialog asks what to do with unsaved changes; tests tap its buttons.
type unsavedDialog struct {
	d                     *dialog.CustomDialog
	save, discard, cancel *widget.Button
}

// askUnsaved asks 保存 / 不保存 / 取消 before unsaved changes would be
// lost; choose gets the answer once the dialog is gone.
func askUnsaved(win fyne.Window, choose func(unsavedChoice)) *unsavedDialog {
	u := &unsavedDialog{}
	answer := func(c unsavedChoice) func() {
		return func() {
			u.d.Hide()
			choose(c)
		}
	}
	u.save = widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), answer(choiceSave))
	u.save.Importance = widget.HighImportance
	u.discard = widget.NewButton("不保存", answer(choiceDiscard))
	u.cancel = widget.NewButton("取消", answer(choiceCancel))
	msg := widget.NewLabel("正在编辑的内容还没有保存。\n要保存修改吗？选“不保存”将放弃这些修改，选“取消”继续编辑。")
	msg.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), u.cancel, u.discard, u.save), nil, nil, msg)
	u.d = dialog.NewCustomWithoutButtons("保存修改？", body, win)
	u.d.Resize(fyne.NewSize(440, body.MinSize().Height+90))
	u.d.Show()
	return u
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
