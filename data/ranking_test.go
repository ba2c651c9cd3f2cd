package data

import (
	"fmt"
	"strings"
	"testing"
)

func TestRankTies(t *testing.T) {
	list := []BranchScore{{Branch: "甲", Total: 800}, {Branch: "乙", Total: 900}, {Branch: "丙", Total: 900}, {Branch: "丁", Total: 700},
		{Branch: "戊", Total: 700}, {Branch: "己", Total: 700}, {Branch: "庚", Total: 0}}
	Rank(list)
	var got []string
	for _, b := range list {
		got = append(got, fmt.Sprintf("%d%s", b.Rank, b.Branch))
	}
	// Ties share a rank, the next rank is skipped; equal totals keep their order.
	if s := strings.Join(got, " "); s != "1乙 1丙 3甲 4丁 4戊 4己 7庚" {
		t.Errorf("ranks: %s", s)
	}
	Rank(nil)
	one := []BranchScore{{Total: 5}}
	if Rank(one); one[0].Rank != 1 {
		t.Error("single branch")
	}
}

func TestScoresAddChecklistAndTasks(t *testing.T) {
	s := openTest(t)
	root := mustUnit(t, s, OrgUnit{Level: LevelGeneral, FullName: "党总支"})
	var b [3]OrgUnit
	for i, name := range []string{"第一支部", "第二支部", "第三支部"} {
		b[i] = mustUnit(t, s, OrgUnit{Level: LevelBranch, ParentID: root.ID, FullName: name, Founded: MustDate("2020-01-01")})
	}
	// Identical branches: equal checklist scores, all first.
	scores, err := s.Scores(ctx, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if len(scores) != 3 || scores[0].Rank != 1 || scores[1].Rank != 1 || scores[2].Rank != 1 {
		t.Fatalf("identical branches: %+v", scores)
	}
	base := scores[0].Checklist
	// Manual scores: 第一 and 第二 +2 each, 第三 +1 — and tasks.
	items, _ := s.ChecklistItems(ctx, 2025)
	var manual ChecklistItem
	for _, it := range items {
		if it.Rule == "" && !it.Bonus {
			manual = it
			break
		}
	}
	for i, p := range []Points{20, 20, 10} {
		if err := s.SetManualScore(ctx, RoleOffice, manual.ID, b[i].ID, p, ""); err != nil {
			t.Fatal(err)
		}
	}
	t1 := mustTask(t, s, Task{Year: 2025, Aspect: "组织建设", Title: "任务一", Due: MustDate("2025-06-30"), Points: 50,
		Branches: []int64{b[0].ID, b[1].ID, b[2].ID}})
	mustTask(t, s, Task{Year: 2025, Aspect: "组织建设", Title: "任务二", Due: MustDate("2025-09-30"), Points: 25, Branches: []int64{b[0].ID}})
	mustTask(t, s, Task{Year: 2026, Aspect: "组织建设", Title: "明年的任务", Due: MustDate("2026-03-31"), Points: 90, Branches: []int64{b[1].ID}})
	office := Role{Office: true}
	pass := func(branch OrgUnit, score Points) {
		t.Helper()
		a := assignmentOf(t, s, t1.ID, branch.ID)
		for _, act := range []TaskAction{{Action: StepReport, Text: "完成"}, {Action: StepPass, Score: score}} {
			if _, err := s.ActOnTask(ctx, a.ID, office, act); err != nil {
				t.Fatal(err)
			}
		}
	}
	pass(b[0], 35) // 第一: 2 + 3.5
	pass(b[1], 45) // 第二: 2 + 4.5
	scores, err = s.Scores(ctx, 2025)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]BranchScore{}
	for _, sc := range scores {
		byName[sc.Branch] = sc
		if sc.Total != sc.Checklist+sc.Tasks || sc.Max != sc.ChecklistMax+sc.TasksMax {
			t.Errorf("%s: total %s = %s + %s? max %s", sc.Branch, sc.Total, sc.Checklist, sc.Tasks, sc.Max)
		}
		ev := evalOf(t, s, 2025, sc.BranchID)
		if sc.Checklist != ev.Score || sc.ChecklistMax != ev.Max || len(sc.Dimensions) != len(ev.Dimensions) || sc.Unscored != ev.Unscored {
			t.Errorf("%s: scores differ from the evaluation", sc.Branch)
		}
	}
	one, two, three := byName["第一支部"], byName["第二支部"], byName["第三支部"]
	if one.Checklist != base+20 || one.Tasks != 35 || one.TasksMax != 75 || one.OpenTasks != 1 {
		t.Errorf("第一支部 %+v", one)
	}
	if two.Tasks != 45 || two.TasksMax != 50 || two.OpenTasks != 0 {
		t.Errorf("第二支部 %+v", two)
	}
	if three.Checklist != base+10 || three.Tasks != 0 || three.TasksMax != 50 || three.OpenTasks != 1 {
		t.Errorf("第三支部 %+v", three)
	}
	if scores[0].Branch != "第二支部" || scores[0].Rank != 1 || scores[1].Branch != "第一支部" || scores[1].Rank != 2 ||
		scores[2].Rank != 3 {
		t.Errorf("order %s %s %s", scores[0].Branch, scores[1].Branch, scores[2].Branch)
	}
	// 第一 catches up with 第二 on the checklist: a tie for first, then 3.
	more := ChecklistItem{}
	for _, it := range items {
		if it.Rule == "" && !it.Bonus && it.ID != manual.ID {
			more = it
			break
		}
	}
	if err := s.SetManualScore(ctx, RoleOffice, more.ID, b[0].ID, 10, ""); err != nil {
		t.Fatal(err)
	}
	scores, _ = s.Scores(ctx, 2025)
	if scores[0].Total != scores[1].Total || scores[0].Rank != 1 || scores[1].Rank != 1 || scores[2].Rank != 3 {
		t.Errorf("tie: %d %s, %d %s, %d %s", scores[0].Rank, scores[0].Total, scores[1].Rank, scores[1].Total, scores[2].Rank, scores[2].Total)
	}
}
