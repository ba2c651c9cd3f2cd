package data

import (
	"regexp"
	"strings"
)

// Choices offered by the member form; free text is still accepted, because
// old dossiers use other wordings.
var (
	Sexes       = []string{"男", "女"}
	Standings   = []string{StandingProbationary, StandingFull}
	Educations  = []string{"研究生", "大学本科", "大学专科", "中等专科", "高中", "技工学校", "初中", "小学"}
	Degrees     = []string{"博士", "硕士", "学士", "无"}
	Ethnicities = []string{"汉族", "回族", "满族", "蒙古族", "壮族", "藏族", "维吾尔族", "苗族", "彝族", "土家族", "朝鲜族", "其他"}
)

// provinces are the first two digits of region codes in GB/T 2260.
var provinces = map[string]string{
	"11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古",
	"21": "辽宁", "22": "吉林", "23": "黑龙江",
	"31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西", "37": "山东",
	"41": "河南", "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南",
	"50": "重庆", "51": "四川", "52": "贵州", "53": "云南", "54": "西藏",
	"61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏", "65": "新疆",
	"71": "台湾", "81": "香港", "82": "澳门", "83": "台湾",
}

var yearMonthRe = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)

// NormalizeMember tidies what people type: spaces, full-width digits in
// numbers, lower-case x in ID numbers. It changes no meaning.
func NormalizeMember(m *Member) {
	for _, p := range []*string{&m.Name, &m.FormerName, &m.Sex, &m.Ethnicity, &m.NativePlace, &m.Birthplace,
		&m.Address, &m.PoliceStation, &m.Education, &m.Degree, &m.SchoolMajor, &m.StaffNo, &m.WorkUnit,
		&m.JobPost, &m.AdminTitle, &m.ProTitle, &m.Category, &m.Standing, &m.Status, &m.JoinBranch, &m.FullBranch,
		&m.Introducer1, &m.Introducer2, &m.Cultivator, &m.VolunteerNo, &m.PartyPost, &m.Rewards, &m.Punishments,
		&m.DuesPaidTo, &m.ArchiveLocation, &m.Remarks} {
		*p = strings.TrimSpace(*p)
	}
	m.Name = strings.Join(strings.Fields(m.Name), "")
	m.IDNumber = strings.ToUpper(strings.ReplaceAll(normalizeDigits(strings.TrimSpace(m.IDNumber)), " ", ""))
	m.Phone = NormalizePhone(m.Phone)
	m.StaffNo = normalizeDigits(m.StaffNo)
	if m.Status == "" {
		m.Status = StatusNormal
	}
}

// CheckMember applies the dossier rules that need nothing but the record
// (uniqueness is the store's). It fills 出生日期 and 性别 from a valid ID
// number when they are blank. Errors block saving; warnings are shown.
func CheckMember(m *Member, today Date) Issues {
	warns := cleanRecord(EntityMember, m)
	is := checkMember(m, today)
	is.Warnings = append(warns, is.Warnings...)
	capRecord(&is, EntityMember, m)
	return is
}

func checkMember(m *Member, today Date) Issues {
	var is Issues
	if m.Name == "" {
		is.Err("name", "请填写姓名")
	} else if runeLen(m.Name) > 20 {
		is.Err("name", "姓名不能超过 20 个字")
	}
	if m.Sex != "" && m.Sex != "男" && m.Sex != "女" {
		is.Err("sex", "性别应为“男”或“女”")
	}
	checkIDNumber(&is, m, today)

	checkPastDate(&is, "birth_date", "出生日期", m.BirthDate, today)
	dates := []struct {
		field, label string
		d            Date
	}{
		{"apply_date", "申请入党日期", m.ApplyDate},
		{"activist_date", "确定积极分子日期", m.ActivistDate},
		{"candidate_date", "确定发展对象日期", m.CandidateDate},
		{"join_date", "入党日期", m.JoinDate},
		{"full_date", "转正日期", m.FullDate},
	}
	for _, d := range dates {
		checkPastDate(&is, d.field, d.label, d.d, today)
	}
	checkPastDate(&is, "work_start", "参加工作日期", m.WorkStart, today)
	checkPastDate(&is, "transfer_in_date", "组织关系转入日期", m.TransferInDate, today)
	// Each step comes no earlier than the one before it.
	for i := 1; i < len(dates); i++ {
		cur := dates[i]
		if cur.d.IsZero() {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if prev := dates[j]; !prev.d.IsZero() {
				if cur.d.Before(prev.d) {
					is.Err(cur.field, "%s（%s）不能早于%s（%s）", cur.label, cur.d.Chinese(), prev.label, prev.d.Chinese())
				}
				break
			}
		}
	}
	if !m.BirthDate.IsZero() {
		for _, d := range dates[:1] {
			if !d.d.IsZero() && YearsBetween(m.BirthDate, d.d) < 18 {
				is.Err(d.field, "申请入党时应年满 18 周岁（按出生日期为 %d 岁）", YearsBetween(m.BirthDate, d.d))
			}
		}
		if !m.JoinDate.IsZero() && YearsBetween(m.BirthDate, m.JoinDate) < 18 {
			is.Err("join_date", "入党时应年满 18 周岁（按出生日期为 %d 岁）", YearsBetween(m.BirthDate, m.JoinDate))
		}
		if m.BirthDate.After(today) {
			is.Err("birth_date", "出生日期不能晚于今天")
		}
	}
	if !m.ActivistDate.IsZero() && !m.CandidateDate.IsZero() && m.CandidateDate.Before(m.ActivistDate.AddYears(1)) {
		is.Warn("candidate_date", "确定发展对象一般应在确定入党积极分子一年以后（现相隔不足一年）")
	}
	switch m.Standing {
	case StandingFull:
		if !m.JoinDate.IsZero() && !m.FullDate.IsZero() {
			due := m.JoinDate.AddYears(1)
			if m.FullDate != due && m.FullDate.Before(due.AddMonths(-1)) {
				is.Warn("full_date", "转正一般在入党一年后（%s），现为 %s", due.Chinese(), m.FullDate.Chinese())
			} else if m.FullDate.After(due.AddYears(1)) {
				is.Warn("full_date", "转正日期晚于入党两年以上（预备期最长延长一年），请核对")
			}
		}
		if m.JoinDate.IsZero() {
			is.Warn("join_date", "正式党员应有入党日期")
		}
		if m.FullDate.IsZero() {
			is.Warn("full_date", "正式党员应有转正日期（党龄从转正之日算起）")
		}
	case StandingProbationary:
		if !m.FullDate.IsZero() {
			is.Err("full_date", "预备党员尚未转正，不应填写转正日期；如已转正，请把党籍状态改为正式党员")
		}
		if m.JoinDate.IsZero() {
			is.Warn("join_date", "预备党员应有入党日期（支部大会通过接收的日期）")
		}
	case "":
		if !InHistory(m.Status) {
			is.Err("standing", "请选择党籍状态（预备党员或正式党员）")
		}
	default:
		is.Err("standing", "党籍状态应为“预备党员”或“正式党员”")
	}
	if !validStatus(m.Status) {
		is.Err("status", "党员状态“%s”无效", m.Status)
	}
	checkPhone(&is, "phone", m.Phone)
	if m.DuesPaidTo != "" && !yearMonthRe.MatchString(m.DuesPaidTo) {
		is.Err("dues_paid_to", "党费交至年月应写成 2026-10 的形式")
	}
	if m.DuesBase < 0 {
		is.Err("dues_base", "党费基数不能为负数")
	}
	if m.BranchID == 0 && !InHistory(m.Status) {
		is.Err("branch_id", "请选择所在党支部")
	}
	return is
}

func validStatus(s string) bool {
	for _, v := range Statuses {
		if v == s {
			return true
		}
	}
	return false
}

// checkIDNumber validates the number and reconciles it with 出生日期 and
// 性别: blank ones are filled in, different ones are flagged.
func checkIDNumber(is *Issues, m *Member, today Date) {
	if m.IDNumber == "" {
		is.Warn("id_number", "未填写公民身份号码")
		return
	}
	info, err := ParseIDNumber(m.IDNumber, today)
	if err != nil {
		is.Err("id_number", "%s", err.Error())
		return
	}
	m.IDNumber = info.Number
	if _, ok := provinces[info.Region[:2]]; !ok {
		is.Warn("id_number", "公民身份号码的地区码 %s 不在已知行政区划中，请核对", info.Region)
	}
	if m.BirthDate.IsZero() {
		m.BirthDate = info.Birth
	} else if m.BirthDate != info.Birth {
		is.Warn("birth_date", "出生日期 %s 与公民身份号码中的 %s 不一致", m.BirthDate.Chinese(), info.Birth.Chinese())
	}
	if m.Sex == "" {
		m.Sex = info.Sex
	} else if m.Sex != info.Sex {
		is.Warn("sex", "性别“%s”与公民身份号码（%s）不一致", m.Sex, info.Sex)
	}
}

// UpgradeIDNumber15 turns a legacy 15-digit number (YYMMDD birth, born in
// the 1900s) into its 18-digit form.
func UpgradeIDNumber15(s string) (string, bool) {
	s = strings.TrimSpace(normalizeDigits(s))
	if len(s) != 15 {
		return "", false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	first17 := s[:6] + "19" + s[6:]
	c, err := IDCheckChar(first17)
	if err != nil {
		return "", false
	}
	return first17 + string(c), true
}
