package data

import (
	"encoding/json"
	"slices"
	"strconv"
	"testing"
)

// Paging by Below lists the same rows as one long query, page after page.
func TestAuditPagesBelow(t *testing.T) {
	s := seedAudit(t)
	all, err := s.AuditEntries(ctx, AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 5 {
		t.Fatalf("only %d rows", len(all))
	}
	for _, size := range []int{1, 2, 3, len(all), len(all) + 1} {
		var got []int64
		f := AuditFilter{Limit: size}
		for {
			page, err := s.AuditEntries(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range page {
				got = append(got, e.ID)
			}
			if len(page) < size {
				break
			}
			f.Below = page[len(page)-1].ID
		}
		if len(got) != len(all) {
			t.Fatalf("pages of %d: %d rows, want %d", size, len(got), len(all))
		}
		for i, e := range all {
			if got[i] != e.ID {
				t.Fatalf("pages of %d: row %d is %d, want %d", size, i, got[i], e.ID)
			}
		}
	}
	// Below combines with the other filters.
	es, err := s.AuditEntries(ctx, AuditFilter{Entity: EntityOrgUnit, Below: all[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if e.Entity != EntityOrgUnit || e.ID >= all[0].ID {
			t.Errorf("row %d %s", e.ID, e.Entity)
		}
	}
}

// An entry from the listing (decoded once, kept) reads the same as one
// made by hand (decoded at each call): fields, lines, names and summary.
func TestAuditParsedOnceReadsTheSame(t *testing.T) {
	s := seedAudit(t)
	listed, err := s.AuditEntries(ctx, AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	names, err := s.AuditNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range listed {
		bare := e
		bare.parsed = nil
		for _, k := range append(jsonKeys(e.After), jsonKeys(e.Before)...) {
			if a, b := e.Field(k), bare.Field(k); a != b {
				t.Errorf("row %d field %s: %q vs %q", e.ID, k, a, b)
			}
			if got, want := e.Field(k), oldField(e, k); got != want {
				t.Errorf("row %d field %s = %q, decoding with floats gives %q", e.ID, k, got, want)
			}
		}
		if a, b := names.Summary(e), names.Summary(bare); a != b {
			t.Errorf("row %d summary %q vs %q", e.ID, a, b)
		}
		if a, b := names.Detail(e), names.Detail(bare); a != b {
			t.Errorf("row %d detail %q vs %q", e.ID, a, b)
		}
	}
	// Numbers read as they did when decoded as float64.
	e := AuditEntry{After: `{"a": 12, "b": 1.5, "c": 1500000, "d": "x", "e": true, "f": null, "g": [1, 2]}`, parsed: new(auditParsed)}
	for _, k := range []string{"a", "b", "c", "d", "e", "f", "g", "missing"} {
		if got, want := e.Field(k), oldField(e, k); got != want {
			t.Errorf("field %s = %q, want %q", k, got, want)
		}
	}
	// Broken JSON reads as empty, as before.
	bad := AuditEntry{After: `{"a": `, Before: `{"a": "old"}`, parsed: new(auditParsed)}
	if got := bad.Field("a"); got != "old" {
		t.Errorf("broken after image: %q", got)
	}
}

// oldField is Field as it was: both images decoded at each call, numbers
// as float64.
func oldField(e AuditEntry, key string) string {
	for _, js := range []string{e.After, e.Before} {
		var m map[string]any
		if json.Unmarshal([]byte(js), &m) == nil {
			if v, ok := m[key]; ok && v != nil {
				return fmtJSONValue(v)
			}
		}
	}
	return ""
}

// The store's names are read when first needed, deleted and renamed
// records included, and unknown IDs fall back to the number.
func TestAuditNamesByID(t *testing.T) {
	s := seedAudit(t)
	names, err := s.AuditNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := s.OrgTree(ctx)
	if err != nil || len(tree) != 1 || len(tree[0].Children) != 1 {
		t.Fatalf("tree %v %v", tree, err)
	}
	b := tree[0].Children[0].Unit
	if got := names.name(EntityOrgUnit, b.ID); got != "一车队" {
		t.Errorf("branch %d = %q", b.ID, got)
	}
	if got := names.refName(EntityOrgUnit, strconv.FormatInt(b.ID, 10)); got != "一车队" {
		t.Errorf("refName = %q", got)
	}
	if got := names.name(EntityOrgUnit, 9999); got != EntityLabel(EntityOrgUnit)+"（编号 9999）" {
		t.Errorf("unknown = %q", got)
	}
	if got := names.name("no-such-entity", 1); got == "" {
		t.Error("empty name for an unknown entity")
	}
	// Kept: a rename after the first look does not change this lookup's
	// answer (one listing reads one state).
	b.ShortName = "二车队"
	if _, err := s.SaveUnit(ctx, RoleOffice, b); err != nil {
		t.Fatal(err)
	}
	if got := names.name(EntityOrgUnit, b.ID); got != "一车队" {
		t.Errorf("after rename, same lookup = %q", got)
	}
	fresh, _ := s.AuditNames(ctx)
	if got := fresh.name(EntityOrgUnit, b.ID); got != "二车队" {
		t.Errorf("new lookup = %q", got)
	}
}

// The operator list reads only the rows added since the last call, and
// still names everyone, in order; a log that is not the one read before
// (restored, rewritten) is read again whole.
func TestAuditOperatorsIncremental(t *testing.T) {
	s := seedAudit(t)
	full := func() []string {
		var out []string
		s.mu.RLock()
		defer s.mu.RUnlock()
		rows, err := s.r.QueryContext(ctx, "SELECT DISTINCT operator FROM audit_log ORDER BY operator")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var o string
			rows.Scan(&o)
			out = append(out, o)
		}
		return out
	}
	check := func(when string) {
		t.Helper()
		got, err := s.AuditOperators(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := full(); !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", when, got, want)
		}
	}
	check("first")
	check("again")
	for _, op := range []string{"王芳", "阿依古丽", "Zhang"} {
		if err := s.SetOperator(ctx, op); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelBranch, ParentID: 1, FullName: op + "的党支部"}); err != nil {
			t.Fatal(err)
		}
		check("after " + op)
	}
	// Another log under the same store: the kept end no longer matches.
	tamper(t, s, "UPDATE audit_log SET hash = 'x', operator = '改过的人' WHERE id = (SELECT max(id) FROM audit_log)")
	check("after the log changed")
}

// A compact image leaves empty texts and dates out; the log reads it as
// the whole record: a field filled or cleared by an update is listed in
// the form's order, and Field reads a left-out key as empty.
func TestCompactImageReadsAsWhole(t *testing.T) {
	s := verifyFixture(t)
	m := validMember()
	m.IDNumber = ""
	all, err := s.Members(ctx, MemberFilter{})
	if err != nil || len(all) == 0 {
		t.Fatal(len(all), err)
	}
	m.Name, m.BranchID = "王小明", all[0].BranchID
	m.Phone, m.Remarks = "13800138000", ""
	m, _, err = s.SaveMember(ctx, RoleOffice, m)
	if err != nil {
		t.Fatal(err)
	}
	m.Phone, m.Remarks, m.FormerName = "", "调入", "张三"
	if _, _, err := s.SaveMember(ctx, RoleOffice, m); err != nil {
		t.Fatal(err)
	}
	es, err := s.AuditEntries(ctx, AuditFilter{Entity: EntityMember, RecordID: strconv.FormatInt(m.ID, 10)})
	if err != nil || len(es) != 2 {
		t.Fatalf("%d entries, %v", len(es), err)
	}
	upd, ins := es[0], es[1]
	var img map[string]any
	if err := json.Unmarshal([]byte(ins.After), &img); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"remarks", "former_name", "transfer_in_date"} {
		if _, ok := img[k]; ok {
			t.Errorf("the insert's image keeps the empty %q: %s", k, ins.After)
		}
	}
	if ins.Field("remarks") != "" || ins.Field("name") != "王小明" {
		t.Errorf("fields: remarks %q name %q", ins.Field("remarks"), ins.Field("name"))
	}
	names, err := s.AuditNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range names.Lines(upd) {
		got = append(got, l.Key+":"+l.Before+"→"+l.After)
	}
	// Member declares former_name, then phone, then remarks.
	want := []string{"former_name:→张三", "phone:13800138000→", "remarks:→调入"}
	if !slices.Equal(got, want) {
		t.Errorf("lines %v, want %v", got, want)
	}
	var ch []string
	for _, c := range upd.Changes() {
		ch = append(ch, c.Field)
	}
	if !slices.Equal(ch, []string{"former_name", "phone", "remarks"}) {
		t.Errorf("changes %v", ch)
	}
}
