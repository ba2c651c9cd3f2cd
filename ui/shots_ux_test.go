package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"dangjian/data"
	"dangjian/data/demo"
)

// TestScreenshotsLeaveDemo renders the first start, the demo badge, the
// database dialogs and the smaller helps (calendar, hints, errors on tabs)
// into $DANGJIAN_SHOTS at 1366×705. Skipped unless the variable is set.
func TestScreenshotsLeaveDemo(t *testing.T) {
	dir := os.Getenv("DANGJIAN_SHOTS")
	if dir == "" {
		t.Skip("set DANGJIAN_SHOTS=DIR to render screenshots")
	}
	os.MkdirAll(dir, 0o755)
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
	laptop := fyne.NewSize(1366, 705)
	InstallTranslations()
	ctx := context.Background()

	sh, _ := newTestShell(t)
	sh.win.Resize(laptop)
	wd := sh.Welcome()
	shoot(sh.win, "first-start")
	test.Tap(wd.empty) // without a name: the name is asked for
	wd.role.SetSelected(roleBranch)
	shoot(sh.win, "first-start-branch-name-required")
	hideOverlays(sh.win)

	sh, _ = newTestShell(t)
	sh.win.Resize(laptop)
	if _, err := demo.Load(ctx, sh.store, demo.Options{Seed: 1}); err != nil {
		t.Fatal(err)
	}
	sh.store.SetOperator(ctx, "王芳")
	sh.store.SetSetting(ctx, data.SettingOnboarded, data.OnboardedDemo)
	sh.refreshDatabase()
	sh.refreshOperator()
	orgOf(t, sh).shown()
	shoot(sh.win, "demo-badge")
	RememberDatabase(sh.app, filepath.Join(t.TempDir(), "党建数据-2025.db"))
	sh.Show("系统设置")
	shoot(sh.win, "settings-database")
	sh.askClearDemo()
	shoot(sh.win, "clear-demo-ask")
	hideOverlays(sh.win)
	sh.chooseSave(fileChoice{title: "新建数据库", name: "党建数据-20261204.db", kind: "党建工作台数据库", exts: []string{".db"}}, func(string) {})
	shoot(sh.win, "new-database-dialog")
	hideOverlays(sh.win)
	sh.chooseOpen(sh.dbChoice("打开数据库"), func(string) {})
	shoot(sh.win, "open-database-dialog")
	hideOverlays(sh.win)
	sh.showHint("打印会议记录本", "会议记录本按党支部和年度打印：请先在上方选择一个党支部和年度，再点打印。")
	shoot(sh.win, "hint-dialog")
	hideOverlays(sh.win)
	sh.showSaved(filepath.Join(filepath.Dir(sh.store.Path()), "打印", "党员花名册-20261204-101500.pdf"), "PDF 文件", "可以打开 PDF 的程序（如 WPS、Adobe Reader 或浏览器）")
	shoot(sh.win, "pdf-no-viewer")
	hideOverlays(sh.win)

	ms := membersOf(t, sh)
	ms.addNew()
	ed := ms.editor
	typeInto(ed.entries["join_date"], "去年七月")
	ed.tabs.SelectIndex(2)
	ed.save()
	shoot(sh.win, "member-errors-on-tabs")
	ed.tabs.SelectIndex(1)
	de := ed.forms[1].fields["join_date"].input.(*dateEntry)
	typeInto(&de.Entry, "2006-07-01")
	test.Tap(de.calBt)
	shoot(sh.win, "date-picker")
	hideOverlays(sh.win)
	ed.Discard()

	sh.Show("考评督办")
	as := sh.current.(*assessScreen)
	as.editTask(data.Task{Year: data.Today().Y, Points: 30, RemindDays: 7})
	shoot(sh.win, "task-aspect")
	hideOverlays(sh.win)

	roots, _ := sh.store.OrgTree(ctx)
	sh.store.SetRole(ctx, data.RoleOffice, data.Role{BranchID: roots[0].Children[1].Unit.ID})
	sh.refreshOperator()
	sh.Show("组织架构")
	o := orgOf(t, sh)
	o.selected = 0
	o.shown()
	shoot(sh.win, "org-branch-copy")
	o.selectUnit(roots[0].Unit.ID)
	shoot(sh.win, "org-branch-copy-root")
	sh.store.SetRole(ctx, data.RoleOffice, data.Role{Office: true})

	sh.clearDemo()
	shoot(sh.win, "clear-demo-done")
}
