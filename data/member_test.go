package data

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"slices"
	"strings"
	"testing"
)

var today = MustDate("2026-11-27")

// validMember is a complete, consistent dossier used as the base of cases.
func validMember() Member {
	return Member{
		Name: "张三丰", IDNumber: "110105198005170017", Standing: StandingFull, Status: StatusNormal,
		ApplyDate: MustDate("2004-03-01"), ActivistDate: MustDate("2004-09-01"), CandidateDate: MustDate("2005-10-01"),
		JoinDate: MustDate("2006-07-01"), FullDate: MustDate("2007-07-01"), Phone: "13800138000", BranchID: 1,
		DuesPaidTo: "2026-10",
	}
}

func fixID(first17 string) string {
	c, _ := IDCheckChar(first17)
	return first17 + string(c)
}

func TestCheckMember(t *testing.T) {
	cases := []struct {
		name    string
		edit    func(m *Member)
		errOn   string // field with an error, "" for none
		warnOn  string // field with a warning, "" for none
		errText string
	}{
		{"valid", func(m *Member) {}, "", "", ""},
		{"no name", func(m *Member) { m.Name = "" }, "name", "", "请填写姓名"},
		{"bad check char", func(m *Member) { m.IDNumber = "110105198005170010" }, "id_number", "", "校验位"},
		{"lower-case x accepted", func(m *Member) { m.IDNumber = "11010519491231002x" }, "", "", ""},
		{"17 digits", func(m *Member) { m.IDNumber = "11010519800517001" }, "id_number", "", "18 位"},
		{"impossible birth date", func(m *Member) { m.IDNumber = fixID("11010519800230001") }, "id_number", "", "不存在"},
		{"future birth date", func(m *Member) { m.IDNumber = fixID("11010520300101001") }, "id_number", "", "晚于今天"},
		{"unknown region warns", func(m *Member) { m.IDNumber = fixID("99010519800517001") }, "", "id_number", ""},
		{"birth disagrees warns", func(m *Member) { m.BirthDate = MustDate("1980-05-18") }, "", "birth_date", ""},
		{"sex disagrees warns", func(m *Member) { m.Sex = "女" }, "", "sex", ""}, // …0017: odd, male
		{"bad sex", func(m *Member) { m.Sex = "M" }, "sex", "", "男"},
		{"activist before apply", func(m *Member) { m.ActivistDate = MustDate("2003-01-01") }, "activist_date", "", "不能早于申请入党日期"},
		{"join before candidate", func(m *Member) { m.JoinDate = MustDate("2005-09-01") }, "join_date", "", "不能早于确定发展对象日期"},
		{"full before join", func(m *Member) { m.FullDate = MustDate("2006-06-30") }, "full_date", "", "不能早于入党日期"},
		{"gap skips blanks", func(m *Member) { m.CandidateDate = Date{}; m.JoinDate = MustDate("2004-08-01") }, "join_date", "", "不能早于确定积极分子日期"},
		{"join under 18", func(m *Member) {
			m.IDNumber = fixID("11010519900517001")
			m.ApplyDate, m.ActivistDate, m.CandidateDate = Date{}, Date{}, Date{}
			m.JoinDate, m.FullDate = MustDate("2007-07-01"), MustDate("2008-07-01")
		}, "join_date", "", "年满 18 周岁"},
		{"candidate soon after activist warns", func(m *Member) { m.CandidateDate = MustDate("2005-03-01") }, "", "candidate_date", ""},
		{"full not a year after join warns", func(m *Member) { m.FullDate = MustDate("2006-09-01") }, "", "full_date", ""},
		{"extended probation is fine", func(m *Member) { m.FullDate = MustDate("2008-01-01") }, "", "", ""},
		{"probationary with full date", func(m *Member) { m.Standing = StandingProbationary }, "full_date", "", "尚未转正"},
		{"no standing", func(m *Member) { m.Standing = "" }, "standing", "", "请选择党籍状态"},
		{"bad phone", func(m *Member) { m.Phone = "1380013800" }, "phone", "", "格式不正确"},
		{"landline ok", func(m *Member) { m.Phone = "0531-88776655" }, "", "", ""},
		{"dues month", func(m *Member) { m.DuesPaidTo = "2026/10" }, "dues_paid_to", "", "2026-10"},
		{"no branch", func(m *Member) { m.BranchID = 0 }, "branch_id", "", "请选择所在党支部"},
		{"no branch in history is fine", func(m *Member) { m.BranchID = 0; m.Status = StatusDead }, "", "", ""},
		{"future join", func(m *Member) { m.JoinDate = MustDate("2027-01-01"); m.FullDate = Date{} }, "join_date", "", "不能晚于今天"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := validMember()
			c.edit(&m)
			NormalizeMember(&m)
			is := CheckMember(&m, today)
			errs := fieldsOf(is.Errors)
			if c.errOn == "" && len(is.Errors) > 0 {
				t.Fatalf("unexpected errors %v", is.Errors)
			}
			if c.errOn != "" {
				msg, ok := errs[c.errOn]
				if !ok || !strings.Contains(msg, c.errText) {
					t.Fatalf("error on %s = %q, want %q (all %v)", c.errOn, msg, c.errText, is.Errors)
				}
			}
			if c.warnOn != "" {
				if _, ok := fieldsOf(is.Warnings)[c.warnOn]; !ok {
					t.Fatalf("no warning on %s (warnings %v)", c.warnOn, is.Warnings)
				}
			}
		})
	}
}

func fieldsOf(list []FieldIssue) map[string]string {
	out := map[string]string{}
	for _, f := range list {
		out[f.Field] += f.Msg
	}
	return out
}

func TestCheckMemberFillsFromID(t *testing.T) {
	m := Member{Name: "李红", IDNumber: "11010519491231002x", Standing: StandingFull, BranchID: 1}
	NormalizeMember(&m)
	CheckMember(&m, today)
	if m.IDNumber != "11010519491231002X" || m.BirthDate != MustDate("1949-12-31") || m.Sex != "女" {
		t.Fatalf("not filled: %+v", m)
	}
}

func TestUpgradeIDNumber15(t *testing.T) {
	got, ok := UpgradeIDNumber15("110105491231002")
	if !ok || got != "11010519491231002X" {
		t.Fatalf("got %q %v", got, ok)
	}
	if _, ok := UpgradeIDNumber15("11010549123100"); ok {
		t.Error("14 digits accepted")
	}
}

func TestDerivedValues(t *testing.T) {
	m := validMember()
	m.BirthDate = MustDate("1980-05-17")
	if a := m.Age(today); a != 46 {
		t.Errorf("age %d", a)
	}
	if y := m.PartyYears(today); y != 19 {
		t.Errorf("党龄 %d", y)
	}
	if d := m.PoliticalBirthday(today); d != MustDate("2027-07-01") {
		t.Errorf("政治生日 %v", d)
	}
	m.Standing, m.FullDate = StandingProbationary, Date{}
	if y := m.PartyYears(today); y != -1 {
		t.Errorf("预备党员 has 党龄 %d", y)
	}
	m.JoinDate = MustDate("2025-11-27")
	if d := m.PoliticalBirthday(today); d != today {
		t.Errorf("政治生日 today = %v", d)
	}
}

// memberStore makes a store with a general branch, two branches and a group.
func memberStore(t *testing.T) (*Store, OrgUnit, OrgUnit, OrgUnit) {
	t.Helper()
	s := openTest(t)
	root, _ := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelGeneral, FullName: "总支"})
	b1, _ := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelBranch, ParentID: root.ID, FullName: "第一支部"})
	b2, _ := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelBranch, ParentID: root.ID, FullName: "第二支部"})
	g1, _ := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelGroup, ParentID: b1.ID, FullName: "第一支部第一小组"})
	return s, b1, b2, g1
}

func TestSaveMemberRules(t *testing.T) {
	s, b1, b2, g1 := memberStore(t)
	m := validMember()
	m.BranchID, m.GroupID = b1.ID, g1.ID
	saved, warns, err := s.SaveMember(ctx, RoleOffice, m)
	if err != nil || len(warns) != 0 {
		t.Fatalf("save: %v %v", err, warns)
	}
	// The same ID number on another person is refused.
	dup := validMember()
	dup.Name, dup.BranchID = "李四", b2.ID
	_, _, err = s.SaveMember(ctx, RoleOffice, dup)
	var ve *ValidationError
	if !errors.As(err, &ve) || !strings.Contains(strings.Join(ve.For("id_number"), ""), "已属于张三丰") {
		t.Fatalf("duplicate ID: %v", err)
	}
	// A group of another branch is refused.
	saved.BranchID = b2.ID
	if _, _, err := s.SaveMember(ctx, RoleOffice, saved); err == nil || !strings.Contains(err.Error(), "不属于所选党支部") {
		t.Fatalf("group of another branch: %v", err)
	}
	// An edit is audited with before and after.
	saved.BranchID, saved.Phone = b1.ID, "13900000000"
	if _, _, err := s.SaveMember(ctx, RoleOffice, saved); err != nil {
		t.Fatal(err)
	}
	es, _ := s.AuditEntries(ctx, AuditFilter{Entity: EntityMember})
	if len(es) != 2 || es[0].Changes()[0].Field != "phone" {
		t.Fatalf("audit %+v", es)
	}
}

func TestEventsMoveToHistoryAndBack(t *testing.T) {
	s, b1, b2, _ := memberStore(t)
	m := validMember()
	m.BranchID = b1.ID
	m, _, err := s.SaveMember(ctx, RoleOffice, m)
	if err != nil {
		t.Fatal(err)
	}
	steps := []MemberEvent{
		{Kind: EventReward, Date: MustDate("2024-07-01"), Content: "优秀共产党员（公司党总支）"},
		{Kind: EventMove, Date: MustDate("2025-01-10"), BranchID: b2.ID},
		{Kind: EventFloat, Date: MustDate("2025-03-01"), To: "广东省深圳市"},
		{Kind: EventReturn, Date: MustDate("2025-09-01")},
		{Kind: EventTransferOut, Date: MustDate("2026-03-01"), To: "中共某市某局机关党委", LetterNo: "济公交党转〔2026〕3号", DuesPaidTo: "2026-02"},
	}
	for _, e := range steps {
		e.MemberID = m.ID
		if m, _, err = s.RecordEvent(ctx, RoleOffice, e); err != nil {
			t.Fatalf("%s: %v", e.Kind, err)
		}
	}
	if m.Status != StatusOut || m.BranchID != b2.ID || m.DuesPaidTo != "2026-02" || !strings.Contains(m.Rewards, "2024年7月 优秀共产党员") {
		t.Fatalf("after events: %+v", m)
	}
	active, _ := s.Members(ctx, MemberFilter{})
	history, _ := s.Members(ctx, MemberFilter{Roster: RosterHistory})
	if len(active) != 0 || len(history) != 1 {
		t.Fatalf("active %d history %d", len(active), len(history))
	}
	evs, _ := s.MemberEvents(ctx, m.ID)
	if len(evs) != 5 || evs[4].ValidDays != DefaultLetterValidDays {
		t.Fatalf("events %+v", evs)
	}
	if !strings.Contains(evs[4].Summary(func(int64) string { return "" }), "有效期 90 天（至 2026年5月30日）") {
		t.Errorf("summary %q", evs[4].Summary(func(int64) string { return "" }))
	}
	// Coming back: 转入 puts them on the active roster again, same dossier.
	if m, _, err = s.RecordEvent(ctx, RoleOffice, MemberEvent{MemberID: m.ID, Kind: EventTransferIn, Date: MustDate("2026-10-01"),
		From: "中共某市某局机关党委", BranchID: b1.ID}); err != nil {
		t.Fatal(err)
	}
	if m.Status != StatusNormal || m.TransferInDate != MustDate("2026-10-01") || m.BranchID != b1.ID {
		t.Fatalf("after return %+v", m)
	}
	// Bad events are refused and change nothing.
	for _, e := range []MemberEvent{
		{Kind: EventTransferOut, Date: MustDate("2026-11-01")},
		{Kind: EventReward, Date: MustDate("2026-11-01")},
		{Kind: EventFull, Date: MustDate("2026-11-01")},
		{Kind: EventStatus, Date: MustDate("2026-11-01"), Status: "消失"},
		{Kind: EventReturn, Date: MustDate("2027-01-01")},
	} {
		e.MemberID = m.ID
		if _, _, err := s.RecordEvent(ctx, RoleOffice, e); err == nil {
			t.Errorf("%s accepted", e.Kind)
		}
	}
	if evs, _ := s.MemberEvents(ctx, m.ID); len(evs) != 6 {
		t.Errorf("refused events were stored: %d", len(evs))
	}
	if _, err := s.VerifyAudit(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestPhotoStoredScaledAndReplaced(t *testing.T) {
	s, b1, _, _ := memberStore(t)
	m := validMember()
	m.BranchID = b1.ID
	m, _, _ = s.SaveMember(ctx, RoleOffice, m)
	img := image.NewRGBA(image.Rect(0, 0, 600, 600))
	for x := 0; x < 600; x++ {
		for y := 0; y < 600; y++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	if err := s.SetMemberPhoto(ctx, RoleOffice, m.ID, buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	jpg, _ := s.MemberPhoto(ctx, m.ID)
	cfg, format, err := image.DecodeConfig(bytes.NewReader(jpg))
	if err != nil || format != "jpeg" || cfg.Width != PhotoWidth || cfg.Height != PhotoHeight {
		t.Fatalf("stored photo %v %s %dx%d", err, format, cfg.Width, cfg.Height)
	}
	if len(jpg) > 40<<10 {
		t.Errorf("photo %d bytes", len(jpg))
	}
	if err := s.SetMemberPhoto(ctx, RoleOffice, m.ID, []byte("not an image")); err == nil || !strings.Contains(err.Error(), "无法识别") {
		t.Fatalf("junk: %v", err)
	}
	if err := s.RemoveMemberPhoto(ctx, RoleOffice, m.ID); err != nil {
		t.Fatal(err)
	}
	if jpg, _ := s.MemberPhoto(ctx, m.ID); jpg != nil {
		t.Error("photo still there")
	}
	es, _ := s.AuditEntries(ctx, AuditFilter{Entity: EntityPhoto})
	if len(es) != 2 {
		t.Errorf("photo audit rows %d", len(es))
	}
}

func TestHistoryStatusesOneList(t *testing.T) {
	if historyStatusList != "'停止党籍', '出党', '死亡', '转出'" {
		t.Errorf("SQL list %s", historyStatusList)
	}
	if sqlStringList([]string{"a'b"}) != "'a''b'" {
		t.Error("quote not doubled")
	}
	for _, st := range Statuses {
		if InHistory(st) != slices.Contains(HistoryStatuses, st) {
			t.Errorf("InHistory(%s)", st)
		}
	}
}
