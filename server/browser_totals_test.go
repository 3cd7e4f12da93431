package main

import (
	"strconv"
	"testing"
	"time"

	"bando/app/ui"
)

// outputIs is a JavaScript test: does the <output> id show text?
func outputIs(id, text string) string {
	return `((e) => !!e && e.textContent === ` + strconv.Quote(text) + `)(document.getElementById(` + strconv.Quote(id) + `))`
}

// TestBrowserLiveTotals: the totals box of the proposal and budget steps follows the typing —
// total requested, what is left under the ceiling, each line's amount beside the budget items
// given to it, the total of the items — at each keystroke, before leaving the field; the
// review shows the same box.
func TestBrowserLiveTotals(t *testing.T) {
	_, b, c, _ := newFAMIDraft(t)
	b.navigateInApp("/sezione/azioni")
	b.waitFor(`!!document.getElementById("totals")`, 10*time.Second)
	b.fill(c, "azioni.linee[0].linea", "4")
	b.typeIn("azioni.linee[0].importo", "1000")
	b.waitFor(outputIs("sum-"+ui.FieldID("azioni.totale_richiesto"), "€ 1.000,00"), 5*time.Second)
	b.waitFor(outputIs("sum-"+ui.FieldID("azioni.residuo"), "€ 2.463.000,00"), 5*time.Second)
	b.waitFor(outputIs("sum-"+ui.FieldID("azioni.linee[0].importo"), "€ 1.000,00"), 5*time.Second)

	b.navigateInApp("/sezione/budget")
	b.waitFor(`document.querySelector("#totals th[scope=row]").textContent === "4 – Interventi di outreach"`, 10*time.Second)
	b.press("#" + ui.FieldID("budget.voci") + "-add")
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID("budget.voci[0].importo"))+`)`, 5*time.Second)
	b.fill(c, "budget.voci[0].azione", "4")
	b.typeIn("budget.voci[0].importo", "400,5")
	b.waitFor(outputIs("sum-"+ui.FieldID("budget.totale_voci"), "€ 400,50"), 5*time.Second)
	b.waitFor(outputIs("sum-"+ui.FieldID("azioni.linee[0].voci_totale"), "€ 400,50"), 5*time.Second)

	b.navigateInApp(ui.PathReview)
	b.waitFor(outputIs("sum-"+ui.FieldID("azioni.totale_richiesto"), "€ 1.000,00"), 10*time.Second)
}
