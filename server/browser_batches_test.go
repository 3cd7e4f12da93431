package main

import (
	"strconv"
	"testing"
	"time"

	"bando/app/ui"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// membersInOrder is a JavaScript test: are the members drawn exactly members 0..n-1, in the
// page's order?
func membersInOrder(n int) string {
	return `(() => {
		const items = [...document.querySelectorAll('.group-item[data-path^="ats.membri["]')];
		return items.length === ` + strconv.Itoa(n) + ` && items.every((e, i) => e.dataset.path === "ats.membri[" + i + "]");
	})()`
}

// TestBrowserLongGroupInBatches: a step with 40 members takes input once the first members
// are drawn; the others follow, in order, without a keystroke or a click; a link to a question
// of the last member (a URL's fragment, as the error summary and the review make) draws it and
// puts the focus there.
func TestBrowserLongGroupInBatches(t *testing.T) {
	app := startApp(t, "test")
	b := newTab(t, "")
	b.importDraft(app.url, membersDraft(t, 40))
	// how many members are drawn at the moment the form takes input (markReady), whatever the
	// test's own delays
	if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `
		new MutationObserver((_, o) => {
			if (document.body && document.body.dataset.ready === "1") {
				window.__drawnAtReady = document.querySelectorAll('.group-item[data-path^="ats.membri["]').length;
				o.disconnect();
			}
		}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-ready"]})`}); err != nil {
		t.Fatal(err)
	}

	b.do(chromedp.Navigate(app.url + "/sezione/ats"))
	b.waitReady()
	// app/ui/batches.go draws two members with the page (48 questions): more than a screen
	if n := eval[int](b, `window.__drawnAtReady`); n < 2 || n == 40 {
		t.Errorf("when the step takes input: %d members drawn, want the first screen's (2 or more, not all 40)", n)
	}
	b.waitFor(membersInOrder(40), 20*time.Second)

	last := ui.FieldID("ats.membri[39].cf")
	b.do(chromedp.Navigate(app.url + "/sezione/ats#" + last))
	b.waitReady()
	b.waitFor(`document.activeElement && document.activeElement.id === `+strconv.Quote(last), 10*time.Second)
	b.waitFor(membersInOrder(40), 10*time.Second)
}
