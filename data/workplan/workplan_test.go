package workplan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"dangjian/data"
	"dangjian/data/sheet"
)

var ctx = context.Background()

// seedBranches are the seed organisation's branches (short names).
var seedBranches = []string{"第一车队党支部", "第二车队党支部", "第三车队党支部", "机务保修党支部", "调度中心党支部",
	"机关党支部", "场站管理党支部", "离退休党支部"}

// orgStore is a store (today 2026-11-27) with the seed organisation: a
// 党总支, its eight branches (full names as on the seal, short names as
// people write them) and one group.
func orgStore(tb testing.TB) (*data.Store, map[string]int64) {
	tb.Helper()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local)
	s, err := data.Open(filepath.Join(tb.TempDir(), "t.db"), data.Options{Now: func() time.Time { return now }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	ids := map[string]int64{}
	err = s.Write(ctx, func(tx *data.Tx) error {
		root, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "中共济南市公共交通集团有限公司第一分公司总支部委员会",
			ShortName: "第一分公司党总支"})
		if err != nil {
			return err
		}
		ids["root"] = root.ID
		for _, short := range seedBranches {
			full := "中共济南市公共交通集团有限公司第一分公司" + strings.TrimSuffix(short, "党支部") + "支部委员会"
			u, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: full, ShortName: short})
			if err != nil {
				return err
			}
			ids[short] = u.ID
		}
		g, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGroup, ParentID: ids["第一车队党支部"], FullName: "第一车队第一党小组",
			ShortName: "第一党小组"})
		ids["第一党小组"] = g.ID
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return s, ids
}

// book builds an .xlsx: title rows above the header, the rows, and
// merged ranges ("B4:B9").
func book(tb testing.TB, title []string, rows [][]any, merges ...string) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	var all [][]any
	for _, t := range title {
		all = append(all, []any{t})
	}
	all = append(all, rows...)
	for r, row := range all {
		for c, v := range row {
			if v == nil {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue("Sheet1", ref, v); err != nil {
				tb.Fatal(err)
			}
		}
	}
	for _, m := range merges {
		a, b, _ := strings.Cut(m, ":")
		if err := f.MergeCell("Sheet1", a, b); err != nil {
			tb.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func read(tb testing.TB, b []byte) *sheet.Sheet {
	tb.Helper()
	sh, err := ReadBytes("任务清单.xlsx", b)
	if err != nil {
		tb.Fatal(err)
	}
	return sh
}

var planHead = []any{"序号", "工作方面", "任务内容", "责任支部", "完成时限", "分值", "工作要求"}

// seedPlan is the seed organisation's 2026 work plan: 6 aspects, 32
// tasks, 100 points, the 方面 column merged down each aspect, deadlines
// written every way offices write them.
func seedPlan() (rows [][]any, merges []string) {
	type task struct {
		title, branches string
		due             any
		points          any
		req             string
	}
	aspects := []struct {
		name  string
		tasks []task
	}{
		{"一、政治建设", []task{
			{"深入学习贯彻习近平新时代中国特色社会主义思想，制定支部年度理论学习计划", "各党支部", time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), 3, "学习计划报党总支备案"},
			{"落实“第一议题”制度，支委会首先学习上级重要会议和文件精神", "各党支部", "长期坚持", 3, "支委会记录中体现学习内容"},
			{"开展“七一”主题党日活动，重温入党誓词", "各党支部", "7月15日", 2.5, "活动方案、照片、记录"},
			{"组织党员参观红色教育基地，开展党性教育", "第一车队党支部、第二车队党支部、第三车队党支部", "第三季度末", 3, "活动方案、总结"},
			{"落实意识形态工作责任制，每半年分析研判一次意识形态形势", "机关党支部", "6月底", 2, "研判报告"},
			{"建立党员政治生日提醒制度，为党员过政治生日", "各党支部", "年底", 2, ""},
		}},
		{"二、思想建设", []task{
			{"每季度开展一次集中学习研讨，书记带头讲党课", "各党支部", "每季度", 4, "学习研讨记录、党课讲稿"},
			{"开展“学党章、守党规”知识竞赛", "机关党支部（牵头）、各党支部", "9月底", "2.5", "竞赛方案、获奖名单"},
			{"利用“学习强国”平台组织党员学习，年度人均积分达标", "各党支部", "2026年12月31日", "2分", ""},
			{"开展离退休党员“银发宣讲”活动", "离退休党支部", "第二季度", 3, "宣讲稿、照片"},
			{"结合安全生产开展“安全行车、党员先行”主题教育", "第一车队党支部 第二车队党支部\n第三车队党支部", "2026.8.31", 3, "教育记录"},
		}},
		{"三、组织建设", []task{
			{"按期完成支部委员会换届选举", "第二车队党支部、调度中心党支部", "2026年6月底", 6, "选举结果报党总支批复"},
			{"规范“三会一课”记录，每月5日前报送上月会议记录", "各党支部", "每月", 5, "会议记录按时提交审核"},
			{"做好发展党员工作，严格执行发展党员25个步骤", "各党支部", "11月30日", 4, "发展党员材料齐全"},
			{"开展党员组织关系排查，做好流动党员管理", "各党支部", "上半年", 3, "排查台账"},
			{"开展“党员先锋岗”“党员示范线路”创建", "第一车队党支部；第三车队党支部", "10月底", 3.5, "创建方案、挂牌照片"},
			{"推进场站党建阵地标准化建设", "场站管理党支部", time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC), 3, "阵地照片"},
			{"开展年度民主评议党员和组织生活会", "各党支部", "2027年1月底", 4, "评议结果、会议记录"},
		}},
		{"四、作风建设", []task{
			{"开展“我为群众办实事”实践活动，每个支部至少办成2件实事", "各党支部", "年底", 5, "实事清单及办结情况"},
			{"党员服务窗口挂牌亮诺，优化乘客投诉处理流程", "调度中心党支部", "第三季度末", 3, "流程文件"},
			{"开展机务维修“党员攻坚”项目，降低车辆故障率", "机务保修", "9月30日", 3, "攻坚项目总结"},
			{"深化调查研究，支部书记每半年撰写一篇调研报告", "各党支部", "12月中旬", 2.5, "调研报告"},
			{"开展作风建设专项检查", "机关党支部", "Q3", 2.5, "检查通报"},
		}},
		{"五、纪律建设", []task{
			{"开展警示教育月活动，组织观看警示教育片", "各党支部", "5月底", 3, "活动记录"},
			{"落实“四风”问题排查整改", "机关党支部、机务保修党支部", "8月", 2.5, "排查整改台账"},
			{"签订党风廉政建设责任书", "各党支部", "2026年3月15日", 2, "责任书"},
			{"开展节假日廉洁提醒", "各党支部", "长期", 2, ""},
		}},
		{"六、制度建设", []task{
			{"修订完善支部议事规则和工作制度，各项制度上墙", "各党支部", "4月30日", 4, "制度文本、照片"},
			{"建立党建工作台账，按月更新", "各党支部", "2026/6/30", 3, "工作台账"},
			{"落实党费收缴制度，按月足额收缴党费", "各党支部", "每月", 3, "党费收缴台账"},
			{"完善党员积分管理办法", "机关党支部", "7月底", 2, "管理办法"},
			{"年终党建工作述职评议", "各党支部", "2027-01-15", 4, "述职报告"},
		}},
	}
	rows = append(rows, planHead)
	n := 0
	for _, a := range aspects {
		first := len(rows) + 3 // two title rows above the header
		for i, t := range a.tasks {
			n++
			aspect := any(nil)
			if i == 0 {
				aspect = a.name
			}
			rows = append(rows, []any{n, aspect, t.title, t.branches, t.due, t.points, t.req})
		}
		merges = append(merges, fmt.Sprintf("B%d:B%d", first, first+len(a.tasks)-1))
	}
	rows = append(rows, []any{"合计", nil, nil, nil, nil, 100, nil}, []any{"制表人：党总支办公室", nil, nil, nil, nil, nil, nil})
	return rows, merges
}

func seedPlanFile(tb testing.TB) []byte {
	rows, merges := seedPlan()
	return book(tb, []string{"第一分公司党总支2026年度党建工作任务清单", "制表日期：2026年1月10日"}, rows, append(merges, "A1:G1")...)
}

func TestSeedPlan32Tasks(t *testing.T) {
	s, ids := orgStore(t)
	sh := read(t, seedPlanFile(t))
	p, err := PlanImport(ctx, s, sh, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rejected) > 0 {
		t.Fatalf("rejected: %+v", p.Rejected)
	}
	if len(p.Adds) != 32 || p.Header != 3 || p.Total != 32 || p.Existing != 0 {
		t.Fatalf("adds %d header %d total %d", len(p.Adds), p.Header, p.Total)
	}
	var aspects []string
	var points data.Points
	assignments := 0
	for _, a := range p.Adds {
		if len(aspects) == 0 || aspects[len(aspects)-1] != a.Task.Aspect {
			aspects = append(aspects, a.Task.Aspect)
		}
		points += a.Task.Points
		assignments += len(a.Task.Branches)
		if a.Task.Year != 2026 || len(a.Branches) != len(a.Task.Branches) {
			t.Errorf("row %d: %+v", a.Row, a.Task)
		}
	}
	if got := strings.Join(aspects, ","); got != "政治建设,思想建设,组织建设,作风建设,纪律建设,制度建设" {
		t.Errorf("aspects %s", got)
	}
	if points != 1000 {
		t.Errorf("points add up to %s", points)
	}
	byRow := map[int]Row{}
	for _, a := range p.Adds {
		byRow[a.Row] = a
	}
	check := func(row int, due string, branches int, warn string) {
		t.Helper()
		a := byRow[row]
		if a.Task.Due != data.MustDate(due) || len(a.Task.Branches) != branches {
			t.Errorf("row %d %q: due %s, %d branches %v", row, a.Task.Title, a.Task.Due, len(a.Task.Branches), a.Branches)
		}
		var ws []string
		for _, w := range a.Warnings {
			ws = append(ws, w.Reason)
		}
		if all := strings.Join(ws, "；"); (warn == "") != (all == "") || !strings.Contains(all, warn) {
			t.Errorf("row %d warnings %q, want %q", row, all, warn)
		}
	}
	check(4, "2026-03-31", 8, "")                          // a date cell; 各党支部
	check(5, "2026-12-31", 8, "长期坚持”是经常性工作，按 2026年12月31日") // 长期坚持
	check(6, "2026-07-15", 8, "未写年份")                      // 7月15日
	check(7, "2026-09-30", 3, "第三季度末")                     // three fleets
	check(8, "2026-06-30", 1, "6月底”按 2026年6月30日 导入")       // 6月底
	check(11, "2026-09-30", 8, "9月底")                      // 机关党支部（牵头）、各党支部
	check(12, "2026-12-31", 8, "")                         // 2026年12月31日
	check(13, "2026-06-30", 1, "第二季度")                     // 离退休
	check(14, "2026-08-31", 3, "")                         // space and line break between names
	check(15, "2026-06-30", 2, "2026年6月底")                 // with the year
	check(20, "2026-10-31", 1, "")                         // a date cell
	check(21, "2027-01-31", 8, "2027年1月底")                 // the next January
	check(24, "2026-09-30", 1, "未写年份")                     // 机务保修: the distinctive part
	check(25, "2026-12-20", 8, "12月中旬")                    // 中旬
	check(26, "2026-09-30", 1, "Q3")                       // Q3
	check(28, "2026-08-31", 2, "8月")                       // 8月
	check(35, "2027-01-15", 8, "")                         // 2027-01-15
	if a := byRow[11]; a.Task.Points != 25 || a.Task.Requirement != "竞赛方案、获奖名单" {
		t.Errorf("row 11: %+v", a.Task)
	}
	if a := byRow[4]; a.Task.Aspect != "政治建设" || !strings.HasPrefix(a.Task.Title, "深入学习") {
		t.Errorf("row 4: %+v", a.Task)
	}
	// The title, date and footer rows are not tasks.
	var skipped []string
	for _, s := range p.Skipped {
		skipped = append(skipped, fmt.Sprintf("%d", s.Row))
	}
	if got := strings.Join(skipped, ","); got != "36,37" {
		t.Errorf("skipped rows %s: %+v", got, p.Skipped)
	}

	res, err := Apply(ctx, s, sh, 2026, sheet.ValidOnly, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Imported != 32 || len(res.Rejected) != 0 || res.Unchanged != 0 {
		t.Fatalf("result %+v", res)
	}
	tasks, err := s.Tasks(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(tasks) != 32 || tasks[0].Aspect != "政治建设" || tasks[31].Title != "年终党建工作述职评议" {
		t.Fatalf("%d tasks stored", len(tasks))
	}
	for i, task := range tasks {
		if task.SortOrder != i {
			t.Errorf("task %d sort order %d", i, task.SortOrder)
		}
	}
	list, _ := s.Assignments(ctx, data.TaskFilter{Year: 2026})
	if len(list) != assignments {
		t.Errorf("%d assignments, want %d", len(list), assignments)
	}
	mine, _ := s.Assignments(ctx, data.TaskFilter{Year: 2026, BranchID: ids["离退休党支部"]})
	if len(mine) != 21 { // 20 for every branch, and its 银发宣讲
		t.Errorf("离退休党支部 has %d tasks", len(mine))
	}
	// The same file again: everything is on file already.
	again, err := Apply(ctx, s, sh, 2026, sheet.AllOrNothing, nil)
	if err != nil || again.Imported != 0 || again.Unchanged != 32 {
		t.Fatalf("second import: %v %+v", err, again)
	}
	// As the plan of another year it is new (and 6月底 is that year's June).
	p25, err := PlanImport(ctx, s, sh, 2025)
	if err != nil || len(p25.Adds) != 32 {
		t.Fatalf("2025: %v", err)
	}
	for _, a := range p25.Adds {
		if a.Row == 8 && a.Task.Due != data.MustDate("2025-06-30") {
			t.Errorf("6月底 in 2025: %s", a.Task.Due)
		}
	}
}

func TestImportEdgeCases(t *testing.T) {
	s, ids := orgStore(t)
	// A task on file already (written with other spacing).
	if _, err := s.SaveTask(ctx, data.RoleOffice, data.Task{Year: 2026, Aspect: "组织建设", Title: "开展 党员 组织关系排查", Due: data.MustDate("2026-06-30"),
		Branches: []int64{ids["机关党支部"]}}); err != nil {
		t.Fatal(err)
	}
	head := []any{"类别", "工作任务", "承办单位", "截止日期", "分数", "要求", "备注", "提醒天数", "责任人"}
	rows := [][]any{
		head,
		{nil, "没有方面的第一行", "机关党支部", "6月底", 2, "", "", "", "张三"},                                     // 3: no aspect yet
		{"一、组织建设（30分）", nil, nil, nil, nil, nil, nil, nil, nil},                                    // 6: section row in 类别 only
		{nil, "开展党员组织关系排查", "各党支部", "上半年", 3, "", "", "", ""},                                      // 7: on file already
		{nil, "1．建立支部工作台账", "第九车队党支部、后勤党支部、机关党支部", "2026-06-30", 2, "", "", "", ""},                // 8: unknown branches
		{nil, "组织党小组学习", "第一党小组", "2026-06-30", 2, "", "", "", ""},                                 // 9: a group
		{nil, "党总支自身的任务", "第一分公司党总支", "2026-06-30", 2, "", "", "", ""},                             // 10: the general branch
		{nil, "开展谈心谈话", "第一车队", "下旬", 2, "", "", "", ""},                                           // 11: bad date
		{nil, "开展谈心谈话活动", "第一车队", "2026-13-01", 2, "", "", "", ""},                                 // 12: no such date
		{nil, "完善支部档案", "第二车队", "2026-10-31", "两分", "", "", "", ""},                                // 13: bad points
		{nil, "完善支部档案2", "第二车队", "2026-10-31", 200, "", "", "", ""},                                // 14: points too high
		{nil, "规范党费收缴", "第三车队", "2026-10-31", 2.4999999999, "按月收缴", "以财务凭证为准", "10", ""},           // 15: float points, remarks, remind
		{nil, "规范党费收缴", "第三车队", "2026-11-30", 2, "", "", "", ""},                                   // 16: same task twice
		{nil, "", "第三车队", "2026-11-30", 2, "", "", "", ""},                                         // 17: no title
		{nil, "开展主题党日", "", "2026-11-30", 2, "", "", "", ""},                                       // 18: no branch
		{nil, "开展主题党日活动", "第三车队", "", 2, "", "", "", ""},                                           // 19: no date
		{nil, "开展志愿服务", "第三车队", "2026-11-30", nil, "", "", "", ""},                                 // 20: no points: warning
		{nil, "开展志愿服务2", "第三车队", "2026-11-30", 1, "", "", "91", ""},                                // 21: remind days out of range
		{"二、纪律建设", "二、纪律建设", "二、纪律建设", "二、纪律建设", "二、纪律建设", "二、纪律建设", "二、纪律建设", "二、纪律建设", "二、纪律建设"}, // 22: section across
		{nil, "开展警示教育", "各支部", "2028-05-31", 2, "", "", "", ""},                                    // 23: due far off: warning
		{"说明：分值合计100分"}, // 24: footer
	}
	sh := read(t, book(t, []string{"2026年度党建工作任务清单"}, rows))
	p, err := PlanImport(ctx, s, sh, 2026)
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[int]string{}
	for _, r := range p.Rejected {
		reasons[r.Row] += "[" + r.Column + "]" + r.Reason
	}
	want := map[int]string{
		3:  "[类别]未填写工作方面",
		6:  "“第九车队党支部”、“后勤党支部”",
		7:  "是党小组",
		8:  "是党总支",
		9:  "[截止日期]完成时限“下旬”无法识别",
		10: "不存在",
		11: "[分数]",
		12: "分值应在 0 至 100 之间",
		14: "与第 13 行是同一项任务",
		15: "[工作任务]未填写任务内容",
		16: "[承办单位]未填写责任支部",
		17: "[截止日期]未填写完成时限",
		19: "[提醒天数]",
	}
	for row, frag := range want {
		if !strings.Contains(reasons[row], frag) {
			t.Errorf("row %d: %q, want %q", row, reasons[row], frag)
		}
	}
	if len(reasons) != len(want) {
		t.Errorf("rejected rows %v", reasons)
	}
	if p.Existing != 1 {
		t.Errorf("existing %d", p.Existing)
	}
	adds := map[int]Row{}
	for _, a := range p.Adds {
		adds[a.Row] = a
	}
	if len(adds) != 3 {
		t.Fatalf("adds %+v", p.Adds)
	}
	if a := adds[13]; a.Task.Points != 25 || a.Task.Requirement != "按月收缴\n备注：以财务凭证为准" || a.Task.RemindDays != 10 ||
		a.Task.Aspect != "组织建设" || len(a.Task.Branches) != 1 || a.Task.Branches[0] != ids["第三车队党支部"] {
		t.Errorf("row 13: %+v", a.Task)
	}
	if a := adds[18]; a.Task.Points != 0 || len(a.Warnings) != 1 || !strings.Contains(a.Warnings[0].Reason, "按 0 分") {
		t.Errorf("row 18: %+v", a)
	}
	if a := adds[21]; a.Task.Aspect != "纪律建设" || len(a.Task.Branches) != 8 || len(a.Warnings) != 1 ||
		!strings.Contains(a.Warnings[0].Reason, "不在 2026 年度") {
		t.Errorf("row 21: %+v", a)
	}
	skipped := ""
	for _, sk := range p.Skipped {
		skipped += fmt.Sprintf("%d:%s;", sk.Row, sk.Reason)
	}
	for _, frag := range []string{"4:分段标题（组织建设）", "5:已存在", "20:分段标题（纪律建设）", "22:表尾"} {
		if !strings.Contains(skipped, frag) {
			t.Errorf("skipped %s lacks %s", skipped, frag)
		}
	}
	if len(p.Unknown) != 0 || !strings.Contains(strings.Join(p.Columns, "|"), "责任人 → 不导入") {
		t.Errorf("columns %v unknown %v", p.Columns, p.Unknown)
	}

	// All or nothing: nothing written, the rejections reported.
	res, err := Apply(ctx, s, sh, 2026, sheet.AllOrNothing, nil)
	if !errors.Is(err, sheet.ErrRejected) || res.Imported != 0 || countRows(res.Rejected) != len(want) {
		t.Fatalf("all-or-nothing: %v %+v", err, res)
	}
	if tasks, _ := s.Tasks(ctx, 2026); len(tasks) != 1 {
		t.Fatalf("all-or-nothing wrote %d tasks", len(tasks))
	}
	// Valid only: the three good rows.
	res, err = Apply(ctx, s, sh, 2026, sheet.ValidOnly, nil)
	if err != nil || res.Imported != 3 || res.Unchanged != 1 || countRows(res.Rejected) != len(want) ||
		len(res.CreatedBranches) != 0 || res.Rejected[0].Row != 3 {
		t.Fatalf("valid-only: %v %+v", err, res)
	}
	if tasks, _ := s.Tasks(ctx, 2026); len(tasks) != 4 || tasks[1].SortOrder != 1 {
		t.Fatalf("after valid-only: %+v", tasks)
	}
	// No branch was created.
	units, _ := s.OrgUnits(ctx)
	if len(units) != 10 {
		t.Errorf("%d units after the import", len(units))
	}
}

func TestReadCSVAndRefusals(t *testing.T) {
	s, _ := orgStore(t)
	csv := "2026年党建工作任务\n方面,任务,责任支部,完成时限,分值\n政治建设,学习党的二十届四中全会精神,各党支部,年底,5\n,开展专题研讨,\"机关党支部，调度中心党支部\",二季度末,3\n"
	sh, err := ReadBytes("plan.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlanImport(ctx, s, sh, 0) // 0: this year (the store's 2026)
	if err != nil || len(p.Adds) != 2 || p.Year != 2026 {
		t.Fatalf("csv: %v %+v", err, p)
	}
	if a := p.Adds[1]; a.Task.Aspect != "政治建设" || len(a.Task.Branches) != 2 || a.Task.Due != data.MustDate("2026-06-30") {
		t.Errorf("inherited aspect: %+v", a.Task)
	}
	// Not a task list.
	if _, err := ReadBytes("名册.csv", []byte("姓名,性别,身份证号\n张三,男,110\n")); err == nil || !strings.Contains(err.Error(), "任务清单的表头") {
		t.Errorf("roster read as a plan: %v", err)
	}
	// No 责任支部 column: every row refused, and the sheet says why.
	sh, _ = ReadBytes("p.csv", []byte("方面,任务,完成时限\n政治建设,学习,年底\n"))
	p, err = PlanImport(ctx, s, sh, 2026)
	if err != nil || len(p.Adds) != 0 || len(p.Rejected) != 1 || len(p.Warnings) != 1 || p.Warnings[0].Row != 1 {
		t.Errorf("no branch column: %v %+v", err, p)
	}
	// No 方面 column: the tasks go under 其他工作, and the sheet says so.
	sh, _ = ReadBytes("flat.csv", []byte("任务,责任支部,完成时限\n学习,机关党支部,年底\n研讨,机关党支部,年底\n"))
	p, err = PlanImport(ctx, s, sh, 2026)
	if err != nil || len(p.Adds) != 2 || p.Adds[1].Task.Aspect != OtherAspect || len(p.Warnings) != 3 || p.Warnings[0].Column != "方面" {
		t.Errorf("no aspect column: %v %+v", err, p)
	}
	if _, err := PlanImport(ctx, s, sh, 26); err == nil {
		t.Error("year 26 accepted")
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "none.xlsx"), nil); err == nil || !strings.Contains(err.Error(), "找不到文件") {
		t.Errorf("missing file: %v", err)
	}
}

func TestParseDue(t *testing.T) {
	for _, c := range []struct {
		in, want string
		warn     bool
	}{
		{"2026-06-30", "2026-06-30", false}, {"2026.6.30", "2026-06-30", false}, {"2026/6/30", "2026-06-30", false},
		{"2026年6月30日", "2026-06-30", false}, {"20260630", "2026-06-30", false}, {"46203", "2026-06-30", false},
		{"46203.75", "2026-06-30", false}, {"２０２６－０６－３０", "2026-06-30", false}, {"6月30日前", "2026-06-30", true},
		{"2026年6月", "2026-06-30", true}, {"202602", "2026-02-28", true}, {"2026-06", "2026-06-30", true},
		{"6月底", "2026-06-30", true}, {"6月末", "2026-06-30", true}, {"六月底前完成", "2026-06-30", true},
		{"2026年6月底", "2026-06-30", true}, {"十二月", "2026-12-31", true}, {"2月", "2026-02-28", true},
		{"6月上旬", "2026-06-10", true}, {"6月中旬", "2026-06-20", true}, {"6月下旬", "2026-06-30", true},
		{"第二季度末", "2026-06-30", true}, {"二季度", "2026-06-30", true}, {"第4季度", "2026-12-31", true},
		{"一季度末前", "2026-03-31", true}, {"Q1", "2026-03-31", true}, {"上半年", "2026-06-30", true},
		{"下半年", "2026-12-31", true}, {"年中", "2026-06-30", true}, {"年底", "2026-12-31", true},
		{"年底前", "2026-12-31", true}, {"2026年底", "2026-12-31", true}, {"2026年", "2026-12-31", true},
		{"2026", "2026-12-31", true}, {"全年", "2026-12-31", true}, {"长期坚持", "2026-12-31", true},
		{"每月", "2026-12-31", true}, {"3月至6月", "2026-06-30", true}, {"2026年3月—6月", "2026-06-30", true},
		{"3-6月", "2026-06-30", true}, {"2026-03-01至2026-06-30", "2026-06-30", true}, {"2027年1月底", "2027-01-31", true},
	} {
		d, w, err := parseDue(c.in, 2026, false)
		if err != nil || d.String() != c.want || (w != "") != c.warn {
			t.Errorf("parseDue(%q) = %s, %q, %v; want %s warn=%v", c.in, d, w, err, c.want, c.warn)
		}
	}
	if d, _, _ := parseDue("6月底", 2025, false); d.String() != "2025-06-30" {
		t.Errorf("plan year 2025: %s", d)
	}
	if d, _, _ := parseDue("44742", 2026, true); d.String() != "2026-07-01" {
		t.Errorf("1904 serial: %s", d)
	}
	for _, bad := range []string{"", "尽快", "下旬", "13月", "2026-02-30", "6月31日", "第五季度", "99"} {
		if d, _, err := parseDue(bad, 2026, false); err == nil {
			t.Errorf("parseDue(%q) = %s", bad, d)
		}
	}
}

func TestSplitBranchesAndNumbering(t *testing.T) {
	for in, want := range map[string]string{
		"机关党支部、第一车队党支部":        "机关党支部|第一车队党支部",
		"机关党支部，第一车队党支部；调度中心":   "机关党支部|第一车队党支部|调度中心",
		"机关党支部（牵头）\n第二车队党支部":   "机关党支部|第二车队党支部",
		"机关党支部 机关党支部  第三车队党支部": "机关党支部|第三车队党支部",
		"机关党支部/第三车队":           "机关党支部|第三车队",
	} {
		names, all := splitBranches(in)
		if got := strings.Join(names, "|"); got != want || all {
			t.Errorf("splitBranches(%q) = %s %v", in, got, all)
		}
	}
	for _, in := range []string{"全部", "各支部", "各党支部", "各基层党支部", "各党支部（机关党支部牵头）", "全体党支部"} {
		if _, all := splitBranches(in); !all {
			t.Errorf("%q is not every branch", in)
		}
	}
	for in, want := range map[string]string{"一、政治建设": "政治建设", "（二）思想建设（20分）": "思想建设", "3.组织建设": "组织建设",
		"政治建设": "政治建设", "1.5万人次宣讲": "1.5万人次宣讲"} {
		if got := normAspect(in); got != want {
			t.Errorf("normAspect(%q) = %q", in, got)
		}
	}
	if got := normTitle("（3）开展谈心谈话"); got != "开展谈心谈话" {
		t.Errorf("normTitle: %q", got)
	}
	for in, want := range map[string]data.Points{"2.5": 25, "3分": 30, "2.4999999999": 25, "１０": 100} {
		if got, err := parsePoints(in); err != nil || got != want {
			t.Errorf("parsePoints(%q) = %v %v", in, got, err)
		}
	}
	if _, err := parsePoints("2.46"); err == nil {
		t.Error("2.46 accepted")
	}
}

// A branch copy cannot import the year's task list: only the office
// publishes tasks (issue 11: it assigned tasks to other branches).
func TestImportRefusedOnBranchCopy(t *testing.T) {
	s, ids := orgStore(t)
	var branch int64
	for k, id := range ids {
		if strings.HasSuffix(k, "党支部") {
			branch = id
			break
		}
	}
	if err := s.SetRole(ctx, data.RoleOffice, data.Role{BranchID: branch}); err != nil {
		t.Fatal(err)
	}
	sh := read(t, seedPlanFile(t))
	if _, err := PlanImport(ctx, s, sh, 2026); !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("plan on a branch copy: %v", err)
	}
	if _, err := Apply(ctx, s, sh, 2026, sheet.ValidOnly, nil); !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("apply on a branch copy: %v", err)
	}
	if tasks, _ := s.Tasks(ctx, 2026); len(tasks) != 0 {
		t.Fatalf("a branch copy imported %d tasks", len(tasks))
	}
}
