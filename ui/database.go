package ui

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

// prefRecent holds the databases opened lately, newest first, in Fyne's
// preferences of the app (they belong to the computer, not to a database).
const prefRecent = "database.recent"

const maxRecent = 8

// RecentDatabases lists the databases opened lately, newest first.
func RecentDatabases(a fyne.App) []string { return a.Preferences().StringList(prefRecent) }

// RememberDatabase puts path at the head of the recent list.
func RememberDatabase(a fyne.App, path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	list := []string{path}
	for _, p := range RecentDatabases(a) {
		if !samePath(p, path) && len(list) < maxRecent {
			list = append(list, p)
		}
	}
	a.Preferences().SetStringList(prefRecent, list)
}

// LastDatabase is the database in use when the program was last left,
// when it still exists, so a database opened with 打开数据库 is the one
// found at the next start; "" when there is none.
//
// In portable mode (a USB drive) only a database beside the program
// counts: the preferences belong to the computer, and the drive's own
// data must not be swapped for one the computer remembers.
func LastDatabase(a fyne.App) string {
	list := RecentDatabases(a)
	if len(list) == 0 || !fileExists(list[0]) {
		return ""
	}
	if dir := data.PortableDir(); dir != "" {
		rel, err := filepath.Rel(filepath.Dir(dir), list[0])
		if err != nil || strings.HasPrefix(rel, "..") {
			return ""
		}
	}
	return list[0]
}

func samePath(a, b string) bool {
	a, b = filepath.Clean(a), filepath.Clean(b)
	if filepath.Separator == '\\' {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// demoBadge is the 演示数据 mark under the program's name, with the way
// out of the demo, shown while the database holds the demo.
type demoBadge struct {
	box   *fyne.Container
	start *widget.Button
}

func newDemoBadge(sh *Shell) *demoBadge {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameWarning))
	bg.CornerRadius = theme.InputRadiusSize()
	text := canvas.NewText("演示数据", color.White)
	text.TextStyle = fyne.TextStyle{Bold: true}
	text.Alignment = fyne.TextAlignCenter
	b := &demoBadge{start: widget.NewButton("开始正式使用…", sh.askClearDemo)}
	b.start.Importance = widget.WarningImportance
	b.box = container.NewVBox(container.NewStack(bg, container.NewPadded(text)), b.start)
	b.refresh(sh)
	return b
}

func (b *demoBadge) refresh(sh *Shell) {
	if sh.store.IsDemo(sh.ctx) {
		b.box.Show()
	} else {
		b.box.Hide()
	}
	// Showing or hiding changes the height of the panel above the
	// navigation: lay it out again.
	if sh.leftPanel != nil {
		sh.leftPanel.Refresh()
	}
}

// refreshDatabase updates what shows which database is open.
func (sh *Shell) refreshDatabase() {
	text := "数据库：" + sh.store.Path()
	if sh.store.IsDemo(sh.ctx) {
		text += "（演示数据）"
	}
	sh.dbLabel.SetText(text)
	if sh.demoBadge != nil {
		sh.demoBadge.refresh(sh)
	}
}

// databaseCard is the 数据库 part of 系统设置: which database is open,
// 新建 / 打开 / 最近使用, and the way out of the demo.
type databaseCard struct {
	sh     *Shell
	where  *widget.Label
	recent *widget.Select
	paths  []string
	clear  *widget.Button
	card   *widget.Card
	// relayout lays out what holds the card, whose height changes.
	relayout func()
}

func newDatabaseCard(sh *Shell) *databaseCard {
	c := &databaseCard{sh: sh}
	c.where = widget.NewLabel("")
	c.where.Wrapping = fyne.TextWrapWord
	newBt := widget.NewButtonWithIcon("新建数据库…", theme.ContentAddIcon(), sh.newDatabase)
	openBt := widget.NewButtonWithIcon("打开数据库…", theme.FolderOpenIcon(), sh.openDatabaseDialog)
	c.recent = newSelect(nil, nil)
	c.recent.PlaceHolder = "（最近使用的数据库）"
	c.recent.OnChanged = func(string) {
		i := c.recent.SelectedIndex()
		if i < 0 || i >= len(c.paths) {
			return
		}
		p := c.paths[i]
		c.recent.ClearSelected()
		sh.openDatabase(p)
	}
	c.clear = widget.NewButtonWithIcon("清除演示数据，开始正式使用…", theme.DeleteIcon(), sh.askClearDemo)
	c.clear.Importance = widget.WarningImportance
	c.card = widget.NewCard("数据库", "", container.NewVBox(c.where,
		container.NewGridWithColumns(2, newBt, openBt),
		container.NewBorder(nil, nil, widget.NewLabel("最近使用"), nil, c.recent),
		c.clear))
	return c
}

func (c *databaseCard) refresh() {
	sh := c.sh
	text := "当前数据库：" + sh.store.Path()
	if sh.store.IsDemo(sh.ctx) {
		text += "\n这是演示数据，仅供熟悉功能。正式使用前请“清除演示数据，开始正式使用”（演示数据会先备份），或新建一个数据库。"
		c.clear.Show()
	} else {
		c.clear.Hide()
	}
	c.where.SetText(text)
	c.paths = nil
	var labels []string
	for _, p := range RecentDatabases(sh.app) {
		if samePath(p, sh.store.Path()) || !fileExists(p) {
			continue
		}
		c.paths = append(c.paths, p)
		labels = append(labels, filepath.Base(p)+"（"+filepath.Dir(p)+"）")
	}
	c.recent.Options = labels
	c.recent.ClearSelected()
	if len(labels) == 0 {
		c.recent.Disable()
	} else {
		c.recent.Enable()
	}
	// The description changes height: lay the card out again.
	c.card.Refresh()
	if c.relayout != nil {
		c.relayout()
	}
}

// dbChoice is the question for a database file.
func (sh *Shell) dbChoice(title string) fileChoice {
	return fileChoice{title: title, dir: filepath.Dir(sh.store.Path()), kind: "党建工作台数据库", exts: []string{".db"}}
}

// openDatabaseDialog asks for a database file and switches to it.
func (sh *Shell) openDatabaseDialog() {
	sh.chooseOpen(sh.dbChoice("打开数据库"), sh.openDatabase)
}

// newDatabase asks where to put a new, empty database and switches to it;
// the first-start questions follow.
func (sh *Shell) newDatabase() {
	c := sh.dbChoice("新建数据库")
	c.name = "党建数据-" + time.Now().Format("20060102") + ".db"
	sh.chooseSave(c, func(path string) {
		// Fyne's save dialog leaves an empty file behind; a file with
		// anything in it is never taken over.
		if fi, err := os.Stat(path); err == nil {
			if fi.Size() > 0 {
				sh.showHint("新建数据库", "“"+path+"”已经存在。\n新建数据库不会覆盖已有的文件：请换一个文件名；要使用这个文件，请点“打开数据库”。")
				return
			}
		}
		sh.switchDatabase(path, true)
	})
}

// openDatabase switches to the database at path.
func (sh *Shell) openDatabase(path string) {
	if samePath(path, sh.store.Path()) {
		sh.notify("这就是当前正在使用的数据库")
		return
	}
	if !fileExists(path) {
		sh.showHint("打开数据库", "找不到数据库文件“"+path+"”，它可能已被移动或删除。\n请点“打开数据库…”找到它现在的位置。")
		return
	}
	sh.switchDatabase(path, false)
}

// switchDatabase settles unsaved edits, opens the database at path and
// rebuilds the window for it; the previous database is closed only once
// the new one is open, so a refusal leaves everything as it was.
func (sh *Shell) switchDatabase(path string, created bool) {
	sh.guard(func() {
		s, err := data.Open(path, data.Options{Program: "党建工作台", FallbackReadOnly: true})
		if err != nil {
			sh.showError(fmt.Errorf("无法打开数据库“%s”，仍在使用原来的数据库。%w", path, err))
			return
		}
		old := sh.store
		if created && old.HasOperator(sh.ctx) {
			// The same person goes on working: keep the name.
			if err := s.SetOperator(sh.ctx, old.Operator()); err != nil {
				fyne.LogError("operator", err)
			}
		}
		hideDialogs(sh.win)
		sh.build(s)
		old.Close()
		RememberDatabase(sh.app, old.Path())
		RememberDatabase(sh.app, s.Path())
		sh.notify("已打开数据库 " + s.Path())
		if !s.ReadOnly() {
			sh.AutoBackup()
		}
		sh.FirstStart()
	}, nil)
}

// hideDialogs removes whatever dialog is still over the window (none
// holds unsaved changes: the guard settled them) and forgets the form
// dialogs among them, which belonged to the previous database.
func hideDialogs(w fyne.Window) {
	for o := w.Canvas().Overlays().Top(); o != nil; o = w.Canvas().Overlays().Top() {
		w.Canvas().Overlays().Remove(o)
	}
	delete(modalEditors, w)
}

// askClearDemo explains 清除演示数据 and does it when agreed.
func (sh *Shell) askClearDemo() {
	if !sh.store.IsDemo(sh.ctx) {
		sh.showHint("开始正式使用", "当前数据库不是演示数据，无需清除。")
		return
	}
	msg := widget.NewLabel("将把演示数据完整备份到备份目录（" + sh.store.BackupDir() + "），然后把当前数据库换成一个空数据库，供正式使用。\n\n" +
		"演示数据不会丢失：以后可在“系统设置”的“数据库”中点“打开数据库”，打开备份目录里的“演示数据-日期.db”再看。\n" +
		"操作员姓名保留；换成空数据库后，请先在“组织架构”中建立党总支和各党支部。")
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	cancel := widget.NewButton("取消", func() { d.Hide() })
	ok := widget.NewButtonWithIcon("备份并清除演示数据", theme.ConfirmIcon(), func() {
		d.Hide()
		sh.guard(sh.clearDemo, nil)
	})
	ok.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons("清除演示数据，开始正式使用", container.NewBorder(nil,
		container.NewHBox(layout.NewSpacer(), cancel, ok), nil, nil, msg), sh.win)
	d.Resize(fyne.NewSize(560, 300))
	d.Show()
}

// clearDemo backs the demo up and starts an empty database in its place.
func (sh *Shell) clearDemo() {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons("清除演示数据", container.NewVBox(widget.NewLabel("正在备份演示数据并换成空数据库，请稍候……"), bar), sh.win)
	d.Show()
	sh.background(func() {
		kept, err := sh.store.ClearDemo(sh.ctx)
		fyne.Do(func() {
			d.Hide()
			if err != nil {
				sh.showError(err)
				return
			}
			RememberDatabase(sh.app, kept)
			RememberDatabase(sh.app, sh.store.Path())
			hideDialogs(sh.win)
			sh.build(sh.store)
			sh.notify("演示数据已备份到 " + kept + "，现在是空数据库，可以开始正式使用")
			sh.showInfo("开始正式使用", "演示数据已备份到：\n"+kept+"\n\n现在的数据库是空的。请先在“组织架构”中点“新建党总支”，再建立各党支部。")
		})
	})
}
