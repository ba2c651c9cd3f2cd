package data

import (
	"context"
	"database/sql"
	"sort"
)

// BranchScore is a branch's year: checklist, tasks, total and rank.
type BranchScore struct {
	BranchID     int64      `json:"branch_id"`
	Branch       string     `json:"branch"`
	Checklist    Points     `json:"checklist"`
	ChecklistMax Points     `json:"checklist_max"`
	Tasks        Points     `json:"tasks"`
	TasksMax     Points     `json:"tasks_max"`
	Total        Points     `json:"total"`
	Max          Points     `json:"max"`
	Rank         int        `json:"rank"`
	Dimensions   []DimScore `json:"dimensions"`
	Unscored     int        `json:"unscored"`
	OpenTasks    int        `json:"open_tasks"`
}

// Scores ranks the branches for a year by checklist plus task scores.
// Equal totals share a rank and the next rank is skipped (1, 1, 3), the
// way league tables are read.
func (s *Store) Scores(ctx context.Context, year int) ([]BranchScore, error) {
	return s.scores(ctx, year, 0)
}

// scores is Scores for every branch (branchID 0) or one; one branch's
// rank is 1 (it is ranked among itself only).
func (s *Store) scores(ctx context.Context, year int, branchID int64) ([]BranchScore, error) {
	var only []int64
	if branchID != 0 {
		only = []int64{branchID}
	}
	evals, err := s.Evaluate(ctx, year, only)
	if err != nil {
		return nil, err
	}
	out := make([]BranchScore, len(evals))
	idx := map[int64]int{}
	for i, ev := range evals {
		out[i] = BranchScore{BranchID: ev.BranchID, Branch: ev.Branch, Checklist: ev.Score, ChecklistMax: ev.Max,
			Dimensions: ev.Dimensions, Unscored: ev.Unscored}
		idx[ev.BranchID] = i
	}
	// The task totals per branch, summed by the database (the points of
	// each task assigned, the scores given, the tasks still open): the
	// same sums as TaskScoreMax and the assignments' scores.
	err = s.read(func(db *sql.DB) error {
		q := `SELECT a.branch_id, sum(t.points), sum(coalesce(a.score, 0)), sum(a.status <> ?)
			FROM task_assignments a JOIN tasks t ON t.id = a.task_id WHERE t.deleted_at IS NULL AND t.year = ?`
		args := []any{TaskDone, year}
		if branchID != 0 {
			q += " AND a.branch_id = ?"
			args = append(args, branchID)
		}
		rows, err := db.QueryContext(ctx, q+" GROUP BY a.branch_id", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var b int64
			var maxPts, score Points
			var open int
			if err := rows.Scan(&b, &maxPts, &score, &open); err != nil {
				return err
			}
			if i, ok := idx[b]; ok {
				out[i].TasksMax, out[i].Tasks, out[i].OpenTasks = maxPts, score, open
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Total = out[i].Checklist + out[i].Tasks
		out[i].Max = out[i].ChecklistMax + out[i].TasksMax
	}
	Rank(out)
	return out, nil
}

// Rank orders by total, highest first, and numbers with shared ranks.
func Rank(list []BranchScore) {
	rankBy(list, func(b BranchScore) int { return int(b.Total) }, func(b *BranchScore, n int) { b.Rank = n })
}

// rankBy orders list by score, highest first (a stable sort: equal scores
// keep their order), and numbers it with shared ranks (1, 1, 3).
func rankBy[T any](list []T, score func(T) int, set func(*T, int)) {
	sort.SliceStable(list, func(i, j int) bool { return score(list[i]) > score(list[j]) })
	rank := 0
	for i := range list {
		if i == 0 || score(list[i]) != score(list[i-1]) {
			rank = i + 1
		}
		set(&list[i], rank)
	}
}

// ScorePair writes a score against its maximum, "51 / 100" ("—" when
// nothing is due): the screen and the printed results write every 得分/满分
// pair with it, so the two cannot differ.
func ScorePair(score, maxPts Points) string {
	if maxPts == 0 && score == 0 {
		return "—"
	}
	return score.String() + " / " + maxPts.String()
}

// TaskScoreMax is the most a branch can score on its tasks: the points
// of every task assigned to it (list holds that branch's assignments).
func TaskScoreMax(list []Assignment) Points {
	var p Points
	for _, a := range list {
		p += a.Task.Points
	}
	return p
}
