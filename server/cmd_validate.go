package main

import (
	"context"
	"errors"
	"flag"
	"io"

	"bando/app/draft"
	"bando/schema"
)

func runValidate(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	callArg := fs.String("call", "", "call id (e.g. toscana-fami-2024) or call schema file; default: the draft's own call")
	lang := fs.String("lang", "it", "language of the messages: it or en")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	fs.Usage = func() {
		tprintln(stderr, "uso: bando validate [--call ID|CALL.json] [--lang it|en] [--json] DRAFT.bando.json")
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
	c, d, err := draftAndCall(fs.Arg(0), *callArg, l, stderr)
	if err != nil {
		return err
	}
	issues := c.Validate(d.Answers, l)
	if err := ctx.Err(); err != nil {
		return err
	}
	if *asJSON {
		out := struct {
			Call   string        `json:"call"`
			Valid  bool          `json:"valid"`
			Issues schema.Issues `json:"issues"`
		}{c.ID, len(issues) == 0, issues}
		if out.Issues == nil {
			out.Issues = schema.Issues{}
		}
		if err := writeJSON(stdout, out); err != nil {
			return err
		}
	} else {
		printIssues(stdout, issues, l)
	}
	if len(issues) > 0 {
		return errInvalid
	}
	return nil
}

func printIssues(w io.Writer, issues schema.Issues, l schema.Lang) {
	_ = printIssuesCtx(context.Background(), w, issues, l)
}

// printIssuesCtx prints the issues one per line and the count, stopping when ctx is done.
func printIssuesCtx(ctx context.Context, w io.Writer, issues schema.Issues, l schema.Lang) error {
	for _, is := range issues {
		if err := ctx.Err(); err != nil {
			return err
		}
		path := is.Path
		if path == "" {
			path = "(domanda)"
			if l == schema.EN {
				path = "(application)"
			}
		}
		tprintf(w, "%s: %s\n", path, is.Message)
	}
	switch {
	case len(issues) == 0 && l == schema.EN:
		tprintln(w, "No problems: the application is complete.")
	case len(issues) == 0:
		tprintln(w, "Nessun problema: la domanda è completa.")
	case l == schema.EN:
		tprintf(w, "%d problem(s) to fix.\n", len(issues))
	case len(issues) == 1:
		tprintln(w, "1 problema da correggere.")
	default:
		tprintf(w, "%d problemi da correggere.\n", len(issues))
	}
	return nil
}

func localized(err error, l schema.Lang) string {
	var de *draft.Error
	if errors.As(err, &de) {
		return de.Message(l)
	}
	return err.Error()
}
