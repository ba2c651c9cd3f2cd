package ui

// 通知公告: the office publishes notices to some branches or all; a branch
// copy sees those addressed to it and marks them read. The office sees
// which branches have read each notice.

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

type noticesScreen struct {
	sh       *Shell
	role     data.Role
	units    map[int64]string
	branches []data.OrgUnit

	notices []data.Notice
	list    *textTable
	sel     int
	detail  *widget.RichText
	files   *fyne.Container // the notice's attachments: open (and, at the office, remove)
	fileBt  *widget.Button  // 添加附件, the office's

	addBt, editBt, delBt, readBt *widget.Button
	editor                       *noticeEditor // the open editor, for tests

	obj fyne.CanvasObject
}

func newNoticesScreen(sh *Shell) *noticesScreen {
	s := &noticesScreen{sh: sh, sel: -1}
	s.list = newTextTable([]string{"发布日期", "标题", "发布单位", "发送对象", "状态"}, []float32{100, 260, 120, 140, 90})
	s.list.setFreeText(1)
	s.list.OnSelect = func(i int) { s.sel = i; s.showDetail() }
	s.detail = widget.NewRichText()
	s.detail.Wrapping = fyne.TextWrapWord
	s.addBt = widget.NewButtonWithIcon("发布通知", theme.ContentAddIcon(), func() { s.edit(data.Notice{PublishDate: sh.store.Today(), Sender: "党总支办公室"}) })
	s.addBt.Importance = widget.HighImportance
	s.editBt = widget.NewButtonWithIcon("修改", theme.DocumentCreateIcon(), func() {
		if n := s.current(); n != nil {
			s.edit(*n)
		}
	})
	s.delBt = widget.NewButtonWithIcon("撤回", theme.DeleteIcon(), func() { s.withdraw() })
	s.readBt = widget.NewButtonWithIcon("标为已读", theme.ConfirmIcon(), func() { s.markRead() })
	s.fileBt = widget.NewButtonWithIcon("添加附件", theme.FileIcon(), func() { s.addFile() })
	s.files = container.NewVBox()
	bar := container.NewHBox(s.addBt, s.editBt, s.delBt, s.readBt, s.fileBt)
	split := container.NewHSplit(s.list, container.NewVScroll(container.NewVBox(s.detail, s.files)))
	split.Offset = 0.6
	s.obj = container.NewBorder(bar, nil, nil, nil, split)
	return s
}

func (s *noticesScreen) title() string             { return "通知公告" }
func (s *noticesScreen) icon() fyne.Resource       { return theme.MailComposeIcon() }
func (s *noticesScreen) object() fyne.CanvasObject { return s.obj }

func (s *noticesScreen) shown() {
	ctx := s.sh.ctx
	s.role = s.sh.store.Role(ctx)
	s.units, _ = s.sh.store.UnitNames(ctx)
	s.branches = nil
	roots, _ := s.sh.store.OrgStructure(ctx)
	for _, r := range roots {
		for _, b := range r.Children {
			if b.Unit.Level == data.LevelBranch {
				s.branches = append(s.branches, b.Unit)
			}
		}
	}
	for _, b := range []*widget.Button{s.addBt, s.editBt, s.delBt} {
		if s.role.Office {
			b.Show()
		} else {
			b.Hide()
		}
	}
	if s.role.Office {
		s.readBt.Hide()
	} else {
		s.readBt.Show()
	}
	s.reload()
}

func (s *noticesScreen) current() *data.Notice {
	if s.sel >= 0 && s.sel < len(s.notices) {
		return &s.notices[s.sel]
	}
	return nil
}

// addressees names who a notice goes to.
func (s *noticesScreen) addressees(n data.Notice) string {
	if len(n.Branches) == 0 {
		return "各党支部"
	}
	var names []string
	for _, b := range n.Branches {
		names = append(names, s.units[b])
	}
	return strings.Join(names, "、")
}

// state is 已读/未读 for a branch copy, "已读 n/m" for the office.
func (s *noticesScreen) state(n data.Notice) string {
	if !s.role.Office {
		if n.ReadByBranch(s.role.BranchID) {
			return "已读"
		}
		return "未读"
	}
	if n.PublishDate.After(s.sh.store.Today()) {
		return "待发布"
	}
	total := len(n.Branches)
	if total == 0 {
		total = len(s.branches)
	}
	return fmt.Sprintf("已读 %d/%d", len(n.ReadBy), total)
}

func (s *noticesScreen) reload() {
	list, err := s.sh.store.Notices(s.sh.ctx, s.role)
	if err != nil {
		s.sh.showError(err)
		return
	}
	s.notices = list
	rows := make([][]string, len(list))
	for i, n := range list {
		rows[i] = []string{n.PublishDate.String(), n.Title, n.Sender, s.addressees(n), s.state(n)}
	}
	s.list.setRows(rows)
	s.sel = -1
	s.showDetail()
}

func (s *noticesScreen) showDetail() {
	n := s.current()
	s.loadFiles(n)
	if n == nil {
		s.detail.ParseMarkdown("在左侧选择一则通知查看全文。")
		s.editBt.Disable()
		s.delBt.Disable()
		s.readBt.Disable()
		return
	}
	s.editBt.Enable()
	s.delBt.Enable()
	if n.ReadByBranch(s.role.BranchID) {
		s.readBt.Disable()
	} else {
		s.readBt.Enable()
	}
	segs := []widget.RichTextSegment{
		&widget.TextSegment{Text: n.Title, Style: widget.RichTextStyleHeading},
		&widget.TextSegment{Text: fmt.Sprintf("%s　%s　发送：%s", n.Sender, n.PublishDate.Chinese(), s.addressees(*n)), Style: widget.RichTextStyleParagraph},
		&widget.TextSegment{Text: n.Body, Style: widget.RichTextStyleParagraph},
	}
	if s.role.Office {
		var read, unread []string
		for _, b := range s.branches {
			if !n.For(b.ID) {
				continue
			}
			if n.ReadByBranch(b.ID) {
				read = append(read, b.Name())
			} else {
				unread = append(unread, b.Name())
			}
		}
		segs = append(segs, &widget.TextSegment{Text: "已读：" + namesOrNone(read) + "\n未读：" + namesOrNone(unread), Style: widget.RichTextStyleParagraph})
	}
	s.detail.Segments = segs
	s.detail.Refresh()
}

func namesOrNone(list []string) string {
	if len(list) == 0 {
		return "无"
	}
	return strings.Join(list, "、")
}

func (s *noticesScreen) markRead() {
	n := s.current()
	if n == nil {
		return
	}
	if err := s.sh.store.MarkNoticeRead(s.sh.ctx, s.role, n.ID); err != nil {
		s.sh.showError(err)
		return
	}
	keep := n.ID
	s.reload()
	for i, x := range s.notices {
		if x.ID == keep {
			s.list.OnSelect(i)
		}
	}
}

func (s *noticesScreen) withdraw() {
	n := s.current()
	if n == nil {
		return
	}
	id := n.ID
	dialog.ShowConfirm("撤回通知", "撤回“"+n.Title+"”？撤回后各支部不再看到它（记入操作日志）。", func(ok bool) {
		if !ok {
			return
		}
		if err := s.sh.store.DeleteNotice(s.sh.ctx, s.role, id); err != nil {
			s.sh.showError(err)
			return
		}
		s.reload()
	}, s.sh.win)
}

type noticeEditor struct {
	fd     *formDialog
	form   *fieldForm
	title  *widget.Entry
	body   *widget.Entry
	sender *widget.Entry
	date   *dateEntry
	all    *widget.Check
	to     *memberPicker // the branches, by name
}

func (s *noticesScreen) edit(n data.Notice) {
	e := &noticeEditor{form: newFieldForm(), title: widget.NewEntry(), body: widget.NewMultiLineEntry(), sender: widget.NewEntry(),
		date: newDateEntry(), all: widget.NewCheck("各党支部", nil)}
	e.title.SetText(n.Title)
	e.body.SetText(n.Body)
	e.body.Wrapping = fyne.TextWrapWord
	e.body.SetMinRowsVisible(8)
	e.sender.SetText(n.Sender)
	e.date.setDate(n.PublishDate)
	var names, chosen []string
	ids := map[string]int64{}
	for _, b := range s.branches {
		names = append(names, b.Name())
		ids[b.Name()] = b.ID
		if n.For(b.ID) && len(n.Branches) > 0 {
			chosen = append(chosen, b.Name())
		}
	}
	e.to = newMemberPicker(names)
	e.to.SetSelected(chosen)
	e.all.OnChanged = func(on bool) {
		for _, c := range e.to.checks {
			if on {
				c.Disable()
			} else {
				c.Enable()
			}
		}
	}
	e.all.SetChecked(len(n.Branches) == 0)
	e.form.add("title", "标题", e.title)
	e.form.add("publish_date", "发布日期", e.date)
	e.form.add("sender", "发布单位", e.sender)
	e.form.add("branches", "发送对象", container.NewVBox(e.all, e.to.box))
	e.form.add("body", "正文", e.body)
	s.editor = e
	title := "发布通知"
	if n.ID != 0 {
		title = "修改通知"
	}
	e.fd = showFormDialog(s.sh.win, title, "发布", e.form, "", func() error {
		var is data.Issues
		x := data.Notice{ID: n.ID, Title: e.title.Text, Body: e.body.Text, Sender: e.sender.Text, Branches: []int64{}}
		x.PublishDate = e.date.date("publish_date", "发布日期", &is)
		if !e.all.Checked {
			for _, name := range e.to.Selected() {
				x.Branches = append(x.Branches, ids[name])
			}
			if len(x.Branches) == 0 {
				is.Err("branches", "请勾选发送的党支部，或选“各党支部”")
			}
		}
		if strings.TrimSpace(x.Title) == "" {
			is.Err("title", "请填写标题")
		}
		if err := is.AsError(); err != nil {
			return err
		}
		if _, err := s.sh.store.SaveNotice(s.sh.ctx, s.role, x); err != nil {
			return err
		}
		s.reload()
		return nil
	})
}

// selectNotice selects the notice with the ID (from a 工作台 reminder).
func (s *noticesScreen) selectNotice(id int64) {
	for i, n := range s.notices {
		if n.ID == id {
			s.list.Select(widget.TableCellID{Row: i, Col: 0})
			s.list.ScrollTo(widget.TableCellID{Row: i, Col: 0})
			s.sel = i
			s.showDetail()
			return
		}
	}
}

// loadFiles lists the notice's attachments: everyone opens them, the
// office adds and removes them (data refuses a branch copy).
func (s *noticesScreen) loadFiles(n *data.Notice) {
	sh := s.sh
	s.files.RemoveAll()
	if n == nil || !s.role.Office {
		s.fileBt.Disable()
	} else {
		s.fileBt.Enable()
	}
	if n == nil {
		s.files.Refresh()
		return
	}
	list, err := sh.store.Attachments(sh.ctx, data.EntityNotice, n.ID)
	if sh.readFailed(err, "通知附件") {
		return
	}
	if len(list) > 0 {
		s.files.Add(widget.NewLabelWithStyle("附件", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	for _, a := range list {
		a := a
		open := widget.NewButtonWithIcon("打开", theme.FileIcon(), func() {
			sh.openProduced(sh.store.AttachmentPath(a), "附件", "能打开这种文件的程序")
		})
		row := container.NewHBox(open)
		if s.role.Office {
			row.Add(widget.NewButtonWithIcon("移除", theme.DeleteIcon(), func() {
				if err := sh.store.RemoveAttachment(sh.ctx, sh.role(), a.ID); err != nil {
					sh.showError(err)
					return
				}
				s.loadFiles(n)
			}))
		}
		row.Add(widget.NewLabel(a.FileName))
		s.files.Add(row)
	}
	s.files.Refresh()
}

// addFile attaches a file (the circular's scan, a form to fill in) to the
// selected notice.
func (s *noticesScreen) addFile() {
	n := s.current()
	if n == nil {
		return
	}
	id := n.ID
	s.sh.chooseOpen(fileChoice{title: "添加通知附件"}, func(path string) {
		if _, err := s.sh.store.AddAttachment(s.sh.ctx, s.sh.role(), data.EntityNotice, id, path); err != nil {
			s.sh.showError(err)
			return
		}
		s.sh.notify("已添加附件 " + filepath.Base(path))
		if c := s.current(); c != nil && c.ID == id {
			s.loadFiles(c)
		}
	})
}
