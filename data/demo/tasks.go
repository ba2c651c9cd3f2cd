package demo

import (
	"fmt"
	"time"

	"dangjian/data"
)

// taskSpec is one line of the 党总支's yearly 督办 list. Points are in
// tenths (data.Points); branches names the responsible branches by short
// name, nil for 各党支部. Every branch's tasks add up to 100 points: 82 for
// the common ones and 18 for its own.
type taskSpec struct {
	aspect, title, req string
	m                  time.Month
	d                  int
	points             data.Points
	branches           []string
}

var (
	taskFleets = []string{"第一车队党支部", "第二车队党支部", "第三车队党支部"}

	taskSpecs = []taskSpec{
		{"政治建设", "深入学习贯彻习近平新时代中国特色社会主义思想，制定支部年度理论学习计划", "学习计划", 3, 31, 40, nil},
		{"政治建设", "落实“第一议题”制度，支委会首先学习上级重要会议和文件精神", "支委会学习记录", 12, 31, 40, nil},
		{"政治建设", "开展“七一”主题党日活动，重温入党誓词", "活动方案、照片、记录", 7, 15, 40, nil},
		{"政治建设", "建立党员政治生日提醒制度，为党员过政治生日", "政治生日活动记录", 12, 20, 20, nil},
		{"政治建设", "组织党员参观红色教育基地，开展党性教育", "活动方案、总结", 9, 30, 50, taskFleets},
		{"政治建设", "落实意识形态工作责任制，每半年分析研判一次意识形态形势", "研判报告", 6, 30, 50, []string{"机关党支部"}},
		{"思想建设", "每季度开展一次集中学习研讨，书记带头讲党课", "学习研讨记录、党课讲稿", 12, 25, 60, nil},
		{"思想建设", "开展“学党章、守党规”知识竞赛", "竞赛方案、获奖名单", 9, 30, 30, nil},
		{"思想建设", "利用“学习强国”平台组织党员学习，年度人均积分达标", "积分统计表", 12, 31, 30, nil},
		{"思想建设", "结合安全生产开展“安全行车、党员先行”主题教育", "教育记录", 8, 31, 50, taskFleets},
		{"思想建设", "开展离退休党员“银发宣讲”活动", "宣讲稿、照片", 6, 30, 80, []string{"离退休党支部"}},
		{"组织建设", "规范“三会一课”记录，每月5日前报送上月会议记录", "会议记录", 12, 31, 80, nil},
		{"组织建设", "做好发展党员工作，严格执行发展党员25个步骤", "发展党员材料", 11, 30, 60, nil},
		{"组织建设", "开展党员组织关系排查，做好流动党员管理", "排查台账", 6, 30, 40, nil},
		{"组织建设", "开展年度民主评议党员和组织生活会", "评议结果、会议记录", 12, 31, 60, nil},
		{"组织建设", "开展“党员先锋岗”“党员示范线路”创建", "创建方案、挂牌照片", 10, 31, 80, []string{"第一车队党支部", "第三车队党支部"}},
		{"组织建设", "按期完成支部委员会换届选举", "选举结果和请示", 6, 30, 80, []string{"第二车队党支部", "调度中心党支部"}},
		{"组织建设", "推进场站党建阵地标准化建设", "阵地照片", 10, 31, 100, []string{"场站管理党支部"}},
		{"作风建设", "开展“我为群众办实事”实践活动，每个支部至少办成2件实事", "实事清单和办结情况", 12, 15, 80, nil},
		{"作风建设", "深化调查研究，支部书记每半年撰写一篇调研报告", "调研报告", 12, 20, 40, nil},
		{"作风建设", "党员服务窗口挂牌亮诺，优化乘客投诉处理流程", "流程文件", 9, 30, 100, []string{"调度中心党支部"}},
		{"作风建设", "开展机务维修“党员攻坚”项目，降低车辆故障率", "攻坚项目总结", 9, 30, 100, []string{"机务保修党支部"}},
		{"作风建设", "开展作风建设专项检查", "检查通报", 9, 30, 50, []string{"机关党支部"}},
		{"作风建设", "推行场站“党员责任区”，落实场站安全隐患排查", "责任区划分表、排查台账", 8, 31, 80, []string{"场站管理党支部"}},
		{"纪律建设", "开展警示教育月活动，组织观看警示教育片", "活动记录", 5, 31, 40, nil},
		{"纪律建设", "签订党风廉政建设责任书", "责任书", 3, 15, 20, nil},
		{"纪律建设", "开展节假日廉洁提醒", "提醒记录", 12, 31, 20, nil},
		{"纪律建设", "落实“四风”问题排查整改", "排查整改台账", 8, 31, 80, []string{"机关党支部", "机务保修党支部"}},
		{"纪律建设", "“七一”“重阳”走访慰问老党员和生活困难党员", "走访慰问名单、照片", 10, 31, 100, []string{"离退休党支部"}},
		{"制度建设", "修订完善支部议事规则和工作制度，各项制度上墙", "制度文本、照片", 4, 30, 40, nil},
		{"制度建设", "建立党建工作台账，按月更新", "工作台账", 6, 30, 40, nil},
		{"制度建设", "落实党费收缴制度，按月足额收缴党费", "党费收缴台账", 12, 31, 40, nil},
	}

	reportTexts = []string{
		"已按计划完成，%s已整理归档，请审核。",
		"支委会专题研究部署，任务已落实到各党小组，%s附后。",
		"已完成，%s已报党总支办公室。",
		"任务已完成，全体党员参与，%s已上传。",
	}
	resubmitTexts = []string{
		"已按意见补充完善，%s重新报送。",
		"已补齐%s，请再次审核。",
	}
	passTexts  = []string{"", "", "完成情况较好。", "材料齐全，同意通过。", "按时完成，同意。"}
	lessTexts  = []string{"基本完成，%s还不够规范。", "完成，但%s内容偏简单。"}
	returnText = []string{
		"%s不完整，请补充后重新报送。",
		"未见%s，请补充。",
		"完成情况过于简单，请写明具体做法和成效，并附%s。",
	}
)

// stepPlan is one step of an assignment's history, taken by the branch
// (报送) or the office (the rest). A 督办's date is set when written: it
// may not be earlier than the store's today.
type stepPlan struct {
	action string
	text   string
	score  data.Points
	due    data.Date
}

type asgPlan struct {
	br    *branchPlan
	due   data.Date
	steps []stepPlan
}

type taskPlan struct {
	task data.Task
	asg  []*asgPlan
}

// tasks plans the year's 督办 list and where each branch stands on AsOf:
// most past-due assignments closed (报送 then 通过), a few reported and
// waiting for review, one or two returned, some still open and overdue, one
// of those supervised again with a new date; of those still to come most
// are open, a few reported or closed early.
func (g *gen) tasks(p *plan) {
	byShort := map[string]*branchPlan{}
	for _, b := range p.branches {
		byShort[b.spec.Short] = b
	}
	year := g.asOf.Y
	var past, future []*asgPlan
	for i := range taskSpecs {
		s := &taskSpecs[i]
		due := data.NewDate(year, s.m, s.d)
		tp := &taskPlan{task: data.Task{Year: year, Aspect: s.aspect, Title: s.title, Requirement: s.req,
			Due: due, Points: s.points, SortOrder: i + 1}}
		brs := p.branches
		if s.branches != nil {
			brs = nil
			for _, name := range s.branches {
				brs = append(brs, byShort[name])
			}
		}
		for _, b := range brs {
			a := &asgPlan{br: b, due: due}
			tp.asg = append(tp.asg, a)
			if g.asOf.After(due) {
				past = append(past, a)
			} else {
				future = append(future, a)
			}
		}
		p.tasks = append(p.tasks, tp)
	}
	owner := map[*asgPlan]*taskPlan{}
	for _, tp := range p.tasks {
		for _, a := range tp.asg {
			owner[a] = tp
		}
	}
	req := func(a *asgPlan) string {
		if r := owner[a].task.Requirement; r != "" {
			return r
		}
		return "相关材料"
	}
	report := func(a *asgPlan) {
		a.steps = append(a.steps, stepPlan{action: data.StepReport, text: fmt.Sprintf(g.pick(reportTexts), req(a))})
	}
	ret := func(a *asgPlan) {
		a.steps = append(a.steps, stepPlan{action: data.StepReturn, text: fmt.Sprintf(g.pick(returnText), req(a))})
	}
	pass := func(a *asgPlan) {
		pts := owner[a].task.Points
		score, text := pts, g.pick(passTexts)
		if g.percent(30) {
			score = pts * data.Points(g.between(75, 95)) / 100
			score -= score % 5
			text = fmt.Sprintf(g.pick(lessTexts), req(a))
		}
		a.steps = append(a.steps, stepPlan{action: data.StepPass, text: text, score: score})
	}
	closed := func(a *asgPlan) {
		report(a)
		if g.percent(12) {
			ret(a)
			a.steps = append(a.steps, stepPlan{action: data.StepReport,
				text: fmt.Sprintf(g.pick(resubmitTexts), req(a))})
		}
		pass(a)
	}

	order := g.r.Perm(len(past))
	returned, reported, open := g.between(1, 2), g.between(3, 5), g.between(5, 8)
	supervised := false
	for k, i := range order {
		a := past[i]
		switch {
		case k < returned:
			report(a)
			ret(a)
		case k < returned+reported:
			report(a)
		case k < returned+reported+open:
			if !supervised {
				// Overdue and reminded: the office sets a new date.
				supervised = true
				a.steps = append(a.steps, stepPlan{action: data.StepSupervise, due: g.asOf.AddDays(g.between(10, 20))})
			}
		default:
			closed(a)
		}
	}
	order = g.r.Perm(len(future))
	early, done := g.between(3, 6), g.between(3, 6)
	for k, i := range order {
		a := future[i]
		switch {
		case k < early:
			report(a)
		case k < early+done:
			closed(a)
		}
	}
}

// writeTasks stores the 督办 list, then takes each assignment's steps
// through the same closed-loop rules the screen uses.
func (p *plan) writeTasks(tx *data.Tx) (int, error) {
	if len(p.tasks) == 0 {
		return 0, nil
	}
	year := p.tasks[0].task.Year
	ids := map[[2]int64]int64{}
	for _, tp := range p.tasks {
		for _, a := range tp.asg {
			tp.task.Branches = append(tp.task.Branches, a.br.unit.ID)
		}
		t, err := tx.SaveTask(data.RoleOffice, tp.task)
		if err != nil {
			return 0, fmt.Errorf("保存督办任务“%s”：%w", tp.task.Title, err)
		}
		tp.task = t
	}
	list, err := tx.Assignments(data.TaskFilter{Year: year})
	if err != nil {
		return 0, err
	}
	for _, a := range list {
		ids[[2]int64{a.Task.ID, a.BranchID}] = a.ID
	}
	office := data.Role{Office: true}
	for _, tp := range p.tasks {
		for _, a := range tp.asg {
			id := ids[[2]int64{tp.task.ID, a.br.unit.ID}]
			for _, st := range a.steps {
				role := office
				act := data.TaskAction{Action: st.action, Text: st.text, Score: st.score, Due: st.due}
				switch st.action {
				case data.StepReport:
					role = data.Role{BranchID: a.br.unit.ID}
				case data.StepSupervise:
					act.Due = later(st.due, tx.Today())
					act.Text = fmt.Sprintf("该项任务已逾期，请抓紧落实，于%s前报送完成情况。", act.Due.Chinese())
				}
				if _, err := tx.ActOnTask(id, role, act); err != nil {
					return 0, fmt.Errorf("%s办理督办任务“%s”（%s）：%w", a.br.unit.ShortName, tp.task.Title, st.action, err)
				}
			}
		}
	}
	return len(p.tasks), nil
}
