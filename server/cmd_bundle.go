package main

// bando bundle: the support bundle of a draft, for a helpdesk operator who received a draft by
// other means, for scripts, and to produce test cases. The browser makes the same file with
// the same code (app/draft).

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"time"

	"bando/app/draft"
	"bando/schema"
)

func runBundle(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bundle", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "it", "language of the messages and of the bundle: it or en")
	screen := fs.String("screen", "", "the app screen the applicant was on, e.g. /sezione/ats")
	include := fs.Bool("include-personal-data", false, "keep names, codes and texts as they are: only when the applicant asks for it")
	coarsen := fs.Bool("coarsen", false, "replace also the coarse facts kept by default: birth year, sex in codici fiscali, provincia, CAP (docs/support-bundle.md)")
	fs.Usage = func() {
		tprintln(stderr, "uso: bando bundle [--lang it|en] [--screen S] [--coarsen] [--include-personal-data] DRAFT.bando.json > CASO"+draft.BundleExt)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usageErr("%v", err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageErr("indica un file di bozza (.bando.json)")
	}
	l := schema.ParseLang(*lang)
	c, d, err := draftAndCall(ctx, fs.Arg(0), nil, l, stderr)
	if err != nil {
		return err
	}
	b, err := draft.NewBundle(c, d, draft.BundleOptions{
		AppVersion: version, Screen: *screen, Lang: l, Now: time.Now().UTC(),
		// No browser here: say what made the bundle instead.
		Browser:             draft.Browser{UserAgent: fmt.Sprintf("bando CLI %s (%s/%s)", version, runtime.GOOS, runtime.GOARCH)},
		IncludePersonalData: *include,
		Coarsen:             *coarsen,
	})
	var de *draft.Error
	switch {
	case errors.As(err, &de) && de.Key == "draft.bundle_screen":
		return usageErr("--screen: %s", de.Message(l))
	case err != nil:
		return unreadable(fmt.Errorf("%s: %s", fs.Arg(0), localized(err, l)))
	}
	data, err := draft.EncodeBundle(b)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, err := stdout.Write(jsonTermSafe(data)); err != nil {
		return err
	}
	printBundleSummary(stderr, b, l)
	return nil
}

// printBundleSummary tells, on stderr (stdout holds the bundle), what the bundle holds.
func printBundleSummary(w io.Writer, b *draft.Bundle, l schema.Lang) {
	warns := 0
	for _, v := range b.Verdicts {
		if v.Severity == schema.SeverityWarning {
			warns++
		}
	}
	tprintf(w, tr(l, "Pacchetto di assistenza pronto: %s.\n", "Support bundle ready: %s.\n"),
		plural(l, len(b.Verdicts)-warns, "problema registrato", "problemi registrati", "problem recorded", "problems recorded"))
	if warns > 0 {
		tprintf(w, tr(l, "Avvisi registrati (non bloccano la domanda): %d.\n", "Warnings recorded (they do not block the application): %d.\n"), warns)
	}
	switch {
	case b.Redacted && b.Coarsened:
		tprintln(w, tr(l, "Dati personali sostituiti da valori fittizi che danno gli stessi esiti; sostituiti anche anno di nascita, sesso, provincia e CAP.", "Personal data replaced by fakes that get the same verdicts; birth year, sex, provincia and CAP replaced too."))
	case b.Redacted:
		tprintln(w, tr(l, "Dati personali sostituiti da valori fittizi che danno gli stessi esiti (restano anno di nascita, sesso, provincia e CAP: --coarsen sostituisce anche questi).", "Personal data replaced by fakes that get the same verdicts (birth year, sex, provincia and CAP stay: --coarsen replaces them too)."))
	default:
		tprintln(w, tr(l, "ATTENZIONE: contiene i dati personali della domanda. Invialo solo se chi l'ha compilata lo ha chiesto.", "WARNING: it holds the application's personal data. Send it only if the applicant asked for it."))
	}
	for _, v := range b.NotKept {
		tprintf(w, tr(l, "Nota: il valore fittizio per %s non ha lo stesso esito dell'originale; il pacchetto lo segnala.\n", "Note: the fake for %s is not judged like the original; the bundle says so.\n"), v)
	}
}
