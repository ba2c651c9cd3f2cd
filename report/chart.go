package report

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"strconv"
	"sync"

	"dangjian/assets"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Bar is one bar of a BarChart: a value out of a maximum, such as a
// branch's total out of what it could have scored.
type Bar struct {
	Label string
	Value float64
	// Max, when above 0, is drawn as a light track behind the bar, so a
	// bar reads as "so much out of so much".
	Max float64
	// Highlight draws the bar darker and its label bold: the first places,
	// or the branch being looked at.
	Highlight bool
}

// ChartOptions shape a BarChart.
type ChartOptions struct {
	Title string // drawn above the chart; "" for none (a PDF prints its own caption)
	// Width and Height of the image in pixels. Width 0 means 1600, twice
	// the 800 the layout is designed at, so the chart stays crisp printed
	// across an A4 page; text and rules scale with Width. Height 0 fits the
	// bars; a given Height shares what is left among them.
	Width, Height int
	Unit          string // after the value labels, e.g. 分
	// HighlightNote names the highlighted bars in the legend, e.g. 前三名;
	// "" leaves them out of the legend.
	HighlightNote string
	// TextPx, when above 0, is the bar labels' text size in pixels, and
	// every other size follows it: for a chart drawn at the size it is
	// shown, whose labels should read like the text around it. 0 scales
	// the text with Width instead.
	TextPx float64
}

// Colours of the chart. The bar colours differ in lightness as well as
// hue, so they stay apart on a black-and-white office printer.
var (
	chartBG        = color.RGBA{255, 255, 255, 255}
	chartInk       = color.RGBA{34, 34, 34, 255}
	chartMuted     = color.RGBA{96, 96, 96, 255}
	chartGrid      = color.RGBA{218, 218, 218, 255}
	chartAxis      = color.RGBA{120, 120, 120, 255}
	chartTrack     = color.RGBA{236, 236, 236, 255}
	chartBar       = color.RGBA{222, 120, 104, 255}
	chartHighlight = color.RGBA{176, 22, 30, 255}
)

// chartDesignWidth is the width the layout constants below are given for.
const chartDesignWidth = 800

// Layout in design pixels.
const (
	chPad       = 16
	chTitleSize = 20
	chLabelSize = 15
	chValueSize = 14
	chTickSize  = 12
	chRowH      = 42
	chBarMax    = 26 // thickest bar
	chLabelGap  = 10
	chValueGap  = 6
	chMaxPixels = 40_000_000 // an image larger than this is a mistake, not a chart
)

var (
	chartFontOnce sync.Once
	chartFont     *opentype.Font
	chartFontErr  error
)

func loadChartFont() (*opentype.Font, error) {
	chartFontOnce.Do(func() {
		chartFont, chartFontErr = opentype.Parse(assets.FontTTF)
	})
	return chartFont, chartFontErr
}

// chartCanvas draws on an image with faces at a scale.
type chartCanvas struct {
	img   *image.RGBA
	font  *opentype.Font
	scale float64
	faces map[float64]font.Face
}

func (c *chartCanvas) px(design float64) int { return int(math.Round(design * c.scale)) }

func (c *chartCanvas) face(size float64) font.Face {
	px := math.Round(size * c.scale)
	if f, ok := c.faces[px]; ok {
		return f
	}
	f, err := opentype.NewFace(c.font, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingNone})
	if err != nil { // only for a size the font cannot take; px is always sane
		f = nil
	}
	c.faces[px] = f
	return f
}

func (c *chartCanvas) close() {
	for _, f := range c.faces {
		if f != nil {
			f.Close()
		}
	}
}

func (c *chartCanvas) measure(s string, size float64) int {
	f := c.face(size)
	if f == nil {
		return 0
	}
	return font.MeasureString(f, s).Ceil()
}

// text draws s with its left end at x, its middle at y (CJK glyphs sit
// about 0.37 em above the baseline's middle); bold draws it again a pixel
// or so to the right, as the font has no bold face.
func (c *chartCanvas) text(s string, x, y int, size float64, col color.Color, bold bool) {
	f := c.face(size)
	if f == nil {
		return
	}
	base := y + int(math.Round(0.37*size*c.scale))
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(col), Face: f}
	d.Dot = fixed.P(x, base)
	d.DrawString(s)
	if bold {
		off := max(1, int(math.Round(c.scale*0.6)))
		d.Dot = fixed.P(x+off, base)
		d.DrawString(s)
	}
}

func (c *chartCanvas) rect(x0, y0, x1, y1 int, col color.Color) {
	draw.Draw(c.img, image.Rect(x0, y0, x1, y1), image.NewUniform(col), image.Point{}, draw.Src)
}

// fit cuts s with an ellipsis to at most w pixels.
func (c *chartCanvas) fit(s string, size float64, w int) string {
	if c.measure(s, size) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		if t := string(r) + "…"; c.measure(t, size) <= w {
			return t
		}
	}
	return ""
}

// chartNumber writes a value as people write scores: 86, 86.5.
func chartNumber(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// niceStep is the smallest step of 1, 2 or 5 × 10ⁿ that reaches top in at
// most seven intervals.
func niceStep(top float64) float64 {
	mag := math.Pow(10, math.Floor(math.Log10(top))-2)
	for {
		for _, m := range []float64{1, 2, 5} {
			if step := m * mag; math.Ceil(top/step-1e-9) <= 7 {
				return step
			}
		}
		mag *= 10
	}
}

// chartGeometry is where a BarChart puts things, in image pixels; tests
// read it to check the bars.
type chartGeometry struct {
	plotX0, plotX1 int     // the value axis: 0 at plotX0, axisMax at plotX1
	axisMax        float64 // value at plotX1
	rowTop         int     // top of the first bar's row
	rowH           float64
	barH           int
}

// barSpan is the horizontal extent of a bar of value v.
func (g chartGeometry) barEnd(v float64) int {
	v = max(0, min(v, g.axisMax))
	return g.plotX0 + int(math.Round(v/g.axisMax*float64(g.plotX1-g.plotX0)))
}

// barMid is the vertical middle of bar i.
func (g chartGeometry) barMid(i int) int {
	return g.rowTop + int(math.Round((float64(i)+0.5)*g.rowH))
}

// BarChart draws bars horizontally, in the order given, top to bottom: the
// label (in the bundled font, so Chinese renders anywhere) at the left, the
// bar on a light track up to its Max, the value at the bar's end, vertical
// gridlines with their values below, and a legend when the bars have a
// Max or a highlight note. Bars without any data draw "暂无数据".
func BarChart(bars []Bar, opts ChartOptions) (image.Image, error) {
	img, _, err := barChart(bars, opts)
	return img, err
}

// BarChartPNG is BarChart encoded as PNG (opaque RGB, which PDFs embed
// as it is).
func BarChartPNG(bars []Bar, opts ChartOptions) ([]byte, error) {
	img, err := BarChart(bars, opts)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func barChart(bars []Bar, opts ChartOptions) (*image.RGBA, chartGeometry, error) {
	var g chartGeometry
	if opts.Width < 0 || opts.Height < 0 {
		return nil, g, fmt.Errorf("图表尺寸 %d×%d 不合适", opts.Width, opts.Height)
	}
	for _, b := range bars {
		if math.IsNaN(b.Value) || math.IsInf(b.Value, 0) || math.IsNaN(b.Max) || math.IsInf(b.Max, 0) {
			return nil, g, fmt.Errorf("图表中“%s”的数值无效", b.Label)
		}
	}
	fnt, err := loadChartFont()
	if err != nil {
		return nil, g, fmt.Errorf("图表字体无法载入：%w", err)
	}
	w := opts.Width
	if w == 0 {
		w = 2 * chartDesignWidth
	}
	if w < 200 {
		return nil, g, fmt.Errorf("图表宽度 %d 像素太窄（至少 200）", w)
	}
	c := &chartCanvas{font: fnt, scale: float64(w) / chartDesignWidth, faces: map[float64]font.Face{}}
	if opts.TextPx > 0 {
		c.scale = opts.TextPx / chLabelSize
	}
	defer c.close()

	axisMax := 0.0
	hasMax, hasHighlight := false, false
	for _, b := range bars {
		axisMax = max(axisMax, b.Value, b.Max)
		hasMax = hasMax || b.Max > 0
		hasHighlight = hasHighlight || b.Highlight
	}
	legend := hasMax || (hasHighlight && opts.HighlightNote != "")

	// Vertical layout, in pixels.
	top := c.px(chPad)
	if opts.Title != "" {
		top += c.px(chTitleSize * 1.8)
	}
	tickH := c.px(chTickSize * 2.2)
	legendH := 0
	if legend {
		legendH = c.px(chValueSize * 2.2)
	}
	bottom := tickH + legendH + c.px(chPad)
	h := opts.Height
	n := len(bars)
	if h == 0 {
		h = top + c.px(float64(max(n, 3))*chRowH) + bottom
	}
	if float64(w)*float64(h) > chMaxPixels {
		return nil, g, fmt.Errorf("图表 %d×%d 像素太大", w, h)
	}
	if h-top-bottom < c.px(chRowH)/2*max(n, 1) {
		return nil, g, fmt.Errorf("图表高度 %d 像素放不下 %d 个柱", h, n)
	}
	c.img = image.NewRGBA(image.Rect(0, 0, w, h))
	c.rect(0, 0, w, h, chartBG)
	if opts.Title != "" {
		tw := c.measure(opts.Title, chTitleSize)
		c.text(c.fit(opts.Title, chTitleSize, w-2*c.px(chPad)), max(c.px(chPad), (w-tw)/2), c.px(chPad)+c.px(chTitleSize*0.8), chTitleSize, chartInk, true)
	}
	if n == 0 || axisMax <= 0 {
		msg := "暂无数据"
		c.text(msg, (w-c.measure(msg, chLabelSize))/2, (top+h-bottom)/2, chLabelSize, chartMuted, false)
		return c.img, g, nil
	}

	// Horizontal layout: labels | plot | room for the longest value label.
	labelW := 0
	for _, b := range bars {
		labelW = max(labelW, c.measure(b.Label, chLabelSize))
	}
	labelW = min(labelW, int(float64(w)*0.34))
	step := niceStep(axisMax)
	g.axisMax = math.Ceil(axisMax/step-1e-9) * step
	valueW := 0
	for _, b := range bars {
		valueW = max(valueW, c.measure(chartNumber(b.Value)+opts.Unit, chValueSize))
	}
	// The last tick's label is centred on the plot's end: keep half of it in.
	valueW = max(valueW+c.px(chValueGap), c.measure(chartNumber(g.axisMax), chTickSize)/2)
	g.plotX0 = c.px(chPad) + labelW + c.px(chLabelGap)
	g.plotX1 = w - c.px(chPad) - valueW
	if g.plotX1-g.plotX0 < c.px(100) {
		return nil, g, fmt.Errorf("图表宽度 %d 像素放不下这些柱", w)
	}
	g.rowTop = top
	g.rowH = float64(h-top-bottom) / float64(n)
	g.barH = min(int(g.rowH*0.62), c.px(chBarMax))
	plotBottom := h - bottom

	// Gridlines and their values.
	gw := max(1, c.px(1))
	for k := 0; ; k++ {
		v := float64(k) * step
		if v > g.axisMax+step/1000 {
			break
		}
		x := g.barEnd(v)
		col := chartGrid
		if k == 0 {
			col = chartAxis
		}
		c.rect(x-gw/2, top-c.px(4), x-gw/2+gw, plotBottom+c.px(4), col)
		s := chartNumber(v)
		c.text(s, x-c.measure(s, chTickSize)/2, plotBottom+tickH/2+c.px(2), chTickSize, chartMuted, false)
	}

	// Bars.
	for i, b := range bars {
		mid := g.barMid(i)
		y0, y1 := mid-g.barH/2, mid-g.barH/2+g.barH
		if e := g.barEnd(b.Max); e > g.plotX0+gw {
			c.rect(g.plotX0+gw, y0, e, y1, chartTrack)
		}
		col := chartBar
		if b.Highlight {
			col = chartHighlight
		}
		end := g.barEnd(b.Value)
		if end > g.plotX0+gw {
			c.rect(g.plotX0+gw, y0, end, y1, col)
		}
		label := c.fit(b.Label, chLabelSize, labelW)
		c.text(label, g.plotX0-c.px(chLabelGap)-c.measure(label, chLabelSize), mid, chLabelSize, chartInk, b.Highlight)
		c.text(chartNumber(b.Value)+opts.Unit, end+c.px(chValueGap), mid, chValueSize, chartInk, b.Highlight)
	}

	if legend {
		type entry struct {
			col  color.Color
			text string
		}
		var es []entry
		if hasHighlight && opts.HighlightNote != "" {
			es = append(es, entry{chartHighlight, opts.HighlightNote})
			es = append(es, entry{chartBar, "其他"})
		} else {
			es = append(es, entry{chartBar, "得分"})
		}
		if hasMax {
			es = append(es, entry{chartTrack, "满分"})
		}
		sw, gap := c.px(chValueSize), c.px(6)
		total := 0
		for i, e := range es {
			total += sw + gap + c.measure(e.text, chValueSize)
			if i > 0 {
				total += c.px(22)
			}
		}
		x := max(c.px(chPad), (g.plotX0+g.plotX1-total)/2)
		y := h - c.px(chPad) - legendH/2
		for _, e := range es {
			c.rect(x, y-sw/2, x+sw, y-sw/2+sw, e.col)
			if e.col == chartTrack { // a light swatch needs an edge to be seen
				c.rect(x, y-sw/2, x+sw, y-sw/2+gw, chartGrid)
				c.rect(x, y-sw/2+sw-gw, x+sw, y-sw/2+sw, chartGrid)
				c.rect(x, y-sw/2, x+gw, y-sw/2+sw, chartGrid)
				c.rect(x+sw-gw, y-sw/2, x+sw, y-sw/2+sw, chartGrid)
			}
			x += sw + gap
			c.text(e.text, x, y, chValueSize, chartMuted, false)
			x += c.measure(e.text, chValueSize) + c.px(22)
		}
	}
	return c.img, g, nil
}

// pngConfig reads a PNG's size.
func pngConfig(b []byte) (image.Config, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return cfg, fmt.Errorf("图表图片无法生成：%w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return cfg, errors.New("图表图片是空的")
	}
	return cfg, nil
}

// errChartImage reports a chart the PDF could not take.
var errChartImage = errors.New("图表图片没有画出")
