package main

// bando history: what the draft's history records (imports, merges of partner sheets,
// migrations, restores), and "restore this version" (--restore N) into a new file.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"bando/app/draft"
	"bando/schema"
)

func runHistory(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("history", flag.ContinueOnError)
	fs.SetOutput(stderr)
	restore := fs.Int("restore", 0, "restore the answers as they were before event N of the list, into -o")
	lang := fs.String("lang", "it", "language of the messages: it or en")
	out := fs.String("o", "", "with --restore, the draft to write; default: DRAFT-ripristinata.bando.json")
	fs.Usage = func() {
		tprintln(stderr, "uso: bando history [--lang it|en] DRAFT.bando.json [--restore N [-o BOZZA.bando.json]]")
		fs.PrintDefaults()
	}
	file, err := oneDraftArg(fs, args)
	if err != nil {
		return err
	}
	l := schema.ParseLang(*lang)
	c, d, err := draftAndCall(ctx, file, nil, l, stderr)
	if err != nil {
		return err
	}
	h, err := draft.Events(d)
	if err != nil {
		return unreadable(fmt.Errorf("%s: %s", file, localized(err, l)))
	}
	if *restore == 0 {
		if len(h) == 0 {
			tprintln(stdout, pick(l, "La cronologia della bozza è vuota.", "The draft's history is empty."))
		}
		for i, e := range h {
			kept := ""
			if e.Before == nil && e.Kind != draft.EventImport {
				kept = pick(l, " (versione precedente non più conservata)", " (earlier version no longer kept)")
			}
			// Rome time, as the app and the PDF say it, whatever the machine's zone
			when := schema.InRome(e.At).Format("02/01/2006 15:04") + pick(l, " (ora italiana)", " (Italian time)")
			tprintf(stdout, "%d. %s %s %s%s: %s\n", i+1, when, eventKind(e.Kind, l), e.From, kept, strings.Join(e.Fields, ", "))
		}
		return nil
	}
	if err := draft.Restore(d, c, *restore-1, time.Now().UTC()); err != nil {
		var de *draft.Error
		if errors.As(err, &de) && de.Key == "history.unknown" {
			return usageErr("--restore %d: %s", *restore, localized(err, l))
		}
		return unreadable(errors.New(localized(err, l)))
	}
	d.SavedAt = time.Now().UTC()
	data, err := draft.Encode(d)
	if err != nil {
		return err
	}
	name := *out
	if name == "" {
		name = strings.TrimSuffix(file, draft.Ext) + "-ripristinata" + draft.Ext
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := writeAtomic(name, data); err != nil {
		return unreadable(fmt.Errorf("%s: %w", name, err))
	}
	tprintf(stdout, pick(l, "Scritta %s: le risposte come erano prima dell'evento %d; la cronologia registra il ripristino e conserva le risposte sostituite.\n",
		"Wrote %s: the answers as they were before event %d; the history records the restore and keeps the answers it replaced.\n"), name, *restore)
	return nil
}

func eventKind(k string, l schema.Lang) string {
	it := map[string]string{draft.EventImport: "importazione", draft.EventMerge: "unione della scheda", draft.EventMigration: "aggiornamento del bando dalla", draft.EventRestore: "ripristino della versione del"}
	en := map[string]string{draft.EventImport: "import", draft.EventMerge: "merge of the sheet", draft.EventMigration: "call update from", draft.EventRestore: "restore of the version of"}
	if s := pick(l, it[k], en[k]); s != "" {
		return s
	}
	return k
}
