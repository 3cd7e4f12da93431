package pdf

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"bando/app/draft"
	"bando/schema"
)

// flatText is the document's text as pdftotext reads it, whitespace folded.
func flatText(t *testing.T, out []byte, args ...string) string {
	t.Helper()
	args = append(append([]string{"-enc", "UTF-8"}, args...), "FILE", "-")
	return strings.Join(strings.Fields(tool(t, out, "pdftotext", args...)), " ")
}

// TestOpening: the document opens as a domanda under DPR 445/2000 — each signer with birth,
// codice fiscale, office and organisation, gendered from the codice fiscale, then aware of
// art. 76, CHIEDE/CHIEDONO the call's request, DICHIARA/DICHIARANO — in either language.
func TestOpening(t *testing.T) {
	c, d := loadDraft(t, exampleDraft)
	constituted := finalised(d)
	constituted.Answers = d.Answers.Clone()
	if err := constituted.Answers.Set("ats.stato", "costituita"); err != nil {
		t.Fatal(err)
	}
	noCF := finalised(d)
	noCF.Answers = d.Answers.Clone()
	if err := noCF.Answers.Set("ats.membri[0].rl_cf", ""); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		d         *draft.Draft
		lang      schema.Lang
		want, not []string
	}{
		{"ATS to be constituted: every member, plural verbs", finalised(d), schema.IT, []string{
			"I sottoscritti: – Giulia Bartolini, nata a Firenze il 14/05/1978, codice fiscale BRTGLU78E54D612D, in qualità di Presidente e legale rappresentante di Ponti di Parole APS;",
			"– Youssef El Amrani, nato in Marocco il 03/11/1985,",
			"consapevoli delle sanzioni penali previste dall'art. 76 del D.P.R. 28 dicembre 2000, n. 445",
			"CHIEDONO di partecipare alla manifestazione di interesse",
			"DICHIARANO ciascuno per l'ente che rappresenta",
		}, []string{"CHIEDE di", "%!"}},
		{"constituted ATS: the lead alone, singular verbs", constituted, schema.IT, []string{
			"La sottoscritta Giulia Bartolini, nata a Firenze il 14/05/1978, codice fiscale BRTGLU78E54D612D, in qualità di Presidente e legale rappresentante di Ponti di Parole APS, consapevole delle sanzioni",
			"CHIEDE di partecipare", "DICHIARA che i dati",
		}, []string{"Youssef El Amrani, nato", "CHIEDONO", "%!"}},
		{"no codice fiscale: both genders, nothing invented", noCF, schema.IT, []string{
			"– Giulia Bartolini, nato/a a Firenze il 14/05/1978, in qualità di Presidente",
		}, []string{"codice fiscale , ", "%!"}},
		{"English", finalised(d), schema.EN, []string{
			"The undersigned: – Giulia Bartolini, born in Firenze on 14 May 1978, tax code BRTGLU78E54D612D, as Presidente and legal representative of Ponti di Parole APS;",
			"REQUEST to take part in the call for expressions of interest", "DECLARE each for the organisation they represent",
		}, []string{"%!"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := flatText(t, makePDF(t, c, tc.d, Options{Lang: tc.lang}), "-f", "2", "-l", "3")
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q in:\n%s", w, text[:min(len(text), 3000)])
				}
			}
			for _, w := range tc.not {
				if strings.Contains(text, w) {
					t.Errorf("unexpected %q", w)
				}
			}
		})
	}
}

// TestOpeningWithoutCallTexts: a call with no request text and no role or birth fields gets
// the opening of Italian practice, naming the call by its title.
func TestOpeningWithoutCallTexts(t *testing.T) {
	shipped, d := loadDraft(t, exampleDraft)
	c := *shipped
	c.Application = schema.Application{}
	c.Signers = append([]schema.Signers(nil), shipped.Signers...)
	for i := range c.Signers {
		c.Signers[i].Role, c.Signers[i].BirthPlace, c.Signers[i].BirthDate = "", "", ""
	}
	text := flatText(t, makePDF(t, &c, finalised(d), Options{}))
	for _, w := range []string{
		"– Giulia Bartolini, codice fiscale BRTGLU78E54D612D, in qualità di legale rappresentante di Ponti di Parole APS;",
		"CHIEDONO di partecipare all'avviso «" + strings.Join(strings.Fields(c.Title.IT), " ") + "» di Regione Toscana;",
		"Data 2 marzo 2024", // no signature date named: the finalising day, in Rome
	} {
		if !strings.Contains(text, w) {
			t.Errorf("missing %q", w)
		}
	}
	if strings.Contains(text, "Carica") {
		t.Error("a call that asks no office prints a Carica line")
	}
}

// TestOneDate: the cover's date is the signature date and place of the answers, the same the
// signatures section shows; no other day (finalising, saving) is printed.
func TestOneDate(t *testing.T) {
	c, d := loadDraft(t, exampleDraft)
	text := flatText(t, makePDF(t, c, finalised(d), Options{}), "-raw")
	if n := strings.Count(text, "Luogo e data Firenze, 1 marzo 2024"); n != 2 {
		t.Errorf("place and date printed %d times, want 2 (cover, signatures)", n)
	}
	for _, other := range []string{"2 marzo 2024", "02/03/2024"} { // finalisedAt
		if strings.Contains(text, other) {
			t.Errorf("the finalising day %q is printed", other)
		}
	}
}

// TestSignatureBlocksShowTheOffice: each block names the signer's office (carica).
func TestSignatureBlocksShowTheOffice(t *testing.T) {
	c, d := loadDraft(t, exampleDraft)
	text := flatText(t, makePDF(t, c, finalised(d), Options{}))
	_, sig, _ := strings.Cut(text, "Sottoscrizione Il presente documento")
	for _, s := range c.RequiredSigners(d.Answers) {
		if want := "Carica " + s.Role; s.Role == "" || !strings.Contains(sig, want) {
			t.Errorf("no %q in the signature blocks", want)
		}
	}
}

// TestTotals: the total requested and what remains are on the cover and recapped at the end
// of the budget section with each line's amounts — the call's computed values, also when the
// proposal has no cost items at all.
func TestTotals(t *testing.T) {
	c, d := loadDraft(t, exampleDraft)
	noItems := finalised(d)
	noItems.Answers = d.Answers.Clone()
	if err := noItems.Answers.Set("budget.voci", []any{}); err != nil {
		t.Fatal(err)
	}
	if errs := c.Validate(noItems.Answers, schema.IT).Errors(); len(errs) > 0 {
		t.Fatalf("the proposal without cost items should be valid: %v", errs)
	}
	tests := []struct {
		name  string
		d     *draft.Draft
		recap []string
		lang  schema.Lang
		cover []string
	}{
		{"with cost items", finalised(d), []string{
			"Riepilogo degli importi Linea d'azione (art. 4) Importo richiesto per la linea Voci di budget assegnate a questa linea",
			"1 – Coinvolgimento e/o qualificazione del mediatore interculturale € 320.000,00 € 320.000,00",
			"Totale richiesto € 2.280.000,00 Risorse dell'avviso ancora disponibili (2.464.000 € meno il totale richiesto) € 184.000,00",
		}, schema.IT, []string{"Totale richiesto € 2.280.000,00", "(2.464.000 € meno il totale richiesto) € 184.000,00"}},
		{"without cost items", noItems, []string{
			"1 – Coinvolgimento e/o qualificazione del mediatore interculturale € 320.000,00 € 0,00",
			"Totale richiesto € 2.280.000,00",
		}, schema.IT, []string{"Totale richiesto € 2.280.000,00"}},
		{"in English", finalised(d), []string{"Summary of the amounts", "Total requested €2,280,000.00"}, schema.EN, []string{"Total requested €2,280,000.00"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := makePDF(t, c, tc.d, Options{Lang: tc.lang})
			cover := flatText(t, out, "-raw", "-f", "1", "-l", "1")
			for _, w := range tc.cover {
				if !strings.Contains(cover, w) {
					t.Errorf("cover lacks %q:\n%s", w, cover)
				}
			}
			text := flatText(t, out, "-raw")
			for _, w := range tc.recap {
				if !strings.Contains(text, w) {
					t.Errorf("document lacks %q", w)
				}
			}
		})
	}
}

// TestHeadingsKeepWithWhatFollows: no page ends with a heading — a section title, a group's
// label or an item's title — whatever the number of members moves the breaks.
func TestHeadingsKeepWithWhatFollows(t *testing.T) {
	c, d := loadDraft(t, exampleDraft)
	var headings []*regexp.Regexp
	for _, s := range c.Sections {
		headings = append(headings, regexp.MustCompile(`^\d+\. `+regexp.QuoteMeta(s.Title.IT)+`$`))
	}
	for _, f := range c.Fields() {
		if f.Type == schema.TypeGroup {
			headings = append(headings, regexp.MustCompile(`^`+regexp.QuoteMeta(f.Label.IT)+`$`))
			if f.ItemLabel.IT != "" {
				headings = append(headings, regexp.MustCompile(`^`+regexp.QuoteMeta(capitalize(f.ItemLabel.IT))+` \d+( — .*)?$`))
			}
		}
	}
	headings = append(headings, regexp.MustCompile(`^(Domanda|Riepilogo degli importi|\d+\. Sottoscrizione)$`))
	for _, n := range []int{1, 2, 3, 4, 6, 7, 9, 13, 40} {
		t.Run(fmt.Sprintf("members=%d", n), func(t *testing.T) {
			text := tool(t, makePDF(t, c, finalised(withMembers(t, d, n)), Options{}), "pdftotext", "-enc", "UTF-8", "FILE", "-")
			for i, page := range strings.Split(text, "\f") {
				var body []string
				for _, l := range strings.Split(page, "\n") {
					if l = strings.TrimSpace(l); l != "" {
						body = append(body, l)
					}
				}
				// the footer is the last four lines (call and version, page, digest, call's hash)
				if len(body) < 5 {
					continue
				}
				last := body[len(body)-5]
				for _, h := range headings {
					if h.MatchString(last) {
						t.Errorf("page %d ends with the heading %q", i+1, last)
					}
				}
			}
		})
	}
}

// TestOutline: the document has an outline (bookmarks) with the opening, every section shown
// and the signatures, each pointing at its page, and it opens with the outline shown.
func TestOutline(t *testing.T) {
	c, d := loadDraft(t, exampleDraft)
	for _, tc := range []struct {
		lang schema.Lang
		want []string
	}{
		{schema.IT, []string{"Domanda", "1. Associazione temporanea di scopo (ATS)", "2. Proposta progettuale e linee d'azione", "3. Piano finanziario", "4. Co-progettazione", "5. Dichiarazioni", "6. Sottoscrizione"}},
		{schema.EN, []string{"Application", "1. Temporary purpose association (ATS)", "2. Project proposal and action lines", "3. Budget", "4. Co-design", "5. Declarations", "6. Signatures"}},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			out := makePDF(t, c, finalised(d), Options{Lang: tc.lang})
			if !strings.Contains(string(out), "/PageMode /UseOutlines") {
				t.Error("the catalog does not open the outline")
			}
			if root := fmt.Sprintf("/Type /Outlines /Count %d ", len(tc.want)); !strings.Contains(string(out), root) {
				t.Errorf("no %q: PDF/A validators require the count", root)
			}
			js := tool(t, out, "qpdf", "--json", "--json-key=outlines", "FILE")
			re := regexp.MustCompile(`"title": "([^"]*)"`)
			var got []string
			for _, m := range re.FindAllStringSubmatch(js, -1) {
				got = append(got, m[1])
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("outline %q, want %q", got, tc.want)
			}
			if strings.Count(js, `"destpageposfrom1": `) != len(tc.want) {
				t.Errorf("not every entry points at a page:\n%s", js)
			}
		})
	}
}
