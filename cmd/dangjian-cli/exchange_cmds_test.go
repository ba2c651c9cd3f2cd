package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/data"
)

// withXchgStore opens a database in-process for a step the CLI has no command for.
func withXchgStore(t *testing.T, db string, fn func(s *data.Store)) {
	t.Helper()
	s, err := data.Open(db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fn(s)
}

func TestExchangeCLIRoundTrip(t *testing.T) {
	ctx := context.Background()
	office := demoDB(t)
	dir := t.TempDir()
	var branchName string
	withXchgStore(t, office, func(s *data.Store) {
		units, _ := s.OrgUnits(ctx)
		for _, u := range units {
			if u.Level == data.LevelBranch {
				branchName = u.Name()
				break
			}
		}
	})
	initPkg := filepath.Join(dir, "init.djx")
	if code, out, errs := cli(t, "--db", office, "exchange", "export", "--branch", branchName, "--out", initPkg); code != 0 || !strings.Contains(out, "支部初始包") {
		t.Fatalf("office export: %d %q %q", code, out, errs)
	}
	if code, _, errs := cli(t, "--db", office, "exchange", "export", "--out", initPkg); code != exitError || !strings.Contains(errs, "--branch") {
		t.Errorf("office export without a branch: %d %q", code, errs)
	}

	// A fresh database becomes the branch's copy.
	branch := filepath.Join(t.TempDir(), "branch.db")
	code, out, errs := cli(t, "--db", branch, "exchange", "import", initPkg, "--json")
	if code != 0 {
		t.Fatalf("branch import: %d %q %q", code, out, errs)
	}
	var res exchangeImportJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil || !res.BecameBranch || res.Applied[data.EntityMember] == 0 || res.Conflicts == nil {
		t.Fatalf("branch import json %q: %+v %v", out, res, err)
	}
	for _, key := range []string{`"applied"`, `"pending"`, `"conflicts"`, `"duplicates"`} {
		if !strings.Contains(out, key) {
			t.Errorf("import json lacks %s: %s", key, out)
		}
	}

	// The secretary records minutes on the laptop and submits them.
	var topic = "学习贯彻全会精神"
	withXchgStore(t, branch, func(s *data.Store) {
		role := s.Role(ctx)
		ms, _ := s.Members(ctx, data.MemberFilter{})
		if role.Office || len(ms) == 0 {
			t.Fatalf("branch copy: role %+v, %d members", role, len(ms))
		}
		m := data.Meeting{UnitID: role.BranchID, Kind: data.KindCommittee, Date: data.MustDate("2026-11-10"), Topic: topic,
			StartTime: "09:00", EndTime: "10:00", Place: "会议室", Host: ms[0].Name, Recorder: ms[0].Name, Content: "学习。", Resolution: "落实。",
			Expected: 1, Present: 1, Attendance: []data.Attendance{{MemberID: ms[0].ID, Name: ms[0].Name, Standing: ms[0].Standing, State: data.Present}}}
		m, _, err := s.SaveMeeting(ctx, role, m)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Review(ctx, m.ID, role, data.StatusSubmitted, ""); err != nil {
			t.Fatal(err)
		}
	})
	up := filepath.Join(dir, "up.djx")
	if code, _, errs := cli(t, "--db", branch, "exchange", "export", "--branch", branchName, "--out", up); code != exitError || !strings.Contains(errs, "去掉 --branch") {
		t.Errorf("branch export with --branch: %d %q", code, errs)
	}
	if code, out, errs := cli(t, "--db", branch, "exchange", "export", "--out", up); code != 0 || !strings.Contains(out, "会议记录 1 条") {
		t.Fatalf("branch export: %d %q %q", code, out, errs)
	}
	code, out, errs = cli(t, "--db", office, "exchange", "import", up, "--json")
	if code != 0 {
		t.Fatalf("office import: %d %q %q", code, out, errs)
	}
	res = exchangeImportJSON{}
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Applied[data.EntityMeeting] != 1 {
		t.Fatalf("office import json %q: %+v", out, res)
	}
	// Again: nothing changes.
	code, out, _ = cli(t, "--db", office, "exchange", "import", up, "--json")
	res = exchangeImportJSON{}
	if json.Unmarshal([]byte(out), &res); code != 0 || !res.DuplicatePackage || len(res.Applied) != 0 {
		t.Errorf("re-import: %d %q", code, out)
	}
	// A damaged file is refused: exit 2, the reason on stderr.
	raw, _ := os.ReadFile(up)
	bad := filepath.Join(dir, "bad.djx")
	os.WriteFile(bad, raw[:len(raw)-40], 0o600)
	if code, _, errs := cli(t, "--db", office, "exchange", "import", bad); code != exitError || !strings.Contains(errs, "拒收") || !strings.Contains(errs, "不完整") {
		t.Errorf("truncated package: %d %q", code, errs)
	}

	// The office approves; the secretary sees it after the reply.
	withXchgStore(t, office, func(s *data.Store) {
		ms, _ := s.Meetings(ctx, data.MeetingFilter{Status: data.StatusSubmitted})
		for _, m := range ms {
			if m.Topic == topic {
				if _, err := s.Review(ctx, m.ID, data.RoleOffice, data.StatusApproved, ""); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
	down := filepath.Join(dir, "down.djx")
	if code, out, errs := cli(t, "--db", office, "exchange", "export", "--branch", branchName, "--out", down); code != 0 || strings.Contains(out, "初始包") {
		t.Fatalf("office reply: %d %q %q", code, out, errs)
	}
	if code, out, errs := cli(t, "--db", branch, "exchange", "import", down); code != 0 || !strings.Contains(out, "会议记录 1 条") {
		t.Fatalf("branch import of the reply: %d %q %q", code, out, errs)
	}
	withXchgStore(t, branch, func(s *data.Store) {
		ms, _ := s.Meetings(ctx, data.MeetingFilter{})
		found := false
		for _, m := range ms {
			if m.Topic == topic {
				found = true
				if m.Status != data.StatusApproved {
					t.Errorf("branch sees %s", m.Status)
				}
			}
		}
		if !found {
			t.Error("minutes gone from the branch copy")
		}
	})
	// The office's package into the office itself: refused, exit 2.
	if code, _, errs := cli(t, "--db", office, "exchange", "import", down); code != exitError || !strings.Contains(errs, "拒收") {
		t.Errorf("own package: %d %q", code, errs)
	}
}

// A lost branch laptop: `exchange export --branch NAME --reissue` makes a
// new initial package; the new copy's first package replaces the old
// copy, whose packages are then refused (exit 2, the reason on stderr).
func TestExchangeCLIReissue(t *testing.T) {
	ctx := context.Background()
	office := demoDB(t)
	dir := t.TempDir()
	var branchName string
	withXchgStore(t, office, func(s *data.Store) {
		units, _ := s.OrgUnits(ctx)
		for _, u := range units {
			if u.Level == data.LevelBranch {
				branchName = u.Name()
				break
			}
		}
	})
	run := func(want int, args ...string) (string, string) {
		t.Helper()
		code, out, errs := cli(t, args...)
		if code != want {
			t.Fatalf("%v: exit %d (want %d) %q %q", args, code, want, out, errs)
		}
		return out, errs
	}
	initPkg := filepath.Join(dir, "init.djx")
	run(0, "--db", office, "exchange", "export", "--branch", branchName, "--out", initPkg)
	old := filepath.Join(t.TempDir(), "old.db")
	run(0, "--db", old, "exchange", "import", initPkg)
	// A study record of the branch travels up with it (issue 16 follow-up).
	withXchgStore(t, old, func(s *data.Store) {
		ms, _ := s.Members(ctx, data.MemberFilter{})
		if _, err := s.SaveStudyRecord(ctx, s.Role(ctx), data.StudyRecord{MemberID: ms[0].ID, Date: data.MustDate("2026-11-02"),
			Content: "学习党章", Hours: 20, Form: data.StudyForms[0]}); err != nil {
			t.Fatal(err)
		}
	})
	up1 := filepath.Join(dir, "up1.djx")
	run(0, "--db", old, "exchange", "export", "--out", up1)
	out, _ := run(0, "--db", office, "exchange", "import", up1, "--json")
	var res exchangeImportJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Applied[data.EntityStudyRecord] != 1 {
		t.Fatalf("study record up: %q %v", out, err)
	}

	// --reissue is the office's, with --branch.
	if _, errs := run(exitError, "--db", office, "exchange", "export", "--reissue", "--out", filepath.Join(dir, "x.djx")); !strings.Contains(errs, "--reissue") {
		t.Errorf("--reissue without --branch: %q", errs)
	}
	run(exitError, "--db", old, "exchange", "export", "--reissue", "--out", filepath.Join(dir, "x.djx"))
	reinit := filepath.Join(dir, "reinit.djx")
	if out, _ := run(0, "--db", office, "exchange", "export", "--branch", branchName, "--reissue", "--out", reinit); !strings.Contains(out, "重新制作的支部初始包") || !strings.Contains(out, "第 1 号") {
		t.Errorf("reissue output %q", out)
	}
	fresh := filepath.Join(t.TempDir(), "new.db")
	run(0, "--db", fresh, "exchange", "import", reinit)
	up2 := filepath.Join(dir, "up2.djx")
	run(0, "--db", fresh, "exchange", "export", "--out", up2)
	out, _ = run(0, "--db", office, "exchange", "import", up2, "--json")
	res = exchangeImportJSON{}
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.ReplacedCopy == "" || res.Applied == nil || res.Conflicts == nil {
		t.Fatalf("new copy's first package: %q %+v %v", out, res, err)
	}
	// The old copy is refused now.
	up3 := filepath.Join(dir, "up3.djx")
	run(0, "--db", old, "exchange", "export", "--out", up3)
	if _, errs := run(exitError, "--db", office, "exchange", "import", up3); !strings.Contains(errs, "该支部副本已被替换") || !strings.Contains(errs, "未作任何改动") {
		t.Errorf("old copy's package: %q", errs)
	}
	for _, db := range []string{office, old, fresh} {
		run(0, "--db", db, "audit", "verify")
	}
}
