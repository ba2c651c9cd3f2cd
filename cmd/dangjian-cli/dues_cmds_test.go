package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"dangjian/data"
)

func TestDuesCalc(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none", "x.db")
	for _, c := range []struct {
		args []string
		code int
		fen  int64
		rate string
	}{
		{[]string{"--base", "1235", "--kind", "in-service"}, 0, 618, "0.5%"},
		{[]string{"--base", "3000.01"}, 0, 3000, "1%"},
		{[]string{"--base", "10000.01", "--kind", "in-service"}, 0, 20000, "2%"},
		{[]string{"--base", "5000", "--kind", "retired"}, 0, 2500, "0.5%"},
		{[]string{"--base", "5000.01", "--kind", "retired"}, 0, 5000, "1%"},
		{[]string{"--kind", "student"}, 0, 20, ""},
		{[]string{"--kind", "teacher", "--base", "1"}, 2, 0, ""},
		{[]string{"--kind", "retired"}, 2, 0, ""},
		{[]string{"--base", "12.345"}, 2, 0, ""},
	} {
		code, out, errs := cli(t, append([]string{"--db", db, "dues", "calc", "--json"}, c.args...)...)
		if code != c.code {
			t.Errorf("%v: exit %d (%s)", c.args, code, errs)
			continue
		}
		if code != 0 {
			continue
		}
		var got struct {
			MonthlyFen *int64  `json:"monthly_fen"`
			Rate       *string `json:"rate"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil || got.MonthlyFen == nil || got.Rate == nil {
			t.Fatalf("%v: %q %v", c.args, out, err)
		}
		if *got.MonthlyFen != c.fen || *got.Rate != c.rate {
			t.Errorf("%v: %d %q, want %d %q", c.args, *got.MonthlyFen, *got.Rate, c.fen, c.rate)
		}
	}
	if _, err := os.Stat(filepath.Dir(db)); !os.IsNotExist(err) {
		t.Error("dues calc touched the database")
	}
	if code, out, _ := cli(t, "dues", "calc", "--base", "1235"); code != 0 || out == "" {
		t.Errorf("text output: %d %q", code, out)
	}
}

type duesCheck struct {
	Arrears []struct {
		Name     string `json:"name"`
		IDNumber string `json:"id_number"`
		Branch   string `json:"branch"`
		Unpaid   []int  `json:"unpaid_months"`
		Short    []int  `json:"short_months"`
		OwedFen  int64  `json:"owed_fen"`
		Alarm    bool   `json:"alarm"`
	} `json:"arrears"`
}

func checkDues(t *testing.T, db string, args ...string) (int, duesCheck) {
	t.Helper()
	code, out, errs := cli(t, append([]string{"--db", db, "check", "dues", "--json"}, args...)...)
	var c duesCheck
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("check dues %v: %q %s %v", args, out, errs, err)
	}
	return code, c
}

func TestImportCheckAndExportDues(t *testing.T) {
	db := demoDB(t)
	year := data.Today().Y
	y := strconv.Itoa(year)
	asOf := data.NewDate(year, time.December, 1).String()
	code, c := checkDues(t, db, "--year", y, "--as-of", asOf)
	if code != exitPartial || len(c.Arrears) == 0 {
		t.Fatalf("demo arrears: exit %d, %d listed", code, len(c.Arrears))
	}
	var behind = c.Arrears[0]
	alarms := 0
	for _, a := range c.Arrears {
		if a.Alarm {
			alarms++
			behind = a
		}
		if a.OwedFen <= 0 || a.IDNumber == "" || a.Branch == "" {
			t.Errorf("entry %+v", a)
		}
	}
	if alarms == 0 {
		t.Error("no alarm in the demo")
	}
	// Only the branch asked for.
	_, one := checkDues(t, db, "--year", y, "--as-of", asOf, "--branch", behind.Branch)
	for _, a := range one.Arrears {
		if a.Branch != behind.Branch {
			t.Errorf("--branch %s listed %s", behind.Branch, a.Branch)
		}
	}
	// As of January 1st nothing of the year is due yet.
	if code, none := checkDues(t, db, "--year", y, "--as-of", y+"-01-01"); code != exitOK || len(none.Arrears) != 0 {
		t.Errorf("as of January: %d %d", code, len(none.Arrears))
	}

	// The 登记表 pays the behind member's months; a bad row refuses
	// everything in all-or-nothing mode.
	var due int64
	withStore(t, db, func(s *data.Store, _ map[string]int64) {
		b, err := s.DuesYearBook(context.Background(), year, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range b.Members {
			if m.IDNumber == behind.IDNumber {
				due = b.Line(&m, data.MonthOf(year, time.January)).Due
			}
		}
	})
	row := []any{1, behind.Name, behind.IDNumber, ""}
	for m := 1; m <= 12; m++ {
		v := any("")
		for _, u := range behind.Unpaid {
			if u == m {
				v = data.FormatYuan(due)
			}
		}
		row = append(row, v)
	}
	header := []any{"序号", "姓名", "身份证号码", "缴费基数"}
	for m := 1; m <= 12; m++ {
		header = append(header, strconv.Itoa(m)+"月")
	}
	bad := []any{2, "查无此人", "", "", "40"}
	path := writeDuesBook(t, [][]any{header, row, bad})
	code, out, _ := cli(t, "--db", db, "import", "dues", path, "--year", y, "--mode", "all-or-nothing", "--json")
	if code != exitError {
		t.Fatalf("all-or-nothing with a bad row: exit %d %s", code, out)
	}
	if _, still := checkDues(t, db, "--year", y, "--as-of", asOf); len(still.Arrears) != len(c.Arrears) {
		t.Fatal("all-or-nothing wrote something")
	}
	code, out, _ = cli(t, "--db", db, "import", "dues", path, "--year", y, "--json")
	var res struct {
		Imported int `json:"imported"`
		Rejected []struct {
			Row int `json:"row"`
		} `json:"rejected"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != exitPartial || res.Imported != 1 || len(res.Rejected) != 1 || res.Rejected[0].Row != 4 {
		t.Fatalf("valid-only: exit %d %s %v", code, out, err)
	}
	_, after := checkDues(t, db, "--year", y, "--as-of", asOf)
	for _, a := range after.Arrears {
		if a.IDNumber == behind.IDNumber && len(a.Unpaid) > 0 {
			t.Errorf("%s still unpaid: %v", a.Name, a.Unpaid)
		}
	}
	if code, _, errs := cli(t, "--db", db, "import", "dues", path); code != exitError || errs == "" {
		t.Errorf("import without --year: %d", code)
	}

	pdf := filepath.Join(t.TempDir(), "dues.pdf")
	if code, out, errs := cli(t, "--db", db, "export", "dues", "--year", y, "--branch", behind.Branch, "--out", pdf); code != 0 {
		t.Fatalf("export: %d %s %s", code, out, errs)
	}
	if st, err := os.Stat(pdf); err != nil || st.Size() < 1000 {
		t.Errorf("pdf: %v", err)
	}
}

func writeDuesBook(t *testing.T, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "党费收缴登记表")
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+2)
			f.SetCellValue("Sheet1", ref, v)
		}
	}
	path := filepath.Join(t.TempDir(), "党费收缴登记表.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}
