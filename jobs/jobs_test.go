package jobs

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/data"
	"dangjian/data/demo"
	"dangjian/data/sheet"

	"github.com/xuri/excelize/v2"
)

func demoStore(t *testing.T) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "jobs.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := demo.Load(context.Background(), s, demo.Options{Members: 50, Seed: 9}); err != nil {
		t.Fatal(err)
	}
	return s
}

// steps records what a job reports.
type steps struct {
	n          int
	last, tot  int
	whats      []string
	backwards  bool
	overshoots bool
}

func (st *steps) progress() Progress {
	return func(done, total int, what string) {
		if st.n > 0 && float64(done)/float64(total) < float64(st.last)/float64(st.tot) {
			st.backwards = true
		}
		if done > total {
			st.overshoots = true
		}
		st.n++
		st.last, st.tot = done, total
		st.whats = append(st.whats, what)
	}
}

func TestJobsWriteTheirFilesAndReportProgress(t *testing.T) {
	s := demoStore(t)
	ctx := context.Background()
	dir := t.TempDir()
	year := s.Today().Y
	roots, _ := s.OrgTree(ctx)
	branch := roots[0].Children[0].Unit
	out := func(name string) Options { return Options{Out: filepath.Join(dir, name), Year: year} }
	cases := []struct {
		name string
		run  func(Progress) (Done, error)
	}{
		{"org.pdf", func(p Progress) (Done, error) { return PrintOrgChart(ctx, s, out("org.pdf"), p) }},
		{"members.xlsx", func(p Progress) (Done, error) {
			return ExportMembers(ctx, s, MembersOptions{Options: out("members.xlsx")}, p)
		}},
		{"roster.pdf", func(p Progress) (Done, error) {
			return ExportMembers(ctx, s, MembersOptions{Options: out("roster.pdf"), Format: FormatRosterPDF}, p)
		}},
		{"forms.pdf", func(p Progress) (Done, error) {
			o := out("forms.pdf")
			o.BranchID = branch.ID
			return ExportMembers(ctx, s, MembersOptions{Options: o, Format: FormatFormsPDF, Events: true}, p)
		}},
		{"compliance.pdf", func(p Progress) (Done, error) { return PrintCompliance(ctx, s, out("compliance.pdf"), p) }},
		{"checklist.pdf", func(p Progress) (Done, error) { return PrintChecklist(ctx, s, out("checklist.pdf"), true, p) }},
		{"tasks.pdf", func(p Progress) (Done, error) { return PrintTasks(ctx, s, out("tasks.pdf"), p) }},
	}
	for _, c := range cases {
		var st steps
		d, err := c.run(st.progress())
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		fi, err := os.Stat(d.Path)
		if err != nil || fi.Size() < 1000 || d.Path != filepath.Join(dir, c.name) {
			t.Errorf("%s: wrote %q (%v)", c.name, d.Path, err)
		}
		if d.Count == 0 || !strings.Contains(d.Message, d.Path) {
			t.Errorf("%s: done %+v", c.name, d)
		}
		if st.n < 2 || st.last != st.tot || st.backwards || st.overshoots {
			t.Errorf("%s: progress %d calls, last %d/%d, backwards %v, overshoots %v: %q", c.name, st.n, st.last, st.tot, st.backwards, st.overshoots, st.whats)
		}
		// A nil Progress is allowed.
		if _, err := c.run(nil); err != nil {
			t.Errorf("%s without progress: %v", c.name, err)
		}
	}
}

func TestJobsRefuseWhatTheyCannotPrint(t *testing.T) {
	s := demoStore(t)
	ctx := context.Background()
	dir := t.TempDir()
	roots, _ := s.OrgTree(ctx)
	branch := roots[0].Children[0]
	var group data.OrgUnit
	for _, g := range branch.Children {
		group = g.Unit
	}
	empty, err := data.Open(filepath.Join(dir, "empty.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	o := Options{Out: filepath.Join(dir, "x.pdf")}
	for _, c := range []struct {
		what string
		err  error
		want string
	}{
		{"org chart of nothing", second(PrintOrgChart(ctx, empty, o, nil)), "尚未建立组织"},
		{"no output", second(PrintOrgChart(ctx, s, Options{}, nil)), "没有指定输出文件"},
		{"bad format", second(ExportMembers(ctx, s, MembersOptions{Options: o, Format: "doc"}, nil)), "格式应为"},
		{"no members", second(ExportMembers(ctx, empty, MembersOptions{Options: o}, nil)), "没有符合条件的党员"},
		{"minutes of a group", second(PrintMinutesBook(ctx, s, Options{Out: o.Out, BranchID: group.ID, Year: 2025}, nil)), "按党支部、年度打印"},
		{"minutes of a year without meetings", second(PrintMinutesBook(ctx, s, Options{Out: o.Out, BranchID: branch.Unit.ID, Year: 2001}, nil)), "2001 年没有会议记录"},
		{"no such meeting", second(PrintMeeting(ctx, s, 99999, o, nil)), "没有编号为 99999 的会议记录"},
		{"tasks of a year without", second(PrintTasks(ctx, s, Options{Out: o.Out, Year: 2001}, nil)), "2001 年度没有督办任务"},
		{"a group as branch", second(FindBranch(ctx, s, group.FullName)), "是党小组，请写它所在的党支部"},
		{"unknown branch", second(FindBranch(ctx, s, "火星支部")), "没有名为"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.what, c.err, c.want)
		}
	}
	if _, err := os.Stat(o.Out); !os.IsNotExist(err) {
		t.Errorf("a refused job left a file: %v", err)
	}
}

func second[T any](_ T, err error) error { return err }

// An exported list imports back into an empty database in two steps (as
// the workbench runs it) and reads back as unchanged in one (as the CLI).
func TestMembersExportImportRoundTrip(t *testing.T) {
	s := demoStore(t)
	ctx := context.Background()
	dir := t.TempDir()
	d, err := ExportMembers(ctx, s, MembersOptions{Options: Options{Out: filepath.Join(dir, "m.xlsx")}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	empty, err := data.Open(filepath.Join(dir, "empty.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	var st steps
	sh, plan, err := PreviewMembers(ctx, empty, d.Path, st.progress())
	if err != nil || len(plan.Adds) != d.Count || len(plan.Rejected) != 0 {
		t.Fatalf("preview: %v adds %d of %d, rejected %v", err, len(plan.Adds), d.Count, plan.Rejected)
	}
	if st.last != st.tot || st.backwards {
		t.Errorf("preview progress %d/%d %q", st.last, st.tot, st.whats)
	}
	res, err := ApplyMembers(ctx, empty, sh, sheet.ValidOnly, nil)
	if err != nil || res.Imported != d.Count {
		t.Fatalf("apply: %v %+v", err, res)
	}
	res, err = ImportMembers(ctx, empty, d.Path, sheet.AllOrNothing, nil)
	if err != nil || res.Unchanged != d.Count || res.Imported != 0 {
		t.Fatalf("import again: %v %+v", err, res)
	}
	if _, err := ImportMembers(ctx, empty, filepath.Join(dir, "none.xlsx"), sheet.ValidOnly, nil); err == nil || !strings.Contains(err.Error(), "找不到文件") {
		t.Errorf("missing file: %v", err)
	}
}

// A screen passes the ids it lists, in its order; the job reads the
// dossiers and exports exactly those, in that order (an empty list is
// refused as "no members", not widened to every member).
func TestExportMembersByIDsKeepsTheListOrder(t *testing.T) {
	s := demoStore(t)
	ctx := context.Background()
	ms, err := s.Members(ctx, data.MemberFilter{})
	if err != nil || len(ms) < 5 {
		t.Fatalf("%v, %d members", err, len(ms))
	}
	pick := []data.Member{ms[4], ms[0], ms[2]}
	ids := []int64{pick[0].ID, pick[1].ID, pick[2].ID}
	out := filepath.Join(t.TempDir(), "picked.xlsx")
	d, err := ExportMembers(ctx, s, MembersOptions{Options: Options{Out: out}, IDs: ids}, nil)
	if err != nil || d.Count != len(ids) {
		t.Fatalf("export: %v, %+v", err, d)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range rows {
		for _, c := range r {
			for _, m := range pick {
				if c == m.Name {
					names = append(names, c)
				}
			}
		}
	}
	if want := []string{pick[0].Name, pick[1].Name, pick[2].Name}; strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("exported %v, want %v", names, want)
	}
	if _, err := ExportMembers(ctx, s, MembersOptions{Options: Options{Out: out + "2"}, IDs: []int64{}}, nil); err == nil || !strings.Contains(err.Error(), "没有符合条件的党员") {
		t.Errorf("no ids: %v", err)
	}
}
