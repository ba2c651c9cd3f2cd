package data

import (
	"strings"
	"testing"
)

// The 工作台 lists the office's 待确认 member changes until decided, and
// a copy's open conflicts until one version is kept.
func TestExchangeReminders(t *testing.T) {
	p := newXchgPair(t)
	today := p.office.Today().String()
	if got := todoOf(t, p.office, RoleOffice, today, TodoExchange, 0); len(got) != 0 {
		t.Fatalf("reminders before any exchange: %+v", got)
	}
	zb := p.local(t, p.branch, EntityMember, p.gid(t, p.office, EntityMember, p.zhao.ID))
	zm, _ := p.branch.Member(ctx, zb)
	zm.Phone = "13900001111"
	if _, _, err := p.branch.SaveMember(ctx, p.branchRole(t), zm); err != nil {
		t.Fatal(err)
	}
	p.toOffice(t)
	got := todoOf(t, p.office, RoleOffice, today, TodoExchange, 0)
	if len(got) != 1 || !strings.Contains(got[0].Title, "待确认") || !strings.Contains(got[0].Title, "赵书记") ||
		got[0].Ref.Screen != "数据交换/待确认党员信息变更" || TodoKindLabel(got[0].Kind) != "数据交换" {
		t.Fatalf("pending reminder: %+v", got)
	}
	// The branch copy has nothing to decide about it.
	if got := todoOf(t, p.branch, p.branchRole(t), today, TodoExchange, 0); len(got) != 0 {
		t.Errorf("branch reminders: %+v", got)
	}
	pend, err := p.office.PendingChanges(ctx, PendingOpen)
	if err != nil || len(pend) != 1 {
		t.Fatalf("pending: %+v %v", pend, err)
	}
	if err := p.office.AcceptPending(ctx, RoleOffice, pend[0].ID); err != nil {
		t.Fatal(err)
	}
	if got := todoOf(t, p.office, RoleOffice, today, TodoExchange, 0); len(got) != 0 {
		t.Errorf("reminder after accepting: %+v", got)
	}

	// Both sides edit returned minutes: the branch copy is reminded of the conflict.
	m := p.branchMinutes(t, "主题党日", "")
	p.toOffice(t)
	om := p.local(t, p.office, EntityMeeting, p.gid(t, p.branch, EntityMeeting, m.ID))
	if _, err := p.office.Review(ctx, om, RoleOffice, StatusReturned, "请补充"); err != nil {
		t.Fatal(err)
	}
	p.toBranch(t)
	p.toOffice(t)
	bm, _ := p.branch.Meeting(ctx, m.ID)
	bm.Content = "支部的修改。"
	if _, _, err := p.branch.SaveMeeting(ctx, p.branchRole(t), bm); err != nil {
		t.Fatal(err)
	}
	offm, _ := p.office.Meeting(ctx, om)
	offm.Content = "办公室的修改。"
	if _, _, err := p.office.SaveMeeting(ctx, RoleOffice, offm); err != nil {
		t.Fatal(err)
	}
	p.toBranch(t)
	got = todoOf(t, p.branch, p.branchRole(t), today, TodoExchange, 0)
	if len(got) != 1 || !strings.Contains(got[0].Title, "冲突待处理") || got[0].Ref.Screen != "数据交换/冲突" {
		t.Fatalf("conflict reminder: %+v", got)
	}
	cs, _ := p.branch.Conflicts(ctx, ConflictOpen)
	if err := p.branch.ResolveConflict(ctx, p.branchRole(t), cs[0].ID, KeepLocal); err != nil {
		t.Fatal(err)
	}
	if got := todoOf(t, p.branch, p.branchRole(t), today, TodoExchange, 0); len(got) != 0 {
		t.Errorf("reminder after deciding: %+v", got)
	}
}
