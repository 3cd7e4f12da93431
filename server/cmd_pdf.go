package main

// bando pdf: the proposal document to sign, from a draft, with the same code (app/pdf) and
// therefore the same bytes as the browser.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"bando/app/draft"
	"bando/app/pdf"
	"bando/schema"
)

func runPDF(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("pdf", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := callFlags(fs)
	lang := fs.String("lang", "it", "language of the document and messages: it or en")
	out := fs.String("o", "", "the PDF to write; default: <call>_<title>_<date>.pdf beside the draft")
	asDraft := fs.Bool("draft", false, "the draft PDF to circulate: BOZZA on every page, no signatures, the open problems at the end; made even with errors (default name <call>_<title>_<date>_bozza.pdf)")
	fs.BoolVar(asDraft, "force", false, "the same as --draft (older name)")
	fs.Usage = func() {
		tprintln(stderr, "uso: bando pdf [--call ID|CALL.json] [--calls DIR] [--lang it|en] [--draft] DRAFT.bando.json [-o DOMANDA.pdf]")
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
	issues := c.Validate(d.Answers, l)
	if len(issues.Errors()) > 0 && !*asDraft {
		printIssues(stderr, issues, l)
		return &exitError{1, errors.New(pick(l,
			"la domanda non è completa: correggi i problemi e genera di nuovo il PDF (--draft produce una bozza da far circolare, da non firmare)",
			"the application is not complete: fix the problems and make the PDF again (--draft makes a draft to circulate, not to sign)"))}
	}
	if w := issues.Warnings(); len(w) > 0 && len(issues.Errors()) == 0 && !*asDraft {
		printIssues(stderr, w, l) // warnings never block the PDF, but are worth a look
	}
	proposal, err := makeProposal(c, d, pdf.Options{Lang: l, Draft: *asDraft})
	if err != nil {
		return err
	}
	name := *out
	if name == "" {
		// the name the browser offers (one scheme for every file of a draft), beside the draft
		name = filepath.Join(filepath.Dir(file), pdf.FileName(c, d))
		if *asDraft {
			name = filepath.Join(filepath.Dir(file), pdf.DraftFileName(c, d))
		}
	}
	if err := ctx.Err(); err != nil { // interrupted: write nothing
		return err
	}
	if err := writeAtomic(name, proposal); err != nil {
		return unreadable(fmt.Errorf("%s: %w", name, err))
	}
	digest, _ := pdf.AnswersDigest(c, d.Answers)
	sum := sha256.Sum256(proposal)
	tprintf(stdout, pick(l, "Scritto %s (%d KB).\n", "Wrote %s (%d KB).\n"), name, (len(proposal)+1023)/1024)
	tprintf(stdout, pick(l, "SHA-256 del PDF:        %x\nSHA-256 delle risposte: %s\n", "SHA-256 of the PDF:     %x\nSHA-256 of the answers: %s\n"), sum, digest)
	if *asDraft {
		tprintln(stdout, pick(l, "È una BOZZA da far circolare, da non firmare né inviare.", "It is a DRAFT to circulate, not to sign or send."))
		if len(issues) > 0 {
			tprintf(stdout, pick(l, "In fondo al PDF: %s\n", "At the end of the PDF: %s\n"), issueCounts(len(issues.Errors()), len(issues.Warnings()), l))
		}
		return nil
	}
	if d.FinalisedAt == nil {
		tprintln(stdout, pick(l, "Attenzione: la bozza non è finalizzata, il PDF porta la scritta BOZZA e non va firmato: finalizzala con `bando finalise` e genera di nuovo il PDF.",
			"Warning: the draft is not finalised; the PDF says DRAFT and must not be signed: finalise it with `bando finalise` and make the PDF again."))
	} else if d.Stale() {
		tprintln(stdout, pick(l, "Attenzione: le risposte sono cambiate dopo la finalizzazione, il PDF fatto allora non corrisponde più e questo non va firmato: finalizzala di nuovo con `bando finalise` e genera di nuovo il PDF.",
			"Warning: the answers changed after the draft was finalised; the PDF made then no longer matches and this one must not be signed: finalise it again with `bando finalise` and make the PDF again."))
	}
	signers := c.RequiredSigners(d.Answers)
	tprintln(stdout, pick(l, "Da firmare digitalmente (CAdES .p7m o PAdES) da:", "To be digitally signed (CAdES .p7m or PAdES) by:"))
	for _, s := range signers {
		tprintf(stdout, "  - %s (%s), %s\n", s.Name, s.CF, s.Entity)
	}
	return nil
}

// makeProposal renders the proposal PDF of d.
func makeProposal(c *schema.Call, d *draft.Draft, o pdf.Options) ([]byte, error) {
	l := o.Lang
	var buf bytes.Buffer
	if err := pdf.Write(&buf, c, d, o); err != nil {
		var pe *pdf.Error
		if errors.As(err, &pe) {
			return nil, unreadable(errors.New(pe.Message(l)))
		}
		return nil, unreadable(errors.New(localized(err, l)))
	}
	return buf.Bytes(), nil
}

// parseInterspersed parses flags placed before, between or after the file arguments
// ("bando pdf DRAFT -o out.pdf"), which package flag alone stops at.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return files, nil
		}
		files = append(files, rest[0])
		args = rest[1:]
	}
}

// oneDraftArg parses a command's flags, anywhere among its arguments, and returns its one
// draft file; anything else is a usage error, after the command's usage.
func oneDraftArg(fs *flag.FlagSet, args []string) (string, error) {
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return "", usageErr("%v", err)
	}
	if len(files) != 1 {
		fs.Usage()
		return "", usageErr("indica un file di bozza (.bando.json)")
	}
	return files[0], nil
}

func pick(l schema.Lang, it, en string) string {
	if l == schema.EN {
		return en
	}
	return it
}
