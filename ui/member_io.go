package ui

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/data/roster"
	"dangjian/data/sheet"
	"dangjian/jobs"
	"dangjian/report"
)

// listOptions are the export options for the members listed: the list as
// filtered, searched and sorted, named after the branch and roster chosen.
// Only their ids: the job reads the full records under its progress
// dialog (100,000 dossiers take a while).
func (s *membersScreen) listOptions(format jobs.Format) jobs.MembersOptions {
	f := s.filter()
	return jobs.MembersOptions{Options: jobs.Options{BranchID: f.BranchID}, Format: format, Roster: f.Roster, IDs: s.listedIDs()}
}

// listReady says, when the list cannot be printed or exported as shown,
// why: it is empty, or its rows are still being read.
func (s *membersScreen) listReady(what string) bool {
	switch {
	case !s.complete:
		s.sh.showHint(what, "党员列表仍在读取，请稍候片刻再"+what+"，以免只"+what+"已读出的部分。")
		return false
	case len(s.rows) == 0:
		s.sh.showHint(what, "列表中没有党员，没有可"+what+"的内容。请先调整上方的筛选条件，或先添加、导入党员。")
		return false
	}
	return true
}

func (s *membersScreen) printRoster() {
	sh := s.sh
	if !s.listReady("打印") {
		return
	}
	o := s.listOptions(jobs.FormatRosterPDF)
	title := "党员花名册"
	if o.Roster == data.RosterHistory {
		title = "历史党员名册"
	}
	if s.branch.SelectedIndex() > 0 {
		title = s.branch.Selected + title
	}
	sh.printJob(title, func(out string, p jobs.Progress) (jobs.Done, error) {
		o.Out = out
		return jobs.ExportMembers(sh.ctx, sh.store, o, p)
	})
}

func (s *membersScreen) printForms() {
	sh := s.sh
	if !s.listReady("打印") {
		return
	}
	o := s.listOptions(jobs.FormatFormsPDF)
	run := func() {
		sh.printJob("党员基本信息登记表", func(out string, p jobs.Progress) (jobs.Done, error) {
			o.Out = out
			return jobs.ExportMembers(sh.ctx, sh.store, o, p)
		})
	}
	if len(o.IDs) > 50 {
		dialog.ShowConfirm("打印登记表", fmt.Sprintf("将为列表中的 %d 名党员各生成一页登记表，确定吗？", len(o.IDs)), func(ok bool) {
			if ok {
				run()
			}
		}, sh.win)
		return
	}
	run()
}

// exportExcel writes the listed members with the list's columns.
func (s *membersScreen) exportExcel() {
	if !s.listReady("导出") {
		return
	}
	o := s.listOptions(jobs.FormatXLSX)
	o.Columns = make([]roster.Column, len(s.cols))
	for i, c := range s.cols {
		o.Columns[i] = roster.Column{Key: c.key, Title: c.title}
	}
	s.sh.chooseSave(fileChoice{title: "导出党员名册", name: "党员名册-" + time.Now().Format("20060102") + ".xlsx", kind: "Excel 工作簿", exts: []string{".xlsx"}}, func(path string) {
		if !strings.HasSuffix(strings.ToLower(path), ".xlsx") {
			path += ".xlsx"
		}
		o.Out = path
		// The list holds ID numbers: offer to encrypt it (FILE.xlsx.age).
		s.sh.askPassphrase("加密导出", "导出", "名册含身份证号等个人信息。输入口令则保存为 .xlsx.age 加密文件（用 age 工具或本程序的口令打开）；留空则不加密。", func(pass string) {
			o.Passphrase = pass
			s.sh.runJob("导出党员名册", func(p jobs.Progress) (jobs.Done, error) {
				d, err := jobs.ExportMembers(s.sh.ctx, s.sh.store, o, p)
				dropPlaceholder(path, d.Path)
				return d, err
			}, func(d jobs.Done) { s.sh.notify(d.Message) })
		})
	})
}

// setStartFolder points a file dialog at dir, or the home folder.
func setStartFolder(d interface{ SetLocation(fyne.ListableURI) }, dir string) {
	if dir == "" {
		dir, _ = os.UserHomeDir()
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
}

// importRoster: pick a file, read and plan it with progress, preview, apply.
func (s *membersScreen) importRoster() {
	s.sh.chooseOpen(fileChoice{title: "选择要导入的花名册", kind: "Excel 或 CSV 表格", exts: []string{".xlsx", ".csv"}}, func(path string) {
		s.planImport(path)
	})
}

// planImport reads the file and computes the preview in the background.
func (s *membersScreen) planImport(path string) {
	sh := s.sh
	var book *sheet.Sheet
	var plan *roster.Plan
	sh.runJob("读取花名册 "+filepath.Base(path), func(p jobs.Progress) (jobs.Done, error) {
		var err error
		book, plan, err = jobs.PreviewMembers(sh.ctx, sh.store, path, p)
		return jobs.Done{}, err
	}, func(jobs.Done) { s.showPreview(path, book, plan) })
}

// showPreview lists what the import would do before anything is written.
func (s *membersScreen) showPreview(path string, book *sheet.Sheet, p *roster.Plan) {
	sh := s.sh
	summary := fmt.Sprintf("文件：%s\n共 %d 行数据：新增 %d 名，更新 %d 名，无变化 %d 名，不能导入 %d 行，跳过 %d 行（合计、填表人等）。",
		filepath.Base(path), p.Total, len(p.Adds), len(p.Updates), p.Unchanged, rejectedRows(p.Rejected), len(p.Skipped))
	if p.NewGeneral {
		summary += "\n数据库中还没有组织：将先建立党总支。"
	}
	if len(p.NewBranches) > 0 {
		summary += "\n将新建党支部：" + strings.Join(p.NewBranches, "、")
	}
	head := widget.NewLabel(summary)
	head.Wrapping = fyne.TextWrapWord

	adds := newTextTable([]string{"行号", "姓名", "公民身份号码", "党支部", "提示"}, []float32{60, 90, 175, 160, 300})
	var rows [][]string
	for _, a := range p.Adds {
		rows = append(rows, []string{fmt.Sprint(a.Row), a.Member.Name, a.Member.IDNumber, a.BranchName, issueText(a.Warnings)})
	}
	adds.setRows(rows)
	upd := newTextTable([]string{"行号", "姓名", "将更新的内容"}, []float32{60, 90, 620})
	rows = nil
	for _, u := range p.Updates {
		var fields []string
		for _, f := range u.Fields {
			fields = append(fields, data.FieldLabel(f))
		}
		rows = append(rows, []string{fmt.Sprint(u.Row), u.After.Name, strings.Join(fields, "、")})
	}
	upd.setRows(rows)
	rej := issueTable(p.Rejected)
	warn := issueTable(p.Warnings)
	skip := issueTable(p.Skipped)
	tabs := container.NewAppTabs(
		container.NewTabItem(fmt.Sprintf("新增（%d）", len(p.Adds)), adds),
		container.NewTabItem(fmt.Sprintf("更新（%d）", len(p.Updates)), upd),
		container.NewTabItem(fmt.Sprintf("不能导入（%d）", len(p.Rejected)), rej),
		container.NewTabItem(fmt.Sprintf("提示（%d）", len(p.Warnings)), warn),
		container.NewTabItem(fmt.Sprintf("跳过（%d）", len(p.Skipped)), skip),
	)
	if len(p.Rejected) > 0 {
		tabs.SelectIndex(2)
	}
	mode := widget.NewRadioGroup([]string{"只导入没有问题的行", "全部行都没有问题才导入"}, nil)
	mode.Horizontal = true
	mode.SetSelected("只导入没有问题的行")
	saveRej := widget.NewButton("保存“不能导入”清单…", func() { s.saveRejections(p) })
	if len(p.Rejected) == 0 {
		saveRej.Disable()
	}
	var d *dialog.CustomDialog
	cancel := widget.NewButton("取消", func() { d.Hide() })
	apply := widget.NewButton("确认导入", func() {
		m := sheet.ValidOnly
		if mode.Selected == mode.Options[1] {
			m = sheet.AllOrNothing
		}
		d.Hide()
		s.applyImport(book, m)
	})
	apply.Importance = widget.HighImportance
	if len(p.Adds)+len(p.Updates) == 0 {
		apply.Disable()
	}
	bottom := container.NewVBox(mode, container.NewHBox(saveRej, layout.NewSpacer(), cancel, apply))
	d = dialog.NewCustomWithoutButtons("导入预览（尚未写入任何数据）", container.NewBorder(head, bottom, nil, nil, tabs), sh.win)
	d.Resize(fyne.NewSize(980, 620))
	d.Show()
}

func rejectedRows(list []sheet.Issue) int { return sheet.CountRows(list) }

func issueText(list []sheet.Issue) string {
	var out []string
	for _, is := range list {
		out = append(out, joinNonEmpty("：", is.Column, is.Reason))
	}
	return strings.Join(out, "；")
}

func issueTable(list []sheet.Issue) *textTable {
	t := newTextTable([]string{"行号", "列", "原因"}, []float32{60, 140, 600})
	rows := make([][]string, len(list))
	for i, is := range list {
		rows[i] = []string{fmt.Sprint(is.Row), is.Column, is.Reason}
	}
	t.setRows(rows)
	return t
}

func (s *membersScreen) saveRejections(p *roster.Plan) {
	s.sh.chooseSave(fileChoice{title: "保存不能导入的行", name: "不能导入的行-" + time.Now().Format("20060102-1504") + ".xlsx", kind: "Excel 工作簿", exts: []string{".xlsx"}}, func(path string) {
		if err := report.WriteFileAtomic(path, func(out io.Writer) error { return roster.WriteRejections(out, p) }); err != nil {
			s.sh.showError(err)
			return
		}
		s.sh.notify("已保存不能导入的行：" + path)
	})
}

func (s *membersScreen) applyImport(book *sheet.Sheet, mode sheet.Mode) {
	sh := s.sh
	sh.applyImport("党员档案", func(pr jobs.Progress) (sheet.Result, error) {
		return jobs.ApplyMembers(sh.ctx, sh.store, book, mode, pr)
	}, func(res sheet.Result) {
		msg := fmt.Sprintf("已新增 %d 名、更新 %d 名党员。", res.Imported, res.Updated)
		if len(res.CreatedBranches) > 0 {
			msg += "\n新建党支部：" + strings.Join(res.CreatedBranches, "、")
		}
		if n := rejectedRows(res.Rejected); n > 0 {
			msg += fmt.Sprintf("\n有 %d 行未导入，可在预览中保存清单修改后再导入。", n)
		}
		dialog.ShowInformation("导入完成", msg, sh.win)
		sh.notify(strings.ReplaceAll(msg, "\n", " "))
		s.shown()
	})
}
