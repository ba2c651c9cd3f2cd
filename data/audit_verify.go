package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// VerifyOptions add anchors from outside to the ones the store remembers.
type VerifyOptions struct {
	Anchors []AuditAnchor // from a backup file (--against), a typed 校验码 …
}

// AnchorCheck is the outcome for one anchor.
type AnchorCheck struct {
	Anchor  AuditAnchor
	Problem string // "" when the chain holds the anchor
}

// AuditReport is what audit verify found. Each part is checked even when
// an earlier one failed, so the user sees everything at once.
type AuditReport struct {
	Count     int64         // rows in the chain
	Head      AuditHead     // the head as stored
	Integrity string        // PRAGMA integrity_check's complaint; "" when sound
	Chain     *AuditProblem // the first break in the chain; nil when whole
	Anchors   []AnchorCheck // every anchor known, checked
	Data      []DataProblem // rows that differ from the log (at most maxDataProblems)
	DataTotal int           // all such rows
	DataErr   string        // the comparison could not run
}

// OK tells whether nothing was found.
func (r AuditReport) OK() bool {
	if r.Integrity != "" || r.Chain != nil || r.DataTotal > 0 || r.DataErr != "" {
		return false
	}
	for _, a := range r.Anchors {
		if a.Problem != "" {
			return false
		}
	}
	return true
}

// Problems are the findings, one sentence each, in Chinese.
func (r AuditReport) Problems() []string {
	var out []string
	if r.Integrity != "" {
		out = append(out, "数据库文件损坏："+r.Integrity+"。请从备份恢复（系统设置 → 备份与恢复，或 dangjian-cli restore 备份文件）。")
	}
	if r.Chain != nil {
		out = append(out, r.Chain.Error())
	}
	for _, a := range r.Anchors {
		if a.Problem != "" {
			out = append(out, a.Problem)
		}
	}
	if r.DataErr != "" {
		out = append(out, "无法核对数据与日志："+r.DataErr)
	}
	for _, p := range r.Data {
		out = append(out, "数据与日志不符："+p.String())
	}
	if more := r.DataTotal - len(r.Data); more > 0 {
		out = append(out, fmt.Sprintf("另有 %d 处数据与日志不符，未一一列出", more))
	}
	return out
}

// Summary is the one-paragraph verdict.
func (r AuditReport) Summary() string {
	if r.OK() {
		s := fmt.Sprintf("操作日志完好：共 %d 条记录，校验链完整，各数据表与日志一致", r.Count)
		if n := len(r.Anchors); n > 0 {
			s += fmt.Sprintf("，与已知的 %d 个校验码（备份、打印件、回执）相符", n)
		}
		return s + "。当前校验码：" + r.Head.Code()
	}
	return "操作日志校验发现问题：\n" + strings.Join(r.Problems(), "\n")
}

// AuditFailure is VerifyAudit's error when the report found problems.
type AuditFailure struct{ Report AuditReport }

// Error is the verdict with the first problems, short enough for a dialog;
// the full list is Report.Problems (dangjian-cli audit verify prints it).
func (e *AuditFailure) Error() string {
	const show = 8
	p := e.Report.Problems()
	if len(p) <= show {
		return e.Report.Summary()
	}
	more := len(p) - show
	if e.Report.DataTotal > len(e.Report.Data) {
		more += e.Report.DataTotal - len(e.Report.Data) - 1 // the "另有" line counted them
	}
	return "操作日志校验发现问题：\n" + strings.Join(p[:show], "\n") +
		fmt.Sprintf("\n……另有 %d 处问题；完整列表请运行 dangjian-cli audit verify", more)
}

// Unwrap gives the chain's first break, if any, to errors.As.
func (e *AuditFailure) Unwrap() error {
	if e.Report.Chain == nil {
		return nil
	}
	return e.Report.Chain
}

// VerifyAudit runs every check with the anchors the store remembers. It
// returns the rows in the chain and nil when all holds, or an
// *AuditFailure whose report says what does not.
func (s *Store) VerifyAudit(ctx context.Context) (int64, error) {
	r, err := s.VerifyAuditReport(ctx, VerifyOptions{})
	if err != nil {
		return 0, err
	}
	if !r.OK() {
		return r.Count, &AuditFailure{r}
	}
	return r.Count, nil
}

// VerifyAuditReport checks, in order: the file's integrity (PRAGMA
// integrity_check), the hash chain and its head, the chain against every
// anchor known (remembered ones and opt.Anchors), and every audited table
// against the log replayed.
func (s *Store) VerifyAuditReport(ctx context.Context, opt VerifyOptions) (AuditReport, error) {
	var r AuditReport
	err := s.read(func(db *sql.DB) error {
		if err := s.freshIntegrityCheck(); err != nil {
			var ie *integrityError
			switch {
			case errors.As(err, &ie):
				r.Integrity = describeIntegrity(ctx, db, ie.msgs)
			case isDamaged(err):
				r.Integrity = friendly(err).Error()
			default:
				return err
			}
		}
		return nil
	})
	if err != nil {
		return r, err
	}
	remembered, err := s.AuditAnchors(ctx)
	if err != nil && r.Integrity == "" {
		return r, err
	}
	anchors := append(remembered, opt.Anchors...)
	err = s.read(func(db *sql.DB) error {
		n, head, checks, err := walkChain(ctx, db, anchors)
		r.Count, r.Head, r.Anchors = n, head, checks
		var p *AuditProblem
		if errors.As(err, &p) {
			r.Chain = p
			return nil
		}
		return err
	})
	if err != nil {
		if r.Integrity == "" {
			return r, err
		}
		r.Chain = &AuditProblem{Reason: "无法读取：" + err.Error()}
	}
	err = s.read(func(db *sql.DB) error {
		res, err := replayCheck(ctx, db)
		if err != nil {
			return err
		}
		r.Data, r.DataTotal = res.list, res.total
		return nil
	})
	if err == nil && len(r.Data) > 0 {
		if names, nerr := s.AuditNames(ctx); nerr == nil {
			nameProblems(r.Data, names)
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return r, err
		}
		r.DataErr = err.Error()
	}
	return r, nil
}

// walkChain checks the chain row by row, and each anchor as the walk passes
// its row count. It returns the rows walked, the stored head and the anchor
// checks; a break in the chain is an *AuditProblem.
func walkChain(ctx context.Context, db *sql.DB, anchors []AuditAnchor) (int64, AuditHead, []AnchorCheck, error) {
	checks := make([]AnchorCheck, len(anchors))
	byCount := map[int64][]int{}
	for i, a := range anchors {
		checks[i].Anchor = a
		byCount[a.Count] = append(byCount[a.Count], i)
	}
	var n int64
	var head AuditHead
	hashAt := func(prev string) {
		for _, i := range byCount[n] {
			if !strings.HasPrefix(prev, strings.ToLower(checks[i].Anchor.Hash)) {
				checks[i].Problem = fmt.Sprintf("操作日志在%s上是 %d 条、校验码 %s，现在第 %d 条的校验值不同：此后的日志被改写过",
					checks[i].Anchor.Describe(), checks[i].Anchor.Count, checks[i].Anchor.short(), n)
			}
		}
	}
	rows, err := db.QueryContext(ctx, `SELECT id, at, operator, entity, record_id, action, before, after, prev_hash, hash
		FROM audit_log ORDER BY id`)
	if err != nil {
		return 0, head, checks, err
	}
	defer rows.Close()
	prev := genesisHash
	var lastID int64
	var chainErr error
	for rows.Next() {
		var (
			id                                      int64
			at, op, entity, rec, action, ph, stored string
			before, after                           sql.NullString
		)
		if err := rows.Scan(&id, &at, &op, &entity, &rec, &action, &before, &after, &ph, &stored); err != nil {
			return n, head, checks, err
		}
		if chainErr == nil && ph != prev {
			if lastID != 0 && id != lastID+1 {
				chainErr = &AuditProblem{id, fmt.Sprintf("之前的记录（第 %d 至 %d 条）被删除", lastID+1, id-1)}
			} else {
				chainErr = &AuditProblem{id, "与前一条记录的链接不符（前面有记录被删除、插入或改动）"}
			}
		}
		if chainErr == nil && auditHash(ph, id, at, op, entity, rec, action, before, after) != stored {
			chainErr = &AuditProblem{id, "内容被改动（校验值不符）"}
		}
		prev, lastID = stored, id
		n++
		hashAt(prev)
	}
	if err := rows.Err(); err != nil {
		return n, head, checks, err
	}
	for i := range checks {
		a := checks[i].Anchor
		if a.Count > n && checks[i].Problem == "" {
			checks[i].Problem = fmt.Sprintf("操作日志在%s上是 %s 条、校验码 %s，现在只有 %s 条：日志被截断或清空",
				a.Describe(), groupDigits(a.Count), a.short(), groupDigits(n))
		}
	}
	var headID int64
	err = db.QueryRowContext(ctx, "SELECT last_id, last_hash, count FROM audit_head WHERE id = 1").Scan(&headID, &head.Hash, &head.Count)
	switch {
	case chainErr != nil:
	case err == sql.ErrNoRows:
		head = AuditHead{Hash: genesisHash}
		if n != 0 {
			chainErr = &AuditProblem{0, "日志链的终点记录丢失"}
		}
	case err != nil:
		return n, head, checks, err
	case headID != lastID || head.Hash != prev:
		if headID > lastID {
			chainErr = &AuditProblem{0, fmt.Sprintf("最后的记录被删除（应以第 %d 条结束，现在止于第 %d 条）", headID, lastID)}
		} else {
			chainErr = &AuditProblem{lastID, "是在程序之外添加的（日志链的终点不符）"}
		}
	case head.Count != n:
		chainErr = &AuditProblem{0, fmt.Sprintf("记录条数不符（应有 %d 条，实有 %d 条）", head.Count, n)}
	}
	if err == sql.ErrNoRows {
		head = AuditHead{Hash: genesisHash}
	}
	return n, head, checks, chainErr
}

// groupDigits writes 1234 as "1,234".
func groupDigits(n int64) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

var treeRE = regexp.MustCompile(`Tree (\d+)`)

// describeIntegrity sums up PRAGMA integrity_check's lines: how many
// problems, in which tables (by their Chinese names), and the first one.
func describeIntegrity(ctx context.Context, db *sql.DB, msgs []string) string {
	var lines []string
	for _, m := range msgs {
		for _, l := range strings.Split(m, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "***") {
				lines = append(lines, l)
			}
		}
	}
	tables := map[string]bool{}
	var names []string
	for _, l := range lines {
		m := treeRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		var name string
		if db.QueryRowContext(ctx, "SELECT tbl_name FROM sqlite_master WHERE rootpage = ?", m[1]).Scan(&name) != nil || tables[name] {
			continue
		}
		tables[name] = true
		label := name
		for _, e := range registry() {
			if e.Table == name {
				label = e.Label + "（" + name + "）"
			}
		}
		names = append(names, label)
	}
	s := fmt.Sprintf("完整性检查发现 %d 处问题", len(lines))
	if len(lines) >= 100 { // SQLite stops counting at 100
		s = "完整性检查发现至少 100 处问题"
	}
	if len(names) > 0 {
		s += "，涉及数据表 " + strings.Join(names, "、")
	}
	if len(lines) > 0 {
		s += "（第一处：" + Clip(lines[0], 80) + "）"
	}
	return s
}
