package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"bando/app/draft"
)

// makeBundle runs `bando bundle` and returns the bundle file it wrote and its stderr.
func makeBundle(t *testing.T, args ...string) (string, *draft.Bundle, string) {
	t.Helper()
	out, errs, code := cli(t, append([]string{"bundle"}, args...)...)
	if code != 0 {
		t.Fatalf("bundle %v: exit %d\n%s", args, code, errs)
	}
	b, err := draft.DecodeBundle([]byte(out))
	if err != nil {
		t.Fatalf("the bundle does not read back: %v", err)
	}
	return writeTemp(t, "case"+draft.BundleExt, out), b, errs
}

func TestBundleCLI(t *testing.T) {
	t.Run("redacted by default", func(t *testing.T) {
		path, b, errs := makeBundle(t, "--screen", "/sezione/ats", famiErrors)
		data, _ := os.ReadFile(path)
		if !b.Redacted || b.Screen != "/sezione/ats" || b.Lang != "it" || len(b.Verdicts) != 7 || !strings.Contains(b.Browser.UserAgent, "bando CLI") {
			t.Fatalf("bundle: %+v", b)
		}
		for _, personal := range []string{"Giulia Bartolini", "BRTGLU78E54D612D", "segreteria@pec.pontidiparole.it", "Via dei Serragli"} {
			if strings.Contains(string(data), personal) {
				t.Errorf("the bundle holds %q", personal)
			}
		}
		if !strings.Contains(errs, "7 problemi registrati") || !strings.Contains(errs, "valori fittizi") {
			t.Errorf("stderr: %s", errs)
		}
	})
	t.Run("personal data only when asked", func(t *testing.T) {
		path, b, errs := makeBundle(t, "--lang", "en", "--include-personal-data", famiErrors)
		data, _ := os.ReadFile(path)
		if b.Redacted || b.Lang != "en" || !strings.Contains(string(data), "Giulia Bartolini") || !strings.Contains(errs, "WARNING") {
			t.Fatalf("redacted=%v lang=%s\n%s", b.Redacted, b.Lang, errs)
		}
	})
	t.Run("coarse facts replaced when asked", func(t *testing.T) {
		path, b, errs := makeBundle(t, "--coarsen", famiErrors)
		data, _ := os.ReadFile(path)
		if !b.Redacted || !b.Coarsened || !strings.Contains(string(data), `"coarsened": true`) || !strings.Contains(errs, "anche anno di nascita") {
			t.Fatalf("redacted=%v coarsened=%v\n%s", b.Redacted, b.Coarsened, errs)
		}
		if len(b.NotKept) > 0 {
			t.Fatalf("verdicts not kept: %v", b.NotKept)
		}
	})
	runCLICases(t, []cliCase{
		{"needs a draft", []string{"bundle"}, 2, []string{"uso: bando bundle"}, nil},
		{"missing file", []string{"bundle", "nope.bando.json"}, 2, []string{"non leggibile"}, nil},
		{"a call is not a draft", []string{"bundle", famiCall}, 2, []string{"descrizione di un bando"}, nil},
		{"a URL is not a screen", []string{"bundle", "--screen", "https://example.org", famiErrors}, 2, []string{"--screen"}, nil},
	})
}

// cliCase is one command line, its exit code, what its output must hold and which lines of
// stdout must not start with the given prefixes.
type cliCase struct {
	name     string
	args     []string
	code     int
	contains []string
	lacks    []string
}

func runCLICases(t *testing.T, cases []cliCase) {
	t.Helper()
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
			for _, no := range tc.lacks {
				if strings.Contains("\n"+out, "\n"+no) {
					t.Errorf("a line starts with %q:\n%s", no, out)
				}
			}
		})
	}
}

// editBundle rewrites a bundle file as a JSON object and returns the new file.
func editBundle(t *testing.T, path string, edit func(map[string]any)) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	out, _ := json.Marshal(m)
	return writeTemp(t, "edited"+draft.BundleExt, string(out))
}

func TestReplayCLI(t *testing.T) {
	errorsCase, _, _ := makeBundle(t, "--screen", "/sezione/ats", famiErrors)
	completeCase, _, _ := makeBundle(t, "--lang", "en", famiComplete)
	// As if the app that made the bundle had judged differently: one verdict it reported is
	// gone today (a fixed bug), and one of today's was not reported then.
	olderApp := editBundle(t, errorsCase, func(m map[string]any) {
		vs := m["verdicts"].([]any)
		vs[1].(map[string]any)["key"] = "cf.length"
		m["verdicts"] = append(vs, map[string]any{"path": "ats.stato", "key": "required"})
	})
	// A call update: a lower limit on the partners' names makes new problems.
	call, err := os.ReadFile(famiCall)
	if err != nil {
		t.Fatal(err)
	}
	stricter := strings.Replace(string(call), `"rules": "required,max=200"`, `"rules": "required,max=10"`, 1)
	if stricter == string(call) {
		t.Fatal("mutation did not apply")
	}
	stricterCall := writeTemp(t, "stricter.json", stricter)
	draftFile, _ := os.ReadFile(famiErrors)
	// An amount under the minimum: its verdict quotes the limit, worded per language.
	var d map[string]any
	if err := json.Unmarshal(draftFile, &d); err != nil {
		t.Fatal(err)
	}
	d["answers"].(map[string]any)["azioni"].(map[string]any)["linee"].([]any)[0].(map[string]any)["importo"] = 0
	zero, _ := json.Marshal(d)
	englishCase, _, _ := makeBundle(t, "--lang", "en", writeTemp(t, "zero.bando.json", string(zero)))
	garbled := writeTemp(t, "garbled"+draft.BundleExt, `{"format": "bando-support", "formatVersion": 1,`)

	runCLICases(t, []cliCase{
		{"same verdicts", []string{"replay", errorsCase}, 0, []string{
			"schermata /sezione/ats", "Dati personali sostituiti",
			"ats.membri[1].rl_cf: Il codice fiscale non è corretto", "7 problemi da correggere",
			"Nessuna differenza"}, []string{"+ ", "- "}},
		{"in the bundle's language", []string{"replay", completeCase}, 0, []string{"No problems", "No difference"}, nil},
		{"language chosen", []string{"replay", "--lang", "it", completeCase}, 0, []string{"Nessun problema"}, nil},
		{"amounts worded in another language", []string{"replay", "--lang", "it", englishCase}, 0, []string{
			"azioni.linee[0].importo: L'importo minimo è € 0,01", "Nessuna differenza"}, nil},
		{"verdicts changed since", []string{"replay", olderApp}, 1, []string{
			"+ ats.membri[1].rl_cf: Il codice fiscale non è corretto",
			"- ats.membri[1].rl_cf: cf.length",
			"- ats.stato: required"}, []string{"Nessuna differenza"}},
		{"call updated", []string{"replay", "--call", stricterCall, errorsCase}, 1, []string{
			"+ ats.membri[0].denominazione: ", "+ ats.membri[1].denominazione: "}, []string{"- "}},
		{"needs a bundle", []string{"replay"}, 2, []string{"uso: bando replay"}, nil},
		{"missing file", []string{"replay", "nope" + draft.BundleExt}, 2, []string{"non leggibile"}, nil},
		{"a draft is not a bundle", []string{"replay", writeTemp(t, "d.bando.json", string(draftFile))}, 2, []string{"è una bozza di domanda"}, nil},
		{"truncated bundle", []string{"replay", garbled}, 2, []string{"non è leggibile"}, nil},
		{"truncated bundle in English", []string{"replay", "--lang", "en", garbled}, 2, []string{"cannot be read"}, nil},
	})
}
