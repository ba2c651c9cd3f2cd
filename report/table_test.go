package report

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

var rosterCols = []Column{
	{Title: "序号", Width: 14, Align: AlignCenter},
	{Title: "姓名", Width: 24, Align: AlignCenter},
	{Title: "所在支部及岗位"},
	{Title: "入党日期", Width: 28, Align: AlignCenter},
	{Title: "联系电话", Width: 30, Align: AlignCenter},
}

const rosterHeader = "序号姓名所在支部及岗位入党日期联系电话"

var names = []string{"张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄海", "周强", "吴刚", "徐丽", "孙涛"}

func rosterRow(i int) []string {
	job := "驾驶员"
	if i%3 == 0 {
		// Wraps to three lines in its column.
		job = "驾驶员，兼任车队安全员和党建宣传员，负责新入职驾驶员岗前教育与日常安全学习"
	}
	return []string{fmt.Sprint(i), names[i%len(names)] + fmt.Sprint(i), fmt.Sprintf("第%d车队 %s", i%3+1, job),
		fmt.Sprintf("20%02d-07-01", i%25), fmt.Sprintf("138%08d", i)}
}

func TestTablePagination(t *testing.T) {
	groups := []string{"第一车队党支部（40人）", "第二车队党支部（40人）", "第三车队党支部（40人）"}
	path, pages := renderTest(t, "table.pdf", Portrait, Meta{Title: "党员名册", Org: "某某党总支"}, func(d *Doc) error {
		d.Title("党员名册")
		tb := d.NewTable(rosterCols, TableStyle{})
		for g, name := range groups {
			tb.Group(name)
			for i := g*40 + 1; i <= g*40+40; i++ {
				tb.Row(rosterRow(i)...)
			}
		}
		tb.Total(Cell{Text: "合计", Span: 2, Align: AlignCenter}, Cell{Text: "党支部 3 个，党员 120 名", Span: 3})
		tb.End()
		return nil
	})
	if pages < 4 {
		t.Fatalf("120 rows on %d pages", pages)
	}
	page := make([]string, pages+1)
	for n := 1; n <= pages; n++ {
		page[n] = squash(pageText(t, path, n))
		// The header row opens the table on every page, before any row.
		h := strings.Index(page[n], rosterHeader)
		if h < 0 {
			t.Errorf("page %d has no table header:\n%s", n, page[n])
			continue
		}
		if strings.Count(page[n], rosterHeader) != 1 {
			t.Errorf("page %d has the header more than once", n)
		}
		for i := 1; i <= 120; i++ {
			if k := strings.Index(page[n], squash(strings.Join(rosterRow(i), ""))); k >= 0 && k < h {
				t.Errorf("row %d above the header on page %d", i, n)
			}
		}
	}
	// Every row whole on one page: rows move, they are not cut.
	for i := 1; i <= 120; i++ {
		r := squash(strings.Join(rosterRow(i), ""))
		found := 0
		for n := 1; n <= pages; n++ {
			if strings.Contains(page[n], r) {
				found++
			}
		}
		if found != 1 {
			t.Errorf("row %d found whole on %d pages", i, found)
		}
	}
	// A group row is never the last thing on a page.
	for g, name := range groups {
		first := squash(strings.Join(rosterRow(g*40+1), ""))
		for n := 1; n <= pages; n++ {
			if strings.Contains(page[n], squash(name)) && !strings.Contains(page[n], squash(name)+first) {
				t.Errorf("group %q separated from its first row on page %d", name, n)
			}
		}
	}
	if !strings.Contains(page[pages], "合计党支部3个，党员120名") {
		t.Errorf("total row missing from the last page:\n%s", page[pages])
	}
}

func TestTableRowTallerThanPage(t *testing.T) {
	long := strings.Repeat(longText, 14)
	path, pages := renderTest(t, "tallrow.pdf", Portrait, Meta{Title: "长行", Org: "测试"}, func(d *Doc) error {
		d.Paragraph("表格之前的一段文字。")
		tb := d.NewTable([]Column{{Title: "项目", Width: 30, Align: AlignCenter}, {Title: "内容"}, {Title: "备注", Width: 30}}, TableStyle{})
		tb.Row("一", "短的一行", "")
		tb.Row("二", long, "附记")
		tb.Row("三", "之后的一行", "")
		tb.End()
		return nil
	})
	if pages < 3 {
		t.Fatalf("a row of %d characters fit on %d pages", len([]rune(long)), pages)
	}
	all := squash(pageText(t, path, 0))
	for n := 1; n <= pages; n++ {
		pt := squash(pageText(t, path, n))
		if !strings.Contains(pt, "项目内容备注") {
			t.Errorf("page %d lacks the table header", n)
		}
		all = strings.Replace(all, squash(fmt.Sprintf("第 %d 页 / 共 %d 页", n, pages))+"长行测试", "", 1)
	}
	// Each part of the split row is written cell by cell, so the short cell
	// 附记 comes between the first and second part of the long one; the
	// repeated header comes before each part.
	if !strings.Contains(all, "附记") {
		t.Error("the short cell of the split row is lost")
	}
	all = strings.Replace(all, "附记", "", 1)
	all = strings.ReplaceAll(all, "项目内容备注", "")
	assertContains(t, "tall row", all, "一短的一行二"+long+"三之后的一行")
}

func TestTableWidths(t *testing.T) {
	_, err := Render(io.Discard, Portrait, Meta{}, func(d *Doc) error {
		tb := d.NewTable([]Column{{Width: 100}, {Width: 100}}, TableStyle{})
		if w := tb.widths[0] + tb.widths[1]; w > d.ContentWidth()+eps {
			t.Errorf("table %v mm wide in %v mm", w, d.ContentWidth())
		}
		tb.End()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Render(io.Discard, Portrait, Meta{}, func(d *Doc) error {
		d.NewTable([]Column{{Width: 160}, {}}, TableStyle{}).End()
		return nil
	})
	if err == nil {
		t.Error("a flexible column with no room must fail")
	}
}

func TestTableLandscape(t *testing.T) {
	path, _ := renderTest(t, "landscape.pdf", Landscape, Meta{Title: "横向表格", Org: "某某党总支"}, func(d *Doc) error {
		d.Title("横向表格")
		if d.ContentWidth() < 240 {
			t.Errorf("landscape content width %v", d.ContentWidth())
		}
		tb := d.NewTable(rosterCols, TableStyle{Size: SizeXiaoWu})
		for i := 1; i <= 30; i++ {
			tb.Row(rosterRow(i)...)
		}
		tb.End()
		return nil
	})
	assertContains(t, "landscape", pageText(t, path, 1), "横向表格", rosterHeader, strings.Join(rosterRow(3), ""))
}

func TestTableEmptyGroup(t *testing.T) {
	path, _ := renderTest(t, "emptygroup.pdf", Portrait, Meta{}, func(d *Doc) error {
		tb := d.NewTable(rosterCols, TableStyle{})
		tb.Group("第一车队党支部（0人）")
		tb.Group("第二车队党支部（1人）")
		tb.Row(rosterRow(1)...)
		tb.Group("第三车队党支部（0人）")
		tb.End()
		return nil
	})
	assertContains(t, "empty groups", pageText(t, path, 1),
		rosterHeader+"第一车队党支部（0人）第二车队党支部（1人）"+strings.Join(rosterRow(1), "")+"第三车队党支部（0人）")
}
