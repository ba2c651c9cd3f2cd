package roster

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"dangjian/data"
)

var ctx = context.Background()

// openStore opens an empty database on the real clock: the plan's "today"
// (data.Today) and the transaction's must agree.
func openStore(tb testing.TB) *data.Store {
	tb.Helper()
	s, err := data.Open(filepath.Join(tb.TempDir(), "roster.db"), data.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// orgStore has a 党总支 with two branches; the first has two groups.
//
//	中共示范公司总支部委员会 (示范党总支)
//	├── 中共示范公司第一车队支部委员会 (第一车队党支部): 第一党小组, 第二党小组
//	└── 中共示范公司机关支部委员会 (机关党支部)
func orgStore(tb testing.TB) (*data.Store, map[string]int64) {
	tb.Helper()
	s := openStore(tb)
	ids := map[string]int64{}
	err := s.Write(ctx, func(tx *data.Tx) error {
		root, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "中共示范公司总支部委员会", ShortName: "示范党总支"})
		if err != nil {
			return err
		}
		ids["root"] = root.ID
		for _, b := range []struct{ full, short string }{
			{"中共示范公司第一车队支部委员会", "第一车队党支部"},
			{"中共示范公司机关支部委员会", "机关党支部"},
		} {
			u, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: b.full, ShortName: b.short})
			if err != nil {
				return err
			}
			ids[b.short] = u.ID
		}
		for _, g := range []string{"第一党小组", "第二党小组"} {
			u, err := tx.SaveUnit(data.RoleOffice, data.OrgUnit{Level: data.LevelGroup, ParentID: ids["第一车队党支部"], FullName: "第一车队党支部" + g, ShortName: g})
			if err != nil {
				return err
			}
			ids[g] = u.ID
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return s, ids
}

// cell is a value for xlsx: a string is written as text, an int or
// float64 as a number (how Excel stores dates and numbers typed into
// General cells).
type cell = any

// sheetSpec builds an .xlsx in memory.
type sheetSpec struct {
	name   string
	rows   [][]cell
	merges [][2]string
	// dateStyle gives the listed columns (1-based) a date display format,
	// as a real roster's 出生日期 column has.
	dateCols []int
	dateFmt  string
}

func buildXLSX(tb testing.TB, sp sheetSpec) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	name := sp.name
	if name == "" {
		name = "Sheet1"
	} else if err := f.SetSheetName("Sheet1", name); err != nil {
		tb.Fatal(err)
	}
	for r, row := range sp.rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue(name, ref, v); err != nil {
				tb.Fatal(err)
			}
		}
	}
	for _, m := range sp.merges {
		if err := f.MergeCell(name, m[0], m[1]); err != nil {
			tb.Fatal(err)
		}
	}
	if len(sp.dateCols) > 0 {
		fmtCode := sp.dateFmt
		if fmtCode == "" {
			fmtCode = "yyyy\"年\"m\"月\"d\"日\""
		}
		st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &fmtCode})
		if err != nil {
			tb.Fatal(err)
		}
		for _, c := range sp.dateCols {
			col, _ := excelize.ColumnNumberToName(c)
			if err := f.SetColStyle(name, col, st); err != nil {
				tb.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// idFor builds a valid 18-digit number for a birth date and sequence
// (odd = male), from a Beijing region code.
func idFor(tb testing.TB, birth string, seq int) string {
	tb.Helper()
	d := data.MustDate(birth)
	first := fmt.Sprintf("110105%04d%02d%02d%03d", d.Y, int(d.M), d.D, seq)
	c, err := data.IDCheckChar(first)
	if err != nil {
		tb.Fatal(err)
	}
	return first + string(c)
}

// counts are the member and audit row counts, to prove nothing was written.
func counts(tb testing.TB, s *data.Store) (members int, audit int64) {
	tb.Helper()
	ms, err := s.Members(ctx, data.MemberFilter{Roster: data.RosterAll})
	if err != nil {
		tb.Fatal(err)
	}
	n, err := s.VerifyAudit(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	return len(ms), n
}

func mustRead(tb testing.TB, name string, b []byte) *Sheet {
	tb.Helper()
	sh, err := ReadBytes(name, b)
	if err != nil {
		tb.Fatalf("ReadBytes(%s): %v", name, err)
	}
	return sh
}

func mustPlan(tb testing.TB, s *data.Store, sh *Sheet) *Plan {
	tb.Helper()
	p, err := PlanImport(ctx, s, sh)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func contextWithCancel() (context.Context, context.CancelFunc) {
	return context.WithCancel(ctx)
}

// addSheet appends a sheet to an .xlsx.
func addSheet(tb testing.TB, file []byte, name string, rows [][]cell) []byte {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(file))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	if _, err := f.NewSheet(name); err != nil {
		tb.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue(name, ref, v); err != nil {
				tb.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
