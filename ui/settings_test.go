package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

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
