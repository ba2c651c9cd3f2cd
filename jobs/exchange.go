package jobs

import (
	"context"

	"dangjian/data"
)

// Office ↔ branch exchange (issue 16): the 数据交换 screen and
// `dangjian-cli exchange` make, preview and import packages through these.

// ExportPackage writes this copy's next exchange package to out: on the
// office for branch branchID, on a branch copy for the office (branchID 0).
func ExportPackage(ctx context.Context, s *data.Store, branchID int64, out string, p Progress) (data.PackageInfo, error) {
	p.step(0, 2, "正在收集变更")
	role := s.Role(ctx)
	var info data.PackageInfo
	var err error
	if branchID != 0 {
		info, err = s.ExportForBranch(ctx, role, branchID, out)
	} else {
		info, err = s.ExportForOffice(ctx, role, out)
	}
	if err == nil {
		p.step(2, 2, "交换包已生成")
	}
	return info, err
}

// ReissueBranchPackage writes a new initial package for branch branchID
// (office only), for the branch's new, empty database: once the new copy's
// first package arrives it replaces the branch's current copy.
func ReissueBranchPackage(ctx context.Context, s *data.Store, branchID int64, out string, p Progress) (data.PackageInfo, error) {
	p.step(0, 2, "正在收集本支部的数据")
	info, err := s.ReissueBranchPackage(ctx, s.Role(ctx), branchID, out)
	if err == nil {
		p.step(2, 2, "支部初始包已重新生成")
	}
	return info, err
}

// PreviewPackage says what importing the package at path would change,
// changing nothing.
func PreviewPackage(ctx context.Context, s *data.Store, path string, p Progress) (data.ImportPreview, error) {
	p.step(0, 1, "正在检查交换包")
	prev, err := s.PreviewPackage(ctx, path)
	if err == nil {
		p.step(1, 1, "检查完毕")
	}
	return prev, err
}

// ImportPackage imports the package at path, all or nothing. A refused
// package is an error wrapping data.ErrPackageRefused.
func ImportPackage(ctx context.Context, s *data.Store, path string, p Progress) (data.ImportResult, error) {
	p.step(0, 1, "正在导入交换包")
	res, err := s.ImportPackage(ctx, s.Role(ctx), path)
	if err == nil {
		p.step(1, 1, "导入完毕")
	}
	return res, err
}
