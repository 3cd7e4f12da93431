package main

import (
	"context"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"

	"bando/app/ui"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// appHandler is everything the server answers for the app: security headers and the only
// methods allowed (secure), the wasm programs precompressed at build time (precompressed), the
// text responses compressed once and kept (compressText), the call editor's page and loader
// (builderPages), and go-app's handler.
func appHandler(version, webDir, domain string) http.Handler {
	return publishingHandler(version, webDir, domain, nil)
}

// publishingHandler is appHandler publishing the calls of cat under /calls/ (catalogue.go);
// with nil, the shipped calls only.
func publishingHandler(version, webDir, domain string, cat *catalogue) http.Handler {
	if cat == nil {
		var err error
		if cat, err = newCatalogue(context.Background(), "", schema.IT, io.Discard); err != nil {
			panic(err) // a shipped call that does not load: TestShippedCallsLoad fails first
		}
	}
	h := newHandler(version, webDir, domain)
	cat.configure(h)
	mux := http.NewServeMux()
	mux.Handle(catalogueDir, cat)
	mux.Handle("/", builderPages{next: h})
	return secure(&precompressed{dir: webDir, next: compressed(mux)})
}

// newHandler configures go-app's handler: the page shell, the PWA manifest and the service
// worker. Every asset is self-hosted under /web/ (no CDN, no Google Fonts: offices go offline
// and the app must make no third-party request). version changes with every build, so the
// service worker notices a deployment; with an empty version every restart would look like one.
//
// domain is where the app is published (e.g. bandi.regione.toscana.it), for the links that
// pages give when shared (og:url, og:image); without it go-app writes a bare "https://".
func newHandler(version, webDir, domain string) *app.Handler {
	return &app.Handler{
		Name:            "Bando",
		ShortName:       "Bando",
		Title:           "Bando — domande per i bandi pubblici",
		Description:     "Compila, controlla e prepara per la firma la domanda di partecipazione a un bando, anche senza connessione.",
		Lang:            "it",
		Author:          "Bando",
		BackgroundColor: "#ffffff",
		ThemeColor:      "#0066cc",
		LoadingLabel:    "Caricamento di Bando… {progress}%",
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			SVG:      "/web/icon.svg",
			Maskable: "/web/icon-512.png",
		},
		Styles:     styles,
		Fonts:      preloadFonts,
		RawHeaders: earlyHeaders,
		// The start page only: the other pages are cached once the form takes input (ui.CachedLater).
		CacheableResources: append([]string{ui.PathHome, "/web/icon.svg", "/web/early.js"}, signingWorker...),
		Version:            version,
		Domain:             domain,
		Image:              "/web/icon-512.png",
		Resources:          webDirResolver(webDir),
	}
}

// The look: Bootstrap Italia 2.18.3 and Titillium Web, vendored under web/ by
// scripts/vendor-bootstrap-italia.sh (licences beside the files) and cut by scripts/purgecss to
// the rules the app's markup can use (76 KB of brotli less on a first visit), then our own rules.
var styles = []string{
	"/web/fonts/titillium-web.css",
	"/web/bootstrap-italia/css/bootstrap-italia.bando.css", // scripts/purgecss: what the markup uses
	"/web/bando.css",
}

// preloadFonts are the weights on every page, fetched early; the service worker keeps them for
// offline use. The italic face is cached later, once the form takes input
// (ui.CachedLater): not a byte of the first visit goes to it. The faces' "latin" halves are
// preloaded; their "latin-ext" halves serve only Central European letters
// (web/fonts/titillium-web.css) and are cached later too. crossorigin: font requests are
// CORS requests, and a preload without it would be fetched twice.
var preloadFonts = []string{
	"/web/fonts/titillium-web/titillium-web-v10-latin-regular.woff2 crossorigin=anonymous",
	"/web/fonts/titillium-web/titillium-web-v10-latin-600.woff2 crossorigin=anonymous", // 600 and 700
}

// earlyHeaders name the page's program and load web/early.js, which puts the form on screen
// and lets it take input while the program is compiled and started (docs/early-form.md). The
// script is not deferred: it must listen before the body is parsed, to swap in the page it
// keeps before the first paint.
//
// early.js also preloads the program named here, when no service worker controls the page (a
// first visit): its download then starts while the page's head is read, instead of once
// app.js has run, and the compile, which streams with the download, starts earlier. It is not
// a <link rel="preload"> in the page itself: the service worker keeps the page, and a page
// from its cache preloaded the 11 MB from the cache too, which Chromium takes in on the page's
// thread, ~0.2 s of it on a reload, before the early form's first frame (a trace of the
// offline reload of 40 members, 2026-12-04). The loader's own fetch hands the bytes to the
// compiler without that.
var earlyHeaders = []string{`<meta name="` + programMeta + `" content="/web/app.wasm">`, `<script src="/web/early.js"></script>`}

// programMeta names the meta element that gives the page's program (builderPages changes it
// for the staff pages).
const programMeta = "bando-program"

// signingWorker is the bootstrap of the second wasm program (wasm/worker: the PDF engine and
// the signed-file checks, kept out of app.wasm), cached with the app for offline use. The
// worker's wasm itself (2.0 MB in brotli) is not listed: the service worker would fetch it at
// install, during the first visit and alongside app.wasm, doubling the first download. The
// page puts it in the same versioned cache once the form takes input (ui.CachedLater), and
// starts the worker only when the applicant reaches the review.
var signingWorker = []string{"/web/worker.js"}

// webDirResolver serves /web/* from dir (the built Wasm and the vendored assets).
func webDirResolver(dir string) app.ResourceResolver {
	return &localWeb{dir: strings.TrimRight(dir, "/")}
}

type localWeb struct {
	dir string
}

// Resolve keeps /web/ URLs as they are: the server answers them itself.
func (l *localWeb) Resolve(location string) string { return location }

// ServeHTTP serves one file of dir, streamed from the disk (with Range and conditional
// requests). Nothing else: no directory listings, no hidden files (.git, .env, an editor's
// backup), nothing a symbolic link leads to outside dir; each is a plain 404.
func (l *localWeb) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, err := openWebFile(l.dir, strings.TrimPrefix(r.URL.Path, "/web/"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	fi, _ := f.Stat()
	http.ServeContent(w, r, fi.Name(), fi.ModTime(), f)
}

// openWebFile opens the regular file name (slash-separated, relative) inside dir, refusing
// hidden names and, through os.Root, any path or link that leads outside dir. serve and static
// use it alike.
func openWebFile(dir, name string) (*os.File, error) {
	name = path.Clean("/" + name)[1:]
	if name == "" || hiddenPath(name) {
		return nil, fs.ErrNotExist
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, fs.ErrNotExist
	}
	return f, nil
}

// hiddenPath reports whether a slash-separated path has a part starting with a dot.
func hiddenPath(name string) bool {
	for part := range strings.SplitSeq(name, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}
