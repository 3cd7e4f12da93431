package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The calls an app can open besides the shipped ones (schema.Shipped, embedded: the FAMI
// call takes input offline on a first visit as before):
//
//   - those the server publishes (bando serve --calls, server/catalogue.go): /calls/index.json
//     lists every call with its version and hash, /calls/ID.json is each file. The app reads
//     them at start only when the page's environment says there are some (EnvCatalogue), so a
//     server without them costs no request. A published call with a shipped call's id is a
//     newer version of it and takes its place. The service worker caches the index with the
//     app, and the page caches the files once the form takes input (cacheWorkerWasm); the
//     server's app version carries the catalogue's hash, so a call added or changed there is
//     an app update: the same "Reload" prompt, and drafts migrate as draft.Open says.
//   - those the applicant opened from a file ("Apri un bando da file", callfile.go): linted
//     and compiled here, kept in localStorage for offline use, and marked everywhere as not
//     coming from the site that serves the app.
const (
	// EnvCatalogue is the app environment variable (app.Getenv) holding the hash of the
	// index when the server publishes calls of its own; empty, the app has only the shipped
	// calls and asks for nothing.
	EnvCatalogue = "BANDO_CATALOGUE"
	// CatalogueIndex is where the list of calls is served.
	CatalogueIndex = "/calls/index.json"
	// CatalogueDir is the folder of the call files.
	CatalogueDir = "/calls/"
)

// Where a call comes from.
const (
	originShipped   = ""          // embedded in the app
	originPublished = "published" // from the server's catalogue
	originFile      = "file"      // opened from a file by the applicant
)

// extraCall is a call that is not shipped: its text (for the signing worker, which has only
// the shipped ones) and where it comes from.
type extraCall struct {
	call   *schema.Call
	src    []byte
	origin string
}

// callSet are the calls not shipped, by id. It belongs to the UI goroutine.
type callSet map[string]*extraCall

// catalogueEntry is one call of /calls/index.json (server/catalogue.go writes it).
type catalogueEntry struct {
	ID     string `json:"id"`
	Hash   string `json:"sha256"`
	URL    string `json:"url"`
	Origin string `json:"origin"`
}

// maxCatalogue bounds how many published calls the app reads, as the server does.
const maxCatalogue = 200

// loadExtraCalls reads the calls published by the server, when there are any, and those the
// applicant opened from files. Run it on a goroutine; what cannot be read is skipped, with
// the reasons returned for the start page (a published call that does not load, or whose
// hash is not the one the index gives, is not offered: the applicant must not fill a call
// that is not the one published).
func loadExtraCalls() (callSet, []string) {
	set := callSet{}
	var problems []string
	if app.Getenv(EnvCatalogue) != "" {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		problems = loadPublished(ctx, set)
	}
	for _, src := range storedCallFiles() {
		c, err := schema.Load(src)
		if err != nil || set[c.ID] != nil {
			continue // stored after the same checks; a site call of that id now wins
		}
		if _, err := schema.Shipped(c.ID); err == nil {
			continue
		}
		set[c.ID] = &extraCall{call: c, src: src, origin: originFile}
	}
	return set, problems
}

func loadPublished(ctx context.Context, set callSet) []string {
	data, err := fetchBytes(ctx, CatalogueIndex, 1<<20)
	if err != nil {
		return []string{CatalogueIndex + ": " + err.Error()}
	}
	var idx struct {
		Calls []catalogueEntry `json:"calls"`
	}
	if err := json.Unmarshal(data, &idx); err != nil {
		return []string{CatalogueIndex + ": " + err.Error()}
	}
	var problems []string
	for i, e := range idx.Calls {
		if i >= maxCatalogue {
			break
		}
		if e.Origin != "published" || !strings.HasPrefix(e.URL, CatalogueDir) {
			continue
		}
		src, err := fetchBytes(ctx, e.URL, schema.MaxCallSize)
		if err != nil {
			problems = append(problems, e.URL+": "+err.Error())
			continue
		}
		c, err := schema.Load(src)
		switch {
		case err != nil:
			problems = append(problems, e.URL+": "+err.Error())
		case c.ID != e.ID || c.Hash() != e.Hash:
			problems = append(problems, fmt.Sprintf("%s: %s ≠ %s", e.URL, schema.ShortHash(c.Hash()), schema.ShortHash(e.Hash)))
		default:
			set[c.ID] = &extraCall{call: c, src: src, origin: originPublished}
		}
	}
	return problems
}

// catalogueURLs are the published call files, for the page to cache for offline use.
func (cs callSet) catalogueURLs() []string {
	var urls []string
	for id, e := range cs {
		if e.origin == originPublished {
			urls = append(urls, CatalogueDir+id+".json")
		}
	}
	sort.Strings(urls)
	return urls
}

// lookupCall is the call with that id this app can open: published by the server or opened
// from a file, else shipped.
func (s *session) lookupCall(id string) (*schema.Call, error) {
	if e := s.calls[id]; e != nil {
		return e.call, nil
	}
	return schema.Shipped(id)
}

// origin says where the call with that id comes from.
func (s *session) origin(id string) string {
	if e := s.calls[id]; e != nil {
		return e.origin
	}
	return originShipped
}

// callSource is the text of a call that is not shipped, for the signing worker; nil for a
// shipped one, which the worker has.
func (s *session) callSource(c *schema.Call) []byte {
	if c == nil {
		return nil
	}
	if e := s.calls[c.ID]; e != nil && e.call == c {
		return e.src
	}
	return nil
}

// allCalls lists the calls of the start page: the shipped ones (or the newer version the
// server publishes in their place), then the others by id.
func (s *session) allCalls() []*schema.Call {
	var out []*schema.Call
	seen := map[string]bool{}
	for _, id := range schema.ShippedIDs() {
		if c, err := s.lookupCall(id); err == nil {
			out = append(out, c)
			seen[id] = true
		}
	}
	ids := make([]string, 0, len(s.calls))
	for id := range s.calls {
		if !seen[id] {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		out = append(out, s.calls[id].call)
	}
	return out
}

// fetchBytes gets url from this origin (through the service worker, so offline from its
// cache), refusing a body over limit bytes.
func fetchBytes(ctx context.Context, url string, limit int) ([]byte, error) {
	var p app.Value
	if err := jsTry(func() { p = app.Window().Call("fetch", url) }); err != nil {
		return nil, err
	}
	res, err := awaitPromise(ctx, p)
	if err != nil {
		return nil, err
	}
	if !res.Get("ok").Bool() {
		return nil, fmt.Errorf("HTTP %d", res.Get("status").Int())
	}
	if err := jsTry(func() { p = res.Call("arrayBuffer") }); err != nil {
		return nil, err
	}
	buf, err := awaitPromise(ctx, p)
	if err != nil {
		return nil, err
	}
	var data []byte
	err = jsTry(func() {
		arr := app.Window().Get("Uint8Array").New(buf)
		if arr.Length() > limit {
			return
		}
		data = make([]byte, arr.Length())
		app.CopyBytesToGo(data, arr)
	})
	if err == nil && data == nil {
		err = errors.New("too large")
	}
	return data, err
}

// fileCallBanner marks the pages of a call opened from a file: it does not come from the site
// that serves the app, and only its hash, compared with the one the authority gives, says it is
// the call published.
func fileCallBanner(c *schema.Call, l schema.Lang) app.UI {
	host := siteHost()
	return app.Div().ID("file-call-banner").Class("alert alert-warning file-call-banner").Attr("role", "note").Body(
		app.Strong().Text(tr(l, "callfile.banner", host)), app.Text(" "),
		app.Span().Text(tr(l, "callfile.banner.more")), app.Text(" "),
		app.Code().Class("call-hash").Title(c.Hash()).Text(c.Hash()),
	)
}

// callHashLine is the call's identity on its card: the short hash, and the whole one in a
// details element for whoever compares it with the one the authority gives.
func callHashLine(c *schema.Call, l schema.Lang) app.UI {
	h := c.Hash()
	if h == "" {
		return nil
	}
	return app.Details().Class("call-identity small").Body(
		app.Summary().Body(
			app.Text(tr(l, "call.hash")+" "),
			app.Code().Class("call-hash-short").Title(h).Text(schema.ShortHash(h)),
		),
		app.P().Class("mb-0").Body(
			app.Text(tr(l, "call.hash.full")+" "),
			app.Code().Class("call-hash-full text-break").Text(h),
		),
	)
}

// siteHost is the site serving the app ("bandi.example.it"), as the applicant sees it.
func siteHost() string {
	host := ""
	_ = jsTry(func() { host = app.Window().Get("location").Get("host").String() })
	if host == "" {
		host = "?"
	}
	return host
}

// publishedURLs are the call files the server publishes, for the page to cache; safe on any
// goroutine.
func (s *session) publishedURLs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.catalogueURLs
}
