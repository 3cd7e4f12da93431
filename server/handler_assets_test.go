package main

import (
	"io"
	"net/http/httptest"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"bando/app/ui"
)

// The app must make no request to another host (offices go offline; privacy): every asset the
// handler names is a file of web/ or a route, and stylesheets load only files beside them.

func TestHandlerAssetsAreSelfHosted(t *testing.T) {
	h := newHandler("test", "../web", "")
	built := map[string]bool{"/web/app.wasm": true, "/web/worker.wasm": true} // written by make wasm
	var names []string
	names = append(names, h.Styles...)
	names = append(names, h.Fonts...)
	names = append(names, h.CacheableResources...)
	names = append(names, h.Icon.Default, h.Icon.Large, h.Icon.SVG, h.Icon.Maskable)
	for _, n := range names {
		n = strings.Fields(n)[0] // "… crossorigin"
		t.Run(n, func(t *testing.T) {
			switch {
			case built[n]:
			case strings.HasPrefix(n, "/web/"):
				if _, err := os.Stat("../web/" + strings.TrimPrefix(n, "/web/")); err != nil {
					t.Fatalf("missing file: %v", err)
				}
			case !slices.Contains(ui.Pages(), n):
				t.Fatalf("%s is neither a file under /web/ nor a page", n)
			}
		})
	}
}

var cssURL = regexp.MustCompile(`url\(\s*["']?([^"')]+)`)

func TestStylesheetsLoadOnlyTheirOwnFiles(t *testing.T) {
	for _, s := range newHandler("test", "../web", "").Styles {
		s = strings.Fields(s)[0]
		t.Run(s, func(t *testing.T) {
			css, err := os.ReadFile("../web/" + strings.TrimPrefix(s, "/web/"))
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range cssURL.FindAllStringSubmatch(string(css), -1) {
				u := m[1]
				switch {
				case strings.HasPrefix(u, "data:"):
				case strings.Contains(u, "//") || strings.Contains(u, ":"):
					t.Errorf("refers to another host: %s", u)
				default:
					f := path.Join(path.Dir("web/"+strings.TrimPrefix(s, "/web/")), u)
					if _, err := os.Stat("../" + f); err != nil {
						t.Errorf("url(%s): %v", u, err)
					}
				}
			}
		})
	}
}

// TestPageRefersOnlyToItsOrigin reads the page the handler serves: every link and script is a
// path on the same origin (go-app's defaults, such as its icon, point to GitHub).
func TestPageRefersOnlyToItsOrigin(t *testing.T) {
	routesOnce.Do(ui.Routes)
	for _, p := range []string{"/", "/riepilogo", "/sezione/ats"} {
		t.Run(p, func(t *testing.T) {
			rec := httptest.NewRecorder()
			newHandler("test", "../web", "").ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
			if rec.Code != 200 {
				t.Fatalf("status %d", rec.Code)
			}
			body, _ := io.ReadAll(rec.Body)
			for _, m := range regexp.MustCompile(`(?:href|src)="([^"]*)"`).FindAllStringSubmatch(string(body), -1) {
				if u := m[1]; !strings.HasPrefix(u, "#") && (!strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//")) {
					t.Errorf("%s refers to %q", p, u)
				}
			}
		})
	}
}

// TestSharedPageLinks: with --domain, a page shared in a chat or a social network points to
// itself and to the app's icon on the published site, not to a bare "https://".
func TestSharedPageLinks(t *testing.T) {
	routesOnce.Do(ui.Routes)
	rec := httptest.NewRecorder()
	newHandler("test", "../web", "bandi.example.it").ServeHTTP(rec, httptest.NewRequest("GET", "/sezione/ats", nil))
	body := rec.Body.String()
	for _, want := range []string{"https://bandi.example.it/sezione/ats", "https://bandi.example.it/web/icon-512.png"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page does not link %s", want)
		}
	}
}

// TestEarlyScriptPreloadsTheProgram: web/early.js preloads the program the page names
// (earlyHeaders), and the page names it before loading the script, which reads it at once.
func TestEarlyScriptPreloadsTheProgram(t *testing.T) {
	js, err := os.ReadFile("../web/early.js")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `meta[name="`+programMeta+`"]`) {
		t.Errorf("web/early.js does not read the meta %q", programMeta)
	}
	routesOnce.Do(ui.Routes)
	rec := httptest.NewRecorder()
	newHandler("test", "../web", "").ServeHTTP(rec, httptest.NewRequest("GET", ui.PathHome, nil))
	page := rec.Body.String()
	meta := strings.Index(page, `<meta name="`+programMeta+`" content="/web/app.wasm">`)
	script := strings.Index(page, `<script src="/web/early.js">`)
	if meta < 0 || script < 0 || meta > script {
		t.Errorf("the page names its program at %d and loads early.js at %d: want both, the name first", meta, script)
	}
	if strings.Contains(page, `href="/web/app.wasm"`) {
		t.Error("the page preloads the program itself: a copy of it from the service worker's cache would preload 11 MB from there on every reload")
	}
}
