package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Todo gathers every registered module's reminders as of asOf for role:
// the office sees every branch, a branch copy its own branch only. Items
// come sorted: overdue first, then due soon, then the rest, each by date.
func (s *Store) Todo(ctx context.Context, role Role, asOf Date) ([]TodoItem, error) {
	names, err := s.UnitNames(ctx)
	if err != nil {
		return nil, err
	}
	q := TodoQuery{Store: s, Role: role, AsOf: asOf, Names: names, tree: &todoTree{}}
	remindersMu.Lock()
	provs := make([]string, 0, len(reminders))
	fns := make(map[string]ReminderFunc, len(reminders))
	for n, fn := range reminders {
		provs = append(provs, n)
		fns[n] = fn
	}
	remindersMu.Unlock()
	sort.Strings(provs)
	// The providers read independently: run them side by side (the read
	// pool has several connections), then merge in name order.
	results := make([][]TodoItem, len(provs))
	errs := make([]error, len(provs))
	var wg sync.WaitGroup
	for i, n := range provs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = fns[n](ctx, q)
		}()
	}
	wg.Wait()
	out := []TodoItem{}
	for i, n := range provs {
		if errs[i] != nil {
			return nil, fmt.Errorf("读取提醒（%s）时出错：%w", n, errs[i])
		}
		for _, it := range results[i] {
			if !q.Sees(it.BranchID) {
				continue
			}
			if it.Branch == "" && it.BranchID != 0 {
				it.Branch = names[it.BranchID]
			}
			out = append(out, it)
		}
	}
	SortTodo(out)
	return out, nil
}

func init() {
	RegisterReminders("review", reviewReminders)
	RegisterReminders("meeting", meetingReminders)
	RegisterReminders("task", taskReminders)
	RegisterReminders("term", termReminders)
	RegisterReminders("transfer", transferReminders)
	RegisterReminders("birthday", birthdayReminders)
	// 预备党员 without a development file; those with one are reminded by
	// the 发展党员 module's "development" provider (development_todo.go).
	RegisterReminders("probation", probationReminders)
}

// todoStampDate is the calendar day of a stored RFC 3339 timestamp, in local
// time (the day the user saw), or the zero date.
func todoStampDate(at string) Date {
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return Date{}
	}
	return DateOf(t.Local())
}

// reviewReminders: minutes submitted and waiting for the office's review
// (the office), or returned to the branch for changes (the branch copy).
// Each is due a week after it was submitted or returned.
func reviewReminders(ctx context.Context, q TodoQuery) ([]TodoItem, error) {
	status, days := StatusSubmitted, ReviewDays
	if !q.Role.Office {
		status, days = StatusReturned, ReturnedDays
	}
	var out []TodoItem
	err := q.Store.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, `SELECT m.id, m.unit_id, coalesce(u.parent_id, 0), u.level, m.kind, m.topic, m.date,
			m.submitted_at, m.reviewed_at, m.review_comment
			FROM meetings m JOIN org_units u ON u.id = m.unit_id
			WHERE m.deleted_at IS NULL AND m.status = ? AND m.date <= ?`, status, q.AsOf)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, unit, parent int64
			var level, kind, topic, submitted, reviewed, comment string
			var day Date
			if err := rows.Scan(&id, &unit, &parent, &level, &kind, &topic, &day, &submitted, &reviewed, &comment); err != nil {
				return err
			}
			branch := unit
			if OrgLevel(level) == LevelGroup {
				branch = parent
			}
			from := todoStampDate(submitted)
			if status == StatusReturned {
				from = todoStampDate(reviewed)
			}
			if from.IsZero() || from.After(q.AsOf) {
				from = day
			}
			due := from.AddDays(days)
			what := fmt.Sprintf("%s %s", day.Chinese(), kind)
			if topic != "" {
				what += "“" + topic + "”"
			}
			title := "待审核会议记录：" + q.Names[unit] + " " + what
			if status == StatusReturned {
				title = "退回修改的会议记录：" + what
				if comment != "" {
					title += "（意见：" + comment + "）"
				}
			}
			out = append(out, TodoItem{Kind: TodoReview, Title: title, BranchID: branch, Due: due,
				Severity: todoSeverity(due, q.AsOf, days), Ref: TodoRef{Entity: EntityMeeting, ID: id}})
		}
		return rows.Err()
	})
	return out, err
}

// meetingReminders: per branch and kind, from the compliance summary as of
// the day: the last ended period short of meetings, for a month after it
// ended (overdue: follow it up), and the period under way still short (due
// soon in its last days, else a hint).
func meetingReminders(ctx context.Context, q TodoQuery) ([]TodoItem, error) {
	var only []int64
	if !q.Role.Office {
		only = []int64{q.Role.BranchID}
	}
	tree, err := q.orgTree(ctx)
	if err != nil {
		return nil, err
	}
	cells, err := q.Store.compliance(ctx, tree, q.AsOf.Y, only, q.AsOf)
	if err != nil {
		return nil, err
	}
	var out []TodoItem
	for _, sum := range SummarizeCompliance(cells, q.AsOf) {
		var parts []string
		it := TodoItem{Kind: TodoMeeting, BranchID: sum.BranchID, Branch: sum.Branch}
		// A period just missed is followed up for MeetingGapDays days;
		// older gaps are in the 落实情况 matrix, not on the to-do list.
		if sum.Short() {
			last := sum.Gaps[len(sum.Gaps)-1]
			if !q.AsOf.After(last.End().AddDays(MeetingGapDays)) {
				text := PeriodName(last) + "未按要求召开"
				if sum.Missing > 1 || len(sum.Gaps) > 1 {
					text += fmt.Sprintf("（全年已缺 %d 次）", sum.Missing)
				}
				parts = append(parts, text)
				it.Severity, it.Due = SeverityOverdue, last.End()
			}
		}
		if sum.InProgress() {
			c := sum.Current
			name := PeriodName(c.Period)
			if c.Period.Kind == "year" {
				name = "本年度"
			}
			parts = append(parts, fmt.Sprintf("%s还应召开 %d 次", name, c.Required-c.Held))
			if it.Severity == "" {
				it.Severity, it.Due = todoSeverity(c.Period.End(), q.AsOf, MeetingSoonDays), c.Period.End()
			}
		}
		if len(parts) == 0 {
			continue
		}
		it.Title = sum.Kind + "：" + strings.Join(parts, "；")
		it.Ref = TodoRef{Screen: "三会一课/落实情况", Filter: map[string]string{
			"branch": strconv.FormatInt(sum.BranchID, 10), "year": strconv.Itoa(q.AsOf.Y)}}
		out = append(out, it)
	}
	return out, nil
}

// taskReminders: 督办 assignments of this year and last that are overdue
// or due within their reminder lead time. For the office, one reported and
// waiting for its review says so.
func taskReminders(ctx context.Context, q TodoQuery) ([]TodoItem, error) {
	var out []TodoItem
	err := q.Store.read(func(db *sql.DB) error {
		// Only the columns the items need, and only assignments due by the
		// day plus their lead time (a superset of the classification below).
		where, args := "", []any{TaskDone, q.AsOf.Y - 1, q.AsOf.Y, q.AsOf, q.AsOf}
		if !q.Role.Office {
			where, args = " AND a.branch_id = ?", append(args, q.Role.BranchID)
		}
		rows, err := db.QueryContext(ctx, `SELECT a.id, a.branch_id, a.status, a.due, t.title, t.remind_days
			FROM task_assignments a JOIN tasks t ON t.id = a.task_id
			WHERE t.deleted_at IS NULL AND a.status <> ? AND t.year IN (?, ?)
			  AND (a.due <= ? OR a.due <= date(?, t.remind_days || ' days'))`+where+`
			ORDER BY t.year, t.sort_order, t.id, a.branch_id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a Assignment
			if err := rows.Scan(&a.ID, &a.BranchID, &a.Status, &a.Due, &a.Task.Title, &a.Task.RemindDays); err != nil {
				return err
			}
			// The classification TaskReminders makes, on open assignments only.
			var sev string
			switch {
			case a.Overdue(q.AsOf):
				sev = SeverityOverdue
			case a.DueSoon(q.AsOf):
				sev = SeveritySoon
			default:
				continue
			}
			title := a.Task.Title
			switch a.Status {
			case TaskReported:
				if q.Role.Office {
					title = "待审核：" + a.Task.Title
				} else {
					title += "（已报送，等待审核）"
				}
			case TaskReturned:
				title += "（被退回，请重新报送）"
			}
			out = append(out, TodoItem{Kind: TodoTask, Title: title, BranchID: a.BranchID, Due: a.Due, Severity: sev,
				Ref: TodoRef{Entity: EntityAssignment, ID: a.ID}})
		}
		return rows.Err()
	})
	return out, err
}

// termReminders: committees whose term ends within the 换届 warning window
// (due soon) or has ended (overdue), worded as TermNote words them.
func termReminders(ctx context.Context, q TodoQuery) ([]TodoItem, error) {
	tree, err := q.orgTree(ctx)
	if err != nil {
		return nil, err
	}
	var units []OrgUnit // in tree order, as OrgUnits lists them
	for _, r := range tree {
		r.Walk(func(n *OrgNode, _ int) { units = append(units, n.Unit) })
	}
	warn := q.Store.TermWarnMonths(ctx)
	var out []TodoItem
	for _, u := range units {
		if u.Deleted || u.Level == LevelGroup {
			continue
		}
		var sev string
		switch u.TermStatus(q.AsOf, warn) {
		case TermDueSoon:
			sev = SeveritySoon
		case TermOverdue:
			sev = SeverityOverdue
		default:
			continue
		}
		branch := u.ID
		if u.Level == LevelGeneral {
			branch = 0 // the general branch's own committee: the office's item
			if !q.Role.Office {
				continue
			}
		}
		out = append(out, TodoItem{Kind: TodoTerm, Title: "委员会" + u.TermNote(q.AsOf, warn), BranchID: branch,
			Branch: u.Name(), Due: u.TermEnd(), Severity: sev, Ref: TodoRef{Entity: EntityOrgUnit, ID: u.ID}})
	}
	return out, nil
}

// transferReminders: members transferred out whose 介绍信 is about to
// expire (the receiving organisation's 回执 should be back by then), or
// expired within the last LetterStaleDays days. Only people still
// recorded as 转出 count: one who came back is settled.
func transferReminders(ctx context.Context, q TodoQuery) ([]TodoItem, error) {
	// Letters issued within the longest plausible validity plus the
	// follow-up window; validity beyond a year is not a real letter.
	since := q.AsOf.AddDays(-(366 + LetterStaleDays))
	var out []TodoItem
	err := q.Store.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, `SELECT m.id, m.name, coalesce(m.branch_id, 0), e.date,
			coalesce(json_extract(e.details, '$.valid_days'), 0), coalesce(json_extract(e.details, '$.to'), ''),
			coalesce(json_extract(e.details, '$.letter_no'), '')
			FROM member_events e JOIN members m ON m.id = e.member_id
			WHERE e.kind = ? AND e.deleted_at IS NULL AND e.date >= ? AND e.date <= ?
			  AND m.deleted_at IS NULL AND m.status = ?
			ORDER BY e.date, e.id`, EventTransferOut, since, q.AsOf, StatusOut)
		if err != nil {
			return err
		}
		defer rows.Close()
		type letter struct {
			id, branch   int64
			name, to, no string
			issued       Date
			days         int
		}
		latest := map[int64]letter{} // a later letter to the same member supersedes
		var order []int64
		for rows.Next() {
			var l letter
			if err := rows.Scan(&l.id, &l.name, &l.branch, &l.issued, &l.days, &l.to, &l.no); err != nil {
				return err
			}
			if _, ok := latest[l.id]; !ok {
				order = append(order, l.id)
			}
			latest[l.id] = l
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range order {
			l := latest[id]
			end := LetterExpiry(l.issued, l.days)
			sev := todoSeverity(end, q.AsOf, LetterSoonDays)
			if sev == SeverityInfo || q.AsOf.After(end.AddDays(LetterStaleDays)) {
				continue
			}
			title := l.name + " 的组织关系介绍信"
			if l.no != "" {
				title += "（" + l.no + "）"
			}
			if sev == SeverityOverdue {
				title += "已于 " + end.Chinese() + " 过期，请确认是否已到" + todoOrDefault(l.to, "接收单位") + "报到"
			} else {
				title += "将于 " + end.Chinese() + " 到期，请跟进" + todoOrDefault(l.to, "接收单位") + "的回执"
			}
			out = append(out, TodoItem{Kind: TodoTransfer, Title: title, BranchID: l.branch, Due: end, Severity: sev,
				Ref: TodoRef{Entity: EntityMember, ID: l.id}})
		}
		return nil
	})
	return out, err
}

func todoOrDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// birthdayReminders: per branch, the active members whose 政治生日 (the
// anniversary of 入党) falls in asOf's month — one line per branch, due on
// the next such day still ahead this month (else the month's last).
func birthdayReminders(ctx context.Context, q TodoQuery) ([]TodoItem, error) {
	type person struct {
		name string
		join Date
	}
	per := map[int64][]person{}
	var order []int64
	month := fmt.Sprintf("%02d", int(q.AsOf.M))
	err := q.Store.read(func(db *sql.DB) error {
		args := []any{month, q.AsOf}
		where := ""
		if !q.Role.Office {
			where = " AND branch_id = ?"
			args = append(args, q.Role.BranchID)
		}
		// The selective terms first: SQLite tests them in the order written,
		// and most rows then fail before the later columns are decoded. The
		// people come as one text value (records split by char(30), a name
		// holding one reads it as a space), branch, date and name by char(31).
		var all sql.NullString
		err := db.QueryRowContext(ctx, `SELECT group_concat(concat_ws(char(31), coalesce(branch_id, 0), join_date,
				replace(name, char(30), ' ')), char(30) ORDER BY branch_id, substr(join_date, 9, 2), name) FROM members
			WHERE substr(join_date, 6, 2) = ? AND join_date < ?
			  AND deleted_at IS NULL AND status NOT IN (`+historyStatusList+`)`+where, args...).Scan(&all)
		if err != nil {
			return err
		}
		for rest := all.String; rest != ""; {
			rec := rest
			if i := strings.IndexByte(rest, 30); i >= 0 {
				rec, rest = rest[:i], rest[i+1:]
			} else {
				rest = ""
			}
			f := strings.SplitN(rec, "\x1f", 3)
			if len(f) != 3 {
				return fmt.Errorf("读取政治生日时出错：%q", rec)
			}
			b, err := strconv.ParseInt(f[0], 10, 64)
			if err != nil {
				return fmt.Errorf("读取政治生日时出错：%q", rec)
			}
			p := person{name: strings.Clone(f[2])}
			if p.join, err = ParseDate(f[1]); err != nil {
				return err
			}
			if _, ok := per[b]; !ok {
				order = append(order, b)
			}
			per[b] = append(per[b], p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	first := Date{q.AsOf.Y, q.AsOf.M, 1}
	last := first.AddMonths(1).AddDays(-1)
	var out []TodoItem
	for _, b := range order {
		ps := per[b]
		due := last
		var names []string
		for _, p := range ps {
			day := Member{JoinDate: p.join}.PoliticalBirthday(first)
			if !day.Before(q.AsOf) && day.Before(due) {
				due = day
			}
			if len(names) < BirthdayNamesInItem {
				names = append(names, fmt.Sprintf("%s（%d日）", p.name, day.D))
			}
		}
		list := strings.Join(names, "、")
		if len(ps) > len(names) {
			list += fmt.Sprintf(" 等 %d 人", len(ps))
		}
		out = append(out, TodoItem{Kind: TodoBirthday, Title: fmt.Sprintf("%d月政治生日：%s", int(q.AsOf.M), list),
			BranchID: b, Due: due, Severity: SeverityInfo,
			Ref: TodoRef{Screen: "党员档案", Filter: map[string]string{"branch": strconv.FormatInt(b, 10)}}})
	}
	return out, nil
}

// probationReminders: active 预备党员 whose year of probation (from the
// 入党 date, the 支部大会 vote) ends within ProbationSoonDays days, or has
// ended without 转正 recorded — the 支部大会 should decide (steps 22–23).
// Members with a development file are left to the "development" provider,
// which follows their file (an extension, the steps recorded).
func probationReminders(ctx context.Context, q TodoQuery) ([]TodoItem, error) {
	var out []TodoItem
	err := q.Store.read(func(db *sql.DB) error {
		// join_date + 1 year <= asOf + lead  ⇔  join_date <= (asOf + lead) - 1 year
		limit := q.AsOf.AddDays(ProbationSoonDays).AddYears(-1).AddDays(1)
		args := []any{StandingProbationary, limit}
		where := ""
		if !q.Role.Office {
			where = " AND branch_id = ?"
			args = append(args, q.Role.BranchID)
		}
		// The selective terms first (see birthdayReminders).
		rows, err := db.QueryContext(ctx, `SELECT id, name, coalesce(branch_id, 0), join_date FROM members
			WHERE standing = ? AND join_date <= ? AND join_date <> ''
			  AND deleted_at IS NULL AND status NOT IN (`+historyStatusList+`)
			  AND NOT EXISTS (SELECT 1 FROM dev_candidates c WHERE c.member_id = members.id AND c.deleted_at IS NULL)`+where, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, branch int64
			var name string
			var join Date
			if err := rows.Scan(&id, &name, &branch, &join); err != nil {
				return err
			}
			due := ProbationDue(join)
			if due.IsZero() {
				continue
			}
			sev := todoSeverity(due, q.AsOf, ProbationSoonDays)
			if sev == SeverityInfo {
				continue
			}
			title := fmt.Sprintf("预备党员 %s 的预备期将于 %s 届满，请准备转正", name, due.Chinese())
			if sev == SeverityOverdue {
				title = fmt.Sprintf("预备党员 %s 的预备期已于 %s 届满，应及时讨论转正", name, due.Chinese())
			}
			out = append(out, TodoItem{Kind: TodoDevelopment, Title: title, BranchID: branch, Due: due, Severity: sev,
				Ref: TodoRef{Entity: EntityMember, ID: id}})
		}
		return rows.Err()
	})
	return out, err
}
