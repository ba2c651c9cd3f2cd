package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// StatsOptions choose the scope and what to compute.
type StatsOptions struct {
	AsOf     Date  // zero: the store's today
	BranchID int64 // 0: the whole organisation
	// NoScores skips the checklist and task scores (the slowest part:
	// every automatic checklist rule is evaluated), for quick counts.
	NoScores bool
}

// Stats computes the statistics of a scope as of a day (see stats.go for
// who is counted). Members are read with only the columns the counts need.
func (s *Store) Stats(ctx context.Context, o StatsOptions) (Stats, error) {
	if o.AsOf.IsZero() {
		o.AsOf = s.Today()
	}
	st := Stats{AsOf: o.AsOf, BranchID: o.BranchID}
	tree, err := s.orgTree(ctx, false)
	if err != nil {
		return st, err
	}
	// Branches in tree order, and the scope's name.
	var branches []*OrgNode
	for _, r := range tree {
		if st.Scope == "" && r.Unit.Level == LevelGeneral {
			st.Scope = r.Unit.FullName
		}
		r.Walk(func(n *OrgNode, _ int) {
			if n.Unit.Level == LevelBranch && (o.BranchID == 0 || n.Unit.ID == o.BranchID) {
				branches = append(branches, n)
			}
		})
	}
	if o.BranchID != 0 {
		if len(branches) == 0 {
			return st, fmt.Errorf("党支部不存在（编号 %d）", o.BranchID)
		}
		st.Scope = branches[0].Unit.Name()
	}
	st.Org = orgStat(branches, o.AsOf, s.TermWarnMonths(ctx))
	// Members, meetings and scores are read side by side; each part
	// fills its own fields of st.
	var wg sync.WaitGroup
	var errMembers, errMeetings, errScores error
	wg.Add(2)
	go func() { defer wg.Done(); errMembers = s.statsMembers(ctx, &st, branches) }()
	go func() { defer wg.Done(); errMeetings = s.statsMeetings(ctx, &st, tree) }()
	if !o.NoScores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			scores, err := s.scores(ctx, o.AsOf.Y, o.BranchID)
			if errScores = err; err != nil {
				return
			}
			st.Scores = []BranchScore{}
			for _, sc := range scores {
				if o.BranchID == 0 || sc.BranchID == o.BranchID {
					st.Scores = append(st.Scores, sc)
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range []error{errMembers, errMeetings, errScores} {
		if err != nil {
			return st, err
		}
	}
	st.ByStage = StatCounts{}
	statsHooksMu.Lock()
	names := make([]string, 0, len(statsHooks))
	for n := range statsHooks {
		names = append(names, n)
	}
	hooks := make([]StatsHook, 0, len(names))
	sort.Strings(names)
	for _, n := range names {
		hooks = append(hooks, statsHooks[n])
	}
	statsHooksMu.Unlock()
	for i, h := range hooks {
		if err := h(ctx, s, &st); err != nil {
			return st, fmt.Errorf("统计（%s）时出错：%w", names[i], err)
		}
	}
	return st, nil
}

// statYMD splits a stored 'YYYY-MM-DD' quickly (ok false for anything else):
// 100,000 rows are read per call, so no time.Parse here.
func statYMD(s string) (y, md int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, false
	}
	n := 0
	for i, c := range []byte(s) {
		if i == 4 || i == 7 {
			continue
		}
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n / 10000, n % 10000, true
}

// statYearsOn is YearsBetween on stored text: whole years from date s to the
// day (y, md = month*100+day), -1 when s is blank or not a date.
func statYearsOn(s string, y, md int) int {
	sy, smd, ok := statYMD(s)
	if !ok {
		return -1
	}
	n := y - sy
	if md < smd {
		n--
	}
	return n
}

func (s *Store) statsMembers(ctx context.Context, st *Stats, branches []*OrgNode) error {
	day := st.AsOf.String()
	y, md, _ := statYMD(day)
	where, args := "", []any{day, day}
	if st.BranchID != 0 {
		where, args = " AND branch_id = ?", append(args, st.BranchID)
	}
	byBranch := map[int64]int{}
	per := map[int64]*statBranchTally{}
	tallyOf := func(id int64) *statBranchTally {
		t := per[id]
		if t == nil {
			t = &statBranchTally{age: newStatTally(AgeBands, true)}
			per[id] = t
		}
		return t
	}
	sex := newStatTally([]string{"男", "女"}, true)
	eth := newStatTally([]string{"汉族"}, true)
	age := newStatTally(AgeBands, true)
	edu := newStatTally(Educations, true)
	party := newStatTally(append(append([]string{}, PartyAgeBands...), PartyAgeProbationary), true)
	cat := newStatTally(Categories, true)
	standing := newStatTally(StatStandings, true)
	// One text value for the whole scope, records separated by char(30) and
	// fields by char(31), split here: with 100,000 rows the driver's cost
	// per row and column, not SQLite's scan, is what takes the time.
	// concat_ws skips NULLs, so every nullable column is coalesced.
	err := s.read(func(db *sql.DB) error {
		var all sql.NullString
		err := db.QueryRowContext(ctx, `SELECT group_concat(concat_ws(char(31), coalesce(branch_id, 0), sex, ethnicity,
			coalesce(birth_date, ''), education, category, standing, coalesce(full_date, '')), char(30))
			FROM members WHERE deleted_at IS NULL AND status NOT IN (`+historyStatusList+`)
			  AND (join_date <= ? OR join_date IS NULL) AND (transfer_in_date <= ? OR transfer_in_date IS NULL)`+where, args...).Scan(&all)
		if err != nil {
			return err
		}
		var f [8]string
		intern := map[string]string{} // the few distinct values, so rows allocate nothing
		rest := all.String
		for rest != "" {
			raw := rest
			if i := strings.IndexByte(rest, 30); i >= 0 {
				raw, rest = rest[:i], rest[i+1:]
			} else {
				rest = ""
			}
			// Fields 1, 2, 4, 5, 6 become labels; 0, 3 and 7 are parsed.
			if !statSplitFields(raw, f[:], intern, 1<<1|1<<2|1<<4|1<<5|1<<6) {
				return fmt.Errorf("统计时读到格式不对的党员记录：%q", raw)
			}
			branch, _ := strconv.ParseInt(f[0], 10, 64)
			fsex, feth, birth, fedu, fcat, fstanding, full := f[1], f[2], f[3], f[4], f[5], f[6], f[7]
			st.Total++
			byBranch[branch]++
			bt := tallyOf(branch)
			bt.s.Total++
			sex.add(fsex)
			if fsex == "女" {
				st.Female++
				bt.s.Female++
			}
			eth.add(feth)
			if feth != "" && feth != "汉族" {
				st.Minority++
				bt.s.Minority++
			}
			band := AgeBand(statYearsOn(birth, y, md))
			age.add(band)
			bt.age.add(band)
			edu.add(EducationRow(fedu))
			if CollegeEducated(fedu) {
				bt.s.College++
			}
			cat.add(fcat)
			// 党籍 on the day: a 转正 after it means 预备党员 then.
			years := statYearsOn(full, y, md)
			switch {
			case fstanding == StandingFull && (years >= 0 || full == ""):
				standing.add(StandingFull)
				party.add(PartyAgeBand(years))
				bt.s.Full++
			case fstanding == StandingProbationary || fstanding == StandingFull:
				standing.add(StandingProbationary)
				party.add(PartyAgeProbationary)
				bt.s.Probationary++
			default:
				standing.add(fstanding)
				party.add(PartyAgeUnknown)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	st.ByBranch = StatCounts{}
	st.Branches = []BranchStat{}
	row := func(id int64, name string, t *statBranchTally) {
		if t == nil {
			t = &statBranchTally{age: newStatTally(AgeBands, true)}
		}
		b := t.s
		b.BranchID, b.Branch, b.ByAgeBand = id, name, t.age.counts()
		st.Branches = append(st.Branches, b)
	}
	for _, b := range branches {
		st.ByBranch = append(st.ByBranch, StatCount{b.Unit.Name(), byBranch[b.Unit.ID]})
		row(b.Unit.ID, b.Unit.Name(), per[b.Unit.ID])
		delete(byBranch, b.Unit.ID)
		delete(per, b.Unit.ID)
	}
	rest := 0
	for _, n := range byBranch {
		rest += n
	}
	if rest > 0 {
		st.ByBranch = append(st.ByBranch, StatCount{"未分配党支部", rest})
		// Members of no branch (or of a deleted one) in one row.
		var all statBranchTally
		all.age = newStatTally(AgeBands, true)
		for _, t := range per {
			all.s.Total += t.s.Total
			all.s.Full += t.s.Full
			all.s.Probationary += t.s.Probationary
			all.s.Female += t.s.Female
			all.s.Minority += t.s.Minority
			all.s.College += t.s.College
			for l, n := range t.age.n {
				all.age.n[l] += n
			}
		}
		row(0, "未分配党支部", &all)
	}
	st.BySex, st.ByEthnicity, st.ByAgeBand, st.ByEducation = sex.counts(), eth.counts(), age.counts(), edu.counts()
	st.ByPartyAgeBand, st.ByCategory, st.ByStanding = party.counts(), cat.counts(), standing.counts()
	return nil
}

// orgStat counts the branches in scope, their groups and committees.
func orgStat(branches []*OrgNode, day Date, warn int) OrgStat {
	o := OrgStat{}
	kinds := newStatTally(LevelBranch.Kinds(), false)
	for _, b := range branches {
		if !b.Unit.Founded.IsZero() && b.Unit.Founded.After(day) {
			continue
		}
		o.Branches++
		kinds.add(b.Unit.Kind)
		for _, c := range b.Children {
			if c.Unit.Level == LevelGroup && (c.Unit.Founded.IsZero() || !c.Unit.Founded.After(day)) {
				o.Groups++
			}
		}
		if len(b.CurrentPosts(day)) >= 2 {
			o.Committees++
		}
		if b.Unit.TermStatus(day, warn) == TermOverdue {
			o.TermsDue++
		}
	}
	o.ByKind = kinds.counts()
	return o
}

// statsMeetings sums the compliance summary per kind over the scope.
func (s *Store) statsMeetings(ctx context.Context, st *Stats, tree []*OrgNode) error {
	var only []int64
	if st.BranchID != 0 {
		only = []int64{st.BranchID}
	}
	// Counted at the end of the day: a period ending on it (12-31 for the
	// annual tables) is over, and its meetings count.
	cells, err := s.compliance(ctx, tree, st.AsOf.Y, only, st.AsOf.AddDays(1))
	if err != nil {
		return err
	}
	idx := map[string]int{}
	st.Meetings = []MeetingStat{}
	for _, sum := range SummarizeCompliance(cells, st.AsOf.AddDays(1)) {
		i, ok := idx[sum.Kind]
		if !ok {
			i = len(st.Meetings)
			idx[sum.Kind] = i
			st.Meetings = append(st.Meetings, MeetingStat{Kind: sum.Kind})
		}
		m := &st.Meetings[i]
		m.Required += sum.Required
		m.Held += sum.Held
		m.Missing += sum.Missing
	}
	return nil
}

// MeetingRateText is a MeetingStat's rate for tables: "92%" or "—".
func MeetingRateText(m MeetingStat) string {
	if r := m.Rate(); r >= 0 {
		return strconv.Itoa(r) + "%"
	}
	return "—"
}

// statSplitFields splits raw at the unit separator (char 31) into f; false
// when the count is wrong. The fields whose bit is set in interned get one
// string per distinct value (safe to keep); the others are slices of raw,
// to be read and dropped (a date, a number).
func statSplitFields(raw string, f []string, intern map[string]string, interned uint) bool {
	i := 0
	start := 0
	for j := 0; j <= len(raw); j++ {
		if j < len(raw) && raw[j] != 31 {
			continue
		}
		if i >= len(f) {
			return false
		}
		if interned&(1<<i) == 0 {
			f[i] = raw[start:j]
			i++
			start = j + 1
			continue
		}
		v, ok := intern[raw[start:j]]
		if !ok {
			v = strings.Clone(raw[start:j]) // not a slice of the whole text
			if len(intern) < 4096 {
				intern[v] = v
			}
		}
		f[i] = v
		i++
		start = j + 1
	}
	return i == len(f)
}

// statBranchTally accumulates one branch's row.
type statBranchTally struct {
	s   BranchStat
	age *statTally
}
