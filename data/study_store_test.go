package data

import (
	"errors"
	"slices"
	"testing"
)

// studyOrg is clOrg with members: 甲, 乙, 丙 in 第一支部 (乙 in 一组), 丁 in 第二支部.
type studyOrg struct {
	*clOrg
	m map[string]Member
}

func newStudyOrg(t *testing.T) *studyOrg {
	t.Helper()
	o := &studyOrg{clOrg: newClOrg(t), m: map[string]Member{}}
	for _, c := range []struct {
		name          string
		branch, group int64
	}{{"甲", o.b1.ID, 0}, {"乙", o.b1.ID, o.g1.ID}, {"丙", o.b1.ID, 0}, {"丁", o.b2.ID, 0}} {
		m, _, err := o.s.SaveMember(ctx, RoleOffice, Member{Name: c.name, Sex: "男", Standing: StandingFull, Status: StatusNormal,
			BranchID: c.branch, GroupID: c.group, JoinDate: MustDate("2010-07-01"), FullDate: MustDate("2011-07-01")})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		o.m[c.name] = m
	}
	return o
}

// lesson records a 党课 of 第一支部 on date: 甲 and 乙 present, 丙 on leave.
func (o *studyOrg) lesson(t *testing.T, date string) Meeting {
	t.Helper()
	att := func(name, state string) Attendance {
		return Attendance{MemberID: o.m[name].ID, Name: name, Standing: StandingFull, State: state}
	}
	m, _, err := o.s.SaveMeeting(ctx, RoleOffice, Meeting{UnitID: o.b1.ID, Kind: KindLesson, Date: MustDate(date),
		Topic: "学习新党章", Attendance: []Attendance{att("甲", Present), att("乙", Present), att("丙", OnLeave)}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestStudyFromMeetingIsIdempotent(t *testing.T) {
	o := newStudyOrg(t)
	m := o.lesson(t, "2026-11-10")
	added, err := o.s.StudyFromMeeting(ctx, Role{BranchID: o.b1.ID}, m.ID, 15)
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 2 {
		t.Fatalf("added %d records, want 2 (甲, 乙): %+v", len(added), added)
	}
	for _, r := range added {
		if r.Form != StudyLesson || r.Hours != 15 || r.Date != m.Date || r.Source != SourceMeeting || r.MeetingID != m.ID ||
			r.BranchID != o.b1.ID || r.Content != "党课：学习新党章" || r.Organiser == "" {
			t.Errorf("record: %+v", r)
		}
	}
	again, err := o.s.StudyFromMeeting(ctx, RoleOffice, m.ID, 15)
	if err != nil || len(again) != 0 {
		t.Fatalf("second time added %d records (%v), want none", len(again), err)
	}
	list, _ := o.s.StudyRecords(ctx, StudyFilter{MeetingID: m.ID})
	if len(list) != 2 {
		t.Fatalf("%d records of the meeting, want 2", len(list))
	}
	// A record deleted by hand comes back when generated again; the other stays single.
	if err := o.s.DeleteStudyRecord(ctx, RoleOffice, list[0].ID); err != nil {
		t.Fatal(err)
	}
	again, err = o.s.StudyFromMeeting(ctx, RoleOffice, m.ID, 15)
	if err != nil || len(again) != 1 || again[0].MemberID != list[0].MemberID {
		t.Fatalf("after a deletion: %+v %v", again, err)
	}
	// Another branch may not generate them; nor a meeting without anyone present.
	if _, err := o.s.StudyFromMeeting(ctx, Role{BranchID: o.b2.ID}, m.ID, 15); !errors.Is(err, ErrForbidden) {
		t.Errorf("second branch generated first branch's records: %v", err)
	}
	empty, _, err := o.s.SaveMeeting(ctx, RoleOffice, Meeting{UnitID: o.b1.ID, Kind: KindGeneralMeeting, Date: MustDate("2026-11-11")})
	if err != nil {
		t.Fatal(err)
	}
	var ve *ValidationError
	if _, err := o.s.StudyFromMeeting(ctx, RoleOffice, empty.ID, 10); !errors.As(err, &ve) {
		t.Errorf("meeting without attendees: %v", err)
	}
	if _, err := o.s.StudyFromMeeting(ctx, RoleOffice, m.ID, 0); !errors.As(err, &ve) {
		t.Errorf("zero hours: %v", err)
	}
}

func TestSaveStudyRecordRoles(t *testing.T) {
	o := newStudyOrg(t)
	r := StudyRecord{MemberID: o.m["甲"].ID, Date: MustDate("2026-11-03"), Content: "自学党史", Hours: 20, Form: StudySelf}
	if _, err := o.s.SaveStudyRecord(ctx, Role{BranchID: o.b2.ID}, r); !errors.Is(err, ErrForbidden) {
		t.Errorf("second branch wrote for a first-branch member: %v", err)
	}
	saved, err := o.s.SaveStudyRecord(ctx, Role{BranchID: o.b1.ID}, r)
	if err != nil || saved.ID == 0 || saved.Source != SourceManual || saved.BranchID != o.b1.ID || saved.Name != "甲" {
		t.Fatalf("own branch: %+v %v", saved, err)
	}
	saved.Hours = 25
	if _, err := o.s.SaveStudyRecord(ctx, Role{BranchID: o.b2.ID}, saved); !errors.Is(err, ErrForbidden) {
		t.Errorf("second branch edited it: %v", err)
	}
	if err := o.s.DeleteStudyRecord(ctx, Role{BranchID: o.b2.ID}, saved.ID); !errors.Is(err, ErrForbidden) {
		t.Errorf("second branch deleted it: %v", err)
	}
	if _, err := o.s.SaveStudyRecord(ctx, RoleOffice, saved); err != nil {
		t.Fatal(err)
	}
	list, _ := o.s.StudyRecords(ctx, StudyFilter{MemberID: o.m["甲"].ID})
	if len(list) != 1 || list[0].Hours != 25 {
		t.Fatalf("after the edit: %+v", list)
	}
	// The whole branch at once: all or nothing.
	tmpl := StudyRecord{Date: MustDate("2026-11-04"), Content: "集中学习", Hours: 10, Form: StudyGroup}
	if _, err := o.s.AddStudyForMembers(ctx, Role{BranchID: o.b1.ID}, tmpl, []int64{o.m["乙"].ID, o.m["丁"].ID}); !errors.Is(err, ErrForbidden) {
		t.Errorf("a branch recorded another branch's member: %v", err)
	}
	if list, _ := o.s.StudyRecords(ctx, StudyFilter{BranchID: o.b1.ID}); len(list) != 1 {
		t.Errorf("a refused batch left %d records", len(list))
	}
	got, err := o.s.AddStudyForMembers(ctx, Role{BranchID: o.b1.ID}, tmpl, []int64{o.m["乙"].ID, o.m["丙"].ID, o.m["乙"].ID})
	if err != nil || len(got) != 2 {
		t.Fatalf("batch: %d %v", len(got), err)
	}
	if n := auditCount(t, o.s, EntityStudyRecord); n != 4 {
		t.Errorf("%d audit rows for study records, want 4 (insert, update, 2 inserts)", n)
	}
}

func auditCount(t *testing.T, s *Store, entity string) int {
	t.Helper()
	list, err := s.AuditEntries(ctx, AuditFilter{Entity: entity})
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

func TestPointsRulesAndRankings(t *testing.T) {
	o := newStudyOrg(t)
	rules, err := o.s.PointsRules(ctx)
	if err != nil || len(rules) != len(PointsRuleKinds) {
		t.Fatalf("rules loaded: %+v %v", rules, err)
	}
	if err := o.s.SavePointsRule(ctx, Role{BranchID: o.b1.ID}, PointsRule{Kind: RuleMeeting, Points: 30}); !errors.Is(err, ErrForbidden) {
		t.Errorf("a branch changed a rule: %v", err)
	}
	// 1 分 a 学时 up to 3 a month; 2 分 a meeting; 5 分 a 党课 given; no volunteer cap.
	for _, r := range []PointsRule{{RuleStudyHour, 10, 30}, {RuleMeeting, 20, 0}, {RuleLesson, 50, 0}, {RuleVolunteer, 10, 0}} {
		if err := o.s.SavePointsRule(ctx, RoleOffice, r); err != nil {
			t.Fatal(err)
		}
	}
	m := o.lesson(t, "2026-11-10")
	if _, err := o.s.StudyFromMeeting(ctx, RoleOffice, m.ID, 20); err != nil { // 甲, 乙: 2 学时
		t.Fatal(err)
	}
	save := func(name, date string, hours Hours) {
		if _, err := o.s.SaveStudyRecord(ctx, RoleOffice, StudyRecord{MemberID: o.m[name].ID, Date: MustDate(date),
			Content: "自学", Hours: hours, Form: StudySelf}); err != nil {
			t.Fatal(err)
		}
	}
	save("甲", "2026-11-20", 20) // 甲 has 4 学时 in November: capped at 3 分
	save("丙", "2026-10-05", 40) // 丙: 3 分 in October (cap)
	if _, err := o.s.SaveActivity(ctx, RoleOffice, Activity{MemberID: o.m["丁"].ID, Kind: ActivityLesson,
		Date: MustDate("2026-11-15"), Content: "讲授党章"}); err != nil {
		t.Fatal(err)
	}
	if _, err := o.s.SaveActivity(ctx, Role{BranchID: o.b1.ID}, Activity{MemberID: o.m["丁"].ID, Kind: ActivityVolunteer,
		Date: MustDate("2026-11-15"), Content: "社区服务", Hours: 20}); !errors.Is(err, ErrForbidden) {
		t.Errorf("first branch recorded 丁's activity: %v", err)
	}
	type row struct {
		name   string
		points Points
		rank   int
	}
	rank := func(p RankPeriod, branch int64) (overall, study []row) {
		t.Helper()
		r, err := o.s.Rankings(ctx, p, branch)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range r.Overall {
			overall = append(overall, row{x.Name, x.Points, x.Rank})
		}
		for _, x := range r.Study {
			study = append(study, row{x.Name, x.Points, x.Rank})
		}
		return
	}
	eq := func(what string, got, want []row) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: %v, want %v", what, got, want)
			return
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: %v, want %v", what, got, want)
				return
			}
		}
	}
	// November: 甲 3 (capped) + 2 (meeting) = 5; 乙 2 + 2 = 4; 丁 5 (党课); 丙 0.
	ov, st := rank(RankPeriod{2026, 11}, 0)
	eq("November overall", ov, []row{{"丁", 50, 1}, {"甲", 50, 1}, {"乙", 40, 3}, {"丙", 0, 4}})
	eq("November study", st, []row{{"甲", 30, 1}, {"乙", 20, 2}, {"丙", 0, 3}, {"丁", 0, 3}})
	ov, _ = rank(RankPeriod{Year: 2026}, o.b1.ID)
	eq("2026 first branch", ov, []row{{"甲", 50, 1}, {"乙", 40, 2}, {"丙", 30, 3}})

	// 甲 moves away (转出): history kept, off the rankings.
	gone := o.m["甲"]
	gone.Status = StatusOut
	if _, _, err := o.s.SaveMember(ctx, RoleOffice, gone); err != nil {
		t.Fatal(err)
	}
	ov, _ = rank(RankPeriod{}, o.b1.ID)
	eq("after 甲 left", ov, []row{{"乙", 40, 1}, {"丙", 30, 2}})
	if list, _ := o.s.StudyRecords(ctx, StudyFilter{MemberID: gone.ID}); len(list) != 2 {
		t.Errorf("甲's records after leaving: %d, want 2", len(list))
	}
	entries, _ := o.s.PointEntries(ctx, gone.ID)
	var total Points
	for _, e := range entries {
		total += e.Counted
		if e.RecordID == 0 || e.Entity == "" {
			t.Errorf("entry without its source: %+v", e)
		}
	}
	if total != 50 {
		t.Errorf("甲's points kept: %v, want 5", total)
	}
	// A rule change shows at once: 2 分 a 学时, no cap.
	if err := o.s.SavePointsRule(ctx, RoleOffice, PointsRule{RuleStudyHour, 20, 0}); err != nil {
		t.Fatal(err)
	}
	ov, _ = rank(RankPeriod{}, o.b1.ID)
	eq("after the rule change", ov, []row{{"丙", 80, 1}, {"乙", 60, 2}})
	if _, err := o.s.Rankings(ctx, RankPeriod{Month: 3}, 0); err == nil {
		t.Error("a month without a year was accepted")
	}
}

// Rankings reads the members in name order by the stored keys: the same
// order as BuildRankings sorting them name by name, in either order.
func TestRankingsNameOrderFromStoredKeys(t *testing.T) {
	o := newClOrg(t)
	s := o.s
	for _, n := range []string{"曾国藩", "单田芳", "丁晨", "一鸣", "张三", "章三", "李", "李安", "张三"} {
		newPartyMember(t, s, n, o.b1.ID, 0, StandingFull, "2010-07-01", "2011-07-01")
	}
	for _, order := range []NameOrder{OrderPinyin, OrderStrokes} {
		if err := s.SetSetting(ctx, SettingNameOrder, string(order)); err != nil {
			t.Fatal(err)
		}
		got, err := s.Rankings(ctx, RankPeriod{}, 0)
		if err != nil {
			t.Fatal(err)
		}
		var members []RankMember
		for i := len(got.Overall) - 1; i >= 0; i-- { // reversed: the sort must do the work
			r := got.Overall[i]
			members = append(members, RankMember{ID: r.MemberID, Name: r.Name, BranchID: r.BranchID, Branch: r.Branch})
		}
		want := BuildRankings(members, nil, RankPeriod{}, func(a, b string) bool { return CompareNames(order, a, b) < 0 })
		if len(got.Overall) != 9 || !slices.Equal(got.Overall, want.Overall) || !slices.Equal(got.Study, want.Study) {
			t.Errorf("%s: got %v, want %v", order, got.Overall, want.Overall)
		}
	}
}
