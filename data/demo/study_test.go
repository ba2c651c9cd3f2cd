package demo

import (
	"testing"

	"dangjian/data"
)

// TestDemoStudy: every demo has study records from its 党课 (the attendees
// present, no one else) and its members' own study, and a ranking with points.
func TestDemoStudy(t *testing.T) {
	forConfigs(t, func(t *testing.T, l *loaded) {
		var lesson *data.Meeting
		for i := range l.meetings {
			m := &l.meetings[i]
			if m.Kind == data.KindLesson && len(m.Attendance) > 0 && m.Date.Y == l.asOf.Y {
				lesson = m
				break
			}
		}
		if lesson == nil {
			t.Skip("no 党课 with attendance this year")
		}
		recs, err := l.s.StudyRecords(ctx, data.StudyFilter{MeetingID: lesson.ID})
		if err != nil {
			t.Fatal(err)
		}
		present := 0
		for _, a := range lesson.Attendance {
			if a.State == data.Present {
				present++
			}
		}
		if len(recs) != present || present == 0 {
			t.Errorf("党课 %s: %d records for %d present", lesson.Date, len(recs), present)
		}
		r, err := l.s.Rankings(ctx, data.RankPeriod{Year: l.asOf.Y}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Overall) == 0 || r.Overall[0].Points <= 0 || r.Study[0].Hours <= 0 {
			t.Errorf("ranking: %+v", r.Overall[:min(3, len(r.Overall))])
		}
	})
}
