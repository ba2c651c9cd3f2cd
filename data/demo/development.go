package demo

import (
	"fmt"

	"dangjian/data"
)

// devDemo is one demo candidate: where their file stands, in which of the
// first branches, with dates counted back from the demo's day.
type devDemo struct {
	name   string
	male   bool
	branch int // index into plan.branches (modulo their number)
	stage  string
}

// devVoted is a 发展对象 whose 支部大会 has voted and who waits for the
// higher committee's approval (step 17).
const devVoted = "voted"

// devReady is an activist of more than a year, ready to become 发展对象.
const devReady = "ready"

// devDemos are a few candidates at different stages, the same for every
// seed: a new applicant, two activists, a 发展对象 whose talk came late and
// one voted on by the 支部大会. None is past step 17: the demo's roster
// stays as generated (its counts and histories are checked as such).
var devDemos = []devDemo{
	{"林思远", true, 0, data.DevStageApplicant},
	{"许晓雯", false, 0, data.DevStageActivist},
	{"高俊杰", true, 1, data.DevStageCandidate},
	{"罗佳怡", false, 1, devVoted},
	{"梁志强", true, 2, devReady},
}

// writeDevelopment records the demo candidates' files through the store's
// own rules (tx.SaveDevCandidate, tx.SaveDevStep, audited). It returns how
// many files it wrote.
func (p *plan) writeDevelopment(tx *data.Tx, asOf data.Date) (int, error) {
	if len(p.branches) == 0 {
		return 0, nil
	}
	office := data.Role{Office: true}
	proc := data.DefaultDevProcess()
	for i, dd := range devDemos {
		br := p.branches[dd.branch%len(p.branches)]
		var full []*person
		for _, pe := range br.people {
			if pe.m.Standing == data.StandingFull && pe.m.Status == data.StatusNormal && !pe.m.FullDate.IsZero() &&
				pe.m.FullDate.Before(asOf.AddYears(-4)) {
				full = append(full, pe)
			}
		}
		if len(full) < 3 {
			continue // a tiny branch: no one to name as introducer
		}
		birth := asOf.AddYears(-(24 + 3*i)).AddDays(-40 * i)
		id, err := devDemoID(tx, birth, dd.male, i)
		if err != nil {
			return i, err
		}
		sex := "女"
		if dd.male {
			sex = "男"
		}
		steps := devDemoSteps(dd.stage, asOf, i == 2)
		c, _, err := tx.SaveDevCandidate(office, data.DevCandidate{Name: dd.name, Sex: sex, IDNumber: id, BranchID: br.unit.ID,
			Phone: fmt.Sprintf("1390531%04d", 2100+i), Education: "大学本科", Job: "驾驶员", ApplyDate: steps[0].Date})
		if err != nil {
			return i, fmt.Errorf("保存演示入党申请人%s：%w", dd.name, err)
		}
		for _, r := range steps {
			r.CandidateID = c.ID
			r.Materials = proc.Step(r.Step).Materials
			switch r.Step {
			case data.DevStepCultivators:
				r.People = []data.DevPerson{{MemberID: full[0].m.ID, Role: data.DevRoleCultivator}}
			case data.DevStepIntroducers:
				r.People = []data.DevPerson{{MemberID: full[1].m.ID, Role: data.DevRoleIntroducer},
					{MemberID: full[2].m.ID, Role: data.DevRoleIntroducer}}
			case data.DevStepTraining:
				r.TrainingDays = 3
			case data.DevStepPolitical:
				r.Note = "经政治审查，政治历史清楚，现实表现良好，审查合格"
			case data.DevStepVote, data.DevStepFullVote:
				n := 0
				for _, pe := range br.people {
					if pe.m.Standing == data.StandingFull && pe.m.Status == data.StatusNormal && !pe.m.FullDate.After(r.Date) {
						n++
					}
				}
				present := n - n/10
				yes := present - present/15
				r.Vote = &data.DevVoteCount{Expected: n, Present: present, Yes: yes, No: present - yes}
				if r.Step == data.DevStepFullVote {
					r.Outcome = data.DevOutcomeFull
				}
			}
			if _, _, err := tx.SaveDevStep(office, proc, r); err != nil {
				return i, fmt.Errorf("保存演示入党申请人%s第 %d 步：%w", dd.name, r.Step, err)
			}
		}
	}
	return len(devDemos), nil
}

// devDemoSteps are the dated steps of a file at a stage; lateTalk makes
// the talk come six weeks after the application.
func devDemoSteps(stage string, asOf data.Date, lateTalk bool) []data.DevStepRecord {
	var out []data.DevStepRecord
	add := func(n int, d data.Date) { out = append(out, data.DevStepRecord{Step: n, Date: d}) }
	var vote data.Date
	switch stage {
	case data.DevStageApplicant:
		add(1, asOf.AddDays(-20))
		return out
	case data.DevStageActivist:
		act := asOf.AddMonths(-7)
		add(1, act.AddMonths(-3))
		add(2, act.AddMonths(-3).AddDays(12))
		add(3, act)
		add(4, act.AddDays(3))
		add(5, act.AddDays(5))
		add(6, act.AddMonths(6).AddDays(-5))
		return out
	case data.DevStageCandidate:
		cand := asOf.AddMonths(-2)
		act := cand.AddMonths(-13)
		apply := act.AddMonths(-4)
		add(1, apply)
		if lateTalk {
			add(2, apply.AddDays(45))
		} else {
			add(2, apply.AddDays(15))
		}
		add(3, act)
		add(4, act.AddDays(3))
		add(5, act.AddDays(5))
		add(6, act.AddMonths(6).AddDays(-3))
		add(6, act.AddMonths(12).AddDays(-3))
		add(7, cand)
		add(8, cand.AddDays(10))
		add(9, cand.AddDays(12))
		add(10, cand.AddDays(30))
		add(11, cand.AddDays(40))
		return out
	case devReady:
		act := asOf.AddMonths(-13)
		add(1, act.AddMonths(-2))
		add(2, act.AddMonths(-2).AddDays(20))
		add(3, act)
		add(4, act.AddDays(3))
		add(5, act.AddDays(5))
		add(6, act.AddMonths(6).AddDays(-3))
		add(6, act.AddMonths(12).AddDays(-3))
		return out
	default: // devVoted
		vote = asOf.AddMonths(-1)
	}
	cand := vote.AddMonths(-4)
	act := cand.AddMonths(-13)
	apply := act.AddMonths(-4)
	add(1, apply)
	add(2, apply.AddDays(15))
	add(3, act)
	add(4, act.AddDays(3))
	add(5, act.AddDays(5))
	add(6, act.AddMonths(6).AddDays(-3))
	add(6, act.AddMonths(12).AddDays(-3))
	add(7, cand)
	add(8, cand.AddDays(10))
	add(9, cand.AddDays(12))
	add(10, cand.AddDays(30))
	add(11, cand.AddDays(45))
	add(12, vote.AddDays(-40))
	add(13, vote.AddDays(-30))
	add(14, vote.AddDays(-20))
	add(15, vote)
	add(16, vote.AddDays(15))
	return out
}

// devDemoID makes an ID number in 历下区 no member holds.
func devDemoID(tx *data.Tx, birth data.Date, male bool, i int) (string, error) {
	for seq := 901 + 2*i; seq < 999; seq += 10 {
		s := seq
		if !male {
			s++
		}
		first := fmt.Sprintf("370102%04d%02d%02d%03d", birth.Y, int(birth.M), birth.D, s)
		c, err := data.IDCheckChar(first)
		if err != nil {
			return "", err
		}
		id := first + string(c)
		if _, err := tx.MemberByIDNumber(id); err == data.ErrNotFound {
			return id, nil
		} else if err != nil {
			return "", err
		}
	}
	return "", fmt.Errorf("演示数据：无法生成不重复的身份证号码")
}
