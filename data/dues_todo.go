package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The 党费 module on the 工作台 and in 统计 (issue 13): per branch, the
// members behind with dues up to the month before the day (due soon: the
// branch collects them this month) and those DuesAlarmMonths or more months
// behind (overdue: the alarm); 应交 against 实交 for the statistics.

// DuesNamesInItem is how many names a branch's dues line lists before it
// only counts ("张三、李四、王五 等 12 人"): the home list stays one line a branch.
const DuesNamesInItem = 3

func init() {
	RegisterReminders("dues", duesReminders)
	RegisterStats("dues", duesStats)
}

// duesInUse reports whether any ledger row was ever kept: before the office
// starts the ledger, every month would read 未缴 and nothing is learnt.
func (s *Store) duesInUse(ctx context.Context) (bool, error) {
	var n int
	err := s.read(func(db *sql.DB) error {
		return db.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM dues_ledger WHERE deleted_at IS NULL)`).Scan(&n)
	})
	return n == 1, err
}

// DuesTodo turns a year's arrears as of asOf (DuesArrears: the months up to
// the one before asOf) into the to-do lines: per branch, one overdue line
// for the alarm and one due-soon line for the other members behind.
func DuesTodo(list []DuesArrear, asOf Date) []TodoItem {
	upTo := MonthOfDate(asOf) - 1
	monthEnd := MonthOfDate(asOf).First().AddMonths(1).AddDays(-1)
	type group struct{ alarm, behind []DuesArrear }
	per := map[int64]*group{}
	var order []int64
	for _, a := range list {
		g := per[a.BranchID]
		if g == nil {
			g = &group{}
			per[a.BranchID] = g
			order = append(order, a.BranchID)
		}
		if a.Alarm {
			g.alarm = append(g.alarm, a)
		} else {
			g.behind = append(g.behind, a)
		}
	}
	// The run of unpaid months is counted only over the months the book
	// reads (the year and the DuesAlarmMonths-1 before it), so no number
	// per name: "6 个月以上" says what is known.
	names := func(as []DuesArrear) string {
		var ns []string
		for i, a := range as {
			if i == DuesNamesInItem {
				break
			}
			ns = append(ns, a.Name)
		}
		s := strings.Join(ns, "、")
		if len(as) > len(ns) {
			s += fmt.Sprintf(" 等 %d 人", len(as))
		}
		return s
	}
	owed := func(as []DuesArrear) int64 {
		var n int64
		for _, a := range as {
			n += a.Owed
		}
		return n
	}
	var out []TodoItem
	for _, b := range order {
		g := per[b]
		ref := TodoRef{Screen: "党费管理/欠缴情况", Filter: map[string]string{
			"branch": strconv.FormatInt(b, 10), "year": strconv.Itoa(upTo.Year())}}
		if len(g.alarm) > 0 {
			out = append(out, TodoItem{Kind: TodoDues, BranchID: b, Due: upTo.First().AddMonths(1).AddDays(-1), Severity: SeverityOverdue, Ref: ref,
				Title: fmt.Sprintf("连续 %d 个月以上未交党费：%s，%d 年尚欠 %s 元，请支部谈话提醒", DuesAlarmMonths, names(g.alarm),
					upTo.Year(), FormatYuan(owed(g.alarm)))})
		}
		if len(g.behind) > 0 {
			out = append(out, TodoItem{Kind: TodoDues, BranchID: b, Due: monthEnd, Severity: SeveritySoon, Ref: ref,
				Title: fmt.Sprintf("截至 %s 欠缴或少缴党费：%s，%d 年尚欠 %s 元", upTo.Chinese(), names(g.behind), upTo.Year(),
					FormatYuan(owed(g.behind)))})
		}
	}
	return out
}

// duesReminders: DuesTodo for the year of the month before the day (in
// January, last year's arrears), once a ledger is kept.
func duesReminders(ctx context.Context, q TodoQuery) ([]TodoItem, error) {
	if ok, err := q.Store.duesInUse(ctx); err != nil || !ok {
		return nil, err
	}
	var branch int64
	if !q.Role.Office {
		branch = q.Role.BranchID
	}
	year := (MonthOfDate(q.AsOf) - 1).Year()
	list, err := q.Store.DuesArrears(ctx, year, q.AsOf, branch)
	if err != nil {
		return nil, err
	}
	return DuesTodo(list, q.AsOf), nil
}

// DuesStatsUpTo is the last month the statistics count as of a day: the
// months ended by it (the month of its last day included), as the ledger
// owes no month still running.
func DuesStatsUpTo(day Date) Month {
	m := MonthOfDate(day)
	if day.AddDays(1).M != day.M {
		return m
	}
	return m - 1
}

// duesStats fills 应交 and 实交 of the as-of year up to DuesStatsUpTo, with
// the alarm count — for the scope and per branch — read as the 台账 reads
// them (DuesBook.BranchYear, DuesBook.Arrears). Nothing before a ledger is
// kept.
func duesStats(ctx context.Context, s *Store, st *Stats) error {
	if ok, err := s.duesInUse(ctx); err != nil || !ok {
		return err
	}
	year, upTo := st.AsOf.Y, DuesStatsUpTo(st.AsOf)
	book, err := s.DuesYearBook(ctx, year, st.BranchID)
	if err != nil {
		return err
	}
	d := &DuesStat{UpTo: upTo.String()}
	if upTo < MonthOf(year, time.January) {
		d.UpTo = ""
	}
	for _, b := range st.Branches {
		if b.BranchID == 0 {
			continue
		}
		_, tot := book.BranchYear(year, b.BranchID, upTo)
		bd := BranchDues{BranchID: b.BranchID, Branch: b.Branch, Due: tot.Due[12], Collected: tot.Paid[12]}
		for _, a := range book.Arrears(year, upTo, b.BranchID) {
			if a.Alarm {
				bd.Alarms++
			}
		}
		d.Branches = append(d.Branches, bd)
	}
	_, tot := book.BranchYear(year, st.BranchID, upTo)
	d.Due, d.Collected = tot.Due[12], tot.Paid[12]
	for _, a := range book.Arrears(year, upTo, st.BranchID) {
		if a.Alarm {
			d.Alarms++
		}
	}
	st.Dues = d
	return nil
}
