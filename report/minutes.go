package report

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"dangjian/data"
)

// ErrNoMinutes is returned when a minutes book has no meetings to print.
var ErrNoMinutes = errors.New("没有可打印的会议记录")

// MinutesOptions set up printed minutes (会议记录).
type MinutesOptions struct {
	Org      string                // 党总支 name for the running header and the book's cover
	UnitName func(id int64) string // names of branches and groups; nil prints none
	// Attachments by meeting ID are listed by file name, not embedded.
	Attachments map[int64][]data.Attachment
	// Created stamps the PDF and is the 打印日期 on the book's cover; zero
	// means now.
	Created time.Time
}

func (o MinutesOptions) withDefaults() MinutesOptions {
	if o.UnitName == nil {
		o.UnitName = func(int64) string { return "" }
	}
	if o.Created.IsZero() {
		o.Created = time.Now()
	}
	return o
}

// MinutesBookOptions set up the 会议记录本 of a branch for a year.
type MinutesBookOptions struct {
	MinutesOptions
	Branch string // branch name for the cover; "" means the unit of the first meeting
	Year   int    // 0 means the year of the first meeting
}

// MeetingMinutes prints one meeting's minutes, A4 portrait, in the layout of
// the paper 会议记录: the title "<支部><会议类型>记录", the particulars as a
// ruled form (主题, 时间, 形式, 地点, 主持人, 记录人, 应到/实到/请假/缺席人数,
// who came, who was on leave or absent and why, 列席人员, 议程), then the
// 主要内容 and 决议 as paragraphs flowing over as many pages as they need, a
// note when the meeting was not quorate, the attachments and the review
// state, and the lines 主持人 and 记录人 sign on. Minutes not yet approved
// carry a faint 草稿 (or 待审核) across every page.
func MeetingMinutes(w io.Writer, m data.Meeting, opts MinutesOptions) error {
	opts = opts.withDefaults()
	title := minutesTitle(opts.UnitName(m.UnitID), m.Kind)
	meta := Meta{Title: title, Org: opts.Org, Created: opts.Created,
		Subject: meetingLabel(m), Keywords: "会议记录 " + kindLabel(m.Kind)}
	_, err := Render(w, Portrait, meta, func(d *Doc) error {
		d.Watermark(watermark(m))
		mp := minutes{d: d, m: m, opts: opts}
		mp.print(0)
		return nil
	})
	return err
}

// MinutesBook prints the 会议记录本 of a branch for a year, as filed in the
// archive: a cover, a table of contents with the page of every meeting,
// then every meeting in date order, each from a new page in the layout of
// MeetingMinutes. The outline has the contents and, under one entry for the
// book, an entry per meeting ("2026-03-12 支部委员会会议：研究三月份工作").
// Pages are numbered from the cover, which shows none, so the numbers in
// the contents are those a PDF reader shows. Deleted minutes are left out.
func MinutesBook(w io.Writer, ms []data.Meeting, opts MinutesBookOptions) error {
	ms = sortedMeetings(ms)
	if len(ms) == 0 {
		return ErrNoMinutes
	}
	opts.MinutesOptions = opts.MinutesOptions.withDefaults()
	if opts.Branch == "" {
		opts.Branch = opts.UnitName(ms[0].UnitID)
	}
	if opts.Year == 0 {
		opts.Year = ms[0].Date.Y
	}
	title := fmt.Sprintf("%s%d年度会议记录", opts.Branch, opts.Year)
	meta := Meta{Title: title, Org: opts.Org, Created: opts.Created, Cover: true,
		Subject: fmt.Sprintf("%s（共 %d 次会议）", title, len(ms)), Keywords: "会议记录本"}
	_, err := Render(w, Portrait, meta, func(d *Doc) error {
		b := minutesBook{d: d, ms: ms, opts: opts}
		b.cover()
		b.contents()
		for i, m := range ms {
			d.Watermark(watermark(m))
			d.RunningTitle(m.Date.Chinese() + " " + minutesTitle(opts.UnitName(m.UnitID), m.Kind))
			d.NewPage()
			d.Mark(bookKey(i))
			if i == 0 {
				d.Bookmark(fmt.Sprintf("会议记录（共 %d 次）", len(ms)), 0)
			}
			mp := minutes{d: d, m: m, opts: opts.MinutesOptions, book: true}
			mp.print(1)
		}
		return nil
	})
	return err
}

// sortedMeetings are the meetings not deleted, by date, start time and ID.
func sortedMeetings(ms []data.Meeting) []data.Meeting {
	var out []data.Meeting
	for _, m := range ms {
		if !m.Deleted {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b data.Meeting) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		if c := cmp.Compare(padClock(a.StartTime), padClock(b.StartTime)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// padClock makes 9:30 sort before 14:30.
func padClock(t string) string {
	t = strings.TrimSpace(t)
	if i := strings.IndexAny(t, ":："); i == 1 {
		return "0" + t
	}
	return t
}

func bookKey(i int) string { return "meeting-" + strconv.Itoa(i) }

// kindLabel names a kind as it reads in a list: 其他 is 其他会议.
func kindLabel(kind string) string {
	switch strings.TrimSpace(kind) {
	case data.KindOther, "":
		return "其他会议"
	}
	return kind
}

// minutesTitle is the title line: the unit and the kind, as the paper
// minutes are headed (第一车队党支部委员会会议记录, 第一党小组会议记录,
// 第一车队党支部主题党日活动记录).
func minutesTitle(unit, kind string) string {
	unit = strings.TrimSpace(unit)
	switch strings.TrimSpace(kind) {
	case data.KindGroupMeeting:
		if strings.HasSuffix(unit, "党小组") {
			return unit + "会议记录"
		}
		return unit + "党小组会记录"
	case data.KindThemeDay:
		return unit + "主题党日活动记录"
	case data.KindOther, "":
		return unit + "会议记录"
	}
	return UnitKindTitle(unit, kind) + "记录"
}

// UnitKindTitle joins a unit's name and a meeting kind without doubling
// 支部: the kinds are named for any branch (支部党员大会, 支部委员会会议)
// and the branch's name ends with 党支部 (第一车队党支部), so
// 第一车队党支部 + 支部党员大会 is 第一车队党支部党员大会, not
// the doubled form.
func UnitKindTitle(unit, kind string) string {
	unit, kind = strings.TrimSpace(unit), strings.TrimSpace(kind)
	if strings.HasSuffix(unit, "支部") {
		kind = strings.TrimPrefix(kind, "支部")
	}
	return unit + kind
}

// meetingLabel names a meeting in the outline and the PDF subject:
// 2026-03-12 支部委员会会议：研究三月份工作.
func meetingLabel(m data.Meeting) string {
	s := strings.TrimSpace(m.Date.String() + " " + kindLabel(m.Kind))
	if t := strings.TrimSpace(m.Topic); t != "" {
		s += "：" + t
	}
	return s
}

// watermark is what minutes in a state carry across their pages: nothing
// once approved.
func watermark(m data.Meeting) string {
	switch m.Status {
	case data.StatusApproved:
		return ""
	case data.StatusSubmitted:
		return "待审核"
	}
	return "草稿"
}

// minutes prints one meeting from the top of the current page.
type minutes struct {
	d    *Doc
	m    data.Meeting
	opts MinutesOptions
	book bool // in a minutes book: no bookmarks for the sections
}

// Form grid, mm, for the 165 mm between the margins: four label/value
// pairs, so that 应到/实到/请假/缺席 fit one row; the other rows span.
var mnCols = []Column{
	{Width: 22, Align: AlignCenter}, {Width: 19.25, Align: AlignCenter},
	{Width: 22, Align: AlignCenter}, {Width: 19.25, Align: AlignCenter},
	{Width: 22, Align: AlignCenter}, {Width: 19.25, Align: AlignCenter},
	{Width: 22, Align: AlignCenter}, {Width: 19.25, Align: AlignCenter},
}

const (
	mnMinRow   = 8 // mm: room to correct by hand
	mnSignLine = 45
	mnSignH    = 6 + SizeXiaoSi*ptMM*1.6 // the signature lines and the space above them
	mnTailGap  = 3                       // above the 附件 row
	mnNoteGap  = 2                       // above the quorum note
	// mnKeepLines is how many lines of the record's last paragraph go
	// with the closing rows and signatures to a new page.
	mnKeepLines = 3
)

// Body text of the minutes: 小四, as the 主要内容 is written on paper.
var (
	mnHeading = TextStyle{Size: SizeXiaoSi, Bold: true, Leading: 1.7}
	mnBody    = TextStyle{Size: SizeXiaoSi, FirstIndent: 2 * SizeXiaoSi * ptMM, Leading: 1.55}
	mnNote    = TextStyle{Size: SizeWu, Bold: true, Leading: 1.6}
)

func (mp *minutes) print(level int) {
	d, m := mp.d, mp.m
	d.Bookmark(meetingLabel(m), level)
	d.Title(minutesTitle(mp.opts.UnitName(m.UnitID), m.Kind))
	d.Space(1)

	label := func(s string) Cell { return Cell{Text: s, Shade: true, Align: AlignCenter} }
	wide := func(s string, span int) Cell { return Cell{Text: s, Span: span, Align: AlignLeft} }
	num := func(n int) Cell {
		if n < 0 {
			return Cell{}
		}
		return Cell{Text: strconv.Itoa(n) + "人", Align: AlignCenter}
	}
	expected, present, leave, absent := mp.counts()
	presentNames, leaveNames, absentNames := mp.attendance()
	form := d.NewTable(mnCols, TableStyle{NoHeader: true, MinRowHeight: mnMinRow})
	form.RowCells(label("会议主题"), wide(m.Topic, 7))
	form.RowCells(label("会议时间"), wide(meetingTime(m), 3), label("会议形式"), wide(m.Form, 3))
	form.RowCells(label("会议地点"), wide(m.Place, 7))
	form.RowCells(label("主持人"), wide(m.Host, 3), label("记录人"), wide(m.Recorder, 3))
	form.RowCells(label("应到人数"), num(expected), label("实到人数"), num(present),
		label("请假人数"), num(leave), label("缺席人数"), num(absent))
	form.RowCells(label("出席人员"), wide(presentNames, 7))
	form.RowCells(label("请假人员\n及原因"), wide(leaveNames, 7))
	form.RowCells(label("缺席人员\n及原因"), wide(absentNames, 7))
	form.RowCells(label("列席人员"), wide(orNone(m.Guests), 7))
	form.RowCells(label("会议议程"), wide(agendaLines(m.Agenda), 7))
	form.End()

	// The 附件 and 审核情况 rows and the signature lines close the record:
	// they are measured first so that the last lines of the record go
	// with them, and they never open a page alone.
	tail := d.NewTable(mnCols, TableStyle{NoHeader: true, MinRowHeight: mnMinRow})
	rows := [][]Cell{
		{label("附件"), wide(mp.attachments(), 7)},
		{label("审核情况"), wide(reviewText(m), 7)},
	}
	if len(mp.opts.Attachments[m.ID]) == 0 {
		// No attachments: one row, which often keeps a record on one page.
		rows = [][]Cell{{label("附件"), wide("无", 1), label("审核情况"), wide(reviewText(m), 5)}}
	}
	tailH := mnTailGap + tail.Height(rows...) + mnSignH
	note := ""
	if q := m.QuorumProblem(); q != "" {
		note = "注：" + strings.TrimRight(q, "。") + "。"
		tailH += mnNoteGap + d.TextHeight(note, mnNote)
	}

	mp.section("会议主要内容", m.Content, "（未填写）", 0)
	mp.section("会议决议（决定事项）", m.Resolution, "无", tailH)
	if note != "" {
		d.Space(mnNoteGap)
		d.Text(note, mnNote)
	}

	d.Space(mnTailGap)
	d.KeepTogether(tail.Height(rows...) + mnSignH)
	for _, r := range rows {
		tail.RowCells(r...)
	}
	tail.End()
	mp.signatures()
}

// counts are 应到, 实到, 请假 and 缺席: from the attendance rows when the
// minutes have them, else as recorded (imported minutes); -1 leaves a
// number blank when nothing was recorded at all.
func (mp *minutes) counts() (expected, present, leave, absent int) {
	m := mp.m
	if len(m.Attendance) > 0 {
		t := m.Tally()
		return len(m.Attendance), t.Present, t.OnLeave, t.Absent
	}
	if m.Expected == 0 && m.Present == 0 && m.OnLeave == 0 && m.Absent == 0 {
		return -1, -1, -1, -1
	}
	return m.Expected, m.Present, m.OnLeave, m.Absent
}

// attendance lists who came and who did not, with the reasons.
func (mp *minutes) attendance() (present, leave, absent string) {
	m := mp.m
	if len(m.Attendance) == 0 {
		leave, absent = strings.TrimSpace(m.LeaveText), strings.TrimSpace(m.AbsentText)
		if leave == "" && m.OnLeave == 0 && m.Expected > 0 {
			leave = "无"
		}
		if absent == "" && m.Absent == 0 && m.Expected > 0 {
			absent = "无"
		}
		if m.Present > 0 {
			present = "（未逐人登记）"
		}
		return present, leave, absent
	}
	var p, l, a []string
	withReason := func(x data.Attendance) string {
		name := strings.TrimSpace(x.Name)
		if r := strings.TrimSpace(x.Reason); r != "" {
			return name + "（" + r + "）"
		}
		return name
	}
	// Names are listed 按姓氏笔画, as offices list people on paper.
	roll := slices.Clone(m.Attendance)
	data.SortByName(roll, func(a data.Attendance) string { return a.Name }, data.OrderStrokes)
	for _, x := range roll {
		switch x.State {
		case data.Present:
			p = append(p, strings.TrimSpace(x.Name))
		case data.OnLeave:
			l = append(l, withReason(x))
		case data.Absent:
			a = append(a, withReason(x))
		}
	}
	join := func(s []string) string { return orNone(strings.Join(s, "、")) }
	return join(p), join(l), join(a)
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "无"
	}
	return s
}

// meetingTime is the date and time of day: 2026年3月12日 14:30—16:00.
func meetingTime(m data.Meeting) string {
	s := m.Date.Chinese()
	st, et := strings.TrimSpace(m.StartTime), strings.TrimSpace(m.EndTime)
	switch {
	case st != "" && et != "":
		s += " " + st + "—" + et
	case st != "":
		s += " " + st
	}
	return strings.TrimSpace(s)
}

// numbered matches the numbering a line of an agenda may already have:
// 一、 （一） 1. 1、 （1） ①.
var numbered = regexp.MustCompile(`^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|[①-⑳])`)

// agendaLines are the agenda's items one per line, numbered 1. 2. 3. unless
// the secretary numbered them.
func agendaLines(s string) string {
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimFunc(l, unicode.IsSpace); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return ""
	}
	for _, l := range lines {
		if numbered.MatchString(l) {
			return strings.Join(lines, "\n")
		}
	}
	for i := range lines {
		lines[i] = fmt.Sprintf("%d. %s", i+1, lines[i])
	}
	return strings.Join(lines, "\n")
}

// paragraphs splits text at line breaks, dropping empty lines and the
// spaces around each paragraph (the first-line indent is the printer's).
func paragraphs(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimFunc(l, unicode.IsSpace); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// section writes a heading and text in paragraphs; the heading stays with
// the first lines. after is the height of what must follow the section on
// the same page (the closing rows and signatures), 0 for none: the last
// lines of the section go with it, or the whole section when it is short.
func (mp *minutes) section(title, text, empty string, after float64) {
	d := mp.d
	paras := paragraphs(text)
	if len(paras) == 0 {
		paras = []string{empty}
	}
	d.Space(3)
	head := mnHeading.lineHeight() + 2
	if after > 0 {
		h, lines := head, 0
		for _, p := range paras {
			h += d.TextHeight(p, mnBody) + 1
			lines += len(d.textLines(p, mnBody))
		}
		if lines <= mnKeepLines+2 {
			// Too short to split: the heading, the text and what follows
			// move together.
			d.KeepTogether(h + after)
			after = 0
		}
	}
	d.EnsureSpace(head + 2*mnBody.lineHeight())
	if !mp.book {
		d.Bookmark(title, 1)
	}
	d.Text(title, mnHeading)
	y := d.Y()
	d.pdf.SetLineWidth(lineThin)
	d.pdf.Line(marginLeft, y, marginLeft+d.ContentWidth(), y)
	d.Space(2)
	for i, p := range paras {
		if i == len(paras)-1 && after > 0 {
			d.TextKeep(p, mnBody, mnKeepLines, 1+after)
		} else {
			d.Text(p, mnBody)
		}
		d.Space(1)
	}
}

// attachments lists the attached files, numbered, with their sizes.
func (mp *minutes) attachments() string {
	as := mp.opts.Attachments[mp.m.ID]
	if len(as) == 0 {
		return "无"
	}
	lines := make([]string, len(as))
	for i, a := range as {
		lines[i] = fmt.Sprintf("%d. %s", i+1, strings.TrimSpace(a.FileName))
		if a.Size > 0 {
			lines[i] += "（" + fileSize(a.Size) + "）"
		}
	}
	return strings.Join(lines, "\n")
}

func fileSize(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.0f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1024/1024)
}

// reviewText says where the minutes stand in review, who moved them there
// and when.
func reviewText(m data.Meeting) string {
	who := func(role, name, at string) string {
		var parts []string
		if name = strings.TrimSpace(name); name != "" {
			parts = append(parts, role+"："+name)
		}
		if at = stamp(at); at != "" {
			parts = append(parts, at)
		}
		if len(parts) == 0 {
			return ""
		}
		return "（" + strings.Join(parts, "，") + "）"
	}
	switch m.Status {
	case data.StatusApproved:
		return "已审核" + who("审核人", m.ReviewBy, m.ReviewAt)
	case data.StatusSubmitted:
		return "已提交，待审核" + who("提交人", m.SubmitBy, m.SubmitAt)
	case data.StatusReturned:
		s := "已退回修改，未审核" + who("审核人", m.ReviewBy, m.ReviewAt)
		if c := strings.TrimSpace(m.Comment); c != "" {
			s += "\n退回意见：" + c
		}
		return s
	case data.StatusDraft, "":
		return "草稿，未审核"
	}
	return m.Status
}

// stamp writes a stored timestamp (RFC 3339, UTC) as local time the way
// forms write it: 2026年3月15日 10:20. Anything else is printed as it is.
func stamp(s string) string {
	s = strings.TrimSpace(s)
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return s
	}
	t = t.In(time.Local)
	return fmt.Sprintf("%s %02d:%02d", data.DateOf(t).Chinese(), t.Hour(), t.Minute())
}

// signatures draws the lines 主持人 and 记录人 sign on.
func (mp *minutes) signatures() {
	d := mp.d
	p := d.pdf
	st := TextStyle{Size: SizeXiaoSi, Leading: 1.6}
	lh := st.lineHeight()
	d.Space(mnSignH - lh)
	d.EnsureSpace(lh)
	d.setSize(st.size())
	y := d.Y()
	half := d.ContentWidth() / 2
	for i, lbl := range []string{"主持人（签字）：", "记录人（签字）："} {
		x := marginLeft + float64(i)*half
		w := p.GetStringWidth(lbl)
		d.writeLine(x, y, w, lh, lbl, AlignLeft, false)
		p.SetLineWidth(lineThin)
		p.Line(x+w, y+lh-1, min(x+w+mnSignLine, x+half-6), y+lh-1)
	}
	p.SetXY(marginLeft, y+lh)
}

// minutesBook prints the cover and contents of a minutes book.
type minutesBook struct {
	d    *Doc
	ms   []data.Meeting
	opts MinutesBookOptions
}

// cover draws the cover (卷皮) on the first page: a framed page with the
// year and 会议记录 large, and the particulars of the volume below.
func (b *minutesBook) cover() {
	d := b.d
	p := d.pdf
	d.Bookmark("封面", 0)
	left, top := float64(marginLeft), 22.0
	w, h := d.ContentWidth(), d.pageH-2*top
	p.SetLineWidth(1.2)
	p.Rect(left, top, w, h, "D")
	p.SetLineWidth(0.3)
	p.Rect(left+2, top+2, w-4, h-4, "D")
	p.SetLineWidth(lineThin)

	line := func(y, pt float64, s string, bold bool) {
		d.setSize(pt)
		d.writeLine(left, y, w, pt*ptMM*1.3, s, AlignCenter, bold)
	}
	if b.opts.Org != "" {
		line(top+22, SizeSan, b.opts.Org, false)
	}
	line(top+62, 26, fmt.Sprintf("%d年度", b.opts.Year), true)
	line(top+80, 42, "会　议　记　录", true)
	line(top+104, SizeSi, "（“三会一课”及组织生活会议记录）", false)

	first, last := b.ms[0].Date, b.ms[len(b.ms)-1].Date
	span := first.Chinese()
	if last != first {
		span += " 至 " + last.Chinese()
	}
	fields := [][2]string{
		{"党支部", b.opts.Branch},
		{"上级党组织", b.opts.Org},
		{"起止日期", span},
		{"会议次数", fmt.Sprintf("共 %d 次会议", len(b.ms))},
		{"打印日期", data.DateOf(b.opts.Created).Chinese()},
	}
	const labelW, valueW, pitch = 34.0, 92.0, 13.0
	x0 := left + (w-labelW-valueW)/2
	y := top + 148
	d.setSize(SizeSi)
	lh := SizeSi * ptMM * 1.4
	for _, f := range fields {
		d.writeLine(x0, y, labelW-3, lh, f[0]+"：", AlignRight, true)
		v := clean(f[1])
		// A long name shrinks to stay on its line rather than wrap off the field.
		size := float64(SizeSi)
		if vw := p.GetStringWidth(v); vw > valueW-2 {
			size *= (valueW - 2) / vw
		}
		d.setSize(size)
		d.writeLine(x0+labelW, y, valueW, lh, v, AlignCenter, false)
		d.setSize(SizeSi)
		p.Line(x0+labelW, y+lh, x0+labelW+valueW, y+lh)
		y += pitch
	}
	p.SetXY(marginLeft, marginTop)
}

// contents prints the table of contents from a new page: one row per
// meeting with the page its minutes start on (from the previous pass).
func (b *minutesBook) contents() {
	d := b.d
	d.NewPage()
	d.Bookmark("目录", 0)
	d.Title("目　录")
	d.Text(b.tally(), TextStyle{Size: SizeWu, Leading: 1.6})
	d.Space(2)
	t := d.NewTable([]Column{
		{Title: "序号", Width: 12, Align: AlignCenter},
		{Title: "日期", Width: 28, Align: AlignCenter},
		{Title: "会议类型", Width: 31, Align: AlignCenter},
		{Title: "会议主题"},
		{Title: "页码", Width: 14, Align: AlignCenter},
	}, TableStyle{MinRowHeight: 7})
	for i, m := range b.ms {
		date := fmt.Sprintf("%d月%d日", int(m.Date.M), m.Date.D)
		if m.Date.Y != b.opts.Year {
			date = m.Date.Chinese()
		}
		page := ""
		if n := d.PageOf(bookKey(i)); n > 0 {
			page = strconv.Itoa(n)
		}
		t.Row(strconv.Itoa(i+1), date, kindLabel(m.Kind), m.Topic, page)
	}
	t.End()
}

// tally counts the meetings by kind, in menu order:
// 共 24 次：支部党员大会 4 次，支部委员会会议 12 次 ….
func (b *minutesBook) tally() string {
	counts := map[string]int{}
	for _, m := range b.ms {
		counts[kindLabel(m.Kind)]++
	}
	var kinds []string
	for _, k := range data.MeetingKinds {
		kinds = append(kinds, kindLabel(k))
	}
	for _, m := range b.ms {
		if k := kindLabel(m.Kind); !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	var parts []string
	for _, k := range kinds {
		if counts[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d 次", k, counts[k]))
			delete(counts, k)
		}
	}
	return fmt.Sprintf("本册收录%s%d年度会议记录共 %d 次：%s。", b.opts.Branch, b.opts.Year, len(b.ms), strings.Join(parts, "，"))
}
