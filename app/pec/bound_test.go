package pec

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"testing"

	"bando/app/pec/pectest"
)

// Issue 12: a hostile signed file costs no more than a real one. The figures are the
// benchmarks below (go test -run '^$' -bench Hostile ./app/pec/); the tests check the
// refusals.

const hostileSize = 1 << 20

// hostileRanges is 1 MB of "/ByteRange" entries all pointing at one small /Contents: the
// scan that looked for each one's /SubFilter from the start of the file was quadratic.
func hostileRanges() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n<00>\n")
	for b.Len() < hostileSize {
		b.WriteString("/ByteRange [0 9 13 0]\n")
	}
	return b.Bytes()
}

// hostileSignatures is 1 MB holding n well-formed signature dictionaries, each covering the
// whole file with a real CMS signature (over something else): every one is parsed and
// hashed.
func hostileSignatures(t testing.TB, n int) []byte {
	s := pectest.NewSigner(t, "Mario Rossi", "RSSMCL99M07F205Y", pectest.CertOptions{})
	cms := hex.EncodeToString(pectest.SignCMS(t, []byte("altro"), []*pectest.Signer{s}, pectest.CMSOptions{Detached: true}))
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	type gap struct{ rangeAt, start, end int }
	var gaps []gap
	for range n {
		b.WriteString("1 0 obj\n<< /Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange ")
		g := gap{rangeAt: b.Len()}
		b.WriteString("[0 0000000000 0000000000 0000000000]")
		b.WriteString(" /Contents ")
		g.start = b.Len()
		b.WriteString("<" + cms + ">")
		g.end = b.Len()
		b.WriteString(" >>\nendobj\n")
		gaps = append(gaps, g)
	}
	for b.Len() < hostileSize {
		b.WriteString("% filler to one megabyte\n")
	}
	file := b.Bytes()
	for _, g := range gaps {
		copy(file[g.rangeAt:], fmt.Sprintf("[0 %010d %010d %010d]", g.start, g.end, len(file)-g.end))
	}
	return file
}

// hostileUpdates is a tiny signed PDF followed by 1 MB of incremental updates redefining
// objects: every object is read and judged.
func hostileUpdates(t testing.TB) []byte {
	s := pectest.NewSigner(t, "Mario Rossi", "RSSMCL99M07F205Y", pectest.CertOptions{})
	file := pectest.AddPAdES(t, tinyPDF(), "Firma", func(signed []byte) []byte {
		return pectest.SignCMS(t, signed, []*pectest.Signer{s}, pectest.CMSOptions{Detached: true})
	})
	var b bytes.Buffer
	b.Write(file)
	for i := 0; b.Len() < hostileSize; i++ {
		fmt.Fprintf(&b, "%d 0 obj\n<< /Type /Page /Annots [%d 0 R] /Kids [1 0 R 2 0 R] >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Root 1 0 R >>\n%%%%EOF\n", i%4+1, i)
	}
	return b.Bytes()
}

func TestHostileScanRefused(t *testing.T) {
	tests := []struct {
		name, key string
		file      []byte
	}{
		{"a megabyte of byte ranges sharing one signature", "pades.range", hostileRanges()},
		{"more signatures than any call has signers", "pades.too_many", hostileSignatures(t, maxPAdESSigs+1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(tc.file)
			e, ok := err.(*Error)
			if !ok || e.Key != tc.key {
				t.Fatalf("error %v, want %s", err, tc.key)
			}
		})
	}
	r, err := Verify(hostileUpdates(t), tinyPDF(), nil, now)
	if err != nil || r.OK() || len(r.Problems) == 0 || len(r.Problems[0].Msg.IT) > 2000 {
		t.Errorf("a megabyte of redefinitions: %v, %v", err, r)
	}
	// the most a file within the bounds can make us do: every signature read and verified
	s, err := Open(hostileSignatures(t, maxPAdESSigs))
	if err != nil {
		t.Fatal(err)
	}
	if r := s.Check([]byte("%PDF-1.7\n"), nil, now); r.OK() || len(r.Signers) != maxPAdESSigs {
		t.Errorf("OK %v with %d signers", r.OK(), len(r.Signers))
	}
}

// BenchmarkHostileSigned: open and check a hostile signed file of 1 MB (goal: ≤ 1 s).
func BenchmarkHostileSigned(b *testing.B) {
	files := map[string][]byte{
		"byteranges": hostileRanges(),
		"signatures": hostileSignatures(b, maxPAdESSigs),
		"updates":    hostileUpdates(b),
	}
	for _, name := range []string{"byteranges", "signatures", "updates"} {
		file := files[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(file)))
			for b.Loop() {
				if s, err := Open(file); err == nil {
					s.Check(file[:min(len(file), len(tinyPDF()))], nil, now)
				}
			}
		})
	}
}
