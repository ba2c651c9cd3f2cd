package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
)

// Values of SettingOnboarded: the first-start choice.
const (
	OnboardedDemo  = "demo"  // the demo data was loaded
	OnboardedEmpty = "empty" // started with an empty database for real use
)

// IsDemo reports whether the database holds the demo data, so the
// workbench can mark it and offer to start real use.
func (s *Store) IsDemo(ctx context.Context) bool {
	v, err := s.Setting(ctx, SettingOnboarded)
	return err == nil && v == OnboardedDemo
}

// HasOperator reports whether an operator name was entered; until then the
// computer's account name stands in, which must never reach paper.
func (s *Store) HasOperator(ctx context.Context) bool {
	v, err := s.Setting(ctx, SettingOperator)
	return err == nil && v != ""
}

// ErrNotDemo means ClearDemo was asked of a database holding real data.
var ErrNotDemo = errors.New("当前数据库不是演示数据，不能清除")

// ClearDemo starts real use on a demo database: the demo is first saved,
// checked, as a backup named 演示数据-<time>.db (kept returns it; it can be
// opened again with 打开数据库), then the database is replaced by an empty
// one at the same path, so the program keeps finding its data where it
// always does (also in portable mode). The operator's name carries over.
// Nothing is lost: the replaced database is kept by Restore as well.
func (s *Store) ClearDemo(ctx context.Context) (kept string, err error) {
	if s.opt.ReadOnly {
		return "", ErrReadOnly
	}
	if !s.IsDemo(ctx) {
		return "", ErrNotDemo
	}
	operator, err := s.Setting(ctx, SettingOperator)
	if err != nil {
		return "", err
	}
	kept = filepath.Join(s.opt.BackupDir, "演示数据-"+s.now().Format("20060102-150405")+".db")
	if err := s.Backup(ctx, kept, nil); err != nil {
		return "", wrapf(err, "无法先备份演示数据，数据库未做任何修改")
	}
	dir, err := os.MkdirTemp(filepath.Dir(s.path), ".empty-")
	if err != nil {
		return kept, wrapf(err, "无法创建新的空数据库，数据库未做任何修改")
	}
	defer os.RemoveAll(dir)
	empty := filepath.Join(dir, "empty.db")
	fresh, err := Open(empty, Options{Program: s.opt.Program, BackupDir: dir, Now: s.opt.Now})
	if err != nil {
		return kept, wrapf(err, "无法创建新的空数据库，数据库未做任何修改")
	}
	err = fresh.SetSetting(ctx, SettingOnboarded, OnboardedEmpty)
	if err == nil && operator != "" {
		err = fresh.SetOperator(ctx, operator)
	}
	fresh.Close()
	if err != nil {
		return kept, err
	}
	if _, err := s.Restore(ctx, empty, nil); err != nil {
		return kept, wrapf(err, "无法换成空数据库")
	}
	return kept, nil
}

// wrapf puts a Chinese lead before err.
func wrapf(err error, lead string) error { return &wrapped{lead: lead, err: err} }

type wrapped struct {
	lead string
	err  error
}

func (w *wrapped) Error() string { return w.lead + "：" + w.err.Error() }
func (w *wrapped) Unwrap() error { return w.err }
