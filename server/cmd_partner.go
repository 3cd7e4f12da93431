package main

// bando partner: the members of an ATS fill their own part of one proposal. `export` writes
// one member's partner sheet from the capofila's draft; `merge` brings returned sheets back
// into the draft, field by field, with the same rules as the app (app/partner). A conflict (a
// field both the member and the capofila changed since the export) is never decided silently:
// merge lists them and fails, unless --prefer says which side wins.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"bando/app/draft"
	"bando/app/partner"
	"bando/schema"
)

func runPartner(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	usage := func() {
		tprintln(stderr, "uso: bando partner export --member N DRAFT.bando.json [-o SCHEDA.bando-partner.json]")
		tprintln(stderr, "     bando partner merge [--prefer theirs|ours] DRAFT.bando.json SCHEDA... [-o UNITA.bando.json]")
	}
	if len(args) == 0 {
		usage()
		return usageErr("indica export o merge")
	}
	switch args[0] {
	case "export":
		return runPartnerExport(ctx, args[1:], stdout, stderr)
	case "merge":
		return runPartnerMerge(ctx, args[1:], stdout, stderr)
	case "-h", "--help", "help":
		usage()
		return errHelp
	}
	usage()
	return usageErr("sottocomando sconosciuto %q: export o merge", args[0])
}

func runPartnerExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("partner export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	member := fs.String("member", "", "the member: its number in the list (1, 2, …) or its id (i3)")
	lang := fs.String("lang", "it", "language of the messages: it or en")
	out := fs.String("o", "", "the sheet to write; default: <call>_<member name>_<date>.bando-partner.json")
	fs.Usage = func() {
		tprintln(stderr, "uso: bando partner export --member N [--lang it|en] DRAFT.bando.json [-o SCHEDA.bando-partner.json]")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return usageErr("%v", err)
	}
	if len(files) != 1 || *member == "" {
		fs.Usage()
		return usageErr("indica --member e un file di bozza (.bando.json)")
	}
	l := schema.ParseLang(*lang)
	c, d, err := draftAndCall(ctx, files[0], nil, l, stderr)
	if err != nil {
		return err
	}
	p, err := c.PartnerPart()
	if err != nil || p == nil {
		return unreadable(errors.New(localized(partnerErr(err), l)))
	}
	i, err := memberArg(*member, d.Answers.Items(p.Group().Path()), l)
	if err != nil {
		return err
	}
	s, err := partner.Export(d, c, i, time.Now().UTC())
	if err != nil {
		return unreadable(errors.New(localized(err, l)))
	}
	data, err := partner.Encode(s)
	if err != nil {
		return err
	}
	name := *out
	if name == "" {
		name = partner.FileName(s)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := writeAtomic(name, data); err != nil {
		return unreadable(fmt.Errorf("%s: %w", name, err))
	}
	tprintf(stdout, pick(l, "Scritta %s: la scheda di «%s» (membro %d), %d KB. Contiene solo la sua parte della domanda.\n",
		"Wrote %s: the sheet of “%s” (member %d), %d KB. It holds only its part of the proposal.\n"), name, s.Name, i+1, (len(data)+1023)/1024)
	return nil
}

// partnerErr is the message of a call without a usable partner part.
func partnerErr(err error) error {
	if err != nil {
		return fmt.Errorf("la descrizione del bando sbaglia le schede dei membri: %v", err)
	}
	return &draft.Error{Key: "partner.none", Msg: schema.Text{IT: "Questo bando non prevede schede per i membri.", EN: "This call has no partner sheets."}}
}

// memberArg is the index of the member named on the command line: its number, from 1, or its
// item id.
func memberArg(arg string, items []any, l schema.Lang) (int, error) {
	if n, err := strconv.Atoi(arg); err == nil {
		if n < 1 || n > len(items) {
			return 0, usageErr(pick(l, "--member %d: la domanda ha %d membri", "--member %d: the proposal has %d members"), n, len(items))
		}
		return n - 1, nil
	}
	for i, it := range items {
		if m, ok := it.(map[string]any); ok && m[schema.ItemID] == arg {
			return i, nil
		}
	}
	return 0, usageErr(pick(l, "--member %q: nessun membro con questo numero o identificativo", "--member %q: no member with this number or id"), arg)
}

func runPartnerMerge(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("partner merge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	prefer := fs.String("prefer", "", "how to settle conflicts: theirs (the member's answer) or ours (the draft's); default: list them and fail")
	lang := fs.String("lang", "it", "language of the messages: it or en")
	out := fs.String("o", "", "the merged draft to write; default: DRAFT-unita.bando.json")
	fs.Usage = func() {
		tprintln(stderr, "uso: bando partner merge [--prefer theirs|ours] [--lang it|en] DRAFT.bando.json SCHEDA.bando-partner.json... [-o UNITA.bando.json]")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return usageErr("%v", err)
	}
	if len(files) < 2 {
		fs.Usage()
		return usageErr("indica la bozza e almeno una scheda partner")
	}
	if *prefer != "" && *prefer != "theirs" && *prefer != "ours" {
		return usageErr("--prefer vale theirs o ours, non %q", *prefer)
	}
	l := schema.ParseLang(*lang)
	now := time.Now().UTC()
	d, err := readDraft(files[0], l)
	if err != nil {
		return err
	}
	c, err := resolveCall(d.Call, l)
	if err != nil {
		return err
	}
	before := d.Answers.Clone()
	rep, err := draft.Open(d, c)
	if err != nil {
		return unreadable(fmt.Errorf("%s: %s", files[0], localized(err, l)))
	}
	if rep.From != rep.To {
		// The file written is the migrated draft: its history says so, with what it was.
		if err := draft.AddEvent(d, draft.MigrationEvent(before, rep, now)); err != nil {
			return unreadable(fmt.Errorf("%s: %s", files[0], localized(err, l)))
		}
	}
	sheets := make([]*partner.Sheet, 0, len(files)-1)
	for _, name := range files[1:] {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := readInput(name, partner.MaxSize, l)
		if err != nil {
			return err
		}
		s, err := partner.Decode(data)
		if err == nil {
			_, err = partner.Plan(d, c, s) // refused sheets are named before anything merges
		}
		if err != nil {
			return unreadable(fmt.Errorf("%s: %s", name, localized(err, l)))
		}
		sheets = append(sheets, s)
	}
	// Each sheet is planned against the draft as the sheets before it left it; without
	// --prefer a conflict is left alone, listed, and nothing is written.
	take := func(_ int, ch partner.Change) bool { return !ch.Conflict || *prefer == "theirs" }
	ms, changed, err := partner.ApplyAll(d, c, sheets, take, files[1:], now)
	if err != nil {
		return unreadable(errors.New(localized(err, l)))
	}
	var conflicts []string
	for k, m := range ms {
		name := files[1+k]
		for _, ch := range m.Changes {
			if ch.Conflict && *prefer == "" {
				conflicts = append(conflicts, fmt.Sprintf(pick(l, "%s: %s: nella bozza %s, nella scheda %s (all'esportazione %s)", "%s: %s: in the draft %s, in the sheet %s (when exported %s)"),
					name, ch.Path, shown(ch, ch.Ours, l), shown(ch, ch.Theirs, l), shown(ch, ch.Base, l)))
			}
		}
		if len(changed[k]) == 0 {
			tprintf(stdout, pick(l, "%s (%s): nessuna modifica, la bozza ha già queste risposte.\n", "%s (%s): no change, the draft already holds these answers.\n"), name, m.Sheet.Name)
		} else {
			tprintf(stdout, pick(l, "%s (%s): %d risposte unite: %s\n", "%s (%s): %d answers merged: %s\n"), name, m.Sheet.Name, len(changed[k]), strings.Join(changed[k], ", "))
		}
	}
	if len(conflicts) > 0 {
		for _, line := range conflicts {
			tprintln(stderr, line)
		}
		return &exitError{1, fmt.Errorf(pick(l, "%d conflitti: risposte cambiate sia nella bozza sia nella scheda dopo l'esportazione. Nulla è stato scritto: scegli con --prefer theirs (la scheda) o --prefer ours (la bozza), o uniscile campo per campo nell'app.",
			"%d conflicts: answers changed both in the draft and in the sheet since the export. Nothing was written: choose with --prefer theirs (the sheet) or --prefer ours (the draft), or merge them field by field in the app."), len(conflicts))}
	}
	d.SavedAt = now
	data, err := draft.Encode(d)
	if err != nil {
		return err
	}
	name := *out
	if name == "" {
		name = strings.TrimSuffix(files[0], draft.Ext) + "-unita" + draft.Ext
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := writeAtomic(name, data); err != nil {
		return unreadable(fmt.Errorf("%s: %w", name, err))
	}
	issues := c.Validate(d.Answers, l)
	tprintf(stdout, pick(l, "Scritta %s (%s).\n", "Wrote %s (%s).\n"), name, issueCounts(len(issues.Errors()), len(issues.Warnings()), l))
	return nil
}

// shown is an answer of a change as the operator reads it.
func shown(ch partner.Change, v any, l schema.Lang) string {
	if ch.Declaration {
		return pick(l, map[bool]string{true: "accettata", false: "non accettata"}[v == true], map[bool]string{true: "accepted", false: "not accepted"}[v == true])
	}
	switch x := v.(type) {
	case nil:
		return pick(l, "(vuoto)", "(empty)")
	case string:
		return strconv.Quote(x)
	case bool:
		return pick(l, map[bool]string{true: "sì", false: "no"}[x], map[bool]string{true: "yes", false: "no"}[x])
	}
	return fmt.Sprint(v)
}
