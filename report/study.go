package report

// 学习积分 prints: a member's 学习档案 (every study record and every point
// with its source) and a branch's (or everyone's) 积分排名. The numbers are
// data's own (Hours.String, Points.String), as the screen shows them.

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"dangjian/data"
)

// StudyFileOptions shape a 学习档案.
type StudyFileOptions struct {
	Org     string // 党总支 name
	Name    string // the member's name
	Branch  string // the member's branch
	Status  string // 党员状态, shown when the member has left
	Rules   string // the points rules in words (data.RulesText)
	AsOf    data.Date
	Created time.Time
}

// StudyFileTitle is the 学习档案's title.
const StudyFileTitle = "党员学习档案"

// StudyFile prints one member's study records (newest last) and points
// entries, each entry with the record it came from and what the monthly cap
// left of it.
func StudyFile(w io.Writer, recs []data.StudyRecord, entries []data.PointEntry, o StudyFileOptions) error {
	if o.AsOf.IsZero() {
		o.AsOf = data.Today()
	}
	meta := Meta{Title: StudyFileTitle + " " + o.Name, Org: o.Org, Created: o.Created, Subject: StudyFileTitle, Keywords: "学习 积分"}
	_, err := Render(w, Portrait, meta, func(d *Doc) error {
		d.Title(StudyFileTitle)
		subLine(d, "党支部："+o.Branch, "打印日期："+o.AsOf.Chinese())
		var hours data.Hours
		for _, r := range recs {
			hours += r.Hours
		}
		var total, study data.Points
		for _, e := range entries {
			total += e.Counted
			if e.Kind == data.RuleStudyHour || e.Kind == data.RuleQuiz {
				study += e.Counted
			}
		}
		who := "姓名：" + o.Name
		if data.InHistory(o.Status) {
			who += "（" + o.Status + "，不参加积分排名）"
		}
		d.Text(fmt.Sprintf("%s　学习记录 %d 条，合计 %s 学时；积分合计 %s 分，其中学习积分 %s 分。", who, len(recs), hours, total, study),
			TextStyle{Size: SizeWu, Leading: 1.6})
		d.Space(2)
		d.Heading("一、学习记录", 1, 20)
		if len(recs) == 0 {
			d.Text("没有学习记录。", TextStyle{Size: SizeWu})
		} else {
			t := d.NewTable([]Column{{Title: "序号", Width: 10, Align: AlignCenter}, {Title: "学习日期", Width: 24, Align: AlignCenter},
				{Title: "学习内容"}, {Title: "学时", Width: 12, Align: AlignCenter}, {Title: "学习形式", Width: 20, Align: AlignCenter},
				{Title: "组织者", Width: 30}}, TableStyle{Size: SizeXiaoWu, MinRowHeight: 7})
			for i := range recs {
				r := recs[len(recs)-1-i] // oldest first
				t.Row(strconv.Itoa(i+1), r.Date.String(), r.Content, r.Hours.String(), r.Form, r.Organiser)
			}
			t.Total(Cell{Text: "合计", Span: 3, Align: AlignCenter}, Cell{Text: hours.String()}, Cell{}, Cell{})
			t.End()
		}
		d.Space(3)
		d.Heading("二、积分明细", 1, 20)
		if len(entries) == 0 {
			d.Text("没有积分记录。", TextStyle{Size: SizeWu})
		} else {
			t := d.NewTable([]Column{{Title: "序号", Width: 10, Align: AlignCenter}, {Title: "日期", Width: 24, Align: AlignCenter},
				{Title: "项目", Width: 22, Align: AlignCenter}, {Title: "来源记录"}, {Title: "按规则", Width: 16, Align: AlignCenter},
				{Title: "计入", Width: 14, Align: AlignCenter}}, TableStyle{Size: SizeXiaoWu, MinRowHeight: 7})
			for i, e := range entries {
				src := e.Title
				if e.Counted < e.Raw {
					src += "（超出每月上限部分不计）"
				}
				t.Row(strconv.Itoa(i+1), e.Date.String(), data.PointsRuleLabel(e.Kind), src, e.Raw.String(), e.Counted.String())
			}
			t.Total(Cell{Text: "合计", Span: 5, Align: AlignCenter}, Cell{Text: total.String()})
			t.End()
		}
		var notes []string
		if o.Rules != "" {
			notes = append(notes, "积分规则："+o.Rules+"。")
		}
		closing(d, notes, "党支部书记（签字）：", "日期：")
		return nil
	})
	return err
}

// PointsRankingOptions shape a 积分排名.
type PointsRankingOptions struct {
	Org     string
	Branch  string // "" for everyone on the roster
	Rules   string
	AsOf    data.Date
	Created time.Time
}

// PointsRankingTitle is the ranking's title for a period.
func PointsRankingTitle(p data.RankPeriod) string {
	return "党员积分排名（" + p.String() + "）"
}

// PointsRanking prints the 综合排名 and the 学习排名 one after the other.
func PointsRanking(w io.Writer, r data.Rankings, o PointsRankingOptions) error {
	if o.AsOf.IsZero() {
		o.AsOf = data.Today()
	}
	title := PointsRankingTitle(r.Period)
	meta := Meta{Title: title, Org: o.Org, Created: o.Created, Subject: title, Keywords: "积分 排名"}
	_, err := Render(w, Portrait, meta, func(d *Doc) error {
		d.Title(title)
		left := orgLine(o.Org)
		if o.Branch != "" {
			left = "党支部：" + o.Branch
		}
		subLine(d, left, "统计截至："+o.AsOf.Chinese())
		d.Heading("一、综合排名", 1, 20)
		t := d.NewTable([]Column{{Title: "名次", Width: 16, Align: AlignCenter}, {Title: "姓名", Width: 30}, {Title: "党支部"},
			{Title: "积分", Width: 24, Align: AlignCenter}}, TableStyle{Size: SizeXiaoWu, MinRowHeight: 7})
		for _, x := range r.Overall {
			t.Row(strconv.Itoa(x.Rank), x.Name, x.Branch, x.Points.String())
		}
		t.End()
		d.Space(3)
		d.Heading("二、学习排名", 1, 20)
		t = d.NewTable([]Column{{Title: "名次", Width: 16, Align: AlignCenter}, {Title: "姓名", Width: 30}, {Title: "党支部"},
			{Title: "学习积分", Width: 24, Align: AlignCenter}, {Title: "学时", Width: 20, Align: AlignCenter}},
			TableStyle{Size: SizeXiaoWu, MinRowHeight: 7})
		for _, x := range r.Study {
			t.Row(strconv.Itoa(x.Rank), x.Name, x.Branch, x.Points.String(), x.Hours.String())
		}
		t.End()
		notes := []string{"积分相同的名次并列；不在册的党员（转出、停止党籍等）不参加排名。"}
		if o.Rules != "" {
			notes = append(notes, "积分规则："+o.Rules+"。")
		}
		closing(d, notes, "制表人：", "审核人：", "日期：")
		return nil
	})
	return err
}
