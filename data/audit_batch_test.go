package data

import (
	"database/sql"
	"strconv"
	"strings"
	"testing"
)

// TestAuditBatchSeenInTransaction: audit rows are inserted auditBatch at a
// time, yet every statement of the transaction that reads the log sees all
// of them, and the committed chain verifies, for counts around the batch
// size.
func TestAuditBatchSeenInTransaction(t *testing.T) {
	for _, n := range []int{1, auditBatch - 1, auditBatch, auditBatch + 1, 2*auditBatch + 5} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			s := openTest(t)
			base := auditBase(t, s)
			var inTx []int64
			err := s.Write(ctx, func(tx *Tx) error {
				for i := 0; i < n; i++ {
					if _, err := tx.InsertMember(RoleOffice, Member{Name: "批量" + strconv.Itoa(i), Sex: "女", Standing: StandingFull}); err != nil {
						return err
					}
					if i == n/2 || i == n-1 {
						// A read in the middle and at the end of the writes.
						var c, maxID int64
						if err := tx.queryRow("SELECT count(*), coalesce(max(id), 0) FROM audit_log WHERE entity = ?", EntityMember).Scan(&c, &maxID); err != nil {
							return err
						}
						if maxID != base+int64(i)+1 {
							t.Errorf("after %d inserts the transaction sees audit rows up to %d, want %d", i+1, maxID, base+int64(i)+1)
						}
						inTx = append(inTx, c)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			want := []int64{int64(n/2 + 1), int64(n)}
			if n == 1 {
				want = []int64{1}
			}
			if len(inTx) != len(want) || inTx[0] != want[0] || inTx[len(inTx)-1] != want[len(want)-1] {
				t.Errorf("counts seen inside the transaction %v, want %v", inTx, want)
			}
			head, err := s.AuditHead(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if head.Count != base+int64(n) {
				t.Errorf("head count %d, want %d", head.Count, base+int64(n))
			}
			if _, err := s.VerifyAudit(ctx); err != nil {
				t.Fatal(err)
			}
			es, err := s.AuditEntries(ctx, AuditFilter{Entity: EntityMember, Limit: n + 1})
			if err != nil {
				t.Fatal(err)
			}
			if len(es) != n {
				t.Fatalf("%d member audit rows, want %d", len(es), n)
			}
			for i, e := range es { // newest first
				if want := "批量" + strconv.Itoa(n-1-i); e.Field("name") != want || e.Action != ActionInsert {
					t.Errorf("row %d: %s %s, want the insert of %s", e.ID, e.Action, e.Field("name"), want)
				}
			}
		})
	}
}

// TestAuditBatchFailureRollsBack: when pending audit rows cannot be
// inserted (here their IDs were taken behind the writer's back), the
// transaction fails and nothing of it stays, even when the statement that
// flushed them was a queryRow, which cannot report the error.
func TestAuditBatchFailureRollsBack(t *testing.T) {
	s := openTest(t)
	before, err := s.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Write(ctx, func(tx *Tx) error {
		if _, err := tx.InsertMember(RoleOffice, Member{Name: "回滚", Sex: "男", Standing: StandingFull}); err != nil {
			return err
		}
		// Take the pending row's ID without flushing it.
		if _, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO audit_log(id, at, operator, entity, record_id, action, prev_hash, hash)
			VALUES (?, '', '', 'x', 'x', 'x', '', '')`, tx.chain.nextID-1); err != nil {
			return err
		}
		var n int
		tx.queryRow("SELECT count(*) FROM members").Scan(&n)
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "UNIQUE") && !strings.Contains(err.Error(), "唯一") && !strings.Contains(err.Error(), "constraint") {
		t.Fatalf("write with an unwritable audit row: %v", err)
	}
	after, err := s.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("head moved: %+v → %+v", before, after)
	}
	var n int
	if err := s.read(func(db *sql.DB) error {
		return db.QueryRow("SELECT count(*) FROM members WHERE name = '回滚'").Scan(&n)
	}); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Error("the member stayed without its audit row")
	}
	if _, err := s.VerifyAudit(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestAuditOperatorChangesWithinTransaction: rows after the transaction's
// operator changes (as an exchange's confirmation does) carry and hash the
// new name.
func TestAuditOperatorChangesWithinTransaction(t *testing.T) {
	s := openTest(t)
	err := s.Write(ctx, func(tx *Tx) error {
		for i, op := range []string{"", "（确认）", "（确认）", ""} {
			tx.operator += op
			if _, err := tx.InsertMember(RoleOffice, Member{Name: "操作员" + strconv.Itoa(i), Sex: "男", Standing: StandingFull}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	es, err := s.AuditEntries(ctx, AuditFilter{Entity: EntityMember})
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for _, e := range es {
		ops = append([]string{strings.TrimPrefix(e.Operator, es[len(es)-1].Operator)}, ops...)
	}
	if strings.Join(ops, "|") != "|（确认）|（确认）（确认）|（确认）（确认）" {
		t.Errorf("operators logged: %q", ops)
	}
	if _, err := s.VerifyAudit(ctx); err != nil {
		t.Fatal(err)
	}
}
