package main

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/ui"
	"bando/schema"
)

// An app update that changes the call version. make test builds, beside web/app.wasm, a second
// app with the build tag bando_v1_fixture (bin/test/v1/app.wasm, the folder passed as
// $BANDO_WASM_V1): its FAMI call is version 1 as it was shipped
// (schema/testdata/toscana-fami-2024.v1.json), where the RUNTS registration was one text
// ("B/104587") and each action line's members were free text. The shipped app has version 2,
// which splits the registration into section and number (a migration that computes them) and
// picks the members from the list.
var webV1 fixtureWeb

// browserWebV1Dir is a copy of the test web folder with the version 1 app in it.
func browserWebV1Dir(t *testing.T) string {
	t.Helper()
	return webV1.get(t, "BANDO_WASM_V1", "bando_v1_fixture", map[string]string{"app.wasm": "../wasm"})
}

// TestBrowserUpdateChangesCallVersion: an applicant fills a FAMI draft with the app of the
// call's version 1; the app with version 2 is deployed; after "Ricarica" the draft opens under
// version 2 with the RUNTS registration split into section and number, the free-text members of
// an action line kept aside and shown on "check your answers", a note saying what happened, and
// the draft stored under version 2 with stable item ids — also after one more reload, offline.
func TestBrowserUpdateChangesCallVersion(t *testing.T) {
	v1 := browserWebV1Dir(t)
	c1, err := schema.Load(mustRead(t, "../schema/testdata/toscana-fami-2024.v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	app := startApp(t, "test")
	app.deployFrom("test-v1", v1)
	b := newTab(t, "")
	b.open(app.url + ui.PathHome)
	b.click("new-" + c1.ID)
	b.waitFor(`location.pathname === "/sezione/ats" && !!document.getElementById("f-ats--stato")`, 15*time.Second)
	b.waitOfflineReady()
	const runts, members = "B/104587", "Ponti di Parole APS (coordinamento); Mediazione Insieme ODV (docenze)"
	b.fill(c1, "ats.membri[0].forma_giuridica", "aps")
	b.fill(c1, "ats.membri[0].ets", true)
	b.typeIn("ats.membri[0].runts", runts)
	b.navigateInApp("/sezione/azioni")
	b.typeIn("azioni.linee[0].membri", members)
	b.waitFor(`/salvata|saved/i.test(document.getElementById("save-status").innerText)`, 10*time.Second)

	app.deploy("test-v2")
	eval[bool](b, `(goappTryUpdate(), true)`) // what the browser does by itself on its next check
	b.waitFor(`!!document.getElementById("update-reload")`, 30*time.Second)
	b.click("update-reload")
	b.waitFor(`typeof goappGetenv === "function" && goappGetenv("GOAPP_VERSION") === "test-v2" && document.body.dataset.ready === "1"`, 30*time.Second)

	b.waitFor(`!!document.querySelector(".migration-note")`, 10*time.Second)
	note := eval[string](b, `document.querySelector(".migration-note").innerText`)
	for _, want := range []string{"dalla versione 1 alla versione 2", "conservate a parte", "sezione e numero"} {
		if !strings.Contains(note, want) {
			t.Errorf("the migration note lacks %q: %q", want, note)
		}
	}
	b.navigateInApp("/sezione/ats")
	number := "ats.membri[0].runts_numero"
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID(number))+`)`, 10*time.Second)
	if v := b.value(number); v != "104587" {
		t.Fatalf("the RUNTS number holds %q, want 104587", v)
	}
	if eval[bool](b, `!!document.getElementById(`+strconv.Quote(ui.FieldID("ats.membri[0].runts"))+`)`) {
		t.Fatal("the old RUNTS field is still on screen")
	}

	checkAside := func() {
		t.Helper()
		b.navigateInApp(ui.PathReview)
		b.waitFor(`!!document.getElementById("aside")`, 10*time.Second)
		text := eval[string](b, `document.getElementById("aside").innerText`)
		for _, want := range []string{"versione 1", members, runts} {
			if !strings.Contains(text, want) {
				t.Errorf("the answers kept aside lack %q: %q", want, text)
			}
		}
	}
	checkAside()
	b.checkAccessible()

	// What is stored is the version 2 draft: the section computed, every item with its id, the
	// removed answers under their old paths.
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
	if d.CallVersion != 2 || d.Aside["v1:azioni.linee[0].membri"] != members || d.Aside["v1:ats.membri[0].runts"] != runts ||
		d.Answers.Get("ats.membri[0].runts_sezione") != "b" || d.Answers.Get("ats.membri[0].runts") != nil ||
		d.Answers.Get("ats.membri[0]._id") == nil || d.Answers.Get("azioni.linee[0]._id") == nil {
		t.Fatalf("exported draft: version %d, aside %v, answers %s", d.CallVersion, d.Aside, d.Answers)
	}

	// Offline, reloaded again: no second migration, and the answers kept aside are still shown.
	b.goOffline()
	b.open(app.url + ui.PathReview)
	b.waitFor(`document.body.dataset.ready === "1" && typeof goappGetenv === "function" && goappGetenv("GOAPP_VERSION") === "test-v2"`, 30*time.Second)
	checkAside()
	if eval[bool](b, `!!document.querySelector(".migration-note")`) {
		t.Fatal("the migration note came back on a reload: the draft was migrated twice")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
