package ui

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
	"dangjian/data/demo"
)

// FirstStart asks what a copy needs before use: on a new, empty database
// the welcome (operator's name, 本机身份, demo or empty); on any other
// database that has no operator's name yet, the name. The program calls
// it once the window is up, and again after switching database.
func (sh *Shell) FirstStart() {
	if sh.store.ReadOnly() {
		return
	}
	if sh.NeedsWelcome() {
		sh.Welcome()
		return
	}
	if !sh.store.HasOperator(sh.ctx) {
		sh.askOperator()
	}
}

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

// operatorEntry is the required 操作员姓名 input with its message.
type operatorEntry struct {
	entry *widget.Entry
	msg   *widget.Label
}

func newOperatorEntry(sh *Shell) *operatorEntry {
	o := &operatorEntry{entry: widget.NewEntry(), msg: widget.NewLabel("")}
	o.entry.SetPlaceHolder("您的姓名，如 王芳")
	if sh.store.HasOperator(sh.ctx) {
		o.entry.SetText(sh.store.Operator())
	}
	o.msg.Importance = widget.DangerImportance
	o.msg.Wrapping = fyne.TextWrapWord
	o.msg.Hide()
	return o
}

// save records the operator first, so everything that follows is logged,
// and printed as 审核人 or in a 办理记录, under the person's name rather
// than the computer's account. An empty name is refused.
func (o *operatorEntry) save(sh *Shell) bool {
	if strings.TrimSpace(o.entry.Text) == "" {
		o.msg.SetText("请填写您的姓名：它会记入操作日志，并作为审核人、办理人印在记录上")
		o.msg.Show()
		return false
	}
	// The first name becomes the first operator (系统设置 adds more and
	// their passwords); later the name of the current one is changed.
	ops, err := sh.store.Operators(sh.ctx)
	if err == nil && len(ops) == 0 {
		_, err = sh.store.AddOperator(sh.ctx, o.entry.Text, "")
	} else if err == nil {
		err = sh.store.SetOperator(sh.ctx, o.entry.Text)
	}
	if err != nil {
		o.msg.SetText(userMessage(err))
		o.msg.Show()
		return false
	}
	o.msg.Hide()
	sh.refreshOperator()
	return true
}

// welcomeDialog is the first-start question; tests tap its buttons.
type welcomeDialog struct {
	d        *dialog.CustomDialog
	text     *widget.Label // the welcome, fitting the 本机身份 chosen
	operator *operatorEntry
	role     *widget.RadioGroup
	roleHint *widget.Label
	demo     *widget.Button
	empty    *widget.Button
	open     *widget.Button
	// branchPkg imports the branch package the office made: the way a
	// branch's copy starts.
	branchPkg *widget.Button
}

const (
	roleOffice = "党总支办公室（管理全部党支部，审核各支部的记录）"
	roleBranch = "党支部（本支部书记使用，由党总支办公室制作的支部交换包建立）"
)

// welcomeText is the welcome for the office's copy (the demo or an empty
// start) or a branch's copy (made from the office's branch package: no
// demo data, no empty start).
func welcomeText(branch bool, path string) string {
	if branch {
		return "欢迎使用党建工作台！\n\n" +
			"党支部的副本不从演示数据或空白开始，而是由党总支办公室为本支部制作的支部初始包建立：本支部的组织架构、党员名册、会议记录、" +
			"会议模板和本年度的督办任务、考评细则都从党总支的数据中带来。此后本支部的会议记录在本机填写、提交，" +
			"制作交换包发给党总支审核；审核结果随党总支发回的交换包回到本机。\n\n数据保存在：" + path
	}
	return "欢迎使用党建工作台！\n\n" +
		"可以先载入一套演示数据（某公交公司党总支下设八个党支部，共三百名党员，附近两年的会议记录和本年度督办任务）熟悉各项功能，" +
		"熟悉后在“系统设置”的“数据库”中清除演示数据，开始正式使用；也可以从空白开始，先建立党总支和各党支部。\n\n数据保存在：" + path
}

// Welcome asks the operator's name (required), whose copy this is, and
// offers 载入演示数据, starting empty, or opening an existing database for
// the office; a branch's copy is set up by importing the branch package
// the office made (file → preview → 导入). The choice is recorded so the
// question is asked once.
func (sh *Shell) Welcome() *welcomeDialog {
	wd := &welcomeDialog{operator: newOperatorEntry(sh)}
	wd.text = widget.NewLabel(welcomeText(false, sh.store.Path()))
	wd.text.Wrapping = fyne.TextWrapWord
	wd.roleHint = widget.NewLabel("党支部的副本从党总支的数据开始：请党总支办公室在“数据交换”中为本支部制作交换包并把文件拷给您，" +
		"然后点“导入支部交换包…”选择它，核对预览后导入。以后会议记录在本机填写，制作交换包发给党总支审核。")
	wd.roleHint.Wrapping = fyne.TextWrapWord
	wd.roleHint.Importance = widget.WarningImportance
	wd.roleHint.Hide()
	wd.branchPkg = widget.NewButtonWithIcon("导入支部交换包…", theme.DownloadIcon(), func() { sh.welcomeBranch(wd) })
	wd.branchPkg.Importance = widget.HighImportance
	wd.branchPkg.Hide()
	wd.role = widget.NewRadioGroup([]string{roleOffice, roleBranch}, nil)
	wd.role.Required = true
	wd.role.SetSelected(roleOffice)
	wd.role.OnChanged = func(v string) {
		branch := v == roleBranch
		wd.text.SetText(welcomeText(branch, sh.store.Path()))
		for _, b := range []*widget.Button{wd.demo, wd.empty, wd.open} {
			if branch {
				b.Hide()
			} else {
				b.Show()
			}
		}
		if branch {
			wd.roleHint.Show()
			wd.branchPkg.Show()
		} else {
			wd.roleHint.Hide()
			wd.branchPkg.Hide()
		}
		wd.d.Resize(fyne.NewSize(640, 500))
	}
	start := func(f func()) func() {
		return func() {
			if !wd.operator.save(sh) {
				return
			}
			if err := sh.store.SetRole(sh.ctx, sh.role(), data.Role{Office: true}); err != nil {
				sh.showError(err)
				return
			}
			// The office's exchange identity (organisation, copy, key
			// pair); making the first package would make it too, so a
			// failure here only goes to the status line.
			if _, err := sh.store.EnsureOfficeIdentity(sh.ctx, data.RoleOffice); err != nil {
				sh.notify("本机交换身份未能生成（制作交换包时会再试）：" + userMessage(err))
			}
			wd.d.Hide()
			f()
		}
	}
	wd.demo = widget.NewButton("载入演示数据", start(sh.loadDemo))
	wd.demo.Importance = widget.HighImportance
	wd.empty = widget.NewButton("从空白开始", start(func() {
		if err := sh.store.SetSetting(sh.ctx, data.SettingOnboarded, data.OnboardedEmpty); err != nil {
			sh.showError(err)
		}
		sh.refreshOperator()
		sh.refreshDatabase()
		sh.Show("组织架构")
	}))
	wd.open = widget.NewButtonWithIcon("打开已有数据库…", theme.FolderOpenIcon(), func() {
		wd.d.Hide()
		sh.chooseOpen(sh.dbChoice("打开已有数据库"), sh.openDatabase)
	})
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("操作员姓名 *"), container.NewVBox(wd.operator.entry, wd.operator.msg),
		widget.NewLabel("本机身份"), container.NewVBox(wd.role, wd.roleHint))
	buttons := container.NewHBox(wd.open, layout.NewSpacer(), wd.empty, wd.demo, wd.branchPkg)
	body := container.NewBorder(nil, container.NewVBox(form, buttons), nil, nil, wd.text)
	wd.d = dialog.NewCustomWithoutButtons("首次使用", body, sh.win)
	wd.d.Resize(fyne.NewSize(640, 430))
	wd.d.Show()
	sh.win.Canvas().Focus(wd.operator.entry)
	return wd
}

// welcomeBranch sets up a branch's copy: the operator's name, then the
// branch package the office made — chosen, previewed, imported. The
// welcome stays up under the file dialog and the preview until the
// import is done, so a cancel or a refused package leaves the choice open.
func (sh *Shell) welcomeBranch(wd *welcomeDialog) {
	if !wd.operator.save(sh) {
		return
	}
	if err := sh.store.CanBecomeBranchCopy(sh.ctx); err != nil {
		sh.showHint("不能建立支部副本", userMessage(err))
		return
	}
	sh.chooseOpen(fileChoice{title: "导入支部交换包", kind: "交换包", exts: packageExts}, func(path string) {
		sh.readPackagePreviewOrRefusal(path, func(prev data.ImportPreview) {
			if !prev.BecomesBranch {
				sh.showRefusal(fmt.Sprintf("这个交换包（%s）不是党总支办公室为党支部制作的初始交换包，不能用来建立支部副本。"+
					"请党总支办公室在“数据交换”中为本支部制作交换包。", manifestText(prev.Manifest)))
				return
			}
			sh.lastPreview = sh.showPackagePreview(path, prev, func(res data.ImportResult) {
				if err := sh.store.SetSetting(sh.ctx, data.SettingOnboarded, data.OnboardedEmpty); err != nil {
					sh.showError(err)
				}
				wd.d.Hide()
				sh.refreshOperator()
				sh.refreshDatabase()
				sh.notify(res.Summary())
				sh.Show("数据交换")
				sh.showInfo("支部副本已建立", fmt.Sprintf("本机已成为“%s”的支部副本。%s。\n\n"+
					"本支部的会议记录在“三会一课”中填写并提交，然后在“数据交换”中制作交换包发给党总支审核。", res.Manifest.Branch, res.Summary()))
			})
		})
	})
}

// askOperator asks the operator's name on a database that has none; the
// dialog stays until a name is given.
func (sh *Shell) askOperator() *dialog.CustomDialog {
	o := newOperatorEntry(sh)
	text := widget.NewLabel("请填写您的姓名。它会记入操作日志，并在审核会议记录、办理督办任务时作为审核人、办理人印在记录上。以后可在“系统设置”中修改。")
	text.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	ok := widget.NewButton("确定", func() {
		if o.save(sh) {
			d.Hide()
		}
	})
	ok.Importance = widget.HighImportance
	o.entry.OnSubmitted = func(string) { ok.OnTapped() }
	form := container.New(layout.NewFormLayout(), widget.NewLabel("操作员姓名 *"), container.NewVBox(o.entry, o.msg))
	body := container.NewBorder(text, container.NewHBox(layout.NewSpacer(), ok), nil, nil, form)
	d = dialog.NewCustomWithoutButtons("操作员姓名", body, sh.win)
	d.Resize(fyne.NewSize(520, 260))
	d.Show()
	sh.win.Canvas().Focus(o.entry)
	return d
}

func (sh *Shell) loadDemo() {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons("载入演示数据", container.NewVBox(widget.NewLabel("正在生成演示数据，请稍候……"), bar), sh.win)
	d.Show()
	go func() {
		res, err := demo.Load(sh.ctx, sh.store, demo.Options{Members: 300, Seed: 1})
		if err == nil {
			err = sh.store.SetSetting(sh.ctx, data.SettingOnboarded, data.OnboardedDemo)
		}
		fyne.Do(func() {
			d.Hide()
			if err != nil {
				sh.showError(err)
				return
			}
			sh.notify(fmt.Sprintf("已载入演示数据：党支部 %d 个，党员 %d 名（另有历史党员 %d 名），会议记录 %d 份，督办任务 %d 项",
				res.Branches, res.Members, res.History, res.Meetings, res.Tasks))
			sh.refreshDatabase()
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
	sh.background(func() {
		path, err := sh.store.AutoBackup(sh.ctx)
		fyne.Do(func() {
			switch {
			case err != nil:
				sh.showError(fmt.Errorf("今日自动备份失败：%w", err))
			case path != "":
				sh.notify("已完成今日自动备份")
			}
		})
	})
}
