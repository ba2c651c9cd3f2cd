package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"dangjian/data"
)

// An .xlsx is read straight from its zip, every worksheet streamed through
// the fast reader (fastsheet.go) whatever its size: excelize unpacks each
// part into memory (or, past its size limit, into temporary files from
// which finding the merged cells decodes the whole sheet), which for the
// 170 MB worksheet of a 100,000-member export took gigabytes. Memory here
// is the rows read plus a window of the XML. A workbook whose structure or
// cells the fast reader does not know is read by excelize instead
// (errFallback).

// zipBook is an .xlsx opened for streaming.
type zipBook struct {
	files    map[string]*zip.File
	sheets   []zipSheet // in workbook order
	active   int
	date1904 bool
	sst      []string
}

type zipSheet struct{ name, path string }

// openZipBook reads the workbook's structure and shared strings; the
// error is errFallback when the structure is not as the usual writers
// make it, or the message for a workbook too big once unpacked.
func openZipBook(name string, b []byte, rule HeaderRule) (*zipBook, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, errFallback
	}
	zb := &zipBook{files: map[string]*zip.File{}}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		zb.files[f.Name] = f
	}
	if total > MaxUnzipBytes {
		return nil, fmt.Errorf("“%s”解压后超过 %d MB 的上限，不像是%s，未导入", name, MaxUnzipBytes>>20, rule.Noun)
	}
	var wb struct {
		Pr *struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Views []struct {
			ActiveTab int `xml:"activeTab,attr"`
		} `xml:"bookViews>workbookView"`
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []workbookRel `xml:"Relationship"`
	}
	if zb.unmarshal("xl/workbook.xml", &wb) != nil || zb.unmarshal("xl/_rels/workbook.xml.rels", &rels) != nil {
		return nil, errFallback
	}
	if wb.Pr != nil {
		zb.date1904 = wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"
	}
	if len(wb.Views) > 0 && wb.Views[0].ActiveTab < len(wb.Sheets) {
		zb.active = wb.Views[0].ActiveTab
	}
	for _, s := range wb.Sheets {
		path := ""
		for _, r := range rels.Rels {
			if r.ID == s.ID {
				path = r.path()
			}
		}
		if zb.files[path] == nil {
			return nil, errFallback
		}
		zb.sheets = append(zb.sheets, zipSheet{s.Name, path})
	}
	for _, r := range rels.Rels {
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			f := zb.files[r.path()]
			if f == nil {
				return nil, errFallback
			}
			rc, err := f.Open()
			if err != nil {
				return nil, errFallback
			}
			s := newStreamScan(rc)
			s.intern = nil // every shared string is distinct already
			zb.sst, err = s.sst()
			rc.Close()
			if err != nil {
				return nil, errFallback
			}
		}
	}
	return zb, nil
}

// unmarshal decodes a small part.
func (zb *zipBook) unmarshal(name string, v any) error {
	f := zb.files[name]
	if f == nil {
		return errors.New("no part " + name)
	}
	if f.UncompressedSize64 > 32<<20 {
		return errors.New("part too big")
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

// readZip reads the first worksheet with a header, the active one first.
// ok is false when the fast reader cannot read the workbook: excelize is
// asked then.
func readZip(name string, zb *zipBook, progress data.Progress, rule HeaderRule) (sh *Sheet, ok bool, err error) {
	if len(zb.sheets) == 0 {
		return nil, true, fmt.Errorf("“%s”中没有工作表，它可能不是 Excel 文件", name)
	}
	order := []int{zb.active}
	for i := range zb.sheets {
		if i != zb.active {
			order = append(order, i)
		}
	}
	done := 0.0 // progress only moves forward, whichever sheet is read
	report := func(f float64) {
		if progress != nil && f > done {
			done = f
			progress(f)
		}
	}
	anyData := false
	for _, i := range order {
		zs := zb.sheets[i]
		rows, merges, hasData, err := zb.readSheet(zs, rule, report)
		if err == errFallback {
			return nil, false, nil
		}
		if err != nil {
			return nil, true, fmt.Errorf("读取工作表“%s”出错：%v", zs.name, err)
		}
		anyData = anyData || hasData
		if rows == nil {
			continue
		}
		sh := &Sheet{Name: zs.name, Rows: rows, Date1904: zb.date1904}
		applyMerged(sh, merges)
		return sh, true, nil
	}
	if !anyData {
		return nil, true, fmt.Errorf("“%s”的工作表都是空的，没有可导入的内容", name)
	}
	return nil, true, rule.NotFound(name)
}

// readSheet streams one worksheet. rows is nil when none of its first
// rows is a header: it is left after those.
func (zb *zipBook) readSheet(zs zipSheet, rule HeaderRule, progress func(float64)) (rows [][]string, merges []string, hasData bool, err error) {
	defer func() {
		// The fast reader is an optimisation: whatever trips it, the
		// full parser gets its turn.
		if r := recover(); r != nil {
			rows, merges, hasData, err = nil, nil, false, errFallback
		}
	}()
	f := zb.files[zs.path]
	rc, err := f.Open()
	if err != nil {
		return nil, nil, false, errFallback
	}
	defer rc.Close()
	size := float64(f.UncompressedSize64)
	cr := &countReader{r: rc, every: 1 << 20, report: func(n int64) {
		if size > 0 {
			progress(0.05 + 0.9*min(1, float64(n)/size))
		}
	}}
	s := newStreamScan(cr)
	found := false
	merges, err = s.sheetRows(zb.sst, MaxRows, func(n int, cells []string) bool {
		for len(rows) < n-1 {
			rows = append(rows, nil)
		}
		rows = append(rows, cells)
		hasData = hasData || !blank(cells)
		if !found {
			if rule.found(rows) {
				found = true
			} else if len(rows) >= HeaderScan {
				return false
			}
		}
		return true
	})
	switch {
	case err == errStopped:
		return nil, nil, hasData, nil
	case err == errTooManyRows:
		return nil, nil, true, fmt.Errorf("工作表超过导入上限 %d 行", MaxRows)
	case err != nil:
		return nil, nil, false, err
	case !found:
		return nil, nil, hasData, nil
	}
	return rows, merges, hasData, nil
}

// countReader reports how many bytes were read, every so many.
type countReader struct {
	r       io.Reader
	n, next int64
	every   int64
	report  func(n int64)
}

func (c *countReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n += int64(k)
	if c.n >= c.next {
		c.next = c.n + c.every
		c.report(c.n)
	}
	return k, err
}

// zipMergeRefs finds a worksheet's merged ranges by streaming its part
// from the zip: they are listed after the cells, so the cells are only
// searched for where that list begins, never decoded.
func zipMergeRefs(b []byte, path string) (refs []string, ok bool) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, false
	}
	for _, f := range zr.File {
		if f.Name != path {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, false
		}
		defer rc.Close()
		key := []byte("mergeCells")
		buf := make([]byte, 0, scanBufSize+len(key))
		var tail []byte // from the list's start on
		for {
			n := len(buf)
			k, err := rc.Read(buf[n:cap(buf)])
			buf = buf[:n+k]
			if tail == nil {
				if i := bytes.Index(buf, key); i >= 0 {
					tail = append([]byte{}, buf[i:]...)
					buf = buf[:0]
				} else if len(buf) > len(key) {
					// Keep the end, where the word may begin.
					buf = buf[:copy(buf, buf[len(buf)-len(key)+1:])]
				}
			} else {
				tail = append(tail, buf...)
				buf = buf[:0]
				if len(tail) > 64<<20 {
					return nil, false
				}
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, false
			}
		}
		for _, m := range mergeRe.FindAllSubmatch(tail, -1) {
			refs = append(refs, string(m[1]))
		}
		return refs, true
	}
	return nil, false
}
