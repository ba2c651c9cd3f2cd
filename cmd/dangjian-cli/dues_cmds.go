package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"dangjian/data"
	"dangjian/data/sheet"
	"dangjian/jobs"
)

// duesKinds maps the calculator's --kind to a dues category.
var duesKinds = map[string]string{
	"in-service": data.DuesInService, "retired": data.DuesRetired, "student": data.DuesStudent,
	"no-income": data.DuesNoIncome, "low-income": data.DuesLowIncome,
}

const duesCalcUsage = "用法：dangjian-cli dues calc --base 元 --kind in-service|retired|student [--json]"

// cmdDuesCalc is the calculator offices check a member's amount with: the
// shipped standards (data.DefaultDuesRules), no database. Output: the
// monthly amount and rate, or with --json {"monthly_fen", "rate"} (rate
// as "1.5%"; "" for the fixed amounts).
func cmdDuesCalc(e *env, args []string) int {
	fs := flags(e, "dues calc")
	fs.Usage = func() { fmt.Fprintln(e.errw, duesCalcUsage) }
	base := fs.String("base", "", "缴费基数（元/月）")
	kind := fs.String("kind", "in-service", "in-service 在职 | retired 离退休 | student 学生（no-income、low-income 同为定额）")
	asJSON := fs.Bool("json", false, "输出 JSON")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	if len(pos) > 0 {
		return fail(e, fmt.Errorf("多余的参数：%s\n%s", strings.Join(pos, " "), duesCalcUsage))
	}
	cat, ok := duesKinds[*kind]
	if !ok {
		return fail(e, fmt.Errorf("--kind “%s”无效：应为 in-service、retired 或 student", *kind))
	}
	fen := int64(0)
	if cat == data.DuesInService || cat == data.DuesRetired {
		if strings.TrimSpace(*base) == "" {
			return fail(e, errors.New("请用 --base 给出缴费基数（元/月）\n"+duesCalcUsage))
		}
		if fen, err = data.ParseYuan(*base); err != nil {
			return fail(e, err)
		}
		if fen < 0 {
			return fail(e, errors.New("缴费基数不能为负"))
		}
	}
	monthly, rateBP := data.DefaultDuesRules().Monthly(cat, fen)
	rate := ""
	if cat == data.DuesInService || cat == data.DuesRetired {
		rate = data.FormatRate(rateBP)
	}
	if *asJSON {
		if err := writeJSON(e.out, struct {
			MonthlyFen int64  `json:"monthly_fen"`
			Rate       string `json:"rate"`
		}{monthly, rate}); err != nil {
			return fail(e, err)
		}
		return exitOK
	}
	if rate == "" {
		fmt.Fprintf(e.out, "%s党员每月缴纳党费 %s 元（定额）\n", cat, data.FormatYuan(monthly))
	} else {
		fmt.Fprintf(e.out, "%s党员，缴费基数 %s 元/月，比例 %s，每月缴纳党费 %s 元\n", cat, data.FormatYuan(fen), rate, data.FormatYuan(monthly))
	}
	return exitOK
}

// cmdImportDues imports a year's 党费收缴登记表. Output and exit codes are
// those of `import members`; --year is required.
func cmdImportDues(e *env, args []string) int {
	year, rest, yearErr := extractYear(args)
	if year == 0 && yearErr == nil {
		yearErr = errors.New("请用 --year 指明登记表的年度，例如 --year 2026")
	}
	return runImport(e, rest, importJob{
		name:  "import dues",
		usage: "用法：dangjian-cli import dues 党费收缴登记表.xlsx|.csv --year YYYY [--mode valid-only|all-or-nothing] [--json]",
		run: func(path string, mode sheet.Mode, p jobs.Progress) (sheet.Result, error) {
			if yearErr != nil {
				return sheet.EmptyResult(), yearErr
			}
			return jobs.ImportDues(e.ctx, e.store, path, year, mode, p)
		},
		print: func(file string, res sheet.Result, err error) {
			if err != nil {
				fmt.Fprintf(e.errw, "错误：%v\n", err)
			} else {
				fmt.Fprintf(e.out, "已导入 %s（%d 年度党费）：登记 %d 人，已一致 %d 人", file, year, res.Imported, res.Unchanged)
				if n := rowsOf(res.Rejected); n > 0 {
					fmt.Fprintf(e.out, "，%d 行未导入", n)
				}
				fmt.Fprintln(e.out, "。")
			}
			printIssueLists(e.out, res)
		},
	})
}

// arrearJSON is one entry of `check dues --json`.
type arrearJSON struct {
	Name     string `json:"name"`
	IDNumber string `json:"id_number"`
	Branch   string `json:"branch"`
	Unpaid   []int  `json:"unpaid_months"`
	Short    []int  `json:"short_months"`
	OwedFen  int64  `json:"owed_fen"`
	Alarm    bool   `json:"alarm"`
}

// cmdCheckDues lists members with an unpaid or short month of --year up to
// the month before --as-of (default today); exit 1 when there are any.
func cmdCheckDues(e *env, args []string) int {
	fs := flags(e, "check dues")
	today := e.store.Today()
	year := fs.Int("year", today.Y, "年度 YYYY（默认今年）")
	asOfFlag := fs.String("as-of", "", "截至日期（统计此日期所在月份之前的月份；默认今天）")
	branch := fs.String("branch", "", "只检查这个党支部（全称或简称）")
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
	asOf := today
	if *asOfFlag != "" {
		if asOf, err = data.ParseDate(*asOfFlag); err != nil {
			return fail(e, fmt.Errorf("--as-of：%v", err))
		}
	}
	var branchID int64
	if *branch != "" {
		u, err := findBranch(e, *branch)
		if err != nil {
			return fail(e, err)
		}
		if u.Level == data.LevelBranch {
			branchID = u.ID
		}
	}
	list, err := e.store.DuesArrears(e.ctx, *year, asOf, branchID)
	if err != nil {
		return fail(e, err)
	}
	names, err := e.store.UnitNames(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	out := struct {
		Year    int          `json:"year"`
		AsOf    data.Date    `json:"as_of"`
		Arrears []arrearJSON `json:"arrears"`
	}{*year, asOf, []arrearJSON{}}
	for _, a := range list {
		out.Arrears = append(out.Arrears, arrearJSON{Name: a.Name, IDNumber: a.IDNumber, Branch: names[a.BranchID],
			Unpaid: append([]int{}, a.Unpaid...), Short: append([]int{}, a.Short...), OwedFen: a.Owed, Alarm: a.Alarm})
	}
	code := exitOK
	if len(list) > 0 {
		code = exitPartial
	}
	if *asJSON {
		if err := writeJSON(e.out, out); err != nil {
			return fail(e, err)
		}
		return code
	}
	upTo := min(data.MonthOfDate(asOf)-1, data.MonthOf(*year, time.December))
	if len(list) == 0 {
		fmt.Fprintf(e.out, "%d 年截至 %s，没有欠缴或少缴党费的党员。\n", *year, upTo.Chinese())
		return code
	}
	fmt.Fprintf(e.out, "%d 年截至 %s，欠缴或少缴党费的党员 %d 人：\n", *year, upTo.Chinese(), len(list))
	months := func(ms []int) string {
		s := make([]string, len(ms))
		for i, m := range ms {
			s[i] = fmt.Sprintf("%d月", m)
		}
		return strings.Join(s, "、")
	}
	for _, a := range list {
		line := fmt.Sprintf("  %s（%s）", a.Name, names[a.BranchID])
		if len(a.Unpaid) > 0 {
			line += " 未缴：" + months(a.Unpaid)
		}
		if len(a.Short) > 0 {
			line += " 少缴：" + months(a.Short)
		}
		line += "，尚欠 " + data.FormatYuan(a.Owed) + " 元"
		if a.Alarm {
			line += fmt.Sprintf(" ⚠ 已连续 %d 个月未缴", a.Streak)
		}
		fmt.Fprintln(e.out, line)
	}
	return code
}

// cmdExportDues prints the year's 党费收缴台账: one branch's, or every
// branch's after the general branch's summary.
func cmdExportDues(e *env, args []string) int {
	fs := flags(e, "export dues")
	today := e.store.Today()
	year := fs.Int("year", 0, "年度 YYYY")
	branch := fs.String("branch", "", "只打印这个党支部（全称或简称）")
	out := fs.String("out", "", "输出 PDF 文件路径")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	if *year == 0 || *out == "" || len(pos) > 0 {
		return fail(e, errors.New("用法：dangjian-cli export dues --year YYYY [--branch 支部名称] --out 党费台账.pdf"))
	}
	if err := yearFlag(*year, today); err != nil {
		return fail(e, err)
	}
	o := jobs.Options{Year: *year, Out: *out}
	if *branch != "" {
		u, err := findBranch(e, *branch)
		if err != nil {
			return fail(e, err)
		}
		if u.Level == data.LevelBranch {
			o.BranchID = u.ID
		}
	}
	return e.finish(jobs.PrintDuesLedger(e.ctx, e.store, o, progress(e)))
}
