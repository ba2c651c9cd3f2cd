package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/data"
)

var asOf = data.MustDate("2026-11-27")

func post(title, holder, start, end string) data.Post {
	p := data.Post{Title: title, Holder: holder, Start: data.MustDate(start)}
	if end != "" {
		p.End = data.MustDate(end)
	}
	return p
}

// sampleTree is a 党总支 with three 党支部: one with a term well in hand, one
// due for 换届 within six months, one overdue; 党小组 under two of them.
func sampleTree() *data.OrgNode {
	group := func(name, head string, members int) *data.OrgNode {
		return &data.OrgNode{
			Unit:    data.OrgUnit{Level: data.LevelGroup, Kind: "党小组", FullName: name, ShortName: name, Phone: "0571-86001234"},
			Posts:   []data.Post{post("副组长", head+"副", "2024-03-01", ""), post("组长", head, "2024-03-01", "")},
			Members: members,
		}
	}
	b1 := &data.OrgNode{
		Unit: data.OrgUnit{Level: data.LevelBranch, Kind: "党支部", FullName: "中共某某公交集团有限公司第一分公司第一车队支部委员会",
			ShortName: "第一车队党支部", Founded: data.MustDate("2010-07-01"), Liaison: "王小明", Phone: "13800138000",
			TermStart: data.MustDate("2024-09-10"), TermYears: 3},
		Posts: []data.Post{
			post("组织委员", "赵敏", "2024-01-10", ""),
			post("书记", "陈立新", "2024-01-10", ""),
			post("宣传委员", "孙丽", "2024-01-10", ""),
			post("书记", "王五", "2021-01-10", "2024-01-10"), // history: not printed
			{Title: "纪检委员", Holder: "已删除", Start: data.MustDate("2024-01-10"), Deleted: true},
		},
		Members:  2,
		Children: []*data.OrgNode{group("第一党小组", "周强", 6), group("第二党小组", "吴刚", 5)},
	}
	b1.Posts[0].Note = "兼任第一车队队长，负责党建联络和宣传工作，2025年3月起分管安全生产与驾驶员队伍建设（含新入职驾驶员岗前教育）"
	b2 := &data.OrgNode{
		Unit: data.OrgUnit{Level: data.LevelBranch, Kind: "党支部", FullName: "中共某某公交集团有限公司第一分公司第二车队支部委员会",
			ShortName: "第二车队党支部", Founded: data.MustDate("2012-05-04"), Liaison: "刘洋", Phone: "13900139000",
			TermStart: data.MustDate("2023-12-20"), TermYears: 3},
		Posts:   []data.Post{post("书记", "黄海", "2023-12-20", ""), post("副书记", "郑芳", "2023-12-20", ""), post("组织委员", "冯军", "2023-12-20", "")},
		Members: 15,
	}
	b3 := &data.OrgNode{
		Unit: data.OrgUnit{Level: data.LevelBranch, Kind: "离退休党支部", FullName: "中共某某公交集团有限公司第一分公司离退休职工支部委员会",
			ShortName: "离退休党支部", Founded: data.MustDate("2008-10-01"), Liaison: "何平", Phone: "0571-86005678",
			TermStart: data.MustDate("2023-03-01"), TermYears: 3},
		Posts:    []data.Post{post("书记", "林国栋", "2023-03-01", "")},
		Members:  20,
		Children: []*data.OrgNode{group("离退休第一党小组", "钱进", 8)},
	}
	return &data.OrgNode{
		Unit: data.OrgUnit{Level: data.LevelGeneral, Kind: "党总支", FullName: "中共某某公交集团有限公司第一分公司总支部委员会",
			ShortName: "第一分公司党总支", Founded: data.MustDate("2008-06-18"), Liaison: "李娜", Phone: "0571-86000001",
			TermStart: data.MustDate("2024-06-01"), TermYears: 3},
		Posts: []data.Post{
			post("书记", "张建国", "2024-06-01", ""), post("副书记", "李红", "2024-06-01", ""),
			post("组织委员", "马骏", "2024-06-01", ""), post("宣传委员", "朱婷", "2024-06-01", ""),
			post("纪检委员", "胡斌", "2024-06-01", ""),
		},
		Members:  1,
		Children: []*data.OrgNode{b1, b2, b3},
	}
}

func TestOrgChart(t *testing.T) {
	root := sampleTree()
	var buf bytes.Buffer
	err := OrgChart(&buf, []*data.OrgNode{root}, OrgChartOptions{AsOf: asOf, Created: testTime})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "orgchart.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	keep(t, path, "orgchart.pdf")

	pages := 0
	info := poppler(t, "pdfinfo", path)
	fmt.Sscanf(info[strings.Index(info, "Pages:")+len("Pages:"):], "%d", &pages)
	if pages < 2 {
		t.Fatalf("want at least 2 pages, got %d", pages)
	}
	all := squash(pageText(t, path, 0))
	for n := 1; n <= pages; n++ {
		assertContains(t, fmt.Sprintf("page %d", n), pageText(t, path, n),
			fmt.Sprintf("第 %d 页 / 共 %d 页", n, pages), "组织架构表", root.Unit.FullName)
		all = strings.Replace(all, squash(fmt.Sprintf("第 %d 页 / 共 %d 页", n, pages)+"组织架构表"+root.Unit.FullName), "", 1)
	}
	want := []string{
		"组织架构表", "截至 2026年11月27日",
		"第一分公司党总支", "中共某某公交集团有限公司第一分公司总支部委员会", "2008年6月18日", "党员人数", "57 名（含下属组织）",
		"下属组织", "党支部 3 个", "张建国", "李娜", "0571-86000001", "2024年6月1日 至 2027年6月1日（任期 3 年）",
		"党总支委员会（现任 5 人）", "1书记张建国2024年6月1日", "5纪检委员胡斌2024年6月1日",
		"一、第一车队党支部", "中共某某公交集团有限公司第一分公司第一车队支部委员会", "陈立新", "王小明", "13800138000",
		"支部委员会（现任 3 人）", "1书记陈立新2024年1月10日", "2组织委员赵敏2024年1月10日" + root.Children[0].Posts[0].Note,
		"（一）第一党小组", "组长", "周强", "所属支部第一车队党支部", "党小组负责人（现任 2 人）", "1组长周强", "2副组长周强副",
		"（二）第二党小组", "吴刚",
		"二、第二车队党支部", "黄海", "换届提示任期将于 2026年12月20日 届满，请做好换届准备",
		"三、离退休党支部", "离退休党支部", "林国栋", "换届提示任期已于 2026年3月1日 届满，应及时换届",
		"（一）离退休第一党小组", "钱进",
		"合计：党支部 3 个，党小组 3 个，党员 57 名。其中本届任期 6 个月内届满的 1 个，已届满未换届的 1 个。",
		"制表人：", "审核人：", "党组织（盖章）", "年　　月　　日",
	}
	assertContains(t, "org chart", all, want...)
	// Depth first: each unit after its parent and before the next sibling.
	last := -1
	for _, s := range []string{"第一分公司党总支", "一、第一车队党支部", "（一）第一党小组", "（二）第二党小组", "二、第二车队党支部", "三、离退休党支部", "（一）离退休第一党小组", "合计："} {
		i := strings.Index(all, squash(s))
		if i <= last {
			t.Errorf("%q out of order", s)
		}
		last = i
	}
	for _, gone := range []string{"王五", "已删除"} {
		if strings.Contains(all, gone) {
			t.Errorf("%q is not a current post and must not print", gone)
		}
	}

	outline := readOutline(t, buf.Bytes())
	wantOutline := []outlineItem{
		{"组织架构总览", 0}, {"第一分公司党总支", 0}, {"一、第一车队党支部", 1}, {"（一）第一党小组", 2}, {"（二）第二党小组", 2},
		{"二、第二车队党支部", 1}, {"三、离退休党支部", 1}, {"（一）离退休第一党小组", 2},
	}
	if fmt.Sprint(outline) != fmt.Sprint(wantOutline) {
		t.Errorf("outline = %v\nwant      %v", outline, wantOutline)
	}
	if len(buf.Bytes()) > 150<<10 {
		t.Errorf("org chart is %d bytes", len(buf.Bytes()))
	}
}

func TestOrgChartDefaultsAndEdges(t *testing.T) {
	// Several roots, a unit with no posts and no term, nil and deleted nodes.
	bare := &data.OrgNode{Unit: data.OrgUnit{Level: data.LevelBranch, Kind: "临时党支部", FullName: "临时党支部"}}
	big := &data.OrgNode{Unit: data.OrgUnit{Level: data.LevelBranch, Kind: "联合党支部", ShortName: "联合党支部",
		FullName:  "中共某某公交集团有限公司第一分公司机务保修车间、安全技术科、调度中心、票务结算中心及后勤服务中心联合支部委员会",
		TermStart: data.MustDate("2025-01-01"), TermYears: 3}}
	for i := 1; i <= 30; i++ {
		big.Posts = append(big.Posts, post("委员", fmt.Sprintf("委员%02d", i), "2025-01-01", ""))
	}
	gone := &data.OrgNode{Unit: data.OrgUnit{Level: data.LevelBranch, FullName: "已撤销党支部", Deleted: true}}
	roots := []*data.OrgNode{sampleTree(), bare, nil, gone, big}
	var buf bytes.Buffer
	if err := OrgChart(&buf, roots, OrgChartOptions{AsOf: asOf, WarnMonths: 1, Title: "党组织架构一览"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "edges.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	keep(t, path, "orgchart-edges.pdf")
	all := pageText(t, path, 0)
	assertContains(t, "edges", all, "党组织架构一览", "一、第一分公司党总支", "（一）第一车队党支部", "1. 第一党小组", "二、临时党支部",
		"支部委员会（现任 0 人）", "（无现任人员记录）", "三、联合党支部", big.Unit.FullName, "支部委员会（现任 30 人）",
		"30委员委员302025年1月1日", "合计：党支部 5 个，党小组 3 个，党员 57 名。")
	if strings.Contains(all, "已撤销") {
		t.Error("deleted unit printed")
	}
	// With a one-month window the 第二车队 term (ends 2026-12-20) is still a reminder
	// only because it is within a month; the summary counts follow the window.
	assertContains(t, "edges", all, "其中本届任期 1 个月内届满的 1 个，已届满未换届的 1 个。")
}

func TestChineseNumeral(t *testing.T) {
	for n, want := range map[int]string{1: "一", 9: "九", 10: "十", 11: "十一", 20: "二十", 21: "二十一", 99: "九十九", 100: "100"} {
		if got := chineseNumeral(n); got != want {
			t.Errorf("chineseNumeral(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestOrgChartConcurrentAndReproducible(t *testing.T) {
	const n = 4
	out := make([][]byte, n)
	errs := make(chan error, n)
	for i := range n {
		go func() {
			var buf bytes.Buffer
			err := OrgChart(&buf, []*data.OrgNode{sampleTree()}, OrgChartOptions{AsOf: asOf, Created: testTime})
			out[i] = buf.Bytes()
			errs <- err
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i < n; i++ {
		if !bytes.Equal(out[0], out[i]) {
			t.Errorf("render %d differs from render 0", i)
		}
	}
}
