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
