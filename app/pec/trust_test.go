package pec

import (
	"crypto/x509"
	"encoding/pem"
	"slices"
	"strings"
	"testing"
	"time"

	"bando/app/pec/pectest"
)

// Issue 12: an honest verdict per signer. Each case is a signed file an office could
// receive; the verdict must say why it does not count, or that it does.

var finalised = time.Date(2024, 3, 2, 10, 0, 0, 0, time.UTC)

type verdictCase struct {
	name     string
	file     func() []byte
	anchors  []*x509.Certificate
	ok       bool
	keys     []string // problem keys, in order
	warnings []string // warning keys of every signer, in order
}

func runVerdicts(t *testing.T, proposal []byte, tests []verdictCase) {
	t.Helper()
	_, required := proposalFixture(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Open(tc.file())
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			r := s.CheckWith(proposal, required, Options{Now: now, Finalised: &finalised, Anchors: tc.anchors})
			if r.OK() != tc.ok || strings.Join(problemKeys(r), ",") != strings.Join(tc.keys, ",") {
				t.Errorf("OK %v, problems %v; want OK %v, %v", r.OK(), problemKeys(r), tc.ok, tc.keys)
			}
			var warnings []string
			for _, s := range r.Signers {
				for _, w := range s.Warnings {
					warnings = append(warnings, w.Key)
				}
			}
			for _, ts := range r.Timestamps {
				if ts.Problem != nil {
					warnings = append(warnings, ts.Problem.Key)
				}
			}
			if strings.Join(warnings, ",") != strings.Join(tc.warnings, ",") {
				t.Errorf("warnings %v, want %v", warnings, tc.warnings)
			}
			for _, p := range r.Problems {
				if p.Msg.IT == "" || p.Msg.EN == "" || p.Msg.IT == p.Msg.EN {
					t.Errorf("%s: messages %q / %q", p.Key, p.Msg.IT, p.Msg.EN)
				}
			}
			if r.OK() && !r.Same {
				t.Error("accepted a file that is not the proposal")
			}
		})
	}
}

func TestVerdictCAdES(t *testing.T) {
	proposal, required := proposalFixture(t)
	all := signersFor(t, required)
	last := len(all) - 1
	r1 := required[1]
	with := func(s *pectest.Signer) []*pectest.Signer {
		l := slices.Clone(all)
		l[1] = s
		return l
	}
	cert := func(o pectest.CertOptions) *pectest.Signer { return pectest.NewSigner(t, r1.Name, r1.CF, o) }
	tsa := pectest.NewSigner(t, "Bando Test TSA", "", pectest.CertOptions{TSA: true})
	notTSA := pectest.NewSigner(t, "Not A TSA", "", pectest.CertOptions{})
	signedAt := time.Date(2024, 3, 2, 11, 0, 0, 0, time.UTC)
	stranger := pectest.NewSigner(t, "Ugo Estraneo", "RSSMCL99M07F205Y", pectest.CertOptions{})
	otherCA := pectest.NewSigner(t, "Altra CA", "", pectest.CertOptions{SelfSigned: true})
	sign := func(signers []*pectest.Signer, o pectest.CMSOptions) func() []byte {
		return func() []byte { return pectest.SignCMS(t, proposal, signers, o) }
	}
	runVerdicts(t, proposal, []verdictCase{
		{name: "genuine: parallel signatures of every required signer, test CA", file: sign(all, pectest.CMSOptions{}), ok: true},
		{name: "genuine, chains to the trust anchor given", file: sign(all, pectest.CMSOptions{}), anchors: []*x509.Certificate{pectest.CA(t)}, ok: true},
		{name: "chains to no trust anchor given", file: sign(all, pectest.CMSOptions{}), anchors: []*x509.Certificate{otherCA.Cert},
			keys: []string{"sig.untrusted", "sig.untrusted", "sig.untrusted", "sig.untrusted", "sig.untrusted", "sig.missing", "sig.missing", "sig.missing", "sig.missing", "sig.missing"}},
		{name: "the last required signer countersigns (controfirma)", file: sign(all[:last], pectest.CMSOptions{Countersigners: all[last:]}), ok: true},
		{name: "a countersignature over a damaged signature does not count", file: sign(all[:1], pectest.CMSOptions{Countersigners: all[1:], Tamper: func(s []byte) { s[10] ^= 0xff }}),
			keys: []string{"sig.invalid", "sig.counter_invalid", "sig.counter_invalid", "sig.counter_invalid", "sig.counter_invalid", "sig.missing", "sig.missing", "sig.missing", "sig.missing", "sig.missing"}},
		{name: "a stranger countersigns: listed, not refused", file: sign(all, pectest.CMSOptions{Countersigners: []*pectest.Signer{stranger}}), ok: true},
		{name: "self-signed certificate claiming a codice fiscale", file: sign(with(cert(pectest.CertOptions{SelfSigned: true})), pectest.CMSOptions{}),
			keys: []string{"sig.not_qualified", "sig.missing"}},
		{name: "ordinary (not qualified) certificate", file: sign(with(cert(pectest.CertOptions{NotQualified: true})), pectest.CMSOptions{}),
			keys: []string{"sig.not_qualified", "sig.missing"}},
		{name: "qualified, key not in a signature device", file: sign(with(cert(pectest.CertOptions{NoSSCD: true})), pectest.CMSOptions{}),
			keys: []string{"sig.not_qualified", "sig.missing"}},
		{name: "qualified for a seal, not a signature", file: sign(with(cert(pectest.CertOptions{Seal: true})), pectest.CMSOptions{}),
			keys: []string{"sig.not_qualified", "sig.missing"}},
		{name: "no nonRepudiation key usage", file: sign(with(cert(pectest.CertOptions{KeyUsage: x509.KeyUsageDigitalSignature})), pectest.CMSOptions{}),
			keys: []string{"sig.not_qualified", "sig.missing"}},
		{name: "expired and backdated: valid 2019-2020, signing time 2020", file: func() []byte {
			old := cert(pectest.CertOptions{NotBefore: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)})
			return pectest.SignCMS(t, proposal, with(old), pectest.CMSOptions{SigningTime: time.Date(2020, 6, 1, 10, 0, 0, 0, time.UTC)})
		}, keys: []string{"sig.cert_expired", "sig.missing"}, warnings: []string{"sig.time_before_final", "sig.time_before_final", "sig.time_before_final", "sig.time_before_final", "sig.time_before_final"}},
		{name: "future-dated certificate", file: sign(with(cert(pectest.CertOptions{NotBefore: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})), pectest.CMSOptions{}),
			keys: []string{"sig.cert_not_yet_valid", "sig.missing"}},
		{name: "signing time in the future: reported, not trusted", file: sign(all, pectest.CMSOptions{SigningTime: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}), ok: true,
			warnings: []string{"sig.time_future", "sig.time_future", "sig.time_future", "sig.time_future", "sig.time_future"}},
		{name: "signing time before the proposal was finalised: reported", file: sign(all[:1], pectest.CMSOptions{SigningTime: finalised.Add(-time.Hour)}),
			keys: []string{"sig.missing", "sig.missing", "sig.missing", "sig.missing"}, warnings: []string{"sig.time_before_final"}},
		{name: "verified signature timestamps (CAdES-T)", file: sign(all, pectest.CMSOptions{TSA: tsa, TimestampAt: signedAt}), ok: true},
		{name: "junk signature timestamp: unverified, counts as nothing", file: sign(all[:1], pectest.CMSOptions{JunkTimestamp: true}),
			keys: []string{"sig.missing", "sig.missing", "sig.missing", "sig.missing"}, warnings: []string{"timestamp.unverified"}},
		{name: "timestamp by a certificate that is no TSA: unverified", file: sign(all[:1], pectest.CMSOptions{TSA: notTSA, TimestampAt: signedAt}),
			keys: []string{"sig.missing", "sig.missing", "sig.missing", "sig.missing"}, warnings: []string{"timestamp.unverified"}},
		{name: "certificate not valid at the verified timestamp", file: func() []byte {
			late := cert(pectest.CertOptions{NotBefore: signedAt.Add(time.Hour)})
			return pectest.SignCMS(t, proposal, with(late), pectest.CMSOptions{TSA: tsa, TimestampAt: signedAt})
		}, keys: []string{"sig.cert_at_timestamp", "sig.missing"}},
	})
}

// TestTimestampTime: a verified timestamp's time is reported; the self-declared one is not
// used for it.
func TestTimestampTime(t *testing.T) {
	proposal, required := proposalFixture(t)
	all := signersFor(t, required)
	tsa := pectest.NewSigner(t, "Bando Test TSA", "", pectest.CertOptions{TSA: true})
	at := time.Date(2024, 3, 2, 11, 30, 0, 0, time.UTC)
	r, err := Verify(pectest.SignCMS(t, proposal, all, pectest.CMSOptions{TSA: tsa, TimestampAt: at}), proposal, required, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range r.Signers {
		if s.Timestamp == nil || !s.Timestamp.Equal(at) {
			t.Errorf("%s: timestamp %v, want %v", s.Name, s.Timestamp, at)
		}
		if !s.Qualified.Compliance || !s.Qualified.SSCD || !s.Qualified.ESign || !s.Qualified.AgIDPolicy || s.Qualified.SelfSigned {
			t.Errorf("%s: qualified claims %+v", s.Name, s.Qualified)
		}
	}
}

// TestChainReaches: a chain reaches an anchor only through CAs valid at the time.
func TestChainReaches(t *testing.T) {
	leaf := pectest.NewSigner(t, "Mario Rossi", "RSSMCL99M07F205Y", pectest.CertOptions{}).Cert
	ca := pectest.CA(t)
	other := pectest.NewSigner(t, "Altra CA", "", pectest.CertOptions{SelfSigned: true}).Cert
	tests := []struct {
		name    string
		inter   []*x509.Certificate
		anchors []*x509.Certificate
		at      time.Time
		want    bool
	}{
		{"the issuing CA is the anchor", nil, []*x509.Certificate{ca}, now, true},
		{"the CA carried in the signature, another anchor", []*x509.Certificate{ca}, []*x509.Certificate{other}, now, false},
		{"no anchor", nil, nil, now, false},
		{"the anchor expired (2040) at the time", nil, []*x509.Certificate{ca}, time.Date(2041, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"a leaf is no CA: it issues nothing", nil, []*x509.Certificate{other}, now, false},
		{"the certificate itself given as anchor", nil, []*x509.Certificate{leaf}, now, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := chainReaches(leaf, tc.inter, tc.anchors, tc.at); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestParseAnchors(t *testing.T) {
	ca := pectest.CA(t)
	pemCA := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.Raw})
	tests := []struct {
		name string
		in   []byte
		n    int
		key  string
	}{
		{"two PEM certificates with text around", append(append([]byte("CA di prova\n"), pemCA...), pemCA...), 2, ""},
		{"one DER certificate", ca.Raw, 1, ""},
		{"a private key only", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: []byte{1}}), 0, "trust.none"},
		{"a damaged certificate", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte{0x30, 1, 2}}), 0, "trust.unreadable"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseAnchors(tc.in)
			if tc.key != "" {
				if e, ok := err.(*Error); !ok || e.Key != tc.key || e.Msg.EN == e.Msg.IT {
					t.Fatalf("error %v, want %s", err, tc.key)
				}
				return
			}
			if err != nil || len(got) != tc.n {
				t.Errorf("%d anchors, %v; want %d", len(got), err, tc.n)
			}
		})
	}
}
