package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"dangjian/data"
)

// studyShell: a shell with 第一支部 (甲, 乙, 丙) and 第二支部 (丁), and a
// 党课 of 第一支部 today: 甲 and 乙 present, 丙 on leave.
func studyShell(t *testing.T) (*Shell, *studyScreen, data.Meeting) {
	t.Helper()
	sh, _ := newTestShell(t)
	ctx := context.Background()
	st := sh.store
	var b1, b2 data.OrgUnit
	err := st.Write(ctx, func(tx *data.Tx) error {
		root, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "中共示范公司总支部委员会"})
		if err != nil {
			return err
		}
		if b1, err = tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一支部"}); err != nil {
			return err
		}
		b2, err = tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第二支部"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var att []data.Attendance
	for i, name := range []string{"甲", "乙", "丙", "丁"} {
		branch := b1.ID
		if name == "丁" {
			branch = b2.ID
		}
		m, _, err := st.SaveMember(ctx, data.RoleOffice, data.Member{Name: name, IDNumber: devTestID("1970010"+string(rune('1'+i)), "011"),
			BranchID: branch, Standing: data.StandingFull, Status: data.StatusNormal,
			JoinDate: data.MustDate("2000-07-01"), FullDate: data.MustDate("2001-07-01")})
		if err != nil {
			t.Fatal(err)
		}
		state := data.Present
		if name == "丙" {
			state = data.OnLeave
		}
		if name != "丁" {
			att = append(att, data.Attendance{MemberID: m.ID, Name: name, Standing: data.StandingFull, State: state})
		}
	}
	mtg, _, err := st.SaveMeeting(ctx, data.RoleOffice, data.Meeting{UnitID: b1.ID, Kind: data.KindLesson, Date: st.Today(),
		Topic: "学习新党章", Attendance: att})
	if err != nil {
		t.Fatal(err)
	}
	if !sh.Show("学习积分") {
		t.Fatal("no 学习积分 screen")
	}
	s, ok := sh.current.(*studyScreen)
	if !ok {
		t.Fatalf("current screen is %T", sh.current)
	}
	s.branch.SetSelectedIndex(1) // 第一支部
	return sh, s, mtg
}

// A secretary turns a 党课's attendance into study records in one step;
// doing it again adds nothing; the attendees' points rank them, tied.
func TestStudyFromMeetingToRankingThroughUI(t *testing.T) {
	sh, s, mtg := studyShell(t)
	ctx := context.Background()
	test.Tap(s.meetingBt)
	d := s.fromMtg
	if d == nil || len(d.meeting.Options) != 1 || !strings.Contains(d.meeting.Options[0], "出席 2 人") {
		t.Fatalf("meeting choices: %+v", d)
	}
	d.meeting.SetSelectedIndex(0)
	if d.hours.Text != "2" {
		t.Errorf("a 党课 proposes 2 学时, got %q", d.hours.Text)
	}
	typeInto(d.hours, "1.5")
	test.Tap(d.fd.saveBt)
	if d.fd.open {
		t.Fatalf("dialog still open: %q", d.form.general.Text)
	}
	recs, _ := sh.store.StudyRecords(ctx, data.StudyFilter{MeetingID: mtg.ID})
	if len(recs) != 2 || recs[0].Hours != 15 || recs[0].Form != data.StudyLesson {
		t.Fatalf("records: %+v", recs)
	}
	if n := s.list.rowCount(); n != 2 {
		t.Errorf("list shows %d records", n)
	}
	// Again: nothing new.
	test.Tap(s.meetingBt)
	s.fromMtg.meeting.SetSelectedIndex(0)
	test.Tap(s.fromMtg.fd.saveBt)
	if recs, _ := sh.store.StudyRecords(ctx, data.StudyFilter{}); len(recs) != 2 {
		t.Fatalf("second generation: %d records", len(recs))
	}
	if !strings.Contains(sh.msgLabel.Text, "没有新增") {
		t.Errorf("status: %q", sh.msgLabel.Text)
	}
	// Default rules: 1 分 a 学时, 2 分 a meeting. 甲, 乙: 1.5 + 2 = 3.5; 丙 0.
	s.tabs.SelectIndex(1)
	type row struct{ rank, name, points string }
	var got []row
	for i := 0; i < s.overall.rowCount(); i++ {
		got = append(got, row{s.overall.cell(i, 0), s.overall.cell(i, 1), s.overall.cell(i, 3)})
	}
	want := []row{{"1", "甲", "3.5"}, {"1", "乙", "3.5"}, {"3", "丙", "0"}}
	if len(got) != len(want) {
		t.Fatalf("overall: %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("overall: %v, want %v", got, want)
		}
	}
	if s.study.cell(0, 3) != "1.5" || s.study.cell(0, 4) != "1.5" {
		t.Errorf("study ranking: %q %q", s.study.cell(0, 3), s.study.cell(0, 4))
	}
	if !strings.Contains(s.rules.Text, "参加会议每次 2 分") {
		t.Errorf("rules: %q", s.rules.Text)
	}
}

// 登记集中学习: one study for the members ticked; a missing content is
// shown at its field and nothing is saved.
func TestStudyBatchThroughUI(t *testing.T) {
	sh, s, _ := studyShell(t)
	ctx := context.Background()
	test.Tap(s.addBt)
	d := s.batch
	if d == nil || len(d.people.labels) != 3 || len(d.people.Selected()) != 3 {
		t.Fatalf("batch dialog: %+v", d)
	}
	test.Tap(d.fd.saveBt)
	if !d.fd.open || d.form.message("content") == "" {
		t.Fatalf("empty content accepted: %q", d.form.message("content"))
	}
	typeInto(d.content, "学习《条例》")
	typeInto(d.hours, "两小时")
	test.Tap(d.fd.saveBt)
	if !d.fd.open || !strings.Contains(d.form.message("hours"), "学时") {
		t.Fatalf("bad hours accepted: %q", d.form.message("hours"))
	}
	if recs, _ := sh.store.StudyRecords(ctx, data.StudyFilter{}); len(recs) != 0 {
		t.Fatalf("a refused save wrote %d records", len(recs))
	}
	typeInto(d.hours, "2")
	d.people.SetSelected([]string{"甲", "丙"})
	test.Tap(d.fd.saveBt)
	if d.fd.open {
		t.Fatalf("dialog still open: %q", d.form.general.Text)
	}
	recs, _ := sh.store.StudyRecords(ctx, data.StudyFilter{})
	if len(recs) != 2 {
		t.Fatalf("%d records, want 2", len(recs))
	}
	for _, r := range recs {
		if r.Content != "学习《条例》" || r.Hours != 20 || r.Form != data.StudyGroup || r.Organiser != "第一支部" || r.Name == "乙" {
			t.Errorf("record: %+v", r)
		}
	}
	// Delete one: asks first, then marks it deleted.
	s.list.OnSelect(0)
	if s.delBt.Disabled() {
		t.Fatal("delete disabled with a record selected")
	}
}

// TestStudyShots renders the 学习积分 dialogs into $DANGJIAN_SHOTS at
// 1366×705 for a person to look at; skipped unless the variable is set.
func TestStudyShots(t *testing.T) {
	dir := os.Getenv("DANGJIAN_SHOTS")
	if dir == "" {
		t.Skip("set DANGJIAN_SHOTS=DIR to render screenshots")
	}
	os.MkdirAll(dir, 0o755)
	sh, s, _ := studyShell(t)
	sh.win.Resize(fyne.NewSize(1366, 705))
	shoot := func(name string) {
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		png.Encode(f, sh.win.Canvas().Capture())
	}
	test.Tap(s.meetingBt)
	s.fromMtg.meeting.SetSelectedIndex(0)
	shoot("study-from-meeting")
	test.Tap(s.fromMtg.fd.saveBt)
	test.Tap(s.addBt)
	test.Tap(s.batch.fd.saveBt) // the refusal at 学习内容
	shoot("study-batch")
	hideOverlays(sh.win)
	s.tabs.SelectIndex(1)
	shoot("study-ranking")
	ctx := context.Background()
	for i, q := range []string{"党的最高领导机关是？", "三会一课包括哪些会议和党课？", "预备党员有表决权。"} {
		x := data.Question{Kind: data.QuestionSingle, Question: q, Options: []string{"全国代表大会", "中央委员会", "中央政治局"}, Answer: "A",
			Points: 20, Category: "党章"}
		if i == 1 {
			x.Kind, x.Options, x.Answer = data.QuestionMulti, []string{"支部党员大会", "支部委员会", "党小组会", "党课"}, "ABCD"
		}
		if i == 2 {
			x.Kind, x.Options, x.Answer = data.QuestionJudge, nil, "错"
		}
		sh.store.SaveQuestion(ctx, data.RoleOffice, x)
	}
	s.reload()
	s.tabs.SelectIndex(2)
	test.Tap(s.quiz.startBt)
	s.quiz.start.member.SetSelectedIndex(0)
	test.Tap(s.quiz.start.fd.saveBt)
	test.Tap(s.quiz.session.next)
	if len(sh.win.Canvas().Overlays().List()) != 1 {
		t.Errorf("the quiz is not on screen: %d overlays", len(sh.win.Canvas().Overlays().List()))
	}
	shoot("study-quiz-question")
	s.quiz.session.finish("")
	hideOverlays(sh.win)
	shoot("study-quiz")
}

// The office changes a rule in 积分规则 and the ranking follows; a bad
// value is refused at its rule; a 讲党课 entered earns its points.
func TestPointsRulesAndActivityThroughUI(t *testing.T) {
	sh, s, mtg := studyShell(t)
	ctx := context.Background()
	if _, err := sh.store.StudyFromMeeting(ctx, data.RoleOffice, mtg.ID, 20); err != nil {
		t.Fatal(err)
	}
	s.tabs.SelectIndex(1)
	test.Tap(s.rulesBt)
	d := s.rulesDlg
	idx := map[string]int{}
	for i, k := range d.kinds {
		idx[k] = i
	}
	typeInto(d.points[idx[data.RuleMeeting]], "三")
	test.Tap(d.fd.saveBt)
	if !d.fd.open || d.form.message(data.RuleMeeting) == "" {
		t.Fatalf("bad value accepted: %q", d.form.message(data.RuleMeeting))
	}
	typeInto(d.points[idx[data.RuleMeeting]], "3")
	typeInto(d.caps[idx[data.RuleStudyHour]], "1.5")
	test.Tap(d.fd.saveBt)
	if d.fd.open {
		t.Fatalf("rules not saved: %q", d.form.general.Text)
	}
	// 甲: 2 学时 capped at 1.5 + a meeting at 3 = 4.5.
	if s.overall.cell(0, 1) != "乙" && s.overall.cell(0, 1) != "甲" || s.overall.cell(0, 3) != "4.5" {
		t.Fatalf("after the rule change: %q %q", s.overall.cell(0, 1), s.overall.cell(0, 3))
	}
	// 丙 gives a 党课: 5 分, first place alone.
	test.Tap(s.activityBt)
	a := s.actDlg
	for i, n := range a.member.Options {
		if n == "丙" {
			a.member.SetSelectedIndex(i)
		}
	}
	test.Tap(a.fd.saveBt)
	if !a.fd.open || a.form.message("content") == "" {
		t.Fatal("an activity without content was accepted")
	}
	typeInto(a.content, "讲授新党章")
	test.Tap(a.fd.saveBt)
	if a.fd.open {
		t.Fatalf("activity not saved: %q", a.form.general.Text)
	}
	if s.overall.cell(0, 1) != "丙" || s.overall.cell(0, 0) != "1" || s.overall.cell(0, 3) != "5" || s.overall.cell(1, 0) != "2" {
		t.Errorf("after the 党课: %q %q %q", s.overall.cell(0, 1), s.overall.cell(0, 3), s.overall.cell(1, 0))
	}
	// A branch copy has no rules button.
	if err := sh.store.SetRole(ctx, data.RoleOffice, data.Role{BranchID: s.branchIDs[1]}); err != nil {
		t.Fatal(err)
	}
	s.shown()
	if s.rulesBt.Visible() {
		t.Error("a branch copy is offered the rules")
	}
}

// A member takes a quiz at the office PC: one question at a time, the
// score at the end, the answers kept, the points in the 学习排名.
func TestQuizTakenThroughUI(t *testing.T) {
	sh, s, _ := studyShell(t)
	ctx := context.Background()
	for _, q := range []data.Question{
		{Kind: data.QuestionSingle, Question: "党的最高领导机关是？", Options: []string{"全国代表大会", "中央委员会"}, Answer: "A", Points: 20, Category: "党章"},
		{Kind: data.QuestionMulti, Question: "三会一课包括？", Options: []string{"支部党员大会", "支部委员会", "党小组会", "党课"}, Answer: "ABCD", Points: 40, Category: "党章"},
		{Kind: data.QuestionJudge, Question: "预备党员有表决权。", Answer: "错", Points: 40, Category: "党章"},
	} {
		if _, err := sh.store.SaveQuestion(ctx, data.RoleOffice, q); err != nil {
			t.Fatal(err)
		}
	}
	s.reload()
	s.tabs.SelectIndex(2)
	if !strings.Contains(s.quiz.bankInfo.Text, "题库共 3 道题") {
		t.Fatalf("bank: %q", s.quiz.bankInfo.Text)
	}
	test.Tap(s.quiz.startBt)
	d := s.quiz.start
	test.Tap(d.fd.saveBt)
	if !d.fd.open || d.form.message("member_id") == "" {
		t.Fatal("a quiz started without a member")
	}
	d.member.SetSelected("甲")
	typeInto(d.params.title, "党章知识竞赛")
	test.Tap(d.fd.saveBt)
	qs := s.quiz.session
	if d.fd.open || qs == nil || len(qs.quiz.Questions) != 3 {
		t.Fatalf("quiz not started: %q", d.form.general.Text)
	}
	if top := sh.win.Canvas().Overlays().Top(); top == nil || len(sh.win.Canvas().Overlays().List()) != 1 {
		t.Fatalf("the quiz is not on screen alone: %d overlays", len(sh.win.Canvas().Overlays().List()))
	}
	// 1 单选: A (right); 2 多选: A, B only (wrong); 3 判断: 错 (right).
	if !strings.Contains(qs.progress.Text, "第 1 / 3 题") || qs.radio == nil {
		t.Fatalf("first question: %q", qs.progress.Text)
	}
	qs.radio.SetSelected(qs.radio.Options[0])
	test.Tap(qs.next)
	qs.checks.SetSelected(qs.checks.Options[:2])
	test.Tap(qs.next)
	if qs.next.Disabled() != true || qs.radio.Options[1] != "错" {
		t.Fatalf("last question: %v %v", qs.next.Disabled(), qs.radio.Options)
	}
	qs.radio.SetSelected("错")
	test.Tap(qs.prev)
	if got := qs.checks.Selected; len(got) != 2 {
		t.Errorf("going back lost the answer: %v", got)
	}
	test.Tap(qs.next)
	test.Tap(qs.submit)
	if !qs.done || qs.result.ID == 0 {
		t.Fatal("quiz not submitted")
	}
	res, _ := sh.store.QuizResults(ctx, 0)
	if len(res) != 1 || res[0].Score != 60 || res[0].MaxScore != 100 || res[0].Title != "党章知识竞赛" || len(res[0].Answers) != 3 {
		t.Fatalf("result: %+v", res)
	}
	if res[0].Answers[1].Given != "AB" || res[0].Answers[1].Right {
		t.Errorf("multi answer kept: %+v", res[0].Answers[1])
	}
	// Default rule: 10 分 for full marks → 6; 甲 leads the 学习排名.
	if s.study.cell(0, 1) != "甲" || s.study.cell(0, 3) != "6" {
		t.Errorf("study ranking: %q %q", s.study.cell(0, 1), s.study.cell(0, 3))
	}
	if s.quiz.resList.rowCount() != 1 || !strings.Contains(s.quiz.stats.Text, "党章知识竞赛：参加 1 人（第一支部 1 人），平均得分率 60%") ||
		!strings.Contains(s.quiz.stats.Text, "三会一课包括") {
		t.Errorf("stats: %q", s.quiz.stats.Text)
	}
	// The results print as listed, with the same summary.
	var printed []string
	sh.OpenFile = func(p string) error { printed = append(printed, p); return nil }
	test.Tap(s.quiz.resPrintBt)
	if len(printed) != 1 || !strings.Contains(printed[0], "知识竞赛成绩") {
		t.Fatalf("printed %q", printed)
	}
	if text := pdfText(t, printed[0]); !strings.Contains(strings.Join(strings.Fields(text), ""), "平均得分率60%") {
		t.Errorf("printed results lack the summary:\n%s", text)
	}
}

// The office adds a question in the app; one whose answer is not among its
// options is refused at 答案.
func TestQuestionEditorThroughUI(t *testing.T) {
	sh, s, _ := studyShell(t)
	ctx := context.Background()
	s.tabs.SelectIndex(2)
	test.Tap(s.quiz.addQBt)
	e := s.quiz.editor
	typeInto(e.question, "党的最高领导机关是？")
	typeInto(e.options, "全国代表大会\n中央委员会")
	typeInto(e.answer, "C")
	test.Tap(e.fd.saveBt)
	if !e.fd.open || !strings.Contains(e.form.message("answer"), "不在选项之中") {
		t.Fatalf("bad answer accepted: %q", e.form.message("answer"))
	}
	typeInto(e.answer, "a")
	e.category.SetText("党章")
	test.Tap(e.fd.saveBt)
	if e.fd.open {
		t.Fatalf("not saved: %q", e.form.general.Text)
	}
	bank, _ := sh.store.Questions(ctx, "")
	if len(bank) != 1 || bank[0].Answer != "A" || len(bank[0].Options) != 2 || bank[0].Category != "党章" {
		t.Fatalf("bank: %+v", bank)
	}
	if s.quiz.bankList.rowCount() != 1 || s.quiz.startBt.Disabled() {
		t.Errorf("list %d, start disabled %v", s.quiz.bankList.rowCount(), s.quiz.startBt.Disabled())
	}
}
