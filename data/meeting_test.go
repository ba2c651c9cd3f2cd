package data

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// meetingOrg is a store (today 2026-11-27) with a general branch and:
//
//	第一支部 (founded long ago): committee 书记 + 组织委员 from 2020, groups 一组 and 二组
//	第二支部 (founded 2025-07-15): only a 书记, no committee, no groups
type meetingOrg struct {
	s              *Store
	root, b1, b2   OrgUnit
	g1, g2         OrgUnit
	secretary, org Post
}

func newMeetingOrg(t *testing.T) *meetingOrg {
	t.Helper()
	s := openTest(t)
	o := &meetingOrg{s: s}
	o.root = mustUnit(t, s, OrgUnit{Level: LevelGeneral, FullName: "中共示范公司总支部委员会"})
	o.b1 = mustUnit(t, s, OrgUnit{Level: LevelBranch, ParentID: o.root.ID, FullName: "第一支部"})
	o.b2 = mustUnit(t, s, OrgUnit{Level: LevelBranch, ParentID: o.root.ID, FullName: "第二支部", Founded: MustDate("2025-07-15")})
	o.g1 = mustUnit(t, s, OrgUnit{Level: LevelGroup, ParentID: o.b1.ID, FullName: "第一支部一组", ShortName: "一组"})
	o.g2 = mustUnit(t, s, OrgUnit{Level: LevelGroup, ParentID: o.b1.ID, FullName: "第一支部二组", ShortName: "二组"})
	var err error
	if o.secretary, err = s.SavePost(ctx, RoleOffice, Post{UnitID: o.b1.ID, Title: "书记", Holder: "赵书记", Start: MustDate("2020-01-01")}); err != nil {
		t.Fatal(err)
	}
	if o.org, err = s.SavePost(ctx, RoleOffice, Post{UnitID: o.b1.ID, Title: "组织委员", Holder: "钱委员", Start: MustDate("2020-01-01")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SavePost(ctx, RoleOffice, Post{UnitID: o.b2.ID, Title: "书记", Holder: "孙书记", Start: MustDate("2025-07-15")}); err != nil {
		t.Fatal(err)
	}
	return o
}

// meetings stores minutes in one transaction (the way a benchmark or an
// import does), failing the test on any refusal.
func (o *meetingOrg) meetings(t testing.TB, ms ...Meeting) []Meeting {
	t.Helper()
	out := make([]Meeting, len(ms))
	err := o.s.Write(ctx, func(tx *Tx) error {
		for i, m := range ms {
			var err error
			if out[i], _, err = tx.SaveMeeting(RoleOffice, m); err != nil {
				return fmt.Errorf("%s %s: %w", m.Kind, m.Date, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mtg(unit OrgUnit, kind, date string) Meeting {
	return Meeting{UnitID: unit.ID, Kind: kind, Date: MustDate(date), Topic: kind + date}
}

// cellOf finds a compliance cell; ok is false when the period is not owed.
func cellOf(cells []ComplianceCell, branchID int64, kind, period string) (ComplianceCell, bool) {
	for _, c := range cells {
		if c.BranchID == branchID && c.Kind == kind && c.Period.String() == period {
			return c, true
		}
	}
	return ComplianceCell{}, false
}

func TestPeriodEdges(t *testing.T) {
	for _, c := range []struct {
		kind, date, want string
	}{
		{"quarter", "2025-03-31", "2025-Q1"}, {"quarter", "2025-04-01", "2025-Q2"},
		{"quarter", "2025-12-31", "2025-Q4"}, {"quarter", "2026-01-01", "2026-Q1"},
		{"month", "2025-03-31", "2025-03"}, {"month", "2025-04-01", "2025-04"},
		{"month", "2024-02-29", "2024-02"}, {"year", "2025-12-31", "2025"}, {"year", "2026-01-01", "2026"},
	} {
		p := PeriodOf(c.kind, MustDate(c.date))
		if p.String() != c.want || !p.Contains(MustDate(c.date)) {
			t.Errorf("%s of %s = %s", c.kind, c.date, p)
		}
	}
	q1 := Period{"quarter", 2025, 1}
	if q1.Start() != MustDate("2025-01-01") || q1.End() != MustDate("2025-03-31") || q1.Contains(MustDate("2025-04-01")) ||
		q1.Contains(MustDate("2024-12-31")) {
		t.Errorf("Q1 %s–%s", q1.Start(), q1.End())
	}
	if feb := (Period{"month", 2024, 2}); feb.End() != MustDate("2024-02-29") {
		t.Errorf("Feb 2024 ends %s", feb.End())
	}
	if q := (Period{"quarter", 2025, 4}); q.Label() != "第四季度" || q.End() != MustDate("2025-12-31") {
		t.Errorf("Q4 %s %s", q.Label(), q.End())
	}
}

func TestComplianceYearAndQuarterEdges(t *testing.T) {
	o := newMeetingOrg(t)
	o.meetings(t,
		// 支部党员大会 on the last day of Q1 and the first of Q2: one each.
		mtg(o.b1, KindGeneralMeeting, "2025-03-31"), mtg(o.b1, KindGeneralMeeting, "2025-04-01"),
		// 支委会 on 12-31 counts for 2025-12, on 01-01 for 2026-01 only.
		mtg(o.b1, KindCommittee, "2025-12-31"), mtg(o.b1, KindCommittee, "2026-01-01"),
		// 党小组会: 一组 twice in May (counts once), 二组 not at all.
		mtg(o.g1, KindGroupMeeting, "2025-05-06"), mtg(o.g1, KindGroupMeeting, "2025-05-20"),
		mtg(o.g1, KindGroupMeeting, "2025-06-03"), mtg(o.g2, KindGroupMeeting, "2025-06-10"),
		// 第二支部 (founded 2025-07-15) holds a 主题党日 in July: not owed, still counted nowhere.
		mtg(o.b2, KindThemeDay, "2025-07-20"), mtg(o.b2, KindLifeMeeting, "2025-12-20"),
		// 2026: October's 主题党日 held late (11-02) leaves October short; November is still open.
		mtg(o.b1, KindThemeDay, "2026-11-02"),
		// A draft started ahead of a meeting on 11-30 is not a meeting held yet.
		mtg(o.b1, KindCommittee, "2026-11-30"),
	)
	today := MustDate("2026-11-27")
	cells, err := o.s.Compliance(ctx, 2025, nil, today)
	if err != nil {
		t.Fatal(err)
	}
	check := func(branch OrgUnit, kind, period string, required, held int) {
		t.Helper()
		c, ok := cellOf(cells, branch.ID, kind, period)
		if !ok {
			t.Errorf("%s %s %s: not owed", branch.Name(), kind, period)
			return
		}
		if c.Required != required || c.Held != held || c.Open || c.Gap() != (held < required) {
			t.Errorf("%s %s %s: %+v", branch.Name(), kind, period, c)
		}
	}
	notOwed := func(branch OrgUnit, kind, period string) {
		t.Helper()
		if c, ok := cellOf(cells, branch.ID, kind, period); ok {
			t.Errorf("%s %s %s owed: %+v", branch.Name(), kind, period, c)
		}
	}
	check(o.b1, KindGeneralMeeting, "2025-Q1", 1, 1)
	check(o.b1, KindGeneralMeeting, "2025-Q2", 1, 1)
	check(o.b1, KindGeneralMeeting, "2025-Q3", 1, 0)
	check(o.b1, KindCommittee, "2025-12", 1, 1)
	check(o.b1, KindCommittee, "2025-01", 1, 0)
	check(o.b1, KindGroupMeeting, "2025-05", 2, 1) // per group, 一组's second meeting does not cover 二组
	check(o.b1, KindGroupMeeting, "2025-06", 2, 2)
	check(o.b1, KindLifeMeeting, "2025", 1, 0)
	// 第二支部: nothing before its founding, no 支委会 (no committee), no 党小组会 (no groups).
	notOwed(o.b2, KindThemeDay, "2025-07")
	notOwed(o.b2, KindGeneralMeeting, "2025-Q3")
	check(o.b2, KindThemeDay, "2025-08", 1, 0)
	check(o.b2, KindGeneralMeeting, "2025-Q4", 1, 0)
	check(o.b2, KindLifeMeeting, "2025", 1, 1) // founded before Q4: the year is owed
	for _, c := range cells {
		if c.BranchID == o.b2.ID && (c.Kind == KindCommittee || c.Kind == KindGroupMeeting) {
			t.Errorf("第二支部 owes %s %s", c.Kind, c.Period)
		}
		if c.Kind == KindOther {
			t.Errorf("其他 has no frequency: %+v", c)
		}
	}
	// Only the asked branches.
	only, _ := o.s.Compliance(ctx, 2025, []int64{o.b2.ID}, today)
	for _, c := range only {
		if c.BranchID != o.b2.ID {
			t.Fatalf("branch filter: %+v", c)
		}
	}

	// The current year: open periods are not gaps.
	cells, err = o.s.Compliance(ctx, 2026, nil, today)
	if err != nil {
		t.Fatal(err)
	}
	oct, _ := cellOf(cells, o.b1.ID, KindThemeDay, "2026-10")
	nov, _ := cellOf(cells, o.b1.ID, KindThemeDay, "2026-11")
	dec, _ := cellOf(cells, o.b1.ID, KindThemeDay, "2026-12")
	q4, _ := cellOf(cells, o.b1.ID, KindGeneralMeeting, "2026-Q4")
	jan, _ := cellOf(cells, o.b1.ID, KindCommittee, "2026-01")
	if novCom, _ := cellOf(cells, o.b1.ID, KindCommittee, "2026-11"); novCom.Held != 0 || !novCom.Open {
		t.Errorf("future-dated minutes counted as held: %+v", novCom)
	}
	if oct.Open || !oct.Gap() || !nov.Open || nov.Gap() || nov.Held != 1 || !dec.Open || dec.Gap() || !q4.Open || q4.Gap() || jan.Held != 1 || jan.Gap() {
		t.Errorf("2026: oct %+v nov %+v dec %+v q4 %+v jan %+v", oct, nov, dec, q4, jan)
	}
	// The last day of a period is still open; the day after, it is closed.
	cells, _ = o.s.Compliance(ctx, 2026, []int64{o.b1.ID}, MustDate("2026-09-30"))
	if q3, _ := cellOf(cells, o.b1.ID, KindGeneralMeeting, "2026-Q3"); !q3.Open {
		t.Errorf("Q3 on 09-30: %+v", q3)
	}
	cells, _ = o.s.Compliance(ctx, 2026, []int64{o.b1.ID}, MustDate("2026-10-01"))
	if q3, _ := cellOf(cells, o.b1.ID, KindGeneralMeeting, "2026-Q3"); q3.Open || !q3.Gap() {
		t.Errorf("Q3 on 10-01: %+v", q3)
	}
	// A committee that ended mid-2024 owes no 支委会 afterwards.
	end := o.org
	end.End = MustDate("2024-06-15")
	if _, err := o.s.SavePost(ctx, RoleOffice, end); err != nil {
		t.Fatal(err)
	}
	cells, _ = o.s.Compliance(ctx, 2024, []int64{o.b1.ID}, today)
	if _, ok := cellOf(cells, o.b1.ID, KindCommittee, "2024-06"); !ok {
		t.Error("June 2024 (committee at its start) not owed")
	}
	if _, ok := cellOf(cells, o.b1.ID, KindCommittee, "2024-07"); ok {
		t.Error("July 2024 (no committee) owed")
	}
	// Deleted minutes do not count.
	ms, _ := o.s.Meetings(ctx, MeetingFilter{UnitIDs: []int64{o.b1.ID}, Kind: KindThemeDay})
	if err := o.s.DeleteMeeting(ctx, RoleOffice, ms[0].ID); err != nil {
		t.Fatal(err)
	}
	cells, _ = o.s.Compliance(ctx, 2026, nil, today)
	if nov, _ := cellOf(cells, o.b1.ID, KindThemeDay, "2026-11"); nov.Held != 0 {
		t.Errorf("deleted minutes counted: %+v", nov)
	}
	// CountMeetings counts what Meetings lists, deleted minutes left out.
	for _, f := range []MeetingFilter{{}, {UnitIDs: []int64{o.b1.ID}}, {Kind: KindThemeDay}, {Status: StatusDraft},
		{Status: StatusSubmitted}, {From: MustDate("2026-01-01"), To: MustDate("2026-06-30")}, {IDs: []int64{}}} {
		list, err := o.s.Meetings(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := o.s.CountMeetings(ctx, f); err != nil || n != len(list) {
			t.Errorf("%+v: CountMeetings %d (%v), Meetings lists %d", f, n, err, len(list))
		}
	}
}

func TestQuorumDenominatorIsExpected(t *testing.T) {
	for _, c := range []struct {
		name                                          string
		kind                                          string
		expected, voting, committee, committeePresent int
		ok                                            bool
	}{
		{"应到 9, 4 present", KindGeneralMeeting, 9, 4, 0, 0, false},
		{"应到 9, 5 present", KindGeneralMeeting, 9, 5, 0, 0, true},
		{"应到 8, exactly half", KindGeneralMeeting, 8, 4, 0, 0, false},
		{"应到 8, 5 present", KindGeneralMeeting, 8, 5, 0, 0, true},
		{"应到 1, 1 present", KindGeneralMeeting, 1, 1, 0, 0, true},
		{"no 应到 known", KindGeneralMeeting, 0, 0, 0, 0, true},
		{"支委会 2 of 5", KindCommittee, 9, 9, 5, 2, false},
		{"支委会 3 of 5", KindCommittee, 0, 0, 5, 3, true},
		{"支委会 2 of 4", KindCommittee, 0, 0, 4, 2, false},
		{"党课 has no rule", KindLesson, 9, 1, 0, 0, true},
	} {
		if got := Quorum(c.kind, c.expected, c.voting, c.committee, c.committeePresent); (got == "") != c.ok {
			t.Errorf("%s: %q", c.name, got)
		}
	}
	for _, c := range []struct {
		name          string
		yes, expected int
		present       int // never consulted: only 应到 counts
		passes        bool
	}{
		{"5 of 应到 9, 6 present", 5, 9, 6, true},
		{"4 of 7 present, 应到 9", 4, 9, 7, false},
		{"5 of 应到 10", 5, 10, 10, false},
		{"6 of 应到 10", 6, 10, 7, true},
		{"no 应到", 3, 0, 3, false},
	} {
		if got := VotePasses(c.yes, c.expected); got != c.passes {
			t.Errorf("%s: %v", c.name, got)
		}
	}
	// From attendance rows: 应到 is every 正式党员 on the roster, those on
	// leave and absent included; 预备党员 come but do not vote.
	var rows []Attendance
	for i := 0; i < 9; i++ {
		state := Present
		if i >= 4 {
			state = OnLeave
		}
		rows = append(rows, Attendance{MemberID: int64(i + 1), Name: fmt.Sprint("党员", i), Standing: StandingFull, State: state, Reason: "出差"})
	}
	rows = append(rows, Attendance{MemberID: 10, Name: "预备", Standing: StandingProbationary, State: Present})
	m := Meeting{Kind: KindGeneralMeeting, Attendance: rows}
	if msg := m.QuorumProblem(); !strings.Contains(msg, "4 名") || !strings.Contains(msg, "应到 9 名") {
		t.Errorf("4 voting of 9 (+1 预备): %q", msg)
	}
	m.Attendance[4].State = Present
	if msg := m.QuorumProblem(); msg != "" {
		t.Errorf("5 of 9: %q", msg)
	}
	// Without rows (imported minutes) the sheet's 应到/实到 are used.
	if msg := (Meeting{Kind: KindGeneralMeeting, Expected: 9, Present: 4}).QuorumProblem(); msg == "" {
		t.Error("imported 4 of 9 quorate")
	}
	m.Attendance[4].State = OnLeave
	is := CheckMeeting(&Meeting{UnitID: 1, Kind: KindGeneralMeeting, Date: today, Attendance: rows}, false, today)
	if len(is.Errors) != 0 || len(is.Warnings) == 0 {
		t.Errorf("quorum is a warning, not an error: %+v", is)
	}
}

func TestReviewTransitionsAndWhoMay(t *testing.T) {
	o := newMeetingOrg(t)
	s := o.s
	office := Role{Office: true}
	branch1 := Role{BranchID: o.b1.ID}
	branch2 := Role{BranchID: o.b2.ID}
	branchOf := func(id int64) int64 { return s.BranchOf(ctx, id) }

	// Pure rules first.
	draft := Meeting{UnitID: o.g1.ID, Status: StatusDraft}
	for _, c := range []struct {
		name    string
		role    Role
		m       Meeting
		to, cmt string
		ok      bool
	}{
		{"branch submits its group's draft", branch1, draft, StatusSubmitted, "", true},
		{"other branch cannot submit", branch2, draft, StatusSubmitted, "", false},
		{"office submits on the branch's behalf", office, draft, StatusSubmitted, "", true},
		{"branch cannot approve", branch1, Meeting{UnitID: o.b1.ID, Status: StatusSubmitted}, StatusApproved, "", false},
		{"branch cannot return", branch1, Meeting{UnitID: o.b1.ID, Status: StatusSubmitted}, StatusReturned, "请补充", false},
		{"office approves", office, Meeting{UnitID: o.b1.ID, Status: StatusSubmitted}, StatusApproved, "", true},
		{"office returns without comment", office, Meeting{UnitID: o.b1.ID, Status: StatusSubmitted}, StatusReturned, "  ", false},
		{"office returns with comment", office, Meeting{UnitID: o.b1.ID, Status: StatusSubmitted}, StatusReturned, "请补充决议", true},
		{"draft cannot be approved", office, draft, StatusApproved, "", false},
		{"returned can be resubmitted", branch1, Meeting{UnitID: o.b1.ID, Status: StatusReturned}, StatusSubmitted, "", true},
		{"approved is final", office, Meeting{UnitID: o.b1.ID, Status: StatusApproved}, StatusReturned, "改", false},
		{"submitted cannot be submitted again", branch1, Meeting{UnitID: o.b1.ID, Status: StatusSubmitted}, StatusSubmitted, "", false},
	} {
		if err := c.role.Transition(c.m, c.to, c.cmt, branchOf); (err == nil) != c.ok {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	for _, c := range []struct {
		name   string
		role   Role
		status string
		unit   int64
		ok     bool
	}{
		{"branch edits own draft", branch1, StatusDraft, o.g1.ID, true},
		{"branch edits own returned", branch1, StatusReturned, o.b1.ID, true},
		{"other branch cannot edit", branch2, StatusDraft, o.b1.ID, false},
		{"submitted is locked", branch1, StatusSubmitted, o.b1.ID, false},
		{"submitted is locked for the office too", office, StatusSubmitted, o.b1.ID, false},
		{"approved is locked", office, StatusApproved, o.b1.ID, false},
	} {
		if err := c.role.CanEdit(Meeting{UnitID: c.unit, Status: c.status}, branchOf); (err == nil) != c.ok {
			t.Errorf("%s: %v", c.name, err)
		}
	}

	// Through the store.
	s.SetOperator(ctx, "第一支部书记")
	m, _, err := s.SaveMeeting(ctx, RoleOffice, Meeting{UnitID: o.b1.ID, Kind: KindCommittee, Date: MustDate("2026-11-10"), Topic: "研究发展党员"})
	if err != nil {
		t.Fatal(err)
	}
	// Submission needs the full record.
	_, err = s.Review(ctx, m.ID, branch1, StatusSubmitted, "")
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.For("place")) == 0 || len(ve.For("host")) == 0 || len(ve.For("recorder")) == 0 ||
		len(ve.For("content")) == 0 || len(ve.For("attendance")) == 0 {
		t.Fatalf("incomplete submission: %v", err)
	}
	m.Place, m.Host, m.Recorder, m.Content, m.Expected, m.Present = "会议室", "赵书记", "钱委员", "研究了两名发展对象。", 2, 2
	if m, _, err = s.SaveMeeting(ctx, RoleOffice, m); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Review(ctx, m.ID, branch2, StatusSubmitted, ""); err == nil {
		t.Fatal("another branch submitted")
	}
	m, err = s.Review(ctx, m.ID, branch1, StatusSubmitted, "")
	if err != nil || m.Status != StatusSubmitted || m.SubmitBy != "第一支部书记" || m.SubmitAt == "" {
		t.Fatalf("submit: %+v %v", m, err)
	}
	// Locked: no edit, no delete, no approval by the branch.
	m.Topic = "改了主题"
	if _, _, err := s.SaveMeeting(ctx, RoleOffice, m); err == nil {
		t.Fatal("submitted minutes edited")
	}
	if err := s.DeleteMeeting(ctx, RoleOffice, m.ID); err == nil {
		t.Fatal("submitted minutes deleted")
	}
	if _, err := s.Review(ctx, m.ID, branch1, StatusApproved, ""); err == nil {
		t.Fatal("branch approved")
	}
	s.SetOperator(ctx, "总支办公室")
	if _, err := s.Review(ctx, m.ID, office, StatusReturned, ""); err == nil {
		t.Fatal("returned without a comment")
	}
	m, err = s.Review(ctx, m.ID, office, StatusReturned, "请写明表决结果")
	if err != nil || m.Status != StatusReturned || m.Comment != "请写明表决结果" || m.ReviewBy != "总支办公室" {
		t.Fatalf("return: %+v %v", m, err)
	}
	// Returned: editable again, then resubmitted and approved.
	m.Resolution = "同意两名同志列为发展对象（5 票赞成）"
	if m, _, err = s.SaveMeeting(ctx, RoleOffice, m); err != nil || m.Status != StatusReturned || m.Comment != "请写明表决结果" {
		t.Fatalf("edit returned: %+v %v", m, err)
	}
	s.SetOperator(ctx, "第一支部书记")
	if m, err = s.Review(ctx, m.ID, branch1, StatusSubmitted, ""); err != nil {
		t.Fatal(err)
	}
	s.SetOperator(ctx, "总支办公室")
	if m, err = s.Review(ctx, m.ID, office, StatusApproved, ""); err != nil || m.Status != StatusApproved {
		t.Fatalf("approve: %+v %v", m, err)
	}
	if _, err := s.Review(ctx, m.ID, office, StatusReturned, "再改"); err == nil {
		t.Fatal("approved minutes returned")
	}
	// Who and when are in the audit log, step by step.
	es, _ := s.AuditEntries(ctx, AuditFilter{Entity: EntityMeeting})
	var steps []string
	for i := len(es) - 1; i >= 0; i-- {
		if st := es[i].Field("status"); es[i].Action == ActionUpdate && strings.Contains(es[i].Before, `"status"`) {
			steps = append(steps, es[i].Operator+":"+st)
		}
	}
	if got := strings.Join(steps, " "); !strings.Contains(got, "第一支部书记:已提交 总支办公室:退回") || !strings.HasSuffix(got, "总支办公室:已审核") {
		t.Errorf("audit trail: %s", got)
	}
	// A new record copied from approved minutes starts as a clean draft.
	cp := m
	cp.ID, cp.Date = 0, MustDate("2026-11-20")
	cp, _, err = s.SaveMeeting(ctx, RoleOffice, cp)
	if err != nil || cp.Status != StatusDraft || cp.ReviewBy != "" || cp.Comment != "" || cp.SubmitBy != "" {
		t.Fatalf("copy: %+v %v", cp, err)
	}
	// Saving a draft unchanged (empty attendance, as a form sends it) writes no audit row.
	before, _ := s.AuditEntries(ctx, AuditFilter{Entity: EntityMeeting})
	cp.Attendance = []Attendance{}
	if _, _, err := s.SaveMeeting(ctx, RoleOffice, cp); err != nil {
		t.Fatal(err)
	}
	if after, _ := s.AuditEntries(ctx, AuditFilter{Entity: EntityMeeting}); len(after) != len(before) {
		t.Errorf("no-op autosave audited: %d → %d", len(before), len(after))
	}
}

func TestTemplateFillsOnlyEmptyFields(t *testing.T) {
	s := openTest(t)
	ts, err := s.Templates(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]MeetingTemplate{}
	for _, tp := range ts {
		kinds[tp.Kind] = tp
	}
	for _, k := range MeetingKinds {
		if _, ok := kinds[k]; !ok {
			t.Errorf("no template for %s", k)
		}
	}
	lesson := kinds[KindLesson]
	if !strings.Contains(lesson.Content, "主讲人") || !strings.Contains(kinds[KindLifeMeeting].Content, "批评与自我批评") {
		t.Errorf("templates: %+v", lesson)
	}
	// A new record takes everything, kind included.
	m := lesson.Apply(Meeting{UnitID: 1, Date: today})
	if m.Kind != KindLesson || m.Agenda != lesson.Agenda || m.Content != lesson.Content {
		t.Errorf("fresh: %+v", m)
	}
	// What was typed stays; blanks (spaces only) are filled.
	typed := Meeting{Kind: KindCommittee, Agenda: "一、研究发展党员", Content: "   ", Resolution: "同意"}
	m = lesson.Apply(typed)
	if m.Kind != KindCommittee || m.Agenda != "一、研究发展党员" || m.Content != lesson.Content || m.Resolution != "同意" {
		t.Errorf("typed: %+v", m)
	}
	// An office's own template.
	tp, err := s.SaveTemplate(ctx, MeetingTemplate{Kind: KindThemeDay, Name: "七一主题党日", Agenda: "一、重温入党誓词\n二、过政治生日"})
	if err != nil {
		t.Fatal(err)
	}
	if got := tp.Apply(Meeting{}); got.Kind != KindThemeDay || !strings.Contains(got.Agenda, "政治生日") || got.Content != "" {
		t.Errorf("own template: %+v", got)
	}
	if _, err := s.SaveTemplate(ctx, MeetingTemplate{Kind: KindThemeDay}); err == nil {
		t.Error("template without a name saved")
	}
}

// newPartyMember saves a member of a branch (and group).
func newPartyMember(t *testing.T, s *Store, name string, branch, group int64, standing, join, full string) Member {
	t.Helper()
	m := Member{Name: name, Sex: "男", Standing: standing, Status: StatusNormal, BranchID: branch, GroupID: group, JoinDate: MustDate(join)}
	if full != "" {
		m.FullDate = MustDate(full)
	}
	m, _, err := s.SaveMember(ctx, RoleOffice, m)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

func names(rows []Attendance) string {
	var out []string
	for _, a := range rows {
		out = append(out, a.Name)
	}
	return strings.Join(out, " ")
}

func TestAttendanceStaysAfterMemberLeaves(t *testing.T) {
	o := newMeetingOrg(t)
	s := o.s
	zhao := newPartyMember(t, s, "赵书记", o.b1.ID, 0, StandingFull, "2000-07-01", "2001-07-01")
	mover := newPartyMember(t, s, "钱调动", o.b1.ID, o.g1.ID, StandingFull, "2010-07-01", "2011-07-01")
	leaver := newPartyMember(t, s, "孙转出", o.b1.ID, o.g2.ID, StandingFull, "2012-07-01", "2013-07-01")
	prob := newPartyMember(t, s, "李预备", o.b1.ID, 0, StandingProbationary, "2026-01-10", "")
	late := newPartyMember(t, s, "周新来", o.b1.ID, 0, StandingFull, "2015-07-01", "2016-07-01")
	late.TransferInDate = MustDate("2026-09-01") // came from another organisation in September
	if _, _, err := s.SaveMember(ctx, RoleOffice, late); err != nil {
		t.Fatal(err)
	}
	// 赵书记's post is tied to the member.
	sec := o.secretary
	sec.MemberID = zhao.ID
	if _, err := s.SavePost(ctx, RoleOffice, sec); err != nil {
		t.Fatal(err)
	}
	day := MustDate("2026-05-10")
	roll, err := s.RosterOn(ctx, o.b1.ID, day)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(roll); !strings.Contains(got, "钱调动") || !strings.Contains(got, "孙转出") || strings.Contains(got, "周新来") || len(roll) != 4 {
		t.Fatalf("roster on %s: %s", day, got)
	}
	for i := range roll {
		switch roll[i].Name {
		case "孙转出":
			roll[i].State, roll[i].Reason = OnLeave, "出差"
		case "李预备":
			if roll[i].Standing != StandingProbationary {
				t.Errorf("李预备 %+v", roll[i])
			}
		case "赵书记":
			if !roll[i].Committee {
				t.Errorf("书记 not on the committee: %+v", roll[i])
			}
		}
	}
	m, _, err := s.SaveMeeting(ctx, RoleOffice, Meeting{UnitID: o.b1.ID, Kind: KindGeneralMeeting, Date: day, Topic: "五月党员大会", Attendance: roll})
	if err != nil {
		t.Fatal(err)
	}
	if m.Expected != 4 || m.Present != 3 || m.OnLeave != 1 {
		t.Fatalf("tally %+v", m)
	}
	// Then: 钱调动 moves to 第二支部, 孙转出 leaves the organisation, 李预备 becomes full.
	for _, e := range []MemberEvent{
		{MemberID: mover.ID, Kind: EventMove, Date: MustDate("2026-06-01"), BranchID: o.b2.ID},
		{MemberID: leaver.ID, Kind: EventTransferOut, Date: MustDate("2026-07-01"), To: "中共某市某局机关党委"},
		{MemberID: prob.ID, Kind: EventFull, Date: MustDate("2026-07-15")},
	} {
		if _, _, err := s.RecordEvent(ctx, RoleOffice, e); err != nil {
			t.Fatalf("%s: %v", e.Kind, err)
		}
	}
	// The minutes are as recorded: history is not rewritten.
	again, err := s.Meeting(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if names(again.Attendance) != names(roll) || again.Expected != 4 || again.OnLeave != 1 {
		t.Fatalf("reloaded %+v", again)
	}
	for i, a := range again.Attendance {
		if a != roll[i] {
			t.Errorf("row %d: %+v, recorded %+v", i, a, roll[i])
		}
	}
	// The roster of that day still has them; a later day's does not.
	roll2, _ := s.RosterOn(ctx, o.b1.ID, day)
	if names(roll2) != names(roll) {
		t.Errorf("roster on %s after the events: %s", day, names(roll2))
	}
	for _, a := range roll2 {
		if a.Name == "李预备" && a.Standing != StandingProbationary {
			t.Errorf("standing rewritten: %+v", a)
		}
	}
	later, _ := s.RosterOn(ctx, o.b1.ID, MustDate("2026-10-01"))
	if got := names(later); strings.Contains(got, "钱调动") || strings.Contains(got, "孙转出") || !strings.Contains(got, "周新来") {
		t.Errorf("roster on 10-01: %s", got)
	}
	for _, a := range later {
		if a.Name == "李预备" && a.Standing != StandingFull {
			t.Errorf("李预备 on 10-01: %+v", a)
		}
	}
	// 第二支部's roster has the mover from the move on, not before.
	if got := names(mustRoster(t, s, o.b2.ID, day)); strings.Contains(got, "钱调动") {
		t.Errorf("第二支部 on %s: %s", day, got)
	}
	if got := names(mustRoster(t, s, o.b2.ID, MustDate("2026-06-01"))); !strings.Contains(got, "钱调动") {
		t.Errorf("第二支部 on the move day: %s", got)
	}
	// The group's roster follows the group membership of the day.
	if got := names(mustRoster(t, s, o.g1.ID, day)); got != "钱调动" {
		t.Errorf("一组 on %s: %s", day, got)
	}
	if got := names(mustRoster(t, s, o.g2.ID, MustDate("2026-08-01"))); got != "" {
		t.Errorf("二组 on 08-01: %s", got)
	}
	// Their own record still lists the meeting.
	recs, rate, err := s.MemberMeetings(ctx, leaver.ID, Date{}, Date{})
	if err != nil || len(recs) != 1 || recs[0].State != OnLeave || rate != 0 {
		t.Errorf("孙转出's record: %+v %v %v", recs, rate, err)
	}
	recs, rate, _ = s.MemberMeetings(ctx, mover.ID, MustDate("2026-01-01"), MustDate("2026-12-31"))
	if len(recs) != 1 || rate != 1 {
		t.Errorf("钱调动's record: %+v %v", recs, rate)
	}
	// A member listed twice is refused, not a database error.
	dup := Meeting{UnitID: o.b1.ID, Kind: KindCommittee, Date: day, Attendance: []Attendance{roll[0], roll[0]}}
	if _, _, err := s.SaveMeeting(ctx, RoleOffice, dup); !errors.As(err, new(*ValidationError)) {
		t.Errorf("duplicate attendance: %v", err)
	}
}

func mustRoster(t *testing.T, s *Store, unit int64, day Date) []Attendance {
	t.Helper()
	r, err := s.RosterOn(ctx, unit, day)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSearchMeetingsWordsAndPhrases(t *testing.T) {
	o := newMeetingOrg(t)
	s := o.s
	ms := o.meetings(t,
		Meeting{UnitID: o.b1.ID, Kind: KindLesson, Date: MustDate("2026-03-05"), Topic: "专题党课：学习党章",
			Content: "书记讲授党课，全体党员认真学习了党章，结合工作实际开展讨论。"},
		Meeting{UnitID: o.b1.ID, Kind: KindThemeDay, Date: MustDate("2026-04-10"), Topic: "主题党日活动",
			Content: "组织党员到社区开展志愿服务，重温入党誓词。", Resolution: "每季度开展1次志愿服务"},
		Meeting{UnitID: o.b1.ID, Kind: KindCommittee, Date: MustDate("2026-05-12"), Topic: "研究发展党员工作",
			Content: "支委会研究确定2名入党积极分子为发展对象。第3次会议讨论了党费收缴。", Resolution: "同意列为发展对象"},
		Meeting{UnitID: o.b2.ID, Kind: KindLifeMeeting, Date: MustDate("2026-01-20"), Topic: "2025年度组织生活会",
			Content: "开展批评与自我批评，查摆问题，明确整改措施。"},
	)
	find := func(q string) []int64 {
		t.Helper()
		ids, err := s.SearchMeetings(ctx, q)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		return ids
	}
	for _, c := range []struct {
		q    string
		want []int // indexes into ms
	}{
		{"党课", []int{0}}, // two characters
		{"党章", []int{0}},
		{"党员", []int{0, 1, 2}},
		{"志愿服务", []int{1}}, // a phrase
		{"重温入党誓词", []int{1}},
		{"发展对象", []int{2}}, // in 内容 and 决议
		{"批评与自我批评", []int{3}},
		{"学习 党章", []int{0}}, // several words, all must appear
		{"党员 志愿", []int{1}},
		{"党员 批评", nil},
		{"学习党章", []int{0}},    // the topic's phrase
		{"党章学习", nil},         // not the same phrase
		{"党", []int{0, 1, 2}}, // one character: scanned
		{"2025年度", []int{3}},  // digits and Han in one word
		{"第3次", []int{2}},
		{"1次", []int{1}},
		{"组织生活会", []int{3}},
		{"ＳＯＳ", nil},
		{"第%次", nil}, // % is no wildcard
		{"第_次", nil},
		{"", nil},
	} {
		got := find(c.q)
		want := map[int64]bool{}
		for _, i := range c.want {
			want[ms[i].ID] = true
		}
		ok := len(got) == len(want)
		for _, id := range got {
			ok = ok && want[id]
		}
		if !ok {
			t.Errorf("search %q = %v, want %v", c.q, got, c.want)
		}
	}
	// Edits reindex; deleted minutes are not found.
	m := ms[3]
	m.Content = "查摆问题，制定整改清单。"
	if _, _, err := s.SaveMeeting(ctx, RoleOffice, m); err != nil {
		t.Fatal(err)
	}
	if len(find("批评")) != 0 || len(find("整改清单")) != 1 {
		t.Error("edit not reindexed")
	}
	if err := s.DeleteMeeting(ctx, RoleOffice, m.ID); err != nil {
		t.Fatal(err)
	}
	if len(find("整改清单")) != 0 {
		t.Error("deleted minutes found")
	}
}

func TestImportMeetingFiledAsReviewed(t *testing.T) {
	o := newMeetingOrg(t)
	s := o.s
	s.SetOperator(ctx, "导入员")
	m := Meeting{UnitID: o.b1.ID, Kind: KindGeneralMeeting, Date: MustDate("2019-03-12"), Topic: "学习 十九大精神", Expected: 9, Present: 7,
		Status: StatusSubmitted, ReviewBy: "冒名"}
	var saved Meeting
	err := s.Write(ctx, func(tx *Tx) error {
		var err error
		if saved, _, err = tx.ImportMeeting(RoleOffice, m, true, "历史纪要导入（台账 第 3 行）"); err != nil {
			return err
		}
		dup, err := tx.MeetingExists(o.b1.ID, m.Date, m.Kind, "学习十九大精神")
		if err != nil || !dup {
			return fmt.Errorf("exists %v %v", dup, err)
		}
		other, err := tx.MeetingExists(o.b1.ID, m.Date, KindLesson, m.Topic)
		if err != nil || other {
			return fmt.Errorf("other kind exists %v %v", other, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Meeting(ctx, saved.ID)
	if got.Status != StatusApproved || got.ReviewBy != "导入员" || got.Comment != "历史纪要导入（台账 第 3 行）" || got.SubmitBy != "" {
		t.Fatalf("imported %+v", got)
	}
	if ok, _ := s.MeetingExists(ctx, o.b1.ID, m.Date, m.Kind, "学习十九大精神"); !ok {
		t.Error("read-side MeetingExists")
	}
	if _, err := s.VerifyAudit(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestTally(t *testing.T) {
	att := []Attendance{
		{Standing: StandingFull, Committee: true, State: Present},
		{Standing: StandingFull, Committee: true, State: OnLeave},
		{Standing: StandingFull, State: Present},
		{Standing: StandingProbationary, State: Present},
		{Standing: StandingFull, State: Absent},
		{Standing: StandingProbationary, Committee: false, State: Absent},
	}
	got := Meeting{Attendance: att}.Tally()
	want := Tally{Present: 3, OnLeave: 1, Absent: 2, VotingExpected: 4, VotingPresent: 2, Committee: 2, CommitteePresent: 1}
	if got != want {
		t.Errorf("Tally = %+v, want %+v", got, want)
	}
	if (Meeting{}).Tally() != (Tally{}) {
		t.Error("empty attendance")
	}
}

// TestTemplatesListedInKindOrder: templates come in the order of
// MeetingKinds, each kind's default first, whatever order they were added.
func TestTemplatesListedInKindOrder(t *testing.T) {
	s := openTest(t)
	for _, tp := range []MeetingTemplate{
		{Kind: KindLesson, Name: "专题党课：党史"},
		{Kind: KindGeneralMeeting, Name: "选举大会"},
		{Kind: KindGeneralMeeting, Name: "接收预备党员大会"},
	} {
		if err := s.Write(ctx, func(tx *Tx) error { _, err := tx.SaveTemplate(tp); return err }); err != nil {
			t.Fatal(err)
		}
	}
	ts, err := s.Templates(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	rank := map[string]int{}
	for i, k := range MeetingKinds {
		rank[k] = i
	}
	var names []string
	for i, tp := range ts {
		names = append(names, tp.Name)
		if i > 0 && rank[ts[i-1].Kind] > rank[tp.Kind] {
			t.Errorf("%s (%s) listed before %s (%s)", ts[i-1].Name, ts[i-1].Kind, tp.Name, tp.Kind)
		}
	}
	want := []string{"支部党员大会（通用）", "接收预备党员大会", "选举大会"}
	if len(names) < 3 || strings.Join(names[:3], "、") != strings.Join(want, "、") {
		t.Errorf("first templates %v, want %v", names, want)
	}
	gm, _ := s.Templates(ctx, KindGeneralMeeting)
	if len(gm) != 3 || gm[0].Name != "支部党员大会（通用）" {
		t.Errorf("支部党员大会 templates %+v", gm)
	}
}
