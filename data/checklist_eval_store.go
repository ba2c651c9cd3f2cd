package data

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
)

// autoRules name the checklist items that score themselves from records.
var autoRules = []struct{ key, label string }{
	{"committee_in_term", "委员会在任期内且配备齐全"},
	{"contacts_complete", "书记、联络人、电话齐全"},
	{"groups_have_leaders", "各党小组有组长"},
	{"committee_monthly", "支委会每月召开"},
	{"general_quarterly", "支部党员大会每季度召开"},
	{"group_monthly", "党小组会每月召开"},
	{"lessons", "党课每季度一次，书记讲党课"},
	{"theme_day_monthly", "主题党日每月开展"},
	{"life_and_appraisal", "组织生活会和民主评议"},
	{"roster_complete", "党员档案必填信息完整"},
	{"no_lost_members", "无失联党员"},
	{"minutes_reviewed", "会议记录按时提交并审核"},
}

// AutoRules lists the rule keys with their labels, for the item editor.
func AutoRules() [][2]string {
	out := make([][2]string, len(autoRules))
	for i, r := range autoRules {
		out[i] = [2]string{r.key, r.label}
	}
	return out
}

// AutoRuleLabel is a rule's Chinese name, or "" when unknown.
func AutoRuleLabel(key string) string {
	for _, r := range autoRules {
		if r.key == key {
			return r.label
		}
	}
	return ""
}

// DimScore is a dimension's total for a branch.
type DimScore struct {
	Name  string `json:"name"`
	Score Points `json:"score"`
	Max   Points `json:"max"`
}

// BranchEvaluation is one branch's checklist for a year.
type BranchEvaluation struct {
	BranchID   int64       `json:"branch_id"`
	Branch     string      `json:"branch"`
	Items      []ItemScore `json:"items"`
	Score      Points      `json:"score"`
	Max        Points      `json:"max"` // without bonus items
	Dimensions []DimScore  `json:"dimensions"`
	Unscored   int         `json:"unscored"` // manual items still waiting for a reviewer
}

// evalContext is what the rules read, loaded once per evaluation.
type evalContext struct {
	year     int
	asOf     Date // the end of the year, or today for the current year
	today    Date
	warn     int // 换届提醒 lead time, months
	node     *OrgNode
	members  branchMembers
	cells    []ComplianceCell
	meetings []Meeting // the year's 党课, newest first
	minutes  minutesCount
}

// minutesCount is minutes_reviewed's count of a branch's minutes held by asOf.
type minutesCount struct{ total, approved, pending int }

// Evaluate scores the checklist of year for the given branches (all when
// nil): automatic items from the records with the reason shown, manual
// items from the reviewer's scores. A closed year reports what was frozen.
func (s *Store) Evaluate(ctx context.Context, year int, branchIDs []int64) ([]BranchEvaluation, error) {
	items, err := s.ChecklistItems(ctx, year)
	if err != nil {
		return nil, err
	}
	closed, err := s.ChecklistClosed(ctx, year)
	if err != nil {
		return nil, err
	}
	today := s.Today()
	asOf := Date{year, 12, 31}
	if today.Before(asOf) {
		asOf = today
	}
	tree, err := s.orgTree(ctx, false) // no member counts: the rules count for themselves
	if err != nil {
		return nil, err
	}
	want := map[int64]bool{}
	for _, id := range branchIDs {
		want[id] = true
	}
	var branches []*OrgNode
	for _, r := range tree {
		for _, b := range r.Children {
			if b.Unit.Founded.After(Date{year, 12, 31}) {
				continue // founded after the year: it owes nothing and has no score to rank
			}
			if len(want) == 0 || want[b.Unit.ID] {
				branches = append(branches, b)
			}
		}
	}
	cells, err := s.Compliance(ctx, year, branchIDs, today)
	if err != nil {
		return nil, err
	}
	stored, err := s.storedScores(ctx, year)
	if err != nil {
		return nil, err
	}
	warn := s.TermWarnMonths(ctx)
	// One narrow read of the members and one of the year's meetings,
	// grouped by branch (a read per branch took seconds at 1,000 branches).
	members, err := s.evalMembers(ctx)
	if err != nil {
		return nil, err
	}
	branchOf := map[int64]int64{}
	for _, b := range branches {
		branchOf[b.Unit.ID] = b.Unit.ID
		for _, g := range b.Children {
			branchOf[g.Unit.ID] = b.Unit.ID
		}
	}
	lessons, minutes, err := s.evalMeetings(ctx, year, asOf, today)
	if err != nil {
		return nil, err
	}
	meetingsOf := map[int64][]Meeting{}
	for _, m := range lessons {
		if b, ok := branchOf[m.UnitID]; ok {
			meetingsOf[b] = append(meetingsOf[b], m)
		}
	}
	minutesOf := map[int64]minutesCount{}
	for unit, c := range minutes {
		if b, ok := branchOf[unit]; ok {
			t := minutesOf[b]
			t.total, t.approved, t.pending = t.total+c.total, t.approved+c.approved, t.pending+c.pending
			minutesOf[b] = t
		}
	}
	cellsOf := map[int64][]ComplianceCell{}
	for _, c := range cells {
		cellsOf[c.BranchID] = append(cellsOf[c.BranchID], c)
	}
	var out []BranchEvaluation
	for _, b := range branches {
		ec := evalContext{year: year, asOf: asOf, today: today, warn: warn, node: b,
			members: *members.of(b.Unit.ID), cells: cellsOf[b.Unit.ID], meetings: meetingsOf[b.Unit.ID],
			minutes: minutesOf[b.Unit.ID]}
		ev := BranchEvaluation{BranchID: b.Unit.ID, Branch: b.Unit.Name()}
		dims := map[string]*DimScore{}
		var dimOrder []string
		for _, it := range items {
			sc := ItemScore{Item: it, BranchID: b.Unit.ID}
			row, has := stored[[2]int64{it.ID, b.Unit.ID}]
			if has {
				sc.Evidence, sc.Comment, sc.ScoredBy = row.Evidence, row.Comment, row.By
			}
			switch {
			case it.Rule != "" && closed && has && row.Score.Valid:
				sc.Auto, sc.Scored, sc.Score, sc.Reason = true, true, Points(row.Score.Int64), row.Reason
			case it.Rule != "":
				frac, reason := ec.rule(it.Rule)
				sc.Auto, sc.Scored, sc.Reason = true, true, reason
				sc.Score = Points(math.Round(float64(it.Points) * frac))
			case has && row.Score.Valid:
				sc.Scored, sc.Score, sc.Reason = true, Points(row.Score.Int64), row.Comment
			default:
				ev.Unscored++
			}
			ev.Items = append(ev.Items, sc)
			d := dims[it.Dimension]
			if d == nil {
				d = &DimScore{Name: it.Dimension}
				dims[it.Dimension] = d
				dimOrder = append(dimOrder, it.Dimension)
			}
			d.Score += sc.Score
			ev.Score += sc.Score
			if !it.Bonus {
				d.Max += it.Points
				ev.Max += it.Points
			} else {
				d.Max += it.Points
			}
		}
		for _, name := range dimOrder {
			ev.Dimensions = append(ev.Dimensions, *dims[name])
		}
		out = append(out, ev)
	}
	return out, nil
}

// evalGap is an incomplete dossier: its name and a flag per field the
// rules require, "1" where it is missing.
type evalGap struct{ name, flags string }

// missing lists the fields every dossier must have that the dossier lacks.
func (g evalGap) missing() []string {
	var miss []string
	for i, label := range []string{"性别", "出生日期", "公民身份号码", "入党日期", "转正日期", "电话"} {
		if i < len(g.flags) && g.flags[i] == '1' {
			miss = append(miss, label)
		}
	}
	return miss
}

// completeSQL: the dossier has every field the rules require.
const completeSQL = `(sex <> '' AND coalesce(birth_date, '') <> '' AND id_number <> '' AND coalesce(join_date, '') <> ''
	AND (standing <> '` + StandingFull + `' OR coalesce(full_date, '') <> '') AND phone <> '')`

// rosterGapsShown is how many incomplete dossiers a branch's reason names.
const rosterGapsShown = 5

// branchMembers is what the rules need of a branch's active members.
type branchMembers struct {
	total, full, complete int
	lost                  []string  // names of the 失联, in list order
	gaps                  []evalGap // the first incomplete dossiers, in list order
}

type evalMembersByBranch map[int64]*branchMembers

func (e evalMembersByBranch) of(branch int64) *branchMembers {
	if e[branch] == nil {
		e[branch] = &branchMembers{}
	}
	return e[branch]
}

// evalMembers counts the active members of every branch in the database
// and names only the few the reasons name (the 失联, the first incomplete
// dossiers), in the order of Members: one pass, grouped by branch.
func (s *Store) evalMembers(ctx context.Context) (evalMembersByBranch, error) {
	out := evalMembersByBranch{}
	where, args := MemberFilter{}.where()
	order := nameSortColumn(s.NameOrder(ctx)) + ", name, id"
	// An incomplete dossier is written as its name and a flag per field
	// (1: missing), in the order of evalMember.missing.
	gap := `name || char(31) || (sex = '') || (coalesce(birth_date, '') = '') || (id_number = '') ||
		(coalesce(join_date, '') = '') || (standing = '` + StandingFull + `' AND coalesce(full_date, '') = '') || (phone = '')`
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, `SELECT branch_id, count(*), sum(standing = ?), sum(`+completeSQL+`),
				coalesce(group_concat(name, char(30) ORDER BY `+order+`) FILTER (WHERE status = ?), ''),
				coalesce(group_concat(`+gap+`, char(30) ORDER BY `+order+`) FILTER (WHERE NOT `+completeSQL+`), '')
			FROM members WHERE branch_id IS NOT NULL AND `+where+` GROUP BY branch_id`,
			append([]any{StandingFull, StatusLost}, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var b int64
			var n, full, complete int
			var lost, gaps string
			if err := rows.Scan(&b, &n, &full, &complete, &lost, &gaps); err != nil {
				return err
			}
			bm := out.of(b)
			bm.total, bm.full, bm.complete = n, full, complete
			if lost != "" {
				bm.lost = strings.Split(lost, "\x1e")
			}
			for _, g := range strings.SplitN(gaps, "\x1e", rosterGapsShown+1) {
				name, flags, ok := strings.Cut(g, "\x1f")
				if !ok || len(bm.gaps) == rosterGapsShown {
					break
				}
				bm.gaps = append(bm.gaps, evalGap{name: name, flags: flags})
			}
		}
		return rows.Err()
	})
	return out, err
}

// evalMeetings reads what the rules read of the year's minutes: the 党课
// (newest first, as Meetings lists them) and, per unit, the count of
// minutes held by asOf for minutes_reviewed — those of a month not over by
// today (its month is today's or later) and not yet approved are pending,
// not late.
func (s *Store) evalMeetings(ctx context.Context, year int, asOf, today Date) ([]Meeting, map[int64]minutesCount, error) {
	var lessons []Meeting
	counts := map[int64]minutesCount{}
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, `SELECT unit_id, kind, date, status, host, topic, content
			FROM meetings WHERE deleted_at IS NULL AND kind = ? AND date >= ? AND date <= ? ORDER BY date DESC, start_time DESC, id DESC`,
			KindLesson, Date{year, 1, 1}, Date{year, 12, 31})
		if err != nil {
			return err
		}
		for rows.Next() {
			var m Meeting
			if err := rows.Scan(&m.UnitID, &m.Kind, &m.Date, &m.Status, &m.Host, &m.Topic, &m.Content); err != nil {
				rows.Close()
				return err
			}
			lessons = append(lessons, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = db.QueryContext(ctx, `SELECT unit_id, sum(pending), sum(NOT pending), sum(NOT pending AND status = ?) FROM (
				SELECT unit_id, status, (status <> ? AND substr(date, 1, 7) >= substr(?, 1, 7)) AS pending
				FROM meetings WHERE deleted_at IS NULL AND date >= ? AND date <= ? AND date <= ?)
			GROUP BY unit_id`, StatusApproved, StatusApproved, today, Date{year, 1, 1}, Date{year, 12, 31}, asOf)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var unit int64
			var c minutesCount
			if err := rows.Scan(&unit, &c.pending, &c.total, &c.approved); err != nil {
				return err
			}
			counts[unit] = c
		}
		return rows.Err()
	})
	return lessons, counts, err
}

func (s *Store) storedScores(ctx context.Context, year int) (map[[2]int64]scoreRow, error) {
	out := map[[2]int64]scoreRow{}
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, `SELECT s.item_id, s.branch_id, s.score, s.reason, s.evidence, s.comment, s.scored_by
			FROM checklist_scores s JOIN checklist_items i ON i.id = s.item_id WHERE i.year = ?`, year)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r scoreRow
			if err := rows.Scan(&r.ItemID, &r.BranchID, &r.Score, &r.Reason, &r.Evidence, &r.Comment, &r.By); err != nil {
				return err
			}
			out[[2]int64{r.ItemID, r.BranchID}] = r
		}
		return rows.Err()
	})
	return out, err
}

// rule computes one automatic item: the share of its points earned and why.
func (ec evalContext) rule(key string) (float64, string) {
	switch key {
	case "committee_monthly":
		return ec.kindShare(KindCommittee, "支委会")
	case "general_quarterly":
		return ec.kindShare(KindGeneralMeeting, "支部党员大会")
	case "group_monthly":
		return ec.kindShare(KindGroupMeeting, "党小组会")
	case "theme_day_monthly":
		return ec.kindShare(KindThemeDay, "主题党日")
	case "life_and_appraisal":
		a, ra := ec.kindShare(KindLifeMeeting, "组织生活会")
		b, rb := ec.kindShare(KindAppraisal, "民主评议党员")
		return (a + b) / 2, ra + "；" + rb
	case "lessons":
		return ec.lessons()
	case "committee_in_term":
		return ec.committeeInTerm()
	case "contacts_complete":
		return ec.contacts()
	case "groups_have_leaders":
		return ec.groupLeaders()
	case "roster_complete":
		return ec.rosterComplete()
	case "no_lost_members":
		lost := ec.members.lost
		if len(lost) == 0 {
			return 1, "无失联党员"
		}
		return 0, fmt.Sprintf("失联党员 %d 名：%s", len(lost), strings.Join(lost, "、"))
	case "minutes_reviewed":
		total, approved, pending := ec.minutes.total, ec.minutes.approved, ec.minutes.pending
		if total == 0 {
			if pending > 0 {
				return 1, fmt.Sprintf("本月会议记录 %d 份尚在办理，暂不计", pending)
			}
			return 0, "本年度没有会议记录"
		}
		reason := fmt.Sprintf("会议记录 %d 份，已审核 %d 份", total, approved)
		if pending > 0 {
			reason += fmt.Sprintf("（本月另有 %d 份尚在办理，暂不计）", pending)
		}
		return float64(approved) / float64(total), reason
	}
	return 0, "未知规则"
}

// kindShare is held/required over the year's periods that count: closed
// periods, and open ones already met (a month under way is not a fault).
func (ec evalContext) kindShare(kind, label string) (float64, string) {
	req, held := 0, 0
	var missing []string
	unit := ""
	for _, c := range ec.cells {
		if c.Kind != kind {
			continue
		}
		unit = c.Period.Kind
		if c.Open && c.Held < c.Required {
			continue
		}
		req += c.Required
		held += min(c.Held, c.Required)
		if c.Held < c.Required {
			missing = append(missing, c.Period.Label())
		}
	}
	if req == 0 {
		if unit == "" {
			return 1, label + "：本支部不适用或尚无应开期次"
		}
		return 1, label + "：尚无已结束的期次"
	}
	reason := fmt.Sprintf("%s应开 %d 次，已开 %d 次", label, req, held)
	if len(missing) > 0 {
		reason += "——缺 " + strings.Join(missing, "、")
	}
	return float64(held) / float64(req), reason
}

func (ec evalContext) lessons() (float64, string) {
	share, reason := ec.kindShare(KindLesson, "党课")
	gave := ""
	for _, m := range ec.meetings {
		if m.Kind != KindLesson || m.Date.After(ec.asOf) {
			continue // a lesson yet to be given is not given
		}
		// The secretary of the day: one who handed over later in the
		// year still gave the branch its lesson.
		if secretary := ec.node.Head(m.Date); secretary != "" && gaveLesson(m, secretary) {
			gave = secretary
			break
		}
	}
	if gave != "" {
		return 0.7*share + 0.3, reason + "；书记" + gave + "讲过党课"
	}
	return 0.7 * share, reason + "；本年度未见书记讲党课的记录"
}

// gaveLesson reports whether the minutes of a 党课 show name as its
// speaker: the 主讲人 line when the minutes have one ("主讲人： 赵书记",
// "主讲：赵书记同志"), else the host or the topic naming them.
func gaveLesson(m Meeting, name string) bool {
	speakerLine := false
	for _, line := range strings.Split(m.Content, "\n") {
		if !strings.Contains(line, "主讲") {
			continue
		}
		_, who, ok := strings.Cut(line, "主讲")
		who = strings.TrimLeft(who, "人： :\t")
		if !ok || who == "" {
			continue // the template's empty 主讲人： line
		}
		speakerLine = true
		if strings.Contains(who, name) {
			return true
		}
	}
	if speakerLine {
		return false
	}
	return m.Host == name || strings.Contains(m.Topic, name)
}

func (ec evalContext) committeeInTerm() (float64, string) {
	u := ec.node.Unit
	full := ec.members.full
	// Committee members are people: one holding two posts counts once.
	holders := map[string]bool{}
	for _, p := range ec.node.CurrentPosts(ec.asOf) {
		holders[p.Holder] = true
	}
	posts := len(holders)
	var parts []string
	score := 0.0
	switch u.TermStatus(ec.asOf, ec.warn) {
	case TermOK:
		score += 0.5
		parts = append(parts, "任期至 "+u.TermEnd().Chinese())
	case TermDueSoon:
		score += 0.5
		parts = append(parts, "任期将于 "+u.TermEnd().Chinese()+" 届满，请做好换届准备")
	case TermOverdue:
		parts = append(parts, "任期已于 "+u.TermEnd().Chinese()+" 届满未换届")
	default:
		parts = append(parts, "未填写本届任期")
	}
	switch {
	case full >= 7 && posts >= 3:
		score += 0.5
		parts = append(parts, fmt.Sprintf("支委会委员 %d 名", posts))
	case full >= 7:
		parts = append(parts, fmt.Sprintf("正式党员 %d 名，应设支委会（3 至 5 名委员），现有委员 %d 名", full, posts))
	case ec.node.Head(ec.asOf) != "":
		score += 0.5
		parts = append(parts, "正式党员不足 7 名，设书记一名")
	default:
		parts = append(parts, "未配备书记")
	}
	return score, strings.Join(parts, "；")
}

func (ec evalContext) contacts() (float64, string) {
	u := ec.node.Unit
	have, missing := 0, []string{}
	for _, f := range []struct{ label, v string }{{"书记", ec.node.Head(ec.asOf)}, {"党建联络人", u.Liaison}, {"联系电话", u.Phone}} {
		if f.v != "" {
			have++
		} else {
			missing = append(missing, f.label)
		}
	}
	if len(missing) == 0 {
		return 1, "书记、党建联络人、联系电话齐全"
	}
	return float64(have) / 3, "缺：" + strings.Join(missing, "、")
}

func (ec evalContext) groupLeaders() (float64, string) {
	if len(ec.node.Children) == 0 {
		return 1, "未设党小组"
	}
	have := 0
	var missing []string
	for _, g := range ec.node.Children {
		if g.Head(ec.asOf) != "" {
			have++
		} else {
			missing = append(missing, g.Unit.Name())
		}
	}
	reason := fmt.Sprintf("党小组 %d 个，有组长 %d 个", len(ec.node.Children), have)
	if len(missing) > 0 {
		reason += "——缺组长：" + strings.Join(missing, "、")
	}
	return float64(have) / float64(len(ec.node.Children)), reason
}

// rosterComplete: the fields every dossier must have.
func (ec evalContext) rosterComplete() (float64, string) {
	bm := ec.members
	if bm.total == 0 {
		return 0, "没有党员档案"
	}
	var gaps []string
	for _, m := range bm.gaps {
		gaps = append(gaps, m.name+"缺"+strings.Join(m.missing(), "、"))
	}
	reason := fmt.Sprintf("党员 %d 名，信息完整 %d 名", bm.total, bm.complete)
	if len(gaps) > 0 {
		reason += "——" + strings.Join(gaps, "；")
		if bm.total-bm.complete > len(gaps) {
			reason += "等"
		}
	}
	return float64(bm.complete) / float64(bm.total), reason
}
