package report

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"dangjian/data"
	"dangjian/internal/peakrss"
)

// scaleMembers makes n members for the scale benchmarks from a small demo
// set: each a copy of a demo member under its own ID and name, so the
// forms are as varied as the demo's without generating a large database.
func scaleMembers(b *testing.B, n int) ([]data.Member, demoSet) {
	ds := loadDemo(b, 200, 1)
	base := ds.members
	ms := make([]data.Member, n)
	for i := range ms {
		m := base[i%len(base)]
		m.ID = int64(i + 1)
		if k := i / len(base); k > 0 {
			m.Name += fmt.Sprint(k % 100)
		}
		ms[i] = m
	}
	return ms, ds
}

// scalePhotos gives every member a distinct photo of a realistic size,
// read as the print asks for each chunk's (as jobs reads them from the
// store): a few generated photos, each member's made distinct by a JPEG
// comment holding its ID.
func scalePhotos(b *testing.B) func(ids []int64) (map[int64][]byte, error) {
	var base [16][]byte
	for i := range base {
		base[i] = testPhoto(b, i)
	}
	return func(ids []int64) (map[int64][]byte, error) {
		out := make(map[int64][]byte, len(ids))
		for _, id := range ids {
			jpg := base[id%int64(len(base))]
			com := fmt.Appendf(nil, "member %d", id)
			p := make([]byte, 0, len(jpg)+len(com)+4)
			p = append(p, jpg[:2]...) // SOI
			p = append(p, 0xFF, 0xFE, byte((len(com)+2)>>8), byte(len(com)+2))
			p = append(p, com...)
			out[id] = append(p, jpg[2:]...)
		}
		return out, nil
	}
}

// benchmarkScaleMemberForms prints n 登记表, every member with a photo,
// and reports the time and processor time per page, the peak resident
// size (input-MB is the resident size before printing: the members and
// the test's own data) and the file's size per page.
func benchmarkScaleMemberForms(b *testing.B, n int) {
	ms, ds := scaleMembers(b, n)
	opts := MemberFormOptions{AsOf: formAsOf, Org: ds.org, UnitName: ds.unitName, LoadPhotos: scalePhotos(b)}
	runtime.GC()
	peakrss.Reset()
	base := rssMB()
	cpu0 := cpuTime()
	var size int64
	b.ResetTimer()
	for b.Loop() {
		cw := &countWriter{}
		if err := MemberForms(cw, ms, opts); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	b.StopTimer()
	pages := float64(b.N * n)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/pages, "ms/page")
	b.ReportMetric(float64(cpuTime()-cpu0)/1e6/pages, "cpu-ms/page")
	b.ReportMetric(peakrss.PeakMB(), "peak-MB")
	b.ReportMetric(base, "input-MB")
	b.ReportMetric(float64(size)/1024/float64(n), "KB/page")
}

// countWriter counts and discards what is written.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

func BenchmarkScaleMemberForms10000(b *testing.B) { benchmarkScaleMemberForms(b, 10000) }
func BenchmarkScaleMemberForms50000(b *testing.B) { benchmarkScaleMemberForms(b, 50000) }

// rssMB is the process's resident size now, in MiB.
func rssMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
