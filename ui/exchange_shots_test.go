package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"dangjian/data"
)

// shootTo writes w's canvas as dir/name.png.
func shootTo(t *testing.T, w fyne.Window, dir, name string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// TestExchangePreviewLayoutShot renders the preview dialog of a made-up
// package into $DANGJIAN_SHOTS, for looking at its layout at 1366×705.
func TestExchangePreviewLayoutShot(t *testing.T) {
	dir := os.Getenv("DANGJIAN_SHOTS")
	if dir == "" {
		t.Skip("set DANGJIAN_SHOTS=DIR to render screenshots")
	}
	os.MkdirAll(dir, 0o755)
	sh, _ := newTestShell(t)
	sh.win.Resize(fyne.NewSize(1366, 705))
	prev := data.ImportPreview{
		Manifest: data.Manifest{FromName: "第一车队党支部", ToName: "党总支办公室", Branch: "第一车队党支部", Number: 3,
			Made: time.Date(2026, 12, 4, 10, 20, 0, 0, time.Local), Counts: map[string]int{data.EntityMeeting: 7, "files": 2}},
		Changes:   []data.EntityChange{{Entity: data.EntityMeeting, Label: "会议记录", New: 5, Updated: 2}},
		Pending:   3,
		Conflicts: []data.ConflictSummary{{Entity: data.EntityMeeting, Label: "会议记录", Name: "2026-11-05 支部委员会会议 研究发展党员工作"}},
		Refusals:  []data.Refusal{{Entity: data.EntityMeeting, Name: "2026-11-08 党小组会", Reason: "不是本支部的会议记录"}},
		Gap:       "缺少第 2 号交换包：可能漏导了一个包，本包仍会完整导入",
	}
	sh.showPackagePreview("x.djx", prev, func(data.ImportResult) {})
	shootTo(t, sh.win, dir, "exchange-preview-layout")
	hideOverlays(sh.win)

	// The first start of a branch's copy.
	wd := sh.Welcome()
	typeInto(wd.operator.entry, "李书记")
	wd.role.SetSelected(roleBranch)
	shootTo(t, sh.win, dir, "welcome-branch")
}

// TestExchangeShotsFromFiles renders 数据交换 of the database
// $DANGJIAN_XCHG_DB at 1366×705 into $DANGJIAN_SHOTS/<$DANGJIAN_XCHG_NAME>.png
// and, with $DANGJIAN_XCHG_PKG, the preview of that package over it
// (<name>-预览.png); optionally the tab $DANGJIAN_XCHG_TAB. The preview
// writes nothing. For checking the screens on real databases by eye.
func TestExchangeShotsFromFiles(t *testing.T) {
	dir, db, name := os.Getenv("DANGJIAN_SHOTS"), os.Getenv("DANGJIAN_XCHG_DB"), os.Getenv("DANGJIAN_XCHG_NAME")
	if dir == "" || db == "" || name == "" {
		t.Skip("set DANGJIAN_SHOTS, DANGJIAN_XCHG_DB and DANGJIAN_XCHG_NAME to render the exchange screens of a database")
	}
	os.MkdirAll(dir, 0o755)
	test.NewTempApp(t)
	InstallTranslations()
	s, err := data.Open(db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1366, 705))
	defer func(old func(func())) { newBackground = old }(newBackground)
	newBackground = func(f func()) { f() }
	sh := Create(fyne.CurrentApp(), w, s)
	sh.waitHome()
	sh.background = func(f func()) { f() }
	target := "数据交换"
	if tab := os.Getenv("DANGJIAN_XCHG_TAB"); tab != "" {
		target += "/" + tab
	}
	if !sh.Show(target) {
		t.Fatalf("no %s", target)
	}
	shootTo(t, w, dir, name)
	if pkg := os.Getenv("DANGJIAN_XCHG_PKG"); pkg != "" {
		sh.previewPackageFile(pkg, func(data.ImportResult) {})
		if sh.lastPreview == nil {
			t.Fatalf("no preview: %q", sh.lastRefusal)
		}
		shootTo(t, w, dir, name+"-预览")
	}
}
