package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"bando/app/draft"
	"bando/app/ui"
	"bando/schema"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserFigures measures, in headless Chromium, what applicants feel: how long until the
// form takes input (first visit, and reload with the network off), and how long a keystroke
// takes to show its message in a proposal with 40 members. It prints one figure per line and
// fails on nothing: `make bench` runs it (BANDO_BENCH_BROWSER=1); the goals are in the issue
// (ready ≤ 1000 ms offline, keystroke p95 ≤ 16 ms).
func TestBrowserFigures(t *testing.T) {
	if os.Getenv("BANDO_BENCH_BROWSER") == "" {
		t.Skip("set BANDO_BENCH_BROWSER=1 (make bench) to measure ready time and keystroke latency")
	}
	app := startApp(t, "figures")
	b := newTab(t, "")

	// First visit: nothing cached, a deep link (the draft is created on the way).
	b.open(app.url + "/sezione/ats")
	figure("ready_first_visit_ms", readyMs(b))
	figure("typable_first_visit_ms", typableMs(b))
	fmt.Printf("early form on the first visit: %q\n", earlyMode(b))
	phases(b, "first_visit")
	b.waitOfflineReady()
	// Warm: the next visit, online, everything cached.
	b.open(app.url + "/sezione/ats")
	figure("ready_warm_ms", readyMs(b))
	figure("typable_warm_ms", typableMs(b))
	phases(b, "warm")

	// 40 members, 6 action lines and 200 budget lines: the largest proposal the call allows,
	// imported as an applicant would.
	importLargest(b, app.url)

	// Network off and server gone: every reload comes from the service worker's cache.
	app.srv.Close()
	b.goOffline()
	var ready, typable []float64
	for range 5 {
		b.do(chromedp.Navigate(app.url + "/sezione/coprogettazione"))
		b.waitReady()
		ready = append(ready, readyMs(b))
		typable = append(typable, typableMs(b))
	}
	figure("ready_offline_reload_ms_p50", percentile(ready, 50))
	figure("ready_offline_reload_ms_max", percentile(ready, 100))
	figure("typable_offline_reload_ms_p50", percentile(typable, 50))
	figure("typable_offline_reload_ms_max", percentile(typable, 100))

	// The 40-member step opened from another (a page load, offline), then reloaded: the
	// applicant who comes back to it, offline, finds it as they left it (web/early.js).
	b.do(chromedp.Navigate(app.url + "/sezione/ats"))
	b.waitReady()
	figure("ready_offline_open_40_members_ms", readyMs(b))
	phases(b, "offline_open_40_members")
	waitFortyKept(b)
	b.do(chromedp.Navigate(app.url + "/sezione/ats"))
	b.waitReady()
	figure("ready_offline_reload_40_members_ms", readyMs(b))
	figure("typable_offline_reload_40_members_ms", typableMs(b))
	fmt.Printf("early form on the offline reload of 40 members: %q\n", earlyMode(b))
	// what the page before it took to unload (the snapshot is taken before, when idle), and the
	// snapshot's size
	for k, v := range eval[map[string]float64](b, `(() => { const n = performance.getEntriesByType("navigation")[0]; return {unload_end: n.unloadEventEnd, snapshot_kchars: (localStorage.getItem("bando.early")||"").length / 1000}; })()`) {
		figure("offline_reload_40_members_"+k, v)
	}
	phases(b, "offline_reload_40_members")
	// The members past the first screen are drawn after ready, a batch at a time (app/ui/batches.go).
	b.waitFor(fortyDrawn, 20*time.Second)
	figure("offline_reload_40_members_all_drawn_ms", eval[float64](b, `window.__allDrawn`))
	figure("members", float64(b.items("ats.membri")))

	// The protocol of ARCHITECTURE.md in the last member's codice fiscale, and for comparison
	// in a field of a short step.
	lat, dom := keystrokes(b, "ats.membri[39].cf", "X")
	figure("keystroke_samples", float64(len(lat)))
	figure("keystroke_ms_p50", percentile(lat, 50))
	figure("keystroke_ms_p95", percentile(lat, 95))
	// The part of it that is ours: from the keydown to the message in the DOM. The rest is the
	// wait for the next frame (up to 16.7 ms at 60 Hz) that the protocol counts.
	figure("keystroke_to_dom_ms_p50", percentile(dom, 50))
	figure("keystroke_to_dom_ms_p95", percentile(dom, 95))
	figure("keystroke_to_dom_ms_max", percentile(dom, 100))
	b.navigateInApp("/sezione/coprogettazione")
	b.waitFor(`!!document.getElementById(`+jsString(ui.FieldID("coprogettazione.referente_email"))+`)`, 10*time.Second)
	small, _ := keystrokes(b, "coprogettazione.referente_email", "@")
	figure("keystroke_short_step_ms_p50", percentile(small, 50))
	figure("keystroke_short_step_ms_p95", percentile(small, 95))
	// The budget step with its 200 lines: letters make the last amount invalid.
	b.navigateInApp("/sezione/budget")
	b.waitFor(`!!document.getElementById(`+jsString(ui.FieldID("budget.voci[199].importo"))+`)`, 20*time.Second)
	budget, _ := keystrokes(b, "budget.voci[199].importo", "x")
	figure("keystroke_200_budget_lines_ms_p50", percentile(budget, 50))
	figure("keystroke_200_budget_lines_ms_p95", percentile(budget, 95))

	// The floor, in the same run: a plain-JS page with one input and one message, measured
	// with the same protocol. Issue 13's goal: the 40-member and 200-line figures within 2× of it.
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, plainJSPage)
	}))
	defer plain.Close()
	online := newTab(t, "") // b is offline
	online.open(plain.URL)
	floor, floorDOM := keystrokes(online, "plain", "X")
	figure("keystroke_plain_js_ms_p50", percentile(floor, 50))
	figure("keystroke_plain_js_ms_p95", percentile(floor, 95))
	figure("keystroke_plain_js_to_dom_ms_p95", percentile(floorDOM, 95))
	figure("keystroke_40_members_over_plain_js_p95", percentile(lat, 95)/percentile(floor, 95))
	figure("keystroke_200_budget_lines_over_plain_js_p95", percentile(budget, 95)/percentile(floor, 95))
}

// importLargest imports the largest proposal (largestProposal) from the start page, as an
// applicant would.
func importLargest(b *tab, base string) {
	b.t.Helper()
	b.open(base + ui.PathHome)
	b.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{largestProposal(b.t)}))
	b.waitFor(`location.pathname === "/riepilogo"`, 30*time.Second)
}

// fortyDrawn holds when the step shows all 40 members, and notes when it first did
// (window.__allDrawn): those past the first screen come a batch at a time (app/ui/batches.go).
const fortyDrawn = `document.querySelectorAll('.group-item[data-path^="ats.membri["]').length === 40 && !!(window.__allDrawn ||= performance.now())`

// waitFortyKept waits until the 40-member step is wholly drawn and kept for the early form: its
// snapshot is taken once the browser is idle after that (app/ui/early.go).
func waitFortyKept(b *tab) {
	b.t.Helper()
	b.waitFor(fortyDrawn, 20*time.Second)
	b.waitFor(`(JSON.parse(localStorage.getItem("bando.early") || "{}").path === "/sezione/ats")`, 15*time.Second)
}

// plainJSPage is the floor of keystroke latency: one input whose message changes at every
// keystroke, in plain JavaScript, with the ids keystrokes expects.
const plainJSPage = `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>plain</title>
<style>.d-none{display:none}</style></head><body>
<label for="f-plain">Codice fiscale</label>
<input id="f-plain" aria-describedby="f-plain-err" value="RSSMRA85T10A562S">
<div id="f-plain-err" class="d-none"></div>
<script>
const input = document.getElementById("f-plain"), msg = document.getElementById("f-plain-err");
let shown = false;
const check = () => {
	const bad = !/^[A-Z0-9]{16}$/.test(input.value);
	if (!shown) return;
	msg.textContent = bad ? "Il codice fiscale non è valido (" + input.value.length + " caratteri)." : "";
	msg.classList.toggle("d-none", !bad);
	input.setAttribute("aria-invalid", bad ? "true" : "false");
};
input.addEventListener("blur", () => { shown = true; check(); });
input.addEventListener("input", check);
document.body.dataset.ready = "1";
</script></body></html>`

// keystrokes measures keystroke → message latency with the protocol of ARCHITECTURE.md: keys
// ~60 ms apart, alternating a character that makes the answer invalid and Backspace, each
// timed from keydown to the frame after the first DOM mutation (lat), and from keydown to that
// mutation (dom). The field first shows an error, so every keystroke is checked and changes
// the message.
func keystrokes(b *tab, path, bad string) (lat, dom []float64) {
	b.t.Helper()
	id := ui.FieldID(path)
	b.do(chromedp.Focus(chromedp.ID(id)), chromedp.KeyEvent(kb.End), chromedp.KeyEvent(bad), chromedp.KeyEvent(kb.Tab))
	b.waitFor(messageShown(id+"-err"), 5*time.Second)
	b.do(chromedp.Focus(chromedp.ID(id)), chromedp.KeyEvent(kb.End))
	eval[bool](b, `(() => {
		window.__lat = []; window.__dom = []; window.__t0 = null;
		if (!window.__latInstalled) {
			window.__latInstalled = true;
			document.addEventListener('keydown', () => { window.__t0 = performance.now() }, true);
			new MutationObserver(() => { if (window.__t0 !== null) { const t = window.__t0; window.__t0 = null;
				window.__dom.push(performance.now() - t);
				requestAnimationFrame(() => window.__lat.push(performance.now() - t)); } })
				.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
		}
		return true })()`)
	for i := range 120 {
		key := kb.Backspace
		if i%2 == 1 {
			key = bad
		}
		b.do(chromedp.KeyEvent(key), chromedp.Sleep(60*time.Millisecond))
	}
	time.Sleep(200 * time.Millisecond)
	lat, dom = eval[[]float64](b, `window.__lat`), eval[[]float64](b, `window.__dom`)
	if len(lat) < 100 {
		b.t.Fatalf("%s: only %d keystrokes measured", path, len(lat))
	}
	return lat, dom
}

// phases prints where the time to ready went, in ms since navigation started: the app's wasm
// received (its last byte, from the network or the service worker), compiled and started
// ("bando:go-run", marked by the loader: server/wasmloader.go), and from that start to ready
// (the Go program's start-up and first render).
func phases(b *tab, name string) {
	b.t.Helper()
	p := eval[map[string]float64](b, `(() => {
		const p = {};
		const res = performance.getEntriesByType("resource");
		const end = (f) => Math.max(0, ...res.filter(f).map((e) => e.responseEnd));
		const wasm = end((e) => new URL(e.name).pathname === "/web/app.wasm");
		if (wasm) p.wasm_received = wasm;
		for (const m of ["bando:early-start", "bando:early-shown"]) {
			const e = performance.getEntriesByName(m);
			if (e.length) p[m.slice(6).replace("-", "_")] = e[0].startTime;
		}
		if (window.__bandoTypable) p.typable = window.__bandoTypable;
		// what came before the early form: the page, the stylesheets, web/early.js (which waits
		// for them), the end of parsing
		const n = performance.getEntriesByType("navigation")[0];
		p.page_received = n.responseEnd;
		p.styles_received = end((e) => e.initiatorType === "link" && /\.css$/.test(new URL(e.name).pathname));
		p.early_js_received = end((e) => new URL(e.name).pathname === "/web/early.js");
		p.dom_interactive = n.domInteractive;
		const run = performance.getEntriesByName("bando:go-run");
		if (run.length) {
			p.go_run = run[0].startTime;
			p.go_run_to_ready = window.__bandoReady - run[0].startTime;
		}
		return p })()`)
	for _, k := range []string{"page_received", "styles_received", "early_js_received", "early_start", "dom_interactive", "early_shown", "typable", "wasm_received", "go_run", "go_run_to_ready"} {
		if v, ok := p[k]; ok {
			figure(name+"_"+k+"_ms", v)
		}
	}
}

// figure prints one measured value per line, for make bench.
func figure(name string, v float64) { fmt.Printf("figure %s %.1f\n", name, v) }

// readyMs is when the form became able to take input, in ms since navigation started.
func readyMs(b *tab) float64 { return eval[float64](b, `window.__bandoReady`) }

// typableMs is when the page took input, in ms since navigation started: the early form's
// first frame (web/early.js), or the program's form when there was no early form to show.
func typableMs(b *tab) float64 {
	return eval[float64](b, `Math.min(window.__bandoTypable || Infinity, window.__bandoReady)`)
}

// earlyMode is which early form the page showed: "fresh", "snapshot" or "" (none).
func earlyMode(b *tab) string {
	return eval[string](b, `window.bandoEarly ? window.bandoEarly.mode() : ""`)
}

func percentile(xs []float64, p float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// largestProposal writes the largest FAMI proposal the call allows to a file: the complete
// example's members, action lines and budget lines repeated to 40, 6 and 200. The budget no
// longer adds up line by line, which only adds a cross-field error on the review.
func largestProposal(t testing.TB) string {
	t.Helper()
	c, a := exampleAnswers(t)
	withMembers(a, 40)
	_ = a.Set("azioni.linee", repeatItems(a.Items("azioni.linee"), 6, func(i int, l schema.Answers) {
		l["linea"] = strconv.Itoa(i + 1)
	}))
	_ = a.Set("budget.voci", repeatItems(a.Items("budget.voci"), 200, func(i int, v schema.Answers) {
		v["azione"] = strconv.Itoa(i%6 + 1)
		v["descrizione"] = fmt.Sprintf("Voce %d: %s", i+1, v["descrizione"])
	}))
	return draftFile(t, c, a, "grande.bando.json")
}

// withMembers makes the ATS n members long, the example's repeated; the first is capofila.
func withMembers(a schema.Answers, n int) {
	_ = a.Set("ats.membri", repeatItems(a.Items("ats.membri"), n, func(i int, m schema.Answers) {
		m["capofila"] = i == 0
		m["denominazione"] = fmt.Sprintf("%s %d", m["denominazione"], i+1)
	}))
}

// draftFile writes answers a of call c as a draft file named name in a temporary folder.
func draftFile(t testing.TB, c *schema.Call, a schema.Answers, name string) string {
	t.Helper()
	d := draft.New(c, "figures", time.Now())
	d.Answers = a
	data, err := draft.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	name = filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// repeatItems makes n group items by cycling through items, each a copy passed to edit.
func repeatItems(items []any, n int, edit func(i int, item schema.Answers)) []any {
	out := make([]any, n)
	for i := range n {
		item := schema.Answers(items[i%len(items)].(map[string]any)).Clone()
		edit(i, item)
		out[i] = map[string]any(item)
	}
	return out
}
