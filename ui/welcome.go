package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/data/demo"
)

// NeedsWelcome reports a first start: an empty database on which the user
// has not yet chosen between the demo and starting empty.
func (sh *Shell) NeedsWelcome() bool {
	// A failed read is not a first start: the screens say what failed.
	done, err := sh.store.Setting(sh.ctx, data.SettingOnboarded)
	if err != nil || done != "" {
		return false
	}
	roots, err := sh.store.OrgTree(sh.ctx)
	return err == nil && len(roots) == 0
}

// Welcome offers 载入演示数据 or starting empty. Either choice is recorded so
// the question is asked once.
func (sh *Shell) Welcome() {
	var d *dialog.CustomDialog
	text := widget.NewLabel("欢迎使用党建工作台！\n\n" +
		"您可以先载入一套演示数据（某公交公司党总支下设八个党支部，共三百名党员，附近两年的会议记录和本年度督办任务），熟悉各项功能后再另建数据库正式使用；" +
		"也可以从空白开始，先建立党总支和各党支部。\n\n数据保存在：" + sh.store.Path())
	text.Wrapping = fyne.TextWrapWord
	name := widget.NewEntry()
	name.SetPlaceHolder("您的姓名，将记入操作日志（可稍后在“系统设置”中修改）")
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Hide()
	// setName records the operator first, so everything that follows is
	// logged under the person's name rather than the computer account.
	setName := func() bool {
		if strings.TrimSpace(name.Text) == "" {
			return true
		}
		if err := sh.store.SetOperator(sh.ctx, name.Text); err != nil {
			msg.SetText(err.Error())
			msg.Show()
			return false
		}
		sh.refreshOperator()
		return true
	}
	demoBt := widget.NewButton("载入演示数据", func() {
		if !setName() {
			return
		}
		d.Hide()
		sh.loadDemo()
	})
	demoBt.Importance = widget.HighImportance
	emptyBt := widget.NewButton("从空白开始", func() {
		if !setName() {
			return
		}
		d.Hide()
		if err := sh.store.SetSetting(sh.ctx, data.SettingOnboarded, "empty"); err != nil {
			sh.showError(err)
		}
		sh.Show("组织架构")
	})
	form := container.New(layout.NewFormLayout(), widget.NewLabel("操作员姓名"), container.NewVBox(name, msg))
	body := container.NewBorder(nil, container.NewVBox(form, container.NewHBox(layout.NewSpacer(), emptyBt, demoBt)), nil, nil, text)
	d = dialog.NewCustomWithoutButtons("首次使用", body, sh.win)
	d.Resize(fyne.NewSize(600, 330))
	d.Show()
}

func (sh *Shell) loadDemo() {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons("载入演示数据", container.NewVBox(widget.NewLabel("正在生成演示数据，请稍候……"), bar), sh.win)
	d.Show()
	go func() {
		res, err := demo.Load(sh.ctx, sh.store, demo.Options{Members: 300, Seed: 1})
		if err == nil {
			err = sh.store.SetSetting(sh.ctx, data.SettingOnboarded, "demo")
		}
		fyne.Do(func() {
			d.Hide()
			if err != nil {
				sh.showError(err)
				return
			}
			sh.notify(fmt.Sprintf("已载入演示数据：党支部 %d 个，党员 %d 名（另有历史党员 %d 名），会议记录 %d 份，督办任务 %d 项",
				res.Branches, res.Members, res.History, res.Meetings, res.Tasks))
			sh.Show("组织架构")
			if sh.current != nil {
				sh.current.shown()
			}
		})
	}()
}

// AutoBackup makes the day's automatic backup in the background and reports
// in the status line; a failure is shown, never silent.
func (sh *Shell) AutoBackup() {
	go func() {
		path, err := sh.store.AutoBackup(sh.ctx)
		fyne.Do(func() {
			switch {
			case err != nil:
				sh.showError(fmt.Errorf("今日自动备份失败：%w", err))
			case path != "":
				sh.notify("已完成今日自动备份")
			}
		})
	}()
}
