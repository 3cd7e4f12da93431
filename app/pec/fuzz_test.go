package pec

import (
	"bytes"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"testing"

	"bando/app/pec/pectest"
	"bando/schema"
)

// tinyPDF is a minimal PDF with a trailer, small enough for the fuzzer to mutate quickly.
func tinyPDF() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := []int{}
	for i, body := range []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>", "<< /Producer (fuzz) >>"} {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, body)
	}
	x := b.Len()
	b.WriteString("xref\n0 4\n0000000000 65535 f \n")
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size 4 /Root 1 0 R /Info 3 0 R /ID [<00> <00>] >>\nstartxref\n%d\n%%%%EOF\n", x)
	return b.Bytes()
}

// FuzzOpen: whatever is dropped on the app, reading and checking it never panics, and a
// refusal is always one of our keyed, translated errors.
func FuzzOpen(f *testing.F) {
	base := tinyPDF()
	signer := pectest.NewSigner(f, "Mario Rossi", "RSSMCL99M07F205Y", pectest.CertOptions{})
	required := []schema.Signer{{Name: "Mario Rossi", CF: "RSSMCL99M07F205Y", Entity: "Alfa APS"}}
	p7m := pectest.SignCMS(f, base, []*pectest.Signer{signer}, pectest.CMSOptions{})
	f.Add(p7m)
	f.Add(pectest.SignCMS(f, base, []*pectest.Signer{signer}, pectest.CMSOptions{BER: true}))
	f.Add(pectest.SignCMS(f, p7m, []*pectest.Signer{signer}, pectest.CMSOptions{}))
	f.Add([]byte(base64.StdEncoding.EncodeToString(p7m)))
	f.Add(pem.EncodeToMemory(&pem.Block{Type: "PKCS7", Bytes: p7m}))
	f.Add(pectest.AddPAdES(f, base, "Firma1", func(signed []byte) []byte {
		return pectest.SignCMS(f, signed, []*pectest.Signer{signer}, pectest.CMSOptions{Detached: true})
	}))
	// issue 12's attack files, on the small PDF: an update redrawing a page closed by a junk
	// document timestamp, the change inside the signer's own update, a stranger's final
	// signature, countersignatures and timestamps, self-signed certificates, and the
	// hostile byte-range scans
	sign := func(file []byte, s *pectest.Signer, o pectest.PAdESOptions) []byte {
		return pectest.AddPAdESWith(f, file, "Firma", o, func(signed []byte) []byte {
			return pectest.SignCMS(f, signed, []*pectest.Signer{s}, pectest.CMSOptions{Detached: true})
		})
	}
	redraw := map[int]string{2: "<< /Type /Pages /Kids [] /Count 0 /Note (EUR 920.000,00) >>"}
	signed := sign(base, signer, pectest.PAdESOptions{})
	f.Add(pectest.AddPAdESWith(f, pectest.AddUpdate(f, signed, redraw), "Marca", pectest.PAdESOptions{DocTimestamp: true}, func([]byte) []byte { return bytes.Repeat([]byte{0x5a}, 32) }))
	f.Add(sign(base, signer, pectest.PAdESOptions{Extra: redraw}))
	f.Add(sign(pectest.AddUpdate(f, signed, redraw), pectest.NewSigner(f, "Ugo Estraneo", "RSSMCL99M07F205Y", pectest.CertOptions{}), pectest.PAdESOptions{}))
	tsa := pectest.NewSigner(f, "TSA", "", pectest.CertOptions{TSA: true})
	f.Add(pectest.AddPAdESWith(f, signed, "Marca", pectest.PAdESOptions{DocTimestamp: true}, func(b []byte) []byte { return pectest.Timestamp(f, tsa, b, now) }))
	f.Add(pectest.SignCMS(f, base, []*pectest.Signer{signer}, pectest.CMSOptions{Countersigners: []*pectest.Signer{signer}, TSA: tsa, TimestampAt: now}))
	f.Add(pectest.SignCMS(f, base, []*pectest.Signer{signer}, pectest.CMSOptions{JunkTimestamp: true}))
	f.Add(pectest.SignCMS(f, base, []*pectest.Signer{pectest.NewSigner(f, "Mario Rossi", "RSSMCL99M07F205Y", pectest.CertOptions{SelfSigned: true})}, pectest.CMSOptions{}))
	f.Add(pectest.AddUpdate(f, signed, map[int]string{9: "<< /Type /ObjStm /N 1 /First 4 /Length 8 >>\nstream\n1 0 <<>>\nendstream"}))
	f.Add(bytes.Repeat([]byte("/ByteRange [0 9 13 0]\n"), 64))
	f.Add(append([]byte("%PDF-1.7\n<00>\n"), bytes.Repeat([]byte("/ByteRange [0 9 13 0]\n"), 64)...))
	for _, b := range corpusFiles(f) { // testdata/attacks
		f.Add(b)
	}
	f.Add(base)
	f.Add([]byte{0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0, 0x80})
	f.Add([]byte("%PDF-1.7 /ByteRange [0 3 5 0] <>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Open(data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Key == "" || e.Msg.IT == "" || e.Msg.EN == "" {
				t.Fatalf("not a keyed error: %#v", err)
			}
			return
		}
		r := s.Check(base, required, now)
		if r.OK() && (!r.Same || len(r.Missing) > 0) {
			t.Fatalf("accepted without the same document or with missing signers: %+v", r)
		}
		for _, sr := range r.Signers {
			if sr.Valid && (!sr.Verified || sr.Qualified.SelfSigned || !sr.Qualified.Compliance) {
				t.Fatalf("a signature counted that is not a verified qualified one: %+v", sr)
			}
		}
		if r.OK() && (!r.Same || len(r.Missing) > 0) {
			t.Fatalf("accepted without the same document or with missing signers: %+v", r)
		}
	})
}

// FuzzBERToDER: the BER reader never panics, and its output is a fixed point.
func FuzzBERToDER(f *testing.F) {
	signer := pectest.NewSigner(f, "Mario Rossi", "RSSMCL99M07F205Y", pectest.CertOptions{})
	f.Add(pectest.SignCMS(f, []byte("%PDF-1.7 x"), []*pectest.Signer{signer}, pectest.CMSOptions{BER: true}))
	f.Add([]byte{0x24, 0x80, 0x04, 0x01, 'a', 0x04, 0x01, 'b', 0, 0})
	f.Add([]byte{0x30, 0x84, 0xff, 0xff, 0xff, 0xff})
	f.Add([]byte{0x1f, 0x81, 0x80})
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := berToDER(data)
		if err != nil {
			return
		}
		again, err := berToDER(out)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("not a fixed point: %x -> %x -> %x (%v)", data, out, again, err)
		}
	})
}
