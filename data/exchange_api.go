package data

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Office ↔ branch exchange (issue 16): the exported API the 数据交换
// screen, the first-start choice and the CLI call. The format of a package
// and the limits are described in docs/exchange.md; the implementation is
// in exchange*.go beside this file.
//
// Every copy of the workbench has an identity: the organisation it belongs
// to (created with the office database), its own copy id and an ed25519
// key pair. The office makes a package for one branch (the first one sets
// up a branch copy on an empty database); a branch copy makes packages for
// the office. Importing is all or nothing; a preview says exactly what an
// import would change without changing anything.

// Copy kinds.
const (
	CopyOffice = "office" // the 党总支 office's copy
	CopyBranch = "branch" // one branch secretary's copy
)

// Package kinds.
const (
	PackageBranchInit = "branch-init" // the office's first package to a branch: sets up a branch copy
	PackageUpdate     = "update"      // every later package, either way
)

// Package directions in the history.
const (
	PackageSent     = "sent"
	PackageReceived = "received"
)

// Keep choices when a conflict is resolved.
const (
	KeepLocal    = "local"    // keep this copy's version
	KeepIncoming = "incoming" // take the version the package carried
)

// States of a pending member change and of a conflict.
const (
	PendingOpen     = "待确认"
	PendingAccepted = "已接受"
	PendingRejected = "已拒绝"
	ConflictOpen    = "未处理"
	ConflictSettled = "已处理"
)

// CopyIdentity is who this copy is in the exchange.
type CopyIdentity struct {
	OrgID   string `json:"org_id"`   // the organisation, created with the office database; "" until set up
	OrgName string `json:"org_name"` // the general branch's name, as the office's org tree has it
	CopyID  string `json:"copy_id"`  // this copy; "" until set up
	Kind    string `json:"kind"`     // CopyOffice, CopyBranch or "" (not set up yet)
	// BranchID and BranchName: the branch a branch copy belongs to (local id).
	BranchID   int64  `json:"branch_id,omitempty"`
	BranchName string `json:"branch_name,omitempty"`
	// Fingerprint of this copy's public key: 16 hex digits in groups of
	// four ("3f2a 9c01 …"), for comparing by telephone.
	Fingerprint string `json:"fingerprint"`
	// OfficeCopyID and OfficeFingerprint: on a branch copy, the office's.
	OfficeCopyID      string `json:"office_copy_id,omitempty"`
	OfficeFingerprint string `json:"office_fingerprint,omitempty"`
}

// IsSet reports whether the copy has an exchange identity.
func (id CopyIdentity) IsSet() bool { return id.CopyID != "" }

// IsBranch reports whether this is a branch copy.
func (id CopyIdentity) IsBranch() bool { return id.Kind == CopyBranch }

// Label is the copy's role in Chinese: 党总支办公室 / 第一党支部（支部副本）/ 未设置.
func (id CopyIdentity) Label() string {
	switch id.Kind {
	case CopyOffice:
		return "党总支办公室"
	case CopyBranch:
		return id.BranchName + "（支部副本）"
	}
	return "未设置"
}

// BranchLink is the office's view of one branch in the exchange: whether
// its copy exists (pinned by the first package it sent back) and the
// numbers last sent and received.
type BranchLink struct {
	BranchID       int64     `json:"branch_id"`
	BranchName     string    `json:"branch_name"`
	CopyID         string    `json:"copy_id,omitempty"` // "" until the branch's first package arrives
	Fingerprint    string    `json:"fingerprint,omitempty"`
	Invited        bool      `json:"invited"` // an initial package was made (a trust code is waiting)
	LastSent       int       `json:"last_sent"`
	LastSentAt     time.Time `json:"last_sent_at"`
	LastReceived   int       `json:"last_received"`
	LastReceivedAt time.Time `json:"last_received_at"`
	// Reissued: a re-issued initial package waits for the branch's new
	// copy (ReissueBranchPackage); until its first package arrives the
	// pinned copy above stays the branch's copy.
	Reissued bool `json:"reissued,omitempty"`
	// Replaced: how many earlier copies of the branch were replaced.
	Replaced int `json:"replaced,omitempty"`
}

// Manifest is the human-readable part of a package (manifest.json in the
// file): from, to, when, number, counts.
type Manifest struct {
	Format   int    `json:"format"` // 1
	Kind     string `json:"kind"`   // PackageBranchInit or PackageUpdate
	OrgID    string `json:"org_id"`
	OrgName  string `json:"org_name"`
	From     string `json:"from"`      // sender copy id
	FromName string `json:"from_name"` // 党总支办公室 / 第一党支部
	FromKind string `json:"from_kind"` // CopyOffice / CopyBranch
	To       string `json:"to"`        // receiver copy id; "" in an initial branch package
	ToName   string `json:"to_name"`
	// Branch is the branch the package is for or from (its name).
	Branch string    `json:"branch"`
	Number int       `json:"number"` // per sender and receiver, from 1
	Ack    int       `json:"ack"`    // the last package from the receiver the sender had imported
	Made   time.Time `json:"made"`
	// Counts: records carried per entity (EntityMeeting …) and "files".
	Counts map[string]int `json:"counts"`
}

// CountsText is the manifest's counts in Chinese: "会议记录 5 条，附件 3 个".
func (m Manifest) CountsText() string { return countsText(m.Counts) }

// EntityChange counts what an import does to one entity.
type EntityChange struct {
	Entity  string `json:"entity"`
	Label   string `json:"label"`
	New     int    `json:"new"`
	Updated int    `json:"updated"`
}

// FieldPair is one field of a record in two versions, labelled from the
// registry (data/registry.go) and formatted for reading.
type FieldPair struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	// Left: this copy's value (a conflict's local version, a pending
	// change's current office value); Right: the package's.
	Left    string `json:"left"`
	Right   string `json:"right"`
	Differs bool   `json:"differs"`
}

// ConflictSummary names one conflict an import found or would find.
type ConflictSummary struct {
	Entity string `json:"entity"`
	Label  string `json:"label"` // the entity's Chinese name
	Name   string `json:"name"`  // the record, "2026-03-05 支部委员会"
}

// Refusal names a record the import refuses (and why), while the rest
// applies: e.g. minutes of another branch in a branch's package.
type Refusal struct {
	Entity string `json:"entity"`
	Name   string `json:"name"`
	Reason string `json:"reason"`
	// Final: the refusal cannot change (the record breaks the rules of
	// the direction it came, e.g. a branch approving its own minutes): it
	// is acknowledged and the sender does not send the record again until
	// it changes. Otherwise (a reference this copy lacks yet) the sender
	// sends it again with its next package.
	Final bool `json:"final,omitempty"`
}

// finalNote follows the reason of a final refusal in the preview.
const finalNote = "（对方不会再重发此记录，除非再作修改）"

// ImportPreview is exactly what ImportPackage would do with a file, found
// without changing anything.
type ImportPreview struct {
	Manifest Manifest `json:"manifest"`
	// Refused: the package would be refused as a whole (Chinese reason); the
	// other fields are then empty.
	Refused string `json:"refused,omitempty"`
	// DuplicatePackage: the package was imported before (or a later one
	// superseded it): importing changes nothing.
	DuplicatePackage bool `json:"duplicate_package,omitempty"`
	// Gap: packages skipped before this one ("缺少第 3 号包"); the import
	// still applies (every package carries all the receiver has not
	// confirmed), the gap is reported.
	Gap string `json:"gap,omitempty"`
	// BecomesBranch: an initial package into an empty database, which
	// becomes the copy of Manifest.Branch.
	BecomesBranch bool `json:"becomes_branch,omitempty"`
	// ReplacedCopy: (office) the package is the first from a branch's new
	// copy, made from a re-issued initial package; importing it replaces
	// the branch's old copy named here ("副本 … 指纹 …"), whose packages
	// are refused from then on.
	ReplacedCopy string            `json:"replaced_copy,omitempty"`
	Changes      []EntityChange    `json:"changes"`
	Pending      int               `json:"pending"` // member changes that will wait for the office's decision
	Conflicts    []ConflictSummary `json:"conflicts"`
	Duplicates   int               `json:"duplicates"` // records this copy already holds as carried
	Refusals     []Refusal         `json:"refusals"`
	Files        int               `json:"files"` // attachment files new to this copy
	// Items: every record of the package and what the import does with it,
	// in package order (the screen groups them per entity).
	Items []PreviewItem `json:"items"`
}

// Preview item actions.
const (
	ItemNew       = "新增"
	ItemUpdate    = "更新"
	ItemPending   = "待确认"
	ItemConflict  = "冲突"
	ItemRefused   = "拒收"
	ItemDuplicate = "相同"
)

// PreviewItem is one record of a package and what importing does with it.
type PreviewItem struct {
	Entity string `json:"entity"`
	Label  string `json:"label"`            // the entity's Chinese name
	Name   string `json:"name"`             // "2026-03-05 支部委员会 研究…"
	Action string `json:"action"`           // ItemNew, ItemUpdate, ItemPending, ItemConflict, ItemRefused, ItemDuplicate
	Detail string `json:"detail,omitempty"` // a status change "已提交 → 已审核", a refusal's reason
}

// PackageExt is the file extension of exchange packages.
const PackageExt = ".djx"

// PackageFileName is the suggested name of a package file:
// "党建交换包-第一党支部-至党总支办公室-第3号.djx".
func PackageFileName(m Manifest) string {
	return packageFileName(m.FromName, m.ToName, m.Number)
}

func packageFileName(from, to string, number int) string {
	clean := func(s string) string {
		return strings.Map(func(r rune) rune {
			if strings.ContainsRune(`\/:*?"<>| `, r) {
				return '_'
			}
			return r
		}, s)
	}
	return fmt.Sprintf("党建交换包-%s-至%s-第%d号%s", clean(from), clean(to), number, PackageExt)
}

// Summary is the preview in one Chinese sentence: "新增会议记录 5 条，更新
// 2 条，待确认党员信息变更 3 条，冲突 1 条".
func (p ImportPreview) Summary() string {
	if p.Refused != "" {
		return "不能导入：" + p.Refused
	}
	if p.DuplicatePackage {
		return "此交换包已导入过，导入不会改变任何数据"
	}
	var parts []string
	for _, c := range p.Changes {
		if c.New > 0 {
			parts = append(parts, fmt.Sprintf("新增%s %d 条", c.Label, c.New))
		}
		if c.Updated > 0 {
			parts = append(parts, fmt.Sprintf("更新%s %d 条", c.Label, c.Updated))
		}
	}
	if p.Files > 0 {
		parts = append(parts, fmt.Sprintf("附件文件 %d 个", p.Files))
	}
	if p.Pending > 0 {
		parts = append(parts, fmt.Sprintf("待确认党员信息变更 %d 条", p.Pending))
	}
	if len(p.Conflicts) > 0 {
		parts = append(parts, fmt.Sprintf("冲突 %d 条", len(p.Conflicts)))
	}
	if len(p.Refusals) > 0 {
		parts = append(parts, fmt.Sprintf("拒收 %d 条", len(p.Refusals)))
	}
	if len(parts) == 0 {
		parts = append(parts, "没有需要更新的数据")
	}
	out := strings.Join(parts, "，")
	if p.Duplicates > 0 {
		out += fmt.Sprintf("（%d 条与本机相同）", p.Duplicates)
	}
	if p.Gap != "" {
		out += "。" + p.Gap
	}
	if p.ReplacedCopy != "" {
		out += "。此包来自本支部重新建立的副本：导入后它取代旧副本（" + p.ReplacedCopy + "），旧副本发来的交换包不再接收"
	}
	return out
}

// ImportResult is what an import did: the CLI prints it as JSON
// {"applied": {"<entity>": n}, "pending": n, "conflicts": [...], "duplicates": n}.
type ImportResult struct {
	Applied    map[string]int    `json:"applied"`
	Pending    int               `json:"pending"`
	Conflicts  []ConflictSummary `json:"conflicts"`
	Duplicates int               `json:"duplicates"`
	// The rest is for people (the CLI's text output, the screen).
	DuplicatePackage bool      `json:"duplicate_package,omitempty"`
	Gap              string    `json:"gap,omitempty"`
	BecameBranch     bool      `json:"became_branch,omitempty"`
	ReplacedCopy     string    `json:"replaced_copy,omitempty"` // see ImportPreview.ReplacedCopy
	Refusals         []Refusal `json:"refusals,omitempty"`
	Files            int       `json:"files,omitempty"`
	PackageID        int64     `json:"package_id,omitempty"` // its row in the history
	Manifest         Manifest  `json:"manifest"`
}

// Summary is the result in one Chinese sentence.
func (r ImportResult) Summary() string {
	p := ImportPreview{DuplicatePackage: r.DuplicatePackage, Gap: r.Gap, Pending: r.Pending, Conflicts: r.Conflicts,
		Duplicates: r.Duplicates, Refusals: r.Refusals, Files: r.Files, ReplacedCopy: r.ReplacedCopy}
	for _, e := range countKeys(r.Applied) {
		p.Changes = append(p.Changes, EntityChange{Entity: e, Label: EntityLabel(e), New: r.Applied[e]})
	}
	s := p.Summary()
	return strings.ReplaceAll(s, "新增", "导入")
}

// PackageInfo is one package in the history, sent or received.
type PackageInfo struct {
	ID        int64     `json:"id"`
	Direction string    `json:"direction"` // PackageSent / PackageReceived
	Manifest  Manifest  `json:"manifest"`
	At        time.Time `json:"at"`             // when it was made or imported here
	File      string    `json:"file,omitempty"` // the file's name
	SHA256    string    `json:"sha256"`         // of the whole file
	// Carried: for a received package, what the import did (entity →
	// records applied); for a sent one, the manifest's counts.
	Carried   map[string]int `json:"carried"`
	Pending   int            `json:"pending,omitempty"`
	Conflicts int            `json:"conflicts,omitempty"`
	Note      string         `json:"note,omitempty"` // a gap, "重复导入"
	Operator  string         `json:"operator"`
}

// CarriedText is what the package carried in Chinese.
func (p PackageInfo) CarriedText() string { return countsText(p.Carried) }

// PendingChange is a member change proposed by a branch copy, waiting at
// the office (待确认) until it is accepted or rejected, one by one.
type PendingChange struct {
	ID         int64       `json:"id"`
	PackageID  int64       `json:"package_id"`
	BranchName string      `json:"branch_name"` // the proposing branch
	Entity     string      `json:"entity"`      // EntityMember or EntityEvent
	Label      string      `json:"label"`       // 党员 / 党员历史事项
	MemberID   int64       `json:"member_id"`   // 0: a member new to the office
	Name       string      `json:"name"`        // the member's name
	Fields     []FieldPair `json:"fields"`      // Left: the office's value now, Right: proposed
	Status     string      `json:"status"`      // PendingOpen / PendingAccepted / PendingRejected
	Reason     string      `json:"reason,omitempty"`
	DecidedBy  string      `json:"decided_by,omitempty"`
	DecidedAt  time.Time   `json:"decided_at"`
	At         time.Time   `json:"at"`
}

// Conflict is a record both copies changed since their last exchange. Both
// versions are kept (this copy's in its table, the package's here) until
// someone decides.
type Conflict struct {
	ID        int64       `json:"id"`
	PackageID int64       `json:"package_id"`
	Entity    string      `json:"entity"`
	Label     string      `json:"label"`
	RecordID  int64       `json:"record_id"` // the local record
	Name      string      `json:"name"`
	Fields    []FieldPair `json:"fields"` // Left: this copy's version, Right: the package's
	Status    string      `json:"status"` // ConflictOpen / ConflictSettled
	Kept      string      `json:"kept,omitempty"`
	DecidedBy string      `json:"decided_by,omitempty"`
	DecidedAt time.Time   `json:"decided_at"`
	At        time.Time   `json:"at"`
}

// ErrPackageRefused is what every refusal of a whole package wraps.
var ErrPackageRefused = errors.New("交换包被拒收")

// PackageRefusedError is a refused package with its reason in Chinese.
// Nothing was changed.
type PackageRefusedError struct{ Reason string }

func (e *PackageRefusedError) Error() string { return "交换包被拒收：" + e.Reason }

// Unwrap makes errors.Is(err, ErrPackageRefused) hold.
func (e *PackageRefusedError) Unwrap() error { return ErrPackageRefused }

func refused(format string, args ...any) error {
	return &PackageRefusedError{Reason: fmt.Sprintf(format, args...)}
}

// RefusalReason is the Chinese reason of a refused package, "" for other errors.
func RefusalReason(err error) string {
	var r *PackageRefusedError
	if errors.As(err, &r) {
		return r.Reason
	}
	return ""
}

// Functions on *Store (implemented in exchange.go):
//
//	Identity(ctx) (CopyIdentity, error)
//	EnsureOfficeIdentity(ctx, role) (CopyIdentity, error)
//	CanBecomeBranchCopy(ctx) error
//	BranchLinks(ctx) ([]BranchLink, error)
//	ExportForBranch(ctx, role, branchID, path) (PackageInfo, error)
//	ReissueBranchPackage(ctx, role, branchID, path) (PackageInfo, error)
//	ExportForOffice(ctx, role, path) (PackageInfo, error)
//	PreviewPackage(ctx, path) (ImportPreview, error)
//	ImportPackage(ctx, role, path) (ImportResult, error)
//	Packages(ctx) ([]PackageInfo, error)
//	PendingChanges(ctx, status) ([]PendingChange, error)
//	AcceptPending(ctx, role, id) error
//	RejectPending(ctx, role, id, reason) error
//	Conflicts(ctx, status) ([]Conflict, error)
//	ResolveConflict(ctx, role, id, keep) error

func countsText(c map[string]int) string {
	var parts []string
	for _, k := range countKeys(c) {
		if c[k] == 0 {
			continue
		}
		if k == "files" {
			parts = append(parts, fmt.Sprintf("附件文件 %d 个", c[k]))
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %d 条", EntityLabel(k), c[k]))
	}
	if len(parts) == 0 {
		return "无数据变更"
	}
	return strings.Join(parts, "，")
}

func countKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
