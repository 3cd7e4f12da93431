package itid

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"testing"
)

// vectors is the known-answer file of the team's shared test data, copied into the repository
// so that every clone runs it. sharedVectors is where the team keeps the original: when it is
// there (a development machine), the copy must be the same file.
const (
	vectors       = "testdata/italian-ids.json"
	sharedVectors = "../../../shared/testdata/italian-ids.json"
)

// TestVectorsCopyUpToDate: the copy in testdata is the shared file, byte for byte.
func TestVectorsCopyUpToDate(t *testing.T) {
	shared, err := os.ReadFile(sharedVectors)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("no shared test data at %s (a clone on its own): the copy in %s is checked by TestSharedVectors", sharedVectors, vectors)
	}
	if err != nil {
		t.Fatal(err)
	}
	copied, err := os.ReadFile(vectors)
	if err != nil {
		t.Fatal(err)
	}
	if string(shared) != string(copied) {
		t.Fatalf("%s differs from %s: copy it again (cp %s %s)", vectors, sharedVectors, sharedVectors, vectors)
	}
}

type vectorGroup struct {
	Valid   []string `json:"valid"`
	Invalid []struct {
		Value string `json:"value"`
		Why   string `json:"why"`
	} `json:"invalid"`
}

// TestSharedVectors checks every vector of the shared file (its copy in testdata). A section this test does not know
// fails the test, so vectors added there are never silently skipped.
func TestSharedVectors(t *testing.T) {
	data, err := os.ReadFile(vectors)
	if err != nil {
		t.Fatal(err)
	}
	var file map[string]json.RawMessage
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatalf("%s: %v", vectors, err)
	}
	// Each section: the checks that must accept the valid vectors and refuse the invalid ones.
	sections := map[string][]func(string) error{
		"codice_fiscale_persona": {CodiceFiscale},
		// "ente_or_partita_iva": valid vectors are valid codici fiscali ente; they need not be
		// partite IVA (12345678903 has office code 890, refused by PartitaIVA, see below).
		// Invalid vectors must be refused by both.
		"codice_fiscale_ente_or_partita_iva": {CodiceFiscaleEnte},
		"iban":                               {IBAN},
	}
	invalidToo := map[string][]func(string) error{
		"codice_fiscale_ente_or_partita_iva": {PartitaIVA},
	}
	for name, raw := range file {
		if name == "about" {
			continue
		}
		checks, known := sections[name]
		if !known {
			t.Errorf("section %q of %s is not checked by this test: add it", name, vectors)
			continue
		}
		var g vectorGroup
		if err := json.Unmarshal(raw, &g); err != nil {
			t.Fatalf("section %q: %v", name, err)
		}
		if len(g.Valid) == 0 && len(g.Invalid) == 0 {
			t.Errorf("section %q is empty", name)
		}
		for _, v := range g.Valid {
			t.Run(name+"/valid/"+v, func(t *testing.T) {
				for _, check := range checks {
					if err := check(v); err != nil {
						t.Errorf("valid vector %q refused: %v", v, err)
					}
				}
			})
		}
		for _, v := range g.Invalid {
			t.Run(name+"/invalid/"+v.Value, func(t *testing.T) {
				for _, check := range append(checks, invalidToo[name]...) {
					if err := check(v.Value); err == nil {
						t.Errorf("invalid vector %q (%s) accepted", v.Value, v.Why)
					}
				}
			})
		}
	}
}

// TestSharedVectorPIVAOffice documents a finding about the shared file: 12345678903 has a
// correct check digit but office code 890, so it is a valid codice fiscale ente and not a
// valid partita IVA.
func TestSharedVectorPIVAOffice(t *testing.T) {
	expectReason(t, KindCFEnte, "12345678903", CodiceFiscaleEnte("12345678903"), "")
	expectReason(t, KindPIVA, "12345678903", PartitaIVA("12345678903"), ReasonOffice)
	expectReason(t, KindPIVA, "00743110157", PartitaIVA("00743110157"), "")
}
