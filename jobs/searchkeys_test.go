package jobs

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/mozillazg/go-pinyin"

	"dangjian/data"
	"dangjian/data/sheet"
)

// TestImportedMembersSearchByStoredKeys: members written by the demo
// generator and by a roster import are found by the database search (the
// stored pinyin keys) exactly as an index spelt afresh from their names
// finds them, and a rename after the import moves the keys along.
func TestImportedMembersSearchByStoredKeys(t *testing.T) {
	ctx := context.Background()
	demo := demoStore(t)
	dir := t.TempDir()
	d, err := ExportMembers(ctx, demo, MembersOptions{Options: Options{Out: filepath.Join(dir, "m.xlsx")}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	imported, err := data.Open(filepath.Join(dir, "imported.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer imported.Close()
	if res, err := ImportMembers(ctx, imported, d.Path, sheet.ValidOnly, nil); err != nil || res.Imported != d.Count {
		t.Fatalf("import: %v %+v", err, res)
	}
	initials := pinyin.NewArgs()
	initials.Style = pinyin.FirstLetter
	check := func(label string, s *data.Store) {
		t.Helper()
		ms, err := s.Members(ctx, data.MemberFilter{Roster: data.RosterAll})
		if err != nil || len(ms) == 0 {
			t.Fatalf("%s: %d members, %v", label, len(ms), err)
		}
		ix := data.NewSearchIndex(ms)
		seen := map[string]bool{}
		for _, m := range ms {
			full := ""
			for _, p := range pinyin.LazyPinyin(m.Name, pinyin.NewArgs()) {
				full += p
			}
			ini := ""
			for _, p := range pinyin.LazyPinyin(m.Name, initials) {
				ini += p
			}
			for _, q := range []string{ini, full, full[:min(len(full), 4)], m.Name} {
				if q == "" || seen[q] {
					continue
				}
				seen[q] = true
				rows, err := s.SearchMembers(ctx, data.MemberFilter{Roster: data.RosterAll}, q, 0)
				if err != nil {
					t.Fatal(err)
				}
				var got []int64
				for _, r := range rows {
					got = append(got, r.ID)
				}
				want := ix.Match(q)
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) || len(want) == 0 {
					t.Errorf("%s: search %q finds %v, the names spelt afresh %v", label, q, got, want)
				}
			}
		}
	}
	check("demo", demo)
	check("imported", imported)
	ms, _ := imported.Members(ctx, data.MemberFilter{})
	m := ms[0]
	m.Name = "单雄信"
	if _, _, err := imported.SaveMember(ctx, data.RoleOffice, m); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"sxx", "dxx", "shanxiongxin"} {
		if rows, err := imported.SearchMembers(ctx, data.MemberFilter{}, q, 0); err != nil || len(rows) != 1 || rows[0].ID != m.ID {
			t.Errorf("after the rename, %q finds %v %v", q, rows, err)
		}
	}
	check("renamed", imported)
}
