package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"bando/app/draft"
	"bando/schema"
)

func runValidate(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := callFlags(fs)
	lang := fs.String("lang", "it", "language of the messages: it or en")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	strict := fs.Bool("strict", false, "count warnings as errors: exit 1 when there is any")
	fs.Usage = func() {
		tprintln(stderr, "uso: bando validate [--call ID|CALL.json] [--calls DIR] [--lang it|en] [--json] [--strict] DRAFT.bando.json")
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
	c, d, err := draftAndCall(ctx, fs.Arg(0), src, l, stderr)
	if err != nil {
		return err
	}
	issues := c.Validate(d.Answers, l)
	if err := ctx.Err(); err != nil {
		return err
	}
	errs, warns := len(issues.Errors()), len(issues.Warnings())
	// Warnings never block the proposal; --strict is for whoever wants a draft with none.
	valid := errs == 0 && (!*strict || warns == 0)
	if *asJSON {
		out := struct {
			Call     string        `json:"call"`
			Identity callIdentity  `json:"callIdentity"`
			Valid    bool          `json:"valid"`
			Strict   bool          `json:"strict,omitempty"`
			Errors   int           `json:"errors"`
			Warnings int           `json:"warnings"`
			Issues   schema.Issues `json:"issues"`
		}{c.ID, identityOf(c), valid, *strict, errs, warns, issues}
		if out.Issues == nil {
			out.Issues = schema.Issues{}
		}
		if err := writeJSON(stdout, out); err != nil {
			return err
		}
	} else {
		printCallIdentity(stdout, c, l)
		printIssues(stdout, issues, l)
		if *strict && warns > 0 {
			tprintln(stdout, pick(l, "--strict: gli avvisi contano come errori.", "--strict: warnings count as errors."))
		}
	}
	if !valid {
		return errInvalid
	}
	return nil
}

// printIssues lists issues one a line, "path: message", a warning marked as such, and says
// how many of each there are.
func printIssues(w io.Writer, issues schema.Issues, l schema.Lang) {
	_ = printIssuesCtx(context.Background(), w, issues, l)
}

// printIssuesCtx is printIssues that stops when ctx is done.
func printIssuesCtx(ctx context.Context, w io.Writer, issues schema.Issues, l schema.Lang) error {
	for _, is := range issues {
		if err := ctx.Err(); err != nil {
			return err
		}
		path := is.Path
		if path == "" {
			path = pick(l, "(domanda)", "(application)")
		}
		if is.IsWarning() {
			tprintf(w, "%s: %s %s\n", path, pick(l, "avviso:", "warning:"), is.Message)
			continue
		}
		tprintf(w, "%s: %s\n", path, is.Message)
	}
	tprintln(w, issueCounts(len(issues.Errors()), len(issues.Warnings()), l))
	return nil
}

// issueCounts is the last line of a list of issues: "2 problemi da correggere e 1 avviso da
// rivedere.", Italian nouns agreeing with their number.
func issueCounts(errs, warns int, l schema.Lang) string {
	if errs == 0 && warns == 0 {
		return pick(l, "Nessun problema: la domanda è completa.", "No problems: the application is complete.")
	}
	e := plural(l, errs, "problema da correggere", "problemi da correggere", "problem to fix", "problems to fix")
	w := plural(l, warns, "avviso da rivedere", "avvisi da rivedere", "warning to review", "warnings to review")
	switch {
	case warns == 0:
		return e + "."
	case errs == 0:
		return pick(l, "Nessun errore: la domanda è completa, con ", "No errors: the application is complete, with ") + w + "."
	}
	return e + pick(l, " e ", " and ") + w + "."
}

// plural is "1 problema" or "7 problemi" (English: "1 problem", "7 problems"): n with the
// noun that agrees with it, in l. Zero takes the plural in both languages.
func plural(l schema.Lang, n int, oneIT, manyIT, oneEN, manyEN string) string {
	if n == 1 {
		return "1 " + pick(l, oneIT, oneEN)
	}
	return fmt.Sprintf("%d %s", n, pick(l, manyIT, manyEN))
}

func localized(err error, l schema.Lang) string {
	var de *draft.Error
	if errors.As(err, &de) {
		return de.Message(l)
	}
	return err.Error()
}
