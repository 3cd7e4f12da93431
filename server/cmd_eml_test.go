package main

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bando/app/pec/pectest"
	"bando/schema"
)

func TestEMLCommand(t *testing.T) {
	f := newSigningFixture(t, "it")
	signed := f.file(t, "domanda.pdf.p7m", pectest.SignCMS(t, f.proposal, f.signers, pectest.CMSOptions{}))
	unsigned := f.file(t, "quattro.pdf.p7m", pectest.SignCMS(t, f.proposal, f.signers[:4], pectest.CMSOptions{}))
	c, _ := schema.Shipped("toscana-fami-2024")
	var attach []string
	for _, at := range c.Attachments {
		if at.Required && at.When == "" {
			attach = append(attach, "--attach", at.ID+"="+f.file(t, at.ID+" firmato.pdf", []byte("%PDF-1.4 "+at.ID)))
		}
	}
	out := filepath.Join(f.dir, "domanda.eml")
	base := []string{"eml", "--draft", f.draft, "--from", "segreteria@pec.pontidiparole.it", "-o", out}
	tests := []struct {
		name     string
		args     []string
		code     int
		contains []string
	}{
		{"everything in order", append(append(base, "--signed", signed), attach...), 0, []string{"[x]", "entro i limiti della PEC", "Scritto", "Come inviare la domanda via PEC", c.Submission.Subject}},
		{"required attachments missing: the flags to add", append(base, "--signed", signed), 1, []string{"[ ]", "[statuti]", "mancano allegati obbligatori: aggiungi --attach statuti=FILE --attach documenti_identita=FILE --attach curriculum_capofila=FILE"}},
		{"one required attachment missing", append(append(base, "--signed", signed), attach[2:]...), 1, []string{"mancano allegati obbligatori: aggiungi --attach statuti=FILE\n"}},
		{"a signer missing", append(append(base, "--signed", unsigned), attach...), 1, []string{"il file firmato non è accettabile", "Manca la firma valida di Francesca Lorenzini"}},
		{"forced", append(base, "--signed", unsigned, "--force"), 0, []string{"Scritto"}},
		{"unknown attachment id", append(base, "--signed", signed, "--attach", "foto=x.jpg"), 2, []string{"documenti_identita", "statuti"}},
		{"no output file", []string{"eml", "--draft", f.draft, "--signed", signed}, 2, []string{"uso: bando eml"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(out)
			code := expectCLI(t, tc.args, tc.code, tc.contains...)
			if _, err := os.Stat(out); (err == nil) != (code == 0) {
				t.Errorf("exit %d but .eml written: %v", code, err == nil)
			}
		})
	}

	// the .eml of the first case, read back as a mail client would
	stdout, stderr, code := cli(t, append(append(base, "--signed", signed), attach...)...)
	if code != 0 {
		t.Fatalf("%s%s", stdout, stderr)
	}
	// an optional attachment given no file is listed unticked: not missing, not there either
	for _, line := range strings.Split(stdout, "\n") {
		if strings.Contains(line, "(facoltativo)") && strings.HasSuffix(line, ": ") && !strings.Contains(line, "[ ]") {
			t.Errorf("optional attachment with no file ticked: %q", line)
		}
	}
	raw, _ := os.ReadFile(out)
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var dec mime.WordDecoder
	subject, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
	if msg.Header.Get("X-Unsent") != "1" || msg.Header.Get("To") != "<"+c.Submission.To+">" || subject != c.Submission.Subject {
		t.Errorf("headers %v, subject %q", msg.Header, subject)
	}
	_, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	r := multipart.NewReader(msg.Body, params["boundary"])
	var names []string
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if p.FileName() != "" {
			names = append(names, p.FileName())
		}
	}
	if len(names) != 1+len(attach)/2 || names[0] != "domanda.pdf.p7m" {
		t.Errorf("attachments %v", names)
	}
}
