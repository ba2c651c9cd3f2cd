package ui

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2/widget"

	"dangjian/data/demo"
)

// The 落实情况 screen and its printed matrix show the same text in every
// branch × kind cell (issue 10 item 8: the screen said "9 / 4" where the
// PDF said "应开 3，已开 3").
func TestComplianceScreenAgreesWithPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (poppler-utils)")
	}
	sh, opened := newTestShell(t)
	if _, err := demo.Load(context.Background(), sh.store, demo.Options{Members: 80, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	v := newComplianceView(sh)
	v.load()
	if len(v.rows) == 0 || len(v.kinds) == 0 {
		t.Fatal("compliance view empty")
	}
	v.print()
	if len(*opened) != 1 {
		t.Fatalf("printed %v", *opened)
	}
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", (*opened)[0], "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	squash := squashSpace
	pdf := squash(string(out))
	l := widget.NewLabel("")
	gaps := 0
	for r := range v.rows {
		row := fmt.Sprint(r + 1)
		for c := 0; c <= len(v.kinds); c++ {
			v.updateCell(widget.TableCellID{Row: r, Col: c}, l)
			row += l.Text
			if strings.Contains(l.Text, "缺：") {
				gaps++
			}
			if strings.Contains(l.Text, " / ") {
				t.Errorf("row %d col %d: screen shows %q", r, c, l.Text)
			}
		}
		if !strings.Contains(pdf, squash(row)) {
			t.Errorf("screen row %d is not in the PDF:\n%s", r+1, squash(row))
		}
	}
	if gaps == 0 {
		t.Log("note: the demo has no gaps this year")
	}
}

// The 排名 screen and the printed results write the same score pairs:
// 考评得分, 任务得分 and 总分 against their maxima (issue 10 item 8:
// "/115" on screen, "/100" on paper).
func TestRankingScreenAgreesWithPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (poppler-utils)")
	}
	sh, opened := newTestShell(t)
	if _, err := demo.Load(context.Background(), sh.store, demo.Options{Members: 80, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	if !sh.Show("考评督办/排名") {
		t.Fatal("no 考评督办/排名")
	}
	s := sh.current.(*assessScreen)
	s.loadRanking()
	if len(s.rankTable.rows) == 0 {
		t.Fatal("ranking empty")
	}
	s.printEvaluation(true)
	if len(*opened) != 1 {
		t.Fatalf("printed %v", *opened)
	}
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", (*opened)[0], "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pdf := squashSpace(string(out))
	for _, r := range s.rankTable.rows {
		want := squashSpace(strings.Join(r[:5], ""))
		if !strings.Contains(pdf, want) {
			t.Errorf("screen ranking row not in the PDF: %s", want)
		}
	}
}

func squashSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
