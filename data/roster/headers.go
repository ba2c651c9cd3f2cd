package roster

import (
	"reflect"
	"strings"

	"dangjian/data"
	"dangjian/data/sheet"
)

// Column keys that are not data.Member fields.
const (
	keyBranch      = "branch"      // 所在支部, by name
	keyGroup       = "group"       // 党小组, by name
	keyIntroducers = "introducers" // 入党介绍人: both names in one cell
	keyIgnore      = "-"           // 序号, 年龄 …: known, deliberately not imported
)

// synonyms maps a normalised header to its column key. Every Chinese
// label of package data is added in init, so a sheet exported by this
// program (or typed after its forms) is read back.
var synonyms = map[string]string{
	"姓名": "name", "党员姓名": "name", "名字": "name",
	"曾用名":  "former_name",
	"性别":   "sex",
	"民族":   "ethnicity",
	"出生日期": "birth_date", "出生年月": "birth_date", "出生时间": "birth_date", "出生年月日": "birth_date",
	"公民身份号码": "id_number", "身份证号": "id_number", "身份证号码": "id_number", "身份证": "id_number",
	"公民身份证号码": "id_number", "身份证件号码": "id_number", "公民身份证号": "id_number",
	"籍贯":  "native_place",
	"出生地": "birthplace",
	"学历":  "education", "文化程度": "education", "最高学历": "education",
	"学位":      "degree",
	"毕业院校及专业": "school_major", "毕业院校": "school_major",
	"手机": "phone", "手机号": "phone", "手机号码": "phone", "联系电话": "phone", "电话": "phone",
	"电话号码": "phone", "联系方式": "phone", "移动电话": "phone",
	"家庭住址": "address", "住址": "address", "家庭地址": "address", "现住址": "address", "居住地址": "address",
	"户籍所在地派出所": "police_station",
	"参加工作日期":   "work_start", "参加工作时间": "work_start",
	"工号": "staff_no", "员工号": "staff_no", "职工号": "staff_no", "员工编号": "staff_no", "职工编号": "staff_no",
	"单位": "work_unit", "部门": "work_unit", "车队": "work_unit", "工作单位": "work_unit", "所在单位": "work_unit",
	"所在部门": "work_unit", "单位部门": "work_unit", "所在车队": "work_unit",
	"岗位": "job_post", "工作岗位": "job_post",
	"职务": "admin_title", "行政职务": "admin_title",
	"职称": "pro_title", "专业技术职称": "pro_title", "技术职称": "pro_title",
	"人员类别": "category",
	"所在支部": keyBranch, "支部": keyBranch, "党支部": keyBranch, "所属支部": keyBranch,
	"所在党支部": keyBranch, "所属党支部": keyBranch, "支部名称": keyBranch,
	"党小组": keyGroup, "所在党小组": keyGroup, "所属党小组": keyGroup,
	"党籍状态": "standing", "党员类别": "standing", "政治面貌": "standing",
	"党员状态":   "status",
	"申请入党日期": "apply_date", "申请入党时间": "apply_date", "入党申请日期": "apply_date", "递交入党申请书日期": "apply_date",
	"确定积极分子日期": "activist_date", "积极分子日期": "activist_date", "确定入党积极分子日期": "activist_date",
	"确定积极分子时间": "activist_date",
	"确定发展对象日期": "candidate_date", "发展对象日期": "candidate_date", "确定发展对象时间": "candidate_date",
	"入党日期": "join_date", "入党时间": "join_date", "接收为预备党员日期": "join_date",
	"转正日期": "full_date", "转正时间": "full_date",
	"组织关系转入日期": "transfer_in_date", "转入日期": "transfer_in_date",
	"入党介绍人": keyIntroducers, "介绍人": keyIntroducers,
	"入党介绍人1": "introducer1", "第一介绍人": "introducer1",
	"入党介绍人2": "introducer2", "第二介绍人": "introducer2",
	"志愿书编号": "volunteer_no", "入党志愿书编号": "volunteer_no",
	"党内职务": "party_post",
	"奖励":   "rewards", "奖励情况": "rewards",
	"处分": "punishments", "处分情况": "punishments",
	"党费基数": "dues_base", "党费缴纳基数": "dues_base", "缴费基数": "dues_base",
	"党费交至": "dues_paid_to", "党费交至年月": "dues_paid_to", "党费缴至": "dues_paid_to", "党费缴纳至": "dues_paid_to",
	"备注": "remarks",
	// Derived or bookkeeping columns: recognised so they are not listed as
	// unknown, never imported (age follows from the birth date).
	"序号": keyIgnore, "编号": keyIgnore, "年龄": keyIgnore, "党龄": keyIgnore,
	"行号": keyIgnore, "列": keyIgnore, "原因": keyIgnore,
}

// memberFields maps each data.Member JSON key to its struct field index.
var memberFields = func() map[string]int {
	out := map[string]int{}
	t := reflect.TypeOf(data.Member{})
	for i := 0; i < t.NumField(); i++ {
		key, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if key != "" && key != "-" {
			out[key] = i
		}
	}
	return out
}()

func init() {
	for key := range memberFields {
		label := data.FieldLabel(key)
		if label == key {
			continue
		}
		switch key {
		case "branch_id":
			key = keyBranch
		case "group_id":
			key = keyGroup
		case "id", "deleted":
			key = keyIgnore
		}
		if _, ok := synonyms[normHeader(label)]; !ok {
			synonyms[normHeader(label)] = key
		}
	}
}

// headerHints are the names listed when no header row is found.
var headerHints = []string{"公民身份号码（身份证号）", "性别", "民族", "出生日期", "所在支部", "党小组",
	"党籍状态", "入党日期", "转正日期", "手机"}

// headerKey recognises one header cell. cents reports a 党费基数 column
// that says it is in 分 (as this program's own labels do).
func headerKey(raw string) (key string, cents bool, ok bool) {
	k, ok := sheet.MatchHeader(raw, synonyms)
	if !ok {
		return "", false, false
	}
	return k, k == "dues_base" && strings.Contains(normHeader(raw), "(分)"), true
}

// column is one recognised column of the sheet.
type column struct {
	idx   int
	key   string
	title string // as the sheet writes it, for messages
	cents bool
}

// scoreHeader counts the distinct fields a row's cells name, and whether
// 姓名 is among them; a header needs both.
func scoreHeader(cells []string) (n int, hasName bool) {
	seen := map[string]bool{}
	for _, c := range cells {
		if k, _, ok := headerKey(c); ok && k != keyIgnore && !seen[k] {
			seen[k] = true
			n++
		}
	}
	return n, seen["name"]
}

// findHeader picks the header among the first rows: the row naming the
// most fields, 姓名 and at least two others. Taking the best rather than
// the first handles two-row headers, where the upper row holds group
// titles (基本信息, 党籍信息) and a vertically merged 姓名.
func findHeader(rows [][]string) (int, bool) {
	best, bestN := -1, 0
	for i := 0; i < len(rows) && i < headerScan; i++ {
		n, hasName := scoreHeader(rows[i])
		if hasName && n >= 3 && n > bestN {
			best, bestN = i, n
		}
	}
	return best, best >= 0
}

// mapColumns reads the header row into recognised columns and the texts
// of the ones not recognised.
func mapColumns(header []string) (cols []column, unknown []string) {
	for i, raw := range header {
		title := cleanText(raw)
		if title == "" {
			continue
		}
		k, cents, ok := headerKey(raw)
		if !ok {
			unknown = append(unknown, title)
			continue
		}
		cols = append(cols, column{idx: i, key: k, title: title, cents: cents})
	}
	return cols, unknown
}

// keyLabel names a column key in Chinese for the mapping description.
func keyLabel(k string) string {
	switch k {
	case keyBranch:
		return "所在支部"
	case keyGroup:
		return "党小组"
	case keyIntroducers:
		return "入党介绍人（两人）"
	case keyIgnore:
		return "不导入"
	case "dues_base":
		return "党费基数"
	}
	return data.FieldLabel(k)
}
