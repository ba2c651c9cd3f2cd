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
	"fyne.io/fyne/v2/widget"

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

// The office attaches a file to a notice; it is listed with 打开 and 移除;
// a branch copy sees it but cannot add or remove.
func TestNoticeAttachments(t *testing.T) {
	sh, _, _ := studyShell(t)
	ctx := context.Background()
	sh.Show("通知公告")
	s := sh.current.(*noticesScreen)
	test.Tap(s.addBt)
	typeInto(s.editor.title, "关于报送年度总结的通知")
	typeInto(s.editor.body, "格式见附件。")
	test.Tap(s.editor.fd.saveBt)
	if s.editor.fd.open || s.list.rowCount() != 1 {
		t.Fatalf("not published: %q", s.editor.form.general.Text)
	}
	s.list.Select(widget.TableCellID{Row: 0})
	src := filepath.Join(t.TempDir(), "年度总结模板.txt")
	if err := os.WriteFile(src, []byte("年度总结"), 0o600); err != nil {
		t.Fatal(err)
	}
	sh.pickFile = func(_ bool, _ fileChoice, pick func(string)) { pick(src) }
	test.Tap(s.fileBt)
	n := s.current()
	list, err := sh.store.Attachments(ctx, data.EntityNotice, n.ID)
	if err != nil || len(list) != 1 || list[0].FileName != "年度总结模板.txt" {
		t.Fatalf("attachments %+v %v", list, err)
	}
	if !strings.Contains(rendered(s.files), "年度总结模板.txt") {
		t.Fatalf("attachment not listed: %q", rendered(s.files))
	}
	roots, _ := sh.store.OrgTree(ctx)
	sh.store.SetRole(ctx, data.RoleOffice, data.Role{BranchID: roots[0].Children[0].Unit.ID})
	s.shown()
	s.list.Select(widget.TableCellID{Row: 0})
	if !s.fileBt.Disabled() || strings.Contains(rendered(s.files), "移除") {
		t.Fatal("a branch copy is offered to add or remove a notice's files")
	}
	if _, err := sh.store.AddAttachment(ctx, sh.role(), data.EntityNotice, n.ID, src); err == nil {
		t.Fatal("data let a branch copy attach to the office's notice")
	}
}

// rendered is the text of the labels and buttons inside o.
func rendered(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + " ")
		case *widget.Button:
			b.WriteString(x.Text + " ")
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}
