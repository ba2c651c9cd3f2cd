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

// memberSynonyms are the other names rosters give each member field, by
// the field's key in data.MemberFields. The field's own label and heading
// (党费基数（元/月）) come from that list and are added in buildSynonyms,
// so a sheet exported by this program — or typed after its forms — is
// read back. Older labels stay here, so old exports import too.
var memberSynonyms = map[string][]string{
	"name":             {"党员姓名", "名字"},
	"former_name":      {},
	"sex":              {},
	"ethnicity":        {},
	"birth_date":       {"出生年月", "出生时间", "出生年月日"},
	"id_number":        {"身份证号", "身份证号码", "身份证", "公民身份证号码", "身份证件号码", "公民身份证号"},
	"native_place":     {},
	"birthplace":       {},
	"education":        {"文化程度", "最高学历"},
	"degree":           {},
	"school_major":     {"毕业院校"},
	"phone":            {"手机号", "手机号码", "联系电话", "电话", "电话号码", "联系方式", "移动电话"},
	"address":          {"住址", "家庭地址", "现住址", "居住地址"},
	"police_station":   {},
	"work_start":       {"参加工作时间"},
	"staff_no":         {"员工号", "职工号", "员工编号", "职工编号"},
	"work_unit":        {"单位/部门", "单位", "部门", "车队", "工作单位", "所在单位", "所在部门", "单位部门", "所在车队"},
	"job_post":         {"工作岗位"},
	"admin_title":      {"职务"},
	"pro_title":        {"专业技术职称", "技术职称"},
	"category":         {},
	"branch_id":        {"所在党支部", "支部", "党支部", "所属支部", "所属党支部", "支部名称"},
	"group_id":         {"所在党小组", "所属党小组"},
	"standing":         {"党员类别", "政治面貌"},
	"status":           {},
	"apply_date":       {"申请入党时间", "入党申请日期", "递交入党申请书日期"},
	"activist_date":    {"积极分子日期", "确定入党积极分子日期", "确定积极分子时间"},
	"candidate_date":   {"发展对象日期", "确定发展对象时间"},
	"join_date":        {"入党时间", "接收为预备党员日期"},
	"full_date":        {"转正时间"},
	"transfer_in_date": {"转入日期"},
	"join_branch":      {},
	"full_branch":      {},
	"introducer1":      {"入党介绍人1", "第一介绍人"},
	"introducer2":      {"入党介绍人2", "第二介绍人"},
	"cultivator":       {},
	"volunteer_no":     {"入党志愿书编号"},
	"party_post":       {},
	"rewards":          {"奖励情况"},
	"punishments":      {"处分情况"},
	"dues_base":        {"党费缴纳基数", "缴费基数"},
	"dues_paid_to":     {"党费交至", "党费缴至", "党费缴纳至"},
	"archive_location": {},
	"remarks":          {},
}

// otherSynonyms name the columns that are not one member field.
var otherSynonyms = map[string][]string{
	keyIntroducers: {"入党介绍人", "介绍人"},
	// Derived or bookkeeping columns: recognised so they are not listed as
	// unknown, never imported (age follows from the birth date).
	keyIgnore: {"序号", "编号", "年龄", "党龄", "行号", "列", "原因", "已删除"},
}

// synonyms maps a normalised header to its column key.
var synonyms = buildSynonyms()

// fieldColumn is the column key of a member field: branches and groups
// are read by name.
func fieldColumn(key string) string {
	switch key {
	case "branch_id":
		return keyBranch
	case "group_id":
		return keyGroup
	}
	return key
}

func buildSynonyms() map[string]string {
	out := map[string]string{}
	add := func(name, key string) {
		if h := normHeader(name); h != "" {
			if _, ok := out[h]; !ok {
				out[h] = key
			}
		}
	}
	for _, f := range data.MemberFields() {
		key := fieldColumn(f.Key)
		add(f.Label, key)
		add(f.Heading(), key)
		for _, s := range memberSynonyms[f.Key] {
			add(s, key)
		}
	}
	for key, names := range otherSynonyms {
		for _, s := range names {
			add(s, key)
		}
	}
	return out
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
		return data.FieldLabel("branch_id")
	case keyGroup:
		return data.FieldLabel("group_id")
	case keyIntroducers:
		return "入党介绍人（两人）"
	case keyIgnore:
		return "不导入"
	}
	return data.FieldLabel(k)
}
