package main

import (
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
