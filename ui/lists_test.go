package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/data/demo"
	"dangjian/report"
)

// listsOf opens every screen of a demo database at font scale and returns
// its lists by name, filled as a user sees them.
func listsOf(t *testing.T, scale float64) (*Shell, map[string]*textTable) {
	t.Helper()
	sh, _ := newTestShell(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, sh.store, demo.Options{Members: 300, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	if err := sh.store.SetSetting(ctx, data.SettingFontScale, fmt.Sprint(scale)); err != nil {
		t.Fatal(err)
	}
	sh.app.Settings().SetTheme(NewTheme(scale))
	sh.win.Resize(fyne.NewSize(1366, 705))
	lists := map[string]*textTable{}

	sh.Show("组织架构")
	o := sh.current.(*orgScreen)
	o.shown()
	br := o.roots[0].Children[0]
	cv := newCommitteeView(o, br)
	lists["委员会现任"], lists["委员会任职历史"] = cv.curT, cv.histT

	// The list is really on screen, not only built.
	shown := func(name string, l *textTable) {
		t.Helper()
		for _, o := range test.LaidOutObjects(sh.win.Content()) {
			if o == l {
				return
			}
		}
		t.Fatalf("%s: the list is not on screen", name)
	}
	sh.Show("党员档案")
	lists["党员档案"] = sh.current.(*membersScreen).table
	shown("党员档案", lists["党员档案"])

	sh.Show("三会一课")
	lists["三会一课"] = sh.current.(*meetingsScreen).list
	shown("三会一课", lists["三会一课"])

	sh.Show("考评督办")
	as := sh.current.(*assessScreen)
	lists["任务督办"] = as.taskTable
	shown("任务督办", as.taskTable)
	as.tabs.SelectIndex(1)
	lists["支部考评"] = as.itemTable
	as.tabs.SelectIndex(2)
	lists["排名"] = as.rankTable
	as.tabs.SelectIndex(0)

	sh.Show("操作日志")
	lists["操作日志"] = sh.current.(*auditScreen).table
	shown("操作日志", lists["操作日志"])
	for name, l := range lists {
		if l.rowCount() == 0 {
			t.Fatalf("%s: no rows to measure", name)
		}
	}
	return sh, lists
}

// needed is the width column c needs to show its longest cell and its
// header without an ellipsis, at the current text size.
func needed(l *textTable, c int) float32 {
	size := theme.TextSize()
	w := fyne.MeasureText(l.headers[c]+l.headerExtra, size, fyne.TextStyle{Bold: true}).Width
	for r := 0; r < l.rowCount(); r++ {
		w = max(w, fyne.MeasureText(l.cellText(r, c), size, fyne.TextStyle{}).Width)
	}
	return w + 2*theme.InnerPadding()
}

// TestListColumnsFitAtEachFontSize: every column of every list is at least
// as wide as its longest value and its title, at 字号 标准 and 较大 (free
// text and capped name columns at least freeTextEm or their cap), and the labels drawn in the visible cells
// hold their whole text.
func TestListColumnsFitAtEachFontSize(t *testing.T) {
	for _, f := range []struct {
		label string
		scale float64
	}{{"标准", 1.0}, {"较大", 1.15}} {
		t.Run(f.label, func(t *testing.T) {
			sh, lists := listsOf(t, f.scale)
			if got := theme.TextSize(); got != theme.DefaultTheme().Size(theme.SizeNameText)*float32(f.scale) {
				t.Fatalf("text size %v at %s", got, f.label)
			}
			for name, l := range lists {
				capped := map[string]bool{}
				for c := range l.headers {
					need := needed(l, c)
					limit := float32(0)
					if l.free[c] {
						limit = freeTextEm * theme.TextSize()
					}
					if em, ok := l.maxEm[c]; ok {
						limit = em * theme.TextSize()
					}
					if limit > 0 {
						need = min(need, limit)
						for r := 0; r < l.rowCount(); r++ {
							capped[l.cellText(r, c)] = true
						}
					}
					if name == "任务督办" && f.scale == 1 || name == "三会一课" {
						// Room enough with no record open: the whole
						// title or topic shows.
						need = needed(l, c)
					}
					if got := l.columnWidth(c); got < need {
						t.Errorf("%s at %s: column %s is %.0f wide, its longest value needs %.0f", name, f.label, l.headers[c], got, need)
					}
				}
				// What is drawn: every label in the list's visible cells.
				l.Resize(fyne.NewSize(1100, 400))
				labels := 0
				for _, o := range test.LaidOutObjects(l) {
					lb, ok := o.(*widget.Label)
					if !ok || lb.Text == "" || capped[lb.Text] || !lb.Visible() {
						continue
					}
					labels++
					style := lb.TextStyle
					if w := fyne.MeasureText(lb.Text, theme.TextSize(), style).Width + 2*theme.InnerPadding(); lb.Size().Width < w-0.5 {
						t.Errorf("%s at %s: %q drawn in %.0f px, needs %.0f", name, f.label, lb.Text, lb.Size().Width, w)
					}
				}
				if labels == 0 {
					t.Errorf("%s: no labels drawn", name)
				}
			}
			_ = sh
		})
	}
}

// TestListFollowsFontSizeAndKeepsDraggedWidth: a larger 字号 widens the
// columns; dragging a header widens its column and the width survives a
// reload of the rows.
func TestListFollowsFontSizeAndKeepsDraggedWidth(t *testing.T) {
	sh, lists := listsOf(t, 1.0)
	l := lists["三会一课"]
	date := l.columnWidth(0)
	sh.app.Settings().SetTheme(NewTheme(1.3))
	l.Refresh()
	if got := l.columnWidth(0); got <= date {
		t.Fatalf("日期 column %.0f at 特大, %.0f at 标准", got, date)
	}
	sh.app.Settings().SetTheme(NewTheme(1.0))
	l.Refresh()

	// Drag the 党组织 header 60 px to the right, in two moves.
	h := newHeaderCell(l)
	h.col = 1
	before := l.columnWidth(1)
	h.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: 40}})
	h.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: 20}})
	h.DragEnd()
	if got := l.columnWidth(1); got != before+60 {
		t.Fatalf("dragged column %.0f, want %.0f", got, before+60)
	}
	sh.Show("三会一课")
	sh.current.(*meetingsScreen).reload()
	if got := l.columnWidth(1); got != before+60 {
		t.Fatalf("dragged width lost on reload: %.0f", got)
	}
}

// TestEmptyListsSayHowToStart: on an empty database 党员档案 and 三会一课
// say how to begin; a filter that matches nothing says so.
func TestEmptyListsSayHowToStart(t *testing.T) {
	sh, _ := newTestShell(t)
	ms := membersOf(t, sh)
	if !ms.table.empty.Visible() || !strings.Contains(ms.table.empty.Text, "还没有党员") || !strings.Contains(ms.table.empty.Text, "新增党员") {
		t.Fatalf("empty member list says %q (visible %v)", ms.table.empty.Text, ms.table.empty.Visible())
	}
	sh.Show("三会一课")
	mt := sh.current.(*meetingsScreen)
	if !mt.list.empty.Visible() || !strings.Contains(mt.list.empty.Text, "还没有会议记录") || !strings.Contains(mt.list.empty.Text, "新建会议记录") {
		t.Fatalf("empty meeting list says %q", mt.list.empty.Text)
	}

	if _, err := demo.Load(context.Background(), sh.store, demo.Options{Members: 60, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	sh.Show("党员档案")
	if ms.table.empty.Visible() {
		t.Fatalf("note %q shown over %d members", ms.table.empty.Text, len(ms.rows))
	}
	typeInto(ms.search, "没有这个人")
	if !ms.table.empty.Visible() || !strings.Contains(ms.table.empty.Text, "没有符合条件") {
		t.Fatalf("no match says %q", ms.table.empty.Text)
	}
	sh.Show("三会一课")
	if mt.list.empty.Visible() {
		t.Fatal("note shown over meetings")
	}
	mt.kind.SetSelected(data.KindAppraisal)
	mt.year.SetSelected(fmt.Sprint(data.Today().Y - 9))
	if !mt.list.empty.Visible() || !strings.Contains(mt.list.empty.Text, "没有符合条件") {
		t.Fatalf("no match says %q", mt.list.empty.Text)
	}
}

// TestWaitingButtonCountsAndListsThem: 待审核 carries the number waiting
// (0 too); tapping it lists them, of every year, and closes the record
// that was open beside the list.
func TestWaitingButtonCountsAndListsThem(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, sh.store, demo.Options{Members: 60, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	// Submit two drafts, as branches do.
	office := data.Role{Office: true}
	all, _ := sh.store.Meetings(ctx, data.MeetingFilter{Status: data.StatusDraft})
	n := 0
	for _, m := range all {
		if _, err := sh.store.Review(ctx, m.ID, office, data.StatusSubmitted, ""); err == nil {
			n++
		}
		if n == 2 {
			break
		}
	}
	if n == 0 {
		t.Fatalf("no draft could be submitted (of %d)", len(all))
	}
	waiting, _ := sh.store.Meetings(ctx, data.MeetingFilter{Status: data.StatusSubmitted})

	sh.Show("三会一课")
	mt := sh.current.(*meetingsScreen)
	if want := fmt.Sprintf("待审核（%d）", len(waiting)); mt.reviewB.Text != want {
		t.Fatalf("button %q, want %q", mt.reviewB.Text, want)
	}
	mt.list.Select(widget.TableCellID{Row: 0, Col: 0})
	if mt.editor == nil || !mt.body.open {
		t.Fatal("selecting a meeting did not open it")
	}
	mt.year.SetSelected(fmt.Sprint(data.Today().Y - 3))
	test.Tap(mt.reviewB)
	if mt.year.Selected != filterAll {
		t.Errorf("waiting list limited to %s", mt.year.Selected)
	}
	if mt.editor != nil || mt.body.open {
		t.Fatal("a record stays open beside the waiting list")
	}
	if len(mt.rows) != len(waiting) {
		t.Fatalf("waiting list has %d rows, want %d", len(mt.rows), len(waiting))
	}
	for _, m := range mt.rows {
		if m.Status != data.StatusSubmitted {
			t.Fatalf("waiting list shows a %s meeting", m.Status)
		}
	}

	// Nothing waiting: the count says 0 and the list says so.
	for _, m := range waiting {
		if _, err := sh.store.Review(ctx, m.ID, office, data.StatusApproved, ""); err != nil {
			t.Fatal(err)
		}
	}
	test.Tap(mt.reviewB)
	if mt.reviewB.Text != "待审核（0）" || !strings.Contains(mt.list.empty.Text, "没有待审核") || !mt.list.empty.Visible() {
		t.Fatalf("button %q, note %q", mt.reviewB.Text, mt.list.empty.Text)
	}
}

// TestRankingChartLabelsReadable: the ranking chart is drawn at its shown
// size with labels at the list's text size (they were ~8 px when a larger
// picture was shrunk into the pane).
func TestRankingChartLabelsReadable(t *testing.T) {
	sh, _ := listsOf(t, 1.15)
	sh.Show("考评督办")
	as := sh.current.(*assessScreen)
	as.tabs.SelectIndex(2)
	if len(as.bars) == 0 {
		t.Fatal("no bars")
	}
	// Every column of the ranking is in view beside the chart.
	var sum float32
	for c := range as.rankTable.headers {
		sum += as.rankTable.columnWidth(c) + theme.Padding()
	}
	if w := as.rankTable.Size().Width; sum > w {
		t.Errorf("ranking columns need %.0f, the table has %.0f", sum, w)
	}
	opts := as.chartOptions(600, 420, 2)
	if opts.TextPx != float64(theme.TextSize()*2) || opts.Width != 600 {
		t.Fatalf("chart options %+v at text size %v", opts, theme.TextSize())
	}
	// The pane at 1366×705: about 580×520.
	as.chart.Resize(fyne.NewSize(580, 520))
	if _, err := report.BarChart(as.bars, as.chartOptions(580, 520, 1)); err != nil {
		t.Fatalf("no room for the labels at the list's text size: %v", err)
	}
	img := as.drawChart(580, 520)
	if b := img.Bounds(); b.Dx() != 580 || b.Dy() != 520 {
		t.Fatalf("chart drawn at %v", b)
	}
	dark := 0
	for y := 0; y < 520; y += 2 {
		for x := 0; x < 580; x += 2 {
			if r, _, _, _ := img.At(x, y).RGBA(); r>>8 < 100 {
				dark++
			}
		}
	}
	if dark < 200 {
		t.Fatalf("chart nearly blank (%d dark samples)", dark)
	}
}
