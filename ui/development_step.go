package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

// devDays counts the days from a to b.
func devDays(a, b data.Date) int {
	ta := time.Date(a.Y, a.M, a.D, 0, 0, 0, 0, time.UTC)
	tb := time.Date(b.Y, b.M, b.D, 0, 0, 0, 0, time.UTC)
	return int(tb.Sub(ta).Hours() / 24)
}

// devStepEditor records one step of a candidate's file: its date, the
// people named on it (picked from the branch's roster), a note, the
// materials on file, and for steps 15 and 23 the vote with its helper
// (应到 = the branch's 正式党员 on the day, the result by data.DevVote).
// Warnings never stop the save; they are shown after it.
type devStepEditor struct {
	s    *developmentScreen
	c    data.DevCandidate
	rec  data.DevStepRecord
	form *fieldForm
	dlg  *formDialog

	date    *dateEntry
	note    *widget.Entry
	pickers []*widget.Select // people, in order
	roles   []string
	members []data.Member
	mats    *widget.CheckGroup

	expected, present, yes, no, abstain *widget.Entry
	voteRes                             *widget.Label
	outcome                             *widget.Select
	extend                              *widget.Entry
	days, hours                         *widget.Entry
}

func newDevStepEditor(s *developmentScreen, c data.DevCandidate, rec data.DevStepRecord) *devStepEditor {
	e := &devStepEditor{s: s, c: c, rec: rec, form: newFieldForm()}
	st := s.proc.Step(rec.Step)
	e.date = newDateEntry()
	e.date.setDate(rec.Date)
	e.form.add("date", "日期", e.date)

	// People from the branch's roster: 正式党员 first.
	e.members, _ = s.sh.store.Members(s.sh.ctx, data.MemberFilter{BranchID: c.BranchID, Roster: data.RosterActive})
	var opts []string
	for _, standing := range []string{data.StandingFull, data.StandingProbationary} {
		for _, m := range e.members {
			if m.Standing == standing {
				opts = append(opts, m.Name+"（"+m.Standing+"）")
			}
		}
	}
	addPicker := func(key, label, role string, cur data.DevPerson) {
		p := newSelect(append([]string{"（不填）"}, opts...), nil)
		for _, o := range opts {
			if strings.HasPrefix(o, cur.Name+"（") && cur.Name != "" {
				p.Selected = o
			}
		}
		e.pickers = append(e.pickers, p)
		e.roles = append(e.roles, role)
		e.form.add(key, label, p)
	}
	var have []data.DevPerson
	for _, p := range rec.People {
		have = append(have, p)
	}
	at := func(i int) data.DevPerson {
		if i < len(have) {
			return have[i]
		}
		return data.DevPerson{}
	}
	switch rec.Step {
	case data.DevStepCultivators:
		addPicker("people", "培养联系人", data.DevRoleCultivator, at(0))
		addPicker("people2", "第二名培养联系人", data.DevRoleCultivator, at(1))
	case data.DevStepIntroducers:
		addPicker("people", "入党介绍人", data.DevRoleIntroducer, at(0))
		addPicker("people2", "入党介绍人", data.DevRoleIntroducer, at(1))
	case data.DevStepTraining:
		e.days, e.hours = widget.NewEntry(), widget.NewEntry()
		if rec.TrainingDays > 0 {
			e.days.SetText(strconv.Itoa(rec.TrainingDays))
		}
		if rec.TrainingHours > 0 {
			e.hours.SetText(strconv.Itoa(rec.TrainingHours))
		}
		e.form.add("training_days", "培训天数", e.days)
		e.form.add("training_hours", "培训学时", e.hours)
	}
	if rec.Step == data.DevStepVote || rec.Step == data.DevStepFullVote {
		e.expected, e.present, e.yes, e.no, e.abstain = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
		if v := rec.Vote; v != nil {
			for _, x := range []struct {
				e *widget.Entry
				n int
			}{{e.expected, v.Expected}, {e.present, v.Present}, {e.yes, v.Yes}, {e.no, v.No}, {e.abstain, v.Abstain}} {
				x.e.SetText(strconv.Itoa(x.n))
			}
		}
		e.voteRes = widget.NewLabel("")
		e.voteRes.Wrapping = fyne.TextWrapWord
		for _, x := range []*widget.Entry{e.expected, e.present, e.yes, e.no, e.abstain} {
			x.OnChanged = func(string) { e.updateVote() }
		}
		e.date.OnChanged = func(string) { e.fillExpected() }
		e.form.add("expected", "应到（有表决权）", e.expected)
		e.form.add("present", "实到（有表决权）", e.present)
		e.form.add("yes", "赞成", e.yes)
		e.form.add("no", "反对", e.no)
		e.form.add("abstain", "弃权", e.abstain)
		e.form.add("vote", "表决结果", e.voteRes)
		if rec.Vote == nil {
			e.fillExpected()
		}
		e.updateVote()
	}
	if rec.Step == data.DevStepFullVote {
		e.outcome = newSelect(data.DevOutcomes, nil)
		e.outcome.Selected = rec.Outcome
		if e.outcome.Selected == "" {
			e.outcome.Selected = data.DevOutcomeFull
		}
		e.extend = widget.NewEntry()
		e.extend.SetPlaceHolder("6 至 12")
		if rec.ExtendMonths > 0 {
			e.extend.SetText(strconv.Itoa(rec.ExtendMonths))
		}
		e.form.add("outcome", "决定", e.outcome)
		e.form.add("extend_months", "延长（个月）", e.extend)
	}
	if len(st.Materials) > 0 || len(rec.Materials) > 0 {
		opts := append([]string{}, st.Materials...)
		for _, m := range rec.Materials {
			found := false
			for _, o := range opts {
				found = found || o == m
			}
			if !found {
				opts = append(opts, m)
			}
		}
		e.mats = widget.NewCheckGroup(opts, nil)
		e.mats.Horizontal = true
		if rec.ID == 0 {
			e.mats.Selected = append([]string{}, st.Materials...)
		} else {
			e.mats.Selected = append([]string{}, rec.Materials...)
		}
		e.form.add("materials", "已有材料", e.mats)
	}
	e.note = widget.NewMultiLineEntry()
	e.note.SetMinRowsVisible(2)
	e.note.SetText(rec.Note)
	label := "备注"
	if rec.Step == data.DevStepPolitical {
		label = "政审结论"
	}
	e.form.add("note", label, e.note)

	intro := fmt.Sprintf("%s · 第 %d 步 %s（%s）\n%s", c.Name, st.Number, st.Name, st.Actor, st.Description)
	e.dlg = showFormDialog(s.sh.win, "登记发展党员步骤", "保存", e.form, intro, e.save)
	e.dlg.d.Resize(fyne.NewSize(620, e.dlg.body.MinSize().Height+80))
	return e
}

// fillExpected sets 应到 from the roster for the date typed.
func (e *devStepEditor) fillExpected() {
	d, err := data.ParseDateLoose(e.date.Text)
	if err != nil || d.IsZero() {
		d = e.s.today
	}
	if n, err := e.s.sh.store.DevExpectedVoters(e.s.sh.ctx, e.c.BranchID, d); err == nil {
		e.expected.SetText(strconv.Itoa(n))
	}
}

func devAtoi(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// updateVote shows the result as the counts are typed.
func (e *devStepEditor) updateVote() {
	var n [5]int
	for i, x := range []*widget.Entry{e.expected, e.present, e.yes, e.no, e.abstain} {
		v, ok := devAtoi(x.Text)
		if !ok {
			e.voteRes.SetText("请填写整数")
			e.voteRes.Importance = widget.DangerImportance
			e.voteRes.Refresh()
			return
		}
		n[i] = v
	}
	if n[0] == 0 && n[1] == 0 {
		e.voteRes.SetText("填写实到和票数后显示表决结果")
		e.voteRes.Importance = widget.MediumImportance
		e.voteRes.Refresh()
		return
	}
	res, err := data.DevVote(n[0], n[1], n[2], n[3], n[4])
	switch {
	case err != nil:
		e.voteRes.SetText(err.Error())
		e.voteRes.Importance = widget.DangerImportance
	case res.Passed:
		e.voteRes.SetText(res.Message)
		e.voteRes.Importance = widget.SuccessImportance
	default:
		e.voteRes.SetText(res.Message)
		e.voteRes.Importance = widget.WarningImportance
	}
	e.voteRes.Refresh()
}

func (e *devStepEditor) save() error {
	var is data.Issues
	r := e.rec
	r.Date = e.date.date("date", "日期", &is)
	r.Note = e.note.Text
	r.People = nil
	for i, p := range e.pickers {
		name, _, ok := strings.Cut(p.Selected, "（")
		if !ok || p.Selected == "（不填）" {
			continue
		}
		person := data.DevPerson{Name: name, Role: e.roles[i]}
		for _, m := range e.members {
			if m.Name == name {
				person.MemberID, person.Standing = m.ID, m.Standing
				break
			}
		}
		r.People = append(r.People, person)
	}
	if e.mats != nil {
		r.Materials = append([]string{}, e.mats.Selected...)
	}
	num := func(x *widget.Entry, key, label string) int {
		n, ok := devAtoi(x.Text)
		if !ok {
			is.Err(key, "%s应为整数", label)
		}
		return n
	}
	if e.days != nil {
		r.TrainingDays = num(e.days, "training_days", "培训天数")
		r.TrainingHours = num(e.hours, "training_hours", "培训学时")
	}
	if e.expected != nil {
		v := data.DevVoteCount{Expected: num(e.expected, "expected", "应到人数"), Present: num(e.present, "present", "实到人数"),
			Yes: num(e.yes, "yes", "赞成票数"), No: num(e.no, "no", "反对票数"), Abstain: num(e.abstain, "abstain", "弃权票数")}
		r.Vote = &v
	}
	if e.outcome != nil {
		r.Outcome = e.outcome.Selected
		r.ExtendMonths = 0
		if r.Outcome == data.DevOutcomeExtend {
			r.ExtendMonths = num(e.extend, "extend_months", "延长月数")
		}
	}
	if err := is.AsError(); err != nil {
		return err
	}
	saved, warns, err := e.s.sh.store.SaveDevStep(e.s.sh.ctx, e.s.role, r)
	if err != nil {
		return err
	}
	e.rec = saved
	msg := fmt.Sprintf("已登记 %s 第 %d 步 %s", e.c.Name, saved.Step, e.s.proc.Step(saved.Step).Name)
	var mine []string
	for _, w := range warns {
		if w.Step == saved.Step {
			mine = append(mine, w.Message)
		}
	}
	if len(mine) > 0 {
		msg += "；提醒：" + strings.Join(mine, "；")
	}
	e.s.afterSave(msg)
	return nil
}
