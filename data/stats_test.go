package data

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestAgeAndPartyAgeBands(t *testing.T) {
	for _, c := range []struct {
		age  int
		want string
	}{
		{-1, StatUnknown}, {0, "30岁及以下"}, {30, "30岁及以下"}, {31, "31–35岁"}, {35, "31–35岁"}, {36, "36–40岁"},
		{45, "41–45岁"}, {46, "46–50岁"}, {55, "51–55岁"}, {56, "56–60岁"}, {60, "56–60岁"}, {61, "61岁及以上"}, {99, "61岁及以上"},
	} {
		if got := AgeBand(c.age); got != c.want {
			t.Errorf("AgeBand(%d) = %s, want %s", c.age, got, c.want)
		}
	}
	for _, c := range []struct {
		years int
		want  string
	}{
		{-1, PartyAgeUnknown}, {0, "不满5年"}, {4, "不满5年"}, {5, "5–10年"}, {10, "5–10年"}, {11, "11–20年"}, {20, "11–20年"},
		{21, "21–30年"}, {40, "31–40年"}, {41, "41–50年"}, {50, "41–50年"}, {51, "51年及以上"},
	} {
		if got := PartyAgeBand(c.years); got != c.want {
			t.Errorf("PartyAgeBand(%d) = %s, want %s", c.years, got, c.want)
		}
	}
}

// TestStatsBandsOnBirthdays: age and 党龄 change on the anniversary itself,
// and on 12-31 (the annual tables' day).
func TestStatsBandsOnBirthdays(t *testing.T) {
	o, _ := todoOrg(t)
	save := func(name, birth, standing, join, full string) {
		t.Helper()
		m := Member{Name: name, Sex: "女", BirthDate: MustDate(birth), Standing: standing, Status: StatusNormal, BranchID: o.b1.ID,
			JoinDate: MustDate(join)}
		if full != "" {
			m.FullDate = MustDate(full)
		}
		if _, _, err := o.s.SaveMember(ctx, RoleOffice, m); err != nil {
			t.Fatal(err)
		}
	}
	save("甲", "1995-12-31", StandingFull, "2020-12-31", "2021-12-31") // 31 and 党龄 5 on 2026-12-31
	for _, c := range []struct {
		day, age, party string
	}{
		{"2026-12-30", "30岁及以下", "不满5年"},
		{"2026-12-31", "31–35岁", "5–10年"},
	} {
		st, err := o.s.Stats(ctx, StatsOptions{AsOf: MustDate(c.day), NoScores: true})
		if err != nil {
			t.Fatal(err)
		}
		if st.ByAgeBand.Of(c.age) != 1 || st.ByPartyAgeBand.Of(c.party) != 1 {
			t.Errorf("%s: ages %v, 党龄 %v", c.day, st.ByAgeBand, st.ByPartyAgeBand)
		}
	}
	// 转正 after the day: 预备党员 on it, without 党龄.
	st, err := o.s.Stats(ctx, StatsOptions{AsOf: MustDate("2021-12-30"), NoScores: true})
	if err != nil {
		t.Fatal(err)
	}
	if st.ByStanding.Of(StandingProbationary) != 1 || st.ByStanding.Of(StandingFull) != 0 || st.ByPartyAgeBand.Of(PartyAgeProbationary) != 1 {
		t.Errorf("before 转正: %v %v", st.ByStanding, st.ByPartyAgeBand)
	}
	// Before 入党: not counted at all.
	if st, _ := o.s.Stats(ctx, StatsOptions{AsOf: MustDate("2020-12-30"), NoScores: true}); st.Total != 0 {
		t.Errorf("counted before joining: %d", st.Total)
	}
}

func TestStatsTotalsEqualRoster(t *testing.T) {
	o, b3 := todoOrg(t)
	add := func(name, sex, eth, edu, cat string, branch int64, standing, join, full string, mut func(*Member)) Member {
		t.Helper()
		m := Member{Name: name, Sex: sex, Ethnicity: eth, Education: edu, Category: cat, BirthDate: MustDate("1980-06-15"),
			Standing: standing, Status: StatusNormal, BranchID: branch, JoinDate: MustDate(join)}
		if full != "" {
			m.FullDate = MustDate(full)
		}
		if mut != nil {
			mut(&m)
		}
		m, _, err := o.s.SaveMember(ctx, RoleOffice, m)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	add("一", "男", "汉族", "大学本科", "在岗职工", o.b1.ID, StandingFull, "2000-01-01", "2001-01-01", nil)
	add("二", "女", "回族", "研究生", "离退休", o.b1.ID, StandingFull, "1970-01-01", "1971-01-01", func(m *Member) { m.BirthDate = MustDate("1945-03-01") })
	add("三", "男", "汉族", "大专", "在岗职工", o.b2.ID, StandingProbationary, "2026-03-01", "", nil)
	add("四", "女", "", "", "", o.b2.ID, StandingFull, "2015-07-01", "", func(m *Member) { m.BirthDate = Date{} })
	left := add("走了", "男", "汉族", "大学本科", "在岗职工", o.b1.ID, StandingFull, "2000-01-01", "2001-01-01", nil)
	if _, _, err := o.s.RecordEvent(ctx, RoleOffice, MemberEvent{MemberID: left.ID, Kind: EventTransferOut, Date: MustDate("2026-10-01"), To: "外单位"}); err != nil {
		t.Fatal(err)
	}
	add("转入晚", "男", "汉族", "大学本科", "在岗职工", b3.ID, StandingFull, "2000-01-01", "2001-01-01",
		func(m *Member) { m.TransferInDate = MustDate("2026-11-20") })

	roster, err := o.s.Members(ctx, MemberFilter{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := o.s.Stats(ctx, StatsOptions{AsOf: MustDate("2026-11-27")})
	if err != nil {
		t.Fatal(err)
	}
	if st.Total != len(roster) || st.Total != 5 {
		t.Fatalf("total %d, roster %d", st.Total, len(roster))
	}
	for name, cs := range map[string]StatCounts{"branch": st.ByBranch, "sex": st.BySex, "eth": st.ByEthnicity, "age": st.ByAgeBand,
		"edu": st.ByEducation, "party": st.ByPartyAgeBand, "cat": st.ByCategory, "standing": st.ByStanding} {
		if cs.Sum() != st.Total {
			t.Errorf("%s sums to %d: %v", name, cs.Sum(), cs)
		}
	}
	if st.ByBranch.Of("第一支部") != 2 || st.ByBranch.Of("第三支部") != 1 || st.Female != 2 || st.Minority != 1 {
		t.Errorf("branches %v female %d minority %d", st.ByBranch, st.Female, st.Minority)
	}
	if st.ByStanding.Of(StandingProbationary) != 1 || st.ByPartyAgeBand.Of(PartyAgeUnknown) != 1 || st.ByAgeBand.Of(StatUnknown) != 1 {
		t.Errorf("standing %v party %v age %v", st.ByStanding, st.ByPartyAgeBand, st.ByAgeBand)
	}
	if st.ByEducation.Of(StatUnknown) != 1 || st.ByEducation[0].Label != "研究生" || st.ByEducation.Of("大学专科") != 1 || st.ByEducation.Of("大专") != 0 {
		t.Errorf("education %v", st.ByEducation)
	}
	if st.Org.Branches != 3 || st.Org.Groups != 2 || st.Org.Committees != 1 {
		t.Errorf("org %+v", st.Org)
	}
	if len(st.Meetings) == 0 || len(st.Scores) != 3 {
		t.Errorf("meetings %v scores %d", st.Meetings, len(st.Scores))
	}
	// The member transferred in after the day is not counted before it.
	if st, _ := o.s.Stats(ctx, StatsOptions{AsOf: MustDate("2026-11-19"), NoScores: true}); st.Total != 4 {
		t.Errorf("before the transfer in: %d", st.Total)
	}
	// One branch.
	one, err := o.s.Stats(ctx, StatsOptions{AsOf: MustDate("2026-11-27"), BranchID: o.b2.ID})
	if err != nil {
		t.Fatal(err)
	}
	if one.Total != 2 || one.Scope != "第二支部" || len(one.ByBranch) != 1 || len(one.Scores) != 1 || one.Org.Branches != 1 {
		t.Errorf("branch scope: %+v", one)
	}
	// JSON: ordered objects keyed by the Chinese labels.
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(b); !strings.Contains(s, `"by_sex":{"男":3,"女":2}`) || !strings.Contains(s, `"by_age_band":{"30岁及以下":0,`) {
		t.Errorf("json %s", s)
	}
}

func TestStatsHook(t *testing.T) {
	o, _ := todoOrg(t)
	RegisterStats("zz-test", func(_ context.Context, _ *Store, st *Stats) error {
		st.ByStage = StatCounts{{"入党积极分子", 3}}
		st.Dues = &DuesStat{Due: 1000, Collected: 800}
		return nil
	})
	t.Cleanup(func() { RegisterStats("zz-test", nil) })
	st, err := o.s.Stats(ctx, StatsOptions{AsOf: MustDate("2026-11-27"), NoScores: true})
	if err != nil {
		t.Fatal(err)
	}
	if st.ByStage.Of("入党积极分子") != 3 || st.Dues == nil || st.Dues.Collected != 800 {
		t.Errorf("%+v %+v", st.ByStage, st.Dues)
	}
}

// TestStatsMeetingsCountThePeriodEndingOnTheDay: as of a month's last day
// (12-31 for the annual tables) that month is over and counts.
func TestStatsMeetingsCountThePeriodEndingOnTheDay(t *testing.T) {
	o, b3 := todoOrg(t) // 第三支部 founded 2026-10-15 owes 主题党日 from November
	for _, c := range []struct {
		day                     string
		required, held, missing int
	}{{"2026-11-29", 0, 0, 0}, {"2026-11-30", 1, 0, 1}} {
		st, err := o.s.Stats(ctx, StatsOptions{AsOf: MustDate(c.day), BranchID: b3.ID, NoScores: true})
		if err != nil {
			t.Fatal(err)
		}
		var got MeetingStat
		for _, m := range st.Meetings {
			if m.Kind == KindThemeDay {
				got = m
			}
		}
		if got.Required != c.required || got.Held != c.held || got.Missing != c.missing {
			t.Errorf("%s: %+v", c.day, got)
		}
	}
}
