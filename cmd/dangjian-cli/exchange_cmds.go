package main

import (
	"errors"
	"fmt"

	"dangjian/data"
	"dangjian/jobs"
)

// Office ↔ branch exchange by package files (issue 16, docs/exchange.md).

// cmdExchangeExport makes this copy's next package: on the office for the
// branch --branch, on a branch copy for the office. Exit 0, or 2.
func cmdExchangeExport(e *env, args []string) int {
	fs := flags(e, "exchange export")
	branch := fs.String("branch", "", "党支部（全称或简称）：党总支办公室为这个支部制作交换包")
	out := fs.String("out", "", "输出交换包文件路径（"+data.PackageExt+"）")
	reissue := fs.Bool("reissue", false, "重新制作支部初始包（与 --branch 一起用）：支部电脑丢失、损坏或重装时，为新建的空白数据库制作；新副本发来第一个交换包后取代旧副本")
	if _, err := interspersed(fs, args); err != nil {
		return exitError
	}
	if *out == "" {
		return fail(e, errors.New("用法：dangjian-cli exchange export --branch 支部名称 --out 文件"+data.PackageExt+"（党总支办公室），或 exchange export --out 文件"+data.PackageExt+"（支部副本）"))
	}
	id, err := e.store.Identity(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	var branchID int64
	switch {
	case id.IsBranch() && *branch != "":
		return fail(e, fmt.Errorf("本机是%s，只能为党总支办公室制作交换包：请去掉 --branch", id.Label()))
	case *reissue && (id.IsBranch() || *branch == ""):
		return fail(e, errors.New("--reissue 须由党总支办公室与 --branch 一起使用：exchange export --branch 支部名称 --reissue --out 文件"+data.PackageExt))
	case !id.IsBranch() && *branch == "":
		return fail(e, errors.New("请用 --branch 指定为哪个党支部制作交换包"))
	case !id.IsBranch():
		u, err := findBranch(e, *branch)
		if err != nil {
			return fail(e, err)
		}
		if u.Level != data.LevelBranch {
			return fail(e, fmt.Errorf("“%s”不是党支部，交换包按党支部制作", *branch))
		}
		branchID = u.ID
	}
	var info data.PackageInfo
	if *reissue {
		info, err = jobs.ReissueBranchPackage(e.ctx, e.store, branchID, *out, nil)
	} else {
		info, err = jobs.ExportPackage(e.ctx, e.store, branchID, *out, nil)
	}
	if err != nil {
		return fail(e, err)
	}
	m := info.Manifest
	kind := ""
	if *reissue {
		kind = "（重新制作的支部初始包：在党支部电脑上的新数据库中导入；新副本发来第一个交换包后，旧副本发来的交换包不再接收）"
	} else if m.Kind == data.PackageBranchInit {
		kind = "（支部初始包：在党支部电脑上的新数据库中导入）"
	}
	fmt.Fprintf(e.out, "已生成交换包 %s：%s → %s 第 %d 号%s\n内容：%s\n", *out, m.FromName, m.ToName, m.Number, kind, m.CountsText())
	return exitOK
}

// exchangeImportJSON is `exchange import --json`.
type exchangeImportJSON struct {
	Applied          map[string]int         `json:"applied"`
	Pending          int                    `json:"pending"`
	Conflicts        []data.ConflictSummary `json:"conflicts"`
	Duplicates       int                    `json:"duplicates"`
	DuplicatePackage bool                   `json:"duplicate_package,omitempty"`
	Gap              string                 `json:"gap,omitempty"`
	BecameBranch     bool                   `json:"became_branch,omitempty"`
	ReplacedCopy     string                 `json:"replaced_copy,omitempty"`
	Refusals         []data.Refusal         `json:"refusals,omitempty"`
}

// cmdExchangeImport imports a package all or nothing. Exit 0; 1 when some
// records were refused (the rest applied); 2 when the package was refused
// (the reason on stderr) or on an error — then nothing changed.
func cmdExchangeImport(e *env, args []string) int {
	fs := flags(e, "exchange import")
	asJSON := fs.Bool("json", false, "输出 JSON")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	if len(pos) != 1 {
		return fail(e, errors.New("用法：dangjian-cli exchange import 交换包"+data.PackageExt+" [--json]"))
	}
	res, err := jobs.ImportPackage(e.ctx, e.store, pos[0], nil)
	if err != nil {
		if r := data.RefusalReason(err); r != "" {
			fmt.Fprintf(e.errw, "交换包被拒收：%s\n数据库未作任何改动。\n", r)
			return exitError
		}
		return fail(e, err)
	}
	if *asJSON {
		out := exchangeImportJSON{Applied: res.Applied, Pending: res.Pending, Conflicts: res.Conflicts, Duplicates: res.Duplicates,
			DuplicatePackage: res.DuplicatePackage, Gap: res.Gap, BecameBranch: res.BecameBranch, ReplacedCopy: res.ReplacedCopy, Refusals: res.Refusals}
		if out.Conflicts == nil {
			out.Conflicts = []data.ConflictSummary{}
		}
		if err := writeJSON(e.out, out); err != nil {
			return fail(e, err)
		}
	} else {
		m := res.Manifest
		fmt.Fprintf(e.out, "已导入 %s：%s → %s 第 %d 号\n%s\n", pos[0], m.FromName, orSelf(m.ToName), m.Number, res.Summary())
		if res.BecameBranch {
			id, _ := e.store.Identity(e.ctx)
			fmt.Fprintf(e.out, "本机已成为%s，副本编号 %s，密钥指纹 %s。\n", id.Label(), id.CopyID, id.Fingerprint)
		}
		for _, c := range res.Conflicts {
			fmt.Fprintf(e.out, "冲突：%s %s（双方都修改过，两个版本都已保留，请在“数据交换”中处理）\n", c.Label, c.Name)
		}
		for _, r := range res.Refusals {
			fmt.Fprintf(e.out, "未导入：%s %s：%s\n", data.EntityLabel(r.Entity), r.Name, r.Reason)
		}
	}
	if len(res.Refusals) > 0 {
		return exitPartial
	}
	return exitOK
}

func orSelf(s string) string {
	if s == "" {
		return "本机"
	}
	return s
}
