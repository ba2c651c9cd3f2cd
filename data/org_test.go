package data

import (
	"errors"
	"strings"
	"testing"
)

func mustUnit(t *testing.T, s *Store, u OrgUnit) OrgUnit {
	t.Helper()
	out, err := s.SaveUnit(ctx, RoleOffice, u)
	if err != nil {
		t.Fatalf("save %s: %v", u.FullName, err)
	}
	return out
}

func TestOrgRules(t *testing.T) {
	s := openTest(t)
	root := mustUnit(t, s, OrgUnit{Level: LevelGeneral, FullName: "中共示范公交公司总支部委员会", ShortName: "公司党总支"})
	br := mustUnit(t, s, OrgUnit{Level: LevelBranch, ParentID: root.ID, FullName: "第一车队党支部", Phone: "０５７１－８７６５４３２１"})
	if br.Kind != "党支部" || br.Phone != "0571-87654321" {
		t.Errorf("defaults/normalising: kind %q phone %q", br.Kind, br.Phone)
	}
	cases := []struct {
		name  string
		u     OrgUnit
		field string
		msg   string
	}{
		{"no name", OrgUnit{Level: LevelBranch, ParentID: root.ID}, "full_name", "请填写全称"},
		{"duplicate name", OrgUnit{Level: LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"}, "full_name", "已有名为"},
		{"second root", OrgUnit{Level: LevelGeneral, FullName: "另一个总支"}, "level", "只管理一个党总支"},
		{"branch without parent", OrgUnit{Level: LevelBranch, FullName: "孤立支部"}, "parent_id", "必须隶属于上级组织"},
		{"group under general", OrgUnit{Level: LevelGroup, ParentID: root.ID, FullName: "第一党小组"}, "parent_id", "不能设在"},
		{"missing parent", OrgUnit{Level: LevelGroup, ParentID: 999, FullName: "第一党小组"}, "parent_id", "不存在"},
		{"future founding", OrgUnit{Level: LevelBranch, ParentID: root.ID, FullName: "新支部", Founded: MustDate("2027-01-01")}, "founded", "不能晚于今天"},
		{"bad phone", OrgUnit{Level: LevelBranch, ParentID: root.ID, FullName: "新支部", Phone: "12345"}, "phone", "格式不正确"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.SaveUnit(ctx, RoleOffice, c.u)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v", err)
			}
			msgs := strings.Join(ve.For(c.field), "；")
			if !strings.Contains(msgs, c.msg) {
				t.Errorf("field %s: %q, want %q (all: %v)", c.field, msgs, c.msg, err)
			}
		})
	}
	// Level cannot change on edit.
	br.Level = LevelGroup
	if _, err := s.SaveUnit(ctx, RoleOffice, br); err == nil {
		t.Error("level change accepted")
	}
}

func TestOrgDeleteRules(t *testing.T) {
	s := openTest(t)
	root := mustUnit(t, s, OrgUnit{Level: LevelGeneral, FullName: "总支"})
	br := mustUnit(t, s, OrgUnit{Level: LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"})
	grp := mustUnit(t, s, OrgUnit{Level: LevelGroup, ParentID: br.ID, FullName: "第一党小组"})

	if err := s.DeleteUnit(ctx, RoleOffice, br.ID); err == nil || !strings.Contains(err.Error(), "下设 1 个党小组") {
		t.Fatalf("branch with group: %v", err)
	}
	var m Member
	err := s.Write(ctx, func(tx *Tx) error {
		var err error
		m, err = tx.InsertMember(RoleOffice, Member{Name: "张三", BranchID: br.ID, GroupID: grp.ID, Standing: StandingFull})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteUnit(ctx, RoleOffice, grp.ID); err == nil || !strings.Contains(err.Error(), "还有 1 名党员") {
		t.Fatalf("group with member: %v", err)
	}
	// A member who has left does not hold the unit (set behind the log's
	// back, for brevity).
	markTampered(s)
	if err := s.Write(ctx, func(tx *Tx) error {
		_, err := tx.exec("UPDATE members SET status = ? WHERE id = ?", StatusOut, m.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteUnit(ctx, RoleOffice, grp.ID); err != nil {
		t.Fatalf("empty group: %v", err)
	}
	if err := s.DeleteUnit(ctx, RoleOffice, br.ID); err != nil {
		t.Fatalf("empty branch: %v", err)
	}
	// Soft: the row is still there, marked, and the log says so.
	u, err := s.OrgUnit(ctx, br.ID)
	if err != nil || !u.Deleted {
		t.Fatalf("deleted unit: %+v %v", u, err)
	}
	tree, _ := s.OrgTree(ctx)
	if len(tree) != 1 || len(tree[0].Children) != 0 {
		t.Errorf("tree still shows deleted units")
	}
	es, _ := s.AuditEntries(ctx, AuditFilter{Entity: EntityOrgUnit, RecordID: itoa(int(br.ID))})
	if len(es) != 2 || es[0].Action != ActionDelete {
		t.Errorf("audit for deleted unit: %+v", es)
	}
	if err := s.DeleteUnit(ctx, RoleOffice, br.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("delete twice: %v", err)
	}
	// The name is free again once the old unit is deleted.
	mustUnit(t, s, OrgUnit{Level: LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"})
}

func TestPostsSuccessionAndRenewal(t *testing.T) {
	s := openTest(t)
	root := mustUnit(t, s, OrgUnit{Level: LevelGeneral, FullName: "总支"})
	br := mustUnit(t, s, OrgUnit{Level: LevelBranch, ParentID: root.ID, FullName: "第一车队党支部",
		TermStart: MustDate("2023-12-20")})
	if br.TermYears != 3 || br.TermEnd() != MustDate("2026-12-20") {
		t.Fatalf("term %d %v", br.TermYears, br.TermEnd())
	}
	p1, err := s.SavePost(ctx, RoleOffice, Post{UnitID: br.ID, Title: "书记", Holder: "张建国", Start: MustDate("2023-12-20")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SavePost(ctx, RoleOffice, Post{UnitID: br.ID, Title: "组织委员", Holder: "李红", Start: MustDate("2023-12-20")}); err != nil {
		t.Fatal(err)
	}
	// A new 书记 ends the old one's tenure on the new start date.
	if _, err := s.SavePost(ctx, RoleOffice, Post{UnitID: br.ID, Title: "书记", Holder: "王强", Start: MustDate("2025-06-01")}); err != nil {
		t.Fatal(err)
	}
	tree, _ := s.OrgTree(ctx)
	n := tree[0].Children[0]
	if h := n.Head(MustDate("2026-01-01")); h != "王强" {
		t.Errorf("head = %q", h)
	}
	if h := n.Head(MustDate("2024-01-01")); h != "张建国" {
		t.Errorf("head in 2024 = %q", h)
	}
	if n.Posts[0].Holder != "王强" || n.Posts[len(n.Posts)-1].ID != p1.ID {
		t.Errorf("post order: %+v", n.Posts)
	}
	if st := n.Unit.TermStatus(MustDate("2026-11-27"), 6); st != TermDueSoon {
		t.Errorf("term status = %v, want due soon", st)
	}
	// Bad posts.
	for _, p := range []Post{
		{UnitID: br.ID, Title: "书记", Start: MustDate("2025-01-01")},
		{UnitID: br.ID, Title: "书记", Holder: "某人"},
		{UnitID: br.ID, Title: "书记", Holder: "某人", Start: MustDate("2025-01-01"), End: MustDate("2024-01-01")},
		{UnitID: 999, Title: "书记", Holder: "某人", Start: MustDate("2025-01-01")},
	} {
		if _, err := s.SavePost(ctx, RoleOffice, p); err == nil {
			t.Errorf("accepted %+v", p)
		}
	}
	// 换届: all current tenures end on the election day, term moves on.
	if err := s.Renew(ctx, RoleOffice, br.ID, MustDate("2026-11-20"), 3); err != nil {
		t.Fatal(err)
	}
	tree, _ = s.OrgTree(ctx)
	n = tree[0].Children[0]
	if cur := n.CurrentPosts(MustDate("2026-11-27")); len(cur) != 0 {
		t.Errorf("current posts after renewal: %+v", cur)
	}
	if n.Unit.TermStatus(MustDate("2026-11-27"), 6) != TermOK {
		t.Errorf("term after renewal: %v", n.Unit.TermEnd())
	}
	if err := s.Renew(ctx, RoleOffice, br.ID, MustDate("2026-11-01"), 3); err == nil {
		t.Error("renewal before current term start accepted")
	}
}

func TestTermStatus(t *testing.T) {
	u := OrgUnit{TermStart: MustDate("2024-01-15"), TermYears: 3} // ends 2027-01-15
	cases := []struct {
		day  string
		want TermState
	}{
		{"2026-07-14", TermOK},
		{"2026-07-15", TermDueSoon},
		{"2027-01-14", TermDueSoon},
		{"2027-01-15", TermOverdue},
	}
	for _, c := range cases {
		if got := u.TermStatus(MustDate(c.day), 6); got != c.want {
			t.Errorf("%s: %v, want %v", c.day, got, c.want)
		}
	}
	if (OrgUnit{}).TermStatus(MustDate("2026-01-01"), 6) != TermNone {
		t.Error("no term")
	}
}
