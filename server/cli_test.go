package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	famiCall     = "../schema/calls/toscana-fami-2024.json"
	famiComplete = "../schema/calls/examples/toscana-fami-2024.complete.bando.json"
	famiErrors   = "../schema/calls/examples/toscana-fami-2024.errors.bando.json"
	famiWarnings = "../schema/calls/examples/toscana-fami-2024.warnings.bando.json"
	famiV1       = "../schema/testdata/toscana-fami-2024.v1.complete.bando.json"
)

// cli runs the command line in-process and returns stdout, stderr and the exit code.
func cli(t testing.TB, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	code := exitCode(err, &errb)
	return out.String(), errb.String(), code
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCLI(t *testing.T) {
	call, err := os.ReadFile(famiCall)
	if err != nil {
		t.Fatal(err)
	}
	// A broken copy of the call: a typo in a `when`, on a line we can find again.
	broken := strings.Replace(string(call), `"when": "bollo == \"assolta\""`, `"when": "bolo == \"assolta\""`, 1)
	if broken == string(call) {
		t.Fatal("mutation did not apply")
	}
	brokenLine := strings.Count(broken[:strings.Index(broken, `bolo ==`)], "\n") + 1
	brokenPath := writeTemp(t, "broken.json", broken)
	// A call with 1,500 unknown keys: the report lists the first schema.MaxProblems.
	typos := writeTemp(t, "typos.json", strings.Replace(string(call), `"id": "toscana-fami-2024",`, `"id": "toscana-fami-2024",`+strings.Repeat(`"tipo": 1,`, 1500), 1))
	hostile := writeTemp(t, "hostile.bando.json", `{"format":"bando-draft","formatVersion":1,"call":"toscana-fami-2024","callVersion":1,"answers":{"ats":{"membri":[`+strings.Repeat(`{},`, 999)+`{}]}}}`)
	garbled := writeTemp(t, "garbled.bando.json", "{\n  \"format\": \"bando-draft\",\n  \"call\": \"toscana-fami-2024\"\n  \"answers\": {}\n}")

	cases := []struct {
		name     string
		args     []string
		code     int
		contains []string // in stdout+stderr
	}{
		{"no command", nil, 2, []string{"uso: bando"}},
		{"unknown command", []string{"frobnicate"}, 2, []string{"comando sconosciuto"}},
		{"lint shipped call", []string{"lint", famiCall}, 0, []string{"ok — toscana-fami-2024"}},
		{"lint points at the line", []string{"lint", brokenPath}, 1, []string{"broken.json:" + itoa(brokenLine) + ":", `forse "bollo"`}},
		{"lint in English", []string{"lint", "--lang", "en", brokenPath}, 1, []string{`did you mean "bollo"`}},
		{"lint missing file", []string{"lint", "nope.json"}, 2, []string{"non leggibile"}},
		{"lint report capped", []string{"lint", typos}, 1, []string{"typos.json: … e altri 500 problemi"}},
		{"lint report capped in English", []string{"lint", "--lang", "en", typos}, 1, []string{"typos.json: … and 500 more problems"}},
		{"items past max", []string{"validate", hostile}, 1, []string{"ats.membri: Al massimo 40 voci «membro»: ora sono 1000.", "ats.membri[39].denominazione", "problemi da correggere"}},
		{"validate complete", []string{"validate", famiComplete}, 0, []string{"Nessun problema"}},
		{"validate errors", []string{"validate", "--call", "toscana-fami-2024", famiErrors}, 1, []string{
			"ats.membri[1].rl_cf: Il codice fiscale non è corretto",
			"ats.membri[1].capofila: Più di un membro è indicato come capofila",
			"ats.membri[3].forma_giuridica: Un ente pubblico non può far parte dell'ATS",
			"ats.membri[4].cf: Lo stesso valore è già indicato per membro 4",
			"azioni.linee: Il totale richiesto",
			"dichiarazioni.data: La data di sottoscrizione è successiva alla scadenza",
			"22 problemi da correggere"}},
		{"validate warnings", []string{"validate", famiWarnings}, 0, []string{
			"ats.membri[4].rl_cf", "dichiarazioni.bollo", "2 avvisi da rivedere"}},
		{"validate warnings strict", []string{"validate", "--strict", famiWarnings}, 1, []string{"2 avvisi da rivedere"}},
		{"validate errors english", []string{"validate", "--lang", "en", famiErrors}, 1, []string{"tax code is not correct"}},
		{"validate with call file", []string{"validate", "--call", famiCall, famiComplete}, 0, []string{"Nessun problema"}},
		{"unknown call id lists known", []string{"validate", "--call", "toscana-xyz", famiComplete}, 2, []string{"toscana-xyz", "toscana-fami-2024"}},
		{"malformed draft line:column", []string{"validate", garbled}, 2, []string{"riga 4, colonna 3"}},
		{"validate needs a file", []string{"validate"}, 2, []string{"uso: bando validate"}},
		{"call file used as a draft", []string{"validate", famiCall}, 2, []string{"descrizione di un bando"}},
		{"broken call file", []string{"validate", "--call", brokenPath, famiComplete}, 2, []string{"il bando non è valido"}},
		{"older draft migrates", []string{"validate", "--call", "../schema/testdata/toscana-fami-2024.v3.json", famiComplete}, 0, []string{
			"dalla versione 2 alla 3", "1 messe da parte", "Nessun problema"}},
		{"version 1 draft migrates to the shipped call", []string{"validate", famiV1}, 1, []string{
			"dalla versione 1 alla 2", "azioni.linee[0].membri_coinvolti: Scegli una risposta", "5 problemi da correggere e 1 avviso da rivedere"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, code := cli(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errs)
			}
			for _, want := range tc.contains {
				if !strings.Contains(out+errs, want) {
					t.Errorf("output lacks %q:\n%s%s", want, out, errs)
				}
			}
		})
	}
}

func TestValidateJSON(t *testing.T) {
	out, _, code := cli(t, "validate", "--json", famiErrors)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var r struct {
		Valid  bool `json:"valid"`
		Issues []struct {
			Path, Key, Message string
		} `json:"issues"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Valid || len(r.Issues) != 22 || r.Issues[3].Key != "cf.checksum" || r.Issues[3].Path != "ats.membri[1].rl_cf" {
		t.Fatalf("%+v", r)
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
