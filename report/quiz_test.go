package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/data"
)

func TestQuizPaperAndKey(t *testing.T) {
	q := data.Quiz{Questions: []data.Question{
		{ID: 1, Kind: data.QuestionSingle, Question: "党的最高领导机关是？", Options: []string{"全国代表大会", "中央委员会"}, Answer: "A", Points: 20},
		{ID: 2, Kind: data.QuestionMulti, Question: "三会一课包括？", Options: []string{"支部党员大会", "支部委员会", "党小组会", "党课"}, Answer: "ABCD", Points: 40},
		{ID: 3, Kind: data.QuestionJudge, Question: "预备党员有表决权。", Answer: "错", Points: 20},
	}}
	render := func(answers bool) string {
		var buf bytes.Buffer
		if err := QuizPaper(&buf, q, QuizOptions{Org: "示范党总支", Title: "党章知识竞赛", Answers: answers, Created: testTime}); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "quiz.pdf")
		os.WriteFile(path, buf.Bytes(), 0o644)
		if answers {
			keep(t, path, "quiz-key.pdf")
		}
		return squash(pageText(t, path, 0))
	}
	paper := render(false)
	inOrder(t, paper, []string{"党章知识竞赛", "共3题，满分8分", "姓名：", "党支部：", "得分：",
		"一、单项选择题（每题2分，共1题）", "1.党的最高领导机关是？（2分）", "A.全国代表大会", "B.中央委员会",
		"二、多项选择题（每题4分，共1题）", "2.三会一课包括？（4分）", "A.支部党员大会", "D.党课",
		"三、判断题（每题2分，共1题）", "3.预备党员有表决权。（2分）（）"})
	if strings.Contains(paper, "答案") {
		t.Errorf("the paper shows the answers:\n%s", paper)
	}
	key := render(true)
	inOrder(t, key, []string{"党章知识竞赛答案", "题号", "题型", "答案", "分值", "题目",
		"1", "单选", "A", "2", "党的最高领导机关是？", "2", "多选", "ABCD", "4", "三会一课包括？", "3", "判断", "错", "2", "预备党员有表决权。",
		"多项选择题须全部选对才得分"})
}

// The printed results list every result and say of each quiz what the
// screen says (data.QuizSummary.Text, one function for both).
func TestQuizResultsPrint(t *testing.T) {
	res := []data.QuizResult{
		{Name: "张三", BranchID: 1, Date: data.MustDate("2026-07-01"), Title: "党章知识竞赛", Score: 80, MaxScore: 100,
			Answers: []data.QuizAnswer{{QuestionID: 2, Right: false}, {QuestionID: 1, Right: true}}},
		{Name: "李四", BranchID: 2, Date: data.MustDate("2026-07-01"), Title: "党章知识竞赛", Score: 60, MaxScore: 100,
			Answers: []data.QuizAnswer{{QuestionID: 2, Right: false}}},
	}
	units := map[int64]string{1: "第一支部", 2: "第二支部"}
	qs := map[int64]string{1: "党的最高领导机关是？", 2: "三会一课包括？"}
	o := QuizResultsOptions{Org: "示范党总支", Period: "2026年", UnitName: func(id int64) string { return units[id] },
		Question: func(id int64) string { return qs[id] }, AsOf: data.MustDate("2026-12-04"), Created: testTime}
	var buf bytes.Buffer
	if err := QuizResults(&buf, res, o); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "results.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	text := squash(pageText(t, path, 0))
	sum := data.SummarizeQuizResults(res)
	if len(sum) != 1 || sum[0].Count != 2 || sum[0].AvgRate != 70 || sum[0].Hardest[0] != (data.QuizMiss{QuestionID: 2, Missed: 2}) {
		t.Fatalf("summary %+v", sum)
	}
	line := squash(sum[0].Text(o.UnitName, o.Question))
	inOrder(t, text, []string{"2026年知识竞赛成绩", "张三", "第一支部", "党章知识竞赛", "8/10", "李四", "6/10",
		"二、各次竞赛情况", line, "制表人："})
}
