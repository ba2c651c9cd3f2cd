package report

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"dangjian/data"
)

// testPlan is the seed organisation's year: 6 aspects, 32 tasks.
var testPlan = []struct {
	aspect string
	tasks  []string
}{
	{"政治建设", []string{
		"制定年度理论学习中心组学习计划",
		"开展“学习贯彻党的二十大精神”专题学习",
		"落实“第一议题”制度",
		"开展意识形态工作专题研判",
		"组织党员收看“七一”专题党课",
	}},
	{"组织建设", []string{
		"完成支部委员会换届选举",
		"规范党小组设置并明确组长",
		"按月召开支委会",
		"按季度召开支部党员大会",
		"开展年度民主评议党员",
		"召开年度组织生活会",
		"做好发展党员工作",
	}},
	{"党员队伍建设", []string{
		"开展党员“积分制”管理",
		"做好流动党员排查登记",
		"按时足额收缴党费",
		"走访慰问老党员和困难党员",
		"开展“党员先锋岗”评选",
	}},
	{"制度建设", []string{
		"完善支部议事规则",
		"规范“三会一课”记录",
		"更新党员档案信息",
		"制度上墙并公示",
		"建立党建工作台账",
	}},
	{"党风廉政建设", []string{
		"签订党风廉政建设责任书",
		"开展廉政警示教育",
		"开展节假日廉洁提醒",
		"排查岗位廉政风险点",
		"落实谈心谈话制度",
	}},
	{"阵地与品牌建设", []string{
		"提升党员活动室建设",
		"打造“一支部一品牌”",
		"开展主题党日志愿服务",
		"报送党建宣传稿件",
		"开展“红色车厢”宣传",
	}},
}

// longProgress wraps over several lines of its cell.
const longProgress = "已于 6月28日召开支部党员大会，应到 36 人，实到 33 人，请假 3 人（出车 2 人、病假 1 人）；会议传达了上级文件精神，组织 12 名党员围绕“安全行车、文明服务”作了交流发言，形成整改清单 5 项，已上传会议记录和照片 8 张。"

var testAsOf = data.NewDate(2026, 7, 15)

func utcNoon(d data.Date) string {
	return time.Date(d.Y, d.M, d.D, 12, 0, 0, 0, time.UTC).Format(time.RFC3339Nano)
}

// testAssignments builds the year's assignments with their histories:
// tasks due before July mostly closed, some returned, reported or
// overdue; one 督办 moved a due date; one long report.
func testAssignments() []data.Assignment {
	var out []data.Assignment
	id, tid := int64(1), int64(1)
	secretary := []string{"张建军", "刘海燕", "陈志刚", "赵国庆", "孙丽华", "周文斌", "吴晓梅", "郑德明"}
	for ai, asp := range testPlan {
		for ti, title := range asp.tasks {
			due := data.NewDate(2026, time.Month(1+(ai*5+ti*3)%12), 10+(ti*7)%19)
			tk := data.Task{ID: tid, Year: 2026, Aspect: asp.aspect, Title: title, Due: due,
				Points: data.Points(20 + 5*(ti%3)), RemindDays: 7, SortOrder: int(tid),
				Requirement: fmt.Sprintf("%s，报送相关材料（会议记录、照片等）至党总支办公室。", title)}
			tid++
			// All branches, or a few.
			branches := testBranches
			if ti%4 == 3 {
				branches = testBranches[ai%3 : ai%3+3]
			}
			for bi, b := range branches {
				a := data.Assignment{ID: id, Task: tk, BranchID: b.id, Status: data.TaskOpen, Due: due}
				id++
				report := due.AddDays(-5 + bi)
				switch k := (ai + ti + bi) % 6; {
				case due.After(testAsOf) && k != 0:
					// Not yet due: open, or reported early.
					if k == 1 {
						a.Status, a.Progress = data.TaskReported, "已完成，材料已上传。"
						a.Steps = []data.TaskStep{{Action: data.StepReport, Text: a.Progress, Operator: secretary[bi], At: utcNoon(testAsOf.AddDays(-2))}}
					}
				case k == 2:
					// Returned once, not reported again: overdue.
					a.Status, a.Progress, a.Comment = data.TaskReturned, "已组织学习。", "缺少学习记录和签到表，请补充后重新报送。"
					a.Steps = []data.TaskStep{
						{Action: data.StepReport, Text: a.Progress, Operator: secretary[bi], At: utcNoon(report)},
						{Action: data.StepReturn, Text: a.Comment, Operator: "王晓红", At: utcNoon(report.AddDays(2))},
					}
				case k == 3 && !due.After(testAsOf):
					// Never reported: overdue.
				case k == 4 && !due.After(testAsOf):
					// 督办 moved the due date; reported since.
					newDue := testAsOf.AddDays(10)
					a.Due, a.Status, a.Progress = newDue, data.TaskReported, "已按督办要求补报。"
					a.Steps = []data.TaskStep{
						{Action: data.StepSupervise, Text: "请抓紧落实", Due: newDue, Operator: "王晓红", At: utcNoon(due.AddDays(3))},
						{Action: data.StepReport, Text: a.Progress, Operator: secretary[bi], At: utcNoon(testAsOf.AddDays(-1))},
					}
				default:
					p := data.Points(tk.Points - data.Points(5*(bi%2)))
					a.Status, a.Progress, a.Score, a.Comment = data.TaskDone, "已按要求完成。", &p, "同意"
					sc := int64(p)
					a.Steps = []data.TaskStep{
						{Action: data.StepReport, Text: a.Progress, Operator: secretary[bi], At: utcNoon(report)},
						{Action: data.StepPass, Text: "同意", Score: &sc, Operator: "王晓红", At: utcNoon(report.AddDays(3))},
					}
				}
				if ai == 1 && ti == 3 && bi == 0 {
					a.Progress = longProgress
					a.Steps[len(a.Steps)-1].Text = longProgress
				}
				out = append(out, a)
			}
		}
	}
	// A deleted task and one of another year are left out.
	gone := data.Task{ID: 900, Year: 2026, Aspect: "组织建设", Title: "已删除的任务", Due: data.NewDate(2026, 3, 1), Deleted: true}
	old := data.Task{ID: 901, Year: 2025, Aspect: "组织建设", Title: "上年度的任务", Due: data.NewDate(2025, 3, 1)}
	out = append(out, data.Assignment{ID: 900, Task: gone, BranchID: 11, Status: data.TaskOpen, Due: gone.Due},
		data.Assignment{ID: 901, Task: old, BranchID: 11, Status: data.TaskOpen, Due: old.Due})
	return out
}

func renderTasks(t *testing.T, name string, as []data.Assignment, opts TaskReportOptions) (string, []byte) {
	t.Helper()
	if opts.Created.IsZero() {
		opts.Created = testTime
	}
	var buf bytes.Buffer
	if err := TaskReport(&buf, as, opts); err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/" + name
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	keep(t, path, name)
	return path, buf.Bytes()
}

func TestTaskReport(t *testing.T) {
	as := testAssignments()
	path, pdf := renderTasks(t, "tasks.pdf", as, TaskReportOptions{Year: 2026, Org: "市公交集团第三党总支", AsOf: testAsOf, UnitName: testBranchName})
	if !bytes.Contains(pdf, []byte("/MediaBox [0 0 841.89 595.28]")) {
		t.Error("not A4 landscape")
	}
	live := as[:len(as)-2]
	done, overdue := 0, 0
	for _, a := range live {
		if a.Status == data.TaskDone {
			done++
		}
		if a.Overdue(testAsOf) {
			overdue++
		}
	}
	if overdue < 5 || done < 50 {
		t.Fatalf("test data: %d overdue, %d done", overdue, done)
	}
	first := pageText(t, path, 1)
	assertContains(t, "first page", first, "2026年度党建工作任务督办台账", "党总支：市公交集团第三党总支", "统计截至：2026年7月15日",
		fmt.Sprintf("任务 32 项（分派党支部 %d 个次），已完成 %d，逾期 %d", len(live), done, overdue),
		"序号", "责任支部", "完成时限", "状态", "完成情况", "得分", "办理记录", "一、政治建设（5 项任务）")

	all := squash(pageText(t, path, 0))
	if strings.Contains(all, "已删除的任务") || strings.Contains(all, "上年度的任务") {
		t.Error("deleted or last year's task printed")
	}
	// Every task, in plan order, each followed by its branches' rows.
	pos, n := 0, 0
	for ai, asp := range testPlan {
		head := squash(fmt.Sprintf("%s、%s（%d 项任务）", chineseNumeral(ai+1), asp.aspect, len(asp.tasks)))
		i := strings.Index(all[pos:], head)
		if i < 0 {
			t.Fatalf("aspect %q missing or out of order", head)
		}
		pos += i
		for _, title := range asp.tasks {
			n++
			i := strings.Index(all[pos:], squash(fmt.Sprint(n)+title))
			if i < 0 {
				t.Fatalf("task %d %q missing or out of order", n, title)
			}
			pos += i
			for _, a := range live {
				if a.Task.Title != title {
					continue
				}
				want := []string{testBranchName(a.BranchID), a.Status, a.Progress}
				if a.Progress == "" {
					want[2] = "未报送"
				}
				if a.Score != nil {
					want = append(want, a.Score.String())
				}
				if a.Due != a.Task.Due {
					want = append(want, fmt.Sprintf("%d月%d日原定%d月%d日", a.Due.M, a.Due.D, a.Task.Due.M, a.Task.Due.D))
				}
				if a.Overdue(testAsOf) {
					want = append(want, fmt.Sprintf("逾期 %d 天", a.Due.DaysUntil(testAsOf)))
				}
				row := all[pos:]
				for _, s := range a.Steps {
					at, _ := time.Parse(time.RFC3339Nano, s.At)
					line := fmt.Sprintf("%d月%d日 %s %s", at.Month(), at.Day(), s.Action, s.Operator)
					switch {
					case s.Score != nil:
						line += "（得 " + data.Points(*s.Score).String() + " 分）"
					case !s.Due.IsZero():
						line += fmt.Sprintf("（限 %d月%d日 前完成）", s.Due.M, s.Due.D)
					}
					want = append(want, line+"："+s.Text)
				}
				for _, w := range want {
					if !strings.Contains(row, squash(w)) {
						t.Errorf("task %q, %s: lacks %q", title, testBranchName(a.BranchID), w)
					}
				}
			}
		}
	}
	if got := len(regexp.MustCompile(`逾期\d+天`).FindAllString(all, -1)); got != overdue {
		t.Errorf("%d rows marked overdue, want %d", got, overdue)
	}
	if !strings.Contains(all, squash(longProgress)) {
		t.Error("the long report lost characters")
	}
	if !strings.Contains(all, "制表人：") {
		t.Error("no signature lines")
	}

	var wantOL []outlineItem
	for ai, asp := range testPlan {
		wantOL = append(wantOL, outlineItem{fmt.Sprintf("%s、%s（%d 项任务）", chineseNumeral(ai+1), asp.aspect, len(asp.tasks)), 0})
	}
	if ol := readOutline(t, pdf); fmt.Sprint(ol) != fmt.Sprint(wantOL) {
		t.Errorf("outline\n got %v\nwant %v", ol, wantOL)
	}
}

// TestTaskReportKeepsTasks checks that no task's rows are split over two
// pages: every page after the first starts with a task or aspect row.
func TestTaskReportKeepsTasks(t *testing.T) {
	path, pages := renderTasksPages(t)
	for p := 2; p <= pages; p++ {
		text := squash(pageText(t, path, p))
		body := text[strings.Index(text, "办理记录")+len("办理记录"):]
		if !regexp.MustCompile(`^(\d+|[一二三四五六七八九十]+、|制表人)`).MatchString(body) {
			t.Errorf("page %d starts inside a task: %.60s", p, body)
		}
	}
}

func renderTasksPages(t *testing.T) (string, int) {
	t.Helper()
	path, _ := renderTasks(t, "tasks-keep.pdf", testAssignments(), TaskReportOptions{Year: 2026, AsOf: testAsOf, UnitName: testBranchName})
	info := poppler(t, "pdfinfo", path)
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo: %s", info)
	}
	var n int
	fmt.Sscan(m[1], &n)
	if n < 3 {
		t.Fatalf("only %d pages", n)
	}
	return path, n
}

func TestTaskReportEmpty(t *testing.T) {
	path, _ := renderTasks(t, "tasks-empty.pdf", nil, TaskReportOptions{Year: 2026, AsOf: testAsOf})
	assertContains(t, "empty", pageText(t, path, 0), "2026年度党建工作任务督办台账", "本年度没有督办任务。")
}

func TestTaskStepText(t *testing.T) {
	l := &taskLedger{opts: TaskReportOptions{Year: 2026}}
	sc := int64(45)
	for _, c := range []struct {
		s    data.TaskStep
		want string
	}{
		{data.TaskStep{Action: "报送", Text: "已完成。", Operator: "张三", At: "2026-03-02T12:00:00Z"}, "3月2日 报送 张三：已完成。"},
		{data.TaskStep{Action: "通过", Score: &sc, Operator: "李四", At: "2026-03-05T12:00:00Z"}, "3月5日 通过 李四（得 4.5 分）"},
		{data.TaskStep{Action: "督办", Due: data.NewDate(2027, 1, 10), Text: "年底前完成", At: "2026-12-20T12:00:00Z"}, "12月20日 督办（限 2027年1月10日 前完成）：年底前完成"},
		{data.TaskStep{Action: "退回", Text: "缺记录", At: "2025-12-30"}, "2025年12月30日 退回：缺记录"},
	} {
		if got := l.stepText(c.s); got != c.want {
			t.Errorf("stepText = %q, want %q", got, c.want)
		}
	}
}
