package pec

import (
	"strings"
	"testing"
)

// TestTokensCompareAsReadersDo: the same dictionary written by different PDF libraries
// compares equal; a changed value does not.
func TestTokensCompareAsReadersDo(t *testing.T) {
	ours := "<< /Type /Catalog /Pages 1 0 R /Lang <FEFF00690074> /V [0 0 595.28 841.89] >>"
	tests := []struct {
		name, other string
		same        bool
	}{
		{"same bytes", ours, true},
		{"another library's spacing", "<</Type/Catalog/Pages 1 0 R/Lang(\xfe\xff\x00i\x00t)/V[0 0 595.280 841.89]>>", true},
		{"name escapes", "<< /Type /Cata#6Cog /Pages 1 0 R /Lang <FEFF00690074> /V [0 0 595.28 841.89] >>", true},
		{"a comment between tokens", "<< /Type /Catalog %x\n/Pages 1 0 R /Lang <FEFF00690074> /V [0 0 595.28 841.89] >>", true},
		{"other pages", "<< /Type /Catalog /Pages 9 0 R /Lang <FEFF00690074> /V [0 0 595.28 841.89] >>", false},
		{"other language", "<< /Type /Catalog /Pages 1 0 R /Lang (en) /V [0 0 595.28 841.89] >>", false},
		{"a key more", "<< /Type /Catalog /Pages 1 0 R /Lang <FEFF00690074> /V [0 0 595.28 841.89] /OpenAction 5 0 R >>", false},
	}
	a, _ := tokens([]byte(ours), 100, false)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, _ := tokens([]byte(tc.other), 100, false)
			if got := sameExcept(dictOf(a), dictOf(b)); got != tc.same {
				t.Errorf("same %v, want %v:\n%s\n%s", got, tc.same, strings.Join(a, " "), strings.Join(b, " "))
			}
		})
	}
}

func TestScanObjects(t *testing.T) {
	b := []byte("%PDF-1.7\n1 0 obj\n<< /A 1 >>\nendobj\n2 0 obj<</B (endob) >>endobj\n3 0 obj\n<< /Length 9 >>\nstream\n4 0 obj x\nendstream\nendobj\nxobject 5 0 objstm\n")
	objs := scanObjects(b, 0)
	var nums []int
	for _, o := range objs {
		nums = append(nums, o.num)
	}
	if len(nums) != 3 || nums[0] != 1 || nums[1] != 2 || nums[2] != 3 || !objs[2].stream || objs[0].stream {
		t.Errorf("objects %v", nums)
	}
}
