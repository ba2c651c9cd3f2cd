package ui

// 数据交换: the office makes a package for a branch, a branch copy makes
// one for the office; either imports a package after a preview of exactly
// what changes. The history lists the packages sent and received with
// what each carried; the office decides the member changes branches
// propose (待确认) one by one; conflicts show both versions side by side
// until someone keeps one.

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

type exchangeScreen struct {
	sh   *Shell
	role data.Role
	id   data.CopyIdentity

	tabs                      *container.AppTabs
	sendTab, pendTab, confTab *container.TabItem
	identity                  *widget.Label
	branchSel                 *widget.Select
	branchBox                 *fyne.Container // sizes branchSel to its longest name
	branches                  []data.OrgUnit
	exportBt, importBt        *widget.Button
	reissueBt                 *widget.Button // office: 重新制作支部初始包…
	reissueOK                 *widget.Button // its confirmation's button, for tests
	links                     *textTable
	linkBox                   *fyne.Container
	history                   *textTable
	histNote                  *widget.Label // the selected package, whole
	packages                  []data.PackageInfo

	pending            []data.PendingChange
	pendList           *textTable
	pendFields         *textTable
	pendNote           *widget.Label
	pendSel            int
	showDecided        *widget.Check
	acceptBt, rejectBt *widget.Button
	reason             *widget.Entry

	conflicts                   []data.Conflict
	confList                    *textTable
	confFields                  *textTable
	confNote                    *widget.Label
	confSel                     int
	keepLocalBt, takeIncomingBt *widget.Button

	obj fyne.CanvasObject
}

func newExchangeScreen(sh *Shell) *exchangeScreen {
	s := &exchangeScreen{sh: sh, pendSel: -1, confSel: -1}

	// 收发交换包
	s.identity = widget.NewLabel("")
	// One line (a wrapped label in a box reserves lines it does not use).
	s.identity.Truncation = fyne.TextTruncateEllipsis
	s.branchSel = widget.NewSelect(nil, nil)
	s.branchSel.PlaceHolder = "选择党支部"
	s.exportBt = widget.NewButtonWithIcon("制作交换包…", theme.UploadIcon(), s.export)
	s.exportBt.Importance = widget.HighImportance
	s.importBt = widget.NewButtonWithIcon("导入交换包…", theme.DownloadIcon(), s.importFile)
	s.reissueBt = widget.NewButtonWithIcon("重新制作支部初始包…", theme.ViewRefreshIcon(), s.reissue)
	s.links = newTextTable([]string{"党支部", "支部副本", "已发出", "已收到", "最近收到"}, []float32{150, 250, 90, 90, 150})
	s.links.setFreeText(1)
	s.history = newTextTable([]string{"时间", "收/发", "编号", "对方", "内容", "待确认", "冲突", "备注", "操作员"},
		[]float32{130, 50, 50, 120, 260, 60, 50, 120, 70})
	s.history.setFreeText(4)
	s.history.setMaxEm(7, 8)
	s.history.setEmptyText("还没有收发过交换包")
	s.histNote = widget.NewLabel("")
	s.histNote.Wrapping = fyne.TextWrapWord
	s.history.OnSelect = func(i int) { s.showPackage(i) }
	s.branchBox = container.NewGridWrap(s.branchSel.MinSize(), s.branchSel)
	bar := container.NewHBox(s.branchBox, s.exportBt, s.reissueBt, widget.NewSeparator(), s.importBt)
	s.linkBox = container.NewBorder(widget.NewLabelWithStyle("各党支部的交换情况", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, s.links)
	hist := container.NewBorder(widget.NewLabelWithStyle("收发记录", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.histNote, nil, nil, s.history.withEmptyNote())
	split := container.NewVSplit(s.linkBox, hist)
	split.Offset = 0.38
	s.sendTab = container.NewTabItemWithIcon("收发交换包", theme.MailSendIcon(),
		container.NewBorder(container.NewVBox(s.identity, bar), nil, nil, nil, split))

	// 待确认党员信息变更
	s.pendList = newTextTable([]string{"提出支部", "党员", "类别", "状态", "收到时间"}, []float32{110, 70, 60, 60, 130})
	s.pendList.setMaxEm(0, 9)
	s.pendList.setEmptyText("没有待确认的党员信息变更")
	s.pendList.OnSelect = func(i int) { s.pendSel = i; s.showPending() }
	s.pendFields = newTextTable([]string{"项目", "本机现值", "支部提出"}, []float32{100, 200, 200})
	s.pendFields.setMaxEm(1, 16)
	s.pendFields.setFreeText(2)
	s.pendNote = widget.NewLabel("选择左边的一条变更，核对后接受或拒绝。接受后写入党员档案；拒绝须写明原因，原因随下一个交换包发回支部。")
	s.pendNote.Wrapping = fyne.TextWrapWord
	s.reason = widget.NewEntry()
	s.reason.SetPlaceHolder("拒绝的原因（拒绝时必填）")
	s.acceptBt = widget.NewButtonWithIcon("接受", theme.ConfirmIcon(), s.accept)
	s.acceptBt.Importance = widget.HighImportance
	s.rejectBt = widget.NewButtonWithIcon("拒绝", theme.CancelIcon(), s.reject)
	s.showDecided = widget.NewCheck("显示已处理的", func(bool) { s.reloadPending() })
	pendRight := container.NewBorder(s.pendNote, container.NewBorder(nil, nil, nil, container.NewHBox(s.rejectBt, s.acceptBt), s.reason), nil, nil, s.pendFields)
	pendSplit := container.NewHSplit(container.NewBorder(s.showDecided, nil, nil, nil, s.pendList.withEmptyNote()), pendRight)
	pendSplit.Offset = 0.5
	s.pendTab = container.NewTabItemWithIcon("待确认党员信息变更", theme.AccountIcon(), pendSplit)

	// 冲突
	s.confList = newTextTable([]string{"类别", "记录", "收到时间"}, []float32{80, 220, 130})
	s.confList.setFreeText(1)
	s.confList.setEmptyText("没有冲突")
	s.confList.OnSelect = func(i int) { s.confSel = i; s.showConflict() }
	s.confFields = newTextTable([]string{"项目", "本机版本", "对方版本"}, []float32{100, 220, 220})
	s.confFields.setMaxEm(1, 16)
	s.confFields.setFreeText(2)
	s.confNote = widget.NewLabel(conflictNote)
	s.confNote.Wrapping = fyne.TextWrapWord
	s.keepLocalBt = widget.NewButtonWithIcon("保留本机", theme.ComputerIcon(), func() { s.resolve(data.KeepLocal) })
	s.takeIncomingBt = widget.NewButtonWithIcon("采用对方", theme.MailForwardIcon(), func() { s.resolve(data.KeepIncoming) })
	confRight := container.NewBorder(s.confNote, container.NewHBox(s.keepLocalBt, s.takeIncomingBt), nil, nil, s.confFields)
	confSplit := container.NewHSplit(s.confList.withEmptyNote(), confRight)
	confSplit.Offset = 0.42
	s.confTab = container.NewTabItemWithIcon("冲突", theme.WarningIcon(), confSplit)

	s.tabs = container.NewAppTabs(s.sendTab, s.pendTab, s.confTab)
	s.tabs.OnSelected = func(*container.TabItem) { s.reloadLists() }
	s.obj = s.tabs
	return s
}

func (s *exchangeScreen) title() string              { return "数据交换" }
func (s *exchangeScreen) icon() fyne.Resource        { return theme.MailSendIcon() }
func (s *exchangeScreen) object() fyne.CanvasObject  { return s.obj }
func (s *exchangeScreen) tabsOf() *container.AppTabs { return s.tabs }

func (s *exchangeScreen) shown() {
	ctx := s.sh.ctx
	s.role = s.sh.role()
	var err error
	s.id, err = s.sh.store.Identity(ctx)
	s.sh.readFailed(err, "本机交换身份")
	s.branches = nil
	if s.role.Office {
		roots, err := s.sh.store.OrgTree(ctx)
		s.sh.readFailed(err, "组织架构")
		var names []string
		for _, r := range roots {
			for _, b := range r.Children {
				if b.Unit.Level == data.LevelBranch {
					s.branches = append(s.branches, b.Unit)
					names = append(names, b.Unit.Name())
				}
			}
		}
		sel := s.branchSel.Selected
		s.branchSel.Options = names
		s.branchSel.ClearSelected()
		if slicesContains(names, sel) {
			s.branchSel.SetSelected(sel)
		}
		s.fitBranchSel(names)
		s.branchBox.Show()
		s.exportBt.SetText("为党支部制作交换包…")
		s.reissueBt.Show()
		s.linkBox.Show()
	} else {
		s.branchBox.Hide()
		s.exportBt.SetText("制作交换包（发给党总支）…")
		s.reissueBt.Hide()
		s.linkBox.Hide()
	}
	s.identity.SetText(s.identityText())
	// Member changes wait for the office's decision: a branch copy has none to decide.
	hasPend := false
	for _, it := range s.tabs.Items {
		hasPend = hasPend || it == s.pendTab
	}
	switch {
	case s.role.Office && !hasPend:
		s.tabs.Items = []*container.TabItem{s.sendTab, s.pendTab, s.confTab}
		s.tabs.Refresh()
	case !s.role.Office && hasPend:
		s.tabs.Remove(s.pendTab)
	}
	// Only the office decides member changes.
	if s.role.Office {
		s.acceptBt.Enable()
		s.rejectBt.Enable()
		s.reason.Enable()
	} else {
		s.acceptBt.Disable()
		s.rejectBt.Disable()
		s.reason.Disable()
	}
	s.reloadLists()
}

func slicesContains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// identityText says who this copy is in the exchange.
func (s *exchangeScreen) identityText() string {
	id := s.id
	if !id.IsSet() {
		if s.role.Office {
			return "本机：党总支办公室。第一次为党支部制作交换包时，本机生成交换身份和签名密钥。"
		}
		return "本机还没有交换身份：党支部的副本由党总支办公室制作的支部交换包建立。"
	}
	text := "本机：" + id.Label()
	if id.OrgName != "" {
		text += "　组织：" + id.OrgName
	}
	text += "　密钥指纹：" + id.Fingerprint
	if id.IsBranch() && id.OfficeFingerprint != "" {
		text += "　党总支密钥指纹：" + id.OfficeFingerprint
	}
	return text
}

// reloadLists reads the history, the links, the pending changes and the
// conflicts, and titles the tabs with their open counts.
func (s *exchangeScreen) reloadLists() {
	ctx := s.sh.ctx
	var err error
	s.packages, err = s.sh.store.Packages(ctx)
	s.sh.readFailed(err, "交换包收发记录")
	rows := make([][]string, 0, len(s.packages))
	for _, p := range s.packages {
		dir, other := "收", p.Manifest.FromName
		if p.Direction == data.PackageSent {
			dir, other = "发", p.Manifest.ToName
			if other == "" {
				other = p.Manifest.Branch
			}
		}
		rows = append(rows, []string{fmtTime(p.At), dir, strconv.Itoa(p.Manifest.Number), other, p.CarriedText(),
			countText(p.Pending), countText(p.Conflicts), p.Note, p.Operator})
	}
	s.history.setRows(rows)
	s.histNote.SetText("")
	if s.role.Office {
		links, err := s.sh.store.BranchLinks(ctx)
		s.sh.readFailed(err, "各党支部的交换情况")
		var lr [][]string
		for _, l := range links {
			state := "未建立"
			switch {
			case l.CopyID != "" && l.Reissued:
				state = "已建立；已重新制作初始包，等新副本发来交换包"
			case l.CopyID != "" && l.Replaced > 0:
				state = "已建立（已更换副本）"
			case l.CopyID != "":
				state = "已建立"
			case l.Invited:
				state = "已发初始包"
			}
			lr = append(lr, []string{l.BranchName, state, numberText(l.LastSent), numberText(l.LastReceived), fmtTime(l.LastReceivedAt)})
		}
		s.links.setRows(lr)
	}
	s.reloadPending()
	s.reloadConflicts()
}

// showPackage says all of one package of the history.
func (s *exchangeScreen) showPackage(i int) {
	if i < 0 || i >= len(s.packages) {
		s.histNote.SetText("")
		return
	}
	p := s.packages[i]
	text := manifestText(p.Manifest) + "\n内容：" + p.CarriedText()
	if p.Pending > 0 {
		text += fmt.Sprintf("；待确认党员信息变更 %d 条", p.Pending)
	}
	if p.Conflicts > 0 {
		text += fmt.Sprintf("；冲突 %d 条", p.Conflicts)
	}
	if p.Note != "" {
		text += "\n" + p.Note
	}
	if p.File != "" {
		text += "\n文件：" + p.File
	}
	if p.Operator != "" {
		text += "　操作员：" + p.Operator
	}
	s.histNote.SetText(text)
}

func (s *exchangeScreen) reloadPending() {
	status := data.PendingOpen
	if s.showDecided.Checked {
		status = ""
	}
	var err error
	s.pending, err = s.sh.store.PendingChanges(s.sh.ctx, status)
	s.sh.readFailed(err, "待确认的党员信息变更")
	rows := make([][]string, 0, len(s.pending))
	open := 0
	for _, p := range s.pending {
		if p.Status == data.PendingOpen {
			open++
		}
		name := p.Name
		if p.MemberID == 0 {
			name += "（新党员）"
		}
		rows = append(rows, []string{p.BranchName, name, p.Label, p.Status, fmtTime(p.At)})
	}
	s.pendList.setRows(rows)
	s.pendTab.Text = "待确认党员信息变更"
	if open > 0 {
		s.pendTab.Text += fmt.Sprintf("（%d）", open)
	}
	if s.pendSel >= len(s.pending) {
		s.pendSel = -1
	}
	if s.pendSel < 0 && len(s.pending) > 0 {
		s.pendList.Select(widget.TableCellID{Row: 0, Col: 0})
	}
	s.showPending()
	s.tabs.Refresh()
}

func (s *exchangeScreen) reloadConflicts() {
	var err error
	s.conflicts, err = s.sh.store.Conflicts(s.sh.ctx, data.ConflictOpen)
	s.sh.readFailed(err, "冲突")
	rows := make([][]string, 0, len(s.conflicts))
	for _, c := range s.conflicts {
		rows = append(rows, []string{c.Label, c.Name, fmtTime(c.At)})
	}
	s.confList.setRows(rows)
	s.confTab.Text = "冲突"
	if len(s.conflicts) > 0 {
		s.confTab.Text += fmt.Sprintf("（%d）", len(s.conflicts))
	}
	if s.confSel >= len(s.conflicts) {
		s.confSel = -1
	}
	if s.confSel < 0 && len(s.conflicts) > 0 {
		s.confList.Select(widget.TableCellID{Row: 0, Col: 0})
	}
	s.showConflict()
	s.tabs.Refresh()
}

// fieldRows are two versions of a record side by side; the fields that
// differ are marked.
func fieldRows(fields []data.FieldPair) [][]string {
	rows := make([][]string, 0, len(fields))
	// The fields that differ first.
	ordered := make([]data.FieldPair, 0, len(fields))
	for _, differs := range []bool{true, false} {
		for _, f := range fields {
			if f.Differs == differs {
				ordered = append(ordered, f)
			}
		}
	}
	for _, f := range ordered {
		label := f.Label
		if f.Differs {
			label = "≠ " + label
		}
		rows = append(rows, []string{label, oneLine(f.Left), oneLine(f.Right)})
	}
	return rows
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

func (s *exchangeScreen) currentPending() *data.PendingChange {
	if s.pendSel >= 0 && s.pendSel < len(s.pending) {
		return &s.pending[s.pendSel]
	}
	return nil
}

func (s *exchangeScreen) showPending() {
	p := s.currentPending()
	if p == nil {
		s.pendFields.setRows(nil)
		s.acceptBt.Disable()
		s.rejectBt.Disable()
		return
	}
	s.pendFields.setRows(fieldRows(p.Fields))
	open := p.Status == data.PendingOpen && s.role.Office
	if open {
		s.acceptBt.Enable()
		s.rejectBt.Enable()
	} else {
		s.acceptBt.Disable()
		s.rejectBt.Disable()
	}
}

func (s *exchangeScreen) accept() {
	p := s.currentPending()
	if p == nil {
		return
	}
	if err := s.sh.store.AcceptPending(s.sh.ctx, s.sh.role(), p.ID); err != nil {
		s.sh.showError(err)
		return
	}
	s.sh.notify(fmt.Sprintf("已接受 %s 提出的 %s 的%s变更", p.BranchName, p.Name, p.Label))
	s.pendSel = -1
	s.reloadPending()
}

func (s *exchangeScreen) reject() {
	p := s.currentPending()
	if p == nil {
		return
	}
	reason := strings.TrimSpace(s.reason.Text)
	if reason == "" {
		s.sh.showHint("", "请在“拒绝的原因”中写明为什么不接受这条变更，原因会发回支部。")
		return
	}
	if err := s.sh.store.RejectPending(s.sh.ctx, s.sh.role(), p.ID, reason); err != nil {
		s.sh.showError(err)
		return
	}
	s.sh.notify(fmt.Sprintf("已拒绝 %s 提出的 %s 的%s变更", p.BranchName, p.Name, p.Label))
	s.reason.SetText("")
	s.pendSel = -1
	s.reloadPending()
}

// conflictNote says what a conflict is and what to do.
const conflictNote = "双方都在上次交换后改过这条记录，两个版本都已保留；标 ≠ 的是不同之处，请选择保留哪一个。"

func (s *exchangeScreen) currentConflict() *data.Conflict {
	if s.confSel >= 0 && s.confSel < len(s.conflicts) {
		return &s.conflicts[s.confSel]
	}
	return nil
}

func (s *exchangeScreen) showConflict() {
	c := s.currentConflict()
	if c == nil {
		s.confNote.SetText(conflictNote)
		s.confFields.setRows(nil)
		s.keepLocalBt.Disable()
		s.takeIncomingBt.Disable()
		return
	}
	s.confFields.setRows(fieldRows(c.Fields))
	s.confNote.SetText(c.Label + "：" + c.Name + "\n" + conflictNote)
	s.keepLocalBt.Enable()
	s.takeIncomingBt.Enable()
}

func (s *exchangeScreen) resolve(keep string) {
	c := s.currentConflict()
	if c == nil {
		return
	}
	if err := s.sh.store.ResolveConflict(s.sh.ctx, s.sh.role(), c.ID, keep); err != nil {
		s.sh.showError(err)
		return
	}
	what := "保留了本机的版本"
	if keep == data.KeepIncoming {
		what = "采用了对方的版本"
	}
	s.sh.notify(fmt.Sprintf("%s“%s”：%s", c.Label, c.Name, what))
	s.confSel = -1
	s.reloadConflicts()
}

// export makes a package: for the branch chosen (the office) or for the
// office (a branch copy), saved where the user says.
func (s *exchangeScreen) export() {
	var branch data.OrgUnit
	if s.role.Office {
		i := s.branchSel.SelectedIndex()
		if i < 0 || i >= len(s.branches) {
			s.sh.showHint("", "请先在左边选择要发往的党支部。")
			return
		}
		branch = s.branches[i]
	}
	name, err := s.sh.store.NextPackageFileName(s.sh.ctx, branch.ID)
	if err != nil {
		s.sh.showError(err)
		return
	}
	s.sh.chooseSave(fileChoice{title: "保存交换包", name: name, kind: "交换包", exts: packageExts}, func(path string) {
		s.sh.exportPackage(branch.ID, path, func(info data.PackageInfo) {
			msg := fmt.Sprintf("已制作第 %d 号交换包：%s", info.Manifest.Number, info.Manifest.CountsText())
			s.sh.notify(msg)
			s.sh.showInfo("交换包已制作", msg+"\n\n文件："+path+"\n\n请用U盘、邮件或聊天工具把这个文件交给对方，对方在“数据交换”中点“导入交换包…”导入。")
			s.shown()
		})
	})
}

// importFile imports a package after its preview.
func (s *exchangeScreen) importFile() {
	s.sh.choosePackage("导入交换包", func(res data.ImportResult) {
		s.sh.notify(res.Summary())
		s.sh.showInfo("交换包已导入", res.Summary())
		s.sh.refreshOperator()
		s.shown()
	})
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02 15:04")
}

func countText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func numberText(n int) string {
	if n == 0 {
		return "—"
	}
	return fmt.Sprintf("第 %d 号", n)
}

// reissue re-makes the chosen branch's initial package (a lost, broken or
// reinstalled branch laptop) after a confirmation saying what it does.
func (s *exchangeScreen) reissue() {
	i := s.branchSel.SelectedIndex()
	if i < 0 || i >= len(s.branches) {
		s.sh.showHint("", "请先在左边选择要重新制作初始包的党支部。")
		return
	}
	branch := s.branches[i]
	var link data.BranchLink
	links, err := s.sh.store.BranchLinks(s.sh.ctx)
	if s.sh.readFailed(err, "各党支部的交换情况") {
		return
	}
	for _, l := range links {
		if l.BranchID == branch.ID {
			link = l
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "为“%s”重新制作支部初始包，带一个新的一次性信任码。用于支部的电脑丢失、损坏或重装系统：在支部电脑上新建一个空白数据库，导入这个包，建立新的支部副本。\n\n", branch.Name())
	if link.CopyID != "" {
		fmt.Fprintf(&b, "·新副本发来第一个交换包后，它取代现在的支部副本（密钥指纹 %s）；此后旧副本发来的交换包一律拒收。在此之前，旧副本仍可照常收发。\n", link.Fingerprint)
	}
	b.WriteString("·本机的数据一条不少：旧副本发来的会议记录等全部保留，新副本从本机现有的该支部数据开始。旧副本中还没发出的记录需在新副本中重新录入。\n")
	b.WriteString("·以前制作、尚未被支部使用的支部初始包随即作废。\n·此操作记入操作日志。")
	msg := widget.NewLabel(b.String())
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	cancel := widget.NewButton("取消", func() { d.Hide() })
	s.reissueOK = widget.NewButtonWithIcon("重新制作并保存…", theme.ConfirmIcon(), func() {
		d.Hide()
		name := fmt.Sprintf("党建交换包-党总支办公室-至%s-新副本初始包%s", strings.ReplaceAll(branch.Name(), " ", "_"), data.PackageExt)
		s.sh.chooseSave(fileChoice{title: "保存重新制作的支部初始包", name: name, kind: "交换包", exts: packageExts}, func(path string) {
			s.sh.reissuePackage(branch.ID, path, func(info data.PackageInfo) {
				msg := fmt.Sprintf("已为%s重新制作支部初始包：%s", branch.Name(), info.Manifest.CountsText())
				s.sh.notify(msg)
				s.sh.showInfo("支部初始包已重新制作", msg+"\n\n文件："+path+
					"\n\n请当面或用可靠的方式交给支部书记，在新建的空白数据库中导入（首次使用时选“党支部”）。新副本发来第一个交换包后，旧副本即停用。")
				s.shown()
			})
		})
	})
	s.reissueOK.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons("重新制作支部初始包", container.NewBorder(nil,
		container.NewHBox(layout.NewSpacer(), cancel, s.reissueOK), nil, nil, msg), s.sh.win)
	d.Resize(fyne.NewSize(600, 330))
	d.Show()
}

// fitBranchSel widens the branch picker to its longest name at the current
// text size: a Select is as wide as its placeholder, which cut the names
// ("第一车队…").
func (s *exchangeScreen) fitBranchSel(names []string) {
	w := s.branchSel.MinSize().Width
	size := theme.TextSize()
	pad := 2*theme.InnerPadding() + theme.IconInlineSize() + 2*theme.Padding()
	for _, n := range names {
		w = max(w, fyne.MeasureText(n, size, fyne.TextStyle{}).Width+pad)
	}
	s.branchBox.Layout = layout.NewGridWrapLayout(fyne.NewSize(w, s.branchSel.MinSize().Height))
	s.branchBox.Refresh()
}
