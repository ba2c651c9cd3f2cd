// Command dangjian-cli does the workbench's jobs without a window: demo
// data, backup and restore, audit verification, listings — for scripts and
// for offices that automate their archive.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"dangjian/data"
)

// Exit codes are a contract that office scripts rely on.
const (
	exitOK      = 0
	exitPartial = 1 // the job ran but found problems (e.g. audit chain broken)
	exitError   = 2 // nothing done: bad usage or an error
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command is one verb (or verb pair such as "org list").
type command struct {
	name    string
	summary string
	write   bool // needs the writer lock
	run     func(env *env, args []string) int
}

// env carries what every command needs.
type env struct {
	ctx    context.Context
	dbPath string
	out    io.Writer
	errw   io.Writer
	store  *data.Store
}

func commands() []command {
	return []command{
		{"version", "显示版本", false, cmdVersion},
		{"demo", "向空数据库载入演示数据 [--members N] [--seed S]", true, cmdDemo},
		{"backup", "备份数据库和附件 --out FILE [--force] [--encrypt]（加密为 FILE.age）", false, cmdBackup},
		{"restore", "从备份文件恢复 FILE（.age 加密备份需口令）", true, cmdRestore},
		{"audit verify", "校验操作日志和数据是否被篡改 [--against 备份文件] [--code 校验码] [--json]", false, cmdAuditVerify},
		{"audit list", "列出操作日志 [--from 日期] [--to 日期] [--operator 姓名] [--entity 类型] [--limit N] [--json]", false, cmdAuditList},
		{"org list", "列出组织架构 [--json]", false, cmdOrgList},
		{"export org", "打印组织架构表 --out FILE.pdf", false, cmdExportOrg},
		{"import members", "导入党员花名册 FILE(.xlsx/.csv) [--mode valid-only|all-or-nothing] [--json]", true, cmdImportMembers},
		{"members search", "查找党员（姓名、拼音、身份证号、电话、工号）QUERY [--json]", false, cmdMembersSearch},
		{"members list", "列出党员 [--branch 支部名称] [--history | --all] [--json]", false, cmdMembersList},
		{"export members", "导出党员 --format xlsx|roster-pdf|forms-pdf --out FILE [--branch 支部名称] [--history] [--encrypt]", false, cmdExportMembers},
		{"import meetings", "导入历史会议记录台账 FILE(.xlsx/.csv) [--mode valid-only|all-or-nothing] [--json]", true, cmdImportMeetings},
		{"meetings list", "列出会议记录 [--branch 支部名称] [--year YYYY] [--status 草稿|已提交|已审核|退回] [--json]", false, cmdMeetingsList},
		{"meetings review", "提交、审核会议记录 --id 编号 --action submit|approve|return [--comment 审核意见]（退回须写意见；支部副本不能审核本支部的记录）", true, cmdMeetingsReview},
		{"check meetings", "检查三会一课落实情况 --year YYYY [--branch 支部名称] [--json]（有缺漏时退出码为 1）", false, cmdCheckMeetings},
		{"export minutes", "打印支部年度会议记录本 --branch 支部名称 --year YYYY --out FILE.pdf", false, cmdExportMinutes},
		{"export meeting", "打印一次会议记录 --id 编号 --out FILE.pdf", false, cmdExportMeeting},
		{"export compliance", "打印组织生活落实情况表 --year YYYY --out FILE.pdf", false, cmdExportCompliance},
		{"import tasks", "导入年度督办任务清单 FILE(.xlsx/.csv) [--year YYYY] [--mode valid-only|all-or-nothing] [--json]", true, cmdImportTasks},
		{"check tasks", "列出逾期和即将到期的督办任务 [--year YYYY] [--json]（有逾期任务时退出码为 1）", false, cmdCheckTasks},
		{"checklist score", "标准化党支部考评得分 --year YYYY [--json]（名次按考评得分，并列同名次；另列任务得分、总分及总分名次）", false, cmdChecklistScore},
		{"export checklist", "打印标准化党支部考评表 --year YYYY [--branch 支部名称] --out FILE.pdf（不写 --branch：全部支部及年度排名图表）", false, cmdExportChecklist},
		{"export tasks", "打印督办任务台账 --year YYYY --out FILE.pdf", false, cmdExportTasks},
		{"import development", "导入发展党员工作台账 FILE(.xlsx/.csv) [--mode valid-only|all-or-nothing] [--json]", true, cmdImportDevelopment},
		{"export development", "打印发展党员工作全程纪实表 --name 姓名|--id 编号 --out FILE.pdf，或台账 --year YYYY [--branch 支部名称] --out FILE.pdf", false, cmdExportDevelopment},
		{"check development", "检查发展党员各步骤是否按时、齐全 [--as-of 日期] [--branch 支部名称] [--json]（有提醒时退出码为 1）", false, cmdCheckDevelopment},
		{"dues calc", "党费计算器（无需数据库）--base 缴费基数（元） --kind in-service|retired|student [--json]", false, cmdDuesCalc},
		{"import dues", "导入党费收缴登记表 FILE(.xlsx/.csv) --year YYYY [--mode valid-only|all-or-nothing] [--json]", true, cmdImportDues},
		{"check dues", "列出欠缴、少缴党费的党员 --year YYYY [--as-of 日期] [--branch 支部名称] [--json]（有欠缴时退出码为 1）", false, cmdCheckDues},
		{"export dues", "打印党费收缴台账 --year YYYY [--branch 支部名称] --out FILE.pdf（不写 --branch：汇总表及各支部台账）", false, cmdExportDues},
		{"todo", "列出待办事项（逾期、即将到期、提示）[--as-of 日期] [--branch 支部名称] [--json]", false, cmdTodo},
		{"stats", "党内统计（党员结构、组织、组织生活、考评）[--as-of 日期] [--branch 支部名称] [--json]", false, cmdStats},
		{"export stats", "导出党内统计表 [--as-of 日期] [--branch 支部名称] --out FILE.pdf|FILE.xlsx", false, cmdExportStats},
		{"import study", "导入党员学习台账 FILE(.xlsx/.csv) [--mode valid-only|all-or-nothing] [--json]", true, cmdImportStudy},
		{"import questions", "导入知识竞赛题库 FILE(.xlsx/.csv) [--mode valid-only|all-or-nothing] [--json]", true, cmdImportQuestions},
		{"export quiz", "打印知识竞赛试卷 --count N [--category 类别] [--seed S] [--answers] [--title 标题] --out FILE.pdf", false, cmdExportQuiz},
		{"points rank", "党员积分排名（综合排名、学习排名）[--year YYYY] [--month M] [--branch 支部名称] [--json]", false, cmdPointsRank},
		{"library search", "检索资料库（标题、标签、说明及 PDF、Word、文本文件中的文字）QUERY [--json]", false, cmdLibrarySearch},
		{"library add", "把文件加入资料库 FILE --title 标题 --category 学习资料|制度规定|会议模板|工作清单 [--tags a,b] [--date 日期]", true, cmdLibraryAdd},
		{"exchange export", "制作数据交换包 --branch 支部名称 --out FILE.djx（党总支办公室）；--out FILE.djx（支部副本，发往党总支）", true, cmdExchangeExport},
		{"exchange import", "导入数据交换包 FILE.djx [--json]（新建的空数据库导入支部初始包即成为该支部的副本；拒收时退出码为 2）", true, cmdExchangeImport},
		{"vote", "支部大会表决计票（无需数据库）--expected 应到 --present 实到 --yes 赞成 [--no 反对] [--abstain 弃权] [--json]", false, cmdVote},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "党建工作台命令行工具 dangjian-cli "+data.AppVersion)
	fmt.Fprintln(w, "\n用法：dangjian-cli [--db 数据库路径] [--operator 操作员] 命令 [参数]")
	fmt.Fprintln(w, "\n命令：")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-15s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\n数据库位置：--db 参数，其次环境变量 %s，否则 %s\n", data.EnvDB, data.DefaultDBPath())
	fmt.Fprintf(w, "操作员：--operator 姓名（记入操作日志）；数据库设置了登录密码时必须指定，密码取自环境变量 %s，否则在终端输入\n", envPassword)
	fmt.Fprintf(w, "加密副本（--encrypt、恢复 .age 备份）的口令取自环境变量 %s，否则在终端输入\n", envPassphrase)
	fmt.Fprintln(w, "退出码：0 成功；1 部分完成或发现问题；2 出错未执行")
}

// run parses the global --db flag (before or after the command words),
// finds the command and runs it. It never panics at the user: a panic
// becomes an error message and exit code 2.
func run(args []string, out, errw io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(errw, "内部错误：%v\n", r)
			code = exitError
		}
	}()
	dbFlag, rest, err := extractDB(args)
	var operator string
	if err == nil {
		operator, rest, err = extractFlag(rest, "operator")
	}
	if err != nil {
		fmt.Fprintln(errw, err)
		return exitError
	}
	if len(rest) == 0 || rest[0] == "help" || rest[0] == "-h" || rest[0] == "--help" {
		usage(out)
		if len(rest) == 0 {
			return exitError
		}
		return exitOK
	}
	cmds := commands()
	sort.SliceStable(cmds, func(i, j int) bool { return len(cmds[i].name) > len(cmds[j].name) })
	for _, c := range cmds {
		words := strings.Fields(c.name)
		if len(rest) < len(words) || strings.Join(rest[:len(words)], " ") != c.name {
			continue
		}
		e := &env{ctx: context.Background(), dbPath: data.ResolveDBPath(dbFlag), out: out, errw: errw}
		if c.name != "version" && c.name != "vote" && c.name != "dues calc" { // these need no database
			s, err := openStore(e.dbPath, c)
			if err != nil {
				fmt.Fprintln(errw, "错误：", err)
				return exitError
			}
			defer s.Close()
			e.store = s
			if err := signIn(e, operator); err != nil {
				fmt.Fprintln(errw, "错误：", err)
				return exitError
			}
		}
		return c.run(e, rest[len(words):])
	}
	fmt.Fprintf(errw, "未知命令：%s\n\n", strings.Join(rest, " "))
	usage(errw)
	return exitError
}

// openStore opens the database for the command. A reading command that
// meets a database from an older version upgrades it first when no other
// program holds it (the upgrade backs the file up), then reads.
func openStore(path string, c command) (*data.Store, error) {
	// restore must work exactly when the database is too damaged to open.
	opt := data.Options{ReadOnly: !c.write, Program: "dangjian-cli " + c.name, ForRestore: c.name == "restore"}
	s, err := data.Open(path, opt)
	var old *data.NeedsUpgradeError
	if !errors.As(err, &old) {
		return s, err
	}
	w, err := data.Open(path, data.Options{Program: "dangjian-cli（升级数据结构）"})
	if err != nil {
		return nil, err
	}
	w.Close()
	return data.Open(path, opt)
}

// extractFlag removes the global --NAME VALUE / --NAME=VALUE wherever it
// appears before a "--" (commands with a flag of that name — audit list's
// --operator filter — take it after the command words as their own).
func extractFlag(args []string, name string) (string, []string, error) {
	var val string
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case len(rest) >= 2 && rest[0] == "audit" && rest[1] == "list":
			rest = append(rest, a)
		case a == "--"+name:
			if i+1 >= len(args) {
				return "", nil, fmt.Errorf("--%s 后面需要一个值", name)
			}
			val = args[i+1]
			i++
		case strings.HasPrefix(a, "--"+name+"="):
			val = a[len(name)+3:]
		default:
			rest = append(rest, a)
		}
	}
	return val, rest, nil
}

// extractDB removes --db PATH / --db=PATH wherever it appears.
func extractDB(args []string) (string, []string, error) {
	var db string
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--db" || a == "-db":
			if i+1 >= len(args) {
				return "", nil, errors.New("--db 后面需要数据库文件路径")
			}
			db = args[i+1]
			i++
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db="):
			db = a[strings.Index(a, "=")+1:]
		default:
			rest = append(rest, a)
		}
	}
	return db, rest, nil
}

// flags makes a FlagSet whose errors are reported in the command's terms.
func flags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.errw)
	return fs
}

func fail(e *env, err error) int {
	fmt.Fprintln(e.errw, "错误：", err)
	return exitError
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func cmdVersion(e *env, args []string) int {
	fmt.Fprintf(e.out, "党建工作台 dangjian-cli %s（数据结构版本 %d）\n", data.AppVersion, data.SchemaVersion())
	return exitOK
}
