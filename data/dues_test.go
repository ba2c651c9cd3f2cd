package data

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestDuesTierBoundaries(t *testing.T) {
	r := DefaultDuesRules()
	cases := []struct {
		category string
		base     string
		fen      int64
		rate     string
	}{
		// in service: ≤3000 0.5%, ≤5000 1%, ≤10000 1.5%, above 2%
		{DuesInService, "1", 1, "0.5%"}, // 0.005 元 → half up to 0.01
		{DuesInService, "1235", 618, "0.5%"},
		{DuesInService, "2999.99", 1500, "0.5%"},
		{DuesInService, "3000", 1500, "0.5%"},
		{DuesInService, "3000.01", 3000, "1%"},
		{DuesInService, "5000", 5000, "1%"},
		{DuesInService, "5000.01", 7500, "1.5%"},
		{DuesInService, "10000", 15000, "1.5%"},
		{DuesInService, "10000.01", 20000, "2%"},
		{DuesInService, "12345.67", 24691, "2%"},
		// retired: ≤5000 0.5%, above 1%
		{DuesRetired, "5000", 2500, "0.5%"},
		{DuesRetired, "5000.01", 5000, "1%"},
		{DuesRetired, "4321", 2161, "0.5%"}, // 21.605 → 21.61: an exact half rounds up
		{DuesRetired, "0.5", 0, "0.5%"},     // 0.0025 元 → 0
		{DuesRetired, "1", 1, "0.5%"},       // exactly 0.5 分 → 1 分
		// fixed amounts and exemption
		{DuesStudent, "8000", 20, "0%"},
		{DuesNoIncome, "0", 20, "0%"},
		{DuesLowIncome, "0", 20, "0%"},
		{DuesExempt, "8000", 0, "0%"},
		{DuesInService, "0", 0, "0.5%"},
	}
	for _, c := range cases {
		base, err := ParseYuan(c.base)
		if err != nil {
			t.Fatal(err)
		}
		fen, rate := r.Monthly(c.category, base)
		if fen != c.fen || FormatRate(rate) != c.rate {
			t.Errorf("%s %s 元: %d 分 at %s, want %d at %s", c.category, c.base, fen, FormatRate(rate), c.fen, c.rate)
		}
	}
}

func TestDuesRoundingToJiao(t *testing.T) {
	r := DefaultDuesRules()
	r.RoundFen = 10
	if fen, _ := r.Monthly(DuesInService, 123500); fen != 620 { // 6.175 → 6.2
		t.Errorf("to 角: %d", fen)
	}
	if fen, _ := r.Monthly(DuesInService, 121000); fen != 610 { // 6.05 → 6.1
		t.Errorf("to 角 half: %d", fen)
	}
}

func TestDuesRuleChangeMidYear(t *testing.T) {
	changed := DefaultDuesRules()
	changed.Effective = MonthOf(2026, time.July)
	changed.InService[0].RateBP = 100 // 1% up to 3000 from July
	book := DuesRuleBook{changed}
	for _, c := range []struct {
		month time.Month
		want  int64
	}{{time.January, 1000}, {time.June, 1000}, {time.July, 2000}, {time.December, 2000}} {
		got, _ := book.At(MonthOf(2026, c.month)).Monthly(DuesInService, 200000)
		if got != c.want {
			t.Errorf("2026-%02d: %d, want %d", c.month, got, c.want)
		}
	}
}

func TestDuesRulesChecked(t *testing.T) {
	r := DefaultDuesRules()
	r.Effective = MonthOf(2026, 1)
	if err := CheckDuesRules(r); err != nil {
		t.Fatalf("default rules refused: %v", err)
	}
	bad := DefaultDuesRules()
	bad.Effective = MonthOf(2026, 1)
	bad.InService = []DuesTier{{500000, 50}, {300000, 100}, {0, 150}}
	var ve *ValidationError
	if err := CheckDuesRules(bad); !errors.As(err, &ve) || len(ve.For("in_service")) == 0 {
		t.Errorf("tiers out of order accepted: %v", err)
	}
	if err := CheckDuesBase(DuesBase{Effective: 1, Category: DuesExempt}); !errors.As(err, &ve) || len(ve.For("reason")) == 0 {
		t.Errorf("exemption without reason: %v", err)
	}
}

func TestParseMonth(t *testing.T) {
	for _, s := range []string{"2026-03", "2026-3", "2026.03", "2026年3月", "202603", "２０２６-０３"} {
		m, err := ParseMonth(s)
		if err != nil || m != MonthOf(2026, time.March) || m.String() != "2026-03" {
			t.Errorf("%q → %v %v", s, m, err)
		}
	}
	for _, s := range []string{"2026-13", "26-3", "", "abc"} {
		if _, err := ParseMonth(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
	if m := MonthOf(2026, time.January) - 1; m.String() != "2025-12" {
		t.Errorf("month before January: %s", m)
	}
}

func TestDuesPaymentState(t *testing.T) {
	may := MonthOf(2026, time.May)
	for _, c := range []struct {
		p    DuesPayment
		want string
	}{
		{DuesPayment{Month: may, Due: 1000}, DuesUnpaid},
		{DuesPayment{Month: may, Due: 1000, Paid: 1000, PaidDate: MustDate("2026-05-10")}, DuesPaid},
		{DuesPayment{Month: may, Due: 1000, Paid: 500}, DuesShort},
		{DuesPayment{Month: may, Due: 1000, Paid: 1200}, DuesOver},
		{DuesPayment{Month: may, Due: 1000, Paid: 1000, PaidDate: MustDate("2026-08-01")}, DuesBackPay},
		{DuesPayment{Month: may, Due: 1000, ExemptReason: "长期患病"}, DuesExempted},
	} {
		if got := c.p.State(); got != c.want {
			t.Errorf("%+v: %s, want %s", c.p, got, c.want)
		}
	}
}

// duesFixture: two branches, and members saved through the store.
type duesFixture struct {
	s      *Store
	b1, b2 OrgUnit
	n      int
}

func newDuesFixture(t *testing.T) *duesFixture {
	s, b1, b2, _ := memberStore(t)
	return &duesFixture{s: s, b1: b1, b2: b2}
}

func (f *duesFixture) member(t *testing.T, name string, branch OrgUnit, mod func(*Member)) Member {
	t.Helper()
	f.n++
	m := validMember()
	m.Name, m.BranchID, m.DuesBase = name, branch.ID, 400000 // 1% → 40 元
	m.DuesPaidTo = ""
	m.IDNumber = fixID(fmt.Sprintf("11010519800517%03d", f.n))
	if mod != nil {
		mod(&m)
	}
	m, _, err := f.s.SaveMember(ctx, RoleOffice, m)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func paidRow(m Member, branch int64, y int, mon time.Month, fen int64) DuesPayment {
	return DuesPayment{MemberID: m.ID, Month: MonthOf(y, mon), BranchID: branch, Due: fen, Paid: fen,
		PaidDate: NewDate(y, mon, 10), Method: PayCash}
}

func TestDuesLedgerStartsAtVoteAndStopsAtLeaving(t *testing.T) {
	f := newDuesFixture(t)
	prob := f.member(t, "预备党员", f.b1, func(m *Member) {
		m.Standing, m.JoinDate, m.FullDate = StandingProbationary, MustDate("2026-04-20"), Date{}
	})
	left := f.member(t, "转出党员", f.b1, nil)
	if _, _, err := f.s.RecordEvent(ctx, RoleOffice, MemberEvent{MemberID: left.ID, Kind: EventTransferOut, Date: MustDate("2026-09-05"), To: "外单位党委"}); err != nil {
		t.Fatal(err)
	}
	book, err := f.s.DuesYearBook(ctx, 2026, 0)
	if err != nil {
		t.Fatal(err)
	}
	owes := func(m Member) (out []int) {
		for mon := time.January; mon <= time.December; mon++ {
			if book.Line(book.Member(m.ID), MonthOf(2026, mon)).Owed {
				out = append(out, int(mon))
			}
		}
		return out
	}
	if got := owes(prob); !slices.Equal(got, []int{4, 5, 6, 7, 8, 9, 10, 11, 12}) {
		t.Errorf("预备党员 owes %v, want from April (the vote)", got)
	}
	if got := owes(left); !slices.Equal(got, []int{1, 2, 3, 4, 5, 6, 7, 8}) {
		t.Errorf("leaver owes %v, want up to August", got)
	}
	arr := book.Arrears(2026, MonthOf(2026, time.December), 0)
	for _, a := range arr {
		if a.MemberID == prob.ID && (a.Unpaid[0] != 4 || a.Owed != 9*4000) {
			t.Errorf("预备党员 arrears %+v", a)
		}
	}
}

func TestDuesMoveBranchMidYear(t *testing.T) {
	f := newDuesFixture(t)
	m := f.member(t, "调动党员", f.b1, nil)
	var rows []DuesPayment
	for mon := time.January; mon <= time.May; mon++ {
		rows = append(rows, paidRow(m, f.b1.ID, 2026, mon, 4000))
	}
	if err := f.s.RecordDues(ctx, RoleOffice, rows); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.s.RecordEvent(ctx, RoleOffice, MemberEvent{MemberID: m.ID, Kind: EventMove, Date: MustDate("2026-06-01"), BranchID: f.b2.ID}); err != nil {
		t.Fatal(err)
	}
	b2 := Role{BranchID: f.b2.ID}
	rows = nil
	for mon := time.June; mon <= time.August; mon++ {
		rows = append(rows, paidRow(m, f.b2.ID, 2026, mon, 4000))
	}
	if err := f.s.RecordDues(ctx, b2, rows); err != nil {
		t.Fatal(err)
	}
	// The new branch may not rewrite a month the old one collected.
	old := paidRow(m, f.b2.ID, 2026, time.March, 2000)
	if err := f.s.RecordDues(ctx, b2, []DuesPayment{old}); !errors.Is(err, ErrForbidden) {
		t.Errorf("branch 2 rewrote branch 1's March: %v", err)
	}
	// Nor record a month of a member it does not have, even as its own.
	other := f.member(t, "别支部党员", f.b1, nil)
	if err := f.s.RecordDues(ctx, b2, []DuesPayment{paidRow(other, f.b2.ID, 2026, time.June, 4000)}); !errors.Is(err, ErrForbidden) {
		t.Errorf("branch 2 recorded a member of branch 1: %v", err)
	}
	// Nor a branch write for another branch.
	if err := f.s.RecordDues(ctx, Role{BranchID: f.b1.ID}, []DuesPayment{paidRow(m, f.b2.ID, 2026, time.September, 4000)}); !errors.Is(err, ErrForbidden) {
		t.Errorf("branch 1 wrote for branch 2: %v", err)
	}
	count := func(branch int64) (months []int, paid int64) {
		book, err := f.s.DuesYearBook(ctx, 2026, branch)
		if err != nil {
			t.Fatal(err)
		}
		for mon := time.January; mon <= time.December; mon++ {
			for _, l := range book.Month(MonthOf(2026, mon), branch) {
				if l.Row != nil {
					months = append(months, int(mon))
					paid += l.Paid()
				}
			}
		}
		return
	}
	if months, paid := count(f.b1.ID); !slices.Equal(months, []int{1, 2, 3, 4, 5}) || paid != 20000 {
		t.Errorf("branch 1 keeps %v (%d)", months, paid)
	}
	if months, paid := count(f.b2.ID); !slices.Equal(months, []int{6, 7, 8}) || paid != 12000 {
		t.Errorf("branch 2 keeps %v (%d)", months, paid)
	}
	// Branch 2's arrears: September on (its months), not branch 1's.
	arr, err := f.s.DuesArrears(ctx, 2026, MustDate("2026-12-15"), f.b2.ID)
	if err != nil || len(arr) != 1 || !slices.Equal(arr[0].Unpaid, []int{9, 10, 11}) {
		t.Errorf("branch 2 arrears %+v %v", arr, err)
	}
	es, _ := f.s.AuditEntries(ctx, AuditFilter{Entity: EntityDuesPayment})
	if len(es) != 8 {
		t.Errorf("%d audit rows for 8 ledger rows", len(es))
	}
}

func TestDuesArrearsAlarmAcrossYears(t *testing.T) {
	f := newDuesFixture(t)
	behind := f.member(t, "欠缴党员", f.b1, nil)
	short := f.member(t, "少缴党员", f.b1, nil)
	good := f.member(t, "按时党员", f.b1, nil)
	var rows []DuesPayment
	for mon := time.January; mon <= time.December; mon++ {
		if mon <= time.August { // unpaid from September 2025 …
			rows = append(rows, paidRow(behind, f.b1.ID, 2025, mon, 4000))
		}
		rows = append(rows, paidRow(short, f.b1.ID, 2025, mon, 4000), paidRow(good, f.b1.ID, 2025, mon, 4000))
	}
	for mon := time.January; mon <= time.December; mon++ {
		p := paidRow(short, f.b1.ID, 2026, mon, 4000)
		if mon == time.March {
			p.Paid = 1000
		}
		rows = append(rows, p, paidRow(good, f.b1.ID, 2026, mon, 4000))
	}
	if err := f.s.RecordDues(ctx, RoleOffice, rows); err != nil {
		t.Fatal(err)
	}
	// … so by February 2026 (as of 1 March) that is six months in a row.
	arr, err := f.s.DuesArrears(ctx, 2026, MustDate("2026-03-01"), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(arr) != 1 || arr[0].MemberID != behind.ID || !slices.Equal(arr[0].Unpaid, []int{1, 2}) || arr[0].Owed != 8000 || !arr[0].Alarm || arr[0].Streak != 6 {
		t.Fatalf("as of March: %+v", arr)
	}
	// As of February: five months, no alarm yet.
	arr, _ = f.s.DuesArrears(ctx, 2026, MustDate("2026-02-01"), 0)
	if len(arr) != 1 || arr[0].Alarm {
		t.Fatalf("as of February: %+v", arr)
	}
	// As of April: the short March shows, without an alarm.
	arr, _ = f.s.DuesArrears(ctx, 2026, MustDate("2026-04-01"), 0)
	if len(arr) != 2 || arr[1].MemberID != short.ID && arr[0].MemberID != short.ID {
		t.Fatalf("as of April: %+v", arr)
	}
	for _, a := range arr {
		if a.MemberID == short.ID && (!slices.Equal(a.Short, []int{3}) || a.Owed != 3000 || a.Alarm) {
			t.Errorf("short: %+v", a)
		}
	}
	// Paying back February (补缴) breaks the run.
	back := paidRow(behind, f.b1.ID, 2026, time.February, 4000)
	back.PaidDate = MustDate("2026-03-20")
	if err := f.s.RecordDues(ctx, RoleOffice, []DuesPayment{back}); err != nil {
		t.Fatal(err)
	}
	arr, _ = f.s.DuesArrears(ctx, 2026, MustDate("2026-03-01"), 0)
	if len(arr) != 1 || arr[0].Alarm || !slices.Equal(arr[0].Unpaid, []int{1}) {
		t.Fatalf("after back-payment: %+v", arr)
	}
	if book, _ := f.s.DuesYearBook(ctx, 2026, 0); book.Line(book.Member(behind.ID), MonthOf(2026, 2)).State() != DuesBackPay {
		t.Error("February not read as 补缴")
	}
}

func TestDuesBaseHistoryAndRules(t *testing.T) {
	f := newDuesFixture(t)
	m := f.member(t, "基数党员", f.b1, nil)
	retired := f.member(t, "退休党员", f.b1, func(m *Member) { m.Category, m.DuesBase = "离退休", 600000 })
	// From July the base rises to 6000 (1.5%); a branch copy of another branch may not.
	b := DuesBase{MemberID: m.ID, Effective: MonthOf(2026, time.July), Category: DuesInService, Base: 600000}
	if _, err := f.s.SaveDuesBase(ctx, Role{BranchID: f.b2.ID}, b); !errors.Is(err, ErrForbidden) {
		t.Errorf("other branch saved a base: %v", err)
	}
	if _, err := f.s.SaveDuesBase(ctx, Role{BranchID: f.b1.ID}, b); err != nil {
		t.Fatal(err)
	}
	// The office lowers retired members' rate above 5000 to 0.8% from October.
	r := DefaultDuesRules()
	r.Effective = MonthOf(2026, time.October)
	r.Retired[1].RateBP = 80
	if _, err := f.s.SaveDuesRules(ctx, Role{BranchID: f.b1.ID}, r); !errors.Is(err, ErrForbidden) {
		t.Errorf("branch changed the rules: %v", err)
	}
	if _, err := f.s.SaveDuesRules(ctx, RoleOffice, r); err != nil {
		t.Fatal(err)
	}
	book, err := f.s.DuesYearBook(ctx, 2026, 0)
	if err != nil {
		t.Fatal(err)
	}
	due := func(who Member, mon time.Month) int64 {
		return book.Line(book.Member(who.ID), MonthOf(2026, mon)).Due
	}
	if due(m, time.June) != 4000 || due(m, time.July) != 9000 {
		t.Errorf("base change: June %d July %d", due(m, time.June), due(m, time.July))
	}
	if due(retired, time.September) != 6000 || due(retired, time.October) != 4800 {
		t.Errorf("rule change: September %d October %d", due(retired, time.September), due(retired, time.October))
	}
	hist, _ := f.s.DuesBaseHistory(ctx, m.ID)
	if len(hist) != 1 || hist[0].Base != 600000 {
		t.Errorf("history %+v", hist)
	}
	// A recorded row keeps the 应缴 it was recorded with.
	if err := f.s.RecordDues(ctx, RoleOffice, []DuesPayment{paidRow(retired, f.b1.ID, 2026, time.November, 6000)}); err != nil {
		t.Fatal(err)
	}
	book, _ = f.s.DuesYearBook(ctx, 2026, 0)
	if l := book.Line(book.Member(retired.ID), MonthOf(2026, time.November)); l.Due != 6000 || l.State() != DuesPaid {
		t.Errorf("recorded row: %+v %s", l, l.State())
	}
	// Withdrawing the change: October falls back on the defaults; the
	// recorded November keeps its 应缴.
	rb, _ := f.s.DuesRuleBook(ctx)
	if err := f.s.DeleteDuesRules(ctx, Role{BranchID: f.b1.ID}, rb[0].ID); !errors.Is(err, ErrForbidden) {
		t.Errorf("branch withdrew the rules: %v", err)
	}
	if err := f.s.DeleteDuesRules(ctx, RoleOffice, rb[0].ID); err != nil {
		t.Fatal(err)
	}
	book, _ = f.s.DuesYearBook(ctx, 2026, 0)
	if due(retired, time.October) != 6000 || due(retired, time.November) != 6000 {
		t.Errorf("after withdrawal: October %d", due(retired, time.October))
	}
	es, _ := f.s.AuditEntries(ctx, AuditFilter{Entity: EntityDuesRule})
	if len(es) != 2 {
		t.Errorf("rule change and withdrawal audited %d times", len(es))
	}
}

func TestDuesTiersText(t *testing.T) {
	r := DefaultDuesRules()
	text := FormatDuesTiers(r.InService)
	if text != "3000 0.5%\n5000 1%\n10000 1.5%\n以上 2%" {
		t.Errorf("format: %q", text)
	}
	back, err := ParseDuesTiers(text)
	if err != nil || !slices.Equal(back, r.InService) {
		t.Errorf("parse back: %v %v", back, err)
	}
	if got, err := ParseDuesTiers("4000元及以下 0.75\n以上 １.2%"); err != nil || got[0] != (DuesTier{400000, 75}) || got[1] != (DuesTier{0, 120}) {
		t.Errorf("loose: %v %v", got, err)
	}
	for _, bad := range []string{"", "3000", "abc 1%", "3000 x%"} {
		if _, err := ParseDuesTiers(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// The dossier's 党费交至 covers the months before the ledger was kept
// here; from the first recorded month on the ledger alone counts.
func TestDuesPaidToBeforeTheLedger(t *testing.T) {
	f := newDuesFixture(t)
	newcomer := f.member(t, "转入党员", f.b1, func(m *Member) { m.DuesPaidTo = "2026-03" })
	kept := f.member(t, "记账党员", f.b1, func(m *Member) { m.DuesPaidTo = "2026-12" })
	var rows []DuesPayment
	for mon := time.January; mon <= time.September; mon++ {
		rows = append(rows, paidRow(kept, f.b1.ID, 2026, mon, 4000))
	}
	if err := f.s.RecordDues(ctx, RoleOffice, rows); err != nil {
		t.Fatal(err)
	}
	arr, err := f.s.DuesArrears(ctx, 2026, MustDate("2026-12-01"), 0)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64][]int{}
	for _, a := range arr {
		got[a.MemberID] = a.Unpaid
	}
	if !slices.Equal(got[newcomer.ID], []int{4, 5, 6, 7, 8, 9, 10, 11}) {
		t.Errorf("newcomer unpaid %v, want April on", got[newcomer.ID])
	}
	if !slices.Equal(got[kept.ID], []int{10, 11}) {
		t.Errorf("member with a ledger unpaid %v, want October and November", got[kept.ID])
	}
	// The year before: nothing on the ledger, 交至 covers it.
	if arr, _ := f.s.DuesArrears(ctx, 2025, Date{}, 0); len(arr) != 0 {
		t.Errorf("2025 arrears %+v", arr)
	}
	book, _ := f.s.DuesYearBook(ctx, 2026, 0)
	if l := book.Line(book.Member(newcomer.ID), MonthOf(2026, 2)); l.State() != DuesPaidEarlier || l.Owing() != 0 {
		t.Errorf("February of the newcomer: %s", l.State())
	}
}
