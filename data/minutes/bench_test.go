package minutes

import (
	"fmt"
	"testing"

	"dangjian/data/sheet"
)

// BenchmarkImport2000: a ten-year ledger of 2,000 meetings, planned and
// applied in one transaction.
func BenchmarkImport2000(b *testing.B) {
	rows := [][]any{ledgerHeader}
	kinds := []string{"支部党员大会", "支委会", "党课", "主题党日"}
	for i := 0; i < 2000; i++ {
		day := fmt.Sprintf("%d-%02d-%02d 14:30", 2015+i/200, 1+(i/16)%12, 1+i%28)
		rows = append(rows, meetingRow(i+1, "机关党支部", kinds[i%4], fmt.Sprintf("第%d次会议", i+1), day, 9, 7, "王五（病假）、赵六（出差）", ""))
	}
	file := xlsx(b, "机关党支部会议台账", rows)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, _ := orgStore(b)
		b.StartTimer()
		sh, err := ReadBytes("台账.xlsx", file)
		if err != nil {
			b.Fatal(err)
		}
		res, err := Apply(ctx, s, sh, sheet.AllOrNothing, nil)
		if err != nil || res.Imported != 2000 {
			b.Fatalf("%+v %v", res.Rejected, err)
		}
	}
}
