package ui

import (
	"image/png"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

func TestTmpListShots(t *testing.T) {
	dir := os.Getenv("LI_SHOTS")
	if dir == "" {
		t.Skip()
	}
	shoot := func(w fyne.Window, name string) {
		f, _ := os.Create(dir + "/" + name + ".png")
		defer f.Close()
		png.Encode(f, w.Canvas().Capture())
	}
	for _, sc := range []float64{1, 1.15} {
		sh, _ := listsOf(t, sc)
		tag := map[float64]string{1: "std", 1.15: "big"}[sc]
		sh.Show("党员档案")
		ms := sh.current.(*membersScreen)
		ms.table.Select(widget.TableCellID{Row: 2, Col: 0})
		shoot(sh.win, tag+"-member-open")
		sh.Show("三会一课")
		mt := sh.current.(*meetingsScreen)
		mt.list.Select(widget.TableCellID{Row: 2, Col: 0})
		shoot(sh.win, tag+"-meeting-open")
		test_ := mt.reviewB
		test_.OnTapped()
		shoot(sh.win, tag+"-meeting-waiting")
		sh.Show("考评督办")
		as := sh.current.(*assessScreen)
		as.tabs.SelectIndex(1)
		shoot(sh.win, tag+"-checklist")
		as.tabs.SelectIndex(2)
		shoot(sh.win, tag+"-ranking")
		sh.Show("组织架构")
		o := sh.current.(*orgScreen)
		br := o.roots[0].Children[2].Unit.ID
		o.selectUnit(br)
		cv := newCommitteeView(o, o.byID[br])
		o.detail.Objects = []fyne.CanvasObject{cv.obj}
		o.detail.Refresh()
		shoot(sh.win, tag+"-committee")
	}
}
