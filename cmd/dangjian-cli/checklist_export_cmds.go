package main

// The printed checklist and task ledger: these two commands depend on
// report.ChecklistReport and report.TaskReport.

import (
	"errors"
	"fmt"
	"io"

	"dangjian/data"
	"dangjian/report"
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
	var ids []int64
	if *branch != "" {
		u, err := findBranch(e, *branch)
		if err != nil {
			return fail(e, err)
		}
		if u.Level != data.LevelBranch {
			return fail(e, fmt.Errorf("“%s”不是党支部，考评表按党支部打印（不写 --branch 打印全部支部及排名）", *branch))
		}
		ids = []int64{u.ID}
	}
	evals, err := e.store.Evaluate(e.ctx, *year, ids)
	if err != nil {
		return fail(e, err)
	}
	if len(evals) == 0 {
		if *branch != "" {
			return fail(e, fmt.Errorf("“%s”%d 年尚未成立，没有考评", *branch, *year))
		}
		return fail(e, fmt.Errorf("没有需要考评的党支部"))
	}
	org, err := orgName(e)
	if err != nil {
		return fail(e, err)
	}
	opts := report.ChecklistOptions{Year: *year, Org: org, AsOf: today}
	if *branch == "" {
		if opts.Scores, err = e.store.Scores(e.ctx, *year); err != nil {
			return fail(e, err)
		}
	}
	if err := report.WriteFileAtomic(*out, func(w io.Writer) error { return report.ChecklistReport(w, evals, opts) }); err != nil {
		return fail(e, err)
	}
	if *branch != "" {
		fmt.Fprintf(e.out, "已打印 %s %d 年度标准化建设考评表：%s\n", evals[0].Branch, *year, *out)
	} else {
		fmt.Fprintf(e.out, "已打印 %d 年度标准化党支部建设考评结果（%d 个党支部，含排名图表）：%s\n", *year, len(evals), *out)
	}
	return exitOK
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
	list, err := e.store.Assignments(e.ctx, data.TaskFilter{Year: *year, WithSteps: true})
	if err != nil {
		return fail(e, err)
	}
	if len(list) == 0 {
		return fail(e, fmt.Errorf("%d 年度没有督办任务（可先用 import tasks 导入任务清单）", *year))
	}
	org, err := orgName(e)
	if err != nil {
		return fail(e, err)
	}
	names, err := e.store.UnitNames(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	opts := report.TaskReportOptions{Year: *year, Org: org, AsOf: today, UnitName: func(id int64) string { return names[id] }}
	if err := report.WriteFileAtomic(*out, func(w io.Writer) error { return report.TaskReport(w, list, opts) }); err != nil {
		return fail(e, err)
	}
	tasks := map[int64]bool{}
	for _, a := range list {
		tasks[a.Task.ID] = true
	}
	fmt.Fprintf(e.out, "已打印 %d 年度党建工作任务督办台账（任务 %d 项，承办 %d 项）：%s\n", *year, len(tasks), len(list), *out)
	return exitOK
}
