package demo

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"dangjian/data"
)

// plan is the whole demo built in memory before anything is written, so
// later choices (who holds which post) can shape earlier records (党内职务,
// the full name of a branch with or without a committee).
type plan struct {
	root     data.OrgUnit
	branches []*branchPlan
	people   []*person
	posts    []*postPlan
	meetings []*meetingPlan
	tasks    []*taskPlan
}

type branchPlan struct {
	hot           []hotPerson // people's fields a roster reads, in people's order (see hotPerson)
	spec          *branchSpec
	size          int // members to generate
	unit          data.OrgUnit
	groups        []data.OrgUnit
	people        []*person
	committee     bool
	changed       int     // members given a status other than 正常 正式党员
	termSecretary *person // who was elected 书记 at the start of the current term
}

type person struct {
	m       data.Member
	br      *branchPlan
	group   int
	job     *job
	former  *branchPlan // a pensioner's branch before retirement
	age     int
	veteran bool
	left    data.Date // the day a member on the history roster left
	since   data.Date // 流动 or 失联 since
	posts   []string  // current posts, as 党内职务 prints them
	holds   bool      // holds a current branch or 党总支 post
	away    int       // atts.seq of the long-roster meeting they missed last
	// The dates a roster of a day looks at, as dayNo, set once the dates
	// are final (setDays): a demo of 100,000 asks them billions of times.
	joinN, transferN, leftN, fullN int
	full, normal                   bool // 正式党员; 党员状态 正常
}

// hotPerson is what the roster and the attendance of a day read of a
// person, packed together: a branch of ten thousand is walked for each of
// thousands of meetings, and reading these from the large person records
// was a cache miss a member.
type hotPerson struct {
	pe                                     *person
	joinN, transferN, leftN, fullN, sinceN int32
	stopN, deadN                           int32 // the day a 停止党籍 or 死亡 member stops coming
	group                                  int16
	status                                 uint8 // hotNormal …
	full                                   bool
}

const (
	hotNormal = iota
	hotFloating
	hotLost
	hotStopped
	hotDead
	hotOther
)

func (pe *person) hot() hotPerson {
	h := hotPerson{pe: pe, joinN: int32(pe.joinN), transferN: int32(pe.transferN), leftN: int32(pe.leftN), fullN: int32(pe.fullN),
		sinceN: int32(dayNo(pe.since)), group: int16(pe.group), full: pe.full}
	switch pe.m.Status {
	case data.StatusNormal:
		h.status = hotNormal
	case data.StatusFloating:
		h.status = hotFloating
	case data.StatusLost:
		h.status = hotLost
	case data.StatusStopped:
		h.status = hotStopped
		h.stopN = int32(dayNo(pe.left.AddMonths(-7)))
	case data.StatusDead:
		h.status = hotDead
		h.deadN = int32(dayNo(pe.left.AddMonths(-3)))
	default:
		h.status = hotOther
	}
	return h
}

// dayNo orders dates as integers (zero for the zero date).
func dayNo(d data.Date) int { return d.Y<<9 | int(d.M)<<5 | d.D }

func (pe *person) setDays() {
	pe.joinN, pe.transferN, pe.leftN, pe.fullN = dayNo(pe.m.JoinDate), dayNo(pe.m.TransferInDate), dayNo(pe.left), dayNo(pe.m.FullDate)
	pe.full, pe.normal = pe.m.Standing == data.StandingFull, pe.m.Status == data.StatusNormal
}

type postPlan struct {
	u          *data.OrgUnit
	title      string
	holder     *person
	start, end data.Date
	note       string
}

// gen draws everything from one PCG stream. The maps only answer "already
// used?" and are never ranged over, so they cannot disturb the order.
type gen struct {
	r          *rand.Rand
	asOf       data.Date
	ids        map[string]bool
	phones     map[string]bool
	staffNos   map[string]bool
	volunteers map[string]bool
}

func build(seed uint64, n int, asOf data.Date) *plan {
	g := &gen{
		r:          rand.New(rand.NewPCG(seed, pcgStream)),
		asOf:       asOf,
		ids:        map[string]bool{},
		phones:     map[string]bool{},
		staffNos:   map[string]bool{},
		volunteers: map[string]bool{},
	}
	p := &plan{}
	g.units(p, n)
	for _, b := range p.branches {
		for range b.size {
			pe := g.person(p, b)
			b.people = append(b.people, pe)
			p.people = append(p.people, pe)
		}
	}
	g.roles(p)
	for _, pe := range p.people {
		g.partyDates(p, pe)
		g.statusDates(pe)
	}
	g.assignGroups(p)
	g.terms(p)
	g.posts(p)
	g.finish(p)
	g.meetings(p)
	g.tasks(p)
	return p
}

// ---- small helpers ----

func (g *gen) intn(n int) int { return g.r.IntN(n) }

// between is uniform on [lo, hi].
func (g *gen) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.r.IntN(hi-lo+1)
}

func (g *gen) percent(p int) bool { return g.r.IntN(100) < p }

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// weighted picks an index with probability proportional to w(i).
func (g *gen) weighted(n int, w func(int) int) int {
	total := 0
	for i := 0; i < n; i++ {
		total += w(i)
	}
	x := g.r.IntN(total)
	for i := 0; i < n; i++ {
		if x -= w(i); x < 0 {
			return i
		}
	}
	return n - 1
}

// dayIn is a uniform day in [a, b] (a when b is earlier).
func (g *gen) dayIn(a, b data.Date) data.Date {
	n := a.DaysUntil(b)
	if n <= 0 {
		return a
	}
	return a.AddDays(g.r.IntN(n + 1))
}

func later(a, b data.Date) data.Date {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b data.Date) data.Date {
	if a.Before(b) {
		return a
	}
	return b
}

func month(d data.Date) string { return fmt.Sprintf("%04d-%02d", d.Y, int(d.M)) }

func yearsAgo(asOf data.Date, y int) data.Date { return asOf.AddYears(-y) }

// ---- organisation ----

// units lays out the tree and decides how many members each branch gets: by
// weight, largest remainder first, at least 3 each (a branch needs three
// 正式党员).
func (g *gen) units(p *plan, n int) {
	total := 0
	for _, s := range branchSpecs {
		total += s.Weight
	}
	sizes := make([]int, len(branchSpecs))
	rem := make([]int, len(branchSpecs))
	given := 0
	for i, s := range branchSpecs {
		sizes[i] = s.Weight * n / total
		rem[i] = s.Weight * n % total
		given += sizes[i]
	}
	order := make([]int, len(sizes))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rem[b], rem[a]) })
	for i := 0; given < n; i++ {
		sizes[order[i%len(order)]]++
		given++
	}
	for i := range sizes {
		for sizes[i] < 3 {
			big := 0
			for j := range sizes {
				if sizes[j] > sizes[big] {
					big = j
				}
			}
			sizes[big]--
			sizes[i]++
		}
	}

	rootFounded := yearsAgo(g.asOf, g.between(40, 42)).AddDays(-g.intn(365))
	p.root = data.OrgUnit{
		Level: data.LevelGeneral, Kind: "党总支", FullName: rootFull, ShortName: rootShort,
		Founded: rootFounded, Phone: g.landline(), SortOrder: 1,
	}
	for i := range branchSpecs {
		s := &branchSpecs[i]
		founded := later(rootFounded, yearsAgo(g.asOf, g.between(s.FoundedAgo[0], s.FoundedAgo[1])).AddDays(-g.intn(365)))
		b := &branchPlan{spec: s, size: sizes[i]}
		b.unit = data.OrgUnit{
			Level: data.LevelBranch, Kind: s.Kind, ShortName: s.Short,
			Founded: founded, Phone: g.landline(), SortOrder: i + 1,
		}
		// 1–3 groups: one per dozen members or so, never more than three.
		ng := min(3, max(1, sizes[i]/12))
		if ng > 1 && g.percent(30) {
			ng--
		}
		// The first group dates from the branch; later ones were split off
		// as it grew, in order.
		gfs := []data.Date{founded}
		for k := 1; k < ng; k++ {
			gfs = append(gfs, g.dayIn(founded, later(founded, g.asOf.AddYears(-2))))
		}
		slices.SortFunc(gfs, data.Date.Compare)
		for k, gf := range gfs {
			b.groups = append(b.groups, data.OrgUnit{
				Level: data.LevelGroup, Kind: "党小组",
				FullName:  s.Short + groupOrdinals[k] + "党小组",
				ShortName: groupOrdinals[k] + "党小组",
				Founded:   gf, SortOrder: k + 1,
			})
		}
		p.branches = append(p.branches, b)
	}
}

func (g *gen) landline() string {
	for {
		s := fmt.Sprintf("%s-8%07d", areaCode, g.intn(10000000))
		if !g.phones[s] {
			g.phones[s] = true
			return s
		}
	}
}

// ---- people ----

func (g *gen) person(p *plan, b *branchPlan) *person {
	s := b.spec
	j := &s.Jobs[g.weighted(len(s.Jobs), func(i int) int { return s.Jobs[i].Weight })]
	pe := &person{br: b, job: j}
	m := &pe.m
	male := g.percent(j.Male)
	m.Sex = "女"
	if male {
		m.Sex = "男"
	}
	u1, u2 := g.r.Float64(), g.r.Float64()
	if s.Retired {
		// Pensioners: most are recently retired, a few very old. Women
		// workers retire at 50–55, men at 60.
		lo := 60
		if !male {
			lo = 52
		}
		pe.age = lo + int(math.Abs(u1-u2)*float64(89-lo))
	} else {
		hi := 58
		if !male {
			hi = 51
		}
		pe.age = 22 + int((u1+u2)/2*float64(hi-22+1))
	}
	m.BirthDate = g.asOf.AddYears(-pe.age - 1).AddDays(1 + g.intn(365))
	surname, given := g.surname(), givenFor(male, m.BirthDate.Y)
	m.Name = surname + g.pick(given)
	if g.percent(2) {
		if former := surname + g.pick(given); former != m.Name {
			m.FormerName = former
		}
	}
	m.Ethnicity = "汉族"
	if g.percent(4) {
		m.Ethnicity = g.pick(minorities)
	}
	rg := birthRegions[g.weighted(len(birthRegions), func(i int) int { return birthRegions[i].Weight })]
	m.Birthplace = rg.Place
	m.IDNumber = g.idNumber(rg.Code, m.BirthDate, male)
	switch x := g.intn(100); {
	case x < 80:
		m.NativePlace = rg.Native
	case x < 92:
		m.NativePlace = birthRegions[g.intn(len(birthRegions))].Native
	default:
		m.NativePlace = g.pick(otherNative)
	}
	m.Phone = g.mobile()
	m.Address, m.PoliceStation = g.address(s.Retired)

	startAge := g.education(pe, j.Edu)
	pe.veteran = j.Veteran && male && g.percent(25)
	if pe.veteran {
		startAge = g.between(18, 19) // service in the army counts as work
	}
	m.WorkStart = earlier(m.BirthDate.AddYears(startAge).AddDays(g.intn(300)), g.asOf.AddDays(-30-g.intn(200)))
	m.StaffNo = g.staffNo()
	if s.Retired {
		pe.former = g.formerBranch(p, j)
		unit := pe.former.spec.Units[0]
		if pe.former.spec.Office {
			unit = "机关"
		}
		m.WorkUnit = "离退休（原" + unit + "）"
		m.JobPost = j.Post
		m.Category = "离退休"
	} else {
		m.WorkUnit = g.pick(s.Units)
		m.JobPost = j.Post
		if len(j.Admin) > 0 && (j.Post == "线路长" || g.percent(60)) {
			m.AdminTitle = g.pick(j.Admin)
		}
		if len(j.Titles) > 0 && g.percent(35) {
			m.ProTitle = g.pick(j.Titles)
		}
		switch {
		case g.percent(j.Agency):
			m.Category = "劳务派遣"
		case g.percent(1):
			m.Category = "其他"
		default:
			m.Category = "在岗职工"
		}
	}
	base := int64(g.between(j.Base[0]*100, j.Base[1]*100))
	if m.Category == "劳务派遣" {
		base = base * 8 / 10
	}
	m.DuesBase = base
	m.Standing, m.Status = data.StandingFull, data.StatusNormal
	return pe
}

// formerBranch is where a pensioner worked: an in-service branch that had
// their job and is old enough to have had retirees, by its share of staff.
func (g *gen) formerBranch(p *plan, j *job) *branchPlan {
	var old []*branchPlan
	for _, b := range p.branches {
		if !b.spec.Retired && b.unit.Founded.Before(g.asOf.AddYears(-10)) &&
			(j.From == nil || slices.Contains(j.From, b.spec.Seal)) {
			old = append(old, b)
		}
	}
	return old[g.weighted(len(old), func(i int) int { return old[i].spec.Weight })]
}

func givenFor(male bool, birthYear int) []string {
	older := birthYear < 1975
	switch {
	case male && older:
		return givenMaleOlder
	case male:
		return givenMaleYounger
	case older:
		return givenFemaleOlder
	}
	return givenFemaleYounger
}

func (g *gen) surname() string {
	switch x := g.intn(100); {
	case x < 2:
		return g.pick(surnamesRare)
	case x < 17:
		return g.pick(surnamesLess)
	}
	return g.pick(surnamesCommon)
}

func (g *gen) name(male bool, birthYear int) string {
	return g.surname() + g.pick(givenFor(male, birthYear))
}

// outsider is the name of someone who is not in the demo database, such as
// the introducer of a member admitted elsewhere.
func (g *gen) outsider() string {
	return g.name(g.percent(75), g.asOf.Y-g.between(45, 75))
}

// idNumber makes a 公民身份号码 whose birth date and sex agree with the
// dossier: sequence odd for men, even for women, and the GB 11643 check.
func (g *gen) idNumber(code string, birth data.Date, male bool) string {
	for {
		seq := 2 + 2*g.intn(499) // 002–998
		if male {
			seq = 1 + 2*g.intn(500) // 001–999
		}
		first := fmt.Sprintf("%s%04d%02d%02d%03d", code, birth.Y, int(birth.M), birth.D, seq)
		c, err := data.IDCheckChar(first)
		if err != nil {
			panic(err) // first is 17 digits by construction
		}
		id := first + string(c)
		if !g.ids[id] {
			g.ids[id] = true
			return id
		}
	}
}

func (g *gen) mobile() string {
	for {
		s := g.pick(mobilePrefixes) + fmt.Sprintf("%08d", g.intn(100000000))
		if !g.phones[s] {
			g.phones[s] = true
			return s
		}
	}
}

func (g *gen) staffNo() string {
	for {
		s := fmt.Sprintf("%06d", g.between(100001, 899999))
		if !g.staffNos[s] {
			g.staffNos[s] = true
			return s
		}
	}
}

// address gives a home address and the 派出所 of the same district.
// Pensioners often still live in the old company housing.
func (g *gen) address(retired bool) (string, string) {
	d := &districts[g.intn(len(districts))]
	estate := g.pick(estates)
	if retired && g.percent(40) {
		estate = "公交宿舍"
	}
	addr := fmt.Sprintf("山东省济南市%s%s%d号%s%d号楼%d单元%d%02d室", d.Name, g.pick(d.Roads), g.between(1, 399),
		estate, g.between(1, 24), g.between(1, 4), g.between(1, 18), g.between(1, 4))
	return addr, "济南市公安局" + d.Name + "分局" + g.pick(d.Stations)
}

// education fills 学历, 学位, 毕业院校及专业 and returns the age the person
// started work at.
func (g *gen) education(pe *person, c eduClass) int {
	m := &pe.m
	// Weights for 初中, 高中, 中专, 大专, 本科, 研究生.
	var w [6]int
	switch c {
	case eduWorker:
		w = [6]int{2, 33, 27, 28, 10, 0}
	case eduOffice:
		w = [6]int{0, 12, 15, 43, 28, 2}
	case eduCadre:
		w = [6]int{0, 0, 3, 20, 62, 15}
	case eduRetired:
		w = [6]int{28, 40, 20, 10, 2, 0}
	}
	lvl := g.weighted(len(w), func(i int) int { return w[i] })
	if lvl == 5 && pe.age < 27 {
		lvl = 4
	}
	switch lvl {
	case 0:
		m.Education = "初中"
		return g.between(16, 17)
	case 1:
		m.Education = "高中"
		m.SchoolMajor = g.pick(schoolsMiddle)
		return g.between(18, 20)
	case 2:
		m.Education = "中专"
		if g.percent(40) {
			m.Education = "技工学校"
		}
		m.SchoolMajor = g.pick(schoolsVocational) + " " + g.pick(majorsVocational)
		return g.between(18, 19)
	case 3:
		m.Education = "大专"
		m.SchoolMajor = g.pick(schoolsCollege) + " " + g.pick(majorsCollege)
		return g.between(20, 22)
	case 4:
		m.Education = "本科"
		if g.percent(90) {
			m.Degree = "学士"
		}
		m.SchoolMajor = g.pick(schoolsUniversity) + " " + g.pick(majorsUniversity)
		return g.between(22, 23)
	}
	m.Education = "研究生"
	m.Degree = "硕士"
	m.SchoolMajor = g.pick(schoolsGraduate) + " " + g.pick(majorsGraduate)
	return g.between(25, 26)
}

// ---- standing and status ----

// roles hands out 预备党员 and the statuses other than 正常 by quota, so
// their shares are what the brief asks for at every size: about 5%
// probationary, at most about 3% on the history roster. Small branches are
// left alone so that each keeps at least three 正式党员.
func (g *gen) roles(p *plan) {
	n := float64(len(p.people))
	quota := func(rate float64) int { return int(math.Round(rate * n)) }
	canChange := func(pe *person) bool {
		b := pe.br
		return len(b.people) >= 8 && b.changed < len(b.people)-5 &&
			pe.m.Standing == data.StandingFull && pe.m.Status == data.StatusNormal
	}
	assign := func(k int, ok func(*person) bool, apply func(*person)) {
		var cand []*person
		for _, pe := range p.people {
			if ok(pe) {
				cand = append(cand, pe)
			}
		}
		g.r.Shuffle(len(cand), func(i, j int) { cand[i], cand[j] = cand[j], cand[i] })
		for _, pe := range cand {
			if k == 0 {
				return
			}
			if canChange(pe) {
				apply(pe)
				pe.br.changed++
				k--
			}
		}
	}
	retired := func(pe *person) bool { return pe.br.spec.Retired }
	status := func(s string) func(*person) { return func(pe *person) { pe.m.Status = s } }

	assign(quota(0.007), func(pe *person) bool { return retired(pe) && pe.age >= 70 }, status(data.StatusDead))
	// 预备党员 are admitted within the last year in their present job, so
	// they must have worked there for a while already.
	assign(quota(0.05), func(pe *person) bool {
		return !retired(pe) && pe.age <= 45 && pe.m.WorkStart.Before(g.asOf.AddDays(-400))
	}, func(pe *person) { pe.m.Standing = data.StandingProbationary })
	assign(quota(0.015), func(pe *person) bool { return !retired(pe) }, status(data.StatusOut))
	assign(quota(0.003), func(pe *person) bool { return !retired(pe) }, status(data.StatusStopped))
	assign(quota(0.02), func(pe *person) bool { return true }, status(data.StatusFloating))
	assign(quota(0.006), func(pe *person) bool { return !retired(pe) }, status(data.StatusLost))
}

// ---- party dates ----

// partyDates fills the admission history in the order the rules demand:
// 申请入党 at 18 or later ≤ 积极分子 (0–12 months later) ≤ 发展对象 (at least a
// year later) ≤ 入党 ≤ 转正 (a year later, longer if the probation was
// extended), then 组织关系转入 for those admitted elsewhere.
func (g *gen) partyDates(p *plan, pe *person) {
	m := &pe.m
	adult := m.BirthDate.AddYears(18)
	// Gaps in days: 申请 → 积极分子, the part beyond one calendar year of
	// 积极分子 → 发展对象 (a year counted in days falls short across 29 Feb),
	// 发展对象 → 入党. span bounds the whole stretch from above.
	g1, g2, g3 := g.intn(366), g.intn(366), 30+g.intn(240)
	span := func() int { return g1 + 366 + g2 + g3 }
	probation := 12 // months
	if m.Standing == data.StandingProbationary {
		join := g.asOf.AddDays(-14 - g.intn(340))
		if span() > adult.DaysUntil(join) {
			g1, g2, g3 = 0, 0, 30
		}
		m.JoinDate = join
	} else {
		if g.percent(2) {
			probation = 12 + 6*g.between(1, 2) // 延长预备期 6 or 12 months
		}
		for {
			latest := g.asOf.AddMonths(-probation).AddDays(-1)
			hi := earlier(latest, m.BirthDate.AddYears(46))
			lo := adult.AddDays(span())
			if hi.Before(lo) {
				g1, g2, g3 = 0, 0, 30
				lo = adult.AddDays(span())
			}
			if hi.Before(lo) && probation > 12 {
				probation = 12
				continue
			}
			// Everyone is at least 22, so with the shortest gaps and a normal
			// probation the window [lo, hi] is never empty.
			// Triangular: most people are admitted in the middle of the window.
			u := (g.r.Float64() + g.r.Float64()) / 2
			m.JoinDate = lo.AddDays(int(u * float64(lo.DaysUntil(hi))))
			break
		}
		m.FullDate = m.JoinDate.AddMonths(probation)
		if probation > 12 {
			length := "一年"
			if probation == 18 {
				length = "半年"
			}
			m.Remarks = fmt.Sprintf("%s经支部大会讨论决定延长预备期%s，%s转为正式党员。",
				m.JoinDate.AddMonths(12).Chinese(), length, m.FullDate.Chinese())
		}
	}
	m.CandidateDate = m.JoinDate.AddDays(-g3)
	m.ActivistDate = m.CandidateDate.AddYears(-1).AddDays(-g2)
	m.ApplyDate = m.ActivistDate.AddDays(-g1)
	m.VolunteerNo = g.volunteerNo(m.JoinDate)

	// Where was the person admitted? Inside the company only when working
	// there already and the company's 党总支 existed; veterans mostly in the
	// army; graduates often at university; some elsewhere.
	inArmy := pe.veteran && m.JoinDate.Before(m.WorkStart.AddYears(4))
	inside := !m.JoinDate.Before(m.WorkStart) && !m.JoinDate.Before(p.root.Founded) &&
		m.Standing == data.StandingFull && !inArmy && !g.percent(15)
	if m.Standing == data.StandingProbationary {
		inside = true
	}
	home := p.homeBranch(pe, m.JoinDate)
	if inside && home != "" {
		m.JoinBranch = home
		if m.FullDate.IsZero() {
			return
		}
		m.FullBranch = home
		if fb := p.homeBranch(pe, m.FullDate); fb != "" {
			m.FullBranch = fb
		}
		return
	}
	switch {
	case inArmy:
		m.JoinBranch = g.pick(armyBranches)
	case m.JoinDate.Before(m.WorkStart) && (m.Education == "本科" || m.Education == "研究生" || m.Education == "大专"):
		m.JoinBranch = g.pick(schoolBranches)
	default:
		m.JoinBranch = g.pick(otherBranches)
	}
	// Members admitted before the 党总支 existed came over when it was set up.
	lo := later(later(m.JoinDate.AddDays(30), m.WorkStart), p.root.Founded)
	hi := g.asOf.AddDays(-30)
	m.TransferInDate = g.dayIn(lo, earlier(hi, lo.AddDays(365)))
	if m.TransferInDate.After(hi) {
		m.TransferInDate = hi
	}
	m.FullBranch = m.JoinBranch
	if home := p.homeBranch(pe, m.FullDate); home != "" && !m.TransferInDate.After(m.FullDate) {
		m.FullBranch = home
	}
}

// homeBranch is the short name of the company branch the person belonged to
// on day: their own, or for a pensioner the branch of their old unit. Staff
// of a branch founded later belonged to the oldest branch before; "" means
// the company had no branch yet.
func (p *plan) homeBranch(pe *person, day data.Date) string {
	b := pe.br
	if pe.former != nil {
		b = pe.former
	}
	if day.Before(b.unit.Founded) {
		b = p.branches[0]
	}
	if day.Before(b.unit.Founded) {
		return ""
	}
	return b.spec.Short
}

// statusDates dates what the 党员状态 implies: when a member on the history
// roster left, since when a member is away or out of touch.
func (g *gen) statusDates(pe *person) {
	m := &pe.m
	settled := later(later(m.JoinDate, m.FullDate), m.TransferInDate)
	ago := func(lo, hi int) data.Date { return g.asOf.AddDays(-g.between(lo, hi)) }
	switch m.Status {
	case data.StatusOut:
		pe.left = later(settled.AddDays(60), ago(20, 720))
	case data.StatusDead:
		pe.left = later(settled.AddDays(30), ago(10, 900))
	case data.StatusStopped:
		// Only after six months without organisational life or dues.
		pe.left = later(settled.AddYears(1), ago(60, 900))
	case data.StatusFloating:
		pe.since = later(settled, ago(60, 1000))
	case data.StatusLost:
		pe.since = later(settled, ago(200, 520))
	}
	pe.left = earlier(pe.left, g.asOf)
	pe.since = earlier(pe.since, g.asOf)
}

// ---- groups ----

// assignGroups deals each branch's members into its groups in balanced
// runs, in a shuffled order so a group is not one age band.
func (g *gen) assignGroups(p *plan) {
	for _, b := range p.branches {
		order := g.r.Perm(len(b.people))
		for k, i := range order {
			b.people[i].group = k * len(b.groups) / len(b.people)
		}
	}
}
