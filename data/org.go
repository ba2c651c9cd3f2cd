package data

import "strings"

// OrgLevel is the rank of a node in the tree 党总支 → 党支部 → 党小组.
type OrgLevel string

const (
	LevelGeneral OrgLevel = "general" // 党总支
	LevelBranch  OrgLevel = "branch"  // 党支部
	LevelGroup   OrgLevel = "group"   // 党小组
)

// Label is the level's Chinese name.
func (l OrgLevel) Label() string {
	switch l {
	case LevelGeneral:
		return "党总支"
	case LevelBranch:
		return "党支部"
	case LevelGroup:
		return "党小组"
	}
	return string(l)
}

// ChildLevel is the level a child of l has, or "" when l takes no children.
func (l OrgLevel) ChildLevel() OrgLevel {
	switch l {
	case LevelGeneral:
		return LevelBranch
	case LevelBranch:
		return LevelGroup
	}
	return ""
}

// Kinds lists the 类型 choices offered for a level; the first is the default.
func (l OrgLevel) Kinds() []string {
	switch l {
	case LevelGeneral:
		return []string{"党总支", "党委"}
	case LevelBranch:
		return []string{"党支部", "联合党支部", "离退休党支部", "临时党支部", "村（社区）党支部"}
	case LevelGroup:
		return []string{"党小组"}
	}
	return nil
}

// Posts lists the usual post titles for a level's committee, in the order they
// are printed; the first is the head whose holder is the node's 书记/组长.
func (l OrgLevel) Posts() []string {
	switch l {
	case LevelGroup:
		return []string{"组长", "副组长"}
	default:
		return []string{"书记", "副书记", "组织委员", "宣传委员", "纪检委员", "青年委员", "统战委员", "委员"}
	}
}

// DefaultTermYears is the committee term: 3 years, 5 for village/community
// branches (domain.md §2).
func DefaultTermYears(kind string) int {
	if strings.Contains(kind, "村") || strings.Contains(kind, "社区") {
		return 5
	}
	return 3
}

// OrgUnit is one node of the organisation tree.
type OrgUnit struct {
	ID        int64    `json:"id"`
	ParentID  int64    `json:"parent_id,omitempty"` // 0 for the root
	Level     OrgLevel `json:"level"`
	Kind      string   `json:"kind"`       // 类型
	FullName  string   `json:"full_name"`  // 全称（与印章一致）
	ShortName string   `json:"short_name"` // 简称
	Founded   Date     `json:"founded"`    // 成立日期
	Liaison   string   `json:"liaison"`    // 党建联络人
	Phone     string   `json:"phone"`
	// The committee's current term (本届): elected on TermStart for TermYears.
	// Groups have no elected committee and leave both empty.
	TermStart Date `json:"term_start"`
	TermYears int  `json:"term_years,omitempty"`
	SortOrder int  `json:"sort_order"`
	Deleted   bool `json:"deleted,omitempty"`
}

// Name is the short name when there is one, else the full name.
func (u OrgUnit) Name() string {
	if u.ShortName != "" {
		return u.ShortName
	}
	return u.FullName
}

// TermEnd is when the current term runs out, or the zero date when no term is set.
func (u OrgUnit) TermEnd() Date {
	if u.TermStart.IsZero() || u.TermYears <= 0 {
		return Date{}
	}
	return u.TermStart.AddYears(u.TermYears)
}

// TermState describes the 换届 situation of a committee on a day.
type TermState int

const (
	TermNone    TermState = iota // no term recorded
	TermOK                       // more than the warning window left
	TermDueSoon                  // ends within the warning window: 换届提醒
	TermOverdue                  // already ended: 应换届未换届
)

// TermStatus classifies u's term on day, warning warnMonths ahead.
func (u OrgUnit) TermStatus(day Date, warnMonths int) TermState {
	end := u.TermEnd()
	switch {
	case end.IsZero():
		return TermNone
	case !day.Before(end):
		return TermOverdue
	case !day.AddMonths(warnMonths).Before(end):
		return TermDueSoon
	}
	return TermOK
}

// TermNote is the 换届 reminder for u on day, or "" when none is due; the
// screens, the printed forms and the CLI all word it the same way.
func (u OrgUnit) TermNote(day Date, warnMonths int) string {
	switch u.TermStatus(day, warnMonths) {
	case TermDueSoon:
		return "任期将于 " + u.TermEnd().Chinese() + " 届满，请做好换届准备"
	case TermOverdue:
		return "任期已于 " + u.TermEnd().Chinese() + " 届满，应及时换届"
	}
	return ""
}

// Post is one person's tenure of a committee post. A post with no End is held
// now; ended posts stay as the committee's history.
type Post struct {
	ID       int64  `json:"id"`
	UnitID   int64  `json:"unit_id"`
	Title    string `json:"title"`  // 书记, 副书记, 组织委员 …
	Holder   string `json:"holder"` // name as printed
	MemberID int64  `json:"member_id,omitempty"`
	Start    Date   `json:"start"`
	End      Date   `json:"end"`
	Note     string `json:"note"`
	Deleted  bool   `json:"deleted,omitempty"`
}

// HeldOn reports whether the post was held on day.
func (p Post) HeldOn(day Date) bool {
	return !p.Start.After(day) && (p.End.IsZero() || day.Before(p.End))
}

// OrgNode is a unit with its posts, children and head count, as the tree
// screen and the printed 组织架构表 show it.
type OrgNode struct {
	Unit     OrgUnit    `json:"unit"`
	Posts    []Post     `json:"posts"` // all tenures, current first
	Children []*OrgNode `json:"children,omitempty"`
	Members  int        `json:"members"` // active members directly in this unit
}

// CurrentPosts are the tenures held on day, in the level's post order.
func (n *OrgNode) CurrentPosts(day Date) []Post {
	var out []Post
	for _, p := range n.Posts {
		if p.HeldOn(day) {
			out = append(out, p)
		}
	}
	return out
}

// Head is the current holder of the level's head post (书记 or 组长), or "".
func (n *OrgNode) Head(day Date) string {
	head := n.Unit.Level.Posts()[0]
	for _, p := range n.Posts {
		if p.Title == head && p.HeldOn(day) {
			return p.Holder
		}
	}
	return ""
}

// TotalMembers counts the members of n and everything under it.
func (n *OrgNode) TotalMembers() int {
	t := n.Members
	for _, c := range n.Children {
		t += c.TotalMembers()
	}
	return t
}

// Walk visits n and its descendants depth-first with their depth.
func (n *OrgNode) Walk(fn func(node *OrgNode, depth int)) {
	var rec func(*OrgNode, int)
	rec = func(x *OrgNode, d int) {
		fn(x, d)
		for _, c := range x.Children {
			rec(c, d+1)
		}
	}
	rec(n, 0)
}
