// Package pec takes the proposal from signing to sending: it checks the signed file the
// applicant drops back, and prepares the PEC (posta elettronica certificata) message. It
// knows nothing of the DOM or go-app: the browser (Wasm) and the CLI use the same code.
//
// Signed-file intake (intake.go, cms.go, pades.go, ber.go, signer.go). Open reads CAdES
// envelopes (.p7m: DER, base64 or PEM, envelopes inside envelopes) and PAdES PDFs
// (signatures as incremental updates). Check then says whether the signed document is byte
// for byte the proposal (package pdf regenerates it from the draft: it is deterministic; for
// PAdES the file must begin with it, every signature must cover all of it and the last one
// the file to its end), verifies each signature cryptographically (CMS written with
// encoding/asn1 and crypto/x509, no CMS dependency), reads each signer's name and codice
// fiscale from the certificate (serialNumber "TINIT-<CF>"), and lists the required signers
// (schema RequiredSigners, matched by codice fiscale) without a valid signature. What it
// cannot do offline — check the chain against the EU trusted list, revocation — it says in
// every report (NoteTrustList). Every refusal is an *Error with a stable key and Italian and
// English messages.
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
//	r := s.Check(proposal.Bytes(), c.RequiredSigners(d.Answers), time.Now())
//	// r.OK(), r.Signers (name, CF, valid, warnings), r.Missing, r.Problems, r.Notes
//	items, complete := pec.Checklist(c, d.Answers, files) // files: []pec.File{Name, Data, For: attachment id}
//	m := pec.NewMessage(c, signedFile, files, pdf.ReadFacts(c, c.Visible(d.Answers)).Applicant, lang)
//	pec.CheckSize(m.Size(time.Now()))                     // Level ok/warn/refuse, Message
//	st, _ := pec.CheckDeadline(c.Submission, time.Now())  // Passed, Urgent, Left, Message
//	eml := m.EML(time.Now())                              // download as <name>.eml
//	guide := pec.Guide(m, st, lang)
package pec
