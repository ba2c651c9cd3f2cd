package data

import (
	"errors"
	"fmt"
	"strings"
)

// Errors returned by the store carry messages written for the user, in
// Chinese, so the UI and the CLI can show them as they are.

// ErrNotFound means the record does not exist or was deleted.
var ErrNotFound = errors.New("记录不存在或已被删除")

// ErrReadOnly means a write was attempted through a store opened read-only.
var ErrReadOnly = errors.New("数据库以只读方式打开，不能修改")

// NeedsUpgradeError means a read-only opener found a database whose schema
// must be upgraded first, which only a writer may do.
type NeedsUpgradeError struct {
	Have, Want int
}

func (e *NeedsUpgradeError) Error() string {
	return fmt.Sprintf("数据库需要升级到新版本的数据结构（%d → %d），请先用党建工作台主程序打开一次", e.Have, e.Want)
}

// LockedError means another copy of the program holds the database for writing.
type LockedError struct {
	Path   string
	Holder string // what the other program wrote into the lock file, if readable
}

func (e *LockedError) Error() string {
	msg := "另一个党建工作台程序正在使用此数据库（" + e.Path + "）"
	if e.Holder != "" {
		msg += "：" + e.Holder
	}
	return msg + "。为防止数据损坏，同一时间只允许一个程序修改数据库，请先关闭另一个程序后再试。"
}

// ReadOnlyFileError means a writer found the database file or its folder
// read-only.
type ReadOnlyFileError struct {
	Path string
	What string // 数据库文件 or 数据库所在的文件夹
}

func (e *ReadOnlyFileError) Error() string {
	return fmt.Sprintf("%s只读，不能修改（%s）。请检查文件和文件夹的权限，或把数据库复制到可写的文件夹；"+
		"只查看和导出的命令（org list、audit verify、backup、export 等）仍可使用。", e.What, e.Path)
}

// LockFileError means the lock file beside the database cannot be used,
// typically because another user owns it.
type LockFileError struct {
	Path string
	Err  error
}

func (e *LockFileError) Error() string {
	return fmt.Sprintf("无法使用锁文件“%s”：它可能属于其他用户，或当前用户没有访问权限。"+
		"请先确认没有人正在使用党建工作台，然后删除这个锁文件（或请管理员把它的所有者改为当前用户），再重试。"+
		"只查看和导出的命令不受影响。", e.Path)
}

func (e *LockFileError) Unwrap() error { return e.Err }

// SchemaTooNewError means the database was written by a newer program version.
type SchemaTooNewError struct {
	Have, Known int
}

func (e *SchemaTooNewError) Error() string {
	return fmt.Sprintf("此数据库由更新版本的党建工作台创建（数据结构版本 %d，本程序只支持到 %d）。"+
		"请升级党建工作台后再打开，本程序不会修改它。", e.Have, e.Known)
}

// ForeignFileError means a file is not a database made by this program, or is damaged.
type ForeignFileError struct {
	Path   string
	Reason string
	// Refused: the file is ours and sound, but its content is not what
	// this program would have written (an extra trigger, a missing table).
	Refused bool
}

func (e *ForeignFileError) Error() string {
	if e.Refused {
		return fmt.Sprintf("“%s”不能用于恢复：%s", e.Path, e.Reason)
	}
	return fmt.Sprintf("“%s”不是党建工作台的数据文件或已损坏：%s", e.Path, e.Reason)
}

// FieldIssue is a problem with one field of a record. Field is the
// record's JSON field name so forms can put the message next to the input.
type FieldIssue struct {
	Field string `json:"field"`
	Msg   string `json:"message"`
}

// ValidationError lists what is wrong with a record. Errors block saving;
// Warnings are shown but the record may be saved anyway.
type ValidationError struct {
	Errors   []FieldIssue
	Warnings []FieldIssue
}

func (e *ValidationError) Error() string {
	msgs := make([]string, 0, len(e.Errors))
	for _, f := range e.Errors {
		msgs = append(msgs, f.Msg)
	}
	return strings.Join(msgs, "；")
}

// Issues collects field problems while a record is checked.
type Issues struct {
	Errors   []FieldIssue
	Warnings []FieldIssue
}

// Err records an error on field.
func (is *Issues) Err(field, format string, args ...any) {
	is.Errors = append(is.Errors, FieldIssue{field, fmt.Sprintf(format, args...)})
}

// Warn records a warning on field.
func (is *Issues) Warn(field, format string, args ...any) {
	is.Warnings = append(is.Warnings, FieldIssue{field, fmt.Sprintf(format, args...)})
}

// AsError is nil when there are no errors, else a *ValidationError.
func (is *Issues) AsError() error {
	if len(is.Errors) == 0 {
		return nil
	}
	return &ValidationError{Errors: is.Errors, Warnings: is.Warnings}
}

// For returns the messages recorded for field (errors first).
func (e *ValidationError) For(field string) []string {
	var out []string
	for _, l := range [][]FieldIssue{e.Errors, e.Warnings} {
		for _, f := range l {
			if f.Field == field {
				out = append(out, f.Msg)
			}
		}
	}
	return out
}
