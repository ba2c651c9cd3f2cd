package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"

	"dangjian/data"
	"dangjian/data/roster"
	"dangjian/report"
)

// Format is how members are exported.
type Format string

const (
	FormatXLSX      Format = "xlsx"       // an Excel list, formula-safe, that imports back
	FormatRosterPDF Format = "roster-pdf" // the landscape 花名册 (历史党员名册 for history)
	FormatFormsPDF  Format = "forms-pdf"  // one 党员基本信息登记表 page per member
)

// ParseFormat reads the CLI spelling of a format.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case FormatXLSX, FormatRosterPDF, FormatFormsPDF:
		return f, nil
	}
	return "", errors.New("格式应为 xlsx、roster-pdf 或 forms-pdf")
}

// MembersOptions say which members to export and how.
type MembersOptions struct {
	Options        // Out, AsOf, BranchID (0: every branch); Year is not used
	Format  Format // FormatXLSX when empty
	Roster  data.Roster
	// Members, when not nil, are exported in this order instead of those
	// the store lists for BranchID and Roster (the workbench exports its
	// list as filtered and sorted); BranchID and Roster still name it.
	Members []data.Member
	// IDs, when not nil (and Members is), are the members to export in this
	// order, read by the job: a screen passes the ids it lists and the
	// full records are read under the job's progress, not before it.
	IDs []int64
	// Columns of the Excel list; nil means roster.DefaultColumns.
	Columns []roster.Column
	// Events puts each member's history (转入/转出, 奖惩 …) on the forms.
	Events bool
}

// ExportMembers writes members as an Excel list, a 花名册 PDF or a
// 登记表 per member.
func ExportMembers(ctx context.Context, s *data.Store, o MembersOptions, p Progress) (Done, error) {
	const total = 3
	p.step(0, total, "读取党员档案")
	if o.Format == "" {
		o.Format = FormatXLSX
	}
	if _, err := ParseFormat(string(o.Format)); err != nil {
		return Done{}, err
	}
	ms := o.Members
	if ms == nil {
		var err error
		if o.IDs != nil {
			ms, err = s.MembersByID(ctx, o.IDs)
		} else {
			ms, err = s.Members(ctx, data.MemberFilter{Roster: o.Roster, BranchID: o.BranchID})
		}
		if err != nil {
			return Done{}, err
		}
	}
	if len(ms) == 0 {
		return Done{}, errors.New("没有符合条件的党员，没有可导出的内容")
	}
	roots, err := s.OrgTree(ctx)
	if err != nil {
		return Done{}, err
	}
	org, err := OrgName(ctx, s)
	if err != nil {
		return Done{}, err
	}
	var order []int64
	title := "党员花名册"
	history := o.Roster == data.RosterHistory
	if history {
		title = "历史党员名册"
	}
	for _, r := range roots {
		for _, b := range r.Children {
			order = append(order, b.Unit.ID)
			if b.Unit.ID == o.BranchID {
				title = b.Unit.Name() + title
			}
		}
	}
	unitName, err := unitNames(ctx, s, false)
	if err != nil {
		return Done{}, err
	}
	asOf := o.asOf(s)
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	p.step(1, total, "整理档案")
	var render func(w io.Writer) error
	switch o.Format {
	case FormatXLSX:
		cols := o.Columns
		if cols == nil {
			cols = roster.DefaultColumns()
		}
		render = func(w io.Writer) error { return roster.ExportMembers(w, cols, ms, unitName, asOf) }
	case FormatRosterPDF:
		opts := report.RosterOptions{AsOf: asOf, Title: title, Org: org, UnitName: unitName, Branches: order, History: history}
		if history {
			if opts.Events, err = s.EventsOf(ctx, ids); err != nil {
				return Done{}, err
			}
		}
		render = func(w io.Writer) error { return report.Roster(w, ms, opts) }
	case FormatFormsPDF:
		// Photos are read chunk by chunk as the forms are printed: a whole
		// committee's photos would not fit in memory.
		loadPhotos := func(ids []int64) (map[int64][]byte, error) { return s.MemberPhotos(ctx, ids) }
		opts := report.MemberFormOptions{AsOf: asOf, Org: org, UnitName: unitName, LoadPhotos: loadPhotos}
		if o.Events {
			if opts.Events, err = s.EventsOf(ctx, ids); err != nil {
				return Done{}, err
			}
		}
		render = func(w io.Writer) error { return report.MemberForms(w, ms, opts) }
	}
	if o.Passphrase != "" {
		if err := data.CheckPassphrase(o.Passphrase); err != nil {
			return Done{}, err
		}
		o.Out = data.EncryptedName(o.Out)
	}
	put := writeRecord // a printed record carries the log's 校验码
	if o.Format == FormatXLSX {
		put = func(_ context.Context, _ *data.Store, o Options, p Progress, step, total int, render func(io.Writer) error) error {
			return write(o, p, step, total, render)
		}
	}
	if err := put(ctx, s, o.Options, p, 2, total, render); err != nil {
		return Done{}, err
	}
	msg := fmt.Sprintf("已导出 %d 名党员：%s", len(ms), o.Out)
	if o.Passphrase != "" {
		msg += "（已加密，凭口令打开）"
	}
	return Done{Path: o.Out, Count: len(ms), Message: msg}, nil
}
