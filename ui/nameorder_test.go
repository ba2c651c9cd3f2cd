package ui

import (
	"context"
	"testing"

	"dangjian/data"
)

func TestSettingsNameOrder(t *testing.T) {
	sh, _ := newTestShell(t)
	ctx := context.Background()
	if !sh.Show("系统设置") {
		t.Fatal("no settings screen")
	}
	st := sh.current.(*settingsScreen)
	if st.names.Selected != "拼音" {
		t.Fatalf("姓名排序 shows %q, want 拼音 by default", st.names.Selected)
	}
	typeInto(st.operator, "王秀英")
	st.names.SetSelected("笔画")
	st.save()
	if got := sh.store.NameOrder(ctx); got != data.OrderStrokes {
		t.Fatalf("stored name order %q, want strokes", got)
	}
	st.names.SetSelected("拼音")
	st.save()
	if got := sh.store.NameOrder(ctx); got != data.OrderPinyin {
		t.Fatalf("stored name order %q, want pinyin", got)
	}
}
