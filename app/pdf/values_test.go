package pdf

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/schema"
)

// A computed total and the names of items chosen from a group are printed as the applicant
// saw them: "€ 1.000,00", "Beta ODV" — never an item id.
func TestPrintsComputedAndItemChoices(t *testing.T) {
	data, err := os.ReadFile("../../schema/testdata/values.json")
	if err != nil {
		t.Fatal(err)
	}
	c, err := schema.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	// The budget items have no ids yet (a draft saved before them): opening gives them theirs.
	a, err := schema.DecodeAnswers([]byte(`{
	  "ats": {"membri": [{"_id": "i1", "denominazione": "Alfa APS", "capofila": true}, {"_id": "i2", "denominazione": "Beta ODV"}], "referente": "i2"},
	  "progetto": {"linee": [{"_id": "i1", "titolo": "Accoglienza", "coinvolti": ["i1", "i2"]}, {"_id": "i2", "titolo": "Lavoro", "coinvolti": ["i2"]}]},
	  "budget": {"voci": [{"linea": "i1", "importo": 30000}, {"linea": "i2", "importo": 20000}, {"linea": "i2", "importo": 50000}], "totale": 1}
	}`))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	d := &draft.Draft{Format: draft.Format, FormatVersion: draft.FormatVersion, Call: c.ID, CallVersion: c.Version, SavedAt: at, CreatedAt: at, Answers: a}
	if _, err := draft.Open(d, c); err != nil {
		t.Fatal(err)
	}
	if is := c.Validate(d.Answers, schema.IT); len(is) != 0 {
		t.Fatalf("the test proposal is not valid:\n%v", is)
	}
	text := tool(t, makePDF(t, c, d, Options{}), "pdftotext", "-layout", "-enc", "UTF-8", "FILE", "-")
	space := regexp.MustCompile(`\s+`)
	lines := strings.Split(text, "\n")
	find := func(label string) string {
		for _, l := range lines {
			if strings.Contains(l, label) {
				return space.ReplaceAllString(strings.TrimSpace(l), " ")
			}
		}
		t.Fatalf("no line with %q in:\n%s", label, text)
		return ""
	}
	for label, want := range map[string]string{
		"Totale richiesto":           "€ 1.000,00",
		"IVA totale":                 "€ 220,00",
		"Residuo sotto il massimale": "€ 99.000,00",
		"Numero di membri":           "2",
		"Membro referente":           "Beta ODV",
	} {
		if l := find(label); !strings.Contains(l, want) {
			t.Errorf("%s: %q, want %q in it", label, l, want)
		}
	}
	for _, want := range []string{"• Alfa APS", "• Beta ODV", "Accoglienza", "Lavoro", "€ 110,00", "€ 700,00"} { // 110: IVA of € 500; 700: the second line's subtotal
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if os.Getenv("SHOWPDF") != "" {
		t.Log(text)
	}
	if regexp.MustCompile(`\bi[0-9]\b`).MatchString(text) {
		t.Errorf("the PDF prints an item id:\n%s", text)
	}
}
