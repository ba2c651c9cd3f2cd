package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

// overlayTexts lists the label texts of the dialog on top of w.
func overlayTexts(w fyne.Window) []string {
	var out []string
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	walkObjects(top, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text != "" {
			out = append(out, l.Text)
		}
	})
	return out
}

func hasText(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func TestFirstStartRequiresOperatorName(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	if !sh.NeedsWelcome() {
		t.Fatal("an empty database needs the welcome")
	}
	wd := sh.Welcome()
	// No name: refused with a message, nothing recorded, dialog stays.
	test.Tap(wd.empty)
	if !wd.operator.msg.Visible() || !strings.Contains(wd.operator.msg.Text, "请填写您的姓名") {
		t.Fatalf("message = %q visible=%v", wd.operator.msg.Text, wd.operator.msg.Visible())
	}
	if sh.store.HasOperator(ctx) || !sh.NeedsWelcome() {
		t.Fatal("an empty name was accepted")
	}
	if sh.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the dialog closed on a refusal")
	}
	// Spaces are no name either.
	typeInto(wd.operator.entry, "   ")
	test.Tap(wd.demo)
	if sh.store.HasOperator(ctx) {
		t.Fatal("a blank name was accepted")
	}
	// A branch copy starts from the office's branch package: choosing it
	// says so and offers only that import; back to the office, the
	// office's choices return.
	wd.role.SetSelected(roleBranch)
	if !wd.roleHint.Visible() || !strings.Contains(wd.roleHint.Text, "支部交换包") || !wd.branchPkg.Visible() || wd.demo.Visible() || wd.empty.Visible() {
		t.Fatalf("branch: hint %q visible %v, package button %v, demo %v", wd.roleHint.Text, wd.roleHint.Visible(), wd.branchPkg.Visible(), wd.demo.Visible())
	}
	// The welcome fits the choice: no demo data for a branch's copy.
	if strings.Contains(wd.text.Text, "演示数据（") || !strings.Contains(wd.text.Text, "支部初始包") || !strings.Contains(wd.text.Text, sh.store.Path()) {
		t.Errorf("branch welcome: %q", wd.text.Text)
	}
	wd.role.SetSelected(roleOffice)
	if wd.roleHint.Visible() || wd.branchPkg.Visible() || !wd.demo.Visible() || !wd.empty.Visible() {
		t.Fatal("office: the branch's choice still shown")
	}
	if !strings.Contains(wd.text.Text, "演示数据（") {
		t.Errorf("office welcome: %q", wd.text.Text)
	}
	typeInto(wd.operator.entry, "王芳")
	test.Tap(wd.empty)
	if !sh.store.HasOperator(ctx) || sh.store.Operator() != "王芳" {
		t.Fatalf("operator = %q", sh.store.Operator())
	}
	if v, _ := sh.store.Setting(ctx, data.SettingOnboarded); v != data.OnboardedEmpty {
		t.Fatalf("onboarded = %q", v)
	}
	if !sh.store.Role(ctx).Office {
		t.Fatal("role is not the office")
	}
	if sh.NeedsWelcome() {
		t.Fatal("welcome asked again")
	}
	if !strings.Contains(sh.opLabel.Text, "王芳") {
		t.Fatalf("status line = %q", sh.opLabel.Text)
	}
}

// A database with data but no operator's name asks for the name.
func TestFirstStartAsksOperatorOnExistingDatabase(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	if _, err := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "总支"}); err != nil {
		t.Fatal(err)
	}
	sh.FirstStart()
	if !hasText(overlayTexts(sh.win), "请填写您的姓名") {
		t.Fatalf("no operator question: %v", overlayTexts(sh.win))
	}
	hideOverlays(sh.win)
	if err := sh.store.SetOperator(ctx, "李敏"); err != nil {
		t.Fatal(err)
	}
	sh.FirstStart()
	if top := sh.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("asked again: %v", overlayTexts(sh.win))
	}
}

func markDemo(t *testing.T, sh *Shell) {
	t.Helper()
	ctx := context.Background()
	root, err := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, FullName: "中共示范公交公司总支部委员会"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, ParentID: root.ID, FullName: "第一车队党支部"}); err != nil {
		t.Fatal(err)
	}
	if err := sh.store.SetOperator(ctx, "王芳"); err != nil {
		t.Fatal(err)
	}
	if err := sh.store.SetSetting(ctx, data.SettingOnboarded, data.OnboardedDemo); err != nil {
		t.Fatal(err)
	}
	sh.refreshDatabase()
}

func TestClearDemoKeepsBackupAndStartsEmpty(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	if sh.demoBadge.box.Visible() {
		t.Fatal("badge on real data")
	}
	markDemo(t, sh)
	if !sh.demoBadge.box.Visible() || !strings.Contains(sh.dbLabel.Text, "演示数据") {
		t.Fatalf("no demo badge; status %q", sh.dbLabel.Text)
	}
	sh.askClearDemo()
	if !hasText(overlayTexts(sh.win), "演示数据不会丢失") {
		t.Fatalf("no explanation before clearing: %v", overlayTexts(sh.win))
	}
	hideOverlays(sh.win)
	path := sh.store.Path()
	sh.clearDemo()

	if sh.store.Path() != path {
		t.Fatalf("database moved to %s", sh.store.Path())
	}
	if roots, _ := sh.store.OrgTree(ctx); len(roots) != 0 {
		t.Fatalf("still %d roots", len(roots))
	}
	if sh.store.IsDemo(ctx) || sh.demoBadge.box.Visible() || strings.Contains(sh.dbLabel.Text, "演示数据") {
		t.Fatal("still marked as the demo")
	}
	if sh.store.Operator() != "王芳" {
		t.Fatalf("operator = %q", sh.store.Operator())
	}
	recent := RecentDatabases(fyne.CurrentApp())
	if len(recent) < 2 || !strings.HasPrefix(filepath.Base(recent[1]), "演示数据-") {
		t.Fatalf("recent = %v", recent)
	}
	kept, err := data.Open(recent[1], data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Close()
	if roots, _ := kept.OrgTree(ctx); len(roots) != 1 || !kept.IsDemo(ctx) {
		t.Fatalf("kept demo: %d roots", len(roots))
	}
	if !hasText(overlayTexts(sh.win), "演示数据已备份到") {
		t.Fatalf("no report: %v", overlayTexts(sh.win))
	}
}

func TestOpenAndNewDatabaseSwitchInPlace(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	first := sh.store.Path()
	if err := sh.store.SetOperator(ctx, "王芳"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()

	// 新建数据库: the save dialog names the file; the name carries over
	// and the welcome follows.
	second := filepath.Join(dir, "正式")
	sh.pickFile = func(save bool, c fileChoice, pick func(string)) {
		if !save || c.exts[0] != ".db" {
			t.Errorf("pick save=%v %+v", save, c)
		}
		pick(second)
	}
	sh.newDatabase()
	if sh.store.Path() != second+".db" {
		t.Fatalf("store = %s", sh.store.Path())
	}
	if sh.store.Operator() != "王芳" {
		t.Fatalf("operator = %q", sh.store.Operator())
	}
	if !hasText(overlayTexts(sh.win), "欢迎使用党建工作台") {
		t.Fatalf("no welcome on the new database: %v", overlayTexts(sh.win))
	}
	hideOverlays(sh.win)
	// The first database was closed: it can be opened again.
	s, err := data.Open(first, data.Options{})
	if err != nil {
		t.Fatalf("first database still locked: %v", err)
	}
	s.Close()
	if _, ok := sh.current.(*homeScreen); !ok { // a new database opens on 工作台
		t.Fatalf("current screen %T", sh.current)
	}

	// 新建 never takes over a file with data in it.
	sh.pickFile = func(_ bool, _ fileChoice, pick func(string)) { pick(first) }
	sh.newDatabase()
	if sh.store.Path() != second+".db" || !hasText(overlayTexts(sh.win), "不会覆盖") {
		t.Fatalf("store = %s; %v", sh.store.Path(), overlayTexts(sh.win))
	}
	hideOverlays(sh.win)

	// 打开数据库 from the recent list of 系统设置.
	sh.Show("系统设置")
	set := sh.current.(*settingsScreen)
	if len(set.db.paths) != 1 || set.db.paths[0] != first {
		t.Fatalf("recent in settings = %v", set.db.paths)
	}
	set.db.recent.SetSelectedIndex(0)
	if sh.store.Path() != first {
		t.Fatalf("store after recent = %s", sh.store.Path())
	}
	if got := RecentDatabases(fyne.CurrentApp()); len(got) != 2 || got[0] != first {
		t.Fatalf("recent = %v", got)
	}
	if LastDatabase(fyne.CurrentApp()) != first {
		t.Fatalf("last = %s", LastDatabase(fyne.CurrentApp()))
	}

	// A file that is not a database is refused; the current one stays.
	bad := filepath.Join(dir, "bad.db")
	os.WriteFile(bad, []byte("not a database at all, just text"), 0o644)
	sh.openDatabase(bad)
	if sh.store.Path() != first {
		t.Fatalf("switched to a bad file")
	}
	if !hasText(overlayTexts(sh.win), "仍在使用原来的数据库") {
		t.Fatalf("no refusal: %v", overlayTexts(sh.win))
	}
}

func TestHintsAreInfoErrorsAreErrors(t *testing.T) {
	sh, _ := newTestShell(t)
	// Title label of the dialog on top.
	sh.showHint("", "请先在“组织架构”中建立党支部")
	texts := overlayTexts(sh.win)
	if !hasText(texts, "提示") || hasText(texts, "错误") || hasText(texts, "Error") {
		t.Fatalf("hint dialog: %v", texts)
	}
	hideOverlays(sh.win)
	sh.showError(fmt.Errorf("%w", &data.ValidationError{Errors: []data.FieldIssue{{Field: "x", Msg: "名称不能为空"}}}))
	if texts := overlayTexts(sh.win); hasText(texts, "Error") || hasText(texts, "错误") || !hasText(texts, "名称不能为空") {
		t.Fatalf("refusal dialog: %v", texts)
	}
	hideOverlays(sh.win)
}

func TestUserMessageHasNoRawSystemText(t *testing.T) {
	_, err := exec.LookPath("no-such-viewer-xyz")
	_, ferr := os.Open(filepath.Join(t.TempDir(), "缺少.pdf"))
	cases := []struct {
		err        error
		want, lose string
	}{
		{&exec.Error{Name: "xdg-open", Err: exec.ErrNotFound}, "没有找到所需的程序（xdg-open）", "executable file"},
		{err, "没有找到所需的程序", "executable file"},
		{fmt.Errorf("无法读取照片文件：%w", ferr), "找不到文件或文件夹：", "no such file"},
		{errors.New("database is locked"), "发生了意外的错误", ""},
		{errors.New("党支部名称不能为空"), "党支部名称不能为空", "意外"},
	}
	for _, c := range cases {
		got := userMessage(c.err)
		if !strings.Contains(got, c.want) || (c.lose != "" && strings.Contains(got, c.lose)) {
			t.Errorf("userMessage(%v) = %q", c.err, got)
		}
	}
}

// Fyne's file dialog names its places in Chinese and carries our title.
func TestFileDialogSpeaksChinese(t *testing.T) {
	sh, _ := newTestShell(t)
	sh.chooseOpen(fileChoice{title: "打开数据库", exts: []string{".db"}}, func(string) {})
	texts := overlayTexts(sh.win)
	if !hasText(texts, "打开数据库") {
		t.Fatalf("title missing: %v", texts)
	}
	var names []string
	walkObjects(sh.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		l, ok := o.(*widget.List)
		if !ok || l.Length == nil {
			return
		}
		for i := 0; i < l.Length(); i++ {
			item := l.CreateItem()
			l.UpdateItem(i, item)
			if box, ok := item.(*fyne.Container); ok && len(box.Objects) == 2 {
				if lb, ok := box.Objects[1].(*widget.Label); ok {
					names = append(names, lb.Text)
				}
			}
		}
	})
	if !hasText(names, "主文件夹") || hasText(names, "Home") || hasText(names, "Computer") {
		t.Fatalf("places = %v", names)
	}
}

// No PDF viewer: the file's place is said, its folder offered, its path
// copied; no raw system text.
func TestMissingViewerSaysWhereTheFileIs(t *testing.T) {
	sh, _ := newTestShell(t)
	pdf := filepath.Join(t.TempDir(), "打印", "组织架构表.pdf")
	os.MkdirAll(filepath.Dir(pdf), 0o755)
	os.WriteFile(pdf, []byte("%PDF-1.4"), 0o644)
	var opened []string
	sh.OpenFile = func(p string) error {
		opened = append(opened, p)
		if strings.HasSuffix(p, ".pdf") {
			return &exec.Error{Name: "xdg-open", Err: exec.ErrNotFound}
		}
		return nil
	}
	sh.openProduced(pdf, "PDF 文件", "可以打开 PDF 的程序")
	texts := overlayTexts(sh.win)
	if !hasText(texts, pdf) || hasText(texts, "executable") || hasText(texts, "错误") {
		t.Fatalf("dialog: %v", texts)
	}
	sd := sh.win.Canvas().Overlays().Top()
	if sd == nil {
		t.Fatal("no dialog")
	}
	var folder, copyBt *widget.Button
	walkObjects(sd, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			switch b.Text {
			case "打开所在文件夹":
				folder = b
			case "复制文件位置":
				copyBt = b
			}
		}
	})
	if folder == nil || copyBt == nil {
		t.Fatal("buttons missing")
	}
	test.Tap(copyBt)
	if got := sh.app.Clipboard().Content(); got != pdf {
		t.Fatalf("clipboard = %q", got)
	}
	test.Tap(folder)
	if len(opened) != 2 || opened[1] != filepath.Dir(pdf) {
		t.Fatalf("opened = %v", opened)
	}
	// A file that is gone is said to be gone, not "saved".
	hideOverlays(sh.win)
	sh.openProduced(filepath.Join(t.TempDir(), "没有.pdf"), "PDF 文件", "")
	if texts := overlayTexts(sh.win); !hasText(texts, "找不到PDF 文件") {
		t.Fatalf("missing file: %v", texts)
	}
}

// Fyne's save dialog leaves an empty file where the user chose: that is
// taken as the place for the new database.
func TestNewDatabaseOverEmptyFileFromSaveDialog(t *testing.T) {
	sh, _ := newTestShell(t)
	p := filepath.Join(t.TempDir(), "新库.db")
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	sh.pickFile = func(_ bool, _ fileChoice, pick func(string)) { pick(p) }
	sh.newDatabase()
	if sh.store.Path() != p {
		t.Fatalf("store = %s; %v", sh.store.Path(), overlayTexts(sh.win))
	}
	if !sh.NeedsWelcome() {
		t.Fatal("the new database is not a first start")
	}
}
