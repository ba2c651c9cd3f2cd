// Package duesimport imports the office's 党费收缴登记表: one row per member
// (姓名, 身份证号码, 缴费基数, then one column per month 1月…12月 with the
// amount paid) for one year. Rows are matched to the roster by ID number,
// then by name and branch; each month with an amount becomes a ledger row
// (免缴 in a month's cell records an exemption); a base that differs from
// the one on file is recorded from January of the year.
//
// It works like the other imports (data/workplan is the model): read the
// file (ReadFile), preview (PlanImport: writes nothing), apply (Apply:
// planned again inside one transaction, so the database takes the whole
// import or none of it; a rejected row is never half-applied).
package duesimport

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"dangjian/data"
	"dangjian/data/sheet"
)

// Column keys.
const (
	colName   = "name"
	colID     = "id_number"
	colBase   = "base"
	colBranch = "branch"
	colIgnore = "-"
	colMonth  = "m" // + the month number
)

var synonyms = map[string]string{
	"姓名": colName, "党员姓名": colName, "名字": colName,
	"身份证号码": colID, "身份证号": colID, "公民身份号码": colID, "身份证": colID, "证件号码": colID,
	"缴费基数": colBase, "党费基数": colBase, "基数": colBase, "月缴费基数": colBase, "缴纳基数": colBase,
	"所在支部": colBranch, "支部": colBranch, "党支部": colBranch, "所在党支部": colBranch,
	"序号": colIgnore, "编号": colIgnore, "合计": colIgnore, "全年合计": colIgnore, "小计": colIgnore,
	"备注": colIgnore, "应缴": colIgnore, "月应缴": colIgnore, "每月应缴": colIgnore, "月缴纳额": colIgnore,
	"比例": colIgnore, "缴纳比例": colIgnore, "性别": colIgnore, "人员类别": colIgnore,
}

// monthOf reads a month header: 1月, 01月, 一月, 2026年1月, 1.
func monthOf(h string) (int, bool) {
	h = sheet.NormHeader(h)
	if i := strings.Index(h, "年"); i >= 0 {
		h = h[i+len("年"):]
	}
	h = strings.TrimSuffix(strings.TrimSuffix(h, "份"), "月")
	if n, err := strconv.Atoi(h); err == nil && n >= 1 && n <= 12 {
		return n, true
	}
	for i, c := range []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"} {
		if h == c {
			return i + 1, true
		}
	}
	return 0, false
}

func headerKey(raw string) (string, bool) {
	if k, ok := sheet.MatchHeader(raw, synonyms); ok {
		return k, true
	}
	if n, ok := monthOf(sheet.StripNote(raw)); ok && strings.TrimSpace(raw) != "" {
		return colMonth + strconv.Itoa(n), true
	}
	return "", false
}

func findHeader(rows [][]string) (int, bool) {
	for i, r := range rows {
		name, months := false, 0
		for _, c := range r {
			k, ok := headerKey(c)
			switch {
			case !ok:
			case k == colName:
				name = true
			case strings.HasPrefix(k, colMonth):
				months++
			}
		}
		if name && months >= 1 {
			return i, true
		}
	}
	return 0, false
}

func noHeader(name string) error {
	return fmt.Errorf("在“%s”的前 %d 行中没有找到党费收缴登记表的表头。表头行应包含“姓名”和月份列（1月、2月……12月），"+
		"常用的列名还有：身份证号码、缴费基数。请检查表头后再导入", name, sheet.HeaderScan)
}

var headerRule = sheet.HeaderRule{Find: findHeader, NotFound: noHeader, Noun: "党费收缴登记表"}

// ReadFile reads a 党费收缴登记表, .xlsx or .csv.
func ReadFile(path string, progress data.Progress) (*sheet.Sheet, error) {
	return sheet.ReadFile(path, progress, headerRule)
}

// ReadBytes is ReadFile for a file in memory.
func ReadBytes(name string, b []byte) (*sheet.Sheet, error) {
	return sheet.ReadBytes(name, b, headerRule)
}

// Row is one member's year as the import records it.
type Row struct {
	Row      int
	MemberID int64
	Name     string
	Base     *data.DuesBase     // a new base from January, or nil
	Payments []data.DuesPayment // one per month with a value
	Warnings []sheet.Issue
}

// Plan is what an import would do, computed without writing anything.
type Plan struct {
	Year     int
	Header   int
	Columns  []string
	Unknown  []string
	Adds     []Row
	Existing int // rows whose months are all on file as they are
	Rejected []sheet.Issue
	Warnings []sheet.Issue
	Skipped  []sheet.Issue
	Total    int
}

// RejectedRows counts the distinct rows that cannot be imported.
func (p *Plan) RejectedRows() int { return sheet.CountRows(p.Rejected) }

func checkYear(year int) error {
	if year < 2000 || year > 2100 {
		return fmt.Errorf("年度 %d 不合理，请写成 2026 这样的四位年份", year)
	}
	return nil
}

func bookQuery(year int) data.DuesQuery {
	return data.DuesQuery{From: data.MonthOf(year, time.January), To: data.MonthOf(year, time.December)}
}

// PlanImport computes what importing sh as year's ledger would do.
func PlanImport(ctx context.Context, s *data.Store, sh *sheet.Sheet, year int) (*Plan, error) {
	if err := checkYear(year); err != nil {
		return nil, err
	}
	if sh == nil || len(sh.Rows) == 0 {
		return nil, errors.New("表格是空的，没有可导入的内容")
	}
	units, err := s.OrgUnits(ctx)
	if err != nil {
		return nil, err
	}
	book, err := s.DuesBook(ctx, bookQuery(year))
	if err != nil {
		return nil, err
	}
	return plan(sh, year, s.Role(ctx), units, book)
}

// Apply imports sh as year's ledger in one transaction.
func Apply(ctx context.Context, s *data.Store, sh *sheet.Sheet, year int, mode sheet.Mode, progress data.Progress) (sheet.Result, error) {
	if err := checkYear(year); err != nil {
		return sheet.EmptyResult(), err
	}
	role := s.Role(ctx)
	return sheet.Write(ctx, s, sh, mode, progress, sheet.Writer[Row]{
		Plan: func(tx *data.Tx, units []data.OrgUnit, _ data.Progress) (sheet.Planned[Row], error) {
			book, err := tx.DuesBook(bookQuery(year))
			if err != nil {
				return sheet.Planned[Row]{}, err
			}
			p, err := plan(sh, year, role, units, book)
			if err != nil {
				return sheet.Planned[Row]{}, err
			}
			return sheet.Planned[Row]{Header: p.Header, Existing: p.Existing, Adds: p.Adds,
				Rejected: p.Rejected, Warnings: p.Warnings, Skipped: p.Skipped}, nil
		},
		Save: func(tx *data.Tx, r Row) (int, []sheet.Issue, error) {
			if r.Base != nil {
				if err := tx.SaveDuesBase(role, *r.Base); err != nil {
					return r.Row, r.Warnings, err
				}
			}
			return r.Row, r.Warnings, tx.RecordDues(role, r.Payments)
		},
		Every: 50,
		Sort:  func(l []sheet.Issue) { sort.SliceStable(l, func(i, j int) bool { return l[i].Row < l[j].Row }) },
	})
}

type column struct {
	idx   int
	key   string
	title string
}

func normID(s string) string {
	return strings.ToUpper(strings.ReplaceAll(sheet.Fold(strings.TrimSpace(s)), " ", ""))
}

func plan(sh *sheet.Sheet, year int, role data.Role, units []data.OrgUnit, book *data.DuesBook) (*Plan, error) {
	header, ok := findHeader(sh.Rows)
	if !ok {
		return nil, noHeader(sh.Name)
	}
	p := &Plan{Year: year, Header: header + 1}
	cols := map[string]column{}
	for i, c := range sh.Rows[header] {
		if strings.TrimSpace(c) == "" {
			continue
		}
		k, ok := headerKey(c)
		if !ok {
			p.Unknown = append(p.Unknown, strings.TrimSpace(c))
			continue
		}
		if _, dup := cols[k]; dup || k == colIgnore {
			continue
		}
		cols[k] = column{i, k, strings.TrimSpace(c)}
		p.Columns = append(p.Columns, strings.TrimSpace(c))
	}
	unitName := map[int64]string{}
	branchByName := map[string]int64{}
	for _, u := range units {
		unitName[u.ID] = u.Name()
		if u.Level == data.LevelBranch {
			branchByName[u.FullName] = u.ID
			if u.ShortName != "" {
				branchByName[u.ShortName] = u.ID
			}
		}
	}
	byID := map[string]*data.DuesMember{}
	byName := map[string][]*data.DuesMember{}
	for i := range book.Members {
		m := &book.Members[i]
		if m.IDNumber != "" {
			byID[normID(m.IDNumber)] = m
		}
		byName[m.Name] = append(byName[m.Name], m)
	}
	problems := map[int]string{}
	for _, pr := range sh.Problems {
		problems[pr.Row] = pr.Reason
	}
	seen := map[int64]int{}
	for i := header + 1; i < len(sh.Rows); i++ {
		n := i + 1
		cells := sh.Rows[i]
		get := func(k string) string {
			c, ok := cols[k]
			if !ok || c.idx >= len(cells) {
				return ""
			}
			return strings.TrimSpace(cells[c.idx])
		}
		name := strings.Join(strings.Fields(get(colName)), "")
		id := normID(get(colID))
		if reason, bad := problems[n]; bad {
			p.Total++
			p.Rejected = append(p.Rejected, sheet.Issue{Row: n, Reason: reason})
			continue
		}
		if name == "" && id == "" {
			if first := strings.Join(strings.Fields(strings.Join(cells, "")), ""); strings.Contains(first, "合计") || strings.Contains(first, "制表") {
				p.Skipped = append(p.Skipped, sheet.Issue{Row: n, Reason: "合计或表尾行"})
			}
			continue
		}
		if k, ok := headerKey(name); ok && k == colName {
			p.Skipped = append(p.Skipped, sheet.Issue{Row: n, Reason: "重复的表头行"})
			continue
		}
		if strings.Contains(name, "合计") || strings.Contains(name, "小计") {
			p.Skipped = append(p.Skipped, sheet.Issue{Row: n, Reason: "合计行"})
			continue
		}
		p.Total++
		rc := &sheet.RowCtx{Row: n}
		var m *data.DuesMember
		switch {
		case id != "":
			m = byID[id]
			if m == nil {
				rc.Err(cols[colID].title, "身份证号码 %s 不在党员名册中", id)
			} else if name != "" && m.Name != name {
				rc.Err(cols[colName].title, "姓名“%s”与名册中该身份证号码的党员“%s”不符", name, m.Name)
			}
		default:
			cands := byName[name]
			if b := get(colBranch); b != "" || sh.DefaultBranch != "" {
				if b == "" {
					b = sh.DefaultBranch
				}
				bid, ok := branchByName[sheet.StripNote(b)]
				if !ok {
					rc.Err(cols[colBranch].title, "没有名为“%s”的党支部", b)
				}
				var in []*data.DuesMember
				for _, c := range cands {
					if c.BranchID == bid {
						in = append(in, c)
					}
				}
				cands = in
			}
			switch {
			case len(rc.Errs) > 0:
			case len(cands) == 0:
				rc.Err(cols[colName].title, "名册中没有党员“%s”（未填身份证号码，按姓名和支部也找不到）", name)
			case len(cands) > 1:
				rc.Err(cols[colName].title, "名册中有 %d 名党员叫“%s”，请填写身份证号码以区分", len(cands), name)
			default:
				m = cands[0]
				rc.Warn(cols[colName].title, "未填身份证号码，按姓名匹配到%s的%s", unitName[m.BranchID], m.Name)
			}
		}
		if len(rc.Errs) > 0 {
			m = nil // a row not matched to one member is refused whole
		}
		if m != nil {
			if first, dup := seen[m.ID]; dup {
				rc.Err(cols[colName].title, "%s在第 %d 行已经出现过", m.Name, first)
			}
			seen[m.ID] = n
			if err := role.OwnBranch(m.BranchID, "导入党费"); err != nil {
				rc.Err(cols[colName].title, "%s属于%s：%v", m.Name, unitName[m.BranchID], err)
			}
		}
		r := Row{Row: n, Name: name}
		jan := data.MonthOf(year, time.January)
		if raw := get(colBase); raw != "" && m != nil {
			base, err := data.ParseYuan(raw)
			switch {
			case err != nil:
				rc.Err(cols[colBase].title, "缴费基数：%v", err)
			case base < 0:
				rc.Err(cols[colBase].title, "缴费基数不能为负")
			default:
				cur := m.BaseAt(jan)
				if base != cur.Base && cur.Category != data.DuesExempt {
					nb := data.DuesBase{MemberID: m.ID, Effective: jan, Category: cur.Category, Base: base,
						Reason: "导入党费收缴登记表"}
					r.Base = &nb
				}
			}
		}
		unchanged := true
		for mon := 1; mon <= 12; mon++ {
			c, ok := cols[colMonth+strconv.Itoa(mon)]
			if !ok || c.idx >= len(cells) || m == nil {
				continue
			}
			raw := strings.TrimSpace(cells[c.idx])
			if raw == "" || raw == "-" || raw == "—" {
				continue
			}
			month := data.MonthOf(year, time.Month(mon))
			pay := data.DuesPayment{MemberID: m.ID, Month: month, BranchID: m.BranchID}
			line := book.Line(m, month)
			pay.Due = line.Due
			if r.Base != nil && line.Row == nil {
				b := *m
				b.Bases = append(append([]data.DuesBase(nil), m.Bases...), *r.Base)
				pay.Due, _, _ = book.Expected(&b, month)
			}
			if line.Row != nil {
				pay.BranchID, pay.PaidDate, pay.Method, pay.Note = line.Row.BranchID, line.Row.PaidDate, line.Row.Method, line.Row.Note
			}
			if strings.Contains(raw, "免") {
				pay.ExemptReason = "登记表注明免缴"
				if line.Row != nil && line.Row.ExemptReason != "" {
					pay.ExemptReason = line.Row.ExemptReason
				}
				pay.Paid, pay.PaidDate, pay.Method = 0, data.Date{}, ""
			} else {
				v, err := data.ParseYuan(raw)
				if err != nil || v < 0 {
					rc.Err(c.title, "%s的金额“%s”不是有效的数字", month.Chinese(), sheet.Clip(raw, 12))
					continue
				}
				if v == 0 {
					continue
				}
				pay.Paid = v
				if line.Row != nil && line.Row.ExemptReason != "" {
					pay.ExemptReason = ""
				}
				if v < pay.Due {
					rc.Warn(c.title, "%d月少缴：应缴 %s 元，实缴 %s 元", mon, data.FormatYuan(pay.Due), data.FormatYuan(v))
				}
			}
			if !line.Owed {
				rc.Warn(c.title, "%d月%s不需缴纳党费（入党前或已离开），仍按表登记", mon, m.Name)
			}
			if line.Row != nil && line.Row.BranchID != m.BranchID {
				if err := role.OwnBranch(line.Row.BranchID, "修改党费记录"); err != nil {
					rc.Err(c.title, "%d月的党费由%s收缴，不能由本支部修改", mon, unitName[line.Row.BranchID])
				}
			}
			if line.Row == nil || line.Row.Paid != pay.Paid || line.Row.ExemptReason != pay.ExemptReason || line.Row.Due != pay.Due {
				unchanged = false
				r.Payments = append(r.Payments, pay)
			}
		}
		if r.Base != nil {
			unchanged = false
		}
		switch {
		case len(rc.Errs) > 0:
			p.Rejected = append(p.Rejected, rc.Errs...)
		case unchanged:
			p.Existing++
			p.Skipped = append(p.Skipped, sheet.Issue{Row: n, Reason: m.Name + "的党费记录已与表中一致"})
		default:
			r.MemberID = m.ID
			r.Warnings = rc.Warns
			p.Warnings = append(p.Warnings, rc.Warns...)
			p.Adds = append(p.Adds, r)
		}
	}
	return p, nil
}
