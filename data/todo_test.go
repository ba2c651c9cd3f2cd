package data

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// todoOrg: the meeting test organisation plus a third branch founded
// 2026-10-15 (no committee, no groups: it owes only 主题党日 in Nov/Dec).
func todoOrg(t *testing.T) (*meetingOrg, OrgUnit) {
	t.Helper()
	o := newMeetingOrg(t)
	b3 := mustUnit(t, o.s, OrgUnit{Level: LevelBranch, ParentID: o.root.ID, FullName: "第三支部", Founded: MustDate("2026-10-15")})
	return o, b3
}

// todoOf lists the items of one kind (and branch, when not 0) as of day.
func todoOf(t *testing.T, s *Store, role Role, day, kind string, branch int64) []TodoItem {
	t.Helper()
	all, err := s.Todo(ctx, role, MustDate(day))
	if err != nil {
		t.Fatal(err)
	}
	var out []TodoItem
	for _, it := range all {
		if it.Kind == kind && (branch == 0 || it.BranchID == branch) {
			out = append(out, it)
		}
	}
	return out
}

// edge is one as-of day and the severity expected ("" = no item).
type edge struct{ day, want string }

func checkEdges(t *testing.T, s *Store, role Role, kind string, branch int64, edges []edge, contains string) {
	t.Helper()
	for _, e := range edges {
		items := todoOf(t, s, role, e.day, kind, branch)
		got := ""
		if len(items) > 1 {
			t.Errorf("%s %s: %d items: %+v", kind, e.day, len(items), items)
		}
		if len(items) > 0 {
			got = items[0].Severity
			if contains != "" && !strings.Contains(items[0].Title, contains) {
				t.Errorf("%s %s: title %q lacks %q", kind, e.day, items[0].Title, contains)
			}
		}
		if got != e.want {
			t.Errorf("%s as of %s: severity %q, want %q", kind, e.day, got, e.want)
		}
	}
}

func TestTodoTaskEdges(t *testing.T) {
	o, _ := todoOrg(t)
	task, err := o.s.SaveTask(ctx, RoleOffice, Task{Year: 2026, Aspect: "组织建设", Title: "完成支部换届", Due: MustDate("2026-06-30"),
		Points: 50, RemindDays: 7, Branches: []int64{o.b1.ID}})
	if err != nil {
		t.Fatal(err)
	}
	checkEdges(t, o.s, RoleOffice, TodoTask, o.b1.ID, []edge{
		{"2026-06-22", ""}, {"2026-06-23", SeveritySoon}, {"2026-06-30", SeveritySoon}, {"2026-07-01", SeverityOverdue},
		{"2027-01-10", SeverityOverdue}, // last year's task still open
	}, "完成支部换届")
	checkEdges(t, o.s, Role{BranchID: o.b1.ID}, TodoTask, 0, []edge{{"2026-07-01", SeverityOverdue}}, "")
	checkEdges(t, o.s, Role{BranchID: o.b2.ID}, TodoTask, 0, []edge{{"2026-07-01", ""}}, "")
	items := todoOf(t, o.s, RoleOffice, "2026-07-01", TodoTask, o.b1.ID)
	if r := items[0].Ref; r.Entity != EntityAssignment || r.ID == 0 || items[0].Branch != "第一支部" || items[0].Due != task.Due {
		t.Errorf("ref %+v branch %q due %s", r, items[0].Branch, items[0].Due)
	}
}

func TestTodoTermEdges(t *testing.T) {
	o, _ := todoOrg(t)
	u := o.b1
	u.TermStart, u.TermYears = MustDate("2024-03-15"), 3 // ends 2027-03-15; warning 6 months ahead
	mustUnit(t, o.s, u)
	checkEdges(t, o.s, RoleOffice, TodoTerm, o.b1.ID, []edge{
		{"2026-09-14", ""}, {"2026-09-15", SeveritySoon}, {"2027-03-14", SeveritySoon}, {"2027-03-15", SeverityOverdue},
	}, "2027年3月15日")
	checkEdges(t, o.s, Role{BranchID: o.b2.ID}, TodoTerm, 0, []edge{{"2027-03-15", ""}}, "")
	items := todoOf(t, o.s, RoleOffice, "2027-03-15", TodoTerm, o.b1.ID)
	if r := items[0].Ref; r.Entity != EntityOrgUnit || r.ID != o.b1.ID {
		t.Errorf("ref %+v", r)
	}
}

func TestTodoProbationEdges(t *testing.T) {
	o, _ := todoOrg(t)
	p := newPartyMember(t, o.s, "预备甲", o.b1.ID, 0, StandingProbationary, "2025-12-20", "") // due 2026-12-20
	newPartyMember(t, o.s, "正式乙", o.b1.ID, 0, StandingFull, "2024-12-20", "2025-12-20")
	left := newPartyMember(t, o.s, "预备丙", o.b1.ID, 0, StandingProbationary, "2025-12-20", "")
	left.Status = StatusDead
	if _, _, err := o.s.SaveMember(ctx, RoleOffice, left); err != nil {
		t.Fatal(err)
	}
	checkEdges(t, o.s, RoleOffice, TodoDevelopment, o.b1.ID, []edge{
		{"2026-11-19", ""}, {"2026-11-20", SeveritySoon}, {"2026-12-20", SeveritySoon}, {"2026-12-21", SeverityOverdue},
	}, "预备甲")
	items := todoOf(t, o.s, RoleOffice, "2026-12-21", TodoDevelopment, 0)
	if len(items) != 1 || items[0].Ref.Entity != EntityMember || items[0].Ref.ID != p.ID || items[0].Due != MustDate("2026-12-20") {
		t.Errorf("%+v", items)
	}
	// Leap day: joined 2024-02-29, probation ends 2025-02-28.
	newPartyMember(t, o.s, "闰日丁", o.b2.ID, 0, StandingProbationary, "2024-02-29", "")
	checkEdges(t, o.s, RoleOffice, TodoDevelopment, o.b2.ID, []edge{
		{"2025-01-28", ""}, {"2025-01-29", SeveritySoon}, {"2025-02-28", SeveritySoon}, {"2025-03-01", SeverityOverdue},
	}, "闰日丁")
}

func TestTodoTransferEdges(t *testing.T) {
	o, _ := todoOrg(t)
	m := newPartyMember(t, o.s, "转出戊", o.b1.ID, 0, StandingFull, "2010-05-01", "2011-05-01")
	if _, _, err := o.s.RecordEvent(ctx, RoleOffice, MemberEvent{MemberID: m.ID, Kind: EventTransferOut, Date: MustDate("2026-09-01"),
		To: "市交通局党委", LetterNo: "2026-08", ValidDays: 90}); err != nil { // valid to 2026-11-30
		t.Fatal(err)
	}
	checkEdges(t, o.s, RoleOffice, TodoTransfer, o.b1.ID, []edge{
		{"2026-08-31", ""}, {"2026-11-15", ""}, {"2026-11-16", SeveritySoon}, {"2026-11-30", SeveritySoon},
		{"2026-12-01", SeverityOverdue}, {"2026-12-30", SeverityOverdue}, {"2026-12-31", ""},
	}, "转出戊")
	if it := todoOf(t, o.s, RoleOffice, "2026-12-01", TodoTransfer, 0); !strings.Contains(it[0].Title, "市交通局党委") {
		t.Errorf("title %q", it[0].Title)
	}
	// A member who came back is settled.
	if _, _, err := o.s.RecordEvent(ctx, RoleOffice, MemberEvent{MemberID: m.ID, Kind: EventTransferIn, Date: MustDate("2026-11-20"), BranchID: o.b1.ID}); err != nil {
		t.Fatal(err)
	}
	checkEdges(t, o.s, RoleOffice, TodoTransfer, 0, []edge{{"2026-11-20", ""}}, "")
}

func TestTodoBirthdayMonth(t *testing.T) {
	o, _ := todoOrg(t)
	newPartyMember(t, o.s, "生日一", o.b1.ID, 0, StandingFull, "2001-11-05", "2002-11-05")
	newPartyMember(t, o.s, "生日二", o.b1.ID, 0, StandingFull, "1999-11-30", "2000-11-30")
	newPartyMember(t, o.s, "十二月", o.b1.ID, 0, StandingFull, "1999-12-01", "2000-12-01")
	newPartyMember(t, o.s, "他支部", o.b2.ID, 0, StandingFull, "1998-11-01", "1999-11-01")
	checkEdges(t, o.s, RoleOffice, TodoBirthday, o.b1.ID, []edge{
		{"2026-10-31", ""}, {"2026-11-01", SeverityInfo}, {"2026-11-30", SeverityInfo}, {"2026-12-01", SeverityInfo},
	}, "")
	items := todoOf(t, o.s, RoleOffice, "2026-11-06", TodoBirthday, o.b1.ID)
	if it := items[0]; !strings.Contains(it.Title, "生日一（5日）") || !strings.Contains(it.Title, "生日二（30日）") ||
		strings.Contains(it.Title, "十二月") || it.Due != MustDate("2026-11-30") || it.Ref.Screen != "党员档案" {
		t.Errorf("%+v", it)
	}
	if items := todoOf(t, o.s, RoleOffice, "2026-12-01", TodoBirthday, o.b1.ID); !strings.Contains(items[0].Title, "十二月") {
		t.Errorf("%+v", items)
	}
	if items := todoOf(t, o.s, Role{BranchID: o.b1.ID}, "2026-11-06", TodoBirthday, 0); len(items) != 1 {
		t.Errorf("branch copy sees %d birthday lines", len(items))
	}
}

func TestTodoReviewOfficeAndBranch(t *testing.T) {
	o, _ := todoOrg(t)
	ms := o.meetings(t, mtg(o.b1, KindCommittee, "2026-11-10"), mtg(o.g1, KindGroupMeeting, "2026-11-12"), mtg(o.b2, KindThemeDay, "2026-11-12"))
	// Review times are set directly (the clock cannot be moved between
	// submission and review here), so the log does not hold them.
	markTampered(o.s)
	set := func(id int64, status, at string) {
		t.Helper()
		err := o.s.Write(ctx, func(tx *Tx) error {
			_, err := tx.exec("UPDATE meetings SET status = ?, submitted_at = ?, reviewed_at = ?, review_comment = ? WHERE id = ?",
				status, at, at, "请补充议程", id)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	set(ms[0].ID, StatusSubmitted, "2026-11-20T02:00:00Z") // due 2026-11-27
	set(ms[1].ID, StatusReturned, "2026-11-21T02:00:00Z")  // the group's: branch 1, due 2026-11-28
	checkEdges(t, o.s, RoleOffice, TodoReview, 0, []edge{
		{"2026-11-09", ""}, {"2026-11-20", SeveritySoon}, {"2026-11-27", SeveritySoon}, {"2026-11-28", SeverityOverdue},
	}, "待审核会议记录")
	own := Role{BranchID: o.b1.ID}
	checkEdges(t, o.s, own, TodoReview, 0, []edge{{"2026-11-28", SeveritySoon}, {"2026-11-29", SeverityOverdue}}, "请补充议程")
	if items := todoOf(t, o.s, own, "2026-11-29", TodoReview, 0); items[0].BranchID != o.b1.ID || items[0].Ref.ID != ms[1].ID {
		t.Errorf("%+v", items[0])
	}
	checkEdges(t, o.s, Role{BranchID: o.b2.ID}, TodoReview, 0, []edge{{"2026-11-29", ""}}, "")
}

func TestTodoMeetingEdges(t *testing.T) {
	o, b3 := todoOrg(t)
	// 第三支部 (founded 2026-10-15) owes 主题党日 in November and December.
	checkEdges(t, o.s, RoleOffice, TodoMeeting, b3.ID, []edge{
		{"2026-11-19", SeverityInfo}, {"2026-11-20", SeveritySoon}, {"2026-11-30", SeveritySoon}, {"2026-12-01", SeverityOverdue},
	}, KindThemeDay)
	items := todoOf(t, o.s, RoleOffice, "2026-12-01", TodoMeeting, b3.ID)
	if it := items[0]; !strings.Contains(it.Title, "11月未按要求召开") || !strings.Contains(it.Title, "12月还应召开 1 次") ||
		it.Due != MustDate("2026-11-30") || it.Ref.Screen != "三会一课/落实情况" || it.Ref.Filter["branch"] == "" {
		t.Errorf("%+v", it)
	}
	// Held: nothing owed in November any more.
	o.meetings(t, mtg(b3, KindThemeDay, "2026-11-18"))
	checkEdges(t, o.s, RoleOffice, TodoMeeting, b3.ID, []edge{{"2026-11-20", ""}, {"2026-12-01", SeverityInfo}}, "")
	// A missed month stays on the list for 31 days after it ended; then
	// only the 落实情况 matrix shows it. 第二支部 holds 主题党日 every month
	// of 2026 but March.
	var held []Meeting
	for m := 1; m <= 11; m++ {
		if m != 3 {
			held = append(held, mtg(o.b2, KindThemeDay, fmt.Sprintf("2026-%02d-10", m)))
		}
	}
	o.meetings(t, held...)
	for _, e := range []struct{ day, severity, title string }{
		{"2026-04-01", SeverityOverdue, "主题党日：3月未按要求召开；4月还应召开 1 次"},
		{"2026-05-01", SeverityOverdue, "主题党日：3月未按要求召开；5月还应召开 1 次"},
		{"2026-05-02", SeverityInfo, "主题党日：5月还应召开 1 次"}, // the minutes of 05-10 are not yet held
		{"2026-05-10", "", ""},
	} {
		var got []TodoItem
		for _, it := range todoOf(t, o.s, RoleOffice, e.day, TodoMeeting, o.b2.ID) {
			if strings.HasPrefix(it.Title, KindThemeDay) {
				got = append(got, it)
			}
		}
		switch {
		case e.severity == "" && len(got) != 0:
			t.Errorf("%s: %+v", e.day, got)
		case e.severity != "" && (len(got) != 1 || got[0].Severity != e.severity || got[0].Title != e.title):
			t.Errorf("%s: %+v, want %s %q", e.day, got, e.severity, e.title)
		}
	}
	// A branch copy sees its own branch's meetings only.
	for _, it := range todoOf(t, o.s, Role{BranchID: b3.ID}, "2026-12-01", TodoMeeting, 0) {
		if it.BranchID != b3.ID {
			t.Errorf("branch copy sees %+v", it)
		}
	}
}

func TestTodoRegistryAndOrder(t *testing.T) {
	o, _ := todoOrg(t)
	RegisterReminders("zz-test", func(_ context.Context, q TodoQuery) ([]TodoItem, error) {
		return []TodoItem{
			{Kind: TodoDues, Title: "甲", BranchID: o.b2.ID, Due: q.AsOf, Severity: SeverityInfo},
			{Kind: TodoDues, Title: "乙", BranchID: o.b1.ID, Due: q.AsOf.AddDays(3), Severity: SeverityOverdue},
			{Kind: TodoDues, Title: "丙", BranchID: o.b1.ID, Due: q.AsOf, Severity: SeverityOverdue},
		}, nil
	})
	t.Cleanup(func() { RegisterReminders("zz-test", nil) })
	if !strings.Contains(strings.Join(ReminderProviders(), ","), "zz-test") {
		t.Fatal("not registered")
	}
	var titles []string
	for _, it := range todoOf(t, o.s, RoleOffice, "2026-11-27", TodoDues, 0) {
		titles = append(titles, it.Title+it.Branch)
	}
	if got := strings.Join(titles, ","); got != "丙第一支部,乙第一支部,甲第二支部" {
		t.Errorf("order %s", got)
	}
	if items := todoOf(t, o.s, Role{BranchID: o.b2.ID}, "2026-11-27", TodoDues, 0); len(items) != 1 || items[0].Title != "甲" {
		t.Errorf("branch copy: %+v", items)
	}
	RegisterReminders("zz-test", nil)
	if items := todoOf(t, o.s, RoleOffice, "2026-11-27", TodoDues, 0); len(items) != 0 {
		t.Errorf("removed provider still answers: %+v", items)
	}
}
