package ui

// 学习积分, tab 知识竞赛: the question bank (imported, listed), a quiz
// taken on this PC by a member picked from the roster — one question at a
// time, a timer if set, the score at the end, the answers kept, points
// earned — a printed paper and its key, and the results with a summary
// per quiz (participants per branch, average, the hardest questions).

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/data/questionimport"
	"dangjian/data/sheet"
	"dangjian/jobs"
	"dangjian/report"
)

// quizTab is the 知识竞赛 tab's state.
type quizTab struct {
	bank       []data.Question
	bankInfo   *widget.Label
	bankList   *textTable
	results    []data.QuizResult
	resPrintBt *widget.Button // prints the results listed, with each quiz's summary
	resList    *textTable
	stats      *widget.Label

	importQBt, startBt, paperBt, addQBt, editQBt, delQBt *widget.Button
	qSel                                                 int // selected bank row, -1 none

	editor *questionEditor // the open question editor, for tests

	start   *quizStartDialog // the open 开始答题 dialog, for tests
	session *quizSession     // the quiz being taken, for tests
}

func (s *studyScreen) buildQuiz() fyne.CanvasObject {
	q := &s.quiz
	q.bankInfo = widget.NewLabel("")
	q.bankList = newTextTable([]string{"题型", "题目", "答案", "分值", "类别"}, []float32{50, 320, 60, 50, 90})
	q.bankList.setFreeText(1)
	q.resList = newTextTable([]string{"日期", "姓名", "党支部", "竞赛名称", "得分"}, []float32{100, 70, 130, 160, 80})
	q.resList.setFreeText(3)
	q.stats = widget.NewLabel("")
	q.stats.Wrapping = fyne.TextWrapWord
	q.importQBt = widget.NewButtonWithIcon("导入题库", theme.UploadIcon(), func() { s.importQuestions() })
	q.startBt = widget.NewButtonWithIcon("开始答题", theme.MediaPlayIcon(), func() { s.openQuizStart() })
	q.startBt.Importance = widget.HighImportance
	q.paperBt = widget.NewButtonWithIcon("打印试卷", theme.DocumentPrintIcon(), func() { s.openQuizPaper() })
	q.qSel = -1
	q.bankList.OnSelect = func(i int) { q.qSel = i; s.quizButtons() }
	q.addQBt = widget.NewButtonWithIcon("新增题目", theme.ContentAddIcon(), func() { s.editQuestion(data.Question{Kind: data.QuestionSingle}) })
	q.editQBt = widget.NewButtonWithIcon("修改", theme.DocumentCreateIcon(), func() {
		if q.qSel >= 0 && q.qSel < len(q.bank) {
			s.editQuestion(q.bank[q.qSel])
		}
	})
	q.delQBt = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), func() { s.deleteQuestion() })
	left := container.NewBorder(container.NewVBox(container.NewHBox(q.startBt, q.paperBt, q.importQBt, q.addQBt, q.editQBt, q.delQBt),
		q.bankInfo), nil, nil, nil, q.bankList)
	stats := container.NewVSplit(q.resList, container.NewVScroll(q.stats))
	stats.Offset = 0.7
	q.resPrintBt = widget.NewButtonWithIcon("打印成绩", theme.DocumentPrintIcon(), func() { s.printQuizResults() })
	right := container.NewBorder(container.NewHBox(bold("竞赛成绩"), layout.NewSpacer(), q.resPrintBt), nil, nil, nil, stats)
	split := container.NewHSplit(left, right)
	split.Offset = 0.5
	return split
}

func (s *studyScreen) loadQuiz() {
	q := &s.quiz
	ctx := s.sh.ctx
	bank, err := s.sh.store.Questions(ctx, "")
	if err != nil {
		s.sh.showError(err)
		return
	}
	q.bank = bank
	cats := map[string]int{}
	rows := make([][]string, len(bank))
	for i, x := range bank {
		rows[i] = []string{x.Kind, x.Question, x.Answer, x.Points.String(), x.Category}
		cats[x.Category]++
	}
	q.bankList.setRows(rows)
	var parts []string
	for _, c := range sortedKeys(cats) {
		name := c
		if name == "" {
			name = "未分类"
		}
		parts = append(parts, fmt.Sprintf("%s %d 道", name, cats[c]))
	}
	info := fmt.Sprintf("题库共 %d 道题", len(bank))
	if len(parts) > 0 {
		info += "：" + strings.Join(parts, "，")
	}
	q.bankInfo.SetText(info + "。")
	if len(bank) == 0 {
		q.startBt.Disable()
		q.paperBt.Disable()
	} else {
		q.startBt.Enable()
		q.paperBt.Enable()
	}
	for _, b := range []*widget.Button{q.importQBt, q.addQBt, q.editQBt, q.delQBt} {
		if s.role.Office {
			b.Show()
		} else {
			b.Hide()
		}
	}
	q.qSel = -1
	s.quizButtons()

	res, err := s.sh.store.QuizResults(ctx, 0)
	if err != nil {
		s.sh.showError(err)
		return
	}
	from, to := s.period().Span()
	branch := s.branchID()
	q.results = nil
	for _, r := range res {
		if (branch != 0 && r.BranchID != branch) || (!from.IsZero() && (r.Date.Before(from) || r.Date.After(to))) {
			continue
		}
		q.results = append(q.results, r)
	}
	rrows := make([][]string, len(q.results))
	for i, r := range q.results {
		rrows[i] = []string{r.Date.String(), r.Name, s.units[r.BranchID], r.Title, data.ScorePair(r.Score, r.MaxScore)}
	}
	q.resList.setRows(rrows)
	q.stats.SetText(s.quizStats())
}

// quizStats sums up each quiz of the results shown: how many took part in
// each branch, the average, and the questions most often missed.
func (s *studyScreen) quizStats() string {
	q := &s.quiz
	if len(q.results) == 0 {
		return "所选期间还没有竞赛成绩。"
	}
	var out []string
	for _, sum := range data.SummarizeQuizResults(q.results) {
		out = append(out, sum.Text(func(id int64) string { return s.units[id] }, s.questionText))
	}
	return strings.Join(out, "\n")
}

// questionText is a question of the bank by its id ("" when it is gone).
func (s *studyScreen) questionText(id int64) string {
	for _, x := range s.quiz.bank {
		if x.ID == id {
			return x.Question
		}
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// categories are the bank's categories for a choice, "全部类别" first.
func (s *studyScreen) categories() []string {
	seen := map[string]bool{}
	out := []string{"全部类别"}
	for _, x := range s.quiz.bank {
		if x.Category != "" && !seen[x.Category] {
			seen[x.Category] = true
			out = append(out, x.Category)
		}
	}
	return out
}

// ---- the quiz's parameters (shared by 开始答题 and 打印试卷) ----

type quizParams struct {
	title    *widget.Entry
	category *widget.Select
	count    *widget.Entry
	seed     *widget.Entry
}

func (s *studyScreen) newQuizParams(f *fieldForm) *quizParams {
	p := &quizParams{title: widget.NewEntry(), category: newSelect(s.categories(), nil), count: widget.NewEntry(), seed: widget.NewEntry()}
	p.title.SetText("知识竞赛")
	p.category.SetSelectedIndex(0)
	p.count.SetText(strconv.Itoa(min(10, len(s.quiz.bank))))
	p.seed.SetPlaceHolder("不填：按题库顺序出题，每人同一套题")
	f.add("title", "竞赛名称", p.title)
	f.add("category", "题目类别", p.category)
	f.add("count", "题目数量", p.count)
	f.add("seed", "随机抽题编号", p.seed)
	return p
}

// draw draws the quiz the parameters describe; problems name their field.
func (s *studyScreen) drawQuiz(p *quizParams) (data.Quiz, error) {
	var is data.Issues
	title := strings.TrimSpace(p.title.Text)
	if title == "" {
		is.Err("title", "请填写竞赛名称")
	}
	n, err := strconv.Atoi(strings.TrimSpace(p.count.Text))
	if err != nil || n <= 0 {
		is.Err("count", "题目数量应为正整数")
	}
	var seed int64
	if t := strings.TrimSpace(p.seed.Text); t != "" {
		if seed, err = strconv.ParseInt(t, 10, 64); err != nil {
			is.Err("seed", "随机抽题编号应为整数")
		}
	}
	if err := is.AsError(); err != nil {
		return data.Quiz{}, err
	}
	cat := p.category.Selected
	if p.category.SelectedIndex() <= 0 {
		cat = ""
	}
	q, err := data.DrawQuiz(s.quiz.bank, cat, n, seed)
	if err != nil {
		return q, &data.ValidationError{Errors: []data.FieldIssue{{Field: "count", Msg: err.Error()}}}
	}
	q.Title = title
	return q, nil
}

// ---- 开始答题 ----

type quizStartDialog struct {
	fd      *formDialog
	form    *fieldForm
	member  *widget.Select
	ids     []int64
	params  *quizParams
	minutes *widget.Entry
}

func (s *studyScreen) openQuizStart() {
	if s.needBranch() {
		return
	}
	ms, err := s.sh.store.Members(s.sh.ctx, data.MemberFilter{Roster: data.RosterActive, BranchID: s.branchID()})
	if err != nil {
		s.sh.showError(err)
		return
	}
	d := &quizStartDialog{form: newFieldForm(), minutes: widget.NewEntry()}
	var names []string
	for _, m := range ms {
		names = append(names, m.Name)
		d.ids = append(d.ids, m.ID)
	}
	d.member = newSelect(names, nil)
	d.form.add("member_id", "答题党员", d.member)
	d.params = s.newQuizParams(d.form)
	d.minutes.SetPlaceHolder("不填：不限时")
	d.form.add("minutes", "限时（分钟）", d.minutes)
	s.quiz.start = d
	d.fd = showFormDialog(s.sh.win, "开始答题（"+s.units[s.branchID()]+"）", "开始", d.form,
		"在本机上逐题作答，交卷后当场显示得分，成绩和每题答案记入该党员名下并计入学习积分。", func() error {
			var is data.Issues
			if d.member.SelectedIndex() < 0 {
				is.Err("member_id", "请选择答题的党员")
			}
			mins := 0
			if t := strings.TrimSpace(d.minutes.Text); t != "" {
				var err error
				if mins, err = strconv.Atoi(t); err != nil || mins <= 0 || mins > 240 {
					is.Err("minutes", "限时应为 1 至 240 分钟")
				}
			}
			if err := is.AsError(); err != nil {
				return err
			}
			q, err := s.drawQuiz(d.params)
			if err != nil {
				return err
			}
			i := d.member.SelectedIndex()
			// Closed first: removing a dialog also removes those shown above it.
			d.fd.hide()
			s.runQuiz(q, d.ids[i], d.member.Options[i], time.Duration(mins)*time.Minute)
			return nil
		})
}

// quizSession is a quiz on screen: one question at a time.
type quizSession struct {
	s        *studyScreen
	quiz     data.Quiz
	memberID int64
	name     string
	idx      int
	answers  map[int64]string
	d        *dialog.CustomDialog
	progress *widget.Label
	question *widget.Label
	timeLbl  *widget.Label
	choices  *fyne.Container
	radio    *widget.RadioGroup
	checks   *widget.CheckGroup
	prev     *widget.Button
	next     *widget.Button
	submit   *widget.Button
	stop     chan struct{}
	done     bool
	result   data.QuizResult // after submitting
}

func (s *studyScreen) runQuiz(q data.Quiz, memberID int64, name string, limit time.Duration) {
	qs := &quizSession{s: s, quiz: q, memberID: memberID, name: name, answers: map[int64]string{},
		progress: widget.NewLabel(""), question: widget.NewLabel(""), timeLbl: widget.NewLabel(""), choices: container.NewVBox()}
	qs.question.Wrapping = fyne.TextWrapWord
	qs.question.TextStyle.Bold = true
	qs.question.SizeName = theme.SizeNameSubHeadingText
	qs.prev = widget.NewButtonWithIcon("上一题", theme.NavigateBackIcon(), func() { qs.keep(); qs.show(qs.idx - 1) })
	qs.next = widget.NewButtonWithIcon("下一题", theme.NavigateNextIcon(), func() { qs.keep(); qs.show(qs.idx + 1) })
	qs.submit = widget.NewButtonWithIcon("交卷", theme.ConfirmIcon(), func() { qs.keep(); qs.confirmSubmit() })
	qs.submit.Importance = widget.HighImportance
	head := container.NewBorder(nil, nil, qs.progress, qs.timeLbl)
	body := container.NewBorder(container.NewVBox(head, widget.NewSeparator(), qs.question), container.NewHBox(qs.prev, qs.next,
		layout.NewSpacer(), qs.submit), nil, nil, container.NewVScroll(qs.choices))
	qs.d = dialog.NewCustomWithoutButtons(q.Title+" — "+name, body, s.sh.win)
	qs.d.Resize(fyne.NewSize(760, 480))
	s.quiz.session = qs
	qs.show(0)
	qs.d.Show()
	if limit > 0 {
		qs.stop = make(chan struct{})
		end := time.Now().Add(limit)
		qs.timeLbl.SetText("剩余 " + limit.Round(time.Second).String())
		go func() {
			t := time.NewTicker(time.Second)
			defer t.Stop()
			for {
				select {
				case <-qs.stop:
					return
				case now := <-t.C:
					left := end.Sub(now)
					fyne.Do(func() {
						if qs.done {
							return
						}
						if left <= 0 {
							qs.keep()
							qs.finish("时间到，已自动交卷。")
							return
						}
						qs.timeLbl.SetText(fmt.Sprintf("剩余 %d:%02d", int(left.Minutes()), int(left.Seconds())%60))
					})
				}
			}
		}()
	}
}

// show puts question i on screen with the answer given so far.
func (qs *quizSession) show(i int) {
	n := len(qs.quiz.Questions)
	i = max(0, min(i, n-1))
	qs.idx = i
	x := qs.quiz.Questions[i]
	qs.progress.SetText(fmt.Sprintf("第 %d / %d 题（%s，%s 分）", i+1, n, x.Kind, x.Points))
	qs.question.SetText(x.Question)
	given := qs.answers[x.ID]
	qs.radio, qs.checks = nil, nil
	switch x.Kind {
	case data.QuestionMulti:
		var labels, sel []string
		for j, o := range x.Options {
			l := data.OptionLetter(j) + ". " + o
			labels = append(labels, l)
			if strings.Contains(given, data.OptionLetter(j)) {
				sel = append(sel, l)
			}
		}
		qs.checks = widget.NewCheckGroup(labels, nil)
		qs.checks.SetSelected(sel)
		qs.choices.Objects = []fyne.CanvasObject{widget.NewLabel("（多选：选出全部正确的选项）"), qs.checks}
	case data.QuestionJudge:
		qs.radio = widget.NewRadioGroup([]string{"对", "错"}, nil)
		qs.radio.Horizontal = true
		qs.radio.SetSelected(given)
		qs.choices.Objects = []fyne.CanvasObject{qs.radio}
	default:
		var labels []string
		sel := ""
		for j, o := range x.Options {
			l := data.OptionLetter(j) + ". " + o
			labels = append(labels, l)
			if given == data.OptionLetter(j) {
				sel = l
			}
		}
		qs.radio = widget.NewRadioGroup(labels, nil)
		qs.radio.SetSelected(sel)
		qs.choices.Objects = []fyne.CanvasObject{qs.radio}
	}
	qs.choices.Refresh()
	if i == 0 {
		qs.prev.Disable()
	} else {
		qs.prev.Enable()
	}
	if i == n-1 {
		qs.next.Disable()
	} else {
		qs.next.Enable()
	}
}

// keep records the answer on screen.
func (qs *quizSession) keep() {
	x := qs.quiz.Questions[qs.idx]
	switch {
	case qs.checks != nil:
		var letters []string
		for _, l := range qs.checks.Selected {
			letters = append(letters, l[:1])
		}
		qs.answers[x.ID] = data.NormAnswer(x.Kind, strings.Join(letters, ""))
	case qs.radio != nil && qs.radio.Selected != "":
		if x.Kind == data.QuestionJudge {
			qs.answers[x.ID] = qs.radio.Selected
		} else {
			qs.answers[x.ID] = qs.radio.Selected[:1]
		}
	default:
		delete(qs.answers, x.ID)
	}
}

// confirmSubmit asks first when questions are left unanswered.
func (qs *quizSession) confirmSubmit() {
	blank := 0
	for _, x := range qs.quiz.Questions {
		if qs.answers[x.ID] == "" {
			blank++
		}
	}
	if blank == 0 {
		qs.finish("")
		return
	}
	dialog.ShowConfirm("交卷", fmt.Sprintf("还有 %d 道题没有作答，确定交卷吗？", blank), func(ok bool) {
		if ok {
			qs.finish("")
		}
	}, qs.s.sh.win)
}

// finish scores the quiz, keeps the result and shows the score.
func (qs *quizSession) finish(note string) {
	if qs.done {
		return
	}
	qs.done = true
	if qs.stop != nil {
		close(qs.stop)
	}
	s := qs.s
	score, answers := data.ScoreQuiz(qs.quiz, qs.answers)
	r, err := s.sh.store.SaveQuizResult(s.sh.ctx, s.role, data.QuizResult{MemberID: qs.memberID, Date: s.sh.store.Today(),
		Title: qs.quiz.Title, Score: score, MaxScore: qs.quiz.MaxScore(), Answers: answers})
	qs.d.Hide()
	if err != nil {
		s.sh.showError(fmt.Errorf("成绩未能保存：%w", err))
		return
	}
	qs.result = r
	right := 0
	for _, a := range answers {
		if a.Right {
			right++
		}
	}
	msg := fmt.Sprintf("%s 的得分：%s 分（满分 %s 分），答对 %d / %d 题。成绩已记入学习积分。", qs.name, score, qs.quiz.MaxScore(), right, len(answers))
	if note != "" {
		msg = note + "\n" + msg
	}
	s.reload()
	dialog.ShowInformation("交卷完成", msg, s.sh.win)
}

// ---- 打印试卷 ----

func (s *studyScreen) openQuizPaper() {
	f := newFieldForm()
	p := s.newQuizParams(f)
	withKey := widget.NewCheck("另附答案（单独成页）", nil)
	f.add("answers", "答案", withKey)
	var fd *formDialog
	fd = showFormDialog(s.sh.win, "打印知识竞赛试卷", "打印", f,
		"同样的类别、数量和随机抽题编号抽出同一套题：录入纸质答卷的成绩时按同样的设置在“开始答题”中作答即可。", func() error {
			q, err := s.drawQuiz(p)
			if err != nil {
				return err
			}
			cat := q.Category
			o := jobs.QuizPrint{Title: q.Title, Category: cat, Count: len(q.Questions), Seed: q.Seed, Answers: withKey.Checked}
			fd.hide() // before the job's progress dialog, which closing it would take along
			s.sh.printJob(q.Title+"-试卷", func(out string, pr jobs.Progress) (jobs.Done, error) {
				o.Out = out
				return jobs.PrintQuiz(s.sh.ctx, s.sh.store, o, pr)
			})
			return nil
		})
}

// ---- 导入题库 ----

func (s *studyScreen) importQuestions() { chooseSheet(s.sh, s.previewQuestions) }

func (s *studyScreen) previewQuestions(path string) {
	sh := s.sh
	var book *sheet.Sheet
	var p *questionimport.Plan
	sh.runJob("读取题库 "+filepath.Base(path), func(pr jobs.Progress) (jobs.Done, error) {
		var err error
		book, p, err = jobs.PreviewQuestions(sh.ctx, sh.store, path, pr)
		return jobs.Done{}, err
	}, func(jobs.Done) {
		adds := newTextTable([]string{"行号", "题型", "题目", "答案", "分值", "类别"}, []float32{60, 50, 320, 60, 50, 90})
		var rows [][]string
		for _, a := range p.Adds {
			q := a.Question
			rows = append(rows, []string{strconv.Itoa(a.Row), q.Kind, q.Question, q.Answer, q.Points.String(), q.Category})
		}
		adds.setRows(rows)
		showImportPreview(sh.win, importPreview{
			title:   "导入知识竞赛题库（预览，尚未写入）",
			summary: fmt.Sprintf("文件：%s\n可导入 %d 道，不能导入 %d 行（题目为空、答案不在选项中、题目重复等）。", filepath.Base(path), len(p.Adds), p.RejectedRows()),
			adds:    adds, nAdds: len(p.Adds), rejected: p.Rejected, warnings: p.Warnings, skipped: p.Skipped,
			apply: func(m sheet.Mode) {
				sh.applyImport("题目", func(pr jobs.Progress) (sheet.Result, error) {
					return jobs.ApplyQuestions(sh.ctx, sh.store, book, m, pr)
				}, func(res sheet.Result) {
					dialog.ShowInformation("导入完成", fmt.Sprintf("已导入 %d 道题目。", res.Imported), sh.win)
					s.reload()
				})
			},
		})
	})
}

func (s *studyScreen) quizButtons() {
	q := &s.quiz
	if q.qSel >= 0 && q.qSel < len(q.bank) {
		q.editQBt.Enable()
		q.delQBt.Enable()
	} else {
		q.editQBt.Disable()
		q.delQBt.Disable()
	}
}

// ---- editing the bank (office) ----

type questionEditor struct {
	fd       *formDialog
	form     *fieldForm
	kind     *widget.Select
	question *widget.Entry
	options  *widget.Entry // one option a line
	answer   *widget.Entry
	points   *widget.Entry
	category *widget.SelectEntry
}

func (s *studyScreen) editQuestion(q data.Question) {
	e := &questionEditor{form: newFieldForm(), kind: newSelect(data.QuestionKinds, nil), question: widget.NewMultiLineEntry(),
		options: widget.NewMultiLineEntry(), answer: widget.NewEntry(), points: widget.NewEntry(),
		category: widget.NewSelectEntry(s.categories()[1:])}
	e.kind.SetSelected(q.Kind)
	e.question.SetText(q.Question)
	e.question.Wrapping = fyne.TextWrapWord
	e.question.SetMinRowsVisible(2)
	e.options.SetText(strings.Join(q.Options, "\n"))
	e.options.SetMinRowsVisible(4)
	e.options.SetPlaceHolder("每行一个选项，依次为 A、B、C……（判断题不填）")
	e.answer.SetText(q.Answer)
	e.answer.SetPlaceHolder("如 A；多选如 ACD；判断题填 对 或 错")
	if q.Points > 0 {
		e.points.SetText(q.Points.String())
	} else {
		e.points.SetText("2")
	}
	e.category.SetText(q.Category)
	e.form.add("kind", "题型", e.kind)
	e.form.add("question", "题目", e.question)
	e.form.add("options", "选项", e.options)
	e.form.add("answer", "答案", e.answer)
	e.form.add("points", "分值", e.points)
	e.form.add("category", "类别", e.category)
	s.quiz.editor = e
	title := "新增题目"
	if q.ID != 0 {
		title = "修改题目"
	}
	e.fd = showFormDialog(s.sh.win, title, "保存", e.form, "", func() error {
		x := data.Question{ID: q.ID, Kind: e.kind.Selected, Question: e.question.Text, Answer: e.answer.Text, Category: e.category.Text}
		for _, l := range strings.Split(e.options.Text, "\n") {
			x.Options = append(x.Options, strings.TrimSpace(l))
		}
		p, err := data.ParsePoints(e.points.Text)
		if err != nil {
			return &data.ValidationError{Errors: []data.FieldIssue{{Field: "points", Msg: err.Error()}}}
		}
		x.Points = p
		if _, err := s.sh.store.SaveQuestion(s.sh.ctx, s.role, x); err != nil {
			return err
		}
		s.reload()
		return nil
	})
}

func (s *studyScreen) deleteQuestion() {
	q := &s.quiz
	if q.qSel < 0 || q.qSel >= len(q.bank) {
		return
	}
	x := q.bank[q.qSel]
	dialog.ShowConfirm("删除题目", fmt.Sprintf("从题库中删除“%s”？已有的竞赛成绩不受影响。", sheet.Clip(x.Question, 24)), func(ok bool) {
		if !ok {
			return
		}
		if err := s.sh.store.DeleteQuestion(s.sh.ctx, s.role, x.ID); err != nil {
			s.sh.showError(err)
			return
		}
		s.reload()
	}, s.sh.win)
}

// printQuizResults prints the results as listed (branch and period chosen
// above) with the same summary the screen shows.
func (s *studyScreen) printQuizResults() {
	sh, results, branch, period := s.sh, s.quiz.results, s.branchID(), s.period().String()
	sh.printJob(report.QuizResultsTitle, func(out string, p jobs.Progress) (jobs.Done, error) {
		return jobs.PrintQuizResults(sh.ctx, sh.store, results, branch, period, out, p)
	})
}
