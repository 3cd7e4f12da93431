package partner

import (
	"testing"
	"time"

	"bando/app/draft"
	"bando/schema"
)

// BenchmarkMerge40: the capofila of a 40-member ATS merges the 40 returned sheets, each with
// its member's phone changed and its six declarations accepted: decode each sheet, plan, apply
// and record it in the history. Issue 15's goal: ≤ 1 s for the 40. It logs one sheet's size.
//
//	go test -run '^$' -bench Merge40 -benchtime 5x ./app/partner
func BenchmarkMerge40(b *testing.B) {
	c := fami(b)
	d := draft.New(c, "bench", exportedAt)
	d.Answers = schema.Sample(c, func(*schema.Field) int { return 40 })
	if _, err := draft.Open(d, c); err != nil {
		b.Fatal(err)
	}
	p := partOf(b, c)
	sheets := make([][]byte, 40)
	for i := range sheets {
		s, err := Export(d, c, i, exportedAt)
		if err != nil {
			b.Fatal(err)
		}
		Item(p, s.Answers)["telefono"] = "+39 055 " + s.Member
		for _, f := range p.DeclarationFields() {
			if err := s.Answers.Set(f.Path(), true); err != nil {
				b.Fatal(err)
			}
		}
		if sheets[i], err = Encode(s); err != nil {
			b.Fatal(err)
		}
	}
	base, err := draft.Encode(d)
	if err != nil {
		b.Fatal(err)
	}
	names := make([]string, len(sheets))
	for k := range names {
		names[k] = "scheda"
	}
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		dd, _ := draft.Decode(base)
		if _, err := draft.Open(dd, c); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		ss := make([]*Sheet, len(sheets))
		for k, data := range sheets {
			var err error
			if ss[k], err = Decode(data); err != nil {
				b.Fatal(err)
			}
		}
		_, changed, err := ApplyAll(dd, c, ss, func(int, Change) bool { return true }, names, time.Now())
		if err != nil || len(changed[39]) != 7 {
			b.Fatalf("%v, changed %v", err, changed)
		}
	}
	b.ReportMetric(float64(len(sheets[0])), "sheet_bytes")
}
