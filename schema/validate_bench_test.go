package schema

import (
	"fmt"
	"testing"
)

// benchCall is the call the benchmarks use: the FAMI call when it is shipped, else the test call.
func benchCall(b *testing.B) *Call {
	if c, err := Shipped(DefaultCallID); err == nil && c != nil {
		return c
	}
	return loadTestCall(b, "mini.json")
}

// bigAnswers: 40 members in the first group found, 200 items (or the group's maximum) in every
// other group: for FAMI, 40 members, 6 action lines and 200 budget lines.
func bigAnswers(c *Call) Answers {
	first := ""
	return Sample(c, func(g *Field) int {
		if first == "" || first == g.path {
			first = g.path
			return 40
		}
		if g.Repeat != nil && g.Repeat.Max > 0 && g.Repeat.Max < 200 {
			return g.Repeat.Max
		}
		return 200
	})
}

// BenchmarkValidateFull: the largest proposal the FAMI call allows (40 members, 6 lines, 200
// budget items), valid, as an ATS sends it; and the sample of the same size, which breaks a
// rule on almost every member (230 issues, each with its message). Goal ≥ 5,000/s on one core.
func BenchmarkValidateFull(b *testing.B) {
	c, valid := largestProposal(b)
	for _, bc := range []struct {
		name string
		a    Answers
	}{
		{"valid", valid},
		{"sample", bigAnswers(c)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			is := c.Validate(bc.a, IT)
			b.ReportMetric(float64(len(is)), "issues")
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				c.Validate(bc.a, IT)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "validations/s")
		})
	}
}

// BenchmarkValidateField: the per-keystroke check on the last member's codice fiscale.
// Goal ≤ 50 µs.
func BenchmarkValidateField(b *testing.B) {
	c := benchCall(b)
	a := bigAnswers(c)
	path := ""
	for _, f := range c.Fields() {
		if f.rule != nil && len(f.rule.steps) > 0 && f.rule.steps[0].tag == "cf" {
			path = f.path
			break
		}
	}
	if path == "" {
		b.Skip("no cf field")
	}
	// Turn "ats.membri.rl_cf" into "ats.membri[39].rl_cf".
	parts := splitLast(path)
	p := fmt.Sprintf("%s[39].%s", parts[0], parts[1])
	if a.Get(p) == nil {
		b.Fatalf("no answer at %s", p)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		c.ValidateField(a, p, IT)
	}
}

func splitLast(p string) [2]string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '.' {
			return [2]string{p[:i], p[i+1:]}
		}
	}
	return [2]string{"", p}
}
