package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/data/demo"
)

// TestScreenshots renders the screens and dialogs into $DANGJIAN_SHOTS so a
// person can look at them (Fyne's software painter, same widgets and font
// as on screen). Skipped unless the variable is set.
func TestScreenshots(t *testing.T) {
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

	// First start on an empty database.
	sh, _ := newTestShell(t)
	sh.Welcome()
	shoot(sh.win, "welcome")

	sh, _ = newTestShell(t)
	shoot(sh.win, "org-empty")

	sh, _ = newTestShell(t)
	if _, err := demo.Load(context.Background(), sh.store, demo.Options{Seed: 1}); err != nil {
		t.Fatal(err)
	}
	o := orgOf(t, sh)
	o.shown()
	shoot(sh.win, "org")
	// A branch with a committee, on its committee tab.
	br := o.roots[0].Children[2].Unit.ID
	o.selectUnit(br)
	shoot(sh.win, "org-branch")
	cv := newCommitteeView(o, o.byID[br])
	o.detail.Objects = []fyne.CanvasObject{cv.obj}
	o.detail.Refresh()
	shoot(sh.win, "org-committee")
	fd := cv.editPost(data.Post{UnitID: br})
	shoot(sh.win, "org-appoint")
	fd.d.Hide()
	o.selectUnit(br)
	// A rejected save: messages next to the fields.
	o.ed.phone.SetText("12345")
	o.ed.fullName.SetText("")
	o.ed.save()
	shoot(sh.win, "org-invalid")

	sh.Show("操作日志")
	a := sh.current.(*auditScreen)
	a.table.Select(widget.TableCellID{Row: 3, Col: 0})
	shoot(sh.win, "audit")
	sh.Show("系统设置")
	shoot(sh.win, "settings")
}
