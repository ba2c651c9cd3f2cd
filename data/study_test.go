package data

import (
	"reflect"
	"testing"
)

func TestParseHours(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Hours
		ok   bool
	}{
		{"2", 20, true}, {"1.5", 15, true}, {"０.５", 5, true}, {"3学时", 30, true}, {" 2 小时", 20, true},
		{"24", 240, true}, {"", 0, false}, {"0", 0, false}, {"25", 0, false}, {"1.25", 0, false}, {"两", 0, false},
	} {
		got, err := ParseHours(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseHours(%q) = %v, %v; want %v ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
	if Hours(15).String() != "1.5" || Hours(20).String() != "2" {
		t.Errorf("Hours.String: %s %s", Hours(15), Hours(20))
	}
}

func TestValidateStudy(t *testing.T) {
	ok := StudyRecord{MemberID: 1, Date: MustDate("2026-11-02"), Content: "学习党章", Hours: 20, Form: StudySelf}
	if is := ValidateStudy(ok); len(is) != 0 {
		t.Fatalf("valid record refused: %v", is)
	}
	for _, c := range []struct {
		field string
		edit  func(*StudyRecord)
	}{
		{"member_id", func(r *StudyRecord) { r.MemberID = 0 }},
		{"date", func(r *StudyRecord) { r.Date = Date{} }},
		{"content", func(r *StudyRecord) { r.Content = "  " }},
		{"hours", func(r *StudyRecord) { r.Hours = 0 }},
		{"hours", func(r *StudyRecord) { r.Hours = 241 }},
		{"form", func(r *StudyRecord) { r.Form = "开会" }},
	} {
		r := ok
		c.edit(&r)
		is := ValidateStudy(r)
		if len(is) != 1 || is[0].Field != c.field {
			t.Errorf("want one issue at %s, got %v", c.field, is)
		}
	}
}

func TestApplyRulesCaps(t *testing.T) {
	rules := []PointsRule{
		{Kind: RuleStudyHour, Points: 10, MonthlyCap: 50}, // 1 分 a 学时, at most 5 a month
		{Kind: RuleMeeting, Points: 20, MonthlyCap: 0},    // 2 分 a meeting, no cap
		{Kind: RuleQuiz, Points: 100, MonthlyCap: 80},     // 10 分 for a full score
		{Kind: RuleVolunteer, Points: 5, MonthlyCap: 10},  // 0.5 分 an hour, at most 1
	}
	src := func(member int64, date, kind string, id int64, amount int) PointSource {
		return PointSource{MemberID: member, Date: MustDate(date), Kind: kind, Entity: kind, RecordID: id, Amount: amount}
	}
	for _, c := range []struct {
		name    string
		sources []PointSource
		counted []Points // in the order ApplyRules returns: member, date, entity, id
	}{
		{"under the cap", []PointSource{src(1, "2026-11-01", RuleStudyHour, 1, 20), src(1, "2026-11-02", RuleStudyHour, 2, 15)},
			[]Points{20, 15}},
		{"the cap cuts the later record", []PointSource{src(1, "2026-11-20", RuleStudyHour, 2, 30), src(1, "2026-11-01", RuleStudyHour, 1, 40)},
			[]Points{40, 10}},
		{"nothing left after the cap", []PointSource{src(1, "2026-11-01", RuleStudyHour, 1, 60), src(1, "2026-11-02", RuleStudyHour, 2, 10)},
			[]Points{50, 0}},
		{"the cap is per month", []PointSource{src(1, "2026-10-31", RuleStudyHour, 1, 60), src(1, "2026-11-01", RuleStudyHour, 2, 60)},
			[]Points{50, 50}},
		{"the cap is per member", []PointSource{src(1, "2026-11-01", RuleStudyHour, 1, 60), src(2, "2026-11-01", RuleStudyHour, 2, 60)},
			[]Points{50, 50}},
		{"the cap is per kind", []PointSource{src(1, "2026-11-01", RuleStudyHour, 1, 60), src(1, "2026-11-02", RuleMeeting, 2, 10),
			src(1, "2026-11-03", RuleMeeting, 3, 10)}, []Points{50, 20, 20}},
		{"quiz score scales per 100", []PointSource{src(1, "2026-11-01", RuleQuiz, 1, 900)}, []Points{80}},
		{"quiz under the cap", []PointSource{src(1, "2026-11-01", RuleQuiz, 1, 600)}, []Points{60}},
		{"volunteer hours", []PointSource{src(1, "2026-11-01", RuleVolunteer, 1, 15), src(1, "2026-11-02", RuleVolunteer, 2, 30)},
			[]Points{7, 3}},
		{"no rule, no points", []PointSource{src(1, "2026-11-01", RuleLesson, 1, 10)}, []Points{0}},
	} {
		got := ApplyRules(c.sources, rules)
		var counted []Points
		for _, e := range got {
			counted = append(counted, e.Counted)
		}
		if !reflect.DeepEqual(counted, c.counted) {
			t.Errorf("%s: counted %v, want %v", c.name, counted, c.counted)
		}
	}
	// Each entry keeps its source.
	got := ApplyRules([]PointSource{src(7, "2026-11-01", RuleMeeting, 42, 10)}, rules)
	if got[0].Entity != RuleMeeting || got[0].RecordID != 42 || got[0].MemberID != 7 || got[0].Raw != 20 {
		t.Errorf("entry lost its source: %+v", got[0])
	}
}

func TestBuildRankingsTiesAndLeavers(t *testing.T) {
	members := []RankMember{{1, "甲", 10, "一支部"}, {2, "乙", 10, "一支部"}, {3, "丙", 20, "二支部"}, {4, "丁", 20, "二支部"}}
	e := func(member int64, date, kind string, counted Points, amount int) PointEntry {
		return PointEntry{PointSource: PointSource{MemberID: member, Date: MustDate(date), Kind: kind, Amount: amount}, Counted: counted}
	}
	entries := []PointEntry{
		e(1, "2026-11-01", RuleStudyHour, 30, 30), e(1, "2026-11-02", RuleMeeting, 20, 10),
		e(2, "2026-11-01", RuleMeeting, 50, 10),
		e(3, "2026-10-01", RuleStudyHour, 50, 50), e(3, "2026-11-05", RuleQuiz, 10, 100),
		e(9, "2026-11-01", RuleStudyHour, 100, 100), // 9 left: not listed
	}
	type row struct {
		name   string
		points Points
		rank   int
	}
	rows := func(list []RankRow) []row {
		var out []row
		for _, r := range list {
			out = append(out, row{r.Name, r.Points, r.Rank})
		}
		return out
	}
	byCode := func(a, b string) bool { return a < b }
	for _, c := range []struct {
		name           string
		period         RankPeriod
		overall, study []row
	}{
		{"all time", RankPeriod{}, []row{{"丙", 60, 1}, {"乙", 50, 2}, {"甲", 50, 2}, {"丁", 0, 4}},
			[]row{{"丙", 60, 1}, {"甲", 30, 2}, {"丁", 0, 3}, {"乙", 0, 3}}},
		{"november", RankPeriod{2026, 11}, []row{{"乙", 50, 1}, {"甲", 50, 1}, {"丙", 10, 3}, {"丁", 0, 4}},
			[]row{{"甲", 30, 1}, {"丙", 10, 2}, {"丁", 0, 3}, {"乙", 0, 3}}},
		{"october", RankPeriod{2026, 10}, []row{{"丙", 50, 1}, {"丁", 0, 2}, {"乙", 0, 2}, {"甲", 0, 2}},
			[]row{{"丙", 50, 1}, {"丁", 0, 2}, {"乙", 0, 2}, {"甲", 0, 2}}},
		{"another year", RankPeriod{Year: 2025}, []row{{"丁", 0, 1}, {"丙", 0, 1}, {"乙", 0, 1}, {"甲", 0, 1}},
			[]row{{"丁", 0, 1}, {"丙", 0, 1}, {"乙", 0, 1}, {"甲", 0, 1}}},
	} {
		r := BuildRankings(members, entries, c.period, byCode)
		if got := rows(r.Overall); !reflect.DeepEqual(got, c.overall) {
			t.Errorf("%s overall: %v, want %v", c.name, got, c.overall)
		}
		if got := rows(r.Study); !reflect.DeepEqual(got, c.study) {
			t.Errorf("%s study: %v, want %v", c.name, got, c.study)
		}
	}
	r := BuildRankings(members, entries, RankPeriod{}, byCode)
	if r.Study[0].Name != "丙" || r.Study[0].Hours != 50 {
		t.Errorf("study hours: %+v", r.Study[0])
	}
}

func TestRankPeriod(t *testing.T) {
	for _, c := range []struct {
		p    RankPeriod
		d    string
		in   bool
		name string
		ok   bool
	}{
		{RankPeriod{}, "2020-01-01", true, "全部", true},
		{RankPeriod{Year: 2026}, "2026-12-31", true, "2026年度", true},
		{RankPeriod{Year: 2026}, "2025-12-31", false, "2026年度", true},
		{RankPeriod{2026, 11}, "2026-11-30", true, "2026年11月", true},
		{RankPeriod{2026, 11}, "2026-12-01", false, "2026年11月", true},
		{RankPeriod{Month: 3}, "2026-03-01", true, "全部", false},
		{RankPeriod{2026, 13}, "2026-03-01", false, "2026年13月", false},
	} {
		if c.p.Contains(MustDate(c.d)) != c.in || c.p.String() != c.name || (c.p.Valid() == nil) != c.ok {
			t.Errorf("%+v on %s: contains %v, %q, valid %v", c.p, c.d, c.p.Contains(MustDate(c.d)), c.p.String(), c.p.Valid())
		}
	}
}
