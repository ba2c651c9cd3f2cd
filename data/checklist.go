package data

import (
	"database/sql"
	_ "embed"
	"fmt"
	"strings"
)

// Audit entities of the checklist.
const (
	EntityChecklistItem  = "checklist_item"
	EntityChecklistScore = "checklist_score"
	EntityChecklistYear  = "checklist_year"
)

// Points are kept in tenths (2.5 分 = 25) so scores stay exact.
type Points int

// String shows points as people write them: 8, 2.5.
func (p Points) String() string {
	if p%10 == 0 {
		return fmt.Sprintf("%d", int(p)/10)
	}
	return fmt.Sprintf("%d.%d", int(p)/10, abs(int(p)%10))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// ParsePoints reads "8", "2.5", "２.５" into tenths; one decimal at most.
func ParsePoints(s string) (Points, error) {
	s = strings.ReplaceAll(strings.TrimSpace(normalizeDigits(s)), "．", ".")
	s = strings.TrimSpace(strings.TrimSuffix(s, "分"))
	if s == "" {
		return 0, fmt.Errorf("请填写分值")
	}
	whole, frac, dot := strings.Cut(s, ".")
	if dot && len(frac) > 1 {
		// 2.50 is 2.5; Excel text cells keep the zeros typed.
		if frac = strings.TrimRight(frac, "0"); frac == "" {
			frac = "0"
		}
	}
	if dot && len(frac) != 1 {
		return 0, fmt.Errorf("分值“%s”最多一位小数", s)
	}
	w, f := num(whole), 0
	if dot {
		f = num(frac)
	}
	if w < 0 || f < 0 || w > 1000 {
		return 0, fmt.Errorf("分值“%s”不是有效的数字", s)
	}
	return Points(w*10 + f), nil
}

// ChecklistItem is one line of the 标准化党支部 checklist of a year.
type ChecklistItem struct {
	ID        int64  `json:"id"`
	Year      int    `json:"year"`
	Dimension string `json:"dimension"`
	Item      string `json:"item"`
	Points    Points `json:"points"`
	Evidence  string `json:"evidence"`
	Rule      string `json:"rule"` // automatic rule key, "" for a reviewer's score
	Bonus     bool   `json:"bonus"`
	SortOrder int    `json:"sort_order"`
	Deleted   bool   `json:"deleted,omitempty"`
}

//go:embed defaults/checklist.json
var defaultChecklistJSON []byte

const checklistSelect = "SELECT id, year, dimension, item, points, evidence, rule, bonus, sort_order, deleted_at IS NOT NULL FROM checklist_items"

func scanChecklistItem(sc interface{ Scan(...any) error }) (ChecklistItem, error) {
	var it ChecklistItem
	err := sc.Scan(&it.ID, &it.Year, &it.Dimension, &it.Item, &it.Points, &it.Evidence, &it.Rule, &it.Bonus, &it.SortOrder, &it.Deleted)
	return it, err
}

var errYearClosed = func(year int) error {
	return fmt.Errorf("%d 年度考评已结束归档，细则和评分不能再修改", year)
}

// ItemScore is one item's score for one branch, with where it came from.
type ItemScore struct {
	Item     ChecklistItem `json:"item"`
	BranchID int64         `json:"branch_id"`
	Score    Points        `json:"score"`
	Scored   bool          `json:"scored"` // false: a manual item nobody has scored yet
	Auto     bool          `json:"auto"`
	Reason   string        `json:"reason"`   // why (automatic) or the reviewer's comment
	Evidence string        `json:"evidence"` // the branch's note
	Comment  string        `json:"comment"`
	ScoredBy string        `json:"scored_by"`
}

type scoreRow struct {
	ItemID   int64         `json:"item_id"`
	BranchID int64         `json:"branch_id"`
	Score    sql.NullInt64 `json:"-"`
	ScoreV   *int64        `json:"score"`
	Reason   string        `json:"reason"`
	Evidence string        `json:"evidence"`
	Comment  string        `json:"comment"`
	By       string        `json:"scored_by"`
}

// ChecklistEvidenceKey is the attachment owner id of a branch's evidence
// for an item (entity EntityChecklistScore): item × 100000 + branch. Files
// attached since the first release are stored under these values, so the
// formula stays as it is; it holds while branch ids stay below 100000.
func ChecklistEvidenceKey(itemID, branchID int64) int64 { return itemID*100000 + branchID }
