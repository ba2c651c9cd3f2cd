package data

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The package file (docs/exchange.md): a zip archive holding
//
//	manifest.json   from, to, when, number, counts — for people (indented)
//	说明.txt         the same in Chinese sentences
//	content.json    the records, each with its global id and version hash
//	files/<sha256>  each attachment file once, named by its content hash
//	signature.json  ed25519 over the hashes of manifest.json and content.json
//
// content.json lists every file with its hash, so the signature covers the
// files too.

const (
	xchgFormat     = 1
	xchgSigContext = "dangjian-exchange/1\n"
	// maxPackageFile bounds what an import reads: the whole file, and
	// content.json uncompressed.
	maxPackageFile    = 4 << 30
	maxPackageContent = 512 << 20
)

// xRecord is one exchanged record: its global id, the hash of its data
// (the version) and the data with references by global id.
type xRecord struct {
	Entity string          `json:"entity"`
	GID    string          `json:"gid"`
	Hash   string          `json:"hash"`
	Force  bool            `json:"force,omitempty"` // the office insists (a rejected proposal)
	Data   json.RawMessage `json:"data"`
}

type xFile struct {
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// xContent is content.json.
type xContent struct {
	OrgID     string    `json:"org_id"`
	PublicKey string    `json:"public_key"`           // the sender's, base64
	TrustCode string    `json:"trust_code,omitempty"` // the one-time code (initial package; a branch's packages until confirmed)
	BranchGID string    `json:"branch_gid"`           // the branch concerned
	Records   []xRecord `json:"records"`
	Files     []xFile   `json:"files"`
	// Refused: records of the receiver's earlier packages this copy
	// refused; the receiver sends them again.
	Refused []string `json:"refused,omitempty"`
}

type xSignature struct {
	Alg       string `json:"alg"`
	PublicKey string `json:"public_key"`
	Signature string `json:"signature"`
}

// canonJSON marshals v so that the same data always gives the same bytes:
// through a generic value (object keys sorted), numbers kept as written.
func canonJSON(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return canonBytes(b)
}

func canonBytes(b []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var g any
	if err := dec.Decode(&g); err != nil {
		return nil, err
	}
	return json.Marshal(g)
}

func hashHex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func sigMessage(manifest, content []byte) []byte {
	return []byte(xchgSigContext + hashHex(manifest) + "\n" + hashHex(content) + "\n")
}

// writePackage writes the package to path through a temporary file in the
// same folder, synced and renamed, so path is complete or absent.
func writePackage(path string, man Manifest, content xContent, priv ed25519.PrivateKey, fileSrc func(sha string) (string, error)) (sum string, err error) {
	mb, err := json.MarshalIndent(man, "", "  ")
	if err != nil {
		return "", err
	}
	cb, err := json.Marshal(content)
	if err != nil {
		return "", err
	}
	sig := xSignature{Alg: "ed25519", PublicKey: content.PublicKey,
		Signature: base64.StdEncoding.EncodeToString(ed25519.Sign(priv, sigMessage(mb, cb)))}
	sb, _ := json.MarshalIndent(sig, "", "  ")
	dir := filepath.Dir(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, ".dangjian-package-*")
	if err != nil {
		return "", fmt.Errorf("无法写入交换包：%w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	zw := zip.NewWriter(io.MultiWriter(tmp, h))
	put := func(name string, b []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: man.Made})
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
	if err := put("manifest.json", mb); err != nil {
		return "", err
	}
	if err := put("说明.txt", []byte(manifestText(man))); err != nil {
		return "", err
	}
	if err := put("content.json", cb); err != nil {
		return "", err
	}
	for _, f := range content.Files {
		src, err := fileSrc(f.SHA256)
		if err != nil {
			return "", err
		}
		if err := copyIntoZip(zw, "files/"+f.SHA256, src, man); err != nil {
			return "", err
		}
	}
	if err := put("signature.json", sb); err != nil {
		return "", err
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	if err := tmp.Sync(); err != nil {
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", fmt.Errorf("无法写入交换包：%w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func copyIntoZip(zw *zip.Writer, name, src string, man Manifest) error {
	f, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("附件文件缺失（%s）：%w", filepath.Base(src), err)
	}
	defer f.Close()
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: man.Made})
	if err != nil {
		return err
	}
	_, err = io.Copy(w, f)
	return err
}

// manifestText is the manifest in Chinese sentences, for 说明.txt.
func manifestText(m Manifest) string {
	var b strings.Builder
	fmt.Fprintf(&b, "党建工作台 数据交换包\r\n\r\n")
	fmt.Fprintf(&b, "组织：%s\r\n", m.OrgName)
	fmt.Fprintf(&b, "发出：%s（副本 %s）\r\n", m.FromName, m.From)
	to := m.ToName
	if m.To != "" {
		to += "（副本 " + m.To + "）"
	}
	fmt.Fprintf(&b, "接收：%s\r\n", to)
	fmt.Fprintf(&b, "编号：第 %d 号\r\n", m.Number)
	fmt.Fprintf(&b, "时间：%s\r\n", m.Made.Local().Format("2006-01-02 15:04"))
	if m.Kind == PackageBranchInit {
		fmt.Fprintf(&b, "类型：支部初始包（在党支部电脑上的新数据库中导入，建立支部副本）\r\n")
	}
	fmt.Fprintf(&b, "内容：%s\r\n", m.CountsText())
	return b.String()
}

// openedPackage is a package read and verified: manifest, content and
// access to its files.
type openedPackage struct {
	man      Manifest
	content  xContent
	pub      ed25519.PublicKey
	sha      string // of the whole file
	name     string
	zr       *zip.ReadCloser
	files    map[string]*zip.File
	manBytes []byte
}

func (p *openedPackage) Close() {
	if p != nil && p.zr != nil {
		p.zr.Close()
	}
}

// openPackage reads path and checks it is whole and signed by the key it
// names; who that key belongs to is checked by the importer. A package
// that fails is a *PackageRefusedError.
func openPackage(path string) (*openedPackage, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取交换包：%w", err)
	}
	if st.Size() > maxPackageFile {
		return nil, refused("文件过大（%d MB），不是本程序生成的交换包", st.Size()>>20)
	}
	sum, err := fileSHA256(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取交换包：%w", err)
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, refused("文件不完整或已损坏（可能在复制或传送中被截断），不是有效的交换包")
	}
	p := &openedPackage{sha: sum, name: filepath.Base(path), zr: zr, files: map[string]*zip.File{}}
	ok := false
	defer func() {
		if !ok {
			zr.Close()
		}
	}()
	for _, f := range zr.File {
		p.files[f.Name] = f
	}
	read := func(name string, max int64) ([]byte, error) {
		f := p.files[name]
		if f == nil {
			return nil, refused("交换包缺少 %s，文件不完整或不是本程序生成的交换包", name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, refused("交换包中的 %s 已损坏", name)
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, max+1))
		if err != nil {
			return nil, refused("交换包中的 %s 已损坏（文件不完整或被改动）", name)
		}
		if int64(len(b)) > max {
			return nil, refused("交换包中的 %s 过大", name)
		}
		return b, nil
	}
	mb, err := read("manifest.json", 1<<20)
	if err != nil {
		return nil, err
	}
	cb, err := read("content.json", maxPackageContent)
	if err != nil {
		return nil, err
	}
	sb, err := read("signature.json", 1<<16)
	if err != nil {
		return nil, err
	}
	var sig xSignature
	if json.Unmarshal(sb, &sig) != nil || sig.Alg != "ed25519" {
		return nil, refused("交换包的签名无法识别")
	}
	pub, err1 := base64.StdEncoding.DecodeString(sig.PublicKey)
	sigBytes, err2 := base64.StdEncoding.DecodeString(sig.Signature)
	if err1 != nil || err2 != nil || len(pub) != ed25519.PublicKeySize {
		return nil, refused("交换包的签名无法识别")
	}
	if !ed25519.Verify(ed25519.PublicKey(pub), sigMessage(mb, cb), sigBytes) {
		return nil, refused("交换包内容与签名不符：文件在传送中被改动过，或不是对方副本生成的")
	}
	if err := json.Unmarshal(mb, &p.man); err != nil {
		return nil, refused("交换包的清单无法读取")
	}
	if err := json.Unmarshal(cb, &p.content); err != nil {
		return nil, refused("交换包的内容无法读取")
	}
	if p.content.PublicKey != sig.PublicKey {
		return nil, refused("交换包的签名密钥与内容不符")
	}
	if p.man.Format != xchgFormat {
		return nil, refused("交换包格式版本 %d 不受支持，请升级本程序", p.man.Format)
	}
	if p.man.OrgID != p.content.OrgID || p.man.OrgID == "" || p.man.From == "" || p.man.Number < 1 {
		return nil, refused("交换包的清单不完整")
	}
	// Every listed file is there and is what its hash says; nothing else is.
	listed := map[string]bool{}
	for _, f := range p.content.Files {
		listed["files/"+f.SHA256] = true
		zf := p.files["files/"+f.SHA256]
		if zf == nil {
			return nil, refused("交换包缺少附件文件 %s，文件不完整", shortHash(f.SHA256))
		}
		if got, err := zipFileSHA256(zf); err != nil || got != f.SHA256 {
			return nil, refused("交换包中的附件文件 %s 已被改动或损坏", shortHash(f.SHA256))
		}
	}
	for name := range p.files {
		if strings.HasPrefix(name, "files/") && !listed[name] {
			return nil, refused("交换包中有未登记的文件 %s", name)
		}
	}
	p.pub = ed25519.PublicKey(pub)
	p.manBytes = mb
	ok = true
	return p, nil
}

// hasFile reports whether the package carries the file with hash sha.
func (p *openedPackage) hasFile(sha string) bool { return p.files["files/"+sha] != nil }

// extractFile copies the carried file sha to dest (via a synced temporary
// file and a rename), checking its hash again.
func (p *openedPackage) extractFile(sha, dest string) error {
	zf := p.files["files/"+sha]
	if zf == nil {
		return fmt.Errorf("交换包缺少附件文件 %s", shortHash(sha))
	}
	if err := os.MkdirAll(filepath.Dir(dest), privateDir); err != nil {
		return fmt.Errorf("无法创建附件目录：%w", err)
	}
	rc, err := zf.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	tmp, err := os.CreateTemp(filepath.Dir(dest), ".incoming-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	_, err = io.Copy(io.MultiWriter(tmp, h), rc)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("复制附件失败：%w", err)
	}
	if hex.EncodeToString(h.Sum(nil)) != sha {
		return refused("交换包中的附件文件 %s 已被改动或损坏", shortHash(sha))
	}
	return os.Rename(tmp.Name(), dest)
}

func zipFileSHA256(zf *zip.File) (string, error) {
	rc, err := zf.Open()
	if err != nil {
		return "", err
	}
	defer rc.Close()
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(rc, maxAttachment+1)); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func shortHash(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

// fingerprint is a public key's short form for people: 16 hex digits in
// groups of four.
func fingerprint(pub []byte) string {
	if len(pub) == 0 {
		return ""
	}
	h := sha256.Sum256(pub)
	s := hex.EncodeToString(h[:8])
	return s[0:4] + " " + s[4:8] + " " + s[8:12] + " " + s[12:16]
}

func sortFiles(fs []xFile) {
	sort.Slice(fs, func(i, j int) bool { return fs[i].SHA256 < fs[j].SHA256 })
}
