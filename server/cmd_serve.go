package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"bando/app/ui"
	"bando/schema"
)

// version is set at build time (-ldflags "-X main.version=…"): the service worker compares it
// to tell applicants a new version is ready.
var version = "dev"

func runServe(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", ":8080", "address to listen on")
	var site siteFlags
	site.register(fs)
	if err := fs.Parse(args); err != nil {
		return usageErr("%v", err)
	}
	cat, l, err := site.open(ctx, stderr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           publishingHandler(version, site.web, site.domain, cat),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute, // the wasm on a slow office line
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return unreadable(fmt.Errorf("non riesco ad ascoltare su %s: %w", *addr, err))
	}
	cat.report(stdout, l)
	tprintf(stdout, "Bando %s in ascolto su http://%s\n", version, displayAddr(ln.Addr()))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), serveDrain)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil {
			return err
		}
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}

// siteFlags are what serve and static both publish: the built app, where it is published, the
// call files beside the shipped ones, the language of the messages.
type siteFlags struct{ web, domain, calls, lang string }

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.web, "web", "web", "folder with app.wasm and the static assets")
	fs.StringVar(&f.domain, "domain", "", "where the app is published, e.g. bandi.example.it: for the links of shared pages")
	fs.StringVar(&f.calls, "calls", "", "folder of call files to publish beside the shipped ones (each linted first; see docs/builder.md)")
	fs.StringVar(&f.lang, "lang", "it", "language of the messages: it or en")
}

// open checks the app is built and lints every call to publish: a refused one stops the
// command before anything is served or written, so nothing is ever half published.
func (f *siteFlags) open(ctx context.Context, stderr io.Writer) (*catalogue, schema.Lang, error) {
	if err := checkBuilt(f.web); err != nil {
		return nil, "", err
	}
	l := schema.ParseLang(f.lang)
	cat, err := newCatalogue(ctx, f.calls, l, stderr)
	if err != nil {
		return nil, "", err
	}
	ui.Routes()
	return cat, l, nil
}

// serveDrain is how long serve lets open requests finish after a signal.
const serveDrain = 5 * time.Second

// checkBuilt: the two wasm programs are in web. Without the signing worker the service worker
// could not cache the app for offline use (it caches every file or none).
func checkBuilt(web string) error {
	for _, name := range []string{"app.wasm", "worker.wasm", "builder.wasm"} {
		if _, err := os.Stat(filepath.Join(web, name)); err != nil {
			return unreadable(fmt.Errorf("%s/%s manca: costruiscilo con `make build` (o usa `make run`)", web, name))
		}
	}
	return nil
}

func displayAddr(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok && (t.IP.IsUnspecified() || t.IP == nil) {
		return fmt.Sprintf("localhost:%d", t.Port)
	}
	return a.String()
}
