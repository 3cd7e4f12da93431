package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/ui"
	"bando/schema"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Accessibility (WCAG 2.1 AA, EN 301 549) checked by axe-core on every kind of page. axe-core
// is vendored for the tests only (server/testdata/axe, MPL-2.0): the app never serves it. The
// page's CSP forbids inline scripts, so axe is put in the page by DevTools evaluation, which
// the CSP does not govern.

// axeTags are the rules run: WCAG 2.0 and 2.1, levels A and AA.
const axeTags = `['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']`

// checkAxe runs axe-core on the page as it is and fails listing each violation.
func (b *tab) checkAxe(where string) {
	b.t.Helper()
	src, err := os.ReadFile("testdata/axe/axe.min.js")
	if err != nil {
		b.t.Fatal(err)
	}
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[any](string(src))); err != nil {
		b.t.Fatalf("injecting axe-core: %v", err)
	}
	type violation struct {
		ID, Impact, Help string
		Targets          []string
	}
	vs := eval[[]violation](b, `(async () => {
		const r = await axe.run(document, {runOnly: {type: 'tag', values: `+axeTags+`}});
		return r.violations.map(v => ({ID: v.id, Impact: v.impact || "", Help: v.help,
			Targets: v.nodes.map(n => n.target.join(" ") + (n.failureSummary ? " — " + n.failureSummary.replace(/\s+/g, " ") : ""))}));
	})()`)
	if len(vs) == 0 {
		return
	}
	var out strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&out, "\n%s (%s): %s\n", v.ID, v.Impact, v.Help)
		for _, t := range v.Targets {
			fmt.Fprintf(&out, "    %s\n", t)
		}
	}
	b.t.Errorf("%s: %d accessibility violations (axe-core):%s", where, len(vs), out.String())
}

// TestBrowserAxe: the start page, a FAMI step without and with errors, the review, the
// signing page, the call builder, the helpdesk page, «I miei enti» with none saved (with
// some: TestBrowserOrganisationProfiles) and the accessibility statement pass
// axe-core's WCAG 2.1 A and AA rules.
func TestBrowserAxe(t *testing.T) {
	app := startApp(t, "test")
	b := newTab(t, "")

	b.open(app.url + ui.PathHome)
	b.checkAxe("start page")

	b.click("new-toscana-fami-2024")
	b.waitFor(`location.pathname === "/sezione/ats" && !!document.getElementById("f-ats--stato")`, 15*time.Second)
	b.checkAxe("FAMI step")

	b.press("#next") // below the long members group: see press
	b.waitFor(`document.activeElement && document.activeElement.id === "error-summary"`, 15*time.Second)
	b.checkAccessible()
	b.checkAxe("FAMI step with errors")

	b.importDraft(app.url, famiExample)
	b.waitFor(`!!document.querySelector("a#sign-entry")`, 20*time.Second)
	b.checkAxe("review")

	b.toSignPage()
	b.checkAxe("signing page")

	b.open(app.url + ui.PathBuilder)
	b.waitFor(`!!document.getElementById("builder-source")`, 10*time.Second)
	b.checkAxe("builder")

	b.open(app.url + ui.PathHelpdesk)
	b.checkAxe("helpdesk")

	b.open(app.url + ui.PathProfiles)
	b.waitFor(`!!document.getElementById("profiles-empty")`, 10*time.Second)
	b.checkAxe("my organisations, none saved")

	// The statement, reached from the footer of every page, in both languages.
	b.click("a11y-link")
	b.waitFor(`location.pathname === "/accessibilita" && !!document.getElementById("a11y-feedback")`, 10*time.Second)
	text := eval[string](b, `document.querySelector("main").innerText`)
	for _, want := range []string{"Dichiarazione di accessibilità", "parzialmente conforme", "axe-core", "lettori di schermo",
		"Per segnalazioni rivolgiti all'ente che ti ha fornito questo indirizzo", "Legge 9 gennaio 2004, n. 4", "Linee guida AgID", "EN 301 549", "WCAG) 2.1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the accessibility statement does not say %q", want)
		}
	}
	b.checkAxe("accessibility statement")
	b.click("lang-switch")
	b.waitFor(`document.getElementById("page-title").innerText === "Accessibility statement"`, 5*time.Second)
	b.checkAxe("accessibility statement in English")
}

// TestBrowserAxeEveryStep: every step of both shipped calls passes axe-core as a new draft
// shows it, and again after "Salva e continua" with its errors shown (steps that have none
// when empty simply move on).
func TestBrowserAxeEveryStep(t *testing.T) {
	app := startApp(t, "test")
	b := newTab(t, "")
	for _, id := range schema.ShippedIDs() {
		c, err := schema.Shipped(id)
		if err != nil {
			t.Fatal(err)
		}
		b.open(app.url + ui.PathHome)
		b.click("new-" + id)
		b.waitFor(`location.pathname.startsWith("/sezione/")`, 15*time.Second)
		for _, sec := range c.Sections {
			path := "/sezione/" + sec.ID
			b.navigateInApp(path)
			b.waitFor(`location.pathname === `+strconv.Quote(path)+` && !!document.getElementById("page-title")`, 15*time.Second)
			b.checkAxe(id + " " + sec.ID)
			b.press("#next")
			b.waitFor(`location.pathname !== `+strconv.Quote(path)+` || (document.activeElement && document.activeElement.id === "error-summary")`, 15*time.Second)
			if eval[string](b, `location.pathname`) == path {
				b.checkAxe(id + " " + sec.ID + " with errors")
			}
		}
	}
}

// TestBrowserKeyboardStep completes one FAMI step with the keyboard alone: Tab to each field,
// Space to tick a declaration, typing in the texts, Enter on "Salva e continua". The test
// only reads which element has the focus; it never clicks.
func TestBrowserKeyboardStep(t *testing.T) {
	app, b, _, _ := newFAMIDraft(t)
	b.open(app.url + "/sezione/coprogettazione")
	b.waitFor(`!!document.getElementById("next")`, 10*time.Second)

	typed := map[string]string{
		ui.FieldID("coprogettazione.referente_nome"):     "Laura Conti",
		ui.FieldID("coprogettazione.referente_email"):    "laura.conti@pontidiparole.it",
		ui.FieldID("coprogettazione.referente_telefono"): "+39 055 1234568",
	}
	ticked := map[string]bool{
		ui.FieldID("coprogettazione.disponibilita"):      false,
		ui.FieldID("coprogettazione.presa_atto_risorse"): false,
	}
	done := map[string]bool{}
	for range 120 {
		b.do(chromedp.KeyEvent(kb.Tab))
		id := eval[string](b, `document.activeElement ? document.activeElement.id : ""`)
		switch {
		case id == "next":
			if len(done) != len(typed)+len(ticked) {
				t.Fatalf("Tab reached %q before every field: reached %v", id, done)
			}
			b.do(chromedp.KeyEvent(kb.Enter))
			b.waitFor(`location.pathname === "/sezione/dichiarazioni" || !!document.getElementById("error-summary")`, 15*time.Second)
			if p := eval[string](b, `location.pathname`); p != "/sezione/dichiarazioni" {
				t.Fatalf("the step completed by keyboard has errors:\n%s", eval[string](b, `document.getElementById("error-summary").innerText`))
			}
			return
		case typed[id] != "" && !done[id]:
			b.do(chromedp.KeyEvent(typed[id]))
			done[id] = true
		case !done[id]:
			if _, ok := ticked[id]; ok {
				b.do(chromedp.KeyEvent(" "))
				b.waitFor(`document.getElementById(`+strconv.Quote(id)+`).checked`, 5*time.Second)
				done[id] = true
			}
		}
	}
	t.Fatalf("120 presses of Tab never reached \"Salva e continua\"; fields reached: %v", done)
}
