package data

import (
	"context"
	"math/rand"
	"slices"
	"sync"
	"testing"
)

func TestSortNames(t *testing.T) {
	tests := []struct {
		name  string
		order NameOrder
		want  []string
	}{
		{"strokes: surname strokes, then the following characters", OrderStrokes,
			[]string{"一鸣", "乙", "丁家豪", "丁晨", "于宇", "王芳", "任旭东", "伊子豪", "张三", "李四", "单田芳", "曾国藩"}},
		{"pinyin with surname readings", OrderPinyin,
			[]string{"丁晨", "丁家豪", "李四", "区小明", "仇大海", "任旭东", "单田芳", "王芳", "解放", "乙", "一鸣", "伊子豪", "于宇", "曾国藩", "张三"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for seed := int64(1); seed <= 5; seed++ {
				got := slices.Clone(tc.want)
				rand.New(rand.NewSource(seed)).Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
				SortNames(got, tc.order)
				if !slices.Equal(got, tc.want) {
					t.Fatalf("seed %d:\n got %v\nwant %v", seed, got, tc.want)
				}
			}
		})
	}
}

func TestCompareNamesPolyphonicSurnames(t *testing.T) {
	// 单 shan after 任 ren, 曾 zeng after 张 zhang? no: zeng < zhang;
	// 解 xie after 王 wang, 仇 qiu after 区 ou, 区 ou before 潘 pan.
	tests := []struct{ a, b string }{
		{"任旭东", "单田芳"}, {"曾国藩", "张三"}, {"王芳", "解放"}, {"区小明", "仇大海"},
		{"区小明", "潘明"}, {"石头", "解放"}, {"单田芳", "石头"}, {"仇大海", "任旭东"},
		{"李", "李安"}, {"李安", "连杰"},
	}
	for _, tc := range tests {
		if CompareNames(OrderPinyin, tc.a, tc.b) >= 0 || CompareNames(OrderPinyin, tc.b, tc.a) <= 0 {
			t.Errorf("pinyin: want %s before %s", tc.a, tc.b)
		}
	}
	if CompareNames(OrderStrokes, "丁晨", "丁晨") != 0 {
		t.Error("equal names must compare equal")
	}
}

func TestSortNamesConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				ns := []string{"曾国藩", "一鸣", "丁晨"}
				SortByStrokes(ns)
				if ns[0] != "一鸣" || ns[2] != "曾国藩" {
					t.Errorf("got %v", ns)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestNameOrderSetting(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if got := s.NameOrder(ctx); got != OrderPinyin {
		t.Fatalf("default = %q, want pinyin", got)
	}
	if err := s.SetSetting(ctx, SettingNameOrder, string(OrderStrokes)); err != nil {
		t.Fatal(err)
	}
	if got := s.NameOrder(ctx); got != OrderStrokes {
		t.Fatalf("after set = %q, want strokes", got)
	}
	for _, tc := range []struct {
		in   string
		want NameOrder
	}{{"笔画", OrderStrokes}, {"strokes", OrderStrokes}, {"拼音", OrderPinyin}, {"", OrderPinyin}, {"x", OrderPinyin}} {
		if got := NameOrderOf(tc.in); got != tc.want {
			t.Errorf("NameOrderOf(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMembersFollowNameOrder(t *testing.T) {
	o := newClOrg(t)
	s, ctx := o.s, context.Background()
	for _, n := range []string{"曾国藩", "单田芳", "丁晨", "一鸣", "张三"} {
		newPartyMember(t, s, n, o.b1.ID, 0, StandingFull, "2010-07-01", "2011-07-01")
	}
	newPartyMember(t, s, "乙", o.b2.ID, 0, StandingFull, "2010-07-01", "2011-07-01")
	names := func() []string {
		ms, err := s.Members(ctx, MemberFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range ms {
			out = append(out, m.Name)
		}
		return out
	}
	if got, want := names(), []string{"丁晨", "单田芳", "一鸣", "曾国藩", "张三", "乙"}; !slices.Equal(got, want) {
		t.Errorf("pinyin: got %v, want %v", got, want)
	}
	refs, err := s.UnitMembers(ctx, o.b1.ID)
	if err != nil || len(refs) != 5 || refs[1].Name != "单田芳" {
		t.Errorf("UnitMembers pinyin: %v %v", refs, err)
	}
	if err := s.SetSetting(ctx, SettingNameOrder, string(OrderStrokes)); err != nil {
		t.Fatal(err)
	}
	if got, want := names(), []string{"一鸣", "丁晨", "张三", "单田芳", "曾国藩", "乙"}; !slices.Equal(got, want) {
		t.Errorf("strokes: got %v, want %v", got, want)
	}
}
