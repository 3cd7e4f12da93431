package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"bando/app/ui"

	"github.com/chromedp/chromedp"
)

// TestBrowserScreenshots walks the applicant's path that README's "Come si compila una domanda"
// tells — the start page, a step with its messages, the review — and checks each page shows
// what the text says (the step and the review show the FAMI example with errors). With BANDO_SCREENSHOTS=1 it also writes the pictures README shows
// (docs/img/), so they are remade from the app itself whenever the pages change.
func TestBrowserScreenshots(t *testing.T) {
	app := startApp(t, "screens")
	b := newTab(t, "")
	b.do(chromedp.EmulateViewport(1280, 860))
	shots := []struct {
		file  string
		where func()
		shows string // JavaScript that must be true on the page README describes
	}{
		{"1-passo.png", func() {
			b.importDraft(app.url, "../schema/calls/examples/toscana-fami-2024.errors.bando.json")
			b.navigateInApp("/sezione/ats")
			b.waitFor(`location.pathname === "/sezione/ats" && !!document.getElementById("page-title")`, 20*time.Second)
		}, `!!document.querySelector("nav") && document.querySelectorAll("main input").length > 10`},
		{"2-riepilogo.png", func() {
			b.navigateInApp(ui.PathReview)
			b.waitFor(`location.pathname === "/riepilogo" && !!document.getElementById("error-summary")`, 20*time.Second)
		}, `document.getElementById("error-summary").querySelectorAll("a").length > 0`},
		{"3-firma.png", func() {
			b.importDraft(app.url, "../schema/calls/examples/toscana-fami-2024.complete.bando.json")
			b.toSignPage()
		}, `!!document.getElementById("pdf-make")`},
	}
	write := os.Getenv("BANDO_SCREENSHOTS") != ""
	for _, s := range shots {
		s.where()
		time.Sleep(300 * time.Millisecond) // let the page settle before the picture: not a measurement
		if !eval[bool](b, s.shows) {
			t.Errorf("%s: the page is not the one README describes", s.file)
			continue
		}
		if !write {
			continue
		}
		png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("..", "docs", "img", s.file), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
