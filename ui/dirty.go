package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// dirtyEditor is an editor that may hold changes not yet in the store.
// Before the user leaves one (another row, another module, a new record,
// closing the window) the shell asks 保存 / 不保存 / 取消.
type dirtyEditor interface {
	// Dirty reports whether the inputs differ from what was loaded.
	Dirty() bool
	// Save stores the changes; an error means the save was refused and
	// the editor shows why, with everything typed kept.
	Save() error
	// Discard forgets the changes (the caller then leaves the editor).
	Discard()
}

// editorHolder is a screen whose open editor, if any, may hold changes.
type editorHolder interface {
	activeEditor() dirtyEditor
}

// errNotSaved is returned by Save when the editor already shows why.
var errNotSaved = errors.New("未保存")

// modalEditors are the form dialogs open on each window, newest last: a
// modal dialog is what the user is editing while it is up.
var modalEditors = map[fyne.Window][]dirtyEditor{}

func pushModal(w fyne.Window, e dirtyEditor) { modalEditors[w] = append(modalEditors[w], e) }

func popModal(w fyne.Window, e dirtyEditor) {
	list := modalEditors[w]
	for i := len(list) - 1; i >= 0; i-- {
		if list[i] == e {
			list = append(list[:i], list[i+1:]...)
			break
		}
	}
	if len(list) == 0 {
		delete(modalEditors, w)
	} else {
		modalEditors[w] = list
	}
}

// dirtyEditorNow is the editor holding unsaved changes, innermost first:
// an open form dialog, then the current screen's editor; nil when none.
func (sh *Shell) dirtyEditorNow() dirtyEditor {
	list := modalEditors[sh.win]
	for i := len(list) - 1; i >= 0; i-- {
		if list[i].Dirty() {
			return list[i]
		}
	}
	if h, ok := sh.current.(editorHolder); ok {
		if e := h.activeEditor(); e != nil && e.Dirty() {
			return e
		}
	}
	return nil
}

// guard runs proceed once no editor holds unsaved changes, asking the user
// about each one that does. 保存 saves (a refused save stays in the
// editor), 不保存 discards, 取消 stays; stay (may be nil) then puts back
// what the user clicked, such as the list selection.
func (sh *Shell) guard(proceed, stay func()) {
	if stay == nil {
		stay = func() {}
	}
	if sh.asking != nil {
		// A question is already on screen: this click does not count.
		stay()
		return
	}
	// Screens that keep drafts (the minutes) save them quietly first;
	// only what could not be saved is asked about.
	sh.flush()
	ed := sh.dirtyEditorNow()
	if ed == nil {
		sh.clearUnsavedNote()
		proceed()
		return
	}
	sh.asking = askUnsaved(sh.win, func(c unsavedChoice) {
		sh.asking = nil
		switch c {
		case choiceSave:
			if err := ed.Save(); err != nil {
				stay()
				return
			}
		case choiceDiscard:
			ed.Discard()
		default:
			stay()
			return
		}
		if ed.Dirty() {
			// Should not happen; never loop asking about the same editor.
			stay()
			return
		}
		sh.guard(proceed, stay)
	})
}

// clearUnsavedNote removes a "未保存" note from the status line once the
// changes it spoke of were saved or discarded.
func (sh *Shell) clearUnsavedNote() {
	if strings.Contains(sh.msgLabel.Text, "未保存") {
		sh.msgLabel.SetText("")
	}
}

// inputState reads what the user can change in objs (entries, selects,
// checks, nested containers, tabs and scrolls) into one string, so an
// editor can tell whether anything changed since it was loaded. Labels,
// buttons and lists are not inputs and are skipped.
func inputState(objs ...fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case nil:
		case *dateEntry:
			fmt.Fprintf(&b, "d%q;", x.Text)
		case *widget.SelectEntry:
			fmt.Fprintf(&b, "e%q;", x.Text)
		case *widget.Entry:
			fmt.Fprintf(&b, "e%q;", x.Text)
		case *widget.Select:
			fmt.Fprintf(&b, "s%q;", x.Selected)
		case *widget.Check:
			fmt.Fprintf(&b, "c%v;", x.Checked)
		case *widget.CheckGroup:
			fmt.Fprintf(&b, "g%q;", x.Selected)
		case *widget.RadioGroup:
			fmt.Fprintf(&b, "r%q;", x.Selected)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(x.Content)
		case *container.Split:
			walk(x.Leading)
			walk(x.Trailing)
		case *container.AppTabs:
			for _, t := range x.Items {
				walk(t.Content)
			}
		case *widget.Card:
			walk(x.Content)
		}
	}
	for _, o := range objs {
		walk(o)
	}
	return b.String()
}

// state is the form's inputs, in order, for change tracking.
func (f *fieldForm) state() string { return inputState(f.rows...) }
