package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"dangjian/data"
)

// Minutes as a branch secretary writes them: realistic names, agendas,
// several paragraphs of 主要内容, decisions. The demo data has no meetings.

var mtUnits = map[int64]string{2: "第一车队党支部", 3: "第一党小组", 4: "第二党小组", 5: "第二车队党支部"}

func mtUnitName(id int64) string { return mtUnits[id] }

const mtOrg = "济南公交第一分公司党总支"

var (
	mtSurnames = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
	mtGiven    = []rune("建国华明伟芳秀英敏静丽强磊军洋勇艳杰娟涛超霞平刚桂兰红玉海鹏飞志宏立新春梅凤云德胜利文斌波宁辉林峰琳燕庆永祥福荣生")
	mtReasons  = map[string][]string{
		data.OnLeave: {"病假", "事假", "外出学习", "出车值班", "公休", "参加集团培训", "家中有事"},
		data.Absent:  {"未请假", "联系不上", "临时加班未报告", "出差未及时请假"},
	}
)

// mtNames are n distinct names, two or three characters, from seed.
func mtNames(r *rand.Rand, n int) []string {
	seen := map[string]bool{}
	var out []string
	for len(out) < n {
		name := string(mtSurnames[r.IntN(len(mtSurnames))]) + string(mtGiven[r.IntN(len(mtGiven))])
		if r.IntN(3) > 0 {
			name += string(mtGiven[r.IntN(len(mtGiven))])
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

// mtSentences are what minutes say, to be drawn into paragraphs.
var mtSentences = []string{
	"支部书记传达了集团公司党委2026年第3次理论学习中心组（扩大）会议精神，要求全体党员结合岗位实际抓好贯彻落实。",
	"会议集中学习了《中国共产党章程》第二章“党的组织制度”和《中国共产党支部工作条例（试行）》有关内容。",
	"组织委员通报了上月党费收缴情况：应交党员28名，实交28名，合计2,456.00元，已于5日前上缴党总支。",
	"宣传委员介绍了“党员先锋车”创建活动进展，目前全队已有12辆车挂牌，乘客满意率达到98.6%。",
	"大家一致认为，安全生产是车队的生命线，党员要在安全行车、优质服务上走在前、作表率。",
	"张建华同志发言说，作为一名老驾驶员，要把30年的行车经验传给新同志，带好“一帮一”结对徒弟。",
	"李秀英同志提出，夏季高温时段车厢空调故障较多，建议机务部门提前检修，党员驾驶员主动做好巡检记录。",
	"会议研究了入党积极分子培养考察情况，对2名积极分子的思想汇报和培养联系人意见进行了讨论。",
	"支部委员分别汇报了分管工作，书记逐项点评，指出了工作中存在的短板和不足。",
	"针对部分党员参加组织生活不够经常的问题，支部决定实行“三会一课”签到和请假报备制度。",
	"会议要求各党小组在月底前完成本季度党员谈心谈话，做到“必谈、常谈、深谈”，谈话情况书面报支部。",
	"结合“我为群众办实事”实践活动，车队将在5路、K51路开展“爱心助老”专项服务，每周二、四安排党员志愿者上车引导。",
	"王海鹏同志谈到，近期线路施工绕行较多，驾驶员要提前熟悉临时站点，耐心向乘客解释，避免发生服务投诉。",
	"会议指出，个别党员在网上发表不当言论，要引以为戒，严守政治纪律和政治规矩。",
	"书记强调：一要提高政治站位，二要压实工作责任，三要注重工作实效，确保各项任务按时保质完成。",
	"会议对上半年支部工作进行了回顾，共召开支部党员大会2次、支委会6次、党课2次，开展主题党日6次。",
	"经过讨论，大家对照检查材料提出了18条意见建议，支委会将逐条梳理，形成问题清单、责任清单和整改清单。",
	"纪检委员通报了两起违反中央八项规定精神的典型案例，要求党员干部以案为鉴、以案促改。",
	"青年党员刘洋发言时说，要向身边的先进典型学习，争当岗位能手，在技术比武中取得好成绩。",
	"会议还通报了2025年度党员民主评议结果：评为优秀的5名，合格的23名，无基本合格和不合格等次。",
	"党员志愿服务队本月开展活动4次，参加党员37人次，服务时长累计96小时。",
	"车队长介绍了新能源车辆充电调度安排，请党员驾驶员带头执行错峰充电，节约运营成本。",
	"支部书记就“两学一做”学习教育常态化制度化提出了具体要求，每名党员每月至少撰写一篇学习体会。",
	"会议讨论了困难党员走访慰问名单，拟对3名生活困难党员和2名老党员开展走访慰问，慰问标准按总支规定执行。",
	"大家围绕“如何发挥党员先锋模范作用”展开讨论，发言踊跃，气氛热烈。",
	"会议听取了第一党小组、第二党小组关于本月学习和工作情况的汇报。",
	"对照支部标准化规范化建设要求，支部在党员教育管理、组织生活记录等方面还存在一些薄弱环节。",
	"书记最后指出，要把学习成果转化为推动工作的实际行动，以优异成绩迎接建党105周年。",
}

var mtTopics = map[string][]string{
	data.KindGeneralMeeting: {"传达学习上级会议精神，通报本季度支部工作", "讨论接收预备党员", "选举产生出席党总支党员大会代表", "研究半年工作总结和下半年重点任务"},
	data.KindCommittee:      {"研究%d月份支部工作", "研究入党积极分子培养事项", "研究困难党员慰问事项", "研究党员发展计划和季度工作安排"},
	data.KindGroupMeeting:   {"学习党章和支部工作条例", "党员汇报思想和工作情况", "开展批评与自我批评"},
	data.KindLesson:         {"弘扬劳模精神，争当岗位先锋", "学习贯彻党的二十届四中全会精神", "从严治党永远在路上"},
	data.KindThemeDay:       {"重温入党誓词，开展志愿服务", "参观红色教育基地", "“爱心助老”志愿服务进社区"},
	data.KindLifeMeeting:    {"2026年度组织生活会"},
	data.KindAppraisal:      {"2026年度民主评议党员"},
}

// mtContent is paras paragraphs of minutes, some headed 一、二、 as the
// templates lay them out.
func mtContent(r *rand.Rand, paras int) string {
	heads := []string{"一、学习内容：", "二、工作情况：", "三、讨论事项：", "四、党员发言摘要：", "五、书记总结："}
	var b strings.Builder
	for i := 0; i < paras; i++ {
		if i > 0 {
			b.WriteString("\n")
		}
		if i < len(heads) && i%2 == 0 {
			b.WriteString(heads[i/2%len(heads)])
			b.WriteString("\n")
		}
		for n := 2 + r.IntN(4); n > 0; n-- {
			b.WriteString(mtSentences[r.IntN(len(mtSentences))])
		}
	}
	return b.String()
}

// mtMeeting is minutes of kind on day with attendance of size people and
// content of paras paragraphs.
func mtMeeting(seed uint64, id int64, kind string, day data.Date, size, paras int) data.Meeting {
	r := rand.New(rand.NewPCG(seed, 11))
	names := mtNames(r, size)
	topics := mtTopics[kind]
	topic := topics[r.IntN(len(topics))]
	if strings.Contains(topic, "%d") {
		topic = fmt.Sprintf(topic, int(day.M))
	}
	m := data.Meeting{
		ID: id, UnitID: 2, Kind: kind, Topic: topic, Date: day,
		StartTime: fmt.Sprintf("%d:30", 8+r.IntN(8)), Place: "第一车队党员活动室（调度楼三楼）",
		Form: data.MeetingForms[r.IntN(len(data.MeetingForms))], Host: names[0], Recorder: names[1],
		Guests:     "党总支组织委员孙立新、车队长周宏伟",
		Agenda:     "一、学习上级有关文件精神\n二、通报上月工作完成情况\n三、研究本月重点工作\n四、布置下阶段任务",
		Content:    mtContent(r, paras),
		Resolution: "1. 同意将刘洋、陈静2名同志列为入党积极分子，由支部委员分别担任培养联系人。\n2. 本月25日前完成党员谈心谈话，谈话记录报支部存档。\n3. 下月主题党日安排在6月18日，内容为“爱心助老”志愿服务。",
		Status:     data.StatusApproved, ReviewBy: "党总支办公室 马丽", ReviewAt: "2026-03-15T02:20:00Z",
	}
	m.EndTime = fmt.Sprintf("%d:00", 10+r.IntN(8))
	if m.EndTime <= m.StartTime && len(m.EndTime) == len(m.StartTime) {
		m.EndTime = "18:00"
	}
	for i, n := range names {
		a := data.Attendance{MemberID: int64(1000 + i), Name: n, Standing: data.StandingFull, State: data.Present, Committee: i < 5}
		switch k := r.IntN(10); {
		case i < 2:
		case k == 0:
			a.State, a.Reason = data.OnLeave, mtReasons[data.OnLeave][r.IntN(len(mtReasons[data.OnLeave]))]
		case k == 1 && r.IntN(3) == 0:
			a.State, a.Reason = data.Absent, mtReasons[data.Absent][r.IntN(len(mtReasons[data.Absent]))]
		case k == 2:
			a.Standing = data.StandingProbationary
		}
		m.Attendance = append(m.Attendance, a)
	}
	t := m.Tally()
	m.Present, m.OnLeave, m.Absent = t.Present, t.OnLeave, t.Absent
	m.Expected = len(m.Attendance)
	return m
}

func mtOpts() MinutesOptions {
	return MinutesOptions{Org: mtOrg, UnitName: mtUnitName, Created: testTime,
		Attachments: map[int64][]data.Attachment{
			7: {{FileName: "会议签到表.jpg", Size: 245_760}, {FileName: "现场照片（一）.jpg", Size: 2_411_724}, {FileName: "学习材料：支部工作条例.pdf", Size: 880_000}},
		}}
}

// renderMinutes prints m and returns the file and its page count.
func renderMinutes(t *testing.T, name string, m data.Meeting, opts MinutesOptions) (string, int) {
	t.Helper()
	var buf bytes.Buffer
	if err := MeetingMinutes(&buf, m, opts); err != nil {
		t.Fatal(err)
	}
	return writeTemp(t, name, buf.Bytes())
}

func writeTemp(t *testing.T, name string, pdf []byte) (string, int) {
	t.Helper()
	path := t.TempDir() + "/" + name
	if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(pdf); return err }); err != nil {
		t.Fatal(err)
	}
	keep(t, path, name)
	return path, pdfPages(t, pdf)
}

// stripRunning removes the running header, footer and watermark of every
// page from extracted text, so that text crossing pages reads whole.
func stripRunning(all string, pages int, title, org string, more ...string) string {
	for n := 1; n <= pages; n++ {
		all = strings.Replace(all, squash(fmt.Sprintf("第 %d 页 / 共 %d 页", n, pages)), "", 1)
		all = strings.Replace(all, squash(title+org), "", 1)
	}
	for _, s := range more {
		all = strings.ReplaceAll(all, squash(s), "")
	}
	return all
}

func TestMeetingMinutesShort(t *testing.T) {
	m := mtMeeting(1, 7, data.KindCommittee, data.MustDate("2026-03-12"), 7, 2)
	m.StartTime, m.EndTime = "14:30", "16:00"
	m.Form, m.Topic = "线下", "研究3月份支部工作"
	m.Content = mtSentences[1] + mtSentences[0] + "\n" + mtSentences[7]
	for i := range m.Attendance {
		m.Attendance[i].State, m.Attendance[i].Reason = data.Present, ""
	}
	m.Attendance[3].State, m.Attendance[3].Reason = data.OnLeave, "出车值班"
	m.Attendance[4].State, m.Attendance[4].Reason = data.Absent, "未请假"
	path, pages := renderMinutes(t, "minutes-short.pdf", m, mtOpts())
	if pages != 1 {
		t.Errorf("short minutes on %d pages", pages)
	}
	text := pageText(t, path, 1)
	assertContains(t, "short minutes", text,
		"第一车队党支部委员会会议记录", "会议主题", "研究3月份支部工作",
		"会议时间", "2026年3月12日 14:30—16:00", "会议形式", "线下", "会议地点", m.Place,
		"主持人", m.Host, "记录人", m.Recorder,
		"应到人数", "7人", "实到人数", "5人", "请假人数", "1人", "缺席人数", "1人",
		m.Attendance[3].Name+"（出车值班）", m.Attendance[4].Name+"（未请假）",
		"列席人员", m.Guests, "会议议程", "一、学习上级有关文件精神", "四、布置下阶段任务",
		"会议主要内容", "会议决议（决定事项）", "附件", "1. 会议签到表.jpg（240 KB）", "3. 学习材料：支部工作条例.pdf（859 KB）",
		"审核情况", "已审核（审核人：党总支办公室 马丽", "主持人（签字）：", "记录人（签字）：",
		"第 1 页 / 共 1 页", mtOrg)
	var present []string
	for _, a := range m.Attendance {
		if a.State == data.Present {
			present = append(present, a.Name)
		}
	}
	data.SortByStrokes(present) // listed 按姓氏笔画
	assertContains(t, "short minutes", text, strings.Join(present, "、"))
	if strings.Contains(text, "注：") {
		t.Errorf("a quorate meeting has a quorum note:\n%s", text)
	}
	if strings.Contains(text, "草稿") {
		t.Errorf("approved minutes marked as draft")
	}
	out := readOutline(t, mustRead(t, path))
	want := []outlineItem{{"2026-03-12 支部委员会会议：研究3月份支部工作", 0}, {"会议主要内容", 1}, {"会议决议（决定事项）", 1}}
	if fmt.Sprint(out) != fmt.Sprint(want) {
		t.Errorf("outline %v, want %v", out, want)
	}
}

// TestMeetingMinutesLong prints minutes with pages of 主要内容 and a big
// attendance list: every word and every name comes back, in order.
func TestMeetingMinutesLong(t *testing.T) {
	m := mtMeeting(2, 8, data.KindGeneralMeeting, data.MustDate("2026-06-28"), 48, 40)
	m.Status, m.ReviewBy, m.ReviewAt = data.StatusDraft, "", ""
	m.Content += "\n附：会议签到表（原件存档）、2026年第二季度党费收缴明细表。"
	path, pages := renderMinutes(t, "minutes-long.pdf", m, mtOpts())
	if pages < 3 {
		t.Fatalf("long minutes on %d pages", pages)
	}
	title := "第一车队党支部党员大会记录"
	all := stripRunning(squash(pageText(t, path, 0)), pages, title, mtOrg, "草稿")
	for i, p := range paragraphs(m.Content) {
		if !strings.Contains(all, squash(p)) {
			t.Errorf("paragraph %d not printed whole: %q", i, p)
		}
	}
	if !strings.Contains(all, squash(strings.ReplaceAll(m.Content, "\n", ""))) {
		t.Errorf("主要内容 not printed whole and in order")
	}
	for _, a := range m.Attendance {
		if !strings.Contains(all, a.Name) {
			t.Errorf("%s missing from the attendance", a.Name)
		}
	}
	for n := 1; n <= pages; n++ {
		text := pageText(t, path, n)
		assertContains(t, fmt.Sprintf("page %d", n), text, fmt.Sprintf("第 %d 页 / 共 %d 页", n, pages), title, mtOrg, "草稿")
	}
	assertContains(t, "last page", pageText(t, path, pages), "草稿，未审核", "主持人（签字）：", "记录人（签字）：")
}

// TestMeetingMinutesImported prints minutes imported from a ledger: no
// attendance rows, the numbers and the lists as text.
func TestMeetingMinutesImported(t *testing.T) {
	m := data.Meeting{ID: 9, UnitID: 3, Kind: data.KindGroupMeeting, Topic: "学习党章", Date: data.MustDate("2025-11-20"),
		StartTime: "9:00", Place: "车队会议室", Host: "赵德胜", Recorder: "钱芳", Expected: 12, Present: 9, OnLeave: 2, Absent: 1,
		LeaveText: "孙丽（病假）、周强（出差）", AbsentText: "吴磊（未说明原因）", Agenda: "学习党章\n交流体会\n小组长小结",
		Content: "组长领学党章总纲。\n\n大家交流了学习体会。", Status: data.StatusSubmitted, SubmitBy: "钱芳", SubmitAt: "2025-11-21T01:00:00Z"}
	path, _ := renderMinutes(t, "minutes-imported.pdf", m, MinutesOptions{UnitName: mtUnitName, Created: testTime})
	text := pageText(t, path, 0)
	assertContains(t, "imported minutes", text, "第一党小组会议记录", "2025年11月20日 9:00", "12人", "9人", "2人", "1人",
		"（未逐人登记）", m.LeaveText, m.AbsentText, "1. 学习党章", "2. 交流体会", "3. 小组长小结",
		"组长领学党章总纲。", "已提交，待审核（提交人：钱芳", "待审核", "会议决议（决定事项）", "无")
}

func TestMeetingMinutesQuorum(t *testing.T) {
	m := mtMeeting(3, 10, data.KindCommittee, data.MustDate("2026-04-09"), 5, 1)
	for i := range m.Attendance {
		m.Attendance[i].Committee = true
		if i >= 2 {
			m.Attendance[i].State, m.Attendance[i].Reason = data.OnLeave, "公休"
		}
	}
	m.Status, m.Comment, m.ReviewBy, m.ReviewAt = data.StatusReturned, "到会支委不足半数，请补开会议。", "马丽", "2026-04-10T08:00:00Z"
	path, _ := renderMinutes(t, "minutes-quorum.pdf", m, mtOpts())
	text := pageText(t, path, 0)
	assertContains(t, "inquorate minutes", text, "注：到会支委 2 名，未超过支委会 5 名委员的半数。",
		"已退回修改，未审核（审核人：马丽", "退回意见：到会支委不足半数，请补开会议。", "草稿")
}

func TestMinutesTitle(t *testing.T) {
	for _, c := range []struct{ unit, kind, want string }{
		{"第一车队党支部", data.KindCommittee, "第一车队党支部委员会会议记录"},
		{"第一车队党支部", data.KindGeneralMeeting, "第一车队党支部党员大会记录"},
		{"第一党小组", data.KindGroupMeeting, "第一党小组会议记录"},
		{"修理组", data.KindGroupMeeting, "修理组党小组会记录"},
		{"第一车队党支部", data.KindThemeDay, "第一车队党支部主题党日活动记录"},
		{"第一车队党支部", data.KindOther, "第一车队党支部会议记录"},
		{"", data.KindLesson, "党课记录"},
		{"", data.KindCommittee, "支部委员会会议记录"},
		{"第一车队党支部", data.KindLesson, "第一车队党支部党课记录"},
		{"离退休党支部 ", "支部组织生活会", "离退休党支部组织生活会记录"},
		{"机关支部", data.KindGeneralMeeting, "机关支部党员大会记录"},
	} {
		if got := minutesTitle(c.unit, c.kind); got != c.want {
			t.Errorf("minutesTitle(%q, %q) = %q, want %q", c.unit, c.kind, got, c.want)
		}
	}
}

func TestAgendaLines(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"学习\n\n  讨论  \r\n总结", "1. 学习\n2. 讨论\n3. 总结"},
		{"一、学习\n二、讨论", "一、学习\n二、讨论"},
		{"（一）学习\n讨论", "（一）学习\n讨论"},
		{"1、学习\n2、讨论", "1、学习\n2、讨论"},
		{"", ""},
	} {
		if got := agendaLines(c.in); got != c.want {
			t.Errorf("agendaLines(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestStamp(t *testing.T) {
	loc := time.Local
	time.Local = time.FixedZone("CST", 8*3600)
	defer func() { time.Local = loc }()
	if got := stamp("2026-03-15T02:20:00.123Z"); got != "2026年3月15日 10:20" {
		t.Errorf("stamp = %q", got)
	}
	if got := stamp("昨天"); got != "昨天" {
		t.Errorf("stamp kept %q", got)
	}
}

// mtYear is a year of a branch's minutes: monthly 支委会 and 主题党日,
// quarterly 党员大会 and 党课, group meetings, the yearly ones, with
// content of varied length; n meetings in all, IDs from 1.
func mtYear(n int) []data.Meeting {
	kinds := []string{data.KindCommittee, data.KindThemeDay, data.KindGroupMeeting, data.KindGeneralMeeting, data.KindLesson,
		data.KindCommittee, data.KindGroupMeeting, data.KindLifeMeeting, data.KindAppraisal}
	r := rand.New(rand.NewPCG(99, 1))
	var ms []data.Meeting
	for i := 0; i < n; i++ {
		day := data.Date{Y: 2026, M: time.Month(1 + i*12/n), D: 1 + r.IntN(28)}
		paras := 3 + r.IntN(8)
		if i%17 == 5 {
			paras = 30 // the odd meeting runs over several pages
		}
		m := mtMeeting(uint64(i+100), int64(i+1), kinds[r.IntN(len(kinds))], day, 20+r.IntN(31), paras)
		if m.Kind == data.KindGroupMeeting {
			m.UnitID = 3 + int64(i%2)
		}
		m.Topic = fmt.Sprintf("%s（第%d次）", m.Topic, i+1) // to tell them apart in the contents
		if i%9 == 4 {
			m.Status = data.StatusDraft
		}
		ms = append(ms, m)
	}
	// Out of order, as a caller might pass them.
	r.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
	return ms
}

func mtBookOpts() MinutesBookOptions {
	return MinutesBookOptions{MinutesOptions: mtOpts(), Branch: "第一车队党支部", Year: 2026}
}

// TestMinutesBookContents checks the book's structure: the cover, the
// contents over several pages, every meeting in date order starting on the
// page the contents give, bookmarks per meeting.
func TestMinutesBookContents(t *testing.T) {
	ms := mtYear(60)
	ms = append(ms, data.Meeting{ID: 999, UnitID: 2, Kind: data.KindCommittee, Topic: "已删除", Date: data.MustDate("2026-05-05"), Deleted: true})
	var buf bytes.Buffer
	if err := MinutesBook(&buf, ms, mtBookOpts()); err != nil {
		t.Fatal(err)
	}
	path, pages := writeTemp(t, "minutes-book.pdf", buf.Bytes())
	sorted := sortedMeetings(ms)
	if len(sorted) != 60 {
		t.Fatalf("%d meetings after dropping the deleted one", len(sorted))
	}
	for i := 1; i < len(sorted); i++ {
		if sorted[i].Date.Before(sorted[i-1].Date) {
			t.Fatalf("meetings out of order at %d", i)
		}
	}

	cover := pageText(t, path, 1)
	assertContains(t, "cover", cover, "2026年度", "会议记录", "第一车队党支部", mtOrg, "共 60 次会议", "打印日期", "2026年11月27日")
	if strings.Contains(cover, "第 1 页") {
		t.Errorf("the cover has a page number")
	}

	// Read the contents: for each meeting, the page after its row.
	texts := make([]string, pages+1)
	for n := 1; n <= pages; n++ {
		texts[n] = squash(pageText(t, path, n))
	}
	toc := ""
	tocPages := 0
	for n := 2; n <= pages && !strings.Contains(texts[n], "会议时间"); n++ {
		toc += stripRunning(texts[n], pages, "第一车队党支部2026年度会议记录", mtOrg, "序号日期会议类型会议主题页码")
		tocPages++
	}
	if tocPages < 2 {
		t.Errorf("contents of 60 meetings on %d page(s): want several to test spanning", tocPages)
	}
	if !strings.HasPrefix(toc, squash("目　录")) {
		t.Errorf("contents do not start with their title: %.80s", toc)
	}
	// Find the rows in order; the page number is what lies between a row
	// and the next.
	rows := make([]string, len(sorted))
	for i, m := range sorted {
		rows[i] = squash(fmt.Sprintf("%d%d月%d日%s%s", i+1, int(m.Date.M), m.Date.D, kindLabel(m.Kind), m.Topic))
	}
	pos := 0
	starts := make([]int, len(sorted)+1)
	starts[len(sorted)] = pages + 1
	for i, m := range sorted {
		k := strings.Index(toc[pos:], rows[i])
		if k < 0 {
			t.Fatalf("contents row %d (%s) not found after offset %d", i+1, rows[i], pos)
		}
		pos += k + len(rows[i])
		end := len(toc)
		if i+1 < len(rows) {
			if e := strings.Index(toc[pos:], rows[i+1]); e >= 0 {
				end = pos + e
			}
		}
		num := toc[pos:end]
		page, err := strconv.Atoi(num)
		if err != nil || page < 2 || page > pages {
			t.Errorf("meeting %d (%s): contents say page %q", i+1, m.Topic, num)
			continue
		}
		// The page must have the meeting's title and topic, the page before
		// not (each meeting starts on a new page).
		title := squash(minutesTitle(mtUnitName(m.UnitID), m.Kind))
		if !strings.Contains(texts[page], title+squash("会议主题"+m.Topic)) {
			t.Errorf("meeting %d (%s): contents say page %d, which does not start it", i+1, m.Topic, page)
		}
		if strings.Contains(texts[page-1], squash("会议主题"+m.Topic)) {
			t.Errorf("meeting %d (%s) starts before page %d", i+1, m.Topic, page)
		}
		starts[i] = page
	}
	// Every page of a meeting's minutes says in its running head whose they are.
	for i, m := range sorted {
		head := squash(m.Date.Chinese() + " " + minutesTitle(mtUnitName(m.UnitID), m.Kind) + mtOrg)
		for n := starts[i]; n < starts[i+1] && n <= pages; n++ {
			if !strings.HasPrefix(texts[n], head) && !strings.HasPrefix(texts[n], "草稿"+head) {
				t.Errorf("page %d of meeting %d has the running head %.40s, want %s", n, i+1, texts[n], head)
			}
		}
	}

	// The outline: cover, contents, the book with a child per meeting.
	out := readOutline(t, buf.Bytes())
	if len(out) != 3+len(sorted) {
		t.Fatalf("%d outline items for %d meetings: %v", len(out), len(sorted), out)
	}
	want := []outlineItem{{"封面", 0}, {"目录", 0}, {"会议记录（共 60 次）", 0}}
	for _, m := range sorted {
		want = append(want, outlineItem{meetingLabel(m), 1})
	}
	if fmt.Sprint(out) != fmt.Sprint(want) {
		t.Errorf("outline\n%v\nwant\n%v", out, want)
	}
	if !strings.HasPrefix(want[3].Title, "2026-01-") {
		t.Errorf("first meeting bookmark %q", want[3].Title)
	}
}

func TestMinutesBookEmpty(t *testing.T) {
	err := MinutesBook(io.Discard, []data.Meeting{{ID: 1, Deleted: true}}, mtBookOpts())
	if !errors.Is(err, ErrNoMinutes) {
		t.Errorf("empty book: %v", err)
	}
}

// BenchmarkMinutesBook200 prints a book of 200 meetings with realistic
// content: 20–50 attendees, three to ten paragraphs, some running over
// pages. The target is under 3 s.
func BenchmarkMinutesBook200(b *testing.B) {
	ms := mtYear(200)
	opts := mtBookOpts()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := MinutesBook(&buf, ms, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pdfPages(b, buf.Bytes())), "pages")
	b.ReportMetric(float64(buf.Len())/1024, "KB")
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
