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
	for _, tc := range []struct {
		n     int
		draft bool
	}{{5, false}, {40, false}, {40, true}} {
		dn := finalised(withMembers(b, d, tc.n))
		name := fmt.Sprintf("members=%d", tc.n)
		if tc.draft {
			name = "draft," + name // the draft PDF validates the answers too
		}
		b.Run(name, func(b *testing.B) {
			var size int
			for b.Loop() {
				var buf bytes.Buffer
				if err := Write(&buf, c, dn, Options{Draft: tc.draft}); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size), "bytes/pdf")
		})
	}
}
