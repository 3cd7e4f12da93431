package main

// bando finalise: what the browser does when the applicant presses "Finalise and make the
// PDF" (app/ui/sign.go), from the command line: the same rules (refused while the answers
// have errors, listed; warnings never block), the same stamp (finalisedAt to the second, the
// app version that finalised it), written back to the draft file. `bando pdf` of the
// finalised draft is then the document to sign, the same bytes as the browser's.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"bando/app/draft"
	"bando/schema"
)

func runFinalise(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	return finalise(ctx, args, stdout, stderr, time.Now)
}

// finalise is runFinalise with the clock as a parameter, for tests.
func finalise(ctx context.Context, args []string, stdout, stderr io.Writer, now func() time.Time) error {
	fs := flag.NewFlagSet("finalise", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := callFlags(fs)
	lang := fs.String("lang", "it", "language of the messages: it or en")
	out := fs.String("o", "", "write the finalised draft here; default: over DRAFT itself")
	fs.Usage = func() {
		tprintln(stderr, "uso: bando finalise [--call ID|CALL.json] [--calls DIR] [--lang it|en] DRAFT.bando.json [-o FINALIZZATA.bando.json]")
		fs.PrintDefaults()
	}
	file, err := oneDraftArg(fs, args)
	if err != nil {
		return err
	}
	l := schema.ParseLang(*lang)
	c, d, err := draftAndCall(ctx, file, src, l, stderr)
	if err != nil {
		return err
	}
	name := *out
	if name == "" {
		name = file
	}
	if d.FinalisedAt != nil && !d.Stale() { // changed since (a partner sheet merged): again
		tprintf(stdout, pick(l, "%s è già finalizzata (%s): nulla da fare. `bando pdf` genera il documento da firmare.\n",
			"%s is already finalised (%s): nothing to do. `bando pdf` makes the document to sign.\n"), file, romeTime(*d.FinalisedAt, l))
		return nil
	}
	issues := c.Validate(d.Answers, l)
	if len(issues.Errors()) > 0 {
		printIssues(stderr, issues, l)
		return &exitError{1, errors.New(pick(l,
			"la domanda non è completa e non si può finalizzare: correggi i problemi elencati (`bando pdf --draft` fa una bozza da far circolare)",
			"the application is not complete and cannot be finalised: fix the problems listed (`bando pdf --draft` makes a draft to circulate)"))}
	}
	if w := issues.Warnings(); len(w) > 0 {
		printIssues(stderr, w, l) // as in the browser, warnings never block
	}
	d.Finalise(now())
	if version != "" && version != "dev" {
		// the app version that finalised it stays in the draft, so that the PDF made again
		// later (to check the signed file) is the same to the byte after an update
		d.AppVersion = version
	}
	data, err := draft.Encode(d)
	if err != nil {
		return unreadable(fmt.Errorf("%s: %s", name, localized(err, l)))
	}
	if err := ctx.Err(); err != nil { // interrupted: write nothing
		return err
	}
	if err := writeAtomic(name, data); err != nil {
		return unreadable(fmt.Errorf("%s: %w", name, err))
	}
	tprintf(stdout, pick(l, "Finalizzata %s (%s). Ora `bando pdf %s` genera il documento da firmare.\n",
		"Finalised %s (%s). Now `bando pdf %s` makes the document to sign.\n"), name, romeTime(*d.FinalisedAt, l), name)
	tprintln(stdout, pick(l, "Se modifichi ancora la bozza, il PDF già generato non vale più: rigeneralo e firma quello nuovo.",
		"If you edit the draft again, a PDF made before no longer holds: make it again and sign the new one."))
	return nil
}

// romeTime is an instant as Italian readers expect it: "3 dicembre 2026, 10:15 ora italiana".
func romeTime(t time.Time, l schema.Lang) string {
	r := schema.InRome(t)
	return schema.LongDate(r, l) + ", " + r.Format("15:04") + pick(l, " ora italiana", " Italian time")
}
