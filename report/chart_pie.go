package report

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"

	"golang.org/x/image/font"
)

// pieColours tell slices apart in colour and, printed in black and white,
// in lightness: red from dark to light, then greys.
var pieColours = []color.RGBA{
	{176, 22, 30, 255}, {222, 120, 104, 255}, {240, 178, 150, 255}, {120, 60, 50, 255},
	{250, 214, 190, 255}, {90, 90, 90, 255}, {150, 150, 150, 255}, {200, 200, 200, 255},
	{60, 60, 60, 255}, {230, 150, 60, 255}, {245, 200, 120, 255}, {110, 30, 80, 255},
}

// Legend text and line pitch of a pie chart, in design pixels: larger
// than the bar labels, as the legend is all the text a pie has.
const (
	pieTextSize = 22
	pieRowH     = 38
)

// PieColour is the colour of slice i, for legends drawn elsewhere.
func PieColour(i int) color.RGBA { return pieColours[i%len(pieColours)] }

// PieChart draws shares of a whole: a disc on the left, a legend on the
// right with each label, its value and its percentage. Bars with a value
// of 0 are listed in the legend but take no slice. Value is what counts;
// Max and Highlight are not used.
func PieChart(slices []Bar, opts ChartOptions) (image.Image, error) {
	return pieChart(slices, opts)
}

// PieChartPNG is PieChart encoded as PNG.
func PieChartPNG(slices []Bar, opts ChartOptions) ([]byte, error) {
	img, err := pieChart(slices, opts)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func pieChart(slices []Bar, opts ChartOptions) (*image.RGBA, error) {
	if len(slices) == 0 {
		return nil, errors.New("没有可画的数据")
	}
	total := 0.0
	for _, s := range slices {
		if s.Value < 0 || math.IsNaN(s.Value) || math.IsInf(s.Value, 0) {
			return nil, fmt.Errorf("“%s”的数值不正确", s.Label)
		}
		total += s.Value
	}
	f, err := loadChartFont()
	if err != nil {
		return nil, err
	}
	w := opts.Width
	if w <= 0 {
		w = 2 * chartDesignWidth
	}
	scale := float64(w) / chartDesignWidth
	titleH := 0.0
	if opts.Title != "" {
		titleH = chTitleSize + chPad
	}
	legendH := float64(len(slices))*pieRowH + chPad
	designH := math.Max(300, legendH+2*chPad) + titleH
	h := opts.Height
	if h <= 0 {
		h = int(math.Round(designH * scale))
	}
	if w*h > chMaxPixels || h <= 0 {
		return nil, errors.New("图表尺寸不合理")
	}
	c := &chartCanvas{img: image.NewRGBA(image.Rect(0, 0, w, h)), font: f, scale: scale, faces: map[float64]font.Face{}}
	defer c.close()
	c.rect(0, 0, w, h, chartBG)
	top := c.px(chPad)
	if opts.Title != "" {
		c.text(c.fit(opts.Title, chTitleSize, w-2*c.px(chPad)), c.px(chPad), top+c.px(chTitleSize/2), chTitleSize, chartInk, true)
		top += c.px(titleH)
	}
	// The disc fills the left part's height.
	avail := h - top - c.px(chPad)
	r := float64(min(avail, int(float64(w)*0.42))) / 2
	cx, cy := float64(c.px(chPad))+r, float64(top)+float64(avail)/2
	if total > 0 {
		// Slice boundaries as fractions of the turn, clockwise from 12 o'clock.
		ends := make([]float64, len(slices))
		acc := 0.0
		for i, s := range slices {
			acc += s.Value / total
			ends[i] = acc
		}
		x0, x1 := int(cx-r)-1, int(cx+r)+1
		y0, y1 := int(cy-r)-1, int(cy+r)+1
		for y := max(y0, 0); y <= min(y1, h-1); y++ {
			for x := max(x0, 0); x <= min(x1, w-1); x++ {
				dx, dy := float64(x)+0.5-cx, float64(y)+0.5-cy
				d := math.Hypot(dx, dy)
				if d > r {
					continue
				}
				a := math.Atan2(dx, -dy) / (2 * math.Pi)
				if a < 0 {
					a++
				}
				i := 0
				for i < len(ends)-1 && a >= ends[i] {
					i++
				}
				col := PieColour(i)
				if d > r-1 { // soften the rim
					col = pieBlend(col, chartBG, d-(r-1))
				}
				c.img.SetRGBA(x, y, col)
			}
		}
		// White separators between slices that have room.
		if len(slices) > 1 {
			start := 0.0
			for i := range slices {
				if slices[i].Value > 0 && slices[i].Value < total {
					ang := start * 2 * math.Pi
					for t := 0.0; t < r; t += 0.5 {
						x, y := int(cx+t*math.Sin(ang)), int(cy-t*math.Cos(ang))
						for k := -c.px(1) / 2; k <= c.px(1)/2; k++ {
							if x+k >= 0 && x+k < w && y >= 0 && y < h {
								c.img.SetRGBA(x+k, y, chartBG)
							}
						}
					}
				}
				start = ends[i]
			}
		}
	} else {
		c.text("（无数据）", int(cx)-c.px(40), int(cy), chLabelSize, chartMuted, false)
	}
	// Legend.
	lx := int(cx+r) + c.px(3*chPad)
	rowH := c.px(pieRowH)
	ly := top + (avail-len(slices)*rowH)/2 + rowH/2
	sw := c.px(pieTextSize)
	for i, s := range slices {
		y := ly + i*rowH
		c.rect(lx, y-sw/2, lx+sw, y+sw/2, PieColour(i))
		pct := "0%"
		if total > 0 {
			pct = chartNumber(s.Value*100/total) + "%"
		}
		text := fmt.Sprintf("%s  %s%s（%s）", s.Label, chartNumber(s.Value), opts.Unit, pct)
		c.text(c.fit(text, pieTextSize, w-lx-sw-c.px(chPad+chLabelGap)), lx+sw+c.px(chLabelGap), y, pieTextSize, chartInk, false)
	}
	return c.img, nil
}

// pieBlend mixes a toward b by t (0..1).
func pieBlend(a, b color.RGBA, t float64) color.RGBA {
	t = math.Max(0, math.Min(1, t))
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-t) + float64(y)*t)) }
	return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 255}
}
