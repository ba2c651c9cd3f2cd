package ui

import (
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/data/demo"
)

// duesRow builds a grid row the way the list does and fills it with line i,
// so the test types into the same widgets a user does.
func duesRow(v *duesMonth, i int) (*widget.Entry, *widget.Label) {
	o := v.newRow()
	v.updateRow(i, o)
	_, _, _, paid, _, _, state := rowParts(o)
	return paid, state
}

// A secretary enters a branch's month: 全部按标准足额缴纳, one exception
// typed short, one bad amount refused with the typed text kept, then 保存.
func TestDuesEnterBranchMonth(t *testing.T) {
	sh, opened := newTestShell(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, sh.store, demo.Options{Members: 80, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	if !sh.Show("党费管理/按月收缴") {
		t.Fatal("no 党费管理 screen")
	}
	s := sh.current.(*duesScreen)
	v := s.month
	branch := s.branchID()
	if branch == 0 || len(v.lines) == 0 {
		t.Fatalf("branch %d, %d lines", branch, len(v.lines))
	}
	month := v.m
	if month != data.MonthOfDate(data.Today()) {
		t.Errorf("the grid opens on %s, not this month", month)
	}
	start := time.Now()
	test.Tap(v.fill)
	if !v.Dirty() || !strings.Contains(v.summary.Text, "已登记 "+strconv.Itoa(len(v.lines))) {
		t.Fatalf("after 全部足额: %q", v.summary.Text)
	}
	// The first member paid 10 元 only.
	paid, state := duesRow(v, 0)
	paid.SetText("")
	test.Type(paid, "10")
	if !strings.HasPrefix(state.Text, "少缴") || !strings.Contains(v.summary.Text, "少缴 1 人") {
		t.Errorf("short payment shows %q / %q", state.Text, v.summary.Text)
	}
	// A bad amount in the second row refuses the save and keeps the text.
	bad, _ := duesRow(v, 1)
	bad.SetText("")
	test.Type(bad, "12.345")
	test.Tap(v.saveBt)
	if !v.message.Visible() || !strings.Contains(v.message.Text, v.lines[1].Member.Name) || v.edits[1].paid != "12.345" {
		t.Fatalf("bad amount: %q, kept %q", v.message.Text, v.edits[1].paid)
	}
	bad.SetText("")
	test.Type(bad, data.FormatYuan(v.lines[1].Owing()+500))
	test.Tap(v.saveBt)
	if v.Dirty() || v.message.Visible() {
		t.Fatalf("not saved: %q", v.message.Text)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("entering a month took %v", d)
	}
	book, err := sh.store.DuesBook(ctx, data.DuesQuery{From: month, To: month, BranchID: branch})
	if err != nil {
		t.Fatal(err)
	}
	lines := book.Month(month, branch)
	if len(lines) != len(v.lines) {
		t.Fatalf("%d lines stored for %d shown", len(lines), len(v.lines))
	}
	for i, l := range lines {
		want := data.DuesPaid
		switch i {
		case 0:
			want = data.DuesShort
		case 1:
			want = data.DuesOver
		}
		if l.Owing() == 0 {
			continue
		}
		if l.Row == nil || l.State() != want || l.Row.Method != data.PayPayroll || l.Row.PaidDate != data.Today() || l.BranchID != branch {
			t.Errorf("%s: %+v %s, want %s", l.Member.Name, l.Row, l.State(), want)
		}
	}
	if lines[0].Paid() != 1000 {
		t.Errorf("first member paid %d", lines[0].Paid())
	}
	// The grid reloaded from the store shows the same.
	if _, st := duesRow(v, 0); !strings.HasPrefix(st.Text, "少缴") {
		t.Errorf("reloaded row 0: %q", st.Text)
	}
	// The collection sheet printed from the grid totals what was saved.
	v.print()
	if len(*opened) != 1 {
		t.Fatalf("printed %v", *opened)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", (*opened)[0], "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		var total int64
		for _, l := range lines {
			total += l.Paid()
		}
		pdf := squashSpace(string(out))
		if !strings.Contains(pdf, lines[0].Member.Name) || !strings.Contains(pdf, data.FormatYuan(total)) {
			t.Errorf("collection sheet lacks %s or the total %s", lines[0].Member.Name, data.FormatYuan(total))
		}
	}
	es, _ := sh.store.AuditEntries(ctx, data.AuditFilter{Entity: data.EntityDuesPayment})
	if len(es) == 0 {
		t.Error("no audit rows")
	}

	// The arrears tab lists the demo's members behind, alarms first.
	s.tabs.SelectIndex(1)
	if len(s.arrears.list) == 0 || !strings.Contains(s.arrears.note.Text, "欠缴") {
		t.Errorf("arrears: %d, %q", len(s.arrears.list), s.arrears.note.Text)
	}
	if dir := os.Getenv("DANGJIAN_SHOTS"); dir != "" {
		sh.win.Resize(fyne.NewSize(1366, 705))
		shot := func(name string) {
			f, _ := os.Create(filepath.Join(dir, name+".png"))
			png.Encode(f, sh.win.Canvas().Capture())
			f.Close()
		}
		shot("dues-arrears")
		s.tabs.SelectIndex(0)
		test.Tap(v.fill)
		shot("dues-month")
		v.Discard()
		s.tabs.SelectIndex(2)
		if len(s.bases.ids) > 0 {
			s.bases.members.Select(widget.TableCellID{Row: 0, Col: 0})
		}
		shot("dues-bases")
		s.tabs.SelectIndex(3)
		shot("dues-rules")
	}
}

// Unsaved entries are asked about before leaving the screen.
func TestDuesUnsavedAsked(t *testing.T) {
	sh, _ := newTestShell(t)
	if _, err := demo.Load(context.Background(), sh.store, demo.Options{Members: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	sh.Show("党费管理")
	s := sh.current.(*duesScreen)
	test.Tap(s.month.fill)
	if sh.dirtyEditorNow() == nil {
		t.Fatal("the filled grid is not reported unsaved")
	}
	sh.Show("操作日志")
	if sh.asking == nil || sh.current != s {
		t.Fatal("left the grid without asking")
	}
}

// The office records a new standard from a month on; a member's base is
// recorded with its history; a branch copy cannot edit the standards.
func TestDuesEditors(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, sh.store, demo.Options{Members: 60, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	sh.Show("党费管理/党费标准")
	s := sh.current.(*duesScreen)
	r := s.rules
	r.from.SetText("2027-01")
	r.inSvc.SetText("3000 0.6%\n5000 1%\n10000 1.5%\n以上 2%")
	test.Type(r.note, "（试行）")
	test.Tap(r.saveBt)
	book, _ := sh.store.DuesRuleBook(ctx)
	if len(book) != 1 || book[0].Effective.String() != "2027-01" || book[0].InService[0].RateBP != 60 {
		t.Fatalf("rules stored %+v", book)
	}
	if r.Dirty() {
		t.Error("saved standards still dirty")
	}
	// A bad line is refused at its field, with the text kept.
	r.inSvc.SetText("3000")
	test.Tap(r.saveBt)
	if r.form.message("in_service") == "" || r.inSvc.Text != "3000" {
		t.Errorf("bad tiers: message %q", r.form.message("in_service"))
	}
	r.Discard()

	s.tabs.SelectIndex(2)
	b := s.bases
	if len(b.ids) == 0 {
		t.Fatal("no members in 缴费基数")
	}
	b.members.Select(widget.TableCellID{Row: 0, Col: 0})
	id := b.cur
	b.from.SetText("2026-07")
	b.base.SetText("")
	test.Type(b.base, "8000")
	test.Tap(b.saveBt)
	hist, _ := sh.store.DuesBaseHistory(ctx, id)
	if len(hist) != 1 || hist[0].Base != 800000 || hist[0].Effective.String() != "2026-07" {
		t.Fatalf("base history %+v", hist)
	}
	// 免缴 without a reason is refused at the reason.
	b.cat.SetSelected(data.DuesExempt)
	test.Tap(b.saveBt)
	if b.form.message("reason") == "" {
		t.Error("免缴 without a reason accepted")
	}
	b.Discard()

	// A branch secretary's copy reads the standards only.
	branch := s.branchIDs[len(s.branchIDs)-1]
	sh.store.SetRole(ctx, data.RoleOffice, data.Role{BranchID: branch})
	sh.Show("操作日志")
	sh.Show("党费管理")
	if !r.saveBt.Disabled() || len(s.branchIDs) != 1 || s.branchIDs[0] != branch {
		t.Errorf("branch copy: save enabled %v, branches %v", !r.saveBt.Disabled(), s.branchIDs)
	}
}
