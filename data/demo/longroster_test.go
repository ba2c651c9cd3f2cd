package demo

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"dangjian/data"
)

// Branches longer than maxRoster (a demo of thousands) keep their minutes
// as totals and lists of who was away: the same seed gives the same
// minutes, the totals add up, and the lists stay within the text limit
// however long the roster (a demo of 100,000 used to fail on a leave list
// of over 20,000 characters).
func TestLongRostersDeterministicAndBounded(t *testing.T) {
	a, b := build(11, 6000, asOf), build(11, 6000, asOf)
	if len(a.meetings) != len(b.meetings) {
		t.Fatalf("%d vs %d minutes", len(a.meetings), len(b.meetings))
	}
	long := 0
	for i := range a.meetings {
		ma, mb := a.meetings[i], b.meetings[i]
		if !reflect.DeepEqual(ma.m, mb.m) || len(ma.att) != len(mb.att) {
			t.Fatalf("same seed, minutes %d differ:\n%+v\n%+v", i, ma.m, mb.m)
		}
		m := ma.m
		if ma.att != nil {
			continue
		}
		long++
		what := m.Date.String() + " " + m.Kind
		if m.Expected <= maxRoster || m.Present+m.OnLeave+m.Absent != m.Expected || 2*m.Present <= m.Expected {
			t.Errorf("%s: 应到 %d 实到 %d 请假 %d 缺席 %d", what, m.Expected, m.Present, m.OnLeave, m.Absent)
		}
		if (m.OnLeave > 0) != (m.LeaveText != "") || (m.Absent > 0) != (m.AbsentText != "") {
			t.Errorf("%s: 请假 %d %q, 缺席 %d %q", what, m.OnLeave, m.LeaveText, m.Absent, m.AbsentText)
		}
		for _, s := range []string{m.LeaveText, m.AbsentText, m.Content, m.Resolution, m.Topic} {
			if n := utf8.RuneCountInString(s); n > 4000 {
				t.Errorf("%s: %d characters: %.80s…", what, n, s)
			}
		}
		// At most maxNamed names a reason.
		for _, part := range strings.Split(m.LeaveText+"；"+m.AbsentText, "；") {
			if n := strings.Count(part, "、") + 1; n > maxNamed {
				t.Errorf("%s: %d names for one reason: %.200s", what, n, part)
			}
		}
		m.UnitID = 1 // set when written
		is := data.CheckMeeting(&m, true, asOf)
		if len(is.Errors) > 0 {
			t.Errorf("%s: %v", what, is.Errors)
		}
	}
	if long == 0 {
		t.Fatal("no long rosters at 6,000 members")
	}
	if c := build(12, 6000, asOf); reflect.DeepEqual(c.meetings[len(c.meetings)/2].m, a.meetings[len(a.meetings)/2].m) {
		t.Error("seeds 11 and 12 give the same minutes")
	}
}
