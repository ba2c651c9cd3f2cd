package data

import "testing"

func TestNoticeRemindersOnHome(t *testing.T) {
	o := newMeetingOrg(t)
	n, err := o.s.SaveNotice(ctx, RoleOffice, Notice{Title: "关于开展主题党日的通知", Sender: "党总支办公室", PublishDate: MustDate("2026-11-20")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.s.SaveNotice(ctx, RoleOffice, Notice{Title: "只发第二支部", PublishDate: MustDate("2026-11-20"), Branches: []int64{o.b2.ID}}); err != nil {
		t.Fatal(err)
	}
	b1 := Role{BranchID: o.b1.ID}
	items := todoOf(t, o.s, b1, "2026-11-25", TodoNotice, 0)
	if len(items) != 1 || items[0].Ref.Entity != EntityNotice || items[0].Ref.ID != n.ID || items[0].Ref.Screen != "通知公告" ||
		items[0].BranchID != o.b1.ID || items[0].Title != "未读通知：关于开展主题党日的通知（党总支办公室）" {
		t.Fatalf("branch 1 items %+v", items)
	}
	if got := todoOf(t, o.s, b1, "2026-11-19", TodoNotice, 0); len(got) != 0 {
		t.Errorf("before publication: %+v", got)
	}
	if got := todoOf(t, o.s, RoleOffice, "2026-11-25", TodoNotice, 0); len(got) != 0 {
		t.Errorf("the office has no unread notices: %+v", got)
	}
	if got := todoOf(t, o.s, Role{BranchID: o.b2.ID}, "2026-11-25", TodoNotice, 0); len(got) != 2 {
		t.Errorf("branch 2: %+v", got)
	}
	if err := o.s.MarkNoticeRead(ctx, b1, n.ID); err != nil {
		t.Fatal(err)
	}
	if got := todoOf(t, o.s, b1, "2026-11-25", TodoNotice, 0); len(got) != 0 {
		t.Errorf("read notice still listed: %+v", got)
	}
}
