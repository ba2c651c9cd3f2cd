package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"dangjian/data"
)

// testBranches are the eight branches of the test organisation.
var testBranches = []struct {
	id   int64
	name string
}{
	{11, "第一车队党支部"}, {12, "第二车队党支部"}, {13, "第三车队党支部"}, {14, "修理厂党支部"},
	{15, "调度中心党支部"}, {16, "场站管理党支部"}, {17, "机关第一党支部"}, {18, "离退休党支部"},
}

func testBranchName(id int64) string {
	for _, b := range testBranches {
		if b.id == id {
			return b.name
		}
	}
	return ""
}

// testItems are the shipped default checklist (19 items in 7 dimensions)
// as the store hands them out for 2026.
func testItems(t *testing.T) []data.ChecklistItem {
	t.Helper()
	b, err := os.ReadFile("../data/defaults/checklist.json")
	if err != nil {
		t.Fatal(err)
	}
	var def struct {
		Items []struct {
			Dimension, Item, Evidence, Rule string
			Points                          float64
			Bonus                           bool
		} `json:"items"`
	}
	if err := json.Unmarshal(b, &def); err != nil {
		t.Fatal(err)
	}
	var out []data.ChecklistItem
	for i, d := range def.Items {
		out = append(out, data.ChecklistItem{ID: int64(100 + i), Year: 2026, Dimension: d.Dimension, Item: d.Item,
			Points: data.Points(d.Points*10 + 0.5), Evidence: d.Evidence, Rule: d.Rule, Bonus: d.Bonus, SortOrder: i})
	}
	if len(out) != 19 {
		t.Fatalf("default checklist has %d items, the tests expect 19", len(out))
	}
	return out
}

// longReason and longEvidence wrap over several lines of their cells.
const (
	longReason   = "支委会应开 11 次，已开 8 次——缺 3月、8月、10月；其中 5月的会议记录未写明议题，6月会议由组织委员代为主持，均已按 2026 年第 3 号通知要求补充说明。"
	longComment  = "发展党员材料齐全，但 2 名发展对象的政治审查材料缺少函调单位盖章，入党志愿书第 7 页填写不规范，已退回补正后复核，酌情扣 2.5 分。"
	longEvidence = "《党费收缴台账（2026年1—10月）》、银行转账凭证 10 份、党费使用情况公示照片 3 张（见附件 dues-2026.zip）"
)

// testEvaluations scores the 19 items for the eight branches the way
// data.Store.Evaluate does: automatic items with reasons, manual items
// with the reviewer's comment, some still waiting for one.
func testEvaluations(t *testing.T) []data.BranchEvaluation {
	items := testItems(t)
	var out []data.BranchEvaluation
	for bi, b := range testBranches {
		ev := data.BranchEvaluation{BranchID: b.id, Branch: b.name}
		dims := map[string]*data.DimScore{}
		var order []string
		for ii, it := range items {
			sc := data.ItemScore{Item: it, BranchID: b.id}
			switch {
			case it.Rule != "":
				// Branch bi misses bi periods of 12, more or less.
				held := 12 - (bi+ii)%5
				sc.Auto, sc.Scored = true, true
				sc.Score = data.Points((int(it.Points)*held + 6) / 12)
				sc.Reason = fmt.Sprintf("%s应开 12 次，已开 %d 次", data.AutoRuleLabel(it.Rule), held)
				if bi == 0 && it.Rule == "committee_monthly" {
					sc.Reason = longReason
				}
			case bi == 4 && (it.Item == "发展党员程序规范" || it.Bonus):
				// 调度中心: not reviewed yet.
				sc.Evidence = "已上传"
			case it.Bonus:
				if bi%3 == 0 {
					sc.Scored, sc.Score, sc.Reason, sc.Comment = true, 50, "获市交通运输系统先进基层党组织表彰", "获市交通运输系统先进基层党组织表彰"
					sc.ScoredBy = "李建国"
					sc.Evidence = "市交委〔2026〕12 号表彰文件"
				} else {
					sc.Scored, sc.Score = true, 0
					sc.Reason, sc.Comment, sc.ScoredBy = "本年度无", "本年度无", "李建国"
				}
			default:
				sc.Scored = true
				sc.Score = it.Points - data.Points(5*((bi+ii)%3))
				sc.Reason = "材料齐全，符合要求"
				sc.Comment = sc.Reason
				sc.ScoredBy = "李建国"
				sc.Evidence = "已按要求提交"
				if it.Item == "发展党员程序规范" && bi == 0 {
					sc.Score, sc.Reason, sc.Comment = 55, longComment, longComment
				}
				if it.Item == "党费按时足额收缴" && bi == 0 {
					sc.Evidence = longEvidence
				}
			}
			if !sc.Scored {
				ev.Unscored++
			}
			ev.Items = append(ev.Items, sc)
			d := dims[it.Dimension]
			if d == nil {
				d = &data.DimScore{Name: it.Dimension}
				dims[it.Dimension] = d
				order = append(order, it.Dimension)
			}
			d.Score += sc.Score
			d.Max += it.Points
			ev.Score += sc.Score
			if !it.Bonus {
				ev.Max += it.Points
			}
		}
		for _, n := range order {
			ev.Dimensions = append(ev.Dimensions, *dims[n])
		}
		out = append(out, ev)
	}
	return out
}

// testScores ranks the evaluations with task scores added.
func testScores(evals []data.BranchEvaluation) []data.BranchScore {
	var out []data.BranchScore
	for i, ev := range evals {
		tmax := data.Points(300 + 20*(i%3))
		tasks := tmax - data.Points(35*i)
		if i == 6 { // a tie with 第二车队 is possible; make one on purpose below
			tasks = tmax
		}
		out = append(out, data.BranchScore{BranchID: ev.BranchID, Branch: ev.Branch, Checklist: ev.Score, ChecklistMax: ev.Max,
			Tasks: tasks, TasksMax: tmax, Total: ev.Score + tasks, Max: ev.Max + tmax, Dimensions: ev.Dimensions,
			Unscored: ev.Unscored, OpenTasks: i % 4})
	}
	// Two branches tie.
	out[3].Total = out[2].Total
	out[3].Tasks = out[3].Total - out[3].Checklist
	data.Rank(out)
	return out
}

func renderChecklist(t *testing.T, name string, evals []data.BranchEvaluation, opts ChecklistOptions) (string, []byte) {
	t.Helper()
	if opts.Created.IsZero() {
		opts.Created = testTime
	}
	var buf bytes.Buffer
	if err := ChecklistReport(&buf, evals, opts); err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/" + name
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	keep(t, path, name)
	return path, buf.Bytes()
}

func TestChecklistReport(t *testing.T) {
	evals := testEvaluations(t)
	scores := testScores(evals)
	opts := ChecklistOptions{Year: 2026, Org: "市公交集团第三党总支", AsOf: data.NewDate(2026, 11, 27), Scores: scores}
	path, pdf := renderChecklist(t, "checklist.pdf", evals, opts)

	// The ranking page: title, the table in rank order, the chart.
	first := pageText(t, path, 1)
	assertContains(t, "ranking page", first, "2026年度标准化党支部建设考评结果", "党总支：市公交集团第三党总支",
		"统计截至：2026年11月27日", "一、考评结果排名", "二、总分对比图", "名次", "考评得分/满分", "任务得分/满分", "总分/满分")
	sq := squash(first)
	last := -1
	for _, s := range scores {
		row := squash(fmt.Sprintf("%d %s %s / %s %s / %s %s / %s", s.Rank, s.Branch, s.Checklist, s.ChecklistMax, s.Tasks, s.TasksMax, s.Total, s.Max))
		i := strings.Index(sq, row)
		if i < 0 {
			t.Errorf("ranking lacks row %q", row)
			continue
		}
		if i < last {
			t.Errorf("row %q out of rank order", row)
		}
		last = i
	}
	tie := false
	for i := 1; i < len(scores); i++ {
		tie = tie || scores[i].Rank == scores[i-1].Rank
	}
	if !tie {
		t.Fatal("test data should have a tie")
	}
	if n := pngImages(t, path, pdf); n != 1 {
		t.Errorf("PDF holds %d images, want the chart", n)
	}

	all := pageText(t, path, 0)
	assertContains(t, "whole report", all, "三、各维度得分", "组织设置与班子建设（20分）", "加分项（10分）", "制表人：", "审核人：")
	sqAll := squash(all)
	for i, ev := range evals {
		title := EvaluationTitle(ev.Branch, 2026)
		at := strings.Index(sqAll, squash(title))
		if at < 0 {
			t.Errorf("no form for %s", ev.Branch)
			continue
		}
		form := sqAll[at:]
		if i+1 < len(evals) {
			if next := strings.Index(form, squash(EvaluationTitle(evals[i+1].Branch, 2026))); next >= 0 {
				form = form[:next]
			}
		}
		for _, sc := range ev.Items {
			want := []string{sc.Item.Item, sc.Item.Points.String()}
			switch {
			case sc.Auto:
				want = append(want, sc.Reason)
			case !sc.Scored:
				want = append(want, "待评", "待审核人评分")
			default:
				want = append(want, sc.Reason+"（评分人："+sc.ScoredBy+"）")
			}
			switch {
			case sc.Evidence != "":
				want = append(want, sc.Evidence)
			case sc.Auto:
				want = append(want, "系统自动评分")
			default:
				want = append(want, "未提交")
			}
			for _, w := range want {
				if !strings.Contains(form, squash(w)) {
					t.Errorf("%s: item %q lacks %q", ev.Branch, sc.Item.Item, w)
				}
			}
		}
		total := fmt.Sprintf("合计%s%s", ev.Max, ev.Score)
		if !strings.Contains(form, total) {
			t.Errorf("%s: no total %q", ev.Branch, total)
		}
		for _, w := range []string{"考评人：", "审核人：", "日期：", fmt.Sprintf("考评得分%s分（满分%s分，另设加分10分）", ev.Score, ev.Max)} {
			if !strings.Contains(form, w) {
				t.Errorf("%s: form lacks %q", ev.Branch, w)
			}
		}
	}
	// The long texts read back whole.
	for _, w := range []string{longReason, longComment, longEvidence} {
		if !strings.Contains(sqAll, squash(w)) {
			t.Errorf("wrapped text lost characters: %q", w)
		}
	}
	// The unreviewed branch says so.
	assertContains(t, "调度中心", all, "待评 2 项（未计入得分）", "待评 2 项，未计入得分")

	// Outline: the ranking's sections, then a branch entry each.
	ol := readOutline(t, pdf)
	want := []outlineItem{{RankingTitle(2026), 0}, {"一、考评结果排名", 1}, {"二、总分对比图", 1}, {"三、各维度得分", 1},
		{"各党支部考评表（8 个）", 0}}
	for _, b := range testBranches {
		want = append(want, outlineItem{b.name, 1})
	}
	if fmt.Sprint(ol) != fmt.Sprint(want) {
		t.Errorf("outline\n got %v\nwant %v", ol, want)
	}
}

// pngImages counts the images in a PDF: pdfimages -list when installed,
// else the image objects in the bytes.
func pngImages(t *testing.T, path string, pdf []byte) int {
	t.Helper()
	n := bytes.Count(pdf, []byte("/Subtype /Image"))
	if _, err := os.Stat("/usr/bin/pdfimages"); err == nil {
		out := poppler(t, "pdfimages", "-list", path)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) >= 2 {
			lines = lines[2:] // header and rule
		}
		re := regexp.MustCompile(`\bimage\s+1600\s+\d+\s+rgb\b`)
		for _, l := range lines {
			if !re.MatchString(l) {
				t.Errorf("unexpected image: %s", l)
			}
		}
		if len(lines) != n {
			t.Errorf("pdfimages lists %d images, the bytes hold %d", len(lines), n)
		}
	}
	return n
}

func TestChecklistReportOneBranch(t *testing.T) {
	evals := testEvaluations(t)[:1]
	path, pdf := renderChecklist(t, "checklist-one.pdf", evals, ChecklistOptions{Org: "市公交集团第三党总支", AsOf: data.NewDate(2026, 12, 31)})
	text := pageText(t, path, 0)
	assertContains(t, "one branch", text, "第一车队党支部标准化建设考评表（2026年度）", "统计截至：2026年12月31日",
		"一、组织设置与班子建设", "七、加分项（不计入满分）", longReason)
	if strings.Contains(text, "考评结果") {
		t.Error("a single form carries the ranking")
	}
	if n := bytes.Count(pdf, []byte("/Subtype /Image")); n != 0 {
		t.Errorf("%d images without a ranking", n)
	}
	ol := readOutline(t, pdf)
	if len(ol) != 1 || ol[0] != (outlineItem{"第一车队党支部", 0}) {
		t.Errorf("outline %v", ol)
	}
}

func TestChecklistReportEmpty(t *testing.T) {
	path, _ := renderChecklist(t, "checklist-empty.pdf", nil, ChecklistOptions{Year: 2026, AsOf: data.NewDate(2026, 3, 1)})
	assertContains(t, "empty", pageText(t, path, 0), "2026年度标准化党支部建设考评表", "没有可打印的考评结果。")
}

// TestChecklistReportManyBranches squeezes the chart of 40 branches onto a
// page rather than let it run off.
func TestChecklistReportManyBranches(t *testing.T) {
	var scores []data.BranchScore
	for i := range 40 {
		scores = append(scores, data.BranchScore{BranchID: int64(i + 1), Branch: fmt.Sprintf("第%s党支部", chineseNumeral(i+1)),
			Checklist: data.Points(1000 - 10*i), ChecklistMax: 1000, Total: data.Points(1000 - 10*i), Max: 1000})
	}
	data.Rank(scores)
	path, pdf := renderChecklist(t, "checklist-40.pdf", nil, ChecklistOptions{Year: 2026, AsOf: data.NewDate(2026, 12, 31), Scores: scores})
	if n := pngImages(t, path, pdf); n != 1 {
		t.Errorf("%d images", n)
	}
	assertContains(t, "40 branches", pageText(t, path, 0), "第四十党支部", "二、总分对比图")
}
