package data

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"sync"
)

// auditOps is what AuditOperators knows of one store's log: the operator
// names of the rows up to lastID, and that row's hash, by which it sees
// that the log is still the one it read (a restore replaces it).
type auditOps struct {
	mu       sync.Mutex
	lastID   int64
	lastHash string
	names    []string // sorted
}

var auditOpsByStore sync.Map // *Store → *auditOps

func (s *Store) auditOperators(ctx context.Context) ([]string, error) {
	v, _ := auditOpsByStore.LoadOrStore(s, new(auditOps))
	c := v.(*auditOps)
	c.mu.Lock()
	defer c.mu.Unlock()
	err := s.read(func(db *sql.DB) error {
		if c.lastID > 0 {
			var hash string
			err := db.QueryRowContext(ctx, "SELECT hash FROM audit_log WHERE id = ?", c.lastID).Scan(&hash)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if hash != c.lastHash {
				c.lastID, c.lastHash, c.names = 0, "", nil // another log: read it all
			}
		}
		rows, err := db.QueryContext(ctx, "SELECT operator, max(id) FROM audit_log WHERE id > ? GROUP BY operator", c.lastID)
		if err != nil {
			return err
		}
		defer rows.Close()
		last := c.lastID
		for rows.Next() {
			var o string
			var id int64
			if err := rows.Scan(&o, &id); err != nil {
				return err
			}
			if i, found := slices.BinarySearch(c.names, o); !found {
				c.names = slices.Insert(c.names, i, o)
			}
			last = max(last, id)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if last != c.lastID {
			if err := db.QueryRowContext(ctx, "SELECT hash FROM audit_log WHERE id = ?", last).Scan(&c.lastHash); err != nil {
				return err
			}
			c.lastID = last
		}
		return nil
	})
	if err != nil {
		c.lastID, c.lastHash, c.names = 0, "", nil
		return nil, err
	}
	return slices.Clone(c.names), nil
}
