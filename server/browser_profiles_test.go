package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/ui"
	"bando/schema"

	"github.com/chromedp/chromedp"
)

// TestBrowserOrganisationProfiles: an applicant saves a FAMI member's organisation ("Salva nei
// miei enti"), starts a proposal for another call, and fills its first partner from the saved
// organisation — the fields have other ids there; the facts land in the right places and pass
// that call's rules. A changed answer saved again updates the same organisation (same codice
// fiscale) instead of adding one. Then the list is exported, emptied and imported back, as
// when moving to another computer. Every page stays accessible.
func TestBrowserOrganisationProfiles(t *testing.T) {
	app := startApp(t, "test")
	b := newTab(t, "")
	b.acceptDialogs()

	b.importDraft(app.url, "../schema/calls/examples/toscana-fami-2024.complete.bando.json")
	b.navigateInApp("/sezione/ats")
	save := ui.FieldID("ats.membri[0]") + "-profile-save"
	b.waitFor(`!!document.getElementById(`+strconv.Quote(save)+`)`, 20*time.Second)
	// (axe checks the members' step with its profile bars in TestBrowserAxeEveryStep)
	member := b.value("ats.membri[0].denominazione")
	cf, rlCF, pec := b.value("ats.membri[0].cf"), b.value("ats.membri[0].rl_cf"), b.value("ats.membri[0].pec")
	b.click(save)
	status := ui.FieldID("ats.membri[0]") + "-profile-status"
	b.waitFor(`document.getElementById(`+strconv.Quote(status)+`).textContent.includes("è salvato")`, 10*time.Second)
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID("ats.membri[0]")+"-profile-select")+`)`, 5*time.Second)
	b.checkAxe("members step with a saved organisation")

	b.navigateInApp(ui.PathProfiles)
	b.waitFor(`!!document.getElementById("profiles-list")`, 10*time.Second)
	if list := eval[string](b, `document.getElementById("profiles-list").innerText`); !strings.Contains(list, member) || !strings.Contains(list, cf) {
		t.Fatalf("the list of organisations lacks %s (%s):\n%s", member, cf, list)
	}
	b.checkAxe("I miei enti")

	// Another call: the welfare call's partner, whose fields are named and ordered otherwise.
	b.open(app.url + ui.PathHome)
	b.click("new-toscana-welfare-comunita-2019")
	b.waitFor(`location.pathname.startsWith("/sezione/")`, 15*time.Second)
	b.navigateInApp("/sezione/partenariato")
	item := "partenariato.partner[0]"
	sel := ui.FieldID(item) + "-profile-select"
	b.waitFor(`!!document.getElementById(`+strconv.Quote(sel)+`)`, 15*time.Second)
	eval[bool](b, `(() => { const s = document.getElementById(`+strconv.Quote(sel)+`); s.value = s.options[1].value; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	fill := ui.FieldID(item) + "-profile-fill"
	b.waitFor(`!document.getElementById(`+strconv.Quote(fill)+`).disabled`, 5*time.Second)
	b.click(fill)
	b.waitFor(`document.getElementById(`+strconv.Quote(ui.FieldID(item)+"-profile-status")+`).textContent.includes("Compilati")`, 10*time.Second)
	for path, want := range map[string]string{item + ".denominazione": member, item + ".cf": cf, item + ".rl_cf": rlCF, item + ".pec": pec} {
		b.waitFor(`document.getElementById(`+strconv.Quote(ui.FieldID(path))+`).value !== ""`, 5*time.Second)
		if got := b.value(path); got != want {
			t.Errorf("%s = %q after filling from the profile, want %q", path, got, want)
		}
	}

	// The applicant corrects the partner's PEC and saves the organisation again from there: the
	// saved one is updated, not duplicated.
	welfare, err := schema.Shipped("toscana-welfare-comunita-2019")
	if err != nil {
		t.Fatal(err)
	}
	const newPEC = "segreteria.nuova@pec.example.it"
	b.fill(welfare, item+".pec", newPEC)
	b.click(ui.FieldID(item) + "-profile-save")
	b.waitFor(`document.getElementById(`+strconv.Quote(ui.FieldID(item)+"-profile-status")+`).textContent.includes("è salvato")`, 10*time.Second)

	// Moving to another computer: export, delete, import.
	b.navigateInApp(ui.PathProfiles)
	b.waitFor(`!!document.getElementById("profiles-export")`, 10*time.Second)
	if list := eval[string](b, `document.getElementById("profiles-list").innerText`); !strings.Contains(list, "Enti salvati: 1") {
		t.Errorf("saving the changed organisation again should update it, not add one:\n%s", list)
	}
	b.click("profiles-export")
	var exported string
	for deadline := time.Now().Add(20 * time.Second); exported == "" && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		files, _ := filepath.Glob(filepath.Join(b.download, "*.bando-enti.json"))
		if len(files) > 0 {
			exported = files[0]
		}
	}
	if exported == "" {
		t.Fatal("no .bando-enti.json in the downloads folder")
	}
	if data, err := os.ReadFile(exported); err != nil || !strings.Contains(string(data), cf) || !strings.Contains(string(data), newPEC) {
		t.Fatalf("the exported file lacks the organisation or its new PEC (%v):\n%.2000s", err, data)
	}
	b.press("#profiles-list button")
	b.waitFor(`!!document.getElementById("profiles-empty")`, 10*time.Second)
	b.do(chromedp.SetUploadFiles(chromedp.ID("profiles-import"), []string{exported}))
	b.waitFor(`!!document.getElementById("profiles-message") && document.getElementById("profiles-message").textContent.includes("1 enti nuovi")`, 10*time.Second)
	if list := eval[string](b, `document.getElementById("profiles-list").innerText`); !strings.Contains(list, cf) {
		t.Errorf("after import the list lacks %s:\n%s", cf, list)
	}
}
