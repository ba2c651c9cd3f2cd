package data

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// The registry: each module declares here, once, the entities it audits —
// their Chinese name, the table that holds them, and every field with its
// Chinese label and how its value reads (money in 元, enums in Chinese,
// points in 分, references by name). Entities(), EntityLabel, the member
// field list (form, list columns, export headers, import synonyms) and the
// 操作日志's wording all come from it. A new module adds its entities
// here; registry_test checks every audited table and column is covered.

// FieldKind says how a stored value is shown.
type FieldKind int

// Field kinds.
const (
	KindText     FieldKind = iota // free text, one line
	KindLongText                  // several lines; the log's summary shortens it
	KindDate                      // Date, "2006-01-02"
	KindTime                      // RFC 3339 timestamp, shown in local time
	KindMoney                     // integer 分, shown "1,235.00 元"
	KindEnum                      // one of Choices, shown by its label
	KindBool                      // 是 / 否
	KindPoints                    // Points (tenths), shown "6 分", "2.5 分"
	KindCount                     // integer, shown with Unit: "12 人"
	KindRef                       // ID of a record of entity Ref, shown by its name
	KindRefs                      // list of IDs of entity Ref
	KindList                      // list of sub-records (Sub), shown by the field's own format
	KindBytes                     // a size in bytes, "23.4 KB"
	KindInternal                  // bookkeeping (hashes, stored file names): detail only
)

// Choice is one allowed value of an enum field and its Chinese label.
type Choice struct{ Value, Label string }

// Field describes one field of an entity: a JSON key of the audited record
// and, where stored, a column of its table.
type Field struct {
	Key   string
	Label string
	Kind  FieldKind
	// Choices of a KindEnum field. Open: other text is allowed too (民族,
	// 学历 offer a list but take what a roster says).
	Choices []Choice
	Open    bool
	// Unit: the suffix of a KindCount value ("人", "天"); for KindMoney the
	// note of a heading ("元/月" → "党费基数（元/月）").
	Unit string
	Ref  string  // KindRef, KindRefs: the entity referred to
	Sub  []Field // KindList: the fields of each element
	// Table holds a KindList's elements (one row each); Columns names
	// the table columns this field is stored in when they are not Key.
	Table   string
	Columns []string
	// Max is the most characters a text takes (0: by kind, see MaxLen);
	// Name marks a name of a person or unit, which may not read as a
	// spreadsheet formula.
	Max  int
	Name bool
	// Group and Hint place a member field in the dossier form: the tab
	// and the grey text in an empty input. Group "" keeps it off the form.
	Group, Hint string
	// format overrides how a value reads (lists, nested records).
	format func(v any, n *AuditNames) string
}

// Heading is the field's label as a column or input title: money says its
// unit, "党费基数（元/月）".
func (f Field) Heading() string {
	if f.Kind == KindMoney && f.Unit != "" {
		return f.Label + "（" + f.Unit + "）"
	}
	return f.Label
}

// ChoiceValues lists an enum's stored values, in order.
func (f Field) ChoiceValues() []string {
	out := make([]string, len(f.Choices))
	for i, c := range f.Choices {
		out[i] = c.Value
	}
	return out
}

// Entity is one kind of audited record.
type Entity struct {
	Key   string // as written in audit_log.entity
	Label string
	Table string // the table holding its rows
	// Fields in the order of the form. Stamps (created_at …) need not be
	// listed: stampFields label them for every entity.
	Fields []Field
	// nameSQL lists (id, name) of its records so references read by name.
	nameSQL string
	// name says which record an audit row is about; nil: a name field.
	name func(e AuditEntry, n *AuditNames) string
	// fieldFor labels a field per record (a setting's value).
	fieldFor func(recordID, key string) (Field, bool)
}

// Field finds a field by key (or by the table column it is stored in).
func (e *Entity) Field(key string) (Field, bool) {
	if e == nil {
		return Field{}, false
	}
	for _, f := range e.Fields {
		if f.Key == key {
			return f, true
		}
	}
	for _, f := range e.Fields {
		for _, c := range f.Columns {
			if c == key {
				return f, true
			}
		}
	}
	for _, f := range stampFields {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// stampFields are the bookkeeping columns most tables carry.
var stampFields = []Field{
	{Key: "id", Label: "编号", Kind: KindInternal},
	{Key: "created_at", Label: "创建时间", Kind: KindTime},
	{Key: "updated_at", Label: "修改时间", Kind: KindTime},
	{Key: "deleted_at", Label: "删除时间", Kind: KindTime},
	{Key: "deleted", Label: "已删除", Kind: KindBool, Columns: []string{"deleted_at"}},
}

// Entity names used in the audit log (the other modules' keys are declared
// beside their code: EntityMeeting, EntityTask …).
const (
	EntitySetting = "setting"
	EntityOrgUnit = "org_unit"
	EntityPost    = "org_post"
	EntityMember  = "member"
)

func choices(vals ...string) []Choice {
	out := make([]Choice, len(vals))
	for i, v := range vals {
		out[i] = Choice{v, v}
	}
	return out
}

// registry is every audited entity, in the order the 操作日志 filter lists
// them. Built on first use: the labels of some fields name other entities.
var (
	registryOnce sync.Once
	registryList []*Entity
)

func registry() []*Entity {
	registryOnce.Do(func() { registryList = buildRegistry() })
	return registryList
}

func buildRegistry() []*Entity {
	unitRef := func(key, label string) Field { return Field{Key: key, Label: label, Kind: KindRef, Ref: EntityOrgUnit} }
	memberRef := func(key, label string) Field { return Field{Key: key, Label: label, Kind: KindRef, Ref: EntityMember} }
	text := func(key, label string) Field { return Field{Key: key, Label: label} }
	long := func(key, label string) Field { return Field{Key: key, Label: label, Kind: KindLongText} }
	date := func(key, label string) Field { return Field{Key: key, Label: label, Kind: KindDate} }
	count := func(key, label, unit string) Field { return Field{Key: key, Label: label, Kind: KindCount, Unit: unit} }
	stamp := func(key, label string) Field { return Field{Key: key, Label: label, Kind: KindTime} }
	order := Field{Key: "sort_order", Label: "排序", Kind: KindCount}
	name := func(f Field, max int) Field { f.Name, f.Max = true, max; return f }
	hoursField := func(key, label, unit string) Field {
		return Field{Key: key, Label: label, Kind: KindCount, Unit: unit, format: func(v any, _ *AuditNames) string {
			if x, ok := intOf(v); ok {
				return Hours(x).String() + " " + unit
			}
			return fmtJSONValue(v)
		}}
	}

	levels := []Choice{{string(LevelGeneral), "党总支"}, {string(LevelBranch), "党支部"}, {string(LevelGroup), "党小组"}}
	periods := []Choice{{"month", "每月"}, {"quarter", "每季度"}, {"year", "每年"}, {"none", "不作要求"}}
	rules := []Choice{{"", "人工评分"}}
	for _, r := range autoRules {
		rules = append(rules, Choice{r.key, r.label})
	}
	attendance := []Field{
		{Key: "meeting_id", Label: "会议", Kind: KindInternal},
		memberRef("member_id", "党员"),
		{Key: "name", Label: "姓名", Max: 50},
		{Key: "standing", Label: "党籍状态", Kind: KindEnum, Choices: choices(Standings...)},
		{Key: "committee", Label: "支委会成员", Kind: KindBool},
		{Key: "state", Label: "出席情况", Kind: KindEnum, Choices: choices(Present, OnLeave, Absent)},
		text("reason", "原因"),
	}
	steps := []Field{
		{Key: "assignment_id", Label: "任务办理", Kind: KindInternal},
		{Key: "action", Label: "环节", Kind: KindEnum, Choices: choices(StepReport, StepPass, StepReturn, StepSupervise)},
		long("text", "内容"),
		date("due", "办理期限"),
		{Key: "score", Label: "得分", Kind: KindPoints},
		text("operator", "办理人"),
		stamp("at", "办理时间"),
	}

	return []*Entity{
		{Key: EntityOrgUnit, Label: "组织", Table: "org_units",
			nameSQL: "SELECT id, CASE WHEN short_name <> '' THEN short_name ELSE full_name END FROM org_units",
			Fields: []Field{
				unitRef("parent_id", "上级组织"),
				{Key: "level", Label: "层级", Kind: KindEnum, Choices: levels},
				text("kind", "类型"), name(text("full_name", "全称"), 60), name(text("short_name", "简称"), 20),
				date("founded", "成立日期"), name(text("liaison", "党建联络人"), 20), text("phone", "联系电话"),
				date("term_start", "本届任期开始"), count("term_years", "任期", "年"), order,
			}},
		{Key: EntityPost, Label: "委员会职务", Table: "org_posts",
			name: func(e AuditEntry, _ *AuditNames) string {
				return joinNonEmpty("", e.Field("holder"), wrapParen(e.Field("title")))
			},
			Fields: []Field{
				unitRef("unit_id", "所属组织"), text("title", "职务"), name(text("holder", "任职人"), 20),
				memberRef("member_id", "对应党员档案"), date("start", "任职日期"), date("end", "离任日期"),
				long("note", "备注"),
			}},
		{Key: EntityMember, Label: "党员", Table: "members", nameSQL: "SELECT id, name FROM members",
			// The stored search and sort keys are spelt from the name on
			// every write: the log records the name, not them.
			Fields: append(memberFieldList(),
				Field{Key: "name_pinyin", Label: "姓名拼音（查找用）", Kind: KindInternal},
				Field{Key: "name_initials", Label: "姓名拼音首字母（查找用）", Kind: KindInternal},
				Field{Key: "name_sort_pinyin", Label: "姓名拼音排序键", Kind: KindInternal},
				Field{Key: "name_sort_strokes", Label: "姓名笔画排序键", Kind: KindInternal})},
		{Key: EntityPhoto, Label: "党员照片", Table: "member_photos",
			name: func(e AuditEntry, n *AuditNames) string { return n.refName(EntityMember, e.RecordID) },
			Fields: []Field{
				memberRef("member_id", "党员"),
				{Key: "sha256", Label: "照片校验值", Kind: KindInternal},
				{Key: "bytes", Label: "照片大小", Kind: KindBytes, Columns: []string{"jpeg"}},
			}},
		{Key: EntityEvent, Label: "党员历史事项", Table: "member_events",
			name: func(e AuditEntry, n *AuditNames) string {
				return joinNonEmpty(" ", n.refName(EntityMember, e.Field("member_id")), e.Field("kind"))
			},
			Fields: []Field{
				memberRef("member_id", "党员"),
				{Key: "kind", Label: "事项", Kind: KindEnum, Choices: choices(EventKinds...)},
				date("date", "日期"),
				text("letter_no", "介绍信编号"), text("from", "转出单位"), text("to", "转往单位或去向"),
				count("valid_days", "介绍信有效期", "天"), text("dues_paid_to", "党费交至年月"),
				unitRef("branch_id", "所在支部"), unitRef("group_id", "党小组"),
				text("content", "奖惩内容或职务"),
				{Key: "status", Label: "党员状态", Kind: KindEnum, Choices: choices(Statuses...)},
				{Key: "details", Label: "事项详情", Kind: KindInternal},
				long("note", "备注"),
			}},
		{Key: EntityMeeting, Label: "会议记录", Table: "meetings",
			nameSQL: "SELECT id, date || ' ' || kind FROM meetings",
			name: func(e AuditEntry, _ *AuditNames) string {
				return joinNonEmpty(" ", e.Field("date"), e.Field("kind"))
			},
			Fields: []Field{
				unitRef("unit_id", "所属组织"),
				{Key: "kind", Label: "会议类型", Kind: KindEnum, Choices: choices(MeetingKinds...)},
				text("topic", "主题"), date("date", "日期"), text("start_time", "开始时间"), text("end_time", "结束时间"),
				text("place", "地点"), {Key: "form", Label: "形式", Kind: KindEnum, Choices: choices(MeetingForms...), Open: true},
				text("host", "主持人"), text("recorder", "记录人"),
				count("expected", "应到人数", "人"), count("present", "实到人数", "人"),
				count("on_leave", "请假人数", "人"), count("absent", "缺席人数", "人"),
				long("leave_text", "请假人员"), long("absent_text", "缺席人员及原因"), long("guests", "列席人员"),
				long("agenda", "议程"), long("content", "主要内容"), long("resolution", "决议"),
				{Key: "status", Label: "审核状态", Kind: KindEnum,
					Choices: choices(StatusDraft, StatusSubmitted, StatusApproved, StatusReturned)},
				long("review_comment", "审核意见"), text("submitted_by", "提交人"), stamp("submitted_at", "提交时间"),
				text("reviewed_by", "审核人"), stamp("reviewed_at", "审核时间"),
				{Key: "attendance", Label: "出席情况", Kind: KindList, Table: "meeting_attendance", Sub: attendance,
					format: formatAttendance},
			}},
		{Key: EntityTemplate, Label: "会议模板", Table: "meeting_templates",
			Fields: []Field{
				{Key: "kind", Label: "会议类型", Kind: KindEnum, Choices: choices(MeetingKinds...)},
				name(text("name", "模板名称"), 50), long("agenda", "议程"), long("content", "主要内容"), long("resolution", "决议"),
			}},
		{Key: EntityRule, Label: "会议频次", Table: "meeting_rules",
			name: func(e AuditEntry, _ *AuditNames) string { return e.RecordID },
			Fields: []Field{
				{Key: "kind", Label: "会议类型", Kind: KindEnum, Choices: choices(MeetingKinds...)},
				{Key: "period", Label: "周期", Kind: KindEnum, Choices: periods},
				count("times", "次数", "次"), order,
			}},
		{Key: EntityAttachment, Label: "附件", Table: "attachments",
			Fields: []Field{
				{Key: "owner_entity", Label: "所属对象", Kind: KindText,
					format: func(v any, _ *AuditNames) string { return EntityLabel(fmt.Sprint(v)) }},
				{Key: "owner_id", Label: "所属记录编号", Kind: KindInternal},
				text("file_name", "文件名"),
				{Key: "stored_name", Label: "存储文件名", Kind: KindInternal},
				{Key: "sha256", Label: "文件校验值", Kind: KindInternal},
				{Key: "size", Label: "文件大小", Kind: KindBytes},
			}},
		{Key: EntityChecklistItem, Label: "考评细则", Table: "checklist_items", nameSQL: "SELECT id, item FROM checklist_items",
			name: func(e AuditEntry, _ *AuditNames) string { return shorten(e.Field("item"), 30) },
			Fields: []Field{
				count("year", "年度", "年"), text("dimension", "考评方面"), long("item", "考评内容"),
				{Key: "points", Label: "分值", Kind: KindPoints}, long("evidence", "佐证材料要求"),
				{Key: "rule", Label: "评分方式", Kind: KindEnum, Choices: rules},
				{Key: "bonus", Label: "加分项", Kind: KindBool}, order,
			}},
		{Key: EntityChecklistScore, Label: "考评评分", Table: "checklist_scores",
			name: func(e AuditEntry, n *AuditNames) string {
				item, branch, _ := strings.Cut(e.RecordID, "/")
				return joinNonEmpty(" · ", n.refName(EntityOrgUnit, branch), shorten(n.refName(EntityChecklistItem, item), 20))
			},
			Fields: []Field{
				{Key: "item_id", Label: "考评细则", Kind: KindRef, Ref: EntityChecklistItem},
				unitRef("branch_id", "党支部"),
				{Key: "score", Label: "得分", Kind: KindPoints}, long("reason", "评分说明"),
				long("evidence", "佐证说明"), long("comment", "审核意见"),
				text("scored_by", "评分人"), stamp("scored_at", "评分时间"),
			}},
		{Key: EntityChecklistYear, Label: "考评年度", Table: "checklist_years",
			name: func(e AuditEntry, _ *AuditNames) string { return e.RecordID + " 年度" },
			Fields: []Field{
				count("year", "年度", "年"),
				{Key: "closed", Label: "已归档", Kind: KindBool, Columns: []string{"closed_at"}},
				text("closed_by", "归档人"),
			}},
		{Key: EntityTask, Label: "督办任务", Table: "tasks", nameSQL: "SELECT id, title FROM tasks",
			name: func(e AuditEntry, _ *AuditNames) string { return shorten(e.Field("title"), 30) },
			Fields: []Field{
				count("year", "年度", "年"), text("aspect", "方面"), text("title", "任务"), long("requirement", "工作要求"),
				date("due", "完成期限"), {Key: "points", Label: "分值", Kind: KindPoints},
				count("remind_days", "提前提醒", "天"), order,
				{Key: "branches", Label: "责任支部", Kind: KindRefs, Ref: EntityOrgUnit},
			}},
		{Key: EntityAssignment, Label: "任务办理", Table: "task_assignments",
			name: func(e AuditEntry, n *AuditNames) string {
				return joinNonEmpty(" · ", n.refName(EntityOrgUnit, e.Field("branch_id")), shorten(taskTitle(e), 20))
			},
			Fields: []Field{
				{Key: "task", Label: "督办任务", Kind: KindText, Columns: []string{"task_id"},
					format: func(v any, _ *AuditNames) string {
						if m, ok := v.(map[string]any); ok {
							return fmtJSONValue(m["title"])
						}
						return ""
					}},
				unitRef("branch_id", "党支部"),
				{Key: "status", Label: "办理状态", Kind: KindEnum, Choices: choices(TaskOpen, TaskReported, TaskReturned, TaskDone)},
				date("due", "完成期限"), long("progress", "进展情况"),
				{Key: "score", Label: "得分", Kind: KindPoints}, long("comment", "审核意见"),
				{Key: "steps", Label: "办理记录", Kind: KindList, Table: "task_steps", Sub: steps, format: formatSteps},
			}},
		{Key: EntityDevCandidate, Label: "发展党员档案", Table: "dev_candidates", nameSQL: "SELECT id, name FROM dev_candidates",
			Fields: []Field{
				text("name", "姓名"), {Key: "sex", Label: "性别", Kind: KindEnum, Choices: choices(Sexes...)},
				text("id_number", "公民身份号码"), date("birth_date", "出生日期"), unitRef("branch_id", "所在党支部"),
				text("phone", "手机"), text("education", "学历"), text("job", "单位及岗位"),
				date("apply_date", "递交入党申请书日期"), memberRef("member_id", "党员档案"),
			}},
		{Key: EntityDevStep, Label: "发展党员步骤记录", Table: "dev_steps",
			name: func(e AuditEntry, n *AuditNames) string {
				f, _ := EntityOf(EntityDevStep).Field("step")
				return joinNonEmpty(" ", n.refName(EntityDevCandidate, e.Field("candidate_id")), n.FormatValue(f, json.Number(e.Field("step"))))
			},
			Fields: []Field{
				{Key: "candidate_id", Label: "发展党员档案", Kind: KindRef, Ref: EntityDevCandidate},
				{Key: "step", Label: "步骤", format: devFormatStep}, date("date", "日期"), long("note", "备注"),
				{Key: "people", Label: "培养联系人和入党介绍人", Kind: KindList, Table: "dev_step_people", format: devFormatPeople,
					Sub: []Field{
						{Key: "step_id", Label: "步骤记录", Kind: KindInternal}, memberRef("member_id", "党员"),
						text("name", "姓名"), {Key: "role", Label: "身份", Kind: KindEnum, Choices: choices(DevRoleCultivator, DevRoleIntroducer)},
						{Key: "standing", Label: "党籍状态", Kind: KindEnum, Choices: choices(Standings...)},
					}},
				{Key: "vote", Label: "表决情况", format: devFormatVote,
					Columns: []string{"vote_expected", "vote_present", "vote_yes", "vote_no", "vote_abstain"}},
				{Key: "outcome", Label: "转正决定", Kind: KindEnum, Choices: choices(DevOutcomes...)},
				count("extend_months", "延长预备期", "个月"),
				count("training_days", "培训天数", "天"), count("training_hours", "培训学时", "学时"),
				{Key: "materials", Label: "已有材料", format: devFormatList},
			}},
		{Key: EntityDevStepEdit, Label: "发展党员步骤设置", Table: "dev_step_edits",
			name: func(e AuditEntry, _ *AuditNames) string { return "第 " + e.RecordID + " 步" },
			Fields: []Field{
				{Key: "number", Label: "步骤编号", Kind: KindCount, Columns: []string{"step"}},
				{Key: "stage", Label: "阶段", Kind: KindCount}, text("name", "步骤名称"), text("actor", "实施主体"),
				{Key: "rule", Label: "时限规则", Kind: KindInternal}, {Key: "required", Label: "必经步骤", Kind: KindBool},
				{Key: "materials", Label: "应有材料", format: devFormatList}, long("description", "说明"),
			}},
		{Key: EntityDuesRule, Label: "党费标准", Table: "dues_rules",
			name: func(e AuditEntry, _ *AuditNames) string { return e.Field("effective") + " 起" },
			Fields: []Field{
				text("effective", "起始月份"),
				{Key: "rules", Label: "分档比例与固定金额", Kind: KindLongText},
				long("note", "依据或说明"),
			}},
		{Key: EntityDuesBase, Label: "党费基数", Table: "dues_bases",
			name: func(e AuditEntry, n *AuditNames) string {
				return joinNonEmpty(" ", n.refName(EntityMember, e.Field("member_id")), e.Field("effective"))
			},
			Fields: []Field{
				memberRef("member_id", "党员"), text("effective", "起始月份"),
				{Key: "category", Label: "党费类别", Kind: KindEnum, Choices: choices(DuesCategories...)},
				{Key: "base", Label: "缴费基数", Kind: KindMoney, Unit: "元/月"},
				text("reason", "免缴原因或说明"),
			}},
		{Key: EntityDuesPayment, Label: "党费缴纳", Table: "dues_ledger",
			name: func(e AuditEntry, n *AuditNames) string {
				return joinNonEmpty(" ", n.refName(EntityMember, e.Field("member_id")), e.Field("month"))
			},
			Fields: []Field{
				memberRef("member_id", "党员"), text("month", "所缴月份"), unitRef("branch_id", "收缴党支部"),
				{Key: "due", Label: "应缴金额", Kind: KindMoney, Unit: "元"},
				{Key: "paid", Label: "实缴金额", Kind: KindMoney, Unit: "元"},
				date("paid_date", "缴纳日期"),
				{Key: "method", Label: "缴纳方式", Kind: KindEnum, Choices: choices(DuesMethods...)},
				text("exempt_reason", "免缴原因"), long("note", "备注"),
			}},
		{Key: EntityStudyRecord, Label: "学习记录", Table: "study_records",
			name: func(e AuditEntry, n *AuditNames) string {
				return joinNonEmpty(" ", n.refName(EntityMember, e.Field("member_id")), e.Field("date"), shorten(e.Field("content"), 20))
			},
			Fields: []Field{
				memberRef("member_id", "党员"), text("name", "姓名"), unitRef("branch_id", "所在支部"), date("date", "学习日期"),
				long("content", "学习内容"), hoursField("hours", "学时", "学时"),
				{Key: "form", Label: "学习形式", Kind: KindEnum, Choices: choices(StudyForms...)},
				text("organiser", "组织者"),
				{Key: "source", Label: "来源", Kind: KindEnum,
					Choices: []Choice{{SourceManual, SourceLabel(SourceManual)}, {SourceMeeting, SourceLabel(SourceMeeting)}, {SourceImport, SourceLabel(SourceImport)}}},
				{Key: "meeting_id", Label: "会议记录", Kind: KindRef, Ref: EntityMeeting},
				text("source_ref", "导入来源"),
			}},
		{Key: EntityActivity, Label: "党员活动", Table: "activities",
			name: func(e AuditEntry, n *AuditNames) string {
				return joinNonEmpty(" ", n.refName(EntityMember, e.Field("member_id")), e.Field("date"), e.Field("kind"))
			},
			Fields: []Field{
				memberRef("member_id", "党员"), text("name", "姓名"), unitRef("branch_id", "所在支部"),
				{Key: "kind", Label: "活动类型", Kind: KindEnum, Choices: choices(ActivityKinds...)},
				date("date", "日期"), long("content", "内容"), hoursField("hours", "时长", "小时"),
			}},
		{Key: EntityPointsRule, Label: "积分规则", Table: "points_rules",
			name: func(e AuditEntry, _ *AuditNames) string { return PointsRuleLabel(e.RecordID) },
			Fields: []Field{
				{Key: "kind", Label: "积分项目", Kind: KindText,
					format: func(v any, _ *AuditNames) string { return PointsRuleLabel(fmtJSONValue(v)) }},
				{Key: "points", Label: "分值", Kind: KindPoints}, {Key: "monthly_cap", Label: "每月上限", Kind: KindPoints},
				order,
			}},
		{Key: EntityQuestion, Label: "知识竞赛题目", Table: "questions",
			name: func(e AuditEntry, _ *AuditNames) string { return shorten(e.Field("question"), 30) },
			Fields: []Field{
				{Key: "kind", Label: "题型", Kind: KindEnum, Choices: choices(QuestionKinds...)},
				long("question", "题目"),
				{Key: "options", Label: "选项", format: func(v any, _ *AuditNames) string {
					list, _ := v.([]any)
					var parts []string
					for i, o := range list {
						parts = append(parts, OptionLetter(i)+"."+fmtJSONValue(o))
					}
					return strings.Join(parts, "  ")
				}},
				text("answer", "答案"), {Key: "points", Label: "分值", Kind: KindPoints}, text("category", "类别"),
			}},
		{Key: EntityQuizResult, Label: "知识竞赛成绩", Table: "quiz_results",
			name: func(e AuditEntry, n *AuditNames) string {
				return joinNonEmpty(" ", n.refName(EntityMember, e.Field("member_id")), e.Field("date"), shorten(e.Field("title"), 20))
			},
			Fields: []Field{
				memberRef("member_id", "党员"), text("name", "姓名"), unitRef("branch_id", "所在支部"), date("date", "日期"),
				text("title", "竞赛名称"), {Key: "score", Label: "得分", Kind: KindPoints},
				{Key: "max_score", Label: "满分", Kind: KindPoints},
				{Key: "answers", Label: "作答", format: func(v any, _ *AuditNames) string {
					list, _ := v.([]any)
					right := 0
					for _, a := range list {
						if m, ok := a.(map[string]any); ok && m["right"] == true {
							right++
						}
					}
					return fmt.Sprintf("%d 题，答对 %d 题", len(list), right)
				}},
			}},
		{Key: EntityNotice, Label: "通知公告", Table: "notices", nameSQL: "SELECT id, title FROM notices",
			name: func(e AuditEntry, _ *AuditNames) string { return shorten(e.Field("title"), 30) },
			Fields: []Field{
				text("title", "标题"), long("body", "正文"), text("sender", "发布单位"), date("publish_date", "发布日期"),
				{Key: "branches", Label: "发送对象", Kind: KindRefs, Ref: EntityOrgUnit},
				{Key: "read_by", Label: "已读支部", Kind: KindRefs, Ref: EntityOrgUnit},
			}},
		{Key: EntityNoticeRead, Label: "通知已读", Table: "notice_reads",
			name: func(e AuditEntry, n *AuditNames) string {
				return joinNonEmpty(" · ", n.refName(EntityOrgUnit, e.Field("branch_id")), shorten(n.refName(EntityNotice, e.Field("notice_id")), 20))
			},
			Fields: []Field{
				{Key: "notice_id", Label: "通知公告", Kind: KindRef, Ref: EntityNotice}, unitRef("branch_id", "党支部"),
				stamp("read_at", "已读时间"), text("read_by", "标记人"),
			}},
		{Key: EntityLibraryDoc, Label: "资料库文档", Table: "library_docs", nameSQL: "SELECT id, title FROM library_docs",
			name: func(e AuditEntry, _ *AuditNames) string { return shorten(e.Field("title"), 30) },
			Fields: []Field{
				text("title", "标题"), {Key: "category", Label: "分类", Kind: KindEnum, Choices: choices(LibraryCategories...)},
				text("tags", "标签"), date("date", "日期"), long("description", "说明"), text("file_name", "文件名"),
				{Key: "stored_name", Label: "存储文件名", Kind: KindInternal},
				{Key: "sha256", Label: "文件校验值", Kind: KindInternal},
				{Key: "size", Label: "文件大小", Kind: KindBytes},
				{Key: "content", Label: "文件文字", Kind: KindInternal},
			}},
		{Key: EntityWorklistItem, Label: "工作清单", Table: "worklist_items", nameSQL: "SELECT id, title FROM worklist_items",
			name: func(e AuditEntry, _ *AuditNames) string { return shorten(e.Field("title"), 30) },
			Fields: []Field{
				text("title", "工作内容"), {Key: "category", Label: "类别", Kind: KindEnum, Choices: choices(WorklistCategories...)},
				{Key: "months", Label: "月份", format: func(v any, _ *AuditNames) string {
					list, _ := v.([]any)
					if len(list) == 0 {
						return "每月"
					}
					var s []string
					for _, m := range list {
						s = append(s, fmt.Sprint(m)+"月")
					}
					return strings.Join(s, "、")
				}},
				count("due_day", "截止日", "日"), order,
			}},
		{Key: EntityXchgCopy, Label: "交换副本", Table: "xchg_copies",
			name: func(e AuditEntry, _ *AuditNames) string {
				return joinNonEmpty(" ", e.Field("name"), e.Field("copy_id"))
			},
			Fields: []Field{
				text("copy_id", "副本编号"),
				{Key: "kind", Label: "副本类型", Kind: KindEnum, Choices: []Choice{{CopyOffice, "党总支办公室"}, {CopyBranch, "党支部"}}},
				unitRef("branch_id", "党支部"), text("name", "名称"),
				{Key: "public_key", Label: "签名公钥", Kind: KindInternal},
				{Key: "trust_code", Label: "一次性信任码", Kind: KindInternal},
				stamp("pinned_at", "确认密钥时间"),
			}},
		{Key: EntityXchgPackage, Label: "数据交换包", Table: "xchg_packages",
			name: func(e AuditEntry, _ *AuditNames) string {
				d := map[string]string{PackageSent: "发出", PackageReceived: "收到"}[e.Field("direction")]
				return joinNonEmpty(" ", d, "第 "+e.Field("number")+" 号")
			},
			Fields: []Field{
				{Key: "direction", Label: "方向", Kind: KindEnum, Choices: []Choice{{PackageSent, "发出"}, {PackageReceived, "收到"}}},
				{Key: "peer", Label: "对方副本", Kind: KindInternal}, count("number", "编号", "号"),
				{Key: "kind", Label: "类型", Kind: KindEnum, Choices: []Choice{{PackageBranchInit, "支部初始包"}, {PackageUpdate, "交换包"}}},
				{Key: "manifest", Label: "清单", Kind: KindInternal}, text("file_name", "文件名"),
				{Key: "sha256", Label: "文件校验值", Kind: KindInternal},
				{Key: "carried", Label: "内容", format: func(v any, _ *AuditNames) string {
					var c map[string]int
					json.Unmarshal([]byte(fmtJSONValue(v)), &c)
					return countsText(c)
				}},
				count("pending", "待确认变更", "条"), count("conflicts", "冲突", "条"), text("note", "说明"),
			}},
		{Key: EntityXchgRecord, Label: "交换记录标识", Table: "xchg_records",
			name: func(e AuditEntry, _ *AuditNames) string { return e.Field("gid") },
			Fields: []Field{
				text("gid", "全局编号"), {Key: "entity", Label: "数据类型", format: func(v any, _ *AuditNames) string { return EntityLabel(fmtJSONValue(v)) }},
				{Key: "local_id", Label: "本机编号", Kind: KindInternal},
			}},
		{Key: EntityXchgSync, Label: "交换同步状态", Table: "xchg_sync",
			name: func(e AuditEntry, _ *AuditNames) string { return e.Field("gid") },
			Fields: []Field{
				{Key: "peer", Label: "对方副本", Kind: KindInternal}, text("gid", "全局编号"),
				{Key: "base_hash", Label: "双方一致的版本", Kind: KindInternal},
				{Key: "sent_hash", Label: "已发出待确认的版本", Kind: KindInternal},
				count("sent_number", "发出包编号", "号"), {Key: "refused", Label: "本机拒收", Kind: KindBool},
			}},
		{Key: EntityXchgPending, Label: "待确认变更", Table: "xchg_pending",
			Fields: []Field{
				{Key: "package_id", Label: "交换包", Kind: KindInternal}, {Key: "peer", Label: "对方副本", Kind: KindInternal},
				{Key: "entity", Label: "数据类型", format: func(v any, _ *AuditNames) string { return EntityLabel(fmtJSONValue(v)) }},
				text("gid", "全局编号"), memberRef("member_id", "党员"), text("name", "姓名"),
				{Key: "proposed", Label: "支部提出的内容", Kind: KindInternal},
				{Key: "status", Label: "状态", Kind: KindEnum, Choices: choices(PendingOpen, PendingAccepted, PendingRejected)},
				long("reason", "拒绝原因"), text("decided_by", "处理人"), stamp("decided_at", "处理时间"),
			}},
		{Key: EntityXchgConflict, Label: "交换冲突", Table: "xchg_conflicts",
			Fields: []Field{
				{Key: "package_id", Label: "交换包", Kind: KindInternal}, {Key: "peer", Label: "对方副本", Kind: KindInternal},
				{Key: "entity", Label: "数据类型", format: func(v any, _ *AuditNames) string { return EntityLabel(fmtJSONValue(v)) }},
				text("gid", "全局编号"), {Key: "local_id", Label: "本机记录编号", Kind: KindInternal}, text("name", "记录"),
				{Key: "local", Label: "本机版本", Kind: KindInternal}, {Key: "incoming", Label: "交换包版本", Kind: KindInternal},
				{Key: "incoming_hash", Label: "交换包版本校验值", Kind: KindInternal},
				{Key: "status", Label: "状态", Kind: KindEnum, Choices: choices(ConflictOpen, ConflictSettled)},
				{Key: "kept", Label: "保留", Kind: KindEnum, Choices: []Choice{{KeepLocal, "本机版本"}, {KeepIncoming, "交换包版本"}}},
				text("decided_by", "处理人"), stamp("decided_at", "处理时间"),
			}},
		{Key: EntitySetting, Label: "系统设置", Table: "settings",
			name: func(e AuditEntry, _ *AuditNames) string { return SettingLabel(e.RecordID) },
			fieldFor: func(recordID, key string) (Field, bool) {
				if key != "value" {
					return Field{}, false
				}
				if f, ok := settingField(recordID); ok {
					return f, true
				}
				return anchorField(recordID)
			},
			Fields: []Field{{Key: "key", Label: "设置项"}, {Key: "value", Label: "设置值"}},
		},
	}
}

// settingFields describe each setting's value, keyed by setting key.
func settingFields() []Field {
	return []Field{
		{Key: SettingOperator, Label: "操作员"},
		{Key: SettingFontScale, Label: "字号", Kind: KindEnum,
			Choices: []Choice{{"0.9", "较小"}, {"1", "标准"}, {"1.0", "标准"}, {"1.15", "较大"}, {"1.3", "特大"}}},
		{Key: SettingBackupKeep, Label: "自动备份保留份数", Kind: KindCount, Unit: "份"},
		{Key: SettingTermWarnMonths, Label: "换届提醒提前月数", Kind: KindCount, Unit: "个月"},
		{Key: SettingRole, Label: "本机身份", format: func(v any, n *AuditNames) string {
			s := fmtJSONValue(v)
			if id, ok := strings.CutPrefix(s, "branch:"); ok {
				return "党支部书记（" + n.refName(EntityOrgUnit, id) + "）"
			}
			if s == "office" || s == "" {
				return "党总支办公室"
			}
			return s
		}},
		{Key: SettingNameOrder, Label: "姓名排序", Kind: KindEnum,
			Choices: []Choice{{string(OrderPinyin), "拼音"}, {string(OrderStrokes), "笔画"}}},
		{Key: SettingOnboarded, Label: "首次启动", Kind: KindEnum,
			Choices: []Choice{{"empty", "从空白数据开始"}, {"demo", "载入演示数据"}}},
		{Key: SettingOperatorPrefix, Label: "操作员账户", format: func(v any, _ *AuditNames) string {
			var rec operatorRecord
			if json.Unmarshal([]byte(fmtJSONValue(v)), &rec) != nil {
				return fmtJSONValue(v)
			}
			out := rec.Name
			if rec.Password != "" {
				out += "（已设密码）"
			} else {
				out += "（无密码）"
			}
			if !rec.Active {
				out += "，已停用"
			}
			return out
		}},
		{Key: SettingLockMinutes, Label: "无操作自动锁定", Kind: KindCount, Unit: "分钟"},
		{Key: SettingXchgOrgID, Label: "交换：组织编号"},
		{Key: SettingXchgOrgName, Label: "交换：组织名称"},
		{Key: SettingXchgCopyID, Label: "交换：本机副本编号"},
		{Key: SettingXchgKind, Label: "交换：本机副本类型", Kind: KindEnum, Choices: []Choice{{CopyOffice, "党总支办公室"}, {CopyBranch, "支部副本"}}},
		{Key: SettingXchgBranch, Label: "交换：本机所属党支部", format: func(v any, n *AuditNames) string {
			if name := n.refName(EntityOrgUnit, fmtJSONValue(v)); name != "" {
				return name
			}
			return fmtJSONValue(v)
		}},
		{Key: SettingXchgPublicKey, Label: "交换：签名公钥", format: func(v any, _ *AuditNames) string {
			pub, _ := base64.StdEncoding.DecodeString(fmtJSONValue(v))
			return "指纹 " + fingerprint(pub)
		}},
		{Key: SettingXchgPrivateKey, Label: "交换：签名私钥", format: func(v any, _ *AuditNames) string {
			if fmtJSONValue(v) == "" {
				return "（未设置）"
			}
			return "（已设置，不显示）"
		}},
		{Key: SettingXchgTrustCode, Label: "交换：一次性信任码", format: func(v any, _ *AuditNames) string {
			if fmtJSONValue(v) == "" {
				return "（已使用）"
			}
			return "（已设置，不显示）"
		}},
		{Key: SettingBackupPassphrase, Label: "备份口令", format: func(v any, _ *AuditNames) string {
			if fmtJSONValue(v) == "" {
				return "（未设置）"
			}
			return "（已设置，不显示）"
		}},
	}
}

// settingField is the field describing a setting's value; operator keys
// ("operators.3") share one.
func settingField(key string) (Field, bool) {
	if strings.HasPrefix(key, SettingOperatorPrefix) {
		key = SettingOperatorPrefix
	}
	for _, f := range settingFields() {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// memberFieldList is the dossier's fields in the order of the form and its
// tabs — the one list behind the form, the member list's columns, the
// roster export's headers and the import's header names.
func memberFieldList() []Field {
	const (
		basic = "基本信息"
		party = "党籍信息"
		work  = "学历与工作"
		reach = "联系方式"
		notes = "奖惩与备注"
	)
	f := func(key, label, group string) Field { return Field{Key: key, Label: label, Group: group} }
	d := func(key, label, group string) Field {
		return Field{Key: key, Label: label, Kind: KindDate, Group: group}
	}
	enum := func(key, label, group string, open bool, vals []string) Field {
		return Field{Key: key, Label: label, Kind: KindEnum, Choices: choices(vals...), Open: open, Group: group}
	}
	long := func(key, label string) Field { return Field{Key: key, Label: label, Kind: KindLongText, Group: notes} }
	person := func(key, label, group string) Field {
		return Field{Key: key, Label: label, Group: group, Max: 20, Name: true}
	}
	return []Field{
		person("name", "姓名", basic),
		person("former_name", "曾用名", basic),
		{Key: "id_number", Label: "公民身份号码", Group: basic, Hint: "18 位；出生日期和性别可据此自动填写"},
		enum("sex", "性别", basic, false, Sexes),
		d("birth_date", "出生日期", basic),
		enum("ethnicity", "民族", basic, true, Ethnicities),
		f("native_place", "籍贯", basic),
		f("birthplace", "出生地", basic),

		{Key: "branch_id", Label: "所在支部", Kind: KindRef, Ref: EntityOrgUnit},
		{Key: "group_id", Label: "党小组", Kind: KindRef, Ref: EntityOrgUnit},
		enum("status", "党员状态", "", false, Statuses),
		enum("standing", "党籍状态", party, false, Standings),
		d("apply_date", "申请入党日期", party),
		d("activist_date", "确定积极分子日期", party),
		d("candidate_date", "确定发展对象日期", party),
		{Key: "join_date", Label: "入党日期", Kind: KindDate, Group: party, Hint: "支部大会通过接收为预备党员的日期"},
		d("full_date", "转正日期", party),
		d("transfer_in_date", "组织关系转入日期", party),
		f("join_branch", "入党时所在支部", party),
		f("full_branch", "转正时所在支部", party),
		person("introducer1", "入党介绍人一", party),
		person("introducer2", "入党介绍人二", party),
		person("cultivator", "培养联系人", party),
		f("volunteer_no", "志愿书编号", party),
		f("party_post", "党内职务", party),
		{Key: "dues_base", Label: "党费基数", Kind: KindMoney, Unit: "元/月", Group: party},
		{Key: "dues_paid_to", Label: "党费交至年月", Group: party, Hint: "如 2026-10"},
		f("archive_location", "档案存放地", party),

		enum("education", "学历", work, true, Educations),
		enum("degree", "学位", work, true, Degrees),
		f("school_major", "毕业院校及专业", work),
		d("work_start", "参加工作日期", work),
		f("staff_no", "工号", work),
		f("work_unit", "单位/车队/部门", work),
		f("job_post", "岗位", work),
		f("admin_title", "行政职务", work),
		f("pro_title", "职称", work),
		enum("category", "人员类别", work, false, Categories),

		f("phone", "手机", reach),
		f("address", "家庭住址", reach),
		f("police_station", "户籍所在地派出所", reach),

		long("rewards", "奖励"),
		long("punishments", "处分"),
		long("remarks", "备注"),
	}
}

// Entities lists every audited entity's key, in the registry's order.
func Entities() []string {
	out := make([]string, len(registry()))
	for i, e := range registry() {
		out[i] = e.Key
	}
	return out
}

// EntityOf is the registered entity, or nil.
func EntityOf(key string) *Entity {
	for _, e := range registry() {
		if e.Key == key {
			return e
		}
	}
	return nil
}

// EntityLabel is the entity's Chinese name, or the key itself.
func EntityLabel(key string) string {
	if e := EntityOf(key); e != nil {
		return e.Label
	}
	return key
}

// EntityByLabel finds an entity key by its Chinese name (or its key).
func EntityByLabel(label string) (string, bool) {
	for _, e := range registry() {
		if e.Label == label || e.Key == label {
			return e.Key, true
		}
	}
	return "", false
}

// MemberFields is the member field list: the dossier's fields with their
// labels, kinds and choices, in the order of the form.
func MemberFields() []Field {
	var out []Field
	for _, f := range EntityOf(EntityMember).Fields {
		if f.Kind != KindInternal { // the stored search keys
			out = append(out, f)
		}
	}
	return out
}

// MemberField finds one member field by key.
func MemberField(key string) (Field, bool) {
	return EntityOf(EntityMember).Field(key)
}

// EntityFieldLabel is the Chinese label of an entity's field, or the key.
func EntityFieldLabel(entity, key string) string {
	if f, ok := EntityOf(entity).Field(key); ok {
		return f.Label
	}
	return key
}

// FormatMoney writes 分 as 元 with thousands separators: 123456 →
// "1,234.56 元".
func FormatMoney(fen int64) string {
	s := FormatYuan(fen)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + b.String() + "." + frac + " 元"
}

func wrapParen(s string) string {
	if s == "" {
		return ""
	}
	return "（" + s + "）"
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// shorten cuts s to n characters with an ellipsis, on one line.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func taskTitle(e AuditEntry) string {
	for _, js := range []string{e.After, e.Before} {
		var m struct {
			Task struct {
				Title string `json:"title"`
			} `json:"task"`
		}
		if json.Unmarshal([]byte(js), &m) == nil && m.Task.Title != "" {
			return m.Task.Title
		}
	}
	return ""
}
