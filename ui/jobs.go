package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data/sheet"
	"dangjian/jobs"
)

// runJob runs a job of package jobs off the UI thread behind a modal
// dialog with a progress bar and the step the job is at; then, back on the
// UI thread, shows the error or hands the result to done.
func (sh *Shell) runJob(title string, job func(p jobs.Progress) (jobs.Done, error), done func(jobs.Done)) {
	bar := widget.NewProgressBar()
	step := widget.NewLabel("请稍候……")
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(step, bar), sh.win)
	d.Resize(fyne.NewSize(440, 130))
	d.Show()
	progress := func(n, total int, what string) {
		fyne.Do(func() {
			if total > 0 {
				bar.SetValue(float64(n) / float64(total))
			}
			if what != "" {
				step.SetText(what)
			}
		})
	}
	sh.background(func() {
		res, err := job(progress)
		fyne.Do(func() {
			d.Hide()
			if err != nil {
				sh.showError(err)
				return
			}
			done(res)
		})
	})
}

// printJob runs a printing job into the print folder, as name plus the
// time, and opens the PDF with the system viewer, from where it goes to
// the printer.
func (sh *Shell) printJob(name string, job func(out string, p jobs.Progress) (jobs.Done, error)) {
	path := filepath.Join(sh.printDir(), fmt.Sprintf("%s-%s.pdf", name, time.Now().Format("20060102-150405")))
	if err := os.MkdirAll(sh.printDir(), 0o700); err != nil {
		sh.showError(fmt.Errorf("无法创建打印目录：%w", err))
		return
	}
	sh.runJob("正在生成"+name, func(p jobs.Progress) (jobs.Done, error) { return job(path, p) }, func(d jobs.Done) {
		sh.notify("已生成 " + d.Path)
		sh.openProduced(d.Path, "PDF 文件", "可以打开 PDF 的程序（如 WPS、Adobe Reader 或浏览器）")
	})
}

// openProduced opens a file with the system's program; when there is none
// it says where the file was saved and offers its folder or its path.
func (sh *Shell) openProduced(path, what, viewer string) {
	if !fileExists(path) {
		sh.showError(fmt.Errorf("找不到%s“%s”，它可能已被移动或删除。请从备份恢复，或重新生成、重新添加", what, path))
		return
	}
	if err := sh.OpenFile(path); err != nil {
		sh.showSaved(path, what, viewer)
	}
}

// savedDialog is what showSaved put up; tests tap its buttons.
type savedDialog struct {
	d                *dialog.CustomDialog
	folder, copy, ok *widget.Button
	msg              *widget.Label
}

// showSaved tells where a file is when no program could open it.
func (sh *Shell) showSaved(path, what, viewer string) *savedDialog {
	sd := &savedDialog{}
	sd.msg = widget.NewLabel(what + "已保存在：\n" + path + "\n\n本机没有找到" + viewer + "，所以没能直接打开它。" +
		"请安装这样的程序后双击该文件，或打开所在文件夹，把文件拷到能打印的电脑上。")
	sd.msg.Wrapping = fyne.TextWrapWord
	sd.folder = widget.NewButtonWithIcon("打开所在文件夹", theme.FolderOpenIcon(), func() {
		if err := sh.OpenFile(filepath.Dir(path)); err != nil {
			sh.app.Clipboard().SetContent(path)
			sd.msg.SetText(what + "已保存在：\n" + path + "\n\n也无法打开文件夹。文件位置已复制，可以粘贴到“此电脑”或文件管理器的地址栏中找到它。")
			return
		}
		sd.d.Hide()
	})
	sd.copy = widget.NewButtonWithIcon("复制文件位置", theme.ContentCopyIcon(), func() {
		sh.app.Clipboard().SetContent(path)
		sh.notify("已复制文件位置：" + path)
	})
	sd.ok = widget.NewButton("知道了", func() { sd.d.Hide() })
	sd.ok.Importance = widget.HighImportance
	body := container.NewBorder(nil, container.NewHBox(sd.folder, sd.copy, layout.NewSpacer(), sd.ok),
		widget.NewIcon(theme.InfoIcon()), nil, sd.msg)
	sd.d = dialog.NewCustomWithoutButtons("文件已保存，但没能打开", body, sh.win)
	sd.d.Resize(fyne.NewSize(560, body.MinSize().Height+120))
	sd.d.Show()
	return sd
}

// applyImport writes a previewed import as a job with its progress bar; a
// refusal says that nothing (what) was imported, since imports are all or
// nothing per run. done gets the result on the UI thread.
func (sh *Shell) applyImport(what string, apply func(p jobs.Progress) (sheet.Result, error), done func(sheet.Result)) {
	var res sheet.Result
	sh.runJob("正在导入", func(p jobs.Progress) (jobs.Done, error) {
		var err error
		if res, err = apply(p); err != nil {
			return jobs.Done{}, fmt.Errorf("未导入任何%s：%w", what, err)
		}
		return jobs.Done{}, nil
	}, func(jobs.Done) { done(res) })
}
