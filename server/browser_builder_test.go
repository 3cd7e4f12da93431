package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/ui"
	"bando/schema"

	"github.com/chromedp/chromedp"
)

// smallCall is a call a call author might write, with a typo in a `when` on line 11.
const smallCall = `{
  "format": "bando-call", "formatVersion": 1,
  "id": "piccolo", "version": 1,
  "title": {"it": "Bando piccolo", "en": "Small call"},
  "authority": {"name": {"it": "Comune di prova"}},
  "submission": {"channel": "pec", "to": "bandi@pec.example.it", "subject": "Domanda", "deadline": "2030-03-04"},
  "sections": [
    {"id": "ente", "title": {"it": "Ente", "en": "Organisation"}, "fields": [
      {"id": "nome", "type": "text", "label": {"it": "Nome dell'ente", "en": "Organisation name"}, "rules": "required"},
      {"id": "ets", "type": "boolean", "label": {"it": "È un ETS?", "en": "Is it a third-sector body?"}},
      {"id": "runts", "type": "text", "label": {"it": "Numero RUNTS", "en": "RUNTS number"}, "when": "etz == true"}
    ]}
  ]
}
`

// paste puts text in the builder's schema box as pasting does (one input event).
func paste(b *tab, text string) {
	b.t.Helper()
	eval[bool](b, `((text) => { const el = document.getElementById("builder-source"); el.focus(); el.value = text;
		el.dispatchEvent(new Event("input", {bubbles: true})); return true })(`+strconv.Quote(text)+`)`)
}

// TestBrowserBuilder: a call author pastes a small call with a typo in a `when`, sees the
// problem at its line, fixes it and fills the preview, in both languages, offline; no draft is saved.
func TestBrowserBuilder(t *testing.T) {
	app := startApp(t, "v1")
	b := newTab(t, "")
	b.open(app.url + ui.PathBuilder)
	b.waitOfflineReady()

	// Offline from here on: the call author's office has no connection.
	app.srv.Close()
	b.goOffline()
	b.do(chromedp.Reload())
	b.waitReady()
	b.waitFor(`!!document.getElementById("builder-source")`, 10*time.Second)

	paste(b, smallCall)
	b.waitFor(`!!document.querySelector(".builder-problem")`, 10*time.Second)
	problems := eval[string](b, `document.getElementById("builder-problems").innerText`)
	if !strings.Contains(problems, "Riga 11, colonna") || !strings.Contains(problems, `"etz"`) || !strings.Contains(problems, `forse "ets"`) {
		t.Errorf("problems: %s", problems)
	}
	if n := eval[int](b, `document.querySelectorAll(".builder-problem").length`); n != 1 {
		t.Errorf("%d problems, want 1: %s", n, problems)
	}
	b.checkAxe("builder with a lint problem")

	// The line number takes the cursor to the mistake.
	b.press(".builder-problem a")
	if line := eval[int](b, `(() => { const el = document.getElementById("builder-source");
		return document.activeElement === el ? el.value.slice(0, el.selectionStart).split("\n").length : 0 })()`); line != 11 {
		t.Errorf("the cursor is on line %d, want 11", line)
	}

	fixed := strings.Replace(smallCall, `"etz == true"`, `"ets == true"`, 1)
	paste(b, fixed)
	b.waitFor(`!!document.getElementById("builder-ok") && !!document.getElementById(`+strconv.Quote(ui.FieldID("ente.nome"))+`)`, 10*time.Second)
	c, err := schema.Load([]byte(fixed))
	if err != nil {
		t.Fatal(err)
	}
	// The preview is the applicant's form: the same inputs, the same `when`.
	if eval[bool](b, `!!document.getElementById(`+strconv.Quote(ui.FieldID("ente.runts"))+`)`) {
		t.Error("runts is shown before ets is answered")
	}
	b.typeIn("ente.nome", "Associazione Ponti")
	b.fill(c, "ente.ets", true)
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID("ente.runts"))+`)`, 10*time.Second)
	b.typeIn("ente.runts", "12345")
	if v := b.value("ente.nome"); v != "Associazione Ponti" {
		t.Errorf("nome = %q", v)
	}
	// A required field left empty gets the applicant's message.
	b.fill(c, "ente.nome", "")
	b.waitFor(`(document.getElementById(`+strconv.Quote(ui.FieldID("ente.nome")+"-err")+`)?.textContent || "") !== ""`, 10*time.Second)

	b.checkAxe("builder preview with an applicant's error")
	b.click("preview-en")
	b.waitFor(`document.getElementById("builder-preview").innerText.includes("Organisation name")`, 10*time.Second)
	b.click("preview-it")
	b.waitFor(`document.getElementById("builder-preview").innerText.includes("Nome dell'ente")`, 10*time.Second)

	// Nothing was saved as a draft.
	b.open(app.url + ui.PathHome)
	b.waitFor(`!!document.querySelector(".no-drafts")`, 10*time.Second)
}

// TestBrowserBuilderStarts: a call author starts from the blank template or from a shipped
// call without any file: the schema box fills, the check passes, the preview shows the form;
// replacing what is in the box asks first.
func TestBrowserBuilderStarts(t *testing.T) {
	app := startApp(t, "test")
	b := newTab(t, "")
	b.acceptDialogs()
	b.open(app.url + ui.PathBuilder)
	b.waitFor(`!!document.getElementById("builder-template")`, 10*time.Second)

	b.press("#builder-template")
	b.waitFor(`!!document.getElementById("builder-ok") && !!document.getElementById(`+strconv.Quote(ui.FieldID("ente.denominazione"))+`)`, 10*time.Second)
	if src := eval[string](b, `document.getElementById("builder-source").value`); !strings.Contains(src, `"nuovo-bando-2026"`) {
		t.Fatalf("the schema box does not hold the template: %.200s", src)
	}
	if q := b.lastDialog(); q != "" {
		t.Errorf("asked %q before replacing an empty box", q)
	}

	b.press("#builder-from-toscana-fami-2024")
	b.waitFor(`!!document.getElementById("builder-ok") && !!document.getElementById(`+strconv.Quote(ui.FieldID("ats.denominazione_ats"))+`)`, 10*time.Second)
	if q := b.lastDialog(); !strings.Contains(q, "Sostituire lo schema") {
		t.Errorf("replacing the template did not ask first: %q", q)
	}
	b.checkAxe("builder with a shipped call")
}
