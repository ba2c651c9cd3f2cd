package demo

import (
	"fmt"
	"time"

	"dangjian/data"
)

// duesMaxMembers: larger demos (made for speed tests) get no dues ledger,
// which would add twelve audited rows per member.
const duesMaxMembers = 2000

// writeDues records the dues of asOf's year up to the month before asOf:
// most members pay on time (by payroll, cash or transfer), a few are
// behind — every 29th person misses the last two months, every 61st has
// not paid for seven months (the alarm), every 43rd paid one month short,
// every 17th paid a month late (补缴). Drawn from the person's position,
// not the generator, so the rest of the demo stays as it was.
func (p *plan) writeDues(tx *data.Tx, asOf data.Date) error {
	if len(p.people) > duesMaxMembers {
		return nil
	}
	year := asOf.Y
	last := data.MonthOfDate(asOf) - 1
	first := data.MonthOf(year, time.January)
	if last < first {
		return nil
	}
	book, err := tx.DuesBook(data.DuesQuery{From: first, To: last})
	if err != nil {
		return err
	}
	methods := []string{data.PayPayroll, data.PayPayroll, data.PayCash, data.PayTransfer}
	var rows []data.DuesPayment
	for i, pe := range p.people {
		m := book.Member(pe.m.ID)
		if m == nil || data.InHistory(pe.m.Status) {
			continue
		}
		for month := first; month <= last; month++ {
			l := book.Line(m, month)
			if !l.Owed || l.Due == 0 {
				continue
			}
			behind := last - month
			switch {
			case i%61 == 7 && behind < 7, i%29 == 3 && behind < 2:
				continue
			}
			pay := data.DuesPayment{MemberID: m.ID, Month: month, BranchID: m.BranchID, Due: l.Due, Paid: l.Due,
				PaidDate: data.NewDate(year, time.Month(month.Num()), 5+i%20), Method: methods[i%len(methods)]}
			if i%43 == 5 && month.Num() == 3 {
				pay.Paid = l.Due / 2
			}
			if i%17 == 9 && month.Num() == 4 && month < last {
				pay.PaidDate = data.NewDate(year, time.Month(month.Num()+1), 8)
				pay.Note = "补缴4月党费"
			}
			if pay.PaidDate.After(asOf) {
				pay.PaidDate = asOf
			}
			rows = append(rows, pay)
		}
	}
	if err := tx.RecordDues(data.RoleOffice, rows); err != nil {
		return fmt.Errorf("保存演示党费记录：%w", err)
	}
	return nil
}
