package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goldenPDF is app/pdf's golden file of the complete example: the CLI must write the same
// bytes as the library the browser runs.
const goldenPDF = "../app/pdf/testdata/toscana-fami-2024.complete.pdf"

func TestPDFCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "domanda.pdf")
	tests := []struct {
		name     string
		args     []string
		code     int
		contains []string
		file     string // written, when the command succeeds
	}{
		{"complete example", []string{"pdf", famiComplete, "-o", out}, 0, []string{"Scritto", "BOZZA", "Giulia Bartolini (BRTGLU78E54D612D)"}, out},
		{"flags before the file", []string{"pdf", "-o", out, "--call", "toscana-fami-2024", famiComplete}, 0, []string{"Scritto"}, out},
		{"incomplete answers refused", []string{"pdf", famiErrors, "-o", out}, 1, []string{"22 problemi da correggere", "--draft"}, ""},
		{"incomplete answers forced (--force, the older name of --draft)", []string{"pdf", "--force", famiErrors, "-o", filepath.Join(dir, "prova.pdf")}, 0, []string{"Scritto", "BOZZA da far circolare"}, filepath.Join(dir, "prova.pdf")},
		{"English messages", []string{"pdf", "--lang", "en", famiComplete, "-o", filepath.Join(dir, "en.pdf")}, 0, []string{"Wrote", "must not be signed"}, filepath.Join(dir, "en.pdf")},
		{"no draft", []string{"pdf"}, 2, []string{"uso: bando pdf"}, ""},
		{"two drafts", []string{"pdf", famiComplete, famiErrors}, 2, []string{"uso: bando pdf"}, ""},
		{"missing draft", []string{"pdf", filepath.Join(dir, "nope.bando.json")}, 2, []string{"non leggibile"}, ""},
		{"unwritable output", []string{"pdf", famiComplete, "-o", filepath.Join(dir, "no", "such", "dir.pdf")}, 2, []string{"dir.pdf"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			expectCLI(t, tc.args, tc.code, tc.contains...)
			if tc.file != "" {
				if b, err := os.ReadFile(tc.file); err != nil || !bytes.HasPrefix(b, []byte("%PDF-1.7")) {
					t.Errorf("%s: not a PDF (%v)", tc.file, err)
				}
			}
		})
	}
}

// TestPDFCommandSameBytesAsLibrary: "the app and the CLI produce the same bytes".
func TestPDFCommandSameBytesAsLibrary(t *testing.T) {
	out := filepath.Join(t.TempDir(), "domanda.pdf")
	if _, stderr, code := cli(t, "pdf", famiComplete, "-o", out); code != 0 {
		t.Fatal(stderr)
	}
	got, _ := os.ReadFile(out)
	want, err := os.ReadFile(goldenPDF)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("bando pdf wrote %d bytes that differ from app/pdf's golden file (%d bytes)", len(got), len(want))
	}
}

func TestParseInterspersed(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		files []string
		out   string
	}{
		{"flag last", []string{"a.json", "-o", "x.pdf"}, []string{"a.json"}, "x.pdf"},
		{"flag first", []string{"-o", "x.pdf", "a.json"}, []string{"a.json"}, "x.pdf"},
		{"flag between", []string{"a.json", "-o", "x.pdf", "b.json"}, []string{"a.json", "b.json"}, "x.pdf"},
		{"double dash ends flags", []string{"--", "-o"}, []string{"-o"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := newTestFlagSet()
			o := fs.String("o", "", "")
			files, err := parseInterspersed(fs, tc.args)
			if err != nil || strings.Join(files, ",") != strings.Join(tc.files, ",") || *o != tc.out {
				t.Errorf("files %v, -o %q, err %v", files, *o, err)
			}
		})
	}
}

func newTestFlagSet() *flag.FlagSet {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// expectCLI runs a command and checks its exit code and that its output (stdout and stderr)
// holds every string of contains; it returns the exit code.
func expectCLI(t *testing.T, args []string, code int, contains ...string) int {
	t.Helper()
	stdout, stderr, got := cli(t, args...)
	if got != code {
		t.Fatalf("exit %d, want %d\n%s%s", got, code, stdout, stderr)
	}
	for _, want := range contains {
		if !strings.Contains(stdout+stderr, want) {
			t.Errorf("output lacks %q:\n%s%s", want, stdout, stderr)
		}
	}
	return got
}
