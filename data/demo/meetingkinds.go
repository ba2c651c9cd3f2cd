package demo

import (
	"fmt"
	"slices"
	"strings"

	"dangjian/data"
)

// The meetings of each kind: when they are held, who chairs and records,
// and what the minutes say.

// slots are the usual start and end times by kind; retirees meet in the
// morning.
var slots = map[string][][2]string{
	data.KindCommittee:      {{"08:30", "09:40"}, {"14:30", "15:50"}, {"16:00", "17:10"}, {"09:00", "10:20"}},
	data.KindGeneralMeeting: {{"14:30", "16:00"}, {"15:00", "16:30"}, {"09:00", "10:40"}},
	data.KindGroupMeeting:   {{"10:00", "11:00"}, {"14:30", "15:40"}, {"15:30", "16:40"}, {"13:30", "14:30"}},
	data.KindThemeDay:       {{"09:00", "11:30"}, {"14:00", "16:30"}, {"08:30", "11:00"}},
	data.KindLesson:         {{"14:30", "16:00"}, {"09:00", "10:30"}, {"15:00", "16:30"}},
	data.KindLifeMeeting:    {{"08:30", "11:30"}, {"14:00", "17:30"}, {"14:30", "17:00"}},
	data.KindAppraisal:      {{"14:30", "16:30"}, {"09:00", "11:00"}},
}

var morningSlots = map[string][2]string{
	data.KindCommittee:      {"09:00", "10:10"},
	data.KindGeneralMeeting: {"09:00", "10:30"},
	data.KindGroupMeeting:   {"09:30", "10:40"},
	data.KindThemeDay:       {"09:00", "11:00"},
	data.KindLesson:         {"09:30", "11:00"},
	data.KindLifeMeeting:    {"08:30", "11:30"},
	data.KindAppraisal:      {"09:00", "11:00"},
}

// base starts minutes of kind on day with a time, a place and a form.
func (mg *meetingGen) base(st *branchStyle, kind string, day data.Date, place string) data.Meeting {
	m := data.Meeting{Kind: kind, Date: day, Form: "线下"}
	if st.t == bRetired && mg.percent(80) {
		s := morningSlots[kind]
		m.StartTime, m.EndTime = s[0], s[1]
	} else {
		s := slots[kind][mg.intn(len(slots[kind]))]
		m.StartTime, m.EndTime = s[0], s[1]
	}
	if place == "" {
		place = mg.pick(st.rooms)
	}
	m.Place = place
	switch kind {
	case data.KindCommittee, data.KindGroupMeeting:
		if mg.percent(4) {
			m.Form, m.Place = "视频会议", "视频会议（主会场："+mg.pick(st.rooms)+"）"
		}
	case data.KindLesson, data.KindGeneralMeeting:
		if mg.percent(3) {
			m.Form = "线上线下结合"
		}
	}
	return m
}

func (mg *meetingGen) study(day data.Date) string { return mg.pick(currentOn(studies, day)) }

// focusFor picks up to n items of the month's work for a branch: one
// seasonal item when there is one, then others.
func (mg *meetingGen) focusFor(day data.Date, t branchType, n int) []*focus {
	var seasonal, general []*focus
	for i := range focuses {
		f := &focuses[i]
		if !f.fits(int(day.M), t) || (day.Y < modernFrom && modern(f.item+f.detail+f.task)) {
			continue
		}
		if f.months != nil {
			seasonal = append(seasonal, f)
		} else {
			general = append(general, f)
		}
	}
	var out []*focus
	if len(seasonal) > 0 {
		out = append(out, seasonal[mg.intn(len(seasonal))])
	}
	mg.r.Shuffle(len(general), func(i, j int) { general[i], general[j] = general[j], general[i] })
	for _, f := range general {
		if len(out) >= n {
			break
		}
		out = append(out, f)
	}
	return out
}

// sections numbers paragraphs as the minutes do: 一、学习。…
func sections(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, cnNum(len(out)+1)+"、"+p)
		}
	}
	return strings.Join(out, "\n")
}

// filler replaces the officers' placeholders with their names, falling
// back to the secretary (or whoever chairs) for posts nobody holds.
func (o officers) filler(host *person, extra ...string) func(string) string {
	or := func(pe *person) string {
		if pe != nil {
			return pe.m.Name
		}
		return name(host)
	}
	kv := append([]string{"书记", or(o.sec), "组织委员", or(o.org), "宣传委员", or(o.prop), "纪检委员", or(o.disc)}, extra...)
	return func(s string) string { return fill(s, kv...) }
}

// recorderOf is who keeps the minutes of a branch meeting: the 组织委员,
// else another member of the committee, else someone present.
func (mg *meetingGen) recorderOf(o officers, roll []*person, day data.Date, host *person) *person {
	for _, pe := range []*person{o.org, o.prop, o.disc, o.deputy} {
		if pe != nil && pe != host && slices.Contains(roll, pe) {
			return pe
		}
	}
	return mg.other(roll, day, host)
}

func (mg *meetingGen) hostOf(o officers, roll []*person, day data.Date) *person {
	if o.sec != nil && slices.Contains(roll, o.sec) {
		return o.sec
	}
	return senior(roll, day)
}

func (mg *meetingGen) plan(b *branchPlan, group int, m data.Meeting, at *atts, host, rec *person, regular bool) {
	if rec == nil {
		rec = host // a branch of three, one of them speaking
	}
	m.Host, m.Recorder = name(host), name(rec)
	var list []attPlan
	if at.big {
		summarize(&m, at)
	} else {
		list = at.list
	}
	mg.add(&meetingPlan{b: b, group: group, m: m, att: list, regular: regular})
}

// ---- 支部委员会会议 ----

var emphases = []string{
	"强调支委要在学习上先学一步、学深一步，带动全体党员学好用好。",
	"要求支委结合支部实际抓好贯彻落实，把学习成果转化为推动工作的实际行动。",
	"强调支委要带头遵规守纪，在安全生产和服务群众中发挥表率作用。",
}

var prevSummaries = []string{
	"支部各项会议均按计划召开，党费已按时足额收缴。",
	"各党小组会议按时召开，会议记录已整理归档，党费收缴无拖欠。",
	"主题党日活动参加人数较多，效果较好；个别党员因工作原因未能参加，已安排补学。",
	"“三会一课”落实正常，少数党员请假较多，支委已分别进行提醒。",
}

// committeeMonth holds the month's 支委会: on the day of a development
// decision if there is one, otherwise early in the month; further
// decisions that month get meetings of their own.
func (mg *meetingGen) committeeMonth(b *branchPlan, st *branchStyle, first data.Date, evs []devEvent, lifeYear int, isPrep bool) {
	day := mg.dayOf(first, 3, 10)
	if len(evs) > 0 {
		day = evs[0].day
	}
	var mine, later []devEvent
	for _, e := range evs {
		if e.day == day {
			mine = append(mine, e)
		} else {
			later = append(later, e)
		}
	}
	// Only a branch with a committee (two or more posts held) owes one.
	if !day.After(mg.asOf) {
		has := len(mg.p.committeeOn(&b.unit, day)) >= 2
		if len(mine) > 0 || (has && !mg.skipped(day, st.skip)) {
			mg.committee(b, st, day, mine, true, lifeYear, isPrep)
		}
	}
	for i := 0; i < len(later); {
		j := i
		for j < len(later) && later[j].day == later[i].day {
			j++
		}
		mg.committee(b, st, later[i].day, later[i:j], false, 0, false)
		i = j
	}
}

// committee writes a 支委会 on day, the regular one of the month or one
// for development decisions only. A branch without a committee takes such
// decisions at a general meeting.
func (mg *meetingGen) committee(b *branchPlan, st *branchStyle, day data.Date, evs []devEvent, regular bool, lifeYear int, isPrep bool) {
	o := mg.officersOn(b, day)
	kind := data.KindCommittee
	var roll []*person
	for _, pe := range o.committee {
		if onRoll(pe, day) {
			roll = append(roll, pe)
		}
	}
	if len(o.committee) < 2 {
		if len(evs) == 0 {
			return
		}
		kind, regular = data.KindGeneralMeeting, false
		roll = mg.roster(b, -1, day)
	}
	host := mg.hostOf(o, roll, day)
	rec := mg.recorderOf(o, roll, day, host)
	att := mg.attend(st, roll, o.committee, day, host, rec)
	quorate(att, kind == data.KindCommittee)
	m := mg.base(st, kind, day, "")
	f := o.filler(host)
	mon, prev := int(day.M), int(day.AddMonths(-1).M)

	var evTopic []string
	var evAgenda, evText, evDecide []string
	for _, e := range evs {
		pm := &e.pe.m
		switch e.kind {
		case "activist":
			evTopic = append(evTopic, "确定入党积极分子")
			evAgenda = append(evAgenda, "讨论确定"+pm.Name+"为入党积极分子")
			evText = append(evText, fmt.Sprintf("会议听取了党小组关于%s的推荐意见。%s于%s递交入党申请书，平时工作积极、遵章守纪，"+
				"经党员推荐和群众推荐，符合入党积极分子条件。", pm.Name, pm.Name, pm.ApplyDate.Chinese()))
			evDecide = append(evDecide, fmt.Sprintf("同意确定%s为入党积极分子，指定%s为培养联系人，报党总支备案。", pm.Name, pm.Cultivator))
		case "candidate":
			evTopic = append(evTopic, "确定发展对象")
			evAgenda = append(evAgenda, "讨论确定"+pm.Name+"为发展对象")
			evText = append(evText, fmt.Sprintf("会议听取了培养联系人%s关于%s一年多来培养考察情况的汇报，通报了征求党小组、党员和群众意见的情况。"+
				"大家认为%s入党动机端正，经过一年以上的培养教育，基本具备党员条件。", pm.Cultivator, pm.Name, pm.Name))
			evDecide = append(evDecide, fmt.Sprintf("同意确定%s为发展对象，报党总支备案；由%s、%s担任入党介绍人，下一步进行政治审查和集中培训。",
				pm.Name, pm.Introducer1, pm.Introducer2))
		}
	}
	evTopic = slices.Compact(evTopic)

	if !regular {
		m.Topic = strings.Join(evAgenda, "，")
		m.Agenda = numbered(append(append([]string{"听取培养联系人和党小组意见"}, evAgenda...), "表决"))
		m.Content = sections("发展党员工作。"+strings.Join(evText, ""),
			fmt.Sprintf("表决情况。应到%d名，实到%d名，经举手表决，一致同意。", count(att).expected, count(att).present))
		m.Resolution = arabic(evDecide)
		mg.plan(b, -1, m, att, host, rec, false)
		return
	}

	study := mg.study(day)
	fs := mg.focusFor(day, st.t, 2)
	switch {
	case isPrep:
		m.Topic = fmt.Sprintf("研究%d年度组织生活会和民主评议党员准备工作", lifeYear)
	case len(evTopic) > 0:
		m.Topic = fmt.Sprintf("研究%d月份工作，讨论%s", mon, strings.Join(evTopic, "、"))
	case mon == 1:
		m.Topic = fmt.Sprintf("研究%d年支部工作要点和1月份工作", day.Y)
	case mg.percent(55) || len(fs) == 0:
		m.Topic = fmt.Sprintf("研究%d月份支部工作", mon)
	default:
		m.Topic = "研究" + fs[0].item + "等工作"
	}
	agenda := []string{"学习" + study, fmt.Sprintf("通报%d月份工作完成情况", prev)}
	var research, tasks []string
	for _, x := range fs {
		agenda = append(agenda, "研究"+x.item)
		research = append(research, f(x.detail))
		tasks = append(tasks, f(x.task))
	}
	prepText := ""
	if isPrep {
		agenda = append(agenda, fmt.Sprintf("研究%d年度组织生活会和民主评议党员工作方案", lifeYear))
		prepText = f("会议研究了年度组织生活会和民主评议党员工作方案，确定会前由支委分别与党员谈心谈话，通过党小组会征求意见建议，" +
			"书记{书记}负责起草支部委员会对照检查材料。")
		tasks = append(tasks, f("组织生活会前完成谈心谈话和征求意见，对照检查材料报党总支审阅。"))
	}
	agenda = append(agenda, evAgenda...)
	agenda = append(agenda, fmt.Sprintf("布置%d月份重点工作", mon))
	m.Agenda = numbered(agenda)

	reporter := o.org
	if reporter == nil || reporter == host {
		reporter = rec
	}
	devText := ""
	if len(evText) > 0 {
		devText = "发展党员工作。" + strings.Join(evText, "")
	}
	split := fmt.Sprintf("工作分工。%s负责统筹协调", name(host))
	duties := []string{"督促落实和情况收集", "宣传报道和资料整理", "各党小组的联系和检查", "一线班组的走访了解"}
	if st.t == bRetired {
		duties[3] = "高龄、患病老党员的走访联系"
	}
	mg.r.Shuffle(len(duties), func(i, j int) { duties[i], duties[j] = duties[j], duties[i] })
	for i, pe := range []*person{o.org, o.prop, o.disc} {
		if pe != nil && pe != host {
			split += "；" + pe.m.Name + "负责" + duties[i]
		}
	}
	m.Content = sections(
		fmt.Sprintf("学习。%s领学了%s，%s", name(host), study, mg.pick(emphases)),
		fmt.Sprintf("%d月份工作情况。%s通报了%d月份“三会一课”落实和党费收缴情况：%s", prev, name(reporter), prev, mg.pick(prevSummaries)),
		"研究事项。"+strings.Join(research, "")+prepText,
		devText,
		split+"。",
	)
	m.Resolution = arabic(append(evDecide, tasks...))
	if mg.percent(15) {
		var leaders []string
		for gi := range b.groups {
			if l := mg.p.holderOn(&b.groups[gi], "组长", day); l != nil && !slices.Contains(o.committee, l) {
				leaders = append(leaders, b.groups[gi].ShortName+"组长"+l.m.Name)
			}
		}
		m.Guests = strings.Join(leaders, "、")
	}
	mg.plan(b, -1, m, att, host, rec, len(evs) == 0)
}

// ---- 主题党日 ----

func (mg *meetingGen) themeFor(day data.Date, retired bool) *themeDay {
	var seasonal, general []*themeDay
	for i := range themeDays {
		t := &themeDays[i]
		if t.retired != retired || (!t.from.IsZero() && day.Before(t.from)) || (!t.to.IsZero() && day.After(t.to)) {
			continue
		}
		switch {
		case t.months == nil:
			general = append(general, t)
		case slices.Contains(t.months, int(day.M)):
			seasonal = append(seasonal, t)
		}
	}
	if len(seasonal) > 0 && (len(general) == 0 || mg.percent(80)) {
		return seasonal[mg.intn(len(seasonal))]
	}
	return general[mg.intn(len(general))]
}

func (mg *meetingGen) themeDay(b *branchPlan, st *branchStyle, first data.Date) {
	day := workday(first.AddDays(st.themeDay - 1))
	if day.After(mg.asOf) || mg.skipped(day, st.skip) {
		return
	}
	o := mg.officersOn(b, day)
	roll := mg.roster(b, -1, day)
	host := mg.hostOf(o, roll, day)
	var rec *person
	for _, pe := range []*person{o.prop, o.org} {
		if pe != nil && pe != host && slices.Contains(roll, pe) {
			rec = pe
			break
		}
	}
	if rec == nil {
		rec = mg.other(roll, day, host)
	}
	th := mg.themeFor(day, st.t == bRetired)
	kv := []string{"站点", mg.pick(st.stations), "线路", mg.pick(st.routes), "建党", fmt.Sprint(day.Y - 1921)}
	place := fill(th.place, kv...)
	m := mg.base(st, data.KindThemeDay, day, place)
	att := mg.attend(st, roll, o.committee, day, host, rec)
	theme := fill(th.theme, kv...)
	study := mg.study(day)
	volunteer := fill(th.volunteer, kv...)
	m.Topic = theme
	short := strings.TrimSuffix(strings.TrimSuffix(theme, "主题党日"), "暨老党员座谈会")
	m.Agenda = numbered([]string{"重温入党誓词", "集中学习" + study, "开展" + short + "活动",
		fmt.Sprintf("交纳%d月份党费", int(day.M)), "党员志愿服务：" + volunteer})
	n := count(att).present
	m.Content = "活动主题：" + theme + "\n" +
		"学习内容：" + study + "。" + name(host) + "带领全体党员面向党旗重温入党誓词，并领学了有关内容。\n" +
		"活动情况：" + fill(th.activity, kv...) + "\n" +
		fmt.Sprintf("参加志愿服务情况：到会%d名党员参加了志愿服务（%s）。活动结束后，到会党员交纳了%d月份党费。", n, volunteer, int(day.M))
	mg.plan(b, -1, m, att, host, rec, true)
}

// ---- 党小组会 ----

var groupTopics = []string{
	"学习%s",
	"学习%s，交流思想和工作情况",
	"%d月份党小组学习交流",
}

var groupSummaries = []string{
	"大家发言积极，结合岗位谈得比较实在。希望大家把学习体会落实到工作中，按支部要求做好%s。",
	"通过学习交流，大家统一了思想。下一步要在%s中发挥党员作用，有困难及时向党小组反映。",
	"本次学习大家认真，发言有内容。请大家做好%s，下次党小组会交流落实情况。",
}

func (mg *meetingGen) groupMeeting(b *branchPlan, st *branchStyle, gi int, first data.Date, isPrep bool) {
	day := mg.dayOf(first, 18, 27)
	gu := &b.groups[gi]
	if day.After(mg.asOf) || day.Before(gu.Founded) || mg.skipped(day, st.skip) {
		return
	}
	roll := mg.roster(b, gi, day)
	if len(roll) == 0 {
		return
	}
	host := mg.p.holderOn(gu, "组长", day)
	if host == nil || !slices.Contains(roll, host) {
		host = mg.p.nextHolder(gu, "组长", day)
	}
	if host == nil || !slices.Contains(roll, host) {
		host = senior(roll, day)
	}
	rec := mg.p.holderOn(gu, "副组长", day)
	if rec == nil || rec == host || !slices.Contains(roll, rec) {
		rec = mg.other(roll, day, host)
	}
	place := ""
	switch st.t {
	case bFleet:
		if mg.percent(50) {
			place = mg.pick(st.routes) + "首末站职工休息室"
		}
	case bRetired:
		if len(roll) <= 12 && host != nil && mg.percent(40) {
			place = "党小组长" + host.m.Name + "家中"
		}
	}
	m := mg.base(st, data.KindGroupMeeting, day, place)
	att := mg.attend(st, roll, mg.p.committeeOn(&b.unit, day), day, host, rec)
	study := mg.study(day)
	fs := mg.focusFor(day, st.t, 1)
	work := "本职工作"
	if len(fs) > 0 {
		work = fs[0].item
	}
	camps := currentOn(campaigns, day)
	switch t := mg.pick(groupTopics); {
	case isPrep:
		m.Topic = "开展谈心谈话，征求对支部委员会的意见建议"
	case len(camps) > 0 && mg.percent(40):
		m.Topic = camps[0] + "专题学习交流"
	case strings.Contains(t, "%d"):
		m.Topic = fmt.Sprintf(t, int(day.M))
	default:
		m.Topic = fmt.Sprintf(t, study)
	}
	third := "讨论" + work
	if isPrep {
		third = "征求党员对支部委员会和支委个人的意见建议"
	} else if mg.percent(30) {
		third = "开展批评与自我批评"
	}
	m.Agenda = numbered([]string{"学习" + study, "党员汇报思想、工作情况", third, "布置支部交办的任务"})
	pool := fitting(append(slices.Clone(groupRemarks[st.t]), commonRemarks...), day)
	var said []string
	for _, pe := range mg.present(att, mg.between(2, 4), host) {
		i := mg.intn(len(pool))
		said = append(said, pe.m.Name+"："+pool[i])
		pool = slices.Delete(pool, i, i+1)
	}
	learn := fmt.Sprintf("组长%s带领大家学习了%s", name(host), study)
	if len(fs) > 0 {
		learn += "，传达了支部委员会关于" + work + "的工作安排"
	}
	summary := fmt.Sprintf(mg.pick(groupSummaries), work)
	if isPrep {
		summary = "大家对支部委员会提出了意见建议，主要集中在学习形式、联系一线和关心党员生活等方面，党小组将汇总后报支部委员会。"
	}
	m.Content = "一、学习内容：" + learn + "。\n二、党员发言：\n" + strings.Join(said, "\n") + "\n三、小组长小结：" + summary
	mg.plan(b, gi, m, att, host, rec, true)
}

// ---- 支部党员大会 ----

// generalMeeting holds the quarter's general meeting that starts on first.
func (mg *meetingGen) generalMeeting(b *branchPlan, st *branchStyle, first data.Date) {
	q := (int(first.M)-1)/3 + 1
	low := b == mg.lowB && first.Y == mg.from.Y && q == 1
	day := mg.dayOf(first.AddMonths(mg.between(1, 2)), 8, 26)
	if low {
		day = mg.dayOf(first, 20, 28) // January, in the 春运 rush
	}
	// Not counted as a gap: a meeting on an admission may fill the quarter.
	if day.After(mg.asOf) || (!low && mg.percent(st.skip)) {
		return
	}
	o := mg.officersOn(b, day)
	roll := mg.roster(b, -1, day)
	host := mg.hostOf(o, roll, day)
	rec := mg.recorderOf(o, roll, day, host)
	att := mg.attend(st, roll, o.committee, day, host, rec)
	quorate(att, false)
	if low {
		// Everyone listed, so that the members kept at work are too.
		att.list, att.rest = att.everyone(day), tally{}
		t := count(att)
		for i := range att.list {
			if 2*t.votersPresent <= t.voters {
				break
			}
			a := &att.list[i]
			if a.pe != host && a.pe != rec && a.state == data.Present && a.standing == data.StandingFull {
				a.state, a.reason = data.OnLeave, "春运加班出车"
				a.pe.away = att.seq
				t.present, t.votersPresent, t.leave = t.present-1, t.votersPresent-1, t.leave+1
			}
		}
	}
	m := mg.base(st, data.KindGeneralMeeting, day, "")
	f := o.filler(host)
	t := count(att)
	study := mg.study(day)
	var topic, work, discuss, decide string
	switch q {
	case 1:
		topic = fmt.Sprintf("部署%d年支部工作", day.Y)
		work = fmt.Sprintf("书记%s报告了%d年支部工作情况和%d年工作要点，通报了%d年党费收缴情况。", name(host), day.Y-1, day.Y, day.Y-1)
		discuss = fmt.Sprintf("与会党员对%d年支部工作要点进行了讨论，提出了加强一线党员教育、开展党员先锋岗创建等建议，支部委员会予以采纳。", day.Y)
		decide = fmt.Sprintf("通过《%s%d年工作要点》", b.spec.Short, day.Y)
	case 2:
		topic = "学习" + study + "，通报上半年支部工作"
		work = "支部委员会通报了上半年“三会一课”、发展党员和党费收缴情况，对下半年工作进行了安排。"
		discuss = "会议讨论了“七一”期间支部活动安排，大家建议结合岗位开展党员承诺践诺和志愿服务。"
		decide = "通过支部“七一”活动安排"
	case 3:
		topic = "通报党员发展和党员教育管理情况"
		work = "支部委员会通报了入党积极分子培养和党员教育管理情况，对党员参加组织生活、交纳党费情况进行了讲评。"
		discuss = "会议讨论了第四季度重点工作，大家围绕安全生产和冬季运营准备提出了意见建议。"
		decide = "通过第四季度重点工作安排"
	default:
		topic = fmt.Sprintf("通报%d年支部工作和党费收缴情况", day.Y)
		work = "支部委员会通报了全年工作完成情况，公示了全年党费收缴情况，部署了年度组织生活会和民主评议党员工作。"
		discuss = "会议讨论了支部年度工作总结，党员对支部工作提出了意见建议。"
		decide = "通过支部年度工作总结"
	}
	m.Topic = topic
	m.Agenda = numbered([]string{"传达学习" + study, "支部委员会报告本季度工作", "讨论决定支部有关事项", "党员发言", "支部书记总结"})
	speakers := mg.present(att, 2, host, rec)
	var said []string
	pool := fitting(append(slices.Clone(groupRemarks[st.t]), commonRemarks...), day)
	for _, pe := range speakers {
		said = append(said, pe.m.Name+"发言说："+pool[mg.intn(len(pool))])
	}
	m.Content = sections(
		"学习内容："+name(host)+"传达学习了"+study+"。",
		"支部工作情况："+work,
		"讨论事项："+discuss,
		"党员发言摘要："+strings.Join(said, ""),
		f("书记总结：{书记}要求全体党员把学习成果转化为做好本职工作的动力，在安全生产和优质服务中当先锋、作表率。"),
	)
	if low {
		m.Content += fmt.Sprintf("\n因春运保障任务重，多名党员加班出车，到会有表决权的党员%d名，未超过应到%d名的半数。本次会议只进行学习和通报，不作决定，"+
			"讨论事项提交下次支部党员大会。", t.votersPresent, t.voters)
	} else {
		m.Resolution = fmt.Sprintf("应到有表决权的正式党员%d名，实到%d名。经举手表决，全体到会党员一致同意，%s。", t.voters, t.votersPresent, decide)
	}
	mg.plan(b, -1, m, att, host, rec, !low)
}

var praises = map[branchType][]string{
	bFleet:    {"安全行车无事故，服务热情，多次受到乘客表扬", "在春运和恶劣天气中主动承担加班任务", "带头规范驾驶，节能降耗成绩突出"},
	bRepair:   {"技术过硬，能吃苦，在新能源车辆维修中主动承担难活累活", "工作认真细致，维修质量好，返修率低"},
	bDispatch: {"工作细致，在高峰调度中反应快、处置稳", "积极学习智能调度系统，带动班组提高工作效率"},
	bOffice:   {"工作认真负责，主动深入一线服务", "业务能力强，能够按时高质量完成各项任务"},
	bStation:  {"工作踏实，主动承担夜班巡查", "认真落实场站安全管理制度"},
	bRetired:  {"热心社区公益"},
}

var hopes = []string{"在理论学习上进一步加强", "在工作中更好地发挥带头作用", "注意改进工作方法，多听取群众意见"}

// admission holds a general meeting that decides on admissions, extended
// probations and 转正, on the day the dossiers name.
func (mg *meetingGen) admission(b *branchPlan, st *branchStyle, evs []devEvent) {
	day := evs[0].day
	o := mg.officersOn(b, day)
	roll := mg.roster(b, -1, day)
	host := mg.hostOf(o, roll, day)
	rec := mg.recorderOf(o, roll, day, host)
	var subjects []*person
	for _, e := range evs {
		subjects = append(subjects, e.pe)
	}
	att := mg.attend(st, roll, o.committee, day, append([]*person{host, rec}, subjects...)...)
	quorate(att, false)
	t := count(att)
	m := mg.base(st, data.KindGeneralMeeting, day, "")
	reporter := o.org
	if reporter == nil {
		reporter = host
	}
	var topics, text, decide []string
	var accept, convert []string
	for _, e := range evs {
		pm := &e.pe.m
		praise := mg.pick(praises[st.t])
		yes := t.votersPresent
		abstain := 0
		if mg.percent(12) && 2*(yes-1) > t.voters {
			yes, abstain = yes-1, 1
		}
		vote := fmt.Sprintf("应到会有表决权的正式党员%d名，实到%d名。经无记名投票表决，赞成%d票，反对0票，弃权%d票，赞成票超过应到会有表决权党员的半数。",
			t.voters, t.votersPresent, yes, abstain)
		speakers := mg.present(att, 2, append([]*person{host, rec}, subjects...)...)
		talk := ""
		if len(speakers) == 2 {
			talk = fmt.Sprintf("%s、%s在讨论中发言，认为%s%s，同时希望其%s。", speakers[0].m.Name, speakers[1].m.Name, pm.Name, praise, mg.pick(hopes))
		}
		switch e.kind {
		case "accept":
			accept = append(accept, pm.Name)
			text = append(text, fmt.Sprintf("发展对象%s汇报了对党的认识、入党动机、本人履历和家庭主要成员情况，表示愿意接受党组织的考验。"+
				"入党介绍人%s、%s介绍了%s的情况。%s代表支部委员会报告了对%s的政治审查和集中培训情况，政治审查合格。%s",
				pm.Name, pm.Introducer1, pm.Introducer2, pm.Name, name(reporter), pm.Name, talk))
			decide = append(decide, vote+fmt.Sprintf("同意接收%s为中共预备党员，预备期一年，报党总支审批。", pm.Name))
		case "convert":
			convert = append(convert, pm.Name)
			text = append(text, fmt.Sprintf("预备党员%s汇报了预备期内的思想、学习和工作情况，对照党员标准查找了不足，提交了转正申请。"+
				"入党介绍人%s介绍了其预备期表现。%s代表支部委员会报告了考察意见，认为%s在预备期内能够履行党员义务，具备转正条件。%s",
				pm.Name, pm.Introducer1, name(reporter), pm.Name, talk))
			how := "按期"
			if pm.FullDate.After(pm.JoinDate.AddMonths(12)) {
				how = "在延长预备期满后"
			}
			decide = append(decide, vote+fmt.Sprintf("同意%s%s转为中共正式党员，党龄自%s算起，报党总支审批。", pm.Name, how, pm.FullDate.Chinese()))
		case "extend":
			topics = append(topics, "讨论"+pm.Name+"延长预备期")
			length := "一年"
			if pm.FullDate == pm.JoinDate.AddMonths(18) {
				length = "半年"
			}
			text = append(text, fmt.Sprintf("预备党员%s汇报了预备期内的表现。支部委员会认为，%s预备期内参加组织生活不够经常，理论学习还有欠缺，"+
				"还不完全具备正式党员条件，建议延长预备期%s。与会党员进行了讨论，同意支部委员会意见。", pm.Name, pm.Name, length))
			decide = append(decide, vote+fmt.Sprintf("同意延长%s的预备期%s，延长期满后再讨论其能否转为正式党员，报党总支审批。", pm.Name, length))
		}
	}
	if len(accept) > 0 {
		topics = append([]string{"讨论接收" + strings.Join(accept, "、") + "为中共预备党员"}, topics...)
	}
	if len(convert) > 0 {
		topics = append(topics, "讨论"+strings.Join(convert, "、")+"预备党员转正")
	}
	m.Topic = strings.Join(topics, "，")
	switch {
	case len(evs) > 1:
		m.Agenda = numbered([]string{"发展对象、预备党员分别汇报", "入党介绍人分别介绍情况", "支部委员会报告审查、考察意见", "与会党员讨论", "逐个进行表决"})
	case evs[0].kind == "accept":
		m.Agenda = numbered([]string{"发展对象" + accept[0] + "汇报对党的认识、入党动机和本人履历", "入党介绍人介绍发展对象情况",
			"支部委员会报告对发展对象的审查情况", "与会党员讨论", "无记名投票表决"})
	default:
		m.Agenda = numbered([]string{"预备党员汇报预备期表现", "入党介绍人介绍预备期表现", "支部委员会报告考察意见", "与会党员讨论", "无记名投票表决"})
	}
	m.Content = sections(text...)
	m.Resolution = arabic(decide)
	mg.plan(b, -1, m, att, host, rec, false)
}

// ---- 党课 ----

func (mg *meetingGen) lessonFor(day data.Date, retired bool) *lesson {
	var c []*lesson
	for i := range lessons {
		l := &lessons[i]
		if (l.retired && !retired) || (!l.from.IsZero() && day.Before(l.from)) || (!l.to.IsZero() && day.After(l.to)) {
			continue
		}
		c = append(c, l)
	}
	return c[mg.intn(len(c))]
}

// lesson holds the quarter's 党课: the secretary gives one a year, the
// others the 党总支 secretary, a committee member or a senior member.
func (mg *meetingGen) lesson(b *branchPlan, st *branchStyle, first data.Date) {
	q := (int(first.M)-1)/3 + 1
	bySec := st.secLesson[first.Y-mg.from.Y] == q
	day := mg.dayOf(first.AddMonths(mg.between(0, 2)), 5, 27)
	if day.After(mg.asOf) || (!bySec && mg.skipped(day, st.skip)) {
		return
	}
	o := mg.officersOn(b, day)
	roll := mg.roster(b, -1, day)
	host := mg.hostOf(o, roll, day)
	var speaker *person
	role, guests := "", ""
	rootSec := mg.p.holderOn(&mg.p.root, "书记", day)
	switch x := mg.intn(100); {
	case bySec:
		speaker, role = host, "支部书记"
	case x < 25 && rootSec != nil:
		speaker, role = rootSec, "党总支书记"
		if !slices.Contains(roll, rootSec) {
			guests = "党总支书记" + rootSec.m.Name
		}
	case x < 60 && len(o.committee) > 1:
		for _, pe := range o.committee {
			if pe != host && slices.Contains(roll, pe) {
				speaker, role = pe, "支部委员"
				break
			}
		}
	}
	if speaker == nil {
		speaker, role = senior(roll, day, host), "老党员"
		if st.t != bRetired {
			role = "优秀共产党员"
		}
	}
	if speaker == nil {
		speaker, role = host, "支部书记"
	}
	// When the secretary speaks, another officer chairs.
	if speaker == host && host != nil {
		for _, pe := range []*person{o.deputy, o.org, o.prop} {
			if pe != nil && pe != host && slices.Contains(roll, pe) {
				host = pe
				break
			}
		}
	}
	rec := mg.recorderOf(o, roll, day, host)
	if rec == speaker {
		rec = mg.other(roll, day, host, speaker)
	}
	att := mg.attend(st, roll, o.committee, day, host, rec, speaker)
	l := mg.lessonFor(day, st.t == bRetired)
	m := mg.base(st, data.KindLesson, day, "")
	m.Topic = "专题党课：" + l.title
	m.Guests = guests
	m.Agenda = numbered([]string{"主持人介绍主讲人和党课题目", name(speaker) + "讲授党课《" + l.title + "》", "交流讨论", "主持人小结"})
	var talk string
	pool := fitting(append(slices.Clone(groupRemarks[st.t]), commonRemarks...), day)
	if ps := mg.present(att, 2, host, rec, speaker); len(ps) == 2 {
		talk = fmt.Sprintf("%s、%s结合本职工作谈了听课体会。%s说：%s", ps[0].m.Name, ps[1].m.Name, ps[1].m.Name, pool[mg.intn(len(pool))])
	} else {
		talk = "到会党员结合本职工作谈了听课体会。"
	}
	m.Content = fmt.Sprintf("主讲人：%s（%s）\n党课题目：《%s》\n主要内容：%s围绕党课题目，从三个方面进行了讲授。一是%s；二是%s；三是%s。"+
		"党课联系%s实际，举例具体，大家听得认真。\n交流讨论：%s", name(speaker), role, l.title, name(speaker), l.parts[0], l.parts[1], l.parts[2],
		strings.TrimSuffix(b.spec.Short, "党支部"), talk)
	mg.plan(b, -1, m, att, host, rec, !bySec)
}

// ---- 组织生活会 and 民主评议党员 ----

var problems = []struct{ problem, measure string }{
	{"理论学习还不够系统深入，以会代学的情况仍然存在", "制定支部年度学习计划，每月确定学习专题，支委轮流领学"},
	{"联系服务一线职工不够经常，对职工反映的问题跟踪不及时", "建立支委联系班组制度，职工反映的问题建立台账、限期答复"},
	{"发展党员工作中对一线骨干的培养还不够", "把一线技术骨干作为重点培养对象，支委一对一联系"},
	{"组织生活形式比较单一，吸引力不强", "结合岗位实际开展主题党日，增加现场教学和志愿服务内容"},
	{"党建工作与安全生产、优质服务结合不够紧密", "深化党员先锋岗和党员示范线建设，定期讲评党员作用发挥情况"},
	{"对流动党员和身体不好的老党员联系还不够到位", "党小组长定期联系流动党员，对行动不便的党员送学上门"},
	{"开展批评与自我批评辣味不足，存在怕得罪人的思想", "会前认真开展谈心谈话，会上真点问题、点真问题"},
}

var criticisms = []string{
	"你业务能力强，但有时对新同志说话比较急，希望多一些耐心。",
	"你工作认真负责，但参加支部学习有时迟到，希望注意。",
	"你在班组里威信高，希望在带徒弟方面多下功夫。",
	"你平时学习比较被动，笔记记得少，建议多读点书。",
	"你对自己要求严格，但对身边同志的问题有时不好意思指出，希望敢于提醒。",
	"你工作任务重，但要注意身体，也要多参加支部的集体活动。",
}

// rootGuest is a member of the 党总支 committee from another branch who
// attends to guide, or "".
func (mg *meetingGen) rootGuest(b *branchPlan, day data.Date) string {
	var c []*postPlan
	for _, po := range mg.p.posts {
		if po.u == &mg.p.root && heldOn(po, day) && po.holder.br != b {
			c = append(c, po)
		}
	}
	if len(c) == 0 {
		return ""
	}
	po := c[mg.intn(len(c))]
	return "党总支" + po.title + po.holder.m.Name
}

func (mg *meetingGen) lifeMeeting(b *branchPlan, st *branchStyle, day data.Date, year int) {
	o := mg.officersOn(b, day)
	roll := mg.roster(b, -1, day)
	host := mg.hostOf(o, roll, day)
	rec := mg.recorderOf(o, roll, day, host)
	// 民主评议党员 follows: the same afternoon or a few days later.
	aday := day
	if mg.percent(60) {
		aday = workday(day.AddDays(mg.between(2, 6)))
	}
	if !mg.skipped(day, st.skip/3) {
		att := mg.attend(st, roll, o.committee, day, host, rec)
		m := mg.base(st, data.KindLifeMeeting, day, "")
		if aday == day {
			m.StartTime, m.EndTime = "08:30", "11:30"
		}
		m.Topic = fmt.Sprintf("%d年度组织生活会", year)
		m.Guests = mg.rootGuest(b, day)
		if m.Guests != "" {
			m.Guests += "（到会指导）"
		}
		m.Agenda = numbered([]string{
			fmt.Sprintf("通报%d年度组织生活会整改措施落实情况", year-1),
			"支部书记代表支部委员会作对照检查",
			"支部委员个人对照检查，开展批评与自我批评",
			"党员对照检查，相互批评",
			"明确整改措施",
		})
		k := mg.between(3, 4)
		order := mg.r.Perm(len(problems))[:k]
		var ps, ms []string
		for i, j := range order {
			ps = append(ps, cnNum(i+1)+"是"+problems[j].problem)
			ms = append(ms, problems[j].measure)
		}
		var crit []string
		people := mg.present(att, 4, host, rec)
		for i := 0; i+1 < len(people); i += 2 {
			crit = append(crit, fmt.Sprintf("%s对%s提出：“%s”%s表示诚恳接受。", people[i].m.Name, people[i+1].m.Name,
				mg.pick(criticisms), people[i+1].m.Name))
		}
		m.Content = "对照检查：会前，支部通过党小组会、谈心谈话广泛征求了意见建议。" + name(host) + "代表支部委员会作对照检查，" +
			"围绕政治功能、学习教育、联系群众、纪律作风等方面查摆了支部班子存在的问题：" + strings.Join(ps, "；") + "。支部委员逐一作个人对照检查。\n" +
			"批评与自我批评：党员逐一发言，开展批评与自我批评。" + strings.Join(crit, "") + "\n" +
			"整改措施：" + strings.Join(ms, "；") + "。"
		m.Resolution = fmt.Sprintf("会议形成支部班子问题清单%d条、整改措施%d条，明确责任人和完成时限，整改落实情况在下一年度组织生活会上通报。", k, k)
		mg.plan(b, -1, m, att, host, rec, true)
	}

	if aday.After(mg.asOf) || mg.skipped(aday, st.skip/3) {
		return
	}
	o = mg.officersOn(b, aday)
	roll = mg.roster(b, -1, aday)
	host = mg.hostOf(o, roll, aday)
	rec = mg.recorderOf(o, roll, aday, host)
	att := mg.attend(st, roll, o.committee, aday, host, rec)
	m := mg.base(st, data.KindAppraisal, aday, "")
	if aday == day {
		m.StartTime, m.EndTime = "14:30", "16:30"
	}
	m.Topic = fmt.Sprintf("%d年度民主评议党员", year)
	m.Agenda = numbered([]string{"学习教育", "个人自评", "党员互评", "民主测评", "组织评定"})
	var took []*person
	var lost []string
	for _, a := range att.everyone(aday) {
		switch {
		case a.state == data.Present:
			took = append(took, a.pe)
		case a.pe.m.Status == data.StatusLost:
			lost = append(lost, a.pe.m.Name)
		}
	}
	var good []string
	shuffled := slices.Clone(took)
	mg.r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, pe := range shuffled[:len(took)*mg.between(12, 22)/100] {
		good = append(good, pe.m.Name)
	}
	t := count(att)
	note := ""
	goodText, lostText := strings.Join(good, "、"), strings.Join(lost, "、")
	if att.big {
		// A long roster's minutes name a few and count the rest.
		goodText, lostText = namesUpTo(good, 3*maxNamed), namesUpTo(lost, 3*maxNamed)
	}
	if len(lost) > 0 {
		note = lostText + "长期失联，本次未参加评议，支部将继续查找，按有关规定处理。"
	}
	m.Content = fmt.Sprintf("个人自评：%s传达了党总支关于民主评议党员的安排。到会党员对照合格党员标准，从理想信念、遵规守纪、履职尽责、作用发挥等方面逐一进行自评。\n"+
		"党员互评：党员以党小组为单位相互评议，肯定成绩，指出不足。\n"+
		"民主测评结果：应参评党员%d名，实参评%d名（请假%d名的已另行征求意见），发放测评表%d份，收回%d份。\n"+
		"组织评定意见：支部委员会根据测评结果研究，评定优秀%d名，合格%d名，基本合格0名，不合格0名。%s",
		name(host), t.expected, t.present, t.leave, t.present, t.present, len(good), t.present-len(good), note)
	if len(good) > 0 {
		m.Resolution = fmt.Sprintf("评定%s为优秀党员，其余%d名到会党员评定为合格党员。评议结果报党总支备案。", goodText, t.present-len(good))
	} else {
		m.Resolution = fmt.Sprintf("到会%d名党员均评定为合格党员。评议结果报党总支备案。", t.present)
	}
	mg.plan(b, -1, m, att, host, rec, true)
}

// namesUpTo joins up to n names and says how many there are in all when
// there are more.
func namesUpTo(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, "、")
	}
	return strings.Join(names[:n], "、") + fmt.Sprintf("等%d名", len(names))
}
