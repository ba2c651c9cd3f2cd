package minutes

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"dangjian/data"
	"dangjian/data/sheet"
)

var ctx = context.Background()

// today of the test stores.
var fixedNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local)

// orgStore has a 党总支 with two branches; the first has two groups, the
// second one:
//
//	中共示范公司总支部委员会 (示范党总支)
//	├── 中共示范公司第一车队支部委员会 (第一车队党支部): 第一党小组, 第二党小组
//	└── 中共示范公司机关支部委员会 (机关党支部): 机关党小组
func orgStore(tb testing.TB) (*data.Store, map[string]int64) {
	tb.Helper()
	s, err := data.Open(filepath.Join(tb.TempDir(), "m.db"), data.Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if err := s.SetOperator(ctx, "王主任"); err != nil {
		tb.Fatal(err)
	}
	ids := map[string]int64{}
	err = s.Write(ctx, func(tx *data.Tx) error {
		root, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "中共示范公司总支部委员会", ShortName: "示范党总支"})
		if err != nil {
			return err
		}
		ids["root"] = root.ID
		for _, b := range []struct{ full, short string }{
			{"中共示范公司第一车队支部委员会", "第一车队党支部"},
			{"中共示范公司机关支部委员会", "机关党支部"},
		} {
			u, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: b.full, ShortName: b.short})
			if err != nil {
				return err
			}
			ids[b.short] = u.ID
		}
		for _, g := range []struct{ branch, name string }{
			{"第一车队党支部", "第一党小组"}, {"第一车队党支部", "第二党小组"}, {"机关党支部", "机关党小组"},
		} {
			u, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGroup, ParentID: ids[g.branch], FullName: g.branch + g.name, ShortName: g.name})
			if err != nil {
				return err
			}
			ids[g.name] = u.ID
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return s, ids
}

// xlsx builds a workbook: a merged title row, then rows (the first is the
// header). A float64 cell is stored as a number (an Excel date serial).
func xlsx(tb testing.TB, title string, rows [][]any) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Sheet1"
	f.SetCellValue(sheet, "A1", title)
	if len(rows) > 0 {
		end, _ := excelize.CoordinatesToCellName(len(rows[0]), 1)
		f.MergeCell(sheet, "A1", end)
	}
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+2)
			if err := f.SetCellValue(sheet, ref, v); err != nil {
				tb.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

var ledgerHeader = []any{"序号", "所在支部", "会议类型", "会议主题", "召开时间", "地点", "主持人", "记录人", "应到人数", "实到人数",
	"请假人员", "缺席人员及原因", "列席人员", "议程", "主要内容", "决议"}

// meetingRow is one ledger line in header order.
func meetingRow(no any, branch, kind, topic string, when any, expected, present any, leave, absent string) []any {
	return []any{no, branch, kind, topic, when, "党员活动室", "张书记", "李委员", expected, present, leave, absent, "",
		"一、学习\n二、讨论", topic + "。会议传达学习了上级精神，党员进行了讨论。", "同意"}
}

func issuesAt(list []sheet.Issue, row int) string {
	var out []string
	for _, is := range list {
		if is.Row == row {
			out = append(out, "【"+is.Column+"】"+is.Reason)
		}
	}
	return strings.Join(out, " ")
}

func TestImportLedgerEdgeCases(t *testing.T) {
	s, ids := orgStore(t)
	rows := [][]any{
		ledgerHeader,
		/* 3 */ meetingRow(1, "第一车队党支部", "支部党员大会", "学习贯彻党的二十大精神", "2024-03-12 14:30", 9, 7, "王五（病假）、赵六（出差）", ""),
		/* 4 */ meetingRow(2, "第一车队", "支委会", "研究发展党员工作", "2024年3月12日下午2:30-4:00", 5, 5, "", ""),
		/* 5 */ meetingRow(3, "第一党小组", "党小组会", "交流学习体会", 45366.625, 6, 6, "无", ""),
		/* 6 */ meetingRow(4, "第九党支部", "党课", "党史学习", "2024-04-02", 9, 8, "", ""),
		/* 7 */ meetingRow(5, "机关党支部", "主题党日", "志愿服务", "", 9, 8, "", ""),
		/* 8 */ meetingRow(6, "机关党支部", "主题党日", "重温入党誓词", "2024-04-20", 9, 10, "", ""),
		/* 9 */ meetingRow(7, "机关党支部", "学习会", "学习新修订的条例", "2024.5.6", 9, 7, "", ""),
		/* 10 */ meetingRow(8, "机关党支部", "组织生活会", "2023年度组织生活会", "2024/1/25 9:00", 9, 6, "", "王五：出差；赵六：住院"),
		/* 11 */ meetingRow(9, "第一车队党支部", "支部党员大会", "学习贯彻党的二十大精神", "2024-03-12", 9, 7, "", ""),
		/* 12 */ {10},
		/* 13 */ meetingRow(11, "中共示范公司总支部委员会", "支部党员大会", "总支会议", "2024-06-01", 9, 7, "", ""),
		/* 14 */ meetingRow(12, "机关党支部", "党课", "未来的党课", "2027-01-05", 9, 7, "", ""),
		/* 15 */ meetingRow(13, "第一党小组", "支部党员大会", "小组名义记的大会", "2024-06-18", 9, 8, "", ""),
		/* 16 */ meetingRow(14, "机关党支部", "党小组会", "读书交流", "2024-06-20", "五", "4人", "", ""),
		/* 17 */ meetingRow(15, "机关党支部", "党课", "专题党课", "2024-06-28", "全体", 7, "", ""),
		/* 18 */ {"合计", "", "", "", "", "", "", "", 63, 58},
		/* 19 */ {"填表人：张三", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "填表日期：2024年12月31日"},
	}
	sh, err := ReadBytes("台账.xlsx", xlsx(t, "2024年会议记录台账", rows))
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlanImport(ctx, s, sh)
	if err != nil {
		t.Fatal(err)
	}
	if p.Header != 2 || len(p.Unknown) != 0 {
		t.Fatalf("header %d unknown %v columns %v", p.Header, p.Unknown, p.Columns)
	}
	wantRejected := map[int]string{
		6:  "组织架构中没有“第九党支部”",
		7:  "未填写会议日期",
		8:  "实到人数 10 多于应到人数 9",
		11: "与第 3 行是同一次会议",
		13: "是党总支",
		14: "晚于今天",
		17: "“全体”不是人数",
	}
	for row, want := range wantRejected {
		if got := issuesAt(p.Rejected, row); !strings.Contains(got, want) {
			t.Errorf("row %d rejected %q, want %q", row, got, want)
		}
	}
	if p.RejectedRows() != len(wantRejected) {
		t.Errorf("rejected %d rows: %+v", p.RejectedRows(), p.Rejected)
	}
	if got := issuesAt(p.Rejected, 6); !strings.Contains(got, "【所在支部】") || !strings.Contains(got, "不会新建支部") {
		t.Errorf("unknown branch message %q", got)
	}
	if len(p.Skipped) != 2 || p.Skipped[0].Row != 18 || p.Skipped[1].Row != 19 {
		t.Errorf("skipped %+v", p.Skipped)
	}
	if p.Total != 14 { // row 12 holds only a 序号
		t.Errorf("total %d", p.Total)
	}
	byRow := map[int]Row{}
	for _, a := range p.Adds {
		byRow[a.Row] = a
	}
	if len(byRow) != 7 {
		t.Fatalf("adds %d: %+v", len(byRow), p.Adds)
	}
	m := byRow[3].Meeting
	if m.Date != data.MustDate("2024-03-12") || m.StartTime != "14:30" || m.OnLeave != 2 || m.LeaveText != "王五（病假）、赵六（出差）" ||
		m.Expected != 9 || m.Present != 7 || m.UnitID != ids["第一车队党支部"] || m.Kind != data.KindGeneralMeeting || m.Status != data.StatusApproved {
		t.Errorf("row 3: %+v", m)
	}
	if m := byRow[4].Meeting; m.Kind != data.KindCommittee || m.StartTime != "14:30" || m.EndTime != "16:00" || m.UnitID != ids["第一车队党支部"] {
		t.Errorf("row 4: %+v", m)
	}
	if m := byRow[5].Meeting; m.UnitID != ids["第一党小组"] || m.Date != data.MustDate("2024-03-15") || m.StartTime != "15:00" || m.OnLeave != 0 || m.LeaveText != "" {
		t.Errorf("row 5 (serial date-time, group): %+v", m)
	}
	if m := byRow[9].Meeting; m.Kind != data.KindOther || !strings.Contains(issuesAt(byRow[9].Warnings, 9), "按“其他”导入") {
		t.Errorf("row 9: %+v %v", m, byRow[9].Warnings)
	}
	if m := byRow[10].Meeting; m.Absent != 2 || m.AbsentText != "王五：出差；赵六：住院" || m.StartTime != "09:00" {
		t.Errorf("row 10: %+v", m)
	}
	// 支部党员大会 named by a group goes to its branch; a 党小组会 named by
	// a branch with one group goes to that group; 五 and 4人 are counts.
	if m := byRow[15].Meeting; m.UnitID != ids["第一车队党支部"] || !strings.Contains(issuesAt(byRow[15].Warnings, 15), "党支部的会议") {
		t.Errorf("row 15: %+v %v", m, byRow[15].Warnings)
	}
	if m := byRow[16].Meeting; m.UnitID != ids["机关党小组"] || m.Expected != 5 || m.Present != 4 {
		t.Errorf("row 16: %+v", m)
	}
	// Quorum is a warning on history, not a rejection: 7 of 9 is fine, but
	// a meeting with 4 of 9 would be noted.
	if strings.Contains(issuesAt(p.Warnings, 3), "半数") {
		t.Errorf("row 3 quorum warning: %v", p.Warnings)
	}

	res, err := Apply(ctx, s, sh, sheet.ValidOnly, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Imported != 7 || res.Updated != 0 || res.Unchanged != 0 || countRows(res.Rejected) != 7 || len(res.CreatedBranches) != 0 {
		t.Fatalf("result %+v", res)
	}
	all, err := s.Meetings(ctx, data.MeetingFilter{})
	if err != nil || len(all) != 7 {
		t.Fatalf("stored %d %v", len(all), err)
	}
	for _, m := range all {
		if m.Status != data.StatusApproved || m.ReviewBy != "王主任" || !strings.HasPrefix(m.Comment, "历史纪要导入（Sheet1 第 ") || len(m.Attendance) != 0 {
			t.Errorf("stored %+v", m)
		}
	}
	// Imported minutes are searchable and count for compliance.
	if ids, _ := s.SearchMeetings(ctx, "二十大"); len(ids) != 1 {
		t.Errorf("search: %v", ids)
	}
	// The same file again: every meeting is already on file.
	res, err = Apply(ctx, s, sh, sheet.ValidOnly, nil)
	if err != nil || res.Imported != 0 || res.Unchanged != 7 {
		t.Fatalf("second import %+v %v", res, err)
	}
	if got := issuesAt(res.Skipped, 3); !strings.Contains(got, "已存在") {
		t.Errorf("existing row 3: %q", got)
	}
	if _, err := s.VerifyAudit(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestImportAllOrNothingWritesNothing(t *testing.T) {
	s, _ := orgStore(t)
	rows := [][]any{
		ledgerHeader,
		meetingRow(1, "机关党支部", "支委会", "研究全年工作", "2024-01-08", 5, 5, "", ""),
		meetingRow(2, "没有的支部", "支委会", "研究二月工作", "2024-02-08", 5, 5, "", ""),
	}
	sh, err := ReadBytes("台账.xlsx", xlsx(t, "台账", rows))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Apply(ctx, s, sh, sheet.AllOrNothing, nil)
	if !errors.Is(err, sheet.ErrRejected) || res.Imported != 0 || countRows(res.Rejected) != 1 {
		t.Fatalf("all-or-nothing: %+v %v", res, err)
	}
	if ms, _ := s.Meetings(ctx, data.MeetingFilter{}); len(ms) != 0 {
		t.Fatalf("half applied: %d meetings", len(ms))
	}
	// A cancelled import rolls back as well.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Apply(cctx, s, sh, sheet.ValidOnly, nil); err == nil {
		t.Fatal("cancelled import succeeded")
	}
	if ms, _ := s.Meetings(ctx, data.MeetingFilter{}); len(ms) != 0 {
		t.Fatalf("cancelled import wrote %d meetings", len(ms))
	}
}

// A GBK CSV kept per branch: no 支部 column, the branch in the file name,
// a 党小组 column, separate 开始/结束时间 and a 审核状态 column.
func TestImportGBKCSVPerBranch(t *testing.T) {
	s, ids := orgStore(t)
	text := "机关党支部2023年会议记录\r\n" +
		"序号,会议日期,开始时间,结束时间,会议类型,党小组,主题,应到,实到,请假人员,审核状态\r\n" +
		"1,2023.5.8,14:30,16:00,党小组会,机关党小组,学习交流,6,5,张三,已审核\r\n" +
		"2,20230610,0.375,0.4583333333,支委会,,研究六月工作,5,5,,草稿\r\n" +
		"3,2023年7月1日 上午9点半,,,主题党日,,七一主题党日,9,8,李四等1人,\r\n" +
		"4,2023-08,,,党课,,八月党课,9,9,,\r\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	sh, err := ReadBytes("机关党支部会议台账.csv", []byte(gbk))
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlanImport(ctx, s, sh)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rejected) != 0 || len(p.Adds) != 4 || p.DefaultBranch != "机关党支部" {
		t.Fatalf("plan: rejected %+v adds %d default %q", p.Rejected, len(p.Adds), p.DefaultBranch)
	}
	a := p.Adds
	if m := a[0].Meeting; m.UnitID != ids["机关党小组"] || m.StartTime != "14:30" || m.EndTime != "16:00" || m.OnLeave != 1 {
		t.Errorf("row 3: %+v", m)
	}
	if m := a[1].Meeting; m.UnitID != ids["机关党支部"] || m.Date != data.MustDate("2023-06-10") || m.StartTime != "09:00" ||
		m.EndTime != "11:00" || m.Status != data.StatusDraft {
		t.Errorf("row 4: %+v", m)
	}
	if m := a[2].Meeting; m.StartTime != "09:30" || m.OnLeave != 1 {
		t.Errorf("row 5: %+v", m)
	}
	if m := a[3].Meeting; m.Date != data.MustDate("2023-08-01") || !strings.Contains(issuesAt(p.Warnings, 6), "只写了年月") {
		t.Errorf("row 6: %+v %v", m, p.Warnings)
	}
	if !strings.Contains(issuesAt(p.Warnings, 2), "表中没有“支部”列") {
		t.Errorf("sheet warning missing: %+v", p.Warnings)
	}
	res, err := Apply(ctx, s, sh, sheet.AllOrNothing, nil)
	if err != nil || res.Imported != 4 {
		t.Fatalf("%+v %v", res, err)
	}
	drafts, _ := s.Meetings(ctx, data.MeetingFilter{Status: data.StatusDraft})
	if len(drafts) != 1 || drafts[0].Topic != "研究六月工作" || drafts[0].ReviewBy != "" {
		t.Errorf("drafts %+v", drafts)
	}
}

func TestReadRefusesWhatIsNoLedger(t *testing.T) {
	// A member roster is not a ledger.
	roster := xlsx(t, "花名册", [][]any{{"序号", "姓名", "性别", "身份证号码", "所在支部"}, {1, "张三", "男", "", "机关党支部"}})
	if _, err := ReadBytes("花名册.xlsx", roster); err == nil || !strings.Contains(err.Error(), "没有找到会议记录台账的表头") {
		t.Errorf("roster read as ledger: %v", err)
	}
	for name, b := range map[string][]byte{
		"空.csv":   []byte("  \n"),
		"旧版.xls":  append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...),
		"网页.xls":  []byte("<html><table><tr><td>会议时间</td></tr></table></html>"),
		"坏的.xlsx": []byte("PK\x03\x04 not really a zip"),
	} {
		if _, err := ReadBytes(name, b); err == nil {
			t.Errorf("%s read", name)
		}
	}
}

func TestParseWhen(t *testing.T) {
	for _, c := range []struct {
		in, date, start, end string
		warn, bad            bool
	}{
		{"2024-03-12", "2024-03-12", "", "", false, false},
		{"2024-03-12 14:30", "2024-03-12", "14:30", "", false, false},
		{"2024-03-12T14:30:00", "2024-03-12", "14:30", "", false, false},
		{"2024年3月12日下午2:30", "2024-03-12", "14:30", "", false, false},
		{"2024年3月12日（星期二）下午2时30分至4时", "2024-03-12", "14:30", "16:00", false, false},
		{"2024.3.12 上午9:00-11:30", "2024-03-12", "09:00", "11:30", false, false},
		{"2024/3/12 2:30-4:30", "2024-03-12", "02:30", "04:30", false, false},
		{"2024-03-12 下午2:30-4:30", "2024-03-12", "14:30", "16:30", false, false},
		{"2024-03-12 中午12点", "2024-03-12", "12:00", "", false, false},
		{"２０２４－０３－１２　１４：３０", "2024-03-12", "14:30", "", false, false},
		{"20240312", "2024-03-12", "", "", false, false},
		{"45363", "2024-03-12", "", "", false, false},
		{"45363.5", "2024-03-12", "12:00", "", false, false},
		{"45363.604166666664", "2024-03-12", "14:30", "", false, false},
		{"2024年3月", "2024-03-01", "", "", true, false},
		{"2024-03-12 下午", "2024-03-12", "", "", true, false},
		{"2024-02-30", "", "", "", false, true},
		{"三月十二日", "", "", "", false, true},
		{"24-3-12", "", "", "", false, true},
	} {
		d, s, e, w, err := parseWhen(c.in, false)
		if (err != nil) != c.bad {
			t.Errorf("%q: err %v", c.in, err)
			continue
		}
		if c.bad {
			continue
		}
		if d.String() != c.date || s != c.start || e != c.end || (w != "") != c.warn {
			t.Errorf("%q → %s %q %q warn %q", c.in, d, s, e, w)
		}
	}
}

func TestCountPeopleAndKinds(t *testing.T) {
	for in, want := range map[string]int{
		"张三、李四":         2,
		"张三，李四 王五":      3,
		"张三（病假）、李四（出差）": 2,
		"王五：出差；赵六：住院":   2,
		"王五出差、赵六因病":     2,
		"张三等3人":         3,
		"张三等三人":         3,
		"2人":            2,
		"无":             0,
		"/":             0,
		"阿依古丽·买买提、张三":   2,
		"欧阳春晓":          1,
		"王五(出差) 赵六(学习)": 2,
	} {
		if n, ok := countPeople(in); !ok || n != want {
			t.Errorf("countPeople(%q) = %d %v, want %d", in, n, ok, want)
		}
	}
	if _, ok := countPeople("部分同志因工作原因未能参加会议"); ok {
		t.Error("free text counted")
	}
	for in, want := range map[string]string{
		"支部党员大会": data.KindGeneralMeeting, "党员大会": data.KindGeneralMeeting, "支部大会": data.KindGeneralMeeting,
		"支部委员会会议": data.KindCommittee, "支委会": data.KindCommittee, "支委扩大会": data.KindCommittee,
		"党小组会": data.KindGroupMeeting, "党课": data.KindLesson, "专题党课": data.KindLesson,
		"主题党日": data.KindThemeDay, "主题党日活动": data.KindThemeDay, "组织生活会": data.KindLifeMeeting,
		"专题组织生活会": data.KindLifeMeeting, "民主评议党员": data.KindAppraisal, "民主评议": data.KindAppraisal,
		"其他": data.KindOther, "学习会": data.KindOther, "支部党员大会暨党课": data.KindGeneralMeeting,
	} {
		if got, _ := normKind(in); got != want {
			t.Errorf("normKind(%q) = %q, want %q", in, got, want)
		}
	}
	if _, w := normKind("支部党员大会暨党课"); !strings.Contains(w, "一条记录只能算一种会议") {
		t.Errorf("combined kind warning %q", w)
	}
}

// 第一党小组 in two branches: the ledger's title or a section row tells
// which; without either the row is refused as ambiguous.
func TestGroupNamesResolvedByLedgerBranch(t *testing.T) {
	s, ids := orgStore(t)
	g, err := s.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGroup, ParentID: ids["机关党支部"], FullName: "机关党支部第一党小组", ShortName: "第一党小组"})
	if err != nil {
		t.Fatal(err)
	}
	header := []any{"支部", "会议类型", "主题", "会议时间"}
	plan := func(title string, rows ...[]any) *Plan {
		t.Helper()
		sh, err := ReadBytes("台账.xlsx", xlsx(t, title, append([][]any{header}, rows...)))
		if err != nil {
			t.Fatal(err)
		}
		p, err := PlanImport(ctx, s, sh)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := plan("机关党支部2024年会议记录", []any{"第一党小组", "党小组会", "学习", "2024-05-06"})
	if len(p.Adds) != 1 || p.Adds[0].Meeting.UnitID != g.ID {
		t.Errorf("by title: %+v %+v", p.Adds, p.Rejected)
	}
	p = plan("2024年会议记录",
		[]any{"第一车队党支部", "第一车队党支部", "第一车队党支部", "第一车队党支部"},
		[]any{"第一党小组", "党小组会", "学习", "2024-05-06"},
		[]any{"机关党支部"},
		[]any{"第一党小组", "党小组会", "学习", "2024-05-06"},
		[]any{"", "支委会", "研究工作", "2024-05-08"},
	)
	if len(p.Adds) != 3 || p.Adds[0].Meeting.UnitID != ids["第一党小组"] || p.Adds[1].Meeting.UnitID != g.ID ||
		p.Adds[2].Meeting.UnitID != ids["机关党支部"] || len(p.Skipped) != 2 {
		t.Errorf("by section: adds %+v rejected %+v skipped %+v", p.Adds, p.Rejected, p.Skipped)
	}
	p = plan("2024年会议记录", []any{"第一党小组", "党小组会", "学习", "2024-05-06"})
	if len(p.Adds) != 0 || !strings.Contains(issuesAt(p.Rejected, 3), "多个") {
		t.Errorf("ambiguous: %+v", p.Rejected)
	}
}

// 日期 and 时间 in two columns, as many ledgers have them.
func TestDateAndTimeColumns(t *testing.T) {
	s, ids := orgStore(t)
	sh, err := ReadBytes("台账.xlsx", xlsx(t, "机关党支部台账", [][]any{
		{"日期", "时间", "会议类型", "主题"},
		{"2024-05-06", "14:30-16:00", "支委会", "研究工作"},
		{45418.0, 0.625, "主题党日", "志愿服务"},
		{"2024-05-20", "下午", "党课", "党课"},
	}))
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlanImport(ctx, s, sh)
	if err != nil || len(p.Adds) != 3 {
		t.Fatalf("%+v %v", p, err)
	}
	if m := p.Adds[0].Meeting; m.StartTime != "14:30" || m.EndTime != "16:00" || m.UnitID != ids["机关党支部"] {
		t.Errorf("row 3: %+v", m)
	}
	if m := p.Adds[1].Meeting; m.Date.String() != "2024-05-06" || m.StartTime != "15:00" {
		t.Errorf("row 4: %+v", m)
	}
	if !strings.Contains(issuesAt(p.Warnings, 5), "无法识别为时刻") {
		t.Errorf("row 5 warnings: %+v", p.Warnings)
	}
}

// A branch copy imports its own branch's and groups' minutes, as drafts,
// and none of another branch's (issue 11: they were filed as 已审核).
func TestImportOnBranchCopy(t *testing.T) {
	s, ids := orgStore(t)
	if err := s.SetRole(ctx, data.RoleOffice, data.Role{BranchID: ids["机关党支部"]}); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		append(ledgerHeader, "党小组"),
		append(meetingRow(1, "机关党支部", "支委会", "研究全年工作", "2024-01-08", 5, 5, "", ""), ""),
		append(meetingRow(2, "机关党支部", "党小组会", "学习讨论", "2024-01-09", 5, 5, "", ""), "机关党小组"),
		append(meetingRow(3, "第一车队党支部", "支委会", "研究二月工作", "2024-02-08", 5, 5, "", ""), ""),
	}
	sh, err := ReadBytes("台账.xlsx", xlsx(t, "台账", rows))
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlanImport(ctx, s, sh)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Adds) != 2 || countRows(p.Rejected) != 1 || !strings.Contains(issuesAt(p.Rejected, 5), "不能导入") {
		t.Fatalf("plan on a branch copy: %d adds, rejected %+v", len(p.Adds), p.Rejected)
	}
	res, err := Apply(ctx, s, sh, sheet.ValidOnly, nil)
	if err != nil || res.Imported != 2 {
		t.Fatalf("apply: %+v %v", res, err)
	}
	ms, err := s.Meetings(ctx, data.MeetingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Status != data.StatusDraft || s.BranchOf(ctx, m.UnitID) != ids["机关党支部"] {
			t.Errorf("imported on a branch copy: %s unit %d status %s", m.Topic, m.UnitID, m.Status)
		}
	}
}
