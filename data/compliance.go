package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// ComplianceCell is one branch × kind × period: how many meetings the
// rules require and how many were recorded.
type ComplianceCell struct {
	BranchID int64  `json:"branch_id"`
	Branch   string `json:"branch"`
	Kind     string `json:"kind"`
	Period   Period `json:"-"`
	Required int    `json:"required"`
	Held     int    `json:"held"`
	// Open: the period has not ended yet on the day asked about, so a
	// shortfall is "due", not a gap.
	Open bool `json:"open"`
}

// Gap reports a closed period with fewer meetings than required.
func (c ComplianceCell) Gap() bool { return !c.Open && c.Held < c.Required }

// complianceUnit is what the computation needs to know of a branch.
type complianceUnit struct {
	id, parent int64
	level      OrgLevel
	name       string
	founded    Date
	committee  func(day Date) bool // a committee (≥2 posts) sat that day
}

// Compliance computes, for every branch (or the given ones) and every kind
// with a required frequency, the periods of year: required vs held. Today
// marks periods still open. Rules for when a period counts:
//   - a branch founded after a period began owes nothing for it (a yearly
//     meeting is owed when the branch existed before the fourth quarter);
//   - 支委会 is owed only by a branch with a committee (two or more posts
//     held) during the period;
//   - 党小组会 is owed by each group: required = groups × times, held
//     counts each group's meetings up to its own requirement.
func (s *Store) Compliance(ctx context.Context, year int, branchIDs []int64, today Date) ([]ComplianceCell, error) {
	tree, err := s.orgTree(ctx, false)
	if err != nil {
		return nil, err
	}
	return s.compliance(ctx, tree, year, branchIDs, today)
}

// compliance is Compliance on an organisation tree already read.
func (s *Store) compliance(ctx context.Context, tree []*OrgNode, year int, branchIDs []int64, today Date) ([]ComplianceCell, error) {
	rules, err := s.MeetingRules(ctx)
	if err != nil {
		return nil, err
	}
	want := map[int64]bool{}
	for _, id := range branchIDs {
		want[id] = true
	}
	var branches []complianceUnit
	groups := map[int64][]complianceUnit{}
	for _, r := range tree {
		r.Walk(func(n *OrgNode, _ int) {
			u := n.Unit
			posts := n.Posts
			cu := complianceUnit{id: u.ID, parent: u.ParentID, level: u.Level, name: u.Name(), founded: u.Founded,
				committee: func(day Date) bool {
					c := 0
					for _, p := range posts {
						if p.HeldOn(day) {
							c++
						}
					}
					return c >= 2
				}}
			switch u.Level {
			case LevelBranch:
				if len(want) == 0 || want[u.ID] {
					branches = append(branches, cu)
				}
			case LevelGroup:
				groups[u.ParentID] = append(groups[u.ParentID], cu)
			}
		})
	}
	// Count meetings per unit, kind and month within the year (every
	// period is whole months).
	type key struct {
		unit int64
		kind string
	}
	held := map[key]*[12]int{}
	// Minutes dated after today record a meeting yet to be held (a draft
	// started from a template ahead of time): it counts once its day comes.
	last := Date{year, 12, 31}
	if !today.IsZero() && today.Before(last) {
		last = today
	}
	// Only the units asked about (a branch and its groups) when some are.
	unitFilter := ""
	args := []any{Date{year, 1, 1}, last}
	if len(want) > 0 {
		var ids []string
		for _, b := range branches {
			ids = append(ids, strconv.FormatInt(b.id, 10))
			for _, g := range groups[b.id] {
				ids = append(ids, strconv.FormatInt(g.id, 10))
			}
		}
		if len(ids) == 0 {
			ids = append(ids, "0")
		}
		unitFilter = " AND unit_id IN (" + strings.Join(ids, ",") + ")"
	}
	// One text value, records separated by char(30) and fields by char(31):
	// tens of thousands of rows cost more in the driver than in SQLite.
	err = s.read(func(db *sql.DB) error {
		var all sql.NullString
		err := db.QueryRowContext(ctx, `SELECT group_concat(concat_ws(char(31), unit_id, kind, date), char(30)) FROM meetings
			WHERE deleted_at IS NULL AND date >= ? AND date <= ?`+unitFilter, args...).Scan(&all)
		if err != nil {
			return err
		}
		kinds := map[string]string{}
		var f [3]string
		for rest := all.String; rest != ""; {
			rec := rest
			if i := strings.IndexByte(rest, 30); i >= 0 {
				rec, rest = rest[:i], rest[i+1:]
			} else {
				rest = ""
			}
			if !statSplitFields(rec, f[:], kinds, 1<<1) { // the kind is kept
				return fmt.Errorf("读取会议记录时出错：%q", rec)
			}
			var k key
			var err error
			if k.unit, err = strconv.ParseInt(f[0], 10, 64); err != nil {
				return fmt.Errorf("读取会议记录时出错：%q", rec)
			}
			k.kind = f[1]
			y, md, ok := statYMD(f[2])
			if !ok {
				d, err := ParseDate(f[2])
				if err != nil {
					return err
				}
				y, md = d.Y, int(d.M)*100+d.D
			}
			if y != year || md < 101 || md > 1231 {
				continue
			}
			m := held[k]
			if m == nil {
				m = new([12]int)
				held[k] = m
			}
			m[md/100-1]++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	countIn := func(unit int64, kind string, p Period) int {
		m := held[key{unit, kind}]
		if m == nil {
			return 0
		}
		from, to := 1, 12
		switch p.Kind {
		case "month":
			from, to = p.Index, p.Index
		case "quarter":
			from, to = 3*p.Index-2, 3*p.Index
		}
		n := 0
		for i := from; i <= to; i++ {
			n += m[i-1]
		}
		return n
	}
	owes := func(u complianceUnit, p Period) bool {
		if u.founded.IsZero() {
			return true
		}
		if p.Kind == "year" {
			return u.founded.Before(Date{p.Year, 10, 1})
		}
		return !u.founded.After(p.Start())
	}
	perBranch := 0
	for _, r := range rules {
		perBranch += len(PeriodsOf(r.Period, year))
	}
	out := make([]ComplianceCell, 0, len(branches)*perBranch)
	for _, b := range branches {
		for _, r := range rules {
			for _, p := range PeriodsOf(r.Period, year) {
				if !owes(b, p) {
					continue
				}
				c := ComplianceCell{BranchID: b.id, Branch: b.name, Kind: r.Kind, Period: p, Open: !today.After(p.End())}
				switch r.Kind {
				case KindGroupMeeting:
					for _, g := range groups[b.id] {
						if !owes(g, p) {
							continue
						}
						c.Required += r.Times
						c.Held += min(countIn(g.id, r.Kind, p), r.Times)
					}
					if c.Required == 0 {
						continue
					}
				case KindCommittee:
					if !b.committee(p.End()) && !b.committee(p.Start()) {
						continue
					}
					c.Required, c.Held = r.Times, countIn(b.id, r.Kind, p)
				default:
					c.Required, c.Held = r.Times, countIn(b.id, r.Kind, p)
				}
				out = append(out, c)
			}
		}
	}
	return out, nil
}

// Due reports a period under way on today that still lacks meetings: what
// is "still due" (not yet a gap).
func (c ComplianceCell) Due(today Date) bool {
	return c.Open && c.Held < c.Required && !c.Period.Start().After(today)
}

// PeriodName is a period as the compliance views name it: 3月, 第一季度, 全年.
func PeriodName(p Period) string {
	if p.Kind == "year" {
		return "全年"
	}
	return p.Label()
}

// ComplianceSummary is one branch × kind over the year as of a day: the
// one count the screen, the printed matrix and the CLI show. Only closed
// periods count toward 应开 and 已开, and a period's surplus does not make
// up for another's shortfall.
type ComplianceSummary struct {
	BranchID int64  `json:"branch_id"`
	Branch   string `json:"branch"`
	Kind     string `json:"kind"`
	Required int    `json:"required"` // 应开: required in the periods ended by the day asked about
	Held     int    `json:"held"`     // 已开: held in them, at most what each required
	Missing  int    `json:"missing"`  // Required - Held
	// Gaps are the ended periods short of meetings, in order.
	Gaps []Period `json:"-"`
	// Current is the period under way (nil when none is).
	Current *ComplianceCell `json:"-"`
	// Upcoming counts the periods not begun yet.
	Upcoming int `json:"upcoming"`
	// Cells are the branch's periods of the kind, in order.
	Cells []ComplianceCell `json:"-"`
}

// SummarizeCompliance sums Compliance's cells per branch × kind, in the
// order they come (the organisation tree's, then the rules'). asOf is the
// day the cells were computed for.
func SummarizeCompliance(cells []ComplianceCell, asOf Date) []ComplianceSummary {
	type key struct {
		branch int64
		kind   string
	}
	// Two passes: count each summary's cells, then copy them into one
	// backing array (tens of thousands of cells for a large organisation).
	idx := map[key]int{}
	var out []ComplianceSummary
	which := make([]int, len(cells))
	var count []int
	prev := -1
	for j, c := range cells {
		// Cells come grouped by branch and kind: skip the lookup then.
		if prev >= 0 && out[prev].BranchID == c.BranchID && out[prev].Kind == c.Kind {
			which[j] = prev
			count[prev]++
			continue
		}
		k := key{c.BranchID, c.Kind}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, ComplianceSummary{BranchID: c.BranchID, Branch: c.Branch, Kind: c.Kind})
			count = append(count, 0)
		}
		which[j], prev = i, i
		count[i]++
	}
	buf := make([]ComplianceCell, len(cells))
	off := 0
	for i := range out {
		out[i].Cells = buf[off : off : off+count[i]]
		off += count[i]
	}
	for j, c := range cells {
		out[which[j]].Cells = append(out[which[j]].Cells, c)
	}
	for i := range out {
		s := &out[i]
		byStart := func(a, b int) bool { return s.Cells[a].Period.Start().Before(s.Cells[b].Period.Start()) }
		if !sort.SliceIsSorted(s.Cells, byStart) {
			sort.SliceStable(s.Cells, byStart)
		}
		for _, c := range s.Cells {
			switch {
			case !c.Open:
				s.Required += c.Required
				s.Held += min(c.Held, c.Required)
				if c.Gap() {
					s.Missing += c.Required - c.Held
					s.Gaps = append(s.Gaps, c.Period)
				}
			case c.Period.Start().After(asOf):
				s.Upcoming++
			default:
				c := c
				s.Current = &c
			}
		}
	}
	return out
}

// Short reports a gap in an ended period.
func (s ComplianceSummary) Short() bool { return len(s.Gaps) > 0 }

// InProgress reports a period under way still short of meetings.
func (s ComplianceSummary) InProgress() bool {
	return s.Current != nil && s.Current.Held < s.Current.Required
}

// Text is the summary as the screen's cell and the printed matrix's cell
// both write it: "应开 11，已开 10" / "缺：3月" / "12月进行中" (or 已开), or
// "未到期" before any period has ended.
func (s ComplianceSummary) Text() string {
	if len(s.Cells) == 0 {
		return "—"
	}
	var lines []string
	if s.Required > 0 {
		lines = append(lines, fmt.Sprintf("应开 %d，已开 %d", s.Required, s.Held))
		if len(s.Gaps) > 0 {
			names := make([]string, len(s.Gaps))
			for i, p := range s.Gaps {
				names[i] = PeriodName(p)
			}
			lines = append(lines, "缺："+strings.Join(names, "、"))
		}
	}
	if c := s.Current; c != nil {
		name := PeriodName(c.Period)
		if c.Period.Kind == "year" {
			name = "本年度"
		}
		if c.Held >= c.Required {
			lines = append(lines, name+"已开")
		} else {
			lines = append(lines, name+"进行中")
		}
	} else if s.Required == 0 {
		lines = append(lines, "未到期")
	}
	return strings.Join(lines, "\n")
}
