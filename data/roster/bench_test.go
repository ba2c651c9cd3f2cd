package roster

import (
	"bytes"
	"testing"

	"dangjian/data"
	"dangjian/data/demo"
)

// demoRoster exports the demo generator's members with the default
// columns: a 10,000-row 花名册 as this program writes it.
func demoRoster(tb testing.TB, n int) []byte {
	tb.Helper()
	s := openStore(tb)
	if _, err := demo.Load(ctx, s, demo.Options{Members: n, Seed: 11}); err != nil {
		tb.Fatal(err)
	}
	ms, err := s.Members(ctx, data.MemberFilter{Roster: data.RosterAll})
	if err != nil {
		tb.Fatal(err)
	}
	names, err := s.UnitNames(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ExportMembers(&buf, DefaultColumns(), ms, func(id int64) string { return names[id] }, data.Today()); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkImport10000 reads, previews and applies a 10,000-row roster
// into an empty database (which creates the 党总支, branches and groups).
func BenchmarkImport10000(b *testing.B) {
	file := demoRoster(b, 10000)
	b.SetBytes(int64(len(file)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := openStore(b)
		b.StartTimer()
		sh, err := ReadBytes("花名册.xlsx", file)
		if err != nil {
			b.Fatal(err)
		}
		p, err := PlanImport(ctx, s, sh)
		if err != nil {
			b.Fatal(err)
		}
		res, err := Apply(ctx, s, sh, AllOrNothing, nil)
		if err != nil || res.Imported != 10000 || len(p.Adds) != 10000 {
			b.Fatalf("plan adds %d, result %+v rejected %v, %v", len(p.Adds), res.Imported, first(res.Rejected), err)
		}
	}
}

func first(list []Issue) []Issue {
	return list[:min(len(list), 5)]
}

// BenchmarkRead10000 is the reading step of BenchmarkImport10000 alone.
func BenchmarkRead10000(b *testing.B) {
	file := demoRoster(b, 10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ReadBytes("花名册.xlsx", file); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlan10000 is the preview of a 10,000-row roster into an empty
// database, which Apply repeats inside its transaction.
func BenchmarkPlan10000(b *testing.B) {
	file := demoRoster(b, 10000)
	sh, _ := ReadBytes("x.xlsx", file)
	s := openStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := PlanImport(ctx, s, sh); err != nil {
			b.Fatal(err)
		}
	}
}
