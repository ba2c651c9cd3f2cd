package demo

import "testing"

// TestIntegrityCheckAfterLoad: a store that checked its file, then loaded
// the demo, still finds it sound — the read pool's cached full-text index
// structure used to make FTS5's check report a false "checksum mismatch".
func TestIntegrityCheckAfterLoad(t *testing.T) {
	s := openStore(t)
	if err := s.IntegrityCheck(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.VerifyAudit(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(ctx, s, Options{Seed: 1, Members: MinMembers, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(); err != nil {
		t.Errorf("after the load: %v", err)
	}
	if _, err := s.VerifyAudit(ctx); err != nil {
		t.Errorf("after the load: %v", err)
	}
}
