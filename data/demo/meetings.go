package demo

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"dangjian/data"
)

// The demo's minutes: every branch's 三会一课 and organisational life from
// January of the year before AsOf up to AsOf, as the people of the plan
// held them, with a few meetings that did not take place so that the
// compliance matrix has gaps to show.

// meetingPlan is one set of minutes before it is stored: the unit and the
// attendance point at plan records whose IDs are known only once written.
type meetingPlan struct {
	b       *branchPlan
	group   int // index into b.groups for a 党小组会, else -1
	m       data.Meeting
	att     []attPlan
	regular bool // a routine meeting, which a gap may drop
	approve bool
	comment string
}

type attPlan struct {
	pe        *person
	standing  string
	committee bool
	state     string
	reason    string
}

// branchStyle is how a branch holds its meetings, drawn once per branch.
type branchStyle struct {
	t         branchType
	rooms     []string // its meeting rooms
	skip      int      // percent of routine meetings that were not held
	leave     int      // percent of members on leave at a meeting
	themeDay  int      // the day of the month of its 主题党日
	routes    []string // bus routes it runs or serves
	stations  []string
	lifeEarly bool  // holds the 组织生活会 in January–February for the year before
	secLesson []int // by year from the first: the quarter of the secretary's 党课
}

// meetingGen plans the minutes of all branches.
type meetingGen struct {
	*gen
	p        *plan
	from     data.Date // 1 January of the year before AsOf
	out      []*meetingPlan
	routes   []string    // used so far, so branches do not share routes
	lowB     *branchPlan // the fleet whose first general meeting last year was not quorate
	prevGaps int         // routine meetings dropped in the year before AsOf
	seq      int         // meetings of long rosters drawn so far (atts.seq)
	rollBuf  []*person   // see roster
	rollIdx  []int32     // the index in rollOf.hot of each of rollBuf
	rollOf   *branchPlan
	listBuf  []attPlan // see attendMany
}

func (g *gen) meetings(p *plan) {
	mg := &meetingGen{gen: g, p: p, from: data.NewDate(g.asOf.Y-1, 1, 1)}
	for _, pe := range p.people {
		pe.setDays()
	}
	for _, b := range p.branches {
		b.hot = make([]hotPerson, len(b.people))
		for i, pe := range b.people {
			b.hot[i] = pe.hot()
		}
	}
	// One fleet's first general meeting of last year fell in the 春运 rush
	// and was not quorate: the minutes say so and decide nothing.
	var big []*branchPlan
	for _, b := range p.branches {
		if typeOf(b.spec) == bFleet && len(b.people) >= 14 {
			big = append(big, b)
		}
	}
	if len(big) > 0 {
		mg.lowB = big[g.intn(len(big))]
	}
	for _, b := range p.branches {
		mg.branch(b)
	}
	mg.ensureGap()
	slices.SortStableFunc(mg.out, func(a, b *meetingPlan) int {
		return cmp.Or(a.m.Date.Compare(b.m.Date), cmp.Compare(pad5(a.m.StartTime), pad5(b.m.StartTime)))
	})
	mg.review()
	p.meetings = mg.out
}

func pad5(t string) string {
	if len(t) == 4 {
		return "0" + t
	}
	return t
}

// ---- calendar ----

func weekday(day data.Date) time.Weekday {
	return time.Date(day.Y, day.M, day.D, 12, 0, 0, 0, time.UTC).Weekday()
}

// workday moves a Saturday back to Friday and a Sunday on to Monday.
func workday(day data.Date) data.Date {
	switch weekday(day) {
	case time.Saturday:
		return day.AddDays(-1)
	case time.Sunday:
		return day.AddDays(1)
	}
	return day
}

// dayOf is a working day of the month that starts on first, near a day
// drawn from [lo, hi].
func (mg *meetingGen) dayOf(first data.Date, lo, hi int) data.Date {
	return workday(first.AddDays(mg.between(lo, hi) - 1))
}

// ---- who was who on a day ----

func heldOn(po *postPlan, day data.Date) bool {
	return !po.start.After(day) && (po.end.IsZero() || day.Before(po.end))
}

// holderOn is who held title in u on day, or nil.
func (p *plan) holderOn(u *data.OrgUnit, title string, day data.Date) *person {
	for _, po := range p.posts {
		if po.u == u && po.title == title && heldOn(po, day) {
			return po.holder
		}
	}
	return nil
}

// nextHolder is who held title in u next after day (the records of an
// earlier tenure may be missing), else nil.
func (p *plan) nextHolder(u *data.OrgUnit, title string, day data.Date) *person {
	var best *postPlan
	for _, po := range p.posts {
		if po.u == u && po.title == title && po.start.After(day) && (best == nil || po.start.Before(best.start)) {
			best = po
		}
	}
	if best == nil {
		return nil
	}
	return best.holder
}

// committeeOn lists the holders of u's posts on day, each once.
func (p *plan) committeeOn(u *data.OrgUnit, day data.Date) []*person {
	var out []*person
	for _, po := range p.posts {
		if po.u == u && heldOn(po, day) && !slices.Contains(out, po.holder) {
			out = append(out, po.holder)
		}
	}
	return out
}

// onRoll reports whether pe belonged to their branch on day: admitted (or
// transferred in) by then and not yet gone.
func onRoll(pe *person, day data.Date) bool {
	if pe.joinN != 0 {
		return onRollN(pe, dayNo(day))
	}
	m := &pe.m
	if m.JoinDate.After(day) || (!m.TransferInDate.IsZero() && m.TransferInDate.After(day)) {
		return false
	}
	return pe.left.IsZero() || pe.left.After(day)
}

// onRollN is onRoll for dayNo(day), once setDays has run.
func onRollN(pe *person, dn int) bool {
	if pe.joinN > dn || pe.transferN > dn {
		return false
	}
	return pe.leftN == 0 || pe.leftN > dn
}

// standingOnN is standingOn for dayNo(day), once setDays has run.
func standingOnN(pe *person, dn int) string {
	if pe.full && pe.fullN <= dn {
		return data.StandingFull
	}
	return data.StandingProbationary
}

func standingOn(pe *person, day data.Date) string {
	if pe.m.Standing == data.StandingFull && !pe.m.FullDate.After(day) {
		return data.StandingFull
	}
	return data.StandingProbationary
}

// roster lists who belonged to b (or its group) on day. A long roster is
// built in a buffer that the next call reuses: each meeting is planned
// (and a long one summed up) before the next roster is drawn.
func (mg *meetingGen) roster(b *branchPlan, group int, day data.Date) []*person {
	out, idx := mg.rollBuf[:0], mg.rollIdx[:0]
	dn := int32(dayNo(day))
	for i := range b.hot {
		h := &b.hot[i]
		if (group < 0 || int(h.group) == group) && h.joinN <= dn && h.transferN <= dn && (h.leftN == 0 || h.leftN > dn) {
			out = append(out, h.pe)
			idx = append(idx, int32(i))
		}
	}
	if len(out) > maxRoster {
		mg.rollBuf, mg.rollIdx, mg.rollOf = out, idx, b
		return out
	}
	return slices.Clone(out)
}

// hotOf is the packed records of roll when it is the last long roster
// drawn, else nil.
func (mg *meetingGen) hotOf(roll []*person) []int32 {
	if len(roll) == 0 || len(roll) != len(mg.rollIdx) || &roll[0] != &mg.rollBuf[0] {
		return nil
	}
	return mg.rollIdx
}

// officers are a branch's people in office on a day.
type officers struct {
	sec, deputy, org, prop, disc *person
	committee                    []*person
}

func (mg *meetingGen) officersOn(b *branchPlan, day data.Date) officers {
	u := &b.unit
	o := officers{
		sec:       mg.p.holderOn(u, "书记", day),
		deputy:    mg.p.holderOn(u, "副书记", day),
		org:       mg.p.holderOn(u, "组织委员", day),
		prop:      mg.p.holderOn(u, "宣传委员", day),
		disc:      mg.p.holderOn(u, "纪检委员", day),
		committee: mg.p.committeeOn(u, day),
	}
	if o.sec == nil || !onRoll(o.sec, day) {
		o.sec = mg.p.nextHolder(u, "书记", day)
	}
	return o
}

func name(pe *person) string {
	if pe == nil {
		return ""
	}
	return pe.m.Name
}

// senior is the present 正式党员 with the longest 党龄 other than not, to
// chair or record when the post holder cannot.
func senior(roll []*person, day data.Date, not ...*person) *person {
	var best *person
	for _, pe := range roll {
		if standingOn(pe, day) == data.StandingFull && pe.m.Status == data.StatusNormal && !slices.Contains(not, pe) &&
			(best == nil || pe.m.FullDate.Before(best.m.FullDate)) {
			best = pe
		}
	}
	return best
}

// other picks someone on the roll other than not: a 正式党员 in good
// standing if there is one, else any member in good standing; nil if
// nobody is left.
func (mg *meetingGen) other(roll []*person, day data.Date, not ...*person) *person {
	for _, full := range []bool{true, false} {
		var c []*person
		for _, pe := range roll {
			if (!full || standingOn(pe, day) == data.StandingFull) && pe.m.Status == data.StatusNormal && !slices.Contains(not, pe) {
				c = append(c, pe)
			}
		}
		if len(c) > 0 {
			return c[mg.intn(len(c))]
		}
	}
	return nil
}

// ---- attendance ----

// atts is a meeting's attendance while it is planned. For a roster of up
// to maxRoster people list holds everyone, in roster order, and is stored
// as attendance rows. A longer roster is written as totals and the names of
// those away (see summarize), so only they and the people the minutes name
// are listed; rest counts the other members, who were present. A demo of
// 100,000 members has branches of ten thousand and thousands of their
// meetings: drawing and keeping an entry for every attendee of each made
// the demo take minutes and gigabytes.
type atts struct {
	list []attPlan
	big  bool
	rest tally     // big: present members not in list
	roll []*person // big: the roster
	seq  int       // big: person.away of those listed as not present
}

// attend draws who came: members away or out of touch are excused or
// absent as their status says; of the others a few are on leave with the
// reasons of their trade and very few absent. must are always present
// (the host, the recorder, the speaker).
func (mg *meetingGen) attend(st *branchStyle, roll, committee []*person, day data.Date, must ...*person) *atts {
	if len(roll) > maxRoster {
		return mg.attendMany(st, roll, committee, day, must)
	}
	out := make([]attPlan, 0, len(roll))
	for _, pe := range roll {
		a := attPlan{pe: pe, standing: standingOn(pe, day), committee: slices.Contains(committee, pe), state: data.Present}
		switch {
		case slices.Contains(must, pe):
		case statusAway(&a, st, day):
		case mg.percent(st.leave):
			a.state, a.reason = data.OnLeave, mg.pick(leaveReasons[st.t])
			if a.reason == "出车" && (day.M == 1 || day.M == 2) && mg.percent(40) {
				a.reason = "春运加班出车"
			}
		case mg.intn(1000) < 8:
			a.state, a.reason = data.Absent, mg.pick(absentReasons)
		}
		out = append(out, a)
	}
	return &atts{list: out}
}

// statusAway marks a as excused or absent when the member's status keeps
// them away on day.
func statusAway(a *attPlan, st *branchStyle, day data.Date) bool {
	pe := a.pe
	switch m := &pe.m; {
	case m.Status == data.StatusNormal:
		return false
	case m.Status == data.StatusFloating && !pe.since.After(day):
		a.state, a.reason = data.OnLeave, "借调外地工作，持《流动党员活动证》在当地参加组织生活"
		if st.t == bRetired {
			a.state, a.reason = data.OnLeave, "随子女在外地居住，在居住地社区参加组织生活"
		}
	case m.Status == data.StatusLost && !pe.since.After(day):
		a.state, a.reason = data.Absent, "失联，支部正在多方查找"
	case m.Status == data.StatusStopped && !pe.left.AddMonths(-7).After(day):
		a.state, a.reason = data.Absent, "无正当理由不参加组织生活，经多次联系未到会"
	case m.Status == data.StatusDead && !pe.left.AddMonths(-3).After(day):
		a.state, a.reason = data.OnLeave, "病重住院"
	default:
		return false
	}
	return true
}

// statusAwayN is statusAway from the packed record.
func statusAwayN(a *attPlan, st *branchStyle, h *hotPerson, dn int32) bool {
	switch {
	case h.status == hotFloating && h.sinceN <= dn:
		a.state, a.reason = data.OnLeave, "借调外地工作，持《流动党员活动证》在当地参加组织生活"
		if st.t == bRetired {
			a.state, a.reason = data.OnLeave, "随子女在外地居住，在居住地社区参加组织生活"
		}
	case h.status == hotLost && h.sinceN <= dn:
		a.state, a.reason = data.Absent, "失联，支部正在多方查找"
	case h.status == hotStopped && h.stopN <= dn:
		a.state, a.reason = data.Absent, "无正当理由不参加组织生活，经多次联系未到会"
	case h.status == hotDead && h.deadN <= dn:
		a.state, a.reason = data.OnLeave, "病重住院"
	default:
		return false
	}
	return true
}

// attendMany is attend for a long roster: the same shares, but the members
// on ordinary leave or absent are found by drawing the gaps between them
// (geometric), not a number per member, and those present are counted.
func (mg *meetingGen) attendMany(st *branchStyle, roll, committee []*person, day data.Date, must []*person) *atts {
	mg.seq++
	// The list goes into a buffer the next long roster reuses: plan sums
	// it up before another meeting is drawn.
	at := &atts{big: true, roll: roll, seq: mg.seq, list: mg.listBuf[:0]}
	defer func() { mg.listBuf = at.list }()
	nextLeave, nextAbsent := mg.gap(st.leave, 100), mg.gap(8, 1000)
	dn := dayNo(day)
	idx := mg.hotOf(roll)
	var hot []hotPerson
	if idx != nil {
		hot = mg.rollOf.hot
	}
	for i, pe := range roll {
		leave, absent := i == nextLeave, i == nextAbsent
		if leave {
			nextLeave += 1 + mg.gap(st.leave, 100)
		}
		if absent {
			nextAbsent += 1 + mg.gap(8, 1000)
		}
		var h *hotPerson
		if hot != nil {
			h = &hot[idx[i]]
			if h.status == hotNormal && !leave && !absent {
				// Present: counted, not listed.
				at.rest.expected++
				at.rest.present++
				if h.full && int(h.fullN) <= dn {
					at.rest.voters++
					at.rest.votersPresent++
				}
				continue
			}
		} else if pe.normal && !leave && !absent {
			at.rest.expected++
			at.rest.present++
			if pe.full && pe.fullN <= dn {
				at.rest.voters++
				at.rest.votersPresent++
			}
			continue
		}
		a := attPlan{pe: pe, state: data.Present}
		if h != nil {
			a.standing = data.StandingProbationary
			if h.full && int(h.fullN) <= dn {
				a.standing = data.StandingFull
			}
		} else {
			a.standing = standingOnN(pe, dn)
		}
		switch {
		case len(must) > 0 && slices.Contains(must, pe):
		case h != nil && statusAwayN(&a, st, h, int32(dn)):
		case h == nil && statusAway(&a, st, day):
		case leave:
			a.state, a.reason = data.OnLeave, mg.pick(leaveReasons[st.t])
			if a.reason == "出车" && (day.M == 1 || day.M == 2) && mg.percent(40) {
				a.reason = "春运加班出车"
			}
		case absent:
			a.state, a.reason = data.Absent, mg.pick(absentReasons)
		default:
			at.rest.add(a)
			continue
		}
		a.committee = slices.Contains(committee, pe)
		if a.state != data.Present {
			pe.away = at.seq
		}
		at.list = append(at.list, a)
	}
	return at
}

// gap draws how many members pass before the next one for whom an event
// of probability num/den happens: geometric, so a long roster needs one
// draw per event rather than one per member.
func (mg *meetingGen) gap(num, den int) int {
	if num <= 0 {
		return math.MaxInt / 2
	}
	p := float64(num) / float64(den)
	return int(math.Log(1-mg.r.Float64()) / math.Log(1-p))
}

// quorate brings members on ordinary leave back until more than half of
// those who count are present: of a committee everyone; of a general
// meeting the 正式党员 (who vote), and also everyone, so that minutes
// stored without a roster, which know only the totals, are quorate too.
func quorate(at *atts, committee bool) {
	att := at.list
	ok := func() bool {
		t := count(at)
		return 2*t.present > t.expected && (committee || 2*t.votersPresent > t.voters)
	}
	for i := 0; !ok() && i < len(att); i++ {
		// Full members first: they are the ones a vote needs.
		for _, full := range []bool{true, false} {
			if j := slices.IndexFunc(att, func(a attPlan) bool {
				return a.state != data.Present && a.pe.m.Status == data.StatusNormal && (a.standing == data.StandingFull) == full
			}); j >= 0 {
				att[j].state, att[j].reason = data.Present, ""
				att[j].pe.away = 0
				break
			}
		}
	}
}

type tally struct{ expected, present, leave, absent, voters, votersPresent int }

func (t *tally) add(a attPlan) {
	t.expected++
	full := a.standing == data.StandingFull
	if full {
		t.voters++
	}
	switch a.state {
	case data.Present:
		t.present++
		if full {
			t.votersPresent++
		}
	case data.OnLeave:
		t.leave++
	default:
		t.absent++
	}
}

func count(at *atts) tally {
	t := at.rest
	for _, a := range at.list {
		t.add(a)
	}
	return t
}

// isPresent reports whether pe came, for a long roster.
func (at *atts) isPresent(pe *person) bool { return pe.away != at.seq }

// everyone is the whole attendance in roster order (a long roster's
// present members made up again, for the rare meeting that needs them all).
func (at *atts) everyone(day data.Date) []attPlan {
	if !at.big {
		return at.list
	}
	out := make([]attPlan, 0, len(at.roll))
	j := 0
	for _, pe := range at.roll {
		if j < len(at.list) && at.list[j].pe == pe {
			out = append(out, at.list[j])
			j++
			continue
		}
		out = append(out, attPlan{pe: pe, standing: standingOn(pe, day), state: data.Present})
	}
	return out
}

// present lists up to n people who came, other than not, at random.
func (mg *meetingGen) present(at *atts, n int, not ...*person) []*person {
	if at.big {
		// Most of a long roster came: draw until n are found.
		var c []*person
		for tries := 0; len(c) < n && tries < 64*n; tries++ {
			pe := at.roll[mg.intn(len(at.roll))]
			if at.isPresent(pe) && !slices.Contains(not, pe) && !slices.Contains(c, pe) {
				c = append(c, pe)
			}
		}
		return c
	}
	var c []*person
	for _, a := range at.list {
		if a.state == data.Present && !slices.Contains(not, a.pe) {
			c = append(c, a.pe)
		}
	}
	// A partial shuffle: only the first n places are drawn.
	n = min(n, len(c))
	for i := range n {
		j := i + mg.intn(len(c)-i)
		c[i], c[j] = c[j], c[i]
	}
	return c[:n]
}

// ---- the plan of one branch ----

func (mg *meetingGen) style(b *branchPlan) *branchStyle {
	st := &branchStyle{t: typeOf(b.spec), skip: mg.between(1, 10)}
	switch st.t {
	case bFleet:
		st.rooms = []string{b.spec.Seal + "会议室", b.spec.Seal + "党员活动室"}
		st.leave = 11
	case bRepair:
		st.rooms = []string{"机务保修车间会议室", "机务保修车间党员活动室"}
		st.leave = 8
	case bDispatch:
		st.rooms = []string{"智能调度中心会议室"}
		st.leave = 9
	case bOffice:
		st.rooms = []string{"分公司三楼会议室", "分公司党员活动室"}
		st.leave = 6
	case bStation:
		st.rooms = []string{"场站管理中心会议室"}
		st.leave = 9
	case bRetired:
		st.rooms = []string{"离退休职工活动中心", "公交宿舍老年活动室"}
		st.leave = 14
	}
	// Most branches keep the 党总支's 主题党日 on the 15th; a few their own day.
	st.themeDay = 15
	if mg.percent(35) {
		st.themeDay = []int{10, 18, 20, 25}[mg.intn(4)]
	}
	for len(st.routes) < 3 {
		n := mg.between(1, 160)
		r := fmt.Sprintf("%d路", n)
		if mg.percent(25) {
			r = fmt.Sprintf("K%d路", n)
		}
		if !slices.Contains(mg.routes, r) {
			mg.routes = append(mg.routes, r)
			st.routes = append(st.routes, r)
		}
	}
	order := mg.r.Perm(len(stations))
	for _, i := range order[:3] {
		st.stations = append(st.stations, stations[i])
	}
	st.lifeEarly = mg.percent(25)
	// The secretary gives one of the year's 党课, in a quarter already past.
	for y := mg.from.Y; y <= mg.asOf.Y; y++ {
		last := 4
		if y == mg.asOf.Y {
			last = max(1, (int(mg.asOf.M)-1)/3)
		}
		st.secLesson = append(st.secLesson, mg.between(1, last))
	}
	return st
}

func (mg *meetingGen) add(mp *meetingPlan) {
	mg.out = append(mg.out, mp)
}

// skipped decides whether a routine meeting on day did not take place,
// counting those of last year that leave their period short.
func (mg *meetingGen) skipped(day data.Date, odds int) bool {
	if !mg.percent(odds) {
		return false
	}
	if day.Y == mg.from.Y {
		mg.prevGaps++
	}
	return true
}

// devEvent is a step of member development a branch decided on a day.
type devEvent struct {
	day  data.Date
	kind string // activist, candidate (支委会); accept, extend, convert (支部党员大会)
	pe   *person
}

// events lists the development decisions of b in the window: members
// admitted in this branch, on the days their dossiers name.
func (mg *meetingGen) events(b *branchPlan) []devEvent {
	var out []devEvent
	in := func(day data.Date) bool { return !day.Before(mg.from) && !day.After(mg.asOf) }
	for _, pe := range b.people {
		m := &pe.m
		if m.JoinBranch != b.spec.Short || !m.TransferInDate.IsZero() {
			continue
		}
		for _, e := range []devEvent{{m.ActivistDate, "activist", pe}, {m.CandidateDate, "candidate", pe}, {m.JoinDate, "accept", pe}} {
			if in(e.day) {
				out = append(out, e)
			}
		}
		if m.FullDate.IsZero() || m.FullBranch != b.spec.Short {
			continue
		}
		if ext := m.JoinDate.AddMonths(12); m.FullDate.After(ext) && in(ext) {
			out = append(out, devEvent{ext, "extend", pe})
		}
		// The branch votes in the days before the probation ends.
		if day := m.FullDate.AddDays(-mg.between(0, 10)); in(day) && day.After(m.JoinDate) {
			out = append(out, devEvent{day, "convert", pe})
		}
	}
	slices.SortStableFunc(out, func(a, b devEvent) int { return a.day.Compare(b.day) })
	return out
}

func (mg *meetingGen) branch(b *branchPlan) {
	st := mg.style(b)
	evs := mg.events(b)
	// The yearly meetings: in December for the year, or early in the next.
	type yearly struct {
		day  data.Date
		year int // the year reviewed
	}
	var years []yearly
	for y := mg.from.Y; y <= mg.asOf.Y; y++ {
		if st.lifeEarly {
			first := data.NewDate(y, time.Month(mg.between(1, 2)), 1)
			years = append(years, yearly{mg.dayOf(first, 8, 26), y - 1})
		} else {
			years = append(years, yearly{mg.dayOf(data.NewDate(y, 12, 1), 8, 26), y})
		}
	}
	// The 支委会 that prepares a 组织生活会 meets in the month before it.
	prep := func(first data.Date) (int, bool) {
		for _, y := range years {
			if d := y.day.AddDays(-20); d.Y == first.Y && d.M == first.M {
				return y.year, true
			}
		}
		return 0, false
	}

	for first := mg.from; !first.After(mg.asOf); first = first.AddMonths(1) {
		lifeYear, isPrep := prep(first)
		var monthEvs []devEvent
		for _, e := range evs {
			if (e.kind == "activist" || e.kind == "candidate") && e.day.Y == first.Y && e.day.M == first.M {
				monthEvs = append(monthEvs, e)
			}
		}
		mg.committeeMonth(b, st, first, monthEvs, lifeYear, isPrep)
		mg.themeDay(b, st, first)
		for gi := range b.groups {
			mg.groupMeeting(b, st, gi, first, isPrep)
		}
		if first.M%3 == 1 {
			mg.generalMeeting(b, st, first)
			mg.lesson(b, st, first)
		}
	}
	// Decisions on admission, extension and 转正 at general meetings.
	for i := 0; i < len(evs); {
		j := i
		var same []devEvent
		for ; j < len(evs) && evs[j].day == evs[i].day; j++ {
			if e := evs[j]; e.kind == "accept" || e.kind == "extend" || e.kind == "convert" {
				same = append(same, e)
			}
		}
		if len(same) > 0 {
			mg.admission(b, st, same)
		}
		i = j
	}
	for _, y := range years {
		if !y.day.Before(mg.from) && !y.day.After(mg.asOf) {
			mg.lifeMeeting(b, st, y.day, y.year)
		}
	}
}

// ensureGap drops one routine meeting of last year if chance left none,
// so the compliance matrix always has a 缺 to show.
func (mg *meetingGen) ensureGap() {
	if mg.prevGaps > 0 {
		return
	}
	var c []int
	for i, mp := range mg.out {
		if mp.regular && mp.m.Date.Y == mg.from.Y && (mp.m.Kind == data.KindGroupMeeting || mp.m.Kind == data.KindThemeDay) {
			c = append(c, i)
		}
	}
	if len(c) > 0 {
		i := c[mg.intn(len(c))]
		mg.out = slices.Delete(mg.out, i, i+1)
		mg.prevGaps++
	}
}

// review files the minutes: those of earlier months were reviewed by the
// 党总支; of last month most, of this month a few. The rest are drafts
// still with the branch. (Submitted and returned minutes need Store.Review,
// which runs its own transaction, so the demo has none of those.)
func (mg *meetingGen) review() {
	thisMonth := data.NewDate(mg.asOf.Y, mg.asOf.M, 1)
	lastMonth := thisMonth.AddMonths(-1)
	for _, mp := range mg.out {
		switch day := mp.m.Date; {
		case day.Before(lastMonth):
			mp.approve = true
		case day.Before(thisMonth):
			mp.approve = mg.percent(70)
		default:
			mp.approve = day.Before(mg.asOf.AddDays(-6)) && mg.percent(40)
		}
		if mp.approve {
			mp.comment = mg.pick(approvalComments)
		}
	}
}

// maxRoster is the longest roster the demo writes as attendance rows. The
// default demo's largest branch has 58 members; a branch of hundreds, as a
// demo of 10,000 members makes, would be split in real life, and 1.6
// million rows would make such a demo take most of a minute to load.
const maxRoster = 120

// maxNamed is how many names a long roster's minutes list for one reason
// of absence before they say "等 N 名".
const maxNamed = 10

// summarize turns the attendance of a roster longer than maxRoster into
// the totals and the lists of who was away, as minutes taken on paper
// record them, as soon as the meeting is planned: a demo of 100,000
// members has branches of ten thousand, and keeping every attendee of
// thousands of meetings until they are written took gigabytes.
func summarize(m *data.Meeting, at *atts) {
	t := count(at)
	m.Expected, m.Present, m.OnLeave, m.Absent = t.expected, t.present, t.leave, t.absent
	m.LeaveText, m.AbsentText = awayText(at.list, data.OnLeave), awayText(at.list, data.Absent)
}

// awayText lists those in state by reason, in roster order: up to
// maxNamed names a reason, then how many more.
func awayText(att []attPlan, state string) string {
	type group struct {
		reason string
		names  []string
		n      int
	}
	var groups []*group
	at := map[string]*group{}
	for _, a := range att {
		if a.state != state {
			continue
		}
		g := at[a.reason]
		if g == nil {
			g = &group{reason: a.reason}
			at[a.reason] = g
			groups = append(groups, g)
		}
		g.n++
		if len(g.names) < maxNamed {
			g.names = append(g.names, a.pe.m.Name)
		}
	}
	parts := make([]string, len(groups))
	for i, g := range groups {
		s := strings.Join(g.names, "、")
		if g.n > len(g.names) {
			s += fmt.Sprintf("等%d名", g.n)
		}
		parts[i] = s + "（" + g.reason + "）"
	}
	return strings.Join(parts, "；")
}

// writeMeetings stores the planned minutes, reviewed ones filed as 已审核.
func (p *plan) writeMeetings(tx *data.Tx) (int, error) {
	n := 0
	for _, mp := range p.meetings {
		m := mp.m
		m.UnitID = mp.b.unit.ID
		unit := mp.b.unit.Name()
		if mp.group >= 0 {
			m.UnitID = mp.b.groups[mp.group].ID
			unit = mp.b.groups[mp.group].FullName
		}
		if mp.att != nil {
			m.Attendance = make([]data.Attendance, len(mp.att))
			for i, a := range mp.att {
				m.Attendance[i] = data.Attendance{MemberID: a.pe.m.ID, Name: a.pe.m.Name, Standing: a.standing,
					Committee: a.committee, State: a.state, Reason: a.reason}
			}
		}
		var err error
		if mp.approve {
			_, _, err = tx.ImportMeeting(data.RoleOffice, m, true, mp.comment)
		} else {
			_, _, err = tx.SaveMeeting(data.RoleOffice, m)
		}
		if err != nil {
			return n, fmt.Errorf("保存%s %s%s：%w", m.Date, unit, m.Kind, err)
		}
		n++
	}
	return n, nil
}
