package ui

import (
	"errors"
	"io/fs"
	"os/exec"
	"strings"
	"syscall"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

// Messages to the user come in two kinds. A hint says what to do first or
// why something cannot be done here (请先建立党支部, 无权修改): an
// information dialog. An error says that something failed that should
// have worked (a disk full, a damaged file): the 错误 dialog. Both are in
// Chinese and say what happened and what to do; raw system text is put
// into words first (userMessage).

// showInfo shows a notice or a hint with an information icon.
func (sh *Shell) showInfo(title, msg string) {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	ok := widget.NewButton("知道了", func() { d.Hide() })
	ok.Importance = widget.HighImportance
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), ok), widget.NewIcon(theme.InfoIcon()), nil, l)
	d = dialog.NewCustomWithoutButtons(title, body, sh.win)
	d.Resize(fyne.NewSize(480, body.MinSize().Height+110))
	d.Show()
}

// showHint is showInfo titled 提示, for "do this first" messages.
func (sh *Shell) showHint(title, msg string) {
	if title == "" {
		title = "提示"
	}
	sh.showInfo(title, msg)
}

// showError shows err. Refusals by the rules (no right, invalid input, a
// record gone) are hints; everything else is an error, in words.
func (sh *Shell) showError(err error) {
	if err == nil {
		return
	}
	var ve *data.ValidationError
	switch {
	case errors.Is(err, data.ErrForbidden):
		sh.showInfo("无权进行此操作", userMessage(err))
		return
	case errors.As(err, &ve), errors.Is(err, data.ErrNotFound):
		sh.showInfo("无法完成", userMessage(err))
		return
	}
	dialog.ShowError(errors.New(userMessage(err)), sh.win)
}

// userMessage is err in words a user can act on: the program's own
// messages are Chinese already; system errors (a missing file, no right
// to write, a full disk, a missing program) are described in Chinese in
// place of their English text.
func userMessage(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	var pe *fs.PathError
	var ee *exec.Error
	switch {
	case errors.As(err, &ee):
		msg = strings.Replace(msg, ee.Error(), "本机没有找到所需的程序（"+ee.Name+"）", 1)
	case errors.As(err, &pe):
		msg = strings.Replace(msg, pe.Error(), describePathError(pe), 1)
	}
	if hasChinese(msg) {
		return msg
	}
	return "发生了意外的错误，操作没有完成。请重试；如果仍然出错，请把下面的信息告诉维护人员：\n" + msg
}

// describePathError names a file system failure in Chinese.
func describePathError(pe *fs.PathError) string {
	var what string
	switch {
	case errors.Is(pe.Err, fs.ErrNotExist):
		what = "找不到文件或文件夹"
	case errors.Is(pe.Err, fs.ErrPermission):
		what = "没有权限访问（文件可能是只读的，或正被其他程序使用）"
	case errors.Is(pe.Err, fs.ErrExist):
		what = "文件已经存在"
	case errors.Is(pe.Err, syscall.ENOSPC):
		what = "磁盘空间不足"
	default:
		what = "无法读写文件（" + pe.Err.Error() + "）"
	}
	return what + "：" + pe.Path
}

func hasChinese(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
