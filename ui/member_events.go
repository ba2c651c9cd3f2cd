package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

// eventsView lists a member's dated history.
type eventsView struct {
	obj fyne.CanvasObject
}

func newEventsView(e *memberEditor) *eventsView {
	sh := e.ms.sh
	evs, err := sh.store.MemberEvents(sh.ctx, e.member.ID)
	if err != nil {
		return &eventsView{obj: widget.NewLabel(userMessage(err))}
	}
	t := newTextTable([]string{"日期", "事项", "内容"}, []float32{105, 120, 420})
	rows := make([][]string, 0, len(evs))
	for i := len(evs) - 1; i >= 0; i-- {
		ev := evs[i]
		rows = append(rows, []string{ev.Date.String(), ev.Kind, ev.Summary(e.ms.unitName)})
	}
	t.setRows(rows)
	hint := widget.NewLabel("组织关系转入转出、流动、调整支部、转正、奖惩、党内职务和状态变更，请用上方“登记事项…”登记，档案随之更新并留下记录。")
	hint.Wrapping = fyne.TextWrapWord
	if len(evs) == 0 {
		hint.SetText("暂无历史事项。" + hint.Text)
	}
	return &eventsView{obj: container.NewBorder(hint, nil, nil, nil, t)}
}

// eventDialog is the open 登记事项 dialog; tests drive it through these.
type eventDialog struct {
	*formDialog
	kind, branch, group *widget.Select
	date                *dateEntry
	to, content         *widget.Entry
	current             func() *fieldForm
}

// recordEvent opens the 登记事项 dialog; its fields follow the kind chosen.
func (e *memberEditor) recordEvent() *eventDialog {
	sh := e.ms.sh
	kind := newSelect(data.EventKinds, nil)
	date := newDateEntry()
	date.setDate(e.ms.sh.store.Today())
	letter := widget.NewEntry()
	from := widget.NewEntry()
	to := widget.NewEntry()
	valid := widget.NewEntry()
	valid.SetText(strconv.Itoa(data.DefaultLetterValidDays))
	dues := widget.NewEntry()
	dues.SetPlaceHolder("如 2026-10")
	dues.SetText(e.member.DuesPaidTo)
	content := widget.NewEntry()
	status := newSelect(nil, nil)
	for _, st := range data.Statuses {
		if st != e.member.Status && st != data.StatusOut {
			status.Options = append(status.Options, st)
		}
	}
	group := newSelect(nil, nil)
	var groupIDs []int64
	var branch *widget.Select
	branch = newSelect(append([]string{}, e.branch.Options...), func(string) {
		groupIDs, group.Options = e.groupsOf(e.selectedBranch(branch)), nil
		for _, id := range groupIDs {
			group.Options = append(group.Options, e.groupName(id))
		}
		group.SetSelectedIndex(0)
		group.Refresh()
	})
	note := widget.NewEntry()

	box := container.NewVBox()
	var form *fieldForm
	var fd *formDialog
	rebuild := func(k string) {
		form = newFieldForm()
		form.add("kind", "事项 *", kind)
		form.add("date", "日期 *", date)
		switch k {
		case data.EventTransferIn:
			form.add("from", "原所在党组织", from)
			form.add("branch_id", "转入党支部", branch)
			form.add("group_id", "党小组", group)
			form.add("letter_no", "介绍信编号", letter)
			form.add("dues_paid_to", "党费交至年月", dues)
		case data.EventTransferOut:
			form.add("to", "转往党组织", to)
			form.add("letter_no", "介绍信编号", letter)
			form.add("valid_days", "介绍信有效期（天）", valid)
			form.add("dues_paid_to", "党费交至年月", dues)
		case data.EventFloat:
			form.add("to", "流动去向", to)
		case data.EventMove:
			form.add("branch_id", "调入党支部", branch)
			form.add("group_id", "党小组", group)
		case data.EventReward:
			form.add("content", "奖励内容", content)
		case data.EventPunish:
			form.add("content", "处分内容", content)
		case data.EventPartyPost:
			content.SetText(e.member.PartyPost)
			form.add("content", "新的党内职务", content)
		case data.EventStatus:
			form.add("status", "新的党员状态", status)
		}
		form.add("note", "备注", note)
		box.Objects = []fyne.CanvasObject{form.object()}
		if fd != nil {
			form.onChange = fd.fit
			fd.fit()
		}
	}
	kind.OnChanged = rebuild
	kind.SetSelected(data.EventReward)

	save := func() error {
		var is data.Issues
		ev := data.MemberEvent{MemberID: e.member.ID, Kind: kind.Selected, Note: strings.TrimSpace(note.Text),
			LetterNo: strings.TrimSpace(letter.Text), From: strings.TrimSpace(from.Text), To: strings.TrimSpace(to.Text),
			DuesPaidTo: strings.TrimSpace(dues.Text), Content: strings.TrimSpace(content.Text), Status: status.Selected}
		ev.Date = date.date("date", "日期", &is)
		if kind.Selected == data.EventTransferOut {
			if n, err := strconv.Atoi(strings.TrimSpace(valid.Text)); err != nil || n < 1 || n > 365 {
				is.Err("valid_days", "有效期应为 1 至 365 天")
			} else {
				ev.ValidDays = n
			}
		}
		ev.BranchID = e.selectedBranch(branch)
		if i := group.SelectedIndex(); i > 0 && i < len(groupIDs) {
			ev.GroupID = groupIDs[i]
		}
		if err := is.AsError(); err != nil {
			return err
		}
		m, _, err := sh.store.RecordEvent(sh.ctx, sh.role(), ev)
		if err != nil {
			return err
		}
		sh.notify("已登记：" + m.Name + " " + ev.Kind)
		e.ms.afterSave(m.ID)
		return nil
	}
	intro := "登记后档案随之更新：转出后转入历史党员名册，转入、流动返回后恢复在册。"
	fd = showDialog(sh.win, "登记事项 — "+e.member.Name, "登记", box, intro, func() error {
		err := save()
		form.show(err)
		return err
	})
	form.onChange = fd.fit
	return &eventDialog{formDialog: fd, kind: kind, branch: branch, group: group, date: date, to: to, content: content,
		current: func() *fieldForm { return form }}
}

// activityView is a member's 活动全记录: the meetings they were expected
// at, with their attendance, and the attendance rate over a chosen year.
func newActivityView(e *memberEditor) fyne.CanvasObject {
	sh := e.ms.sh
	t := newTextTable([]string{"日期", "党组织", "会议", "主题", "出席", "原因"}, []float32{100, 120, 110, 200, 50, 120})
	rate := widget.NewLabel("")
	y := e.ms.sh.store.Today().Y
	years := []string{"全部"}
	for i := y; i >= y-10; i-- {
		years = append(years, strconv.Itoa(i))
	}
	load := func(sel string) {
		var from, to data.Date
		if n, err := strconv.Atoi(sel); err == nil {
			from, to = data.NewDate(n, 1, 1), data.NewDate(n, 12, 31)
		}
		recs, r, err := sh.store.MemberMeetings(sh.ctx, e.member.ID, from, to)
		if err != nil {
			rate.SetText(userMessage(err))
			return
		}
		rows := make([][]string, len(recs))
		for i, rec := range recs {
			m := rec.Meeting
			rows[i] = []string{m.Date.String(), e.ms.unitName(m.UnitID), m.Kind, m.Topic, rec.State, rec.Reason}
		}
		t.setRows(rows)
		if r < 0 {
			rate.SetText("这一期间没有应参加的会议记录。")
		} else {
			rate.SetText(fmt.Sprintf("应参加 %d 次，出席率 %.0f%%", len(recs), r*100))
		}
	}
	year := newSelect(years, load)
	year.SetSelected(strconv.Itoa(y))
	return container.NewBorder(container.NewHBox(widget.NewLabel("年度"), sized(year, 100), rate), nil, nil, nil, t)
}
