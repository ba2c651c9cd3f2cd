package data

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// devFixture is a store with a general branch, two branches and, in the
// first, three 正式党员 and one 预备党员 to name on steps.
type devFixture struct {
	s                *Store
	branchA, branchB int64
	full             []Member
	prob             Member
}

func newDevFixture(t *testing.T) devFixture {
	t.Helper()
	s := openTest(t)
	root, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelGeneral, FullName: "中共示范公交公司总支部委员会"})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelBranch, ParentID: root.ID, FullName: "机关党支部"})
	if err != nil {
		t.Fatal(err)
	}
	f := devFixture{s: s, branchA: a.ID, branchB: b.ID}
	for i, name := range []string{"王建国", "李红", "赵强"} {
		m, _, err := s.SaveMember(ctx, RoleOffice, Member{Name: name, IDNumber: devID("1970010"+string(rune('1'+i)), "01"+string(rune('1'+i))),
			BranchID: a.ID, Standing: StandingFull, Status: StatusNormal,
			JoinDate: MustDate("2000-07-01"), FullDate: MustDate("2001-07-01")})
		if err != nil {
			t.Fatal(err)
		}
		f.full = append(f.full, m)
	}
	f.prob, _, err = s.SaveMember(ctx, RoleOffice, Member{Name: "钱预备", IDNumber: devID("19900505", "031"), BranchID: a.ID,
		Standing: StandingProbationary, Status: StatusNormal, JoinDate: MustDate("2026-03-01")})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f devFixture) candidate(t *testing.T, name, id string) DevCandidate {
	t.Helper()
	c, _, err := f.s.SaveDevCandidate(ctx, Role{Office: true}, DevCandidate{Name: name, IDNumber: id, BranchID: f.branchA,
		Phone: "13800138000", ApplyDate: MustDate("2023-03-01")})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (f devFixture) step(t *testing.T, r DevStepRecord) (DevStepRecord, []DevWarning) {
	t.Helper()
	if r.Materials == nil {
		r.Materials = DefaultDevProcess().Step(r.Step).Materials
	}
	out, warns, err := f.s.SaveDevStep(ctx, Role{Office: true}, r)
	if err != nil {
		t.Fatalf("step %d: %v", r.Step, err)
	}
	return out, warns
}

// throughApproval records steps 1–17 of a regular file.
func (f devFixture) throughApproval(t *testing.T, c DevCandidate, introducer2 int64) []DevWarning {
	t.Helper()
	full := func(id int64, role string) DevPerson { return DevPerson{MemberID: id, Role: role} }
	var warns []DevWarning
	for _, r := range []DevStepRecord{
		{Step: 1, Date: MustDate("2023-03-01")},
		{Step: 2, Date: MustDate("2023-03-20")},
		{Step: 3, Date: MustDate("2023-06-01")},
		{Step: 5, Date: MustDate("2023-06-10"), People: []DevPerson{full(f.full[0].ID, DevRoleCultivator)}},
		{Step: 6, Date: MustDate("2023-12-01")},
		{Step: 6, Date: MustDate("2024-06-01")},
		{Step: 7, Date: MustDate("2024-06-15")},
		{Step: 9, Date: MustDate("2024-06-20"), People: []DevPerson{full(f.full[1].ID, DevRoleIntroducer), full(introducer2, DevRoleIntroducer)}},
		{Step: 10, Date: MustDate("2024-07-01")},
		{Step: 11, Date: MustDate("2024-07-10"), TrainingDays: 3},
		{Step: 14, Date: MustDate("2024-08-01")},
		{Step: 15, Date: MustDate("2024-09-01"), Vote: &DevVoteCount{Expected: 5, Present: 4, Yes: 4}},
		{Step: 17, Date: MustDate("2024-10-15")},
	} {
		r.CandidateID = c.ID
		_, warns = f.step(t, r)
	}
	return warns
}

func TestDevCandidateSaveRolesAndDuplicates(t *testing.T) {
	f := newDevFixture(t)
	id := devID("19950101", "123")
	c := f.candidate(t, "孙小明", id)
	if c.BirthDate != MustDate("1995-01-01") || c.Sex != "女" && c.Sex != "男" {
		t.Errorf("not filled from the ID number: %+v", c)
	}
	// A branch copy writes its own branch only.
	_, _, err := f.s.SaveDevCandidate(ctx, Role{BranchID: f.branchB}, DevCandidate{Name: "周一", BranchID: f.branchA,
		ApplyDate: MustDate("2025-01-01")})
	if err == nil || !strings.Contains(err.Error(), "本支部") {
		t.Errorf("branch B wrote branch A: %v", err)
	}
	c.Phone = "13900139000"
	if _, _, err := f.s.SaveDevCandidate(ctx, Role{BranchID: f.branchB}, c); err == nil {
		t.Error("branch B changed branch A's candidate")
	}
	// Moving a candidate to another branch needs the old branch's right too.
	c2 := c
	c2.BranchID = f.branchB
	if _, _, err := f.s.SaveDevCandidate(ctx, Role{BranchID: f.branchB}, c2); err == nil {
		t.Error("branch B took branch A's candidate")
	}
	if _, _, err := f.s.SaveDevCandidate(ctx, Role{BranchID: f.branchA}, c); err != nil {
		t.Errorf("own branch: %v", err)
	}
	// Duplicate ID numbers: another candidate, or someone on the roster.
	for _, dup := range []string{id, f.full[0].IDNumber} {
		_, _, err := f.s.SaveDevCandidate(ctx, Role{Office: true}, DevCandidate{Name: "重复", IDNumber: dup, BranchID: f.branchA,
			ApplyDate: MustDate("2025-01-01")})
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Errors[0].Field != "id_number" {
			t.Errorf("duplicate %s: %v", dup, err)
		}
	}
	list, err := f.s.DevCandidates(ctx, DevCandidateFilter{BranchID: f.branchA})
	if err != nil || len(list) != 1 || list[0].Phone != "13900139000" {
		t.Fatalf("%+v %v", list, err)
	}
	if err := f.s.DeleteDevCandidate(ctx, Role{BranchID: f.branchB}, c.ID); err == nil {
		t.Error("branch B deleted")
	}
	if err := f.s.DeleteDevCandidate(ctx, Role{Office: true}, c.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := f.s.DevCandidates(ctx, DevCandidateFilter{}); len(list) != 0 {
		t.Errorf("deleted still listed: %+v", list)
	}
	// Nothing hard-deleted: the row is still there, and the ID can be reused.
	var n int
	f.s.read(func(db *sql.DB) error { return db.QueryRow("SELECT count(*) FROM dev_candidates").Scan(&n) })
	if n != 1 {
		t.Errorf("%d rows", n)
	}
	f.candidate(t, "孙小明", id)
	ents, err := f.s.AuditEntries(ctx, AuditFilter{Entity: EntityDevCandidate})
	if err != nil || len(ents) != 4 {
		t.Errorf("%d audit rows %v", len(ents), err)
	}
}

func TestDevStepRefusals(t *testing.T) {
	f := newDevFixture(t)
	c := f.candidate(t, "孙小明", devID("19950101", "123"))
	for _, r := range []DevStepRecord{
		{Step: 0, Date: MustDate("2024-01-01")},
		{Step: 26, Date: MustDate("2024-01-01")},
		{Step: 2},
		{Step: 2, Date: MustDate("2027-01-01")},
		{Step: 15, Date: MustDate("2024-01-01"), Vote: &DevVoteCount{Expected: 5, Present: 6, Yes: 4}},
		{Step: 15, Date: MustDate("2024-01-01"), Vote: &DevVoteCount{Expected: 5, Present: 3, Yes: 3, No: 1}},
		{Step: 23, Date: MustDate("2024-01-01"), Outcome: DevOutcomeExtend, ExtendMonths: 13},
		{Step: 23, Date: MustDate("2024-01-01"), Outcome: DevOutcomeExtend},
		{Step: 23, Date: MustDate("2024-01-01"), Outcome: "随便"},
	} {
		r.CandidateID = c.ID
		if _, _, err := f.s.SaveDevStep(ctx, Role{Office: true}, r); err == nil {
			t.Errorf("accepted %+v", r)
		}
	}
	_, _, err := f.s.SaveDevStep(ctx, Role{BranchID: f.branchB}, DevStepRecord{CandidateID: c.ID, Step: 2, Date: MustDate("2023-03-20")})
	if err == nil || !strings.Contains(err.Error(), "本支部") {
		t.Errorf("branch B recorded a step: %v", err)
	}
	// Late and out of order: warned, saved.
	r, warns, err := f.s.SaveDevStep(ctx, Role{BranchID: f.branchA}, DevStepRecord{CandidateID: c.ID, Step: 2,
		Date: MustDate("2023-06-20"), Materials: []string{"谈话记录"}})
	if err != nil || r.ID == 0 {
		t.Fatal(err)
	}
	if !hasDevWarning(warns, 2, DevWarnLate) {
		t.Errorf("no late warning: %+v", warns)
	}
	steps, _ := f.s.DevSteps(ctx, c.ID)
	if len(steps) != 1 || steps[0].Date != MustDate("2023-06-20") || steps[0].Materials[0] != "谈话记录" {
		t.Errorf("%+v", steps)
	}
	if err := f.s.DeleteDevStep(ctx, Role{Office: true}, r.ID); err != nil {
		t.Fatal(err)
	}
	if steps, _ := f.s.DevSteps(ctx, c.ID); len(steps) != 0 {
		t.Errorf("deleted step listed: %+v", steps)
	}
}

func hasDevWarning(ws []DevWarning, step int, kind string) bool {
	for _, w := range ws {
		if w.Step == step && w.Kind == kind {
			return true
		}
	}
	return false
}

func TestDevJoinRosterAndFull(t *testing.T) {
	f := newDevFixture(t)
	c := f.candidate(t, "孙小明", devID("19950101", "123"))
	// A 预备党员 introducer is a warning on step 9, never a refusal.
	warns := f.throughApproval(t, c, f.prob.ID)
	if !hasDevWarning(warns, DevStepIntroducers, DevWarnPeople) {
		t.Errorf("预备党员 introducer not warned: %+v", warns)
	}
	steps, _ := f.s.DevSteps(ctx, c.ID)
	var people []DevPerson
	for _, r := range steps {
		if r.Step == DevStepIntroducers {
			people = r.People
		}
	}
	if len(people) != 2 || people[1].Name != "钱预备" || people[1].Standing != StandingProbationary {
		t.Errorf("people not filled from the roster: %+v", people)
	}
	file, err := f.s.DevFileOf(ctx, c.ID)
	if err != nil || file.Candidate.MemberID == 0 {
		t.Fatalf("not linked to the roster: %+v %v", file.Candidate, err)
	}
	m, err := f.s.Member(ctx, file.Candidate.MemberID)
	if err != nil {
		t.Fatal(err)
	}
	if m.Standing != StandingProbationary || m.JoinDate != MustDate("2024-09-01") || m.BranchID != f.branchA ||
		m.ApplyDate != MustDate("2023-03-01") || m.ActivistDate != MustDate("2023-06-01") ||
		m.CandidateDate != MustDate("2024-06-15") || m.Introducer1 != "李红" || m.Introducer2 != "钱预备" ||
		m.Cultivator != "王建国" || m.JoinBranch != "第一车队党支部" || m.Status != StatusNormal {
		t.Errorf("dossier %+v", m)
	}
	back, err := f.s.MemberDevelopment(ctx, m.ID)
	if err != nil || back.Candidate.ID != c.ID || len(back.Steps) != 13 {
		t.Errorf("MemberDevelopment: %+v %v", back.Candidate, err)
	}
	if _, err := f.s.MemberDevelopment(ctx, f.full[0].ID); err != ErrNotFound {
		t.Errorf("a member without a file: %v", err)
	}
	// Saving step 17 again does not make a second dossier.
	f.step(t, DevStepRecord{CandidateID: c.ID, Step: 18, Date: MustDate("2024-10-20")})
	if list, _ := f.s.Members(ctx, MemberFilter{Standing: StandingProbationary}); len(list) != 2 {
		t.Errorf("%d 预备党员", len(list))
	}
	// 转正: 正式党员 from the day probation ended, not from the approval.
	f.step(t, DevStepRecord{CandidateID: c.ID, Step: 22, Date: MustDate("2025-08-20")})
	f.step(t, DevStepRecord{CandidateID: c.ID, Step: 23, Date: MustDate("2025-09-05"), Outcome: DevOutcomeFull,
		Vote: &DevVoteCount{Expected: 6, Present: 5, Yes: 5}})
	if m, _ = f.s.Member(ctx, m.ID); m.Standing != StandingProbationary {
		t.Errorf("full before approval: %+v", m)
	}
	f.step(t, DevStepRecord{CandidateID: c.ID, Step: 24, Date: MustDate("2025-10-10")})
	m, _ = f.s.Member(ctx, m.ID)
	if m.Standing != StandingFull || m.FullDate != MustDate("2025-09-01") || m.FullBranch != "第一车队党支部" {
		t.Errorf("after 转正: %s %s %q", m.Standing, m.FullDate, m.FullBranch)
	}
	evs, _ := f.s.MemberEvents(ctx, m.ID)
	if len(evs) != 1 || evs[0].Kind != EventFull || evs[0].Date != MustDate("2025-09-01") {
		t.Errorf("history %+v", evs)
	}
	file, _ = f.s.DevFileOf(ctx, c.ID)
	if st := DevStageOf(file.Candidate, file.Steps); st != DevStageFull {
		t.Errorf("stage %s", st)
	}
}

func TestDevExtendThenCancel(t *testing.T) {
	f := newDevFixture(t)
	c := f.candidate(t, "孙小明", devID("19950101", "123"))
	f.throughApproval(t, c, f.full[2].ID)
	f.step(t, DevStepRecord{CandidateID: c.ID, Step: 23, Date: MustDate("2025-09-05"), Outcome: DevOutcomeExtend, ExtendMonths: 6,
		Vote: &DevVoteCount{Expected: 6, Present: 5, Yes: 4}})
	f.step(t, DevStepRecord{CandidateID: c.ID, Step: 24, Date: MustDate("2025-10-10")})
	file, _ := f.s.DevFileOf(ctx, c.ID)
	m, _ := f.s.Member(ctx, file.Candidate.MemberID)
	if m.Standing != StandingProbationary || m.Status != StatusNormal {
		t.Errorf("an extension's approval made %s/%s", m.Standing, m.Status)
	}
	f.step(t, DevStepRecord{CandidateID: c.ID, Step: 23, Date: MustDate("2026-03-05"), Outcome: DevOutcomeCancel,
		Vote: &DevVoteCount{Expected: 6, Present: 5, Yes: 4}})
	m, _ = f.s.Member(ctx, m.ID)
	if m.Status != StatusExpelled || !InHistory(m.Status) {
		t.Errorf("cancelled member status %s", m.Status)
	}
	evs, _ := f.s.MemberEvents(ctx, m.ID)
	if len(evs) != 1 || evs[0].Kind != EventStatus || evs[0].Note != DevOutcomeCancel || evs[0].Date != MustDate("2026-03-05") {
		t.Errorf("history %+v", evs)
	}
	file, _ = f.s.DevFileOf(ctx, c.ID)
	if !DevCancelled(file.Steps) {
		t.Error("not cancelled")
	}
}

func TestDevMaterialsExpectedAndStepEdits(t *testing.T) {
	f := newDevFixture(t)
	c := f.candidate(t, "孙小明", devID("19950101", "123"))
	r, _ := f.step(t, DevStepRecord{CandidateID: c.ID, Step: 1, Date: MustDate("2023-03-01"), Materials: []string{}})
	src := filepath.Join(t.TempDir(), "申请书.pdf")
	os.WriteFile(src, []byte("%PDF-1.4 test"), 0o644)
	if _, err := f.s.AddDevMaterial(ctx, Role{BranchID: f.branchB}, r.ID, "入党申请书", src); err == nil {
		t.Error("branch B attached a file")
	}
	a, err := f.s.AddDevMaterial(ctx, Role{BranchID: f.branchA}, r.ID, "入党申请书", src)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := f.s.DevMaterials(ctx, r.ID)
	if len(files) != 1 || files[0].FileName != "申请书.pdf" || files[0].ID != a.ID {
		t.Errorf("%+v", files)
	}
	if b, err := os.ReadFile(f.s.AttachmentPath(a)); err != nil || string(b) != "%PDF-1.4 test" {
		t.Errorf("stored file: %q %v", b, err)
	}
	steps, _ := f.s.DevSteps(ctx, c.ID)
	if len(steps[0].Materials) != 1 || steps[0].Materials[0] != "入党申请书" {
		t.Errorf("material not noted: %+v", steps[0].Materials)
	}
	// 应到: the three 正式党员 of branch A on the day; one 转正 later is not counted before.
	for _, c := range []struct {
		day  string
		want int
	}{{"2026-01-01", 3}, {"2001-06-30", 0}, {"2001-07-01", 3}} {
		if n, err := f.s.DevExpectedVoters(ctx, f.branchA, MustDate(c.day)); err != nil || n != c.want {
			t.Errorf("应到 on %s = %d, want %d (%v)", c.day, n, c.want, err)
		}
	}
	if n, _ := f.s.DevExpectedVoters(ctx, f.branchB, MustDate("2026-01-01")); n != 0 {
		t.Errorf("branch B %d", n)
	}
	// Step wording: the office only, numbering kept.
	if _, err := f.s.SaveDevStepEdit(ctx, Role{BranchID: f.branchA}, DevStep{Number: 2, Name: "改"}); err == nil {
		t.Error("a branch edited the steps")
	}
	if _, err := f.s.SaveDevStepEdit(ctx, Role{Office: true}, DevStep{Number: 2, Stage: 5, Rule: "x", Name: "谈心谈话",
		Materials: []string{"谈话记录", "谈话登记表"}}); err != nil {
		t.Fatal(err)
	}
	p, err := f.s.DevProcess(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st := p.Step(2)
	if st.Name != "谈心谈话" || st.Stage != 1 || st.Rule != DevRuleTalk || len(st.Materials) != 2 {
		t.Errorf("edited step %+v", st)
	}
	ents, _ := f.s.AuditEntries(ctx, AuditFilter{Entity: EntityDevStepEdit})
	if len(ents) != 1 {
		t.Errorf("%d audit rows", len(ents))
	}
	names, _ := f.s.AuditNames(ctx)
	steps2, _ := f.s.AuditEntries(ctx, AuditFilter{Entity: EntityDevStep})
	if len(steps2) == 0 || !strings.Contains(names.RecordName(steps2[len(steps2)-1]), "孙小明") {
		t.Errorf("step audit rows not named: %d", len(steps2))
	}
}
