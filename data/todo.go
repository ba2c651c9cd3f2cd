package data

import (
	"cmp"
	"context"
	"slices"
	"sort"
	"sync"
)

// 工作台 to-do list (issue 13): every reminder of every module as of a
// day, in one list. Each module registers a provider (RegisterReminders)
// that says what of its records is late, due soon or worth knowing; the
// home screen, the desktop notification and `dangjian-cli todo` all read
// Store.Todo. A new module joins by adding one provider in its own file.

// Kinds of to-do items: the CLI's contract (only additions).
const (
	TodoReview      = "review"      // minutes waiting for review / returned for changes
	TodoMeeting     = "meeting"     // meetings still owed in a period, or missed
	TodoTask        = "task"        // 督办 tasks overdue or due soon
	TodoTerm        = "term"        // committee terms ending (换届)
	TodoDevelopment = "development" // development steps, probation ending (转正)
	TodoDues        = "dues"        // dues unpaid (the dues module)
	TodoTransfer    = "transfer"    // 组织关系介绍信 expiring
	TodoBirthday    = "birthday"    // 政治生日 this month
	TodoNotice      = "notice"      // 通知公告 not yet marked read by the branch
	TodoWorklist    = "worklist"    // this month's 工作清单 items
	TodoExchange    = "exchange"    // 数据交换: member changes 待确认, conflicts to decide
)

// TodoKindLabel is a kind in Chinese, for the screen's and the CLI's text.
func TodoKindLabel(kind string) string {
	switch kind {
	case TodoReview:
		return "纪要审核"
	case TodoMeeting:
		return "组织生活"
	case TodoTask:
		return "督办任务"
	case TodoTerm:
		return "换届"
	case TodoDevelopment:
		return "发展党员"
	case TodoDues:
		return "党费"
	case TodoTransfer:
		return "组织关系"
	case TodoBirthday:
		return "政治生日"
	case TodoNotice:
		return "通知公告"
	case TodoWorklist:
		return "工作清单"
	case TodoExchange:
		return "数据交换"
	}
	return kind
}

// Severities, most urgent first.
const (
	SeverityOverdue = "overdue" // 已逾期: the date has passed
	SeveritySoon    = "soon"    // 即将到期: within the kind's lead time
	SeverityInfo    = "info"    // 提示: worth knowing, nothing late
)

// Severities lists them in order of urgency.
var Severities = []string{SeverityOverdue, SeveritySoon, SeverityInfo}

// SeverityLabel is a severity in Chinese, as the home screen groups them.
func SeverityLabel(s string) string {
	switch s {
	case SeverityOverdue:
		return "已逾期"
	case SeveritySoon:
		return "即将到期"
	case SeverityInfo:
		return "提示"
	}
	return s
}

func severityRank(s string) int {
	if i := slices.Index(Severities, s); i >= 0 {
		return i
	}
	return len(Severities)
}

// TodoRef is what an item opens: one record (Entity is a registry entity
// key such as EntityMeeting, with its ID), or a screen ("三会一课/落实情况",
// the navigation title and tab) with a filter (keys such as "branch",
// "year", "standing" with values as text).
type TodoRef struct {
	Entity string            `json:"entity,omitempty"`
	ID     int64             `json:"id,omitempty"`
	Screen string            `json:"screen,omitempty"`
	Filter map[string]string `json:"filter,omitempty"`
}

// TodoItem is one reminder.
type TodoItem struct {
	Kind     string  `json:"kind"`
	Title    string  `json:"title"`  // one line in Chinese
	Branch   string  `json:"branch"` // the branch it concerns, "" for the whole organisation
	BranchID int64   `json:"branch_id,omitempty"`
	Due      Date    `json:"due"`
	Severity string  `json:"severity"`
	Ref      TodoRef `json:"ref"`
}

// TodoQuery is what a provider is asked: the day and who asks. Providers
// may narrow their reading to Role's branch; Store.Todo drops any item of
// another branch for a branch copy in any case.
type TodoQuery struct {
	Store *Store
	Role  Role
	AsOf  Date
	// Names names every unit (deleted ones too), loaded once for all providers.
	Names map[int64]string

	tree *todoTree // the organisation tree, read once for all providers
}

// todoTree is the organisation tree read at most once per Todo call.
type todoTree struct {
	once  sync.Once
	roots []*OrgNode
	err   error
}

// orgTree is the organisation tree (active units with their posts), shared
// read-only by the providers of one Todo call.
func (q TodoQuery) orgTree(ctx context.Context) ([]*OrgNode, error) {
	if q.tree == nil {
		return q.Store.orgTree(ctx, false)
	}
	q.tree.once.Do(func() { q.tree.roots, q.tree.err = q.Store.orgTree(ctx, false) })
	return q.tree.roots, q.tree.err
}

// BranchName names a unit for an item.
func (q TodoQuery) BranchName(id int64) string { return q.Names[id] }

// Sees reports whether the asking role sees items of branch id.
func (q TodoQuery) Sees(branchID int64) bool {
	return q.Role.Office || branchID == q.Role.BranchID
}

// ReminderFunc lists a module's reminders as of q.AsOf.
type ReminderFunc func(ctx context.Context, q TodoQuery) ([]TodoItem, error)

var (
	remindersMu sync.Mutex
	reminders   = map[string]ReminderFunc{}
)

// RegisterReminders adds a module's reminder provider under a name (one
// per module: "review", "meeting", "task", "term", "transfer", "birthday",
// "probation", later "development" and "dues"). Registering a name again
// replaces its provider; a nil fn removes it. Call it from an init func.
func RegisterReminders(name string, fn ReminderFunc) {
	remindersMu.Lock()
	defer remindersMu.Unlock()
	if fn == nil {
		delete(reminders, name)
		return
	}
	reminders[name] = fn
}

// ReminderProviders lists the registered provider names, sorted.
func ReminderProviders() []string {
	remindersMu.Lock()
	defer remindersMu.Unlock()
	out := make([]string, 0, len(reminders))
	for n := range reminders {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// SortTodo orders items by severity, then due date, then branch, kind and title.
func SortTodo(items []TodoItem) {
	slices.SortStableFunc(items, func(a, b TodoItem) int {
		if c := cmp.Compare(severityRank(a.Severity), severityRank(b.Severity)); c != 0 {
			return c
		}
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Branch, b.Branch); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		return cmp.Compare(a.Title, b.Title)
	})
}

// CountBySeverity counts items per severity.
func CountBySeverity(items []TodoItem) map[string]int {
	out := map[string]int{}
	for _, it := range items {
		out[it.Severity]++
	}
	return out
}

// Lead times of the reminders (days before the date when an item turns
// "due soon"). They are defaults in code because no office has asked to
// change them; a setting can take their place when one does.
const (
	ReviewDays          = 7  // the office reviews submitted minutes within a week
	ReturnedDays        = 7  // the branch corrects returned minutes within a week
	MeetingSoonDays     = 10 // a period's meeting still owed this close to its end
	MeetingGapDays      = 31 // a period just missed stays on the list this long
	LetterSoonDays      = 14 // a 介绍信 about to expire
	LetterStaleDays     = 30 // an expired letter is followed up for this long
	ProbationSoonDays   = 30 // probation ending: prepare the 转正 application
	BirthdayNamesInItem = 6  // names listed in a branch's 政治生日 line
)

// todoSeverity is the severity of an open item due on due, seen on asOf, with
// a lead time: overdue after the day, soon within lead days of it, else info.
func todoSeverity(due, asOf Date, lead int) string {
	switch {
	case asOf.After(due):
		return SeverityOverdue
	case !asOf.AddDays(lead).Before(due):
		return SeveritySoon
	}
	return SeverityInfo
}

// LetterExpiry is the last day a 组织关系转出 介绍信 is valid: issued on
// date, valid for days (DefaultLetterValidDays when 0), the issue day
// counting as the first.
func LetterExpiry(issued Date, days int) Date {
	if days <= 0 {
		days = DefaultLetterValidDays
	}
	return issued.AddDays(days)
}

// ProbationDue is when a 预备党员 who joined on join should be made 正式党员
// (one year after the 支部大会 vote, DevProbationEnd); zero without a date.
func ProbationDue(join Date) Date {
	if join.IsZero() {
		return Date{}
	}
	d, err := DevProbationEnd(join, 0)
	if err != nil {
		return Date{}
	}
	return d
}
