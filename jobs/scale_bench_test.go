package jobs

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"dangjian/data"
	"dangjian/data/demo"
	"dangjian/data/roster"
	"dangjian/data/sheet"
	"dangjian/internal/peakrss"
)

// Issue 17's import rows, each against its floor measured in the same run
// (excelize's streaming read of the same file): a generated 100,000-row
// roster with 11 columns, and the app's own export of 100,000 members with
// every column. The files are built once and kept in the temporary folder.
// Run: go test -run '^$' -bench Scale -benchtime 1x -p 1 ./jobs/

const scaleMembers = 100000

// reportCPU adds the CPU time per operation (cpu-ms/op) to a benchmark.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() { b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op") }
}

// scaleIDNumber is a valid, unique 公民身份号码 for person i born on birth.
func scaleIDNumber(i int, birth data.Date, male bool) string {
	seq := 2 * (i % 499)
	if male {
		seq++
	} else {
		seq += 2
	}
	first := fmt.Sprintf("%06d%04d%02d%02d%03d", 110000+i/499%890000, birth.Y, int(birth.M), birth.D, seq)
	c, err := data.IDCheckChar(first)
	if err != nil {
		panic(err)
	}
	return first + string(c)
}

// scaleFile returns the cached file named name, building it with build
// the first time.
func scaleFile(b *testing.B, name string, build func(path string) error) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), name)
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".building.xlsx"
	if err := build(tmp); err != nil {
		os.Remove(tmp)
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// scaleRoster is a clean 100,000-row roster of 11 columns, written with
// excelize's StreamWriter, 200 branches.
func scaleRoster(b *testing.B) string {
	return scaleFile(b, "dangjian-bench-roster-100k-v1.xlsx", func(path string) error {
		f := excelize.NewFile()
		defer f.Close()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			return err
		}
		keys := []string{"name", "sex", "ethnicity", "birth_date", "id_number", "education", "branch", "standing", "join_date", "full_date", "phone"}
		head := make([]any, len(keys))
		for i, k := range keys {
			head[i] = roster.ColumnTitle(k)
		}
		if err := sw.SetRow("A1", head); err != nil {
			return err
		}
		surnames := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
		given := []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华")
		base := data.MustDate("1950-01-01")
		for i := 0; i < scaleMembers; i++ {
			birth := base.AddDays(i * 7 % 16000)
			join := birth.AddYears(25).AddDays(i % 900)
			male := i%3 != 0
			sex := "女"
			if male {
				sex = "男"
			}
			name := string(surnames[i%len(surnames)]) + string(given[i/len(surnames)%len(given)]) + string(given[i/7%len(given)])
			row := []any{name, sex, "汉族", birth.String(), scaleIDNumber(i, birth, male), "大学本科",
				fmt.Sprintf("第%d党支部", i%200+1), data.StandingFull, join.String(), join.AddYears(1).String(),
				fmt.Sprintf("13%09d", i)}
			ref, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := sw.SetRow(ref, row); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
		return f.SaveAs(path)
	})
}

// allColumns are every member field, as the export's column chooser
// offers them: the default columns first.
func allColumns() []roster.Column {
	cols := roster.DefaultColumns()
	have := map[string]bool{"branch_id": true, "group_id": true}
	for _, c := range cols {
		have[c.Key] = true
	}
	for _, f := range data.MemberFields() {
		if !have[f.Key] && f.Key != "id" && f.Key != "deleted" {
			cols = append(cols, roster.Column{Key: f.Key, Title: roster.ColumnTitle(f.Key)})
		}
	}
	return cols
}

// scaleExport is the app's own export, every column, of 100,000 members:
// the demo generator's dossiers copied with new ID numbers, inserted in
// one transaction.
func scaleExport(b *testing.B) string {
	return scaleFile(b, "dangjian-bench-export-100k-v1.xlsx", func(path string) error {
		ctx := context.Background()
		s, err := data.Open(filepath.Join(b.TempDir(), "export.db"), data.Options{})
		if err != nil {
			return err
		}
		defer s.Close()
		if _, err := demo.Load(ctx, s, demo.Options{Members: 300, Seed: 17}); err != nil {
			return err
		}
		ms, err := s.Members(ctx, data.MemberFilter{Roster: data.RosterAll})
		if err != nil {
			return err
		}
		err = s.Write(ctx, func(tx *data.Tx) error {
			for i := len(ms); i < scaleMembers; i++ {
				m := ms[i%len(ms)]
				m.ID = 0
				if m.IDNumber != "" {
					m.IDNumber = scaleIDNumber(i, m.BirthDate, m.Sex == "男")
				}
				if _, err := tx.InsertMember(data.RoleOffice, m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		_, err = ExportMembers(ctx, s, MembersOptions{Options: Options{Out: path}, Roster: data.RosterAll, Columns: allColumns()}, nil)
		return err
	})
}

// benchImport imports path into an empty database per operation.
func benchImport(b *testing.B, path string) {
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := data.Open(filepath.Join(b.TempDir(), fmt.Sprintf("import%d.db", i)), data.Options{})
		if err != nil {
			b.Fatal(err)
		}
		peakrss.Reset()
		b.StartTimer()
		stop := reportCPU(b)
		res, err := ImportMembers(ctx, s, path, sheet.ValidOnly, nil)
		b.StopTimer()
		stop()
		b.ReportMetric(peakrss.PeakMB(), "peak-MB")
		b.ReportMetric(float64(res.Imported), "rows")
		s.Close()
		if err != nil || res.Imported < scaleMembers*9/10 {
			b.Fatalf("imported %d, rejected %d %v: %v", res.Imported, len(res.Rejected), res.Rejected[:min(3, len(res.Rejected))], err)
		}
		b.StartTimer()
	}
}

// benchFloor reads every cell of path's first sheet with excelize's
// streaming reader.
func benchFloor(b *testing.B, path string) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		peakrss.Reset()
		b.StartTimer()
		stop := reportCPU(b)
		f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows(f.GetSheetList()[0])
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			cells, err := rows.Columns()
			if err != nil {
				b.Fatal(err)
			}
			n += len(cells)
		}
		rows.Close()
		f.Close()
		b.StopTimer()
		stop()
		b.ReportMetric(peakrss.PeakMB(), "peak-MB")
		if n < scaleMembers {
			b.Fatalf("read %d cells", n)
		}
		b.StartTimer()
	}
}

func BenchmarkScaleImportRoster(b *testing.B)      { benchImport(b, scaleRoster(b)) }
func BenchmarkScaleImportRosterFloor(b *testing.B) { benchFloor(b, scaleRoster(b)) }

func BenchmarkScaleReimportExport(b *testing.B)      { benchImport(b, scaleExport(b)) }
func BenchmarkScaleReimportExportFloor(b *testing.B) { benchFloor(b, scaleExport(b)) }
