package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"bando/schema"
)

// callSource is where the commands that read a draft find its call: --call, an id or a call
// file; --calls, the folder of calls a server publishes (bando serve --calls DIR), read as
// serve reads it (newCatalogue: each file linted, a newer version replacing a shipped call).
// Without either, the draft's own call among the shipped ones.
type callSource struct {
	call  string
	calls string
}

// callFlags defines --call and --calls on fs.
func callFlags(fs *flag.FlagSet) *callSource {
	s := &callSource{}
	fs.StringVar(&s.call, "call", "", "call id or call schema file; default: the draft's own call")
	fs.StringVar(&s.calls, "calls", "", "folder of the calls published with `bando serve --calls DIR`, for drafts made on one of them")
	return s
}

// resolve finds the call named id (or the file --call names).
func (s *callSource) resolve(ctx context.Context, id string, l schema.Lang, stderr io.Writer) (*schema.Call, error) {
	if s.call != "" {
		id = s.call
	}
	if strings.HasSuffix(id, ".json") {
		return resolveCall(id, l)
	}
	if s.calls == "" {
		if c, err := schema.Shipped(id); err == nil {
			return c, nil
		}
		return nil, unreadable(fmt.Errorf(pick(l,
			"il bando %q non è tra quelli distribuiti con l'app (%s): se è pubblicato con `bando serve --calls DIR`, indica la stessa cartella con --calls DIR, oppure il file del bando con --call FILE.json",
			"the call %q is not one shipped with the app (%s): if it is published with `bando serve --calls DIR`, give the same folder with --calls DIR, or the call's file with --call FILE.json"),
			id, strings.Join(schema.ShippedIDs(), ", ")))
	}
	cat, err := newCatalogue(ctx, s.calls, l, stderr)
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			return nil, unreadable(ee.err)
		}
		return nil, err
	}
	data, ok := cat.files[catalogueDir+id+".json"]
	if !ok {
		return nil, unreadable(fmt.Errorf(pick(l,
			"il bando %q non è né tra quelli distribuiti con l'app né in --calls %s: indica il file del bando con --call FILE.json",
			"the call %q is neither shipped with the app nor in --calls %s: give the call's file with --call FILE.json"),
			id, s.calls))
	}
	return schema.Load(data) // linted clean by newCatalogue
}
