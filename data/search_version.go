package data

import (
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
)

// keySpelling numbers our own way of spelling the stored member keys
// (keysOf, pinyinKey, strokeKey): bump it when they spell differently, and
// every database respells its members' keys once when next opened.
const keySpelling = 1

// memberKeysVersion names what the stored keys are spelt with: our
// spelling and the versions of the libraries whose tables they come from
// (go-pinyin's dictionary, x/text's stroke collation). A newer library may
// spell a character otherwise; the stored keys would then no longer sort
// or find as freshly spelt ones do, and nothing else would notice.
//
// A sample of names spelt now is part of it too, so a changed table is
// noticed even where the build carries no module versions (test binaries).
// Worked out when a database is first opened for writing, not at start-up.
var memberKeysVersion = sync.OnceValue(func() string {
	h := sha256.New()
	for _, n := range keySample {
		k := keysOf(n)
		fmt.Fprintf(h, "%s|%s|%x|%x\n", k.pinyin, k.initials, k.sortPinyin, k.sortStrokes)
	}
	v := fmt.Sprintf("spelling %d; sample %x", keySpelling, h.Sum(nil)[:6])
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			switch d.Path {
			case "github.com/mozillazg/go-pinyin", "golang.org/x/text":
				if d.Replace != nil {
					d = d.Replace
				}
				v += "; " + d.Path + " " + d.Version
			}
		}
	}
	return v
})

// keySample are names whose keys stand for the tables': polyphonic
// surnames, rare and common characters, a minority name with "·".
var keySample = []string{"单雄信", "曾国藩", "解缙", "仇英", "区寄", "查良镛", "朴槿惠", "盖叫天", "乐毅", "覃振", "翟志刚",
	"缪荃孙", "尉迟恭", "张三丰", "李四光", "王五", "赵钱孙", "欧阳修", "诸葛亮", "司马迁", "阿依古丽·买买提", "龚自珍",
	"靳东", "逄蒙", "燕赵", "长孙无忌", "万俟卨", "澹台灭明", "丁一", "乙二", "鑫淼", "犇骉", "㐀丂"}

const derivedMemberKeys = "member_keys"

// respellMemberKeys brings the stored member keys up to this program's
// spelling when the database's were made with another (or with an older
// program that did not record it), and records the version. Run when the
// database is opened for writing; the keys are derived, so unaudited.
func (tx *Tx) respellMemberKeys() error {
	var tables int
	if err := tx.queryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('derived_versions', 'members')").Scan(&tables); err != nil {
		return err
	}
	if tables < 2 {
		return nil // a schema from before 0011: tests standing in for an older program
	}
	var have string
	err := tx.queryRow("SELECT version FROM derived_versions WHERE name = ?", derivedMemberKeys).Scan(&have)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if have == memberKeysVersion() {
		return nil
	}
	if err := spellMemberKeys(tx.tx, ""); err != nil {
		return err
	}
	_, err = tx.exec(`INSERT INTO derived_versions(name, version) VALUES (?, ?)
		ON CONFLICT(name) DO UPDATE SET version = excluded.version`, derivedMemberKeys, memberKeysVersion())
	return err
}
