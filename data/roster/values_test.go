package roster

import (
	"strings"
	"testing"

	"dangjian/data"
)

func TestParseDateShapes(t *testing.T) {
	cases := []struct {
		in, want string
		warn     bool
	}{
		{"2010-07-01", "2010-07-01", false},
		{"2010.07.01", "2010-07-01", false},
		{"2010/7/1", "2010-07-01", false},
		{"2010年7月1日", "2010-07-01", false},
		{"2010年07月01号", "2010-07-01", false},
		{"20100701", "2010-07-01", false},
		{"201007", "2010-07-01", false},
		{"2010-7", "2010-07-01", false},
		{"2010年7月", "2010-07-01", false},
		{"2010 07 01", "2010-07-01", false},
		{"  2010-07-01\u3000", "2010-07-01", false},
		{"２０１０－０７－０１", "2010-07-01", false},
		{"２０１０年７月１日", "2010-07-01", false},
		{"2010-07-01 00:00:00", "2010-07-01", false},
		{"2010/7/1 0:00", "2010-07-01", false},
		{"2010-07-01T00:00:00", "2010-07-01", false},
		// Excel serial numbers, as an .xlsx date cell holds them whatever
		// its display format; a time of day is dropped.
		{"40360", "2010-07-01", false},
		{"40360.75", "2010-07-01", false},
		{"32874", "1990-01-01", false},
		{"46000", "2025-12-09", false},
		// Year and month typed into a number cell.
		{"1985.07", "1985-07-01", false},
		{"1985.7", "1985-07-01", false},
		{"1985.10", "1985-10-01", false},
		{"1985.1", "1985-01-01", true}, // or October with its zero dropped
		{"", "", false},
	}
	for _, c := range cases {
		d, warn, err := parseDate(c.in, false)
		if err != nil || d.String() != c.want || (warn != "") != c.warn {
			t.Errorf("parseDate(%q) = %v, %q, %v; want %s (warning %v)", c.in, d, warn, err, c.want, c.warn)
		}
	}
	for _, bad := range []string{"1985", "85.07", "2010-02-30", "2010-13-01", "去年", "2010-07-01-02", "1899-12-31"} {
		if d, _, err := parseDate(bad, false); err == nil {
			t.Errorf("parseDate(%q) = %v, want an error", bad, d)
		} else if !strings.ContainsAny(err.Error(), "日期年份") {
			t.Errorf("parseDate(%q): error not in Chinese: %v", bad, err)
		}
	}
	// Workbooks in the 1904 date system count from 1904-01-01: the same
	// day is 1462 less.
	d1904, _, _ := parseDate("38898", true)
	if d1904.String() != "2010-07-01" {
		t.Errorf("1904 serial: %v", d1904)
	}
}

func TestHeaderSynonyms(t *testing.T) {
	cases := []struct {
		header, key string
		cents       bool
	}{
		{"姓名", "name", false}, {"姓  名", "name", false}, {"姓\u3000名", "name", false}, {"*姓名", "name", false},
		{"姓名（必填）", "name", false}, {"姓名(必填)", "name", false}, {"姓名：", "name", false},
		{"性别", "sex", false}, {"民族", "ethnicity", false},
		{"出生日期", "birth_date", false}, {"出生年月", "birth_date", false}, {"出生时间", "birth_date", false},
		{"出生\n年月", "birth_date", false},
		{"公民身份号码", "id_number", false}, {"身份证号", "id_number", false}, {"身份证号码", "id_number", false},
		{"身份证", "id_number", false}, {"身份证号码（18位）", "id_number", false},
		{"籍贯", "native_place", false}, {"学历", "education", false}, {"文化程度", "education", false},
		{"手机", "phone", false}, {"手机号", "phone", false}, {"联系电话", "phone", false}, {"电话", "phone", false},
		{"所在支部", keyBranch, false}, {"支部", keyBranch, false}, {"党支部", keyBranch, false}, {"所属支部", keyBranch, false},
		{"党小组", keyGroup, false}, {"所在党小组", keyGroup, false},
		{"党籍状态", "standing", false}, {"党员类别", "standing", false}, {"政治面貌", "standing", false},
		{"党员状态", "status", false},
		{"入党日期", "join_date", false}, {"入党时间", "join_date", false},
		{"转正日期", "full_date", false}, {"转正时间", "full_date", false},
		{"申请入党日期", "apply_date", false}, {"确定积极分子日期", "activist_date", false}, {"积极分子日期", "activist_date", false},
		{"确定发展对象日期", "candidate_date", false},
		{"参加工作日期", "work_start", false}, {"参加工作时间", "work_start", false},
		{"工号", "staff_no", false}, {"员工号", "staff_no", false}, {"职工号", "staff_no", false},
		{"单位", "work_unit", false}, {"部门", "work_unit", false}, {"车队", "work_unit", false}, {"工作单位", "work_unit", false},
		{"单位/部门", "work_unit", false}, {"岗位", "job_post", false}, {"职务", "admin_title", false}, {"行政职务", "admin_title", false},
		{"职称", "pro_title", false}, {"人员类别", "category", false},
		{"入党介绍人", keyIntroducers, false}, {"备注", "remarks", false},
		{"党费基数", "dues_base", false}, {"党费基数（元）", "dues_base", false}, {"党费基数(元)", "dues_base", false},
		{"党费基数（分）", "dues_base", true},
		{"党费交至", "dues_paid_to", false}, {"家庭住址", "address", false}, {"住址", "address", false},
		{"序号", keyIgnore, false}, {"年龄", keyIgnore, false},
		// Every label package data uses is read back, too.
		{"曾用名", "former_name", false}, {"培养联系人", "cultivator", false}, {"入党介绍人一", "introducer1", false},
		{"组织关系转入日期", "transfer_in_date", false}, {"志愿书编号", "volunteer_no", false},
	}
	for _, c := range cases {
		k, cents, ok := headerKey(c.header)
		if !ok || k != c.key || cents != c.cents {
			t.Errorf("headerKey(%q) = %q, %v, %v; want %q, %v", c.header, k, cents, ok, c.key, c.cents)
		}
	}
	for _, unknown := range []string{"政治生日", "照片", "", "  ", "第一车队党员花名册", "（必填）"} {
		if k, _, ok := headerKey(unknown); ok {
			t.Errorf("headerKey(%q) = %q, want not recognised", unknown, k)
		}
	}
}

func TestFindHeaderSkipsTitlesAndPrefersTheFullerOfTwoHeaderRows(t *testing.T) {
	rows := [][]string{
		{"第一车队党员花名册"},
		{"填报单位：示范公司", "", "", "日期：2026年11月"},
		{},
		{"序号", "姓名", "基本信息", "基本信息", "党籍信息", "党籍信息"},
		{"序号", "姓名", "性别", "出生年月", "入党时间", "转正时间"},
		{"1", "张三", "男", "1980.01", "2005.07", "2006.07"},
	}
	if h, ok := findHeader(rows); !ok || h != 4 {
		t.Fatalf("findHeader = %d, %v; want 4", h, ok)
	}
	if _, ok := findHeader([][]string{{"姓名", "备注"}, {"张三", ""}}); ok {
		t.Error("a row with only 姓名 and one other column is not a header")
	}
	late := make([][]string, headerScan)
	late = append(late, []string{"姓名", "性别", "身份证号"})
	if _, ok := findHeader(late); ok {
		t.Errorf("a header below row %d is not looked for", headerScan)
	}
}

func TestParseIDNumber(t *testing.T) {
	valid := idFor(t, "1990-03-07", 123)
	cases := []struct {
		in, want string
		warn     bool
		err      string
	}{
		{valid, valid, false, ""},
		{" " + valid[:6] + " " + valid[6:14] + " " + valid[14:] + " ", valid, false, ""},
		{"'" + valid, valid, false, ""},
		{strings.Map(func(r rune) rune { return r - '0' + '０' }, valid[:17]) + valid[17:], valid, false, ""},
		{"1.10105E+17", "", false, "科学计数法"},
		{"1.10105199003071E+17", "", false, "科学计数法"},
		{"110105900307123", "", true, ""}, // 15 digits: upgraded with a warning
	}
	for _, c := range cases {
		got, warn, err := parseIDNumber(c.in)
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("parseIDNumber(%q) error = %v, want %q", c.in, err, c.err)
			}
		case err != nil || (warn != "") != c.warn:
			t.Errorf("parseIDNumber(%q) = %q, %q, %v", c.in, got, warn, err)
		case c.want != "" && got != c.want:
			t.Errorf("parseIDNumber(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	up, _, _ := parseIDNumber("110105900307123")
	if _, err := data.ParseIDNumber(up, data.Today()); err != nil || up[6:14] != "19900307" {
		t.Errorf("upgraded number %q is not valid: %v", up, err)
	}
}

func TestParseMoney(t *testing.T) {
	cases := []struct {
		in    string
		cents bool
		want  int64
	}{
		{"5200", false, 520000}, {"5200.5", false, 520050}, {"5200.50", false, 520050}, {"5,200.50元", false, 520050},
		{"¥5200", false, 520000}, {"５２００．５０", false, 520050}, {"5200.3999999999996", false, 520040},
		{"0.005", false, 1}, {"0.004", false, 0}, {"5200.", false, 520000}, {"0", false, 0},
		{"520050", true, 520050}, {"520050.6", true, 520051},
		{"-100", false, -10000}, // refused later by data.CheckMember, with its message
	}
	for _, c := range cases {
		got, err := parseMoney(c.in, c.cents)
		if err != nil || got != c.want {
			t.Errorf("parseMoney(%q, %v) = %d, %v; want %d", c.in, c.cents, got, err, c.want)
		}
	}
	for _, bad := range []string{"五千", "5200.5.5", "12345678901234", "1e5"} {
		if got, err := parseMoney(bad, false); err == nil {
			t.Errorf("parseMoney(%q) = %d, want an error", bad, got)
		}
	}
}

func TestValueNormalisation(t *testing.T) {
	for in, want := range map[string]string{"男": "男", "男性": "男", " 女性 ": "女", "女": "女", "未知": "未知"} {
		if got := normSex(in); got != want {
			t.Errorf("normSex(%q) = %q", in, got)
		}
	}
	for in, want := range map[string]string{"预备": "预备党员", "中共预备党员": "预备党员", "中共党员": "正式党员", "正式党员": "正式党员"} {
		if got := normStanding(in); got != want {
			t.Errorf("normStanding(%q) = %q", in, got)
		}
	}
	for in, want := range map[string]string{"汉": "汉族", "回": "回族", "汉族": "汉族", "土家": "土家族", "其他": "其他"} {
		if got := normEthnicity(in); got != want {
			t.Errorf("normEthnicity(%q) = %q", in, got)
		}
	}
	if got := splitNames("张三、李四"); len(got) != 2 || got[1] != "李四" {
		t.Errorf("splitNames: %q", got)
	}
	if got := splitNames("张三， 李四 王五"); len(got) != 3 {
		t.Errorf("splitNames: %q", got)
	}
	for in, want := range map[string]string{"'=1+1": "=1+1", "'-": "-", "'abc": "'abc", " x ": "x", "\u3000张三\u00a0": "张三"} {
		if got := cleanText(in); got != want {
			t.Errorf("cleanText(%q) = %q, want %q", in, got, want)
		}
	}
}
