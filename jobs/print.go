package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"time"

	"dangjian/data"
	"dangjian/report"
)

// PrintOrgChart prints the 组织架构表 as on o.AsOf (o.Out; the other
// options are not used).
func PrintOrgChart(ctx context.Context, s *data.Store, o Options, p Progress) (Done, error) {
	p.step(0, 2, "读取组织架构")
	roots, err := s.OrgTree(ctx)
	if err != nil {
		return Done{}, err
	}
	if len(roots) == 0 {
		return Done{}, errors.New("尚未建立组织，没有可打印的内容")
	}
	opts := report.OrgChartOptions{AsOf: o.asOf(s), WarnMonths: s.TermWarnMonths(ctx)}
	if err := writeRecord(ctx, s, o, p, 1, 2, func(w io.Writer) error { return report.OrgChart(w, roots, opts) }); err != nil {
		return Done{}, err
	}
	n := 0
	for _, r := range roots {
		r.Walk(func(*data.OrgNode, int) { n++ })
	}
	return Done{Path: o.Out, Count: n, Message: "已生成组织架构表：" + o.Out}, nil
}

// minutesOptions gathers what printing minutes needs: the organisation's
// name, unit names and each meeting's attachments.
func minutesOptions(ctx context.Context, s *data.Store, ms []data.Meeting, p Progress, total int) (report.MinutesOptions, error) {
	org, err := OrgName(ctx, s)
	if err != nil {
		return report.MinutesOptions{}, err
	}
	name, err := unitNames(ctx, s, true)
	if err != nil {
		return report.MinutesOptions{}, err
	}
	atts := map[int64][]data.Attachment{}
	for i, m := range ms {
		p.step(1+i, total, "读取附件清单")
		list, err := s.Attachments(ctx, data.EntityMeeting, m.ID)
		if err != nil {
			return report.MinutesOptions{}, err
		}
		if len(list) > 0 {
			atts[m.ID] = list
		}
	}
	return report.MinutesOptions{Org: org, UnitName: name, Attachments: atts}, nil
}

// PrintMinutesBook prints a branch's minutes book for a year (o.BranchID,
// o.Year, o.Out): cover, contents with page numbers, every meeting of the
// branch and its groups in date order.
func PrintMinutesBook(ctx context.Context, s *data.Store, o Options, p Progress) (Done, error) {
	p.step(0, 1, "读取会议记录")
	units, err := s.OrgUnits(ctx)
	if err != nil {
		return Done{}, err
	}
	var branch data.OrgUnit
	ids := []int64{o.BranchID}
	for _, u := range units {
		if u.ID == o.BranchID {
			branch = u
		}
		if u.ParentID == o.BranchID && u.Level == data.LevelGroup {
			ids = append(ids, u.ID)
		}
	}
	if branch.ID == 0 || branch.Level != data.LevelBranch || o.Year == 0 {
		return Done{}, errors.New("请选择一个党支部和年度，会议记录本按党支部、年度打印")
	}
	ms, err := s.Meetings(ctx, data.MeetingFilter{UnitIDs: ids, From: data.NewDate(o.Year, 1, 1),
		To: data.NewDate(o.Year, 12, 31), WithRows: true})
	if err != nil {
		return Done{}, err
	}
	if len(ms) == 0 {
		return Done{}, fmt.Errorf("%s %d 年没有会议记录", branch.Name(), o.Year)
	}
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if c := a.Date.Compare(b.Date); c != 0 {
			return c < 0
		}
		if a.StartTime != b.StartTime {
			return a.StartTime < b.StartTime
		}
		return a.ID < b.ID
	})
	total := len(ms) + 2
	opts, err := minutesOptions(ctx, s, ms, p, total)
	if err != nil {
		return Done{}, err
	}
	book := report.MinutesBookOptions{MinutesOptions: opts, Branch: branch.Name(), Year: o.Year}
	if err := writeRecord(ctx, s, o, p, total-1, total, func(w io.Writer) error { return report.MinutesBook(w, ms, book) }); err != nil {
		return Done{}, err
	}
	return Done{Path: o.Out, Count: len(ms),
		Message: fmt.Sprintf("已打印 %s %d 年度会议记录本（%d 次会议）：%s", branch.Name(), o.Year, len(ms), o.Out)}, nil
}

// PrintMeeting prints one meeting's minutes (id; o.Out).
func PrintMeeting(ctx context.Context, s *data.Store, id int64, o Options, p Progress) (Done, error) {
	p.step(0, 3, "读取会议记录")
	m, err := s.Meeting(ctx, id)
	if errors.Is(err, data.ErrNotFound) || (err == nil && m.Deleted) {
		return Done{}, fmt.Errorf("没有编号为 %d 的会议记录", id)
	}
	if err != nil {
		return Done{}, err
	}
	opts, err := minutesOptions(ctx, s, []data.Meeting{m}, p, 3)
	if err != nil {
		return Done{}, err
	}
	if err := writeRecord(ctx, s, o, p, 2, 3, func(w io.Writer) error { return report.MeetingMinutes(w, m, opts) }); err != nil {
		return Done{}, err
	}
	return Done{Path: o.Out, Count: 1,
		Message: fmt.Sprintf("已打印 %s %s %s：%s", opts.UnitName(m.UnitID), m.Date, m.Kind, o.Out)}, nil
}

// PrintCompliance prints the year's 组织生活落实情况 (o.Year, o.AsOf,
// o.Out): every branch, or o.BranchID alone.
func PrintCompliance(ctx context.Context, s *data.Store, o Options, p Progress) (Done, error) {
	p.step(0, 2, "统计会议召开情况")
	asOf := o.asOf(s)
	if o.Year < 1900 || o.Year > asOf.Y+1 {
		return Done{}, fmt.Errorf("年度 %d 不合理", o.Year)
	}
	var only []int64
	if o.BranchID != 0 {
		only = []int64{o.BranchID}
	}
	cells, err := s.Compliance(ctx, o.Year, only, asOf)
	if err != nil {
		return Done{}, err
	}
	rules, err := s.MeetingRules(ctx)
	if err != nil {
		return Done{}, err
	}
	org, err := OrgName(ctx, s)
	if err != nil {
		return Done{}, err
	}
	opts := report.ComplianceOptions{Year: o.Year, Org: org, AsOf: asOf, Rules: rules}
	if err := writeRecord(ctx, s, o, p, 1, 2, func(w io.Writer) error { return report.ComplianceReport(w, cells, opts) }); err != nil {
		return Done{}, err
	}
	gaps := 0
	for _, c := range cells {
		if c.Gap() {
			gaps++
		}
	}
	return Done{Path: o.Out, Count: gaps,
		Message: fmt.Sprintf("已打印 %d 年组织生活落实情况（缺漏 %d 项）：%s", o.Year, gaps, o.Out)}, nil
}

// PrintChecklist prints the 标准化党支部 evaluation of o.Year: o.BranchID's
// form, or every branch's; with ranking, the general branch's annual
// ranking (table and bar chart of the totals) comes first.
func PrintChecklist(ctx context.Context, s *data.Store, o Options, ranking bool, p Progress) (Done, error) {
	p.step(0, 2, "计算考评得分")
	var ids []int64
	if o.BranchID != 0 {
		ids = []int64{o.BranchID}
	}
	evals, err := s.Evaluate(ctx, o.Year, ids)
	if err != nil {
		return Done{}, err
	}
	if len(evals) == 0 {
		if o.BranchID != 0 {
			name, err := unitNames(ctx, s, false)
			if err != nil {
				return Done{}, err
			}
			return Done{}, fmt.Errorf("“%s”%d 年尚未成立，没有考评", name(o.BranchID), o.Year)
		}
		return Done{}, errors.New("没有需要考评的党支部")
	}
	org, err := OrgName(ctx, s)
	if err != nil {
		return Done{}, err
	}
	opts := report.ChecklistOptions{Year: o.Year, Org: org, AsOf: o.asOf(s)}
	if ranking {
		if opts.Scores, err = s.Scores(ctx, o.Year); err != nil {
			return Done{}, err
		}
	}
	if err := writeRecord(ctx, s, o, p, 1, 2, func(w io.Writer) error { return report.ChecklistReport(w, evals, opts) }); err != nil {
		return Done{}, err
	}
	msg := fmt.Sprintf("已打印 %s %d 年度标准化建设考评表：%s", evals[0].Branch, o.Year, o.Out)
	if len(evals) > 1 || ranking {
		msg = fmt.Sprintf("已打印 %d 年度标准化党支部建设考评结果（%d 个党支部", o.Year, len(evals))
		if ranking {
			msg += "，含排名图表"
		}
		msg += "）：" + o.Out
	}
	return Done{Path: o.Out, Count: len(evals), Message: msg}, nil
}

// PrintTasks prints the year's 督办 task ledger (o.Year, o.AsOf, o.Out):
// every task with each branch's status, report, score and history; only
// o.BranchID's assignments when it is set.
func PrintTasks(ctx context.Context, s *data.Store, o Options, p Progress) (Done, error) {
	p.step(0, 2, "读取督办任务")
	list, err := s.Assignments(ctx, data.TaskFilter{Year: o.Year, BranchID: o.BranchID, WithSteps: true})
	if err != nil {
		return Done{}, err
	}
	if len(list) == 0 {
		return Done{}, fmt.Errorf("%d 年度没有督办任务（可先导入任务清单）", o.Year)
	}
	org, err := OrgName(ctx, s)
	if err != nil {
		return Done{}, err
	}
	name, err := unitNames(ctx, s, false)
	if err != nil {
		return Done{}, err
	}
	opts := report.TaskReportOptions{Year: o.Year, Org: org, AsOf: o.asOf(s), UnitName: name}
	if err := writeRecord(ctx, s, o, p, 1, 2, func(w io.Writer) error { return report.TaskReport(w, list, opts) }); err != nil {
		return Done{}, err
	}
	tasks := map[int64]bool{}
	for _, a := range list {
		tasks[a.Task.ID] = true
	}
	return Done{Path: o.Out, Count: len(list),
		Message: fmt.Sprintf("已打印 %d 年度党建工作任务督办台账（任务 %d 项，承办 %d 项）：%s", o.Year, len(tasks), len(list), o.Out)}, nil
}

// PrintAuditReceipt prints the one-page 操作日志校验码回执 (o.Out) for the
// office's files, and remembers it as an anchor the log must keep holding.
func PrintAuditReceipt(ctx context.Context, s *data.Store, o Options, p Progress) (Done, error) {
	p.step(0, 2, "读取操作日志校验码")
	head, err := s.AuditHead(ctx)
	if err != nil {
		return Done{}, err
	}
	org, err := OrgName(ctx, s)
	if err != nil {
		return Done{}, err
	}
	r := report.AuditReceipt{Org: org, Code: head.Code(), Hash: head.Hash, At: time.Now()}
	if err := write(o, p, 1, 2, func(w io.Writer) error { return report.AuditReceiptPDF(report.Sealed(w, head.Code()), r) }); err != nil {
		return Done{}, err
	}
	s.RecordAnchor(ctx, head, "校验码回执“"+filepath.Base(o.Out)+"”")
	return Done{Path: o.Out, Count: 1, Message: "已打印操作日志校验码回执（" + head.Code() + "）：" + o.Out}, nil
}
