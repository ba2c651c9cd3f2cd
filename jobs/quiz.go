package jobs

import (
	"context"
	"fmt"
	"io"
	"strings"

	"dangjian/data"
	"dangjian/data/questionimport"
	"dangjian/data/sheet"
	"dangjian/report"
)

// PreviewQuestions reads a question bank and plans its import.
func PreviewQuestions(ctx context.Context, s *data.Store, path string, p Progress) (*sheet.Sheet, *questionimport.Plan, error) {
	sh, err := questionimport.ReadFile(path, p.fraction("读取题库"))
	if err != nil {
		return nil, nil, err
	}
	plan, err := questionimport.PlanImport(ctx, s, sh)
	return sh, plan, err
}

// ApplyQuestions imports a bank read by PreviewQuestions.
func ApplyQuestions(ctx context.Context, s *data.Store, sh *sheet.Sheet, mode sheet.Mode, p Progress) (sheet.Result, error) {
	return questionimport.Apply(ctx, s, sh, mode, p.fraction("正在导入题库"))
}

// ImportQuestions reads a question bank and imports it.
func ImportQuestions(ctx context.Context, s *data.Store, path string, mode sheet.Mode, p Progress) (sheet.Result, error) {
	sh, err := questionimport.ReadFile(path, p.fraction("读取题库"))
	if err != nil {
		return sheet.EmptyResult(), err
	}
	return ApplyQuestions(ctx, s, sh, mode, p)
}

// QuizPrint says which paper to print: count questions of the category
// ("" any) drawn with seed (0: the first ones), titled title, with the
// answer key after the paper when answers is set.
type QuizPrint struct {
	Title    string
	Category string
	Count    int
	Seed     int64
	Answers  bool
	Out      string
}

// PrintQuiz draws a quiz from the bank and prints its paper (and key).
func PrintQuiz(ctx context.Context, s *data.Store, o QuizPrint, p Progress) (Done, error) {
	p.step(0, 2, "抽取题目")
	bank, err := s.Questions(ctx, "")
	if err != nil {
		return Done{}, err
	}
	if len(bank) == 0 {
		return Done{}, fmt.Errorf("题库是空的，请先导入知识竞赛题库")
	}
	q, err := data.DrawQuiz(bank, strings.TrimSpace(o.Category), o.Count, o.Seed)
	if err != nil {
		return Done{}, err
	}
	q.Title = o.Title
	org, err := OrgName(ctx, s)
	if err != nil {
		return Done{}, err
	}
	opts := report.QuizOptions{Org: org, Title: o.Title, Answers: o.Answers}
	if err := write(Options{Out: o.Out}, p, 1, 2, func(w io.Writer) error { return report.QuizPaper(w, q, opts) }); err != nil {
		return Done{}, err
	}
	what := "试卷"
	if o.Answers {
		what = "试卷及答案"
	}
	return Done{Path: o.Out, Count: len(q.Questions), Message: fmt.Sprintf("已打印知识竞赛%s（%d 题，满分 %s 分）：%s", what,
		len(q.Questions), q.MaxScore(), o.Out)}, nil
}
