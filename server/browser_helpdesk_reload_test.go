package main

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/app/ui"
	"bando/schema"

	"github.com/chromedp/chromedp"
)

// errorsBundle is a redacted support bundle of the FAMI errors example, recorded on the first
// step that shows an error, with the browser facts given; it returns the bundle file, that
// step's path and the example's issues as the applicant saw them.
func errorsBundle(t *testing.T, browser draft.Browser) ([]byte, string, schema.Issues) {
	t.Helper()
	c, err := schema.Shipped("toscana-fami-2024")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(famiErrors)
	if err != nil {
		t.Fatal(err)
	}
	d, err := draft.Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	issues := c.Validate(d.Answers, schema.IT)
	sid := ""
	for _, is := range issues {
		if is.Path != "" {
			sid = strings.SplitN(is.Path, ".", 2)[0]
			break
		}
	}
	if sid == "" {
		t.Fatal("the errors example has no error at a field")
	}
	screen := "/sezione/" + sid
	b, err := draft.NewBundle(c, d, draft.BundleOptions{AppVersion: "v0-test", Screen: screen, Lang: schema.IT, Now: time.Now(), Browser: browser})
	if err != nil {
		t.Fatal(err)
	}
	data, err := draft.EncodeBundle(b)
	if err != nil {
		t.Fatal(err)
	}
	return data, screen, issues
}

// reloadTab reloads the page, as the browser's reload button does, and waits until it takes
// input.
func reloadTab(b *tab) {
	b.t.Helper()
	b.do(chromedp.Reload())
	b.waitReady()
}

const helpdeskKey = "bando.helpdesk.bundle"

// inHelpdesk is a condition: the page on screen is path, in helpdesk mode.
func inHelpdesk(path string) string {
	return `location.pathname === ` + strconv.Quote(path) + ` && !!document.getElementById("helpdesk-banner")`
}

// TestBrowserHelpdeskReload: helpdesk mode survives a reload of the tab, on the same screen,
// the applicant's own drafts untouched; it is this tab's only (another tab of the browser is
// not in it), /firma and the export are not offered in it, and "Chiudi modalità assistenza"
// ends it for good: a reload then shows the applicant's own draft.
func TestBrowserHelpdeskReload(t *testing.T) {
	app, b, before := applicantWithDraft(t)

	data, screen, _ := errorsBundle(t, draft.Browser{})
	b.open(app.url + ui.PathHelpdesk)
	b.dropFile("helpdesk-load", "caso"+draft.BundleExt, data)
	b.waitFor(inHelpdesk(screen)+` && !!document.getElementById("error-summary")`, 15*time.Second)
	summary := eval[string](b, `document.getElementById("error-summary").innerText`)
	if !eval[bool](b, `sessionStorage.getItem(`+strconv.Quote(helpdeskKey)+`) !== null`) {
		t.Fatal("the bundle is not kept in sessionStorage")
	}

	// Reload on the applicant's step: the same screen, the same errors, still read-only.
	reloadTab(b)
	b.waitFor(inHelpdesk(screen)+` && !!document.getElementById("helpdesk-readonly") && !!document.getElementById("error-summary")`, 15*time.Second)
	if got := eval[string](b, `document.getElementById("error-summary").innerText`); got != summary {
		t.Errorf("after the reload the summary says:\n%s\nwant:\n%s", got, summary)
	}
	if eval[bool](b, `!!document.getElementById("helpdesk-noreload")`) {
		t.Error("the banner says the bundle will not survive a reload")
	}

	// The review, /firma and the helpdesk page keep the mode through a reload too; nothing of
	// the bundle's draft can be signed, exported or sent.
	b.navigateInApp(ui.PathReview)
	b.waitFor(inHelpdesk(ui.PathReview)+` && !!document.getElementById("export-unavailable") && !!document.getElementById("support-unavailable")`, 10*time.Second)
	if eval[bool](b, `!!document.querySelector('a[href="/firma"]') || !!document.getElementById("export") || !!document.getElementById("support-export")`) {
		t.Error("the review in helpdesk mode offers signing, export or the support bundle")
	}
	b.navigateInApp(ui.PathSign)
	b.waitFor(inHelpdesk(ui.PathSign)+` && !!document.getElementById("sign-unavailable")`, 10*time.Second)
	if eval[bool](b, `!!document.getElementById("pdf-make")`) {
		t.Error("/firma offers the PDF in helpdesk mode")
	}
	reloadTab(b)
	b.waitFor(inHelpdesk(ui.PathSign)+` && !!document.getElementById("sign-unavailable")`, 15*time.Second)
	b.navigateInApp(ui.PathHelpdesk)
	b.waitFor(`location.pathname === "/helpdesk" && !!document.getElementById("bundle-facts")`, 10*time.Second)
	reloadTab(b)
	b.waitFor(`location.pathname === "/helpdesk" && !!document.getElementById("bundle-facts") && !!document.getElementById("helpdesk-banner")`, 15*time.Second)

	// sessionStorage is this tab's: another tab of the browser shows the applicant's own draft.
	b2 := sameBrowserTab(b)
	b2.open(app.url + screen)
	b2.waitFor(`location.pathname === `+strconv.Quote(screen), 10*time.Second)
	if eval[bool](b2, `!!document.getElementById("helpdesk-banner")`) {
		t.Error("another tab is in helpdesk mode")
	}
	b2.cancel()

	// Closing the mode forgets the bundle: a reload shows the applicant's own draft.
	if label := eval[string](b, `document.getElementById("helpdesk-leave-banner").innerText`); !strings.Contains(label, "Chiudi modalità assistenza") {
		t.Errorf("the way out says %q", label)
	}
	b.press("#helpdesk-leave-banner")
	b.waitFor(`location.pathname === "/" && document.querySelectorAll(".draft-item").length > 0`, 10*time.Second)
	if eval[bool](b, `sessionStorage.getItem(`+strconv.Quote(helpdeskKey)+`) !== null`) {
		t.Error("the bundle is still kept after closing the mode")
	}
	b.open(app.url + screen)
	b.waitFor(`location.pathname === `+strconv.Quote(screen), 10*time.Second)
	if eval[bool](b, `!!document.getElementById("helpdesk-banner") || !!document.getElementById("helpdesk-readonly")`) {
		t.Fatal("helpdesk mode came back after it was closed")
	}
	b.open(app.url + ui.PathHome)
	b.waitFor(`document.querySelectorAll(".draft-item").length > 0`, 10*time.Second)
	if after := draftList(b); after != before {
		t.Errorf("the drafts changed:\nbefore %s\nafter  %s", before, after)
	}
}
