package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"dangjian/data"
	"dangjian/data/demo"
)

// A lost branch laptop through the screens: the office re-makes the
// branch's initial package (after a confirmation saying what it does), a
// new copy is made from it on the first-start dialog, its first package
// replaces the old copy at the office, and the old copy's next package is
// refused with the reason.
func TestExchangeReissueThroughScreens(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	office, _ := newTestShell(t)
	if _, err := demo.Load(ctx, office.store, demo.Options{Members: 60, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	// With $DANGJIAN_SHOTS the steps are rendered at 1366×705 for looking at.
	shots := os.Getenv("DANGJIAN_SHOTS")
	shot := func(name string) {
		if shots != "" {
			os.MkdirAll(shots, 0o755)
			shootTo(t, office.win, shots, name)
		}
	}
	if shots != "" {
		office.win.Resize(fyne.NewSize(1366, 705))
	}
	ox := exchangeOf(t, office)
	if !ox.reissueBt.Visible() {
		t.Fatal("no 重新制作支部初始包 on the office")
	}
	branchName := ox.branchSel.Options[0]
	ox.branchSel.SetSelected(branchName)
	initPkg := filepath.Join(dir, "init.djx")
	pickPath(office, initPkg)
	test.Tap(ox.exportBt)
	old, _ := newTestShell(t)
	if _, err := old.store.ImportPackage(ctx, data.RoleOffice, initPkg); err != nil {
		t.Fatal(err)
	}
	up1 := filepath.Join(dir, "up1.djx")
	if _, err := old.store.ExportForOffice(ctx, old.store.Role(ctx), up1); err != nil {
		t.Fatal(err)
	}
	if _, err := office.store.ImportPackage(ctx, data.RoleOffice, up1); err != nil {
		t.Fatal(err)
	}
	oldID, _ := old.store.Identity(ctx)
	if bx := exchangeOf(t, old); bx.reissueBt.Visible() {
		t.Error("a branch copy offers to re-issue initial packages")
	}

	// 重新制作支部初始包…: a confirmation first, saying what happens.
	ox = exchangeOf(t, office)
	ox.branchSel.SetSelected(branchName)
	reinit := filepath.Join(dir, "reinit.djx")
	pickPath(office, reinit)
	test.Tap(ox.reissueBt)
	if fileExists(reinit) || ox.reissueOK == nil {
		t.Fatal("re-issued without a confirmation")
	}
	if top := office.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(strings.Join(labelsIn(top), " "), "取代现在的支部副本") ||
		!strings.Contains(strings.Join(labelsIn(top), " "), oldID.Fingerprint) || !strings.Contains(strings.Join(labelsIn(top), " "), "一条不少") {
		t.Errorf("confirmation says %q", strings.Join(labelsIn(office.win.Canvas().Overlays().Top()), " "))
	}
	shot("exchange-reissue-confirm")
	test.Tap(ox.reissueOK)
	hideOverlays(office.win)
	shot("exchange-reissue-waiting")
	if !fileExists(reinit) {
		t.Fatalf("no re-issued package; status %q", office.msgLabel.Text)
	}
	if len(ox.links.rows) == 0 || !strings.Contains(ox.links.rows[0][1], "等新副本") {
		t.Errorf("links after re-issuing: %v", ox.links.rows)
	}
	hideOverlays(office.win)

	// The new laptop: first start, 党支部, the re-issued package.
	fresh, _ := newTestShell(t)
	wd := fresh.Welcome()
	typeInto(wd.operator.entry, "李书记")
	wd.role.SetSelected(roleBranch)
	pickPath(fresh, reinit)
	test.Tap(wd.branchPkg)
	if fresh.lastPreview == nil || !fresh.lastPreview.prev.BecomesBranch {
		t.Fatalf("no preview of the re-issued package; refusal %q", fresh.lastRefusal)
	}
	test.Tap(fresh.lastPreview.importBt)
	up2 := filepath.Join(dir, "up2.djx")
	if _, err := fresh.store.ExportForOffice(ctx, fresh.store.Role(ctx), up2); err != nil {
		t.Fatal(err)
	}
	pickPath(office, up2)
	test.Tap(ox.importBt)
	pp := office.lastPreview
	if pp == nil || !strings.Contains(pp.summary.Text, "取代旧副本") {
		t.Fatalf("preview of the new copy's first package: %+v; refusal %q", pp, office.lastRefusal)
	}
	shot("exchange-reissue-new-copy-preview")
	test.Tap(pp.importBt)
	if !strings.Contains(ox.links.rows[0][1], "已更换副本") {
		t.Errorf("links after the replacement: %v", ox.links.rows)
	}
	hideOverlays(office.win)

	// The old laptop is refused now.
	up3 := filepath.Join(dir, "up3.djx")
	if _, err := old.store.ExportForOffice(ctx, old.store.Role(ctx), up3); err != nil {
		t.Fatal(err)
	}
	office.lastPreview = nil
	pickPath(office, up3)
	test.Tap(ox.importBt)
	if office.lastPreview != nil || !strings.HasPrefix(office.lastRefusal, "该支部副本已被替换") {
		t.Errorf("old copy's package: preview %v, refusal %q", office.lastPreview != nil, office.lastRefusal)
	}
	shot("exchange-reissue-old-copy-refused")
}
