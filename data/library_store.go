package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

const libraryCols = `id, title, category, tags, date, description, file_name, stored_name, sha256, size, content`

func scanLibraryDoc(sc interface{ Scan(...any) error }) (LibraryDoc, error) {
	var d LibraryDoc
	err := sc.Scan(&d.ID, &d.Title, &d.Category, &d.Tags, &d.Date, &d.Description, &d.FileName, &d.StoredName, &d.SHA256, &d.Size, &d.Content)
	return d, err
}

// LibraryPath is the stored file of d ("" when it has none).
func (s *Store) LibraryPath(d LibraryDoc) string {
	if d.StoredName == "" {
		return ""
	}
	return filepath.Join(s.AttachmentDir(), d.StoredName)
}

// LibraryDocs lists the documents of a category ("" all), newest first.
func (s *Store) LibraryDocs(ctx context.Context, category string) ([]LibraryDoc, error) {
	q := "SELECT " + libraryCols + " FROM library_docs WHERE deleted_at IS NULL"
	var args []any
	if category != "" {
		q += " AND category = ?"
		args = append(args, category)
	}
	return s.libraryQuery(ctx, q+" ORDER BY date DESC, id DESC", args...)
}

// LibraryDoc reads one document.
func (s *Store) LibraryDoc(ctx context.Context, id int64) (LibraryDoc, error) {
	list, err := s.libraryQuery(ctx, "SELECT "+libraryCols+" FROM library_docs WHERE deleted_at IS NULL AND id = ?", id)
	if err != nil {
		return LibraryDoc{}, err
	}
	if len(list) == 0 {
		return LibraryDoc{}, ErrNotFound
	}
	return list[0], nil
}

func (s *Store) libraryQuery(ctx context.Context, q string, args ...any) ([]LibraryDoc, error) {
	var out []LibraryDoc
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			d, err := scanLibraryDoc(rows)
			if err != nil {
				return err
			}
			out = append(out, d)
		}
		return rows.Err()
	})
	return out, err
}

// AddLibraryFile copies the file at src into storage (the attachment
// folder, which backups carry), extracts its text (.pdf, .docx, .txt) and saves d
// for it; d.FileName, StoredName, SHA256, Size and Content come from the
// file. The office manages the library.
func (s *Store) AddLibraryFile(ctx context.Context, role Role, d LibraryDoc, src string) (LibraryDoc, error) {
	if err := role.OfficeOnly("资料库由党总支办公室管理"); err != nil {
		return d, err
	}
	d.ID = 0
	d.Title = strings.TrimSpace(d.Title)
	if d.Title == "" {
		base := filepath.Base(src)
		d.Title = strings.TrimSuffix(base, filepath.Ext(base))
	}
	if d.Date.IsZero() {
		d.Date = s.Today()
	}
	if is := ValidateLibraryDoc(d); len(is) > 0 {
		return d, &ValidationError{Errors: is}
	}
	text, err := ExtractLibraryText(src)
	if err != nil {
		return d, fmt.Errorf("无法读取文件中的文字（文件可能已损坏）：%w", err)
	}
	sum, size, err := s.storeLibraryFile(src)
	if err != nil {
		return d, err
	}
	d.FileName = cleanFileName(filepath.Base(src))
	d.SHA256, d.Size, d.Content = sum, size, text
	d.StoredName = sum + strings.ToLower(filepath.Ext(src))
	return s.SaveLibraryDoc(ctx, role, d)
}

// storeLibraryFile copies src into the attachment folder under its content
// hash (once per content), synced before it is named.
func (s *Store) storeLibraryFile(src string) (string, int64, error) {
	f, err := os.Open(src)
	if err != nil {
		return "", 0, fmt.Errorf("无法读取文件：%w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return "", 0, err
	} else if st.Size() > maxAttachment {
		return "", 0, fmt.Errorf("文件过大（%d MB），不能超过 200 MB", st.Size()>>20)
	}
	if err := os.MkdirAll(s.AttachmentDir(), privateDir); err != nil {
		return "", 0, fmt.Errorf("无法创建附件目录：%w", err)
	}
	tmp, err := os.CreateTemp(s.AttachmentDir(), ".incoming-*")
	if err != nil {
		return "", 0, err
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), f)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", 0, fmt.Errorf("复制文件失败：%w", err)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	dest := filepath.Join(s.AttachmentDir(), sum+strings.ToLower(filepath.Ext(src)))
	if !fileExists(dest) {
		if err := os.Rename(tmp.Name(), dest); err != nil {
			return "", 0, fmt.Errorf("保存文件失败：%w", err)
		}
	}
	return sum, n, nil
}

// SaveLibraryDoc validates and stores a document's details (ID 0 inserts;
// an update keeps the stored file and its text). Office only.
func (s *Store) SaveLibraryDoc(ctx context.Context, role Role, d LibraryDoc) (LibraryDoc, error) {
	if err := role.OfficeOnly("资料库由党总支办公室管理"); err != nil {
		return d, err
	}
	d.Title, d.Description = strings.TrimSpace(d.Title), strings.TrimSpace(d.Description)
	d.Tags = normTags(d.Tags)
	if is := ValidateLibraryDoc(d); len(is) > 0 {
		return d, &ValidationError{Errors: is}
	}
	err := s.Write(ctx, func(tx *Tx) error {
		if d.ID == 0 {
			res, err := tx.exec(`INSERT INTO library_docs(title, category, tags, date, description, file_name, stored_name, sha256, size, content, created_at, updated_at)
				VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`, d.Title, d.Category, d.Tags, d.Date, d.Description, d.FileName, d.StoredName, d.SHA256, d.Size, d.Content, tx.at, tx.at)
			if err != nil {
				return err
			}
			d.ID, _ = res.LastInsertId()
			if err := tx.indexLibraryDoc(d); err != nil {
				return err
			}
			return tx.audit(EntityLibraryDoc, d.ID, ActionInsert, nil, d)
		}
		old, err := scanLibraryDoc(tx.queryRow("SELECT "+libraryCols+" FROM library_docs WHERE id = ? AND deleted_at IS NULL", d.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		d.FileName, d.StoredName, d.SHA256, d.Size, d.Content = old.FileName, old.StoredName, old.SHA256, old.Size, old.Content
		if _, err := tx.exec("UPDATE library_docs SET title = ?, category = ?, tags = ?, date = ?, description = ?, updated_at = ? WHERE id = ?",
			d.Title, d.Category, d.Tags, d.Date, d.Description, tx.at, d.ID); err != nil {
			return err
		}
		if err := tx.indexLibraryDoc(d); err != nil {
			return err
		}
		return tx.audit(EntityLibraryDoc, d.ID, ActionUpdate, old, d)
	})
	return d, err
}

// DeleteLibraryDoc removes a document from the library (office only; the
// row stays, marked deleted, and its file stays in storage).
func (s *Store) DeleteLibraryDoc(ctx context.Context, role Role, id int64) error {
	if err := role.OfficeOnly("资料库由党总支办公室管理"); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		old, err := scanLibraryDoc(tx.queryRow("SELECT "+libraryCols+" FROM library_docs WHERE id = ? AND deleted_at IS NULL", id))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if _, err := tx.exec("UPDATE library_docs SET deleted_at = ?, updated_at = ? WHERE id = ?", tx.at, tx.at, id); err != nil {
			return err
		}
		if _, err := tx.exec("DELETE FROM library_search WHERE rowid = ?", id); err != nil {
			return err
		}
		return tx.audit(EntityLibraryDoc, id, ActionDelete, old, map[string]any{"deleted": true})
	})
}

func (tx *Tx) indexLibraryDoc(d LibraryDoc) error {
	if _, err := tx.exec("DELETE FROM library_search WHERE rowid = ?", d.ID); err != nil {
		return err
	}
	body := strings.Join(bigrams(d.Title+"\n"+strings.ReplaceAll(d.Tags, ",", " ")+"\n"+d.Description+"\n"+d.Content), " ")
	_, err := tx.exec("INSERT INTO library_search(rowid, body) VALUES (?, ?)", d.ID, body)
	return err
}

// SearchLibrary finds the documents whose title, tags, description or text
// contain every word of q (words separated by spaces; two-character
// Chinese words and single characters too), best match first.
func (s *Store) SearchLibrary(ctx context.Context, q string) ([]LibraryDoc, error) {
	words := strings.Fields(q)
	if len(words) == 0 {
		return nil, nil
	}
	var terms []string
	like := false
	for _, w := range words {
		if loneHan(w) {
			like = true
			break
		}
		toks := bigrams(w)
		if len(toks) == 0 {
			continue
		}
		for i, t := range toks {
			toks[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
		}
		terms = append(terms, "("+strings.Join(toks, " + ")+")")
	}
	if like {
		where := []string{"deleted_at IS NULL"}
		var args []any
		for _, w := range words {
			where = append(where, `(title || ' ' || tags || ' ' || description || ' ' || content) LIKE ? ESCAPE '\'`)
			args = append(args, "%"+likeEscaper.Replace(w)+"%")
		}
		return s.libraryQuery(ctx, "SELECT "+libraryCols+" FROM library_docs WHERE "+strings.Join(where, " AND ")+" ORDER BY date DESC, id DESC", args...)
	}
	if len(terms) == 0 {
		return nil, nil
	}
	return s.libraryQuery(ctx, `SELECT `+prefixCols("d.", libraryCols)+` FROM library_search JOIN library_docs d ON d.id = library_search.rowid
		WHERE library_search MATCH ? AND d.deleted_at IS NULL ORDER BY library_search.rank`, strings.Join(terms, " AND "))
}

func prefixCols(p, cols string) string {
	f := strings.Split(cols, ",")
	for i := range f {
		f[i] = p + strings.TrimSpace(f[i])
	}
	return strings.Join(f, ", ")
}
