package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// clOrg is a store (today 2026-11-27) with a general branch and:
//
//	第一支部 (founded 2020): 书记 赵书记, 组织委员 钱委员, 宣传委员 孙委员 since
//	  2020; liaison and phone; term from 2024-03-01 for 3 years (ends
//	  2027-03-01: due soon on today); groups 一组 (组长 周组长) and 二组 (none)
//	第二支部 (founded 2025-05-10): a 书记 only, no term, no groups
type clOrg struct {
	s            *Store
	root, b1, b2 OrgUnit
	g1, g2       OrgUnit
}

func newClOrg(t *testing.T) *clOrg {
	t.Helper()
	s := openTest(t)
	o := &clOrg{s: s}
	o.root = mustUnit(t, s, OrgUnit{Level: LevelGeneral, FullName: "中共示范公司总支部委员会"})
	o.b1 = mustUnit(t, s, OrgUnit{Level: LevelBranch, ParentID: o.root.ID, FullName: "第一支部", Founded: MustDate("2020-01-01"),
		Liaison: "李联络", Phone: "0571-87654321", TermStart: MustDate("2024-03-01"), TermYears: 3})
	o.b2 = mustUnit(t, s, OrgUnit{Level: LevelBranch, ParentID: o.root.ID, FullName: "第二支部", Founded: MustDate("2025-05-10")})
	o.g1 = mustUnit(t, s, OrgUnit{Level: LevelGroup, ParentID: o.b1.ID, FullName: "第一支部一组", ShortName: "一组"})
	o.g2 = mustUnit(t, s, OrgUnit{Level: LevelGroup, ParentID: o.b1.ID, FullName: "第一支部二组", ShortName: "二组"})
	o.post(t, o.b1, "书记", "赵书记", "2020-01-01")
	o.post(t, o.b1, "组织委员", "钱委员", "2020-01-01")
	o.post(t, o.b1, "宣传委员", "孙委员", "2020-01-01")
	o.post(t, o.g1, "组长", "周组长", "2020-01-01")
	o.post(t, o.b2, "书记", "吴书记", "2025-05-10")
	return o
}

func (o *clOrg) post(t *testing.T, u OrgUnit, title, holder, start string) Post {
	t.Helper()
	p, err := o.s.SavePost(ctx, RoleOffice, Post{UnitID: u.ID, Title: title, Holder: holder, Start: MustDate(start)})
	if err != nil {
		t.Fatalf("post %s %s: %v", title, holder, err)
	}
	return p
}

// save stores minutes in one transaction; approved ones are filed as
// reviewed (as an import files them).
func (o *clOrg) save(t *testing.T, approved bool, ms ...Meeting) {
	t.Helper()
	err := o.s.Write(ctx, func(tx *Tx) error {
		for _, m := range ms {
			if _, _, err := tx.ImportMeeting(RoleOffice, m, approved, "测试"); err != nil {
				return fmt.Errorf("%s %s: %w", m.Kind, m.Date, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// monthly is one meeting of kind on day (clamped) of each listed month.
func monthly(u OrgUnit, kind string, year, day int, months ...int) []Meeting {
	var out []Meeting
	for _, m := range months {
		d := Date{year, time.Month(m), 1}.AddMonths(0)
		last := d.AddMonths(1).AddDays(-1).D
		out = append(out, mtg(u, kind, Date{year, time.Month(m), min(day, last)}.String()))
	}
	return out
}

func months(from, to int, except ...int) []int {
	var out []int
next:
	for m := from; m <= to; m++ {
		for _, x := range except {
			if x == m {
				continue next
			}
		}
		out = append(out, m)
	}
	return out
}

func evalOf(t *testing.T, s *Store, year int, branchID int64) BranchEvaluation {
	t.Helper()
	evs, err := s.Evaluate(ctx, year, []int64{branchID})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 {
		t.Fatalf("%d evaluations of branch %d in %d", len(evs), branchID, year)
	}
	return evs[0]
}

func itemOf(t *testing.T, ev BranchEvaluation, rule string) ItemScore {
	t.Helper()
	for _, it := range ev.Items {
		if it.Item.Rule == rule {
			return it
		}
	}
	t.Fatalf("no item with rule %s", rule)
	return ItemScore{}
}

// ruleIs checks one automatic item's score (in tenths) and that its reason
// holds every fragment.
func ruleIs(t *testing.T, s *Store, year int, branchID int64, rule string, want Points, fragments ...string) ItemScore {
	t.Helper()
	it := itemOf(t, evalOf(t, s, year, branchID), rule)
	if !it.Auto || !it.Scored {
		t.Errorf("%s: auto %v scored %v", rule, it.Auto, it.Scored)
	}
	if it.Score != want {
		t.Errorf("%s %d: score %s, want %s (%s)", rule, year, it.Score, want, it.Reason)
	}
	for _, f := range fragments {
		if !strings.Contains(it.Reason, f) {
			t.Errorf("%s %d: reason %q lacks %q", rule, year, it.Reason, f)
		}
	}
	return it
}

func TestDefaultTemplateIs100PlusBonus(t *testing.T) {
	s := openTest(t)
	items, err := s.ChecklistItems(ctx, 2025)
	if err != nil {
		t.Fatal(err)
	}
	var base, bonus Points
	rules := map[string]bool{}
	for _, it := range items {
		if it.Bonus {
			bonus += it.Points
		} else {
			base += it.Points
		}
		if it.Rule != "" {
			if AutoRuleLabel(it.Rule) == "" {
				t.Errorf("item %q has unknown rule %q", it.Item, it.Rule)
			}
			rules[it.Rule] = true
		}
	}
	if base != 1000 || bonus != 100 {
		t.Errorf("template: %s + bonus %s", base, bonus)
	}
	for _, r := range autoRules {
		if !rules[r.key] {
			t.Errorf("rule %s not used by the default template", r.key)
		}
	}
}

func TestRuleCommitteeMonthlyEdgesAndOpenPeriods(t *testing.T) {
	o := newClOrg(t)
	// 2025: January's meeting on the 31st, February's on the 1st; none in
	// March and August; two in May do not make up for another month.
	ms := monthly(o.b1, KindCommittee, 2025, 15, months(4, 12, 8)...)
	ms = append(ms, mtg(o.b1, KindCommittee, "2025-01-31"), mtg(o.b1, KindCommittee, "2025-02-01"),
		mtg(o.b1, KindCommittee, "2025-05-28"), mtg(o.b1, KindCommittee, "2024-12-31"), mtg(o.b1, KindCommittee, "2026-01-01"))
	o.save(t, false, ms...)
	ruleIs(t, o.s, 2025, o.b1.ID, "committee_monthly", 50, "应开 12 次，已开 10 次", "缺 3月、8月")

	// 2026 (today 11-27): January to October held (January's on the 1st);
	// November and December are under way and owe nothing yet.
	o.save(t, false, monthly(o.b1, KindCommittee, 2026, 31, months(2, 10)...)...)
	ruleIs(t, o.s, 2026, o.b1.ID, "committee_monthly", 60, "应开 10 次，已开 10 次")
	// November met already: the open month counts.
	o.save(t, false, mtg(o.b1, KindCommittee, "2026-11-02"))
	ruleIs(t, o.s, 2026, o.b1.ID, "committee_monthly", 60, "应开 11 次，已开 11 次")
	// A draft dated ahead (12-15) is not a meeting held.
	o.save(t, false, mtg(o.b1, KindCommittee, "2026-12-15"))
	ruleIs(t, o.s, 2026, o.b1.ID, "committee_monthly", 60, "应开 11 次，已开 11 次")

	// 第二支部 has a 书记 only: no 支委会 is owed.
	ruleIs(t, o.s, 2025, o.b2.ID, "committee_monthly", 60, "不适用")
}

func TestRuleGeneralQuarterlyEdgesAndMidYearBranch(t *testing.T) {
	o := newClOrg(t)
	// Q1 on its last day, Q2 on its first, nothing in Q3, Q4 on 12-31.
	o.save(t, false, mtg(o.b1, KindGeneralMeeting, "2025-03-31"), mtg(o.b1, KindGeneralMeeting, "2025-04-01"),
		mtg(o.b1, KindGeneralMeeting, "2025-12-31"), mtg(o.b1, KindGeneralMeeting, "2026-01-01"))
	// 5 × 3/4 = 3.75 → 3.8
	ruleIs(t, o.s, 2025, o.b1.ID, "general_quarterly", 38, "应开 4 次，已开 3 次", "缺 第三季度")

	// 第二支部, founded 2025-05-10, owes Q3 and Q4 only: a Q1 or Q2 meeting
	// neither counts nor is missed.
	o.save(t, false, mtg(o.b2, KindGeneralMeeting, "2025-09-30"))
	ruleIs(t, o.s, 2025, o.b2.ID, "general_quarterly", 25, "应开 2 次，已开 1 次", "缺 第四季度")
	o.save(t, false, mtg(o.b2, KindGeneralMeeting, "2025-10-01"))
	ruleIs(t, o.s, 2025, o.b2.ID, "general_quarterly", 50, "应开 2 次，已开 2 次")
	// Monthly: June to December (May began before the founding).
	o.save(t, false, monthly(o.b2, KindThemeDay, 2025, 20, 5, 6, 7, 8, 9, 10, 11)...)
	ruleIs(t, o.s, 2025, o.b2.ID, "theme_day_monthly", 43, "应开 7 次，已开 6 次", "缺 12月")
	// The year before its founding: 第二支部 did not exist and is not evaluated.
	evs, err := o.s.Evaluate(ctx, 2024, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		if ev.BranchID == o.b2.ID {
			t.Errorf("第二支部 evaluated for 2024, before it was founded: %s", ev.Score)
		}
	}
	// 2026 (today 11-27): Q4 is under way, Q1–Q3 held.
	o.save(t, false, mtg(o.b2, KindGeneralMeeting, "2026-02-10"), mtg(o.b2, KindGeneralMeeting, "2026-05-10"),
		mtg(o.b2, KindGeneralMeeting, "2026-08-10"))
	ruleIs(t, o.s, 2026, o.b2.ID, "general_quarterly", 50, "应开 3 次，已开 3 次")
}

func TestRuleGroupMonthlyAndTheme(t *testing.T) {
	o := newClOrg(t)
	o.save(t, false, monthly(o.g1, KindGroupMeeting, 2025, 28, months(1, 12)...)...)
	o.save(t, false, monthly(o.g2, KindGroupMeeting, 2025, 1, months(1, 11)...)...)
	// 24 owed (two groups × 12), 23 held: 4 × 23/24 = 3.83 → 3.8
	ruleIs(t, o.s, 2025, o.b1.ID, "group_monthly", 38, "应开 24 次，已开 23 次", "12月")
	// 第二支部 has no groups.
	ruleIs(t, o.s, 2025, o.b2.ID, "group_monthly", 40, "不适用")
	o.save(t, false, monthly(o.b1, KindThemeDay, 2025, 10, months(1, 12)...)...)
	ruleIs(t, o.s, 2025, o.b1.ID, "theme_day_monthly", 50, "应开 12 次，已开 12 次")
}

func TestRuleLifeAndAppraisal(t *testing.T) {
	o := newClOrg(t)
	o.save(t, false, mtg(o.b1, KindLifeMeeting, "2025-12-31"))
	ruleIs(t, o.s, 2025, o.b1.ID, "life_and_appraisal", 25, "组织生活会应开 1 次，已开 1 次", "民主评议党员应开 1 次，已开 0 次")
	o.save(t, false, mtg(o.b1, KindAppraisal, "2025-01-01"))
	ruleIs(t, o.s, 2025, o.b1.ID, "life_and_appraisal", 50)
	// 2026: the year's meetings are owed only when the year is over.
	ruleIs(t, o.s, 2026, o.b1.ID, "life_and_appraisal", 50, "尚无已结束的期次")
	// 第二支部 (founded in May) owes the yearly meetings of 2025.
	ruleIs(t, o.s, 2025, o.b2.ID, "life_and_appraisal", 0, "已开 0 次")
}

func lesson(u OrgUnit, date, host, content string) Meeting {
	m := mtg(u, KindLesson, date)
	m.Host, m.Content = host, content
	return m
}

func TestRuleLessons(t *testing.T) {
	o := newClOrg(t)
	// Four lessons, none by the secretary: 5 × 0.7 = 3.5.
	o.save(t, false, lesson(o.b1, "2025-03-31", "钱委员", "主讲人：钱委员"), lesson(o.b1, "2025-04-01", "孙委员", ""),
		lesson(o.b1, "2025-09-30", "钱委员", ""), lesson(o.b1, "2025-12-31", "孙委员", ""))
	ruleIs(t, o.s, 2025, o.b1.ID, "lessons", 35, "应开 4 次，已开 4 次", "未见书记讲党课")
	// The secretary named as speaker in the minutes.
	o.save(t, false, lesson(o.b1, "2025-11-05", "孙委员", "主讲人： 赵书记\n党课题目：学习党章"))
	ruleIs(t, o.s, 2025, o.b1.ID, "lessons", 50, "书记赵书记讲过党课")

	// 2026: a lesson the secretary will give on 12-15 (a draft started
	// ahead) is not given yet; the earlier ones leave Q4 open.
	o.save(t, false, lesson(o.b1, "2026-02-01", "钱委员", ""), lesson(o.b1, "2026-05-01", "钱委员", ""),
		lesson(o.b1, "2026-08-01", "钱委员", ""), lesson(o.b1, "2026-12-15", "赵书记", ""))
	ruleIs(t, o.s, 2026, o.b1.ID, "lessons", 35, "应开 3 次，已开 3 次", "未见书记讲党课")

	// 第二支部: its secretary hosted one lesson in 2025; in 2026 a new
	// secretary takes over in October and the lesson was given in June by
	// the one then in office: it still counts.
	o.save(t, false, lesson(o.b2, "2025-08-08", "吴书记", ""), lesson(o.b2, "2025-11-08", "", ""))
	ruleIs(t, o.s, 2025, o.b2.ID, "lessons", 50, "应开 2 次，已开 2 次", "书记吴书记讲过党课")
	o.save(t, false, lesson(o.b2, "2026-03-08", "", ""), lesson(o.b2, "2026-06-08", "吴书记", ""),
		lesson(o.b2, "2026-09-08", "", ""))
	o.post(t, o.b2, "书记", "郑书记", "2026-10-01")
	ruleIs(t, o.s, 2026, o.b2.ID, "lessons", 50, "吴书记讲过党课")
}

// fullMembers adds n 正式党员 (and p 预备党员) to a branch.
func fullMembers(t *testing.T, s *Store, branch int64, prefix string, n, p int) {
	t.Helper()
	for i := 0; i < n; i++ {
		newPartyMember(t, s, fmt.Sprintf("%s正式%d", prefix, i+1), branch, 0, StandingFull, "2010-07-01", "2011-07-01")
	}
	for i := 0; i < p; i++ {
		newPartyMember(t, s, fmt.Sprintf("%s预备%d", prefix, i+1), branch, 0, StandingProbationary, "2026-07-01", "")
	}
}

func TestRuleCommitteeInTerm(t *testing.T) {
	o := newClOrg(t)
	s := o.s
	// 第一支部: term ends 2027-03-01 (due soon on 2026-11-27), 6 正式党员
	// and 2 预备: under 7, a 书记 is enough.
	fullMembers(t, s, o.b1.ID, "一支", 6, 2)
	ruleIs(t, s, 2026, o.b1.ID, "committee_in_term", 80, "任期将于 2027年3月1日 届满", "正式党员不足 7 名")
	// For 2025 the term was well within.
	ruleIs(t, s, 2025, o.b1.ID, "committee_in_term", 80, "任期至 2027年3月1日")
	// A seventh 正式党员: a committee of three is needed and is there.
	fullMembers(t, s, o.b1.ID, "一支补", 1, 0)
	ruleIs(t, s, 2026, o.b1.ID, "committee_in_term", 80, "支委会委员 3 名")
	// 宣传委员 leaves in June: two committee members for seven 正式党员.
	var prop Post
	tree, _ := s.OrgTree(ctx)
	tree[0].Walk(func(n *OrgNode, _ int) {
		for _, p := range n.Posts {
			if p.Holder == "孙委员" {
				prop = p
			}
		}
	})
	prop.End = MustDate("2026-06-30")
	if _, err := s.SavePost(ctx, RoleOffice, prop); err != nil {
		t.Fatal(err)
	}
	ruleIs(t, s, 2026, o.b1.ID, "committee_in_term", 40, "正式党员 7 名，应设支委会", "现有委员 2 名")
	// One person holding two posts is one committee member.
	o.post(t, o.b1, "纪检委员", "钱委员", "2026-07-01")
	ruleIs(t, s, 2026, o.b1.ID, "committee_in_term", 40, "现有委员 2 名")
	o.post(t, o.b1, "宣传委员", "冯委员", "2026-07-01")
	ruleIs(t, s, 2026, o.b1.ID, "committee_in_term", 80, "支委会委员 3 名")

	// 第二支部: no term recorded, a 书记 only, 2 members.
	fullMembers(t, s, o.b2.ID, "二支", 2, 0)
	ruleIs(t, s, 2026, o.b2.ID, "committee_in_term", 40, "未填写本届任期", "设书记一名")
	// Term of 3 years from 2023-01-01: ended 2026-01-01, overdue.
	b2 := o.b2
	b2.TermStart, b2.TermYears = MustDate("2023-01-01"), 3
	if _, err := s.SaveUnit(ctx, RoleOffice, b2); err != nil {
		t.Fatal(err)
	}
	ruleIs(t, s, 2026, o.b2.ID, "committee_in_term", 40, "任期已于 2026年1月1日 届满未换届")
	// For 2025 the same term was still running (ending within weeks of
	// the year's end, a reminder but no fault).
	ruleIs(t, s, 2025, o.b2.ID, "committee_in_term", 80, "任期将于 2026年1月1日 届满")

	// A small branch without a 书记.
	b3 := mustUnit(t, s, OrgUnit{Level: LevelBranch, ParentID: o.root.ID, FullName: "第三支部", Founded: MustDate("2020-01-01"),
		TermStart: MustDate("2025-01-01"), TermYears: 3})
	ruleIs(t, s, 2026, b3.ID, "committee_in_term", 40, "未配备书记")
}

func TestRuleContactsAndGroupLeaders(t *testing.T) {
	o := newClOrg(t)
	ruleIs(t, o.s, 2026, o.b1.ID, "contacts_complete", 40, "齐全")
	// 4 × 1/3 = 1.3
	ruleIs(t, o.s, 2026, o.b2.ID, "contacts_complete", 13, "缺：党建联络人、联系电话")
	ruleIs(t, o.s, 2026, o.b1.ID, "groups_have_leaders", 20, "党小组 2 个，有组长 1 个", "缺组长：二组")
	ruleIs(t, o.s, 2026, o.b2.ID, "groups_have_leaders", 40, "未设党小组")
	o.post(t, o.g2, "组长", "陈组长", "2026-01-01")
	ruleIs(t, o.s, 2026, o.b1.ID, "groups_have_leaders", 40, "有组长 2 个")
}

func TestRuleRosterCompleteAndLostMembers(t *testing.T) {
	o := newClOrg(t)
	s := o.s
	ruleIs(t, s, 2026, o.b1.ID, "roster_complete", 0, "没有党员档案")
	complete := func(name, id string) Member {
		m := Member{Name: name, IDNumber: fixID(id), Standing: StandingFull, Status: StatusNormal, BranchID: o.b1.ID,
			JoinDate: MustDate("2010-07-01"), FullDate: MustDate("2011-07-01"), Phone: "13800138000"}
		m, _, err := s.SaveMember(ctx, RoleOffice, m)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return m
	}
	complete("甲", "11010519800517001")
	complete("乙", "11010519810517002")
	noPhone := complete("丙", "11010519820517003")
	noPhone.Phone = ""
	if _, _, err := s.SaveMember(ctx, RoleOffice, noPhone); err != nil {
		t.Fatal(err)
	}
	// No ID number, no birth date; a 正式党员 without 转正日期.
	if _, _, err := s.SaveMember(ctx, RoleOffice, Member{Name: "丁", Sex: "女", Standing: StandingFull, BranchID: o.b1.ID,
		JoinDate: MustDate("2010-07-01"), Phone: "13800138001"}); err != nil {
		t.Fatal(err)
	}
	// 6 × 2/4 = 3
	it := ruleIs(t, s, 2026, o.b1.ID, "roster_complete", 30, "党员 4 名，信息完整 2 名", "丙缺电话", "丁缺出生日期、公民身份号码、转正日期")
	if strings.Contains(it.Reason, "等") {
		t.Errorf("every gap is listed, no 等: %s", it.Reason)
	}

	ruleIs(t, s, 2026, o.b1.ID, "no_lost_members", 40, "无失联党员")
	ms, _ := s.Members(ctx, MemberFilter{BranchID: o.b1.ID})
	lost := ms[0]
	lost.Status = StatusLost
	if _, _, err := s.SaveMember(ctx, RoleOffice, lost); err != nil {
		t.Fatal(err)
	}
	ruleIs(t, s, 2026, o.b1.ID, "no_lost_members", 0, "失联党员 1 名："+lost.Name)
	// A member who has left (转出) is not on the roster the rules read.
	gone := ms[1]
	gone.Status = StatusOut
	if _, _, err := s.SaveMember(ctx, RoleOffice, gone); err != nil {
		t.Fatal(err)
	}
	ruleIs(t, s, 2026, o.b1.ID, "roster_complete", 40, "党员 3 名，信息完整 2 名")
}

func TestRuleMinutesReviewed(t *testing.T) {
	o := newClOrg(t)
	ruleIs(t, o.s, 2025, o.b1.ID, "minutes_reviewed", 0, "本年度没有会议记录")
	o.save(t, true, mtg(o.b1, KindCommittee, "2025-01-31"), mtg(o.b1, KindCommittee, "2025-02-01"),
		mtg(o.g1, KindGroupMeeting, "2025-12-31"))
	o.save(t, false, mtg(o.b1, KindThemeDay, "2025-06-10"))
	// 6 × 3/4 = 4.5
	ruleIs(t, o.s, 2025, o.b1.ID, "minutes_reviewed", 45, "会议记录 4 份，已审核 3 份")

	// 2026: minutes of a meeting still ahead are not counted; minutes of
	// this month still being written are not late yet.
	o.save(t, true, mtg(o.b1, KindCommittee, "2026-10-10"))
	o.save(t, false, mtg(o.b1, KindCommittee, "2026-12-10"), mtg(o.b1, KindThemeDay, "2026-11-20"))
	ruleIs(t, o.s, 2026, o.b1.ID, "minutes_reviewed", 60, "会议记录 1 份，已审核 1 份")
	o.save(t, false, mtg(o.b1, KindThemeDay, "2026-10-31"))
	ruleIs(t, o.s, 2026, o.b1.ID, "minutes_reviewed", 30, "会议记录 2 份，已审核 1 份")
}

func TestEvaluateTotalsAndDimensions(t *testing.T) {
	o := newClOrg(t)
	ev := evalOf(t, o.s, 2026, o.b1.ID)
	if ev.Max != 1000 {
		t.Errorf("max %s", ev.Max)
	}
	var sum Points
	unscored := 0
	for _, it := range ev.Items {
		sum += it.Score
		if !it.Scored {
			unscored++
		}
	}
	if sum != ev.Score || unscored != ev.Unscored || unscored != 7 {
		t.Errorf("score %s vs items %s; unscored %d/%d", ev.Score, sum, ev.Unscored, unscored)
	}
	var dimSum, dimMax Points
	for _, d := range ev.Dimensions {
		dimSum += d.Score
		dimMax += d.Max
	}
	if dimSum != ev.Score || dimMax != 1100 || ev.Dimensions[0].Name != "组织设置与班子建设" || ev.Dimensions[0].Max != 200 {
		t.Errorf("dimensions %+v", ev.Dimensions)
	}
}

func TestTemplatePerYear(t *testing.T) {
	s := openTest(t)
	y25, err := s.ChecklistItems(ctx, 2025)
	if err != nil {
		t.Fatal(err)
	}
	// The office edits 2025: one item changed, one deleted, one added.
	edited := y25[3]
	edited.Item, edited.Points = "支部班子团结，议事规则健全并执行", 60
	if _, err := s.SaveChecklistItem(ctx, RoleOffice, edited); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteChecklistItem(ctx, RoleOffice, y25[16].ID); err != nil {
		t.Fatal(err)
	}
	added, err := s.SaveChecklistItem(ctx, RoleOffice, ChecklistItem{Year: 2025, Dimension: "工作保障", Item: "志愿服务队伍健全", Points: 20, SortOrder: 99})
	if err != nil {
		t.Fatal(err)
	}
	// 2026 starts as a copy of 2025 as edited.
	y26, err := s.ChecklistItems(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(y26) != len(y25) {
		t.Fatalf("2026 has %d items, 2025 had %d (one deleted, one added)", len(y26), len(y25))
	}
	if y26[3].Item != edited.Item || y26[3].Points != 60 || y26[3].ID == edited.ID || y26[3].Year != 2026 {
		t.Errorf("2026 copy of the edited item: %+v", y26[3])
	}
	if last := y26[len(y26)-1]; last.Item != added.Item {
		t.Errorf("added item not copied last: %+v", last)
	}
	for _, it := range y26 {
		if it.Item == y25[16].Item {
			t.Errorf("deleted item copied")
		}
	}
	// Editing 2026 leaves 2025 alone.
	e26 := y26[0]
	e26.Points = 100
	if _, err := s.SaveChecklistItem(ctx, RoleOffice, e26); err != nil {
		t.Fatal(err)
	}
	again, _ := s.ChecklistItems(ctx, 2025)
	if again[0].Points != 80 || again[0].ID != y25[0].ID {
		t.Errorf("2025 item changed by a 2026 edit: %+v", again[0])
	}
	// An item cannot move to another year.
	e26.Year = 2025
	if _, err := s.SaveChecklistItem(ctx, RoleOffice, e26); err == nil {
		t.Error("item moved to another year")
	}
	// Validation: points, rule.
	for _, bad := range []ChecklistItem{
		{Year: 2026, Dimension: "x", Item: "y", Points: 0},
		{Year: 2026, Dimension: "x", Item: "y", Points: 1001},
		{Year: 2026, Dimension: "x", Item: "y", Points: 10, Rule: "nonsense"},
		{Year: 2026, Dimension: "", Item: "y", Points: 10},
	} {
		var ve *ValidationError
		if _, err := s.SaveChecklistItem(ctx, RoleOffice, bad); !errors.As(err, &ve) {
			t.Errorf("%+v saved: %v", bad, err)
		}
	}
	// 2027 copies the latest earlier year: 2026 with its edit.
	y27, _ := s.ChecklistItems(ctx, 2027)
	if y27[0].Points != 100 {
		t.Errorf("2027 copied %s, want 2026's 10", y27[0].Points)
	}
}

func TestTemplateOnReadOnlyStore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ro.db")
	w, err := Open(path, Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	root := mustUnit(t, w, OrgUnit{Level: LevelGeneral, FullName: "党总支"})
	b := mustUnit(t, w, OrgUnit{Level: LevelBranch, ParentID: root.ID, FullName: "第一支部", Phone: "13800138000"})
	y25, _ := w.ChecklistItems(ctx, 2025)
	y25[0].Points = 70
	if _, err := w.SaveChecklistItem(ctx, RoleOffice, y25[0]); err != nil {
		t.Fatal(err)
	}
	w.Close()
	r, err := Open(path, Options{ReadOnly: true, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	// 2026 was never opened: a reader sees the template it will get.
	items, err := r.ChecklistItems(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 19 || items[0].Points != 70 {
		t.Fatalf("read-only template for 2026: %d items, first %v", len(items), items)
	}
	evs, err := r.Evaluate(ctx, 2026, nil)
	if err != nil || len(evs) != 1 || evs[0].Max != 990 || evs[0].BranchID != b.ID {
		t.Fatalf("read-only evaluation: %v %+v", err, evs)
	}
}

func TestCloseYearFreezes(t *testing.T) {
	o := newClOrg(t)
	s := o.s
	o.save(t, true, monthly(o.b1, KindCommittee, 2025, 10, months(1, 6)...)...)
	before := evalOf(t, s, 2025, o.b1.ID)
	manual := itemOf(t, before, "")
	if err := s.SetManualScore(ctx, RoleOffice, manual.Item.ID, o.b1.ID, 30, "议事规则健全"); err != nil {
		t.Fatal(err)
	}
	before = evalOf(t, s, 2025, o.b1.ID)
	if err := s.CloseYear(ctx, RoleOffice, 2025); err != nil {
		t.Fatal(err)
	}
	if closed, _ := s.ChecklistClosed(ctx, 2025); !closed {
		t.Fatal("not closed")
	}
	if closed, _ := s.ChecklistClosed(ctx, 2026); closed {
		t.Fatal("2026 closed too")
	}
	// The records change after closing: the closed year does not.
	o.save(t, true, monthly(o.b1, KindCommittee, 2025, 20, months(7, 12)...)...)
	o.save(t, true, mtg(o.b1, KindLifeMeeting, "2025-12-20"), mtg(o.b1, KindAppraisal, "2025-12-21"))
	after := evalOf(t, s, 2025, o.b1.ID)
	if after.Score != before.Score {
		t.Errorf("closed year's score moved: %s → %s", before.Score, after.Score)
	}
	for i, it := range after.Items {
		if it.Score != before.Items[i].Score || it.Reason != before.Items[i].Reason {
			t.Errorf("%s: %s %q → %s %q", it.Item.Item, before.Items[i].Score, before.Items[i].Reason, it.Score, it.Reason)
		}
	}
	if it := itemOf(t, after, "committee_monthly"); it.Score != 30 || !strings.Contains(it.Reason, "已开 6 次") {
		t.Errorf("frozen committee item: %s %s", it.Score, it.Reason)
	}
	// The open year sees the new records. (Nothing held in 2026.)
	if it := itemOf(t, evalOf(t, s, 2026, o.b1.ID), "committee_monthly"); it.Score != 0 {
		t.Errorf("2026: %s %s", it.Score, it.Reason)
	}
	// Nothing of the closed year can change.
	items, _ := s.ChecklistItems(ctx, 2025)
	edit := items[0]
	edit.Points = 50
	for name, err := range map[string]error{
		"edit": func() error { _, err := s.SaveChecklistItem(ctx, RoleOffice, edit); return err }(),
		"add": func() error {
			_, err := s.SaveChecklistItem(ctx, RoleOffice, ChecklistItem{Year: 2025, Dimension: "a", Item: "b", Points: 10})
			return err
		}(),
		"delete":   s.DeleteChecklistItem(ctx, RoleOffice, items[1].ID),
		"score":    s.SetManualScore(ctx, RoleOffice, manual.Item.ID, o.b1.ID, 20, ""),
		"evidence": s.SetEvidence(ctx, RoleOffice, manual.Item.ID, o.b1.ID, "补充材料"),
		"close":    s.CloseYear(ctx, RoleOffice, 2025),
	} {
		if err == nil || !strings.Contains(err.Error(), "已结束归档") {
			t.Errorf("%s in a closed year: %v", name, err)
		}
	}
	// 2026's template is its own and still editable.
	y26, _ := s.ChecklistItems(ctx, 2026)
	y26[0].Points = 50
	if _, err := s.SaveChecklistItem(ctx, RoleOffice, y26[0]); err != nil {
		t.Errorf("2026 edit: %v", err)
	}
}

func TestManualScoresEvidenceAndAudit(t *testing.T) {
	o := newClOrg(t)
	s := o.s
	if err := s.SetOperator(ctx, "王审核"); err != nil {
		t.Fatal(err)
	}
	ev := evalOf(t, s, 2026, o.b1.ID)
	manual := itemOf(t, ev, "") // 支部班子团结，议事规则健全: 4 分
	auto := itemOf(t, ev, "committee_monthly")
	var ve *ValidationError
	for _, bad := range []Points{-1, 41} {
		if err := s.SetManualScore(ctx, RoleOffice, manual.Item.ID, o.b1.ID, bad, ""); !errors.As(err, &ve) {
			t.Errorf("score %s accepted: %v", bad, err)
		}
	}
	if err := s.SetManualScore(ctx, RoleOffice, auto.Item.ID, o.b1.ID, 10, ""); !errors.As(err, &ve) || !strings.Contains(err.Error(), "自动评分") {
		t.Errorf("manual score on an automatic item: %v", err)
	}
	// Only branches are scored.
	for _, u := range []int64{o.root.ID, o.g1.ID, 9999} {
		if err := s.SetManualScore(ctx, RoleOffice, manual.Item.ID, u, 10, ""); err == nil {
			t.Errorf("scored unit %d", u)
		}
	}
	if err := s.SetManualScore(ctx, RoleOffice, 9999, o.b1.ID, 10, ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown item: %v", err)
	}
	// Bounds: 0 and the full points are fine.
	for _, ok := range []Points{0, 40, 25} {
		if err := s.SetManualScore(ctx, RoleOffice, manual.Item.ID, o.b1.ID, ok, " 议事规则已修订 "); err != nil {
			t.Errorf("score %s: %v", ok, err)
		}
	}
	it := itemOf(t, evalOf(t, s, 2026, o.b1.ID), "")
	if !it.Scored || it.Score != 25 || it.Comment != "议事规则已修订" || it.ScoredBy != "王审核" || it.Reason != "议事规则已修订" {
		t.Errorf("manual item: %+v", it)
	}
	// The branch's evidence: kept beside the score, which it does not touch.
	if err := s.SetOperator(ctx, "赵书记"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetEvidence(ctx, RoleOffice, manual.Item.ID, o.b1.ID, " 议事规则文本已上墙 "); err != nil {
		t.Fatal(err)
	}
	if err := s.SetEvidence(ctx, RoleOffice, auto.Item.ID, o.b1.ID, "会议记录见台账"); err != nil {
		t.Errorf("evidence on an automatic item: %v", err)
	}
	ev = evalOf(t, s, 2026, o.b1.ID)
	it = itemOf(t, ev, "")
	if it.Evidence != "议事规则文本已上墙" || it.Score != 25 || it.ScoredBy != "王审核" {
		t.Errorf("after evidence: %+v", it)
	}
	if a := itemOf(t, ev, "committee_monthly"); a.Evidence != "会议记录见台账" || !a.Auto {
		t.Errorf("auto item evidence: %+v", a)
	}
	// The office lowers the item's points below the score given: the
	// branch can still add evidence.
	item := manual.Item
	item.Points = 20
	if _, err := s.SaveChecklistItem(ctx, RoleOffice, item); err != nil {
		t.Fatal(err)
	}
	if err := s.SetEvidence(ctx, RoleOffice, manual.Item.ID, o.b1.ID, "补充：照片"); err != nil {
		t.Errorf("evidence after the points were lowered: %v", err)
	}
	// Audit: one insert, then an update per change, in order.
	rows, err := s.AuditEntries(ctx, AuditFilter{Entity: EntityChecklistScore, RecordID: fmt.Sprintf("%d/%d", manual.Item.ID, o.b1.ID)})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 {
		t.Fatalf("%d audit rows for the manual score", len(rows))
	}
	last, first := rows[0], rows[len(rows)-1] // newest first
	if first.Action != ActionInsert || first.Operator != "王审核" || !strings.Contains(first.After, `"score":0`) {
		t.Errorf("first row %+v", first)
	}
	if last.Action != ActionUpdate || last.Operator != "赵书记" || !strings.Contains(last.After, "补充：照片") ||
		!strings.Contains(last.Before, "议事规则文本已上墙") {
		t.Errorf("last row %+v", last)
	}
	if items, _ := s.AuditEntries(ctx, AuditFilter{Entity: EntityChecklistItem, RecordID: fmt.Sprint(item.ID)}); len(items) != 2 {
		t.Errorf("item audit rows: %d", len(items))
	}
	if n, err := s.VerifyAudit(ctx); err != nil || n == 0 {
		t.Errorf("audit chain: %d %v", n, err)
	}
}

func TestParsePoints(t *testing.T) {
	for in, want := range map[string]Points{"8": 80, "2.5": 25, "２.５": 25, "10分": 100, " 3 ": 30, "0": 0, "2.5 分": 25,
		"4.0": 40, "2.50": 25, "１．５": 15} {
		got, err := ParsePoints(in)
		if err != nil || got != want {
			t.Errorf("ParsePoints(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "2.55", "abc", "1.2.3", "五", "1001"} {
		if _, err := ParsePoints(in); err == nil {
			t.Errorf("ParsePoints(%q) accepted", in)
		}
	}
	if Points(25).String() != "2.5" || Points(80).String() != "8" || Points(0).String() != "0" {
		t.Error("Points.String")
	}
}

// Evidence files keep the key the screen used to invent (item × 100000 +
// branch): one attached under it before the move is still found.
func TestChecklistEvidenceAttachments(t *testing.T) {
	o := newClOrg(t)
	s := o.s
	item := itemOf(t, evalOf(t, s, 2026, o.b1.ID), "").Item
	if ChecklistEvidenceKey(item.ID, o.b1.ID) != item.ID*100000+o.b1.ID {
		t.Fatal("key formula changed: stored attachments would be lost")
	}
	src := filepath.Join(t.TempDir(), "制度上墙.txt")
	if err := os.WriteFile(src, []byte("照片说明"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddAttachment(ctx, RoleOffice, EntityChecklistScore, item.ID*100000+o.b1.ID, src); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddChecklistAttachment(ctx, Role{BranchID: o.b1.ID}, item.ID, o.b1.ID, src); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddChecklistAttachment(ctx, Role{BranchID: o.b2.ID}, item.ID, o.b1.ID, src); !errors.Is(err, ErrForbidden) {
		t.Fatalf("another branch attached evidence: %v", err)
	}
	list, err := s.ChecklistAttachments(ctx, item.ID, o.b1.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("attachments %v %v", list, err)
	}
	if other, _ := s.ChecklistAttachments(ctx, item.ID, o.b2.ID); len(other) != 0 {
		t.Fatalf("branch 2 sees %d of branch 1's files", len(other))
	}
}
