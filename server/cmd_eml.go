package main

// bando eml: the PEC message as an unsent .eml draft — recipient and exact subject from the
// call, the signed proposal (checked first) and the attachments — plus the guide for sending
// it from a PEC webmail. The app builds the same file with the same code (app/pec).

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"bando/app/pdf"
	"bando/app/pec"
	"bando/schema"
)

// attachFlags collects --attach ID=FILE.
type attachFlags []string

func (a *attachFlags) String() string     { return strings.Join(*a, ",") }
func (a *attachFlags) Set(v string) error { *a = append(*a, v); return nil }

func runEML(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eml", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := callFlags(fs)
	draftArg := fs.String("draft", "", "the draft the proposal was made from (.bando.json)")
	signedArg := fs.String("signed", "", "the signed proposal (.pdf.p7m or signed .pdf)")
	from := fs.String("from", "", "your PEC address (the sender); the mail client's account otherwise")
	out := fs.String("o", "", "the .eml file to write")
	lang := fs.String("lang", "it", "language of the messages and of the guide: it or en")
	force := fs.Bool("force", false, "write the message even if the signatures or the attachments are not complete")
	var attach attachFlags
	fs.Var(&attach, "attach", "an attachment of the call, as ID=FILE (repeat it; the IDs are listed when one is wrong)")
	fs.Usage = func() {
		tprintln(stderr, "uso: bando eml [--call ID] [--calls DIR] [--lang it|en] [--from PEC] [--force] --draft DRAFT.bando.json --signed FIRMATO.pdf.p7m [--attach ID=FILE]... -o DOMANDA.eml")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return usageErr("%v", err)
	}
	if len(files) != 0 || *draftArg == "" || *signedArg == "" || *out == "" {
		fs.Usage()
		return usageErr("indica la bozza (--draft), il file firmato (--signed) e il file da scrivere (-o)")
	}
	l := schema.ParseLang(*lang)
	c, d, err := draftAndCall(ctx, *draftArg, src, l, stderr)
	if err != nil {
		return err
	}
	signedData, err := readInput(*signedArg, maxSignedFile, l)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	var ids []string
	for _, at := range c.RequiredAttachments(d.Answers) {
		known[at.ID] = true
		ids = append(ids, at.ID)
	}
	sort.Strings(ids)
	var extra []pec.File
	for _, a := range attach {
		id, file, ok := strings.Cut(a, "=")
		if !ok || !known[id] {
			return usageErr("--attach %q: serve ID=FILE con ID tra: %s", a, strings.Join(ids, ", "))
		}
		data, err := readInput(file, maxSignedFile, l)
		if err != nil {
			return err
		}
		extra = append(extra, pec.File{Name: filepath.Base(file), Data: data, For: id})
	}

	// 1. the signed file is this proposal, signed by everyone who must sign
	var problems []string
	report, err := verifySigned(c, d, signedData, l, nil)
	if err != nil {
		return unreadable(fmt.Errorf("%s: %s", *signedArg, err))
	}
	if !report.OK() {
		problems = append(problems, pick(l, "il file firmato non è accettabile:", "the signed file is not acceptable:"))
		for _, p := range report.Problems {
			problems = append(problems, "  - "+p.Message(l))
		}
	}
	// 2. the call's attachments
	items, complete := pec.Checklist(c, d.Answers, extra)
	tprintln(stdout, pick(l, "Allegati richiesti dal bando (--attach ID=FILE):", "Attachments the call asks for (--attach ID=FILE):"))
	var wanted []string // what to add to the command line for each missing required attachment
	for _, it := range items {
		// [x] only when a file is there: an optional attachment with none is fine for the
		// package (Done) but was not given, and a tick would say it was.
		mark := "[ ]"
		if len(it.Files) > 0 {
			mark = "[x]"
		}
		need := ""
		if !it.Attachment.Required {
			need = pick(l, " (facoltativo)", " (optional)")
		} else if !it.Done {
			wanted = append(wanted, "--attach "+it.Attachment.ID+"=FILE")
		}
		tprintf(stdout, "  %s %s [%s]%s: %s\n", mark, it.Attachment.Label.In(l), it.Attachment.ID, need, strings.Join(it.Files, ", "))
	}
	if !complete {
		problems = append(problems, pick(l, "mancano allegati obbligatori: aggiungi ", "required attachments are missing: add ")+strings.Join(wanted, " "))
	}
	// 3. size and deadline
	facts := pdf.ReadFacts(c, c.Visible(d.Answers))
	m := pec.NewMessage(c, pec.File{Name: filepath.Base(*signedArg), Data: signedData}, extra, facts.Applicant, l)
	m.From = *from
	now := time.Now()
	size := pec.CheckSize(m.Size(now))
	tprintln(stdout, size.Message.In(l))
	if size.Level == pec.SizeRefuse {
		problems = append(problems, size.Message.In(l))
	}
	deadline, err := pec.CheckDeadline(c.Submission, now)
	if err != nil {
		return unreadable(errors.New(localizedPEC(err, l)))
	}
	tprintln(stdout, deadline.Message.In(l))
	if len(problems) > 0 && !*force {
		return &exitError{1, errors.New(strings.Join(problems, "\n"))}
	}
	if err := ctx.Err(); err != nil { // interrupted: write nothing
		return err
	}
	if err := writeAtomic(*out, m.EML(now)); err != nil {
		return unreadable(fmt.Errorf("%s: %w", *out, err))
	}
	tprintf(stdout, pick(l, "Scritto %s: aprilo con il programma di posta e invialo dalla casella PEC.\n\n", "Wrote %s: open it in your mail program and send it from your PEC mailbox.\n\n"), *out)
	tprintLines(stdout, pec.Guide(m, deadline, l))
	return nil
}
