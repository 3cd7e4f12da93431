package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/app/ui"
	"bando/schema"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// draftItem is a JavaScript expression for the list item of the draft named name.
func draftItem(name string) string {
	return `[...document.querySelectorAll(".draft-item")].find(li => li.querySelector(".draft-name").textContent === ` + strconv.Quote(name) + `)`
}

// romeTimes are the "15:04" of every minute from since to now in Italy: the save time shown
// must be one of them, whatever the browser's own zone.
func romeTimes(since time.Time) []string {
	var out []string
	for t := since.Add(-time.Minute); !t.After(time.Now().Add(time.Minute)); t = t.Add(time.Minute) {
		out = append(out, schema.InRome(t).Format("15:04"))
	}
	return out
}

// TestBrowserDraftsToldApart: in a browser set to English-US and to New York's time, two drafts
// of the same call with the same proposal title are told apart on the start page by where
// they stand, each saved time in Italian time with the zone named; one is renamed (and keeps
// its name after a reload), duplicated (the copy lacks the declarations), exported under the
// one naming scheme, and deleted only after a confirmation; the PDF is named the same way, and
// the list then says the draft is finalised. The start page passes axe with the list shown.
func TestBrowserDraftsToldApart(t *testing.T) {
	app := startApp(t, "test")
	b := newTab(t, "", chromedp.Flag("lang", "en-US"))
	if _, err := chromedp.Call(b.ctx, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: "en-US"}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(b.ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "America/New_York"}); err != nil {
		t.Fatal(err)
	}
	b.acceptDialogs()
	start := time.Now()
	b.importDraft(app.url, "../schema/calls/examples/toscana-fami-2024.complete.bando.json")
	b.importDraft(app.url, "../schema/calls/examples/toscana-fami-2024.errors.bando.json")
	if zone := eval[string](b, `Intl.DateTimeFormat().resolvedOptions().timeZone`); zone != "America/New_York" {
		t.Fatalf("the browser's zone is %s", zone)
	}

	b.open(app.url + ui.PathHome)
	b.waitFor(`document.querySelectorAll(".draft-item").length === 2`, 15*time.Second)
	type item struct{ Name, Call, State, Saved, StateKey string }
	items := func() []item {
		return eval[[]item](b, `[...document.querySelectorAll(".draft-item")].map(li => ({
			Name: li.querySelector(".draft-name").textContent, Call: li.querySelector(".draft-call").textContent,
			State: li.querySelector(".draft-state").textContent, Saved: li.querySelector(".draft-saved").textContent,
			StateKey: li.dataset.state}))`)
	}
	title := "Toscana Insieme – Servizi accessibili e partecipazione per i cittadini di Paesi terzi"
	c, _ := schema.Shipped("toscana-fami-2024")
	got := items()
	// most recently saved first: the draft with errors
	if got[0].Name != title || got[1].Name != title || got[0].Call != c.Title.IT || got[1].Call != c.Title.IT {
		t.Fatalf("titles and calls: %+v", got)
	}
	if got[0].StateKey != draft.StateProgress || got[0].State != "In corso: 22 problemi da correggere" ||
		got[1].StateKey != draft.StateReady || got[1].State != "Completa: da finalizzare" {
		t.Errorf("the two drafts are not told apart by where they stand: %+v", got)
	}
	today := schema.InRome(time.Now())
	months := []string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"}
	day := "salvata il " + strconv.Itoa(today.Day()) + " " + months[today.Month()-1] + " " + strconv.Itoa(today.Year()) + " alle "
	for _, it := range got {
		ok := false
		for _, hm := range romeTimes(start) {
			ok = ok || it.Saved == day+hm+", ora italiana"
		}
		if !ok {
			t.Errorf("save time %q is not Italy's (%s…, one of %v)", it.Saved, day, romeTimes(start))
		}
	}

	// Rename the draft with errors (the one open), then reload: the name stays.
	b.press(`.draft-item:first-child .draft-rename-start`)
	b.waitFor(`document.activeElement && document.activeElement.id === "rename-input"`, 10*time.Second)
	b.checkAxe("start page with drafts, renaming one")
	eval[string](b, `window.__bandoFill("rename-input", "text", "Domanda Firenze 2026")`)
	b.press("#rename-save")
	b.waitFor(`!!(`+draftItem("Domanda Firenze 2026")+`) && document.getElementById("drafts-status").textContent.includes("Titolo salvato")`, 10*time.Second)
	// the header says which draft is open, by the same name as the list
	b.waitFor(`document.getElementById("draft-name")?.textContent === "Domanda Firenze 2026"`, 10*time.Second)
	time.Sleep(time.Second) // the autosave (300 ms) writes the open draft
	b.open(app.url + ui.PathHome)
	b.waitFor(`!!(`+draftItem("Domanda Firenze 2026")+`) && !!(`+draftItem(title)+`)`, 15*time.Second)

	// Duplicate it: a third draft, "Copia di …", whose export is named by the one scheme and
	// has no declarations; the original is untouched.
	b.press(`.draft-item[data-id="` + eval[string](b, draftItem("Domanda Firenze 2026")+`.dataset.id`) + `"] .draft-duplicate`)
	copyName := "Copia di Domanda Firenze 2026"
	b.waitFor(`document.querySelectorAll(".draft-item").length === 3 && !!(`+draftItem(copyName)+`)`, 15*time.Second)
	if s := b.text("drafts-status"); !strings.Contains(s, "Dichiarazioni") {
		t.Errorf("the copy does not say what to give again: %q", s)
	}
	copyID := eval[string](b, draftItem(copyName)+`.dataset.id`)
	before := b.downloads()
	b.press(`.draft-item[data-id="` + copyID + `"] .draft-export`)
	data := b.exported(before)
	wantName := "toscana-fami-2024_copia-di-domanda-firenze-2026_" + today.Format("2006-01-02") + ".bando.json"
	if _, err := os.Stat(filepath.Join(b.download, wantName)); err != nil {
		names, _ := filepath.Glob(filepath.Join(b.download, "*"))
		t.Errorf("export not named %s: %v", wantName, names)
	}
	cp, err := draft.Decode(data)
	if err != nil || cp.Title != copyName || cp.FinalisedAt != nil || cp.Answers.Get("dichiarazioni.dpr445") != nil || cp.Answers.Get("azioni.titolo") != title {
		t.Errorf("the copy: %v %+v", err, cp)
	}

	// Delete the copy: asked first, then gone.
	b.press(`.draft-item[data-id="` + copyID + `"] .draft-delete`)
	b.waitFor(`document.querySelectorAll(".draft-item").length === 2`, 15*time.Second)
	if q := b.lastDialog(); !strings.Contains(q, "«"+copyName+"»") {
		t.Errorf("the deletion was not confirmed by name: %q", q)
	}
	if s := b.text("drafts-status"); !strings.Contains(s, "eliminata") {
		t.Errorf("the deletion is not announced: %q", s)
	}

	// The complete draft: finalised and its PDF named by the same scheme; the list says so.
	b.press(`.draft-item[data-id="` + eval[string](b, draftItem(title)+`.dataset.id`) + `"] .draft-open`)
	b.waitFor(`location.pathname.startsWith("/sezione/")`, 15*time.Second)
	b.navigateInApp(ui.PathReview)
	b.toSignPage()
	b.makePDF()
	pdfName := eval[string](b, `document.getElementById("pdf-download").getAttribute("download")`)
	if want := "toscana-fami-2024_toscana-insieme-servizi-accessibili-e_" + today.Format("2006-01-02") + ".pdf"; pdfName != want {
		t.Errorf("PDF named %q, want %q", pdfName, want)
	}
	b.navigateInApp(ui.PathHome)
	b.waitFor(draftItem(title)+`?.dataset.state === "final"`, 15*time.Second)
	if s := eval[string](b, draftItem(title)+`.querySelector(".draft-state").textContent`); s != "Finalizzata: il PDF si può firmare" {
		t.Errorf("finalised draft: %q", s)
	}
}
