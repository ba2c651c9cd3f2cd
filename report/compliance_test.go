package report

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dangjian/data"
	"dangjian/data/demo"
)

// cmAsOf is mid-July: half the year closed, July under way.
var cmAsOf = data.MustDate("2026-07-15")

func cmRules() []data.MeetingRule {
	return []data.MeetingRule{
		{Kind: data.KindGeneralMeeting, Period: "quarter", Times: 1},
		{Kind: data.KindCommittee, Period: "month", Times: 1},
		{Kind: data.KindGroupMeeting, Period: "month", Times: 1},
		{Kind: data.KindLesson, Period: "quarter", Times: 1},
		{Kind: data.KindThemeDay, Period: "month", Times: 1},
		{Kind: data.KindLifeMeeting, Period: "year", Times: 1},
		{Kind: data.KindAppraisal, Period: "year", Times: 1},
		{Kind: data.KindOther, Period: "none"},
	}
}

// cmCells builds cells as data.Store.Compliance does, held counts from
// held(branch, kind, period); required per period from required (0: the
// period is not owed and has no cell).
func cmCells(branches []cbranch, rules []data.MeetingRule, required func(b int64, kind string, p data.Period) int,
	held func(b int64, kind string, p data.Period) int) []data.ComplianceCell {
	var out []data.ComplianceCell
	for _, b := range branches {
		for _, r := range rules {
			for _, p := range data.PeriodsOf(r.Period, 2026) {
				n := required(b.id, r.Kind, p)
				if n == 0 {
					continue
				}
				out = append(out, data.ComplianceCell{BranchID: b.id, Branch: b.name, Kind: r.Kind, Period: p,
					Required: n, Held: held(b.id, r.Kind, p), Open: !cmAsOf.After(p.End())})
			}
		}
	}
	return out
}

func TestComplianceReport(t *testing.T) {
	branches := []cbranch{{2, "第一车队党支部"}, {5, "第二车队党支部"}, {6, "离退休党支部"}}
	m := func(i int) data.Period { return data.Period{Kind: "month", Year: 2026, Index: i} }
	q := func(i int) data.Period { return data.Period{Kind: "quarter", Year: 2026, Index: i} }
	cells := cmCells(branches, cmRules(), func(b int64, kind string, p data.Period) int {
		switch {
		case b == 5 && kind == data.KindCommittee:
			return 0 // no committee
		case b == 5 && p.Kind != "year" && p.End().Before(data.MustDate("2026-05-01")):
			return 0 // founded in May
		case kind == data.KindGroupMeeting && b == 2:
			return 2 // two groups
		case kind == data.KindGroupMeeting && b == 6:
			return 0 // no groups
		}
		return 1
	}, func(b int64, kind string, p data.Period) int {
		switch {
		case p.Start().After(cmAsOf):
			return 0
		case b == 2 && kind == data.KindCommittee && (p == m(3) || p == m(7)):
			return 0
		case b == 2 && kind == data.KindGroupMeeting && p == m(2):
			return 1
		case b == 2 && kind == data.KindGroupMeeting:
			return 2
		case b == 2 && kind == data.KindLesson && p == q(2):
			return 0
		case b == 5 && kind == data.KindThemeDay && p == m(6):
			return 0
		case b == 2 && kind == data.KindCommittee && p == m(5):
			return 2 // two in May do not make up for March
		case p.Kind == "year":
			return 0 // not yet
		}
		return 1
	})
	var buf bytes.Buffer
	opts := ComplianceOptions{Year: 2026, Org: mtOrg, AsOf: cmAsOf, Rules: cmRules(), Created: testTime}
	if err := ComplianceReport(&buf, cells, opts); err != nil {
		t.Fatal(err)
	}
	path, pages := writeTemp(t, "compliance.pdf", buf.Bytes())
	all := pageText(t, path, 0)
	assertContains(t, "compliance report", all,
		"2026年度“三会一课”等组织生活落实情况", "党总支："+mtOrg, "统计截至：2026年7月15日",
		"支部委员会会议每月 1 次", "支部党员大会每季度 1 次", "组织生活会每年 1 次",
		// The overview: 3 + 1 + 1 + 1 missing.
		"缺 4 次，2 个党支部有缺项。",
		// 第一车队: committee missed March, July under way; May's two count once.
		"应开 6，已开 5缺：3月7月进行中",
		"应开 12，已开 11缺：2月7月已开",
		"应开 2，已开 1缺：第二季度第三季度已开",
		"本年度进行中",
		// 第二车队: founded in May, no committee.
		"应开 2，已开 1缺：6月",
		"按月召开的会议", "按季度、年度召开的会议",
		"说明：", "制表人：", "审核人：",
	)
	s := squash(all)
	for _, row := range []string{
		"第一车队党支部支部委员会会议√√缺√√√进行中应开6，已开5",
		"党小组会√缺1√√√√√应开12，已开11",
		"党课√缺√应开2，已开1",
		"主题党日————√缺√应开2，已开1",
		"离退休党支部支部党员大会√√√应开2，已开2",
		"组织生活会进行中（年底前召开）未到期",
	} {
		if !strings.Contains(s, squash(row)) {
			t.Errorf("period table lacks row %s", row)
		}
	}
	// 第二车队 has no committee: its summary cell is a dash, and no row.
	if strings.Contains(s, squash("第二车队党支部支部委员会会议")) {
		t.Errorf("a branch without a committee has a committee row")
	}
	out := readOutline(t, buf.Bytes())
	if fmt.Sprint(out) != fmt.Sprint([]outlineItem{{"按月召开的会议", 0}, {"按季度、年度召开的会议", 0}}) {
		t.Errorf("outline %v", out)
	}
	for n := 1; n <= pages; n++ {
		assertContains(t, fmt.Sprintf("page %d", n), pageText(t, path, n), fmt.Sprintf("第 %d 页 / 共 %d 页", n, pages))
	}
}

func TestComplianceReportEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := ComplianceReport(&buf, nil, ComplianceOptions{Year: 2026, AsOf: cmAsOf, Created: testTime}); err != nil {
		t.Fatal(err)
	}
	path, _ := writeTemp(t, "compliance-empty.pdf", buf.Bytes())
	assertContains(t, "empty report", pageText(t, path, 0), "2026年度“三会一课”等组织生活落实情况", "没有需要统计的党支部或会议类型。")
}

// TestComplianceReportStore prints what data.Store.Compliance computes for
// the demo organisation with a half year of meetings, some missed, and
// checks the count of missed meetings against the cells.
func TestComplianceReportStore(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 7, 15, 10, 0, 0, 0, time.Local)
	s, err := data.Open(filepath.Join(t.TempDir(), "demo.db"), data.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := demo.Load(ctx, s, demo.Options{Members: 150, Seed: 4}); err != nil {
		t.Fatal(err)
	}
	tree, err := s.OrgTree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	org := ""
	var units []data.OrgUnit
	for _, r := range tree {
		org = r.Unit.Name()
		r.Walk(func(n *data.OrgNode, _ int) {
			if n.Unit.Level == data.LevelBranch || n.Unit.Level == data.LevelGroup {
				units = append(units, n.Unit)
			}
		})
	}
	// Every unit meets monthly as its kind requires, skipping a month here
	// and there.
	for i, u := range units {
		for mo := 1; mo <= 6; mo++ {
			kinds := []string{data.KindGroupMeeting}
			if u.Level == data.LevelBranch {
				kinds = []string{data.KindCommittee, data.KindThemeDay}
				if mo%3 == 0 {
					kinds = append(kinds, data.KindGeneralMeeting, data.KindLesson)
				}
			}
			for j, k := range kinds {
				if (i+mo+j)%7 == 0 {
					continue
				}
				m := data.Meeting{UnitID: u.ID, Kind: k, Topic: "例会", Date: data.Date{Y: 2026, M: time.Month(mo), D: 10 + j}}
				if _, _, err := s.SaveMeeting(ctx, data.RoleOffice, m); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	cells, err := s.Compliance(ctx, 2026, nil, data.DateOf(now))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := s.MeetingRules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	missing := 0
	for _, c := range cells {
		if c.Gap() {
			missing += c.Required - c.Held
		}
	}
	if missing == 0 {
		t.Fatal("test data has no gaps")
	}
	var buf bytes.Buffer
	if err := ComplianceReport(&buf, cells, ComplianceOptions{Org: org, AsOf: data.DateOf(now), Rules: rules, Created: testTime}); err != nil {
		t.Fatal(err)
	}
	path, _ := writeTemp(t, "compliance-demo.pdf", buf.Bytes())
	text := pageText(t, path, 0)
	assertContains(t, "demo compliance", text, fmt.Sprintf("缺 %d 次，", missing), "2026年度")
	// Each summary row prints data's text of every branch × kind cell — the
	// text the screen shows (ui's complianceCellText is data's Text) — in
	// rule order, then the branch's missing total.
	sums := map[string]data.ComplianceSummary{}
	var branches []string
	for _, sum := range data.SummarizeCompliance(cells, data.DateOf(now)) {
		if !slices.Contains(branches, sum.Branch) {
			branches = append(branches, sum.Branch)
		}
		sums[sum.Branch+"|"+sum.Kind] = sum
	}
	for i, b := range branches {
		row := fmt.Sprint(i+1) + b
		total := 0
		for _, r := range rules {
			if r.Times <= 0 || data.PeriodsOf(r.Period, 2026) == nil {
				continue
			}
			sum, ok := sums[b+"|"+r.Kind]
			if !ok {
				row += "—"
				continue
			}
			row += sum.Text()
			total += sum.Missing
		}
		row += missingText(total)
		if !strings.Contains(squash(text), squash(row)) {
			t.Errorf("summary row %d of the PDF is not data's text:\nwant %s", i+1, squash(row))
		}
	}
}
