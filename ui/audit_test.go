package ui

import (
	"context"
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
