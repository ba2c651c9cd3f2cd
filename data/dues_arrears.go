package data

import (
	"context"
	"time"
)

// DuesArrear is one member behind with dues in a year: the months owed and
// not paid, the months paid short, what is still owed, and the alarm of
// DuesAlarmMonths consecutive unpaid months (counted across the year's
// start too).
type DuesArrear struct {
	MemberID int64
	Name     string
	IDNumber string
	BranchID int64 // the member's branch now
	Unpaid   []int // month numbers 1–12 of the year
	Short    []int
	Owed     int64 // 分 still owed for those months
	Streak   int   // the longest run of consecutive unpaid months
	Alarm    bool
}

// Arrears reads, from a book covering at least the DuesAlarmMonths-1
// months before the year, who is behind in year up to and including the
// month upTo. With branchID, only months that branch keeps count.
func (b *DuesBook) Arrears(year int, upTo Month, branchID int64) []DuesArrear {
	first := MonthOf(year, time.January)
	last := min(upTo, MonthOf(year, time.December))
	var out []DuesArrear
	for i := range b.Members {
		m := &b.Members[i]
		a := DuesArrear{MemberID: m.ID, Name: m.Name, IDNumber: m.IDNumber, BranchID: m.BranchID}
		run := 0
		for month := max(b.From, first-DuesAlarmMonths+1); month <= last; month++ {
			l := b.Line(m, month)
			if branchID != 0 && l.BranchID != branchID {
				run = 0
				continue
			}
			st := l.State()
			if st == DuesUnpaid {
				run++
			} else {
				run = 0
			}
			if month < first {
				continue
			}
			if run > a.Streak {
				a.Streak = run
			}
			switch st {
			case DuesUnpaid:
				a.Unpaid = append(a.Unpaid, month.Num())
				a.Owed += l.Due
			case DuesShort:
				a.Short = append(a.Short, month.Num())
				a.Owed += l.Due - l.Paid()
			}
		}
		a.Alarm = a.Streak >= DuesAlarmMonths
		if len(a.Unpaid) > 0 || len(a.Short) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// DuesYearBook loads a year's book with the months before it the alarm
// needs.
func (s *Store) DuesYearBook(ctx context.Context, year int, branchID int64) (*DuesBook, error) {
	return s.DuesBook(ctx, DuesQuery{
		From:     MonthOf(year, time.January) - DuesAlarmMonths + 1,
		To:       MonthOf(year, time.December),
		BranchID: branchID,
	})
}

// DuesArrears is who is behind in year, counting the months before the
// month of asOf (a zero asOf: the whole year) — the one reading the
// screen, the printouts and the CLI share.
func (s *Store) DuesArrears(ctx context.Context, year int, asOf Date, branchID int64) ([]DuesArrear, error) {
	b, err := s.DuesYearBook(ctx, year, branchID)
	if err != nil {
		return nil, err
	}
	upTo := MonthOf(year, time.December)
	if !asOf.IsZero() {
		upTo = MonthOfDate(asOf) - 1
	}
	return b.Arrears(year, upTo, branchID), nil
}

// DuesYearLine is one member's year in one branch's ledger.
type DuesYearLine struct {
	Member *DuesMember
	Months [12]DuesLine
	Kept   [12]bool // the month is this branch's: owed here, or collected here
	Due    int64    // 应缴 of the kept months (exemptions and months not owed: 0)
	Paid   int64
}

// Owing is a line's 应缴 as totals count it: nothing for an exempt month or
// a month not owed.
func (l DuesLine) Owing() int64 {
	switch l.State() {
	case DuesExempted, DuesNotOwed, DuesPaidEarlier:
		return 0
	}
	if !l.Owed && l.Row == nil {
		return 0
	}
	return l.Due
}

// DuesTotals are 应缴 and 实缴 per month (index 0–11) and for the year (12).
type DuesTotals struct {
	Due, Paid [13]int64
}

// BranchYear is a branch's year (branchID 0: every branch) up to the month
// upTo: a line for each member with a month kept there, and the totals —
// the one reading of the 台账 the screen, the printouts and their tests
// share. Months after upTo count only what was recorded in them (a
// payment in advance); nothing is owed for them yet.
func (b *DuesBook) BranchYear(year int, branchID int64, upTo Month) ([]DuesYearLine, DuesTotals) {
	var out []DuesYearLine
	var tot DuesTotals
	for i := range b.Members {
		m := &b.Members[i]
		yl := DuesYearLine{Member: m}
		any := false
		for k := 0; k < 12; k++ {
			l := b.Line(m, MonthOf(year, time.Month(k+1)))
			if l.Month > upTo && l.Row == nil {
				l.Owed = false
			}
			yl.Months[k] = l
			if (l.Owed || l.Row != nil) && (branchID == 0 || l.BranchID == branchID) {
				yl.Kept[k], any = true, true
				due, paid := l.Owing(), l.Paid()
				yl.Due += due
				yl.Paid += paid
				tot.Due[k] += due
				tot.Paid[k] += paid
			}
		}
		if any {
			out = append(out, yl)
			tot.Due[12] += yl.Due
			tot.Paid[12] += yl.Paid
		}
	}
	return out, tot
}
