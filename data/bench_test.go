package data

import (
	"path/filepath"
	"strconv"
	"strings"
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
	cols, ptrs := m.memberCols()
	_, err := tx.exec("INSERT INTO members("+strings.Join(cols, ", ")+", created_at, updated_at) VALUES (?"+strings.Repeat(", ?", len(cols)+1)+")",
		append(ptrs, tx.at, tx.at)...)
	return err
}
