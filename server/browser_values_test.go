package main

import (
	"os"
	"strconv"
	"testing"
	"time"

	"bando/app/ui"
)

// outputText is the JavaScript for the text the <output> of a computed field shows.
func outputText(path string) string {
	return `(document.getElementById(` + strconv.Quote(ui.FieldID(path)) + `)?.textContent || "")`
}

// optionLabels is the JavaScript for "value=label|value=label…" of the options of a choice.
func optionLabels(path string) string {
	return `[...document.querySelectorAll('input[name=` + strconv.Quote(ui.FieldID(path)) + `]')].map(i =>
		i.value + "=" + document.querySelector('label[for="' + i.id + '"]').textContent + (i.checked ? "*" : "")).join("|")`
}

// TestBrowserComputedAndItemChoices: in the builder's preview of a call with a computed total
// and choices fed by the members (schema/testdata/values.json), the total follows the amount
// key by key, and the members' checkboxes follow the members: a new one appears, a rename
// relabels it, a move keeps what was ticked.
func TestBrowserComputedAndItemChoices(t *testing.T) {
	call, err := os.ReadFile("../schema/testdata/values.json")
	if err != nil {
		t.Fatal(err)
	}
	app := startApp(t, "v1")
	b := newTab(t, "")
	b.open(app.url + ui.PathBuilder)
	b.waitReady()
	b.waitFor(`!!document.getElementById("builder-source")`, 10*time.Second)
	paste(b, string(call))
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID("budget.voci[0].importo"))+`)`, 10*time.Second)

	// The total, the item's VAT and what is left under the ceiling, as the amount is typed.
	if got := eval[string](b, outputText("budget.totale")); got != "€ 0,00" {
		t.Errorf("total before any amount: %q", got)
	}
	b.typeIn("budget.voci[0].importo", "12")
	b.waitFor(outputText("budget.totale")+` === "€ 12,00"`, 5*time.Second)
	b.typeIn("budget.voci[0].importo", "34,5")
	b.waitFor(outputText("budget.totale")+` === "€ 1.234,50"`, 5*time.Second)
	// The line's subtotal (sum(budget.voci[linea == this._id].importo)) once the item names it.
	if got := eval[string](b, outputText("progetto.linee[0].subtotale")); got != "€ 0,00" {
		t.Errorf("subtotal before the item names the line: %q", got)
	}
	b.press(`input[name="` + ui.FieldID("budget.voci[0].linea") + `"][value="i1"]`)
	b.waitFor(outputText("progetto.linee[0].subtotale")+` === "€ 1.234,50"`, 5*time.Second)
	// A line duplicated is a second line of the same amount, with an id of its own.
	b.press(`[data-path="budget.voci[0]"] .item-duplicate`)
	b.waitFor(outputText("budget.totale")+` === "€ 2.469,00"`, 5*time.Second)
	b.waitFor(outputText("progetto.linee[0].subtotale")+` === "€ 2.469,00"`, 5*time.Second)
	b.waitFor(`!!document.getElementById(`+jsString(ui.FieldID("budget.voci[1].importo"))+`)`, 5*time.Second) // the copy rendered
	if v := b.value("budget.voci[1].importo"); v != "1.234,50" {
		t.Errorf("the copy's amount: %q", v)
	}
	for path, want := range map[string]string{
		"budget.voci[0].iva": "€ 271,59",
		"budget.voci[1].iva": "€ 271,59",
		"budget.totale_iva":  "€ 543,18",
		"budget.residuo":     "€ 97.531,00",
	} {
		if got := eval[string](b, outputText(path)); got != want {
			t.Errorf("%s shows %q, want %q", path, got, want)
		}
	}
	if live := eval[string](b, `document.getElementById(`+strconv.Quote(ui.FieldID("budget.totale"))+`).getAttribute("aria-live")`); live != "polite" {
		t.Errorf("aria-live = %q", live)
	}

	// The members involved in a line are the members, named as they are typed.
	involved := "progetto.linee[0].coinvolti"
	if got := eval[string](b, optionLabels(involved)); got != "i1=Partner 1" {
		t.Errorf("options with one unnamed member: %q", got)
	}
	b.typeIn("ats.membri[0].denominazione", "Alfa")
	b.waitFor(optionLabels(involved)+` === "i1=Alfa"`, 5*time.Second)
	b.press(`input[name="` + ui.FieldID(involved) + `"][value="i1"]`)
	b.press("#" + ui.FieldID("ats.membri") + "-add")
	b.waitFor(optionLabels(involved)+` === "i1=Alfa*|i2=Partner 2"`, 5*time.Second)
	b.typeIn("ats.membri[1].denominazione", "Beta")
	b.typeIn("ats.membri[0].denominazione", " APS")
	b.waitFor(optionLabels(involved)+` === "i1=Alfa APS*|i2=Beta"`, 5*time.Second)
	// Beta moves up: the options follow the new order, Alfa APS stays ticked.
	b.press(`[data-path="ats.membri[1]"] .item-up`)
	b.waitFor(optionLabels(involved)+` === "i2=Beta|i1=Alfa APS*"`, 5*time.Second)
	// The referent (a choice among the members) is kept across the move and a rename.
	b.press(`input[name="` + ui.FieldID("ats.referente") + `"][value="i2"]`)
	b.typeIn("ats.membri[0].denominazione", " ODV")
	b.waitFor(optionLabels("ats.referente")+` === "i2=Beta ODV*|i1=Alfa APS"`, 5*time.Second)
	b.checkAxe("computed values and choices fed by members")
}

// TestBrowserComputedFigures: keystroke latency (the protocol of keystrokes) in the amount of
// the last of 200 budget lines while the form shows, live, each line's VAT, the total, the
// total VAT and what is left under the ceiling (schema/testdata/values.json in the builder's
// preview): the values an amount changes are recomputed from the keystroke's handler.
func TestBrowserComputedFigures(t *testing.T) {
	if os.Getenv("BANDO_BENCH_BROWSER") == "" {
		t.Skip("set BANDO_BENCH_BROWSER=1 (make bench) to measure keystroke latency with computed values")
	}
	call, err := os.ReadFile("../schema/testdata/values.json")
	if err != nil {
		t.Fatal(err)
	}
	app := startApp(t, "figures")
	b := newTab(t, "")
	b.open(app.url + ui.PathBuilder)
	b.waitReady()
	b.waitFor(`!!document.getElementById("builder-source")`, 10*time.Second)
	paste(b, string(call))
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID("budget.voci[0].importo"))+`)`, 10*time.Second)
	b.typeIn("budget.voci[0].importo", "100")
	for n := 1; n < 200; n++ {
		b.press(`[data-path="budget.voci[0]"] .item-duplicate`)
		b.waitFor(`document.querySelectorAll(':is(.group-item, .bando-row)[data-path^="budget.voci["]').length === `+strconv.Itoa(n+1), 10*time.Second)
	}
	b.waitFor(outputText("budget.totale")+` === "€ 20.000,00"`, 10*time.Second)
	figure("computed_outputs", float64(eval[int](b, `document.querySelectorAll("output").length`)))
	lat, dom := keystrokes(b, "budget.voci[199].importo", "x")
	figure("keystroke_computed_200_lines_ms_p50", percentile(lat, 50))
	figure("keystroke_computed_200_lines_ms_p95", percentile(lat, 95))
	figure("keystroke_computed_200_lines_to_dom_ms_p50", percentile(dom, 50))
	figure("keystroke_computed_200_lines_to_dom_ms_p95", percentile(dom, 95))
	// the last key typed was the bad one: that line's amount is not a number, the others count
	if got := eval[string](b, outputText("budget.totale")); got != "€ 19.900,00" {
		t.Errorf("total after the keystrokes: %q", got)
	}
}
