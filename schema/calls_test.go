package schema

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShippedCallsLoad: every call under calls/ loads without a lint problem.
func TestShippedCallsLoad(t *testing.T) {
	ids := ShippedIDs()
	if _, err := Shipped(DefaultCallID); err != nil {
		t.Fatalf("the default call does not load: %v", err)
	}
	if len(ids) == 0 {
		t.Fatal("no shipped calls")
	}
	// Each call is loaded only when asked for, so each one is asked for here.
	for _, id := range ids {
		if c, err := Shipped(id); err != nil || c.ID != id {
			t.Errorf("shipped call %q does not load under its id: %v", id, err)
		}
	}
}

// exampleDraft is the part of a .bando.json draft these tests need; package draft owns the format.
type exampleDraft struct {
	Format      string          `json:"format"`
	Call        string          `json:"call"`
	CallVersion int             `json:"callVersion"`
	Answers     json.RawMessage `json:"answers"`
}

func loadExample(t testing.TB, path string) (*Call, Answers) {
	t.Helper()
	return loadExampleAt(t, path, 0)
}

// loadExampleAt reads a draft saved under version (0: the shipped call's current version).
func loadExampleAt(t testing.TB, path string, version int) (*Call, Answers) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d exampleDraft
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	if d.Format != "bando-draft" {
		t.Fatalf("%s: format %q", path, d.Format)
	}
	c, err := Shipped(d.Call)
	if err != nil {
		t.Fatal(err)
	}
	if version == 0 {
		version = c.Version
	}
	if d.CallVersion != version {
		t.Fatalf("%s: callVersion %d, want %d", path, d.CallVersion, version)
	}
	a, err := DecodeAnswers(d.Answers)
	if err != nil {
		t.Fatal(err)
	}
	return c, a
}

// TestCompleteExamplesValid: every *.complete.bando.json validates with no issue.
func TestCompleteExamplesValid(t *testing.T) {
	files, _ := filepath.Glob("calls/examples/*.complete.bando.json")
	if len(files) == 0 {
		t.Fatal("no complete examples")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			c, a := loadExample(t, f)
			if is := c.Validate(a, IT); len(is) != 0 {
				t.Fatalf("want no issues, got:\n%v", is)
			}
			if s := c.RequiredSigners(a); len(s) == 0 {
				t.Fatal("no required signers")
			}
		})
	}
}

// TestFAMIErrorsExample: the errors example shows the typical mistakes, and one of each kind of
// rule the call language has, at the place it names: a field's own rule, a check on every
// item, a unique field, a choice among the members, a computed subtotal, a date against the
// deadline, a birth date read from a codice fiscale, and call-level checks.
func TestFAMIErrorsExample(t *testing.T) {
	c, a := loadExample(t, "calls/examples/toscana-fami-2024.errors.bando.json")
	is := c.Validate(a, IT)
	got := map[string]bool{}
	for _, x := range is {
		got[x.Path+" "+x.Key] = true
		if x.Message == "" || strings.Contains(x.Message, "{") {
			t.Errorf("bad message for %+v", x)
		}
		if x.IsWarning() {
			t.Errorf("the errors example has a warning: %+v", x)
		}
	}
	for _, want := range []string{
		"ats.membri[1].rl_cf cf.checksum",
		"ats.membri[1].capofila check.capofila_unico",
		"ats.membri[1].runts_sezione check.sezione_odv",
		"ats.membri[2].rl_nascita_data check.rl_nascita_cf",
		"ats.membri[3].forma_giuridica check.membro_privato",
		"ats.membri[4].cf unique",
		"azioni.linee[4].linea unique",
		"azioni.linee[3].membri_coinvolti choice.item",
		"azioni.linee[1].importo check.voci_linea",
		"budget.voci[20].azione check.voce_su_linea_proposta",
		"azioni.linee check.budget_within_call",
		"dichiarazioni.data check.data_entro_scadenza",
	} {
		if !got[want] {
			t.Errorf("errors example: no %s; got:\n%v", want, is)
		}
	}
}

// TestFAMIWarningsExample: the warnings example is a proposal that can be finalised and signed
// (no error) with the two things the call only warns about: one person legal representative of
// two members, and the stamp-duty exemption of an ATS costituenda with a member that has none.
func TestFAMIWarningsExample(t *testing.T) {
	c, a := loadExample(t, "calls/examples/toscana-fami-2024.warnings.bando.json")
	is := c.Validate(a, IT)
	if errs := is.Errors(); len(errs) != 0 {
		t.Fatalf("the warnings example has errors:\n%v", errs)
	}
	var got []string
	for _, x := range is.Warnings() {
		got = append(got, x.Path+" "+x.Key)
	}
	want := []string{"ats.membri[4].rl_cf unique", "dichiarazioni.bollo check.bollo_esenzione_membri"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
