package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestVoteCommand(t *testing.T) {
	cases := []struct {
		name           string
		args           []string
		code           int
		quorum, passed bool
		out            string // substring of stdout (JSON message) or stderr
	}{
		{"odd 应到, passes with 5 of 9", []string{"--expected", "9", "--present", "5", "--yes", "5"}, 0, true, true, "表决通过"},
		{"odd 应到, 4 yes of 9", []string{"--expected", "9", "--present", "7", "--yes", "4", "--no", "2", "--abstain", "1"}, 0, true, false, "表决未通过"},
		{"odd 应到, 4 present", []string{"--expected", "9", "--present", "4", "--yes", "4"}, 0, false, false, "未超过应到 9 名的半数"},
		{"even 应到, 5 yes of 10 is not enough", []string{"--expected=10", "--present=6", "--yes=5", "--no=1"}, 0, true, false, "需至少 6 票"},
		{"even 应到, 6 yes of 10", []string{"--expected", "10", "--present", "6", "--yes", "6"}, 0, true, true, "至少 6 票"},
		{"even 应到, 5 present", []string{"--expected", "10", "--present", "5", "--yes", "5"}, 0, false, false, "未超过应到 10 名的半数"},
		{"more present than expected", []string{"--expected", "9", "--present", "10", "--yes", "6"}, 2, false, false, "实到 10 名，多于应到 9 名"},
		{"more yes than present", []string{"--expected", "9", "--present", "5", "--yes", "6"}, 2, false, false, "多于实到的 5 名"},
		{"votes add up to more than present", []string{"--expected", "9", "--present", "6", "--yes", "4", "--no", "2", "--abstain", "1"}, 2, false, false, "合计 7 票"},
		{"negative", []string{"--expected", "9", "--present", "6", "--yes", "4", "--no", "-1"}, 2, false, false, "负数"},
		{"missing --yes", []string{"--expected", "9", "--present", "6"}, 2, false, false, "请用 --yes 给出赞成票数"},
		{"not a number", []string{"--expected", "九", "--present", "6", "--yes", "5"}, 2, false, false, "应到人数“九”应为整数"},
		{"stray argument", []string{"--expected", "9", "--present", "6", "--yes", "5", "extra"}, 2, false, false, "多余的参数"},
	}
	for _, c := range cases {
		// The command needs no database: it must not create or open one.
		db := filepath.Join(t.TempDir(), "none.db")
		args := append([]string{"--db", db, "vote"}, c.args...)
		code, out, errs := cli(t, append(args, "--json")...)
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Errorf("%s: a database was created", c.name)
		}
		if code != c.code {
			t.Errorf("%s: exit %d, want %d (%s)", c.name, code, c.code, errs)
			continue
		}
		if c.code != 0 {
			if out != "" || !strings.Contains(errs, c.out) {
				t.Errorf("%s: stdout %q stderr %q", c.name, out, errs)
			}
			continue
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%s: not JSON: %v\n%s", c.name, err, out)
		}
		if len(got) != 3 || got["quorum"] != c.quorum || got["passed"] != c.passed || !strings.Contains(got["message"].(string), c.out) {
			t.Errorf("%s: %v", c.name, got)
		}
		// Without --json: the message alone, same exit code.
		code, text, _ := cli(t, args...)
		if code != 0 || strings.TrimSpace(text) != got["message"] {
			t.Errorf("%s: text output %d %q", c.name, code, text)
		}
	}
	// Listed in the usage.
	if _, out, _ := cli(t, "help"); !strings.Contains(out, "vote") {
		t.Error("vote not in usage")
	}
}
