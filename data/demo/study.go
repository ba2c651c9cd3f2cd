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

// selfStudyLimit: a demo bigger than this gets study records from its
// meetings only (a record per member and month would swamp it).
const selfStudyLimit = 3000

// writeStudy gives the demo its 学习积分: each 党课 and 支部党员大会 of the
// AsOf year turned into study records of the members present, some
// members' own study (自学 or 线上, seeded), and a few 讲党课 and
// 志愿服务 activities, so the rankings differ and tie here and there.
func (p *plan) writeStudy(tx *data.Tx, seed uint64, asOf data.Date) error {
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
