package ui

import (
	"os"
	"testing"

	"bando/schema"
)

// TestLiveValues: which answers a computed value on screen follows, so that a keystroke
// recomputes only the values that read it, and an item's own value only for that item.
func TestLiveValues(t *testing.T) {
	data, err := os.ReadFile("../../schema/testdata/values.json")
	if err != nil {
		t.Fatal(err)
	}
	c, err := schema.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	lv := newLiveValues(c)
	cases := []struct {
		field, name string
		follows     bool
	}{
		{"budget.totale", "importo", true},
		{"budget.totale", "denominazione", false},
		{"budget.residuo", "importo", true}, // through budget.totale
		{"budget.totale_iva", "importo", true},
		{"budget.voci.iva", "importo", true},
		{"ats.n_membri", "membri", true},
	}
	for _, tc := range cases {
		f := c.Field(tc.field)
		if got := lv.deps[f][tc.name]; got != tc.follows {
			t.Errorf("%s follows %s: %v, want %v", tc.field, tc.name, got, tc.follows)
		}
	}
	if !lv.local[c.Field("budget.voci.iva")] || lv.local[c.Field("budget.totale")] {
		t.Errorf("local = %v: want only budget.voci.iva", lv.local)
	}
	if !lv.labels["denominazione"] || !lv.labels["titolo"] || lv.labels["importo"] {
		t.Errorf("labels = %v", lv.labels)
	}
}
