package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"dangjian/data"
	"dangjian/data/sheet"
	"dangjian/jobs"
)

// extractYear removes --year YYYY / --year=YYYY from args (runImport's
// flags are the imports' shared contract; the year is the task list's
// own). year is 0 when absent: the plan is this year's. A bad value is
// reported in err, the other arguments still returned, so that --json
// still gets its JSON error.
func extractYear(args []string) (year int, rest []string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		val := ""
		switch {
		case a == "--year" || a == "-year":
			if i+1 >= len(args) {
				err = errors.New("--year 后面需要年度，例如 --year 2026")
				continue
			}
			val = args[i+1]
			i++
		case strings.HasPrefix(a, "--year=") || strings.HasPrefix(a, "-year="):
			val = a[strings.Index(a, "=")+1:]
		default:
			rest = append(rest, a)
			continue
		}
		n, convErr := strconv.Atoi(strings.TrimSpace(val))
		if convErr != nil || n < 2000 || n > 2100 {
			err = fmt.Errorf("年度“%s”不合理，请写成 --year 2026 的形式", val)
			continue
		}
		year = n
	}
	return year, rest, err
}

// cmdImportTasks imports the year's 督办 task list. Output (text or
// --json) and exit codes are those of `import members`: 0 everything
// imported (or already on file), 1 some rows rejected in valid-only mode,
// 2 nothing imported or an error. --year is the plan's year (default this
// year): tasks are filed under it, and 6月底 means its June.
func cmdImportTasks(e *env, args []string) int {
	year, rest, yearErr := extractYear(args)
	if year == 0 {
		year = e.store.Today().Y
	}
	return runImport(e, rest, importJob{
		name:  "import tasks",
		usage: "用法：dangjian-cli import tasks 任务清单.xlsx|.csv [--year YYYY] [--mode valid-only|all-or-nothing] [--json]",
		run: func(path string, mode sheet.Mode, p jobs.Progress) (sheet.Result, error) {
			if yearErr != nil {
				return sheet.EmptyResult(), yearErr
			}
			return jobs.ImportTasks(e.ctx, e.store, path, year, mode, p)
		},
		print: func(file string, res sheet.Result, err error) { printTaskImport(e, file, year, res, err) },
	})
}

func printTaskImport(e *env, file string, year int, res sheet.Result, err error) {
	w := e.out
	if err != nil {
		fmt.Fprintf(e.errw, "错误：%v\n", err)
	} else {
		fmt.Fprintf(w, "已导入 %s（%d 年度督办任务）：新增任务 %d 项，已存在 %d 项", file, year, res.Imported, res.Unchanged)
		if n := rowsOf(res.Rejected); n > 0 {
			fmt.Fprintf(w, "，%d 行未导入", n)
		}
		fmt.Fprintln(w, "。")
	}
	printIssueLists(w, res)
}

// yearFlag checks a --year value against today.
func yearFlag(year int, today data.Date) error {
	if year < 2000 || year > today.Y+1 {
		return fmt.Errorf("年度 %d 不合理，请写成 --year %d 的形式", year, today.Y)
	}
	return nil
}

// reminderJSON is one entry of `check tasks --json`: a branch's task.
type reminderJSON struct {
	Task   string    `json:"task"`   // the task's title
	Branch string    `json:"branch"` // the responsible branch
	Due    data.Date `json:"due"`    // YYYY-MM-DD, as a 督办 may have moved it
	Status string    `json:"status"` // 待办, 已报送, 退回
	Aspect string    `json:"aspect"` // 方面
}

// remindersJSON is the output of `check tasks --json`.
type remindersJSON struct {
	Year    int            `json:"year"`
	AsOf    data.Date      `json:"as_of"`
	Overdue []reminderJSON `json:"overdue"`
	DueSoon []reminderJSON `json:"due_soon"`
}

// cmdCheckTasks lists the year's overdue tasks and those due within their
// reminder lead time, per branch. Exit code 0 when nothing is overdue, 1
// when something is, 2 on error.
func cmdCheckTasks(e *env, args []string) int {
	fs := flags(e, "check tasks")
	today := e.store.Today()
	year := fs.Int("year", today.Y, "年度 YYYY（默认今年）")
	asJSON := fs.Bool("json", false, "输出 JSON")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	if len(pos) > 0 {
		return fail(e, fmt.Errorf("多余的参数：%s", strings.Join(pos, " ")))
	}
	if err := yearFlag(*year, today); err != nil {
		return fail(e, err)
	}
	overdue, soon, err := e.store.TaskReminders(e.ctx, *year, today)
	if err != nil {
		return fail(e, err)
	}
	names, err := e.store.UnitNames(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	conv := func(list []data.Assignment) []reminderJSON {
		out := make([]reminderJSON, 0, len(list))
		for _, a := range list {
			out = append(out, reminderJSON{Task: a.Task.Title, Branch: names[a.BranchID], Due: a.Due, Status: a.Status, Aspect: a.Task.Aspect})
		}
		return out
	}
	out := remindersJSON{Year: *year, AsOf: today, Overdue: conv(overdue), DueSoon: conv(soon)}
	code := exitOK
	if len(out.Overdue) > 0 {
		code = exitPartial
	}
	if *asJSON {
		if err := writeJSON(e.out, out); err != nil {
			return fail(e, err)
		}
		return code
	}
	w := e.out
	fmt.Fprintf(w, "%d 年督办任务提醒（截至 %s）\n", *year, today.Chinese())
	head := []string{"党支部", "方面", "任务", "完成时限", "状态"}
	rows := func(list []reminderJSON, days func(data.Date) string) [][]string {
		var out [][]string
		for _, r := range list {
			out = append(out, []string{r.Branch, r.Aspect, clipText(r.Task, 30), r.Due.String(), r.Status + "（" + days(r.Due) + "）"})
		}
		return out
	}
	if len(out.Overdue) == 0 {
		fmt.Fprintln(w, "没有逾期未完成的任务。")
	} else {
		fmt.Fprintf(w, "\n已逾期（%d 项）：\n", len(out.Overdue))
		printTable(w, head, rows(out.Overdue, func(d data.Date) string { return fmt.Sprintf("逾期 %d 天", d.DaysUntil(today)) }))
	}
	if len(out.DueSoon) > 0 {
		fmt.Fprintf(w, "\n即将到期（%d 项）：\n", len(out.DueSoon))
		printTable(w, head, rows(out.DueSoon, func(d data.Date) string {
			if n := today.DaysUntil(d); n > 0 {
				return fmt.Sprintf("还有 %d 天", n)
			}
			return "今天到期"
		}))
	}
	return code
}

func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// points is a score as people read it: 86.5, not tenths.
func points(p data.Points) float64 { return float64(p) / 10 }

type dimensionJSON struct {
	Name  string  `json:"name"`
	Score float64 `json:"score"`
	Max   float64 `json:"max"`
}

// branchScoreJSON is one branch of `checklist score --json`. score, max
// and rank are the 标准化党支部 checklist's; tasks and total add the 督办
// task scores, ranked as total_rank.
type branchScoreJSON struct {
	Branch     string          `json:"branch"`
	Score      float64         `json:"score"`
	Max        float64         `json:"max"` // without bonus items
	Rank       int             `json:"rank"`
	Dimensions []dimensionJSON `json:"dimensions"`
	Unscored   int             `json:"unscored"` // manual items not yet scored by a reviewer
	Tasks      float64         `json:"tasks"`
	TasksMax   float64         `json:"tasks_max"`
	OpenTasks  int             `json:"open_tasks"`
	Total      float64         `json:"total"`
	TotalMax   float64         `json:"total_max"`
	TotalRank  int             `json:"total_rank"`
}

type scoresJSON struct {
	Year     int               `json:"year"`
	AsOf     data.Date         `json:"as_of"`
	Closed   bool              `json:"closed"` // the year is archived: its scores are frozen
	Branches []branchScoreJSON `json:"branches"`
}

// cmdChecklistScore prints every branch's 标准化党支部 checklist score for
// a year, with its dimensions, ranked by that score (equal scores share a
// rank: 1, 1, 3); the task score and the total (checklist + tasks, the
// general branch's annual ranking) follow. Exit code 0, or 2 on error.
func cmdChecklistScore(e *env, args []string) int {
	fs := flags(e, "checklist score")
	today := e.store.Today()
	year := fs.Int("year", today.Y, "年度 YYYY（默认今年）")
	asJSON := fs.Bool("json", false, "输出 JSON")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	if len(pos) > 0 {
		return fail(e, fmt.Errorf("多余的参数：%s", strings.Join(pos, " ")))
	}
	if err := yearFlag(*year, today); err != nil {
		return fail(e, err)
	}
	scores, err := e.store.Scores(e.ctx, *year)
	if err != nil {
		return fail(e, err)
	}
	closed, err := e.store.ChecklistClosed(e.ctx, *year)
	if err != nil {
		return fail(e, err)
	}
	// Ranked by the checklist score: data.Rank on a copy whose total is it.
	byChecklist := make([]data.BranchScore, len(scores))
	for i, sc := range scores {
		byChecklist[i] = sc
		byChecklist[i].Total = sc.Checklist
	}
	data.Rank(byChecklist)
	totalRank := map[int64]int{}
	for _, sc := range scores {
		totalRank[sc.BranchID] = sc.Rank
	}
	out := scoresJSON{Year: *year, AsOf: today, Closed: closed, Branches: []branchScoreJSON{}}
	for _, sc := range byChecklist {
		b := branchScoreJSON{Branch: sc.Branch, Score: points(sc.Checklist), Max: points(sc.ChecklistMax), Rank: sc.Rank,
			Dimensions: []dimensionJSON{}, Unscored: sc.Unscored, Tasks: points(sc.Tasks), TasksMax: points(sc.TasksMax),
			OpenTasks: sc.OpenTasks, Total: points(sc.Checklist + sc.Tasks), TotalMax: points(sc.ChecklistMax + sc.TasksMax),
			TotalRank: totalRank[sc.BranchID]}
		for _, d := range sc.Dimensions {
			b.Dimensions = append(b.Dimensions, dimensionJSON{Name: d.Name, Score: points(d.Score), Max: points(d.Max)})
		}
		out.Branches = append(out.Branches, b)
	}
	if *asJSON {
		if err := writeJSON(e.out, out); err != nil {
			return fail(e, err)
		}
		return exitOK
	}
	w := e.out
	state := "统计截至 " + today.Chinese()
	if closed {
		state = "已归档，分数不再变动"
	}
	fmt.Fprintf(w, "%d 年度标准化党支部考评得分（%s）\n", *year, state)
	if len(out.Branches) == 0 {
		fmt.Fprintln(w, "没有需要考评的党支部。")
		return exitOK
	}
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	var rows [][]string
	for _, b := range out.Branches {
		pending := ""
		if b.Unscored > 0 {
			pending = fmt.Sprintf("%d 项待评", b.Unscored)
		}
		rows = append(rows, []string{strconv.Itoa(b.Rank), b.Branch, num(b.Score) + "/" + num(b.Max),
			num(b.Tasks) + "/" + num(b.TasksMax), num(b.Total), strconv.Itoa(b.TotalRank), pending})
	}
	printTable(w, []string{"名次", "党支部", "考评得分", "任务得分", "总分", "总分名次", "待评"}, rows)
	fmt.Fprintln(w, "\n名次按标准化考评得分排列，得分相同名次并列；总分 = 考评得分 + 督办任务得分。")
	fmt.Fprintln(w, "\n各维度得分：")
	for _, b := range out.Branches {
		var parts []string
		for _, d := range b.Dimensions {
			parts = append(parts, fmt.Sprintf("%s %s/%s", d.Name, num(d.Score), num(d.Max)))
		}
		fmt.Fprintf(w, "  %s：%s\n", b.Branch, strings.Join(parts, "，"))
	}
	return exitOK
}
