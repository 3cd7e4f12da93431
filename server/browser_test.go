package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/app/ui"
	"bando/schema"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The applicant's journeys in real Chromium. Each test starts its own browser; the server and
// the wasm are shared helpers (browser_harness_test.go).

// next presses "Salva e continua" and expects the step at want, failing with the error
// summary's text if the step had errors.
func (b *tab) next(want string) {
	b.t.Helper()
	b.press("#next") // below the long members group: see press
	b.waitFor(`location.pathname === `+strconv.Quote(want)+` || !!document.getElementById("error-summary")`, 15*time.Second)
	if path := eval[string](b, `location.pathname`); path != want {
		b.t.Fatalf("the step has errors:\n%s", eval[string](b, `document.getElementById("error-summary").innerText`))
	}
}

// messageShown is a JavaScript test: is the message box with that id showing a message?
func messageShown(id string) string {
	return `((e) => !!e && !e.classList.contains("d-none") && e.textContent.length > 0)(document.getElementById(` + strconv.Quote(id) + `))`
}

// checkAccessible checks what the step promises every input: a label, descriptions that exist,
// and aria-invalid exactly where an error is shown.
func (b *tab) checkAccessible() {
	b.t.Helper()
	problems := eval[[]string](b, `(() => {
		const out = [];
		for (const el of document.querySelectorAll("main input, main select, main textarea")) {
			if (el.type === "file") continue;
			if (!el.labels || el.labels.length === 0) out.push("no label: #" + el.id);
			for (const id of (el.getAttribute("aria-describedby") || "").split(" ").filter(Boolean))
				if (!document.getElementById(id)) out.push("#" + el.id + " described by missing #" + id);
		}
		for (const f of document.querySelectorAll(".bando-field")) {
			const shown = !!f.querySelector(".field-error:not(.d-none)");
			const marked = !!f.querySelector("[aria-invalid=true]");
			if (shown !== marked) out.push(f.dataset.path + ": error shown " + shown + ", aria-invalid " + marked);
		}
		return out;
	})()`)
	if len(problems) > 0 {
		b.t.Fatalf("accessibility problems:\n%s", strings.Join(problems, "\n"))
	}
}

// newFAMIDraft starts the app and a browser, and starts a new FAMI draft from the home page.
// The answers to give are those of famiAnswers, with 3 members.
func newFAMIDraft(t *testing.T) (*testApp, *tab, *schema.Call, schema.Answers) {
	t.Helper()
	app := startApp(t, "test")
	b := newTab(t, "")
	c, a := famiAnswers(t, 3)
	b.open(app.url + ui.PathHome)
	b.click("new-" + c.ID)
	b.waitFor(`location.pathname === "/sezione/ats" && !!document.getElementById("f-ats--stato")`, 15*time.Second)
	return app, b, c, a
}

// TestBrowserFillFAMIToReview fills the FAMI call with 3 members step by step, as an applicant
// does, and reaches "check your answers" with no error; the page never asks another origin.
func TestBrowserFillFAMIToReview(t *testing.T) {
	app, b, c, a := newFAMIDraft(t)
	if n := b.items("ats.membri"); n != 2 {
		t.Fatalf("a new draft has %d members, want the minimum of 2", n)
	}
	for i, sec := range c.Sections {
		b.fillSection(c, a, sec)
		b.checkAccessible()
		want := ui.PathReview
		if i+1 < len(c.Sections) {
			want = "/sezione/" + c.Sections[i+1].ID
		}
		b.next(want)
	}
	b.waitFor(`!!document.getElementById("review-ok")`, 10*time.Second)
	text := eval[string](b, `document.querySelector("main").innerText`)
	for _, want := range []string{"Nessun problema", "Ponti di Parole APS", "Chi deve firmare", "€ 320.000,00"} {
		if !strings.Contains(text, want) {
			t.Errorf("the review page does not show %q", want)
		}
	}
	if f := b.foreignRequests(app.origin); len(f) > 0 {
		t.Fatalf("requests to other origins: %v", f)
	}
}

// TestBrowserCodiceFiscaleMessage: a wrong codice fiscale gets the Italian message beside the
// field on leaving it and in the error summary on "next"; the summary's link puts the cursor
// in the field; fixing it clears the message at the keystroke; the English switch translates
// it and is remembered.
func TestBrowserCodiceFiscaleMessage(t *testing.T) {
	app := startApp(t, "test")
	b := newTab(t, "")
	b.open(app.url + "/sezione/ats")
	path := "ats.membri[0].rl_cf"
	id, errID := ui.FieldID(path), ui.FieldID(path)+"-err"
	const wantIT = "Il codice fiscale non è corretto: il carattere di controllo finale non corrisponde."

	b.typeIn(path, "BRTGLU78E54D612A") // the right check character is D
	if eval[bool](b, messageShown(errID)) {
		t.Fatal("an error is shown while the applicant is still typing")
	}
	b.do(chromedp.KeyEvent(kb.Tab))
	b.waitFor(messageShown(errID), 5*time.Second)
	if msg := eval[string](b, `document.getElementById(`+strconv.Quote(errID)+`).innerText`); !strings.Contains(msg, wantIT) {
		t.Fatalf("message beside the field: %q", msg)
	}
	if inv := eval[string](b, `document.getElementById(`+strconv.Quote(id)+`).getAttribute("aria-invalid")`); inv != "true" {
		t.Fatalf("aria-invalid = %q", inv)
	}

	b.press("#next") // below the long members group: see press
	b.waitFor(`document.activeElement && document.activeElement.id === "error-summary"`, 5*time.Second)
	link := `document.querySelector('#error-summary a[href="#` + id + `"]')`
	if msg := eval[string](b, link+`.innerText`); !strings.Contains(msg, wantIT) || !strings.Contains(msg, "Membro 1") {
		t.Fatalf("summary link: %q", msg)
	}
	b.do(chromedp.Click(chromedp.CSS(`#error-summary a[href="#` + id + `"]`)))
	b.waitFor(`document.activeElement.id === `+strconv.Quote(id), 5*time.Second)

	// Fix the last character: once shown, the message follows every keystroke.
	b.do(chromedp.KeyEvent(kb.End), chromedp.KeyEvent(kb.Backspace), chromedp.KeyEvent("D"))
	b.waitFor("!"+messageShown(errID), 5*time.Second)
	b.do(chromedp.KeyEvent(kb.Backspace), chromedp.KeyEvent("A"))
	b.waitFor(messageShown(errID), 5*time.Second)

	b.click("lang-switch")
	b.waitFor(`document.getElementById(`+strconv.Quote(errID)+`).innerText.includes("The tax code is not correct")`, 5*time.Second)
	b.do(chromedp.Reload())
	b.waitReady()
	if h := eval[string](b, `document.getElementById("next").innerText`); h != "Save and continue" {
		t.Fatalf("after a reload the language is lost: %q", h)
	}
	if v := b.value(path); v != "BRTGLU78E54D612A" {
		t.Fatalf("after a reload the field holds %q", v)
	}
}

// TestBrowserOffline: after one visit the app works with the server gone and the network off:
// a reload keeps the data, typing goes on, and a deep link opens.
func TestBrowserOffline(t *testing.T) {
	app := startApp(t, "test")
	b := newTab(t, "")
	b.open(app.url + "/sezione/ats") // a deep link on a machine with no draft starts one
	b.waitOfflineReady()
	b.typeIn("ats.denominazione_ats", "ATS Senza Rete")
	b.waitFor(`document.getElementById("save-status").innerText.includes("salvata")`, 5*time.Second)

	app.srv.Close()
	b.goOffline()

	b.do(chromedp.Reload())
	b.waitReady()
	if v := b.value("ats.denominazione_ats"); v != "ATS Senza Rete" {
		t.Fatalf("offline reload: field holds %q", v)
	}
	b.typeIn("ats.denominazione_ats", " Toscana")
	b.typeIn("ats.membri[1].denominazione", "Beta ODV")

	// A deep link typed in the address bar at once: the page is left before the autosave
	// timer fires, so what was typed survives through the copy written on pagehide.
	b.open(app.url + "/sezione/budget")
	if h := eval[string](b, `document.getElementById("page-title").innerText`); h != "Piano finanziario" {
		t.Fatalf("deep link offline: heading %q", h)
	}
	b.navigateInApp("/sezione/ats")
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID("ats.membri[1].denominazione"))+`)`, 10*time.Second)
	for path, want := range map[string]string{"ats.denominazione_ats": "ATS Senza Rete Toscana", "ats.membri[1].denominazione": "Beta ODV"} {
		if v := b.value(path); v != want {
			t.Errorf("%s = %q after the offline deep link, want %q", path, v, want)
		}
	}
	for _, r := range b.foreignRequests(app.origin) {
		t.Errorf("request to another origin: %s", r)
	}
}

// TestBrowserKillRestart: the browser process is killed ~600 ms after the last keystroke;
// started again on the same profile, every answer is there.
func TestBrowserKillRestart(t *testing.T) {
	app := startApp(t, "test")
	profile := t.TempDir()
	b := newTab(t, profile)
	c, _ := famiAnswers(t, 3)
	b.open(app.url + "/sezione/ats")
	b.fill(c, "ats.stato", "costituenda")
	b.fill(c, "ats.membri[0].capofila", true)
	typed := map[string]string{
		"ats.membri[0].denominazione": "Alfa APS",
		"ats.membri[0].cf":            "94123450481",
		"ats.membri[1].denominazione": "Beta Cooperativa Sociale",
		"ats.membri[1].rl_nome":       "Anna Neri",
	}
	for _, p := range []string{"ats.membri[0].denominazione", "ats.membri[0].cf", "ats.membri[1].denominazione", "ats.membri[1].rl_nome"} {
		b.typeIn(p, typed[p])
	}
	time.Sleep(600 * time.Millisecond)
	b.kill()

	b2 := newTab(t, profile)
	b2.open(app.url + "/sezione/ats")
	b2.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID("ats.membri[1].rl_nome"))+`)`, 10*time.Second)
	for p, want := range typed {
		if v := b2.value(p); v != want {
			t.Errorf("%s = %q after the restart, want %q", p, v, want)
		}
	}
	if !eval[bool](b2, `document.getElementById(`+strconv.Quote(ui.FieldID("ats.stato")+"-1")+`).checked`) {
		t.Error("the choice «costituenda» is lost")
	}
}

// TestBrowserExportImport: a full draft is exported and imported into a browser with empty
// storage: the answers are identical. Files that are not drafts, drafts of another call or of a newer
// format are refused with a clear message, and the open draft stays as it was.
func TestBrowserExportImport(t *testing.T) {
	app, b, c, a := newFAMIDraft(t)
	for _, sec := range c.Sections {
		b.navigateInApp("/sezione/" + sec.ID)
		b.waitFor(`location.pathname === "/sezione/`+sec.ID+`"`, 10*time.Second)
		b.fillSection(c, a, sec)
	}
	b.click("export")
	first := b.exported(0)
	d1, err := draft.Decode(first)
	if err != nil {
		t.Fatal(err)
	}
	// items got their ids as they were added, in order: i1, i2… as for the example's items
	c.AssignItemIDs(a)
	if diff := answersDiff(t, d1.Answers, a); len(diff) > 0 {
		t.Fatalf("the exported answers differ from those typed:\n%s", strings.Join(diff, "\n"))
	}

	// Import into a clean profile: a browser whose storage was cleared, or another office's
	// computer. (Clearing this tab's storage under it would not do: the open tab rightly saves
	// its draft again when it is hidden.)
	b.cancel()
	b = newTab(t, "")
	b.open(app.url + ui.PathHome)
	b.waitFor(`!!document.querySelector(".no-drafts")`, 10*time.Second)

	dir := t.TempDir()
	file := filepath.Join(dir, "bozza.bando.json")
	if err := os.WriteFile(file, first, 0o644); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{file}))
	b.waitFor(`location.pathname === "/riepilogo" && !!document.getElementById("review-ok")`, 15*time.Second)
	b.click("export")
	second := b.exported(0)
	d2, err := draft.Decode(second)
	if err != nil {
		t.Fatal(err)
	}
	if diff := answersDiff(t, d2.Answers, d1.Answers); len(diff) > 0 {
		t.Fatalf("answers changed through export and import:\n%s", strings.Join(diff, "\n"))
	}

	bad := []struct {
		name, content, want string
	}{
		{"not-a-draft.json", `{"hello": "world"}`, "non è una bozza di Bando"},
		{"broken.bando.json", string(first[:len(first)/2]), "non è una bozza leggibile"},
		{"other-call.bando.json", strings.Replace(string(first), `"call": "toscana-fami-2024"`, `"call": "lazio-altro-2025"`, 1), "per un altro bando"},
		{"newer.bando.json", strings.Replace(string(first), `"formatVersion": 1`, `"formatVersion": 99`, 1), "versione più recente"},
	}
	b.open(app.url + ui.PathHome)
	for _, tc := range bad {
		p := filepath.Join(dir, tc.name)
		if err := os.WriteFile(p, []byte(tc.content), 0o644); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(tc.name, "other-call") {
			b.dropFile("import", tc.name, []byte(tc.content)) // by drag and drop
		} else {
			b.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{p}))
		}
		b.waitFor(`(document.getElementById("import-message") || {}).innerText?.includes(`+strconv.Quote(tc.name)+`)`, 10*time.Second)
		msg := eval[string](b, `document.getElementById("import-message").innerText`)
		if !strings.Contains(msg, tc.want) || eval[string](b, `document.getElementById("import-message").getAttribute("role")`) != "alert" {
			t.Errorf("%s: message %q, want it to say %q", tc.name, msg, tc.want)
		}
	}
	if n := eval[int](b, `document.querySelectorAll(".draft-item").length`); n != 1 {
		t.Fatalf("%d drafts listed after refused imports, want 1", n)
	}
	b.navigateInApp(ui.PathReview)
	b.waitFor(`!!document.getElementById("review-ok")`, 10*time.Second)
}

// answersDiff compares answers as their JSON (what a file holds) and lists the differences.
func answersDiff(t *testing.T, got, want schema.Answers) []string {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(jsonOf(got), &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(jsonOf(want), &w); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(path string, g, w any)
	walk = func(path string, g, w any) {
		gm, gok := g.(map[string]any)
		wm, wok := w.(map[string]any)
		gl, glok := g.([]any)
		wl, wlok := w.([]any)
		switch {
		case gok && wok:
			for k := range merged(gm, wm) {
				walk(path+"."+k, gm[k], wm[k])
			}
		case glok && wlok && len(gl) == len(wl):
			for i := range gl {
				walk(path+"["+strconv.Itoa(i)+"]", gl[i], wl[i])
			}
		case !reflect.DeepEqual(g, w):
			out = append(out, fmt.Sprintf("%s: got %v, want %v", strings.TrimPrefix(path, "."), g, w))
		}
	}
	walk("", g, w)
	return out
}

func merged(a, b map[string]any) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func jsonOf(a schema.Answers) []byte {
	b, _ := json.Marshal(a)
	return b
}

// TestBrowserUpdatePrompt: a new version deployed while the applicant works shows a prompt that
// does not block typing; "Ricarica" saves what was typed a moment ago, then loads the new
// version, and the answer is there.
func TestBrowserUpdatePrompt(t *testing.T) {
	app := startApp(t, "test-1")
	b := newTab(t, "")
	b.open(app.url + "/sezione/ats")
	b.waitOfflineReady()
	b.typeIn("ats.denominazione_ats", "ATS")
	if eval[bool](b, `!!document.getElementById("update-reload")`) {
		t.Fatal("an update prompt before any update")
	}

	app.deploy("test-2")
	eval[bool](b, `(goappTryUpdate(), true)`) // what the browser does by itself on its next check
	b.waitFor(`!!document.getElementById("update-reload")`, 30*time.Second)
	if text := eval[string](b, `document.querySelector(".update-banner").innerText`); !strings.Contains(text, "Nuova versione disponibile") {
		t.Fatalf("update prompt: %q", text)
	}
	b.typeIn("ats.denominazione_ats", " Insieme") // the prompt does not get in the way
	b.click("update-reload")                      // at once: the autosave timer has not fired
	b.waitFor(`typeof goappGetenv === "function" && goappGetenv("GOAPP_VERSION") === "test-2" && document.body.dataset.ready === "1"`, 30*time.Second)
	if v := b.value("ats.denominazione_ats"); v != "ATS Insieme" {
		t.Fatalf("after the update the field holds %q", v)
	}
}

// TestBrowserGroupsAndDrafts: members are added, moved and removed (after a confirmation) with
// their answers following them; a field shown by a condition hides and comes back with its
// answer kept; two drafts live side by side, and one is deleted after a confirmation.
func TestBrowserGroupsAndDrafts(t *testing.T) {
	_, b, c, _ := newFAMIDraft(t)
	b.acceptDialogs()
	name := func(i int) string { return fmt.Sprintf("ats.membri[%d].denominazione", i) }

	b.typeIn(name(0), "Alfa")
	b.typeIn(name(1), "Beta")
	b.press("#" + ui.FieldID("ats.membri") + "-add")
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID(name(2)))+`)`, 10*time.Second)
	b.waitFor(`document.activeElement.id === `+strconv.Quote(ui.FieldID("ats.membri[2]")+"-title"), 5*time.Second)
	b.typeIn(name(2), "Gamma")
	b.press(`[data-path="ats.membri[2]"] .item-up`)
	b.waitFor(`document.getElementById(`+strconv.Quote(ui.FieldID(name(1)))+`).value === "Gamma"`, 5*time.Second)
	if got := []string{b.value(name(0)), b.value(name(1)), b.value(name(2))}; strings.Join(got, ",") != "Alfa,Gamma,Beta" {
		t.Fatalf("after moving up: %v", got)
	}
	b.press(`[data-path="ats.membri[0]"] .item-remove`)
	b.waitFor(`document.querySelectorAll('.group-item[data-path^="ats.membri["]').length === 2`, 5*time.Second)
	if q := b.lastDialog(); !strings.Contains(q, "Alfa") {
		t.Fatalf("no confirmation naming the member: %q", q)
	}
	if got := b.value(name(0)) + "," + b.value(name(1)); got != "Gamma,Beta" {
		t.Fatalf("after removing the first: %s", got)
	}

	ets, runts := "ats.membri[0].ets", "ats.membri[0].runts_numero"
	b.fill(c, ets, true)
	b.typeIn(runts, "12345")
	b.fill(c, ets, false)
	b.waitFor(`!document.getElementById(`+strconv.Quote(ui.FieldID(runts))+`)`, 5*time.Second)
	b.fill(c, ets, true)
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID(runts))+`)`, 5*time.Second)
	if v := b.value(runts); v != "12345" {
		t.Fatalf("the hidden answer was not kept: %q", v)
	}

	b.navigateInApp(ui.PathHome)
	b.click("new-" + c.ID)
	b.waitFor(`location.pathname === "/sezione/ats"`, 10*time.Second)
	b.typeIn("ats.membri[0].denominazione", "Seconda APS")
	time.Sleep(600 * time.Millisecond) // the autosave names the draft in the list
	b.navigateInApp(ui.PathHome)
	b.waitFor(`document.querySelectorAll(".draft-item").length === 2`, 10*time.Second)
	if first := eval[string](b, `document.querySelector(".draft-item .draft-name").textContent`); first != "Seconda APS" {
		t.Fatalf("the draft started last is not listed first: %q", first)
	}
	b.do(chromedp.Click(chromedp.CSS(`.draft-item:nth-child(2) .draft-open`)))
	b.waitFor(`location.pathname === "/sezione/ats"`, 10*time.Second)
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID(name(0)))+`)`, 10*time.Second) // the draft opens, then its step draws
	if v := b.value(name(0)); v != "Gamma" {
		t.Fatalf("opening the first draft: member 1 is %q", v)
	}
	b.navigateInApp(ui.PathHome)
	b.waitFor(`document.querySelectorAll(".draft-item").length === 2`, 10*time.Second)
	b.do(chromedp.Click(chromedp.CSS(`.draft-item:nth-child(1) .draft-delete`)))
	b.waitFor(`document.querySelectorAll(".draft-item").length === 1`, 10*time.Second)
	if q := b.lastDialog(); !strings.Contains(q, "Seconda APS") {
		t.Fatalf("no confirmation naming the draft: %q", q)
	}
}
