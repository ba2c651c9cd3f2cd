package ui

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// fileChoice is one question for a file to open or a place to save.
type fileChoice struct {
	title string   // the dialog's title, e.g. 打开数据库
	dir   string   // folder to start in; "" is the user's home folder
	name  string   // save: the suggested file name
	kind  string   // what the filter shows, e.g. 数据库文件
	exts  []string // accepted extensions with the dot; none: any file
}

// chooseOpen asks for an existing file and hands its path to pick; nothing
// happens when the user cancels. Windows shows its own dialog, elsewhere
// Fyne's (with Chinese place names).
func (sh *Shell) chooseOpen(c fileChoice, pick func(path string)) {
	if sh.pickFile != nil {
		sh.pickFile(false, c, pick)
		return
	}
	if path, ok, native := nativeChoose(sh.win, false, c); native {
		if ok {
			pick(path)
		}
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		pick(path)
	}, sh.win)
	d.SetConfirmText("打开")
	sh.showFileDialog(d, c)
}

// chooseSave asks where to save; the path handed to pick ends with the
// first extension of c.
func (sh *Shell) chooseSave(c fileChoice, pick func(path string)) {
	withExt := func(p string) {
		if len(c.exts) > 0 && !hasExt(p, c.exts) {
			p += c.exts[0]
		}
		pick(p)
	}
	if sh.pickFile != nil {
		sh.pickFile(true, c, withExt)
		return
	}
	if path, ok, native := nativeChoose(sh.win, true, c); native {
		if ok {
			withExt(path)
		}
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		withExt(path)
	}, sh.win)
	d.SetFileName(c.name)
	d.SetConfirmText("保存")
	sh.showFileDialog(d, c)
}

func hasExt(p string, exts []string) bool {
	for _, e := range exts {
		if strings.EqualFold(filepath.Ext(p), e) {
			return true
		}
	}
	return false
}

// showFileDialog sets up and shows Fyne's file dialog in Chinese.
func (sh *Shell) showFileDialog(d *dialog.FileDialog, c fileChoice) {
	if len(c.exts) > 0 {
		var all []string
		for _, e := range c.exts {
			all = append(all, strings.ToLower(e), strings.ToUpper(e))
		}
		d.SetFilter(storage.NewExtensionFileFilter(all))
	}
	if c.title != "" {
		d.SetTitleText(c.title)
	}
	d.SetDismissText("取消")
	setStartFolder(d, c.dir)
	d.Resize(fyne.NewSize(860, 560))
	d.Show()
	translatePlaces(sh.win)
}

// placeNames are the Chinese names of the places Fyne's file dialog lists
// on its left; Fyne writes them in English and does not translate them.
var placeNames = map[string]string{
	"Home": "主文件夹", "Computer": "计算机", "Documents": "文档", "Desktop": "桌面",
	"Downloads": "下载", "Music": "音乐", "Pictures": "图片", "Videos": "视频", "App Files": "程序文件",
}

// translatePlaces names the file dialog's places in Chinese: the dialog
// on top of w has a list of places whose rows are an icon and a label;
// each list's row update is wrapped so the name is translated every time
// the row is drawn.
func translatePlaces(w fyne.Window) {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return
	}
	walkObjects(top, func(o fyne.CanvasObject) {
		l, ok := o.(*widget.List)
		if !ok || l.UpdateItem == nil {
			return
		}
		orig := l.UpdateItem
		l.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
			orig(id, item)
			if box, ok := item.(*fyne.Container); ok && len(box.Objects) == 2 {
				if lb, ok := box.Objects[1].(*widget.Label); ok {
					if zh, ok := placeNames[lb.Text]; ok {
						lb.SetText(zh)
					}
				}
			}
		}
		l.Refresh()
	})
}

// walkObjects visits o and what it holds through public fields: containers,
// pop-ups, splits and scrolls (enough for a dialog's layout).
func walkObjects(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	visit(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walkObjects(c, visit)
		}
	case *widget.PopUp:
		walkObjects(v.Content, visit)
	case *container.Split:
		walkObjects(v.Leading, visit)
		walkObjects(v.Trailing, visit)
	case *container.Scroll:
		walkObjects(v.Content, visit)
	case *container.AppTabs:
		for _, it := range v.Items {
			walkObjects(it.Content, visit)
		}
	}
}

// fileExists reports a regular file at p.
func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}
