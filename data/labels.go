package data

// fieldLabels name each stored field in Chinese, for the audit view and
// anywhere else a field is shown by name.
var fieldLabels = map[string]string{
	// org_unit
	"parent_id": "上级组织", "level": "层级", "kind": "类型", "full_name": "全称", "short_name": "简称",
	"founded": "成立日期", "liaison": "党建联络人", "term_start": "本届任期开始", "term_years": "任期年限",
	"sort_order": "排序", "deleted": "已删除",
	// org_post
	"unit_id": "所属组织", "title": "职务", "holder": "任职人", "member_id": "党员编号",
	"start": "任职日期", "end": "离任日期", "note": "备注",
	// setting
	"value": "值",
	// member
	"id": "编号", "name": "姓名", "former_name": "曾用名", "sex": "性别", "ethnicity": "民族",
	"birth_date": "出生日期", "id_number": "公民身份号码", "native_place": "籍贯", "birthplace": "出生地",
	"phone": "电话", "address": "家庭住址", "police_station": "户籍所在地派出所",
	"education": "学历", "degree": "学位", "school_major": "毕业院校及专业", "work_start": "参加工作日期",
	"staff_no": "工号", "work_unit": "单位/部门", "job_post": "岗位", "admin_title": "行政职务",
	"pro_title": "职称", "category": "人员类别", "branch_id": "所在支部", "group_id": "党小组",
	"standing": "党籍状态", "status": "党员状态", "apply_date": "申请入党日期", "activist_date": "确定积极分子日期",
	"candidate_date": "确定发展对象日期", "join_date": "入党日期", "full_date": "转正日期",
	"transfer_in_date": "组织关系转入日期", "join_branch": "入党时所在支部", "full_branch": "转正时所在支部",
	"introducer1": "入党介绍人一", "introducer2": "入党介绍人二", "cultivator": "培养联系人",
	"volunteer_no": "志愿书编号", "party_post": "党内职务", "rewards": "奖励", "punishments": "处分",
	"dues_base": "党费基数（分）", "dues_paid_to": "党费交至年月", "archive_location": "档案存放地", "remarks": "备注",
}

// FieldLabel is the Chinese name of a stored field, or the key itself.
func FieldLabel(key string) string {
	if l, ok := fieldLabels[key]; ok {
		return l
	}
	return key
}

// settingLabels name the settings in the audit view.
var settingLabels = map[string]string{
	SettingOperator: "操作员", SettingFontScale: "字号", SettingBackupKeep: "自动备份保留份数",
	SettingTermWarnMonths: "换届提醒提前月数", SettingOnboarded: "首次启动已完成",
}

// SettingLabel is the Chinese name of a setting key.
func SettingLabel(key string) string {
	if l, ok := settingLabels[key]; ok {
		return l
	}
	return key
}
