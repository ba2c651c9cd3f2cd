package data

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// FoldWidth turns full-width ASCII forms and odd spaces into plain ASCII,
// as Chinese input methods produce them in digits, letters and brackets.
// It is for headers, numbers, dates and names of units — not for free
// text, where full-width punctuation is simply correct Chinese.
func FoldWidth(s string) string {
	if isASCII(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '！' && r <= '～':
			return r - 0xFEE0
		case r == '\u3000' || r == '\u00a0':
			return ' '
		case r == '\u200b' || r == '\ufeff':
			return -1
		}
		return r
	}, s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// UnitKey makes unit names comparable: no spaces, ASCII forms, lower case.
func UnitKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(FoldWidth(s)), ""))
}

// StripBranch reduces a branch name (as UnitKey gives it) to its
// distinctive part: 中共…第一车队支部委员会, 第一车队党支部 and 第一车队 all
// become …第一车队.
func StripBranch(k string) string {
	k = strings.TrimPrefix(k, "中共")
	k = strings.TrimSuffix(k, "委员会")
	for _, s := range []string{"党支部", "支部"} {
		if strings.HasSuffix(k, s) {
			return strings.TrimSuffix(k, s)
		}
	}
	return k
}

// FindUnit finds a branch or group among units by the name people write:
// full name, short name, or a branch's distinctive part (第一车队 for
// 第一车队党支部), spaces and full-width forms ignored. An ambiguous or
// unknown name is refused with a message saying so.
func FindUnit(units []OrgUnit, name string) (OrgUnit, error) {
	key := UnitKey(name)
	if key == "" {
		return OrgUnit{}, errors.New("请写出组织名称")
	}
	var exact, core []OrgUnit
	for _, u := range units {
		full, short := UnitKey(u.FullName), UnitKey(u.ShortName)
		switch {
		case full == key || short == key:
			exact = append(exact, u)
		case u.Level == LevelBranch && (StripBranch(full) == StripBranch(key) || short != "" && StripBranch(short) == StripBranch(key)):
			core = append(core, u)
		}
	}
	for _, hits := range [][]OrgUnit{exact, core} {
		switch len(hits) {
		case 0:
			continue
		case 1:
			return hits[0], nil
		}
		var names []string
		for _, h := range hits {
			names = append(names, h.FullName)
		}
		return OrgUnit{}, fmt.Errorf("“%s”与多个组织相符：%s，请写全称", name, strings.Join(names, "、"))
	}
	return OrgUnit{}, fmt.Errorf("没有名为“%s”的党支部或党小组", name)
}

// FindUnit finds a branch or group of the store by the name people write
// (see FindUnit).
func (s *Store) FindUnit(ctx context.Context, name string) (OrgUnit, error) {
	units, err := s.OrgUnits(ctx)
	if err != nil {
		return OrgUnit{}, err
	}
	return FindUnit(units, name)
}
