package main

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/ui"

	"github.com/chromedp/cdproto/accessibility"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserBudgetTable: the FAMI budget lines ("display": "table") are a table: rows added
// with the keyboard (the focus lands in the new row's first cell), every input named by its
// column and its row, ↑ ↓ between rows, Alt+Shift+↓ moving a row with its answers, a row
// removed after a confirmation, the footer summing the amounts with the call's total, an
// error shown in its cell; axe-core finds nothing, and on a phone the rows are stacked.
func TestBrowserBudgetTable(t *testing.T) {
	_, b, c, _ := newFAMIDraft(t)
	b.acceptDialogs()
	b.navigateInApp("/sezione/budget")
	b.waitFor(`!!document.getElementById("f-budget--voci-table")`, 10*time.Second)
	cols := eval[[]string](b, `[...document.querySelectorAll("#f-budget--voci-table [role=columnheader]")].map(th => th.textContent)`)
	if strings.Join(cols, "|") != "N.|Linea d'azione|Categoria di spesa|Descrizione|Importo (€)|Azioni sulla riga" {
		t.Fatalf("column headers: %q", cols)
	}
	cell := func(i int, col string) string { return "budget.voci[" + strconv.Itoa(i) + "]." + col }
	active := func() string { return eval[string](b, `document.activeElement ? document.activeElement.id : ""`) }
	waitActive := func(path string) {
		t.Helper()
		b.waitFor(`document.activeElement && document.activeElement.id === `+strconv.Quote(ui.FieldID(path)), 5*time.Second)
	}

	// Three rows, each added from the keyboard: Enter on "Aggiungi voce di spesa".
	amounts := []string{"100", "200", "300"}
	for i := range amounts {
		b.do(chromedp.Focus(chromedp.ID(ui.FieldID("budget.voci")+"-add")), chromedp.KeyEvent(kb.Enter))
		waitActive(cell(i, "azione"))
		b.fill(c, cell(i, "azione"), strconv.Itoa(i+1))
		b.fill(c, cell(i, "categoria"), "personale")
		b.typeIn(cell(i, "descrizione"), "Voce "+strconv.Itoa(i+1))
		b.typeIn(cell(i, "importo"), amounts[i])
	}
	if n := b.items("budget.voci"); n != 3 {
		t.Fatalf("%d rows, want 3", n)
	}
	sum := `document.getElementById("f-budget--voci-sum-importo").textContent`
	b.waitFor(sum+` === "€ 600,00"`, 5*time.Second)
	if got := eval[string](b, `document.querySelector("#f-budget--voci-table .total-head").textContent`); got != "Totale delle voci di budget" {
		t.Errorf("the footer is not named after the call's total: %q", got)
	}

	// Every input of the table is named by its column header and its row header.
	if got := axName(b, ui.FieldID(cell(1, "importo"))); got != "Importo Voce di spesa 2" {
		t.Errorf("accessible name of the second amount: %q", got)
	}
	if got := axName(b, ui.FieldID(cell(2, "azione"))); got != "Linea d'azione Voce di spesa 3" {
		t.Errorf("accessible name of the third action line: %q", got)
	}
	if got := eval[string](b, `getComputedStyle(document.querySelector('[data-path="budget.voci[0].importo"] label')).position`); got != "absolute" {
		t.Errorf("on a wide screen the cells' labels are shown (position %s): the column headers name them", got)
	}

	// ↑ ↓ go to the same column of the next row; in a select, Ctrl+↓ does (↓ alone changes the choice).
	b.do(chromedp.Focus(chromedp.ID(ui.FieldID(cell(0, "descrizione")))), chromedp.KeyEvent(kb.ArrowDown))
	waitActive(cell(1, "descrizione"))
	b.do(chromedp.KeyEvent(kb.ArrowUp))
	waitActive(cell(0, "descrizione"))
	b.do(chromedp.Focus(chromedp.ID(ui.FieldID(cell(0, "categoria")))), chromedp.KeyEvent(kb.ArrowDown, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	waitActive(cell(1, "categoria"))
	if v := b.value(cell(0, "categoria")); v != "personale" {
		t.Errorf("Ctrl+↓ changed the choice it left: %q", v)
	}

	// Alt+Shift+↓ moves the first row down, its answers with it, the focus staying in its cell.
	b.do(chromedp.Focus(chromedp.ID(ui.FieldID(cell(0, "descrizione")))),
		chromedp.KeyEvent(kb.ArrowDown, chromedp.KeyModifiers(chromedp.ModifierAlt|chromedp.ModifierShift)))
	b.waitFor(`document.getElementById(`+strconv.Quote(ui.FieldID(cell(1, "descrizione")))+`).value === "Voce 1"`, 5*time.Second)
	waitActive(cell(1, "descrizione"))
	got := []string{b.value(cell(0, "descrizione")), b.value(cell(1, "descrizione")), b.value(cell(2, "descrizione"))}
	if strings.Join(got, ",") != "Voce 2,Voce 1,Voce 3" || b.value(cell(1, "importo")) != "100,00" || b.value(cell(1, "azione")) != "1" {
		t.Fatalf("after moving the first row down: %v, amount %q, line %q", got, b.value(cell(1, "importo")), b.value(cell(1, "azione")))
	}
	b.do(chromedp.KeyEvent(kb.ArrowUp, chromedp.KeyModifiers(chromedp.ModifierAlt|chromedp.ModifierShift)))
	b.waitFor(`document.getElementById(`+strconv.Quote(ui.FieldID(cell(0, "descrizione")))+`).value === "Voce 1"`, 5*time.Second)
	waitActive(cell(0, "descrizione"))

	// The second row removed from the keyboard, after a confirmation naming it.
	b.do(chromedp.Focus(chromedp.CSS(`[data-path="budget.voci[1]"] .item-remove`)), chromedp.KeyEvent(kb.Enter))
	b.waitFor(`document.querySelectorAll(".bando-row").length === 2`, 5*time.Second)
	if q := b.lastDialog(); !strings.Contains(q, "Voce 2") {
		t.Errorf("no confirmation naming the row: %q", q)
	}
	b.waitFor(sum+` === "€ 400,00"`, 5*time.Second)
	if got := b.value(cell(1, "descrizione")); got != "Voce 3" {
		t.Fatalf("after removing the second row, the second is %q", got)
	}

	// An amount that is not one: its message in its cell, tied to the input.
	b.do(chromedp.Focus(chromedp.ID(ui.FieldID(cell(0, "importo")))), chromedp.KeyEvent(kb.End), chromedp.KeyEvent("x"), chromedp.KeyEvent(kb.Tab))
	errID := ui.FieldID(cell(0, "importo")) + "-err"
	b.waitFor(messageShown(errID), 5*time.Second)
	if in := eval[bool](b, `document.getElementById(`+strconv.Quote(errID)+`).closest("[role=cell]") === document.getElementById(`+strconv.Quote(ui.FieldID(cell(0, "importo")))+`).closest("[role=cell]")`); !in {
		t.Error("the amount's message is not in its cell")
	}
	desc := eval[string](b, `document.getElementById(`+strconv.Quote(ui.FieldID(cell(0, "importo")))+`).getAttribute("aria-describedby")`)
	inv := eval[string](b, `document.getElementById(`+strconv.Quote(ui.FieldID(cell(0, "importo")))+`).getAttribute("aria-invalid")`)
	if !strings.Contains(desc, errID) || inv != "true" {
		t.Errorf("the amount in error: aria-describedby %q, aria-invalid %q", desc, inv)
	}
	_ = active
	b.checkAxe("budget table with an error")
	if dir := os.Getenv("BANDO_SHOTS"); dir != "" {
		png, _ := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
		_ = os.WriteFile(dir+"/table-desktop.png", png, 0o644)
		defer func() {
			png, _ := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
			_ = os.WriteFile(dir+"/table-phone.png", png, 0o644)
		}()
	}

	// A phone: the rows are stacked (no horizontal scrolling), each cell with its column's name.
	b.do(chromedp.EmulateViewport(390, 844))
	b.waitFor(`getComputedStyle(document.querySelector(".bando-row")).display === "block"`, 5*time.Second)
	if w := eval[int](b, `document.querySelector(".table-responsive").scrollWidth - document.querySelector(".table-responsive").clientWidth`); w > 0 {
		t.Errorf("on a phone the table scrolls sideways by %d px", w)
	}
	if got := eval[string](b, `getComputedStyle(document.querySelector('[data-path="budget.voci[0].importo"] label')).position`); got == "absolute" {
		t.Error("on a phone the amount's label is hidden")
	}
	b.checkAxe("budget table on a phone")
}

// axName is the accessible name Chromium computes for the element with that id.
func axName(b *tab, id string) string {
	b.t.Helper()
	nodes, err := chromedp.Run(b.ctx, chromedp.Nodes(chromedp.ID(id)))
	if err != nil || len(nodes) == 0 {
		b.t.Fatalf("no #%s: %v", id, err)
	}
	r, err := chromedp.Call(b.ctx, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{
		BackendNodeID: nodes[0].BackendNodeID, FetchRelatives: new(false)})
	if err != nil || len(r.Nodes) == 0 || r.Nodes[0].Name == nil {
		b.t.Fatalf("accessible name of #%s: %v", id, err)
	}
	var name string
	if err := json.Unmarshal(r.Nodes[0].Name.Value, &name); err != nil {
		b.t.Fatalf("accessible name of #%s: %v", id, err)
	}
	return name
}
