package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/jobs"
	"dangjian/report"
)

// newMeeting asks for the unit, kind, template and date, then opens a
// draft pre-filled from the template with the roster of that day.
func (s *meetingsScreen) newMeeting() {
	sh := s.sh
	form := newFieldForm()
	var unitIDs []int64
	var unitNames []string
	for i, id := range s.unitIDs {
		if id != 0 {
			unitIDs = append(unitIDs, id)
			unitNames = append(unitNames, strings.TrimSpace(s.unit.Options[i]))
		}
	}
	if len(unitIDs) == 0 {
		sh.showHint("新建会议记录", "还没有党支部，会议记录无处归属。请先在“组织架构”中建立党总支和党支部，再来新建会议记录。")
		return
	}
	unit := newSelect(unitNames, nil)
	unit.SetSelectedIndex(0)
	if i := s.unit.SelectedIndex(); i > 0 {
		unit.SetSelectedIndex(i - 1)
	}
	tpl := newSelect(nil, nil)
	var templates []data.MeetingTemplate
	kind := newSelect(data.MeetingKinds, func(k string) {
		var err error
		templates, err = sh.store.Templates(sh.ctx, k)
		sh.readFailed(err, "会议模板")
		var names []string
		for _, t := range templates {
			names = append(names, t.Name)
		}
		tpl.Options = append(names, "（不用模板）")
		tpl.SetSelectedIndex(0)
	})
	kind.SetSelected(data.KindCommittee)
	date := newDateEntry()
	date.setDate(s.sh.store.Today())
	form.add("unit_id", "党组织 *", unit)
	form.add("kind", "会议类型 *", kind)
	form.add("template", "模板", tpl)
	form.add("date", "会议日期 *", date)
	showFormDialog(sh.win, "新建会议记录", "开始记录", form, "", func() error {
		var is data.Issues
		d := date.date("date", "会议日期", &is)
		if d.IsZero() {
			is.Err("date", "请填写会议日期")
		}
		if err := is.AsError(); err != nil {
			return err
		}
		uid := unitIDs[unit.SelectedIndex()]
		roster, err := sh.store.RosterOn(sh.ctx, uid, d)
		if err != nil {
			return err
		}
		m := data.Meeting{UnitID: uid, Kind: kind.Selected, Date: d, Form: data.MeetingForms[0], Status: data.StatusDraft,
			Attendance: roster, Expected: len(roster)}
		if i := tpl.SelectedIndex(); i >= 0 && i < len(templates) {
			m = templates[i].Apply(m)
		}
		s.flush()
		s.list.UnselectAll()
		s.setEditor(newMeetingEditor(s, m))
		return nil
	})
}

// meetingEditor is one set of minutes: fields, attendance, review,
// attachments. Drafts save themselves every half minute and when left.
type meetingEditor struct {
	s                                                *meetingsScreen
	m                                                data.Meeting // as last saved (ID 0 until the first save)
	form                                             *fieldForm
	general                                          *widget.Label
	topic, place, host, recorder, guests, start, end *widget.Entry
	hostSel, recSel                                  *widget.SelectEntry
	date                                             *dateEntry
	form_                                            *widget.Select
	agenda, content, resolution                      *widget.Entry
	att                                              []data.Attendance
	attList                                          *widget.List
	attSummary                                       *widget.Label
	saveBt, submitBt, approveBt, returnBt, deleteBt  *widget.Button
	attachBox                                        *fyne.Container
	locked                                           bool
	dirty                                            bool
	ticker                                           *time.Ticker
	obj                                              fyne.CanvasObject
}

func newMeetingEditor(s *meetingsScreen, m data.Meeting) *meetingEditor {
	e := &meetingEditor{s: s, m: m, form: newFieldForm(), att: append([]data.Attendance{}, m.Attendance...)}
	sh := s.sh
	branchOf := func(id int64) int64 { return sh.store.BranchOf(sh.ctx, id) }
	e.locked = s.role.CanEdit(m, branchOf) != nil
	e.general = widget.NewLabel("")
	e.general.Wrapping = fyne.TextWrapWord
	e.general.Hide()

	names := make([]string, 0, len(e.att))
	for _, a := range e.att {
		names = append(names, a.Name)
	}
	entry := func(v string) *widget.Entry {
		en := widget.NewEntry()
		en.SetText(v)
		en.OnChanged = func(string) { e.dirty = true }
		return en
	}
	multi := func(v string, rows int) *widget.Entry {
		en := widget.NewMultiLineEntry()
		en.Wrapping = fyne.TextWrapWord
		en.SetMinRowsVisible(rows)
		en.SetText(v)
		en.OnChanged = func(string) { e.dirty = true }
		return en
	}
	e.topic = entry(m.Topic)
	e.date = newDateEntry()
	e.date.setDate(m.Date)
	e.date.OnChanged = func(string) { e.dirty = true }
	e.start, e.end = entry(m.StartTime), entry(m.EndTime)
	e.start.SetPlaceHolder("14:30")
	e.end.SetPlaceHolder("16:00")
	e.place = entry(m.Place)
	e.form_ = newSelect(data.MeetingForms, func(string) { e.dirty = true })
	e.form_.SetSelected(m.Form)
	e.hostSel = widget.NewSelectEntry(names)
	e.hostSel.SetText(m.Host)
	e.hostSel.OnChanged = func(string) { e.dirty = true }
	e.recSel = widget.NewSelectEntry(names)
	e.recSel.SetText(m.Recorder)
	e.recSel.OnChanged = func(string) { e.dirty = true }
	e.guests = entry(m.Guests)
	e.guests.SetPlaceHolder("列席人员姓名、职务")
	e.agenda = multi(m.Agenda, 4)
	e.content = multi(m.Content, 10)
	e.resolution = multi(m.Resolution, 3)

	labelled := func(l string, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewLabel(l), nil, o)
	}
	times := container.NewGridWithColumns(3, e.date, labelled("开始", e.start), labelled("结束", e.end))
	e.form.add("topic", "会议主题", e.topic)
	e.form.add("date", "日期与时间 *", times)
	e.form.add("place", "地点", e.place)
	e.form.add("form", "形式", e.form_)
	e.form.add("host", "主持人", e.hostSel)
	e.form.add("recorder", "记录人", e.recSel)
	e.form.add("guests", "列席人员", e.guests)
	e.form.add("agenda", "议程", e.agenda)
	e.form.add("content", "主要内容", e.content)
	e.form.add("resolution", "决议", e.resolution)
	// Messages about the whole attendance go under the attendance list.
	e.form.fields["attendance"] = &formField{msg: widget.NewLabel("")}
	e.form.fields["expected"] = e.form.fields["attendance"]

	e.attSummary = widget.NewLabel("")
	e.attSummary.Wrapping = fyne.TextWrapWord
	e.attList = widget.NewList(func() int { return len(e.att) }, e.newAttRow, e.updateAttRow)
	allPresent := widget.NewButton("全部出席", func() {
		for i := range e.att {
			e.att[i].State, e.att[i].Reason = data.Present, ""
		}
		e.attChanged()
	})
	attTab := container.NewBorder(container.NewVBox(e.attSummary, container.NewHBox(allPresent), e.form.fields["attendance"].msg),
		nil, nil, nil, e.attList)
	if len(e.att) == 0 {
		note := fmt.Sprintf("本记录没有逐人出席名单（应到 %d 人，实到 %d 人，请假 %d 人，缺席 %d 人）。\n请假：%s\n缺席：%s",
			m.Expected, m.Present, m.OnLeave, m.Absent, m.LeaveText, m.AbsentText)
		l := widget.NewLabel(note)
		l.Wrapping = fyne.TextWrapWord
		attTab = container.NewVBox(l)
	}

	e.attachBox = container.NewVBox()
	e.loadAttachments()
	addAtt := widget.NewButtonWithIcon("添加附件…", theme.ContentAddIcon(), e.addAttachment)
	attachTab := container.NewBorder(container.NewHBox(addAtt), nil, nil, nil, container.NewVScroll(e.attachBox))

	infoScroll := container.NewVScroll(e.form.object())
	e.form.onChange = infoScroll.Refresh
	tabs := container.NewAppTabs(
		container.NewTabItem("会议内容", infoScroll),
		container.NewTabItem("出席情况", attTab),
		container.NewTabItem("附件", attachTab),
	)

	e.saveBt = widget.NewButtonWithIcon("保存（Ctrl+S）", theme.DocumentSaveIcon(), func() { e.save(false) })
	e.saveBt.Importance = widget.HighImportance
	e.submitBt = widget.NewButtonWithIcon("提交审核", theme.MailSendIcon(), e.submit)
	e.approveBt = widget.NewButtonWithIcon("审核通过", theme.ConfirmIcon(), e.approve)
	e.approveBt.Importance = widget.SuccessImportance
	e.returnBt = widget.NewButtonWithIcon("退回修改…", theme.MailReplyIcon(), e.sendBack)
	e.returnBt.Importance = widget.WarningImportance
	e.deleteBt = widget.NewButtonWithIcon("删除草稿", theme.DeleteIcon(), e.deleteDraft)
	e.deleteBt.Importance = widget.DangerImportance
	printBt := widget.NewButtonWithIcon("打印", theme.DocumentPrintIcon(), e.print)
	bottom := container.NewHBox(e.saveBt, e.submitBt, e.approveBt, e.returnBt, printBt, layout.NewSpacer(), e.deleteBt)

	title := widget.NewLabel("")
	title.SizeName = theme.SizeNameSubHeadingText
	title.Wrapping = fyne.TextWrapWord
	title.SetText(report.UnitKindTitle(s.unitName(m.UnitID), m.Kind))
	state := widget.NewLabel(e.stateText())
	state.Wrapping = fyne.TextWrapWord
	if m.Status == data.StatusReturned {
		state.Importance = widget.WarningImportance
	}
	e.obj = container.NewBorder(container.NewVBox(title, state, e.general), container.NewVBox(widget.NewSeparator(), bottom),
		nil, nil, tabs)
	e.attChanged()
	e.dirty = m.ID == 0
	e.refreshButtons()
	if e.locked {
		e.lock()
	}
	e.startAutosave()
	return e
}

func (e *meetingEditor) stateText() string {
	m := e.m
	switch m.Status {
	case data.StatusSubmitted:
		return fmt.Sprintf("状态：已提交（%s 于 %s 提交），等待党总支审核", m.SubmitBy, shortTime(m.SubmitAt))
	case data.StatusApproved:
		return fmt.Sprintf("状态：已审核（%s 于 %s 审核通过）", m.ReviewBy, shortTime(m.ReviewAt))
	case data.StatusReturned:
		return fmt.Sprintf("状态：退回修改（%s 于 %s）。意见：%s", m.ReviewBy, shortTime(m.ReviewAt), m.Comment)
	}
	if m.ID == 0 {
		return "状态：新的草稿（尚未保存；会自动保存）"
	}
	return "状态：草稿（自动保存）"
}

func shortTime(rfc string) string {
	if t, err := time.Parse(time.RFC3339Nano, rfc); err == nil {
		return t.Local().Format("2006-01-02 15:04")
	}
	return rfc
}

func (e *meetingEditor) refreshButtons() {
	sh := e.s.sh
	role := e.s.role
	branchOf := func(id int64) int64 { return sh.store.BranchOf(sh.ctx, id) }
	show := func(b *widget.Button, ok bool) {
		if ok {
			b.Show()
		} else {
			b.Hide()
		}
	}
	show(e.saveBt, !e.locked)
	show(e.deleteBt, !e.locked && e.m.ID != 0)
	allowed := data.AllowedReviewActions(role, e.m, branchOf)
	show(e.submitBt, data.Has(allowed, data.StatusSubmitted))
	show(e.approveBt, data.Has(allowed, data.StatusApproved))
	show(e.returnBt, data.Has(allowed, data.StatusReturned))
}

// lock makes every input read-only for submitted and approved minutes.
func (e *meetingEditor) lock() {
	for _, en := range []*widget.Entry{e.topic, e.start, e.end, e.place, e.guests, e.agenda, e.content, e.resolution, &e.date.Entry,
		&e.hostSel.Entry, &e.recSel.Entry} {
		en.Disable()
	}
	e.form_.Disable()
}

func (e *meetingEditor) newAttRow() fyne.CanvasObject {
	name := widget.NewLabel("诸葛振宇")
	tag := widget.NewLabel("正式党员 支委")
	state := widget.NewRadioGroup([]string{data.Present, data.OnLeave, data.Absent}, nil)
	state.Horizontal = true
	reason := widget.NewEntry()
	reason.SetPlaceHolder("请假/缺席原因")
	left := container.NewHBox(container.NewGridWrap(fyne.NewSize(80, name.MinSize().Height), name),
		container.NewGridWrap(fyne.NewSize(110, tag.MinSize().Height), tag), state)
	return container.NewBorder(nil, nil, left, nil, reason)
}

func (e *meetingEditor) updateAttRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(e.att) {
		return
	}
	a := e.att[i]
	row := o.(*fyne.Container)
	left := row.Objects[1].(*fyne.Container)
	reason := row.Objects[0].(*widget.Entry)
	left.Objects[0].(*fyne.Container).Objects[0].(*widget.Label).SetText(a.Name)
	tag := a.Standing
	if a.Committee {
		tag += " 支委"
	}
	left.Objects[1].(*fyne.Container).Objects[0].(*widget.Label).SetText(tag)
	state := left.Objects[2].(*widget.RadioGroup)
	state.OnChanged = nil
	state.SetSelected(a.State)
	reason.OnChanged = nil
	reason.SetText(a.Reason)
	if e.locked {
		state.Disable()
		reason.Disable()
	} else {
		state.Enable()
		reason.Enable()
	}
	if a.State == data.Present {
		reason.Hide()
	} else {
		reason.Show()
	}
	state.OnChanged = func(v string) {
		if v == "" || e.att[i].State == v {
			return
		}
		e.att[i].State = v
		e.attChanged()
	}
	reason.OnChanged = func(v string) {
		e.att[i].Reason = v
		e.dirty = true
	}
}

// attChanged recounts and shows the quorum situation as it is now.
func (e *meetingEditor) attChanged() {
	e.dirty = true
	m := e.m
	m.Attendance = e.att
	t := m.Tally()
	text := fmt.Sprintf("应到 %d 人（有表决权 %d 人），实到 %d 人，请假 %d 人，缺席 %d 人", len(e.att), t.VotingExpected, t.Present, t.OnLeave, t.Absent)
	if t.Committee > 0 {
		text += fmt.Sprintf("；支委 %d 人，到会 %d 人", t.Committee, t.CommitteePresent)
	}
	e.attSummary.Importance = widget.MediumImportance
	if q := m.QuorumProblem(); q != "" {
		text += "\n⚠ " + q
		e.attSummary.Importance = widget.WarningImportance
	}
	e.attSummary.SetText(text)
	if e.attList != nil {
		e.attList.Refresh()
	}
}

// collect reads the inputs into the meeting.
func (e *meetingEditor) collect() (data.Meeting, error) {
	var is data.Issues
	m := e.m
	m.Topic, m.Place, m.Guests = e.topic.Text, e.place.Text, e.guests.Text
	m.Date = e.date.date("date", "会议日期", &is)
	m.StartTime, m.EndTime = e.start.Text, e.end.Text
	m.Form = e.form_.Selected
	m.Host, m.Recorder = e.hostSel.Text, e.recSel.Text
	m.Agenda, m.Content, m.Resolution = e.agenda.Text, e.content.Text, e.resolution.Text
	m.Attendance = append([]data.Attendance{}, e.att...)
	return m, is.AsError()
}

// save stores the draft; quiet saves (autosave) report only failures.
func (e *meetingEditor) save(quiet bool) bool {
	if e.locked {
		return true
	}
	sh := e.s.sh
	m, err := e.collect()
	var warns []data.FieldIssue
	if err == nil {
		m, warns, err = sh.store.SaveMeeting(sh.ctx, e.s.role, m)
	} else {
		check := m
		err = withRules(err, data.CheckMeeting(&check, false, sh.store.Today()))
	}
	if err != nil {
		e.form.show(err)
		sh.notify("会议记录未保存：" + userMessage(err))
		return false
	}
	e.form.show(&data.ValidationError{Warnings: warns})
	e.general.Hide()
	e.m = m
	e.dirty = false
	if quiet {
		sh.notify("草稿已自动保存 " + time.Now().Format("15:04:05"))
	} else {
		sh.notify("已保存会议记录：" + m.Kind + " " + m.Date.String())
	}
	e.s.afterSave(m.ID)
	e.refreshButtons()
	return true
}

// Dirty: the minutes hold changes not yet saved (a draft that could not
// be saved automatically, as its date is unreadable, say).
func (e *meetingEditor) Dirty() bool { return e.dirty && !e.locked }

// Save stores the minutes; a refusal shows its messages at the fields.
func (e *meetingEditor) Save() error {
	if !e.save(false) {
		return errNotSaved
	}
	return nil
}

// Discard forgets the unsaved changes; the editor is being left.
func (e *meetingEditor) Discard() {
	e.dirty = false
	e.s.sh.clearUnsavedNote()
}

// autosave keeps a changed draft safe without a word unless it fails.
func (e *meetingEditor) autosave() {
	if e.dirty && !e.locked {
		e.save(true)
	}
}

func (e *meetingEditor) startAutosave() {
	e.ticker = time.NewTicker(30 * time.Second)
	t := e.ticker
	go func() {
		for range t.C {
			fyne.Do(func() {
				if e.s.editor != e {
					t.Stop()
					return
				}
				e.autosave()
			})
		}
	}()
}

func (e *meetingEditor) review(to, comment string) {
	sh := e.s.sh
	if to == data.StatusSubmitted && !e.save(false) {
		return
	}
	m, err := sh.store.Review(sh.ctx, e.m.ID, e.s.role, to, comment)
	if err != nil {
		e.form.show(err)
		sh.showError(err)
		return
	}
	sh.notify(fmt.Sprintf("%s %s：%s", m.Kind, m.Date, m.Status))
	e.s.reload()
	full, err := sh.store.Meeting(sh.ctx, m.ID)
	if sh.readFailed(err, "会议记录") {
		return
	}
	e.s.setEditor(newMeetingEditor(e.s, full))
}

func (e *meetingEditor) submit()  { e.review(data.StatusSubmitted, "") }
func (e *meetingEditor) approve() { e.review(data.StatusApproved, "") }

func (e *meetingEditor) sendBack() {
	form := newFieldForm()
	comment := widget.NewMultiLineEntry()
	comment.SetMinRowsVisible(3)
	form.add("review_comment", "退回意见", comment)
	showFormDialog(e.s.sh.win, "退回修改", "退回", form, "请写明需要支部修改或补充的内容。", func() error {
		if strings.TrimSpace(comment.Text) == "" {
			return &data.ValidationError{Errors: []data.FieldIssue{{Field: "review_comment", Msg: "退回时请写明退回意见，便于支部修改"}}}
		}
		e.review(data.StatusReturned, comment.Text)
		return nil
	})
}

func (e *meetingEditor) deleteDraft() {
	sh := e.s.sh
	dialog.ShowConfirm("删除草稿", "确定删除这份会议记录草稿吗？删除记录保留在操作日志中。", func(ok bool) {
		if !ok {
			return
		}
		if err := sh.store.DeleteMeeting(sh.ctx, e.s.role, e.m.ID); err != nil {
			sh.showError(err)
			return
		}
		e.locked = true
		e.s.reload()
		e.s.showHint()
	}, sh.win)
}

func (e *meetingEditor) loadAttachments() {
	e.attachBox.RemoveAll()
	if e.m.ID == 0 {
		e.attachBox.Add(widget.NewLabel("保存草稿后即可添加照片、扫描件等附件。"))
		return
	}
	sh := e.s.sh
	list, err := sh.store.Attachments(sh.ctx, data.EntityMeeting, e.m.ID)
	if err != nil {
		e.attachBox.Add(widget.NewLabel(userMessage(err)))
		return
	}
	if len(list) == 0 {
		e.attachBox.Add(widget.NewLabel("暂无附件。"))
	}
	for _, a := range list {
		a := a
		open := widget.NewButtonWithIcon("打开", theme.FileIcon(), func() {
			sh.openProduced(sh.store.AttachmentPath(a), "附件", "能打开这种文件的程序")
		})
		remove := widget.NewButtonWithIcon("移除", theme.DeleteIcon(), func() {
			if err := sh.store.RemoveAttachment(sh.ctx, sh.role(), a.ID); err != nil {
				sh.showError(err)
				return
			}
			e.loadAttachments()
		})
		if e.locked {
			remove.Hide()
		}
		e.attachBox.Add(container.NewBorder(nil, nil, nil, container.NewHBox(open, remove),
			widget.NewLabel(fmt.Sprintf("%s（%s）", a.FileName, humanSize(a.Size)))))
	}
}

func (e *meetingEditor) addAttachment() {
	sh := e.s.sh
	if e.m.ID == 0 && !e.save(false) {
		return
	}
	sh.chooseOpen(fileChoice{title: "添加附件"}, func(path string) {
		if _, err := sh.store.AddAttachment(sh.ctx, sh.role(), data.EntityMeeting, e.m.ID, path); err != nil {
			sh.showError(err)
			return
		}
		sh.notify("已添加附件")
		e.loadAttachments()
	})
}

func (e *meetingEditor) print() {
	sh := e.s.sh
	if e.dirty && !e.locked && !e.save(false) {
		return
	}
	m := e.m
	sh.printJob(fmt.Sprintf("会议记录-%s-%s", m.Date, m.Kind), func(out string, p jobs.Progress) (jobs.Done, error) {
		return jobs.PrintMeeting(sh.ctx, sh.store, m.ID, jobs.Options{Out: out}, p)
	})
}
