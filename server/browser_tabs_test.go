package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/ui"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The same draft open in two tabs of one browser (one profile, so one IndexedDB and one
// BroadcastChannel). A tab that writes the draft tells the others at once: one with nothing
// unsaved shows the new version with a polite notice, one with unsaved changes shows the
// conflict alert and writes nothing. Where the browser has no BroadcastChannel, the atomic
// check of every write still stops the overwrite. (TestBrowserTwoTabs, in
// browser_fault_test.go, is the last case with the channel on: see the report of this change.)

const tabsField = "ats.membri[0].denominazione"

// sameBrowserTab opens a second tab in b's browser, on b's profile.
func sameBrowserTab(b *tab) *tab {
	b.t.Helper()
	b2 := &tab{t: b.t, profile: b.profile, download: b.download}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithListener(b2.listen))
	b2.ctx, b2.cancel = ctx, cancel
	b.t.Cleanup(b2.close)
	if err := chromedp.Do(ctx); err != nil { // open the tab on this context, not on a timeout's
		b.t.Fatalf("second tab: %v", err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fillJS}); err != nil {
		b.t.Fatalf("test helpers: %v", err)
	}
	return b2
}

// withoutBroadcastChannel makes the tab's next pages run in a browser that has none.
func withoutBroadcastChannel(b *tab) {
	b.t.Helper()
	if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `delete window.BroadcastChannel;`,
	}); err != nil {
		b.t.Fatal(err)
	}
}

// twoTabsOnOneDraft: the first tab types "Alfa" in a new draft and saves it, then a second tab
// opens the same draft.
func twoTabsOnOneDraft(t *testing.T, noChannel bool) (b, b2 *tab) {
	t.Helper()
	app := startApp(t, "test")
	b = newTab(t, "")
	if noChannel {
		withoutBroadcastChannel(b)
	}
	b.open(app.url + "/sezione/ats")
	b.waitFor(tabsFieldShown, 15*time.Second)
	b.typeIn(tabsField, "Alfa")
	waitStored(b, tabsField, "Alfa")
	b2 = sameBrowserTab(b)
	if noChannel {
		withoutBroadcastChannel(b2)
	}
	b2.open(app.url + "/sezione/ats")
	b2.waitFor(tabsFieldShown, 15*time.Second)
	if v := b2.value(tabsField); v != "Alfa" {
		t.Fatalf("the second tab opened %q", v)
	}
	if noChannel {
		for _, x := range []*tab{b, b2} {
			if eval[bool](x, `typeof BroadcastChannel !== "undefined"`) {
				t.Fatal("the tab still has BroadcastChannel")
			}
		}
	}
	return b, b2
}

var tabsFieldShown = `!!document.getElementById(` + strconv.Quote(ui.FieldID(tabsField)) + `)`

// fieldIs is a condition: the tab's input of tabsField holds v.
func fieldIs(v string) string {
	return `document.getElementById(` + strconv.Quote(ui.FieldID(tabsField)) + `)?.value === ` + strconv.Quote(v)
}

func noConflict(t *testing.T, tabs ...*tab) {
	t.Helper()
	for i, x := range tabs {
		if eval[bool](x, `!!document.getElementById("draft-conflict")`) {
			t.Errorf("tab %d shows the conflict alert", i+1)
		}
	}
}

// TestBrowserTabsCleanTabFollows: the second tab saves; the first, with nothing unsaved,
// shows that version at once and says so politely, then goes on from it, and the second
// follows it in turn. No conflict, one draft.
func TestBrowserTabsCleanTabFollows(t *testing.T) {
	b, b2 := twoTabsOnOneDraft(t, false)
	b2.typeIn(tabsField, " Beta")
	waitStored(b2, tabsField, "Alfa Beta")

	b.waitFor(fieldIs("Alfa Beta")+` && !!document.getElementById("draft-updated")`, 10*time.Second)
	notice := eval[string](b, `document.getElementById("draft-updated").innerText`)
	if !strings.Contains(notice, "Bozza aggiornata da un'altra scheda") {
		t.Errorf("the notice says %q", notice)
	}
	if role := eval[string](b, `document.getElementById("draft-updated").getAttribute("role")`); role != "status" {
		t.Errorf("the notice's role is %q, want status (polite)", role)
	}
	noConflict(t, b, b2)

	b.typeIn(tabsField, " Gamma")
	waitStored(b, tabsField, "Alfa Beta Gamma")
	b2.waitFor(fieldIs("Alfa Beta Gamma")+` && !!document.getElementById("draft-updated")`, 10*time.Second)
	noConflict(t, b, b2)

	b.press("#draft-updated-ok")
	b.waitFor(`!document.getElementById("draft-updated")`, 5*time.Second)
}

// TestBrowserTabsUnsavedTabConflicts: the second tab has changes it could not save yet (its
// storage refuses writes for a while) when the first tab saves. It shows the conflict alert at
// once, without a keystroke more; nothing it has is written, nor is the first tab's version
// replaced, even once its storage works again, until the applicant chooses: here, to keep
// theirs as a separate copy.
func TestBrowserTabsUnsavedTabConflicts(t *testing.T) {
	b, b2 := twoTabsOnOneDraft(t, false)
	eval[bool](b2, `(() => {
		window.bandoRealPut = IDBObjectStore.prototype.put;
		IDBObjectStore.prototype.put = function () {
			throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
		};
		return true })()`)
	b2.typeIn(tabsField, " Beta")
	b2.waitFor(`!!document.getElementById("save-failed")`, 10*time.Second) // unsaved, and said so

	b.typeIn(tabsField, " Gamma")
	waitStored(b, tabsField, "Alfa Gamma")
	b2.waitFor(`!!document.getElementById("draft-conflict")`, 10*time.Second)
	text := eval[string](b2, `document.getElementById("draft-conflict").innerText`)
	if !strings.Contains(text, "Questa bozza è stata modificata in un'altra scheda") {
		t.Fatalf("the alert says %q", text)
	}
	if v := b2.value(tabsField); v != "Alfa Beta" {
		t.Fatalf("the second tab lost its answer: %q", v)
	}
	if eval[bool](b2, `!!document.getElementById("draft-updated")`) {
		t.Error("the second tab says it loaded the other version")
	}

	// Storage works again: autosave stays paused, nothing is written.
	eval[bool](b2, `(() => { IDBObjectStore.prototype.put = window.bandoRealPut; return true })()`)
	b2.typeIn(tabsField, " Delta")
	time.Sleep(900 * time.Millisecond) // past the autosave delay
	if got := storedNames(b, tabsField); len(got) != 1 || got[0] != "Alfa Gamma" {
		t.Fatalf("stored %q, want only the first tab's «Alfa Gamma»", got)
	}
	if v := b.value(tabsField); v != "Alfa Gamma" {
		t.Fatalf("the first tab shows %q", v)
	}
	noConflict(t, b)

	b2.press("#conflict-copy")
	b2.waitFor(`!document.getElementById("draft-conflict")`, 10*time.Second)
	waitStored(b2, tabsField, "Alfa Beta Delta", "Alfa Gamma")
	if v := b.value(tabsField); v != "Alfa Gamma" {
		t.Fatalf("the copy changed the first tab's draft: %q", v)
	}
}

// TestBrowserTabsWithoutBroadcastChannel: no channel, so the first tab does not hear of the
// second tab's save; its next write is stopped by the store's atomic check instead, and it
// loads the other version when asked to.
func TestBrowserTabsWithoutBroadcastChannel(t *testing.T) {
	b, b2 := twoTabsOnOneDraft(t, true)
	b2.typeIn(tabsField, " Beta")
	waitStored(b2, tabsField, "Alfa Beta")
	time.Sleep(500 * time.Millisecond)
	if v := b.value(tabsField); v != "Alfa" || eval[bool](b, `!!document.getElementById("draft-updated")`) {
		t.Fatalf("without a channel the first tab changed: %q", v)
	}

	b.typeIn(tabsField, " Gamma")
	b.waitFor(`!!document.getElementById("draft-conflict")`, 10*time.Second)
	time.Sleep(700 * time.Millisecond) // past the autosave delay: nothing may be written
	if got := storedNames(b, tabsField); len(got) != 1 || got[0] != "Alfa Beta" {
		t.Fatalf("stored %q, want only the second tab's «Alfa Beta»", got)
	}
	b.press("#conflict-reload")
	b.waitFor(`!document.getElementById("draft-conflict") && `+fieldIs("Alfa Beta"), 10*time.Second)
	b.typeIn(tabsField, " Gamma")
	waitStored(b, tabsField, "Alfa Beta Gamma")
}
