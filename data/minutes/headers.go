package minutes

import (
	"strings"

	"dangjian/data/sheet"
)

// Column keys of a ledger.
const (
	colBranch     = "branch"
	colGroup      = "group"
	colKind       = "kind"
	colTopic      = "topic"
	colWhen       = "when"  // 会议时间: a date, with or without the time of day
	colStart      = "start" // 开始时间, when the sheet has it apart
	colEnd        = "end"
	colPlace      = "place"
	colForm       = "form"
	colHost       = "host"
	colRecorder   = "recorder"
	colExpected   = "expected"
	colPresent    = "present"
	colLeave      = "leave"       // 请假人员: names
	colLeaveN     = "leave_count" // 请假人数
	colAbsent     = "absent"      // 缺席人员及原因
	colAbsentN    = "absent_count"
	colGuests     = "guests"
	colAgenda     = "agenda"
	colContent    = "content"
	colResolution = "resolution"
	colStatus     = "status"
	colRemarks    = "remarks"
	colIgnore     = "-" // 序号, 月份 …: known, not imported
)

// synonyms maps a normalised header to its column, with the names real
// ledgers use.
var synonyms = map[string]string{
	"支部": colBranch, "所在支部": colBranch, "党支部": colBranch, "所属支部": colBranch, "所属党支部": colBranch,
	"所在党支部": colBranch, "支部名称": colBranch, "党组织": colBranch, "党组织名称": colBranch, "所在党组织": colBranch,
	"召开单位": colBranch, "组织": colBranch, "单位": colBranch, "支部(党小组)": colBranch, "支部/党小组": colBranch,
	"党小组": colGroup, "所在党小组": colGroup, "所属党小组": colGroup, "党小组名称": colGroup,
	"会议类型": colKind, "类型": colKind, "会议类别": colKind, "会议种类": colKind, "活动类型": colKind, "会议名称": colKind,
	"类别": colKind,
	"主题": colTopic, "会议主题": colTopic, "活动主题": colTopic, "题目": colTopic, "党课题目": colTopic, "学习主题": colTopic,
	"会议时间": colWhen, "时间": colWhen, "日期": colWhen, "会议日期": colWhen, "召开时间": colWhen, "召开日期": colWhen,
	"开会时间": colWhen, "开会日期": colWhen, "活动时间": colWhen, "活动日期": colWhen, "会议时间(日期)": colWhen,
	"开始时间": colStart, "起始时间": colStart, "开始": colStart,
	"结束时间": colEnd, "终止时间": colEnd, "结束": colEnd,
	"地点": colPlace, "会议地点": colPlace, "活动地点": colPlace, "召开地点": colPlace, "开会地点": colPlace,
	"形式": colForm, "会议形式": colForm, "召开形式": colForm, "开会形式": colForm, "方式": colForm, "召开方式": colForm,
	"主持人": colHost, "主持": colHost, "会议主持人": colHost, "主持人姓名": colHost,
	"记录人": colRecorder, "记录": colRecorder, "记录员": colRecorder, "记录人姓名": colRecorder,
	"应到人数": colExpected, "应到": colExpected, "应出席人数": colExpected, "应参会人数": colExpected, "应到会人数": colExpected,
	"应参加人数": colExpected,
	"实到人数":  colPresent, "实到": colPresent, "实际出席人数": colPresent, "出席人数": colPresent, "参会人数": colPresent,
	"到会人数": colPresent, "实到会人数": colPresent, "实际参会人数": colPresent, "实参加人数": colPresent,
	"请假人员": colLeave, "请假": colLeave, "请假人员及原因": colLeave, "请假人员名单": colLeave, "请假人": colLeave,
	"请假人员姓名": colLeave, "请假情况": colLeave,
	"请假人数":    colLeaveN,
	"缺席人员及原因": colAbsent, "缺席人员": colAbsent, "缺席": colAbsent, "缺席人员和原因": colAbsent, "缺席情况": colAbsent,
	"缺席人员及缺席原因": colAbsent, "缺席人": colAbsent,
	"缺席人数": colAbsentN,
	"列席人员": colGuests, "列席": colGuests, "列席人": colGuests, "列席人员名单": colGuests,
	"议程": colAgenda, "会议议程": colAgenda, "议题": colAgenda, "会议议题": colAgenda, "活动议程": colAgenda,
	"主要内容": colContent, "会议内容": colContent, "内容": colContent, "会议记录": colContent, "记录内容": colContent,
	"活动内容": colContent, "会议纪要": colContent, "内容摘要": colContent, "会议主要内容": colContent, "学习内容": colContent,
	"决议": colResolution, "决议事项": colResolution, "会议决议": colResolution, "决定事项": colResolution, "形成决议": colResolution,
	"决议决定": colResolution, "会议决定": colResolution,
	"状态": colStatus, "审核状态": colStatus, "审核": colStatus, "纪要状态": colStatus, "审核情况": colStatus,
	"备注": colRemarks, "说明": colRemarks,
	"序号": colIgnore, "编号": colIgnore, "行号": colIgnore, "年度": colIgnore, "年份": colIgnore, "月份": colIgnore,
	"季度": colIgnore, "星期": colIgnore, "附件": colIgnore, "页码": colIgnore,
}

// headerKey recognises one header cell (trailing remarks in brackets
// dropped).
func headerKey(raw string) (string, bool) { return sheet.MatchHeader(raw, synonyms) }

// scoreHeader counts the distinct columns a row names and whether the
// meeting's date and its kind or topic are among them; a header needs all.
func scoreHeader(cells []string) (n int, ok bool) {
	seen := map[string]bool{}
	for _, c := range cells {
		if k, found := headerKey(c); found && k != colIgnore && !seen[k] {
			seen[k] = true
			n++
		}
	}
	return n, seen[colWhen] && (seen[colKind] || seen[colTopic])
}

// findHeader picks the header among the first rows: the row naming the
// most columns, 会议时间 and 会议类型 or 主题 among them, three at least.
func findHeader(rows [][]string) (int, bool) {
	best, bestN := -1, 0
	for i := 0; i < len(rows) && i < headerScan; i++ {
		if n, ok := scoreHeader(rows[i]); ok && n >= 3 && n > bestN {
			best, bestN = i, n
		}
	}
	return best, best >= 0
}

// column is one recognised column of the sheet.
type column struct {
	idx   int
	key   string
	title string // as the sheet writes it, for messages
}

var keyLabels = map[string]string{
	colBranch: "支部", colGroup: "党小组", colKind: "会议类型", colTopic: "主题", colWhen: "会议时间",
	colStart: "开始时间", colEnd: "结束时间", colPlace: "地点", colForm: "会议形式", colHost: "主持人",
	colRecorder: "记录人", colExpected: "应到人数", colPresent: "实到人数", colLeave: "请假人员",
	colLeaveN: "请假人数", colAbsent: "缺席人员及原因", colAbsentN: "缺席人数", colGuests: "列席人员",
	colAgenda: "议程", colContent: "主要内容", colResolution: "决议", colStatus: "审核状态",
	colRemarks: "备注（并入主要内容）", colIgnore: "不导入",
}

// mapColumns reads the header row into recognised columns and the texts
// of the ones not recognised. When two columns name the same thing, the
// first is used.
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

// clean trims what spreadsheets leave around a value, and the apostrophe
// an export puts before = + - @.
func clean(s string) string {
	s = strings.Trim(s, " \t\r\n\u3000\u00a0\u200b\ufeff")
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@", rune(s[1])) {
		s = s[1:]
	}
	return s
}
