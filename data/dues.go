package data

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// 党费 (domain.md §7): the pure rules. The standards (tier tables and fixed
// amounts) are data the office may change from a given month; each member's
// base and category are kept with the month they apply from; amounts are
// integer 分, the percentage applied in integer arithmetic and rounded half
// up. The store (dues_store.go) loads these and the ledger; the screen, the
// printouts and the CLI all read the same DuesBook.

// Audit entities of the dues module.
const (
	EntityDuesRule    = "dues_rule"
	EntityDuesBase    = "dues_base"
	EntityDuesPayment = "dues_payment"
)

// 党费类别: what a member's dues are computed from.
const (
	DuesInService = "在职"
	DuesRetired   = "离退休"
	DuesStudent   = "学生"
	DuesNoIncome  = "无固定收入"
	DuesLowIncome = "低保"
	DuesExempt    = "免缴"
)

// DuesCategories lists the categories in menu order.
var DuesCategories = []string{DuesInService, DuesRetired, DuesStudent, DuesNoIncome, DuesLowIncome, DuesExempt}

// 缴纳方式.
const (
	PayCash     = "现金"
	PayTransfer = "转账"
	PayPayroll  = "代扣"
)

// DuesMethods lists the ways of paying in menu order.
var DuesMethods = []string{PayCash, PayTransfer, PayPayroll}

// Month is a calendar month as a count of months since year 0
// (year*12 + month-1), so months compare and step as integers.
type Month int

// MonthOf is the month of a year and a month number (1–12).
func MonthOf(year int, m time.Month) Month { return Month(year*12 + int(m) - 1) }

// MonthOfDate is the month a date falls in; 0 for a zero date.
func MonthOfDate(d Date) Month {
	if d.IsZero() {
		return 0
	}
	return MonthOf(d.Y, d.M)
}

// Year is the month's year.
func (m Month) Year() int { return int(m) / 12 }

// Num is the month's number, 1–12.
func (m Month) Num() int { return int(m)%12 + 1 }

// First is the month's first day.
func (m Month) First() Date { return NewDate(m.Year(), time.Month(m.Num()), 1) }

// String writes "2026-03"; the zero month writes "".
func (m Month) String() string {
	if m == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", m.Year(), m.Num())
}

// Chinese writes "2026年3月".
func (m Month) Chinese() string { return fmt.Sprintf("%d年%d月", m.Year(), m.Num()) }

var monthSeparators = strings.NewReplacer("年", "-", "月", "", ".", "-", "/", "-", "．", "-")

// ParseMonth reads "2026-03", "2026-3", "2026.03", "2026年3月", "202603".
func ParseMonth(s string) (Month, error) {
	orig := s
	s = normalizeDigits(strings.TrimSpace(s))
	s = monthSeparators.Replace(s)
	s = strings.TrimSuffix(s, "-")
	var ys, ms string
	if y, m, ok := strings.Cut(s, "-"); ok {
		ys, ms = y, m
	} else if len(s) == 6 {
		ys, ms = s[:4], s[4:]
	}
	y, err1 := strconv.Atoi(ys)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || y < 1900 || y > 2200 || m < 1 || m > 12 {
		return 0, fmt.Errorf("月份“%s”格式不正确，应如 2026-03", strings.TrimSpace(orig))
	}
	return MonthOf(y, time.Month(m)), nil
}

// DuesTier is one row of a tier table: bases up to UpTo 分 (0: no upper
// bound) pay RateBP basis points (0.5% = 50).
type DuesTier struct {
	UpTo   int64 `json:"up_to_fen"`
	RateBP int64 `json:"rate_bp"`
}

// DuesRules is one version of the dues standards.
type DuesRules struct {
	ID        int64            `json:"id"`
	Effective Month            `json:"-"` // applies from this month on
	InService []DuesTier       `json:"in_service"`
	Retired   []DuesTier       `json:"retired"`
	Fixed     map[string]int64 `json:"fixed_fen"` // category → 分 per month
	RoundFen  int64            `json:"round_fen"` // round half up to this many 分 (1: to 分, 10: to 角)
	Note      string           `json:"note"`
	Deleted   bool             `json:"deleted,omitempty"`
}

//go:embed defaults/dues_rules.json
var defaultDuesRulesJSON []byte

// DefaultDuesRules are the standards shipped with the program; they apply
// to every month no office change covers.
func DefaultDuesRules() DuesRules {
	var r DuesRules
	if err := json.Unmarshal(defaultDuesRulesJSON, &r); err != nil {
		panic("defaults/dues_rules.json: " + err.Error())
	}
	return r
}

var defaultDuesRules = DefaultDuesRules()

// FormatRate writes basis points as a percentage: 50 → "0.5%", 150 → "1.5%".
func FormatRate(bp int64) string {
	s := strconv.FormatInt(bp/100, 10)
	if f := bp % 100; f != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%02d", f), "0")
	}
	return s + "%"
}

// CheckDuesRules reports what is wrong with a set of standards.
func CheckDuesRules(r DuesRules) error {
	var is Issues
	check := func(field, name string, tiers []DuesTier) {
		if len(tiers) == 0 {
			is.Err(field, "%s至少要有一档", name)
			return
		}
		var prev int64
		for i, t := range tiers {
			last := i == len(tiers)-1
			switch {
			case t.RateBP < 0 || t.RateBP > 10000:
				is.Err(field, "%s第 %d 档的比例不正确", name, i+1)
			case last && t.UpTo != 0:
				is.Err(field, "%s最后一档应不设上限", name)
			case !last && t.UpTo <= prev:
				is.Err(field, "%s第 %d 档的上限应大于上一档", name, i+1)
			}
			prev = t.UpTo
		}
	}
	if r.Effective == 0 {
		is.Err("effective", "请填写起始月份")
	}
	check("in_service", "在职党员标准", r.InService)
	check("retired", "离退休党员标准", r.Retired)
	for c, v := range r.Fixed {
		if v < 0 {
			is.Err("fixed_fen", "%s的固定金额不能为负", c)
		}
	}
	if r.RoundFen != 0 && r.RoundFen != 1 && r.RoundFen != 10 {
		is.Err("round_fen", "舍入只能到分或到角")
	}
	return is.AsError()
}

// roundHalfUp divides num by den and rounds half up to a multiple of unit.
func roundHalfUp(num, den, unit int64) int64 {
	if unit <= 0 {
		unit = 1
	}
	d := den * unit
	return (num + d/2) / d * unit
}

// Rate is the rate (basis points) for a base in 分 under a tier table.
func rateFor(tiers []DuesTier, base int64) int64 {
	for _, t := range tiers {
		if t.UpTo == 0 || base <= t.UpTo {
			return t.RateBP
		}
	}
	return 0
}

// Monthly is a member's monthly dues in 分 for a category and base, and the
// rate applied (basis points; 0 for fixed amounts and exemptions).
func (r DuesRules) Monthly(category string, base int64) (fen, rateBP int64) {
	switch category {
	case DuesExempt:
		return 0, 0
	case DuesInService, "":
		rateBP = rateFor(r.InService, base)
	case DuesRetired:
		rateBP = rateFor(r.Retired, base)
	default:
		return r.Fixed[category], 0
	}
	if base <= 0 {
		return 0, rateBP
	}
	return roundHalfUp(base*rateBP, 10000, r.RoundFen), rateBP
}

// DuesRuleBook is every version of the standards, oldest first; months
// before the first office change use the shipped defaults.
type DuesRuleBook []DuesRules

// At is the standards in force in a month.
func (b DuesRuleBook) At(m Month) DuesRules {
	r := defaultDuesRules
	for _, v := range b {
		if v.Effective <= m {
			r = v
		}
	}
	return r
}

// DuesBase is a member's base and category from a month on.
type DuesBase struct {
	ID        int64  `json:"id"`
	MemberID  int64  `json:"member_id"`
	Effective Month  `json:"-"`
	Category  string `json:"category"`
	Base      int64  `json:"base"` // 分 per month
	Reason    string `json:"reason"`
	Deleted   bool   `json:"deleted,omitempty"`
}

// CheckDuesBase reports what is wrong with a base record.
func CheckDuesBase(b DuesBase) error {
	var is Issues
	if b.Effective == 0 {
		is.Err("effective", "请填写起始月份")
	}
	if !slices.Contains(DuesCategories, b.Category) {
		is.Err("category", "请选择党费类别")
	}
	if b.Base < 0 {
		is.Err("base", "缴费基数不能为负")
	}
	if (b.Category == DuesInService || b.Category == DuesRetired) && b.Base == 0 {
		is.Err("base", "请填写缴费基数（%s党员按基数计算党费）", b.Category)
	}
	if b.Category == DuesExempt && strings.TrimSpace(b.Reason) == "" {
		is.Err("reason", "免缴党费须写明原因")
	}
	return is.AsError()
}

// CategoryFromMember is the dues category a dossier implies where no base
// record exists: 离退休 by 人员类别, otherwise 在职.
func CategoryFromMember(m Member) string {
	if m.Category == "离退休" {
		return DuesRetired
	}
	return DuesInService
}

// DuesPayment is one ledger row: a member's dues for one month, kept by the
// branch that collected it.
type DuesPayment struct {
	ID           int64  `json:"id"`
	MemberID     int64  `json:"member_id"`
	Month        Month  `json:"-"`
	BranchID     int64  `json:"branch_id"`
	Due          int64  `json:"due"`  // 应缴, 分
	Paid         int64  `json:"paid"` // 实缴, 分
	PaidDate     Date   `json:"paid_date"`
	Method       string `json:"method"`
	ExemptReason string `json:"exempt_reason"`
	Note         string `json:"note"`
	Deleted      bool   `json:"deleted,omitempty"`
}

// MarshalJSON writes the months as "YYYY-MM" for the audit log.
func (p DuesPayment) MarshalJSON() ([]byte, error) {
	type plain DuesPayment
	return json.Marshal(struct {
		plain
		Month string `json:"month"`
	}{plain(p), p.Month.String()})
}

// MarshalJSON writes the month as "YYYY-MM" for the audit log.
func (b DuesBase) MarshalJSON() ([]byte, error) {
	type plain DuesBase
	return json.Marshal(struct {
		plain
		Effective string `json:"effective"`
	}{plain(b), b.Effective.String()})
}

// 缴纳状态 of a month.
const (
	DuesUnpaid   = "未缴"
	DuesPaid     = "已缴"
	DuesShort    = "少缴"
	DuesOver     = "多缴"
	DuesBackPay  = "补缴"
	DuesExempted = "免缴"
	DuesNotOwed  = "不需缴纳"
	// DuesPaidEarlier: paid before the ledger was kept here, as the
	// dossier's 党费交至年月 says.
	DuesPaidEarlier = "此前已缴"
)

// BackPay reports a payment made after the month it is for (补缴).
func (p DuesPayment) BackPay() bool {
	return p.Paid > 0 && !p.PaidDate.IsZero() && MonthOfDate(p.PaidDate) > p.Month
}

// State is the row's 缴纳状态.
func (p DuesPayment) State() string {
	switch {
	case p.ExemptReason != "":
		return DuesExempted
	case p.Paid == 0 && p.Due > 0:
		return DuesUnpaid
	case p.Paid < p.Due:
		return DuesShort
	case p.Paid > p.Due:
		return DuesOver
	case p.BackPay():
		return DuesBackPay
	}
	return DuesPaid
}

// CheckDuesPayment reports what is wrong with a ledger row.
func CheckDuesPayment(p DuesPayment) error {
	var is Issues
	if p.MemberID == 0 {
		is.Err("member_id", "请选择党员")
	}
	if p.Month == 0 {
		is.Err("month", "请填写月份")
	}
	if p.BranchID == 0 {
		is.Err("branch_id", "请选择收缴党支部")
	}
	if p.Due < 0 || p.Paid < 0 {
		is.Err("paid", "金额不能为负")
	}
	if p.Paid > 0 && p.Method != "" && !slices.Contains(DuesMethods, p.Method) {
		is.Err("method", "缴纳方式应为现金、转账或代扣")
	}
	if p.Paid > 0 && !p.PaidDate.IsZero() && MonthOfDate(p.PaidDate) < p.Month {
		is.Err("paid_date", "缴纳日期早于所缴月份，预缴请按月份分别登记")
	}
	if p.ExemptReason != "" && p.Paid > 0 {
		is.Err("exempt_reason", "免缴的月份不能再登记实缴金额")
	}
	return is.AsError()
}

// DuesAlarmMonths is how many consecutive unpaid months raise the alarm.
const DuesAlarmMonths = 6

// FormatDuesTiers writes a tier table as the rule editor shows it, one
// tier a line: "3000 0.5%", …, "以上 2%".
func FormatDuesTiers(tiers []DuesTier) string {
	var lines []string
	for _, t := range tiers {
		up := "以上"
		if t.UpTo != 0 {
			up = strings.TrimSuffix(FormatYuan(t.UpTo), ".00")
		}
		lines = append(lines, up+" "+FormatRate(t.RateBP))
	}
	return strings.Join(lines, "\n")
}

// ParseDuesTiers reads the editor's lines back: an upper bound in 元 (or
// 以上 for the last) and a percentage, "3000 0.5%" or "3000元及以下 0.5".
func ParseDuesTiers(s string) ([]DuesTier, error) {
	var out []DuesTier
	for i, line := range strings.Split(strings.TrimSpace(s), "\n") {
		f := strings.Fields(normalizeDigits(line))
		if len(f) == 0 {
			continue
		}
		if len(f) != 2 {
			return nil, fmt.Errorf("第 %d 行“%s”应写成“上限 比例”，如“3000 0.5%%”，最后一行写“以上 2%%”", i+1, strings.TrimSpace(line))
		}
		var t DuesTier
		if up := strings.TrimSuffix(strings.TrimSuffix(f[0], "及以下"), "元"); up != "以上" {
			v, err := ParseYuan(up)
			if err != nil || v <= 0 {
				return nil, fmt.Errorf("第 %d 行的上限“%s”不是有效的金额", i+1, f[0])
			}
			t.UpTo = v
		}
		rate := strings.TrimSuffix(strings.TrimSuffix(f[1], "%"), "％")
		bp, err := ParseYuan(rate) // two decimals of a percent are basis points
		if err != nil || bp < 0 {
			return nil, fmt.Errorf("第 %d 行的比例“%s”不是有效的百分数", i+1, f[1])
		}
		t.RateBP = bp
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("至少要有一档")
	}
	return out, nil
}
