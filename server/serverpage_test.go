package main

import (
	"io"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"bando/app/ui"
)

// TestServerDrawsTheEmptyForm: a step of the default call comes from the server as the empty
// form of a new draft, marked for web/early.js; other pages as before the draft loads. Requests
// run concurrently (go test -race: the pages are drawn under one lock, never per request).
func TestServerDrawsTheEmptyForm(t *testing.T) {
	routesOnce.Do(ui.Routes)
	h := appHandler("test", t.TempDir(), "")
	get := func(path string) string {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		b, _ := io.ReadAll(rec.Result().Body)
		return string(b)
	}
	cases := []struct {
		path      string
		want, not []string
	}{
		{"/sezione/ats", []string{`data-early="fresh"`, `id="` + ui.FieldID("ats.denominazione_ats") + `"`, `id="` + ui.FieldID("ats.membri[1].cf") + `"`, `<script src="/web/early.js"></script>`}, []string{"Caricamento della bozza"}},
		{"/sezione/budget", []string{`data-early="fresh"`}, nil},
		{"/", []string{"Caricamento della bozza"}, []string{"data-early"}},
		{"/riepilogo", nil, []string{"data-early"}},
		{"/sezione/nessuna", nil, []string{"data-early"}},
	}
	var wg sync.WaitGroup
	for range 4 {
		for _, c := range cases {
			wg.Go(func() {
				page := get(c.path)
				for _, w := range c.want {
					if !strings.Contains(page, w) {
						t.Errorf("%s: no %s", c.path, w)
					}
				}
				for _, n := range c.not {
					if strings.Contains(page, n) {
						t.Errorf("%s: has %s", c.path, n)
					}
				}
			})
		}
	}
	wg.Wait()
}
