package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"bando/app/draft"
	"bando/schema"
)

// draftAndCall reads a draft and the call it answers (found as src says: callSource) and
// opens it as the app does: a draft of an earlier version of
// the call is migrated, and what moved or was set aside is told on stderr.
func draftAndCall(ctx context.Context, file string, src *callSource, l schema.Lang, stderr io.Writer) (*schema.Call, *draft.Draft, error) {
	d, err := readDraft(file, l)
	if err != nil {
		return nil, nil, err
	}
	if src == nil {
		src = &callSource{}
	}
	c, err := src.resolve(ctx, d.Call, l, stderr)
	if err != nil {
		return nil, nil, err
	}
	from, fromHash := d.CallVersion, d.CallHash
	rep, err := draft.Open(d, c)
	if err != nil {
		return nil, nil, unreadable(fmt.Errorf("%s: %s", file, localized(err, l)))
	}
	if rep.Changed() {
		moved, computed := rep.Counts()
		tprintf(stderr, pick(l, "%s: bozza aggiornata dalla versione %d alla %d del bando: %d risposte spostate, %d ricavate da quelle già date, %d messe da parte.\n",
			"%s: draft brought from version %d to %d of the call: %d answers moved, %d worked out from those already given, %d set aside.\n"),
			file, from, c.Version, moved, computed, len(rep.SetAside))
	}
	if from == c.Version && fromHash != "" && fromHash != c.Hash() {
		tprintf(stderr, pick(l, "%s: attenzione: la bozza è stata compilata su un bando %s versione %d con impronta %s, diversa da quella del bando usato ora (%s): una delle due copie del bando è stata modificata.\n",
			"%s: warning: the draft was filled on a call %s version %d with SHA-256 %s, not that of the call used now (%s): one of the two copies of the call was altered.\n"),
			file, c.ID, from, schema.ShortHash(fromHash), schema.ShortHash(c.Hash()))
	}
	return c, d, nil
}

// readDraft reads and decodes a draft file, with messages in l.
func readDraft(name string, l schema.Lang) (*draft.Draft, error) {
	data, err := readInput(name, draft.MaxSize, l)
	if err != nil {
		return nil, err
	}
	d, err := draft.Decode(data)
	if err != nil {
		return nil, unreadable(fmt.Errorf("%s: %s", name, localized(err, l)))
	}
	return d, nil
}

// Input files are read up to a bound, so that a wrong argument (/dev/zero, a disk image, a
// hostile file) is refused instead of filling the memory.
const (
	maxCallFile = 8 << 20
	// maxSignedFile bounds a signed proposal or an attachment: a PEC carries at most 30 MB.
	maxSignedFile = 64 << 20
)

// readInput reads a file named on the command line, refusing one of more than limit bytes
// after reading at most one byte more.
func readInput(name string, limit int64, l schema.Lang) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, unreadable(fmt.Errorf("%s: file non leggibile: %w", name, err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, unreadable(fmt.Errorf("%s: file non leggibile: %w", name, err))
	}
	if int64(len(data)) > limit {
		return nil, unreadable(fmt.Errorf(pick(l, "%s: file troppo grande (oltre %d MB)", "%s: file too large (over %d MB)"), name, limit>>20))
	}
	return data, nil
}

// resolveCall takes a shipped call id or a path to a call schema file.
func resolveCall(arg string, l schema.Lang) (*schema.Call, error) {
	if !strings.HasSuffix(arg, ".json") {
		c, err := schema.Shipped(arg)
		if err != nil {
			return nil, unreadable(err)
		}
		return c, nil
	}
	data, err := readInput(arg, maxCallFile, l)
	if err != nil {
		return nil, err
	}
	c, err := schema.Load(data)
	var le *schema.LoadError
	if errors.As(err, &le) {
		return nil, unreadable(fmt.Errorf("%s: il bando non è valido:\n%s", arg, le.Format(l)))
	}
	return c, err
}
