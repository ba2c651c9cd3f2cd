package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"dangjian/data"
)

// The office publishes a notice to one branch; that branch's copy sees it
// unread and marks it read; the office sees who has read it.
func TestNoticesThroughUI(t *testing.T) {
	sh, _, _ := studyShell(t)
	ctx := context.Background()
	if !sh.Show("通知公告") {
		t.Fatal("no 通知公告 screen")
	}
	s := sh.current.(*noticesScreen)
	test.Tap(s.addBt)
	e := s.editor
	e.all.SetChecked(false)
	test.Tap(e.fd.saveBt)
	if !e.fd.open || e.form.message("title") == "" || e.form.message("branches") == "" {
		t.Fatalf("empty notice accepted: %q %q", e.form.message("title"), e.form.message("branches"))
	}
	typeInto(e.title, "关于开展主题党日活动的通知")
	typeInto(e.body, "请各支部于月底前完成。")
	e.to.SetSelected([]string{"第一支部"})
	test.Tap(e.fd.saveBt)
	if e.fd.open {
		t.Fatalf("not published: %q", e.form.general.Text)
	}
	if s.list.rowCount() != 1 || s.list.cell(0, 3) != "第一支部" || s.list.cell(0, 4) != "已读 0/1" {
		t.Fatalf("office list: %q %q", s.list.cell(0, 3), s.list.cell(0, 4))
	}
	roots, _ := sh.store.OrgTree(ctx)
	var b1, b2 int64
	for _, b := range roots[0].Children {
		switch b.Unit.FullName {
		case "第一支部":
			b1 = b.Unit.ID
		case "第二支部":
			b2 = b.Unit.ID
		}
	}
	// The second branch does not see it.
	sh.store.SetRole(ctx, data.RoleOffice, data.Role{BranchID: b2})
	s.shown()
	if s.list.rowCount() != 0 || s.addBt.Visible() {
		t.Fatalf("second branch: %d rows, publish offered %v", s.list.rowCount(), s.addBt.Visible())
	}
	// The first branch reads it.
	sh.store.SetRole(ctx, data.RoleOffice, data.Role{BranchID: b1})
	s.shown()
	if s.list.rowCount() != 1 || s.list.cell(0, 4) != "未读" {
		t.Fatalf("first branch: %d %q", s.list.rowCount(), s.list.cell(0, 4))
	}
	if u, _ := sh.store.UnreadNotices(ctx, data.Role{BranchID: b1}); len(u) != 1 {
		t.Errorf("unread: %d", len(u))
	}
	s.list.OnSelect(0)
	test.Tap(s.readBt)
	if s.list.cell(0, 4) != "已读" || !s.readBt.Disabled() {
		t.Errorf("after marking: %q", s.list.cell(0, 4))
	}
	if u, _ := sh.store.UnreadNotices(ctx, data.Role{BranchID: b1}); len(u) != 0 {
		t.Errorf("still unread: %d", len(u))
	}
	sh.store.SetRole(ctx, data.RoleOffice, data.RoleOffice)
	s.shown()
	s.list.OnSelect(0)
	if s.list.cell(0, 4) != "已读 1/1" || !strings.Contains(richText(s.detail), "已读：第一支部") {
		t.Errorf("office after: %q %q", s.list.cell(0, 4), richText(s.detail))
	}
	if dir := os.Getenv("DANGJIAN_SHOTS"); dir != "" {
		sh.win.Resize(fyne.NewSize(1366, 705))
		f, err := os.Create(filepath.Join(dir, "notices.png"))
		if err == nil {
			png.Encode(f, sh.win.Canvas().Capture())
			f.Close()
		}
		test.Tap(s.addBt)
		if f, err := os.Create(filepath.Join(dir, "notice-editor.png")); err == nil {
			png.Encode(f, sh.win.Canvas().Capture())
			f.Close()
		}
	}
}

func richText(r interface{ String() string }) string { return r.String() }
