package data

import (
	"errors"
	"strings"
	"testing"
)

// A lost or reinstalled branch laptop: the office re-issues the branch's
// initial package; the new copy's first package replaces the old copy,
// whose packages are refused from then on. Nothing the office holds is
// lost and the new copy starts from the office's current data.
func TestExchangeReissueReplacesBranchCopy(t *testing.T) {
	p := newXchgPair(t)
	old := p.branch
	oldID, _ := old.Identity(ctx)
	a := p.branchMinutes(t, "发展党员", "会议照片.jpg")
	p.toOffice(t)
	p.toBranch(t)
	// The old laptop makes one more package that reaches the office late.
	b := p.branchMinutes(t, "组织生活会", "")
	late := p.file("late")
	if _, err := old.ExportForOffice(ctx, p.branchRole(t), late); err != nil {
		t.Fatal(err)
	}

	// Only the office re-issues.
	if _, err := old.ReissueBranchPackage(ctx, p.branchRole(t), p.branchRole(t).BranchID, p.file("x")); !errors.Is(err, ErrForbidden) {
		t.Errorf("a branch copy re-issued an initial package: %v", err)
	}
	if _, err := p.office.ReissueBranchPackage(ctx, RoleOffice, p.o.g1.ID, p.file("x")); err == nil {
		t.Error("an initial package was re-issued for a group")
	}
	// A first re-issued package gets lost: making another forgets its code.
	lost := p.file("lost")
	if _, err := p.office.ReissueBranchPackage(ctx, RoleOffice, p.o.b1.ID, lost); err != nil {
		t.Fatal(err)
	}
	init2 := p.file("reinit")
	info, err := p.office.ReissueBranchPackage(ctx, RoleOffice, p.o.b1.ID, init2)
	if err != nil {
		t.Fatal(err)
	}
	if info.Manifest.Kind != PackageBranchInit || info.Manifest.Number != 1 || !strings.Contains(info.Note, "重新制作") {
		t.Fatalf("re-issued package: %+v", info.Manifest)
	}
	links, _ := p.office.BranchLinks(ctx)
	if len(links) != 2 || links[0].CopyID != oldID.CopyID || !links[0].Reissued || links[0].Replaced != 0 {
		t.Fatalf("links while the new copy has not answered: %+v", links)
	}
	// Until the new copy answers the old one is still the branch's copy.
	if res, err := p.office.ImportPackage(ctx, RoleOffice, late); err != nil || res.Applied[EntityMeeting] != 1 {
		t.Fatalf("the old copy's late package: %+v %v", res, err)
	}
	ob := p.local(t, p.office, EntityMeeting, p.gid(t, old, EntityMeeting, b.ID))
	// A plain package still goes to the old copy.
	if _, res := p.toBranch(t); res.Applied[EntityMeeting] != 0 {
		t.Logf("old copy got %+v", res)
	}

	// The new laptop: an empty database imports the re-issued package.
	fresh := openTest(t)
	res, err := fresh.ImportPackage(ctx, RoleOffice, init2)
	if err != nil || !res.BecameBranch {
		t.Fatalf("new copy: %+v %v", res, err)
	}
	p.branch = fresh
	newID, _ := fresh.Identity(ctx)
	if newID.CopyID == oldID.CopyID || newID.BranchName != "第一支部" {
		t.Fatalf("new copy identity %+v", newID)
	}
	// It starts from the office's data when the package was made: the
	// minutes the old copy had sent (b arrived later: it comes with the
	// office's next package).
	for _, m := range []Meeting{a} {
		g := p.gid(t, old, EntityMeeting, m.ID)
		id := p.local(t, fresh, EntityMeeting, g)
		got, err := fresh.Meeting(ctx, id)
		if err != nil || got.Topic != m.Topic || got.Status != StatusSubmitted {
			t.Errorf("new copy's %s: %+v %v", m.Topic, got, err)
		}
	}
	if files, _ := fresh.Attachments(ctx, EntityMeeting, p.local(t, fresh, EntityMeeting, p.gid(t, old, EntityMeeting, a.ID))); len(files) != 1 {
		t.Errorf("new copy's attachments: %+v", files)
	}
	if ms, _ := fresh.Members(ctx, MemberFilter{}); len(ms) != 2 {
		t.Errorf("new copy has %d members", len(ms))
	}

	// The lost package's code no longer works.
	stray := openTest(t)
	if _, err := stray.ImportPackage(ctx, RoleOffice, lost); err != nil {
		t.Fatal(err)
	}
	sf := p.file("stray")
	if _, err := stray.ExportForOffice(ctx, stray.Role(ctx), sf); err != nil {
		t.Fatal(err)
	}
	before := xchgHead(t, p.office)
	if _, err := p.office.ImportPackage(ctx, RoleOffice, sf); !errors.Is(err, ErrPackageRefused) || !strings.Contains(RefusalReason(err), "信任码不符") {
		t.Errorf("the forgotten initial package's copy: %v", err)
	}

	// The new copy's first package replaces the old copy.
	up := p.file("up")
	if _, err := fresh.ExportForOffice(ctx, p.branchRole(t), up); err != nil {
		t.Fatal(err)
	}
	prev, err := p.office.PreviewPackage(ctx, up)
	if err != nil || prev.Refused != "" || !strings.Contains(prev.ReplacedCopy, oldID.CopyID) || !strings.Contains(prev.Summary(), "取代旧副本") {
		t.Fatalf("preview of the new copy's first package: %+v %v", prev, err)
	}
	if xchgHead(t, p.office) != before {
		t.Fatal("a refusal or a preview changed the office's database")
	}
	res, err = p.office.ImportPackage(ctx, RoleOffice, up)
	if err != nil || !strings.Contains(res.ReplacedCopy, oldID.CopyID) || len(res.Refusals) != 0 {
		t.Fatalf("new copy's first package: %+v %v", res, err)
	}
	links, _ = p.office.BranchLinks(ctx)
	if links[0].CopyID != newID.CopyID || links[0].Reissued || links[0].Replaced != 1 || links[0].Fingerprint != newID.Fingerprint {
		t.Fatalf("links after the replacement: %+v", links)
	}
	// The old copy is refused with a clear reason, changing nothing.
	gone := p.file("gone")
	if _, err := old.ExportForOffice(ctx, old.Role(ctx), gone); err != nil {
		t.Fatal(err)
	}
	before = xchgHead(t, p.office)
	_, err = p.office.ImportPackage(ctx, RoleOffice, gone)
	if !errors.Is(err, ErrPackageRefused) || !strings.HasPrefix(RefusalReason(err), "该支部副本已被替换") || !strings.Contains(RefusalReason(err), newID.Fingerprint) {
		t.Errorf("a package from the replaced copy: %v", err)
	}
	if prev, _ := p.office.PreviewPackage(ctx, gone); !strings.HasPrefix(prev.Refused, "该支部副本已被替换") {
		t.Errorf("preview of the replaced copy's package: %+v", prev)
	}
	if xchgHead(t, p.office) != before {
		t.Error("the replaced copy's package changed the office's database")
	}
	// Nothing the office holds is lost.
	if m, err := p.office.Meeting(ctx, ob); err != nil || m.Topic != "组织生活会" {
		t.Errorf("the old copy's minutes at the office: %+v %v", m, err)
	}
	hist, _ := p.office.Packages(ctx)
	replacedNoted := false
	for _, h := range hist {
		if h.Direction == PackageReceived && strings.Contains(h.Note, "替换了旧副本") {
			replacedNoted = true
		}
	}
	if !replacedNoted {
		t.Errorf("history does not tell of the replacement: %+v", hist)
	}

	// Work goes on with the new copy: a review reaches it, its minutes arrive.
	if _, err := p.office.Review(ctx, ob, RoleOffice, StatusApproved, ""); err != nil {
		t.Fatal(err)
	}
	_, res = p.toBranch(t)
	if res.Applied[EntityMeeting] != 1 || len(res.Conflicts) != 0 {
		t.Fatalf("review to the new copy: %+v", res)
	}
	if m, _ := fresh.Meeting(ctx, p.local(t, fresh, EntityMeeting, p.gid(t, old, EntityMeeting, b.ID))); m.Status != StatusApproved {
		t.Errorf("new copy sees %s", m.Status)
	}
	c := p.branchMinutes(t, "主题党日", "")
	_, res = p.toOffice(t)
	if res.Applied[EntityMeeting] != 1 || len(res.Refusals) != 0 {
		t.Fatalf("new copy's minutes: %+v", res)
	}
	p.local(t, p.office, EntityMeeting, p.gid(t, fresh, EntityMeeting, c.ID))
}

// A refusal that cannot change (a branch approving its own minutes) is
// acknowledged: the branch does not send the record again with every
// package; when the branch changes the record it travels again.
func TestExchangeFinalRefusalNotResent(t *testing.T) {
	p := newXchgPair(t)
	m := p.branchMinutes(t, "发展党员", "")
	if err := p.branch.Write(ctx, func(tx *Tx) error {
		_, err := tx.exec("UPDATE meetings SET status = ?, reviewed_by = '自己' WHERE id = ?", StatusApproved, m.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	markTampered(p.branch)
	f, res := p.toOffice(t)
	if len(res.Refusals) != 1 || !res.Refusals[0].Final || !strings.Contains(res.Refusals[0].Reason, "不能自行审核") {
		t.Fatalf("forged approval: %+v", res)
	}
	p.toBranch(t) // acknowledges the branch's package
	f, res = p.toOffice(t)
	if len(res.Refusals) != 0 || sum(lastSent(t, p.branch).Manifest.Counts) != 0 {
		t.Fatalf("the refused approval was sent again: %+v %v (%s)", res, lastSent(t, p.branch).Manifest.Counts, f)
	}
	// Changed again (put back to submitted), it travels and applies.
	if err := p.branch.Write(ctx, func(tx *Tx) error {
		_, err := tx.exec("UPDATE meetings SET status = ?, reviewed_by = '', content = '补充了内容。' WHERE id = ?", StatusSubmitted, m.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	_, res = p.toOffice(t)
	if len(res.Refusals) != 0 || res.Applied[EntityMeeting] != 1 {
		t.Fatalf("changed minutes: %+v", res)
	}
}

// A branch's study records travel up (the office's rankings count them);
// the branch is authoritative for them: its edit wins over the office's,
// its deletion applies, and none travel down.
func TestExchangeStudyRecordsUpBranchAuthoritative(t *testing.T) {
	p := newXchgPair(t)
	role := p.branchRole(t)
	zhao := p.local(t, p.branch, EntityMember, p.gid(t, p.office, EntityMember, p.zhao.ID))
	mover := p.local(t, p.branch, EntityMember, p.gid(t, p.office, EntityMember, p.mover.ID))
	var recs []StudyRecord
	for _, r := range []StudyRecord{
		{MemberID: zhao, Date: MustDate("2026-11-02"), Content: "学习党章", Hours: 20, Form: StudyForms[0]},
		{MemberID: mover, Date: MustDate("2026-11-03"), Content: "学习准则", Hours: 15, Form: StudyForms[0]},
	} {
		r, err := p.branch.SaveStudyRecord(ctx, role, r)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	_, res := p.toOffice(t)
	if res.Applied[EntityStudyRecord] != 2 || len(res.Refusals) != 0 {
		t.Fatalf("study records up: %+v", res)
	}
	office := func() map[string]StudyRecord {
		rs, err := p.office.StudyRecords(ctx, StudyFilter{BranchID: p.o.b1.ID})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]StudyRecord{}
		for _, r := range rs {
			out[r.Content] = r
		}
		return out
	}
	got := office()
	if r := got["学习党章"]; r.MemberID != p.zhao.ID || r.Hours != 20 || len(got) != 2 {
		t.Fatalf("office's study records: %+v", got)
	}
	// Both sides edit the same record: the branch's version applies.
	oe := got["学习党章"]
	oe.Hours = 30
	if _, err := p.office.SaveStudyRecord(ctx, RoleOffice, oe); err != nil {
		t.Fatal(err)
	}
	be := recs[0]
	be.Content = "学习党章（修订）"
	if _, err := p.branch.SaveStudyRecord(ctx, role, be); err != nil {
		t.Fatal(err)
	}
	if err := p.branch.DeleteStudyRecord(ctx, role, recs[1].ID); err != nil {
		t.Fatal(err)
	}
	_, res = p.toOffice(t)
	if len(res.Conflicts) != 0 || res.Applied[EntityStudyRecord] != 2 {
		t.Fatalf("branch's edits: %+v", res)
	}
	got = office()
	if r, ok := got["学习党章（修订）"]; !ok || r.Hours != 20 || len(got) != 1 {
		t.Fatalf("office after the branch's edit and deletion: %+v", got)
	}
	// None travel down.
	p.toBranch(t)
	if c := lastSent(t, p.office).Manifest.Counts[EntityStudyRecord]; c != 0 {
		t.Errorf("office sent %d study records down", c)
	}
	if rs, _ := p.branch.StudyRecords(ctx, StudyFilter{}); len(rs) != 1 || rs[0].Content != "学习党章（修订）" {
		t.Errorf("branch's study records: %+v", rs)
	}
}
