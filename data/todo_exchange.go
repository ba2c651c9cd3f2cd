package data

import "context"

// The 工作台 lists what the exchange leaves to decide: the member changes
// branches proposed, waiting at the office (待确认), and the conflicts —
// records both copies changed — on either side. An item opens the tab of
// 数据交换 where it is decided.
func init() { RegisterReminders("exchange", exchangeReminders) }

func exchangeReminders(ctx context.Context, q TodoQuery) ([]TodoItem, error) {
	var out []TodoItem
	if q.Role.Office {
		pending, err := q.Store.PendingChanges(ctx, PendingOpen)
		if err != nil {
			return nil, err
		}
		for _, p := range pending {
			day := DateOf(p.At)
			if day.After(q.AsOf) {
				continue
			}
			out = append(out, TodoItem{Kind: TodoExchange, Title: "待确认：" + p.BranchName + "提出的" + p.Name + "的" + p.Label + "变更",
				Branch: p.BranchName, Due: day, Severity: SeverityInfo,
				Ref: TodoRef{Screen: "数据交换/待确认党员信息变更"}})
		}
	}
	conflicts, err := q.Store.Conflicts(ctx, ConflictOpen)
	if err != nil {
		return nil, err
	}
	for _, c := range conflicts {
		day := DateOf(c.At)
		if day.After(q.AsOf) {
			continue
		}
		out = append(out, TodoItem{Kind: TodoExchange, Title: "冲突待处理：" + c.Label + "“" + c.Name + "”（本机和对方的版本都已保留，请选择）",
			BranchID: q.Role.BranchID, Due: day, Severity: SeveritySoon, Ref: TodoRef{Screen: "数据交换/冲突"}})
	}
	return out, nil
}
