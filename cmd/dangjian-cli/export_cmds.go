package main

import (
	"fmt"
	"io"
	"strings"

	"dangjian/data"
	"dangjian/data/roster"
	"dangjian/report"
)

// cmdExportMembers writes the members (of one branch, or all) as an Excel
// list, a landscape 花名册 PDF, or one 登记表 page per member.
func cmdExportMembers(e *env, args []string) int {
	fs := flags(e, "export members")
	format := fs.String("format", "xlsx", "xlsx | roster-pdf | forms-pdf")
	out := fs.String("out", "", "输出文件路径")
	branch := fs.String("branch", "", "只导出该党支部（全称或简称）")
	history := fs.Bool("history", false, "导出历史党员（转出、去世等）")
	if err := fs.Parse(args); err != nil {
		return exitError
	}
	if *out == "" {
		return fail(e, fmt.Errorf("请用 --out 指定输出文件"))
	}
	f := data.MemberFilter{}
	if *history {
		f.Roster = data.RosterHistory
	}
	roots, err := e.store.OrgTree(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	var order []int64
	var branches []data.OrgUnit
	org := ""
	title := "党员花名册"
	for _, r := range roots {
		org = r.Unit.FullName
		for _, b := range r.Children {
			order = append(order, b.Unit.ID)
			branches = append(branches, b.Unit)
		}
	}
	if *branch != "" {
		u, err := data.FindUnit(branches, *branch)
		if err != nil {
			return fail(e, err)
		}
		f.BranchID = u.ID
		title = u.Name() + title
	}
	if *history {
		title = strings.Replace(title, "党员花名册", "历史党员名册", 1)
	}
	ms, err := e.store.Members(e.ctx, f)
	if err != nil {
		return fail(e, err)
	}
	if len(ms) == 0 {
		return fail(e, fmt.Errorf("没有符合条件的党员"))
	}
	names, err := e.store.UnitNames(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	unitName := func(id int64) string { return names[id] }
	today := data.Today()
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	var render func(w io.Writer) error
	switch *format {
	case "xlsx":
		render = func(w io.Writer) error {
			return roster.ExportMembers(w, roster.DefaultColumns(), ms, unitName, today)
		}
	case "roster-pdf":
		opts := report.RosterOptions{AsOf: today, Title: title, Org: org, UnitName: unitName, Branches: order, History: *history}
		if *history {
			if opts.Events, err = e.store.EventsOf(e.ctx, ids); err != nil {
				return fail(e, err)
			}
		}
		render = func(w io.Writer) error { return report.Roster(w, ms, opts) }
	case "forms-pdf":
		photos, err := e.store.MemberPhotos(e.ctx, ids)
		if err != nil {
			return fail(e, err)
		}
		opts := report.MemberFormOptions{AsOf: today, Org: org, UnitName: unitName, Photos: photos}
		render = func(w io.Writer) error { return report.MemberForms(w, ms, opts) }
	default:
		return fail(e, fmt.Errorf("--format 应为 xlsx、roster-pdf 或 forms-pdf"))
	}
	if err := report.WriteFileAtomic(*out, render); err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.out, "已导出 %d 名党员：%s\n", len(ms), *out)
	return exitOK
}
