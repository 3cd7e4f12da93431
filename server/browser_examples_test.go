package main

import (
	"strings"
	"testing"
	"time"
)

// TestBrowserFAMIExamples: the shipped FAMI examples show the call language in the browser as
// the CLI shows it. The warnings example reaches signing with its two warnings listed apart;
// the errors example lists the problems at the member, the line and the budget item the rules
// name, and does not let the applicant sign. The review stays accessible with both.
func TestBrowserFAMIExamples(t *testing.T) {
	app := startApp(t, "test")
	b := newTab(t, "")

	b.importDraft(app.url, "../schema/calls/examples/toscana-fami-2024.warnings.bando.json")
	b.waitFor(`!!document.querySelector("#warning-summary-list")`, 20*time.Second)
	review := eval[string](b, `document.querySelector("main").innerText`)
	for _, want := range []string{"Ci sono 2 avvisi da rivedere", "Lo stesso valore è già indicato per membro 1", "non gode dell'esenzione dal bollo",
		"Totale richiesto", "€ 2.280.000,00"} {
		if !strings.Contains(review, want) {
			t.Errorf("the warnings example's review lacks %q:\n%s", want, review)
		}
	}
	b.checkAxe("FAMI warnings example")
	b.toSignPage()

	b.importDraft(app.url, "../schema/calls/examples/toscana-fami-2024.errors.bando.json")
	b.waitFor(`!!document.querySelector("#error-summary .error-summary-list")`, 20*time.Second)
	review = eval[string](b, `document.getElementById("error-summary").innerText`)
	for _, want := range []string{
		"Un ente pubblico non può far parte dell'ATS",           // each member, at the legal form
		"è iscritta nella sezione A del RUNTS",                  // legal form and RUNTS section
		"non corrisponde a quella contenuta nel codice fiscale", // birth date read from the CF
		"Lo stesso valore è già indicato per membro 4",          // unique codice fiscale
		"La voce scelta non è più tra le voci «membro»",         // members of a line picked from the list
		"una linea d'azione che la proposta non contiene",       // budget item on a line not proposed
		"successiva alla scadenza dell'avviso",                  // date against the deadline
	} {
		if !strings.Contains(review, want) {
			t.Errorf("the errors example's summary lacks %q:\n%s", want, review)
		}
	}
	if eval[bool](b, `!!document.querySelector("a#sign-entry")`) {
		t.Error("a draft with errors links to signing")
	}
	b.checkAxe("FAMI errors example")
}
