package main

// The catalogue: the calls a server publishes, those shipped with the app and those of
// `--calls DIR`, so that an office publishes a call with one command and no Go toolchain.
// The app reads it at run time from /calls/index.json and /calls/ID.json (app/ui/catalogue.go);
// static writes the same files. The rules for a call of DIR are in docs/builder.md:
//
//   - every file ending in .json in DIR (not in its subfolders; hidden files are skipped) is
//     a call, and is linted as `bando lint` does: one with problems is refused with its report,
//     and then nothing is published (the command fails, exit 1);
//   - two files of DIR with the same id are refused;
//   - a call with the id of a shipped call replaces it only with a higher version (a
//     correction published without a rebuild: drafts migrate as after an app update); an
//     equal or lower version is refused, but an identical copy is accepted as a no-op.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"bando/app/ui"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Bounds of a folder of calls: the file size is the schema's own (schema.MaxCallSize);
// maxPublished bounds how many, so a wrong folder (a home directory) is refused fast.
const maxPublished = 200

// Paths the catalogue is served at.
const (
	catalogueDir   = ui.CatalogueDir
	catalogueIndex = ui.CatalogueIndex
)

// catalogueEntry is one call of /calls/index.json. The format is documented in docs/builder.md.
type catalogueEntry struct {
	ID        string      `json:"id"`
	Version   int         `json:"version"`
	Title     schema.Text `json:"title"`
	Authority schema.Text `json:"authority"`
	Deadline  string      `json:"deadline"`
	Hash      string      `json:"sha256"`
	URL       string      `json:"url"`
	// Origin is "shipped" (in the app) or "published" (from --calls: the app fetches it).
	Origin string `json:"origin"`
}

// catalogueIndexFile is /calls/index.json.
type catalogueIndexFile struct {
	Format string           `json:"format"`
	Calls  []catalogueEntry `json:"calls"`
}

// catalogue is what a server publishes under /calls/.
type catalogue struct {
	index     []byte            // /calls/index.json
	files     map[string][]byte // by path, "/calls/ID.json": the file as its author wrote it
	hashes    map[string]string // by path: the call's hash, the file's ETag
	published []string          // the paths of the calls from --calls, for the app to cache
	hash      string            // of the index: changes when any call does
}

// newCatalogue lists the shipped calls and those of dir ("" for none). It returns an error
// carrying every problem of every refused file: nothing is published when one is refused.
func newCatalogue(ctx context.Context, dir string, l schema.Lang, stderr io.Writer) (*catalogue, error) {
	calls := map[string]*schema.Call{}
	files := map[string][]byte{}
	origin := map[string]string{}
	for _, id := range schema.ShippedIDs() {
		c, err := schema.Shipped(id)
		if err != nil {
			return nil, err
		}
		src, err := schema.ShippedSource(id)
		if err != nil {
			return nil, err
		}
		calls[id], files[id], origin[id] = c, src, "shipped"
	}
	if dir != "" {
		pub, err := readPublished(ctx, dir, l, stderr)
		if err != nil {
			return nil, err
		}
		var refused []string
		from := map[string]string{}
		for _, p := range pub {
			c := p.call
			switch prev, ok := calls[c.ID]; {
			case c.ID == "index":
				refused = append(refused, fmt.Sprintf(pick(l, "%s: l'id \"index\" è riservato all'elenco dei bandi", "%s: the id \"index\" is reserved for the list of calls"), p.name))
				continue
			case ok && origin[c.ID] == "published":
				refused = append(refused, fmt.Sprintf(pick(l, "%s: stesso id %q di %s: ogni bando pubblicato deve avere il suo id", "%s: same id %q as %s: each published call needs its own id"), p.name, c.ID, from[c.ID]))
				continue
			case ok && prev.Hash() == c.Hash():
				tprintf(stderr, pick(l, "%s: identico al bando %q distribuito con l'app: nulla da pubblicare\n", "%s: identical to the call %q shipped with the app: nothing to publish\n"), p.name, c.ID)
				continue
			case ok && c.Version <= prev.Version:
				refused = append(refused, fmt.Sprintf(pick(l,
					"%s: il bando %q è già distribuito con l'app, alla versione %d: per correggerlo pubblica la versione %d (con le migrazioni delle risposte), per un altro bando usa un altro id",
					"%s: the call %q is shipped with the app at version %d: to correct it publish version %d (with the migrations of the answers); for another call use another id"),
					p.name, c.ID, prev.Version, prev.Version+1))
				continue
			case ok:
				tprintf(stderr, pick(l, "%s: versione %d del bando %q: sostituisce la versione %d distribuita con l'app\n", "%s: version %d of the call %q: replaces version %d shipped with the app\n"), p.name, c.Version, c.ID, prev.Version)
			}
			calls[c.ID], files[c.ID], origin[c.ID], from[c.ID] = c, p.data, "published", p.name
		}
		if len(refused) > 0 {
			return nil, &exitError{1, errors.New(strings.Join(refused, "\n") + "\n" + nothingPublished(l))}
		}
	}
	cat := &catalogue{files: map[string][]byte{}, hashes: map[string]string{}}
	idx := catalogueIndexFile{Format: "bando-catalogue", Calls: []catalogueEntry{}}
	ids := make([]string, 0, len(calls))
	for id := range calls {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		c := calls[id]
		p := catalogueDir + id + ".json"
		authority := c.Authority.Name
		idx.Calls = append(idx.Calls, catalogueEntry{
			ID: id, Version: c.Version, Title: c.Title, Authority: authority,
			Deadline: c.Submission.Deadline, Hash: c.Hash(), URL: p, Origin: origin[id],
		})
		cat.files[p], cat.hashes[p] = files[id], c.Hash()
		if origin[id] == "published" {
			cat.published = append(cat.published, p)
		}
	}
	var err error
	if cat.index, err = json.MarshalIndent(idx, "", " "); err != nil {
		return nil, err
	}
	if len(cat.published) > 0 {
		h, err := schema.CallHash(cat.index)
		if err != nil {
			return nil, err
		}
		cat.hash = h
	}
	return cat, nil
}

func nothingPublished(l schema.Lang) string {
	return pick(l, "Nessun bando pubblicato: correggi i file indicati e riprova.", "No call published: fix the files named above and try again.")
}

// published is one call file of --calls DIR that lints clean.
type published struct {
	name string // as given: DIR/file.json
	data []byte
	call *schema.Call
}

// readPublished reads and lints every call file of dir. Every refused file is reported, each
// problem on its own line as `bando lint` prints it, and then the command fails.
func readPublished(ctx context.Context, dir string, l schema.Lang, stderr io.Writer) ([]published, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, unreadable(fmt.Errorf(pick(l, "--calls %s: cartella non leggibile: %v", "--calls %s: folder not readable: %v"), dir, err))
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, ".") || !strings.HasSuffix(n, ".json") || e.IsDir() {
			continue
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return nil, unreadable(fmt.Errorf(pick(l, "--calls %s: nessun file di bando (.json) nella cartella", "--calls %s: no call file (.json) in the folder"), dir))
	}
	if len(names) > maxPublished {
		return nil, unreadable(fmt.Errorf(pick(l, "--calls %s: %d file di bando, al massimo %d", "--calls %s: %d call files, at most %d"), dir, len(names), maxPublished))
	}
	var out []published
	var report []string
	for _, n := range names {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		name := filepath.Join(dir, n)
		data, err := readCallFile(dir, n, l)
		if err != nil {
			report = append(report, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		c, err := schema.Load(data)
		var le *schema.LoadError
		switch {
		case errors.As(err, &le):
			for _, p := range le.Problems {
				report = append(report, name+":"+p.Format(l))
			}
			if more := le.Omitted(l); more != "" {
				report = append(report, name+": "+more)
			}
			continue
		case err != nil:
			report = append(report, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		out = append(out, published{name: name, data: data, call: c})
	}
	if len(report) > 0 {
		return nil, &exitError{1, errors.New(strings.Join(report, "\n") + "\n" + nothingPublished(l))}
	}
	return out, nil
}

// readCallFile reads the call file name of dir, refusing one larger than a call may be after
// reading one byte more, and anything a link leads to outside dir.
func readCallFile(dir, name string, l schema.Lang) ([]byte, error) {
	f, err := openWebFile(dir, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errors.New(pick(l, "non è un file della cartella (un collegamento che porta fuori?)", "not a file of the folder (a link leading out of it?)"))
		}
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, schema.MaxCallSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > schema.MaxCallSize {
		return nil, fmt.Errorf(pick(l, "file troppo grande per un bando (oltre %d MB)", "file too large for a call (over %d MB)"), schema.MaxCallSize>>20)
	}
	return data, nil
}

// ServeHTTP answers /calls/index.json and /calls/ID.json from memory. The ETag is the hash:
// a browser revalidates (no-cache) and gets a body only when the call changed.
func (c *catalogue) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := path.Clean(r.URL.Path)
	var body []byte
	var etag string
	if p == catalogueIndex {
		body, etag = c.index, c.hash
		if etag == "" {
			h, _ := schema.CallHash(c.index)
			etag = h
		}
	} else {
		body, etag = c.files[p], c.hashes[p]
	}
	if body == nil {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", `"`+etag+`"`)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// write puts the catalogue's files under out/calls/, for the static site.
func (c *catalogue) write(out string) error {
	dir := filepath.Join(out, "calls")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "index.json"), c.index, 0o644); err != nil {
		return err
	}
	for p, data := range c.files {
		if err := os.WriteFile(filepath.Join(dir, path.Base(p)), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// configure tells the app about the published calls. With none, the handler is left as it
// is: no byte more on a first visit. With some, the app's version carries the catalogue's
// hash, so that a call added or changed on the server is a new version of the app: the
// service worker caches the new catalogue and the page offers to reload, as after an app
// update, and drafts then migrate to the new call version. The index is cached with the
// app; the page caches the published call files once the form takes input (ui.CachedLater).
func (c *catalogue) configure(h *app.Handler) {
	if c.hash == "" {
		return
	}
	h.Version += "-calls-" + schema.ShortHash(c.hash)
	if h.Env == nil {
		h.Env = map[string]string{}
	}
	h.Env[ui.EnvCatalogue] = c.hash
	h.CacheableResources = append(h.CacheableResources, catalogueIndex)
}

// report lists the published calls, one a line, with their short hash.
func (c *catalogue) report(w io.Writer, l schema.Lang) {
	if len(c.published) == 0 {
		return
	}
	var idx catalogueIndexFile
	if json.Unmarshal(c.index, &idx) != nil {
		return
	}
	for _, e := range idx.Calls {
		if e.Origin == "published" {
			tprintf(w, pick(l, "pubblicato %s (versione %d, impronta %s): %s\n", "published %s (version %d, hash %s): %s\n"), e.URL, e.Version, schema.ShortHash(e.Hash), e.Title.In(l))
		}
	}
}
