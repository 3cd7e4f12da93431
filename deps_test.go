// Package bando_test guards the layering of the module, as go/build's deps test does for the
// standard library: the rules below are policy, read from `go list -deps` for the builds
// that ship, and a failure names the import chain that breaks one.
//
// Why each rule exists:
//   - schema is the rules of a call, shared by the browser, the worker and the CLI; anything
//     it imports lands in an applicant's first visit (≤ 2.0 MB on the wire), so it may use the
//     standard library, validator (and what validator itself needs) and its own packages only;
//   - schema/itid reads Italian identifiers and is meant to be usable anywhere: standard
//     library only;
//   - the app (wasm/, GOOS=js) must never pull in the PDF engine or the signed-file checks
//     (they live in the signing worker, loaded when the applicant signs) nor net/http (with it
//     come crypto/tls, crypto/x509 and math/big: about 0.5 MB of brotli), nor the call editor
//     (app/builder and its model app/calledit: their own program, wasm/builder, sent only for
//     /builder).
package bando_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// pkg is one package of a `go list -deps` answer.
type pkg struct {
	path, name string
	std        bool
	imports    []string
}

// graph maps import paths to packages.
type graph map[string]*pkg

// wasmTags are the build tags of the two wasm programs (Makefile WASMTAGS).
const wasmTags = "validator_novalidatefn"

// build is how a package set is compiled: the environment and go list flags.
type build struct {
	name  string
	env   []string
	flags []string
}

// goList runs `go list -deps` for patterns in b and returns the graph.
func goList(t *testing.T, b build, patterns ...string) graph {
	t.Helper()
	args := append([]string{"list", "-deps", "-f", "{{.ImportPath}}\t{{.Name}}\t{{.Standard}}\t{{join .Imports \" \"}}"}, b.flags...)
	cmd := exec.Command("go", append(args, patterns...)...)
	cmd.Env = append(os.Environ(), b.env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go %s (%s): %v\n%s", strings.Join(args, " "), b.name, err, stderr.Bytes())
	}
	g := graph{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			t.Fatalf("go list line %q", line)
		}
		g[f[0]] = &pkg{path: f[0], name: f[1], std: f[2] == "true", imports: strings.Fields(f[3])}
	}
	return g
}

// violations walks g from roots and returns, for every package ok refuses, the shortest
// import chain that reaches it ("a → b → c"), sorted. The walk does not go past a refused
// package: what it imports is reached only through it, and the chain to it says enough.
func violations(g graph, roots []string, ok func(*pkg) bool) []string {
	parent := map[string]string{}
	seen := map[string]bool{}
	queue := append([]string{}, roots...)
	for _, r := range roots {
		seen[r] = true
	}
	var bad []string
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		q := g[p]
		if q == nil {
			continue
		}
		if !ok(q) {
			chain := []string{p}
			for c := p; parent[c] != ""; c = parent[c] {
				chain = append([]string{parent[c]}, chain...)
			}
			bad = append(bad, strings.Join(chain, " → "))
			continue
		}
		for _, imp := range q.imports {
			if !seen[imp] {
				seen[imp] = true
				parent[imp] = p
				queue = append(queue, imp)
			}
		}
	}
	sort.Strings(bad)
	return bad
}

// under reports whether path is prefix or inside it.
func under(path, prefix string) bool {
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}

// roots returns the packages of g that match, sorted.
func roots(g graph, match func(*pkg) bool) []string {
	var out []string
	for path, p := range g {
		if match(p) {
			out = append(out, path)
		}
	}
	sort.Strings(out)
	return out
}

// shipped is the wasm build as the Makefile makes it: GOOS=js, the trimmed module file of
// scripts/wasmoverlay, and the wasm tags.
func shipped(t *testing.T) build {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "./scripts/wasmoverlay", "-out", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./scripts/wasmoverlay: %v\n%s", err, out)
	}
	return build{
		name:  "GOOS=js GOARCH=wasm, as shipped (wasm.mod, -tags " + wasmTags + ")",
		env:   []string{"GOOS=js", "GOARCH=wasm"},
		flags: []string{"-modfile", filepath.Join(dir, "wasm.mod"), "-tags", wasmTags},
	}
}

var native = build{name: "native"}

// TestSchemaDeps: schema's libraries import only the standard library, validator (and what
// validator needs) and schema's own packages, in the native build and in the wasm one. Its
// build-time commands (go:generate) may also use validator's translations and the locales
// they come with: they are never linked into a program.
func TestSchemaDeps(t *testing.T) {
	const validator = "github.com/go-playground/validator/v10"
	for _, b := range []build{native, shipped(t)} {
		t.Run(b.name, func(t *testing.T) {
			g := goList(t, b, "./schema/...")
			needs := goList(t, b, validator) // what validator itself imports, in this build
			inSchema := func(p *pkg) bool { return under(p.path, "bando/schema") }
			library := func(p *pkg) bool { return p.std || inSchema(p) || needs[p.path] != nil }
			tool := func(p *pkg) bool {
				return library(p) || under(p.path, validator) || under(p.path, "github.com/go-playground/locales")
			}
			rules := []struct {
				name  string
				roots []string
				ok    func(*pkg) bool
			}{
				{"libraries", roots(g, func(p *pkg) bool { return inSchema(p) && p.name != "main" }), library},
				{"generators", roots(g, func(p *pkg) bool { return inSchema(p) && p.name == "main" }), tool},
				{"itid: standard library only", []string{"bando/schema/itid"}, func(p *pkg) bool { return p.std || under(p.path, "bando/schema/itid") }},
			}
			for _, r := range rules {
				if len(r.roots) == 0 && r.name == "libraries" {
					t.Fatal("no schema package listed")
				}
				for _, v := range violations(g, r.roots, r.ok) {
					t.Errorf("schema %s: forbidden import %s", r.name, v)
				}
			}
		})
	}
}

// TestWasmDeps: the browser app never reaches the PDF engine, the signed-file checks, the call
// editor or net/http. The PDF and PEC rule holds in the plain module graph too; net/http only in the
// shipped build, whose trimmed go-app has no server side.
func TestWasmDeps(t *testing.T) {
	engine := func(p *pkg) bool {
		return under(p.path, "bando/app/pdf") || under(p.path, "bando/app/pec") ||
			under(p.path, "bando/app/builder") || under(p.path, "bando/app/calledit")
	}
	tests := []struct {
		b         build
		forbidden func(*pkg) bool
	}{
		{shipped(t), func(p *pkg) bool { return engine(p) || under(p.path, "net/http") }},
		{build{name: "GOOS=js GOARCH=wasm, plain go.mod", env: []string{"GOOS=js", "GOARCH=wasm"}, flags: []string{"-tags", wasmTags}}, engine},
	}
	for _, tc := range tests {
		t.Run(tc.b.name, func(t *testing.T) {
			g := goList(t, tc.b, "./wasm")
			if g["bando/app/ui"] == nil {
				t.Fatalf("bando/wasm does not reach bando/app/ui: not the app's main package? %d packages", len(g))
			}
			for _, v := range violations(g, []string{"bando/wasm"}, func(p *pkg) bool { return !tc.forbidden(p) }) {
				t.Errorf("the browser app reaches %s", v)
			}
		})
	}
}

// TestViolations: the checker itself, on a made-up graph.
func TestViolations(t *testing.T) {
	g := graph{
		"app":   {path: "app", imports: []string{"ui", "fmt"}},
		"ui":    {path: "ui", imports: []string{"rules", "pdf"}},
		"rules": {path: "rules", imports: []string{"fmt", "pdf"}},
		"pdf":   {path: "pdf", imports: []string{"zlib"}},
		"zlib":  {path: "zlib", std: true},
		"fmt":   {path: "fmt", std: true},
	}
	tests := []struct {
		name  string
		roots []string
		ok    func(*pkg) bool
		want  []string
	}{
		{"shortest chain, not beyond the refused package", []string{"app"}, func(p *pkg) bool { return p.path != "pdf" }, []string{"app → ui → pdf"}},
		{"several refused packages, sorted", []string{"app"}, func(p *pkg) bool { return p.path != "pdf" && p.path != "fmt" }, []string{"app → fmt", "app → ui → pdf"}},
		{"from several roots", []string{"rules", "ui"}, func(p *pkg) bool { return p.path != "pdf" && p.path != "fmt" }, []string{"rules → fmt", "rules → pdf"}},
		{"a refused root is reported alone", []string{"pdf"}, func(p *pkg) bool { return !p.std && p.path != "pdf" }, []string{"pdf"}},
		{"nothing refused", []string{"app"}, func(*pkg) bool { return true }, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := violations(g, tc.roots, tc.ok); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
