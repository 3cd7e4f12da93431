package pdf

import (
	"bytes"
	"fmt"
	"testing"
)

// Figures, not timed tests: go test -run '^$' -bench PDF -benchmem ./app/pdf
// Each benchmark reports the file size as "bytes/pdf" beside the time per PDF.
func BenchmarkPDF(b *testing.B) {
	c, d := loadDraft(b, exampleDraft)
	for _, n := range []int{5, 40} {
		dn := finalised(withMembers(b, d, n))
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			var size int
			for b.Loop() {
				var buf bytes.Buffer
				if err := Write(&buf, c, dn, Options{}); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size), "bytes/pdf")
		})
	}
}
