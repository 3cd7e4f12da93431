package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestCIDSetFromMap(t *testing.T) {
	// gids builds a CIDToGIDMap of n CIDs with the given CID → GID pairs.
	gids := func(n int, pairs ...int) []byte {
		m := make([]byte, 2*n)
		for i := 0; i < len(pairs); i += 2 {
			m[2*pairs[i]], m[2*pairs[i]+1] = byte(pairs[i+1]>>8), byte(pairs[i+1])
		}
		return m
	}
	tests := []struct {
		name string
		m    []byte
		want []byte
	}{
		{"empty map: only .notdef", nil, []byte{0x80}},
		{"nothing mapped: only .notdef", gids(300), []byte{0x80}},
		{"CID 1 and 7 in the first byte", gids(16, 1, 5, 7, 6), []byte{0xc1}},
		{"CID 8 starts the second byte", gids(16, 8, 1), []byte{0x80, 0x80}},
		{"high GID byte alone counts", gids(16, 9, 0x100), []byte{0x80, 0x40}},
		{"trailing unmapped CIDs give no bytes", gids(65536, 65, 3), []byte{0x80, 0, 0, 0, 0, 0, 0, 0, 0x40}},
		{"the last CID of the map", gids(65536, 65535, 1), append(append([]byte{0x80}, make([]byte, 8190)...), 0x01)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := cidSetFromMap(tc.m); !bytes.Equal(got, tc.want) {
				t.Errorf("got % x, want % x", got, tc.want)
			}
		})
	}
}

// TestCIDSetsRefuse: finishing stops with an error, never writes a wrong CIDSet, when gofpdf's
// output is not what cidSets expects.
func TestCIDSetsRefuse(t *testing.T) {
	font := "<</Type /Font\n/Subtype /CIDFontType2\n/FontDescriptor 2 0 R\n/CIDToGIDMap 3 0 R>>"
	desc := "<</Type /FontDescriptor /FontName /utf8x /FontFile2 9 0 R>>"
	flate := func(data []byte) string {
		z := deflate(data)
		return fmt.Sprintf("<</Length %d/Filter /FlateDecode>>\nstream\n%s\nendstream", len(z), z)
	}
	tests := []struct {
		name, font, cmap, want string
	}{
		{"no CIDToGIDMap reference", strings.Replace(font, "/CIDToGIDMap 3 0 R", "", 1), flate([]byte{0, 1}), "no font descriptor or CIDToGIDMap"},
		{"map is not a stream", font, "<< >>", "not a stream"},
		{"map not compressed", font, "<</Length 2>>\nstream\n\x00\x01\nendstream", "not FlateDecode"},
		{"length past the object", font, "<</Length 99/Filter /FlateDecode>>\nstream\nxx\nendstream", "bad /Length"},
		{"corrupt deflate data", font, "<</Length 4/Filter /FlateDecode>>\nstream\nxxxx\nendstream", "zlib"},
		{"odd byte count", font, flate([]byte{0, 1, 2}), "3 bytes"},
		{"bigger than 65536 CIDs", font, flate(make([]byte, maxCIDToGIDMap+2)), "131073 bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := &parsed{objects: []span{
				{1, []byte("1 0 obj\n" + tc.font + "\nendobj\n")},
				{2, []byte("2 0 obj\n" + desc + "\nendobj\n")},
				{3, []byte("3 0 obj\n" + tc.cmap + "\nendobj\n")},
			}}
			_, err := cidSets(p)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestWithCIDSet(t *testing.T) {
	in := "31 0 obj\n<</Type /FontDescriptor /FontName /X /FontBBox [0 0 1 1] /FontFile2 33 0 R>>\nendobj\n"
	want := "31 0 obj\n<</Type /FontDescriptor /FontName /X /FontBBox [0 0 1 1] /FontFile2 33 0 R /CIDSet 50 0 R>>\nendobj\n"
	if got := string(withCIDSet([]byte(in), 50)); got != want {
		t.Errorf("got %q", got)
	}
}
