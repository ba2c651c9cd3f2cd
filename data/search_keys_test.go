package data

import (
	"bytes"
	"database/sql"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

func TestKeysOf(t *testing.T) {
	cases := []struct{ name, pinyin, initials string }{
		{"张三丰", "zhang'san'feng", "zsf"},
		{"单雄信", "shan'xiong'xin dan'xiong'xin", "sxx dxx"},
		{"曾国藩", "zeng'guo'fan ceng'guo'fan", "zgf cgf"},
		{"欧阳晓东", "ou'yang'xiao'dong", "oyxd"},
		{"阿依·买买提", "a'yi'?'mai'mai'ti", "ay?mmt"},
		{"李4", "li'?", "l?"},
		{"Mary王", "m'a'r'y'wang", "maryw"},
		{"", "", ""},
	}
	for _, c := range cases {
		k := keysOf(c.name)
		if k.pinyin != c.pinyin || k.initials != c.initials {
			t.Errorf("keysOf(%q) = %q, %q; want %q, %q", c.name, k.pinyin, k.initials, c.pinyin, c.initials)
		}
	}
	// The sort keys sort as the name orders do.
	names := []string{"张三", "章三", "李安", "李", "连", "单雄信", "曾国藩", "白", "阿依·买买提", "王"}
	for _, o := range NameOrders {
		want := slices.Clone(names)
		SortNames(want, o)
		got := slices.Clone(names)
		slices.SortStableFunc(got, func(a, b string) int {
			ka, kb := keysOf(a), keysOf(b)
			if o == OrderStrokes {
				return bytes.Compare(ka.sortStrokes, kb.sortStrokes)
			}
			return bytes.Compare(ka.sortPinyin, kb.sortPinyin)
		})
		if !slices.Equal(got, want) {
			t.Errorf("%s: stored keys sort %q, the order is %q", o, got, want)
		}
	}
}

// storedKeys reads a member's stored key columns.
func storedKeys(t *testing.T, s *Store, id int64) memberKeys {
	t.Helper()
	var k memberKeys
	var p, i sql.NullString
	err := s.read(func(db *sql.DB) error {
		return db.QueryRow("SELECT name_pinyin, name_initials, name_sort_pinyin, name_sort_strokes FROM members WHERE id = ?", id).
			Scan(&p, &i, &k.sortPinyin, &k.sortStrokes)
	})
	if err != nil {
		t.Fatal(err)
	}
	k.pinyin, k.initials = p.String, i.String
	return k
}

func sameKeys(a, b memberKeys) bool { return a.equal(b) }

func rowIDs(rows []MemberRow) []int64 {
	var out []int64
	for _, r := range rows {
		out = append(out, r.ID)
	}
	return out
}

// TestStoredKeysFollowRename: the stored keys are the name's after an
// insert and after each rename, and the search finds the new name only.
func TestStoredKeysFollowRename(t *testing.T) {
	s, b1, _, _ := memberStore(t)
	m, _, err := s.SaveMember(ctx, RoleOffice, Member{Name: "张三丰", Sex: "男", Standing: StandingFull, Status: StatusNormal, BranchID: b1.ID})
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name       string
		finds, not []string
	}{
		{"张三丰", []string{"zsf", "zhangsf", "sanfeng", "张三"}, []string{"sxx", "单"}},
		{"单雄信", []string{"sxx", "dxx", "shanxiongxin", "danxx", "xiongxin", "雄"}, []string{"zsf", "zhang", "张"}},
		{"曾国藩", []string{"zgf", "cenggf", "zengguofan"}, []string{"sxx", "shan"}},
	}
	for i, st := range steps {
		if i > 0 {
			m.Name = st.name
			if m, _, err = s.SaveMember(ctx, RoleOffice, m); err != nil {
				t.Fatal(err)
			}
		}
		if got, want := storedKeys(t, s, m.ID), keysOf(st.name); !sameKeys(got, want) {
			t.Errorf("%s: stored %+v, want %+v", st.name, got, want)
		}
		for _, q := range st.finds {
			if rows, err := s.SearchMembers(ctx, MemberFilter{Roster: RosterAll}, q, 0); err != nil || !slices.Equal(rowIDs(rows), []int64{m.ID}) {
				t.Errorf("%s: search %q = %v %v", st.name, q, rowIDs(rows), err)
			}
		}
		for _, q := range st.not {
			if rows, err := s.SearchMembers(ctx, MemberFilter{Roster: RosterAll}, q, 0); err != nil || len(rows) != 0 {
				t.Errorf("%s: search %q = %v %v, want nothing", st.name, q, rowIDs(rows), err)
			}
		}
	}
}

// searchPeople are stored by TestSearchMembersAgreesWithIndex in this order.
var searchPeople = []Member{
	{Name: "张三丰", IDNumber: "11010519491231002X", Phone: "13800138000", StaffNo: "A1024"},
	{Name: "单雄信", Phone: "13900001111"},
	{Name: "曾国藩"},
	{Name: "李四", FormerName: "李建设"},
	{Name: "张三"},
	{Name: "解缙"},
	{Name: "区伟强"},
	{Name: "百分_号", StaffNo: "x%_\\"},
}

// TestSearchMembersAgreesWithIndex: the database search (stored keys, SQL)
// finds what the in-memory match finds, for each kind of query.
func TestSearchMembersAgreesWithIndex(t *testing.T) {
	s, b1, _, _ := memberStore(t)
	var ms []Member
	for _, m := range searchPeople {
		m.Standing, m.Status, m.BranchID = StandingFull, StatusNormal, b1.ID
		m, _, err := s.SaveMember(ctx, RoleOffice, m)
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m)
	}
	ix := NewSearchIndex(ms)
	queries := []string{"", "张三", "zsf", "ZSF", "zhangsanfeng", "zhangsf", "sanfeng", "zs", "z", "zh", "shanxiongxin",
		"danxiongxin", "sxx", "dxx", "zenggf", "cenggf", "xiejin", "jiejin", "ouwq", "1231002x", "１３８００", "a1024",
		"李建设", "ljs", "王", "zsfx", "%", "_", "\\", "x%_", "bfh", "zhangsanfengx", " zhang san ", "iongxin"}
	for _, q := range queries {
		rows, err := s.SearchMembers(ctx, MemberFilter{Roster: RosterAll}, q, 0)
		if err != nil {
			t.Fatal(err)
		}
		got, want := rowIDs(rows), ix.Match(q)
		slices.Sort(got)
		slices.Sort(want)
		if len(want) == 0 {
			want = nil
		}
		if !slices.Equal(got, want) {
			t.Errorf("SearchMembers(%q) = %v, the index finds %v", q, got, want)
		}
		// The rows in memory match the same.
		all, _ := s.MemberRows(ctx, MemberFilter{Roster: RosterAll}, 0)
		sq := ParseSearch(q)
		var mem []int64
		for i := range all {
			if sq.Match(&all[i]) {
				mem = append(mem, all[i].ID)
			}
		}
		slices.Sort(mem)
		if !slices.Equal(mem, want) {
			t.Errorf("SearchQuery(%q).Match = %v, the index finds %v", q, mem, want)
		}
	}
	if rows, _ := s.SearchMembers(ctx, MemberFilter{Roster: RosterAll}, "z", 1); len(rows) != 1 {
		t.Errorf("limit 1: %d rows", len(rows))
	}
}

// TestMemberRowsOrder: rows and full records come in the order the name
// order setting asks for, as SortMembers sorts them.
func TestMemberRowsOrder(t *testing.T) {
	s, b1, _, _ := memberStore(t)
	names := []string{"张三", "章三", "李安", "李", "连", "单雄信", "曾国藩", "白", "王", "张三"}
	for _, n := range names {
		if _, _, err := s.SaveMember(ctx, RoleOffice, Member{Name: n, Standing: StandingFull, Status: StatusNormal, BranchID: b1.ID}); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range NameOrders {
		if err := s.SetSetting(ctx, SettingNameOrder, string(o)); err != nil {
			t.Fatal(err)
		}
		want := slices.Clone(names)
		SortNames(want, o)
		rows, err := s.MemberRows(ctx, MemberFilter{}, 0)
		if err != nil {
			t.Fatal(err)
		}
		ms, err := s.Members(ctx, MemberFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var got, gotFull []string
		for i := range rows {
			got = append(got, rows[i].Name)
			gotFull = append(gotFull, ms[i].Name)
		}
		if !slices.Equal(got, want) || !slices.Equal(gotFull, want) {
			t.Errorf("%s: rows %q, members %q, want %q", o, got, gotFull, want)
		}
		if first, _ := s.MemberRows(ctx, MemberFilter{}, 3); len(first) != 3 || first[2].Name != want[2] {
			t.Errorf("%s: first page %v", o, first)
		}
		byID, err := s.MembersByID(ctx, []int64{rows[3].ID, rows[0].ID, 9999})
		if err != nil || len(byID) != 2 || byID[0].ID != rows[3].ID || byID[1].ID != rows[0].ID {
			t.Errorf("MembersByID: %v %v", byID, err)
		}
	}
}

// TestMigrationFillsKeys: a database made before version 9 gets the keys
// of its members when it is upgraded, and set-based inserts get theirs
// from FillMemberKeys.
func TestMigrationFillsKeys(t *testing.T) {
	m := fstest.MapFS{}
	entries, _ := fs.ReadDir(embeddedMigrations, "migrations")
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "0009") && e.Name() < "0009" {
			b, _ := fs.ReadFile(embeddedMigrations, "migrations/"+e.Name())
			m["migrations/"+e.Name()] = &fstest.MapFile{Data: b}
		}
	}
	old := migrationFS
	// The tables a store expects are read once from the migrations in use;
	// forget them on each swap so the cut-down set expects only its own.
	swap := func(to fs.FS) {
		migrationFS = to
		expectedTablesOnce, expectedTables, expectedTablesErr = sync.Once{}, nil, nil
	}
	swap(m)
	t.Cleanup(func() { swap(old) })
	path := filepath.Join(t.TempDir(), "v8.db")
	opt := Options{Now: func() time.Time { return fixedNow }, BackupDir: t.TempDir()}
	s, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, n := range []string{"单雄信", "张三丰", ""} {
		err := s.Write(ctx, func(tx *Tx) error {
			res, err := tx.exec(`INSERT INTO members(name, standing, status, created_at, updated_at) VALUES (?, '正式党员', '正常', ?, ?)`, n, tx.at, tx.at)
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			ids = append(ids, id)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	swap(old)
	if s, err = Open(path, opt); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i, n := range []string{"单雄信", "张三丰", ""} {
		if got := storedKeys(t, s, ids[i]); !sameKeys(got, keysOf(n)) {
			t.Errorf("%q after the upgrade: %+v", n, got)
		}
	}
	err = s.Write(ctx, func(tx *Tx) error {
		_, err := tx.exec(`INSERT INTO members(name, standing, status, created_at, updated_at)
			SELECT '党员' || id, standing, status, created_at, updated_at FROM members`)
		if err != nil {
			return err
		}
		return tx.FillMemberKeys()
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.SearchMembers(ctx, MemberFilter{Roster: RosterAll}, "dangy", 0)
	if err != nil || len(rows) != 3 {
		t.Errorf("filled rows found: %v %v", rows, err)
	}
	for _, r := range rows {
		if got := storedKeys(t, s, r.ID); !sameKeys(got, keysOf(r.Name)) {
			t.Errorf("%s filled: %+v", r.Name, got)
		}
	}

}

// TestInsertMemberKeyed: keys computed ahead are stored as given when
// they are the name's, and computed afresh when they are another name's
// or missing, so the stored keys always fit the stored name.
func TestInsertMemberKeyed(t *testing.T) {
	s, b1, _, _ := memberStore(t)
	cases := []struct {
		name string
		keys NameKeys
	}{
		{"张三丰", KeysFor("张三丰")},
		{"单雄信", KeysFor("曾国藩")},
		{"欧阳晓东", NameKeys{}},
	}
	for _, c := range cases {
		var m Member
		err := s.Write(ctx, func(tx *Tx) error {
			var err error
			m, err = tx.InsertMemberKeyed(RoleOffice, Member{Name: c.name, Sex: "男", Standing: StandingFull, BranchID: b1.ID}, c.keys)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := storedKeys(t, s, m.ID), keysOf(c.name); !sameKeys(got, want) {
			t.Errorf("%s: stored %+v, want %+v", c.name, got, want)
		}
	}
}

// TestKeysRespeltWhenSpellingChanges: keys stored by a program that spelt
// them otherwise (a newer pinyin dictionary or stroke table, or our own
// spelling changed) are respelt once when the database is next opened;
// while the recorded version is this program's, opening touches nothing.
func TestKeysRespeltWhenSpellingChanges(t *testing.T) {
	// Test binaries carry no module versions; the sample's spelling stands in.
	if !strings.Contains(memberKeysVersion(), "sample ") {
		t.Errorf("the version has no sample of the spelling: %q", memberKeysVersion())
	}
	path := filepath.Join(t.TempDir(), "k.db")
	opt := Options{Now: func() time.Time { return fixedNow }}
	s, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	names := []string{"单雄信", "张三丰", "曾国藩", "阿依古丽·买买提"}
	err = s.Write(ctx, func(tx *Tx) error {
		for _, n := range names {
			m, err := tx.InsertMember(RoleOffice, Member{Name: n, Standing: StandingFull})
			if err != nil {
				return err
			}
			ids = append(ids, m.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Keys as another spelling would have stored them.
	stale := func(version string) {
		t.Helper()
		err := s.Write(ctx, func(tx *Tx) error {
			if _, err := tx.exec("UPDATE members SET name_pinyin = 'x', name_sort_strokes = x'01' WHERE id IN (?, ?)", ids[0], ids[2]); err != nil {
				return err
			}
			_, err := tx.exec("UPDATE derived_versions SET version = ? WHERE name = ?", version, derivedMemberKeys)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	reopen := func() {
		t.Helper()
		s.Close()
		if s, err = Open(path, opt); err != nil {
			t.Fatal(err)
		}
	}
	stale(memberKeysVersion())
	reopen()
	if got := storedKeys(t, s, ids[0]); got.pinyin != "x" {
		t.Errorf("keys respelt although the version is this program's: %+v", got)
	}
	stale("spelling 0; github.com/mozillazg/go-pinyin v0.1.0")
	reopen()
	defer s.Close()
	for i, n := range names {
		if got := storedKeys(t, s, ids[i]); !sameKeys(got, keysOf(n)) {
			t.Errorf("%q after reopening: %+v", n, got)
		}
	}
	var v string
	if err := s.read(func(db *sql.DB) error {
		return db.QueryRow("SELECT version FROM derived_versions WHERE name = ?", derivedMemberKeys).Scan(&v)
	}); err != nil || v != memberKeysVersion() {
		t.Errorf("recorded version %q (%v), want %q", v, err, memberKeysVersion())
	}
}
