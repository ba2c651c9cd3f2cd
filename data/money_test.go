package data

import "testing"

func TestYuan(t *testing.T) {
	cases := []struct {
		in   string
		fen  int64
		bad  bool
		back string
	}{
		{"4500", 450000, false, "4500.00"},
		{"4,500.5", 450050, false, "4500.50"},
		{"４５００．０１", 450001, false, "4500.01"},
		{" 4500元 ", 450000, false, "4500.00"},
		{"0.1", 10, false, "0.10"},
		{".5", 50, false, "0.50"},
		{"", 0, false, "0.00"},
		{"4500.001", 0, true, ""},
		{"4500.", 0, true, ""},
		{"abc", 0, true, ""},
		{"-12.3", -1230, false, "-12.30"},
	}
	for _, c := range cases {
		got, err := ParseYuan(c.in)
		if c.bad {
			if err == nil {
				t.Errorf("%q accepted as %d", c.in, got)
			}
			continue
		}
		if err != nil || got != c.fen || FormatYuan(got) != c.back {
			t.Errorf("%q → %d %v (%s)", c.in, got, err, FormatYuan(got))
		}
	}
}
