package pec

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	"bando/schema"
)

func sampleMessage(t *testing.T) (Message, *schema.Call) {
	t.Helper()
	proposal, _ := proposalFixture(t)
	c := fixture.call
	signed := File{Name: "toscana-fami-2024-ats-toscana-insieme-2024-03-02.pdf.p7m", Data: append([]byte{0x30, 0x82}, proposal...)}
	attachments := []File{
		{Name: "Statuto Ponti di Parole.pdf", Data: bytes.Repeat([]byte("%PDF-1.4 statuto\n"), 500), For: "statuti"},
		{Name: "Documento d’identità – Bartolini.pdf", Data: []byte("%PDF-1.4 ci"), For: "documenti_identita"},
		{Name: "curriculum.docx", Data: []byte{}, For: "curriculum_capofila"},
	}
	m := NewMessage(c, signed, attachments, "ATS Toscana Insieme", schema.IT)
	m.From = "segreteria@pec.pontidiparole.it"
	return m, c
}

var sentDate = time.Date(2024, 3, 2, 11, 30, 0, 0, time.FixedZone("CET", 3600))

// TestEMLParsesBack reads the draft as a mail client does and finds everything: unsent flag,
// recipient, the exact subject, the body, and every file byte for byte under its name.
func TestEMLParsesBack(t *testing.T) {
	m, c := sampleMessage(t)
	raw := m.EML(sentDate)
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	h := msg.Header
	var dec mime.WordDecoder
	subject, err := dec.DecodeHeader(h.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ name, got, want string }{
		{"X-Unsent", h.Get("X-Unsent"), "1"},
		{"To", h.Get("To"), "<" + c.Submission.To + ">"},
		{"From", h.Get("From"), "<segreteria@pec.pontidiparole.it>"},
		{"Subject, exact", subject, c.Submission.Subject},
		{"MIME-Version", h.Get("MIME-Version"), "1.0"},
	}
	for _, ck := range checks {
		if ck.got != ck.want {
			t.Errorf("%s: %q, want %q", ck.name, ck.got, ck.want)
		}
	}
	if d, err := h.Date(); err != nil || !d.Equal(sentDate) {
		t.Errorf("Date %v (%v)", d, err)
	}
	mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" {
		t.Fatalf("Content-Type %q: %v", h.Get("Content-Type"), err)
	}
	r := multipart.NewReader(msg.Body, params["boundary"])
	body, err := r.NextPart() // multipart decodes quoted-printable itself
	if err != nil {
		t.Fatal(err)
	}
	text, _ := io.ReadAll(body)
	if got := strings.ReplaceAll(string(text), "\r\n", "\n"); got != m.Body {
		t.Errorf("body:\n%s\nwant:\n%s", got, m.Body)
	}
	for i, want := range m.Files {
		p, err := r.NextPart()
		if err != nil {
			t.Fatalf("file %d: %v", i, err)
		}
		if p.FileName() != want.Name {
			t.Errorf("file %d named %q, want %q", i, p.FileName(), want.Name)
		}
		ct, ctParams, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if ct != contentType(want.Name) || ctParams["name"] != want.Name {
			t.Errorf("file %d Content-Type %q name %q", i, ct, ctParams["name"])
		}
		if p.Header.Get("Content-Transfer-Encoding") != "base64" {
			t.Errorf("file %d not base64", i)
		}
		enc, _ := io.ReadAll(p)
		data, err := decodeBase64Lines(enc)
		if err != nil || !bytes.Equal(data, want.Data) {
			t.Errorf("file %d: content differs (%v)", i, err)
		}
	}
	if _, err := r.NextPart(); err != io.EOF {
		t.Errorf("more parts than files: %v", err)
	}
}

// TestEMLLines: CRLF everywhere; the subject's lines within RFC 2047's 76 characters, other
// header lines within 78 where a space allows folding and always within RFC 5322's 998;
// quoted-printable and base64 lines within 76.
func TestEMLLines(t *testing.T) {
	m, _ := sampleMessage(t)
	raw := string(m.EML(sentDate))
	if strings.Contains(strings.ReplaceAll(raw, "\r\n", ""), "\n") {
		t.Error("a bare LF")
	}
	inHeader, inSubject := true, false
	for _, l := range strings.Split(raw, "\r\n") {
		switch {
		case l == "":
			inHeader = false
		case strings.HasPrefix(l, "--"):
			inHeader = true
		case inHeader:
			if !strings.HasPrefix(l, " ") {
				inSubject = strings.HasPrefix(l, "Subject:")
			}
			limit := 998
			if inSubject {
				limit = 76
			} else if len(strings.Fields(l)) > 2 { // a space where it could fold
				limit = 78
			}
			if len(l) > limit {
				t.Errorf("header line of %d characters: %q", len(l), l)
			}
		case len(l) > 76:
			t.Errorf("body line of %d characters: %.40q…", len(l), l)
		}
	}
}

func TestEncodeWords(t *testing.T) {
	var dec mime.WordDecoder
	tests := []struct{ name, in string }{
		{"plain ASCII stays plain", "Domanda di partecipazione"},
		{"typographic apostrophe and dash", "All’Attenzione Settore Welfare – Avviso"},
		{"accents at word edges", "àèéìòù € “citazione” ultima parola è"},
		{"question mark and equals", "a=?b? c_d"},
		{"leading and double spaces", "  due  spazi "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			enc := encodeWords(tc.in)
			got, err := dec.DecodeHeader(enc)
			if err != nil || got != tc.in {
				t.Errorf("%q encodes as %q, which decodes as %q (%v)", tc.in, enc, got, err)
			}
			for _, w := range strings.Fields(enc) {
				if len("Subject: "+w) > 76 {
					t.Errorf("word %q too long", w)
				}
			}
		})
	}
}

func TestEMLSizeIsExact(t *testing.T) {
	m, _ := sampleMessage(t)
	for _, n := range []int{0, 1, 56, 57, 58, 1000, 100_000} {
		m.Files = append(m.Files, File{Name: "x.pdf", Data: make([]byte, n)})
		if got, want := m.Size(sentDate), int64(len(m.EML(sentDate))); got != want {
			t.Errorf("with a %d-byte file: Size %d, EML has %d bytes", n, got, want)
		}
	}
}

func TestEMLDeterministic(t *testing.T) {
	m, _ := sampleMessage(t)
	if !bytes.Equal(m.EML(sentDate), m.EML(sentDate)) {
		t.Error("two EMLs of one message differ")
	}
	other := m
	other.Files = append([]File{}, m.Files...)
	other.Files[1].Data = []byte("altro")
	if m.boundary() == other.boundary() {
		t.Error("boundary does not depend on the content")
	}
}

func TestFoldHeader(t *testing.T) {
	tests := []struct{ name, value, want string }{
		{"short", "abc", "S: abc\r\n"},
		{"long words folded", strings.TrimSpace(strings.Repeat("parola ", 15)), "S: parola parola parola parola parola parola parola parola parola parola\r\n parola parola parola parola parola\r\n"},
		{"quoted string kept whole", `a; name="` + strings.Repeat("x ", 40) + `"`, "S: a;\r\n name=\"" + strings.Repeat("x ", 40) + "\"\r\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := foldHeader("S", tc.value); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func decodeBase64Lines(b []byte) ([]byte, error) {
	var clean []byte
	for _, l := range bytes.Split(b, []byte("\r\n")) {
		if len(l) > lineLen {
			return nil, io.ErrShortBuffer
		}
		clean = append(clean, l...)
	}
	out := make([]byte, len(clean))
	n, err := base64Std.Decode(out, clean)
	return out[:n], err
}
