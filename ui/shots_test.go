package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/data/demo"
	"dangjian/data/roster"
	"dangjian/jobs"
)

// hideOverlays closes every dialog shown on w.
func hideOverlays(w fyne.Window) {
	for o := w.Canvas().Overlays().Top(); o != nil; o = w.Canvas().Overlays().Top() {
		w.Canvas().Overlays().Remove(o)
	}
}

// writeMessyRoster exports the store's first members, changes some and
// adds a few bad rows, as an office's edited spreadsheet would be.
func writeMessyRoster(t *testing.T, sh *Shell, path string) {
	t.Helper()
	ms, _ := sh.store.Members(context.Background(), data.MemberFilter{})
	names, _ := sh.store.UnitNames(context.Background())
	list := append([]data.Member{}, ms[:6]...)
	list[0].Phone = "13912345678"
	list[1].IDNumber = "110105198005170010"
	list = append(list, data.Member{Name: "新同志", IDNumber: "110105199001010012", Standing: data.StandingFull,
		JoinDate: data.MustDate("2015-07-01"), FullDate: data.MustDate("2016-07-01"), BranchID: ms[0].BranchID})
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := roster.ExportMembers(f, roster.DefaultColumns(), list, func(id int64) string { return names[id] }, data.Today()); err != nil {
		t.Fatal(err)
	}
}

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

	// A maximised window on a 1366×768 laptop with the Windows taskbar.
	laptop := fyne.NewSize(1366, 705)
	newTestShell := func(t *testing.T) (*Shell, *[]string) {
		sh, opened := newTestShell(t)
		sh.win.Resize(laptop)
		return sh, opened
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

	// Leaving the refused card asks 保存 / 不保存 / 取消.
	sh.Show("党员档案")
	shoot(sh.win, "org-unsaved-ask")
	test.Tap(sh.asking.discard)
	ms := sh.current.(*membersScreen)
	shoot(sh.win, "members")
	typeInto(ms.search, "zh")
	ms.table.Select(widget.TableCellID{Row: 2, Col: 0})
	shoot(sh.win, "members-search")
	ms.editor.tabs.SelectIndex(1)
	shoot(sh.win, "member-party")
	ms.editor.entries["join_date"].SetText("1890-01-01")
	ms.editor.entries["phone"].SetText("123")
	ms.editor.save()
	shoot(sh.win, "member-invalid")
	ms.open(ms.selected)
	ms.editor.recordEvent()
	shoot(sh.win, "member-event")
	hideOverlays(sh.win)
	ms.addNew()
	shoot(sh.win, "member-new")
	// Leaving a changed dossier asks first.
	ms.table.Select(widget.TableCellID{Row: 0, Col: 0})
	typeInto(ms.editor.entries["remarks"], "尚未保存的备注")
	ms.table.Select(widget.TableCellID{Row: 1, Col: 0})
	shoot(sh.win, "member-unsaved-ask")
	test.Tap(sh.asking.discard)
	// An import preview of a sheet with new, changed and bad rows.
	xlsx := filepath.Join(t.TempDir(), "花名册.xlsx")
	writeMessyRoster(t, sh, xlsx)
	sheet, err := roster.ReadFile(xlsx, nil)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := roster.PlanImport(context.Background(), sh.store, sheet)
	if err != nil {
		t.Fatal(err)
	}
	ms.showPreview(xlsx, sheet, plan)
	shoot(sh.win, "member-import-preview")
	hideOverlays(sh.win)
	// A print under way: the dialog printJob shows while the job runs,
	// at the step jobs.ExportMembers reports before writing the file.
	sh.runJob("正在生成党员花名册", func(p jobs.Progress) (jobs.Done, error) {
		p(2, 3, "正在生成文件")
		shoot(sh.win, "print-progress")
		return jobs.Done{}, nil
	}, func(jobs.Done) {})

	sh.Show("三会一课")
	mt := sh.current.(*meetingsScreen)
	shoot(sh.win, "meetings")
	if len(mt.rows) > 0 {
		mt.list.Select(widget.TableCellID{Row: 0, Col: 0})
		shoot(sh.win, "meeting-edit")
	}
	mt.newMeeting()
	shoot(sh.win, "meeting-new")
	hideOverlays(sh.win)
	mt.tabs.SelectIndex(1)
	mt.comp.load()
	shoot(sh.win, "meetings-compliance")

	// A few tasks at different points of the loop.
	tree, _ := sh.store.OrgTree(context.Background())
	var branchIDs []int64
	for _, b := range tree[0].Children {
		branchIDs = append(branchIDs, b.Unit.ID)
	}
	today := data.Today()
	for i, title := range []string{"制定年度理论学习计划并报党总支备案", "开展“党员先锋岗”创建活动", "完成支部委员会换届选举准备工作"} {
		tk, err := sh.store.SaveTask(context.Background(), data.RoleOffice, data.Task{Year: today.Y, Aspect: []string{"思想建设", "组织建设", "组织建设"}[i],
			Title: title, Requirement: "按要求完成并报送佐证材料。", Due: today.AddDays(-20 + 15*i), Points: 50, Branches: branchIDs[:4]})
		if err != nil {
			t.Fatal(err)
		}
		list, _ := sh.store.Assignments(context.Background(), data.TaskFilter{Year: today.Y})
		for _, a := range list {
			if a.Task.ID == tk.ID && a.BranchID == branchIDs[0] {
				sh.store.ActOnTask(context.Background(), a.ID, data.Role{Office: true}, data.TaskAction{Action: data.StepReport, Text: "已按要求完成，材料已报送。"})
			}
		}
	}
	sh.Show("考评督办")
	as := sh.current.(*assessScreen)
	as.taskTable.Select(widget.TableCellID{Row: 0, Col: 0})
	shoot(sh.win, "assess-tasks")
	as.tabs.SelectIndex(1)
	as.reload()
	shoot(sh.win, "assess-checklist")
	as.tabs.SelectIndex(2)
	as.reload()
	shoot(sh.win, "assess-ranking")

	sh.Show("操作日志")
	a := sh.current.(*auditScreen)
	a.table.Select(widget.TableCellID{Row: 3, Col: 0})
	shoot(sh.win, "audit")
	sh.Show("系统设置")
	shoot(sh.win, "settings")
}
