package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Environment variables the CLI reads secrets from, so scripts need not put
// them on the command line (where other users could see them in ps).
const (
	envPassword   = "DANGJIAN_PASSWORD"          // the operator's password
	envPassphrase = "DANGJIAN_BACKUP_PASSPHRASE" // the passphrase of encrypted copies
)

// signIn names the operator for the command's audit rows. A database with
// a password needs --operator and the password (from DANGJIAN_PASSWORD or
// asked on the terminal); without one, --operator just names who works now
// and, when it is not given, the configured operator is used as before.
func signIn(e *env, operator string) error {
	s := e.store
	if !s.PasswordRequired() {
		if operator == "" {
			return nil
		}
		return s.SignIn(e.ctx, operator, "")
	}
	if operator == "" {
		return errors.New("此数据库已设置登录密码：请用 --operator 姓名 指定操作员，密码由环境变量 " + envPassword + " 提供或在终端输入")
	}
	pw, ok := os.LookupEnv(envPassword)
	if !ok {
		var err error
		if pw, err = askSecret(e, "操作员“"+operator+"”的密码："); err != nil {
			return err
		}
	}
	if err := s.SignIn(e.ctx, operator, pw); err != nil {
		return fmt.Errorf("登录失败：%w", err)
	}
	return nil
}

// passphrase reads the passphrase of an encrypted copy from
// DANGJIAN_BACKUP_PASSPHRASE or the terminal (twice for a new copy).
func passphrase(e *env, confirm bool) (string, error) {
	if p, ok := os.LookupEnv(envPassphrase); ok {
		return p, nil
	}
	p, err := askSecret(e, "口令：")
	if err != nil {
		return "", err
	}
	if confirm {
		q, err := askSecret(e, "再输入一次口令：")
		if err != nil {
			return "", err
		}
		if p != q {
			return "", errors.New("两次输入的口令不一致")
		}
	}
	return p, nil
}

// stdinReader is shared so that two questions in a row read two lines.
var stdinReader *bufio.Reader

// askSecret asks on stderr and reads a line from the terminal without
// echo where the terminal allows it. Without a terminal it refuses, so a
// script never hangs waiting for input.
func askSecret(e *env, prompt string) (string, error) {
	if !stdinIsTerminal() {
		return "", errors.New("需要输入密码或口令，但没有可输入的终端：请用环境变量 " + envPassword + " 或 " + envPassphrase + " 提供")
	}
	fmt.Fprint(e.errw, prompt)
	restore := noEcho(os.Stdin)
	if stdinReader == nil {
		stdinReader = bufio.NewReader(os.Stdin)
	}
	line, err := stdinReader.ReadString('\n')
	restore()
	fmt.Fprintln(e.errw)
	if err != nil && line == "" {
		return "", errors.New("没有读到输入")
	}
	return strings.TrimRight(line, "\r\n"), nil
}
