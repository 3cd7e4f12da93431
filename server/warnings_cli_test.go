package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	checksCall     = "../schema/testdata/checks.json"
	checksWarnings = "testdata/checks.warnings.bando.json" // complete, two warnings
	checksErrors   = "testdata/checks.errors.bando.json"   // two errors (per-item check, duplicate CF) and the two warnings
)

// TestCLIWarnings: warnings are listed, marked, and never make a command fail unless asked.
func TestCLIWarnings(t *testing.T) {
	pdfOut := filepath.Join(t.TempDir(), "w.pdf")
	cases := []struct {
		name    string
		args    []string
		code    int
		want    []string // in stdout+stderr
		notWant []string
	}{
		{"warnings only: valid", []string{"validate", "--call", checksCall, checksWarnings}, 0,
			[]string{"ats.membri[1].rl_cf: avviso: Lo stesso valore è già indicato per Partner 1.", "ats.membri[1].sito: avviso: Per una ODV", "Nessun errore: la domanda è completa, con 2 avvisi da rivedere."}, nil},
		{"warnings only in English", []string{"validate", "--lang", "en", "--call", checksCall, checksWarnings}, 0,
			[]string{"ats.membri[1].rl_cf: warning: The same value is already given for Partner 1.", "with 2 warnings to review."}, nil},
		{"--strict counts warnings", []string{"validate", "--strict", "--call", checksCall, checksWarnings}, 1,
			[]string{"avviso:", "--strict: gli avvisi contano come errori."}, nil},
		{"errors and warnings", []string{"validate", "--call", checksCall, checksErrors}, 1,
			[]string{"ats.membri[0].forma: Partner 1: una S.r.l. non può essere capofila.", "ats.membri[1].cf: Lo stesso valore", "2 problemi da correggere e 2 avvisi da rivedere."},
			[]string{"ats.membri[1].cf: avviso"}},
		{"the PDF is made with warnings", []string{"pdf", "--call", checksCall, checksWarnings, "-o", pdfOut}, 0,
			[]string{"Scritto " + pdfOut, "avviso: Lo stesso valore"}, nil},
		{"the PDF is refused with errors", []string{"pdf", "--call", checksCall, checksErrors, "-o", pdfOut + "2"}, 1,
			[]string{"la domanda non è completa", "Lo stesso valore"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, code := cli(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errs)
			}
			for _, w := range tc.want {
				if !strings.Contains(out+errs, w) {
					t.Errorf("output lacks %q:\n%s%s", w, out, errs)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(out+errs, w) {
					t.Errorf("output has %q:\n%s%s", w, out, errs)
				}
			}
		})
	}
	if _, err := os.Stat(pdfOut); err != nil {
		t.Errorf("no PDF from the draft with warnings: %v", err)
	}
	if _, err := os.Stat(pdfOut + "2"); err == nil {
		t.Errorf("a PDF from the draft with errors")
	}
}

// TestValidateJSONWarnings: --json marks each issue's severity, counts both, and says valid
// unless --strict finds warnings.
func TestValidateJSONWarnings(t *testing.T) {
	type result struct {
		Valid    bool `json:"valid"`
		Strict   bool `json:"strict"`
		Errors   int  `json:"errors"`
		Warnings int  `json:"warnings"`
		Issues   []struct {
			Path, Key, Severity string
		} `json:"issues"`
	}
	cases := []struct {
		name         string
		args         []string
		code         int
		valid        bool
		errs, warns  int
		wantSeverity map[string]string // path → severity
	}{
		{"warnings", []string{checksWarnings}, 0, true, 0, 2, map[string]string{"ats.membri[1].rl_cf": "warning", "ats.membri[1].sito": "warning"}},
		{"warnings strict", []string{"--strict", checksWarnings}, 1, false, 0, 2, nil},
		{"errors", []string{checksErrors}, 1, false, 2, 2, map[string]string{"ats.membri[0].forma": "", "ats.membri[1].cf": "", "ats.membri[1].rl_cf": "warning"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, code := cli(t, append([]string{"validate", "--json", "--call", checksCall}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, out, errs)
			}
			var r result
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatal(err)
			}
			if r.Valid != tc.valid || r.Errors != tc.errs || r.Warnings != tc.warns || len(r.Issues) != tc.errs+tc.warns {
				t.Fatalf("got %+v", r)
			}
			for _, is := range r.Issues {
				if want, ok := tc.wantSeverity[is.Path]; ok && is.Severity != want {
					t.Errorf("%s: severity %q, want %q", is.Path, is.Severity, want)
				}
			}
		})
	}
}
