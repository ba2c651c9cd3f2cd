package ui

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

// screen is one working module in the navigation.
type screen interface {
	title() string
	icon() fyne.Resource
	object() fyne.CanvasObject
	// shown is called each time the screen becomes visible, to reload.
	shown()
}

// Optional abilities a screen may have; the shell routes shortcuts to them.
type (
	saver    interface{ save() }
	flusher  interface{ flush() } // saves work in progress before the screen is left
	printer  interface{ print() }
	searcher interface{ focusSearch() }
)

// Shell is the main window: navigation on the left, the current screen,
// and a status line with the database and the operator.
type Shell struct {
	app   fyne.App
	win   fyne.Window
	store *data.Store
	ctx   context.Context

	screens []screen
	current screen
	nav     *widget.List
	navIdx  int            // the entry of current in nav
	asking  *unsavedDialog // the 保存/不保存/取消 question while it is up
	onClose func()         // what closing the window does, after guarding
	body    *fyne.Container

	dbLabel   *widget.Label
	demoBadge *demoBadge
	leftPanel *fyne.Container // program name, demo badge, navigation
	opLabel   *widget.Label
	msgLabel  *widget.Label

	// OpenFile shows a produced file (a PDF) with the system viewer;
	// tests replace it.
	OpenFile func(path string) error
	// pickFile replaces the open and save dialogs in tests.
	pickFile func(save bool, c fileChoice, pick func(path string))
	// background runs a job off the UI thread; tests run it at once.
	background func(func())

	// The exchange's last package preview and refusal, for tests.
	lastPreview *packagePreview
	lastRefusal string

	lock        *lockScreen // the sign-in layer, once made (lock.go)
	lastActive  time.Time
	lockMinutes int // the idle limit as last read; -1 to read it again
}

// newBackground is how a new Shell runs work off the UI thread (the
// first screen's counts load while Create builds the rest). Tests that
// build a window and drive it at once replace it: Fyne's test driver runs
// fyne.Do on the calling goroutine, so a real background would race them.
var newBackground = func(f func()) { go f() }

// Create builds the workbench into win for store s.
func Create(a fyne.App, win fyne.Window, s *data.Store) *Shell {
	sh := &Shell{app: a, win: win, ctx: context.Background(), background: newBackground}
	sh.OpenFile = func(p string) error {
		return a.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(p)})
	}
	sh.build(s)
	// Drafts are saved, and other unsaved changes asked about, before the
	// window closes, so nothing typed is lost.
	sh.onClose = win.Close
	win.SetCloseIntercept(sh.requestClose)
	sh.touch()
	sh.lockMinutes = -1 // read the idle limit at the first look
	return sh
}

// build makes the workbench for store s in the window; switching database
// builds it anew, so no screen keeps anything of the previous one.
func (sh *Shell) build(s *data.Store) {
	a, win := sh.app, sh.win
	sh.store, sh.current, sh.navIdx = s, nil, 0
	a.Settings().SetTheme(NewTheme(s.FontScale(sh.ctx)))

	sh.screens = []screen{
		newHomeScreen(sh),
		newOrgScreen(sh),
		newMembersScreen(sh),
		newMeetingsScreen(sh),
		newDevelopmentScreen(sh),
		newStudyScreen(sh),
		newNoticesScreen(sh),
		newLibraryScreen(sh),
		newAssessScreen(sh),
		newDuesScreen(sh),
		newStatsScreen(sh),
		newAuditScreen(sh),
		newExchangeScreen(sh),
		newSettingsScreen(sh),
	}
	sh.body = container.NewStack()
	sh.nav = widget.NewList(
		func() int { return len(sh.screens) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("组织架构管理"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(sh.screens[i].icon())
			box.Objects[1].(*widget.Label).SetText(sh.screens[i].title())
		},
	)
	sh.nav.OnSelected = func(i widget.ListItemID) {
		if sh.current == sh.screens[i] {
			return
		}
		// Leaving a screen with unsaved changes asks first; 取消 puts the
		// navigation back on the screen being edited.
		sh.guard(func() {
			sh.navIdx = i
			sh.show(sh.screens[i])
		}, func() { sh.nav.Select(sh.navIdx) })
	}

	sh.dbLabel = widget.NewLabel("")
	sh.dbLabel.Truncation = fyne.TextTruncateEllipsis
	sh.opLabel = widget.NewLabel("")
	sh.msgLabel = widget.NewLabel("")
	sh.msgLabel.Truncation = fyne.TextTruncateEllipsis
	sh.refreshOperator()
	status := container.NewBorder(nil, nil, nil, sh.opLabel, container.NewGridWithColumns(2, sh.dbLabel, sh.msgLabel))

	title := widget.NewLabelWithStyle("党建工作台", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	sh.demoBadge = newDemoBadge(sh)
	sh.refreshDatabase()
	left := container.NewBorder(container.NewVBox(title, sh.demoBadge.box, widget.NewSeparator()), nil, nil, nil, sh.nav)
	sh.leftPanel = left
	split := container.NewHSplit(left, sh.body)
	split.Offset = 0.14
	var top fyne.CanvasObject
	if s.ReadOnly() {
		top = container.NewVBox(readOnlyBanner(s.ReadOnlyReason()), widget.NewSeparator())
	}
	win.SetContent(container.NewBorder(top, container.NewVBox(widget.NewSeparator(), status), nil, nil, split))
	sh.addShortcuts()
	sh.nav.Select(0)
	if s.PasswordRequired() && !s.SignedIn() {
		sh.LockNow()
	}
}

// requestClose closes the window once no editor holds unsaved changes.
func (sh *Shell) requestClose() {
	sh.guard(func() { sh.onClose() }, nil)
}

// SetOnClose sets what happens when the window may close (the program
// saves the window size there); it must end by closing the window.
func (sh *Shell) SetOnClose(f func()) { sh.onClose = f }

// readOnlyBanner is the line across the top of a window whose database
// cannot be written (a read-only file or folder).
func readOnlyBanner(reason string) fyne.CanvasObject {
	text := "数据库为只读，只能查看和导出"
	if reason != "" {
		text += "（" + reason + "）"
	}
	l := widget.NewLabelWithStyle(text, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	l.Importance = widget.WarningImportance
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, l)
}

// flush asks the current screen to save work in progress.
func (sh *Shell) flush() {
	if f, ok := sh.current.(flusher); ok {
		f.flush()
	}
}

func (sh *Shell) show(s screen) {
	sh.flush()
	sh.current = s
	sh.body.Objects = []fyne.CanvasObject{s.object()}
	sh.body.Refresh()
	s.shown()
}

// tabbed is a screen with tabs that Show can select ("三会一课/落实情况").
type tabbed interface{ tabsOf() *container.AppTabs }

// Show switches to the screen with the given title (used by --screen),
// and to one of its tabs when the title is "screen/tab".
func (sh *Shell) Show(title string) bool {
	title, tab, _ := strings.Cut(title, "/")
	for i, s := range sh.screens {
		if s.title() != title {
			continue
		}
		sh.nav.Select(i)
		if tab == "" {
			return true
		}
		if t, ok := s.(tabbed); ok {
			for _, it := range t.tabsOf().Items {
				// A tab may carry a count: "冲突（2）" is "冲突".
				if it.Text == tab || strings.HasPrefix(it.Text, tab+"（") {
					t.tabsOf().Select(it)
					return true
				}
			}
		}
		return false
	}
	return false
}

// Titles lists the navigation entries.
func (sh *Shell) Titles() []string {
	var out []string
	for _, s := range sh.screens {
		out = append(out, s.title())
	}
	return out
}

func (sh *Shell) addShortcuts() {
	c := sh.win.Canvas()
	mod := fyne.KeyModifierShortcutDefault
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: mod}, func(fyne.Shortcut) {
		if sh.Locked() {
			return
		}
		if s, ok := sh.current.(saver); ok {
			s.save()
		}
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: mod}, func(fyne.Shortcut) {
		if sh.Locked() {
			return
		}
		if s, ok := sh.current.(printer); ok {
			s.print()
		}
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: mod}, func(fyne.Shortcut) {
		if sh.Locked() {
			return
		}
		if s, ok := sh.current.(searcher); ok {
			s.focusSearch()
		}
	})
}

func (sh *Shell) refreshOperator() {
	role := sh.store.Role(sh.ctx)
	names, err := sh.store.UnitNames(sh.ctx)
	sh.readFailed(err, "组织名称")
	sh.opLabel.SetText("身份：" + role.Label(func(id int64) string { return names[id] }) + "　操作员：" + sh.operatorText())
}

// operatorText names the operator as the screens show it: never the
// computer account, which is not a person.
func (sh *Shell) operatorText() string {
	if !sh.store.HasOperator(sh.ctx) {
		return "（未填写）"
	}
	return sh.store.Operator()
}

// afterRestore reloads everything after the database was replaced.
func (sh *Shell) afterRestore() {
	sh.app.Settings().SetTheme(NewTheme(sh.store.FontScale(sh.ctx)))
	sh.refreshOperator()
	sh.refreshDatabase()
	if sh.current != nil {
		sh.current.shown()
	}
	// A restored database may have passwords the old one had not.
	sh.lockMinutes = -1
	if sh.store.PasswordRequired() && !sh.store.SignedIn() {
		sh.LockNow()
	}
}

// notify shows a short message in the status line.
func (sh *Shell) notify(msg string) {
	sh.msgLabel.SetText(time.Now().Format("15:04 ") + msg)
}

// readFailed tells whether a read from the store failed, and if so says
// so: a screen that silently shows nothing (or a blank record) after a
// failed read looks like lost data.
func (sh *Shell) readFailed(err error, what string) bool {
	if err == nil {
		return false
	}
	sh.showError(fmt.Errorf("读取%s时出错：%w。请重试；如果一再出现，请到“系统设置”从备份恢复", what, err))
	return true
}

// printDir is where printed PDFs are kept: beside the database, so the
// office finds every printed record in one place.
func (sh *Shell) printDir() string {
	return filepath.Join(filepath.Dir(sh.store.Path()), "打印")
}

// Store is the database the window works on now (打开数据库 changes it).
func (sh *Shell) Store() *data.Store { return sh.store }
