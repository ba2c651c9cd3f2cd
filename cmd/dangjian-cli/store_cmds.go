package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"dangjian/data"
	"dangjian/data/demo"
)

func cmdDemo(e *env, args []string) int {
	fs := flags(e, "demo")
	n := fs.Int("members", 300, "党员人数")
	seed := fs.Uint64("seed", 1, "随机种子：相同的种子和日期生成相同的数据")
	asOf := fs.String("as-of", "", "以哪一天为“今天”生成（默认今天），格式 2026-11-27")
	if err := fs.Parse(args); err != nil {
		return exitError
	}
	if *n < demo.MinMembers || *n > demo.MaxMembers {
		return fail(e, fmt.Errorf("--members 应在 %d 至 %d 之间", demo.MinMembers, demo.MaxMembers))
	}
	day, err := data.ParseDate(*asOf)
	if err != nil {
		return fail(e, err)
	}
	start := time.Now()
	res, err := demo.Load(e.ctx, e.store, demo.Options{Members: *n, Seed: *seed, AsOf: day})
	if err == nil {
		// Marked as the demo: the workbench shows 演示数据 and offers to
		// clear it before real use.
		err = e.store.SetSetting(e.ctx, data.SettingOnboarded, data.OnboardedDemo)
	}
	if err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.out, "已载入演示数据：党支部 %d 个，党小组 %d 个，委员会职务 %d 个，党员 %d 名（另有历史党员 %d 名），会议记录 %d 份，督办任务 %d 项（%.1f 秒）\n数据库：%s\n",
		res.Branches, res.Groups, res.Posts, res.Members, res.History, res.Meetings, res.Tasks, time.Since(start).Seconds(), e.store.Path())
	return exitOK
}

func cmdBackup(e *env, args []string) int {
	fs := flags(e, "backup")
	out := fs.String("out", "", "备份文件路径")
	force := fs.Bool("force", false, "备份文件已存在时覆盖它")
	encrypt := fs.Bool("encrypt", false, "用口令加密（age 格式，文件名加 .age；口令取自环境变量 "+envPassphrase+" 或在终端输入）")
	if err := fs.Parse(args); err != nil {
		return exitError
	}
	if *out == "" {
		return fail(e, errors.New("请用 --out 指定备份文件路径"))
	}
	o := data.BackupOptions{Overwrite: *force}
	if *encrypt {
		p, err := passphrase(e, true)
		if err == nil {
			err = data.CheckPassphrase(p)
		}
		if err != nil {
			return fail(e, err)
		}
		o.Passphrase = p
	}
	written, err := e.store.BackupWith(e.ctx, *out, o, nil)
	if err != nil {
		var exists *data.BackupExistsError
		if errors.As(err, &exists) {
			return fail(e, fmt.Errorf("文件“%s”已存在，没有覆盖。请换一个文件名，或加 --force 覆盖它", exists.Path))
		}
		return fail(e, err)
	}
	note := ""
	if *encrypt {
		note = "，已加密"
	}
	fmt.Fprintf(e.out, "已备份到 %s（数据库和附件，已通过完整性检查%s）\n", written, note)
	return exitOK
}

func cmdRestore(e *env, args []string) int {
	fs := flags(e, "restore")
	if err := fs.Parse(args); err != nil {
		return exitError
	}
	if fs.NArg() != 1 {
		return fail(e, errors.New("用法：dangjian-cli restore 备份文件"))
	}
	pass := ""
	if data.IsEncrypted(fs.Arg(0)) {
		var err error
		if pass, err = passphrase(e, false); err != nil {
			return fail(e, err)
		}
	}
	res, err := e.store.RestoreWith(e.ctx, fs.Arg(0), pass, nil)
	if err != nil {
		return fail(e, err)
	}
	fmt.Fprintln(e.out, res.Summary(fs.Arg(0)))
	return exitOK
}

func cmdAuditVerify(e *env, args []string) int {
	fs := flags(e, "audit verify")
	var against, codes multiFlag
	fs.Var(&against, "against", "再与这个备份文件中的日志终点核对（可重复）")
	fs.Var(&codes, "code", "再与打印件或回执上的校验码核对，如“日志 1234 条 · a1b2c3d4”（可重复）")
	asJSON := fs.Bool("json", false, "输出 JSON")
	if err := fs.Parse(args); err != nil {
		return exitError
	}
	var opt data.VerifyOptions
	for _, p := range against {
		h, err := data.BackupAuditHead(e.ctx, p)
		if err != nil {
			return fail(e, err)
		}
		opt.Anchors = append(opt.Anchors, data.AuditAnchor{AuditHead: h, Source: "备份文件“" + filepath.Base(p) + "”"})
	}
	for _, c := range codes {
		h, err := data.ParseAuditCode(c)
		if err != nil {
			return fail(e, err)
		}
		opt.Anchors = append(opt.Anchors, data.AuditAnchor{AuditHead: h, Source: "输入的校验码"})
	}
	r, err := e.store.VerifyAuditReport(e.ctx, opt)
	if err != nil {
		return fail(e, err)
	}
	if *asJSON {
		type anchorJSON struct {
			Count   int64  `json:"count"`
			Code    string `json:"code"`
			Source  string `json:"source"`
			At      string `json:"at,omitempty"`
			Problem string `json:"problem,omitempty"`
		}
		anchors := []anchorJSON{}
		for _, a := range r.Anchors {
			j := anchorJSON{Count: a.Anchor.Count, Code: a.Anchor.Code(), Source: a.Anchor.Source, Problem: a.Problem}
			if !a.Anchor.At.IsZero() {
				j.At = a.Anchor.At.Format(time.RFC3339)
			}
			anchors = append(anchors, j)
		}
		out := struct {
			OK        bool               `json:"ok"`
			Count     int64              `json:"count"`
			Code      string             `json:"code"`
			Hash      string             `json:"hash"`
			Problems  []string           `json:"problems"`
			Anchors   []anchorJSON       `json:"anchors"`
			Data      []data.DataProblem `json:"data_problems"`
			DataTotal int                `json:"data_problems_total"`
		}{r.OK(), r.Count, r.Head.Code(), r.Head.Hash, r.Problems(), anchors, r.Data, r.DataTotal}
		if out.Problems == nil {
			out.Problems = []string{}
		}
		if out.Data == nil {
			out.Data = []data.DataProblem{}
		}
		if err := writeJSON(e.out, out); err != nil {
			return fail(e, err)
		}
	} else if r.OK() {
		fmt.Fprintln(e.out, r.Summary())
	} else {
		fmt.Fprintln(e.errw, r.Summary())
	}
	if !r.OK() {
		return exitPartial
	}
	return exitOK
}

// multiFlag collects a flag given more than once.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ", ") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func cmdAuditList(e *env, args []string) int {
	fs := flags(e, "audit list")
	from := fs.String("from", "", "起始日期")
	to := fs.String("to", "", "截止日期")
	op := fs.String("operator", "", "操作员")
	var kinds []string
	for _, k := range data.Entities() {
		kinds = append(kinds, data.EntityLabel(k)+"（"+k+"）")
	}
	entity := fs.String("entity", "", "对象类型，中文名或代号："+strings.Join(kinds, "、"))
	limit := fs.Int("limit", 100, "最多条数")
	asJSON := fs.Bool("json", false, "输出 JSON")
	if err := fs.Parse(args); err != nil {
		return exitError
	}
	f := data.AuditFilter{Operator: *op, Limit: *limit}
	if *entity != "" {
		k, ok := data.EntityByLabel(strings.TrimSpace(*entity))
		if !ok {
			return fail(e, fmt.Errorf("没有“%s”这类对象；可选：%s", *entity, strings.Join(kinds, "、")))
		}
		f.Entity = k
	}
	var err error
	if f.From, err = data.ParseDate(*from); err != nil {
		return fail(e, err)
	}
	if f.To, err = data.ParseDate(*to); err != nil {
		return fail(e, err)
	}
	list, err := e.store.AuditEntries(e.ctx, f)
	if err != nil {
		return fail(e, err)
	}
	if *asJSON {
		if list == nil {
			list = []data.AuditEntry{}
		}
		if err := writeJSON(e.out, list); err != nil {
			return fail(e, err)
		}
		return exitOK
	}
	names, err := e.store.AuditNames(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	for _, a := range list {
		fmt.Fprintf(e.out, "%6d  %s  %s  %s%s  %s", a.ID, a.At.Local().Format("2006-01-02 15:04:05"),
			a.Operator, data.ActionLabel(a.Action), data.EntityLabel(a.Entity), names.RecordName(a))
		if s := names.Summary(a); s != "" {
			fmt.Fprintf(e.out, "  %s", s)
		}
		fmt.Fprintln(e.out)
	}
	return exitOK
}
