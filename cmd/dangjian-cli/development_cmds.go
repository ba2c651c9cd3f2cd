package main

import (
	"fmt"
	"strings"

	"dangjian/data"
	"dangjian/data/sheet"
	"dangjian/jobs"
)

// cmdImportDevelopment imports the 发展党员工作台账. Output (text or
// --json) and exit codes are those of `import members`.
func cmdImportDevelopment(e *env, args []string) int {
	return runImport(e, args, importJob{
		name:  "import development",
		usage: "用法：dangjian-cli import development 发展党员工作台账.xlsx|.csv [--mode valid-only|all-or-nothing] [--json]",
		run: func(path string, mode sheet.Mode, p jobs.Progress) (sheet.Result, error) {
			return jobs.ImportDevelopment(e.ctx, e.store, path, mode, p)
		},
		counts: func(res sheet.Result) string {
			return fmt.Sprintf("新增发展党员档案 %d 份，已存在 %d 份", res.Imported, res.Unchanged)
		},
	})
}

// devWarningJSON is one warning of `check development --json`.
type devWarningJSON struct {
	Step    int    `json:"step"`
	Message string `json:"message"`
}

// devNextJSON is what a candidate needs next; step 0 when the file is closed.
type devNextJSON struct {
	Step int       `json:"step"`
	Name string    `json:"name"`
	Due  data.Date `json:"due"`
}

// devCandidateJSON is one candidate of `check development --json`.
type devCandidateJSON struct {
	ID       int64            `json:"id"`
	Name     string           `json:"name"`
	IDNumber string           `json:"id_number"`
	Branch   string           `json:"branch"`
	Stage    string           `json:"stage"`
	Warnings []devWarningJSON `json:"warnings"`
	Next     devNextJSON      `json:"next"`
}

// devCheckJSON is the output of `check development --json`.
type devCheckJSON struct {
	Candidates []devCandidateJSON `json:"candidates"`
}

// cmdCheckDevelopment checks every candidate's file on a day (today unless
// --as-of): the stage, the warnings (late, early, missing, out of order …)
// and what is needed next by when. Exit 0 when no candidate has a warning,
// 1 when any has, 2 on error.
func cmdCheckDevelopment(e *env, args []string) int {
	fs := flags(e, "check development")
	asOf := fs.String("as-of", "", "检查日期 YYYY-MM-DD（默认今天）")
	branch := fs.String("branch", "", "只检查这个党支部（全称或简称）")
	asJSON := fs.Bool("json", false, "输出 JSON")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	if len(pos) > 0 {
		return fail(e, fmt.Errorf("多余的参数：%s", strings.Join(pos, " ")))
	}
	day := e.store.Today()
	if *asOf != "" {
		d, err := data.ParseDate(strings.TrimSpace(*asOf))
		if err != nil || d.IsZero() {
			return fail(e, fmt.Errorf("检查日期“%s”无法识别，请写成 2026-06-30 的形式", *asOf))
		}
		day = d
	}
	var filter data.DevCandidateFilter
	if *branch != "" {
		u, err := findBranch(e, *branch)
		if err != nil {
			return fail(e, err)
		}
		if u.Level != data.LevelBranch {
			return fail(e, fmt.Errorf("“%s”不是党支部", *branch))
		}
		filter.BranchID = u.ID
	}
	p, err := e.store.DevProcess(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	files, err := e.store.DevFiles(e.ctx, filter)
	if err != nil {
		return fail(e, err)
	}
	units, err := e.store.OrgUnits(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	unitName := map[int64]string{}
	for _, u := range units {
		unitName[u.ID] = u.Name()
	}
	out := devCheckJSON{Candidates: []devCandidateJSON{}}
	code := exitOK
	for _, f := range files {
		c := f.Candidate
		j := devCandidateJSON{ID: c.ID, Name: c.Name, IDNumber: c.IDNumber, Branch: unitName[c.BranchID],
			Stage: data.DevStageOf(c, f.Steps), Warnings: []devWarningJSON{}}
		for _, w := range p.Check(c, f.Steps, day) {
			j.Warnings = append(j.Warnings, devWarningJSON{Step: w.Step, Message: w.Message})
		}
		n := p.Next(c, f.Steps, day)
		j.Next = devNextJSON{Step: n.Step, Name: n.Name, Due: n.Due}
		if len(j.Warnings) > 0 {
			code = exitPartial
		}
		out.Candidates = append(out.Candidates, j)
	}
	if *asJSON {
		if err := writeJSON(e.out, out); err != nil {
			return fail(e, err)
		}
		return code
	}
	w := e.out
	if len(out.Candidates) == 0 {
		fmt.Fprintln(w, "没有发展党员档案。")
		return code
	}
	warned := 0
	for _, c := range out.Candidates {
		line := fmt.Sprintf("%s（%s，%s）", c.Name, c.Branch, c.Stage)
		switch {
		case c.Next.Step == 0:
			line += "：已完成全部步骤"
		case !c.Next.Due.IsZero():
			line += fmt.Sprintf("：下一步 第 %d 步 %s，应于 %s 前完成", c.Next.Step, c.Next.Name, c.Next.Due.Chinese())
		default:
			line += fmt.Sprintf("：下一步 第 %d 步 %s", c.Next.Step, c.Next.Name)
		}
		fmt.Fprintln(w, line)
		for _, x := range c.Warnings {
			fmt.Fprintf(w, "    ！%s\n", x.Message)
		}
		if len(c.Warnings) > 0 {
			warned++
		}
	}
	fmt.Fprintf(w, "共 %d 名，%d 名有提醒（检查日期 %s）。\n", len(out.Candidates), warned, day.Chinese())
	return code
}

const exportDevUsage = "用法：dangjian-cli export development --name 姓名|--id 编号 --out 纪实表.pdf，" +
	"或 export development --year YYYY [--branch 支部名称] --out 台账.pdf"

// cmdExportDevelopment prints one candidate's 发展党员工作全程纪实表
// (--name or --id), or the landscape 发展党员工作台账 of a year (--year,
// optionally one --branch).
func cmdExportDevelopment(e *env, args []string) int {
	fs := flags(e, "export development")
	name := fs.String("name", "", "入党申请人姓名（打印纪实表）")
	id := fs.Int64("id", 0, "发展党员档案编号（打印纪实表）")
	year := fs.Int("year", 0, "年度 YYYY（打印台账）")
	branch := fs.String("branch", "", "只打印该党支部（全称或简称）")
	out := fs.String("out", "", "输出 PDF 文件路径")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	one := *name != "" || *id != 0
	if *out == "" || len(pos) > 0 || one == (*year != 0) {
		return fail(e, fmt.Errorf("%s", exportDevUsage))
	}
	today := e.store.Today()
	o := jobs.Options{Out: *out, AsOf: today, Year: *year}
	if *branch != "" {
		u, err := findBranch(e, *branch)
		if err != nil {
			return fail(e, err)
		}
		o.BranchID = u.ID
	}
	if one {
		f, err := jobs.FindDevCandidate(e.ctx, e.store, *id, *name)
		if err != nil {
			return fail(e, err)
		}
		return e.finish(jobs.PrintDevRecord(e.ctx, e.store, f, o, progress(e)))
	}
	if err := yearFlag(*year, today); err != nil {
		return fail(e, err)
	}
	return e.finish(jobs.PrintDevLedger(e.ctx, e.store, o, progress(e)))
}
