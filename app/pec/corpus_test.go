package pec

import (
	"bytes"
	"crypto/x509"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"bando/app/pec/pectest"
	"bando/schema"
)

var update = flag.Bool("update", false, "rewrite the attack corpus in testdata/attacks")

// The attack corpus (issue 12): every way a signed file fooled verify, as small files in
// testdata/attacks named KEY__what.EXT, where KEY is the refusal expected (the Open error or
// the first problem of the check) or "ok". They are signed over tinyPDF by the throw-away test
// CA (certificates valid 2023–2030, checked at `now`), and are also the fuzzer's seeds.
// `go test -run TestAttackCorpus -update ./app/pec/` makes them again.

const corpusDir = "testdata/attacks"

func makeCorpus(t testing.TB) map[string][]byte {
	base := tinyPDF()
	mario := func(o pectest.CertOptions) *pectest.Signer {
		return pectest.NewSigner(t, "Mario Rossi", "RSSMCL99M07F205Y", o)
	}
	signer := mario(pectest.CertOptions{})
	tsa := pectest.NewSigner(t, "Bando Test TSA", "", pectest.CertOptions{TSA: true})
	stranger := pectest.NewSigner(t, "Ugo Estraneo", "RSSMCL99M07F205Y", pectest.CertOptions{})
	signPAdES := func(file []byte, s *pectest.Signer, o pectest.PAdESOptions) []byte {
		return pectest.AddPAdESWith(t, file, "Firma", o, func(signed []byte) []byte {
			return pectest.SignCMS(t, signed, []*pectest.Signer{s}, pectest.CMSOptions{Detached: true})
		})
	}
	stamp := func(file []byte, token func([]byte) []byte) []byte {
		return pectest.AddPAdESWith(t, file, "Marca", pectest.PAdESOptions{DocTimestamp: true}, token)
	}
	realToken := func(b []byte) []byte {
		return pectest.Timestamp(t, tsa, b, time.Date(2024, 3, 2, 12, 0, 0, 0, time.UTC))
	}
	junkToken := func([]byte) []byte { return bytes.Repeat([]byte{0x5a}, 32) }
	redraw := map[int]string{2: "<< /Type /Pages /Kids [] /Count 0 /Note (EUR 920.000,00) >>"}
	signed := signPAdES(base, signer, pectest.PAdESOptions{})
	cades := func(s *pectest.Signer, o pectest.CMSOptions) []byte {
		return pectest.SignCMS(t, base, []*pectest.Signer{s}, o)
	}
	ranges := append([]byte("%PDF-1.7\n<00>\n"), bytes.Repeat([]byte("/ByteRange [0 9 13 0]\n"), 3000)...)
	return map[string][]byte{
		"ok__genuine-pades-with-document-timestamp.pdf":                stamp(signed, realToken),
		"ok__genuine-cades-countersigned-timestamped.p7m":              cades(signer, pectest.CMSOptions{Countersigners: []*pectest.Signer{stranger}, TSA: tsa, TimestampAt: now.Add(-time.Hour)}),
		"pades.modified__redrawn-then-junk-document-timestamp.pdf":     stamp(pectest.AddUpdate(t, signed, redraw), junkToken),
		"pades.modified__redrawn-inside-the-signing-update.pdf":        signPAdES(base, signer, pectest.PAdESOptions{Extra: redraw}),
		"pades.modified__redrawn-then-signed-by-a-stranger.pdf":        signPAdES(pectest.AddUpdate(t, signed, redraw), stranger, pectest.PAdESOptions{}),
		"pades.compressed__object-stream-after-signing.pdf":            pectest.AddUpdate(t, signed, map[int]string{9: "<< /Type /ObjStm /N 1 /First 4 /Length 8 >>\nstream\n2 0 <<>>\nendstream"}),
		"pades.unsigned_update__bytes-after-the-signature.pdf":         append(bytes.Clone(signed), "% aggiunto\n"...),
		"pades.range__byteranges-sharing-one-signature.pdf":            ranges,
		"sig.not_qualified__self-signed-claiming-a-codice-fiscale.p7m": cades(mario(pectest.CertOptions{SelfSigned: true}), pectest.CMSOptions{}),
		"sig.not_qualified__ordinary-certificate.p7m":                  cades(mario(pectest.CertOptions{NotQualified: true}), pectest.CMSOptions{}),
		"sig.not_qualified__no-nonrepudiation.p7m":                     cades(mario(pectest.CertOptions{KeyUsage: x509.KeyUsageDigitalSignature}), pectest.CMSOptions{}),
		"sig.cert_expired__valid-2019-2020-signed-2020.p7m": cades(mario(pectest.CertOptions{NotBefore: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)}),
			pectest.CMSOptions{SigningTime: time.Date(2020, 6, 1, 0, 0, 0, 0, time.UTC)}),
		"sig.cert_not_yet_valid__future-dated-certificate.p7m": cades(mario(pectest.CertOptions{NotBefore: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}), pectest.CMSOptions{}),
	}
}

func corpusFiles(t testing.TB) map[string][]byte {
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(corpusDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func TestAttackCorpus(t *testing.T) {
	if *update {
		_ = os.RemoveAll(corpusDir)
		if err := os.MkdirAll(corpusDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, b := range makeCorpus(t) {
			if err := os.WriteFile(filepath.Join(corpusDir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	required := []schema.Signer{{Name: "Mario Rossi", CF: "RSSMCL99M07F205Y", Entity: "Alfa APS"}}
	files := corpusFiles(t)
	if len(files) < 10 {
		t.Fatalf("%d files in %s", len(files), corpusDir)
	}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			want, _, _ := strings.Cut(name, "__")
			s, err := Open(data)
			if err != nil {
				if e, ok := err.(*Error); !ok || e.Key != want {
					t.Fatalf("Open: %v, want %s", err, want)
				}
				return
			}
			r := s.Check(tinyPDF(), required, now)
			keys := problemKeys(r)
			switch {
			case want == "ok" && !r.OK():
				t.Errorf("refused: %v", keys)
			case want != "ok" && (r.OK() || !slices.Contains(keys, want)):
				t.Errorf("problems %v, want %s", keys, want)
			}
		})
	}
}
