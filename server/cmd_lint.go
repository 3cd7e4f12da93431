package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"bando/app/draft"
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
		case errors.As(err, &le) && notACall(data) != "":
			// a draft or a support bundle would be a list of "unknown key" problems: say
			// what the file is and which command reads it
			bad = true
			tprintf(stdout, "%s: %s\n", name, notACallMessage(notACall(data), name, l))
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
			tprintf(stdout, pick(l, "%s: ok — %s, versione %d, %d sezioni, %d campi, impronta SHA-256 %s\n", "%s: ok — %s, version %d, %d sections, %d fields, SHA-256 %s\n"), name, c.ID, c.Version, len(c.Sections), len(c.Fields()), c.Hash())
		}
	}
	if bad {
		return errInvalid
	}
	return nil
}

// notACall is the format a file declares when it is a Bando file other than a call schema
// (draft.Format, draft.BundleFormat), else "".
func notACall(data []byte) string {
	var head struct {
		Format string `json:"format"`
	}
	if json.Unmarshal(data, &head) != nil {
		return ""
	}
	switch head.Format {
	case draft.Format, draft.BundleFormat:
		return head.Format
	}
	return ""
}

func notACallMessage(format, name string, l schema.Lang) string {
	if format == draft.BundleFormat {
		return fmt.Sprintf(pick(l, "è un pacchetto di assistenza, non uno schema di bando: per rileggerlo usa `bando replay %s`",
			"it is a support bundle, not a call schema: to replay it use `bando replay %s`"), name)
	}
	return fmt.Sprintf(pick(l, "è una bozza di domanda (.bando.json), non uno schema di bando: per controllarla usa `bando validate %s`",
		"it is an application draft (.bando.json), not a call schema: to check it use `bando validate %s`"), name)
}

func runCalls(_ context.Context, _ []string, _ io.Reader, stdout, _ io.Writer) error {
	for _, id := range schema.ShippedIDs() {
		c, err := schema.Shipped(id)
		if err != nil {
			return err
		}
		tprintf(stdout, "%s\tv%d\tscadenza %s\t%s\t%s\n", c.ID, c.Version, c.Submission.Deadline, schema.ShortHash(c.Hash()), c.Title.IT)
	}
	return nil
}
