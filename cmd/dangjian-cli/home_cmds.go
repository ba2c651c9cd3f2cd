package main

import (
	"fmt"
	"strings"

	"dangjian/data"
	"dangjian/jobs"
	"dangjian/report"
)

// asOfFlag reads --as-of (default: the store's today).
func asOfFlag(e *env, text string) (data.Date, error) {
	if strings.TrimSpace(text) == "" {
		return e.store.Today(), nil
	}
	d, err := data.ParseDate(text)
	if err != nil {
		return d, fmt.Errorf("--as-of：%w", err)
	}
	return d, nil
}

// branchFlag resolves --branch to a branch ID (0 when not given, or when
// the name is the general branch's: everything).
func branchFlag(e *env, name string) (int64, error) {
	if strings.TrimSpace(name) == "" {
		return 0, nil
	}
	u, err := findBranch(e, name)
	if err != nil {
		return 0, err
	}
	if u.Level != data.LevelBranch {
		return 0, nil
	}
	return u.ID, nil
}

// todoJSON is the output of `todo --json`.
type todoJSON struct {
	AsOf  data.Date       `json:"as_of"`
	Items []data.TodoItem `json:"items"`
}

// cmdTodo lists what is late, due soon or worth knowing as of a day — the
// 工作台's to-do list. A branch copy (本机身份) sees its own branch; --branch
// narrows the office's list to one branch. Exit code 0 whether or not
// there are items (it is a list, not a check).
func cmdTodo(e *env, args []string) int {
	fs := flags(e, "todo")
	asOf := fs.String("as-of", "", "截至日期（默认今天），如 2026-11-27")
	branch := fs.String("branch", "", "只列这个党支部（全称或简称）")
	asJSON := fs.Bool("json", false, "输出 JSON")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	if len(pos) > 0 {
		return fail(e, fmt.Errorf("多余的参数：%s", strings.Join(pos, " ")))
	}
	day, err := asOfFlag(e, *asOf)
	if err != nil {
		return fail(e, err)
	}
	only, err := branchFlag(e, *branch)
	if err != nil {
		return fail(e, err)
	}
	items, err := e.store.Todo(e.ctx, e.store.Role(e.ctx), day)
	if err != nil {
		return fail(e, err)
	}
	if only != 0 {
		kept := items[:0]
		for _, it := range items {
			if it.BranchID == only {
				kept = append(kept, it)
			}
		}
		items = kept
	}
	if *asJSON {
		if err := writeJSON(e.out, todoJSON{AsOf: day, Items: items}); err != nil {
			return fail(e, err)
		}
		return exitOK
	}
	if len(items) == 0 {
		fmt.Fprintf(e.out, "截至 %s，没有待办事项。\n", day.Chinese())
		return exitOK
	}
	counts := data.CountBySeverity(items)
	fmt.Fprintf(e.out, "截至 %s 的待办事项 %d 项（已逾期 %d，即将到期 %d，提示 %d）\n", day.Chinese(), len(items),
		counts[data.SeverityOverdue], counts[data.SeveritySoon], counts[data.SeverityInfo])
	last := ""
	for _, it := range items {
		if it.Severity != last {
			fmt.Fprintf(e.out, "\n【%s】\n", data.SeverityLabel(it.Severity))
			last = it.Severity
		}
		branch := it.Branch
		if branch == "" {
			branch = "党总支"
		}
		fmt.Fprintf(e.out, "  %s  %-8s %s：%s\n", it.Due, data.TodoKindLabel(it.Kind), branch, it.Title)
	}
	return exitOK
}

// cmdStats prints the statistics as of a day: the 党内统计 tables, or with
// --json the counts keyed by the Chinese labels the tables print.
func cmdStats(e *env, args []string) int {
	fs := flags(e, "stats")
	asOf := fs.String("as-of", "", "统计截至日期（默认今天；年报用 12-31），如 2026-12-31")
	branch := fs.String("branch", "", "只统计这个党支部（全称或简称）")
	asJSON := fs.Bool("json", false, "输出 JSON")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	if len(pos) > 0 {
		return fail(e, fmt.Errorf("多余的参数：%s", strings.Join(pos, " ")))
	}
	day, err := asOfFlag(e, *asOf)
	if err != nil {
		return fail(e, err)
	}
	only, err := branchFlag(e, *branch)
	if err != nil {
		return fail(e, err)
	}
	st, err := e.store.Stats(e.ctx, data.StatsOptions{AsOf: day, BranchID: only})
	if err != nil {
		return fail(e, err)
	}
	if *asJSON {
		if err := writeJSON(e.out, st); err != nil {
			return fail(e, err)
		}
		return exitOK
	}
	fmt.Fprintf(e.out, "%s　%s　统计截至 %s\n", report.StatsTitle(st), st.Scope, st.AsOf.Chinese())
	for _, tb := range report.StatsTables(st) {
		fmt.Fprintf(e.out, "\n%s\n", tb.Title)
		fmt.Fprintf(e.out, "  %s\n", strings.Join(tb.Columns, "\t"))
		for i, r := range tb.Rows {
			if tb.Group[i] {
				fmt.Fprintf(e.out, "  【%s】\n", r[0])
				continue
			}
			fmt.Fprintf(e.out, "  %s\n", strings.Join(r, "\t"))
		}
		if tb.Note != "" {
			fmt.Fprintf(e.out, "  注：%s\n", tb.Note)
		}
	}
	return exitOK
}

// cmdExportStats writes the 党内统计 as PDF or xlsx (jobs.ExportStats, the
// same job the 统计 screen runs).
func cmdExportStats(e *env, args []string) int {
	fs := flags(e, "export stats")
	asOf := fs.String("as-of", "", "统计截至日期（默认今天；年报用 12-31）")
	branch := fs.String("branch", "", "只统计这个党支部（全称或简称）")
	out := fs.String("out", "", "输出文件 .pdf 或 .xlsx")
	if _, err := interspersed(fs, args); err != nil {
		return exitError
	}
	if *out == "" {
		return fail(e, fmt.Errorf("用法：dangjian-cli export stats [--as-of 日期] --out 党内统计.pdf|.xlsx"))
	}
	day, err := asOfFlag(e, *asOf)
	if err != nil {
		return fail(e, err)
	}
	only, err := branchFlag(e, *branch)
	if err != nil {
		return fail(e, err)
	}
	return e.finish(jobs.ExportStats(e.ctx, e.store, jobs.Options{Out: *out, AsOf: day, BranchID: only}, progress(e)))
}
