package report

// 知识竞赛 prints: the paper (questions grouped 单选, 多选, 判断, with a
// line for the name, branch and score) and, on pages of its own with their
// own numbering, the answer key.

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"dangjian/data"
)

// QuizOptions shape a quiz paper.
type QuizOptions struct {
	Org     string
	Title   string // "党章党规知识竞赛"; "" is 知识竞赛试卷
	Answers bool   // add the answer key after the paper
	Created time.Time
}

var quizSections = []struct{ kind, title string }{
	{data.QuestionSingle, "单项选择题"}, {data.QuestionMulti, "多项选择题"}, {data.QuestionJudge, "判断题"},
}

var chineseNumerals = []string{"一", "二", "三", "四", "五", "六"}

// QuizPaper prints the paper, and with o.Answers the answer key.
func QuizPaper(w io.Writer, q data.Quiz, o QuizOptions) error {
	title := o.Title
	if title == "" {
		title = "知识竞赛试卷"
	}
	meta := Meta{Title: title, Org: o.Org, Created: o.Created, Subject: title, Keywords: "知识竞赛"}
	body := TextStyle{Size: SizeXiaoSi, Leading: 1.5}
	opt := TextStyle{Size: SizeWu, Leading: 1.5, Indent: 6}
	_, err := Render(w, Portrait, meta, func(d *Doc) error {
		d.Title(title)
		d.Text(fmt.Sprintf("共 %d 题，满分 %s 分", len(q.Questions), q.MaxScore()), TextStyle{Size: SizeWu, Align: AlignCenter})
		d.Space(2)
		signLines(d, "姓名：", "党支部：", "得分：")
		d.Space(4)
		n, sec := 0, 0
		for _, s := range quizSections {
			var list []data.Question
			for _, x := range q.Questions {
				if x.Kind == s.kind {
					list = append(list, x)
				}
			}
			if len(list) == 0 {
				continue
			}
			d.Heading(fmt.Sprintf("%s、%s（%s）", chineseNumerals[sec], s.title, pointsNote(list)), 1, 20)
			sec++
			for _, x := range list {
				n++
				text := fmt.Sprintf("%d. %s（%s 分）", n, x.Question, x.Points)
				if x.Kind == data.QuestionJudge {
					text += "　（　　）"
				}
				h := d.TextHeight(text, body)
				for i, o := range x.Options {
					h += d.TextHeight(data.OptionLetter(i)+". "+o, opt)
				}
				d.KeepTogether(h + 2)
				d.Text(text, body)
				for i, o := range x.Options {
					d.Text(data.OptionLetter(i)+". "+o, opt)
				}
				d.Space(2)
			}
		}
		if !o.Answers {
			return nil
		}
		d.NewPage()
		d.RestartPageNumbers()
		d.Title(title + "答案")
		t := d.NewTable([]Column{{Title: "题号", Width: 16, Align: AlignCenter}, {Title: "题型", Width: 22, Align: AlignCenter},
			{Title: "答案", Width: 30, Align: AlignCenter}, {Title: "分值", Width: 18, Align: AlignCenter}, {Title: "题目"}},
			TableStyle{Size: SizeXiaoWu, MinRowHeight: 7})
		n = 0
		for _, s := range quizSections {
			for _, x := range q.Questions {
				if x.Kind != s.kind {
					continue
				}
				n++
				t.Row(strconv.Itoa(n), x.Kind, x.Answer, x.Points.String(), x.Question)
			}
		}
		t.End()
		d.Space(2)
		d.Text("多项选择题须全部选对才得分；判断题答“对”或“错”（√ 或 ×）。", TextStyle{Size: SizeXiaoWu})
		return nil
	})
	return err
}

// pointsNote says what a section's questions are worth: "每题 2 分" when
// they are equal, else "共 12 分".
func pointsNote(list []data.Question) string {
	var sum data.Points
	same := true
	for _, x := range list {
		sum += x.Points
		same = same && x.Points == list[0].Points
	}
	if same {
		return fmt.Sprintf("每题 %s 分，共 %d 题", list[0].Points, len(list))
	}
	return fmt.Sprintf("共 %d 题，%s 分", len(list), sum)
}

// QuizResultsOptions shape the printed 知识竞赛成绩.
type QuizResultsOptions struct {
	Org      string
	Branch   string // "" for every branch
	Period   string // e.g. 2026年
	UnitName func(int64) string
	Question func(int64) string // a question's text by id, for the summary
	AsOf     data.Date
	Created  time.Time
}

// QuizResultsTitle is the printed results' title.
const QuizResultsTitle = "知识竞赛成绩"

// QuizResults prints every result (date, name, branch, quiz, score) and,
// for each quiz, the same summary the screen shows (data.QuizSummary.Text).
func QuizResults(w io.Writer, results []data.QuizResult, o QuizResultsOptions) error {
	if o.AsOf.IsZero() {
		o.AsOf = data.Today()
	}
	if o.UnitName == nil {
		o.UnitName = func(int64) string { return "" }
	}
	if o.Question == nil {
		o.Question = func(int64) string { return "" }
	}
	title := QuizResultsTitle
	if o.Period != "" {
		title = o.Period + title
	}
	meta := Meta{Title: title, Org: o.Org, Created: o.Created, Subject: QuizResultsTitle, Keywords: "知识竞赛 成绩"}
	_, err := Render(w, Portrait, meta, func(d *Doc) error {
		d.Title(title)
		left := orgLine(o.Org)
		if o.Branch != "" {
			left = "党支部：" + o.Branch
		}
		subLine(d, left, "打印日期："+o.AsOf.Chinese())
		d.Heading("一、成绩", 1, 20)
		t := d.NewTable([]Column{{Title: "日期", Width: 24, Align: AlignCenter}, {Title: "姓名", Width: 22}, {Title: "党支部", Width: 40},
			{Title: "竞赛名称"}, {Title: "得分", Width: 24, Align: AlignCenter}}, TableStyle{Size: SizeXiaoWu, MinRowHeight: 7})
		for _, r := range results {
			t.Row(r.Date.String(), r.Name, o.UnitName(r.BranchID), r.Title, data.ScorePair(r.Score, r.MaxScore))
		}
		t.End()
		d.Space(3)
		d.Heading("二、各次竞赛情况", 1, 20)
		var lines []string
		for _, s := range data.SummarizeQuizResults(results) {
			lines = append(lines, s.Text(o.UnitName, o.Question))
		}
		if len(lines) == 0 {
			lines = []string{"所选期间还没有竞赛成绩。"}
		}
		closing(d, lines, "制表人：", "审核人：", "日期：")
		return nil
	})
	return err
}
