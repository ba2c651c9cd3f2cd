package report

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"dangjian/data"
)

func rosterOpts(ds demoSet) RosterOptions {
	return RosterOptions{AsOf: formAsOf, Org: ds.org, UnitName: ds.unitName, Branches: ds.branches, Created: testTime}
}

const rosterTitles = "序号姓名性别民族出生日期公民身份号码学历入党日期转正日期党籍状态党小组单位/岗位手机备注"

func TestRosterDemo(t *testing.T) {
	ds := loadDemo(t, 300, 5)
	var active []data.Member
	for _, m := range ds.members {
		if !data.InHistory(m.Status) {
			active = append(active, m)
		}
	}
	opts := rosterOpts(ds)
	path, pdf := renderTo(t, "roster.pdf", func(w io.Writer) error { return Roster(w, active, opts) })
	// Printed 按姓氏笔画 within each branch, branches in tree order.
	var printed []data.Member
	for _, g := range rosterGroups(active, opts.Branches) {
		data.SortMembers(g.members, data.OrderStrokes)
		printed = append(printed, g.members...)
	}
	active = printed
	pages := pdfPages(t, pdf)
	if pages < 3 {
		t.Fatalf("%d members on %d pages", len(active), pages)
	}
	for n := 1; n <= pages; n++ {
		txt := squash(pageText(t, path, n))
		if c := strings.Count(txt, rosterTitles); c != 1 {
			t.Errorf("page %d has the column titles %d times:\n%s", n, c, txt)
		}
		if !strings.Contains(txt, squash(fmt.Sprintf("第 %d 页 / 共 %d 页", n, pages))) {
			t.Errorf("page %d lacks its number", n)
		}
		if !strings.Contains(txt, "党员花名册") || !strings.Contains(txt, ds.org) {
			t.Errorf("page %d lacks the running header", n)
		}
	}

	fonts := poppler(t, "pdffonts", path)
	if !regexp.MustCompile(`(?m)^[A-Z]{6}\+WenQuanYiMicroHei\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes`).MatchString(fonts) ||
		strings.Count(fonts, "\n") != 3 {
		t.Errorf("want one embedded subset font:\n%s", fonts)
	}
	raw := pageText(t, path, 0)
	all := squash(raw)
	assertContains(t, "roster", raw, "党员花名册", "党组织："+ds.org, "截至日期：2026年11月27日",
		"制表人：", "审核人：", "党组织（盖章）：", "制表日期：2026年11月27日")
	// Branches in tree order, each with its count; 序号 runs on.
	count := map[int64]int{}
	full, prob := 0, 0
	for _, m := range active {
		count[m.BranchID]++
		switch m.Standing {
		case data.StandingFull:
			full++
		case data.StandingProbationary:
			prob++
		}
	}
	last, seen := -1, 0
	for _, b := range ds.branches {
		if count[b] == 0 {
			continue
		}
		g := fmt.Sprintf("%s（%d 人）", ds.unitName(b), count[b])
		i := strings.Index(all, squash(g))
		if i < 0 {
			t.Errorf("no group line %q", g)
			continue
		}
		if i < last {
			t.Errorf("group %q out of tree order", g)
		}
		last = i
		seen += count[b]
	}
	if seen != len(active) {
		t.Errorf("groups hold %d of %d members", seen, len(active))
	}
	assertContains(t, "roster", raw, fmt.Sprintf("共 %d 名：正式党员 %d 名，预备党员 %d 名", len(active), full, prob))
	if got := readOutline(t, pdf); len(got) != len(count) {
		t.Errorf("%d bookmarks for %d branches", len(got), len(count))
	}
	// An ID number, a phone number and a date each stand on one line of
	// their cell: pdftotext finds them unbroken in the raw text.
	for i, m := range active {
		for _, v := range []string{m.IDNumber, m.Phone, ymd(m.BirthDate), ymd(m.JoinDate), ymd(m.FullDate)} {
			if !strings.Contains(raw, v) {
				t.Errorf("member %d (%s): %q broken or missing", i+1, m.Name, v)
			}
		}
		// The whole row in column order.
		row := squash(strings.Join(rosterRowText(i+1, m, ds.unitName), ""))
		if !strings.Contains(all, row) {
			t.Errorf("row %d not found whole: %s", i+1, row)
		}
	}
	// Every page but the last is filled: no orphan total or signatures.
	lastPage := squash(pageText(t, path, pages))
	lastRow := squash(strings.Join(rosterRowText(len(active), active[len(active)-1], ds.unitName), ""))
	if !strings.Contains(lastPage, lastRow) || !strings.Contains(lastPage, "合计") {
		t.Errorf("the last page does not carry the last row with the total:\n%s", lastPage)
	}
}

// rosterRowText is a row as the roster should print it, with the note the
// default Note gives.
func rosterRowText(seq int, m data.Member, unit func(int64) string) []string {
	note := joinNonEmpty("；", map[bool]string{true: m.Status}[m.Status != data.StatusNormal], m.PartyPost)
	return []string{fmt.Sprint(seq), m.Name, m.Sex, m.Ethnicity, ymd(m.BirthDate), m.IDNumber, m.Education,
		ymd(m.JoinDate), ymd(m.FullDate), m.Standing, unitOf(unit, m.GroupID), joinNonEmpty("/", m.WorkUnit, m.JobPost), m.Phone, note}
}

func TestRosterHistory(t *testing.T) {
	ds := loadDemo(t, 300, 5)
	var hist []data.Member
	for _, m := range ds.members {
		if data.InHistory(m.Status) {
			hist = append(hist, m)
		}
	}
	if len(hist) < 3 {
		t.Fatalf("demo has %d history members", len(hist))
	}
	// Whoever they are in the demo, one left by transfer, one died, and
	// one (no events) stopped.
	hist[0].Status, hist[1].Status, hist[2].Status = data.StatusOut, data.StatusDead, data.StatusStopped
	out, dead := hist[0], hist[1]
	events := map[int64][]data.MemberEvent{
		out.ID: {
			{Kind: data.EventTransferIn, Date: data.MustDate("2015-03-01"), From: "外单位"},
			{Kind: data.EventTransferOut, Date: data.MustDate("2025-06-30"), To: "济南市历下区某某街道党工委", LetterNo: "001"},
			{Kind: data.EventTransferOut, Date: data.MustDate("2026-01-01"), To: "已删除的记录", Deleted: true},
			{Kind: data.EventStatus, Date: data.MustDate("2019-05-01"), Status: data.StatusLost},
		},
		dead.ID: {
			{Kind: data.EventStatus, Date: data.MustDate("2024-02-10"), Status: data.StatusDead, Note: "因病去世"},
			// A later record of another kind does not hide when the member died.
			{Kind: data.EventTransferOut, Date: data.MustDate("2024-03-01"), To: "不应打印"},
		},
	}
	opts := rosterOpts(ds)
	opts.History, opts.Events = true, events
	path, _ := renderTo(t, "roster-history.pdf", func(w io.Writer) error { return Roster(w, hist, opts) })
	raw := pageText(t, path, 0)
	all := squash(raw)
	assertContains(t, "history roster", raw, "历史党员名册", "序号姓名性别民族出生日期公民身份号码学历入党日期转正日期党籍状态党员状态离开日期单位/岗位备注",
		fmt.Sprintf("共 %d 名", len(hist)))
	for _, m := range hist {
		if !strings.Contains(all, squash(m.IDNumber+m.Education)) || !strings.Contains(all, m.Status) {
			t.Errorf("%s not listed with status", m.Name)
		}
	}
	assertContains(t, "history roster", raw, out.Status+"2025.06.30", "转往济南市历下区某某街道党工委",
		dead.Status+"2024.02.10", "因病去世")
	if strings.Contains(all, "已删除的记录") || strings.Contains(all, "不应打印") || strings.Contains(all, "手机") {
		t.Errorf("history roster prints a deleted event or the 手机 column:\n%s", raw)
	}
}

func TestRosterEdges(t *testing.T) {
	// No members: still a roster, saying so.
	path, _ := renderTo(t, "roster-empty.pdf", func(w io.Writer) error {
		return Roster(w, nil, RosterOptions{Title: "第一车队党支部党员花名册"})
	})
	assertContains(t, "empty roster", pageText(t, path, 0), "第一车队党支部党员花名册", rosterTitles, "共 0 名：正式党员 0 名，预备党员 0 名",
		"截至日期："+data.Today().Chinese())

	// Branches not in the order come after it, members without one last;
	// a long 备注 wraps and is printed whole.
	note := strings.Repeat("流动党员，外出务工地点：浙江省杭州市萧山区；", 3)
	ms := []data.Member{
		{ID: 1, Name: "无支部", BranchID: 0, Standing: data.StandingFull, Status: data.StatusNormal},
		{ID: 2, Name: "乙支部", BranchID: 5, Standing: data.StandingProbationary, Status: data.StatusFloating},
		{ID: 3, Name: "甲支部", BranchID: 2, Standing: data.StandingFull, Status: data.StatusNormal, GroupID: 3},
		{ID: 4, Name: "丙支部", BranchID: 9, Status: data.StatusNormal},
	}
	opts := RosterOptions{AsOf: formAsOf, UnitName: formUnitName, Branches: []int64{2, 6}, Created: testTime,
		Note: func(m data.Member) string {
			if m.ID == 2 {
				return note
			}
			return ""
		}}
	path, _ = renderTo(t, "roster-edges.pdf", func(w io.Writer) error { return Roster(w, ms, opts) })
	all := squash(pageText(t, path, 0))
	order := []string{"第一车队党支部（1 人）", "1甲支部", "第二车队党支部（1 人）", "2乙支部", "党支部（编号 9）（1 人）", "3丙支部",
		"未分配党支部（1 人）", "4无支部", "共 4 名：正式党员 2 名，预备党员 1 名，党籍状态未填 1 名"}
	at := 0
	for _, s := range order {
		i := strings.Index(all[at:], squash(s))
		if i < 0 {
			t.Fatalf("%q missing or out of order in:\n%s", s, all)
		}
		at += i
	}
	if !strings.Contains(all, squash(note)) {
		t.Errorf("long note not printed whole:\n%s", all)
	}
	if strings.Contains(all, "离退休党支部") {
		t.Error("a branch without members has a group line")
	}
}
