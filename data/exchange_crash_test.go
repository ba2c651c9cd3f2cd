//go:build unix

package data

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestCrashImportChild imports one package and says so; it only runs when
// TestCrashDuringImport starts it.
func TestCrashImportChild(t *testing.T) {
	path := os.Getenv("DANGJIAN_CRASH_IMPORT_DB")
	if path == "" {
		t.Skip("helper process for TestCrashDuringImport")
	}
	s, err := Open(path, Options{Program: "crash-child"})
	if err != nil {
		fmt.Println("open error:", err)
		os.Exit(3)
	}
	fmt.Println("start")
	if _, err := s.ImportPackage(context.Background(), RoleOffice, os.Getenv("DANGJIAN_CRASH_IMPORT_PKG")); err != nil {
		fmt.Println("import error:", err)
		os.Exit(4)
	}
	fmt.Println("done")
	os.Exit(0)
}

// TestCrashDuringImport kills an import with SIGKILL at random moments:
// the next start must find the database as it was before the import or
// with the whole package applied, sound, with its log matching its tables.
func TestCrashDuringImport(t *testing.T) {
	if os.Getenv("DANGJIAN_CRASH_IMPORT_DB") != "" {
		t.Skip()
	}
	if testing.Short() {
		t.Skip("kills processes")
	}
	p := newXchgPair(t)
	const minutes = 60
	role := p.branchRole(t)
	zhao := p.local(t, p.branch, EntityMember, p.gid(t, p.office, EntityMember, p.zhao.ID))
	mover := p.local(t, p.branch, EntityMember, p.gid(t, p.office, EntityMember, p.mover.ID))
	att := []Attendance{{MemberID: zhao, Name: "赵书记", Standing: StandingFull, State: Present},
		{MemberID: mover, Name: "钱组员", Standing: StandingFull, State: Present}}
	var ids []int64
	err := p.branch.Write(ctx, func(tx *Tx) error {
		for i := 0; i < minutes; i++ {
			m, _, err := tx.SaveMeeting(role, Meeting{UnitID: role.BranchID, Kind: KindLesson, Date: MustDate("2026-01-05").AddDays(i * 3),
				Topic: "党课第" + strconv.Itoa(i) + "讲", Content: strings.Repeat("学习内容。", 200), Place: "会议室", Host: "赵书记", Recorder: "钱组员",
				Attendance: att, Expected: 2, Present: 2})
			if err != nil {
				return err
			}
			ids = append(ids, m.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		if i%6 == 0 {
			src := filepath.Join(t.TempDir(), "讲稿"+strconv.Itoa(i)+".txt")
			os.WriteFile(src, []byte(strings.Repeat("讲稿"+strconv.Itoa(i), 5000)), 0o600)
			if _, err := p.branch.AddAttachment(ctx, role, EntityMeeting, id, src); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := p.branch.Review(ctx, id, role, StatusSubmitted, ""); err != nil {
			t.Fatal(err)
		}
	}
	pkg := p.file("crash")
	if _, err := p.branch.ExportForOffice(ctx, role, pkg); err != nil {
		t.Fatal(err)
	}
	tmpl := filepath.Join(t.TempDir(), "office.db")
	if err := p.office.Backup(ctx, tmpl, nil); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(tmpl)
	if err != nil {
		t.Fatal(err)
	}

	// run imports in a child, killing it kill after it started importing
	// (never, for kill < 0); took is how long the import ran.
	run := func(dir string, kill time.Duration) (done bool, took time.Duration) {
		path := filepath.Join(dir, "office.db")
		if err := os.WriteFile(path, raw, 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashImportChild$", "-test.v=false")
		cmd.Env = append(os.Environ(), "DANGJIAN_CRASH_IMPORT_DB="+path, "DANGJIAN_CRASH_IMPORT_PKG="+pkg)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var output string
		finished, started := make(chan struct{}), make(chan struct{})
		go func() {
			buf := make([]byte, 4096)
			signalled := false
			for {
				n, err := out.Read(buf)
				output += string(buf[:n])
				if !signalled && strings.Contains(output, "start\n") {
					signalled = true
					close(started)
				}
				if err != nil {
					break
				}
			}
			if !signalled {
				close(started)
			}
			close(finished)
		}()
		<-started
		begin := time.Now()
		var timer <-chan time.Time
		if kill >= 0 {
			timer = time.After(kill)
		}
		select {
		case <-timer:
			cmd.Process.Signal(syscall.SIGKILL)
			<-finished
		case <-finished:
		}
		took = time.Since(begin)
		cmd.Wait()
		for _, l := range strings.Split(output, "\n") {
			switch {
			case l == "done":
				done = true
			case strings.HasPrefix(l, "import error") || strings.HasPrefix(l, "open error"):
				t.Fatalf("child: %s", l)
			}
		}
		return done, took
	}

	// Once to completion, to know how long an import takes.
	ok, full := run(t.TempDir(), -1)
	if !ok {
		t.Fatal("the import did not finish")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	const rounds = 12
	applied, unchanged := 0, 0
	for round := 0; round < rounds; round++ {
		dir := t.TempDir()
		// Kill anywhere in the import, and now and then just after it.
		done, _ := run(dir, full/3+time.Duration(rng.Int64N(int64(full)*8/10+1)))
		s, err := Open(filepath.Join(dir, "office.db"), Options{})
		if err != nil {
			t.Fatalf("round %d: reopen: %v", round, err)
		}
		if err := s.IntegrityCheck(); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		var meetings, received int
		s.r.QueryRow("SELECT count(*) FROM meetings").Scan(&meetings)
		s.r.QueryRow("SELECT count(*) FROM xchg_packages WHERE direction = 'received'").Scan(&received)
		switch {
		case meetings == 0 && received == 0 && !done:
			unchanged++
		case meetings == minutes && received == 1:
			applied++
			ms, _ := s.Meetings(ctx, MeetingFilter{})
			for _, m := range ms {
				for _, a := range mustAttachments(t, s, m.ID) {
					if _, err := os.Stat(s.AttachmentPath(a)); err != nil {
						t.Fatalf("round %d: attachment of an applied import missing: %v", round, err)
					}
				}
			}
		default:
			t.Fatalf("round %d: half an import: %d minutes, %d packages received (done %v)", round, meetings, received, done)
		}
		if r, err := s.VerifyAuditReport(ctx, VerifyOptions{}); err != nil || r.DataTotal > 0 || r.Chain != nil {
			t.Fatalf("round %d: log and tables disagree: %v %s", round, err, r.Summary())
		}
		s.Close()
	}
	t.Logf("%d rounds: %d unchanged, %d fully applied (an import takes %v)", rounds, unchanged, applied, full)
}

func mustAttachments(t *testing.T, s *Store, id int64) []Attachment {
	t.Helper()
	a, err := s.Attachments(ctx, EntityMeeting, id)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
