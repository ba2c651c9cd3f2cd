package data

import (
	"fmt"
	"strconv"
	"strings"
)

// EntityEvent is the audit entity for member life-cycle events.
const EntityEvent = "member_event"

// Life-cycle event kinds. Each is recorded with its date and changes the
// dossier as ApplyEvent says, in the same transaction.
const (
	EventTransferIn  = "组织关系转入"
	EventTransferOut = "组织关系转出"
	EventFloat       = "外出流动"
	EventReturn      = "流动返回"
	EventMove        = "调整支部"
	EventFull        = "转正"
	EventReward      = "奖励"
	EventPunish      = "处分"
	EventPartyPost   = "党内职务变动"
	EventStatus      = "党员状态变更"
)

// EventKinds lists the kinds in menu order.
var EventKinds = []string{EventTransferIn, EventTransferOut, EventFloat, EventReturn, EventMove, EventFull,
	EventReward, EventPunish, EventPartyPost, EventStatus}

// DefaultLetterValidDays is how long a 介绍信 is valid unless stated.
const DefaultLetterValidDays = 90

// MemberEvent is one dated event in a member's history. Fields not used by
// a kind stay empty.
type MemberEvent struct {
	ID       int64  `json:"id"`
	MemberID int64  `json:"member_id"`
	Kind     string `json:"kind"`
	Date     Date   `json:"date"`
	// 组织关系转入/转出
	LetterNo   string `json:"letter_no,omitempty"`    // 介绍信编号
	From       string `json:"from,omitempty"`         // 转出单位（转入时）
	To         string `json:"to,omitempty"`           // 转往单位（转出时）/ 流动去向
	ValidDays  int    `json:"valid_days,omitempty"`   // 介绍信有效期（天）
	DuesPaidTo string `json:"dues_paid_to,omitempty"` // 党费交至年月
	// 调整支部 / 转入
	BranchID int64 `json:"branch_id,omitempty"`
	GroupID  int64 `json:"group_id,omitempty"`
	// 奖励 / 处分 / 党内职务 / 状态
	Content string `json:"content,omitempty"` // 奖惩内容或新职务
	Status  string `json:"status,omitempty"`  // 新的党员状态
	Note    string `json:"note,omitempty"`
	Deleted bool   `json:"deleted,omitempty"`
}

// Summary is the event as one line of the history list.
func (e MemberEvent) Summary(unitName func(int64) string) string {
	var parts []string
	add := func(label, v string) {
		if v != "" {
			parts = append(parts, label+v)
		}
	}
	switch e.Kind {
	case EventTransferIn:
		add("自", e.From)
		if e.BranchID != 0 {
			add("转入", unitName(e.BranchID))
		}
		add("介绍信 ", e.LetterNo)
		add("党费交至 ", e.DuesPaidTo)
	case EventTransferOut:
		add("转往", e.To)
		add("介绍信 ", e.LetterNo)
		if e.ValidDays > 0 {
			add("有效期 ", strconv.Itoa(e.ValidDays)+" 天（至 "+e.Date.AddDays(e.ValidDays).Chinese()+"）")
		}
		add("党费交至 ", e.DuesPaidTo)
	case EventFloat:
		add("流动去向：", e.To)
	case EventMove:
		if e.BranchID != 0 {
			add("调至", unitName(e.BranchID))
		}
		if e.GroupID != 0 {
			add("", unitName(e.GroupID))
		}
	case EventReward, EventPunish, EventPartyPost:
		add("", e.Content)
	case EventStatus:
		add("改为", e.Status)
	}
	add("备注：", e.Note)
	return strings.Join(parts, "，")
}

// ApplyEvent is the rule for what an event does to the dossier. It is pure:
// the store runs it, validates the result and saves both in one transaction.
func ApplyEvent(m Member, e MemberEvent) (Member, error) {
	if e.Date.IsZero() {
		return m, &ValidationError{Errors: []FieldIssue{{"date", "请填写日期"}}}
	}
	stamp := fmt.Sprintf("%d年%d月", e.Date.Y, int(e.Date.M))
	appendLine := func(text, line string) string {
		if text == "" {
			return line
		}
		return text + "\n" + line
	}
	switch e.Kind {
	case EventTransferIn:
		if e.BranchID == 0 {
			return m, &ValidationError{Errors: []FieldIssue{{"branch_id", "请选择转入的党支部"}}}
		}
		m.Status, m.TransferInDate = StatusNormal, e.Date
		m.BranchID, m.GroupID = e.BranchID, e.GroupID
		if e.DuesPaidTo != "" {
			m.DuesPaidTo = e.DuesPaidTo
		}
	case EventTransferOut:
		if strings.TrimSpace(e.To) == "" {
			return m, &ValidationError{Errors: []FieldIssue{{"to", "请填写转往的党组织"}}}
		}
		m.Status = StatusOut
		if e.DuesPaidTo != "" {
			m.DuesPaidTo = e.DuesPaidTo
		}
	case EventFloat:
		if strings.TrimSpace(e.To) == "" {
			return m, &ValidationError{Errors: []FieldIssue{{"to", "请填写流动去向"}}}
		}
		m.Status = StatusFloating
	case EventReturn:
		m.Status = StatusNormal
	case EventMove:
		if e.BranchID == 0 {
			return m, &ValidationError{Errors: []FieldIssue{{"branch_id", "请选择调入的党支部"}}}
		}
		m.BranchID, m.GroupID = e.BranchID, e.GroupID
	case EventFull:
		if m.Standing == StandingFull {
			return m, &ValidationError{Errors: []FieldIssue{{"kind", m.Name + "已是正式党员"}}}
		}
		m.Standing, m.FullDate = StandingFull, e.Date
	case EventReward:
		if strings.TrimSpace(e.Content) == "" {
			return m, &ValidationError{Errors: []FieldIssue{{"content", "请填写奖励内容"}}}
		}
		m.Rewards = appendLine(m.Rewards, stamp+" "+e.Content)
	case EventPunish:
		if strings.TrimSpace(e.Content) == "" {
			return m, &ValidationError{Errors: []FieldIssue{{"content", "请填写处分内容"}}}
		}
		m.Punishments = appendLine(m.Punishments, stamp+" "+e.Content)
	case EventPartyPost:
		m.PartyPost = strings.TrimSpace(e.Content)
	case EventStatus:
		if !validStatus(e.Status) {
			return m, &ValidationError{Errors: []FieldIssue{{"status", "请选择新的党员状态"}}}
		}
		if e.Status == StatusOut {
			return m, &ValidationError{Errors: []FieldIssue{{"status", "转出请用“组织关系转出”登记介绍信等信息"}}}
		}
		m.Status = e.Status
	default:
		return m, &ValidationError{Errors: []FieldIssue{{"kind", "未知的事项类型“" + e.Kind + "”"}}}
	}
	return m, nil
}
