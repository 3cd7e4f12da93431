package main

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"bando/app/ui"
)

// The call editor and the helpdesk are their own wasm program, the staff program
// (wasm/builder, web/builder.wasm), so that applicants never download them. go-app serves one
// program per handler: every page loads /app.js, which loads /web/app.wasm. builderPages
// answers the staff program's URLs from go-app's own answers, changed in one place each:
//
//   - /builder and /helpdesk: go-app's page of that route, loading ui.BuilderScript instead of
//     /app.js (and naming ui.BuilderWasm as the program to preload instead of app.wasm:
//     earlyHeaders);
//   - ui.BuilderScript: go-app's /app.js, loading ui.BuilderWasm instead of /web/app.wasm;
//   - /app.js itself loads ui.BuilderWasm in a tab that keeps a support bundle open in helpdesk
//     mode (sessionStorage, app/ui/helpdesk.go), so that reloading any page of the mode (a
//     step, the review) stays in it; in every other tab, /web/app.wasm as before.
//
// Everything else (the service worker, the manifest, the version, the update prompt) is the
// app's. `bando static` writes the same files (writeBuilderFiles).
type builderPages struct{ next http.Handler }

// staffPage are the edits that make a page of go-app load the staff program.
var staffPage = []textEdit{
	{old: `src="/app.js"`, new: `src="` + ui.BuilderScript + `"`},
	{old: `content="/web/app.wasm"`, new: `content="` + ui.BuilderWasm + `"`, optional: true},
}

// helpdeskSwitch is the program /app.js loads: the staff program while this tab is in helpdesk
// mode. sessionStorage may be refused (a throw): then it is the applicant's.
const helpdeskSwitch = `((w) => { try { return sessionStorage.getItem("` + ui.KeyHelpdesk + `") ? "` + ui.BuilderWasm + `" : w } catch (e) { return w } })("/web/app.wasm")`

// builderEdit is, for each of the staff program's URLs, the go-app URL it is made from and the
// changes made to it: every staff page (ui.StaffPaths) is go-app's page of its route with
// staffPage's edits.
var builderEdits = func() map[string]builderEdit {
	m := map[string]builderEdit{
		// the loader's edits first: the URL's edit changes the text they look for
		ui.BuilderScript: {"/app.js", slices.Concat(wasmLoaderEdits, []textEdit{{old: `"/web/app.wasm"`, new: `"` + ui.BuilderWasm + `"`}, dropComments})},
		"/app.js":        {"/app.js", slices.Concat(wasmLoaderEdits, []textEdit{{old: `"/web/app.wasm"`, new: helpdeskSwitch}, dropComments})},
		"/wasm_exec.js":  {"/wasm_exec.js", []textEdit{dropComments}},
	}
	for _, p := range ui.StaffPaths() {
		m[p] = builderEdit{p, staffPage}
	}
	return m
}()

// builderEdit is the go-app URL a staff URL is made from and the changes made to it.
type builderEdit struct {
	from  string
	edits []textEdit
}

// textEdit replaces old by new; old must be there once, or, when optional, at most once.
// With comments, it drops the lines that hold only a comment instead.
type textEdit struct {
	old, new string
	optional bool
	comments bool
}

// dropComments drops the comment lines of go-app's app.js and Go's wasm_exec.js: ~1.5 KB of a
// first visit's bytes on the wire, where every KB counts (2.0 MB until the form takes input).
// Neither script has a line starting with // inside a string.
var dropComments = textEdit{comments: true}

// apply makes every edit of edits to body.
func apply(body []byte, edits []textEdit) ([]byte, error) {
	for _, e := range edits {
		if e.comments {
			body = withoutCommentLines(body)
			continue
		}
		if e.optional && !bytes.Contains(body, []byte(e.old)) {
			continue
		}
		var err error
		if body, err = editOnce(body, e.old, e.new); err != nil {
			return nil, err
		}
	}
	return body, nil
}

func (b builderPages) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e, ok := builderEdits[r.URL.Path]
	if !ok {
		b.next.ServeHTTP(w, r)
		return
	}
	r2 := r.Clone(r.Context())
	r2.URL.Path = e.from
	rec := &bufferedResponse{header: http.Header{}}
	b.next.ServeHTTP(rec, r2)
	body := rec.body.Bytes()
	if rec.status == 0 || rec.status == http.StatusOK {
		edited, err := apply(body, e.edits)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		body = edited
		rec.header.Set("Content-Length", strconv.Itoa(len(body)))
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	if rec.status != 0 {
		w.WriteHeader(rec.status)
	}
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// withoutCommentLines is body without the lines whose text starts with //.
func withoutCommentLines(body []byte) []byte {
	out := make([]byte, 0, len(body))
	for line := range bytes.Lines(body) {
		if !bytes.HasPrefix(bytes.TrimSpace(line), []byte("//")) {
			out = append(out, line...)
		}
	}
	return out
}

// editOnce replaces old by new in body, which must hold old exactly once: a go-app that no
// longer writes it so fails here (and in TestBuilderPages) instead of serving the applicant's
// program as the editor.
func editOnce(body []byte, old, new string) ([]byte, error) {
	if n := bytes.Count(body, []byte(old)); n != 1 {
		return nil, fmt.Errorf("builder page: %q found %d times in go-app's answer, want once", old, n)
	}
	return bytes.Replace(body, []byte(old), []byte(new), 1), nil
}

// bufferedResponse keeps a response whole (a page or a script: a few KB).
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }
func (b *bufferedResponse) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }

// writeBuilderFiles makes the staff program's pages and script of a static site out of the
// app's, written by go-app's GenerateStaticWebsite in out: one page per staff path
// (builder.html, helpdesk.html, …) and builder.js; then app.js picks the staff program in
// helpdesk mode. In this order: builder.js is made from go-app's app.js.
func writeBuilderFiles(out string) error {
	type file struct{ file, from, url string }
	var files []file
	for _, p := range ui.StaffPaths() {
		name := strings.TrimPrefix(p, "/") + ".html"
		files = append(files, file{name, name, p})
	}
	for _, f := range append(files, file{"builder.js", "app.js", ui.BuilderScript}, file{"app.js", "app.js", "/app.js"}, file{"wasm_exec.js", "wasm_exec.js", "/wasm_exec.js"}) {
		data, err := os.ReadFile(filepath.Join(out, f.from))
		if err != nil {
			return err
		}
		if data, err = apply(data, builderEdits[f.url].edits); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, f.file), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
