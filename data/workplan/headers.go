package workplan

import (
	"dangjian/data/sheet"
)

// Column keys of a task list.
const (
	colAspect      = "aspect"
	colTitle       = "title"
	colBranches    = "branches"
	colDue         = "due"
	colPoints      = "points"
	colRequirement = "requirement"
	colRemarks     = "remarks"
	colRemind      = "remind"
	colIgnore      = "-" // 序号, 责任人, 完成情况 …: known, not imported
)

var keyLabels = map[string]string{colAspect: "方面", colTitle: "任务", colBranches: "责任支部", colDue: "完成时限",
	colPoints: "分值", colRequirement: "要求", colRemarks: "备注", colRemind: "提前提醒天数", colIgnore: "不导入"}

// synonyms maps a normalised header to its column, with the names real
// work plans use.
var synonyms = map[string]string{
	"方面": colAspect, "工作方面": colAspect, "类别": colAspect, "工作类别": colAspect, "任务类别": colAspect,
	"分类": colAspect, "任务分类": colAspect, "板块": colAspect, "工作板块": colAspect, "考核方面": colAspect,
	"项目": colAspect, "考核项目": colAspect, "工作项目": colAspect, "一级指标": colAspect, "领域": colAspect,
	"任务": colTitle, "任务内容": colTitle, "工作任务": colTitle, "工作内容": colTitle, "具体任务": colTitle,
	"任务名称": colTitle, "重点任务": colTitle, "工作事项": colTitle, "任务事项": colTitle, "督办事项": colTitle,
	"督办任务": colTitle, "考核内容": colTitle, "主要任务": colTitle, "工作重点": colTitle, "二级指标": colTitle,
	"责任支部": colBranches, "责任单位": colBranches, "承办支部": colBranches, "责任党支部": colBranches,
	"承办单位": colBranches, "责任部门": colBranches, "落实单位": colBranches, "责任主体": colBranches,
	"承办党支部": colBranches, "落实支部": colBranches, "执行支部": colBranches, "牵头单位": colBranches,
	"完成时限": colDue, "完成时间": colDue, "时限": colDue, "截止日期": colDue, "截止时间": colDue,
	"完成期限": colDue, "办结时限": colDue, "时间节点": colDue, "完成日期": colDue, "时间要求": colDue,
	"时限要求": colDue, "完成时限要求": colDue, "办理时限": colDue,
	"分值": colPoints, "分数": colPoints, "考核分值": colPoints, "标准分": colPoints, "分值分": colPoints,
	"要求": colRequirement, "工作要求": colRequirement, "完成要求": colRequirement, "具体要求": colRequirement,
	"任务要求": colRequirement, "工作标准": colRequirement, "考核标准": colRequirement, "工作措施": colRequirement,
	"具体措施": colRequirement, "评分标准": colRequirement,
	"备注": colRemarks, "说明": colRemarks,
	"提前提醒天数": colRemind, "提醒天数": colRemind, "提前提醒": colRemind,
	"序号": colIgnore, "编号": colIgnore, "责任人": colIgnore, "联系人": colIgnore, "完成情况": colIgnore,
	"进展情况": colIgnore, "得分": colIgnore, "牵头领导": colIgnore, "分管领导": colIgnore, "年度": colIgnore,
}

// headerKey recognises one header cell (trailing remarks in brackets
// dropped).
func headerKey(raw string) (string, bool) { return sheet.MatchHeader(raw, synonyms) }

// scoreHeader counts the distinct columns a row names; a header names the
// task and its branches or its deadline.
func scoreHeader(cells []string) (n int, ok bool) {
	seen := map[string]bool{}
	for _, c := range cells {
		if k, found := headerKey(c); found && k != colIgnore && !seen[k] {
			seen[k] = true
			n++
		}
	}
	return n, seen[colTitle] && (seen[colBranches] || seen[colDue])
}

// findHeader is the reader's HeaderRule.Find: the best header row among
// the first rows.
func findHeader(rows [][]string) (int, bool) {
	best, bestN := -1, 0
	for i := 0; i < len(rows) && i < sheet.HeaderScan; i++ {
		if n, ok := scoreHeader(rows[i]); ok && n > bestN {
			best, bestN = i, n
		}
	}
	return best, best >= 0
}

type column struct {
	idx   int
	key   string
	title string
}

// mapColumns reads the header row into recognised columns and the texts
// of the ones not recognised.
func mapColumns(header []string) (cols []column, unknown []string) {
	for i, raw := range header {
		title := clean(raw)
		if title == "" {
			continue
		}
		k, ok := headerKey(raw)
		if !ok {
			unknown = append(unknown, title)
			continue
		}
		cols = append(cols, column{idx: i, key: k, title: title})
	}
	return cols, unknown
}
