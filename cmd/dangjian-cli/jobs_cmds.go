package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"dangjian/jobs"
)

// finish ends a command that ran a job: its message on stdout, or the
// error.
func (e *env) finish(d jobs.Done, err error) int {
	if err != nil {
		return fail(e, err)
	}
	fmt.Fprintln(e.out, d.Message)
	return exitOK
}

// progress shows a job's progress as one line on stderr, rewritten in
// place, when stderr is a terminal; scripts reading stderr get nothing.
func progress(e *env) jobs.Progress {
	if !isTerminal(e.errw) {
		return nil
	}
	return lineProgress(e.errw)
}

// lineProgress writes "[3/5] 正在生成文件" over itself and clears the line
// when the job is done.
func lineProgress(w io.Writer) jobs.Progress {
	last := ""
	return func(done, total int, what string) {
		line := what
		if total > 0 {
			line = fmt.Sprintf("[%3d%%] %s", done*100/total, what)
		}
		if line == last {
			return
		}
		pad := max(0, displayWidth(last)-displayWidth(line))
		if total > 0 && done >= total {
			fmt.Fprint(w, "\r"+strings.Repeat(" ", displayWidth(last))+"\r")
			last = ""
			return
		}
		last = line
		fmt.Fprint(w, "\r"+line+strings.Repeat(" ", pad))
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
