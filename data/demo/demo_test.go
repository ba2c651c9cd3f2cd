package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dangjian/data"
)

var ctx = context.Background()

// storeNow is the clock of test stores: 2026-11-27 10:00 local, so that
// tx.Today() is asOf below.
var (
	storeNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local)
	asOf     = data.MustDate("2026-11-27")
)

func openStore(tb testing.TB) *data.Store {
	tb.Helper()
	s, err := data.Open(filepath.Join(tb.TempDir(), "demo.db"), data.Options{Now: func() time.Time { return storeNow }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// shared holds the demos of the configs below, loaded once for all the
// tests that only read them (a load with two years of minutes takes most
// of a second), and closed by TestMain.
var shared struct {
	dir    string
	loaded map[string]*loaded
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "demo-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	shared.dir, shared.loaded = dir, map[string]*loaded{}
	code := m.Run()
	for _, l := range shared.loaded {
		l.s.Close()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

func load(tb testing.TB, opt Options) (*data.Store, Result) {
	tb.Helper()
	s := openStore(tb)
	res, err := Load(ctx, s, opt)
	if err != nil {
		tb.Fatalf("Load(%+v): %v", opt, err)
	}
	return s, res
}

// loaded is what a test reads back from a demo database.
type loaded struct {
	s        *data.Store
	asOf     data.Date
	res      Result
	root     *data.OrgNode
	members  []data.Member // by id
	byID     map[int64]data.Member
	audit    []data.AuditEntry // oldest first
	meetings []data.Meeting    // newest first, with attendance
	tasks    []data.Task       // AsOf's year, in plan order
	asg      []data.Assignment // AsOf's year, with their steps
}

// readBack reads the demo back through the public API: the tree for units
// and posts, the audit log's "after" JSON for members (the store has no
// member list yet).
func readBack(t *testing.T, s *data.Store, day data.Date, res Result) *loaded {
	t.Helper()
	tree, err := s.OrgTree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(tree) != 1 {
		t.Fatalf("tree has %d roots", len(tree))
	}
	es, err := s.AuditEntries(ctx, data.AuditFilter{Limit: 1000000})
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(es)
	l := &loaded{s: s, asOf: day, res: res, root: tree[0], byID: map[int64]data.Member{}, audit: es}
	for _, e := range es {
		if e.Entity != data.EntityMember {
			continue
		}
		var m data.Member
		if err := json.Unmarshal([]byte(e.After), &m); err != nil {
			t.Fatal(err)
		}
		l.members = append(l.members, m)
		l.byID[m.ID] = m
	}
	if l.meetings, err = s.Meetings(ctx, data.MeetingFilter{WithRows: true}); err != nil {
		t.Fatal(err)
	}
	if l.tasks, err = s.Tasks(ctx, day.Y); err != nil {
		t.Fatal(err)
	}
	if l.asg, err = s.Assignments(ctx, data.TaskFilter{Year: day.Y, WithSteps: true}); err != nil {
		t.Fatal(err)
	}
	return l
}

// configs are the demo shapes the invariant tests run over: the default,
// the smallest allowed, a larger one, and one dated in the past.
var configs = []struct {
	name string
	opt  Options
}{
	{"default", Options{Seed: 1, AsOf: asOf}},
	{"minimum", Options{Seed: 2, Members: MinMembers, AsOf: asOf}},
	{"larger", Options{Seed: 3, Members: 1500, AsOf: asOf}},
	{"past", Options{Seed: 4, AsOf: data.MustDate("2015-06-30")}},
	{"leap day", Options{Seed: 5, Members: 120, AsOf: data.MustDate("2024-02-29")}},
}

func forConfigs(t *testing.T, fn func(t *testing.T, l *loaded)) {
	for _, c := range configs {
		t.Run(c.name, func(t *testing.T) {
			l := shared.loaded[c.name]
			if l == nil {
				s, err := data.Open(filepath.Join(shared.dir, c.name+".db"), data.Options{Now: func() time.Time { return storeNow }})
				if err != nil {
					t.Fatal(err)
				}
				res, err := Load(ctx, s, c.opt)
				if err != nil {
					s.Close()
					t.Fatalf("Load(%+v): %v", c.opt, err)
				}
				l = readBack(t, s, c.opt.AsOf, res)
				shared.loaded[c.name] = l
			}
			fn(t, l)
		})
	}
}

// TestManySeeds runs every check over a spread of seeds, sizes and dates,
// leap days included, to catch the rare draw that breaks a rule.
func TestManySeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	r := rand.New(rand.NewPCG(99, 1))
	for seed := uint64(100); seed < 124; seed++ {
		n := MinMembers + r.IntN(600)
		day := asOf.AddDays(-r.IntN(9000))
		if seed%4 == 0 {
			day = data.NewDate(2000+4*r.IntN(6), 2, 29)
		}
		opt := Options{Seed: seed, Members: n, AsOf: day}
		t.Run(fmt.Sprintf("seed %d, %d members, %v", seed, n, day), func(t *testing.T) {
			t.Parallel()
			s, res := load(t, opt)
			l := readBack(t, s, day, res)
			for _, check := range []func(*testing.T, *loaded){checkNumbers, checkDates, checkFields, checkOrganisation, checkCounts, checkMeetings, checkCompliance, checkTasks} {
				check(t, l)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	// trace is everything the demo wrote, minus the timestamps of writing.
	trace := func(s *data.Store) []string {
		es, err := s.AuditEntries(ctx, data.AuditFilter{Limit: 1000000})
		if err != nil {
			t.Fatal(err)
		}
		out := make([]string, len(es))
		for i, e := range es {
			out[i] = strings.Join([]string{e.Entity, e.RecordID, e.Action, e.After}, "|")
		}
		tree, err := s.OrgTree(ctx)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(tree)
		return append(out, string(b))
	}
	opt := Options{Seed: 42, Members: 400, AsOf: asOf}
	s1, r1 := load(t, opt)
	s2, r2 := load(t, opt)
	if r1 != r2 {
		t.Errorf("results differ: %+v vs %+v", r1, r2)
	}
	a, b := trace(s1), trace(s2)
	// The minutes are part of the trace: their audit rows hold every field
	// and attendance row as stored.
	if !slices.ContainsFunc(a, func(row string) bool { return strings.HasPrefix(row, data.EntityMeeting+"|") }) || r1.Meetings == 0 {
		t.Fatal("no minutes in the trace")
	}
	if !slices.Equal(a, b) {
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Fatalf("same seed, different data at %d:\n%s\n%s", i, a[i], b[i])
			}
		}
		t.Fatalf("same seed, %d vs %d records", len(a), len(b))
	}
	// A zero AsOf means the store's today, which is asOf here.
	s3, _ := load(t, Options{Seed: 42, Members: 400})
	if !slices.Equal(a, trace(s3)) {
		t.Error("zero AsOf did not default to the store's today")
	}
	s4, _ := load(t, Options{Seed: 43, Members: 400, AsOf: asOf})
	c := trace(s4)
	same := 0
	for i := range min(len(a), len(c)) {
		if a[i] == c[i] {
			same++
		}
	}
	if same > len(a)/10 {
		t.Errorf("seeds 42 and 43 share %d of %d records", same, len(a))
	}
}

func auditCount(t *testing.T, s *data.Store) int64 {
	t.Helper()
	n, err := s.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRefusesNonEmptyDatabase(t *testing.T) {
	cases := []struct {
		name    string
		prepare func(t *testing.T, s *data.Store)
		refused bool
	}{
		{"demo already loaded", func(t *testing.T, s *data.Store) {
			if _, err := Load(ctx, s, Options{Seed: 9, Members: MinMembers}); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a unit", func(t *testing.T, s *data.Store) {
			if _, err := s.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "中共某公司总支部委员会"}); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a member without units", func(t *testing.T, s *data.Store) {
			err := s.Write(ctx, func(tx *data.Tx) error {
				_, err := tx.InsertMember(data.RoleOffice, data.Member{Name: "张三", Standing: data.StandingFull})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a member on the history roster", func(t *testing.T, s *data.Store) {
			err := s.Write(ctx, func(tx *data.Tx) error {
				_, err := tx.InsertMember(data.RoleOffice, data.Member{Name: "李四", Standing: data.StandingFull, Status: data.StatusOut})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}, true},
		{"only a deleted unit", func(t *testing.T, s *data.Store) {
			u, err := s.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: rootFull})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteUnit(ctx, data.RoleOffice, u.ID); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"only settings", func(t *testing.T, s *data.Store) {
			if err := s.SetOperator(ctx, "王秀英"); err != nil {
				t.Fatal(err)
			}
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openStore(t)
			c.prepare(t, s)
			before := auditCount(t, s)
			res, err := Load(ctx, s, Options{Seed: 1, Members: MinMembers, AsOf: asOf})
			after := auditCount(t, s)
			if !c.refused {
				if err != nil || res.Members+res.History != MinMembers {
					t.Fatalf("Load = %+v, %v; want it to load", res, err)
				}
				return
			}
			if !errors.Is(err, ErrNotEmpty) {
				t.Fatalf("err = %v, want ErrNotEmpty", err)
			}
			if res != (Result{}) || after != before {
				t.Errorf("refused load wrote: result %+v, audit rows %d → %d", res, before, after)
			}
		})
	}
}

func TestBadOptions(t *testing.T) {
	cases := []struct {
		name string
		opt  Options
		msg  string
	}{
		{"too few", Options{Members: MinMembers - 1}, "人数"},
		{"too many", Options{Members: MaxMembers + 1}, "人数"},
		{"future", Options{AsOf: data.MustDate("2026-12-01")}, "不能晚于今天"},
		{"not a date", Options{AsOf: data.NewDate(2026, 2, 30)}, "无效"},
		{"too old", Options{AsOf: data.MustDate("1990-01-01")}, "无效"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openStore(t)
			before := auditCount(t, s)
			_, err := Load(ctx, s, c.opt)
			if err == nil || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("err = %v, want %q", err, c.msg)
			}
			if n := auditCount(t, s) - before; n != 0 {
				t.Errorf("%d audit rows after a refused load", n)
			}
		})
	}
}

func TestIDNumbersPhonesAndNumbersValidAndUnique(t *testing.T) { forConfigs(t, checkNumbers) }

func checkNumbers(t *testing.T, l *loaded) {
	seen := map[string]map[string]string{}
	unique := func(kind, v, who string) {
		if seen[kind] == nil {
			seen[kind] = map[string]string{}
		}
		if other, dup := seen[kind][v]; dup {
			t.Errorf("%s %s shared by %s and %s", kind, v, other, who)
		}
		seen[kind][v] = who
	}
	for _, m := range l.members {
		info, err := data.ParseIDNumber(m.IDNumber, l.asOf)
		switch {
		case err != nil:
			t.Errorf("%s: %s: %v", m.Name, m.IDNumber, err)
		case info.Birth != m.BirthDate || info.Sex != m.Sex || info.Number != m.IDNumber:
			t.Errorf("%s: %s says %v %s, dossier %v %s", m.Name, m.IDNumber, info.Birth, info.Sex, m.BirthDate, m.Sex)
		case !strings.HasPrefix(m.IDNumber, "37"):
			t.Errorf("%s: %s is not a Shandong number", m.Name, m.IDNumber)
		}
		if len(m.Phone) != 11 || !data.ValidPhone(m.Phone) {
			t.Errorf("%s: phone %q", m.Name, m.Phone)
		}
		unique("公民身份号码", m.IDNumber, m.Name)
		unique("手机", m.Phone, m.Name)
		unique("工号", m.StaffNo, m.Name)
		if m.VolunteerNo != "" {
			unique("志愿书编号", m.VolunteerNo, m.Name)
		}
	}
}

func TestMemberDatesInOrder(t *testing.T) { forConfigs(t, checkDates) }

func checkDates(t *testing.T, l *loaded) {
	for _, m := range l.members {
		// Each row: the earlier date must not come after the later one.
		order := []struct {
			what          string
			early, late   data.Date
			skipWhenEmpty bool
		}{
			{"18岁 ≤ 申请入党", m.BirthDate.AddYears(18), m.ApplyDate, false},
			{"申请入党 ≤ 确定积极分子", m.ApplyDate, m.ActivistDate, false},
			{"确定积极分子 ≤ 申请入党后12个月", m.ActivistDate, m.ApplyDate.AddMonths(12), false},
			{"确定积极分子后1年 ≤ 确定发展对象", m.ActivistDate.AddYears(1), m.CandidateDate, false},
			{"确定发展对象 ≤ 入党", m.CandidateDate, m.JoinDate, false},
			{"入党 ≤ 基准日", m.JoinDate, l.asOf, false},
			{"入党后1年 ≤ 转正", m.JoinDate.AddYears(1), m.FullDate, true},
			{"转正 ≤ 基准日", m.FullDate, l.asOf, true},
			{"入党 ≤ 组织关系转入", m.JoinDate, m.TransferInDate, true},
			{"党总支成立 ≤ 组织关系转入", l.root.Unit.Founded, m.TransferInDate, true},
			{"组织关系转入 ≤ 基准日", m.TransferInDate, l.asOf, true},
			{"16岁 ≤ 参加工作", m.BirthDate.AddYears(16), m.WorkStart, false},
			{"参加工作 ≤ 基准日", m.WorkStart, l.asOf, false},
		}
		for _, o := range order {
			if o.skipWhenEmpty && (o.early.IsZero() || o.late.IsZero()) {
				continue
			}
			if o.early.IsZero() || o.late.IsZero() || o.early.After(o.late) {
				t.Errorf("%s (%d): %s: %v > %v", m.Name, m.ID, o.what, o.early, o.late)
			}
		}
		switch m.Standing {
		case data.StandingFull:
			// 转正 a year after admission, or 18/24 months when extended.
			if !slices.Contains([]data.Date{m.JoinDate.AddMonths(12), m.JoinDate.AddMonths(18), m.JoinDate.AddMonths(24)}, m.FullDate) {
				t.Errorf("%s: 入党 %v, 转正 %v", m.Name, m.JoinDate, m.FullDate)
			}
			if m.FullBranch == "" {
				t.Errorf("%s: no 转正时所在支部", m.Name)
			}
		case data.StandingProbationary:
			if !m.FullDate.IsZero() || m.FullBranch != "" || !m.JoinDate.After(l.asOf.AddYears(-1)) {
				t.Errorf("%s: 预备党员 入党 %v 转正 %v %q", m.Name, m.JoinDate, m.FullDate, m.FullBranch)
			}
		default:
			t.Errorf("%s: 党籍状态 %q", m.Name, m.Standing)
		}
		if !(m.DuesPaidTo >= month(m.JoinDate) && m.DuesPaidTo <= fmt.Sprintf("%04d-12", l.asOf.Y) && len(m.DuesPaidTo) == 7) {
			t.Errorf("%s: 党费交至 %q (入党 %v)", m.Name, m.DuesPaidTo, m.JoinDate)
		}
	}
}

func TestMemberFields(t *testing.T) { forConfigs(t, checkFields) }

func checkFields(t *testing.T, l *loaded) {
	var male, probationary, history int
	for _, m := range l.members {
		required := []struct{ field, v string }{
			{"姓名", m.Name}, {"民族", m.Ethnicity}, {"籍贯", m.NativePlace}, {"出生地", m.Birthplace},
			{"家庭住址", m.Address}, {"派出所", m.PoliceStation}, {"学历", m.Education}, {"工号", m.StaffNo},
			{"单位", m.WorkUnit}, {"岗位", m.JobPost}, {"入党时所在支部", m.JoinBranch},
			{"入党介绍人", m.Introducer1}, {"入党介绍人", m.Introducer2}, {"培养联系人", m.Cultivator},
			{"党费交至", m.DuesPaidTo}, {"档案存放地", m.ArchiveLocation},
		}
		for _, r := range required {
			if r.v == "" {
				t.Errorf("%s (%d): %s empty", m.Name, m.ID, r.field)
			}
		}
		if m.Introducer1 == m.Introducer2 {
			t.Errorf("%s: both introducers are %s", m.Name, m.Introducer1)
		}
		if !slices.Contains(data.Statuses, m.Status) || !slices.Contains(data.Categories, m.Category) {
			t.Errorf("%s: status %q category %q", m.Name, m.Status, m.Category)
		}
		if m.DuesBase <= 0 || m.BranchID == 0 || m.GroupID == 0 {
			t.Errorf("%s: dues base %d branch %d group %d", m.Name, m.DuesBase, m.BranchID, m.GroupID)
		}
		if n := len([]rune(m.Name)); n < 2 || n > 4 {
			t.Errorf("name %q", m.Name)
		}
		if m.Sex == "男" {
			male++
		}
		if m.Standing == data.StandingProbationary {
			probationary++
		}
		if data.InHistory(m.Status) {
			history++
		}
	}
	n := len(l.members)
	// The share of men is drawn per job, so it is only near 75% once there
	// are enough people for the draws to even out.
	if pct := 100 * male / n; n >= 200 && (pct < 65 || pct > 85) {
		t.Errorf("%d%% men, want about 75%%", pct)
	}
	if pct := 100 * float64(probationary) / float64(n); pct < 3 || pct > 7 {
		t.Errorf("%.1f%% 预备党员, want about 5%%", pct)
	}
	if history*100 > 3*n {
		t.Errorf("%d of %d on the history roster, want at most 3%%", history, n)
	}
}

// branches returns the 党支部 nodes.
func (l *loaded) branches() []*data.OrgNode { return l.root.Children }

// activeFull counts a branch's 正式党员 not on the history roster.
func (l *loaded) activeFull(unitID int64) int {
	n := 0
	for _, m := range l.members {
		if m.BranchID == unitID && m.Standing == data.StandingFull && !data.InHistory(m.Status) {
			n++
		}
	}
	return n
}

func TestOrganisationAndCommittees(t *testing.T) { forConfigs(t, checkOrganisation) }

func checkOrganisation(t *testing.T, l *loaded) {
	if k := len(l.branches()); k < 6 || k > 8 {
		t.Errorf("%d branches", k)
	}
	if l.root.Head(l.asOf) == "" || l.root.Unit.TermStatus(l.asOf, data.DefaultTermWarnMonths) != data.TermOK {
		t.Errorf("党总支: head %q, term from %v", l.root.Head(l.asOf), l.root.Unit.TermStart)
	}
	states := map[data.TermState]int{}
	ended := 0
	l.root.Walk(func(n *data.OrgNode, depth int) {
		u := n.Unit
		if u.Founded.IsZero() || u.Founded.After(l.asOf) || u.Founded.Before(l.root.Unit.Founded) {
			t.Errorf("%s founded %v", u.FullName, u.Founded)
		}
		if !u.TermStart.IsZero() && u.TermStart.Before(u.Founded) {
			t.Errorf("%s: term from %v, founded %v", u.FullName, u.TermStart, u.Founded)
		}
		if depth < 2 && (u.Liaison == "" || !data.ValidPhone(u.Phone)) {
			t.Errorf("%s: liaison %q phone %q", u.FullName, u.Liaison, u.Phone)
		}
		if depth == 1 {
			states[u.TermStatus(l.asOf, data.DefaultTermWarnMonths)]++
			if k := len(n.Children); k < 1 || k > 3 {
				t.Errorf("%s has %d groups", u.Name(), k)
			}
		}
		cur := n.CurrentPosts(l.asOf)
		var titles []string
		for _, p := range cur {
			titles = append(titles, p.Title)
		}
		switch depth {
		case 1:
			full := l.activeFull(u.ID)
			if full < 3 {
				t.Errorf("%s has %d 正式党员", u.Name(), full)
			}
			if full >= 7 && (len(cur) < 3 || len(cur) > 5 || !strings.HasSuffix(u.FullName, "委员会")) ||
				full < 7 && (len(cur) != 1 || strings.HasSuffix(u.FullName, "委员会")) {
				t.Errorf("%s (%s) with %d 正式党员 has posts %v", u.Name(), u.FullName, full, titles)
			}
			if !slices.Contains(titles, "书记") {
				t.Errorf("%s has no 书记: %v", u.Name(), titles)
			}
		case 2:
			if !slices.Contains(titles, "组长") {
				t.Errorf("%s has no 组长: %v", u.FullName, titles)
			}
		}
		for _, p := range n.Posts {
			if !p.End.IsZero() {
				ended++
				if p.End.Before(p.Start) {
					t.Errorf("%s %s %s: %v–%v", u.Name(), p.Title, p.Holder, p.Start, p.End)
				}
			}
			m, ok := l.byID[p.MemberID]
			switch {
			case !ok:
				t.Errorf("%s %s %s: member %d missing", u.Name(), p.Title, p.Holder, p.MemberID)
				continue
			case m.Name != p.Holder:
				t.Errorf("%s %s: holder %s, member %d is %s", u.Name(), p.Title, p.Holder, m.ID, m.Name)
			case depth == 1 && m.BranchID != u.ID, depth == 2 && m.GroupID != u.ID:
				t.Errorf("%s %s %s is not a member of it", u.Name(), p.Title, p.Holder)
			case p.Start.After(l.asOf) || p.End.After(l.asOf):
				t.Errorf("%s %s %s: %v–%v after %v", u.Name(), p.Title, p.Holder, p.Start, p.End, l.asOf)
			}
			if p.HeldOn(l.asOf) {
				if data.InHistory(m.Status) || m.Standing != data.StandingFull || m.FullDate.After(p.Start) {
					t.Errorf("%s %s %s: %s %s, 转正 %v, from %v", u.Name(), p.Title, p.Holder, m.Standing, m.Status, m.FullDate, p.Start)
				}
				if !strings.Contains(m.PartyPost, p.Title) {
					t.Errorf("%s %s %s: 党内职务 %q", u.Name(), p.Title, p.Holder, m.PartyPost)
				}
			}
		}
		// One 书记 (组长) at a time: tenures of the head post never overlap.
		var heads []data.Post
		for _, p := range n.Posts {
			if p.Title == u.Level.Posts()[0] {
				heads = append(heads, p)
			}
		}
		slices.SortFunc(heads, func(a, b data.Post) int { return a.Start.Compare(b.Start) })
		for i := 1; i < len(heads); i++ {
			if heads[i-1].End.IsZero() || heads[i-1].End.After(heads[i].Start) {
				t.Errorf("%s: overlapping %s tenures %+v and %+v", u.Name(), heads[i].Title, heads[i-1], heads[i])
			}
		}
	})
	if states[data.TermOverdue] < 1 || states[data.TermDueSoon] < 1 || states[data.TermOK] < 1 {
		t.Errorf("term states %v: want overdue, due soon and fine", states)
	}
	if ended == 0 {
		t.Error("no ended tenures: the history view would be empty")
	}
}

func TestAuditIntactAndCountsMatch(t *testing.T) { forConfigs(t, checkCounts) }

func checkCounts(t *testing.T, l *loaded) {
	if n, err := l.s.VerifyAudit(ctx); err != nil || n != int64(len(l.audit)) {
		t.Errorf("VerifyAudit = %d, %v (log has %d rows)", n, err, len(l.audit))
	}
	if err := l.s.IntegrityCheck(); err != nil {
		t.Error(err)
	}
	var units, branches, groups, posts, counted int
	l.root.Walk(func(n *data.OrgNode, depth int) {
		units++
		posts += len(n.Posts)
		switch depth {
		case 1:
			branches++
		case 2:
			groups++
		}
	})
	history := 0
	for _, m := range l.members {
		if data.InHistory(m.Status) {
			history++
		}
	}
	counted = l.root.TotalMembers()
	got := Result{Units: units, Branches: branches, Groups: groups, Posts: posts, Members: len(l.members) - history, History: history,
		Meetings: len(l.meetings), Tasks: len(l.tasks)}
	if got != l.res {
		t.Errorf("store has %+v, Load reported %+v", got, l.res)
	}
	if counted != len(l.members)-history {
		t.Errorf("tree counts %d active members, want %d", counted, len(l.members)-history)
	}
	// Every record has exactly its insert row, and nothing else was logged
	// (besides the default meeting rules and templates every store seeds).
	var demoRows []data.AuditEntry
	for _, e := range l.audit {
		if e.Entity == data.EntityOrgUnit || e.Entity == data.EntityPost || e.Entity == data.EntityMember {
			demoRows = append(demoRows, e)
		}
	}
	if len(demoRows) != units+posts+len(l.members) {
		t.Errorf("%d audit rows for %d records", len(demoRows), units+posts+len(l.members))
	}
	for _, e := range demoRows {
		if e.Action != data.ActionInsert {
			t.Errorf("unexpected %s of %s %s", e.Action, e.Entity, e.RecordID)
		}
	}
	// Minutes: an insert each, and an update for those filed as reviewed.
	want := 0
	for _, m := range l.meetings {
		want++
		if m.Status == data.StatusApproved {
			want++
		}
	}
	got2 := 0
	for _, e := range l.audit {
		if e.Entity == data.EntityMeeting {
			got2++
		}
	}
	if got2 != want {
		t.Errorf("%d audit rows for minutes, want %d", got2, want)
	}
}

// BenchmarkLoad10000 measures Load of 10,000 members into a fresh database:
// generation, every insert with its audit row, and the commit.
func BenchmarkLoad10000(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := openStore(b)
		b.StartTimer()
		res, err := Load(ctx, s, Options{Seed: uint64(i), Members: 10000, AsOf: asOf})
		if err != nil || res.Members+res.History != 10000 {
			b.Fatalf("Load = %+v, %v", res, err)
		}
	}
}

// "党员 N 名" means one thing everywhere: the demo's summary, the store's
// count, the tree's total and the active roster agree (issue 10: the
// status line said 300 where the tree said 292).
func TestMemberCountsAgree(t *testing.T) {
	s := openStore(t)
	res, err := Load(ctx, s, Options{Seed: 1, Members: 300, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	counts, err := s.CountMembers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := s.OrgTree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, r := range tree {
		total += r.TotalMembers()
	}
	active, err := s.Members(ctx, data.MemberFilter{Roster: data.RosterActive})
	if err != nil {
		t.Fatal(err)
	}
	history, err := s.Members(ctx, data.MemberFilter{Roster: data.RosterHistory})
	if err != nil {
		t.Fatal(err)
	}
	if counts.History == 0 {
		t.Fatal("the demo has no 历史党员: the test cannot tell the counts apart")
	}
	if res.Members != counts.Active || total != counts.Active || len(active) != counts.Active ||
		res.History != counts.History || len(history) != counts.History || counts.Active+counts.History != 300 {
		t.Errorf("result %d+%d, counts %+v, tree %d, active roster %d, history roster %d",
			res.Members, res.History, counts, total, len(active), len(history))
	}
	for _, m := range history {
		if !data.InHistory(m.Status) {
			t.Errorf("history roster holds %s (%s)", m.Name, m.Status)
		}
	}
}
