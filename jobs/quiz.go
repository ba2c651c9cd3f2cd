package jobs

import (
	"context"

	"dangjian/data"
	"dangjian/data/questionimport"
	"dangjian/data/sheet"
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
