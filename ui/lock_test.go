package ui

import (
	"context"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

// newPasswordShell builds the workbench over a database whose operator
// 王芳 has a password, as at a real start.
func newPasswordShell(t *testing.T) *Shell {
	t.Helper()
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "ui.db")
	s, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddOperator(context.Background(), "王芳", "wangfang-pw"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddOperator(context.Background(), "李强", ""); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = data.Open(path, data.Options{}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 760))
	// The sign-in screen goes up inside Create, while 工作台 would load its
	// counts in the background: run that at once here (newBackground).
	sync := func(f func()) { f() }
	defer func(old func(func())) { newBackground = old }(newBackground)
	newBackground = sync
	sh := Create(fyne.CurrentApp(), w, s)
	sh.waitHome()
	return sh
}

func signInThroughLock(t *testing.T, sh *Shell, name, pw string) {
	t.Helper()
	if !sh.Locked() {
		t.Fatal("the lock screen is not up")
	}
	sh.lock.operator.SetSelected(name)
	test.Type(sh.lock.password, pw)
	test.Tap(findButton(t, sh.lock.pop.Content, "登录"))
}

func TestSignInAtStartAndIdleLockKeepsUnsavedText(t *testing.T) {
	sh := newPasswordShell(t)
	ran := false
	sh.AfterSignIn(func() { ran = true })
	if !sh.Locked() || ran {
		t.Fatalf("start: locked=%v, after-sign-in job ran=%v", sh.Locked(), ran)
	}
	// A wrong password: refused with a message, still locked.
	signInThroughLock(t, sh, "王芳", "wrong-password")
	if !sh.Locked() || !sh.lock.msg.Visible() || !strings.Contains(sh.lock.msg.Text, "密码不正确") {
		t.Fatalf("wrong password: locked=%v msg=%q", sh.Locked(), sh.lock.msg.Text)
	}
	signInThroughLock(t, sh, "王芳", "wangfang-pw")
	if sh.Locked() || !ran || sh.store.Operator() != "王芳" {
		t.Fatalf("after sign-in: locked=%v ran=%v operator=%q", sh.Locked(), ran, sh.store.Operator())
	}

	// Type into 系统设置 without saving, then stay idle past the limit.
	if !sh.Show("系统设置") {
		t.Fatal("no 系统设置")
	}
	st := sh.current.(*settingsScreen)
	typeInto(st.warn, "9")
	sh.win.Canvas().Focus(st.warn)
	mark := sh.checkIdle("")
	sh.lastActive = time.Now().Add(-16 * time.Minute)
	sh.checkIdle(mark)
	if !sh.Locked() {
		t.Fatal("not locked after 16 idle minutes (default 15)")
	}
	if sh.store.SignedIn() {
		t.Fatal("the store still takes writes while locked")
	}
	if err := sh.store.SetSetting(sh.ctx, data.SettingBackupKeep, "3"); !errors.Is(err, data.ErrNotSignedIn) {
		t.Fatalf("write while locked: %v", err)
	}
	// Typing while locked goes to the lock screen, not to the form behind it.
	if f := sh.win.Canvas().Focused(); f != sh.lock.password {
		t.Fatalf("focus while locked: %T", f)
	}
	// Another operator (no password) signs in: the unsaved text is there.
	signInThroughLock(t, sh, "李强", "")
	if sh.Locked() {
		t.Fatal("still locked")
	}
	if st.warn.Text != "9" || !st.Dirty() {
		t.Fatalf("unsaved text after the lock: %q dirty=%v", st.warn.Text, st.Dirty())
	}
	if sh.current != st {
		t.Fatal("the screen was rebuilt")
	}
	if err := st.Save(); err != nil {
		t.Fatal(err)
	}
	if n := sh.store.TermWarnMonths(sh.ctx); n != 9 {
		t.Fatalf("saved 换届提醒 = %d", n)
	}
	es, _ := sh.store.AuditEntries(sh.ctx, data.AuditFilter{Entity: data.EntitySetting})
	found := false
	for _, e := range es {
		found = found || (e.RecordID == data.SettingTermWarnMonths && e.Operator == "李强")
	}
	if !found {
		t.Error("the change is not logged under the signed-in operator 李强")
	}
}

func TestNoPasswordNoLock(t *testing.T) {
	sh, _ := newTestShell(t)
	if sh.Locked() {
		t.Fatal("locked without a password")
	}
	sh.lastActive = time.Now().Add(-time.Hour)
	sh.checkIdle("")
	sh.LockNow()
	if sh.Locked() {
		t.Fatal("locked without a password")
	}
}

// findButton finds the button labelled text under o.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Button:
			if v.Text == text {
				found = v
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case *widget.Card:
			walk(v.Content)
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no %q button", text)
	}
	return found
}

// TestLockScreenshots renders the sign-in screen and 系统设置 with
// operators and a password into $DANGJIAN_SHOTS (skipped without it).
func TestLockScreenshots(t *testing.T) {
	dir := os.Getenv("DANGJIAN_SHOTS")
	if dir == "" {
		t.Skip("set DANGJIAN_SHOTS=DIR to render screenshots")
	}
	shoot := func(w fyne.Window, name string) {
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
	sh := newPasswordShell(t)
	sh.win.Resize(fyne.NewSize(1366, 705))
	sh.lock.pop.Resize(sh.win.Canvas().Size())
	shoot(sh.win, "signin")
	signInThroughLock(t, sh, "王芳", "wangfang-pw")
	sh.Show("系统设置")
	shoot(sh.win, "settings-operators")
	st := sh.current.(*settingsScreen)
	st.ops.table.Select(widget.TableCellID{Row: 1, Col: 0})
	sh.store.Lock() // an old sign-in: the next guarded change asks
	sh.store.SignIn(sh.ctx, "王芳", "wangfang-pw")
	sh.guarded(func() error { return data.ErrConfirmPassword }, func(error) {})
	shoot(sh.win, "settings-confirm")
}
