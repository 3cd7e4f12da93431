package pdf

import (
	"strings"
	"testing"
)

// TestCallHashPrinted: every page's footer prints the call's hash beside the answers', so an
// office can tell a proposal made on an altered copy of the call (docs/call-identity.md).
func TestCallHashPrinted(t *testing.T) {
	c, d := loadDraft(t, exampleDraft)
	if len(c.Hash()) != 64 {
		t.Fatalf("call hash %q", c.Hash())
	}
	for _, tc := range []struct {
		o    Options
		want string
	}{
		{Options{}, "Impronta SHA-256 del bando: " + c.Hash()},
		{Options{Lang: "en"}, "SHA-256 of the call: " + c.Hash()},
	} {
		text := tool(t, makePDF(t, c, finalised(d), tc.o), "pdftotext", "-enc", "UTF-8", "FILE", "-")
		pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
		for i, page := range pages {
			if !strings.Contains(page, tc.want) {
				t.Errorf("page %d of %d lacks %q", i+1, len(pages), tc.want)
			}
		}
	}
}
