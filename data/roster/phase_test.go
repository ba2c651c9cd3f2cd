package roster

import (
	"testing"
	"time"
)

func TestPhases(t *testing.T) {
	file := demoRoster(t, 10000)
	for i := 0; i < 2; i++ {
		s := openStore(t)
		t0 := time.Now()
		sh, _ := ReadBytes("x.xlsx", file)
		t1 := time.Now()
		p, _ := PlanImport(ctx, s, sh)
		t2 := time.Now()
		res, err := Apply(ctx, s, sh, AllOrNothing, nil)
		t3 := time.Now()
		t.Log(t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), len(p.Adds), res.Imported, err, len(p.Warnings))
	}
}
