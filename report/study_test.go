package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/data"
)

func TestStudyFileText(t *testing.T) {
	recs := []data.StudyRecord{ // newest first, as the store lists them
		{ID: 2, Name: "王建国", Date: data.MustDate("2026-11-20"), Content: "自学《中国共产党纪律处分条例》", Hours: 15, Form: data.StudySelf},
		{ID: 1, Name: "王建国", Date: data.MustDate("2026-11-10"), Content: "党课：学习新党章", Hours: 20, Form: data.StudyLesson, Organiser: "第一支部"},
	}
	entries := []data.PointEntry{
		{PointSource: data.PointSource{Date: data.MustDate("2026-11-10"), Kind: data.RuleStudyHour, Title: "党课：学习新党章"}, Raw: 20, Counted: 20},
		{PointSource: data.PointSource{Date: data.MustDate("2026-11-10"), Kind: data.RuleMeeting, Title: "党课：学习新党章"}, Raw: 20, Counted: 20},
		{PointSource: data.PointSource{Date: data.MustDate("2026-11-20"), Kind: data.RuleStudyHour, Title: "自学条例"}, Raw: 15, Counted: 10},
	}
	var buf bytes.Buffer
	err := StudyFile(&buf, recs, entries, StudyFileOptions{Org: "示范党总支", Name: "王建国", Branch: "第一支部",
		Rules: "学习学时每学时 1 分（每月至多 3 分）", AsOf: data.MustDate("2026-11-27"), Created: testTime})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "study-file.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	keep(t, path, "study-file.pdf")
	text := squash(pageText(t, path, 0))
	want := []string{"党员学习档案", "党支部：第一支部", "打印日期：2026年11月27日",
		"姓名：王建国", "学习记录2条，合计3.5学时；积分合计5分，其中学习积分3分。",
		"一、学习记录", "序号", "学习日期", "学习内容", "学时", "学习形式", "组织者",
		"1", "2026-11-10", "党课：学习新党章", "2", "党课", "第一支部",
		"2", "2026-11-20", "自学《中国共产党纪律处分条例》", "1.5", "自学", "合计", "3.5",
		"二、积分明细", "日期", "项目", "来源记录", "按规则", "计入",
		"1", "2026-11-10", "学习学时", "党课：学习新党章", "2", "2",
		"2", "2026-11-10", "参加会议", "党课：学习新党章", "2", "2",
		"3", "2026-11-20", "学习学时", "自学条例（超出每月上限部分不计）", "1.5", "1",
		"合计", "5", "积分规则：学习学时每学时1分（每月至多3分）。", "党支部书记（签字）：", "日期："}
	inOrder(t, text, want)
}

func TestPointsRankingText(t *testing.T) {
	r := data.Rankings{Period: data.RankPeriod{Year: 2026, Month: 11},
		Overall: []data.RankRow{{Name: "王建国", Branch: "第一支部", Points: 50, Rank: 1}, {Name: "李红", Branch: "第一支部", Points: 50, Rank: 1},
			{Name: "赵强", Branch: "第一支部", Points: 0, Rank: 3}},
		Study: []data.RankRow{{Name: "李红", Branch: "第一支部", Points: 35, Hours: 35, Rank: 1},
			{Name: "王建国", Branch: "第一支部", Points: 30, Hours: 40, Rank: 2}, {Name: "赵强", Branch: "第一支部", Rank: 3}},
	}
	var buf bytes.Buffer
	if err := PointsRanking(&buf, r, PointsRankingOptions{Org: "示范党总支", Branch: "第一支部", AsOf: data.MustDate("2026-11-27"),
		Created: testTime}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ranking.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	keep(t, path, "points-ranking.pdf")
	text := squash(pageText(t, path, 0))
	inOrder(t, text, []string{"党员积分排名（2026年11月）", "党支部：第一支部", "统计截至：2026年11月27日",
		"一、综合排名", "名次", "姓名", "党支部", "积分", "1", "王建国", "第一支部", "5", "1", "李红", "第一支部", "5", "3", "赵强", "0",
		"二、学习排名", "学习积分", "学时", "1", "李红", "3.5", "3.5", "2", "王建国", "3", "4", "3", "赵强", "0", "0",
		"积分相同的名次并列", "制表人：", "审核人："})
}

// inOrder checks each want appears after the one before, white space aside.
func inOrder(t *testing.T, text string, want []string) {
	t.Helper()
	pos := 0
	for _, w := range want {
		i := strings.Index(text[pos:], squash(w))
		if i < 0 {
			t.Fatalf("%q missing or out of order after %q…\n%s", w, text[max(0, pos-40):pos], text)
		}
		pos += i + len(squash(w))
	}
}
