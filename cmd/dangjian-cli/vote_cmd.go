package main

import (
	"fmt"
	"strconv"
	"strings"

	"dangjian/data"
)

// voteUsage is shown with every usage error of `vote`.
const voteUsage = "用法：dangjian-cli vote --expected 应到 --present 实到 --yes 赞成 [--no 反对] [--abstain 弃权] [--json]"

// cmdVote applies the branch vote rule of steps 15 and 23 (data.DevVote)
// to counts given on the command line. It needs no database. Output is
// the result's message, or with --json {"quorum", "passed", "message"}.
// Exit 0 whenever the counts are possible (passed or not), 2 for
// impossible counts or bad usage, with the message on stderr.
func cmdVote(e *env, args []string) int {
	fs := flags(e, "vote")
	fs.Usage = func() { fmt.Fprintln(e.errw, voteUsage) }
	names := []struct{ flag, label string }{
		{"expected", "应到人数"}, {"present", "实到人数"}, {"yes", "赞成票数"}, {"no", "反对票数"}, {"abstain", "弃权票数"},
	}
	vals := map[string]*string{}
	for _, n := range names {
		vals[n.flag] = fs.String(n.flag, "", n.label)
	}
	asJSON := fs.Bool("json", false, "输出 JSON")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	if len(pos) > 0 {
		return voteFail(e, fmt.Errorf("多余的参数：%s", strings.Join(pos, " ")))
	}
	n := map[string]int{}
	for i, f := range names {
		s := strings.TrimSpace(*vals[f.flag])
		if s == "" {
			if i < 3 { // --expected, --present and --yes are required
				return voteFail(e, fmt.Errorf("请用 --%s 给出%s", f.flag, f.label))
			}
			continue
		}
		v, err := strconv.Atoi(s)
		if err != nil {
			return voteFail(e, fmt.Errorf("%s“%s”应为整数", f.label, s))
		}
		n[f.flag] = v
	}
	res, err := data.DevVote(n["expected"], n["present"], n["yes"], n["no"], n["abstain"])
	if err != nil {
		fmt.Fprintln(e.errw, "错误：", err)
		return exitError
	}
	if *asJSON {
		if err := writeJSON(e.out, res); err != nil {
			return fail(e, err)
		}
		return exitOK
	}
	fmt.Fprintln(e.out, res.Message)
	return exitOK
}

func voteFail(e *env, err error) int {
	fmt.Fprintln(e.errw, "错误：", err)
	fmt.Fprintln(e.errw, voteUsage)
	return exitError
}
