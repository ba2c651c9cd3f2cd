package data

// 知识竞赛: the question bank's types and rules (quizzes drawn from it
// come later). A question is 单选, 多选 or 判断; its options are lettered
// A, B, C … in order; the answer is the letters of the right options
// ("A", "ACD") or, for 判断, 对 or 错.

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// Audit entities of the quiz module.
const (
	EntityQuestion   = "question"
	EntityQuizResult = "quiz_result"
)

// Question kinds.
const (
	QuestionSingle = "单选"
	QuestionMulti  = "多选"
	QuestionJudge  = "判断"
)

// QuestionKinds lists the kinds in menu order.
var QuestionKinds = []string{QuestionSingle, QuestionMulti, QuestionJudge}

// MaxOptions is the most options a question has (A–H).
const MaxOptions = 8

// Question is one question of the bank.
type Question struct {
	ID       int64    `json:"id"`
	Kind     string   `json:"kind"`
	Question string   `json:"question"`
	Options  []string `json:"options"`
	Answer   string   `json:"answer"`
	Points   Points   `json:"points"`
	Category string   `json:"category"`
}

// OptionLetter is the letter of option i (0 → A).
func OptionLetter(i int) string { return string(rune('A' + i)) }

// NormQuestionKind reads the kinds banks write: 单选题, 单项选择, 多选题,
// 不定项, 判断题, 是非题 ….
func NormQuestionKind(s string) (string, bool) {
	s = strings.Join(strings.Fields(s), "")
	switch s {
	case "单选", "单选题", "单项选择", "单项选择题", "单择":
		return QuestionSingle, true
	case "多选", "多选题", "多项选择", "多项选择题", "不定项", "不定项选择", "不定项选择题":
		return QuestionMulti, true
	case "判断", "判断题", "是非", "是非题", "对错", "对错题":
		return QuestionJudge, true
	}
	return "", false
}

// NormAnswer reads an answer as written — "a", "A、C", "A,C", "CA",
// "√", "正确", "×", "错误" — into its stored form: sorted letters for a
// choice, 对 or 错 for 判断. It does not check the letters against the
// options (ValidateQuestion does).
func NormAnswer(kind, s string) string {
	s = strings.TrimSpace(FoldWidth(s))
	if kind == QuestionJudge {
		switch s {
		case "对", "正确", "√", "✓", "✔", "是", "T", "t", "Y", "y", "true", "TRUE", "True":
			return "对"
		case "错", "错误", "×", "✗", "✘", "X", "x", "否", "F", "f", "N", "n", "false", "FALSE", "False":
			return "错"
		}
		return s
	}
	seen := map[rune]bool{}
	var letters []rune
	for _, r := range strings.ToUpper(s) {
		if unicode.IsSpace(r) || strings.ContainsRune(",，、;；/", r) {
			continue
		}
		if !seen[r] {
			seen[r] = true
			letters = append(letters, r)
		}
	}
	sort.Slice(letters, func(i, j int) bool { return letters[i] < letters[j] })
	return string(letters)
}

// ValidateQuestion lists what keeps a question from the bank: an empty
// question, too few or too many options, an answer not among the options
// (or several answers to a 单选), no points.
func ValidateQuestion(q Question) []FieldIssue {
	var out []FieldIssue
	if strings.TrimSpace(q.Question) == "" {
		out = append(out, FieldIssue{"question", "题目不能为空"})
	}
	kindOK := containsString(QuestionKinds, q.Kind)
	if !kindOK {
		out = append(out, FieldIssue{"kind", "题型应为单选、多选或判断"})
	}
	if q.Points <= 0 || q.Points > 1000 {
		out = append(out, FieldIssue{"points", "分值应大于 0 且不超过 100"})
	}
	if !kindOK {
		return out
	}
	if q.Kind == QuestionJudge {
		if q.Answer != "对" && q.Answer != "错" {
			out = append(out, FieldIssue{"answer", fmt.Sprintf("判断题的答案应为“对”或“错”，不是“%s”", q.Answer)})
		}
		return out
	}
	opts := TrimOptions(q.Options)
	n := len(opts)
	for i, o := range opts {
		if o == "" {
			out = append(out, FieldIssue{"options", fmt.Sprintf("选项%s是空的", OptionLetter(i))})
		}
	}
	if n < 2 {
		out = append(out, FieldIssue{"options", "选择题至少要有两个选项"})
	}
	if n > MaxOptions {
		out = append(out, FieldIssue{"options", fmt.Sprintf("选项最多 %d 个", MaxOptions)})
	}
	switch {
	case q.Answer == "":
		out = append(out, FieldIssue{"answer", "没有填写答案"})
	case q.Kind == QuestionSingle && len([]rune(q.Answer)) != 1:
		out = append(out, FieldIssue{"answer", fmt.Sprintf("单选题只能有一个答案，不是“%s”", q.Answer)})
	default:
		for _, r := range q.Answer {
			i := int(r - 'A')
			if i < 0 || i >= n || opts[i] == "" {
				out = append(out, FieldIssue{"answer", fmt.Sprintf("答案“%s”不在选项之中（选项为 A–%s）", q.Answer, OptionLetter(max(n, 1)-1))})
				break
			}
		}
	}
	return out
}

// QuestionKey is what makes two questions the same: the text without
// spaces and punctuation differences of width.
func QuestionKey(text string) string {
	return strings.Join(strings.Fields(FoldWidth(text)), "")
}

// TrimOptions trims each option and drops the empty ones at the end (a
// sheet's unused 选项E, 选项F columns).
func TrimOptions(opts []string) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = strings.TrimSpace(o)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// Quiz is a set of questions drawn from the bank.
type Quiz struct {
	Title     string     `json:"title"`
	Category  string     `json:"category,omitempty"`
	Seed      int64      `json:"seed"`
	Questions []Question `json:"questions"`
}

// MaxScore is the sum of the questions' points.
func (q Quiz) MaxScore() Points {
	var p Points
	for _, x := range q.Questions {
		p += x.Points
	}
	return p
}

// DrawQuiz takes count questions of the category ("" any) from the bank:
// with seed 0 the first ones in the bank's order, otherwise a random
// choice that the same seed always repeats. The drawn questions are
// grouped 单选, 多选, 判断 as papers are, keeping their drawn order in a kind.
func DrawQuiz(bank []Question, category string, count int, seed int64) (Quiz, error) {
	var pool []Question
	for _, q := range bank {
		if category == "" || q.Category == category {
			pool = append(pool, q)
		}
	}
	if count <= 0 {
		return Quiz{}, fmt.Errorf("题目数量应大于 0")
	}
	if len(pool) < count {
		what := "题库"
		if category != "" {
			what = "题库中“" + category + "”类"
		}
		return Quiz{}, fmt.Errorf("%s只有 %d 道题，不够抽取 %d 道", what, len(pool), count)
	}
	if seed != 0 {
		// A small LCG: the same seed gives the same paper on every machine.
		x := uint64(seed)
		next := func(n int) int {
			x = x*6364136223846793005 + 1442695040888963407
			return int((x >> 33) % uint64(n))
		}
		for i := len(pool) - 1; i > 0; i-- {
			j := next(i + 1)
			pool[i], pool[j] = pool[j], pool[i]
		}
	}
	picked := append([]Question(nil), pool[:count]...)
	rank := map[string]int{QuestionSingle: 0, QuestionMulti: 1, QuestionJudge: 2}
	sort.SliceStable(picked, func(i, j int) bool { return rank[picked[i].Kind] < rank[picked[j].Kind] })
	return Quiz{Category: category, Seed: seed, Questions: picked}, nil
}

// QuizAnswer is one question's answer as given, and whether it was right.
type QuizAnswer struct {
	QuestionID int64  `json:"question_id"`
	Given      string `json:"given"`
	Right      bool   `json:"right"`
	Points     Points `json:"points"` // earned
}

// ScoreQuiz marks the answers given (by question ID, as written: "a c",
// "√"): a question scores its points only when the answer is exactly
// right (a 多选 missing one option scores nothing).
func ScoreQuiz(q Quiz, given map[int64]string) (Points, []QuizAnswer) {
	var total Points
	out := make([]QuizAnswer, len(q.Questions))
	for i, x := range q.Questions {
		g := NormAnswer(x.Kind, given[x.ID])
		a := QuizAnswer{QuestionID: x.ID, Given: g, Right: g != "" && g == x.Answer}
		if a.Right {
			a.Points = x.Points
			total += x.Points
		}
		out[i] = a
	}
	return total, out
}

// QuizResult is a member's quiz, scored.
type QuizResult struct {
	ID       int64        `json:"id"`
	MemberID int64        `json:"member_id"`
	Name     string       `json:"name"`
	BranchID int64        `json:"branch_id"`
	Date     Date         `json:"date"`
	Title    string       `json:"title"`
	Score    Points       `json:"score"`
	MaxScore Points       `json:"max_score"`
	Answers  []QuizAnswer `json:"answers"`
}

// quizAmount is a result in the quiz rule's unit: the score as tenths of
// a per cent (full marks 1000), so the rule's points are for full marks.
func quizAmount(score, maxScore Points) int {
	if maxScore <= 0 {
		return 0
	}
	return int(score) * 1000 / int(maxScore)
}

// QuizSummary sums up one quiz (results of one title): how many took part
// in each branch, the average score rate and the questions most often
// answered wrong. The screen and the printed results both read it.
type QuizSummary struct {
	Title     string
	Count     int
	PerBranch map[int64]int
	AvgRate   float64    // percent of the full score, averaged over the results
	Hardest   []QuizMiss // most missed first, at most three
}

// QuizMiss is a question and how many got it wrong.
type QuizMiss struct {
	QuestionID int64
	Missed     int
}

// SummarizeQuizResults groups results by quiz title, in the order the
// titles first appear.
func SummarizeQuizResults(results []QuizResult) []QuizSummary {
	var out []QuizSummary
	at := map[string]int{}
	missed := map[string]map[int64]int{}
	sums := map[string]float64{}
	for _, r := range results {
		i, ok := at[r.Title]
		if !ok {
			i = len(out)
			at[r.Title] = i
			out = append(out, QuizSummary{Title: r.Title, PerBranch: map[int64]int{}})
			missed[r.Title] = map[int64]int{}
		}
		out[i].Count++
		out[i].PerBranch[r.BranchID]++
		if r.MaxScore > 0 {
			sums[r.Title] += float64(r.Score) / float64(r.MaxScore) * 100
		}
		for _, a := range r.Answers {
			if !a.Right {
				missed[r.Title][a.QuestionID]++
			}
		}
	}
	for i := range out {
		t := out[i].Title
		out[i].AvgRate = sums[t] / float64(out[i].Count)
		for id, n := range missed[t] {
			out[i].Hardest = append(out[i].Hardest, QuizMiss{id, n})
		}
		sort.Slice(out[i].Hardest, func(a, b int) bool {
			x, y := out[i].Hardest[a], out[i].Hardest[b]
			if x.Missed != y.Missed {
				return x.Missed > y.Missed
			}
			return x.QuestionID < y.QuestionID
		})
		out[i].Hardest = out[i].Hardest[:min(3, len(out[i].Hardest))]
	}
	return out
}

// Text is the summary in one sentence, as the screen and the printed
// results say it; unitName and question name branches and questions.
func (q QuizSummary) Text(unitName, question func(int64) string) string {
	names := map[string]int{}
	for id, n := range q.PerBranch {
		names[unitName(id)] += n
	}
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var branches []string
	for _, k := range keys {
		branches = append(branches, fmt.Sprintf("%s %d 人", k, names[k]))
	}
	line := fmt.Sprintf("%s：参加 %d 人（%s），平均得分率 %.0f%%", q.Title, q.Count, strings.Join(branches, "，"), q.AvgRate)
	var hard []string
	for _, m := range q.Hardest {
		text := []rune(question(m.QuestionID))
		if len(text) > 16 {
			text = append(text[:16:16], '…')
		}
		hard = append(hard, fmt.Sprintf("“%s”（错 %d 人）", string(text), m.Missed))
	}
	if len(hard) > 0 {
		line += "；错得最多：" + strings.Join(hard, "、")
	}
	return line + "。"
}
