package pdf

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/schema"
)

var update = flag.Bool("update", false, "rewrite the golden PDFs in testdata/")

// TestGolden: the same draft gives the same bytes, today and after any change that is not
// meant to change the document. Run `go test ./app/pdf -run Golden -update` after an
// intended change and look at the new files (pdftoppm) before committing them.
func TestGolden(t *testing.T) {
	c, d := loadDraft(t, exampleDraft)
	tests := []struct {
		name, golden string
		d            *draft.Draft
		lang         schema.Lang
		draft        bool
	}{
		{"complete example as saved (draft cover)", "toscana-fami-2024.complete.pdf", d, schema.IT, false},
		{"complete example finalised", "toscana-fami-2024.finalised.pdf", finalised(d), schema.IT, false},
		{"complete example finalised in English", "toscana-fami-2024.finalised.en.pdf", finalised(d), schema.EN, false},
		{"example with errors as a draft PDF", "toscana-fami-2024.errors.bozza.pdf", errorsDraft(t), schema.IT, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := makePDF(t, c, tc.d, Options{Lang: tc.lang, Draft: tc.draft})
			file := filepath.Join("testdata", tc.golden)
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file (%d bytes, golden %d): run with -update if the change is intended", tc.golden, len(got), len(want))
			}
		})
	}
}

// TestDeterministic renders in one process several times: map iteration order changes
// from run to run, so any order leaking into the output shows up here.
func TestDeterministic(t *testing.T) {
	c, d := loadDraft(t, exampleDraft)
	d = withMembers(t, d, 12)
	first := makePDF(t, c, d, Options{})
	for i := range 4 {
		if again := makePDF(t, c, d, Options{}); !bytes.Equal(first, again) {
			t.Fatalf("render %d differs from the first", i+2)
		}
	}
}

// TestDatesComeFromTheDraft: the document's date (Info, XMP) and the offered file name come
// from finalisedAt, or savedAt before finalising, in Italian time; never from the clock.
func TestDatesComeFromTheDraft(t *testing.T) {
	c, d := loadDraft(t, exampleDraft)
	tests := []struct {
		name       string
		d          *draft.Draft
		info, file string
	}{
		{"not finalised: savedAt, in Rome", d, "/CreationDate (D:20240301173000+01'00')", "toscana-fami-2024_toscana-insieme-servizi-accessibili-e_2024-03-01.pdf"},
		{"finalised: finalisedAt, in Rome", finalised(d), "/CreationDate (D:20240302111500+01'00')", "toscana-fami-2024_toscana-insieme-servizi-accessibili-e_2024-03-02.pdf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if out := makePDF(t, c, tc.d, Options{}); !bytes.Contains(out, []byte(tc.info)) {
				t.Errorf("%s not found", tc.info)
			}
			if got := FileName(c, tc.d); got != tc.file {
				t.Errorf("file name %q, want %q", got, tc.file)
			}
		})
	}
}

func TestProgress(t *testing.T) {
	c, d := loadDraft(t, exampleDraft)
	var steps [][2]int
	makePDF(t, c, d, Options{Progress: func(done, total int) { steps = append(steps, [2]int{done, total}) }})
	if len(steps) < 3 {
		t.Fatalf("progress called %d times", len(steps))
	}
	for i, s := range steps {
		if i > 0 && s[0] <= steps[i-1][0] || s[1] != steps[0][1] {
			t.Fatalf("progress not monotonic or total changed: %v", steps)
		}
	}
	if last := steps[len(steps)-1]; last[0] != last[1] {
		t.Errorf("last step %v does not reach the total", last)
	}
}

func TestWriteRefuses(t *testing.T) {
	c, d := loadDraft(t, exampleDraft)
	tests := []struct {
		name, key string
		change    func(*draft.Draft)
	}{
		{"draft of another call", "draft.other_call", func(d *draft.Draft) { d.Call = "altro-bando" }},
		{"draft of a newer call version", "draft.call_newer", func(d *draft.Draft) { d.CallVersion = 99 }},
		{"no date at all", "pdf.no_date", func(d *draft.Draft) { d.SavedAt = time.Time{} }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cp := *d
			tc.change(&cp)
			err := Write(&bytes.Buffer{}, c, &cp, Options{})
			var de *draft.Error
			var pe *Error
			switch {
			case errors.As(err, &de):
				if de.Key != tc.key {
					t.Errorf("key %q, want %q", de.Key, tc.key)
				}
			case errors.As(err, &pe):
				if pe.Key != tc.key || pe.Message(schema.EN) == pe.Message(schema.IT) {
					t.Errorf("key %q, want %q; messages %q / %q", pe.Key, tc.key, pe.Message(schema.IT), pe.Message(schema.EN))
				}
			default:
				t.Fatalf("error %v, want key %s", err, tc.key)
			}
		})
	}
}

// TestTextRoundTrip: what the PDF prints is what pdftotext reads back — the Italian letters
// and typographic quotes included, every required signer, and the shown answers only.
func TestTextRoundTrip(t *testing.T) {
	c, d := loadDraft(t, exampleDraft)
	d = finalised(d)
	d.Answers = d.Answers.Clone()
	special := "Perché già così: è più “vero” l’€ ì ò ù à é"
	if err := d.Answers.Set("budget.note", special); err != nil {
		t.Fatal(err)
	}
	// an answer the call hides (runts of a social cooperative) must not be printed
	if err := d.Answers.Set("ats.membri[2].runts_numero", "999999"); err != nil {
		t.Fatal(err)
	}
	out := makePDF(t, c, d, Options{})
	text := tool(t, out, "pdftotext", "-enc", "UTF-8", "FILE", "-")
	flat := strings.Join(strings.Fields(text), " ")
	want := []string{special, "Pagina 1 di ", "Sottoscrizione", "€ 2.280.000,00"}
	for _, s := range c.RequiredSigners(d.Answers) {
		want = append(want, s.Name, s.CF, s.Entity)
	}
	// every short text answer of the example, as typed (choices print their labels)
	values := map[string]bool{}
	for _, f := range c.Fields() {
		for _, o := range f.Options {
			values[o.Value] = true
		}
	}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case string:
			if len(x) > 2 && len(x) <= 60 && !regexp.MustCompile(`^\d{4}-\d\d-\d\d$`).MatchString(x) && !values[x] && x == strings.TrimSpace(x) {
				want = append(want, x)
			}
		}
	}
	walk(map[string]any(c.Visible(d.Answers)["ats"].(map[string]any)))
	for _, w := range want {
		if !strings.Contains(flat, strings.Join(strings.Fields(w), " ")) {
			t.Errorf("pdftotext does not find %q", w)
		}
	}
	if strings.Contains(flat, "999999") {
		t.Error("a hidden answer is printed")
	}
}

func TestSignatureBlocks(t *testing.T) {
	c, d := loadDraft(t, exampleDraft)
	tests := []struct {
		name  string
		stato string
		want  int
	}{
		{"ATS to be constituted: every member signs", "costituenda", len(d.Answers.Items("ats.membri"))},
		{"constituted ATS: the lead alone", "costituita", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cp := *finalised(d)
			cp.Answers = d.Answers.Clone()
			if err := cp.Answers.Set("ats.stato", tc.stato); err != nil {
				t.Fatal(err)
			}
			text := tool(t, makePDF(t, c, &cp, Options{}), "pdftotext", "-enc", "UTF-8", "FILE", "-")
			if n := strings.Count(text, "Firmato digitalmente"); n != tc.want {
				t.Errorf("%d signature blocks, want %d", n, tc.want)
			}
		})
	}
}

// TestCoverWithManySigners: the cover is one page; a 40-member ATS is counted there and
// listed in the signatures section, one block each.
func TestCoverWithManySigners(t *testing.T) {
	c, d := loadDraft(t, exampleDraft)
	out := makePDF(t, c, finalised(withMembers(t, d, 40)), Options{})
	cover := tool(t, out, "pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", "FILE", "-")
	if !strings.Contains(cover, "40 legali rappresentanti") || strings.Contains(cover, "Ponti di Parole APS 6") {
		t.Errorf("cover:\n%s", cover)
	}
	all := tool(t, out, "pdftotext", "-enc", "UTF-8", "FILE", "-")
	if n := strings.Count(all, "Firmato digitalmente"); n != 40 {
		t.Errorf("%d signature blocks, want 40", n)
	}
}

// TestCoverSignerWithoutEntity: a call with one applicant names no organisation per signer;
// the cover lists the signer alone, with no empty brackets.
func TestCoverSignerWithoutEntity(t *testing.T) {
	shipped, d := loadDraft(t, exampleDraft)
	c := *shipped // the shipped call is shared: change a copy
	c.Signers = append([]schema.Signers(nil), shipped.Signers...)
	for i := range c.Signers {
		c.Signers[i].Entity = ""
	}
	cover := tool(t, makePDF(t, &c, finalised(d), Options{}), "pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", "FILE", "-")
	if !strings.Contains(cover, "Giulia Bartolini") || strings.Contains(cover, "()") {
		t.Errorf("cover:\n%s", cover)
	}
}
