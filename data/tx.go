package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
)

// Tx is a write transaction. Every change made through it writes its audit
// row in the same transaction, so there is no data change without a trail.
type Tx struct {
	// tx runs the statements. Audit rows wait in chain.pending until a
	// batch is full: go through exec, query, queryRow or prepared (which
	// insert them first) for anything that may read audit_log.
	tx       *sql.Tx
	ctx      context.Context
	at       string
	today    Date // the local calendar day the transaction runs on
	operator string
	// signer is the operator's entered name, or "" while only the
	// computer's account stands in: it goes into the fields printed on
	// records (审核人, 办理人), which must never show a system account.
	signer string
	// stmts are the statements prepared in this transaction, by text:
	// writes that repeat (an import's rows and their audit rows) prepare
	// each statement once. database/sql closes them with the transaction.
	stmts map[string]*sql.Stmt
	chain auditChain // the audit chain's end as this transaction moves it
}

// Write runs fn in one immediate transaction on the writer connection and
// commits when fn returns nil. A *ValidationError or any other error from fn
// rolls everything back.
func (s *Store) Write(ctx context.Context, fn func(tx *Tx) error) error {
	if s.opt.ReadOnly {
		return ErrReadOnly
	}
	if err := s.checkSignedIn(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.w == nil {
		return errors.New("数据库已关闭")
	}
	sqlTx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return friendly(err)
	}
	now := s.now()
	tx := &Tx{tx: sqlTx, ctx: ctx, at: now.UTC().Format(time.RFC3339Nano), today: DateOf(now), operator: s.Operator(), signer: s.signer()}
	err = fn(tx)
	if err == nil {
		err = tx.flushChain()
	}
	if err != nil {
		sqlTx.Rollback()
		return friendly(err)
	}
	return friendly(sqlTx.Commit())
}

// exec, query and queryRow first insert the audit rows still pending
// (flushAudit), so every statement of the transaction sees its whole log.
func (tx *Tx) exec(q string, args ...any) (sql.Result, error) {
	if err := tx.flushPending(); err != nil {
		return nil, err
	}
	return tx.tx.ExecContext(tx.ctx, q, args...)
}

// flushPending inserts the pending audit rows; a failure sticks to the
// transaction, so Write rolls it back even when the statement that
// flushed (a queryRow) cannot report it.
func (tx *Tx) flushPending() error {
	if tx.chain.err == nil && len(tx.chain.pending) > 0 {
		tx.chain.err = tx.flushAudit()
	}
	return tx.chain.err
}

// prepared returns q prepared in this transaction, preparing it on first
// use. Statements repeated per row (an import's inserts) run without
// flushing the pending audit rows, unless they mention the log.
func (tx *Tx) prepared(q string) (*sql.Stmt, error) {
	if strings.Contains(q, "audit_log") && !strings.HasPrefix(q, auditInsertHead) {
		if err := tx.flushPending(); err != nil {
			return nil, err
		}
	}
	if st, ok := tx.stmts[q]; ok {
		return st, nil
	}
	st, err := tx.tx.PrepareContext(tx.ctx, q)
	if err != nil {
		return nil, err
	}
	if tx.stmts == nil {
		tx.stmts = map[string]*sql.Stmt{}
	}
	tx.stmts[q] = st
	return st, nil
}

func (tx *Tx) queryRow(q string, args ...any) *sql.Row {
	tx.flushPending() // an error sticks: Write returns it
	return tx.tx.QueryRowContext(tx.ctx, q, args...)
}

func (tx *Tx) query(q string, args ...any) (*sql.Rows, error) {
	if err := tx.flushPending(); err != nil {
		return nil, err
	}
	return tx.tx.QueryContext(tx.ctx, q, args...)
}

// Now is the transaction's timestamp (UTC, RFC 3339), shared by its audit rows.
func (tx *Tx) Now() string { return tx.at }

// Today is the local calendar day the transaction runs on.
func (tx *Tx) Today() Date { return tx.today }
