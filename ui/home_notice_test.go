package ui

import (
	"context"
	"testing"

	"dangjian/data"
)

// TestHomeListsUnreadNotices: a branch copy's 工作台 lists the notice it
// has not read; a click opens 通知公告 on that notice.
func TestHomeListsUnreadNotices(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	st := sh.store
	root, _ := st.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "中共示范公交公司总支部委员会"})
	b, err := st.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveNotice(ctx, data.RoleOffice, data.Notice{Title: "先发的通知", PublishDate: st.Today().AddDays(-3)}); err != nil {
		t.Fatal(err)
	}
	n, err := st.SaveNotice(ctx, data.RoleOffice, data.Notice{Title: "关于开展主题党日活动的通知", Sender: "党总支办公室", PublishDate: st.Today()})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetRole(ctx, data.RoleOffice, data.Role{BranchID: b.ID}); err != nil {
		t.Fatal(err)
	}
	h := homeOf(t, sh)
	h.list.Select(rowOf(t, h, "关于开展主题党日活动的通知"))
	ns, ok := sh.current.(*noticesScreen)
	if !ok {
		t.Fatalf("通知公告 not opened: %T", sh.current)
	}
	if c := ns.current(); c == nil || c.ID != n.ID {
		t.Errorf("notice not selected: %+v", c)
	}
}
