package ui

import (
	"context"
	"strings"
	"testing"

	"dangjian/data/demo"
)

// Printing the 党员档案 list puts up its progress at once and reads the
// dossiers in the job, not before it; a list still being read is not
// printed or exported (it would be only its first page).
func TestMemberListPrintReadsInTheJob(t *testing.T) {
	sh, opened := newTestShell(t)
	if _, err := demo.Load(context.Background(), sh.store, demo.Options{Members: 50, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	sh.Show("党员档案")
	ms := sh.current.(*membersScreen)
	ms.shown()
	if !ms.complete || len(ms.rows) == 0 {
		t.Fatalf("list not loaded: complete %v, %d rows", ms.complete, len(ms.rows))
	}
	ms.search.SetText(ms.all[ms.rows[0]].Name) // a short list: 登记表 asks first above 50

	closeTop := func() {
		if top := sh.win.Canvas().Overlays().Top(); top != nil {
			sh.win.Canvas().Overlays().Remove(top)
		}
	}
	for _, c := range []struct {
		name string
		run  func()
	}{{"花名册", ms.printRoster}, {"登记表", ms.printForms}, {"导出", ms.exportExcel}} {
		var pending []func()
		sh.background = func(f func()) { pending = append(pending, f) }
		ms.complete = false
		c.run()
		if texts := overlayTexts(sh.win); !hasText(texts, "仍在读取") || len(pending) != 0 {
			t.Errorf("%s while loading: dialog %q, %d jobs started", c.name, texts, len(pending))
		}
		closeTop()
		ms.complete = true
		if c.name == "导出" {
			continue // its file chooser comes first (see the export tests)
		}
		c.run()
		if texts := overlayTexts(sh.win); !hasText(texts, "请稍候") || len(pending) != 1 || len(*opened) != 0 {
			t.Fatalf("%s: dialog %q, %d jobs, opened %v before the job ran", c.name, texts, len(pending), *opened)
		}
		pending[0]()
		if len(*opened) != 1 || !strings.HasSuffix((*opened)[0], ".pdf") {
			t.Fatalf("%s: opened %v", c.name, *opened)
		}
		*opened = (*opened)[:0]
		closeTop()
	}
}
