package data

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// xchgPair is an office database and a branch copy made from it by the
// initial package, each in its own folder (attachments beside each).
type xchgPair struct {
	o              *meetingOrg
	office, branch *Store
	zhao, mover    Member
	dir            string
	n              int
}

func newXchgPair(t *testing.T) *xchgPair {
	t.Helper()
	o := newMeetingOrg(t)
	p := &xchgPair{o: o, office: o.s, dir: t.TempDir()}
	p.zhao = newPartyMember(t, o.s, "赵书记", o.b1.ID, 0, StandingFull, "2000-07-01", "2001-07-01")
	p.mover = newPartyMember(t, o.s, "钱组员", o.b1.ID, o.g1.ID, StandingFull, "2010-07-01", "2011-07-01")
	newPartyMember(t, o.s, "孙其他", o.b2.ID, 0, StandingFull, "2012-07-01", "2013-07-01")
	p.branch = openTest(t)
	if err := p.branch.CanBecomeBranchCopy(ctx); err != nil {
		t.Fatalf("a new database cannot become a branch copy: %v", err)
	}
	file := p.file("init")
	info, err := o.s.ExportForBranch(ctx, RoleOffice, o.b1.ID, file)
	if err != nil {
		t.Fatal(err)
	}
	if info.Manifest.Kind != PackageBranchInit || info.Manifest.Number != 1 {
		t.Fatalf("first package for a branch: %+v", info.Manifest)
	}
	prev, err := p.branch.PreviewPackage(ctx, file)
	if err != nil || !prev.BecomesBranch || prev.Refused != "" {
		t.Fatalf("preview of the initial package: %+v %v", prev, err)
	}
	res, err := p.branch.ImportPackage(ctx, RoleOffice, file)
	if err != nil {
		t.Fatal(err)
	}
	if !res.BecameBranch || res.Applied[EntityMember] != 2 || res.Applied[EntityOrgUnit] != 5 {
		t.Fatalf("initial import: %+v", res)
	}
	return p
}

func (p *xchgPair) file(name string) string {
	p.n++
	return filepath.Join(p.dir, name+"-"+string(rune('a'+p.n))+PackageExt)
}

// branchRole is the branch copy's role (from its identity).
func (p *xchgPair) branchRole(t *testing.T) Role {
	r := p.branch.Role(ctx)
	if r.Office || r.BranchID == 0 {
		t.Fatalf("branch copy's role: %+v", r)
	}
	return r
}

// local finds the branch copy's id of an office record.
func (p *xchgPair) local(t *testing.T, s *Store, entity, gid string) int64 {
	t.Helper()
	var id int64
	err := s.readTx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.localOf(entity, gid)
		return err
	})
	if err != nil || id == 0 {
		t.Fatalf("%s %s has no local record: %v", entity, gid, err)
	}
	return id
}

func (p *xchgPair) gid(t *testing.T, s *Store, entity string, id int64) string {
	t.Helper()
	var g string
	err := s.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow("SELECT gid FROM xchg_records WHERE entity = ? AND local_id = ?", entity, id).Scan(&g)
	})
	if err != nil {
		t.Fatalf("%s %d has no global id: %v", entity, id, err)
	}
	return g
}

func (p *xchgPair) toOffice(t *testing.T) (string, ImportResult) {
	t.Helper()
	f := p.file("up")
	if _, err := p.branch.ExportForOffice(ctx, p.branchRole(t), f); err != nil {
		t.Fatal(err)
	}
	res, err := p.office.ImportPackage(ctx, RoleOffice, f)
	if err != nil {
		t.Fatal(err)
	}
	return f, res
}

func (p *xchgPair) toBranch(t *testing.T) (string, ImportResult) {
	t.Helper()
	f := p.file("down")
	if _, err := p.office.ExportForBranch(ctx, RoleOffice, p.o.b1.ID, f); err != nil {
		t.Fatal(err)
	}
	res, err := p.branch.ImportPackage(ctx, p.branchRole(t), f)
	if err != nil {
		t.Fatal(err)
	}
	return f, res
}

// branchMinutes records and submits minutes on the branch copy, with the
// branch's two members attending and a file attached.
func (p *xchgPair) branchMinutes(t *testing.T, topic, attach string) Meeting {
	t.Helper()
	role := p.branchRole(t)
	zhao := p.local(t, p.branch, EntityMember, p.gid(t, p.office, EntityMember, p.zhao.ID))
	mover := p.local(t, p.branch, EntityMember, p.gid(t, p.office, EntityMember, p.mover.ID))
	m := Meeting{UnitID: role.BranchID, Kind: KindCommittee, Date: MustDate("2026-11-03"), Topic: topic, StartTime: "14:00", EndTime: "15:00",
		Place: "会议室", Host: "赵书记", Recorder: "钱组员", Content: "研究" + topic + "的工作安排。", Resolution: "同意。",
		Attendance: []Attendance{
			{MemberID: zhao, Name: "赵书记", Standing: StandingFull, Committee: true, State: Present},
			{MemberID: mover, Name: "钱组员", Standing: StandingFull, State: OnLeave, Reason: "出差"},
		}}
	m.Expected, m.Present, m.OnLeave = 2, 1, 1
	m, _, err := p.branch.SaveMeeting(ctx, role, m)
	if err != nil {
		t.Fatal(err)
	}
	if attach != "" {
		src := filepath.Join(t.TempDir(), attach)
		if err := os.WriteFile(src, []byte("扫描件："+topic), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := p.branch.AddAttachment(ctx, role, EntityMeeting, m.ID, src); err != nil {
			t.Fatal(err)
		}
	}
	if m, err = p.branch.Review(ctx, m.ID, role, StatusSubmitted, ""); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestExchangeRoundTripMinutesReviewAndMemberChange(t *testing.T) {
	p := newXchgPair(t)
	id, _ := p.branch.Identity(ctx)
	if !id.IsBranch() || id.BranchName != "第一支部" || id.OfficeCopyID == "" || id.Fingerprint == "" {
		t.Fatalf("branch identity: %+v", id)
	}
	// Only the branch's own members came down.
	if ms, _ := p.branch.Members(ctx, MemberFilter{}); len(ms) != 2 {
		t.Fatalf("branch copy has %d members, want its 2", len(ms))
	}
	a := p.branchMinutes(t, "发展党员", "会议照片.jpg")
	b := p.branchMinutes(t, "组织生活会", "")
	draft, _, err := p.branch.SaveMeeting(ctx, p.branchRole(t), Meeting{UnitID: p.branchRole(t).BranchID, Kind: KindGeneralMeeting, Date: MustDate("2026-11-20"), Topic: "草稿"})
	if err != nil {
		t.Fatal(err)
	}
	// A proposed change of contact details.
	zb := p.local(t, p.branch, EntityMember, p.gid(t, p.office, EntityMember, p.zhao.ID))
	zm, _ := p.branch.Member(ctx, zb)
	zm.Phone = "13900001111"
	if _, _, err := p.branch.SaveMember(ctx, p.branchRole(t), zm); err != nil {
		t.Fatal(err)
	}

	// Up: the preview says exactly what the import does.
	f := p.file("up")
	info, err := p.branch.ExportForOffice(ctx, p.branchRole(t), f)
	if err != nil {
		t.Fatal(err)
	}
	if info.Manifest.Counts[EntityMeeting] != 2 || info.Manifest.Counts["files"] != 1 || info.Manifest.Counts[EntityMember] != 1 {
		t.Fatalf("branch package carries %v (drafts stay home)", info.Manifest.Counts)
	}
	prev, err := p.office.PreviewPackage(ctx, f)
	if err != nil || prev.Refused != "" {
		t.Fatalf("preview: %+v %v", prev, err)
	}
	if got := prev.Summary(); !strings.Contains(got, "新增会议记录 2 条") || !strings.Contains(got, "待确认党员信息变更 1 条") {
		t.Errorf("preview summary %q", got)
	}
	if len(prev.Items) != 3 {
		t.Errorf("preview items %+v", prev.Items)
	}
	if ms, _ := p.office.Meetings(ctx, MeetingFilter{}); len(ms) != 0 {
		t.Fatal("the preview changed the office's database")
	}
	res, err := p.office.ImportPackage(ctx, RoleOffice, f)
	if err != nil {
		t.Fatal(err)
	}
	if res.Applied[EntityMeeting] != 2 || res.Pending != 1 || len(res.Conflicts) != 0 {
		t.Fatalf("office import: %+v", res)
	}
	oa := p.local(t, p.office, EntityMeeting, p.gid(t, p.branch, EntityMeeting, a.ID))
	ob := p.local(t, p.office, EntityMeeting, p.gid(t, p.branch, EntityMeeting, b.ID))
	if _, err := p.gidOrNone(p.branch, EntityMeeting, draft.ID); err == nil {
		if _, ok := p.localOrNone(p.office, EntityMeeting, p.gid(t, p.branch, EntityMeeting, draft.ID)); ok {
			t.Error("a draft travelled to the office")
		}
	}
	om, err := p.office.Meeting(ctx, oa)
	if err != nil || om.Status != StatusSubmitted || len(om.Attendance) != 2 || om.Attendance[0].MemberID != p.zhao.ID {
		t.Fatalf("office's copy of the minutes: %+v %v", om, err)
	}
	files, _ := p.office.Attachments(ctx, EntityMeeting, oa)
	if len(files) != 1 || files[0].FileName != "会议照片.jpg" {
		t.Fatalf("attachments at the office: %+v", files)
	}
	if b, err := os.ReadFile(p.office.AttachmentPath(files[0])); err != nil || string(b) != "扫描件：发展党员" {
		t.Fatalf("attachment file at the office: %q %v", b, err)
	}
	// The office's member is unchanged until it accepts.
	if m, _ := p.office.Member(ctx, p.zhao.ID); m.Phone == "13900001111" {
		t.Fatal("a branch's proposal overwrote the office's member")
	}
	pend, err := p.office.PendingChanges(ctx, PendingOpen)
	if err != nil || len(pend) != 1 || pend[0].MemberID != p.zhao.ID || len(pend[0].Fields) != 1 || pend[0].Fields[0].Right != "13900001111" {
		t.Fatalf("pending: %+v %v", pend, err)
	}
	if err := p.office.AcceptPending(ctx, Role{BranchID: p.o.b1.ID}, pend[0].ID); !errors.Is(err, ErrForbidden) {
		t.Errorf("a branch role accepted a change: %v", err)
	}
	if err := p.office.AcceptPending(ctx, RoleOffice, pend[0].ID); err != nil {
		t.Fatal(err)
	}
	if m, _ := p.office.Member(ctx, p.zhao.ID); m.Phone != "13900001111" {
		t.Fatalf("accepted change not applied: %q", m.Phone)
	}

	// The office reviews: one approved, one returned.
	if _, err := p.office.Review(ctx, oa, RoleOffice, StatusApproved, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := p.office.Review(ctx, ob, RoleOffice, StatusReturned, "请补充讨论情况"); err != nil {
		t.Fatal(err)
	}
	_, res = p.toBranch(t)
	if res.Applied[EntityMeeting] != 2 || len(res.Conflicts) != 0 {
		t.Fatalf("branch import of the review: %+v", res)
	}
	if m, _ := p.branch.Meeting(ctx, a.ID); m.Status != StatusApproved {
		t.Errorf("branch sees %s, want 已审核", m.Status)
	}
	if m, _ := p.branch.Meeting(ctx, b.ID); m.Status != StatusReturned || m.Comment != "请补充讨论情况" {
		t.Errorf("branch sees %s %q, want 退回 with the comment", m.Status, m.Comment)
	}
	// The attachment is still there, not duplicated.
	if files, _ := p.branch.Attachments(ctx, EntityMeeting, a.ID); len(files) != 1 {
		t.Errorf("branch attachments after the round trip: %+v", files)
	}

	// Nothing left to send either way (no ping-pong), once both confirmed.
	f2, _ := p.toOffice(t)
	if info := lastSent(t, p.branch); sum(info.Manifest.Counts) != 0 {
		t.Errorf("branch resent %v after the round trip (%s)", info.Manifest.Counts, f2)
	}
	p.toBranch(t)
	if info := lastSent(t, p.office); sum(info.Manifest.Counts) != 0 {
		t.Errorf("office resent %v after the round trip", info.Manifest.Counts)
	}
	hist, err := p.office.Packages(ctx)
	if err != nil || len(hist) != 5 { // sent 1, 2, 3; received 1, 2
		t.Fatalf("office history: %d %v", len(hist), err)
	}
	links, _ := p.office.BranchLinks(ctx)
	if len(links) != 2 || links[0].CopyID != id.CopyID || links[0].LastReceived != 2 || links[1].Invited {
		t.Errorf("branch links: %+v", links)
	}
}

func (p *xchgPair) gidOrNone(s *Store, entity string, id int64) (string, error) {
	var g string
	err := s.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow("SELECT gid FROM xchg_records WHERE entity = ? AND local_id = ?", entity, id).Scan(&g)
	})
	return g, err
}

func (p *xchgPair) localOrNone(s *Store, entity, gid string) (int64, bool) {
	var id int64
	s.readTx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.localOf(entity, gid)
		return err
	})
	return id, id != 0
}

func lastSent(t *testing.T, s *Store) PackageInfo {
	t.Helper()
	hist, err := s.Packages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hist {
		if h.Direction == PackageSent {
			return h
		}
	}
	t.Fatal("nothing sent")
	return PackageInfo{}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func TestExchangeReimportIsDuplicate(t *testing.T) {
	p := newXchgPair(t)
	p.branchMinutes(t, "发展党员", "a.pdf")
	f, res := p.toOffice(t)
	if res.Applied[EntityMeeting] != 1 {
		t.Fatalf("%+v", res)
	}
	before := xchgHead(t, p.office)
	prev, err := p.office.PreviewPackage(ctx, f)
	if err != nil || !prev.DuplicatePackage {
		t.Fatalf("preview of a re-import: %+v %v", prev, err)
	}
	res, err = p.office.ImportPackage(ctx, RoleOffice, f)
	if err != nil || !res.DuplicatePackage || sum(res.Applied) != 0 {
		t.Fatalf("re-import: %+v %v", res, err)
	}
	if xchgHead(t, p.office) != before {
		t.Error("re-importing a package changed the database")
	}
	// The initial package imported again into the branch copy: duplicate too.
	hist, _ := p.branch.Packages(ctx)
	_ = hist
}

func xchgHead(t *testing.T, s *Store) string {
	t.Helper()
	var head string
	var n int64
	if err := s.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow("SELECT last_hash, count FROM audit_head WHERE id = 1").Scan(&head, &n)
	}); err != nil {
		t.Fatal(err)
	}
	return head
}

func TestExchangeSkippedPackageReported(t *testing.T) {
	p := newXchgPair(t)
	// The office sends #2 (a renamed branch) and #3 (a new member); the
	// branch never gets #2.
	b1 := p.o.b1
	b1.ShortName = "一支部"
	if _, err := p.office.SaveUnit(ctx, RoleOffice, b1); err != nil {
		t.Fatal(err)
	}
	if _, err := p.office.ExportForBranch(ctx, RoleOffice, b1.ID, p.file("lost")); err != nil {
		t.Fatal(err)
	}
	newPartyMember(t, p.office, "李新人", b1.ID, 0, StandingFull, "2015-07-01", "2016-07-01")
	f3 := p.file("third")
	if _, err := p.office.ExportForBranch(ctx, RoleOffice, b1.ID, f3); err != nil {
		t.Fatal(err)
	}
	prev, err := p.branch.PreviewPackage(ctx, f3)
	if err != nil || !strings.Contains(prev.Gap, "第 2 号") {
		t.Fatalf("gap not reported: %+v %v", prev, err)
	}
	res, err := p.branch.ImportPackage(ctx, p.branchRole(t), f3)
	if err != nil || res.Gap == "" {
		t.Fatalf("%+v %v", res, err)
	}
	// Nothing of the skipped package is lost: #3 carried it too.
	if res.Applied[EntityOrgUnit] != 1 || res.Applied[EntityMember] != 1 {
		t.Errorf("package after a gap applied %v, want the renamed unit and the new member", res.Applied)
	}
	if u, _ := p.branch.OrgUnit(ctx, p.branchRole(t).BranchID); u.ShortName != "一支部" {
		t.Errorf("branch name %q", u.ShortName)
	}
	hist, _ := p.branch.Packages(ctx)
	if hist[0].Note == "" {
		t.Error("the history does not note the gap")
	}
}

// rewriteZip copies a package, changing one member's content.
func rewriteZip(t *testing.T, src, dst, name string, change func([]byte) []byte) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == name {
			b = change(b)
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	if err := os.WriteFile(dst, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestExchangeRefusesBadPackagesAndChangesNothing(t *testing.T) {
	p := newXchgPair(t)
	p.branchMinutes(t, "发展党员", "scan.png")
	good := p.file("good")
	if _, err := p.branch.ExportForOffice(ctx, p.branchRole(t), good); err != nil {
		t.Fatal(err)
	}
	// Another organisation's office, with a branch of the same name.
	other := newMeetingOrg(t)
	foreign := p.file("foreign")
	if _, err := other.s.ExportForBranch(ctx, RoleOffice, other.b1.ID, foreign); err != nil {
		t.Fatal(err)
	}
	// An unknown copy: a clone of the office (same organisation) invites
	// the branch again; the copy made from it is not one the office knows.
	cloneDir := t.TempDir()
	if err := p.office.Backup(ctx, filepath.Join(cloneDir, "t.db"), nil); err != nil {
		t.Fatal(err)
	}
	clone, err := Open(filepath.Join(cloneDir, "t.db"), Options{Now: p.office.opt.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer clone.Close()
	if _, err := clone.ExportForBranch(ctx, RoleOffice, p.o.b2.ID, filepath.Join(cloneDir, "init.djx")); err != nil {
		t.Fatal(err)
	}
	rogue := openTest(t)
	if _, err := rogue.ImportPackage(ctx, RoleOffice, filepath.Join(cloneDir, "init.djx")); err != nil {
		t.Fatal(err)
	}
	unknown := p.file("unknown")
	if _, err := rogue.ExportForOffice(ctx, rogue.Role(ctx), unknown); err != nil {
		t.Fatal(err)
	}

	tampered := p.file("tampered")
	rewriteZip(t, good, tampered, "content.json", func(b []byte) []byte {
		return bytes.Replace(b, []byte("同意。"), []byte("不同意"), 1)
	})
	badFile := p.file("badfile")
	rewriteZip(t, good, badFile, "manifest.json", func(b []byte) []byte {
		return bytes.Replace(b, []byte(`"number": 1`), []byte(`"number": 9`), 1)
	})
	raw, _ := os.ReadFile(good)
	truncated := p.file("truncated")
	os.WriteFile(truncated, raw[:len(raw)/2], 0o600)
	garbage := p.file("garbage")
	os.WriteFile(garbage, []byte("这不是交换包"), 0o600)

	cases := []struct {
		name string
		s    *Store
		role Role
		file string
		want string
	}{
		{"tampered content", p.office, RoleOffice, tampered, "签名不符"},
		{"tampered manifest", p.office, RoleOffice, badFile, "签名不符"},
		{"truncated", p.office, RoleOffice, truncated, "不完整"},
		{"not a package", p.office, RoleOffice, garbage, "不完整"},
		{"foreign organisation", p.branch, p.branchRole(t), foreign, "另一个组织"},
		{"unknown copy", p.office, RoleOffice, unknown, "未登记的副本"},
		{"initial package into the office", p.office, RoleOffice, filepath.Join(cloneDir, "init.djx"), "党支部的电脑"},
		{"own package", p.branch, p.branchRole(t), good, "本机自己发出"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := xchgHead(t, c.s)
			filesBefore, _ := os.ReadDir(c.s.AttachmentDir())
			prev, err := c.s.PreviewPackage(ctx, c.file)
			if err != nil || !strings.Contains(prev.Refused, c.want) {
				t.Errorf("preview: refused %q (want %q), %v", prev.Refused, c.want, err)
			}
			_, err = c.s.ImportPackage(ctx, c.role, c.file)
			if !errors.Is(err, ErrPackageRefused) || !strings.Contains(RefusalReason(err), c.want) {
				t.Fatalf("import: %v, want a refusal saying %q", err, c.want)
			}
			if xchgHead(t, c.s) != before {
				t.Error("a refused package changed the database")
			}
			filesAfter, _ := os.ReadDir(c.s.AttachmentDir())
			if len(filesAfter) != len(filesBefore) {
				t.Error("a refused package left files in storage")
			}
		})
	}
	// The good package still imports after all that.
	if res, err := p.office.ImportPackage(ctx, RoleOffice, good); err != nil || res.Applied[EntityMeeting] != 1 {
		t.Fatalf("good package after refusals: %+v %v", res, err)
	}
}

func TestExchangeConflictKeptSideBySide(t *testing.T) {
	p := newXchgPair(t)
	m := p.branchMinutes(t, "主题党日", "")
	p.toOffice(t)
	om := p.local(t, p.office, EntityMeeting, p.gid(t, p.branch, EntityMeeting, m.ID))
	if _, err := p.office.Review(ctx, om, RoleOffice, StatusReturned, "请补充"); err != nil {
		t.Fatal(err)
	}
	p.toBranch(t)
	p.toOffice(t) // confirms the review
	// Both edit the returned minutes before the next exchange.
	bm, _ := p.branch.Meeting(ctx, m.ID)
	bm.Content = "支部的修改：补充了讨论情况。"
	if _, _, err := p.branch.SaveMeeting(ctx, p.branchRole(t), bm); err != nil {
		t.Fatal(err)
	}
	offm, _ := p.office.Meeting(ctx, om)
	offm.Content = "办公室的修改：更正了地点。"
	if _, _, err := p.office.SaveMeeting(ctx, RoleOffice, offm); err != nil {
		t.Fatal(err)
	}
	f := p.file("conflict")
	if _, err := p.office.ExportForBranch(ctx, RoleOffice, p.o.b1.ID, f); err != nil {
		t.Fatal(err)
	}
	prev, err := p.branch.PreviewPackage(ctx, f)
	if err != nil || len(prev.Items) != 1 || prev.Items[0].Action != ItemConflict || prev.Items[0].Label != "会议记录" ||
		!strings.Contains(prev.Summary(), "冲突 1 条") {
		t.Fatalf("preview of a conflicting edit: %+v %v", prev, err)
	}
	res, err := p.branch.ImportPackage(ctx, p.branchRole(t), f)
	if err != nil || len(res.Conflicts) != 1 || res.Applied[EntityMeeting] != 0 {
		t.Fatalf("branch import of a conflicting edit: %+v %v", res, err)
	}
	if got, _ := p.branch.Meeting(ctx, m.ID); got.Content != bm.Content {
		t.Fatal("the conflict overwrote the branch's version")
	}
	cs, err := p.branch.Conflicts(ctx, ConflictOpen)
	if err != nil || len(cs) != 1 {
		t.Fatalf("conflicts: %+v %v", cs, err)
	}
	var content *FieldPair
	for i, f := range cs[0].Fields {
		if f.Key == "content" {
			content = &cs[0].Fields[i]
		}
		if f.Key != "content" && f.Differs {
			t.Errorf("field %s differs: %q / %q", f.Label, f.Left, f.Right)
		}
	}
	if content == nil || content.Label != "主要内容" || content.Left != bm.Content || content.Right != offm.Content || !content.Differs {
		t.Fatalf("side by side: %+v", content)
	}
	// While undecided, neither version travels.
	p.toOffice(t)
	if got, _ := p.office.Meeting(ctx, om); got.Content != offm.Content {
		t.Fatal("an undecided conflict travelled back")
	}
	// The branch keeps its own: it goes to the office with the next package.
	if err := p.branch.ResolveConflict(ctx, p.branchRole(t), cs[0].ID, KeepLocal); err != nil {
		t.Fatal(err)
	}
	if err := p.branch.ResolveConflict(ctx, p.branchRole(t), cs[0].ID, KeepLocal); err == nil {
		t.Error("a conflict was decided twice")
	}
	_, res = p.toOffice(t)
	if res.Applied[EntityMeeting] != 1 || len(res.Conflicts) != 0 {
		t.Fatalf("office import after the decision: %+v", res)
	}
	if got, _ := p.office.Meeting(ctx, om); got.Content != bm.Content {
		t.Errorf("office has %q, want the branch's kept version", got.Content)
	}
	// Taking the package's version instead.
	bm2, _ := p.branch.Meeting(ctx, m.ID)
	bm2.Content = "支部第二次修改。"
	if _, _, err := p.branch.SaveMeeting(ctx, p.branchRole(t), bm2); err != nil {
		t.Fatal(err)
	}
	p.toBranch(t) // confirms the office's receipt
	offm, _ = p.office.Meeting(ctx, om)
	offm.Content = "办公室第二次修改。"
	if _, _, err := p.office.SaveMeeting(ctx, RoleOffice, offm); err != nil {
		t.Fatal(err)
	}
	_, res = p.toBranch(t)
	if len(res.Conflicts) != 1 {
		t.Fatalf("second conflict: %+v", res)
	}
	cs, _ = p.branch.Conflicts(ctx, ConflictOpen)
	if err := p.branch.ResolveConflict(ctx, p.branchRole(t), cs[0].ID, KeepIncoming); err != nil {
		t.Fatal(err)
	}
	if got, _ := p.branch.Meeting(ctx, m.ID); got.Content != "办公室第二次修改。" {
		t.Errorf("branch has %q after taking the package's version", got.Content)
	}
}

func TestBranchCopyCannotApproveOwnMinutes(t *testing.T) {
	p := newXchgPair(t)
	m := p.branchMinutes(t, "发展党员", "")
	role := p.branch.Role(ctx)
	if _, err := p.branch.Review(ctx, m.ID, role, StatusApproved, ""); !errors.Is(err, ErrForbidden) {
		t.Errorf("a branch copy approved its own minutes: %v", err)
	}
	// Its role comes from its identity, not from a setting it could change.
	if err := p.branch.SetRole(ctx, role, RoleOffice); err == nil {
		t.Error("a branch copy made itself the office")
	}
	if err := p.branch.SetSetting(ctx, SettingXchgKind, CopyOffice); err == nil {
		t.Error("the exchange identity was changed as a plain setting")
	}
	if _, err := p.branch.ExportForBranch(ctx, role, p.branchRole(t).BranchID, p.file("x")); !errors.Is(err, ErrForbidden) {
		t.Errorf("a branch copy made a branch package: %v", err)
	}
	// An approval forged into a branch's package is refused at the office.
	if err := p.branch.Write(ctx, func(tx *Tx) error {
		_, err := tx.exec("UPDATE meetings SET status = ?, reviewed_by = '自己' WHERE id = ?", StatusApproved, m.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	markTampered(p.branch)
	_, res := p.toOffice(t)
	if len(res.Refusals) != 1 || !strings.Contains(res.Refusals[0].Reason, "不能自行审核") || res.Applied[EntityMeeting] != 0 {
		t.Fatalf("forged approval: %+v", res)
	}
}

func TestExchangeRejectedProposalGoesBack(t *testing.T) {
	p := newXchgPair(t)
	zb := p.local(t, p.branch, EntityMember, p.gid(t, p.office, EntityMember, p.zhao.ID))
	zm, _ := p.branch.Member(ctx, zb)
	zm.Address = "支部写的地址"
	if _, _, err := p.branch.SaveMember(ctx, p.branchRole(t), zm); err != nil {
		t.Fatal(err)
	}
	_, res := p.toOffice(t)
	if res.Pending != 1 {
		t.Fatalf("%+v", res)
	}
	pend, _ := p.office.PendingChanges(ctx, PendingOpen)
	if err := p.office.RejectPending(ctx, RoleOffice, pend[0].ID, "地址有误"); err != nil {
		t.Fatal(err)
	}
	if all, _ := p.office.PendingChanges(ctx, ""); len(all) != 1 || all[0].Status != PendingRejected || all[0].Reason != "地址有误" {
		t.Fatalf("after rejecting: %+v", all)
	}
	p.toBranch(t)
	if m, _ := p.branch.Member(ctx, zb); m.Address != "" {
		t.Errorf("branch keeps %q after the office rejected it", m.Address)
	}
}

func TestExchangeTasksReportedAndScored(t *testing.T) {
	p := newXchgPair(t)
	task, err := p.office.SaveTask(ctx, RoleOffice, Task{Aspect: "组织建设", Title: "完成支部换届", Requirement: "按期换届",
		Due: MustDate("2026-12-20"), Points: 50, Branches: []int64{p.o.b1.ID, p.o.b2.ID}})
	if err != nil {
		t.Fatal(err)
	}
	_, res := p.toBranch(t)
	if res.Applied[EntityTask] != 1 || res.Applied[EntityAssignment] != 1 {
		t.Fatalf("task down: %+v", res)
	}
	role := p.branchRole(t)
	list, err := p.branch.Assignments(ctx, TaskFilter{})
	if err != nil || len(list) != 1 || list[0].BranchID != role.BranchID || list[0].Task.Title != "完成支部换届" {
		t.Fatalf("branch copy's assignments: %+v %v", list, err)
	}
	if _, err := p.branch.ActOnTask(ctx, list[0].ID, role, TaskAction{Action: StepPass, Score: 50}); !errors.Is(err, ErrForbidden) {
		t.Errorf("a branch copy scored its own task: %v", err)
	}
	if _, err := p.branch.ActOnTask(ctx, list[0].ID, role, TaskAction{Action: StepReport, Text: "已完成换届选举"}); err != nil {
		t.Fatal(err)
	}
	_, res = p.toOffice(t)
	if res.Applied[EntityAssignment] != 1 || len(res.Refusals) != 0 {
		t.Fatalf("report up: %+v", res)
	}
	office, _ := p.office.Assignments(ctx, TaskFilter{BranchID: p.o.b1.ID, WithSteps: true})
	if len(office) != 1 || office[0].Status != TaskReported || office[0].Progress != "已完成换届选举" || len(office[0].Steps) != 1 {
		t.Fatalf("office's assignment after the report: %+v", office)
	}
	if _, err := p.office.ActOnTask(ctx, office[0].ID, RoleOffice, TaskAction{Action: StepPass, Score: 45, Text: "完成较好"}); err != nil {
		t.Fatal(err)
	}
	_, res = p.toBranch(t)
	if res.Applied[EntityAssignment] != 1 {
		t.Fatalf("score down: %+v", res)
	}
	list, _ = p.branch.Assignments(ctx, TaskFilter{WithSteps: true})
	if list[0].Status != TaskDone || list[0].Score == nil || *list[0].Score != 45 || len(list[0].Steps) != 2 {
		t.Fatalf("branch after the review: %+v", list[0])
	}
	_ = task
}

func TestExchangeChecklistEvidenceUpScoreDown(t *testing.T) {
	p := newXchgPair(t)
	items, err := p.office.ChecklistItems(ctx, 2027)
	if err != nil {
		t.Fatal(err)
	}
	var manual ChecklistItem
	for _, it := range items {
		if it.Rule == "" {
			manual = it
			break
		}
	}
	// The branch copy looked at the checklist first: its own seeded items
	// become the office's, not a second set.
	if _, err := p.branch.ChecklistItems(ctx, 2027); err != nil {
		t.Fatal(err)
	}
	p.toBranch(t)
	bItems, _ := p.branch.ChecklistItems(ctx, 2027)
	if len(bItems) != len(items) {
		t.Fatalf("branch has %d items, office %d", len(bItems), len(items))
	}
	role := p.branchRole(t)
	bItem := p.local(t, p.branch, EntityChecklistItem, p.gid(t, p.office, EntityChecklistItem, manual.ID))
	if err := p.branch.SetManualScore(ctx, role, bItem, role.BranchID, 5, ""); !errors.Is(err, ErrForbidden) {
		t.Errorf("a branch copy scored its own checklist: %v", err)
	}
	if err := p.branch.SetEvidence(ctx, role, bItem, role.BranchID, "见会议记录"); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "佐证.pdf")
	os.WriteFile(src, []byte("%PDF 佐证"), 0o600)
	if _, err := p.branch.AddChecklistAttachment(ctx, role, bItem, role.BranchID, src); err != nil {
		t.Fatal(err)
	}
	_, res := p.toOffice(t)
	if res.Applied[EntityChecklistScore] != 1 || len(res.Refusals) != 0 {
		t.Fatalf("evidence up: %+v", res)
	}
	if files, _ := p.office.ChecklistAttachments(ctx, manual.ID, p.o.b1.ID); len(files) != 1 {
		t.Fatalf("evidence files at the office: %+v", files)
	}
	if err := p.office.SetManualScore(ctx, RoleOffice, manual.ID, p.o.b1.ID, 3, "佐证较全"); err != nil {
		t.Fatal(err)
	}
	_, res = p.toBranch(t)
	if res.Applied[EntityChecklistScore] != 1 {
		t.Fatalf("score down: %+v", res)
	}
	var sc scoreRow
	p.branch.readTx(ctx, func(tx *Tx) error {
		sc, _, err = tx.loadScoreRow(bItem, role.BranchID)
		return err
	})
	if !sc.Score.Valid || sc.Score.Int64 != 3 || sc.Comment != "佐证较全" || sc.Evidence != "见会议记录" {
		t.Errorf("branch's row after the review: %+v", sc)
	}
}

func TestExchangeNoticesDownReadsUpTemplatesAdopted(t *testing.T) {
	p := newXchgPair(t)
	mine, err := p.office.SaveNotice(ctx, RoleOffice, Notice{Title: "关于开展主题党日的通知", Body: "请各支部……", Sender: "党总支",
		PublishDate: MustDate("2026-11-01"), Branches: []int64{p.o.b1.ID}})
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "附件.docx")
	os.WriteFile(src, []byte("通知附件"), 0o600)
	if _, err := p.office.AddAttachment(ctx, RoleOffice, EntityNotice, mine.ID, src); err != nil {
		t.Fatal(err)
	}
	if _, err := p.office.SaveNotice(ctx, RoleOffice, Notice{Title: "全体通知", PublishDate: MustDate("2026-11-02")}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.office.SaveNotice(ctx, RoleOffice, Notice{Title: "只发第二支部", PublishDate: MustDate("2026-11-02"), Branches: []int64{p.o.b2.ID}}); err != nil {
		t.Fatal(err)
	}
	tpls, _ := p.office.Templates(ctx, "")
	tpl := tpls[0]
	tpl.Content = "办公室修改过的模板内容"
	if _, err := p.office.SaveTemplate(ctx, tpl); err != nil {
		t.Fatal(err)
	}
	_, res := p.toBranch(t)
	if res.Applied[EntityNotice] != 2 || len(res.Refusals) != 0 {
		t.Fatalf("notices down: %+v", res)
	}
	role := p.branchRole(t)
	ns, _ := p.branch.Notices(ctx, role)
	if len(ns) != 2 {
		t.Fatalf("branch sees %d notices, want the 2 addressed to it", len(ns))
	}
	bn := p.local(t, p.branch, EntityNotice, p.gid(t, p.office, EntityNotice, mine.ID))
	if files, _ := p.branch.Attachments(ctx, EntityNotice, bn); len(files) != 1 {
		t.Errorf("notice files at the branch: %+v", files)
	}
	btpls, _ := p.branch.Templates(ctx, "")
	if len(btpls) != len(tpls) {
		t.Errorf("branch has %d templates, office %d: the shipped ones were not matched", len(btpls), len(tpls))
	}
	found := false
	for _, bt := range btpls {
		found = found || bt.Content == "办公室修改过的模板内容"
	}
	if !found {
		t.Error("the office's template change did not arrive")
	}
	if err := p.branch.MarkNoticeRead(ctx, role, bn); err != nil {
		t.Fatal(err)
	}
	_, res = p.toOffice(t)
	if res.Applied[EntityNoticeRead] != 1 {
		t.Fatalf("read mark up: %+v", res)
	}
	ons, _ := p.office.Notices(ctx, RoleOffice)
	for _, n := range ons {
		if n.ID == mine.ID && !n.ReadByBranch(p.o.b1.ID) {
			t.Error("the office does not see the branch's 已读")
		}
	}
}

func TestExchangeBranchEventPendingThenAccepted(t *testing.T) {
	p := newXchgPair(t)
	role := p.branchRole(t)
	zb := p.local(t, p.branch, EntityMember, p.gid(t, p.office, EntityMember, p.zhao.ID))
	if _, _, err := p.branch.RecordEvent(ctx, role, MemberEvent{MemberID: zb, Kind: EventReward, Date: MustDate("2026-10-01"), Content: "优秀共产党员"}); err != nil {
		t.Fatal(err)
	}
	_, res := p.toOffice(t)
	if res.Pending < 1 {
		t.Fatalf("event up: %+v", res)
	}
	if evs, _ := p.office.MemberEvents(ctx, p.zhao.ID); len(evs) != 0 {
		t.Fatal("a branch's event was recorded at the office without a decision")
	}
	pend, _ := p.office.PendingChanges(ctx, PendingOpen)
	var ev *PendingChange
	for i := range pend {
		if pend[i].Entity == EntityEvent {
			ev = &pend[i]
		}
	}
	if ev == nil || ev.MemberID != p.zhao.ID || ev.Label != "党员历史事项" || len(ev.Fields) == 0 {
		t.Fatalf("pending event: %+v", pend)
	}
	if err := p.office.AcceptPending(ctx, RoleOffice, ev.ID); err != nil {
		t.Fatal(err)
	}
	evs, _ := p.office.MemberEvents(ctx, p.zhao.ID)
	if len(evs) != 1 || evs[0].Content != "优秀共产党员" {
		t.Fatalf("office events after accepting: %+v", evs)
	}
	if m, _ := p.office.Member(ctx, p.zhao.ID); !strings.Contains(m.Rewards, "优秀共产党员") {
		t.Errorf("accepted event not applied to the member: %q", m.Rewards)
	}
	if err := p.office.AcceptPending(ctx, RoleOffice, ev.ID); err == nil {
		t.Error("a change was accepted twice")
	}
	// The office's record goes down; nothing is doubled at the branch.
	p.toBranch(t)
	if evs, _ := p.branch.MemberEvents(ctx, zb); len(evs) != 1 {
		t.Errorf("branch events after the round trip: %+v", evs)
	}
}

func TestExchangeDuesUpAndSameMonthOnBothSidesIsAConflict(t *testing.T) {
	p := newXchgPair(t)
	role := p.branchRole(t)
	zb := p.local(t, p.branch, EntityMember, p.gid(t, p.office, EntityMember, p.zhao.ID))
	mb := p.local(t, p.branch, EntityMember, p.gid(t, p.office, EntityMember, p.mover.ID))
	oct, _ := ParseMonth("2026-10")
	if err := p.branch.RecordDues(ctx, role, []DuesPayment{
		{MemberID: zb, Month: oct, BranchID: role.BranchID, Due: 2000, Paid: 2000, PaidDate: MustDate("2026-10-15"), Method: PayCash},
		{MemberID: mb, Month: oct, BranchID: role.BranchID, Due: 1500, Paid: 1500, PaidDate: MustDate("2026-10-15"), Method: PayCash},
	}); err != nil {
		t.Fatal(err)
	}
	// The office recorded one of the same months itself, differently.
	if err := p.office.RecordDues(ctx, RoleOffice, []DuesPayment{
		{MemberID: p.mover.ID, Month: oct, BranchID: p.o.b1.ID, Due: 1500, Paid: 1000, PaidDate: MustDate("2026-10-20"), Method: PayTransfer},
	}); err != nil {
		t.Fatal(err)
	}
	_, res := p.toOffice(t)
	if res.Applied[EntityDuesPayment] != 1 || len(res.Conflicts) != 1 {
		t.Fatalf("dues up: %+v", res)
	}
	cs, _ := p.office.Conflicts(ctx, ConflictOpen)
	if len(cs) != 1 || cs[0].Entity != EntityDuesPayment {
		t.Fatalf("conflicts: %+v", cs)
	}
	var paid *FieldPair
	for i := range cs[0].Fields {
		if cs[0].Fields[i].Key == "paid" {
			paid = &cs[0].Fields[i]
		}
	}
	if paid == nil || !paid.Differs || !strings.Contains(paid.Left, "10.00") || !strings.Contains(paid.Right, "15.00") {
		t.Fatalf("paid side by side: %+v", paid)
	}
	if err := p.office.ResolveConflict(ctx, RoleOffice, cs[0].ID, KeepIncoming); err != nil {
		t.Fatal(err)
	}
	var paidNow int64
	p.office.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow("SELECT paid FROM dues_ledger WHERE member_id = ? AND deleted_at IS NULL", p.mover.ID).Scan(&paidNow)
	})
	if paidNow != 1500 {
		t.Errorf("office's row after taking the branch's: paid %d", paidNow)
	}
	// Settled: nothing more travels back for it.
	p.toBranch(t)
	_, res = p.toOffice(t)
	if len(res.Conflicts) != 0 || res.Applied[EntityDuesPayment] != 0 {
		t.Errorf("after settling: %+v", res)
	}
}

// A record refused for a missing reference comes again once the
// reference is there: minutes a new member attended, before the office
// accepted the member.
func TestExchangeRefusedRecordIsSentAgain(t *testing.T) {
	p := newXchgPair(t)
	role := p.branchRole(t)
	newbie, _, err := p.branch.SaveMember(ctx, role, Member{Name: "周新来", Sex: "女", Standing: StandingFull, Status: StatusNormal,
		BranchID: role.BranchID, JoinDate: MustDate("2019-07-01"), FullDate: MustDate("2020-07-01")})
	if err != nil {
		t.Fatal(err)
	}
	m := Meeting{UnitID: role.BranchID, Kind: KindCommittee, Date: MustDate("2026-11-05"), Topic: "新党员参加", StartTime: "09:00", EndTime: "10:00",
		Place: "会议室", Host: "周新来", Recorder: "周新来", Content: "学习。", Resolution: "无。", Expected: 1, Present: 1,
		Attendance: []Attendance{{MemberID: newbie.ID, Name: "周新来", Standing: StandingFull, State: Present}}}
	m, _, err = p.branch.SaveMeeting(ctx, role, m)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.branch.Review(ctx, m.ID, role, StatusSubmitted, ""); err != nil {
		t.Fatal(err)
	}
	_, res := p.toOffice(t)
	if res.Pending != 1 || len(res.Refusals) != 1 || res.Applied[EntityMeeting] != 0 {
		t.Fatalf("first package: %+v", res)
	}
	pend, _ := p.office.PendingChanges(ctx, PendingOpen)
	if len(pend) != 1 || pend[0].MemberID != 0 {
		t.Fatalf("pending new member: %+v", pend)
	}
	if err := p.office.AcceptPending(ctx, RoleOffice, pend[0].ID); err != nil {
		t.Fatal(err)
	}
	p.toBranch(t) // tells the branch what was refused
	_, res = p.toOffice(t)
	if res.Applied[EntityMeeting] != 1 || len(res.Refusals) != 0 {
		t.Fatalf("minutes sent again: %+v", res)
	}
	// And then it rests.
	p.toBranch(t)
	_, res = p.toOffice(t)
	if sum(res.Applied) != 0 || len(res.Refusals) != 0 || res.Pending != 0 {
		t.Errorf("after the retry: %+v", res)
	}
}

func TestExchangeDevelopmentStepsBothWays(t *testing.T) {
	p := newXchgPair(t)
	c, _, err := p.office.SaveDevCandidate(ctx, RoleOffice, DevCandidate{Name: "吴申请", IDNumber: devID("19990101", "123"), BranchID: p.o.b1.ID,
		Phone: "13800138000", ApplyDate: MustDate("2026-03-01")})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := p.office.SaveDevStep(ctx, RoleOffice, DevStepRecord{CandidateID: c.ID, Step: 1, Date: MustDate("2026-03-01"),
		Materials: DefaultDevProcess().Step(1).Materials}); err != nil {
		t.Fatal(err)
	}
	_, res := p.toBranch(t)
	if res.Applied[EntityDevCandidate] != 1 || res.Applied[EntityDevStep] != 1 {
		t.Fatalf("development down: %+v", res)
	}
	role := p.branchRole(t)
	bc := p.local(t, p.branch, EntityDevCandidate, p.gid(t, p.office, EntityDevCandidate, c.ID))
	zb := p.local(t, p.branch, EntityMember, p.gid(t, p.office, EntityMember, p.zhao.ID))
	if _, _, err := p.branch.SaveDevStep(ctx, role, DevStepRecord{CandidateID: bc, Step: 2, Date: MustDate("2026-03-20"),
		People: []DevPerson{{MemberID: zb, Role: DevRoleCultivator}}}); err != nil {
		t.Fatal(err)
	}
	_, res = p.toOffice(t)
	if res.Applied[EntityDevStep] != 1 || len(res.Refusals) != 0 {
		t.Fatalf("development up: %+v", res)
	}
	steps, _ := p.office.DevSteps(ctx, c.ID)
	if len(steps) != 2 || steps[1].Step != 2 || len(steps[1].People) != 1 || steps[1].People[0].MemberID != p.zhao.ID {
		t.Fatalf("office's steps: %+v", steps)
	}
	p.toBranch(t)
	_, res = p.toOffice(t)
	if sum(res.Applied) != 0 {
		t.Errorf("development resent: %+v", res)
	}
}

// The package is one zip a person can look into: the manifest says from,
// to, when, number and counts; each attachment file is there once.
func TestExchangePackageFileIsReadable(t *testing.T) {
	p := newXchgPair(t)
	p.branchMinutes(t, "甲", "同一张照片.jpg")
	m := p.branchMinutes(t, "乙", "")
	// The same file attached to the second minutes too, under another name.
	src := filepath.Join(t.TempDir(), "另一个名字.jpg")
	os.WriteFile(src, []byte("扫描件：甲"), 0o600)
	role := p.branchRole(t)
	if _, err := p.branch.AddAttachment(ctx, role, EntityMeeting, m.ID, src); err != nil {
		t.Fatal(err)
	}
	f := p.file("look")
	info, err := p.branch.ExportForOffice(ctx, role, f)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	names := map[string]string{}
	files := 0
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		names[zf.Name] = string(b)
		if strings.HasPrefix(zf.Name, "files/") {
			files++
		}
	}
	if files != 1 {
		t.Errorf("%d files in the package, want the shared file once", files)
	}
	man := names["manifest.json"]
	for _, want := range []string{`"from_name": "第一支部"`, `"to_name": "党总支办公室"`, `"number": 1`, `"made"`, `"meeting": 2`} {
		if !strings.Contains(man, want) {
			t.Errorf("manifest lacks %s:\n%s", want, man)
		}
	}
	if txt := names["说明.txt"]; !strings.Contains(txt, "第 1 号") || !strings.Contains(txt, "会议记录 2 条") {
		t.Errorf("说明.txt:\n%s", txt)
	}
	if PackageFileName(info.Manifest) != "党建交换包-第一支部-至党总支办公室-第1号.djx" {
		t.Errorf("file name %q", PackageFileName(info.Manifest))
	}
}
