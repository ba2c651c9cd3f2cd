package data

import (
	"fmt"
	"slices"
	"testing"

	"github.com/mozillazg/go-pinyin"
)

func TestSearchIndex(t *testing.T) {
	ms := []Member{
		{ID: 1, Name: "张三丰", IDNumber: "11010519491231002X", Phone: "13800138000", StaffNo: "A1024"},
		{ID: 2, Name: "单雄信", Phone: "13900001111"},
		{ID: 3, Name: "曾国藩"},
		{ID: 4, Name: "李四", FormerName: "李建设"},
		{ID: 5, Name: "张三"},
		{ID: 6, Name: "解缙"},
		{ID: 7, Name: "区伟强"},
	}
	ix := NewSearchIndex(ms)
	cases := []struct {
		q    string
		want []int64
	}{
		{"", []int64{1, 2, 3, 4, 5, 6, 7}},
		{"张三", []int64{1, 5}},
		{"张三丰", []int64{1}},
		{"zsf", []int64{1}},
		{"ZSF", []int64{1}},
		{"zhangsanfeng", []int64{1}},
		{"zhangsf", []int64{1}},
		{"sanfeng", []int64{1}},
		{"zs", []int64{1, 5}},
		{"shanxiongxin", []int64{2}}, // surname reading
		{"danxiongxin", []int64{2}},  // common reading, also typed
		{"sxx", []int64{2}},
		{"dxx", []int64{2}},
		{"zenggf", []int64{3}},
		{"cenggf", []int64{3}},
		{"xiejin", []int64{6}},
		{"jiejin", []int64{6}},
		{"ouwq", []int64{7}},
		{"1231002x", []int64{1}}, // ID digits, lower-case x
		{"１３８００", []int64{1}},    // full-width digits
		{"a1024", []int64{1}},
		{"李建设", []int64{4}}, // former name
		{"ljs", nil},        // pinyin is of the current name only
		{"王", nil},
		{"zsfx", nil},
	}
	for _, c := range cases {
		got := ix.Match(c.q)
		if len(got) == 0 {
			got = nil
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Match(%q) = %v, want %v", c.q, got, c.want)
		}
	}
}

func BenchmarkSearchKeystroke10000(b *testing.B) {
	surnames := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单")
	given := []rune("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强志明海燕红梅晓东")
	ms := make([]Member, 10000)
	for i := range ms {
		ms[i] = Member{ID: int64(i + 1), Name: string(surnames[i%len(surnames)]) + string(given[(i*7)%len(given)]) + string(given[(i*13)%len(given)]),
			Phone: fmt.Sprintf("138%08d", i), IDNumber: fmt.Sprintf("37010219800101%04d", i)}
	}
	ix := NewSearchIndex(ms)
	queries := []string{"z", "zh", "zha", "zhan", "zhang", "zhangw", "zw", "138", "王", "王伟"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.Match(queries[i%len(queries)])
	}
}

func BenchmarkSearchIndexBuild10000(b *testing.B) {
	ms := make([]Member, 10000)
	for i := range ms {
		ms[i] = Member{ID: int64(i + 1), Name: "欧阳晓东"}
	}
	for i := 0; i < b.N; i++ {
		NewSearchIndex(ms)
	}
}

// reading, cached, spells every character as go-pinyin does, on the first
// call and on later ones, and has no reading for what is not Han.
func TestReadingIsGoPinyin(t *testing.T) {
	for pass := 0; pass < 2; pass++ {
		for r := rune(0x4E00); r <= 0x9FA5; r += 7 {
			var want []string
			if py := pinyin.Pinyin(string(r), pinyinArgs); len(py) == 1 && len(py[0]) > 0 {
				want = py[0][:1]
			}
			got := reading(r)
			if !slices.Equal(got, want) || cap(got) > 1 {
				t.Fatalf("pass %d, %c: %q (cap %d), want %q", pass, r, got, cap(got), want)
			}
		}
	}
	for _, r := range "a7·-ＡZ " {
		if got := reading(r); got != nil {
			t.Errorf("%q reads %q", r, got)
		}
	}
}
