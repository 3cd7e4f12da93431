package main

import (
	"testing"
)

// BenchmarkCLIValidate: `bando validate` on the largest FAMI proposal (40 members, 6 action
// lines, 200 budget lines), in process: reading the file, opening the draft (version check,
// migration), validating it and writing the report. make bench prints it as validations/s.
func BenchmarkCLIValidate(b *testing.B) {
	file := largestProposal(b)
	if _, errs, code := cli(b, "validate", file); code != 1 {
		b.Fatalf("the largest proposal should have a budget error (exit 1), got exit %d: %s", code, errs)
	}
	b.ReportAllocs()
	for b.Loop() {
		cli(b, "validate", file)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "validations/s")
}
