//go:build unix

package data

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
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

// TestCrashChild is the writer the crash test kills; it only runs when the
// parent starts it. Each committed record is acknowledged on stdout.
func TestCrashChild(t *testing.T) {
	path := os.Getenv("DANGJIAN_CRASH_DB")
	if path == "" {
		t.Skip("helper process for TestCrashRecovery")
	}
	s, err := Open(path, Options{Program: "crash-child"})
	if err != nil {
		fmt.Println("open error:", err)
		os.Exit(3)
	}
	start, _ := strconv.Atoi(os.Getenv("DANGJIAN_CRASH_FROM"))
	for i := start; ; i++ {
		err := s.Write(context.Background(), func(tx *Tx) error {
			_, err := tx.InsertMember(RoleOffice, Member{Name: "测试" + strconv.Itoa(i), StaffNo: strconv.Itoa(i),
				Remarks: strings.Repeat("备注", i%50)})
			return err
		})
		if err != nil {
			fmt.Println("write error:", err)
			os.Exit(4)
		}
		fmt.Printf("ack %d\n", i)
	}
}

// TestCrashRecovery kills a writing process with SIGKILL at random moments.
// After each kill the database must pass integrity_check, hold every record
// whose commit was acknowledged, and keep an intact audit chain.
func TestCrashRecovery(t *testing.T) {
	if os.Getenv("DANGJIAN_CRASH_DB") != "" {
		t.Skip()
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	rng := rand.New(rand.NewPCG(1, 2))
	acked := map[int]bool{}
	next := 0
	const rounds = 20
	for round := 0; round < rounds; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v=false")
		cmd.Env = append(os.Environ(), "DANGJIAN_CRASH_DB="+path, "DANGJIAN_CRASH_FROM="+strconv.Itoa(next))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Wait for the first ack so each round really writes, then kill at
		// a random moment in the stream.
		first := true
		deadline := time.After(time.Duration(5+rng.IntN(120)) * time.Millisecond)
	loop:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					break loop
				}
				if !strings.HasPrefix(l, "ack ") {
					t.Fatalf("child: %s", l)
				}
				n, _ := strconv.Atoi(strings.TrimPrefix(l, "ack "))
				acked[n] = true
				if n >= next {
					next = n + 1
				}
				if first {
					first = false
					deadline = time.After(time.Duration(rng.IntN(80)) * time.Millisecond)
				}
			case <-deadline:
				if first {
					continue // not started yet: wait for it
				}
				cmd.Process.Signal(syscall.SIGKILL)
				deadline = nil
			}
		}
		cmd.Wait()
		// Acks printed just before the kill may still be in the pipe: they
		// were read above until EOF, so every ack counts.
		s, err := Open(path, Options{})
		if err != nil {
			t.Fatalf("round %d: reopen: %v", round, err)
		}
		if err := s.IntegrityCheck(); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		have := map[int]bool{}
		rows, err := s.r.Query("SELECT staff_no FROM members")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var no string
			rows.Scan(&no)
			n, _ := strconv.Atoi(no)
			have[n] = true
		}
		rows.Close()
		for n := range acked {
			if !have[n] {
				t.Fatalf("round %d: acknowledged record %d lost", round, n)
			}
		}
		// At most one commit per round can beat its ack to the kill.
		if len(have) > len(acked)+round+1 {
			t.Errorf("round %d: %d records but only %d acks", round, len(have), len(acked))
		}
		// Continue numbering after anything committed but not acknowledged.
		for n := range have {
			if n >= next {
				next = n + 1
			}
		}
		if _, err := s.VerifyAudit(context.Background()); err != nil {
			t.Fatalf("round %d: audit: %v", round, err)
		}
		s.Close()
	}
	if len(acked) < rounds {
		t.Errorf("only %d acknowledged writes in %d rounds", len(acked), rounds)
	}
	t.Logf("%d rounds, %d acknowledged writes", rounds, len(acked))
}

// TestCrashRestoreChild restores two backups in turn until it is killed,
// acknowledging each finished restore on stdout.
func TestCrashRestoreChild(t *testing.T) {
	path := os.Getenv("DANGJIAN_CRASH_RESTORE_DB")
	if path == "" {
		t.Skip("helper process for TestCrashDuringRestore")
	}
	s, err := Open(path, Options{Program: "crash-child"})
	if err != nil {
		fmt.Println("open error:", err)
		os.Exit(3)
	}
	srcs := strings.Split(os.Getenv("DANGJIAN_CRASH_RESTORE_FROM"), "|")
	for i := 0; ; i++ {
		if _, err := s.Restore(context.Background(), srcs[i%len(srcs)], nil); err != nil {
			fmt.Println("restore error:", err)
			os.Exit(4)
		}
		fmt.Printf("ack %d\n", i)
	}
}

// TestCrashDuringRestore kills a process in the middle of restores that
// bring back attachments. After each kill the next start must find a sound
// database that is one of the two backups, the attachments that database
// refers to all present and intact, and no leftovers of the killed work.
func TestCrashDuringRestore(t *testing.T) {
	if os.Getenv("DANGJIAN_CRASH_RESTORE_DB") != "" {
		t.Skip()
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "live", "crash.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	bk := func(name string) string {
		p := filepath.Join(dir, name)
		if err := s.Backup(context.Background(), p, nil); err != nil {
			t.Fatal(err)
		}
		return p
	}
	addMembers(t, s, 0, 300)
	attach(t, s, "备份甲的附件")
	a := bk("a.db")
	addMembers(t, s, 300, 200)
	attach(t, s, "备份乙的附件一")
	attach(t, s, strings.Repeat("备份乙的附件二", 20000))
	b := bk("b.db")
	s.Close()
	counts := map[int]bool{300: true, 500: true}

	rng := rand.New(rand.NewPCG(3, 4))
	rounds := 12
	if n, err := strconv.Atoi(os.Getenv("DANGJIAN_CRASH_ROUNDS")); err == nil {
		rounds = n // longer runs by hand
		rng = rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 4))
	}
	restores := 0
	for round := 0; round < rounds; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashRestoreChild$", "-test.v=false")
		cmd.Env = append(os.Environ(), "DANGJIAN_CRASH_RESTORE_DB="+path, "DANGJIAN_CRASH_RESTORE_FROM="+a+"|"+b)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		// Let one restore finish, then kill somewhere inside a later one.
		if !sc.Scan() || !strings.HasPrefix(sc.Text(), "ack ") {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("round %d: child: %s", round, sc.Text())
		}
		time.Sleep(time.Duration(rng.IntN(300)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "ack ") {
				restores++
			}
		}
		cmd.Wait()
		restores++

		s, err := Open(path, Options{})
		if err != nil {
			t.Fatalf("round %d: reopen: %v", round, err)
		}
		if err := s.IntegrityCheck(); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if n := memberCount(t, s); !counts[n] {
			t.Fatalf("round %d: %d members: neither backup", round, n)
		}
		var list []Attachment
		s.read(func(db *sql.DB) error {
			rows, err := db.Query("SELECT stored_name, sha256 FROM attachments WHERE deleted_at IS NULL")
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var at Attachment
				rows.Scan(&at.StoredName, &at.SHA256)
				list = append(list, at)
			}
			return nil
		})
		for _, at := range list {
			b, err := os.ReadFile(s.AttachmentPath(at))
			sum := sha256.Sum256(b)
			if err != nil || hex.EncodeToString(sum[:]) != at.SHA256 {
				t.Fatalf("round %d: attachment %s missing or damaged (%v)", round, at.StoredName, err)
			}
		}
		if got := len(storedFiles(t, s)); got != len(list) {
			t.Errorf("round %d: %d files in 附件 for %d attachments", round, got, len(list))
		}
		left, _ := filepath.Glob(filepath.Join(s.BackupDir(), "*.part*"))
		left2, _ := filepath.Glob(path + ".restore*")
		if len(left)+len(left2) > 0 {
			t.Errorf("round %d: leftovers %v %v", round, left, left2)
		}
		if _, err := s.VerifyAudit(context.Background()); err != nil {
			t.Fatalf("round %d: audit: %v", round, err)
		}
		s.Close()
	}
	t.Logf("%d rounds, about %d restores", rounds, restores)
}
