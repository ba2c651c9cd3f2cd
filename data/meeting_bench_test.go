package data

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
)

// Speed targets of issue 4:
//   - compliance for 8 branches × 10 years of monthly meetings under 100 ms;
//   - full-text search over 10,000 minutes under 50 ms.

// benchOrg builds a 党总支 with n branches, each with a committee (书记
// and 组织委员 since 2010) and two groups. It returns branch and group IDs.
func benchOrg(b *testing.B, s *Store, n int) (branches []int64, groups map[int64][]int64) {
	b.Helper()
	groups = map[int64][]int64{}
	err := s.Write(ctx, func(tx *Tx) error {
		root, err := tx.SaveUnit(RoleOffice, OrgUnit{Level: LevelGeneral, FullName: "中共示范公交公司总支部委员会"})
		if err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			u, err := tx.SaveUnit(RoleOffice, OrgUnit{Level: LevelBranch, ParentID: root.ID, FullName: fmt.Sprintf("第%d车队党支部", i+1)})
			if err != nil {
				return err
			}
			branches = append(branches, u.ID)
			for _, t := range []string{"书记", "组织委员"} {
				if _, err := tx.SavePost(RoleOffice, Post{UnitID: u.ID, Title: t, Holder: fmt.Sprintf("%s%d", t, i), Start: MustDate("2010-01-01")}); err != nil {
					return err
				}
			}
			for g := 1; g <= 2; g++ {
				gu, err := tx.SaveUnit(RoleOffice, OrgUnit{Level: LevelGroup, ParentID: u.ID, FullName: fmt.Sprintf("第%d车队第%d党小组", i+1, g)})
				if err != nil {
					return err
				}
				groups[u.ID] = append(groups[u.ID], gu.ID)
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return branches, groups
}

// Realistic minutes text: sentences as branch secretaries write them.
var (
	benchTopics = []string{"学习贯彻党的二十大精神", "研究发展党员工作", "开展主题党日志愿服务活动", "专题党课：坚定理想信念",
		"年度组织生活会", "民主评议党员", "学习新修订的《中国共产党纪律处分条例》", "安全生产专题学习", "党费收缴情况通报",
		"研究困难党员帮扶工作", "学习习近平总书记重要讲话精神", "推进党建与业务融合", "开展警示教育", "部署冬季安全运营工作",
		"研究确定入党积极分子", "预备党员转正讨论", "重温入党誓词", "学习党章党规", "开展“我为群众办实事”实践活动", "通报上级检查反馈问题整改情况"}
	benchSentences = []string{
		"支部书记传达了上级党委会议精神，要求全体党员提高政治站位。",
		"会议集中学习了党章第一章至第三章，党员逐一谈了学习体会。",
		"组织委员通报了本季度党费收缴情况，全体党员均已按时足额交纳。",
		"会议研究了发展党员工作，同意将两名同志确定为入党积极分子。",
		"宣传委员结合车队实际，讲授了一堂题为《坚守初心使命》的专题党课。",
		"党员们开展批评与自我批评，查摆了工作作风方面存在的问题。",
		"会议要求各党小组做好困难党员、老党员的走访慰问工作。",
		"支部组织党员到社区开展志愿服务，清理小区卫生死角，发放安全宣传资料。",
		"会议通报了近期安全生产检查情况，部署了冬季行车安全工作。",
		"党员代表围绕“我为群众办实事”作了交流发言，提出改进服务的意见建议。",
		"会议对照上级检查反馈问题，逐条明确了整改措施、责任人和完成时限。",
		"全体党员重温了入党誓词，进一步坚定了理想信念。",
		"支部书记对下一阶段工作作了安排，要求党员在运营一线发挥先锋模范作用。",
		"会议讨论了预备党员转正事宜，与会党员对其预备期表现给予肯定。",
		"党小组长汇报了本组党员思想、工作情况，大家畅所欲言。",
		"会议观看了警示教育片，党员们深受触动，表示要严守纪律规矩。",
		"支部委员会研究了年度评先推优工作，提出了推荐人选。",
		"会议学习了新修订的纪律处分条例，重点解读了六项纪律的内容。",
		"党员们结合岗位实际谈了落实全面从严治党要求的打算。",
		"会议要求加强线路运营服务，提升乘客满意度，树立党员窗口形象。",
	}
	benchResolutions = []string{"同意两名同志列为入党积极分子。", "同意张某某同志按期转为正式党员。", "通过本季度工作计划。",
		"确定下月开展志愿服务活动。", "", "", "同意推荐李某某为优秀共产党员人选。"}
)

func benchMinutes(r *rand.Rand, unit int64, kind string, day Date) Meeting {
	var b strings.Builder
	for i, n := 0, 4+r.Intn(8); i < n; i++ {
		b.WriteString(benchSentences[r.Intn(len(benchSentences))])
	}
	return Meeting{UnitID: unit, Kind: kind, Date: day, StartTime: "14:30", EndTime: "16:00", Place: "党员活动室",
		Host: "书记", Recorder: "组织委员", Expected: 12, Present: 10, OnLeave: 2, LeaveText: "王五（出差）、赵六（病假）",
		Topic: benchTopics[r.Intn(len(benchTopics))], Agenda: "一、学习\n二、讨论\n三、部署", Content: b.String(),
		Resolution: benchResolutions[r.Intn(len(benchResolutions))]}
}

// BenchmarkCompliance: 8 branches, each with two groups, ten years
// (2016–2025) of everything the default rules ask for — 支委会, 主题党日
// and each group's 党小组会 monthly, 支部党员大会 and 党课 quarterly,
// 组织生活会 and 民主评议 yearly — 4,640 minutes, some months skipped so
// there are gaps to find. one-year computes one year for all branches (the
// compliance screen, `check meetings`); ten-years computes all ten.
func BenchmarkCompliance(b *testing.B) {
	s := benchStore(b)
	branches, groups := benchOrg(b, s, 8)
	r := rand.New(rand.NewSource(1))
	var ms []Meeting
	for y := 2016; y <= 2025; y++ {
		for _, br := range branches {
			for mo := 1; mo <= 12; mo++ {
				day := Date{y, time.Month(mo), 5 + r.Intn(20)}
				if r.Intn(20) > 0 { // one month in twenty is missed
					ms = append(ms, benchMinutes(r, br, KindCommittee, day), benchMinutes(r, br, KindThemeDay, day.AddDays(1)))
				} else {
					ms = append(ms, benchMinutes(r, br, KindThemeDay, day.AddDays(1)), benchMinutes(r, br, KindOther, day))
				}
				for _, g := range groups[br] {
					ms = append(ms, benchMinutes(r, g, KindGroupMeeting, day.AddDays(2)))
				}
				if mo%3 == 0 {
					ms = append(ms, benchMinutes(r, br, KindGeneralMeeting, day), benchMinutes(r, br, KindLesson, day.AddDays(-3)))
				}
			}
			ms = append(ms, benchMinutes(r, br, KindLifeMeeting, Date{y, 12, 20}), benchMinutes(r, br, KindAppraisal, Date{y, 12, 22}))
		}
	}
	err := s.Write(ctx, func(tx *Tx) error {
		for _, m := range ms {
			if _, _, err := tx.SaveMeeting(RoleOffice, m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	today := MustDate("2026-11-27")
	b.Run("one-year", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			cells, err := s.Compliance(ctx, 2025, nil, today)
			if err != nil || len(cells) == 0 {
				b.Fatal(err)
			}
		}
	})
	b.Run("ten-years", func(b *testing.B) {
		gaps := 0
		for i := 0; i < b.N; i++ {
			gaps = 0
			for y := 2016; y <= 2025; y++ {
				cells, err := s.Compliance(ctx, y, nil, today)
				if err != nil {
					b.Fatal(err)
				}
				for _, c := range cells {
					if c.Gap() {
						gaps++
					}
				}
			}
		}
		b.ReportMetric(float64(len(ms)), "minutes")
		b.ReportMetric(float64(gaps), "gaps")
	})
}

// BenchmarkSearchMeetings10000: 10,000 minutes of realistic Chinese text;
// queries for a two-character word (rare and common), a four-character
// phrase, two words, and the common word with the result list loaded as
// the screen shows it.
func BenchmarkSearchMeetings10000(b *testing.B) {
	s := benchStore(b)
	branches, _ := benchOrg(b, s, 8)
	r := rand.New(rand.NewSource(2))
	err := s.Write(ctx, func(tx *Tx) error {
		day := MustDate("2016-01-04")
		for i := 0; i < 10000; i++ {
			m := benchMinutes(r, branches[i%len(branches)], MeetingKinds[i%6], day.AddDays(i/4))
			if _, _, err := tx.SaveMeeting(RoleOffice, m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, q string }{
		{"two-char", "党费"},
		{"two-char-common", "党员"},
		{"phrase-4", "志愿服务"},
		{"two-words", "发展 积极分子"},
		{"phrase-long", "批评与自我批评"},
	} {
		b.Run(c.name, func(b *testing.B) {
			n := 0
			for i := 0; i < b.N; i++ {
				ids, err := s.SearchMeetings(ctx, c.q)
				if err != nil || len(ids) == 0 {
					b.Fatalf("%q: %d %v", c.q, len(ids), err)
				}
				n = len(ids)
			}
			b.ReportMetric(float64(n), "hits")
		})
	}
	b.Run("two-char-common+list", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			ids, err := s.SearchMeetings(ctx, "党员")
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.Meetings(ctx, MeetingFilter{IDs: ids}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
