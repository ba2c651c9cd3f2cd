package demo

import (
	"fmt"
	"slices"
	"strings"

	"dangjian/data"
)

// terms sets each committee's current term so the 换届 screens have work to
// show on AsOf: one branch overdue (应换届未换届), one due within the
// warning window (换届提醒), the rest comfortably inside their term.
func (g *gen) terms(p *plan) {
	p.root.TermStart = g.asOf.AddMonths(-g.between(6, 22)).AddDays(-g.intn(28))
	p.root.TermYears = data.DefaultTermYears(p.root.Kind)
	for k, i := range g.r.Perm(len(p.branches)) {
		b := p.branches[i]
		years := data.DefaultTermYears(b.spec.Kind)
		var start data.Date
		switch k {
		case 0:
			start = g.asOf.AddYears(-years).AddMonths(-g.between(1, 8)).AddDays(-g.intn(28))
		case 1:
			// Ends 1–5 months from AsOf, inside the default 6-month window.
			start = g.asOf.AddYears(-years).AddMonths(g.between(1, 5)).AddDays(-g.intn(20))
		default:
			// Ends more than 7 months from AsOf.
			start = g.asOf.AddMonths(-g.between(1, 28)).AddDays(-g.intn(28))
		}
		// Branches are at least five years old, so this never moves a term.
		b.unit.TermStart = later(start, b.unit.Founded)
		b.unit.TermYears = years
	}
}

// serving reports whether pe could hold a post from day on: a 正式党员 of
// the branch by then, and still active now.
func serving(pe *person, day data.Date) bool {
	m := &pe.m
	return m.Status == data.StatusNormal && m.Standing == data.StandingFull &&
		!m.FullDate.After(day) && !m.TransferInDate.After(day)
}

// served reports whether pe could have held a post from from to to: a
// 正式党员 of the branch by from, and not yet gone on to.
func served(pe *person, from, to data.Date) bool {
	m := &pe.m
	if m.Standing != data.StandingFull || m.FullDate.After(from) || m.TransferInDate.After(from) {
		return false
	}
	if data.InHistory(m.Status) {
		return !pe.left.Before(to)
	}
	return true
}

// arrived is the first day pe was a 正式党员 of their branch.
func arrived(pe *person) data.Date { return later(pe.m.FullDate, pe.m.TransferInDate) }

// holder picks who takes a post from day on among people: someone serving
// who holds no other post if possible, else anyone active. senior limits the
// choice to the third with the longest 党龄, as secretaries usually are.
func (g *gen) holder(people []*person, day data.Date, senior bool) *person {
	var c []*person
	for _, ok := range []func(*person) bool{
		func(pe *person) bool { return !pe.holds && serving(pe, day) },
		func(pe *person) bool { return serving(pe, day) },
		func(pe *person) bool { return pe.m.Status == data.StatusNormal && pe.m.Standing == data.StandingFull },
	} {
		for _, pe := range people {
			if ok(pe) {
				c = append(c, pe)
			}
		}
		if len(c) > 0 {
			break
		}
	}
	if len(c) == 0 {
		return nil
	}
	if senior {
		slices.SortStableFunc(c, func(a, b *person) int { return a.m.FullDate.Compare(b.m.FullDate) })
		c = c[:max(1, len(c)/3)]
	}
	return c[g.intn(len(c))]
}

// former picks who held a post from from to to, other than those in skip.
func (g *gen) former(people []*person, from, to data.Date, skip []*person) *person {
	var c []*person
	for _, pe := range people {
		if served(pe, from, to) && !slices.Contains(skip, pe) {
			c = append(c, pe)
		}
	}
	// Prefer people who hold nothing now: the history should show other names.
	free := slices.DeleteFunc(slices.Clone(c), func(pe *person) bool { return pe.holds })
	if len(free) > 0 {
		c = free
	}
	if len(c) == 0 {
		return nil
	}
	return c[g.intn(len(c))]
}

func (p *plan) add(u *data.OrgUnit, title string, h *person, start, end data.Date, note string) *postPlan {
	po := &postPlan{u: u, title: title, holder: h, start: start, end: end, note: note}
	p.posts = append(p.posts, po)
	return po
}

// appoint gives h a current post and records it in their 党内职务, which
// names the unit as people say it: "第一车队党支部书记", and for a group its
// full name, since "第一党小组" alone is ambiguous.
func (p *plan) appoint(u *data.OrgUnit, title string, h *person, start data.Date) *postPlan {
	h.holds = true
	name := u.ShortName
	if u.Level == data.LevelGroup {
		name = u.FullName
	}
	h.posts = append(h.posts, name+title)
	return p.add(u, title, h, later(start, arrived(h)), data.Date{}, "")
}

// posts elects the committees (current and previous terms), the group
// leaders and the 党总支 committee.
func (g *gen) posts(p *plan) {
	secretaries := make([]*postPlan, len(p.branches))
	for bi, b := range p.branches {
		full := 0
		for _, pe := range b.people {
			if pe.m.Standing == data.StandingFull && !data.InHistory(pe.m.Status) {
				full++
			}
		}
		// With ≥7 正式党员 a branch elects a committee and its seal says so.
		b.committee = full >= 7
		b.unit.FullName = "中共" + company + b.spec.Seal + "支部"
		titles := []string{"书记"}
		if b.committee {
			b.unit.FullName += "委员会"
			size := 3
			switch {
			case full >= 30:
				size = 4 + g.intn(2)
			case full >= 15:
				size = 4
			}
			titles = committeeTitles[size-3]
		}
		for _, t := range titles {
			h := g.holder(b.people, b.unit.TermStart, t == "书记" || t == "副书记")
			if h == nil {
				continue
			}
			po := p.appoint(&b.unit, t, h, b.unit.TermStart)
			if t == "书记" {
				secretaries[bi] = po
				b.termSecretary = h
			}
		}
		g.groupLeaders(p, b)
	}
	g.rootCommittee(p, secretaries)
	g.succession(p, secretaries)
	g.previousTerms(p)
}

// groupLeaders gives each group a 组长 (and a 副组长 when it is large),
// with an earlier 组长 in the history of about a third of them.
func (g *gen) groupLeaders(p *plan, b *branchPlan) {
	for gi := range b.groups {
		gu := &b.groups[gi]
		var members []*person
		for _, pe := range b.people {
			if pe.group == gi {
				members = append(members, pe)
			}
		}
		start := later(b.unit.TermStart, gu.Founded)
		h := g.holder(members, start, false)
		if h == nil {
			continue
		}
		cur := p.appoint(gu, "组长", h, start)
		if len(members) > 30 {
			if d := g.holder(members, start, false); d != nil && d != h {
				p.appoint(gu, "副组长", d, start)
			}
		}
		if g.percent(35) {
			from := later(gu.Founded, cur.start.AddYears(-3))
			if f := g.former(members, from, cur.start, []*person{h}); f != nil && from.Before(cur.start) {
				p.add(gu, "组长", f, later(from, arrived(f)), cur.start, "")
			}
		}
	}
}

// rootCommittee elects the 党总支 committee: the secretary, deputy and
// organiser from the 机关, the other two held concurrently by secretaries
// of branches (兼任), as is usual in a company this size.
func (g *gen) rootCommittee(p *plan, secretaries []*postPlan) {
	var office *branchPlan
	var others []*person
	for i, b := range p.branches {
		if b.spec.Office {
			office = b
		} else if s := secretaries[i]; s != nil && !b.spec.Retired && serving(s.holder, p.root.TermStart) {
			others = append(others, s.holder)
		}
	}
	start := p.root.TermStart
	for _, t := range committeeTitles[2] {
		var h *person
		switch t {
		case "书记", "副书记", "组织委员":
			h = g.holder(office.people, start, t != "组织委员")
		default:
			if len(others) > 0 {
				i := g.intn(len(others))
				h = others[i]
				others = slices.Delete(others, i, i+1)
			}
		}
		if h == nil {
			h = g.holder(p.people, start, false)
		}
		if h != nil {
			p.appoint(&p.root, t, h, start)
		}
	}
}

// previousTerms records the committee before the current one wherever the
// unit is old enough: its secretary was re-elected about 40% of the time.
// The 党总支's previous secretary has since retired.
func (g *gen) previousTerms(p *plan) {
	for _, b := range p.branches {
		from, to := b.unit.TermStart.AddYears(-b.unit.TermYears), b.unit.TermStart
		if from.Before(b.unit.Founded) {
			continue
		}
		titles := []string{"书记"}
		if b.committee {
			titles = committeeTitles[0]
		}
		var chosen []*person
		for _, t := range titles {
			var h *person
			if s := b.termSecretary; t == "书记" && s != nil && g.percent(40) && served(s, from, to) {
				h = s
			}
			if h == nil {
				h = g.former(b.people, from, to, chosen)
			}
			if h == nil {
				continue
			}
			chosen = append(chosen, h)
			p.add(&b.unit, t, h, later(from, arrived(h)), to, "")
		}
	}
	from, to := p.root.TermStart.AddYears(-p.root.TermYears), p.root.TermStart
	if from.Before(p.root.Founded) {
		return
	}
	// Someone who reached 60 about when the term ended, preferably from the
	// 机关 where the 党总支 secretary works.
	var retired, office []*person
	for _, b := range p.branches {
		if !b.spec.Retired {
			continue
		}
		for _, pe := range b.people {
			if pe.age >= 60 && pe.age <= 62 && pe.m.Status == data.StatusNormal && served(pe, from, to) && !pe.holds {
				retired = append(retired, pe)
				if pe.former.spec.Office {
					office = append(office, pe)
				}
			}
		}
	}
	if len(office) > 0 {
		retired = office
	}
	if len(retired) > 0 {
		p.add(&p.root, "书记", retired[g.intn(len(retired))], from, to, "到龄退休")
	}
}

// succession changes one branch's secretary in mid-term: the old one was
// transferred out (or, failing such a member, stood down) and a successor
// was elected at a by-election (补选), so the history shows a tenure that
// ended before the term did.
func (g *gen) succession(p *plan, secretaries []*postPlan) {
	order := g.r.Perm(len(p.branches))
	for _, out := range []bool{true, false} {
		for _, i := range order {
			b, cur := p.branches[i], secretaries[i]
			if cur == nil || cur.start != b.unit.TermStart || b.unit.TermStart.After(g.asOf.AddMonths(-10)) {
				continue
			}
			fits := func(pe *person) bool {
				if out {
					return pe.m.Status == data.StatusOut && served(pe, b.unit.TermStart, b.unit.TermStart)
				}
				return !pe.holds && serving(pe, b.unit.TermStart)
			}
			var old *person
			for _, pe := range b.people {
				if fits(pe) {
					old = pe
					break
				}
			}
			if old == nil {
				continue
			}
			day := g.dayIn(b.unit.TermStart.AddMonths(4), g.asOf.AddMonths(-2))
			note := "工作调整，不再担任书记"
			if out {
				old.left = day
				note = "工作调动，组织关系转出"
			}
			p.add(&b.unit, "书记", old, b.unit.TermStart, day, note)
			cur.start, cur.note = day, "补选"
			b.termSecretary = old
			return
		}
	}
}

// finish fills what depends on everything else: 党内职务, introducers,
// liaisons, notes, dues and archives.
func (g *gen) finish(p *plan) {
	for _, b := range p.branches {
		for _, pe := range b.people {
			m := &pe.m
			m.PartyPost = strings.Join(pe.posts, "、")
			g.sponsors(b, pe)
			g.notes(pe)
			m.DuesPaidTo = g.duesPaidTo(pe)
			m.ArchiveLocation = archive(pe)
		}
		b.unit.Liaison = g.liaison(p, b.people, &b.unit)
	}
	for _, b := range p.branches {
		if b.spec.Office {
			var party []*person
			for _, pe := range b.people {
				if pe.m.WorkUnit == "党群工作部" {
					party = append(party, pe)
				}
			}
			if p.root.Liaison = g.liaison(p, party, &p.root); p.root.Liaison == "" {
				p.root.Liaison = g.liaison(p, b.people, &p.root)
			}
		}
	}
}

// sponsors names the 入党介绍人 and 培养联系人. For members admitted in their
// own branch they are 正式党员 of that branch at the time; for the others,
// people elsewhere.
func (g *gen) sponsors(b *branchPlan, pe *person) {
	m := &pe.m
	if m.TransferInDate.IsZero() && m.JoinBranch == b.spec.Short {
		m.Introducer1 = g.sponsor(b, pe, m.CandidateDate, "")
		m.Introducer2 = g.sponsor(b, pe, m.CandidateDate, m.Introducer1)
		m.Cultivator = g.sponsor(b, pe, m.ActivistDate, "")
		if g.percent(30) {
			if c2 := g.sponsor(b, pe, m.ActivistDate, m.Cultivator); c2 != m.Cultivator {
				m.Cultivator += "、" + c2
			}
		}
		return
	}
	m.Introducer1 = g.outsider()
	for m.Introducer2 = g.outsider(); m.Introducer2 == m.Introducer1; m.Introducer2 = g.outsider() {
	}
	m.Cultivator = g.outsider()
}

// sponsor draws a 正式党员 of b by day other than pe and not named not; a
// few random tries keep it cheap, and an outsider stands in for someone who
// has since left when no-one fits (old admissions).
func (g *gen) sponsor(b *branchPlan, pe *person, day data.Date, not string) string {
	for range 12 {
		q := b.people[g.intn(len(b.people))]
		if q != pe && q.m.Standing == data.StandingFull && !arrived(q).After(day) && q.m.Name != not {
			return q.m.Name
		}
	}
	for {
		if n := g.outsider(); n != not {
			return n
		}
	}
}

// liaison picks the 党建联络人 of u among people: the 组织委员 when young
// enough, else someone active under 45 without a head post.
func (g *gen) liaison(p *plan, people []*person, u *data.OrgUnit) string {
	for _, po := range p.posts {
		if po.u == u && po.title == "组织委员" && po.end.IsZero() && po.holder.age < 50 {
			return po.holder.m.Name
		}
	}
	var c []*person
	for _, pe := range people {
		if pe.m.Status == data.StatusNormal && pe.age < 45 && !strings.Contains(pe.m.PartyPost, "书记") {
			c = append(c, pe)
		}
	}
	if len(c) == 0 {
		for _, pe := range people {
			if pe.m.Status == data.StatusNormal {
				c = append(c, pe)
			}
		}
	}
	if len(c) == 0 {
		return ""
	}
	return c[g.intn(len(c))].m.Name
}

// notes writes 奖励, 处分 and 备注: the status story for members who are away
// or have left, and occasional everyday notes.
func (g *gen) notes(pe *person) {
	m := &pe.m
	var parts []string
	if m.Remarks != "" {
		parts = append(parts, m.Remarks)
	}
	if pe.veteran && g.percent(60) {
		parts = append(parts, "退役军人。")
	}
	// A year for a note about something since from, within the last decade.
	yearSince := func(from data.Date) int { return g.between(min(max(from.Y, g.asOf.Y-10), g.asOf.Y-1), g.asOf.Y-1) }
	switch m.Status {
	case data.StatusOut:
		parts = append(parts, fmt.Sprintf("%s组织关系转出至%s（介绍信编号：%d-%03d）。",
			pe.left.Chinese(), g.pick(transferDestinations), pe.left.Y, g.between(1, 120)))
	case data.StatusDead:
		parts = append(parts, pe.left.Chinese()+"因病去世。")
	case data.StatusStopped:
		parts = append(parts, "连续六个月以上未参加党的组织生活、未交纳党费，经支部大会讨论、党总支批准，于"+
			pe.left.Chinese()+"停止党籍。")
	case data.StatusFloating:
		place := g.pick(floatingPlaces)
		if pe.br.spec.Retired {
			parts = append(parts, fmt.Sprintf("%d年%d月起随子女在%s居住，持《流动党员活动证》参加居住地社区党组织生活。",
				pe.since.Y, int(pe.since.M), place))
		} else {
			parts = append(parts, fmt.Sprintf("%d年%d月起借调至集团公司%s项目部工作，持《流动党员活动证》参加当地党组织生活。",
				pe.since.Y, int(pe.since.M), place))
		}
	case data.StatusLost:
		parts = append(parts, fmt.Sprintf("自%d年%d月起未参加组织生活、未交纳党费，手机停机，支部正在多方查找。",
			pe.since.Y, int(pe.since.M)))
	}
	if g.percent(5) && m.WorkStart.Y < g.asOf.Y {
		var fit []string
		for _, r := range remarks {
			if len(r.Jobs) == 0 || slices.Contains(r.Jobs, m.JobPost) {
				fit = append(fit, r.Text)
			}
		}
		parts = append(parts, fmt.Sprintf(g.pick(fit), yearSince(m.WorkStart)))
	}
	m.Remarks = strings.Join(parts, "")

	odds := 8
	if pe.job.Reward {
		odds = 15
	}
	if g.percent(odds) && m.JoinDate.Y < g.asOf.Y {
		m.Rewards = fmt.Sprintf(g.pick(rewards), yearSince(m.JoinDate))
		if g.percent(25) {
			if more := fmt.Sprintf(g.pick(rewards), yearSince(m.JoinDate)); more != m.Rewards {
				m.Rewards += "；" + more
			}
		}
	}
	if g.percent(1) && m.JoinDate.Y < g.asOf.Y-4 {
		m.Punishments = fmt.Sprintf(g.pick(punishments), g.between(m.JoinDate.Y+1, g.asOf.Y-3))
	}
}

// duesPaidTo is 党费交至年月: most are paid up to this or last month; those
// away lag a little, those out of touch more than six months, and those who
// left paid up to when they left. Nobody pays for months before admission.
func (g *gen) duesPaidTo(pe *person) string {
	m := &pe.m
	var last data.Date
	switch m.Status {
	case data.StatusOut, data.StatusDead:
		last = pe.left
	case data.StatusStopped:
		last = pe.left.AddMonths(-7)
	case data.StatusLost:
		last = pe.since.AddMonths(-1)
	case data.StatusFloating:
		last = g.asOf.AddMonths(-g.between(0, 3))
	default:
		switch x := g.intn(100); {
		case x < 63:
			last = g.asOf
		case x < 85:
			last = g.asOf.AddMonths(-1)
		case x < 91:
			last = g.asOf.AddMonths(-2)
		case x < 96:
			last = data.NewDate(g.asOf.Y, 12, 1) // paid ahead to the year's end
		default:
			last = g.asOf.AddMonths(-g.between(3, 5))
		}
	}
	return month(later(last, m.JoinDate))
}

// archive is 档案存放地: the company keeps most files; cadres' files are with
// the group's organisation department, agency staff's with the talent centre.
func archive(pe *person) string {
	m := &pe.m
	switch {
	case m.Status == data.StatusOut:
		return "已随组织关系转出"
	case m.Category == "离退休":
		return "集团公司离退休职工管理中心"
	case m.Category == "劳务派遣":
		return "济南市人才服务中心"
	case slices.Contains([]string{"经理", "副经理", "部长", "车队长", "车间主任", "主任"}, m.AdminTitle):
		return "集团公司党委组织部"
	}
	return "第一分公司党群工作部"
}

// volunteerNo numbers 入党志愿书 the way books issued since 2013 are: year,
// issuing area, serial. Older files often carry no number.
func (g *gen) volunteerNo(join data.Date) string {
	if join.Y < 2013 {
		return ""
	}
	for {
		s := fmt.Sprintf("%04d3701%05d", join.Y, g.between(1, 99999))
		if !g.volunteers[s] {
			g.volunteers[s] = true
			return s
		}
	}
}
