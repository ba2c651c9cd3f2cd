package main

import (
	"fmt"
	"strings"

	"dangjian/data"
	"dangjian/jobs"
)

// orgJSON is one unit in `org list --json`, in tree order.
type orgJSON struct {
	ID         int64       `json:"id"`
	ParentID   int64       `json:"parent_id"`
	Depth      int         `json:"depth"`
	Level      string      `json:"level"`
	LevelLabel string      `json:"level_label"`
	Kind       string      `json:"kind"`
	FullName   string      `json:"full_name"`
	ShortName  string      `json:"short_name"`
	Founded    data.Date   `json:"founded"`
	Secretary  string      `json:"secretary"`
	Liaison    string      `json:"liaison"`
	Phone      string      `json:"phone"`
	Members    int         `json:"members"`
	TermStart  data.Date   `json:"term_start"`
	TermEnd    data.Date   `json:"term_end"`
	TermStatus string      `json:"term_status"` // none, ok, due_soon, overdue
	Posts      []data.Post `json:"posts"`       // current tenures
	note       string
}

var termStatusNames = map[data.TermState]string{
	data.TermNone: "none", data.TermOK: "ok", data.TermDueSoon: "due_soon", data.TermOverdue: "overdue",
}

func cmdOrgList(e *env, args []string) int {
	fs := flags(e, "org list")
	asJSON := fs.Bool("json", false, "输出 JSON")
	if err := fs.Parse(args); err != nil {
		return exitError
	}
	roots, err := e.store.OrgTree(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	today := e.store.Today()
	warn := e.store.TermWarnMonths(e.ctx)
	list := []orgJSON{}
	for _, r := range roots {
		r.Walk(func(n *data.OrgNode, depth int) {
			u := n.Unit
			posts := n.CurrentPosts(today)
			if posts == nil {
				posts = []data.Post{}
			}
			list = append(list, orgJSON{
				ID: u.ID, ParentID: u.ParentID, Depth: depth, Level: string(u.Level), LevelLabel: u.Level.Label(),
				Kind: u.Kind, FullName: u.FullName, ShortName: u.ShortName, Founded: u.Founded,
				Secretary: n.Head(today), Liaison: u.Liaison, Phone: u.Phone, Members: n.TotalMembers(),
				TermStart: u.TermStart, TermEnd: u.TermEnd(), TermStatus: termStatusNames[u.TermStatus(today, warn)],
				Posts: posts, note: u.TermNote(today, warn),
			})
		})
	}
	if *asJSON {
		if err := writeJSON(e.out, list); err != nil {
			return fail(e, err)
		}
		return exitOK
	}
	if len(list) == 0 {
		fmt.Fprintln(e.out, "（尚未建立组织）")
	}
	for _, o := range list {
		line := fmt.Sprintf("%s%s  [%s] 党员 %d 名", strings.Repeat("    ", o.Depth), o.FullName, o.Kind, o.Members)
		if o.Secretary != "" {
			line += "  书记/组长：" + o.Secretary
		}
		if o.note != "" {
			line += "  ⚠ " + o.note
		}
		fmt.Fprintln(e.out, line)
	}
	return exitOK
}

func cmdExportOrg(e *env, args []string) int {
	fs := flags(e, "export org")
	out := fs.String("out", "", "PDF 文件路径")
	if err := fs.Parse(args); err != nil {
		return exitError
	}
	if *out == "" {
		return fail(e, fmt.Errorf("请用 --out 指定 PDF 文件路径"))
	}
	return e.finish(jobs.PrintOrgChart(e.ctx, e.store, jobs.Options{Out: *out}, progress(e)))
}
