package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

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
		if err := sh.OpenFile(d.Path); err != nil {
			sh.showError(fmt.Errorf("PDF 已保存到 %s，但无法用系统程序打开：%w", d.Path, err))
		}
	})
}
