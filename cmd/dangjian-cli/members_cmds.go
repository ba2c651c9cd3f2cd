package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"dangjian/data"
	"dangjian/data/sheet"
	"dangjian/jobs"
)

// interspersed parses flags wherever they stand, so that both
// "import members FILE --json" and "import members --json FILE" work; the
// flag package alone stops at the first argument that is not a flag.
func interspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// importJSON is the `import members --json` output: the result, plus the
// error that stopped the import when there was one.
type importJSON struct {
	sheet.Result
	Error string `json:"error,omitempty"`
}

func cmdImportMembers(e *env, args []string) int {
	return runImport(e, args, importJob{
		name:  "import members",
		usage: "用法：dangjian-cli import members 文件.xlsx|文件.csv [--mode valid-only|all-or-nothing] [--json]",
		run: func(path string, mode sheet.Mode, p jobs.Progress) (sheet.Result, error) {
			return jobs.ImportMembers(e.ctx, e.store, path, mode, p)
		},
		print: func(file string, res sheet.Result, err error) { printImport(e, file, res, err) },
	})
}

// importJob is what differs between the spreadsheet imports; flags, JSON
// and exit codes are shared, being one contract for office scripts.
type importJob struct {
	name, usage string
	run         func(path string, mode sheet.Mode, p jobs.Progress) (sheet.Result, error)
	// print reports the result in text; when nil, printCounted does with
	// counts ("新增学习记录 3 条，已存在 1 条") and, after a success, after.
	print  func(file string, res sheet.Result, err error)
	counts func(res sheet.Result) string
	after  func(w io.Writer, res sheet.Result)
}

// printCounted is the text report of an import that only adds records:
// "已导入 FILE：<counts>，N 行未导入。", then the rows' reasons.
func printCounted(e *env, job importJob, file string, res sheet.Result, err error) {
	w := e.out
	if err != nil {
		fmt.Fprintf(e.errw, "错误：%v\n", err)
	} else {
		fmt.Fprintf(w, "已导入 %s：%s", file, job.counts(res))
		if n := rowsOf(res.Rejected); n > 0 {
			fmt.Fprintf(w, "，%d 行未导入", n)
		}
		fmt.Fprintln(w, "。")
		if job.after != nil {
			job.after(w, res)
		}
	}
	printIssueLists(w, res)
}

// runImport: exit 0 when nothing was rejected, 1 when some rows were
// rejected in valid-only mode and the rest imported, 2 when nothing was
// imported or an error stopped it. Rows already on file count as
// imported, so a corrected file imported again does not look like a
// failure.
func runImport(e *env, args []string, job importJob) int {
	fs := flags(e, job.name)
	modeFlag := fs.String("mode", "valid-only", "valid-only：只导入没有问题的行；all-or-nothing：全部行都没有问题才导入")
	asJSON := fs.Bool("json", false, "输出 JSON")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	empty := sheet.EmptyResult()
	failWith := func(err error) int {
		if *asJSON {
			writeJSON(e.out, importJSON{Result: empty, Error: err.Error()})
		}
		return fail(e, err)
	}
	mode, err := sheet.ParseMode(*modeFlag)
	if err != nil {
		return failWith(err)
	}
	if len(pos) != 1 {
		return failWith(errors.New(job.usage))
	}
	res, err := job.run(pos[0], mode, progress(e))
	code := exitOK
	switch {
	case err != nil:
		code = exitError
	case res.Imported+res.Updated+res.Unchanged == 0 && len(res.Rejected) > 0:
		code = exitError
		err = fmt.Errorf("没有导入任何行：全部 %d 行都不能导入（原因见下），请改正后重新导入", rowsOf(res.Rejected))
	case len(res.Rejected) > 0:
		code = exitPartial
	}
	if *asJSON {
		out := importJSON{Result: res}
		if err != nil {
			out.Error = err.Error()
		}
		if werr := writeJSON(e.out, out); werr != nil {
			return fail(e, werr)
		}
		if err != nil {
			fmt.Fprintln(e.errw, "错误：", err)
		}
		return code
	}
	if code == exitError {
		// Nothing was imported: that is an error, and all of it — the
		// message and the rows' reasons — goes to stderr, as for every
		// other error; stdout stays empty.
		out := e.out
		e.out = e.errw
		defer func() { e.out = out }()
	}
	if job.print != nil {
		job.print(pos[0], res, err)
	} else {
		printCounted(e, job, pos[0], res, err)
	}
	return code
}

func printImport(e *env, file string, res sheet.Result, err error) {
	w := e.out
	if err != nil {
		fmt.Fprintf(e.errw, "错误：%v\n", err)
	} else {
		fmt.Fprintf(w, "已导入 %s：新增 %d 名，更新 %d 名，无变化 %d 名", file, res.Imported, res.Updated, res.Unchanged)
		if n := rowsOf(res.Rejected); n > 0 {
			fmt.Fprintf(w, "，%d 行未导入", n)
		}
		fmt.Fprintln(w, "。")
	}
	if res.CreatedGeneral != "" {
		fmt.Fprintf(w, "新建党总支：%s（请在组织架构中改为全称）\n", res.CreatedGeneral)
	}
	if len(res.CreatedBranches) > 0 {
		fmt.Fprintf(w, "新建党支部：%s\n", strings.Join(res.CreatedBranches, "、"))
	}
	if len(res.CreatedGroups) > 0 {
		fmt.Fprintf(w, "新建党小组：%s\n", strings.Join(res.CreatedGroups, "、"))
	}
	printIssueLists(w, res)
}

func printIssues(w io.Writer, list []sheet.Issue) {
	for _, is := range list {
		col := ""
		if is.Column != "" {
			col = "【" + is.Column + "】"
		}
		fmt.Fprintf(w, "  第 %d 行%s %s\n", is.Row, col, is.Reason)
	}
}

func rowsOf(list []sheet.Issue) int { return sheet.CountRows(list) }

// memberJSON is one person in `members search` and `members list`.
type memberJSON struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Branch    string    `json:"branch"`
	IDNumber  string    `json:"id_number"`
	Group     string    `json:"group"`
	Sex       string    `json:"sex"`
	BirthDate data.Date `json:"birth_date"`
	Standing  string    `json:"standing"`
	Status    string    `json:"status"`
	JoinDate  data.Date `json:"join_date"`
	Phone     string    `json:"phone"`
	StaffNo   string    `json:"staff_no"`
}

func toJSON(ms []data.Member, names map[int64]string) []memberJSON {
	out := make([]memberJSON, 0, len(ms))
	for _, m := range ms {
		out = append(out, memberJSON{ID: m.ID, Name: m.Name, Branch: names[m.BranchID], IDNumber: m.IDNumber,
			Group: names[m.GroupID], Sex: m.Sex, BirthDate: m.BirthDate, Standing: m.Standing, Status: m.Status,
			JoinDate: m.JoinDate, Phone: m.Phone, StaffNo: m.StaffNo})
	}
	return out
}

func rowsToJSON(rows []data.MemberRow, names map[int64]string) []memberJSON {
	out := make([]memberJSON, 0, len(rows))
	for _, m := range rows {
		out = append(out, memberJSON{ID: m.ID, Name: m.Name, Branch: names[m.BranchID], IDNumber: m.IDNumber,
			Group: names[m.GroupID], Sex: m.Sex, BirthDate: m.BirthDate, Standing: m.Standing, Status: m.Status,
			JoinDate: m.JoinDate, Phone: m.Phone, StaffNo: m.StaffNo})
	}
	return out
}

func printMembers(e *env, list []memberJSON) int {
	if len(list) == 0 {
		fmt.Fprintln(e.out, "（没有找到党员）")
		return exitOK
	}
	for _, m := range list {
		unit := m.Branch
		if m.Group != "" {
			unit += " / " + m.Group
		}
		fmt.Fprintf(e.out, "%6d  %-6s %s  %-18s %-8s %-6s %s\n", m.ID, m.Name, m.Sex, m.IDNumber, m.Standing, m.Status, unit)
	}
	fmt.Fprintf(e.out, "共 %d 名\n", len(list))
	return exitOK
}

func cmdMembersSearch(e *env, args []string) int {
	fs := flags(e, "members search")
	asJSON := fs.Bool("json", false, "输出 JSON")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	query := strings.TrimSpace(strings.Join(pos, " "))
	if query == "" {
		return fail(e, errors.New("用法：dangjian-cli members search 姓名|拼音|身份证号|电话|工号 [--json]"))
	}
	// Everyone, history included: a search is often for someone who left.
	// The database finds them with the stored pinyin keys, reading only
	// the columns printed.
	hits, err := e.store.SearchMembers(e.ctx, data.MemberFilter{Roster: data.RosterAll}, query, 0)
	if err != nil {
		return fail(e, err)
	}
	names, err := e.store.UnitNames(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	list := rowsToJSON(hits, names)
	if *asJSON {
		if err := writeJSON(e.out, list); err != nil {
			return fail(e, err)
		}
		return exitOK
	}
	return printMembers(e, list)
}

func cmdMembersList(e *env, args []string) int {
	fs := flags(e, "members list")
	asJSON := fs.Bool("json", false, "输出 JSON")
	branch := fs.String("branch", "", "只列出这个党支部（或党小组）的党员")
	history := fs.Bool("history", false, "列出历史党员（转出、死亡、出党、停止党籍）")
	all := fs.Bool("all", false, "列出全部档案（在册与历史）")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	if len(pos) > 0 {
		return fail(e, fmt.Errorf("多余的参数：%s", strings.Join(pos, " ")))
	}
	f := data.MemberFilter{Roster: data.RosterActive}
	switch {
	case *all:
		f.Roster = data.RosterAll
	case *history:
		f.Roster = data.RosterHistory
	}
	if *branch != "" {
		units, err := e.store.OrgUnits(e.ctx)
		if err != nil {
			return fail(e, err)
		}
		u, err := data.FindUnit(units, *branch)
		if err != nil {
			return fail(e, err)
		}
		if u.Level == data.LevelGroup {
			f.GroupID = u.ID
		} else if u.Level == data.LevelBranch {
			f.BranchID = u.ID
		}
	}
	ms, err := e.store.Members(e.ctx, f)
	if err != nil {
		return fail(e, err)
	}
	names, err := e.store.UnitNames(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	list := toJSON(ms, names)
	if *asJSON {
		if err := writeJSON(e.out, list); err != nil {
			return fail(e, err)
		}
		return exitOK
	}
	return printMembers(e, list)
}

// printIssueLists lists an import's rejected, warned and skipped rows, the
// same way for every import.
func printIssueLists(w io.Writer, res sheet.Result) {
	if len(res.Rejected) > 0 {
		fmt.Fprintf(w, "\n不能导入的行（%d 行）：\n", rowsOf(res.Rejected))
		printIssues(w, res.Rejected)
	}
	if len(res.Warnings) > 0 {
		fmt.Fprintf(w, "\n提示（%d 条，已导入，请核对）：\n", len(res.Warnings))
		printIssues(w, res.Warnings)
	}
	if len(res.Skipped) > 0 {
		fmt.Fprintf(w, "\n跳过的行（%d 行）：\n", len(res.Skipped))
		printIssues(w, res.Skipped)
	}
}
