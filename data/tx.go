package data

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Tx is a write transaction. Every change made through it writes its audit
// row in the same transaction, so there is no data change without a trail.
type Tx struct {
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

func (tx *Tx) exec(q string, args ...any) (sql.Result, error) {
	return tx.tx.ExecContext(tx.ctx, q, args...)
}

// prepared returns q prepared in this transaction, preparing it on first use.
func (tx *Tx) prepared(q string) (*sql.Stmt, error) {
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
	return tx.tx.QueryRowContext(tx.ctx, q, args...)
}

func (tx *Tx) query(q string, args ...any) (*sql.Rows, error) {
	return tx.tx.QueryContext(tx.ctx, q, args...)
}

// Now is the transaction's timestamp (UTC, RFC 3339), shared by its audit rows.
func (tx *Tx) Now() string { return tx.at }

// Today is the local calendar day the transaction runs on.
func (tx *Tx) Today() Date { return tx.today }
