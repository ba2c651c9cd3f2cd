package data

import (
	"strings"
	"testing"
)

func devRecs(pairs ...any) []DevStepRecord {
	var out []DevStepRecord
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, DevStepRecord{Step: pairs[i].(int), Date: MustDate(pairs[i+1].(string))})
	}
	return out
}

// TestDevTodoEdges: each kind of development reminder at its edge dates.
func TestDevTodoEdges(t *testing.T) {
	c := DevCandidate{ID: 7, Name: "孙小明", BranchID: 3, ApplyDate: MustDate("2026-03-01")}
	throughApproval := devRecs(1, "2025-03-01", 2, "2025-03-20", 3, "2025-03-25", 5, "2025-04-01", 6, "2025-09-20",
		7, "2025-03-26", 9, "2025-04-02", 10, "2025-04-03", 11, "2025-04-04", 14, "2025-04-05",
		15, "2025-09-01", 17, "2025-10-15")
	cases := []struct {
		name  string
		steps []DevStepRecord
		day   string
		sev   string // "" = no item
		due   string
		title []string
	}{
		// 谈话 within a month of the application (due 2026-04-01), soon 14 days ahead.
		{"talk quiet", nil, "2026-03-17", "", "", nil},
		{"talk soon", nil, "2026-03-18", SeveritySoon, "2026-04-01", []string{"申请入党 孙小明", "第 2 步", "2026年4月1日"}},
		{"talk last day", nil, "2026-04-01", SeveritySoon, "2026-04-01", nil},
		{"talk late", nil, "2026-04-02", SeverityOverdue, "2026-04-01", []string{"已逾期 1 天"}},
		// 上级党委 approval within 3 months of the vote (2025-09-01 → 2025-12-01).
		{"approval quiet", throughApproval[:11], "2025-11-16", "", "", nil},
		{"approval soon", throughApproval[:11], "2025-11-17", SeveritySoon, "2025-12-01", []string{"发展对象", "第 17 步"}},
		{"approval late", throughApproval[:11], "2025-12-02", SeverityOverdue, "2025-12-01", []string{"第 17 步"}},
		// A 预备党员 with nothing recorded after step 17: probation ends
		// 2026-09-01, the 转正 application is due then (30 days ahead).
		{"probation quiet", throughApproval, "2026-08-01", "", "", nil},
		{"probation soon", throughApproval, "2026-08-02", SeveritySoon, "2026-09-01", []string{"预备党员 孙小明", "第 22 步"}},
		{"probation ended", throughApproval, "2026-09-02", SeverityOverdue, "2026-09-01", []string{"第 22 步"}},
		// 转正 approval not recorded 3 months after the end: a late warning of
		// another step, on the same line; due is the earlier date.
		{"full approval late", throughApproval, "2026-12-02", SeverityOverdue, "2026-09-01", []string{"第 22 步", "第 24 步", "已逾期 1 天"}},
		// Application made: the 支部大会 decides from the end of probation.
		{"vote soon", append(devRecs(22, "2026-07-25"), throughApproval...), "2026-08-02", SeveritySoon, "2026-09-01",
			[]string{"预备期将于 2026年9月1日 届满", "第 23 步"}},
		{"vote late", append(devRecs(22, "2026-07-25"), throughApproval...), "2026-09-02", SeverityOverdue, "2026-09-01",
			[]string{"预备期已于 2026年9月1日 届满"}},
		// Closed files remind nothing.
		{"full", append(devRecs(22, "2026-08-20", 23, "2026-09-05", 24, "2026-10-01", 25, "2026-10-10"), throughApproval...),
			"2027-06-01", "", "", nil},
		{"cancelled", append([]DevStepRecord{{Step: 23, Date: MustDate("2026-09-05"), Outcome: DevOutcomeCancel}}, throughApproval...),
			"2026-12-02", "", "", nil},
	}
	p := DefaultDevProcess()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			it, ok := DevTodo(p, c, tc.steps, MustDate(tc.day))
			got := ""
			if ok {
				got = it.Severity
			}
			if got != tc.sev {
				t.Fatalf("severity %q, want %q (%+v)", got, tc.sev, it)
			}
			if !ok {
				return
			}
			if it.Kind != TodoDevelopment || it.BranchID != 3 || it.Ref.Entity != EntityDevCandidate || it.Ref.ID != 7 {
				t.Errorf("item %+v", it)
			}
			if tc.due != "" && it.Due != MustDate(tc.due) {
				t.Errorf("due %s, want %s", it.Due, tc.due)
			}
			for _, s := range tc.title {
				if !strings.Contains(it.Title, s) {
					t.Errorf("title %q lacks %q", it.Title, s)
				}
			}
		})
	}
}

// TestDevStageOn: the stage as the file stood on a day.
func TestDevStageOn(t *testing.T) {
	c := DevCandidate{ApplyDate: MustDate("2025-03-01")}
	steps := devRecs(1, "2025-03-01", 3, "2025-06-01", 7, "2026-06-15", 15, "2026-09-01", 17, "2026-10-15")
	for day, want := range map[string]string{
		"2025-02-28": "", "2025-03-01": DevStageApplicant, "2025-06-01": DevStageActivist,
		"2026-06-14": DevStageActivist, "2026-06-15": DevStageCandidate, "2026-10-14": DevStageCandidate,
		"2026-10-15": DevStageProbationary,
	} {
		if got := DevStageOn(c, steps, MustDate(day)); got != want {
			t.Errorf("%s: %q, want %q", day, got, want)
		}
	}
}

// TestTodoProbationNotTwice: a 预备党员 made by a development file is
// reminded by the development provider (opening the file), one without a
// file by the roster's — never both.
func TestTodoProbationNotTwice(t *testing.T) {
	f := newDevFixture(t)
	c := f.candidate(t, "孙小明", devID("19950101", "123"))
	f.throughApproval(t, c, f.full[2].ID) // vote 2024-09-01: probation ends 2025-09-01
	file, err := f.s.DevFileOf(ctx, c.ID)
	if err != nil || file.Candidate.MemberID == 0 {
		t.Fatalf("%+v %v", file.Candidate, err)
	}
	refs := func(day string) (dev, roster []TodoItem) {
		for _, it := range todoOf(t, f.s, RoleOffice, day, TodoDevelopment, 0) {
			switch {
			case it.Ref.Entity == EntityDevCandidate && it.Ref.ID == c.ID:
				dev = append(dev, it)
			case it.Ref.Entity == EntityMember && it.Ref.ID == file.Candidate.MemberID:
				t.Errorf("%s: the roster reminds the member with a file too: %+v", day, it)
			case it.Ref.Entity == EntityMember && it.Ref.ID == f.prob.ID:
				roster = append(roster, it)
			}
		}
		return
	}
	for _, e := range []struct {
		day         string
		dev, roster string
	}{
		{"2025-08-01", "", ""}, {"2025-08-02", SeveritySoon, ""}, {"2025-09-02", SeverityOverdue, ""},
		// 钱预备 joined 2026-03-01 without a file: the roster's reminder.
		{"2027-01-29", SeverityOverdue, ""}, {"2027-01-30", SeverityOverdue, SeveritySoon}, {"2027-03-02", SeverityOverdue, SeverityOverdue},
	} {
		dev, roster := refs(e.day)
		sev := func(items []TodoItem) string {
			if len(items) > 1 {
				t.Errorf("%s: %d items", e.day, len(items))
			}
			if len(items) == 0 {
				return ""
			}
			return items[0].Severity
		}
		if got := sev(dev); got != e.dev {
			t.Errorf("%s: development %q, want %q", e.day, got, e.dev)
		}
		if got := sev(roster); got != e.roster {
			t.Errorf("%s: roster %q, want %q", e.day, got, e.roster)
		}
	}
	// A branch copy of the other branch sees neither.
	if items := todoOf(t, f.s, Role{BranchID: f.branchB}, "2025-09-02", TodoDevelopment, 0); len(items) != 0 {
		t.Errorf("branch B sees %+v", items)
	}
}

// TestDevStatsByStage: the pipeline as of a day, per branch, equals the files.
func TestDevStatsByStage(t *testing.T) {
	f := newDevFixture(t)
	c := f.candidate(t, "孙小明", devID("19950101", "123"))
	f.throughApproval(t, c, f.full[2].ID)
	a := f.candidate(t, "周积极", devID("19960202", "234"))
	f.step(t, DevStepRecord{CandidateID: a.ID, Step: 3, Date: MustDate("2024-01-10")})
	f.candidate(t, "吴申请", devID("19970303", "345"))
	if _, _, err := f.s.SaveDevCandidate(ctx, RoleOffice, DevCandidate{Name: "郑乙", IDNumber: devID("19980404", "456"),
		BranchID: f.branchB, ApplyDate: MustDate("2024-05-01")}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		day  string
		want map[string]int
		a    map[string]int
	}{
		{"2023-02-28", map[string]int{}, map[string]int{}},
		{"2023-12-31", map[string]int{DevStageApplicant: 2, DevStageActivist: 1}, map[string]int{DevStageApplicant: 2, DevStageActivist: 1}},
		{"2024-06-30", map[string]int{DevStageApplicant: 2, DevStageActivist: 1, DevStageCandidate: 1},
			map[string]int{DevStageApplicant: 1, DevStageActivist: 1, DevStageCandidate: 1}},
		{"2024-12-31", map[string]int{DevStageApplicant: 2, DevStageActivist: 1, DevStageProbationary: 1},
			map[string]int{DevStageApplicant: 1, DevStageActivist: 1, DevStageProbationary: 1}},
	} {
		st, err := f.s.Stats(ctx, StatsOptions{AsOf: MustDate(tc.day), NoScores: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(st.ByStage) != len(DevStatStages) {
			t.Errorf("%s: stages %+v", tc.day, st.ByStage)
		}
		for _, s := range DevStatStages {
			if st.ByStage.Of(s) != tc.want[s] {
				t.Errorf("%s: %s = %d, want %d", tc.day, s, st.ByStage.Of(s), tc.want[s])
			}
		}
		sum := 0
		for _, b := range st.Branches {
			sum += b.ByStage.Sum()
			if b.BranchID == f.branchA {
				for _, s := range DevStatStages {
					if b.ByStage.Of(s) != tc.a[s] {
						t.Errorf("%s: 第一车队 %s = %d, want %d", tc.day, s, b.ByStage.Of(s), tc.a[s])
					}
				}
			}
		}
		if sum != st.ByStage.Sum() {
			t.Errorf("%s: branches sum %d, total %d", tc.day, sum, st.ByStage.Sum())
		}
	}
	// One branch's scope counts its own candidates only.
	st, err := f.s.Stats(ctx, StatsOptions{AsOf: MustDate("2024-12-31"), BranchID: f.branchB, NoScores: true})
	if err != nil {
		t.Fatal(err)
	}
	if st.ByStage.Sum() != 1 || st.ByStage.Of(DevStageApplicant) != 1 {
		t.Errorf("branch B: %+v", st.ByStage)
	}
}
