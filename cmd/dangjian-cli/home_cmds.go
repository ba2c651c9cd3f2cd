package main

import (
	"flag"
	"fmt"
	"strings"

	"dangjian/data"
	"dangjian/jobs"
	"dangjian/report"
)

// scope are the --as-of and --branch flags of todo, stats and export stats.
type scope struct {
	asOf, branch *string
	day          data.Date
	branchID     int64 // 0: everything (no --branch, or the general branch's name)
}

func scopeFlags(fs *flag.FlagSet, what string) *scope {
	return &scope{
		asOf:   fs.String("as-of", "", "截至日期（默认今天；年报用 12-31），如 2026-12-31"),
		branch: fs.String("branch", "", what+"这个党支部（全称或简称）"),
	}
}

// parse reads the flags wherever they stand and refuses extra words; the
// code is exitOK when the command may go on.
func (sc *scope) parse(e *env, fs *flag.FlagSet, args []string) int {
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	if len(pos) > 0 {
		return fail(e, fmt.Errorf("多余的参数：%s", strings.Join(pos, " ")))
	}
	sc.day = e.store.Today()
	if strings.TrimSpace(*sc.asOf) != "" {
		if sc.day, err = data.ParseDate(*sc.asOf); err != nil {
			return fail(e, fmt.Errorf("--as-of：%w", err))
		}
	}
	if strings.TrimSpace(*sc.branch) != "" {
		u, err := findBranch(e, *sc.branch)
		if err != nil {
			return fail(e, err)
		}
		if u.Level == data.LevelBranch {
			sc.branchID = u.ID
		}
	}
	return exitOK
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
	sc := scopeFlags(fs, "只列")
	asJSON := fs.Bool("json", false, "输出 JSON")
	if code := sc.parse(e, fs, args); code != exitOK {
		return code
	}
	day, only := sc.day, sc.branchID
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
	sc := scopeFlags(fs, "只统计")
	asJSON := fs.Bool("json", false, "输出 JSON")
	if code := sc.parse(e, fs, args); code != exitOK {
		return code
	}
	st, err := e.store.Stats(e.ctx, data.StatsOptions{AsOf: sc.day, BranchID: sc.branchID})
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
	sc := scopeFlags(fs, "只统计")
	out := fs.String("out", "", "输出文件 .pdf 或 .xlsx")
	if code := sc.parse(e, fs, args); code != exitOK {
		return code
	}
	if *out == "" {
		return fail(e, fmt.Errorf("用法：dangjian-cli export stats [--as-of 日期] --out 党内统计.pdf|.xlsx"))
	}
	return e.finish(jobs.ExportStats(e.ctx, e.store, jobs.Options{Out: *out, AsOf: sc.day, BranchID: sc.branchID}, progress(e)))
}
