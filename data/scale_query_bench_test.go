package data

import (
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
