package ui

// 资料库: the office's documents (PDF, Word, images, text) with category,
// tags and date, found by words of their title, tags, description and the
// text of .docx/.txt files, opened with the system's viewer; and the
// monthly 工作清单 the 工作台 turns into reminders.

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

const libraryAll = "全部分类"

type libraryScreen struct {
	sh   *Shell
	role data.Role
	tabs *container.AppTabs

	category *widget.Select
	query    *widget.Entry
	docs     []data.LibraryDoc
	list     *textTable
	sel      int
	note     *widget.Label

	addBt, editBt, delBt, openBt *widget.Button

	items                      []data.WorklistItem
	wl                         *textTable
	wlSel                      int
	wlAddBt, wlEditBt, wlDelBt *widget.Button
	editor                     *libraryEditor // the open add/edit dialog, for tests

	obj fyne.CanvasObject
}

func newLibraryScreen(sh *Shell) *libraryScreen {
	s := &libraryScreen{sh: sh, sel: -1, wlSel: -1}
	s.category = widget.NewSelect(append([]string{libraryAll}, data.LibraryCategories...), nil)
	s.category.SetSelected(libraryAll)
	s.category.OnChanged = func(string) { s.reload() }
	s.query = widget.NewEntry()
	s.query.SetPlaceHolder("输入标题、标签或文中的词语检索，如“党费”")
	s.query.OnSubmitted = func(string) { s.reload() }
	search := widget.NewButtonWithIcon("检索", theme.SearchIcon(), func() { s.reload() })
	s.list = newTextTable([]string{"日期", "标题", "分类", "标签", "文件"}, []float32{100, 280, 90, 140, 200})
	s.list.setFreeText(1)
	s.list.OnSelect = func(i int) { s.sel = i; s.enable() }
	s.addBt = widget.NewButtonWithIcon("添加资料", theme.ContentAddIcon(), func() { s.add() })
	s.addBt.Importance = widget.HighImportance
	s.editBt = widget.NewButtonWithIcon("修改", theme.DocumentCreateIcon(), func() {
		if d := s.current(); d != nil {
			s.edit(*d, "")
		}
	})
	s.delBt = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), func() { s.remove() })
	s.openBt = widget.NewButtonWithIcon("打开", theme.FileIcon(), func() { s.open() })
	s.note = widget.NewLabel("检索范围：标题、标签、说明，以及 PDF、Word（.docx）和文本（.txt）文件中的文字；图片、旧版 .doc 等只按标题、标签和说明检索。")
	s.note.Wrapping = fyne.TextWrapWord
	bar := container.NewBorder(nil, nil, container.NewHBox(s.category), container.NewHBox(search, s.openBt, s.addBt, s.editBt, s.delBt), s.query)
	docsTab := container.NewBorder(bar, s.note, nil, nil, s.list)

	s.wl = newTextTable([]string{"工作内容", "类别", "月份", "截止"}, []float32{320, 80, 160, 80})
	s.wl.setFreeText(0)
	s.wl.OnSelect = func(i int) { s.wlSel = i; s.enable() }
	s.wlAddBt = widget.NewButtonWithIcon("添加", theme.ContentAddIcon(), func() { s.editItem(data.WorklistItem{Category: "会议", DueDay: 31}) })
	s.wlEditBt = widget.NewButtonWithIcon("修改", theme.DocumentCreateIcon(), func() {
		if s.wlSel >= 0 && s.wlSel < len(s.items) {
			s.editItem(s.items[s.wlSel])
		}
	})
	s.wlDelBt = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), func() { s.removeItem() })
	wlNote := widget.NewLabel("每月工作清单：当月的事项显示在工作台的提醒中，截止前一周标为“即将到期”。")
	wlNote.Wrapping = fyne.TextWrapWord
	wlTab := container.NewBorder(container.NewHBox(s.wlAddBt, s.wlEditBt, s.wlDelBt), wlNote, nil, nil, s.wl)

	s.tabs = container.NewAppTabs(container.NewTabItem("资料", docsTab), container.NewTabItem("工作清单", wlTab))
	s.obj = s.tabs
	return s
}

func (s *libraryScreen) title() string              { return "资料库" }
func (s *libraryScreen) icon() fyne.Resource        { return theme.StorageIcon() }
func (s *libraryScreen) object() fyne.CanvasObject  { return s.obj }
func (s *libraryScreen) tabsOf() *container.AppTabs { return s.tabs }
func (s *libraryScreen) current() *data.LibraryDoc {
	if s.sel >= 0 && s.sel < len(s.docs) {
		return &s.docs[s.sel]
	}
	return nil
}

func (s *libraryScreen) shown() {
	s.role = s.sh.store.Role(s.sh.ctx)
	for _, b := range []*widget.Button{s.addBt, s.editBt, s.delBt, s.wlAddBt, s.wlEditBt, s.wlDelBt} {
		if s.role.Office {
			b.Show()
		} else {
			b.Hide()
		}
	}
	s.reload()
}

// reload lists the documents: the search's when a query is typed (within
// the chosen category), else the category's.
func (s *libraryScreen) reload() {
	ctx := s.sh.ctx
	cat := s.category.Selected
	if cat == libraryAll {
		cat = ""
	}
	var list []data.LibraryDoc
	var err error
	if q := strings.TrimSpace(s.query.Text); q != "" {
		var found []data.LibraryDoc
		found, err = s.sh.store.SearchLibrary(ctx, q)
		for _, d := range found {
			if cat == "" || d.Category == cat {
				list = append(list, d)
			}
		}
	} else {
		list, err = s.sh.store.LibraryDocs(ctx, cat)
	}
	if err != nil {
		s.sh.showError(err)
		return
	}
	s.docs = list
	rows := make([][]string, len(list))
	for i, d := range list {
		rows[i] = []string{d.Date.String(), d.Title, d.Category, strings.ReplaceAll(d.Tags, ",", "、"), d.FileName}
	}
	s.list.setRows(rows)
	s.sel = -1
	s.list.UnselectAll()

	items, err := s.sh.store.Worklist(ctx)
	if err != nil {
		s.sh.showError(err)
		return
	}
	s.items = items
	wrows := make([][]string, len(items))
	for i, w := range items {
		months := "每月"
		if len(w.Months) > 0 {
			var m []string
			for _, x := range w.Months {
				m = append(m, strconv.Itoa(x)+"月")
			}
			months = strings.Join(m, "、")
		}
		due := strconv.Itoa(w.DueDay) + "日"
		if w.DueDay >= 31 {
			due = "月底"
		}
		wrows[i] = []string{w.Title, w.Category, months, due}
	}
	s.wl.setRows(wrows)
	s.wlSel = -1
	s.wl.UnselectAll()
	s.enable()
}

func (s *libraryScreen) enable() {
	for _, b := range []*widget.Button{s.editBt, s.delBt, s.openBt} {
		if s.current() != nil {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	for _, b := range []*widget.Button{s.wlEditBt, s.wlDelBt} {
		if s.wlSel >= 0 {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

func (s *libraryScreen) add() {
	s.sh.chooseOpen(fileChoice{title: "选择要加入资料库的文件", kind: "文档、图片或文本",
		exts: []string{".pdf", ".docx", ".doc", ".txt", ".jpg", ".jpeg", ".png", ".xlsx", ".wps"}}, func(path string) {
		base := filepath.Base(path)
		cat := s.category.Selected
		if cat == libraryAll {
			cat = data.LibraryCategories[0]
		}
		s.edit(data.LibraryDoc{Title: strings.TrimSuffix(base, filepath.Ext(base)), Category: cat, Date: s.sh.store.Today()}, path)
	})
}

// libraryEditor is the open add/edit dialog (tests fill it).
type libraryEditor struct {
	fd                *formDialog
	title, tags, desc *widget.Entry
	category          *widget.Select
	date              *dateEntry
}

// edit opens the details of d; src is the file being added ("" edits).
func (s *libraryScreen) edit(d data.LibraryDoc, src string) *libraryEditor {
	e := &libraryEditor{title: widget.NewEntry(), tags: widget.NewEntry(), desc: widget.NewMultiLineEntry(),
		category: widget.NewSelect(data.LibraryCategories, nil), date: newDateEntry()}
	e.title.SetText(d.Title)
	e.tags.SetText(strings.ReplaceAll(d.Tags, ",", "，"))
	e.tags.SetPlaceHolder("用逗号分隔，如：党章，纪律")
	e.desc.SetText(d.Description)
	e.category.SetSelected(d.Category)
	e.date.setDate(d.Date)
	form := newFieldForm()
	form.add("title", "标题", e.title)
	form.add("category", "分类", e.category)
	form.add("tags", "标签", e.tags)
	form.add("date", "日期", e.date)
	form.add("description", "说明", e.desc)
	intro, heading := "", "修改资料"
	if src != "" {
		heading = "添加资料"
		intro = "文件：" + src
		if !data.LibraryTextIndexed(src) {
			intro += "\n此类文件不提取文字，只能按标题、标签和说明检索到它；请把要检索的词写在说明里。"
		}
	}
	s.editor = e
	e.fd = showFormDialog(s.sh.win, heading, "保存", form, intro, func() error {
		var is data.Issues
		x := d
		x.Title, x.Category, x.Tags, x.Description = e.title.Text, e.category.Selected, e.tags.Text, e.desc.Text
		x.Date = e.date.date("date", "日期", &is)
		if err := is.AsError(); err != nil {
			return err
		}
		var err error
		if src != "" {
			_, err = s.sh.store.AddLibraryFile(s.sh.ctx, s.role, x, src)
		} else {
			_, err = s.sh.store.SaveLibraryDoc(s.sh.ctx, s.role, x)
		}
		if err != nil {
			return err
		}
		s.reload()
		return nil
	})
	return e
}

func (s *libraryScreen) remove() {
	d := s.current()
	if d == nil {
		return
	}
	id := d.ID
	dialog.ShowConfirm("删除资料", "从资料库中删除“"+d.Title+"”？（记入操作日志，文件仍保留在备份中）", func(ok bool) {
		if !ok {
			return
		}
		if err := s.sh.store.DeleteLibraryDoc(s.sh.ctx, s.role, id); err != nil {
			s.sh.showError(err)
			return
		}
		s.reload()
	}, s.sh.win)
}

func (s *libraryScreen) open() {
	d := s.current()
	if d == nil {
		return
	}
	s.sh.openProduced(s.sh.store.LibraryPath(*d), "资料文件", "能打开“"+filepath.Ext(d.FileName)+"”文件的程序")
}

func (s *libraryScreen) editItem(w data.WorklistItem) {
	title, cat, months, day := widget.NewEntry(), widget.NewSelect(data.WorklistCategories, nil), widget.NewEntry(), widget.NewEntry()
	title.SetText(w.Title)
	cat.SetSelected(w.Category)
	var m []string
	for _, x := range w.Months {
		m = append(m, strconv.Itoa(x))
	}
	months.SetText(strings.Join(m, "，"))
	months.SetPlaceHolder("留空为每月；或写月份，如 3，6，9，12")
	day.SetText(strconv.Itoa(w.DueDay))
	form := newFieldForm()
	form.add("title", "工作内容", title)
	form.add("category", "类别", cat)
	form.add("months", "月份", months)
	form.add("due_day", "截止日（31 为月底）", day)
	showFormDialog(s.sh.win, "工作清单事项", "保存", form, "", func() error {
		var is data.Issues
		x := w
		x.Title, x.Category, x.Months = title.Text, cat.Selected, []int{}
		for _, f := range strings.FieldsFunc(months.Text, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ' ' }) {
			n, err := strconv.Atoi(strings.TrimSuffix(f, "月"))
			if err != nil {
				is.Err("months", "月份“%s”无法识别", f)
				continue
			}
			x.Months = append(x.Months, n)
		}
		n, err := strconv.Atoi(strings.TrimSpace(day.Text))
		if err != nil {
			is.Err("due_day", "请填写 1 至 31 的数字")
		}
		x.DueDay = n
		if err := is.AsError(); err != nil {
			return err
		}
		if _, err := s.sh.store.SaveWorklistItem(s.sh.ctx, s.role, x); err != nil {
			return err
		}
		s.reload()
		return nil
	})
}

func (s *libraryScreen) removeItem() {
	if s.wlSel < 0 || s.wlSel >= len(s.items) {
		return
	}
	w := s.items[s.wlSel]
	dialog.ShowConfirm("删除事项", fmt.Sprintf("从工作清单中删除“%s”？", w.Title), func(ok bool) {
		if !ok {
			return
		}
		if err := s.sh.store.DeleteWorklistItem(s.sh.ctx, s.role, w.ID); err != nil {
			s.sh.showError(err)
			return
		}
		s.reload()
	}, s.sh.win)
}
