package roster

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"dangjian/data"
)

// An import stores each person as soon as the row is planned. What it
// reports must not depend on that: a row the store refuses, then a row the
// plan rejects — all-or-nothing reports the plan's rejection alone and
// writes nothing, as when nothing was written before the plan was done;
// valid-only stores the rest and reports both, the plan's first. New
// branches and groups are created once, on first use, and listed in the
// order of the sheet; the audit log verifies and replays.
func TestStreamedImportReportsAsPlanned(t *testing.T) {
	for _, mode := range []Mode{ValidOnly, AllOrNothing} {
		t.Run(mode.String(), func(t *testing.T) {
			s, ids := orgStore(t)
			taken := idFor(t, "1980-01-01", 3)
			rows := [][]cell{{"姓名", "身份证号", "所在支部", "党小组", "党籍状态", "入党日期", "转正日期"}}
			for i := 0; i < 600; i++ {
				id := idFor(t, data.MustDate("1981-02-03").AddDays(i/400).String(), 2*(i%400)+1)
				branch := fmt.Sprintf("第%d新支部", i%3+1)
				switch i {
				case 5:
					id = taken
				case 400:
					id = "12345" // the plan rejects it
				}
				rows = append(rows, []cell{fmt.Sprintf("党员%d", i), id, branch, fmt.Sprintf("第%d小组", i%2+1), "正式党员", "2005-07-01", "2006-07-01"})
			}
			file := buildXLSX(t, sheetSpec{rows: rows})
			var m0 int
			var a0 int64
			testHookBeforeWrite = func() {
				if _, _, err := s.SaveMember(ctx, data.RoleOffice, data.Member{Name: "抢先", IDNumber: taken, BranchID: ids["机关党支部"], Standing: data.StandingProbationary}); err != nil {
					t.Error(err)
				}
				m0, a0 = counts(t, s)
			}
			defer func() { testHookBeforeWrite = nil }()
			res, err := Apply(ctx, s, mustRead(t, "x.xlsx", file), mode, nil)
			m1, a1 := counts(t, s)
			// The log, chained and replayed, holds exactly what was stored.
			if n, err := s.VerifyAudit(ctx); err != nil || n != a1 {
				t.Errorf("audit verify: %d rows of %d, %v", n, a1, err)
			}
			rejected := []int{}
			for _, r := range res.Rejected {
				rejected = append(rejected, r.Row)
			}
			switch mode {
			case AllOrNothing:
				if !errors.Is(err, ErrRejected) || fmt.Sprint(rejected) != "[402]" || res.Imported != 0 || len(res.CreatedBranches) != 0 ||
					m1 != m0 || a1 != a0 {
					t.Errorf("%v rejected %v imported %d created %v; members %d→%d, audit %d→%d", err, rejected, res.Imported, res.CreatedBranches, m0, m1, a0, a1)
				}
			case ValidOnly:
				if err != nil || fmt.Sprint(rejected) != "[402 7]" || !strings.Contains(res.Rejected[1].Reason, "已属于") || res.Imported != 598 ||
					m1 != m0+598 || fmt.Sprint(res.CreatedBranches) != "[第1新支部 第2新支部 第3新支部]" || len(res.CreatedGroups) != 6 {
					t.Errorf("%v rejected %v imported %d branches %v groups %v; members %d→%d", err, rejected, res.Imported, res.CreatedBranches, res.CreatedGroups, m0, m1)
				}
			}
		})
	}
}
