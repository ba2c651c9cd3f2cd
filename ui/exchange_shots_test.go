package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"

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
}
