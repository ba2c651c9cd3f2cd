package roster

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// FuzzImport feeds the importer arbitrary files: it must never panic, and
// an import that fails must leave the database exactly as it was (member
// and audit counts unchanged); one that succeeds adds what it says.
//
// The seed corpus in testdata/fuzz/FuzzImport holds realistic rosters
// (the messy sheet, an exported demo roster, CSVs in UTF-8 and GBK); run
// with ROSTER_WRITE_FUZZ_SEEDS=1 go test -run TestWriteFuzzSeeds to
// rebuild it.
func FuzzImport(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s.b, s.csv)
	}
	s, _ := orgStore(f)
	f.Fuzz(func(t *testing.T, b []byte, asCSV bool) {
		name := "roster.xlsx"
		if asCSV {
			name = "roster.csv"
		}
		sh, err := ReadBytes(name, b)
		if err != nil {
			return
		}
		p, err := PlanImport(ctx, s, sh)
		if err != nil {
			return
		}
		if err := WriteRejections(discard{}, p); err != nil {
			t.Fatalf("WriteRejections: %v", err)
		}
		for _, mode := range []Mode{AllOrNothing, ValidOnly} {
			m0, a0 := counts(t, s)
			res, err := Apply(ctx, s, sh, mode, nil)
			m1, a1 := counts(t, s)
			switch {
			case err != nil && (m1 != m0 || a1 != a0):
				t.Fatalf("%v failed (%v) but wrote: members %d→%d, audit %d→%d", mode, err, m0, m1, a0, a1)
			case err == nil && m1 != m0+res.Imported:
				t.Fatalf("%v: %d imported but members %d→%d", mode, res.Imported, m0, m1)
			case err == nil && a1 < a0+int64(res.Imported+res.Updated):
				t.Fatalf("%v: %d written but audit %d→%d", mode, res.Imported+res.Updated, a0, a1)
			case mode == AllOrNothing && len(p.Rejected) > 0 && !errors.Is(err, ErrRejected) && err == nil:
				t.Fatalf("all-or-nothing imported a sheet with rejections: %+v", res)
			}
		}
	})
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

type seed struct {
	name string
	b    []byte
	csv  bool
}

// fuzzSeeds are the realistic sheets the corpus is built from.
func fuzzSeeds(tb testing.TB) []seed {
	text := csvRoster(tb, ",")
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(text)
	return []seed{
		{"csv-utf8-bom", append([]byte{0xEF, 0xBB, 0xBF}, text...), true},
		{"csv-gbk", []byte(gbk), true},
		{"csv-small", []byte("姓名,性别,身份证号,所在支部,党籍状态,入党日期,转正日期\n张三,男,110105198001020112,机关党支部,正式党员,2005-07-01,2006-07-01\n合计,1\n"), true},
	}
}

// TestWriteFuzzSeeds rebuilds the seed corpus from realistic sheets.
func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("ROSTER_WRITE_FUZZ_SEEDS") == "" {
		t.Skip("set ROSTER_WRITE_FUZZ_SEEDS=1 to rebuild testdata/fuzz/FuzzImport")
	}
	seeds := []seed{
		{"messy-xlsx", newMessy(t).file, false},
		{"demo-export-60", demoRoster(t, 60), false},
		{"two-header-rows", buildXLSX(t, sheetSpec{rows: [][]cell{
			{"党员名册"},
			{"序号", "姓名", "基本情况", "基本情况", "党籍", "党籍", "所在支部"},
			{"序号", "姓名", "性别", "出生年月", "入党时间", "转正时间", "所在支部"},
			{1, "张三", "男", 29221, "2005.07", "2006.07", "第一车队党支部"},
			{2, "李四", "女", "1982.1", 38534, "", "机关"},
			{"合计", "2人"},
		}, merges: [][2]string{{"A1", "G1"}, {"A2", "A3"}, {"B2", "B3"}, {"C2", "D2"}, {"E2", "F2"}, {"G2", "G3"}}}), false},
	}
	text := csvRoster(t, ",")
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(text)
	seeds = append(seeds,
		seed{"csv-utf8-bom", append([]byte{0xEF, 0xBB, 0xBF}, text...), true},
		seed{"csv-gbk", []byte(gbk), true})
	dir := filepath.Join("testdata", "fuzz", "FuzzImport")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, s := range seeds {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\nbool(%v)\n", s.b, s.csv)
		if err := os.WriteFile(filepath.Join(dir, s.name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
