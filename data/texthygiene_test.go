package data

import (
	"errors"
	"strings"
	"testing"
)

func TestCleanText(t *testing.T) {
	for _, c := range []struct {
		in        string
		multiline bool
		want      string
		removed   int
	}{
		{"张三", false, "张三", 0},
		{"张\x1b[31m三\x1b[0m", false, "张三", 2},
		{"\x1b]0;标题\a张三", false, "张三", 1},
		{"张\x1b三", false, "张三", 1},
		{"张三\a", false, "张三", 1},
		{"\u202e三张", false, "三张", 1},
		{"张\u200b三", false, "张三", 1},
		{"\ufeff张三\u2066\u2069", false, "张三", 3},
		{"张\u00ad三\u200d", false, "张三", 2},
		{"第一行\r\n第二行\r第三行", true, "第一行\n第二行\n第三行", 0},
		{"第一行\n第二行\t完", false, "第一行 第二行 完", 0},
		{"议程\u2028内容", true, "议程\n内容", 0},
		{"a\x00b\x7fc\u0085d", true, "abcd", 3},
	} {
		got, n := CleanText(c.in, c.multiline)
		if got != c.want || n != c.removed {
			t.Errorf("CleanText(%q, %v) = %q, %d; want %q, %d", c.in, c.multiline, got, n, c.want, c.removed)
		}
	}
}

// TestInputHygieneOnSave: the reproductions of issue 11 item 6 at the
// store — control and direction characters stored as typed, 100,000
// characters in a topic or a title, a unit or member named like a formula.
func TestInputHygieneOnSave(t *testing.T) {
	o := newClOrg(t)
	s := o.s
	m := validMember()
	m.Name, m.BranchID, m.IDNumber = "\u202e张\u200b三\x1b\a", o.b1.ID, ""
	m.Remarks = "第一行\r第二行\x07"
	saved, warns, err := s.SaveMember(ctx, RoleOffice, m)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Name != "张三" || saved.Remarks != "第一行\n第二行" {
		t.Errorf("stored %q / %q", saved.Name, saved.Remarks)
	}
	if !hasIssue(warns, "name", "已去掉") || !hasIssue(warns, "remarks", "已去掉") {
		t.Errorf("warnings %v: the user is told what was removed", warns)
	}
	got, err := s.Member(ctx, saved.ID)
	if err != nil || got.Name != "张三" {
		t.Errorf("read back %q %v", got.Name, err)
	}

	long := strings.Repeat("长", 100000)
	cases := []struct {
		name  string
		save  func() error
		field string
		want  string
	}{
		{"meeting topic", func() error {
			_, _, err := s.SaveMeeting(ctx, RoleOffice, Meeting{UnitID: o.b1.ID, Kind: KindCommittee, Date: MustDate("2026-11-10"), Topic: long})
			return err
		}, "topic", "主题最多 200 个字，现有 100000 个字"},
		{"meeting content", func() error {
			_, _, err := s.SaveMeeting(ctx, RoleOffice, Meeting{UnitID: o.b1.ID, Kind: KindCommittee, Date: MustDate("2026-11-10"), Topic: "题", Content: long})
			return err
		}, "content", "主要内容最多 20000 个字"},
		{"task title", func() error {
			_, err := s.SaveTask(ctx, RoleOffice, Task{Year: 2026, Aspect: "组织建设", Title: long, Due: MustDate("2026-12-31"), Points: 10, Branches: []int64{o.b1.ID}})
			return err
		}, "title", "任务最多 200 个字"},
		{"formula unit", func() error {
			_, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelBranch, ParentID: o.root.ID, FullName: "=1+1"})
			return err
		}, "full_name", "像是表格公式"},
		{"formula short name", func() error {
			_, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelBranch, ParentID: o.root.ID, FullName: "第九支部", ShortName: "@SUM(A1)"})
			return err
		}, "short_name", "像是表格公式"},
		{"formula member", func() error {
			m := validMember()
			m.Name, m.BranchID, m.IDNumber = "+张三", o.b1.ID, ""
			_, _, err := s.SaveMember(ctx, RoleOffice, m)
			return err
		}, "name", "像是表格公式"},
		{"long place", func() error {
			_, _, err := s.SaveMeeting(ctx, RoleOffice, Meeting{UnitID: o.b1.ID, Kind: KindCommittee, Date: MustDate("2026-11-10"), Topic: "题", Place: strings.Repeat("地", 201)})
			return err
		}, "place", "地点最多 200 个字"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.save()
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("saved or failed otherwise: %v", err)
			}
			if msgs := ve.For(c.field); len(msgs) == 0 || !strings.Contains(strings.Join(msgs, "；"), c.want) {
				t.Errorf("message at %s = %q, want %q (all: %v)", c.field, msgs, c.want, err)
			}
		})
	}
}

func hasIssue(list []FieldIssue, field, text string) bool {
	for _, f := range list {
		if f.Field == field && strings.Contains(f.Msg, text) {
			return true
		}
	}
	return false
}

// TestFileErrorsSayWhatToDo: a write refused because the file cannot be
// written reaches the user as a Chinese message naming what to do, not as
// "attempt to write a readonly database (8)".
func TestFileErrorsSayWhatToDo(t *testing.T) {
	s := openTest(t)
	tamper(t, s, "PRAGMA query_only = 1") // the writer connection now refuses writes as a read-only file does
	_, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelGeneral, FullName: "中共示范公司总支部委员会"})
	if err == nil {
		t.Fatal("saved")
	}
	if !IsFileError(err) || strings.Contains(err.Error(), "attempt") || !strings.Contains(err.Error(), "只读") ||
		!strings.Contains(err.Error(), "权限") {
		t.Errorf("message %q (file error: %v)", err, IsFileError(err))
	}
}

// TestMissingTablesNamed: a file with our mark and migrations but without
// its tables is named as incomplete, with what to do, instead of "SQL
// logic error: no such table: settings (1)"; it can still be restored over.
func TestMissingTablesNamed(t *testing.T) {
	s := openTest(t)
	path := s.Path()
	markTampered(s)
	tamper(t, s, "DROP TABLE settings")
	s.Close()
	_, err := Open(path, Options{ReadOnly: true})
	if err == nil || strings.Contains(err.Error(), "SQL logic error") || !strings.Contains(err.Error(), "settings（系统设置）") ||
		!strings.Contains(err.Error(), "从备份恢复") || !IsDamaged(err) {
		t.Fatalf("open: %v", err)
	}
	r, err := Open(path, Options{ForRestore: true})
	if err != nil {
		t.Fatalf("a restore cannot even start: %v", err)
	}
	r.Close()
}
