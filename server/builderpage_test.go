package main

import (
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"bando/app/ui"
)

// scriptsOf lists the src of the page's script elements.
func scriptsOf(page string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<script[^>]*src="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestBuilderPages: /builder and /helpdesk are go-app's pages loading the staff program's
// script, which loads the staff program; every other page loads the app's, which loads the
// applicant's program unless the tab is in helpdesk mode; both scripts are go-app's own, with
// the same service worker and version. The staff program is served precompressed like the app's.
func TestBuilderPages(t *testing.T) {
	routesOnce.Do(ui.Routes)
	web, _ := testWebDir(t)
	h := appHandler("v42", web, "")
	get := func(path string) string {
		t.Helper()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 200 {
			t.Fatalf("%s: status %d", path, rec.Code)
		}
		body, _ := io.ReadAll(rec.Body)
		return string(body)
	}
	tests := []struct {
		page, script, wasm, notWasm string
	}{
		{ui.PathHome, "/app.js", helpdeskSwitch, `bandoFetchWasm("` + ui.BuilderWasm},
		{"/riepilogo", "/app.js", helpdeskSwitch, `bandoFetchWasm("` + ui.BuilderWasm},
	}
	for _, p := range ui.StaffPaths() {
		tests = append(tests, struct{ page, script, wasm, notWasm string }{p, ui.BuilderScript, `bandoFetchWasm("` + ui.BuilderWasm + `"`, `"/web/app.wasm"`})
	}
	for _, tc := range tests {
		t.Run(tc.page, func(t *testing.T) {
			page := get(tc.page)
			scripts := scriptsOf(page)
			if strings.Contains(page, `content="/web/app.wasm"`) != (tc.script == "/app.js") || strings.Contains(page, `content="`+ui.BuilderWasm+`"`) == (tc.script == "/app.js") {
				t.Errorf("the page preloads the wrong program")
			}
			if !strings.Contains(strings.Join(scripts, " "), tc.script) {
				t.Fatalf("the page loads %q, want %s", scripts, tc.script)
			}
			for _, s := range scripts {
				if s == "/app.js" && tc.script != "/app.js" || s == ui.BuilderScript && tc.script != ui.BuilderScript {
					t.Errorf("the page loads %s too", s)
				}
			}
			js := get(tc.script)
			if !strings.Contains(js, tc.wasm) || strings.Contains(js, tc.notWasm) {
				t.Errorf("%s does not load %s alone", tc.script, tc.wasm)
			}
			if !strings.Contains(js, `"GOAPP_VERSION":"v42"`) || !strings.Contains(js, "/app-worker.js") {
				t.Errorf("%s is not the app's go-app script of this version", tc.script)
			}
		})
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", ui.BuilderWasm, nil)
	req.Header.Set("Accept-Encoding", "br")
	h.ServeHTTP(rec, req)
	if rec.Code != 200 || rec.Header().Get("Content-Encoding") != "br" || rec.Header().Get("Content-Type") != "application/wasm" {
		t.Errorf("%s: %d %v", ui.BuilderWasm, rec.Code, rec.Header())
	}
}

// TestEditOnce: a go-app that stopped writing what builderPages changes makes an error, never
// the app's page served as the editor's.
func TestEditOnce(t *testing.T) {
	for _, tc := range []struct {
		body string
		ok   bool
	}{
		{`<script defer src="/app.js"></script>`, true},
		{`<script defer src="/goapp.js"></script>`, false},
		{`<script src="/app.js"></script><script src="/app.js"></script>`, false},
	} {
		got, err := editOnce([]byte(tc.body), `src="/app.js"`, `src="/builder.js"`)
		if (err == nil) != tc.ok {
			t.Errorf("%s: err %v", tc.body, err)
		}
		if tc.ok && string(got) != `<script defer src="/builder.js"></script>` {
			t.Errorf("%s: %s", tc.body, got)
		}
	}
}

// TestStaticBuilderFiles: the static site has the staff program's pages and script too, and its
// app.js switches to it in helpdesk mode.
func TestStaticBuilderFiles(t *testing.T) {
	web, _ := testWebDir(t)
	for _, f := range []string{"icon.svg", "icon-192.png", "icon-512.png"} {
		data, err := os.ReadFile(filepath.Join("../web", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(web, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "dist")
	if _, errs, code := cli(t, "static", "--out", out, "--web", web); code != 0 {
		t.Fatalf("static: %s", errs)
	}
	for _, path := range ui.StaffPaths() {
		name := strings.TrimPrefix(path, "/") + ".html"
		page, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if s := scriptsOf(string(page)); !strings.Contains(strings.Join(s, " "), ui.BuilderScript) || strings.Contains(strings.Join(s, " "), `/app.js`) {
			t.Errorf("%s loads %q", name, s)
		}
	}
	js, err := os.ReadFile(filepath.Join(out, "builder.js"))
	if err != nil || !strings.Contains(string(js), `bandoFetchWasm("`+ui.BuilderWasm+`"`) {
		t.Errorf("builder.js: %v", err)
	}
	if js, err := os.ReadFile(filepath.Join(out, "app.js")); err != nil || !strings.Contains(string(js), helpdeskSwitch) {
		t.Errorf("app.js does not load the staff program in helpdesk mode: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "web", "builder.wasm")); err != nil {
		t.Error(err)
	}
}
