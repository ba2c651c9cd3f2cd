package ui

import (
	"context"
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
	"dangjian/report"
)

// orgName is the general branch's name for printed headers.
func (s *membersScreen) orgName() string {
	roots, err := s.sh.store.OrgTree(s.sh.ctx)
	if err != nil || len(roots) == 0 {
		return ""
	}
	return roots[0].Unit.FullName
}

// branchOrder is the branches in tree order, for grouping the 花名册.
func (s *membersScreen) branchOrder() []int64 {
	roots, _ := s.sh.store.OrgTree(s.sh.ctx)
	var out []int64
	for _, r := range roots {
		for _, b := range r.Children {
			out = append(out, b.Unit.ID)
		}
	}
	return out
}

func (s *membersScreen) printRoster() {
	ms := s.visible()
	if len(ms) == 0 {
		s.sh.showError(fmt.Errorf("列表中没有党员，没有可打印的内容"))
		return
	}
	title := "党员花名册"
	if s.roster.Selected == "历史党员" {
		title = "历史党员名册"
	}
	if s.branch.SelectedIndex() > 0 {
		title = s.branch.Selected + title
	}
	opts := report.RosterOptions{AsOf: data.Today(), Title: title, Org: s.orgName(), UnitName: s.unitName,
		Branches: s.branchOrder(), History: s.roster.Selected == "历史党员"}
	if opts.History {
		events, err := s.sh.store.EventsOf(s.sh.ctx, memberIDs(ms))
		if err != nil {
			s.sh.showError(err)
			return
		}
		opts.Events = events
	}
	s.sh.printPDF(title, func(w io.Writer) error { return report.Roster(w, ms, opts) })
}

func memberIDs(ms []data.Member) []int64 {
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	return ids
}

func (s *membersScreen) printForms() {
	ms := s.visible()
	if len(ms) == 0 {
		s.sh.showError(fmt.Errorf("列表中没有党员，没有可打印的内容"))
		return
	}
	run := func() {
		photos, err := s.sh.store.MemberPhotos(s.sh.ctx, memberIDs(ms))
		if err != nil {
			s.sh.showError(err)
			return
		}
		opts := report.MemberFormOptions{AsOf: data.Today(), Org: s.orgName(), UnitName: s.unitName, Photos: photos}
		s.sh.printPDF("党员基本信息登记表", func(w io.Writer) error { return report.MemberForms(w, ms, opts) })
	}
	if len(ms) > 50 {
		dialog.ShowConfirm("打印登记表", fmt.Sprintf("将为列表中的 %d 名党员各生成一页登记表，确定吗？", len(ms)), func(ok bool) {
			if ok {
				run()
			}
		}, s.sh.win)
		return
	}
	run()
}

// exportExcel writes the listed members with the list's columns.
func (s *membersScreen) exportExcel() {
	ms := s.visible()
	cols := make([]roster.Column, len(s.cols))
	for i, c := range s.cols {
		cols[i] = roster.Column{Key: c.key, Title: c.title}
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if !strings.HasSuffix(strings.ToLower(path), ".xlsx") {
			path += ".xlsx"
		}
		err = report.WriteFileAtomic(path, func(out io.Writer) error {
			return roster.ExportMembers(out, cols, ms, s.unitName, data.Today())
		})
		if err != nil {
			s.sh.showError(fmt.Errorf("导出失败：%w", err))
			return
		}
		s.sh.notify(fmt.Sprintf("已导出 %d 名党员到 %s", len(ms), path))
	}, s.sh.win)
	d.SetFileName("党员名册-" + time.Now().Format("20060102") + ".xlsx")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	setStartFolder(d, "")
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
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
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		s.planImport(path)
	}, s.sh.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv", ".XLSX", ".CSV"}))
	setStartFolder(d, "")
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// planImport reads the file and computes the preview in the background.
func (s *membersScreen) planImport(path string) {
	sh := s.sh
	bar := widget.NewProgressBar()
	wait := dialog.NewCustomWithoutButtons("读取花名册", container.NewVBox(widget.NewLabel(filepath.Base(path)), bar), sh.win)
	wait.Resize(fyne.NewSize(420, 120))
	wait.Show()
	go func() {
		book, err := roster.ReadFile(path, func(f float64) { fyne.Do(func() { bar.SetValue(f * 0.8) }) })
		var plan *roster.Plan
		if err == nil {
			plan, err = roster.PlanImport(sh.ctx, sh.store, book)
		}
		fyne.Do(func() {
			wait.Hide()
			if err != nil {
				sh.showError(err)
				return
			}
			s.showPreview(path, book, plan)
		})
	}()
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

func rejectedRows(list []sheet.Issue) int {
	rows := map[int]bool{}
	for _, r := range list {
		rows[r.Row] = true
	}
	return len(rows)
}

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
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if err := report.WriteFileAtomic(path, func(out io.Writer) error { return roster.WriteRejections(out, p) }); err != nil {
			s.sh.showError(err)
			return
		}
		s.sh.notify("已保存不能导入的行：" + path)
	}, s.sh.win)
	d.SetFileName("不能导入的行-" + time.Now().Format("20060102-1504") + ".xlsx")
	setStartFolder(d, "")
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

func (s *membersScreen) applyImport(book *sheet.Sheet, mode sheet.Mode) {
	sh := s.sh
	bar := widget.NewProgressBar()
	wait := dialog.NewCustomWithoutButtons("正在导入", container.NewVBox(widget.NewLabel("请稍候，完成前不要关闭程序。"), bar), sh.win)
	wait.Resize(fyne.NewSize(420, 120))
	wait.Show()
	go func() {
		res, err := roster.Apply(context.Background(), sh.store, book, mode, func(f float64) { fyne.Do(func() { bar.SetValue(f) }) })
		fyne.Do(func() {
			wait.Hide()
			if err != nil {
				sh.showError(fmt.Errorf("未导入任何数据：%w", err))
				return
			}
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
	}()
}
