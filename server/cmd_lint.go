package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"bando/schema"
)

func runLint(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "it", "language of the messages: it or en")
	fs.Usage = func() {
		tprintln(stderr, "uso: bando lint [--lang it|en] CALL.json...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usageErr("%v", err)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageErr("indica almeno un file di bando da controllare")
	}
	l := schema.ParseLang(*lang)
	bad := false
	for _, name := range fs.Args() {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := readInput(name, maxCallFile, l)
		if err != nil {
			return err
		}
		c, err := schema.Load(data)
		if err == nil {
			err = schema.LintPartner(data, c) // Load leaves the partner part to the tools
		}
		var le *schema.LoadError
		switch {
		case errors.As(err, &le):
			bad = true
			for _, p := range le.Problems {
				tprintf(stdout, "%s:%s\n", name, p.Format(l))
			}
			if more := le.Omitted(l); more != "" {
				tprintf(stdout, "%s: %s\n", name, more)
			}
		case err != nil:
			return unreadable(fmt.Errorf("%s: %w", name, err))
		default:
			tprintf(stdout, "%s: ok — %s, versione %d, %d sezioni, %d campi\n", name, c.ID, c.Version, len(c.Sections), len(c.Fields()))
		}
	}
	if bad {
		return errInvalid
	}
	return nil
}

func runCalls(_ context.Context, _ []string, _ io.Reader, stdout, _ io.Writer) error {
	for _, id := range schema.ShippedIDs() {
		c, err := schema.Shipped(id)
		if err != nil {
			return err
		}
		tprintf(stdout, "%s\tv%d\tscadenza %s\t%s\n", c.ID, c.Version, c.Submission.Deadline, c.Title.IT)
	}
	return nil
}
