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
