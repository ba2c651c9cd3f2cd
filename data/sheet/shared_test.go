package sheet

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"dangjian/data"
)

// TestWriteDoesNotBlameARowForTheFile: a write that fails because of the
// database file (read-only, disk full) is reported as the file's problem,
// not as "第 2 行：attempt to write a readonly database".
func TestWriteDoesNotBlameARowForTheFile(t *testing.T) {
	s, err := data.Open(filepath.Join(t.TempDir(), "t.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fileErr := &data.FileError{Msg: "数据库文件只读，无法保存：请检查数据库文件和所在文件夹的权限"}
	for _, c := range []struct {
		name    string
		err     error
		wantRow bool
	}{{"file", fileErr, false}, {"other", context.DeadlineExceeded, true}} {
		t.Run(c.name, func(t *testing.T) {
			sh := &Sheet{Rows: [][]string{{"h"}, {"a"}}}
			_, err := Write(context.Background(), s, sh, ValidOnly, nil, Writer[int]{
				Plan: func(*data.Tx, []data.OrgUnit, data.Progress) (Planned[int], error) {
					return Planned[int]{Header: 1, Adds: []int{2}}, nil
				},
				Save:  func(*data.Tx, int) (int, []Issue, error) { return 2, nil, c.err },
				Every: 1,
			})
			if err == nil {
				t.Fatal("no error")
			}
			if got := strings.Contains(err.Error(), "第 2 行"); got != c.wantRow {
				t.Errorf("%q: names the row = %v, want %v", err, got, c.wantRow)
			}
		})
	}
}
