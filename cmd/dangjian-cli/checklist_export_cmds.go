package main

// The printed checklist and task ledger (jobs.PrintChecklist, jobs.PrintTasks).

import (
	"errors"
	"fmt"

	"dangjian/data"
	"dangjian/jobs"
)

// cmdExportChecklist prints the 标准化党支部 evaluation of a year: with
// --branch that branch's form; without, the general branch's annual
// ranking (table and bar chart of the totals) followed by every branch's
// form.
func cmdExportChecklist(e *env, args []string) int {
	fs := flags(e, "export checklist")
	today := e.store.Today()
	year := fs.Int("year", 0, "年度 YYYY")
	branch := fs.String("branch", "", "只打印这个党支部的考评表（全称或简称）")
	out := fs.String("out", "", "输出 PDF 文件路径")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	if *year == 0 || *out == "" || len(pos) > 0 {
		return fail(e, errors.New("用法：dangjian-cli export checklist --year YYYY [--branch 支部名称] --out 考评表.pdf"))
	}
	if err := yearFlag(*year, today); err != nil {
		return fail(e, err)
	}
	o := jobs.Options{Year: *year, AsOf: today, Out: *out}
	if *branch != "" {
		u, err := findBranch(e, *branch)
		if err != nil {
			return fail(e, err)
		}
		if u.Level != data.LevelBranch {
			return fail(e, fmt.Errorf("“%s”不是党支部，考评表按党支部打印（不写 --branch 打印全部支部及排名）", *branch))
		}
		o.BranchID = u.ID
	}
	return e.finish(jobs.PrintChecklist(e.ctx, e.store, o, *branch == "", progress(e)))
}

// cmdExportTasks prints the year's 督办 task ledger (landscape): every
// task with each branch's status, report, score and history.
func cmdExportTasks(e *env, args []string) int {
	fs := flags(e, "export tasks")
	today := e.store.Today()
	year := fs.Int("year", 0, "年度 YYYY")
	out := fs.String("out", "", "输出 PDF 文件路径")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	if *year == 0 || *out == "" || len(pos) > 0 {
		return fail(e, errors.New("用法：dangjian-cli export tasks --year YYYY --out 督办台账.pdf"))
	}
	if err := yearFlag(*year, today); err != nil {
		return fail(e, err)
	}
	return e.finish(jobs.PrintTasks(e.ctx, e.store, jobs.Options{Year: *year, AsOf: today, Out: *out}, progress(e)))
}
