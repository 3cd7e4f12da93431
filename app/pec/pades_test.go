package pec

import (
	"bytes"
	"strings"
	"testing"

	"bando/app/pec/pectest"
)

// padesSigned signs the proposal with each signer in turn, one incremental update each, with
// the Go CMS signer.
func padesSigned(t *testing.T, base []byte, signers []*pectest.Signer) []byte {
	t.Helper()
	file := base
	for i, s := range signers {
		file = pectest.AddPAdES(t, file, "Firma"+string(rune('1'+i)), func(signed []byte) []byte {
			return pectest.SignCMS(t, signed, []*pectest.Signer{s}, pectest.CMSOptions{Detached: true})
		})
	}
	return file
}

func TestCheckPAdES(t *testing.T) {
	proposal, required := proposalFixture(t)
	all := signersFor(t, required)
	tests := []struct {
		name    string
		file    func() []byte
		ok      bool
		keys    []string
		missing int
	}{
		{"every required signer, one update each", func() []byte { return padesSigned(t, proposal, all) }, true, nil, 0},
		{"one required signer missing", func() []byte { return padesSigned(t, proposal, all[1:]) }, false, []string{"sig.missing"}, 1},
		{"signed over another version of the proposal", func() []byte { return padesSigned(t, fixture.other, all) }, false, []string{"signed.other_document"}, 0},
		{"bytes added after the last signature", func() []byte {
			return append(padesSigned(t, proposal, all), "1 0 obj\n<< >>\nendobj\n"...)
		}, false, []string{"pades.modified"}, 0},
		{"a trailing newline is not a change", func() []byte { return append(padesSigned(t, proposal, all), '\n') }, true, nil, 0},
		{"a byte of the proposal changed after signing", func() []byte {
			f := padesSigned(t, proposal, all)
			f[len(proposal)/2] ^= 1
			return f
		}, false, []string{"signed.other_document", "sig.digest", "sig.digest", "sig.digest", "sig.digest", "sig.digest",
			"sig.missing", "sig.missing", "sig.missing", "sig.missing", "sig.missing"}, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Verify(tc.file(), proposal, required, now)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if r.OK() != tc.ok || strings.Join(problemKeys(r), ",") != strings.Join(tc.keys, ",") || len(r.Missing) != tc.missing {
				t.Errorf("OK %v, problems %v, missing %d; want OK %v, %v, %d", r.OK(), problemKeys(r), len(r.Missing), tc.ok, tc.keys, tc.missing)
			}
			if r.Format != PAdES {
				t.Errorf("format %s", r.Format)
			}
		})
	}
}

func TestParseRange(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want [4]int
		ok   bool
	}{
		{"plain", "[0 100 200 50]", [4]int{0, 100, 200, 50}, true},
		{"padded, as signing tools reserve room", " [0 100        200        50        ]", [4]int{0, 100, 200, 50}, true},
		{"newlines", "[\n0\n100\r\n200 50\n]", [4]int{0, 100, 200, 50}, true},
		{"three numbers", "[0 100 200]", [4]int{}, false},
		{"negative", "[0 -1 200 50]", [4]int{}, false},
		{"no bracket", "0 100 200 50", [4]int{}, false},
		{"huge number", "[0 1000000000000000 2 3]", [4]int{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := parseRange([]byte(tc.in))
			if ok != tc.ok || ok && got != tc.want {
				t.Errorf("got %v %v, want %v %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestSubFilterNear(t *testing.T) {
	file := []byte("5 0 obj\n<< /Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange [0 1 2 3] >>\nendobj\n6 0 obj\n<< /Type /DocTimeStamp /SubFilter/ETSI.RFC3161 /ByteRange [0 1 2 3] >>\nendobj\n")
	first := bytes.Index(file, []byte("/ByteRange"))
	second := bytes.LastIndex(file, []byte("/ByteRange"))
	if got := subFilterNear(file, first, [4]int{}); got != "ETSI.CAdES.detached" {
		t.Errorf("first: %q", got)
	}
	if got := subFilterNear(file, second, [4]int{}); got != "ETSI.RFC3161" {
		t.Errorf("second: %q", got)
	}
}
