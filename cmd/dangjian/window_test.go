package main

import "testing"

func TestPlacementRoundTrip(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{
		{placement{3, 0, 0, 1366, 705}.String(), true},
		{placement{1, -1200, 40, -100, 800}.String(), true}, // a monitor left of the main one
		{placement{1, 10, 10, 200, 900}.String(), false},    // too narrow to use
		{"", false},
		{"1 2 3", false},
		{"abc", false},
	} {
		p, ok := parsePlacement(c.in)
		if ok != c.ok {
			t.Errorf("parsePlacement(%q) ok = %v, want %v", c.in, ok, c.ok)
		}
		if ok && p.String() != c.in {
			t.Errorf("round trip %q → %q", c.in, p.String())
		}
	}
}
