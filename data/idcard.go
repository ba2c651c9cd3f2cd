package data

import (
	"fmt"
	"strings"
	"time"
)

// 公民身份号码 (GB 11643-1999): 6-digit region, birth date YYYYMMDD, 3-digit
// sequence (odd = male), check character.

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// IDCheckChar computes the check character for the first 17 digits.
func IDCheckChar(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("need 17 digits, got %d", len(first17))
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := first17[i]
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("not a digit at %d", i+1)
		}
		sum += int(c-'0') * idWeights[i]
	}
	return idCheckChars[sum%11], nil
}

// IDInfo is what a valid number tells about its holder.
type IDInfo struct {
	Number string // normalised: upper-case X
	Region string // first 6 digits
	Birth  Date
	Sex    string // 男 / 女
}

// ParseIDNumber checks an 18-character number against GB 11643 and returns
// what it encodes. today bounds the birth date. Lower-case x is accepted.
func ParseIDNumber(s string, today Date) (IDInfo, error) {
	n := strings.ToUpper(strings.TrimSpace(s))
	if len(n) != 18 {
		return IDInfo{}, fmt.Errorf("公民身份号码应为 18 位，现为 %d 位", len([]rune(n)))
	}
	for i := 0; i < 17; i++ {
		if n[i] < '0' || n[i] > '9' {
			return IDInfo{}, fmt.Errorf("公民身份号码前 17 位必须是数字（第 %d 位不是）", i+1)
		}
	}
	if c := n[17]; !(c >= '0' && c <= '9') && c != 'X' {
		return IDInfo{}, fmt.Errorf("公民身份号码最后一位应为数字或 X")
	}
	y, m, d := atoi(n[6:10]), atoi(n[10:12]), atoi(n[12:14])
	birth := Date{y, time.Month(m), d}
	if !birth.Valid() || y < 1900 {
		return IDInfo{}, fmt.Errorf("公民身份号码中的出生日期 %s 不存在", n[6:14])
	}
	if birth.After(today) {
		return IDInfo{}, fmt.Errorf("公民身份号码中的出生日期 %s 晚于今天", birth.Chinese())
	}
	want, _ := IDCheckChar(n[:17])
	if n[17] != want {
		return IDInfo{}, fmt.Errorf("公民身份号码校验位不符（应为 %c），请核对是否输错", want)
	}
	sex := "女"
	if (n[16]-'0')%2 == 1 {
		sex = "男"
	}
	return IDInfo{Number: n, Region: n[:6], Birth: birth, Sex: sex}, nil
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
