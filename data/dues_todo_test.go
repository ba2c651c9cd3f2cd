package data

import (
	"strings"
	"testing"
	"time"
)

// duesTodoFixture: in branch 1 one member unpaid from September 2025,
// one who paid March 2026 short, one on time (to March); in branch 2 four
// members paid up to December 2025 and nothing since. Dues 40 元 a month.
func duesTodoFixture(t *testing.T) (*duesFixture, Member) {
	t.Helper()
	f := newDuesFixture(t)
	behind := f.member(t, "欠缴甲", f.b1, nil)
	short := f.member(t, "少缴乙", f.b1, nil)
	good := f.member(t, "按时丙", f.b1, nil)
	var rows []DuesPayment
	for mon := time.January; mon <= time.December; mon++ {
		if mon <= time.August {
			rows = append(rows, paidRow(behind, f.b1.ID, 2025, mon, 4000))
		}
		rows = append(rows, paidRow(short, f.b1.ID, 2025, mon, 4000), paidRow(good, f.b1.ID, 2025, mon, 4000))
	}
	for _, name := range []string{"二支一", "二支二", "二支三", "二支四"} {
		m := f.member(t, name, f.b2, nil)
		for mon := time.January; mon <= time.December; mon++ {
			rows = append(rows, paidRow(m, f.b2.ID, 2025, mon, 4000))
		}
	}
	for mon := time.January; mon <= time.March; mon++ {
		p := paidRow(short, f.b1.ID, 2026, mon, 4000)
		if mon == time.March {
			p.Paid = 1000
		}
		rows = append(rows, p, paidRow(good, f.b1.ID, 2026, mon, 4000))
	}
	if err := f.s.RecordDues(ctx, RoleOffice, rows); err != nil {
		t.Fatal(err)
	}
	return f, behind
}

// TestTodoDuesEdges: per branch, a due-soon line for members behind up to
// the month before the day, an overdue line for the 6-month alarm.
func TestTodoDuesEdges(t *testing.T) {
	f, _ := duesTodoFixture(t)
	type want struct{ overdue, soon string } // title fragments, "" = no such line
	for _, tc := range []struct {
		day    string
		b1, b2 want
	}{
		// In January, last year's arrears: September–December 2025.
		{"2026-01-31", want{"", "截至 2025年12月 欠缴或少缴党费：欠缴甲，2025 年尚欠 160.00 元"}, want{}},
		// February: five months in a row, no alarm; branch 2 one month behind, counted.
		{"2026-02-01", want{"", "欠缴甲，2026 年尚欠 40.00 元"}, want{"", "、二支四 等 4 人，2026 年尚欠 160.00 元"}},
		{"2026-02-28", want{"", "欠缴甲"}, want{"", "等 4 人"}},
		// March: six months (September–February): the alarm, and nobody else behind.
		{"2026-03-01", want{"连续 6 个月以上未交党费：欠缴甲，2026 年尚欠 80.00 元", ""}, want{"", "2026 年尚欠 320.00 元"}},
		// April: the short March joins as a due-soon line.
		{"2026-04-01", want{"未交党费：欠缴甲，2026 年尚欠 120.00 元", "少缴乙，2026 年尚欠 30.00 元"}, want{"", "等 4 人"}},
	} {
		for _, b := range []struct {
			id int64
			w  want
		}{{f.b1.ID, tc.b1}, {f.b2.ID, tc.b2}} {
			items := todoOf(t, f.s, RoleOffice, tc.day, TodoDues, b.id)
			got := map[string]TodoItem{}
			for _, it := range items {
				if _, dup := got[it.Severity]; dup {
					t.Errorf("%s: two %s lines for branch %d", tc.day, it.Severity, b.id)
				}
				got[it.Severity] = it
				if it.Ref.Screen != "党费管理/欠缴情况" || it.Ref.Filter["branch"] == "" {
					t.Errorf("%s: ref %+v", tc.day, it.Ref)
				}
			}
			for sev, frag := range map[string]string{SeverityOverdue: b.w.overdue, SeveritySoon: b.w.soon} {
				it, ok := got[sev]
				switch {
				case frag == "" && ok:
					t.Errorf("%s branch %d: unexpected %s line %q", tc.day, b.id, sev, it.Title)
				case frag != "" && !ok:
					t.Errorf("%s branch %d: no %s line (want %q)", tc.day, b.id, sev, frag)
				case frag != "" && !strings.Contains(it.Title, frag):
					t.Errorf("%s branch %d: %s line %q lacks %q", tc.day, b.id, sev, it.Title, frag)
				}
			}
		}
	}
	if it := todoOf(t, f.s, RoleOffice, "2026-03-01", TodoDues, f.b1.ID); len(it) != 1 || it[0].Due != MustDate("2026-02-28") {
		t.Errorf("alarm due %+v", it)
	}
	if it := todoOf(t, f.s, RoleOffice, "2026-02-10", TodoDues, f.b2.ID); len(it) != 1 || it[0].Due != MustDate("2026-02-28") {
		t.Errorf("soon due %+v", it)
	}
	// A branch copy sees its own branch only.
	for _, it := range todoOf(t, f.s, Role{BranchID: f.b2.ID}, "2026-04-01", TodoDues, 0) {
		if it.BranchID != f.b2.ID {
			t.Errorf("branch 2 sees %+v", it)
		}
	}
}

// TestTodoDuesNoLedger: before any ledger row is kept nothing is reminded.
func TestTodoDuesNoLedger(t *testing.T) {
	f := newDuesFixture(t)
	f.member(t, "未记账", f.b1, nil)
	if items := todoOf(t, f.s, RoleOffice, "2026-08-01", TodoDues, 0); len(items) != 0 {
		t.Errorf("%+v", items)
	}
	st, err := f.s.Stats(ctx, StatsOptions{AsOf: MustDate("2026-08-01"), NoScores: true})
	if err != nil || st.Dues != nil {
		t.Errorf("%+v %v", st.Dues, err)
	}
}

func TestDuesStatsUpTo(t *testing.T) {
	for day, want := range map[string]string{
		"2026-12-31": "2026-12", "2026-12-30": "2026-11", "2026-01-15": "2025-12", "2026-02-28": "2026-02", "2024-02-28": "2024-01",
	} {
		if got := DuesStatsUpTo(MustDate(day)).String(); got != want {
			t.Errorf("%s: %s, want %s", day, got, want)
		}
	}
}

// TestDuesStatsEqualLedger: 应交 / 实交 of the statistics are the ledger's
// (counted by hand), per branch and in total, and the alarm count.
func TestDuesStatsEqualLedger(t *testing.T) {
	f, _ := duesTodoFixture(t)
	st, err := f.s.Stats(ctx, StatsOptions{AsOf: MustDate("2026-03-31"), NoScores: true})
	if err != nil {
		t.Fatal(err)
	}
	d := st.Dues
	if d == nil {
		t.Fatal("no dues")
	}
	// January–March: branch 1 owes 3 × 120 元, collected 90 + 120; branch 2 owes 4 × 120, collected 0.
	if d.UpTo != "2026-03" || d.Due != 84000 || d.Collected != 21000 || d.Alarms != 1 {
		t.Errorf("total %+v", *d)
	}
	per := map[int64]BranchDues{}
	var due, got int64
	for _, b := range d.Branches {
		per[b.BranchID] = b
		due += b.Due
		got += b.Collected
	}
	if b := per[f.b1.ID]; b.Due != 36000 || b.Collected != 21000 || b.Alarms != 1 || b.Branch == "" {
		t.Errorf("branch 1 %+v", b)
	}
	if b := per[f.b2.ID]; b.Due != 48000 || b.Collected != 0 || b.Alarms != 0 {
		t.Errorf("branch 2 %+v", b)
	}
	if due != d.Due || got != d.Collected {
		t.Errorf("branches %d/%d, total %d/%d", due, got, d.Due, d.Collected)
	}
	// The 台账's own reading gives the same.
	book, err := f.s.DuesYearBook(ctx, 2026, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, tot := book.BranchYear(2026, 0, MonthOf(2026, time.March)); tot.Due[12] != d.Due || tot.Paid[12] != d.Collected {
		t.Errorf("ledger %d/%d", tot.Due[12], tot.Paid[12])
	}
	// One branch's scope.
	st, err = f.s.Stats(ctx, StatsOptions{AsOf: MustDate("2026-03-31"), BranchID: f.b2.ID, NoScores: true})
	if err != nil {
		t.Fatal(err)
	}
	if st.Dues == nil || st.Dues.Due != 48000 || st.Dues.Collected != 0 || len(st.Dues.Branches) != 1 {
		t.Errorf("branch 2 scope %+v", st.Dues)
	}
}
