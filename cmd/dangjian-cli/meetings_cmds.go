package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"dangjian/data"
	"dangjian/data/minutes"
	"dangjian/data/sheet"
	"dangjian/jobs"
)

// cmdImportMeetings imports historical minutes from a ledger. Output (text
// or --json) and exit codes are those of `import members`: 0 everything
// imported (or already on file), 1 some rows rejected in valid-only mode,
// 2 nothing imported or an error.
func cmdImportMeetings(e *env, args []string) int {
	return runImport(e, args, importJob{
		name:  "import meetings",
		usage: "用法：dangjian-cli import meetings 会议记录台账.xlsx|.csv [--mode valid-only|all-or-nothing] [--json]",
		run: func(path string, mode sheet.Mode, p jobs.Progress) (sheet.Result, error) {
			return jobs.ImportMeetings(e.ctx, e.store, path, mode, p)
		},
		counts: func(res sheet.Result) string {
			return fmt.Sprintf("新增会议记录 %d 次，已存在 %d 次", res.Imported, res.Unchanged)
		},
		after: func(w io.Writer, res sheet.Result) {
			if res.Imported > 0 {
				fmt.Fprintf(w, "导入的纪要按历史记录归档为“已审核”，审核意见为“%s”（台账中注明草稿、未审核的行除外）。\n", minutes.ImportComment)
			}
		},
	})
}

// gapJSON is one entry of `check meetings --json`: a branch held fewer
// meetings of a kind in a period than the rules require.
type gapJSON struct {
	Branch   string `json:"branch"`
	Kind     string `json:"kind"`
	Period   string `json:"period"` // YYYY-MM, YYYY-Qn or YYYY
	Required int    `json:"required"`
	Held     int    `json:"held"`
}

// checkJSON is the output of `check meetings --json`. Gaps are closed
// periods short of the rules; Due are periods under way on AsOf that are
// still short (not gaps yet).
type checkJSON struct {
	Year int       `json:"year"`
	AsOf data.Date `json:"as_of"`
	Gaps []gapJSON `json:"gaps"`
	Due  []gapJSON `json:"due"`
	// Summary is per branch × kind what the screen and the printed
	// matrix show: 应开 and 已开 over the periods ended, and the text.
	Summary []summaryJSON `json:"summary"`
}

type summaryJSON struct {
	Branch   string `json:"branch"`
	Kind     string `json:"kind"`
	Required int    `json:"required"`
	Held     int    `json:"held"`
	Missing  int    `json:"missing"`
	Text     string `json:"text"`
}

// cmdCheckMeetings lists, for a year, which branches have not held the
// meetings the frequencies in 系统设置 require. Exit code 0 when there is no
// gap, 1 when there are gaps, 2 on error.
func cmdCheckMeetings(e *env, args []string) int {
	fs := flags(e, "check meetings")
	today := e.store.Today()
	year := fs.Int("year", today.Y, "年度 YYYY（默认今年）")
	branch := fs.String("branch", "", "只检查这个党支部（全称或简称）")
	asJSON := fs.Bool("json", false, "输出 JSON")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	if len(pos) > 0 {
		return fail(e, fmt.Errorf("多余的参数：%s", strings.Join(pos, " ")))
	}
	if *year < 1900 || *year > today.Y+1 {
		return fail(e, fmt.Errorf("年度 %d 不合理，请写成 --year %d 的形式", *year, today.Y))
	}
	var only []int64
	if *branch != "" {
		u, err := findBranch(e, *branch)
		if err != nil {
			return fail(e, err)
		}
		if u.Level == data.LevelBranch {
			only = []int64{u.ID}
		}
	}
	cells, err := e.store.Compliance(e.ctx, *year, only, today)
	if err != nil {
		return fail(e, err)
	}
	out := checkJSON{Year: *year, AsOf: today, Gaps: []gapJSON{}, Due: []gapJSON{}, Summary: []summaryJSON{}}
	for _, c := range cells {
		g := gapJSON{Branch: c.Branch, Kind: c.Kind, Period: c.Period.String(), Required: c.Required, Held: c.Held}
		switch {
		case c.Gap():
			out.Gaps = append(out.Gaps, g)
		case c.Due(today):
			out.Due = append(out.Due, g)
		}
	}
	for _, sum := range data.SummarizeCompliance(cells, today) {
		out.Summary = append(out.Summary, summaryJSON{Branch: sum.Branch, Kind: sum.Kind, Required: sum.Required,
			Held: sum.Held, Missing: sum.Missing, Text: sum.Text()})
	}
	code := exitOK
	if len(out.Gaps) > 0 {
		code = exitPartial
	}
	if *asJSON {
		if err := writeJSON(e.out, out); err != nil {
			return fail(e, err)
		}
		return code
	}
	w := e.out
	scope := "各党支部"
	if *branch != "" && len(only) == 1 && len(cells) > 0 {
		scope = cells[0].Branch
	}
	fmt.Fprintf(w, "%d 年%s组织生活落实情况（截至 %s）\n", *year, scope, today.Chinese())
	if len(cells) == 0 {
		fmt.Fprintln(w, "没有需要检查的党支部或会议频次（系统设置中的会议频次均为“不作要求”？）。")
		return exitOK
	}
	// One line per branch and kind, the periods short listed with 已开/应开.
	rows := func(list []gapJSON) [][]string {
		var out [][]string
		for i := 0; i < len(list); {
			j := i
			var parts []string
			for ; j < len(list) && list[j].Branch == list[i].Branch && list[j].Kind == list[i].Kind; j++ {
				parts = append(parts, fmt.Sprintf("%s %d/%d", periodLabel(list[j].Period, *year), list[j].Held, list[j].Required))
			}
			out = append(out, []string{list[i].Branch, list[i].Kind, strings.Join(parts, "、")})
			i = j
		}
		return out
	}
	head := []string{"党支部", "会议类型", "期间 已开/应开"}
	if len(out.Gaps) == 0 {
		fmt.Fprintln(w, "已结束的各期均按要求召开，没有缺漏。")
	} else {
		fmt.Fprintf(w, "\n未按要求召开（已结束的期间，共 %d 项）：\n", len(out.Gaps))
		printTable(w, head, rows(out.Gaps))
	}
	if len(out.Due) > 0 {
		fmt.Fprintf(w, "\n本期尚未完成（期间未结束，共 %d 项）：\n", len(out.Due))
		printTable(w, head, rows(out.Due))
	}
	return code
}

// periodLabel writes a period for people: 3月, 第一季度, 全年 (or with the
// year, 2025年3月, when it is not the year asked about).
func periodLabel(p string, year int) string {
	y, rest, _ := strings.Cut(p, "-")
	prefix := y + "年"
	if y == strconv.Itoa(year) {
		prefix = ""
	}
	switch {
	case rest == "":
		if prefix == "" {
			return "全年"
		}
		return prefix
	case strings.HasPrefix(rest, "Q"):
		return prefix + "第" + map[string]string{"Q1": "一", "Q2": "二", "Q3": "三", "Q4": "四"}[rest] + "季度"
	}
	m, _ := strconv.Atoi(rest)
	return fmt.Sprintf("%s%d月", prefix, m)
}

// printTable aligns columns for a terminal, counting Chinese characters
// as two columns wide.
func printTable(w io.Writer, head []string, rows [][]string) {
	width := make([]int, len(head))
	for _, r := range append([][]string{head}, rows...) {
		for i, c := range r {
			width[i] = max(width[i], displayWidth(c))
		}
	}
	line := func(r []string) {
		var b strings.Builder
		b.WriteString("  ")
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", width[i]-displayWidth(c)+2))
			}
		}
		fmt.Fprintln(w, b.String())
	}
	line(head)
	for _, r := range rows {
		line(r)
	}
}

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || (r >= 0xFF00 && r <= 0xFFEF) || (r >= 0x3000 && r <= 0x303F) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// findBranch finds a branch by the name people write (jobs.FindBranch).
func findBranch(e *env, name string) (data.OrgUnit, error) {
	return jobs.FindBranch(e.ctx, e.store, name)
}

// cmdExportMinutes prints a branch's minutes book for a year: cover,
// contents with page numbers, every meeting of the branch and its groups in
// date order.
func cmdExportMinutes(e *env, args []string) int {
	fs := flags(e, "export minutes")
	branch := fs.String("branch", "", "党支部（全称或简称）")
	year := fs.Int("year", 0, "年度 YYYY")
	out := fs.String("out", "", "输出 PDF 文件路径")
	if _, err := interspersed(fs, args); err != nil {
		return exitError
	}
	if *branch == "" || *year == 0 || *out == "" {
		return fail(e, errors.New("用法：dangjian-cli export minutes --branch 支部名称 --year YYYY --out 会议记录本.pdf"))
	}
	u, err := findBranch(e, *branch)
	if err != nil {
		return fail(e, err)
	}
	if u.Level != data.LevelBranch {
		return fail(e, fmt.Errorf("“%s”不是党支部，会议记录本按党支部打印", *branch))
	}
	return e.finish(jobs.PrintMinutesBook(e.ctx, e.store, jobs.Options{BranchID: u.ID, Year: *year, Out: *out}, progress(e)))
}

// cmdExportMeeting prints one meeting's minutes.
func cmdExportMeeting(e *env, args []string) int {
	fs := flags(e, "export meeting")
	id := fs.Int64("id", 0, "会议记录编号")
	out := fs.String("out", "", "输出 PDF 文件路径")
	if _, err := interspersed(fs, args); err != nil {
		return exitError
	}
	if *id <= 0 || *out == "" {
		return fail(e, errors.New("用法：dangjian-cli export meeting --id 编号 --out 会议记录.pdf"))
	}
	return e.finish(jobs.PrintMeeting(e.ctx, e.store, *id, jobs.Options{Out: *out}, progress(e)))
}

// cmdExportCompliance prints the year's compliance matrix (landscape).
func cmdExportCompliance(e *env, args []string) int {
	fs := flags(e, "export compliance")
	today := e.store.Today()
	year := fs.Int("year", today.Y, "年度 YYYY（默认今年）")
	out := fs.String("out", "", "输出 PDF 文件路径")
	if _, err := interspersed(fs, args); err != nil {
		return exitError
	}
	if *out == "" {
		return fail(e, errors.New("用法：dangjian-cli export compliance --year YYYY --out 组织生活落实情况.pdf"))
	}
	if *year < 1900 || *year > today.Y+1 {
		return fail(e, fmt.Errorf("年度 %d 不合理", *year))
	}
	return e.finish(jobs.PrintCompliance(e.ctx, e.store, jobs.Options{Year: *year, AsOf: today, Out: *out}, progress(e)))
}

// meetingJSON is one entry of `meetings list --json`.
type meetingJSON struct {
	ID     int64  `json:"id"`
	Branch string `json:"branch"`
	Kind   string `json:"kind"`
	Date   string `json:"date"` // YYYY-MM-DD
	Topic  string `json:"topic"`
	Status string `json:"status"`
}

// cmdMeetingsList lists minutes, newest first: those of a branch (and its
// groups) or of one group with --branch, of a year, in a review status.
func cmdMeetingsList(e *env, args []string) int {
	fs := flags(e, "meetings list")
	branch := fs.String("branch", "", "只列出这个党支部（含所属党小组）或党小组的会议记录")
	year := fs.Int("year", 0, "年度 YYYY")
	status := fs.String("status", "", "审核状态："+strings.Join(meetingStatuses, "、"))
	asJSON := fs.Bool("json", false, "输出 JSON")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	if len(pos) > 0 {
		return fail(e, fmt.Errorf("多余的参数：%s", strings.Join(pos, " ")))
	}
	f := data.MeetingListFilter{Year: *year, Status: strings.TrimSpace(*status)}
	if *year != 0 && (*year < 1900 || *year > e.store.Today().Y+1) {
		return fail(e, fmt.Errorf("年度 %d 不合理，请写成 --year %d 的形式", *year, e.store.Today().Y))
	}
	if f.Status != "" && !slices.Contains(meetingStatuses, f.Status) {
		return fail(e, fmt.Errorf("审核状态“%s”无法识别，应为%s之一", f.Status, strings.Join(meetingStatuses, "、")))
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
		f.UnitIDs = []int64{u.ID}
		if u.Level == data.LevelBranch {
			for _, g := range units {
				if g.Level == data.LevelGroup && g.ParentID == u.ID {
					f.UnitIDs = append(f.UnitIDs, g.ID)
				}
			}
		}
	}
	items, err := e.store.MeetingList(e.ctx, f)
	if err != nil {
		return fail(e, err)
	}
	list := make([]meetingJSON, 0, len(items))
	for _, it := range items {
		list = append(list, meetingJSON{ID: it.ID, Branch: it.Branch, Kind: it.Kind, Date: it.Date.String(), Topic: it.Topic, Status: it.Status})
	}
	if *asJSON {
		if err := writeJSON(e.out, list); err != nil {
			return fail(e, err)
		}
		return exitOK
	}
	if len(list) == 0 {
		fmt.Fprintln(e.out, "（没有找到会议记录）")
		return exitOK
	}
	rows := make([][]string, 0, len(items))
	for _, it := range items {
		unit := it.Branch
		if it.Unit != it.Branch {
			unit += " / " + it.Unit
		}
		rows = append(rows, []string{strconv.FormatInt(it.ID, 10), it.Date.String(), unit, it.Kind, it.Status, it.Topic})
	}
	printTable(e.out, []string{"编号", "日期", "支部", "会议类型", "状态", "主题"}, rows)
	fmt.Fprintf(e.out, "共 %d 次\n", len(list))
	return exitOK
}

// meetingStatuses are the review states `meetings list --status` takes.
var meetingStatuses = []string{data.StatusDraft, data.StatusSubmitted, data.StatusApproved, data.StatusReturned}

// reviewActions maps `meetings review --action` to the status it moves the
// minutes to; the Chinese status words are accepted as well.
var reviewActions = map[string]string{
	"submit": data.StatusSubmitted, data.StatusSubmitted: data.StatusSubmitted,
	"approve": data.StatusApproved, data.StatusApproved: data.StatusApproved,
	"return": data.StatusReturned, data.StatusReturned: data.StatusReturned,
}

// cmdMeetingsReview submits (branch or office), approves or returns
// (office) one set of minutes, by the rule the 三会一课 screen obeys: a
// branch copy cannot approve its own minutes, a return needs a comment.
func cmdMeetingsReview(e *env, args []string) int {
	fs := flags(e, "meetings review")
	id := fs.Int64("id", 0, "会议记录编号（见 meetings list）")
	action := fs.String("action", "", "submit（提交审核）| approve（审核通过）| return（退回修改）")
	comment := fs.String("comment", "", "审核意见（退回时必填）")
	if _, err := interspersed(fs, args); err != nil {
		return exitError
	}
	to, ok := reviewActions[*action]
	if *id <= 0 || !ok {
		return fail(e, errors.New("用法：dangjian-cli meetings review --id 编号 --action submit|approve|return [--comment 审核意见]"))
	}
	m, err := e.store.Review(e.ctx, *id, e.store.Role(e.ctx), to, *comment)
	if err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.out, "会议记录 %d（%s %s %s）：%s\n", m.ID, m.Date, m.Kind, m.Topic, m.Status)
	return exitOK
}
