package roster

import (
	"context"
	"errors"
	"fmt"

	"dangjian/data"
)

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
	// The records are read just before the transaction, not inside it:
	// the store's read pool cannot be used from within a write without
	// risking a deadlock against Restore or Close waiting for the pools,
	// and the transaction offers no listing. What the plan relies on is
	// then checked inside the transaction (see below), and the store
	// refuses a write into a unit that vanished, so the whole import
	// rolls back rather than land on stale ground.
	units, err := s.OrgUnits(ctx)
	if err != nil {
		return res, err
	}
	// Who imports: a branch copy writes its own branch's members only;
	// rows of other branches are refused one by one (data checks it).
	role := s.Role(ctx)
	ms, err := s.Members(ctx, data.MemberFilter{Roster: data.RosterAll})
	if err != nil {
		return res, err
	}
	names, byID := byName(ms), byIDNumber(ms)
	ms = nil
	if testHookBeforeWrite != nil {
		testHookBeforeWrite()
	}
	var out Result
	err = s.Write(ctx, func(tx *data.Tx) error {
		out = res
		w := world{today: tx.Today(), units: units, names: names, lookup: mapLookup(byID)}
		p, err := plan(ctx, sh, w, func(f float64) { report(0.05 * f) })
		if err != nil {
			return err
		}
		// Each update must merge into the record as stored now. Should
		// one have changed since it was read, the plan is made again
		// with every record read through the transaction. An ID number
		// added meanwhile by someone else needs no check: the unique
		// index refuses the insert and the row is rejected. (Lookups are
		// not made through the transaction in the first place because
		// each costs a scan of the members table, see write.)
		stale, err := staleUpdates(tx, p)
		if err != nil {
			return err
		}
		if stale {
			w.lookup = txLookup(tx)
			if p, err = plan(ctx, sh, w, nil); err != nil {
				return err
			}
		}
		report(0.1)
		return write(ctx, tx, role, p, mode, &out, func(f float64) { report(0.1 + 0.9*f) })
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

// testHookBeforeWrite lets a test change the records between the read
// and the transaction.
var testHookBeforeWrite func()

func byIDNumber(ms []data.Member) map[string]data.Member {
	out := make(map[string]data.Member, len(ms))
	for _, m := range ms {
		if m.IDNumber != "" {
			out[m.IDNumber] = m
		}
	}
	return out
}

func mapLookup(byID map[string]data.Member) func(string) (data.Member, bool, error) {
	return func(id string) (data.Member, bool, error) {
		m, ok := byID[id]
		return m, ok, nil
	}
}

func txLookup(tx *data.Tx) func(string) (data.Member, bool, error) {
	return func(id string) (data.Member, bool, error) {
		m, err := tx.MemberByIDNumber(id)
		if errors.Is(err, data.ErrNotFound) {
			return data.Member{}, false, nil
		}
		return m, err == nil, err
	}
}

// staleUpdates reports whether a record the plan updates differs from
// what the transaction sees.
func staleUpdates(tx *data.Tx, p *Plan) (bool, error) {
	for _, u := range p.Updates {
		cur, err := tx.MemberByIDNumber(u.Before.IDNumber)
		if errors.Is(err, data.ErrNotFound) {
			return true, nil
		}
		if err != nil {
			return false, err
		}
		if cur != u.Before {
			return true, nil
		}
	}
	return false, nil
}

// write stores a plan in the open transaction.
func write(ctx context.Context, tx *data.Tx, role data.Role, p *Plan, mode Mode, out *Result, progress data.Progress) error {
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
		u, err := tx.SaveUnit(role, data.OrgUnit{Level: data.LevelGeneral, Kind: "党总支", FullName: GeneralName})
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
		u, err := tx.SaveUnit(role, u)
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
	// Every add and update has passed the dossier rules in the plan, and
	// the updates were checked against the stored records in this
	// transaction. tx.SaveMember checks again, which costs a scan of the
	// whole members table per row (its ID-number query cannot use the
	// partial unique index), so 10,000 adds would take many seconds. Adds
	// therefore go through tx.SaveMember only for the first person of
	// each branch/group pair — proving those units still exist and fit
	// together — and through tx.InsertMember after that; the unique index
	// still guards the ID numbers. Updates have no other path.
	checked := map[[2]int64]bool{}
	save := func(row int, m data.Member, warns []Issue, isNew bool) (bool, error) {
		m.BranchID, m.GroupID = real(m.BranchID), real(m.GroupID)
		var err error
		pair := [2]int64{m.BranchID, m.GroupID}
		if isNew && checked[pair] {
			_, err = tx.InsertMember(role, m)
		} else if _, _, err = tx.SaveMember(role, m); err == nil {
			checked[pair] = true
		}
		var ve *data.ValidationError
		var fe *data.ForbiddenError
		if errors.As(err, &fe) {
			ve = &data.ValidationError{Errors: []data.FieldIssue{{Field: "branch_id", Msg: fe.Error()}}}
			err = ve
		}
		if errors.As(err, &ve) {
			// The store refused what the plan let through: a record
			// changed after it was read (an ID number taken meanwhile,
			// a unit deleted). The row is refused on its own; a failed
			// statement leaves the rest of the transaction intact.
			if mode == AllOrNothing {
				out.Rejected = append(out.Rejected, Issue{Row: row, Reason: ve.Error()})
				return false, ErrRejected
			}
			out.Rejected = append(out.Rejected, Issue{Row: row, Reason: ve.Error()})
			return false, nil
		}
		if err != nil && data.IsFileError(err) {
			return false, err // the file's problem, not the row's
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
