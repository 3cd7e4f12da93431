package pec

import (
	"bytes"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"bando/app/draft"
	"bando/app/pdf"
	"bando/app/pec/pectest"
	"bando/schema"
)

const exampleDraft = "../../schema/calls/examples/toscana-fami-2024.complete.bando.json"

var (
	fixtureOnce sync.Once
	fixture     struct {
		call     *schema.Call
		draft    *draft.Draft
		proposal []byte
		other    []byte // the proposal of a slightly different draft
		required []schema.Signer
		err      error
	}
)

// proposalFixture is the example proposal PDF and its required signers (every member of the
// ATS to be constituted).
func proposalFixture(t testing.TB) ([]byte, []schema.Signer) {
	t.Helper()
	fixtureOnce.Do(func() {
		f := &fixture
		data, err := os.ReadFile(exampleDraft)
		if err != nil {
			f.err = err
			return
		}
		if f.draft, f.err = draft.Decode(data); f.err != nil {
			return
		}
		at := time.Date(2024, 3, 2, 10, 0, 0, 0, time.UTC)
		f.draft.FinalisedAt = &at
		if f.call, f.err = schema.Shipped(f.draft.Call); f.err != nil {
			return
		}
		var buf bytes.Buffer
		if f.err = pdf.Write(&buf, f.call, f.draft, pdf.Options{}); f.err != nil {
			return
		}
		f.proposal = buf.Bytes()
		other := *f.draft
		other.Answers = f.draft.Answers.Clone()
		_ = other.Answers.Set("azioni.titolo", "Un titolo cambiato dopo la firma")
		buf.Reset()
		if f.err = pdf.Write(&buf, f.call, &other, pdf.Options{}); f.err != nil {
			return
		}
		f.other = buf.Bytes()
		f.required = f.call.RequiredSigners(f.draft.Answers)
	})
	if fixture.err != nil {
		t.Fatal(fixture.err)
	}
	return fixture.proposal, fixture.required
}

// signersFor issues a certificate for every required signer; the first one RSA (as on most
// Italian smart cards), the others ECDSA.
func signersFor(t testing.TB, required []schema.Signer) []*pectest.Signer {
	t.Helper()
	out := make([]*pectest.Signer, len(required))
	for i, r := range required {
		out[i] = pectest.NewSigner(t, r.Name, r.CF, pectest.CertOptions{RSA: i == 0})
	}
	return out
}

var now = time.Date(2024, 3, 3, 9, 0, 0, 0, time.UTC)

func problemKeys(r *Report) []string {
	var keys []string
	for _, p := range r.Problems {
		keys = append(keys, p.Key)
	}
	return keys
}

func TestCheckCAdES(t *testing.T) {
	proposal, required := proposalFixture(t)
	all := signersFor(t, required)
	stranger := pectest.NewSigner(t, "Ugo Estraneo", "RSSMCL99M07F205Y", pectest.CertOptions{})
	noCF := pectest.NewSigner(t, "John Smith", "", pectest.CertOptions{Serial: "PASIT-YA1234567"})
	expired := pectest.NewSigner(t, required[1].Name, required[1].CF, pectest.CertOptions{NotAfter: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	nonRep := pectest.NewSigner(t, required[2].Name, required[2].CF, pectest.CertOptions{KeyUsage: 1 /* digitalSignature only */})
	without := func(i int) []*pectest.Signer { return append(append([]*pectest.Signer{}, all[:i]...), all[i+1:]...) }
	replace := func(i int, s *pectest.Signer) []*pectest.Signer {
		l := append([]*pectest.Signer{}, all...)
		l[i] = s
		return l
	}

	tests := []struct {
		name     string
		file     func() []byte
		ok       bool
		keys     []string // problem keys, in order
		missing  int
		warnings []string
	}{
		{"every required signer, DER", func() []byte { return pectest.SignCMS(t, proposal, all, pectest.CMSOptions{}) }, true, nil, 0, nil},
		{"every required signer, base64", func() []byte {
			return []byte(base64.StdEncoding.EncodeToString(pectest.SignCMS(t, proposal, all, pectest.CMSOptions{})))
		}, true, nil, 0, nil},
		{"every required signer, PEM", func() []byte {
			return pem.EncodeToMemory(&pem.Block{Type: "PKCS7", Bytes: pectest.SignCMS(t, proposal, all, pectest.CMSOptions{})})
		}, true, nil, 0, nil},
		{"envelope in an envelope (p7m.p7m), one signer each", func() []byte {
			inner := pectest.SignCMS(t, proposal, all[:2], pectest.CMSOptions{})
			return pectest.SignCMS(t, inner, all[2:], pectest.CMSOptions{})
		}, true, nil, 0, nil},
		{"a signer more than required is listed, not refused", func() []byte {
			return pectest.SignCMS(t, proposal, append(append([]*pectest.Signer{}, all...), stranger), pectest.CMSOptions{})
		}, true, nil, 0, nil},
		{"one required signer missing", func() []byte { return pectest.SignCMS(t, proposal, without(3), pectest.CMSOptions{}) }, false, []string{"sig.missing"}, 1, nil},
		{"signed over another version of the proposal", func() []byte { return pectest.SignCMS(t, fixture.other, all, pectest.CMSOptions{}) }, false, []string{"signed.other_document"}, 0, nil},
		{"signed over something that is not a PDF", func() []byte { return pectest.SignCMS(t, []byte("ciao"), all, pectest.CMSOptions{}) }, false, []string{"signed.not_pdf"}, 0, nil},
		{"content changed after signing", func() []byte {
			f := pectest.SignCMS(t, proposal, all, pectest.CMSOptions{})
			i := bytes.Index(f, proposal[:64]) + 200
			f[i] ^= 1
			return f
		}, false, []string{"signed.other_document", "sig.digest", "sig.digest", "sig.digest", "sig.digest", "sig.digest", "sig.missing", "sig.missing", "sig.missing", "sig.missing", "sig.missing"}, 5, nil},
		{"signature value damaged", func() []byte {
			return pectest.SignCMS(t, proposal, all[:1], pectest.CMSOptions{Tamper: func(s []byte) { s[10] ^= 0xff }})
		}, false, []string{"sig.invalid", "sig.missing", "sig.missing", "sig.missing", "sig.missing", "sig.missing"}, 5, nil},
		{"signed digest is not the content's", func() []byte { return pectest.SignCMS(t, proposal, all, pectest.CMSOptions{BadDigest: true}) }, false,
			[]string{"sig.digest", "sig.digest", "sig.digest", "sig.digest", "sig.digest", "sig.missing", "sig.missing", "sig.missing", "sig.missing", "sig.missing"}, 5, nil},
		{"no signed attributes (plain PKCS#7)", func() []byte { return pectest.SignCMS(t, proposal, all, pectest.CMSOptions{NoAttrs: true}) }, true, nil, 0, nil},
		{"certificate left out", func() []byte { return pectest.SignCMS(t, proposal, all[:1], pectest.CMSOptions{NoCert: true}) }, false,
			[]string{"sig.no_cert", "sig.missing", "sig.missing", "sig.missing", "sig.missing", "sig.missing"}, 5, nil},
		{"another certificate than the signing one", func() []byte {
			return pectest.SignCMS(t, proposal, all[:1], pectest.CMSOptions{OtherCert: all[1].Cert})
		}, false, []string{"sig.no_cert", "sig.missing", "sig.missing", "sig.missing", "sig.missing", "sig.missing"}, 5, nil},
		{"certificate expired before signing", func() []byte { return pectest.SignCMS(t, proposal, replace(1, expired), pectest.CMSOptions{}) }, false,
			[]string{"sig.cert_expired", "sig.missing"}, 1, nil},
		{"certificate without a codice fiscale", func() []byte { return pectest.SignCMS(t, proposal, replace(4, noCF), pectest.CMSOptions{}) }, false,
			[]string{"sig.missing"}, 1, []string{"sig.no_cf"}},
		{"certificate not for non-repudiation: not a qualified signature", func() []byte { return pectest.SignCMS(t, proposal, replace(2, nonRep), pectest.CMSOptions{}) }, false,
			[]string{"sig.not_qualified", "sig.missing"}, 1, nil},
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
			var warnings []string
			for _, s := range r.Signers {
				for _, w := range s.Warnings {
					warnings = append(warnings, w.Key)
				}
			}
			if strings.Join(warnings, ",") != strings.Join(tc.warnings, ",") {
				t.Errorf("warnings %v, want %v", warnings, tc.warnings)
			}
			if r.Format != CAdES || len(r.Notes) == 0 {
				t.Errorf("format %s, notes %v", r.Format, r.Notes)
			}
		})
	}
}

// TestSignerIdentity: name and codice fiscale come from the certificate.
func TestSignerIdentity(t *testing.T) {
	proposal, required := proposalFixture(t)
	all := signersFor(t, required)
	r, err := Verify(pectest.SignCMS(t, proposal, all, pectest.CMSOptions{}), proposal, required, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Signers) != len(required) {
		t.Fatalf("%d signers, want %d", len(r.Signers), len(required))
	}
	for i, s := range r.Signers {
		if s.Name != required[i].Name || s.CF != required[i].CF || !s.Valid || !s.Required || s.Issuer != "Bando Test CA (non qualificata)" {
			t.Errorf("signer %d: %+v, want %s %s", i, s.Identity, required[i].Name, required[i].CF)
		}
		if s.SigningTime == nil || !s.SigningTime.Equal(time.Date(2024, 3, 2, 11, 0, 0, 0, time.UTC)) {
			t.Errorf("signing time %v", s.SigningTime)
		}
	}
}

func TestCFFromSerial(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"ETSI form", "TINIT-RSSMCL99M07F205Y", "RSSMCL99M07F205Y"},
		{"lower case", "tinit-rssmcl99m07f205y", "RSSMCL99M07F205Y"},
		{"old CNIPA form", "IT:RSSMCL99M07F205Y", "RSSMCL99M07F205Y"},
		{"foreign identity", "PASDE-C01X00T47", ""},
		{"empty", "", ""},
		{"prefix only", "TINIT-", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := cfFromSerial(tc.in); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestOpenRefuses(t *testing.T) {
	proposal, required := proposalFixture(t)
	all := signersFor(t, required[:1])
	good := pectest.SignCMS(t, proposal, all, pectest.CMSOptions{})
	tests := []struct {
		name, key string
		data      []byte
	}{
		{"empty", "signed.empty", []byte(" \n")},
		{"a word file", "signed.unknown", []byte("PK\x03\x04 this is a docx")},
		{"text that is not base64", "signed.unknown", []byte("Gentile Regione, allego la domanda")},
		{"truncated envelope", "signed.unreadable", good[:len(good)/2]},
		{"detached signature (.p7s)", "signed.detached", pectest.SignCMS(t, proposal, all, pectest.CMSOptions{Detached: true})},
		{"PDF without signatures", "signed.unsigned_pdf", proposal},
		{"PDF with a nonsense byte range", "pades.range", append(append([]byte{}, proposal...), "1 0 obj << /ByteRange [0 10 5 3] >> endobj"...)},
		{"too large", "signed.too_large", make([]byte, MaxSignedSize+1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(tc.data)
			var e *Error
			if !errors.As(err, &e) || e.Key != tc.key {
				t.Fatalf("error %v, want key %s", err, tc.key)
			}
			if e.Message(schema.IT) == "" || e.Message(schema.EN) == e.Message(schema.IT) {
				t.Errorf("messages %q / %q", e.Message(schema.IT), e.Message(schema.EN))
			}
		})
	}
}

// TestOpenBER: an envelope with indefinite lengths and a chunked content (as some signing
// tools write it) reads the same as its DER form.
func TestOpenBER(t *testing.T) {
	proposal, required := proposalFixture(t)
	all := signersFor(t, required)
	ber := pectest.SignCMS(t, proposal, all, pectest.CMSOptions{BER: true})
	if bytes.Equal(ber, pectest.SignCMS(t, proposal, all, pectest.CMSOptions{})) || ber[1] != 0x80 {
		t.Fatal("not in BER form")
	}
	r, err := Verify(ber, proposal, required, now)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() {
		t.Errorf("problems %v", problemKeys(r))
	}
}
