package data

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
)

// 统计 (issue 13, domain.md §9): member counts by branch, sex, 民族, age,
// education, 党龄, 人员类别 and 党籍 as of a day, the development pipeline,
// meetings held vs required, dues and scores — for the whole organisation
// or one branch. The screen, the printed 党内统计 tables, the xlsx and the
// CLI all print these values.
//
// Who is counted: dossiers not deleted, not on the 历史党员 roster (those
// who left are not counted), and already members on the day — 入党 date
// and 组织关系转入 date both on or before it. A 正式党员 whose 转正 date is
// after the day counts as 预备党员 on it.

// StatCount is one labelled number of a breakdown.
type StatCount struct {
	Label string `json:"label"`
	N     int    `json:"n"`
}

// StatCounts is a breakdown in table order. Its JSON is an object whose keys
// are the Chinese labels in that order: {"男": 120, "女": 80}.
type StatCounts []StatCount

// MarshalJSON writes the breakdown as an ordered object.
func (cs StatCounts) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(c.Label)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		fmt.Fprintf(&b, ":%d", c.N)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Sum adds the counts.
func (cs StatCounts) Sum() int {
	n := 0
	for _, c := range cs {
		n += c.N
	}
	return n
}

// Of is the count labelled label (0 when absent).
func (cs StatCounts) Of(label string) int {
	for _, c := range cs {
		if c.Label == label {
			return c.N
		}
	}
	return 0
}

// StatUnknown is the label of members whose field is blank.
const StatUnknown = "未填写"

// AgeBands are the age bands of the 党内统计 tables, by age in whole
// years on the as-of day.
var AgeBands = []string{"30岁及以下", "31–35岁", "36–40岁", "41–45岁", "46–50岁", "51–55岁", "56–60岁", "61岁及以上"}

// AgeBand is the band of an age (-1: unknown).
func AgeBand(age int) string {
	switch {
	case age < 0:
		return StatUnknown
	case age <= 30:
		return AgeBands[0]
	case age >= 61:
		return AgeBands[7]
	}
	return AgeBands[(age-31)/5+1]
}

// PartyAgeBands are the 党龄 bands: whole years since 转正 on the as-of
// day. 不满5年 is 0–4; 5–10年 takes 5 to 10 whole years; each later band ten
// years (11–20 …); 51年及以上 the rest. A 预备党员 has no 党龄 and is
// counted apart (PartyAgeProbationary), as is a 正式党员 without a 转正 date.
var PartyAgeBands = []string{"不满5年", "5–10年", "11–20年", "21–30年", "31–40年", "41–50年", "51年及以上"}

// Labels of members outside the 党龄 bands.
const (
	PartyAgeProbationary = "预备党员（无党龄）"
	PartyAgeUnknown      = "未填写转正日期"
)

// PartyAgeBand is the band of a 党龄 in whole years.
func PartyAgeBand(years int) string {
	switch {
	case years < 0:
		return PartyAgeUnknown
	case years < 5:
		return PartyAgeBands[0]
	case years <= 10:
		return PartyAgeBands[1]
	case years > 50:
		return PartyAgeBands[6]
	}
	return PartyAgeBands[(years-11)/10+2]
}

// educationAliases map the wordings rosters use to the 学历 rows of the
// tables (Educations), so 大专 and 大学专科 are counted together.
var educationAliases = map[string]string{
	"大专": "大学专科", "专科": "大学专科", "本科": "大学本科", "大学": "大学本科", "中专": "中等专科",
	"硕士研究生": "研究生", "博士研究生": "研究生", "硕士": "研究生", "博士": "研究生", "研究生及以上": "研究生",
	"技校": "技工学校", "职高": "高中", "中技": "技工学校",
}

// EducationRow is the 学历 row a wording is counted in.
func EducationRow(s string) string {
	if a, ok := educationAliases[s]; ok {
		return a
	}
	return s
}

// StatStandings are the 党籍 rows of the statistics, in order.
var StatStandings = []string{StandingFull, StandingProbationary}

// MeetingStat is one meeting kind over the scope: meetings the rules
// required in the periods ended by the day, and those held in them
// (ComplianceSummary's 应开 and 已开, summed over the branches).
type MeetingStat struct {
	Kind     string `json:"kind"`
	Required int    `json:"required"`
	Held     int    `json:"held"`
	Missing  int    `json:"missing"`
}

// Rate is held / required in percent, rounded down (-1 when nothing was due).
func (m MeetingStat) Rate() int {
	if m.Required == 0 {
		return -1
	}
	return m.Held * 100 / m.Required
}

// DuesStat is dues due and collected in the year up to the day, in 分
// (filled by the dues module's stats hook).
type DuesStat struct {
	Due       int64 `json:"due"`
	Collected int64 `json:"collected"`
	// Members with 6 or more months unpaid (the serious alarm).
	Alarms int `json:"alarms"`
	// UpTo is the last month counted ("2026-11"): the months ended by the day.
	UpTo string `json:"up_to"`
	// Branches are the same per branch, in the order of Stats.Branches.
	Branches []BranchDues `json:"branches,omitempty"`
}

// BranchDues is one branch's dues in DuesStat.
type BranchDues struct {
	BranchID  int64  `json:"branch_id"`
	Branch    string `json:"branch"`
	Due       int64  `json:"due"`
	Collected int64  `json:"collected"`
	Alarms    int    `json:"alarms"`
}

// OrgStat counts the organisation in scope.
type OrgStat struct {
	Branches int        `json:"branches"`
	Groups   int        `json:"groups"`
	ByKind   StatCounts `json:"by_kind"` // branches by 类型
	// Committees: branches with a committee (two or more posts held) on the day.
	Committees int `json:"committees"`
	// TermsDue: committees whose term has ended on the day (应换届).
	TermsDue int `json:"terms_due"`
}

// Stats is the statistics of one scope as of a day.
type Stats struct {
	AsOf     Date   `json:"as_of"`
	BranchID int64  `json:"branch_id,omitempty"` // 0: the whole organisation
	Scope    string `json:"scope"`               // the organisation's or the branch's name
	Total    int    `json:"total"`

	ByBranch       StatCounts `json:"by_branch"`
	BySex          StatCounts `json:"by_sex"`
	ByEthnicity    StatCounts `json:"by_ethnicity"`
	ByAgeBand      StatCounts `json:"by_age_band"`
	ByEducation    StatCounts `json:"by_education"`
	ByPartyAgeBand StatCounts `json:"by_party_age_band"`
	ByCategory     StatCounts `json:"by_category"`
	ByStanding     StatCounts `json:"by_standing"`
	// ByStage is the development pipeline (申请人, 积极分子, 发展对象 …),
	// filled by the 发展党员 module's stats hook; empty until then.
	ByStage StatCounts `json:"by_stage"`

	// Branches are the same counts per branch, for the tables with a row
	// per branch (党支部 in tree order; members without one last).
	Branches []BranchStat `json:"branches"`

	// Female and Minority are the two shares annual reports quote.
	Female   int `json:"female"`
	Minority int `json:"minority"` // not 汉族 (blank not counted)

	Org      OrgStat       `json:"org"`
	Meetings []MeetingStat `json:"meetings"`
	Dues     *DuesStat     `json:"dues,omitempty"`
	// Scores: checklist and task scores of the year, ranked (the whole
	// organisation) or the branch's own.
	Scores []BranchScore `json:"scores"`
}

// BranchStat is one branch's row of the per-branch tables.
type BranchStat struct {
	BranchID     int64  `json:"branch_id"`
	Branch       string `json:"branch"`
	Total        int    `json:"total"`
	Full         int    `json:"full"`
	Probationary int    `json:"probationary"`
	Female       int    `json:"female"`
	Minority     int    `json:"minority"`
	// College: 大专及以上 (研究生, 大学本科, 大学专科).
	College   int        `json:"college"`
	ByAgeBand StatCounts `json:"by_age_band"`
	// ByStage is the branch's development pipeline (the 发展党员 hook).
	ByStage StatCounts `json:"by_stage,omitempty"`
}

// CollegeEducated reports whether an education row counts as 大专及以上.
func CollegeEducated(edu string) bool {
	switch EducationRow(edu) {
	case "研究生", "大学本科", "大学专科":
		return true
	}
	return false
}

// StatsHook adds a module's part to the statistics (the development
// pipeline, dues): it fills its fields of st, whose scope and day are set.
type StatsHook func(ctx context.Context, s *Store, st *Stats) error

var (
	statsHooksMu sync.Mutex
	statsHooks   = map[string]StatsHook{}
)

// RegisterStats adds (or with nil removes) a module's statistics hook
// under a name ("development", "dues"). Call it from an init func.
func RegisterStats(name string, fn StatsHook) {
	statsHooksMu.Lock()
	defer statsHooksMu.Unlock()
	if fn == nil {
		delete(statsHooks, name)
		return
	}
	statsHooks[name] = fn
}

// statTally accumulates a breakdown with a fixed order of labels first, then
// others by count (ties by label), then StatUnknown last.
type statTally struct {
	fixed []string
	keep  bool // keep fixed labels with zero counts
	n     map[string]int
}

func newStatTally(fixed []string, keepZero bool) *statTally {
	return &statTally{fixed: fixed, keep: keepZero, n: map[string]int{}}
}

func (t *statTally) add(label string) {
	if label == "" {
		label = StatUnknown
	}
	t.n[label]++
}

func (t *statTally) counts() StatCounts {
	out := StatCounts{}
	seen := map[string]bool{}
	for _, l := range t.fixed {
		seen[l] = true
		if n := t.n[l]; n > 0 || t.keep {
			out = append(out, StatCount{l, n})
		}
	}
	var rest StatCounts
	for l, n := range t.n {
		if !seen[l] && l != StatUnknown {
			rest = append(rest, StatCount{l, n})
		}
	}
	sortStatCounts(rest)
	out = append(out, rest...)
	if n := t.n[StatUnknown]; n > 0 && !seen[StatUnknown] {
		out = append(out, StatCount{StatUnknown, n})
	}
	return out
}

// sortStatCounts orders by count, highest first, then by label.
func sortStatCounts(cs StatCounts) {
	slices.SortStableFunc(cs, func(a, b StatCount) int {
		if c := cmp.Compare(b.N, a.N); c != 0 {
			return c
		}
		return cmp.Compare(a.Label, b.Label)
	})
}
