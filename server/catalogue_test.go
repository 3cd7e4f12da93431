package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bando/app/ui"
	"bando/schema"
)

// famiAs is the shipped FAMI call (version 2) with another id and version: a call an office
// publishes.
func famiAs(t *testing.T, id string, version int) string {
	t.Helper()
	src, err := os.ReadFile(famiCall)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(src), `"id": "toscana-fami-2024"`, `"id": "`+id+`"`, 1)
	s = strings.Replace(s, `"version": 2,`, `"version": `+itoa(version)+`,`, 1)
	if version > 2 { // a newer version of the shipped call says how drafts of version 2 move
		s = strings.Replace(s, `"migrations": [`, `"migrations": [{"version": `+itoa(version)+`, "note": {"it": "Scadenza prorogata."}},`, 1)
	}
	return s
}

// callsDir writes files (name → content) into a new folder.
func callsDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readIndex(t *testing.T, data []byte) map[string]catalogueEntry {
	t.Helper()
	var idx catalogueIndexFile
	if err := json.Unmarshal(data, &idx); err != nil {
		t.Fatalf("index: %v\n%s", err, data)
	}
	if idx.Format != "bando-catalogue" {
		t.Fatalf("index format %q", idx.Format)
	}
	out := map[string]catalogueEntry{}
	for _, e := range idx.Calls {
		out[e.ID] = e
	}
	return out
}

// TestStaticPublishesCalls: `bando static --calls DIR` writes the catalogue beside the app,
// and the app learns of it (its version carries the catalogue's hash, its environment the
// hash the page reads, its service worker caches the index).
func TestStaticPublishesCalls(t *testing.T) {
	web, _ := testWebDir(t)
	text := famiAs(t, "prova-2026", 2)
	dir := callsDir(t, map[string]string{"prova.json": text, "LEGGIMI.txt": "not a call", ".bozza.json": "{"})
	out := filepath.Join(t.TempDir(), "dist")
	stdout, stderr, code := cli(t, "static", "--out", out, "--web", web, "--calls", dir)
	if code != 0 {
		t.Fatalf("static: exit %d\n%s%s", code, stdout, stderr)
	}
	want, _ := schema.CallHash([]byte(text))
	if !strings.Contains(stdout, "pubblicato /calls/prova-2026.json (versione 2, impronta "+want[:12]+")") {
		t.Errorf("the published call is not reported:\n%s", stdout)
	}
	idxData, err := os.ReadFile(filepath.Join(out, "calls", "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	idx := readIndex(t, idxData)
	e := idx["prova-2026"]
	if e.Hash != want || e.Origin != "published" || e.URL != "/calls/prova-2026.json" || e.Version != 2 || e.Title.IT == "" || e.Deadline == "" {
		t.Errorf("published entry: %+v", e)
	}
	fami, _ := schema.Shipped(schema.DefaultCallID)
	if s := idx[schema.DefaultCallID]; s.Origin != "shipped" || s.Hash != fami.Hash() || s.Version != fami.Version {
		t.Errorf("shipped entry: %+v", s)
	}
	if len(idx) != len(schema.ShippedIDs())+1 {
		t.Errorf("index lists %d calls", len(idx))
	}
	got, _ := os.ReadFile(filepath.Join(out, "calls", "prova-2026.json"))
	if string(got) != text {
		t.Error("the call file is not published as written")
	}
	appJS, _ := os.ReadFile(filepath.Join(out, "app.js"))
	catHash, _ := schema.CallHash(idxData)
	if !strings.Contains(string(appJS), ui.EnvCatalogue) || !strings.Contains(string(appJS), catHash) || !strings.Contains(string(appJS), "-calls-"+catHash[:12]) {
		t.Errorf("app.js does not carry the catalogue")
	}
	worker, _ := os.ReadFile(filepath.Join(out, "app-worker.js"))
	if !strings.Contains(string(worker), ui.CatalogueIndex) {
		t.Error("the service worker does not cache the index")
	}
}

// TestPublishRefuses: a folder with any call that does not lint, or that clashes, is refused
// whole, with the report, in Italian or English, and nothing is written.
func TestPublishRefuses(t *testing.T) {
	web, _ := testWebDir(t)
	good := famiAs(t, "prova-2026", 2)
	broken := strings.Replace(good, `"when": "bollo == \"assolta\""`, `"when": "bolo == \"assolta\""`, 1)
	brokenLine := strings.Count(broken[:strings.Index(broken, `bolo ==`)], "\n") + 1
	cases := []struct {
		name  string
		files map[string]string
		args  []string
		code  int
		want  []string
	}{
		{"lint problem", map[string]string{"a.json": good, "rotto.json": broken}, nil, 1,
			[]string{"rotto.json:" + itoa(brokenLine) + ":", `forse "bollo"`, "Nessun bando pubblicato"}},
		{"lint problem in English", map[string]string{"rotto.json": broken}, []string{"--lang", "en"}, 1,
			[]string{`did you mean "bollo"`, "No call published"}},
		{"bad JSON", map[string]string{"a.json": `{"id": "x",`}, nil, 1, []string{"a.json:1:", "JSON non valido"}},
		{"not an object", map[string]string{"a.json": `[1, 2]`}, nil, 1, []string{"a.json:1:1:", "oggetto JSON"}},
		{"deep nesting", map[string]string{"a.json": strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000)}, nil, 1, []string{"a.json:1:", "200"}},
		{"10 MB", map[string]string{"a.json": `{"id":"` + strings.Repeat("x", 10<<20) + `"}`}, nil, 1, []string{"a.json: file troppo grande per un bando"}},
		{"10 MB in English", map[string]string{"a.json": `{"id":"` + strings.Repeat("x", 10<<20) + `"}`}, []string{"--lang", "en"}, 1, []string{"a.json: file too large for a call"}},
		{"same id twice", map[string]string{"a.json": good, "b.json": famiAs(t, "prova-2026", 3)}, nil, 1, []string{"b.json: stesso id \"prova-2026\"", "a.json"}},
		{"shipped id, same version", map[string]string{"a.json": strings.Replace(famiAs(t, "toscana-fami-2024", 2), `"it": "`, `"it": "Copia: `, 1)}, nil, 1,
			[]string{"è già distribuito con l'app, alla versione 2", "pubblica la versione 3"}},
		{"shipped id, older version", map[string]string{"a.json": string(mustRead(t, "../schema/testdata/toscana-fami-2024.v1.json"))}, []string{"--lang", "en"}, 1,
			[]string{"is shipped with the app at version 2", "publish version 3"}},
		{"reserved id", map[string]string{"a.json": famiAs(t, "index", 2)}, nil, 1, []string{"riservato"}},
		{"empty folder", map[string]string{"x.txt": "no"}, nil, 2, []string{"nessun file di bando"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := callsDir(t, tc.files)
			out := filepath.Join(t.TempDir(), "dist")
			stdout, stderr, code := cli(t, append([]string{"static", "--out", out, "--web", web, "--calls", dir}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, stdout, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stdout+stderr, w) {
					t.Errorf("output lacks %q:\n%.2000s", w, stdout+stderr)
				}
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("something was written to %s (%v)", out, err)
			}
		})
	}
	t.Run("not a folder", func(t *testing.T) {
		_, stderr, code := cli(t, "static", "--out", t.TempDir(), "--web", web, "--calls", "nope")
		if code != 2 || !strings.Contains(stderr, "cartella non leggibile") {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	})
}

// TestPublishNewerShippedCall: a newer version of a shipped call replaces it (a correction
// published without a rebuild); an identical copy is accepted and publishes nothing.
func TestPublishNewerShippedCall(t *testing.T) {
	newer := famiAs(t, "toscana-fami-2024", 3)
	cat, err := newCatalogue(context.Background(), callsDir(t, map[string]string{"fami.json": newer}), schema.IT, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	e := readIndex(t, cat.index)[schema.DefaultCallID]
	want, _ := schema.CallHash([]byte(newer))
	if e.Version != 3 || e.Origin != "published" || e.Hash != want || string(cat.files[e.URL]) != newer {
		t.Fatalf("entry %+v", e)
	}

	src, _ := schema.ShippedSource(schema.DefaultCallID)
	var note bytes.Buffer
	cat, err = newCatalogue(context.Background(), callsDir(t, map[string]string{"fami.json": string(src)}), schema.IT, &note)
	if err != nil {
		t.Fatal(err)
	}
	if cat.hash != "" || len(cat.published) != 0 || !strings.Contains(note.String(), "identico") {
		t.Fatalf("an identical copy was published (%q): %s", cat.hash, note.String())
	}
}

// TestCatalogueHandler: the server answers the catalogue with an ETag (the hash) and
// revalidation, and its app version and environment change with the calls published.
func TestCatalogueHandler(t *testing.T) {
	web, _ := testWebDir(t)
	one := famiAs(t, "prova-2026", 2)
	cat, err := newCatalogue(context.Background(), callsDir(t, map[string]string{"p.json": one}), schema.IT, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(publishingHandler("test", web, "", cat))
	defer srv.Close()
	get := func(path, etag string) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res, body
	}
	res, body := get("/calls/prova-2026.json", "")
	if res.StatusCode != 200 || string(body) != one || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") || res.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("call file: %d %v", res.StatusCode, res.Header)
	}
	if res, _ := get("/calls/prova-2026.json", res.Header.Get("ETag")); res.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %d", res.StatusCode)
	}
	res, body = get("/calls/index.json", "")
	if res.StatusCode != 200 || readIndex(t, body)["prova-2026"].Origin != "published" {
		t.Fatalf("index: %d %s", res.StatusCode, body)
	}
	for _, p := range []string{"/calls/nope.json", "/calls/", "/calls/../calls/index.json.bak"} {
		if res, _ := get(p, ""); res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d", p, res.StatusCode)
		}
	}
	if res, body := get("/calls/toscana-fami-2024.json", ""); res.StatusCode != 200 || !strings.Contains(string(body), `"toscana-fami-2024"`) {
		t.Errorf("shipped call file: %d", res.StatusCode)
	}
	_, appJS := get("/app.js", "")
	if !strings.Contains(string(appJS), cat.hash) {
		t.Error("app.js lacks the catalogue's hash")
	}

	// Another version of the call on the server: another app version, so the service worker
	// installs again and the page offers the update. Without published calls: none of it.
	two := famiAs(t, "prova-2026", 3)
	cat2, err := newCatalogue(context.Background(), callsDir(t, map[string]string{"p.json": two}), schema.IT, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	h1, h2 := newHandler("test", web, ""), newHandler("test", web, "")
	cat.configure(h1)
	cat2.configure(h2)
	if h1.Version == h2.Version || !strings.HasPrefix(h1.Version, "test-calls-") {
		t.Errorf("versions %q and %q", h1.Version, h2.Version)
	}
	none, err := newCatalogue(context.Background(), "", schema.IT, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	h0 := newHandler("test", web, "")
	none.configure(h0)
	if h0.Version != "test" || h0.Env[ui.EnvCatalogue] != "" || len(h0.CacheableResources) != len(newHandler("test", web, "").CacheableResources) {
		t.Errorf("without published calls the app changed: %q %v", h0.Version, h0.Env)
	}
}

// TestCallIdentityReported: validate and verify say which call they judged by, with its
// hash, in text and JSON; a draft filled on another copy of the same call version is flagged.
func TestCallIdentityReported(t *testing.T) {
	fami, _ := schema.Shipped(schema.DefaultCallID)
	h := fami.Hash()
	out, _, code := cli(t, "validate", famiComplete)
	if code != 0 || !strings.Contains(out, "Bando: toscana-fami-2024, versione 2, impronta SHA-256 "+h) {
		t.Fatalf("validate: %d\n%s", code, out)
	}
	out, _, _ = cli(t, "validate", "--lang", "en", famiComplete)
	if !strings.Contains(out, "Call: toscana-fami-2024, version 2, SHA-256 "+h) {
		t.Fatalf("validate in English:\n%s", out)
	}
	out, _, _ = cli(t, "validate", "--json", famiComplete)
	var v struct {
		Identity callIdentity `json:"callIdentity"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil || v.Identity != (callIdentity{"toscana-fami-2024", 2, h}) {
		t.Fatalf("validate --json: %v %+v", err, v.Identity)
	}
	out, _, _ = cli(t, "lint", famiCall)
	if !strings.Contains(out, "impronta SHA-256 "+h) {
		t.Errorf("lint: %s", out)
	}
	out, _, _ = cli(t, "calls")
	if !strings.Contains(out, schema.ShortHash(h)) {
		t.Errorf("calls: %s", out)
	}

	// The same draft, recorded as filled on an altered copy of version 2.
	data, _ := os.ReadFile(famiComplete)
	var d map[string]any
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	d["callHash"] = strings.Repeat("ab", 32)
	altered, _ := json.Marshal(d)
	p := writeTemp(t, "altered.bando.json", string(altered))
	_, stderr, _ := cli(t, "validate", p)
	if !strings.Contains(stderr, "impronta ababababab") || !strings.Contains(stderr, "è stata modificata") {
		t.Errorf("no warning for a draft of an altered call:\n%s", stderr)
	}
	_, stderr, _ = cli(t, "validate", "--lang", "en", p)
	if !strings.Contains(stderr, "was altered") {
		t.Errorf("no warning in English:\n%s", stderr)
	}
}
