package main

// bando replay: judge a support bundle's draft again with this build and say what changed
// since the applicant made the bundle. After an app or call update it shows at once whether
// the applicant's problem is gone, still there, or joined by a new one.

import (
	"context"
	"flag"
	"fmt"
	"io"

	"bando/app/draft"
	"bando/schema"
)

func runReplay(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("replay", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "", "language of the messages, it or en; default: the bundle's")
	callArg := fs.String("call", "", "call id or call schema file to judge with (e.g. a new version); default: the bundle's call as shipped")
	fs.Usage = func() {
		tprintln(stderr, "uso: bando replay [--lang it|en] [--call ID|CALL.json] CASO"+draft.BundleExt)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usageErr("%v", err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageErr("indica un pacchetto di assistenza (%s)", draft.BundleExt)
	}
	name := fs.Arg(0)
	l := schema.ParseLang(*lang)
	data, err := readInput(name, draft.MaxBundleSize, l)
	if err != nil {
		return err
	}
	b, err := draft.DecodeBundle(data)
	if err != nil {
		return unreadable(fmt.Errorf("%s: %s", name, localized(err, l)))
	}
	if *lang == "" {
		l = schema.ParseLang(b.Lang)
	}
	id := *callArg
	if id == "" {
		id = b.Call
	}
	c, err := resolveCall(id, l)
	if err != nil {
		return err
	}
	if err := draft.CheckCall(b.Draft, c); err != nil {
		return unreadable(fmt.Errorf("%s: %s", name, localized(err, l)))
	}
	// The work below is bounded by the bounds of a bundle (app/draft/shape.go) and takes well
	// under a second; the context is checked between its steps and while printing.
	issues := c.Validate(b.Draft.Answers, l)
	if err := ctx.Err(); err != nil {
		return err
	}
	// Compared as recorded (parameters worded in Italian); Validate gives the same list, in the
	// same order, in every language, so an index of one is an index of the other.
	gone, added := draft.CompareVerdicts(b.Verdicts, draft.RecordedVerdicts(c, b.Draft.Answers))
	if err := ctx.Err(); err != nil {
		return err
	}
	printBundleHeader(stdout, b, c, l)
	if err := printIssuesCtx(ctx, stdout, issues, l); err != nil {
		return err
	}
	if gone == nil && added == nil {
		tprintln(stdout, tr(l, "Nessuna differenza dagli esiti registrati nel pacchetto.", "No difference from the verdicts recorded in the bundle."))
		return nil
	}
	tprintln(stdout, tr(l, "Differenze dagli esiti registrati (+ nuovo, - non più segnalato):", "Differences from the recorded verdicts (+ new, - no longer reported):"))
	for _, i := range added {
		if err := ctx.Err(); err != nil {
			return err
		}
		msg := issues[i].Message
		if issues[i].IsWarning() {
			msg = tr(l, "avviso: ", "warning: ") + msg
		}
		tprintf(stdout, "+ %s: %s\n", pathLabel(issues[i].Path, l), msg)
	}
	for _, i := range gone {
		if err := ctx.Err(); err != nil {
			return err
		}
		tprintf(stdout, "- %s: %s\n", pathLabel(b.Verdicts[i].Path, l), b.Verdicts[i].Key)
	}
	if len(b.NotKept) > 0 {
		tprintln(stdout, tr(l, "Nota: per questi esiti i valori fittizi non equivalgono agli originali, quindi possono differire anche senza aggiornamenti:", "Note: for these verdicts the fakes are not equivalent to the originals, so they may differ even without an update:"))
		for _, v := range b.NotKept {
			tprintln(stdout, "  "+v)
		}
	}
	return errInvalid
}

// printBundleHeader says what the bundle is: call and app versions then and now, screen, date
// and whether the answers are the applicant's own.
func printBundleHeader(w io.Writer, b *draft.Bundle, c *schema.Call, l schema.Lang) {
	screen := b.Screen
	if screen == "" {
		screen = tr(l, "(non indicata)", "(not given)")
	}
	tprintf(w, tr(l, "Pacchetto del %s: bando %s versione %d (ora %d), app %s (ora %s), schermata %s.\n", "Bundle of %s: call %s version %d (now %d), app %s (now %s), screen %s.\n"),
		b.CreatedAt.Format("2006-01-02 15:04 MST"), b.Call, b.CallVersion, c.Version, b.AppVersion, version, screen)
	if b.Redacted {
		tprintln(w, tr(l, "Dati personali sostituiti da valori fittizi con gli stessi esiti.", "Personal data replaced by fakes with the same verdicts."))
		if b.Coarsened {
			tprintln(w, tr(l, "Sostituiti anche anno di nascita, sesso, provincia e CAP, su richiesta di chi ha compilato la domanda.", "Birth year, sex, provincia and postcode replaced too, as the applicant asked."))
		}
	} else {
		tprintln(w, tr(l, "ATTENZIONE: il pacchetto contiene i dati personali della domanda.", "WARNING: the bundle holds the application's personal data."))
	}
	tprintln(w, tr(l, "Esiti ora:", "Verdicts now:"))
}

// pathLabel names the place of a verdict; "" is the application as a whole.
func pathLabel(p string, l schema.Lang) string {
	if p == "" {
		return tr(l, "(domanda)", "(application)")
	}
	return p
}

// tr picks the Italian or the English text.
func tr(l schema.Lang, it, en string) string {
	if l == schema.EN {
		return en
	}
	return it
}
