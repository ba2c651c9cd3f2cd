package ui

import (
	"fmt"

	"dangjian/data"
	"dangjian/jobs"
)

// The exchange's jobs as the screens run them: behind runJob's progress
// dialog, through the functions the command line calls too.

// packageExts are the extensions a package file has.
var packageExts = []string{data.PackageExt}

// exportPackage writes a package to path: for branch (the office), or for
// the office (branch 0, on a branch copy).
func (sh *Shell) exportPackage(branch int64, path string, done func(data.PackageInfo)) {
	var info data.PackageInfo
	sh.runJob("正在制作交换包", func(p jobs.Progress) (jobs.Done, error) {
		var err error
		if info, err = jobs.ExportPackage(sh.ctx, sh.store, branch, path, p); err != nil {
			return jobs.Done{}, fmt.Errorf("交换包没有制作：%w", err)
		}
		return jobs.Done{Path: path}, nil
	}, func(jobs.Done) { done(info) })
}

// reissuePackage writes a re-made initial package for branch to path
// (office only).
func (sh *Shell) reissuePackage(branch int64, path string, done func(data.PackageInfo)) {
	var info data.PackageInfo
	sh.runJob("正在重新制作支部初始包", func(p jobs.Progress) (jobs.Done, error) {
		var err error
		if info, err = jobs.ReissueBranchPackage(sh.ctx, sh.store, branch, path, p); err != nil {
			return jobs.Done{}, fmt.Errorf("支部初始包没有制作：%w", err)
		}
		return jobs.Done{Path: path}, nil
	}, func(jobs.Done) { done(info) })
}

// readPackagePreview reads what importing path would change; nothing is
// written. A refused package is said (showRefusal), not handed to done.
func (sh *Shell) readPackagePreview(path string, done func(data.ImportPreview)) {
	var prev data.ImportPreview
	var err error
	sh.runJob("正在检查交换包", func(p jobs.Progress) (jobs.Done, error) {
		prev, err = jobs.PreviewPackage(sh.ctx, sh.store, path, p)
		return jobs.Done{}, nil
	}, func(jobs.Done) {
		if sh.packageFailed(err) {
			return
		}
		done(prev)
	})
}

// importPackage applies path, all or nothing.
func (sh *Shell) importPackage(path string, done func(data.ImportResult)) {
	var res data.ImportResult
	var err error
	sh.runJob("正在导入交换包", func(p jobs.Progress) (jobs.Done, error) {
		res, err = jobs.ImportPackage(sh.ctx, sh.store, path, p)
		return jobs.Done{}, nil
	}, func(jobs.Done) {
		if sh.packageFailed(err) {
			return
		}
		done(res)
	})
}

// packageFailed says why a package could not be read or imported: a
// refusal with its reason (nothing changed), any other error as such.
func (sh *Shell) packageFailed(err error) bool {
	if err == nil {
		return false
	}
	if reason := data.RefusalReason(err); reason != "" {
		sh.showRefusal(reason)
		return true
	}
	sh.showError(fmt.Errorf("交换包没有导入，本机数据没有改变：%w", err))
	return true
}
