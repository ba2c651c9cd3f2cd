package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/data"
)

func testDevFile() data.DevFile {
	c := data.DevCandidate{ID: 7, Name: "孙小明", Sex: "男", IDNumber: "110101199501011233", BirthDate: data.MustDate("1995-01-01"),
		BranchID: 3, Phone: "13800138000", Education: "大学本科", Job: "第一车队驾驶员", ApplyDate: data.MustDate("2023-03-01"), MemberID: 9}
	rec := func(id int64, n int, date string) data.DevStepRecord {
		return data.DevStepRecord{ID: id, CandidateID: 7, Step: n, Date: data.MustDate(date), Materials: data.DefaultDevProcess().Step(n).Materials}
	}
	steps := []data.DevStepRecord{rec(1, 1, "2023-03-01"), rec(2, 2, "2023-05-20"), rec(3, 3, "2023-06-01")}
	cult := rec(4, 5, "2023-06-10")
	cult.People = []data.DevPerson{{Name: "王建国", Role: data.DevRoleCultivator, Standing: data.StandingFull}}
	intro := rec(5, 9, "2024-06-20")
	intro.People = []data.DevPerson{{Name: "李红", Role: data.DevRoleIntroducer, Standing: data.StandingFull},
		{Name: "钱预备", Role: data.DevRoleIntroducer, Standing: data.StandingProbationary}}
	pol := rec(6, 10, "2024-07-01")
	pol.Note = "政治审查合格"
	train := rec(7, 11, "2024-07-10")
	train.TrainingDays = 3
	vote := rec(8, 15, "2024-09-01")
	vote.Vote = &data.DevVoteCount{Expected: 9, Present: 8, Yes: 7, No: 1}
	steps = append(steps, cult, rec(10, 7, "2024-06-15"), intro, pol, train, vote, rec(9, 17, "2024-10-15"))
	return data.DevFile{Candidate: c, Steps: steps}
}

// TestDevRecordText: the 纪实表's text extracted and compared, in order.
func TestDevRecordText(t *testing.T) {
	var buf bytes.Buffer
	err := DevRecord(&buf, []data.DevFile{testDevFile()}, DevRecordOptions{Org: "示范党总支", AsOf: data.MustDate("2024-11-01"),
		UnitName: func(int64) string { return "第一车队党支部" }, Created: testTime,
		Materials: func(id int64) []string {
			if id == 1 {
				return []string{"申请书扫描件.pdf"}
			}
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "record.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	keep(t, path, "dev-record.pdf")
	text := squash(pageText(t, path, 0))
	want := []string{
		"发展党员工作全程纪实表", "党支部：第一车队党支部", "当前阶段：预备党员",
		"姓名", "孙小明", "性别", "男", "出生日期", "1995年1月1日", "公民身份号码", "110101199501011233",
		"单位及岗位", "第一车队驾驶员", "入党时间", "2024年9月1日",
		"步骤", "内容", "日期", "人员、表决、材料及情况",
		"一、入党申请人的申请", "1", "递交入党申请书", "2023-03-01", "材料：入党申请书、附件申请书扫描件.pdf",
		"2", "谈话", "2023-05-20",
		"二、入党积极分子的确定和培养教育",
		"5", "指定培养联系人", "2023-06-10", "培养联系人：王建国（正式党员）",
		"三、发展对象的确定和考察",
		"9", "确定入党介绍人", "2024-06-20", "入党介绍人：李红（正式党员）、钱预备（预备党员）",
		"10", "进行政治审查", "2024-07-01", "政治审查合格",
		"11", "开展集中培训", "2024-07-10", "培训：3天",
		"四、预备党员的接收",
		"15", "支部大会讨论", "2024-09-01", "应到9人，实到8人；赞成7票，反对1票，弃权0票；表决通过",
		"17", "上级党委审批", "2024-10-15",
		"五、预备党员的教育考察和转正",
		"提醒", "谈话：应在收到入党申请书后1个月内进行", "钱预备是预备党员",
		"党支部书记（签字）：", "上级党委（盖章）：",
	}
	pos := 0
	for _, w := range want {
		i := strings.Index(text[pos:], squash(w))
		if i < 0 {
			t.Fatalf("%q missing or out of order after %q…\n%s", w, text[max(0, pos-40):pos], text)
		}
		pos += i + len(squash(w))
	}
}

func TestDevLedger(t *testing.T) {
	f := testDevFile()
	other := data.DevFile{Candidate: data.DevCandidate{ID: 8, Name: "周晚", BranchID: 4, ApplyDate: data.MustDate("2020-01-05")},
		Steps: []data.DevStepRecord{{Step: 1, Date: data.MustDate("2020-01-05")}}}
	var buf bytes.Buffer
	names := map[int64]string{3: "第一车队党支部", 4: "机关党支部"}
	err := DevLedger(&buf, []data.DevFile{f, other}, DevLedgerOptions{Year: 2024, Org: "示范党总支", AsOf: data.MustDate("2024-11-01"),
		UnitName: func(id int64) string { return names[id] }, Created: testTime})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("/MediaBox [0 0 841.89 595.28]")) {
		t.Error("not A4 landscape")
	}
	path := filepath.Join(t.TempDir(), "ledger.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	keep(t, path, "dev-ledger.pdf")
	text := pageText(t, path, 0)
	assertContains(t, "ledger", text, "2024年度发展党员工作台账", "党总支：示范党总支", "统计截至：2024年11月1日",
		"共 1 名：申请入党 0 名，入党积极分子 0 名，发展对象 0 名，预备党员 1 名，正式党员 0 名。", "第一车队党支部", "孙小明", "王建国", "李红", "钱预备", "2023 3.1", "2024 9.1", "2024 10.15", "预备党员", "谈话", "制表人：")
	if strings.Contains(text, "周晚") {
		t.Error("a file without a step in 2024 printed")
	}
}
