// Package minutes imports historical meeting minutes from the ledgers
// (会议记录台账) branches kept in Excel before this program: one row per
// meeting with 支部, 会议类型, 主题, 会议时间, 地点, 主持人, 记录人, 应到/实到
// 人数, 请假 and 缺席 people, 列席人员, 议程, 主要内容 and 决议.
//
// It works like the member import in package roster, sharing package
// sheet's Sheet, Issue and Mode: read the file (ReadFile), preview (PlanImport: writes
// nothing), apply (Apply: planned again inside one transaction, so the
// database takes the whole import or none of it). Meetings never create
// branches: a row naming a branch the organisation does not have is
// refused.
package minutes

import (
	"fmt"

	"dangjian/data"
	"dangjian/data/sheet"
)

// headerScan: the header must be within the first rows, as far as the
// reader looks.
const headerScan = sheet.HeaderScan

// ledger is the header rule of a minutes ledger for the sheet reader.
var ledger = sheet.HeaderRule{Find: findHeader, NotFound: noHeader, Noun: "会议记录台账"}

// ReadFile reads a minutes ledger, .xlsx or .csv (UTF-8 with or without
// BOM, GB18030/GBK as Excel on Chinese Windows saves it, or UTF-16
// "Unicode 文本"), into the same raw Sheet the member import reads: rows as
// Excel numbers them, merged cells filled from their top-left value, dates
// as serial numbers. The worksheet taken is the first (active one first)
// with a ledger header in its top rows. progress, which may be nil,
// receives the fraction read.
//
// It is the sheet reader with the ledger's header rule: roster.ReadFile
// looks for a roster header (姓名 and other dossier columns) instead.
func ReadFile(path string, progress data.Progress) (*sheet.Sheet, error) {
	return sheet.ReadFile(path, progress, ledger)
}

// ReadBytes is ReadFile for a file already in memory; name (its base
// name) decides the format when the content does not.
func ReadBytes(name string, b []byte) (*sheet.Sheet, error) {
	return sheet.ReadBytes(name, b, ledger)
}

func noHeader(name string) error {
	return fmt.Errorf("在“%s”的前 %d 行中没有找到会议记录台账的表头。表头行应包含“会议时间”（或“日期”），"+
		"以及“支部”“会议类型”“主题”等列中的至少两个。请检查表头是否写错，或删去表头上方多余的行后再导入", name, headerScan)
}
