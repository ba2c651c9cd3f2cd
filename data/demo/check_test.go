package demo_test

import (
	"context"
	"path/filepath"
	"testing"

	"dangjian/data"
	"dangjian/data/demo"
)

// The demo must be data the member form would accept: every dossier passes
// the same rules a user's edits go through, without errors.
func TestDemoMembersPassTheDossierRules(t *testing.T) {
	ctx := context.Background()
	s, err := data.Open(filepath.Join(t.TempDir(), "d.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	asOf := data.MustDate("2026-11-27")
	if _, err := demo.Load(ctx, s, demo.Options{Members: 600, Seed: 3, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	ms, err := s.Members(ctx, data.MemberFilter{Roster: data.RosterAll})
	if err != nil || len(ms) != 600 {
		t.Fatalf("%d members, %v", len(ms), err)
	}
	for _, m := range ms {
		before := m
		data.NormalizeMember(&m)
		is := data.CheckMember(&m, asOf)
		if len(is.Errors) > 0 {
			t.Errorf("%s (%d): %v", m.Name, m.ID, is.Errors)
		}
		if len(is.Warnings) > 0 {
			t.Logf("%s: warnings %v", m.Name, is.Warnings)
		}
		if m != before {
			t.Errorf("%s: normalising changed the stored record", m.Name)
		}
	}
}
