package ui

import (
	"fmt"
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/data/minutes"
	"dangjian/data/sheet"
	"dangjian/jobs"
)

// printBook prints the year's minutes of the chosen branch as a book.
func (s *meetingsScreen) printBook() {
	sh := s.sh
	i := s.unit.SelectedIndex()
	branchID := int64(0)
	if i > 0 && i < len(s.unitIDs) {
		branchID = sh.store.BranchOf(sh.ctx, s.unitIDs[i])
	} else if !s.role.Office {
		branchID = s.role.BranchID
	}
	year, err := strconv.Atoi(s.year.Selected)
	if branchID == 0 || err != nil {
		sh.showError(fmt.Errorf("请先在上方选择一个党支部和年度，再打印该支部的会议记录本"))
		return
	}
	o := jobs.Options{BranchID: branchID, Year: year}
	sh.printJob(fmt.Sprintf("%s%d年度会议记录", s.unitName(branchID), year), func(out string, p jobs.Progress) (jobs.Done, error) {
		o.Out = out
		return jobs.PrintMinutesBook(sh.ctx, sh.store, o, p)
	})
}

// manageTemplates lists the templates with 新增 / 修改 / 删除.
func (s *meetingsScreen) manageTemplates() {
	sh := s.sh
	t := newTextTable([]string{"会议类型", "模板名称"}, []float32{150, 300})
	var list []data.MeetingTemplate
	load := func() {
		var err error
		list, err = sh.store.Templates(sh.ctx, "")
		sh.readFailed(err, "会议模板")
		rows := make([][]string, len(list))
		for i, tp := range list {
			rows[i] = []string{tp.Kind, tp.Name}
		}
		t.setRows(rows)
	}
	load()
	add := widget.NewButton("新增模板", func() { s.editTemplate(data.MeetingTemplate{Kind: data.KindCommittee}, load) })
	edit := widget.NewButton("修改", func() {
		if t.selected >= 0 {
			s.editTemplate(list[t.selected], load)
		}
	})
	del := widget.NewButton("删除", func() {
		if t.selected < 0 {
			return
		}
		tp := list[t.selected]
		dialog.ShowConfirm("删除模板", "确定删除模板“"+tp.Name+"”吗？已有的会议记录不受影响。", func(ok bool) {
			if ok {
				if err := sh.store.DeleteTemplate(sh.ctx, tp.ID); err != nil {
					sh.showError(err)
				}
				load()
			}
		}, sh.win)
	})
	var d *dialog.CustomDialog
	closeBt := widget.NewButton("关闭", func() { d.Hide() })
	body := container.NewBorder(widget.NewLabel("新建会议记录时可选用模板，预先填好议程、内容提纲和决议格式。"),
		container.NewHBox(add, edit, del, layout.NewSpacer(), closeBt), nil, nil, t)
	d = dialog.NewCustomWithoutButtons("会议模板", body, sh.win)
	d.Resize(fyne.NewSize(560, 480))
	d.Show()
}

func (s *meetingsScreen) editTemplate(tp data.MeetingTemplate, done func()) {
	sh := s.sh
	form := newFieldForm()
	kind := newSelect(data.MeetingKinds, nil)
	kind.SetSelected(tp.Kind)
	name := widget.NewEntry()
	name.SetText(tp.Name)
	multi := func(v string) *widget.Entry {
		e := widget.NewMultiLineEntry()
		e.SetMinRowsVisible(4)
		e.Wrapping = fyne.TextWrapWord
		e.SetText(v)
		return e
	}
	agenda, content, resolution := multi(tp.Agenda), multi(tp.Content), multi(tp.Resolution)
	form.add("kind", "会议类型", kind)
	form.add("name", "模板名称", name)
	form.add("agenda", "议程", agenda)
	form.add("content", "内容提纲", content)
	form.add("resolution", "决议格式", resolution)
	title := "修改模板"
	if tp.ID == 0 {
		title = "新增模板"
	}
	showFormDialog(sh.win, title, "保存", form, "", func() error {
		tp.Kind, tp.Name, tp.Agenda, tp.Content, tp.Resolution = kind.Selected, name.Text, agenda.Text, content.Text, resolution.Text
		if _, err := sh.store.SaveTemplate(sh.ctx, tp); err != nil {
			return err
		}
		done()
		return nil
	})
}

// importLedger reads a historical minutes ledger, previews, then applies.
func (s *meetingsScreen) importLedger() {
	sh := s.sh
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		var book *sheet.Sheet
		var plan *minutes.Plan
		sh.runJob("读取会议记录台账", func(p jobs.Progress) (jobs.Done, error) {
			var err error
			book, plan, err = jobs.PreviewMeetings(sh.ctx, sh.store, path, p)
			return jobs.Done{}, err
		}, func(jobs.Done) { s.previewLedger(path, book, plan) })
	}, sh.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv", ".XLSX", ".CSV"}))
	setStartFolder(d, "")
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

func (s *meetingsScreen) previewLedger(path string, book *sheet.Sheet, p *minutes.Plan) {
	sh := s.sh
	adds := newTextTable([]string{"行号", "日期", "党组织", "会议类型", "主题"}, []float32{60, 100, 150, 130, 320})
	var rows [][]string
	for _, a := range p.Adds {
		rows = append(rows, []string{fmt.Sprint(a.Row), a.Meeting.Date.String(), a.Branch, a.Meeting.Kind, a.Meeting.Topic})
	}
	adds.setRows(rows)
	showImportPreview(sh.win, importPreview{
		title: "导入会议台账（预览，尚未写入）",
		// Rows already in the database are listed among the skipped ones too.
		summary: fmt.Sprintf("文件：%s\n共 %d 行：可导入 %d 次会议，已存在 %d 次，不能导入 %d 行，另跳过 %d 行（合计、标题等）。",
			filepath.Base(path), p.Total, len(p.Adds), p.Existing, rejectedRows(p.Rejected), len(p.Skipped)-p.Existing),
		adds: adds, nAdds: len(p.Adds), rejected: p.Rejected, warnings: p.Warnings, skipped: p.Skipped,
		apply: func(m sheet.Mode) {
			var res sheet.Result
			sh.runJob("正在导入会议记录", func(p jobs.Progress) (jobs.Done, error) {
				var err error
				if res, err = jobs.ApplyMeetings(sh.ctx, sh.store, book, m, p); err != nil {
					return jobs.Done{}, fmt.Errorf("未导入任何会议记录：%w", err)
				}
				return jobs.Done{}, nil
			}, func(jobs.Done) {
				msg := fmt.Sprintf("已导入 %d 次会议记录。", res.Imported)
				if n := rejectedRows(res.Rejected); n > 0 {
					msg += fmt.Sprintf("有 %d 行未导入。", n)
				}
				dialog.ShowInformation("导入完成", msg, sh.win)
				s.reload()
			})
		},
	})
}
