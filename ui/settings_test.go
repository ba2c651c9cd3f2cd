package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

func TestSettingsSaveAndReject(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	if !sh.Show("系统设置") {
		t.Fatal("no settings screen")
	}
	st := sh.current.(*settingsScreen)

	// Bad numbers are refused at their fields and nothing is stored.
	typeInto(st.warn, "十二")
	typeInto(st.keep, "0")
	typeInto(st.operator, "王秀英")
	st.save()
	if !strings.Contains(st.form.message(data.SettingTermWarnMonths), "0 至 36") ||
		!strings.Contains(st.form.message(data.SettingBackupKeep), "1 至 365") {
		t.Fatalf("messages: %q / %q", st.form.message(data.SettingTermWarnMonths), st.form.message(data.SettingBackupKeep))
	}
	if sh.store.Operator() == "王秀英" {
		t.Fatal("operator saved despite errors")
	}
	if st.operator.Text != "王秀英" || st.warn.Text != "十二" {
		t.Fatal("typed values lost")
	}

	typeInto(st.warn, "3")
	typeInto(st.keep, "10")
	st.font.SetSelected("较大")
	st.save()
	if sh.store.Operator() != "王秀英" || sh.store.TermWarnMonths(ctx) != 3 || sh.store.BackupKeep(ctx) != 10 {
		t.Fatalf("stored: %q %d %d", sh.store.Operator(), sh.store.TermWarnMonths(ctx), sh.store.BackupKeep(ctx))
	}
	if got := fyne.CurrentApp().Settings().Theme().Size(theme.SizeNameText); got != theme.DefaultTheme().Size(theme.SizeNameText)*1.15 {
		t.Errorf("text size after 较大 = %v", got)
	}
	if !strings.Contains(sh.opLabel.Text, "王秀英") {
		t.Errorf("status line operator = %q", sh.opLabel.Text)
	}
	// Every setting change is in the audit log.
	es, _ := sh.store.AuditEntries(ctx, data.AuditFilter{Entity: data.EntitySetting})
	if len(es) < 4 {
		t.Fatalf("setting audit rows = %d", len(es))
	}
}

// TestReadOnlyBanner: a database opened read-only shows a line across the
// top saying so; a writable one shows none.
func TestReadOnlyBanner(t *testing.T) {
	sh, _ := newTestShell(t)
	if hasBanner(sh.win.Content()) {
		t.Error("banner on a writable database")
	}
	r, err := data.Open(sh.store.Path(), data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	w := test.NewTempWindow(t, nil)
	defer func(old func(func())) { newBackground = old }(newBackground)
	newBackground = func(f func()) { f() }
	Create(fyne.CurrentApp(), w, r).waitHome()
	if !hasBanner(w.Content()) {
		t.Error("no banner on a read-only database")
	}
}

func hasBanner(o fyne.CanvasObject) bool {
	switch v := o.(type) {
	case *widget.Label:
		return strings.HasPrefix(v.Text, "数据库为只读，只能查看和导出")
	case *fyne.Container:
		for _, c := range v.Objects {
			if hasBanner(c) {
				return true
			}
		}
	}
	return false
}

// TestSettingsPrintsAuditReceipt: 打印校验码回执 writes a one-page PDF with
// the log's code, and the store remembers it as an anchor.
func TestSettingsPrintsAuditReceipt(t *testing.T) {
	sh, opened := newTestShell(t)
	ctx := context.Background()
	if _, err := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, Kind: "党总支", FullName: "测试党总支"}); err != nil {
		t.Fatal(err)
	}
	head, err := sh.store.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sh.Show("系统设置")
	st := sh.current.(*settingsScreen)
	test.Tap(st.receipt)
	if len(*opened) != 1 {
		t.Fatalf("nothing printed: %v", *opened)
	}
	if txt := pdfText(t, (*opened)[0]); !strings.Contains(txt, head.Code()) {
		t.Errorf("receipt lacks %q:\n%s", head.Code(), txt)
	}
	anchors, err := sh.store.AuditAnchors(ctx)
	if err != nil || len(anchors) != 1 || anchors[0].AuditHead != head || !strings.Contains(anchors[0].Source, "校验码回执") {
		t.Errorf("anchors = %+v, %v; want the receipt's head %+v", anchors, err, head)
	}
}
