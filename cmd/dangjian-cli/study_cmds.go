package main

import (
	"fmt"
	"strings"

	"dangjian/data"
	"dangjian/data/sheet"
	"dangjian/jobs"
)

// cmdImportStudy imports a 学习台账. Output (text or --json) and exit
// codes are those of `import members`.
func cmdImportStudy(e *env, args []string) int {
	return runImport(e, args, importJob{
		name:  "import study",
		usage: "用法：dangjian-cli import study 学习台账.xlsx|.csv [--mode valid-only|all-or-nothing] [--json]",
		run: func(path string, mode sheet.Mode, p jobs.Progress) (sheet.Result, error) {
			return jobs.ImportStudy(e.ctx, e.store, path, mode, p)
		},
		counts: func(res sheet.Result) string {
			return fmt.Sprintf("新增学习记录 %d 条，已存在 %d 条", res.Imported, res.Unchanged)
		},
	})
}

// rankJSON is one line of `points rank --json`; points and hours in 分
// and 学时 (2.5, not tenths).
type rankJSON struct {
	Name   string   `json:"name"`
	Branch string   `json:"branch"`
	Points float64  `json:"points"`
	Hours  *float64 `json:"hours,omitempty"`
	Rank   int      `json:"rank"`
}

// ranksJSON is the output of `points rank --json`, best first.
type ranksJSON struct {
	Overall []rankJSON `json:"overall"`
	Study   []rankJSON `json:"study"`
}

// cmdPointsRank prints the 综合排名 and 学习排名 of a period (all time, a
// year, a month) for one branch or everyone on the roster. Exit 0, or 2
// on error.
func cmdPointsRank(e *env, args []string) int {
	fs := flags(e, "points rank")
	year := fs.Int("year", 0, "年度 YYYY（不写：全部时间）")
	month := fs.Int("month", 0, "月份 1-12（须同时写 --year）")
	branch := fs.String("branch", "", "只排这个党支部（全称或简称）")
	asJSON := fs.Bool("json", false, "输出 JSON")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	if len(pos) > 0 {
		return fail(e, fmt.Errorf("多余的参数：%s", strings.Join(pos, " ")))
	}
	period := data.RankPeriod{Year: *year, Month: *month}
	r, err := jobs.PointsRanking(e.ctx, e.store, period, strings.TrimSpace(*branch))
	if err != nil {
		return fail(e, err)
	}
	if *asJSON {
		out := ranksJSON{Overall: []rankJSON{}, Study: []rankJSON{}}
		for _, x := range r.Overall {
			out.Overall = append(out.Overall, rankJSON{Name: x.Name, Branch: x.Branch, Points: float64(x.Points) / 10, Rank: x.Rank})
		}
		for _, x := range r.Study {
			h := float64(x.Hours) / 10
			out.Study = append(out.Study, rankJSON{Name: x.Name, Branch: x.Branch, Points: float64(x.Points) / 10, Hours: &h, Rank: x.Rank})
		}
		if err := writeJSON(e.out, out); err != nil {
			return fail(e, err)
		}
		return exitOK
	}
	w := e.out
	scope := "全体党员"
	if *branch != "" {
		scope = *branch
	}
	fmt.Fprintf(w, "积分排名（%s，%s）\n\n综合排名\n", scope, period)
	for _, x := range r.Overall {
		fmt.Fprintf(w, "%4d  %-6s  %-12s  %s 分\n", x.Rank, x.Name, x.Branch, x.Points)
	}
	fmt.Fprintln(w, "\n学习排名")
	for _, x := range r.Study {
		fmt.Fprintf(w, "%4d  %-6s  %-12s  %s 分  %s 学时\n", x.Rank, x.Name, x.Branch, x.Points, x.Hours)
	}
	return exitOK
}

// cmdImportQuestions imports a 知识竞赛 question bank. Output (text or
// --json) and exit codes are those of `import members`.
func cmdImportQuestions(e *env, args []string) int {
	return runImport(e, args, importJob{
		name:  "import questions",
		usage: "用法：dangjian-cli import questions 题库.xlsx|.csv [--mode valid-only|all-or-nothing] [--json]",
		run: func(path string, mode sheet.Mode, p jobs.Progress) (sheet.Result, error) {
			return jobs.ImportQuestions(e.ctx, e.store, path, mode, p)
		},
		counts: func(res sheet.Result) string { return fmt.Sprintf("新增题目 %d 道", res.Imported) },
	})
}

// cmdExportQuiz draws a quiz from the bank and prints the paper (and, with
// --answers, the answer key on pages of its own).
func cmdExportQuiz(e *env, args []string) int {
	fs := flags(e, "export quiz")
	count := fs.Int("count", 0, "题目数量")
	category := fs.String("category", "", "只从这一类别抽题")
	seed := fs.Int64("seed", 0, "随机抽题的种子（同一种子抽出同一份试卷；0：按题库顺序取前 N 道）")
	answers := fs.Bool("answers", false, "在试卷后附答案（另起一页）")
	title := fs.String("title", "知识竞赛试卷", "试卷标题")
	out := fs.String("out", "", "输出 PDF 文件路径")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	if *count <= 0 || *out == "" || len(pos) > 0 {
		return fail(e, fmt.Errorf("用法：dangjian-cli export quiz --count N [--category 类别] [--seed S] [--answers] --out 试卷.pdf"))
	}
	return e.finish(jobs.PrintQuiz(e.ctx, e.store, jobs.QuizPrint{Title: *title, Category: *category, Count: *count, Seed: *seed,
		Answers: *answers, Out: *out}, progress(e)))
}
