package roster

import (
	"context"
	"errors"
	"fmt"

	"dangjian/data"
)

// Mode says what to do with the valid rows when some rows are rejected.
type Mode int

const (
	ValidOnly    Mode = iota // import the valid rows, list the rejected ones
	AllOrNothing             // import nothing unless every row is valid
)

// ParseMode reads the CLI spelling of a mode.
func ParseMode(s string) (Mode, error) {
	switch s {
	case "valid-only", "":
		return ValidOnly, nil
	case "all-or-nothing":
		return AllOrNothing, nil
	}
	return ValidOnly, fmt.Errorf("导入方式“%s”无效：应为 valid-only（只导入没有问题的行）或 all-or-nothing（全部没有问题才导入）", s)
}

func (m Mode) String() string {
	if m == AllOrNothing {
		return "all-or-nothing"
	}
	return "valid-only"
}

// Result is what Apply wrote. In AllOrNothing mode with rejections it
// carries the rejections and nothing was written.
type Result struct {
	Imported        int      `json:"imported"`
	Updated         int      `json:"updated"`
	Unchanged       int      `json:"unchanged"`
	CreatedGeneral  string   `json:"created_general,omitempty"`
	CreatedBranches []string `json:"created_branches"`
	CreatedGroups   []string `json:"created_groups"`
	Rejected        []Issue  `json:"rejected"`
	Warnings        []Issue  `json:"warnings"`
	Skipped         []Issue  `json:"skipped"`
}

// ErrRejected is returned (wrapped) by Apply in AllOrNothing mode when some
// rows cannot be imported; nothing was written.
var ErrRejected = errors.New("有不能导入的行")

// Apply imports sh. The plan is computed again inside the write
// transaction, against the records as they are at that moment, so nothing
// changed since the preview can slip through; then the missing general
// branch, branches and groups are created and the people added and
// updated — all in that one transaction, so an error, a cancelled ctx or a
// crash leaves the database exactly as it was.
func Apply(ctx context.Context, s *data.Store, sh *Sheet, mode Mode, progress data.Progress) (Result, error) {
	res := Result{CreatedBranches: []string{}, CreatedGroups: []string{}, Rejected: []Issue{}, Warnings: []Issue{}, Skipped: []Issue{}}
	if sh == nil || len(sh.Rows) == 0 {
		return res, errors.New("表格是空的，没有可导入的内容")
	}
	report := func(f float64) {
		if progress != nil {
			progress(f)
		}
	}
	report(0)
	// Units and names are read before the transaction: the store's read
	// pool cannot be used from inside a write without risking a deadlock
	// against a restore waiting for the pools. Members are looked up
	// through the transaction itself; a unit that vanished or appeared in
	// between makes the store refuse the write, and the whole import rolls
	// back.
	units, err := s.OrgUnits(ctx)
	if err != nil {
		return res, err
	}
	ms, err := s.Members(ctx, data.MemberFilter{Roster: data.RosterAll})
	if err != nil {
		return res, err
	}
	names := byName(ms)
	known := make(map[string]bool, len(ms))
	for _, m := range ms {
		if m.IDNumber != "" {
			known[m.IDNumber] = true
		}
	}
	ms = nil
	var out Result
	err = s.Write(ctx, func(tx *data.Tx) error {
		out = res
		w := world{today: tx.Today(), units: units, names: names,
			lookup: func(id string) (data.Member, bool, error) {
				// The record is read in this transaction, so the update
				// merges into what is stored now. An ID number that was
				// unknown a moment ago is taken as new without a query
				// (each costs a table scan, see write): were it added
				// in between, the unique index refuses the insert.
				if !known[id] {
					return data.Member{}, false, nil
				}
				m, err := tx.MemberByIDNumber(id)
				if errors.Is(err, data.ErrNotFound) {
					return m, false, nil
				}
				return m, err == nil, err
			}}
		p, err := plan(ctx, sh, w, func(f float64) { report(0.1 * f) })
		if err != nil {
			return err
		}
		return write(ctx, tx, p, mode, &out, func(f float64) { report(0.1 + 0.9*f) })
	})
	if err != nil {
		if errors.Is(err, ErrRejected) {
			// Only the rejections stand: nothing else happened.
			out.Imported, out.Updated, out.Unchanged = 0, 0, 0
			out.CreatedGeneral, out.CreatedBranches, out.CreatedGroups = "", []string{}, []string{}
			return out, fmt.Errorf("有 %d 行不能导入；按“全部行都没有问题才导入”的方式，未写入任何数据：%w", countRows(out.Rejected), ErrRejected)
		}
		return res, err
	}
	report(1)
	return out, nil
}

// write stores a plan in the open transaction.
func write(ctx context.Context, tx *data.Tx, p *Plan, mode Mode, out *Result, progress data.Progress) error {
	out.Rejected = append(out.Rejected, p.Rejected...)
	out.Skipped = append(out.Skipped, p.Skipped...)
	out.Unchanged = p.Unchanged
	if mode == AllOrNothing && len(p.Rejected) > 0 {
		out.Warnings = append(out.Warnings, p.Warnings...)
		return ErrRejected
	}
	ids := make([]int64, len(p.pending)) // pending unit → stored ID
	real := func(id int64) int64 {
		if id < 0 {
			return ids[-id-1]
		}
		return id
	}
	root := int64(0)
	if p.NewGeneral {
		u, err := tx.SaveUnit(data.OrgUnit{Level: data.LevelGeneral, Kind: "党总支", FullName: GeneralName})
		if err != nil {
			return fmt.Errorf("建立党总支：%w", err)
		}
		root, out.CreatedGeneral = u.ID, u.FullName
	}
	for i, pu := range p.pending {
		if !pu.used {
			continue
		}
		u := data.OrgUnit{Level: pu.level, FullName: pu.full, ShortName: pu.short, ParentID: real(pu.parent)}
		if pu.level == data.LevelBranch && u.ParentID == 0 {
			u.ParentID = root
		}
		u, err := tx.SaveUnit(u)
		if err != nil {
			return fmt.Errorf("新建%s“%s”：%w", pu.level.Label(), pu.full, err)
		}
		ids[i] = u.ID
		if pu.level == data.LevelBranch {
			out.CreatedBranches = append(out.CreatedBranches, u.FullName)
		} else {
			out.CreatedGroups = append(out.CreatedGroups, u.FullName)
		}
	}
	// Notes on the sheet as a whole sit on its header row.
	for _, w := range p.Warnings {
		if w.Row == p.Header {
			out.Warnings = append(out.Warnings, w)
		}
	}
	total := len(p.Adds) + len(p.Updates)
	done := 0
	step := func() error {
		done++
		if done%200 == 0 {
			progress(float64(done) / float64(total))
			return ctx.Err()
		}
		return nil
	}
	// Every add and update was checked by the plan in this transaction
	// with the dossier rules and against the records as they are now.
	// tx.SaveMember checks again, which costs a scan of the whole members
	// table per row (its ID-number lookup cannot use the partial unique
	// index), so importing 10,000 people would take many seconds. Adds
	// therefore go through tx.SaveMember only for the first person of
	// each branch/group pair — proving those units still exist and fit —
	// and through tx.InsertMember after that; the unique index still
	// guards the ID numbers. Updates have no other path.
	checked := map[[2]int64]bool{}
	save := func(row int, m data.Member, warns []Issue, isNew bool) (bool, error) {
		m.BranchID, m.GroupID = real(m.BranchID), real(m.GroupID)
		var err error
		pair := [2]int64{m.BranchID, m.GroupID}
		if isNew && checked[pair] {
			_, err = tx.InsertMember(m)
		} else if _, _, err = tx.SaveMember(m); err == nil {
			checked[pair] = true
		}
		var ve *data.ValidationError
		if errors.As(err, &ve) {
			// The plan checked the same rules in this transaction, so
			// this is unexpected; the row is refused on its own (a
			// failed statement leaves the rest of the transaction intact).
			if mode == AllOrNothing {
				out.Rejected = append(out.Rejected, Issue{Row: row, Reason: ve.Error()})
				return false, ErrRejected
			}
			out.Rejected = append(out.Rejected, Issue{Row: row, Reason: ve.Error()})
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("第 %d 行：%w", row, err)
		}
		out.Warnings = append(out.Warnings, warns...)
		return true, nil
	}
	for _, a := range p.Adds {
		ok, err := save(a.Row, a.Member, a.Warnings, true)
		if err != nil {
			return err
		}
		if ok {
			out.Imported++
		}
		if err := step(); err != nil {
			return err
		}
	}
	for _, u := range p.Updates {
		ok, err := save(u.Row, u.After, u.Warnings, false)
		if err != nil {
			return err
		}
		if ok {
			out.Updated++
		}
		if err := step(); err != nil {
			return err
		}
	}
	return ctx.Err()
}
