package ui

import (
	"context"
	"fmt"
	"image/color"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/jobs"
)

// fontScales are the 字号 choices.
var fontScales = []struct {
	label string
	scale float64
}{{"较小", 0.9}, {"标准", 1.0}, {"较大", 1.15}, {"特大", 1.3}}

// settingsScreen is 系统设置: operator, display, reminders, and 备份与恢复.
type settingsScreen struct {
	sh       *Shell
	form     *fieldForm
	operator *widget.Entry
	font     *widget.Select
	warn     *widget.Entry
	keep     *widget.Entry
	role     *widget.Select
	names    *widget.Select
	roleIDs  []int64
	rules    []data.MeetingRule
	ruleSel  map[string]*widget.Select
	ruleNum  map[string]*widget.Entry
	ruleForm *fieldForm
	backups  *textTable
	files    []data.BackupFile
	restore  *widget.Button
	ops      *operatorsCard
	receipt  *widget.Button // prints the 校验码回执
	clean    string         // form's inputs as loaded, to tell unsaved changes
	rulesAt  string         // ruleForm's inputs as loaded
	obj      fyne.CanvasObject
	db       *databaseCard
}

func newSettingsScreen(sh *Shell) *settingsScreen {
	s := &settingsScreen{sh: sh, form: newFieldForm()}
	s.operator = widget.NewEntry()
	s.operator.SetPlaceHolder("您的姓名，将记入操作日志")
	var labels []string
	for _, f := range fontScales {
		labels = append(labels, f.label)
	}
	s.font = newSelect(labels, nil)
	s.warn = widget.NewEntry()
	s.keep = widget.NewEntry()
	s.form.add(data.SettingOperator, "操作员姓名 *", s.operator)
	s.form.add(data.SettingFontScale, "字号", s.font)
	s.form.add(data.SettingTermWarnMonths, "换届提醒提前（月）", s.warn)
	s.form.add(data.SettingBackupKeep, "自动备份保留（份）", s.keep)
	s.names = newSelect([]string{data.OrderPinyin.Label(), data.OrderStrokes.Label()}, nil)
	// The hint wraps under the choice: beside it, it made the screen wider
	// than a laptop's.
	namesHint := widget.NewLabel("名单中姓名的顺序；打印的花名册等按姓氏笔画")
	namesHint.Wrapping = fyne.TextWrapWord
	s.form.add(data.SettingNameOrder, "姓名排序", container.NewVBox(s.names, namesHint))
	s.role = newSelect(nil, nil)
	roleHint := widget.NewLabel("党支部书记只管理本支部，党总支审核各支部")
	roleHint.Wrapping = fyne.TextWrapWord
	s.form.add(data.SettingRole, "本机身份", container.NewVBox(s.role, roleHint))
	saveBt := widget.NewButtonWithIcon("保存设置（Ctrl+S）", theme.DocumentSaveIcon(), s.save)
	saveBt.Importance = widget.HighImportance

	general := widget.NewCard("常规", "", container.NewVBox(s.form.object(), container.NewHBox(saveBt)))

	s.ruleForm = newFieldForm()
	s.ruleSel, s.ruleNum = map[string]*widget.Select{}, map[string]*widget.Entry{}
	for _, k := range data.MeetingKinds {
		sel := newSelect([]string{"每月", "每季度", "每年", "不作要求"}, nil)
		num := widget.NewEntry()
		s.ruleSel[k], s.ruleNum[k] = sel, num
		row := container.NewGridWithColumns(3, sel, num, widget.NewLabel("次"))
		s.ruleForm.add(k, k, row)
	}
	saveRules := widget.NewButtonWithIcon("保存会议频次", theme.DocumentSaveIcon(), func() { s.saveRules() })
	rulesCard := widget.NewCard("“三会一课”等会议频次要求", "用于计算各支部的落实情况；默认值按有关规定，可按本单位要求调整。",
		container.NewVBox(s.ruleForm.object(), container.NewHBox(saveRules)))

	s.backups = newTextTable([]string{"备份文件", "时间", "大小"}, []float32{280, 150, 80})
	s.backups.OnSelect = func(int) { s.refreshButtons() }
	backupNow := widget.NewButtonWithIcon("立即备份…", theme.DownloadIcon(), s.backupNow)
	backupNow.Importance = widget.HighImportance
	restoreFile := widget.NewButtonWithIcon("从文件恢复…", theme.UploadIcon(), s.restoreFromFile)
	s.restore = widget.NewButtonWithIcon("从选中的备份恢复", theme.HistoryIcon(), func() {
		if s.backups.selected >= 0 {
			s.confirmRestore(s.files[s.backups.selected].Path)
		}
	})
	s.refreshButtons()
	where := widget.NewLabel(fmt.Sprintf("数据库：%s\n备份目录：%s\n每个备份文件都包含数据库和全部附件。每天第一次启动时自动备份，只保留最近的若干份；“立即备份”可把备份保存到 U 盘等任意位置。",
		sh.store.Path(), sh.store.BackupDir()))
	where.Wrapping = fyne.TextWrapWord
	// The backup list takes the height left under the buttons (at least
	// a few rows), so nothing is below the fold on a 1366×705 window.
	backupCard := widget.NewCard("备份与恢复", "", container.NewBorder(
		container.NewVBox(where, container.NewGridWithColumns(3, backupNow, restoreFile, s.restore)), nil, nil, nil,
		container.NewStack(minHeight(120), s.backups)))

	// The 校验码 receipt: a page kept apart from the computer that the log
	// must keep holding (audit verify checks it).
	s.receipt = widget.NewButtonWithIcon("打印校验码回执", theme.DocumentPrintIcon(), func() {
		sh.printJob("操作日志校验码回执", func(out string, p jobs.Progress) (jobs.Done, error) {
			return jobs.PrintAuditReceipt(sh.ctx, sh.store, jobs.Options{Out: out}, p)
		})
	})
	receiptCard := widget.NewCard("操作日志校验码", "打印一页回执存档：日志的条数和校验值；日后核对可发现日志被截断、清空或改写。",
		container.NewHBox(s.receipt))

	about := widget.NewLabel(fmt.Sprintf("党建工作台 %s　数据结构版本 %d\n界面与打印字体：文泉驿微米黑（WenQuanYi Micro Hei），Apache License 2.0。",
		data.AppVersion, data.SchemaVersion()))
	about.Wrapping = fyne.TextWrapWord
	// Two columns that fit a laptop screen; each scrolls on its own when
	// a large font makes it taller than the window.
	left := container.NewVScroll(container.NewBorder(general, nil, nil, nil, backupCard))
	s.db = newDatabaseCard(sh)
	s.ops = newOperatorsCard(sh)
	rightBox := container.NewVBox(s.db.card, s.ops.obj, rulesCard, receiptCard, widget.NewCard("关于", "", about))
	s.db.relayout = rightBox.Refresh
	right := container.NewVScroll(rightBox)
	s.obj = container.NewGridWithColumns(2, left, right)
	return s
}

// minHeight is an empty object that keeps its container at least h high.
func minHeight(h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(0, h))
	return r
}

func (s *settingsScreen) title() string             { return "系统设置" }
func (s *settingsScreen) icon() fyne.Resource       { return theme.SettingsIcon() }
func (s *settingsScreen) object() fyne.CanvasObject { return s.obj }

func (s *settingsScreen) shown() {
	st, ctx := s.sh.store, s.sh.ctx
	op := st.Operator()
	if !st.HasOperator(ctx) {
		op = "" // the computer account is no name: ask for one
	}
	s.operator.SetText(op)
	if st.PasswordRequired() {
		// The operator is whoever signed in.
		s.operator.Disable()
	} else {
		s.operator.Enable()
	}
	s.ops.load()
	scale := st.FontScale(ctx)
	s.font.SetSelected(fontScales[1].label)
	for _, f := range fontScales {
		if f.scale == scale {
			s.font.SetSelected(f.label)
		}
	}
	s.warn.SetText(strconv.Itoa(st.TermWarnMonths(ctx)))
	s.keep.SetText(strconv.Itoa(st.BackupKeep(ctx)))
	s.names.SetSelected(st.NameOrder(ctx).Label())
	s.loadRoles()
	s.loadRules()
	s.form.clear()
	s.clean = s.form.state()
	s.loadBackups()
	s.db.refresh()
}

// activeEditor: the settings themselves are the editor.
func (s *settingsScreen) activeEditor() dirtyEditor { return s }

// Dirty: a setting or a meeting frequency was changed and not saved.
func (s *settingsScreen) Dirty() bool {
	return s.form.state() != s.clean || s.ruleForm.state() != s.rulesAt
}

// Save stores whichever part was changed; a refusal shows at its field.
func (s *settingsScreen) Save() error {
	if s.form.state() != s.clean {
		if err := s.saveGeneral(); err != nil {
			return err
		}
	}
	if s.ruleForm.state() != s.rulesAt {
		return s.saveRules()
	}
	return nil
}

// Discard shows the stored settings again.
func (s *settingsScreen) Discard() {
	s.shown()
	s.sh.clearUnsavedNote()
}

var periodNames = map[string]string{"month": "每月", "quarter": "每季度", "year": "每年", "none": "不作要求"}

func (s *settingsScreen) loadRules() {
	rules, err := s.sh.store.MeetingRules(s.sh.ctx)
	if err != nil {
		return
	}
	s.rules = rules
	for _, r := range rules {
		if sel, ok := s.ruleSel[r.Kind]; ok {
			sel.SetSelected(periodNames[r.Period])
			s.ruleNum[r.Kind].SetText(strconv.Itoa(r.Times))
		}
	}
	s.ruleForm.clear()
	s.rulesAt = s.ruleForm.state()
}

func (s *settingsScreen) saveRules() error {
	var errs data.Issues
	for _, r := range s.rules {
		next := r
		for k, v := range periodNames {
			if v == s.ruleSel[r.Kind].Selected {
				next.Period = k
			}
		}
		n, err := strconv.Atoi(strings.TrimSpace(s.ruleNum[r.Kind].Text))
		if err != nil {
			errs.Err(r.Kind, "次数应为整数")
			continue
		}
		next.Times = n
		if next.Period == "none" {
			next.Times = 0
		}
		if next == r {
			continue
		}
		if err := s.sh.store.SetMeetingRule(s.sh.ctx, next); err != nil {
			errs.Err(r.Kind, "%s", err.Error())
		}
	}
	if err := errs.AsError(); err != nil {
		s.ruleForm.show(err)
		return err
	}
	s.loadRules()
	s.sh.notify("会议频次已保存")
	return nil
}

func (s *settingsScreen) loadRoles() {
	roots, err := s.sh.store.OrgStructure(s.sh.ctx)
	if s.sh.readFailed(err, "组织架构") {
		return
	}
	names := []string{"党总支办公室"}
	s.roleIDs = []int64{0}
	for _, r := range roots {
		for _, b := range r.Children {
			names = append(names, b.Unit.Name()+"书记")
			s.roleIDs = append(s.roleIDs, b.Unit.ID)
		}
	}
	s.role.Options = names
	role := s.sh.store.Role(s.sh.ctx)
	s.role.SetSelectedIndex(0)
	for i, id := range s.roleIDs {
		if !role.Office && id == role.BranchID {
			s.role.SetSelectedIndex(i)
		}
	}
}

func (s *settingsScreen) refreshButtons() {
	if s.backups.selected >= 0 {
		s.restore.Enable()
	} else {
		s.restore.Disable()
	}
}

func (s *settingsScreen) loadBackups() {
	files, err := s.sh.store.Backups()
	if err != nil {
		s.sh.showError(err)
		return
	}
	s.files = files
	rows := make([][]string, len(files))
	for i, f := range files {
		rows[i] = []string{f.Name, f.ModTime.Format("2006-01-02 15:04"), humanSize(f.Size)}
	}
	s.backups.setRows(rows)
	s.refreshButtons()
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func (s *settingsScreen) save() { s.saveGeneral() }

// saveGeneral stores the 常规 settings; it returns the refusal it shows.
func (s *settingsScreen) saveGeneral() error {
	var is data.Issues
	warn, err := strconv.Atoi(strings.TrimSpace(s.warn.Text))
	if err != nil || warn < 0 || warn > 36 {
		is.Err(data.SettingTermWarnMonths, "请填写 0 至 36 之间的整数")
	}
	keep, err := strconv.Atoi(strings.TrimSpace(s.keep.Text))
	if err != nil || keep < 1 || keep > 365 {
		is.Err(data.SettingBackupKeep, "请填写 1 至 365 之间的整数")
	}
	if strings.TrimSpace(s.operator.Text) == "" {
		is.Err(data.SettingOperator, "操作员姓名不能为空")
	}
	if err := is.AsError(); err != nil {
		s.form.show(err)
		return err
	}
	st, ctx := s.sh.store, s.sh.ctx
	if !st.PasswordRequired() {
		if err := st.SetOperator(ctx, s.operator.Text); err != nil {
			s.form.show(err)
			return err
		}
	}
	scale := 1.0
	for _, f := range fontScales {
		if f.label == s.font.Selected {
			scale = f.scale
		}
	}
	err = st.Write(ctx, func(tx *data.Tx) error {
		for k, v := range map[string]string{
			data.SettingTermWarnMonths: strconv.Itoa(warn),
			data.SettingBackupKeep:     strconv.Itoa(keep),
			data.SettingFontScale:      strconv.FormatFloat(scale, 'f', -1, 64),
			data.SettingNameOrder:      string(data.NameOrderOf(s.names.Selected)),
		} {
			if err := tx.SetSetting(k, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.form.show(err)
		return err
	}
	s.form.clear()
	s.sh.app.Settings().SetTheme(NewTheme(scale))
	s.sh.refreshOperator()
	s.clean = s.form.state()
	s.sh.notify("设置已保存")
	// 本机身份 last: with a password set it needs the password confirmed.
	role := data.Role{Office: true}
	if i := s.role.SelectedIndex(); i > 0 && i < len(s.roleIDs) {
		role = data.Role{BranchID: s.roleIDs[i]}
	}
	if role != st.Role(ctx) {
		var failed error
		s.sh.guarded(func() error { return st.SetRole(ctx, st.Role(ctx), role) }, func(err error) {
			if err != nil {
				failed = err
				s.form.show(&data.ValidationError{Errors: []data.FieldIssue{{Field: data.SettingRole, Msg: err.Error()}}})
				return
			}
			s.sh.refreshOperator()
			s.clean = s.form.state()
			s.sh.notify("设置已保存，本机身份已更改")
		})
		return failed
	}
	return nil
}

// runWithProgress runs job off the UI thread behind a modal progress bar.
func (s *settingsScreen) runWithProgress(title string, job func(ctx context.Context, p data.Progress) (string, error)) {
	bar := widget.NewProgressBar()
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(widget.NewLabel("请稍候，完成前不要关闭程序。"), bar), s.sh.win)
	d.Resize(fyne.NewSize(420, 120))
	d.Show()
	go func() {
		msg, err := job(s.sh.ctx, func(f float64) { fyne.Do(func() { bar.SetValue(f) }) })
		fyne.Do(func() {
			d.Hide()
			if err != nil {
				s.sh.showError(err)
			} else {
				dialog.ShowInformation(title, msg, s.sh.win)
				s.sh.notify(msg)
			}
			s.loadBackups()
		})
	}()
}

func (s *settingsScreen) backupNow() {
	c := fileChoice{title: "保存备份", dir: s.sh.store.BackupDir(), kind: "党建工作台备份", exts: []string{".db"},
		name: "党建工作台备份-" + time.Now().Format("20060102-1504") + ".db"}
	s.sh.chooseSave(c, func(path string) {
		s.askBackupPassphrase(func(pass string) {
			s.runWithProgress("备份数据库", func(ctx context.Context, p data.Progress) (string, error) {
				// The save dialog asked before replacing an existing file (and
				// may have created an empty one), so replacing is agreed.
				written, err := s.sh.store.BackupWith(ctx, path, data.BackupOptions{Overwrite: true, Passphrase: pass}, p)
				dropPlaceholder(path, written)
				if err != nil {
					return "", err
				}
				note := ""
				if pass != "" {
					note = "，已用口令加密"
				}
				return "已备份到 " + written + "（数据库和附件，已通过完整性检查" + note + "）", nil
			})
		})
	})
}

// askBackupPassphrase asks whether to encrypt a backup made now: an empty
// passphrase makes a plain backup.
func (s *settingsScreen) askBackupPassphrase(then func(pass string)) {
	s.sh.askPassphrase("加密备份", "开始备份", "备份含党员身份证号等个人信息。带出本机（U 盘、网盘）的备份建议加密：输入口令则保存为 .db.age 加密文件，恢复时须输入同一口令；留空则不加密。", then)
}

func (s *settingsScreen) restoreFromFile() {
	s.sh.chooseOpen(fileChoice{title: "选择要恢复的备份", dir: s.sh.store.BackupDir(), kind: "党建工作台备份", exts: []string{".db", ".age"}}, s.confirmRestore)
}

// confirmRestore checks the file first, so a wrong file is refused before
// the user is asked anything.
func (s *settingsScreen) confirmRestore(path string) {
	if data.IsEncrypted(path) {
		// An encrypted backup is checked once it is opened with its
		// passphrase; a wrong one is refused before anything changes.
		pw := widget.NewPasswordEntry()
		d := dialog.NewForm("加密的备份", "继续", "取消", []*widget.FormItem{widget.NewFormItem("备份口令", pw)}, func(ok bool) {
			if ok {
				s.askRestore(path, pw.Text)
			}
		}, s.sh.win)
		d.Resize(fyne.NewSize(420, 150))
		d.Show()
		s.sh.win.Canvas().Focus(pw)
		return
	}
	if err := data.CheckBackupFile(s.sh.ctx, path); err != nil {
		s.sh.showError(err)
		return
	}
	s.askRestore(path, "")
}

func (s *settingsScreen) askRestore(path, pass string) {
	msg := fmt.Sprintf("用备份“%s”替换当前数据库和附件吗？\n当前数据库和附件会先自动另存到备份目录，恢复后如有需要仍可找回。", filepath.Base(path))
	dialog.ShowConfirm("从备份恢复", msg, func(ok bool) {
		if !ok {
			return
		}
		s.runWithProgress("从备份恢复", func(ctx context.Context, p data.Progress) (string, error) {
			res, err := s.sh.store.RestoreWith(ctx, path, pass, p)
			if err != nil {
				return "", err
			}
			fyne.Do(s.sh.afterRestore)
			return res.Summary(filepath.Base(path)), nil
		})
	}, s.sh.win)
}
