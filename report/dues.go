package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"dangjian/data"
)

// DuesOptions set up the printed dues forms.
type DuesOptions struct {
	Year     int
	Org      string                // 党总支 name for the running header
	UnitName func(id int64) string // branch names; nil prints 党支部（ID）
	Created  time.Time             // PDF creation stamp; zero means now
	Summary  bool                  // DuesLedger: the general branch's summary first
	// UpTo is the last month owed so far: later months without a record
	// are left blank rather than 未缴. Zero means December of Year.
	UpTo data.Month
}

func (o DuesOptions) withDefaults() DuesOptions {
	if o.UnitName == nil {
		o.UnitName = func(id int64) string { return fmt.Sprintf("党支部（%d）", id) }
	}
	if dec := data.MonthOf(o.Year, time.December); o.UpTo == 0 || o.UpTo > dec {
		o.UpTo = dec
	}
	return o
}

const duesSize = SizeXiaoWu

// duesFill marks an unpaid or short month, duesBackFill a back-payment.
const (
	duesFill     = 215
	duesBackFill = 238
)

// DuesLedgerTitle is the title of a branch's year ledger.
func DuesLedgerTitle(year int) string { return fmt.Sprintf("%d年度党费收缴台账", year) }

// yuan writes 分 as "40.00"; zero as "".
func yuan(fen int64) string {
	if fen == 0 {
		return ""
	}
	return data.FormatYuan(fen)
}

// monthCell is one month of a member's row in the 台账.
func monthCell(l data.DuesLine, kept bool) Cell {
	if !kept {
		return Cell{Text: ""}
	}
	switch l.State() {
	case data.DuesExempted:
		return Cell{Text: "免缴", Align: AlignCenter}
	case data.DuesNotOwed:
		return Cell{Text: ""}
	case data.DuesPaidEarlier:
		return Cell{Text: "已缴", Align: AlignCenter}
	case data.DuesUnpaid:
		return Cell{Text: "未缴", Align: AlignCenter, Fill: duesFill}
	case data.DuesShort:
		return Cell{Text: data.FormatYuan(l.Paid()), Fill: duesFill, Bold: true}
	case data.DuesBackPay:
		return Cell{Text: data.FormatYuan(l.Paid()), Fill: duesBackFill}
	}
	return Cell{Text: data.FormatYuan(l.Paid())}
}

// DuesLedger prints the year's 党费收缴台账, A4 landscape, one section per
// branch: a row per member (序号, 姓名, 缴费基数, 月应缴, the amount paid in
// each month — 未缴 and short months on a grey ground, back-payments on a
// lighter one, 免缴 — then the year's 应缴 and 实缴), the branch's 合计 of
// each month (应缴, and 实缴 under it), and the signature lines, kept on a
// page with the last members' rows.
func DuesLedger(w io.Writer, b *data.DuesBook, branches []int64, o DuesOptions) error {
	o = o.withDefaults()
	title := DuesLedgerTitle(o.Year)
	meta := Meta{Title: title, Org: o.Org, Created: o.Created, Subject: title, Keywords: "党费 台账"}
	_, err := Render(w, Landscape, meta, func(d *Doc) error {
		if o.Summary {
			d.Bookmark("汇总", 0)
			duesSummary(d, b, branches, o)
		}
		for i, br := range branches {
			if i > 0 || o.Summary {
				d.NewPage()
			}
			name := o.UnitName(br)
			d.Bookmark(name, 0)
			d.Title(name + " " + title)
			lines, tot := b.BranchYear(o.Year, br, o.UpTo)
			cols := []Column{{Title: "序号", Width: 10, Align: AlignCenter}, {Title: "姓名", Width: 0},
				{Title: "缴费基数", Width: 16, Align: AlignRight}, {Title: "月应缴", Width: 13, Align: AlignRight}}
			for m := 1; m <= 12; m++ {
				cols = append(cols, Column{Title: strconv.Itoa(m) + "月", Width: 13.5, Align: AlignRight})
			}
			cols = append(cols, Column{Title: "应缴合计", Width: 17, Align: AlignRight}, Column{Title: "实缴合计", Width: 17, Align: AlignRight})
			t := d.NewTable(cols, TableStyle{Size: duesSize, MinRowHeight: 6.5, PadX: 1})
			dec := data.MonthOf(o.Year, time.December)
			var rows [][]Cell
			for n, yl := range lines {
				base := yl.Member.BaseAt(dec)
				monthly, _, _ := b.Expected(yl.Member, dec)
				baseText := yuan(base.Base)
				if base.Category != data.DuesInService && base.Category != data.DuesRetired {
					baseText = base.Category
				}
				cells := []Cell{{Text: strconv.Itoa(n + 1)}, {Text: yl.Member.Name}, {Text: baseText}, {Text: yuan(monthly)}}
				for k := 0; k < 12; k++ {
					cells = append(cells, monthCell(yl.Months[k], yl.Kept[k]))
				}
				cells = append(cells, Cell{Text: data.FormatYuan(yl.Due)}, Cell{Text: data.FormatYuan(yl.Paid)})
				rows = append(rows, cells)
			}
			paid := []Cell{{Text: "实缴合计", Span: 4, Align: AlignCenter}}
			due := []Cell{{Text: "应缴合计", Span: 4, Align: AlignCenter}}
			for k := 0; k < 13; k++ {
				if k == 12 {
					due = append(due, Cell{Text: data.FormatYuan(tot.Due[k])}, Cell{Text: ""})
					paid = append(paid, Cell{Text: ""}, Cell{Text: data.FormatYuan(tot.Paid[k])})
					break
				}
				due = append(due, Cell{Text: data.FormatYuan(tot.Due[k])})
				paid = append(paid, Cell{Text: data.FormatYuan(tot.Paid[k])})
			}
			// The last rows go with the totals and the signatures.
			keepN := min(2, len(rows))
			for _, r := range rows[:len(rows)-keepN] {
				t.RowCells(r...)
			}
			notes := []string{fmt.Sprintf("共 %d 人。金额单位：元。“未缴”及少缴的月份以灰底标出，补缴的月份以浅灰底标出；“已缴”为本台账建立前已缴（据党员档案“党费交至”）；空白为该月不需缴纳或不由本支部收缴。", len(lines))}
			t.KeepRows(t.RowsHeight(due, paid)+closingHeight(d, notes), rows[len(rows)-keepN:]...)
			t.Keep(t.RowsHeight(due, paid) + closingHeight(d, notes))
			t.Total(due...)
			t.Total(paid...)
			t.End()
			closing(d, notes, "收缴人：", "支部书记：", "日期：")
		}
		return nil
	})
	return err
}

// DuesSummary prints the general branch's summary, A4 landscape: for each
// branch its 应缴 and 实缴 in each month and the year, the 党总支's
// totals, and the signature lines.
func DuesSummary(w io.Writer, b *data.DuesBook, branches []int64, o DuesOptions) error {
	o = o.withDefaults()
	title := fmt.Sprintf("%d年度党费收缴情况汇总表", o.Year)
	meta := Meta{Title: title, Org: o.Org, Created: o.Created, Subject: title, Keywords: "党费 汇总"}
	_, err := Render(w, Landscape, meta, func(d *Doc) error {
		duesSummary(d, b, branches, o)
		return nil
	})
	return err
}

func duesSummary(d *Doc, b *data.DuesBook, branches []int64, o DuesOptions) {
	d.Title(fmt.Sprintf("%d年度党费收缴情况汇总表", o.Year))
	cols := []Column{{Title: "党支部", Width: 0}, {Title: "项目", Width: 9, Align: AlignCenter}}
	for m := 1; m <= 12; m++ {
		cols = append(cols, Column{Title: strconv.Itoa(m) + "月", Width: 16, Align: AlignRight})
	}
	cols = append(cols, Column{Title: "全年", Width: 19, Align: AlignRight})
	t := d.NewTable(cols, TableStyle{Size: duesSize, MinRowHeight: 6, PadX: 1})
	var all data.DuesTotals
	var pairs [][2][]Cell
	for _, br := range branches {
		_, tot := b.BranchYear(o.Year, br, o.UpTo)
		due := []Cell{{Text: o.UnitName(br)}, {Text: "应缴"}}
		paid := []Cell{{Text: ""}, {Text: "实缴"}}
		for k := 0; k < 13; k++ {
			due = append(due, Cell{Text: data.FormatYuan(tot.Due[k])})
			p := Cell{Text: data.FormatYuan(tot.Paid[k])}
			if k < 12 && tot.Paid[k] < tot.Due[k] && data.MonthOf(o.Year, time.Month(k+1)) <= o.UpTo {
				p.Fill = duesFill
			}
			paid = append(paid, p)
			all.Due[k] += tot.Due[k]
			all.Paid[k] += tot.Paid[k]
		}
		pairs = append(pairs, [2][]Cell{due, paid})
	}
	due := []Cell{{Text: "合计"}, {Text: "应缴"}}
	paid := []Cell{{Text: ""}, {Text: "实缴"}}
	for k := 0; k < 13; k++ {
		due = append(due, Cell{Text: data.FormatYuan(all.Due[k])})
		paid = append(paid, Cell{Text: data.FormatYuan(all.Paid[k])})
	}
	notes := []string{"金额单位：元。实缴少于应缴的月份以灰底标出；实缴含补缴。"}
	for i, pr := range pairs {
		next := 0.0
		if i == len(pairs)-1 { // the last branch goes with the totals and the signatures
			next = t.RowsHeight(due, paid) + closingHeight(d, notes)
		}
		t.KeepRows(next, pr[0], pr[1])
	}
	t.Keep(t.RowsHeight(due, paid) + closingHeight(d, notes))
	t.Total(due...)
	t.Total(paid...)
	t.End()
	closing(d, notes, "制表人：", "审核人：", "日期：")
}

// DuesCollectionSheet prints a branch's month for collecting and signing,
// A4 portrait: a row per member who owes the month there (姓名, 缴费基数,
// 比例, 应缴, 实缴, 方式, 日期, 本人签字), the 合计, and the lines for the
// collector and the secretary.
func DuesCollectionSheet(w io.Writer, b *data.DuesBook, branchID int64, month data.Month, o DuesOptions) error {
	o = o.withDefaults()
	title := fmt.Sprintf("%s党费收缴表", month.Chinese())
	meta := Meta{Title: title, Org: o.Org, Created: o.Created, Subject: o.UnitName(branchID) + title, Keywords: "党费 收缴"}
	_, err := Render(w, Portrait, meta, func(d *Doc) error {
		d.Title(o.UnitName(branchID) + " " + title)
		t := d.NewTable([]Column{{Title: "序号", Width: 12, Align: AlignCenter}, {Title: "姓名", Width: 0},
			{Title: "缴费基数", Width: 20, Align: AlignRight}, {Title: "比例", Width: 12, Align: AlignCenter},
			{Title: "应缴", Width: 16, Align: AlignRight}, {Title: "实缴", Width: 16, Align: AlignRight},
			{Title: "方式", Width: 12, Align: AlignCenter}, {Title: "缴纳日期", Width: 22, Align: AlignCenter},
			{Title: "本人签字", Width: 24}}, TableStyle{Size: SizeWu})
		var due, paid int64
		lines := b.Month(month, branchID)
		for n, l := range lines {
			base := l.Member.BaseAt(month)
			baseText, rate := yuan(base.Base), data.FormatRate(l.Rate)
			if l.Rate == 0 {
				baseText, rate = base.Category, "定额"
			}
			cells := []Cell{{Text: strconv.Itoa(n + 1)}, {Text: l.Member.Name}, {Text: baseText}, {Text: rate},
				{Text: data.FormatYuan(l.Owing())}}
			var method, date string
			paidText := ""
			if l.Row != nil {
				method, date = l.Row.Method, ""
				if !l.Row.PaidDate.IsZero() {
					date = l.Row.PaidDate.String()
				}
				paidText = yuan(l.Paid())
				if l.State() == data.DuesExempted {
					paidText = "免缴"
				}
			}
			cells = append(cells, Cell{Text: paidText}, Cell{Text: method}, Cell{Text: date}, Cell{Text: ""})
			t.RowCells(cells...)
			due += l.Owing()
			paid += l.Paid()
		}
		t.Total(Cell{Text: fmt.Sprintf("合计（%d 人）", len(lines)), Span: 4, Align: AlignCenter},
			Cell{Text: data.FormatYuan(due)}, Cell{Text: data.FormatYuan(paid)}, Cell{Text: "", Span: 3})
		t.End()
		closing(d, []string{"金额单位：元。"}, "收缴人：", "支部书记：", "日期：")
		return nil
	})
	return err
}

// DuesReceipt prints a member's 党费缴纳凭证 for the months of a year
// recorded as paid: who, which branch, each month's 应缴 and 实缴 with the
// date and the way paid, the total in figures and in words, and the lines
// for the collector's signature and the branch's seal.
func DuesReceipt(w io.Writer, b *data.DuesBook, memberID int64, o DuesOptions) error {
	o = o.withDefaults()
	m := b.Member(memberID)
	if m == nil {
		return fmt.Errorf("找不到该党员的党费记录")
	}
	title := "党费缴纳凭证"
	meta := Meta{Title: title, Org: o.Org, Created: o.Created, Subject: m.Name + " " + title, Keywords: "党费 凭证"}
	_, err := Render(w, Portrait, meta, func(d *Doc) error {
		d.Title(title)
		d.Text(fmt.Sprintf("姓名：%s　　所在党支部：%s　　年度：%d年", m.Name, o.UnitName(m.BranchID), o.Year), TextStyle{Size: SizeXiaoSi})
		d.Space(3)
		t := d.NewTable([]Column{{Title: "所缴月份", Width: 0, Align: AlignCenter}, {Title: "应缴（元）", Width: 24, Align: AlignRight},
			{Title: "实缴（元）", Width: 24, Align: AlignRight}, {Title: "缴纳日期", Width: 26, Align: AlignCenter},
			{Title: "方式", Width: 14, Align: AlignCenter}, {Title: "收缴党支部", Width: 45}}, TableStyle{Size: SizeWu, MinRowHeight: 7})
		var paid int64
		count := 0
		for k := 1; k <= 12; k++ {
			l := b.Line(m, data.MonthOf(o.Year, time.Month(k)))
			if l.Row == nil || l.Row.Paid == 0 {
				continue
			}
			count++
			date := ""
			if !l.Row.PaidDate.IsZero() {
				date = l.Row.PaidDate.String()
			}
			month := l.Month.Chinese()
			if l.Row.BackPay() {
				month += "（补缴）"
			}
			t.Row(month, data.FormatYuan(l.Owing()), data.FormatYuan(l.Paid()), date, l.Row.Method, o.UnitName(l.BranchID))
			paid += l.Paid()
		}
		if count == 0 {
			t.RowCells(Cell{Text: "本年度尚无缴纳记录", Span: 6, Align: AlignCenter})
		}
		t.Total(Cell{Text: "合计", Align: AlignCenter}, Cell{Text: ""}, Cell{Text: data.FormatYuan(paid)},
			Cell{Text: "人民币（大写）" + CapitalYuan(paid), Span: 3})
		t.End()
		closing(d, nil, "收款人：", "党支部（盖章）：", "日期：")
		return nil
	})
	return err
}

// CapitalYuan writes 分 in the capital numerals of receipts: 1234.50 →
// 壹仟贰佰叁拾肆元伍角整; 0 → 零元整.
func CapitalYuan(fen int64) string {
	if fen < 0 {
		return "负" + CapitalYuan(-fen)
	}
	digits := []string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}
	units := []string{"", "拾", "佰", "仟"}
	big := []string{"", "万", "亿"}
	yuanPart, jiao, fenD := fen/100, (fen/10)%10, fen%10
	var b strings.Builder
	if yuanPart == 0 {
		b.WriteString("零")
	} else {
		var groups []int64
		for v := yuanPart; v > 0; v /= 10000 {
			groups = append(groups, v%10000)
		}
		zero := false
		for gi := len(groups) - 1; gi >= 0; gi-- {
			g := groups[gi]
			if g == 0 {
				zero = true
				continue
			}
			for ui := 3; ui >= 0; ui-- {
				d := (g / pow10(ui)) % 10
				if d == 0 {
					if b.Len() > 0 {
						zero = true
					}
					continue
				}
				if zero {
					b.WriteString("零")
					zero = false
				}
				b.WriteString(digits[d] + units[ui])
			}
			b.WriteString(big[gi])
		}
	}
	b.WriteString("元")
	switch {
	case jiao == 0 && fenD == 0:
		b.WriteString("整")
	case fenD == 0:
		b.WriteString(digits[jiao] + "角整")
	case jiao == 0:
		b.WriteString("零" + digits[fenD] + "分")
	default:
		b.WriteString(digits[jiao] + "角" + digits[fenD] + "分")
	}
	return b.String()
}

func pow10(n int) int64 {
	v := int64(1)
	for ; n > 0; n-- {
		v *= 10
	}
	return v
}
