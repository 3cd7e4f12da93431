package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/ui"
)

// stepState is the class and text of step n (1-based) of the stepper on screen.
func (b *tab) stepState(n string) (class, text string) {
	b.t.Helper()
	li := `document.querySelector('.bando-stepper li[data-step="` + n + `"]')`
	return eval[string](b, li+`.className`), eval[string](b, li+`.textContent`)
}

// TestBrowserTrueProgress: moving past a step does not make it done; each step says in words
// how many errors it has; a step opened and answered without errors is done; on the review the
// count of a step links to its first problem, and following it puts the cursor there.
func TestBrowserTrueProgress(t *testing.T) {
	_, b, c, a := newFAMIDraft(t)
	b.waitFor(`document.querySelector('li[data-step="1"]').textContent.includes("problemi")`, 10*time.Second)
	if _, text := b.stepState("1"); !strings.Contains(text, "problemi") {
		t.Fatalf("a new draft's first step does not count its problems: %q", text)
	}

	// Past the first step without answering: it is not done, and says why.
	b.press(`li[data-step="2"] a`)
	b.waitFor(`location.pathname === "/sezione/azioni"`, 10*time.Second)
	if cls, text := b.stepState("1"); strings.Contains(cls, "step-done") || !strings.Contains(text, "problemi") {
		t.Fatalf("an empty step passed by is shown as %q %q", cls, text)
	}

	// Back, answered in full: done (and said so in words, not only in colour).
	b.press(`li[data-step="1"] a`)
	b.waitFor(`location.pathname === "/sezione/ats"`, 10*time.Second)
	b.fillSection(c, a, c.Sections[0])
	b.waitFor(`document.querySelector('li[data-step="1"]').classList.contains("step-done")`, 10*time.Second)
	if _, text := b.stepState("1"); !strings.Contains(text, "(completato)") || strings.Contains(text, "problem") {
		t.Fatalf("the answered step reads %q", text)
	}
	if cls, _ := b.stepState("3"); strings.Contains(cls, "step-done") {
		t.Fatal("a step never opened is done")
	}

	// On the review, the count of the proposal step goes to its first problem.
	b.navigateInApp(ui.PathReview)
	b.waitFor(`!!document.querySelector('.review li[data-step="2"]')`, 10*time.Second)
	href := eval[string](b, `document.querySelector('li[data-step="2"] a').getAttribute("href")`)
	if !strings.HasPrefix(href, "/sezione/azioni#f-azioni--") {
		t.Fatalf("the count links to %q", href)
	}
	b.press(`li[data-step="2"] a`)
	b.waitFor(`location.pathname === "/sezione/azioni" && "#" + document.activeElement.id === `+strconv.Quote(href[len("/sezione/azioni"):]), 10*time.Second)
}
