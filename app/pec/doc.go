// Package pec takes the proposal from signing to sending: it checks the signed file the
// applicant drops back, and prepares the PEC (posta elettronica certificata) message. It
// knows nothing of the DOM or go-app: the browser (Wasm) and the CLI use the same code.
//
// Signed-file intake (intake.go, cms.go, pades.go, revisions.go, pdfsyntax.go, tsp.go,
// qualified.go, trust.go, ber.go, signer.go). Open reads CAdES envelopes (.p7m: DER, base64
// or PEM, envelopes inside envelopes, parallel signatures and countersignatures) and PAdES
// PDFs (signatures as incremental updates; the scan is linear and bounded: at most 100
// signature dictionaries, each /ByteRange next to its own /Contents, the /Contents in file
// order). Check then says whether the signatures cover the proposal (package pdf regenerates
// it from the draft: it is deterministic; a PAdES file must begin with it, every signature
// cover all of it, and every later update only add signatures, their fields and widgets,
// /AcroForm, /DSS and document timestamps: anything else is "modified after signing", naming
// the revision and the objects), verifies each signature cryptographically (CMS written with
// encoding/asn1 and crypto/x509, no CMS dependency), and judges each signer: certificate
// valid now and at the time of a verified RFC 3161 timestamp (the signing time the signer's
// computer declares is shown, never trusted; in the future or before the draft was
// finalised it is reported), key usage nonRepudiation, the qualified-certificate claims of
// ETSI EN 319 412-5 (self-signed and non-qualified certificates do not count), and, with
// trust anchors given (Options.Anchors, ParseAnchors), a chain to one of them. It reads each
// signer's name and codice fiscale from the certificate (serialNumber "TINIT-<CF>") and lists
// the required signers (schema RequiredSigners, matched by codice fiscale) without a
// signature that counts. What it cannot do offline — consult the EU trusted list, revocation
// — it says in every report (NoteTrustList, NoteAnchors). Every refusal is an *Error with a
// stable key and Italian and English messages; testdata/attacks holds one file per attack.
//
// The message (message.go, eml.go, size.go, deadline.go, guide.go): recipient and exact
// subject from the call, the attachment checklist (RequiredAttachments), the size after
// base64 encoding against the PEC limits (warn over 20 MB, refuse over 30 MB), the deadline
// in Italian time (end of day when the call gives no hour), an .eml draft that mail clients
// open as an unsent message, and a short guide for sending from a PEC webmail.
//
// For the UI, in the order the applicant meets them:
//
//	s, err := pec.Open(droppedBytes)                      // err: *Error, show Message(lang)
//	var proposal bytes.Buffer; pdf.Write(&proposal, c, d, pdf.Options{Lang: lang})
//	r := s.CheckWith(proposal.Bytes(), c.RequiredSigners(d.Answers), pec.Options{Now: time.Now(), Finalised: d.FinalisedAt, Anchors: anchors})
//	// r.OK(), r.Signers (name, CF, qualified, timestamp, chain, valid, warnings), r.Timestamps, r.Missing, r.Problems, r.Notes
//	items, complete := pec.Checklist(c, d.Answers, files) // files: []pec.File{Name, Data, For: attachment id}
//	m := pec.NewMessage(c, signedFile, files, pdf.ReadFacts(c, c.Visible(d.Answers)).Applicant, lang)
//	pec.CheckSize(m.Size(time.Now()))                     // Level ok/warn/refuse, Message
//	st, _ := pec.CheckDeadline(c.Submission, time.Now())  // Passed, Urgent, Left, Message
//	eml := m.EML(time.Now())                              // download as <name>.eml
//	guide := pec.Guide(m, st, lang)
package pec
