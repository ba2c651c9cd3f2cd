// Package ui builds the workbench's Fyne screens. It talks to the store
// through package data and prints through package report; it never writes SQL.
package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"dangjian/assets"
)

// fontResource is the bundled CJK font; the theme uses it for every text
// style so Chinese renders the same on machines without a CJK system font.
var fontResource = fyne.NewStaticResource("wqy-microhei.ttf", assets.FontTTF)

// IconResource is the application icon.
var IconResource = fyne.NewStaticResource("icon.png", assets.IconPNG)

// Party red, used sparingly: primary buttons, selection, the title bar.
var (
	colorPrimary = color.NRGBA{R: 0xC8, G: 0x10, B: 0x2E, A: 0xFF}
	colorWarning = color.NRGBA{R: 0xB2, G: 0x6A, B: 0x00, A: 0xFF}
)

// workbenchTheme wraps Fyne's default theme, fixed to its light variant (the
// offices print what they see, and paper is white), with the bundled font and
// a text-size multiplier from 系统设置.
type workbenchTheme struct {
	scale float32
}

// NewTheme returns the theme with text scaled by scale (1 = Fyne's default).
func NewTheme(scale float64) fyne.Theme {
	if scale < 0.8 || scale > 2 {
		scale = 1
	}
	return &workbenchTheme{scale: float32(scale)}
}

func (t *workbenchTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		return colorPrimary
	case theme.ColorNameFocus:
		return color.NRGBA{R: 0xC8, G: 0x10, B: 0x2E, A: 0x70}
	case theme.ColorNameSelection:
		return color.NRGBA{R: 0xC8, G: 0x10, B: 0x2E, A: 0x30}
	case theme.ColorNameWarning:
		return colorWarning
	case theme.ColorNameHeaderBackground:
		return color.NRGBA{R: 0xF2, G: 0xF2, B: 0xF2, A: 0xFF}
	}
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

func (t *workbenchTheme) Font(fyne.TextStyle) fyne.Resource { return fontResource }

func (t *workbenchTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(n)
}

func (t *workbenchTheme) Size(n fyne.ThemeSizeName) float32 {
	s := theme.DefaultTheme().Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText,
		theme.SizeNameCaptionText, theme.SizeNameInlineIcon:
		return s * t.scale
	}
	return s
}

// InstallTranslations makes Fyne's own widgets speak Chinese whatever the
// system locale is.
func InstallTranslations() {
	for _, loc := range []fyne.Locale{"zh", "zh-CN", "zh-Hans", "en"} {
		if err := lang.AddTranslationsForLocale(assets.ZhTranslations, loc); err != nil {
			fyne.LogError("translations", err)
		}
	}
}
