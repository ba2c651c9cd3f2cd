package report

import (
	"io"
	"path/filepath"
	"testing"
)

// TestAuditReceipt: the 校验码回执 is one page carrying the code, the full
// hash and how to check it, extractable as text.
func TestAuditReceipt(t *testing.T) {
	r := AuditReceipt{Org: "中共示范公司总支部委员会", Code: "日志 1234 条 · a1b2c3d4",
		Hash: "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9", At: testTime, Created: testTime}
	path := filepath.Join(t.TempDir(), "receipt.pdf")
	if err := WriteFileAtomic(path, func(w io.Writer) error { return AuditReceiptPDF(Sealed(w, r.Code), r) }); err != nil {
		t.Fatal(err)
	}
	keep(t, path, "receipt.pdf")
	txt := pageText(t, path, 0)
	assertContains(t, "receipt", txt, "操作日志校验码回执", "校验码："+r.Code, r.Hash, "audit verify --code", "第 1 页 / 共 1 页")
}
