package jobs

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dangjian/data"
)

// TestFormsPrintSealedWithPhotos: the 登记表 of every member, printed as a
// stream of chunks with the photos read chunk by chunk, carry the 操作日志's
// 校验码 on every page, and that code verifies against the log (audit verify
// with the typed code) and is remembered as an anchor.
func TestFormsPrintSealedWithPhotos(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (poppler-utils)")
	}
	s := demoStore(t)
	ctx := context.Background()
	ms, err := s.Members(ctx, data.MemberFilter{})
	if err != nil {
		t.Fatal(err)
	}
	withPhoto := map[string]bool{}
	for i, m := range ms[:min(len(ms), 9)] {
		if i%3 == 0 {
			continue
		}
		img := image.NewRGBA(image.Rect(0, 0, 120, 160))
		for x := range 120 {
			for y := range 160 {
				img.Set(x, y, color.RGBA{uint8(x * i), uint8(y), 90, 255})
			}
		}
		var buf bytes.Buffer
		png.Encode(&buf, img)
		if err := s.SetMemberPhoto(ctx, data.RoleOffice, m.ID, buf.Bytes()); err != nil {
			t.Fatal(err)
		}
		withPhoto[m.IDNumber] = true
	}
	out := filepath.Join(t.TempDir(), "forms.pdf")
	d, err := ExportMembers(ctx, s, MembersOptions{Options: Options{Out: out}, Format: FormatFormsPDF}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Count != len(ms) {
		t.Fatalf("printed %d forms of %d members", d.Count, len(ms))
	}
	raw, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(string(raw), "\f"), "\f")
	if len(pages) < len(ms) {
		t.Fatalf("%d pages for %d forms", len(pages), len(ms))
	}
	codeRe := regexp.MustCompile(`校验码 (日志 \d+ 条 · [0-9a-f]{8})`)
	var code string
	photos := 0
	for i, p := range pages {
		m := codeRe.FindStringSubmatch(p)
		if m == nil {
			t.Fatalf("page %d has no 校验码:\n%s", i+1, p)
		}
		if code == "" {
			code = m[1]
		} else if m[1] != code {
			t.Errorf("page %d: 校验码 %s, page 1 %s", i+1, m[1], code)
		}
		flat := strings.Join(strings.Fields(p), "")
		if strings.Contains(flat, "第1页/共") && !strings.Contains(flat, "照片（一寸）") {
			photos++
		}
	}
	if photos != len(withPhoto) {
		t.Errorf("%d forms printed a photo, %d members have one", photos, len(withPhoto))
	}
	head, err := data.ParseAuditCode(code)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.VerifyAuditReport(ctx, data.VerifyOptions{Anchors: []data.AuditAnchor{{AuditHead: head, Source: "typed"}}})
	if err != nil || !r.OK() {
		t.Fatalf("audit verify with the printed code: %v %+v", err, r)
	}
	anchors, err := s.AuditAnchors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range anchors {
		if a.Count == head.Count && strings.HasPrefix(a.Hash, head.Hash) {
			found = true
		}
	}
	if !found {
		t.Errorf("the printed code %s is not remembered as an anchor: %+v", code, anchors)
	}
}
