// Command purgecss writes the part of Bootstrap Italia's stylesheet that the app's markup can
// use: web/bootstrap-italia/css/bootstrap-italia.min.css (612 KB, 76 KB in brotli on every
// first visit) becomes web/bootstrap-italia/css/bootstrap-italia.bando.css, the file the pages
// link.
//
// The app's classes are every word of every string literal in the Go sources under app/ and
// wasm/ (go-app sets classes from Go: .Class("btn btn-primary")); a word ending in "-" (from
// "alert-" + kind) keeps every class it starts. That over-keeps (prose words that happen to be
// class names) and never drops a class the markup names, as long as class names are written
// in the sources rather than assembled from smaller pieces — which is the rule here.
//
// A selector stays when every class it requires is used; classes inside :not(), :is(),
// :where() and attribute selectors are ignored (keeping more, never less). Element and :root
// rules stay. @keyframes and @font-face stay when a kept rule names them.
//
//	go run ./scripts/purgecss          # rewrite the purged file (make wasm does it)
//	go run ./scripts/purgecss -check   # exit 1 when it is out of date
//
// TestPurgedStylesheetUpToDate fails when a change to the UI needs the file rewritten.
// Standard library only.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

const (
	sourceCSS = "web/bootstrap-italia/css/bootstrap-italia.min.css"
	purgedCSS = "web/bootstrap-italia/css/bootstrap-italia.bando.css"
)

var sourceDirs = []string{"app", "wasm"}

func main() {
	root := flag.String("root", ".", "the repository's root")
	check := flag.Bool("check", false, "do not write: exit 1 when the purged stylesheet is out of date")
	flag.Parse()
	want, err := build(*root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "purgecss:", err)
		os.Exit(2)
	}
	out := filepath.Join(*root, purgedCSS)
	if *check {
		have, _ := os.ReadFile(out)
		if !bytes.Equal(have, want) {
			fmt.Fprintf(os.Stderr, "purgecss: %s is out of date: run go run ./scripts/purgecss\n", purgedCSS)
			os.Exit(1)
		}
		return
	}
	if err := os.WriteFile(out, want, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "purgecss:", err)
		os.Exit(2)
	}
}

// build returns the purged stylesheet for the repository at root.
func build(root string) ([]byte, error) {
	css, err := os.ReadFile(filepath.Join(root, sourceCSS))
	if err != nil {
		return nil, err
	}
	k := keeper{used: map[string]bool{}}
	for _, dir := range sourceDirs {
		if err := collectClasses(filepath.Join(root, dir), &k); err != nil {
			return nil, err
		}
	}
	return []byte(purge(string(css), k)), nil
}

// collectClasses adds the words of the string literals of the Go files under dir (tests
// excluded: their markup is the app's) to k.
func collectClasses(dir string, k *keeper) error {
	fset := token.NewFileSet()
	prefixes := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r > 0x7f || !isIdent(byte(r)) }) {
				switch {
				case strings.HasSuffix(w, "-") && len(w) >= 3:
					prefixes[w] = true
				default:
					k.used[w] = true
				}
			}
			return true
		})
		return nil
	})
	k.prefixes = append(k.prefixes, sortedKeys(prefixes)...)
	return err
}
