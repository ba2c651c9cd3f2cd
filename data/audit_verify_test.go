package data

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// verifyFixture is a store with an organisation, two members and two
// meetings, all written through the store.
func verifyFixture(t *testing.T) *Store {
	t.Helper()
	s := seedAudit(t)
	units, err := s.OrgUnits(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var branch int64
	for _, u := range units {
		if u.Level == LevelBranch {
			branch = u.ID
		}
	}
	for _, name := range []string{"张三丰", "李四光"} {
		m := validMember()
		m.Name, m.BranchID = name, branch
		m.IDNumber = ""
		if _, _, err := s.SaveMember(ctx, RoleOffice, m); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"2026-10-10", "2026-11-10"} {
		if _, _, err := s.SaveMeeting(ctx, RoleOffice, Meeting{UnitID: branch, Kind: KindCommittee, Date: MustDate(d), Topic: "研究工作"}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func verifyReport(t *testing.T, s *Store, opt VerifyOptions) AuditReport {
	t.Helper()
	r, err := s.VerifyAuditReport(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func mustFind(t *testing.T, r AuditReport, want ...string) {
	t.Helper()
	if r.OK() {
		t.Fatalf("verify says all is well:\n%s", r.Summary())
	}
	text := r.Summary()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("report lacks %q:\n%s", w, text)
		}
	}
}

// rechain recomputes every hash and the head after a history was rewritten,
// as an attacker who knows the scheme would.
func rechain(t *testing.T, s *Store) {
	t.Helper()
	markTampered(s)
	s.mu.RLock()
	defer s.mu.RUnlock()
	rows, err := s.w.Query("SELECT id, at, operator, entity, record_id, action, before, after FROM audit_log ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		id                              int64
		at, op, entity, rec, action, ph string
		before, after                   sql.NullString
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.at, &r.op, &r.entity, &r.rec, &r.action, &r.before, &r.after); err != nil {
			t.Fatal(err)
		}
		all = append(all, r)
	}
	rows.Close()
	prev := genesisHash
	var last int64
	for _, r := range all {
		h := auditHash(prev, r.id, r.at, r.op, r.entity, r.rec, r.action, r.before, r.after)
		if _, err := s.w.Exec("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", prev, h, r.id); err != nil {
			t.Fatal(err)
		}
		prev, last = h, r.id
	}
	if _, err := s.w.Exec("UPDATE audit_head SET last_id = ?, last_hash = ?, count = ?", last, prev, len(all)); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyIntactStore(t *testing.T) {
	s := verifyFixture(t)
	r := verifyReport(t, s, VerifyOptions{})
	if !r.OK() {
		t.Fatalf("an untouched store fails verification:\n%s", r.Summary())
	}
	if !strings.Contains(r.Summary(), "操作日志完好") || !strings.Contains(r.Summary(), r.Head.Code()) {
		t.Errorf("summary: %s", r.Summary())
	}
}

// TestVerifyCatchesDirectTableEdits: the reproductions of issue 11 — a
// member renamed or deleted with sqlite3, all minutes set to 已审核 — which
// the chain alone never noticed.
func TestVerifyCatchesDirectTableEdits(t *testing.T) {
	cases := []struct {
		name string
		q    string
		want []string
	}{
		{"member renamed", "UPDATE members SET name = '篡改' WHERE name = '张三丰'",
			[]string{"党员“张三丰”", "“姓名”：日志记载为“张三丰”，数据库中为“篡改”"}},
		{"member deleted", "DELETE FROM members WHERE name = '李四光'",
			[]string{"党员“李四光”", "数据库中却没有这条记录"}},
		{"minutes approved", "UPDATE meetings SET status = '已审核'",
			[]string{"会议记录“2026-10-10 支部委员会会议”", "“审核状态”：日志记载为“草稿”，数据库中为“已审核”", "会议记录“2026-11-10 支部委员会会议”"}},
		{"row added", "INSERT INTO members(name, branch_id, standing, status, created_at, updated_at) SELECT '王五', branch_id, standing, status, created_at, updated_at FROM members LIMIT 1",
			[]string{"党员“王五”", "操作日志中却没有任何记载"}},
		{"deleted row brought back", "UPDATE org_posts SET deleted_at = NULL", nil},
		// The log's image leaves empty texts and dates out: filling one
		// behind the log's back is still caught.
		{"empty text filled", "UPDATE members SET former_name = '篡改' WHERE name = '张三丰'",
			[]string{"党员“张三丰”", "“曾用名”：日志记载为“（空）”，数据库中为“篡改”"}},
		{"empty date filled", "UPDATE members SET transfer_in_date = '2020-01-01' WHERE name = '李四光'",
			[]string{"党员“李四光”", "“组织关系转入日期”：日志记载为“（空）”，数据库中为“2020-01-01”"}},
		{"attendance changed", "INSERT INTO meeting_attendance(meeting_id, member_id, name, standing, committee, state, reason) SELECT (SELECT min(id) FROM meetings), id, '赵六', '正式党员', 0, '出席', '' FROM members LIMIT 1",
			[]string{"“出席情况”"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := verifyFixture(t)
			if c.name == "deleted row brought back" {
				var id int64
				if err := s.read(func(db *sql.DB) error { return db.QueryRow("SELECT min(id) FROM org_posts").Scan(&id) }); err != nil {
					t.Fatal(err)
				}
				if err := s.DeletePost(ctx, RoleOffice, id); err != nil {
					t.Fatal(err)
				}
				c.want = []string{"委员会职务", "“已删除”：日志记载为“是”，数据库中为“否”"}
			}
			tamper(t, s, c.q)
			r := verifyReport(t, s, VerifyOptions{})
			mustFind(t, r, c.want...)
			if r.Chain != nil {
				t.Errorf("the chain itself was not touched, yet: %v", r.Chain)
			}
		})
	}
}

// TestVerifyCatchesWipedLog: deleting every audit row and the head no
// longer gives "完好：共 0 条": the data rows have no log, and a known
// anchor reports the wipe.
func TestVerifyCatchesWipedLog(t *testing.T) {
	s := verifyFixture(t)
	tamper(t, s, "DELETE FROM audit_log")
	tamper(t, s, "DELETE FROM audit_head")
	r := verifyReport(t, s, VerifyOptions{})
	mustFind(t, r, "操作日志中却没有任何记载")

	s = verifyFixture(t)
	head, err := s.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RecordAnchor(ctx, head, "打印的“会议记录.pdf”"); err != nil {
		t.Fatal(err)
	}
	tamper(t, s, "DELETE FROM audit_log")
	tamper(t, s, "DELETE FROM audit_head")
	tamper(t, s, "DELETE FROM members") // even with the data gone too
	r = verifyReport(t, s, VerifyOptions{})
	mustFind(t, r, "打印的“会议记录.pdf”", "现在只有 0 条：日志被截断或清空", head.short())
}

// TestVerifyCatchesTruncationAgainstBackup: the tail cut and the head
// fixed to match passes the chain; the backup made before, given with
// --against (or remembered by the store), does not.
func TestVerifyCatchesTruncationAgainstBackup(t *testing.T) {
	s := verifyFixture(t)
	bak := filepath.Join(t.TempDir(), "备份.db")
	if err := s.Backup(ctx, bak, nil); err != nil {
		t.Fatal(err)
	}
	bh, err := BackupAuditHead(ctx, bak)
	if err != nil {
		t.Fatal(err)
	}
	// Cut the last three rows (the two meetings and a member) together
	// with the data they logged, and mend the head: the chain is whole.
	tamper(t, s, "DELETE FROM settings WHERE key LIKE 'audit.anchor.%'")
	tamper(t, s, "DELETE FROM meeting_attendance")
	tamper(t, s, "DELETE FROM meetings")
	tamper(t, s, "DELETE FROM members WHERE name = '李四光'")
	tamper(t, s, "DELETE FROM audit_log WHERE id > (SELECT max(id) - 4 FROM audit_log)")
	tamper(t, s, `UPDATE audit_head SET last_id = (SELECT max(id) FROM audit_log), count = (SELECT count(*) FROM audit_log),
		last_hash = (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1)`)
	if r := verifyReport(t, s, VerifyOptions{}); !r.OK() {
		t.Fatalf("the test's truncation is not consistent, so it proves nothing:\n%s", r.Summary())
	}
	r := verifyReport(t, s, VerifyOptions{Anchors: []AuditAnchor{{AuditHead: bh, Source: "备份文件“备份.db”"}}})
	mustFind(t, r, "备份文件“备份.db”", "日志被截断")
}

// TestVerifyCatchesRechainedHistory: a row edited and the whole chain
// recomputed passes the chain check; the anchor of an earlier backup and
// a typed 校验码 catch it, and so does the data check.
func TestVerifyCatchesRechainedHistory(t *testing.T) {
	s := verifyFixture(t)
	bak := filepath.Join(t.TempDir(), "b.db")
	if err := s.Backup(ctx, bak, nil); err != nil {
		t.Fatal(err)
	}
	bh, err := BackupAuditHead(ctx, bak)
	if err != nil {
		t.Fatal(err)
	}
	code, err := ParseAuditCode(bh.Code())
	if err != nil || code.Count != bh.Count || !strings.HasPrefix(bh.Hash, code.Hash) {
		t.Fatalf("code %q read back as %+v, %v", bh.Code(), code, err)
	}
	// Rename a member consistently in the table and its log row.
	tamper(t, s, "UPDATE members SET name = '张三' WHERE name = '张三丰'")
	tamper(t, s, `UPDATE audit_log SET after = replace(after, '"张三丰"', '"张三"') WHERE entity = 'member'`)
	tamper(t, s, "DELETE FROM settings WHERE key LIKE 'audit.anchor.%'")
	tamper(t, s, "DELETE FROM audit_log WHERE entity = 'setting' AND record_id LIKE 'audit.anchor.%'")
	rechain(t, s)
	if r := verifyReport(t, s, VerifyOptions{}); !r.OK() {
		t.Fatalf("the test's rewrite is not consistent, so it proves nothing:\n%s", r.Summary())
	}
	for _, a := range []AuditAnchor{{AuditHead: bh, Source: "备份文件“b.db”"}, {AuditHead: code, Source: "输入的校验码"}} {
		r := verifyReport(t, s, VerifyOptions{Anchors: []AuditAnchor{a}})
		mustFind(t, r, a.Source, "此后的日志被改写过")
	}
}

// TestVerifyRemembersAnchors: a backup and a print are remembered; a
// rewrite that does not know to remove them is reported against them.
func TestVerifyRemembersAnchors(t *testing.T) {
	s := verifyFixture(t)
	if err := s.Backup(ctx, filepath.Join(t.TempDir(), "周五.db"), nil); err != nil {
		t.Fatal(err)
	}
	anchors, err := s.AuditAnchors(ctx)
	if err != nil || len(anchors) != 1 || !strings.Contains(anchors[0].Source, "周五.db") {
		t.Fatalf("anchors after a backup: %+v %v", anchors, err)
	}
	// A second anchor right after adds nothing: only an anchor was written.
	h, _ := s.AuditHead(ctx)
	if err := s.RecordAnchor(ctx, h, "again"); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.AuditAnchors(ctx); len(again) != 1 {
		t.Errorf("anchor on an anchor: %+v", again)
	}
	if r := verifyReport(t, s, VerifyOptions{}); !r.OK() || len(r.Anchors) != 1 {
		t.Fatalf("intact with its anchor: %s", r.Summary())
	}
	tamper(t, s, `UPDATE audit_log SET operator = '别人' WHERE id = 3`)
	rechain(t, s)
	r := verifyReport(t, s, VerifyOptions{})
	mustFind(t, r, "周五.db", "此后的日志被改写过")
}

// TestVerifyRunsIntegrityCheck: a database whose members table is
// damaged is not reported intact.
func TestVerifyRunsIntegrityCheck(t *testing.T) {
	s := verifyFixture(t)
	path := s.Path()
	var branch int64
	if err := s.read(func(db *sql.DB) error { return db.QueryRow("SELECT branch_id FROM members LIMIT 1").Scan(&branch) }); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 60; i++ {
		m := validMember()
		m.Name, m.IDNumber, m.BranchID = "党员"+itoa(i), "", branch
		m.Remarks = strings.Repeat("备注", 200)
		if _, _, err := s.SaveMember(context.Background(), RoleOffice, m); err != nil {
			t.Fatal(err)
		}
	}
	var root, pageSize int64
	if err := s.read(func(db *sql.DB) error {
		if err := db.QueryRow("SELECT rootpage FROM sqlite_master WHERE name = 'members'").Scan(&root); err != nil {
			return err
		}
		return db.QueryRow("PRAGMA page_size").Scan(&pageSize)
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// Garble the members table's root page (an interior page by now),
	// past its header, so the file still opens.
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	junk := []byte(strings.Repeat("\xff\x00\x13", 40))
	if _, err := f.WriteAt(junk, (root-1)*pageSize+12); err != nil {
		t.Fatal(err)
	}
	f.Close()
	s, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Skipf("the damaged file does not even open (%v): nothing to verify", err)
	}
	defer s.Close()
	r, err := s.VerifyAuditReport(ctx, VerifyOptions{})
	if err != nil && !IsDamaged(err) {
		t.Fatal(err)
	}
	if err == nil {
		mustFind(t, r, "数据库文件损坏")
	}
	if _, err := s.VerifyAudit(ctx); err == nil {
		t.Fatal("VerifyAudit says a damaged database is intact")
	}
}
