package demo_test

import (
	"context"
	"path/filepath"
	"testing"

	"dangjian/data"
	"dangjian/data/demo"
)

// BenchmarkOpen10000 is the start-up cost on a 10,000-member database: take
// the writer lock, check the schema, read the settings, and build the
// organisation tree with its member counts — what the GUI does before its
// first screen appears.
func BenchmarkOpen10000(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "big.db")
	s, err := data.Open(path, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := demo.Load(ctx, s, demo.Options{Members: 10000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := data.Open(path, data.Options{})
		if err != nil {
			b.Fatal(err)
		}
		roots, err := s.OrgTree(ctx)
		if err != nil || len(roots) != 1 || roots[0].TotalMembers() < 9000 {
			b.Fatalf("tree: %v", err)
		}
		s.Close()
	}
}
