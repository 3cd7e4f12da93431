package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/ui"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Warnings and per-item checks in real Chromium, on the test call schema/testdata/checks.json.
// make test builds, beside web/, the app and its worker with the build tag bando_checks_fixture
// (bin/test/checks/, passed as $BANDO_WASM_CHECKS), which ship that call beside the real ones.
var webChecks fixtureWeb

// browserWebChecksDir is a copy of the test web folder with the fixture app and worker in it.
func browserWebChecksDir(t *testing.T) string {
	t.Helper()
	return webChecks.get(t, "BANDO_WASM_CHECKS", "bando_checks_fixture", map[string]string{"app.wasm": "../wasm", "worker.wasm": "../wasm/worker"})
}

// startChecksApp serves the fixture app.
func startChecksApp(t *testing.T) *testApp {
	t.Helper()
	dir := browserWebChecksDir(t)
	app := startApp(t, "test-checks")
	app.web = dir
	app.deployFrom("test-checks", dir)
	return app
}

// TestBrowserWarnings: a draft whose only problems are warnings shows them beside their fields
// (in the warning style, the input not marked invalid) and in the step's summary under their
// own heading; "next" shows them once and then goes on; the review lists them and links to
// signing, and the PDF is made. The pages stay accessible.
func TestBrowserWarnings(t *testing.T) {
	app := startChecksApp(t)
	b := newTab(t, "")
	b.importDraft(app.url, "testdata/checks.warnings.bando.json")

	// The review: the warnings listed apart, and the way to signing open.
	b.waitFor(`!!document.querySelector("#warning-summary-list")`, 20*time.Second)
	review := eval[string](b, `document.getElementById("error-summary").innerText`)
	for _, want := range []string{"Ci sono 2 avvisi da rivedere", "Partner 2 › Sito web: Per una ODV conviene indicare il sito.", "Lo stesso valore è già indicato per Partner 1."} {
		if !strings.Contains(review, want) {
			t.Errorf("the review's summary lacks %q:\n%s", want, review)
		}
	}
	b.checkAxe("review with warnings")
	b.toSignPage()
	b.makePDF()

	// The step: "next" shows the warnings beside the fields and in the summary.
	sito := "ats.membri[1].sito"
	b.navigateInApp("/sezione/ats")
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID(sito))+`)`, 15*time.Second)
	b.press("#next")
	b.waitFor(`document.activeElement && document.activeElement.id === "error-summary"`, 15*time.Second)
	summary := eval[string](b, `document.getElementById("error-summary").innerText`)
	for _, want := range []string{"Ci sono 2 avvisi da rivedere", "Gli avvisi non impediscono di presentare la domanda", "Sito web: Per una ODV conviene indicare il sito."} {
		if !strings.Contains(summary, want) {
			t.Errorf("the step's summary lacks %q:\n%s", want, summary)
		}
	}
	if eval[bool](b, `!!document.querySelector("#error-summary .error-summary-list")`) {
		t.Error("warnings listed as errors")
	}
	box := ui.FieldID(sito) + "-err"
	b.waitFor(messageShown(box), 5*time.Second)
	if cls := eval[string](b, `document.getElementById(`+strconv.Quote(box)+`).className`); cls != "field-warning" {
		t.Errorf("the warning's box is styled %q", cls)
	}
	if msg := eval[string](b, `document.getElementById(`+strconv.Quote(box)+`).innerText`); !strings.Contains(msg, "Avviso: Per una ODV") && !strings.Contains(msg, "Per una ODV") {
		t.Errorf("beside the field: %q", msg)
	}
	if inv := eval[string](b, `document.getElementById(`+strconv.Quote(ui.FieldID(sito))+`).getAttribute("aria-invalid") || ""`); inv != "" {
		t.Errorf("a warning marked the input aria-invalid=%q", inv)
	}
	b.checkAccessible()
	b.checkAxe("step with warnings")

	// The summary's link puts the cursor in the field.
	b.do(chromedp.Click(chromedp.CSS(`#warning-summary-list a[href="#` + ui.FieldID(sito) + `"]`)))
	b.waitFor(`document.activeElement.id === `+strconv.Quote(ui.FieldID(sito)), 5*time.Second)

	// Shown once, warnings do not stop the applicant.
	b.next("/sezione/azioni")
}

// TestBrowserItemCheck: a check on each member reports at the member: leaving the field that
// breaks it shows the message at the item at once, "next" lists it with a link that focuses
// the item's heading, and fixing the answer clears it at the keystroke.
func TestBrowserItemCheck(t *testing.T) {
	app := startChecksApp(t)
	b := newTab(t, "")
	b.importDraft(app.url, "testdata/checks.warnings.bando.json")
	b.navigateInApp("/sezione/ats")
	quota := "ats.membri[0].quota"
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID(quota))+`)`, 15*time.Second)
	box := ui.FieldID("ats.membri[0]") + "-err"

	b.do(chromedp.Click(chromedp.ID(ui.FieldID(quota)), chromedp.NodeVisible),
		chromedp.KeyEvent(kb.End), chromedp.KeyEvent(kb.Backspace), chromedp.KeyEvent(kb.Backspace), chromedp.KeyEvent("80"), chromedp.KeyEvent(kb.Tab))
	b.waitFor(messageShown(box), 5*time.Second)
	if msg := eval[string](b, `document.getElementById(`+strconv.Quote(box)+`).innerText`); !strings.Contains(msg, "La quota di Partner 1 supera il 50%.") {
		t.Fatalf("at the item: %q", msg)
	}
	if cls := eval[string](b, `document.getElementById(`+strconv.Quote(box)+`).className`); cls != "field-error" {
		t.Errorf("the item's message is styled %q", cls)
	}

	b.press("#next")
	b.waitFor(`document.activeElement && document.activeElement.id === "error-summary"`, 15*time.Second)
	head := ui.FieldID("ats.membri[0]") + "-title"
	link := `#error-summary .error-summary-list a[href="#` + head + `"]`
	if msg := eval[string](b, `(document.querySelector(`+strconv.Quote(link)+`) || {}).innerText || ""`); !strings.Contains(msg, "Partner 1: La quota di Partner 1 supera il 50%.") {
		t.Fatalf("summary link: %q\n%s", msg, eval[string](b, `document.getElementById("error-summary").innerText`))
	}
	b.checkAccessible()
	b.checkAxe("step with an item's error")
	b.do(chromedp.Click(chromedp.CSS(link)))
	b.waitFor(`document.activeElement.id === `+strconv.Quote(head), 5*time.Second)

	// Fixing the share clears the item's message as the applicant types.
	b.do(chromedp.Click(chromedp.ID(ui.FieldID(quota)), chromedp.NodeVisible),
		chromedp.KeyEvent(kb.End), chromedp.KeyEvent(kb.Backspace), chromedp.KeyEvent(kb.Backspace), chromedp.KeyEvent("30"))
	b.waitFor("!"+messageShown(box), 5*time.Second)
}
