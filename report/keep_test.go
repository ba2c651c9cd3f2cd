package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"dangjian/data"
)

// fillRows adds rows until exactly one more fits on the page, and returns
// the next row number.
func fillRows(tb *Table, d *Doc, rowH float64) int {
	i := 1
	for d.PageNo() == 1 && d.Remaining() >= 2*rowH+eps {
		tb.Row(fmt.Sprintf("行%03d", i), "某", "x", "x", "x")
		i++
	}
	return i
}

// TestTableKeepRows: a table whose last row would fall alone on a page
// takes its predecessor along, with the rows' total.
func TestTableKeepRows(t *testing.T) {
	for _, keep := range []bool{false, true} {
		name := fmt.Sprintf("keep-rows-%v.pdf", keep)
		path, pages := renderTest(t, name, Portrait, Meta{Title: "名册"}, func(d *Doc) error {
			d.Title("名册")
			tb := d.NewTable(rosterCols, TableStyle{})
			rowH := tb.RowsHeight([]Cell{{Text: "x"}})
			i := fillRows(tb, d, rowH)
			before := []Cell{{Text: fmt.Sprintf("行%03d", i)}, {Text: "倒数第二"}}
			last := []Cell{{Text: fmt.Sprintf("行%03d", i+1)}, {Text: "最后一行"}}
			total := []Cell{{Text: "合计", Span: 2}, {Text: "共若干名", Span: 3}}
			if keep {
				tb.KeepRows(tb.RowsHeight(total), before, last)
			} else {
				tb.RowCells(before...)
				tb.RowCells(last...)
			}
			tb.Total(total...)
			tb.End()
			return nil
		})
		if pages != 2 {
			t.Fatalf("%s: %d pages", name, pages)
		}
		p2 := squash(pageText(t, path, 2))
		if got := strings.Contains(p2, "倒数第二"); got != keep {
			t.Errorf("%s: the row before the last on page 2: %v, want %v\n%s", name, got, keep, p2)
		}
		if !strings.Contains(p2, "最后一行") || !strings.Contains(p2, "合计") {
			t.Errorf("%s: page 2 lacks the last row or the total:\n%s", name, p2)
		}
	}
}

// TestTableRepeatGroup: a group continued on a new page is named again
// there, marked （续）; a group opening a page is not.
func TestTableRepeatGroup(t *testing.T) {
	path, pages := renderTest(t, "repeat-group.pdf", Landscape, Meta{Title: "名册"}, func(d *Doc) error {
		tb := d.NewTable(rosterCols, TableStyle{RepeatGroup: true})
		for g, name := range []string{"第一车队党支部（60 人）", "第二车队党支部（60 人）"} {
			tb.Group(name)
			for i := 1; i <= 60; i++ {
				tb.Row(rosterRow(g*60 + i)...)
			}
		}
		tb.End()
		return nil
	})
	if pages < 4 {
		t.Fatalf("%d pages", pages)
	}
	conts := 0
	for n := 2; n <= pages; n++ {
		p := squash(pageText(t, path, n))
		i := strings.Index(p, rosterHeader)
		after := p[i+len(rosterHeader):]
		switch {
		case strings.HasPrefix(after, "第一车队党支部（60人）（续）"), strings.HasPrefix(after, "第二车队党支部（60人）（续）"):
			conts++
		case strings.HasPrefix(after, "第二车队党支部（60人）"):
		default:
			t.Errorf("page %d does not say whose rows it holds:\n%s", n, p)
		}
	}
	if conts < pages-2 {
		t.Errorf("%d continuation lines on %d pages", conts, pages)
	}
}

// TestTextKeep: what follows a text never starts a page alone; the text's
// last lines go with it. Without the keep, the block would.
func TestTextKeep(t *testing.T) {
	st := TextStyle{Size: SizeXiaoSi, Leading: 1.6}
	para := strings.Repeat(mtSentences[0], 3) + "结尾。"
	for _, keep := range []bool{false, true} {
		name := fmt.Sprintf("text-keep-%v.pdf", keep)
		path, pages := renderTest(t, name, Portrait, Meta{Title: "记录"}, func(d *Doc) error {
			block := 3 * st.lineHeight()
			lines := d.TextHeight(para, st)
			// Fill the page so that the paragraph fits but the block does not.
			for d.Remaining() > lines+block/2+st.lineHeight() {
				d.Text("填充内容", st)
			}
			if keep {
				d.TextKeep(para, st, 2, block)
			} else {
				d.Text(para, st)
			}
			d.KeepTogether(block)
			d.Text("主持人（签字）：\n记录人（签字）：\n（完）", st)
			return nil
		})
		if pages != 2 {
			t.Fatalf("%s: %d pages", name, pages)
		}
		p2 := squash(pageText(t, path, 2))
		if got := strings.Contains(p2, "结尾。"); got != keep {
			t.Errorf("%s: the text's last line with the signatures: %v, want %v\n%s", name, got, keep, p2)
		}
	}
}

// TestRestartPageNumbers: each run is numbered on its own.
func TestRestartPageNumbers(t *testing.T) {
	runs := []int{3, 1, 2}
	path, pages := renderTest(t, "numbering.pdf", Portrait, Meta{Title: "登记表"}, func(d *Doc) error {
		for i, n := range runs {
			if i > 0 {
				d.NewPage()
				d.RestartPageNumbers()
			}
			for p := 0; p < n; p++ {
				if p > 0 {
					d.NewPage()
				}
				d.Text(fmt.Sprintf("第%d份", i+1), TextStyle{})
			}
		}
		return nil
	})
	if pages != 6 {
		t.Fatalf("%d pages", pages)
	}
	n := 1
	for _, total := range runs {
		for p := 1; p <= total; p++ {
			assertContains(t, fmt.Sprintf("page %d", n), pageText(t, path, n), fmt.Sprintf("第 %d 页 / 共 %d 页", p, total))
			n++
		}
	}
}

// TestMemberFormsNumberedPerMember: a form that runs over two pages is
// numbered 1 and 2 of 2, the next form 1 of 1: never across members.
func TestMemberFormsNumberedPerMember(t *testing.T) {
	long := fullMember()
	long.Remarks = strings.Repeat(longRemark+"\n", 12)
	short := fullMember()
	short.ID, short.Name, short.Remarks = long.ID+1, "丁一", ""
	short.BranchID = long.BranchID
	var buf bytes.Buffer
	if err := MemberForms(&buf, []data.Member{short, long}, formOpts()); err != nil {
		t.Fatal(err)
	}
	path, pages := writeTemp(t, "forms-numbering.pdf", buf.Bytes())
	if pages < 3 {
		t.Fatalf("%d pages", pages)
	}
	// 丁一 (2 strokes) is printed before the longer form's member.
	assertContains(t, "page 1", pageText(t, path, 1), "丁一", "第 1 页 / 共 1 页")
	for n := 2; n <= pages; n++ {
		assertContains(t, fmt.Sprintf("page %d", n), pageText(t, path, n), fmt.Sprintf("第 %d 页 / 共 %d 页", n-1, pages-1))
	}
}

// TestMinutesSignaturesStayWithRecord prints a book of meetings whose
// records end at every height of a page: a page never holds only the
// closing rows and signatures (the last lines of the resolution go with
// them), nor only its running header and footer, and no title doubles 支部.
func TestMinutesSignaturesStayWithRecord(t *testing.T) {
	var ms []data.Meeting
	kinds := []string{data.KindCommittee, data.KindGeneralMeeting, data.KindLesson, data.KindLifeMeeting}
	for i := range 36 {
		m := mtMeeting(uint64(500+i), int64(i+1), kinds[i%len(kinds)], data.NewDate(2026, time.Month(1+i%12), 1+i%28), 5+i%23, 1+i%6)
		m.Resolution = strings.Repeat(mtSentences[i%len(mtSentences)], 1+i%3) + fmt.Sprintf("第%d号决议完", i+1)
		if i%5 == 0 {
			m.Resolution = "1. 同意。\n2. " + m.Resolution
		}
		ms = append(ms, m)
	}
	var buf bytes.Buffer
	if err := MinutesBook(&buf, ms, mtBookOpts()); err != nil {
		t.Fatal(err)
	}
	path, pages := writeTemp(t, "minutes-keep.pdf", buf.Bytes())
	all := squash(pageText(t, path, 0))
	if strings.Contains(all, "支部支部") {
		t.Error("a title doubles 支部")
	}
	signed := 0
	for n := 2; n <= pages; n++ {
		p := squash(pageText(t, path, n))
		body := strings.Replace(p, squash(fmt.Sprintf("第 %d 页 / 共 %d 页", n, pages)), "", 1)
		if i := strings.Index(body, mtOrg); i >= 0 { // the running header ends with the org
			body = body[i+len(mtOrg):]
		}
		if body == "" {
			t.Errorf("page %d holds only its header and footer", n)
		}
		sigs := strings.Count(p, "主持人（签字）")
		signed += sigs
		if ends := strings.Count(p, "号决议完"); sigs > ends {
			t.Errorf("page %d: %d signature blocks without the end of their record:\n%s", n, sigs-ends, p)
		}
	}
	if signed != len(ms) {
		t.Errorf("%d signature blocks for %d meetings", signed, len(ms))
	}
}

// TestChecklistTotalStaysWithRows: whatever the number of items, the 合计
// row stands on a page with the last item and the signature lines.
func TestChecklistTotalStaysWithRows(t *testing.T) {
	ev := testEvaluations(t)[0]
	for k := 0; k < 10; k++ {
		e := ev
		e.Items = ev.Items[k:]
		name := fmt.Sprintf("checklist-keep-%d.pdf", k)
		path, pdf := renderChecklist(t, name, []data.BranchEvaluation{e}, ChecklistOptions{Org: "党总支", AsOf: data.NewDate(2026, 12, 31)})
		pages := pdfPages(t, pdf)
		t.Logf("%s: %d pages, %d items", name, pages, len(e.Items))
		last := squash(pageText(t, path, pages))
		lastItem := squash(e.Items[len(e.Items)-1].Item.Item)
		for _, want := range []string{"合计", "考评人：", lastItem} {
			if !strings.Contains(last, want) {
				t.Errorf("%s: the last page lacks %q:\n%s", name, want, last)
			}
		}
		if c := strings.Count(last, "考评人："); c != 1 {
			t.Errorf("%s: %d signature lines", name, c)
		}
	}
}

// TestRosterBalancedAndContinued: the last page of a branch's roster holds
// several rows with the total, and every later page names the branch.
func TestRosterBalancedAndContinued(t *testing.T) {
	ds := loadDemo(t, 300, 5)
	for _, b := range ds.branches {
		var ms []data.Member
		for _, m := range ds.members {
			if m.BranchID == b && !data.InHistory(m.Status) {
				ms = append(ms, m)
			}
		}
		if len(ms) < 30 {
			continue
		}
		var buf bytes.Buffer
		if err := Roster(&buf, ms, rosterOpts(ds)); err != nil {
			t.Fatal(err)
		}
		path, pages := writeTemp(t, "roster-branch.pdf", buf.Bytes())
		if pages < 2 {
			t.Fatalf("%d members on one page", len(ms))
		}
		group := squash(fmt.Sprintf("%s（%d 人）（续）", ds.unitName(b), len(ms)))
		for n := 2; n <= pages; n++ {
			if !strings.Contains(squash(pageText(t, path, n)), group) {
				t.Errorf("page %d does not repeat %s", n, group)
			}
		}
		last := squash(pageText(t, path, pages))
		rows := 0
		for _, m := range ms {
			if strings.Contains(last, m.IDNumber) {
				rows++
			}
		}
		if rows < min(rosterKeepRows, len(ms)) || !strings.Contains(last, "合计") || !strings.Contains(last, "制表人：") {
			t.Errorf("the last page holds %d rows (want ≥ %d) with the total and signatures:\n%s", rows, rosterKeepRows, last)
		}
		return
	}
	t.Fatal("no branch with 30 members in the demo")
}

// TestOrgChartOverview: the first page shows the whole tree with counts;
// the last carries the seal and date place.
func TestOrgChartOverview(t *testing.T) {
	root := sampleTree()
	var buf bytes.Buffer
	if err := OrgChart(&buf, []*data.OrgNode{root}, OrgChartOptions{AsOf: data.NewDate(2026, 11, 27), Created: testTime}); err != nil {
		t.Fatal(err)
	}
	path, pages := writeTemp(t, "org-overview.pdf", buf.Bytes())
	if pages < 2 {
		t.Fatalf("%d pages", pages)
	}
	first := pageText(t, path, 1)
	assertContains(t, "overview", first, "组织架构总览", "组织名称", "党员人数")
	root.Walk(func(n *data.OrgNode, _ int) {
		if !n.Unit.Deleted {
			assertContains(t, "overview", first, n.Unit.Name()+" "+n.Unit.Level.Label())
			assertContains(t, "overview", first, fmt.Sprintf("%s %s %d", n.Unit.Level.Label(), n.Head(data.NewDate(2026, 11, 27)), n.TotalMembers()))
		}
	})
	if strings.Contains(squash(first), "全称") {
		t.Error("the unit forms start on the overview page")
	}
	assertContains(t, "last page", pageText(t, path, pages), "合计：", "制表人：", "审核人：", "党组织（盖章）", "年　　月　　日")
}
