package data

import (
	"errors"
	"strings"
	"testing"
)

func TestWorklistSeededAndEdited(t *testing.T) {
	s := openTest(t)
	list, err := s.Worklist(ctx)
	if err != nil || len(list) != len(DefaultWorklist()) || len(list) == 0 {
		t.Fatalf("seeded %d of %d: %v", len(list), len(DefaultWorklist()), err)
	}
	if _, err := s.SaveWorklistItem(ctx, Role{BranchID: 2}, WorklistItem{Title: "x", Category: "会议", DueDay: 1}); !errors.Is(err, ErrForbidden) {
		t.Errorf("branch edit: %v", err)
	}
	var ve *ValidationError
	if _, err := s.SaveWorklistItem(ctx, RoleOffice, WorklistItem{Title: "x", Category: "会议", Months: []int{13}, DueDay: 1}); !errors.As(err, &ve) || len(ve.For("months")) == 0 {
		t.Errorf("month 13: %v", err)
	}
	w, err := s.SaveWorklistItem(ctx, RoleOffice, WorklistItem{Title: "报送半年总结", Category: "报表", Months: []int{7, 6, 6}, DueDay: 30})
	if err != nil || w.Order != len(list) || len(w.Months) != 2 {
		t.Fatalf("add %+v %v", w, err)
	}
	w.DueDay = 15
	if _, err := s.SaveWorklistItem(ctx, RoleOffice, w); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteWorklistItem(ctx, RoleOffice, list[0].ID); err != nil {
		t.Fatal(err)
	}
	after, _ := s.Worklist(ctx)
	if len(after) != len(list) || after[len(after)-1].DueDay != 15 || after[0].ID == list[0].ID {
		t.Errorf("after edits: %+v", after)
	}
}

func TestWorklistRemindersAtMonthEdges(t *testing.T) {
	s := openTest(t)
	// Only our items: remove the shipped ones.
	list, _ := s.Worklist(ctx)
	for _, w := range list {
		if err := s.DeleteWorklistItem(ctx, RoleOffice, w.ID); err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range []WorklistItem{
		{Title: "每月支委会", Category: "会议", DueDay: 31},
		{Title: "收缴党费", Category: "党费", DueDay: 25},
		{Title: "季度报表", Category: "报表", Months: []int{3, 6, 9, 12}, DueDay: 31},
	} {
		if _, err := s.SaveWorklistItem(ctx, RoleOffice, w); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		day, want string
	}{
		// The first of a month: the month's items, due at its end.
		{"2026-03-01", "每月支委会 2026-03-31 info|收缴党费 2026-03-25 info|季度报表 2026-03-31 info"},
		// The last day of February (not a leap year): 31 → 28.
		{"2026-02-28", "每月支委会 2026-02-28 soon|收缴党费 2026-02-25 info"},
		{"2028-02-29", "每月支委会 2028-02-29 soon|收缴党费 2028-02-25 info"},
		// Within a week of the due day: 即将到期; past it: 提示 again.
		{"2026-04-24", "每月支委会 2026-04-30 soon|收缴党费 2026-04-25 soon"},
		{"2026-04-30", "每月支委会 2026-04-30 soon|收缴党费 2026-04-25 info"},
		{"2026-12-31", "每月支委会 2026-12-31 soon|收缴党费 2026-12-25 info|季度报表 2026-12-31 soon"},
		{"2027-01-01", "每月支委会 2027-01-31 info|收缴党费 2027-01-25 info"},
	} {
		var got []string
		for _, it := range todoOf(t, s, RoleOffice, c.day, TodoWorklist, 0) {
			got = append(got, strings.TrimPrefix(it.Title, "本月工作清单：")+" "+it.Due.String()+" "+it.Severity)
		}
		// SortTodo orders by severity then date: compare as sets.
		if g, w := sortedJoin(got), sortedJoin(strings.Split(c.want, "|")); g != w {
			t.Errorf("%s:\n got %s\nwant %s", c.day, g, w)
		}
	}
	// A branch copy gets the items as its own branch's.
	for _, it := range todoOf(t, s, Role{BranchID: 7}, "2026-03-01", TodoWorklist, 0) {
		if it.BranchID != 7 || it.Ref.Screen == "" {
			t.Errorf("branch item %+v", it)
		}
	}
}

func sortedJoin(s []string) string {
	c := append([]string(nil), s...)
	for i := range c {
		for j := i + 1; j < len(c); j++ {
			if c[j] < c[i] {
				c[i], c[j] = c[j], c[i]
			}
		}
	}
	return strings.Join(c, "|")
}
