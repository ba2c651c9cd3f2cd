package demo

// The words of the demo minutes: what branches of a bus company study,
// discuss and do month by month. Study material and campaigns carry the
// dates they were current, so minutes of any year name only what existed.
// Texts may hold placeholders such as {书记} that fill replaces.

import (
	"slices"
	"strconv"
	"strings"

	"dangjian/data"
)

// branchType tells what a branch's members do, which shapes their
// meetings: when they can meet, why they are away, what they talk about.
type branchType int

const (
	bFleet branchType = iota
	bRepair
	bDispatch
	bOffice
	bStation
	bRetired
)

func typeOf(s *branchSpec) branchType {
	switch {
	case s.Retired:
		return bRetired
	case s.Office:
		return bOffice
	case slices.Contains(fleets, s.Seal):
		return bFleet
	case s.Seal == "机务保修":
		return bRepair
	case s.Seal == "调度中心":
		return bDispatch
	}
	return bStation
}

// fill replaces {key} placeholders; kv alternates keys (without braces)
// and values.
func fill(s string, kv ...string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	pairs := make([]string, 0, len(kv))
	for i := 0; i+1 < len(kv); i += 2 {
		pairs = append(pairs, "{"+kv[i]+"}", kv[i+1])
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

var cnDigits = []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// cnNum writes 1–99 in Chinese numerals: 一, 十, 十二, 二十三.
func cnNum(n int) string {
	switch {
	case n < 10:
		return cnDigits[n]
	case n < 20:
		return "十" + cnDigits[n%10]
	}
	return cnDigits[n/10] + "十" + cnDigits[n%10]
}

// numbered writes lines as an agenda: 一、… 二、…
func numbered(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(cnNum(i+1) + "、" + l)
	}
	return b.String()
}

// arabic numbers lines as a resolution: 1. … 2. …
func arabic(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strconv.Itoa(i+1) + ". " + l)
	}
	return b.String()
}

// dated is a text current from one day to another (zero: open).
type dated struct {
	from, to data.Date
	text     string
}

func d(s string) data.Date { return data.MustDate(s) }

func currentOn(list []dated, day data.Date) []string {
	var out []string
	for _, x := range list {
		if (x.from.IsZero() || !day.Before(x.from)) && (x.to.IsZero() || !day.After(x.to)) {
			out = append(out, x.text)
		}
	}
	return out
}

// studies are what a branch reads together.
var studies = []dated{
	{text: "《中国共产党章程》"},
	{text: "上级党组织有关会议和文件精神"},
	{to: d("2023-12-31"), text: "《中国共产党纪律处分条例》有关条款"},
	{from: d("2024-01-01"), text: "新修订的《中国共产党纪律处分条例》"},
	{from: d("2012-12-04"), to: d("2017-12-31"), text: "中央八项规定精神"},
	{from: d("2018-01-01"), text: "中央八项规定及其实施细则精神"},
	{from: d("2015-10-21"), text: "《中国共产党廉洁自律准则》"},
	{from: d("2016-11-02"), text: "《关于新形势下党内政治生活的若干准则》"},
	{from: d("2018-11-26"), text: "《中国共产党支部工作条例（试行）》"},
	{from: d("2019-05-06"), text: "《中国共产党党员教育管理工作条例》"},
	{to: d("2002-11-07"), text: "邓小平理论"},
	{from: d("2000-02-25"), to: d("2007-10-14"), text: "“三个代表”重要思想"},
	{from: d("2002-11-15"), to: d("2007-10-14"), text: "党的十六大精神"},
	{from: d("2004-01-01"), to: d("2012-11-07"), text: "科学发展观"},
	{from: d("2007-10-22"), to: d("2012-11-07"), text: "党的十七大精神"},
	{from: d("2012-11-15"), to: d("2017-10-17"), text: "党的十八大精神"},
	{from: d("2013-11-13"), to: d("2014-12-31"), text: "党的十八届三中全会精神"},
	{from: d("2014-10-24"), to: d("2015-10-25"), text: "党的十八届四中全会精神"},
	{from: d("2016-10-28"), to: d("2017-10-17"), text: "党的十八届六中全会精神"},
	{from: d("2017-10-25"), to: d("2022-10-15"), text: "党的十九大精神"},
	{from: d("2017-10-25"), text: "习近平新时代中国特色社会主义思想"},
	{from: d("2019-11-01"), to: d("2020-10-25"), text: "党的十九届四中全会精神"},
	{from: d("2021-07-01"), to: d("2021-12-31"), text: "习近平总书记在庆祝中国共产党成立100周年大会上的重要讲话精神"},
	{from: d("2021-06-10"), to: d("2022-12-31"), text: "新修订的《中华人民共和国安全生产法》"},
	{from: d("2021-11-12"), to: d("2022-10-15"), text: "党的十九届六中全会精神"},
	{from: d("2022-07-01"), to: d("2024-12-31"), text: "《习近平谈治国理政》第四卷有关篇目"},
	{from: d("2022-10-23"), text: "党的二十大精神"},
	{from: d("2024-07-19"), text: "党的二十届三中全会精神"},
}

// campaigns are the party-wide study campaigns.
var campaigns = []dated{
	{from: d("2013-06-18"), to: d("2014-09-30"), text: "党的群众路线教育实践活动"},
	{from: d("2015-04-28"), to: d("2015-12-31"), text: "“三严三实”专题教育"},
	{from: d("2016-02-28"), to: d("2017-12-31"), text: "“两学一做”学习教育"},
	{from: d("2019-06-01"), to: d("2020-01-31"), text: "“不忘初心、牢记使命”主题教育"},
	{from: d("2021-02-20"), to: d("2021-12-31"), text: "党史学习教育"},
	{from: d("2023-04-01"), to: d("2024-01-31"), text: "学习贯彻习近平新时代中国特色社会主义思想主题教育"},
	{from: d("2024-04-01"), to: d("2024-07-31"), text: "党纪学习教育"},
	{from: d("2025-03-01"), to: d("2025-07-31"), text: "深入贯彻中央八项规定精神学习教育"},
}

// focus is a piece of the month's work a committee studies: a short item
// for the agenda, what was said, and what was decided.
type focus struct {
	months []int        // nil: any month
	types  []branchType // nil: any in-service branch
	item   string
	detail string
	task   string
}

func (f *focus) fits(month int, t branchType) bool {
	if f.months != nil && !slices.Contains(f.months, month) {
		return false
	}
	if f.types == nil {
		return t != bRetired
	}
	return slices.Contains(f.types, t)
}

var focuses = []focus{
	{months: []int{1, 2}, item: "春运期间安全运营保障工作",
		detail: "会议分析了春运期间客流变化和雨雪天气行车风险，决定春运期间设立党员先锋岗，党员带头承担早晚高峰和加班班次。",
		task:   "春运期间设立党员先锋岗，党员带头承担加班班次，由{组织委员}负责排班公示。"},
	{months: []int{1, 12}, item: "走访慰问困难党员和老党员",
		detail: "会议梳理了支部困难党员、老党员和因病住院职工名单，研究确定了走访慰问对象、时间和方式。",
		task:   "春节前由支委分组完成走访慰问，{宣传委员}负责做好记录和照片留存。"},
	{months: []int{1, 2, 12}, types: []branchType{bFleet, bStation}, item: "雨雪冰冻天气行车安全",
		detail: "会议研究了雨雪冰冻天气应急预案，要求党员驾驶员带头降速慢行、保持车距，遇坡道、桥面等易结冰路段提前减速。",
		task:   "雨雪天气期间党员提前到岗，协助做好车辆防滑和站台除雪工作。"},
	{months: []int{3}, item: "“学雷锋”志愿服务活动",
		detail: "会议研究了3月份“学雷锋”志愿服务活动安排，确定以公交站台清洁、文明乘车宣传和爱心帮扶为主要内容。",
		task:   "3月中旬前组织党员开展一次站台清洁和文明乘车宣传活动，由{宣传委员}负责组织。"},
	{months: []int{2, 3, 4}, item: "年度党员发展计划",
		detail: "会议对照党总支下达的年度发展党员计划，分析了支部入党申请人和入党积极分子队伍情况，重点向一线骨干倾斜。",
		task:   "年度发展计划报党总支审核；{组织委员}负责做好入党积极分子培养考察记录。"},
	{months: []int{4}, item: "春季安全大检查",
		detail: "会议研究了春季安全大检查工作，要求党员带头检查车辆制动、灯光、灭火器和安全锤等安全设施，发现隐患及时报修。",
		task:   "4月底前完成春季安全大检查，检查中发现的问题建立台账、限期整改。"},
	{months: []int{5, 6, 7, 8}, types: []branchType{bFleet, bStation, bDispatch}, item: "汛期行车安全和应急保障",
		detail: "会议研究了汛期行车安全工作，对线路沿线低洼积水路段进行了梳理，要求遇积水路段严格执行绕行和停驶规定。",
		task:   "组建党员防汛应急突击队，由书记{书记}任队长，汛期实行24小时值守。"},
	{months: []int{6}, item: "“安全生产月”活动",
		detail: "会议研究了“安全生产月”活动方案，决定在党员中开展“党员身边无事故”承诺践诺活动，并组织一次应急疏散演练。",
		task:   "全体党员签订安全承诺书，6月底前完成；应急演练由{组织委员}牵头组织。"},
	{months: []int{6}, item: "“七一”评选表彰推荐工作",
		detail: "会议根据党总支通知，对照评选条件，研究推荐支部优秀共产党员和优秀党务工作者人选。",
		task:   "推荐人选在支部内公示5个工作日，无异议后报党总支。"},
	{months: []int{7, 8}, item: "防暑降温和高温天气安全生产",
		detail: "会议研究了高温天气防暑降温措施，要求做好车辆空调检修，合理安排一线职工作息，确保人员和车辆安全。",
		task:   "由{宣传委员}牵头开展“送清凉”活动，慰问一线职工。"},
	{months: []int{8, 9}, types: []branchType{bFleet, bDispatch, bStation}, item: "开学季学生出行保障",
		detail: "会议研究了开学期间学校周边线路运力安排，要求早晚高峰加密班次，党员驾驶员带头做好学生乘车安全提醒。",
		task:   "开学第一周在学校周边站点设立党员服务岗，由{组织委员}安排人员。"},
	{months: []int{9, 10}, item: "“国庆”假期运营保障",
		detail: "会议研究了“国庆”假期运营保障方案，要求党员在客流集中时段和重点站点带头值守，做好乘客引导和应急处置。",
		task:   "假期期间每天安排党员值守，值守表报分公司备案。"},
	{months: []int{10}, item: "秋季安全大检查和冬季运营准备",
		detail: "会议研究了秋季安全大检查工作和冬季运营准备，要求提前做好车辆防冻液更换和暖风系统检修。",
		task:   "10月底前完成秋季安全大检查，冬季运营准备工作同步推进。"},
	{months: []int{11, 12}, item: "冬季防寒防冻和车辆防火",
		detail: "会议研究了冬季防寒防冻和车辆防火工作，重点检查电气线路、发动机舱和暖风设备，要求党员带头做好车辆日常检查。",
		task:   "党员每人包保车辆，做好出车前防火检查，发现问题及时上报。"},
	{months: []int{11}, item: "年度党费收缴核查",
		detail: "会议核对了全年党费收缴情况，对部分党员收入变化后的党费基数进行了核实，确保按规定足额交纳。",
		task:   "{组织委员}于月底前完成党费收缴核对并在支部内公示。"},
	{months: []int{12}, item: "年度工作总结和来年工作计划",
		detail: "会议回顾了全年支部工作，总结了在安全生产、党员教育、服务群众等方面的做法，分析了存在的不足，研究了来年工作思路。",
		task:   "书记{书记}负责起草年度工作总结，于下次支部党员大会上报告。"},
	{item: "党员思想动态分析",
		detail: "会议分析了近期党员思想动态，总体稳定，少数党员因家庭困难、身体原因存在思想压力，需要支部关心帮助。",
		task:   "支委分工与有关党员谈心谈话，了解实际困难，能解决的及时解决。"},
	{item: "“三会一课”和主题党日落实情况",
		detail: "会议检查了本季度“三会一课”和主题党日落实情况，要求各党小组按时开会，会议记录及时整理、按时提交。",
		task:   "各党小组会议记录每月底前交{组织委员}审阅。"},
	{item: "入党积极分子培养教育",
		detail: "会议听取了培养联系人关于入党积极分子思想、工作情况的汇报，要求培养联系人每季度至少谈话一次，并做好记录。",
		task:   "{组织委员}负责督促培养联系人按时填写培养考察登记表。"},
	{types: []branchType{bFleet}, item: "党员先锋车和党员示范线建设",
		detail: "会议研究了党员先锋车和党员示范线建设，要求党员驾驶员做到车容整洁、文明服务、安全行车，在车厢内公开党员身份。",
		task:   "本月完成党员先锋车挂牌和示范线服务承诺公示。"},
	{types: []branchType{bFleet}, item: "节能降耗和规范驾驶",
		detail: "会议通报了上月各线路车辆能耗情况，分析了急加速、急刹车对能耗和乘客舒适度的影响，要求党员带头规范驾驶。",
		task:   "开展一次党员“节能标兵”评比，结果在车队内公布。"},
	{types: []branchType{bRepair}, item: "新能源车辆维修技术攻关",
		detail: "会议研究了新能源车辆电池、电机故障维修中的技术难题，决定由党员技术骨干牵头成立攻关小组。",
		task:   "党员攻关小组每月交流一次维修案例，形成维修经验汇编。"},
	{types: []branchType{bRepair}, item: "车辆维修质量和安全操作",
		detail: "会议通报了上月车辆返修情况，分析了返修原因，要求党员带头执行维修工艺标准，严格落实举升、带电作业安全规定。",
		task:   "由党员质检员牵头开展一次维修质量抽查。"},
	{types: []branchType{bDispatch}, item: "智能调度系统运行和高峰运力调配",
		detail: "会议研究了智能调度系统运行中发现的问题，分析了早晚高峰大间隔、串车情况，要求党员调度员带头做好实时调整。",
		task:   "梳理高峰时段大间隔线路清单，与各车队共同制定改进措施。"},
	{types: []branchType{bOffice}, item: "机关作风建设和服务一线",
		detail: "会议研究了机关作风建设，要求机关党员深入车队、车间和场站，帮助一线解决实际问题，做到事事有回音。",
		task:   "机关党员每人联系一个基层班组，每月至少下基层一次。"},
	{types: []branchType{bOffice}, item: "党风廉政建设",
		detail: "会议研究了党风廉政建设工作，重点对物资采购、车辆维修结算等环节的廉洁风险点进行了排查。",
		task:   "对排查出的风险点制定防控措施，由{纪检委员}跟踪落实。"},
	{types: []branchType{bStation}, item: "场站充电安全和消防管理",
		detail: "会议研究了场站充电桩运行安全和消防管理，要求党员带头执行充电作业规程，夜间加强巡查。",
		task:   "每周开展一次充电区域消防检查，检查记录存档。"},
	{types: []branchType{bRetired}, item: "走访慰问高龄、患病老党员",
		detail: "会议梳理了80岁以上和长期患病老党员名单，研究了走访慰问安排，要求支委和党小组长分片包干、定期走访。",
		task:   "支委分片包干，每季度至少走访一次高龄、患病老党员。"},
	{types: []branchType{bRetired}, item: "离退休党员党费收缴和流动党员联系",
		detail: "会议通报了离退休党员党费收缴情况，对随子女在外地居住的党员，明确由党小组长通过电话定期联系。",
		task:   "党小组长每月与外地居住党员联系一次，了解身体和参加组织生活情况。"},
	{types: []branchType{bRetired}, item: "“银发志愿”服务活动",
		detail: "会议研究了老党员志愿服务活动，根据老党员身体情况，安排在社区开展文明劝导、环境整治等力所能及的服务。",
		task:   "组建“银发志愿”服务队，由{宣传委员}负责联系社区。"},
	{months: []int{9, 10}, types: []branchType{bRetired}, item: "重阳节敬老活动",
		detail: "会议研究了重阳节敬老活动安排，决定组织老党员座谈并为高龄党员送去节日慰问。",
		task:   "重阳节前完成慰问，{组织委员}负责联系分公司工会。"},
	{months: []int{11, 12, 1}, types: []branchType{bRetired}, item: "冬季老党员健康关怀",
		detail: "会议研究了冬季老党员健康关怀工作，决定邀请社区医生开展一次健康讲座，提醒老党员注意防寒保暖、预防跌倒。",
		task:   "联系社区卫生服务中心，本月内举办健康讲座。"},
}

// themeDay is a 主题党日 activity: the theme, where it happens ("" means
// the branch's own room), what was done and the volunteer service.
type themeDay struct {
	months    []int // nil: any month
	retired   bool  // for the retirees' branch (otherwise for the others)
	from, to  data.Date
	theme     string
	place     string
	activity  string
	volunteer string
}

var themeDays = []themeDay{
	{months: []int{1, 2}, theme: "“迎新春·送温暖”主题党日",
		activity:  "支部党员分组走访慰问了生活困难的党员和职工，送去慰问品，了解家庭困难和思想状况，对提出的困难逐一登记。",
		volunteer: "在{站点}开展春运乘车引导志愿服务，帮助旅客搬运行李、查询换乘线路"},
	{months: []int{2}, theme: "“春运有我·党员先锋”主题党日",
		activity:  "支部在一线设立党员先锋岗，党员佩戴党员徽章上岗，带头承担加班班次，向乘客作出服务承诺。",
		volunteer: "在{站点}开展春运乘车引导和爱心帮扶，为老年乘客提供搀扶上下车服务"},
	{months: []int{3}, theme: "“学雷锋·文明乘车我先行”主题党日", place: "{站点}",
		activity:  "党员集中到{站点}开展志愿服务，擦拭站牌、清理站台小广告，向乘客发放文明乘车宣传单，倡导排队候车、主动让座。",
		volunteer: "公交站台清洁、文明乘车宣传"},
	{months: []int{4}, theme: "“清明祭英烈·传承红色基因”主题党日", place: "济南革命烈士陵园（英雄山）",
		activity:  "全体党员到济南革命烈士陵园开展祭扫活动，向革命烈士纪念塔敬献花篮、默哀，参观济南革命烈士事迹展，在纪念塔前重温入党誓词。",
		volunteer: "清扫陵园步道，向游客讲解烈士事迹"},
	{months: []int{5}, theme: "“弘扬劳模精神·争当岗位先锋”主题党日",
		activity:  "邀请分公司劳动模范讲述扎根一线、优质服务的经历，党员结合本岗位谈体会，表示要以劳模为榜样，立足岗位作贡献。",
		volunteer: "在{线路}沿线站点开展文明乘车宣传"},
	{months: []int{6}, theme: "“安全生产月·党员当先锋”主题党日",
		activity:  "党员签订安全生产承诺书，观看安全警示教育片，结合岗位查找安全隐患，开展“党员身边无事故”承诺践诺。",
		volunteer: "协助安全员开展车辆安全隐患排查，检查灭火器、安全锤和应急门"},
	{months: []int{7}, theme: "庆祝中国共产党成立{建党}周年主题党日",
		activity:  "支部举行庆祝建党{建党}周年活动，全体党员重温入党誓词，为本月入党的党员过“政治生日”，赠送政治生日贺卡，老党员讲述入党经历。",
		volunteer: "为高温下坚守岗位的一线职工送去清凉饮品"},
	{months: []int{7, 8}, theme: "“清凉一夏·关爱一线”主题党日",
		activity:  "支部党员深入{线路}首末站，为一线驾驶员送去绿豆汤、防暑药品，了解高温时段行车和休息情况。",
		volunteer: "高温时段在{站点}为候车乘客提供饮用水和防暑药品"},
	{months: []int{8}, theme: "“八一”拥军优属主题党日",
		activity:  "支部组织座谈，慰问退役军人党员，请退役军人党员讲述部队经历，党员表示要学习发扬人民军队的优良传统。",
		volunteer: "在{站点}开展爱心助老和文明乘车宣传"},
	{months: []int{9}, theme: "“开学季·护航学生出行”主题党日",
		activity:  "党员在线路沿线学校周边站点设立服务岗，引导学生有序候车、安全乘车，向家长发放学生乘车安全提示。",
		volunteer: "在线路沿线学校周边站台开展学生乘车安全引导"},
	{months: []int{10}, theme: "“国庆保运营·党员在一线”主题党日",
		activity:  "节日期间党员在重点站点和客流集中线路带头值守，做好乘客引导、车辆调度配合和应急处置。",
		volunteer: "节日期间在{站点}开展乘客引导和问询服务"},
	{months: []int{11}, theme: "“119消防宣传月·筑牢安全防线”主题党日",
		activity:  "支部邀请消防专业人员讲解车辆火灾处置和灭火器使用方法，党员现场进行灭火演练和乘客疏散演练。",
		volunteer: "检查车厢消防器材，向乘客宣传车内禁止携带易燃易爆物品"},
	{months: []int{12}, from: d("2014-12-04"), theme: "“12·4”国家宪法日学法守法主题党日",
		activity:  "支部组织党员集中学习宪法和《中华人民共和国道路交通安全法》有关条款，开展学法知识答题，引导党员做尊法学法守法用法的模范。",
		volunteer: "在{站点}开展宪法宣传和文明乘车宣传"},
	{months: []int{12}, theme: "“岁末话担当”主题党日",
		activity:  "支部组织党员回顾一年来的工作，每名党员用一句话谈收获、讲不足，提出来年努力方向，支部通报全年党费收缴情况。",
		volunteer: "清扫{线路}首末站场院和候车亭"},
	{theme: "“党员志愿服务日”公交站台清洁行动", place: "{站点}",
		activity:  "党员分组到{线路}沿线站台，擦拭站牌和候车座椅，清理小广告，收集乘客对线路运营的意见建议，共收集意见建议若干条并转交车队。",
		volunteer: "公交站台清洁、收集乘客意见"},
	{from: d("2021-10-01"), theme: "观看红色电影主题党日",
		activity:  "支部组织党员集中观看红色电影《长津湖》，观影后开展交流，党员表示要传承革命先辈的奋斗精神，在本职岗位上担当作为。",
		volunteer: "在{站点}开展文明乘车宣传"},
	{from: d("2021-02-20"), theme: "“我为群众办实事”主题党日",
		activity:  "党员走访线路沿线社区，收集居民对线路走向、站点设置和发车间隔的意见，梳理形成问题清单，提交分公司研究解决。",
		volunteer: "在{线路}沿线社区开展乘车咨询服务"},

	{retired: true, months: []int{1, 2}, theme: "“新春送温暖”主题党日",
		activity:  "支委和党小组长分组走访慰问高龄、患病和生活困难的老党员，送去慰问金和慰问品，向老党员拜年，听取意见建议。",
		volunteer: "帮助行动不便的老党员打扫家庭卫生"},
	{retired: true, months: []int{3}, theme: "“银发学雷锋”主题党日", place: "公交宿舍小区",
		activity:  "身体条件允许的老党员到公交宿舍小区开展环境整治，清理楼道杂物，劝导文明养犬，发挥老党员在社区的表率作用。",
		volunteer: "小区环境整治、文明劝导"},
	{retired: true, months: []int{4}, theme: "“清明缅怀先烈”主题党日", place: "济南革命烈士陵园（英雄山）",
		activity:  "老党员到济南革命烈士陵园缅怀革命先烈，敬献花篮，重温入党誓词，参加过抗美援朝、对越自卫反击战的老同志讲述亲身经历。",
		volunteer: "向前来祭扫的青少年讲述革命故事"},
	{retired: true, months: []int{7}, theme: "庆祝建党{建党}周年暨老党员座谈会",
		activity:  "支部举行庆祝建党{建党}周年座谈会，全体党员重温入党誓词，老党员讲述入党经历和公交事业发展变化，为党龄满50年的党员送上祝福。",
		volunteer: "看望因病不能到会的老党员"},
	{retired: true, months: []int{9, 10}, theme: "“九九重阳·敬老爱老”主题党日",
		activity:  "支部举办重阳节座谈会，为80岁以上老党员送去节日慰问，分公司领导通报分公司发展情况，老党员对公交服务提出意见建议。",
		volunteer: "为高龄老党员送上重阳糕和慰问品"},
	{retired: true, theme: "“老党员讲公交故事”主题党日",
		activity:  "邀请老党员讲述当年驾驶解放牌公交车、手摇票箱售票的经历，回顾济南公交从几条线路发展到覆盖全城的历程，引导党员珍惜今天的发展成果。",
		volunteer: "整理老党员口述材料，交分公司党群工作部存档"},
	{retired: true, theme: "健康知识讲座主题党日",
		activity:  "支部邀请社区医生为老党员开展健康知识讲座，讲解高血压、糖尿病的日常防护和冬春季节防跌倒知识，并为老党员测量血压。",
		volunteer: "为独居老党员送健康手册"},
	{retired: true, theme: "“离岗不离党、退休不褪色”主题党日",
		activity:  "支部组织老党员集中学习，交流退休后参加社区服务的体会，几名老党员介绍了在社区担任楼长、调解员的做法。",
		volunteer: "配合社区开展文明创建入户宣传"},
}

// lesson is a 党课: a title and what its three parts said.
type lesson struct {
	from, to data.Date
	retired  bool // for the retirees' branch only
	title    string
	parts    [3]string
}

var lessons = []lesson{
	{title: "不忘入党初心，争做合格党员", parts: [3]string{
		"回顾入党誓词的内涵，讲清“为什么入党、入党为什么”",
		"对照党章规定的党员义务，查找自身在学习、工作、作风上的差距",
		"立足岗位作贡献，把初心落实到每一项具体工作中"}},
	{title: "严守纪律规矩，筑牢廉洁防线", parts: [3]string{
		"结合身边典型案例，讲解违规违纪行为的危害",
		"解读与基层党员密切相关的群众纪律、工作纪律和生活纪律",
		"要求党员从小事小节做起，自觉接受群众监督"}},
	{title: "安全是公交的生命线——党员要在安全生产中当先锋", parts: [3]string{
		"分析公交行业近年来典型安全事故的原因和教训",
		"讲解“安全第一、预防为主、综合治理”方针和岗位安全责任",
		"号召党员带头遵章操作、带头排查隐患、带头帮助新职工"}},
	{title: "传承红色基因，弘扬泉城公交精神", parts: [3]string{
		"回顾济南公交从几条线路发展到四通八达公交网的历程",
		"讲述老一辈公交人艰苦创业、无私奉献的故事",
		"号召新时代公交人在城市发展中展现担当"}},
	{title: "践行全心全意为人民服务的根本宗旨", parts: [3]string{
		"阐述为人民服务是党的根本宗旨",
		"以乘客满意为标准，查找服务中的短板",
		"从一次微笑、一句提醒做起，把为民服务落到细节"}},
	{title: "学习党章、遵守党章、维护党章", parts: [3]string{
		"讲解党章的基本内容和党员的权利、义务",
		"结合党员日常表现，讲清怎样按党章要求规范言行",
		"要求党员经常对照党章检查自己"}},
	{from: d("2012-12-04"), title: "作风建设永远在路上", parts: [3]string{
		"讲解中央八项规定精神出台以来作风建设取得的成效",
		"剖析形式主义、官僚主义在基层的表现",
		"要求党员带头转作风、改作风，密切联系群众"}},
	{from: d("2021-01-01"), title: "从党的百年奋斗历程中汲取前进力量", parts: [3]string{
		"讲述党领导人民进行革命、建设、改革的伟大历程",
		"总结党的百年奋斗的历史经验",
		"引导党员学史明理、学史增信、学史崇德、学史力行"}},
	{from: d("2022-10-23"), to: d("2024-12-31"), title: "深入学习贯彻党的二十大精神，在本职岗位上建功立业", parts: [3]string{
		"讲解党的二十大报告的主要内容",
		"结合城市公共交通发展，谈如何把会议精神落到实处",
		"要求党员在安全运营、优质服务中走在前、作表率"}},
	{from: d("2024-07-19"), title: "以进一步全面深化改革精神推动公交高质量发展", parts: [3]string{
		"讲解党的二十届三中全会关于进一步全面深化改革的总体部署",
		"分析新能源车辆、智能调度给公交行业带来的变化",
		"要求党员主动适应改革，学新技术、练新本领"}},
	{from: d("2024-04-01"), title: "学纪、知纪、明纪、守纪", parts: [3]string{
		"逐章讲解《中国共产党纪律处分条例》的主要修订内容",
		"通报公交系统违纪违规典型案例",
		"要求党员把纪律要求内化于心、外化于行"}},
	{title: "做一名让群众满意的共产党员", parts: [3]string{
		"讲解新时代合格党员的标准",
		"介绍分公司优秀共产党员的先进事迹",
		"引导党员以先进为榜样，在平凡岗位上创造不平凡的业绩"}},
	{retired: true, title: "离岗不离党，退休不褪色", parts: [3]string{
		"讲解离退休党员参加组织生活的要求",
		"介绍老党员在社区发挥作用的典型事例",
		"号召老党员保持政治本色，继续为党的事业贡献力量"}},
	{retired: true, title: "老党员要做家风建设的表率", parts: [3]string{
		"讲述老一辈共产党员严以治家的故事",
		"讲解良好家风对子女成长和社会风气的影响",
		"号召老党员管好家属子女，传承好家风"}},
}

// groupRemarks are what members say at a 党小组会, by branch type.
var groupRemarks = map[branchType][]string{
	bFleet: {
		"作为一名驾驶员，我始终把安全放在第一位，每次出车前认真检查车况，坚持进站停稳再开门。",
		"最近早高峰客流大，我在车厢里多提醒乘客往里走、扶好站稳，尽量让乘客坐得安心。",
		"通过学习，我认识到党员身份不只是一个称号，要在岗位上亮出来，车厢就是我们服务群众的窗口。",
		"上个月我们线路有几天雨天积水，大家提前绕行，没有出现一起事故，我觉得党员带头作用很关键。",
		"我带的两名新驾驶员已经能独立上线，我会继续在节能驾驶和服务规范上帮带他们。",
		"我平时对老年乘客多一些耐心，等他们坐稳了再起步，乘客满意就是对我们最好的评价。",
		"对照先进，我在学习上还抓得不紧，今后要利用班后时间多学习，不断提高自己。",
		"我建议支部在首末站休息室多放一些学习资料，方便大家在间隙时间学习。",
	},
	bRepair: {
		"这个月新能源车电池冷却系统故障比较多，我们几个党员一起研究，总结出了一套快速排查办法。",
		"修车就是保安全，我坚持每一颗螺栓都按标准力矩紧固，不让一台带病车辆出厂。",
		"作为老技工，我愿意把维修经验毫无保留地传给年轻人，带好徒弟。",
		"车间安全操作规程我又认真学了一遍，特别是高压电作业，一定要断电、验电、挂牌。",
		"我在节约材料上还有潜力可挖，旧件能修复的尽量修复，为分公司降低成本。",
		"通过学习，我体会到党员要在急难险重任务面前站出来，夜间抢修我会主动报名。",
	},
	bDispatch: {
		"调度工作讲究一个“快”字，遇到大间隔我第一时间调整，尽量让乘客少等一会儿。",
		"智能调度系统用熟了以后，我们对各线路运行情况看得更清楚，但也要防止过分依赖系统。",
		"夜班期间我坚持按时巡查各线路运行情况，遇到突发情况及时报告、及时处置。",
		"我在和驾驶员沟通时还要更耐心一些，调度指令要讲清楚，避免误解。",
		"作为党员，我会主动承担节假日值班，让家里有困难的同事多休息。",
	},
	bOffice: {
		"机关工作要面向一线，我这个月到车队走了三次，帮助解决了两件职工反映的问题。",
		"我负责的工作中有些流程还比较繁琐，准备提出简化建议，让基层少跑腿。",
		"通过学习，我进一步认识到机关党员更要严格要求自己，在廉洁自律上作表率。",
		"我在材料写作上有时存在照搬照抄的问题，今后要多深入基层，把情况了解清楚再动笔。",
		"各项报表要按时准确报送，我会把好数据质量关。",
	},
	bStation: {
		"场站夜间充电车辆多，我每班都按要求巡查两遍，重点看充电枪连接和电缆温度。",
		"场站环境卫生我们包片负责，驾驶员休息室保持干净整洁，大家回来能好好休息。",
		"作为党员，我会带头执行门岗登记制度，外来车辆和人员一律登记。",
		"最近天气变化大，我们提前检查了场站排水沟，防止雨天积水。",
	},
	bRetired: {
		"退休了也不能放松学习，我每天看新闻，每月按时参加组织生活，按时交纳党费。",
		"我在小区当楼长，平时帮着调解邻里矛盾，也算是继续为党做点事。",
		"我年纪大了，腿脚不方便，感谢支部经常来看我，组织的关怀让我很温暖。",
		"看到现在公交都换成了新能源车，站台也有了电子站牌，我们这些老公交人打心眼里高兴。",
		"我要管好家里孩子，教育他们遵纪守法、好好工作，不给组织添麻烦。",
		"我建议支部多组织大家一起学习，有的老同志不会用手机，学习资料可以印发纸质的。",
		"当年我们开车条件艰苦，现在条件好了，更不能忘了艰苦奋斗的传统。",
	},
}

// commonRemarks fit every branch.
var commonRemarks = []string{
	"通过这次学习，我对党员的义务有了更深的认识，今后要在工作中更好地发挥作用。",
	"对照党员标准，我感到自己在主动学习方面还有差距，今后要坚持每周自学。",
	"我会积极参加支部组织的志愿服务活动，用实际行动践行为民服务。",
	"希望党小组多组织这样的学习交流，大家互相启发、共同提高。",
}

// leaveReasons are why members ask for leave, by branch type.
var leaveReasons = map[branchType][]string{
	bFleet:    {"出车", "出车", "当班出车", "值班", "轮休外出", "病假", "事假", "外出培训"},
	bRepair:   {"车间值班", "外出抢修", "夜班休息", "病假", "事假", "外出培训"},
	bDispatch: {"调度值班", "夜班休息", "病假", "事假", "外出培训"},
	bOffice:   {"出差", "外出培训", "参加集团公司会议", "病假", "事假", "公休假"},
	bStation:  {"场站值班", "夜班休息", "病假", "事假"},
	bRetired:  {"身体原因", "住院治疗", "外地探亲", "照顾家人", "行动不便", "病假"},
}

var absentReasons = []string{
	"未请假，会后说明家中临时有事",
	"临时加班未能到会，未事先请假",
	"未说明原因，会后支部已进行提醒谈话",
}

var approvalComments = []string{
	"记录完整，同意归档。",
	"会议程序规范，记录完整，审核通过。",
	"议程完整，出席情况登记清楚，同意。",
	"内容翔实，同意归档。",
	"审核通过，请按时将纸质记录归档。",
	"学习内容具体，讨论充分，同意归档。",
	"同意。今后请进一步写实党员发言要点。",
}

// modern reports whether a text speaks of things a bus company had only
// in recent years (electric buses, computer dispatching), which minutes
// dated before modernFrom must not mention.
func modern(text string) bool {
	for _, w := range []string{"新能源", "智能调度", "电子站牌", "充电", "电池"} {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

const modernFrom = 2015

// fitting drops the modern texts from a list when day is too early.
func fitting(list []string, day data.Date) []string {
	if day.Y >= modernFrom {
		return list
	}
	var out []string
	for _, s := range list {
		if !modern(s) {
			out = append(out, s)
		}
	}
	return out
}

// gathering places for the 主题党日 volunteer work.
var stations = []string{"火车站公交枢纽", "长途汽车总站", "泉城广场站", "洪家楼站", "省立医院站", "大明湖站", "经十路站", "山大路站", "燕山立交桥站", "全福立交桥站"}
