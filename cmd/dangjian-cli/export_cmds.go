package main

import (
	"fmt"

	"dangjian/data"
	"dangjian/jobs"
)

// cmdExportMembers writes the members (of one branch, or all) as an Excel
// list, a landscape 花名册 PDF, or one 登记表 page per member.
func cmdExportMembers(e *env, args []string) int {
	fs := flags(e, "export members")
	format := fs.String("format", "xlsx", "xlsx | roster-pdf | forms-pdf")
	out := fs.String("out", "", "输出文件路径")
	branch := fs.String("branch", "", "只导出该党支部（全称或简称）")
	history := fs.Bool("history", false, "导出历史党员（转出、去世等）")
	encrypt := fs.Bool("encrypt", false, "用口令加密（age 格式，文件名加 .age；口令取自环境变量 "+envPassphrase+" 或在终端输入）")
	if err := fs.Parse(args); err != nil {
		return exitError
	}
	if *out == "" {
		return fail(e, fmt.Errorf("请用 --out 指定输出文件"))
	}
	pass := ""
	if *encrypt {
		var err error
		if pass, err = passphrase(e, true); err == nil {
			err = data.CheckPassphrase(pass)
		}
		if err != nil {
			return fail(e, err)
		}
	}
	f, err := jobs.ParseFormat(*format)
	if err != nil {
		return fail(e, fmt.Errorf("--format 应为 xlsx、roster-pdf 或 forms-pdf"))
	}
	o := jobs.MembersOptions{Options: jobs.Options{Out: *out, Passphrase: pass}, Format: f}
	if *history {
		o.Roster = data.RosterHistory
	}
	if *branch != "" {
		u, err := jobs.FindBranch(e.ctx, e.store, *branch)
		if err != nil {
			return fail(e, err)
		}
		if u.Level != data.LevelBranch {
			return fail(e, fmt.Errorf("“%s”不是党支部", *branch))
		}
		o.BranchID = u.ID
	}
	return e.finish(jobs.ExportMembers(e.ctx, e.store, o, progress(e)))
}
