package pec

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"encoding/pem"
	"fmt"
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
	docTS   []docTimestamp // PAdES document timestamps, in file order
}

// signature is one SignerInfo with what it signs.
type signature struct {
	env     *envelope
	si      signerInfo
	content [][]byte
	layer   int // 0 for the outer envelope, 1 for one inside it…
	parent  int // for a countersignature, the index of the signature it signs; else -1
	end     int // PAdES: the end of the bytes it covers; 0 for CAdES
}

// docTimestamp is a PAdES document timestamp and the bytes it covers.
type docTimestamp struct {
	token   []byte
	covered [][]byte
	end     int
}

// maxCounterDepth bounds countersignatures of countersignatures.
const maxCounterDepth = 4

// addSigners appends si and, recursively, its countersignatures (Italian signing tools offer
// "controfirma": a signature over another signer's signature value, carried as an unsigned
// attribute of the signature it countersigns).
func (s *Signed) addSigners(env *envelope, si signerInfo, content [][]byte, layer, end, parent, depth int) {
	s.sigs = append(s.sigs, signature{env: env, si: si, content: content, layer: layer, parent: parent, end: end})
	self := len(s.sigs) - 1
	if depth >= maxCounterDepth || len(si.UnsignedAttrs.Bytes) == 0 {
		return
	}
	for _, raw := range attributeValues(si.UnsignedAttrs.Bytes, oidCountersignature) {
		var csi signerInfo
		if _, err := asn1.Unmarshal(raw, &csi); err == nil {
			s.addSigners(env, csi, [][]byte{si.Signature}, layer, end, self, depth+1)
		}
	}
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
			s.addSigners(env, si, [][]byte{env.content}, layer, 0, -1, 0)
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
		end := p.ranges[2] + p.ranges[3]
		if p.timestamp {
			s.docTS = append(s.docTS, docTimestamp{token: p.cms, covered: p.signedParts(data), end: end})
			continue
		}
		env, err := parseCMS(p.cms)
		if err != nil {
			return nil, errf("pades.contents", err, "Una firma nel PDF non è leggibile come firma CMS/CAdES.", "A signature in the PDF cannot be read as a CMS/CAdES signature.")
		}
		for _, si := range env.signers {
			s.addSigners(env, si, p.signedParts(data), 0, end, -1, 0)
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
	Qualified Qualified `json:"qualified"`
	// SigningTime is the time the signer's computer declared: shown, never trusted.
	SigningTime *time.Time `json:"signingTime,omitempty"`
	// Timestamp is the time a verified timestamp proves the signature existed at.
	Timestamp *time.Time `json:"timestamp,omitempty"`
	Verified  bool       `json:"verified"` // the signature verifies cryptographically
	// Valid: the signature counts for this call — verified, over this proposal, by a
	// certificate valid now (and at the timestamp), qualified, and, when trust anchors are
	// given, chaining to one of them.
	Valid    bool   `json:"valid"`
	Problem  *Error `json:"problem,omitempty"` // why it does not count
	Required bool   `json:"required"`          // the person is one of the required signers
	// Counter: a countersignature (over another signer's signature, not the document).
	Counter bool `json:"countersignature,omitempty"`
	// Chain: "trusted" (reaches an anchor given), "untrusted", or "unchecked" (no anchors).
	Chain string `json:"chain"`
	// Warnings do not refuse the file but deserve a look (a signing time in the future).
	Warnings []*Error `json:"warnings,omitempty"`
}

// Report is the verdict on a signed file for one proposal.
type Report struct {
	Format Format `json:"format"`
	// Same: the bytes every signature covers are the proposal's, and nothing added after
	// them changes the content (PAdES: only signatures, timestamps and validation data).
	Same       bool            `json:"same"`
	Signers    []SignerReport  `json:"signers"`
	Timestamps []Timestamp     `json:"timestamps,omitempty"` // PAdES document timestamps
	Missing    []schema.Signer `json:"missing"`              // required signers without a valid signature
	Problems   []*Error        `json:"problems"`             // every reason to refuse; empty when OK
	// Notes are always shown: what this check cannot do offline.
	Notes []schema.Text `json:"notes"`
}

// OK reports whether the file is the proposal signed by every required signer.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// NoteTrustList says plainly what an offline check cannot know.
var NoteTrustList = schema.Text{
	IT: "Senza connessione non è possibile consultare la lista di fiducia europea (EU Trusted List): le firme sono verificate crittograficamente e i certificati devono dichiararsi qualificati, ma non si sa se l'emittente è davvero un prestatore qualificato né se i certificati sono stati revocati o sospesi. Per controllarlo fornisci i certificati delle autorità di fiducia (bando verify --trust FILE, o trascinali nella pagina di firma) oppure verifica il file anche con un servizio di verifica qualificato.",
	EN: "Offline the EU Trusted List cannot be consulted: the signatures are verified cryptographically and the certificates must claim to be qualified, but whether the issuer really is a qualified provider, and whether the certificates were revoked or suspended, is not known. To check it give the trusted authorities' certificates (bando verify --trust FILE, or drop them on the signing page) or also check the file with a qualified verification service.",
}

// NoteAnchors says what a check with trust anchors did and did not do.
func NoteAnchors(n int) schema.Text {
	return schema.Text{
		IT: fmt.Sprintf("Le catene dei certificati sono state verificate rispetto a %d certificati di fiducia forniti; la revoca o sospensione dei certificati non si può controllare senza connessione.", n),
		EN: fmt.Sprintf("The certificate chains were checked against %d trust anchors given; revocation or suspension cannot be checked offline.", n),
	}
}

// Options are what a check needs besides the file and the proposal.
type Options struct {
	Now time.Time
	// Finalised is when the draft was finalised: a signing time before it is reported.
	Finalised *time.Time
	// Anchors are trust anchors given by the user; with none, chains are not checked.
	Anchors []*x509.Certificate
}

// Check verifies s against the proposal PDF it must contain (regenerate it from the draft
// with package pdf: it is deterministic) and the signers the call requires, at time now.
func (s *Signed) Check(proposal []byte, required []schema.Signer, now time.Time) *Report {
	return s.CheckWith(proposal, required, Options{Now: now})
}

// CheckWith is Check with the finalisation time and trust anchors.
func (s *Signed) CheckWith(proposal []byte, required []schema.Signer, o Options) *Report {
	r := &Report{Format: s.Format, Signers: []SignerReport{}, Missing: []schema.Signer{}, Problems: []*Error{}, Notes: []schema.Text{NoteTrustList}}
	if len(o.Anchors) > 0 {
		r.Notes = []schema.Text{NoteAnchors(len(o.Anchors))}
	}
	switch s.Format {
	case CAdES:
		r.Same = bytes.Equal(s.Content, proposal)
		if !r.Same {
			r.Problems = append(r.Problems, errOtherDocument(s.Content))
		}
	case PAdES:
		r.Same = s.checkPAdES(proposal, r)
	}
	var docTimes []docTime // verified document timestamps
	for _, ts := range s.docTS {
		tr := timestampReport(ts.token, ts.covered, "document")
		r.Timestamps = append(r.Timestamps, tr)
		if tr.Verified {
			docTimes = append(docTimes, docTime{*tr.Time, ts.end})
		}
	}
	valid := make([]bool, len(s.sigs))
	for i, sig := range s.sigs {
		sr := s.judge(sig, o, docTimes)
		if sig.parent >= 0 && sr.Valid && !valid[sig.parent] {
			// a countersignature counts only over a signature that counts
			sr.Valid = false
			sr.Problem = errf("sig.counter_invalid", nil, "%s ha controfirmato una firma che non è valida: la controfirma non vale come firma della domanda.", "%s countersigned a signature that is not valid: the countersignature does not count as a signature of the application.", sr.Name)
		}
		valid[i] = sr.Valid
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

type docTime struct {
	at  time.Time
	end int // the document timestamp covers the file to here
}

// judge is the verdict on one signature.
func (s *Signed) judge(sig signature, o Options, docTimes []docTime) SignerReport {
	v := sig.env.verify(sig.si, sig.content, sig.parent >= 0)
	sr := SignerReport{Verified: v.problem == nil, Valid: v.problem == nil, Problem: v.problem, SigningTime: v.signingTime, Counter: sig.parent >= 0, Chain: "unchecked"}
	if v.cert == nil {
		return sr
	}
	sr.Identity = identify(v.cert)
	sr.Qualified = qualifiedClaims(v.cert)
	fail := func(e *Error) {
		if sr.Valid {
			sr.Valid, sr.Problem = false, e
		}
	}
	// a signature timestamp (CAdES-T) over this signature value, else the earliest verified
	// document timestamp covering it (PAdES)
	for _, token := range attributeValues(sig.si.UnsignedAttrs.Bytes, oidSignatureTSToken) {
		ts := timestampReport(token, [][]byte{sig.si.Signature}, "signature")
		if ts.Verified {
			sr.Timestamp = ts.Time
			break
		}
		sr.Warnings = append(sr.Warnings, ts.Problem)
	}
	if sr.Timestamp == nil && sig.end > 0 {
		for _, d := range docTimes {
			if d.end >= sig.end && (sr.Timestamp == nil || d.at.Before(*sr.Timestamp)) {
				t := d.at
				sr.Timestamp = &t
			}
		}
	}
	day := func(t time.Time) string { return schema.InRome(t).Format("02/01/2006") }
	switch {
	case o.Now.Before(sr.NotBefore):
		fail(errf("sig.cert_not_yet_valid", nil, "Il certificato di %s non è ancora valido (valido dal %s al %s): la firma non è accettabile.", "%s's certificate is not valid yet (valid from %s to %s): the signature is not acceptable.", sr.Name, day(sr.NotBefore), day(sr.NotAfter)))
	case o.Now.After(sr.NotAfter):
		fail(errf("sig.cert_expired", nil, "Il certificato di %s è scaduto il %s: la firma non è accettabile. Firma di nuovo con un certificato valido.", "%s's certificate expired on %s: the signature is not acceptable. Sign again with a valid certificate.", sr.Name, day(sr.NotAfter)))
	case sr.Timestamp != nil && (sr.Timestamp.Before(sr.NotBefore) || sr.Timestamp.After(sr.NotAfter)):
		fail(errf("sig.cert_at_timestamp", nil, "Il certificato di %s non era valido all'ora certificata dalla marca temporale (%s).", "%s's certificate was not valid at the time the timestamp certifies (%s).", sr.Name, schema.InRome(*sr.Timestamp).Format("02/01/2006 15:04")))
	}
	if it, en := sr.Qualified.missing(sr.NonRepudiation); it != "" {
		fail(&Error{Key: "sig.not_qualified", Msg: schema.Text{
			IT: fmt.Sprintf("La firma di %s non è una firma qualificata: non è accettabile per questo avviso (%s).", sr.Name, it),
			EN: fmt.Sprintf("%s's signature is not a qualified signature: not acceptable for this call (%s).", sr.Name, en)}})
	}
	if len(o.Anchors) > 0 {
		at := o.Now
		if chainReaches(v.cert, sig.env.certs, o.Anchors, at) {
			sr.Chain = "trusted"
		} else {
			sr.Chain = "untrusted"
			fail(errf("sig.untrusted", nil, "Il certificato di %s (emesso da %s) non risale a nessuno dei certificati di fiducia forniti.", "%s's certificate (issued by %s) does not chain to any of the trust anchors given.", sr.Name, orUnknown(sr.Issuer)))
		}
	}
	if t := sr.SigningTime; t != nil {
		if t.After(o.Now.Add(5 * time.Minute)) {
			sr.Warnings = append(sr.Warnings, errf("sig.time_future", nil, "L'ora di firma dichiarata da %s (%s) è nel futuro: l'orologio del computer di firma era sbagliato, o la data è falsa. Non se ne tiene conto.", "The signing time %s declares (%s) is in the future: the signing computer's clock was wrong, or the date is false. It is not taken into account.", sr.Name, schema.InRome(*t).Format("02/01/2006 15:04")))
		} else if o.Finalised != nil && t.Before(*o.Finalised) {
			sr.Warnings = append(sr.Warnings, errf("sig.time_before_final", nil, "L'ora di firma dichiarata da %s (%s) è precedente alla chiusura della domanda (%s): l'orologio del computer di firma era sbagliato, o la data è falsa. Non se ne tiene conto.", "The signing time %s declares (%s) is before the application was finalised (%s): the signing computer's clock was wrong, or the date is false. It is not taken into account.", sr.Name, schema.InRome(*t).Format("02/01/2006 15:04"), schema.InRome(*o.Finalised).Format("02/01/2006 15:04")))
		}
	}
	if sr.CF == "" {
		sr.Warnings = append(sr.Warnings, errf("sig.no_cf", nil, "Il certificato di %s non riporta un codice fiscale italiano (TINIT-…): non si può abbinare a un legale rappresentante.", "%s's certificate holds no Italian tax code (TINIT-…): it cannot be matched to a legal representative.", sr.Name))
	}
	return sr
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

// checkPAdES: the file begins with the proposal, every signature covers all of it, and
// every update after it only adds signatures, timestamps and validation data.
func (s *Signed) checkPAdES(proposal []byte, r *Report) bool {
	if !bytes.HasPrefix(s.file, proposal) {
		r.Problems = append(r.Problems, errOtherDocument(s.file))
		return false
	}
	same := true
	for _, p := range s.pades {
		if p.at < len(proposal) || p.ranges[1] < len(proposal) {
			r.Problems = append(r.Problems, errf("pades.partial", nil, "Una firma nel PDF non copre l'intera domanda.", "A signature in the PDF does not cover the whole application."))
			same = false
		}
	}
	// bytes after the last signature that are not even an update (no object): nothing a
	// signing tool writes, and what a lenient reader makes of them is unknown
	end := 0
	for _, p := range s.pades {
		end = max(end, p.ranges[2]+p.ranges[3])
	}
	if tail := bytes.TrimRight(s.file[end:], "\r\n"); len(tail) > 0 && len(scanObjects(tail, end)) == 0 {
		r.Problems = append(r.Problems, errf("pades.unsigned_update", nil, "Il PDF è stato modificato dopo l'ultima firma (%d byte aggiunti non firmati): quello che si vede potrebbe non essere ciò che è stato firmato. Ricarica il file così come lo ha prodotto il software di firma.", "The PDF was changed after the last signature (%d unsigned bytes added): what is shown may not be what was signed. Upload the file exactly as the signing software produced it.", len(tail)))
		same = false
	}
	if changes := checkUpdates(s.file, len(proposal), s.signatureAt); len(changes) > 0 {
		r.Problems = append(r.Problems, changes...)
		same = false
	}
	return same
}

// signatureAt names the signature (or document timestamp) whose dictionary lies in
// [from, to), or with inside false the last one before from; "" when there is none.
func (s *Signed) signatureAt(from, to int, inside bool) (it, en string) {
	for _, p := range s.pades {
		if inside && (p.at < from || p.at >= to) || !inside && p.at >= from {
			continue
		}
		if p.timestamp {
			it, en = "una marca temporale del documento", "a document timestamp"
			continue
		}
		name := "?"
		if env, err := parseCMS(p.cms); err == nil && len(env.signers) > 0 {
			if c := env.certFor(env.signers[0].SID); c != nil {
				name = identify(c).Name
			}
		}
		it, en = "la firma di "+name, "the signature of "+name
	}
	return it, en
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
