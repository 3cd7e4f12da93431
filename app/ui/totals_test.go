package ui

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"bando/app/draft"
	"bando/schema"
)

// famiExample opens the complete FAMI example as the tab's draft.
func famiExample(t *testing.T) *session {
	t.Helper()
	data, err := os.ReadFile("../../schema/calls/examples/toscana-fami-2024.complete.bando.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := draft.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	c, err := schema.Shipped(d.Call)
	if err != nil {
		t.Fatal(err)
	}
	return withDraft(t, c, d.Answers, schema.IT)
}

// TestTotalsBox: the box shows what the call computes in money and, per action line, the amount
// requested beside the budget items given to it; an amount typed changes its copy in the box.
func TestTotalsBox(t *testing.T) {
	s := famiExample(t)
	got := regexp.MustCompile(`\n\s*`).ReplaceAllString(rendered(totalsBox(s.open.call, s.open.d.Answers, schema.IT)), "")
	for _, want := range []string{
		`<dt>Totale richiesto</dt><dd><output id="sum-f-azioni--totale_richiesto">€ 2.280.000,00</output>`,
		`<output id="sum-f-azioni--residuo">€ 184.000,00</output>`,
		`<dt>Totale delle voci di budget</dt>`,
		`<caption>Linee d'azione proposte</caption>`,
		`<th scope="row">4 – Interventi di outreach</th><td><output id="sum-f-azioni--linee-2--importo">€ 410.000,00</output>`,
		`<output id="sum-f-azioni--linee-0--voci_totale">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the box lacks %s:\n%s", want, got)
		}
	}
	id := "sum-" + FieldID("azioni.linee[0].importo")
	o, ok := s.live.shown[id]
	if !ok {
		t.Fatalf("the line's amount in the box is not kept live: %v", s.live.shown)
	}
	s.set("azioni.linee[0].importo", int64(12345))
	if txt := liveText(o.f, o.path, schema.IT); txt != "€ 123,45" {
		t.Fatalf("after typing, the box would show %q", txt)
	}
	if txt := liveText(s.open.call.Field("azioni.totale_richiesto"), "azioni.totale_richiesto", schema.IT); strings.HasPrefix(txt, "€ 2.280.000") {
		t.Fatalf("the total does not follow: %q", txt)
	}
}
