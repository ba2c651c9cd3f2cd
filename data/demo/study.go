package demo

import (
	"hash/fnv"
	"strconv"
	"time"

	"dangjian/data"
)

// demoSelfStudy are the 自学 topics members record.
var demoSelfStudy = []string{"自学《中国共产党章程》", "学习《习近平谈治国理政》第四卷", "自学《中国共产党纪律处分条例》",
	"学习“学习强国”专题课程", "自学党史学习教育读本", "学习全国两会精神", "学习《中国共产党支部工作条例（试行）》"}

// demoQuestions start the 知识竞赛 bank.
var demoQuestions = []data.Question{
	{Kind: data.QuestionSingle, Question: "党的最高领导机关是？", Options: []string{"党的全国代表大会和它所产生的中央委员会", "中央政治局", "中央书记处", "中央军事委员会"}, Answer: "A", Points: 20, Category: "党章"},
	{Kind: data.QuestionSingle, Question: "预备党员的预备期为多长时间？", Options: []string{"半年", "一年", "两年", "三年"}, Answer: "B", Points: 20, Category: "党章"},
	{Kind: data.QuestionMulti, Question: "“三会一课”中的“三会”是指：", Options: []string{"支部党员大会", "支部委员会", "党小组会", "民主生活会"}, Answer: "ABC", Points: 30, Category: "组织生活"},
	{Kind: data.QuestionMulti, Question: "党员的权利包括：", Options: []string{"参加党的有关会议", "在党的会议上参加讨论", "行使表决权、选举权", "对党的工作提出建议和倡议"}, Answer: "ABCD", Points: 30, Category: "党章"},
	{Kind: data.QuestionJudge, Question: "预备党员有表决权、选举权和被选举权。", Answer: "错", Points: 20, Category: "党章"},
	{Kind: data.QuestionJudge, Question: "党员如果没有正当理由，连续六个月不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被认为是自行脱党。", Answer: "对", Points: 20, Category: "党章"},
	{Kind: data.QuestionSingle, Question: "党支部党员大会一般每季度召开几次？", Options: []string{"1 次", "2 次", "3 次", "每月 1 次"}, Answer: "A", Points: 20, Category: "组织生活"},
	{Kind: data.QuestionJudge, Question: "党课每季度至少一次。", Answer: "对", Points: 20, Category: "组织生活"},
}

// selfStudyLimit: a demo bigger than this gets study records from its
// meetings only (a record per member and month would swamp it).
const selfStudyLimit = 3000

// writeStudy gives the demo its 学习积分: each 党课 and 支部党员大会 of the
// AsOf year turned into study records of the members present, some
// members' own study (自学 or 线上, seeded), and a few 讲党课 and
// 志愿服务 activities, so the rankings differ and tie here and there.
func (p *plan) writeStudy(tx *data.Tx, seed uint64, asOf data.Date) error {
	for _, q := range demoQuestions {
		if _, err := tx.SaveQuestion(data.RoleOffice, q); err != nil {
			return err
		}
	}
	if _, err := tx.StudyFromMeetings(data.RoleOffice, []string{data.KindLesson, data.KindGeneralMeeting}); err != nil {
		return err
	}
	if len(p.people) > selfStudyLimit {
		return nil
	}
	roll := func(i, month, salt int) uint32 {
		h := fnv.New32a()
		h.Write([]byte(strconv.FormatUint(seed, 10) + "/" + strconv.Itoa(i) + "/" + strconv.Itoa(month) + "/" + strconv.Itoa(salt)))
		return h.Sum32()
	}
	for i, pe := range p.people {
		if data.InHistory(pe.m.Status) || pe.m.ID == 0 {
			continue
		}
		for month := 1; month <= int(asOf.M); month++ {
			r := roll(i, month, 0)
			if r%3 == 0 { // about a third of the months without own study
				continue
			}
			day := data.NewDate(asOf.Y, time.Month(month), 3+int(r/7%24))
			if day.After(asOf) {
				continue
			}
			form := data.StudySelf
			if r/5%4 == 0 {
				form = data.StudyOnline
			}
			rec := data.StudyRecord{MemberID: pe.m.ID, Date: day, Content: demoSelfStudy[r/11%uint32(len(demoSelfStudy))],
				Hours: data.Hours(5 * (1 + r/13%5)), Form: form}
			if _, err := tx.SaveStudyRecord(data.RoleOffice, rec); err != nil {
				return err
			}
		}
		if r := roll(i, 0, 1); r%9 == 0 {
			day := data.NewDate(asOf.Y, time.Month(1+r/3%uint32(asOf.M)), 20)
			if !day.After(asOf) {
				a := data.Activity{MemberID: pe.m.ID, Kind: data.ActivityVolunteer, Date: day, Content: "社区志愿服务",
					Hours: data.Hours(10 * (1 + r/7%4))}
				if _, err := tx.SaveActivity(data.RoleOffice, a); err != nil {
					return err
				}
			}
		}
		if pe.holds && roll(i, 0, 2)%4 == 0 {
			day := data.NewDate(asOf.Y, asOf.M, 1)
			a := data.Activity{MemberID: pe.m.ID, Kind: data.ActivityLesson, Date: day, Content: "为本支部党员讲授专题党课"}
			if _, err := tx.SaveActivity(data.RoleOffice, a); err != nil {
				return err
			}
		}
	}
	return nil
}
