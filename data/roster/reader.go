// Package roster moves member dossiers between the store and spreadsheets
// as offices really keep them: the Excel 花名册 with title rows, merged
// cells, header synonyms and dates in every shape on the way in, and a
// plain, formula-safe .xlsx on the way out.
//
// An import is read (ReadFile), planned (PlanImport: a preview that writes
// nothing) and applied (Apply: planned again inside one transaction, so the
// database either takes the whole import or none of it). The generic sheet
// reading and the types every importer shares are package sheet's.
package roster

import (
	"fmt"
	"strings"

	"dangjian/data"
	"dangjian/data/sheet"
)

// The sheet types, under the names this package has always used.
type (
	Sheet  = sheet.Sheet
	Issue  = sheet.Issue
	Mode   = sheet.Mode
	Result = sheet.Result
)

const (
	ValidOnly    = sheet.ValidOnly
	AllOrNothing = sheet.AllOrNothing
	headerScan   = sheet.HeaderScan
)

// ErrRejected is sheet.ErrRejected.
var ErrRejected = sheet.ErrRejected

// rule is the roster's header rule.
var rule = sheet.HeaderRule{Find: findHeader, NotFound: noHeader, Noun: "花名册"}

// ReadFile reads an .xlsx or .csv roster (see sheet.ReadFile). progress,
// which may be nil, receives the fraction read.
func ReadFile(path string, progress data.Progress) (*Sheet, error) {
	return sheet.ReadFile(path, progress, rule)
}

// ReadBytes is ReadFile for a file already in memory; name (its base name)
// decides the format when the content does not.
func ReadBytes(name string, b []byte) (*Sheet, error) {
	return sheet.ReadBytes(name, b, rule)
}

// noHeader is the roster's HeaderRule.NotFound.
func noHeader(name string) error {
	return fmt.Errorf("在“%s”的前 %d 行中没有找到表头。表头行应包含“姓名”，并至少包含以下列名中的两个："+
		"%s。请检查表头是否写错，或删去表头上方多余的行后再导入", name, headerScan, strings.Join(headerHints, "、"))
}

func normHeader(s string) string { return sheet.NormHeader(s) }

func fold(s string) string { return data.FoldWidth(s) }

func blank(cells []string) bool { return sheet.Blank(cells) }

func countRows(list []Issue) int { return sheet.CountRows(list) }

func clip(s string, n int) string { return sheet.Clip(s, n) }
