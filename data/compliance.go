package data

import (
	"context"
	"database/sql"
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
	rules, err := s.MeetingRules(ctx)
	if err != nil {
		return nil, err
	}
	tree, err := s.OrgTree(ctx)
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
	// Count meetings per unit, kind and day within the year.
	type key struct {
		unit int64
		kind string
	}
	held := map[key][]Date{}
	// Minutes dated after today record a meeting yet to be held (a draft
	// started from a template ahead of time): it counts once its day comes.
	last := Date{year, 12, 31}
	if !today.IsZero() && today.Before(last) {
		last = today
	}
	err = s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, `SELECT unit_id, kind, date FROM meetings
			WHERE deleted_at IS NULL AND date >= ? AND date <= ?`, Date{year, 1, 1}, last)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k key
			var d Date
			if err := rows.Scan(&k.unit, &k.kind, &d); err != nil {
				return err
			}
			held[k] = append(held[k], d)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	countIn := func(unit int64, kind string, p Period) int {
		n := 0
		for _, d := range held[key{unit, kind}] {
			if p.Contains(d) {
				n++
			}
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
	var out []ComplianceCell
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
