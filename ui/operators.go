package ui

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
)

// operatorsCard is 系统设置 → 操作员与密码: the operators (add, rename,
// set or clear a password, deactivate — never delete), the idle lock and
// the 备份口令. Every change here needs the password confirmed once a
// password is set (Shell.guarded asks for it).
type operatorsCard struct {
	sh        *Shell
	table     *textTable
	ops       []data.Operator
	rename    *widget.Button
	password  *widget.Button
	clear     *widget.Button
	active    *widget.Button
	lockMin   *widget.Entry
	lockMsg   *widget.Label
	phrase    *widget.Label
	lockNowBt *widget.Button
	obj       fyne.CanvasObject
}

func newOperatorsCard(sh *Shell) *operatorsCard {
	c := &operatorsCard{sh: sh}
	c.table = newTextTable([]string{"操作员", "密码", "状态"}, []float32{150, 80, 130})
	c.table.OnSelect = func(int) { c.refreshButtons() }
	add := widget.NewButtonWithIcon("添加…", theme.ContentAddIcon(), c.add)
	c.rename = widget.NewButton("改名…", c.doRename)
	c.password = widget.NewButton("设置密码…", c.setPassword)
	c.clear = widget.NewButton("清除密码", c.clearPassword)
	c.active = widget.NewButton("停用", c.toggleActive)
	c.lockMin = widget.NewEntry()
	c.lockMsg = widget.NewLabel("")
	c.lockMsg.Importance = widget.DangerImportance
	c.lockMsg.Hide()
	saveLock := widget.NewButton("保存", c.saveLock)
	c.phrase = widget.NewLabel("")
	phraseBt := widget.NewButton("设置备份口令…", c.setPhrase)
	c.lockNowBt = widget.NewButtonWithIcon("立即锁定", theme.VisibilityOffIcon(), sh.LockNow)
	hint := widget.NewLabel("任一操作员设置密码后，启动和无操作一段时间后须登录；修改本机身份、操作员、密码或备份口令须输入密码确认。操作日志记录登录的操作员。")
	hint.Wrapping = fyne.TextWrapWord
	c.phrase.Wrapping = fyne.TextWrapWord
	lockRow := container.NewBorder(nil, c.lockMsg, widget.NewLabel("自动锁定（分钟，0 为不锁定）"), saveLock, c.lockMin)
	phraseRow := container.NewBorder(nil, container.NewGridWithColumns(2, phraseBt, c.lockNowBt), widget.NewLabel("备份口令"), nil, c.phrase)
	c.obj = widget.NewCard("操作员与密码", "", container.NewBorder(
		container.NewVBox(hint, container.NewGridWithColumns(5, add, c.rename, c.password, c.clear, c.active)),
		container.NewVBox(lockRow, phraseRow), nil, nil,
		container.NewStack(minHeight(110), c.table)))
	return c
}

func (c *operatorsCard) load() {
	st, ctx := c.sh.store, c.sh.ctx
	ops, err := st.Operators(ctx)
	if err != nil {
		c.sh.showError(err)
		return
	}
	c.ops = ops
	rows := make([][]string, len(ops))
	for i, o := range ops {
		pw, state := "未设置", "在用"
		if o.HasPassword {
			pw = "已设置"
		}
		if !o.Active {
			state = "已停用"
		}
		if st.SignedIn() && o.Name == st.Operator() {
			state += "（当前）"
		}
		rows[i] = []string{o.Name, pw, state}
	}
	c.table.setRows(rows)
	c.lockMin.SetText(strconv.Itoa(st.LockMinutes(ctx)))
	c.lockMsg.Hide()
	switch {
	case st.BackupPassphraseSet(ctx):
		c.phrase.SetText("已设置：设置密码后，自动备份用它加密（.db.age）")
	case st.PasswordRequired():
		c.phrase.SetText("未设置：已设置登录密码，设置备份口令前不进行自动备份")
	default:
		c.phrase.SetText("未设置（设置登录密码后，自动备份须用它加密）")
	}
	c.refreshButtons()
}

func (c *operatorsCard) selected() (data.Operator, bool) {
	i := c.table.selected
	if i < 0 || i >= len(c.ops) {
		return data.Operator{}, false
	}
	return c.ops[i], true
}

func (c *operatorsCard) refreshButtons() {
	o, ok := c.selected()
	for _, b := range []*widget.Button{c.rename, c.password, c.clear, c.active} {
		if ok {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if ok && !o.HasPassword {
		c.clear.Disable()
	}
	c.active.SetText("停用")
	if ok && !o.Active {
		c.active.SetText("启用")
	}
	if c.sh.store.PasswordRequired() {
		c.lockNowBt.Enable()
	} else {
		c.lockNowBt.Disable()
	}
}

// done reloads after a change, or shows its refusal.
func (c *operatorsCard) done(what string) func(error) {
	return func(err error) {
		if err != nil {
			c.sh.showError(err)
			return
		}
		c.load()
		c.sh.refreshOperator()
		c.sh.notify(what)
	}
}

// passwordItems are a password and its repetition; check compares them.
func passwordItems(label string) ([]*widget.FormItem, func() (string, error)) {
	p1, p2 := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	items := []*widget.FormItem{widget.NewFormItem(label, p1), widget.NewFormItem("再输入一次", p2)}
	return items, func() (string, error) {
		if p1.Text != p2.Text {
			return "", errors.New("两次输入的不一致，没有保存")
		}
		return p1.Text, nil
	}
}

func (c *operatorsCard) add() {
	name := widget.NewEntry()
	name.SetPlaceHolder("姓名")
	items, pw := passwordItems("密码（可不设）")
	items = append([]*widget.FormItem{widget.NewFormItem("姓名", name)}, items...)
	d := dialog.NewForm("添加操作员", "添加", "取消", items, func(ok bool) {
		if !ok {
			return
		}
		p, err := pw()
		if err != nil {
			c.sh.showError(err)
			return
		}
		c.sh.guarded(func() error {
			_, err := c.sh.store.AddOperator(c.sh.ctx, name.Text, p)
			return err
		}, c.done("已添加操作员"))
	}, c.sh.win)
	d.Resize(fyne.NewSize(420, 240))
	d.Show()
}

func (c *operatorsCard) doRename() {
	o, ok := c.selected()
	if !ok {
		return
	}
	name := widget.NewEntry()
	name.SetText(o.Name)
	d := dialog.NewForm("操作员改名", "保存", "取消", []*widget.FormItem{widget.NewFormItem("新姓名", name)}, func(ok bool) {
		if ok {
			c.sh.guarded(func() error { return c.sh.store.RenameOperator(c.sh.ctx, o.ID, name.Text) }, c.done("操作员已改名"))
		}
	}, c.sh.win)
	d.Resize(fyne.NewSize(400, 150))
	d.Show()
}

func (c *operatorsCard) setPassword() {
	o, ok := c.selected()
	if !ok {
		return
	}
	items, pw := passwordItems(fmt.Sprintf("新密码（至少 %d 位）", data.MinPasswordLen))
	d := dialog.NewForm("设置“"+o.Name+"”的密码", "保存", "取消", items, func(ok bool) {
		if !ok {
			return
		}
		p, err := pw()
		if err == nil && p == "" {
			err = errors.New("密码不能为空；要取消密码请用“清除密码”")
		}
		if err != nil {
			c.sh.showError(err)
			return
		}
		c.sh.guarded(func() error { return c.sh.store.SetOperatorPassword(c.sh.ctx, o.ID, p) }, c.done("密码已设置"))
	}, c.sh.win)
	d.Resize(fyne.NewSize(420, 200))
	d.Show()
}

func (c *operatorsCard) clearPassword() {
	o, ok := c.selected()
	if !ok {
		return
	}
	dialog.ShowConfirm("清除密码", "清除“"+o.Name+"”的密码吗？所有操作员都没有密码时，启动不再要求登录。", func(ok bool) {
		if ok {
			c.sh.guarded(func() error { return c.sh.store.SetOperatorPassword(c.sh.ctx, o.ID, "") }, c.done("密码已清除"))
		}
	}, c.sh.win)
}

func (c *operatorsCard) toggleActive() {
	o, ok := c.selected()
	if !ok {
		return
	}
	if !o.Active {
		c.sh.guarded(func() error { return c.sh.store.ReactivateOperator(c.sh.ctx, o.ID) }, c.done("操作员已启用"))
		return
	}
	dialog.ShowConfirm("停用操作员", "停用“"+o.Name+"”吗？停用后不能再登录；其操作记录保留，可随时重新启用。", func(ok bool) {
		if ok {
			c.sh.guarded(func() error { return c.sh.store.DeactivateOperator(c.sh.ctx, o.ID) }, c.done("操作员已停用"))
		}
	}, c.sh.win)
}

func (c *operatorsCard) saveLock() {
	n, err := strconv.Atoi(strings.TrimSpace(c.lockMin.Text))
	if err == nil {
		err = c.sh.store.SetLockMinutes(c.sh.ctx, n)
	} else {
		err = errors.New("请填写 0 至 240 之间的整数")
	}
	if err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) && len(ve.Errors) > 0 {
			err = errors.New(ve.Errors[0].Msg)
		}
		c.lockMsg.SetText(err.Error())
		c.lockMsg.Show()
		return
	}
	c.sh.lockMinutes = -1
	c.load()
	c.sh.notify("自动锁定时间已保存")
}

func (c *operatorsCard) setPhrase() {
	items, pw := passwordItems(fmt.Sprintf("备份口令（至少 %d 位，留空为清除）", data.MinPassphraseLen))
	note := widget.NewLabel("备份口令用于加密自动备份；恢复加密备份时须输入它，请另行妥善保管，遗失后无法恢复这些备份。")
	note.Wrapping = fyne.TextWrapWord
	items = append(items, widget.NewFormItem("", note))
	d := dialog.NewForm("设置备份口令", "保存", "取消", items, func(ok bool) {
		if !ok {
			return
		}
		p, err := pw()
		if err != nil {
			c.sh.showError(err)
			return
		}
		c.sh.guarded(func() error { return c.sh.store.SetBackupPassphrase(c.sh.ctx, p) }, c.done("备份口令已保存"))
	}, c.sh.win)
	d.Resize(fyne.NewSize(520, 260))
	d.Show()
}

// askPassphrase asks for the passphrase of an encrypted copy (twice); an
// empty one means no encryption. then runs only when the user goes on.
func (sh *Shell) askPassphrase(title, ok, note string, then func(pass string)) {
	items, pw := passwordItems(fmt.Sprintf("口令（至少 %d 位）", data.MinPassphraseLen))
	l := widget.NewLabel(note)
	l.Wrapping = fyne.TextWrapWord
	items = append(items, widget.NewFormItem("", l))
	d := dialog.NewForm(title, ok, "取消", items, func(confirmed bool) {
		if !confirmed {
			return
		}
		p, err := pw()
		if err == nil && p != "" {
			err = data.CheckPassphrase(p)
		}
		if err != nil {
			sh.showError(err)
			return
		}
		then(p)
	}, sh.win)
	d.Resize(fyne.NewSize(520, 280))
	d.Show()
}

// dropPlaceholder removes the empty file a save dialog created at path
// when the job wrote somewhere else (path + ".age").
func dropPlaceholder(path, written string) {
	if written == path {
		return
	}
	if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
		os.Remove(path)
	}
}
