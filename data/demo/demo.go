// Package demo fills an empty database with a realistic, made-up 党总支 of a
// city bus company: branches, groups, committees with their history,
// member dossiers, and the minutes of their 三会一课 and other meetings
// since January of the year before AsOf. It backs `dangjian-cli demo` and
// the GUI's first-start "载入演示数据".
//
// The data are a pure function of (Options.Seed, Options.Members, AsOf):
// everything is drawn from one seeded generator in a fixed order, so a
// screenshot, a bug report or a test can name a seed and get the same people.
package demo

import (
	"context"
	"errors"
	"fmt"

	"dangjian/data"
)

// Options tune Load.
type Options struct {
	Members int       // total members to generate; DefaultMembers when 0
	Seed    uint64    // same seed + same AsOf → identical data
	AsOf    data.Date // "today" for the demo; zero = the transaction's day
}

// Result counts what Load wrote. Units includes the 党总支 itself; Posts
// counts every tenure, current and ended; Meetings the minutes of the
// branches and groups since January of the year before AsOf; Tasks the
// items of AsOf's year on the 督办 list.
//
// Members counts the members on the roster (data.MemberCounts.Active, the
// number the organisation tree shows); History those generated as having
// left (转出, 死亡 …), on the 历史党员 roster.
type Result struct {
	Units, Branches, Groups, Posts, Members, History, Meetings, Tasks int
}

// Limits on Options.Members. Below the minimum the branches cannot each keep
// three 正式党员 and a secretary. The maximum matches what dangjian-cli
// offers; 100,000 members (over 7,000 minutes, 115,000 audit rows) take
// about 15–20 seconds of CPU in one transaction and stay under 1 GB
// (BenchmarkScaleDemo100000).
const (
	DefaultMembers = 300
	MinMembers     = 50
	MaxMembers     = 100000
)

// ErrNotEmpty is returned when the database already holds organisations or
// members: demo data must never mix with real records.
var ErrNotEmpty = errors.New("数据库中已有数据（组织或党员），演示数据只能载入空数据库。" +
	"如需查看演示，请新建一个数据库文件后再载入")

// pcgStream is the second PCG word: fixed so the seed alone picks the data.
const pcgStream = 0x6a6a_6462_6465_6d6f // "jjdbdemo"

// Load writes the demo organisation, members and minutes into s in one
// transaction: either all of it is stored or nothing is.
func Load(ctx context.Context, s *data.Store, opt Options) (Result, error) {
	if opt.Members == 0 {
		opt.Members = DefaultMembers
	}
	if opt.Members < MinMembers || opt.Members > MaxMembers {
		return Result{}, fmt.Errorf("演示党员人数应在 %d 至 %d 之间（现为 %d）", MinMembers, MaxMembers, opt.Members)
	}
	if !opt.AsOf.IsZero() && (!opt.AsOf.Valid() || opt.AsOf.Y < 2000) {
		return Result{}, fmt.Errorf("演示数据的基准日期 %s 无效：应为 2000 年以后的日期", opt.AsOf)
	}
	// Tx cannot count org units, so check through the read API first. The
	// root insert below is the backstop: the store refuses a second 党总支,
	// so a unit added between this check and the write still aborts Load.
	tree, err := s.OrgTree(ctx)
	if err != nil {
		return Result{}, err
	}
	if len(tree) > 0 {
		return Result{}, ErrNotEmpty
	}
	var res Result
	err = s.Write(ctx, func(tx *data.Tx) error {
		n, err := tx.CountMembers()
		if err != nil {
			return err
		}
		if n > 0 {
			return ErrNotEmpty
		}
		asOf := opt.AsOf
		if asOf.IsZero() {
			asOf = tx.Today()
		}
		// The store refuses dates after its own today (founding, tenure
		// start), so a demo "today" in the future cannot be stored.
		if asOf.After(tx.Today()) {
			return fmt.Errorf("演示数据的基准日期 %s 不能晚于今天（%s）", asOf, tx.Today())
		}
		p := build(opt.Seed, opt.Members, asOf)
		if res, err = p.write(tx); err != nil {
			return err
		}
		if _, err = p.writeDevelopment(tx, asOf); err != nil {
			return err
		}
		if err := p.writeDues(tx, asOf); err != nil {
			return err
		}
		return p.writeStudy(tx, opt.Seed, asOf)
	})
	if err != nil {
		return Result{}, err
	}
	counts, err := s.CountMembers(ctx)
	if err != nil {
		return Result{}, err
	}
	res.Members, res.History = counts.Active, counts.History
	return res, nil
}

// write stores the plan: units first (members point at them), then members
// (posts point at them), then posts, ended tenures before current ones so
// that no appointment has to close an earlier one, and last the minutes
// (their attendance points at members), then the year's 督办 list and
// where each branch stands on it.
func (p *plan) write(tx *data.Tx) (Result, error) {
	var res Result
	root, err := tx.SaveUnit(data.RoleOffice, p.root)
	if err != nil {
		return res, fmt.Errorf("保存%s：%w", p.root.FullName, err)
	}
	p.root = root
	res.Units++
	for _, b := range p.branches {
		b.unit.ParentID = root.ID
		if b.unit, err = tx.SaveUnit(data.RoleOffice, b.unit); err != nil {
			return res, fmt.Errorf("保存%s：%w", b.unit.FullName, err)
		}
		res.Units++
		res.Branches++
		for i := range b.groups {
			b.groups[i].ParentID = b.unit.ID
			if b.groups[i], err = tx.SaveUnit(data.RoleOffice, b.groups[i]); err != nil {
				return res, fmt.Errorf("保存%s：%w", b.groups[i].FullName, err)
			}
			res.Units++
			res.Groups++
		}
	}
	for _, pe := range p.people {
		pe.m.BranchID = pe.br.unit.ID
		pe.m.GroupID = pe.br.groups[pe.group].ID
		if pe.m, err = tx.InsertMember(data.RoleOffice, pe.m); err != nil {
			return res, fmt.Errorf("保存党员%s：%w", pe.m.Name, err)
		}
		res.Members++
	}
	for _, ended := range []bool{true, false} {
		for _, po := range p.posts {
			if po.end.IsZero() == ended {
				continue
			}
			_, err := tx.SavePost(data.RoleOffice, data.Post{UnitID: po.u.ID, Title: po.title, Holder: po.holder.m.Name,
				MemberID: po.holder.m.ID, Start: po.start, End: po.end, Note: po.note})
			if err != nil {
				return res, fmt.Errorf("保存%s%s：%w", po.u.Name(), po.title, err)
			}
			res.Posts++
		}
	}
	if res.Meetings, err = p.writeMeetings(tx); err != nil {
		return res, err
	}
	res.Tasks, err = p.writeTasks(tx)
	return res, err
}
