// Package workplan imports the year's 督办 task list — the general
// branch's work plan split into aspects (方面) and tasks, each assigned to
// branches with a deadline and points — from the spreadsheet the office
// keeps it in: columns 方面, 任务, 责任支部, 完成时限, 分值, 要求 (with the
// names real plans use), merged 方面 cells, several branches in one cell
// or "各党支部", and deadlines written as dates or as people say them
// (6月底, 第二季度末, 年底).
//
// It works like the member and minutes imports, whose Sheet, Issue, Mode
// and Result it shares: read the file (ReadFile), preview (PlanImport:
// writes nothing), apply (Apply: planned again inside one transaction, so
// the database takes the whole import or none of it). An import never
// creates branches: a row naming a branch the organisation does not have is
// refused, with the names it could not find.
package workplan

import (
	"fmt"
	"strings"

	"dangjian/data"
	"dangjian/data/sheet"
)

// headerRule makes the sheet reader look for a task list's header.
var headerRule = sheet.HeaderRule{Find: findHeader, NotFound: noHeader, Noun: "任务清单"}

// ReadFile reads a task list, .xlsx or .csv (UTF-8, GB18030/GBK or UTF-16
// text), into the raw Sheet the other imports read: rows as Excel numbers
// them, merged cells filled from their top-left value, dates as serial
// numbers. The worksheet taken is the first (active one first) with a task
// list header in its top rows.
func ReadFile(path string, progress data.Progress) (*sheet.Sheet, error) {
	return sheet.ReadFile(path, progress, headerRule)
}

// ReadBytes is ReadFile for a file already in memory; name (its base name)
// decides the format when the content does not.
func ReadBytes(name string, b []byte) (*sheet.Sheet, error) {
	return sheet.ReadBytes(name, b, headerRule)
}

func noHeader(name string) error {
	return fmt.Errorf("在“%s”的前 %d 行中没有找到任务清单的表头。表头行应包含“任务”（或任务内容、工作任务），"+
		"以及“责任支部”或“完成时限”；常用的列名有：%s。请检查表头是否写错，或删去表头上方多余的行后再导入",
		name, sheet.HeaderScan, strings.Join(headerHints, "、"))
}

var headerHints = []string{"方面", "任务", "责任支部", "完成时限", "分值", "要求"}
