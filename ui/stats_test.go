package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/data/demo"
)

func TestStatsScreenTablesChartsAndPrint(t *testing.T) {
	sh, opened := newTestShell(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, sh.store, demo.Options{Members: 120, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	if !sh.Show("统计") {
		t.Fatal("no 统计 screen")
	}
	s := sh.current.(*statsScreen)
	s.loading.Wait()
	want, err := sh.store.Stats(ctx, data.StatsOptions{AsOf: sh.store.Today(), NoScores: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.stats.Total != want.Total || want.Total == 0 {
		t.Fatalf("screen total %d, store %d", s.stats.Total, want.Total)
	}
	if len(s.tables.Objects) < 5 || len(s.charts.Objects) < 10 {
		t.Fatalf("%d tables, %d chart objects", len(s.tables.Objects), len(s.charts.Objects))
	}
	// The first table's first data row is the total, as printed.
	grid := s.tables.Objects[0].(*fyne.Container).Objects[1].(*fyne.Container)
	if l := grid.Objects[3].(*widget.Label); l.Text != "党员总数" {
		t.Errorf("first row %q", l.Text)
	}
	if !strings.Contains(s.msg.Text, "在册党员") {
		t.Errorf("message %q", s.msg.Text)
	}
	// One branch.
	s.branch.SetSelectedIndex(1)
	s.loading.Wait()
	if s.stats.BranchID == 0 || s.stats.Total >= want.Total {
		t.Errorf("branch scope: %d of %d", s.stats.Total, want.Total)
	}
	// A bad date says so and keeps the tables.
	s.asOf.SetText("2026-13-45")
	s.reload()
	if !strings.Contains(s.msg.Text, "统计截至日期") {
		t.Errorf("bad date message %q", s.msg.Text)
	}
	// Print: the job writes the PDF and opens it.
	s.asOf.SetText("2025-12-31")
	s.printPDF()
	if len(*opened) != 1 || !strings.HasSuffix((*opened)[0], ".pdf") {
		t.Fatalf("opened %v", *opened)
	}
}
