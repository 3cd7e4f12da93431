package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/ui"
	"bando/schema"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The call editor driven by the keyboard alone: the focus moves as Tab would (focusOn), and
// every action is a key press on the focused element (keys), never a click.

// focusOn moves the keyboard focus to the element with that id.
func (b *tab) focusOn(id string) {
	b.t.Helper()
	b.waitFor(`!!document.getElementById(`+strconv.Quote(id)+`)`, 10*time.Second)
	eval[bool](b, `(() => { const el = document.getElementById(`+strconv.Quote(id)+`); el.focus(); return document.activeElement === el })()`)
}

// keys types keys into the focused element, as the keyboard does.
func (b *tab) keys(keys string, opts ...chromedp.KeyOption) {
	b.t.Helper()
	b.do(chromedp.KeyEvent(keys, opts...))
}

// typeOver replaces the text of the input id by text, typed.
func (b *tab) typeOver(id, text string) {
	b.t.Helper()
	b.focusOn(id)
	eval[bool](b, `(() => { document.activeElement.select(); return true })()`)
	b.keys(text)
}

// editorJSON is the call in the editor's schema box.
func (b *tab) editorJSON() map[string]any {
	b.t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(eval[string](b, `document.getElementById("builder-source").value`)), &m); err != nil {
		b.t.Fatalf("the schema box holds no JSON: %v", err)
	}
	return m
}

// TestBrowserEditorKeyboard: from the blank template, a call author builds with the keyboard
// alone a section with a repeating group of members with a codice fiscale, shown on a
// condition; the JSON box and the preview follow every step; the call downloads as a
// .bando-call.json that lint accepts; the call being edited survives a reload and a killed
// browser.
func TestBrowserEditorKeyboard(t *testing.T) {
	app := startApp(t, "test")
	profile := t.TempDir()
	b := newTab(t, profile)
	b.open(app.url + ui.PathBuilder)

	b.focusOn("builder-template")
	b.keys(kb.Enter)
	b.waitFor(`!!document.getElementById("builder-ok") && !!document.getElementById("node-0")`, 20*time.Second)

	// A new section after the last one.
	b.focusOn("node-2")
	b.keys(kb.Enter) // select it
	b.focusOn("tree-add-section")
	b.keys(kb.Enter)
	b.waitFor(`!!document.getElementById("node-3")`, 10*time.Second)
	b.typeOver("prop-id", "soci")
	b.typeOver("prop-title-it", "Soci")
	b.typeOver("prop-title-en", "Members")

	// A repeating group in it, its field a required codice fiscale.
	b.focusOn("tree-new-type")
	b.keys("g") // "gruppo ripetibile"
	b.waitFor(`document.getElementById("tree-new-type").value === "group"`, 5*time.Second)
	b.focusOn("tree-add-field")
	b.keys(kb.Enter)
	b.waitFor(`!!document.getElementById("node-3.0.0")`, 10*time.Second)
	b.typeOver("prop-id", "membri")
	b.typeOver("prop-label-it", "Membri")
	b.typeOver("prop-label-en", "Members")
	b.typeOver("prop-when", "ente.ets == true")
	b.focusOn("node-3.0")
	b.keys(kb.ArrowDown) // to the group's field
	b.waitFor(`document.activeElement && document.activeElement.id === "node-3.0.0"`, 5*time.Second)
	b.typeOver("prop-id", "cf")
	b.typeOver("prop-label-it", "Codice fiscale")
	b.typeOver("prop-label-en", "Tax code")
	b.focusOn("rule-required")
	b.keys(" ")
	b.focusOn("rule-id")
	b.keys("c") // "codice fiscale di una persona"
	b.waitFor(`document.getElementById("rule-generated").textContent === "required,cf"`, 5*time.Second)

	// The JSON box has it all, lint is happy, the preview shows it (on its condition).
	b.waitFor(`!!document.getElementById("builder-ok")`, 10*time.Second)
	doc := b.editorJSON()
	secs := doc["sections"].([]any)
	soci := secs[len(secs)-1].(map[string]any)
	group := soci["fields"].([]any)[0].(map[string]any)
	cf := group["fields"].([]any)[0].(map[string]any)
	if soci["id"] != "soci" || group["type"] != "group" || group["when"] != "ente.ets == true" || cf["id"] != "cf" || cf["rules"] != "required,cf" {
		t.Fatalf("the schema box holds %v", soci)
	}
	b.waitFor(`document.getElementById("builder-preview").innerText.includes("Soci")`, 10*time.Second)
	b.checkAxe("editor with a field selected")

	// A rule across answers, composed with the pickers: at least one member with a tax code.
	b.focusOn("node-call")
	b.keys(kb.Enter)
	b.waitFor(`!!document.getElementById("builder-checks-add")`, 10*time.Second) // the call's form, its checks counted next
	n := strconv.Itoa(eval[int](b, `document.querySelectorAll("#builder-checks > div[id^='builder-checks-']").length`))
	b.focusOn("builder-checks-add")
	b.keys(kb.Enter)
	b.waitFor(`!!document.getElementById("check-`+n+`-picker")`, 10*time.Second)
	eval[bool](b, `(() => { document.querySelector("#check-`+n+`-picker > summary").focus(); return true })()`)
	b.keys(kb.Enter) // opens the picker
	b.focusOn("check-" + n + "-group")
	b.keys("s")                                                                                                        // soci.membri
	b.waitFor(`[...document.getElementById("check-`+n+`-field").options].some(o => o.value === "cf")`, 10*time.Second) // the group's fields
	b.focusOn("check-" + n + "-field")
	b.keys("s") // soci.membri.cf
	b.waitFor(`document.getElementById("check-`+n+`-field").value === "cf"`, 10*time.Second)
	b.focusOn("check-" + n + "-op")
	b.keys("!") // !=
	b.focusOn("check-" + n + "-write")
	b.keys(kb.Enter)
	b.waitFor(`JSON.parse(document.getElementById("builder-source").value).checks.some(c => c.rule === 'count(soci.membri[cf != ""]) >= 1')`, 10*time.Second)
	b.waitFor(`!!document.getElementById("builder-ok")`, 10*time.Second)
	b.checkAxe("editor with the call's parts")

	// Moved by the keyboard: the field out of its group and back.
	b.focusOn("node-3.0.0")
	b.keys(kb.ArrowLeft, chromedp.KeyModifiers(chromedp.ModifierAlt))
	b.waitFor(`!!document.getElementById("node-3.1") && !document.getElementById("node-3.0.0")`, 10*time.Second)
	b.focusOn("node-3.1")
	b.keys(kb.ArrowRight, chromedp.KeyModifiers(chromedp.ModifierAlt))
	b.waitFor(`!!document.getElementById("node-3.0.0") && !document.getElementById("node-3.1")`, 10*time.Second)
	// Undo twice, redo twice: the same call.
	before := eval[string](b, `document.getElementById("builder-source").value`)
	b.focusOn("node-3.0.0")
	b.keys("z", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	b.waitFor(`!!document.getElementById("node-3.1")`, 10*time.Second)
	b.focusOn("node-3.1")
	b.keys("y", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	b.waitFor(`!!document.getElementById("node-3.0.0")`, 10*time.Second)
	if after := eval[string](b, `document.getElementById("builder-source").value`); after != before {
		t.Error("undo then redo is not the same call")
	}

	// Downloaded as a call file that lint accepts.
	b.focusOn("builder-download")
	b.keys(kb.Enter)
	data := b.downloaded("*.bando-call.json", 0)
	c, err := schema.Load(data)
	if err != nil {
		t.Fatalf("the downloaded call does not load: %v", err)
	}
	if f := c.Field("soci.membri.cf"); f == nil || !strings.Contains(f.Rules, "cf") {
		t.Errorf("the downloaded call has no soci.membri.cf")
	}
	if r := c.Checks[len(c.Checks)-1].Rule; r != `count(soci.membri[cf != ""]) >= 1` {
		t.Errorf("the downloaded call's last check is %q", r)
	}

	// A reload, then a killed browser: the call is still being edited.
	b.do(chromedp.Reload())
	b.waitReady()
	b.waitFor(`!!document.getElementById("node-3.0.0") && document.getElementById("builder-source").value.includes('"soci"')`, 20*time.Second)
	b.typeOver("prop-title-it", "Soci dell'ATS") // the call, selected after the reload
	time.Sleep(600 * time.Millisecond)
	b.kill()
	b2 := newTab(t, profile)
	b2.open(app.url + ui.PathBuilder)
	b2.waitFor(`document.getElementById("builder-source").value.includes("Soci dell'ATS")`, 20*time.Second)
}
