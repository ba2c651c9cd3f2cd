package data

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestClearDemoKeepsBackupAndLeavesEmpty(t *testing.T) {
	s := seedAudit(t)
	// Real data cannot be cleared.
	if _, err := s.ClearDemo(ctx); !errors.Is(err, ErrNotDemo) {
		t.Fatalf("ClearDemo on real data: %v", err)
	}
	if err := s.SetSetting(ctx, SettingOnboarded, OnboardedDemo); err != nil {
		t.Fatal(err)
	}
	if !s.IsDemo(ctx) {
		t.Fatal("IsDemo = false after marking the demo")
	}
	kept, err := s.ClearDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(kept), "演示数据-") || filepath.Dir(kept) != s.BackupDir() {
		t.Errorf("kept = %s", kept)
	}
	// The live database is empty, for real use, same path, same operator.
	if roots, err := s.OrgTree(ctx); err != nil || len(roots) != 0 {
		t.Fatalf("after clearing: roots = %v, %v", roots, err)
	}
	if s.IsDemo(ctx) {
		t.Error("still a demo after clearing")
	}
	if v, _ := s.Setting(ctx, SettingOnboarded); v != OnboardedEmpty {
		t.Errorf("onboarded = %q", v)
	}
	if s.Operator() != "李敏" || !s.HasOperator(ctx) {
		t.Errorf("operator = %q", s.Operator())
	}
	if _, err := s.VerifyAudit(ctx); err != nil {
		t.Errorf("audit of the new database: %v", err)
	}
	// The demo is intact in the kept file.
	old, err := Open(kept, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if roots, _ := old.OrgTree(ctx); len(roots) != 1 || len(roots[0].Children) != 1 {
		t.Errorf("kept demo: roots = %v", roots)
	}
	if !old.IsDemo(ctx) {
		t.Error("kept file is not marked as the demo")
	}
}

func TestHasOperator(t *testing.T) {
	s := openTest(t)
	if s.HasOperator(ctx) {
		t.Fatal("fresh database has an operator")
	}
	if !strings.Contains(s.Operator(), "（系统账户）") && s.Operator() != "未设置" {
		t.Logf("stand-in operator = %q", s.Operator())
	}
	if err := s.SetOperator(ctx, "王芳"); err != nil {
		t.Fatal(err)
	}
	if !s.HasOperator(ctx) {
		t.Error("HasOperator = false after SetOperator")
	}
}

// Until a person's name is entered, the fields printed on records (提交人,
// 审核人) stay empty rather than naming the computer's account; the audit
// log still records who acted.
func TestRecordsNeverSignedBySystemAccount(t *testing.T) {
	o := newMeetingOrg(t)
	s := o.s
	m, _, err := s.SaveMeeting(ctx, RoleOffice, Meeting{UnitID: o.b1.ID, Kind: KindCommittee, Date: MustDate("2026-11-10"),
		Topic: "研究发展党员", Place: "会议室", Host: "赵书记", Recorder: "钱委员", Content: "研究了两名发展对象。", Expected: 2, Present: 2})
	if err != nil {
		t.Fatal(err)
	}
	branch1 := Role{BranchID: o.b1.ID}
	if m, err = s.Review(ctx, m.ID, branch1, StatusSubmitted, ""); err != nil {
		t.Fatal(err)
	}
	if m.SubmitBy != "" {
		t.Errorf("submitted by %q with no name entered", m.SubmitBy)
	}
	if err := s.SetOperator(ctx, "王芳"); err != nil {
		t.Fatal(err)
	}
	if m, err = s.Review(ctx, m.ID, RoleOffice, StatusApproved, ""); err != nil {
		t.Fatal(err)
	}
	if m.ReviewBy != "王芳" {
		t.Errorf("reviewed by %q", m.ReviewBy)
	}
	// Reopened with the name stored, it is still the name.
	if err := s.loadOperator(); err != nil || s.signer() != "王芳" {
		t.Errorf("signer after reload = %q, %v", s.signer(), err)
	}
}
