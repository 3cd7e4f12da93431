package pdf

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// An ISO 19005 validator, not only our own reading of the rules: Apache PDFBox Preflight as
// Debian packages it (libpdfbox2-java, installed by scripts/deps.sh). Preflight knows only
// PDF/A-1b, so it runs on a copy of the file whose XMP says part 1 instead of 2: the two
// parts differ in what they allow (2 allows more), and our file uses nothing beyond part 1,
// so a part-1 verdict of "valid" is a strict check of the part-2 file too. The relabelling
// swaps one byte inside the uncompressed metadata stream: no offset or /Length moves.

// welfareDraft is the complete example of the second shipped call.
const welfareDraft = "../../schema/calls/examples/toscana-welfare-comunita-2019.complete.bando.json"

// preflightJars is Preflight's classpath, by the names Debian gives the jars in javaDir:
// Preflight, PDFBox, FontBox, XmpBox and their dependencies (JAXB and javax.activation are
// no longer part of the JRE since Java 11).
var preflightJars = []string{"preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation", "jaxb-api"}

const javaDir = "/usr/share/java"

// preflightClasspath returns the classpath, or skips (loudly) when Java or a jar is missing.
func preflightClasspath(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("java"); err != nil {
		missing(t, "java (default-jre-headless)")
	}
	paths := make([]string, len(preflightJars))
	for i, j := range preflightJars {
		paths[i] = filepath.Join(javaDir, j+".jar")
		if _, err := os.Stat(paths[i]); err != nil {
			missing(t, paths[i])
		}
	}
	return strings.Join(paths, string(os.PathListSeparator))
}

// asPartOne returns a copy of pdf whose XMP identifies it as PDF/A-1 (conformance B stays).
func asPartOne(t *testing.T, pdf []byte) []byte {
	t.Helper()
	from, to := []byte("<pdfaid:part>2</pdfaid:part>"), []byte("<pdfaid:part>1</pdfaid:part>")
	if n := bytes.Count(pdf, from); n != 1 {
		t.Fatalf("%d pdfaid:part 2 entries, want 1", n)
	}
	return bytes.Replace(pdf, from, to, 1)
}

// preflight runs Validator_A1b on pdf and returns its verdict and findings.
func preflight(t *testing.T, classpath string, pdf []byte) (valid bool, out string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "proposal.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "java", "-Djava.awt.headless=true", "-cp", classpath, "org.apache.pdfbox.preflight.Validator_A1b", file)
	b, err := cmd.CombinedOutput()
	out = string(b)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) || ctx.Err() != nil {
		t.Fatalf("PDFBox Preflight did not run: %v\n%s", err, out)
	}
	valid = err == nil && strings.Contains(out, "is a valid PDF/A-1b file")
	if valid == strings.Contains(out, "not a valid PDF/A-1b file") {
		t.Fatalf("PDFBox Preflight gave no verdict (exit %v):\n%s", err, out)
	}
	return valid, out
}

// TestPreflightPDFA1b: PDFBox Preflight finds nothing wrong with either shipped call's PDF,
// nor with a large proposal (40 members, many pages, every glyph the fonts are asked for).
func TestPreflightPDFA1b(t *testing.T) {
	if testing.Short() {
		t.Skip("PDFBox Preflight takes seconds per file: make test runs it")
	}
	classpath := preflightClasspath(t)
	fami, famiDraft := loadDraft(t, exampleDraft)
	welfare, welfareExample := loadDraft(t, welfareDraft)
	tests := []struct {
		name string
		pdf  []byte
	}{
		{"FAMI example", makePDF(t, fami, finalised(famiDraft), Options{})},
		{"welfare example", makePDF(t, welfare, finalised(welfareExample), Options{})},
		{"FAMI with 40 members", makePDF(t, fami, finalised(withMembers(t, famiDraft, 40)), Options{})},
		{"FAMI draft PDF with errors", makePDF(t, errorsCall(t), errorsDraft(t), Options{Draft: true})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			valid, out := preflight(t, classpath, asPartOne(t, tc.pdf))
			if !valid {
				t.Fatalf("PDFBox Preflight (%d bytes):\n%s", len(tc.pdf), out)
			}
			t.Logf("PDFBox Preflight (%d bytes): %s", len(tc.pdf), strings.TrimSpace(out))
		})
	}
}

// TestPreflightSeesCIDSet: the validator is not a rubber stamp. The same file with its CIDSet
// references blanked out (spaces of the same length: offsets stay right) is refused for
// exactly what the finishing step adds.
func TestPreflightSeesCIDSet(t *testing.T) {
	if testing.Short() {
		t.Skip("PDFBox Preflight takes seconds per file: make test runs it")
	}
	classpath := preflightClasspath(t)
	pdf := asPartOne(t, finishedExample(t))
	refs := regexp.MustCompile(` /CIDSet \d+ 0 R`)
	if n := len(refs.FindAll(pdf, -1)); n != 3 {
		t.Fatalf("%d CIDSet references, want 3", n)
	}
	pdf = refs.ReplaceAllFunc(pdf, func(r []byte) []byte { return bytes.Repeat([]byte(" "), len(r)) })
	valid, out := preflight(t, classpath, pdf)
	if valid || strings.Count(out, "CIDSet entry is missing") != 3 {
		t.Fatalf("want three missing CIDSets, PDFBox Preflight says:\n%s", out)
	}
}
