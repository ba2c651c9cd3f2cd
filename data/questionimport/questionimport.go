// Package questionimport imports a 知识竞赛 question bank: one row per
// question with 题型, 题目, the options (选项A, 选项B … in their own
// columns, or all in one 选项 cell as "A.… B.…" or one per line), 答案,
// 分值 and 类别. A row whose question is empty, whose answer is not among
// its options, or whose question is in the bank or earlier in the file
// already, is rejected with the reason.
//
// It works like the other sheet imports: read (ReadFile), preview
// (PlanImport: writes nothing), apply (Apply: planned again inside one
// transaction, all or nothing for the database).
package questionimport

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"dangjian/data"
	"dangjian/data/sheet"
)

// Result is what Apply wrote, in the other imports' shape (and JSON).
type Result = sheet.Result

const (
	colKind     = "kind"
	colQuestion = "question"
	colOptions  = "options" // all options in one cell
	colAnswer   = "answer"
	colPoints   = "points"
	colCategory = "category"
	colIgnore   = "-"
)

func optCol(i int) string { return "opt:" + data.OptionLetter(i) }

var keyLabels = map[string]string{colKind: "题型", colQuestion: "题目", colOptions: "选项", colAnswer: "答案",
	colPoints: "分值", colCategory: "类别"}

var synonyms = func() map[string]string {
	m := map[string]string{}
	add := func(key string, names ...string) {
		for _, n := range names {
			m[sheet.NormHeader(n)] = key
		}
	}
	add(colKind, "题型", "题目类型", "类型", "试题类型")
	add(colQuestion, "题目", "题干", "试题", "问题", "题目内容", "试题内容")
	add(colOptions, "选项", "备选答案", "答案选项")
	add(colAnswer, "答案", "正确答案", "标准答案", "参考答案")
	add(colPoints, "分值", "分数", "每题分值")
	add(colCategory, "类别", "分类", "题目类别", "知识点", "类型分类", "所属类别")
	add(colIgnore, "序号", "编号", "题号", "解析", "答案解析", "备注", "难度")
	for i := 0; i < data.MaxOptions; i++ {
		l := data.OptionLetter(i)
		add(optCol(i), "选项"+l, l, l+"选项", "选项"+strings.ToLower(l))
	}
	return m
}()

func headerKey(raw string) (string, bool) { return sheet.MatchHeader(raw, synonyms) }

func findHeader(rows [][]string) (int, bool) {
	best, bestN := -1, 0
	for i := 0; i < len(rows) && i < sheet.HeaderScan; i++ {
		seen := map[string]bool{}
		for _, c := range rows[i] {
			if k, ok := headerKey(c); ok && k != colIgnore {
				seen[k] = true
			}
		}
		if seen[colQuestion] && seen[colAnswer] && len(seen) > bestN {
			best, bestN = i, len(seen)
		}
	}
	return best, best >= 0
}

var headerRule = sheet.HeaderRule{Find: findHeader, Noun: "题库",
	NotFound: func(name string) error {
		return fmt.Errorf("在“%s”的前 %d 行中没有找到题库的表头。表头行应包含“题目”和“答案”；常用的列名有：题型、题目、选项A、选项B、选项C、选项D、答案、分值、类别。"+
			"请检查表头是否写错，或删去表头上方多余的行后再导入", name, sheet.HeaderScan)
	}}

// ReadFile reads a question bank, .xlsx or .csv.
func ReadFile(path string, progress data.Progress) (*sheet.Sheet, error) {
	return sheet.ReadFile(path, progress, headerRule)
}

// ReadBytes is ReadFile for a file already in memory.
func ReadBytes(name string, b []byte) (*sheet.Sheet, error) {
	return sheet.ReadBytes(name, b, headerRule)
}

// Row is a question the import adds.
type Row struct {
	Row      int
	Question data.Question
	Warnings []sheet.Issue
}

// Plan is what an import would do, computed without writing anything.
type Plan struct {
	Header   int
	Unknown  []string
	Adds     []Row
	Existing int
	Rejected []sheet.Issue
	Warnings []sheet.Issue
	Skipped  []sheet.Issue
}

// RejectedRows counts the rows refused.
func (p *Plan) RejectedRows() int { return sheet.CountRows(p.Rejected) }

// PlanImport previews an import: nothing is written.
func PlanImport(ctx context.Context, s *data.Store, sh *sheet.Sheet) (*Plan, error) {
	bank, err := s.Questions(ctx, "")
	if err != nil {
		return nil, err
	}
	keys := map[string]bool{}
	for _, q := range bank {
		keys[data.QuestionKey(q.Question)] = true
	}
	return plan(ctx, sh, func(text string) (bool, error) { return keys[data.QuestionKey(text)], nil }, nil)
}

// Apply imports sh in one write transaction. In AllOrNothing mode a
// rejected row stops everything (the error wraps sheet.ErrRejected).
func Apply(ctx context.Context, s *data.Store, sh *sheet.Sheet, mode sheet.Mode, progress data.Progress) (Result, error) {
	role := s.Role(ctx)
	if err := role.OfficeOnly("知识竞赛题库由党总支办公室维护"); err != nil {
		return sheet.EmptyResult(), err
	}
	return sheet.Write(ctx, s, sh, mode, progress, sheet.Writer[Row]{
		Plan: func(tx *data.Tx, _ []data.OrgUnit, progress data.Progress) (sheet.Planned[Row], error) {
			p, err := plan(ctx, sh, func(text string) (bool, error) {
				_, err := tx.QuestionOnFile(text)
				if err == data.ErrNotFound {
					return false, nil
				}
				return err == nil, err
			}, progress)
			if err != nil {
				return sheet.Planned[Row]{}, err
			}
			return sheet.Planned[Row]{Header: p.Header, Existing: p.Existing, Adds: p.Adds,
				Rejected: p.Rejected, Warnings: p.Warnings, Skipped: p.Skipped}, nil
		},
		Save: func(tx *data.Tx, a Row) (int, []sheet.Issue, error) {
			_, err := tx.SaveQuestion(role, a.Question)
			return a.Row, a.Warnings, err
		},
		Every: 100,
		Sort: func(list []sheet.Issue) {
			sort.SliceStable(list, func(i, j int) bool { return list[i].Row < list[j].Row })
		},
	})
}

type column = sheet.Column

// optionRe splits "A.甲 B．乙 C、丙" into options at their letters.
var optionRe = regexp.MustCompile(`(?:^|\s|\n)([A-Ha-h])\s*[.．、:：)）]\s*`)

func splitOptions(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	locs := optionRe.FindAllStringSubmatchIndex(s, -1)
	if len(locs) < 2 {
		var out []string
		for _, l := range strings.Split(s, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, l)
			}
		}
		return out
	}
	var out []string
	for i, loc := range locs {
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		out = append(out, strings.TrimSpace(s[loc[1]:end]))
	}
	return out
}

func plan(ctx context.Context, sh *sheet.Sheet, onFile func(text string) (bool, error), progress data.Progress) (*Plan, error) {
	if sh == nil || len(sh.Rows) == 0 {
		return nil, fmt.Errorf("表格是空的，没有可导入的内容")
	}
	h, ok := findHeader(sh.Rows)
	if !ok {
		return nil, headerRule.NotFound(sh.Name)
	}
	p := &Plan{Header: h + 1}
	cols, unknown := sheet.MapColumns(sh.Rows[h], headerKey, colIgnore)
	p.Unknown = append(p.Unknown, unknown...)
	seen := map[string]bool{}
	for _, c := range cols {
		seen[c.Key] = true
	}
	if len(p.Unknown) > 0 {
		p.Warnings = append(p.Warnings, sheet.Issue{Row: p.Header, Reason: "以下列未能识别，没有导入：" + strings.Join(p.Unknown, "、")})
	}
	p.Rejected = append(p.Rejected, sh.Problems...)
	first := map[string]int{}
	rows := sh.Rows[h+1:]
	for i, cells := range rows {
		n := h + 2 + i
		if progress != nil && i%100 == 0 {
			progress(float64(i) / float64(len(rows)))
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		get := func(key string) string {
			for _, c := range cols {
				if c.Key == key && c.Idx < len(cells) {
					return strings.TrimSpace(cells[c.Idx])
				}
			}
			return ""
		}
		titleOf := func(key string) string {
			for _, c := range cols {
				if c.Key == key {
					return c.Title
				}
			}
			return keyLabels[key]
		}
		if sheet.Blank(cells) {
			continue
		}
		var rej, warns []sheet.Issue
		reject := func(key, format string, args ...any) {
			rej = append(rej, sheet.Issue{Row: n, Column: titleOf(key), Reason: fmt.Sprintf(format, args...)})
		}
		q := data.Question{Question: get(colQuestion), Category: get(colCategory)}
		if q.Question == "" && get(colAnswer) == "" {
			p.Skipped = append(p.Skipped, sheet.Issue{Row: n, Reason: "没有题目和答案，按说明行跳过"})
			continue
		}
		// Options: their own columns, else one cell.
		var opts []string
		for i := 0; i < data.MaxOptions; i++ {
			opts = append(opts, get(optCol(i)))
		}
		opts = data.TrimOptions(opts)
		if len(opts) == 0 {
			opts = splitOptions(get(colOptions))
		}
		q.Options = opts
		if raw := get(colKind); raw != "" {
			k, ok := data.NormQuestionKind(raw)
			if !ok {
				reject(colKind, "题型“%s”无法识别，应为单选、多选或判断", raw)
			}
			q.Kind = k
		} else {
			// Unnamed: 判断 without options, 多选 with several letters.
			ans := data.NormAnswer(data.QuestionSingle, get(colAnswer))
			switch {
			case len(opts) == 0:
				q.Kind = data.QuestionJudge
			case len([]rune(ans)) > 1:
				q.Kind = data.QuestionMulti
			default:
				q.Kind = data.QuestionSingle
			}
			warns = append(warns, sheet.Issue{Row: n, Column: keyLabels[colKind], Reason: "未填写题型，按“" + q.Kind + "”导入"})
		}
		q.Answer = data.NormAnswer(q.Kind, get(colAnswer))
		if raw := get(colPoints); raw == "" {
			q.Points = 10 // 1 分, what a blank 分值 means in banks
		} else if pts, err := data.ParsePoints(sheet.Fold(raw)); err != nil {
			reject(colPoints, "%v", err)
		} else {
			q.Points = pts
		}
		if q.Kind == data.QuestionJudge {
			q.Options = nil
		}
		if q.Kind != "" {
			for _, is := range data.ValidateQuestion(q) {
				key := is.Field
				if key == "options" && !seen[colOptions] {
					key = optCol(0)
				}
				rej = append(rej, sheet.Issue{Row: n, Column: titleOf(key), Reason: is.Msg})
			}
		}
		if len(rej) > 0 {
			p.Rejected = append(p.Rejected, rej...)
			continue
		}
		key := data.QuestionKey(q.Question)
		if r, dup := first[key]; dup {
			p.Rejected = append(p.Rejected, sheet.Issue{Row: n, Column: titleOf(colQuestion), Reason: fmt.Sprintf("与第 %d 行的题目重复", r)})
			continue
		}
		first[key] = n
		on, err := onFile(q.Question)
		if err != nil {
			return nil, err
		}
		if on {
			p.Rejected = append(p.Rejected, sheet.Issue{Row: n, Column: titleOf(colQuestion), Reason: "题库中已有相同的题目"})
			continue
		}
		p.Warnings = append(p.Warnings, warns...)
		p.Adds = append(p.Adds, Row{Row: n, Question: q, Warnings: warns})
	}
	return p, nil
}
