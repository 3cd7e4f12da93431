package main

import (
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/app/pec/pectest"
	"bando/schema"
)

// signingFixture is a finalised copy of the complete example, its proposal made by
// `bando pdf`, and a test certificate for each required signer.
type signingFixture struct {
	dir, draft string
	proposal   []byte
	other      []byte // the proposal of the draft with one answer changed
	signers    []*pectest.Signer
}

func newSigningFixture(t *testing.T, lang string) signingFixture {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile(famiComplete)
	if err != nil {
		t.Fatal(err)
	}
	d, err := draft.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 3, 2, 10, 0, 0, 0, time.UTC)
	d.FinalisedAt = &at
	write := func(name string, d *draft.Draft) string {
		b, err := draft.Encode(d)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	f := signingFixture{dir: dir, draft: write("domanda.bando.json", d)}
	pdf := func(draftFile, out string) []byte {
		if _, stderr, code := cli(t, "pdf", "--lang", lang, draftFile, "-o", out); code != 0 {
			t.Fatal(stderr)
		}
		b, _ := os.ReadFile(out)
		return b
	}
	f.proposal = pdf(f.draft, filepath.Join(dir, "domanda.pdf"))
	changed := *d
	changed.Answers = d.Answers.Clone()
	if err := changed.Answers.Set("azioni.titolo", "Titolo cambiato"); err != nil {
		t.Fatal(err)
	}
	f.other = pdf(write("altra.bando.json", &changed), filepath.Join(dir, "altra.pdf"))
	c, _ := schema.Shipped(d.Call)
	for _, s := range c.RequiredSigners(d.Answers) {
		f.signers = append(f.signers, pectest.NewSigner(t, s.Name, s.CF, pectest.CertOptions{}))
	}
	return f
}

func (f signingFixture) file(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(f.dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestVerifyCommand(t *testing.T) {
	f := newSigningFixture(t, "it")
	en := newSigningFixture(t, "en")
	all := f.signers
	pades := func(base []byte, signers []*pectest.Signer) []byte {
		file := base
		for i, s := range signers {
			file = pectest.AddPAdES(t, file, "Firma"+string(rune('1'+i)), func(signed []byte) []byte {
				return pectest.SignCMS(t, signed, []*pectest.Signer{s}, pectest.CMSOptions{Detached: true})
			})
		}
		return file
	}
	tests := []struct {
		name     string
		args     func() []string
		code     int
		contains []string
	}{
		{"CAdES signed by everyone", func() []string {
			return []string{"verify", "--draft", f.draft, f.file(t, "ok.pdf.p7m", pectest.SignCMS(t, f.proposal, all, pectest.CMSOptions{}))}
		}, 0, []string{"Formato: CAdES", "byte per byte", "Giulia Bartolini, CF BRTGLU78E54D612D: valida", "lista di fiducia europea", "Esito: la domanda è firmata da tutti"}},
		{"PAdES signed by everyone, file before the flags", func() []string {
			return []string{"verify", f.file(t, "ok.pdf", pades(f.proposal, all)), "--draft", f.draft}
		}, 0, []string{"Formato: PAdES", "Esito: la domanda è firmata da tutti"}},
		{"one signer missing", func() []string {
			return []string{"verify", "--draft", f.draft, f.file(t, "four.pdf.p7m", pectest.SignCMS(t, f.proposal, all[:4], pectest.CMSOptions{}))}
		}, 1, []string{"Manca la firma valida di Francesca Lorenzini (codice fiscale LRNFNC72R70I726P)", "NON accettabile"}},
		{"signed over another PDF", func() []string {
			return []string{"verify", "--draft", f.draft, f.file(t, "other.pdf.p7m", pectest.SignCMS(t, f.other, all, pectest.CMSOptions{}))}
		}, 1, []string{"NON è la domanda generata da questa bozza", "Genera di nuovo il PDF"}},
		{"PDF changed after signing", func() []string {
			return []string{"verify", "--draft", f.draft, f.file(t, "tail.pdf", append(pades(f.proposal, all), "% aggiunto\n"...))}
		}, 1, []string{"modificato dopo l'ultima firma"}},
		{"proposal made in English", func() []string {
			return []string{"verify", "--draft", en.draft, en.file(t, "en.pdf.p7m", pectest.SignCMS(t, en.proposal, en.signers, pectest.CMSOptions{}))}
		}, 0, []string{"byte per byte"}},
		{"English messages", func() []string {
			return []string{"verify", "--lang", "en", "--draft", f.draft, f.file(t, "four-en.pdf.p7m", pectest.SignCMS(t, f.proposal, all[:4], pectest.CMSOptions{}))}
		}, 1, []string{"The valid signature of Francesca Lorenzini (tax code LRNFNC72R70I726P)", "NOT acceptable"}},
		{"not a signed file", func() []string {
			return []string{"verify", "--draft", f.draft, f.file(t, "lettera.txt", []byte("Gentile Regione, ecco la domanda"))}
		}, 2, []string{"non è una domanda firmata"}},
		{"trust anchor given: the chain reaches it", func() []string {
			return []string{"verify", "--trust", f.file(t, "ca.pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: pectest.CA(t).Raw})), "--draft", f.draft,
				f.file(t, "ok-trust.pdf.p7m", pectest.SignCMS(t, f.proposal, all, pectest.CMSOptions{}))}
		}, 0, []string{"risale a un certificato di fiducia fornito", "verificate rispetto a 1 certificati di fiducia", "firme qualificate valide"}},
		{"trust anchor given: no chain reaches it", func() []string {
			stranger := pectest.NewSigner(t, "Altra CA", "", pectest.CertOptions{SelfSigned: true})
			return []string{"verify", "--lang", "en", "--trust", f.file(t, "other-ca.pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: stranger.Cert.Raw})), "--draft", f.draft,
				f.file(t, "untrusted.pdf.p7m", pectest.SignCMS(t, f.proposal, all, pectest.CMSOptions{}))}
		}, 1, []string{"does NOT chain to the trust anchors given", "does not chain to any of the trust anchors given", "NOT acceptable"}},
		{"trust file without certificates", func() []string {
			return []string{"verify", "--trust", f.file(t, "empty.pem", []byte("niente")), "--draft", f.draft, f.file(t, "x.pdf.p7m", []byte("x"))}
		}, 2, []string{"non contiene certificati"}},
		{"self-signed certificate claiming a codice fiscale", func() []string {
			self := pectest.NewSigner(t, all[0].Name, all[0].CF, pectest.CertOptions{SelfSigned: true})
			signers := append([]*pectest.Signer{self}, all[1:]...)
			return []string{"verify", "--draft", f.draft, f.file(t, "self.pdf.p7m", pectest.SignCMS(t, f.proposal, signers, pectest.CMSOptions{}))}
		}, 1, []string{"Giulia Bartolini, CF BRTGLU78E54D612D: NON valida", "non è una firma qualificata: non è accettabile per questo avviso (il certificato è autoprodotto", "; autoprodotto"}},
		{"PAdES: amount redrawn after every signature, closed by a junk document timestamp", func() []string {
			redrawn := pectest.AddUpdate(t, pades(f.proposal, all), map[int]string{pectest.ContentsOf(t, f.proposal, 0): "<< /Length 5 >>\nstream\nBT ET\nendstream"})
			junk := pectest.AddPAdESWith(t, redrawn, "Marca", pectest.PAdESOptions{DocTimestamp: true}, func([]byte) []byte { return []byte("0123456789abcdef0123456789abcdef") })
			return []string{"verify", "--draft", f.draft, f.file(t, "redrawn.pdf", junk)}
		}, 1, []string{"NON è la domanda generata da questa bozza, o è stato modificato dopo la firma", "Il PDF è stato modificato dopo la firma: la revisione 7, aggiunta dopo la firma di Francesca Lorenzini, ridefinisce gli oggetti 4 ", "marca temporale del documento, ma non è verificabile"}},
		{"no draft", func() []string { return []string{"verify", "x.p7m"} }, 2, []string{"uso: bando verify"}},
		{"missing signed file", func() []string { return []string{"verify", "--draft", f.draft, filepath.Join(f.dir, "nope.p7m")} }, 2, []string{"non leggibile"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			expectCLI(t, tc.args(), tc.code, tc.contains...)
		})
	}
}

// TestVerifyOpenSSL: the acceptance case of the issue, with openssl as the signing tool.
func TestVerifyOpenSSL(t *testing.T) {
	f := newSigningFixture(t, "it")
	ok := f.file(t, "openssl.pdf.p7m", pectest.OpenSSLSign(t, f.proposal, f.signers, true))
	if stdout, stderr, code := cli(t, "verify", "--draft", f.draft, ok); code != 0 {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	missing := f.file(t, "openssl-4.pdf.p7m", pectest.OpenSSLSign(t, f.proposal, f.signers[1:], true))
	if stdout, _, code := cli(t, "verify", "--draft", f.draft, missing); code != 1 || !strings.Contains(stdout, "Manca la firma valida di Giulia Bartolini") {
		t.Errorf("exit %d\n%s", code, stdout)
	}
}

func TestVerifyJSON(t *testing.T) {
	f := newSigningFixture(t, "it")
	signed := f.file(t, "four.pdf.p7m", pectest.SignCMS(t, f.proposal, f.signers[:4], pectest.CMSOptions{}))
	stdout, _, code := cli(t, "verify", "--json", "--draft", f.draft, signed)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var r struct {
		OK      bool `json:"ok"`
		Same    bool `json:"same"`
		Signers []struct {
			Name  string `json:"name"`
			CF    string `json:"cf"`
			Valid bool   `json:"valid"`
		} `json:"signers"`
		Missing  []schema.Signer `json:"missing"`
		Problems []struct{ Key, Message string }
		Notes    []string `json:"notes"`
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if r.OK || !r.Same || len(r.Signers) != 4 || !r.Signers[0].Valid || r.Signers[0].CF != "BRTGLU78E54D612D" ||
		len(r.Missing) != 1 || r.Missing[0].CF != "LRNFNC72R70I726P" || len(r.Problems) != 1 || r.Problems[0].Key != "sig.missing" || len(r.Notes) != 1 {
		t.Errorf("%+v", r)
	}
}
