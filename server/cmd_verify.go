package main

// bando verify: is this signed file the proposal of this draft, signed by everyone who must
// sign it? The same check as the app (app/pec), for the applicant before sending and for the
// Region's staff after receiving.

import (
	"context"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"bando/app/draft"
	"bando/app/pdf"
	"bando/app/pec"
	"bando/schema"
)

func runVerify(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := callFlags(fs)
	draftArg := fs.String("draft", "", "the draft the proposal was made from (.bando.json)")
	lang := fs.String("lang", "it", "language of the messages: it or en")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	var trustFiles []string
	fs.Func("trust", "PEM certificates of the trusted authorities (e.g. exported from the EU trusted list); each signer's chain must reach one. Repeatable", func(v string) error {
		trustFiles = append(trustFiles, v)
		return nil
	})
	fs.Usage = func() {
		tprintln(stderr, "uso: bando verify [--call ID|CALL.json] [--calls DIR] [--lang it|en] [--json] [--trust CA.pem]… --draft DRAFT.bando.json FIRMATO.pdf.p7m|FIRMATO.pdf")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return usageErr("%v", err)
	}
	if len(files) != 1 || *draftArg == "" {
		fs.Usage()
		return usageErr("indica la bozza (--draft) e il file firmato")
	}
	l := schema.ParseLang(*lang)
	c, d, err := draftAndCall(ctx, *draftArg, src, l, stderr)
	if err != nil {
		return err
	}
	var anchors []*x509.Certificate
	for _, name := range trustFiles {
		b, err := readInput(name, maxCallFile, l)
		if err != nil {
			return err
		}
		a, err := pec.ParseAnchors(b)
		if err != nil {
			return unreadable(fmt.Errorf("%s: %s", name, localizedPEC(err, l)))
		}
		anchors = append(anchors, a...)
	}
	data, err := readInput(files[0], maxSignedFile, l)
	if err != nil {
		return err
	}
	r, err := verifySigned(c, d, data, l, anchors)
	if err != nil {
		if *asJSON { // scripts get JSON whatever the file: here, why it is no signed proposal
			if werr := writeJSON(stdout, jsonRefusal(err, c.RequiredSigners(d.Answers), l)); werr != nil {
				return werr
			}
		}
		return unreadable(fmt.Errorf("%s: %s", files[0], err))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if *asJSON {
		if err := writeJSON(stdout, jsonReport(r, c, l)); err != nil {
			return err
		}
	} else {
		printCallIdentity(stdout, c, l)
		printReport(stdout, r, l)
	}
	if !r.OK() {
		return errInvalid
	}
	return nil
}

// verifySigned checks a signed file against the draft's proposal, in whichever language it
// was made.
func verifySigned(c *schema.Call, d *draft.Draft, data []byte, l schema.Lang, anchors []*x509.Certificate) (*pec.Report, error) {
	signed, err := pec.Open(data)
	if err != nil {
		return nil, &localizedError{err, localizedPEC(err, l)}
	}
	render := func(pl schema.Lang) ([]byte, error) { return makeProposal(c, d, pdf.Options{Lang: pl}) }
	o := pec.Options{Now: time.Now(), Finalised: d.FinalisedAt, Anchors: anchors}
	r, _, err := signed.CheckRendered(render, []schema.Lang{l, other(l)}, c.RequiredSigners(d.Answers), o)
	return r, err
}

// localizedError is err with its message in the command's language; errors.As still finds
// the key underneath.
type localizedError struct {
	err error
	msg string
}

func (e *localizedError) Error() string { return e.msg }
func (e *localizedError) Unwrap() error { return e.err }

func localizedPEC(err error, l schema.Lang) string {
	var pe *pec.Error
	if errors.As(err, &pe) {
		return pe.Message(l)
	}
	return localized(err, l)
}

func other(l schema.Lang) schema.Lang {
	if l == schema.EN {
		return schema.IT
	}
	return schema.EN
}

func printReport(w io.Writer, r *pec.Report, l schema.Lang) {
	format := map[pec.Format]string{pec.CAdES: "CAdES (.p7m)", pec.PAdES: "PAdES (PDF firmato)"}[r.Format]
	tprintf(w, pick(l, "Formato: %s\n", "Format: %s\n"), format)
	switch {
	case !r.Same:
		tprintln(w, pick(l, "Documento: NON è la domanda generata da questa bozza, o è stato modificato dopo la firma.", "Document: it is NOT the application generated from this draft, or it was modified after signing."))
	case r.Format == pec.PAdES:
		tprintln(w, pick(l, "Documento: le firme coprono la domanda generata da questa bozza, byte per byte; dopo, il file aggiunge solo firme, marche temporali e dati di verifica.", "Document: the signatures cover the application generated from this draft, byte for byte; after it the file adds only signatures, timestamps and validation data."))
	default:
		tprintln(w, pick(l, "Documento: è la domanda generata da questa bozza, byte per byte.", "Document: it is the application generated from this draft, byte for byte."))
	}
	tprintln(w, pick(l, "Firme:", "Signatures:"))
	for _, s := range r.Signers {
		state := pick(l, "valida", "valid")
		if !s.Valid {
			state = pick(l, "NON valida", "NOT valid")
		}
		role := ""
		if s.Counter {
			role = pick(l, " (controfirma)", " (countersignature)")
		}
		if !s.Required {
			role += pick(l, " (non tra i firmatari richiesti)", " (not among the required signers)")
		}
		tprintf(w, "  - %s, CF %s: %s%s\n", s.Name, orDash(s.CF), state, role)
		if s.Problem != nil {
			tprintf(w, pick(l, "    motivo: %s\n", "    reason: %s\n"), s.Problem.Message(l))
		}
		tprintf(w, pick(l, "    certificato di %s, valido dal %s al %s", "    certificate by %s, valid %s to %s"), orDash(s.Issuer), s.NotBefore.Format("02/01/2006"), s.NotAfter.Format("02/01/2006"))
		switch {
		case s.Qualified.SelfSigned:
			tprintf(w, "%s", pick(l, "; autoprodotto", "; self-signed"))
		case s.Qualified.Compliance && s.Qualified.SSCD && s.Qualified.ESign:
			tprintf(w, "%s", pick(l, "; si dichiara qualificato per la firma", "; claims to be qualified for signatures"))
			if s.Qualified.AgIDPolicy {
				tprintf(w, "%s", pick(l, " (profilo AgID)", " (AgID profile)"))
			}
		default:
			tprintf(w, "%s", pick(l, "; non qualificato", "; not qualified"))
		}
		switch s.Chain {
		case "trusted":
			tprintf(w, "%s", pick(l, "; risale a un certificato di fiducia fornito", "; chains to a trust anchor given"))
		case "untrusted":
			tprintf(w, "%s", pick(l, "; NON risale ai certificati di fiducia forniti", "; does NOT chain to the trust anchors given"))
		}
		tprintln(w)
		if s.Timestamp != nil {
			tprintf(w, pick(l, "    marca temporale verificata: %s\n", "    verified timestamp: %s\n"), schema.InRome(*s.Timestamp).Format("02/01/2006 15:04"))
		}
		if s.SigningTime != nil {
			tprintf(w, pick(l, "    ora di firma dichiarata dal computer di firma (non verificata): %s\n", "    signing time declared by the signing computer (not verified): %s\n"), schema.InRome(*s.SigningTime).Format("02/01/2006 15:04"))
		}
		for _, warn := range s.Warnings {
			tprintf(w, pick(l, "    attenzione: %s\n", "    warning: %s\n"), warn.Message(l))
		}
	}
	for _, ts := range r.Timestamps {
		if ts.Verified {
			tprintf(w, pick(l, "Marca temporale del documento verificata: %s\n", "Verified document timestamp: %s\n"), schema.InRome(*ts.Time).Format("02/01/2006 15:04"))
		} else {
			tprintf(w, pick(l, "Attenzione: %s\n", "Warning: %s\n"), ts.Problem.Message(l))
		}
	}
	for _, n := range r.Notes {
		tprintf(w, pick(l, "Nota: %s\n", "Note: %s\n"), n.In(l))
	}
	if r.OK() {
		tprintln(w, pick(l, "Esito: la domanda è firmata da tutti i firmatari richiesti, con firme qualificate valide.", "Result: the application is signed by every required signer, with valid qualified signatures."))
		return
	}
	tprintln(w, pick(l, "Esito: file NON accettabile, perché:", "Result: file NOT acceptable, because:"))
	seen := map[string]bool{}
	for _, p := range r.Problems {
		if msg := p.Message(l); !seen[msg] {
			seen[msg] = true
			tprintf(w, "  - %s\n", msg)
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// jsonRefusal is the JSON report of a file that could not be checked at all (not signed,
// damaged, a detached signature): the shape of jsonReport, with the reason as its problem
// and every required signer missing.
func jsonRefusal(err error, required []schema.Signer, l schema.Lang) any {
	key := "signed.unreadable"
	var pe *pec.Error
	if errors.As(err, &pe) {
		key = pe.Key
	}
	if required == nil {
		required = []schema.Signer{}
	}
	type problem struct {
		Key     string `json:"key"`
		Message string `json:"message"`
	}
	return struct {
		OK         bool            `json:"ok"`
		Format     pec.Format      `json:"format"`
		Same       bool            `json:"same"`
		Signers    []struct{}      `json:"signers"`
		Timestamps []struct{}      `json:"timestamps"`
		Missing    []schema.Signer `json:"missing"`
		Problems   []problem       `json:"problems"`
		Notes      []string        `json:"notes"`
	}{Signers: []struct{}{}, Timestamps: []struct{}{}, Missing: required, Problems: []problem{{key, localizedPEC(err, l)}}, Notes: []string{}}
}

// jsonReport is the report with its messages in one language, for scripts.
func jsonReport(r *pec.Report, c *schema.Call, l schema.Lang) any {
	type problem struct {
		Key     string `json:"key"`
		Message string `json:"message"`
	}
	msgs := func(es []*pec.Error) []problem {
		out := []problem{}
		for _, e := range es {
			out = append(out, problem{e.Key, e.Message(l)})
		}
		return out
	}
	type signer struct {
		pec.Identity
		Qualified   pec.Qualified `json:"qualified"`
		SigningTime *time.Time    `json:"signingTime,omitempty"` // declared, not verified
		Timestamp   *time.Time    `json:"timestamp,omitempty"`   // verified
		Verified    bool          `json:"verified"`
		Valid       bool          `json:"valid"`
		Required    bool          `json:"required"`
		Counter     bool          `json:"countersignature,omitempty"`
		Chain       string        `json:"chain"`
		Problem     *problem      `json:"problem,omitempty"`
		Warnings    []problem     `json:"warnings"`
	}
	type timestamp struct {
		Time     *time.Time `json:"time,omitempty"`
		Verified bool       `json:"verified"`
		Problem  *problem   `json:"problem,omitempty"`
	}
	out := struct {
		OK         bool            `json:"ok"`
		Call       callIdentity    `json:"call"`
		Format     pec.Format      `json:"format"`
		Same       bool            `json:"same"`
		Signers    []signer        `json:"signers"`
		Timestamps []timestamp     `json:"timestamps"`
		Missing    []schema.Signer `json:"missing"`
		Problems   []problem       `json:"problems"`
		Notes      []string        `json:"notes"`
	}{OK: r.OK(), Call: identityOf(c), Format: r.Format, Same: r.Same, Missing: r.Missing, Problems: msgs(r.Problems), Signers: []signer{}, Timestamps: []timestamp{}}
	for _, s := range r.Signers {
		js := signer{Identity: s.Identity, Qualified: s.Qualified, SigningTime: s.SigningTime, Timestamp: s.Timestamp, Verified: s.Verified,
			Valid: s.Valid, Required: s.Required, Counter: s.Counter, Chain: s.Chain, Warnings: msgs(s.Warnings)}
		if s.Problem != nil {
			js.Problem = &problem{s.Problem.Key, s.Problem.Message(l)}
		}
		out.Signers = append(out.Signers, js)
	}
	for _, ts := range r.Timestamps {
		jt := timestamp{Time: ts.Time, Verified: ts.Verified}
		if ts.Problem != nil {
			jt.Problem = &problem{ts.Problem.Key, ts.Problem.Message(l)}
		}
		out.Timestamps = append(out.Timestamps, jt)
	}
	for _, n := range r.Notes {
		out.Notes = append(out.Notes, n.In(l))
	}
	return out
}
