package data

import "context"

// The 工作台 lists a branch copy's unread notices (the office's copy has
// none: it publishes them); an item opens the notice in 通知公告.
func init() { RegisterReminders("notice", noticeReminders) }

func noticeReminders(ctx context.Context, q TodoQuery) ([]TodoItem, error) {
	list, err := q.Store.UnreadNotices(ctx, q.Role)
	if err != nil {
		return nil, err
	}
	var out []TodoItem
	for _, n := range list {
		if n.PublishDate.After(q.AsOf) {
			continue
		}
		title := "未读通知：" + n.Title
		if n.Sender != "" {
			title += "（" + n.Sender + "）"
		}
		out = append(out, TodoItem{Kind: TodoNotice, Title: title, Branch: q.BranchName(q.Role.BranchID), BranchID: q.Role.BranchID,
			Due: n.PublishDate, Severity: SeverityInfo, Ref: TodoRef{Entity: EntityNotice, ID: n.ID, Screen: "通知公告"}})
	}
	return out, nil
}
