package roster

import (
	"strings"
	"testing"

	"dangjian/data"
)

// TestImportHygiene: the reproductions of issue 11 item 6 in a roster —
// control and direction characters in cells, lone-CR line endings that
// merged two rows (one member vanished without a reason), and a branch
// named like a formula that was created as "=1+1".
func TestImportHygiene(t *testing.T) {
	idA, idB, idC := idFor(t, "1980-01-02", 11), idFor(t, "1982-02-03", 22), idFor(t, "1983-03-04", 33)
	rows := []string{
		"姓名,性别,身份证号码,所在支部,党籍状态,入党时间,备注",
		"\u202e张\u200b三\x1b[0m,男," + idA + ",第一车队党支部,正式党员,2005/7/1,驾驶员\a",
		"李四,女," + idB + ",机关党支部,正式党员,2010/7/1,",
		"王五,男," + idC + ",=1+1,正式党员,2012/7/1,",
	}
	for _, eol := range []string{"\r", "\r\n", "\n"} {
		t.Run(strings.NewReplacer("\r", "CR", "\n", "LF").Replace(eol), func(t *testing.T) {
			s, ids := orgStore(t)
			sh := mustRead(t, "花名册.csv", []byte(strings.Join(rows, eol)+eol))
			res, err := Apply(ctx, s, sh, ValidOnly, nil)
			if err != nil {
				t.Fatal(err)
			}
			// Both good rows are imported; the formula row is refused with
			// its reason, not lost and not creating a unit.
			if res.Imported != 2 || len(res.Rejected) != 1 || res.Rejected[0].Row != 4 ||
				!strings.Contains(res.Rejected[0].Reason, "像是表格公式") {
				t.Fatalf("imported %d, rejected %+v", res.Imported, res.Rejected)
			}
			if len(res.CreatedBranches) != 0 {
				t.Errorf("created %v from a formula cell", res.CreatedBranches)
			}
			ms, err := s.Members(ctx, data.MemberFilter{Roster: data.RosterAll})
			if err != nil {
				t.Fatal(err)
			}
			names := map[string]data.Member{}
			for _, m := range ms {
				names[m.Name] = m
			}
			zhang, ok := names["张三"]
			if !ok || zhang.Remarks != "驾驶员" || zhang.BranchID != ids["第一车队党支部"] {
				t.Errorf("members stored: %q", func() (l []string) {
					for n := range names {
						l = append(l, n)
					}
					return
				}())
			}
			var warned []string
			for _, w := range res.Warnings {
				if w.Row == 2 && strings.Contains(w.Reason, "已去掉") {
					warned = append(warned, w.Column)
				}
			}
			if strings.Join(warned, ",") != "姓名,备注" {
				t.Errorf("row 2 warnings name the cleaned columns: %v (all %+v)", warned, res.Warnings)
			}
		})
	}
}
