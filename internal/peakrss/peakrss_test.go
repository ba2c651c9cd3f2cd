package peakrss

import "testing"

func TestPeakFollowsAllocationAndReset(t *testing.T) {
	Reset()
	base := PeakMB()
	buf := make([]byte, 64<<20)
	for i := range buf {
		buf[i] = byte(i)
	}
	grown := PeakMB()
	if grown < base+48 {
		t.Fatalf("peak %.1f MB after touching 64 MB, was %.1f MB", grown, base)
	}
	buf = nil
	Reset()
	if after := PeakMB(); after >= grown {
		t.Errorf("peak %.1f MB after Reset, want below %.1f MB", after, grown)
	}
}
