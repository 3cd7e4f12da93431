package pec

import (
	"crypto/rand"
	"crypto/x509"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/pec/pectest"
)

// Issue 12: PAdES files changed after signing, as an attacker would change them, and the
// changes signing software legitimately makes.

// redraw is a page content stream that draws another amount.
func redraw() string {
	content := "BT /F1 12 Tf 100 700 Td (EUR 920.000,00) Tj ET"
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content)
}

// latestObject is the body of object n as last written in file (our own updates only).
func latestObject(t *testing.T, file []byte, n int) string {
	all := regexp.MustCompile(fmt.Sprintf(`(?s)\n%d 0 obj\n(.*?)\nendobj`, n)).FindAllSubmatch(file, -1)
	if len(all) == 0 {
		t.Fatalf("no object %d", n)
	}
	return string(all[len(all)-1][1])
}

func rootOf(t *testing.T, file []byte) int {
	m := regexp.MustCompile(`/Root (\d+) 0 R`).FindAllSubmatch(file, -1)
	n, _ := strconv.Atoi(string(m[len(m)-1][1]))
	return n
}

// withKey adds "key value" at the end of a dictionary body.
func withKey(dict, kv string) string {
	i := strings.LastIndex(dict, ">>")
	return dict[:i] + " " + kv + " " + dict[i:]
}

func TestAllowedChanges(t *testing.T) {
	proposal, required := proposalFixture(t)
	all := signersFor(t, required)
	tsa := pectest.NewSigner(t, "Bando Test TSA", "", pectest.CertOptions{TSA: true})
	stranger := pectest.NewSigner(t, "Ugo Estraneo", "RSSMCL99M07F205Y", pectest.CertOptions{})
	content := pectest.ContentsOf(t, proposal, 0)
	page := content - 1 // package pdf writes each page just before its content
	signAll := func() []byte { return padesSigned(t, proposal, all) }
	stamp := func(file []byte, token func(signed []byte) []byte) []byte {
		return pectest.AddPAdESWith(t, file, "Marca", pectest.PAdESOptions{DocTimestamp: true}, token)
	}
	realToken := func(signed []byte) []byte {
		return pectest.Timestamp(t, tsa, signed, time.Date(2024, 3, 2, 12, 0, 0, 0, time.UTC))
	}
	junkToken := func([]byte) []byte {
		b := make([]byte, 32)
		_, _ = rand.Read(b)
		return b
	}
	signBy := func(file []byte, s *pectest.Signer, o pectest.PAdESOptions) []byte {
		return pectest.AddPAdESWith(t, file, "Firma"+s.CF, o, func(signed []byte) []byte {
			return pectest.SignCMS(t, signed, []*pectest.Signer{s}, pectest.CMSOptions{Detached: true})
		})
	}
	update := func(file []byte, objs map[int]string) []byte { return pectest.AddUpdate(t, file, objs) }
	// the last required signer signs with a certificate that must not count
	lastWith := func(o pectest.CertOptions, at time.Time) func() []byte {
		return func() []byte {
			n := len(all) - 1
			s := pectest.NewSigner(t, required[n].Name, required[n].CF, o)
			return pectest.AddPAdES(t, padesSigned(t, proposal, all[:n]), "Ultima", func(signed []byte) []byte {
				return pectest.SignCMS(t, signed, []*pectest.Signer{s}, pectest.CMSOptions{Detached: true, SigningTime: at})
			})
		}
	}
	signedAt := time.Date(2024, 3, 2, 11, 0, 0, 0, time.UTC)
	runVerdicts(t, proposal, []verdictCase{
		{name: "PAdES, self-signed last signature", file: lastWith(pectest.CertOptions{SelfSigned: true}, signedAt), keys: []string{"sig.not_qualified", "sig.missing"}},
		{name: "PAdES, no nonRepudiation", file: lastWith(pectest.CertOptions{KeyUsage: x509.KeyUsageDigitalSignature}, signedAt), keys: []string{"sig.not_qualified", "sig.missing"}},
		{name: "PAdES, expired and backdated: valid 2019-2020, signing time 2020", file: lastWith(pectest.CertOptions{NotBefore: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)}, time.Date(2020, 6, 1, 0, 0, 0, 0, time.UTC)),
			keys: []string{"sig.cert_expired", "sig.missing"}, warnings: []string{"sig.time_before_final"}},
		{name: "PAdES, future-dated certificate", file: lastWith(pectest.CertOptions{NotBefore: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}, signedAt), keys: []string{"sig.cert_not_yet_valid", "sig.missing"}},
		{name: "PAdES, signing time in the future", file: lastWith(pectest.CertOptions{}, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)), ok: true, warnings: []string{"sig.time_future"}},
		{name: "genuine: every required signer, one update each", file: signAll, ok: true},
		{name: "genuine, then a verified document timestamp", file: func() []byte { return stamp(signAll(), realToken) }, ok: true},
		{name: "genuine, then validation data (DSS) without a signature", file: func() []byte {
			f := signAll()
			root := rootOf(t, f)
			return update(f, map[int]string{root: withKey(latestObject(t, f, root), "/DSS 900 0 R"), 900: "<< /Type /DSS /Certs [901 0 R] >>", 901: "<< /Length 1 >>\nstream\nx\nendstream"})
		}, ok: true},
		{name: "issue 12: amount redrawn after every signature, closed by a junk document timestamp", file: func() []byte {
			return stamp(update(signAll(), map[int]string{content: redraw()}), junkToken)
		}, keys: []string{"pades.modified"}, warnings: []string{"timestamp.unverified"}},
		{name: "amount redrawn after every signature, closed by a real document timestamp", file: func() []byte {
			return stamp(update(signAll(), map[int]string{content: redraw()}), realToken)
		}, keys: []string{"pades.modified"}},
		{name: "amount redrawn inside the last co-signer's own signing update", file: func() []byte {
			f := padesSigned(t, proposal, all[:len(all)-1])
			return signBy(f, all[len(all)-1], pectest.PAdESOptions{Extra: map[int]string{content: redraw()}})
		}, keys: []string{"pades.modified"}},
		{name: "amount redrawn, then a final signature by a stranger", file: func() []byte {
			return signBy(update(signAll(), map[int]string{content: redraw()}), stranger, pectest.PAdESOptions{})
		}, keys: []string{"pades.modified"}},
		{name: "a text annotation added to a page", file: func() []byte {
			f := signAll()
			return update(f, map[int]string{page: withKey(latestObject(t, f, page), "/Annots [902 0 R]"), 902: "<< /Type /Annot /Subtype /FreeText /Rect [100 690 300 710] /Contents (EUR 920.000,00) >>"})
		}, keys: []string{"pades.modified"}},
		{name: "a signature widget added to a page", file: func() []byte {
			f := signAll()
			return update(f, map[int]string{page: withKey(latestObject(t, f, page), "/Annots [903 0 R]"), 903: "<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /T (Vuota) >>"})
		}, ok: true},
		{name: "the page tree replaced", file: func() []byte {
			f := signAll()
			return update(f, map[int]string{1: "<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595.28 841.89] >>"})
		}, keys: []string{"pades.modified"}},
		{name: "the catalog points to other pages", file: func() []byte {
			f := signAll()
			root := rootOf(t, f)
			cat := strings.Replace(latestObject(t, f, root), "/Pages 1 0 R", "/Pages 904 0 R", 1)
			return update(f, map[int]string{root: cat, 904: "<< /Type /Pages /Kids [] /Count 0 >>"})
		}, keys: []string{"pades.modified"}},
		{name: "the information dictionary rewritten", file: func() []byte {
			f := signAll()
			return update(f, map[int]string{48: "<< /Title (Altro) >>"})
		}, keys: []string{"pades.modified"}},
		{name: "objects hidden in an object stream", file: func() []byte {
			return update(signAll(), map[int]string{905: "<< /Type /ObjStm /N 1 /First 5 /Length 10 >>\nstream\n4 0 <<>>\nendstream"})
		}, keys: []string{"pades.compressed"}},
		{name: "a page content deleted in the cross-reference table", file: func() []byte {
			f := signAll()
			return append(f, fmt.Sprintf("%d 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] >>\nendobj\nxref\n0 1\n0000000000 65535 f \n%d 1\n0000000000 00001 f \ntrailer\n<< /Size 60 /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", 906, content, rootOf(t, f), len(f))...)
		}, keys: []string{"pades.modified"}},
	})
}

// TestXrefPointingBack: an update whose table points an object at bytes it did not add.
func TestXrefPointingBack(t *testing.T) {
	proposal, _ := proposalFixture(t)
	size := regexp.MustCompile(`/Size (\d+)`).FindSubmatch(proposal)
	if size == nil {
		t.Fatal("the proposal has no trailer /Size")
	}
	update := fmt.Sprintf("xref\n0 1\n0000000000 65535 f \n4 1\n0000000100 00000 n \ntrailer\n<< /Size %s /Root %d 0 R >>\nstartxref\n0\n%%%%EOF\n", size[1], rootOf(t, proposal))
	file := append(append([]byte{}, proposal...), update...)
	none := func(int, int, bool) (string, string) { return "", "" }
	if got := checkUpdates(file, len(proposal), none); len(got) != 1 || got[0].Key != "pades.xref" {
		t.Errorf("problems %v, want pades.xref", got)
	}
}

// TestModifiedNamesRevision: the message says which revision changed what, and next to
// which signature, in both languages.
func TestModifiedNamesRevision(t *testing.T) {
	proposal, required := proposalFixture(t)
	all := signersFor(t, required)
	content := pectest.ContentsOf(t, proposal, 0)
	f := padesSigned(t, proposal, all[:len(all)-1])
	last := all[len(all)-1]
	f = pectest.AddPAdESWith(t, f, "Ultima", pectest.PAdESOptions{Extra: map[int]string{content: redraw()}}, func(signed []byte) []byte {
		return pectest.SignCMS(t, signed, []*pectest.Signer{last}, pectest.CMSOptions{Detached: true})
	})
	r, err := Verify(f, proposal, required, now)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("la revisione %d, che contiene la firma di %s, ridefinisce gli oggetti %d ", len(all)+1, last.Name, content)
	wantEN := fmt.Sprintf("revision %d, which holds the signature of %s, redefines objects %d ", len(all)+1, last.Name, content)
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Msg.IT, want) || !strings.Contains(r.Problems[0].Msg.EN, wantEN) {
		t.Errorf("problems %v, want one saying %q / %q", r.Problems, want, wantEN)
	}
	if r.Same || r.OK() {
		t.Error("a file modified inside a signing update is reported as the proposal")
	}
}
