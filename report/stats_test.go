package report

import (
	"image"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/data"
)

func sampleStats() data.Stats {
	return data.Stats{AsOf: data.MustDate("2026-12-31"), Scope: "中共示范公交公司总支部委员会", Total: 10,
		ByBranch:       data.StatCounts{{Label: "第一车队党支部", N: 6}, {Label: "机关党支部", N: 4}},
		BySex:          data.StatCounts{{Label: "男", N: 7}, {Label: "女", N: 3}},
		ByEthnicity:    data.StatCounts{{Label: "汉族", N: 9}, {Label: "回族", N: 1}},
		ByAgeBand:      data.StatCounts{{Label: "30岁及以下", N: 2}, {Label: "31–35岁", N: 8}},
		ByEducation:    data.StatCounts{{Label: "大学本科", N: 10}},
		ByPartyAgeBand: data.StatCounts{{Label: "不满5年", N: 9}, {Label: data.PartyAgeProbationary, N: 1}},
		ByCategory:     data.StatCounts{{Label: "在岗职工", N: 10}},
		ByStanding:     data.StatCounts{{Label: "正式党员", N: 9}, {Label: "预备党员", N: 1}},
		Female:         3, Minority: 1,
		Branches: []data.BranchStat{
			{Branch: "第一车队党支部", Total: 6, Full: 5, Probationary: 1, Female: 2, College: 6, ByAgeBand: data.StatCounts{{Label: "30岁及以下", N: 2}, {Label: "31–35岁", N: 4}}},
			{Branch: "机关党支部", Total: 4, Full: 4, Female: 1, Minority: 1, College: 4, ByAgeBand: data.StatCounts{{Label: "31–35岁", N: 4}}},
		},
		Org:      data.OrgStat{Branches: 2, Groups: 3, ByKind: data.StatCounts{{Label: "党支部", N: 2}}, Committees: 1},
		Meetings: []data.MeetingStat{{Kind: "支部党员大会", Required: 8, Held: 7, Missing: 1}},
		Scores:   []data.BranchScore{{Branch: "机关党支部", Rank: 1, Total: 900, Max: 1000}},
	}
}

func TestStatsTablesAddUp(t *testing.T) {
	tables := StatsTables(sampleStats())
	if len(tables) < 5 || tables[0].Rows[0][0] != "党员总数" || tables[0].Rows[0][1] != "10" {
		t.Fatalf("%+v", tables[0])
	}
	// Table 1: each category's rows sum to the total (民族: 汉族 + 少数民族).
	sums := map[string]int{}
	cur := ""
	for i, r := range tables[0].Rows {
		if tables[0].Group[i] {
			cur = r[0]
			continue
		}
		if cur == "" || len(r[0]) > 3*3 && r[0][:len("　　")] == "　　" { // 其中 lines are parts of 少数民族
			continue
		}
		var n int
		for _, c := range r[1] {
			n = n*10 + int(c-'0')
		}
		sums[cur] += n
	}
	for cat, n := range sums {
		if n != 10 {
			t.Errorf("%s sums to %d", cat, n)
		}
	}
	if StatsPercent(1, 3) != "33.3" || StatsPercent(1, 0) != "—" {
		t.Error("StatsPercent")
	}
}

// TestPieChartSharesAndLabels: slice areas follow the values, and the
// legend's Chinese labels draw real glyphs (different ink for different text).
func TestPieChartSharesAndLabels(t *testing.T) {
	img, err := pieChart([]Bar{{Label: "正式党员", Value: 3}, {Label: "预备党员", Value: 1}, {Label: "零", Value: 0}}, ChartOptions{Width: 800})
	if err != nil {
		t.Fatal(err)
	}
	count := func(col image.Rectangle, want int) int {
		n := 0
		for y := col.Min.Y; y < col.Max.Y; y++ {
			for x := col.Min.X; x < col.Max.X; x++ {
				if sameRGB(img.At(x, y), PieColour(want)) {
					n++
				}
			}
		}
		return n
	}
	b := img.Bounds()
	left := image.Rect(0, 0, b.Dx()*2/5, b.Dy())
	a, p := count(left, 0), count(left, 1)
	if a == 0 || p == 0 || math.Abs(float64(a)/float64(p)-3) > 0.2 {
		t.Errorf("areas %d : %d, want 3 : 1", a, p)
	}
	// Legend ink of the two labels differs.
	ink := func(y0 int) int {
		n := 0
		for y := y0 - 8; y < y0+8; y++ {
			for x := b.Dx() * 2 / 5; x < b.Dx(); x++ {
				if r, _, _, _ := img.At(x, y).RGBA(); r>>8 < 120 {
					n += x
				}
			}
		}
		return n
	}
	var rows []int
	for y := 0; y < b.Dy(); y++ {
		for x := b.Dx() * 2 / 5; x < b.Dx(); x++ {
			if sameRGB(img.At(x, y), PieColour(0)) || sameRGB(img.At(x, y), PieColour(1)) {
				rows = append(rows, y)
				break
			}
		}
	}
	if len(rows) == 0 {
		t.Fatal("no legend swatches")
	}
	if first, second := ink(rows[0]+11), ink(rows[len(rows)-1]-11); first == 0 || first == second {
		t.Errorf("legend ink %d vs %d", first, second)
	}
	if _, err := pieChart(nil, ChartOptions{}); err == nil {
		t.Error("empty pie drawn")
	}
	if _, err := pieChart([]Bar{{Label: "x", Value: -1}}, ChartOptions{}); err == nil {
		t.Error("negative slice drawn")
	}
}

func TestStatsReportText(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stats.pdf")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := StatsReport(f, sampleStats(), StatsOptions{Org: "中共示范公交公司总支部委员会", Created: testTime}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	keep(t, path, "stats.pdf")
	assertContains(t, "stats pdf", pageText(t, path, 0), "党内统计表", "统计截至：2026年12月31日", "表一　党员基本情况", "党员总数",
		"31–35岁", "预备党员（无党龄）", "表二　各党支部党员基本情况", "表三　各党支部党员年龄结构", "第一车队党支部", "表四　组织情况", "表六", "87%",
		"统计图", "党籍构成", "年龄结构", "制表人")
}

func TestStatsBranchTablesTotal(t *testing.T) {
	for _, tb := range StatsTables(sampleStats()) {
		if !strings.Contains(tb.Title, "各党支部") {
			continue
		}
		last := tb.Rows[len(tb.Rows)-1]
		if last[0] != "合计" || last[1] != "10" {
			t.Errorf("%s total row %v", tb.Title, last)
		}
		if strings.Contains(tb.Title, "年龄") && (last[2] != "2" || last[3] != "8") {
			t.Errorf("age sums %v", last)
		}
	}
}

// TestStatsTablesDevelopmentAndDues: the pipeline and the dues appear per
// branch with totals once the modules fill them.
func TestStatsTablesDevelopmentAndDues(t *testing.T) {
	st := sampleStats()
	stages := func(a, b, c, d int) data.StatCounts {
		return data.StatCounts{{Label: "申请入党", N: a}, {Label: "入党积极分子", N: b}, {Label: "发展对象", N: c}, {Label: "预备党员", N: d}}
	}
	st.ByStage = stages(3, 2, 1, 1)
	st.Branches[0].ByStage = stages(2, 2, 1, 0)
	st.Branches[1].ByStage = stages(1, 0, 0, 1)
	st.Dues = &data.DuesStat{Due: 30000, Collected: 25000, Alarms: 1, UpTo: "2026-12", Branches: []data.BranchDues{
		{Branch: "第一车队党支部", Due: 18000, Collected: 18000}, {Branch: "机关党支部", Due: 12000, Collected: 7000, Alarms: 1}}}
	find := func(title string) StatsTable {
		for _, tb := range StatsTables(st) {
			if strings.HasSuffix(tb.Title, title) {
				return tb
			}
		}
		t.Fatalf("no table %s", title)
		return StatsTable{}
	}
	d := find("　发展党员情况")
	if d.Rows[0][0] != "申请入党" || d.Rows[0][1] != "3" || d.Rows[len(d.Rows)-1][1] != "7" {
		t.Errorf("%+v", d.Rows)
	}
	bd := find("各党支部发展党员情况")
	if got := strings.Join(bd.Rows[len(bd.Rows)-1], ","); got != "合计,3,2,1,1,7" {
		t.Errorf("development totals %s", got)
	}
	bp := find("各党支部党费收缴情况")
	if got := strings.Join(bp.Rows[len(bp.Rows)-1], ","); got != "合计,300.00,250.00,83.3%,1" {
		t.Errorf("dues totals %s", got)
	}
	if got := strings.Join(bp.Rows[1], ","); got != "机关党支部,120.00,70.00,58.3%,1" || !strings.Contains(bp.Note, "1 月至 12 月") {
		t.Errorf("dues row %s, note %q", got, bp.Note)
	}
}
