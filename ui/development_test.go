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
	"github.com/xuri/excelize/v2"

	"dangjian/data"
	"dangjian/data/demo"
)

func devTestID(birth, seq string) string {
	first := "110101" + birth + seq
	c, err := data.IDCheckChar(first)
	if err != nil {
		panic(err)
	}
	return first + string(c)
}

// A branch secretary records the 支部大会 vote (step 15) of a candidate of
// their branch with the vote helper; another branch's candidate is not shown.
func TestDevRecordVoteStepThroughUI(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	st := sh.store
	office := data.Role{Office: true}
	var fleet, org data.OrgUnit
	err := st.Write(ctx, func(tx *data.Tx) error {
		root, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "中共示范公交公司总支部委员会"})
		if err != nil {
			return err
		}
		if fleet, err = tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"}); err != nil {
			return err
		}
		org, err = tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "机关党支部"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"王建国", "李红", "赵强", "钱进", "孙立"} {
		if _, _, err := st.SaveMember(ctx, data.RoleOffice, data.Member{Name: name, IDNumber: devTestID("1970010"+string(rune('1'+i)), "011"),
			BranchID: fleet.ID, Standing: data.StandingFull, Status: data.StatusNormal,
			JoinDate: data.MustDate("2000-07-01"), FullDate: data.MustDate("2001-07-01")}); err != nil {
			t.Fatal(err)
		}
	}
	c, _, err := st.SaveDevCandidate(ctx, office, data.DevCandidate{Name: "孙小明", IDNumber: devTestID("19950101", "123"),
		BranchID: fleet.ID, ApplyDate: data.MustDate("2023-03-01")})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []struct {
		n    int
		date string
	}{{1, "2023-03-01"}, {2, "2023-03-20"}, {3, "2023-06-01"}, {7, "2024-06-15"}, {10, "2024-07-01"}, {11, "2024-07-10"}, {14, "2024-08-01"}} {
		if _, _, err := st.SaveDevStep(ctx, office, data.DevStepRecord{CandidateID: c.ID, Step: x.n, Date: data.MustDate(x.date)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := st.SaveDevCandidate(ctx, office, data.DevCandidate{Name: "别支部", BranchID: org.ID, ApplyDate: data.MustDate("2025-01-01")}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetRole(ctx, data.RoleOffice, data.Role{BranchID: fleet.ID}); err != nil {
		t.Fatal(err)
	}
	if !sh.Show("发展党员") {
		t.Fatal("no 发展党员 screen")
	}
	s := sh.current.(*developmentScreen)
	s.shown()
	if len(s.files) != 1 || s.list.cell(0, 0) != "孙小明" {
		t.Fatalf("a branch sees %d candidates: %q", len(s.files), s.list.rows)
	}
	if s.importBt.Visible() {
		t.Error("a branch sees 导入台账")
	}
	s.list.Select(widget.TableCellID{Row: 0, Col: 0})
	if s.file() == nil || !s.detail.Visible() {
		t.Fatal("no detail")
	}
	if !strings.Contains(s.nextInfo.Text, "第 15 步") {
		t.Errorf("next: %q", s.nextInfo.Text)
	}
	s.timeline.Select(widget.TableCellID{Row: 14, Col: 1})
	if s.stepBt.Text != "登记第 15 步" {
		t.Fatalf("button %q", s.stepBt.Text)
	}
	test.Tap(s.stepBt)
	e := s.editor
	if e == nil || e.expected == nil {
		t.Fatal("no vote editor")
	}
	typeInto(&e.date.Entry, "2024.9.1")
	if e.expected.Text != "5" {
		t.Errorf("应到 = %q, want the branch's 5 正式党员", e.expected.Text)
	}
	// Impossible counts are refused with a message; the typed text stays.
	typeInto(e.present, "6")
	typeInto(e.yes, "3")
	if !strings.Contains(e.voteRes.Text, "多于应到") {
		t.Errorf("helper: %q", e.voteRes.Text)
	}
	test.Tap(e.dlg.saveBt)
	if e.rec.ID != 0 || e.present.Text != "6" || !strings.Contains(e.form.message("vote"), "多于应到") {
		t.Fatalf("impossible counts saved or lost: id %d %q %q", e.rec.ID, e.present.Text, e.form.message("vote"))
	}
	typeInto(e.present, "4")
	typeInto(e.yes, "3")
	typeInto(e.no, "1")
	if !strings.Contains(e.voteRes.Text, "表决通过") {
		t.Errorf("helper: %q", e.voteRes.Text)
	}
	test.Tap(e.dlg.saveBt)
	if e.rec.ID == 0 {
		t.Fatalf("not saved: %q", e.form.general.Text)
	}
	steps, _ := st.DevSteps(ctx, c.ID)
	var vote *data.DevStepRecord
	for i := range steps {
		if steps[i].Step == data.DevStepVote {
			vote = &steps[i]
		}
	}
	if vote == nil || vote.Date != data.MustDate("2024-09-01") || vote.Vote == nil || *vote.Vote != (data.DevVoteCount{Expected: 5, Present: 4, Yes: 3, No: 1}) ||
		len(vote.Materials) != 2 {
		t.Fatalf("stored %+v", vote)
	}
	// The screen shows it done, and step 17 next with its deadline.
	if s.timeline.cell(14, 3) == "" || !strings.HasPrefix(s.timeline.cell(14, 3), "已完成") || !strings.Contains(s.timeline.cell(14, 4), "通过") {
		t.Errorf("timeline row 15: %q", s.timeline.rows[14])
	}
	if !strings.Contains(s.nextInfo.Text, "第 16 步") && !strings.Contains(s.nextInfo.Text, "第 17 步") {
		t.Errorf("next after the vote: %q", s.nextInfo.Text)
	}
	// Choosing the step again corrects the record rather than adding one.
	s.timeline.Select(widget.TableCellID{Row: 14, Col: 1})
	if s.stepBt.Text != "修改第 15 步" {
		t.Errorf("button %q", s.stepBt.Text)
	}
	test.Tap(s.stepBt)
	if s.editor.rec.ID != vote.ID || s.editor.present.Text != "4" {
		t.Errorf("editing %d (want %d), 实到 %q", s.editor.rec.ID, vote.ID, s.editor.present.Text)
	}
	hideOverlays(sh.win)
	// Step 17 puts 孙小明 on the roster; the dossier links back to the file.
	if _, _, err := st.SaveDevStep(ctx, data.Role{BranchID: fleet.ID}, data.DevStepRecord{CandidateID: c.ID, Step: 17,
		Date: data.MustDate("2024-10-15")}); err != nil {
		t.Fatal(err)
	}
	file, _ := st.DevFileOf(ctx, c.ID)
	sh.Show("党员档案")
	ms := sh.current.(*membersScreen)
	ms.open(file.Candidate.MemberID)
	var link *widget.Button
	devWalk(ms.editor.obj, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "发展档案" {
			link = b
		}
	})
	if link == nil {
		t.Fatal("no 发展档案 link on the dossier")
	}
	test.Tap(link)
	if d, ok := sh.current.(*developmentScreen); !ok || d.file() == nil || d.file().Candidate.ID != c.ID {
		t.Fatalf("link went to %T", sh.current)
	}
}

func TestDevPrintRecordFromUI(t *testing.T) {
	sh, opened := newTestShell(t)
	ctx := context.Background()
	var b data.OrgUnit
	err := sh.store.Write(ctx, func(tx *data.Tx) error {
		root, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "示范党总支"})
		if err != nil {
			return err
		}
		b, err = tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Applied this year, so the year's 台账 has a row to print.
	if _, _, err := sh.store.SaveDevCandidate(ctx, data.Role{Office: true}, data.DevCandidate{Name: "孙小明", BranchID: b.ID,
		ApplyDate: sh.store.Today()}); err != nil {
		t.Fatal(err)
	}
	sh.Show("发展党员")
	s := sh.current.(*developmentScreen)
	if len(s.files) != 1 || s.pipeline.cell(0, 1) != "1" {
		t.Fatalf("pipeline %q", s.pipeline.rows)
	}
	s.list.Select(widget.TableCellID{Row: 0})
	s.print()
	if len(*opened) != 1 || !strings.Contains((*opened)[0], "孙小明-发展党员纪实表") {
		t.Fatalf("opened %q", *opened)
	}
	s.tabs.SelectIndex(1)
	s.print()
	if len(*opened) != 2 || !strings.Contains((*opened)[1], "发展党员工作台账") {
		t.Fatalf("opened %q", *opened)
	}
}

// TestDevScreenshots renders the 发展党员 screens into $DANGJIAN_SHOTS.
func TestDevScreenshots(t *testing.T) {
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
	sh, _ := newTestShell(t)
	sh.win.Resize(fyne.NewSize(1366, 705))
	if _, err := demo.Load(context.Background(), sh.store, demo.Options{Seed: 1}); err != nil {
		t.Fatal(err)
	}
	sh.Show("发展党员")
	s := sh.current.(*developmentScreen)
	for i, f := range s.files {
		if f.Candidate.Name == "高俊杰" {
			s.list.Select(widget.TableCellID{Row: i})
		}
	}
	shoot(sh.win, "dev-late")
	for i, f := range s.files {
		if f.Candidate.Name == "罗佳怡" {
			s.list.Select(widget.TableCellID{Row: i})
		}
	}
	shoot(sh.win, "dev-voted")
	s.timeline.Select(widget.TableCellID{Row: 14})
	s.recordStep()
	shoot(sh.win, "dev-vote-editor")
	hideOverlays(sh.win)
	s.tabs.SelectIndex(1)
	shoot(sh.win, "dev-pipeline")
}

// The office enters a new applicant through the form: a bad ID number is
// refused at its field and the typed text kept; a good one saves the file
// with its application as step 1, which can then be deleted.
func TestDevNewCandidateThroughUI(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	err := sh.store.Write(ctx, func(tx *data.Tx) error {
		root, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "示范党总支"})
		if err != nil {
			return err
		}
		_, err = tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sh.Show("发展党员")
	s := sh.current.(*developmentScreen)
	test.Tap(s.newBt)
	top := sh.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no form")
	}
	var entries []*widget.Entry
	var save *widget.Button
	devWalk(top, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Entry:
			entries = append(entries, w)
		case *dateEntry:
			entries = append(entries, &w.Entry)
		case *widget.Button:
			if w.Text == "保存" {
				save = w
			}
		}
	})
	if len(entries) < 3 || save == nil {
		t.Fatalf("%d entries, save %v", len(entries), save != nil)
	}
	typeInto(entries[0], "韩新")
	typeInto(entries[1], "110101199909096781")
	typeInto(entries[2], "2026-01-05")
	test.Tap(save)
	if list, _ := sh.store.DevCandidates(ctx, data.DevCandidateFilter{}); len(list) != 0 || entries[1].Text != "110101199909096781" {
		t.Fatalf("bad ID saved or lost: %d %q", len(list), entries[1].Text)
	}
	typeInto(entries[1], devTestID("19990909", "678"))
	test.Tap(save)
	files, _ := sh.store.DevFiles(ctx, data.DevCandidateFilter{})
	if len(files) != 1 || files[0].Candidate.Name != "韩新" || len(files[0].Steps) != 1 || files[0].Steps[0].Date != data.MustDate("2026-01-05") {
		t.Fatalf("%+v", files)
	}
	if s.file() == nil || s.file().Candidate.Name != "韩新" {
		t.Fatal("the new file is not shown")
	}
	s.timeline.Select(widget.TableCellID{Row: 0})
	if s.delBt.Disabled() {
		t.Fatal("delete disabled on a recorded step")
	}
	s.tlSel = 0
	s.deleteStep()
	hideOverlays(sh.win) // the confirmation; delete as its 确定 would
	if err := sh.store.DeleteDevStep(ctx, s.role, files[0].Steps[0].ID); err != nil {
		t.Fatal(err)
	}
	if steps, _ := sh.store.DevSteps(ctx, files[0].Candidate.ID); len(steps) != 0 {
		t.Errorf("%d steps", len(steps))
	}
}

// walk visits o and everything inside it.
func devWalk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, x := range c.Objects {
			devWalk(x, fn)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(c)
		if r != nil {
			for _, x := range r.Objects() {
				devWalk(x, fn)
			}
		}
	}
}

// The office imports a 台账 through the preview: late and refused rows are
// listed before anything is written; 确认导入 writes the valid rows.
func TestDevImportLedgerThroughUI(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	err := sh.store.Write(ctx, func(tx *data.Tx) error {
		root, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "示范党总支"})
		if err != nil {
			return err
		}
		_, err = tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	sheet := f.GetSheetName(0)
	f.SetSheetRow(sheet, "A1", &[]any{"姓名", "身份证号码", "所在党支部", "递交入党申请书时间", "谈话时间", "确定为入党积极分子时间"})
	f.SetSheetRow(sheet, "A2", &[]any{"周晚", devTestID("19960202", "234"), "第一车队党支部", "2025-01-05", "2025-03-20", "2025-06-01"})
	f.SetSheetRow(sheet, "A3", &[]any{"错日期", devTestID("19970303", "345"), "第一车队党支部", "2025-13-45", "", ""})
	path := filepath.Join(t.TempDir(), "台账.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	sh.Show("发展党员")
	s := sh.current.(*developmentScreen)
	s.previewImport(path)
	top := sh.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no preview")
	}
	var texts []string
	var apply *widget.Button
	devWalk(top, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			texts = append(texts, w.Text)
		case *widget.Button:
			if w.Text == "确认导入" {
				apply = w
			}
		}
	})
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, "可导入 1 名") || !strings.Contains(all, "不能导入 1 行") {
		t.Errorf("preview: %s", all)
	}
	if list, _ := sh.store.DevCandidates(ctx, data.DevCandidateFilter{}); len(list) != 0 {
		t.Fatal("the preview wrote")
	}
	test.Tap(apply)
	files, _ := sh.store.DevFiles(ctx, data.DevCandidateFilter{})
	if len(files) != 1 || len(files[0].Steps) != 3 || len(s.files) != 1 || s.list.cell(0, 5) == "" {
		t.Fatalf("imported %+v, list %q", files, s.list.rows)
	}
}

func TestDevStepWordingThroughUI(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	err := sh.store.Write(ctx, func(tx *data.Tx) error {
		root, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "示范党总支"})
		if err != nil {
			return err
		}
		_, err = tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	roots, _ := sh.store.OrgTree(ctx)
	if _, _, err := sh.store.SaveDevCandidate(ctx, data.Role{Office: true}, data.DevCandidate{Name: "孙小明",
		BranchID: roots[0].Children[0].Unit.ID, ApplyDate: data.MustDate("2025-01-05")}); err != nil {
		t.Fatal(err)
	}
	sh.Show("发展党员")
	s := sh.current.(*developmentScreen)
	s.timeline.Select(widget.TableCellID{Row: 1})
	test.Tap(s.wordBt)
	top := sh.win.Canvas().Overlays().Top()
	var entries []*widget.Entry
	var save *widget.Button
	devWalk(top, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Entry:
			entries = append(entries, w)
		case *widget.Button:
			if w.Text == "保存" {
				save = w
			}
		}
	})
	if len(entries) != 4 || entries[0].Text != "谈话" {
		t.Fatalf("%d entries", len(entries))
	}
	typeInto(entries[0], "谈心谈话")
	typeInto(entries[2], "谈话记录、谈话登记表")
	test.Tap(save)
	p, _ := sh.store.DevProcess(ctx)
	if st := p.Step(2); st.Name != "谈心谈话" || len(st.Materials) != 2 || st.Rule != data.DevRuleTalk {
		t.Fatalf("%+v", st)
	}
	if s.timeline.cell(1, 1) != "谈心谈话" {
		t.Errorf("timeline %q", s.timeline.rows[1])
	}
}
