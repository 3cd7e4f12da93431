package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/app/ui"
)

// draftList is what the home page lists, and which draft this browser has open.
func draftList(b *tab) string {
	b.t.Helper()
	return eval[string](b, `JSON.stringify({
		items: [...document.querySelectorAll(".draft-item")].map(e => e.dataset.id + " " + e.innerText),
		current: localStorage.getItem("bando.current")})`)
}

const completeFAMI = "../schema/calls/examples/toscana-fami-2024.complete.bando.json"

// applicantWithDraft starts the app and a browser whose applicant has one draft of their own,
// the complete FAMI example, and returns the list of drafts as the start page shows it.
func applicantWithDraft(t *testing.T) (*testApp, *tab, string) {
	t.Helper()
	app := startApp(t, "v1")
	b := newTab(t, "")
	complete, err := os.ReadFile(completeFAMI)
	if err != nil {
		t.Fatal(err)
	}
	b.open(app.url + ui.PathHome)
	b.dropFile("import", "completa.bando.json", complete)
	b.waitFor(`location.pathname === "/riepilogo" && !!document.getElementById("review-ok")`, 15*time.Second)
	b.open(app.url + ui.PathHome)
	b.waitFor(`document.querySelectorAll(".draft-item").length === 1`, 10*time.Second)
	return app, b, draftList(b)
}

// TestBrowserHelpdesk: an operator opens a support bundle made from the FAMI errors example
// and sees the applicant's step with the same errors, read-only; a bad file gets a clear
// message; the drafts of the browser are left exactly as they were.
func TestBrowserHelpdesk(t *testing.T) {
	app, b, before := applicantWithDraft(t)

	// The bundle, as the applicant's "send to the helpdesk" makes it.
	data, screen, issues := errorsBundle(t, draft.Browser{UserAgent: "TestBrowser/1.0", Language: "it-IT", StorageUsage: "1.2 MB", StorageQuota: "2.0 GB"})
	sid := strings.TrimPrefix(screen, "/sezione/")
	var want []string // the messages of the errors on the bundle's step, as the applicant saw them
	for _, is := range issues {
		if is.Path != "" && strings.HasPrefix(is.Path, sid+".") {
			want = append(want, is.Message)
		}
	}

	b.open(app.url + ui.PathHelpdesk)
	// A file that is not a bundle: a clear message, nothing opened.
	b.dropFile("helpdesk-load", "hello.json", []byte(`{"hello": "world"}`))
	b.waitFor(`(document.getElementById("helpdesk-message")?.innerText || "").includes("non è un pacchetto di assistenza")`, 10*time.Second)
	complete, err := os.ReadFile(completeFAMI)
	if err != nil {
		t.Fatal(err)
	}
	b.dropFile("helpdesk-load", "bozza.bando.json", complete)
	b.waitFor(`(document.getElementById("helpdesk-message")?.innerText || "").includes("bozza di domanda")`, 10*time.Second)

	b.dropFile("helpdesk-load", "caso"+draft.BundleExt, data)
	b.waitFor(`location.pathname === `+strconv.Quote(screen)+` && !!document.getElementById("error-summary")`, 15*time.Second)
	banner := eval[string](b, `document.getElementById("helpdesk-banner").innerText`)
	if !strings.Contains(banner, "Modalità assistenza — sola lettura") {
		t.Errorf("banner: %q", banner)
	}
	b.checkAxe("helpdesk mode with the applicant's errors")
	summary := eval[string](b, `document.getElementById("error-summary").innerText`)
	for _, m := range want {
		if !strings.Contains(summary, m) {
			t.Errorf("the error summary lacks %q:\n%s", m, summary)
		}
	}
	if n := eval[int](b, `document.querySelectorAll("#error-summary .error-summary-list li").length`); n != len(want) {
		t.Errorf("%d errors in the summary, want %d", n, len(want))
	}
	// Each error is shown at its field too.
	for _, is := range issues {
		if is.Path == "" || !strings.HasPrefix(is.Path, sid+".") {
			continue
		}
		id := strconv.Quote(ui.FieldID(is.Path) + "-err")
		b.waitFor(`(document.getElementById(`+id+`)?.textContent || "").includes(`+strconv.Quote(is.Message)+`)`, 10*time.Second)
	}
	// Read-only: every input, select, textarea and button of the step is disabled.
	enabled := eval[[]string](b, `[...document.querySelectorAll("#main input, #main select, #main textarea, #main button")]
		.filter(e => !e.closest("#helpdesk-banner") && !e.matches(":disabled")).map(e => e.id || e.name || e.outerHTML.slice(0, 80))`)
	if len(enabled) > 0 {
		t.Errorf("inputs not disabled in helpdesk mode: %v", enabled)
	}

	// The facts and the difference from today's verdicts.
	b.click("helpdesk-details")
	b.waitFor(`location.pathname === "/helpdesk" && !!document.getElementById("bundle-facts")`, 10*time.Second)
	facts := eval[string](b, `document.getElementById("bundle-facts").innerText`)
	for _, s := range []string{"toscana-fami-2024", "v0-test", "TestBrowser/1.0", "1.2 MB", "valori fittizi", screen} {
		if !strings.Contains(facts, s) {
			t.Errorf("the facts lack %q:\n%s", s, facts)
		}
	}
	if diff := eval[string](b, `document.getElementById("bundle-diff").innerText`); !strings.Contains(diff, "Nessuna differenza") {
		t.Errorf("diff: %q", diff)
	}

	// Leaving: the applicant's drafts are as they were.
	b.click("helpdesk-leave")
	b.waitFor(`location.pathname === "/" && document.querySelectorAll(".draft-item").length > 0`, 10*time.Second)
	time.Sleep(500 * time.Millisecond) // an autosave, if any, would have happened by now
	b.open(app.url + ui.PathHome)
	b.waitFor(`document.querySelectorAll(".draft-item").length > 0`, 10*time.Second)
	if after := draftList(b); after != before {
		t.Errorf("the drafts changed:\nbefore %s\nafter  %s", before, after)
	}
}

// TestBrowserSupportBundle: the applicant's "send to the helpdesk" downloads a redacted bundle
// that opens in helpdesk mode.
func TestBrowserSupportBundle(t *testing.T) {
	app := startApp(t, "v1")
	b := newTab(t, "")
	raw, err := os.ReadFile(famiErrors)
	if err != nil {
		t.Fatal(err)
	}
	b.open(app.url + ui.PathHome)
	b.dropFile("import", "errori.bando.json", raw)
	b.waitFor(`location.pathname === "/riepilogo" && !!document.getElementById("support-export")`, 15*time.Second)
	b.click("support-export")
	var data []byte
	for deadline := time.Now().Add(20 * time.Second); data == nil && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		files, _ := filepath.Glob(filepath.Join(b.download, "*"+draft.BundleExt))
		if len(files) > 0 {
			time.Sleep(100 * time.Millisecond) // the file is renamed into place when complete
			if d, err := os.ReadFile(files[0]); err == nil && json.Valid(d) {
				data = d
			}
		}
	}
	if data == nil {
		t.Fatal("no support bundle in the downloads folder")
	}
	bundle, err := draft.DecodeBundle(data)
	if err != nil {
		t.Fatalf("the bundle does not read back: %v", err)
	}
	if !bundle.Redacted || bundle.Screen != "/riepilogo" || bundle.Browser.UserAgent == "" || len(bundle.Verdicts) == 0 {
		js, _ := json.MarshalIndent(bundle, "", " ")
		t.Fatalf("bundle:\n%.2000s", js)
	}
	if strings.Contains(string(data), "Giulia Bartolini") {
		t.Error("the redacted bundle holds a name")
	}
}
