package roster

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"

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
		// Each person to add is written as soon as the row is planned,
		// so a big sheet's plan is never held beside it; the updates are
		// kept and written after the plan, once checked (below).
		out = res
		w := world{today: tx.Today(), units: units, names: names, lookup: mapLookup(byID)}
		wr := &writer{ctx: ctx, tx: tx, role: role, mode: mode, out: &out}
		add, wait := wr.pipeline()
		p, err := planRows(ctx, sh, w, func(f float64) { report(0.9 * f) }, add)
		if werr := wait(); werr != nil && (err == nil || errors.Is(err, errPipeStopped)) {
			err = werr
		}
		if err != nil {
			return err
		}
		// Each update must merge into the record as stored now. Should
		// one have changed since it was read, this transaction is rolled
		// back and the import made again, planned with every record read
		// through the transaction (below). An ID number added meanwhile
		// by someone else needs no check: the unique index refuses the
		// insert and the row is rejected. (Lookups are not made through
		// the transaction in the first place because each costs a scan
		// of the members table, see writer.save.)
		stale, err := staleUpdates(tx, p)
		if err != nil {
			return err
		}
		if stale {
			return errStale
		}
		return wr.finish(p, func(f float64) { report(0.9 + 0.1*f) })
	})
	if errors.Is(err, errStale) {
		err = s.Write(ctx, func(tx *data.Tx) error {
			out = res
			w := world{today: tx.Today(), units: units, names: names, lookup: txLookup(tx)}
			p, err := plan(ctx, sh, w, func(f float64) { report(0.05 * f) })
			if err != nil {
				return err
			}
			report(0.1)
			return write(ctx, tx, role, p, mode, &out, func(f float64) { report(0.1 + 0.9*f) })
		})
	}
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

// errStale: a record an update merges into changed after it was read.
var errStale = errors.New("a record changed after it was read")

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

// write stores a whole plan in the open transaction.
func write(ctx context.Context, tx *data.Tx, role data.Role, p *Plan, mode Mode, out *Result, progress data.Progress) error {
	wr := &writer{ctx: ctx, tx: tx, role: role, mode: mode, out: out}
	for i, a := range p.Adds {
		if wr.failed(p) {
			break
		}
		if err := wr.add(p, a); err != nil {
			return err
		}
		if (i+1)%200 == 0 {
			progress(float64(i+1) / float64(len(p.Adds)+len(p.Updates)))
		}
	}
	return wr.finish(p, func(f float64) {
		n := float64(len(p.Adds) + len(p.Updates))
		progress((float64(len(p.Adds)) + f*float64(len(p.Updates))) / max(n, 1))
	})
}

// writer stores what a plan adds and updates in the open transaction,
// creating the units it needs on first use.
type writer struct {
	ctx  context.Context
	tx   *data.Tx
	role data.Role
	mode Mode
	out  *Result

	ids      map[int]int64 // pending unit → stored ID
	root     int64         // the 党总支 created, when there was none
	created  []int         // pending units created, in order of creation
	rowWarns []Issue       // of the rows stored
	checked  map[[2]int64]bool
	adds     int
	refused  atomic.Bool // the store refused a row in all-or-nothing mode
}

// failed reports whether an all-or-nothing import is to fail already.
func (wr *writer) failed(p *Plan) bool {
	return wr.mode == AllOrNothing && (len(p.Rejected) > 0 || wr.refused.Load())
}

// pendingOf tells the writer a pending unit by its index.
type pendingOf func(i int) pendingUnit

// real is the stored ID of a unit, creating a pending one (and the units
// above it) on first use.
func (wr *writer) real(pend pendingOf, id int64) (int64, error) {
	if id >= 0 {
		return id, nil
	}
	i := int(-id - 1)
	if v, ok := wr.ids[i]; ok {
		return v, nil
	}
	pu := pend(i)
	parent, err := wr.real(pend, pu.parent)
	if err != nil {
		return 0, err
	}
	if pu.level == data.LevelBranch && parent == 0 {
		if wr.root == 0 {
			u, err := wr.tx.SaveUnit(wr.role, data.OrgUnit{Level: data.LevelGeneral, Kind: "党总支", FullName: GeneralName})
			if err != nil {
				return 0, fmt.Errorf("建立党总支：%w", err)
			}
			wr.root, wr.out.CreatedGeneral = u.ID, u.FullName
		}
		parent = wr.root
	}
	u, err := wr.tx.SaveUnit(wr.role, data.OrgUnit{Level: pu.level, FullName: pu.full, ShortName: pu.short, ParentID: parent})
	if err != nil {
		return 0, fmt.Errorf("新建%s“%s”：%w", pu.level.Label(), pu.full, err)
	}
	if wr.ids == nil {
		wr.ids = map[int]int64{}
	}
	wr.ids[i] = u.ID
	wr.created = append(wr.created, i)
	return u.ID, nil
}

// add stores a person to add, unless the import is to fail anyway.
func (wr *writer) add(p *Plan, a Row) error {
	if wr.failed(p) {
		return nil // rolled back in the end: no need to write
	}
	return wr.store(func(i int) pendingUnit { return p.pending[i] }, a, data.NameKeys{})
}

// store writes a person to add; keys are its name's, when computed ahead.
func (wr *writer) store(pend pendingOf, a Row, keys data.NameKeys) error {
	ok, err := wr.save(pend, a.Row, a.Member, a.Warnings, true, keys)
	if ok {
		wr.out.Imported++
	}
	if errors.Is(err, ErrRejected) {
		// The rest is still planned: should a later row be rejected
		// by the plan, the plan's rejections are what is reported, as
		// when nothing is written before the plan is complete.
		wr.refused.Store(true)
		return nil
	}
	if err == nil {
		if wr.adds++; wr.adds%200 == 0 {
			err = wr.ctx.Err()
		}
	}
	return err
}

// errPipeStopped: the writing goroutine stopped on an error of its own.
var errPipeStopped = errors.New("the writer stopped")

// pipeline writes the people to add on a goroutine of its own while the
// rows after them are planned, so that checking the rows and storing them
// use both cores. add is planRows' onAdd; wait, called once the plan is
// done (or failed), returns the writer's error. The planner and the
// writer share nothing but the channel: each person goes with copies of
// the pending units it refers to, and whether an all-or-nothing import
// has failed is decided on the planner's side.
func (wr *writer) pipeline() (add func(*Plan, Row) error, wait func() error) {
	type item struct {
		a     Row
		keys  data.NameKeys  // computed here, off the writing goroutine
		units [3]pendingUnit // by index below; a group's branch too
		idx   [3]int
		n     int
	}
	ch := make(chan item, 256)
	done := make(chan struct{})
	var stop atomic.Bool
	var werr error
	go func() {
		defer close(done)
		defer func() {
			if r := recover(); r != nil {
				werr = fmt.Errorf("写入时出错：%v", r)
				stop.Store(true)
			}
			for range ch {
				// Let the planner finish.
			}
		}()
		for it := range ch {
			pend := func(i int) pendingUnit {
				for k := 0; k < it.n; k++ {
					if it.idx[k] == i {
						return it.units[k]
					}
				}
				panic(fmt.Sprintf("pending unit %d not passed along", i))
			}
			if err := wr.store(pend, it.a, it.keys); err != nil {
				werr = err
				stop.Store(true)
				return
			}
		}
	}()
	add = func(p *Plan, a Row) error {
		if stop.Load() {
			return errPipeStopped
		}
		if wr.failed(p) {
			return nil
		}
		it := item{a: a, keys: data.KeysFor(a.Member.Name)}
		for _, id := range []int64{a.Member.GroupID, a.Member.BranchID} {
			for id < 0 && it.n < len(it.idx) {
				i := int(-id - 1)
				it.idx[it.n], it.units[it.n] = i, p.pending[i]
				it.n++
				id = p.pending[i].parent
			}
		}
		ch <- it
		return nil
	}
	wait = func() error {
		close(ch)
		<-done
		return werr
	}
	return add, wait
}

// finish stores the updates once the plan is complete and fills in the
// result.
func (wr *writer) finish(p *Plan, progress data.Progress) error {
	out := wr.out
	out.Skipped = append(out.Skipped, p.Skipped...)
	out.Unchanged = p.Unchanged
	if wr.mode == AllOrNothing && len(p.Rejected) > 0 {
		out.Rejected = append([]Issue{}, p.Rejected...) // the store's refusals are moot
		out.Warnings = append(out.Warnings, p.Warnings...)
		return ErrRejected
	}
	out.Rejected = append(append([]Issue{}, p.Rejected...), out.Rejected...)
	if wr.refused.Load() {
		return ErrRejected
	}
	for i, u := range p.Updates {
		ok, err := wr.save(func(i int) pendingUnit { return p.pending[i] }, u.Row, u.After, u.Warnings, false, data.NameKeys{})
		if err != nil {
			return err
		}
		if ok {
			out.Updated++
		}
		if (i+1)%200 == 0 {
			progress(float64(i+1) / float64(len(p.Updates)))
			if err := wr.ctx.Err(); err != nil {
				return err
			}
		}
	}
	// Notes on the sheet as a whole sit on its header row, first.
	for _, w := range p.Warnings {
		if w.Row == p.Header {
			out.Warnings = append(out.Warnings, w)
		}
	}
	out.Warnings = append(out.Warnings, wr.rowWarns...)
	// The units created, in the order the plan lists them.
	slices.Sort(wr.created)
	for _, i := range wr.created {
		name := p.pending[i].full
		if p.pending[i].level == data.LevelBranch {
			out.CreatedBranches = append(out.CreatedBranches, name)
		} else {
			out.CreatedGroups = append(out.CreatedGroups, name)
		}
	}
	return wr.ctx.Err()
}

// save stores one person; ok is false when the store refused the row on
// its own.
//
// Every add and update has passed the dossier rules in the plan, and the
// updates were checked against the stored records in this transaction.
// tx.SaveMember checks again, which costs a scan of the whole members
// table per row (its ID-number query cannot use the partial unique
// index), so 10,000 adds would take many seconds. Adds therefore go
// through tx.SaveMember only for the first person of each branch/group
// pair — proving those units still exist and fit together — and through
// tx.InsertMember after that; the unique index still guards the ID
// numbers. Updates have no other path.
func (wr *writer) save(pend pendingOf, row int, m data.Member, warns []Issue, isNew bool, keys data.NameKeys) (bool, error) {
	var err error
	if m.BranchID, err = wr.real(pend, m.BranchID); err != nil {
		return false, err
	}
	if m.GroupID, err = wr.real(pend, m.GroupID); err != nil {
		return false, err
	}
	if wr.checked == nil {
		wr.checked = map[[2]int64]bool{}
	}
	pair := [2]int64{m.BranchID, m.GroupID}
	if isNew && wr.checked[pair] {
		_, err = wr.tx.InsertMemberKeyed(wr.role, m, keys)
	} else if _, _, err = wr.tx.SaveMember(wr.role, m); err == nil {
		wr.checked[pair] = true
	}
	var ve *data.ValidationError
	var fe *data.ForbiddenError
	if errors.As(err, &fe) {
		ve = &data.ValidationError{Errors: []data.FieldIssue{{Field: "branch_id", Msg: fe.Error()}}}
		err = ve
	}
	if errors.As(err, &ve) {
		// The store refused what the plan let through: a record
		// changed after it was read (an ID number taken meanwhile, a
		// unit deleted). The row is refused on its own; a failed
		// statement leaves the rest of the transaction intact.
		wr.out.Rejected = append(wr.out.Rejected, Issue{Row: row, Reason: ve.Error()})
		if wr.mode == AllOrNothing {
			return false, ErrRejected
		}
		return false, nil
	}
	if err != nil && data.IsFileError(err) {
		return false, err // the file's problem, not the row's
	}
	if err != nil {
		return false, fmt.Errorf("第 %d 行：%w", row, err)
	}
	wr.rowWarns = append(wr.rowWarns, warns...)
	return true, nil
}
