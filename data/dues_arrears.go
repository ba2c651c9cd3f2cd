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
