package ui

import (
	"errors"
	"fmt"
	"image/color"
	"reflect"
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

// The sign-in and lock screen. When any operator has a password, the
// workbench asks for operator and password at start and again after the
// configured idle minutes. The lock is a full-window modal layer put over
// whatever is open — screens, editors, dialogs are left exactly as they
// are, so text typed but not saved is there after the sign-in. While
// locked the store refuses every write (data.Store.Lock).

// lockScreen is the layer and its sign-in form.
type lockScreen struct {
	sh       *Shell
	pop      *widget.PopUp
	operator *widget.Select
	password *widget.Entry
	msg      *widget.Label
	title    *widget.Label
	// focus was focused when the lock came; it gets the focus back.
	focus fyne.Focusable
	// then runs once after the next sign-in (the automatic backup at start).
	then []func()
}

// IdleProbe, when set (by the program, per platform), tells how long the
// user has not touched keyboard or mouse; without it the shell watches
// its own window: typing, focus and screen changes count as activity.
var IdleProbe func() time.Duration

// Locked reports whether the lock screen is up.
func (sh *Shell) Locked() bool { return sh.lock != nil && sh.lock.pop != nil && sh.lock.pop.Visible() }

// LockNow puts the sign-in screen over the window and forgets the sign-in.
// It does nothing while no password is set.
func (sh *Shell) LockNow() {
	if !sh.store.PasswordRequired() || sh.Locked() {
		return
	}
	sh.store.Lock()
	if sh.lock == nil {
		sh.lock = sh.newLockScreen()
	}
	l := sh.lock
	l.title.SetText("党建工作台已锁定")
	if sh.store.Operator() == "" || sh.lastActive.IsZero() {
		l.title.SetText("请登录党建工作台")
	}
	l.focus = sh.win.Canvas().Focused()
	sh.win.Canvas().Unfocus()
	l.load()
	l.pop.Resize(sh.win.Canvas().Size())
	l.pop.Show()
	sh.win.Canvas().Focus(l.password)
}

// AfterSignIn runs f now, or after the sign-in when the lock is up.
func (sh *Shell) AfterSignIn(f func()) {
	if sh.Locked() {
		sh.lock.then = append(sh.lock.then, f)
		return
	}
	f()
}

func (sh *Shell) newLockScreen() *lockScreen {
	l := &lockScreen{sh: sh}
	l.title = widget.NewLabelWithStyle("党建工作台已锁定", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	l.title.SizeName = theme.SizeNameSubHeadingText
	l.operator = newSelect(nil, nil)
	l.password = widget.NewPasswordEntry()
	l.password.SetPlaceHolder("密码（未设密码的操作员留空）")
	l.password.OnSubmitted = func(string) { l.submit() }
	l.msg = widget.NewLabel("")
	l.msg.Importance = widget.DangerImportance
	l.msg.Hide()
	ok := widget.NewButtonWithIcon("登录", theme.LoginIcon(), l.submit)
	ok.Importance = widget.HighImportance
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("操作员"), l.operator,
		widget.NewLabel("密码"), l.password)
	hint := widget.NewLabel("请选择操作员并输入密码。未保存的内容仍保留在原处。")
	hint.Alignment = fyne.TextAlignCenter
	card := widget.NewCard("", "", container.NewVBox(l.title, hint, form, l.msg, container.NewHBox(layout.NewSpacer(), ok)))
	box := container.NewGridWrap(fyne.NewSize(440, card.MinSize().Height), card)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	// Opaque: nothing of the records shows through the lock.
	bg.FillColor = opaque(theme.Color(theme.ColorNameBackground))
	l.pop = widget.NewModalPopUp(container.NewStack(bg, container.NewCenter(box)), sh.win.Canvas())
	return l
}

func opaque(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0xff}
}

// load fills the operator list (active operators) and selects the one
// signed in before.
func (l *lockScreen) load() {
	ops, err := l.sh.store.Operators(l.sh.ctx)
	var names []string
	for _, o := range ops {
		if o.Active {
			names = append(names, o.Name)
		}
	}
	l.operator.Options = names
	l.operator.ClearSelected()
	for _, n := range names {
		if n == l.sh.store.Operator() {
			l.operator.SetSelected(n)
		}
	}
	if l.operator.Selected == "" && len(names) > 0 {
		l.operator.SetSelected(names[0])
	}
	l.password.SetText("")
	l.msg.Hide()
	if err != nil {
		l.msg.SetText(err.Error())
		l.msg.Show()
	}
}

func (l *lockScreen) submit() {
	err := l.sh.store.SignIn(l.sh.ctx, l.operator.Selected, l.password.Text)
	if err != nil {
		l.password.SetText("")
		l.msg.SetText(err.Error())
		l.msg.Show()
		l.sh.win.Canvas().Focus(l.password)
		return
	}
	l.password.SetText("")
	l.msg.Hide()
	l.pop.Hide()
	l.sh.touch()
	l.sh.refreshOperator()
	if l.focus != nil {
		l.sh.win.Canvas().Focus(l.focus)
	}
	then := l.then
	l.then = nil
	for _, f := range then {
		f()
	}
}

// touch records activity now.
func (sh *Shell) touch() { sh.lastActive = time.Now() }

// activityMark is what the shell can see of the user's activity in its own
// window: the focused widget and, for an entry, its text and cursor.
func (sh *Shell) activityMark() string {
	c := sh.win.Canvas()
	mark := fmt.Sprintf("%d|%p", len(c.Overlays().List()), sh.current)
	if f := c.Focused(); f != nil {
		mark += fmt.Sprintf("|%p", f)
		if e, ok := f.(*widget.Entry); ok {
			mark += fmt.Sprintf("|%d|%d|%d", len(e.Text), e.CursorRow, e.CursorColumn)
		} else if v := reflect.ValueOf(f); v.Kind() == reflect.Pointer {
			// Widgets embedding an entry (the form's own entries).
			if ef := v.Elem().FieldByName("Entry"); ef.IsValid() && ef.Kind() == reflect.Struct {
				if e, ok := ef.Addr().Interface().(*widget.Entry); ok {
					mark += fmt.Sprintf("|%d|%d|%d", len(e.Text), e.CursorRow, e.CursorColumn)
				}
			}
		}
	}
	return mark
}

// WatchIdle locks the window after the configured idle minutes, checking
// every few seconds. The program starts it; tests call checkIdle instead,
// since a ticker left running by one test's window would touch widgets
// while the next test drives its own.
func (sh *Shell) WatchIdle(tick time.Duration) {
	mark := ""
	go func() {
		for range time.Tick(tick) {
			fyne.Do(func() { mark = sh.checkIdle(mark) })
		}
	}()
}

// checkIdle is one look at the activity: it locks when the idle time has
// passed and returns the new activity mark.
func (sh *Shell) checkIdle(mark string) string {
	if sh.Locked() {
		if sz := sh.win.Canvas().Size(); sh.lock.pop.Size() != sz {
			sh.lock.pop.Resize(sz)
		}
	}
	if !sh.store.PasswordRequired() || sh.Locked() {
		sh.touch()
		return mark
	}
	if m := sh.activityMark(); m != mark {
		sh.touch()
		mark = m
	}
	idle := time.Since(sh.lastActive)
	if IdleProbe != nil {
		idle = IdleProbe()
	}
	if sh.lockMinutes < 0 {
		sh.lockMinutes = sh.store.LockMinutes(sh.ctx)
	}
	minutes := sh.lockMinutes
	if minutes > 0 && idle >= time.Duration(minutes)*time.Minute {
		sh.LockNow()
	}
	return mark
}

// guarded runs a change that needs the password confirmed (本机身份,
// operators, passwords, 备份口令): when the store asks for it, the password
// is asked in a dialog and the change is tried again. done gets the final
// error (nil on success); a cancelled dialog gives the refusal.
func (sh *Shell) guarded(change func() error, done func(error)) {
	err := change()
	if !errors.Is(err, data.ErrConfirmPassword) {
		done(err)
		return
	}
	if cerr := sh.store.ConfirmPassword(sh.ctx, ""); errors.Is(cerr, data.ErrNoOwnPassword) {
		done(cerr) // no password of one's own: nothing to ask
		return
	}
	pw := widget.NewPasswordEntry()
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Hide()
	items := []*widget.FormItem{widget.NewFormItem("密码", container.NewVBox(pw, msg))}
	var d *dialog.FormDialog
	d = dialog.NewForm("请输入“"+sh.store.Operator()+"”的密码确认", "确认", "取消", items, func(ok bool) {
		if !ok {
			done(err)
			return
		}
		if cerr := sh.store.ConfirmPassword(sh.ctx, pw.Text); cerr != nil {
			done(cerr)
			return
		}
		done(change())
	}, sh.win)
	pw.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(420, 180))
	d.Show()
	sh.win.Canvas().Focus(pw)
}

// role is who uses this copy (本机身份), passed to every write.
func (sh *Shell) role() data.Role { return sh.store.Role(sh.ctx) }
