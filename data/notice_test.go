package data

import (
	"errors"
	"testing"
)

func TestNoticesAndReads(t *testing.T) {
	o := newClOrg(t)
	b1, b2 := Role{BranchID: o.b1.ID}, Role{BranchID: o.b2.ID}
	if _, err := o.s.SaveNotice(ctx, b1, Notice{Title: "通知", PublishDate: MustDate("2026-11-20")}); !errors.Is(err, ErrForbidden) {
		t.Errorf("a branch published: %v", err)
	}
	var ve *ValidationError
	if _, err := o.s.SaveNotice(ctx, RoleOffice, Notice{PublishDate: MustDate("2026-11-20")}); !errors.As(err, &ve) || len(ve.For("title")) == 0 {
		t.Errorf("no title: %v", err)
	}
	all, err := o.s.SaveNotice(ctx, RoleOffice, Notice{Title: "关于开展主题党日的通知", Body: "各党支部：……", Sender: "党总支办公室",
		PublishDate: MustDate("2026-11-20")})
	if err != nil {
		t.Fatal(err)
	}
	one, err := o.s.SaveNotice(ctx, RoleOffice, Notice{Title: "第二支部换届提醒", PublishDate: MustDate("2026-11-21"), Branches: []int64{o.b2.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.s.SaveNotice(ctx, RoleOffice, Notice{Title: "明年的通知", PublishDate: MustDate("2026-12-30")}); err != nil {
		t.Fatal(err)
	}
	if _, err := o.s.SaveNotice(ctx, RoleOffice, Notice{Title: "发给党小组", PublishDate: MustDate("2026-11-20"), Branches: []int64{o.g1.ID}}); !errors.As(err, &ve) {
		t.Errorf("a group as addressee: %v", err)
	}
	count := func(role Role) (seen, unread int) {
		t.Helper()
		l, err := o.s.Notices(ctx, role)
		if err != nil {
			t.Fatal(err)
		}
		u, err := o.s.UnreadNotices(ctx, role)
		if err != nil {
			t.Fatal(err)
		}
		return len(l), len(u)
	}
	for _, c := range []struct {
		name         string
		role         Role
		seen, unread int
	}{{"office", RoleOffice, 3, 0}, {"first branch", b1, 1, 1}, {"second branch", b2, 2, 2}} {
		if s, u := count(c.role); s != c.seen || u != c.unread {
			t.Errorf("%s sees %d, unread %d; want %d, %d", c.name, s, u, c.seen, c.unread)
		}
	}
	if err := o.s.MarkNoticeRead(ctx, b1, one.ID); !errors.Is(err, ErrForbidden) {
		t.Errorf("first branch marked the second's notice: %v", err)
	}
	if err := o.s.MarkNoticeRead(ctx, RoleOffice, all.ID); !errors.Is(err, ErrForbidden) {
		t.Errorf("the office marked a notice read: %v", err)
	}
	for i := 0; i < 2; i++ {
		if err := o.s.MarkNoticeRead(ctx, b1, all.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, u := count(b1); u != 0 {
		t.Errorf("first branch still has %d unread", u)
	}
	if _, u := count(b2); u != 2 {
		t.Errorf("second branch's unread changed: %d", u)
	}
	l, _ := o.s.Notices(ctx, RoleOffice)
	for _, n := range l {
		if n.ID == all.ID && (len(n.ReadBy) != 1 || n.ReadBy[0] != o.b1.ID) {
			t.Errorf("read by: %v", n.ReadBy)
		}
	}
	list, _ := o.s.AuditEntries(ctx, AuditFilter{Entity: EntityNoticeRead})
	if len(list) != 1 {
		t.Errorf("%d audit rows for the read mark, want 1", len(list))
	}
	if err := o.s.DeleteNotice(ctx, RoleOffice, one.ID); err != nil {
		t.Fatal(err)
	}
	if s, _ := count(b2); s != 1 {
		t.Errorf("a withdrawn notice still shown: %d", s)
	}
}
