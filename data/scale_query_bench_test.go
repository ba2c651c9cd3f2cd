package data

import (
	"database/sql"
	"testing"

	"dangjian/internal/peakrss"
)

// Issue 17, narrow queries: benchmarks over the generated 100,000-member
// database of statsBenchStore. Run with
//	go test -tags migrated_fynedo -run '^$' -bench Scale -benchtime 1x -p 1 ./data/

// BenchmarkScaleChecklistScore is `checklist score` at 100k: every
// branch's checklist and task scores (goal ≤ 0.5 s).
func BenchmarkScaleChecklistScore(b *testing.B) {
	s := statsBenchStore(b)
	b.ResetTimer()
	defer reportCPU(b)()
	peakrss.Reset()
	var n int
	for i := 0; i < b.N; i++ {
		sc, err := s.Scores(ctx, 2026)
		if err != nil {
			b.Fatal(err)
		}
		n = len(sc)
	}
	b.ReportMetric(peakrss.PeakMB(), "peak-MB")
	b.ReportMetric(float64(n), "branches")
}

// BenchmarkScaleMembersSearch is one `members search` call at 100k: the
// database finds the rows with the stored keys and reads the listed
// columns of the hits (goal ≤ 0.3 s, ≤ 150 MB).
func BenchmarkScaleMembersSearch(b *testing.B) {
	s := statsBenchStore(b)
	b.ResetTimer()
	defer reportCPU(b)()
	peakrss.Reset()
	var n int
	for i := 0; i < b.N; i++ {
		rows, err := s.SearchMembers(ctx, MemberFilter{Roster: RosterAll}, "zhangw", 0)
		if err != nil {
			b.Fatal(err)
		}
		n = len(rows)
	}
	b.ReportMetric(peakrss.PeakMB(), "peak-MB")
	b.ReportMetric(float64(n), "hits")
}

// BenchmarkScaleMembersSearchFloor is the floor: SQLite's LIKE over the
// same columns, reading the same columns of the hits.
func BenchmarkScaleMembersSearchFloor(b *testing.B) {
	s := statsBenchStore(b)
	b.ResetTimer()
	defer reportCPU(b)()
	peakrss.Reset()
	var n int
	for i := 0; i < b.N; i++ {
		n = 0
		err := s.read(func(db *sql.DB) error {
			rows, err := db.QueryContext(ctx, memberRowSelect+`name_sort_pinyin FROM members WHERE deleted_at IS NULL AND
				(name LIKE ?1 OR former_name LIKE ?1 OR id_number LIKE ?1 OR phone LIKE ?1 OR staff_no LIKE ?1)`, "%张伟%")
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var r MemberRow
				if err := rows.Scan(&r.ID, &r.BranchID, &r.GroupID, &r.Name, &r.FormerName, &r.Sex, &r.IDNumber, &r.Phone,
					&r.StaffNo, &r.Standing, &r.Status, &r.Category, &r.Education, &r.BirthDate, &r.JoinDate, &r.pinyin,
					&r.NameKey); err != nil {
					return err
				}
				n++
			}
			return rows.Err()
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(peakrss.PeakMB(), "peak-MB")
	b.ReportMetric(float64(n), "hits")
}

// BenchmarkScaleSearchMatch is the matching of one keystroke of the 党员档案 search box
// at 100k: the loaded list rows matched against the query in memory,
// every row each time (the first keystroke; later ones narrow the
// previous hits). Goal < 10 ms.
func BenchmarkScaleSearchMatch(b *testing.B) {
	s := statsBenchStore(b)
	rows, err := s.MemberRows(ctx, MemberFilter{}, 0)
	if err != nil {
		b.Fatal(err)
	}
	queries := []string{"z", "zh", "zha", "zhan", "zhang", "zhangw", "zw", "138", "王", "王伟", "wangwei", "G00123"}
	b.ResetTimer()
	defer reportCPU(b)()
	hits := 0
	for i := 0; i < b.N; i++ {
		q := ParseSearch(queries[i%len(queries)])
		for j := range rows {
			if q.Match(&rows[j]) {
				hits++
			}
		}
	}
	b.ReportMetric(float64(len(rows)), "rows")
}

// BenchmarkScaleMemberRows is the 党员档案 list's full read at 100k (done
// in the background after its first page): every active member's list
// columns and search keys.
func BenchmarkScaleMemberRows(b *testing.B) {
	s := statsBenchStore(b)
	b.ResetTimer()
	defer reportCPU(b)()
	peakrss.Reset()
	var n int
	for i := 0; i < b.N; i++ {
		rows, err := s.MemberRows(ctx, MemberFilter{}, 0)
		if err != nil {
			b.Fatal(err)
		}
		n = len(rows)
	}
	b.ReportMetric(peakrss.PeakMB(), "peak-MB")
	b.ReportMetric(float64(n), "rows")
}
