package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/app/pdf"
	"bando/schema"
)

// copyDraft copies a draft file into a temporary directory, so that a test may change it.
func copyDraft(t *testing.T, from string) string {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), filepath.Base(from))
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestFinaliseCommand: the browser's rules from the command line. A complete draft (warnings
// included) is stamped and written back; one with errors is refused with the errors listed
// and left as it was; a finalised one is left alone.
func TestFinaliseCommand(t *testing.T) {
	at := time.Date(2024, 3, 2, 10, 15, 30, 900, time.UTC)
	clock := func() time.Time { return at }
	tests := []struct {
		name      string
		from      string
		args      []string
		code      int
		contains  []string
		finalised bool
	}{
		{"complete", famiComplete, nil, 0, []string{"Finalizzata", "2 marzo 2024, 11:15 ora italiana", "bando pdf"}, true},
		{"with warnings only: allowed, listed", famiWarnings, nil, 0, []string{"avviso:", "Finalizzata"}, true},
		{"with errors: refused, listed", famiErrors, nil, 1, []string{"22 problemi da correggere", "non si può finalizzare", "--draft"}, false},
		{"English", famiComplete, []string{"--lang", "en"}, 0, []string{"Finalised", "2 March 2024, 11:15 Italian time"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := copyDraft(t, tc.from)
			before, _ := os.ReadFile(file)
			var out, errb bytes.Buffer
			err := finalise(context.Background(), append(tc.args, file), &out, &errb, clock)
			if code := exitCode(err, &errb); code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, out.String(), errb.String())
			}
			for _, w := range tc.contains {
				if !strings.Contains(out.String()+errb.String(), w) {
					t.Errorf("output lacks %q:\n%s%s", w, out.String(), errb.String())
				}
			}
			after, _ := os.ReadFile(file)
			d, err := draft.Decode(after)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tc.finalised && (d.FinalisedAt == nil || !d.FinalisedAt.Equal(at.Truncate(time.Second))):
				t.Errorf("finalisedAt %v, want %v (to the second, as the browser)", d.FinalisedAt, at.Truncate(time.Second))
			case !tc.finalised && !bytes.Equal(before, after):
				t.Error("a refused draft was changed")
			}
		})
	}
}

// TestFinaliseThenPDF: after `bando finalise`, `bando pdf` writes the document to sign, the
// same bytes the library (and so the browser) makes of the finalised draft; finalising again
// changes nothing.
func TestFinaliseThenPDF(t *testing.T) {
	file := copyDraft(t, famiComplete)
	expectCLI(t, []string{"finalise", file}, 0, "Finalizzata")
	stamped, _ := os.ReadFile(file)
	expectCLI(t, []string{"finalise", file}, 0, "già finalizzata")
	if again, _ := os.ReadFile(file); !bytes.Equal(stamped, again) {
		t.Error("finalising twice changed the draft")
	}
	out := filepath.Join(t.TempDir(), "domanda.pdf")
	expectCLI(t, []string{"pdf", file, "-o", out}, 0, "Scritto")
	got, _ := os.ReadFile(out)
	d, _ := draft.Decode(stamped)
	c, _ := schema.Shipped(d.Call)
	var want bytes.Buffer
	if err := pdf.Write(&want, c, d, pdf.Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) || !bytes.Contains(got, []byte("Versione definitiva")) && !bytes.Contains(got, []byte("/Title")) {
		t.Error("bando pdf of the finalised draft differs from the library's")
	}
}

// TestDraftPDFCommand: `bando pdf --draft` writes the draft PDF whatever the errors, beside
// the draft and named as the browser names it (<call>_<title>_<saved day in Rome>_bozza.pdf),
// and says what it is.
func TestDraftPDFCommand(t *testing.T) {
	file := copyDraft(t, famiErrors)
	expectCLI(t, []string{"pdf", "--draft", file}, 0, "BOZZA da far circolare", "22 problemi da correggere")
	want := filepath.Join(filepath.Dir(file), "toscana-fami-2024_toscana-insieme-servizi-accessibili-e_2024-03-03_bozza.pdf")
	got, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("no %s: %v", want, err)
	}
	d, _ := draft.Decode(mustRead(t, file))
	c, _ := schema.Shipped(d.Call)
	var lib bytes.Buffer
	if err := pdf.Write(&lib, c, d, pdf.Options{Draft: true}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, lib.Bytes()) {
		t.Error("bando pdf --draft differs from the library's draft PDF (the browser's)")
	}
	expectCLI(t, []string{"pdf", "--lang", "en", "--force", file, "-o", filepath.Join(t.TempDir(), "x.pdf")}, 0, "It is a DRAFT", "22 problems to fix")
}

// TestSmallCLIItems: -h is no error, --version answers, lint tells a draft from a call,
// verify --json answers in JSON for any file, counts agree with their number.
func TestSmallCLIItems(t *testing.T) {
	unsigned := filepath.Join(t.TempDir(), "domanda.pdf")
	expectCLI(t, []string{"pdf", famiComplete, "-o", unsigned}, 0)
	tests := []struct {
		name     string
		args     []string
		code     int
		contains []string
		absent   []string
	}{
		{"pdf -h", []string{"pdf", "-h"}, 0, []string{"uso: bando pdf", "-draft"}, []string{"help requested"}},
		{"validate --help", []string{"validate", "--help"}, 0, []string{"uso: bando validate"}, []string{"help requested"}},
		{"finalise -h", []string{"finalise", "-h"}, 0, []string{"uso: bando finalise"}, nil},
		{"eml -h", []string{"eml", "-h"}, 0, []string{"--attach"}, []string{"help requested"}},
		{"--version", []string{"--version"}, 0, []string{"bando " + version}, nil},
		{"usage names finalise", []string{"--help"}, 0, []string{"finalise", "--version"}, nil},
		{"lint of a draft", []string{"lint", famiComplete}, 1, []string{"è una bozza di domanda", "bando validate " + famiComplete}, []string{"sconosciuta"}},
		{"lint of a draft, English", []string{"lint", "--lang", "en", famiComplete}, 1, []string{"it is an application draft"}, []string{"unknown key"}},
		{"verify --json of an unsigned PDF", []string{"verify", "--json", "--draft", famiComplete, unsigned}, 2, []string{`"ok": false`, `"key": "signed.`, `"missing": [`}, nil},
		{"counts in English", []string{"validate", "--lang", "en", famiWarnings}, 0, []string{"with 2 warnings to review."}, []string{"(s)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := cli(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, stdout, stderr)
			}
			for _, w := range tc.contains {
				if !strings.Contains(stdout+stderr, w) {
					t.Errorf("output lacks %q:\n%s%s", w, stdout, stderr)
				}
			}
			for _, w := range tc.absent {
				if strings.Contains(stdout+stderr, w) {
					t.Errorf("output has %q:\n%s%s", w, stdout, stderr)
				}
			}
		})
	}
	stdout, _, _ := cli(t, "verify", "--json", "--draft", famiComplete, unsigned)
	var v struct {
		OK       bool `json:"ok"`
		Problems []struct{ Key, Message string }
	}
	if err := json.Unmarshal([]byte(stdout), &v); err != nil || v.OK || len(v.Problems) != 1 || v.Problems[0].Message == "" {
		t.Errorf("verify --json of an unsigned PDF: %v\n%s", err, stdout)
	}
}

// TestIssueCounts: Italian and English nouns agree with their number.
func TestIssueCounts(t *testing.T) {
	tests := []struct {
		errs, warns int
		lang        schema.Lang
		want        string
	}{
		{1, 0, schema.IT, "1 problema da correggere."},
		{7, 0, schema.IT, "7 problemi da correggere."},
		{1, 1, schema.IT, "1 problema da correggere e 1 avviso da rivedere."},
		{2, 3, schema.IT, "2 problemi da correggere e 3 avvisi da rivedere."},
		{0, 1, schema.IT, "Nessun errore: la domanda è completa, con 1 avviso da rivedere."},
		{1, 0, schema.EN, "1 problem to fix."},
		{7, 2, schema.EN, "7 problems to fix and 2 warnings to review."},
		{0, 1, schema.EN, "No errors: the application is complete, with 1 warning to review."},
		{0, 0, schema.EN, "No problems: the application is complete."},
	}
	for _, tc := range tests {
		if got := issueCounts(tc.errs, tc.warns, tc.lang); got != tc.want {
			t.Errorf("issueCounts(%d, %d, %s) = %q, want %q", tc.errs, tc.warns, tc.lang, got, tc.want)
		}
	}
}

// TestFinaliseAfterAChange: a finalised draft whose answers changed since (editedAfterFinal,
// as a partner sheet merged or the browser leave it) is finalised again, and until then `pdf`
// says that its PDF must not be signed.
func TestFinaliseAfterAChange(t *testing.T) {
	file := copyDraft(t, famiComplete)
	expectCLI(t, []string{"finalise", file}, 0, "Finalizzata")
	d, err := draft.Decode(mustRead(t, file))
	if err != nil {
		t.Fatal(err)
	}
	d.Edited()
	data, _ := draft.Encode(d)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	expectCLI(t, []string{"pdf", file, "-o", filepath.Join(t.TempDir(), "x.pdf")}, 0, "cambiate dopo la finalizzazione", "non va firmato")
	expectCLI(t, []string{"finalise", file}, 0, "Finalizzata")
	if d, err := draft.Decode(mustRead(t, file)); err != nil || d.Stale() || d.FinalisedAt == nil {
		t.Fatalf("finalised again: %v, stale %v", err, d.Stale())
	}
}
