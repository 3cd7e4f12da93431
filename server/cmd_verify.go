package main

// bando verify: is this signed file the proposal of this draft, signed by everyone who must
// sign it? The same check as the app (app/pec), for the applicant before sending and for the
// Region's staff after receiving.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"bando/app/draft"
	"bando/app/pec"
	"bando/schema"
)

func runVerify(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	callArg := fs.String("call", "", "call id or call schema file; default: the draft's own call")
	draftArg := fs.String("draft", "", "the draft the proposal was made from (.bando.json)")
	lang := fs.String("lang", "it", "language of the messages: it or en")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	fs.Usage = func() {
		tprintln(stderr, "uso: bando verify [--call ID|CALL.json] [--lang it|en] [--json] --draft DRAFT.bando.json FIRMATO.pdf.p7m|FIRMATO.pdf")
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
	c, d, err := draftAndCall(*draftArg, *callArg, l, stderr)
	if err != nil {
		return err
	}
	data, err := readInput(files[0], maxSignedFile, l)
	if err != nil {
		return err
	}
	r, err := verifySigned(c, d, data, l)
	if err != nil {
		return unreadable(fmt.Errorf("%s: %s", files[0], err))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if *asJSON {
		if err := writeJSON(stdout, jsonReport(r, l)); err != nil {
			return err
		}
	} else {
		printReport(stdout, r, l)
	}
	if !r.OK() {
		return errInvalid
	}
	return nil
}

// verifySigned checks a signed file against the draft's proposal, in whichever language it
// was made.
func verifySigned(c *schema.Call, d *draft.Draft, data []byte, l schema.Lang) (*pec.Report, error) {
	signed, err := pec.Open(data)
	if err != nil {
		return nil, errors.New(localizedPEC(err, l))
	}
	render := func(pl schema.Lang) ([]byte, error) { return makeProposal(c, d, pl) }
	r, _, err := signed.CheckRendered(render, []schema.Lang{l, other(l)}, c.RequiredSigners(d.Answers), time.Now())
	return r, err
}

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
	if r.Same {
		tprintln(w, pick(l, "Documento: è la domanda generata da questa bozza, byte per byte.", "Document: it is the application generated from this draft, byte for byte."))
	} else {
		tprintln(w, pick(l, "Documento: NON è la domanda generata da questa bozza.", "Document: it is NOT the application generated from this draft."))
	}
	tprintln(w, pick(l, "Firme:", "Signatures:"))
	for _, s := range r.Signers {
		state := pick(l, "valida", "valid")
		if !s.Valid {
			state = pick(l, "NON valida", "NOT valid")
		}
		role := ""
		if !s.Required {
			role = pick(l, " (non tra i firmatari richiesti)", " (not among the required signers)")
		}
		tprintf(w, "  - %s, CF %s: %s%s\n", s.Name, orDash(s.CF), state, role)
		tprintf(w, pick(l, "    certificato di %s, valido dal %s al %s", "    certificate by %s, valid %s to %s"), orDash(s.Issuer), s.NotBefore.Format("02/01/2006"), s.NotAfter.Format("02/01/2006"))
		if s.SigningTime != nil {
			tprintf(w, pick(l, "; firmato il %s", "; signed on %s"), schema.InRome(*s.SigningTime).Format("02/01/2006 15:04"))
		}
		tprintln(w)
		for _, warn := range s.Warnings {
			tprintf(w, pick(l, "    attenzione: %s\n", "    warning: %s\n"), warn.Message(l))
		}
	}
	for _, n := range r.Notes {
		tprintf(w, pick(l, "Nota: %s\n", "Note: %s\n"), n.In(l))
	}
	if r.OK() {
		tprintln(w, pick(l, "Esito: la domanda è firmata da tutti i firmatari richiesti.", "Result: the application is signed by every required signer."))
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

// jsonReport is the report with its messages in one language, for scripts.
func jsonReport(r *pec.Report, l schema.Lang) any {
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
		SigningTime *time.Time `json:"signingTime,omitempty"`
		Valid       bool       `json:"valid"`
		Required    bool       `json:"required"`
		Problem     *problem   `json:"problem,omitempty"`
		Warnings    []problem  `json:"warnings"`
	}
	out := struct {
		OK       bool            `json:"ok"`
		Format   pec.Format      `json:"format"`
		Same     bool            `json:"same"`
		Signers  []signer        `json:"signers"`
		Missing  []schema.Signer `json:"missing"`
		Problems []problem       `json:"problems"`
		Notes    []string        `json:"notes"`
	}{OK: r.OK(), Format: r.Format, Same: r.Same, Missing: r.Missing, Problems: msgs(r.Problems), Signers: []signer{}}
	for _, s := range r.Signers {
		js := signer{Identity: s.Identity, SigningTime: s.SigningTime, Valid: s.Valid, Required: s.Required, Warnings: msgs(s.Warnings)}
		if s.Problem != nil {
			js.Problem = &problem{s.Problem.Key, s.Problem.Message(l)}
		}
		out.Signers = append(out.Signers, js)
	}
	for _, n := range r.Notes {
		out.Notes = append(out.Notes, n.In(l))
	}
	return out
}
