package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bando/schema"
)

// TestBuild: the trimmed copies are written and every validator tag they drop is refused by
// schema's lint in every build, with its reason: a call that passes lint is judged by the same
// checks in the browser (trimmed) and in the CLI and server (whole validator).
func TestBuild(t *testing.T) {
	out := t.TempDir()
	ov, err := build(out)
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(ov.modfile)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{goAppModule, validatorModule} {
		if !strings.Contains(string(mod), "replace "+m+" => "+filepath.Join(out, "mod")) {
			t.Errorf("the module file does not replace %s:\n%s", m, mod)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "wasm.sum")); err != nil {
		t.Error(err)
	}

	// The BCP 47 check is dropped, so its large regular expression must not be compiled at
	// every start of the app either.
	bakedIn, err := os.ReadFile(filepath.Join(out, "mod", validatorModule, "baked_in.go"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(bakedIn), "bcp47LanguageTagRe") {
		t.Error("the trimmed baked_in.go still declares bcp47LanguageTagRe, compiled at start-up")
	}

	mini, err := os.ReadFile("../../schema/testdata/mini.json")
	if err != nil {
		t.Fatal(err)
	}
	const rule = `"rules": "required,max=20"`
	if !strings.Contains(string(mini), rule) {
		t.Fatalf("mini.json has no %s to replace", rule)
	}
	if len(ov.dropped) < 10 {
		t.Fatalf("only %d tags dropped: %v", len(ov.dropped), ov.dropped)
	}
	for _, tag := range ov.dropped {
		t.Run(tag, func(t *testing.T) {
			_, err := schema.Load([]byte(strings.Replace(string(mini), rule, `"rules": "required,`+tag+`"`, 1)))
			if err == nil || !strings.Contains(err.Error(), tag) {
				t.Fatalf("lint accepts %q, which the browser build leaves out (err: %v)", tag, err)
			}
		})
	}
}

// TestRemoveUnusedVars: a package-level variable nothing refers to any more is removed with
// its initialiser (which would otherwise run at every start of the app), and one still used —
// in the file or by another file of the package — is kept.
func TestRemoveUnusedVars(t *testing.T) {
	const src = `package p

var (
	used   = 1
	unused = regexp.MustCompile("x")
	shared = 2
)

var alone = 3

func f() int { return used }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	if n := removeUnusedVars(f, map[string]bool{"shared": true}); n != 2 {
		t.Errorf("removed %d variables, want 2 (unused, alone)", n)
	}
	var names []string
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.VAR {
			for _, s := range gd.Specs {
				names = append(names, s.(*ast.ValueSpec).Names[0].Name)
			}
		}
	}
	if got := strings.Join(names, ","); got != "used,shared" {
		t.Errorf("variables left: %s, want used,shared", got)
	}
}
