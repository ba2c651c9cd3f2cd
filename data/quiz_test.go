package data

import (
	"errors"
	"strings"
	"testing"
)

func TestNormAnswer(t *testing.T) {
	for _, c := range []struct{ kind, in, want string }{
		{QuestionSingle, "a", "A"}, {QuestionMulti, "C、A", "AC"}, {QuestionMulti, "A,B, D", "ABD"}, {QuestionMulti, "ＢＢＣ", "BC"},
		{QuestionJudge, "√", "对"}, {QuestionJudge, "正确", "对"}, {QuestionJudge, "×", "错"}, {QuestionJudge, "F", "错"},
		{QuestionJudge, "也许", "也许"},
	} {
		if got := NormAnswer(c.kind, c.in); got != c.want {
			t.Errorf("NormAnswer(%s, %q) = %q, want %q", c.kind, c.in, got, c.want)
		}
	}
}

func TestValidateQuestion(t *testing.T) {
	ok := Question{Kind: QuestionSingle, Question: "党的最高领导机关是？", Options: []string{"全国代表大会", "中央委员会", "中央政治局"},
		Answer: "A", Points: 20}
	for _, c := range []struct {
		name  string
		edit  func(q *Question)
		field string // "" valid
		msg   string
	}{
		{"valid", func(q *Question) {}, "", ""},
		{"empty question", func(q *Question) { q.Question = " " }, "question", "题目不能为空"},
		{"answer not among the options", func(q *Question) { q.Answer = "D" }, "answer", "不在选项之中"},
		{"two answers to a 单选", func(q *Question) { q.Answer = "AB" }, "answer", "只能有一个答案"},
		{"multi fine", func(q *Question) { q.Kind, q.Answer = QuestionMulti, "AC" }, "", ""},
		{"multi outside", func(q *Question) { q.Kind, q.Answer = QuestionMulti, "AE" }, "answer", "不在选项之中"},
		{"no answer", func(q *Question) { q.Answer = "" }, "answer", "没有填写答案"},
		{"one option", func(q *Question) { q.Options = []string{"全国代表大会", "", ""} }, "options", "至少要有两个选项"},
		{"a gap in the options", func(q *Question) { q.Options = []string{"甲", "", "丙"} }, "options", "选项B是空的"},
		{"trailing empties are fine", func(q *Question) { q.Options = []string{"甲", "乙", "", ""} }, "", ""},
		{"no points", func(q *Question) { q.Points = 0 }, "points", "分值"},
		{"judge", func(q *Question) { q.Kind, q.Options, q.Answer = QuestionJudge, nil, "对" }, "", ""},
		{"judge with a letter", func(q *Question) { q.Kind, q.Options, q.Answer = QuestionJudge, nil, "A" }, "answer", "应为“对”或“错”"},
		{"unknown kind", func(q *Question) { q.Kind = "填空" }, "kind", "题型"},
	} {
		q := ok
		q.Options = append([]string(nil), ok.Options...)
		c.edit(&q)
		is := ValidateQuestion(q)
		if c.field == "" {
			if len(is) > 0 {
				t.Errorf("%s: %v", c.name, is)
			}
			continue
		}
		if len(is) == 0 || is[0].Field != c.field || !strings.Contains(is[0].Msg, c.msg) {
			t.Errorf("%s: %v, want %s: %s", c.name, is, c.field, c.msg)
		}
	}
}

func TestQuestionStore(t *testing.T) {
	o := newClOrg(t)
	q := Question{Kind: QuestionMulti, Question: "三会一课包括？", Options: []string{"支部党员大会", "支部委员会", "党小组会", "党课", ""},
		Answer: "d, a, b, c", Points: 20, Category: "党章党规"}
	if _, err := o.s.SaveQuestion(ctx, Role{BranchID: o.b1.ID}, q); !errors.Is(err, ErrForbidden) {
		t.Errorf("a branch added to the bank: %v", err)
	}
	saved, err := o.s.SaveQuestion(ctx, RoleOffice, q)
	if err != nil || saved.Answer != "ABCD" || len(saved.Options) != 4 {
		t.Fatalf("saved: %+v %v", saved, err)
	}
	dup := q
	dup.Question = " 三会一课包括？ "
	var ve *ValidationError
	if _, err := o.s.SaveQuestion(ctx, RoleOffice, dup); !errors.As(err, &ve) || !strings.Contains(ve.Error(), "已有相同的题目") {
		t.Errorf("duplicate accepted: %v", err)
	}
	saved.Points = 30
	if _, err := o.s.SaveQuestion(ctx, RoleOffice, saved); err != nil {
		t.Errorf("editing a question refused as its own duplicate: %v", err)
	}
	list, _ := o.s.Questions(ctx, "党章党规")
	if len(list) != 1 || list[0].Points != 30 {
		t.Fatalf("bank: %+v", list)
	}
	if err := o.s.DeleteQuestion(ctx, RoleOffice, saved.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := o.s.Questions(ctx, ""); len(list) != 0 {
		t.Errorf("deleted question still listed")
	}
	if _, err := o.s.SaveQuestion(ctx, RoleOffice, dup); err != nil {
		t.Errorf("a deleted question still blocks its text: %v", err)
	}
}

func testBank() []Question {
	var bank []Question
	for i := 1; i <= 12; i++ {
		q := Question{ID: int64(i), Kind: QuestionSingle, Question: "题" + string(rune('甲'+i)), Options: []string{"甲", "乙"}, Answer: "A",
			Points: 10, Category: "党章"}
		if i%4 == 0 {
			q.Kind, q.Options, q.Answer = QuestionJudge, nil, "对"
		}
		if i%5 == 0 {
			q.Kind, q.Answer, q.Category = QuestionMulti, "AB", "党史"
		}
		bank = append(bank, q)
	}
	return bank
}

func TestDrawQuiz(t *testing.T) {
	bank := testBank()
	ids := func(q Quiz) (out []int64) {
		for _, x := range q.Questions {
			out = append(out, x.ID)
		}
		return
	}
	fixed, err := DrawQuiz(bank, "", 5, 0)
	if err != nil {
		t.Fatal(err)
	}
	// The first five, grouped 单选 (1, 2, 3) then 多选 (5) then 判断 (4).
	if got := ids(fixed); len(got) != 5 || got[0] != 1 || got[3] != 5 || got[4] != 4 {
		t.Errorf("fixed draw: %v", got)
	}
	a, _ := DrawQuiz(bank, "", 6, 42)
	b, _ := DrawQuiz(testBank(), "", 6, 42)
	c, _ := DrawQuiz(testBank(), "", 6, 43)
	if len(ids(a)) != 6 || !equalIDs(ids(a), ids(b)) {
		t.Errorf("same seed, different papers: %v %v", ids(a), ids(b))
	}
	if equalIDs(ids(a), ids(c)) {
		t.Errorf("seeds 42 and 43 drew the same paper: %v", ids(a))
	}
	seen := map[int64]bool{}
	for _, id := range ids(a) {
		if seen[id] {
			t.Errorf("question %d drawn twice", id)
		}
		seen[id] = true
	}
	hist, err := DrawQuiz(bank, "党史", 2, 7)
	if err != nil || len(hist.Questions) != 2 || hist.Questions[0].Category != "党史" {
		t.Errorf("by category: %+v %v", hist, err)
	}
	if _, err := DrawQuiz(bank, "党史", 3, 7); err == nil || !strings.Contains(err.Error(), "只有 2 道题") {
		t.Errorf("too few: %v", err)
	}
	if fixed.MaxScore() != 50 {
		t.Errorf("max score %v", fixed.MaxScore())
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestScoreQuiz(t *testing.T) {
	q, _ := DrawQuiz(testBank(), "", 5, 0) // 1, 2, 3 单选 A; 5 多选 AB; 4 判断 对
	score, ans := ScoreQuiz(q, map[int64]string{1: "a", 2: "B", 5: "A", 4: "√"})
	if score != 20 {
		t.Errorf("score %v, want 2 (1 and 4 right; 2 wrong, 3 blank, 5 half is wrong)", score)
	}
	right := map[int64]bool{}
	for _, a := range ans {
		right[a.QuestionID] = a.Right
	}
	if !right[1] || right[2] || right[3] || !right[4] || right[5] {
		t.Errorf("marks: %+v", ans)
	}
}

func TestQuizResultEarnsPoints(t *testing.T) {
	o := newStudyOrg(t)
	if err := o.s.SavePointsRule(ctx, RoleOffice, PointsRule{Kind: RuleQuiz, Points: 100, MonthlyCap: 150}); err != nil {
		t.Fatal(err)
	}
	save := func(role Role, name, date string, score Points) error {
		_, err := o.s.SaveQuizResult(ctx, role, QuizResult{MemberID: o.m[name].ID, Date: MustDate(date), Title: "党章知识竞赛",
			Score: score, MaxScore: 100})
		return err
	}
	if err := save(Role{BranchID: o.b2.ID}, "甲", "2026-11-05", 80); !errors.Is(err, ErrForbidden) {
		t.Errorf("second branch recorded 甲's quiz: %v", err)
	}
	var ve *ValidationError
	if err := save(RoleOffice, "甲", "2026-11-05", 120); !errors.As(err, &ve) {
		t.Errorf("score above full marks: %v", err)
	}
	for _, c := range []struct {
		name, date string
		score      Points
	}{{"甲", "2026-11-05", 80}, {"甲", "2026-11-20", 90}, {"乙", "2026-11-05", 100}} {
		if err := save(RoleOffice, c.name, c.date, c.score); err != nil {
			t.Fatal(err)
		}
	}
	// 10 分 for full marks, at most 15 a month: 甲 8 + 7 (capped), 乙 10.
	r, err := o.s.Rankings(ctx, RankPeriod{2026, 11}, o.b1.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Points{}
	for _, x := range r.Study {
		got[x.Name] = x.Points
	}
	if got["甲"] != 150 || got["乙"] != 100 || r.Study[0].Name != "甲" {
		t.Errorf("study ranking: %+v", r.Study)
	}
	list, _ := o.s.QuizResults(ctx, o.m["甲"].ID)
	if len(list) != 2 || list[0].Score != 90 {
		t.Errorf("results: %+v", list)
	}
}
