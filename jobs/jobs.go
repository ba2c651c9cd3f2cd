// Package jobs holds each printed form, export and import once: the
// records fetched, the options filled, the file written. The workbench
// (package ui) and the command line (cmd/dangjian-cli) both call these
// functions, so a 花名册 printed from either is the same document; they
// differ only in how they ask for the options and how they show progress
// (a progress bar in a dialog; a line on stderr).
//
// Every job takes the store, its options and a Progress, which may be
// nil. Jobs know nothing of Fyne.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"dangjian/data"
	"dangjian/report"
)

// Progress is told how far a job is: done of total steps, and what it is
// doing now, in Chinese. It is called from the job's goroutine.
type Progress func(done, total int, what string)

func (p Progress) step(done, total int, what string) {
	if p != nil {
		p(done, total, what)
	}
}

// fraction adapts p to the importers' data.Progress (a fraction of 1),
// reported as thousandths.
func (p Progress) fraction(what string) data.Progress {
	if p == nil {
		return nil
	}
	return func(f float64) { p(int(f*1000), 1000, what) }
}

// Options are what most jobs take; each job says which it uses.
type Options struct {
	Out      string    // the file to write
	AsOf     data.Date // 截至日期 of the document; zero means the store's today
	Year     int       // the year of a yearly document
	BranchID int64     // one branch; 0 means every branch (where the job allows it)
	// Passphrase, when not "", encrypts the file (age, scrypt) and adds
	// ".age" to Out; jobs with personal data (member exports) honour it.
	Passphrase string
}

func (o Options) asOf(s *data.Store) data.Date {
	if o.AsOf.IsZero() {
		return s.Today()
	}
	return o.AsOf
}

// Done is what a job did: the file it wrote, how many records it holds,
// and a sentence saying so for the status line or the terminal.
type Done struct {
	Path    string
	Count   int
	Message string
}

// write renders into o.Out atomically, after the steps before it.
func write(o Options, p Progress, step, total int, render func(w io.Writer) error) error {
	if o.Out == "" {
		return errors.New("没有指定输出文件")
	}
	p.step(step, total, "正在生成文件")
	if o.Passphrase != "" {
		plain := render
		render = func(w io.Writer) error {
			ew, err := data.EncryptWriter(w, o.Passphrase)
			if err != nil {
				return err
			}
			if err := plain(ew); err != nil {
				return err
			}
			return ew.Close()
		}
	}
	if err := report.WriteFileAtomic(o.Out, render); err != nil {
		return fmt.Errorf("生成文件失败：%w", err)
	}
	p.step(total, total, "完成")
	return nil
}

// writeRecord is write for a printed record: every page's footer carries
// the 操作日志's 校验码 as it stands (report.Sealed), and the store
// remembers that this head left the file, so audit verify can later tell
// whether the log still holds it.
func writeRecord(ctx context.Context, s *data.Store, o Options, p Progress, step, total int, render func(w io.Writer) error) error {
	head, err := s.AuditHead(ctx)
	if err != nil {
		return err
	}
	err = write(o, p, step, total, func(w io.Writer) error { return render(report.Sealed(w, head.Code())) })
	if err != nil {
		return err
	}
	// Best effort: the code is on the paper whether or not this copy can
	// note it (a read-only database cannot).
	s.RecordAnchor(ctx, head, "打印的“"+filepath.Base(o.Out)+"”")
	return nil
}

// OrgName is the general branch's full name for headers and covers: the
// 党总支 root, else the first root.
func OrgName(ctx context.Context, s *data.Store) (string, error) {
	roots, err := s.OrgTree(ctx)
	if err != nil {
		return "", err
	}
	for _, r := range roots {
		if r.Unit.Level == data.LevelGeneral {
			return r.Unit.FullName, nil
		}
	}
	if len(roots) > 0 {
		return roots[0].Unit.FullName, nil
	}
	return "", nil
}

// unitNames names units for printing: branches by their short name,
// groups with their branch's name before theirs (第一车队第一党小组), since
// every branch has a 第一党小组.
func unitNames(ctx context.Context, s *data.Store, qualifyGroups bool) (func(int64) string, error) {
	names, err := s.UnitNames(ctx)
	if err != nil {
		return nil, err
	}
	if qualifyGroups {
		units, err := s.OrgUnits(ctx)
		if err != nil {
			return nil, err
		}
		for _, u := range units {
			if u.Level == data.LevelGroup {
				names[u.ID] = names[u.ParentID] + u.Name()
			}
		}
	}
	return func(id int64) string { return names[id] }, nil
}

// FindBranch finds a branch by the name people write (data.FindUnit). A
// group is refused with the name of its branch: meetings, checklists and
// books are per branch. A general branch is returned as such; the caller
// decides what it means.
func FindBranch(ctx context.Context, s *data.Store, name string) (data.OrgUnit, error) {
	units, err := s.OrgUnits(ctx)
	if err != nil {
		return data.OrgUnit{}, err
	}
	u, err := data.FindUnit(units, name)
	if err != nil {
		return u, err
	}
	if u.Level == data.LevelGroup {
		for _, p := range units {
			if p.ID == u.ParentID {
				return u, fmt.Errorf("“%s”是党小组，请写它所在的党支部“%s”", name, p.Name())
			}
		}
		return u, fmt.Errorf("“%s”是党小组，请写党支部的名称", name)
	}
	return u, nil
}
