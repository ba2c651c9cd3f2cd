package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

// TestAuditFilterOffersEveryEntity: the 操作日志's 对象 filter lists every
// registered entity, and filtering by one shows only its rows, labelled
// and formatted by the registry.
func TestAuditFilterOffersEveryEntity(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	root, err := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, Kind: "党总支",
		FullName: "中共示范公司总支部委员会", ShortName: "示范党总支"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, Kind: "党支部", ParentID: root.ID,
		FullName: "中共示范公司机关支部委员会", ShortName: "机关党支部"}); err != nil {
		t.Fatal(err)
	}
	if err := sh.store.SetSetting(ctx, data.SettingFontScale, "1.15"); err != nil {
		t.Fatal(err)
	}

	sh.Show("操作日志")
	a, ok := sh.current.(*auditScreen)
	if !ok {
		t.Fatalf("current screen is %T", sh.current)
	}
	want := []string{allLabel}
	for _, e := range data.Entities() {
		want = append(want, data.EntityLabel(e))
	}
	if got := a.entity.Options; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("filter offers %q, want %q", got, want)
	}
	for _, label := range []string{"会议记录", "督办任务", "考评细则", "党员历史事项", "党员照片", "附件", "任务办理"} {
		found := false
		for _, o := range a.entity.Options {
			found = found || o == label
		}
		if !found {
			t.Errorf("filter lacks %s", label)
		}
	}

	filterBy := func(label string) [][]string {
		a.entity.SetSelected(label)
		a.load()
		return a.table.rows
	}
	rows := filterBy("组织")
	if len(rows) != 2 {
		t.Fatalf("组织: %d rows %q", len(rows), rows)
	}
	for _, r := range rows {
		if r[4] != "组织" {
			t.Errorf("row of %s under the 组织 filter", r[4])
		}
	}
	if !strings.Contains(rows[0][6], "上级组织：示范党总支") || !strings.Contains(rows[0][6], "层级：党支部") {
		t.Errorf("summary %q", rows[0][6])
	}
	rows = filterBy("系统设置")
	if len(rows) == 0 || rows[0][5] != "字号" || !strings.Contains(rows[0][6], "较大") {
		t.Errorf("settings rows %q", rows)
	}
	if rows := filterBy("会议记录"); len(rows) != 0 {
		t.Errorf("会议记录: %q", rows)
	}
	rows = filterBy(allLabel)
	if len(rows) < 3 {
		t.Fatalf("all: %q", rows)
	}
	a.table.Select(widget.TableCellID{Row: 0, Col: 0})
	if !strings.Contains(a.detail.Text, "字号") || strings.Contains(a.detail.Text, "value") {
		t.Errorf("detail %q", a.detail.Text)
	}
}

// TestAuditPagesInBackground: the 操作日志 shows its first page as soon as
// it is read, then the older pages one by one, up to auditMaxRows; a new
// query drops the pages of the one before.
func TestAuditPagesInBackground(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	// More rows than two pages: a branch renamed over and over.
	root, err := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelGeneral, Kind: "党总支",
		FullName: "中共示范公司总支部委员会", ShortName: "示范党总支"})
	if err != nil {
		t.Fatal(err)
	}
	u, err := sh.store.SaveUnit(ctx, data.RoleOffice, data.OrgUnit{Level: data.LevelBranch, Kind: "党支部", ParentID: root.ID,
		FullName: "中共示范公司机关支部委员会", ShortName: "机关党支部"})
	if err != nil {
		t.Fatal(err)
	}
	err = sh.store.Write(ctx, func(tx *data.Tx) error {
		for i := range auditFirstPage + 30 {
			u.Phone = fmt.Sprintf("0531-8%07d", i)
			if u, err = tx.SaveUnit(data.RoleOffice, u); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	all, err := sh.store.AuditEntries(ctx, data.AuditFilter{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) <= auditFirstPage {
		t.Fatalf("only %d rows", len(all))
	}

	var queue []func()
	sh.background = func(f func()) { queue = append(queue, f) }
	run := func() {
		f := queue[0]
		queue = queue[1:]
		f()
	}
	sh.Show("操作日志")
	a := sh.current.(*auditScreen)
	if len(a.table.rows) != 0 || a.count.Text != "正在读取……" {
		t.Fatalf("before the first page: %d rows, %q", len(a.table.rows), a.count.Text)
	}
	run() // the first page
	if len(a.table.rows) != auditFirstPage || !strings.Contains(a.count.Text, "正在读取更早的记录") {
		t.Fatalf("first page: %d rows, %q", len(a.table.rows), a.count.Text)
	}
	if a.table.rows[0][0] != fmt.Sprint(all[0].ID) || !strings.Contains(a.table.rows[0][6], "联系电话") {
		t.Errorf("first row %q", a.table.rows[0])
	}
	a.table.Select(widget.TableCellID{Row: 1, Col: 0})
	detail := a.detail.Text
	for len(queue) > 0 {
		run()
	}
	if len(a.table.rows) != len(all) || a.count.Text != fmt.Sprintf("共 %d 条", len(all)) {
		t.Fatalf("all pages: %d rows of %d, %q", len(a.table.rows), len(all), a.count.Text)
	}
	for i, e := range all {
		if a.table.rows[i][0] != fmt.Sprint(e.ID) {
			t.Fatalf("row %d is %s, want %d", i, a.table.rows[i][0], e.ID)
		}
	}
	if a.detail.Text != detail || a.table.selected != 1 {
		t.Errorf("a later page changed the selection: %d, %q", a.table.selected, a.detail.Text)
	}
	if !slices.Contains(a.op.Options, sh.store.Operator()) {
		t.Errorf("operators %q", a.op.Options)
	}

	// A new query while the old one still has pages to read: the old
	// pages are dropped.
	a.load()
	oldFirst := queue[0]
	queue = queue[1:]
	a.entity.SetSelected("组织")
	a.load()
	oldFirst()
	if len(a.table.rows) != 0 {
		t.Fatalf("an old page was shown: %d rows", len(a.table.rows))
	}
	for len(queue) > 0 {
		run()
	}
	if len(a.table.rows) == 0 {
		t.Fatal("no rows for 组织")
	}
	for _, r := range a.table.rows {
		if r[4] != "组织" {
			t.Fatalf("row of %s under the 组织 filter", r[4])
		}
	}
}
