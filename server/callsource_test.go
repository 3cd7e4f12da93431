package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCallsFolder: a draft made on a call published with `bando serve --calls DIR` (not one
// shipped with the app) is validated and made into a PDF with --calls DIR, read as serve reads
// it; without it, or when the folder lacks the call, the message names the call and says what
// to give.
func TestCallsFolder(t *testing.T) {
	const id = "comune-prova-2026"
	dir := callsDir(t, map[string]string{"prova.bando-call.json": famiAs(t, id, 2)})
	other := callsDir(t, map[string]string{"altro.json": famiAs(t, "altro-bando-2026", 2)})
	broken := callsDir(t, map[string]string{"rotto.json": `{"format": "bando-call", "id": "x",`})
	src, err := os.ReadFile(famiComplete)
	if err != nil {
		t.Fatal(err)
	}
	draft := writeTemp(t, "domanda.bando.json", strings.Replace(string(src), `"call": "toscana-fami-2024"`, `"call": "`+id+`"`, 1))
	pdf := filepath.Join(t.TempDir(), "domanda.pdf")

	runCLICases(t, []cliCase{
		{"validate without the folder", []string{"validate", draft}, 2, []string{`il bando "` + id + `" non è tra quelli distribuiti con l'app`, "toscana-fami-2024", "--calls DIR", "--call FILE.json"}, nil},
		{"validate without the folder, in English", []string{"validate", "--lang", "en", draft}, 2, []string{`the call "` + id + `" is not one shipped with the app`, "--calls DIR"}, nil},
		{"validate with the folder", []string{"validate", "--calls", dir, draft}, 0, []string{"Nessun problema"}, nil},
		{"pdf with the folder", []string{"pdf", "--calls", dir, draft, "-o", pdf}, 0, nil, nil},
		{"finalise with the folder", []string{"finalise", "--calls", dir, draft, "-o", filepath.Join(t.TempDir(), "f.bando.json")}, 0, nil, nil},
		{"a folder without the call", []string{"validate", "--calls", other, draft}, 2, []string{`il bando "` + id + `" non è né tra quelli distribuiti con l'app né in --calls ` + other, "--call FILE.json"}, nil},
		{"a folder without the call, in English", []string{"validate", "--lang", "en", "--calls", other, draft}, 2, []string{`the call "` + id + `" is neither shipped with the app nor in --calls ` + other}, nil},
		{"a folder with a broken call", []string{"validate", "--calls", broken, draft}, 2, []string{"rotto.json", "Nessun bando pubblicato"}, nil},
		{"a folder that is not there", []string{"validate", "--calls", filepath.Join(dir, "nope"), draft}, 2, []string{"cartella non leggibile"}, nil},
		{"or the call's file", []string{"validate", "--call", filepath.Join(dir, "prova.bando-call.json"), draft}, 0, []string{"Nessun problema"}, nil},
	})
	if data, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(data), "%PDF-") {
		t.Errorf("no PDF written: %v", err)
	}
}
