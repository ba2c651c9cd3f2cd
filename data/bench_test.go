package data

import (
	"dangjian/internal/peakrss"
	"path/filepath"
	"strconv"
	"testing"
)

// The audit row's cost per write, measured two ways: each write in its own
// transaction (what the UI does: dominated by the fsync of the commit) and
// many writes in one transaction (what an import does: the audit row's own
// cost — JSON, SHA-256, two extra statements — stands out).
func BenchmarkWrite(b *testing.B) {
	for _, audited := range []bool{false, true} {
		name := "plain"
		if audited {
			name = "audited"
		}
		b.Run("commit-each/"+name, func(b *testing.B) {
			s := benchStore(b)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := s.Write(ctx, func(tx *Tx) error { return benchInsert(tx, i, audited) }); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("one-tx-1000/"+name, func(b *testing.B) {
			s := benchStore(b)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				err := s.Write(ctx, func(tx *Tx) error {
					for j := 0; j < 1000; j++ {
						if err := benchInsert(tx, i*1000+j, audited); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func benchStore(b *testing.B) *Store {
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// benchInsert adds a member, with or without the audit row, to isolate its cost.
func benchInsert(tx *Tx, i int, audited bool) error {
	m := Member{Name: "测试" + strconv.Itoa(i), StaffNo: strconv.Itoa(i), Sex: "男", Standing: StandingFull,
		BirthDate: MustDate("1980-05-17"), Remarks: "基准测试"}
	if audited {
		_, err := tx.InsertMember(RoleOffice, m)
		return err
	}
	return tx.insertMemberRow(&m, keysOf(m.Name))
}

// Issue 17: an audited write of 1,000 members in one transaction against
// the same 1,000 rows inserted without their audit rows (the floor). The
// goal is at most 1.5 times the floor.
func BenchmarkScaleAuditedWrite(b *testing.B)      { benchScaleWrite(b, true) }
func BenchmarkScaleAuditedWriteFloor(b *testing.B) { benchScaleWrite(b, false) }

func benchScaleWrite(b *testing.B, audited bool) {
	s := benchStore(b)
	peakrss.Reset()
	b.ResetTimer()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		err := s.Write(ctx, func(tx *Tx) error {
			for j := 0; j < 1000; j++ {
				if err := benchInsert(tx, i*1000+j, audited); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(peakrss.PeakMB(), "peak-MB")
}
