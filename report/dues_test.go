package report

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dangjian/data"
)

// duesBook is a store with two branches, six members and most of 2026
// paid (some short, some not, one back-paid, one exempt), and what was
// recorded, summed per branch and month independently of the book.
func duesBook(t *testing.T) (*data.DuesBook, []int64, map[int64]*[13]int64, func(int64) string) {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(filepath.Join(t.TempDir(), "t.db"), data.Options{Now: func() time.Time { return testTime }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	root, _ := s.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "总支"})
	b1, _ := s.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一支部"})
	b2, _ := s.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第二支部"})
	names := map[int64]string{b1.ID: "第一支部", b2.ID: "第二支部"}
	paid := map[int64]*[13]int64{b1.ID: {}, b2.ID: {}}
	var rows []data.DuesPayment
	err = s.Write(ctx, func(tx *data.Tx) error {
		for i, name := range []string{"张三", "李四", "王五", "赵六", "钱七", "孙八"} {
			br := b1.ID
			if i%2 == 1 {
				br = b2.ID
			}
			m, err := tx.InsertMember(data.RoleOffice, data.Member{Name: name, BranchID: br, Standing: data.StandingFull,
				JoinDate: data.MustDate("2000-07-01"), DuesBase: int64(250000 + i*123457)})
			if err != nil {
				return err
			}
			for mon := time.January; mon <= time.November; mon++ {
				if i == 5 && mon >= time.June { // 孙八 stopped paying
					continue
				}
				due, _ := data.DefaultDuesRules().Monthly(data.DuesInService, m.DuesBase)
				p := data.DuesPayment{MemberID: m.ID, Month: data.MonthOf(2026, mon), BranchID: br, Due: due, Paid: due,
					PaidDate: data.NewDate(2026, mon, 9), Method: data.PayCash}
				switch {
				case i == 2 && mon == time.March:
					p.Paid = due - 777
				case i == 3 && mon == time.April:
					p.PaidDate = data.NewDate(2026, time.June, 1)
				case i == 4 && mon == time.May:
					p.Paid, p.PaidDate, p.Method, p.ExemptReason = 0, data.Date{}, "", "长期住院"
				}
				rows = append(rows, p)
				paid[br][mon-1] += p.Paid
				paid[br][12] += p.Paid
			}
		}
		return tx.RecordDues(data.RoleOffice, rows)
	})
	if err != nil {
		t.Fatal(err)
	}
	book, err := s.DuesYearBook(ctx, 2026, 0)
	if err != nil {
		t.Fatal(err)
	}
	return book, []int64{b1.ID, b2.ID}, paid, func(id int64) string { return names[id] }
}

func TestDuesLedgerTotalsEqualTheLedger(t *testing.T) {
	book, branches, paid, name := duesBook(t)
	opts := DuesOptions{Year: 2026, Org: "总支", UnitName: name, Created: testTime, Summary: true,
		UpTo: data.MonthOf(2026, time.November)}
	path := filepath.Join(t.TempDir(), "dues.pdf")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := DuesLedger(f, book, branches, opts); err != nil {
		t.Fatal(err)
	}
	f.Close()
	keep(t, path, "dues-ledger.pdf")
	text := squash(pageText(t, path, 0))
	for _, br := range branches {
		var want []string
		for k := 0; k < 13; k++ {
			want = append(want, data.FormatYuan(paid[br][k]))
		}
		row := "实缴合计" + strings.Join(want, "")
		if !strings.Contains(text, row) {
			t.Errorf("%s: the printed 实缴合计 is not the ledger's %s", name(br), row)
		}
		// The summary's 实缴 row of the branch, too.
		if !strings.Contains(text, name(br)+"应缴") || !strings.Contains(text, "实缴"+strings.Join(want, "")) {
			t.Errorf("%s: summary lacks %v", name(br), want)
		}
	}
	var all int64
	for _, br := range branches {
		all += paid[br][12]
	}
	assertContains(t, "ledger", text, "2026年度党费收缴情况汇总表", "第一支部2026年度党费收缴台账", "未缴", "免缴",
		data.FormatYuan(all), "收缴人：", "支部书记：")
}

func TestDuesSheetAndReceipt(t *testing.T) {
	book, branches, paid, name := duesBook(t)
	opts := DuesOptions{Year: 2026, Org: "总支", UnitName: name, Created: testTime}
	path := filepath.Join(t.TempDir(), "sheet.pdf")
	f, _ := os.Create(path)
	if err := DuesCollectionSheet(f, book, branches[0], data.MonthOf(2026, time.March), opts); err != nil {
		t.Fatal(err)
	}
	f.Close()
	keep(t, path, "dues-sheet.pdf")
	assertContains(t, "sheet", pageText(t, path, 0), "第一支部 2026年3月党费收缴表", "本人签字", "张三", "王五",
		"合计（3 人）", data.FormatYuan(paid[branches[0]][2]))

	path = filepath.Join(t.TempDir(), "receipt.pdf")
	f, _ = os.Create(path)
	id := book.Members[0].ID
	if err := DuesReceipt(f, book, id, opts); err != nil {
		t.Fatal(err)
	}
	f.Close()
	keep(t, path, "dues-receipt.pdf")
	var total int64
	for k := 1; k <= 12; k++ {
		total += book.Line(&book.Members[0], data.MonthOf(2026, time.Month(k))).Paid()
	}
	assertContains(t, "receipt", pageText(t, path, 0), "党费缴纳凭证", book.Members[0].Name, "2026年1月",
		data.FormatYuan(total), CapitalYuan(total), "收款人：")
}

func TestCapitalYuan(t *testing.T) {
	for fen, want := range map[int64]string{
		0: "零元整", 20: "零元贰角整", 618: "陆元壹角捌分", 3000: "叁拾元整", 100005: "壹仟元零伍分",
		123450: "壹仟贰佰叁拾肆元伍角整", 100100: "壹仟零壹元整", 10000000: "壹拾万元整", 10010000: "壹拾万零壹佰元整",
	} {
		if got := CapitalYuan(fen); got != want {
			t.Errorf("%d: %s, want %s", fen, got, want)
		}
	}
}
