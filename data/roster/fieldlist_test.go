package roster

import (
	"bytes"
	"encoding/json"
	"testing"

	"dangjian/data"
)

// oldSynonyms are the headers the import accepted before the member field
// list existed (its synonym table and the labels of every field), and the
// headers of older exports: each must still be read as the same column.
var oldSynonyms = map[string]string{
	"专业技术职称":     "pro_title",
	"人员类别":       "category",
	"介绍人":        "introducers",
	"住址":         "address",
	"党内职务":       "party_post",
	"党员姓名":       "name",
	"党员状态":       "status",
	"党员类别":       "standing",
	"党小组":        "group",
	"党支部":        "branch",
	"党籍状态":       "standing",
	"党费交至":       "dues_paid_to",
	"党费交至年月":     "dues_paid_to",
	"党费基数":       "dues_base",
	"党费缴纳基数":     "dues_base",
	"党费缴纳至":      "dues_paid_to",
	"党费缴至":       "dues_paid_to",
	"党龄":         "-",
	"入党介绍人":      "introducers",
	"入党介绍人1":     "introducer1",
	"入党介绍人2":     "introducer2",
	"入党介绍人一":     "introducer1",
	"入党介绍人二":     "introducer2",
	"入党志愿书编号":    "volunteer_no",
	"入党日期":       "join_date",
	"入党时所在支部":    "join_branch",
	"入党时间":       "join_date",
	"入党申请日期":     "apply_date",
	"公民身份号码":     "id_number",
	"公民身份证号":     "id_number",
	"公民身份证号码":    "id_number",
	"出生地":        "birthplace",
	"出生年月":       "birth_date",
	"出生年月日":      "birth_date",
	"出生日期":       "birth_date",
	"出生时间":       "birth_date",
	"列":          "-",
	"单位":         "work_unit",
	"单位/车队/部门":   "work_unit",
	"单位部门":       "work_unit",
	"原因":         "-",
	"参加工作日期":     "work_start",
	"参加工作时间":     "work_start",
	"发展对象日期":     "candidate_date",
	"名字":         "name",
	"员工号":        "staff_no",
	"员工编号":       "staff_no",
	"培养联系人":      "cultivator",
	"处分":         "punishments",
	"处分情况":       "punishments",
	"备注":         "remarks",
	"奖励":         "rewards",
	"奖励情况":       "rewards",
	"姓名":         "name",
	"学位":         "degree",
	"学历":         "education",
	"家庭住址":       "address",
	"家庭地址":       "address",
	"居住地址":       "address",
	"岗位":         "job_post",
	"工作单位":       "work_unit",
	"工作岗位":       "job_post",
	"工号":         "staff_no",
	"已删除":        "-",
	"年龄":         "-",
	"序号":         "-",
	"志愿书编号":      "volunteer_no",
	"性别":         "sex",
	"户籍所在地派出所":   "police_station",
	"所在党小组":      "group",
	"所在党支部":      "branch",
	"所在单位":       "work_unit",
	"所在支部":       "branch",
	"所在车队":       "work_unit",
	"所在部门":       "work_unit",
	"所属党小组":      "group",
	"所属党支部":      "branch",
	"所属支部":       "branch",
	"手机":         "phone",
	"手机号":        "phone",
	"手机号码":       "phone",
	"技术职称":       "pro_title",
	"接收为预备党员日期":  "join_date",
	"支部":         "branch",
	"支部名称":       "branch",
	"政治面貌":       "standing",
	"文化程度":       "education",
	"曾用名":        "former_name",
	"最高学历":       "education",
	"档案存放地":      "archive_location",
	"毕业院校":       "school_major",
	"毕业院校及专业":    "school_major",
	"民族":         "ethnicity",
	"现住址":        "address",
	"申请入党日期":     "apply_date",
	"申请入党时间":     "apply_date",
	"电话":         "phone",
	"电话号码":       "phone",
	"确定入党积极分子日期": "activist_date",
	"确定发展对象日期":   "candidate_date",
	"确定发展对象时间":   "candidate_date",
	"确定积极分子日期":   "activist_date",
	"确定积极分子时间":   "activist_date",
	"积极分子日期":     "activist_date",
	"移动电话":       "phone",
	"第一介绍人":      "introducer1",
	"第二介绍人":      "introducer2",
	"籍贯":         "native_place",
	"组织关系转入日期":   "transfer_in_date",
	"编号":         "-",
	"缴费基数":       "dues_base",
	"职务":         "admin_title",
	"职工号":        "staff_no",
	"职工编号":       "staff_no",
	"职称":         "pro_title",
	"联系方式":       "phone",
	"联系电话":       "phone",
	"行号":         "-",
	"行政职务":       "admin_title",
	"身份证":        "id_number",
	"身份证件号码":     "id_number",
	"身份证号":       "id_number",
	"身份证号码":      "id_number",
	"车队":         "work_unit",
	"转入日期":       "transfer_in_date",
	"转正日期":       "full_date",
	"转正时所在支部":    "full_branch",
	"转正时间":       "full_date",
	"递交入党申请书日期":  "apply_date",
	"部门":         "work_unit",
	// older labels and export headers
	"单位/部门": "work_unit", "党费基数(分)": "dues_base", "党费基数（元）": "dues_base",
}

func TestImportStillAcceptsEveryOldHeader(t *testing.T) {
	for h, want := range oldSynonyms {
		if got, _, ok := headerKey(h); !ok || got != want {
			t.Errorf("header %q → %q %v, want %q", h, got, ok, want)
		}
	}
	// Dues in 分 are told by the header; every other spelling is in 元.
	for h, cents := range map[string]bool{"党费基数（分）": true, "党费基数(分)": true, "党费基数（元）": false,
		"党费基数（元/月）": false, "党费基数": false} {
		if k, c, ok := headerKey(h); !ok || k != "dues_base" || c != cents {
			t.Errorf("%q → %q cents=%v %v, want cents=%v", h, k, c, ok, cents)
		}
	}
}

// TestHeadersComeFromTheFieldList: each member field's label and heading
// read back as that field, and the export titles a column by them.
func TestHeadersComeFromTheFieldList(t *testing.T) {
	for _, f := range data.MemberFields() {
		want := fieldColumn(f.Key)
		for _, h := range []string{f.Label, f.Heading()} {
			if got, _, ok := headerKey(h); !ok || got != want {
				t.Errorf("%s: header %q → %q %v", f.Key, h, got, ok)
			}
		}
		if got := ColumnTitle(want); got != f.Heading() {
			t.Errorf("%s: export title %q, want %q", f.Key, got, f.Heading())
		}
	}
	for key := range memberSynonyms {
		if _, ok := data.MemberField(key); !ok {
			t.Errorf("synonyms listed for %q, which is not a member field", key)
		}
	}
	for _, c := range DefaultColumns() {
		if c.Title != ColumnTitle(c.Key) {
			t.Errorf("default column %s titled %q", c.Key, c.Title)
		}
	}
	if h := ColumnTitle("dues_base"); h != "党费基数（元/月）" {
		t.Errorf("dues heading %q", h)
	}
	if h := ColumnTitle("phone"); h != "手机" {
		t.Errorf("phone heading %q", h)
	}
}

// TestEveryFieldSurvivesExportAndImport exports one dossier with every
// field of the list filled, under the list's headings, and reads it back.
func TestEveryFieldSurvivesExportAndImport(t *testing.T) {
	s, ids := orgStore(t)
	m := data.Member{Name: "张三丰", FormerName: "张君宝", Sex: "男", Ethnicity: "汉族",
		BirthDate: data.MustDate("1985-03-12"), IDNumber: idFor(t, "1985-03-12", 1), NativePlace: "湖北武当",
		Birthplace: "湖北十堰", Phone: "13800138000", Address: "武当山路 1 号", PoliceStation: "武当派出所",
		Education: "大学本科", Degree: "学士", SchoolMajor: "武汉大学 机械", WorkStart: data.MustDate("2007-07-01"),
		StaffNo: "00123", WorkUnit: "第一车队", JobPost: "驾驶员", AdminTitle: "队长", ProTitle: "工程师",
		Category: "在岗职工", BranchID: ids["第一车队党支部"], GroupID: ids["第二党小组"], Standing: data.StandingFull,
		Status: data.StatusNormal, ApplyDate: data.MustDate("2009-03-01"), ActivistDate: data.MustDate("2009-09-01"),
		CandidateDate: data.MustDate("2010-09-01"), JoinDate: data.MustDate("2011-07-01"), FullDate: data.MustDate("2012-07-01"),
		TransferInDate: data.MustDate("2015-01-05"), JoinBranch: "机关党支部", FullBranch: "机关党支部",
		Introducer1: "李四", Introducer2: "王五", Cultivator: "赵六", VolunteerNo: "ZY2011001", PartyPost: "组织委员",
		Rewards: "2020 年优秀共产党员", Punishments: "无", DuesBase: 523456, DuesPaidTo: "2026-10",
		ArchiveLocation: "公司档案室", Remarks: "测试"}
	var cols []Column
	for _, f := range data.MemberFields() {
		cols = append(cols, Column{Key: fieldColumn(f.Key)})
	}
	names, _ := s.UnitNames(ctx)
	var buf bytes.Buffer
	if err := ExportMembers(&buf, cols, []data.Member{m}, func(id int64) string { return names[id] }, data.Today()); err != nil {
		t.Fatal(err)
	}
	sh := mustRead(t, "all.xlsx", buf.Bytes())
	for i, c := range cols {
		if sh.Rows[0][i] != ColumnTitle(c.Key) {
			t.Errorf("column %d titled %q, want %q", i, sh.Rows[0][i], ColumnTitle(c.Key))
		}
	}
	p := mustPlan(t, s, sh)
	if len(p.Adds) != 1 || len(p.Unknown) != 0 || len(p.Rejected) != 0 {
		t.Fatalf("adds %d, unknown %q, rejected %+v", len(p.Adds), p.Unknown, p.Rejected)
	}
	got := p.Adds[0].Member
	a, _ := json.Marshal(m)
	b, _ := json.Marshal(got)
	var want, have map[string]any
	json.Unmarshal(a, &want)
	json.Unmarshal(b, &have)
	for _, f := range data.MemberFields() {
		if w, h := want[f.Key], have[f.Key]; w != h {
			t.Errorf("%s (%s): exported %v, imported %v", f.Key, f.Heading(), w, h)
		}
	}
}
