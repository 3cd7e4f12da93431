package main

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"bando/app/ui"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// wasmGate holds back every request for the app's program until opened: the early form
// (web/early.js) is then the only form on the page, for as long as the test needs.
type wasmGate struct {
	mu   sync.Mutex
	open chan struct{}
}

func newWasmGate() *wasmGate { return &wasmGate{open: make(chan struct{})} }

func (g *wasmGate) wait() {
	g.mu.Lock()
	ch := g.open
	g.mu.Unlock()
	<-ch
}

func (g *wasmGate) release() {
	g.mu.Lock()
	defer g.mu.Unlock()
	select {
	case <-g.open:
	default:
		close(g.open)
	}
}

func (g *wasmGate) shut() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.open = make(chan struct{})
}

// gatedApp serves the app with its program held back by a gate (shut at first), to a tab that
// asks the server for the program at every load (no copy in the HTTP cache).
func gatedApp(t *testing.T, name string) (*httptest.Server, *wasmGate, *tab) {
	t.Helper()
	app := startApp(t, name)
	gate := newWasmGate()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/web/app.wasm" {
			gate.wait()
		}
		(*app.h.Load()).ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(gate.release) // before the server closes: no request left waiting
	b := newTab(t, "")
	if _, err := chromedp.Call(b.ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(b.ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatal(err)
	}
	return srv, gate, b
}

// noServiceWorker unregisters the page's service worker and empties its caches: the next load
// asks the server for the program, through the gate.
func noServiceWorker(b *tab) {
	b.waitFor(`(async () => {
		for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
		for (const k of await caches.keys()) await caches.delete(k);
		return true })()`, 10*time.Second)
}

// reloadHeldBack loads u again with the program held back at the gate (no service worker: it
// must come from the server), and checks that the page this browser kept is on screen.
func reloadHeldBack(b *tab, gate *wasmGate, u string) {
	b.t.Helper()
	noServiceWorker(b)
	gate.shut()
	b.do(chromedp.Navigate(u))
	b.waitFor(`!!window.__bandoTypable`, 20*time.Second)
	if mode := earlyMode(b); mode != "snapshot" {
		b.t.Fatalf("early form on a reload: %q, want snapshot", mode)
	}
}

// TestBrowserEarlyForm types, as an applicant would, while the program is still on its way: on
// a first visit into the empty form the server drew, on a reload into the page this browser
// kept. What was typed must end up in the program's fields, checked and saved, with the focus
// where it was; buttons and links must do nothing meanwhile.
func TestBrowserEarlyForm(t *testing.T) {
	srv, gate, b := gatedApp(t, "early")

	name, member := ui.FieldID("ats.denominazione_ats"), ui.FieldID("ats.membri[1].denominazione")
	// First visit: the server's empty form.
	b.do(chromedp.Navigate(srv.URL + "/sezione/ats"))
	b.waitFor(`!!window.__bandoTypable`, 20*time.Second)
	if mode := earlyMode(b); mode != "fresh" {
		t.Fatalf("early form on a first visit: %q, want fresh", mode)
	}
	b.do(chromedp.SendKeys(chromedp.ID(member), "Coop Alfa", chromedp.NodeVisible))
	// a button waits for the program: adding a member now must not happen, nor any navigation
	eval[bool](b, `(document.getElementById(`+jsString(ui.FieldID("ats.membri")+"-add")+`).click(), true)`)
	b.do(chromedp.SendKeys(chromedp.ID(name), "ATS Ponti", chromedp.NodeVisible))
	if eval[bool](b, `!!window.__bandoReady`) {
		t.Fatal("the program ran before the gate opened: the test typed into its form, not the early one")
	}
	gate.release()
	b.waitReady()
	b.waitFor(`!document.querySelector(".bando-early-root") && !document.documentElement.classList.contains("bando-early")`, 20*time.Second)
	if got := b.value("ats.denominazione_ats"); got != "ATS Ponti" {
		t.Errorf("ATS name after the program took over: %q, want what was typed early", got)
	}
	if got := b.value("ats.membri[1].denominazione"); got != "Coop Alfa" {
		t.Errorf("member's name after the program took over: %q", got)
	}
	if got := eval[string](b, `document.activeElement ? document.activeElement.id : ""`); got != name {
		t.Errorf("focus after the program took over: %q, want %q", got, name)
	}
	if n := b.items("ats.membri"); n != 2 {
		t.Errorf("%d members: the early click on \"add\" must do nothing", n)
	}
	// the applicant keeps typing in the program's field, after the early text
	b.do(chromedp.SendKeys(chromedp.ID(name), " APS"))
	b.waitFor(`document.getElementById(`+jsString(name)+`).value === "ATS Ponti APS"`, 5*time.Second)

	// Kept: the snapshot of this step is taken when idle once everything is written, and a
	// reload shows it, takes input at once, and hands over again.
	b.waitFor(`(() => { const s = JSON.parse(localStorage.getItem("bando.early") || "{}"); return s.path === "/sezione/ats" && s.html.includes("ATS Ponti APS") })()`, 15*time.Second)
	reloadHeldBack(b, gate, srv.URL+"/sezione/ats")
	if got := b.value("ats.denominazione_ats"); got != "ATS Ponti APS" {
		t.Fatalf("the kept page shows %q, want the answer as saved", got)
	}
	b.do(chromedp.SendKeys(chromedp.ID(ui.FieldID("ats.membri[0].denominazione")), "Ente Beta", chromedp.NodeVisible))
	if eval[bool](b, `!!window.__bandoReady`) {
		t.Fatal("the program ran before the gate opened")
	}
	gate.release()
	b.waitReady()
	b.waitFor(`!document.querySelector(".bando-early-root")`, 20*time.Second)
	if got := b.value("ats.membri[0].denominazione"); got != "Ente Beta" {
		t.Errorf("member typed into the kept page: %q", got)
	}
	// a change drops the snapshot: the next load must not show an older page
	b.waitFor(`localStorage.getItem("bando.early") === null || JSON.parse(localStorage.getItem("bando.early")).html.includes("Ente Beta")`, 10*time.Second)
	time.Sleep(time.Second) // the autosave
	b.do(chromedp.Navigate(srv.URL + "/sezione/ats"))
	b.waitReady()
	for path, want := range map[string]string{"ats.denominazione_ats": "ATS Ponti APS", "ats.membri[0].denominazione": "Ente Beta", "ats.membri[1].denominazione": "Coop Alfa"} {
		if got := b.value(path); got != want {
			t.Errorf("%s after a reload: %q, want %q (saved)", path, got, want)
		}
	}
}

// TestBrowserEarlyFormLongStep reloads the 40-member step: the kept page draws its first
// screens at once and the other members right after (web/early.js fillLater), so that the last
// member takes input before the program runs, and what is typed there is handed over.
func TestBrowserEarlyFormLongStep(t *testing.T) {
	srv, gate, b := gatedApp(t, "early-long")
	gate.release()
	importLargest(b, srv.URL)
	b.navigateInApp("/sezione/ats")
	waitFortyKept(b)
	if n := eval[int](b, `JSON.parse(localStorage.getItem("bando.early")).later.length`); n < 20 {
		t.Errorf("the kept page leaves %d members for after its first frame, want most of 40", n)
	}

	reloadHeldBack(b, gate, srv.URL+"/sezione/ats")
	last := ui.FieldID("ats.membri[39].denominazione")
	b.waitFor(`!document.querySelector("[data-early-slot]") && !!document.getElementById(`+jsString(last)+`)`, 10*time.Second)
	was := eval[string](b, `document.getElementById(`+jsString(last)+`).value`)
	if was == "" {
		t.Fatal("the last member's name is empty in the kept page")
	}
	b.do(chromedp.ScrollIntoView(chromedp.ID(last)), chromedp.Focus(chromedp.ID(last)), chromedp.KeyEvent(kb.End), chromedp.KeyEvent(" Zeta"))
	if eval[bool](b, `!!window.__bandoReady`) {
		t.Fatal("the program ran before the gate opened")
	}
	gate.release()
	b.waitReady()
	b.waitFor(`!document.querySelector(".bando-early-root")`, 20*time.Second)
	if got := b.value("ats.membri[39].denominazione"); got != was+" Zeta" {
		t.Errorf("last member typed into the kept page: %q, want %q", got, was+" Zeta")
	}
}
