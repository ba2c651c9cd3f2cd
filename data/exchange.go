package data

import (
	"context"
	"errors"
)

var errNotYet = errors.New("数据交换尚未完成")

// Identity is this copy's exchange identity; a zero CopyIdentity (IsSet
// false) until the office's first package is made or a branch package
// imported.
func (s *Store) Identity(ctx context.Context) (CopyIdentity, error) { return CopyIdentity{}, errNotYet }

// EnsureOfficeIdentity makes this copy the office's: a new organisation
// id, copy id and key pair, unless it has an identity already (then it is
// returned unchanged; a branch copy is refused). Office role only. The
// first-start choice "党总支办公室" calls it; ExportForBranch does too.
func (s *Store) EnsureOfficeIdentity(ctx context.Context, role Role) (CopyIdentity, error) {
	return CopyIdentity{}, errNotYet
}

// CanBecomeBranchCopy says (nil) whether this database is empty enough to
// become a branch copy by importing a branch package: no identity, no
// org units, members or minutes. The error says why not, in Chinese.
func (s *Store) CanBecomeBranchCopy(ctx context.Context) error { return errNotYet }

// BranchLinks lists, on the office copy, every branch with its exchange
// state, in org tree order.
func (s *Store) BranchLinks(ctx context.Context) ([]BranchLink, error) { return nil, errNotYet }

// ExportForBranch writes the office's next package for one branch to path
// (the file is complete or absent): the initial package (org tree, the
// branch's roster, templates, tasks, checklist, the office's public key and
// a one-time trust code) while the branch's copy has not answered yet,
// later only what changed since the branch last confirmed. Office only.
func (s *Store) ExportForBranch(ctx context.Context, role Role, branchID int64, path string) (PackageInfo, error) {
	return PackageInfo{}, errNotYet
}

// ExportForOffice writes a branch copy's next package for the office to
// path: its minutes (submitted or reviewed) with attendance and
// attachments, evidence, proposed member changes — what changed since the
// office last confirmed. Branch copy only.
func (s *Store) ExportForOffice(ctx context.Context, role Role, path string) (PackageInfo, error) {
	return PackageInfo{}, errNotYet
}

// PreviewPackage reads and checks a package and says exactly what
// ImportPackage would change, changing nothing. A package that would be
// refused comes back with Refused set (and a nil error); the error is for
// a file that cannot be read at all.
func (s *Store) PreviewPackage(ctx context.Context, path string) (ImportPreview, error) {
	return ImportPreview{}, errNotYet
}

// ImportPackage applies a package all or nothing, in one transaction. A
// refused package returns a *PackageRefusedError (errors.Is
// ErrPackageRefused) and changes nothing; a package imported before
// changes nothing and comes back with DuplicatePackage. An initial branch
// package into an empty database makes this a branch copy.
func (s *Store) ImportPackage(ctx context.Context, role Role, path string) (ImportResult, error) {
	return ImportResult{}, errNotYet
}

// Packages is the history of packages sent and received, newest first.
func (s *Store) Packages(ctx context.Context) ([]PackageInfo, error) { return nil, errNotYet }

// PendingChanges lists member changes proposed by branches, with status
// ("" for all, PendingOpen for those waiting), newest first.
func (s *Store) PendingChanges(ctx context.Context, status string) ([]PendingChange, error) {
	return nil, errNotYet
}

// AcceptPending applies one proposed member change to the office's
// record (audited, with the proposing copy named). Office only.
func (s *Store) AcceptPending(ctx context.Context, role Role, id int64) error { return errNotYet }

// RejectPending turns one proposed change down (reason optional); the
// office's record stays, and the branch gets it back with the next package.
// Office only.
func (s *Store) RejectPending(ctx context.Context, role Role, id int64, reason string) error {
	return errNotYet
}

// Conflicts lists records both sides changed, with status ("" for all,
// ConflictOpen for undecided), newest first.
func (s *Store) Conflicts(ctx context.Context, status string) ([]Conflict, error) {
	return nil, errNotYet
}

// ResolveConflict decides one conflict: keep (KeepLocal) this copy's
// version, which then travels back with the next package, or take
// (KeepIncoming) the package's. The role must be allowed to write the
// record (a branch copy cannot take an office-only change for another
// branch).
func (s *Store) ResolveConflict(ctx context.Context, role Role, id int64, keep string) error {
	return errNotYet
}
