package data

// 通知公告: notices from the office to some branches or to all, published
// on a day, with 已读 marked per branch copy. The home screen lists a
// role's unread notices (UnreadNotices).

import (
	"slices"
	"strings"
)

// Audit entities of notices.
const (
	EntityNotice     = "notice"
	EntityNoticeRead = "notice_read"
)

// Notice is one notice. Branches lists the branches it is addressed to;
// empty means every branch.
type Notice struct {
	ID          int64   `json:"id"`
	Title       string  `json:"title"`
	Body        string  `json:"body"`
	Sender      string  `json:"sender"`
	PublishDate Date    `json:"publish_date"`
	Branches    []int64 `json:"branches"`
	// ReadBy lists the branches that have marked it read (read only).
	ReadBy []int64 `json:"read_by,omitempty"`
}

// For says whether the notice is addressed to the branch.
func (n Notice) For(branchID int64) bool {
	return len(n.Branches) == 0 || slices.Contains(n.Branches, branchID)
}

// ReadByBranch says whether the branch has marked it read.
func (n Notice) ReadByBranch(branchID int64) bool { return slices.Contains(n.ReadBy, branchID) }

// ValidateNotice lists what keeps a notice from being saved.
func ValidateNotice(n Notice) []FieldIssue {
	var out []FieldIssue
	if strings.TrimSpace(n.Title) == "" {
		out = append(out, FieldIssue{"title", "请填写标题"})
	}
	if n.PublishDate.IsZero() || !n.PublishDate.Valid() {
		out = append(out, FieldIssue{"publish_date", "请填写发布日期"})
	}
	return out
}

// NoticeRead is a branch's 已读 mark, as audited.
type NoticeRead struct {
	NoticeID int64  `json:"notice_id"`
	BranchID int64  `json:"branch_id"`
	ReadBy   string `json:"read_by"`
}
