package sheet

import (
	"reflect"
	"strings"
	"testing"
)

func TestMapColumns(t *testing.T) {
	match := func(s string) (string, bool) {
		k, ok := map[string]string{"姓名": "name", "名字": "name", "备注": "-", "学时": "hours"}[s]
		return k, ok
	}
	for _, c := range []struct {
		header  []string
		cols    []Column
		unknown []string
	}{
		{[]string{"姓名", " 学时 ", "备注"}, []Column{{0, "name", "姓名"}, {1, "hours", "学时"}}, nil},
		{[]string{"", "名字", "姓名", "其他"}, []Column{{1, "name", "名字"}}, []string{"其他"}}, // the first of a key wins
		{nil, nil, nil},
	} {
		cols, unknown := MapColumns(c.header, func(s string) (string, bool) { return match(strings.TrimSpace(s)) }, "-")
		if !reflect.DeepEqual(cols, c.cols) || !reflect.DeepEqual(unknown, c.unknown) {
			t.Errorf("%q: %v %v, want %v %v", c.header, cols, unknown, c.cols, c.unknown)
		}
	}
}
