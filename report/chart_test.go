package report

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func sampleBars() []Bar {
	return []Bar{
		{Label: "第一车队党支部", Value: 118.5, Max: 130, Highlight: true},
		{Label: "机关第一党支部", Value: 112, Max: 130, Highlight: true},
		{Label: "修理厂党支部", Value: 104.5, Max: 128, Highlight: true},
		{Label: "第二车队党支部", Value: 96, Max: 130},
		{Label: "离退休党支部", Value: 80, Max: 110},
		{Label: "调度中心党支部", Value: 64.5, Max: 126},
		{Label: "第三车队党支部", Value: 40, Max: 130},
		{Label: "场站管理党支部", Value: 0, Max: 120},
	}
}

func sameRGB(c color.Color, want color.RGBA) bool {
	r, g, b, _ := c.RGBA()
	return uint8(r>>8) == want.R && uint8(g>>8) == want.G && uint8(b>>8) == want.B
}

// runOf is the extent of the run of pixels of colour want in row y that
// contains or starts after x0.
func runOf(img image.Image, y, x0 int, want color.RGBA) (from, to int) {
	b := img.Bounds()
	x := x0
	for x < b.Max.X && !sameRGB(img.At(x, y), want) {
		x++
	}
	from = x
	for x < b.Max.X && sameRGB(img.At(x, y), want) {
		x++
	}
	return from, x
}

func TestBarChartProportional(t *testing.T) {
	bars := sampleBars()
	img, g, err := barChart(bars, ChartOptions{Unit: "分", HighlightNote: "前三名"})
	if err != nil {
		t.Fatal(err)
	}
	if w := img.Bounds().Dx(); w != 1600 {
		t.Errorf("default width = %d, want 1600", w)
	}
	keepPNG(t, img, "chart.png")
	if g.axisMax != 140 {
		t.Errorf("axis ends at %v, want 140 (next step of 20 above 130)", g.axisMax)
	}
	plotW := float64(g.plotX1 - g.plotX0)
	for i, b := range bars {
		y := g.barMid(i)
		col := chartBar
		if b.Highlight {
			col = chartHighlight
		}
		from, to := runOf(img, y, g.plotX0, col)
		if b.Value == 0 {
			if to > from && from < g.barEnd(b.Max) {
				t.Errorf("bar %d (%s, 0) drawn from %d to %d", i, b.Label, from, to)
			}
			continue
		}
		got := float64(to - g.plotX0)
		want := b.Value / g.axisMax * plotW
		if d := got - want; d < -3 || d > 3 {
			t.Errorf("bar %d (%s) is %.0f px long, want %.0f", i, b.Label, got, want)
		}
		// The track runs on to the bar's maximum.
		// (Read along the bar's top edge, above the value label.)
		ty := y - g.barH/2 + 2
		tto := img.Bounds().Max.X
		for tto > to && !sameRGB(img.At(tto-1, ty), chartTrack) {
			tto--
		}
		if wantT := b.Max / g.axisMax * plotW; b.Value < b.Max && (float64(tto-g.plotX0)-wantT < -3 || float64(tto-g.plotX0)-wantT > 3) {
			t.Errorf("bar %d (%s) track ends at %d, want %.0f", i, b.Label, tto-g.plotX0, wantT)
		}
	}
	// Longer bars are longer: ratios of two columns read across the image.
	_, a := runOf(img, g.barMid(0), g.plotX0, chartHighlight)
	_, c := runOf(img, g.barMid(6), g.plotX0, chartBar)
	ratio := float64(a-g.plotX0) / float64(c-g.plotX0)
	if ratio < 118.5/40*0.97 || ratio > 118.5/40*1.03 {
		t.Errorf("bar ratio %.3f, want %.3f", ratio, 118.5/40)
	}
}

// TestBarChartText checks that labels are drawn as glyphs, not boxes: the
// ink of each label differs from the others', and a missing-glyph box
// (the same for every character) would not.
func TestBarChartText(t *testing.T) {
	bars := []Bar{{Label: "第一车队党支部", Value: 50}, {Label: "机关第二党支部", Value: 60}}
	img, g, err := barChart(bars, ChartOptions{Width: 800})
	if err != nil {
		t.Fatal(err)
	}
	ink := func(i int) []int {
		var cols []int
		mid := g.barMid(i)
		for x := 0; x < g.plotX0; x++ {
			n := 0
			for y := mid - 10; y <= mid+10; y++ {
				if r, _, _, _ := img.At(x, y).RGBA(); r>>8 < 160 {
					n++
				}
			}
			cols = append(cols, n)
		}
		return cols
	}
	a, b := ink(0), ink(1)
	sum := func(v []int) int {
		s := 0
		for _, n := range v {
			s += n
		}
		return s
	}
	if sum(a) < 100 || sum(b) < 100 {
		t.Fatalf("labels have little ink: %d, %d", sum(a), sum(b))
	}
	// 第一车队 and 机关第二 differ: so must their ink.
	diff := 0
	for i := range a {
		if a[i] != b[i] {
			diff++
		}
	}
	if diff < 20 {
		t.Errorf("the two labels look alike (%d columns differ): glyphs missing?", diff)
	}
}

func TestBarChartSizes(t *testing.T) {
	img, err := BarChart(sampleBars(), ChartOptions{Width: 1000, Height: 700, Title: "各党支部总分"})
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1000 || b.Dy() != 700 {
		t.Errorf("size %v, want 1000×700", b)
	}
	// The image is not blank: several colours in quantity.
	counts := map[color.RGBA]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			counts[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), 255}]++
		}
	}
	for _, c := range []color.RGBA{chartBar, chartHighlight, chartTrack, chartBG} {
		if counts[c] < 1000 {
			t.Errorf("colour %v covers %d px only", c, counts[c])
		}
	}

	// Empty: a message, no error.
	empty, err := BarChart(nil, ChartOptions{Width: 400})
	if err != nil {
		t.Fatal(err)
	}
	if empty.Bounds().Dx() != 400 || empty.Bounds().Dy() < 60 {
		t.Errorf("empty chart %v", empty.Bounds())
	}

	for _, bad := range []struct {
		bars []Bar
		opts ChartOptions
	}{
		{sampleBars(), ChartOptions{Width: -1}},
		{sampleBars(), ChartOptions{Width: 100}},
		{sampleBars(), ChartOptions{Width: 800, Height: 60}},
		{sampleBars(), ChartOptions{Width: 100000, Height: 100000}},
		{[]Bar{{Label: "x", Value: 1.0 / zero()}}, ChartOptions{}},
	} {
		if _, err := BarChart(bad.bars, bad.opts); err == nil {
			t.Errorf("BarChart(%v) accepted", bad.opts)
		}
	}
}

func zero() float64 { return 0 }

func TestBarChartLongLabelAndPNG(t *testing.T) {
	bars := []Bar{
		{Label: strings.Repeat("很长的党支部名称", 8), Value: 10, Max: 20},
		{Label: "短", Value: 20, Max: 20},
	}
	b, err := BarChartPNG(bars, ChartOptions{Width: 800, Unit: "分"})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := img.(*image.RGBA); !ok {
		// Opaque RGBA is written as 8-bit RGB and decodes as RGBA.
		t.Errorf("decoded as %T", img)
	}
	_, g, _ := barChart(bars, ChartOptions{Width: 800, Unit: "分"})
	if g.plotX0 > 800*40/100 {
		t.Errorf("a long label pushed the plot to x=%d", g.plotX0)
	}
}

func TestNiceStep(t *testing.T) {
	for _, c := range []struct{ top, step float64 }{{130, 20}, {100, 20}, {10, 2}, {7, 1}, {1, 0.2}, {250, 50}, {1000, 200}, {36, 10}} {
		if got := niceStep(c.top); got < c.step*0.999 || got > c.step*1.001 {
			t.Errorf("niceStep(%v) = %v, want %v", c.top, got, c.step)
		}
	}
}

// keepPNG writes img under REPORT_KEEP, for looking at it.
func keepPNG(t *testing.T, img image.Image, name string) {
	t.Helper()
	dir := os.Getenv("REPORT_KEEP")
	if dir == "" {
		return
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestImagePNG(t *testing.T) {
	chart, err := BarChartPNG(sampleBars(), ChartOptions{Width: 800})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	gray16 := image.NewGray16(image.Rect(0, 0, 4, 4))
	if err := png.Encode(&buf, gray16); err != nil {
		t.Fatal(err)
	}
	drew := map[string]bool{}
	path, _ := renderTest(t, "imagepng.pdf", Portrait, Meta{Title: "图"}, func(d *Doc) error {
		drew["chart"] = d.ImagePNG(chart, marginLeft, d.Y(), 80, 60)
		drew["again"] = d.ImagePNG(chart, marginLeft, d.Y()+70, 80, 60)
		drew["garbage"] = d.ImagePNG([]byte("not a png"), marginLeft, d.Y(), 80, 60)
		drew["gray16"] = d.ImagePNG(buf.Bytes(), marginLeft, d.Y(), 80, 60)
		drew["jpeg as png"] = d.ImagePNG([]byte{0xFF, 0xD8, 0xFF}, marginLeft, d.Y(), 80, 60)
		return nil
	})
	want := map[string]bool{"chart": true, "again": true}
	for k, v := range drew {
		if v != want[k] {
			t.Errorf("ImagePNG(%s) = %v", k, v)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(b, []byte("/Subtype /Image")); n != 1 {
		t.Errorf("the chart drawn twice is embedded %d times", n)
	}
}

// TestBarChartTextPx: a chart drawn small for a screen keeps its labels at
// the text size asked for, rather than shrinking them with the width.
func TestBarChartTextPx(t *testing.T) {
	bars := []Bar{{Label: "第一车队党支部", Value: 50, Max: 100}, {Label: "机关党支部", Value: 60, Max: 100}}
	inkHeight := func(opts ChartOptions) int {
		img, g, err := barChart(bars, opts)
		if err != nil {
			t.Fatal(err)
		}
		mid := g.barMid(0)
		top, bottom := -1, -1
		for y := max(0, mid-40); y <= mid+40; y++ {
			for x := 0; x < g.plotX0; x++ {
				if r, _, _, _ := img.At(x, y).RGBA(); r>>8 < 160 {
					if top < 0 {
						top = y
					}
					bottom = y
					break
				}
			}
		}
		return bottom - top + 1
	}
	small := inkHeight(ChartOptions{Width: 480, Height: 300})
	sized := inkHeight(ChartOptions{Width: 480, Height: 300, TextPx: 16})
	if sized < 13 {
		t.Errorf("labels at TextPx 16 are %d px high", sized)
	}
	if sized <= small {
		t.Errorf("TextPx did not enlarge the labels: %d px, %d px without", sized, small)
	}
}
