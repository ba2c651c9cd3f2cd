package ui

import (
	"fmt"

	"dangjian/data"
	"dangjian/jobs"
)

// The exchange's jobs as the screens run them: behind runJob's progress
// dialog, through the functions the command line calls too.

// packageExts are the extensions a package file has.
var packageExts = []string{".djx"}

// exportPackage writes a package to path: for branch (the office), or for
// the office (branch 0, on a branch copy).
func (sh *Shell) exportPackage(branch int64, path string, done func(data.PackageInfo)) {
	var info data.PackageInfo
	sh.runJob("正在制作交换包", func(p jobs.Progress) (jobs.Done, error) {
		var err error
		role := sh.role()
		if branch != 0 {
			info, err = sh.store.ExportForBranch(sh.ctx, role, branch, path)
		} else {
			info, err = sh.store.ExportForOffice(sh.ctx, role, path)
		}
		if err != nil {
			return jobs.Done{}, fmt.Errorf("交换包没有制作：%w", err)
		}
		return jobs.Done{Path: path}, nil
	}, func(jobs.Done) { done(info) })
}

// previewPackage reads what importing path would change; nothing is written.
func (sh *Shell) readPackagePreview(path string, done func(data.ImportPreview)) {
	var prev data.ImportPreview
	sh.runJob("正在检查交换包", func(p jobs.Progress) (jobs.Done, error) {
		var err error
		prev, err = sh.store.PreviewPackage(sh.ctx, path)
		return jobs.Done{}, err
	}, func(jobs.Done) { done(prev) })
}

// importPackage applies path, all or nothing.
func (sh *Shell) importPackage(path string, done func(data.ImportResult)) {
	var res data.ImportResult
	sh.runJob("正在导入交换包", func(p jobs.Progress) (jobs.Done, error) {
		var err error
		res, err = sh.store.ImportPackage(sh.ctx, sh.role(), path)
		return jobs.Done{}, err
	}, func(jobs.Done) { done(res) })
}
