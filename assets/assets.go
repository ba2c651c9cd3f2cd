// Package assets holds the files the programs embed: the bundled CJK font
// (so Chinese renders on machines without a CJK system font, and every PDF
// carries the same glyphs) and the application icon.
package assets

import _ "embed"

// FontTTF is WenQuanYi Micro Hei, face 0 of Debian's wqy-microhei.ttc saved as
// a plain TrueType file: Fyne and gofpdf both refuse .ttc collections and
// gofpdf refuses CFF outlines. Licence: fonts/LICENSE-wqy-microhei.txt.
//
//go:embed fonts/wqy-microhei.ttf
var FontTTF []byte

// FontName is the family name the PDF writer registers the font under.
const FontName = "wqy"

// IconPNG is the 512×512 application icon.
//
//go:embed icon.png
var IconPNG []byte

// ZhTranslations are Simplified Chinese strings for Fyne's own widgets
// (dialog buttons, the file chooser, the entry's context menu). They are
// registered for every locale the program may start under, so an office PC
// set to English still shows a Chinese interface.
//
//go:embed lang/zh.json
var ZhTranslations []byte
