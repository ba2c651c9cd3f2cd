package report

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"dangjian/data"
)

// ErrNothingToPrint is returned when a print job has no records.
var ErrNothingToPrint = errors.New("没有可打印的党员记录")

// MemberFormTitle is the title of the printed member registration form.
const MemberFormTitle = "党员基本信息登记表"

// MemberFormOptions set up the printed 党员基本信息登记表.
type MemberFormOptions struct {
	AsOf     data.Date                    // 填表（打印）日期, and the day age and 党龄 are computed on; zero means today
	Org      string                       // 党总支 name for the running header
	UnitName func(id int64) string        // names of branches and groups; nil prints none
	Photos   map[int64][]byte             // JPEG by member ID; a missing one leaves the box with "照片"
	Events   map[int64][]data.MemberEvent // optional history (转入/转出, 奖惩 …), printed as 历史事项
	Created  time.Time                    // PDF creation stamp; zero means now
	// LoadPhotos, when set, reads the photos of the members of each chunk
	// of forms as it is printed, instead of Photos: with it, memory does not
	// grow with the number of forms. It is called on one goroutine, in order.
	LoadPhotos func(ids []int64) (map[int64][]byte, error)

	perChunk int // forms per chunk; 0 means formsPerChunk (tests set it)
}

func (o MemberFormOptions) withDefaults() MemberFormOptions {
	if o.AsOf.IsZero() {
		o.AsOf = data.Today()
	}
	if o.UnitName == nil {
		o.UnitName = func(int64) string { return "" }
	}
	return o
}

// MemberForms prints one 党员基本信息登记表 per member into one PDF: A4
// portrait, a ruled form in the layout of the paper 登记表 with the photo
// box at the top right, every field of the dossier grouped as on the paper
// form, the 历史事项 when given, and the lines the member and the branch sign
// on. A member's form fills one page; only a very long 奖励, 备注 or history
// continues on the next, under a "（续）" line. Each form starts a page and
// has a bookmark and its own page numbers (第 1 页 / 共 2 页 for a form
// that continues). Members are printed branch by branch (in the order the
// branches first appear) and 按姓氏笔画 within a branch.
func MemberForms(w io.Writer, ms []data.Member, opts MemberFormOptions) error {
	if len(ms) == 0 {
		return ErrNothingToPrint
	}
	opts = opts.withDefaults()
	order := printOrder(ms)
	meta := Meta{Title: MemberFormTitle, Org: opts.Org, Created: opts.Created,
		Subject: fmt.Sprintf("党员基本信息登记表（%d 人，%s打印）", len(ms), opts.AsOf.Chinese())}
	if len(ms) == 1 {
		meta.Subject = "党员基本信息登记表：" + ms[0].Name
	}
	if sw, ok := w.(sealedWriter); ok {
		meta.Seal = sw.seal
	}
	// Each form is numbered on its own, so the forms are printed in chunks
	// that are laid out separately, side by side, and joined as they are
	// done: memory stays flat however many forms are printed.
	per := opts.perChunk
	if per <= 0 {
		per = formsPerChunk
	}
	chunks := (len(ms) + per - 1) / per
	return renderChunks(w, chunks, chunkWorkers(), func(i int) (chunkJob, error) {
		part := make([]data.Member, 0, per)
		for _, k := range order[i*per : min((i+1)*per, len(ms))] {
			part = append(part, ms[k])
		}
		o := opts
		if opts.LoadPhotos != nil {
			ids := make([]int64, len(part))
			for k, m := range part {
				ids[k] = m.ID
			}
			photos, err := opts.LoadPhotos(ids)
			if err != nil {
				return nil, err
			}
			o.Photos = photos
		}
		return func() (chunk, error) {
			return renderChunk(Portrait, meta, memberFormsBuild(part, o), onePageEach(len(part)))
		}, nil
	})
}

// formsPerChunk is how many forms a chunk of a streamed print holds. Each
// chunk parses the font and cuts its subset once (about 40 ms, so 0.1 ms a
// form at 400, twice that at 200) and adds its subset to the file; two
// chunks are in memory at once (about 60 KB a form with its photo, so
// 50 MB). Measured on 10,000 forms with photos: 250 a chunk 1.02 ms of
// processor time a page and 201 MB peak, 500 0.90 ms and 221 MB.
const formsPerChunk = 400

// memberFormsBuild lays out forms one after another, each on a new page
// and numbered on its own.
func memberFormsBuild(ms []data.Member, opts MemberFormOptions) func(d *Doc) error {
	// The forms do not depend on the page numbers: lay them out once, draw
	// them in every pass.
	forms := make([][]mfRow, len(ms))
	return func(d *Doc) error {
		for i, m := range ms {
			if i > 0 {
				d.NewPage()
				d.RestartPageNumbers() // each member's form is numbered on its own
			}
			f := memberForm{d: d, m: m, opts: opts}
			if forms[i] == nil {
				forms[i] = f.layout(f.rows())
			}
			f.print(forms[i])
		}
		return nil
	}
}

// onePageEach is the layout of n forms that fill a page each, as nearly
// every form does: the guess that lets a chunk be printed in one pass.
func onePageEach(n int) map[string]int {
	g := map[string]int{guessPages: n}
	for i := 1; i < n; i++ {
		g[numKey(i)] = i + 1
	}
	return g
}

// Form geometry. The grid has a narrow column for the section names written
// top to bottom, three label/value pairs, and the photo column beside the
// first rows; below the photo the third value takes the photo column too.
// Widths are in mm for the 165 mm between the margins of a portrait page.
const (
	mfSize     = SizeXiaoWu // form text: 小五, as dense paper forms use
	mfSecSize  = SizeWu     // section names
	mfLeading  = 1.3
	mfPadX     = 1.2
	mfPadY     = 1.2
	mfMinRow   = 7  // mm: room to correct by hand
	mfPhotoW   = 25 // mm: a 1-inch photo (一寸照片), 25 × 35
	mfPhotoH   = 35
	mfPhotoRow = 5  // rows beside the photo box
	mfSignH    = 20 // mm: the row signed and sealed on
)

// Grid columns: 0 section, 1 label, 2 value, 3 label, 4 value, 5 label,
// 6 value, 7 photo.
var mfCols = [...]float64{7, 22, 27, 22, 27, 16, 16, 28}

const (
	mfSec = iota
	mfL1
	mfV1
	mfL2
	mfV2
	mfL3
	mfV3
	mfPhoto
	mfEnd
)

// mfCell is one cell of a form row.
type mfCell struct {
	text  string
	col   int // first grid column
	span  int
	label bool   // shaded, centred: the printed label of a field
	align Align  // AlignDefault: labels and one-column values centred, wider values left
	foot  string // signature cells: written at the bottom right (the date line)
	lines []string
}

// mfRow is one row of the form, in a section (the names down the left side).
type mfRow struct {
	sec   string
	cells []mfCell
	minH  float64
	h     float64
}

type memberForm struct {
	d      *Doc
	m      data.Member
	opts   MemberFormOptions
	photoH float64 // height of the photo box: the rows beside it
}

func lbl(col int, text string) mfCell { return mfCell{text: text, col: col, span: 1, label: true} }
func val(col, span int, text string) mfCell {
	return mfCell{text: text, col: col, span: span}
}

// pair is a label in col and its value in the next span columns.
func pair(col int, label, value string, span int) []mfCell {
	return []mfCell{lbl(col, label), val(col+1, span, value)}
}

func cells(groups ...[]mfCell) []mfCell { return slices.Concat(groups...) }

// rows are the form's content, section by section, laid out as on the
// paper form: the fields read left to right, the long ones spanning.
func (f *memberForm) rows() []mfRow {
	m, asOf, unit := f.m, f.opts.AsOf, f.opts.UnitName
	const (
		basic   = "基本信息"
		party   = "党籍信息"
		work    = "学历与工作"
		contact = "联系方式"
		other   = "奖惩与备注"
		history = "历史事项"
	)
	age := ""
	if a := m.Age(asOf); a >= 0 {
		age = strconv.Itoa(a) + "岁"
	}
	rows := []mfRow{
		// Beside the photo.
		{sec: basic, cells: cells(pair(mfL1, "姓名", m.Name, 1), pair(mfL2, "性别", m.Sex, 1), pair(mfL3, "民族", m.Ethnicity, 1))},
		{sec: basic, cells: cells(pair(mfL1, "曾用名", m.FormerName, 1), pair(mfL2, "出生日期", m.BirthDate.Chinese(), 1), pair(mfL3, "年龄", age, 1))},
		{sec: basic, cells: pair(mfL1, "公民身份号码", m.IDNumber, 5)},
		{sec: basic, cells: cells(pair(mfL1, "籍贯", m.NativePlace, 1), pair(mfL2, "出生地", m.Birthplace, 3))},
		{sec: party, cells: cells(pair(mfL1, "党籍状态", m.Standing, 1), pair(mfL2, "党员状态", m.Status, 1), pair(mfL3, "党龄", partyAge(m, asOf), 1))},
		// Below it, the third value is wide.
		{sec: party, cells: cells(pair(mfL1, "所在党支部", unitOf(unit, m.BranchID), 3), pair(mfL3, "党小组", unitOf(unit, m.GroupID), 2))},
		{sec: party, cells: cells(pair(mfL1, "申请入党日期", m.ApplyDate.Chinese(), 1), pair(mfL2, "确定积极\n分子日期", m.ActivistDate.Chinese(), 1),
			pair(mfL3, "确定发展\n对象日期", m.CandidateDate.Chinese(), 2))},
		{sec: party, cells: cells(pair(mfL1, "入党日期", m.JoinDate.Chinese(), 1), pair(mfL2, "转正日期", m.FullDate.Chinese(), 1),
			pair(mfL3, "组织关系\n转入日期", m.TransferInDate.Chinese(), 2))},
		{sec: party, cells: cells(pair(mfL1, "政治生日", politicalBirthday(m), 1), pair(mfL2, "党费基数", money(m.DuesBase), 1),
			pair(mfL3, "党费交至", yearMonth(m.DuesPaidTo), 2))},
		{sec: party, cells: cells(pair(mfL1, "入党时\n所在支部", m.JoinBranch, 3), pair(mfL3, "志愿书\n编号", m.VolunteerNo, 2))},
		{sec: party, cells: cells(pair(mfL1, "转正时\n所在支部", m.FullBranch, 3), pair(mfL3, "培养\n联系人", m.Cultivator, 2))},
		{sec: party, cells: cells(pair(mfL1, "入党介绍人", joinNonEmpty("、", m.Introducer1, m.Introducer2), 1), pair(mfL2, "党内职务", m.PartyPost, 4))},
		{sec: work, cells: cells(pair(mfL1, "学历", m.Education, 1), pair(mfL2, "学位", m.Degree, 1), pair(mfL3, "人员类别", m.Category, 2))},
		{sec: work, cells: cells(pair(mfL1, "毕业院校\n及专业", m.SchoolMajor, 3), pair(mfL3, "参加工作\n日期", m.WorkStart.Chinese(), 2))},
		{sec: work, cells: cells(pair(mfL1, "单位/部门", m.WorkUnit, 3), pair(mfL3, "工号", m.StaffNo, 2))},
		{sec: work, cells: cells(pair(mfL1, "岗位", m.JobPost, 1), pair(mfL2, "行政职务", m.AdminTitle, 1), pair(mfL3, "职称", m.ProTitle, 2))},
		{sec: contact, cells: cells(pair(mfL1, "手机", m.Phone, 1), pair(mfL2, "户籍所在地\n派出所", m.PoliceStation, 4))},
		{sec: contact, cells: pair(mfL1, "家庭住址", m.Address, 6)},
		{sec: other, cells: pair(mfL1, "奖励", m.Rewards, 6)},
		{sec: other, cells: pair(mfL1, "处分", m.Punishments, 6)},
		{sec: other, cells: pair(mfL1, "档案存放地", m.ArchiveLocation, 6)},
		{sec: other, cells: pair(mfL1, "备注", m.Remarks, 6), minH: 2*f.lineHeight() + 2*mfPadY + 3},
	}
	if evs := liveEvents(f.opts.Events[m.ID]); len(evs) > 0 {
		rows = append(rows, mfRow{sec: history, cells: []mfCell{lbl(mfL1, "类别"), lbl(mfV1, "日期"), {text: "事项内容", col: mfL2, span: 5, label: true}}})
		for _, e := range evs {
			rows = append(rows, mfRow{sec: history, cells: []mfCell{val(mfL1, 1, e.Kind), val(mfV1, 1, e.Date.Chinese()),
				{text: e.Summary(unit), col: mfL2, span: 5, align: AlignLeft}}})
		}
	}
	rows = append(rows, mfRow{minH: mfSignH, cells: []mfCell{
		{text: "本人签字：", col: mfSec, span: 4, align: AlignLeft, foot: "年　　月　　日"},
		{text: "党支部审核意见（盖章）：", col: mfV2, span: 4, align: AlignLeft, foot: "年　　月　　日"},
	}})
	return rows
}

// liveEvents are the events not deleted, oldest first.
func liveEvents(evs []data.MemberEvent) []data.MemberEvent {
	var out []data.MemberEvent
	for _, e := range evs {
		if !e.Deleted {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b data.MemberEvent) int { return a.Date.Compare(b.Date) })
	return out
}

func unitOf(name func(int64) string, id int64) string {
	if id == 0 {
		return ""
	}
	return name(id)
}

// partyAge is 党龄 as printed: whole years since 转正, "预备期" for a 预备党员.
func partyAge(m data.Member, day data.Date) string {
	if m.Standing == data.StandingProbationary {
		return "预备期"
	}
	if y := m.PartyYears(day); y >= 0 {
		return strconv.Itoa(y) + "年"
	}
	return ""
}

// politicalBirthday is the anniversary of 入党 as a birthday is written: 7月1日.
func politicalBirthday(m data.Member) string {
	if m.JoinDate.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d月%d日", int(m.JoinDate.M), m.JoinDate.D)
}

// money writes an amount in 分 as yuan: 450000 → 4500.00 元. Zero is unknown
// and left blank.
func money(fen int64) string {
	if fen == 0 {
		return ""
	}
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s%d.%02d 元", sign, fen/100, fen%100)
}

var yearMonthRe = regexp.MustCompile(`^(\d{4})-(\d{1,2})$`)

// yearMonth writes a stored 年月 (2026-10) as 2026年10月; anything else as it is.
func yearMonth(s string) string {
	if m := yearMonthRe.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
		mo, _ := strconv.Atoi(m[2])
		return m[1] + "年" + strconv.Itoa(mo) + "月"
	}
	return s
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func (f *memberForm) lineHeight() float64 { return mfSize * ptMM * mfLeading }

// colX is the left edge of grid column c.
func (f *memberForm) colX(c int) float64 {
	x := float64(marginLeft)
	for _, w := range mfCols[:c] {
		x += w
	}
	return x
}

// layout wraps every cell and sizes the rows: each row as tall as its
// tallest cell; the rows beside the photo together as tall as the photo box;
// each section as tall as its name written down the side.
func (f *memberForm) layout(rows []mfRow) []mfRow {
	d := f.d
	lh := f.lineHeight()
	d.setSize(mfSize)
	for i := range rows {
		r := &rows[i]
		n := 1
		for j := range r.cells {
			c := &r.cells[j]
			w := f.colX(c.col+c.span) - f.colX(c.col)
			c.lines = BreakLines(clean(c.text), w-2*mfPadX, d.pdf.GetStringWidth)
			n = max(n, len(c.lines))
			if c.foot != "" {
				n = max(n, len(c.lines)+1)
			}
		}
		r.h = max(float64(n)*lh+2*mfPadY, mfMinRow, r.minH)
	}
	grow := func(from, to int, need float64) {
		have := 0.0
		for _, r := range rows[from:to] {
			have += r.h
		}
		if have < need {
			for i := from; i < to; i++ {
				rows[i].h += (need - have) / float64(to-from)
			}
		}
	}
	grow(0, min(mfPhotoRow, len(rows)), mfPhotoH+2)
	for from := 0; from < len(rows); {
		to := from + 1
		for to < len(rows) && rows[to].sec == rows[from].sec {
			to++
		}
		if rows[from].sec != "" {
			grow(from, to, f.secHeight(rows[from].sec))
		}
		from = to
	}
	return rows
}

// secPitch is the distance between the characters of a section name.
func secPitch(size float64) float64 { return size * ptMM * 1.1 }

// secHeight is the height a section name needs written top to bottom.
func (f *memberForm) secHeight(sec string) float64 {
	return float64(utf8.RuneCountInString(sec))*secPitch(mfSecSize) + 2*mfPadY
}

// print draws the form from the top of the current page.
func (f *memberForm) print(rows []mfRow) {
	d := f.d
	name := strings.TrimSpace(f.m.Name)
	if name == "" {
		name = "（未填姓名）"
	}
	mark := name
	if b := unitOf(f.opts.UnitName, f.m.BranchID); b != "" {
		mark += "（" + b + "）"
	}
	d.Bookmark(mark, 0)
	d.Title(MemberFormTitle)
	subLine(d, "所在党支部："+unitOf(f.opts.UnitName, f.m.BranchID), "填表（打印）日期："+f.opts.AsOf.Chinese())

	f.photoH = 0
	for _, r := range rows[:min(mfPhotoRow, len(rows))] {
		f.photoH += r.h
	}
	g := formGrid{f: f, top: d.Y(), runTop: d.Y()}
	for i := range rows {
		g.row(&rows[i], i)
	}
	g.endPage()
}

// subLine writes the line under a title: left and right parts, on one
// line when they fit, else on two.
func subLine(d *Doc, left, right string) {
	left, right = clean(left), clean(right)
	st := TextStyle{Size: SizeWu, Leading: 1.6}
	d.setSize(st.size())
	lw, rw := d.pdf.GetStringWidth(left), d.pdf.GetStringWidth(right)
	if lw+rw+8 > d.ContentWidth() {
		d.Text(left, st)
		st.Align = AlignRight
		d.Text(right, st)
	} else {
		y, h := d.Y(), st.lineHeight()
		d.writeLine(marginLeft, y, d.ContentWidth(), h, left, AlignLeft, false)
		d.writeLine(marginLeft, y, d.ContentWidth(), h, right, AlignRight, false)
		d.pdf.SetXY(marginLeft, y+h)
	}
	d.Space(1)
}

// formGrid draws the rows of one form, page by page: a heavy frame around
// each page's part, the section names down the side.
type formGrid struct {
	f      *memberForm
	top    float64 // top of the form's part on this page
	sec    string  // section of the rows since runTop
	runTop float64
}

func (g *formGrid) row(r *mfRow, index int) {
	d := g.f.d
	if r.h > d.Remaining()+eps {
		fresh := d.bodyHeight() - g.contHeight()
		minSplit := 3*g.f.lineHeight() + 2*mfPadY
		if r.h <= fresh || d.Remaining() < minSplit {
			g.pageBreak()
		}
	}
	if r.sec != g.sec {
		g.endRun()
		g.sec = r.sec
	}
	if r.h <= d.Remaining()+eps {
		g.drawRow(r, index, r.h, 0, -1)
		return
	}
	// Taller than a page: as many lines of every cell as fit, then the
	// rest on the next page.
	n := 0
	for _, c := range r.cells {
		n = max(n, len(c.lines))
	}
	lh := g.f.lineHeight()
	for from := 0; from < n; {
		k := int((d.Remaining() - 2*mfPadY + eps) / lh)
		if k < 1 {
			g.pageBreak()
			k = max(int((d.Remaining()-2*mfPadY+eps)/lh), 1)
		}
		k = min(k, n-from)
		g.drawRow(r, index, float64(k)*lh+2*mfPadY, from, from+k)
		from += k
		if from < n {
			g.pageBreak()
		}
	}
}

// contHeight is what a continuation page puts above the form.
func (g *formGrid) contHeight() float64 {
	return TextStyle{Size: SizeXiaoSi, Leading: 1.6}.lineHeight() + 1
}

func (g *formGrid) pageBreak() {
	d := g.f.d
	g.endPage()
	d.NewPage()
	name := strings.TrimSpace(g.f.m.Name)
	d.Text(MemberFormTitle+"（续）　姓名："+name, TextStyle{Size: SizeXiaoSi, Bold: true, Leading: 1.6})
	d.Space(1)
	g.top, g.runTop = d.Y(), d.Y()
}

// endRun draws the section name beside the rows of the run just ended.
func (g *formGrid) endRun() {
	d := g.f.d
	p := d.pdf
	y := d.Y()
	if g.sec != "" && y-g.runTop > eps {
		x, w, h := float64(marginLeft), mfCols[mfSec], y-g.runTop
		p.SetLineWidth(lineThin)
		p.SetFillColor(shadeLabel, shadeLabel, shadeLabel)
		p.Rect(x, g.runTop, w, h, "FD")
		chars := []rune(g.sec)
		size := mfSecSize
		if need := float64(len(chars))*secPitch(size) + 2*mfPadY; need > h {
			size *= h / need // a section cut by a page break: names stay inside
		}
		pitch := secPitch(size)
		d.setSize(size)
		y0 := g.runTop + (h-float64(len(chars))*pitch)/2
		for i, c := range chars {
			d.writeLine(x, y0+float64(i)*pitch, w, pitch, string(c), AlignCenter, true)
		}
		p.SetXY(marginLeft, y)
	}
	g.runTop = y
}

func (g *formGrid) endPage() {
	d := g.f.d
	g.endRun()
	y := d.Y()
	if y-g.top > eps {
		p := d.pdf
		p.SetLineWidth(lineBold)
		p.Rect(marginLeft, g.top, d.ContentWidth(), y-g.top, "D")
		p.SetLineWidth(lineThin)
	}
}

// drawRow draws a row h mm tall at the current position: lines [from, to)
// of each cell (to < 0: all, centred vertically), and beside the first rows
// the photo box.
func (g *formGrid) drawRow(r *mfRow, index int, h float64, from, to int) {
	f, d := g.f, g.f.d
	p := d.pdf
	y := d.Y()
	lh := f.lineHeight()
	if index == 0 {
		g.photo(y)
	}
	for _, c := range r.cells {
		x, w := f.colX(c.col), f.colX(c.col+c.span)-f.colX(c.col)
		p.SetLineWidth(lineThin)
		if c.label {
			p.SetFillColor(shadeLabel, shadeLabel, shadeLabel)
			p.Rect(x, y, w, h, "FD")
		} else {
			p.Rect(x, y, w, h, "D")
		}
		lines, off := c.lines, mfPadY
		if to >= 0 {
			lines = lines[min(from, len(lines)):min(to, len(lines))]
		} else if c.foot == "" {
			off = (h - float64(len(lines))*lh) / 2
		}
		a := c.align
		if a == AlignDefault {
			a = AlignLeft
			if c.label || c.span == 1 {
				a = AlignCenter
			}
		}
		d.setSize(mfSize)
		for i, l := range lines {
			d.writeLine(x+mfPadX, y+off+float64(i)*lh, w-2*mfPadX, lh, l, a, false)
		}
		if c.foot != "" {
			d.writeLine(x+mfPadX, y+h-mfPadY-lh, w-2*mfPadX-6, lh, c.foot, AlignRight, false)
		}
	}
	p.SetXY(marginLeft, y+h)
}

// photo draws the photo box beside the first rows, with the photo in it or
// the word 照片 where it goes.
func (g *formGrid) photo(y float64) {
	f, d := g.f, g.f.d
	p := d.pdf
	h := f.photoH
	x, w := f.colX(mfPhoto), mfCols[mfPhoto]
	p.SetLineWidth(lineThin)
	p.Rect(x, y, w, h, "D")
	bx, by := x+(w-mfPhotoW)/2, y+(h-mfPhotoH)/2
	if jpg := f.opts.Photos[f.m.ID]; len(jpg) > 0 && d.Image(jpg, bx, by, mfPhotoW, mfPhotoH) {
		return
	}
	p.SetDrawColor(160, 160, 160)
	p.SetDashPattern([]float64{1, 1}, 0)
	p.Rect(bx, by, mfPhotoW, mfPhotoH, "D")
	p.SetDashPattern(nil, 0)
	p.SetDrawColor(0, 0, 0)
	p.SetTextColor(128, 128, 128)
	d.setSize(SizeWu)
	lh := SizeWu * ptMM * 1.4
	d.writeLine(bx, by+mfPhotoH/2-lh, mfPhotoW, lh, "照片", AlignCenter, false)
	d.setSize(mfSize)
	d.writeLine(bx, by+mfPhotoH/2, mfPhotoW, lh, "（一寸）", AlignCenter, false)
	p.SetTextColor(0, 0, 0)
}

// byBranchAndStrokes orders members for printing: the branches in the
// order they first appear, members by the strokes of their names within
// each.
func byBranchAndStrokes(ms []data.Member) []data.Member {
	out := make([]data.Member, len(ms))
	for i, k := range printOrder(ms) {
		out[i] = ms[k]
	}
	return out
}

// printOrder is the order byBranchAndStrokes prints members in, as
// indexes into ms: a large print sorts indexes, not copies of members.
func printOrder(ms []data.Member) []int {
	idx := make([]int, len(ms))
	for i := range idx {
		idx[i] = i
	}
	data.SortByName(idx, func(i int) string { return ms[i].Name }, data.OrderStrokes)
	first := map[int64]int{}
	for i, m := range ms {
		if _, ok := first[m.BranchID]; !ok {
			first[m.BranchID] = i
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return first[ms[a].BranchID] - first[ms[b].BranchID] })
	return idx
}
