package data

import (
	"errors"
	"strings"
	"testing"
)

// auditBase is how many audit rows a new store starts with (the default
// meeting frequencies and templates it seeds); tests count from there.
func auditBase(t *testing.T, s *Store) int64 {
	t.Helper()
	es, err := s.AuditEntries(ctx, AuditFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) == 0 {
		return 0
	}
	return es[0].ID
}

// seedAudit makes a store with a handful of audited changes after the
// store's own seed rows.
func seedAudit(t *testing.T) *Store {
	t.Helper()
	s := openTest(t)
	root, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelGeneral, FullName: "中共示范公交公司总支部委员会"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"})
	if err != nil {
		t.Fatal(err)
	}
	b.ShortName = "一车队"
	if _, err := s.SaveUnit(ctx, RoleOffice, b); err != nil {
		t.Fatal(err)
	}
	if err := s.SetOperator(ctx, "李敏"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SavePost(ctx, RoleOffice, Post{UnitID: b.ID, Title: "书记", Holder: "张建国", Start: MustDate("2024-03-01")}); err != nil {
		t.Fatal(err)
	}
	return s
}

// tamper changes the database behind the store's back, as someone with a
// SQLite browser would.
func tamper(t *testing.T, s *Store, q string, args ...any) {
	t.Helper()
	markTampered(s)
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, err := s.w.Exec(q, args...); err != nil {
		t.Fatal(err)
	}
}

func TestAuditEveryChangeLogged(t *testing.T) {
	s := seedAudit(t)
	es, err := s.AuditEntries(ctx, AuditFilter{Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i := len(es) - 1; i >= 0; i-- {
		got = append(got, es[i].Entity+":"+es[i].Action)
	}
	want := "org_unit:insert org_unit:insert org_unit:update setting:insert org_post:insert"
	if strings.Join(got, " ") != want {
		t.Fatalf("log = %v\nwant %v", got, want)
	}
	upd := es[2] // org_unit update
	ch := upd.Changes()
	if len(ch) != 1 || ch[0].Field != "short_name" || ch[0].After != "一车队" {
		t.Errorf("changes = %+v", ch)
	}
	if n, err := s.VerifyAudit(ctx); err != nil || n != es[0].ID {
		t.Fatalf("verify = %d, %v", n, err)
	}
}

func TestAuditTamperDetected(t *testing.T) {
	cases := []struct {
		name    string
		do      string
		args    []any
		wantRow int64
		wantMsg string
	}{
		// ids are counted back from the last row (0 = last, -1 = the one before …).
		{"edit content", "UPDATE audit_log SET operator = '别人' WHERE id = ?", []any{-3}, -3, "内容被改动"},
		{"edit before/after", "UPDATE audit_log SET after = '{}' WHERE id = ?", []any{-2}, -2, "内容被改动"},
		{"delete middle", "DELETE FROM audit_log WHERE id = ?", []any{-2}, -1, "被删除"},
		{"delete first", "DELETE FROM audit_log WHERE id = 1", nil, 2, ""},
		{"delete last", "DELETE FROM audit_log WHERE id = ?", []any{0}, 0, "最后的记录被删除"},
		{"insert forged", `INSERT INTO audit_log(id, at, operator, entity, record_id, action, before, after, prev_hash, hash)
			SELECT id + 1, at, operator, entity, record_id, action, before, after, hash, 'x' FROM audit_log WHERE id = ?`, []any{0}, 1, ""},
		{"insert in gap", `UPDATE audit_log SET id = id + 5 WHERE id = ?`, []any{0}, 5, ""},
		{"edit hash chain head", "UPDATE audit_head SET count = 99", nil, 0, "条数不符"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := seedAudit(t)
			last := auditBase(t, s)
			args := make([]any, len(c.args))
			for i, a := range c.args {
				args[i] = last + int64(a.(int))
			}
			tamper(t, s, c.do, args...)
			_, err := s.VerifyAudit(ctx)
			var p *AuditProblem
			if !errors.As(err, &p) {
				t.Fatalf("tampering not detected: %v", err)
			}
			want := c.wantRow
			if want != 0 && c.name != "delete first" {
				want += last
			}
			if c.name == "delete last" {
				want = 0
			}
			if p.RowID != want {
				t.Errorf("first bad row = %d, want %d (%v)", p.RowID, want, err)
			}
			if !strings.Contains(err.Error(), c.wantMsg) {
				t.Errorf("message %q lacks %q", err, c.wantMsg)
			}
		})
	}
}

func TestAuditRollbackLeavesNoRow(t *testing.T) {
	s := seedAudit(t)
	before, _ := s.AuditEntries(ctx, AuditFilter{})
	err := s.Write(ctx, func(tx *Tx) error {
		if err := tx.SetSetting("x", "1"); err != nil {
			return err
		}
		return errors.New("stop")
	})
	if err == nil {
		t.Fatal("want error")
	}
	after, _ := s.AuditEntries(ctx, AuditFilter{})
	if len(after) != len(before) {
		t.Fatalf("rolled-back write left audit rows: %d → %d", len(before), len(after))
	}
	if _, err := s.VerifyAudit(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestAuditFilter(t *testing.T) {
	s := seedAudit(t)
	all := int(auditBase(t, s))
	cases := []struct {
		f    AuditFilter
		want int
	}{
		{AuditFilter{}, all},
		{AuditFilter{Operator: "李敏"}, 1}, // the post; the rename itself is logged under the old name
		{AuditFilter{Entity: EntityOrgUnit}, 3},
		{AuditFilter{From: MustDate("2026-11-27"), To: MustDate("2026-11-27")}, all},
		{AuditFilter{From: MustDate("2026-11-28")}, 0},
		{AuditFilter{To: MustDate("2026-11-26")}, 0},
		{AuditFilter{Limit: 2}, 2},
	}
	for i, c := range cases {
		es, err := s.AuditEntries(ctx, c.f)
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != c.want {
			t.Errorf("case %d: %d rows, want %d", i, len(es), c.want)
		}
	}
	ops, _ := s.AuditOperators(ctx)
	if len(ops) != 2 {
		t.Errorf("operators = %v", ops)
	}
}
