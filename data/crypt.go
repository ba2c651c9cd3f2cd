package data

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"filippo.io/age"
)

// Encrypted copies: backups and exports of personal data can be written as
// age files (https://age-encryption.org, scrypt passphrase recipient), named
// with an added ".age". Any age tool opens them with the passphrase
// (`age -d FILE.age`), so a copy stays readable without this program.

// EncryptedExt is the suffix of an encrypted copy.
const EncryptedExt = ".age"

// scryptWorkFactor is age's scrypt cost (log2 N); tests lower it.
var scryptWorkFactor = 18

// ErrWrongPassphrase refuses a passphrase that does not open a file.
var ErrWrongPassphrase = errors.New("口令不正确，无法解密该文件（未做任何修改）")

// ErrPassphraseNeeded means the file is encrypted and no passphrase was given.
var ErrPassphraseNeeded = errors.New("该文件已加密，请输入口令")

const ageMagic = "age-encryption.org/v1\n"

// IsEncrypted reports whether the file at path is an age file.
func IsEncrypted(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(ageMagic))
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	return string(head) == ageMagic
}

// EncryptedName is path with ".age" added, unless it has it already.
func EncryptedName(path string) string {
	if strings.HasSuffix(strings.ToLower(path), EncryptedExt) {
		return path
	}
	return path + EncryptedExt
}

// CheckPassphrase refuses an empty or short passphrase for a new copy.
func CheckPassphrase(p string) error {
	if len([]rune(p)) < MinPassphraseLen {
		return fmt.Errorf("口令至少 %d 位", MinPassphraseLen)
	}
	return nil
}

// EncryptWriter returns a writer that encrypts to w with passphrase; Close
// it to finish the file (it does not close w).
func EncryptWriter(w io.Writer, passphrase string) (io.WriteCloser, error) {
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, err
	}
	r.SetWorkFactor(scryptWorkFactor)
	return age.Encrypt(w, r)
}

// DecryptReader opens an age stream with passphrase; a wrong passphrase
// gives ErrWrongPassphrase.
func DecryptReader(r io.Reader, passphrase string) (io.Reader, error) {
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, err
	}
	out, err := age.Decrypt(r, id)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) {
			return nil, ErrWrongPassphrase
		}
		return nil, fmt.Errorf("无法解密该文件（文件不完整或不是加密副本）：%w", err)
	}
	return out, nil
}

// encryptFile writes src encrypted into dst (created owner-only, synced).
func encryptFile(src, dst, passphrase string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, privateFile)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(out)
	ew, err := EncryptWriter(bw, passphrase)
	if err == nil {
		_, err = io.Copy(ew, in)
	}
	if err == nil {
		err = ew.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
	}
	return err
}

// decryptFile writes the plaintext of the age file src into dst
// (owner-only). A wrong passphrase gives ErrWrongPassphrase and leaves no dst.
func decryptFile(src, dst, passphrase string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	r, err := DecryptReader(bufio.NewReader(in), passphrase)
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, privateFile)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, r)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
		return fmt.Errorf("解密失败（文件可能不完整）：%w", err)
	}
	return nil
}

// DecryptBytes opens a small age file (an encrypted export, in tests and
// tools) with passphrase.
func DecryptBytes(b []byte, passphrase string) ([]byte, error) {
	r, err := DecryptReader(bytes.NewReader(b), passphrase)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// Owner-only permissions for everything holding personal data: the
// database and its side files, backups, exports and attachments (0600,
// folders 0700). On Windows these bits mean little; files under the user's
// profile (the default data folder) are private to the user by the
// profile's ACL.
const (
	privateFile os.FileMode = 0o600
	privateDir  os.FileMode = 0o700
)

// makePrivate narrows the permissions of the database and its side files
// to the owner, for databases created before this was done.
func makePrivate(path string) {
	for _, suf := range []string{"", "-wal", "-shm", "-journal"} {
		if fi, err := os.Stat(path + suf); err == nil && fi.Mode().Perm()&0o077 != 0 {
			os.Chmod(path+suf, privateFile)
		}
	}
}

// createPrivate creates an empty file at path with owner-only permissions
// unless it exists, so SQLite (which gives its -wal and -shm files the
// database's permissions) keeps everything private.
func createPrivate(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), privateDir); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, privateFile)
	if err != nil {
		if os.IsExist(err) {
			return nil
		}
		return err
	}
	return f.Close()
}
