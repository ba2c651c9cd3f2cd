// Package studyimport imports a 学习台账: one row per member and study,
// with columns 姓名, 身份证号码, 学习日期, 学习内容, 学时, 学习形式 (and
// the names real ledgers use for them). A row is matched to the roster by
// its ID number, then — when the cell is blank — by its name; a person not
// on the roster, a name shared by several members, or (for a branch copy)
// a member of another branch is rejected with the reason.
//
// It works like the other sheet imports, whose Sheet, Issue, Mode and
// Result it shares: read (ReadFile), preview (PlanImport: writes nothing),
// apply (Apply: planned again inside one transaction, so the database takes
// the whole import or none of it). A record already on file (same member,
// date and content) is skipped, so importing a ledger twice adds nothing.
package studyimport

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"dangjian/data"
	"dangjian/data/sheet"
)

// Result is what Apply wrote, in the other imports' shape (and JSON).
type Result = sheet.Result

// Column keys.
const (
	colName      = "name"
	colIDNumber  = "id_number"
	colDate      = "date"
	colContent   = "content"
	colHours     = "hours"
	colForm      = "form"
	colOrganiser = "organiser"
	colIgnore    = "-"
)

var keyLabels = map[string]string{colName: "姓名", colIDNumber: "身份证号码", colDate: "学习日期", colContent: "学习内容",
	colHours: "学时", colForm: "学习形式", colOrganiser: "组织者"}

var synonyms = func() map[string]string {
	m := map[string]string{}
	add := func(key string, names ...string) {
		for _, n := range names {
			m[sheet.NormHeader(n)] = key
		}
	}
	add(colName, "姓名", "党员姓名", "名字", "学员姓名")
	add(colIDNumber, "身份证号码", "身份证号", "公民身份号码", "身份证", "身份证件号码")
	add(colDate, "学习日期", "学习时间", "日期", "时间")
	add(colContent, "学习内容", "内容", "学习主题", "主题", "课程名称", "课程", "学习课程")
	add(colHours, "学时", "学习学时", "学时数", "时长", "学习时长", "课时")
	add(colForm, "学习形式", "形式", "学习方式", "方式")
	add(colOrganiser, "组织者", "组织单位", "主办单位", "授课人", "主讲人")
	add(colIgnore, "序号", "编号", "所在支部", "所在党支部", "支部", "备注", "说明", "性别")
	return m
}()

var headerHints = []string{"姓名", "身份证号码", "学习日期", "学习内容", "学时", "学习形式"}

func headerKey(raw string) (string, bool) { return sheet.MatchHeader(raw, synonyms) }

// findHeader: the row naming 姓名, 学习内容 and 学时 (or 学习日期) that
// names the most columns among the first rows.
func findHeader(rows [][]string) (int, bool) {
	best, bestN := -1, 0
	for i := 0; i < len(rows) && i < sheet.HeaderScan; i++ {
		seen := map[string]bool{}
		for _, c := range rows[i] {
			if k, ok := headerKey(c); ok && k != colIgnore {
				seen[k] = true
			}
		}
		if seen[colName] && seen[colContent] && (seen[colHours] || seen[colDate]) && len(seen) > bestN {
			best, bestN = i, len(seen)
		}
	}
	return best, best >= 0
}

var headerRule = sheet.HeaderRule{Find: findHeader, Noun: "学习台账",
	NotFound: func(name string) error {
		return fmt.Errorf("在“%s”的前 %d 行中没有找到学习台账的表头。表头行应包含“姓名”“学习内容”和“学时”；"+
			"常用的列名有：%s。请检查表头是否写错，或删去表头上方多余的行后再导入",
			name, sheet.HeaderScan, strings.Join(headerHints, "、"))
	}}

// ReadFile reads a ledger, .xlsx or .csv.
func ReadFile(path string, progress data.Progress) (*sheet.Sheet, error) {
	return sheet.ReadFile(path, progress, headerRule)
}

// ReadBytes is ReadFile for a file already in memory.
func ReadBytes(name string, b []byte) (*sheet.Sheet, error) {
	return sheet.ReadBytes(name, b, headerRule)
}

// Row is a study record the import adds.
type Row struct {
	Row      int
	Record   data.StudyRecord
	Warnings []sheet.Issue
}

// Plan is what an import would do, computed without writing anything.
type Plan struct {
	Header   int
	Columns  []string
	Unknown  []string
	Adds     []Row
	Existing int // records already on file (listed in Skipped)
	Rejected []sheet.Issue
	Warnings []sheet.Issue
	Skipped  []sheet.Issue
}

// RejectedRows counts the rows refused.
func (p *Plan) RejectedRows() int { return sheet.CountRows(p.Rejected) }

// world is what rows are checked against.
type world struct {
	role    data.Role
	members []data.Member // every dossier not deleted, those who left included
	onFile  func(memberID int64, date data.Date, content string) (bool, error)
}

// PlanImport previews an import: nothing is written.
func PlanImport(ctx context.Context, s *data.Store, sh *sheet.Sheet) (*Plan, error) {
	members, err := s.Members(ctx, data.MemberFilter{Roster: data.RosterAll})
	if err != nil {
		return nil, err
	}
	existing := map[string]bool{}
	recs, err := s.StudyRecords(ctx, data.StudyFilter{})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		existing[recKey(r.MemberID, r.Date, r.Content)] = true
	}
	onFile := func(id int64, d data.Date, c string) (bool, error) { return existing[recKey(id, d, c)], nil }
	return plan(ctx, sh, world{role: s.Role(ctx), members: members, onFile: onFile}, nil)
}

func recKey(id int64, d data.Date, content string) string {
	return strconv.FormatInt(id, 10) + "|" + d.String() + "|" + strings.TrimSpace(content)
}

// Apply imports sh: planned again inside one write transaction against the
// records on file then, every record stored (audited) in that same
// transaction. In AllOrNothing mode a rejected row stops everything (the
// error wraps sheet.ErrRejected).
func Apply(ctx context.Context, s *data.Store, sh *sheet.Sheet, mode sheet.Mode, progress data.Progress) (Result, error) {
	members, err := s.Members(ctx, data.MemberFilter{Roster: data.RosterAll})
	if err != nil {
		return Result{}, err
	}
	role := s.Role(ctx)
	return sheet.Write(ctx, s, sh, mode, progress, sheet.Writer[Row]{
		Plan: func(tx *data.Tx, _ []data.OrgUnit, progress data.Progress) (sheet.Planned[Row], error) {
			p, err := plan(ctx, sh, world{role: role, members: members, onFile: tx.StudyOnFile}, progress)
			if err != nil {
				return sheet.Planned[Row]{}, err
			}
			return sheet.Planned[Row]{Header: p.Header, Existing: p.Existing, Adds: p.Adds,
				Rejected: p.Rejected, Warnings: p.Warnings, Skipped: p.Skipped}, nil
		},
		Save: func(tx *data.Tx, a Row) (int, []sheet.Issue, error) {
			_, err := tx.SaveStudyRecord(role, a.Record)
			return a.Row, a.Warnings, err
		},
		Every: 50,
		Sort: func(list []sheet.Issue) {
			sort.SliceStable(list, func(i, j int) bool { return list[i].Row < list[j].Row })
		},
	})
}

type column = sheet.Column

func plan(ctx context.Context, sh *sheet.Sheet, w world, progress data.Progress) (*Plan, error) {
	if sh == nil || len(sh.Rows) == 0 {
		return nil, fmt.Errorf("表格是空的，没有可导入的内容")
	}
	h, ok := findHeader(sh.Rows)
	if !ok {
		return nil, headerRule.NotFound(sh.Name)
	}
	p := &Plan{Header: h + 1}
	cols, unknown := sheet.MapColumns(sh.Rows[h], headerKey, colIgnore)
	p.Unknown = append(p.Unknown, unknown...)
	for _, c := range cols {
		p.Columns = append(p.Columns, c.Title+" → "+keyLabels[c.Key])
	}
	if len(p.Unknown) > 0 {
		p.Warnings = append(p.Warnings, sheet.Issue{Row: p.Header, Reason: "以下列未能识别，没有导入：" + strings.Join(p.Unknown, "、")})
	}
	p.Rejected = append(p.Rejected, sh.Problems...)

	byID := map[string]data.Member{}
	byName := map[string][]data.Member{}
	for _, m := range w.members {
		if m.IDNumber != "" {
			byID[strings.ToUpper(m.IDNumber)] = m
		}
		if !data.InHistory(m.Status) {
			byName[m.Name] = append(byName[m.Name], m)
		}
	}
	inFile := map[string]int{} // record key → first row
	source := filepath.Base(sh.Name)
	rows := sh.Rows[h+1:]
	for i, cells := range rows {
		n := h + 2 + i
		if progress != nil && i%50 == 0 {
			progress(float64(i) / float64(len(rows)))
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		get := func(key string) string {
			for _, c := range cols {
				if c.Key == key && c.Idx < len(cells) {
					return strings.TrimSpace(cells[c.Idx])
				}
			}
			return ""
		}
		titleOf := func(key string) string {
			for _, c := range cols {
				if c.Key == key {
					return c.Title
				}
			}
			return keyLabels[key]
		}
		if sheet.Blank(cells) {
			continue
		}
		name := strings.Join(strings.Fields(get(colName)), "")
		id := strings.ToUpper(strings.Join(strings.Fields(sheet.Fold(get(colIDNumber))), ""))
		id = strings.TrimPrefix(id, "'")
		if name == "" && id == "" {
			p.Skipped = append(p.Skipped, sheet.Issue{Row: n, Reason: "没有姓名和身份证号码，按合计或说明行跳过"})
			continue
		}
		if isFooter(name) {
			p.Skipped = append(p.Skipped, sheet.Issue{Row: n, Reason: "合计或说明行，跳过"})
			continue
		}
		var rej, warns []sheet.Issue
		reject := func(key, format string, args ...any) {
			rej = append(rej, sheet.Issue{Row: n, Column: titleOf(key), Reason: fmt.Sprintf(format, args...)})
		}
		warn := func(key, format string, args ...any) {
			warns = append(warns, sheet.Issue{Row: n, Column: titleOf(key), Reason: fmt.Sprintf(format, args...)})
		}
		// Who: by ID number, then by name.
		var who data.Member
		found := false
		switch {
		case strings.Contains(id, "E+"):
			reject(colIDNumber, "身份证号码“%s”被 Excel 显示成了科学计数法，后几位已丢失；请把该列设为文本格式后重新填写", id)
		case id != "":
			if m, ok := byID[id]; ok {
				who, found = m, true
				if name != "" && name != m.Name {
					warn(colName, "姓名“%s”与党员名册中该身份证号码的姓名“%s”不一致，按身份证号码记入%s名下", name, m.Name, m.Name)
				}
			} else {
				reject(colIDNumber, "党员名册中没有身份证号码为“%s”的党员", id)
			}
		default:
			switch list := byName[name]; len(list) {
			case 0:
				reject(colName, "党员名册中没有“%s”；请先录入党员档案，或核对姓名", name)
			case 1:
				who, found = list[0], true
			default:
				reject(colName, "党员名册中有 %d 名党员叫“%s”，请填写身份证号码以区分", len(list), name)
			}
		}
		if found && data.InHistory(who.Status) {
			reject(colName, "%s的党员状态为“%s”，已不在党员名册中，不再登记学习记录", who.Name, who.Status)
		}
		if found && w.role.OwnBranch(who.BranchID, "") != nil {
			reject(colName, "%s不是本支部党员，只能导入本支部党员的学习记录", who.Name)
		}
		r := data.StudyRecord{MemberID: who.ID, Name: who.Name, Content: get(colContent), Organiser: get(colOrganiser),
			Source: data.SourceImport, SourceRef: fmt.Sprintf("%s 第 %d 行", source, n)}
		if r.Content == "" {
			reject(colContent, "缺少学习内容")
		}
		if raw := get(colDate); raw == "" {
			reject(colDate, "缺少学习日期")
		} else if d, err := cellDate(raw, sh.Date1904); err != nil {
			reject(colDate, "%v", err)
		} else {
			r.Date = d
		}
		if raw := get(colHours); raw == "" {
			reject(colHours, "缺少学时")
		} else if hrs, err := data.ParseHours(sheet.Fold(raw)); err != nil {
			reject(colHours, "%v", err)
		} else {
			r.Hours = hrs
		}
		if raw := get(colForm); raw == "" {
			r.Form = data.StudySelf
			warn(colForm, "未填写学习形式，按“自学”记录")
		} else if f, ok := normForm(raw); ok {
			r.Form = f
		} else {
			reject(colForm, "学习形式“%s”无法识别，应为%s之一", raw, strings.Join(data.StudyForms, "、"))
		}
		if len(rej) > 0 {
			p.Rejected = append(p.Rejected, rej...)
			continue
		}
		key := recKey(r.MemberID, r.Date, r.Content)
		if first, dup := inFile[key]; dup {
			p.Skipped = append(p.Skipped, sheet.Issue{Row: n, Reason: fmt.Sprintf("与第 %d 行重复（同一党员、日期和学习内容），跳过", first)})
			continue
		}
		inFile[key] = n
		on, err := w.onFile(r.MemberID, r.Date, r.Content)
		if err != nil {
			return nil, err
		}
		if on {
			p.Existing++
			p.Skipped = append(p.Skipped, sheet.Issue{Row: n, Reason: "已存在：" + who.Name + " " + r.Date.String() + " 的这条学习记录已登记"})
			continue
		}
		p.Warnings = append(p.Warnings, warns...)
		p.Adds = append(p.Adds, Row{Row: n, Record: r, Warnings: warns})
	}
	return p, nil
}

// normForm reads the forms ledgers write: 集中学习, 自学, 党课, 线上学习, 网络学习, 培训 ….
func normForm(s string) (string, bool) {
	s = strings.Join(strings.Fields(s), "")
	for _, f := range data.StudyForms {
		if s == f {
			return f, true
		}
	}
	switch s {
	case "集中", "集体学习", "集中学习会", "学习会", "中心组学习":
		return data.StudyGroup, true
	case "个人自学", "自主学习":
		return data.StudySelf, true
	case "讲党课", "听党课", "专题党课":
		return data.StudyLesson, true
	case "线上学习", "网络学习", "网上学习", "网络", "在线学习", "学习强国":
		return data.StudyOnline, true
	case "培训", "专题培训班", "集中培训", "培训班":
		return data.StudyTraining, true
	}
	return "", false
}

func isFooter(name string) bool {
	for _, w := range []string{"合计", "总计", "小计", "填表人", "制表人", "说明", "备注", "审核人"} {
		if strings.HasPrefix(name, w) {
			return true
		}
	}
	return false
}

// cellDate reads a date cell: an Excel serial number or a written date.
func cellDate(s string, date1904 bool) (data.Date, error) {
	s = strings.TrimPrefix(strings.TrimSpace(sheet.Fold(s)), "'")
	if i := strings.IndexAny(s, " T"); i > 0 && strings.Contains(s[i:], ":") {
		s = s[:i]
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 2100 && f < 100000 {
		return sheet.SerialDate(int(f), date1904), nil
	}
	d, err := data.ParseDateLoose(s)
	if err != nil || d.IsZero() {
		return data.Date{}, fmt.Errorf("日期“%s”无法识别，请写成 2026-07-01 的形式", s)
	}
	return d, nil
}
