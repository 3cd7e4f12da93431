package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/ui"
	"bando/schema"
)

// publish deploys the app with the calls of files published (bando serve --calls DIR).
func (a *testApp) publish(t *testing.T, version string, files map[string]string) *catalogue {
	t.Helper()
	cat, err := newCatalogue(context.Background(), callsDir(t, files), schema.IT, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = publishingHandler(version, a.web, "", cat)
	a.h.Store(&h)
	return cat
}

// pickFile puts a file in the file input id and tells the page, as choosing it does.
func (b *tab) pickFile(id, name string, content []byte) {
	b.t.Helper()
	js, _ := json.Marshal([]string{id, name, string(content)})
	eval[bool](b, `((id, name, text) => {
		const dt = new DataTransfer();
		dt.items.add(new File([text], name, {type: "application/json"}));
		const el = document.getElementById(id);
		el.files = dt.files;
		el.dispatchEvent(new Event("change", {bubbles: true}));
		return true })(...`+string(js)+`)`)
}

// TestBrowserPublishedCalls: a call published with `bando serve --calls` (no build) is on
// the start page with its hash; an applicant fills it; a changed version on the server brings
// the update prompt and the draft migrates; offline, the draft and the call still open, and a
// call file the applicant was sent opens too, marked as not coming from the site.
func TestBrowserPublishedCalls(t *testing.T) {
	const id = "comune-prova-2026"
	v2 := famiAs(t, id, 2)
	app := startApp(t, "test")
	cat := app.publish(t, "test", map[string]string{"prova.json": v2})
	c2, err := schema.Load([]byte(v2))
	if err != nil {
		t.Fatal(err)
	}
	b := newTab(t, "")
	b.open(app.url + ui.PathHome)
	b.waitFor(`!!document.getElementById("new-`+id+`")`, 30*time.Second)
	home := eval[string](b, `document.querySelector(".home").innerText`)
	if !strings.Contains(home, schema.ShortHash(c2.Hash())) {
		t.Errorf("the start page lacks the published call's hash %s", schema.ShortHash(c2.Hash()))
	}
	b.click("new-" + id)
	b.waitFor(`location.pathname === "/sezione/ats" && !!document.getElementById(`+strconv.Quote(ui.FieldID("ats.membri[0].denominazione"))+`)`, 15*time.Second)
	b.typeIn("ats.membri[0].denominazione", "Ponti di Parole APS")
	b.waitFor(`/salvata|saved/i.test(document.getElementById("save-status").innerText)`, 10*time.Second)
	b.waitOfflineReady()
	callCached := `caches.match("/calls/` + id + `.json").then(Boolean)`
	b.waitFor(callCached, 60*time.Second)

	// The office publishes version 3 (a deadline extended): the next visit offers the update.
	v3 := famiAs(t, id, 3)
	cat3 := app.publish(t, "test", map[string]string{"prova.json": v3})
	if cat3.hash == cat.hash {
		t.Fatal("the catalogue did not change")
	}
	eval[bool](b, `(goappTryUpdate(), true)`)
	b.waitFor(`!!document.getElementById("update-reload")`, 30*time.Second)
	b.click("update-reload")
	b.waitFor(`typeof goappGetenv === "function" && goappGetenv("GOAPP_VERSION") === "test-calls-`+schema.ShortHash(cat3.hash)+`" && document.body.dataset.ready === "1"`, 30*time.Second)
	b.waitFor(`!!document.querySelector(".migration-note")`, 15*time.Second)
	if note := eval[string](b, `document.querySelector(".migration-note").innerText`); !strings.Contains(note, "dalla versione 2 alla versione 3") {
		t.Errorf("migration note: %q", note)
	}
	b.waitOfflineReady()
	b.waitFor(callCached, 60*time.Second)

	// Offline: the draft opens on the published call, version 3.
	b.goOffline()
	b.open(app.url + "/sezione/ats")
	field := ui.FieldID("ats.membri[0].denominazione")
	b.waitFor(`!!document.getElementById(`+strconv.Quote(field)+`)`, 30*time.Second)
	if v := b.value("ats.membri[0].denominazione"); v != "Ponti di Parole APS" {
		t.Fatalf("offline, the answer is %q", v)
	}

	// Offline too, the applicant opens a call file sent to them.
	sent := famiAs(t, "inviato-per-posta-2026", 2)
	b.navigateInApp(ui.PathHome)
	b.waitFor(`!!document.getElementById("call-file-input")`, 10*time.Second)
	b.pickFile("call-file-input", "bando.json", []byte(sent))
	b.waitFor(`!!document.getElementById("call-file-message")`, 15*time.Second)
	if msg := eval[string](b, `document.getElementById("call-file-message").innerText`); !strings.Contains(msg, "Bando aperto") {
		t.Fatalf("opening the call file: %q", msg)
	}
	b.waitFor(`!!document.getElementById("new-inviato-per-posta-2026") && !!document.querySelector(".call-from-file")`, 10*time.Second)
	b.click("new-inviato-per-posta-2026")
	b.waitFor(`!!document.getElementById("file-call-banner")`, 15*time.Second)
	b.checkAccessible()

	// A broken call file is refused with its problems.
	b.navigateInApp(ui.PathHome)
	b.waitFor(`!!document.getElementById("call-file-input")`, 10*time.Second)
	b.pickFile("call-file-input", "rotto.json", []byte(`{"id": "x",`))
	b.waitFor(`!!document.getElementById("call-file-message") && /non è valido/.test(document.getElementById("call-file-message").innerText)`, 15*time.Second)

	// The call opened from a file is removed from the start page, once confirmed: its draft
	// stays, and the question said so; a site's call has no such button.
	b.acceptDialogs()
	b.waitFor(`document.querySelectorAll(".draft-item").length === 2`, 10*time.Second)
	if eval[bool](b, `!!document.getElementById("remove-`+id+`")`) {
		t.Error("a call of the site can be removed")
	}
	b.click("remove-inviato-per-posta-2026")
	b.waitFor(`!document.getElementById("new-inviato-per-posta-2026")`, 10*time.Second)
	if q := b.lastDialog(); !strings.Contains(q, "Togliere il bando") || !strings.Contains(q, "(1) restano") {
		t.Errorf("the removal asked %q", q)
	}
	b.open(app.url + ui.PathHome)
	b.waitFor(`document.querySelectorAll(".draft-item").length === 2 && !!document.getElementById("new-`+id+`")`, 10*time.Second)
	if eval[bool](b, `!!document.getElementById("new-inviato-per-posta-2026")`) {
		t.Error("the removed call is back after a reload")
	}
}
