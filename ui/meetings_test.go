package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"dangjian/data"
	"dangjian/data/demo"
)

func meetingsOf(t *testing.T, sh *Shell) *meetingsScreen {
	t.Helper()
	if !sh.Show("三会一课") {
		t.Fatal("no 三会一课 screen")
	}
	return sh.current.(*meetingsScreen)
}

// A branch secretary records a 支委会 with attendance from the roster,
// submits it; the office returns it, the branch fixes and resubmits, the
// office approves.
func TestRecordSubmitReviewMeetingThroughUI(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, sh.store, demo.Options{Seed: 4}); err != nil {
		t.Fatal(err)
	}
	roots, _ := sh.store.OrgTree(ctx)
	branch := roots[0].Children[0].Unit
	if err := sh.store.SetRole(ctx, data.RoleOffice, data.Role{BranchID: branch.ID}); err != nil {
		t.Fatal(err)
	}
	s := meetingsOf(t, sh)
	s.shown()

	s.newMeeting()
	if sh.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no new-meeting dialog")
	}
	// Open the editor as the dialog's 开始记录 does, on a chosen day.
	day := data.Today().AddDays(-3)
	rosterRows, err := sh.store.RosterOn(ctx, branch.ID, day)
	if err != nil || len(rosterRows) == 0 {
		t.Fatalf("roster: %v %d", err, len(rosterRows))
	}
	tpls, _ := sh.store.Templates(ctx, data.KindCommittee)
	m := tpls[0].Apply(data.Meeting{UnitID: branch.ID, Kind: data.KindCommittee, Date: day, Attendance: rosterRows})
	hideOverlays(sh.win)
	s.setEditor(newMeetingEditor(s, m))
	e := s.editor
	if !strings.Contains(e.agenda.Text, "研究本月支部工作") {
		t.Fatalf("template not applied: %q", e.agenda.Text)
	}
	typeInto(e.topic, "研究十一月份支部工作")
	typeInto(e.place, "第一车队会议室")
	typeInto(e.start, "14:30")
	typeInto(e.end, "16:00")
	typeInto(&e.hostSel.Entry, rosterRows[0].Name)
	typeInto(&e.recSel.Entry, rosterRows[1].Name)
	e.content.SetText("一、学习内容：学习有关文件精神。\n二、研究事项：安全生产与党员先锋岗。")
	e.att[2].State, e.att[2].Reason = data.OnLeave, "外出培训"
	e.attChanged()
	test.Tap(e.saveBt)
	if e.m.ID == 0 {
		t.Fatalf("not saved: %q", e.form.general.Text)
	}
	stored, _ := sh.store.Meeting(ctx, e.m.ID)
	if stored.Expected != len(rosterRows) || stored.OnLeave != 1 || stored.Attendance[2].Reason != "外出培训" || stored.Topic != "研究十一月份支部工作" {
		t.Fatalf("stored %+v", stored)
	}
	if e.approveBt.Visible() {
		t.Error("a branch secretary sees 审核通过")
	}
	test.Tap(e.submitBt)
	e = s.editor
	if e.m.Status != data.StatusSubmitted || !e.locked || e.saveBt.Visible() {
		t.Fatalf("after submit: %s locked=%v", e.m.Status, e.locked)
	}

	// The office returns it with a comment…
	if err := sh.store.SetRole(ctx, data.RoleOffice, data.Role{Office: true}); err != nil {
		t.Fatal(err)
	}
	s.shown()
	if !strings.Contains(s.reviewB.Text, "待审核（1）") {
		t.Errorf("review button %q", s.reviewB.Text)
	}
	s.editor = nil
	s.open(stored.ID)
	e = s.editor
	if !e.returnBt.Visible() || !e.approveBt.Visible() {
		t.Fatal("office cannot review")
	}
	e.review(data.StatusReturned, "请补充决议事项")
	got, _ := sh.store.Meeting(ctx, stored.ID)
	if got.Status != data.StatusReturned || got.Comment != "请补充决议事项" {
		t.Fatalf("after return %+v", got.Status)
	}
	// …the branch adds the resolution and resubmits; the office approves.
	sh.store.SetRole(ctx, data.RoleOffice, data.Role{BranchID: branch.ID})
	s.shown()
	s.editor = nil
	s.open(stored.ID)
	e = s.editor
	if e.locked {
		t.Fatal("returned minutes are locked for the branch")
	}
	e.resolution.SetText("一、同意设立党员先锋岗。")
	e.submit()
	sh.store.SetRole(ctx, data.RoleOffice, data.Role{Office: true})
	s.shown()
	s.editor = nil
	s.open(stored.ID)
	s.editor.approve()
	got, _ = sh.store.Meeting(ctx, stored.ID)
	if got.Status != data.StatusApproved || got.Resolution != "一、同意设立党员先锋岗。" {
		t.Fatalf("final %s %q", got.Status, got.Resolution)
	}
	// The steps are in the audit log.
	es, _ := sh.store.AuditEntries(ctx, data.AuditFilter{Entity: data.EntityMeeting})
	if len(es) < 5 {
		t.Errorf("meeting audit rows %d", len(es))
	}
	// Compliance shows the branch's 支委会 for this month.
	s.tabs.SelectIndex(1)
	s.comp.load()
	if len(s.comp.rows) == 0 {
		t.Error("compliance view empty")
	}
}
