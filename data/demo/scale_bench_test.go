package demo_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"dangjian/data"
	"dangjian/data/demo"
	"dangjian/internal/peakrss"
)

// BenchmarkScaleDemo100000 is issue 17's `demo --members 100000` row: the
// whole generator (plan, members, minutes, development, dues, study) into a
// fresh database file, with the process's peak resident size and the CPU
// time (the machine is shared: wall time alone is noisy).
func BenchmarkScaleDemo100000(b *testing.B) { benchDemo(b, 100000) }

// BenchmarkDemoTenThousand is the same at a tenth of the size, quick enough to
// profile while working.
func BenchmarkDemoTenThousand(b *testing.B) { benchDemo(b, 10000) }

func benchDemo(b *testing.B, n int) {
	ctx := context.Background()
	asOf := data.MustDate("2026-11-27")
	peakrss.Reset()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		s, err := data.Open(filepath.Join(b.TempDir(), fmt.Sprintf("demo%d.db", i)), data.Options{})
		if err != nil {
			b.Fatal(err)
		}
		res, err := demo.Load(ctx, s, demo.Options{Members: n, Seed: 1, AsOf: asOf})
		if err != nil {
			b.Fatal(err)
		}
		if res.Members+res.History != n {
			b.Fatalf("%d + %d members, want %d", res.Members, res.History, n)
		}
		s.Close()
	}
	b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms")
	b.ReportMetric(peakrss.PeakMB(), "peak-MB")
}
