package pec

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"bando/app/pec/pectest"
)

// Interoperability: files signed by openssl, the way Italian signing tools build CAdES, and
// a PAdES file that poppler's pdfsig accepts. Missing tools skip the test, loudly.

func TestOpenSSLCAdES(t *testing.T) {
	proposal, required := proposalFixture(t)
	all := signersFor(t, required)
	tests := []struct {
		name    string
		file    func() []byte
		ok      bool
		missing int
	}{
		{"all required signers", func() []byte { return pectest.OpenSSLSign(t, proposal, all, true) }, true, 0},
		{"one signer missing", func() []byte { return pectest.OpenSSLSign(t, proposal, all[:len(all)-1], true) }, false, 1},
		{"signed over a different PDF", func() []byte { return pectest.OpenSSLSign(t, fixture.other, all, true) }, false, 0},
		{"p7m signed again (p7m.p7m)", func() []byte {
			return pectest.OpenSSLSign(t, pectest.OpenSSLSign(t, proposal, all[:2], true), all[2:], true)
		}, true, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Verify(tc.file(), proposal, required, now)
			if err != nil {
				t.Fatal(err)
			}
			if r.OK() != tc.ok || len(r.Missing) != tc.missing {
				t.Errorf("OK %v (problems %v), missing %d; want %v, %d", r.OK(), problemKeys(r), len(r.Missing), tc.ok, tc.missing)
			}
			for _, s := range r.Signers {
				if !s.Valid {
					t.Errorf("openssl signature of %s does not verify: %v", s.Name, s.Problem)
				}
			}
		})
	}
}

// TestPdfsigAcceptsPAdES: a PAdES file built here and signed by openssl over the byte ranges
// is accepted by poppler's pdfsig (signature valid; the test CA is of course not trusted) and
// by Check.
func TestPdfsigAcceptsPAdES(t *testing.T) {
	pectest.NeedTool(t, "pdfsig")
	proposal, required := proposalFixture(t)
	all := signersFor(t, required)
	file := proposal
	for i, s := range all {
		file = pectest.AddPAdES(t, file, fmt.Sprintf("Firma%d", i+1), func(signed []byte) []byte {
			return pectest.OpenSSLSign(t, signed, []*pectest.Signer{s}, false)
		})
	}
	path := filepath.Join(t.TempDir(), "signed.pdf")
	if err := os.WriteFile(path, file, 0o600); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command("pdfsig", path).CombinedOutput() // exits non-zero for an untrusted CA
	text := string(out)
	if n := strings.Count(text, "Signature Validation: Signature is Valid."); n != len(all) {
		t.Errorf("pdfsig finds %d valid signatures, want %d:\n%s", n, len(all), text)
	}
	for _, s := range all {
		if !strings.Contains(text, s.Name) {
			t.Errorf("pdfsig does not name %s", s.Name)
		}
	}
	if !strings.Contains(text, "Total document signed") {
		t.Errorf("pdfsig does not see the last signature covering the whole document:\n%s", text)
	}
	r, err := Verify(file, proposal, required, now)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() {
		t.Errorf("Check refuses what pdfsig accepts: %v", problemKeys(r))
	}
	if _, err := exec.LookPath("qpdf"); err == nil {
		if msg, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check on the signed PDF: %v\n%s", err, msg)
		}
	}
}
