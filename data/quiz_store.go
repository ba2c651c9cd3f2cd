package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
)

const questionSelect = `SELECT id, kind, question, options, answer, points, category FROM questions`

func scanQuestion(sc interface{ Scan(...any) error }) (Question, error) {
	var q Question
	var opts string
	err := sc.Scan(&q.ID, &q.Kind, &q.Question, &opts, &q.Answer, &q.Points, &q.Category)
	if err == nil {
		json.Unmarshal([]byte(opts), &q.Options)
	}
	return q, err
}

// Questions lists the bank (category "" : all), in the order entered.
func (s *Store) Questions(ctx context.Context, category string) ([]Question, error) {
	q, args := questionSelect+" WHERE deleted_at IS NULL", []any{}
	if category != "" {
		q, args = q+" AND category = ?", append(args, category)
	}
	var out []Question
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, q+" ORDER BY id", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			x, err := scanQuestion(rows)
			if err != nil {
				return err
			}
			out = append(out, x)
		}
		return rows.Err()
	})
	return out, err
}

// QuestionOnFile finds a question of the bank with the same text (spaces
// and character widths aside), or ErrNotFound.
func (tx *Tx) QuestionOnFile(text string) (Question, error) {
	key := QuestionKey(text)
	rows, err := tx.query(questionSelect + " WHERE deleted_at IS NULL")
	if err != nil {
		return Question{}, err
	}
	defer rows.Close()
	for rows.Next() {
		q, err := scanQuestion(rows)
		if err != nil {
			return q, err
		}
		if QuestionKey(q.Question) == key {
			return q, nil
		}
	}
	if err := rows.Err(); err != nil {
		return Question{}, err
	}
	return Question{}, ErrNotFound
}

// SaveQuestion validates and stores a question (ID 0 inserts); only the
// office keeps the bank.
func (s *Store) SaveQuestion(ctx context.Context, role Role, q Question) (Question, error) {
	var out Question
	err := s.Write(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.SaveQuestion(role, q)
		return err
	})
	return out, err
}

// SaveQuestion stores a question inside a transaction (imports use it). A
// question whose text is on file already is refused.
func (tx *Tx) SaveQuestion(role Role, q Question) (Question, error) {
	if err := role.OfficeOnly("知识竞赛题库由党总支办公室维护"); err != nil {
		return q, err
	}
	q.Question, q.Category = strings.TrimSpace(q.Question), strings.TrimSpace(q.Category)
	q.Answer = NormAnswer(q.Kind, q.Answer)
	if q.Kind == QuestionJudge {
		q.Options = []string{}
	} else {
		q.Options = TrimOptions(q.Options)
	}
	if is := ValidateQuestion(q); len(is) > 0 {
		return q, &ValidationError{Errors: is}
	}
	if dup, err := tx.QuestionOnFile(q.Question); err == nil && dup.ID != q.ID {
		return q, &ValidationError{Errors: []FieldIssue{{"question", "题库中已有相同的题目"}}}
	} else if err != nil && !errors.Is(err, ErrNotFound) {
		return q, err
	}
	opts, _ := json.Marshal(q.Options)
	if q.ID == 0 {
		res, err := tx.exec(`INSERT INTO questions(kind, question, options, answer, points, category, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?)`, q.Kind, q.Question, string(opts), q.Answer, q.Points, q.Category, tx.at, tx.at)
		if err != nil {
			return q, err
		}
		q.ID, _ = res.LastInsertId()
		return q, tx.audit(EntityQuestion, q.ID, ActionInsert, nil, q)
	}
	old, err := scanQuestion(tx.queryRow(questionSelect+" WHERE id = ? AND deleted_at IS NULL", q.ID))
	if errors.Is(err, sql.ErrNoRows) {
		return q, ErrNotFound
	} else if err != nil {
		return q, err
	}
	if _, err := tx.exec(`UPDATE questions SET kind = ?, question = ?, options = ?, answer = ?, points = ?, category = ?,
		updated_at = ? WHERE id = ?`, q.Kind, q.Question, string(opts), q.Answer, q.Points, q.Category, tx.at, q.ID); err != nil {
		return q, err
	}
	return q, tx.audit(EntityQuestion, q.ID, ActionUpdate, old, q)
}

// DeleteQuestion marks a question deleted (office only).
func (s *Store) DeleteQuestion(ctx context.Context, role Role, id int64) error {
	if err := role.OfficeOnly("知识竞赛题库由党总支办公室维护"); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		old, err := scanQuestion(tx.queryRow(questionSelect+" WHERE id = ? AND deleted_at IS NULL", id))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if _, err := tx.exec("UPDATE questions SET deleted_at = ?, updated_at = ? WHERE id = ?", tx.at, tx.at, id); err != nil {
			return err
		}
		return tx.audit(EntityQuestion, id, ActionDelete, old, map[string]any{"deleted": true}) // kept, marked deleted
	})
}

// SaveQuizResult stores a scored quiz of a member (a branch copy: its own
// members only). Results are kept, never edited.
func (s *Store) SaveQuizResult(ctx context.Context, role Role, r QuizResult) (QuizResult, error) {
	r.Title = strings.TrimSpace(r.Title)
	var is []FieldIssue
	if r.MemberID == 0 {
		is = append(is, FieldIssue{"member_id", "请选择党员"})
	}
	if r.Date.IsZero() {
		is = append(is, FieldIssue{"date", "请填写日期"})
	}
	if r.Title == "" {
		is = append(is, FieldIssue{"title", "请填写竞赛名称"})
	}
	if r.MaxScore <= 0 || r.Score < 0 || r.Score > r.MaxScore {
		is = append(is, FieldIssue{"score", "得分应在 0 至满分之间"})
	}
	if len(is) > 0 {
		return r, &ValidationError{Errors: is}
	}
	if r.Answers == nil {
		r.Answers = []QuizAnswer{}
	}
	err := s.Write(ctx, func(tx *Tx) error {
		m, err := tx.studyMember(role, r.MemberID)
		if err != nil {
			return err
		}
		r.Name, r.BranchID = m.Name, m.BranchID
		ans, _ := json.Marshal(r.Answers)
		res, err := tx.exec(`INSERT INTO quiz_results(member_id, branch_id, date, title, score, max_score, answers, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?)`, r.MemberID, r.BranchID, r.Date, r.Title, r.Score, r.MaxScore, string(ans), tx.at, tx.at)
		if err != nil {
			return err
		}
		r.ID, _ = res.LastInsertId()
		return tx.audit(EntityQuizResult, r.ID, ActionInsert, nil, r)
	})
	return r, err
}

// QuizResults lists the results (memberID 0: all), newest first.
func (s *Store) QuizResults(ctx context.Context, memberID int64) ([]QuizResult, error) {
	q, args := `SELECT r.id, r.member_id, m.name, r.branch_id, r.date, r.title, r.score, r.max_score, r.answers
		FROM quiz_results r JOIN members m ON m.id = r.member_id WHERE r.deleted_at IS NULL`, []any{}
	if memberID != 0 {
		q, args = q+" AND r.member_id = ?", append(args, memberID)
	}
	var out []QuizResult
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, q+" ORDER BY r.date DESC, r.id DESC", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r QuizResult
			var ans string
			if err := rows.Scan(&r.ID, &r.MemberID, &r.Name, &r.BranchID, &r.Date, &r.Title, &r.Score, &r.MaxScore, &ans); err != nil {
				return err
			}
			json.Unmarshal([]byte(ans), &r.Answers)
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}
