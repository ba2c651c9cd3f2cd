package jobs

import (
	"context"
	"errors"
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

// PrintQuizResults prints the given 知识竞赛 results (as the screen lists
// them for a branch and period) with each quiz's summary into out.
func PrintQuizResults(ctx context.Context, s *data.Store, results []data.QuizResult, branchID int64, period string, out string, p Progress) (Done, error) {
	p.step(0, 2, "整理竞赛成绩")
	if len(results) == 0 {
		return Done{}, errors.New("所选期间还没有竞赛成绩，没有可打印的内容")
	}
	org, err := OrgName(ctx, s)
	if err != nil {
		return Done{}, err
	}
	names, err := s.UnitNames(ctx)
	if err != nil {
		return Done{}, err
	}
	bank, err := s.Questions(ctx, "")
	if err != nil {
		return Done{}, err
	}
	text := map[int64]string{}
	for _, q := range bank {
		text[q.ID] = q.Question
	}
	o := report.QuizResultsOptions{Org: org, Branch: names[branchID], Period: period, AsOf: s.Today(),
		UnitName: func(id int64) string { return names[id] }, Question: func(id int64) string { return text[id] }}
	if err := writeRecord(ctx, s, Options{Out: out}, p, 1, 2, func(w io.Writer) error { return report.QuizResults(w, results, o) }); err != nil {
		return Done{}, err
	}
	return Done{Path: out, Count: len(results), Message: fmt.Sprintf("已打印%s（%d 人次）：%s", report.QuizResultsTitle, len(results), out)}, nil
}
