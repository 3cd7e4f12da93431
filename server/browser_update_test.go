package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"bando/app/ui"
	"bando/schema"
)

// An app update that changes the call version. make test builds, beside web/app.wasm, a second
// app with the build tag bando_v2_fixture (bin/test/app-v2.wasm, passed as $BANDO_WASM_V2):
// its FAMI call is schema/testdata/toscana-fami-2024.v2.json, where the members' "telefono"
// is renamed "recapito_telefonico" and "azioni.contesto" is removed. Without the variable the
// test builds it itself (~40 s).
var webV2 struct {
	once sync.Once
	dir  string
	err  error
}

// browserWebV2Dir is a copy of the test web folder with the version 2 app in it.
func browserWebV2Dir(t *testing.T) string {
	t.Helper()
	base := browserWebDir(t)
	webV2.once.Do(func() {
		dir, err := os.MkdirTemp("", "bando-browser-web-v2-")
		if err != nil {
			webV2.err = err
			return
		}
		if _, err := copyTree(context.Background(), base, dir); err != nil {
			webV2.err = err
			return
		}
		wasm := filepath.Join(dir, "app.wasm")
		// The compressed copies are of the version 1 app: the server would refuse them as older
		// than the new wasm anyway, but they must not exist to be served by mistake.
		for _, old := range []string{wasm + ".br", wasm + ".gz"} {
			if err := os.Remove(old); err != nil && !os.IsNotExist(err) {
				webV2.err = err
				return
			}
		}
		if src := os.Getenv("BANDO_WASM_V2"); src != "" {
			data, err := os.ReadFile(src)
			if err == nil {
				err = os.WriteFile(wasm, data, 0o644)
			}
			webV2.err = err
		} else {
			webV2.err = buildWasm(wasm, "../wasm", "bando_v2_fixture")
		}
		webV2.dir = dir
	})
	if webV2.err != nil {
		t.Fatal(webV2.err)
	}
	return webV2.dir
}

// TestBrowserUpdateChangesCallVersion: an applicant fills a version 1 FAMI draft; a new app
// with version 2 of the call is deployed; after "Ricarica" the draft opens under version 2 with
// the phone moved to its renamed field, the removed field's answer kept aside and shown on
// "check your answers", a note saying what happened, and the draft stored under version 2 —
// also after one more reload, offline.
func TestBrowserUpdateChangesCallVersion(t *testing.T) {
	v2 := browserWebV2Dir(t)
	app, b, _, _ := newFAMIDraft(t)
	b.waitOfflineReady()
	const phone, context = "055 1234567", "Quartieri della Piana fiorentina"
	b.typeIn("ats.membri[0].telefono", phone)
	b.navigateInApp("/sezione/azioni")
	b.typeIn("azioni.contesto", context)
	b.waitFor(`/salvata|saved/i.test(document.getElementById("save-status").innerText)`, 10*time.Second)

	app.deployFrom("test-v2", v2)
	eval[bool](b, `(goappTryUpdate(), true)`) // what the browser does by itself on its next check
	b.waitFor(`!!document.getElementById("update-reload")`, 30*time.Second)
	b.click("update-reload")
	b.waitFor(`typeof goappGetenv === "function" && goappGetenv("GOAPP_VERSION") === "test-v2" && document.body.dataset.ready === "1"`, 30*time.Second)

	b.waitFor(`!!document.querySelector(".migration-note")`, 10*time.Second)
	note := eval[string](b, `document.querySelector(".migration-note").innerText`)
	for _, want := range []string{"dalla versione 1 alla versione 2", "Una risposta è stata spostata in un campo rinominato", "Una risposta di un campo eliminato è conservata a parte", "recapito telefonico"} {
		if !strings.Contains(note, want) {
			t.Errorf("the migration note lacks %q: %q", want, note)
		}
	}
	b.navigateInApp("/sezione/ats")
	renamed := "ats.membri[0].recapito_telefonico"
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID(renamed))+`)`, 10*time.Second)
	if v := b.value(renamed); v != phone {
		t.Fatalf("the renamed field holds %q, want %q", v, phone)
	}
	if eval[bool](b, `!!document.getElementById(`+strconv.Quote(ui.FieldID("ats.membri[0].telefono"))+`)`) {
		t.Fatal("the old phone field is still on screen")
	}

	checkAside := func() {
		t.Helper()
		b.navigateInApp(ui.PathReview)
		b.waitFor(`!!document.getElementById("aside")`, 10*time.Second)
		text := eval[string](b, `document.getElementById("aside").innerText`)
		for _, want := range []string{"Proposta progettuale e linee d'azione › contesto", "versione 1", context} {
			if !strings.Contains(text, want) {
				t.Errorf("the answers kept aside lack %q: %q", want, text)
			}
		}
	}
	checkAside()
	b.checkAccessible()

	// What is stored is the version 2 draft, with the removed answer under its old path.
	b.waitFor(`/salvata|saved/i.test(document.getElementById("save-status").innerText)`, 10*time.Second)
	before := b.downloads()
	b.click("export")
	var d struct {
		CallVersion int               `json:"callVersion"`
		Answers     schema.Answers    `json:"answers"`
		Aside       map[string]string `json:"aside"`
	}
	if err := json.Unmarshal(b.exported(before), &d); err != nil {
		t.Fatal(err)
	}
	if d.CallVersion != 2 || d.Aside["v1:azioni.contesto"] != context || d.Answers.Get(renamed) != phone || d.Answers.Get("ats.membri[0].telefono") != nil {
		t.Fatalf("exported draft: version %d, aside %v, answers %s", d.CallVersion, d.Aside, d.Answers)
	}

	// Offline, reloaded again: no second migration, and the answer kept aside is still shown.
	b.goOffline()
	b.open(app.url + ui.PathReview)
	b.waitFor(`document.body.dataset.ready === "1" && goappGetenv("GOAPP_VERSION") === "test-v2"`, 30*time.Second)
	checkAside()
	if eval[bool](b, `!!document.querySelector(".migration-note")`) {
		t.Fatal("the migration note came back on a reload: the draft was migrated twice")
	}
}
