package demo

import (
	"testing"

	"dangjian/data"
)

// The demo's candidates stand at the first three stages, the late talk is
// warned, and none is on the roster.
func TestDevDemoCandidates(t *testing.T) {
	s, _ := load(t, Options{Seed: 3, Members: 300, AsOf: asOf})
	files, err := s.DevFiles(ctx, data.DevCandidateFilter{})
	if err != nil || len(files) != len(devDemos) {
		t.Fatalf("%d files %v", len(files), err)
	}
	stages := map[string]int{}
	late := 0
	for _, f := range files {
		st := data.DevStageOf(f.Candidate, f.Steps)
		stages[st]++
		warns := data.CheckDevelopment(f.Candidate, f.Steps, asOf)
		for _, w := range warns {
			if w.Step == data.DevStepTalk && w.Kind == data.DevWarnLate {
				late++
			} else {
				t.Errorf("%s (%s): %+v", f.Candidate.Name, st, w)
			}
		}
		if f.Candidate.MemberID != 0 {
			t.Errorf("%s is on the roster", f.Candidate.Name)
		}
	}
	if stages[data.DevStageApplicant] != 1 || stages[data.DevStageActivist] != 2 || stages[data.DevStageCandidate] != 2 || late != 1 {
		t.Errorf("stages %v, %d late talks", stages, late)
	}
}
