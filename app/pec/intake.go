package pec

import (
	"bytes"
	"encoding/base64"
	"encoding/pem"
	"time"

	"bando/schema"
)

// Format is how a file is signed.
type Format string

const (
	CAdES Format = "cades" // .p7m: the PDF inside a CMS envelope (DER or base64)
	PAdES Format = "pades" // .pdf: signatures appended to the PDF as incremental updates
)

// MaxSignedSize bounds the signed file read: the PEC limit is 30 MB for the whole message.
const MaxSignedSize = 40 << 20

// maxNesting bounds envelopes inside envelopes (a .p7m signed again is a .p7m.p7m).
const maxNesting = 8

// Signed is a signed file, read but not yet checked against a proposal.
type Signed struct {
	Format Format
	// Content is what the signatures sign: the PDF inside the envelope (CAdES, innermost
	// one for nested envelopes) or the whole file (PAdES).
	Content []byte
	sigs    []signature
	file    []byte
	pades   []padesSig
}

// signature is one SignerInfo with what it signs.
type signature struct {
	env     *envelope
	si      signerInfo
	content []byte
	layer   int // 0 for the outer envelope, 1 for one inside it…
}

// Open reads a signed file as the applicant drops it back: a CAdES envelope in DER, in
// base64 or PEM (Dike and some remote-signature portals save those), possibly signed again
// in a further envelope, or a PDF with PAdES signatures. The error says, in Italian and
// English, why a file is not a signed proposal at all.
func Open(data []byte) (*Signed, error) {
	if len(data) > MaxSignedSize {
		return nil, errf("signed.too_large", nil, "Il file è troppo grande (%d MB) per essere la domanda firmata.", "The file is too large (%d MB) to be the signed application.", len(data)>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errf("signed.empty", nil, "Il file è vuoto.", "The file is empty.")
	}
	if bytes.HasPrefix(data, []byte("%PDF-")) {
		return openPAdES(data)
	}
	der := data
	if data[0] != 0x30 { // not DER: try PEM, then bare base64
		if b, _ := pem.Decode(data); b != nil {
			der = b.Bytes
		} else if b, err := base64.StdEncoding.DecodeString(string(stripSpace(data))); err == nil && len(b) > 0 && b[0] == 0x30 {
			der = b
		} else {
			return nil, errf("signed.unknown", nil, "Il file non è una domanda firmata: serve il file .p7m prodotto dal software di firma (CAdES) oppure il PDF firmato (PAdES).", "The file is not a signed application: use the .p7m file the signing software made (CAdES) or the signed PDF (PAdES).")
		}
	}
	s := &Signed{Format: CAdES}
	for layer := 0; ; layer++ {
		env, err := parseCMS(der)
		if err != nil {
			if layer == 0 {
				return nil, errf("signed.unreadable", err, "Il file .p7m non è leggibile come busta di firma CAdES: forse è danneggiato o non è un file firmato.", "The .p7m file cannot be read as a CAdES signature envelope: it may be damaged or not a signed file.")
			}
			break // the content is not another envelope: it is the document
		}
		if env.detached {
			return nil, errf("signed.detached", nil, "La firma è «separata» (detached, .p7s) e non contiene il documento: firma producendo una busta .p7m che includa il PDF, oppure firma il PDF in formato PAdES.", "The signature is detached (.p7s) and does not contain the document: sign producing a .p7m envelope that includes the PDF, or sign the PDF as PAdES.")
		}
		if layer == maxNesting {
			return nil, errf("signed.nesting", nil, "Il file contiene troppe buste di firma una dentro l'altra.", "The file holds too many signature envelopes one inside another.")
		}
		for _, si := range env.signers {
			s.sigs = append(s.sigs, signature{env: env, si: si, content: env.content, layer: layer})
		}
		s.Content = env.content
		der = env.content
	}
	return s, nil
}

func openPAdES(data []byte) (*Signed, error) {
	sigs, problem := findPAdES(data, 0)
	if problem != nil {
		return nil, problem
	}
	s := &Signed{Format: PAdES, Content: data, file: data, pades: sigs}
	for _, p := range sigs {
		if p.timestamp {
			continue
		}
		env, err := parseCMS(p.cms)
		if err != nil {
			return nil, errf("pades.contents", err, "Una firma nel PDF non è leggibile come firma CMS/CAdES.", "A signature in the PDF cannot be read as a CMS/CAdES signature.")
		}
		for _, si := range env.signers {
			s.sigs = append(s.sigs, signature{env: env, si: si, content: p.signedBytes(data)})
		}
	}
	if len(s.sigs) == 0 {
		return nil, errf("signed.unsigned_pdf", nil, "Il PDF non contiene firme digitali: firmalo (PAdES) o carica il file .p7m prodotto dal software di firma.", "The PDF holds no digital signature: sign it (PAdES) or upload the .p7m file the signing software made.")
	}
	return s, nil
}

func stripSpace(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for _, c := range b {
		if c != ' ' && c != '\n' && c != '\r' && c != '\t' {
			out = append(out, c)
		}
	}
	return out
}

// SignerReport is one signature of the file.
type SignerReport struct {
	Identity
	SigningTime *time.Time `json:"signingTime,omitempty"`
	Valid       bool       `json:"valid"`             // the signature verifies cryptographically
	Problem     *Error     `json:"problem,omitempty"` // why it does not, or why it does not count
	Required    bool       `json:"required"`          // the person is one of the required signers
	// Warnings do not refuse the file but deserve a look (a certificate not marked for
	// legally binding signatures).
	Warnings []*Error `json:"warnings,omitempty"`
}

// Report is the verdict on a signed file for one proposal.
type Report struct {
	Format   Format          `json:"format"`
	Same     bool            `json:"same"` // the signed document is byte for byte the proposal
	Signers  []SignerReport  `json:"signers"`
	Missing  []schema.Signer `json:"missing"`  // required signers without a valid signature
	Problems []*Error        `json:"problems"` // every reason to refuse; empty when OK
	// Notes are always shown: what this check cannot do offline.
	Notes []schema.Text `json:"notes"`
}

// OK reports whether the file is the proposal signed by every required signer.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// NoteTrustList says plainly what an offline check cannot know.
var NoteTrustList = schema.Text{
	IT: "Le firme sono state verificate crittograficamente, ma senza connessione non è possibile controllare che i certificati siano stati emessi da un prestatore qualificato presente nella lista di fiducia europea (EU Trusted List), né che non siano stati revocati o sospesi. Se serve questa garanzia, verifica il file anche con un servizio di verifica qualificato (ad esempio quello del tuo prestatore di firma).",
	EN: "The signatures were verified cryptographically, but offline it is not possible to check that the certificates were issued by a qualified provider on the EU Trusted List, nor that they were not revoked or suspended. If you need that assurance, also check the file with a qualified verification service (for example your signature provider's).",
}

// Check verifies s against the proposal PDF it must contain (regenerate it from the draft
// with package pdf: it is deterministic) and the signers the call requires, at time now.
func (s *Signed) Check(proposal []byte, required []schema.Signer, now time.Time) *Report {
	r := &Report{Format: s.Format, Signers: []SignerReport{}, Missing: []schema.Signer{}, Problems: []*Error{}, Notes: []schema.Text{NoteTrustList}}
	switch s.Format {
	case CAdES:
		r.Same = bytes.Equal(s.Content, proposal)
		if !r.Same {
			r.Problems = append(r.Problems, errOtherDocument(s.Content))
		}
	case PAdES:
		r.Same = s.checkPAdES(proposal, r)
	}
	for _, sig := range s.sigs {
		v := sig.env.verify(sig.si, sig.content)
		sr := SignerReport{Valid: v.problem == nil, Problem: v.problem, SigningTime: v.signingTime}
		if v.cert != nil {
			sr.Identity = identify(v.cert)
			at := now
			if v.signingTime != nil {
				at = *v.signingTime
			}
			if sr.Valid && (at.Before(sr.NotBefore) || at.After(sr.NotAfter)) {
				sr.Valid = false
				sr.Problem = errf("sig.cert_expired", nil, "Il certificato di %s non era valido al momento della firma (valido dal %s al %s).", "%s's certificate was not valid when signing (valid from %s to %s).", sr.Name, sr.NotBefore.Format("02/01/2006"), sr.NotAfter.Format("02/01/2006"))
			}
			if !sr.NonRepudiation {
				sr.Warnings = append(sr.Warnings, errf("sig.not_qualified", nil, "Il certificato di %s non è destinato alla firma con valore legale (manca l'uso «non ripudio»): controlla che sia un certificato di firma qualificata.", "%s's certificate is not meant for legally binding signatures (no non-repudiation key usage): check it is a qualified signature certificate.", sr.Name))
			}
			if sr.CF == "" {
				sr.Warnings = append(sr.Warnings, errf("sig.no_cf", nil, "Il certificato di %s non riporta un codice fiscale italiano (TINIT-…): non si può abbinare a un legale rappresentante.", "%s's certificate holds no Italian tax code (TINIT-…): it cannot be matched to a legal representative.", sr.Name))
			}
		}
		if sr.Problem != nil {
			r.Problems = append(r.Problems, sr.Problem)
		}
		r.Signers = append(r.Signers, sr)
	}
	for _, need := range required {
		found := false
		for i, sr := range r.Signers {
			if sameCF(sr.CF, need.CF) {
				r.Signers[i].Required = true
				found = found || sr.Valid
			}
		}
		if !found {
			r.Missing = append(r.Missing, need)
			r.Problems = append(r.Problems, errf("sig.missing", nil, "Manca la firma valida di %s (codice fiscale %s), legale rappresentante di %s.", "The valid signature of %s (tax code %s), legal representative of %s, is missing.", orUnknown(need.Name), orUnknown(need.CF), orUnknown(need.Entity)))
		}
	}
	return r
}

func orUnknown(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func errOtherDocument(content []byte) *Error {
	if !bytes.HasPrefix(content, []byte("%PDF-")) {
		return errf("signed.not_pdf", nil, "Il documento firmato non è un PDF: hai firmato il file sbagliato?", "The signed document is not a PDF: did you sign the wrong file?")
	}
	return errf("signed.other_document", nil, "Il documento firmato non è la domanda generata da questa bozza: forse è stato firmato un PDF di una versione precedente, o il PDF è stato modificato o salvato di nuovo prima della firma. Genera di nuovo il PDF, firmalo senza modificarlo e ricaricalo.", "The signed document is not the application generated from this draft: perhaps a PDF of an earlier version was signed, or the PDF was changed or saved again before signing. Generate the PDF again, sign it without changing it and upload it again.")
}

// checkPAdES: the file begins with the proposal, the first signature covers all of it, and
// the last signature covers the file to its end (nothing was added after signing).
func (s *Signed) checkPAdES(proposal []byte, r *Report) bool {
	if !bytes.HasPrefix(s.file, proposal) {
		r.Problems = append(r.Problems, errOtherDocument(s.file))
		return false
	}
	same := true
	end := 0
	for _, p := range s.pades {
		if p.at < len(proposal) || p.ranges[1] < len(proposal) {
			r.Problems = append(r.Problems, errf("pades.partial", nil, "Una firma nel PDF non copre l'intera domanda.", "A signature in the PDF does not cover the whole application."))
			same = false
		}
		end = max(end, p.ranges[2]+p.ranges[3])
	}
	if tail := s.file[end:]; len(bytes.TrimRight(tail, "\r\n")) > 0 {
		r.Problems = append(r.Problems, errf("pades.unsigned_update", nil, "Il PDF è stato modificato dopo l'ultima firma (%d byte aggiunti non firmati): quello che si vede potrebbe non essere ciò che è stato firmato. Ricarica il file così come lo ha prodotto il software di firma.", "The PDF was changed after the last signature (%d unsigned bytes added): what is shown may not be what was signed. Upload the file exactly as the signing software produced it.", len(tail)))
		same = false
	}
	return same
}

// Contains reports whether the signed document is proposal: the same bytes (CAdES), or a file
// that begins with them (PAdES). Callers that can render the proposal in more than one
// language use it to find which one was signed.
func (s *Signed) Contains(proposal []byte) bool {
	if s.Format == PAdES {
		return bytes.HasPrefix(s.file, proposal)
	}
	return bytes.Equal(s.Content, proposal)
}

// Verify opens a signed file and checks it: Open, then Check.
func Verify(data, proposal []byte, required []schema.Signer, now time.Time) (*Report, error) {
	s, err := Open(data)
	if err != nil {
		return nil, err
	}
	return s.Check(proposal, required, now), nil
}
