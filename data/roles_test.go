package data

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

func testJPEG(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 300, 400))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBranchRoleRefusedForOtherBranches: a branch copy's role is refused,
// in data, every write for another branch — units, posts, members, member
// events, photos, attachments and 本机身份 — and allowed for its own.
func TestBranchRoleRefusedForOtherBranches(t *testing.T) {
	s := openTest(t)
	root, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelGeneral, FullName: "中共示范公交公司总支部委员会"})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelBranch, ParentID: root.ID, FullName: "第二车队党支部"})
	if err != nil {
		t.Fatal(err)
	}
	gb, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelGroup, ParentID: b.ID, FullName: "第二车队第一党小组"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := s.SavePost(ctx, RoleOffice, Post{UnitID: b.ID, Title: "书记", Holder: "王五", Start: MustDate("2024-03-01")})
	if err != nil {
		t.Fatal(err)
	}
	mb := validMember()
	mb.BranchID = b.ID
	mb, _, err = s.SaveMember(ctx, RoleOffice, mb)
	if err != nil {
		t.Fatal(err)
	}
	ma := validMember()
	ma.Name, ma.IDNumber, ma.BranchID = "李四", fixID("11010519800517003"), a.ID
	if ma, _, err = s.SaveMember(ctx, RoleOffice, ma); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "证明.txt")
	os.WriteFile(src, []byte("证明材料"), 0o600)
	att, err := s.AddAttachment(ctx, RoleOffice, EntityMember, mb.ID, src)
	if err != nil {
		t.Fatal(err)
	}
	jpg := testJPEG(t)
	if err := s.SetMemberPhoto(ctx, RoleOffice, mb.ID, jpg); err != nil {
		t.Fatal(err)
	}

	branchA := Role{BranchID: a.ID}
	moved := ma
	moved.BranchID = b.ID
	editB := mb
	editB.Phone = "13900000000"
	renamed := b
	renamed.ShortName = "二车队"
	refused := map[string]func() error{
		"new branch": func() error {
			_, err := s.SaveUnit(ctx, branchA, OrgUnit{Level: LevelBranch, ParentID: root.ID, FullName: "第三车队党支部"})
			return err
		},
		"edit other branch": func() error { _, err := s.SaveUnit(ctx, branchA, renamed); return err },
		"group in other": func() error {
			_, err := s.SaveUnit(ctx, branchA, OrgUnit{Level: LevelGroup, ParentID: b.ID, FullName: "第二车队第二党小组"})
			return err
		},
		"delete other group": func() error { return s.DeleteUnit(ctx, branchA, gb.ID) },
		"delete own branch":  func() error { return s.DeleteUnit(ctx, branchA, a.ID) },
		"renew other":        func() error { return s.Renew(ctx, branchA, b.ID, MustDate("2026-03-01"), 3) },
		"post in other": func() error {
			_, err := s.SavePost(ctx, branchA, Post{UnitID: b.ID, Title: "组织委员", Holder: "赵六", Start: MustDate("2024-03-01")})
			return err
		},
		"edit other post":     func() error { p := post; p.Note = "改"; _, err := s.SavePost(ctx, branchA, p); return err },
		"delete other post":   func() error { return s.DeletePost(ctx, branchA, post.ID) },
		"edit other member":   func() error { _, _, err := s.SaveMember(ctx, branchA, editB); return err },
		"move member away":    func() error { _, _, err := s.SaveMember(ctx, branchA, moved); return err },
		"delete other member": func() error { return s.DeleteMember(ctx, branchA, mb.ID) },
		"event of other": func() error {
			_, _, err := s.RecordEvent(ctx, branchA, MemberEvent{MemberID: mb.ID, Kind: EventReward, Date: MustDate("2026-01-05"), Content: "优秀共产党员"})
			return err
		},
		"photo of other":      func() error { return s.SetMemberPhoto(ctx, branchA, mb.ID, jpg) },
		"remove other photo":  func() error { return s.RemoveMemberPhoto(ctx, branchA, mb.ID) },
		"attach to other":     func() error { _, err := s.AddAttachment(ctx, branchA, EntityMember, mb.ID, src); return err },
		"remove other attach": func() error { return s.RemoveAttachment(ctx, branchA, att.ID) },
		"become the office":   func() error { return s.SetRole(ctx, branchA, RoleOffice) },
	}
	before, _ := s.AuditEntries(ctx, AuditFilter{})
	for name, f := range refused {
		if err := f(); !errors.Is(err, ErrForbidden) {
			t.Errorf("%s: %v, want a refusal", name, err)
		}
	}
	if after, _ := s.AuditEntries(ctx, AuditFilter{}); len(after) != len(before) {
		t.Errorf("refused writes left %d audit rows", len(after)-len(before))
	}
	// Its own branch: allowed.
	ownA := a
	ownA.ShortName = "一车队"
	allowed := map[string]func() error{
		"edit own branch": func() error { _, err := s.SaveUnit(ctx, branchA, ownA); return err },
		"own group": func() error {
			_, err := s.SaveUnit(ctx, branchA, OrgUnit{Level: LevelGroup, ParentID: a.ID, FullName: "第一车队第一党小组"})
			return err
		},
		"own post": func() error {
			_, err := s.SavePost(ctx, branchA, Post{UnitID: a.ID, Title: "书记", Holder: "李四", Start: MustDate("2024-03-01")})
			return err
		},
		"own member":     func() error { m := ma; m.Phone = "13700000000"; _, _, err := s.SaveMember(ctx, branchA, m); return err },
		"own photo":      func() error { return s.SetMemberPhoto(ctx, branchA, ma.ID, jpg) },
		"own attachment": func() error { _, err := s.AddAttachment(ctx, branchA, EntityMember, ma.ID, src); return err },
		"own event": func() error {
			_, _, err := s.RecordEvent(ctx, branchA, MemberEvent{MemberID: ma.ID, Kind: EventReward, Date: MustDate("2026-01-05"), Content: "优秀共产党员"})
			return err
		},
	}
	for name, f := range allowed {
		if err := f(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
